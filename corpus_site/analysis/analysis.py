"""The analysis layer: independent support, status and credibility of claims, competing
hypotheses, figures that differ between articles, and each article's blind spots.

Every rule here is stated in words in ``RULES`` tables that the methodology page prints, so the
page and the code cannot drift apart: the page shows these rules and a worked example computed
by these functions.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from corpus_site.corpus.corpus import ClaimView, Corpus, agreement_of
from corpus_site.records.model import Question

# ---------------------------------------------------------------------------------------------
# Independence, status and credibility


def independent_groups(corpus: Corpus) -> dict[str, str]:
    """Article id -> the id that stands for its group. An article that repeats or compiles another
    (``derived_from``) is grouped with it: their agreement is one voice, not two."""
    parent = {article_id: article_id for article_id in corpus.articles}

    def find(article_id: str) -> str:
        while parent[article_id] != article_id:
            article_id = parent[article_id]
        return article_id

    for article in corpus.articles.values():
        for other in article.source.derived_from:
            if other in parent:
                parent[find(article.id)] = find(other)
    return {article_id: find(article_id) for article_id in corpus.articles}


@dataclass(frozen=True)
class Tally:
    """How the independent articles line up on one claim."""

    supports: int
    qualifies: int
    disputes: int
    mentions: int
    groups: dict[str, list[str]] = field(default_factory=dict)
    """Independent group -> the articles in it that speak to the claim."""


def tally(view: ClaimView, groups: dict[str, str]) -> Tally:
    """Count independent groups by their strongest stance: a group supports if any of its articles
    supports; otherwise qualifies; disputes are counted separately (a group can both qualify and
    dispute); a group that only mentions counts as mentioning."""
    by_group: dict[str, set[str]] = defaultdict(set)
    members: dict[str, list[str]] = defaultdict(list)
    for source, stances in view.stances_by_source().items():
        group = groups.get(source, source)
        by_group[group].update(stances)
        members[group].append(source)
    supports = sum(1 for stances in by_group.values() if "supports" in stances)
    qualifies = sum(1 for stances in by_group.values() if "qualifies" in stances and "supports" not in stances)
    disputes = sum(1 for stances in by_group.values() if "disputes" in stances)
    mentions = sum(1 for stances in by_group.values() if stances == {"mentions"})
    return Tally(supports, qualifies, disputes, mentions, dict(members))


def status(view: ClaimView, groups: dict[str, str]) -> str:
    """The agreement summary, counted over independent groups of articles."""
    merged: dict[str, list[str]] = defaultdict(list)
    for source, stances in view.stances_by_source().items():
        for stance in stances:
            if stance not in merged[groups.get(source, source)]:
                merged[groups.get(source, source)].append(stance)
    return agreement_of(merged)


#: Information credibility, Admiralty scale, as computed from the tally: (grade, label, rule).
CREDIBILITY_RULES: tuple[tuple[int, str, str], ...] = (
    (1, "confirmed by other sources", "two or more independent articles support it and none disputes it"),
    (2, "probably true", "one independent article supports it, at least one other qualifies it, none disputes it"),
    (3, "possibly true", "one independent article supports it, or articles only qualify it, and none disputes it"),
    (4, "doubtful", "at least one article disputes it and at least one supports or qualifies it"),
    (5, "improbable", "articles dispute it and none supports or qualifies it"),
    (6, "cannot be judged", "articles only mention it"),
)


def credibility(counts: Tally) -> int:
    if counts.disputes:
        return 4 if counts.supports + counts.qualifies else 5
    if counts.supports >= 2:
        return 1
    if counts.supports == 1:
        return 2 if counts.qualifies else 3
    if counts.qualifies:
        return 3
    return 6


#: Source reliability, Admiralty scale: grade -> label.
RELIABILITY_LABELS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}


# ---------------------------------------------------------------------------------------------
# Competing hypotheses (Heuer's ACH)


@dataclass(frozen=True)
class HypothesisScore:
    id: str
    text: str
    inconsistent: int
    consistent: int
    neutral: int
    weighted_inconsistency: float
    """Inconsistent ratings weighted by how well the corpus supports each claim (credibility 1 -> 1.0 ... 6 -> 0.0)."""


@dataclass(frozen=True)
class EvidenceRow:
    claim_id: str
    source: str | None
    """The article whose version of the claim is rated; None for the claim as all articles report it."""
    ratings: dict[str, str]
    note: str
    diagnostic: bool
    """True when the ratings differ between hypotheses: only such evidence helps to choose."""
    credibility: int


@dataclass(frozen=True)
class AchMatrix:
    question: Question
    rows: list[EvidenceRow]
    ranking: list[HypothesisScore]
    """Fewest (weighted) inconsistencies first: the hypothesis the corpus's evidence contradicts least."""


