"""site/data/*.json and *.csv: the data contract other tools rely on (fields may be added, never removed)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from corpus_site.analysis.analysis import AchMatrix, Analysis, analyse
from corpus_site.cite.cite import Citations
from corpus_site.corpus.corpus import LIST_SILENT_UP_TO, Article, ClaimView, Corpus
from corpus_site.records.model import Actor, Event, Relation
from corpus_site.records.urls import record_url
from corpus_site.util.jsonio import dumps, write_dumped_list, write_json


def contract(corpus: Corpus, analysis: Analysis | None = None) -> dict[str, list[dict[str, Any]]]:
    """The exported tables, keyed by file stem."""
    return {name: list(rows) for name, rows in tables(corpus, analysis).items()}


def tables(corpus: Corpus, analysis: Analysis | None = None) -> dict[str, Iterator[dict[str, Any]]]:
    """The exported tables, keyed by file stem, each made one row at a time as it is read (a large
    corpus's tables need not all be in memory at once)."""
    analysis = analysis if analysis is not None else analyse(corpus)
    # the silent articles are listed up to LIST_SILENT_UP_TO articles; beyond, they would grow as claims x articles
    list_silent = len(corpus.articles) <= LIST_SILENT_UP_TO
    return {
        "sources": (_source_row(article, analysis) for article in corpus.articles.values()),
        "actors": (_actor_row(actor) for actor in corpus.actors.values()),
        "events": (_event_row(corpus, event) for event in corpus.events.values()),
        "claims": (_claim_row(corpus, analysis, view, list_silent) for view in corpus.all_claims()),
        "relations": (_relation_row(corpus, relation) for relation in corpus.relations),
        "questions": (_question_row(matrix) for matrix in analysis.questions.values()),
    }


def _source_row(article: Article, analysis: Analysis) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.source.title,
        "outlet": article.source.outlet,
        "byline": article.source.byline or None,
        "seed_file": article.source.seed_file,
        "published": article.source.published,
        "date_precision": article.source.date_precision,
        "kind": article.source.kind,
        "derived_from": list(article.source.derived_from),
        "non_article_lines": sorted(article.non_article_lines),
        "reliability": article.source.reliability.grade if article.source.reliability else "F",
        "reliability_rationale": article.source.reliability.rationale if article.source.reliability else None,
        "independent_group": analysis.groups[article.id],
        "only_here": analysis.only_in.get(article.id, []),
        "chars": len(article.text),
        "url": record_url("sources", article.id),
    }


def _actor_row(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
        "description": actor.description,
        "affiliations": [{"actor": a.actor, "role": a.role} for a in actor.affiliations],
        "tags": list(actor.tags),
        "url": record_url("actors", actor.id),
    }


def _event_row(corpus: Corpus, event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "date": event.date,
        "date_precision": event.date_precision,
        "location": event.location,
        "actors": [participant.actor for participant in event.actors],
        "claims": list(corpus.claims_by_event.get(event.id, [])),
        "tags": list(event.tags),
        "url": record_url("events", event.id),
    }


def _claim_row(corpus: Corpus, analysis: Analysis, view: ClaimView, list_silent: bool) -> dict[str, Any]:
    return {
        "id": view.id,
        "statement": view.claim.statement,
        "tags": list(view.claim.tags),
        "actors": list(view.claim.actors),
        "events": list(view.claim.events),
        "agreement": view.agreement,
        # a retired claim is not analysed: it no longer says what the articles say
        "status": analysis.status.get(view.id, "retired"),
        "credibility": analysis.credibility.get(view.id),
        "retired": _retirement(view),
        "version": corpus.version(view.id).number,
        "version_date": corpus.version(view.id).date or None,
        # null in corpora of more than LIST_SILENT_UP_TO articles, where the lists would grow as claims x articles
        "silent": [source for source in corpus.articles if source not in view.stances_by_source()] if list_silent else None,
        "silent_count": len(corpus.articles) - len(view.source_ids),
        "url": record_url("claims", view.id),
        "evidence": [
            {
                "source": quote.evidence.source,
                "quote": quote.text,
                "start": quote.start,
                "end": quote.end,
                "line": quote.line,
                "stance": quote.evidence.stance,
                "speaker": quote.evidence.speaker,
                "speakers": list(quote.evidence.speakers),
                "attribution": quote.evidence.attribution or None,
            }
            for quote in view.quotes
        ],
    }


