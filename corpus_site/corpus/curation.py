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


class ActorNames:
    """Every name and alias of the known actors in one expression (whole words, case as written):
    an article is read once, however many actors there are. Keep one per corpus."""

    def __init__(self, actors: Mapping[str, Actor]) -> None:
        self.owners: dict[str, list[str]] = {}
        for actor in actors.values():
            for alias in dict.fromkeys([actor.name, *actor.aliases]):
                if alias.strip():
                    self.owners.setdefault(alias, []).append(actor.id)
        self.names = {actor.id: actor.name for actor in actors.values()}
        aliases = sorted(self.owners, key=lambda alias: (-len(alias), alias))
        self.pattern = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, aliases))})(?!\w)") if aliases else None

    def named(self, text: str) -> list[Named]:
        """The known actors ``text`` names, most mentioned first (each by its most frequent alias)."""
        if self.pattern is None:
            return []
        counts: dict[str, dict[str, int]] = {}
        first: dict[str, int] = {}
        for match in self.pattern.finditer(text):
            for actor_id in self.owners[match.group(0)]:
                counts.setdefault(actor_id, {}).setdefault(match.group(0), 0)
                counts[actor_id][match.group(0)] += 1
                first.setdefault(actor_id, match.start())
        found = []
        for actor_id, by_alias in counts.items():
            alias = max(by_alias, key=lambda name: (by_alias[name], name))
            line = text.count("\n", 0, first[actor_id]) + 1
            found.append(Named(actor_id, self.names[actor_id], alias, sum(by_alias.values()), line))
        return sorted(found, key=lambda named: (-named.count, named.first_line, named.actor))


def named_actors(text: str, actors: Mapping[str, Actor]) -> list[Named]:
    """Known actors whose name or an alias occurs in ``text`` as whole words (case as written), most
    mentioned first."""
    return ActorNames(actors).named(text)


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
