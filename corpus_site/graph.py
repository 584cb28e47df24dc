"""The relationship graph: actors and their sourced relations, laid out and measured with networkx.

Two layers:

- **relations**: a :class:`networkx.MultiDiGraph`, one node per actor that takes part in a relation
  and one directed, typed edge per relation record; each edge knows its claims and the articles
  (source ids) whose evidence backs them.
- **co-occurrence**: a lighter, undirected :class:`networkx.Graph` linking actors named together in
  the ``actors`` of one claim or taking part in one event. Readers switch it on; it may bring in
  actors that have no relation.

Positions are computed here, once per build, with a fixed seed, so the graph is the same from build
to build and the browser draws it at once, with physics off. Small graphs (the real corpus) use
networkx's ``spring_layout``; from :data:`LARGE_GRAPH` nodes on, a Fruchterman-Reingold variant whose
repulsion only acts within ``2k`` (the grid variant of the original paper) keeps the cost near
linear, and betweenness is estimated from :data:`BETWEENNESS_SAMPLE` seeded pivots.

``python -m corpus_site.graph --bench 2000`` times layout and measures on a synthetic graph.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .urls import record_url

if TYPE_CHECKING:
    from .corpus import Corpus


def _pyvis_folder() -> Path:
    """pyvis' package folder, found without importing pyvis (whose import pulls in IPython)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: pip install -e . installs it (it ships vis-network)")
    return Path(next(iter(spec.submodule_search_locations)))


VIS_NETWORK = _pyvis_folder() / "templates" / "lib" / "vis-9.1.2"
#: Site path -> file: vis-network's script and style as pyvis ships them, served as site assets.
VENDOR_ASSETS = {
    "assets/vendor/vis-network/vis-network.min.js": VIS_NETWORK / "vis-network.min.js",
    "assets/vendor/vis-network/vis-network.min.css": VIS_NETWORK / "vis-network.css",
}
SEED = 7
LAYOUT_ITERATIONS = 50
LARGE_GRAPH = 500
"""From this many nodes on: near-linear layout and sampled betweenness."""
BETWEENNESS_SAMPLE = 256
KAMADA_KAWAI_LIMIT = 200
"""Components up to this size get a Kamada-Kawai pass after the spring layout (quadratic memory)."""
PIXELS_PER_UNIT = 110.0
"""Pixels per layout unit (about the distance between two linked actors)."""
LABEL_MARGIN = 2.2
"""Room left beside a packed component for the labels, in layout units."""
TOP = 10
"""Length of the "most connected" and "brokers" lists."""


@dataclass(frozen=True)
class KindStyle:
    colour: str
    shape: str
    """A vis-network shape whose size follows the node's ``size``."""


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    dashes: tuple[int, ...] = ()
    """Dash and gap lengths in pixels; empty for a solid line."""
    width: float = 1.6


#: Node colour and shape per actor kind. The shape repeats the kind's family without colour.
KIND_STYLES: dict[str, KindStyle] = {
    "person": KindStyle("#4e79a7", "dot"),
    "group-of-people": KindStyle("#86bcb6", "dot"),
    "state": KindStyle("#e15759", "square"),
    "state-body": KindStyle("#f28e2b", "diamond"),
    "international-body": KindStyle("#9c755f", "square"),
    "armed-group": KindStyle("#59a14f", "triangle"),
    "political-movement": KindStyle("#8cd17d", "triangleDown"),
    "alliance": KindStyle("#d4a6c8", "hexagon"),
    "think-tank": KindStyle("#b07aa1", "star"),
    "media": KindStyle("#edc948", "star"),
    "organisation": KindStyle("#bab0ac", "hexagon"),
}
DEFAULT_KIND = KindStyle("#999999", "dot")

