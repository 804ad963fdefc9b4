"""An on-disk cache of successful responses, so a second run does no network.

Speed, not evidence (that is the cassette's job). Only successful fetches are stored,
never a failure: a dead link today may be back tomorrow, and a stale cached error is the
most common complaint about link checkers. Entries older than `max_age` are ignored.
One JSON file per URL holds the metadata and the body (base64), written atomically.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from verifier.models import ArchiveCapture, FetchResult

CACHE_VERSION = 1


class ResponseCache:
    def __init__(
        self, directory: Path, max_age: float, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.directory = directory
        self.max_age = max_age
        self._clock = clock

    def _path(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.directory / digest[:2] / f"{digest}.json"

    def get(self, url: str) -> FetchResult | None:
        """The cached result for `url` when fresh enough, else None (unreadable = miss)."""
        path = self._path(url)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != CACHE_VERSION or data.get("url") != url:
                return None
            if self._clock() - float(data["stored"]) > self.max_age:
                return None
            archived = data.get("archived")
            return FetchResult(
                url=url,
                final_url=str(data["final_url"]),
                status=int(data["status"]),
                headers={str(k): str(v) for k, v in data["headers"].items()},
                content=base64.b64decode(data["content"]),
                archived=ArchiveCapture(**archived) if archived else None,
                from_cache=True,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, result: FetchResult) -> None:
        """Store a successful result; failures are never stored."""
        if not result.ok or result.from_cache:
            return
        path = self._path(result.url)
        data = {
            "version": CACHE_VERSION,
            "url": result.url,
            "stored": self._clock(),
            "final_url": result.final_url,
            "status": result.status,
            "headers": dict(result.headers),
            "content": base64.b64encode(result.content).decode("ascii"),
            "archived": (
                {"url": result.archived.url, "timestamp": result.archived.timestamp}
                if result.archived
                else None
            ),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
