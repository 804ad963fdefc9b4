"""Paragraph kinds that the file format does not mark: headings and lists in plain text,
and the reader-comment section that many pages carry after the article."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from verifier.load.comments import find_comment_section
from verifier.models import Link, Paragraph, ParagraphKind

_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")
_ENDS_SENTENCE = re.compile(r"[.!?:;,\"'”’»)…]\s*$")
_QUOTED_SENTENCE = re.compile(r"[.!?,](?:[\"”’»]|'')")  # also TeX-style ''…,'' closes


def looks_like_heading(line: str) -> bool:
    """A short single line with no closing punctuation: a title or a section heading."""
    if "\n" in line.strip():
        return False
    words = line.split()
    if _QUOTED_SENTENCE.search(line):  # “… itself.” — Franklin Roosevelt
        return False
    return 0 < len(words) <= 16 and not _ENDS_SENTENCE.search(line)


def classify_paragraphs(
    text: str, paragraphs: list[Paragraph], *, plain: bool, links: Sequence[Link] = ()
) -> list[Paragraph]:
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
    first = find_comment_section(text, out, _link_only(out, links))
    if first is not None:
        out = [
            replace(p, kind=ParagraphKind.COMMENTS) if i >= first else p for i, p in enumerate(out)
        ]
    return out


def _link_only(paragraphs: list[Paragraph], links: Sequence[Link]) -> set[int]:
    """The paragraphs that are one link and nothing else (a button, not a heading)."""
    spans = {(link.start, link.end) for link in links}
    return {i for i, p in enumerate(paragraphs) if (p.start, p.end) in spans}
