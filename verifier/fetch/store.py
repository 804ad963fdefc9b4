"""The evidence store: a folder of small vcrpy cassettes, one per source URL.

Layout (documented for users in docs/evidence.md)::

    <corpus>/.verifier/sources/<h[0:2]>/<h[2:4]>/<h>.yaml     h = sha256(URL)

Each file is a standard vcrpy cassette (`version: 1`, one interaction), so vcrpy can still
replay it and a pull request shows a changed source as a diff of one small file. The
interaction carries keys vcrpy ignores: `recorded_at` (ISO 8601, UTC), `sha256` (of the
stored body: its identity, for people and tools comparing recordings) and `crc32` (of the
body too: checked on every read, so a cut or edited body is an error), and nothing else that
is not HTTP. (A checksum is what that check needs: SHA-256 costs twice as much, and neither
stops a deliberate edit, the file carrying its own hash. A file without `crc32`, from an
older store or written by hand, is checked against its `sha256`.) Bodies are stored decoded,
as text when they are UTF-8, as a literal block so the diff is line by line (see `literal`,
which also reads such a body back without running the YAML parser over it; `quoted` for the
pages a block cannot hold).

Why this shape: looking a URL up is one `open()` of one small file whatever the size of the
store (vcrpy's single cassette loads everything and compares every request with every
interaction); nothing is held in memory after it is used, so a replay run's memory does not
grow with the store. Writes go to a temporary file in the same folder that is then renamed
over the target (`os.replace`), so a kill never leaves a half-written recording, and
concurrent runs recording into one store never lose each other's recordings: each URL is
its own file and the rename is atomic (the last complete recording of one URL wins).

Files are loaded with YAML's safe loader only: a tag such as `!!python/object` is an error,
never executed. Any unreadable file raises `EvidenceError` naming it.

API (used by the fetcher, the CLI and `bench/evidence.py`)::

    store = EvidenceStore.open(path, create=True)
    store.get(url) -> Recording | None          # None: not recorded
    store.put(Recording.build(url, status, headers, body))
    for recording in store.iter_recordings(): ...   # streams, one file at a time
    import_cassette(store, cassette_path); export_cassette(store, cassette_path)
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import os
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import yaml

from verifier.errors import InputError
from verifier.fetch import literal, quoted

STORE_DIR = Path(".verifier") / "sources"
SUFFIX = ".yaml"
FILE_MODE = 0o644


class EvidenceError(InputError):
    """A recording that cannot be trusted: truncated, malformed, not UTF-8, or tagged."""


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def format_time(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sha256_hex(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def crc32_hex(body: bytes) -> str:
    return f"{zlib.crc32(body):08x}"


@dataclass(frozen=True, slots=True)
class Recording:
    """One recorded HTTP exchange: what a source said at `recorded_at`."""

    url: str
    status: int
    headers: Mapping[str, Sequence[str]]
    body: bytes
    recorded_at: datetime | None
    reason: str = ""
    method: str = "GET"
    path: Path | None = field(default=None, compare=False)

    @classmethod
    def build(
        cls,
        url: str,
        status: int,
        headers: Mapping[str, str | Sequence[str]],
        body: bytes,
        *,
        reason: str = "",
        recorded_at: datetime | None = None,
    ) -> Recording:
        lists = {k: [v] if isinstance(v, str) else [str(x) for x in v] for k, v in headers.items()}
        return cls(url, status, lists, body, recorded_at or now_utc(), reason)

    @property
    def sha256(self) -> str:
        """The body's SHA-256, its identity in the file (computed when asked: rarely)."""
        return sha256_hex(self.body)

    @property
    def final_url(self) -> str:
        """Where this exchange leads: its redirect target, or the URL itself."""
        for name, values in self.headers.items():
            if name.lower() == "location" and values and 300 <= self.status < 400:
                return str(httpx.URL(self.url).join(values[0]))
        return self.url

    @property
    def date(self) -> str:
        """The capture day, for messages ("source changed since 2026-03-04")."""
        return self.recorded_at.date().isoformat() if self.recorded_at else "an unknown date"

    def response(self, request: httpx.Request) -> httpx.Response:
        """The recorded answer, as an httpx response to `request` (for replay)."""
        pairs = [(name, value) for name, values in self.headers.items() for value in values]
        # A stream, not `content=`: httpx marks given content as already read, and the
        # fetcher reads the raw stream (through its bounded decoder) like a live answer.
        stream = httpx.ByteStream(self.body)
        return httpx.Response(self.status, headers=pairs, stream=stream, request=request)

    def to_interaction(self) -> dict[str, Any]:
        """The vcrpy interaction, with the capture time and the body's hashes beside it."""
        try:
            body: str | bytes = self.body.decode("utf-8")
        except UnicodeDecodeError:
            body = self.body
        return {
            "request": {"body": None, "headers": {}, "method": self.method, "uri": self.url},
            "response": {
                "status": {"code": self.status, "message": self.reason},
                "headers": {k: list(v) for k, v in self.headers.items()},
                "body": {"string": body},
            },
            "recorded_at": format_time(self.recorded_at) if self.recorded_at else None,
            "sha256": self.sha256,
            "crc32": crc32_hex(self.body),
        }


