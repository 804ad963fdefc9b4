"""The public API: what `from verifier import ...` promises."""

from __future__ import annotations

import verifier
from verifier import Verdict, extract_quotes, match_quote


def test_exported_members_are_pinned() -> None:
    assert set(verifier.__all__) == {
        "DEFAULT_CONFIG", "ConfigError", "Document", "FetchOptions", "InputError",
        "MatchConfig", "MatchResult", "Mention", "Options", "Quote", "QuoteKind",
        "QuoteResult", "Report", "SourceIndex", "UsageError", "Verdict", "VerifierError",
        "extract_quotes", "match_quote", "verify_paths",
    }  # fmt: skip
    for name in verifier.__all__:
        assert getattr(verifier, name) is not None


MARKDOWN = """---
title: Harbour
---

# Harbour

The minister, Ana Ruiz, [said](https://example.org/a) on Monday:
“We are not going to ask for more money for the harbour,” and left.
"""


def test_extract_quotes_offsets_point_into_the_text_given() -> None:
    for fmt, text in [
        ("markdown", MARKDOWN),
        (
            "html",
            "<p>“We are not going to ask for more money for the harbour,” "
            "<b>Ana Ruiz</b> said.</p>",
        ),
        ("text", "“We are not going to ask for more money for the harbour,” Ana Ruiz said.\n"),
    ]:
        (quote,) = extract_quotes(text, fmt=fmt)
        assert text[quote.start : quote.end] == quote.text
        assert quote.text.startswith("We are not going to ask for more money")
        assert quote.speaker is not None and "Ana Ruiz" in quote.speaker
        if quote.speaker_mention is not None:
            m = quote.speaker_mention
            assert text[m.start : m.end] == m.text


def test_match_quote_on_plain_strings() -> None:
    source = "On Monday she said: We are not going to ask for more money. Then she left."
    result = match_quote("We are not going to ask for more money.", source)
    assert result.verdict is Verdict.VERIFIED
    assert result.start is not None and result.end is not None
    assert source[result.start : result.end] == result.passage
    changed = match_quote("We are going to ask for more money.", source)
    assert changed.verdict is Verdict.MISQUOTED
