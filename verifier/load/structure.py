"""Paragraph kinds that the file format does not mark: headings and lists in plain text,
and the reader-comment section that many pages carry after the article."""

from __future__ import annotations

import re
from dataclasses import replace

from verifier.models import Paragraph, ParagraphKind

_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")
_ENDS_SENTENCE = re.compile(r"[.!?:;,\"”’»)…]\s*$")
# A heading that opens a reader-comment section.
_COMMENTS_HEADING = re.compile(
    r"^\s*(?:\d+\s+)?(?:reader\s+)?(?:comments?|responses?|replies|discussion|"
    r"leave\s+a\s+(?:comment|reply)|join\s+the\s+(?:conversation|discussion)|"
    r"what\s+readers\s+are\s+saying)\s*(?:\(\d+\))?\s*:?\s*$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^[ \t]*\d{1,3}\.\s+\S")
_INDENTED = re.compile(r"^[ \t]+\S")


def looks_like_heading(line: str) -> bool:
    """A short single line with no closing punctuation: a title or a section heading."""
    if "\n" in line.strip():
        return False
    words = line.split()
    return 0 < len(words) <= 16 and not _ENDS_SENTENCE.search(line)


def classify_paragraphs(text: str, paragraphs: list[Paragraph], *, plain: bool) -> list[Paragraph]:
    """Give plain-text paragraphs their kind, and mark the reader-comment section."""
    out: list[Paragraph] = []
    for para in paragraphs:
        body = text[para.start : para.end]
        kind = para.kind
        if plain and kind is ParagraphKind.TEXT:
            if _LIST_ITEM.match(body) and len(body.split()) < 40:
                kind = ParagraphKind.LIST
            elif looks_like_heading(body):
                kind = ParagraphKind.HEADING
        out.append(replace(para, kind=kind))
    first = find_comment_section(text, out)
    if first is not None:
        out = [
            replace(p, kind=ParagraphKind.COMMENTS) if i >= first else p for i, p in enumerate(out)
        ]
    return out


def find_comment_section(text: str, paragraphs: list[Paragraph]) -> int | None:
    """Index of the first paragraph of a reader-comment section, or None.

    Two shapes are recognised, both only after the first third of the document:
    a heading such as "Comments" / "Leave a Reply" / "12 Comments"; and, in plain text,
    a run of indented paragraphs that opens with a numbered item ("  1. timbers") and
    goes on to the end (the thread layout that copy-pasted blogs and forums keep).
    """
    n = len(paragraphs)
    earliest = n // 3
    for i in range(earliest, n):
        para = paragraphs[i]
        body = text[para.start : para.end]
        if para.kind is not ParagraphKind.BLOCKQUOTE and _COMMENTS_HEADING.match(body):
            return i
        if _indented_thread_starts(text, paragraphs, i):
            return i
    return None


def _indented_thread_starts(text: str, paragraphs: list[Paragraph], i: int) -> bool:
    line_start = text.rfind("\n", 0, paragraphs[i].start) + 1
    first_line = text[line_start : paragraphs[i].end]
    if not (_NUMBERED.match(first_line) and _INDENTED.match(first_line)):
        return False
    rest = paragraphs[i:]
    indented = 0
    for para in rest:
        start = text.rfind("\n", 0, para.start) + 1
        if _INDENTED.match(text[start : para.end]):
            indented += 1
    return indented >= 0.8 * len(rest)
