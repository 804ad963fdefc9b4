"""The PolNeAR gold reader of bench/extraction.py: the benchmark is only as honest as its gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extraction import polnear_gold, quoted_segments


def _ann(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_quoted_segments_pair_marks_per_paragraph() -> None:
    text = "He said \"a b\" and “c d,” then ``e'' and ''f g''."
    got = [text[a:b] for a, b in quoted_segments(text, 0, len(text))]
    assert got == ["a b", "c d,", "e", "f g"]


def test_an_open_quote_runs_to_the_end_of_its_paragraph() -> None:
    text = "“First part of a long quote.\n\n“Second part.”"
    first = quoted_segments(text, 0, text.index("\n"))
    assert [text[a:b] for a, b in first] == ["First part of a long quote."]


def test_second_content_of_an_event_is_gold_too() -> None:
    text = '"Bernie is doing well," she said. "I think she is better."'
    she = text.index("she")
    second = text.index("I think")
    ann = _ann(
        'T1\tContent 0 23\t"Bernie is doing well,"',
        f"T2\tSource {she} {she + 3}\tshe",
        f"T3\tCue {she + 4} {she + 8}\tsaid",
        f"T4\tAttribution {she + 4} {she + 8}\tsaid",
        f"T5\tContent {second - 1} {len(text)}\t...",
        "E1\tAttribution:T4 Cue:T3 Source:T2 Content:T1 Content2:T5 ",
    )
    gold = polnear_gold(text, ann)
    assert [text[g.start : g.end] for g in gold] == [
        "Bernie is doing well,",
        "I think she is better.",
    ]
    assert {g.speaker_text for g in gold} == {"she"}
    assert {g.category for g in gold} == {"pronoun"}


def test_marks_outside_a_discontiguous_content_span_still_count() -> None:
    text = 'Voters "lose squarely," said Rep. Diane Russell. "If you lose, it hurts."'
    src = text.index("Rep.")
    second = text.index("If you")
    end = text.rindex('"')  # the annotator left the closing mark out
    ann = _ann(
        f"T1\tContent 7 23;{second} {end}\t...",
        f"T2\tSource {src} {src + 17}\tRep. Diane Russell",
        "T3\tCue 24 28\tsaid",
        "T4\tAttribution 24 28\tsaid",
        "E1\tAttribution:T4 Cue:T3 Source:T2 Content:T1",
    )
    gold = polnear_gold(text, ann)
    assert [text[g.start : g.end] for g in gold] == ["lose squarely,", "If you lose, it hurts."]
    assert gold[0].category == "name"


def test_quotes_outside_every_content_are_not_gold() -> None:
    text = 'The "war on drugs" failed, she said, and "nobody" denies it.'
    she = text.index("she")
    failed = text.index("failed")
    ann = _ann(
        f'T1\tContent 0 {failed + 6}\tThe "war on drugs" failed',
        f"T2\tSource {she} {she + 3}\tshe",
        f"T3\tCue {she + 4} {she + 8}\tsaid",
        f"T4\tAttribution {she + 4} {she + 8}\tsaid",
        "E1\tAttribution:T4 Cue:T3 Source:T2 Content:T1",
    )
    assert [text[g.start : g.end] for g in polnear_gold(text, ann)] == ["war on drugs"]
    assert polnear_gold(text, _ann(f"T1\tDiscuss 0 {failed}\tThe")) == []


def test_a_curly_pair_inside_a_straight_quoted_passage_is_nested() -> None:
    """The issue's rule: of nested quotes, the outer one is the quote."""
    text = '"Trump tried to laugh it off by interjecting, “Only Rosie.” But Kelly went on."'
    got = [text[a:b] for a, b in quoted_segments(text, 0, len(text))]
    assert got == ["Trump tried to laugh it off by interjecting, “Only Rosie.” But Kelly went on."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the same curly marks nested: the outer quote, when the marks after close both
        (
            "He wrote, “People wearing “Settle For Hillary” shirts… ouch.” Then he left.",
            ["People wearing “Settle For Hillary” shirts… ouch."],
        ),
        # straight marks nested, told apart by shape (`shouted "Allah` opens)
        (
            'Trump tweeted, "Reporting that the killer shouted "Allah hu Akbar!" as he '
            'slaughtered clubgoers." This appeared later.',
            ['Reporting that the killer shouted "Allah hu Akbar!" as he slaughtered clubgoers.'],
        ),
        # an opening mark never closed, then a whole quote: the first one was an orphan
        (
            "“Said Broaddrick, it was a shock. Then she said “Do you understand.” She left.",
            ["Do you understand."],
        ),
    ],
)
def test_a_quote_opened_inside_an_open_quote_nests_when_the_marks_close_both(
    text: str, expected: list[str]
) -> None:
    """The issue's rule: of nested quotes, the outer one is the quote."""
    assert [text[a:b] for a, b in quoted_segments(text, 0, len(text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # “ typed for a closing mark, after a word or a stop and before a space
        ("“It's unusual,“ said Larry Noble. “A leopard.”", ["It's unusual,", "A leopard."]),
        ("Cruz called the KKK “abhorrent“ in a tweet Sunday.", ["abhorrent"]),
        ("Sie sagte: „Wir schaffen das“ und ging.", ["Wir schaffen das"]),
        # but “ before a word still opens
        ("He said “yes” and “no” then.", ["yes", "no"]),
    ],
)
def test_an_opening_curly_mark_typed_for_a_closing_one_closes(
    text: str, expected: list[str]
) -> None:
    assert [text[a:b] for a, b in quoted_segments(text, 0, len(text))] == expected


def test_pronoun_gold_scores_the_resolved_name_found_by_its_mention(tmp_path: Path) -> None:
    from bench.extraction import score_pronouns

    text = (
        "Senate Race Tightens\n\n"
        "Sen. Kelly Ayotte spoke in Concord on Monday.\n\n"
        "“We will win New Hampshire,” she said."
    )
    article = tmp_path / "dev" / "text" / "a.txt"
    article.parent.mkdir(parents=True)
    article.write_text(text, encoding="utf-8")
    she = text.index("she said")
    quote = text.index("We will")
    gold = tmp_path / "gold.tsv"
    gold.write_text(
        "# comment\nset\tfile\tquote_start\tmention_start\tpronoun\tspeaker\n"
        f"tuning\tdev/text/a.txt\t{quote}\t{she}\tshe\tAyotte\n"
        f"tuning\tdev/text/a.txt\t{quote}\t{she}\tshe\tKelly Smith\n"  # wrong: not all words
        f"held-out\tdev/text/a.txt\t{quote}\t{she + 1}\tshe\tAyotte\n",  # no such mention
        encoding="utf-8",
    )
    assert score_pronouns(tmp_path, gold) == {"tuning": (1, 2), "held-out": (0, 1)}


def test_real_speakers_gold_finds_quotes_by_their_start(tmp_path: Path) -> None:
    import gzip

    from bench.extraction import score_real_speakers

    html = (
        "<html><head><title>Budget talks</title></head><body><article>"
        "<h1>Budget talks stall in the Senate</h1>"
        "<p>Senator Jane Holt left the chamber early on Tuesday afternoon.</p>"
        "<p>“We are nowhere near a deal on the budget,” Holt told reporters outside.</p>"
        "<p>Her office declined to say when the talks would resume next week.</p>"
        "</article></body></html>"
    )
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(html.encode()))
    gold = tmp_path / "gold.tsv"
    gold.write_text(
        "# comment\npage\tquote_prefix\tstart\tspeaker\n"
        "p.html.gz\tWe are nowhere\t100\tJane Holt\n"  # right: the full name
        "p.html.gz\tWe are nowhere\t100\tTom Holt\n"  # wrong name
        "p.html.gz\tNo such quote\t0\t-\n",  # right: nobody, and no quote
        encoding="utf-8",
    )
    assert score_real_speakers(tmp_path, gold) == (2, 3)


