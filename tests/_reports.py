"""Hand-built, realistic `Report` objects for the report-format tests.

One report holds every verdict, a word diff, an archived source, a document that could not be
read and a skipped reader-comment section, so every formatter meets every case.
"""

from __future__ import annotations

from verifier.models import (
    ArchiveCapture,
    Candidate,
    CandidateOutcome,
    CandidateReason,
    DiffOp,
    DiffOpKind,
    DocumentResult,
    Mention,
    Quote,
    QuoteKind,
    QuoteResult,
    Report,
    SegmentMatch,
    SourceEvidence,
    Verdict,
)

EXAMINER = "https://www.washingtonexaminer.com/policy/defense/ecuador-us-troops"
BORDERLAND = "https://www.borderlandbeat.com/2024/02/ecuador-us-military.html"
DEAD = "https://example.org/gone/statement"
PERU = "https://www.gob.pe/institucion/congreso/noticias/tropas"

A_PATH = "corpus/000_ecuador.md"
B_PATH = "corpus/001_peru.md"
C_PATH = "corpus/constructed/verdicts.md"
BROKEN_PATH = "corpus/broken.html"


def _outcome(
    url: str,
    reason: CandidateReason,
    verdict: Verdict,
    score: float = 0.0,
    why: str | None = None,
    detail: str = "",
) -> CandidateOutcome:
    return CandidateOutcome(Candidate(url, reason, detail), verdict, why, score)


def verified() -> QuoteResult:
    text = "We will not allow foreign bases on our soil"
    quote = Quote(
        text,
        120,
        120 + len(text),
        QuoteKind.FULL,
        speaker="Daniel Noboa",
        speaker_mention=Mention("Noboa", 170, 175),
        cue=Mention("said", 176, 180),
    )
    return QuoteResult(
        id="q-000-verified",
        quote=quote,
        line=7,
        column=2,
        verdict=Verdict.VERIFIED,
        reason=None,
        score=1.0,
        source=SourceEvidence(EXAMINER, EXAMINER, text + ".", 1040, 1040 + len(text)),
        diff=(DiffOp(DiffOpKind.EQUAL, text, text),),
        candidates=(_outcome(EXAMINER, CandidateReason.SENTENCE_LINK, Verdict.VERIFIED, 1.0),),
        attribution="confirmed",
    )


def minor() -> QuoteResult:
    text = "the agreement is a shield for the people"
    passage = "the agreement is a shield, for the people"
    quote = Quote(
        text,
        400,
        400 + len(text),
        QuoteKind.PARTIAL,
        speaker="Gian Carlo Loffredo",
        speaker_mention=Mention("the defence minister", 380, 400),
        cue=Mention("called", 441, 447),
    )
    return QuoteResult(
        id="q-000-minor",
        quote=quote,
        line=12,
        column=31,
        verdict=Verdict.MINOR_DIFFERENCE,
        reason="punctuation",
        score=0.97,
        source=SourceEvidence(EXAMINER, EXAMINER, passage, 2200, 2200 + len(passage)),
        diff=(
            DiffOp(DiffOpKind.EQUAL, "the agreement is a", "the agreement is a"),
            DiffOp(DiffOpKind.REPLACE, "shield", "shield,"),
            DiffOp(DiffOpKind.EQUAL, "for the people", "for the people"),
        ),
        candidates=(
            _outcome(EXAMINER, CandidateReason.PARAGRAPH_LINK, Verdict.MINOR_DIFFERENCE, 0.97),
        ),
    )


