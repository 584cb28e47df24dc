"""The relationship graph: its data (one node per connected actor, one edge per relation), a layout
that does not change from build to build, and the drawing in a real browser (Debian's Chromium)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from corpus_site.corpus.corpus import Corpus
from corpus_site.corpus.loading import load_corpus
from corpus_site.devtools.cli import main
from corpus_site.devtools.graph_bench import synthetic
from corpus_site.graph import (
    LARGE_GRAPH,
    VENDOR_ASSETS,
    build_graph,
    full_page_data,
    layout,
    measure,
)
from corpus_site.util.jsonio import script_json

from browser import serve
from conftest import FIXTURES, PROJECT, Visit


@pytest.fixture(scope="module")
def real_corpus() -> Corpus:
    corpus, problems = load_corpus(PROJECT)
    assert not problems.errors
    return corpus


@pytest.fixture(scope="module")
def mini_corpus() -> Corpus:
    corpus, problems = load_corpus(FIXTURES / "mini")
    assert not problems.errors
    return corpus


def _check_one_node_per_actor_and_one_edge_per_relation(corpus: Corpus) -> dict[str, Any]:
    document = build_graph(corpus).document()
    node_ids = [node["id"] for node in document["nodes"]]
    connected = {actor for relation in corpus.relations for actor in (relation.subject, relation.object)}
    assert len(node_ids) == len(set(node_ids)), "an actor appears twice"
    assert set(node_ids) == connected
    assert len(document["edges"]) == len(corpus.relations)
    for edge, relation in zip(document["edges"], corpus.relations, strict=True):
        assert (edge["subject"], edge["type"], edge["object"]) == (relation.subject, relation.type, relation.object)
        assert edge["claims"] == list(relation.claims)
        behind = {source for claim in relation.claims for source in corpus.claims[claim].source_ids}
        assert set(edge["sources"]) == behind and len(edge["sources"]) == len(behind)
    for node in document["nodes"]:
        assert set(node) >= {"id", "label", "kind", "degree", "betweenness", "x", "y", "url"}
        assert node["url"] == f"actors/{node['id']}/"
        assert node["label"] == corpus.actors[node["id"]].name
        assert node["degree"] == sum(1 for r in corpus.relations if node["id"] in (r.subject, r.object))
        assert 0.0 <= node["betweenness"] <= 1.0
        assert isinstance(node["x"], int) and isinstance(node["y"], int)
    return document


def test_real_graph_has_one_node_per_connected_actor_and_one_edge_per_relation(real_corpus: Corpus) -> None:
    document = _check_one_node_per_actor_and_one_edge_per_relation(real_corpus)
    assert len(document["nodes"]) > 50 and len(document["edges"]) > 100


def test_mini_graph_has_one_node_per_connected_actor_and_one_edge_per_relation(mini_corpus: Corpus) -> None:
    document = _check_one_node_per_actor_and_one_edge_per_relation(mini_corpus)
    assert [node["id"] for node in document["nodes"]] == ["iran", "hamas"]
    assert document["edges"] == [
        {
            "id": "r1",
            "subject": "iran",
            "object": "hamas",
            "type": "funds",
            "period": None,
            "claims": ["iran-funds-hamas-amount"],
            "sources": ["alpha", "beta"],
            "status": "supported",
            "disputing": [],
        }
    ]


def test_cooccurrence_is_a_separate_layer_of_actors_named_together(real_corpus: Corpus) -> None:
    graph = build_graph(real_corpus)
    document = graph.document()
    expected: dict[tuple[str, str], set[str]] = {}
    for view in real_corpus.claims.values():
        named = sorted(set(view.claim.actors))
        for i, a in enumerate(named):
            for b in named[i + 1 :]:
                expected.setdefault((a, b), set()).add(view.id)
    for event in real_corpus.events.values():
        named = sorted({participant.actor for participant in event.actors})
        for i, a in enumerate(named):
            for b in named[i + 1 :]:
                expected.setdefault((a, b), set()).add(event.id)
    edges = document["cooccurrence"]["edges"]
    assert {(edge["subject"], edge["object"]): set(edge["claims"]) | set(edge["events"]) for edge in edges} == expected
    relation_nodes = {node["id"] for node in document["nodes"]}
    extra = {node["id"] for node in document["cooccurrence"]["nodes"]}
    assert extra and not extra & relation_nodes
    assert extra == {actor for pair in expected for actor in pair} - relation_nodes
    # the co-occurrence layer never moves the relation nodes
    alone = layout(graph.relations)
    assert all(alone[node["id"]] == (node["x"], node["y"]) for node in document["nodes"])


def test_measures_and_lists(real_corpus: Corpus) -> None:
    graph = build_graph(real_corpus)
    top = graph.most_connected()
    assert [graph.measures[actor].degree for actor, _ in top] == sorted((graph.measures[actor].degree for actor, _ in top), reverse=True)
    assert top[0][1].degree == max(m.degree for m in graph.measures.values())
    assert top[0][1].degree_rank == 1
    brokers = graph.brokers()
    assert brokers and all(m.betweenness > 0 for _, m in brokers)
    assert brokers[0][1].betweenness == max(m.betweenness for m in graph.measures.values())
    leaves = [actor for actor, m in graph.measures.items() if m.neighbours == 1]
    assert leaves and all(graph.measures[actor].betweenness == 0 for actor in leaves)


def test_layout_and_measures_are_deterministic(real_corpus: Corpus) -> None:
    first = json.dumps(build_graph(real_corpus).document())
    second = json.dumps(build_graph(real_corpus).document())
    assert first == second


def test_two_builds_write_identical_graph_json(tmp_path: Path) -> None:
    outputs = []
    for run in ("one", "two"):
        root = tmp_path / run
        shutil.copytree(FIXTURES / "mini", root)
        assert main(["--root", str(root), "build", "--site-dir", str(root / "site")]) == 0
        outputs.append((root / "site" / "data" / "graph.json").read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["edges"][0]["subject"] == "iran"


def test_the_real_build_wrote_the_graph_computed_here(real_site: Path, real_corpus: Corpus) -> None:
    written = json.loads((real_site / "data" / "graph.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(build_graph(real_corpus).document()))


def test_large_graphs_use_the_near_linear_layout_and_sampled_betweenness() -> None:
    graph = synthetic(LARGE_GRAPH + 100)
    positions = layout(graph.relations, graph.cooccurrence)
    assert set(positions) == set(graph.relations.nodes)
    assert layout(graph.relations, graph.cooccurrence) == positions
    measures, sample = measure(graph.relations)
    assert sample is not None and len(measures) == len(graph.relations)
    spread = {xy for xy in positions.values()}
    assert len(spread) > 0.95 * len(positions), "nodes piled on top of each other"


def test_benchmark_command_prints_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    from corpus_site.devtools.graph_bench import main as graph_main

    assert graph_main(["--bench", "120"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"120 nodes, \d+ relations", out) and "layout" in out and "total" in out


def test_page_data_is_safe_inside_a_script_element(mini_corpus: Corpus) -> None:
    data = {"text": "</script><script>alert(1)</script> & <!-- \u2028"}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data
    page = full_page_data(build_graph(mini_corpus), mini_corpus)
    assert json.loads(script_json(page)) == page


def test_vis_network_is_one_shared_asset(real_site: Path) -> None:
    scripts = sorted(path.relative_to(real_site).as_posix() for path in real_site.rglob("vis-network*") if path.is_file())
    assert scripts == sorted(VENDOR_ASSETS)
    for src, source in VENDOR_ASSETS.items():
        assert (real_site / src).read_bytes() == source.read_bytes()
    marker = "Almende B.V"  # vis-network's licence header: no page inlines the library
    pages = list(real_site.rglob("*.html"))
    assert not [page for page in pages if marker in page.read_text(encoding="utf-8")]
    graph_page = (real_site / "graph" / "index.html").read_text(encoding="utf-8")
    assert '<script src="../assets/vendor/vis-network/vis-network.min.js" defer></script>' in graph_page
    actor_page = (real_site / "actors" / "hezbollah" / "index.html").read_text(encoding="utf-8")
    assert '<script src="../../assets/vendor/vis-network/vis-network.min.js" defer></script>' in actor_page
    assert not (PROJECT / "lib").exists(), "pyvis' HTML writer left a lib/ folder"


def test_actor_pages_show_measures(real_site: Path, real_corpus: Corpus) -> None:
    graph = build_graph(real_corpus)
    measures = graph.measures["hezbollah"]
    page = (real_site / "actors" / "hezbollah" / "index.html").read_text(encoding="utf-8")
    assert f"<dt>Relations</dt><dd>{measures.degree} ({measures.out_degree} as subject, {measures.in_degree} as object)" in page
    assert f"<dt>Betweenness</dt><dd>{measures.betweenness:.3f}, rank {measures.broker_rank} of {len(graph.relations)}" in page


# -- in the browser -----------------------------------------------------------------------------------


def _open_graph(visit: Callable[..., Visit], url: str, **options: Any) -> Visit:
    record = visit(url, **options)
    record.page.wait_for_selector("section.graph[data-drawn]", timeout=15000)
    return record


def _dom_point(page: Any, node_id: str) -> dict[str, float]:
    """Where a node is drawn, in page coordinates, from vis-network's own positions."""
    point: dict[str, float] = page.evaluate(
        """(id) => {
            const network = window.corpusGraph.network;
            const dom = network.canvasToDOM(network.getPositions([id])[id]);
            const canvas = document.querySelector("section.graph .graph-canvas");
            canvas.scrollIntoView({block: "center"});
            const box = canvas.getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y, inside: dom.x > 5 && dom.y > 5 && dom.x < box.width - 5 && dom.y < box.height - 5,
                    hit: network.getNodeAt(dom) === id};
        }""",
        node_id,
    )
    return point


