"""A synthetic corpus N times the real one, for benchmarks: ``build_site.py synth --scale N --out DIR``.

The corpus is made of N *theatres*. Each theatre has as many articles, actors, relations, events,
claims and key questions as the real corpus, with the same mixes (stances, quotes per claim,
articles per claim, speakers, actor kinds, relation types, date precisions, aliases, tags); a few
claims, relations and evidence items reach into neighbouring theatres, so that at scale the
relations form one large connected graph, as they would in a growing corpus.

Article texts are written from sentence templates first, and every evidence quote is then taken as
an exact substring of its article (a whole sentence, or one clause of a sentence that two claims
share), each carrying a detail no other sentence of the article has, so that every quote anchors once.
Everything comes from one seeded :class:`random.Random`: the same scale and seed give the same bytes.
The result passes ``check --strict`` with no error and no warning.

The generator is one class of some 500 lines: its steps share one random state and the records made
so far, and each step is a method of under 45 lines; splitting the state across objects would only
add indirection.
"""

from __future__ import annotations

import json
import random
import shutil
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus_site.devtools.synth_vocabulary import (
    _CODAS,
    _ONSETS,
    _VOWELS,
    ACTOR_KINDS,
    ACTORS,
    ACTORS_PER_CLAIM,
    ACTORS_PER_EVENT,
    AFFILIATIONS_PER_ACTOR,
    ALIASES_PER_ACTOR,
    ARTICLE_KINDS,
    ARTICLE_WEIGHTS,
    ARTICLES,
    ARTICLES_PER_CLAIM,
    ATTRIBUTIONS,
    CLAIM_DETAILS,
    CLAIMS,
    CLAIMS_PER_RELATION,
    CROSS_THEATRE,
    EVENT_PRECISION,
    EVENT_TITLES,
    EVENTS,
    EVENTS_PER_CLAIM,
    FILLERS,
    FRAMES,
    GLOBAL_TAGS,
    HYPOTHESES,
    KIND_NAMES,
    MARKER,
    OUTLET_FORMS,
    PERIOD_SHARE,
    PREDICATES,
    QUESTIONS,
    QUOTES_PER_CLAIM,
    RELATION_TYPES,
    RELATIONS,
    ROLES,
    SAY_VERBS,
    SEED,
    SOURCE_TITLES,
    SPEAKER_SHARE,
    STANCE_MIX,
    TAGS_PER_ACTOR,
    TAGS_PER_CLAIM,
    TAGS_PER_EVENT,
    TAGS_PER_THEATRE,
    TAILS,
    TOPIC_WORDS,
    UNITS,
    _deck,
    _slug,
    _weighted,
)


class _Names:
    """Pronounceable proper nouns; the names and aliases of actors are never repeated (case-folded)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def word(self, syllables: int | None = None) -> str:
        """A capitalised word; words repeat now and then, full names never do (see :meth:`claim`)."""
        rng = self.rng
        count = syllables or rng.choice((2, 2, 3))
        return ("".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(count)) + rng.choice(_CODAS)).capitalize()

    def claim(self, name: str) -> bool:
        """Reserve a full name; False when it is taken."""
        if name.casefold() in self.used:
            return False
        self.used.add(name.casefold())
        return True


@dataclass
class _Actor:
    id: str
    name: str
    kind: str
    theatre: int
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    affiliations: list[tuple[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class _Item:
    """One evidence item: a claim's quote from an article."""

    claim: int
    article: int
    stance: str
    speaker: int | None
    attribution: str = ""
    quote: str = ""


@dataclass
class _Claim:
    id: str
    theatre: int
    subject: int
    object: int
    predicate: str
    detail: str
    actors: list[int]
    events: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)

    def statement(self, actors: Sequence[_Actor]) -> str:
        verb = PREDICATES[self.predicate][0]
        return f"{actors[self.subject].name} {verb} {actors[self.object].name} {self.detail}."


@dataclass
class _Event:
    id: str
    theatre: int
    title: str
    date: str
    precision: str
    location: str
    actors: list[tuple[int, str]]
    tags: list[str]
    summary: str


@dataclass
class _Article:
    id: str
    theatre: int
    seed_file: str
    title: str
    outlet: str
    published: str
    kind: str
    derived_from: list[str]
    grade: str
    text: str = ""
    non_article: list[tuple[int, int, str]] = field(default_factory=list)


