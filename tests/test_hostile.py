"""Hostile and careless input (issue 13): every case gives a clear error or a right answer,
and the neighbouring article still gets its verdict in the same run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from test_fetch_hostile import Handler, serving

import verifier.articles as articles
import verifier.finders as finders
import verifier.pipeline as pipeline
from verifier import extract_quotes
from verifier.extract import extract
from verifier.load import load_string
from verifier.models import Document, DocumentResult, Report, Verdict
from verifier.pipeline import verify_paths

GOOD = "“We are concerned about the harbour,” the minister said.\n"
# The module that calls each stage, where a test breaks it.
CALLER = {
    "load_document": articles,
    "extract": articles,
    "find_candidates": finders,
    "judge": pipeline,
}


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


@pytest.mark.parametrize("stage", ["load_document", "extract", "find_candidates", "judge"])
def test_a_bug_on_one_article_loses_only_that_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    """Whatever stage breaks on one article, the others still get their verdicts."""
    real = getattr(CALLER[stage], stage)

    def broken(*args: object, **kwargs: object) -> object:
        doc = next((a for a in args if isinstance(a, Document)), None)
        named = str(args[0]) if stage == "load_document" else (doc.path if doc else "")
        words = str(getattr(args[1], "text", "")) if stage == "judge" else ""
        if named.endswith("bad.md") or "never allow" in words:
            raise ValueError("boom")
        return real(*args, **kwargs)

    monkeypatch.setattr(CALLER[stage], stage, broken)
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


@pytest.mark.parametrize(
    "page",
    [
        "<p>“We will never allow it,” said the mayor &amp; chair.</p>",
        "<p>The mayor &amp; chair said “We will never allow it,” today.</p>",
        "<p>The mayor said <q>We will never allow it, ever</p>",
        "<p>The mayor said &#8220;We will never allow it,&#8221; today.</p>",
        "<p>A&amp;B&nbsp;said “We will never&nbsp;allow it,” today.</p>",
        "<p>x</p>\n<div><p>The mayor said <q>We will never allow it</p><p>Next.</p></div>",
    ],
)
def test_html_quote_offsets_point_at_the_words_in_the_file(page: str) -> None:
    doc = load_string(page, "html")
    (quote,) = extract(doc)
    assert doc.text[quote.start : quote.end] == quote.text
    assert 0 <= quote.start <= quote.end <= len(doc.text)
    (in_file,) = extract_quotes(page, fmt="html")
    assert page[in_file.start :].startswith("We will never")
    assert doc.offsets is not None
    at = doc.offsets.to_file(quote.start)
    assert page[at:].startswith("We will never")
    line, column = doc.line_col(quote.start)
    assert page.splitlines()[line - 1][column - 1 :].startswith("We will never")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_extract_quotes_offsets_count_crlf(fmt: str) -> None:
    text = "<p>Intro.</p>\r\n\r\n<p>“We will never allow it,” said the mayor.</p>\r\n"
    if fmt != "html":
        text = "Intro.\r\n\r\n“We will never allow it,” said the mayor.\r\n"
    (quote,) = extract_quotes(text, fmt=fmt)
    assert text[quote.start : quote.end] == "We will never allow it,"


QUOTE = "“We will never allow it,” the mayor said. Café.\n"


@pytest.mark.parametrize(
    ("raw", "note"),
    [
        (QUOTE.encode() + b"Bad byte: \xff here.\n", "1 byte(s) that are not UTF-8 were replaced"),
        (QUOTE.encode("utf-16"), None),
        (QUOTE.encode("utf-16-le"), "read as UTF-16-LE"),
        (QUOTE.encode("utf-8-sig"), None),
        (QUOTE.replace("“", '"').replace("”", '"').encode("cp1252"), "read as"),
    ],
)
def test_encodings_keep_the_quotes_and_say_what_was_done(
    tmp_path: Path, raw: bytes, note: str | None
) -> None:
    (tmp_path / "enc.txt").write_bytes(raw)
    _, docs = _run(tmp_path)
    document = docs["enc.txt"]
    assert document.error is None
    assert [q.quote.text for q in document.quotes] == ["We will never allow it,"]
    if note is None:
        assert not document.notes
    else:
        assert any(note in n for n in document.notes), document.notes


def test_an_article_over_the_size_limit_is_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "verifier.toml").write_text("max-article-bytes = 1000\n", encoding="utf-8")
    (tmp_path / "huge.md").write_text(GOOD * 100, encoding="utf-8")
    _, docs = _run(tmp_path)
    assert "over the limit of 1,000" in str(docs["huge.md"].error)
    assert "max-article-bytes" in str(docs["huge.md"].error)


def test_an_extraction_over_its_time_budget_is_reported_and_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    real = articles.extract

    def slow(document: Document) -> object:
        if document.path.endswith("slow.md"):
            time.sleep(5)
        return real(document)

    monkeypatch.setattr(articles, "extract", slow)
    (tmp_path / "verifier.toml").write_text("extract-time-budget = 0.2\n", encoding="utf-8")
    (tmp_path / "slow.md").write_text(GOOD, encoding="utf-8")
    _, docs = _run(tmp_path)
    assert "took over 0.2 s" in str(docs["slow.md"].error)


def _cli(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from verifier.cli import main

    result = CliRunner().invoke(main, list(args), env={"CI": "true"})
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("base.json", ["--baseline", "{tmp}/base.json"], "the baseline is not UTF-8"),
        ("bad.yaml", ["--cassette", "{tmp}/bad.yaml"], "malformed cassette"),
        (None, ["--format", "json", "--output", "/dev/full"], "cannot write the report"),
    ],
)
def test_bad_side_files_are_a_message_and_exit_2(
    tmp_path: Path, setup: str | None, args: list[str], message: str
) -> None:
    if setup == "base.json":
        (tmp_path / setup).write_bytes(b"\xff\xfe\x00garbage")
    elif setup == "bad.yaml":
        (tmp_path / setup).write_text("interactions: [ {bad\n", encoding="utf-8")
    elif not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    code, output = _cli(
        str(tmp_path / "a.md"), "--offline", *[a.format(tmp=tmp_path) for a in args]
    )
    assert code == 2, output
    assert message in output and "Traceback" not in output


def test_allow_unreadable_keeps_the_message_but_not_exit_2(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.md").write_bytes(b"\x00\x01binary")
    code, output = _cli(str(tmp_path), "--offline")
    assert code == 2 and "broken.md: not a text file" in output
    code, output = _cli(str(tmp_path), "--offline", "--allow-unreadable")
    # The good article's quote has no source, so nothing was checked: incomplete evidence.
    assert code == 3 and "broken.md: not a text file" in output
    code, output = _cli(str(tmp_path), "--offline", "--allow-unreadable", "--allow-missing")
    assert code == 0 and "broken.md: not a text file" in output


NESTED_PAGE = (
    "<html><head><title>Minister</title></head><body>"
    + "<div>" * 5000
    + "<p>The minister spoke on Monday. “The harbour will be rebuilt by the spring of next"
    " year, whatever it costs,” she said.</p>" + "</div>" * 5000 + "</body></html>"
).encode()


def _nested_page(h: Handler, i: int) -> None:
    h.send(200, NESTED_PAGE)


def test_a_page_whose_reader_finds_no_article_is_judged_on_its_whole_text(
    tmp_path: Path,
) -> None:
    """5,000 nested <div>s leave the reader with no main text: the quote is not 'not found'."""
    with serving(_nested_page) as (server,):
        url = f"{server.url}/minister.html"
        (tmp_path / "a.md").write_text(
            f"“The harbour will be rebuilt by the spring of next year, whatever it costs,” the "
            f"minister [said]({url}).\n\n"
            f"“The harbour will be rebuilt by the autumn of next year, whatever it costs,” she "
            f"[added]({url}).\n",
            encoding="utf-8",
        )
        report = verify_paths([tmp_path], allow_private_hosts=True, archive=False)
    exact, changed = report.all_quotes()
    assert exact.verdict is Verdict.VERIFIED
    assert exact.source is not None and exact.source.location == "page"
    assert changed.verdict is Verdict.MISQUOTED