#: Edge colour, dashes and width per relation type: one hue per family (material support, command,
#: cooperation, hostility), the dash pattern telling the types of a family apart.
RELATION_STYLES: dict[str, EdgeStyle] = {
    "funds": EdgeStyle("#c98a00", (), 2.2),
    "arms": EdgeStyle("#c98a00", (10, 4), 2.2),
    "trains": EdgeStyle("#c98a00", (3, 4), 2.2),
    "supports": EdgeStyle("#3a9a4d", (), 1.8),
    "directs": EdgeStyle("#3f6fd8", (), 2.4),
    "leads": EdgeStyle("#3f6fd8", (10, 4), 1.8),
    "member-of": EdgeStyle("#7d8aa6", (), 1.4),
    "works-for": EdgeStyle("#7d8aa6", (4, 4), 1.4),
    "allied-with": EdgeStyle("#17a398", (), 1.8),
    "coordinates-with": EdgeStyle("#17a398", (8, 4), 1.8),
    "hosts": EdgeStyle("#8e6cc9", (2, 5), 1.8),
    "attacked": EdgeStyle("#d6336c", (), 2.4),
    "opposes": EdgeStyle("#d6336c", (8, 4), 1.8),
    "rivals": EdgeStyle("#d6336c", (2, 4), 1.8),
}
DEFAULT_RELATION = EdgeStyle("#888888")
COOCCURRENCE_STYLE = EdgeStyle("#9aa0a6", (2, 6), 1.0)


@dataclass(frozen=True)
class Measures:
    """Graph measures of one actor in the relations layer."""

    degree: int
    """Relations the actor takes part in (as subject or object)."""
    out_degree: int
    in_degree: int
    neighbours: int
    """Distinct actors it is related to."""
    betweenness: float
    """Normalised betweenness centrality on the undirected relations graph (0 to 1)."""
    degree_rank: int
    """1 for the most connected actor; ties share a rank."""
    broker_rank: int
    """1 for the actor with the highest betweenness; ties share a rank."""


