"""Records -> typed models, with every problem located and explained.

Each record is validated on its own so that one bad claim does not hide the problems of the
others; cross-references are then checked over all the records that did validate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from corpus_site.records.load import Located, load_yaml
from corpus_site.records.model import (
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
from corpus_site.records.yaml_reader import Path_

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


_LIST_FIELDS = ("sources", "actors", "relations", "events", "claims", "questions", "corrections")

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


@dataclass
class _FileResult:
    """What one records file added to :class:`Records` and to the problems."""

    raw: bytes
    lists: dict[str, list[Any]]
    problems: list[Any]
    published: str | None
    invalid_ids: set[str]
    unreadable: set[str]


@dataclass
class ReadCache:
    """What each records file gave, by its bytes, kept across the rebuilds of `serve`: a file that
    did not change is neither parsed nor validated again (``check`` and ``build`` read afresh)."""

    files: dict[str, _FileResult] = field(default_factory=dict)
    patterns: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    """Actor id -> (the actor, its compiled name pattern), for the evidence checks."""
    memo: dict[str, Any] = field(default_factory=dict)
    """What later stages worked out, kept with the inputs it came from and used again only while
    they are equal: the quotes of each claim anchored, the clean evidence checks, which articles
    name which actor."""


def load_records(root: Path, problems: Problems, cache: ReadCache | None = None) -> Records:
    """Read and validate every records file under ``root``; what fails is reported, the rest kept."""
    return _Reader(root, problems, cache=cache).read()


@dataclass
class _Reader:
    """Reads the records files one after the other into one :class:`Records`."""

    root: Path
    problems: Problems
    records: Records = field(default_factory=Records)
    fields_sets: dict[frozenset[str], set[str]] = field(default_factory=dict)
    """One shared set of field names per combination (see :func:`_share_fields_sets`)."""
    cache: ReadCache | None = None

    def read(self) -> Records:
        for rel, (file_model, lists) in _FILES.items():
            if rel in OPTIONAL_FILES and not (self.root / rel).exists():
                continue
            if self.cache is None:
                self._read_file(rel, file_model, lists)
                continue
            try:
                raw = (self.root / rel).read_bytes()
            except OSError:
                self._read_file(rel, file_model, lists)
                continue
            known = self.cache.files.get(rel)
            if known is None or known.raw != raw:
                known = self._recorded(rel, raw, file_model, lists)
            self._replay(known)
        return self.records

    def _recorded(self, rel: str, raw: bytes, file_model: type[Record], lists: dict[str, type[Record]]) -> _FileResult:
        """Read one file into fresh records, and keep what it gave."""
        outer_records, outer_problems = self.records, self.problems
        self.records, self.problems = Records(), Problems()
        try:
            self._read_file(rel, file_model, lists)
            records = self.records
            kept = {key: list(getattr(records, key)) for key in _LIST_FIELDS}
            result = _FileResult(raw, kept, list(self.problems.items), records.published, set(records.invalid_ids), set(records.unreadable))
        finally:
            self.records, self.problems = outer_records, outer_problems
        assert self.cache is not None
        self.cache.files[rel] = result
        return result

    def _replay(self, result: _FileResult) -> None:
        for key, items in result.lists.items():
            getattr(self.records, key).extend(items)
        self.problems.items.extend(result.problems)
        if result.published is not None:
            self.records.published = result.published
        self.records.invalid_ids |= result.invalid_ids
        self.records.unreadable |= result.unreadable

    def _read_file(self, rel: str, file_model: type[Record], lists: dict[str, type[Record]]) -> None:
        located = load_yaml(self.root / rel, rel, self.problems, shape=f"a mapping such as '{next(iter(lists))}: [...]'")
        if located is None:
            self.records.unreadable.update(lists)
            return
        if self._top_level(rel, file_model, located, lists):
            self._records_of(rel, located, lists)
        located.data = None  # validated: the records hold it now (positions come from the text)

    def _top_level(self, rel: str, file_model: type[Record], located: Located, lists: dict[str, type[Record]]) -> bool:
        """Check the file's top-level keys; False when the file is not a mapping at all."""
        data, problems = located.data, self.problems
        if not isinstance(data, dict):
            expected = ", ".join(f"'{key}:'" for key in lists)
            problems.add(
                rel,
                located.where(()),
                "wrong-type",
                f"{rel} must be a mapping with {expected}, found {_kind(data)}",
                f"start the file with '{next(iter(lists))}:' and indent the list under it",
            )
            self.records.unreadable.update(lists)
            return False
        settings = _SETTINGS.get(rel, ())
        for key in settings:
            if key in data:
                _validate_setting(file_model, key, data[key], located, self.records, problems)
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
        return True

    def _records_of(self, rel: str, located: Located, lists: dict[str, type[Record]]) -> None:
        for key, model in lists.items():
            items = located.data.get(key)
            if items is None:
                continue
            if not isinstance(items, list):
                self.problems.add(
                    rel,
                    located.where((key,)),
                    "wrong-type",
                    f"'{key}' must be a list of records, found {_kind(items)}",
                    "put each record on its own line starting with '- '",
                )
                continue
            target: list[Any] = getattr(self.records, key)
            for index, item in enumerate(items):
                placed = _validate_record(model, item, located, (key, index), self.problems, self.fields_sets)
                if placed is not None:
                    target.append(placed)
                elif isinstance(item, dict) and isinstance(item.get("id"), str):
                    self.records.invalid_ids.add(item["id"])


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


def _validate_record(
    model: type[R], item: object, located: Located, path: Path_, problems: Problems, fields_sets: dict[frozenset[str], set[str]]
) -> Placed[R] | None:
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
    _share_fields_sets(record, fields_sets)
    return Placed(record, located, path)


def _share_fields_sets(record: BaseModel, shared: dict[frozenset[str], set[str]]) -> None:
    """Records that set the same fields share one set of their names (pydantic gives each model
    its own; the records are frozen, so the sets are never changed): a large corpus holds hundreds
    of thousands of models."""
    names = record.__pydantic_fields_set__
    object.__setattr__(record, "__pydantic_fields_set__", shared.setdefault(frozenset(names), set(names)))
    for value in record.__dict__.values():
        if isinstance(value, BaseModel):
            _share_fields_sets(value, shared)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    _share_fields_sets(item, shared)


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
        problems.add(file, located.where(full), *_not_one_of(field_name, value, error.get("ctx", {}).get("expected", "")))
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


def _not_one_of(field_name: str, value: Any, expected: str) -> tuple[str, str, str]:
    """(code, message, hint) for a value that is not one of a field's choices."""
    choices = [part.strip().strip("'") for part in expected.replace(" or ", ",").split(",") if part.strip()]
    code = {"stance": "unknown-stance", "date_precision": "bad-precision", "type": "unknown-relation-type"}.get(field_name, "unknown-value")
    label = {"stance": "a stance", "date_precision": "a date precision", "type": "a relation type", "kind": f"a {field_name}"}.get(
        field_name, f"a valid {field_name}"
    )
    hint = did_you_mean(str(value), choices) or ""
    hint = f"{hint} " if hint else ""
    return code, f"'{value}' is not {label}", f"{hint}expected one of: {', '.join(choices)}".strip()


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
