"""Evidence precision: the edit-time checks (each fires on a bad item, stays silent on the good one),
several speakers, relations that follow their evidence, and the public corrections log."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def warnings(cli: Callable[..., Run], root: Path) -> list[str]:
    result = cli("--root", root, "check")
    assert result.code == 0, result.err
    return [line for line in result.problem_lines if ": warning[" in line]


def test_the_fixture_corpus_raises_no_evidence_warning(mini: Path, cli: Callable[..., Run]) -> None:
    assert warnings(cli, mini) == []


def test_reported_words_without_a_speaker_warn(mini: Path, cli: Callable[..., Run]) -> None:
    claims = mini / "claims.yaml"
    edit(claims, "        speakers: [hezbollah]\n", "")
    assert warnings(cli, mini) == [
        "claims.yaml:21:16: warning[unattributed-report]: the quote reports someone's words ('said') but names no speaker "
        "(add 'speakers:' with the actors whose words these are, or a 'note:' saying why the article's own voice)"
    ]
    strict = cli("--root", mini, "check", "--strict")
    assert strict.code == 1
    # a note saying why the words are the article's own silences it, as the hint says
    edit(
        claims,
        "        stance: supports\n      - source: beta",
        "        stance: supports\n        note: The article quotes the commander without naming him.\n      - source: beta",
    )
    assert warnings(cli, mini) == []


def test_according_to_in_the_middle_of_a_phrase_is_not_reported_speech(mini: Path, cli: Callable[..., Run]) -> None:
    seed = mini / "seeds" / "b.txt"
    edit(
        seed,
        "Hezbollah knew nothing of the attack, a source said.",
        "Hezbollah knew nothing of the attack, which did not unfold according to plan.",
    )
    edit(
        mini / "claims.yaml",
        "quote: Hezbollah knew nothing of the attack",
        "quote: Hezbollah knew nothing of the attack, which did not unfold according to plan",
    )
    assert warnings(cli, mini) == []


def test_quote_sharing_nothing_with_its_statement_warns_unless_a_note_says_how(mini: Path, cli: Callable[..., Run]) -> None:
    claims = mini / "claims.yaml"
    edit(claims, "quote: Hezbollah knew nothing of the attack", "quote: Analysts doubt the figure")
    assert warnings(cli, mini) == [
        "claims.yaml:25:16: warning[unrelated-quote]: the quote shares no content word and no named actor with the statement "
        "(a quote about the topic is not evidence: remove it, or add a 'note:' saying how it bears on the statement)"
    ]
    edit(
        claims,
        "quote: Analysts doubt the figure\n",
        'quote: Analysts doubt the figure\n        note: "The heading of the article, whose analysts doubt what others report."\n',
    )
    assert warnings(cli, mini) == []


def test_speaker_not_named_near_the_quote_warns(mini: Path, cli: Callable[..., Run]) -> None:
    claims = mini / "claims.yaml"
    edit(claims, "        speakers: [hezbollah]\n", "        speakers: [iran]\n")
    assert warnings(cli, mini) == [
        "claims.yaml:23:20: warning[speaker-not-named]: speaker 'iran' (Iran) is not named in the quote, its attribution or the text around it "
        "(check the speaker, or extend the quote to the words that name them)"
    ]


def test_a_speaker_named_in_a_pair_of_groups_is_named(mini: Path, cli: Callable[..., Run]) -> None:
    actors = mini / "actors.yaml"
    edit(actors, "actors:\n", "actors:\n  - id: iranian-officials\n    name: Iranian officials\n    kind: group-of-people\n")
    edit(mini / "seeds" / "a.txt", "according to Israel.", "according to Iranian and Hamas officials.")
    claims = mini / "claims.yaml"
    edit(claims, "        speakers: [israel]\n        attribution: according to Israel\n", "        speakers: [iranian-officials]\n")
    lines = warnings(cli, mini)
    assert not [line for line in lines if "speaker-not-named" in line]


def test_relation_whose_claims_never_name_both_ends_warns_unless_a_note_says_how(mini: Path, cli: Callable[..., Run]) -> None:
    actors = mini / "actors.yaml"
    edit(actors, "    claims: [iran-funds-hamas-amount]", "    claims: [hezbollah-surprised]")
    edit(actors, "    type: funds\n", "    type: supports\n")
    expected = (
        "actors.yaml:20:13: warning[relation-unsupported]: no quote of the claims this relation cites names both 'iran' and 'hamas' "
        "(cite a claim whose quotes name both ends, or add a 'note:' saying how the claims show the relation)"
    )
    assert expected in warnings(cli, mini)
    edit(actors, "    claims: [hezbollah-surprised]", "    claims: [hezbollah-surprised]\n    note: Shown by the context, not the quotes.")
    assert expected not in warnings(cli, mini)


def test_several_speakers_export_as_a_list_and_the_first_as_speaker(mini: Path, cli: Callable[..., Run]) -> None:
    claims = mini / "claims.yaml"
    edit(claims, "        speakers: [israel]\n", "        speakers: [israel, iran]\n")
    edit(mini / "seeds" / "a.txt", "according to Israel.", "according to Israel and Iran.")
    assert cli("--root", mini, "build").code == 0
    exported = json.loads((mini / "site" / "data" / "claims.json").read_text(encoding="utf-8"))
    item = exported[0]["evidence"][0]
    assert (item["speaker"], item["speakers"]) == ("israel", ["israel", "iran"])
    assert exported[1]["evidence"][1]["speakers"] == [] and exported[1]["evidence"][1]["speaker"] is None
    page = (mini / "site" / "claims" / "iran-funds-hamas-amount" / "index.html").read_text(encoding="utf-8")
    assert (
        '<a class="ref ref-actor" href="../../actors/israel/">Israel</a> and <a class="ref ref-actor" href="../../actors/iran/">Iran</a>'
        in page
    )
    with (mini / "site" / "data" / "claims.csv").open(encoding="utf-8") as file:
        assert "israel|iran" in file.read()


@pytest.mark.parametrize(
    ("stance", "status", "supporting", "disputing"),
    [("qualifies", "supported", ["alpha", "beta"], []), ("disputes", "contested", ["alpha"], ["beta"])],
)
def test_relation_status_follows_the_stances_on_its_claims(
    stance: str, status: str, supporting: list[str], disputing: list[str], mini: Path, cli: Callable[..., Run]
) -> None:
    edit(mini / "claims.yaml", "        stance: qualifies\n", f"        stance: {stance}\n")
    assert cli("--root", mini, "build").code == 0
    relations = json.loads((mini / "site" / "data" / "relations.json").read_text(encoding="utf-8"))
    assert [(r["status"], r["supporting"], r["disputing"]) for r in relations] == [(status, supporting, disputing)]
    graph = json.loads((mini / "site" / "data" / "graph.json").read_text(encoding="utf-8"))
    assert [edge["status"] for edge in graph["edges"]] == [status]
    page = (mini / "site" / "actors" / "iran" / "index.html").read_text(encoding="utf-8")
    summary = ("2 articles support or qualify" if len(supporting) == 2 else "1 article supports or qualifies") + (
        ", 1 disputes" if disputing else ""
    )
    assert f'<span class="relation-status relation-{status}">{status}</span> <span class="muted">({summary})</span>' in page


def test_corrections_show_on_the_claim_and_the_corrections_page(mini: Path, cli: Callable[..., Run]) -> None:
    assert cli("--root", mini, "build").code == 0
    claim = (mini / "site" / "claims" / "iran-funds-hamas-amount" / "index.html").read_text(encoding="utf-8")
    assert "Version 2, 1 December 2026 · first published 22 November 2026" in claim
    # the correction names the article, not its id
    assert "<li>stance of the Beta Review quote: supports → qualifies</li>" in claim
    untouched = (mini / "site" / "claims" / "hezbollah-surprised" / "index.html").read_text(encoding="utf-8")
    assert "Version 1, 22 November 2026" in untouched and 'id="corrections"' not in untouched
    log = (mini / "site" / "corrections" / "index.html").read_text(encoding="utf-8")
    assert 'href="../claims/iran-funds-hamas-amount/"' in log and "Beta gives a smaller figure than the statement." in log
    exported = json.loads((mini / "site" / "data" / "claims.json").read_text(encoding="utf-8"))
    assert [(c["id"], c["version"], c["version_date"]) for c in exported] == [
        ("iran-funds-hamas-amount", 2, "2026-12-01"),
        ("hezbollah-surprised", 1, "2026-11-22"),
    ]


def test_corrections_are_checked(mini: Path, cli: Callable[..., Run]) -> None:
    log = mini / "corrections.yaml"
    edit(log, "record: iran-funds-hamas-amount", "record: iran-funds-hamas-amoun")
    edit(log, 'date: "2026-12-01"', 'date: "2026-11-01"')
    result = cli("--root", mini, "check")
    assert result.code == 1
    assert result.problem_lines == [
        "corrections.yaml:3:11: error[bad-date]: correction of 2026-11-01 is earlier than 'published: 2026-11-22' "
        "(the log is kept oldest first; add new corrections at the end)",
        "corrections.yaml:4:13: error[unknown-record]: 'iran-funds-hamas-amoun' is not the id of a claim, actor, event, source or question "
        "(did you mean 'iran-funds-hamas-amount'?)",
    ]


def test_a_retired_claim_leaves_the_analysis_but_keeps_its_page_and_anchors(mini: Path, cli: Callable[..., Run]) -> None:
    claims = mini / "claims.yaml"
    edit(
        claims,
        "    statement: Hezbollah was not told of the 7 October attack in advance.\n",
        "    statement: Hezbollah was not told of the 7 October attack in advance.\n"
        "    retired:\n      reason: Split in two.\n      successors: [iran-funds-hamas-amount]\n",
    )
    edit(
        mini / "questions.yaml",
        "      - claim: hezbollah-surprised\n        ratings: {about-100m: neutral, tens-of-millions: neutral}\n",
        "",
    )
    assert cli("--root", mini, "build").code == 0
    site = mini / "site"
    index = (site / "claims" / "index.html").read_text(encoding="utf-8")
    assert "Hezbollah was not told" not in index
    page = (site / "claims" / "hezbollah-surprised" / "index.html").read_text(encoding="utf-8")
    anchor = page.split('href="../../sources/beta/#', 1)[1].split('"', 1)[0]
    source = (site / "sources" / "beta" / "index.html").read_text(encoding="utf-8")
    assert f'<span class="q-anchor" id="{anchor}"></span>' in source
    exported = {c["id"]: c for c in json.loads((site / "data" / "claims.json").read_text(encoding="utf-8"))}
    assert exported["hezbollah-surprised"]["retired"] == {"reason": "Split in two.", "successors": ["iran-funds-hamas-amount"]}
    assert exported["hezbollah-surprised"]["status"] == "retired"
