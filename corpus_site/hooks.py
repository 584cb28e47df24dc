"""MkDocs hook: adds the generated record pages as virtual files and writes the data exports.

Named in mkdocs.yml under `hooks:`, so `mkdocs build`, `mkdocs serve` and `build_site.py` all
produce the same site. Generated pages exist only in memory: nothing is written into docs/, so
`serve` never sees its own output and never loops.
"""

from __future__ import annotations

import os
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
from corpus_site.pages import render_pages, src_of
from corpus_site.pipeline import load_site

ROOT_VARIABLE = "CORPUS_ROOT"

_state: dict[str, Any] = {}


def corpus_root(config: MkDocsConfig) -> Path:
    """The corpus folder: $CORPUS_ROOT when set (build_site.py --root), else mkdocs.yml's folder."""
    configured = os.environ.get(ROOT_VARIABLE)
    return Path(configured) if configured else Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    corpus, problems, redirects = load_site(corpus_root(config), Path(config.docs_dir))
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
    _state["citations"] = cite_corpus(corpus, site, cache.entries)
    _state["analysis"] = analyse(corpus)
    cache.save()
    return config


@event_priority(50)  # before other plugins (redirects) look at the files, so they see the record pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    corpus: Corpus = _state["corpus"]
    _state["graph"] = graph = build_graph(corpus)
    for src_uri, content in render_pages(corpus, _state["site"], _state["citations"], graph, _state["analysis"]).items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:  # a hand-written page of the same name wins
            continue
        files.append(File.generated(config, src_uri, content=content))
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


def on_post_build(config: MkDocsConfig) -> None:
    write_exports(_state["corpus"], Path(config.site_dir) / "data", _state["citations"], _state["site"].url, _state["analysis"])
    write_graph_json(_state["graph"], Path(config.site_dir) / "data")
