"""`build_site.py add-source`: a sixth article, from a text file to a page ready to curate."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import Run

ARTICLE = (
    "Tehran Tightens Its Grip, Analysts Say\n"
    "Iran has sent new advisers to Lebanon, where Hizballah is preparing for a long war.\n"
    "\n"
    "Officials in Tehran say the Islamic Republic \u201cwill not abandon its friends.\u201d   \n"
    "Hamas leaders met the advisers in Beirut last week."  # no final newline, trailing blanks above: kept as they are
).encode()


def test_add_source_copies_the_text_and_the_site_shows_it_ready_to_curate(mini: Path, tmp_path: Path, cli: Callable[..., Run]) -> None:
    text_file = tmp_path / "new-article.txt"
    text_file.write_bytes(ARTICLE)

    added = cli("--root", mini, "add-source", text_file, "--id", "grip")
    assert added.code == 0, added.err
    seeds = sorted((mini / "seeds").glob("*_*.txt"))
    assert len(seeds) == 1 and re.fullmatch(r"000_[0-9a-f]{16}\.txt", seeds[0].name)
    assert seeds[0].read_bytes() == ARTICLE, "the text was not copied byte for byte"
    entry = (mini / "seeds" / "sources.yaml").read_text(encoding="utf-8").split("  - id: grip\n", 1)[1]
    assert f"seed_file: {seeds[0].name}" in entry
    assert 'title: "Tehran Tightens Its Grip, Analysts Say"' in entry
    assert entry.count("TO FILL") >= 6
    # the known actors it names, by name or alias
    assert "iran: 'Tehran' x4, first on line 1" in added.out  # Tehran twice, Iran, the Islamic Republic
    assert "hezbollah: 'Hizballah' x1, first on line 2" in added.out
    assert "hamas: 'Hamas' x1, first on line 5" in added.out
    assert "israel" not in added.out

    again = cli("--root", mini, "add-source", text_file)
    assert again.code == 1 and "already in the corpus" in again.err

    checked = cli("--root", mini, "check")
    assert checked.code == 0, checked.err
    assert "grip 3 of 3" in checked.out  # paragraphs no claim quotes yet (line 1 is the headline)
    assert "alpha 1 of 3" in checked.out
    assert any("warning[to-fill]" in line and "'outlet' is still to fill" in line for line in checked.problem_lines)
    assert cli("--root", mini, "check", "--strict").code == 1, "a stub not filled in must fail --strict"

    site = tmp_path / "site"
    built = cli("--root", mini, "build", "--site-dir", site)
    assert built.code == 0, built.err
    page = (site / "sources" / "grip" / "index.html").read_text(encoding="utf-8")
    assert "Tehran Tightens Its Grip, Analysts Say" in page
    marked = re.findall(r'<div class="line uncurated" id="L(\d+)">', page)
    assert marked == ["2", "4", "5"]
    assert "3 of 3 paragraphs no claim quotes yet" in page
    named = page.split('class="curation-actors"', 1)[1].split("</p>", 1)[0]
    for actor in ("iran", "hezbollah", "hamas"):
        assert f'href="../../actors/{actor}/"' in named
    # the fixture's first article has one paragraph no claim quotes, the real articles none (their pages are unchanged)
    assert len(re.findall(r'class="line uncurated"', (site / "sources" / "alpha" / "index.html").read_text(encoding="utf-8"))) == 1
