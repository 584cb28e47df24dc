"""The site's search index: Pagefind, run on the written site before it is swapped in.

Pagefind (the ``pagefind`` package with its ``pagefind-bin`` binary wheel) reads the HTML MkDocs has
written, the parts marked ``data-pagefind-body`` (``theme/partials/content.html``), and writes a
chunked index to ``pagefind/``: a reader's browser loads the small entry files and then only the
chunks and fragments a query needs, so a first search costs about the same at any size of corpus.
Material's own search plugin (lunr, one index fetched whole) is not used.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

#: Where the index goes, inside the site.
INDEX_FOLDER = "pagefind"
#: Parts of a page the index leaves out: lists of other records, citations, graph data (each record
#: is found on its own page), as the templates mark them; a record's kind-and-id line, which would
#: open every snippet (its kind and tags are facets); and the labels of definition lists ("Date",
#: "Location"), which would run into their values in a snippet ("DateSep 2019").
EXCLUDED = "[data-search-exclude], .record-kind, dt"
#: A definition's description followed by the next term: the index reads text, so without a break the
#: description would run into the next one once the term between them is left out ("monthMashhad").
_ADJOINING_DEFINITION = re.compile(r"</dd>(?=<dt[\s>])")


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries what it said."""


def pagefind_executable() -> Path:
    """The Pagefind binary of the ``pagefind-bin`` wheel."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]  # ships no type information
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise SearchIndexError("the search index needs Pagefind: pip install 'pagefind[bin]'") from exc
    return Path(get_executable())


def index_site(site_dir: Path) -> None:
    """Write the search index of the site in ``site_dir`` into ``site_dir/pagefind``."""
    finish(start_index(site_dir))


def start_index(site_dir: Path) -> subprocess.Popen[str]:
    """Start indexing the site in ``site_dir`` (``serve`` does not wait for it: a rebuild shows at
    once, its search a moment later). The index of an earlier run goes first: Pagefind names its
    files by their content, so a rewrite would leave the old ones beside the new."""
    shutil.rmtree(site_dir / INDEX_FOLDER, ignore_errors=True)
    command = [
        str(pagefind_executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        INDEX_FOLDER,
        "--exclude-selectors",
        EXCLUDED,
        "--silent",
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str]) -> None:
    """Wait for an indexing run; :class:`SearchIndexError` with what Pagefind said if it failed."""
    out, err = process.communicate()
    if process.returncode != 0:
        said = (err or out).strip()
        raise SearchIndexError(f"the search index (Pagefind) failed with exit {process.returncode}: {said}")


def stop(process: subprocess.Popen[str] | None) -> None:
    """Stop an indexing run still going (its site is about to be rebuilt or served no more)."""
    if process is not None and process.poll() is None:
        process.kill()
        process.communicate()


def separate_definitions(html: str) -> str:
    """``html`` with a line break after each description of a definition list that another term
    follows, so the index reads the descriptions as separate words (the page looks the same)."""
    return _ADJOINING_DEFINITION.sub("</dd>\n", html)
