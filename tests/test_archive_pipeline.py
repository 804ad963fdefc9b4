"""Unlinked quotes checked against the source archive, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from verifier.archive.lookup import wrong_speaker
from verifier.cli import main
from verifier.judge import NO_ARCHIVED_SOURCE
from verifier.models import CandidateReason, QuoteResult, Report, Verdict
from verifier.pipeline import verify_paths
from verifier.report import render
from verifier.report.json import load_schema

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

TRANSCRIPT = """Port authority press conference, Manta (constructed for the tests)

MODERATOR: Good afternoon. The director will speak first.

DIRECTOR ARIAS: The new pier will receive its first cargo ship in September, and it will
employ four hundred workers from the city.

Q: Will the navy use the pier as well as the merchant fleet this year?

DIRECTOR ARIAS: The navy has asked for two berths, and we have granted them for a period
of five years.
"""

ARTICLE = """---
title: Constructed article with unlinked quotes
url: https://news.example.org/constructed/pier.html
---

Director Elena Arias said the pier “will receive its first cargo ship in September, and it
will employ four hundred workers from the city.”

“The navy has asked for two berths, and we have granted them for a period of ten years,”
Arias said.

Arias added: “Will the navy use the pier as well as the merchant fleet this year?”

“We will finish the breakwater before the storms of the winter season begin,” Arias said.

The harbour master, Tomás Vera, said the pier is [safe](https://port.example.org/safety),
adding “the cranes were inspected by an independent firm last month.”
"""


def _find(report: Report, words: str) -> QuoteResult:
    for doc in report.documents:
        for q in doc.quotes:
            if words in q.quote.text:
                return q
    raise AssertionError(f"no quote with {words!r}")


@pytest.fixture(scope="module")
def constructed(tmp_path_factory: pytest.TempPathFactory) -> Report:
    root = tmp_path_factory.mktemp("newsroom")
    (root / "sources").mkdir()
    (root / "sources" / "press-conference.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (root / "corpus").mkdir()
    (root / "corpus" / "pier.md").write_text(ARTICLE, encoding="utf-8")
    return verify_paths(
        [root / "corpus"],
        offline=True,
        use_archive=True,
        sources=(root / "sources",),
        sources_index=root / "archive.sqlite",
    )


def test_an_unlinked_quote_found_in_the_archive_is_verified_with_its_source(
    constructed: Report,
) -> None:
    q = _find(constructed, "first cargo ship")
    assert q.verdict is Verdict.VERIFIED
    assert q.source is not None and q.source.origin == "archive"
    assert q.source.url.endswith("sources/press-conference.txt")
    assert "four hundred workers" in q.source.passage
    start, end = q.source.start, q.source.end
    assert TRANSCRIPT[start:end] == q.source.passage  # offsets into the whole document
    assert q.candidates[0].candidate.reason is CandidateReason.ARCHIVE
    assert q.attribution == "confirmed"


def test_an_altered_unlinked_quote_is_misquoted_against_the_true_source(
    constructed: Report,
) -> None:
    q = _find(constructed, "two berths")
    assert q.verdict is Verdict.MISQUOTED
    assert q.source is not None and q.source.origin == "archive"
    assert "five years" in q.source.passage
    assert any(op.quote == "ten" and op.source == "five" for op in q.diff)


def test_words_another_speaker_says_in_a_transcript_are_a_wrong_attribution(
    constructed: Report,
) -> None:
    q = _find(constructed, "merchant fleet")
    assert q.verdict is Verdict.MISQUOTED
    assert q.attribution == "wrong"
    assert q.reason is not None and "wrong attribution: Q says it" in q.reason


def test_a_quote_in_no_source_says_the_archive_was_searched(constructed: Report) -> None:
    q = _find(constructed, "breakwater")
    assert (q.verdict, q.reason) == (Verdict.UNVERIFIABLE, NO_ARCHIVED_SOURCE)
    assert q.candidates == ()


def test_a_linked_quote_is_not_looked_up_in_the_archive(constructed: Report) -> None:
    q = _find(constructed, "cranes were inspected")
    assert all(c.candidate.reason is not CandidateReason.ARCHIVE for c in q.candidates)


def test_the_json_report_names_the_origin_and_stays_valid(constructed: Report) -> None:
    data = json.loads(render(constructed, "json"))
    jsonschema.validate(data, load_schema())
    origins = {q["source"]["origin"] for d in data["documents"] for q in d["quotes"] if q["source"]}
    assert origins == {"archive"}


@pytest.mark.parametrize(
    ("speaker", "label", "wrong"),
    [
        ("Director Elena Arias", "DIRECTOR ARIAS", False),
        ("President Daniel Noboa", "THE PRESIDENT", False),
        ("President Daniel Noboa", "PRESIDENT NOBOA", False),
        ("Elena Arias", "Q", True),
        ("Elena Arias", "MR. VERA", True),
        ("Elena Arias", "A", False),
        (None, "MR. VERA", False),
        ("Elena Arias", "", False),
    ],
)
def test_wrong_speaker_needs_a_label_that_names_someone_else(
    speaker: str | None, label: str, wrong: bool
) -> None:
    assert wrong_speaker(speaker, label) is wrong


def test_the_sample_corpus_finds_no_source_quotes_in_its_sources_folder(tmp_path: Path) -> None:
    report = verify_paths(
        [FIXTURES / "corpus"],
        offline=True,
        use_archive=True,
        sources_index=tmp_path / "archive.sqlite",
    )  # the corpus's verifier.toml names ../sources
    blinken = _find(report, "bring to justice individuals")
    assert blinken.verdict is Verdict.VERIFIED
    assert blinken.source is not None and blinken.source.origin == "archive"
    assert blinken.source.url.endswith("2023-08-10-state-department-ecuador.txt")
    from_archive = [
        q
        for d in report.documents
        for q in d.quotes
        if q.source is not None and q.source.origin == "archive"
    ]
    assert len(from_archive) >= 6
    assert all(q.verdict is Verdict.VERIFIED for q in from_archive)


def test_cli_without_an_archive_says_how_to_build_one(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("He said “nothing at all here today”.\n", encoding="utf-8")
    result = CliRunner().invoke(main, [str(tmp_path), "--sources-index", "--offline"])
    assert result.exit_code == 2
    assert "verify index add" in result.output


def test_archive_keys_of_the_configuration_file(tmp_path: Path) -> None:
    from verifier.config import load_config
    from verifier.errors import ConfigError

    (tmp_path / "verifier.toml").write_text(
        'sources-index = "idx/archive.sqlite"\nsources = ["wire", "transcripts"]\n'
        'web-search = "http://127.0.0.1:8888"\n',
        encoding="utf-8",
    )
    options = load_config([tmp_path]).options
    assert options.sources_index == tmp_path / "idx" / "archive.sqlite"
    assert options.sources == (tmp_path / "wire", tmp_path / "transcripts")
    assert options.web_search == "http://127.0.0.1:8888"
    (tmp_path / "verifier.toml").write_text('web-search = "searx.local"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="web-search"):
        load_config([tmp_path])
