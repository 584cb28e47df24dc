"""Every string from the records is text: HTML, script, Markdown and template syntax never run or render."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from browser import serve
from conftest import FIXTURES, PROJECT, Run, Visit

PAYLOAD = (
    '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
    ' **md** [x](javascript:window.__xss=3) {: onclick="window.__xss=4"} {{ 7*7 }} {% if true %}J{% endif %}'
    " </title><b>bold</b> &amp; ${x}"
)
SEED_PAYLOAD = "A line with <script>window.__xss=5</script> and <b>markup</b> and {{ 7*7 }} in it."


def _inject(value: Any, fields: set[str]) -> Any:
    if isinstance(value, dict):
        return {
            key: (f"{item} {PAYLOAD}" if key in fields and isinstance(item, str) else _inject(item, fields)) for key, item in value.items()
        }
    if isinstance(value, list):
        return [_inject(item, fields) for item in value]
    return value


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    import shutil

    from corpus_site.cli import main

    root = tmp_path_factory.mktemp("payload") / "corpus"
    shutil.copytree(FIXTURES / "mini", root)
    text_fields = {
        "title",
        "outlet",
        "byline",
        "date_basis",
        "notes",
        "note",
        "name",
        "description",
        "role",
        "period",
        "location",
        "summary",
        "date_note",
        "statement",
        "attribution",
    }
    for rel in ("seeds/sources.yaml", "actors.yaml", "events.yaml", "claims.yaml"):
        path = root / rel
        data = _inject(yaml.safe_load(path.read_text(encoding="utf-8")), text_fields)
        if rel == "actors.yaml":
            data["actors"][0]["aliases"].append(PAYLOAD)
            data["actors"][0]["affiliations"] = [{"actor": "hamas", "role": "x"}]
            data["actors"][0] = _inject(data["actors"][0], {"role"})
        if rel == "claims.yaml":
            data["claims"][0]["evidence"].append({"source": "alpha", "quote": SEED_PAYLOAD, "stance": "mentions", "note": PAYLOAD})
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with (root / "seeds" / "a.txt").open("a", encoding="utf-8") as seed:
        seed.write(SEED_PAYLOAD + "\n")
    site = root / "site"
    assert main(["--root", str(root), "build"]) == 0
    with serve(site) as url:
        yield site, url


PAGES = [
    "",
    "claims/",
    "claims/iran-funds-hamas-amount/",
    "contested/",
    "agreement/",
    "tags/",
    "actors/",
    "actors/iran/",
    "events/",
    "events/hamas-attack-2023-10-07/",
    "sources/",
    "sources/alpha/",
]


@pytest.mark.parametrize("path", PAGES)
def test_payloads_never_execute_or_render_as_markup(path: str, payload_site: tuple[Path, str], visit: Callable[..., Visit]) -> None:
    _site, url = payload_site
    record = visit(url + path)
    page = record.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("main b, article b").filter(has_text="bold").count() == 0
    assert page.locator("main a[href^='javascript:']").count() == 0
    body = page.locator("body").inner_text()
    assert "49" not in body.replace("2023", "")  # the template expression stayed text
    assert dialogs == []
    assert record.outside_requests == []


def test_payloads_appear_as_literal_text(payload_site: tuple[Path, str], visit: Callable[..., Visit]) -> None:
    _site, url = payload_site
    page = visit(url + "claims/iran-funds-hamas-amount/").page
    heading = page.locator("h1").first.inner_text()
    assert "<script>window.__xss=1</script>" in heading
    assert "{{ 7*7 }}" in heading and "{% if true %}J{% endif %}" in heading
    assert "**md** [x](javascript:window.__xss=3)" in heading
    assert "</title><b>bold</b> &amp; ${x}" in heading
    assert page.title().startswith("Iran gives Hamas about $100 million a year. <script>window.__xss=1</script>")
    reader = visit(url + "sources/alpha/").page
    assert SEED_PAYLOAD in reader.locator(".article-text").inner_text()


def test_search_results_show_payload_as_text(payload_site: tuple[Path, str], visit: Callable[..., Visit]) -> None:
    _site, url = payload_site
    page = visit(url).page
    page.locator("input.md-search__input").click()
    page.keyboard.type("Hamas")
    page.locator(".md-search-result__item").first.wait_for(timeout=30000)
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator(".md-search-result img[src=x]").count() == 0


def test_payload_corpus_exports_exact_text(payload_site: tuple[Path, str], cli: Callable[..., Run]) -> None:
    import json

    site, _url = payload_site
    claims = json.loads((site / "data" / "claims.json").read_text(encoding="utf-8"))
    assert claims[0]["statement"].endswith(PAYLOAD)
    assert any(item["quote"] == SEED_PAYLOAD for item in claims[0]["evidence"])


def test_description_with_quotes_ampersands_and_brackets_reaches_the_head_whole(mini: Path, tmp_path: Path) -> None:
    import html.parser
    import shutil

    from corpus_site.devtools.cli import main as run
    from corpus_site.site.project import Project

    project = tmp_path / "project"
    shutil.copytree(PROJECT / "docs", project / "docs")
    description = 'The "Axis" & <friends>: a test'
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: corpus_site/site/theme", f"custom_dir: {PROJECT / 'corpus_site/site/theme'}")
    lines = [
        f"site_description: {json.dumps(description)}" if line.startswith("site_description:") else line for line in config.splitlines()
    ]
    (project / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(["--root", str(mini), "build", "--site-dir", str(tmp_path / "site")], Project(project)) == 0

    class Head(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            if tag == "meta" and values.get("name") == "description":
                self.found.append(values.get("content") or "")

    parser = Head()
    parser.feed((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    assert parser.found == [description]
