"""GitHub workflow commands: one annotation per finding at file, line and column."""

from __future__ import annotations

from dataclasses import replace

from _reports import misquoted, sample_report

from verifier.models import DocumentResult, Report, Verdict
from verifier.report import FORMATTERS
from verifier.report.github import command


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
