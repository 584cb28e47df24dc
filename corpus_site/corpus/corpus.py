"""The resolved corpus: validated records, anchored quotes, lookups and backlinks.

Everything later stages need is computed here once; pages, graph and exports only read it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from corpus_site.corpus.anchor import SeedText, fold
from corpus_site.corpus.versions import ClaimSnapshot
from corpus_site.records.model import STANCES, Actor, Claim, Correction, Event, Evidence, Question, Relation, Source

#: Outlets that are no name: such an article is known by the first words of its title.
_NO_OUTLET = re.compile(r"^(unnamed|unknown|no outlet)\b", re.IGNORECASE)
_TITLE_END = re.compile(r"[:(\u2014\u2013]| - ")  # a colon, a bracket or a dash ends a short title
_SHORT_TITLE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Article:
    """A source record with its text."""

    source: Source
    seed: SeedText
    non_article_lines: frozenset[int]
    """1-based line numbers that are not article text."""

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def text(self) -> str:
        return self.seed.text

    @property
    def lines(self) -> list[str]:
        return self.seed.text.split("\n")

    @property
    def short_name(self) -> str:
        """What the site calls the article in lists: its outlet, or, when the text names none, the
        first words of its title."""
        outlet = self.source.outlet.strip()
        if outlet and not self.source.outlet_is_descriptive and not _NO_OUTLET.match(outlet):
            return outlet
        title = _TITLE_END.split(self.source.title, maxsplit=1)[0].strip()
        words = title.split()
        return " ".join(words[:_SHORT_TITLE_WORDS]) + ("\u2026" if len(words) > _SHORT_TITLE_WORDS else "")

    def article_line_numbers(self) -> list[int]:
        """Lines that hold article text (not blank, not listed as non-article)."""
        return [number for number, line in enumerate(self.lines, 1) if line.strip() and number not in self.non_article_lines]


@dataclass(frozen=True, slots=True)
class Quote:
    """One evidence item with its place in the article."""

    claim_id: str
    index: int
    """Position of this evidence item in the claim's list."""
    evidence: Evidence
    start: int
    end: int
    text: str
    """The exact seed substring ``seed_text[start:end]``."""
    line: int
    """1-based line where the quote starts."""

    @property
    def anchor_id(self) -> str:
        """Fragment id of the highlighted span in the source reader: from what the quote is (its
        claim and its place in the article), so reordering a claim's evidence moves no anchor."""
        return f"q-{self.claim_id}-{self.start}-{self.end}"


#: Up to this many articles, claim pages, the agreement matrix, the blind-spots table and the claims
#: export list every article that is silent on a claim; beyond it (that would cost claims x articles)
#: they list the articles that speak and count the others.
LIST_SILENT_UP_TO = 20

#: How the agreement summary of a claim is computed from the stances, in order; first match wins.
AGREEMENT_RULES: tuple[tuple[str, str], ...] = (
    ("contested", "at least one article disputes it and at least one supports or qualifies it"),
    ("disputed", "articles dispute it and none supports or qualifies it"),
    ("corroborated", "two or more articles support it and none disputes it"),
    ("qualified", "at least one article qualifies it, none disputes it, fewer than two support it"),
    ("single-source", "exactly one article supports it and no other takes a position"),
    ("mentioned", "articles raise it without taking a position"),
)


