"""Names where the records keep ids: an article's short name, record ids in hand-written prose
replaced by names, relation types and stances in words, and a claim's coverage by the articles.

Ids stay in URLs, exports and code; what a reader sees is a name. Computed once per build and
handed to the templates, which only display them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from corpus_site.corpus.corpus import Article, ClaimView, Corpus
from corpus_site.records.model import STANCES, Relation
from corpus_site.records.urls import relation_ids

#: Stance verbs as a count reads them: "1 supports", "2 support".
_STANCE_VERBS = {
    "supports": ("supports", "support"),
    "qualifies": ("qualifies", "qualify"),
    "disputes": ("disputes", "dispute"),
    "mentions": ("mentions", "mention"),
}


def short_name(article: Article) -> str:
    """An article's short name: its outlet, or, when the text names none, the start of its title."""
    return article.short_name


def relation_words(relation_type: str) -> str:
    """A relation type as words: 'coordinates-with' -> 'coordinates with'."""
    return relation_type.replace("-", " ")


def id_words(record_id: str) -> str:
    """An id read as words, for labels with no name of their own: 'planned-or-directed' -> 'planned or directed'."""
    return record_id.replace("-", " ")


class Namer:
    """Hand-written prose in the records names records by id ('(portal, wotr)', 'speakers: ali-khamenei').
    A reader sees names: ids of articles and actors become their names; ids of claims and events, whose
    names are sentences, are set as code. The result is escaped HTML."""

    def __init__(self, names: Mapping[str, str], coded: Iterable[str] = ()) -> None:
        self.names = dict(names)
        self.coded = frozenset(coded) - self.names.keys()
        ids = sorted([*self.names, *self.coded], key=len, reverse=True)
        self._pattern = re.compile(r"(?<![\w/#-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])") if ids else None

    def plain(self, text: str) -> str:
        """The text with names for the ids of articles and actors, as plain text (for scripts)."""
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(lambda match: self.names.get(match.group(1), match.group(1)), text)

    def __call__(self, text: str) -> Markup:
        if self._pattern is None or not text:
            return escape(text)
        pieces: list[str] = []
        position = 0
        for match in self._pattern.finditer(text):
            before = text[position : match.start()]
            pieces.append(escape(before))
            found = match.group(1)
            name = self.names.get(found)
            if name is not None and name.startswith("The ") and before.lower().endswith("the "):
                name = name[4:]  # 'the daily-beast quote' -> 'the Daily Beast quote'
            pieces.append(escape(name) if name is not None else Markup("<code>{}</code>").format(found))
            position = match.end()
        pieces.append(escape(text[position:]))
        return Markup("").join(pieces)


def corpus_namer(corpus: Corpus, *, coded: bool = True) -> Namer:
    """The build's :class:`Namer`: actors and articles by name; with ``coded``, the ids of events,
    questions, hypotheses and claims are set as code (plain text is the same without them)."""
    names = {actor_id: actor.name for actor_id, actor in corpus.actors.items()}
    names.update((article_id, article.short_name) for article_id, article in corpus.articles.items())
    if not coded:
        return Namer(names)
    return Namer(
        names,
        [
            *corpus.events,
            *corpus.questions,
            *(hypothesis.id for question in corpus.questions.values() for hypothesis in question.hypotheses),
            *(view.id for view in corpus.all_claims()),
        ],
    )


