"""Hostile and careless input (issue 13): every case gives a clear error or a right answer,
and the neighbouring article still gets its verdict in the same run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import verifier.pipeline as pipeline
from verifier import extract_quotes
from verifier.load import load_string
from verifier.models import Document, DocumentResult, Report
from verifier.pipeline import verify_paths

GOOD = "“We are concerned about the harbour,” the minister said.\n"


def _run(folder: Path) -> tuple[Report, dict[str, DocumentResult]]:
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    report = verify_paths([folder], offline=True)
    by_name = {Path(d.path).name: d for d in report.documents}
    good = by_name["good.md"]
    assert [q.quote.text for q in good.quotes] == ["We are concerned about the harbour,"]
    return report, by_name


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_every_line_ending_reads_the_same(tmp_path: Path, newline: str) -> None:
    (tmp_path / "cr.md").write_bytes(
        f"# T{newline}{newline}“The plan is good,” the mayor said.{newline}".encode()
    )
    _, docs = _run(tmp_path)
    (quote,) = docs["cr.md"].quotes
    assert quote.quote.text == "The plan is good,"
    assert (quote.line, quote.column) == (3, 2)


def test_carriage_returns_found_by_fuzzing() -> None:
    for fmt in ("markdown", "html", "text"):
        assert extract_quotes("\r \r the", fmt=fmt) == []


def test_deeply_nested_html_loads(tmp_path: Path) -> None:
    depth = sys.getrecursionlimit() * 2
    page = "<div>" * depth + "<p>“We will never allow it,” said the mayor.</p>" + "</div>" * depth
    (tmp_path / "deep.html").write_text(f"<html><body>{page}</body></html>")
    _, docs = _run(tmp_path)
    assert docs["deep.html"].error is None
    assert [q.quote.text for q in docs["deep.html"].quotes] == ["We will never allow it,"]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse such names")
def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/bad\xff.md"
    with open(name, "wb") as file:
        file.write(GOOD.encode())
    report, docs = _run(tmp_path)
    assert [q.quote.text for q in docs["bad\ufffd.md"].quotes] == [
        "We are concerned about the harbour,"
    ]
    assert len({q.id for q in report.all_quotes()}) == 2


@pytest.mark.parametrize("stage", ["load_document", "extract", "find_candidates", "_judge"])
def test_a_bug_on_one_article_loses_only_that_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    """Whatever stage breaks on one article, the others still get their verdicts."""
    real = getattr(pipeline, stage)

    def broken(*args: object, **kwargs: object) -> object:
        doc = next((a for a in args if isinstance(a, Document)), None)
        named = str(args[0]) if stage == "load_document" else (doc.path if doc else "")
        words = str(getattr(args[1], "text", "")) if stage == "_judge" else ""
        if named.endswith("bad.md") or "never allow" in words:
            raise ValueError("boom")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, stage, broken)
    (tmp_path / "bad.md").write_text(
        "“We will never allow it,” the mayor [said](https://example.org/x).\n"
    )
    _, docs = _run(tmp_path)
    error = docs["bad.md"].error or ""
    assert "bad.md" in error and "ValueError('boom')" in error
    assert docs["bad.md"].quotes == ()


def test_load_string_keeps_crlf_offsets_on_their_lines() -> None:
    doc = load_string("para one\r\n\r\n“Quoted words here,” he said.\r\n", "markdown")
    start = doc.text.index("Quoted")
    assert doc.line_col(start) == (3, 2)
