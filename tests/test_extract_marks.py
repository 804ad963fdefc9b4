"""Quote-mark pairing: every mark style, apostrophes, nesting, orphans, paragraphs."""

from __future__ import annotations

import pytest

from tests._docs import make_doc
from verifier.extract.marks import pair_marks


def quoted(text: str) -> list[str]:
    doc = make_doc(text)
    spans = pair_marks(text, [(p.start, p.end) for p in doc.paragraphs])
    return [text[s.start : s.end] for s in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will win” today.", ["we will win"]),
        ("He said ‘we will win’ today.", ["we will win"]),
        ('He said "we will win" today.', ["we will win"]),
        ("He said 'we will win' today.", ["we will win"]),
        ("Il a dit «nous gagnerons» hier.", ["nous gagnerons"]),
        ("Er sagte „wir gewinnen“ gestern.", ["wir gewinnen"]),
        ("Il a dit ‹nous gagnerons› hier.", ["nous gagnerons"]),
        ("He said ``we will win'' today.", ["we will win"]),
        ("He said ''we will win'' today.", ["we will win"]),  # the NYT archive
        # a straight mark opens after a space, a bracket or a dash, and closes otherwise
        ('Then—"no," he said ("never").', ["no,", "never"]),
    ],
)
def test_mark_styles(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # apostrophes are not marks
        ("The players’ union said “we don’t agree” in the ’90s.", ["we don’t agree"]),
        ("The workers' union told O'Brien 'no deal' on Monday.", ["no deal"]),
        ("Fans of the ’80s said “it’s back” and ‘they’re right’.", ["it’s back", "they’re right"]),
        # nested: the outer quote is the quote
        ("She said, “They told me ‘no way’ twice.”", ["They told me ‘no way’ twice."]),
        ("He said, \"I heard 'stop' and stopped.\"", ["I heard 'stop' and stopped."]),
        # a closing curly mark typed as an opening one still closes
        ("Its own ‘Backyard‘”, that the US", ["Backyard"]),
        (
            "“Apparently not,“ he said. “A leopard doesn’t change.”",
            ["Apparently not,", "A leopard doesn’t change."],
        ),
    ],
)
def test_apostrophes_nesting_and_typos(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_orphan_mark_is_dropped_alone() -> None:
    text = "He said “this never closes. Then she said “yes” and ‘maybe’."
    assert quoted(text) == ["yes", "maybe"]


def test_orphan_closing_mark_is_dropped_alone() -> None:
    assert quoted("It ended” there. Then “this” pairs.") == ["this"]


def test_quote_whose_closing_mark_was_forgotten_runs_to_the_paragraph_end() -> None:
    text = (
        "“Trump is unlike any candidate,” said Baron. “His ‘positions’ have defied all "
        "conventions.\n\nThe paper hired more reporters."
    )
    doc = make_doc(text)
    spans = pair_marks(text, [(p.start, p.end) for p in doc.paragraphs])
    assert [text[s.start : s.end] for s in spans] == [
        "Trump is unlike any candidate,",
        "His ‘positions’ have defied all conventions.",
    ]
    assert spans[1].after == text.index("\n\n")  # no closing mark to step over


def test_multi_paragraph_quote_missing_its_last_closing_mark_is_one_span() -> None:
    text = (
        "Mr. Rhodes said, “We have stopped their advance.\n\n“We have taken back territory.\n\n"
        "Mr. Obama spoke later."
    )
    doc = make_doc(text)
    spans = pair_marks(text, [(p.start, p.end) for p in doc.paragraphs])
    assert [(text[s.start : s.end], s.paragraphs) for s in spans] == [
        ("We have stopped their advance.\n\n“We have taken back territory.", 2)
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the mark does not open a sentence or follow a cue's comma or colon
        "Trump called it “a disaster and moved on to talk about taxes.",
        # a teaser cut short is not a finished sentence
        "The Congress urged the government to act. “What we are talking about...",
        # the paragraph goes on after the quote: the writer lost more than a mark
        "She said: “We will win the vote and then",
        # a later mark of the same family could have closed it
        "He said: “this never closes. Then she said “yes” twice.",
        # too short to be more than a stray mark
        "He said: “No way.",
    ],
)
def test_stray_opening_marks_stay_orphans(text: str) -> None:
    assert [q for q in quoted(text) if q != "yes"] == []


def test_multi_paragraph_quote_is_one_span() -> None:
    text = (
        "“We will rebuild the port,” the minister said. “It will take two years.\n\n"
        "“Then the ships will come back.”\n\nAfter that, nothing."
    )
    doc = make_doc(text)
    spans = pair_marks(text, [(p.start, p.end) for p in doc.paragraphs])
    assert [text[s.start : s.end] for s in spans] == [
        "We will rebuild the port,",
        "It will take two years.\n\n“Then the ships will come back.",
    ]
    assert spans[1].paragraphs == 2


def test_unclosed_quote_without_continuation_does_not_swallow_the_next_paragraph() -> None:
    text = "He said “we will win.\n\nThe next paragraph has “its own” quote."
    assert quoted(text) == ["its own"]


def test_spans_exclude_the_marks() -> None:
    text = "He said ``tex'' and “curly”."
    doc = make_doc(text)
    spans = pair_marks(text, [(p.start, p.end) for p in doc.paragraphs])
    assert [(text[s.open_at], text[s.close_at]) for s in spans] == [("`", "'"), ("“", "”")]
    assert [s.after - s.close_at for s in spans] == [2, 1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an attribute's value in markup left in the text quotes nobody
        (
            'Watch the video at <a href="http://video.example.com">video</a>. He said "we won."',
            ["we won."],
        ),
        ('<tweet tweet-author="just look at Western Europe" tweet-date="', []),
        # an equals sign in prose, spaced, is no attribute
        ('The rule is x = "as fast as we can" for now.', ["as fast as we can"]),
    ],
)
def test_markup_attribute_values_are_not_quotations(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a closing mark forgotten before a newsletter's bracketed source
        (
            "More from Jones: “The partisanship of a state is a starting point. The rest "
            "follows from it. [Gallup.]\n\nNext item.",
            ["The partisanship of a state is a starting point. The rest follows from it."],
        ),
        # a paragraph that ends in a bracket that is no source is no finished sentence
        ("More from Jones: “The partisanship of a state is a starting point [and more]", []),
    ],
)
def test_an_unclosed_quote_stops_before_a_bracketed_source(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected
