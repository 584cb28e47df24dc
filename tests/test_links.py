"""The built site: every internal link and anchor resolves; nothing is loaded from outside."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if values.get("name") and tag == "a":
            self.ids.add(values["name"] or "")
        if tag == "link" and values.get("rel") == "canonical":
            return  # names the published address; the browser does not fetch it
        for attribute in ("href", "src"):
            if values.get(attribute) is not None:
                self.links.append((tag, values[attribute] or ""))


def _parse(path: Path) -> _Collect:
    parser = _Collect()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(real_site: Path) -> None:
    # 404.html is served for any missing path, so MkDocs writes it with root-absolute URLs on purpose
    pages = {path: _parse(path) for path in real_site.rglob("*.html") if path.name != "404.html"}
    ids = {path.resolve(): parsed.ids for path, parsed in pages.items()}
    broken: list[str] = []
    checked = 0
    for path, parsed in pages.items():
        for _tag, url in parsed.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            checked += 1
            if parts.path:
                target = (path.parent / unquote(parts.path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
            else:
                target = path.resolve()
            if not target.exists():
                broken.append(f"{path.relative_to(real_site)}: {url}")
                continue
            if parts.fragment and target.suffix == ".html" and target in ids and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{path.relative_to(real_site)}: {url} (no such anchor)")
    assert checked > 10000
    assert broken == []


def test_nothing_is_loaded_from_outside(real_site: Path) -> None:
    outside = []
    for path in real_site.rglob("*.html"):
        for tag, url in _parse(path).links:
            if tag in ("script", "link", "img", "iframe", "source", "audio", "video") and urlsplit(url).netloc:
                outside.append(f"{path.relative_to(real_site)}: <{tag}> {url}")
    assert outside == []
    for path in real_site.rglob("*.css"):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "fonts.googleapis" not in text and "@import url(http" not in text, path


def test_record_pages_stay_out_of_the_navigation(real_site: Path) -> None:
    home = (real_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary') :]
    nav = nav[: nav.index("</nav>")]
    assert nav.count("md-nav__link") < 40


def test_links_are_relative_so_the_site_works_from_any_folder(real_site: Path) -> None:
    for page in (real_site / "claims" / "index.html", real_site / "sources" / "portal" / "index.html"):
        for _tag, url in _parse(page).links:
            assert not url.startswith("/"), url
