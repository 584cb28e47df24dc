"""Where each actor is drawn, and how connected it is: computed once per build, with a fixed seed.

Positions are computed here, once per build, with a fixed seed, so the graph is the same from build
to build and the browser draws it at once, with physics off. Small graphs (the real corpus) use
networkx's ``spring_layout``; from :data:`LARGE_GRAPH` nodes on, a Fruchterman-Reingold variant whose
repulsion only acts within ``2k`` (the grid variant of the original paper) keeps the cost near
linear, and betweenness is estimated from :data:`BETWEENNESS_SAMPLE` seeded pivots.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from corpus_site.graph.model import (
    BETWEENNESS_SAMPLE,
    KAMADA_KAWAI_LIMIT,
    LABEL_MARGIN,
    LARGE_GRAPH,
    LAYOUT_ITERATIONS,
    PIXELS_PER_UNIT,
    SEED,
    Measures,
    RelationGraph,
)
from corpus_site.util.files import InputError, read_input, safe_cache_file

if TYPE_CHECKING:
    pass


LAYOUT_CACHE = "layout.json"


def cached_layout(graph: RelationGraph, folder: Path) -> dict[str, tuple[int, int]]:
    """:func:`layout`, reused from ``folder`` when nothing it depends on changed: the nodes and edges
    of both layers in their order, the code of this module, and the versions of networkx, numpy and
    scipy (the same inputs give the same positions, so a rebuild after an edit that does not touch
    the graph skips the layout)."""
    import hashlib
    from importlib.metadata import version

    shape = [
        list(graph.relations.nodes),
        [list(edge) for edge in graph.relations.edges(keys=True)],
        list(graph.cooccurrence.nodes),
        [list(edge) for edge in graph.cooccurrence.edges],
        [version(name) for name in ("networkx", "numpy", "scipy")],
        hashlib.sha1(Path(__file__).read_bytes()).hexdigest(),
    ]
    key = hashlib.sha1(json.dumps(shape).encode("utf-8")).hexdigest()
    path = safe_cache_file(folder, LAYOUT_CACHE)
    try:
        stored = json.loads(read_input(path)) if path is not None and path.exists() else None
        if isinstance(stored, dict) and stored.get("key") == key and isinstance(stored.get("positions"), dict):
            positions = {node: (int(xy[0]), int(xy[1])) for node, xy in stored["positions"].items()}
            if set(positions) == set(graph.relations.nodes):
                return positions
    except (InputError, OSError, ValueError, KeyError, TypeError, IndexError):
        pass  # a damaged cache only costs time
    positions = layout(graph.relations, graph.cooccurrence)
    if path is None:
        return positions
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"key": key, "positions": positions}), encoding="utf-8")
    except OSError:
        pass  # a cache that cannot be written only costs time
    return positions


def measure(relations: nx.MultiDiGraph) -> tuple[dict[str, Measures], int | None]:
    """Degree and betweenness per actor; betweenness is sampled (seeded) on large graphs."""
    simple = nx.Graph(relations.to_undirected(as_view=True))
    sample = BETWEENNESS_SAMPLE if len(simple) >= LARGE_GRAPH else None
    betweenness = nx.betweenness_centrality(simple, k=sample, normalized=True, seed=SEED if sample else None)
    rounded = {node: round(value, 4) for node, value in betweenness.items()}
    degrees = {node: int(relations.degree(node)) for node in relations}
    degree_rank = _ranks(degrees)
    broker_rank = _ranks(rounded)
    measures = {
        node: Measures(
            degree=degrees[node],
            out_degree=int(relations.out_degree(node)),
            in_degree=int(relations.in_degree(node)),
            neighbours=len(set(relations.predecessors(node)) | set(relations.successors(node))),
            betweenness=rounded[node],
            degree_rank=degree_rank[node],
            broker_rank=broker_rank[node],
        )
        for node in relations
    }
    return measures, sample


def _ranks(values: Mapping[str, float]) -> dict[str, int]:
    """Competition ranking, highest value first: 1, 2, 2, 4."""
    ordered = sorted(values.values(), reverse=True)
    first: dict[float, int] = {}
    for position, value in enumerate(ordered, 1):
        first.setdefault(value, position)
    return {node: first[value] for node, value in values.items()}


# -- layout -----------------------------------------------------------------------------------------


def layout(relations: nx.MultiDiGraph, cooccurrence: nx.Graph | None = None) -> dict[str, tuple[int, int]]:
    """Pixel positions for every node of both layers.

    The relations layer is laid out on its own, so switching the co-occurrence layer on never moves
    it: each connected part separately, the largest first and the smaller ones packed in rows
    beneath it (a force layout would fling them to the edges). Actors only in the co-occurrence
    layer are then placed among their partners, the relation nodes held fixed."""
    simple = nx.Graph(relations.to_undirected(as_view=True))
    unit = _pack(simple)
    extra = [node for node in (cooccurrence.nodes if cooccurrence is not None else ()) if node not in unit]
    if extra and cooccurrence is not None:
        union = nx.Graph()
        union.add_nodes_from(simple.nodes)
        union.add_nodes_from(extra)
        union.add_edges_from(simple.edges)
        union.add_edges_from((a, b) for a, b in cooccurrence.edges if a in extra or b in extra)
        unit = _spread(union, fixed=unit) if unit else _pack(union)
    reference = [unit[node] for node in simple] or list(unit.values())
    if not reference:
        return {}
    xs = [xy[0] for xy in reference]
    ys = [xy[1] for xy in reference]
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: (round((x - centre_x) * PIXELS_PER_UNIT), round((y - centre_y) * PIXELS_PER_UNIT)) for node, (x, y) in unit.items()}


def _pack(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Each connected component laid out on its own, then packed: the largest on the left, the
    others in columns to its right, each column no taller than the largest (a landscape drawing,
    like the screens it is read on). Units: about one node spacing."""
    order = {node: index for index, node in enumerate(graph)}
    components = sorted(
        (sorted(component, key=order.__getitem__) for component in nx.connected_components(graph)),
        key=lambda nodes: (-len(nodes), order[nodes[0]]),
    )
    placed: dict[str, tuple[float, float]] = {}
    limit = x = y = column_width = 0.0
    for number, nodes in enumerate(components):
        positions = _component(graph.subgraph(nodes), nodes)
        xs = [xy[0] for xy in positions.values()]
        ys = [xy[1] for xy in positions.values()]
        width = max(xs) - min(xs) + LABEL_MARGIN
        height = max(ys) - min(ys) + 1.0
        if number == 0:
            limit = max(height, 6.0)
        elif y > 0 and y + height > limit:
            x, y, column_width = x + column_width, 0.0, 0.0
        for node, (px, py) in positions.items():
            placed[node] = (x + px - min(xs), y + py - min(ys))
        y += height
        column_width = max(column_width, width)
        if number == 0:
            x, y, column_width = width, 0.0, 0.0
    return placed


