"""MkDocs hook: adds the generated record pages as virtual files and writes the data exports.

Named in mkdocs.yml under `hooks:`, so `mkdocs build`, `mkdocs serve` and `build_site.py` all
produce the same site. Generated pages exist only in memory: nothing is written into docs/, so
`serve` never sees its own output and never loops.

A generated page is one block of HTML. MkDocs gets a placeholder to run through Markdown and the
page's title; the page is rendered when MkDocs writes it (its front matter, with the citation tags
and JSON-LD, becomes the page's metadata then), and let go once it is written: Markdown has nothing
to do in the HTML, and MkDocs would otherwise hold every page of the site in memory until the end of
the build. The search plugin is handed the page without the parts marked ``data-search-exclude``
(citations, per-paragraph claim lists, graph data), which it would skip anyway; the theme shows the
whole page (``theme/partials/content.html``).
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from corpus_site.analysis import analyse
from corpus_site.cite import CitationCache, SiteInfo, cite_corpus
from corpus_site.corpus import Corpus
from corpus_site.export import write_exports
from corpus_site.graph import VENDOR_ASSETS, build_graph, write_graph_json
from corpus_site.pages import PlannedPage, plan_pages, split_front_matter, src_of
from corpus_site.pipeline import load_site
from corpus_site.progress import PEAKS, Progress, peak_mb, phase

ROOT_VARIABLE = "CORPUS_ROOT"

_state: dict[str, Any] = {}


def corpus_root(config: MkDocsConfig) -> Path:
    """The corpus folder: $CORPUS_ROOT when set (build_site.py --root), else mkdocs.yml's folder."""
    configured = os.environ.get(ROOT_VARIABLE)
    return Path(configured) if configured else Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    with phase("reload"):
        corpus, problems, redirects = load_site(corpus_root(config), Path(config.docs_dir), reuse=True)
    if problems.errors:
        lines = "\n".join(problem.format() for problem in problems.sorted())
        raise PluginError(f"the records have {len(problems.errors)} error(s):\n{lines}")
    _state["corpus"] = corpus
    _state["warnings"] = problems.warnings
    site = SiteInfo.detect(config.site_name, config.site_url or "", corpus.root)
    cache = CitationCache(corpus.root / ".cache" / "citations.json")
    _state["site"] = site
    _state["redirects"] = redirects
    with phase("citations"):
        _state["citations"] = cite_corpus(corpus, site, cache.entries)
        cache.save()
    with phase("analysis"):
        _state["analysis"] = analyse(corpus)
    return config


