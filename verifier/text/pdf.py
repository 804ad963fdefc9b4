"""PDF sources (reports, transcripts, court filings): the text layer, page after page.

A PDF has no chrome to set apart, so its main and full text are the same. A PDF that cannot
be opened, or is encrypted with a password, is a distinct failure from one that opens but has
no text layer (a scan), which reads as an empty page. pypdf is imported on the first PDF
(a run with none never loads its 7 MB of modules).
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from verifier.models import FetchFailure
from verifier.text._quiet import quiet_extraction_loggers

if TYPE_CHECKING:
    from pypdf import PdfReader

_PDF_DATE = re.compile(r"D?:?(\d{4})(\d{2})?(\d{2})?")
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass(frozen=True, slots=True)
class PdfReading:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD (or shorter) from the creation date
    pages: int = 0
    failure: FetchFailure | None = None


def read_pdf(content: bytes, url: str = "") -> PdfReading:
    """Text of every page of a PDF, with its document-info title, author and date."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    where = f" ({url})" if url else ""
    quiet_extraction_loggers()  # pypdf logs every small defect of real-world PDFs
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not _try_empty_password(reader):
            return PdfReading(
                "", failure=FetchFailure("unreadable PDF", f"password-protected PDF{where}")
            )
        texts = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        return PdfReading("", failure=FetchFailure("unreadable PDF", f"{error}{where}"))
    except RecursionError:
        return PdfReading("", failure=FetchFailure("unreadable PDF", f"malformed PDF{where}"))

    text = unicodedata.normalize("NFC", "\n\n".join(t.strip() for t in texts if t.strip()))
    text = _BLANK_LINES.sub("\n\n", text)
    title = _info(info, "/Title")
    author = _info(info, "/Author")
    date = _pdf_date(_info(info, "/CreationDate"))
    return PdfReading(text, title=title, author=author, date=date, pages=len(texts))


def _try_empty_password(reader: PdfReader) -> bool:
    """Many PDFs are 'encrypted' with an empty user password only to forbid printing."""
    from pypdf.errors import PyPdfError

    try:
        return bool(reader.decrypt(""))
    except (PyPdfError, NotImplementedError, ValueError):
        return False


def _info(info: object, key: str) -> str | None:
    from pypdf.errors import PyPdfError

    if info is None:
        return None
    try:
        value = info.get(key)  # type: ignore[attr-defined]
    except (PyPdfError, ValueError, KeyError, TypeError):
        return None
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _pdf_date(value: str | None) -> str | None:
    """'D:20240131120000Z' -> '2024-01-31'."""
    if not value:
        return None
    match = _PDF_DATE.match(value)
    if not match:
        return None
    return "-".join(part for part in match.groups() if part)
