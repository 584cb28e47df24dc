"""YAML -> plain data, remembering where every node came from.

PyYAML's composer gives nodes with marks; we check them for duplicate keys before turning them
into Python values, and keep a map from each value's path (``("claims", 3, "evidence", 0,
"quote")``) to its 1-based line and column so later stages can point at the exact spot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems

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
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """Path -> (line, col) of the value at that path."""
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """Path -> (line, col) of the mapping key that introduces the value at that path."""

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


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_yaml(path: Path, rel: str, problems: Problems, *, shape: str = "a YAML mapping") -> Located | None:
    """Parse one YAML file; None (with problems recorded) when it cannot be used at all."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.add(rel, (1, 1), "missing-file", f"{rel} does not exist", "create it, or pass --root")
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

    loader = _RecordLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        problems.add(rel, where, "syntax", f"YAML syntax error: {what}", _syntax_hint(what))
        return None
    finally:
        loader.dispose()

    if node is None:
        problems.add(rel, (1, 1), "empty-file", f"{rel} is empty", f"it must hold {shape}")
        return None

    located = Located(rel, None)
    if not _check_duplicate_keys(node, rel, problems):
        return None
    located.data = _construct(node, (), located)
    return located


def position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset (column counted in bytes: the text is not decodable)."""
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def _syntax_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "a value containing ': ' must be quoted"
    if "could not find expected ':'" in what:
        return "check the indentation and that every key ends with ':'"
    if "found character" in what and "cannot start any token" in what:
        return "quote the value"
    return "check the indentation and quoting around this line"


def _check_duplicate_keys(root: yaml.Node, rel: str, problems: Problems) -> bool:
    ok = True
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, yaml.Node] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    first = seen.get(key_node.value)
                    if first is not None:
                        line, _ = _mark(first)
                        problems.add(
                            rel,
                            _mark(key_node),
                            "duplicate-key",
                            f"key '{key_node.value}' appears twice in the same mapping (first at line {line})",
                            "remove one of them or merge their values",
                        )
                        ok = False
                    else:
                        seen[key_node.value] = key_node
                stack.append(value_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return ok


_SCALAR = _RecordLoader("")


def _construct(node: yaml.Node, path: Path_, located: Located) -> Any:
    located.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _construct_scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            located.keys[(*path, key)] = _mark(key_node)
            result[key] = _construct(value_node, (*path, key), located)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*path, index), located) for index, item in enumerate(node.value)]
    return _construct_scalar(node)


def _construct_scalar(node: yaml.Node) -> Any:
    # Only the scalar constructors are used, so no per-node cache grows with the file.
    construct = _SCALAR.yaml_constructors.get(node.tag)
    if construct is None:  # an unknown !tag: keep the text, the model decides if it fits
        return node.value
    return construct(_SCALAR, node)