@dataclass
class RelationGraph:
    """Both layers, laid out and measured; everything the pages and the export show."""

    relations: nx.MultiDiGraph
    cooccurrence: nx.Graph
    labels: dict[str, str]
    kinds: dict[str, str]
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    measures: dict[str, Measures] = field(default_factory=dict)
    sampled_betweenness: int | None = None
    """Number of pivots when betweenness was estimated, None when exact."""
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Lists computed once from the finished graph (every actor page asks for them)."""

    # -- lists ----------------------------------------------------------------------------------

    def most_connected(self, limit: int = TOP) -> list[tuple[str, Measures]]:
        ranked = sorted(self.measures.items(), key=lambda item: (item[1].degree_rank, self.labels[item[0]].casefold(), item[0]))
        return ranked[:limit]

    def brokers(self, limit: int = TOP) -> list[tuple[str, Measures]]:
        """Actors that lie on the most shortest paths between others; those on none are left out."""
        ranked = sorted(self.measures.items(), key=lambda item: (item[1].broker_rank, self.labels[item[0]].casefold(), item[0]))
        return [item for item in ranked if item[1].betweenness > 0][:limit]

    def relation_types(self) -> list[str]:
        """Relation types present, in the order of :data:`RELATION_STYLES`."""
        if "types" not in self._memo:
            present = {data["type"] for _s, _o, data in self.relations.edges(data=True)}
            self._memo["types"] = [name for name in RELATION_STYLES if name in present] + sorted(present - set(RELATION_STYLES))
        return list(self._memo["types"])

    def actor_kinds(self) -> list[str]:
        """Actor kinds present in either layer, in the order of :data:`KIND_STYLES`."""
        if "kinds" not in self._memo:
            present = {self.kinds[node] for node in (*self.relations.nodes, *self.cooccurrence.nodes)}
            self._memo["kinds"] = [name for name in KIND_STYLES if name in present] + sorted(present - set(KIND_STYLES))
        return list(self._memo["kinds"])

    def cooccurrence_only(self) -> list[str]:
        """Actors that appear only in the co-occurrence layer."""
        return [node for node in self.cooccurrence.nodes if node not in self.relations]

    # -- data -----------------------------------------------------------------------------------

    def node_row(self, node: str) -> dict[str, Any]:
        measures = self.measures.get(node)
        x, y = self.positions.get(node, (0, 0))
        return {
            "id": node,
            "label": self.labels[node],
            "kind": self.kinds[node],
            "degree": measures.degree if measures else 0,
            "out_degree": measures.out_degree if measures else 0,
            "in_degree": measures.in_degree if measures else 0,
            "neighbours": measures.neighbours if measures else 0,
            "betweenness": measures.betweenness if measures else 0.0,
            "cooccurrences": self.cooccurrence.degree(node) if node in self.cooccurrence else 0,
            "x": x,
            "y": y,
            "url": record_url("actors", node),
        }

    def edge_rows(self) -> list[dict[str, Any]]:
        """One row per relation, in the order of actors.yaml."""
        return [_copy_row(row) for row in self._edge_rows()]

    def edge_rows_of(self, actor_id: str) -> list[dict[str, Any]]:
        """The rows of the relations an actor takes part in, in the order of actors.yaml."""
        if "rows_by_actor" not in self._memo:
            by_actor: dict[str, list[dict[str, Any]]] = {}
            for row in self._edge_rows():
                by_actor.setdefault(row["subject"], []).append(row)
                if row["object"] != row["subject"]:
                    by_actor.setdefault(row["object"], []).append(row)
            self._memo["rows_by_actor"] = by_actor
        return [_copy_row(row) for row in self._memo["rows_by_actor"].get(actor_id, [])]

    def _edge_rows(self) -> list[dict[str, Any]]:
        if "rows" not in self._memo:
            edges = sorted(self.relations.edges(keys=True, data=True), key=lambda edge: edge[3].get("order", 0))
            self._memo["rows"] = [
                {
                    "id": key,
                    "subject": subject,
                    "object": obj,
                    "type": data["type"],
                    "period": data["period"] or None,
                    "claims": list(data["claims"]),
                    "sources": list(data["sources"]),
                    "status": data["status"],
                    "disputing": list(data["disputing"]),
                }
                for subject, obj, key, data in edges
            ]
        rows: list[dict[str, Any]] = self._memo["rows"]
        return rows

    def cooccurrence_rows(self, only: Iterable[tuple[str, str]] | None = None) -> list[dict[str, Any]]:
        return list(self.iter_cooccurrence_rows(only))

    def iter_cooccurrence_rows(self, only: Iterable[tuple[str, str]] | None = None) -> Iterator[dict[str, Any]]:
        """The rows of :meth:`cooccurrence_rows`, made one at a time (in the same order)."""
        pairs = sorted(tuple(sorted(pair)) for pair in (only if only is not None else self.cooccurrence.edges))
        for subject, obj in pairs:
            data = self.cooccurrence.edges[subject, obj]
            yield {
                "id": f"c:{subject}:{obj}",
                "subject": subject,
                "object": obj,
                "weight": len(data["claims"]) + len(data["events"]),
                "claims": list(data["claims"]),
                "events": list(data["events"]),
            }

    def document(self, *, lazy: bool = False) -> dict[str, Any]:
        """The export ``site/data/graph.json``: fields may be added, none removed or renamed. With
        ``lazy``, the lists of nodes and edges are iterators, made as they are read."""
        nodes = (self.node_row(node) for node in self.relations.nodes)
        only = (self.node_row(node) for node in self.cooccurrence_only())
        edges = iter(self._edge_rows())
        pairs = self.iter_cooccurrence_rows()
        return {
            "nodes": nodes if lazy else list(nodes),
            "edges": edges if lazy else self.edge_rows(),
            "cooccurrence": {
                "nodes": only if lazy else list(only),
                "edges": pairs if lazy else list(pairs),
            },
            "layout": {
                "algorithm": "spring_layout" if len(self.relations) < LARGE_GRAPH else "fruchterman-reingold, repulsion within 2k",
                "seed": SEED,
                "iterations": LAYOUT_ITERATIONS,
                "units": "px",
            },
            "betweenness": {"normalized": True, "directed": False, "sampled_pivots": self.sampled_betweenness},
        }


def _copy_row(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "claims": list(row["claims"]), "sources": list(row["sources"]), "disputing": list(row["disputing"])}


# -- building ---------------------------------------------------------------------------------------


def build_graph(corpus: Corpus, cache: Path | None = None) -> RelationGraph:
    """Both layers of the corpus, laid out and measured. With ``cache`` (a folder), the layout is
    kept there and reused while the graph, this module and the libraries stay the same."""
    relations = nx.MultiDiGraph()
    for actor_id in _relation_actors(corpus):
        relations.add_node(actor_id)
    order = {source: index for index, source in enumerate(corpus.articles)}
    for number, relation in enumerate(corpus.relations, 1):
        sources: list[str] = []
        for claim_id in relation.claims:
            view = corpus.claims.get(claim_id)
            for source_id in view.source_ids if view else []:
                if source_id not in sources:
                    sources.append(source_id)
        sources.sort(key=lambda source: order.get(source, len(order)))
        evidence = corpus.relation_evidence(relation)
        relations.add_edge(
            relation.subject,
            relation.object,
            key=f"r{number}",
            order=number,
            type=relation.type,
            period=relation.period,
            claims=tuple(relation.claims),
            sources=tuple(sources),
            status=evidence.status,
            disputing=evidence.disputing,
        )
    cooccurrence = nx.Graph()
    for view in corpus.claims.values():
        _link_together(cooccurrence, view.claim.actors, "claims", view.id)
    for event in corpus.events.values():
        _link_together(cooccurrence, [participant.actor for participant in event.actors], "events", event.id)
    # nodes in actors.yaml order, so that layout and output do not depend on the order of the claims
    known = {actor_id: index for index, actor_id in enumerate(corpus.actors)}
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(cooccurrence.nodes, key=lambda node: (known.get(node, len(known)), node)))
    ordered.add_edges_from(sorted(cooccurrence.edges(data=True), key=lambda edge: tuple(sorted(edge[:2]))))
    labels = {actor.id: actor.name for actor in corpus.actors.values()}
    kinds: dict[str, str] = {actor.id: actor.kind for actor in corpus.actors.values()}
    graph = RelationGraph(relations, ordered, labels, kinds)
    analyse(graph, cache)
    return graph


def _relation_actors(corpus: Corpus) -> list[str]:
    involved = {actor for relation in corpus.relations for actor in (relation.subject, relation.object)}
    return [actor_id for actor_id in corpus.actors if actor_id in involved] + sorted(involved - set(corpus.actors))


def _link_together(graph: nx.Graph, actors: Sequence[str], kind: str, record_id: str) -> None:
    for a, b in combinations(sorted(set(actors)), 2):
        if not graph.has_edge(a, b):
            graph.add_edge(a, b, claims=[], events=[])
        graph.edges[a, b][kind].append(record_id)


def analyse(graph: RelationGraph, cache: Path | None = None) -> None:
    """Fill in positions and measures (both deterministic for a given graph)."""
    graph.positions = cached_layout(graph, cache) if cache is not None else layout(graph.relations, graph.cooccurrence)
    graph.measures, graph.sampled_betweenness = measure(graph.relations)


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
    path = folder / LAYOUT_CACHE
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            return {node: (int(xy[0]), int(xy[1])) for node, xy in stored["positions"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        pass
    positions = layout(graph.relations, graph.cooccurrence)
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


# -- per-actor view ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Neighbourhood:
    """The 1-hop graph around one actor, with its own ring layout."""

    center: str
    related: list[str]
    """Actors with a relation to the center (inner ring)."""
    named_with: list[str]
    """Actors only named together with it (outer ring)."""
    edges: list[tuple[str, str, str]]
    """(subject, object, key) of the center's relations (those between two neighbours are left to
    the full graph: on a ring they cross the drawing and hide the center's own)."""
    cooccurrence: list[tuple[str, str]]
    positions: dict[str, tuple[int, int]]

    @property
    def empty(self) -> bool:
        return not self.related and not self.named_with


