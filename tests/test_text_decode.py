"""Charsets and content types: the web's usual lies, each read correctly or refused by name."""

from __future__ import annotations

import codecs
import gzip

import pytest

from verifier.models import FetchResult
from verifier.text import Kind, decode_body, read_source, sniff
from verifier.text.decode import header_charset, meta_charset, normalise_label

URL = "https://diario.example.es/2024/ferry"

# Latin text whose accents are exactly where charsets disagree.
SENTENCE = "El alcalde dijo: “No cerraremos el muelle”, según el señor Müller — 4,2 millones €."
LATIN1_SENTENCE = "Le maire a déclaré : « Nous ne fermerons pas le quai », selon M. Müller."


def page(body: str, head: str = "") -> str:
    paragraphs = "".join(f"<p>{body} Paragraph {i}.</p>" for i in range(12))
    return (
        f"<!DOCTYPE html><html><head>{head}<title>Muelle</title></head>"
        f"<body><article><h1>Muelle</h1>{paragraphs}</article></body></html>"
    )


def read(content: bytes, content_type: str) -> str:
    result = FetchResult(url=URL, final_url=URL, status=200,
                         headers={"content-type": content_type}, content=content)  # fmt: skip
    source = read_source(result)
    assert source.failure is None, source.failure
    return source.full_text


# ---------------------------------------------------------------------------
# charset: header, meta, BOM, detection


def test_latin1_header_over_latin1_bytes() -> None:
    body = page(LATIN1_SENTENCE).encode("latin-1")
    assert LATIN1_SENTENCE in read(body, "text/html; charset=ISO-8859-1")


def test_latin1_label_is_read_as_windows_1252_like_browsers_do() -> None:
    # Curly quotes and the euro sign exist only in windows-1252, yet pages labelled
    # ISO-8859-1 use them all the time.
    body = page(SENTENCE).encode("cp1252")
    assert SENTENCE in read(body, "text/html; charset=iso-8859-1")


def test_wrong_latin1_header_over_utf8_bytes_gives_no_mojibake() -> None:
    body = page(SENTENCE).encode("utf-8")
    text = read(body, "text/html; charset=ISO-8859-1")
    assert SENTENCE in text
    assert "Ã" not in text and "â€" not in text


def test_meta_charset_without_header_charset() -> None:
    body = page(LATIN1_SENTENCE, head='<meta charset="windows-1252">').encode("cp1252")
    assert LATIN1_SENTENCE in read(body, "text/html")


def test_meta_http_equiv_without_header_charset() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">'
    sentence = "Le prix : 4 € pour l’œuvre."
    body = page(sentence, head=head).encode("iso-8859-15", "replace")
    text = read(body, "text/html")
    assert "Le prix : 4 € pour l" in text and "œuvre" in text


def test_header_charset_wins_over_meta() -> None:
    head = '<meta charset="windows-1251">'  # wrong: the server's header is right
    body = page(LATIN1_SENTENCE, head=head).encode("latin-1")
    assert LATIN1_SENTENCE in read(body, "text/html; charset=latin-1")


def test_undeclared_utf8() -> None:
    assert SENTENCE in read(page(SENTENCE).encode("utf-8"), "text/html")


@pytest.mark.parametrize(
    ("sentence", "charset"),
    [(LATIN1_SENTENCE, "cp1252"),
     ("Il a dit à la foule : « ça va », très fier.", "cp1252"),
     ("El alcalde dijo que el muelle cerrará en diciembre, según fuentes.", "cp1252"),
     ("Der Bürgermeister sagte, dass der Fährhafen schließt.", "cp1252"),
     ("Burmistrz powiedział, że terminal promowy zostanie zamknięty.", "cp1250"),
     ("Мэр заявил, что паромный терминал будет закрыт до конца года.", "cp1251"),
     ("Ο δήμαρχος είπε ότι ο τερματικός σταθμός θα κλείσει.", "cp1253"),
     ("市長はフェリーターミナルを年末までに閉鎖すると述べた。", "shift_jis")],
)  # fmt: skip
def test_undeclared_legacy_bytes_are_detected(sentence: str, charset: str) -> None:
    decoded = decode_body(page(sentence).encode(charset), "text/html")
    assert decoded.source == "detected"
    assert sentence in decoded.text


@pytest.mark.parametrize(
    ("bom_encoding", "bom"),
    [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
     ("utf-16-be", codecs.BOM_UTF16_BE)],
)  # fmt: skip
def test_bom_wins_over_a_wrong_header(bom_encoding: str, bom: bytes) -> None:
    body = bom + page(SENTENCE).encode(bom_encoding)
    text = read(body, "text/html; charset=iso-8859-1")
    assert SENTENCE in text
    assert not text.startswith("\ufeff")


def test_header_utf8_over_invalid_bytes_falls_back_to_the_meta() -> None:
    head = '<meta charset="windows-1252">'
    body = page(LATIN1_SENTENCE, head=head).encode("cp1252")
    decoded = decode_body(body, "text/html; charset=utf-8")
    assert decoded.source == "meta"
    assert LATIN1_SENTENCE in decoded.text


