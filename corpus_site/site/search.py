"""What the search index learns about a page besides its text: facets, result metadata and the
names it should be found by.

The site's search is Pagefind (run on the written site by the plugin): it reads the page's
``data-pagefind-*`` attributes, which the theme (``theme/partials/search-fields.html``) writes from
the :class:`SearchFields` a generated page carries in its metadata (``page.meta["search_fields"]``, see :meth:`SearchFields.as_meta`).
Computed here, displayed there: the templates compute nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corpus_site.analysis.analysis import Analysis
from corpus_site.corpus.corpus import Corpus

#: Facets a reader can narrow results by, in the order the search box shows them: name -> label.
FACETS = {"kind": "Kind", "article": "Article", "agreement": "Agreement", "stance": "Stance", "tag": "Tag", "period": "Period"}

#: The record kinds as the results name them (a page's folder -> its kind).
KINDS = {"claims": "claim", "actors": "actor", "events": "event", "sources": "article", "questions": "question"}

#: How much more than a word of the body an actor's name and aliases weigh (Pagefind's highest; it
#: weighs a page's h1, which holds every record's title, name, statement or question, at 7).
NAME_WEIGHT = 10

#: Between the names in an actor's ``names`` metadata: the search box puts a result whose name or alias
#: is exactly the query first among the results it shows (``assets/search.js``).
NAME_SEPARATOR = " | "


@dataclass(frozen=True)
class SearchFields:
    """One page's entry in the search index, beside its text."""

    kind: str
    """claim, actor, event, article, question, or page (an overview or a hand-written page)."""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Facet name -> its values for this page (a claim has several articles, tags, years)."""
    meta: tuple[tuple[str, str], ...] = ()
    """Shown with a result: e.g. its date or agreement."""
    names: tuple[str, ...] = field(default=())
    """What an actor is called (its name and every alias), or the outlet of an article: weighed above
    body mentions. Records are also found by their h1 (title, statement, question), which the index
    weighs by itself."""
    weight: int = NAME_WEIGHT

    def as_meta(self) -> dict[str, Any]:
        """As page metadata (plain JSON, as front matter holds it): what the theme writes out."""
        return {
            "kind": self.kind,
            "filters": {name: list(values) for name, values in self.filters},
            "meta": dict(self.meta),
            "names": list(self.names),
            "weight": self.weight,
        }


class SearchFieldsMaker:
    """Computes the :class:`SearchFields` of the pages of one build (lookups built once)."""

    def __init__(self, corpus: Corpus, analysis: Analysis) -> None:
        self.corpus, self.analysis = corpus, analysis
        self.article_titles = {article_id: _article_label(corpus, article_id) for article_id in corpus.articles}

    def for_url(self, url: str) -> SearchFields:
        """The fields of the page at ``url`` (e.g. ``claims/x/``)."""
        folder, _, record_id = url.rstrip("/").partition("/")
        kind = KINDS.get(folder) if record_id else None
        if kind is None:
            return SearchFields("page", (("kind", ("page",)),))
        maker = getattr(self, f"_{kind}")
        fields: SearchFields = maker(record_id)
        return fields

    def _fields(self, kind: str, names: list[str], meta: dict[str, str], **filters: list[str]) -> SearchFields:
        rows: list[tuple[str, tuple[str, ...]]] = [("kind", (kind,))]
        rows += [(name, tuple(dict.fromkeys(value for value in values if value))) for name, values in filters.items() if any(values)]
        return SearchFields(kind, tuple(rows), tuple((key, value) for key, value in meta.items() if value), tuple(dict.fromkeys(names)))

    def _articles(self, article_ids: list[str]) -> list[str]:
        return [self.article_titles[article_id] for article_id in article_ids if article_id in self.article_titles]

    def _claim(self, claim_id: str) -> SearchFields:
        corpus = self.corpus
        view = corpus.claim(claim_id)
        if view is None:  # pragma: no cover - a claim page is planned from a claim
            return SearchFields("claim")
        by_source = view.stances_by_source()
        stances = sorted({stance for stances in by_source.values() for stance in stances})
        years = sorted({corpus.events[event_id].date[:4] for event_id in view.claim.events if event_id in corpus.events})
        agreement = "retired" if view.claim.retired else view.agreement
        return self._fields(
            "claim",
            [],
            {"agreement": agreement},
            article=self._articles(list(by_source)),
            agreement=[agreement],
            stance=stances,
            tag=list(view.claim.tags),
            period=years,
        )

    def _actor(self, actor_id: str) -> SearchFields:
        actor = self.corpus.actors[actor_id]
        years = sorted({self.corpus.events[event_id].date[:4] for event_id in self.corpus.events_by_actor.get(actor_id, [])})
        return self._fields(
            "actor",
            [actor.name, *actor.aliases],
            {"about": actor.kind.replace("-", " "), "names": NAME_SEPARATOR.join([actor.name, *actor.aliases])},
            article=self._articles(self.corpus.articles_naming.get(actor_id, [])),
            tag=list(actor.tags),
            period=years,
        )

    def _event(self, event_id: str) -> SearchFields:
        corpus = self.corpus
        event = corpus.events[event_id]
        sources: list[str] = []
        for claim_id in corpus.claims_by_event.get(event_id, []):
            view = corpus.claim(claim_id)
            sources += view.source_ids if view is not None else []
        return self._fields(
            "event",
            [],
            {"date": event.date},
            article=self._articles(list(dict.fromkeys(sources))),
            tag=list(event.tags),
            period=[event.date[:4]],
        )

    def _article(self, article_id: str) -> SearchFields:
        source = self.corpus.articles[article_id].source
        return self._fields(
            "article",
            [source.outlet],
            {"date": source.published, "outlet": source.outlet},
            article=[self.article_titles[article_id]],
            period=[source.published[:4]],
        )

    def _question(self, question_id: str) -> SearchFields:
        matrix = self.analysis.questions[question_id]
        claims = [self.corpus.claim(row.claim_id) for row in matrix.rows]
        sources = [source for view in claims if view is not None for source in view.source_ids]
        return self._fields("question", [], {}, article=self._articles(list(dict.fromkeys(sources))))


def _article_label(corpus: Corpus, article_id: str) -> str:
    source = corpus.articles[article_id].source
    return f"{source.outlet}: {source.title}"
