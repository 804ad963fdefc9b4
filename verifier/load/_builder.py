"""Builds a document's plain text piece by piece, remembering where each piece came from."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from verifier.models import Link, LinkKind, OffsetMap, Paragraph, ParagraphKind

# A bare URL in running text; trailing punctuation is not part of it.
_URL_RUN = re.compile(r"\bhttps?://[^\s<>\"'“”‘’\[\]]+")
_TRAILING = ".,;:!?*_~"


def bare_urls(text: str) -> Iterator[tuple[int, int, str]]:
    """Each URL written out in `text`: (start, end, url).

    As GitHub's autolinks read them: trailing punctuation is the sentence's, and a closing
    parenthesis is the URL's only when it closes one the URL opened, so
    `(https://a.example/x).` ends at `x` and `https://en.wikipedia.org/wiki/Mercury_(planet)`
    keeps its `)`.
    """
    for m in _URL_RUN.finditer(text):
        url = m.group(0)
        while url:
            if url[-1] in _TRAILING or (url[-1] == ")" and url.count(")") > url.count("(")):
                url = url[:-1]
            else:
                break
        if _has_host(url):
            yield m.start(), m.start() + len(url), url


def _has_host(url: str) -> bool:
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:
        return False


VERIFY_IGNORE = re.compile(r"<!--\s*verify-ignore\b")


@dataclass
class TextBuilder:
    """Accumulates text, offset anchors back to the file, paragraphs and links."""

    source: str
    parts: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # where each part begins in the text
    length: int = 0
    anchors: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    _para_start: int | None = None
    _block_opened: bool = False

    def add(self, text: str, file_offset: int | None) -> None:
        """Append `text`; `file_offset` is where it starts in the file, if it was copied."""
        if not text:
            return
        if file_offset is not None:
            self.anchors.append((self.length, file_offset))
        self.parts.append(text)
        self.starts.append(self.length)
        self.length += len(text)

    def start_paragraph(self) -> None:
        if self.length:
            self.add("\n\n", None)
        self._para_start = self.length

    def open_block(self) -> None:
        """A block element begins: the next paragraph is its first."""
        self._block_opened = True

    def end_paragraph(self, kind: ParagraphKind) -> None:
        start = self._para_start if self._para_start is not None else self.length
        text = self.slice(start, self.length)
        # Trim whitespace at both ends so a paragraph span covers only its words.
        end = start + len(text.rstrip())
        start += len(text) - len(text.lstrip())
        if end > start:
            self.paragraphs.append(Paragraph(start, end, kind, self._block_opened))
            self._block_opened = False
        self._para_start = None

    def add_bare_links(self, start: int) -> None:
        """Turn bare URLs written in the text since `start` into links."""
        text = self.slice(start, self.length)
        # Links are added in text order: only the last few can cover this paragraph.
        covered = [(link.start, link.end) for link in _since(self.links, start)]
        for first, last, url in bare_urls(text):
            at, end = start + first, start + last
            if any(s <= at < e for s, e in covered):
                continue
            self.links.append(Link(url, at, end, LinkKind.AUTOLINK, url))

    def slice(self, start: int, end: int) -> str:
        """The text from `start` to `end`, joining only the parts that span it (linear
        overall: re-joining the whole text once per paragraph was quadratic)."""
        if start >= end:
            return ""
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        last = bisect.bisect_left(self.starts, end)
        joined = "".join(self.parts[first:last])
        offset = self.starts[first] if self.starts else 0
        return joined[start - offset : end - offset]

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def offset_map(self) -> OffsetMap:
        return OffsetMap.from_anchors(self.anchors, self.source)


def _since(links: list[Link], start: int) -> list[Link]:
    found = []
    for link in reversed(links):
        if link.end <= start:
            break
        found.append(link)
    return found


def ignore_lines(source: str) -> tuple[int, ...]:
    """File lines (1-based) that carry a `<!-- verify-ignore -->` comment."""
    return tuple(source.count("\n", 0, m.start()) + 1 for m in VERIFY_IGNORE.finditer(source))