@event_priority(50)  # before other plugins (redirects) look at the files, so they see the record pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    corpus: Corpus = _state["corpus"]
    _state.pop("linked", None)
    with phase("graph"):
        _state["graph"] = graph = build_graph(corpus, cache=corpus.root / ".cache")
    planned: dict[str, PlannedPage] = {}
    with phase("pages"):
        for page in plan_pages(corpus, _state["site"], _state["citations"], graph, _state["analysis"]):
            if files.get_file_from_path(page.src) is not None:  # a hand-written page of the same name wins
                continue
            planned[page.src] = page
            files.append(File.generated(config, page.src, content=PLACEHOLDER))
    _state["planned"] = planned
    _state["files"] = files
    if "redirects" in config.plugins:
        # the redirects plugin wants source files; a URL such as 'claims/' is the page 'claims/index.md'
        by_url = {file.url: file.src_uri for file in files.documentation_pages()}
        config.plugins["redirects"].config["redirect_maps"] = {
            src_of(old): by_url.get(new, src_of(new)) for old, new in _state["redirects"].items()
        }
    total = len(files.documentation_pages())
    _state["progress"] = {"read": Progress("reading pages", total), "write": Progress("writing pages", total)}
    # vis-network as pyvis ships it: one copy in the site for every graph page, read from the package
    for src_uri, path in VENDOR_ASSETS.items():
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return files


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when a record, a seed or the site code changes (the corpus may live outside docs/)."""
    root = corpus_root(config)
    for name in ("actors.yaml", "events.yaml", "claims.yaml", "questions.yaml", "redirects.yaml", "quote-anchors.txt", "seeds"):
        if (root / name).exists():
            server.watch(str(root / name))
    server.watch(str(Path(__file__).parent))
    return server


#: What MkDocs renders as a generated page's Markdown; the page's HTML replaces it when it is written.
PLACEHOLDER = "corpus-site-generated-page\n"
_ANCHORS = re.compile(r'<(?:[A-Za-z][^>]*?\sid|a\s[^>]*?(?<=\s)name)="([^"]*)"')
_SEARCH_EXCLUDED = re.compile(r"<([A-Za-z][\w-]*)\b[^>]*?\sdata-search-exclude\b[^>]*>")


def parse_front_matter(block: str) -> dict[str, Any]:
    """The YAML front matter of a generated page (``---`` lines included). Its lines are mostly
    ``key: <JSON>``, read as JSON; anything else is read as YAML, as MkDocs reads it."""
    lines = block.strip("\n").split("\n")
    if len(lines) < 2 or lines[0] != "---" or lines[-1] != "---":
        return {}
    meta: dict[str, Any] = {}
    for line in lines[1:-1]:
        key, separator, value = line.partition(": ")
        try:
            if not separator or not key.isidentifier():
                raise ValueError(line)
            meta[key] = json.loads(value)
        except ValueError:
            loaded = yaml.load("\n".join(lines[1:-1]), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            return loaded if isinstance(loaded, dict) else {}
    return meta


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


def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    planned = _state.get("planned", {}).get(page.file.src_uri)
    if planned is not None:
        page.meta = {"title": planned.title}  # until the page is rendered, its title is all MkDocs needs
    return markdown


def on_page_content(content: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    progress = _state.get("progress")
    if progress:
        progress["read"].advance()
    return content


@event_priority(100)  # before the search plugin indexes page.content
def on_page_context(context: Any, page: Any, config: MkDocsConfig, nav: Any) -> Any:
    planned = _state.get("planned", {}).get(page.file.src_uri)
    if planned is not None:
        with phase("pages"):
            front_matter, body = split_front_matter(planned.render())
        full = body.strip("\n")
        page.meta = parse_front_matter(front_matter)
        page.corpus_html = full  # what the theme shows (theme/partials/content.html)
        page.content = search_view(full)  # what the search plugin indexes
        # the ids MkDocs would have collected from the HTML, kept where its check of links to anchors
        # (from the hand-written pages) will look
        wanted = _linked_anchors().get(page.file.src_uri, set())
        page.present_anchor_ids = {anchor for anchor in (html.unescape(value) for value in _ANCHORS.findall(full)) if anchor in wanted}
    return context


def _linked_anchors() -> dict[str, set[str]]:
    """Page -> the anchors in it that Markdown pages link to (known once every page is read)."""
    if "linked" not in _state:
        linked: dict[str, set[str]] = {}
        for file in _state.get("files", []):
            links = getattr(file.page, "links_to_anchors", None) if file.page is not None else None
            for target, anchors in (links or {}).items():
                linked.setdefault(target.src_uri, set()).update(anchors)
        _state["linked"] = linked
    linked_anchors: dict[str, set[str]] = _state["linked"]
    return linked_anchors


def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
    progress = _state.get("progress")
    if progress:
        progress["read"].close()  # MkDocs reads every page before it writes the first
        progress["write"].advance()
    planned = _state.get("planned", {}).get(page.file.src_uri)
    if planned is not None:  # written: let it go
        page.content = page.corpus_html = None
        page.meta = {"title": planned.title}
    return output


def on_post_build(config: MkDocsConfig) -> None:
    for progress in _state.pop("progress", {}).values():
        progress.close()
    _state.pop("linked", None)
    PEAKS["written"] = peak_mb()  # every page written and indexed
    with phase("exports"):
        write_exports(_state["corpus"], Path(config.site_dir) / "data", _state["citations"], _state["site"].url, _state["analysis"])
        write_graph_json(_state["graph"], Path(config.site_dir) / "data")
