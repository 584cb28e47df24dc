"""Corpus -> Markdown pages (MkDocs virtual files) through Jinja2 templates.

Every page body is one raw HTML block rendered with autoescaping: record text reaches the reader
as text, never as HTML or Markdown. Templates only display; the values they show are computed
here or in :mod:`corpus_site.corpus`.
"""

from __future__ import annotations

import contextlib
import html
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, Template
from jinja2.bccache import Bucket
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from corpus_site.analysis.analysis import CREDIBILITY_RULES, CREDIBILITY_WEIGHT, RELIABILITY_LABELS, AchMatrix, Analysis, Tally, analyse
from corpus_site.cite.cite import Citations, SiteInfo
from corpus_site.corpus.corpus import AGREEMENT_RULES, LIST_SILENT_UP_TO, Article, ClaimView, Corpus, Quote
from corpus_site.corpus.curation import ActorNames, paragraph_count, uncurated_lines
from corpus_site.graph import (
    COOCCURRENCE_STYLE,
    DEFAULT_RELATION,
    KIND_STYLES,
    RELATION_STYLES,
    RelationGraph,
    actor_page_data,
    build_graph,
    full_page_data,
)
from corpus_site.records.model import STANCES, Actor, Event, Relation
from corpus_site.records.urls import Linker, index_url, record_url, tag_url
from corpus_site.site.graph_files import named_periods
from corpus_site.site.metadata import DOWNLOADS, claim_jsonld, head_tags
from corpus_site.site.naming import ERAS, Namer, RelationPages, corpus_namer, coverage, eras, id_words, relation_words, short_name
from corpus_site.site.overview import OVERVIEW_PAGES
from corpus_site.site.paging import ROWS_PER_PAGE, PageLink, Part, part_url, split
from corpus_site.site.reader import annotate
from corpus_site.site.search import SearchFieldsMaker
from corpus_site.util.jsonio import script_json
from corpus_site.util.progress import Progress

TEMPLATES = Path(__file__).parent / "templates"
TemplateEnvironment = Environment
"""What :func:`cached_environment` makes: callers keep it without importing the template engine."""
#: The site's scripts and styles: source path in the site -> file in the package.
SITE_ASSETS = {f"assets/{path.name}": path for path in sorted((Path(__file__).parent / "assets").iterdir()) if path.is_file()}

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
STANCE_SYMBOLS = {"supports": "✔", "qualifies": "◐", "disputes": "✖", "mentions": "○", "silent": "\u2013", "mixed": "◈"}
AGREEMENT_ORDER = [name for name, _rule in AGREEMENT_RULES]


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
        shown = f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 3:
        shown = f"{int(parts[2])} {shown}"
    return f"{shown} · {precision}"


def long_date(date: str) -> str:
    """'2026-12-01' -> '1 December 2026' (a day, as the corrections log dates things)."""
    year, month, day = date.split("-")
    return f"{int(day)} {MONTH_NAMES[int(month) - 1]} {year}"


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
    env.globals["long_date"] = long_date
    env.globals["symbols"] = STANCE_SYMBOLS
    env.globals["agreement_order"] = AGREEMENT_ORDER
    env.globals["rules"] = AGREEMENT_RULES
    env.globals["agreement_rule"] = dict(AGREEMENT_RULES)
    env.globals["kind_styles"] = KIND_STYLES
    env.globals["relation_styles"] = RELATION_STYLES
    env.globals["default_relation_style"] = DEFAULT_RELATION
    env.globals["cooccurrence_style"] = COOCCURRENCE_STYLE
    env.globals["relation_words"] = relation_words
    env.globals["id_words"] = id_words
    env.globals["eras"] = eras
    env.globals["era_names"] = [(key, label) for key, label, _first, _last in ERAS]
    env.filters["quoted"] = quoted
    return env


def quoted(text: str) -> str:
    """A quote between quotation marks, unless it starts or ends with a mark of its own: then it is
    shown as it is, so that no mark is doubled (““Iran is a major player…””)."""
    if text[:1] in '\u201c"\u2018' or text[-1:] in '\u201d"\u2019':
        return text
    return f"\u201c{text}\u201d"


