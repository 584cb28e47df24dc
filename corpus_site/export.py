"""site/data/*.json and *.csv: the data contract other tools rely on (fields may be added, never removed)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .analysis import Analysis, analyse
from .cite import Citations
from .corpus import LIST_SILENT_UP_TO, Corpus
from .urls import record_url


def contract(corpus: Corpus, analysis: Analysis | None = None) -> dict[str, list[dict[str, Any]]]:
    """The exported tables, keyed by file stem."""
    analysis = analysis if analysis is not None else analyse(corpus)
    list_silent = len(corpus.articles) <= LIST_SILENT_UP_TO
    speaking = {view.id: view.stances_by_source() for view in corpus.claims.values()}
    sources = [
        {
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
        for article in corpus.articles.values()
    ]
    actors = [
        {
            "id": actor.id,
            "name": actor.name,
            "kind": actor.kind,
            "aliases": list(actor.aliases),
            "description": actor.description,
            "affiliations": [{"actor": a.actor, "role": a.role} for a in actor.affiliations],
            "tags": list(actor.tags),
            "url": record_url("actors", actor.id),
        }
        for actor in corpus.actors.values()
    ]
    events = [
        {
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
        for event in corpus.events.values()
    ]
    claims = [
        {
            "id": view.id,
            "statement": view.claim.statement,
            "tags": list(view.claim.tags),
            "actors": list(view.claim.actors),
            "events": list(view.claim.events),
            "agreement": view.agreement,
            "status": analysis.status[view.id],
            "credibility": analysis.credibility[view.id],
            # null in corpora of more than LIST_SILENT_UP_TO articles, where the lists would grow as claims x articles
            "silent": [source for source in corpus.articles if source not in speaking[view.id]] if list_silent else None,
            "silent_count": len(corpus.articles) - len(speaking[view.id]),
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
                    "attribution": quote.evidence.attribution or None,
                }
                for quote in view.quotes
            ],
        }
        for view in corpus.claims.values()
    ]
    relations = [
        {"subject": r.subject, "object": r.object, "type": r.type, "period": r.period or None, "claims": list(r.claims)}
        for r in corpus.relations
    ]
    questions = [
        {
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
        for matrix in analysis.questions.values()
    ]
    return {"sources": sources, "actors": actors, "events": events, "claims": claims, "relations": relations, "questions": questions}


def _csv_rows(name: str, rows: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """Flatten a table for CSV: lists joined with '|'; claims become one row per evidence item."""
    if name == "claims":
        flat = []
        for claim in rows:
            for number, evidence in enumerate(claim["evidence"], 1):
                flat.append(
                    {
                        "claim": claim["id"],
                        "statement": claim["statement"],
                        "agreement": claim["agreement"],
                        "status": claim["status"],
                        "credibility": claim["credibility"],
                        "evidence": number,
                        **evidence,
                        "url": claim["url"],
                    }
                )
        header = [
            "claim",
            "statement",
            "agreement",
            "status",
            "credibility",
            "evidence",
            "source",
            "stance",
            "speaker",
            "attribution",
            "quote",
            "start",
            "end",
            "line",
            "url",
        ]
        return header, flat
    if name == "questions":
        texts = {(question["id"], h["id"]): h["text"] for question in rows for h in question["hypotheses"]}
        flat = [
            {
                "question": question["id"],
                "claim": item["claim"],
                "hypothesis": hypothesis,
                "hypothesis_text": texts[(question["id"], hypothesis)],
                "rating": rating,
                "diagnostic": item["diagnostic"],
                "credibility": item["credibility"],
            }
            for question in rows
            for item in question["evidence"]
            for hypothesis, rating in item["ratings"].items()
        ]
        return ["question", "claim", "hypothesis", "hypothesis_text", "rating", "diagnostic", "credibility"], flat
    header = list(rows[0]) if rows else []
    flat = []
    for row in rows:
        flat.append({key: "|".join(_cell(v) for v in value) if isinstance(value, list) else value for key, value in row.items()})
    return header, flat


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return ":".join(str(v) for v in value.values())
    return str(value)


#: Characters of context kept on each side of a quote in a TextQuoteSelector.
SELECTOR_CONTEXT = 32


def web_annotations(corpus: Corpus, site_url: str) -> dict[str, Any]:
    """Every evidence quote as a W3C Web Annotation whose target is the seed text, located by a
    TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (start, end)."""
    items = []
    for view in corpus.claims.values():
        for quote in view.quotes:
            text = corpus.articles[quote.evidence.source].text
            items.append(
                {
                    "id": f"{site_url}{record_url('claims', view.id)}#evidence-{quote.index + 1}",
                    "type": "Annotation",
                    "motivation": "assessing" if quote.evidence.stance != "mentions" else "tagging",
                    "body": [
                        {"type": "SpecificResource", "source": f"{site_url}{record_url('claims', view.id)}", "purpose": "linking"},
                        {"type": "TextualBody", "value": quote.evidence.stance, "purpose": "assessing"},
                        {"type": "TextualBody", "value": view.claim.statement, "purpose": "describing"},
                        *(
                            [
                                {
                                    "type": "SpecificResource",
                                    "source": f"{site_url}{record_url('actors', quote.evidence.speaker)}",
                                    "purpose": "identifying",
                                }
                            ]
                            if quote.evidence.speaker
                            else []
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
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{site_url}data/annotations.jsonld",
        "type": "AnnotationCollection",
        "label": "Evidence quotes, anchored in the seed texts",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }


def write_exports(
    corpus: Corpus, folder: Path, citations: dict[str, Citations] | None = None, site_url: str = "", analysis: Analysis | None = None
) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in contract(corpus, analysis).items():
        json_path = folder / f"{name}.json"
        json_path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        header, flat = _csv_rows(name, rows)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        csv_path = folder / f"{name}.csv"
        csv_path.write_text(buffer.getvalue(), encoding="utf-8")
        written += [json_path, csv_path]
        for row in rows:
            if "url" in row and "id" in row:
                record = folder / name / f"{row['id']}.json"
                record.parent.mkdir(exist_ok=True)
                record.write_text(json.dumps(row, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
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
    annotation_path.write_text(json.dumps(web_annotations(corpus, site_url), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    written.append(annotation_path)
    return written
