"""The fast paths of the build give what the slow ones gave: YAML from parser events, names found by
one pass over the words, page citations from a template, links without posixpath, the search view,
front matter read as JSON, tables written a row at a time."""

from __future__ import annotations

import io
import itertools
import json
import posixpath
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.utils.meta import get_data

from corpus_site.cite.cite import SiteInfo
from corpus_site.corpus.anchor import fold
from corpus_site.corpus.corpus import Corpus, articles_naming
from corpus_site.corpus.loading import load_corpus
from corpus_site.plugin.plugin import search_view
from corpus_site.records.load import load_yaml
from corpus_site.records.problems import Problems
from corpus_site.records.urls import relative
from corpus_site.records.yaml_reader import RecordLoader
from corpus_site.site.pages import RenderedPage, plan_pages
from corpus_site.util.jsonio import write_json, write_json_list

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SITE = SiteInfo("Axis of Resistance corpus explorer", "https://example.org/axis-corpus/", "abc123")


@pytest.fixture(scope="module")
def real() -> Corpus:
    corpus, problems = load_corpus(PROJECT)
    assert not problems.errors
    return corpus


# -- YAML -------------------------------------------------------------------------------------------------


def _composed(text: str) -> tuple[Any, dict[Any, tuple[int, int]], dict[Any, tuple[int, int]]]:
    """The data and positions as PyYAML's composer gives them (the loader's former way)."""
    values: dict[Any, tuple[int, int]] = {}
    keys: dict[Any, tuple[int, int]] = {}
    scalars = RecordLoader("")

    def scalar(node: yaml.Node) -> Any:
        construct = scalars.yaml_constructors.get(node.tag)
        return node.value if construct is None else construct(scalars, node)

    def build(node: yaml.Node, path: tuple[Any, ...]) -> Any:
        values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result = {}
            for key_node, value_node in node.value:
                key = scalar(key_node)
                keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = build(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [build(item, (*path, index)) for index, item in enumerate(node.value)]
        return scalar(node)

    loader = RecordLoader(text)
    try:
        return build(loader.get_single_node(), ()), values, keys
    finally:
        loader.dispose()


SNIPPETS = [
    "a: 1\nb: [x, 'y', \"z\"]\nc: {d: null, e: true, f: 2.5}\n",
    "date: 2023-10-07\nyear: 2023\nquoted: '2023'\nempty:\nlist:\n  - - nested\n    - more\n  - {k: v}\n",
    "text: >-\n  folded\n  lines\nliteral: |\n  kept\n  lines\nodd: !custom tagged\n",
    "- one\n- two: 2\n  three: 3\n",
]


@pytest.mark.parametrize(
    "name", ["claims.yaml", "actors.yaml", "events.yaml", "questions.yaml", "seeds/sources.yaml", *range(len(SNIPPETS))]
)
def test_yaml_from_events_matches_the_composer(tmp_path: Path, name: str | int) -> None:
    if isinstance(name, int):
        path = tmp_path / "snippet.yaml"
        path.write_text(SNIPPETS[name], encoding="utf-8")
    else:
        path = PROJECT / name
    located = load_yaml(path, "x.yaml", Problems())
    assert located is not None
    data, values, keys = _composed(path.read_text(encoding="utf-8"))
    assert located.data == data
    assert located.values == values
    assert located.keys == keys


def test_yaml_duplicate_keys_and_errors_are_reported_as_before(tmp_path: Path) -> None:
    cases = {
        "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n": [
            "x.yaml:4:3: error[duplicate-key]: key 'c' appears twice in the same mapping (first at line 3) (remove one of them or merge their values)",
            "x.yaml:5:1: error[duplicate-key]: key 'a' appears twice in the same mapping (first at line 1) (remove one of them or merge their values)",
        ],
        "a: 1\n---\nb: 2\n": [
            "x.yaml:2:1: error[syntax]: YAML syntax error: but found another document (check the indentation and quoting around this line)"
        ],
        "# only a comment\n": ["x.yaml:1:1: error[empty-file]: x.yaml is empty (it must hold a YAML mapping)"],
    }
    for text, expected in cases.items():
        path = tmp_path / "x.yaml"
        path.write_text(text, encoding="utf-8")
        problems = Problems()
        assert load_yaml(path, "x.yaml", problems) is None
        assert [problem.format() for problem in problems.sorted()] == expected


# -- names in the articles ----------------------------------------------------------------------------------


@pytest.mark.parametrize("root", [PROJECT, FIXTURES / "mini"])
def test_articles_naming_matches_a_search_per_name(root: Path) -> None:
    corpus, _problems = load_corpus(root)
    expected = {}
    for actor in corpus.actors.values():
        names = [name for name in (actor.name, *actor.aliases) if len(name) >= 3]
        expected[actor.id] = [
            article.id
            for article in corpus.articles.values()
            if any(re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", article.seed.folded_text) for name in names)
        ]
    assert articles_naming(corpus.actors.values(), corpus.articles.values()) == expected
    assert corpus.articles_naming == expected


def test_folded_text_is_the_folded_copy_quotes_are_matched_in(real: Corpus) -> None:
    for article in real.articles.values():
        assert article.seed.folded_text == article.seed._folded[0]


# -- pages --------------------------------------------------------------------------------------------------


def test_relative_links_match_posixpath() -> None:
    urls = ["", "claims/", "claims/x/", "actors/y/", "data/graph.json", "assets/vendor/vis.js", "a/b/c/", "a/", "x/../y/", "./a/", "a//b/"]
    for start, target in itertools.product(urls, repeat=2):
        expected = posixpath.relpath(target.rstrip("/") or ".", start.rstrip("/") or ".")
        if target.endswith("/") and expected != ".":
            expected += "/"
        elif expected == ".":
            expected = "./"
        assert relative(start, target) == expected, (start, target)


@pytest.fixture(scope="module")
def real_pages(real: Corpus) -> dict[str, RenderedPage]:
    from corpus_site.cite.cite import cite_corpus

    return {page.src: page.render() for page in plan_pages(real, SITE, cite_corpus(real, SITE))}


def test_page_metadata_is_what_mkdocs_reads_from_the_front_matter(real_pages: dict[str, RenderedPage]) -> None:
    # the metadata travels as data; written out as front matter (golden files, the benchmark's floor)
    # MkDocs reads it back unchanged
    for page in real_pages.values():
        _markdown, expected = get_data(page.text())
        assert json.loads(json.dumps(page.meta)) == expected


def test_search_view_leaves_out_exactly_the_marked_elements(real_pages: dict[str, str]) -> None:
    html = (
        '<p>kept</p><section class="cite" data-search-exclude><section>inner</section><p>gone</p></section>'
        '<p>kept too</p><script type="application/json" data-search-exclude>{"a": "<section>"}</script><div>end</div>'
    )
    assert search_view(html) == "<p>kept</p><p>kept too</p><div>end</div>"
    for page in real_pages.values():
        view = search_view(page.body)
        assert "data-search-exclude" not in view
        assert 'id="cite"' not in view


def test_json_lists_written_a_row_at_a_time_match_json_dumps() -> None:
    for rows in ([], [{}], [{"a": [1, {"b": "x\ny"}]}, {"c": []}, "text", 3]):
        for depth in (0, 2):
            handle = io.StringIO()
            write_json_list(handle, iter(rows), depth)
            expected = json.dumps({"k": {"l": rows}} if depth == 2 else rows, ensure_ascii=False, indent=1)
            if depth == 2:
                expected = expected.split('"l": ', 1)[1].rsplit("\n }", 1)[0]
            assert handle.getvalue() == expected


def test_planned_titles_are_the_titles_the_pages_render_with(real: Corpus) -> None:
    from corpus_site.cite.cite import cite_corpus
    from corpus_site.site.pages import plan_pages

    for page in plan_pages(real, SITE, cite_corpus(real, SITE)):
        assert page.render().meta["title"] == page.title, page.src


def test_json_documents_with_streamed_lists_match_json_dumps(tmp_path: Path, real: Corpus) -> None:
    from corpus_site.graph import build_graph

    graph = build_graph(real)
    path = tmp_path / "graph.json"
    write_json(path, graph.document(lazy=True))
    assert path.read_text(encoding="utf-8") == json.dumps(graph.document(), ensure_ascii=False, indent=1) + "\n"
    document = {"a": iter([]), "b": {"c": iter([{"d": [1, 2]}, 3]), "e": [iter([4])]}, "f": "x"}
    write_json(path, document)
    expected = {"a": [], "b": {"c": [{"d": [1, 2]}, 3], "e": [[4]]}, "f": "x"}
    assert path.read_text(encoding="utf-8") == json.dumps(expected, ensure_ascii=False, indent=1) + "\n"


def test_exported_tables_and_record_files_are_the_rows_dumped_whole(tmp_path: Path, real: Corpus) -> None:
    from corpus_site.export.export import tables, write_exports

    write_exports(real, tmp_path)
    for name, rows in tables(real, None).items():
        listed = list(rows)
        assert (tmp_path / f"{name}.json").read_text(encoding="utf-8") == json.dumps(listed, ensure_ascii=False, indent=1) + "\n"
        for row in listed:
            if "url" in row and "id" in row:
                record = (tmp_path / name / f"{row['id']}.json").read_text(encoding="utf-8")
                assert record == json.dumps(row, ensure_ascii=False, indent=1) + "\n"
