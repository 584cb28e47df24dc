"""What one `serve` build leaves for the next: the pages it rendered, what each links to, and the
MkDocs objects (files, navigation, theme environment) an incremental rebuild reuses.

The plugin fills a :class:`ServeSession` while MkDocs builds (only under ``serve``: `build` has none),
and :mod:`corpus_site.plugin.incremental` reads it to decide which pages an edit touches.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from corpus_site.site.pages import RenderedPage

_HREF = re.compile(r'href="([^"#?]*)')
_LISTED = re.compile(r'\["([A-Za-z0-9][\w.-]*)","')
"""A graph's data lists its claims and events as ``["id","text", ...]`` (see graph.views)."""
#: The record kinds whose pages live at ``<kind>/<id>/``.
RECORD_KINDS = ("claims", "actors", "events", "sources", "questions")


def digest(rendered: RenderedPage) -> str:
    """A fingerprint of a rendered page: its metadata and its HTML."""
    meta = json.dumps(rendered.meta, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(f"{meta}\0{rendered.body}".encode(), digest_size=16).hexdigest()


def record_links(page_url: str, body: str) -> frozenset[str]:
    """The records a page links to, as keys ``kind/id`` (``claims/x``): links are relative, so each
    is resolved against the page's own address. The claims and events a graph's data lists count too."""
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    keys = set()
    for href in set(_HREF.findall(body)):
        if not href or "://" in href:
            continue
        target = posixpath.normpath(posixpath.join(folder, href)).strip("/")
        kind, _, rest = target.partition("/")
        if kind in RECORD_KINDS and rest and "/" not in rest:
            keys.add(target)
    for listed in set(_LISTED.findall(body)):
        keys.update((f"claims/{listed}", f"events/{listed}"))
    return frozenset(keys)


@dataclass
class PageRecord:
    """A generated page as the last build rendered it."""

    url: str
    digest: str
    links: frozenset[str]


@dataclass
class ServeSession:
    """The state a `serve` build hands to the next rebuild (kept on the plugin object)."""

    pages: dict[str, PageRecord] = field(default_factory=dict)
    """Source path -> what the page was when last written."""
    nav: Any = None
    env: Any = None
    build: Any = None
    """The plugin's last complete build (its corpus, citations, analysis, graph and planned pages)."""

    def rendered(self, src_uri: str, url: str, page: RenderedPage) -> None:
        self.pages[src_uri] = PageRecord(url, digest(page), record_links(url, page.body))

    def built(self, build: Any) -> None:
        self.build = build

    def linking_to(self, keys: set[str]) -> set[str]:
        """The generated pages (source paths) that link to any of ``keys``."""
        by_key: dict[str, set[str]] = defaultdict(set)
        for src, record in self.pages.items():
            for key in record.links & keys:
                by_key[key].add(src)
        return {src for key in keys for src in by_key.get(key, ())}
