"""'Did you mean ...?' suggestions, shared by every stage that reports an unknown name."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process


def closest(word: str, choices: Iterable[str], cutoff: float = 70.0, *, whole: bool = False) -> str | None:
    """The choice most similar to ``word``, or None when nothing is close enough to help.
    ``whole`` compares whole strings (plain ratio) instead of allowing partial matches."""
    options = sorted(set(choices))
    if not options or not word:
        return None
    scored = process.extract(word, options, scorer=fuzz.ratio if whole else fuzz.WRatio, score_cutoff=cutoff, limit=None)
    if not scored:
        return None
    # Ties are common under the partial scorer ('hamaz' scores the same against 'hamas' and
    # 'hamas-officials'): break them by whole-string likeness, then alphabetically, so the
    # suggestion never depends on set order or PYTHONHASHSEED.
    best = min(scored, key=lambda match: (-match[1], -fuzz.ratio(word, match[0]), match[0]))
    return str(best[0])


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 70.0, *, whole: bool = False) -> str:
    match = closest(word, choices, cutoff, whole=whole)
    return f"did you mean '{match}'?" if match else ""