def neighbourhood(graph: RelationGraph, actor_id: str) -> Neighbourhood:
    """The center, its related actors on a ring ordered by relation type then name, and the actors
    only named with it on an outer ring."""
    order = {name: index for index, name in enumerate(RELATION_STYLES)}
    first_type: dict[str, int] = {}
    if actor_id in graph.relations:
        for _s, other, data in graph.relations.out_edges(actor_id, data=True):
            first_type[other] = min(first_type.get(other, 99), order.get(data["type"], 98))
        for other, _o, data in graph.relations.in_edges(actor_id, data=True):
            first_type[other] = min(first_type.get(other, 99), order.get(data["type"], 98))
    related = sorted(first_type, key=lambda node: (first_type[node], graph.labels[node].casefold(), node))
    members = {actor_id, *related}
    # the center's own relations, in the order of actors.yaml (its in- and out-edges, not a scan of all)
    edges = [(row["subject"], row["object"], row["id"]) for row in graph.edge_rows_of(actor_id)] if actor_id in graph.relations else []
    partners = (
        sorted(graph.cooccurrence.neighbors(actor_id), key=lambda node: (graph.labels[node].casefold(), node))
        if actor_id in graph.cooccurrence
        else []
    )
    named_with = [node for node in partners if node not in members]
    cooccurrence = [(actor_id, node) for node in partners]
    positions = {actor_id: (0, 0)}
    inner = max(220.0, 130.0 * len(related) / (2 * math.pi))
    outer = max(inner + 170.0, 110.0 * len(named_with) / (2 * math.pi))
    positions.update(_ring(related, inner))
    positions.update(_ring(named_with, outer if related else inner, offset=0.5))
    return Neighbourhood(actor_id, related, named_with, edges, cooccurrence, positions)