@dataclass(frozen=True, slots=True)
class ClaimView:
    claim: Claim
    quotes: tuple[Quote, ...]

    @property
    def id(self) -> str:
        return self.claim.id

    def stances_by_source(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = defaultdict(list)
        for quote in self.quotes:
            if quote.evidence.stance not in result[quote.evidence.source]:
                result[quote.evidence.source].append(quote.evidence.stance)
        return {source: sorted(stances, key=STANCES.index) for source, stances in result.items()}

    @property
    def agreement(self) -> str:
        return agreement_of(self.stances_by_source())

    @property
    def source_ids(self) -> list[str]:
        return list(self.stances_by_source())


def agreement_of(stances_by_source: Mapping[str, list[str]]) -> str:
    supporting = {source for source, stances in stances_by_source.items() if "supports" in stances}
    qualifying = {source for source, stances in stances_by_source.items() if "qualifies" in stances}
    disputing = {source for source, stances in stances_by_source.items() if "disputes" in stances}
    if disputing and (supporting | qualifying):
        return "contested"
    if disputing:
        return "disputed"
    if len(supporting) >= 2:
        return "corroborated"
    if qualifying:
        return "qualified"
    if len(supporting) == 1:
        return "single-source"
    return "mentioned"


@dataclass(frozen=True)
class RelationEvidence:
    """What the articles do with the claims a relation rests on, computed from their stances."""

    status: str
    """supported (no article disputes a cited claim), contested (some articles dispute, others
    support or qualify), disputed (articles only dispute), or mentioned (no article takes a side)."""
    supporting: tuple[str, ...]
    """Articles that support or qualify a cited claim."""
    disputing: tuple[str, ...]
    """Articles that dispute a cited claim."""

    @property
    def summary(self) -> str:
        """The count behind the status, in words: '2 articles support or qualify, 1 disputes'."""
        parts = []
        if self.supporting:
            one = len(self.supporting) == 1
            parts.append(f"{len(self.supporting)} article{'' if one else 's'} support{'s' if one else ''} or qualif{'ies' if one else 'y'}")
        if self.disputing:
            parts.append(f"{len(self.disputing)} dispute{'s' if len(self.disputing) == 1 else ''}")
        return ", ".join(parts) or "no article takes a side"


@dataclass(frozen=True)
class Version:
    """Which version of a record is current: its number and the dates of its first and latest."""

    number: int
    """1 for the record as first published; each later day with corrections adds one."""
    first: str
    """When it was first published (YYYY-MM-DD), or "" when the corpus does not say."""
    date: str
    """When this version was published: the day of its latest correction, else ``first``."""
    corrections: tuple[Correction, ...]
    """Its corrections, oldest first."""


@dataclass
class Corpus:
    root: Path
    articles: dict[str, Article] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    events: dict[str, Event] = field(default_factory=dict)
    claims: dict[str, ClaimView] = field(default_factory=dict)
    """Current claims: what every view, count and analysis is made of."""
    retired_claims: dict[str, ClaimView] = field(default_factory=dict)
    """Claims withdrawn (split, merged, misread): their pages stay, as they were, and say so."""
    questions: dict[str, Question] = field(default_factory=dict)
    corrections: list[Correction] = field(default_factory=list)
    """The public corrections log, oldest first."""
    published_versions: dict[str, dict[int, ClaimSnapshot]] = field(default_factory=dict)
    """claim id -> version number -> the claim as that version was published."""
    published: str = ""
    """When the records were first published (corrections.yaml), or "" when it does not say."""

    # backlinks, filled by `_index`
    claims_by_actor: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    claims_by_event: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    events_by_actor: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    relations_by_actor: dict[str, list[Relation]] = field(default_factory=lambda: defaultdict(list))
    relations_by_claim: dict[str, list[Relation]] = field(default_factory=lambda: defaultdict(list))
    quotes_by_speaker: dict[str, list[Quote]] = field(default_factory=lambda: defaultdict(list))
    quotes_by_source: dict[str, list[Quote]] = field(default_factory=lambda: defaultdict(list))
    members_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    corrections_by_record: dict[str, list[Correction]] = field(default_factory=lambda: defaultdict(list))
    tags: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """tag -> {"claims": [...], "actors": [...], "events": [...]}, tags sorted."""
    articles_naming: dict[str, list[str]] = field(default_factory=dict)
    """actor id -> ids of the articles whose text contains the actor's name or an alias."""
    legacy_anchors: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    """article id -> quote anchors published before anchors came from the quote (quote-anchors.txt),
    each with the offset it leads to."""
    _article_order: dict[str, int] = field(default_factory=dict, repr=False)

    def _index(self, naming: dict[str, list[str]] | None = None) -> None:
        for correction in self.corrections:
            self.corrections_by_record[correction.record].append(correction)
        for claim in self.claims.values():
            for actor_id in claim.claim.actors:
                self.claims_by_actor[actor_id].append(claim.id)
            for event_id in claim.claim.events:
                self.claims_by_event[event_id].append(claim.id)
            for quote in claim.quotes:
                self.quotes_by_source[quote.evidence.source].append(quote)
                for speaker in quote.evidence.speakers:
                    self.quotes_by_speaker[speaker].append(quote)
        for event in self.events.values():
            for participant in event.actors:
                if event.id not in self.events_by_actor[participant.actor]:
                    self.events_by_actor[participant.actor].append(event.id)
        for relation in self.relations:
            self.relations_by_actor[relation.subject].append(relation)
            self.relations_by_actor[relation.object].append(relation)
            for claim_id in relation.claims:
                self.relations_by_claim[claim_id].append(relation)
        for actor in self.actors.values():
            for affiliation in actor.affiliations:
                self.members_of[affiliation.actor].append(actor.id)
        for quotes in self.quotes_by_source.values():
            quotes.sort(key=lambda quote: (quote.start, -quote.end))
        tags: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"claims": [], "actors": [], "events": []})
        for claim in self.claims.values():
            for tag in claim.claim.tags:
                tags[tag]["claims"].append(claim.id)
        for actor in self.actors.values():
            for tag in actor.tags:
                tags[tag]["actors"].append(actor.id)
        for event in self.events.values():
            for tag in event.tags:
                tags[tag]["events"].append(event.id)
        self.tags = dict(sorted(tags.items()))
        self.articles_naming = naming if naming is not None else articles_naming(self.actors.values(), self.articles.values())

    def plain_anchors(self, article_id: str) -> list[tuple[str, int]]:
        """Anchors into an article that mark no highlight, each with its offset: those published
        before anchors came from the quote, and the quotes of retired claims (their pages link here)."""
        retired = [
            (quote.anchor_id, quote.start)
            for view in self.retired_claims.values()
            for quote in view.quotes
            if quote.evidence.source == article_id
        ]
        return [*self.legacy_anchors.get(article_id, []), *retired]

    def relation_evidence(self, relation: Relation) -> RelationEvidence:
        """Whether the articles back the claims a relation cites, or dispute them: computed from
        the stances, never set by hand, so a relation follows its evidence."""
        supporting: list[str] = []
        disputing: list[str] = []
        for claim_id in relation.claims:
            view = self.claims.get(claim_id)
            for source_id, stances in (view.stances_by_source() if view else {}).items():
                if ("supports" in stances or "qualifies" in stances) and source_id not in supporting:
                    supporting.append(source_id)
                if "disputes" in stances and source_id not in disputing:
                    disputing.append(source_id)
        order = self.article_order()
        supporting.sort(key=order.__getitem__)
        disputing.sort(key=order.__getitem__)
        against = ("contested" if supporting else "disputed") if disputing else None
        status = against or ("supported" if supporting else "mentioned")
        return RelationEvidence(status, tuple(supporting), tuple(disputing))

    def claim(self, claim_id: str) -> ClaimView | None:
        """A claim, current or retired."""
        return self.claims.get(claim_id) or self.retired_claims.get(claim_id)

    def all_claims(self) -> list[ClaimView]:
        """Current claims, then retired ones: every claim that has a page."""
        return [*self.claims.values(), *self.retired_claims.values()]

    def version(self, record_id: str) -> Version:
        """The current version of a record, from the corrections log."""
        corrections = tuple(self.corrections_by_record.get(record_id, ()))
        added = [correction.date for correction in corrections if correction.kind == "added"]
        first = added[0] if added else self.published
        later = sorted({correction.date for correction in corrections if correction.kind != "added" and correction.date > first})
        return Version(1 + len(later), first, later[-1] if later else first, corrections)

    def earlier_versions(self, claim_id: str) -> list[ClaimSnapshot]:
        """The published versions of a claim before its current one, newest first."""
        current = self.version(claim_id).number
        published = self.published_versions.get(claim_id, {})
        return [published[number] for number in sorted(published, reverse=True) if number < current]

    def article_order(self) -> dict[str, int]:
        """Article id -> its position in seeds/sources.yaml (for sorting without scanning the list)."""
        if len(self._article_order) != len(self.articles):
            self._article_order = {article_id: index for index, article_id in enumerate(self.articles)}
        return self._article_order

    def related_claims(self, claim_id: str, limit: int = 6) -> list[str]:
        """Claims sharing events, actors or tags with this one, rarest links weighing most.

        Candidates come only from the smallest postings, so the cost per claim stays bounded as the
        corpus grows (a link shared by most claims says little anyway)."""
        claim = self.claims[claim_id].claim
        postings: list[tuple[str, list[str], float]] = []
        for event_id in claim.events:
            postings.append(("event", self.claims_by_event.get(event_id, []), 3.0))
        for actor_id in claim.actors:
            postings.append(("actor", self.claims_by_actor.get(actor_id, []), 1.0))
        for tag in claim.tags:
            postings.append(("tag", self.tags.get(tag, {}).get("claims", []), 1.0))
        scores: dict[str, float] = defaultdict(float)
        budget = 400
        for _kind, members, weight in sorted(postings, key=lambda posting: len(posting[1])):
            if len(members) > budget:
                break
            budget -= len(members)
            rarity = 1.0 / (1.0 + len(members) / 20)
            for other in members:
                if other != claim_id:
                    scores[other] += weight * rarity
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [other for other, score in ranked[:limit] if score >= 0.9]

    def coverage(self) -> dict[str, float]:
        """Per article: the share of article characters (non-article lines excluded, white space not
        counted) that lie inside at least one evidence quote."""
        shares = {}
        for article in self.articles.values():
            covered = bytearray(len(article.text))
            for quote in self.quotes_by_source.get(article.id, []):
                covered[quote.start : quote.end] = b"\x01" * (quote.end - quote.start)
            total = inside = 0
            offset = 0
            for number, line in enumerate(article.lines, 1):
                if number not in article.non_article_lines:
                    for index, char in enumerate(line, offset):
                        if not char.isspace():
                            total += 1
                            inside += covered[index]
                offset += len(line) + 1
            shares[article.id] = inside / total if total else 0.0
        return shares

    def uncovered_lines(self) -> dict[str, list[int]]:
        """Per article: article-text lines that no evidence quote touches."""
        result = {}
        for article in self.articles.values():
            touched: set[int] = set()
            for quote in self.quotes_by_source.get(article.id, []):
                first = article.seed.line_of(quote.start)
                last = article.seed.line_of(max(quote.start, quote.end - 1))
                touched.update(range(first, last + 1))
            result[article.id] = [number for number in article.article_line_numbers() if number not in touched]
        return result

    def multi_source_claims(self) -> int:
        return sum(1 for view in self.claims.values() if len(view.source_ids) >= 2)

    def counts(self) -> dict[str, int]:
        return {
            "sources": len(self.articles),
            "actors": len(self.actors),
            "relations": len(self.relations),
            "events": len(self.events),
            "claims": len(self.claims),
            "quotes": sum(len(claim.quotes) for claim in self.claims.values()),
        }


