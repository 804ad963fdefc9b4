"""Fetch a shard's sources and read each page as it arrives, keeping its text, not its body.

The I/O half of checking a shard: the evidence session, the fetch, the text cache shared by
the run's workers, one reading per distinct body, and an archived copy for a page that was
served but reads as unusable. What comes out (`ReadSources`) is what matching needs.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from verifier.fetch import fetch_all, fetch_archived
from verifier.fetch.client import fetch_targets, open_session
from verifier.fetch.recording import RecordingSession
from verifier.models import NOT_RECORDED, EvidenceSummary, FetchResult, SourceText
from verifier.options import FetchOptions, Options
from verifier.text import read_source
from verifier.text_cache import TextCache


@dataclass(frozen=True, slots=True)
class ReadSources:
    """A shard's sources, fetched and read: by the URL cited."""

    fetched: dict[str, FetchResult]  # bodies dropped once read
    texts: dict[str, SourceText]
    previous: dict[str, tuple[SourceText, str]]  # a changed page's last recorded text, date
    evidence: EvidenceSummary


def read_sources(
    urls: list[str],
    opts: Options,
    dates: dict[str, str],
    on_fetched: Callable[[int, int], None] | None = None,
) -> ReadSources:
    """Fetch and read `urls` (`dates`: the citing article's, for archived copies), recording
    the evidence in the run's store unless a single cassette is replayed."""
    session = open_session(opts.fetch) if opts.fetch.cassette is None else None
    fetched, texts = _fetch_and_read(urls, opts, dates, session, on_fetched)
    previous = _recorded_texts(fetched, session)
    evidence = session.summary() if session is not None else _evidence(fetched, opts)
    return ReadSources(fetched, texts, previous, evidence)


_T = TypeVar("_T")


# vcrpy patches the HTTP client for the whole process: two threads replaying cassettes at
# once (shards on a multi-threaded Dask worker) would each see the other's patch come and go.
_CASSETTE_LOCK = threading.Lock()


def _cassette_lock(opts: Options) -> AbstractContextManager[Any]:
    """One cassette in use per process at a time; no lock without a cassette."""
    return _CASSETTE_LOCK if opts.fetch.cassette is not None else nullcontext()


