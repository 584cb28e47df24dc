"""The real records: they validate strictly, and every exported quote is the exact seed text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from corpus_site.corpus.loading import load_corpus
from corpus_site.export.export import contract

from conftest import PROJECT, Run


@pytest.fixture(scope="module")
def real():  # type: ignore[no-untyped-def]
    corpus, problems = load_corpus(PROJECT)
    return corpus, problems


def test_real_records_pass_strict_check(cli: Callable[..., Run]) -> None:
    result = cli("check", "--strict")
    assert result.problem_lines == []
    assert result.code == 0


def test_every_exported_quote_is_the_seed_substring(real) -> None:  # type: ignore[no-untyped-def]
    corpus, _ = real
    tables = contract(corpus)
    texts = {source["id"]: (PROJECT / "seeds" / source["seed_file"]).read_text(encoding="utf-8") for source in tables["sources"]}
    evidence = [item for claim in tables["claims"] for item in claim["evidence"]]
    assert evidence, "no evidence exported"
    for item in evidence:
        assert texts[item["source"]][item["start"] : item["end"]] == item["quote"]


def test_seeds_are_byte_for_byte_copies_of_the_shared_articles() -> None:
    shared = PROJECT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for original in sorted(shared.glob("*.txt")):
        assert (PROJECT / "seeds" / original.name).read_bytes() == original.read_bytes(), original.name


@pytest.mark.slow
def test_build_writes_the_contract_exports(tmp_path: Path, cli: Callable[..., Run]) -> None:
    site = tmp_path / "site"
    result = cli("build", "--site-dir", site)
    assert result.code == 0, result.err
    for name, keys in {
        "sources": {"id", "title", "outlet", "seed_file", "published", "kind", "url"},
        "actors": {"id", "name", "kind", "aliases", "url"},
        "events": {"id", "title", "date", "date_precision", "actors", "url"},
        "claims": {"id", "statement", "url", "evidence"},
        "relations": {"subject", "object", "type", "claims"},
    }.items():
        rows = json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))
        assert rows, name
        assert all(keys <= set(row) for row in rows), name
        assert (site / "data" / f"{name}.csv").read_text(encoding="utf-8").count("\n") >= len(rows) if name != "claims" else True
    claims = json.loads((site / "data" / "claims.json").read_text(encoding="utf-8"))
    for claim in claims:
        assert (site / claim["url"] / "index.html").is_file()
        for item in claim["evidence"]:
            assert {"source", "quote", "start", "end", "stance", "speaker"} <= set(item)
    assert "built" in result.out and "claims" in result.out


FLOORS = {"actors": 60, "events": 35, "claims": 150}


def test_curation_floors(real) -> None:  # type: ignore[no-untyped-def]
    corpus, _ = real
    counts = corpus.counts()
    for kind, floor in FLOORS.items():
        assert counts[kind] >= floor, f"{kind}: {counts[kind]} < {floor}"
    assert corpus.multi_source_claims() >= 40
    for article_id in corpus.articles:
        assert len(corpus.quotes_by_source[article_id]) >= 20, article_id


def test_every_paragraph_is_cited(real) -> None:  # type: ignore[no-untyped-def]
    corpus, _ = real
    assert corpus.uncovered_lines() == {article_id: [] for article_id in corpus.articles}


def test_coverage_is_reported(cli: Callable[..., Run]) -> None:
    result = cli("check")
    line = next(line for line in result.out.splitlines() if line.startswith("coverage of article text by quotes: "))
    assert re.fullmatch(r"coverage of article text by quotes: (\S+ \d+%, ){4}\S+ \d+%; \d+ claims with evidence from 2\+ articles", line)


def test_coverage_counts_only_article_text(mini: Path) -> None:
    corpus, _ = load_corpus(mini)
    # alpha: line 1 (headline) and the second sentence of line 4 are not quoted; line 3 is non-article
    alpha = corpus.articles["alpha"]
    quoted = sum(len(q.text.replace(" ", "")) for q in corpus.quotes_by_source["alpha"])
    lines = alpha.lines
    total = sum(len(lines[n - 1].replace(" ", "")) for n in alpha.article_line_numbers())
    assert corpus.coverage()["alpha"] == pytest.approx(quoted / total)
    assert corpus.uncovered_lines()["alpha"] == [1]