# ---------------------------------------------------------------------------
# YAML: vcrpy's format, safe loading, readable bodies


# libyaml's C classes when PyYAML has them (its wheels do), else the same in pure Python.
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_SafeDumper):  # type: ignore[valid-type,misc]
    """Multi-line text as literal blocks, so a changed page diffs line by line."""


def _represent_str(dumper: _Dumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    node: yaml.Node = dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)
    return node


_Dumper.add_representer(str, _represent_str)


def dump_cassette(interactions: list[dict[str, Any]]) -> str:
    """vcrpy's cassette format; each text body a literal block when it can be one, else
    double-quoted one line per line when it has lines (`quoted`)."""
    blocks: dict[str, str] = {}  # by placeholder: the bodies written as literal blocks
    by_line: dict[str, str] = {}  # and those written double-quoted, line by line
    shown = []
    for item in interactions:
        body = item["response"]["body"]["string"]
        if isinstance(body, str) and literal.can_be_literal(body):
            kind: dict[str, str] | None = blocks
        elif isinstance(body, str) and quoted.can_be_quoted_by_line(body):
            kind = by_line
        else:
            kind = None
        if kind is not None:
            key = literal.placeholder(len(blocks) + len(by_line))
            kind[key] = body
            item = {**item, "response": {**item["response"], "body": {"string": key}}}
        shown.append(item)
    data = {"interactions": shown, "version": 1}
    dumped = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return literal.substitute(literal.substitute(dumped, blocks), by_line, quoted.by_line)