def src_of(url: str) -> str:
    """MkDocs source path for a directory URL: '' -> index.md, 'tags/' -> tags.md."""
    return f"{url.rstrip('/')}.md" if url else "index.md"


class _BytecodeCache(FileSystemBytecodeCache):
    """Compiled templates on disk; a folder that cannot be read or written only costs time."""

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def cached_environment(cache: Path | None = None) -> Environment:
    """A Jinja2 environment whose compiled templates are kept in ``cache`` (a folder) for the next
    process (keyed by their source, so never stale). Keep the environment to reuse it across builds:
    templates then compile once, and the loader still notices a template edited on disk."""
    env = environment()
    if cache is not None:
        try:
            cache.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = _BytecodeCache(str(cache))
        except OSError:
            pass  # a cache that cannot be written only costs time
    return env


def render_pages(
    corpus: Corpus, site: SiteInfo, citations: Mapping[str, Citations], graph: RelationGraph | None = None, analysis: Analysis | None = None
) -> dict[str, str]:
    """Source path (e.g. ``claims/x.md``) -> page text (front matter and HTML), for every generated page.

    ``graph`` and ``analysis`` are passed when the caller has computed them already."""
    return dict(iter_pages(corpus, site, citations, graph, analysis))


def iter_pages(
    corpus: Corpus, site: SiteInfo, citations: Mapping[str, Citations], graph: RelationGraph | None = None, analysis: Analysis | None = None
) -> Iterator[tuple[str, str]]:
    """(source path, page content) for every generated page, one at a time."""
    pages = plan_pages(corpus, site, citations, graph, analysis)
    progress = Progress("generating pages", len(pages))
    for page in pages:
        yield page.src, page.render().text()
        progress.advance()
    progress.close()


@dataclass(frozen=True)
class RenderedPage:
    """A generated page: its metadata, as MkDocs keeps ``page.meta``, and its HTML."""

    meta: dict[str, Any]
    body: str

    def text(self) -> str:
        """The page as a Markdown file with front matter would hold it (what the golden files and
        the benchmark's floor read): MkDocs reads this front matter back as :attr:`meta`."""
        lines = ["---", f"title: {json.dumps(self.meta['title'], ensure_ascii=False)}"]
        for key in ("head", "jsonld", "search_fields"):
            if key in self.meta:
                lines.append(f"{key}: {htmlsafe_json_dumps(self.meta[key])}")
        if "search" in self.meta:
            lines += ["search:", "  exclude: true"]
        if "hide" in self.meta:
            lines += ["hide:", *(f"  - {name}" for name in self.meta["hide"])]
        return "\n".join([*lines, "---", ""]) + self.body


@dataclass(frozen=True)
class PlannedPage:
    """A generated page before it is rendered: where it goes, its title, and how to render it (a
    large corpus need not hold every page in memory; the build renders each as it writes it)."""

    src: str
    """MkDocs source path, e.g. ``claims/x.md``."""
    title: str
    """The page title as its front matter gives it (HTML-escaped, see :func:`_front_matter_text`)."""
    render: Callable[[], RenderedPage]


#: Generated pages whose tables or drawings want the whole width: the side navigation is hidden on them.
WIDE_TEMPLATES = frozenset(
    {
        "agreement.md.j2",
        "actor.md.j2",
        "actors_index.md.j2",
        "blind_spots.md.j2",
        "claims_index.md.j2",
        "contested.md.j2",
        "differences.md.j2",
        "graph.md.j2",
        "question.md.j2",
        "relation.md.j2",
        "relations_index.md.j2",
        "source.md.j2",
        "sources_index.md.j2",
        "tag.md.j2",
        "tags.md.j2",
    }
)
_SEARCH_EXCLUDED = {"agreement.md.j2", "blind_spots.md.j2", "contested.md.j2", "tags.md.j2", "graph.md.j2", "tag.md.j2"}
_SEARCH_EXCLUDED |= {f"{kind}_index.md.j2" for kind in ("actors", "claims", "events", "questions", "sources", "relations")}
_SEARCH_EXCLUDED |= {"corrections.md.j2"}  # the log of changes: each claim is found on its own page
# a relation's page gathers the claims it rests on, which are found on their own pages, and its
# actors' pages list it: indexed, it would repeat them in results and cost every first search its
# entry in the index's list of pages (a fifth of them at any scale)
_SEARCH_EXCLUDED |= {"relation.md.j2"}


