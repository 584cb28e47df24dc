"""Quote -> (start, end) in the seed text.

Exact search first. When the exact words are not there, the quote and the text are compared
after folding typographic quotes, dashes, the ellipsis and runs of white space, so that a quote
typed on an ordinary keyboard still anchors; the offsets always point into the original text and
the exported quote is always the exact seed substring. Only when that fails too does rapidfuzz
look for the closest passage, for the error message.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

_FOLD = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
    }
)

#: Fuzzy hints cost milliseconds each; past this many in one run we stop computing them so that a
#: file full of broken quotes still reports promptly.
MAX_FUZZY_HINTS = 200
#: Quotes longer than this are not fuzzy-matched (they are not quotes so much as pasted articles).
MAX_FUZZY_QUOTE = 2000


def fold(text: str) -> str:
    """The comparison form of a quote: typographic marks folded, white space collapsed."""
    folded = text.translate(_FOLD).replace("\u2026", "...")
    return " ".join(folded.split())


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int


@dataclass(frozen=True)
class Closest:
    """The passage of an article most like a quote that was not found."""

    start: int
    end: int
    score: float
    """Similarity, 0-100."""


class SeedText:
    """An article's text with a folded copy for matching and the map back to original offsets."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _folded(self) -> tuple[str, list[int]]:
        chars: list[str] = []
        origin: list[int] = []
        pending_space = False
        for index, char in enumerate(self.text):
            if char.isspace():
                pending_space = bool(chars)
                continue
            if pending_space:
                chars.append(" ")
                origin.append(index - 1)
                pending_space = False
            piece = "..." if char == "\u2026" else char.translate(_FOLD)
            for folded_char in piece:
                chars.append(folded_char)
                origin.append(index)
        origin.append(len(self.text))
        return "".join(chars), origin

    @cached_property
    def folded_text(self) -> str:
        """``fold(text)``: equal to the folded copy that :meth:`find_all` maps back, computed without
        the per-character offset map (which only a quote that is not found as typed needs)."""
        return fold(self.text)

    def find_all(self, quote: str) -> list[Anchor]:
        """Every place the quote occurs, exact matches if there are any, else folded matches."""
        exact = _occurrences(self.text, quote)
        if exact:
            return [Anchor(start, start + len(quote)) for start in exact]
        needle = fold(quote)
        if not needle:
            return []
        folded, origin = self._folded
        anchors = []
        for start in _occurrences(folded, needle):
            end = start + len(needle)
            anchors.append(Anchor(origin[start], origin[end - 1] + 1))
        return anchors

    def closest(self, quote: str) -> Closest | None:
        needle = fold(quote)
        folded, origin = self._folded
        if not needle or not folded or len(needle) > MAX_FUZZY_QUOTE:
            return None
        alignment = fuzz.partial_ratio_alignment(needle, folded)
        if alignment is None:
            return None
        start, end = _whole_words(folded, alignment.dest_start, alignment.dest_end)
        return Closest(origin[start], origin[max(start, end - 1)] + 1, alignment.score)

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen an alignment to word boundaries: a passage that starts mid-word reads as a typo."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def _occurrences(haystack: str, needle: str) -> list[int]:
    found = []
    start = haystack.find(needle)
    while start != -1:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found
