"""`build_site.py add-source FILE`: a new article into the corpus, ready to curate.

The text is copied into ``seeds/`` byte for byte (named ``NNN_<hash>.txt`` like the others), a
``sources.yaml`` entry is appended with its title taken from the text and every field the editor
must check marked ``TO FILL`` (``check`` warns about them until they are filled), and the known
actors the text names are listed. The next build shows the article with its paragraphs marked as
no claim quotes them yet.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from corpus_site.corpus.curation import Named, named_actors
from corpus_site.corpus.loading import TO_FILL, load_corpus
from corpus_site.records.validate import SOURCES_FILE

_SEED_NAME = re.compile(r"^(\d+)_[0-9a-f]+\.txt$")


class AddSourceError(Exception):
    """The text cannot be added (not UTF-8, already there, an id in use ...)."""


@dataclass
class Added:
    """What add-source did."""

    source_id: str
    seed_file: Path
    title: str
    lines: int
    named: list[Named] = field(default_factory=list)
    fields_to_fill: list[str] = field(default_factory=list)


def slug(text: str, words: int = 5) -> str:
    """A short readable id from a title: 'Iran\u2019s Support for Hamas' -> 'irans-support-for-hamas'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    parts = re.findall(r"[a-z0-9]+", ascii_text.replace("'", ""))
    return "-".join(parts[:words]) or "article"


def _existing_sources(sources_file: Path) -> list[dict[str, object]]:
    if not sources_file.is_file():
        return []
    data = yaml.safe_load(sources_file.read_text(encoding="utf-8")) or {}
    items = data.get("sources") if isinstance(data, dict) else None
    return [item for item in items or [] if isinstance(item, dict)]


def stub(source_id: str, seed_file: str, title: str) -> str:
    """The sources.yaml entry for a new article: what the text gives, and the rest marked."""
    year = date.today().year
    return (
        f"  - id: {source_id}\n"
        f"    seed_file: {seed_file}\n"
        f"    title: {json.dumps(title, ensure_ascii=False)}  # from the text's first line: check it\n"
        f"    title_is_descriptive: false  # {TO_FILL}: true if the text has no headline of its own\n"
        f'    outlet: "{TO_FILL}: the outlet as the text names it"\n'
        f'    published: "{year}"  # {TO_FILL}: the date the text gives (YYYY, YYYY-MM or YYYY-MM-DD)\n'
        f"    date_precision: approximate  # {TO_FILL}: year | month | day | approximate\n"
        f'    date_basis: "{TO_FILL}: how the date was derived from the text"\n'
        f"    kind: news-report  # {TO_FILL}: news-report | analysis | explainer | compilation\n"
        f"    derived_from: []\n"
        f"    non_article:  # {TO_FILL}: lines that are not article text (captions, link lists, credits)\n"
        f'      - {{first: 1, last: 1, kind: heading, note: "Headline (recorded as the title)"}}\n'
        f'    notes: ""\n'
    )


def add_source(root: Path, text_file: Path, source_id: str | None = None) -> Added:
    """Copy ``text_file`` into ``root``/seeds and append its sources.yaml entry."""
    try:
        raw = text_file.read_bytes()
    except OSError as exc:
        raise AddSourceError(f"cannot read {text_file} ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AddSourceError(f"{text_file} is not UTF-8 text (byte {exc.start}); save it as UTF-8 first") from exc
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not title:
        raise AddSourceError(f"{text_file} is empty")
    seeds = root / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(raw).hexdigest()[:16]
    for existing in sorted(seeds.glob("*.txt")):
        if existing.read_bytes() == raw:
            raise AddSourceError(f"this text is already in the corpus as seeds/{existing.name}")
    sources_file = root / SOURCES_FILE
    known = _existing_sources(sources_file)
    ids = {str(item.get("id")) for item in known}
    wanted = source_id or slug(title)
    if source_id is not None and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", source_id):
        raise AddSourceError(f"--id '{source_id}' is not a slug (lower-case letters, digits and hyphens)")
    if wanted in ids:
        if source_id is not None:
            raise AddSourceError(f"a source with id '{source_id}' exists already; choose another --id")
        wanted = next(f"{wanted}-{number}" for number in range(2, 1000) if f"{wanted}-{number}" not in ids)
    numbers = [int(match.group(1)) for path in seeds.glob("*.txt") if (match := _SEED_NAME.match(path.name))]
    seed_name = f"{max(numbers, default=-1) + 1:03d}_{digest}.txt"
    target = seeds / seed_name
    target.write_bytes(raw)  # byte for byte
    entry = stub(wanted, seed_name, title)
    if sources_file.is_file():
        current = sources_file.read_text(encoding="utf-8")
        sources_file.write_text(current + ("" if current.endswith("\n") else "\n") + entry, encoding="utf-8")
    else:
        sources_file.write_text("sources:\n" + entry, encoding="utf-8")
    corpus, _problems = load_corpus(root)
    fields = ["title_is_descriptive", "outlet", "published", "date_precision", "date_basis", "kind", "non_article"]
    return Added(wanted, target, title, len(text.split("\n")), named_actors(text, corpus.actors), fields)
