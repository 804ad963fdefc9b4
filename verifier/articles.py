"""One article through loading and extraction, and back out as its `DocumentResult`.

Per-article failures stop here: an article that cannot be read, whose extraction breaks or
runs over its time budget, becomes an entry with an `error`, and the run goes on.
"""

from __future__ import annotations

import hashlib
import signal
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from verifier.errors import InputError
from verifier.extract import extract
from verifier.load import load_document
from verifier.models import (
    CorpusArticle,
    Document,
    DocumentResult,
    ParagraphKind,
    Quote,
    QuoteResult,
    Verdict,
)

INTERRUPTED = "not checked: the run was interrupted"


def document_results(
    loaded: list[Document | DocumentResult],
    quotes: dict[str, list[Quote]],
    checked: dict[str, list[QuoteResult]],
    failed: dict[str, DocumentResult],
) -> list[DocumentResult]:
    """One entry per article read: its verdicts, its error, or (interrupted) not checked."""
    results = []
    for item in loaded:
        if isinstance(item, DocumentResult):
            results.append(item)
        elif item.path in failed:
            results.append(failed[item.path])
        else:
            done = checked.get(item.path)
            if done is None:
                done = unchecked(item, quotes.get(item.path, []), INTERRUPTED)
            results.append(
                DocumentResult(
                    path=item.path,
                    quotes=tuple(done),
                    url=item.url,
                    title=_title(item),
                    notes=_notes(item),
                )
            )
    return results


def corpus_articles(documents: Iterable[Document]) -> tuple[CorpusArticle, ...]:
    """The articles that have their own URL, as other articles may cite them."""
    return tuple(
        CorpusArticle(doc.path, doc.url, _article_text(doc)) for doc in documents if doc.url
    )


def extracted(
    item: Document | DocumentResult, quotes: dict[str, list[Quote]], budget: float = 0.0
) -> Document | DocumentResult:
    """The document, its quotes put in `quotes`; or its error entry if extraction broke
    or ran over its time `budget` (seconds, 0 = none)."""
    if isinstance(item, Document):
        try:
            with _time_limit(budget):
                quotes[item.path] = extract(item)
        except _OverBudget:
            error = (
                f"{item.path}: extracting quotes took over {budget:g} s "
                "(extract-time-budget in the configuration); the article was skipped"
            )
            return DocumentResult(path=item.path, quotes=(), error=error)
        except Exception as exc:  # a bug on one article must not lose the others
            return failed_article(item.path, "extracting quotes", exc)
    return item


class _OverBudget(Exception):
    """Raised by the alarm when one article's extraction runs over its time budget."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise _OverBudget after `seconds` of wall time; only where the process's alarm
    signal is ours (the main thread, POSIX), else no limit."""
    usable = seconds > 0 and hasattr(signal, "setitimer")
    if not usable or threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def load_article(file: Path, shown: str, max_bytes: int | None = None) -> Document | DocumentResult:
    try:
        return load_document(file, shown, max_bytes=max_bytes)
    except InputError as exc:
        return DocumentResult(path=shown, quotes=(), error=str(exc))
    except Exception as exc:  # a bug on one article must not lose the others
        return failed_article(shown, "reading the article", exc)


def failed_article(path: str, stage: str, exc: BaseException) -> DocumentResult:
    """The error entry of an article that hit a bug: the run goes on without it."""
    if isinstance(exc, RecursionError | MemoryError):
        error = f"{path}: too deeply nested or too large while {stage} ({type(exc).__name__})"
    else:
        error = f"{path}: internal error while {stage}: {exc!r} (a bug: please report it)"
    return DocumentResult(path=path, quotes=(), error=f"{error}; the other articles were checked")


def unchecked(
    document: Document, quotes: list[Quote], reason: str = "not checked (extract only)"
) -> list[QuoteResult]:
    """Each quote, unverifiable for `reason`: listed, with its id and place, not checked."""
    seen: Counter[str] = Counter()
    results = []
    for quote in quotes:
        line, column = document.line_col(quote.start)
        qid = quote_id(document.path, quote.text, seen)
        results.append(QuoteResult(qid, quote, line, column, Verdict.UNVERIFIABLE, reason))
    return results


def quote_id(path: str, text: str, seen: Counter[str]) -> str:
    """Stable across runs: the article path, the quote's words, and which occurrence."""
    words = " ".join(text.lower().split())
    seen[words] += 1
    occurrence = seen[words]
    key = f"{path}\0{words}\0{occurrence}".encode("utf-8", "surrogatepass")
    digest = hashlib.sha1(key).hexdigest()
    return digest[:12]


def _title(document: Document) -> str | None:
    title = document.metadata.get("title")
    return str(title) if title else None


def _notes(document: Document) -> tuple[str, ...]:
    for para in document.paragraphs:
        if para.kind is ParagraphKind.COMMENTS:
            line, _ = document.line_col(para.start)
            return (*document.notes, f"skipped a reader-comment section (from line {line})")
    return document.notes


def _article_text(document: Document) -> str:
    """The document's text without its reader comments."""
    parts = [
        document.text[p.start : p.end]
        for p in document.paragraphs
        if p.kind is not ParagraphKind.COMMENTS
    ]
    return "\n\n".join(parts)
