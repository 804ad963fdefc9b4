"""JSON Lines: every record validates against the JSON contract (`verifier/report/schema.json`):
a quote record is the contract's quote object plus its document's path, and the summary record
holds the contract's `summary`, `totals`, `policy` and `baseline` objects."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from _reports import sample_report

from verifier.report.json import load_schema
from verifier.report.jsonl import format_jsonl

DOCUMENT_RECORD: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["record", "path", "url", "title", "error", "notes", "quotes"],
    "properties": {
        "record": {"const": "document"},
        "path": {"type": "string", "minLength": 1},
        "url": {"type": ["string", "null"]},
        "title": {"type": ["string", "null"]},
        "error": {"type": ["string", "null"]},
        "notes": {"type": "array", "items": {"type": "string"}},
        "quotes": {"type": "integer", "minimum": 0},
    },
}


def _validators() -> dict[str, jsonschema.Draft202012Validator]:
    schema = load_schema()
    parts = schema["properties"]

    def validator(part: dict[str, Any]) -> jsonschema.Draft202012Validator:
        return jsonschema.Draft202012Validator({**part, "$defs": schema["$defs"]})

    keys = ("tool", "summary", "totals", "policy", "baseline")
    summary = {
        "type": "object",
        "additionalProperties": False,
        "required": ["record", *keys],
        "properties": {"record": {"const": "summary"}, **{k: parts[k] for k in keys}},
    }
    return {
        "document": validator(DOCUMENT_RECORD),
        "quote": validator({"$ref": "#/$defs/quote"}),
        "summary": validator(summary),
    }


def _checked(record: dict[str, Any], validators: dict[str, Any]) -> None:
    kind = record["record"]
    if kind == "quote":  # the contract's quote object, plus where it is
        assert isinstance(record["path"], str) and record["path"]
        record = {k: v for k, v in record.items() if k not in ("record", "path")}
    validators[kind].validate(record)


def test_every_record_follows_the_json_contract() -> None:
    validators = _validators()
    records = [json.loads(line) for line in format_jsonl(sample_report()).splitlines()]
    for record in records:
        _checked(record, validators)
    kinds = [r["record"] for r in records]
    assert kinds[-1] == "summary" and kinds.count("summary") == 1
    assert {"document", "quote"} <= set(kinds)


def test_a_record_that_breaks_the_contract_is_refused() -> None:
    validators = _validators()
    records = [json.loads(line) for line in format_jsonl(sample_report()).splitlines()]
    record = next(r for r in records if r["record"] == "quote")
    quote = {k: v for k, v in record.items() if k not in ("record", "path")}
    assert not list(validators["quote"].iter_errors(quote))
    assert list(validators["quote"].iter_errors({**quote, "verdict": "probably fine"}))
    summary = {**records[-1], "totals": {**records[-1]["totals"], "quotes": -1}}
    assert list(validators["summary"].iter_errors(summary))
