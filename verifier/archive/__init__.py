"""The source archive: what a newsroom already holds, searchable for unlinked quotes.

`Archive` is the index (SQLite + FTS5, one file); `add_paths` fills it from folders of
source files; `Archive.search` gives the candidate passages for a quote, which the matcher
then judges. See docs/archive.md.
"""

from __future__ import annotations

from verifier.archive.ingest import SUFFIXES, AddReport, add_paths, source_files
from verifier.archive.passages import Passage, split_passages
from verifier.archive.store import Archive, ArchiveHit, ArchiveStats

__all__ = [
    "SUFFIXES",
    "AddReport",
    "Archive",
    "ArchiveHit",
    "ArchiveStats",
    "Passage",
    "add_paths",
    "source_files",
    "split_passages",
]
