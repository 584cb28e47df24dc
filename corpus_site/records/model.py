"""The records as frozen, typed models. Unknown fields are rejected; every field says what it is.

These models describe what an editor writes. Computed facts (quote offsets, backlinks, agreement)
live in :mod:`corpus_site.corpus`, never here.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

Stance = Literal["supports", "qualifies", "disputes", "mentions"]
STANCES: tuple[str, ...] = ("supports", "qualifies", "disputes", "mentions")
Precision = Literal["year", "month", "day", "approximate"]
SourceKind = Literal["news-report", "analysis", "explainer", "compilation"]
ActorKind = Literal[
    "person",
    "state",
    "state-body",
    "armed-group",
    "political-movement",
    "alliance",
    "think-tank",
    "media",
    "international-body",
    "organisation",
    "group-of-people",
]
RelationType = Literal[
    "funds",
    "arms",
    "trains",
    "supports",
    "directs",
    "leads",
    "member-of",
    "works-for",
    "allied-with",
    "coordinates-with",
    "opposes",
    "attacked",
    "hosts",
    "rivals",
]
NonArticleKind = Literal[
    "link-list",
    "photo-caption",
    "photo-credit",
    "advertisement",
    "boilerplate",
    "table-of-contents",
    "credits",
    "heading",
]


def _year_to_text(value: object) -> object:
    # YAML reads an unquoted `2023` as an int; a year is a valid date here.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check_date(value: str) -> str:
    match = DATE_PATTERN.match(value)
    if not match:
        raise ValueError("date must be YYYY, YYYY-MM or YYYY-MM-DD")
    import datetime

    year, month, day = match.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{value} is not a calendar date ({exc})") from None
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=120)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
IsoDate = Annotated[str, BeforeValidator(_year_to_text), AfterValidator(_check_date)]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True, strict=False)


class NonArticleLines(Record):
    """A run of lines in a seed file that is not article text (link lists, captions, credits)."""

    first: int = Field(ge=1)
    """First line of the run, 1-based."""
    last: int = Field(ge=1)
    """Last line of the run, 1-based, inclusive."""
    kind: NonArticleKind
    """What these lines are."""
    note: str = ""
    """Optional detail."""


Grade = Literal["A", "B", "C", "D", "E", "F"]
Rating = Literal["consistent", "inconsistent", "neutral"]


class Reliability(Record):
    """The Admiralty (NATO) source-reliability grade of an article, with the reasons for it."""

    grade: Grade
    """A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable,
    F reliability cannot be judged."""
    rationale: Text
    """Why, from the text: named versus anonymous sourcing, primary reporting versus compilation,
    evident errors."""


class Person(Record):
    """A person credited by an article, as citations need the name: family name and given names."""

    family: Text
    """Family name, as the text spells it."""
    given: str = ""
    """Given names, as the text spells them."""


class Source(Record):
    """One article of the corpus: metadata about a seed file."""

    id: Id
    """Short readable slug; the source page lives at ``sources/<id>/``."""
    seed_file: Text
    """File name inside ``seeds/``; its bytes are never edited."""
    title: Text
    """Headline as the text gives it, or a descriptive title (see ``title_is_descriptive``)."""
    title_is_descriptive: bool = False
    """True when the article has no headline of its own and the title was written by the editors."""
    outlet: Text
    """The outlet as the text names it (or a description of it, see ``outlet_is_descriptive``)."""
    outlet_is_descriptive: bool = False
    """True when the text names no outlet and ``outlet`` describes it; citations then name none."""
    byline: str = ""
    """Authors and reporters as the text credits them, as shown on the article's page."""
    authors: list[Person] = []
    """The authors a citation names, in the text's order; only people the text credits as writing or
    reporting the article (not contributors or editors)."""
    published: IsoDate
    """Publication date, ISO (YYYY, YYYY-MM or YYYY-MM-DD)."""
    date_precision: Precision
    """How precisely ``published`` is known."""
    date_basis: Text
    """How the date was derived from the text."""
    kind: SourceKind
    """What sort of article this is."""
    derived_from: list[str] = []
    """Other sources (ids) this article repeats or compiles from."""
    url: str = ""
    """Original address, when known."""
    non_article: list[NonArticleLines] = []
    """Lines that are not article text; they are shown muted and need no evidence."""
    notes: str = ""
    """Anything a reader should know about this copy of the article."""
    reliability: Reliability | None = None
    """Admiralty source-reliability grade (A-F) and its rationale."""


class Affiliation(Record):
    """An actor's place in another actor (leader of, member of, spokesperson for)."""

    actor: Id
    """The organisation or state (actor id)."""
    role: Text
    """The role, in a few words."""


class Actor(Record):
    """A person, organisation, state or group named by the articles."""

    id: Id
    """Permanent slug; the actor page lives at ``actors/<id>/``."""
    name: Text
    """The most common name in the articles."""
    kind: ActorKind
    """What sort of actor this is."""
    aliases: list[Text] = []
    """Every other spelling, title or abbreviation the articles use."""
    description: str = ""
    """A short neutral description drawn from the articles."""
    affiliations: list[Affiliation] = []
    """Organisations the actor leads, belongs to or speaks for."""
    tags: list[Id] = []
    """Free tags (slugs)."""


class Relation(Record):
    """A directed, typed, sourced link between two actors: "subject type object"."""

    subject: Id
    """Actor id the sentence starts with."""
    type: RelationType
    """The relation, read as a verb."""
    object: Id
    """Actor id the sentence ends with."""
    period: str = ""
    """When the relation holds, as the articles say."""
    claims: list[Id] = Field(min_length=1)
    """Claims that evidence this relation (at least one)."""
    note: str = ""
    """Optional detail."""


