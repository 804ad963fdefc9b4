"""The judging stage: a quote against each of its candidate sources; the strongest evidence wins.

`Sources` holds every fetched page's text, read once and indexed once for all the quotes
that cite it; `judge` matches one quote against each candidate (main text first, the whole
page to explain a miss), adds the semantic tier's evidence and the archive's passages, and
keeps the strongest outcome with every candidate's. What the run does around it is in
`verifier.articles` (loading), `verifier.finders` (planning) and `verifier.reading`
(fetching, reading), put together by `verifier.pipeline`.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from verifier.archive.lookup import ArchiveMatch
from verifier.match import MatchConfig, SourceIndex, attribution_near, match_quote
from verifier.models import (
    Candidate,
    CandidateOutcome,
    CandidateReason,
    DiffOp,
    DiffOpKind,
    MatchResult,
    Quote,
    QuoteKind,
    QuoteResult,
    SourceChange,
    SourceEvidence,
    SourceText,
    Verdict,
)
from verifier.semantic import SemanticTier
from verifier.semantic.explain import explain

# Which outcome is the strongest evidence, when several candidates were tried.
_STRENGTH = {
    Verdict.VERIFIED: 5,
    Verdict.MINOR_DIFFERENCE: 4,
    Verdict.MISQUOTED: 3,
    Verdict.NOT_FOUND: 2,
    Verdict.UNVERIFIABLE: 1,
    Verdict.IGNORED: 0,
}


FOUND = frozenset({Verdict.VERIFIED, Verdict.MINOR_DIFFERENCE, Verdict.MISQUOTED})


# Links the editor put at the quote. The other candidates (front matter, corpus) are guesses:
# a quote missing from them has no claimed source, which is not a finding.
DIRECT = frozenset(
    {
        CandidateReason.SENTENCE_LINK,
        CandidateReason.PARAGRAPH_LINK,
        CandidateReason.FOOTNOTE,
        CandidateReason.BLOCKQUOTE_LINK,
        CandidateReason.BLOCKQUOTE_INTRO,
    }
)


NO_LINKED_SOURCE = "no source linked at the quote (not in the article's listed sources)"


NOT_AT_SPEAKER_LINKS = "no source linked at the quote (not in the sources linked for {})"


NO_ARCHIVED_SOURCE = "no source (none linked, none in the source archive)"


_ORIGINS = {
    CandidateReason.CORPUS_ARTICLE: "corpus",
    CandidateReason.ARCHIVE: "archive",
    CandidateReason.WEB_SEARCH: "web",
}


@dataclass(frozen=True, slots=True)
class Plan:
    """What a quote will be judged against: fetched candidates and archive passages."""

    quote: Quote
    candidates: list[Candidate]
    ignored: bool
    archive: list[ArchiveMatch]
    searched: bool = False  # the archive was asked (so "no source" means: not there either)
    note: str | None = None  # why a web search for the quote failed


@dataclass
class Sources:
    """Each fetched URL read once, indexed once, shared by every quote that cites it.

    An index is built per distinct text (the same page under several URLs shares one), and
    dropped once no quote left to check cites it (`pending`, `done_with`): a shard's memory
    holds the indexes of the pages still to be used, not of every page it has seen.
    (The texts stay until the shard ends: see docs/scale.md.)
    """

    texts: dict[str, SourceText]
    config: MatchConfig
    # URL -> its text as recorded before this run refetched it, and the recording's day
    previous: dict[str, tuple[SourceText, str]] = field(default_factory=dict)
    _indexes: dict[tuple[str, str], SourceIndex] = field(default_factory=dict)
    # The optional semantic tier, and each quote's words in their own sentence (by quote id).
    semantic: SemanticTier | None = None
    contexts: dict[str, str] = field(default_factory=dict)
    # Quotes left to check per index; None: keep every index to the end.
    pending: Counter[tuple[str, str]] | None = None

    def match(self, words: str, url: str, which: str) -> MatchResult:
        """Match against the `main` text or the whole `page` of a source."""
        return match_quote(words, self.index(url, which), config=self.config)

    def index(self, url: str, which: str) -> SourceIndex:
        """`which` is "main", "page", or "recorded" (the main text before a refetch)."""
        key = self._key(url, which)
        if key not in self._indexes:
            text = self.previous[url][0] if which == "recorded" else self.texts[url]
            if which == "page":
                index = SourceIndex(text.full_text)
            else:  # the reader identified the main text's language already
                index = SourceIndex(text.main_text, language=text.language)
            self._indexes[key] = index
        return self._indexes[key]

    def _key(self, url: str, which: str) -> tuple[str, str]:
        if which == "recorded":
            return which, url
        text = self.texts[url]
        return which, text.full_text if which == "page" else text.main_text

    def expect(self, citations: Counter[str]) -> None:
        """How many quotes left to check cite each URL: from now on, an index is dropped
        when the last quote that may use it is checked."""
        self.pending = Counter()
        for url, count in citations.items():
            for which in ("main", "page", "recorded"):
                if url in self.texts or which == "recorded":
                    self.pending[self._key(url, which)] += count

    def done_with(self, urls: Iterable[str]) -> None:
        """One quote citing each of `urls` was checked: drop the indexes no one needs now."""
        if self.pending is None:
            return
        for url in urls:
            for which in ("main", "page", "recorded"):
                if url not in self.texts and which != "recorded":
                    continue
                key = self._key(url, which)
                self.pending[key] -= 1
                if self.pending[key] <= 0:
                    del self.pending[key]
                    self._indexes.pop(key, None)

    def passage(self, words: str, url: str, which: str) -> str | None:
        """Where the quote's words are in the text, if they are close enough to be found."""
        text = self.previous[url][0] if which == "recorded" else self.texts[url]
        if text.failure is not None:
            return None
        result = self.match(words, url, which)
        return result.passage if result.verdict in FOUND else None


