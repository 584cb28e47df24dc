"""The synthetic corpus: deterministic, valid under check --strict, and buildable."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from corpus_site.corpus.loading import load_corpus
from corpus_site.devtools.synth import synthesize
from corpus_site.devtools.synth_vocabulary import ACTORS, ARTICLES, CLAIMS, EVENTS, MARKER, QUESTIONS, RELATIONS
from corpus_site.site.pages import OVERVIEW_PAGES

from conftest import Run

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("scale", [1, 2])
def test_same_seed_gives_identical_files(tmp_path: Path, scale: int) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    synthesize(first, scale, seed=3)
    synthesize(second, scale, seed=3)
    assert _files(first) == _files(second)
    synthesize(first, scale, seed=3)  # writing over an earlier synthetic corpus gives the same bytes again
    assert _files(first) == _files(second)


def test_another_seed_gives_another_corpus(tmp_path: Path) -> None:
    synthesize(tmp_path / "a", 1, seed=3)
    synthesize(tmp_path / "b", 1, seed=4)
    assert (tmp_path / "a" / "claims.yaml").read_bytes() != (tmp_path / "b" / "claims.yaml").read_bytes()


@pytest.mark.parametrize("scale", [1, 2])
def test_synthetic_corpus_is_scale_times_the_real_one_and_passes_strict_check(tmp_path: Path, cli: Callable[..., Run], scale: int) -> None:
    root = tmp_path / "corpus"
    run = cli("synth", "--scale", scale, "--out", root)
    assert run.code == 0, run.err
    counts = json.loads((root / MARKER).read_text(encoding="utf-8"))["counts"]
    assert counts["sources"] == ARTICLES * scale
    assert counts["actors"] == ACTORS * scale
    assert counts["relations"] == RELATIONS * scale
    assert counts["events"] == EVENTS * scale
    assert counts["claims"] == CLAIMS * scale
    assert counts["questions"] == QUESTIONS * scale
    assert 700 * scale <= counts["quotes"] <= 950 * scale
    check = cli("--root", root, "check", "--strict")
    assert check.code == 0, check.err
    assert "0 error(s), 0 warning(s)" in check.out


@pytest.mark.slow
def test_synthetic_corpus_builds_every_page(tmp_path: Path, cli: Callable[..., Run]) -> None:
    root = tmp_path / "corpus"
    assert cli("synth", "--scale", 1, "--out", root).code == 0
    site = tmp_path / "site"
    run = cli("--root", root, "build", "--strict", "--site-dir", site)
    assert run.code == 0, run.err
    corpus, _problems = load_corpus(root)
    # records, one page per tag and one per relation
    records = ARTICLES + ACTORS + EVENTS + CLAIMS + QUESTIONS + len(corpus.tags) + RELATIONS
    overview = len(OVERVIEW_PAGES) + 4  # overview pages and the four indexes
    expected = records + overview + len(list(DOCS.rglob("*.md")))
    assert f"; {expected} pages;" in run.out
    assert sum(1 for _ in site.rglob("index.html")) == expected
    claims = json.loads((site / "data" / "claims.json").read_text(encoding="utf-8"))
    assert len(claims) == CLAIMS
    for claim in claims[:20]:
        for evidence in claim["evidence"]:
            seed = next(
                source
                for source in json.loads((site / "data" / "sources.json").read_text(encoding="utf-8"))
                if source["id"] == evidence["source"]
            )
            text = (root / "seeds" / seed["seed_file"]).read_text(encoding="utf-8")
            assert text[evidence["start"] : evidence["end"]] == evidence["quote"]


def test_synth_never_writes_over_a_corpus_it_did_not_write(tmp_path: Path, cli: Callable[..., Run]) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "claims.yaml").write_text("claims: []\n", encoding="utf-8")
    run = cli("synth", "--scale", 1, "--out", root)
    assert run.code == 2
    assert "holds no synthetic corpus" in run.err
    assert (root / "claims.yaml").read_text(encoding="utf-8") == "claims: []\n"
    assert cli("synth", "--scale", 0, "--out", tmp_path / "other").code == 2
