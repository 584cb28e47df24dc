"""Checks that catch the next evidence error while it is being typed: warnings, each located at the
item and naming the words that set it off. ``--strict`` turns them into failures.

They look for the three kinds of error the evidence review found: reported words with no speaker, a
quote that shares nothing with its statement (a quote about the topic is not evidence), a speaker
the text does not name; and a relation whose claims never name both of its ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from corpus_site.corpus.anchor import fold
from corpus_site.records.model import Actor, Claim, Relation
from corpus_site.records.problems import Problems
from corpus_site.records.validate import ACTORS_FILE, Placed, Records

if TYPE_CHECKING:  # the corpus runs these checks once its quotes are anchored
    from corpus_site.corpus.corpus import Corpus, Quote

#: Words that report someone else's words or view.
REPORTING = re.compile(
    r"\b(said|says|say|told|tells|stated|asserted|claimed|noted|added|warned|cautioned|argued|argues|announced|"
    r"insisted|revealed|wrote|writes|explained)\b"
    # 'according to' attributes when it opens the sentence or follows a comma ('..., according to
    # three senior officials'), not in 'did not unfold according to an Iranian initiative'
    r"|(?:^|[,;:.\u2013\u2014]\s*)([Aa]ccording to)\b"
)
#: A quotation inside the quote: words between quotation marks, at least four of them (fewer are
#: usually a term the article sets off, such as "Axis of Resistance").
QUOTATION = re.compile(r"[\"“]([^\"“”]+?)[\"”]")

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOP_WORDS = frozenset(
    # a paragraph of words reads better than a list of 130 strings
    """
    about above after again against also among and another any are around because been before being
    between both but can could did does doing down during each even ever every few from further had
    has have having here how however into its itself just least less many may more most much must
    near neither nor not now off once only other our out over own same should since some such than
    that the their them then there these they this those though through thus too under until upon
    very was were what when where whether which while who whom whose why will with within without
    would yet year years said says told according one two three first last new part well still
    """.split()  # noqa: SIM905
)


def content_words(text: str) -> set[str]:
    """The words that carry meaning, reduced to a common stem (their first five letters), so that
    'funding' meets 'funds' and 'Iranian' meets 'Iran'."""
    return {word[:5] for word in _WORD.findall(fold(text).lower()) if len(word) >= 4 and word not in STOP_WORDS}


def names(text: str, actor: Actor, pattern: re.Pattern[str] | None = None) -> bool:
    """Whether ``text`` names the actor: its name or an alias as whole words, or a word formed on it
    ('Iranian' for Iran, 'Israeli' for Israel), case aside. ``pattern``: the actor's
    :func:`name_pattern`, when the caller keeps it."""
    return (pattern or name_pattern(actor)).search(fold(text).lower()) is not None or _short_alias(actor, text)


def name_pattern(actor: Actor) -> re.Pattern[str]:
    """One expression for all the ways the actor is named (folded, lower case)."""
    patterns = []
    for name in (actor.name, *actor.aliases):
        if len(name) < 3:
            continue
        words = fold(name).lower().split()
        suffix = r"[a-z]*" if len(name) >= 4 and name[-1].isalpha() else ""
        patterns.append(re.escape(" ".join(words)) + suffix)
        if len(words) == 2:
            # 'Iranian and Hamas officials' names 'Iranian officials' too
            patterns.append(rf"{re.escape(words[0])}(?:\s+\S+){{1,3}}\s+{re.escape(words[1])}")
    body = "|".join(patterns) or r"(?!x)x"
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


def _short_alias(actor: Actor, text: str) -> bool:
    # a short alias counts only as written, in capitals ('US'): 'us' is a word
    return any(
        name.isupper() and re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", text) is not None
        for name in actor.aliases
        if len(name) < 3
    )


@dataclass
class EvidenceChecks:
    """Runs every check over a corpus whose records validated and whose quotes anchored."""

    records: Records
    corpus: Corpus
    problems: Problems
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    """Actor id -> its :func:`name_pattern`, compiled once per check."""
    known: dict[str, tuple[Any, Any]] | None = None
    """Actor id -> (actor, pattern) from earlier checks (`serve` keeps them): reused while the actor is the same."""
    memo: Any = None
    """What earlier checks found clean (`serve` keeps it): a claim whose quotes, and the actors, are
    the same is not checked again."""

    def _names(self, text: str, actor: Actor) -> bool:
        if actor.id not in self.patterns:
            earlier = self.known.get(actor.id) if self.known is not None else None
            if earlier is not None and earlier[0] == actor:
                self.patterns[actor.id] = earlier[1]
            else:
                self.patterns[actor.id] = name_pattern(actor)
                if self.known is not None:
                    self.known[actor.id] = (actor, self.patterns[actor.id])
        return names(text, actor, self.patterns[actor.id])

    def run(self) -> None:
        memo = self.memo
        if memo is not None:
            actors = list(self.corpus.actors.values())
            if memo.get("checked-actors", actors) is None:  # other actors: every claim is checked again
                memo.forget("checked/")
                memo.put("checked-actors", actors, True)
        quotes = {(view.id, quote.index): quote for view in self.corpus.all_claims() for quote in view.quotes}
        for placed in self.records.claims:
            if placed.record.retired is not None:
                continue  # kept as it was; its successors are checked
            items = [(index, quotes.get((placed.record.id, index))) for index in range(len(placed.record.evidence))]
            inputs = (placed.record, [quote for _index, quote in items])
            if memo is not None and memo.get(f"checked/{placed.record.id}", inputs):
                continue
            before = len(self.problems.items)
            for index, quote in items:
                if quote is not None:
                    self._check_item(placed, index, quote)
            if memo is not None and len(self.problems.items) == before:
                memo.put(f"checked/{placed.record.id}", inputs, True)
        for placed_relation in self.records.relations:
            self._check_relation(placed_relation)

    def _check_item(self, placed: Placed[Claim], index: int, quote: Quote) -> None:
        claim, evidence = placed.record, quote.evidence
        file = placed.file.file
        if not evidence.speakers and not evidence.note:  # a note says why the article's own voice
            reported = self._reported_words(quote.text)
            if reported:
                self.problems.warn(
                    file,
                    placed.where("evidence", index, "quote"),  # positions are worked out only for a problem
                    "unattributed-report",
                    f"the quote reports someone's words ({reported}) but names no speaker",
                    "add 'speakers:' with the actors whose words these are, or a 'note:' saying why the article's own voice",
                )
        if not evidence.note and not self._shares_with_statement(claim, quote.text):
            self.problems.warn(
                file,
                placed.where("evidence", index, "quote"),
                "unrelated-quote",
                "the quote shares no content word and no named actor with the statement",
                "a quote about the topic is not evidence: remove it, or add a 'note:' saying how it bears on the statement",
            )
        for number, speaker_id in enumerate(evidence.speakers):
            speaker = self.corpus.actors.get(speaker_id)
            if speaker is not None and not self._named_near(speaker, quote, evidence.attribution):
                self.problems.warn(
                    file,
                    placed.where("evidence", index, "speakers", number),
                    "speaker-not-named",
                    f"speaker '{speaker_id}' ({speaker.name}) is not named in the quote, its attribution or the text around it",
                    "check the speaker, or extend the quote to the words that name them",
                )

    @staticmethod
    def _reported_words(text: str) -> str:
        """The words that show the quote reports someone, or "" when it does not."""
        verb = REPORTING.search(text)
        if verb:
            return f"'{verb.group(1) or verb.group(2)}'"
        for match in QUOTATION.finditer(text):
            if len(match.group(1).split()) >= 4:
                shown = match.group(0) if len(match.group(0)) <= 40 else match.group(0)[:37] + "…"
                return f"quotation {shown}"
        return ""

    def _shares_with_statement(self, claim: Claim, text: str) -> bool:
        if content_words(claim.statement) & content_words(text):
            return True
        about = [self.corpus.actors[actor_id] for actor_id in claim.actors if actor_id in self.corpus.actors]
        return any(self._names(text, actor) for actor in about)

    def _paragraphs(self, quote: Quote, before: int) -> str:
        """The lines (paragraphs) the quote is on, and ``before`` lines before them."""
        text = self.corpus.articles[quote.evidence.source].text
        start = text.rfind("\n", 0, quote.start) + 1
        for _ in range(before):
            if start > 0:
                start = text.rfind("\n", 0, start - 1) + 1
        end = text.find("\n", quote.end)
        return text[start : end if end >= 0 else len(text)]

    def _named_near(self, speaker: Actor, quote: Quote, attribution: str) -> bool:
        # in the quote's paragraph or the one before it ('..., he said.' after a quotation that
        # began in the paragraph above)
        return self._names(attribution, speaker) or self._names(self._paragraphs(quote, before=1), speaker)

    def _check_relation(self, placed: Placed[Relation]) -> None:
        relation = placed.record
        subject, obj = self.corpus.actors.get(relation.subject), self.corpus.actors.get(relation.object)
        if subject is None or obj is None:
            return
        cited = [self.corpus.claims[claim_id] for claim_id in relation.claims if claim_id in self.corpus.claims]
        if not cited or relation.note:
            return  # a note says how the relation follows from its claims
        for view in cited:
            for quote in view.quotes:
                context = f"{self._paragraphs(quote, before=0)} {quote.evidence.attribution}"
                if self._names(context, subject) and self._names(context, obj):
                    return
        self.problems.warn(
            ACTORS_FILE,
            placed.where("claims"),
            "relation-unsupported",
            f"no quote of the claims this relation cites names both '{relation.subject}' and '{relation.object}'",
            "cite a claim whose quotes name both ends, or add a 'note:' saying how the claims show the relation",
        )
