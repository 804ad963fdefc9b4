"""What kind of document a body is: the declared Content-Type, checked against the bytes.

Servers lie in both directions: PDFs served as `application/octet-stream`, images served as
`text/html`, HTML served as `text/plain`. Magic bytes win over the header; a header we cannot
read gives way to the bytes; anything that is not HTML, XHTML, plain text or PDF is refused
with the type named, so the report can say `unsupported content (image/png)`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from enum import StrEnum

SNIFF_BYTES = 2048


class Kind(StrEnum):
    HTML = "html"
    PDF = "pdf"
    PLAIN = "plain"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class Sniffed:
    kind: Kind
    media_type: str  # the type to name in messages: the header's, or what the bytes are


HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml"})
PLAIN_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
XML_TYPES = frozenset({"application/xml", "text/xml"})
UNKNOWN_TYPES = frozenset(
    {"", "application/octet-stream", "binary/octet-stream", "unknown/unknown"}
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"OggS", "audio/ogg"),
    (b"\x7fELF", "application/x-executable"),
    (b"\xd0\xcf\x11\xe0", "application/msword"),
    (b"wOFF", "font/woff"),
    (b"wOF2", "font/woff2"),
    (b"%!PS", "application/postscript"),
)
_LOOKS_LIKE_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)


def sniff(content_type: str, content: bytes) -> Sniffed:
    """Decide how to read a body from its declared media type and its first bytes."""
    declared = content_type.strip().lower()
    head = _text_head(content)
    if head.lstrip().startswith(b"%PDF-"):
        return Sniffed(Kind.PDF, "application/pdf")
    magic = _magic_type(content)
    if magic is not None:
        return Sniffed(Kind.UNSUPPORTED, magic)
    looks_html = bool(_LOOKS_LIKE_HTML.search(head))
    if declared in HTML_TYPES:
        if _is_binary(head):
            return Sniffed(Kind.UNSUPPORTED, "binary data served as " + declared)
        return Sniffed(Kind.HTML, declared)
    if declared == "application/pdf":
        # A "PDF" without the PDF signature is usually an HTML error or login page.
        return Sniffed(Kind.HTML, "text/html") if looks_html else Sniffed(Kind.PDF, declared)
    if declared in PLAIN_TYPES or declared in UNKNOWN_TYPES or declared in XML_TYPES:
        if looks_html:
            return Sniffed(Kind.HTML, "text/html")
        if declared in XML_TYPES:
            return Sniffed(Kind.UNSUPPORTED, declared)
        if _is_binary(head):
            return Sniffed(Kind.UNSUPPORTED, declared or "application/octet-stream")
        return Sniffed(Kind.PLAIN, declared or "text/plain")
    return Sniffed(Kind.UNSUPPORTED, declared)


def _text_head(content: bytes) -> bytes:
    """The first bytes as ASCII-compatible bytes (a UTF-16/32 body is decoded first)."""
    raw = content[: SNIFF_BYTES * 4]
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(codec, "ignore")
            return text.encode("utf-8", "ignore")[:SNIFF_BYTES]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    return raw[:SNIFF_BYTES]


def _magic_type(content: bytes) -> str | None:
    for signature, media_type in _MAGIC:
        if content.startswith(signature):
            return media_type
    if content[4:8] == b"ftyp":
        return "video/mp4"
    if content.startswith(b"RIFF") and content[8:12] == b"WEBP":
        return "image/webp"
    return None


def _is_binary(head: bytes) -> bool:
    """Text never holds NUL bytes, and rarely many other control bytes."""
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05
