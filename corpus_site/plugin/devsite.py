"""The site `serve` shows: built once in full, then rebuilt page by page as the records change.

:class:`DevSite` keeps the last good site: a rebuild whose records have errors leaves it as it was
and keeps the problems for the error overlay; a full rebuild is made beside it and swapped in. An
edit to the records re-renders only the pages it touches (:mod:`corpus_site.plugin.incremental`);
the exports and the search index follow in the background, after the browsers have reloaded. A
change to the site's code, templates, hand-written pages or mkdocs.yml is a full build. Full builds
in `build` never come here: they stay MkDocs' own, and remain the reference this one is tested
against.
"""

from __future__ import annotations

import logging
import shutil
import stat
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import InclusionLevel

from corpus_site.corpus.corpus import Corpus
from corpus_site.export.export import write_exports
from corpus_site.graph import build_graph, write_graph_json
from corpus_site.plugin.build import corpus_plugin
from corpus_site.plugin.incremental import changed_analysis, changed_records, graph_document, graph_unchanged, pages_to_render
from corpus_site.plugin.plugin import CorpusPlugin, search_view
from corpus_site.plugin.search_index import index_site
from corpus_site.plugin.session import RECORD_KINDS, ServeSession, digest
from corpus_site.records.problems import Level, Problem
from corpus_site.records.validate import ReadCache
from corpus_site.site.graph_files import write_graph_files
from corpus_site.site.pages import RenderedPage, plan_pages
from corpus_site.site.pipeline import INPUT_FILES, Loaded, load_site
from corpus_site.site.project import Project
from corpus_site.util.progress import Timings

log = logging.getLogger("corpus_site.serve")
CODE = Path(__file__).resolve().parent.parent
"""The site's code, templates and assets: a change there is a full build."""


@dataclass
class Rebuild:
    """What one rebuild did, for its log line."""

    changed: list[str]
    kind: str
    """'full', 'incremental', or 'failed' (the records have errors; the last good site stays)."""
    pages: int = 0
    rendered: int = 0
    """Pages re-rendered (written again)."""
    total: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    why_full: str = ""
    later: int = 0
    """Index and overview pages rendered after the reload (written if they changed)."""

    def line(self) -> str:
        what = ", ".join(self.changed[:3]) + (f" and {len(self.changed) - 3} more" if len(self.changed) > 3 else "")
        what = f"{what} changed" if what else "first build"
        if self.kind == "failed":
            errors = sum(1 for problem in self.problems if problem.level is Level.ERROR)
            return f"{what}: {errors} error(s), the last good site stays (shown in the browser); {self.seconds:.2f}s"
        why = f" ({self.why_full})" if self.why_full else ""
        later = f" (+{self.later} indexes after the reload)" if self.later else ""
        return f"{what}: {self.rendered} of {self.total} pages re-rendered{later}, {self.kind} rebuild{why}; {self.seconds:.2f}s"


class _Later:
    """Stands in for the search plugin's index while pages are written: they are indexed afterwards."""

    def add_entry_from_context(self, page: Any) -> None:
        pass


def is_overview(src: str) -> bool:
    """An index or overview page (every claim, every actor ...), as opposed to a record's page."""
    kind = src.partition("/")[0]
    return kind not in RECORD_KINDS or src.endswith("/index.md")


class _Writer:
    """Writes the pages of an incremental rebuild through MkDocs, as its full build writes them."""

    def __init__(self, plugin: CorpusPlugin, config: MkDocsConfig, session: ServeSession, build: Any) -> None:
        self.plugin, self.config, self.session, self.build = plugin, config, session, build
        self.doc_files = build.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        self.order = {file.page.url: index for index, file in enumerate(self.doc_files) if file.page is not None}
        # MkDocs names Material's search plugin 'material/search'
        search = next((plugin for name, plugin in config.plugins.items() if name.rpartition("/")[2] == "search"), None)
        self.search: Any = search if search is not None and search.config.enabled else None
        self.for_search: list[tuple[Any, RenderedPage]] = []

    def write(self, sources: set[str]) -> list[str]:
        """Render ``sources``; write those that differ from what the last build wrote."""
        from mkdocs.commands.build import _build_page, _populate_page

        build, session = self.build, self.session
        for src in sources:
            rendered = build.planned[src].render()
            if session.pages.get(src) is None or session.pages[src].digest != digest(rendered):
                build.rendered[src] = rendered
        files = [file for file in self.doc_files if file.src_uri in build.rendered]
        self.for_search += [(file.page, build.rendered[file.src_uri]) for file in files]
        search, index = self.search, self.search.search_index if self.search is not None else None
        self.plugin.use(build)
        try:
            if search is not None:
                search.search_index = _Later()  # the search index follows in the background
            for file in files:
                _populate_page(file.page, self.config, build.files)
                _build_page(file.page, self.config, self.doc_files, session.nav, session.env)
        finally:
            self.plugin.release()
            if search is not None:
                search.search_index = index
            build.rendered.clear()
        return [file.src_uri for file in files]

    def index_for_search(self) -> None:
        """The search index entries of the pages written, in the place a full build gives them."""
        search = self.search
        if search is None:
            return
        index = search.search_index
        for page, rendered in self.for_search:
            # the entries of a page are what the search plugin reads from it as MkDocs builds it
            index.entries = [entry for entry in index.entries if entry["location"].split("#")[0] != page.url]
            page.content, page.meta = search_view(rendered.body.strip("\n")), rendered.meta
            try:
                search.on_page_context({}, page=page, config=self.config, nav=None)
            finally:
                page.content, page.meta = None, {"title": rendered.meta["title"]}
        index.entries.sort(key=lambda entry: self.order.get(entry["location"].split("#")[0], len(self.order)))
        search.on_post_build(config=self.config)


