"""Shared fixtures: a small valid corpus to break in controlled ways, and a CLI runner."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from corpus_site.devtools.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).resolve().parent.parent
# builds under test are publishable ones: the placeholder address makes every build warn (and
# --strict fail); tests of that guard remove this
os.environ.setdefault("SITE_URL", "https://corpus.example.net/axis/")

FUZZ_LONG = False
"""``--fuzz-long`` was given: the Hypothesis fuzz tests (test_fuzz.py) run 2,000 examples, not a quick sample.
Set before the test modules are collected, so their ``@settings`` can read it."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        default=False,
        help="run the fuzz tests (tests/test_fuzz.py) with 2,000 examples instead of a quick sample",
    )


#: Fixtures that make a test a browser test, or a slow one (the real site is built once, in seconds).
BROWSER_FIXTURES = {"browser", "visit", "real_url"}
SLOW_FIXTURES = {"real_site"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


def pytest_configure(config: pytest.Config) -> None:
    global FUZZ_LONG
    FUZZ_LONG = bool(config.getoption("--fuzz-long"))


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def problem_lines(self) -> list[str]:
        """The located problem lines (``file:line:col: level[code]: ...``), without the summary."""
        return [line for line in self.err.splitlines() if ": error[" in line or ": warning[" in line]


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh copy of the small valid corpus in tests/fixtures/mini."""
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "mini", root)
    return root


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(*args: str | Path) -> Run:
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real corpus, built once per test session."""
    site = tmp_path_factory.mktemp("real") / "site"
    code = main(["build", "--strict", "--site-dir", str(site)])
    assert code == 0, "the real site did not build"
    return site


@pytest.fixture(scope="session")
def real_url(real_site: Path) -> Iterator[str]:
    from browser import serve

    with serve(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    page: Any
    outside_requests: list[str]
    console_errors: list[str]


@pytest.fixture
def visit(browser: Any) -> Iterator[Callable[..., Visit]]:
    """Open a URL in a fresh page, recording console errors and requests that leave loopback."""
    contexts: list[Any] = []

    def open_page(url: str, *, color_scheme: str = "light", width: int = 1280, height: int = 900, touch: bool = False) -> Visit:
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=color_scheme, has_touch=touch)
        contexts.append(context)
        page = context.new_page()
        record = Visit(page, [], [])
        page.on(
            "request",
            lambda request: (
                None if request.url.startswith(("http://127.0.0.1", "data:", "blob:")) else record.outside_requests.append(request.url)
            ),
        )
        page.on("console", lambda message: record.console_errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: record.console_errors.append(str(error)))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return record

    yield open_page
    for context in contexts:
        context.close()
