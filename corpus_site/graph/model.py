"""The relationship graph's model: both layers of networkx graphs, their measures and styles.

The relationship graph: actors and their sourced relations, laid out and measured with networkx.

Two layers:

- **relations**: a :class:`networkx.MultiDiGraph`, one node per actor that takes part in a relation
  and one directed, typed edge per relation record; each edge knows its claims and the articles
  (source ids) whose evidence backs them.
- **co-occurrence**: a lighter, undirected :class:`networkx.Graph` linking actors named together in
  the ``actors`` of one claim or taking part in one event. Readers switch it on; it may bring in
  actors that have no relation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from corpus_site.records.urls import record_url

if TYPE_CHECKING:
    pass


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
CORE = 150
"""Actors the full graph page draws when it opens: the most connected (the others come with the
neighbourhood of an actor a reader selects). The real corpus has fewer, so its page draws them all."""
NAMES_PER_SHARD = 300
"""Names and aliases per file of names the find box loads (some 12 KB); more are split by the next letter."""


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

    def actors(self) -> list[str]:
        """Every actor of the graph: those in a relation (in the order of actors.yaml), then those
        only named with others."""
        return [*self.relations.nodes, *self.cooccurrence_only()]

    def core(self, limit: int = CORE) -> list[str]:
        """The ``limit`` most connected actors (by number of relations, then name), in the order of
        :meth:`actors`: all of them when the graph has no more."""
        every = self.actors()
        if len(every) <= limit:
            return every

        def rank(node: str) -> tuple[int, str, str]:
            measures = self.measures.get(node)
            return (-(measures.degree if measures else 0), self.labels[node].casefold(), node)

        chosen = set(sorted(every, key=rank)[:limit])
        return [node for node in every if node in chosen]

    def edge_rows_among(self, actors: Iterable[str]) -> list[dict[str, Any]]:
        """The rows of the relations between two of ``actors``, in the order of actors.yaml (found
        from each actor's own relations, not a scan of all)."""
        chosen = set(actors)
        rows = {
            row["id"]: row for actor in chosen for row in self.edge_rows_of(actor) if row["subject"] in chosen and row["object"] in chosen
        }
        return sorted(rows.values(), key=lambda row: int(row["id"][1:]))

    def cooccurrence_pairs_among(self, actors: Iterable[str]) -> list[tuple[str, str]]:
        """The co-occurrence links between two of ``actors``, each pair once."""
        chosen = set(actors)
        pairs = {
            (a, b) if a < b else (b, a) for a in chosen if a in self.cooccurrence for b in self.cooccurrence.neighbors(a) if b in chosen
        }
        return sorted(pairs)

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
