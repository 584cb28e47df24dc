"""YAML events -> plain data: the reader behind :func:`corpus_site.records.load.load_yaml`.

Values are built straight from libyaml's event stream (a node tree would cost several times the
memory of the data on a large corpus). Duplicate keys are caught on the way; aliases are bounded (a
few lines of nested aliases can otherwise expand to billions of values) and so is nesting; merge
keys (``<<: *base``) are applied as PyYAML's safe loader applies them.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

try:  # libyaml is ~10x faster on large files and keeps the same marks
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class RecordLoader(_BaseLoader):  # type: ignore[misc]
    """SafeLoader that keeps dates as the strings the editor typed (``2023-10`` and
    ``2023-10-07`` must stay comparable text, not become ``datetime.date``)."""


RecordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def position(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


MAX_ALIAS_NODES = 1_000_000
"""Values that aliases may add to one file. Real records use a handful; a nested alias ("billion
laughs") multiplies a few lines into billions of values, which would exhaust the memory."""
MAX_DEPTH = 100
"""How deep collections may nest in one file (records nest five deep); deeper data would overflow
Python's stack in the stages after loading."""
_MERGE_TAG = "tag:yaml.org,2002:merge"


class LimitError(Exception):
    """Input that the reader refuses to expand: located, as every other problem."""

    def __init__(self, where: tuple[int, int], code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.where, self.code, self.message, self.hint = where, code, message, hint


_SCALAR = RecordLoader("")
_STR_TAG = "tag:yaml.org,2002:str"
_INTERNED = 64
"""Text values up to this long are interned."""
EMPTY = object()
"""What :func:`parse_yaml` returns for a file with no document (only comments or nothing)."""


@dataclass
class _Frame:
    """A mapping or sequence being filled while the events stream by."""

    container: Any
    path: Path_
    anchor: str | None
    seen: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Mapping keys written so far (as typed) -> where."""
    key: Any = None
    has_key: bool = False
    key_event: Any = None
    as_key: bool = False
    """This collection is itself a mapping key (rare; it becomes the text of its value)."""
    nodes: int = 1
    """Values in this collection, itself included (what an alias to it would add)."""
    height: int = 1
    """Levels of nesting in this collection, itself included."""
    merges: list[Any] = field(default_factory=list)
    """Mappings named by merge keys (``<<: *base``), applied when the mapping ends."""
    merging: bool = False
    """The value being read is that of a merge key."""
    merge_mark: tuple[int, int] = (1, 1)


def parse_yaml(text: str, marks: tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]] | None = None) -> tuple[Any, list[Any]]:
    """Turn YAML text into plain data straight from the parser's events, without building the node
    tree (which for a large file takes several times the memory and time of the data itself).

    Returns the data (or :data:`EMPTY`) and the duplicate keys found, as (where, key, first line).
    With ``marks``, fills (values, keys): path -> (line, col), as :class:`Located` reports them.
    Raises ``yaml.MarkedYAMLError`` on a syntax error."""
    loader = RecordLoader(text)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return EMPTY, []
        document = loader.get_event()
        data, duplicates = _build(loader, marks)
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", document.start_mark, "but found another document", event.start_mark
            )
        return data, duplicates
    finally:
        loader.dispose()


def _build(loader: Any, marks: tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]] | None) -> tuple[Any, list[Any]]:
    return _Builder(loader, marks).run()


class _Builder:
    """Turns the parser's events into values, one event at a time, keeping a stack of the
    collections being filled."""

    def __init__(self, loader: Any, marks: tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]] | None) -> None:
        self.loader = loader
        self.values: dict[Path_, tuple[int, int]] | None = marks[0] if marks is not None else None
        self.keys: dict[Path_, tuple[int, int]] | None = marks[1] if marks is not None else None
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        """Anchor -> (value, values in it, levels in it)."""
        self.duplicates: list[Any] = []
        self.stack: list[_Frame] = []
        self.aliased = 0

    def run(self) -> tuple[Any, list[Any]]:
        while True:
            event = self.loader.get_event()
            kind = type(event)
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = self._end()
                if done is not _MORE:
                    return done, self.duplicates
                continue
            parent = self.stack[-1] if self.stack else None
            if parent is not None and isinstance(parent.container, dict) and not parent.has_key:
                self._key(parent, event)
                continue
            path = self._path(parent)
            if self.values is not None and not (parent is not None and parent.merging):
                self.values[path] = position(event.start_mark)
            if kind is yaml.ScalarEvent:
                value = _scalar(self.loader, event)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1, 0)
                nodes, height = 1, 0
            elif kind is yaml.AliasEvent:
                value, nodes, height = self._alias_value(event)
            else:
                if len(self.stack) >= MAX_DEPTH:
                    raise _too_deep(event, len(self.stack) + 1)
                self.stack.append(_Frame({} if kind is yaml.MappingStartEvent else [], path, event.anchor))
                continue
            if parent is None:
                return value, self.duplicates
            _place(parent, value, nodes, height)

    def _end(self) -> Any:
        """A collection ends: it goes into its parent; at the top, it is the document (else _MORE)."""
        frame = self.stack.pop()
        if frame.merges:
            frame.container = _merged(frame)
        value = frame.container
        if frame.anchor:
            self.anchors[frame.anchor] = (value, frame.nodes, frame.height)
        if not self.stack:
            return value
        if frame.as_key:
            _set_key(self.stack[-1], str(value), None, self.duplicates, self.keys)
        else:
            _place(self.stack[-1], value, frame.nodes, frame.height)
        return _MORE

    def _key(self, parent: _Frame, event: Any) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            key = _scalar(self.loader, event)
            if key == "<<" and event.implicit[0] and self.loader.resolve(yaml.ScalarNode, event.value, event.implicit) == _MERGE_TAG:
                parent.merging = parent.has_key = True
                parent.merge_mark = position(event.start_mark)
                return
            _set_key(parent, key, event, self.duplicates, self.keys)
        elif kind is yaml.AliasEvent:
            _set_key(parent, _alias(self.anchors, event)[0], event, self.duplicates, self.keys)
        else:  # a collection as a key (rare): it becomes the text of its value
            self.stack.append(_Frame({} if kind is yaml.MappingStartEvent else [], (), event.anchor, as_key=True))

    @staticmethod
    def _path(parent: _Frame | None) -> Path_:
        if parent is None:
            return ()
        if isinstance(parent.container, dict):
            return (*parent.path, "<<" if parent.merging else parent.key)
        return (*parent.path, len(parent.container))

    def _alias_value(self, event: Any) -> tuple[Any, int, int]:
        target, nodes, height = _alias(self.anchors, event)
        self.aliased += nodes
        if self.aliased > MAX_ALIAS_NODES:
            raise LimitError(
                position(event.start_mark),
                "alias-bomb",
                f"alias '*{event.anchor}' makes this file expand to more than {MAX_ALIAS_NODES:,} values",
                "aliases that repeat aliases multiply; write the values out, or use fewer levels of aliases",
            )
        if len(self.stack) + height > MAX_DEPTH:
            raise _too_deep(event, len(self.stack) + height)
        return (copy.deepcopy(target) if height else target), nodes, height


_MORE = object()
"""What :meth:`_Builder._end` returns while the document goes on."""


def _place(parent: _Frame, value: Any, nodes: int, height: int) -> None:
    """Put a finished value into the collection being read."""
    parent.nodes += nodes
    parent.height = max(parent.height, height + 1)
    if isinstance(parent.container, dict):
        if parent.merging:
            parent.merges.append(value)
            parent.merging = False
        else:
            parent.container[parent.key] = value
        parent.has_key = False
    else:
        parent.container.append(value)


def _merged(frame: _Frame) -> dict[Any, Any]:
    """The mapping with its merge keys applied, as PyYAML's safe loader does: merged keys first, in
    the order the mappings are named, and keys written in the mapping itself win."""
    merged: dict[Any, Any] = {}
    for named in frame.merges:
        for mapping in named if isinstance(named, list) else [named]:
            if not isinstance(mapping, dict):
                raise LimitError(
                    frame.merge_mark,
                    "bad-merge",
                    "a merge key ('<<') must name a mapping or a list of mappings",
                    "write '<<: *anchor' where the anchor is on a mapping",
                )
            for key, value in mapping.items():
                if key not in merged:
                    merged[key] = copy.deepcopy(value)
    merged = {key: value for key, value in merged.items() if key not in frame.container}
    merged.update(frame.container)
    return merged


def _too_deep(event: Any, depth: int) -> LimitError:
    return LimitError(
        position(event.start_mark),
        "too-deep",
        f"values nest {depth} levels deep here, more than the {MAX_DEPTH} this reader accepts",
        "records nest a few levels deep; check the indentation or the aliases",
    )


def _set_key(frame: _Frame, key: Any, event: Any, duplicates: list[Any], keys: dict[Path_, tuple[int, int]] | None) -> None:
    if event is not None and type(event) is yaml.ScalarEvent:
        where = position(event.start_mark)
        first = frame.seen.get(event.value)
        if first is not None:
            duplicates.append((where, event.value, first[0]))
        else:
            frame.seen[event.value] = where
    try:
        hash(key)
    except TypeError:
        key = str(key)
    if keys is not None and event is not None:
        keys[(*frame.path, key)] = position(event.start_mark)
    frame.key, frame.has_key = key, True


def _alias(anchors: dict[str, tuple[Any, int, int]], event: Any) -> tuple[Any, int, int]:
    if event.anchor not in anchors:
        raise yaml.composer.ComposerError(None, None, "found undefined alias", event.start_mark)
    return anchors[event.anchor]


def _scalar(loader: Any, event: Any) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit) if event.implicit[0] else _STR_TAG
    if tag == _STR_TAG:
        value: str = event.value
        # ids, stances and kinds recur thousands of times in a large corpus: one copy of each
        return sys.intern(value) if len(value) <= _INTERNED else value
    # Only the scalar constructors are used, so no per-node cache grows with the file.
    construct = _SCALAR.yaml_constructors.get(tag)
    if construct is None:  # an unknown !tag: keep the text, the model decides if it fits
        return event.value
    try:
        return construct(_SCALAR, yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style))
    except Exception as exc:  # each constructor fails its own way (ValueError, KeyError, AttributeError ...)
        name = tag.rsplit(":", 1)[-1] if tag.startswith("tag:yaml.org,2002:") else tag
        raise LimitError(
            position(event.start_mark),
            "bad-tag",
            f"'{event.value}' is not a valid !!{name} value",
            f"remove the '!!{name}' tag, or write a valid {name}",
        ) from exc
