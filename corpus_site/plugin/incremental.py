"""Which pages an edit touches: the records that changed between two builds, and the pages that
show them.

A page is re-rendered when it is the page of a changed record, the page of a record a changed record
names (before or after the edit), a page that linked to a changed record in the last build, a claim
whose related claims changed, an index or overview page, or an actor page when the graph changed.
The candidates are rendered and compared with what the last build wrote; only those that differ go
through MkDocs again. Anything wider (an article's text or metadata, the corrections log, records
added or removed, the independence groups of the articles) returns ``None``: a full build.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from corpus_site.corpus.corpus import ClaimView, Corpus
from corpus_site.plugin.session import RECORD_KINDS, ServeSession
from corpus_site.records.model import Claim


def _claim_changed(old: ClaimView, new: ClaimView) -> bool:
    return old.claim != new.claim or old.quotes != new.quotes


def _changed_ids(old: Mapping[str, Any], new: Mapping[str, Any]) -> set[str] | None:
    """Ids whose record differs; None when records were added or removed."""
    if old.keys() != new.keys():
        return None
    return {record_id for record_id, record in old.items() if record != new[record_id]}


def changed_records(old: Corpus, new: Corpus) -> set[str] | None:
    """Keys (``claims/x``, ``actors/y`` ...) of the records that differ; None for a global change."""
    if old.articles.keys() != new.articles.keys() or old.corrections != new.corrections or old.published != new.published:
        return None
    if old.legacy_anchors != new.legacy_anchors:
        return None
    for source_id, article in old.articles.items():
        other = new.articles[source_id]
        if article.source != other.source or article.text != other.text:
            return None
    keys: set[str] = set()
    tables: list[tuple[str, Mapping[str, Any], Mapping[str, Any]]] = [
        ("actors", old.actors, new.actors),
        ("events", old.events, new.events),
        ("questions", old.questions, new.questions),
    ]
    for kind, before, after in tables:
        ids = _changed_ids(before, after)
        if ids is None:
            return None
        keys |= {f"{kind}/{record_id}" for record_id in ids}
    for before_views, after_views in ((old.claims, new.claims), (old.retired_claims, new.retired_claims)):
        if before_views.keys() != after_views.keys():
            return None
        keys |= {f"claims/{claim_id}" for claim_id, view in before_views.items() if _claim_changed(view, after_views[claim_id])}
    if len(old.relations) != len(new.relations):
        return None
    for before_relation, after_relation in zip(old.relations, new.relations, strict=True):
        if before_relation != after_relation:
            for relation in (before_relation, after_relation):
                keys |= {f"actors/{relation.subject}", f"actors/{relation.object}"}
                keys |= {f"claims/{claim_id}" for claim_id in relation.claims}
    return keys


def changed_analysis(old: Any, new: Any) -> set[str] | None:
    """Keys of the claims, questions and sources whose computed figures differ; None when the
    independence groups of the articles changed (every tally may)."""
    if old.groups != new.groups:
        return None
    keys: set[str] = set()
    for table in ("tallies", "status", "credibility", "questions_by_claim"):
        before, after = getattr(old, table), getattr(new, table)
        keys |= {f"claims/{claim_id}" for claim_id in set(before) | set(after) if before.get(claim_id) != after.get(claim_id)}
    keys |= {f"questions/{qid}" for qid in set(old.questions) | set(new.questions) if old.questions.get(qid) != new.questions.get(qid)}
    keys |= {f"sources/{sid}" for sid in set(old.only_in) | set(new.only_in) if old.only_in.get(sid) != new.only_in.get(sid)}
    return keys


def _named(record: BaseModel | None, known: Mapping[str, set[str]]) -> set[str]:
    """Keys of the records a record names: every string in it that is a known id of some kind."""
    if record is None:
        return set()
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.update(f"{kind}/{value}" for kind, ids in known.items() if value in ids)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(record.model_dump(exclude={"id"}))
    return found


def _record(corpus: Corpus, key: str) -> BaseModel | None:
    kind, _, record_id = key.partition("/")
    if kind == "claims":
        view = corpus.claims.get(record_id) or corpus.retired_claims.get(record_id)
        return view.claim if view is not None else None
    tables: dict[str, Mapping[str, BaseModel]] = {"actors": corpus.actors, "events": corpus.events, "questions": corpus.questions}
    return tables[kind].get(record_id) if kind in tables else None


def _related_changes(old: Corpus, new: Corpus, claims: Iterable[str]) -> set[str]:
    """Claims (keys) whose list of related claims may differ: those sharing an actor, event or tag
    with a changed claim, before or after the edit, whose list did change."""
    members: set[str] = set()
    for corpus in (old, new):
        for claim_id in claims:
            view = corpus.claims.get(claim_id)
            if view is None:
                continue
            claim: Claim = view.claim
            for event_id in claim.events:
                members.update(corpus.claims_by_event.get(event_id, []))
            for actor_id in claim.actors:
                members.update(corpus.claims_by_actor.get(actor_id, []))
            for tag in claim.tags:
                members.update(corpus.tags.get(tag, {}).get("claims", []))
    return {
        f"claims/{claim_id}"
        for claim_id in members
        if claim_id in old.claims and claim_id in new.claims and old.related_claims(claim_id) != new.related_claims(claim_id)
    }


def graph_unchanged(old: Corpus, new: Corpus, keys: set[str]) -> bool:
    """The relationship graph is the same: no actor, relation or event changed, and no changed claim
    names other actors or events, or cites other articles with other stances."""
    if any(not key.startswith("claims/") for key in keys) or old.relations != new.relations:
        return False
    for key in keys:
        claim_id = key.partition("/")[2]
        before, after = old.claims.get(claim_id), new.claims.get(claim_id)
        if (before is None) != (after is None):
            return False
        if before is None or after is None:
            continue
        b, a = before.claim, after.claim
        if b.actors != a.actors or b.events != a.events:
            return False
        if [(item.source, item.stance) for item in b.evidence] != [(item.source, item.stance) for item in a.evidence]:
            return False
    return True


def graph_document(graph: Any, corpus: Corpus) -> str:
    """The whole graph as the pages show it (every actor, not only the full page's core): two builds
    with the same document draw the same graphs."""
    from corpus_site.graph import full_page_data

    return json.dumps(full_page_data(graph, corpus, limit=len(graph.actors())), sort_keys=True, default=str)


GRAPH_PAGE = "graph.md"


def pages_to_render(old: Any, new: Any, session: ServeSession, planned: Iterable[str], *, graph_changed: bool, keys: set[str]) -> set[str]:
    """Source paths of the generated pages an edit may change (``keys``: the changed records)."""
    planned = set(planned)
    known = {
        "claims": set(new.corpus.claims) | set(new.corpus.retired_claims),
        "actors": set(new.corpus.actors),
        "events": set(new.corpus.events),
        "sources": set(new.corpus.articles),
        "questions": set(new.corpus.questions),
    }
    touched = set(keys)
    for key in keys:
        touched |= _named(_record(old.corpus, key), known) | _named(_record(new.corpus, key), known)
    claims = [key.partition("/")[2] for key in keys if key.startswith("claims/")]
    touched |= _related_changes(old.corpus, new.corpus, claims)
    pages = {f"{key}.md" for key in touched}
    # indexes and overviews: counts, tables and lists over every record
    pages |= {src for src in planned if src.partition("/")[0] not in RECORD_KINDS or src.endswith("/index.md")}
    # the full graph is found through the claims and events its data lists (see session.record_links)
    pages.discard(GRAPH_PAGE)
    pages |= session.linking_to(keys)
    if graph_changed:
        pages |= {src for src in planned if src.startswith("actors/")} | {GRAPH_PAGE}
    return pages & planned
