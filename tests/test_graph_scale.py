"""The full graph at a size past its core: the page carries only the most connected actors, the
rest comes in pieces (an actor's neighbourhood, a file of names) when a reader asks for it; the list
of relations is its own page, in parts."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from corpus_site.cite.cite import SiteInfo, cite_corpus
from corpus_site.corpus.corpus import Corpus
from corpus_site.corpus.loading import load_corpus
from corpus_site.devtools.cli import main
from corpus_site.graph import CORE, around_data, build_graph, fold, full_page_data, name_chars, name_shards
from corpus_site.records.urls import relation_ids
from corpus_site.site.pages import plan_pages
from corpus_site.site.paging import ROWS_PER_PAGE

from browser import serve
from conftest import PROJECT, Visit

SCALE = 3
"""Three times the real corpus: some 200 actors in relations (and 50 only named with others), past the core of 150."""


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Corpus]:
    root = tmp_path_factory.mktemp("graph-scale") / "corpus"
    assert main(["synth", "--scale", str(SCALE), "--out", str(root)]) == 0
    assert main(["--root", str(root), "build", "--site-dir", str(root / "site")]) == 0
    corpus, problems = load_corpus(root)
    assert not problems.errors
    return root / "site", corpus


@pytest.fixture(scope="module")
def scaled_url(scaled: tuple[Path, Corpus]) -> Iterator[str]:
    with serve(scaled[0]) as url:
        yield url


def _page_data(site: Path) -> dict[str, Any]:
    page = (site / "graph" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="graph-data"[^>]*>(.*?)</script>', page, re.S)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


@pytest.mark.slow
def test_the_page_holds_the_core_and_the_site_every_neighbourhood(scaled: tuple[Path, Corpus]) -> None:
    site, corpus = scaled
    graph = build_graph(corpus)
    actors = graph.actors()
    assert len(actors) > CORE
    data = _page_data(site)
    assert data["complete"] is False and data["total"] == len(actors)
    drawn = [node["id"] for node in data["nodes"]]
    assert drawn == graph.core() and len(drawn) == CORE
    # the most connected: no actor left out has more relations than one drawn
    degree = {actor: graph.measures[actor].degree if actor in graph.measures else 0 for actor in actors}
    assert max(degree[actor] for actor in set(actors) - set(drawn)) <= min(degree[actor] for actor in drawn)
    inside = set(drawn)
    assert all(edge["subject"] in inside and edge["object"] in inside for edge in [*data["edges"], *data["cooccurrence"]])
    assert len(data["edges"]) == sum(1 for r in corpus.relations if r.subject in inside and r.object in inside)
    # one neighbourhood per actor, each with all of its relations and co-occurrence links
    written = sorted(path.stem for path in (site / "graph" / "around").glob("*.json"))
    assert written == sorted(actors)
    for actor in actors[:: max(1, len(actors) // 25)]:
        piece = json.loads((site / "graph" / "around" / f"{actor}.json").read_text(encoding="utf-8"))
        assert piece["actor"] == actor
        assert sorted(edge["id"] for edge in piece["edges"]) == sorted(row["id"] for row in graph.edge_rows_of(actor))
        partners = set(graph.cooccurrence.neighbors(actor)) if actor in graph.cooccurrence else set()
        assert {edge["subject"] if edge["object"] == actor else edge["object"] for edge in piece["cooccurrence"]} == partners
        placed = {node["id"]: (node["x"], node["y"]) for node in piece["nodes"]}
        assert all(placed[node] == graph.positions[node] for node in placed if node in graph.positions)
        assert all(0 <= index < len(piece["claims"]) for edge in piece["edges"] for index in edge["claims"])
        assert all(edge["page"] and edge["eras"] for edge in piece["edges"])


@pytest.mark.slow
def test_every_name_and_alias_is_in_the_file_its_letters_point_to(scaled: tuple[Path, Corpus]) -> None:
    site, corpus = scaled
    data = _page_data(site)
    keys = data["names"]
    assert sorted(path.stem for path in (site / "graph" / "names").glob("*.json")) == sorted(keys)
    graph = build_graph(corpus)
    for actor in graph.actors():
        for name in [corpus.actors[actor].name, *corpus.actors[actor].aliases]:
            chars = name_chars(name)
            key = next(chars[:length] for length in range(len(chars), 0, -1) if chars[:length] in keys)
            listed = json.loads((site / "graph" / "names" / f"{key}.json").read_text(encoding="utf-8"))
            assert [name, actor] in listed


def test_files_of_names_split_past_their_budget(real_graph: tuple[Any, Corpus]) -> None:
    graph, corpus = real_graph
    whole = name_shards(graph, corpus, budget=1000)
    split = name_shards(graph, corpus, budget=1)
    names = sorted(tuple(row) for rows in whole.values() for row in rows)
    assert sorted(tuple(row) for rows in split.values() for row in rows) == names
    assert all(len(key) == 1 for key in whole) and any(len(key) > 1 for key in split)
    for key, rows in split.items():  # each name in the longest key that starts its letters
        for name, _actor in rows:
            chars = name_chars(name)
            assert chars.startswith(key) and not any(other.startswith(key) and other != key and chars.startswith(other) for other in split)
    assert fold("Ḥizballāh") == "hizballah" and name_chars("Al-Qassam Brigades") == "alqassambrigades" and name_chars("حزب") == "___"


@pytest.fixture(scope="module")
def real_graph() -> tuple[Any, Corpus]:
    corpus, problems = load_corpus(PROJECT)
    assert not problems.errors
    return build_graph(corpus), corpus


def test_a_small_graph_is_drawn_whole_and_a_core_keeps_to_its_actors(real_graph: tuple[Any, Corpus]) -> None:
    graph, corpus = real_graph
    whole = full_page_data(graph, corpus)
    assert whole["complete"] is True and "names" not in whole
    assert [node["id"] for node in whole["nodes"]] == graph.actors()
    assert len(whole["edges"]) == len(corpus.relations)
    core = full_page_data(graph, corpus, limit=10)
    assert core["complete"] is False and core["total"] == len(graph.actors()) and len(core["nodes"]) == 10
    inside = {node["id"] for node in core["nodes"]}
    top = [actor for actor, _measures in graph.most_connected(10)]
    assert inside == set(top)
    assert all(edge["subject"] in inside and edge["object"] in inside for edge in [*core["edges"], *core["cooccurrence"]])
    # the ids of links are the whole graph's, so that pieces merge on the page
    piece = around_data(graph, corpus, "hezbollah")
    shared = {edge["id"] for edge in core["cooccurrence"]} & {edge["id"] for edge in piece["cooccurrence"]}
    assert shared and all(edge_id.startswith("c:") for edge_id in shared)


def test_the_relations_page_lists_every_relation_once_across_its_parts(
    real_graph: tuple[Any, Corpus], monkeypatch: pytest.MonkeyPatch
) -> None:
    graph, corpus = real_graph
    monkeypatch.setitem(ROWS_PER_PAGE, "relations_index.md.j2", 40)
    site = SiteInfo.detect("test", "https://example.org/", corpus.root)
    planned = plan_pages(corpus, site, cite_corpus(corpus, site), graph)
    parts = [page for page in planned if page.src == "relations.md" or page.src.startswith("relations/page/")]
    assert [page.src for page in parts] == ["relations.md", "relations/page/2.md", "relations/page/3.md"]
    listed: list[str] = []
    for page in parts:
        body = page.render().body
        rows = re.findall(r'<tr class="relation-[a-z-]+" data-era', body)
        links = re.findall(r'<a class="ref ref-relation" href="(?:\.\./\.\./)?([^/"]+)/">', body)
        assert len(rows) == len(links) <= 40
        listed += links
    assert sorted(listed) == sorted(relation_ids((r.subject, r.type, r.object) for r in corpus.relations))
    assert len(listed) == len(set(listed)) == len(corpus.relations)


# -- in the browser -----------------------------------------------------------------------------------


def _open(visit: Callable[..., Visit], url: str) -> tuple[Visit, list[str]]:
    fetched: list[str] = []
    record = visit(url)
    record.page.on("request", lambda request: fetched.append(request.url))
    record.page.wait_for_selector("section.graph[data-drawn]", timeout=30000)
    return record, fetched


def _point(page: Any, actor: str) -> tuple[float, float]:
    """Where an actor is drawn on the screen, once the drawing is centred on it."""
    point: dict[str, float] = page.evaluate(
        """(id) => {
            const network = window.corpusGraph.network;
            network.focus(id, {scale: 1.5, animation: false});
            const canvas = document.querySelector("section.graph .graph-canvas");
            canvas.scrollIntoView({block: "center"});
            const box = canvas.getBoundingClientRect();
            const dom = network.canvasToDOM(network.getPositions([id])[id]);
            return {x: box.left + dom.x, y: box.top + dom.y, hit: network.getNodeAt(dom) === id};
        }""",
        actor,
    )
    assert point["hit"]
    return point["x"], point["y"]


def _outside_core(site: Path) -> tuple[str, list[str]]:
    """An actor of the core with a neighbour the page does not draw, and those neighbours."""
    data = _page_data(site)
    drawn = {node["id"] for node in data["nodes"]}
    for node in data["nodes"]:
        piece = json.loads((site / "graph" / "around" / f"{node['id']}.json").read_text(encoding="utf-8"))
        linked = {edge[end] for edge in piece["edges"] for end in ("subject", "object")} - drawn
        if linked:
            return node["id"], sorted(linked)
    raise AssertionError("every neighbour of the core is in the core")


@pytest.mark.slow
def test_selecting_an_actor_loads_and_draws_its_neighbours(
    scaled: tuple[Path, Corpus], scaled_url: str, visit: Callable[..., Visit]
) -> None:
    site, _corpus = scaled
    actor, new = _outside_core(site)
    record, fetched = _open(visit, scaled_url + "graph/")
    page = record.page
    status = page.locator(".graph-status").inner_text()
    assert re.fullmatch(
        r"Showing \d+ of the graph's [\d,]+ actors and \d+ links; selecting an actor adds the actors linked to it\.", status
    )
    assert page.evaluate("window.corpusGraph.nodes.length") == CORE
    assert page.evaluate("(ids) => ids.filter((id) => window.corpusGraph.nodes.get(id) !== null)", new) == []
    page.mouse.click(*_point(page, actor))
    panel = page.locator(".graph-panel")
    panel.locator(".graph-added", has_text="Added").wait_for(timeout=10000)
    assert any(url.endswith(f"/graph/around/{actor}.json") for url in fetched)
    assert page.evaluate("(ids) => ids.filter((id) => window.corpusGraph.nodes.get(id) === null)", new) == []
    assert page.evaluate("(ids) => ids.filter((id) => window.corpusGraph.nodes.get(id).hidden)", new) == []
    assert page.evaluate("window.corpusGraph.nodes.length") > CORE
    said = re.fullmatch(
        r"Added (\d+) actors? related to it( and \d+ actors? named with it \(shown with the co-occurrence layer\))?\.",
        panel.locator(".graph-added").inner_text(),
    )
    assert said is not None and int(said.group(1)) == len(new)
    name = panel.locator("h3").inner_text()
    assert panel.get_by_role("link", name=f"Open {name}\u2019s page").get_attribute("href") == f"../actors/{actor}/"
    # a relation brought in lists its claims like the others (the piece's claims joined to the page's)
    edge = page.evaluate(
        """(ids) => {
            const graph = window.corpusGraph;
            const e = graph.data.edges.find((e) => ids.includes(e.subject) || ids.includes(e.object));
            return {claims: e.claims.map((i) => graph.data.claims[i][0])};
        }""",
        new,
    )
    assert edge["claims"]
    # selecting it again loads nothing more
    count = len(fetched)
    page.wait_for_timeout(600)  # not a double click (which opens the actor's page)
    page.mouse.click(*_point(page, actor))
    panel.locator(".graph-added", has_text="are drawn").wait_for(timeout=5000)
    assert len(fetched) == count
    assert record.console_errors == []
    assert record.outside_requests == []


@pytest.mark.slow
def test_the_find_box_finds_an_actor_outside_the_core_by_an_alias(
    scaled: tuple[Path, Corpus], scaled_url: str, visit: Callable[..., Visit]
) -> None:
    site, corpus = scaled
    drawn = {node["id"] for node in _page_data(site)["nodes"]}
    graph = build_graph(corpus)
    actor = next(
        a for a in graph.actors() if a not in drawn and corpus.actors[a].aliases and corpus.actors[a].aliases[0] != corpus.actors[a].name
    )
    alias = corpus.actors[actor].aliases[0]
    record, fetched = _open(visit, scaled_url + "graph/")
    page = record.page
    page.locator("form.graph-find input").fill(alias.upper())
    page.locator("form.graph-find button").click()
    page.locator(".graph-find-result", has_text="Found").wait_for(timeout=10000)
    assert page.locator(".graph-find-result").inner_text() == f"Found {corpus.actors[actor].name}."
    assert any(re.search(r"/graph/names/[a-z0-9_]+\.json$", url) for url in fetched)
    assert any(url.endswith(f"/graph/around/{actor}.json") for url in fetched)
    assert page.evaluate("window.corpusGraph.network.getSelectedNodes()") == [actor]
    assert page.evaluate("(id) => window.corpusGraph.nodes.get(id) !== null", actor)
    page.locator("form.graph-find input").fill("qqqq nobody of that name")
    page.locator("form.graph-find button").click()
    page.locator(".graph-find-result", has_text="No actor").wait_for(timeout=5000)
    assert record.console_errors == []
    assert record.outside_requests == []


@pytest.mark.slow
def test_an_actor_page_link_opens_the_full_graph_on_an_actor_outside_the_core(
    scaled: tuple[Path, Corpus], scaled_url: str, visit: Callable[..., Visit]
) -> None:
    site, _corpus = scaled
    drawn = {node["id"] for node in _page_data(site)["nodes"]}
    actor = next(path.stem for path in sorted((site / "graph" / "around").glob("*.json")) if path.stem not in drawn)
    record, _fetched = _open(visit, scaled_url + f"graph/?actor={actor}")
    page = record.page
    page.wait_for_function("(id) => window.corpusGraph.network.getSelectedNodes()[0] === id", arg=actor, timeout=10000)
    assert record.console_errors == []
