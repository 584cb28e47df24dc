"""Pagefind's list of pages, shortened after it writes the index (plugin/search_index.py): the real
Pagefind indexes a small site, and what a browser would load is read back from the files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import cbor2

from corpus_site.plugin.search_index import INDEX_FOLDER, compact_page_list, index_site

PAGE = '<!doctype html><html lang="en"><head><title>{title}</title></head><body><main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>'


def _site(folder: Path) -> Path:
    for number in range(40):
        page = folder / f"page-{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(PAGE.format(title=f"Page {number}", text=f"words of page {number} " * (number + 1)), encoding="utf-8")
    return folder


def _meta(index: Path) -> tuple[dict[str, object], list[list[object]]]:
    entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    payload = gzip.decompress((index / f"pagefind.{entry['languages']['en']['hash']}.pf_meta").read_bytes())
    assert payload.startswith(b"pagefind_dcd")
    meta = cbor2.loads(payload[12:])
    return entry, meta[1]


def _fragment_urls(index: Path, names: list[str]) -> list[str]:
    urls = []
    for name in names:
        data = gzip.decompress((index / "fragment" / f"{name}.pf_fragment").read_bytes())
        urls.append(json.loads(data.removeprefix(b"pagefind_dcd"))["url"])
    return urls


def test_each_page_keeps_its_place_count_and_fragment_under_a_short_name(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    # Pagefind as it writes the index, for comparison: the same run without the compaction
    from corpus_site.plugin import search_index

    run = search_index.start_index(site)
    run.process.communicate()
    index = site / INDEX_FOLDER
    _, before = _meta(index)
    urls_before = _fragment_urls(index, [str(page[0]) for page in before])
    assert all(len(str(page[0])) == len("en_") + 7 for page in before)  # content hashes

    assert compact_page_list(index)
    entry, after = _meta(index)
    names = [str(page[0]) for page in after]
    assert [page[1] for page in after] == [page[1] for page in before]  # word counts, exact and in place
    assert _fragment_urls(index, names) == urls_before  # each place still opens its own page's fragment
    assert all(name.startswith("en_p") for name in names)
    assert {path.stem for path in (index / "fragment").iterdir()} == set(names)  # no fragment left behind
    assert len(set(names)) == len(names)
    assert len(list(index.glob("*.pf_meta"))) == 1
    assert entry["languages"]["en"]["page_count"] == len(after)  # type: ignore[index]


def test_the_build_writes_the_short_list_and_an_unknown_shape_is_left_alone(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    index_site(site)  # what the build runs
    _, pages = _meta(site / INDEX_FOLDER)
    assert all(str(page[0]).startswith("en_p") for page in pages)

    # an index whose list is not [name, word count] pairs (a future Pagefind): untouched
    other = tmp_path / "other"
    other.mkdir()
    meta = gzip.compress(b"pagefind_dcd" + cbor2.dumps(["9.0.0", [{"hash": "en_1234567", "words": 3}]]))
    (other / "pagefind.en_abc.pf_meta").write_bytes(meta)
    entry = '{"version":"9.0.0","languages":{"en":{"hash":"en_abc","wasm":"en","page_count":1}}}'
    (other / "pagefind-entry.json").write_text(entry, encoding="utf-8")
    assert not compact_page_list(other)
    assert (other / "pagefind.en_abc.pf_meta").read_bytes() == meta
    assert (other / "pagefind-entry.json").read_text(encoding="utf-8") == entry
