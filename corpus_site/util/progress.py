"""Timing of the build's phases, and progress for long ones.

:meth:`Timings.phase` adds the time spent in a block to a build's :class:`Timings` (the benchmark reads them); a
:class:`Progress` shows how far a long loop has got: a bar redrawn in place on a terminal, plain
lines now and then elsewhere (CI logs, pipes). Nothing is shown for a loop that ends within
:data:`QUIET_FOR` seconds, so small builds print what they always printed.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

#: Seconds a loop may run before its progress is shown.
QUIET_FOR = 2.0
#: Seconds between two plain progress lines (no terminal).
LINE_EVERY = 5.0


@dataclass
class Timings:
    """How long each phase of one build took, and the memory peak when it ended."""

    phases: dict[str, float] = field(default_factory=dict)
    """Phase name -> seconds spent in it (summed when a phase runs more than once)."""
    peaks: dict[str, float] = field(default_factory=dict)
    """Phase name -> the process's peak memory (MB) when the phase ended."""

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.phases[name] = self.phases.get(name, 0.0) + time.perf_counter() - started
            self.peaks[name] = peak_mb()


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Linux or macOS
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def interactive(stream: TextIO) -> bool:
    """A terminal that is not a CI log: a bar can be redrawn in place."""
    return stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


class Progress:
    """``advance()`` once per item; ``close()`` at the end."""

    def __init__(self, label: str, total: int, *, stream: TextIO | None = None, quiet_for: float = QUIET_FOR) -> None:
        self.label = label
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.bar = interactive(self.stream)
        self.quiet_for = quiet_for
        self.started = 0.0
        self.next_draw = 0.0
        self.shown = self.closed = False

    def advance(self, count: int = 1) -> None:
        """Count ``count`` more items done; the clock starts with the first."""
        now = time.perf_counter()
        if not self.done:
            self.started, self.next_draw = now, now + self.quiet_for
        self.done += count
        if now >= self.next_draw:
            self._draw(now)
            self.next_draw = now + (0.1 if self.bar else LINE_EVERY)

    def close(self) -> None:
        """Finish the bar (or print the last line), if anything was shown; only once."""
        if self.shown and not self.closed:
            self._draw(time.perf_counter(), final=True)
        self.closed = True

    def _draw(self, now: float, final: bool = False) -> None:
        self.shown = True
        share = min(self.done / self.total, 1.0)
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        figures = f"{self.done}/{self.total} ({share:.0%}, {rate:.0f}/s, {elapsed:.0f}s)"
        if self.bar:
            width = 30
            filled = round(width * share)
            end = "\n" if final else ""
            self.stream.write(f"\r{self.label}: [{'#' * filled}{'.' * (width - filled)}] {figures}\x1b[K{end}")
        else:
            self.stream.write(f"{self.label}: {figures}{' done' if final else ''}\n")
        self.stream.flush()
