"""Benchmark: the build at several scales of the synthetic corpus, beside the MkDocs floor.

    python build_site.py bench --scales 1 10 100 --serve --browser --update-docs

For each scale, a synthetic corpus (``build_site.py synth``) is built twice in a fresh Python
process, first with an empty citation cache (cold) and then with the cache the first build left
(warm); each run reports its phases, its peak memory (``ru_maxrss`` of that process), the size of the
search index and the largest page. **The floor** is the same number of pages, at the same paths, as
plain Markdown (the title and the visible text of each of our pages: the same words without our
markup, scripts or data), built by MkDocs with the same theme, features, plugins and Markdown
extensions, minus our hook, in a process of its own. The ratio is our warm total to the floor's.

With ``--serve``, at each of ``--serve-scales`` (1: a copy of the real corpus), `build_site.py serve`
runs with a browser's live-reload request waiting, one claim is edited and saved, and the time until
that request answers is save-to-reload (the median of three edits); beside it, the full rebuild the
same edit cost before rebuilds were incremental (MkDocs building the whole site). ``--serve-only``
skips the build benchmark. With ``--browser``, Chromium opens the full graph page of each
scale and the time from navigation to the drawn network is reported.

Each build runs in a child process, so peak memory is per build and imports are paid as a user pays
them. Work files go to ``--work`` (default ``.bench/``, ignored by git).

The benchmark is one developer tool of some 600 lines, kept in one module: it runs its own children
(``--child``), and the runner, the floor and the report share their constants.
"""

from __future__ import annotations

import argparse
import html
import html.parser
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]
"""The checkout the benchmark runs from (a developer tool: it measures this project's own build)."""
CONFIG = PROJECT / "mkdocs.yml"
DOCS = PROJECT / "docs"
RESULT = "BENCH-RESULT "
#: Phases of our hook: the "pages and graphs" column.
GENERATION = ("reload", "citations", "analysis", "graph", "pages", "exports")


# -- child processes ------------------------------------------------------------------------------------


def _peak_mb() -> float:
    from corpus_site.util.progress import peak_mb

    return peak_mb()


def _emit(result: dict[str, Any]) -> None:
    print(RESULT + json.dumps(result), flush=True)