def _question_row(matrix: AchMatrix) -> dict[str, Any]:
    return {
        "id": matrix.question.id,
        "question": matrix.question.question,
        "summary": matrix.question.summary,
        "url": record_url("questions", matrix.question.id),
        "hypotheses": [
            {
                "id": score.id,
                "text": score.text,
                "rank": rank,
                "inconsistent": score.inconsistent,
                "consistent": score.consistent,
                "neutral": score.neutral,
                "weighted_inconsistency": score.weighted_inconsistency,
            }
            for rank, score in enumerate(matrix.ranking, 1)
        ],
        "evidence": [
            {
                "claim": row.claim_id,
                "ratings": row.ratings,
                "diagnostic": row.diagnostic,
                "credibility": row.credibility,
                "note": row.note,
            }
            for row in matrix.rows
        ],
    }


#: CSV columns of the tables that are not flat (the others take the keys of their rows).
_CSV_HEADERS = {
    "claims": [
        "claim",
        "statement",
        "agreement",
        "status",
        "credibility",
        "evidence",
        "source",
        "stance",
        "speaker",
        "speakers",
        "attribution",
        "quote",
        "start",
        "end",
        "line",
        "url",
    ],
    "questions": ["question", "claim", "hypothesis", "hypothesis_text", "rating", "diagnostic", "credibility"],
}