def load_cassette(path: Path) -> list[dict[str, Any]]:
    """The interactions of a cassette file, safely loaded; `EvidenceError` names the file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EvidenceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return _interactions(raw, path)


def _interactions(raw: bytes, path: Path) -> list[dict[str, Any]]:
    if not raw or raw.isspace():  # (not `strip()`: that copies the whole file)
        raise EvidenceError(f"{path}: empty file (a recording cut short?)")
    data = literal.read_literal(raw) or _parse_yaml(raw, path)
    if not isinstance(data, dict) or not isinstance(data.get("interactions"), list):
        raise EvidenceError(f"{path}: not a vcrpy cassette (no 'interactions' list)")
    items: list[dict[str, Any]] = data["interactions"]
    return items


def _parse_yaml(raw: bytes, path: Path) -> Any:
    """The document in `raw`, given to libyaml as bytes: it validates UTF-8 itself, which
    costs a third less than decoding to `str` first (that copy is encoded back to UTF-8)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # libyaml would read UTF-16
        raise EvidenceError(f"{path}: not UTF-8 (byte 0)")
    try:
        return yaml.load(raw, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        if isinstance(exc, yaml.reader.ReaderError):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as bad:
                raise EvidenceError(f"{path}: not UTF-8 (byte {bad.start})") from None
        detail = " ".join(str(exc).split())
        raise EvidenceError(f"{path}: not a valid cassette: {detail}") from None


def parse_interaction(item: object, path: Path) -> Recording:
    """One interaction as a `Recording`; `EvidenceError` when a field is missing or wrong."""
    try:
        assert isinstance(item, dict)
        request, response = item["request"], item["response"]
        body = response["body"]["string"]
        if isinstance(body, str):
            body = body.encode("utf-8")
        assert isinstance(body, bytes | type(None))
        body = body or b""
        headers = {
            str(k): [str(v) for v in (vs if isinstance(vs, list) else [vs])]
            for k, vs in (response.get("headers") or {}).items()
        }
        when = item.get("recorded_at")
        recorded_at = datetime.fromisoformat(str(when)) if when else None
        if recorded_at is not None and recorded_at.tzinfo is None:
            recorded_at = recorded_at.replace(tzinfo=UTC)
        _check_body(item, body, path)
        return Recording(
            url=str(request["uri"]),
            status=int(response["status"]["code"]),
            headers=headers,
            body=body,
            recorded_at=recorded_at,
            reason=str(response["status"].get("message") or ""),
            method=str(request.get("method") or "GET").upper(),
            path=path,
        )
    except EvidenceError:
        raise
    except (AssertionError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise EvidenceError(
            f"{path}: not a valid recording ({type(exc).__name__}: {exc})"
        ) from None


def _check_body(item: dict[str, Any], body: bytes, path: Path) -> None:
    """A cut or edited body is an error: checked against the file's `crc32`, or its
    `sha256` when it has no `crc32` (see the module's docstring)."""
    for key, digest in (("crc32", crc32_hex), ("sha256", sha256_hex)):
        if item.get(key) is not None:
            if str(item[key]) != digest(body):
                raise EvidenceError(f"{path}: the body does not match its {key} (edited or cut?)")
            return


# ---------------------------------------------------------------------------
# the store


class EvidenceStore:
    """A folder of per-URL cassettes. Cheap to open: nothing is read until asked."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._prefix = os.path.join(root, "")  # lookups build paths as text: pathlib costs

    @classmethod
    def open(cls, root: Path, *, create: bool = False) -> EvidenceStore:
        if root.exists() and not root.is_dir():
            raise EvidenceError(f"{root}: the evidence store must be a folder")
        if create:
            root.mkdir(parents=True, exist_ok=True)
        return cls(root)

    def path_for(self, url: str) -> Path:
        return Path(self._file_for(url))

    def _file_for(self, url: str) -> str:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return f"{self._prefix}{digest[:2]}{os.sep}{digest[2:4]}{os.sep}{digest}{SUFFIX}"

    def has(self, url: str) -> bool:
        return self.path_for(url).is_file()

    def get(self, url: str) -> Recording | None:
        """The recording of `url`, or None; a broken file raises `EvidenceError`."""
        file = self._file_for(url)
        try:
            with open(file, "rb", buffering=0) as fh:  # (unbuffered: read whole at once)
                raw = fh.read()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None  # not recorded (one system call, not a `stat` before the `open`)
        except OSError as exc:
            raise EvidenceError(f"{file}: cannot read: {exc.strerror or exc}") from None
        path = Path(file)
        for item in reversed(_interactions(raw, path)):
            recording = parse_interaction(item, path)
            if recording.url == url:
                return recording
        raise EvidenceError(f"{path}: does not record {url} (a misplaced file?)")

    def put(self, recording: Recording) -> Path:
        """Write one recording atomically (temporary file, fsync, rename)."""
        path = self.path_for(recording.url)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = dump_cassette([recording.to_interaction()])
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(temporary, FILE_MODE)  # mkstemp makes it private; recordings are shared
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return path

    def iter_paths(self) -> Iterator[Path]:
        """Every recording file, in a stable order, listed one folder at a time."""
        if not self.root.is_dir():
            return
        for first in sorted(p for p in self.root.iterdir() if p.is_dir()):
            for second in sorted(p for p in first.iterdir() if p.is_dir()):
                yield from sorted(second.glob(f"*{SUFFIX}"))

    def iter_recordings(self) -> Iterator[Recording]:
        """Every recording, one file in memory at a time (`EvidenceError` on a broken one)."""
        for path in self.iter_paths():
            for item in load_cassette(path):
                yield parse_interaction(item, path)


def import_cassette(store: EvidenceStore, cassette: Path, *, when: datetime | None = None) -> int:
    """Copy every interaction of a single vcrpy cassette into the store; returns how many.

    A cassette has no capture dates: the file's modification time stands in for them.
    """
    mtime = datetime.fromtimestamp(cassette.stat().st_mtime, UTC).replace(microsecond=0)
    count = 0
    for item in load_cassette(cassette):
        recording = parse_interaction(item, cassette)
        if recording.recorded_at is None:
            recording = _with_time(recording, when or mtime)
        store.put(recording)
        count += 1
    return count


def export_cassette(store: EvidenceStore, cassette: Path) -> int:
    """Write every recording of the store into one vcrpy cassette; returns how many."""
    interactions = [r.to_interaction() for r in store.iter_recordings()]
    cassette.parent.mkdir(parents=True, exist_ok=True)
    cassette.write_text(dump_cassette(interactions), encoding="utf-8")
    return len(interactions)


def write_store(store: EvidenceStore, recordings: Iterable[Recording]) -> int:
    """Put every recording (for fixtures and tests); returns how many."""
    count = 0
    for recording in recordings:
        store.put(recording)
        count += 1
    return count


def _with_time(recording: Recording, when: datetime) -> Recording:
    return dataclasses.replace(recording, recorded_at=when)
