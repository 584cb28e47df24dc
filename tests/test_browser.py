"""What a reader sees, in a real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Visit


def sample_pages(site: Path) -> dict[str, str]:
    """One URL of every page type, picked from the data exports of the real build."""
    data = {
        name: json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8")) for name in ("sources", "actors", "events", "claims")
    }
    claim = max(data["claims"], key=lambda c: len({e["source"] for e in c["evidence"]}))
    return {
        "home": "",
        "claims index": "claims/",
        "claim": claim["url"],
        "contested": "contested/",
        "agreement matrix": "agreement/",
        "tags": "tags/",
        "actors index": "actors/",
        "actor": next(a["url"] for a in data["actors"] if a["id"] == "hezbollah"),
        "graph": "graph/",
        "relations index": "relations/",
        "timeline": "events/",
        "event": data["events"][0]["url"],
        "sources index": "sources/",
        "source": data["sources"][0]["url"],
        "editing": "editing/",
        "about": "about/",
        "how to cite": "how-to-cite/",
        "questions index": "questions/",
        "question": "questions/iran-role-in-oct7/",
        "differences": "differences/",
        "blind spots": "blind-spots/",
        "methodology": "methodology/",
    }


PAGE_TYPES = [
    "home",
    "claims index",
    "claim",
    "contested",
    "agreement matrix",
    "tags",
    "actors index",
    "actor",
    "graph",
    "relations index",
    "timeline",
    "event",
    "sources index",
    "source",
    "editing",
    "about",
    "how to cite",
    "questions index",
    "question",
    "differences",
    "blind spots",
    "methodology",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_loads_clean_and_self_contained(
    page_type: str, scheme: str, real_site: Path, real_url: str, visit: Callable[..., Visit]
) -> None:
    record = visit(real_url + sample_pages(real_site)[page_type], color_scheme=scheme)
    assert record.console_errors == []
    assert record.outside_requests == []
    assert record.page.locator("h1").first.inner_text().strip()


def test_claim_page_has_one_row_per_article(real_site: Path, real_url: str, visit: Callable[..., Visit]) -> None:
    sources = json.loads((real_site / "data" / "sources.json").read_text(encoding="utf-8"))
    claims = json.loads((real_site / "data" / "claims.json").read_text(encoding="utf-8"))
    claim = next(c for c in claims if len({e["source"] for e in c["evidence"]}) < len(sources))
    page = visit(real_url + claim["url"]).page
    rows = page.locator(".source-row")
    assert rows.count() == len(sources)
    silent = page.locator(".source-row.silent")
    assert silent.count() == len(sources) - len({e["source"] for e in claim["evidence"]})
    assert "silent" in silent.first.inner_text()


def test_clicking_a_highlight_in_a_source_opens_its_claim(real_site: Path, real_url: str, visit: Callable[..., Visit]) -> None:
    page = visit(real_url + "sources/portal/").page
    highlight = page.locator("a.q:not(.q-multi)").first
    claim_href = highlight.get_attribute("href")
    assert claim_href and "/claims/" in claim_href
    with page.expect_navigation():
        highlight.click()
    assert re.search(r"/claims/[a-z0-9-]+/$", page.url)
    assert page.locator(".record-claim h1").inner_text().strip()


def test_evidence_link_opens_the_highlighted_span(real_site: Path, real_url: str, visit: Callable[..., Visit]) -> None:
    claims = json.loads((real_site / "data" / "claims.json").read_text(encoding="utf-8"))
    page = visit(real_url + claims[0]["url"]).page
    with page.expect_navigation():
        page.locator("blockquote.evidence footer a", has_text="in the article").first.click()
    fragment = page.url.split("#", 1)[1]
    assert fragment.startswith("q-")
    targeted = page.locator("a.q.targeted")
    assert targeted.count() >= 1
    assert fragment in targeted.first.get_attribute("data-q").split()


def test_search_finds_an_actor_by_alias(real_url: str, visit: Callable[..., Visit]) -> None:
    page = visit(real_url).page
    page.locator("input.md-search__input").click()
    page.keyboard.type("Hizballah")
    # the results of the whole query, not of the letters typed so far
    page.locator('.md-search-result__list[data-query="Hizballah"] .md-search-result__item').first.wait_for(timeout=30000)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(link => link.getAttribute('href') || '')")
    assert any("/actors/hezbollah/" in href for href in hrefs)


def test_search_finds_a_claim_by_words_of_a_quote(real_url: str, visit: Callable[..., Visit]) -> None:
    page = visit(real_url).page
    page.locator("input.md-search__input").click()
    page.keyboard.type("woke up to a war")
    page.locator('.md-search-result__list[data-query="woke up to a war"] .md-search-result__item').first.wait_for(timeout=30000)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(link => link.getAttribute('href') || '')")
    assert any("/claims/" in href for href in hrefs)


def test_timeline_filters_by_actor(real_url: str, visit: Callable[..., Visit]) -> None:
    page = visit(real_url + "events/").page
    total = page.locator("#timeline li").count()
    with_hezbollah = page.locator("#timeline li[data-actor~=hezbollah]").count()
    # by an alias: the page carries no list of every actor, only each event's own names
    page.locator("input[data-filter=text]").fill("Hizballah")
    shown = page.locator("#timeline li:not([hidden])")
    assert 0 < shown.count() < total
    assert shown.count() == with_hezbollah
    for item in shown.all():
        assert "hezbollah" in (item.get_attribute("data-actor") or "").split()
    assert page.locator(".filter-count").inner_text() == f"{shown.count()} of {total} shown"
    assert page.locator("select[data-filter=actor]").count() == 0


@pytest.mark.parametrize(("path", "target"), [("claims/", "claim-table"), ("actors/", "actor-table")])
def test_index_word_filters_find_an_actor_by_an_alias(real_url: str, visit: Callable[..., Visit], path: str, target: str) -> None:
    page = visit(real_url + path).page
    rows = page.locator(f"#{target} tbody tr")
    total = rows.count()
    page.locator(".filters input[data-filter=text]").fill("Hizballah")  # the claims say "Hezbollah"
    shown = page.locator(f"#{target} tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    assert all("hezbollah" in (row.get_attribute("data-text") or "") for row in shown.all())
    assert page.locator(".filter-count").inner_text() == f"{shown.count()} of {total} shown"


def test_matrix_filters_by_agreement(real_url: str, visit: Callable[..., Visit]) -> None:
    page = visit(real_url + "agreement/").page
    page.locator("select[data-filter=agreement]").select_option("contested")
    rows = page.locator("#matrix tbody tr:not([hidden])")
    assert rows.count() > 0
    assert all(row.get_attribute("data-agreement") == "contested" for row in rows.all())


def test_phone_width_has_no_horizontal_page_scroll(real_site: Path, real_url: str, visit: Callable[..., Visit]) -> None:
    for page_type in ("claim", "source", "home"):
        page = visit(real_url + sample_pages(real_site)[page_type], width=390).page
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page_type


def test_keyboard_reaches_the_first_highlight(real_url: str, visit: Callable[..., Visit]) -> None:
    page = visit(real_url + "sources/portal/").page
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('q') && !document.activeElement.classList.contains('q-multi')"):
            break
    else:
        pytest.fail("no highlighted quote reachable by keyboard within 150 tabs")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/claims/" in page.url


@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(
    page_type: str, scheme: str, real_site: Path, real_url: str, visit: Callable[..., Visit]
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = visit(real_url + sample_pages(real_site)[page_type], color_scheme=scheme).page
    violations = Axe().run(page).response["violations"]
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in violations
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
