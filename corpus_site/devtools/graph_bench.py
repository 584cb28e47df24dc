"""`python -m corpus_site.devtools.graph_bench --bench 2000`: layout and measures timed on a synthetic graph."""

from __future__ import annotations

import argparse
import json
import time
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    pass
from corpus_site.graph.layout import layout, measure
from corpus_site.graph.model import KIND_STYLES, LARGE_GRAPH, RELATION_STYLES, SEED, RelationGraph


def synthetic(nodes: int, seed: int = SEED) -> RelationGraph:
    """A preferential-attachment graph of ``nodes`` actors with typed relations and co-occurrences,
    shaped like the corpus (a few hubs, many actors with one or two links)."""
    import random

    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(nodes, 2, seed=seed)
    relations = nx.MultiDiGraph()
    relations.add_nodes_from(f"a{node}" for node in skeleton.nodes)
    types = list(RELATION_STYLES)
    for number, (a, b) in enumerate(skeleton.edges, 1):
        subject, obj = (a, b) if rng.random() < 0.5 else (b, a)
        relations.add_edge(
            f"a{subject}",
            f"a{obj}",
            key=f"r{number}",
            order=number,
            type=rng.choice(types),
            period="",
            claims=(f"c{number}",),
            sources=("s1",),
            status="supported",
            disputing=(),
        )
    cooccurrence = nx.Graph()
    for number in range(nodes // 2):
        members = rng.sample(range(nodes), 3)
        for a, b in combinations(sorted(members), 2):
            if not cooccurrence.has_edge(f"a{a}", f"a{b}"):
                cooccurrence.add_edge(f"a{a}", f"a{b}", claims=[], events=[])
            cooccurrence.edges[f"a{a}", f"a{b}"]["claims"].append(f"k{number}")
    kinds = list(KIND_STYLES)
    labels = {f"a{node}": f"Actor {node}" for node in range(nodes)}
    return RelationGraph(relations, cooccurrence, labels, {f"a{node}": kinds[node % len(kinds)] for node in range(nodes)})


def bench(nodes: int, out: Path | None = None) -> dict[str, float]:
    started = time.perf_counter()
    graph = synthetic(nodes)
    built = time.perf_counter()
    graph.positions = layout(graph.relations, graph.cooccurrence)
    laid_out = time.perf_counter()
    graph.measures, graph.sampled_betweenness = measure(graph.relations)
    measured = time.perf_counter()
    text = json.dumps(graph.document(), ensure_ascii=False)
    done = time.perf_counter()
    if out is not None:
        out.write_text(text, encoding="utf-8")
    figures = {
        "nodes": float(len(graph.relations)),
        "relations": float(graph.relations.number_of_edges()),
        "cooccurrence_edges": float(graph.cooccurrence.number_of_edges()),
        "build_s": built - started,
        "layout_s": laid_out - built,
        "measures_s": measured - laid_out,
        "json_s": done - measured,
        "json_kb": len(text.encode("utf-8")) / 1024,
        "total_s": done - started,
    }
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m corpus_site.devtools.graph_bench", description="Benchmark the graph layout and measures."
    )
    parser.add_argument("--bench", type=int, metavar="N", required=True, help="number of nodes of the synthetic graph")
    parser.add_argument("--out", type=Path, default=None, help="also write the graph document (graph.json format) here")
    args = parser.parse_args(argv)
    figures = bench(args.bench, args.out)
    print(
        f"synthetic graph: {figures['nodes']:.0f} nodes, {figures['relations']:.0f} relations, "
        f"{figures['cooccurrence_edges']:.0f} co-occurrence links\n"
        f"layout {figures['layout_s']:.2f}s, measures {figures['measures_s']:.2f}s "
        f"(betweenness {'sampled' if figures['nodes'] >= LARGE_GRAPH else 'exact'}), "
        f"JSON {figures['json_s']:.2f}s ({figures['json_kb']:.0f} KiB); total {figures['total_s']:.2f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
