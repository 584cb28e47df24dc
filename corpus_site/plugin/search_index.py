"""The site's search index: Pagefind, run on the written site before it is swapped in.

Pagefind (the ``pagefind`` package with its ``pagefind-bin`` binary wheel) reads the HTML MkDocs has
written, the parts marked ``data-pagefind-body`` (``theme/partials/content.html``), and writes a
chunked index to ``pagefind/``: a reader's browser loads the small entry files and then only the
chunks and fragments a query needs, so a first search costs about the same at any size of corpus.
Material's own search plugin (lunr, one index fetched whole) is not used.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: Where the index goes, inside the site.
INDEX_FOLDER = "pagefind"
#: Parts of a page the index leaves out: lists of other records, citations, graph data (each record
#: is found on its own page), as the templates mark them; a record's kind-and-id line, which would
#: open every snippet (its kind and tags are facets); and the labels of definition lists ("Date",
#: "Location") and of table columns ("Relation", "Period"), which would run into their values in a
#: snippet ("DateSep 2019", "RelationPeriodClaims it rests on").
EXCLUDED = "[data-search-exclude], .record-kind, dt, thead"
#: A definition's description followed by the next term: the index reads text, so without a break the
#: description would run into the next one once the term between them is left out ("monthMashhad").
_ADJOINING_DEFINITION = re.compile(r"</dd>(?=<dt[\s>])")


@dataclass(frozen=True)
class IndexRun:
    """Pagefind indexing a site, and the folder its index goes to."""

    process: subprocess.Popen[str]
    folder: Path


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


def start_index(site_dir: Path) -> IndexRun:
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
    return IndexRun(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True), site_dir / INDEX_FOLDER)


def finish(run: IndexRun) -> None:
    """Wait for an indexing run, then shorten its list of pages (:func:`compact_page_list`);
    :class:`SearchIndexError` with what Pagefind said if it failed."""
    out, err = run.process.communicate()
    if run.process.returncode != 0:
        said = (err or out).strip()
        raise SearchIndexError(f"the search index (Pagefind) failed with exit {run.process.returncode}: {said}")
    compact_page_list(run.folder)


#: What every Pagefind index file starts with once unzipped.
_SIGNATURE = b"pagefind_dcd"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def compact_page_list(index: Path) -> bool:
    """Give the pages of a Pagefind index short sequential names; True when it did.

    A first search loads Pagefind's list of every page (``pagefind.<hash>.pf_meta``): per page, the
    name of its result fragment (a content hash, ``en_3a7a42a``) and its word count. The random
    hashes do not compress, so the list costs about 6.5 bytes a page gzipped, 295 KB at 100 times
    the corpus, most of a 300 KB first search. Named in sequence under a tag of this build
    (``en_p41b70``, ``en_p41b71``, ...), the same list compresses to about half. Only the list and
    the fragments' file names change (the index chunks and filters refer to pages by their place in
    the list, which stays; the word counts that rank results stay exact). The tag changes with any
    change to the index, so a browser never pairs a cached fragment with another build's list.

    Pagefind's format is its own: an index whose list is not the shape this expects (a future
    Pagefind) is left as Pagefind wrote it, still whole and working, and False is returned.
    """
    import cbor2

    entry_path = index / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    languages = entry.get("languages") if isinstance(entry, dict) else None
    if not isinstance(languages, dict):
        return False
    done = False
    for language, about in languages.items():
        meta_path = index / f"pagefind.{about.get('hash') if isinstance(about, dict) else None}.pf_meta"
        if not meta_path.is_file():
            continue
        payload = gzip.decompress(meta_path.read_bytes())
        if not payload.startswith(_SIGNATURE):
            continue
        meta = cbor2.loads(payload[len(_SIGNATURE) :])
        pages = meta[1] if isinstance(meta, list) and len(meta) > 1 else None
        if not isinstance(pages, list) or not all(
            isinstance(page, list) and len(page) == 2 and isinstance(page[0], str) and isinstance(page[1], int) for page in pages
        ):
            continue
        tag = "p" + hashlib.sha256(payload).hexdigest()[:4]  # 'p' is not a hex digit: no new name is an old one
        renamed: dict[str, str] = {}
        for number, page in enumerate(pages):
            old = page[0]
            if old not in renamed:  # pages with the same content share one fragment
                renamed[old] = f"{language}_{tag}{_base36(number)}"
                (index / "fragment" / f"{old}.pf_fragment").rename(index / "fragment" / f"{renamed[old]}.pf_fragment")
            page[0] = renamed[old]
        compacted = gzip.compress(_SIGNATURE + cbor2.dumps(meta), compresslevel=9, mtime=0)
        name = f"{language}_{hashlib.sha256(compacted).hexdigest()[:10]}"
        (index / f"pagefind.{name}.pf_meta").write_bytes(compacted)
        meta_path.unlink()
        about["hash"] = name
        done = True
    if done:
        entry_path.write_text(json.dumps(entry, separators=(",", ":")), encoding="utf-8")
    return done


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _DIGITS[rest] + digits
        if not number:
            return digits


def stop(run: IndexRun | None) -> None:
    """Stop an indexing run still going (its site is about to be rebuilt or served no more)."""
    if run is not None and run.process.poll() is None:
        run.process.kill()
        run.process.communicate()


def separate_definitions(html: str) -> str:
    """``html`` with a line break after each description of a definition list that another term
    follows, so the index reads the descriptions as separate words (the page looks the same)."""
    return _ADJOINING_DEFINITION.sub("</dd>\n", html)