def _child_build(root: Path, site: Path) -> None:
    import resource

    from corpus_site.plugin.build import build_site
    from corpus_site.site.project import Project

    started = time.perf_counter()
    result = build_site(Project(PROJECT), root, site_dir=site)
    wall = time.perf_counter() - started
    # CPU seconds of the build and its children (Pagefind): steadier than the wall clock on a busy machine
    cpu = sum(usage.ru_utime + usage.ru_stime for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
    figures = {"code": result.code, "wall": wall, "cpu": cpu, "phases": result.timings.phases, "peaks": result.timings.peaks}
    _emit({**figures, "peak_mb": _peak_mb()})


def _child_floor_docs(root: Path, docs: Path, *, lean: bool = False) -> None:
    """Write the floor's pages: for each page of our site, its title and visible text as Markdown
    (``lean``: without the parts our search leaves out)."""
    from corpus_site.analysis.analysis import analyse
    from corpus_site.cite.cite import SiteInfo, cite_corpus
    from corpus_site.graph import build_graph
    from corpus_site.site.pages import SITE_ASSETS, iter_pages
    from corpus_site.site.pipeline import load_site

    corpus, problems, _redirects = load_site(root, DOCS)
    if problems.errors:
        raise SystemExit(f"{root}: the records have errors")
    site = SiteInfo.detect("floor", "https://example.org/floor/", root)
    if docs.exists():
        shutil.rmtree(docs)
    # one page at a time: at 100x the whole site's HTML would take gigabytes
    for src_uri, content in iter_pages(corpus, site, cite_corpus(corpus, site), build_graph(corpus), analyse(corpus)):
        if (DOCS / src_uri).exists():
            continue  # a hand-written page of the same name wins, as in our build
        path = docs / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(plain_markdown(content, lean=lean), encoding="utf-8")
    for page in DOCS.rglob("*.md"):  # the hand-written pages are Markdown already
        target = docs / page.relative_to(DOCS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    shutil.copytree(DOCS / "assets", docs / "assets", dirs_exist_ok=True)
    for src_uri, path in SITE_ASSETS.items():  # the site's scripts and styles, as the plugin adds them
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, docs / src_uri)
    _emit({"pages": len(list(docs.rglob("*.md")))})


def _child_floor_build(docs: Path, site: Path) -> None:
    from corpus_site.plugin.build import quiet_config, run_mkdocs

    started = time.perf_counter()
    run_mkdocs(quiet_config(floor_config(docs), site_dir=str(site)))
    _emit({"code": 0, "wall": time.perf_counter() - started, "phases": {"mkdocs": time.perf_counter() - started}, "peak_mb": _peak_mb()})


def edit_one_claim(root: Path, mark: str = "edited") -> None:
    """Edit the statement of the first claim in ``root``'s claims.yaml (quoted or plain)."""

    def edit(match: re.Match[str]) -> str:
        value = match.group(2)
        return match.group(1) + (f'{value[:-1]} ({mark})"' if value.endswith('"') else f"{value} ({mark})")

    claims = root / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(re.sub(r"^(\s+statement: )(.*)$", edit, text, count=1, flags=re.M), encoding="utf-8")


def _child_rebuild(root: Path, site: Path) -> None:
    """As ``mkdocs serve`` did before incremental rebuilds: one build, then an edit to one record,
    then a full rebuild (timed)."""
    from mkdocs.commands.build import build

    from corpus_site.plugin.build import corpus_plugin, quiet_config

    def config() -> Any:
        return quiet_config(CONFIG, site_dir=str(site), site_url="http://127.0.0.1:8000/")

    first = config()
    corpus_plugin(first).hand_over(root, None)  # kept across rebuilds, as serve keeps it
    first.plugins.on_startup(command="serve", dirty=False)
    started = time.perf_counter()
    build(first, serve_url="http://127.0.0.1:8000/")
    initial = time.perf_counter() - started
    edit_one_claim(root)
    started = time.perf_counter()
    build(config(), serve_url="http://127.0.0.1:8000/")
    rebuild = time.perf_counter() - started
    _emit({"initial": initial, "rebuild": rebuild, "peak_mb": _peak_mb()})


def _child_serve_reload(root: Path, runs: Path) -> None:
    """`build_site.py serve` as an editor runs it: the server watching the files, a browser's
    live-reload request waiting; one claim edited and saved, and the time until that request answers
    (the browser reloads then). ``runs``: how many edits (a number, passed as a path)."""
    import threading
    import urllib.request

    from corpus_site.plugin.serve import start
    from corpus_site.site.project import Project

    with __import__("socket").socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.perf_counter()
    server, site = start(Project(PROJECT), root, f"127.0.0.1:{port}")
    initial = time.perf_counter() - started
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    time.sleep(1.0)  # the watcher's first look at the files
    figures, lines = [], []
    try:
        for number in range(int(str(runs))):
            site.wait()  # the last edit's indexes, exports and search index (and their second reload)
            time.sleep(0.6)
            epoch = server._visible_epoch
            edit_one_claim(root, f"edit {number + 1}")
            saved = time.perf_counter()
            answer = epoch
            while answer <= epoch and time.perf_counter() - saved < 600:  # the server answers within a minute, new or not
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/livereload/{epoch}/1", timeout=120) as response:
                    answer = int(response.read())
            figures.append(time.perf_counter() - saved)
            if answer <= epoch or site.last is None:
                raise SystemExit("the server did not rebuild")
            lines.append(site.last.line())
            print(site.last.line(), file=sys.stderr, flush=True)
    finally:
        server.shutdown()
        site.wait()
        if site.site_dir is not None:
            shutil.rmtree(site.site_dir, ignore_errors=True)
    median = sorted(figures)[len(figures) // 2]
    _emit({"initial": initial, "reload": median, "reloads": figures, "log": lines, "peak_mb": _peak_mb()})


# -- the floor's pages ---------------------------------------------------------------------------------

_BLOCKS = {
    "p",
    "li",
    "dt",
    "dd",
    "tr",
    "div",
    "section",
    "article",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "details",
    "summary",
    "footer",
}
_SKIP = {"script", "style", "svg", "noscript"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


class _Text(html.parser.HTMLParser):
    def __init__(self, lean: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.heading = 0
        self.skipping = 0
        self.lean = lean
        #: The element marked data-search-exclude being left out, and how deep in its own tag we are.
        self.leaving: tuple[str, int] | None = None

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
            self.blocks.append(f"{'#' * self.heading} {escaped}" if self.heading else escaped)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.leaving is not None:
            if tag == self.leaving[0]:
                self.leaving = (tag, self.leaving[1] + 1)
            return
        if self.lean and tag not in _VOID and any(name == "data-search-exclude" for name, _value in attrs):
            self.flush()
            self.leaving = (tag, 1)
            return
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS or re.fullmatch(r"h[1-6]", tag):
            self.flush()
            self.heading = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else 0

    def handle_endtag(self, tag: str) -> None:
        if self.leaving is not None:
            if tag == self.leaving[0]:
                self.leaving = (tag, self.leaving[1] - 1) if self.leaving[1] > 1 else None
            return
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS or re.fullmatch(r"h[1-6]", tag):
            self.flush()
            self.heading = 0
        elif tag in ("td", "th"):
            self.current.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping and self.leaving is None:
            self.current.append(data)


def plain_markdown(content: str, *, lean: bool = False) -> str:
    """One of our generated pages as plain Markdown: its title, then its visible text in paragraphs
    (``lean``: without the elements marked ``data-search-exclude``)."""
    title = "Page"
    body = content
    if content.startswith("---\n"):
        end = content.index("\n---\n", 4)
        front, body = content[4:end], content[end + 5 :]
        match = re.search(r"^title: (.*)$", front, re.MULTILINE)
        if match:
            title = html.unescape(json.loads(match.group(1)))
    parser = _Text(lean)
    parser.feed(body)
    parser.close()
    parser.flush()
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n" + "\n\n".join(parser.blocks) + "\n"


def floor_config(docs: Path) -> Path:
    """mkdocs.yml for the floor: ours, with the floor's docs, without the hook and the redirects."""
    from mkdocs.utils.yaml import yaml_load

    with CONFIG.open(encoding="utf-8") as handle:
        config = yaml_load(handle)
    config["plugins"] = [plugin for plugin in config["plugins"] if plugin != "corpus"]
    config["docs_dir"] = str(docs)
    config["site_url"] = "https://example.org/floor/"
    config["theme"]["custom_dir"] = str(PROJECT / config["theme"]["custom_dir"])
    config_file = docs.parent / "mkdocs.yml"
    config_file.write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    return config_file


# -- the parent -----------------------------------------------------------------------------------------


def _run_child(*args: str, quiet: bool = True) -> dict[str, Any]:
    command = [sys.executable, "-m", "corpus_site.devtools.bench", "--child", *args]
    env = {**os.environ, "PYTHONPATH": str(PROJECT) + os.pathsep + os.environ.get("PYTHONPATH", ""), "SOURCE_DATE_EPOCH": "1767225600"}
    env["SITE_VERSION"] = "bench"
    completed = subprocess.run(command, capture_output=True, text=True, env=env, cwd=PROJECT, check=False)
    for line in completed.stdout.splitlines():
        if line.startswith(RESULT):
            result: dict[str, Any] = json.loads(line[len(RESULT) :])
            return result
    sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-3000:])
    raise SystemExit(f"benchmark child {' '.join(args)} failed (exit {completed.returncode})")


@dataclass
class Row:
    scale: int
    counts: dict[str, int] = field(default_factory=dict)
    synth_s: float = 0.0
    pages: int = 0
    cold: dict[str, Any] = field(default_factory=dict)
    warm: dict[str, Any] = field(default_factory=dict)
    floor: dict[str, Any] = field(default_factory=dict)
    lean_floor: dict[str, Any] = field(default_factory=dict)
    search_kb: float = 0.0
    largest: tuple[int, str] = (0, "")
    browser_s: float | None = None
    largest_outside_graph: tuple[int, str] = (0, "")
    search: dict[str, Any] = field(default_factory=dict)
    """A reader's first search in Chromium (:func:`bench_search`), with ``--browser``."""

    def column(self, run: dict[str, Any], name: str) -> float:
        phases = run.get("phases", {})
        if name == "load":
            return float(phases.get("load", 0.0))
        generation = sum(phases.get(key, 0.0) for key in GENERATION)
        if name == "generate":
            return float(generation)
        if name == "mkdocs":
            return float(phases.get("mkdocs", 0.0) - generation)
        wall: float = run.get("wall", 0.0)
        return wall


def _site_figures(site: Path) -> tuple[int, float, tuple[int, str]]:
    pages, search_kb, largest, _outside = _site_sizes(site)
    return pages, search_kb, largest


def _site_sizes(site: Path) -> tuple[int, float, tuple[int, str], tuple[int, str]]:
    """Pages, the whole search index in KB (Material's lunr index, or Pagefind's folder), the largest
    HTML page, and the largest outside the graph page."""
    pages = 0
    largest = outside = (0, "")
    for path in site.rglob("*.html"):
        size = path.stat().st_size
        if path.name == "index.html":
            pages += 1
        name = path.relative_to(site).as_posix()
        if size > largest[0]:
            largest = (size, name)
        if size > outside[0] and not name.startswith("graph/"):
            outside = (size, name)
    index = site / "search" / "search_index.json"
    search_kb = index.stat().st_size / 1024 if index.exists() else 0.0
    if (site / "pagefind").is_dir():
        search_kb = sum(path.stat().st_size for path in (site / "pagefind").rglob("*") if path.is_file()) / 1024
    return pages, search_kb, largest, outside


def _fresh(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)


def bench_scale(scale: int, work: Path, seed: int, *, floor: bool = True, lean: bool = True, once: bool = False, log: Any = print) -> Row:
    from corpus_site.devtools.synth import synthesize
    from corpus_site.devtools.synth_vocabulary import MARKER

    row = Row(scale)
    corpus = work / f"corpus-{scale}"
    marker = corpus / MARKER
    known = json.loads(marker.read_text(encoding="utf-8")) if marker.is_file() else {}
    if known.get("scale") != scale or known.get("seed") != seed:
        summary = synthesize(corpus, scale, seed)
        row.synth_s, row.counts = summary.seconds, summary.counts
    else:
        row.counts = known["counts"]
    site = work / f"site-{scale}"
    # with ``once``, one build stands as the warm one (its cache as it is), and the cold is not run
    for name in ("warm",) if once else ("cold", "warm"):
        if name == "cold":
            _fresh(corpus / ".cache")
        _fresh(site)
        log(f"scale {scale}: our build ({name} citation cache) ...")
        result = _run_child("build", str(corpus), str(site))
        if result["code"] != 0:
            raise SystemExit(f"scale {scale}: the build failed")
        setattr(row, name, result)
    row.pages, row.search_kb, row.largest, row.largest_outside_graph = _site_sizes(site)
    for name, wanted in (("floor", floor), ("lean-floor", floor and lean)):
        if not wanted:
            continue
        docs, floor_site = work / f"{name}-{scale}" / "docs", work / f"{name}-{scale}" / "site"
        log(f"scale {scale}: writing the {name}'s {row.pages} plain Markdown pages ...")
        _run_child(f"{name}-docs", str(corpus), str(docs))
        _fresh(floor_site)
        log(f"scale {scale}: the {name}'s MkDocs build ...")
        result = _run_child("floor-build", str(docs), str(floor_site))
        result["pages"], result["search_kb"], result["largest"] = _site_figures(floor_site)
        setattr(row, name.replace("-", "_"), result)
    return row


def serve_corpus(work: Path, scale: int, seed: int) -> Path:
    """A fresh copy of the corpus `serve` is timed on: the real one at 1x, a synthetic one above."""
    copy = work / f"serve-corpus-{scale}"
    _fresh(copy)
    if scale == 1:
        copy.mkdir(parents=True)
        shutil.copytree(PROJECT / "seeds", copy / "seeds")
        for name in ("actors.yaml", "events.yaml", "claims.yaml", "questions.yaml", "corrections.yaml", "redirects.yaml", "urls.txt"):
            if (PROJECT / name).exists():
                shutil.copyfile(PROJECT / name, copy / name)
        if (PROJECT / "quote-anchors.txt").exists():
            shutil.copyfile(PROJECT / "quote-anchors.txt", copy / "quote-anchors.txt")
        if (PROJECT / ".cache").is_dir():
            shutil.copytree(PROJECT / ".cache", copy / ".cache")
    else:
        from corpus_site.devtools.synth import synthesize

        synthesize(copy, scale, seed)
    return copy


def bench_serve(work: Path, scales: list[int] | None = None, seed: int | None = None, runs: int = 3) -> dict[str, Any]:
    """At each scale: save-to-reload after editing one claim under `serve` (incremental), beside the
    full rebuild every edit cost before (the same edit, MkDocs building the whole site)."""
    from corpus_site.devtools.synth_vocabulary import SEED

    results: dict[str, Any] = {}
    for scale in scales or [1]:
        full = _run_child("rebuild", str(serve_corpus(work, scale, seed or SEED)), str(work / f"serve-site-{scale}"))
        reload = _run_child("serve-reload", str(serve_corpus(work, scale, seed or SEED)), str(runs))
        results[str(scale)] = {"initial": full["initial"], "rebuild": full["rebuild"], **{f"serve_{k}": v for k, v in reload.items()}}
    one = results.get("1", next(iter(results.values())))
    return {"initial": one["initial"], "rebuild": one["rebuild"], "scales": results}


def bench_browser(site: Path, runs: int = 3) -> float:
    """Seconds from navigation to the full graph drawn (the network object exists and vis-network has
    drawn its core once: ``afterDrawing``), best of ``runs`` cold page loads in Chromium."""
    from corpus_site.devtools.browser import cold_pages

    timings: list[float] = []
    for url, page in cold_pages(site, runs):
        page.add_init_script(
            """new MutationObserver((changes, observer) => {
                const drawn = document.querySelector("section.graph[data-drawn]");
                if (drawn && window.corpusGraph) { window.__drawnAt = performance.now(); observer.disconnect(); }
            }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-drawn"]});"""
        )
        page.goto(url + "graph/", timeout=180000)  # was 22 MB at 100x before the page held only its core
        page.wait_for_function("() => window.__drawnAt !== undefined", timeout=120000)
        timings.append(float(page.evaluate("window.__drawnAt")) / 1000)
    return min(timings)


#: Paths whose bytes count as "search": the index and the library that reads it (ours or Material's).
_SEARCH_PATH = re.compile(r"(^|/)(search|pagefind)([/._-]|$)")


def search_query(site: Path) -> str:
    """The benchmark's query: the name of the first actor of the site's data (real or synthetic)."""
    actors = json.loads((site / "data" / "actors.json").read_text(encoding="utf-8"))
    return str(actors[0]["name"]) if actors else "Iran"


def bench_search(site: Path, query: str | None = None, runs: int = 2) -> dict[str, Any]:
    """A reader's first search in Chromium, from a cold cache: the bytes of the search index and
    library fetched (every response whose path names search or pagefind, from navigation to the first
    results; as served, and gzip-compressed as a web server would send them), the number of such
    requests, and the seconds from typing the query to the first result shown (best of ``runs``)."""
    import gzip
    from urllib.parse import unquote, urlsplit

    from corpus_site.devtools.browser import cold_pages

    query = query or search_query(site)
    best: dict[str, Any] = {}
    for url, page in cold_pages(site, runs):
        fetched: list[str] = []
        page.on("requestfinished", lambda request, into=fetched: into.append(request.url))
        page.add_init_script(
            """new MutationObserver((changes, observer) => {
                if (document.querySelector(".md-search-result__item")) {
                    window.__resultsAt = performance.now(); observer.disconnect(); }
            }).observe(document, {subtree: true, childList: true});"""
        )
        page.goto(url, wait_until="load")
        page.click(".md-search__input")
        started = float(page.evaluate("performance.now()"))
        page.keyboard.type(query)
        page.wait_for_function("() => window.__resultsAt !== undefined", timeout=120000)
        seconds = (float(page.evaluate("window.__resultsAt")) - started) / 1000
        page.wait_for_load_state("networkidle")
        paths = sorted({unquote(urlsplit(address).path).lstrip("/") for address in fetched})
        searched = [path for path in paths if _SEARCH_PATH.search(path)]
        files = [site / path for path in searched if (site / path).is_file()]
        raw = sum(file.stat().st_size for file in files)
        zipped = sum(len(gzip.compress(file.read_bytes(), 6)) for file in files)
        if not best or seconds < best["seconds"]:
            best = {"query": query, "seconds": seconds, "bytes": raw, "gzip_bytes": zipped, "requests": len(files)}
            best["files"] = searched
    return best


def machine() -> dict[str, str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    memory = ""
    try:
        kilobytes = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")))
        memory = f"{kilobytes / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    from importlib.metadata import version

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
    }


def _mb(value: float) -> str:
    return f"{value:.0f} MB"


def _size(kilobytes: float) -> str:
    return f"{kilobytes / 1024:.1f} MB" if kilobytes >= 1024 else f"{kilobytes:.0f} KB"


#: The columns of the two result tables: the build, then its output beside the floors.
BUILD_COLUMNS = (
    "scale",
    "records",
    "pages",
    "load+validate+anchor",
    "pages+graphs",
    "MkDocs",
    "total warm",
    "total cold",
    "pages/s",
    "peak memory",
)
FLOOR_COLUMNS = ("scale", "total warm", "floor", "ratio", "lean floor", "lean ratio", "search index", "largest page")
#: What a reader downloads: a first search (``--browser``) and the largest pages.
READER_COLUMNS = (
    "scale",
    "first search (gzip)",
    "first search (as served)",
    "requests",
    "first results",
    "largest page",
    "largest outside the graph",
)


def table(rows: list[Row]) -> str:
    """The results as two Markdown tables (narrow enough for a page; they read as plain text too)."""
    tables = []
    for columns in (BUILD_COLUMNS, FLOOR_COLUMNS, READER_COLUMNS):
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for row in rows:
            cells = _cells(row)
            lines.append("| " + " | ".join(cells[column] for column in columns) + " |")
        tables.append("\n".join(lines))
    return "\n\n".join(tables)


def _cells(row: Row) -> dict[str, str]:
    warm, cold = row.warm, row.cold
    total = row.column(warm, "total")
    floor_total, lean_total = row.floor.get("wall"), row.lean_floor.get("wall")
    records = sum(row.counts.get(key, 0) for key in ("sources", "actors", "events", "claims", "questions"))
    return {
        "scale": f"{row.scale}x",
        "records": f"{records:,}",
        "pages": f"{row.pages:,}",
        "load+validate+anchor": f"{row.column(warm, 'load'):.2f} s",
        "pages+graphs": f"{row.column(warm, 'generate'):.2f} s",
        "MkDocs": f"{row.column(warm, 'mkdocs'):.2f} s",
        "total warm": f"{total:.2f} s",
        "total cold": f"{row.column(cold, 'total'):.2f} s" if cold else "-",
        "pages/s": f"{row.pages / total:.0f}" if total else "-",
        "peak memory": f"{_mb(max(warm.get('peak_mb', 0), cold.get('peak_mb', 0)))}",
        "search index": _size(row.search_kb),
        "first search (gzip)": _size(row.search["gzip_bytes"] / 1024) if row.search else "-",
        "first search (as served)": _size(row.search["bytes"] / 1024) if row.search else "-",
        "requests": str(row.search["requests"]) if row.search else "-",
        "first results": f"{row.search['seconds']:.2f} s" if row.search else "-",
        "largest outside the graph": f"{_size(row.largest_outside_graph[0] / 1024)} ({row.largest_outside_graph[1]})",
        "largest page": f"{_size(row.largest[0] / 1024)} ({row.largest[1]})",
        "floor": f"{floor_total:.2f} s" if floor_total else "-",
        "ratio": f"{total / floor_total:.2f}" if floor_total else "-",
        "lean floor": f"{lean_total:.2f} s" if lean_total else "-",
        "lean ratio": f"{total / lean_total:.2f}" if lean_total else "-",
    }


def details(rows: list[Row]) -> str:
    lines = []
    for row in rows:
        peaks = row.warm.get("peaks", {})
        phases = ", ".join(
            f"{name} {seconds:.2f} s" + (f" (peak {peaks[name]:.0f} MB)" if name in peaks else "")
            for name, seconds in row.warm.get("phases", {}).items()
        )
        lines.append(f"- {row.scale}x warm: {phases}")
        ours_ms = 1000 * row.column(row.warm, "total") / max(row.pages, 1)
        for name, floor in (("floor", row.floor), ("lean floor", row.lean_floor)):
            if not floor:
                continue
            floor_ms = 1000 * floor["wall"] / max(floor.get("pages", 1), 1)
            lines.append(
                f"- {row.scale}x {name}: {floor.get('pages', 0):,} pages in {floor['wall']:.2f} s, peak {_mb(floor['peak_mb'])}, "
                f"search index {_size(floor.get('search_kb', 0.0))}; cost per page: ours {ours_ms:.1f} ms, {name} {floor_ms:.1f} ms"
            )
        if row.browser_s is not None:
            lines.append(f"- {row.scale}x full graph page in Chromium: drawn {row.browser_s:.2f} s after navigation")
        if row.search:
            lines.append(
                f'- {row.scale}x first search in Chromium for "{row.search["query"]}": {row.search["requests"]} requests, '
                f"{_size(row.search['bytes'] / 1024)} as served, {_size(row.search['gzip_bytes'] / 1024)} gzip, "
                f"first results {row.search['seconds']:.2f} s after typing"
            )
    return "\n".join(lines)


def targets(rows: list[Row], serve: dict[str, Any] | None, baseline: list[Row] | None = None) -> str:
    """The issue's targets, each with the figure that decides it (or why it was not measured)."""
    by_scale = {row.scale: row for row in rows}
    one, ten, hundred = by_scale.get(1), by_scale.get(10), by_scale.get(100)

    def per_page(row: Row) -> float:
        return 1000 * row.column(row.warm, "total") / max(row.pages, 1)

    def verdict(held: bool) -> str:
        return "held" if held else "**missed**"

    lines = []
    if one is not None and one.floor:
        ratio = one.column(one.warm, "total") / one.floor["wall"]
        lines.append(f"- total at 1x within 1.5x of the floor: {ratio:.2f}x, {verdict(ratio <= 1.5)}")
    if one is not None and one.lean_floor:
        ratio = one.column(one.warm, "total") / one.lean_floor["wall"]
        lines.append(f"- (not a target) total at 1x against the lean floor: {ratio:.2f}x")
    if one is not None and hundred is not None:
        ratio = per_page(hundred) / per_page(one)
        lines.append(
            f"- cost per page at 100x within 1.5x of 1x: {per_page(hundred):.1f} ms against {per_page(one):.1f} ms "
            f"({ratio:.2f}x), {verdict(ratio <= 1.5)}"
        )
    if hundred is not None:
        peak = max(hundred.warm.get("peak_mb", 0.0), hundred.cold.get("peak_mb", 0.0))
        lines.append(f"- peak memory at 100x under 1 GB: {_mb(peak)}, {verdict(peak < 1024)}")
        anchor = float(hundred.warm.get("phases", {}).get("anchor", 0.0))
        quotes = hundred.counts.get("quotes", 0)
        lines.append(f"- quote anchoring at 100x in a few seconds: {quotes:,} quotes in {anchor:.2f} s, {verdict(anchor < 5)}")
    for scale, limit in (("1", 1.0), ("10", 3.0)):
        figures = (serve or {}).get("scales", {}).get(scale)
        if figures is not None and "serve_reload" in figures:
            lines.append(
                f"- serve: save-to-reload after editing one claim at {scale}x within {limit:.0f} s: {figures['serve_reload']:.2f} s "
                f"(the full rebuild it replaces: {figures['rebuild']:.2f} s), {verdict(figures['serve_reload'] <= limit)}"
            )
    if ten is not None and ten.browser_s is not None:
        lines.append(f"- full graph page at 10x interactive in Chromium under 2 s: {ten.browser_s:.2f} s, {verdict(ten.browser_s < 2)}")
    if hundred is not None and hundred.browser_s is not None:
        lines.append(f"- full graph page at 100x drawn in Chromium under 2 s: {hundred.browser_s:.2f} s, {verdict(hundred.browser_s < 2)}")
    if hundred is not None and hundred.search:
        kilobytes = hundred.search["gzip_bytes"] / 1024
        lines.append(f"- first search at 100x at most 300 KB transferred (gzip): {_size(kilobytes)}, {verdict(kilobytes <= 300)}")
    if hundred is not None:
        size, name = hundred.largest
        lines.append(f"- no HTML page over 1 MB at 100x: largest {_size(size / 1024)} ({name}), {verdict(size <= 1024 * 1024)}")
        size, name = hundred.largest_outside_graph
        lines.append(f"- (the same, outside the graph page) largest {_size(size / 1024)} ({name}), {verdict(size <= 1024 * 1024)}")
    before = {row.scale: row for row in baseline or []}
    if ten is not None and 10 in before:
        ours, theirs = ten.column(ten.warm, "total"), before[10].column(before[10].warm, "total")
        lines.append(
            f"- build at 10x within 1.2x of the baseline run: {ours:.2f} s against {theirs:.2f} s "
            f"({ours / theirs:.2f}x), {verdict(ours <= 1.2 * theirs)}"
        )
        if "cpu" in ten.warm and "cpu" in before[10].warm:
            ours, theirs = ten.warm["cpu"], before[10].warm["cpu"]
            lines.append(
                f"- (the same in CPU seconds) {ours:.2f} s against {theirs:.2f} s ({ours / theirs:.2f}x), {verdict(ours <= 1.2 * theirs)}"
            )
    return "\n".join(lines) if lines else "- (no target is decided by the scales run)"


#: The docs page the results are written into, between these two lines.
PERFORMANCE_PAGE = DOCS / "performance.md"
RESULTS_START, RESULTS_END = "<!-- bench results: start -->", "<!-- bench results: end -->"


def update_page(page: Path, report: str) -> None:
    """Replace what lies between the page's result markers with ``report``."""
    text = page.read_text(encoding="utf-8")
    start, end = text.find(RESULTS_START), text.find(RESULTS_END)
    if start < 0 or end < start:
        raise SystemExit(f"{page}: the lines {RESULTS_START} and {RESULTS_END} are missing")
    head = text[: start + len(RESULTS_START)]
    page.write_text(f"{head}\n{report}\n{text[end:]}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="build_site.py bench", description="Benchmark the build at several scales against the MkDocs floor."
    )
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100], help="scales of the synthetic corpus (default: 1 10 100)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the synthetic corpus (default: synth's)")
    parser.add_argument("--work", type=Path, default=PROJECT / ".bench", help="folder for corpora, sites and the floor (default: .bench/)")
    parser.add_argument("--no-floor", action="store_true", help="skip both floors")
    parser.add_argument(
        "--no-lean-floor", action="store_true", help="skip the lean floor (the floor without the parts our search leaves out)"
    )
    parser.add_argument(
        "--serve", action="store_true", help="also time save-to-reload under serve after editing one claim, beside a full rebuild"
    )
    parser.add_argument(
        "--serve-scales", type=int, nargs="+", default=[1, 10], help="scales --serve times (1: the real corpus; default: 1 10)"
    )
    parser.add_argument(
        "--once",
        action="store_true",
        help="one build per scale, reported as the warm one, instead of a cold and a warm (at 100x each takes a quarter of an hour)",
    )
    parser.add_argument("--serve-only", action="store_true", help="with --serve: skip the build benchmark at --scales")
    parser.add_argument(
        "--browser", action="store_true", help="also time the full graph page in Chromium (Playwright, from the test extra)"
    )
    parser.add_argument(
        "--update-docs", action="store_true", help=f"write the results into {PERFORMANCE_PAGE.relative_to(PROJECT)} (between its markers)"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    parser.add_argument("--from-json", type=Path, default=None, help="report the figures an earlier --json wrote, without running")
    parser.add_argument(
        "--baseline", type=Path, default=None, help="figures of an earlier run (its --json) to compare the build time at 10x against"
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        children: dict[str, Callable[..., None]] = {
            "build": _child_build,
            "floor-docs": _child_floor_docs,
            "lean-floor-docs": partial(_child_floor_docs, lean=True),
            "floor-build": _child_floor_build,
            "rebuild": _child_rebuild,
            "serve-reload": _child_serve_reload,
        }
        children[kind](*(Path(value) for value in rest))
        return 0

    if args.from_json is not None:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        rows = _saved_rows(saved)
        serve, about, date = saved["serve"], saved["machine"], saved.get("date", "")
    else:
        rows, serve = run_benchmark(args)
        about, date = machine(), time.strftime("%Y-%m-%d")
    baseline = _saved_rows(json.loads(args.baseline.read_text(encoding="utf-8"))) if args.baseline else None
    text = report(rows, serve, about, date, baseline)
    print(text)
    if args.update_docs:
        update_page(PERFORMANCE_PAGE, text)
        print(f"written into {PERFORMANCE_PAGE}", file=sys.stderr)
    if args.json:
        figures = {"date": date, "machine": about, "rows": [row.__dict__ for row in rows], "serve": serve}
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


def _saved_rows(saved: dict[str, Any]) -> list[Row]:
    rows = []
    for row in saved["rows"]:
        values = {**row, "largest": tuple(row["largest"])}
        if "largest_outside_graph" in row:
            values["largest_outside_graph"] = tuple(row["largest_outside_graph"])
        rows.append(Row(**values))
    return rows


def run_benchmark(args: argparse.Namespace) -> tuple[list[Row], dict[str, Any] | None]:
    from corpus_site.devtools.synth_vocabulary import SEED

    seed = SEED if args.seed is None else args.seed
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    rows = []

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    for scale in [] if args.serve_only else args.scales:
        row = bench_scale(scale, work, seed, floor=not args.no_floor, lean=not args.no_lean_floor, once=args.once, log=log)
        if args.browser:
            row.browser_s = bench_browser(work / f"site-{scale}")
            row.search = bench_search(work / f"site-{scale}")
        rows.append(row)
    return rows, bench_serve(work, args.serve_scales, seed) if args.serve else None


def report(rows: list[Row], serve: dict[str, Any] | None, about: dict[str, str], date: str, baseline: list[Row] | None = None) -> str:
    """The machine, the tables, the per-phase details and the targets, as Markdown."""
    lines = [
        f"Run {date} on {about['cpu']}, {about['cores']} cores, {about['memory']}; "
        f"Python {about['python']}, {about['os']}; MkDocs {about['mkdocs']}, Material {about['mkdocs-material']}.",
        "",
        table(rows),
        "",
        details(rows),
    ]
    for scale, figures in (serve or {}).get("scales", {}).items():
        reload = f"{figures['serve_reload']:.2f} s" if "serve_reload" in figures else "not measured"
        lines.append(
            f"- serve at {scale}x: first build {figures['initial']:.2f} s; after editing one claim, save-to-reload {reload} "
            f"(incremental, median of {len(figures.get('serve_reloads', []))}), full rebuild {figures['rebuild']:.2f} s"
        )
        if figures.get("serve_log"):
            lines.append(f"  - its log: `{figures['serve_log'][-1]}`")
    if serve is not None and "scales" not in serve:  # figures saved before serve timed each scale
        lines.append(f"- serve, real corpus: first build {serve['initial']:.2f} s, rebuild after one YAML edit {serve['rebuild']:.2f} s")
    lines += ["", "Targets:", "", targets(rows, serve, baseline)]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