def misquoted() -> QuoteResult:
    """The Crenshaw word-order case: found, but the words are not the source's."""
    text = "It makes us more safe and it makes them less safe"
    passage = "It makes more us safe and it makes them less safe"
    quote = Quote(
        text,
        900,
        900 + len(text),
        QuoteKind.FULL,
        speaker="Rep. Dan Crenshaw",
        speaker_mention=Mention("Crenshaw", 955, 963),
        cue=Mention("said", 964, 968),
    )
    return QuoteResult(
        id="q-000-misquoted",
        quote=quote,
        line=21,
        column=4,
        verdict=Verdict.MISQUOTED,
        reason="word order",
        score=0.88,
        source=SourceEvidence(
            BORDERLAND,
            BORDERLAND,
            passage,
            5120,
            5120 + len(passage),
            location="main",
            archived=ArchiveCapture(
                "https://web.archive.org/web/20240214093000id_/" + BORDERLAND,
                "20240214093000",
            ),
        ),
        diff=(
            DiffOp(DiffOpKind.EQUAL, "It makes", "It makes"),
            DiffOp(DiffOpKind.DELETE, "", "more"),
            DiffOp(DiffOpKind.EQUAL, "us", "us"),
            DiffOp(DiffOpKind.INSERT, "more", ""),
            DiffOp(
                DiffOpKind.EQUAL,
                "safe and it makes them less safe",
                "safe and it makes them less safe",
            ),
        ),
        segments=(SegmentMatch(text, True, 5120, 5120 + len(passage), 0.88),),
        candidates=(
            _outcome(
                BORDERLAND,
                CandidateReason.CORPUS_ARTICLE,
                Verdict.MISQUOTED,
                0.88,
                "word order",
                detail="corpus/002_borderland.md",
            ),
            _outcome(DEAD, CandidateReason.FRONT_MATTER, Verdict.UNVERIFIABLE, 0.0, "dead"),
        ),
        attribution="confirmed",
    )


def not_found() -> QuoteResult:
    text = "Peru will host ten thousand soldiers"
    quote = Quote(
        text,
        60,
        60 + len(text),
        QuoteKind.FULL,
        speaker="José Jerí",
        speaker_mention=Mention("Jerí", 30, 34),
        cue=Mention("told reporters", 35, 49),
    )
    return QuoteResult(
        id="q-001-not-found",
        quote=quote,
        line=5,
        column=10,
        verdict=Verdict.NOT_FOUND,
        reason="no close passage (best 0.41)",
        score=0.41,
        candidates=(_outcome(PERU, CandidateReason.SENTENCE_LINK, Verdict.NOT_FOUND, 0.41),),
    )


def unverifiable_no_source() -> QuoteResult:
    text = "There is no secret plan"
    quote = Quote(text, 300, 300 + len(text), QuoteKind.FULL, speaker=None)
    return QuoteResult(
        id="q-001-nosource",
        quote=quote,
        line=9,
        column=1,
        verdict=Verdict.UNVERIFIABLE,
        reason="no source",
    )


def unverifiable_dead() -> QuoteResult:
    text = "The troops arrive in March"
    quote = Quote(
        text,
        50,
        50 + len(text),
        QuoteKind.BLOCK,
        speaker="U.S. Embassy",
        speaker_mention=Mention("the embassy", 20, 31),
        cue=Mention(":", 48, 49),
    )
    return QuoteResult(
        id="q-c-dead",
        quote=quote,
        line=3,
        column=3,
        verdict=Verdict.UNVERIFIABLE,
        reason="dead",
        candidates=(
            _outcome(DEAD, CandidateReason.BLOCKQUOTE_INTRO, Verdict.UNVERIFIABLE, 0.0, "dead"),
        ),
    )


def ignored() -> QuoteResult:
    text = "probably the best deal we ever made"
    quote = Quote(text, 700, 700 + len(text), QuoteKind.PARTIAL, speaker="Marco Rubio")
    return QuoteResult(
        id="q-c-ignored",
        quote=quote,
        line=14,
        column=12,
        verdict=Verdict.IGNORED,
        reason="verify-ignore comment",
    )


def sample_report() -> Report:
    """Every verdict, a diff, an archived source, a document error and a skipped section."""
    return Report(
        documents=(
            DocumentResult(
                path=A_PATH,
                quotes=(verified(), minor(), misquoted()),
                url="https://www.elcomercio.com/actualidad/ecuador-bases.html",
                title="Ecuador and the US: the bases question",
                notes=("skipped a reader-comment section (line 40)",),
            ),
            DocumentResult(
                path=B_PATH,
                quotes=(not_found(), unverifiable_no_source()),
                url=None,
                title="Peru votes on US troops",
            ),
            DocumentResult(
                path=C_PATH,
                quotes=(unverifiable_dead(), ignored()),
                title="Constructed: one quote per verdict",
            ),
            DocumentResult(
                path=BROKEN_PATH,
                quotes=(),
                error=f"{BROKEN_PATH}: cannot decode as UTF-8 (byte 0xff at offset 12)",
            ),
        )
    )


def clean_report() -> Report:
    """No findings at all: every quote verified."""
    return Report(documents=(DocumentResult(path=A_PATH, quotes=(verified(),)),))
