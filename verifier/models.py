"""The typed records that flow forward through the pipeline.

documents -> quotes -> candidate sources -> fetch -> source text -> match -> report.
Every stage takes and gives these frozen dataclasses; no stage reaches back into an
earlier one. Offsets are always character offsets into a named string: a `Document`'s
`text`, or a `SourceText`'s `main_text`/`full_text`.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit


def is_web_url(value: object) -> bool:
    """An absolute http(s) URL with a host: the only kind a source can be fetched from."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


class Verdict(StrEnum):
    """The contract every report uses (see README, "Verdicts")."""

    VERIFIED = "verified"
    MINOR_DIFFERENCE = "minor_difference"
    MISQUOTED = "misquoted"
    NOT_FOUND = "not_found"
    UNVERIFIABLE = "unverifiable"
    IGNORED = "ignored"


# The verdicts that are editorial findings by default (the CI policy may change this).
DEFAULT_FAIL_ON: frozenset[Verdict] = frozenset({Verdict.MISQUOTED, Verdict.NOT_FOUND})


# ---------------------------------------------------------------------------
# documents


class ParagraphKind(StrEnum):
    TEXT = "text"
    BLOCKQUOTE = "blockquote"
    HEADING = "heading"
    LIST = "list"
    CODE = "code"
    COMMENTS = "comments"  # a reader-comment section after the article: never quotes


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    kind: ParagraphKind = ParagraphKind.TEXT
    # The first paragraph of a block element (a `>` block, a `<blockquote>`): two block
    # quotes one after the other are two quotes, the paragraphs of one are one.
    opens_block: bool = False


class LinkKind(StrEnum):
    INLINE = "inline"  # [text](url), <a href>
    REFERENCE = "reference"  # [text][ref]
    AUTOLINK = "autolink"  # <https://...>, or a bare URL in the text
    FOOTNOTE = "footnote"  # a footnote marker whose note holds the URL
    CITE = "cite"  # the address a block's markup gives for its words (<blockquote cite>)


@dataclass(frozen=True, slots=True)
class Link:
    """A URL anchored at a span of the document text (the link text, or the marker)."""

    url: str
    start: int
    end: int
    kind: LinkKind = LinkKind.INLINE
    text: str = ""


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in a document's plain text back to the file it was read from.

    Loaders copy runs of characters from the file into the text; each run is an anchor
    ``(text_offset, file_offset)``. An offset inside a run maps linearly from its anchor.
    """

    text_offsets: tuple[int, ...]
    file_offsets: tuple[int, ...]
    line_starts: tuple[int, ...]  # file offsets at which each line (1-based index+1) begins
    file_length: int  # characters in the file: no offset maps past its last one

    @classmethod
    def identity(cls, source: str) -> OffsetMap:
        return cls((0,), (0,), _line_starts(source), len(source))

    @classmethod
    def from_anchors(cls, anchors: list[tuple[int, int]], source: str) -> OffsetMap:
        anchors = sorted(set(anchors)) or [(0, 0)]
        text_offsets, file_offsets = tuple(a for a, _ in anchors), tuple(b for _, b in anchors)
        return cls(text_offsets, file_offsets, _line_starts(source), len(source))

    def to_file(self, offset: int) -> int:
        i = bisect.bisect_right(self.text_offsets, offset) - 1
        if i < 0:
            return 0
        # Characters a loader added (the closing mark of an unclosed <q>) have no place in
        # the file; those after the last run map to its last character, never past it.
        return min(self.file_offsets[i] + (offset - self.text_offsets[i]), self.last)

    @property
    def last(self) -> int:
        return max(self.file_length - 1, 0)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column in the file for a text offset."""
        pos = self.to_file(offset)
        line = bisect.bisect_right(self.line_starts, pos)
        return line, pos - self.line_starts[line - 1] + 1


def _line_starts(source: str) -> tuple[int, ...]:
    starts = [0]
    for i, ch in enumerate(source):
        if ch == "\n":
            starts.append(i + 1)
    return tuple(starts)


