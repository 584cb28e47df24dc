"""The MkDocs plugin: adds the generated record pages as virtual files and writes the data exports.

Registered as ``corpus`` under the ``mkdocs.plugins`` entry point and named in mkdocs.yml, so
`mkdocs build`, `mkdocs serve` and `build_site.py` all produce the same site. State lives on the
plugin object (MkDocs keeps a plugin with ``on_startup`` across the rebuilds of ``serve``), never in
module globals. Generated pages exist only in memory: nothing is written into docs/, so `serve`
never sees its own output and never loops.

A generated page is one block of HTML. MkDocs gets a placeholder to run through Markdown and the
page's title; the page is rendered when MkDocs writes it (its metadata, with the citation tags and
JSON-LD, comes with it as data), and let go once it is written: Markdown has nothing to do in the
HTML, and MkDocs would otherwise hold every page of the site in memory until the end of the build.
The search plugin is handed the page without the parts marked ``data-search-exclude`` (citations,
per-paragraph claim lists, graph data), which it would skip anyway; the theme shows the whole page
(``theme/partials/content.html``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from corpus_site.analysis.analysis import Analysis, analyse
from corpus_site.cite.cite import CorpusCitations, SiteInfo, cite_corpus
from corpus_site.corpus.corpus import Corpus
from corpus_site.export.export import write_exports
from corpus_site.graph import VENDOR_ASSETS, RelationGraph, build_graph, write_graph_json
from corpus_site.plugin.search_index import IndexRun, finish, index_site, separate_definitions, start_index, stop
from corpus_site.plugin.session import ServeSession
from corpus_site.site.graph_files import write_graph_files
from corpus_site.site.notfound import relocatable_404
from corpus_site.site.pages import SITE_ASSETS, PlannedPage, RenderedPage, TemplateEnvironment, cached_environment, plan_pages, src_of
from corpus_site.site.pipeline import Loaded, load_site, watched_inputs
from corpus_site.util.progress import Progress, Timings, peak_mb

#: What MkDocs renders as a generated page's Markdown; the page's HTML replaces it when it is written.
PLACEHOLDER = "corpus-site-generated-page\n"
_ANCHORS = re.compile(r'<(?:[A-Za-z][^>]*?\sid|a\s[^>]*?(?<=\s)name)="([^"]*)"')
_SEARCH_EXCLUDED = re.compile(r"<([A-Za-z][\w-]*)\b[^>]*?\sdata-search-exclude\b[^>]*>")


class CorpusConfig(Config):
    """The plugin's options in mkdocs.yml."""

    root = c.Optional(c.Type(str))
    """The corpus folder (actors.yaml, claims.yaml, seeds/ ...); default: the folder of mkdocs.yml.
    `!ENV [CORPUS_ROOT, null]` reads it from the environment for those who want that."""


@dataclass
class _Build:
    """What one build computes once and its pages share."""

    corpus: Corpus
    site: SiteInfo
    citations: CorpusCitations
    analysis: Analysis
    redirects: dict[str, str]
    graph: RelationGraph | None = None
    planned: dict[str, PlannedPage] = field(default_factory=dict)
    files: Files | None = None
    linked: dict[str, set[str]] | None = None
    progress: dict[str, Progress] = field(default_factory=dict)
    rendered: dict[str, RenderedPage] = field(default_factory=dict)
    """Pages rendered ahead of MkDocs (an incremental rebuild compares them first): used once."""


