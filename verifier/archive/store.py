"""The source archive on disk: one SQLite file, passages searchable through FTS5.

SQLite is in Python's standard library, a single file is easy to share (copy it, put it on
a network drive read-only, ship it to Dask workers), and every update is a transaction: a
run killed mid-update leaves the index as it was before that batch.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from verifier.archive.passages import (
    MAX_LOOKUP,
    Passage,
    fts_query,
    quote_terms,
    rarest,
    shared_pairs,
    split_passages,
    word_pairs,
)
from verifier.errors import InputError
from verifier.match.engine import speaker_keys
from verifier.match.normalize import fold, tokenize

SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
    id INTEGER PRIMARY KEY, origin TEXT UNIQUE NOT NULL, title TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '', size INTEGER, mtime INTEGER, sha256 TEXT,
    text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS passages(
    id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, seq INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, speaker TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc, seq);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(body, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS fts_terms USING fts5vocab(fts, row);
"""
RETRIEVE = 30  # passages ranked by FTS5 (BM25) before word order and speaker re-rank them
ORDER_WEIGHT = 4.0  # the quote's word pairs in the passage count more than BM25 (0..1)
SPEAKER_BOOST = 1.5  # a passage whose speaker label or document title names the speaker
_DF_CACHE = 200_000  # term counts remembered per connection


@dataclass(frozen=True, slots=True)
class ArchiveHit:
    """A candidate passage and its neighbours: the text the matcher is given."""

    origin: str  # file path or URL of the archive document
    title: str
    date: str
    doc_id: int
    text: str  # passages seq-1 .. seq+1 of the document
    offset: int  # where `text` starts in the document
    turns: tuple[Passage, ...]  # the passages of `text`, offsets relative to `text`
    rank: float  # higher is better

    def speaker_at(self, position: int) -> str:
        """The transcript speaker of the passage holding `position` of `text` ('' if none)."""
        for turn in self.turns:
            if turn.start <= position < turn.end:
                return turn.speaker
        return ""


@dataclass(frozen=True, slots=True)
class ArchiveStats:
    path: Path
    documents: int
    passages: int
    size_bytes: int


