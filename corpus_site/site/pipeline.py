"""The whole check, as every entry point runs it: records, quotes, then published URLs."""

from __future__ import annotations

from pathlib import Path

from corpus_site.corpus.corpus import Corpus
from corpus_site.corpus.loading import LEGACY_ANCHORS, load_corpus
from corpus_site.records.problems import Problems
from corpus_site.records.validate import ACTORS_FILE, CLAIMS_FILE, CORRECTIONS_FILE, EVENTS_FILE, QUESTIONS_FILE, ReadCache
from corpus_site.site.permalinks import MANIFEST, REDIRECTS, check_permalinks
from corpus_site.util.progress import Timings

Loaded = tuple[Corpus, Problems, dict[str, str]]
"""The corpus, every problem found, and the redirects (old URL -> new URL)."""

#: What a corpus is made of, besides the seeds folder: a change to any of them changes the site.
INPUT_FILES = (ACTORS_FILE, EVENTS_FILE, CLAIMS_FILE, QUESTIONS_FILE, CORRECTIONS_FILE, REDIRECTS, MANIFEST, LEGACY_ANCHORS)


def load_site(root: Path, docs_dir: Path, timings: Timings | None = None, cache: ReadCache | None = None) -> Loaded:
    """Load, validate and anchor the records under ``root``; check that no published URL is lost.
    ``cache``: what the records files gave last time (`serve` keeps one)."""
    corpus, problems = load_corpus(root, timings, cache)
    if problems.errors:
        # records that failed to load would all look like lost URLs and bury the real problem
        return corpus, problems, {}
    redirects = check_permalinks(root, corpus, docs_dir, problems)
    return corpus, problems, redirects


def watched_inputs(root: Path) -> list[Path]:
    """The files and folders of a corpus that ``serve`` rebuilds on."""
    return [path for path in (*(root / name for name in INPUT_FILES), root / "seeds") if path.exists()]
