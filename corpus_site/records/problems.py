"""Problems found in the records, collected and then reported together."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located in a file."""

    file: str
    """Path relative to the corpus root, as the editor knows it (e.g. ``claims.yaml``)."""
    line: int
    """1-based line."""
    col: int
    """1-based column."""
    code: str
    """Stable short identifier of the kind of problem (e.g. ``unknown-actor``)."""
    message: str
    """What is wrong, in one sentence."""
    hint: str = ""
    """What to do about it; empty when there is nothing useful to suggest."""
    level: Level = Level.ERROR

    def format(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return printable(f"{self.file}:{self.line}:{self.col}: {self.level.value}[{self.code}]: {self.message}{hint}")


def printable(text: str) -> str:
    """The text with control characters written as escapes (``\\n``, ``\\x1b``): a value quoted
    from the records can neither break a problem across lines nor drive the terminal."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == " " else char.encode("unicode_escape").decode("ascii") for char in text)


@dataclass
class Problems:
    """An append-only collection: stages add to it and never stop at the first problem."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        file: str,
        where: tuple[int, int],
        code: str,
        message: str,
        hint: str = "",
        level: Level = Level.ERROR,
    ) -> None:
        self.items.append(Problem(file, where[0], where[1], code, message, hint, level))

    def warn(self, file: str, where: tuple[int, int], code: str, message: str, hint: str = "") -> None:
        self.add(file, where, code, message, hint, Level.WARNING)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.level is Level.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.level is Level.WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.file, p.line, p.col, p.code, p.message))