class Archive:
    """An open archive index. Reading is safe from many processes at once."""

    def __init__(self, path: Path | str, *, create: bool = False) -> None:
        self.path = Path(path)
        memory = self.memory = str(path) == ":memory:"
        self._count: int | None = None
        self._df: dict[str, int] = {}
        if not create and not memory and not self.path.is_file():
            raise InputError(f"{path}: no source archive here (build one: verify index add)")
        if create and not memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(str(path), timeout=30.0)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # WAL keeps every commit atomic
            self.db.executescript(_SCHEMA)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            self.db.commit()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{path}: not a source archive ({exc})") from None

    @property
    def root(self) -> Path:
        """The folder file origins are stored relative to (the one holding `.verifier/`)."""
        folder = self.path.resolve().parent
        return folder.parent if folder.name == ".verifier" else folder

    def origin_of(self, file: Path) -> str:
        """How a file is named in the archive: relative to `root`, so the index can move."""
        return Path(os.path.relpath(file.resolve(), self.root)).as_posix()

    def shown(self, origin: str) -> str:
        """An origin as a reader finds it from here: a URL as is, a file from the cwd."""
        if "://" in origin or self.memory or not (self.root / origin).exists():
            return origin
        return Path(os.path.relpath(self.root / origin)).as_posix()

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------------ writing

    def unchanged(self, origin: str, size: int, mtime: int) -> bool:
        """Is `origin` indexed with this size and modification time already?"""
        row = self.db.execute(
            "SELECT size, mtime FROM documents WHERE origin = ?", (origin,)
        ).fetchone()
        return row is not None and row[0] == size and row[1] == mtime

    def has(self, origin: str) -> bool:
        query = "SELECT 1 FROM documents WHERE origin = ?"
        return self.db.execute(query, (origin,)).fetchone() is not None

    def same_content(self, origin: str, sha256: str) -> bool:
        row = self.db.execute("SELECT sha256 FROM documents WHERE origin = ?", (origin,)).fetchone()
        return row is not None and row[0] == sha256

    def touch(self, origin: str, size: int, mtime: int) -> None:
        self.db.execute(
            "UPDATE documents SET size = ?, mtime = ? WHERE origin = ?", (size, mtime, origin)
        )

    def add_text(
        self,
        origin: str,
        text: str,
        *,
        title: str = "",
        date: str = "",
        size: int | None = None,
        mtime: int | None = None,
        sha256: str | None = None,
    ) -> int:
        """Index one document (replacing an earlier version); the caller commits."""
        self.remove(origin)
        cursor = self.db.execute(
            "INSERT INTO documents(origin, title, date, size, mtime, sha256, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (origin, title, date, size, mtime, sha256, text),
        )
        doc = cursor.lastrowid
        assert doc is not None
        passages = split_passages(text)
        first = self._next_passage_id()
        self.db.executemany(
            'INSERT INTO passages(id, doc, seq, start, "end", speaker) VALUES (?, ?, ?, ?, ?, ?)',
            [(first + p.seq, doc, p.seq, p.start, p.end, p.speaker) for p in passages],
        )
        self.db.executemany(
            "INSERT INTO fts(rowid, body) VALUES (?, ?)",
            [(first + p.seq, text[p.start : p.end]) for p in passages],
        )
        return len(passages)

    def _next_passage_id(self) -> int:
        row = self.db.execute("SELECT max(id) FROM passages").fetchone()
        return int(row[0] or 0) + 1

    def remove(self, origin: str) -> None:
        row = self.db.execute("SELECT id FROM documents WHERE origin = ?", (origin,)).fetchone()
        if row is None:
            return
        self.db.execute(
            "DELETE FROM fts WHERE rowid IN (SELECT id FROM passages WHERE doc = ?)", (row[0],)
        )
        self.db.execute("DELETE FROM passages WHERE doc = ?", (row[0],))
        self.db.execute("DELETE FROM documents WHERE id = ?", (row[0],))

    def commit(self) -> None:
        self.db.commit()

    # ------------------------------------------------------------------ reading

    def _passages(self) -> int:
        """How many passages the archive holds (read once per connection: it only grows)."""
        if self._count is None:
            self._count = int(self.db.execute("SELECT max(id) FROM passages").fetchone()[0] or 0)
        return self._count

    def state(self) -> str:
        """Changes whenever a document is added, replaced or removed."""
        row = self.db.execute("SELECT count(*), max(id), sum(id) FROM documents").fetchone()
        return f"archive {row[0]}:{row[1]}:{row[2]}"

    def stats(self) -> ArchiveStats:
        documents = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        passages = self.db.execute("SELECT count(*) FROM passages").fetchone()[0]
        files = [self.path, self.path.with_name(self.path.name + "-wal")]
        size = sum(f.stat().st_size for f in files if f.is_file())
        return ArchiveStats(self.path, int(documents), int(passages), size)

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """In how many passages each term occurs (absent terms are left out).

        FTS5 counts a term by reading its whole list, so a count is remembered for the
        connection's life: the quotes of a run share most of their words.
        """
        wanted = [t for t in dict.fromkeys(terms) if t not in self._df]
        if wanted:
            marks = ",".join("?" * len(wanted))
            query = f"SELECT term, doc FROM fts_terms WHERE term IN ({marks})"
            found = dict(self.db.execute(query, wanted).fetchall())
            for term in wanted:
                self._df[term] = int(found.get(term, 0))
            if len(self._df) > _DF_CACHE:
                self._df.clear()
        return {t: self._df[t] for t in terms if self._df.get(t, 0) > 0}

    def search(
        self, quote: str, speaker: str | None = None, *, limit: int = 5, reach: int = 1
    ) -> list[ArchiveHit]:
        """The passages most likely to hold `quote`, best first, one per document.

        Each comes with `reach` passages either side, so a quote that runs over a passage
        boundary is still whole in the text the matcher is given.
        """
        terms = quote_terms(quote)[:MAX_LOOKUP]
        chosen = rarest(terms, self.frequencies(terms), self._passages())
        if not chosen:
            return []
        rows = self.db.execute(
            "SELECT p.doc, p.seq, p.speaker, d.title, -bm25(fts), substr(d.text, p.start + 1, "
            'p."end" - p.start) FROM fts JOIN passages p ON p.id = fts.rowid '
            "JOIN documents d ON d.id = p.doc WHERE fts MATCH ? ORDER BY rank LIMIT ?",
            (fts_query(chosen), RETRIEVE),
        ).fetchall()
        ways = speaker_keys(speaker) if speaker else ()
        pairs = word_pairs(quote)
        top = max((row[4] for row in rows), default=1.0) or 1.0
        ranked = sorted(
            (
                (
                    (ORDER_WEIGHT * shared_pairs(pairs, text) + score / top)
                    * (SPEAKER_BOOST if _names(ways, label, title) else 1.0),
                    -i,
                    doc,
                    seq,
                )
                for i, (doc, seq, label, title, score, text) in enumerate(rows)
            ),
            reverse=True,
        )
        best: dict[int, tuple[float, int]] = {}
        for rank, _, doc, seq in ranked:
            best.setdefault(doc, (rank, seq))
        chosen_docs = list(best.items())[:limit]
        return [self._hit(doc, seq, rank, reach) for doc, (rank, seq) in chosen_docs]

    def _hit(self, doc: int, seq: int, rank: float, reach: int) -> ArchiveHit:
        rows = self.db.execute(
            'SELECT seq, start, "end", speaker FROM passages WHERE doc = ? AND seq BETWEEN ? AND ? '
            "ORDER BY seq",
            (doc, seq - reach, seq + reach),
        ).fetchall()
        start, end = rows[0][1], rows[-1][2]
        origin, title, date, text = self.db.execute(
            "SELECT origin, title, date, substr(text, ?, ?) FROM documents WHERE id = ?",
            (start + 1, end - start, doc),
        ).fetchone()
        turns = tuple(Passage(s, a - start, b - start, who) for s, a, b, who in rows)
        return ArchiveHit(self.shown(origin), title, date, doc, text, start, turns, rank)


def _names(ways: Sequence[frozenset[str]], *labels: str) -> bool:
    """Does any label name the speaker (all the words of one of its ways of being named)?"""
    if not ways:
        return False
    words = {key for label in labels if label for key, _, _ in tokenize(fold(label))}
    return any(way <= words for way in ways)
