"""SARIF 2.1.0: every log validates against the published schema (kept in
`tests/schemas/sarif-2.1.0.schema.json`, the 2.1.0-rtm.5 schema as shipped in npm's
`@microsoft/jest-sarif`, MIT), and meets what GitHub code scanning needs on top of it
(`SARIF_SUBSET`: the fields it reads to place a finding, which the schema leaves optional)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from _reports import sample_report

from verifier.models import Verdict
from verifier.report import FORMATTERS
from verifier.report.sarif import RULE_ID

MESSAGE = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
LEVEL = {"enum": ["none", "note", "warning", "error"]}
ARTIFACT_LOCATION = {
    "type": "object",
    "required": ["uri"],
    "properties": {"uri": {"type": "string", "minLength": 1}, "uriBaseId": {"type": "string"}},
}
REGION = {
    "type": "object",
    "required": ["startLine", "startColumn"],
    "properties": {
        "startLine": {"type": "integer", "minimum": 1},
        "startColumn": {"type": "integer", "minimum": 1},
        "snippet": MESSAGE,
    },
}
# The subset of https://json.schemastore.org/sarif-2.1.0.json that a result log must meet.
SARIF_SUBSET: dict[str, Any] = {
    "type": "object",
    "required": ["version", "$schema", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "$schema": {"type": "string", "pattern": "sarif-2\\.1\\.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "rules"],
                                "properties": {
                                    "name": {"type": "string", "minLength": 1},
                                    "version": {"type": "string"},
                                    "informationUri": {"type": "string", "format": "uri"},
                                    "rules": {
                                        "type": "array",
                                        "uniqueItems": True,
                                        "items": {
                                            "type": "object",
                                            # GitHub code scanning wants help text
                                            "required": ["id", "shortDescription", "help"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "shortDescription": MESSAGE,
                                                "fullDescription": MESSAGE,
                                                "help": MESSAGE,
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {"level": LEVEL},
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["ruleId", "level", "message", "locations"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": 0},
                                "level": LEVEL,
                                "message": MESSAGE,
                                "locations": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": {
                                        "type": "object",
                                        "required": ["physicalLocation"],
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation", "region"],
                                                "properties": {
                                                    "artifactLocation": ARTIFACT_LOCATION,
                                                    "region": REGION,
                                                },
                                            }
                                        },
                                    },
                                },
                                "partialFingerprints": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                                "suppressions": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["kind"],
                                        "properties": {
                                            "kind": {"enum": ["inSource", "external"]},
                                            "justification": {"type": "string"},
                                        },
                                    },
                                },
                            },
                        },
                    },
                    "invocations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["executionSuccessful"],
                            "properties": {
                                "executionSuccessful": {"type": "boolean"},
                                "toolExecutionNotifications": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["message"],
                                        "properties": {"message": MESSAGE, "level": LEVEL},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


OFFICIAL_SCHEMA = Path(__file__).parent / "schemas" / "sarif-2.1.0.schema.json"


def official_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(OFFICIAL_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def _log(**kwargs: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FORMATTERS["sarif"](sample_report(), **kwargs))
    return data


def test_the_log_validates_against_the_published_sarif_schema() -> None:
    validator = official_validator()
    validator.validate(_log())
    broken = _log()
    broken["runs"][0]["results"][0]["level"] = "fatal"  # not a SARIF level
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert len(list(validator.iter_errors(broken))) == 2


def test_required_structure() -> None:
    data = _log()
    jsonschema.Draft202012Validator(
        SARIF_SUBSET, format_checker=jsonschema.FormatChecker()
    ).validate(data)
    (run,) = data["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["QV001", "QV002", "QV003", "QV004", "QV005", "QV006"]
    assert [r["id"] for r in rules] == list(RULE_ID.values())
    assert rules[0]["name"] == "misquoted" and "diff" in rules[0]["help"]["text"]
    assert rules[0]["properties"]["problem.severity"] == "error"  # in the fail-on policy
    assert rules[3]["properties"]["problem.severity"] == "recommendation"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_results_are_located_at_the_quote() -> None:
    (run,) = _log()["runs"]
    located = {
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        ): (r["ruleId"], r["level"])
        for r in run["results"]
    }
    assert located == {
        ("corpus/000_ecuador.md", 12, 31): ("QV004", "note"),
        ("corpus/000_ecuador.md", 21, 4): ("QV001", "error"),
        ("corpus/001_peru.md", 5, 10): ("QV002", "error"),
        ("corpus/001_peru.md", 9, 1): ("QV003", "note"),
        ("corpus/constructed/verdicts.md", 3, 3): ("QV003", "note"),
        ("corpus/constructed/verdicts.md", 14, 12): ("QV005", "none"),
    }
    mis = next(r for r in run["results"] if r["ruleId"] == "QV001")
    assert mis["message"]["text"].startswith("misquoted (word order): “It makes us more safe")
    assert "\nSource says: “It makes more us safe" in mis["message"]["text"]
    assert "\nDiff (quote → source): It makes {+more+} us [-more-] safe" in mis["message"]["text"]
    assert mis["partialFingerprints"] == {"quoteId/v1": "q-000-misquoted"}
    assert mis["properties"]["archivedUrl"].startswith("https://web.archive.org/")
    ignored = next(r for r in run["results"] if r["ruleId"] == "QV005")
    assert ignored["suppressions"] == [
        {"kind": "external", "justification": "verify-ignore comment"}
    ]


def test_policy_sets_levels_and_errors_become_notifications() -> None:
    policy = frozenset({Verdict.UNVERIFIABLE})
    (run,) = _log(fail_on=policy, stale=["q-old: accepted"])["runs"]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["QV003"] == "error"
    assert levels["QV001"] == "warning"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "warning"]
    assert "cannot decode as UTF-8" in notes[0]["message"]["text"]
    assert notes[1]["message"]["text"] == "stale baseline entry: q-old: accepted"
