"""APA (7th edition) and Chicago author-date bibliography entries for the CSL-JSON items this site
makes: its own pages (a web page by the site, with a genre that names the version) and the articles
of the corpus (newspaper, magazine or web articles, with or without authors and outlet).

Written out rather than run through a CSL processor: citeproc-py, the only one in Python, repeats the
title when there is no author, prints "Edition.", abbreviates Chicago's given names and leaves the
period outside the quotation marks. The reference is the CSL styles as pandoc's citeproc renders them
(``apa.csl`` and ``chicago-author-date-access-dates.csl``); ``tests/test_citations.py`` renders every
item shape, every claim and every article with pandoc and compares the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
ARTICLE_TYPES = ("article-newspaper", "article-magazine")

#: Words that stay lower case inside a title-cased title (those of pandoc's citeproc).
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "down",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "onto",
        "or",
        "over",
        "so",
        "the",
        "till",
        "to",
        "up",
        "via",
        "with",
        "yet",
        "about",
        "van",
        "von",
        "de",
        "d",
        "l",
    ]
)


# -- text -----------------------------------------------------------------------------------------


def smart_quotes(text: str) -> str:
    """Straight quotation marks and apostrophes as typographic ones, as pandoc reads CSL-JSON strings."""
    out: list[str] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else " "
        opening = before.isspace() or before in "([{\u2014\u2013-/"
        if char == '"':
            out.append("\u201c" if opening else "\u201d")
        elif char == "'":
            out.append("\u2018" if opening and index + 1 < len(text) and text[index + 1].isalnum() else "\u2019")
        else:
            out.append(char)
    return "".join(out)


_PAIRS = (("\u201c", "\u201d"), ("\u2018", "\u2019"))


def flip_flop(text: str, depth: int = 0) -> str:
    """Quotations inside ``text`` marked as a style marks them: double quotation marks at the outer
    level, single ones within (``depth`` 1: the text is itself inside quotation marks), alternating
    further in; a comma or period after a quotation goes inside it (American usage); an apostrophe
    stays what it is."""
    out: list[str] = []
    level = depth
    index = 0
    while index < len(text):
        char = text[index]
        after = text[index + 1] if index + 1 < len(text) else " "
        if char in "\u201c\u2018":
            out.append(_PAIRS[level % 2][0])
            level += 1
        elif (char == "\u201d" or (char == "\u2019" and not after.isalnum())) and level > depth:
            level -= 1
            if after in ",.":
                out.append(after)
                index += 1
            out.append(_PAIRS[level % 2][1])
        else:
            out.append(char)
        index += 1
    return "".join(out)


def title_case(text: str, *, last_word: bool = True) -> str:
    """CSL title case as pandoc's citeproc applies it (``Citeproc.CaseTransform.withTitleCase`` and the
    traversal in ``Citeproc.Pandoc``): text is taken in runs of letters and digits, of spaces and of
    punctuation; a run of letters is capitalized at the start, after a sentence end or colon, after a
    space or hyphen unless it is a stop word, and as the last word (``last_word``: pandoc does so for a
    title in quotation marks, not for one in italics); a run with capitals of its own is left alone."""
    tokens = text.split(" ")
    state = "start"
    out: list[str] = []
    for number, token in enumerate(tokens):
        if number:
            out.append(" ")
            state = "sentence" if state == "after-sentence-end" else "word-end"
        if (
            last_word
            and number == len(tokens) - 1
            and number
            and not _WORD_BREAK.search(token)
            and state in ("word-end", "sentence", "start")
        ):
            state = "last-word"
        for run in _RUNS.findall(token):
            old, state = state, _next_state(state, run)
            out.append(_case_run(run, old) if run.isalnum() else run)
    return "".join(out)


_RUNS = re.compile(r"[^\W_]+|\s+|[^\w\s]|_")
_WORD_BREAK = re.compile(r"[-/\u2013\u2014\s]")


def _next_state(state: str, run: str) -> str:
    last = run[-1]
    if last in ".?!:":
        return "after-sentence-end"
    if last.isalnum():
        return "word-char"
    if last.isspace() and state == "after-sentence-end":
        return "sentence"
    if _WORD_BREAK.match(last):
        return "word-end"
    return state


def _case_run(run: str, state: str) -> str:
    if any(char.isupper() for char in run) and any(char.islower() for char in run):
        return run
    if all(char.isupper() or not char.isalpha() for char in run):
        return run
    capitalized = run[:1].upper() + run[1:].lower()
    if state in ("start", "sentence"):
        return capitalized
    if state == "word-end" and run not in STOP_WORDS and len(run) > 1:
        return capitalized
    if state == "last-word" and len(run) > 1:
        return capitalized
    return run


def _html(text: str) -> str:
    return str(escape(text))


def _italic(html: str) -> str:
    return f"<i>{html}</i>"


def _quoted(html: str, end: str = ".") -> str:
    """A title in double quotation marks, the period inside them (American usage)."""
    inner = html
    if inner.endswith(("?", "!")):
        return f"\u201c{inner}\u201d"
    return f"\u201c{inner}{end}\u201d"


def _join(parts: Sequence[str]) -> str:
    """Parts of an entry, each closed with a period unless it already ends in one."""
    out = []
    for part in parts:
        if not part:
            continue
        out.append(part if part.endswith((".", "?", "!", ".\u201d", "?\u201d", "!\u201d", ".</i>", "?</i>", "!</i>")) else part + ".")
    return " ".join(out)


# -- names and dates -----------------------------------------------------------------------------


def _initials(given: str) -> str:
    parts = re.split(r"(\s+|-)", given.strip())
    out = []
    for part in parts:
        if part == "-":
            out.append("-")
        elif part.strip():
            out.append(part[0] + ".")
        else:
            out.append(" ")
    return "".join(out).replace(". ", ". ").strip()


def _apa_name(name: Mapping[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    return f"{name['family']}, {_initials(name['given'])}" if name.get("given") else name["family"]


def _chicago_name(name: Mapping[str, str], first: bool) -> str:
    if "literal" in name:
        return name["literal"]
    if not name.get("given"):
        return name["family"]
    return f"{name['family']}, {name['given']}" if first else f"{name['given']} {name['family']}"


def _apa_names(names: Sequence[Mapping[str, str]]) -> str:
    shown = [_apa_name(name) for name in names]
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + ", & " + shown[-1]


def _chicago_names(names: Sequence[Mapping[str, str]]) -> str:
    shown = [_chicago_name(name, index == 0) for index, name in enumerate(names)]
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + ", and " + shown[-1]


def _parts(item: Mapping[str, Any], key: str) -> list[int]:
    value = item.get(key)
    return list(value["date-parts"][0]) if value else []


def _apa_date(parts: Sequence[int]) -> str:
    if not parts:
        return "(n.d.)"
    text = str(parts[0])
    if len(parts) > 1:
        text += ", " + MONTHS[parts[1] - 1] + (f" {parts[2]}" if len(parts) > 2 else "")
    return f"({text})"


def _month_day(parts: Sequence[int]) -> str:
    if len(parts) < 2:
        return ""
    return MONTHS[parts[1] - 1] + (f" {parts[2]}" if len(parts) > 2 else "")


def long_date(parts: Sequence[int]) -> str:
    """``December 31, 2099``: the form of Chicago's access date."""
    return f"{MONTHS[parts[1] - 1]} {parts[2]}, {parts[0]}"