def test_header_utf8_over_legacy_bytes_without_meta_is_detected() -> None:
    body = page(LATIN1_SENTENCE).encode("cp1252")
    decoded = decode_body(body, "text/html; charset=utf-8")
    assert decoded.source == "detected"
    assert LATIN1_SENTENCE in decoded.text
    assert "\ufffd" not in decoded.text


def test_unknown_charset_label_is_ignored() -> None:
    body = page(SENTENCE).encode("utf-8")
    assert SENTENCE in read(body, "text/html; charset=x-no-such-charset")


def test_plain_text_with_latin1_header() -> None:
    body = (LATIN1_SENTENCE + "\n").encode("latin-1")
    assert read(body, "text/plain; charset=latin-1") == LATIN1_SENTENCE


def test_decoding_never_raises_on_garbage() -> None:
    garbage = bytes(range(128, 256)) * 50
    decoded = decode_body(garbage, "text/plain; charset=utf-8", sniff_meta=False)
    assert isinstance(decoded.text, str) and decoded.text


@pytest.mark.parametrize(
    ("header", "expected"),
    [('text/html; charset="UTF-8"', "UTF-8"), ("text/html;charset=latin1", "latin1"),
     ("text/html", None), ("", None)],
)  # fmt: skip
def test_header_charset(header: str, expected: str | None) -> None:
    assert header_charset(header) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [(b'<meta charset="utf-8">', "utf-8"),
     (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=Shift_JIS'>", "Shift_JIS"),
     (b'<?xml version="1.0" encoding="ISO-8859-2"?><html>', "ISO-8859-2"),
     (b'<meta charset="utf-16">', "utf-8"),
     (b"<p>no declaration</p>", None)],
)  # fmt: skip
def test_meta_charset(markup: bytes, expected: str | None) -> None:
    assert meta_charset(markup) == expected


@pytest.mark.parametrize(
    ("label", "codec"),
    [("ISO-8859-1", "cp1252"), ("us-ascii", "cp1252"), ("UTF8", "utf-8"),
     ("gb2312", "gb18030"), ("Shift_JIS", "cp932"), ("bogus", None), (None, None)],
)  # fmt: skip
def test_labels_map_to_the_charset_browsers_use(label: str | None, codec: str | None) -> None:
    assert normalise_label(label) == codec


# ---------------------------------------------------------------------------
# content types


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200)


@pytest.mark.parametrize(
    ("content_type", "content", "kind"),
    [("text/html", b"<html><body>x</body></html>", Kind.HTML),
     ("application/xhtml+xml", b'<?xml version="1.0"?><html xmlns="x"></html>', Kind.HTML),
     ("application/xml", b'<?xml version="1.0"?><rss version="2.0"></rss>', Kind.UNSUPPORTED),
     ("text/plain", b"Just words.", Kind.PLAIN),
     ("text/markdown", b"# Title\n\nWords.", Kind.PLAIN),
     ("", b"<!DOCTYPE html><html></html>", Kind.HTML),
     ("application/octet-stream", b"%PDF-1.7\n...", Kind.PDF),
     ("text/html", b"%PDF-1.4\n...", Kind.PDF),
     ("application/pdf", b"<!DOCTYPE html><html><body>Log in</body></html>", Kind.HTML),
     ("text/html", PNG, Kind.UNSUPPORTED),
     ("image/png", PNG, Kind.UNSUPPORTED),
     ("application/json", b'{"a": 1}', Kind.UNSUPPORTED),
     ("text/html", b"\x00\x01\x02\x03binary\x00\x00" * 20, Kind.UNSUPPORTED),
     ("application/octet-stream", bytes(range(256)), Kind.UNSUPPORTED)],
)  # fmt: skip
def test_sniffing(content_type: str, content: bytes, kind: Kind) -> None:
    assert sniff(content_type, content).kind is kind


@pytest.mark.parametrize(
    ("content_type", "content", "reason"),
    [("image/png", PNG, "unsupported content (image/png)"),
     ("text/html", PNG, "unsupported content (image/png)"),
     ("application/json", b'{"articleBody": "x"}', "unsupported content (application/json)"),
     ("video/mp4", b"\x00\x00\x00\x18ftypmp42" + bytes(64), "unsupported content (video/mp4)"),
     ("text/html", gzip.compress(b"<html>" * 100), "unsupported content (application/gzip)"),
     ("text/html", b"\x00\x01\x02\x03binary\x00\x00" * 20,
      "unsupported content (binary data served as text/html)")],
)  # fmt: skip
def test_unsupported_content_names_the_type(content_type: str, content: bytes, reason: str) -> None:
    result = FetchResult(url=URL, final_url=URL, status=200,
                         headers={"content-type": content_type}, content=content)  # fmt: skip
    source = read_source(result)
    assert source.failure is not None
    assert source.failure.reason == reason
    assert URL in source.failure.detail
    assert source.main_text == source.full_text == ""
