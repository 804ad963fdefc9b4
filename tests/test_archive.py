"""The source archive: passages, incremental indexing, retrieval of exact and altered quotes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.archive import Archive, add_paths, split_passages
from verifier.archive.passages import MAX_WORDS, quote_terms, rarest

TRANSCRIPT = """Press briefing, Quito, 12 March 2025

MR. HEWITT: Good morning. We have signed the agreement on maritime cooperation today.

Q: Will American soldiers be stationed at the port of Manta this year?

MR. HEWITT: Manta will host a joint logistics centre, and no combat troops will be based there.

MINISTER LOFFREDO: When troops from another country come, they bring resources.
"""

RELEASE = """---
title: Ministry statement on coastal patrols
date: 2025-03-14
---

The ministry announced that forty patrol boats will be delivered to the navy before October.

The minister said the fleet would double the coast guard's reach along the northern border.
"""

FILLER = [
    "The city council approved the budget for the new library after a long debate.",
    "Rainfall in the highlands was twice the seasonal average, the weather service said.",
    "A regional airline added three weekly flights between Guayaquil and Cuenca.",
]


def _sources(root: Path) -> Path:
    folder = root / "sources"
    folder.mkdir()
    (folder / "briefing.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "release.md").write_text(RELEASE, encoding="utf-8")
    for i, text in enumerate(FILLER):
        (folder / f"filler-{i}.txt").write_text(text, encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><head><title>Port news</title></head><body><article><p>"
        + "The harbour master said the dredging of the access channel ends in June. " * 3
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    return folder


@given(st.text(alphabet=st.sampled_from("ab Q:\n.MR"), max_size=400))
@settings(max_examples=150, deadline=None)
def test_passages_cover_every_word_in_order(text: str) -> None:
    passages = split_passages(text)
    covered = "".join(text[p.start : p.end] for p in passages)
    assert covered.split() == text.split() or "".join(covered.split()) == "".join(text.split())
    ends = [0, *[p.end for p in passages]]
    assert all(p.start >= e for p, e in zip(passages, ends, strict=False))
    assert [p.seq for p in passages] == list(range(len(passages)))


def test_transcript_turns_carry_their_speaker() -> None:
    passages = split_passages(TRANSCRIPT)
    by_text = {TRANSCRIPT[p.start : p.end].split(":")[0]: p.speaker for p in passages}
    assert by_text["Q"] == "Q"
    assert by_text["MINISTER LOFFREDO"] == "MINISTER LOFFREDO"
    hewitt = [p for p in passages if "combat troops" in TRANSCRIPT[p.start : p.end]]
    assert hewitt[0].speaker == "MR. HEWITT"


def test_a_long_paragraph_is_cut_at_sentence_ends() -> None:
    text = " ".join(f"Sentence number {i} says something about the port." for i in range(80))
    passages = split_passages(text)
    assert len(passages) > 1
    assert all(len(text[p.start : p.end].split()) <= MAX_WORDS for p in passages)
    assert all(text[p.start : p.end].endswith(".") for p in passages)


def test_rarest_terms_skip_words_the_archive_never_saw() -> None:
    terms = quote_terms("Forty patrol boats will be delivered to the navy")
    assert "the" not in terms and "forty" in terms
    chosen = rarest(terms, {"forty": 3, "patrol": 1, "navy": 9, "boats": 2}, limit=3)
    assert chosen == ["patrol", "boats", "forty"]
    common = {"forty": 900, "patrol": 1, "navy": 9, "boats": 2000, "delivered": 700}
    assert rarest(terms, common, passages=10_000) == ["patrol", "navy"]
    assert rarest(terms, {"forty": 900, "boats": 800}, passages=10_000) == ["boats", "forty"]


def test_exact_and_altered_quotes_find_their_source(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive.sqlite", create=True)
    report = add_paths(archive, [_sources(tmp_path)])
    assert (report.added, report.errors) == (6, [])
    exact = archive.search("forty patrol boats will be delivered to the navy before October")
    assert exact[0].origin.endswith("release.md")
    assert exact[0].title == "Ministry statement on coastal patrols"
    assert "forty patrol boats" in exact[0].text
    altered = archive.search("fifty patrol boats will be delivered to the navy before October")
    assert altered[0].origin.endswith("release.md")
    page = archive.search("the dredging of the access channel ends in June")
    assert page[0].origin.endswith("page.html")
    assert archive.search("completely unrelated words about volcanoes erupting") == []


def test_hit_knows_the_transcript_speaker_of_each_position(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive.sqlite", create=True)
    add_paths(archive, [_sources(tmp_path)])
    hit = archive.search("no combat troops will be based there", speaker="James Hewitt")[0]
    at = hit.text.index("no combat troops")
    assert hit.speaker_at(at) == "MR. HEWITT"
    assert hit.speaker_at(hit.text.index("Will American soldiers")) == "Q"


def test_speaker_named_in_a_label_ranks_first(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    line = "we will rebuild the northern bridge before the rains come back"
    (folder / "a.txt").write_text(f"Report.\n\nSENATOR VEGA: {line}.\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"Report.\n\nMAYOR RUIZ: {line}.\n", encoding="utf-8")
    archive = Archive(tmp_path / "archive.sqlite", create=True)
    add_paths(archive, [folder])
    assert archive.search(line, speaker="Mayor Ana Ruiz")[0].origin.endswith("b.txt")
    assert archive.search(line, speaker="Senator Luis Vega")[0].origin.endswith("a.txt")


def test_adding_a_folder_twice_indexes_only_new_and_changed_files(tmp_path: Path) -> None:
    folder = _sources(tmp_path)
    path = tmp_path / "archive.sqlite"
    add_paths(Archive(path, create=True), [folder])
    again = add_paths(Archive(path), [folder])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 6)
    changed = folder / "filler-0.txt"
    changed.write_text("The library opens on Saturdays from next month.", encoding="utf-8")
    os.utime(changed, ns=(1, 1))
    (folder / "new.txt").write_text("A new bakery opened downtown.", encoding="utf-8")
    third = add_paths(Archive(path), [folder])
    assert (third.added, third.updated, third.unchanged) == (1, 1, 5)
    archive = Archive(path)
    assert archive.stats().documents == 7
    assert archive.search("library opens on Saturdays")[0].origin.endswith("filler-0.txt")
    assert all("budget" not in h.text for h in archive.search("approved the budget"))


def test_unreadable_file_is_named_and_skipped(tmp_path: Path) -> None:
    folder = _sources(tmp_path)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a real pdf")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    archive = Archive(tmp_path / "archive.sqlite", create=True)
    report = add_paths(archive, [folder])
    assert report.added == 6
    assert sorted(e.split(":")[0].rsplit("/", 1)[-1] for e in report.errors) == [
        "binary.txt",
        "broken.pdf",
    ]


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
def test_a_file_name_that_is_not_utf8_is_named_and_skipped(tmp_path: Path) -> None:
    folder = _sources(tmp_path)
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text("Soup is served at noon.", encoding="utf-8")
    (folder / "café.txt").write_text("Bread is served at one.", encoding="utf-8")
    archive = Archive(tmp_path / "archive.sqlite", create=True)
    report = add_paths(archive, [folder])
    assert report.added == 7  # the six sources and the UTF-8 name
    (error,) = report.errors
    assert "not valid UTF-8" in error and "caf" in error
    assert archive.search("Bread is served at one")[0].origin.endswith("café.txt")


def test_an_update_killed_before_its_commit_leaves_the_index_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite"
    archive = Archive(path, create=True)
    add_paths(archive, [_sources(tmp_path)])
    archive.add_text("half-written.txt", "Text that was never committed to the archive.")
    archive.db.close()  # the process dies here: no commit
    reopened = Archive(path)
    assert reopened.stats().documents == 6
    assert not reopened.has("half-written.txt")


def test_a_file_that_is_not_an_archive_is_an_input_error(tmp_path: Path) -> None:
    bogus = tmp_path / "archive.sqlite"
    bogus.write_bytes(b"not sqlite at all" * 100)
    try:
        Archive(bogus)
    except Exception as exc:
        assert str(bogus) in str(exc)
    else:
        raise AssertionError("opened a file that is not an archive")


def test_cli_index_add_then_stats(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from verifier.cli import main

    folder = _sources(tmp_path)
    (folder / "binary.txt").write_bytes(b"\x00\x01 binary")
    index = tmp_path / "idx" / "archive.sqlite"
    runner = CliRunner()
    first = runner.invoke(main, ["index", "add", str(folder), "--index", str(index)])
    assert first.exit_code == 2, first.output  # one file was skipped: said, and not silent
    assert "binary.txt" in first.output and "6 added" in first.output
    (folder / "binary.txt").unlink()
    again = runner.invoke(main, ["index", "add", str(folder), "--index", str(index)])
    assert again.exit_code == 0 and "6 unchanged" in again.output
    shown = runner.invoke(main, ["index", "stats", "--index", str(index)])
    assert shown.exit_code == 0 and "documents: 6" in shown.output
    missing = runner.invoke(main, ["index", "stats", "--index", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 2 and "verify index add" in missing.output


def test_accents_and_other_scripts_are_keyed_as_the_index_keys_them(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    korean = (
        "그 기억을 찾아가며 본인의 화려한 집안에 얽힌 미스터리를 풀어가는 것이 이 드라마의 플롯."
    )
    (folder / "ko.txt").write_text(korean, encoding="utf-8")
    (folder / "es.txt").write_text("El ministro Falconí habló de la soberanía nacional.", "utf-8")
    archive = Archive(tmp_path / "archive.sqlite", create=True)
    add_paths(archive, [folder])
    assert archive.search(korean)[0].origin.endswith("ko.txt")
    assert archive.search("Falconi hablo de la soberania nacional")[0].origin.endswith("es.txt")


def test_from_store_indexes_the_pages_a_cassette_holds(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from verifier.cli import main

    store = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / ".verifier"
    index = tmp_path / "archive.sqlite"
    runner = CliRunner()
    command = ["index", "add", "--from-store", str(store), "--index", str(index)]
    result = runner.invoke(main, command)
    assert result.exit_code == 0, result.output
    archive = Archive(index)
    hit = archive.search("the expectation is that these will be eventually occupied by U.S. troops")
    assert hit[0].origin.startswith("https://news.example.org/2025/03/")
    again = runner.invoke(main, command)
    assert "0 added" in again.output and "unchanged" in again.output
