"""Property-based fuzzing of the pure stages (issue 13): loaders, extraction in all three
formats and the matcher never raise on any text, and every offset they give is inside the
text and consistent. Set VERIFIER_FUZZ=ci (as .ci/run does) for many more examples."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier import extract_quotes, match_quote
from verifier.errors import InputError
from verifier.extract import extract
from verifier.load import load_string

_CI = os.environ.get("VERIFIER_FUZZ") == "ci"
fuzz = settings(
    max_examples=400 if _CI else 40,
    deadline=None if _CI else 5000,  # time bounded on small inputs (ms per example)
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=not _CI,  # the default run is reproducible; CI explores
)

# Pieces that exercise every path: quote marks of every family, markup, entities, line
# endings of every kind, cues and names.
_PIECES = [
    "“",
    "”",
    '"',
    "‘",
    "’",
    "'",
    "«",
    "»",
    "„",
    " ",
    "\n",
    "\r",
    "\r\n",
    "\n\n",
    "\t",
    "<p>",
    "</p>",
    "<q>",
    "</q>",
    "<div>",
    "<b>",
    "<a href='http://e.org/x'>",
    "</a>",
    "&amp;",
    "&#8220;",
    "&#8221;",
    "&nbsp;",
    "&",
    "<",
    ">",
    "<!-- verify-ignore -->",
    "# ",
    "> ",
    "- ",
    "* ",
    "[link](https://e.org/y)",
    "[^1]",
    "[^1]: https://e.org/f",
    "---\n",
    "```\n",
    "said",
    "told",
    "according to",
    "he",
    "she",
    "Smith",
    "The mayor",
    "Jane Doe",
    ",",
    ".",
    "…",
    "—",
    ":",
    "word",
    "We will never allow it",
    "é",
    "\ufffd",
]
texts = st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=40).map("".join)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@fuzz
@given(text=texts)
def test_loaders_and_extraction_never_raise_and_offsets_agree(fmt: str, text: str) -> None:
    try:
        doc = load_string(text, fmt)
    except InputError:  # bad front matter: a clear per-article error is the right answer
        return
    n = len(doc.text)
    for para in doc.paragraphs:
        assert 0 <= para.start <= para.end <= n
    for link in doc.links:
        assert 0 <= link.start <= link.end <= n
    for quote in extract(doc):
        assert 0 <= quote.start <= quote.end <= n
        assert doc.text[quote.start : quote.end] == quote.text
        line, column = doc.line_col(quote.start)
        assert 1 <= line <= text.count("\n") + text.count("\r") + 1 and column >= 1


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@fuzz
@given(text=texts)
def test_extract_quotes_offsets_are_inside_the_text_given(fmt: str, text: str) -> None:
    try:
        quotes = extract_quotes(text, fmt=fmt)
    except InputError:
        return
    for quote in quotes:
        assert 0 <= quote.start <= quote.end <= len(text)
        if fmt == "text":  # the loaders read "\r\n" and a lone "\r" as one "\n"
            assert _newlines(text[quote.start : quote.end]) == quote.text


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@fuzz
@given(quote=texts, source=texts)
def test_match_quote_never_raises_and_points_inside_the_source(quote: str, source: str) -> None:
    result = match_quote(quote, source)
    assert 0.0 <= result.score <= 1.0 or result.score != result.score
    if result.start is not None and result.end is not None:
        assert 0 <= result.start <= result.end <= len(source)
        if result.passage is not None:
            assert source[result.start : result.end] == result.passage


# Failing examples found before (issue 13), kept as regression tests.
@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("\r \r the", "markdown"),
        ("# T\r\r“The plan is good,” the mayor said.\r", "markdown"),
        ("<p>“We will never allow it,” said the mayor &amp; chair.</p>", "html"),
        ("<p>The mayor said <q>We will never allow it", "html"),
        ("<p>&#8220;We will never allow it,&#8221; said the mayor.</p>", "html"),
        ("“a” " * 300, "markdown"),
        ("“a " * 300, "text"),
    ],
)
def test_known_hostile_inputs(text: str, fmt: str) -> None:
    doc = load_string(text, fmt)
    for quote in extract(doc):
        assert doc.text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        # An unclosed <q> at the very end: the closing mark the loader adds is not in the file.
        ("““<q> # ““ <q> ‘", "html"),
        # A lone "\r" inside the quote.
        ("“““\r‘ ““ <a href='http://e.org/x'>“", "text"),
    ],
)
def test_known_hostile_inputs_through_the_public_api(text: str, fmt: str) -> None:
    for quote in extract_quotes(text, fmt=fmt):
        assert 0 <= quote.start <= quote.end <= len(text)
        if fmt == "text":
            assert _newlines(text[quote.start : quote.end]) == quote.text
