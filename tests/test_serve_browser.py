"""The editor's loop in a real browser: `serve` running, the data broken and fixed under an open page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import PROJECT, Run

EDITOR = "vscode://file/{path}:{line}:{col}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = time.time_ns() + 5_000_000
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def tab(browser: Any) -> Iterator[Callable[[str], Any]]:
    """Open a URL in a fresh page, as `visit` does, waiting for the page's load only: the live-reload
    request of `serve` stays open, so the network is never idle."""
    contexts: list[Any] = []

    def open_page(url: str) -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.outside = []
        page.errors = []
        page.on(
            "request", lambda request: None if request.url.startswith(("http://127.0.0.1", "data:")) else page.outside.append(request.url)
        )
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(url, wait_until="load")
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def served(mini: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`build_site.py serve` on a copy of the small corpus; yields its URL and the log file."""
    port = _free_port()
    log_path = tmp_path / "serve.log"
    log = log_path.open("w", encoding="utf-8")
    command = [sys.executable, str(PROJECT / "build_site.py"), "--root", str(mini), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen([*command, "--editor", EDITOR], stdout=log, stderr=subprocess.STDOUT, cwd=PROJECT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while not _answers(url):
            assert time.monotonic() < deadline, "serve never answered:\n" + log_path.read_text(encoding="utf-8")
            assert server.poll() is None, "serve stopped:\n" + log_path.read_text(encoding="utf-8")
            time.sleep(0.25)
        yield url, log_path
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def test_the_overlay_shows_the_errors_keeps_navigation_and_clears_on_fix(
    served: tuple[str, Path], mini: Path, tab: Callable[[str], Any], cli: Callable[..., Run]
) -> None:
    url, log_path = served
    claims = mini / "claims.yaml"
    good = claims.read_text(encoding="utf-8")
    broken = good.replace("actors: [iran, hamas]", "actors: [iran, hamass]").replace(
        "quote: Hezbollah knew nothing of the attack", "quote: Hezbollah knew nothing about the attack"
    )
    # what the terminal prints for the same data: the overlay must show exactly this
    expected_dir = mini.parent / "expected"
    expected_dir.mkdir()
    for item in mini.iterdir():
        target = expected_dir / item.name
        if item.is_dir():
            import shutil

            shutil.copytree(item, target)
        else:
            target.write_bytes(item.read_bytes())
    (expected_dir / "claims.yaml").write_text(broken, encoding="utf-8")
    expected = cli("--root", expected_dir, "check").problem_lines
    assert any("error[unknown-actor]" in line and "did you mean 'hamas'?" in line for line in expected)
    assert any("error[quote-not-found]" in line and "closest passage" in line for line in expected)

    page = tab(url + "claims/iran-funds-hamas-amount/")
    assert page.locator("#corpus-overlay").count() == 0

    _save(claims, broken)
    started = time.monotonic()
    page.wait_for_selector("#corpus-overlay", timeout=2000)  # the page reloads by itself, the problems on top
    shown = time.monotonic() - started
    page.wait_for_load_state("domcontentloaded")
    items = page.locator("#corpus-overlay li").all_inner_texts()
    assert [text.strip() for text in items] == [line for line in expected if ": error[" in line or ": warning[" in line], items
    link = page.locator("#corpus-overlay li a").first.get_attribute("href") or ""
    assert link.startswith("vscode://file/") and link.endswith(f"/claims.yaml:{expected[0].split(':')[1]}:{expected[0].split(':')[2]}")
    print(f"overlay shown {shown:.2f}s after the save")

    # navigation never hangs: another page opens at once, the last good build under the same overlay
    started = time.monotonic()
    page.goto(url + "actors/iran/", timeout=5000)
    assert page.locator("#corpus-overlay").count() == 1
    assert page.locator("h1").first.inner_text().strip().startswith("Iran")
    page.goto(url + "claims/iran-funds-hamas-amount/", timeout=5000)
    assert time.monotonic() - started < 5

    fixed = good.replace("about $100 million a year.", "about $100 million every year.")
    _save(claims, fixed)
    page.wait_for_selector("#corpus-overlay", state="detached", timeout=5000)
    page.wait_for_load_state("domcontentloaded")
    assert "about $100 million every year." in page.locator("h1").first.inner_text()
    assert page.outside == [] and page.errors == []
    log = log_path.read_text(encoding="utf-8")
    assert "claims.yaml changed: 2 error(s), the last good site stays" in log
    assert "claims.yaml changed:" in log and "incremental rebuild" in log
    assert "not included in the" not in log, "MkDocs' nav noise is back"


def test_select_to_quote_offers_the_exact_quote_and_the_claims_quoting_it(served: tuple[str, Path], tab: Callable[[str], Any]) -> None:
    url, _log = served
    page = tab(url + "sources/alpha/")
    page.wait_for_function("() => !!document.querySelector('script[src*=\"quote-select.js\"]')")
    # select the words of a quoted passage as the page shows them, as a reader would with the mouse
    page.evaluate(
        """() => {
        const walker = document.createTreeWalker(document.querySelector('.article-text'), NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const at = node.textContent.indexOf('about $100 million');
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + 'about $100 million'.length);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                document.dispatchEvent(new MouseEvent('mouseup'));
                return;
            }
        }
        throw new Error('passage not on the page');
    }"""
    )
    page.click("#corpus-quote-button", timeout=3000)
    panel = page.wait_for_selector("#corpus-quote-panel .evidence-yaml", timeout=3000)
    assert (
        panel.inner_text()
        == '- source: alpha\n  quote: "about $100 million"\n  stance: supports  # supports | qualifies | disputes | mentions: which one?\n'
    )
    claims = page.locator("#corpus-quote-panel .quoting-claims li").all_inner_texts()
    assert any(text.startswith("iran-funds-hamas-amount (supports)") for text in claims), claims
    assert page.errors == []
