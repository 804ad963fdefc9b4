"""An on-disk cache of read source texts, keyed by what was read, so that a second run
over the same corpus does no re-extraction (trafilatura takes ~0.1 s a page).

The key is a hash of the page's bytes, its final URL and content type, and the reader's
version: the same bytes always read the same way, and a change to the reader invalidates
every entry. Like the response cache, it is speed, not evidence.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, replace
from pathlib import Path

from verifier._version import __version__
from verifier.models import FetchFailure, FetchResult, SourceText

# Bump when the reading stage changes what it produces for the same bytes.
READER_VERSION = 2


class TextCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def key(self, fetched: FetchResult) -> str:
        digest = hashlib.sha256()
        for part in (__version__, str(READER_VERSION), fetched.final_url, fetched.content_type):
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
        # Where the bytes came from this time is the fetch's to say, not the cache's.
        return replace(text, url=fetched.url, archived=fetched.archived)

    def put(self, fetched: FetchResult, text: SourceText) -> None:
        path = self._path(self.key(fetched))
        path.parent.mkdir(parents=True, exist_ok=True)
        data = asdict(text)
        data["archived"] = None
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(tmp, path)
