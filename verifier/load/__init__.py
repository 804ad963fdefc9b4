"""The documents stage: read an article file into a `Document`.

Markdown, HTML and plain text each yield the same shape: plain text, paragraphs with
their kind, links with their spans, front matter, and a map back to file lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fnmatch import fnmatch
from pathlib import Path

from charset_normalizer import from_bytes

from verifier.errors import InputError, UsageError
from verifier.load.html import load_html
from verifier.load.markdown import load_markdown
from verifier.load.text import load_text
from verifier.models import Document

__all__ = [
    "SUFFIXES",
    "collect_paths",
    "load_document",
    "load_html",
    "load_markdown",
    "load_string",
    "load_text",
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


def load_document(path: Path, display: str | None = None) -> Document:
    """Read an article file; the format comes from its suffix (default: plain text)."""
    name = display_name(display or str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from exc
    return load_string(decode(raw, name), SUFFIXES.get(path.suffix.lower(), "text"), name)


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) first, then the detected charset; binary is an error."""
    if b"\x00" in raw[:4096]:
        raise InputError(f"{name}: not a text file (binary content)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(raw).best()
        if best is None:
            raise InputError(f"{name}: not UTF-8 and no other text encoding fits") from None
        return str(best)


def display_name(path: str) -> str:
    """The path as reports can print and encode it: bytes of a file name that are not
    UTF-8 (kept by Python as lone surrogates) become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


DEFAULT_INCLUDE = tuple(f"**/*{suffix}" for suffix in SUFFIXES)


def collect_paths(
    paths: Sequence[Path],
    *,
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = (),
) -> list[tuple[Path, str]]:
    """Every article file under `paths`, with the path to show for it, in a stable order.

    Folders are searched recursively for files matching `include` (by default the known
    suffixes), less those matching `exclude`; globs are matched against the path relative
    to the folder, and `**/` also matches no folder at all. Hidden folders (such as
    `.verifier`, which holds cassettes) are skipped. A file named on its own is always
    read. A path that does not exist is a usage error, raised before any work is done.
    """
    included = tuple(include)
    excluded = tuple(exclude)
    found: list[tuple[Path, str]] = []
    for root in paths:
        if not root.exists():
            raise UsageError(f"{root}: no such file or folder")
        if root.is_file():
            found.append((root, display_name(str(root))))
            continue
        for file in sorted(root.rglob("*")):
            rel = file.relative_to(root)
            if any(part.startswith(".") for part in rel.parts) or not file.is_file():
                continue
            if _matches(rel.as_posix(), included) and not _matches(rel.as_posix(), excluded):
                found.append((file, display_name(str(root / rel))))
    seen: set[Path] = set()
    unique = []
    for file, shown in found:
        if file.resolve() not in seen:
            seen.add(file.resolve())
            unique.append((file, shown))
    return unique


def _matches(rel: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch(rel, g) or fnmatch(rel, g.replace("**/", "")) for g in globs)
