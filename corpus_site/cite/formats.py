"""BibTeX and RIS from a CSL-JSON item: the formats reference managers import."""

from __future__ import annotations

import re
from typing import Any

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)


def bibtex(item: dict[str, Any]) -> str:
    fields: list[tuple[str, str]] = [("title", "{" + _bibtex_escape(item["title"]) + "}")]
    if item.get("author"):
        fields.append(("author", " and ".join("{" + _bibtex_escape(a["literal"]) + "}" for a in item["author"])))
    if item.get("container-title"):
        fields.append(("organization" if item["type"] == "webpage" else "journal", _bibtex_escape(item["container-title"])))
    parts = item["issued"]["date-parts"][0]
    fields.append(("year", str(parts[0])))
    if len(parts) > 1:
        fields.append(("month", str(parts[1])))
    if item.get("URL"):
        fields.append(("url", item["URL"]))
        fields.append(("howpublished", "\\url{" + item["URL"] + "}"))
    if item.get("accessed"):
        accessed = item["accessed"]["date-parts"][0]
        fields.append(("urldate", f"{accessed[0]:04d}-{accessed[1]:02d}-{accessed[2]:02d}"))
    if item.get("version"):
        fields.append(("version", _bibtex_escape(item["version"])))
    if item.get("note"):
        fields.append(("note", _bibtex_escape(item["note"])))
    entry_type = "article" if item["type"] == "article-newspaper" else "misc"
    body = ",\n".join(f"  {name} = {{{value}}}" if not value.startswith("{") else f"  {name} = {value}" for name, value in fields)
    return f"@{entry_type}{{{_bibtex_key(item['id'])},\n{body}\n}}\n"


def _bibtex_key(record_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9:_-]", "-", record_id)


def ris(item: dict[str, Any]) -> str:
    def line(tag: str, value: str) -> str:
        return f"{tag}  - {' '.join(value.split())}"

    lines = [line("TY", "ELEC" if item["type"] == "webpage" else "NEWS"), line("ID", item["id"]), line("TI", item["title"])]
    lines += [line("AU", author["literal"]) for author in item.get("author", [])]
    if item.get("container-title"):
        lines.append(line("T2", item["container-title"]))
    parts = item["issued"]["date-parts"][0]
    lines.append(line("PY", str(parts[0])))
    lines.append(line("DA", "/".join(f"{part:02d}" if index else str(part) for index, part in enumerate(parts))))
    if item.get("URL"):
        lines.append(line("UR", item["URL"]))
    if item.get("accessed"):
        accessed = item["accessed"]["date-parts"][0]
        lines.append(line("Y2", f"{accessed[0]:04d}/{accessed[1]:02d}/{accessed[2]:02d}"))
    if item.get("version"):
        lines.append(line("ET", item["version"]))
    if item.get("note"):
        lines.append(line("N1", item["note"]))
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"
