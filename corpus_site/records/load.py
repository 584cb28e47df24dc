"""YAML -> plain data, remembering where every node came from.

The values are built straight from libyaml's event stream (a node tree would cost several times the
memory of the data on a large corpus), with duplicate keys caught on the way. Where each value came
from is worked out only when a problem needs it: a map from each value's path (``("claims", 3,
"evidence", 0, "quote")``) to its 1-based line and column, so later stages can point at the exact spot.
"""

from __future__ import annotations

import copy
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from corpus_site.records.problems import Problems

Path_ = tuple[str | int, ...]

try:  # libyaml is ~10x faster on large files and keeps the same marks
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _RecordLoader(_BaseLoader):  # type: ignore[misc]
    """SafeLoader that keeps dates as the strings the editor typed (``2023-10`` and
    ``2023-10-07`` must stay comparable text, not become ``datetime.date``)."""


_RecordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_LEADING_TAB = re.compile(r"^[ ]*\t", re.MULTILINE)


@dataclass
class Located:
    """A loaded YAML document and where each of its parts sits in the file."""

    file: str
    """Path relative to the corpus root."""
    data: Any
    text: str = field(default="", repr=False)
    """The file's text; positions are computed from it when first asked for (only problems need them)."""
    _positions: tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]] | None = field(default=None, repr=False)

    @property
    def values(self) -> dict[Path_, tuple[int, int]]:
        """Path -> (line, col) of the value at that path."""
        return self._index()[0]

    @property
    def keys(self) -> dict[Path_, tuple[int, int]]:
        """Path -> (line, col) of the mapping key that introduces the value at that path."""
        return self._index()[1]

    def _index(self) -> tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]]:
        if self._positions is None:
            values: dict[Path_, tuple[int, int]] = {}
            keys: dict[Path_, tuple[int, int]] = {}
            if self.text:
                _parse(self.text, (values, keys))
            self._positions = (values, keys)
        return self._positions

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The closest known position for ``path``: the key or value itself, else its parent."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