def template_meta(template: str) -> dict[str, Any]:
    """Page metadata a template's pages carry besides their title: lists and overviews whose rows are
    each found on their own page stay out of the search index; a generated page has no Markdown
    headings for Material's table of contents (long ones carry their own), and wide views hide the
    side navigation."""
    meta: dict[str, Any] = {"hide": ["navigation", "toc"] if template in WIDE_TEMPLATES else ["toc"]}
    if template in _SEARCH_EXCLUDED:
        meta["search"] = {"exclude": True}
    return meta


#: Titles of the indexes of the record kinds (as their templates' front matter gives them).
INDEX_TITLES = {"sources": "Sources", "actors": "Actors", "events": "Timeline", "claims": "Claims"}


def plan_pages(
    corpus: Corpus,
    site: SiteInfo,
    citations: Mapping[str, Citations],
    graph: RelationGraph | None = None,
    analysis: Analysis | None = None,
    env: Environment | None = None,
) -> list[PlannedPage]:
    """Every generated page, ready to be rendered when needed. ``env``: a template environment kept
    across builds (the plugin keeps one, so ``serve`` compiles the templates once)."""
    graph = graph if graph is not None else build_graph(corpus)
    analysis = analysis if analysis is not None else analyse(corpus)
    pages = _Pages(corpus, site, citations, graph, analysis, env or cached_environment(corpus.root / ".cache" / "templates"))
    escape = html.escape
    planned = [
        page
        for url, (template, title) in OVERVIEW_PAGES.items()
        for page in (pages.parts(template, url, title) if template in ROWS_PER_PAGE else [pages.plan_overview(template, url, title)])
    ]
    for kind, title in INDEX_TITLES.items():
        template = f"{kind}_index.md.j2"
        if template in ROWS_PER_PAGE:
            planned += pages.parts(template, index_url(kind), title, first_src=f"{kind}/index.md")
        else:
            planned.append(PlannedPage(f"{kind}/index.md", escape(title), partial(pages.render, template, index_url(kind), title)))
    planned += [PlannedPage(f"sources/{a.id}.md", escape(a.source.title), partial(pages.source, a)) for a in corpus.articles.values()]
    planned += [PlannedPage(f"actors/{a.id}.md", escape(a.name), partial(pages.actor, a)) for a in corpus.actors.values()]
    planned += [PlannedPage(f"events/{e.id}.md", escape(e.title), partial(pages.event, e)) for e in corpus.events.values()]
    planned += [PlannedPage(f"claims/{v.id}.md", escape(v.claim.statement), partial(pages.claim, v)) for v in corpus.all_claims()]
    planned += [page for tag in corpus.tags for page in pages.tag_parts(tag)]
    planned += [
        PlannedPage(f"relations/{page_id}.md", escape(pages.relation_title(relation)), partial(pages.relation, page_id, relation))
        for page_id, relation in pages.shared["relation_pages"].items()
    ]
    planned += [
        PlannedPage(f"questions/{question_id}.md", escape(matrix.question.question), partial(pages.question, matrix))
        for question_id, matrix in analysis.questions.items()
    ]
    return planned