#: How much a rating of inconsistency counts, by the claim's credibility.
CREDIBILITY_WEIGHT = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.0}


def _version_credibility(corpus: Corpus, claim_id: str, source: str) -> int:
    """One article's version of a claim stands on that article alone: 3 if it asserts it, 6 otherwise."""
    stances = corpus.claims[claim_id].stances_by_source().get(source, []) if claim_id in corpus.claims else []
    return 3 if "supports" in stances or "qualifies" in stances else 6


def ach(question: Question, corpus: Corpus, credibilities: dict[str, int]) -> AchMatrix:
    rows = []
    for item in question.evidence:
        values = set(item.ratings.values())
        grade = credibilities.get(item.claim, 6) if item.source is None else _version_credibility(corpus, item.claim, item.source)
        rows.append(EvidenceRow(item.claim, item.source, dict(item.ratings), item.note, len(values) > 1, grade))
    scores = []
    for hypothesis in question.hypotheses:
        ratings = [row.ratings.get(hypothesis.id, "neutral") for row in rows]
        weighted = sum(CREDIBILITY_WEIGHT[row.credibility] for row in rows if row.ratings.get(hypothesis.id) == "inconsistent")
        scores.append(
            HypothesisScore(
                hypothesis.id,
                hypothesis.text,
                ratings.count("inconsistent"),
                ratings.count("consistent"),
                ratings.count("neutral"),
                round(weighted, 2),
            )
        )
    ranking = sorted(scores, key=lambda score: (score.weighted_inconsistency, score.inconsistent, -score.consistent, score.id))
    return AchMatrix(question, rows, ranking)


# ---------------------------------------------------------------------------------------------
# Figures that differ between articles

_NUMBER = re.compile(
    r"(?P<prefix>\$)?(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?P<scale>million|billion|thousand))?",
    re.IGNORECASE,
)
_WORD_FIGURES = re.compile(r"\b(tens of (?:millions|billions|thousands)|hundreds of (?:millions|thousands)|dozens)\b", re.IGNORECASE)
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


@dataclass(frozen=True)
class Figure:
    text: str
    """The figure as the quote writes it."""
    value: float | None
    """Its value, when it is a number (not 'tens of millions')."""
    kind: str
    """'year' or 'count'."""


_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_BEFORE = re.compile(_MONTHS + r"\s*$")
_DATE_AFTER = re.compile(r"^(?:st|nd|rd|th)?\s*" + _MONTHS)
_DURATION_AFTER = re.compile(r"^\s*(?:-?\s*)?(?:years?|months?|weeks?|days?|decades?|hours?|st|nd|rd|th)\b", re.IGNORECASE)


def figures_in(quote: str) -> list[Figure]:
    """Counts, sums and years in a quote; day-of-month numbers and durations are left out."""
    found = []
    for match in _NUMBER.finditer(quote):
        before, after = quote[max(0, match.start() - 12) : match.start()], quote[match.end() : match.end() + 12]
        if _DATE_BEFORE.search(before) or _DATE_AFTER.match(after) or (not match.group("scale") and _DURATION_AFTER.match(after)):
            continue
        raw = match.group(0).strip()
        number = float(match.group("number").replace(",", ""))
        scale = (match.group("scale") or "").lower()
        if not match.group("prefix") and not scale and 1900 <= number <= 2100 and "," not in match.group("number"):
            found.append(Figure(raw, number, "year"))
            continue
        found.append(Figure(raw, number * _SCALE.get(scale, 1), _unit(match.group("prefix"), after)))
    found += [Figure(match.group(0), None, _unit(None, quote[match.end() : match.end() + 12])) for match in _WORD_FIGURES.finditer(quote)]
    return found


