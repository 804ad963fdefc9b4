"""PDF sources: the text layer read, the document info kept, broken files named as such."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from verifier.models import FetchResult
from verifier.text import read_pdf, read_source

URL = "https://council.example.gov/minutes/2024-03-12.pdf"

PAGE_ONE = (
    "Minutes of the harbour council, 12 March 2024",
    "The leader said: “We cannot keep pouring money into a building",
    "that is falling into the sea.” The motion was carried.",
)
PAGE_TWO = (
    "Item 4. Repairs to the north quay café were estimated at 4.2 million pounds.",
    "Mr Reyes (for the petitioners) asked that the ferry run until December.",
)


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(pages: list[tuple[str, ...]], info: dict[str, str] | None = None) -> bytes:
    """A small, valid PDF with a real text layer: Helvetica, WinAnsi, one line per string."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>")  # fmt: skip
    kids = []
    for lines in pages:
        ops = [b"BT /F1 11 Tf 72 740 Td 16 TL"]
        ops += [_pdf_string(line) + b" Tj T*" for line in lines]
        ops.append(b"ET")
        stream = b"\n".join(ops)
        contents = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (pages_id, font, contents)
        ))  # fmt: skip
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    kid_refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kid_refs, len(kids))
    info_id = None
    if info:
        entries = b" ".join(b"/" + k.encode() + b" " + _pdf_string(v) for k, v in info.items())
        info_id = add(b"<< " + entries + b" >>")

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info_id:
        trailer += b" /Info %d 0 R" % info_id
    out.write(b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def fetched(content: bytes, content_type: str = "application/pdf") -> FetchResult:
    return FetchResult(url=URL, final_url=URL, status=200,
                       headers={"content-type": content_type}, content=content)  # fmt: skip


MINUTES = make_pdf(
    [PAGE_ONE, PAGE_TWO],
    {"Title": "Harbour council minutes", "Author": "Clerk to the Council",
     "CreationDate": "D:20240312183000Z"},
)  # fmt: skip


def test_pdf_text_of_every_page_is_main_and_full_text() -> None:
    source = read_source(fetched(MINUTES))
    assert source.failure is None
    assert source.main_text == source.full_text
    for line in PAGE_ONE + PAGE_TWO:
        assert line in source.main_text
    assert source.main_text.index(PAGE_ONE[0]) < source.main_text.index(PAGE_TWO[0])
    assert source.language == "en"


def test_pdf_document_info_becomes_title_byline_date() -> None:
    source = read_source(fetched(MINUTES))
    assert source.title == "Harbour council minutes"
    assert source.byline == "Clerk to the Council"
    assert source.date == "2024-03-12"


@pytest.mark.parametrize("content_type", ["application/octet-stream", "", "text/html"])
def test_a_pdf_is_recognised_by_its_bytes_whatever_the_header(content_type: str) -> None:
    source = read_source(fetched(MINUTES, content_type))
    assert source.failure is None
    assert PAGE_TWO[1] in source.main_text


def test_a_pdf_without_a_text_layer_is_an_empty_page() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    source = read_source(fetched(buffer.getvalue()))
    assert source.failure is not None
    assert source.failure.reason == "empty page"
    assert "no text layer" in source.failure.detail and URL in source.failure.detail


def test_a_truncated_pdf_is_unreadable_not_a_crash() -> None:
    source = read_source(fetched(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"))
    assert source.failure is not None
    assert source.failure.reason == "unreadable PDF"
    assert URL in source.failure.detail


def test_a_password_protected_pdf_is_unreadable() -> None:
    writer = PdfWriter(clone_from=io.BytesIO(MINUTES))
    writer.encrypt(user_password="harbour", owner_password="clerk", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    reading = read_pdf(buffer.getvalue(), URL)
    assert reading.failure is not None
    assert reading.failure.reason == "unreadable PDF"
    assert "password" in reading.failure.detail


def test_a_pdf_encrypted_with_an_empty_password_is_read() -> None:
    writer = PdfWriter(clone_from=io.BytesIO(MINUTES))
    writer.encrypt(user_password="", owner_password="clerk", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    reading = read_pdf(buffer.getvalue(), URL)
    assert reading.failure is None
    assert PAGE_ONE[2] in reading.text
