"""Checks across records: every id a record names exists, ids are unique, dates fit their
precision, corrections name real records, questions rate every hypothesis."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from corpus_site.records.model import DATE_PATTERN, Actor, Relation, Source
from corpus_site.records.problems import Problems
from corpus_site.records.suggest import did_you_mean
from corpus_site.records.urls import RESERVED_IDS
from corpus_site.records.validate import Placed, Records


def check_references(records: Records, problems: Problems, *, seed_files: Iterable[str]) -> None:
    """Every id a record names exists, ids are unique and not reserved, and each kind's own rules hold."""
    ids = _Ids(
        sources=_unique_ids("source", records.sources, problems),
        actors=_unique_ids("actor", records.actors, problems),
        events=_unique_ids("event", records.events, problems),
        claims=_unique_ids("claim", records.claims, problems),
    )
    _ids_unique_across_kinds(records, problems)
    _reserved_ids(records, problems)
    check = _References(records, problems, ids)
    check.sources(set(seed_files))
    check.actors()
    check.relations()
    check.events()
    check.claims()
    questions = {placed.record.id for placed in records.questions}
    _check_corrections(records, ids.sources | ids.actors | ids.events | ids.claims | questions, problems)


@dataclass(frozen=True)
class _Ids:
    sources: set[str]
    actors: set[str]
    events: set[str]
    claims: set[str]


@dataclass
class _References:
    """The cross-record checks of one kind of record each, sharing the known ids."""

    records: Records
    problems: Problems
    ids: _Ids

    def ref(self, kind: str, value: str | None, known: set[str], placed: Placed[Any], *path: str | int) -> None:
        """Report ``value`` unless it names a known record of ``kind`` (or one that failed to load)."""
        if value is None or value in known or value in self.records.invalid_ids or f"{kind}s" in self.records.unreadable:
            return
        self.problems.add(
            placed.file.file,
            placed.where(*path),
            f"unknown-{kind}",
            f"'{value}' is not {_article(kind)} {kind} id",
            did_you_mean(value, known),
        )

    def sources(self, existing_seeds: set[str]) -> None:
        problems = self.problems
        seen_files: dict[str, Placed[Source]] = {}
        for placed in self.records.sources:
            source = placed.record
            if source.seed_file not in existing_seeds:
                problems.add(
                    placed.file.file,
                    placed.where("seed_file"),
                    "missing-seed",
                    f"seeds/{source.seed_file} does not exist",
                    did_you_mean(source.seed_file, existing_seeds),
                )
            if source.seed_file in seen_files:
                problems.add(
                    placed.file.file,
                    placed.where("seed_file"),
                    "duplicate-seed",
                    f"seed file {source.seed_file} is already described by source '{seen_files[source.seed_file].record.id}'",
                )
            seen_files.setdefault(source.seed_file, placed)
            for index, other in enumerate(source.derived_from):
                self.ref("source", other, self.ids.sources, placed, "derived_from", index)
            _check_precision(placed, source.published, source.date_precision, "published", problems)
            for index, run in enumerate(source.non_article):
                if run.last < run.first:
                    problems.add(
                        placed.file.file,
                        placed.where("non_article", index),
                        "bad-range",
                        f"non_article run ends (line {run.last}) before it starts (line {run.first})",
                    )

    def actors(self) -> None:
        for placed_actor in self.records.actors:
            for index, affiliation in enumerate(placed_actor.record.affiliations):
                self.ref("actor", affiliation.actor, self.ids.actors, placed_actor, "affiliations", index, "actor")
        _check_aliases(self.records, self.problems)

    def relations(self) -> None:
        seen_relations: dict[tuple[str, str, str], Placed[Relation]] = {}
        for placed_relation in self.records.relations:
            relation = placed_relation.record
            self.ref("actor", relation.subject, self.ids.actors, placed_relation, "subject")
            self.ref("actor", relation.object, self.ids.actors, placed_relation, "object")
            for index, claim in enumerate(relation.claims):
                self.ref("claim", claim, self.ids.claims, placed_relation, "claims", index)
            triple = (relation.subject, relation.type, relation.object)
            if triple in seen_relations:
                line, _ = seen_relations[triple].where()
                self.problems.add(
                    placed_relation.file.file,
                    placed_relation.where(),
                    "duplicate-relation",
                    f"relation '{' '.join(triple)}' is already written at line {line}",
                    "merge the two: list all their claims on one relation",
                )
            seen_relations.setdefault(triple, placed_relation)
            if relation.subject == relation.object:
                self.problems.add(
                    placed_relation.file.file,
                    placed_relation.where("object"),
                    "self-relation",
                    f"relation links '{relation.subject}' to itself",
                )

    def events(self) -> None:
        for placed_event in self.records.events:
            event = placed_event.record
            _check_precision(placed_event, event.date, event.date_precision, "date", self.problems)
            for index, actor in enumerate(event.actors):
                self.ref("actor", actor.actor, self.ids.actors, placed_event, "actors", index, "actor")

    def claims(self) -> None:
        ids = self.ids
        for placed_claim in self.records.claims:
            claim_record = placed_claim.record
            for index, actor_id in enumerate(claim_record.actors):
                self.ref("actor", actor_id, ids.actors, placed_claim, "actors", index)
            for index, event_id in enumerate(claim_record.events):
                self.ref("event", event_id, ids.events, placed_claim, "events", index)
            if claim_record.retired:
                for number, successor in enumerate(claim_record.retired.successors):
                    self.ref("claim", successor, ids.claims, placed_claim, "retired", "successors", number)
                    if successor == claim_record.id:
                        self.problems.add(
                            placed_claim.file.file,
                            placed_claim.where("retired", "successors", number),
                            "bad-successor",
                            f"claim '{claim_record.id}' cannot succeed itself",
                            "name the claims that replace it",
                        )
            for index, evidence in enumerate(claim_record.evidence):
                self.ref("source", evidence.source, ids.sources, placed_claim, "evidence", index, "source")
                for number, speaker in enumerate(evidence.speakers):
                    self.ref("actor", speaker, ids.actors, placed_claim, "evidence", index, "speakers", number)