def test_graph_page_draws_on_the_canvas_clean_and_self_contained(real_url: str, visit: Callable[..., Visit]) -> None:
    record = _open_graph(visit, real_url + "graph/")
    painted = record.page.evaluate(
        """() => {
            const canvas = document.querySelector("section.graph canvas");
            const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
            return painted;
        }"""
    )
    assert painted > 5000
    assert record.page.evaluate("window.corpusGraph.network.physics.options.enabled") is False
    # drawn where the build put them: no layout ran in the browser
    moved = record.page.evaluate(
        """() => {
            const positions = window.corpusGraph.network.getPositions();
            const drawn = window.corpusGraph.data.nodes.filter((n) => n.layer === "relations");
            return drawn.filter((n) => !positions[n.id] || positions[n.id].x !== n.x || positions[n.id].y !== n.y).length;
        }"""
    )
    assert moved == 0
    assert record.console_errors == []
    assert record.outside_requests == []


def test_selecting_a_node_shows_it_with_a_link_to_its_page(real_url: str, visit: Callable[..., Visit]) -> None:
    record = _open_graph(visit, real_url + "graph/")
    page = record.page
    point = _dom_point(page, "hezbollah")
    assert point["inside"] and point["hit"]
    page.mouse.click(point["x"], point["y"])
    panel = page.locator(".graph-panel")
    panel.locator("h3").wait_for()
    assert panel.locator("h3").inner_text() == "Hezbollah"
    assert re.match(r"\w[\w -]* · \d+ relations · betweenness ", panel.locator("p").first.inner_text())
    # the whole real graph is on the page: nothing is loaded, nothing said about loading
    assert panel.locator(".graph-added").count() == 0
    opening = panel.get_by_role("link", name="Open Hezbollah\u2019s page")
    with page.expect_navigation():
        opening.click()
    assert page.url.endswith("/actors/hezbollah/")
    assert page.locator("h1").first.inner_text().strip() == "Hezbollah"
    assert record.console_errors == []


