"""Bytes to text: find the charset a page really uses.

Order (WHATWG "encoding sniffing", plus one guard the web needs): a byte-order mark wins;
then the charset of the Content-Type header; then a `<meta charset>` / `http-equiv` or an
XML declaration in the first bytes; then detection (valid UTF-8 first, charset-normalizer
after). A declared legacy charset (latin-1, windows-1252, Shift_JIS, ...) over bytes that are
valid UTF-8 with non-ASCII characters is a misconfiguration, not a coincidence (real legacy
text is almost never valid UTF-8): reading it as declared would give mojibake ("cafÃ©"), so
UTF-8 wins. Decoding never raises.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

# How far into the body a meta charset is looked for (WHATWG says 1024 bytes; real pages put
# long inline scripts first, so look further).
META_SCAN_BYTES = 16_384

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']""", re.I)

# WHATWG decodes these labels as a superset charset (latin-1 and ASCII as windows-1252, ...):
# pages labelled with the narrow name routinely use the wider one's characters.
_SUPERSETS = {
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_9": "cp1254",
    "tis_620": "cp874",
    "iso8859_11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}


# Legacy charsets of the web (WHATWG's list, in Python's names), most used first: detection
# chooses among these only, and breaks ties in this order.
WEB_CHARSETS = (
    "cp1252", "cp1251", "cp1250", "gb18030", "cp932", "euc_jp", "cp949", "big5", "cp1256",
    "cp1253", "cp1254", "cp1255", "cp1257", "cp1258", "iso8859_2", "iso8859_15", "iso8859_5",
    "iso8859_7", "koi8_r", "koi8_u", "cp874", "iso2022_jp", "cp866",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and how its charset was chosen (for diagnostics and tests)."""

    text: str
    encoding: str  # Python codec name actually used
    source: str  # "bom" | "header" | "meta" | "utf-8 over <declared>" | "detected" | "fallback"


def header_charset(content_type_header: str) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    match = _HEADER_CHARSET.search(content_type_header or "")
    return match.group(1) if match else None


def meta_charset(content: bytes) -> str | None:
    """The charset a page declares in its own first bytes: meta tag or XML declaration."""
    head = content[:META_SCAN_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace")
    # A meta tag readable as ASCII cannot be in UTF-16: the page means UTF-8 (WHATWG).
    if label.lower().replace("_", "-").startswith("utf-16"):
        return "utf-8"
    return label


def normalise_label(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None if Python does not know it."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    name = _SUPERSETS.get(name.replace("-", "_"), name)
    return codecs.lookup(name).name


def decode_body(
    content: bytes, content_type_header: str = "", *, sniff_meta: bool = True
) -> Decoded:
    """Decode a response body to text; see the module docstring for the order of evidence."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return Decoded(content[len(bom) :].decode(encoding, "replace"), encoding, "bom")

    declared: list[tuple[str, str]] = []
    from_header = normalise_label(header_charset(content_type_header))
    if from_header:
        declared.append((from_header, "header"))
    if sniff_meta:
        from_meta = normalise_label(meta_charset(content))
        if from_meta and from_meta != from_header:
            declared.append((from_meta, "meta"))

    for encoding, source in declared:
        if not encoding.startswith("utf") and not content.isascii() and _valid_utf8(content):
            return Decoded(content.decode("utf-8"), "utf-8", f"utf-8 over {encoding}")
        try:
            return Decoded(content.decode(encoding), encoding, source)
        except UnicodeDecodeError:
            continue  # the declaration is wrong: try the next piece of evidence

    if content.isascii():
        return Decoded(content.decode("ascii"), "ascii", "detected")
    if _valid_utf8(content):
        return Decoded(content.decode("utf-8"), "utf-8", "detected")
    detected = detect_web_charset(content)
    if detected is not None:
        return Decoded(content.decode(detected, "replace"), detected, "detected")
    # Bytes no detector recognises: a first declaration if any, else windows-1252, lossily.
    encoding = declared[0][0] if declared else "cp1252"
    return Decoded(content.decode(encoding, "replace"), encoding, "fallback")


def detect_web_charset(content: bytes) -> str | None:
    """charset-normalizer's guess among the charsets the web uses, popular ones first on ties.

    Unrestricted, it picks DOS code pages (cp775 for French); and on a short sample it
    cannot tell windows-1250 from windows-1252 (identical for é, ü, ß): of the charsets that
    fit the bytes equally well, the one the web uses most wins.
    """
    results = list(from_bytes(content, cp_isolation=list(WEB_CHARSETS)))
    if not results:
        return None
    best = results[0]
    score = (round(best.chaos, 3), round(best.coherence, 3))
    tied = set(best.could_be_from_charset) | {
        match.encoding
        for match in results
        if (round(match.chaos, 3), round(match.coherence, 3)) == score
    }
    for charset in WEB_CHARSETS:
        if charset in tied:
            return charset
    return str(best.encoding)


def _valid_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