def _check_corrections(records: Records, record_ids: set[str], problems: Problems) -> None:
    """Each correction names a record that exists, on a day, in date order, no earlier than the
    records' first publication."""
    previous = records.published or ""
    for placed in records.corrections:
        correction = placed.record
        file = placed.file.file
        if correction.record not in record_ids and correction.record not in records.invalid_ids and not records.unreadable:
            problems.add(
                file,
                placed.where("record"),
                "unknown-record",
                f"'{correction.record}' is not the id of a claim, actor, event, source or question",
                did_you_mean(correction.record, record_ids),
            )
        if len(correction.date) != len("YYYY-MM-DD"):
            problems.add(file, placed.where("date"), "bad-date", f"correction date '{correction.date}' is not a day", "write YYYY-MM-DD")
        elif correction.date < previous:
            problems.add(
                file,
                placed.where("date"),
                "bad-date",
                f"correction of {correction.date} comes after one of {previous}"
                if previous != records.published
                else f"correction of {correction.date} is earlier than 'published: {previous}'",
                "the log is kept oldest first; add new corrections at the end",
            )
        else:
            previous = correction.date


def check_questions(records: Records, problems: Problems) -> None:
    claims = {placed.record.id: placed.record for placed in records.claims}
    claim_ids = set(claims) | records.invalid_ids
    _unique_ids("question", records.questions, problems)
    for placed in records.questions:
        question = placed.record
        hypothesis_ids = [hypothesis.id for hypothesis in question.hypotheses]
        seen: set[str] = set()
        for index, hypothesis_id in enumerate(hypothesis_ids):
            if hypothesis_id in seen:
                problems.add(
                    placed.file.file,
                    placed.where("hypotheses", index, "id"),
                    "duplicate-id",
                    f"hypothesis id '{hypothesis_id}' appears twice in this question",
                )
            seen.add(hypothesis_id)
        for index, item in enumerate(question.evidence):
            if item.claim not in claim_ids and "claims" not in records.unreadable:
                problems.add(
                    placed.file.file,
                    placed.where("evidence", index, "claim"),
                    "unknown-claim",
                    f"'{item.claim}' is not a claim id",
                    did_you_mean(item.claim, claim_ids),
                )
            if item.source is not None and item.claim in claims and item.source not in {e.source for e in claims[item.claim].evidence}:
                problems.add(
                    placed.file.file,
                    placed.where("evidence", index, "source"),
                    "unknown-source",
                    f"source '{item.source}' has no evidence on claim '{item.claim}'",
                    f"its sources are: {', '.join(sorted({e.source for e in claims[item.claim].evidence}))}",
                )
            for key in item.ratings:
                if key not in seen:
                    problems.add(
                        placed.file.file,
                        placed.where("evidence", index, "ratings", key, key=True),
                        "unknown-hypothesis",
                        f"'{key}' is not a hypothesis of question '{question.id}'",
                        did_you_mean(key, seen),
                    )
            missing = [hypothesis_id for hypothesis_id in hypothesis_ids if hypothesis_id not in item.ratings]
            if missing:
                problems.add(
                    placed.file.file,
                    placed.where("evidence", index, "ratings"),
                    "missing-rating",
                    f"claim '{item.claim}' is not rated against {', '.join(repr(m) for m in missing)}",
                    "rate every hypothesis: consistent, inconsistent or neutral",
                )


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"


