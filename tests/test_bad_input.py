"""Every kind of bad input: exit 1, one located line per problem, exact wording, old site untouched."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run


def replace(file: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture no longer contains {old!r}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return mutate


def write(file: str, content: str | bytes) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / file
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return mutate


CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "syntax error": (
        replace(
            "claims.yaml",
            "statement: Iran gives Hamas about $100 million a year.",
            "statement: Iran gives: Hamas about $100 million a year.",
        ),
        [
            "claims.yaml:3:26: error[syntax]: YAML syntax error: mapping values are not allowed in this context (a value containing ': ' must be quoted)"
        ],
    ),
    "tab indentation": (
        replace("events.yaml", "    title: Hamas attack on Israel", "\ttitle: Hamas attack on Israel"),
        ["events.yaml:3:1: error[tab]: tab character in indentation (YAML indents with spaces only; replace the tab with spaces)"],
    ),
    "duplicate key": (
        replace("actors.yaml", "    name: Hamas\n", "    name: Hamas\n    name: Hamas movement\n"),
        [
            "actors.yaml:8:5: error[duplicate-key]: key 'name' appears twice in the same mapping (first at line 7) (remove one of them or merge their values)"
        ],
    ),
    "duplicate id within a file": (
        replace("actors.yaml", "  - id: israel", "  - id: hamas"),
        [
            "actors.yaml:13:9: error[duplicate-id]: actor id 'hamas' is already used at actors.yaml:6 (ids must be unique; rename one of them)",
            "claims.yaml:10:20: error[unknown-actor]: 'israel' is not an actor id",
        ],
    ),
    "duplicate id across files": (
        replace("events.yaml", "  - id: hamas-attack-2023-10-07", "  - id: hezbollah-surprised"),
        [
            "claims.yaml:15:9: error[duplicate-id]: id 'hezbollah-surprised' is already used by an event at events.yaml:2 "
            "(ids are unique across all records; rename one of them)",
            "claims.yaml:18:14: error[unknown-event]: 'hamas-attack-2023-10-07' is not an event id",
            "events.yaml:2:9: warning[unevidenced-event]: event 'hezbollah-surprised' has no claim evidencing it "
            "(add its id to the 'events:' of the claims that describe it)",
        ],
    ),
    "unknown field": (
        replace("claims.yaml", "    tags: [funding]", "    tag: [funding]"),
        ["claims.yaml:5:5: error[unknown-field]: unknown field 'tag' (did you mean 'tags'?)"],
    ),
    "wrong type": (
        replace("claims.yaml", "    actors: [iran, hamas]", "    actors: iran"),
        ["claims.yaml:4:13: error[wrong-type]: 'actors' must be a list, found text"],
    ),
    "bad date": (
        replace("events.yaml", '"2023-10-07"', '"2023-13-07"'),
        [
            "events.yaml:4:11: error[bad-date]: '2023-13-07' is not a valid date: 2023-13-07 is not a calendar date (month must be in 1..12) "
            "(write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2023-10-07)"
        ],
    ),
    "date precision that does not fit the date": (
        replace("events.yaml", "date_precision: day", "date_precision: month"),
        [
            "events.yaml:5:21: error[bad-precision]: date '2023-10-07' has day precision but date_precision is 'month' (set date_precision: day, or 'approximate')"
        ],
    ),
    "unknown actor": (
        replace("claims.yaml", "    actors: [hezbollah]", "    actors: [hezbolah]"),
        ["claims.yaml:17:14: error[unknown-actor]: 'hezbolah' is not an actor id (did you mean 'hezbollah'?)"],
    ),
    "unknown source": (
        replace("claims.yaml", "      - source: beta\n        quote: Iran gives", "      - source: betta\n        quote: Iran gives"),
        ["claims.yaml:12:17: error[unknown-source]: 'betta' is not a source id (did you mean 'beta'?)"],
    ),
    "unknown event": (
        replace("claims.yaml", "events: [hamas-attack-2023-10-07]", "events: [hamas-attack-2023-10-08]"),
        [
            "claims.yaml:18:14: error[unknown-event]: 'hamas-attack-2023-10-08' is not an event id (did you mean 'hamas-attack-2023-10-07'?)",
            "events.yaml:2:9: warning[unevidenced-event]: event 'hamas-attack-2023-10-07' has no claim evidencing it "
            "(add its id to the 'events:' of the claims that describe it)",
        ],
    ),
    "unknown claim": (
        replace("actors.yaml", "claims: [iran-funds-hamas-amount]", "claims: [iran-funds-hamas-amounts]"),
        ["actors.yaml:20:14: error[unknown-claim]: 'iran-funds-hamas-amounts' is not a claim id (did you mean 'iran-funds-hamas-amount'?)"],
    ),
    "unknown stance": (
        replace("claims.yaml", "        stance: qualifies", "        stance: qualify"),
        [
            "claims.yaml:14:17: error[unknown-stance]: 'qualify' is not a stance (did you mean 'qualifies'? expected one of: supports, qualifies, disputes, mentions)"
        ],
    ),
    "quote not in its article": (
        replace(
            "claims.yaml",
            "quote: Iran gives Hamas tens of millions of dollars per year",
            "quote: Iran gives Hamas tens of millions dollars each year",
        ),
        [
            "claims.yaml:13:16: error[quote-not-found]: quote not found in source 'beta' "
            '(closest passage (90% similar) at b.txt:2: "Iran gives Hamas tens of millions of dollars per year,")'
        ],
    ),
    "ambiguous quote": (
        replace("claims.yaml", "quote: Hezbollah knew nothing of the attack", "quote: attack"),
        [
            "claims.yaml:25:16: error[ambiguous-quote]: quote occurs 2 times in source 'beta' (lines 3, 3) "
            "(lengthen the quote until it is unique, or add 'occurrence: N')"
        ],
    ),
    "empty file": (
        write("events.yaml", ""),
        ["events.yaml:1:1: error[empty-file]: events.yaml is empty (it must hold a mapping such as 'events: [...]')"],
    ),
    "a list where a mapping is expected": (
        write("events.yaml", "- id: hamas-attack-2023-10-07\n  title: Hamas attack\n"),
        [
            "events.yaml:1:1: error[wrong-type]: events.yaml must be a mapping with 'events:', found a list (start the file with 'events:' and indent the list under it)"
        ],
    ),
    "seed file that is not UTF-8": (
        write(
            "seeds/b.txt",
            b"Analysts doubt the figure\nIran gives Hamas tens of millions of dollars per year, analysts said.\n" + b"Caf\xe9 talk.\n",
        ),
        [
            "seeds/b.txt:3:4: error[seed-encoding]: seeds/b.txt is not valid UTF-8 (byte 0xe9 at byte offset 99) "
            "(seeds are copied byte for byte from the original article; restore the original UTF-8 file)"
        ],
    ),
}


def sort_problem_lines(lines: list[str]) -> list[str]:
    return sorted(lines)


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_reported_exactly(case: str, mini: Path, cli: Callable[..., Run]) -> None:
    mutate, expected = CASES[case]
    mutate(mini)
    result = cli("--root", mini, "check")
    assert result.code == 1
    assert sorted(result.problem_lines) == sorted(expected)
    errors = sum(1 for line in expected if ": error[" in line)
    assert result.err.splitlines()[-1].startswith(f"check FAILED: {errors} error(s)")


@pytest.mark.parametrize("case", ["syntax error", "quote not in its article", "seed file that is not UTF-8"])
def test_failed_build_leaves_previous_site_untouched(case: str, mini: Path, cli: Callable[..., Run]) -> None:
    assert cli("--root", mini, "build").code == 0
    site = mini / "site"
    before = {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    CASES[case][0](mini)
    result = cli("--root", mini, "build")
    assert result.code == 1
    assert "the previous site was left as it was" in result.err
    after = {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    assert after == before
    assert not [p for p in mini.iterdir() if p.name.startswith(".site-")], "staging folder left behind"


def test_all_problems_are_reported_at_once(mini: Path, cli: Callable[..., Run]) -> None:
    for case in ("unknown field", "unknown actor", "bad date", "seed file that is not UTF-8"):
        CASES[case][0](mini)
    result = cli("--root", mini, "check")
    assert result.code == 1
    assert len(result.problem_lines) == 4


@pytest.mark.slow
def test_ten_megabyte_claims_file_is_checked_in_seconds(mini: Path, cli: Callable[..., Run]) -> None:
    claim = (
        "  - id: generated-{n}\n"
        "    statement: Generated claim number {n} about Iran and Hamas, long enough to fill the file quickly.\n"
        "    actors: [iran, hamas]\n"
        "    evidence:\n"
        "      - source: alpha\n"
        "        quote: Iran provides about $100 million a year to Hamas\n"
        "        stance: supports\n"
        "      - source: beta\n"
        "        quote: Iran gives Hamas {n} million dollars\n"
        "        stance: qualifies\n"
    )
    parts, size, n = ["claims:\n"], 0, 0
    while size < 10_000_000:
        block = claim.format(n=n)
        parts.append(block)
        size += len(block)
        n += 1
    (mini / "claims.yaml").write_text("".join(parts), encoding="utf-8")
    (mini / "questions.yaml").unlink()  # it names claims the generated file no longer has
    (mini / "corrections.yaml").unlink()  # so does the corrections log
    started = time.perf_counter()
    result = cli("--root", mini, "check")
    elapsed = time.perf_counter() - started
    assert result.code == 1
    # every generated claim has one quote that is not in its article: one located line each
    errors = [line for line in result.problem_lines if ": error[" in line]
    assert len(errors) == n + 1  # + the relation whose claim no longer exists
    assert errors[0].startswith("actors.yaml:20:14: error[unknown-claim]")
    assert "closest passage" in errors[1]
    print(f"10 MB claims.yaml: {n} claims checked in {elapsed:.1f}s")  # a figure for the log, not a timed assertion
