"""JUnit XML: parsed and checked against the common (Ant/Jenkins) JUnit structure, and
validated against Jenkins' published JUnit schema (`tests/schemas/junit-10.xsd`, MIT, the
copy pytest tests its own reports with)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from _reports import BROKEN_PATH, sample_report
from lxml import etree

from verifier.models import Verdict
from verifier.report import FORMATTERS

# The common JUnit schema: element -> (required attributes, allowed children).
STRUCTURE: dict[str, tuple[set[str], set[str]]] = {
    "testsuites": ({"tests", "failures", "errors"}, {"testsuite"}),
    "testsuite": (
        {"name", "tests", "failures", "errors", "skipped", "time"},
        {"properties", "testcase", "system-out", "system-err"},
    ),
    "testcase": ({"name", "classname", "time"}, {"failure", "error", "skipped", "system-out"}),
    "failure": ({"message", "type"}, set()),
    "error": ({"message", "type"}, set()),
    "skipped": (set(), set()),
    "system-out": (set(), set()),
}
INTEGER_ATTRS = ("tests", "failures", "errors", "skipped")

JUNIT_XSD = Path(__file__).parent / "schemas" / "junit-10.xsd"
# Attributes beyond the Jenkins schema, written on purpose: GitLab's test report links a
# case to its file with `file`, GitHub report actions use `line`, and most readers total
# `skipped` on the root. The schema is checked on everything else.
EXTENSIONS = {"testcase": ("file", "line"), "testsuites": ("skipped",)}


def _without_extensions(xml: str) -> etree._Element:
    root = etree.fromstring(xml.encode("utf-8"))
    for tag, names in EXTENSIONS.items():
        for element in root.iter(tag):
            for name in names:
                element.attrib.pop(name, None)
    return root


def test_validates_against_the_published_junit_schema() -> None:
    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    stale = replace(sample_report(), stale_baseline=("quote 3f2a no longer in the corpus",))
    for report in (sample_report(), stale):
        root = _without_extensions(FORMATTERS["junit"](report))
        assert schema.validate(root), schema.error_log
    broken = _without_extensions(FORMATTERS["junit"](sample_report()))
    case = broken.find("testsuite/testcase")
    assert case is not None
    del case.attrib["name"]  # a case must be named
    assert not schema.validate(broken)


def _check_structure(element: ET.Element) -> None:
    required, children = STRUCTURE[element.tag]
    assert required <= set(element.attrib), (element.tag, element.attrib)
    for key in INTEGER_ATTRS:
        if key in element.attrib:
            assert int(element.get(key, "")) >= 0
    if "time" in element.attrib:
        assert float(element.get("time", "")) >= 0
    for child in element:
        assert child.tag in children, f"<{child.tag}> inside <{element.tag}>"
        _check_structure(child)
    if element.tag == "testcase":
        outcomes = [c.tag for c in element if c.tag in ("failure", "error", "skipped")]
        assert len(outcomes) <= 1


def _count(suite: ET.Element, tag: str) -> int:
    return sum(1 for case in suite.iter("testcase") if case.find(tag) is not None)


def test_structure_and_consistent_counts() -> None:
    text = FORMATTERS["junit"](sample_report())
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    root = ET.fromstring(text.encode("utf-8"))
    _check_structure(root)
    for suite in root.iter("testsuite"):
        assert int(suite.get("tests", "")) == len(suite.findall("testcase"))
        assert int(suite.get("failures", "")) == _count(suite, "failure")
        assert int(suite.get("errors", "")) == _count(suite, "error")
        assert int(suite.get("skipped", "")) == _count(suite, "skipped")
    for key in INTEGER_ATTRS:
        assert int(root.get(key, "")) == sum(int(s.get(key, "")) for s in root)
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == (
        "8",
        "2",
        "1",
        "3",
    )


def test_one_suite_per_article_one_case_per_quote() -> None:
    root = ET.fromstring(FORMATTERS["junit"](sample_report()))
    names = [s.get("name") for s in root]
    assert names == [
        "corpus/000_ecuador.md",
        "corpus/001_peru.md",
        BROKEN_PATH,
        "corpus/constructed/verdicts.md",
    ]
    first = root[0]
    cases = first.findall("testcase")
    assert [c.get("line") for c in cases] == ["7", "12", "21"]
    failure = cases[2].find("failure")
    assert failure is not None
    assert failure.get("type") == "misquoted"
    assert failure.get("message") == "misquoted: word order"
    assert "diff (quote -> source): It makes {+more+} us [-more-] safe" in (failure.text or "")
    assert "archived copy: https://web.archive.org/web/20240214093000id_/" in (failure.text or "")
    assert first.findtext("system-out") == "skipped a reader-comment section (line 40)"


def test_unverifiable_and_ignored_are_skipped_with_reason() -> None:
    root = ET.fromstring(FORMATTERS["junit"](sample_report()))
    skipped = sorted(s.get("message", "") for s in root.iter("skipped"))
    assert skipped == [
        "ignored: verify-ignore comment",
        "unverifiable: dead",
        "unverifiable: no source",
    ]
    (error,) = root.iter("error")
    assert "cannot decode as UTF-8" in error.get("message", "")


def test_policy_decides_failures() -> None:
    policy = frozenset({Verdict.UNVERIFIABLE, Verdict.MINOR_DIFFERENCE})
    root = ET.fromstring(FORMATTERS["junit"](sample_report(), fail_on=policy))
    types = sorted(f.get("type", "") for f in root.iter("failure"))
    assert types == ["minor_difference", "unverifiable", "unverifiable"]
    assert root.get("failures") == "3"
    assert root.get("skipped") == "1"  # only the ignored quote
    none = ET.fromstring(FORMATTERS["junit"](sample_report(), fail_on=frozenset()))
    assert none.get("failures") == "0"


def test_stale_entries_and_unsafe_characters() -> None:
    text = FORMATTERS["junit"](sample_report(), stale=["q-1: old \x07 bell"])
    root = ET.fromstring(text)
    _check_structure(root)
    baseline = root[-1]
    assert baseline.get("name") == "baseline"
    assert baseline.find("testcase/skipped") is not None
    assert baseline[0].get("name") == "q-1: old \ufffd bell"
