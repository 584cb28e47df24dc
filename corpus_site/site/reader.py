"""The annotated reader: an article's lines cut into segments at every quote boundary.

Quotes may overlap or nest; each segment knows every quote that covers it, so the page can
highlight it, link it to its innermost claim and still list all the others.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from corpus_site.corpus.corpus import Article, Quote

#: Where quotes of different stances overlap, the one a passage is marked with: disagreement first.
SHOWN_FIRST = ("disputes", "qualifies", "supports", "mentions")


@dataclass(frozen=True)
class Segment:
    text: str
    quotes: tuple[Quote, ...]
    """Quotes covering this segment, innermost (shortest) first."""
    starts: tuple[Quote, ...]
    """Quotes that begin at this segment (their anchors are placed here)."""

    @property
    def stance(self) -> str:
        stances = {quote.evidence.stance for quote in self.quotes}
        return stances.pop() if len(stances) == 1 else "mixed"

    @property
    def primary(self) -> Quote | None:
        return self.quotes[0] if self.quotes else None

    @property
    def quote_ids(self) -> str:
        return " ".join(quote.anchor_id for quote in self.quotes)

    @property
    def claim_ids(self) -> tuple[str, ...]:
        """The claims quoting this segment, innermost quote first, each once."""
        return tuple(dict.fromkeys(quote.claim_id for quote in self.quotes))

    @property
    def stances(self) -> tuple[str, ...]:
        """Every stance of the quotes covering this segment, in the order of :data:`SHOWN_FIRST`."""
        present = {quote.evidence.stance for quote in self.quotes}
        return tuple(stance for stance in SHOWN_FIRST if stance in present)

    @property
    def lead_stance(self) -> str:
        """The stance the segment is marked with: where quotes overlap, a dispute shows before a
        qualification, a qualification before a support, a support before a mention."""
        return self.stances[0] if self.stances else ""


@dataclass(frozen=True)
class Line:
    number: int
    segments: tuple[Segment, ...]
    non_article: bool
    quotes: tuple[Quote, ...]
    """Every quote that touches this line, in reading order."""
    plain_anchors: tuple[str, ...] = ()
    """Anchors that lead into this line without a highlight (old quote anchors, retired claims' quotes)."""

    @property
    def claims(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each claim that quotes this line, once, in reading order, with its quotes' stances here."""
        stances: dict[str, list[str]] = {}
        for quote in self.quotes:
            found = stances.setdefault(quote.claim_id, [])
            if quote.evidence.stance not in found:
                found.append(quote.evidence.stance)
        return tuple((claim_id, tuple(found)) for claim_id, found in stances.items())

    @property
    def claim_count(self) -> int:
        """How many claims quote this line."""
        return len({quote.claim_id for quote in self.quotes})

    @property
    def blank(self) -> bool:
        return not any(segment.text.strip() for segment in self.segments)


def annotate(article: Article, quotes: list[Quote], plain_anchors: Sequence[tuple[str, int]] = ()) -> list[Line]:
    text = article.text
    plain: dict[int, list[str]] = {}
    for anchor, at in plain_anchors:
        plain.setdefault(text.count("\n", 0, at), []).append(anchor)
    lines: list[Line] = []
    offset = 0
    for number, raw in enumerate(text.split("\n"), 1):
        start, end = offset, offset + len(raw)
        offset = end + 1
        touching = [quote for quote in quotes if quote.start < end and quote.end > start]
        cuts = {start, end}
        for quote in touching:
            cuts.update(point for point in (quote.start, quote.end) if start < point < end)
        points = sorted(cuts)
        segments = []
        for left, right in itertools.pairwise(points):
            covering = sorted(
                (quote for quote in touching if quote.start <= left and quote.end >= right),
                key=lambda quote: (quote.end - quote.start, quote.claim_id),
            )
            starting = tuple(quote for quote in touching if quote.start == left)
            segments.append(Segment(text[left:right], tuple(covering), starting))
        if not segments:
            segments.append(Segment("", (), ()))
        lines.append(Line(number, tuple(segments), number in article.non_article_lines, tuple(touching), tuple(plain.get(number - 1, ()))))
    return lines
