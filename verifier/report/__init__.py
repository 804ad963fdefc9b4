"""Report formats: each is a pure `Report -> str` in the `FORMATTERS` registry.

Writing files is separate (`write_reports`), as in lychee's formatters: a format never does
I/O, so each can be tested on a hand-built report and the CLI decides where text goes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from verifier.errors import UsageError
from verifier.models import DEFAULT_FAIL_ON, Report, Verdict
from verifier.report.github import format_github
from verifier.report.gitlab import format_gitlab
from verifier.report.html import format_html
from verifier.report.json import format_json, report_to_dict
from verifier.report.jsonl import format_jsonl
from verifier.report.junit import format_junit
from verifier.report.markdown import format_markdown
from verifier.report.rdjson import format_rdjson
from verifier.report.sarif import format_sarif
from verifier.report.terminal import render_terminal

__all__ = [
    "FILE_NAMES",
    "FORMATTERS",
    "append_step_summary",
    "render",
    "render_terminal",
    "report_to_dict",
    "write_reports",
]


class Formatter(Protocol):
    """`formatter(report)` is enough; the CLI also passes its policy and stale baseline entries."""

    def __call__(
        self,
        report: Report,
        *,
        fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
        stale: Sequence[str] = (),
    ) -> str: ...


FORMATTERS: dict[str, Formatter] = {
    "json": format_json,
    "jsonl": format_jsonl,
    "markdown": format_markdown,
    "html": format_html,
    "junit": format_junit,
    "sarif": format_sarif,
    "github": format_github,
    "gitlab": format_gitlab,
    "rdjson": format_rdjson,
}

# Where each format goes inside the report directory.
FILE_NAMES: dict[str, str] = {
    "json": "report.json",
    "jsonl": "report.jsonl",
    "markdown": "report.md",
    "html": "report.html",
    "junit": "junit.xml",
    "sarif": "report.sarif",
    "github": "github-annotations.txt",
    "gitlab": "gl-code-quality-report.json",
    "rdjson": "report.rdjson",
}


def render(
    report: Report,
    fmt: str,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> str:
    """One format as text, with the run's policy and stale baseline entries."""
    if fmt not in FORMATTERS:
        known = ", ".join(sorted(FORMATTERS))
        raise UsageError(f"unknown report format {fmt!r} (known: {known})")
    return FORMATTERS[fmt](report, fail_on=fail_on, stale=stale)


def write_reports(
    report: Report,
    formats: Sequence[str],
    *,
    report_dir: Path,
    output: Path | None = None,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> list[Path]:
    """Write each format to `report_dir/FILE_NAMES[fmt]` (or `output`, for a single format).

    Returns the paths written, in the order of `formats` (duplicates written once).
    """
    unique = list(dict.fromkeys(formats))
    for fmt in unique:
        if fmt not in FORMATTERS:
            known = ", ".join(sorted(FORMATTERS))
            raise UsageError(f"unknown report format {fmt!r} (known: {known})")
    if output is not None and len(unique) > 1:
        raise UsageError(
            "--output names one file, but several formats were asked for "
            f"({', '.join(unique)}); use --report-dir instead"
        )
    written: list[Path] = []
    for fmt in unique:
        target = output if output is not None else report_dir / FILE_NAMES[fmt]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(report, fmt, fail_on=fail_on, stale=stale), encoding="utf-8")
        written.append(target)
    return written


def append_step_summary(
    report: Report,
    *,
    env: Mapping[str, str] | None = None,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> Path | None:
    """Append the Markdown report to `$GITHUB_STEP_SUMMARY` when it is set; else do nothing."""
    environ = os.environ if env is None else env
    target = environ.get("GITHUB_STEP_SUMMARY")
    if not target or "markdown" not in FORMATTERS:
        return None
    path = Path(target)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(render(report, "markdown", fail_on=fail_on, stale=stale))
    return path