class CorpusPlugin(BasePlugin[CorpusConfig]):
    """Builds the corpus site's pages, graph and exports from the records."""

    def __init__(self) -> None:
        self.root_override: Path | None = None
        """Set by ``build_site.py --root``: wins over the config's ``root``."""
        self.handed: Loaded | None = None
        """A corpus `build_site.py build` has just checked, used once instead of reading it again."""
        self.timings = Timings()
        self._build: _Build | None = None
        self._templates: TemplateEnvironment | None = None
        """Kept across the rebuilds of serve: templates compile once."""
        self.session: ServeSession | None = None
        """Set by ``serve``: what a build leaves for the next incremental rebuild (none in `build`)."""
        self.serving = False
        """Started by ``serve``: the search index is written in the background after each build."""
        self._indexing: IndexRun | None = None

    def hand_over(self, root: Path, loaded: Loaded | None, timings: Timings | None = None) -> None:
        """Build the next site from ``loaded`` (already checked) and record phases in ``timings``."""
        self.root_override = root
        self.handed = loaded
        if timings is not None:
            self.timings = timings

    def corpus_root(self, config: MkDocsConfig) -> Path:
        if self.root_override is not None:
            return self.root_override
        configured = self.config.root
        base = Path(config.config_file_path).resolve().parent
        return (base / configured).resolve() if configured else base

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Present so that MkDocs keeps this object across the rebuilds of ``serve``."""
        self.serving = command == "serve"

    def wait_for_index(self) -> None:
        """Wait for the search index that ``serve`` started after the last build."""
        if self._indexing is not None:
            finish(self._indexing)
            self._indexing = None

    def on_shutdown(self) -> None:
        stop(self._indexing)
        self._indexing = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        stop(self._indexing)  # serve: the site it was indexing is about to be rebuilt
        self._indexing = None
        with self.timings.phase("reload"):
            loaded, self.handed = self.handed, None
            if loaded is None:
                loaded = load_site(self.corpus_root(config), Path(config.docs_dir), self.timings)
        self._build = self.prepare(loaded, config)
        return config

    def prepare(self, loaded: Loaded, config: MkDocsConfig) -> _Build:
        """What every page of a build shares, computed from the checked records."""
        timings = self.timings
        corpus, problems, redirects = loaded
        if problems.errors:
            lines = "\n".join(problem.format() for problem in problems.sorted())
            raise PluginError(f"the records have {len(problems.errors)} error(s):\n{lines}")
        site = SiteInfo.detect(config.site_name, config.site_url or "", corpus.root)
        with timings.phase("citations"):
            citations = cite_corpus(corpus, site)
        with timings.phase("analysis"):
            analysis = analyse(corpus)
        return _Build(corpus, site, citations, analysis, redirects)

    def templates(self) -> TemplateEnvironment:
        """The template environment, kept across the rebuilds of serve."""
        if self._templates is None:
            self._templates = cached_environment(self._current().corpus.root / ".cache" / "templates")
        return self._templates

    @event_priority(50)  # before other plugins (redirects) look at the files, so they see the record pages
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self._current()
        timings = self.timings
        with timings.phase("graph"):
            build.graph = graph = build_graph(build.corpus, cache=build.corpus.root / ".cache")
        with timings.phase("pages"):
            for page in plan_pages(build.corpus, build.site, build.citations, graph, build.analysis, self.templates()):
                if files.get_file_from_path(page.src) is not None:  # a hand-written page of the same name wins
                    continue
                build.planned[page.src] = page
                files.append(File.generated(config, page.src, content=PLACEHOLDER))
        build.files = files
        if "redirects" in config.plugins:
            # the redirects plugin wants source files; a URL such as 'claims/' is the page 'claims/index.md'
            by_url = {file.url: file.src_uri for file in files.documentation_pages()}
            maps = {src_of(old): by_url.get(new, src_of(new)) for old, new in build.redirects.items()}
            config.plugins["redirects"].config["redirect_maps"] = maps
        total = len(files.documentation_pages())
        build.progress = {"read": Progress("reading pages", total), "write": Progress("writing pages", total)}
        # the site's own scripts and styles, and vis-network as pyvis ships it: one copy each in the
        # site, read from the packages
        for src_uri, path in {**SITE_ASSETS, **VENDOR_ASSETS}.items():
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        return files

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a record, a seed or the site code changes (the corpus may live outside docs/)."""
        for path in watched_inputs(self.corpus_root(config)):
            server.watch(str(path))
        server.watch(str(Path(__file__).resolve().parent.parent))  # the site code
        return server

    def on_page_markdown(self, markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
        planned = self._planned(page)
        if planned is not None:
            page.meta = {"title": planned.title}  # until the page is rendered, its title is all MkDocs needs
        return markdown

    def on_page_content(self, html_content: str, page: Any, config: MkDocsConfig, files: Files) -> str:
        build = self._build
        if build is not None and "read" in build.progress:
            build.progress["read"].advance()
        return html_content

    @event_priority(100)  # before the search plugin indexes page.content
    def on_page_context(self, context: Any, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        planned = self._planned(page)
        if planned is not None:
            with self.timings.phase("pages"):
                rendered = self._build.rendered.pop(planned.src, None) if self._build is not None else None
                rendered = rendered or planned.render()
            if self.session is not None:
                self.session.rendered(page.file.src_uri, page.url, rendered)
            full = separate_definitions(rendered.body.strip("\n"))
            page.meta = rendered.meta
            page.corpus_html = full  # what the theme shows (theme/partials/content.html)
            page.content = search_view(full)  # what the search plugin indexes
            # the ids MkDocs would have collected from the HTML, kept where its check of links to anchors
            # (from the hand-written pages) will look
            wanted = self._linked_anchors().get(page.file.src_uri, set())
            page.present_anchor_ids = {anchor for anchor in (html.unescape(value) for value in _ANCHORS.findall(full)) if anchor in wanted}
        return context

    def on_post_page(self, output: str, page: Any, config: MkDocsConfig) -> str:
        build = self._build
        if build is not None and build.progress:
            build.progress["read"].close()  # MkDocs reads every page before it writes the first
            build.progress["write"].advance()
        planned = self._planned(page)
        if planned is not None:  # written: let it go
            page.content = page.corpus_html = None
            page.meta = {"title": planned.title}
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        build = self._current()
        for progress in build.progress.values():
            progress.close()
        self.timings.peaks["written"] = peak_mb()  # every page written and indexed
        with self.timings.phase("exports"):
            data = Path(config.site_dir) / "data"
            write_exports(build.corpus, data, build.citations, build.site.url, build.analysis)
            if build.graph is not None:
                write_graph_json(build.graph, data)
                write_graph_files(build.corpus, build.graph, Path(config.site_dir))
        _relocate_404(Path(config.site_dir), config.site_url or "")
        if self.session is not None:
            self.session.built(build)
        with self.timings.phase("search"):  # before build_site swaps the staged site in
            if self.serving:
                self._indexing = start_index(Path(config.site_dir))
            else:
                index_site(Path(config.site_dir))
        self._build = None

    def on_build_error(self, error: Exception) -> None:
        self._build = None

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.session is not None:
            self.session.nav = nav
        return nav

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.session is not None:
            self.session.env = env
        return env

    def use(self, build: _Build) -> None:
        """Make ``build`` the current one (an incremental rebuild renders its pages through MkDocs)."""
        self._build = build

    def release(self) -> None:
        self._build = None

    def _current(self) -> _Build:
        if self._build is None:  # pragma: no cover - MkDocs calls on_config first
            raise PluginError("the corpus plugin was not configured")
        return self._build

    def _planned(self, page: Any) -> PlannedPage | None:
        return self._build.planned.get(page.file.src_uri) if self._build is not None else None

    def _linked_anchors(self) -> dict[str, set[str]]:
        """Page -> the anchors in it that Markdown pages link to (known once every page is read)."""
        build = self._current()
        if build.linked is None:
            linked: dict[str, set[str]] = {}
            for file in build.files or []:
                links = getattr(file.page, "links_to_anchors", None) if file.page is not None else None
                for target, anchors in (links or {}).items():
                    linked.setdefault(target.src_uri, set()).update(anchors)
            build.linked = linked
        return build.linked


def search_view(content: str) -> str:
    """The page without its elements marked ``data-search-exclude``, which the search plugin would
    skip: what it needs to read, and no more."""
    pieces = []
    position = 0
    while match := _SEARCH_EXCLUDED.search(content, position):
        pieces.append(content[position : match.start()])
        position = _element_end(content, match.group(1), match.end())
    pieces.append(content[position:])
    return "".join(pieces)


def _element_end(content: str, tag: str, start: int) -> int:
    """Where the element whose start tag ends at ``start`` ends (elements of the same name may nest)."""
    depth = 1
    for match in re.finditer(rf"<(/?){re.escape(tag)}\b[^>]*>", content[start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return start + match.end()
    return len(content)


def _relocate_404(site_dir: Path, site_url: str) -> None:
    """Make ``404.html`` work from whatever folder the site is served from (see ``site.notfound``)."""
    page = site_dir / "404.html"
    if not page.is_file():
        return
    folders = [path.name for path in site_dir.iterdir() if path.is_dir()]
    page.write_text(relocatable_404(page.read_text(encoding="utf-8"), urlsplit(site_url).path, folders), encoding="utf-8")
