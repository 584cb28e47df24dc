"""Every page type at a desktop and a phone size: nothing to scroll sideways, nothing past the
screen's edge, and names, not record ids, in the text a reader sees (issue 16)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from layout_checks import OVERFLOW_JS, TEXT_JS, ids_in_text, record_ids
from test_browser import PAGE_TYPES, sample_pages

from conftest import Visit

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def exports(site: Path) -> dict[str, Any]:
    names = ("sources", "actors", "events", "claims", "questions", "relations")
    return {name: json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8")) for name in names}


def walked_pages(site: Path) -> dict[str, str]:
    """One URL of every page type, the pages this issue added among them."""
    pages = sample_pages(site)
    pages["tag"] = "tags/iran/"
    pages["corrections"] = "corrections/"
    pages["relation"] = "relations/iran-funds-hamas/"
    return pages


WALKED = [*PAGE_TYPES, "tag", "corrections", "relation"]


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("page_type", WALKED)
def test_page_fits_and_reads_in_names(page_type: str, size: str, real_site: Path, real_url: str, visit: Callable[..., Visit]) -> None:
    width, height = SIZES[size]
    record = visit(real_url + walked_pages(real_site)[page_type], width=width, height=height)
    page = record.page
    assert page.evaluate(OVERFLOW_JS) == [], f"{page_type} at {width}px"
    assert ids_in_text(page.evaluate(TEXT_JS), record_ids(exports(real_site))) == [], f"record ids shown as words on {page_type}"


def test_the_checks_catch_what_they_look_for(real_url: str, visit: Callable[..., Visit]) -> None:
    """The checks above are not vacuous: a wide table and an id in the text are both found."""
    page = visit(real_url + "claims/", width=390).page
    page.evaluate(
        "() => { const t = document.querySelector('.md-content .md-typeset'); const wide = document.createElement('div');"
        " wide.style.width = '900px'; wide.textContent = 'wide'; t.prepend(wide);"
        " const p = document.createElement('p'); p.textContent = 'as wotr says'; t.prepend(p); }"
    )
    assert page.evaluate(OVERFLOW_JS)
    assert ids_in_text(page.evaluate(TEXT_JS), {"wotr", "iran"}) == ["wotr"]


@pytest.mark.parametrize(
    ("path", "link", "expected"),
    [
        ("claims/", "a.ref-claim", "articles"),
        ("actors/", "a.ref-actor", ""),
        ("events/", "a.ref-event", ""),
        ("sources/", "a.ref-source", "quotes from this article"),
    ],
)
def test_hover_previews_open_on_hover_and_on_focus(path: str, link: str, expected: str, real_url: str, visit: Callable[..., Visit]) -> None:
    page = visit(real_url + path).page
    target = page.locator(link).first
    title = page.evaluate(
        "url => fetch(url).then(r => r.text()).then(t => new DOMParser().parseFromString(t, 'text/html').querySelector('h1').textContent.trim())",
        target.evaluate("a => a.href"),
    )
    target.hover()
    card = page.locator(".preview-card")
    card.wait_for(state="visible", timeout=5000)
    assert title in card.inner_text() and expected in card.inner_text()
    assert target.get_attribute("aria-describedby") == "preview-card"
    page.mouse.move(0, 0)
    card.wait_for(state="hidden", timeout=5000)
    # the keyboard: focus shows it, Escape hides it
    other = page.locator(link).nth(1)
    other.focus()
    card.wait_for(state="visible", timeout=5000)
    page.keyboard.press("Escape")
    card.wait_for(state="hidden", timeout=5000)
