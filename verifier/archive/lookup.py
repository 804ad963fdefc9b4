"""A quote nobody linked, judged against the archive's candidate passages.

Retrieval only proposes; the matcher decides, against each candidate passage and its
neighbours. Because the archive is a guess and not the editor's claim, a weak `misquoted`
(a short quote, a loose match) is not reported: it would blame an editor for a passage
that merely looks alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from verifier.archive.store import Archive, ArchiveHit
from verifier.match import MatchConfig, match_quote
from verifier.match.engine import speaker_keys
from verifier.match.normalize import fold, tokenize, wordset
from verifier.models import MatchResult, Verdict

FOUND = frozenset({Verdict.VERIFIED, Verdict.MINOR_DIFFERENCE})
MIN_MISQUOTE_WORDS = 6  # a shorter quote from a guessed source is never called misquoted
MIN_MISQUOTE_SCORE = 0.8
_WORDS_PER_REACH = 60  # a longer quote is matched against more neighbouring passages
# Label words that say what a speaker is, not who: "THE PRESIDENT" may be the quote's
# "President Daniel Noboa".
_ROLE_WORDS = wordset(
    "the mr mrs ms dr president minister secretary senator governor general spokesperson "
    "spokesman spokeswoman ambassador mayor chairman chair rep sen gov judge justice"
)
_ANONYMOUS = frozenset({"A", "ANSWER", "SPEAKER", "UNIDENTIFIED SPEAKER"})


@dataclass(frozen=True, slots=True)
class ArchiveMatch:
    """The verdict of a quote against one archive document."""

    hit: ArchiveHit
    result: MatchResult
    said_by: str  # the transcript label at the matched passage ('' when it has none)
    wrong_speaker: bool  # a transcript gives the words to someone else

    @property
    def start(self) -> int | None:
        """The passage's offset in the whole archive document."""
        return None if self.result.start is None else self.hit.offset + self.result.start

    @property
    def end(self) -> int | None:
        return None if self.result.end is None else self.hit.offset + self.result.end


def lookup(
    archive: Archive,
    quote: str,
    speaker: str | None,
    config: MatchConfig,
    *,
    limit: int = 5,
) -> list[ArchiveMatch]:
    """Every candidate document's verdict for `quote`, best retrieval rank first."""
    reach = 1 + len(quote.split()) // _WORDS_PER_REACH
    out = []
    for hit in archive.search(quote, speaker, limit=limit, reach=reach):
        result = _guarded(match_quote(quote, hit.text, config=config), quote)
        said_by = hit.speaker_at(result.start) if result.start is not None else ""
        wrong = result.verdict in FOUND and wrong_speaker(speaker, said_by)
        out.append(ArchiveMatch(hit, result, said_by, wrong))
    return out


def _guarded(result: MatchResult, quote: str) -> MatchResult:
    if result.verdict is not Verdict.MISQUOTED:
        return result
    if len(quote.split()) < MIN_MISQUOTE_WORDS or result.score < MIN_MISQUOTE_SCORE:
        why = f"only a loose match in the source archive (best {result.score:.2f})"
        return MatchResult(Verdict.NOT_FOUND, result.score, why)
    return result


def wrong_speaker(speaker: str | None, label: str) -> bool:
    """Does a transcript label name someone other than the quote's speaker?

    Only an explicit label counts; an anonymous answer ("A.") or a role that the speaker's
    own title carries ("THE PRESIDENT" for "President Noboa") is not a contradiction.
    """
    if not speaker or not label or label.upper() in _ANONYMOUS:
        return False
    ways = speaker_keys(speaker)
    if not ways:
        return False
    label_words = {key for key, _, _ in tokenize(fold(label))}
    if any(way <= label_words for way in ways):
        return False
    speaker_words = {key for key, _, _ in tokenize(fold(speaker))}
    distinctive = label_words - _ROLE_WORDS
    return not (distinctive <= speaker_words and label_words & speaker_words)
