"""Every format, produced from the sample corpus by the real pipeline, validated."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import lxml.html
import pytest
from test_report_junit import _check_structure
from test_report_sarif import SARIF_SUBSET, official_validator

from verifier.models import Report
from verifier.report import FORMATTERS, write_reports
from verifier.report.json import load_schema

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def report() -> Report:
    if not CORPUS.is_dir():
        pytest.skip(f"sample corpus missing: {CORPUS}")
    from verifier.pipeline import verify_paths

    return verify_paths([CORPUS], offline=True)


def test_corpus_reports_validate(report: Report, tmp_path: Path) -> None:
    written = write_reports(report, list(FORMATTERS), report_dir=tmp_path)
    by_name = {p.name: p.read_text("utf-8") for p in written}
    summary = report.summary()
    assert sum(summary.values()) >= 10

    data = json.loads(by_name["report.json"])
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    assert data["summary"] == summary

    sarif = json.loads(by_name["report.sarif"])
    jsonschema.Draft202012Validator(SARIF_SUBSET).validate(sarif)
    official_validator().validate(sarif)
    not_verified = sum(n for v, n in summary.items() if v != "verified")
    assert len(sarif["runs"][0]["results"]) == not_verified

    junit = ET.fromstring(by_name["junit.xml"])
    _check_structure(junit)
    assert int(junit.get("tests", "")) == sum(summary.values()) + len(report.errors)

    html = lxml.html.fromstring(by_name["report.html"])
    for verdict, count in summary.items():
        assert html.xpath(f"//*[@id='count-{verdict}']/text()") == [str(count)]
    assert len(html.xpath("//article[@data-verdict]")) == sum(summary.values())

    findings = report.findings()
    assert by_name["report.md"].count("\n#### ") == min(len(findings), 50)
    errors = [
        line
        for line in by_name["github-annotations.txt"].splitlines()
        if line.startswith("::error file=")
    ]
    assert len(errors) == len(findings) + len(report.errors)
