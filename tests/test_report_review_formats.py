"""GitLab Code Quality and reviewdog rdjson, validated against their schemas (tests/schemas/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from _reports import A_PATH, BROKEN_PATH, sample_report

from verifier.models import Verdict
from verifier.report import FORMATTERS

SCHEMAS = Path(__file__).parent / "schemas"


def _schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return data


def _validate(schema: dict[str, Any], data: object) -> None:
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    validator(schema).validate(data)


def test_gitlab_code_quality_validates_and_locates_findings() -> None:
    issues = json.loads(FORMATTERS["gitlab"](sample_report()))
    _validate(_schema("gitlab-code-quality.schema.json"), issues)
    by_check = {(i["location"]["path"], i["check_name"], i["severity"]) for i in issues}
    assert (A_PATH, "QV001", "major") in by_check  # misquoted: in the fail-on policy
    assert (BROKEN_PATH, "QV000", "major") in by_check  # unreadable document
    assert ("corpus/001_peru.md", "QV003", "info") in by_check
    assert not any(i["check_name"] in ("QV005", "QV006") for i in issues)  # ignored, verified
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    again = json.loads(FORMATTERS["gitlab"](sample_report()))
    assert [i["fingerprint"] for i in again] == fingerprints  # stable across runs
    mis = next(i for i in issues if i["check_name"] == "QV001")
    assert mis["location"]["lines"]["begin"] == 21
    assert "{+more+}" in mis["description"]  # the diff is in what the reviewer reads


def test_gitlab_policy_sets_severity() -> None:
    issues = json.loads(FORMATTERS["gitlab"](sample_report(), fail_on=frozenset()))
    assert {i["severity"] for i in issues if i["check_name"] == "QV001"} == {"minor"}


def test_rdjson_validates_and_locates_findings() -> None:
    data = json.loads(FORMATTERS["rdjson"](sample_report()))
    _validate(_schema("rdjson.schema.json"), data)
    assert data["source"]["name"] == "quote-verifier"
    assert data["severity"] == "ERROR"
    mis = next(d for d in data["diagnostics"] if d["code"]["value"] == "QV001")
    assert mis["location"] == {"path": A_PATH, "range": {"start": {"line": 21, "column": 4}}}
    assert mis["severity"] == "ERROR"
    assert "Source says: “It makes more us safe" in mis["message"]
    policy = json.loads(
        FORMATTERS["rdjson"](sample_report(), fail_on=frozenset({Verdict.UNVERIFIABLE}))
    )
    severities = {d["code"]["value"]: d["severity"] for d in policy["diagnostics"]}
    assert severities["QV001"] == "WARNING" and severities["QV003"] == "ERROR"


def test_schemas_reject_what_the_tools_would() -> None:
    """The schemas are not vacuous: a wrong severity or a missing path fails them."""
    gitlab = _schema("gitlab-code-quality.schema.json")
    bad = json.loads(FORMATTERS["gitlab"](sample_report()))
    bad[0]["severity"] = "error"
    with pytest.raises(jsonschema.ValidationError):
        _validate(gitlab, bad)
    rd = json.loads(FORMATTERS["rdjson"](sample_report()))
    rd["diagnostics"][0]["severity"] = "FATAL"
    with pytest.raises(jsonschema.ValidationError):
        _validate(_schema("rdjson.schema.json"), rd)
