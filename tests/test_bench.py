"""The benchmark command: it runs our build and the floor on the same pages and reports every figure.
No speed is asserted here; the figures are the benchmark's output (docs/performance.md)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from corpus_site.devtools.bench import CONFIG, RESULTS_END, RESULTS_START, floor_config, plain_markdown, update_page

from conftest import Run


@pytest.mark.slow
def test_bench_builds_ours_and_the_floor_with_the_same_pages_and_reports_the_figures(tmp_path: Path, cli: Callable[..., Run]) -> None:
    work = tmp_path / "bench"
    run = cli("bench", "--scales", "1", "--work", work, "--json", tmp_path / "figures.json")
    assert run.code == 0, run.err
    ours = sorted(path.relative_to(work / "site-1").as_posix() for path in (work / "site-1").rglob("index.html"))
    floor = sorted(path.relative_to(work / "floor-1" / "site").as_posix() for path in (work / "floor-1" / "site").rglob("index.html"))
    lean = sorted(
        path.relative_to(work / "lean-floor-1" / "site").as_posix() for path in (work / "lean-floor-1" / "site").rglob("index.html")
    )
    assert ours == floor == lean  # the floors are the same pages, at the same paths

    cells: dict[str, str] = {}
    lines = run.out.splitlines()
    headers = [number for number, line in enumerate(lines) if line.startswith("| scale |")]
    assert len(headers) == 3  # the build's table, the output and floors', what a reader downloads
    for number in headers:
        assert lines[number + 2].startswith("| 1x |")
        names = [cell.strip() for cell in lines[number].strip("|").split("|")]
        values = [cell.strip() for cell in lines[number + 2].strip("|").split("|")]
        cells.update(zip(names, values, strict=True))
    assert cells["pages"] == f"{len(ours):,}"
    for column in ("load+validate+anchor", "pages+graphs", "MkDocs", "total warm", "total cold", "floor", "lean floor"):
        assert re.fullmatch(r"\d+\.\d\d s", cells[column]), (column, cells[column])
    assert re.fullmatch(r"\d+", cells["pages/s"])
    assert re.fullmatch(r"\d+ MB", cells["peak memory"])
    assert re.fullmatch(r"\d+(\.\d)? [KM]B", cells["search index"])
    assert re.fullmatch(r"\d+(\.\d)? [KM]B \(.+/index\.html\)", cells["largest page"])
    assert re.fullmatch(r"\d+(\.\d)? [KM]B \(.+/index\.html\)", cells["largest outside the graph"])
    assert cells["first search (gzip)"] == "-"  # measured in Chromium, with --browser
    total, floor_total = float(cells["total warm"].split()[0]), float(cells["floor"].split()[0])
    assert float(cells["ratio"]) == pytest.approx(total / floor_total, abs=0.02)  # the cells are rounded
    assert float(cells["lean ratio"]) == pytest.approx(total / float(cells["lean floor"].split()[0]), abs=0.02)
    assert f"- 1x floor: {len(floor):,} pages in " in run.out
    assert f"- 1x lean floor: {len(floor):,} pages in " in run.out
    assert re.search(r"- total at 1x within 1\.5x of the floor: \d+\.\d\dx, (held|\*\*missed\*\*)", run.out)

    figures = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    assert figures["rows"][0]["pages"] == len(ours)
    assert set(figures["rows"][0]["warm"]["phases"]) >= {"load", "anchor", "pages", "mkdocs", "exports"}
    again = cli("bench", "--from-json", tmp_path / "figures.json")  # the report again, from the saved figures
    assert again.code == 0, again.err
    assert again.out == run.out


def test_results_are_written_between_the_markers_only(tmp_path: Path) -> None:
    page = tmp_path / "performance.md"
    page.write_text(f"# Performance\n\nbefore\n\n{RESULTS_START}\nold figures\n{RESULTS_END}\n\nafter\n", encoding="utf-8")
    update_page(page, "| new | table |")
    assert page.read_text(encoding="utf-8") == f"# Performance\n\nbefore\n\n{RESULTS_START}\n| new | table |\n{RESULTS_END}\n\nafter\n"
    page.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="are missing"):
        update_page(page, "x")


def test_the_floor_page_is_the_visible_text_as_plain_markdown() -> None:
    content = (
        '---\ntitle: "A &amp; B"\nhead: [["name", "x", "y"]]\n---\n\n'
        '<article><h1>Iran &amp; Hamas</h1><script type="application/json">{"a": 1}</script>'
        "<p>One <em>two</em> *three* [four](x)</p><ul><li>five</li><li>six</li></ul></article>\n"
    )
    assert plain_markdown(content) == '---\ntitle: "A & B"\n---\n\n# Iran & Hamas\n\nOne two \\*three\\* \\[four\\](x)\n\nfive\n\nsix\n'


def test_the_lean_floor_page_leaves_out_what_our_search_leaves_out() -> None:
    content = (
        '---\ntitle: "T"\n---\n\n<article><p>kept</p><section class="cite" data-search-exclude><h2>Cite</h2>'
        "<section><p>nested</p></section><p>gone</p></section><p>kept <br data-search-exclude> too</p></article>\n"
    )
    assert plain_markdown(content, lean=True) == '---\ntitle: "T"\n---\n\nkept\n\nkept too\n'
    assert plain_markdown(content) == '---\ntitle: "T"\n---\n\nkept\n\n## Cite\n\nnested\n\ngone\n\nkept too\n'


def test_the_floor_uses_our_theme_plugins_and_extensions_without_the_corpus_plugin(tmp_path: Path) -> None:
    docs = tmp_path / "floor" / "docs"
    docs.mkdir(parents=True)
    with CONFIG.open(encoding="utf-8") as handle:
        ours = yaml_load(handle)  # MkDocs' own loader: mkdocs.yml has !ENV tags
    floor = json.loads(floor_config(docs).read_text(encoding="utf-8"))
    assert floor["docs_dir"] == str(docs)
    assert floor["theme"]["name"] == ours["theme"]["name"]
    assert floor["theme"]["features"] == ours["theme"]["features"]
    assert "corpus" in ours["plugins"]
    assert floor["plugins"] == [plugin for plugin in ours["plugins"] if plugin != "corpus"]
    assert floor["markdown_extensions"] == ours["markdown_extensions"]
    assert floor["nav"] == ours["nav"]


def test_a_scale_built_once_reports_no_cold_build_and_the_reader_targets_at_100x() -> None:
    from corpus_site.devtools.bench import Row, report

    warm = {"wall": 900.0, "phases": {"load": 60.0, "pages": 200.0, "mkdocs": 800.0}, "peak_mb": 700.0}
    row = Row(100, pages=48000, warm=warm, largest=(900_000, "graph/index.html"), largest_outside_graph=(700_000, "x/index.html"))
    row.browser_s = 1.25
    row.search = {"query": "q", "seconds": 0.3, "bytes": 350_000, "gzip_bytes": 290_000, "requests": 18}
    about = dict.fromkeys(("cpu", "cores", "memory", "python", "os", "mkdocs", "mkdocs-material"), "?")
    text = report([row], None, about, "2026-12-01")
    build_table = text.splitlines()[2:5]
    cold = build_table[0].strip("|").split("|").index(" total cold ")
    assert build_table[2].strip("|").split("|")[cold].strip() == "-"
    assert "- full graph page at 100x drawn in Chromium under 2 s: 1.25 s, held" in text
    assert "- first search at 100x at most 300 KB transferred (gzip): 283 KB, held" in text
    assert "- no HTML page over 1 MB at 100x: largest 879 KB (graph/index.html), held" in text