class EventActor(Record):
    """An actor's part in an event."""

    actor: Id
    """Actor id."""
    role: Text
    """Part played, in a few words."""


class Event(Record):
    """A dated happening."""

    id: Id
    """Permanent slug; the event page lives at ``events/<id>/``."""
    title: Text
    """Short neutral title."""
    date: IsoDate
    """ISO date: YYYY, YYYY-MM or YYYY-MM-DD."""
    date_precision: Precision
    """How precisely the date is known."""
    date_note: str = ""
    """How the date was derived (e.g. a relative date resolved from the article's date)."""
    location: str = ""
    """Where it happened."""
    actors: list[EventActor] = []
    """Who took part, and how."""
    summary: str = ""
    """A neutral one- or two-sentence summary."""
    tags: list[Id] = []
    """Free tags (slugs)."""


class Evidence(Record):
    """What one article says about one claim: a verbatim quote and the article's stance."""

    source: Id
    """Source id of the article quoted."""
    quote: Text
    """Words copied from the article; located at build time, never by hand."""
    stance: Stance
    """supports, qualifies, disputes or mentions."""
    speakers: list[Id] = []
    """Actors whose words or view the article reports ("Khamenei and Raisi have praised ..." names
    two); empty for the article's own voice."""
    attribution: str = ""
    """How the article attributes the words ("a Hamas official told Portal")."""
    occurrence: int | None = Field(default=None, ge=1)
    """Which occurrence of the quote is meant, 1-based, when it appears more than once."""
    note: str = ""
    """Optional editor's note."""

    @property
    def speaker(self) -> str | None:
        """The first speaker, or None: what readers of the one-speaker export expect."""
        return self.speakers[0] if self.speakers else None


class Retirement(Record):
    """Why a claim is no longer current. Its page stays (its URL was published) and says so."""

    reason: Text
    """Why it was retired (split into several propositions, merged into another claim, found to
    misread the articles, ...)."""
    successors: list[Id] = []
    """The claims that replace it, if any (several when it was split)."""


class Claim(Record):
    """One neutral proposition with the evidence of the articles that speak to it."""

    id: Id
    """Permanent hand-chosen slug; the claim page lives at ``claims/<id>/``."""
    statement: Text
    """The proposition, neutrally worded."""
    tags: list[Id] = []
    """Free tags (slugs)."""
    actors: list[Id] = []
    """Actors the claim is about."""
    events: list[Id] = []
    """Events the claim evidences."""
    evidence: list[Evidence] = Field(min_length=1)
    """Quotes from the articles, one per passage."""
    retired: Retirement | None = None
    """Set when the claim is withdrawn; its page stays and points to its successors."""


class Hypothesis(Record):
    """One possible answer to a key question."""

    id: Id
    """Slug, unique within its question."""
    text: Text
    """The hypothesis, neutrally worded."""


class QuestionEvidence(Record):
    """A claim used as evidence on a key question, rated against every hypothesis."""

    claim: Id
    """The claim (its evidence is the articles' quotes)."""
    source: Id | None = None
    """Rate the claim as this one article reports it (when articles give different versions of it,
    such as different figures, each version is its own row)."""
    ratings: dict[str, Rating]
    """Hypothesis id -> consistent, inconsistent or neutral."""
    note: str = ""
    """Why the ratings are what they are."""


class Question(Record):
    """A question the articles argue about, with competing hypotheses (Heuer's ACH)."""

    id: Id
    """Permanent slug; the page lives at ``questions/<id>/``."""
    question: Text
    """The question, neutrally worded."""
    summary: str = ""
    """What the articles argue about, in a sentence or two."""
    hypotheses: list[Hypothesis] = Field(min_length=2, max_length=4)
    """Two to four competing answers."""
    evidence: list[QuestionEvidence] = Field(min_length=1)
    """Claims rated against every hypothesis."""


CorrectionKind = Literal["added", "changed", "retired"]


class Correction(Record):
    """One dated change to a published record, in the public corrections log."""

    date: IsoDate
    """The day of the change, YYYY-MM-DD."""
    record: Id
    """The id of the claim (or actor, event, source, question) that changed."""
    kind: CorrectionKind = "changed"
    """added (first published on this date), changed, or retired."""
    changes: list[Text] = Field(min_length=1)
    """What changed, one line per change, in words a reader of the record understands."""
    reason: Text
    """Why it changed."""


class CorrectionsFile(Record):
    """``corrections.yaml``."""

    published: IsoDate
    """When the records were first published: a record's first version dates from here, unless a
    correction of kind 'added' dates it later."""
    corrections: list[Correction] = []
    """Every change to a published record, oldest first."""


class QuestionsFile(Record):
    """``questions.yaml``."""

    questions: list[Question]
    """Key questions with competing hypotheses."""


class SourcesFile(Record):
    """``seeds/sources.yaml``."""

    sources: list[Source]
    """One record per article."""


class ActorsFile(Record):
    """``actors.yaml``."""

    actors: list[Actor]
    """People, organisations, states, groups."""
    relations: list[Relation] = []
    """Sourced relations between actors."""


class EventsFile(Record):
    """``events.yaml``."""

    events: list[Event]
    """Dated happenings."""


class ClaimsFile(Record):
    """``claims.yaml``."""

    claims: list[Claim]
    """Propositions with evidence."""