class _Pages:
    """Renders the generated pages of one build: the context they share is computed once."""

    def __init__(
        self, corpus: Corpus, site: SiteInfo, citations: Mapping[str, Citations], graph: RelationGraph, analysis: Analysis, env: Environment
    ) -> None:
        self.corpus, self.site, self.citations, self.graph, self.env = corpus, site, citations, graph, env
        self.templates: dict[str, Template] = {}
        self.linker = Linker()
        self.actor_names: ActorNames | None = None
        """The actors' names as one expression, made when an article still being curated needs it."""
        self.article_order = corpus.article_order()
        shared = _shared_context(corpus)
        shared.update(_analysis_context(corpus, analysis))
        shared["graph"] = graph
        shared["site"] = site
        shared["list_silent"] = len(corpus.articles) <= LIST_SILENT_UP_TO
        shared["article_citations"] = {key.removeprefix("article/"): citations[key] for key in citations if key.startswith("article/")}
        self.shared = shared
        self.search = SearchFieldsMaker(corpus, analysis)

    def render(self, template: str, url: str, title: str, **context: Any) -> RenderedPage:
        link: Callable[..., str] = partial(_link, self.linker, url)
        asset: Callable[[str], str] = partial(self.linker.relative, url)
        kind, _, record_id = url.rstrip("/").partition("/")
        citation = self.citations.get(f"{kind}/{record_id}") if record_id else None
        if citation is not None:
            context.setdefault("head", head_tags(citation, self.site))
            context["citation"] = citation
            context["downloads"] = {fmt: self.linker.relative(url, f"data/{kind}/{record_id}.{fmt}") for fmt in DOWNLOADS}
        if template not in self.templates:
            self.templates[template] = self.env.get_template(template)
        body = self.templates[template].render(
            corpus=self.corpus, link=link, asset=asset, stances=STANCES, page_url=url, **self.shared, **context
        )
        meta: dict[str, Any] = {"title": html.escape(title)}
        for key in ("head", "jsonld"):
            if key in context:
                meta[key] = context[key]
        meta.update(template_meta(template))
        if template == "claim.md.j2" and context["view"].claim.retired:
            meta["search"] = {"exclude": True}  # its page stays for the links to it; search finds its successors
        if "search" not in meta:  # what the search index learns besides the text (theme/partials/search-fields.html)
            meta["search_fields"] = self.search.for_url(url).as_meta()
        return RenderedPage(meta, body)

    def plan_overview(self, template: str, url: str, title: str) -> PlannedPage:
        return PlannedPage(src_of(url), html.escape(title), partial(self.overview, template, url, title))

    def parts(self, template: str, url: str, title: str, first_src: str = "") -> list[PlannedPage]:
        """An overview page split into numbered pages of at most :data:`ROWS_PER_PAGE` (rows
        weighed by :meth:`weight`; one page when they fit): each is rendered with its :class:`Part`."""
        rows = self.rows(template)
        ranges = split([self.weight(template, row) for row in rows], ROWS_PER_PAGE[template])
        planned = []
        for number in range(1, len(ranges) + 1):
            page_url = part_url(url, number)
            page_title = title if number == 1 else f"{title} (page {number} of {len(ranges)})"
            src = first_src if number == 1 and first_src else src_of(page_url)
            planned.append(PlannedPage(src, html.escape(page_title), partial(self.part, template, url, title, rows, ranges, number)))
        return planned

    def part(self, template: str, url: str, title: str, rows: list[Any], ranges: list[tuple[int, int]], number: int) -> RenderedPage:
        page_url = part_url(url, number)
        context: dict[str, Any] = {}
        if template == "tags.md.j2":
            # every tag's place, on whichever page it is, for the list of tags at the top
            context["tag_links"] = self._tag_links(url, page_url, rows, ranges)
        part = self._part(url, rows, ranges, number, self.regroup(template, rows[slice(*ranges[number - 1])]))
        page_title = title if number == 1 else f"{title} (page {number} of {len(ranges)})"
        return self.render(template, page_url, page_title, part=part, **context)

    def _part(self, url: str, rows: list[Any], ranges: list[tuple[int, int]], number: int, shown: Sequence[Any]) -> Part:
        """Page ``number`` of the list at ``url``, showing ``shown`` (its rows as its template lists them)."""
        count = len(ranges)
        page_url = part_url(url, number)
        start, end = ranges[number - 1]
        links: tuple[PageLink, ...] = ()
        previous = following = ""
        if count > 1:
            links = tuple(PageLink(n, self.linker.relative(page_url, part_url(url, n)), n == number) for n in range(1, count + 1))
            previous = links[number - 2].href if number > 1 else ""
            following = links[number].href if number < count else ""
        return Part(number, count, shown, start + 1, end, len(rows), links, previous, following)

    def tag_parts(self, tag: str) -> list[PlannedPage]:
        """A tag's page, in numbered parts once its members pass :data:`ROWS_PER_PAGE` (a claim's
        row weighs 1, an actor's or event's line a quarter)."""
        members = self.corpus.tags[tag]
        rows = [(kind, record_id) for kind in ("claims", "actors", "events") for record_id in members[kind]]
        ranges = split([1.0 if kind == "claims" else 0.25 for kind, _ in rows], ROWS_PER_PAGE["tag.md.j2"])
        planned = []
        for number in range(1, len(ranges) + 1):
            page_title = f"#{tag}" if number == 1 else f"#{tag} (page {number} of {len(ranges)})"
            src = src_of(part_url(tag_url(tag), number))
            planned.append(PlannedPage(src, html.escape(page_title), partial(self.tag, tag, rows, ranges, number)))
        return planned

    def tag(self, tag: str, rows: list[tuple[str, str]], ranges: list[tuple[int, int]], number: int) -> RenderedPage:
        shown: dict[str, list[str]] = {"claims": [], "actors": [], "events": []}
        for kind, record_id in rows[slice(*ranges[number - 1])]:
            shown[kind].append(record_id)
        part = self._part(tag_url(tag), rows, ranges, number, [])
        page_title = f"#{tag}" if number == 1 else f"#{tag} (page {number} of {len(ranges)})"
        return self.render(
            "tag.md.j2", part_url(tag_url(tag), number), page_title, tag=tag, totals=self.corpus.tags[tag], members=shown, part=part
        )

    @staticmethod
    def weight(template: str, row: Any) -> float:
        """What a row costs a page, in rows (see :data:`ROWS_PER_PAGE`)."""
        if template == "contested.md.j2":
            return float(len(row.quotes))
        if template == "blind_spots.md.j2" and row[0] == "only-in":
            return 1 + len(row[2]) / 4
        return 1.0

    def rows(self, template: str) -> list[Any]:
        """The rows an overview page lists, in order: what its parts split."""
        corpus = self.corpus
        if template in ("agreement.md.j2", "claims_index.md.j2"):
            return list(corpus.claims.values())
        if template == "contested.md.j2":
            return list(self.shared["contested_claims"])
        if template == "actors_index.md.j2":
            return sorted(corpus.actors.values(), key=lambda actor: actor.name)
        if template == "blind_spots.md.j2":  # the claims only one article carries, then who names each actor
            only_in = [("only-in", source_id, claim_ids) for source_id, claim_ids in self.shared["analysis"].only_in.items()]
            return only_in + [("actor", actor) for actor in sorted(corpus.actors.values(), key=lambda actor: actor.name)]
        if template == "events_index.md.j2":
            return sorted(corpus.events.values(), key=lambda event: (event.date, event.id))
        if template == "differences.md.j2":
            return list(self.shared["analysis"].figures)
        if template == "relations_index.md.j2":
            return self.graph.edge_rows()
        if template == "tags.md.j2":
            kinds = ("claims", "actors", "events")
            return [(tag, kind, record_id) for tag, members in corpus.tags.items() for kind in kinds for record_id in members[kind]]
        raise KeyError(template)  # pragma: no cover - ROWS_PER_PAGE names only the templates above

    def regroup(self, template: str, rows: list[Any]) -> list[Any]:
        """A page's rows as its template shows them: events by year, tags with their members."""
        if template == "events_index.md.j2":
            years: dict[str, list[Any]] = defaultdict(list)
            for event in rows:
                years[event.date[:4]].append(event)
            return list(years.items())
        if template == "tags.md.j2":
            tags: dict[str, dict[str, list[str]]] = {}
            for tag, kind, record_id in rows:
                tags.setdefault(tag, {"claims": [], "actors": [], "events": []})[kind].append(record_id)
            return list(tags.items())
        if template == "blind_spots.md.j2":
            return [
                [(row[1], row[2]) for row in rows if row[0] == "only-in"],
                [row[1] for row in rows if row[0] == "actor"],
            ]
        return rows

    def _tag_links(self, url: str, page_url: str, rows: list[Any], ranges: list[tuple[int, int]]) -> dict[str, str]:
        links: dict[str, str] = {}
        for number, (start, end) in enumerate(ranges, 1):
            target = part_url(url, number)
            href = "" if target == page_url else self.linker.relative(page_url, target)
            for tag, _kind, _record_id in rows[start:end]:
                links.setdefault(tag, f"{href}#tag-{tag}")
        first = "" if url == page_url else self.linker.relative(page_url, url)
        for tag in self.corpus.tags:  # a tag without members has its section on the first page
            links.setdefault(tag, f"{first}#tag-{tag}")
        return links

    def overview(self, template: str, url: str, title: str) -> RenderedPage:
        if template != "graph.md.j2":
            return self.render(template, url, title)
        context = _graph_context(self.corpus, self.graph, self.shared["words"], self.shared["relation_pages"])
        return self.render(template, url, title, **context)

    def source(self, article: Article) -> RenderedPage:
        quotes = self.corpus.quotes_by_source.get(article.id, [])
        lines = annotate(article, quotes, self.corpus.plain_anchors(article.id))
        claim_ids = list(dict.fromkeys(quote.claim_id for quote in quotes))
        views = [view for view in (self.corpus.claim(claim_id) for claim_id in claim_ids) if view is not None]
        actor_ids = sorted(
            {actor_id for view in views for actor_id in view.claim.actors if actor_id in self.corpus.actors},
            key=lambda actor_id: self.corpus.actors[actor_id].name.lower(),
        )
        counted = {
            "stance_counts": Counter(quote.evidence.stance for quote in quotes),
            "quote_count": len(quotes),
            "claim_count": len(claim_ids),
            "reader_claims": views,
            "reader_actors": [self.corpus.actors[actor_id] for actor_id in actor_ids],
            # which actors each claim names, for the reader's "highlight an actor's passages"
            "reader_json": Markup(script_json({view.id: list(view.claim.actors) for view in views})),
            **self.curation(article, quotes),
        }
        return self.render("source.md.j2", record_url("sources", article.id), article.source.title, article=article, lines=lines, **counted)

    def curation(self, article: Article, quotes: list[Quote]) -> dict[str, Any]:
        """An article still being curated: its paragraphs no claim quotes, and the known actors it names."""
        uncurated = set(uncurated_lines(article, quotes))
        if not uncurated:
            return {"uncurated": uncurated, "named": [], "paragraph_count": 0}
        if self.actor_names is None:
            self.actor_names = ActorNames(self.corpus.actors)
        return {"uncurated": uncurated, "named": self.actor_names.named(article.text), "paragraph_count": paragraph_count(article)}

    def actor(self, actor: Actor) -> RenderedPage:
        corpus = self.corpus
        relations = [(relation, corpus.relation_evidence(relation)) for relation in corpus.relations_by_actor.get(actor.id, [])]
        ego = _actor_graph(corpus, self.graph, actor.id, self.shared["words"], self.shared["relation_pages"])
        return self.render("actor.md.j2", record_url("actors", actor.id), actor.name, actor=actor, ego=ego, relations=relations)

    def event(self, event: Event) -> RenderedPage:
        return self.render("event.md.j2", record_url("events", event.id), event.title, event=event)

    def claim(self, view: ClaimView) -> RenderedPage:
        corpus = self.corpus
        speaking = [corpus.articles[source_id] for source_id in sorted(view.stances_by_source(), key=self.article_order.__getitem__)]
        related = corpus.related_claims(view.id) if view.id in corpus.claims else []
        jsonld = claim_jsonld(corpus, view, self.site)
        url = record_url("claims", view.id)
        return self.render("claim.md.j2", url, view.claim.statement, view=view, related=related, jsonld=jsonld, speaking=speaking)

    def relation_title(self, relation: Relation) -> str:
        """'Iran funds Hamas': the relation read as a sentence, in names."""
        names = self.corpus.actors
        subject = names[relation.subject].name if relation.subject in names else relation.subject
        obj = names[relation.object].name if relation.object in names else relation.object
        return f"{subject} {relation_words(relation.type)} {obj}"

    def relation(self, page_id: str, relation: Relation) -> RenderedPage:
        evidence = self.corpus.relation_evidence(relation)
        url = record_url("relations", page_id)
        return self.render("relation.md.j2", url, self.relation_title(relation), relation=relation, evidence=evidence, page_id=page_id)

    def question(self, matrix: AchMatrix) -> RenderedPage:
        question = matrix.question
        scores = {score.id: score for score in matrix.ranking}
        return self.render("question.md.j2", record_url("questions", question.id), question.question, matrix=matrix, scores=scores)


