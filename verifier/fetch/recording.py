"""One run's use of the evidence store: what to replay, what to (re)fetch and record.

`RecordingSession` decides per URL (the policy comes from the options: offline, record
mode, `--refresh`, `--max-age`) and counts what happened for the run's summary.
`StoreTransport` is the httpx transport that applies it: a recorded URL is answered from
its file, without DNS, connection or pacing; any other URL goes to the inner (guarded)
transport and, when recording, is written to the store before the fetcher reads it, so
what a run sees and what the next run replays are the same bytes.

vcrpy does not patch httpx for the store (it still does for a single `--cassette` file):
its matcher compares each request with every interaction, which made replay cost grow
with the square of the number of sources.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from verifier.fetch.cassette import make_before_record_response
from verifier.fetch.safety import OfflineError
from verifier.fetch.store import EvidenceError, EvidenceStore, Recording, now_utc
from verifier.models import EvidenceSummary
from verifier.options import FetchOptions


@dataclass(frozen=True, slots=True)
class StorePolicy:
    """What a run may do with the store."""

    fetch_missing: bool = True  # fetch URLs that are not recorded (False: offline, mode none)
    record: bool = False  # write what was fetched into the store
    refresh: bool = False  # refetch every recording (--refresh, record mode all)
    max_age: float | None = None  # refetch recordings older than this many seconds

    @classmethod
    def from_options(cls, options: FetchOptions) -> StorePolicy:
        mode = options.record_mode
        fetch_missing = not options.offline and mode != "none"
        refresh = fetch_missing and (options.refresh or mode == "all")
        max_age = options.max_age if fetch_missing else None
        record = fetch_missing and (mode is not None or refresh or max_age is not None)
        return cls(fetch_missing, record, refresh, max_age)


# How many recordings a run reads in a row when it knows which URLs come next, and at most
# how many bytes of them it holds before their requests come.
READ_AHEAD = 32
READ_AHEAD_BYTES = 4 << 20


class RecordingSession:
    """The store as one run uses it, with the counts for the summary.

    A recording that is looked up is held only until its request is answered (a bounded
    window of URLs is in flight), so memory does not grow with the number of sources.
    When the run says which URLs it will ask for (`expect`), their recordings are read a
    few at a time (`READ_AHEAD`, at most `READ_AHEAD_BYTES`): a lookup between two pages'
    reading finds the CPU's caches full of that work and costs about twice what it costs
    among other lookups (`bench/evidence.py`).
    """

    def __init__(
        self,
        store: EvidenceStore,
        policy: StorePolicy,
        *,
        max_bytes: int,
        clock: Callable[[], datetime] = now_utc,
    ) -> None:
        self.store = store
        self.policy = policy
        self.clock = clock
        self._before_record = make_before_record_response(max_bytes)
        self.recorded: set[str] = set()
        self.replayed: set[str] = set()
        self.missing: set[str] = set()
        self.refetched: set[str] = set()
        self.changes: dict[str, Recording] = {}  # URL -> the recording a changed page replaced
        self.errors: dict[str, str] = {}  # URL -> why its recording cannot be read
        self._ready: dict[str, Recording] = {}
        self._stale: dict[str, Recording] = {}
        self._expected: list[str] = []  # the URLs the run will ask for, in order
        self._place: dict[str, int] = {}  # an expected URL -> its index there
        self._looked_up: set[str] = set()
        self._ahead: dict[str, Recording | EvidenceError | None] = {}  # read, not yet asked

    def expect(self, urls: Iterable[str]) -> None:
        """The URLs the run will ask for, in the order it will most likely ask."""
        self._expected = list(dict.fromkeys(urls))
        self._place = {url: place for place, url in enumerate(self._expected)}

    def replayable(self, url: str) -> bool:
        """Whether `url` is answered from the store; raises `EvidenceError` for a bad file."""
        if url in self._ready:
            return True
        try:
            recording = self._lookup(url)
        except EvidenceError as exc:
            self.errors[url] = str(exc)
            raise
        if recording is None:
            return False
        if self._is_stale(recording):
            self._stale[url] = recording
            return False
        self._ready[url] = recording
        return True

    def _lookup(self, url: str) -> Recording | None:
        """The store's recording of `url` (None: not recorded), read ahead if expected."""
        if url not in self._place:  # a redirect's target, say: read alone
            return self.store.get(url)
        if url not in self._ahead:
            self._read_ahead(url)
        self._looked_up.add(url)
        found = self._ahead.pop(url)
        if isinstance(found, EvidenceError):
            raise found
        return found

    def _read_ahead(self, url: str) -> None:
        """Read `url`'s recording and those of the next expected URLs, in a row; what was
        read ahead before and never asked for is dropped (memory stays bounded)."""
        self._ahead = {}
        held = 0
        for each in [url, *self._next_expected(url)]:
            if held > READ_AHEAD_BYTES:
                break
            try:
                found = self.store.get(each)
            except EvidenceError as exc:
                self._ahead[each] = exc
                continue
            self._ahead[each] = found
            held += len(found.body) if found is not None else 0

    def _next_expected(self, url: str) -> list[str]:
        """The expected URLs after `url` not yet looked up, at most `READ_AHEAD` - 1."""
        place = self._place[url]
        after = self._expected[place + 1 : place + 2 * READ_AHEAD]
        return [u for u in after if u not in self._looked_up][: READ_AHEAD - 1]

    def _is_stale(self, recording: Recording) -> bool:
        if self.policy.refresh:
            return True
        if self.policy.max_age is None:
            return False
        if recording.recorded_at is None:
            return True
        return (self.clock() - recording.recorded_at).total_seconds() > self.policy.max_age

    def take(self, url: str) -> Recording | None:
        """The recording that answers `url` now, or None (then fetch it, if allowed)."""
        if url not in self._ready and not self.replayable(url):
            return None
        self.replayed.add(url)
        return self._ready.pop(url)

    def should_capture(self, url: str) -> bool:
        return self.policy.record or url in self._stale

    def capture(self, url: str, status: int, reason: str, headers: Any, raw: bytes) -> Recording:
        """Record a fetched exchange (scrubbed, decoded within the cap); note a change."""
        response = self._before_record(
            {
                "status": {"code": status, "message": reason},
                "headers": _header_lists(headers),
                "body": {"string": raw},
            }
        )
        recording = Recording.build(
            url,
            status,
            response["headers"],
            response["body"]["string"],
            reason=reason,
            recorded_at=self.clock(),
        )
        self.store.put(recording)
        self.recorded.add(url)
        old = self._stale.pop(url, None)
        if old is not None:
            self.refetched.add(url)
            if old.body != recording.body:
                self.changes[url] = old
        return recording

    def summary(self) -> EvidenceSummary:
        return EvidenceSummary(
            store=str(self.store.root),
            recorded_urls=frozenset(self.recorded),
            replayed_urls=frozenset(self.replayed),
            missing_urls=frozenset(self.missing),
            refetched_urls=frozenset(self.refetched),
            changed_urls=frozenset(self.changes),
            errors=tuple(self.errors[url] for url in sorted(self.errors)),
        )


def _header_lists(headers: httpx.Headers) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in headers.multi_items():
        out.setdefault(name, []).append(value)
    return out


class StoreTransport(httpx.AsyncBaseTransport):
    """Answers recorded URLs from the store; fetches (and records) the rest through `inner`."""

    def __init__(self, session: RecordingSession, inner: httpx.AsyncBaseTransport) -> None:
        self.session = session
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        recording = self.session.take(url)
        if recording is not None:
            return recording.response(request)
        if not self.session.policy.fetch_missing:
            self.session.missing.add(url)
            raise OfflineError(f"{url} is not recorded")
        response = await self.inner.handle_async_request(request)
        if not self.session.should_capture(url):
            return response
        try:
            raw = b"".join([chunk async for chunk in response.stream])  # type: ignore[union-attr]
        finally:
            await response.aclose()
        reason = response.extensions.get("reason_phrase", b"")
        reason_text = reason.decode("ascii", "replace") if isinstance(reason, bytes) else ""
        captured = self.session.capture(
            url, response.status_code, reason_text, response.headers, raw
        )
        return captured.response(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


class ClientTransport(httpx.AsyncBaseTransport):
    """A given client as a transport, so the store can sit in front of any client."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.client.send(request, stream=True, follow_redirects=False)
