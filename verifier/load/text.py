"""Plain-text articles: paragraphs at blank lines, bare URLs become links.

The document text is the file's text itself, so every offset is a file offset.
"""

from __future__ import annotations

import re

from verifier.load._builder import bare_urls, ignore_lines
from verifier.load.structure import classify_paragraphs
from verifier.models import Document, Link, LinkKind, OffsetMap, Paragraph, ParagraphKind

_PARAGRAPH = re.compile(r"\S(?:.|\n(?![ \t\f\v]*\n))*", re.MULTILINE)


def load_text(source: str, path: str = "<string>") -> Document:
    """Read a plain-text article."""
    paragraphs = []
    for m in _PARAGRAPH.finditer(source):
        end = m.end()
        while end > m.start() and source[end - 1].isspace():
            end -= 1
        paragraphs.append(Paragraph(m.start(), end, ParagraphKind.TEXT))
    links = tuple(
        Link(url, start, end, LinkKind.AUTOLINK, url) for start, end, url in bare_urls(source)
    )
    return Document(
        path=path,
        format="text",
        text=source,
        paragraphs=tuple(classify_paragraphs(source, paragraphs, plain=True)),
        links=links,
        metadata={},
        offsets=OffsetMap.identity(source),
        ignore_lines=ignore_lines(source),
    )
