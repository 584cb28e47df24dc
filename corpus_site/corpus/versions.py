"""The published versions of each claim: what a citation of "version N" cited, kept for good.

``published-claims.jsonl`` holds one line per claim version as it was published: the statement and
every evidence item (article, quote, stance, speakers). ``build_site.py urls --update``, the publishing
step, adds the current version of every claim not yet in it; a line is rewritten only for a version
corrected again on its own day (the day's last text is what was published). So a claim page can show
the text of each of its versions under a stable anchor (``#v1``, ``#v2``), and a record that changed
without a corrections entry is caught: it would no longer match what was published under its number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus_site.records.model import Claim
from corpus_site.records.problems import Problems
from corpus_site.util.files import InputError, read_input

if TYPE_CHECKING:  # the corpus holds the snapshots, so this module cannot import it at run time
    from corpus_site.corpus.corpus import Corpus

SNAPSHOTS = "published-claims.jsonl"


@dataclass(frozen=True)
class SnapshotItem:
    source: str
    quote: str
    stance: str
    speakers: tuple[str, ...]


@dataclass(frozen=True)
class ClaimSnapshot:
    """A claim as one of its versions was published."""

    claim: str
    version: int
    date: str
    statement: str
    evidence: tuple[SnapshotItem, ...]
    retired: bool = False

    def same_text(self, other: ClaimSnapshot) -> bool:
        """Whether the two say the same (the date aside)."""
        return (self.statement, self.evidence, self.retired) == (other.statement, other.evidence, other.retired)

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "version": self.version,
            "date": self.date,
            "statement": self.statement,
            "evidence": [
                {"source": item.source, "quote": item.quote, "stance": item.stance, "speakers": list(item.speakers)}
                for item in self.evidence
            ],
            **({"retired": True} if self.retired else {}),
        }


def _words(text: str) -> str:
    return " ".join(text.split())


def snapshot_of(claim: Claim, version: int, date: str) -> ClaimSnapshot:
    return ClaimSnapshot(
        claim.id,
        version,
        date,
        _words(claim.statement),
        tuple(SnapshotItem(item.source, _words(item.quote), item.stance, tuple(item.speakers)) for item in claim.evidence),
        claim.retired is not None,
    )


def load_snapshots(root: Path, problems: Problems) -> dict[str, dict[int, tuple[ClaimSnapshot, int]]]:
    """claim id -> version -> (snapshot, line in the file); problems for lines that do not read."""
    path = root / SNAPSHOTS
    found: dict[str, dict[int, tuple[ClaimSnapshot, int]]] = {}
    if not path.exists():
        return found
    try:
        text = read_input(path).decode("utf-8")
    except (InputError, OSError, UnicodeDecodeError) as exc:
        problems.add(SNAPSHOTS, (1, 1), "unreadable-file", f"{SNAPSHOTS} cannot be read ({exc})", "restore it from version control")
        return found
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            snapshot = ClaimSnapshot(
                str(data["claim"]),
                int(data["version"]),
                str(data["date"]),
                str(data["statement"]),
                tuple(
                    SnapshotItem(str(i["source"]), str(i["quote"]), str(i["stance"]), tuple(str(s) for s in i["speakers"]))
                    for i in data["evidence"]
                ),
                bool(data.get("retired", False)),
            )
        except (ValueError, KeyError, TypeError) as exc:
            problems.add(
                SNAPSHOTS,
                (number, 1),
                "bad-snapshot",
                f"line {number} is not a published claim version ({exc})",
                "restore it from version control",
            )
            continue
        found.setdefault(snapshot.claim, {})[snapshot.version] = (snapshot, number)
    return found


def unpublished_versions(corpus: Corpus) -> list[ClaimSnapshot]:
    """The current version of every claim that is not yet in the file, or whose text there was
    corrected again on the version's own day; oldest first."""
    found = []
    for view in corpus.all_claims():
        version = corpus.version(view.id)
        current = snapshot_of(view.claim, version.number, version.date)
        stored = corpus.published_versions.get(view.id, {}).get(version.number)
        corrected_today = any(correction.date == version.date for correction in version.corrections)
        if stored is None or (corrected_today and not stored.same_text(current)):
            found.append(current)
    return sorted(found, key=lambda snapshot: (snapshot.date, snapshot.claim))


def write_snapshots(root: Path, snapshots: list[ClaimSnapshot]) -> None:
    """Add these versions to the file: a version already there (corrected again on its own day) is
    replaced in place, every other line kept as it is."""
    if not snapshots:
        return
    path = root / SNAPSHOTS
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    replacing = {(snapshot.claim, snapshot.version): snapshot for snapshot in snapshots}
    kept = []
    for line in lines:
        try:
            data = json.loads(line)
            key = (str(data["claim"]), int(data["version"]))
        except (ValueError, KeyError, TypeError):
            key = ("", 0)
        if key in replacing:
            kept.append(json.dumps(replacing.pop(key).to_json(), ensure_ascii=False))
        else:
            kept.append(line)
    kept += [json.dumps(snapshot.to_json(), ensure_ascii=False) for snapshot in replacing.values()]
    path.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