def _clickable_edge(page: Any) -> dict[str, Any]:
    """A relation whose midpoint hits only that edge (no node, no other edge on top)."""
    edge: dict[str, Any] | None = page.evaluate(
        """() => {
            const graph = window.corpusGraph, network = graph.network;
            const canvas = document.querySelector("section.graph .graph-canvas");
            canvas.scrollIntoView({block: "center"});
            const box = canvas.getBoundingClientRect();
            const pairs = {};
            for (const e of graph.data.edges) {
                const key = [e.subject, e.object].sort().join(" ");
                pairs[key] = (pairs[key] || 0) + 1;
            }
            for (const e of graph.data.edges) {
                if (pairs[[e.subject, e.object].sort().join(" ")] > 1) continue;
                const p = network.getPositions([e.subject, e.object]);
                const mid = network.canvasToDOM({x: (p[e.subject].x + p[e.object].x) / 2, y: (p[e.subject].y + p[e.object].y) / 2});
                if (mid.x < 5 || mid.y < 5 || mid.x > box.width - 5 || mid.y > box.height - 5) continue;
                if (network.getNodeAt(mid) !== undefined || network.getEdgeAt(mid) !== e.id) continue;
                return {id: e.id, x: box.left + mid.x, y: box.top + mid.y,
                        claims: e.claims.map((i) => graph.data.claims[i][0])};
            }
            return null;
        }"""
    )
    assert edge is not None, "no relation line can be clicked on its own"
    return edge


