"""The whole check, as every entry point runs it: records, quotes, then published URLs."""

from __future__ import annotations

from pathlib import Path

from .corpus import Corpus, load_corpus
from .permalinks import check_permalinks
from .problems import Problems

Loaded = tuple[Corpus, Problems, dict[str, str]]
#: What `build` checked, handed to the MkDocs hook of the same build so the records are read once.
_handed_over: dict[tuple[Path, Path], Loaded] = {}


def hand_over(root: Path, docs_dir: Path, loaded: Loaded | None) -> None:
    """Leave ``loaded`` for the next ``load_site(root, docs_dir, reuse=True)``; None withdraws it."""
    key = (root.resolve(), docs_dir.resolve())
    if loaded is None:
        _handed_over.pop(key, None)
    else:
        _handed_over[key] = loaded


def load_site(root: Path, docs_dir: Path, *, reuse: bool = False) -> Loaded:
    """Load, validate and anchor the records under ``root``; check that no published URL is lost.
    Returns the corpus, every problem found, and the redirects (old URL -> new URL).

    With ``reuse``, takes what :func:`hand_over` left for this corpus, if anything (once)."""
    if reuse:
        loaded = _handed_over.pop((root.resolve(), docs_dir.resolve()), None)
        if loaded is not None:
            return loaded
    corpus, problems = load_corpus(root)
    if problems.errors:
        # records that failed to load would all look like lost URLs and bury the real problem
        return corpus, problems, {}
    redirects = check_permalinks(root, corpus, docs_dir, problems)
    return corpus, problems, redirects
