"""Baselines: accepted findings become `ignored` with their reason; stale entries surface."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from _reports import A_PATH, B_PATH, sample_report

from verifier.baseline import apply_baseline, read_baseline, write_baseline
from verifier.errors import ConfigError
from verifier.models import DocumentResult, EvidenceSummary, QuoteResult, Report, Verdict
from verifier.outcome import RunMerger, ShardResult


def _quote(report: Report, qid: str) -> QuoteResult:
    return next(q for q in report.all_quotes() if q.id == qid)


def test_write_then_apply_accepts_every_finding(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    assert write_baseline(sample_report(), path) == 2
    data = json.loads(path.read_text("utf-8"))
    assert data["schema_version"] == 1
    assert [(e["path"], e["verdict"], e["line"]) for e in data["entries"]] == [
        (A_PATH, "misquoted", 21),
        (B_PATH, "not_found", 5),
    ]
    report, stale = apply_baseline(sample_report(), path)
    assert stale == []
    assert report.findings() == []
    mis = _quote(report, "q-000-misquoted")
    assert mis.verdict is Verdict.IGNORED
    assert mis.reason == "baseline: accepted when the baseline was written"
    assert mis.diff == sample_report().documents[0].quotes[2].diff  # evidence kept
    assert report.summary()["ignored"] == 3
    assert _quote(report, "q-001-nosource").verdict is Verdict.UNVERIFIABLE


def test_accepted_findings_still_count_as_checked(tmp_path: Path) -> None:
    """A run whose only findings the baseline accepted did compare them with a source:
    it must not be reported as "nothing was checked" (exit 3)."""
    path = tmp_path / "baseline.json"
    write_baseline(sample_report(), path)
    report, _ = apply_baseline(sample_report(), path)
    before = {q.id for q in sample_report().checked()}
    assert {q.id for q in report.checked()} == before
    assert "q-000-misquoted" in before
    merger = RunMerger(baseline=path)
    merger.add(
        ShardResult(index=0, documents=sample_report().documents, evidence=EvidenceSummary())
    )
    assert merger.checked == len(before)
    assert merger.incomplete is None


def test_reason_is_the_editors(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(sample_report(), path)
    data = json.loads(path.read_text("utf-8"))
    data["entries"][0]["reason"] = "source later corrected; we quote the original"
    path.write_text(json.dumps(data), encoding="utf-8")
    report, _ = apply_baseline(sample_report(), path)
    assert _quote(report, "q-000-misquoted").reason == (
        "baseline: source later corrected; we quote the original"
    )
    # Rewriting the baseline keeps the editor's reason, even from a report it was applied to.
    assert write_baseline(report, path) == 2
    reasons = {e.id: e.reason for e in read_baseline(path)}
    assert reasons["q-000-misquoted"] == "source later corrected; we quote the original"


def test_match_survives_a_moved_quote_but_not_a_new_verdict(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(sample_report(), path)
    base = sample_report()
    doc_a, doc_b = base.documents[0], base.documents[1]
    moved = replace(doc_a.quotes[2], id="new-id-after-edit", line=40)
    changed = replace(doc_b.quotes[0], verdict=Verdict.MISQUOTED)
    report = Report(
        documents=(
            replace(doc_a, quotes=(doc_a.quotes[0], moved)),
            replace(doc_b, quotes=(changed,)),
        )
    )
    applied, stale = apply_baseline(report, path)
    assert _quote(applied, "new-id-after-edit").verdict is Verdict.IGNORED
    assert _quote(applied, "q-001-not-found").verdict is Verdict.MISQUOTED  # a new finding
    assert stale == [
        f"{B_PATH}:5: “Peru will host ten thousand soldiers” (not_found, id q-001-not-found)"
    ]


def test_fixed_quotes_leave_stale_entries(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(sample_report(), path)
    fixed = Report(documents=(DocumentResult(A_PATH, ()),))
    applied, stale = apply_baseline(fixed, path)
    assert applied == fixed
    assert len(stale) == 2
    assert stale[0].startswith(f"{A_PATH}:21: “It makes us more safe")
    # Writing again drops them.
    assert write_baseline(fixed, path) == 0
    assert read_baseline(path) == []


def test_policy_decides_what_is_written(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    policy = frozenset({Verdict.UNVERIFIABLE})
    assert write_baseline(sample_report(), path, fail_on=policy, reason="known dead") == 2
    assert {e.verdict for e in read_baseline(path)} == {Verdict.UNVERIFIABLE}
    assert {e.reason for e in read_baseline(path)} == {"known dead"}


def test_output_is_stable(tmp_path: Path) -> None:
    one, two = tmp_path / "1.json", tmp_path / "2.json"
    write_baseline(sample_report(), one)
    reversed_report = Report(documents=tuple(reversed(sample_report().documents)))
    write_baseline(reversed_report, two)
    assert one.read_text("utf-8") == two.read_text("utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "invalid baseline JSON"),
        ("[]", "an object with an 'entries' array"),
        ('{"schema_version": 9, "entries": []}', "schema_version 9 is not supported"),
        ('{"schema_version": 1, "entries": [3]}', "entries[0]: expected an object"),
        (
            '{"schema_version": 1, "entries": [{"path": "a", "id": "x", "quote": "q"}]}',
            "entries[0]: key 'verdict' must be a string",
        ),
        (
            '{"schema_version": 1, "entries": [{"path": "a", "id": "x", "quote": "q",'
            ' "verdict": "bad"}]}',
            "entries[0]: unknown verdict 'bad'",
        ),
    ],
)
def test_invalid_files_name_the_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        apply_baseline(sample_report(), path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)
    with pytest.raises(ConfigError, match="cannot read the baseline"):
        apply_baseline(sample_report(), tmp_path / "missing.json")
