"""Bytes to text for article files: by BOM, then declared charset, then UTF-8.

A wrong guess silently loses the quotes of an article, so the order is fixed and every
departure from clean UTF-8 leaves a note on the document: one bad byte in a UTF-8 file
stays UTF-8 (the byte replaced, and said so), a legacy charset is detected only when the
file is not UTF-8 at all, and UTF-16 (with or without BOM) is read as text, not binary.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from verifier.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.I)
_SAMPLE = 4096


def decode(raw: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """The text of a file and the notes on how it was decoded; binary is an InputError."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, codec, name), ()
    utf16 = _utf16_without_bom(raw[:_SAMPLE])
    if utf16 is not None:
        return _strict(raw, utf16, name), (f"read as {utf16.upper()} (no byte-order mark)",)
    if b"\x00" in raw[:_SAMPLE]:
        raise InputError(f"{name}: not a text file (binary content)")
    declared = _declared(raw[:_SAMPLE])
    if declared is not None:
        try:
            return raw.decode(declared), ()
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong declaration: fall through to UTF-8
    try:
        return raw.decode("utf-8"), ()
    except UnicodeDecodeError:
        return _not_utf8(raw, name)


def _strict(raw: bytes, codec: str, name: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: invalid {codec.upper()} at byte {exc.start}") from None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text of mostly Latin letters has a zero in every other byte."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _declared(sample: bytes) -> str | None:
    m = _DECLARED.search(sample)
    if m is None:
        return None
    label = m.group(1).decode("ascii").lower()
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _not_utf8(raw: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Mostly UTF-8 with a few bad bytes stays UTF-8; else the detected legacy charset."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - raw.count("\xef\xbf\xbd".encode("latin-1"))
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if good >= bad:
        line = text.count("\n", 0, text.index("\ufffd")) + 1
        note = f"{bad} byte(s) that are not UTF-8 were replaced with U+FFFD (first on line {line})"
        return text, (note,)
    best = from_bytes(raw).best()
    if best is None:
        raise InputError(f"{name}: not UTF-8 and no other text encoding fits")
    return str(best), (f"not UTF-8: read as {best.encoding} (detected)",)