_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def articles_naming(actors: Iterable[Actor], articles: Iterable[Article]) -> dict[str, list[str]]:
    """Actor id -> ids of the articles whose folded text contains the actor's name or an alias of 3+
    characters as whole words (not preceded or followed by a letter or digit), in article order.

    One pass over each article's words, not one search per name and article: a name that starts with
    a word character can only match where a word of the text starts, and that word and the next are
    then the name's first two words, so names are looked up by those two words."""
    by_words: dict[tuple[str, str | None], list[tuple[str, str]]] = defaultdict(list)
    irregular: list[tuple[str, str]] = []
    found: dict[str, list[str]] = {}
    for actor in actors:
        found[actor.id] = []
        for name in (actor.name, *actor.aliases):
            if len(name) < 3:
                continue
            folded = fold(name)
            words = _WORD.findall(folded)
            if not words or not _WORD.match(folded):
                irregular.append((folded, actor.id))
            else:
                # (first word, second word); a one-word name with nothing after it has second word None,
                # one followed by punctuation only ('Hamas.') has ''
                second = words[1] if len(words) > 1 else (None if folded == words[0] else "")
                by_words[(words[0], second)].append((folded, actor.id))
    for article in articles:
        text = article.seed.folded_text
        runs = [(match.start(), match.group()) for match in _WORD.finditer(text)]
        named: set[str] = set()
        for number, (start, word) in enumerate(runs):
            following = runs[number + 1][1] if number + 1 < len(runs) else ""
            for key in ((word, None), (word, following), (word, "")):
                for folded, actor_id in by_words.get(key, ()):
                    if actor_id not in named and text.startswith(folded, start) and not _WORD_CHAR.match(text, start + len(folded)):
                        named.add(actor_id)
        for folded, actor_id in irregular:
            if actor_id not in named and re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", text):
                named.add(actor_id)
        for actor_id in named:
            found[actor_id].append(article.id)
    return found
