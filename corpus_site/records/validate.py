"""Records -> typed models, with every problem located and explained.

Each record is validated on its own so that one bad claim does not hide the problems of the
others; cross-references are then checked over all the records that did validate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from corpus_site.records.load import Located, Path_, load_yaml
from corpus_site.records.model import (
    DATE_PATTERN,
    Actor,
    ActorsFile,
    Claim,
    ClaimsFile,
    Correction,
    CorrectionsFile,
    Event,
    EventsFile,
    Question,
    QuestionsFile,
    Record,
    Relation,
    Source,
    SourcesFile,
)
from corpus_site.records.problems import Problems
from corpus_site.records.suggest import did_you_mean
from corpus_site.records.urls import RESERVED_IDS

R = TypeVar("R", bound=Record)

SOURCES_FILE = "seeds/sources.yaml"
ACTORS_FILE = "actors.yaml"
EVENTS_FILE = "events.yaml"
CLAIMS_FILE = "claims.yaml"
QUESTIONS_FILE = "questions.yaml"
CORRECTIONS_FILE = "corrections.yaml"
#: Files a corpus may leave out.
OPTIONAL_FILES = {QUESTIONS_FILE, CORRECTIONS_FILE}


@dataclass(frozen=True)
class Placed(Generic[R]):
    """A validated record and where it was written."""

    record: R
    file: Located
    path: Path_

    def where(self, *rest: str | int, key: bool = False) -> tuple[int, int]:
        return self.file.where(self.path + rest, key=key)


@dataclass
class Records:
    """Everything that validated, in file order."""

    sources: list[Placed[Source]] = field(default_factory=list)
    actors: list[Placed[Actor]] = field(default_factory=list)
    relations: list[Placed[Relation]] = field(default_factory=list)
    events: list[Placed[Event]] = field(default_factory=list)
    claims: list[Placed[Claim]] = field(default_factory=list)
    questions: list[Placed[Question]] = field(default_factory=list)
    corrections: list[Placed[Correction]] = field(default_factory=list)
    published: str | None = None
    """When the records were first published (corrections.yaml), if it says."""
    invalid_ids: set[str] = field(default_factory=set)
    """Ids of records that failed validation: they exist, so references to them are not reported."""
    unreadable: set[str] = field(default_factory=set)
    """Record kinds whose file could not be read: references to them are not checked, since every
    one would be reported as unknown and bury the real problem."""


# file -> (file model, {top-level key: record model})
_FILES: dict[str, tuple[type[Record], dict[str, type[Record]]]] = {
    SOURCES_FILE: (SourcesFile, {"sources": Source}),
    ACTORS_FILE: (ActorsFile, {"actors": Actor, "relations": Relation}),
    EVENTS_FILE: (EventsFile, {"events": Event}),
    CLAIMS_FILE: (ClaimsFile, {"claims": Claim}),
    QUESTIONS_FILE: (QuestionsFile, {"questions": Question}),
    CORRECTIONS_FILE: (CorrectionsFile, {"corrections": Correction}),
}
#: Top-level keys that hold a value rather than a list of records: file -> {key: the file model's field}.
_SETTINGS: dict[str, tuple[str, ...]] = {CORRECTIONS_FILE: ("published",)}
_REQUIRED_KEYS = {
    SOURCES_FILE: ("sources",),
    ACTORS_FILE: ("actors",),
    EVENTS_FILE: ("events",),
    CLAIMS_FILE: ("claims",),
    QUESTIONS_FILE: ("questions",),
    CORRECTIONS_FILE: ("published",),
}


def load_records(root: Path, problems: Problems) -> Records:
    records = Records()
    for rel, (_file_model, lists) in _FILES.items():
        if rel in OPTIONAL_FILES and not (root / rel).exists():
            continue
        located = load_yaml(root / rel, rel, problems, shape=f"a mapping such as '{next(iter(lists))}: [...]'")
        if located is None:
            records.unreadable.update(lists)
            continue
        data = located.data
        if not isinstance(data, dict):
            expected = ", ".join(f"'{key}:'" for key in lists)
            problems.add(
                rel,
                located.where(()),
                "wrong-type",
                f"{rel} must be a mapping with {expected}, found {_kind(data)}",
                f"start the file with '{next(iter(lists))}:' and indent the list under it",
            )
            records.unreadable.update(lists)
            continue
        settings = _SETTINGS.get(rel, ())
        for key in settings:
            if key in data:
                _validate_setting(_file_model, key, data[key], located, records, problems)
        for key in data:
            if key not in lists and key not in settings:
                problems.add(
                    rel,
                    located.where((key,), key=True),
                    "unknown-field",
                    f"unknown top-level key '{key}' in {rel}",
                    did_you_mean(str(key), [*lists, *settings]) or f"expected {', '.join([*lists, *settings])}",
                )
        for key in _REQUIRED_KEYS[rel]:
            if key not in data and key in settings:
                problems.add(rel, (1, 1), "missing-field", f"{rel} has no '{key}:'", f"add '{key}: YYYY-MM-DD'")
            elif key not in data:
                problems.add(rel, (1, 1), "missing-field", f"{rel} has no '{key}:' list", f"add '{key}:' with a list of records")
        for key, model in lists.items():
            items = data.get(key)
            if items is None:
                continue
            if not isinstance(items, list):
                problems.add(
                    rel,
                    located.where((key,)),
                    "wrong-type",
                    f"'{key}' must be a list of records, found {_kind(items)}",
                    "put each record on its own line starting with '- '",
                )
                continue
            target: list[Any] = getattr(records, key)
            for index, item in enumerate(items):
                placed = _validate_record(model, item, located, (key, index), problems)
                if placed is not None:
                    target.append(placed)
                elif isinstance(item, dict) and isinstance(item.get("id"), str):
                    records.invalid_ids.add(item["id"])
        located.data = data = items = None  # validated: the records hold it now (positions come from the text)
    return records


def _validate_setting(file_model: type[Record], key: str, value: object, located: Located, records: Records, problems: Problems) -> None:
    """One top-level value of a file (such as corrections.yaml's ``published``), checked against
    the file model's field of that name."""
    annotation: Any = file_model.model_fields[key].annotation
    try:
        checked = TypeAdapter(annotation).validate_python(value)
    except ValidationError as exc:
        message = exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
        problems.add(located.file, located.where((key,)), "bad-date", f"'{key}': {message}", "write YYYY-MM-DD, e.g. 2026-11-22")
        return
    setattr(records, key, checked)


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "nothing"
    return type(value).__name__


def _validate_record(model: type[R], item: object, located: Located, path: Path_, problems: Problems) -> Placed[R] | None:
    if not isinstance(item, dict):
        problems.add(
            located.file,
            located.where(path),
            "wrong-type",
            f"each entry of '{path[0]}' must be a mapping of fields, found {_kind(item)}",
            "write the record as 'key: value' lines under '- '",
        )
        return None
    try:
        record = model.model_validate(item)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            _report(model, error, item, located, path, problems)
        return None
    _share_fields_sets(record)
    return Placed(record, located, path)


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def _share_fields_sets(record: BaseModel) -> None:
    """Records that set the same fields share one set of their names (pydantic gives each model
    its own; the records are frozen, so the sets are never changed): a large corpus holds hundreds
    of thousands of models."""
    names = record.__pydantic_fields_set__
    object.__setattr__(record, "__pydantic_fields_set__", _FIELDS_SETS.setdefault(frozenset(names), set(names)))
    for value in record.__dict__.values():
        if isinstance(value, BaseModel):
            _share_fields_sets(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    _share_fields_sets(item)


_STRING_TYPES = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "model_type": "a mapping of fields",
    "int_from_float": "a whole number",
}


def _report(model: type[BaseModel], error: Any, item: dict[str, Any], located: Located, path: Path_, problems: Problems) -> None:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    full = path + loc
    field_name = next((str(part) for part in reversed(loc) if isinstance(part, str)), str(path[0]))
    value = _dig(item, loc)
    kind = error["type"]
    file = located.file
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = list(owner.model_fields) if owner else []
        problems.add(
            file,
            located.where(full, key=True),
            "unknown-field",
            f"unknown field '{loc[-1]}'",
            did_you_mean(str(loc[-1]), allowed) or (f"allowed fields: {', '.join(allowed)}" if allowed else ""),
        )
    elif kind == "missing":
        problems.add(
            file, located.where(full[:-1]), "missing-field", f"missing required field '{loc[-1]}'", f"add '{loc[-1]}:' to this record"
        )
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = [part.strip().strip("'") for part in expected.replace(" or ", ",").split(",") if part.strip()]
        code = {"stance": "unknown-stance", "date_precision": "bad-precision", "type": "unknown-relation-type"}.get(
            field_name, "unknown-value"
        )
        label = {"stance": "a stance", "date_precision": "a date precision", "type": "a relation type", "kind": f"a {field_name}"}.get(
            field_name, f"a valid {field_name}"
        )
        hint = did_you_mean(str(value), choices) or ""
        hint = f"{hint} " if hint else ""
        problems.add(file, located.where(full), code, f"'{value}' is not {label}", f"{hint}expected one of: {', '.join(choices)}".strip())
    elif kind in ("string_too_short", "too_short") and (value == "" or value == [] or (isinstance(value, str) and not value.strip())):
        problems.add(
            file,
            located.where(full),
            "empty-value",
            f"'{field_name}' is empty",
            f"give '{field_name}' a value or remove it if it is optional",
        )
    elif kind == "string_pattern_mismatch":
        problems.add(
            file,
            located.where(full),
            "bad-id",
            f"'{value}' is not a valid id for '{field_name}'",
            "ids are lowercase letters, digits and single hyphens, e.g. 'iran-funds-hamas'",
        )
    elif kind == "value_error" and field_name in ("date", "published"):
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        problems.add(
            file,
            located.where(full),
            "bad-date",
            f"'{value}' is not a valid date: {message}",
            "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2023-10-07",
        )
    elif kind in _STRING_TYPES or kind.endswith("_type") or kind.endswith("_parsing"):
        expected = _STRING_TYPES.get(kind, kind.removesuffix("_type").removesuffix("_parsing"))
        problems.add(
            file,
            located.where(full),
            "wrong-type",
            f"'{field_name}' must be {expected}, found {_kind(value)}",
            "quote text values" if expected == "text" else "",
        )
    else:
        problems.add(file, located.where(full), "invalid-value", f"'{field_name}': {error['msg']}")


def _dig(item: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        try:
            item = item[part]
        except (KeyError, IndexError, TypeError):
            return None
    return item


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The nested model class that the location ``loc`` points into."""
    import typing

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        annotation = current.model_fields[part].annotation
        while typing.get_origin(annotation) in (list, typing.Union) or str(typing.get_origin(annotation)) == "types.UnionType":
            args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = args[0] if args else None
        current = annotation
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


# ---------------------------------------------------------------------------------------------
# Cross-record checks


def check_references(records: Records, problems: Problems, *, seed_files: Iterable[str]) -> None:
    source_ids = _unique_ids("source", records.sources, problems)
    actor_ids = _unique_ids("actor", records.actors, problems)
    event_ids = _unique_ids("event", records.events, problems)
    claim_ids = _unique_ids("claim", records.claims, problems)
    _ids_unique_across_kinds(records, problems)
    _reserved_ids(records, problems)
    existing_seeds = set(seed_files)

    def ref(kind: str, value: str | None, known: set[str], placed: Placed[Any], *path: str | int) -> None:
        if value is None or value in known or value in records.invalid_ids or f"{kind}s" in records.unreadable:
            return
        problems.add(
            placed.file.file,
            placed.where(*path),
            f"unknown-{kind}",
            f"'{value}' is not {_article(kind)} {kind} id",
            did_you_mean(value, known),
        )

    seen_files: dict[str, Placed[Source]] = {}
    for placed in records.sources:
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
            ref("source", other, source_ids, placed, "derived_from", index)
        _check_precision(placed, source.published, source.date_precision, "published", problems)
        for index, run in enumerate(source.non_article):
            if run.last < run.first:
                problems.add(
                    placed.file.file,
                    placed.where("non_article", index),
                    "bad-range",
                    f"non_article run ends (line {run.last}) before it starts (line {run.first})",
                )

    for placed_actor in records.actors:
        for index, affiliation in enumerate(placed_actor.record.affiliations):
            ref("actor", affiliation.actor, actor_ids, placed_actor, "affiliations", index, "actor")
    _check_aliases(records, problems)

    seen_relations: dict[tuple[str, str, str], Placed[Relation]] = {}
    for placed_relation in records.relations:
        relation = placed_relation.record
        ref("actor", relation.subject, actor_ids, placed_relation, "subject")
        ref("actor", relation.object, actor_ids, placed_relation, "object")
        for index, claim in enumerate(relation.claims):
            ref("claim", claim, claim_ids, placed_relation, "claims", index)
        triple = (relation.subject, relation.type, relation.object)
        if triple in seen_relations:
            line, _ = seen_relations[triple].where()
            problems.add(
                placed_relation.file.file,
                placed_relation.where(),
                "duplicate-relation",
                f"relation '{' '.join(triple)}' is already written at line {line}",
                "merge the two: list all their claims on one relation",
            )
        seen_relations.setdefault(triple, placed_relation)
        if relation.subject == relation.object:
            problems.add(
                placed_relation.file.file,
                placed_relation.where("object"),
                "self-relation",
                f"relation links '{relation.subject}' to itself",
            )

    for placed_event in records.events:
        event = placed_event.record
        _check_precision(placed_event, event.date, event.date_precision, "date", problems)
        for index, actor in enumerate(event.actors):
            ref("actor", actor.actor, actor_ids, placed_event, "actors", index, "actor")

    for placed_claim in records.claims:
        claim_record = placed_claim.record
        for index, actor_id in enumerate(claim_record.actors):
            ref("actor", actor_id, actor_ids, placed_claim, "actors", index)
        for index, event_id in enumerate(claim_record.events):
            ref("event", event_id, event_ids, placed_claim, "events", index)
        if claim_record.retired:
            for number, successor in enumerate(claim_record.retired.successors):
                ref("claim", successor, claim_ids, placed_claim, "retired", "successors", number)
                if successor == claim_record.id:
                    problems.add(
                        placed_claim.file.file,
                        placed_claim.where("retired", "successors", number),
                        "bad-successor",
                        f"claim '{claim_record.id}' cannot succeed itself",
                        "name the claims that replace it",
                    )
        for index, evidence in enumerate(claim_record.evidence):
            ref("source", evidence.source, source_ids, placed_claim, "evidence", index, "source")
            for number, speaker in enumerate(evidence.speakers):
                ref("actor", speaker, actor_ids, placed_claim, "evidence", index, "speakers", number)

    _check_corrections(records, source_ids | actor_ids | event_ids | claim_ids, problems)


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
                f"'{correction.record}' is not the id of a claim, actor, event or source",
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
