"""Builds a document's plain text piece by piece, remembering where each piece came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from verifier.models import Link, LinkKind, OffsetMap, Paragraph, ParagraphKind

# A bare URL in running text; trailing punctuation is not part of it.
BARE_URL = re.compile(r"\bhttps?://[^\s<>\"'“”‘’()\[\]]+[^\s<>\"'“”‘’()\[\].,;:!?]")
VERIFY_IGNORE = re.compile(r"<!--\s*verify-ignore\b")


@dataclass
class TextBuilder:
    """Accumulates text, offset anchors back to the file, paragraphs and links."""

    source: str
    parts: list[str] = field(default_factory=list)
    length: int = 0
    anchors: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    _para_start: int | None = None

    def add(self, text: str, file_offset: int | None) -> None:
        """Append `text`; `file_offset` is where it starts in the file, if it was copied."""
        if not text:
            return
        if file_offset is not None:
            self.anchors.append((self.length, file_offset))
        self.parts.append(text)
        self.length += len(text)

    def start_paragraph(self) -> None:
        if self.length:
            self.add("\n\n", None)
        self._para_start = self.length

    def end_paragraph(self, kind: ParagraphKind) -> None:
        start = self._para_start if self._para_start is not None else self.length
        text = self.text
        # Trim whitespace at both ends so a paragraph span covers only its words.
        while start < self.length and text[start].isspace():
            start += 1
        end = self.length
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            self.paragraphs.append(Paragraph(start, end, kind))
        self._para_start = None

    def add_bare_links(self, start: int) -> None:
        """Turn bare URLs written in the text since `start` into links."""
        text = self.text
        covered = [(link.start, link.end) for link in self.links]
        for m in BARE_URL.finditer(text, start):
            if any(s <= m.start() < e for s, e in covered):
                continue
            self.links.append(Link(m.group(0), m.start(), m.end(), LinkKind.AUTOLINK, m.group(0)))

    @property
    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts[:] = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    def offset_map(self) -> OffsetMap:
        return OffsetMap.from_anchors(self.anchors, self.source)


def ignore_lines(source: str) -> tuple[int, ...]:
    """File lines (1-based) that carry a `<!-- verify-ignore -->` comment."""
    return tuple(source.count("\n", 0, m.start()) + 1 for m in VERIFY_IGNORE.finditer(source))
