"""Source text: turn a fetched page into the text a quote is checked against.

Pure: bytes in, `SourceText` out, no network and no disk. The steps:

1. a fetch failure passes through untouched (empty texts, same failure);
2. `sniff` decides HTML/XHTML, PDF or plain text from the Content-Type and the bytes, and
   refuses anything else as `unsupported content (<type>)`;
3. `decode` finds the charset (BOM, header, meta, detection; a wrong latin-1 header over
   UTF-8 bytes is caught);
4. `html` gives the article's main text (trafilatura) and every visible text of the page
   (BeautifulSoup); `pdf` the PDF's text layer; plain text is read as is;
5. `classify` names pages that were served but hold no usable text: soft 404, paywall,
   bot challenge, empty or script-only page. The texts are kept on such a result, for the
   report to show what the page said; the failure is what the matcher must honour.
"""

from __future__ import annotations

import unicodedata

from verifier.language import detect_language
from verifier.models import FetchFailure, FetchResult, SourceText
from verifier.text.classify import PageSignals, classify
from verifier.text.decode import Decoded, decode_body
from verifier.text.html import HtmlReading, read_html
from verifier.text.pdf import PdfReading, read_pdf
from verifier.text.sniff import Kind, Sniffed, sniff

__all__ = [
    "Decoded",
    "HtmlReading",
    "Kind",
    "PageSignals",
    "PdfReading",
    "Sniffed",
    "classify",
    "decode_body",
    "read_html",
    "read_pdf",
    "read_source",
    "sniff",
]


def read_source(fetched: FetchResult) -> SourceText:
    """The text of a fetched source, or the reason it has none (see the module docstring)."""
    if fetched.failure is not None:
        return _failed(fetched, fetched.failure)

    url = fetched.final_url or fetched.url
    # Header names are case-insensitive; a cassette or a test may keep them as sent.
    headers = {name.lower(): value for name, value in fetched.headers.items()}
    content_type_header = headers.get("content-type", "")
    media_type = content_type_header.split(";", 1)[0].strip().lower()
    sniffed = sniff(media_type, fetched.content)
    if sniffed.kind is Kind.UNSUPPORTED:
        failure = FetchFailure(f"unsupported content ({sniffed.media_type})", f"{url}")
        return _failed(fetched, failure)

    title = byline = date = None
    signals = PageSignals()
    if sniffed.kind is Kind.PDF:
        pdf = read_pdf(fetched.content, url)
        if pdf.failure is not None:
            return _failed(fetched, pdf.failure)
        if not pdf.text:
            detail = f"the PDF has no text layer (a scanned image?) ({url})"
            return _failed(fetched, FetchFailure("empty page", detail))
        main_text = full_text = pdf.text
        title, byline, date = pdf.title, pdf.author, pdf.date
    elif sniffed.kind is Kind.HTML:
        decoded = decode_body(fetched.content, content_type_header, sniff_meta=True)
        page = read_html(decoded.text, url)
        main_text, full_text = page.main_text, page.full_text
        title, byline, date, signals = page.title, page.byline, page.date, page.signals
    else:
        decoded = decode_body(fetched.content, content_type_header, sniff_meta=False)
        main_text = full_text = _plain_text(decoded.text)

    content_failure = classify(main_text, full_text, signals, headers=headers, url=url)
    return SourceText(
        url=fetched.url,
        final_url=fetched.final_url,
        main_text=main_text,
        full_text=full_text,
        language=detect_language(main_text) if main_text else None,
        title=title,
        byline=byline,
        date=date,
        archived=fetched.archived,
        failure=content_failure,
    )


def _plain_text(text: str) -> str:
    """Plain text as is, but with one line-ending convention and in NFC like the rest."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _failed(fetched: FetchResult, failure: FetchFailure) -> SourceText:
    return SourceText(
        url=fetched.url,
        final_url=fetched.final_url,
        main_text="",
        full_text="",
        archived=fetched.archived,
        failure=failure,
    )
