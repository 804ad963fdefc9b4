"""The matcher's entry points: a quote against a source, and the speaker near a passage."""

from __future__ import annotations

import re

from verifier.language import detect_language, language_name
from verifier.match.align import ParsedQuote, align_quote, parse_quote
from verifier.match.classify import DEFAULT_CONFIG, MatchConfig, classify
from verifier.match.index import SourceIndex, index_for
from verifier.match.normalize import fold, tokenize, wordset
from verifier.match.splice import splice_result
from verifier.models import MatchResult, Verdict

# Words of a name that do not identify its bearer.
_HONORIFICS = wordset(
    "mr mrs ms miss dr prof sir dame rep sen gov pres gen col capt lt sgt adm rev hon "
    "president senator representative governor minister secretary general admiral "
    "jr sr ii iii iv phd md esq"
)
_PARTICLES = wordset("de del della der di da van von la le los las y bin al el st")
_ORG_WORDS = wordset(
    "department ministry agency council committee office government administration "
    "university institute foundation association commission bureau party army navy force "
    "forces embassy company corporation corp inc ltd group union bank court police service "
    "organization organisation center centre news times post press network the of for and "
    "national international united states us u.s american federal state public"
)
_FILLER = wordset("the of for and on in at to a an")
_PRONOUNS = wordset("he she they it we i you him her them his its their")


def match_quote(
    quote_text: str,
    source: str | SourceIndex,
    *,
    config: MatchConfig = DEFAULT_CONFIG,
    quote_language: str | None = "en",
) -> MatchResult:
    """Verdict for one quote against one source text (offsets into that text)."""
    index = source if isinstance(source, SourceIndex) else index_for(source)
    parsed = parse_quote(quote_text)
    result = classify(parsed, align_quote(parsed, index, config.align_params()), index, config)
    if result.verdict is not Verdict.VERIFIED and (parsed.ellipses or _has_brackets(parsed)):
        copied = parse_quote(quote_text, as_printed=True)
        as_printed = classify(
            copied, align_quote(copied, index, config.align_params()), index, config
        )
        if as_printed.verdict is Verdict.VERIFIED:
            return as_printed  # the source's own "[insertion]" or "…", copied with its words
    if result.verdict in (Verdict.VERIFIED, Verdict.MINOR_DIFFERENCE):
        return result  # found is found, whatever language the rest of the page is in
    if parsed.word_count >= config.short_quote_words and _may_be_spliced(result):
        spliced = splice_result(parsed, index, config.max_dropped_words)
        if spliced is not None:
            return spliced
    if quote_language and index.language and index.language != quote_language:
        if result.passage is not None and _passage_language(result) in (quote_language, None):
            return result  # an English passage on a Spanish page: the language of the passage
        return MatchResult(
            Verdict.UNVERIFIABLE, result.score, f"source in {language_name(index.language)}"
        )
    return result


def _has_brackets(parsed: ParsedQuote) -> bool:
    return any(segment.brackets for segment in parsed.segments)


def _may_be_spliced(result: MatchResult) -> bool:
    """Parts from several places show as no passage, a paraphrase, or a passage that runs
    across a sentence end; words dropped inside one sentence are not a splice."""
    if result.verdict is Verdict.NOT_FOUND or "paraphrase" in result.changes:
        return True
    return result.passage is not None and any(c in result.passage for c in ".!?")


def _passage_language(result: MatchResult) -> str | None:
    """Language of the passage itself (of each part, for a quote joined from several)."""
    passages = [s.passage for s in result.segments if s.passage] or [result.passage or ""]
    return detect_language(" ".join(passages))


def speaker_keys(speaker: str) -> tuple[frozenset[str], ...]:
    """Ways a speaker is named in running text; each is a set of words that must all appear.

    A person is named by the surname ("Crenshaw" for "Rep. Dan Crenshaw"), or for a name of
    three words or more also by the one before it ("López" for "Andrés Manuel López
    Obrador"); an organisation by any of its distinctive words ("Pentagon", "Noboa"), or by
    all of its words when none is distinctive ("State Department").
    """
    # The capitalised words are the name: "the opposition leader Carlos Vega" is "Carlos Vega".
    proper = [w for w in re.findall(r"[\w’'.-]+", speaker) if w[:1].isupper()]
    named = " ".join(proper) if proper else speaker
    words = [re.sub(r"'s$", "", key) for key, _, _ in tokenize(fold(named))]
    if not words or all(w in _PRONOUNS for w in words):
        return ()
    if any(w in _ORG_WORDS for w in words) and len(words) > 1:
        distinctive = [w for w in words if w not in _ORG_WORDS and w not in _HONORIFICS]
        if distinctive:
            return tuple(frozenset({w}) for w in distinctive)
        return (frozenset(w for w in words if w not in _FILLER) or frozenset(words),)
    names = [w for w in words if w not in _HONORIFICS] or words
    ways = [frozenset({names[-1]})]
    if len(names) >= 3 and names[-2] not in _PARTICLES:
        ways.append(frozenset({names[-2]}))
    return tuple(ways)


def attribution_near(
    speaker: str, source: str | SourceIndex, start: int, end: int, *, window: int = 400
) -> bool:
    """Is the speaker named within `window` characters of the passage [start, end)?"""
    ways = speaker_keys(speaker)
    if not ways:
        return False
    text = source.text if isinstance(source, SourceIndex) else source
    nearby = fold(text[max(0, start - window) : end + window])
    words = {re.sub(r"'s$", "", key) for key, _, _ in tokenize(nearby)}
    return any(way <= words for way in ways)
