"""Overview pages in parts: a reader's cost stays flat as the corpus grows.

An overview page (the agreement matrix, the tags, the indexes of claims, actors, events and relations,
the contested claims, the blind spots, where the sources differ) lists rows that grow with the corpus. Past
a number of rows per page it is split into numbered pages (``agreement/``, ``agreement/page/2/`` ...), each
with a pager, so that no page grows past a few hundred kilobytes at any size of corpus. The real
corpus fits on one page of each, so its addresses do not change; the numbered pages are not permanent
addresses (their rows move as the corpus grows) and stay out of urls.txt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: How much a page may hold, by template, in units of a row (most rows weigh 1; a contested claim
#: weighs its quotes, an article's list of claims only it carries weighs a quarter per claim): chosen
#: from the bytes a row takes in the benchmark's synthetic corpus, so that a page stays near 400 KB
#: at any scale, well under 1 MB. The real corpus fits on one page of each.
ROWS_PER_PAGE = {
    "agreement.md.j2": 400,
    "claims_index.md.j2": 400,  # its rows carry their actors' aliases for the word filter
    "tag.md.j2": 800,  # one tag's claims (an actor or event a quarter)
    "contested.md.j2": 500,
    "tags.md.j2": 1500,
    "blind_spots.md.j2": 700,
    "actors_index.md.j2": 1000,
    "events_index.md.j2": 800,
    "differences.md.j2": 200,
    "relations_index.md.j2": 500,
}


@dataclass(frozen=True)
class PageLink:
    number: int
    href: str
    current: bool


@dataclass(frozen=True)
class Part:
    """One page of an overview: its rows and the way to the others."""

    number: int
    """1-based."""
    count: int
    """How many pages the overview has."""
    rows: Sequence[Any]
    first_row: int
    """1-based position of the page's first row among all rows."""
    last_row: int
    total_rows: int
    links: tuple[PageLink, ...] = ()
    """Every page of the overview, for the pager (empty when there is one page)."""
    previous: str = ""
    next: str = ""


def part_url(url: str, number: int) -> str:
    """The address of page ``number`` of the overview at ``url``: 'agreement/' -> 'agreement/page/2/'
    (a folder no record id can take: a claim 'page' would live at 'claims/page/')."""
    return url if number == 1 else f"{url}page/{number}/"


def split(weights: Sequence[float], budget: float) -> list[tuple[int, int]]:
    """Consecutive (start, end) ranges of rows, each weighing at most ``budget`` (a heavier row
    gets a page of its own); at least one range, empty when there are no rows."""
    ranges: list[tuple[int, int]] = []
    start, load = 0, 0.0
    for index, weight in enumerate(weights):
        if index > start and load + weight > budget:
            ranges.append((start, index))
            start, load = index, 0.0
        load += weight
    ranges.append((start, len(weights)))
    return ranges
