"""Published URLs never break: a committed manifest (urls.txt) of every address ever published,
checked against what the build would produce now and the redirects that map moved addresses.
"""

from __future__ import annotations

import re
from pathlib import Path

from corpus_site.corpus.corpus import Corpus
from corpus_site.records.load import load_yaml, position_of_byte, unreadable
from corpus_site.records.problems import Problems
from corpus_site.records.suggest import did_you_mean
from corpus_site.records.urls import KINDS, index_url, record_url, relation_ids, tag_url
from corpus_site.site.overview import OVERVIEW_PAGES
from corpus_site.util.files import InputError, read_input

#: A page address inside the site: folders of letters, digits, '.', '_' and '-', each starting with a
#: letter or digit (so never '..'), ending in '/'. A redirect's page is written at this path, so
#: anything else could write outside the site.
SITE_PATH = re.compile(r"(?:[A-Za-z0-9][A-Za-z0-9._-]*/)+")
MANIFEST = "urls.txt"
REDIRECTS = "redirects.yaml"


def current_urls(corpus: Corpus, docs_dir: Path, extra: tuple[str, ...] = ()) -> set[str]:
    """Every page address the build produces: overview pages, indexes, records, hand-written docs."""
    urls = set(OVERVIEW_PAGES) | set(extra) | {index_url(kind) for kind in KINDS}
    urls |= {record_url("sources", key) for key in corpus.articles}
    urls |= {record_url("actors", key) for key in corpus.actors}
    urls |= {record_url("events", key) for key in corpus.events}
    urls |= {record_url("claims", view.id) for view in corpus.all_claims()}
    urls |= {record_url("questions", key) for key in corpus.questions}
    urls |= {tag_url(tag) for tag in corpus.tags}
    urls |= {record_url("relations", key) for key in relation_ids((r.subject, r.type, r.object) for r in corpus.relations)}
    for page in docs_dir.rglob("*.md"):
        rel = page.relative_to(docs_dir).with_suffix("").as_posix()
        urls.add("" if rel == "index" else rel.removesuffix("/index") + "/")
    return urls


def load_redirects(root: Path, problems: Problems) -> dict[str, str]:
    """redirects.yaml: a mapping of old URL -> new URL (both site paths like 'claims/x/')."""
    path = root / REDIRECTS
    if not path.exists():
        return {}
    located = load_yaml(path, REDIRECTS, problems, shape="a mapping such as 'claims/old-id/: claims/new-id/'")
    if located is None:
        return {}
    if not isinstance(located.data, dict):
        problems.add(
            REDIRECTS,
            located.where(()),
            "wrong-type",
            f"{REDIRECTS} must map old URLs to new URLs",
            "write 'claims/old-id/: claims/new-id/'",
        )
        return {}
    redirects = {}
    for old, new in located.data.items():
        if not (isinstance(old, str) and isinstance(new, str) and SITE_PATH.fullmatch(old) and SITE_PATH.fullmatch(new)):
            problems.add(
                REDIRECTS,
                located.where((old,), key=True),
                "bad-redirect",
                f"redirect '{old}: {new}' must map a site path to a site path",
                "both are folders inside the site ending in '/', such as 'claims/old-id/: claims/new-id/'; "
                "no leading '/', no '..', no address of another site",
            )
            continue
        redirects[old] = new
    return redirects


def check_permalinks(root: Path, corpus: Corpus, docs_dir: Path, problems: Problems) -> dict[str, str]:
    """Report published URLs that would disappear and redirects that lead nowhere; return the redirects."""
    redirects = load_redirects(root, problems)
    now = current_urls(corpus, docs_dir)
    locations = _redirect_lines(root)
    for old, new in redirects.items():
        if new not in now:
            problems.add(
                REDIRECTS,
                locations.get(old, (1, 1)),
                "bad-redirect",
                f"redirect target '{new}' is not a page of the site",
                did_you_mean(new, now, cutoff=85, whole=True),
            )
        if old in now:
            problems.add(
                REDIRECTS,
                locations.get(old, (1, 1)),
                "bad-redirect",
                f"'{old}' still exists; a redirect would hide its page",
                "remove the redirect, or retire the record instead",
            )
    manifest = root / MANIFEST
    if not manifest.exists() and not manifest.is_symlink():
        return redirects
    lines = _read_manifest(manifest, problems)
    for number, line in enumerate(lines, 1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        if url == "/":
            url = ""
        if url not in now and url not in redirects:
            problems.add(
                MANIFEST,
                (number, 1),
                "lost-url",
                f"published URL '{url}' would disappear",
                f"keep the record (mark a claim 'retired:' with its successor) or map '{url}' to its successor in {REDIRECTS}",
            )
    return redirects


def _read_manifest(manifest: Path, problems: Problems) -> list[str]:
    """The lines of urls.txt; none (with the problem recorded) when it cannot be read as text."""
    try:
        raw = read_input(manifest)
    except (InputError, OSError) as exc:
        what, hint = (exc.what, exc.hint) if isinstance(exc, InputError) else unreadable(manifest, exc)
        problems.add(MANIFEST, (1, 1), "unreadable-file", f"{MANIFEST} {what}", hint)
        return []
    try:
        return raw.decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        problems.add(
            MANIFEST,
            position_of_byte(raw, exc.start),
            "encoding",
            f"{MANIFEST} is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8; it lists one site path per line",
        )
        return []


def _redirect_lines(root: Path) -> dict[str, tuple[int, int]]:
    path = root / REDIRECTS
    if not path.exists():
        return {}
    located = load_yaml(path, REDIRECTS, Problems())
    if located is None or not isinstance(located.data, dict):
        return {}
    return {key: located.where((key,), key=True) for key in located.data}


def unpublished(root: Path, corpus: Corpus, docs_dir: Path) -> list[str]:
    """Addresses the build produces that urls.txt does not list yet."""
    manifest = root / MANIFEST
    listed = set()
    if manifest.exists():
        listed = {"" if line.strip() == "/" else line.strip() for line in manifest.read_text(encoding="utf-8").splitlines()}
    return sorted(current_urls(corpus, docs_dir) - listed)


def update_manifest(root: Path, corpus: Corpus, docs_dir: Path) -> list[str]:
    """Add the current addresses to urls.txt (never removing one); return those added."""
    manifest = root / MANIFEST
    existing = manifest.read_text(encoding="utf-8").splitlines() if manifest.exists() else []
    added = unpublished(root, corpus, docs_dir)
    lines = [line for line in existing if line.strip()] + [url or "/" for url in added]
    header = "# Every URL this site has published. Never remove a line: retire the record or add a redirect.\n"
    body = sorted({line for line in lines if not line.startswith("#")}, key=lambda url: (url != "/", url))
    manifest.write_text(header + "\n".join(body) + "\n", encoding="utf-8")
    return added