def _csv_rows(name: str, rows: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """Flatten a table for CSV: lists joined with '|'; claims become one row per evidence item."""
    header = _CSV_HEADERS.get(name) or (list(rows[0]) if rows else [])
    return header, [_spreadsheet_safe(flat) for row in rows for flat in _csv_flat(name, row)]


def _csv_flat(name: str, row: dict[str, Any]) -> list[dict[str, Any]]:
    """The CSV rows of one row of a table."""
    if name == "claims":
        return [
            {
                "claim": row["id"],
                "statement": row["statement"],
                "agreement": row["agreement"],
                "status": row["status"],
                "credibility": row["credibility"],
                "evidence": number,
                **evidence,
                "speakers": "|".join(evidence["speakers"]),
                "url": row["url"],
            }
            for number, evidence in enumerate(row["evidence"], 1)
        ]
    if name == "questions":
        texts = {hypothesis["id"]: hypothesis["text"] for hypothesis in row["hypotheses"]}
        return [
            {
                "question": row["id"],
                "claim": item["claim"],
                "hypothesis": hypothesis,
                "hypothesis_text": texts[hypothesis],
                "rating": rating,
                "diagnostic": item["diagnostic"],
                "credibility": item["credibility"],
            }
            for item in row["evidence"]
            for hypothesis, rating in item["ratings"].items()
        ]
    return [{key: "|".join(_cell(v) for v in value) if isinstance(value, list) else value for key, value in row.items()}]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet run a cell as a formula (OWASP, CSV injection)."""


def _spreadsheet_safe(row: dict[str, Any]) -> dict[str, Any]:
    """The row with every text cell that a spreadsheet would run as a formula made plain text,
    by a leading apostrophe (OWASP's rule for CSV injection). Numbers are left as they are."""
    return {key: f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value for key, value in row.items()}


def _relation_row(corpus: Corpus, relation: Relation) -> dict[str, Any]:
    evidence = corpus.relation_evidence(relation)
    return {
        "subject": relation.subject,
        "object": relation.object,
        "type": relation.type,
        "period": relation.period or None,
        "claims": list(relation.claims),
        # computed from the stances on the cited claims: supported, contested, disputed or mentioned
        "status": evidence.status,
        "supporting": list(evidence.supporting),
        "disputing": list(evidence.disputing),
    }


def _retirement(view: ClaimView) -> dict[str, Any] | None:
    retired = view.claim.retired
    return {"reason": retired.reason, "successors": list(retired.successors)} if retired else None


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return ":".join(str(v) for v in value.values())
    return str(value)


#: Characters of context kept on each side of a quote in a TextQuoteSelector.
SELECTOR_CONTEXT = 32


def web_annotations(corpus: Corpus, site_url: str) -> dict[str, Any]:
    """Every evidence quote as a W3C Web Annotation whose target is the seed text, located by a
    TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (start, end)."""
    return _annotation_collection(corpus, site_url, list(iter_annotations(corpus, site_url)))


def _annotation_collection(corpus: Corpus, site_url: str, items: Any) -> dict[str, Any]:
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{site_url}data/annotations.jsonld",
        "type": "AnnotationCollection",
        "label": "Evidence quotes, anchored in the seed texts",
        "total": sum(len(view.quotes) for view in corpus.claims.values()),
        "first": {"type": "AnnotationPage", "items": items},
    }


def iter_annotations(corpus: Corpus, site_url: str) -> Iterator[dict[str, Any]]:
    """The items of :func:`web_annotations`, one at a time."""
    for view in corpus.claims.values():
        for quote in view.quotes:
            text = corpus.articles[quote.evidence.source].text
            yield (
                {
                    "id": f"{site_url}{record_url('claims', view.id)}#{quote.anchor_id}",
                    "type": "Annotation",
                    "motivation": "assessing" if quote.evidence.stance != "mentions" else "tagging",
                    "body": [
                        {"type": "SpecificResource", "source": f"{site_url}{record_url('claims', view.id)}", "purpose": "linking"},
                        {"type": "TextualBody", "value": quote.evidence.stance, "purpose": "assessing"},
                        {"type": "TextualBody", "value": view.claim.statement, "purpose": "describing"},
                        *(
                            {"type": "SpecificResource", "source": f"{site_url}{record_url('actors', speaker)}", "purpose": "identifying"}
                            for speaker in quote.evidence.speakers
                        ),
                    ],
                    "target": {
                        "source": f"{site_url}{record_url('sources', quote.evidence.source)}",
                        "selector": [
                            {
                                "type": "TextQuoteSelector",
                                "exact": quote.text,
                                "prefix": text[max(0, quote.start - SELECTOR_CONTEXT) : quote.start],
                                "suffix": text[quote.end : quote.end + SELECTOR_CONTEXT],
                            },
                            {"type": "TextPositionSelector", "start": quote.start, "end": quote.end},
                        ],
                    },
                }
            )


class _TableWriter:
    """Writes each row of a table to the CSV file and, for records, to its own JSON file, as the
    rows pass on their way to the table's JSON file."""

    def __init__(self, name: str, csv_file: TextIO, records: Path) -> None:
        self.name, self.csv_file, self.records = name, csv_file, records
        self.writer: csv.DictWriter[str] | None = None

    def each(self, rows: Iterable[dict[str, Any]]) -> Iterator[str]:
        """Each row put through :func:`dumps`, once written to the CSV and its own file."""
        for row in rows:
            if self.writer is None:
                header = _CSV_HEADERS.get(self.name) or list(row)
                self.writer = csv.DictWriter(self.csv_file, fieldnames=header, extrasaction="ignore", lineterminator="\n")
                self.writer.writeheader()
            self.writer.writerows(_spreadsheet_safe(flat) for flat in _csv_flat(self.name, row))
            text = dumps(row)
            if "url" in row and "id" in row:
                self.records.mkdir(exist_ok=True)
                (self.records / f"{row['id']}.json").write_text(text + "\n", encoding="utf-8")
            yield text

    def finish(self) -> None:
        if self.writer is None:  # an empty table: the header alone
            csv.DictWriter(self.csv_file, fieldnames=_CSV_HEADERS.get(self.name, []), lineterminator="\n").writeheader()


def write_exports(
    corpus: Corpus, folder: Path, citations: Mapping[str, Citations] | None = None, site_url: str = "", analysis: Analysis | None = None
) -> list[Path]:
    """Every table as JSON and CSV, each record as JSON with its citation files, and the annotations;
    rows are made and written one at a time (the same bytes as dumping whole lists)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(corpus, analysis).items():
        json_path, csv_path = folder / f"{name}.json", folder / f"{name}.csv"
        with json_path.open("w", encoding="utf-8") as json_file, csv_path.open("w", encoding="utf-8", newline="") as csv_file:
            table = _TableWriter(name, csv_file, folder / name)
            write_dumped_list(json_file, table.each(rows))
            json_file.write("\n")
            table.finish()
        written += [json_path, csv_path]
    for key, citation in (citations or {}).items():
        kind, record_id = key.split("/", 1)
        if kind == "article":
            continue
        base = folder / kind / record_id
        base.parent.mkdir(parents=True, exist_ok=True)
        base.with_name(f"{record_id}.bib").write_text(citation.bibtex, encoding="utf-8")
        base.with_name(f"{record_id}.ris").write_text(citation.ris, encoding="utf-8")
        base.with_name(f"{record_id}.csl.json").write_text(citation.csl_json + "\n", encoding="utf-8")
    annotation_path = folder / "annotations.jsonld"
    write_json(annotation_path, _annotation_collection(corpus, site_url, iter_annotations(corpus, site_url)))
    written.append(annotation_path)
    return written
