"""`build` and `serve`: validate first, then MkDocs with the corpus plugin; a failed build never touches the old site."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from corpus_site.cite.cite import PLACEHOLDER_URL
from corpus_site.corpus.corpus import Corpus
from corpus_site.plugin.plugin import CorpusPlugin
from corpus_site.records.problems import Problems
from corpus_site.site.pipeline import Loaded, load_site
from corpus_site.site.project import Project
from corpus_site.util.progress import Timings


@dataclass
class BuildResult:
    """What a build did, for the command line to report."""

    code: int
    problems: Problems
    corpus: Corpus | None = None
    target: Path | None = None
    pages: int = 0
    failure: str = ""
    """Why the build failed after the records were checked (MkDocs, the file system)."""
    checked_seconds: float = 0.0
    total_seconds: float = 0.0
    timings: Timings = field(default_factory=Timings)


def build_site(project: Project, root: Path, *, strict: bool = False, site_dir: Path | None = None) -> BuildResult:
    """Check the records, then build the site beside ``site_dir`` and swap it in: a failed build
    leaves the previous site exactly as it was."""
    started = time.perf_counter()
    timings = Timings()
    with timings.phase("load"):
        loaded = load_site(root, project.docs_dir, timings)
    corpus, problems, _redirects = loaded
    check_publishing(project, problems)
    result = BuildResult(1, problems, corpus, timings=timings)
    if problems.errors or (strict and problems.warnings):
        return result
    result.checked_seconds = time.perf_counter() - started
    target = (site_dir or root / "site").resolve()
    result.target = target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _clear_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=target.parent))
    except OSError as exc:
        blocker = next((folder for folder in target.parents if folder.exists() and not folder.is_dir()), None)
        reason = f"{blocker} is a file, not a folder" if blocker is not None else exc.strerror or exc
        result.failure = f"cannot write the site next to {target} ({reason})"
        return result
    try:
        with timings.phase("mkdocs"):
            _mkdocs_build(project, root, loaded, timings, staging, strict=strict)
        with timings.phase("swap"):
            _swap(staging, target)
    except Exception as exc:
        shutil.rmtree(staging, ignore_errors=True)
        result.failure = str(exc) or type(exc).__name__  # a MemoryError says nothing of itself
        return result
    except BaseException:  # Ctrl-C: the staging folder goes, the old site stays
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.code = 0
    result.pages = sum(1 for _ in target.rglob("index.html"))
    result.total_seconds = time.perf_counter() - started
    return result


def check_publishing(project: Project, problems: Problems) -> None:
    """A site built for the placeholder address cannot be published: its canonical links, permalinks
    and citations would all point at example.org. Warn on every build (``--strict`` fails)."""
    try:
        url = quiet_config(project.config_file).site_url or ""
    except Exception:  # a configuration MkDocs cannot load fails the build itself, with its own message
        return
    if url.rstrip("/") + "/" != PLACEHOLDER_URL:
        return
    text = project.config_file.read_text(encoding="utf-8", errors="replace").splitlines()
    line = next((number for number, content in enumerate(text, 1) if content.startswith("site_url")), 1)
    problems.warn(
        project.config_file.name,
        (line, 1),
        "placeholder-site-url",
        f"site_url is the placeholder {PLACEHOLDER_URL}: permalinks, canonical links and citations would point there",
        "set SITE_URL to the address the site is published at (SITE_URL=https://example.com/corpus/ python build_site.py build)",
    )


def corpus_plugin(config: MkDocsConfig) -> CorpusPlugin:
    """The corpus plugin of a loaded configuration."""
    for plugin in config.plugins.values():
        if isinstance(plugin, CorpusPlugin):
            return plugin
    raise PluginError(f"{config.config_file_path} does not enable the 'corpus' plugin")


def _mkdocs_build(project: Project, root: Path, loaded: Loaded, timings: Timings, site_dir: Path, *, strict: bool) -> None:
    config = quiet_config(project.config_file, site_dir=str(site_dir), strict=strict)
    # the plugin builds from what was just checked, without reading the records again
    corpus_plugin(config).hand_over(root, loaded, timings)
    run_mkdocs(config)


def quiet_config(config_file: Path, **overrides: Any) -> MkDocsConfig:
    """The MkDocs configuration, with MkDocs' own log quiet but for warnings."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    return load_config(config_file=str(config_file), **overrides)


def run_mkdocs(config: MkDocsConfig) -> None:
    """One MkDocs build, with the plugins' start and end, as `mkdocs build` runs it."""
    from mkdocs.commands.build import build

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
