"""`build_site.py serve`: the editor's loop.

MkDocs' live-reload server (``mkdocs.livereload``), driven by a :class:`DevSite` instead of full
MkDocs builds: one log line per rebuild, pages re-rendered only where an edit reaches, and the
problems of the records shown on top of every page while they last (the last good site stays
underneath, and navigation never waits on a broken build). Served only here, never written into the
site: the error overlay, and on article pages the select-to-quote helper (``assets/quote-select.js``)
with the endpoint it asks (``/__corpus__/evidence``).
"""

from __future__ import annotations

import html
import json
import logging
import os
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer, _timestamp

from corpus_site.corpus.curation import evidence_for
from corpus_site.plugin.devsite import DevSite, Rebuild
from corpus_site.records.problems import Level, Problem
from corpus_site.site.project import Project

log = logging.getLogger("corpus_site.serve")
ASSETS = Path(__file__).resolve().parent / "assets"
PREFIX = "/__corpus__/"
EDITOR_ENV = "CORPUS_EDITOR_URL"
"""Environment variable naming the editor URL scheme, e.g. ``vscode://file/{path}:{line}:{col}``."""

_OVERLAY_STYLE = """
#corpus-overlay{position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:100000;
background:#1e1e1e;color:#f0f0f0;border-bottom:4px solid #e5484d;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
padding:12px 16px 14px;box-shadow:0 6px 24px rgba(0,0,0,.45)}
#corpus-overlay h2{margin:0 0 8px;font:600 15px/1.3 system-ui,sans-serif;color:#ff9592}
#corpus-overlay p.note{margin:0 0 10px;font:13px/1.4 system-ui,sans-serif;color:#c8c8c8}
#corpus-overlay ol{margin:0;padding:0;list-style:none}
#corpus-overlay li{margin:0 0 10px;padding:8px 10px;background:#2a2a2a;border-left:3px solid #e5484d;
white-space:pre-wrap;overflow-wrap:anywhere}
#corpus-overlay li.warning{border-left-color:#f5a524}
#corpus-overlay a{color:#8ec5ff}
#corpus-overlay button{position:absolute;top:8px;right:12px;background:none;border:1px solid #777;color:#eee;
border-radius:4px;cursor:pointer}
"""


def editor_link(template: str, root: Path, problem: Problem) -> str:
    """The problem's place as an editor URL (``{path}``, ``{line}``, ``{col}`` filled in)."""
    path = (root / problem.file).resolve()
    return template.replace("{path}", urllib.parse.quote(str(path))).replace("{line}", str(problem.line)).replace("{col}", str(problem.col))


def overlay_html(problems: Iterable[Problem], root: Path, editor: str = "") -> str:
    """The error overlay: each problem exactly as the terminal prints it, its place a link into the
    editor when an editor URL scheme is configured."""
    problems = list(problems)
    errors = sum(1 for problem in problems if problem.level is Level.ERROR)
    items = []
    for problem in problems:
        line = problem.format()
        place = f"{problem.file}:{problem.line}:{problem.col}"
        shown = html.escape(line)
        if editor and line.startswith(place):
            href = html.escape(editor_link(editor, root, problem))
            shown = f'<a href="{href}">{html.escape(place)}</a>{html.escape(line[len(place) :])}'
        items.append(f'<li class="{problem.level.value}">{shown}</li>')
    return (
        f'<div id="corpus-overlay" role="alert" data-errors="{errors}"><style>{_OVERLAY_STYLE}</style>'
        '<button type="button" onclick="this.parentNode.remove()" aria-label="Hide">hide</button>'
        f"<h2>The records have {errors} error(s)</h2>"
        '<p class="note">The site below is the last good build. Fix the records and save: this clears by itself.</p>'
        f"<ol>{''.join(items)}</ol></div>"
    )


_WRITES = {
    watchdog.events.EVENT_TYPE_MODIFIED,
    watchdog.events.EVENT_TYPE_CREATED,
    watchdog.events.EVENT_TYPE_MOVED,
    watchdog.events.EVENT_TYPE_DELETED,
    watchdog.events.EVENT_TYPE_CLOSED,
}


