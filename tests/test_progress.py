"""Progress of long build phases: a bar on a terminal, plain lines in CI logs and pipes, nothing for
a short loop."""

from __future__ import annotations

import io
import re

import pytest

from corpus_site.util.progress import Progress, Timings


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(stream: io.StringIO, total: int, quiet_for: float) -> str:
    progress = Progress("writing pages", total, stream=stream, quiet_for=quiet_for)
    for _ in range(total):
        progress.advance()
    progress.close()
    progress.close()  # a second close prints nothing more
    return stream.getvalue()


def test_a_terminal_gets_a_bar_redrawn_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    output = _run(Terminal(), 4, quiet_for=0.0)
    assert output.startswith("\rwriting pages: [")
    assert "\n" not in output[:-1]  # one line, redrawn with carriage returns
    last = output.rsplit("\r", 1)[1]
    assert re.fullmatch(r"writing pages: \[#{30}\] 4/4 \(100%, \d+/s, \d+s\)\x1b\[K\n", last)


def test_ci_gets_plain_lines_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    output = _run(Terminal(), 3, quiet_for=0.0)
    assert "\r" not in output and "\x1b" not in output
    lines = output.splitlines()
    assert re.fullmatch(r"writing pages: 1/3 \(33%, \d+/s, \d+s\)", lines[0])
    assert re.fullmatch(r"writing pages: 3/3 \(100%, \d+/s, \d+s\) done", lines[-1])


def test_a_pipe_gets_plain_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    lines = _run(io.StringIO(), 2, quiet_for=0.0).splitlines()
    assert len(lines) == 2  # the first item, then the closing line (lines are seconds apart, not per item)
    assert re.fullmatch(r"writing pages: 1/2 \(50%, \d+/s, \d+s\)", lines[0])
    assert re.fullmatch(r"writing pages: 2/2 \(100%, \d+/s, \d+s\) done", lines[1])


def test_a_short_loop_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert _run(Terminal(), 1000, quiet_for=60.0) == ""
    assert _run(io.StringIO(), 1000, quiet_for=60.0) == ""


def test_phase_times_add_up_across_runs() -> None:
    timings = Timings()
    with timings.phase("test-phase"):
        pass
    first = timings.phases["test-phase"]
    with timings.phase("test-phase"):
        sum(range(10000))
    assert timings.phases["test-phase"] > first >= 0.0
