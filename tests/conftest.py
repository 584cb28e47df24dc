"""Shared fixtures: a small valid corpus to break in controlled ways, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from corpus_site.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def problem_lines(self) -> list[str]:
        """The located problem lines (``file:line:col: level[code]: ...``), without the summary."""
        return [line for line in self.err.splitlines() if ": error[" in line or ": warning[" in line]


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh copy of the small valid corpus in tests/fixtures/mini."""
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "mini", root)
    return root


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(*args: str | Path) -> Run:
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
