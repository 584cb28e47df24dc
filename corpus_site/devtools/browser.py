"""Serve a built site on loopback and drive Debian's Chromium: for the browser tests, the benchmark and the screenshots."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Chromium reaches out for updates, sync and field trials unless told not to; this machine's network
# refuses such requests, and the tests must only see the site's own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL (ending in '/')."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright: Any) -> Any:
    if not Path(CHROMIUM).is_file():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); tests/run.sh does")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def cold_pages(folder: Path, runs: int) -> Iterator[tuple[str, Any]]:
    """Serve ``folder`` and yield (base URL, page) ``runs`` times, each page in a fresh browser context
    (an empty cache) at 1280x900, closed when the next is asked for: for the benchmark's cold loads."""
    from playwright.sync_api import sync_playwright

    with serve(folder) as url, sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            for _ in range(runs):
                context = chromium.new_context(viewport={"width": 1280, "height": 900})
                try:
                    yield url, context.new_page()
                finally:
                    context.close()
        finally:
            chromium.close()
