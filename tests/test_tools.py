"""Editor tools: JSON Schemas kept in step with the models, the quote finder, CLI usage errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from corpus_site.records.schema import SCHEMAS, schema_text

from conftest import PROJECT, Run


def test_committed_schemas_are_up_to_date() -> None:
    for name, model in SCHEMAS.items():
        committed = (PROJECT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(model), f"schemas/{name}.schema.json is stale: run python build_site.py schema"


def test_yaml_files_point_editors_at_their_schema() -> None:
    for path, schema in {
        "actors.yaml": "schemas/actors.schema.json",
        "events.yaml": "schemas/events.schema.json",
        "claims.yaml": "schemas/claims.schema.json",
        "seeds/sources.yaml": "../schemas/sources.schema.json",
    }.items():
        first = (PROJECT / path).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={schema}"
        assert (PROJECT / path).parent.joinpath(schema).resolve().is_file()


def test_schema_documents_every_field() -> None:
    schema = json.loads((PROJECT / "schemas" / "claims.schema.json").read_text(encoding="utf-8"))
    evidence = schema["$defs"]["Evidence"]["properties"]
    assert set(evidence) >= {"source", "quote", "stance", "speakers"}
    assert all(field.get("description") for field in evidence.values())
    assert evidence["stance"]["enum"] == ["supports", "qualifies", "disputes", "mentions"]


def test_quote_finds_the_passage_and_prints_a_snippet(mini: Path, cli: Callable[..., Run]) -> None:
    result = cli("--root", mini, "quote", "tens of millions of dollars")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("# beta line 2 (100% match)")
    assert lines[1:4] == [
        "- source: beta",
        '  quote: "Iran gives Hamas tens of millions of dollars per year, analysts said."',
        "  stance: supports  # supports | qualifies | disputes | mentions",
    ]


def test_quote_with_typographic_marks_matches_straight_typing(mini: Path, cli: Callable[..., Run]) -> None:
    result = cli("--root", mini, "quote", '"We woke up to a war," said')
    assert result.out.splitlines()[1:3] == ["- source: alpha", '  quote: "“We woke up to a war,” said a Hezbollah commander."']


def test_quote_reports_when_nothing_matches(mini: Path, cli: Callable[..., Run]) -> None:
    result = cli("--root", mini, "quote", "zzzz qqqq xxxx")
    assert result.code == 1
    assert result.out == "no passage resembles 'zzzz qqqq xxxx'\n"


def test_usage_errors_exit_2(tmp_path: Path, cli: Callable[..., Run]) -> None:
    assert cli("frobnicate").code == 2
    missing = cli("--root", tmp_path / "nowhere", "check")
    assert missing.code == 2
    assert "is not a folder" in missing.err


def test_typed_quotes_anchor_to_the_exact_seed_text(mini: Path, cli: Callable[..., Run]) -> None:
    from corpus_site.corpus.loading import load_corpus

    corpus, problems = load_corpus(mini)
    assert not problems.errors
    quote = corpus.claims["hezbollah-surprised"].quotes[0]
    assert quote.text == "“We woke up to a war,” said a Hezbollah commander."
    assert corpus.articles["alpha"].text[quote.start : quote.end] == quote.text
