"""GitHub workflow commands: one annotation per finding at file, line and column."""

from __future__ import annotations

from dataclasses import replace

from _reports import misquoted, sample_report, unverifiable_no_source

from verifier.models import DocumentResult, Report, Verdict
from verifier.report import FORMATTERS
from verifier.report.github import PER_KIND, command


def test_findings_are_errors_at_the_quote() -> None:
    lines = FORMATTERS["github"](sample_report()).splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert errors[0] == (
        "::error file=corpus/000_ecuador.md,line=21,col=4,title=Quote misquoted::"
        "misquoted (word order): “It makes us more safe and it makes them less safe” — "
        "Rep. Dan Crenshaw; source https://www.borderlandbeat.com/2024/02/ecuador-us-military.html"
    )
    assert errors[1].startswith("::error file=corpus/001_peru.md,line=5,col=10,title=Quote not")
    assert errors[2].startswith("::error file=corpus/broken.html,title=Unreadable document::")
    assert len(errors) == 3
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(notices) == 3  # minor difference + two unverifiable
    assert not any("verify-ignore" in line for line in lines)  # ignored: silent
    assert not any("Noboa" in line for line in lines)  # verified: silent


def test_policy_turns_errors_into_warnings() -> None:
    out = FORMATTERS["github"](sample_report(), fail_on=frozenset({Verdict.UNVERIFIABLE}))
    assert "::warning file=corpus/000_ecuador.md,line=21,col=4" in out
    assert "::error file=corpus/constructed/verdicts.md,line=3,col=3" in out


def test_escaping_keeps_one_command_per_line() -> None:
    q = misquoted()
    odd = replace(q, quote=replace(q.quote, text="100% sure,\nreally: yes"))
    out = FORMATTERS["github"](Report(documents=(DocumentResult("dir,x/a:b.md", (odd,)),)))
    assert out.count("\n") == 1
    assert "file=dir%2Cx/a%3Ab.md," in out
    assert "100%25 sure, really: yes" in out  # message newline collapsed, % escaped
    assert command("warning", "a\nb%") == "::warning::a%0Ab%25"
    stale = FORMATTERS["github"](Report(documents=()), stale=["q-1: gone"])
    assert stale == "::warning title=Stale baseline entry::stale baseline entry: q-1: gone\n"


def _many(errors: int, notices: int) -> Report:
    """`errors` misquotes and `notices` unverifiable quotes, interleaved, in one document."""
    picks = [i * (errors + notices) // errors for i in range(errors)] if errors else []
    results = []
    for i in range(errors + notices):
        q = misquoted() if i in picks else unverifiable_no_source()
        results.append(replace(q, id=f"q-{i}", line=i + 1))
    return Report(documents=(DocumentResult("a.md", tuple(results)),))


def test_fifty_findings_every_error_is_annotated_first() -> None:
    """3 errors among 50: all 3 come before any notice; notices are capped with a summary."""
    lines = FORMATTERS["github"](_many(3, 47)).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    kinds = [line.split(" ", 1)[0] for line in commands]
    assert kinds[:3] == ["::error"] * 3
    assert kinds.count("::notice") == PER_KIND  # 9 notices + the summary: GitHub shows them all
    assert "38 more notices are not annotated" in commands[-1]
    plain = [line for line in lines if not line.startswith("::")]
    assert len(plain) == 38 and all(line.startswith("a.md:") for line in plain)


def test_more_errors_than_github_shows_are_all_in_the_log() -> None:
    out = FORMATTERS["github"](_many(30, 20))
    lines = out.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == PER_KIND
    assert errors[-1].startswith("::error title=21 more errors::21 more errors")
    for i in range(30):  # every error is either annotated or printed in the log
        line = i * 50 // 30 + 1
        assert any(f"line={line}," in e for e in errors) or f"a.md:{line}:" in out
    assert lines.index(errors[-1]) < min(i for i, x in enumerate(lines) if x.startswith("::notice"))
