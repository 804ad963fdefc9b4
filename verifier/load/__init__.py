"""The documents stage: read an article file into a `Document`.

Markdown, HTML and plain text each yield the same shape: plain text, paragraphs with
their kind, links with their spans, front matter, and a map back to file lines.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from verifier.errors import InputError, UsageError
from verifier.load.discover import (
    DEFAULT_INCLUDE,
    STDIN,
    STDIN_NAME,
    collect_paths,
    display_name,
)
from verifier.load.encoding import decode
from verifier.load.html import load_html
from verifier.load.markdown import load_markdown
from verifier.load.text import load_text
from verifier.models import Document

__all__ = [
    "DEFAULT_INCLUDE",
    "SUFFIXES",
    "collect_paths",
    "load_document",
    "load_html",
    "load_markdown",
    "load_string",
    "load_text",
    "may_have_url",
]

SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
}
_LOADERS = {"markdown": load_markdown, "html": load_html, "text": load_text}


def load_string(source: str, fmt: str = "text", path: str = "<string>") -> Document:
    """Read an article given as a string, in format "text", "markdown" or "html"."""
    try:
        loader = _LOADERS[fmt]
    except KeyError:
        raise UsageError(f"unknown format {fmt!r}: use one of {', '.join(_LOADERS)}") from None
    return loader(normalize_newlines(source), path)


def normalize_newlines(source: str) -> str:
    """Windows (CRLF) and old-Mac (CR) line endings become LF; each stays one line break,
    so file lines are counted as an editor counts them."""
    return source.replace("\r\n", "\n").replace("\r", "\n")


def load_document(
    path: Path, display: str | None = None, *, max_bytes: int | None = None
) -> Document:
    """Read an article file; the format comes from its suffix (default: plain text).

    `-` is standard input: HTML if it starts with a tag, else Markdown. A file over
    `max_bytes` is an InputError (read nothing: a 200 MB "article" is a mistake, and would
    hold up the run).
    """
    if path == STDIN:
        text, notes = decode(sys.stdin.buffer.read(), STDIN_NAME)
        fmt = "html" if text.lstrip().startswith("<") else "markdown"
        document = load_string(text, fmt, display or STDIN_NAME)
        return replace(document, notes=document.notes + notes) if notes else document
    name = display_name(display or str(path))
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(
                f"{name}: {size:,} bytes, over the limit of {max_bytes:,} for one article "
                "(max-article-bytes in the configuration)"
            )
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{name}: cannot list this folder: {_listing_error(path)}") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from exc
    text, notes = decode(raw, name)
    document = load_string(text, SUFFIXES.get(path.suffix.lower(), "text"), name)
    return replace(document, notes=document.notes + notes) if notes else document


def may_have_url(path: Path) -> bool:
    """False when the file cannot carry its own URL, seen without parsing it: Markdown
    without `url` in its front matter, HTML without a canonical link or `og:url`, plain
    text. The cross-article lookup needs only the articles with a URL, and parsing every
    article of an archive to find none costs a third of checking it. True when unsure."""
    fmt = SUFFIXES.get(path.suffix.lower(), "text")
    if path == STDIN or fmt == "text":
        return path == STDIN
    try:
        text, _ = decode(path.read_bytes(), str(path))
    except (OSError, InputError):
        return True  # the real load reports the error
    if fmt == "html":
        lowered = text.lower()
        return "canonical" in lowered or "og:url" in lowered
    text = normalize_newlines(text)
    if not text.startswith("---"):
        return False
    end = text.find("\n---", 3)
    return "url" in (text if end < 0 else text[:end]).lower()


def _listing_error(folder: Path) -> str:
    """Why a folder the file search handed on (it could not list it) cannot be listed."""
    try:
        with os.scandir(folder):
            return "it changed while the run read it"
    except OSError as exc:
        return exc.strerror or str(exc)
