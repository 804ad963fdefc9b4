"""Reader-comment sections of plain-text articles, in the shapes copied pages really have."""

from __future__ import annotations

import pytest

from tests._docs import make_doc
from verifier.load.comments import find_comment_section

ARTICLE = "\n\n".join(
    [
        "US Troops Return to Ecuador",
        "In 2009, Ecuadorians voted in a referendum to remove all US military presence.",
        "Now, thanks to an agreement signed in the dying days of the government, troops return.",
        "“That doesn’t mean we’re doing it,” Crenshaw said.",
        "The people overwhelmingly voted for the base to be closed.",
        "Lasso himself only has ten days left in government.",
    ]
)


def first_comment_paragraph(text: str) -> str | None:
    doc = make_doc(text)
    i = find_comment_section(text, doc.paragraphs)
    if i is None:
        return None
    p = doc.paragraphs[i]
    return text[p.start : p.end]


@pytest.mark.parametrize(
    ("tail", "first"),
    [
        # a share widget, then numbered replies with names, then "Comments are closed."
        (
            "Print Friendly, PDF & Email\n\n  1. timbers\n\n    At this point, my best guess is "
            "obvious.\n\n    1. NotTimothyGeithner\n\n      Don’t forget Afghanistan.\n\n"
            "Comments are closed.",
            "Print Friendly, PDF & Email",
        ),
        # a "Comments" heading followed by a blog's related posts
        (
            "Comments\n\nPopular posts from this blog\n\nKamala Harris Has More Billionaires",
            "Comments",
        ),
        # numbered replies with no heading, closed by a moderation notice
        (
            "Sources Washington Examiner, The Guardian, BBC\n\n  1. The gringos are coming. "
            "Spec ops.\n\n    1. 9:35 - Never going to happen.\n\n    2. We finally gonna "
            "see.\n\n  2. They need to send the military to Chicago\n\n"
            "Comments are moderated, refer to policy for more information.",
            "1. The gringos are coming. Spec ops.",
        ),
        ("12 Comments\n\nJane: great piece.", "12 Comments"),
        ("Leave a Reply\n\nYour email address will not be published.", "Leave a Reply"),
    ],
)
def test_comment_section_shapes(tail: str, first: str) -> None:
    assert first_comment_paragraph(ARTICLE + "\n\n" + tail) == first


def test_no_comment_section() -> None:
    assert first_comment_paragraph(ARTICLE) is None


def test_a_comments_heading_early_in_the_article_is_not_the_comment_section() -> None:
    text = "Comments\n\n" + ARTICLE
    assert first_comment_paragraph(text) is None


def test_numbered_list_in_the_article_is_not_a_comment_section() -> None:
    text = ARTICLE + "\n\n  1. Raise wages.\n\n  2. Close the base.\n\nThat was the plan."
    assert first_comment_paragraph(text) is None


def test_a_reader_prompt_mid_article_does_not_cut_the_quotes_after_it() -> None:
    """Issue 17: "What do you think?" in the middle of a real article lost its 8 quotes."""
    body = "\n\n".join(
        [
            ARTICLE,
            "What do you think?",
            "“We will not give up,” Lasso said on Monday.",
            "“The base will not be built,” said Defense Minister Gian Carlo Loffredo.",
            "The vote on the agreement is due in May.",
        ]
    )
    assert first_comment_paragraph(body) is None


@pytest.mark.parametrize(
    "thread",
    [
        "Jane Doe says:\n\nGreat piece, thanks.\n\nReply",
        "  1. Great piece.\n\n  2. I disagree.",
        "Posted 3 hours ago by jdoe\n\nGreat piece.",
    ],
)
def test_a_reader_prompt_followed_by_a_thread_starts_the_comments(thread: str) -> None:
    assert first_comment_paragraph(ARTICLE + "\n\nWhat do you think?\n\n" + thread) == (
        "What do you think?"
    )