def _mark(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def load_yaml(path: Path, rel: str, problems: Problems, *, shape: str = "a YAML mapping") -> Located | None:
    """Parse one YAML file; None (with problems recorded) when it cannot be used at all."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.add(rel, (1, 1), "missing-file", f"{rel} does not exist", "create it, or pass --root")
        return None
    except OSError as exc:
        what, hint = unreadable(path, exc)
        problems.add(rel, (1, 1), "unreadable-file", f"{rel} {what}", hint)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = position_of_byte(raw, exc.start)
        problems.add(rel, (line, col), "encoding", f"{rel} is not valid UTF-8 (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8")
        return None

    tabs = list(_LEADING_TAB.finditer(text))
    if tabs:
        for match in tabs:
            line = text.count("\n", 0, match.start()) + 1
            col = match.end() - match.start()
            problems.add(
                rel, (line, col), "tab", "tab character in indentation", "YAML indents with spaces only; replace the tab with spaces"
            )
        return None

    try:
        data, duplicates = _parse(text)
    except LimitError as exc:
        problems.add(rel, exc.where, exc.code, exc.message, exc.hint)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        hint = _syntax_hint(what)
        context = exc.context_mark
        elsewhere = context is not None and mark is not None and (context.line, context.column) != (mark.line, mark.column)
        if exc.problem and exc.context and exc.context.startswith("while ") and context is not None and elsewhere:
            # libyaml places an unclosed quote or bracket where it gave up, maybe far below:
            # say where the thing it was reading began
            opened = f"{context.line + 1}:{context.column + 1}"
            what = f"{what}, {exc.context} that starts at {opened}"
            if "quoted scalar" in exc.context:
                hint = f"close the quotation mark opened at {opened}"
            elif "flow" in exc.context:
                hint = f"close the bracket opened at {opened}"
        runaway = _runaway_string(text, where[0])
        if runaway is not None and "quoted scalar" not in (exc.context or ""):
            start, end = runaway
            what = f"{what}, after the quoted string that starts at {start[0]}:{start[1]} and runs to {end[0]}:{end[1]}"
            hint = f"is the closing quotation mark of the string that starts at {start[0]}:{start[1]} missing?"
        problems.add(rel, where, "syntax", f"YAML syntax error: {what}", hint)
        return None

    if data is _EMPTY:
        problems.add(rel, (1, 1), "empty-file", f"{rel} is empty", f"it must hold {shape}")
        return None
    for where, key, first_line in duplicates:
        problems.add(
            rel,
            where,
            "duplicate-key",
            f"key '{key}' appears twice in the same mapping (first at line {first_line})",
            "remove one of them or merge their values",
        )
    if duplicates:
        return None
    return Located(rel, data, text)


def unreadable(path: Path, exc: OSError) -> tuple[str, str]:
    """What went wrong reading ``path``, in words, and what to do about it."""
    if path.is_symlink() and not path.exists():
        return f"is a broken symbolic link (to {os.readlink(path)})", "point the link at an existing file, or replace it by the file"
    if path.is_dir():
        return "is a folder, not a file", "replace the folder by the file"
    return f"cannot be read ({exc.strerror or exc})", "check the file's permissions"


def position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset (column counted in bytes: the text is not decodable)."""
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def _runaway_string(text: str, error_line: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The last quoted string before ``error_line`` that spans several lines, when it ends close to
    the error: a quotation mark left open swallows the lines after it until the next one, and libyaml
    reports the trouble only where the text stops making sense."""
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line + 1 > error_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and token.end_mark.line > token.start_mark.line:
                last = token
    except yaml.YAMLError:
        pass
    if last is None or error_line - (last.end_mark.line + 1) > 2:
        return None
    return _mark(last.start_mark), _mark(last.end_mark)


def _syntax_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "a value containing ': ' must be quoted"
    if "could not find expected ':'" in what:
        return "check the indentation and that every key ends with ':'"
    if "found character" in what and "cannot start any token" in what:
        return "quote the value"
    return "check the indentation and quoting around this line"


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


_SCALAR = _RecordLoader("")
_STR_TAG = "tag:yaml.org,2002:str"
_INTERNED = 64
"""Text values up to this long are interned."""
_EMPTY = object()
"""What :func:`_parse` returns for a file with no document (only comments or nothing)."""


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


def _parse(text: str, marks: tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]] | None = None) -> tuple[Any, list[Any]]:
    """Turn YAML text into plain data straight from the parser's events, without building the node
    tree (which for a large file takes several times the memory and time of the data itself).

    Returns the data (or :data:`_EMPTY`) and the duplicate keys found, as (where, key, first line).
    With ``marks``, fills (values, keys): path -> (line, col), as :class:`Located` reports them.
    Raises ``yaml.MarkedYAMLError`` on a syntax error."""
    loader = _RecordLoader(text)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return _EMPTY, []
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
    values, keys = marks if marks is not None else (None, None)
    anchors: dict[str, tuple[Any, int, int]] = {}
    """Anchor -> (value, values in it, levels in it)."""
    duplicates: list[Any] = []
    stack: list[_Frame] = []
    aliased = 0
    while True:
        event = loader.get_event()
        kind = type(event)
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = stack.pop()
            if frame.merges:
                frame.container = _merged(frame)
            value = frame.container
            if frame.anchor:
                anchors[frame.anchor] = (value, frame.nodes, frame.height)
            if not stack:
                return value, duplicates
            if frame.as_key:
                _set_key(stack[-1], str(value), None, duplicates, keys)
                continue
            _place(stack[-1], value, frame.nodes, frame.height)
            continue
        parent = stack[-1] if stack else None
        if parent is not None and isinstance(parent.container, dict) and not parent.has_key:
            # a mapping key
            if kind is yaml.ScalarEvent:
                key = _scalar(loader, event)
                if key == "<<" and event.implicit[0] and loader.resolve(yaml.ScalarNode, event.value, event.implicit) == _MERGE_TAG:
                    parent.merging = parent.has_key = True
                    parent.merge_mark = _mark(event.start_mark)
                    continue
                _set_key(parent, key, event, duplicates, keys)
                continue
            if kind is yaml.AliasEvent:
                _set_key(parent, _alias(anchors, event)[0], event, duplicates, keys)
                continue
            frame = _Frame({} if kind is yaml.MappingStartEvent else [], (), event.anchor, as_key=True)
            stack.append(frame)
            continue
        if parent is None:
            path: Path_ = ()
        elif isinstance(parent.container, dict):
            path = (*parent.path, "<<" if parent.merging else parent.key)
        else:
            path = (*parent.path, len(parent.container))
        if values is not None and not (parent is not None and parent.merging):
            values[path] = _mark(event.start_mark)
        if kind is yaml.ScalarEvent:
            value = _scalar(loader, event)
            if event.anchor:
                anchors[event.anchor] = (value, 1, 0)
            nodes, height = 1, 0
        elif kind is yaml.AliasEvent:
            target, nodes, height = _alias(anchors, event)
            aliased += nodes
            if aliased > MAX_ALIAS_NODES:
                raise LimitError(
                    _mark(event.start_mark),
                    "alias-bomb",
                    f"alias '*{event.anchor}' makes this file expand to more than {MAX_ALIAS_NODES:,} values",
                    "aliases that repeat aliases multiply; write the values out, or use fewer levels of aliases",
                )
            if len(stack) + height > MAX_DEPTH:
                raise _too_deep(event, len(stack) + height)
            value = copy.deepcopy(target) if height else target
        else:
            if len(stack) >= MAX_DEPTH:
                raise _too_deep(event, len(stack) + 1)
            value = {} if kind is yaml.MappingStartEvent else []
            stack.append(_Frame(value, path, event.anchor))
            continue
        if parent is None:
            return value, duplicates
        _place(parent, value, nodes, height)


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
        _mark(event.start_mark),
        "too-deep",
        f"values nest {depth} levels deep here, more than the {MAX_DEPTH} this reader accepts",
        "records nest a few levels deep; check the indentation or the aliases",
    )


def _set_key(frame: _Frame, key: Any, event: Any, duplicates: list[Any], keys: dict[Path_, tuple[int, int]] | None) -> None:
    if event is not None and type(event) is yaml.ScalarEvent:
        where = _mark(event.start_mark)
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
        keys[(*frame.path, key)] = _mark(event.start_mark)
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
            _mark(event.start_mark),
            "bad-tag",
            f"'{event.value}' is not a valid !!{name} value",
            f"remove the '!!{name}' tag, or write a valid {name}",
        ) from exc