def _analysis_context(corpus: Corpus, analysis: Analysis) -> dict[str, Any]:
    return {
        "analysis": analysis,
        "credibility_rules": CREDIBILITY_RULES,
        "credibility_labels": {grade: label for grade, label, _rule in CREDIBILITY_RULES},
        "credibility_weights": CREDIBILITY_WEIGHT,
        "reliability_labels": RELIABILITY_LABELS,
        "example": worked_example(corpus, analysis),
    }


def worked_example(corpus: Corpus, analysis: Analysis) -> dict[str, Any]:
    """The methodology page's example: the claim that the most articles speak to, preferring one
    on which they disagree, with every step of its status and credibility."""
    if not corpus.claims:
        return {
            "claim_id": "",
            "rows": [],
            "tally": Tally(0, 0, 0, 0),
            "status": "mentioned",
            "credibility": 6,
            "credibility_label": "",
            "credibility_rule": "",
        }
    chosen = max(corpus.claims.values(), key=lambda view: (analysis.status[view.id] == "contested", len(view.source_ids), view.id))
    by_source = chosen.stances_by_source()
    rows = [(source_id, analysis.groups[source_id], by_source.get(source_id, [])) for source_id in corpus.articles]
    grade = analysis.credibility[chosen.id]
    _grade, label, rule = next(entry for entry in CREDIBILITY_RULES if entry[0] == grade)
    return {
        "claim_id": chosen.id,
        "rows": rows,
        "tally": analysis.tallies[chosen.id],
        "status": analysis.status[chosen.id],
        "credibility": grade,
        "credibility_label": label,
        "credibility_rule": rule,
    }


