"""Folders of source files into the archive: new and changed files only, in one pass.

Files are streamed: each is read, split and written, then forgotten, so a folder of any size
is indexed in constant memory. Every `BATCH` files are one transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from verifier.archive.store import Archive
from verifier.errors import InputError
from verifier.load import load_document
from verifier.models import FetchResult
from verifier.text import read_source

SUFFIXES = (".html", ".htm", ".pdf", ".txt", ".md", ".markdown")
_MEDIA = {".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf"}
BATCH = 200


@dataclass
class AddReport:
    """What one `index add` did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    passages: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """The text of one source file, ready to index."""

    text: str
    title: str = ""
    date: str = ""


def source_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every source file under `paths` (a file named directly is taken whatever its suffix)."""
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in file.relative_to(path).parts)
                if file.is_file() and file.suffix.lower() in SUFFIXES and not hidden:
                    yield file
        else:
            yield path


def add_paths(
    archive: Archive,
    paths: Iterable[Path],
    *,
    progress: Callable[[Path], None] | None = None,
) -> AddReport:
    """Index the source files under `paths`; an unreadable file is reported and skipped."""
    report = AddReport()
    pending = 0
    for file in source_files(paths):
        try:
            _add_file(archive, file, report)
        except InputError as exc:
            report.errors.append(str(exc))
        pending += 1
        if pending >= BATCH:
            archive.commit()
            pending = 0
        if progress is not None:
            progress(file)
    archive.commit()
    return report


def _add_file(archive: Archive, file: Path, report: AddReport) -> None:
    origin = archive.origin_of(file)
    if not origin.isascii() and not _is_utf8(origin):
        # The archive names a file by its path in UTF-8 text; bytes that are not UTF-8
        # (a Latin-1 name copied from an old system) could not be found by that name again.
        raise InputError(f"{file}: file name is not valid UTF-8 (rename the file to index it)")
    try:
        stat = file.stat()
        if archive.unchanged(origin, stat.st_size, stat.st_mtime_ns):
            report.unchanged += 1
            return
        raw = file.read_bytes()
    except OSError as exc:
        raise InputError(f"{file}: cannot read: {exc.strerror or exc}") from None
    digest = hashlib.sha256(raw).hexdigest()
    if archive.same_content(origin, digest):
        archive.touch(origin, stat.st_size, stat.st_mtime_ns)
        report.unchanged += 1
        return
    source = read_file(file, raw)
    known = archive.has(origin)
    report.passages += archive.add_text(
        origin,
        source.text,
        title=source.title,
        date=source.date,
        size=stat.st_size,
        mtime=stat.st_mtime_ns,
        sha256=digest,
    )
    if known:
        report.updated += 1
    else:
        report.added += 1


def read_file(file: Path, raw: bytes) -> SourceFile:
    """The text, title and date of a source file; InputError names a file without text."""
    suffix = file.suffix.lower()
    if suffix in _MEDIA:
        fetched = FetchResult(
            url=file.resolve().as_uri(),
            final_url=file.resolve().as_uri(),
            status=200,
            headers={"content-type": _MEDIA[suffix]},
            content=raw,
        )
        text = read_source(fetched)
        if text.failure is not None:
            raise InputError(f"{file}: no usable text ({text.failure.reason})")
        return SourceFile(text.main_text, text.title or "", text.date or "")
    document = load_document(file)
    title = document.metadata.get("title") or ""
    date = document.metadata.get("date") or ""
    if not document.text.strip():
        raise InputError(f"{file}: empty")
    return SourceFile(document.text, str(title), str(date))


def _is_utf8(name: str) -> bool:
    """False for a name holding undecodable bytes (Python keeps them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