def _component(graph: nx.Graph, nodes: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Unit positions of one connected component (spacing about 1)."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (0.0, 0.0), nodes[1]: (0.0, 1.2)}  # one above the other: the labels stay apart
    if len(nodes) >= LARGE_GRAPH:
        return _cutoff_fruchterman_reingold(graph)
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(graph.edges)
    positions = nx.spring_layout(ordered, seed=SEED, iterations=LAYOUT_ITERATIONS)
    if len(nodes) <= KAMADA_KAWAI_LIMIT:
        # Kamada-Kawai, started from the seeded spring layout, evens out the spacing of hub-and-spoke parts
        positions = nx.kamada_kawai_layout(ordered, pos=positions)
    radius = 0.95 * math.sqrt(len(nodes))  # both layouts fill [-1, 1]; the area grows with the count
    return {node: (float(xy[0]) * radius, float(xy[1]) * radius) for node, xy in positions.items()}


def _spread(graph: nx.Graph, fixed: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Place the nodes not in ``fixed`` among their neighbours, those in ``fixed`` held in place."""
    if len(graph) >= LARGE_GRAPH:
        return _cutoff_fruchterman_reingold(graph, fixed=fixed)
    positions = nx.spring_layout(graph, pos=dict(fixed), fixed=list(fixed), seed=SEED, iterations=LAYOUT_ITERATIONS)
    return {node: (float(xy[0]), float(xy[1])) for node, xy in positions.items()}


def _cutoff_fruchterman_reingold(graph: nx.Graph, fixed: dict[str, tuple[float, float]] | None = None) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold with repulsion only between nodes closer than ``2k`` (found with a k-d
    tree), attraction along edges, and the usual linear cooling: O(n log n + m) per iteration, a
    fixed number of iterations. Units: ``k = 1``."""
    import numpy as np
    from scipy.spatial import cKDTree

    nodes = list(graph)
    index = {node: number for number, node in enumerate(nodes)}
    count = len(nodes)
    random = np.random.RandomState(SEED)
    side = math.sqrt(count)
    pos = random.rand(count, 2) * side
    movable = np.ones(count, dtype=bool)
    if fixed:
        xs = [xy[0] for xy in fixed.values()]
        ys = [xy[1] for xy in fixed.values()]
        centre = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
        pos += np.array(centre) - side / 2
        for node, xy in fixed.items():
            if node in index:
                pos[index[node]] = xy
                movable[index[node]] = False
    edges = np.array([(index[a], index[b]) for a, b in graph.edges if a != b], dtype=np.int64).reshape(-1, 2)
    temperature = side * 0.1
    cooling = temperature / (LAYOUT_ITERATIONS + 1)
    for _ in range(LAYOUT_ITERATIONS):
        shift = np.zeros_like(pos)
        pairs = cKDTree(pos).query_pairs(2.0, output_type="ndarray")
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            distance = np.maximum(np.linalg.norm(delta, axis=1), 0.01)
            push = delta / (distance**2)[:, None]  # k^2 / d along the unit vector
            np.add.at(shift, pairs[:, 0], push)
            np.add.at(shift, pairs[:, 1], -push)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            distance = np.linalg.norm(delta, axis=1)
            pull = delta * distance[:, None]  # d^2 / k along the unit vector
            np.add.at(shift, edges[:, 0], -pull)
            np.add.at(shift, edges[:, 1], pull)
        length = np.maximum(np.linalg.norm(shift, axis=1), 0.01)
        pos += shift * (np.minimum(length, temperature) / length)[:, None] * movable[:, None]
        temperature -= cooling
    return {node: (float(pos[number, 0]), float(pos[number, 1])) for number, node in enumerate(nodes)}