class _Generator:
    def __init__(self, scale: int, seed: int) -> None:
        self.scale = scale
        self.rng = random.Random(f"corpus-synth-{seed}")
        self.names = _Names(self.rng)
        self.ids: set[str] = set()
        self.actors: list[_Actor] = []
        self.articles: list[_Article] = []
        self.events: list[_Event] = []
        self.claims: list[_Claim] = []
        self.relations: list[dict[str, Any]] = []
        self.questions: list[dict[str, Any]] = []
        self.theatre_actors: list[list[int]] = []
        self.theatre_tags: list[list[str]] = []

    def unique_id(self, base: str) -> str:
        base = _slug(base)[:80].strip("-") or "record"
        candidate, number = base, 2
        while candidate in self.ids:
            candidate, number = f"{base}-{number}", number + 1
        self.ids.add(candidate)
        return candidate

    # -- records --------------------------------------------------------------------------------------

    def generate(self) -> None:
        for theatre in range(self.scale):
            self._theatre_actors(theatre)
        for theatre in range(self.scale):
            self._theatre_tags(theatre)
            self._theatre_articles(theatre)
            self._theatre_events(theatre)
            self._theatre_claims(theatre)
        for theatre in range(self.scale):
            self._theatre_relations(theatre)
            self._theatre_questions(theatre)
        self._use_everything()
        for article in self.articles:
            self._write_article(article)

    def _pick_actor(self, theatre: int, *, kinds: Sequence[str] = ()) -> int:
        """An actor of the theatre, or now and then of another one; the first dozen (states, bodies)
        are picked most often, as the articles name a few actors far more than the rest."""
        rng = self.rng
        if self.scale > 1 and rng.random() < CROSS_THEATRE:
            theatre = rng.randrange(self.scale)
        pool = self.theatre_actors[theatre]
        if kinds:
            fitting = [index for index in pool if self.actors[index].kind in kinds]
            pool = fitting or pool
        return pool[min(int(rng.paretovariate(1.1)) - 1, len(pool) - 1)] if rng.random() < 0.5 else rng.choice(pool)

    def _theatre_actors(self, theatre: int) -> None:
        rng = self.rng
        kinds = [kind for kind, count in ACTOR_KINDS.items() for _ in range(count)]
        # states first: other names are built on them
        kinds.sort(key=lambda kind: kind != "state")
        members: list[int] = []
        states: list[str] = []
        aliases = _deck(rng, ALIASES_PER_ACTOR, ACTORS)
        affiliations = _deck(rng, AFFILIATIONS_PER_ACTOR, ACTORS)
        for kind in kinds[:ACTORS]:
            name = self._actor_name(kind, states)
            if kind == "state":
                states.append(name)
            actor = _Actor(self.unique_id(name), name, kind, theatre)
            actor.aliases = self._aliases(actor, aliases[len(members)])
            members.append(len(self.actors))
            self.actors.append(actor)
        self.theatre_actors.append(members)
        organisations = [index for index in members if self.actors[index].kind not in ("person", "group-of-people")]
        for number, index in enumerate(members):
            actor = self.actors[index]
            for _ in range(affiliations[number]):
                target = rng.choice(organisations)
                if target != index and all(target_id != self.actors[target].id for target_id, _ in actor.affiliations):
                    actor.affiliations.append((self.actors[target].id, rng.choice(ROLES)))
            actor.description = (
                f"{actor.kind.replace('-', ' ').capitalize()} named in the articles of theatre {theatre + 1}; "
                f"{'also written ' + ', '.join(actor.aliases[:2]) if actor.aliases else 'known by one name'} (synthetic record)."
            )

    def _actor_name(self, kind: str, states: list[str]) -> str:
        rng, names = self.rng, self.names
        while True:
            if kind == "person":
                name = f"{names.word(2)} {names.word()}"
            elif kind == "state":
                name = names.word() + rng.choice(("ia", "an", "istan", "a", "ar"))
            else:
                form = rng.choice(KIND_NAMES[kind])
                name = form.format(s=rng.choice(states) if states else names.word(), p=names.word())
            if names.claim(name):
                return name

    def _aliases(self, actor: _Actor, count: int) -> list[str]:
        words = actor.name.split()
        candidates = []
        if len(words) > 1:
            candidates.append("".join(word[0] for word in words if word[0].isupper()))
            candidates.append(words[-1] if actor.kind == "person" else " ".join(words[:2]))
        candidates.append(f"the {actor.name}")
        while len(candidates) < count + 2:
            candidates.append(self.names.word())
        aliases: list[str] = []
        for candidate in candidates:
            if len(aliases) >= count:
                break
            if len(candidate) >= 2 and candidate != actor.name and self.names.claim(candidate):
                aliases.append(candidate)
        return aliases

    def _theatre_tags(self, theatre: int) -> None:
        local = [f"{word}-{theatre + 1}" if self.scale > 1 else word for word in self.rng.sample(TOPIC_WORDS, TAGS_PER_THEATRE)]
        self.theatre_tags.append(local)
        counts = _deck(self.rng, TAGS_PER_ACTOR, ACTORS)
        for number, index in enumerate(self.theatre_actors[theatre]):
            self.actors[index].tags = self._tags(theatre, counts[number])

    def _tags(self, theatre: int, count: int) -> list[str]:
        pool = list(GLOBAL_TAGS) + self.theatre_tags[theatre]
        return sorted(self.rng.sample(pool, count))

    def _date(self, precision: str, low: int = 1979, high: int = 2025) -> str:
        rng = self.rng
        year = rng.randint(low, high)
        form = precision if precision != "approximate" else rng.choice(("year", "month", "month", "day"))
        if form == "year":
            return str(year)
        if form == "month":
            return f"{year}-{rng.randint(1, 12):02d}"
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    def _theatre_articles(self, theatre: int) -> None:
        rng = self.rng
        first = len(self.articles)
        for number in range(ARTICLES):
            while True:
                outlet = rng.choice(OUTLET_FORMS).format(p=self.names.word(2))
                if self.names.claim(outlet):
                    break
            a, b = (self.actors[rng.choice(self.theatre_actors[theatre][:12])].name for _ in range(2))
            title = rng.choice(SOURCE_TITLES).format(a=a, b=b)
            article = _Article(
                id=self.unique_id(f"{outlet}-{theatre + 1}"),
                theatre=theatre,
                seed_file=f"{theatre:04d}_{number}.txt",
                title=title,
                outlet=outlet,
                published=self._date("month", 2023, 2025),
                kind=ARTICLE_KINDS[number],
                derived_from=[],
                grade=rng.choice("ABBBCCCDF"),
            )
            self.articles.append(article)
        # the compilation repeats the first news report of its theatre, as in the real corpus
        compilation, report = self.articles[first + 1], self.articles[first + 3]
        compilation.derived_from = [report.id]

    def _theatre_events(self, theatre: int) -> None:
        rng = self.rng
        sizes, tags, precisions = (_deck(rng, mix, EVENTS) for mix in (ACTORS_PER_EVENT, TAGS_PER_EVENT, EVENT_PRECISION))
        for number in range(EVENTS):
            count = sizes[number]
            participants: list[int] = []
            while len(participants) < count:
                candidate = self._pick_actor(theatre)
                if candidate not in participants:
                    participants.append(candidate)
            place = self.names.word()
            a = self.actors[participants[0]].name
            b = self.actors[participants[-1]].name if len(participants) > 1 else place
            title = rng.choice(EVENT_TITLES).format(a=a, b=b, place=place)
            precision = precisions[number]
            date = self._date(precision)
            roles = ("organiser", "attacker", "target", "host", "participant", "mediator", "signatory", "observer")
            self.events.append(
                _Event(
                    id=self.unique_id(f"{title}-{date[:4]}"),
                    theatre=theatre,
                    title=title,
                    date=date,
                    precision=precision,
                    location=place,
                    actors=[(index, rng.choice(roles)) for index in participants],
                    tags=self._tags(theatre, tags[number]),
                    summary=f"{title}, as the articles of theatre {theatre + 1} report it (synthetic record).",
                )
            )

    def _theatre_claims(self, theatre: int) -> None:
        rng = self.rng
        articles = list(range(theatre * ARTICLES, (theatre + 1) * ARTICLES))
        events = list(range(theatre * EVENTS, (theatre + 1) * EVENTS))
        decks = [
            _deck(rng, mix, CLAIMS) for mix in (QUOTES_PER_CLAIM, ARTICLES_PER_CLAIM, ACTORS_PER_CLAIM, EVENTS_PER_CLAIM, TAGS_PER_CLAIM)
        ]
        for quotes, spread, wanted, event_count, tag_count in zip(*decks, strict=True):
            predicate = _weighted(rng, RELATION_TYPES)
            subject = self._pick_actor(theatre)
            obj = self._pick_actor(theatre)
            while obj == subject:
                obj = self._pick_actor(theatre)
            actors = [subject, obj]
            while len(actors) < wanted:
                candidate = self._pick_actor(theatre)
                if candidate not in actors:
                    actors.append(candidate)
            detail = rng.choice(CLAIM_DETAILS)
            words = f"{self.actors[subject].name} {predicate} {self.actors[obj].name}"
            claim = _Claim(self.unique_id(words), theatre, subject, obj, predicate, detail, actors)
            claim.events = rng.sample(events, event_count)
            claim.tags = self._tags(theatre, tag_count)
            index = len(self.claims)
            spread = min(spread, quotes)
            chosen = rng.choices(articles, weights=ARTICLE_WEIGHTS, k=spread * 3)
            picked = list(dict.fromkeys(chosen))[:spread]
            if self.scale > 1 and rng.random() < CROSS_THEATRE:  # an article of another theatre speaks to it too
                picked = list(dict.fromkeys([*picked, rng.randrange(ARTICLES * self.scale)]))
            quotes = max(quotes, len(picked))
            per_article = list(picked) + rng.choices(picked, k=quotes - len(picked))
            base = {article: _weighted(rng, STANCE_MIX) for article in picked}
            for article in per_article:
                stance = base[article] if rng.random() < 0.85 else _weighted(rng, STANCE_MIX)
                speaker = None
                if rng.random() < SPEAKER_SHARE:
                    speaker = self._pick_actor(theatre, kinds=("person", "state-body", "armed-group", "group-of-people"))
                item = _Item(index, article, stance, speaker)
                if speaker is not None and rng.random() < 0.9:
                    item.attribution = rng.choice(ATTRIBUTIONS).format(name=self.actors[speaker].name)
                claim.items.append(item)
            self.claims.append(claim)

    def _theatre_relations(self, theatre: int) -> None:
        rng = self.rng
        claims = list(range(theatre * CLAIMS, (theatre + 1) * CLAIMS))
        seen = {(r["subject"], r["type"], r["object"]) for r in self.relations}
        types, sizes = _deck(rng, RELATION_TYPES, RELATIONS), _deck(rng, CLAIMS_PER_RELATION, RELATIONS)
        made = 0
        while made < RELATIONS:
            relation_type = types[made]
            evidence = rng.choice(claims)
            claim = self.claims[evidence]
            # relations mostly restate a claim's subject and object; some link two other actors it names
            if rng.random() < 0.7:
                subject, obj = claim.subject, claim.object
            else:
                subject, obj = rng.sample(claim.actors, 2) if len(claim.actors) >= 2 else (claim.subject, claim.object)
            if rng.random() < CROSS_THEATRE and self.scale > 1:
                obj = self._pick_actor(rng.randrange(self.scale))
                if obj not in claim.actors:
                    claim.actors.append(obj)
            key = (self.actors[subject].id, relation_type, self.actors[obj].id)
            if subject == obj or key in seen:
                continue
            seen.add(key)
            supporting = [evidence]
            for _ in range(sizes[made] - 1):
                other = rng.choice(claims)
                if other not in supporting:
                    supporting.append(other)
                    for actor in (subject, obj):
                        if actor not in self.claims[other].actors:
                            self.claims[other].actors.append(actor)
            relation: dict[str, Any] = {"subject": key[0], "type": relation_type, "object": key[2]}
            if rng.random() < PERIOD_SHARE:
                relation["period"] = f"since {rng.randint(1980, 2024)}"
            relation["claims"] = [self.claims[index].id for index in supporting]
            if (subject, obj) != (claim.subject, claim.object):
                # its quotes name the claim's subject and object, not these two
                relation["note"] = "Synthetic record: both actors are among those the claim is about."
            self.relations.append(relation)
            made += 1

    def _theatre_questions(self, theatre: int) -> None:
        rng = self.rng
        claims = list(range(theatre * CLAIMS, (theatre + 1) * CLAIMS))
        for number in range(QUESTIONS):
            a, b = (self.actors[rng.choice(self.theatre_actors[theatre][:12])] for _ in range(2))
            hypotheses = [{"id": f"h{k + 1}", "text": text.format(a=a.name, b=b.name)} for k, text in enumerate(HYPOTHESES[:3])]
            evidence = []
            for claim_index in rng.sample(claims, rng.randint(10, 14)):
                ratings = {h["id"]: rng.choice(("consistent", "consistent", "inconsistent", "neutral")) for h in hypotheses}
                evidence.append(
                    {"claim": self.claims[claim_index].id, "ratings": ratings, "note": "Rated from the claim's quotes (synthetic)."}
                )
            self.questions.append(
                {
                    "id": self.unique_id(f"question-{theatre + 1}-{number + 1}-{a.name}"),
                    "question": f"How far does {a.name} act on its own in its dealings with {b.name}?",
                    "summary": f"The articles of theatre {theatre + 1} differ on the part {a.name} plays (synthetic record).",
                    "hypotheses": hypotheses,
                    "evidence": evidence,
                }
            )

    def _use_everything(self) -> None:
        """Every actor named by a claim, event, relation or affiliation, and every event evidenced by a
        claim, as check --strict wants."""
        rng = self.rng
        used: set[int] = set()
        for claim in self.claims:
            used.update(claim.actors)
            used.update(item.speaker for item in claim.items if item.speaker is not None)
        for event in self.events:
            used.update(index for index, _role in event.actors)
        by_id = {actor.id: index for index, actor in enumerate(self.actors)}
        for relation in self.relations:
            used.update((by_id[relation["subject"]], by_id[relation["object"]]))
        for actor in self.actors:
            used.update(by_id[target] for target, _role in actor.affiliations)
        for index, actor in enumerate(self.actors):
            if index not in used:
                claim = self.claims[actor.theatre * CLAIMS + rng.randrange(CLAIMS)]
                claim.actors.append(index)
        evidenced = {event for claim in self.claims for event in claim.events}
        for index, event in enumerate(self.events):
            if index not in evidenced:
                self.claims[event.theatre * CLAIMS + rng.randrange(CLAIMS)].events.append(index)

    # -- article texts --------------------------------------------------------------------------------

    def _write_article(self, article: _Article) -> None:
        """The article's text, with every evidence item's quote an exact, unique substring of it."""
        items = [item for claim in self._claims_by_article(article) for item in claim]
        self.rng.shuffle(items)
        for _attempt in range(50):
            text, non_article, quoted = self._compose(article, items)
            # every clause carries a detail no other clause of the article has; a place name that
            # happens to begin another one could still repeat a quote, so check and draw again
            if all(text.find(quote, text.find(quote) + 1) < 0 for _item, quote in quoted):
                break
        else:  # pragma: no cover - vanishingly unlikely
            raise RuntimeError(f"could not make the quotes of {article.seed_file} unique")
        for item, quote in quoted:
            item.quote = quote
        article.text = text
        article.non_article = non_article

    def _compose(self, article: _Article, items: list[_Item]) -> tuple[str, list[tuple[int, int, str]], list[tuple[_Item, str]]]:
        rng = self.rng
        details: set[str] = set()
        sentences: list[str] = []
        quoted: list[tuple[_Item, str]] = []
        position = 0
        while position < len(items):
            first = items[position]
            clause_a = self._clause(first, details)
            if position + 1 < len(items) and rng.random() < 0.6:
                # two claims share the sentence: one quotes all of it or its first half, the other its second half
                second = items[position + 1]
                clause_b = self._clause(second, details)
                sentence = f"{clause_a}; {clause_b}."
                whole = rng.random() < 0.5
                # the whole sentence only when its second half reports no one: a quote that reports
                # someone names its speaker
                quoted += [(first, sentence if whole and second.speaker is None else clause_a), (second, clause_b + ".")]
                position += 2
            else:
                sentence = clause_a + "."
                quoted.append((first, sentence))
                position += 1
            sentences.append(sentence)
            if rng.random() < 0.08:
                sentences.append(rng.choice(FILLERS))
        lines = [article.title, ""]
        non_article = [(1, 1, "heading")]
        paragraph: list[str] = []
        paragraphs = 0
        for sentence in sentences:
            paragraph.append(sentence)
            if len(paragraph) >= rng.randint(3, 7):
                lines += [" ".join(paragraph), ""]
                paragraph = []
                paragraphs += 1
                if paragraphs % 6 == 0:
                    lines += [f"{self.names.word()} and the {rng.choice(('Border', 'Money', 'War', 'Talks', 'Aftermath'))}", ""]
                    non_article.append((len(lines) - 1, len(lines) - 1, "heading"))
        if paragraph:
            lines += [" ".join(paragraph), ""]
        lines.append(f"Source » {_slug(article.outlet)}.example")
        non_article.append((len(lines), len(lines), "boilerplate"))
        return "\n".join(lines) + "\n", non_article, quoted

    def _claims_by_article(self, article: _Article) -> list[list[_Item]]:
        if not hasattr(self, "_by_article"):
            grouped: dict[str, list[list[_Item]]] = defaultdict(list)
            for claim in self.claims:
                per: dict[int, list[_Item]] = defaultdict(list)
                for item in claim.items:
                    per[item.article].append(item)
                for article_index, items in per.items():
                    grouped[self.articles[article_index].id].append(items)
            self._by_article = grouped
        return self._by_article.get(article.id, [])

    def _clause(self, item: _Item, details: set[str]) -> str:
        """One clause stating the item's claim with its stance, carrying a detail unique in the article."""
        rng = self.rng
        claim = self.claims[item.claim]
        subject, obj = self._mention(self.actors[claim.subject]), self._mention(self.actors[claim.object])
        verb, hedged = PREDICATES[claim.predicate]
        while True:
            tail = rng.choice(TAILS).format(place=self.names.word(), count=f"{rng.randint(2, 99) * 50:,}", unit=rng.choice(UNITS))
            if tail not in details:
                details.add(tail)
                break
        detail = f" {claim.detail}" if rng.random() < 0.35 else ""
        frame = rng.choice(FRAMES[item.stance])
        clause = frame.format(core=f"{subject} {verb} {obj}{detail}", hedged=f"{subject} {hedged} {obj}{detail}", tail=tail)
        if not frame.startswith("{"):
            clause = clause[0].upper() + clause[1:]
        if item.speaker is not None:
            speaker = self.actors[item.speaker].name
            if rng.random() < 0.5:
                inner = clause if frame.startswith("{") else clause[0].lower() + clause[1:]
                clause = f"{speaker} {rng.choice(SAY_VERBS)} that {inner}"
            else:
                clause = f"\u201c{clause[0].upper()}{clause[1:]},\u201d {speaker} {rng.choice(SAY_VERBS)}"
        return clause

    def _mention(self, actor: _Actor) -> str:
        """The actor's name or, now and then, one of its aliases, as articles vary their spellings."""
        if actor.aliases and self.rng.random() < 0.25:
            return self.rng.choice(actor.aliases)
        return actor.name

    # -- files ----------------------------------------------------------------------------------------

    def write(self, out: Path) -> None:
        seeds = out / "seeds"
        seeds.mkdir(parents=True, exist_ok=True)
        for article in self.articles:
            (seeds / article.seed_file).write_text(article.text, encoding="utf-8")
        _write(out / "seeds" / "sources.yaml", self._sources_yaml())
        _write(out / "actors.yaml", self._actors_yaml())
        _write(out / "events.yaml", self._events_yaml())
        _write(out / "claims.yaml", self._claims_yaml())
        _write(out / "questions.yaml", self._questions_yaml())

    def _sources_yaml(self) -> list[str]:
        lines = ["# Synthetic corpus: generated by build_site.py synth; do not edit.", "sources:"]
        for article in self.articles:
            lines += [
                f"  - id: {article.id}",
                f"    seed_file: {article.seed_file}",
                f"    title: {_q(article.title)}",
                f"    outlet: {_q(article.outlet)}",
                f"    published: {_q(article.published)}",
                "    date_precision: month",
                f"    date_basis: {_q('Synthetic: the month is drawn at random.')}",
                f"    kind: {article.kind}",
                f"    derived_from: [{', '.join(article.derived_from)}]",
                "    non_article:",
                *(f"      - {{first: {first}, last: {last}, kind: {kind}}}" for first, last, kind in article.non_article),
                "    reliability:",
                f"      grade: {article.grade}",
                f"      rationale: {_q('Synthetic grade, drawn at random for the benchmark.')}",
            ]
        return lines

    def _actors_yaml(self) -> list[str]:
        lines = ["# Synthetic corpus: generated by build_site.py synth; do not edit.", "actors:"]
        for actor in self.actors:
            lines += [f"  - id: {actor.id}", f"    name: {_q(actor.name)}", f"    kind: {actor.kind}"]
            if actor.aliases:
                lines.append(f"    aliases: [{', '.join(_q(alias) for alias in actor.aliases)}]")
            lines.append(f"    description: {_q(actor.description)}")
            if actor.affiliations:
                lines.append("    affiliations:")
                lines += [f"      - {{actor: {target}, role: {_q(role)}}}" for target, role in actor.affiliations]
            lines.append(f"    tags: [{', '.join(actor.tags)}]")
        lines.append("relations:")
        for relation in self.relations:
            lines += [f"  - subject: {relation['subject']}", f"    type: {relation['type']}", f"    object: {relation['object']}"]
            if "period" in relation:
                lines.append(f"    period: {_q(relation['period'])}")
            lines.append(f"    claims: [{', '.join(relation['claims'])}]")
            if "note" in relation:
                lines.append(f"    note: {_q(relation['note'])}")
        return lines

    def _events_yaml(self) -> list[str]:
        lines = ["# Synthetic corpus: generated by build_site.py synth; do not edit.", "events:"]
        for event in self.events:
            lines += [
                f"  - id: {event.id}",
                f"    title: {_q(event.title)}",
                f"    date: {_q(event.date)}",
                f"    date_precision: {event.precision}",
                f"    location: {_q(event.location)}",
                "    actors:",
                *(f"      - {{actor: {self.actors[index].id}, role: {role}}}" for index, role in event.actors),
                f"    summary: {_q(event.summary)}",
                f"    tags: [{', '.join(event.tags)}]",
            ]
        return lines

    def _claims_yaml(self) -> list[str]:
        lines = ["# Synthetic corpus: generated by build_site.py synth; do not edit.", "claims:"]
        for claim in self.claims:
            lines += [f"- id: {claim.id}", f"  statement: {_q(claim.statement(self.actors))}", f"  tags: [{', '.join(claim.tags)}]"]
            lines.append(f"  actors: [{', '.join(self.actors[index].id for index in claim.actors)}]")
            if claim.events:
                lines.append(f"  events: [{', '.join(self.events[index].id for index in claim.events)}]")
            lines.append("  evidence:")
            for item in claim.items:
                lines += [
                    f"  - source: {self.articles[item.article].id}",
                    f"    quote: {_q(item.quote)}",
                    f"    stance: {item.stance}",
                ]
                if item.speaker is not None:
                    lines.append(f"    speakers: [{self.actors[item.speaker].id}]")
                if item.attribution:
                    lines.append(f"    attribution: {_q(item.attribution)}")
        return lines

    def _questions_yaml(self) -> list[str]:
        lines = ["# Synthetic corpus: generated by build_site.py synth; do not edit.", "questions:"]
        for question in self.questions:
            lines += [
                f"  - id: {question['id']}",
                f"    question: {_q(question['question'])}",
                f"    summary: {_q(question['summary'])}",
                "    hypotheses:",
                *(f"      - {{id: {h['id']}, text: {_q(h['text'])}}}" for h in question["hypotheses"]),
                "    evidence:",
            ]
            for item in question["evidence"]:
                ratings = ", ".join(f"{key}: {value}" for key, value in item["ratings"].items())
                lines += [f"      - claim: {item['claim']}", f"        ratings: {{{ratings}}}", f"        note: {_q(item['note'])}"]
        return lines


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Summary:
    scale: int
    seed: int
    counts: dict[str, int]
    seconds: float


def synthesize(out: Path, scale: int, seed: int = SEED) -> Summary:
    """Write a synthetic corpus ``scale`` times the real one into ``out`` (created if needed).

    Refuses a folder that holds anything but an earlier synthetic corpus, so a real corpus is never
    overwritten."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    started = time.perf_counter()
    if out.exists() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise FileExistsError(f"{out} is not empty and holds no synthetic corpus ({MARKER}); choose an empty or new folder")
    generator = _Generator(scale, seed)
    generator.generate()
    if (out / "seeds").is_dir():
        shutil.rmtree(out / "seeds")
    out.mkdir(parents=True, exist_ok=True)
    generator.write(out)
    counts = {
        "sources": len(generator.articles),
        "actors": len(generator.actors),
        "relations": len(generator.relations),
        "events": len(generator.events),
        "claims": len(generator.claims),
        "quotes": sum(len(claim.items) for claim in generator.claims),
        "questions": len(generator.questions),
    }
    (out / MARKER).write_text(json.dumps({"scale": scale, "seed": seed, "counts": counts}, indent=1) + "\n", encoding="utf-8")
    return Summary(scale, seed, counts, time.perf_counter() - started)
