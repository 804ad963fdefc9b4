"""`verify` as users and CI call it: exit codes, formats, options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.cli import ExitCode, main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_sample_corpus_terminal_report_and_findings_exit_code(runner: CliRunner) -> None:
    result = runner.invoke(main, [str(CORPUS), "--offline"])
    assert result.exit_code == ExitCode.FINDINGS, result.output
    assert "misquoted" in result.output
    assert "manta-briefing.md" in result.output


def test_json_goes_to_stdout_and_follows_the_contract(runner: CliRunner) -> None:
    result = runner.invoke(main, [str(CORPUS), "--offline", "--format", "json"])
    assert result.exit_code == ExitCode.FINDINGS
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert set(data["summary"]) >= {"verified", "minor_difference", "misquoted", "not_found"}
    quote = data["documents"][0]["quotes"][0]
    for key in (
        "id",
        "text",
        "kind",
        "speaker",
        "speaker_mention",
        "cue",
        "start",
        "end",
        "line",
        "column",
        "verdict",
        "reason",
        "score",
        "source",
        "diff",
        "candidates",
    ):
        assert key in quote


def test_fail_on_none_never_fails_on_findings(runner: CliRunner) -> None:
    # the sample corpus cites one page on purpose that is not recorded: exit 3 unless allowed
    args = [str(CORPUS), "--offline", "--fail-on", "none", "-q"]
    incomplete = runner.invoke(main, args)
    assert incomplete.exit_code == ExitCode.INCOMPLETE, incomplete.output
    assert "1 quote could not be checked: its source is not recorded" in incomplete.stderr
    result = runner.invoke(main, [*args, "--allow-missing"])
    assert result.exit_code == ExitCode.CLEAN, result.output


def test_a_run_that_checked_nothing_never_passes_silently(
    runner: CliRunner, tmp_path: Path
) -> None:
    article = tmp_path / "a.md"
    article.write_text("“We are not going to ask for more money,” the minister said.\n")
    nothing = runner.invoke(main, [str(article), "--offline"])
    assert nothing.exit_code == ExitCode.INCOMPLETE, nothing.output
    assert "nothing was checked: none of the 1 quotes" in nothing.stderr
    allowed = runner.invoke(main, [str(article), "--offline", "--allow-missing"])
    assert allowed.exit_code == ExitCode.CLEAN, allowed.output
    (tmp_path / "verifier.toml").write_text("allow-missing = true\n")
    assert runner.invoke(main, [str(article), "--offline"]).exit_code == ExitCode.CLEAN


def test_fail_on_unverifiable_fails_a_clean_article(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("“We are not going to ask for more money,” the minister said.\n")
    failing = runner.invoke(main, [str(article), "--offline", "--fail-on", "unverifiable"])
    assert failing.exit_code == ExitCode.FINDINGS


def test_usage_errors_exit_2_and_name_the_problem(runner: CliRunner, tmp_path: Path) -> None:
    missing = runner.invoke(main, [str(tmp_path / "nope")])
    assert missing.exit_code == ExitCode.ERROR
    assert "nope: no such file or folder" in missing.output
    bad = runner.invoke(main, [str(CORPUS), "--fail-on", "wrong"])
    assert bad.exit_code == ExitCode.ERROR
    assert "wrong" in bad.output
    mode = runner.invoke(main, [str(CORPUS), "--record-mode", "sometimes"])
    assert mode.exit_code == ExitCode.ERROR


def test_unreadable_article_exits_2_but_reports_the_rest(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("“We are not going to ask for more money,” she said.\n")
    (tmp_path / "broken.md").write_bytes(b"\x00binary")
    result = runner.invoke(main, [str(tmp_path), "--offline", "--format", "json"])
    assert result.exit_code == ExitCode.ERROR
    data = json.loads(result.stdout)
    assert len(data["documents"]) == 2
    assert "broken.md: not a text file" in result.stderr


def test_several_formats_are_written_to_the_report_dir(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = runner.invoke(
        main,
        [
            str(CORPUS),
            "--offline",
            "--format",
            "json",
            "--format",
            "sarif",
            "--format",
            "junit",
            "--report-dir",
            str(out),
        ],
    )
    assert result.exit_code == ExitCode.FINDINGS, result.output
    names = sorted(p.name for p in out.iterdir())
    assert any(n.endswith(".json") for n in names)
    assert any(n.endswith(".sarif") for n in names)
    assert any(n.endswith(".xml") for n in names)


def test_extract_only_lists_quotes_without_network(runner: CliRunner) -> None:
    result = runner.invoke(main, [str(CORPUS), "--extract-only", "--format", "json"])
    assert result.exit_code == ExitCode.CLEAN, result.output
    data = json.loads(result.stdout)
    quotes = [q for d in data["documents"] for q in d["quotes"]]
    assert quotes and all(q["candidates"] == [] for q in quotes)


def test_extract_only_in_the_terminal_lists_every_quote_and_its_speaker(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(
        "Port Deal Signed\n\n“We will rebuild the port,” the minister said on Monday.\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, [str(tmp_path), "--extract-only"])
    assert result.exit_code == ExitCode.CLEAN, result.output
    assert "the minister: “We will rebuild the port,”" in result.output


def test_every_option_has_help(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for param in main.params:
        if param.param_type_name == "option":
            assert getattr(param, "help", None), f"{param.name} has no help text"


def test_html_alone_is_written_to_the_report_dir(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, [str(CORPUS), "--offline", "--format", "html"])
    assert result.exit_code == ExitCode.FINDINGS, result.output
    page = tmp_path / "reports" / "report.html"
    assert page.is_file() and "<html" in page.read_text(encoding="utf-8").lower()
    assert "findings in" in result.output


def test_version_names_the_package(runner: CliRunner) -> None:
    from verifier._version import __version__

    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_error_messages_are_printed_as_they_are_not_as_console_markup(tmp_path: Path) -> None:
    # a YAML parser's message quotes the file: "[unclosed" must not be taken for a style tag
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    result = CliRunner().invoke(main, [str(tmp_path), "--extract-only", "-q"])
    assert result.exit_code == ExitCode.ERROR
    assert "title: [unclosed" in result.stderr
    assert "expected ',' or ']'" in result.stderr
