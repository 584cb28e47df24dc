"""The whole check, as every entry point runs it: records, quotes, then published URLs."""

from __future__ import annotations

from pathlib import Path

from .corpus import Corpus, load_corpus
from .permalinks import check_permalinks
from .problems import Problems


def load_site(root: Path, docs_dir: Path) -> tuple[Corpus, Problems, dict[str, str]]:
    """Load, validate and anchor the records under ``root``; check that no published URL is lost.
    Returns the corpus, every problem found, and the redirects (old URL -> new URL)."""
    corpus, problems = load_corpus(root)
    if problems.errors:
        # records that failed to load would all look like lost URLs and bury the real problem
        return corpus, problems, {}
    redirects = check_permalinks(root, corpus, docs_dir, problems)
    return corpus, problems, redirects
