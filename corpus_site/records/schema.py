"""JSON Schemas of the YAML files, generated from the models (editors get completion and checks)."""

from __future__ import annotations

import json
from pathlib import Path

from corpus_site.records.model import ActorsFile, ClaimsFile, CorrectionsFile, EventsFile, QuestionsFile, Record, SourcesFile

SCHEMAS: dict[str, type[Record]] = {
    "sources": SourcesFile,
    "actors": ActorsFile,
    "events": EventsFile,
    "claims": ClaimsFile,
    "questions": QuestionsFile,
    "corrections": CorrectionsFile,
}


def schema_text(model: type[Record]) -> str:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written
