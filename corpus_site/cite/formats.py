"""BibTeX (biblatex) and RIS from a CSL-JSON item: the formats reference managers import.

Organisations are one name everywhere: in double braces in BibTeX (so no tool splits them into first
and last names), and without a comma in RIS (which Zotero's RIS import reads as a single-field name);
people are "Family, Given" in both. The access date is the reader's: the downloads carry none and a
comment in the .bib says where to put it.
"""

from __future__ import annotations

import re
from typing import Any

from corpus_site.cite.styles import smart_quotes

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

#: CSL type -> (biblatex entry type, entry subtype)
_BIBLATEX_TYPES = {"webpage": ("online", ""), "article-newspaper": ("article", "newspaper"), "article-magazine": ("article", "magazine")}

#: CSL type -> RIS type
_RIS_TYPES = {"webpage": "ELEC", "article-newspaper": "NEWS", "article-magazine": "MGZN"}

ACCESS_NOTE = "Set urldate = {YYYY-MM-DD} to the day you read the page (Zotero and most reference managers add it on import)."


def _bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)


def _latex_quotes(text: str) -> str:
    """Quotation marks as LaTeX writes them (``double'', `single'), so that readers see quotations, not
    stray characters; apostrophes stay apostrophes."""
    text = smart_quotes(text)
    out = []
    open_marks = 0
    for index, char in enumerate(text):
        after = text[index + 1] if index + 1 < len(text) else " "
        if char == "\u201c":
            out.append("``")
        elif char == "\u201d":
            out.append("''")
        elif char == "\u2018":
            out.append("`")
            open_marks += 1
        elif char == "\u2019" and open_marks and not after.isalnum():
            out.append("'")
            open_marks -= 1
        elif char == "\u2019":
            out.append("'")
        else:
            out.append(char)
    return "".join(out)


def _protect_capitals(text: str) -> str:
    """Each word with a capital letter in braces: biblatex readers put titles in sentence case, and
    the braces keep names ("Iran", "Hamas") as written."""
    escaped = _bibtex_escape(_latex_quotes(text))
    return re.sub(
        r"[^\s`'{}()\[\],.:;?!/\u2013\u2014-]+",
        lambda match: "{" + match.group(0) + "}" if any(char.isupper() for char in match.group(0)) else match.group(0),
        escaped,
    )


def _bibtex_name(name: dict[str, str]) -> str:
    if "literal" in name:
        return "{" + _bibtex_escape(name["literal"]) + "}"
    if name.get("given"):
        return f"{_bibtex_escape(name['family'])}, {_bibtex_escape(name['given'])}"
    return _bibtex_escape(name["family"])


def date_text(parts: list[int], separator: str = "-") -> str:
    """CSL date parts as written in metadata: ``2023-11-15`` (or ``2023/11/15``), ``2023-11``, ``2023``."""
    return separator.join(f"{part:02d}" if index else str(part) for index, part in enumerate(parts))


def bibtex(item: dict[str, Any]) -> str:
    entry_type, subtype = _BIBLATEX_TYPES[item["type"]]
    fields: list[tuple[str, str]] = []
    if item.get("author"):
        fields.append(("author", " and ".join(_bibtex_name(name) for name in item["author"])))
    fields.append(("title", _protect_capitals(item["title"])))
    if item.get("container-title"):
        fields.append(("journaltitle", _bibtex_escape(item["container-title"])))
    if subtype:
        fields.append(("entrysubtype", subtype))
    if item.get("issued"):
        fields.append(("date", date_text(item["issued"]["date-parts"][0])))
    if item.get("genre"):
        fields.append(("type", _bibtex_escape(item["genre"])))
    if item.get("publisher"):
        fields.append(("organization", _bibtex_escape(item["publisher"])))
    if item.get("URL"):
        fields.append(("url", item["URL"]))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    comment = f"% {ACCESS_NOTE}\n" if item.get("URL") else ""
    return f"{comment}@{entry_type}{{{_bibtex_key(item['id'])},\n{body}\n}}\n"


def _bibtex_key(record_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9:_-]", "-", record_id)


def _ris_name(name: dict[str, str]) -> str:
    if "literal" in name:
        return name["literal"].replace(",", " ")
    return f"{name['family']}, {name['given']}" if name.get("given") else name["family"]


def ris(item: dict[str, Any]) -> str:
    def line(tag: str, value: str) -> str:
        return f"{tag}  - {' '.join(value.split())}"

    lines = [line("TY", _RIS_TYPES[item["type"]]), line("ID", item["id"]), line("TI", item["title"])]
    lines += [line("AU", _ris_name(author)) for author in item.get("author", [])]
    if item.get("container-title"):
        lines.append(line("T2", item["container-title"]))
    if item.get("publisher"):
        lines.append(line("PB", item["publisher"]))
    if item.get("genre"):
        lines.append(line("M3", item["genre"]))
    if item.get("issued"):
        parts = item["issued"]["date-parts"][0]
        lines.append(line("PY", str(parts[0])))
        lines.append(line("DA", date_text(parts, "/")))
    if item.get("URL"):
        lines.append(line("UR", item["URL"]))
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"