def _link(url: str) -> str:
    return f'<a href="{_html(url)}">{_html(url)}</a>'


# -- the two styles --------------------------------------------------------------------------------


def apa(item: Mapping[str, Any]) -> Markup:
    """The APA (7th edition) reference-list entry of ``item``, as HTML."""
    kind = item["type"]
    title = _html(flip_flop(smart_quotes(item["title"])))
    container = _html(smart_quotes(item.get("container-title", "")))
    is_article = kind in ARTICLE_TYPES
    title_shown = title if is_article and container else _italic(title)
    genre = f" [{_html(smart_quotes(item['genre']))}]" if item.get("genre") else ""
    container_shown = (_italic(container) if is_article else container) if container else ""
    date = _apa_date(_parts(item, "issued"))
    # without an author, the title takes its place
    lead = [_html(_apa_names(item["author"])), date, title_shown + genre] if item.get("author") else [title_shown + genre, date]
    parts = [*lead]
    parts += [_html(item.get("publisher", "")), container_shown]
    text = _join(parts)
    if item.get("URL"):
        text += " " + _link(item["URL"])
    return Markup(text)


#: What stands in the entry where the reader's access date goes; the page's script replaces it.
ACCESS_SLOT = '<span class="access-date" hidden></span>'


def chicago(item: Mapping[str, Any], *, access_slot: bool = False) -> Markup:
    """The Chicago author-date bibliography entry of ``item``, as HTML. With ``access_slot``, an
    empty element marks where "Accessed <date>." goes (Chicago prints it only for items with a URL),
    for the reader's browser to fill in with the day they read the page."""
    kind = item["type"]
    is_article = kind in ARTICLE_TYPES
    text = smart_quotes(item["title"])
    title, quoted_title = _html(flip_flop(title_case(text, last_word=False))), _html(flip_flop(title_case(text), 1))
    container = _html(smart_quotes(item.get("container-title", "")))
    container_shown = (_italic(container) if is_article else container) if container else ""
    issued = _parts(item, "issued")
    year = str(issued[0]) if issued else "n.d."
    genre = _html(smart_quotes(item.get("genre", "")))
    publisher = _html(item.get("publisher", ""))
    if item.get("author"):
        lead = _html(_chicago_names(item["author"]))
        title_shown = _quoted(quoted_title) if (container or not is_article) else _italic(title)
        place = container_shown or publisher
    elif container:
        lead = container_shown
        title_shown = _quoted(quoted_title) if not is_article else _italic(title)
        place = publisher
    else:
        lead = ""
        title_shown = _quoted(quoted_title) if not is_article else _italic(title)
        place = publisher
    month_day = _month_day(issued)
    where = ", ".join(part for part in (place, month_day) if part)
    parts = [lead, year, title_shown] if lead else [title_shown, year]
    parts += [genre, where]
    text = _join(parts)
    if item.get("URL"):
        accessed = _parts(item, "accessed")
        if accessed:
            text += f" Accessed {long_date(accessed)}."
        elif access_slot:
            text += ACCESS_SLOT
        text += " " + _link(item["URL"]) + "."
    return Markup(text)
