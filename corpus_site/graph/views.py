"""What the graph pages show: an actor's neighbourhood, the data the page script draws, the styles."""

from __future__ import annotations

import importlib.util
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus_site.graph.model import (
    COOCCURRENCE_STYLE,
    CORE,
    DEFAULT_KIND,
    DEFAULT_RELATION,
    KIND_STYLES,
    NAMES_PER_SHARD,
    RELATION_STYLES,
    RelationGraph,
)

if TYPE_CHECKING:
    from corpus_site.corpus.corpus import Corpus


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
    *,
    global_ids: bool = False,
) -> dict[str, Any]:
    """The compact form a page carries: claims, events and articles are listed once, with the texts
    the panel shows, and edges refer to them by position; actor aliases feed the find box. With
    ``global_ids``, a co-occurrence link keeps the id it has in the whole graph (``c:<a>:<b>``), so
    that the pieces the full graph loads one after another merge."""
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
                "id": edge["id"] if global_ids else f"c{number}",
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
        "sources": [[source, corpus.articles[source].short_name] for source in source_ids],
        "styles": styles(),
    }


def full_page_data(graph: RelationGraph, corpus: Corpus, limit: int = CORE) -> dict[str, Any]:
    """What the full-graph page draws when it opens: its core (the ``limit`` most connected actors,
    every actor when the graph has no more) with the relations and co-occurrence links among them,
    the styles, and the texts of the panel. ``total`` counts the graph's actors; ``complete`` says
    whether the core is all of them (if not, the page loads neighbourhoods, see :func:`around_data`,
    and ``names`` lists the keys of :func:`name_shards`)."""
    core = graph.core(limit)
    total = len(graph.relations) + len(graph.cooccurrence_only())
    complete = len(core) == total
    nodes = [_layered(graph, node) for node in core]
    edges = graph.edge_rows() if complete else graph.edge_rows_among(core)
    pairs = graph.cooccurrence_rows(None if complete else graph.cooccurrence_pairs_among(core))
    data = _page_data(corpus, None, nodes, edges, pairs, global_ids=True)
    if complete:
        return {**data, "total": total, "complete": True}
    # the keys of the files of names the find box looks a query up in (see name_shards)
    return {**data, "total": total, "complete": False, "names": list(name_shards(graph, corpus))}


def around_data(graph: RelationGraph, corpus: Corpus, actor_id: str) -> dict[str, Any]:
    """The neighbourhood of one actor that the full graph loads when a reader selects it: the
    actor, its relations and co-occurrence links, the actors at their other ends (with their places
    in the whole graph's layout) and the texts of the panel, in the form of :func:`full_page_data`
    without the styles. Made from the actor's own links: the cost does not grow with the graph."""
    edges = graph.edge_rows_of(actor_id) if actor_id in graph.relations else []
    partners = sorted(graph.cooccurrence.neighbors(actor_id)) if actor_id in graph.cooccurrence else []
    others = [row["object"] if row["subject"] == actor_id else row["subject"] for row in edges] + partners
    nodes = [_layered(graph, node) for node in dict.fromkeys([actor_id, *others])]
    pairs = graph.cooccurrence_rows([(actor_id, partner) for partner in partners])
    data = _page_data(corpus, None, nodes, edges, pairs, global_ids=True)
    del data["styles"], data["center"]
    return {"actor": actor_id, **data}


def _layered(graph: RelationGraph, node: str) -> dict[str, Any]:
    return dict(graph.node_row(node), layer="relations" if node in graph.relations else "cooccurrence")


def fold(text: str) -> str:
    """A name as the find box compares it: accents and other marks dropped, lower case (the page
    script folds what a reader types the same way)."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.category(char).startswith("M")).lower()


def name_chars(text: str) -> str:
    """The letters and digits of a folded name, each outside a-z and 0-9 written ``_``: what the
    files of names are keyed by ('Al-Qassam Brigades' -> 'alqassambrigades')."""
    return "".join(char if char.isascii() else "_" for char in fold(text) if char.isalnum())


def name_shards(graph: RelationGraph, corpus: Corpus, budget: int = NAMES_PER_SHARD) -> dict[str, list[list[str]]]:
    """Every name and alias of the graph's actors as ``[name, actor id]``, in files the find box
    loads one at a time: keyed by the first letter of :func:`name_chars`, a file of more than
    ``budget`` names split by the first two letters, and so on; a name goes to the longest key that
    starts it (the page script looks a query up the same way). Each file in the order of the folded
    names; a name with no letter or digit is left out."""
    rows = [
        [name, node]
        for node in graph.actors()
        for name in dict.fromkeys([graph.labels[node], *(corpus.actors[node].aliases if node in corpus.actors else ())])
    ]
    shards: dict[str, list[list[str]]] = {}
    pending: list[tuple[str, list[list[str]]]] = [("", rows)]
    while pending:
        key, group = pending.pop()
        if key and len(group) <= budget:
            shards[key] = group
            continue
        depth = len(key) + 1
        longer: dict[str, list[list[str]]] = {}
        for row in group:
            chars = name_chars(row[0])
            if len(chars) >= depth:
                longer.setdefault(chars[:depth], []).append(row)
            elif key:
                shards.setdefault(key, []).append(row)
        pending.extend(longer.items())
    return {key: sorted(rows, key=lambda row: (fold(row[0]), row[1])) for key, rows in sorted(shards.items())}


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
