"""The Markdown report, as GitHub would render it (parsed with markdown-it's GFM-like preset)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from _reports import BROKEN_PATH, clean_report, misquoted, sample_report
from markdown_it import MarkdownIt

from verifier.models import DocumentResult, Report, Verdict
from verifier.report import FORMATTERS, append_step_summary
from verifier.report.markdown import MARKER, MAX_DETAILED, escape


def _html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)


def test_headline_and_summary_table() -> None:
    md = FORMATTERS["markdown"](sample_report())
    assert md.startswith(MARKER + "\n## Quote verification: ❌ 2 findings\n")
    html = _html(md)
    assert "<table>" in html
    assert '<td><strong>❌ misquoted</strong></td>\n<td style="text-align:right">1</td>' in html
    assert '<td>⚪ unverifiable</td>\n<td style="text-align:right">2</td>' in html
    assert "Fail-on: <code>misquoted</code>, <code>not_found</code>." in html


def test_findings_show_quote_source_archive_and_diff() -> None:
    md = FORMATTERS["markdown"](sample_report())
    html = _html(md)
    assert "<h4><code>corpus/000_ecuador.md:21:4</code> — Rep. Dan Crenshaw</h4>" in html
    assert "<blockquote>\n<p>It makes us more safe and it makes them less safe</p>" in html
    assert "Changes: It makes <strong>more</strong> us <s>more</s> safe" in html
    assert '<code class="language-diff">- It makes us more safe' in html
    assert (
        '<a href="https://web.archive.org/web/20240214093000id_/'
        'https://www.borderlandbeat.com/2024/02/ecuador-us-military.html">'
        "archived copy (2024-02-14)</a>"
    ) in html
    assert 'Tried: <a href="https://www.gob.pe/institucion/congreso/noticias/tropas">' in html
    # only the policy's findings are detailed
    assert "There is no secret plan</p>" not in html


def test_unverifiable_errors_notes_and_stale() -> None:
    md = FORMATTERS["markdown"](sample_report(), stale=["q-gone: accepted in review"])
    assert "<details><summary>2 unverifiable: dead (1), no source (1)</summary>" in md
    assert "- `corpus/001_peru.md:9` no source: “There is no secret plan” (—)" in md
    assert f"- {escape(BROKEN_PATH)}: cannot decode as UTF-8" in md
    assert "skipped a reader-comment section (line 40)" in md
    assert "### Stale baseline entries" in md
    assert "- `q-gone: accepted in review`" in md


def test_document_text_cannot_inject_markdown() -> None:
    q = misquoted()
    evil = replace(q, quote=replace(q.quote, text="[click](https://evil.example) <b>*x*</b> | y"))
    report = Report(documents=(DocumentResult("a.md", (evil,)),))
    html = _html(FORMATTERS["markdown"](report))
    assert 'evil.example">' not in html
    assert "<b>" not in html
    assert "<em>" not in html


def test_clean_report_and_policy_none() -> None:
    assert "## Quote verification: ✅ No findings" in FORMATTERS["markdown"](clean_report())
    md = FORMATTERS["markdown"](sample_report(), fail_on=frozenset())
    assert "✅ No findings" in md and "Fail-on: none." in md
    assert "### Findings" not in md


def test_long_reports_are_capped() -> None:
    q = misquoted()
    many = tuple(replace(q, id=f"q{i}", line=i + 1) for i in range(MAX_DETAILED + 7))
    md = FORMATTERS["markdown"](Report(documents=(DocumentResult("a.md", many),)))
    assert md.count("#### `a.md:") == MAX_DETAILED
    assert "… and 7 more: see the HTML or JSON report." in md


def test_step_summary_is_appended_only_when_set(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    report = sample_report()
    assert append_step_summary(report, env={}) is None
    assert append_step_summary(report, env={"GITHUB_STEP_SUMMARY": str(summary)}) == summary
    text = summary.read_text("utf-8")
    assert text.startswith("earlier step\n" + MARKER)
    assert text.count(MARKER) == 1
    policy = frozenset({Verdict.UNVERIFIABLE})
    append_step_summary(report, env={"GITHUB_STEP_SUMMARY": str(summary)}, fail_on=policy)
    assert summary.read_text("utf-8").count(MARKER) == 2
