"""MkDocs hook: adds the generated record pages as virtual files and writes the data exports.

Named in mkdocs.yml under `hooks:`, so `mkdocs build`, `mkdocs serve` and `build_site.py` all
produce the same site. Generated pages exist only in memory: nothing is written into docs/, so
`serve` never sees its own output and never loops.

A generated page is one block of HTML. MkDocs only gets its front matter (title, citation metadata)
and a placeholder to run through Markdown; the HTML itself, kept compressed meanwhile, takes the
placeholder's place when the page is written, and is let go once it is: Markdown has nothing to do
in it, and MkDocs would otherwise hold every page of the site in memory until the end of the build.
"""

from __future__ import annotations

import html
import os
import re
import zlib
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from corpus_site.analysis import analyse
from corpus_site.cite import CitationCache, SiteInfo, cite_corpus
from corpus_site.corpus import Corpus
from corpus_site.export import write_exports
from corpus_site.graph import VENDOR_ASSETS, build_graph, write_graph_json
from corpus_site.pages import iter_pages, split_front_matter, src_of
from corpus_site.pipeline import load_site
from corpus_site.progress import Progress, phase

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
    if "redirects" in config.plugins:
        config.plugins["redirects"].config["redirect_maps"] = {src_of(old): src_of(new) for old, new in redirects.items()}
    with phase("citations"):
        _state["citations"] = cite_corpus(corpus, site, cache.entries)
        cache.save()
    with phase("analysis"):
        _state["analysis"] = analyse(corpus)
    return config


@event_priority(50)  # before other plugins (redirects) look at the files, so they see the record pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    corpus: Corpus = _state["corpus"]
    with phase("graph"):
        _state["graph"] = graph = build_graph(corpus, cache=corpus.root / ".cache")
    bodies: dict[str, bytes] = {}
    with phase("pages"):
        for src_uri, content in iter_pages(corpus, _state["site"], _state["citations"], graph, _state["analysis"]):
            existing = files.get_file_from_path(src_uri)
            if existing is not None:  # a hand-written page of the same name wins
                continue
            front_matter, body = split_front_matter(content)
            bodies[src_uri] = zlib.compress(body.strip("\n").encode("utf-8"), 1)
            files.append(File.generated(config, src_uri, content=front_matter + PLACEHOLDER))
    _state["bodies"] = bodies
    _state["generated"] = set(bodies)
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
    for name in ("actors.yaml", "events.yaml", "claims.yaml", "questions.yaml", "redirects.yaml", "seeds"):
        if (root / name).exists():
            server.watch(str(root / name))
    server.watch(str(Path(__file__).parent))
    return server


#: What MkDocs renders as a generated page's Markdown; the page's HTML replaces it when it is written.
PLACEHOLDER = "corpus-site-generated-page\n"
_ANCHORS = re.compile(r'<(?:[A-Za-z][^>]*?\sid|a\s[^>]*?(?<=\s)name)="([^"]*)"')


def on_page_content(content: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    progress = _state.get("progress")
    if progress:
        progress["read"].advance()
    return content


@event_priority(100)  # before the search plugin indexes page.content
def on_page_context(context: Any, page: Any, config: MkDocsConfig, nav: Any) -> Any:
    body = _state.get("bodies", {}).pop(page.file.src_uri, None)
    if body is not None:
        page.content = zlib.decompress(body).decode("utf-8")
        # the ids MkDocs would have collected from the HTML, for its check of links to anchors
        page.present_anchor_ids = {html.unescape(value) for value in _ANCHORS.findall(page.content)}
    return context


def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
    progress = _state.get("progress")
    if progress:
        progress["read"].close()  # MkDocs reads every page before it writes the first
        progress["write"].advance()
    if page.file.src_uri in _state.get("generated", ()):
        page.content = None  # written: let it go
    return output


def on_post_build(config: MkDocsConfig) -> None:
    for progress in _state.pop("progress", {}).values():
        progress.close()
    with phase("exports"):
        write_exports(_state["corpus"], Path(config.site_dir) / "data", _state["citations"], _state["site"].url, _state["analysis"])
        write_graph_json(_state["graph"], Path(config.site_dir) / "data")