def _unit(prefix: str | None, after: str) -> str:
    return "money" if prefix == "$" or re.match(r"^\s*(?:of\s+)?dollars", after, re.IGNORECASE) else "count"


@dataclass(frozen=True)
class FigureReport:
    """A claim on which the articles give different figures."""

    claim_id: str
    kind: str
    """'count', 'money' or 'year'."""
    by_source: list[tuple[str, str, list[str]]]
    """(source id, published date, figures quoted) in publication order."""
    verdict: str
    """'changed over time' when later articles give higher counts (running tallies), else 'differ'."""


def differing_figures(corpus: Corpus) -> list[FigureReport]:
    reports = []
    for view in corpus.claims.values():
        for kind in ("count", "money", "year"):
            per_source: dict[str, list[Figure]] = defaultdict(list)
            for quote in view.quotes:
                # years differ between passages about different moments; only compare asserted ones
                if quote.evidence.stance == "mentions" or (kind == "year" and quote.evidence.stance != "supports"):
                    continue
                per_source[quote.evidence.source] += [figure for figure in figures_in(quote.text) if figure.kind == kind]
            per_source = {source: figures for source, figures in per_source.items() if figures}
            if len(per_source) < 2:
                continue
            values = {
                source: {figure.value if figure.value is not None else figure.text for figure in figures}
                for source, figures in per_source.items()
            }
            distinct = {frozenset(v) for v in values.values()}
            if len(distinct) < 2:
                continue
            ordered = sorted(per_source, key=lambda source: (corpus.articles[source].source.published, source))
            rows = [(source, corpus.articles[source].source.published, [f.text for f in per_source[source]]) for source in ordered]
            reports.append(FigureReport(view.id, kind, rows, _time_verdict(kind, ordered, per_source, corpus)))
    return reports


def _time_verdict(kind: str, ordered: list[str], per_source: dict[str, list[Figure]], corpus: Corpus) -> str:
    if kind == "year":
        return "differ"
    dates = [corpus.articles[source].source.published for source in ordered]
    maxima = [max((f.value for f in per_source[source] if f.value is not None), default=None) for source in ordered]
    if None in maxima or len(set(dates)) < len(dates):
        return "differ"
    rising = all(a is not None and b is not None and a < b for a, b in itertools.pairwise(maxima))
    return "changed over time" if rising else "differ"


# ---------------------------------------------------------------------------------------------
# Blind spots


def only_in(corpus: Corpus) -> dict[str, list[str]]:
    """Article id -> claims that only this article speaks to."""
    result: dict[str, list[str]] = {article_id: [] for article_id in corpus.articles}
    for view in corpus.claims.values():
        sources = view.source_ids
        if len(sources) == 1:
            result[sources[0]].append(view.id)
    return result


@dataclass(frozen=True)
class Analysis:
    groups: dict[str, str]
    tallies: dict[str, Tally]
    status: dict[str, str]
    credibility: dict[str, int]
    questions: dict[str, AchMatrix]
    figures: list[FigureReport]
    only_in: dict[str, list[str]]
    questions_by_claim: dict[str, list[str]]


def analyse(corpus: Corpus) -> Analysis:
    groups = independent_groups(corpus)
    tallies = {view.id: tally(view, groups) for view in corpus.claims.values()}
    statuses = {view.id: status(view, groups) for view in corpus.claims.values()}
    credibilities = {claim_id: credibility(counts) for claim_id, counts in tallies.items()}
    questions = {question.id: ach(question, corpus, credibilities) for question in corpus.questions.values()}
    by_claim: dict[str, list[str]] = defaultdict(list)
    for question in corpus.questions.values():
        for item in question.evidence:
            if question.id not in by_claim[item.claim]:
                by_claim[item.claim].append(question.id)
    return Analysis(groups, tallies, statuses, credibilities, questions, differing_figures(corpus), only_in(corpus), dict(by_claim))
