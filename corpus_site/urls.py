"""Page addresses. Every URL comes from a record's id alone, so it never changes once published."""

from __future__ import annotations

import posixpath

KINDS = ("sources", "actors", "events", "claims")


def record_url(kind: str, record_id: str) -> str:
    """Site path of a record page, e.g. ``claims/iran-funds-hamas/``."""
    return f"{kind}/{record_id}/"


def record_src(kind: str, record_id: str) -> str:
    """MkDocs source path of the generated page for a record."""
    return f"{kind}/{record_id}.md"


def index_url(kind: str) -> str:
    return f"{kind}/"


def relative(from_url: str, to_url: str) -> str:
    """Relative link between two site paths (directory URLs), so the site works from any folder."""
    start = from_url.rstrip("/") or "."
    target = to_url.rstrip("/") or "."
    link = posixpath.relpath(target, start)
    if to_url.endswith("/") and link != ".":
        link += "/"
    elif link == ".":
        link = "./"
    return link