@dataclass(frozen=True)
class CoverageCell:
    """One article's place in a claim's coverage bar."""

    article_id: str
    name: str
    stance: str
    """Its strongest stance on the claim (supports > qualifies > disputes > mentions), or 'silent'."""
    stances: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    """Which articles speak to a claim and how, as the lists show it beside the claim."""

    cells: tuple[CoverageCell, ...]
    """One per article, in the corpus's order (empty for large corpora: counts only)."""
    counts: dict[str, int]
    """Stance -> how many articles take it (an article may take two)."""
    total: int
    speaking: int

    @property
    def summary(self) -> str:
        """'2 of 5 articles support, 1 disputes': what was counted, in words."""
        parts = []
        for stance in STANCES:
            count = self.counts.get(stance, 0)
            if count:
                singular, plural = _STANCE_VERBS.get(stance, (stance, stance))
                parts.append(f"{count} {singular if count == 1 else plural}")
        if not parts:
            return f"none of {self.total} articles speaks to it"
        noun = "article" if self.total == 1 else "articles"
        first, *rest = parts
        return f"{first.split(' ', 1)[0]} of {self.total} {noun} {first.split(' ', 1)[1]}" + "".join(f", {part}" for part in rest)

    @property
    def segments(self) -> list[tuple[str, int]]:
        """(stance, count) for a bar drawn by counts: each speaking article's strongest stance, then the silent."""
        strongest: dict[str, int] = {}
        for cell in self.cells:
            strongest[cell.stance] = strongest.get(cell.stance, 0) + 1
        if not self.cells:
            strongest = {stance: count for stance, count in self.counts.items() if count}
            strongest["silent"] = max(0, self.total - self.speaking)
        return [(stance, strongest[stance]) for stance in (*STANCES, "silent") if strongest.get(stance)]


#: The order in which an article's stances stand for it in one cell of a bar.
_STRENGTH = ("supports", "qualifies", "disputes", "mentions")

#: Above this many articles a bar shows counts, not one cell per article.
CELLS_UP_TO = 12


def coverage(view: ClaimView, order: Sequence[str], names: Mapping[str, str]) -> Coverage:
    """The coverage of a claim by the articles ``order`` lists."""
    by_source = view.stances_by_source()
    counts: dict[str, int] = {}
    for stances in by_source.values():
        for stance in stances:
            counts[stance] = counts.get(stance, 0) + 1
    cells: tuple[CoverageCell, ...] = ()
    if len(order) <= CELLS_UP_TO:
        cells = tuple(
            CoverageCell(
                article_id,
                names.get(article_id, article_id),
                next((s for s in _STRENGTH if s in by_source.get(article_id, ())), "silent"),
                tuple(by_source.get(article_id, ())),
            )
            for article_id in order
        )
    return Coverage(cells, counts, len(order), len(by_source))


class RelationPages:
    """The page id of each relation, found from the relation record or from its graph edge ('r12')."""

    def __init__(self, relations: Sequence[Relation]) -> None:
        self.ids = relation_ids((relation.subject, relation.type, relation.object) for relation in relations)
        self.relations = list(relations)
        self._by_object = {id(relation): page_id for relation, page_id in zip(relations, self.ids, strict=True)}

    def of(self, relation: Relation) -> str:
        return self._by_object[id(relation)]

    def of_edge(self, edge_key: str) -> str:
        """The page of the graph edge ``r<n>`` (the n-th relation of actors.yaml)."""
        return self.ids[int(edge_key[1:]) - 1]

    def items(self) -> list[tuple[str, Relation]]:
        return list(zip(self.ids, self.relations, strict=True))


#: The periods the graph can be filtered by: (key, label, first year, last year); None is open.
ERAS: tuple[tuple[str, str, int | None, int | None], ...] = (
    ("before-2000", "before 2000", None, 1999),
    ("2000-2022", "2000 to 2022", 2000, 2022),
    ("from-2023", "2023 on (the war after 7 October)", 2023, None),
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(s?)\b")
_OPEN_END = re.compile(r"\b(since|from|after|over the past)\b", re.IGNORECASE)
_OPEN_START = re.compile(r"\b(until|before)\b", re.IGNORECASE)


def eras(period: str) -> tuple[str, ...]:
    """The eras of :data:`ERAS` a relation's stated period overlaps, read from the years it names
    ('since the early 1990s' runs on to now; 'until January 2020' from any time before; '1980s' is a
    decade). A period that names no year (or no period) is 'unstated'."""
    years = [(int(year), 9 if decade else 0) for year, decade in _YEAR.findall(period or "")]
    if not years:
        return ("unstated",)
    start = min(year for year, _ in years)
    end = max(year + extra for year, extra in years)
    if _OPEN_END.search(period) and not _OPEN_START.search(period):
        end = 9999
    if _OPEN_START.search(period) and not _OPEN_END.search(period):
        start = 0
    return tuple(key for key, _label, first, last in ERAS if (last is None or start <= last) and (first is None or end >= first))
