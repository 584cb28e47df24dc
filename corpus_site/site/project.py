"""Where the site's own files are: its MkDocs configuration and the hand-written pages beside it.

The records may live elsewhere (``--root``); the site's configuration and pages are the project's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "mkdocs.yml"


@dataclass(frozen=True)
class Project:
    """The folder holding mkdocs.yml and docs/."""

    folder: Path

    @property
    def config_file(self) -> Path:
        return self.folder / CONFIG_NAME

    @property
    def docs_dir(self) -> Path:
        return self.folder / "docs"

    @property
    def schemas_dir(self) -> Path:
        return self.folder / "schemas"

    @classmethod
    def find(cls, start: Path) -> Project | None:
        """The nearest folder at or above ``start`` that holds an mkdocs.yml."""
        for folder in (start.resolve(), *start.resolve().parents):
            if (folder / CONFIG_NAME).is_file():
                return cls(folder)
        return None
