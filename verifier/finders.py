"""Which sources each quote is checked against: the link at it, else the corpus, the source
archive, and the web.

Planning a quote opens nothing it does not need: the archive is searched only for a quote
nobody linked, and the web only when the archive did not hold it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from verifier.archive import Archive
from verifier.archive.corpus import CorpusLookup
from verifier.archive.lookup import ArchiveMatch, lookup
from verifier.archive.web import MIN_WORDS as WEB_MIN_WORDS
from verifier.archive.web import SearchProvider, SearxngSearch
from verifier.articles import quote_id
from verifier.candidates import find_candidates, links_by_speaker
from verifier.errors import InputError
from verifier.judge import DIRECT, FOUND, Plan, matchable
from verifier.models import (
    Candidate,
    CandidateOutcome,
    CandidateReason,
    Document,
    Quote,
    QuoteResult,
    Verdict,
)
from verifier.options import Options


@dataclass
class Finders:
    """Where sources nobody linked are looked for: the corpus, the archive, the web."""

    corpus: CorpusLookup
    archive: Archive | None = None
    web: SearchProvider | None = None

    def close(self) -> None:
        self.corpus.archive.close()
        if self.archive is not None:
            self.archive.close()
        if isinstance(self.web, SearxngSearch):
            self.web.close()


def plan_quotes(doc: Document, quotes: list[Quote], finders: Finders, opts: Options) -> list[Plan]:
    """Each quote of an article with the sources to try, or marked ignored.

    A quote without a link at it is also looked up in the source archive, when there is
    one, and then, if the archive does not hold it, on the web when a search is configured.
    """
    plan = []
    speaker_links = links_by_speaker(doc, quotes)
    for quote in quotes:
        ignored = _ignored(doc, quote)
        candidates = [] if ignored else find_candidates(quote, doc, finders.corpus, speaker_links)
        unlinked = not ignored and not _linked(candidates)
        found: list[ArchiveMatch] = []
        if finders.archive is not None and unlinked:
            found = lookup(finders.archive, matchable(quote), quote.speaker, opts.match)
        note = None
        if (
            finders.web is not None
            and unlinked
            and not any(m.result.verdict in FOUND for m in found)
        ):
            web, note = _web_candidates(finders.web, quote)
            candidates = candidates + web
        searched = finders.archive is not None and unlinked
        plan.append(Plan(quote, candidates, ignored, found, searched, note))
    return plan


def _web_candidates(web: SearchProvider, quote: Quote) -> tuple[list[Candidate], str | None]:
    """Candidates from a web search, or why the search failed (the run goes on)."""
    if len(quote.text.split()) < WEB_MIN_WORDS:
        return [], None
    try:
        results = web.search(matchable(quote))
    except InputError as exc:
        return [], str(exc)
    return [Candidate(r.url, CandidateReason.WEB_SEARCH, r.title) for r in results], None


def dump_results(
    document: Document, quotes: list[Quote], finders: Finders, opts: Options
) -> list[QuoteResult]:
    """`--dump`: each quote with the sources it would be checked against, none fetched."""
    seen: Counter[str] = Counter()
    results = []
    for step in plan_quotes(document, quotes, finders, opts):
        quote, candidates, ignored = step.quote, step.candidates, step.ignored
        line, column = document.line_col(quote.start)
        qid = quote_id(document.path, quote.text, seen)
        verdict = Verdict.IGNORED if ignored else Verdict.UNVERIFIABLE
        outcomes = tuple(
            CandidateOutcome(c, Verdict.UNVERIFIABLE, "not fetched") for c in candidates
        )
        reason = "verify-ignore comment" if ignored else "not fetched (dump)"
        results.append(QuoteResult(qid, quote, line, column, verdict, reason, candidates=outcomes))
    return results


def _ignored(document: Document, quote: Quote) -> bool:
    if not document.ignore_lines:
        return False
    line, _ = document.line_col(quote.start)
    return line in document.ignore_lines or line - 1 in document.ignore_lines


def _linked(candidates: list[Candidate]) -> bool:
    """Did the editor link a source at the quote? Then that source alone is its claim."""
    return any(c.reason in DIRECT for c in candidates)
