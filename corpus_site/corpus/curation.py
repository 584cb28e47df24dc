"""Helpers for the editors: which paragraphs of an article no claim quotes yet, which known actors an
article names, and a selected passage turned into a ready-to-paste evidence item."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from corpus_site.corpus.corpus import Article, Corpus, Quote
from corpus_site.records.model import Actor

STANCE_PLACEHOLDER = "supports  # supports | qualifies | disputes | mentions: which one?"


def uncurated_lines(article: Article, quotes: Iterable[Quote]) -> list[int]:
    """1-based numbers of the article's paragraphs (non-blank lines of article text) that no quote touches."""
    starts = [0]
    for line in article.lines:
        starts.append(starts[-1] + len(line) + 1)
    touched: set[int] = set()
    for quote in quotes:
        first = bisect.bisect_right(starts, quote.start)
        last = bisect.bisect_left(starts, quote.end)
        touched.update(range(first, max(first, last) + 1))
    return [number for number in article.article_line_numbers() if number not in touched]


def paragraph_count(article: Article) -> int:
    """The article's paragraphs: non-blank lines of article text."""
    return len(article.article_line_numbers())


@dataclass(frozen=True)
class Named:
    """A known actor an article names, by one of its names or aliases."""

    actor: str
    name: str
    alias: str
    count: int
    first_line: int


def named_actors(text: str, actors: Mapping[str, Actor]) -> list[Named]:
    """Known actors whose name or an alias occurs in ``text`` as whole words (case as written), most
    mentioned first."""
    found = []
    for actor in actors.values():
        best: tuple[int, str, int] | None = None
        for alias in dict.fromkeys([actor.name, *actor.aliases]):
            if not alias.strip():
                continue
            matches = list(re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text))
            if matches and (best is None or len(matches) > best[0]):
                best = (len(matches), alias, text.count("\n", 0, matches[0].start()) + 1)
        if best is not None:
            found.append(Named(actor.id, actor.name, best[1], best[0], best[2]))
    return sorted(found, key=lambda named: (-named.count, named.first_line, named.actor))


def evidence_yaml(source_id: str, quote: str) -> str:
    """A ready-to-paste evidence item (the stance left for the editor to choose)."""
    return f"- source: {source_id}\n  quote: {json.dumps(quote, ensure_ascii=False)}\n  stance: {STANCE_PLACEHOLDER}\n"


def evidence_for(corpus: Corpus, source_id: str, selected: str) -> dict[str, Any]:
    """A passage selected on an article page, located in its text (white space and typographic marks
    as the page shows them do not matter): the exact quote, its evidence item, and the claims that
    already quote any part of it."""
    article = corpus.articles.get(source_id)
    if article is None:
        return {"found": False, "reason": f"no article '{source_id}'"}
    selected = selected.strip()
    anchors = article.seed.find_all(selected) if selected else []
    if not anchors:
        return {"found": False, "reason": "the selection is not a passage of this article's text (select within one article)"}
    anchor = anchors[0]
    quote = article.text[anchor.start : anchor.end]
    claims: dict[str, dict[str, str]] = {}
    for item in corpus.quotes_by_source.get(source_id, []):
        if item.start < anchor.end and item.end > anchor.start and item.claim_id not in claims:
            view = corpus.claims.get(item.claim_id)
            statement = view.claim.statement if view is not None else ""
            claims[item.claim_id] = {"id": item.claim_id, "statement": statement, "stance": item.evidence.stance}
    return {
        "found": True,
        "source": source_id,
        "quote": quote,
        "start": anchor.start,
        "end": anchor.end,
        "occurrences": len(anchors),
        "yaml": evidence_yaml(source_id, quote),
        "claims": list(claims.values()),
    }
