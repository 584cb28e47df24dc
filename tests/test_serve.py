"""`serve`: a live preview that rebuilds when a record changes, and never rebuilds by itself."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import PROJECT


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(predicate, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


@pytest.mark.slow
def test_serve_rebuilds_on_a_yaml_edit_and_does_not_loop(mini: Path, tmp_path: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/claims/iran-funds-hamas-amount/"
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    docs_before = sorted(str(path) for path in (PROJECT / "docs").rglob("*"))
    server = subprocess.Popen(
        [sys.executable, str(PROJECT / "build_site.py"), "--root", str(mini), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=PROJECT,
    )
    try:
        assert _wait_for(lambda: "Iran gives Hamas about $100 million a year." in _fetch(url), 60), "serve never answered"
        claims = mini / "claims.yaml"
        claims.write_text(
            claims.read_text(encoding="utf-8").replace("about $100 million a year.", "about $100 million a year, says Alpha."),
            encoding="utf-8",
        )
        edited_at = time.monotonic()
        assert _wait_for(lambda: "about $100 million a year, says Alpha." in _fetch(url), 30), "the edit never showed"
        print(f"rebuild after a YAML edit visible in {time.monotonic() - edited_at:.1f}s")
        time.sleep(2)
        builds = (tmp_path / "serve.log").read_text(encoding="utf-8").count("pages re-rendered")
        time.sleep(4)
        assert (tmp_path / "serve.log").read_text(encoding="utf-8").count("pages re-rendered") == builds, (
            "serve keeps rebuilding on its own"
        )
        assert builds == 2
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    assert sorted(str(path) for path in (PROJECT / "docs").rglob("*")) == docs_before, "serve wrote into docs/"
