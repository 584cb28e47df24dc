"""`serve`'s incremental rebuilds: after a series of edits, the site is byte for byte what a full build
of the same records makes (the full build stays the reference)."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from corpus_site.plugin.devsite import DevSite
from corpus_site.plugin.session import record_links
from corpus_site.site.project import Project

from conftest import PROJECT

URL = "http://127.0.0.1:8118/"


def _differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []
    for folder, _dirs, files in os.walk(left):
        for name in files:
            path = Path(folder) / name
            rel = path.relative_to(left)
            if rel.parts[0] == "pagefind":
                continue  # Pagefind's files depend on the order it finds pages in: compared below
            other = right / rel
            if not other.is_file() or not filecmp.cmp(path, other, shallow=False):
                found.append(str(rel))
    for folder, _dirs, files in os.walk(right):
        for name in files:
            rel = (Path(folder) / name).relative_to(right)
            if rel.parts[0] != "pagefind" and not (left / rel).exists():
                found.append(f"{rel} (only in the full build)")
    # the search index: the same pages in it, whatever the order they were found in
    entries = [json.loads((side / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")) for side in (left, right)]
    if [entry["languages"]["en"]["page_count"] for entry in entries] != [entries[1]["languages"]["en"]["page_count"]] * 2:
        found.append("pagefind/pagefind-entry.json (page count)")
    return sorted(found)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 10_000_000  # a new time, however coarse the file system's clock
    os.utime(path, ns=(stamp, stamp))


def _full(root: Path) -> DevSite:
    reference = DevSite(Project(PROJECT), root, URL)
    assert reference.rebuild().kind == "full"
    reference.wait()  # its search index is written in the background
    return reference


@pytest.mark.slow
def test_incremental_rebuilds_equal_a_full_build(mini: Path) -> None:
    site = DevSite(Project(PROJECT), mini, URL)
    sites: list[DevSite] = [site]
    try:
        assert site.rebuild().kind == "full"
        claims, actors, events = mini / "claims.yaml", mini / "actors.yaml", mini / "events.yaml"
        edits: list[tuple[str, Callable[[], None]]] = [
            ("a statement", lambda: _edit(claims, "about $100 million a year.", "about $100 million a year, says Alpha.")),
            ("a stance", lambda: _edit(claims, "stance: qualifies", "stance: disputes")),
            ("a quote", lambda: _edit(claims, "quote: Hezbollah knew nothing of the attack", "quote: Hezbollah knew nothing")),
            ("an actor's name", lambda: _edit(actors, "name: Hezbollah", "name: Hezbollah (Lebanon)")),
            ("an event's title", lambda: _edit(events, "title: Hamas attack on Israel", "title: Hamas attack on southern Israel")),
            # a relation's type is part of its page's address (relations/<subject>-<type>-<object>/): a new
            # type is a new page, which a full rebuild makes; its note is not
            (
                "a relation",
                lambda: _edit(
                    actors,
                    "    claims: [iran-funds-hamas-amount]\n",
                    "    claims: [iran-funds-hamas-amount]\n    note: As the article gives it.\n",
                ),
            ),
            ("a claim's actors", lambda: _edit(claims, "actors: [hezbollah]", "actors: [hezbollah, iran]")),
        ]
        for what, edit in edits:
            edit()
            result = site.rebuild()
            assert result.kind == "incremental", f"{what}: {result.line()}"
            assert 0 < result.rendered + result.later < result.total, (
                f"{what}: {result.line()}"
            )  # a relation page is written after the reload
        site.wait()
        assert site.site_dir is not None
        reference = _full(mini)
        sites.append(reference)
        assert reference.site_dir is not None
        assert _differences(site.site_dir, reference.site_dir) == []
    finally:
        for each in sites:
            each.wait()
            if each.site_dir is not None:
                shutil.rmtree(each.site_dir, ignore_errors=True)


@pytest.mark.slow
def test_a_broken_edit_keeps_the_last_good_site_and_the_fix_rebuilds(mini: Path) -> None:
    site = DevSite(Project(PROJECT), mini, URL)
    try:
        site.rebuild()
        good = site.site_dir
        assert good is not None
        before = (good / "claims" / "iran-funds-hamas-amount" / "index.html").read_bytes()
        claims = mini / "claims.yaml"
        _edit(claims, "actors: [iran, hamas]", "actors: [iran, hamass]")
        failed = site.rebuild()
        assert failed.kind == "failed"
        assert [problem.code for problem in site.problems if problem.level.value == "error"] == ["unknown-actor"]
        assert "did you mean 'hamas'?" in site.problems[0].format()
        assert site.site_dir == good and (good / "claims" / "iran-funds-hamas-amount" / "index.html").read_bytes() == before
        _edit(claims, "actors: [iran, hamass]", "actors: [iran, hamas]")
        _edit(claims, "about $100 million a year.", "about $100 million every year.")
        fixed = site.rebuild()
        assert fixed.kind == "incremental" and site.problems == []
        assert "every year" in (good / "claims" / "iran-funds-hamas-amount" / "index.html").read_text(encoding="utf-8")
    finally:
        site.wait()
        if site.site_dir is not None:
            shutil.rmtree(site.site_dir, ignore_errors=True)


def test_record_links_resolve_relative_links_and_graph_data() -> None:
    body = '<a href="../other/">x</a> <a href="../../actors/iran/#a">y</a> <a href="https://x.org/claims/z/">z</a>'
    body += '<script type="application/json">{"claims":[["listed-claim","Statement","agreed"]]}</script>'
    links = record_links("claims/one/", body)
    assert {"claims/other", "actors/iran", "claims/listed-claim", "events/listed-claim"} <= links
    assert "claims/z" not in links


def test_what_serve_keeps_between_loads_gives_the_same_problems_as_a_fresh_load(mini: Path) -> None:
    from corpus_site.records.validate import ReadCache
    from corpus_site.site.pipeline import load_site

    docs = PROJECT / "docs"
    cache = ReadCache()
    assert load_site(mini, docs, cache=cache)[1].items == []
    # the speaker is no longer named the way the quote names him: the claim, unchanged, now warns
    _edit(mini / "actors.yaml", "name: Hezbollah\n    kind: armed-group\n    aliases: [Hizballah]", "name: Hizbu\n    kind: armed-group")
    kept, fresh = load_site(mini, docs, cache=cache)[1], load_site(mini, docs)[1]
    assert [problem.format() for problem in kept.sorted()] == [problem.format() for problem in fresh.sorted()]
    assert "speaker-not-named" in {problem.code for problem in kept.items}
    _edit(mini / "claims.yaml", "stance: qualifies", "stance: disputes")
    kept, fresh = load_site(mini, docs, cache=cache)[1], load_site(mini, docs)[1]
    assert [problem.format() for problem in kept.sorted()] == [problem.format() for problem in fresh.sorted()]


def test_the_graph_compared_between_rebuilds_is_the_whole_graph_not_the_pages_core(tmp_path: Path) -> None:
    from corpus_site.corpus.loading import load_corpus
    from corpus_site.devtools.synth import synthesize
    from corpus_site.graph import CORE, build_graph
    from corpus_site.plugin.incremental import graph_document

    synthesize(tmp_path / "corpus", 3, seed=3)
    corpus, problems = load_corpus(tmp_path / "corpus")
    assert not problems.errors
    graph = build_graph(corpus)
    document = json.loads(graph_document(graph, corpus))
    assert len(graph.actors()) > CORE
    assert [node["id"] for node in document["nodes"]] == graph.actors()
    assert len(document["edges"]) == len(corpus.relations)
