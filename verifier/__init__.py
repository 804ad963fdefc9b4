"""Quote verifier: check attributed quotations in articles against their sources.

The library API, in pipeline order::

    from verifier import extract_quotes, match_quote, verify_paths

    quotes = extract_quotes(text, fmt="markdown")      # offsets into `text`
    result = match_quote(quote.text, source_text)      # verdict, score, span, diff
    report = verify_paths(["corpus/"], offline=True)   # what `verify --format json` prints
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from verifier._version import __version__ as __version__
from verifier.errors import ConfigError, InputError, UsageError, VerifierError
from verifier.extract import extract
from verifier.load import load_string
from verifier.match import DEFAULT_CONFIG, MatchConfig, SourceIndex, match_quote
from verifier.models import (
    Document,
    MatchResult,
    Mention,
    Quote,
    QuoteKind,
    QuoteResult,
    Report,
    Verdict,
)
from verifier.options import FetchOptions, Options
from verifier.pipeline import verify_paths

__all__ = [
    "DEFAULT_CONFIG",
    "ConfigError",
    "Document",
    "FetchOptions",
    "InputError",
    "MatchConfig",
    "MatchResult",
    "Mention",
    "Options",
    "Quote",
    "QuoteKind",
    "QuoteResult",
    "Report",
    "SourceIndex",
    "UsageError",
    "Verdict",
    "VerifierError",
    "extract_quotes",
    "match_quote",
    "verify_paths",
]


def extract_quotes(text: str, *, fmt: str = "text") -> list[Quote]:
    """Every attributed quotation in `text` ("text", "markdown" or "html").

    Offsets (of the quote, its speaker mention and its cue) are offsets into `text` as
    given, so ``text[q.start:q.end]`` is the quote's words even in Markdown or HTML.
    """
    document = load_string(text, fmt)
    quotes = extract(document)
    offsets = document.offsets
    # The loaders read "\r\n" as one "\n": count those pairs back into the offsets.
    crlf = [m.start() - i for i, m in enumerate(re.finditer("\r\n", text))]

    def at(offset: int) -> int:
        if offsets is not None and fmt != "text":
            offset = offsets.to_file(offset)
        return offset + bisect.bisect_right(crlf, offset)

    def span(start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return at(start), at(start)
        return at(start), at(end - 1) + 1

    def mention(m: Mention | None) -> Mention | None:
        if m is None:
            return None
        start, end = span(m.start, m.end)
        return replace(m, start=start, end=end)

    out = []
    for quote in quotes:
        start, end = span(quote.start, quote.end)
        out.append(
            replace(
                quote,
                start=start,
                end=end,
                speaker_mention=mention(quote.speaker_mention),
                cue=mention(quote.cue),
            )
        )
    return out