def test_clicking_an_edge_lists_its_claims(real_url: str, visit: Callable[..., Visit]) -> None:
    record = _open_graph(visit, real_url + "graph/")
    page = record.page
    edge = _clickable_edge(page)
    page.mouse.click(edge["x"], edge["y"])
    panel = page.locator(".graph-panel")
    panel.locator("ul.graph-claims").wait_for()
    hrefs = [link.get_attribute("href") or "" for link in panel.locator("ul.graph-claims a").all()]
    assert [href.split("/")[-2] for href in hrefs] == edge["claims"]
    assert all(href.startswith("../claims/") for href in hrefs)
    assert panel.locator("h3 a").count() == 2
    with page.expect_navigation():
        panel.locator("ul.graph-claims a").first.click()
    assert f"/claims/{edge['claims'][0]}/" in page.url
    assert record.console_errors == []


def test_filters_layer_and_physics_toggles(real_url: str, visit: Callable[..., Visit]) -> None:
    page = _open_graph(visit, real_url + "graph/").page
    hidden = "(type) => window.corpusGraph.data.edges.filter((e) => e.type === type).map((e) => window.corpusGraph.edges.get(e.id).hidden)"
    assert set(page.evaluate(hidden, "leads")) == {False}
    page.locator("[data-graph-filter=type] input[value=leads]").uncheck()
    assert set(page.evaluate(hidden, "leads")) == {True}
    assert set(page.evaluate(hidden, "funds")) == {False}
    status = page.locator(".graph-status").inner_text()
    assert re.fullmatch(r"Showing \d+ of the graph's \d+ actors and \d+ links\.", status)

    page.locator("[data-graph-filter=kind] input[value=person]").uncheck()
    people_shown = page.evaluate(
        "() => window.corpusGraph.data.nodes.filter((n) => n.kind === 'person' && !window.corpusGraph.nodes.get(n.id).hidden).length"
    )
    assert people_shown == 0

    co_hidden = "() => window.corpusGraph.data.cooccurrence.map((e) => window.corpusGraph.edges.get(e.id).hidden)"
    assert set(page.evaluate(co_hidden)) == {True}
    page.locator("[data-graph-toggle=cooccurrence]").check()
    assert False in set(page.evaluate(co_hidden))

    before = page.evaluate("() => window.corpusGraph.network.getPositions()")
    page.locator("[data-graph-toggle=physics]").check()
    assert page.evaluate("window.corpusGraph.network.physics.options.enabled") is True
    page.wait_for_timeout(700)
    after = page.evaluate("() => window.corpusGraph.network.getPositions()")
    assert before != after


def test_find_box_focuses_an_actor_by_alias(real_url: str, visit: Callable[..., Visit]) -> None:
    page = _open_graph(visit, real_url + "graph/").page
    page.locator("form.graph-find input").fill("Hizballah")
    page.locator("form.graph-find button").click()
    assert page.evaluate("window.corpusGraph.network.getSelectedNodes()") == ["hezbollah"]
    assert page.locator(".graph-find-result").inner_text() == "Found Hezbollah."
    assert page.locator(".graph-panel h3 a").get_attribute("href") == "../actors/hezbollah/"
    page.locator("form.graph-find input").fill("nobody of that name")
    page.locator("form.graph-find button").click()
    assert page.locator(".graph-find-result").inner_text().startswith("No actor in the graph matches")


def test_actor_link_focuses_the_full_graph(real_url: str, visit: Callable[..., Visit]) -> None:
    page = _open_graph(visit, real_url + "actors/hamas/").page
    link = page.locator("section.graph-ego a", has_text="in the full graph")
    with page.expect_navigation():
        link.click()
    page.wait_for_selector("section.graph[data-drawn]")
    assert page.evaluate("window.corpusGraph.network.getSelectedNodes()") == ["hamas"]


def test_relations_table_sorts_by_a_header(real_url: str, real_corpus: Corpus, visit: Callable[..., Visit]) -> None:
    page = visit(real_url + "relations/").page
    table = page.locator("#relations-table")
    rows = table.locator("tbody tr")
    assert rows.count() == len(real_corpus.relations)
    header = table.locator("th", has_text="Relation")
    header.locator("button").click()
    types = [row.locator("td").nth(1).inner_text() for row in rows.all()]
    assert types == sorted(types, key=str.lower)
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator("button").click()
    types = [row.locator("td").nth(1).inner_text() for row in rows.all()]
    assert types == sorted(types, key=str.lower, reverse=True)
    assert header.get_attribute("aria-sort") == "descending"
    claims_header = table.locator("th", has_text="Claims")
    claims_header.locator("button").click()
    counts = [int(row.locator("td").nth(4).get_attribute("data-sort") or 0) for row in rows.all()]
    assert counts == sorted(counts)
    first_links = rows.first.locator("a.ref-actor")
    assert (first_links.first.get_attribute("href") or "").startswith("../actors/")


