"""The JSON contract: schema-valid, complete, deterministic."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from _reports import A_PATH, BROKEN_PATH, sample_report

from verifier.errors import UsageError
from verifier.models import Report, Verdict
from verifier.report import FORMATTERS, report_to_dict, write_reports
from verifier.report.json import load_schema

QUOTE_KEYS = [
    "id", "text", "kind", "speaker", "speaker_mention", "cue", "found_by", "speaker_by",
    "start", "end", "line", "column", "verdict", "reason", "score", "source", "diff",
    "segments", "attribution", "candidates", "meaning", "source_changed",
]  # fmt: skip


def _validate(data: object) -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


def test_sample_report_validates_against_the_schema() -> None:
    _validate(json.loads(FORMATTERS["json"](sample_report())))


def test_schema_rejects_what_the_contract_forbids() -> None:
    data = report_to_dict(sample_report())
    bad_verdict = json.loads(json.dumps(data))
    bad_verdict["documents"][0]["quotes"][0]["verdict"] = "probably"
    with pytest.raises(jsonschema.ValidationError):
        _validate(bad_verdict)
    missing = json.loads(json.dumps(data))
    del missing["documents"][0]["quotes"][0]["line"]
    with pytest.raises(jsonschema.ValidationError):
        _validate(missing)
    extra = json.loads(json.dumps(data))
    extra["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        _validate(extra)
    wrong_version = json.loads(json.dumps(data))
    wrong_version["schema_version"] = 2
    with pytest.raises(jsonschema.ValidationError):
        _validate(wrong_version)


def test_top_level_and_summary() -> None:
    data = report_to_dict(sample_report())
    assert data["schema_version"] == 1
    assert data["summary"] == {
        "verified": 1,
        "minor_difference": 1,
        "misquoted": 1,
        "not_found": 1,
        "unverifiable": 2,
        "ignored": 1,
    }
    assert data["totals"] == {
        "documents": 4,
        "quotes": 7,
        "findings": 2,
        "errors": 1,
        "checked": 4,  # verified, minor difference, misquoted, not found
    }
    assert data["evidence"] is None  # built by hand: no source was looked up
    assert data["policy"] == {"fail_on": ["misquoted", "not_found"]}
    assert data["errors"] == [{"path": BROKEN_PATH, "error": sample_report().documents[-1].error}]
    assert data["baseline"] == {"stale": []}


def test_policy_and_stale_entries_are_recorded() -> None:
    policy = frozenset({Verdict.MISQUOTED, Verdict.NOT_FOUND, Verdict.UNVERIFIABLE})
    data = report_to_dict(sample_report(), fail_on=policy, stale=["z-entry", "a-entry"])
    assert data["totals"]["findings"] == 4
    assert data["policy"]["fail_on"] == ["misquoted", "not_found", "unverifiable"]
    assert data["baseline"]["stale"] == ["a-entry", "z-entry"]


def test_quote_fields_in_contract_order() -> None:
    data = report_to_dict(sample_report())
    doc = next(d for d in data["documents"] if d["path"] == A_PATH)
    assert list(doc) == ["path", "url", "title", "error", "notes", "quotes"]
    assert doc["notes"] == ["skipped a reader-comment section (line 40)"]
    for quote in doc["quotes"]:
        assert list(quote) == QUOTE_KEYS
    mis = next(q for q in doc["quotes"] if q["verdict"] == "misquoted")
    assert mis["kind"] == "full"
    assert mis["speaker"] == "Rep. Dan Crenshaw"
    assert mis["speaker_mention"] == {"text": "Crenshaw", "start": 955, "end": 963}
    assert mis["cue"] == {"text": "said", "start": 964, "end": 968}
    assert mis["source"]["archived"] == {
        "url": "https://web.archive.org/web/20240214093000id_/"
        "https://www.borderlandbeat.com/2024/02/ecuador-us-military.html",
        "timestamp": "20240214093000",
    }
    assert {"op": "insert", "quote": "more", "source": ""} in mis["diff"]
    assert {"op": "delete", "quote": "", "source": "more"} in mis["diff"]
    assert mis["candidates"][0]["reason"] == "another article of the corpus contains the quote"
    assert mis["candidates"][0]["reason_code"] == "corpus_article"
    assert mis["candidates"][0]["detail"] == "corpus/002_borderland.md"
    assert mis["candidates"][1]["outcome_reason"] == "dead"
    assert mis["segments"][0]["found"] is True


def test_output_is_deterministic_whatever_the_input_order() -> None:
    report = sample_report()
    shuffled = Report(
        documents=tuple(
            replace(d, quotes=tuple(reversed(d.quotes))) for d in reversed(report.documents)
        )
    )
    assert FORMATTERS["json"](report) == FORMATTERS["json"](shuffled)
    paths = [d["path"] for d in report_to_dict(shuffled)["documents"]]
    assert paths == sorted(paths)
    starts = [q["start"] for q in report_to_dict(shuffled)["documents"][0]["quotes"]]
    assert starts == sorted(starts)


def test_scores_are_rounded_and_text_is_kept_as_utf8() -> None:
    report = sample_report()
    doc = report.documents[0]
    noisy = replace(doc.quotes[1], score=0.9700000000000001)
    report = Report(documents=(replace(doc, quotes=(noisy,)),))
    text = FORMATTERS["json"](report)
    assert '"score": 0.97,' in text
    assert "Rep." not in text  # only the noisy quote is left
    assert text.endswith("}\n")
    full = FORMATTERS["json"](sample_report())
    assert '"speaker": "José Jerí"' in full
    assert "\\u00e9" not in full


def test_write_reports_places_files_and_honours_output(tmp_path: Path) -> None:
    report = sample_report()
    written = write_reports(report, ["json", "json"], report_dir=tmp_path / "reports")
    assert written == [tmp_path / "reports" / "report.json"]
    assert json.loads(written[0].read_text("utf-8"))["schema_version"] == 1
    out = tmp_path / "elsewhere" / "x.json"
    assert write_reports(report, ["json"], report_dir=tmp_path, output=out) == [out]
    assert out.read_text("utf-8") == FORMATTERS["json"](report)


def test_registry_has_every_format_and_writes_them_all(tmp_path: Path) -> None:
    assert sorted(FORMATTERS) == [
        "github",
        "gitlab",
        "html",
        "json",
        "jsonl",
        "junit",
        "markdown",
        "rdjson",
        "sarif",
    ]
    formats = ["json", "markdown", "html", "junit", "sarif", "github", "gitlab", "rdjson"]
    written = write_reports(sample_report(), formats, report_dir=tmp_path)
    assert [p.name for p in written] == [
        "report.json",
        "report.md",
        "report.html",
        "junit.xml",
        "report.sarif",
        "github-annotations.txt",
        "gl-code-quality-report.json",
        "report.rdjson",
    ]
    for fmt, path in zip(formats, written, strict=True):
        assert path.read_text("utf-8") == FORMATTERS[fmt](sample_report())


def test_write_reports_rejects_unknown_formats_and_ambiguous_output(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown report format 'pdf'"):
        write_reports(sample_report(), ["pdf"], report_dir=tmp_path)
    with pytest.raises(UsageError, match="--output names one file"):
        write_reports(sample_report(), ["json", "html"], report_dir=tmp_path, output=tmp_path / "x")
    assert list(tmp_path.iterdir()) == []


def test_evidence_and_a_changed_source_follow_the_schema() -> None:
    from verifier.models import DiffOp, DiffOpKind, EvidenceSummary, SourceChange

    report = sample_report()
    first = report.documents[0]
    change = SourceChange(
        url="https://news.example/port",
        since="2026-11-22",
        old_passage="before the end of the year",
        new_passage="before the next election",
        diff=(
            DiffOp(DiffOpKind.EQUAL, "before the", "before the"),
            DiffOp(DiffOpKind.REPLACE, "end of the year", "next election"),
        ),
    )
    changed = replace(first, quotes=(replace(first.quotes[0], source_changed=change),))
    urls = frozenset({"https://news.example/port", "https://a.example/", "https://b.example/"})
    evidence = EvidenceSummary(
        store="c/.verifier/sources",
        replayed_urls=urls,
        refetched_urls=frozenset({"https://news.example/port"}),
        changed_urls=frozenset({"https://news.example/port"}),
    )
    report = replace(report, documents=(changed, *report.documents[1:]), evidence=evidence)
    data = json.loads(FORMATTERS["json"](report))
    _validate(data)
    assert data["evidence"]["changed"] == 1 and data["evidence"]["errors"] == []
    quote = next(q for d in data["documents"] for q in d["quotes"] if q["source_changed"])
    assert quote["source_changed"]["since"] == "2026-11-22"
    assert {"op": "replace", "quote": "end of the year", "source": "next election"} in quote[
        "source_changed"
    ]["diff"]


def test_every_candidate_reason_is_in_the_schema() -> None:
    from verifier.models import CandidateReason

    codes = load_schema()["$defs"]
    text = json.dumps(codes)
    missing = [r.name.lower() for r in CandidateReason if f'"{r.name.lower()}"' not in text]
    assert missing == []