def _ring(nodes: Sequence[str], radius: float, offset: float = 0.0) -> dict[str, tuple[int, int]]:
    """Nodes evenly on a circle, clockwise from 12 o'clock; ``offset`` turns the ring by a fraction
    of a step, so an outer ring does not line up with the inner one."""
    count = len(nodes)
    placed = {}
    for number, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * (number + (offset if count > 1 else 0.0)) / max(count, 1)
        placed[node] = (round(radius * math.cos(angle)), round(radius * math.sin(angle)))
    return placed


# -- page data --------------------------------------------------------------------------------------


def styles() -> dict[str, Any]:
    """Colours, shapes and dashes for the script; the legend shows the same table."""
    return {
        "kinds": {kind: {"colour": style.colour, "shape": style.shape} for kind, style in KIND_STYLES.items()},
        "types": {
            name: {"colour": style.colour, "dashes": list(style.dashes), "width": style.width} for name, style in RELATION_STYLES.items()
        },
        "cooccurrence": {"colour": COOCCURRENCE_STYLE.colour, "dashes": list(COOCCURRENCE_STYLE.dashes), "width": COOCCURRENCE_STYLE.width},
        "default_kind": {"colour": DEFAULT_KIND.colour, "shape": DEFAULT_KIND.shape},
        "default_type": {"colour": DEFAULT_RELATION.colour, "dashes": [], "width": DEFAULT_RELATION.width},
    }


_PAGE_NODE_FIELDS = ("id", "label", "kind", "degree", "betweenness", "x", "y")


