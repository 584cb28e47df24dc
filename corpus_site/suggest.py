"""'Did you mean ...?' suggestions, shared by every stage that reports an unknown name."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process


def closest(word: str, choices: Iterable[str], cutoff: float = 70.0, *, whole: bool = False) -> str | None:
    """The choice most similar to ``word``, or None when nothing is close enough to help.
    ``whole`` compares whole strings (plain ratio) instead of allowing partial matches."""
    options = list(choices)
    if not options or not word:
        return None
    best = process.extractOne(word, options, scorer=fuzz.ratio if whole else fuzz.WRatio, score_cutoff=cutoff)
    return best[0] if best else None


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 70.0, *, whole: bool = False) -> str:
    match = closest(word, choices, cutoff, whole=whole)
    return f"did you mean '{match}'?" if match else ""
