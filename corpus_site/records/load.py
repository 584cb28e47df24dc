"""YAML -> plain data, remembering where every node came from.

The values are built straight from libyaml's event stream (a node tree would cost several times the
memory of the data on a large corpus), with duplicate keys caught on the way. Where each value came
from is worked out only when a problem needs it: a map from each value's path (``("claims", 3,
"evidence", 0, "quote")``) to its 1-based line and column, so later stages can point at the exact spot.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from corpus_site.records.problems import Problems
from corpus_site.records.yaml_reader import EMPTY, LimitError, Path_, parse_yaml, position
from corpus_site.util.files import InputError, read_input

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
                parse_yaml(self.text, (values, keys))
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


def load_yaml(path: Path, rel: str, problems: Problems, *, shape: str = "a YAML mapping") -> Located | None:
    """Parse one YAML file; None (with problems recorded) when it cannot be used at all."""
    try:
        raw = read_input(path)
    except FileNotFoundError:
        problems.add(rel, (1, 1), "missing-file", f"{rel} does not exist", "create it, or pass --root")
        return None
    except InputError as exc:
        problems.add(rel, (1, 1), "unreadable-file", f"{rel} {exc.what}", exc.hint)
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
        data, duplicates = parse_yaml(text)
    except LimitError as exc:
        problems.add(rel, exc.where, exc.code, exc.message, exc.hint)
        return None
    except yaml.MarkedYAMLError as exc:
        where, what, hint = _syntax_problem(exc, text)
        problems.add(rel, where, "syntax", f"YAML syntax error: {what}", hint)
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, before any parsing
        at = exc.position
        line, col = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        problems.add(
            rel,
            (line, col),
            "syntax",
            f"YAML syntax error: the control character U+{_code_point(exc.character):04X} is not allowed in YAML",
            "delete it, or write it as an escape such as \\x1a inside a double-quoted string",
        )
        return None

    if data is EMPTY:
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


def _code_point(character: object) -> int:
    return ord(character) if isinstance(character, str) and len(character) == 1 else int(character) if isinstance(character, int) else 0


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[tuple[int, int], str, str]:
    """Where a syntax error is, what it is and what to do, saying where an unclosed thing began."""
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
        if "quoted scalar" in exc.context and "end of stream" in exc.problem:
            hint = f"close the quotation mark opened at {opened}"
        elif "flow" in exc.context:
            hint = f"close the bracket opened at {opened}"
    runaway = _runaway_string(text, where[0])
    if runaway is not None and "quoted scalar" not in (exc.context or ""):
        start, end = runaway
        what = f"{what}, after the quoted string that starts at {start[0]}:{start[1]} and runs to {end[0]}:{end[1]}"
        hint = f"is the closing quotation mark of the string that starts at {start[0]}:{start[1]} missing?"
    return where, what, hint


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
    except (yaml.YAMLError, ValueError):  # the pure-Python scanner fails where libyaml did too
        pass
    if last is None or error_line - (last.end_mark.line + 1) > 2:
        return None
    return position(last.start_mark), position(last.end_mark)


def _syntax_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "a value containing ': ' must be quoted"
    if "could not find expected ':'" in what:
        return "check the indentation and that every key ends with ':'"
    if "found character" in what and "cannot start any token" in what:
        return "quote the value"
    return "check the indentation and quoting around this line"
