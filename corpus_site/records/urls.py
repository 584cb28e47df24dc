"""Page addresses. Every URL comes from a record's id alone, so it never changes once published."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

KINDS = ("sources", "actors", "events", "claims")
#: Ids no record may take: ``<kind>/index.md`` is the kind's list page, so a record called ``index``
#: would replace it (or lose to it) and publish an address that never existed.
RESERVED_IDS = frozenset({"index"})


def record_url(kind: str, record_id: str) -> str:
    """Site path of a record page, e.g. ``claims/iran-funds-hamas/``."""
    return f"{kind}/{record_id}/"


def tag_url(tag: str) -> str:
    """Site path of a tag's page, e.g. ``tags/funding/``."""
    return f"tags/{tag}/"


def relation_ids(triples: Iterable[tuple[str, str, str]]) -> list[str]:
    """The page ids of relations, from (subject, type, object) in the order of actors.yaml:
    'iran-funds-hamas'; a second relation of the same three gets '-2', and so on."""
    seen: dict[str, int] = {}
    ids = []
    for subject, relation_type, obj in triples:
        base = f"{subject}-{relation_type}-{obj}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def index_url(kind: str) -> str:
    return f"{kind}/"


def _parts(path: str) -> tuple[str, ...] | None:
    """The components of a site path, normalised; None for one that climbs out of the site."""
    normal = posixpath.normpath(path)
    if normal == ".." or normal.startswith(("../", "/")):
        return None
    return tuple(part for part in normal.split("/") if part and part != ".")


class Linker:
    """Relative links between site paths, remembering each path's parts: a page links to hundreds
    of others, and a build makes hundreds of thousands of links. Keep one per build."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[str, ...] | None] = {}

    def parts(self, path: str) -> tuple[str, ...] | None:
        if path not in self._known:
            self._known[path] = _parts(path)
        return self._known[path]

    def relative(self, from_url: str, to_url: str) -> str:
        """Relative link between two site paths (directory URLs), so the site works from any folder."""
        start = from_url.rstrip("/") or "."
        target = to_url.rstrip("/") or "."
        link = self._relpath(target, start)
        if to_url.endswith("/") and link != ".":
            link += "/"
        elif link == ".":
            link = "./"
        return link

    def _relpath(self, target: str, start: str) -> str:
        """``posixpath.relpath(target, start)`` for paths inside the site, without its calls to
        ``os.getcwd()`` and ``abspath``."""
        start_parts, target_parts = self.parts(start), self.parts(target)
        if start_parts is None or target_parts is None:
            return posixpath.relpath(target, start)
        common = 0
        for mine, theirs in zip(start_parts, target_parts, strict=False):
            if mine != theirs:
                break
            common += 1
        parts = [".."] * (len(start_parts) - common) + list(target_parts[common:])
        return "/".join(parts) if parts else "."


def relative(from_url: str, to_url: str) -> str:
    """Relative link between two site paths (directory URLs), so the site works from any folder.
    For many links, keep a :class:`Linker`."""
    return Linker().relative(from_url, to_url)