@dataclass(frozen=True, slots=True)
class Document:
    """One article, read into plain text with its structure kept as spans."""

    path: str
    format: str  # "markdown" | "html" | "text"
    text: str
    paragraphs: tuple[Paragraph, ...]
    links: tuple[Link, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)  # front matter / <meta>
    offsets: OffsetMap | None = None
    # File lines (1-based) that carry a `<!-- verify-ignore -->` comment: a quote on such a
    # line, or on the line after it, is reported as `ignored`.
    ignore_lines: tuple[int, ...] = ()
    # What the reader should know about how the file was read (a replaced byte, a charset).
    notes: tuple[str, ...] = ()

    @property
    def url(self) -> str | None:
        """The article's own URL (front matter `url`, canonical link), if known and absolute:
        the corpus offers it as a source to other articles' quotes."""
        value = self.metadata.get("url")
        return str(value).strip() if is_web_url(value) else None

    def line_col(self, offset: int) -> tuple[int, int]:
        if self.offsets is None:
            return OffsetMap.identity(self.text).line_col(offset)
        return self.offsets.line_col(offset)

    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph that contains `offset` (or the one before it)."""
        starts = [p.start for p in self.paragraphs]
        return max(bisect.bisect_right(starts, offset) - 1, 0)


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    """An article of the corpus with its own URL: another article may quote from it.

    Only this much of an article crosses shards (the whole `Document` stays in its shard).
    """

    path: str
    url: str
    text: str  # the article's text without its reader comments


# ---------------------------------------------------------------------------
# quotes


class QuoteKind(StrEnum):
    FULL = "full"  # a whole sentence or more in quote marks
    PARTIAL = "partial"  # a fragment inside the writer's own sentence
    FRAGMENT = "fragment"  # a few words someone owns: `the “joke,” as he called it`
    BLOCK = "block"  # a block quote (Markdown `>`, <blockquote>, colon-introduced paragraph)


@dataclass(frozen=True, slots=True)
class Mention:
    """Some words of the document text, with their span (a speaker, a cue)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    """An attributed quotation found in a document.

    `start`/`end` delimit the quoted words in `Document.text`, without the quote marks.
    `text` keeps the writer's editorial marks (ellipses, [brackets]) for the matcher.
    """

    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None  # resolved name ("Rep. Dan Crenshaw")
    speaker_mention: Mention | None = None  # the words at the attribution ("he", "Crenshaw")
    cue: Mention | None = None  # "said", "according to", ":"
    found_by: str | None = None  # the extraction rule that found it (`verifier.extract.rules`)
    speaker_by: str | None = None  # the rule that named its speaker


# ---------------------------------------------------------------------------
# candidate sources


class CandidateReason(StrEnum):
    """Why a URL was proposed as a quote's source, best first."""

    SENTENCE_LINK = "link in the quote's sentence"
    PARAGRAPH_LINK = "link in the quote's paragraph"
    FOOTNOTE = "footnote"
    BLOCKQUOTE_LINK = "link in the block quote (its signature, an HTML cite)"
    BLOCKQUOTE_INTRO = "link in the line introducing the block quote"
    FRONT_MATTER = "front matter sources"
    SPEAKER_LINK = "linked at the same speaker's other quote"
    CORPUS_ARTICLE = "another article of the corpus contains the quote"
    ARCHIVE = "found in the source archive (not linked by the article)"
    WEB_SEARCH = "web search result (not linked by the article)"


@dataclass(frozen=True, slots=True)
class Candidate:
    url: str
    reason: CandidateReason
    detail: str = ""  # e.g. the corpus article's path, or the link text


# ---------------------------------------------------------------------------
# fetch and source text


@dataclass(frozen=True, slots=True)
class ArchiveCapture:
    """Evidence came from an archived copy rather than the live page."""

    url: str  # the archive URL that was read
    timestamp: str  # YYYYMMDDhhmmss as the archive gives it