def _shared_context(corpus: Corpus) -> dict[str, Any]:
    """Values several pages show, computed once per build."""
    by_agreement: dict[str, list[ClaimView]] = defaultdict(list)
    for view in corpus.claims.values():
        by_agreement[view.agreement].append(view)
    contested = sorted(
        by_agreement.get("contested", []) + by_agreement.get("disputed", []),
        key=lambda view: (-len(view.source_ids), view.id),
    )
    events_by_year: dict[str, list[Any]] = defaultdict(list)
    for event in sorted(corpus.events.values(), key=lambda event: (event.date, event.id)):
        events_by_year[event.date[:4]].append(event)
    multi_source = sum(1 for view in corpus.claims.values() if len(view.source_ids) >= 2)
    short = {article_id: short_name(article) for article_id, article in corpus.articles.items()}
    order = list(corpus.articles)
    corrections_by_date: dict[str, list[Any]] = defaultdict(list)
    for correction in corpus.corrections:
        corrections_by_date[correction.date].append(correction)
    return {
        "article_count_word": count_word(len(corpus.articles)),
        "corrections_by_date": sorted(corrections_by_date.items(), reverse=True),
        "by_agreement": by_agreement,
        "contested_claims": contested,
        "events_by_year": dict(events_by_year),
        "multi_source_claims": multi_source,
        "short_names": short,
        "words": corpus_namer(corpus),
        "coverage": lambda view: coverage(view, order, short),
        "filter_words": partial(filter_words, corpus),
        "event_words": partial(event_words, corpus),
        "relation_pages": RelationPages(corpus.relations),
        "relation_text": partial(relation_text, corpus),
    }


