"""The pieces of the full graph that its page loads on demand, so that the page stays small at any
size of corpus.

The graph page carries only its core, the most connected actors (``graph.views.full_page_data``).
Beside it the site holds:

- ``graph/around/<actor id>.json``: one actor's neighbourhood (:func:`corpus_site.graph.around_data`),
  loaded when a reader selects the actor or the find box finds it;
- ``graph/names/<key>.json``: every name and alias of the graph's actors as ``[name, actor id]``,
  split by their first letters into files of a few hundred names (:func:`corpus_site.graph.name_shards`),
  loaded by the find box.

Each is as large as one actor's links or one letter's names, whatever the size of the corpus.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus_site.corpus.corpus import Corpus
from corpus_site.graph import RelationGraph, around_data, name_shards
from corpus_site.site.naming import Namer, RelationPages, corpus_namer, eras

AROUND = "graph/around"
NAMES = "graph/names"


def named_periods(data: dict[str, Any], namer: Namer, relation_pages: RelationPages) -> dict[str, Any]:
    """Graph data whose relation periods name articles and actors, not their ids, and whose edges
    know the page of their relation and the periods they can be filtered by."""
    for edge in data["edges"]:
        if edge.get("period"):
            edge["period"] = namer.plain(edge["period"])
        edge["page"] = relation_pages.of_edge(edge["id"])
        edge["eras"] = list(eras(edge.get("period") or ""))
    return data


def graph_files(corpus: Corpus, graph: RelationGraph) -> Iterator[tuple[str, str]]:
    """(site path, JSON text) of every piece: one neighbourhood per actor of the graph, then the
    name shards; each made when it is written."""
    namer = corpus_namer(corpus, coded=False)
    relation_pages = RelationPages(corpus.relations)
    for actor_id in graph.actors():
        yield f"{AROUND}/{actor_id}.json", _compact(named_periods(around_data(graph, corpus, actor_id), namer, relation_pages))
    for key, names in name_shards(graph, corpus).items():
        yield f"{NAMES}/{key}.json", _compact(names)


def write_graph_files(corpus: Corpus, graph: RelationGraph, site_dir: Path) -> int:
    """Write :func:`graph_files` into the site; return how many."""
    folders: set[Path] = set()
    count = 0
    for path, text in graph_files(corpus, graph):
        target = site_dir / path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_text(text, encoding="utf-8")
        count += 1
    return count


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
