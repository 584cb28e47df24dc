"""JSON files written as ``json.dumps(value, ensure_ascii=False, indent=1) + "\\n"`` would write them,
with the big lists streamed a row at a time: a large corpus's exports need not be built in memory."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO


def dumps(value: Any) -> str:
    """One value as the files hold it."""
    return json.dumps(value, ensure_ascii=False, indent=1)


def write_json_list(handle: TextIO, rows: Iterable[Any], depth: int = 0) -> None:
    """``json.dumps(list(rows), ensure_ascii=False, indent=1)`` as the value at nesting ``depth``,
    written one row at a time."""
    write_dumped_list(handle, map(dumps, rows), depth)


def write_dumped_list(handle: TextIO, dumped_rows: Iterable[str], depth: int = 0) -> None:
    """:func:`write_json_list` for rows already put through :func:`dumps` (a row written to a file
    of its own too is encoded once: with ``indent``, json encodes in Python, slowly)."""
    pad = "\n" + " " * (depth + 1)
    first = True
    for text in dumped_rows:
        handle.write(("[" if first else ",") + pad + text.replace("\n", pad))
        first = False
    handle.write("[]" if first else "\n" + " " * depth + "]")


def script_json(data: Any) -> str:
    """JSON for a ``<script>`` element (page data, JSON-LD): ``<``, ``>`` and ``&`` are written as
    ``\\u`` escapes, so no string from the records can close the element or open another."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def write_json(path: Path, document: Any) -> None:
    """Write ``document``; the iterators in it (generators of rows) are written as lists, one row at a time."""
    streams: list[Iterator[Any]] = []

    def skeleton(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: skeleton(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [skeleton(item) for item in value]
        if isinstance(value, Iterator):
            streams.append(value)
            return f"\ue000stream{len(streams) - 1}\ue000"
        return value

    text = json.dumps(skeleton(document), ensure_ascii=False, indent=1)
    with path.open("w", encoding="utf-8") as handle:
        position = 0
        for number, stream in enumerate(streams):
            marker = json.dumps(f"\ue000stream{number}\ue000", ensure_ascii=False)
            at = text.index(marker, position)
            line_start = text.rfind("\n", 0, at) + 1
            depth = len(text[line_start:]) - len(text[line_start:].lstrip(" "))
            handle.write(text[position:at])
            write_json_list(handle, stream, depth)
            position = at + len(marker)
        handle.write(text[position:] + "\n")
