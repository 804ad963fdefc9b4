"""The terminal report: what each verbosity shows, and that the evidence is all there."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from _reports import A_PATH, B_PATH, BROKEN_PATH, C_PATH, clean_report, sample_report
from rich.console import Console

from verifier.models import DiffOp, DiffOpKind, Report, Verdict
from verifier.report import render_terminal
from verifier.report.terminal import diff_text


def _render(report: Report, *, color: bool = False, **kwargs: object) -> str:
    buf = io.StringIO()
    console = Console(
        file=buf, width=200, force_terminal=color, color_system="standard" if color else None
    )
    render_terminal(report, console, **kwargs)  # type: ignore[arg-type]
    return buf.getvalue()


def test_default_shows_findings_with_their_evidence() -> None:
    out = _render(sample_report())
    assert f"{A_PATH}:21:4  MISQUOTED: word order\n" in out
    assert "Rep. Dan Crenshaw: “It makes us more safe and it makes them less safe”" in out
    assert "source: https://www.borderlandbeat.com/2024/02/ecuador-us-military.html" in out
    assert "archived copy: https://web.archive.org/web/20240214093000id_/" in out
    assert "(captured 2024-02-14 09:30:00)" in out
    assert "diff: It makes {+more+} us [-more-] safe and it makes them less safe" in out
    assert f"{B_PATH}:5:10  NOT FOUND: no close passage\n" in out  # one level, no score
    assert "tried: https://www.gob.pe/institucion/congreso/noticias/tropas" in out
    assert "the closest passage: little in common" in out  # 0.41 in words
    assert "0.41" not in out and "0.88" not in out
    # not findings under the default policy: not shown one by one
    assert "VERIFIED" not in out
    assert "MINOR DIFFERENCE" not in out
    assert "UNVERIFIABLE" not in out


def test_default_summarises_unverifiable_notes_and_errors() -> None:
    out = _render(sample_report())
    assert "2 unverifiable, by reason:\n    1  dead\n    1  no source\n" in out
    assert "note: skipped a reader-comment section (line 40)" in out
    assert f"error: {BROKEN_PATH}: cannot decode as UTF-8" in out
    assert "Quotes by verdict" in out
    for label, count in [("misquoted *", 1), ("not found *", 1), ("unverifiable", 2)]:
        assert any(label in line and f" {count} " in line for line in out.splitlines()), label
    assert "fail-on: misquoted, not_found" in out
    assert out.rstrip().endswith(
        "2 findings in 7 quotes across 4 documents; 1 document could not be read"
    )


def test_quiet_shows_findings_and_errors_only() -> None:
    out = _render(sample_report(), verbosity=-1)
    assert "MISQUOTED" in out and "NOT FOUND" in out
    assert BROKEN_PATH in out
    assert "Quotes by verdict" not in out
    assert "note:" not in out
    assert "unverifiable:" not in out
    assert C_PATH not in out  # nothing to show there


def test_verbose_shows_every_quote() -> None:
    out = _render(sample_report(), verbosity=1)
    for label in ["VERIFIED", "MINOR DIFFERENCE", "MISQUOTED", "NOT FOUND", "IGNORED"]:
        assert label in out
    assert "UNVERIFIABLE: no source" in out
    assert "UNVERIFIABLE: dead" in out
    assert "diff: the agreement is a [-shield-] {+shield,+} for the people" in out
    assert "IGNORED: verify-ignore comment" in out


def test_policy_changes_what_is_a_finding() -> None:
    policy = frozenset({Verdict.UNVERIFIABLE})
    out = _render(sample_report(), fail_on=policy)
    assert "UNVERIFIABLE: dead" in out
    assert "MISQUOTED" not in out
    assert "unverifiable:" not in out  # listed one by one instead
    assert "2 findings" in out
    none = _render(sample_report(), fail_on=frozenset())
    assert "No findings in 7 quotes" in none
    assert "fails the run" not in none


def test_a_document_with_only_notes_takes_one_line() -> None:
    report = sample_report()
    doc = report.documents[0]
    quiet_doc = replace(doc, quotes=(doc.quotes[0],))  # verified only: nothing to list
    out = _render(Report(documents=(quiet_doc,)))
    assert f"{A_PATH}: note: skipped a reader-comment section (line 40)\n" in out
    assert f"{A_PATH}\n" not in out


def test_clean_report() -> None:
    out = _render(clean_report())
    assert out.rstrip().endswith("No findings in 1 quote across 1 document")


def test_brackets_in_quotes_are_not_console_markup() -> None:
    report = sample_report()
    doc = report.documents[0]
    q = doc.quotes[2]
    odd = replace(q, quote=replace(q.quote, text="[I]t makes us [bold]more[/bold] safe"))
    out = _render(Report(documents=(replace(doc, quotes=(odd,)),)))
    assert "“[I]t makes us [bold]more[/bold] safe”" in out


def test_diff_is_coloured_on_a_terminal() -> None:
    out = _render(sample_report(), color=True)
    assert "\x1b[" in out
    text = diff_text(
        (DiffOp(DiffOpKind.REPLACE, "less", "more"), DiffOp(DiffOpKind.EQUAL, "safe", "safe"))
    )
    assert text.plain == "[-less-] {+more+} safe"
    styles = {str(span.style) for span in text.spans}
    assert "bold red strike" in styles and "bold green" in styles


def test_a_quote_over_two_lines_prints_on_one_and_wraps_at_the_width() -> None:
    report = sample_report()
    doc = report.documents[0]
    q = doc.quotes[2]
    two = replace(q, quote=replace(q.quote, text="It makes us more safe\nand it makes them " * 4))
    buf = io.StringIO()
    render_terminal(Report(documents=(replace(doc, quotes=(two,)),)), Console(file=buf, width=80))
    lines = buf.getvalue().splitlines()
    assert all(len(line) <= 80 or "https://" in line for line in lines)
    findings = lines[: lines.index("Quotes by verdict".ljust(80))]
    assert all(line == line.rstrip() for line in findings)
    body = [line for line in lines if line.startswith(("  Rep.", "    "))]
    assert " ".join(part.strip() for part in body).count("It makes us more safe and it") == 4


def test_extract_only_lists_quotes_without_verdicts_or_legend() -> None:
    report = sample_report()
    bare = tuple(  # extraction alone finds no sources
        replace(d, quotes=tuple(replace(q, candidates=()) for q in d.quotes))
        for d in report.documents
    )
    out = _render(replace(report, documents=bare), extract_only=True)
    assert f"{A_PATH}:21:4  QUOTE" in out
    assert "would check" not in out
    assert "UNVERIFIABLE" not in out and "fail-on" not in out and "Quotes by verdict" not in out
    assert out.rstrip().endswith("7 quotes in 4 documents (extracted only: no source was checked)")
    dump = _render(report, extract_only=True)  # --dump: the sources each would be checked on
    assert "would check: https://www.gob.pe/institucion/congreso/noticias/tropas" in dump
    assert dump.rstrip().endswith("(4 sources to check, none fetched)")


def test_real_terminal_at_80_columns() -> None:
    """`verify` in a pseudo-terminal 80 columns wide: wrapped, aligned, URLs whole."""
    import os
    import pty
    import re
    import subprocess
    import sys

    main, child = pty.openpty()
    env = {**os.environ, "COLUMNS": "80", "LINES": "40", "TERM": "xterm"}
    env.pop("CI", None)
    env.pop("GITHUB_ACTIONS", None)
    root = Path(__file__).resolve().parents[1]
    script = "from verifier.cli import main; main()"
    proc = subprocess.run(
        [sys.executable, "-c", script, "fixtures/corpus/constructed", "--no-progress", "--offline"],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        cwd=root,
        timeout=120,
    )
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\]8;[^\x1b]*\x1b\\\\", "", b"".join(chunks).decode())
    lines = text.replace("\r\n", "\n").splitlines()
    assert proc.returncode == 1
    assert any("MISQUOTED: negation added" in line for line in lines)
    assert any("NOT FOUND: no passage close" in line for line in lines)
    for line in lines:
        assert len(line) <= 80 or re.search(r"(source|tried|archived copy): https?://", line), line
    assert not any("(best" in line or "score" in line for line in lines)


def test_a_private_address_names_the_option_that_allows_it() -> None:
    report = sample_report()
    doc = report.documents[1]
    private = tuple(
        replace(q, reason="forbidden address") if q.verdict is Verdict.UNVERIFIABLE else q
        for q in doc.quotes
    )
    out = _render(Report(documents=(replace(doc, quotes=private),)))
    assert (
        "hint: sources on loopback or private addresses are refused; --allow-private-hosts" in out
    )
    assert "--allow-private-hosts" not in _render(sample_report())
