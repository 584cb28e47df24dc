"""Golden files: the generated page of each type for the small fixture corpus, byte for byte.

After an intended change, regenerate with `UPDATE_GOLDEN=1 pytest tests/test_golden.py` and review
the diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus_site.cite.cite import SiteInfo, cite_corpus
from corpus_site.corpus.loading import load_corpus
from corpus_site.site.pages import render_pages

from conftest import FIXTURES

GOLDEN = Path(__file__).parent / "golden"
PAGES = [
    "index.md",
    "claims/index.md",
    "claims/iran-funds-hamas-amount.md",
    "contested.md",
    "agreement.md",
    "tags.md",
    "tags/funding.md",
    "graph.md",
    "relations.md",
    "relations/iran-funds-hamas.md",
    "questions.md",
    "questions/how-much-funding.md",
    "differences.md",
    "blind-spots.md",
    "methodology.md",
    "actors/index.md",
    "actors/iran.md",
    "events/index.md",
    "events/hamas-attack-2023-10-07.md",
    "sources/index.md",
    "sources/alpha.md",
    "corrections.md",
]


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    corpus, problems = load_corpus(FIXTURES / "mini")
    assert not problems.errors
    site = SiteInfo("Test corpus", "https://example.org/test/", "v-test")
    return render_pages(corpus, site, cite_corpus(corpus, site))


@pytest.mark.parametrize("page", PAGES)
def test_generated_page_matches_golden(page: str, rendered: dict[str, str]) -> None:
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered[page], encoding="utf-8")
    assert rendered[page] == golden.read_text(encoding="utf-8")


def test_every_generated_page_type_has_a_golden_file(rendered: dict[str, str]) -> None:
    kinds = {page.split("/")[0] if "/" in page else page for page in rendered}
    covered = {page.split("/")[0] if "/" in page else page for page in PAGES}
    assert kinds == covered