def source_change(
    quote: Quote, candidates: list[Candidate], sources: Sources
) -> SourceChange | None:
    """How the passage the quote relies on differs from the recording it replaced."""
    words = matchable(quote)
    for candidate in candidates:
        if candidate.url not in sources.previous:
            continue
        old = sources.passage(words, candidate.url, "recorded")
        new = sources.passage(words, candidate.url, "main")
        if old == new or (old is None and new is None):
            continue
        return SourceChange(
            url=candidate.url,
            since=sources.previous[candidate.url][1],
            old_passage=old,
            new_passage=new,
            diff=word_changes(old or "", new or ""),
        )
    return None


def word_changes(old: str, new: str) -> tuple[DiffOp, ...]:
    """A word diff from `old` (the `quote` side) to `new` (the `source` side)."""
    a, b = old.split(), new.split()
    ops = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        kind = _OPCODE_KINDS[tag]
        ops.append(DiffOp(kind, " ".join(a[i1:i2]), " ".join(b[j1:j2])))
    return tuple(ops)


_OPCODE_KINDS = {
    "equal": DiffOpKind.EQUAL,
    "replace": DiffOpKind.REPLACE,
    "delete": DiffOpKind.INSERT,  # words only the recording had (the `quote` side)
    "insert": DiffOpKind.DELETE,  # words only today's page has (the `source` side)
}


def judge(
    qid: str, quote: Quote, line: int, column: int, step: Plan, sources: Sources
) -> QuoteResult:
    """The strongest evidence among the fetched candidates and the archive's passages."""
    base = QuoteResult(qid, quote, line, column, Verdict.UNVERIFIABLE)
    pairs = [(c, _against(qid, quote, line, column, c, sources)) for c in step.candidates]
    # An archive document that does not hold the quote is no news: it is left out.
    pairs += [from_archive(base, m) for m in step.archive if m.result.verdict in FOUND]
    if not pairs:
        reason = NO_ARCHIVED_SOURCE if step.searched else "no source"
        return replace(base, reason=f"{reason}; {step.note}" if step.note else reason)
    candidates = [c for c, _ in pairs]
    results = [r for _, r in pairs]
    outcomes = tuple(CandidateOutcome(c, r.verdict, r.reason, r.score or 0.0) for c, r in pairs)
    best = _strongest(candidates, results)
    if best.verdict is Verdict.NOT_FOUND:
        direct = [r for c, r in pairs if c.reason in DIRECT]
        if not direct:
            best = replace(best, verdict=Verdict.UNVERIFIABLE, reason=_not_linked(quote, pairs))
        elif all(r.verdict is Verdict.UNVERIFIABLE for r in direct):
            best = direct[0]  # the linked source could not be read: say why
    changed = source_change(quote, candidates, sources) if sources.previous else None
    return replace(best, candidates=outcomes, source_changed=changed)


def _not_linked(quote: Quote, pairs: list[tuple[Candidate, QuoteResult]]) -> str:
    """Why a quote found in none of the sources it was not linked to is no finding."""
    if any(c.reason is CandidateReason.SPEAKER_LINK for c, _ in pairs):
        return NOT_AT_SPEAKER_LINKS.format(quote.speaker)
    return NO_LINKED_SOURCE


def _strongest(candidates: list[Candidate], results: list[QuoteResult]) -> QuoteResult:
    """The best evidence wins; between equals, the candidate closest to the quote."""
    ranked = sorted(range(len(results)), key=lambda i: (-_STRENGTH[results[i].verdict], i))
    return results[ranked[0]]