class DevServer(LiveReloadServer):
    """MkDocs' live-reload server that also shows the overlay and serves the editor's helpers."""

    def __init__(self, site: DevSite, editor: str, builder: Callable[[], None], host: str, port: int, root: str) -> None:
        super().__init__(builder=builder, host=host, port=port, root=root, polling_interval=0.25)
        self.site, self.editor = site, editor
        # told of a save at once where the system can (inotify, FSEvents ...), rather than polling
        self.observer = watchdog.observers.Observer()  # type: ignore[assignment]
        self.build_delay = 0.05

    def reload_browsers(self) -> None:
        """Have the open pages reload (the indexes of a rebuild were written after its first reload)."""
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch = max(_timestamp(), self._visible_epoch + 1)
            self._epoch_cond.notify_all()

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """Rebuild when a file under ``path`` is written, created, moved or deleted: not when it is
        only read (a native watcher reports every open, and a rebuild reads the files it watches)."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1

        def changed(event: watchdog.events.FileSystemEvent) -> None:
            if event.is_directory or event.event_type not in _WRITES:
                return
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = changed  # type: ignore[method-assign]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"]
        if path.startswith(PREFIX):
            return self._helper(path[len(PREFIX) :], environ.get("QUERY_STRING", ""), start_response)
        if self.site.site_dir is None and (path.endswith("/") or path.endswith(".html")):
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            page = b"<!doctype html><html><head><title>Errors</title></head><body><p>No good build yet.</p></body></html>"
            return [self._inject_js_into_html(page, self._visible_epoch)]
        result: Iterable[bytes] | None = super()._serve_request(environ, start_response)
        return result

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
        extra = f'<script src="{PREFIX}quote-select.js" defer></script>'
        problems = self.site.problems
        if problems:
            extra = overlay_html(problems, self.site.root, self.editor) + extra
        try:
            at = content.rindex(b"</body>")
        except ValueError:
            at = len(content)
        return content[:at] + extra.encode("utf-8") + content[at:]

    def _helper(self, name: str, query: str, start_response: Any) -> Iterable[bytes] | None:
        if name == "quote-select.js":
            body = (ASSETS / "quote-select.js").read_bytes()
            start_response("200 OK", [("Content-Type", "application/javascript"), ("Content-Length", str(len(body)))])
            return [body]
        if name == "evidence":
            params = urllib.parse.parse_qs(query)
            source, text = params.get("source", [""])[0], params.get("text", [""])[0]
            corpus = self.site.corpus
            answer = evidence_for(corpus, source, text) if corpus is not None else {"found": False, "reason": "no good build yet"}
            body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
            start_response("200 OK", [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(body)))])
            return [body]
        return None


def _report(result: Rebuild, warnings: list[Problem]) -> None:
    log.info(result.line())
    for problem in result.problems if result.kind == "failed" else warnings:
        (log.error if problem.level is Level.ERROR else log.warning)(problem.format())


def start(project: Project, root: Path, dev_addr: str, *, editor: str = "") -> tuple[DevServer, DevSite]:
    """The server and its site, first build done; ``server.serve()`` runs it."""
    host, _, port = dev_addr.rpartition(":")
    site = DevSite(project, root, f"http://{dev_addr}/")

    def builder() -> None:
        _report(site.rebuild(), site.warnings)

    first = site.rebuild()
    _report(first, site.warnings)
    server = DevServer(site, editor, builder, host or "127.0.0.1", int(port), str(site.site_dir or root))
    site.on_site_dir = lambda folder: setattr(server, "root", str(folder))
    site.on_settled = server.reload_browsers
    server.error_handler = lambda code: _error_page(site, code)
    for path in site.watched():
        if path.exists():
            server.watch(str(path))
    return server, site


def _error_page(site: DevSite, code: int) -> bytes | None:
    page = site.site_dir / f"{code}.html" if site.site_dir is not None else None
    return page.read_bytes() if page is not None and page.is_file() else None


def serve_site(project: Project, root: Path, dev_addr: str, *, verbose: bool = False, editor: str | None = None) -> int:
    """Serve the site with live rebuilds until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    logging.getLogger("mkdocs").setLevel(logging.INFO if verbose else logging.WARNING)
    log.setLevel(logging.DEBUG if verbose else logging.INFO)
    editor = editor if editor is not None else os.environ.get(EDITOR_ENV, "")
    server, site = start(project, root, dev_addr, editor=editor)
    log.info(f"serving on {server.url}" + (f"; problems link to {editor}" if editor else ""))
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        log.info("stopped")
    finally:
        server.shutdown()
        site.wait()
        if site.site_dir is not None:
            import shutil

            shutil.rmtree(site.site_dir, ignore_errors=True)
    return 0