@dataclass(frozen=True, slots=True)
class FetchFailure:
    """Why a URL could not be read: becomes an `unverifiable` verdict.

    `reason` is a short, stable phrase ("dead", "timeout", "not recorded", ...);
    `detail` says what exactly happened, naming the URL or status.
    """

    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str  # as requested
    final_url: str  # after redirects
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    content: bytes = b""
    elapsed: float = 0.0
    failure: FetchFailure | None = None
    archived: ArchiveCapture | None = None
    from_cache: bool = False

    @property
    def ok(self) -> bool:
        return self.failure is None

    @property
    def content_type(self) -> str:
        value = self.headers.get("content-type", "")
        return value.split(";", 1)[0].strip().lower()


@dataclass(frozen=True, slots=True)
class SourceText:
    """What a source says: its main text, and everything visible on the page."""

    url: str
    final_url: str
    main_text: str  # the article body (trafilatura); where a quote must be to be verified
    full_text: str  # all visible text, chrome and comments included
    language: str | None = None  # ISO 639-1 code, when detected with confidence
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    archived: ArchiveCapture | None = None
    failure: FetchFailure | None = None  # a page that was fetched but is not usable text


# ---------------------------------------------------------------------------
# match


class DiffOpKind(StrEnum):
    EQUAL = "equal"
    REPLACE = "replace"  # quote words stand where the source has other words
    INSERT = "insert"  # words in the quote that the source does not have
    DELETE = "delete"  # words of the source that the quote leaves out


@dataclass(frozen=True, slots=True)
class DiffOp:
    op: DiffOpKind
    quote: str  # the quote's words for this operation ("" for delete)
    source: str  # the source's own characters for this operation ("" for insert)


@dataclass(frozen=True, slots=True)
class SegmentMatch:
    """One piece of a quote split at an ellipsis, and where it was found."""

    text: str
    found: bool
    start: int | None = None
    end: int | None = None
    score: float = 0.0
    passage: str | None = None  # the source's own characters for this piece, when found


@dataclass(frozen=True, slots=True)
class WordEdit:
    """One named change: its kind, and the words each side has (as each side writes them)."""

    kind: str  # "preposition changed", "spelling", ... (see verifier.match.rules)
    quote: str  # the quote's words ("" when the quote leaves the source's words out)
    source: str  # the source's words ("" when the quote adds words)


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The matcher's verdict for one quote against one source text."""

    verdict: Verdict
    score: float  # 0..1 similarity of the quote to the passage
    reason: str | None = None  # the kind of change, or why nothing was found
    start: int | None = None  # span of the passage in the source text given
    end: int | None = None
    passage: str | None = None  # the source's own characters
    diff: tuple[DiffOp, ...] = ()
    segments: tuple[SegmentMatch, ...] = ()
    changes: tuple[str, ...] = ()  # every kind of change seen, most serious first
    edits: tuple[WordEdit, ...] = ()  # each change with the words of both sides


# ---------------------------------------------------------------------------
# results and the report


@dataclass(frozen=True, slots=True)
class SourceEvidence:
    """The passage a verdict rests on."""

    url: str
    final_url: str
    passage: str
    start: int
    end: int
    location: str = "main"  # "main" text, or "page" (elsewhere on the page)
    archived: ArchiveCapture | None = None
    # Where the source came from: "link" (the article names it), "corpus" (another article
    # of the corpus), "archive" (the source archive) or "web" (a web search). An editor adds
    # the link for the last two.
    origin: str = "link"


@dataclass(frozen=True, slots=True)
class CandidateOutcome:
    """A candidate that was tried, and what it gave."""

    candidate: Candidate
    verdict: Verdict
    reason: str | None = None
    score: float = 0.0


class MeaningKind(StrEnum):
    """What the semantic tier concluded; it adds evidence, it never changes a verdict to a pass."""

    SAME = "same meaning"
    CHANGED = "meaning changed"
    UNCERTAIN = "meaning uncertain"  # the tier abstains: the editor judges
    PARAPHRASE = "paraphrase of the source"
    TRANSLATION_CONSISTENT = "translation consistent"
    TRANSLATION_DIFFERS = "translation differs in meaning"
    TRANSLATION_UNCERTAIN = "translation not confirmed"


