"""The annotated reader in a browser: marks by stance, picking what to highlight, every claim of an
overlapping passage one step away, the margin list of each paragraph (issue 16)."""

from __future__ import annotations

from collections.abc import Callable

from conftest import Visit


def test_text_comes_before_the_metadata(real_url: str, visit: Callable[..., Visit]) -> None:
    page = visit(real_url + "sources/wotr/", width=1280).page
    assert page.locator("details.source-meta").get_attribute("open") is None
    top = page.locator(".article-text .line").first.bounding_box()
    assert top is not None and top["y"] < 800, "the article text starts within the first screen"


def test_picking_a_stance_highlights_only_its_passages(real_url: str, visit: Callable[..., Visit]) -> None:
    page = visit(real_url + "sources/wotr/").page
    assert page.locator("a.q.hit").count() == 0
    page.locator("select[data-reader-pick=stance]").select_option("disputes")
    hits = page.locator("a.q.hit")
    assert 0 < hits.count() < page.locator("a.q").count()
    for mark in hits.all():
        assert "disputes" in (mark.get_attribute("data-stances") or "").split()
    assert "highlighted" in page.locator(".reader-count").inner_text()


def test_picking_an_actor_highlights_the_passages_of_its_claims(real_url: str, visit: Callable[..., Visit]) -> None:
    page = visit(real_url + "sources/wotr/").page
    page.locator("select[data-reader-pick=actor]").select_option("hezbollah")
    assert page.locator("a.q.hit").count() > 0
    page.locator("select[data-reader-pick=actor]").select_option("")
    assert page.locator("a.q.hit").count() == 0


def test_every_claim_of_an_overlapping_passage_is_one_step_away(real_url: str, visit: Callable[..., Visit]) -> None:
    page = visit(real_url + "sources/wotr/").page
    multi = page.locator("a.q-multi").first
    claims = (multi.get_attribute("data-claims") or "").split()
    assert len(claims) > 1
    multi.click()
    menu = page.locator(".q-menu")
    assert menu.is_visible()
    hrefs = menu.locator("a.ref-claim").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert len(hrefs) == len(claims) and all(f"/claims/{claim}/" in href for claim, href in zip(claims, hrefs, strict=True))
    # keyboard: focus is in the list, Escape closes it and gives focus back to the passage
    assert page.evaluate("document.activeElement.closest('.q-menu') !== null")
    page.keyboard.press("Escape")
    assert page.locator(".q-menu").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('q-multi')")


def test_wide_screens_list_each_paragraphs_claims_in_the_margin(real_url: str, visit: Callable[..., Visit]) -> None:
    page = visit(real_url + "sources/wotr/", width=1280).page
    line = page.locator(".line.quoted").first
    text, margin = line.locator("p").bounding_box(), line.locator(".line-claims").bounding_box()
    assert text and margin and margin["x"] > text["x"] + text["width"] - 1, "the claims sit beside the text"
    assert line.locator(".line-claims li .stance").first.is_visible()
    phone = visit(real_url + "sources/wotr/", width=390).page
    assert phone.locator(".line.quoted .line-claims").first.get_attribute("open") is None