def _inverted(source: tuple[int, int], cue: tuple[int, int], text: str) -> str:
    return _ann(
        f"T1\tContent 0 {text.index(',') + 2}\t...",
        f"T2\tSource {source[0]} {source[1]}\t{text[source[0] : source[1]]}",
        f"T3\tCue {cue[0]} {cue[1]}\t{text[cue[0] : cue[1]]}",
        f"T4\tAttribution {cue[0]} {cue[1]}\t{text[cue[0] : cue[1]]}",
        "E1\tAttribution:T4 Cue:T3 Source:T2 Content:T1",
    )


def test_a_verb_labelled_source_with_the_name_labelled_cue_is_read_swapped() -> None:
    """`“…,” said Bolton` annotated Source `said`, Cue `Bolton`: the labels are swapped."""
    text = "“I would support the nominee,” said Bolton."
    said, bolton = text.index("said"), text.index("Bolton")
    ann = _inverted((said, said + 4), (bolton, bolton + 6), text)
    assert [g.speaker_text for g in polnear_gold(text, ann)] == ["Bolton"]


def test_a_source_that_is_no_verb_is_kept_as_annotated() -> None:
    text = "“I would support the nominee,” he said."
    he, said = text.index("he said"), text.index("said")
    ann = _inverted((he, he + 2), (said, said + 4), text)
    assert [g.speaker_text for g in polnear_gold(text, ann)] == ["he"]