def relation_text(corpus: Corpus, row: Mapping[str, Any]) -> str:
    """What the relations list's word filter matches: both actors' names and aliases, and the relation."""
    words = [relation_words(row["type"])]
    for actor_id in (row["subject"], row["object"]):
        actor = corpus.actors.get(actor_id)
        words += [actor.name, *actor.aliases] if actor is not None else [actor_id]
    return " ".join(words).lower()


def filter_words(corpus: Corpus, view: ClaimView) -> str:
    """What an index's word filter matches for a claim: its statement, and the names and every alias
    of its actors (so 'Hizballah' finds the claims about Hezbollah), lower-cased."""
    words = [view.claim.statement]
    for actor_id in view.claim.actors:
        actor = corpus.actors.get(actor_id)
        if actor is not None:
            words += [actor.name, *actor.aliases]
    return " ".join(words).lower()


def event_words(corpus: Corpus, event: Event) -> str:
    """What the timeline's word filter matches for an event: its title, its place, and the names and
    every alias of its actors, lower-cased."""
    words = [event.title, *([event.location] if event.location else [])]
    for participant in event.actors:
        actor = corpus.actors.get(participant.actor)
        words += [actor.name, *actor.aliases] if actor is not None else [participant.actor]
    return " ".join(words).lower()


