"""Citing and reuse: citations that parse and render, metadata that tools read, annotations that
re-locate their quotes, and published URLs that cannot silently disappear."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest

from corpus_site.cite.cite import citation_title
from corpus_site.cite.formats import bibtex
from corpus_site.cite.styles import apa, chicago
from corpus_site.corpus.loading import load_corpus
from corpus_site.site.permalinks import unpublished

from conftest import PROJECT, Run, Visit


def _claim_ids(site: Path) -> list[str]:
    return [claim["id"] for claim in json.loads((site / "data" / "claims.json").read_text(encoding="utf-8"))]


def test_every_claim_bibtex_parses(real_site: Path) -> None:
    for claim_id in _claim_ids(real_site):
        text = (real_site / "data" / "claims" / f"{claim_id}.bib").read_text(encoding="utf-8")
        library = bibtexparser.parse_string(text)
        assert not library.failed_blocks, claim_id
        (entry,) = library.entries
        assert entry.key == claim_id
        assert {"author", "title", "url", "date", "type"} <= set(entry.fields_dict)
        assert entry.fields_dict["type"].value.startswith("Claim, version ")


def test_bibtex_escapes_special_characters() -> None:
    item = {"id": "x", "type": "webpage", "title": "50% of {braces} & $dollars #1 under_score", "issued": {"date-parts": [[2026, 1, 2]]}}
    (entry,) = bibtexparser.parse_string(bibtex(item)).entries
    assert entry.fields_dict["title"].value == r"50\% of \{braces\} \& \$dollars \#1 under\_score"


def test_formatted_citations_escape_record_text() -> None:
    item = {
        "id": "x",
        "type": "webpage",
        "title": "A <script>alert(1)</script> & co",
        "author": [{"literal": "Site"}],
        "issued": {"date-parts": [[2026, 1, 2]]},
        "URL": "https://example.org/?a=1&b=<2>",
    }
    for style in (apa, chicago):
        html = str(style(item))
        assert "<script>" not in html.lower() and "&lt;script&gt;" in html.lower()
        assert "&amp;b=&lt;2&gt;" in html


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("name") or values.get("property")):
            self.meta[values.get("name") or values.get("property") or ""] = values.get("content") or ""
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href") or ""
        self._in_jsonld = tag == "script" and values.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False


def _head(page: Path) -> _Head:
    parser = _Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_claim_pages_carry_jsonld_and_citation_metadata(real_site: Path) -> None:
    claims = json.loads((real_site / "data" / "claims.json").read_text(encoding="utf-8"))
    for claim in claims:
        head = _head(real_site / claim["url"] / "index.html")
        (jsonld,) = head.jsonld
        data = json.loads(jsonld)
        assert data["@context"] == "https://schema.org" and data["@type"] == "Claim"
        assert data["text"] == claim["statement"]
        assert data["url"].endswith(claim["url"]) and data["identifier"] == claim["id"]
        sources = {item["source"] for item in claim["evidence"]}
        assert {appearance["identifier"] for appearance in data["appearance"]} == sources
        assert all(appearance["citation"] and appearance["datePublished"] for appearance in data["appearance"])
        assert head.meta["citation_title"] == citation_title(claim["statement"])
        assert head.meta["DC.identifier"] == head.canonical == data["url"]
        assert head.meta["og:url"] == data["url"] and head.meta["og:type"] == "article"


@pytest.mark.parametrize("kind", ["actors", "events", "sources"])
def test_other_record_pages_carry_citation_metadata(kind: str, real_site: Path) -> None:
    rows = json.loads((real_site / "data" / f"{kind}.json").read_text(encoding="utf-8"))
    for row in rows[:20]:
        page = real_site / row["url"] / "index.html"
        head = _head(page)
        assert head.meta["citation_public_url"] == head.canonical
        text = page.read_text(encoding="utf-8")
        assert 'id="cite-apa"' in text and 'id="cite-chicago"' in text and 'id="cite-bibtex"' in text
        for fmt in ("bib", "ris", "csl.json", "json"):
            assert (real_site / "data" / kind / f"{row['id']}.{fmt}").is_file()


def test_every_annotation_relocates_its_quote(real_site: Path) -> None:
    collection = json.loads((real_site / "data" / "annotations.jsonld").read_text(encoding="utf-8"))
    sources = {
        s["id"]: (PROJECT / "seeds" / s["seed_file"]).read_text(encoding="utf-8")
        for s in json.loads((real_site / "data" / "sources.json").read_text(encoding="utf-8"))
    }
    items = collection["first"]["items"]
    assert collection["total"] == len(items) > 500
    for annotation in items:
        source_id = annotation["target"]["source"].rstrip("/").rsplit("/", 1)[1]
        text = sources[source_id]
        quote, position = annotation["target"]["selector"]
        assert text[position["start"] : position["end"]] == quote["exact"]
        context = quote["prefix"] + quote["exact"] + quote["suffix"]
        assert text.find(context) == position["start"] - len(quote["prefix"])
        assert text.count(context) == 1


def test_manifest_lists_every_published_url() -> None:
    corpus, _ = load_corpus(PROJECT)
    assert unpublished(PROJECT, corpus, PROJECT / "docs") == [], "run: python build_site.py urls --update"


def _drop_claim(root: Path, claim_id: str) -> None:
    questions = root / "questions.yaml"  # it uses the claim as evidence
    questions.write_text(
        questions.read_text(encoding="utf-8").replace(
            f"      - claim: {claim_id}\n        ratings: {{about-100m: neutral, tens-of-millions: neutral}}\n", ""
        ),
        encoding="utf-8",
    )
    claims = (root / "claims.yaml").read_text(encoding="utf-8")
    start = claims.index(f"  - id: {claim_id}\n")
    end = claims.find("\n  - id: ", start + 1)
    (root / "claims.yaml").write_text(claims[:start] + (claims[end + 1 :] if end != -1 else ""), encoding="utf-8")


def test_removing_a_published_claim_fails_the_build_naming_it(mini: Path, cli: Callable[..., Run]) -> None:
    _drop_claim(mini, "hezbollah-surprised")
    result = cli("--root", mini, "build")
    assert result.code == 1
    line = next(line for line in result.problem_lines if "lost-url" in line)
    number = (mini / "urls.txt").read_text(encoding="utf-8").splitlines().index("claims/hezbollah-surprised/") + 1
    assert line == (
        f"urls.txt:{number}:1: error[lost-url]: published URL 'claims/hezbollah-surprised/' would disappear "
        "(keep the record (mark a claim 'retired:' with its successor) or map 'claims/hezbollah-surprised/' to its successor in redirects.yaml)"
    )
    assert not (mini / "site").exists()


def test_a_redirect_keeps_a_removed_url_working(mini: Path, cli: Callable[..., Run]) -> None:
    _drop_claim(mini, "hezbollah-surprised")
    (mini / "redirects.yaml").write_text("claims/hezbollah-surprised/: claims/iran-funds-hamas-amount/\n", encoding="utf-8")
    result = cli("--root", mini, "build")
    assert result.code == 0, result.err
    redirect = (mini / "site" / "claims" / "hezbollah-surprised" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"url=\.\./iran-funds-hamas-amount/", redirect)


def test_a_redirect_to_nowhere_is_an_error(mini: Path, cli: Callable[..., Run]) -> None:
    (mini / "redirects.yaml").write_text("claims/gone/: claims/nowhere/\n", encoding="utf-8")
    result = cli("--root", mini, "check")
    assert result.problem_lines == ["redirects.yaml:1:1: error[bad-redirect]: redirect target 'claims/nowhere/' is not a page of the site"]


def test_a_retired_claim_keeps_its_page(mini: Path, cli: Callable[..., Run]) -> None:
    claims = mini / "claims.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace(
            "    statement: Hezbollah was not told of the 7 October attack in advance.\n",
            "    statement: Hezbollah was not told of the 7 October attack in advance.\n"
            "    retired:\n      reason: Merged into a broader claim.\n      successors: [iran-funds-hamas-amount]\n",
        ),
        encoding="utf-8",
    )
    questions = mini / "questions.yaml"
    rating = "      - claim: hezbollah-surprised\n        ratings: {about-100m: neutral, tens-of-millions: neutral}\n"
    assert rating in questions.read_text(encoding="utf-8")
    result = cli("--root", mini, "build")
    assert result.problem_lines == [
        "questions.yaml:14:16: error[retired-claim]: question cites claim 'hezbollah-surprised', which is retired "
        "(cite its successors instead: iran-funds-hamas-amount)"
    ]
    questions.write_text(questions.read_text(encoding="utf-8").replace(rating, ""), encoding="utf-8")
    assert cli("--root", mini, "build").code == 0
    page = (mini / "site" / "claims" / "hezbollah-surprised" / "index.html").read_text(encoding="utf-8")
    assert "Retired claim." in page and "Merged into a broader claim." in page
    assert 'href="../iran-funds-hamas-amount/"' in page


def test_copy_button_copies_the_citation(real_site: Path, real_url: str, visit: Callable[..., Visit]) -> None:
    claim_id = _claim_ids(real_site)[0]
    record = visit(real_url + f"claims/{claim_id}/")
    page = record.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    button = page.locator("button[data-copy-target=cite-apa]")
    button.click()
    page.wait_for_function("document.querySelector('button[data-copy-target=cite-apa]').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#cite-apa").inner_text().strip()
    assert f"claims/{claim_id}/" in copied
