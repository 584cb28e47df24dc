"""site/data/graph.json: the whole graph, streamed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from corpus_site.graph.model import RelationGraph

if TYPE_CHECKING:
    pass


def write_graph_json(graph: RelationGraph, folder: Path) -> Path:
    from corpus_site.util.jsonio import write_json

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "graph.json"
    write_json(path, graph.document(lazy=True))  # the same bytes as dumping the document whole
    return path