def test_actor_page_one_hop_graph(real_url: str, visit: Callable[..., Visit]) -> None:
    record = _open_graph(visit, real_url + "actors/hezbollah/")
    page = record.page
    data = page.evaluate("window.corpusGraph.data")
    assert data["center"] == "hezbollah"
    assert all("hezbollah" in (edge["subject"], edge["object"]) for edge in data["edges"])
    neighbour = next(edge["object"] if edge["subject"] == "hezbollah" else edge["subject"] for edge in data["edges"])
    point = _dom_point(page, neighbour)
    assert point["inside"] and point["hit"]
    with page.expect_navigation():
        page.mouse.click(point["x"], point["y"])
    assert page.url.endswith(f"/actors/{neighbour}/")
    assert record.console_errors == []
    assert record.outside_requests == []


# -- a payload in an actor's name --------------------------------------------------------------------

NAME_PAYLOAD = "<img src=x onerror=window.__xss=1>"


@pytest.fixture(scope="module")
def payload_graph_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("graph-payload") / "corpus"
    shutil.copytree(FIXTURES / "mini", root)
    actors = yaml.safe_load((root / "actors.yaml").read_text(encoding="utf-8"))
    for actor in actors["actors"]:
        if actor["id"] == "iran":
            actor["name"] = f"Iran {NAME_PAYLOAD}"
            actor["aliases"].append(f"</script>{NAME_PAYLOAD}")
    (root / "actors.yaml").write_text(yaml.safe_dump(actors, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["--root", str(root), "build", "--site-dir", str(root / "site")]) == 0
    with serve(root / "site") as url:
        yield url


@pytest.mark.parametrize("path", ["graph/", "actors/hamas/", "actors/iran/"])
def test_a_payload_in_a_name_is_text_in_the_graph_and_tooltip(path: str, payload_graph_site: str, visit: Callable[..., Visit]) -> None:
    record = _open_graph(visit, payload_graph_site + path)
    page = record.page
    labels = page.evaluate("() => window.corpusGraph.nodes.get().map((n) => n.label)")
    assert f"Iran {NAME_PAYLOAD}" in labels
    point = _dom_point(page, "iran")
    assert point["hit"]
    page.mouse.move(point["x"], point["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert f"Iran {NAME_PAYLOAD}" in tooltip.inner_text()
    page.mouse.move(5, 5)
    edge = _clickable_edge(page)
    page.mouse.click(edge["x"], edge["y"])
    page.locator(".graph-panel ul.graph-claims").wait_for()
    assert f"Iran {NAME_PAYLOAD}" in page.locator(".graph-panel h3").inner_text()
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert record.console_errors == []
    assert record.outside_requests == []


def test_period_filter_and_opening_view_on_the_connected_core(real_url: str, visit: Callable[..., Visit]) -> None:
    page = _open_graph(visit, real_url + "graph/").page
    # the drawing opens zoomed on the largest linked group, its labels larger than at "show everything"
    core_scale = page.evaluate("window.corpusGraph.network.getScale()")
    page.locator("[data-graph-action=fit]").click()
    page.wait_for_timeout(500)
    assert page.evaluate("window.corpusGraph.network.getScale()") < core_scale
    shown = "() => window.corpusGraph.data.edges.filter((e) => !window.corpusGraph.edges.get(e.id).hidden).map((e) => e.eras)"
    everything = page.evaluate(shown)
    page.locator("select[data-graph-filter=era]").select_option("before-2000")
    picked = page.evaluate(shown)
    assert 0 < len(picked) < len(everything) and all("before-2000" in eras for eras in picked)
    # the relations list, on its own page, filters by the same periods, and by actor aliases
    page.goto(real_url + "relations/")
    page.locator("select[data-filter=era]").select_option("from-2023")
    rows = page.locator("#relations-table tbody tr:not([hidden])")
    assert rows.count() > 0 and all("from-2023" in (row.get_attribute("data-era") or "") for row in rows.all())
    page.locator("select[data-filter=era]").select_option("")
    page.locator(".filters input[data-filter=text]").fill("hizballah")
    assert all("Hezbollah" in row.inner_text() for row in page.locator("#relations-table tbody tr:not([hidden])").all())