def count_word(number: int) -> str:
    """A small count in words, as prose writes it ('five'); larger ones in digits."""
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
    return words[number] if number < len(words) else f"{number:,}"


def _graph_context(corpus: Corpus, graph: RelationGraph, namer: Namer, relation_pages: RelationPages) -> dict[str, Any]:
    """What the graph page shows: its core as safe JSON, and how much of the graph that is."""
    data = named_periods(full_page_data(graph, corpus), namer, relation_pages)
    return {
        "graph_actor_count": len(graph.relations),
        "graph_relation_count": graph.relations.number_of_edges(),
        "graph_drawn": len(data["nodes"]),
        "graph_total": data["total"],
        "graph_complete": data["complete"],
        # JSON with <, > and & escaped, so it is safe inside <script type="application/json">
        "graph_json": Markup(script_json(data)),
    }


def _actor_graph(corpus: Corpus, graph: RelationGraph, actor_id: str, namer: Namer, relation_pages: RelationPages) -> dict[str, Any] | None:
    """The 1-hop graph of an actor page: its data as safe JSON, and the legend entries it needs."""
    data = actor_page_data(graph, corpus, actor_id)
    if data is None:
        return None
    named_periods(data, namer, relation_pages)
    kinds = {node["kind"] for node in data["nodes"]}
    types = {edge["type"] for edge in data["edges"]}
    return {
        "json": Markup(script_json(data)),
        "kinds": [kind for kind in graph.actor_kinds() if kind in kinds],
        "types": [name for name in graph.relation_types() if name in types],
        "named_with": sum(1 for node in data["nodes"] if node["layer"] == "cooccurrence"),
    }


def _link(linker: Linker, from_url: str, kind: str, record_id: str | None = None, fragment: str = "") -> str:
    # kind "page" names an overview page, whose url is passed as record_id; kind "tag" a tag's page
    if kind == "page":
        target = record_id or ""
    elif kind == "tag":
        target = tag_url(record_id or "")
    else:
        target = index_url(kind) if record_id is None else record_url(kind, record_id)
    href = linker.relative(from_url, target)
    return f"{href}#{fragment}" if fragment else href
