"""Citations of record pages and of the underlying articles: CSL-JSON, APA and Chicago (see
``styles``), BibTeX and RIS (see ``formats``).

A page's citation names and dates the version of the record it cites (from the corrections log),
never the build: two builds of unchanged records give the same citations. The site is its author,
as one literal name. The day the reader accessed the page is theirs to fill in: the page's script
puts today's date where Chicago wants it, and the downloads say where to set it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from markupsafe import Markup

from corpus_site.cite.formats import bibtex, ris
from corpus_site.cite.styles import apa, chicago
from corpus_site.corpus.corpus import Corpus, Version
from corpus_site.records.model import Source
from corpus_site.records.urls import record_url

#: The address MkDocs is given when $SITE_URL is not set: a build made with it is not publishable.
PLACEHOLDER_URL = "https://example.org/axis-corpus/"


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str
    """Absolute base URL of the published site, ending in '/'."""
    version: str
    """Which state of the code and records was built (git commit, or $SITE_VERSION): shown on the
    page and in the exports, never in a citation, which names the record's own version."""

    @classmethod
    def detect(cls, name: str, url: str, root: Any) -> SiteInfo:
        """$SITE_VERSION or the git commit of ``root``."""
        version = os.environ.get("SITE_VERSION") or _git_version(root) or "unversioned"
        return cls(name, url if url.endswith("/") else url + "/", version)

    @property
    def placeholder(self) -> bool:
        """True when the site is built for the placeholder address, not where it is published."""
        return self.url == PLACEHOLDER_URL


def _git_version(root: Any) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "describe", "--always", "--dirty", "--abbrev=10"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def _iso_parts(iso: str) -> dict[str, list[list[int]]]:
    return {"date-parts": [[int(part) for part in iso.split("-")]]}


def citation_title(title: str) -> str:
    """A title as citations give it: without a final period, and with a capital after a colon (APA's
    sentence case, and what biblatex readers make of a .bib title), so every format reads the same."""
    title = title.strip().removesuffix(".")
    return re.sub(r"([:?!]\s+)([a-z])", lambda match: match.group(1) + match.group(2).upper(), title)


def version_anchor(version: Version) -> str:
    """The fragment of a claim page where this version's text stays: ``v2``."""
    return f"v{version.number}"


def page_item(
    site: SiteInfo, record_id: str, title: str, url_path: str, genre: str, version: Version, *, anchored: bool = False
) -> dict[str, Any]:
    """CSL-JSON for a page of this site (a claim, actor, event or source page), dated and named by
    the record's version. ``anchored``: the URL points at that version's text on the page (claims
    keep every version's text)."""
    item: dict[str, Any] = {
        "id": record_id,
        "type": "webpage",
        "title": citation_title(title),
        "author": [{"literal": site.name}],
        "publisher": site.name,
        "genre": f"{genre}, version {version.number}",
        "URL": site.url + url_path + (f"#{version_anchor(version)}" if anchored else ""),
    }
    if version.date:
        item["issued"] = _iso_parts(version.date)
    return item


#: Source kind -> CSL type of the article.
ARTICLE_TYPES = {"news-report": "article-newspaper", "analysis": "article-magazine", "explainer": "webpage", "compilation": "webpage"}


def article_title(source: Source) -> str:
    """The title as a citation gives it: a title the editors wrote stands in square brackets (as
    APA asks for a description), without the outlet the citation names anyway."""
    if not source.title_is_descriptive:
        return source.title
    title = source.title
    if not source.outlet_is_descriptive:
        title = re.sub(r"\s*\(" + re.escape(source.outlet) + r"[^()]*\)$", "", title)
    return f"[{title}]"


def article_item(source: Source) -> dict[str, Any]:
    """CSL-JSON for one of the underlying articles (a Source record)."""
    item: dict[str, Any] = {"id": source.id, "type": ARTICLE_TYPES[source.kind], "title": citation_title(article_title(source))}
    if source.authors:
        item["author"] = [
            {"family": person.family, "given": person.given} if person.given else {"family": person.family} for person in source.authors
        ]
    if not source.outlet_is_descriptive:
        item["container-title"] = source.outlet
    item["issued"] = _iso_parts(source.published)
    if source.url:
        item["URL"] = source.url
    return item


class Citations:
    """Everything a page offers for citing one record."""

    def __init__(self, csl: dict[str, Any]) -> None:
        self.csl = csl

    @property
    def permalink(self) -> str:
        """The page's address, without the anchor of a version."""
        return str(self.csl["URL"]).split("#", 1)[0]

    @property
    def version_url(self) -> str:
        """The address of the cited version's text, when the page keeps each version's ("" if not)."""
        url = str(self.csl["URL"])
        return url if "#" in url else ""

    @property
    def version_label(self) -> str:
        """``version 2``: how the citation names the version."""
        return str(self.csl.get("genre", "")).rsplit(", ", 1)[-1]

    @property
    def kind_label(self) -> str:
        """``claim``: what the citation says the page is."""
        return str(self.csl.get("genre", "")).rsplit(", ", 1)[0].lower()

    @cached_property
    def apa(self) -> Markup:
        return apa(self.csl)

    @cached_property
    def chicago(self) -> Markup:
        """Chicago, with the place for the reader's access date marked (see ``styles.chicago``)."""
        return chicago(self.csl, access_slot=True)

    @cached_property
    def bibtex(self) -> str:
        return bibtex(self.csl)

    @cached_property
    def ris(self) -> str:
        return ris(self.csl)

    @property
    def csl_json(self) -> str:
        return json.dumps([self.csl], ensure_ascii=False, indent=2)


#: Record kind -> the genre a citation gives its page.
KINDS = {"claims": "Claim", "actors": "Actor profile", "events": "Event record", "sources": "Source page"}


class CorpusCitations(Mapping[str, Citations]):
    """Citations keyed 'kind/id' for every record page, and 'article/<source id>' for the articles;
    each made when asked for (cheap string work), so nothing is held for tens of thousands of pages."""

    def __init__(self, corpus: Corpus, site: SiteInfo) -> None:
        self.corpus, self.site = corpus, site
        self._pages: dict[str, tuple[str, str, str]] = {}
        for kind, pairs in (
            ("claims", ((view.id, view.claim.statement) for view in corpus.all_claims())),
            ("actors", ((actor.id, actor.name) for actor in corpus.actors.values())),
            ("events", ((event.id, event.title) for event in corpus.events.values())),
            ("sources", ((article.id, article.source.title) for article in corpus.articles.values())),
        ):
            for record_id, title in pairs:
                self._pages[f"{kind}/{record_id}"] = (kind, record_id, title)
        self._articles = {f"article/{article.id}": article.source for article in corpus.articles.values()}

    def __getitem__(self, key: str) -> Citations:
        if key in self._articles:
            return Citations(article_item(self._articles[key]))
        kind, record_id, title = self._pages[key]
        version = self.corpus.version(record_id)
        return Citations(
            page_item(self.site, record_id, title, record_url(kind, record_id), KINDS[kind], version, anchored=kind == "claims")
        )

    def __iter__(self) -> Iterator[str]:
        yield from self._pages
        yield from self._articles

    def __len__(self) -> int:
        return len(self._pages) + len(self._articles)


def cite_corpus(corpus: Corpus, site: SiteInfo) -> CorpusCitations:
    """Citations keyed 'kind/id' for every record page, and 'article/<source id>' for the articles."""
    return CorpusCitations(corpus, site)
