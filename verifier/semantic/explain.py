"""The semantic tier's hook into one quote's check against one source text.

It takes the lexical `MatchResult` and gives it back with evidence added: the meaning of
changed words in the reason, the closest passage of a paraphrase, a translation's original.
It never turns a verdict into a pass: a paraphrase stays `not_found`, a translation
`unverifiable` (or `misquoted` when it differs, at a calibrated confidence).
"""

from __future__ import annotations

import re
from dataclasses import replace

from verifier.extract.sentences import sentence_ends
from verifier.language import language_name
from verifier.models import Document, MatchResult, Meaning, MeaningKind, Quote, QuoteKind, Verdict
from verifier.semantic.embed import ModelUnavailable
from verifier.semantic.tier import SemanticTier

# Words of the article's own sentence kept on each side of a partial quote: the claim the
# fragment belongs to, without the rest of a long sentence.
CONTEXT_WORDS = 12
MIN_CLAUSE_WORDS = 7


def explain(
    tier: SemanticTier,
    result: MatchResult,
    words: str,
    context: str,
    source: str,
    source_language: str | None,
    *,
    linked: bool = True,
) -> tuple[MatchResult, Meaning | None]:
    """The result with the semantic evidence for it, and that evidence (None: none)."""
    try:
        return _explain(tier, result, words, context, source, source_language, linked)
    except ModelUnavailable:
        return result, None  # installed but not loadable here: the lexical verdict stands


def _explain(
    tier: SemanticTier,
    result: MatchResult,
    words: str,
    context: str,
    source: str,
    source_language: str | None,
    linked: bool,
) -> tuple[MatchResult, Meaning | None]:
    """See `explain`.

    `linked`: the source was linked at the quote. A paraphrase is looked for only there: in a
    guessed source (front matter, another article) a passage "like" the quote proves nothing.
    """
    if result.verdict in (Verdict.MISQUOTED, Verdict.MINOR_DIFFERENCE):
        meaning = tier.word_meaning(result, words, source)
        if meaning is None:
            return result, None
        # "negation added; meaning changed": the lexical reason already names the change.
        said = meaning.kind.value if meaning.basis in result.changes else meaning.describe()
        return replace(result, reason=_join(result.reason, said)), meaning
    if result.verdict is Verdict.NOT_FOUND and result.passage is None and linked:
        found = tier.paraphrase(context, source)
        if found is None:
            return result, None
        meaning, passage = found
        reason = meaning.describe()
        return _with_passage(result, passage.text, passage.start, passage.end, reason), meaning
    if result.verdict is Verdict.UNVERIFIABLE and source_language and source_language != "en":
        return _translation(tier, result, context, source, source_language)
    return result, None


def _translation(
    tier: SemanticTier, result: MatchResult, query: str, source: str, language: str
) -> tuple[MatchResult, Meaning | None]:
    found = tier.translation(query, source)
    if found is None:
        return result, None
    meaning, passage = found
    reason = _join(result.reason or f"source in {language_name(language)}", meaning.describe())
    out = _with_passage(result, passage.text, passage.start, passage.end, reason)
    if meaning.kind is MeaningKind.TRANSLATION_DIFFERS:
        out = replace(out, verdict=Verdict.MISQUOTED)
    return out, meaning


def _with_passage(result: MatchResult, text: str, start: int, end: int, reason: str) -> MatchResult:
    return replace(result, reason=reason, passage=text, start=start, end=end)


def _join(reason: str | None, more: str) -> str:
    return f"{reason}; {more}" if reason else more


def quote_context(document: Document, quote: Quote) -> str:
    """What to compare with the source: a partial quote within its own sentence.

    "a “joint security agenda”" says little alone; "Venezuela … pledged a joint security
    agenda against trafficking" is the claim a source sentence can be matched with.
    """
    if quote.kind is not QuoteKind.PARTIAL:
        return quote.text
    text = document.text
    para = (
        document.paragraphs[document.paragraph_index(quote.start)] if document.paragraphs else None
    )
    lo, hi = (para.start, para.end) if para else (0, len(text))
    ends = [lo, *sentence_ends(text, lo, hi), hi]
    start = max(e for e in ends if e <= quote.start)
    end = min((e for e in ends if e >= quote.end), default=hi)
    # The clause that holds the quote, when it says enough: "where the regime pledged a
    # “joint security agenda” against trafficking", not the rest of the sentence.
    head = re.split(r"[,;:()—]\s", text[start : quote.start])[-1]
    tail = re.split(r"[,;:()—]\s|[,;:]$", text[quote.end : end])[0]
    clause = f"{head}{quote.text}{tail}"
    if len(clause.split()) >= MIN_CLAUSE_WORDS:
        return " ".join(clause.split())
    before = re.findall(r"\S+", text[start : quote.start])[-CONTEXT_WORDS:]
    after = re.findall(r"\S+", text[quote.end : end])[:CONTEXT_WORDS]
    return " ".join([*before, quote.text, *after])