def _run_sync(coroutine: Coroutine[Any, Any, _T]) -> _T:
    """`asyncio.run`, also when called from inside a running event loop (a notebook, an
    async scheduler): then the coroutine runs on a loop of its own in a helper thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _evidence(fetched: dict[str, FetchResult], opts: Options) -> EvidenceSummary:
    """What a single cassette gave this run: which sources were missing from it."""
    missing = frozenset(
        r.url
        for r in fetched.values()
        if r.failure is not None and r.failure.reason == NOT_RECORDED
    )
    store = opts.fetch.cassette
    replayed = frozenset(fetched) - missing if store is not None and opts.fetch.offline else None
    return EvidenceSummary(
        store=str(store) if store is not None else None,
        replayed_urls=replayed or frozenset(),
        missing_urls=missing,
    )


def _recorded_texts(
    fetched: dict[str, FetchResult], session: RecordingSession | None
) -> dict[str, tuple[SourceText, str]]:
    """The text each refetched-and-changed source had in its previous recording."""
    if session is None or not session.changes:
        return {}
    out = {}
    for url, result in fetched.items():
        old = session.changes.get(result.final_url)
        if old is None or result.archived is not None:
            continue
        headers = {name.lower(): ", ".join(values) for name, values in old.headers.items()}
        before = FetchResult(
            url=url,
            final_url=result.final_url,
            status=old.status,
            headers=headers,
            content=old.body,
        )
        out[url] = (read_source(before), old.date)
    return out


# Pages that were served but say nothing usable: an archived copy may still hold the text.
_ARCHIVE_WORTHY = frozenset({"soft 404", "blocked", "paywall", "script-only page", "empty page"})


def _fetch_and_read(
    urls: list[str],
    opts: Options,
    dates: dict[str, str],
    session: RecordingSession | None,
    on_fetched: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, FetchResult], dict[str, SourceText]]:
    """Fetch every URL and read each page as it arrives, keeping its text, not its body.

    A page's bytes are dropped once read, so a run's memory grows with the text of its
    sources, not with their HTML; identical bytes under several URLs are read once. With
    a text cache shared by the run's workers, a page another worker is reading is taken
    from the cache when it is done (`_Waiting`). A page that reads as unusable gets its
    archived copy.
    """
    cache = text_cache(opts.fetch)
    read: dict[str, SourceText] = {}  # by the URL actually fetched
    bodies: dict[tuple[str, bytes], SourceText] = {}  # one page under several URLs
    waiting = _Waiting(cache, bodies, read)

    def keep_text(result: FetchResult) -> FetchResult:
        text = _read_once(result, cache, bodies)
        if text is None:
            waiting.wait_for(result)
        else:
            read[result.url] = text
        waiting.collect()
        return replace(result, content=b"")

    fetch = fetch_all(
        urls, opts.fetch, dates=dates, session=session, on_result=keep_text, on_fetched=on_fetched
    )
    with _cassette_lock(opts):
        fetched = _run_sync(fetch)
    waiting.finish()
    targets = fetch_targets(urls, opts.fetch)
    texts = {url: replace(read[targets[url]], url=url) for url in fetched}
    return fetched, _read_archived(fetched, texts, opts, dates, session, cache)


def text_cache(fetch: FetchOptions) -> TextCache | None:
    """The texts shared by the run's workers, else the cache folder's, else none."""
    if fetch.shared_texts is not None:
        return TextCache(fetch.shared_texts, shared=True)
    return TextCache(fetch.cache_dir / "text") if fetch.cache_dir else None


@dataclass
class _Waiting:
    """Pages another worker of the run is reading: their texts, once in the shared cache."""

    cache: TextCache | None
    bodies: dict[tuple[str, bytes], SourceText]
    read: dict[str, SourceText]
    pending: list[tuple[FetchResult, str]] = field(default_factory=list)  # with its key

    def wait_for(self, result: FetchResult) -> None:
        """Keep `result` (its body too) until its text is in the cache."""
        self.pending.append((result, self.cache.key(result) if self.cache else ""))

    def collect(self) -> None:
        """Take the texts that are ready (or whose reader gave up: then read them here)."""
        still = []
        for result, key in self.pending:
            ready = self.cache is None or self.cache.ready(key)
            text = _read_once(result, self.cache, self.bodies) if ready else None
            if text is None and not (self.cache and self.cache.claimed(key)):
                text = _read_once(result, self.cache, self.bodies)
            if text is None:
                still.append((result, key))
            else:
                self.read[result.url] = text
        self.pending = still

    def finish(self) -> None:
        while self.pending:
            self.collect()
            if self.pending:
                time.sleep(0.02)


def _read_archived(
    fetched: dict[str, FetchResult],
    texts: dict[str, SourceText],
    opts: Options,
    dates: dict[str, str],
    session: RecordingSession | None,
    cache: TextCache | None,
) -> dict[str, SourceText]:
    """For a page that was served but reads as unusable, its archived copy's text."""
    retry = [url for url, text in texts.items() if _archive_worthy(text, fetched[url])]
    if not retry or not opts.fetch.archive:
        return texts
    with _cassette_lock(opts):
        archived = _run_sync(fetch_archived(retry, opts.fetch, dates=dates, session=session))
    for url, result in archived.items():
        copy = _read(result, cache) or read_source(result)  # rare: read here too
        if result.ok and copy.failure is None:
            texts[url] = replace(copy, url=url)
    return texts


def _archive_worthy(text: SourceText, fetched: FetchResult) -> bool:
    """Served, but unusable as read (`_ARCHIVE_WORTHY`), and not already an archived copy."""
    return (
        text.failure is not None
        and text.failure.reason in _ARCHIVE_WORTHY
        and fetched.ok
        and text.archived is None
    )


def _read_once(
    fetched: FetchResult, cache: TextCache | None, bodies: dict[tuple[str, bytes], SourceText]
) -> SourceText | None:
    """`_read`, once per distinct body: the same page under several URLs (syndicated copy,
    tracking parameters, mirrors) is read once. A page that reads as unusable is read again
    per URL, because its failure names the URL. None: another worker of the run is reading
    these bytes (see `TextCache.claim`)."""
    if not fetched.ok:
        return _read(fetched, cache)
    key = (fetched.content_type, hashlib.sha256(fetched.content).digest())
    known = bodies.get(key)
    if known is not None:
        return replace(
            known, url=fetched.url, final_url=fetched.final_url, archived=fetched.archived
        )
    text = _read(fetched, cache)
    if text is not None and text.failure is None:
        bodies[key] = text
    return text


def _read(fetched: FetchResult, cache: TextCache | None) -> SourceText | None:
    """`read_source`, remembered across runs when a cache folder is set; None when another
    worker sharing the cache is reading the same bytes."""
    if cache is None or not fetched.ok:
        return read_source(fetched)
    text = cache.get(fetched)
    if text is None:
        if not cache.claim(fetched):
            return None
        try:
            text = read_source(fetched)
        except BaseException:
            cache.release(fetched)
            raise
        cache.put(fetched, text)
    return text