class DevSite:
    """The site under `serve`: its folder, its last good build, and the problems of the last attempt."""

    def __init__(self, project: Project, root: Path, site_url: str) -> None:
        self.project, self.root, self.site_url = project, root, site_url
        self.site_dir: Path | None = None
        """The folder being served (None until the first build succeeds)."""
        self.problems: list[Problem] = []
        """The errors (and warnings) of the last attempt, when it had errors: the overlay shows them."""
        self.warnings: list[Problem] = []
        self.corpus: Corpus | None = None
        """The records of the last good build (select-to-quote looks passages up in them)."""
        self.config: MkDocsConfig | None = None
        self.plugin: CorpusPlugin | None = None
        self.session: ServeSession | None = None
        """What the last good build left for the next rebuild (the plugin object is shared by every
        configuration MkDocs loads in this process, so the session is kept here and lent to it)."""
        self.last: Rebuild | None = None
        self.on_site_dir: Any = None
        """Called with the new folder when a full build swaps it in (the server serves from it)."""
        self.on_settled: Any = None
        """Called when the indexes of an incremental rebuild are written after the reload (the server
        has the browsers reload again)."""
        self.read_cache = ReadCache()
        """What each records file gave: an unchanged file is not parsed again."""
        self._snapshot: dict[str, int] = {}
        self._pending: list[str] = []
        """Files changed since the last good build (a failed attempt keeps them for the next)."""
        self._background: threading.Thread | None = None
        self._lock = threading.Lock()

    # -- what changed ------------------------------------------------------------------------------

    def watched(self) -> list[Path]:
        inputs = [self.root / name for name in INPUT_FILES] + [self.root / "seeds"]
        return [*inputs, self.project.docs_dir, self.project.config_file, CODE]

    def _scan(self) -> dict[str, int]:
        stamps: dict[str, int] = {}
        for path in self.watched():
            files = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
            for file in files:
                if "__pycache__" in file.parts:
                    continue
                try:
                    status = file.stat()
                except OSError:
                    continue
                if not stat.S_ISDIR(status.st_mode):
                    stamps[str(file)] = status.st_mtime_ns
        return stamps

    def _changes(self) -> list[str]:
        stamps = self._scan()
        moved = {path for path, stamp in stamps.items() if self._snapshot.get(path, stamp) != stamp}
        changed = sorted({*stamps} ^ {*self._snapshot} | moved)
        self._snapshot = stamps
        return [self._shown(Path(path)) for path in changed]

    def _shown(self, path: Path) -> str:
        for base in (self.root, self.project.folder, CODE.parent):
            if path.is_relative_to(base):
                return str(path.relative_to(base))
        return str(path)

    def _records_only(self, changed: list[str]) -> bool:
        inputs = set(INPUT_FILES)
        return bool(changed) and all(name in inputs for name in changed)

    # -- rebuilding -----------------------------------------------------------------------------------

    def rebuild(self) -> Rebuild:
        """Bring the site up to date with the files; never raises for a problem in the data."""
        with self._lock:
            self.wait()
            started = time.perf_counter()
            first = not self._snapshot
            changed = [] if first else self._changes()
            if first:
                self._snapshot = self._scan()
            changed = sorted({*self._pending, *changed})
            loaded = load_site(self.root, self.project.docs_dir, cache=self.read_cache)
            corpus, problems, _redirects = loaded
            self.warnings = problems.warnings
            if problems.errors:
                self.problems = problems.sorted()
                self._pending = changed
                result = Rebuild(changed, "failed", problems=self.problems)
            else:
                result = self._build(loaded, changed, first=first)
                if result.kind != "failed":
                    self.problems, self._pending = [], []
                    self.corpus = corpus
                else:
                    self._pending = changed
            result.seconds = time.perf_counter() - started
            self.last = result
            return result

    def _build(self, loaded: Loaded, changed: list[str], *, first: bool) -> Rebuild:
        records_only = self._records_only(changed)
        if self.site_dir is not None and records_only:
            result = self._incremental(loaded, changed)
            if result is not None:
                return result
        result = self._full(loaded, changed)
        if not first and result.kind == "full":
            result.why_full = "records added, removed or changed throughout" if records_only else "not only records changed"
        return result

    def wait(self) -> None:
        """Wait for the exports and search index of the last rebuild."""
        if self._background is not None:
            self._background.join()
            self._background = None
        if self.plugin is not None:
            self.plugin.wait_for_index()

    def _full(self, loaded: Loaded, changed: list[str]) -> Rebuild:
        from mkdocs.commands.build import build

        staging = Path(tempfile.mkdtemp(prefix="corpus_serve_"))
        config = load_config(config_file=str(self.project.config_file), site_dir=str(staging), site_url=self.site_url)
        plugin = corpus_plugin(config)
        plugin.hand_over(self.root, loaded, Timings())
        plugin.session = session = ServeSession()
        if self.config is None:
            config.plugins.on_startup(command="serve", dirty=False)
        try:
            build(config, serve_url=self.site_url)
        except Exception as exc:
            shutil.rmtree(staging, ignore_errors=True)
            plugin.session = self.session
            problem = Problem(self.project.config_file.name, 1, 1, "build", f"the site could not be built: {exc}")
            self.problems = [problem]
            return Rebuild(changed, "failed", problems=[problem])
        old, self.site_dir = self.site_dir, staging
        if self.on_site_dir is not None:
            self.on_site_dir(staging)
        if old is not None:  # the old site goes once the browsers have the new one
            self._background = threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}, daemon=True)
            self._background.start()
        self.config, self.plugin, self.session = config, plugin, session
        total = len(session.pages)
        return Rebuild(changed, "full", pages=total, rendered=total, total=total)

    def _incremental(self, loaded: Loaded, changed: list[str]) -> Rebuild | None:
        plugin, config, session = self.plugin, self.config, self.session
        if plugin is None or config is None or session is None or session.build is None:
            return None
        plugin.session = session
        old = session.build
        if loaded[2] != old.redirects:
            return None
        plugin.timings = Timings()
        new = plugin.prepare(loaded, config)
        keys = changed_records(old.corpus, new.corpus)
        figures = changed_analysis(old.analysis, new.analysis) if keys is not None else None
        if keys is None or figures is None:
            return None
        keys |= figures
        if graph_unchanged(old.corpus, new.corpus, keys):
            new.graph, graph_changed = old.graph, False
        else:
            new.graph = build_graph(new.corpus, cache=new.corpus.root / ".cache")
            graph_changed = old.graph is None or graph_document(old.graph, old.corpus) != graph_document(new.graph, new.corpus)
        planned = {page.src: page for page in plan_pages(new.corpus, new.site, new.citations, new.graph, new.analysis, plugin.templates())}
        planned = {src: page for src, page in planned.items() if src in old.planned or old.files.get_file_from_path(src) is None}
        if planned.keys() != old.planned.keys():
            return None
        new.planned, new.files, new.linked = planned, old.files, old.linked
        candidates = pages_to_render(old, new, session, planned, graph_changed=graph_changed, keys=keys)
        log.debug("changed records %s; candidates %s", sorted(keys), sorted(candidates))
        # the pages of the records first (the browsers reload then); the indexes and overviews, which
        # list every record, right after, in the background, with the exports and the search index
        later = {src for src in candidates if is_overview(src)}
        writer = _Writer(plugin, config, session, new)
        written = writer.write(candidates - later)
        session.build = new
        self._background = threading.Thread(target=self._after, args=(writer, later, graph_changed), daemon=True)
        self._background.start()
        return Rebuild(changed, "incremental", pages=len(written), rendered=len(written), total=len(session.pages), later=len(later))

    def _after(self, writer: _Writer, later: set[str], graph_changed: bool) -> None:
        """The indexes and overviews, the exports and the search index of an incremental rebuild,
        once the browsers have reloaded; then the browsers reload again."""
        build, config = writer.build, writer.config
        written = writer.write(later)
        data = Path(config.site_dir) / "data"
        write_exports(build.corpus, data, build.citations, build.site.url, build.analysis)
        if graph_changed and build.graph is not None:
            write_graph_json(build.graph, data)
        if build.graph is not None:  # the neighbourhoods carry the texts of claims and events: written each time
            write_graph_files(build.corpus, build.graph, Path(config.site_dir))
        writer.index_for_search()
        writer.plugin.wait_for_index()  # the index of the full build before, if still being written
        index_site(Path(config.site_dir))  # Pagefind's index of the site as it now is
        if written and self.on_settled is not None:
            self.on_settled()