@dataclass(frozen=True, slots=True)
class Meaning:
    """The semantic tier's evidence for one quote (see docs/semantic.md).

    `basis` says what decided it ("synonym", "antonym", "number changed", "similarity");
    `words` the word pairs it rests on ("thrilled = excited"); `score` a cosine similarity of
    sentence embeddings, when one was used.
    """

    kind: MeaningKind
    basis: str
    score: float | None = None
    words: tuple[str, ...] = ()

    def describe(self) -> str:
        """'same meaning (synonym: thrilled = excited)', 'paraphrase of the source (0.93)'."""
        basis = "" if self.basis == "similarity" else self.basis
        words = ", ".join(self.words)
        parts = [f"{basis}: {words}" if basis and words else basis or words]
        if self.score is not None:
            shown = f"{self.score:.2f}"
            if shown == "1.00" and self.score < 1:
                shown = f"{self.score:.3f}"  # 0.998 is not identical: never print it as 1.00
            parts.append(f"similarity {shown}")
        detail = "; ".join(p for p in parts if p)
        return f"{self.kind.value} ({detail})" if detail else self.kind.value


@dataclass(frozen=True, slots=True)
class SourceChange:
    """The passage a quote relies on is not what it was when the source was recorded.

    Said apart from the verdict, so an editor never takes a publisher's edit for their own
    misquote. `diff` runs from the recorded words (`quote` side) to today's (`source` side).
    """

    url: str
    since: str  # the old recording's capture day, ISO (or "an unknown date")
    old_passage: str | None  # where the quote matched in the recording (None: nowhere)
    new_passage: str | None  # where it matches today (None: nowhere)
    diff: tuple[DiffOp, ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteResult:
    id: str  # stable across runs: hash of the document path, quote text and occurrence
    quote: Quote
    line: int
    column: int
    verdict: Verdict
    reason: str | None = None
    score: float | None = None
    source: SourceEvidence | None = None
    diff: tuple[DiffOp, ...] = ()
    segments: tuple[SegmentMatch, ...] = ()
    candidates: tuple[CandidateOutcome, ...] = ()
    # "confirmed" | "not_found" | "wrong" (a transcript gives the words to someone else)
    attribution: str | None = None
    meaning: Meaning | None = None  # the semantic tier's evidence, when it ran
    source_changed: SourceChange | None = None  # refetched, and the passage differs


@dataclass(frozen=True, slots=True)
class DocumentResult:
    path: str
    quotes: tuple[QuoteResult, ...]
    url: str | None = None
    title: str | None = None
    error: str | None = None  # the document could not be read: names file and cause
    notes: tuple[str, ...] = ()  # e.g. "skipped a reader-comment section (line 120)"


# The verdicts that mean a quote was compared with a source's text.
CHECKED: frozenset[Verdict] = frozenset(
    {Verdict.VERIFIED, Verdict.MINOR_DIFFERENCE, Verdict.MISQUOTED, Verdict.NOT_FOUND}
)
NOT_RECORDED = "not recorded"  # the reason of a quote whose source has no recording


def was_compared(result: QuoteResult) -> bool:
    """Was the quote compared with a source's text? A finding the baseline accepted was:
    it is `ignored` now, but its candidates keep what the comparison gave."""
    if result.verdict in CHECKED:
        return True
    return result.verdict is Verdict.IGNORED and any(
        c.verdict in CHECKED for c in result.candidates
    )


def incomplete_evidence(quotes: int, checked: int, not_recorded: int) -> str | None:
    """Why a run's evidence is incomplete (exit code 3): sources not recorded, or nothing
    compared with a source at all. None when it is complete."""
    if not_recorded:
        return (
            f"{not_recorded} quote{'s' * (not_recorded != 1)} could not be checked: "
            f"{'their sources are' if not_recorded != 1 else 'its source is'} not recorded"
        )
    if not checked:
        if not quotes:
            return "nothing was checked: no quotes were found"
        return f"nothing was checked: none of the {quotes} quotes was compared with a source"
    return None


def merge_evidence(
    first: EvidenceSummary | None, second: EvidenceSummary | None
) -> EvidenceSummary | None:
    """Two shards' evidence as one: URL sets joined, errors kept, the first store named."""
    if first is None or second is None:
        return first or second
    return EvidenceSummary(
        store=first.store or second.store,
        recorded_urls=first.recorded_urls | second.recorded_urls,
        replayed_urls=first.replayed_urls | second.replayed_urls,
        missing_urls=first.missing_urls | second.missing_urls,
        refetched_urls=first.refetched_urls | second.refetched_urls,
        changed_urls=first.changed_urls | second.changed_urls,
        errors=tuple(dict.fromkeys(first.errors + second.errors)),
    )


@dataclass(frozen=True, slots=True)
class EvidenceSummary:
    """What the evidence store did during a run (see `verifier.fetch.store`).

    Kept as sets of source URLs (each redirect hop and archive lookup is its own recording),
    so the shards of a run merge into exactly what one process would have said.
    """

    store: str | None = None  # the store folder, or the single cassette file
    recorded_urls: frozenset[str] = frozenset()  # fetched and written to the store
    replayed_urls: frozenset[str] = frozenset()  # served from a recording
    missing_urls: frozenset[str] = frozenset()  # not recorded, and not fetched
    refetched_urls: frozenset[str] = frozenset()  # recorded before, fetched again
    changed_urls: frozenset[str] = frozenset()  # refetched and different from the recording
    errors: tuple[str, ...] = ()  # recordings that could not be read, each naming its file

    @property
    def recorded(self) -> int:
        return len(self.recorded_urls)

    @property
    def replayed(self) -> int:
        return len(self.replayed_urls)

    @property
    def missing(self) -> int:
        return len(self.missing_urls)

    @property
    def refetched(self) -> int:
        return len(self.refetched_urls)

    @property
    def changed(self) -> int:
        return len(self.changed_urls)


@dataclass(frozen=True, slots=True)
class Report:
    documents: tuple[DocumentResult, ...]
    schema_version: int = 1
    # Baseline entries that no longer match any quote (see `verifier.baseline`).
    stale_baseline: tuple[str, ...] = ()
    evidence: EvidenceSummary | None = None  # None: no source was looked up (extract only)
    # Stopped by Ctrl-C or SIGTERM: the quotes not reached say "not checked".
    interrupted: bool = False

    def checked(self) -> list[QuoteResult]:
        """The quotes actually compared with a source's text (accepted findings included)."""
        return [q for q in self.all_quotes() if was_compared(q)]

    def not_recorded(self) -> list[QuoteResult]:
        """The quotes left unverifiable because their source has no recording."""
        return [
            q
            for q in self.all_quotes()
            if q.verdict is Verdict.UNVERIFIABLE and q.reason == NOT_RECORDED
        ]

    def incomplete_evidence(self) -> str | None:
        """Why the run's evidence is incomplete (exit code 3), or None when it is complete."""
        if self.evidence is None:
            return None
        quotes = self.all_quotes()
        return incomplete_evidence(len(quotes), len(self.checked()), len(self.not_recorded()))

    def all_quotes(self) -> list[QuoteResult]:
        return [q for d in self.documents for q in d.quotes]

    def summary(self) -> dict[str, int]:
        counts = {v.value: 0 for v in Verdict}
        for q in self.all_quotes():
            counts[q.verdict.value] += 1
        return counts

    def findings(self, fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON) -> list[QuoteResult]:
        return [q for q in self.all_quotes() if q.verdict in fail_on]

    @property
    def errors(self) -> list[DocumentResult]:
        return [d for d in self.documents if d.error]