def _page_data(
    corpus: Corpus,
    center: str | None,
    nodes: Sequence[Mapping[str, Any]],
    edges: Sequence[Mapping[str, Any]],
    cooccurrence: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    """The compact form a page carries: claims, events and articles are listed once, with the texts
    the panel shows, and edges refer to them by position; actor aliases feed the find box."""
    claim_ids = sorted({claim for edge in [*edges, *cooccurrence] for claim in edge["claims"] if claim in corpus.claims})
    event_ids = sorted({event for edge in cooccurrence for event in edge["events"] if event in corpus.events})
    used_sources = {source for edge in edges for source in edge["sources"] if source in corpus.articles}
    article_order = corpus.article_order()
    source_ids = sorted(used_sources, key=article_order.__getitem__)
    claim_at = {claim: number for number, claim in enumerate(claim_ids)}
    event_at = {event: number for number, event in enumerate(event_ids)}
    source_at = {source: number for number, source in enumerate(source_ids)}
    return {
        "center": center,
        "nodes": [
            {
                **{key: node[key] for key in _PAGE_NODE_FIELDS},
                "layer": node["layer"],
                "aliases": list(corpus.actors[node["id"]].aliases) if node["id"] in corpus.actors else [],
            }
            for node in nodes
        ],
        "edges": [
            {
                "id": edge["id"],
                "subject": edge["subject"],
                "object": edge["object"],
                "type": edge["type"],
                "period": edge["period"],
                "claims": [claim_at[claim] for claim in edge["claims"] if claim in claim_at],
                "sources": [source_at[source] for source in edge["sources"] if source in source_at],
                "status": edge["status"],
                "disputing": [source_at[source] for source in edge["disputing"] if source in source_at],
            }
            for edge in edges
        ],
        "cooccurrence": [
            {
                "id": f"c{number}",
                "subject": edge["subject"],
                "object": edge["object"],
                "weight": edge["weight"],
                "claims": [claim_at[claim] for claim in edge["claims"] if claim in claim_at],
                "events": [event_at[event] for event in edge["events"] if event in event_at],
            }
            for number, edge in enumerate(cooccurrence, 1)
        ],
        "claims": [[claim, corpus.claims[claim].claim.statement, corpus.claims[claim].agreement] for claim in claim_ids],
        "events": [[event, corpus.events[event].title] for event in event_ids],
        "sources": [[source, corpus.articles[source].source.outlet] for source in source_ids],
        "styles": styles(),
    }


def full_page_data(graph: RelationGraph, corpus: Corpus) -> dict[str, Any]:
    """Everything the full-graph page draws: both layers, styles, and the texts of the panel."""
    document = graph.document()
    nodes = [dict(node, layer="relations") for node in document["nodes"]]
    nodes += [dict(node, layer="cooccurrence") for node in document["cooccurrence"]["nodes"]]
    return _page_data(corpus, None, nodes, document["edges"], document["cooccurrence"]["edges"])


def actor_page_data(graph: RelationGraph, corpus: Corpus, actor_id: str) -> dict[str, Any] | None:
    """The 1-hop graph of one actor, or None when it is linked to nobody."""
    around = neighbourhood(graph, actor_id)
    if around.empty:
        return None
    nodes = []
    for node in [actor_id, *around.related, *around.named_with]:
        row = graph.node_row(node)
        row["x"], row["y"] = around.positions[node]
        row["layer"] = "cooccurrence" if node in around.named_with else "relations"
        nodes.append(row)
    edges = graph.edge_rows_of(actor_id)
    return _page_data(corpus, actor_id, nodes, edges, graph.cooccurrence_rows(around.cooccurrence))


def script_json(data: Any) -> str:
    """JSON for a ``<script type="application/json">`` block: ``<``, ``>`` and ``&`` are written as
    ``\\u`` escapes, so no string from the records can close the element or open another."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def write_graph_json(graph: RelationGraph, folder: Path) -> Path:
    from .jsonio import write_json

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "graph.json"
    write_json(path, graph.document(lazy=True))  # the same bytes as dumping the document whole
    return path


# -- benchmark --------------------------------------------------------------------------------------


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
    parser = argparse.ArgumentParser(prog="python -m corpus_site.graph", description="Benchmark the graph layout and measures.")
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
