"""Corpus -> Markdown pages (MkDocs virtual files) through Jinja2 templates.

Every page body is one raw HTML block rendered with autoescaping: record text reaches the reader
as text, never as HTML or Markdown. Templates only display; the values they show are computed
here or in :mod:`corpus_site.corpus`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .corpus import AGREEMENT_RULES, Corpus
from .model import STANCES
from .urls import index_url, record_url, relative

TEMPLATES = Path(__file__).parent / "templates"

DATE_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _front_matter_text(value: str) -> Markup:
    """A YAML scalar for front matter. MkDocs themes print ``page.meta.title`` unescaped, so the
    title is HTML-escaped first (entities display as the literal characters) and then JSON-quoted
    (JSON strings are valid YAML)."""
    return Markup(json.dumps(html.escape(value), ensure_ascii=False))


def format_date(date: str, precision: str) -> str:
    """'2023-04' + 'month' -> 'Apr 2023 · month'."""
    parts = date.split("-")
    shown = parts[0]
    if len(parts) >= 2:
        shown = f"{DATE_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 3:
        shown = f"{int(parts[2])} {shown}"
    return f"{shown} · {precision}"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["front_matter"] = _front_matter_text
    env.filters["date"] = lambda record: format_date(record.date, record.date_precision)
    env.globals["format_date"] = format_date
    return env


def render_pages(corpus: Corpus) -> dict[str, str]:
    """Source path (e.g. ``claims/x.md``) -> page content, for every generated page."""
    env = environment()
    pages: dict[str, str] = {}

    def render(template: str, url: str, **context: Any) -> str:
        link: Callable[..., str] = partial(_link, url)
        return env.get_template(template).render(corpus=corpus, link=link, stances=STANCES, page_url=url, **context)

    for kind in ("sources", "actors", "events", "claims"):
        url = index_url(kind)
        pages[f"{kind}/index.md"] = render(f"{kind}_index.md.j2", url, rules=AGREEMENT_RULES)
    for article in corpus.articles.values():
        url = record_url("sources", article.id)
        pages[f"sources/{article.id}.md"] = render("source.md.j2", url, article=article)
    for actor in corpus.actors.values():
        url = record_url("actors", actor.id)
        pages[f"actors/{actor.id}.md"] = render("actor.md.j2", url, actor=actor)
    for event in corpus.events.values():
        url = record_url("events", event.id)
        pages[f"events/{event.id}.md"] = render("event.md.j2", url, event=event)
    for view in corpus.claims.values():
        url = record_url("claims", view.id)
        pages[f"claims/{view.id}.md"] = render("claim.md.j2", url, view=view, rules=AGREEMENT_RULES)
    return pages


def _link(from_url: str, kind: str, record_id: str | None = None, fragment: str = "") -> str:
    target = index_url(kind) if record_id is None else record_url(kind, record_id)
    href = relative(from_url, target)
    return f"{href}#{fragment}" if fragment else href
