"""`build` and `serve`: validate first, then MkDocs; a failed build never touches the old site."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .cli import DOCS, PROJECT, coverage_line, report
from .hooks import ROOT_VARIABLE
from .permalinks import MANIFEST, unpublished
from .pipeline import hand_over, load_site
from .progress import phase

CONFIG = PROJECT / "mkdocs.yml"


def build_site(root: Path, *, strict: bool = False, site_dir: Path | None = None) -> int:
    started = time.perf_counter()
    with phase("load"):
        loaded = load_site(root, DOCS)
    corpus, problems, _redirects = loaded
    report(problems.sorted())
    if problems.errors or (strict and problems.warnings):
        print(
            f"build FAILED: {len(problems.errors)} error(s), {len(problems.warnings)} warning(s); the previous site was left as it was",
            file=sys.stderr,
        )
        return 1
    checked = time.perf_counter()

    target = (site_dir or root / "site").resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _clear_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=target.parent))
    except OSError as exc:
        blocker = next((folder for folder in target.parents if folder.exists() and not folder.is_dir()), None)
        reason = f"{blocker} is a file, not a folder" if blocker is not None else exc.strerror or exc
        print(f"build FAILED: cannot write the site next to {target} ({reason}); the previous site was left as it was", file=sys.stderr)
        return 1
    os.environ[ROOT_VARIABLE] = str(root)
    hand_over(root, DOCS, loaded)  # the hook builds from what was just checked, without reading it again
    try:
        with phase("mkdocs"):
            _mkdocs_build(staging, strict=strict)
        with phase("swap"):
            _swap(staging, target)
    except Exception as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build FAILED: {exc}; the previous site was left as it was", file=sys.stderr)
        return 1
    except BaseException:  # Ctrl-C: the staging folder goes, the old site stays
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        os.environ.pop(ROOT_VARIABLE, None)
        hand_over(root, DOCS, None)

    pages = sum(1 for _ in target.rglob("index.html"))
    counts = ", ".join(f"{number} {name}" for name, number in corpus.counts().items())
    print(coverage_line(corpus))
    new_urls = unpublished(root, corpus, DOCS) if (root / MANIFEST).exists() else []
    if new_urls:
        print(f"{len(new_urls)} new page address(es) not yet in {MANIFEST}: run 'python build_site.py urls --update' when you publish")
    print(
        f"built {target} : {counts}; {pages} pages; {len(problems.warnings)} warning(s); "
        f"check {checked - started:.2f}s, total {time.perf_counter() - started:.2f}s"
    )
    return 0


def _mkdocs_build(site_dir: Path, *, strict: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(config_file=str(CONFIG), site_dir=str(site_dir), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


STAGING_PREFIX = ".site-build-"
"""A build is staged in ``.site-build-<pid>-<random>`` beside the site, then swapped in."""


def _retired_prefix(target: Path) -> str:
    return f".{target.name}-old-"


def _clear_leftovers(target: Path) -> None:
    """Remove the staging and retired folders that builds which were killed left beside the site.
    A folder whose build is still running (its process id is alive) is left to it."""
    for path in target.parent.iterdir():
        for prefix in (STAGING_PREFIX, _retired_prefix(target)):
            if path.name.startswith(prefix) and path.is_dir() and not path.is_symlink():
                pid = path.name[len(prefix) :].split("-", 1)[0]
                if pid.isdigit() and not _alive(int(pid)):
                    shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier build of this same process, interrupted
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames, so readers never see half a site."""
    retired = None
    if target.exists():
        retired = target.with_name(f"{_retired_prefix(target)}{os.getpid()}")
        target.rename(retired)
    staging.rename(target)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def serve_site(root: Path, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve

    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    os.environ[ROOT_VARIABLE] = str(root)
    # serve at the root of the dev address, not under the published site_url's path
    serve(config_file=str(CONFIG), dev_addr=dev_addr, livereload=True, site_url=f"http://{dev_addr}/")
    return 0
