"""The analysis layer against hand-worked cases, and the methodology page against the code."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from corpus_site.analysis.analysis import (
    CREDIBILITY_RULES,
    Tally,
    ach,
    credibility,
    differing_figures,
    figures_in,
    independent_groups,
    only_in,
    status,
    tally,
)
from corpus_site.corpus.corpus import ClaimView, Quote
from corpus_site.corpus.loading import load_corpus
from corpus_site.records.model import Claim, Evidence, Question

from conftest import Run


def view(stances: dict[str, list[str]]) -> ClaimView:
    """A claim whose evidence has the given stances per source (quotes and offsets are dummies)."""
    evidence = [Evidence(source=source, quote="x", stance=stance) for source, items in stances.items() for stance in items]  # type: ignore[arg-type]
    claim = Claim(id="c", statement="s", evidence=evidence)
    return ClaimView(claim, tuple(Quote("c", index, item, 0, 1, "x", 1) for index, item in enumerate(evidence)))


ALONE = {"a": "a", "b": "b", "c": "c", "d": "d"}


@pytest.mark.parametrize(
    ("stances", "expected_status", "expected_credibility"),
    [
        ({"a": ["supports"], "b": ["supports"]}, "corroborated", 1),
        ({"a": ["supports"], "b": ["qualifies"]}, "qualified", 2),
        ({"a": ["supports"]}, "single-source", 3),
        ({"a": ["qualifies"], "b": ["mentions"]}, "qualified", 3),
        ({"a": ["supports"], "b": ["disputes"]}, "contested", 4),
        ({"a": ["supports", "disputes"]}, "contested", 4),
        ({"a": ["disputes"], "b": ["mentions"]}, "disputed", 5),
        ({"a": ["mentions"], "b": ["mentions"]}, "mentioned", 6),
        ({"a": ["supports"], "b": ["supports"], "c": ["disputes"]}, "contested", 4),
    ],
)
def test_status_and_credibility_hand_worked(stances: dict[str, list[str]], expected_status: str, expected_credibility: int) -> None:
    claim = view(stances)
    assert status(claim, ALONE) == expected_status
    assert credibility(tally(claim, ALONE)) == expected_credibility


def test_a_derived_article_is_not_independent_support() -> None:
    claim = view({"a": ["supports"], "b": ["supports"]})
    groups = {"a": "a", "b": "a"}  # b compiles a
    counts = tally(claim, groups)
    assert counts == Tally(1, 0, 0, 0, {"a": ["a", "b"]})
    assert credibility(counts) == 3
    assert status(claim, groups) == "single-source"


def test_independent_groups_follow_derived_from(mini: Path) -> None:
    sources = mini / "seeds" / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("    kind: analysis\n", "    kind: analysis\n    derived_from: [alpha]\n"),
        encoding="utf-8",
    )
    corpus, problems = load_corpus(mini)
    assert not problems.errors
    assert independent_groups(corpus) == {"alpha": "alpha", "beta": "alpha"}


def test_ach_ranks_by_weighted_inconsistency(mini: Path) -> None:
    corpus, _ = load_corpus(mini)
    question = Question.model_validate(
        {
            "id": "q",
            "question": "?",
            "hypotheses": [{"id": "h1", "text": "one"}, {"id": "h2", "text": "two"}, {"id": "h3", "text": "three"}],
            "evidence": [
                {"claim": "iran-funds-hamas-amount", "ratings": {"h1": "inconsistent", "h2": "consistent", "h3": "inconsistent"}},
                {"claim": "hezbollah-surprised", "ratings": {"h1": "neutral", "h2": "neutral", "h3": "neutral"}},
            ],
        }
    )
    # credibilities: iran-funds-hamas-amount is 2 (one supports, one qualifies): weight 0.8
    matrix = ach(question, corpus, {"iran-funds-hamas-amount": 2, "hezbollah-surprised": 1})
    assert [row.diagnostic for row in matrix.rows] == [True, False]
    assert [score.id for score in matrix.ranking] == ["h2", "h1", "h3"]
    assert [(s.inconsistent, s.consistent, s.neutral, s.weighted_inconsistency) for s in matrix.ranking] == [
        (0, 1, 1, 0.0),
        (1, 0, 1, 0.8),
        (1, 0, 1, 0.8),
    ]


def test_figures_in_quotes() -> None:
    found = figures_in(
        "On October 7, 2023, the attack killed 1,200 people; Iran gives $100 million, or tens of millions of dollars, over 40 years."
    )
    assert [(f.text, f.value, f.kind) for f in found] == [
        ("2023", 2023.0, "year"),
        ("1,200", 1200.0, "count"),
        ("$100 million", 100_000_000.0, "money"),
        ("tens of millions", None, "money"),
    ]


def test_differing_figures_on_the_fixture(mini: Path) -> None:
    corpus, _ = load_corpus(mini)
    (report,) = differing_figures(corpus)
    assert report.claim_id == "iran-funds-hamas-amount" and report.kind == "money" and report.verdict == "differ"
    assert report.by_source == [("beta", "2023-10", ["tens of millions"]), ("alpha", "2023-11-15", ["$100 million"])]


def test_running_tallies_are_marked_as_changed_over_time() -> None:
    corpus, _ = load_corpus(Path(__file__).resolve().parent.parent)
    verdicts = {report.claim_id: report.verdict for report in differing_figures(corpus)}
    assert verdicts["oct7-israeli-death-toll"] == "changed over time"
    # the Gaza toll's day-three figure was removed in the evidence review (it does not bear on the
    # mid-November statement), so that claim no longer has two figures to compare
    assert "gaza-palestinian-death-toll" not in verdicts
    assert verdicts["iran-funding-of-hamas-amount"] == "differ"


def test_blind_spots_on_the_fixture(mini: Path) -> None:
    corpus, _ = load_corpus(mini)
    assert only_in(corpus) == {"alpha": [], "beta": []}


class _Example(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.example: dict[str, str] = {}
        self.rows: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if "worked-example" in values.get("class", ""):
            self.example = values
        if "example-row" in values.get("class", ""):
            self.rows.append(values)


def test_methodology_worked_example_matches_the_code(real_site: Path) -> None:
    parser = _Example()
    parser.feed((real_site / "methodology" / "index.html").read_text(encoding="utf-8"))
    stances = {row["data-source"]: row["data-stances"].split() for row in parser.rows if row["data-stances"]}
    groups = {row["data-source"]: row["data-group"] for row in parser.rows}
    claim = view(stances)
    counts = tally(claim, groups)
    shown = parser.example
    assert (counts.supports, counts.qualifies, counts.disputes, counts.mentions) == tuple(
        int(shown[f"data-{key}"]) for key in ("supports", "qualifies", "disputes", "mentions")
    )
    assert status(claim, groups) == shown["data-status"]
    assert credibility(counts) == int(shown["data-credibility"])
    page = (real_site / "methodology" / "index.html").read_text(encoding="utf-8")
    for grade, label, rule in CREDIBILITY_RULES:
        assert f"<td>{grade}</td><td>{label}</td><td>{rule}</td>" in page


def test_exports_carry_the_computed_fields(real_site: Path) -> None:
    claims = json.loads((real_site / "data" / "claims.json").read_text(encoding="utf-8"))
    current = [claim for claim in claims if claim["retired"] is None]
    assert current and all(claim["credibility"] in range(1, 7) and claim["status"] for claim in current)
    retired = [claim for claim in claims if claim["retired"] is not None]
    assert retired and all(claim["status"] == "retired" and claim["credibility"] is None for claim in retired)
    sources = json.loads((real_site / "data" / "sources.json").read_text(encoding="utf-8"))
    assert all(source["reliability"] in tuple("ABCDEF") for source in sources)
    questions = json.loads((real_site / "data" / "questions.json").read_text(encoding="utf-8"))
    assert questions and all({"id", "question", "hypotheses", "evidence", "url"} <= set(q) for q in questions)
    assert all({"id", "text", "inconsistent", "weighted_inconsistency", "rank"} <= set(h) for q in questions for h in q["hypotheses"])


def test_analysis_pages_are_linked_from_home_and_claims(real_site: Path, cli: Callable[..., Run]) -> None:
    home = (real_site / "index.html").read_text(encoding="utf-8")
    for target in ("questions/", "differences/", "blind-spots/", "methodology/"):
        assert f'href="{target}"' in home, target
    claims = json.loads((real_site / "data" / "claims.json").read_text(encoding="utf-8"))
    page = (real_site / claims[0]["url"] / "index.html").read_text(encoding="utf-8")
    # the computed counts, with the rule one click away; no grade that reads as the site's verdict
    assert "methodology/#status" in page and re.search(r"\d+ of \d+ articles? (support|qualif|disput|mention)", page)
    assert "Credibility" not in page


def test_ach_rows_can_rate_one_article_version(mini: Path) -> None:
    corpus, _ = load_corpus(mini)
    question = Question.model_validate(
        {
            "id": "q",
            "question": "?",
            "hypotheses": [{"id": "high", "text": "about $100 million"}, {"id": "low", "text": "tens of millions"}],
            "evidence": [
                {"claim": "iran-funds-hamas-amount", "source": "alpha", "ratings": {"high": "consistent", "low": "inconsistent"}},
                {"claim": "iran-funds-hamas-amount", "source": "beta", "ratings": {"high": "inconsistent", "low": "consistent"}},
            ],
        }
    )
    matrix = ach(question, corpus, {"iran-funds-hamas-amount": 2})
    assert [(row.source, row.credibility) for row in matrix.rows] == [("alpha", 3), ("beta", 3)]
    assert [(score.id, score.weighted_inconsistency) for score in matrix.ranking] == [("high", 0.6), ("low", 0.6)]


def test_a_version_row_must_name_an_article_with_evidence_on_the_claim(mini: Path, cli: Callable[..., Run]) -> None:
    questions = mini / "questions.yaml"
    questions.write_text(
        questions.read_text(encoding="utf-8").replace(
            "      - claim: hezbollah-surprised\n", "      - claim: hezbollah-surprised\n        source: gamma\n"
        ),
        encoding="utf-8",
    )
    result = cli("--root", mini, "check")
    assert result.problem_lines == [
        "questions.yaml:15:17: error[unknown-source]: source 'gamma' has no evidence on claim 'hezbollah-surprised' (its sources are: alpha, beta)"
    ]
