"""Build `Document`s for extraction tests: paragraphs split at blank lines, `>` blocks kept."""

from __future__ import annotations

import re

from verifier.models import Document, Paragraph, ParagraphKind

_PARA_RE = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")


def make_doc(text: str, kinds: dict[int, ParagraphKind] | None = None) -> Document:
    """A plain-text Document; `kinds` overrides the kind of paragraphs by index."""
    paragraphs = []
    for m in _PARA_RE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start] in " \t":
            start += 1
        while end > start and text[end - 1] in " \t":
            end -= 1
        if start == end:
            continue
        kind = (kinds or {}).get(len(paragraphs), ParagraphKind.TEXT)
        paragraphs.append(Paragraph(start, end, kind))
    return Document("<test>", "text", text, tuple(paragraphs))
