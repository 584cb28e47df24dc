"""`build_site.py quote "..."`: find passages for an editor and print a ready-to-paste snippet."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from corpus_site.corpus.anchor import fold
from corpus_site.corpus.corpus import Article
from corpus_site.corpus.loading import load_corpus


@dataclass(frozen=True)
class Match:
    source: str
    line: int
    score: float
    passage: str


def find_passages(articles: dict[str, Article], words: str, limit: int = 5) -> list[Match]:
    """Sentences (and lines) most like ``words``, best first, across all articles."""
    needle = fold(words)
    matches: list[Match] = []
    for article in articles.values():
        for number, line in enumerate(article.lines, 1):
            if not line.strip():
                continue
            for sentence in _sentences(line):
                score = fuzz.partial_ratio(needle, fold(sentence)) if len(sentence) >= len(needle) else fuzz.ratio(needle, fold(sentence))
                if score >= 60:
                    matches.append(Match(article.id, number, score, sentence))
    matches.sort(key=lambda match: (-match.score, match.source, match.line))
    return matches[:limit]


# Sentences may end inside typographic quotes, so the pattern names them on purpose.
_CLOSERS = '"\u201d\u2019)'
_OPENERS = "A-Z\u201c\"\u2018'("
_SENTENCE_END = re.compile(rf"(?:(?<=[.!?])|(?<=[.!?][{_CLOSERS}]))\s+(?=[{_OPENERS}])")


def _sentences(line: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(line.strip()) if part]


def print_matches(root: Path, words: str, limit: int) -> int:
    corpus, _problems = load_corpus(root)
    matches = find_passages(corpus.articles, words, limit)
    if not matches:
        print(f"no passage resembles {words!r}")
        return 1
    for match in matches:
        print(f"# {match.source} line {match.line} ({match.score:.0f}% match)")
        print(f"- source: {match.source}")
        print(f"  quote: {json.dumps(match.passage, ensure_ascii=False)}")
        print("  stance: supports  # supports | qualifies | disputes | mentions")
        print()
    return 0