def _unique_ids(kind: str, placed_records: list[Placed[Any]], problems: Problems) -> set[str]:
    first: dict[str, Placed[Any]] = {}
    for placed in placed_records:
        record_id = placed.record.id
        if record_id in first:
            earlier = first[record_id]
            line, _ = earlier.where("id")
            problems.add(
                placed.file.file,
                placed.where("id"),
                "duplicate-id",
                f"{kind} id '{record_id}' is already used at {earlier.file.file}:{line}",
                "ids must be unique; rename one of them",
            )
        else:
            first[record_id] = placed
    return set(first)


def _ids_unique_across_kinds(records: Records, problems: Problems) -> None:
    """One id names one record site-wide, so a bare id in a citation or a search is never ambiguous."""
    owner: dict[str, tuple[str, Placed[Any]]] = {}
    for kind, placed_records in (
        ("source", records.sources),
        ("actor", records.actors),
        ("event", records.events),
        ("claim", records.claims),
    ):
        seen_here: set[str] = set()
        for placed in placed_records:
            record_id = placed.record.id
            if record_id in seen_here:
                continue  # a duplicate within one kind is reported by _unique_ids
            seen_here.add(record_id)
            if record_id in owner:
                other_kind, other = owner[record_id]
                line, _ = other.where("id")
                problems.add(
                    placed.file.file,
                    placed.where("id"),
                    "duplicate-id",
                    f"id '{record_id}' is already used by {_article(other_kind)} {other_kind} at {other.file.file}:{line}",
                    "ids are unique across all records; rename one of them",
                )
            else:
                owner[record_id] = (kind, placed)


def _reserved_ids(records: Records, problems: Problems) -> None:
    """Ids the site's own pages use: a record with one would replace its kind's list page."""
    for kind, placed_records in (
        ("source", records.sources),
        ("actor", records.actors),
        ("event", records.events),
        ("claim", records.claims),
        ("question", records.questions),
    ):
        for placed in placed_records:
            if placed.record.id in RESERVED_IDS:
                problems.add(
                    placed.file.file,
                    placed.where("id"),
                    "reserved-id",
                    f"'{placed.record.id}' cannot be {_article(kind)} {kind} id: the site uses it for the list of {kind}s",
                    f"choose another id (reserved: {', '.join(sorted(RESERVED_IDS))})",
                )


def _check_precision(placed: Placed[Any], date: str, precision: str, field_name: str, problems: Problems) -> None:
    match = DATE_PATTERN.match(date)
    if not match:
        return
    parts = sum(1 for group in match.groups() if group)
    expected = {1: "year", 2: "month", 3: "day"}[parts]
    if precision != "approximate" and precision != expected:
        problems.add(
            placed.file.file,
            placed.where("date_precision"),
            "bad-precision",
            f"{field_name} '{date}' has {expected} precision but date_precision is '{precision}'",
            f"set date_precision: {expected}, or 'approximate'",
        )


def _check_aliases(records: Records, problems: Problems) -> None:
    owner: dict[str, Placed[Actor]] = {}
    for placed in records.actors:
        actor = placed.record
        for index, alias in enumerate([actor.name, *actor.aliases]):
            folded = alias.casefold()
            other = owner.get(folded)
            if other is not None and other is not placed:
                where = placed.where("aliases", index - 1) if index else placed.where("name")
                problems.warn(
                    placed.file.file,
                    where,
                    "alias-clash",
                    f"'{alias}' also names actor '{other.record.id}'",
                    "one spelling should name one actor; remove it from one of them",
                )
            owner.setdefault(folded, placed)