def _against(
    qid: str, quote: Quote, line: int, column: int, candidate: Candidate, sources: Sources
) -> QuoteResult:
    """The verdict of one quote against one candidate source."""
    text = sources.texts[candidate.url]
    base = QuoteResult(qid, quote, line, column, Verdict.UNVERIFIABLE)
    if text.failure is not None:
        return replace(base, reason=_failure_reason(text))
    words = matchable(quote)
    result, location = _main_or_page(words, candidate.url, text, sources)
    meaning = None
    if sources.semantic is not None and location == "main":
        context = sources.contexts.get(qid, words)
        result, meaning = explain(
            sources.semantic,
            result,
            words,
            context,
            text.main_text,
            text.language,
            linked=candidate.reason in DIRECT,
        )
    evidence = None
    attribution = None
    if result.start is not None and result.end is not None and result.passage is not None:
        evidence = SourceEvidence(
            url=text.url,
            final_url=text.final_url,
            passage=result.passage,
            start=result.start,
            end=result.end,
            location=location,
            archived=text.archived,
            origin=_ORIGINS.get(candidate.reason, "link"),
        )
        if quote.speaker and location == "main" and result.verdict in FOUND:
            index = sources.index(candidate.url, "main")
            near = attribution_near(quote.speaker, index, result.start, result.end)
            attribution = "confirmed" if near else "not_found"
    return replace(
        base,
        verdict=result.verdict,
        reason=_reason(result, text),
        score=round(result.score, 4),
        source=evidence,
        diff=result.diff,
        segments=result.segments,
        attribution=attribution,
        meaning=meaning,
    )


def _main_or_page(
    words: str, url: str, text: SourceText, sources: Sources
) -> tuple[MatchResult, str]:
    """The match in the article's main text, or why the page holds it and the article not.

    A page whose reader found no article at all (thousands of nested tags, an app shell)
    has only its whole text: the quote is judged there, and the evidence says "page".
    """
    if not text.main_text.strip() and text.full_text.strip():
        return sources.match(words, url, "page"), "page"
    main = sources.match(words, url, "main")
    if main.verdict in FOUND or main.verdict is Verdict.UNVERIFIABLE:
        return main, "main"
    page = sources.match(words, url, "page")
    if page.verdict not in (Verdict.VERIFIED, Verdict.MINOR_DIFFERENCE):
        return main, "main"
    # On the page but not in the article: comments, a sidebar, a teaser.
    return replace(
        page,
        verdict=Verdict.NOT_FOUND,
        reason="only outside the article's main text (comments, sidebar or teaser)",
    ), "page"


def matchable(quote: Quote) -> str:
    """The quote's words as the matcher should see them.

    The paragraphs of a block quote are matched as segments, like the parts of a quote cut
    with an ellipsis: quoting two paragraphs and leaving out a subheading between them
    changes nothing the author said.
    """
    if quote.kind is QuoteKind.BLOCK and "\n\n" in quote.text.strip():
        parts = [p.strip() for p in quote.text.split("\n\n") if p.strip()]
        return " … ".join(parts)
    return quote.text


def _reason(result: MatchResult, text: SourceText) -> str | None:
    if text.archived is not None and result.verdict in FOUND:
        when = text.archived.timestamp[:8]
        suffix = f"archived copy of {when[:4]}-{when[4:6]}-{when[6:8]}"
        return f"{result.reason}; {suffix}" if result.reason else suffix
    return result.reason


def _failure_reason(text: SourceText) -> str:
    assert text.failure is not None
    return text.failure.reason


def from_archive(base: QuoteResult, found: ArchiveMatch) -> tuple[Candidate, QuoteResult]:
    """A quote's verdict against one archive document, as a candidate outcome."""
    hit, result = found.hit, found.result
    candidate = Candidate(hit.origin, CandidateReason.ARCHIVE, hit.title)
    named = hit.title or hit.origin.rsplit("/", 1)[-1]
    where = f"in the source archive, not linked by the article: {named}"
    evidence = None
    if result.passage is not None and found.start is not None and found.end is not None:
        evidence = SourceEvidence(
            hit.origin, hit.origin, result.passage, found.start, found.end, origin="archive"
        )
    verdict, reason, attribution = result.verdict, result.reason, None
    if found.wrong_speaker:
        verdict, attribution = Verdict.MISQUOTED, "wrong"
        reason = f"wrong attribution: {found.said_by} says it in {named}"
    elif result.verdict in FOUND:
        reason = f"{reason}; {where}" if reason else where
        if base.quote.speaker and result.start is not None and result.end is not None:
            near = attribution_near(base.quote.speaker, hit.text, result.start, result.end)
            attribution = "confirmed" if near else "not_found"
    return candidate, replace(
        base,
        verdict=verdict,
        reason=reason,
        score=round(result.score, 4),
        source=evidence if verdict is not Verdict.NOT_FOUND else None,
        diff=result.diff,
        segments=result.segments,
        attribution=attribution,
    )
