"""An on-disk cache of read source texts, keyed by what was read, so that a second run
over the same corpus does no re-extraction (trafilatura takes ~0.1 s a page).

Shared by the workers of one run (`shared=True`), it also makes each page read once across
them: a worker about to read a page first claims it (a file created exclusively next to
the entry); a worker that finds the page claimed reads other pages and takes the text
from the cache once the claimant has put it there. A claim left by a killed worker is
taken over after `STALE_CLAIM` seconds.

The key is a hash of the page's bytes, its content type and the reader's version: the same
bytes always read the same way (under any URL: a syndicated copy, a tracking parameter, a
mirror), and a change to the reader invalidates every entry. A page that reads as unusable
is the exception: its failure names the URL, so another URL reads it again. Like the
response cache, it is speed, not evidence.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import asdict, replace
from pathlib import Path

from verifier._version import __version__
from verifier.models import FetchFailure, FetchResult, SourceText

# Bump when the reading stage changes what it produces for the same bytes.
READER_VERSION = 2
# A claim older than this is a dead worker's: reading one page takes seconds, not minutes.
STALE_CLAIM = 120.0


class TextCache:
    def __init__(self, directory: Path, *, shared: bool = False) -> None:
        self.directory = directory
        self.shared = shared

    def key(self, fetched: FetchResult) -> str:
        digest = hashlib.sha256()
        for part in (__version__, str(READER_VERSION), fetched.content_type):
            digest.update(part.encode("utf-8") + b"\0")
        digest.update(fetched.content)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, fetched: FetchResult) -> SourceText | None:
        """The text read earlier from these same bytes, or None (an unreadable entry is a miss)."""
        try:
            data = json.loads(self._path(self.key(fetched)).read_text(encoding="utf-8"))
            failure = data.pop("failure")
            data.pop("archived", None)
            text = SourceText(**data, failure=FetchFailure(**failure) if failure else None)
        except (OSError, ValueError, TypeError, KeyError):
            return None
        if text.failure is not None and text.final_url != fetched.final_url:
            return None  # its failure names another URL
        # Where the bytes came from this time is the fetch's to say, not the cache's.
        return replace(
            text, url=fetched.url, final_url=fetched.final_url, archived=fetched.archived
        )

    def ready(self, key: str) -> bool:
        """Is the text of these bytes (their `key`) in the cache? A look, no reading."""
        return self._path(key).exists()

    def claim(self, fetched: FetchResult) -> bool:
        """Take the reading of these bytes for this worker; False if another has it.

        Always True when the cache is not shared. The claimant must `put` the text (or
        `release` the claim): `put` releases it.
        """
        if not self.shared:
            return True
        claim = self._path(self.key(fetched)).with_suffix(".claim")
        claim.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.close(os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            return True
        except FileExistsError:
            if self._stale(claim):
                claim.unlink(missing_ok=True)
                return self.claim(fetched)
            return False

    def claimed(self, key: str) -> bool:
        """Is another worker reading these bytes (their `key`) now: a live claim?"""
        claim = self._path(key).with_suffix(".claim")
        return claim.exists() and not self._stale(claim)

    def release(self, fetched: FetchResult) -> None:
        if self.shared:
            self._path(self.key(fetched)).with_suffix(".claim").unlink(missing_ok=True)

    @staticmethod
    def _stale(claim: Path) -> bool:
        try:
            return time.time() - claim.stat().st_mtime > STALE_CLAIM
        except OSError:
            return False

    def put(self, fetched: FetchResult, text: SourceText) -> None:
        path = self._path(self.key(fetched))
        path.parent.mkdir(parents=True, exist_ok=True)
        data = asdict(text)
        data["archived"] = None
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(tmp, path)
        self.release(fetched)
