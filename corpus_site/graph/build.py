"""The graph of a corpus: its relations and co-occurrences, laid out and measured."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from corpus_site.graph.layout import cached_layout, layout, measure
from corpus_site.graph.model import RelationGraph

if TYPE_CHECKING:
    from corpus_site.corpus.corpus import Corpus


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
