"""The async fetch core: bounded, paced, deadline-bound, and never raising for a bad URL.

The decisions live in pure modules (`retry`, `classify`, `safety`, `archive`, `body`);
this module only sequences them: dedupe and remap the URLs, then per URL: cache, robots,
the redirect chain (each hop checked and paced), the retry loop, the archive fallback.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import httpcore
import httpx
from courlan import normalize_url
from protego import Protego

from verifier.errors import ConfigError
from verifier.fetch import archive, classify
from verifier.fetch.body import BodyTooLargeError, BoundedDecoder, UnsupportedEncodingError
from verifier.fetch.cache import ResponseCache
from verifier.fetch.cassette import can_play, use_cassette
from verifier.fetch.recording import (
    ClientTransport,
    RecordingSession,
    StorePolicy,
    StoreTransport,
)
from verifier.fetch.retry import HostPace, RetryPolicy, retry_delay
from verifier.fetch.safety import AddressPolicy, GuardedBackend, Resolver, check_url, system_resolve
from verifier.fetch.store import EvidenceError, EvidenceStore
from verifier.models import ArchiveCapture, FetchFailure, FetchResult
from verifier.options import FetchOptions
from verifier.safe_regex import regex_problem

# Sees each result as it arrives and returns what `fetch_all` keeps (see there).
ResultHook = Callable[[FetchResult], FetchResult]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"
ACCEPT_ENCODING = "gzip, deflate"  # fixed, so cassettes do not depend on installed codecs
ERROR_BODY_CAP = 256 * 1024  # the body of an error page is kept (the reader may use it)
ROBOTS_CAP = 512 * 1024
EXCLUDED = "excluded by configuration"  # an exclude-urls pattern matched: never fetched
# Told as each distinct source completes: (done, total). Drives the CLI's progress bar.
OnFetched = Callable[[int, int], None]


def request_headers(options: FetchOptions) -> dict[str, str]:
    return {"User-Agent": options.user_agent, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING}


def host_headers(options: FetchOptions, url: str) -> dict[str, str]:
    """The configured headers for the URL's host and the domains above it (nearest wins)."""
    host = (httpx.URL(url).host or "").lower().rstrip(".")

    def applies(domain: str) -> bool:
        return host == domain or host.endswith("." + domain)

    out: dict[str, str] = {}
    for domain, headers in sorted(options.host_headers, key=lambda item: len(item[0])):
        if applies(domain):
            out.update(headers)
    cookies: dict[str, str] = {}
    for domain, jar in sorted(options.host_cookies, key=lambda item: len(item[0])):
        if applies(domain):
            cookies.update(jar)
    if cookies:
        out["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    return out


def secret_header_names(options: FetchOptions) -> list[str]:
    """Header names that must never reach a cassette: the configured per-host ones."""
    return sorted({name.lower() for _, headers in options.host_headers for name, _ in headers})


def excluded(options: FetchOptions, url: str) -> str | None:
    """The exclude-urls pattern that matches the URL, if any."""
    return next((p for p in options.exclude_urls if re.search(p, url)), None)


# ---------------------------------------------------------------------------
# transport: the address guard and a raw-size cap under vcrpy


class _CappedStream:
    """Stops a raw body after `cap` bytes, so even vcrpy's recorder never reads more."""

    def __init__(self, inner: Any, cap: int) -> None:
        self._inner = inner
        self._cap = cap

    async def __aiter__(self) -> AsyncIterator[bytes]:
        seen = 0
        async for chunk in self._inner:
            if seen + len(chunk) > self._cap:
                yield chunk[: self._cap - seen]
                return
            seen += len(chunk)
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


class _CappedPool(httpcore.AsyncConnectionPool):
    """httpcore's pool with a raw-size cap on bodies, and linear request assignment.

    httpcore 1.0's `_assign_requests_to_connections` is quadratic in the number of
    connections (it recounts the idle ones for every connection, on every request start
    and end) and hands one idle HTTP/1.1 connection to every queued request, which then
    all but one retry: at 128 connections that cost ~20 ms of CPU per request, capping a
    run at ~40 requests/s (bench/fetch.py). This override does the same job in one pass,
    gives each idle connection to one request, and never closes a connection it has just
    handed out (the fixes of httpx2 #974/#1075 and httpcore #1035/#1111).
    """

    def __init__(self, *, raw_cap: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._raw_cap = raw_cap

    def _assign_requests_to_connections(self) -> list[httpcore.AsyncConnectionInterface]:
        # A connection handed to a request that has not started on it yet still looks idle:
        # it is spoken for, neither to be handed out again nor closed.
        taken = {id(r.connection) for r in self._requests if r.connection is not None}
        closing = self._close_idle_surplus(taken)
        queued = [request for request in self._requests if request.is_queued()]
        if not queued:
            return closing
        # Expiry (which polls the socket) is checked only for a connection about to be
        # reused, not for every connection on every pass.
        available = [c for c in self._connections if c.is_available() and id(c) not in taken]
        for pool_request in queued:
            origin = pool_request.request.url.origin
            connection = self._reusable(origin, available, taken, closing)
            if connection is None:
                connection = self._new_connection(origin, taken, closing)
            if connection is None:
                break  # nothing free: the rest stay queued
            taken.add(id(connection))
            pool_request.assign_to_connection(connection)
        return closing

    def _close_idle_surplus(self, taken: set[int]) -> list[httpcore.AsyncConnectionInterface]:
        """Drop closed connections, and idle ones beyond the keep-alive limit (returned)."""
        closing: list[httpcore.AsyncConnectionInterface] = []
        connections = [c for c in self._connections if not c.is_closed()]
        if len(connections) > self._max_keepalive_connections:  # else no idle surplus
            idle_count = sum(1 for c in connections if id(c) not in taken and c.is_idle())
            kept = []
            for connection in connections:
                if (
                    idle_count > self._max_keepalive_connections
                    and id(connection) not in taken
                    and connection.is_idle()
                ):
                    closing.append(connection)
                    idle_count -= 1
                else:
                    kept.append(connection)
            connections = kept
        self._connections[:] = connections
        return closing

    def _reusable(
        self,
        origin: httpcore.Origin,
        available: list[httpcore.AsyncConnectionInterface],
        taken: set[int],
        closing: list[httpcore.AsyncConnectionInterface],
    ) -> httpcore.AsyncConnectionInterface | None:
        """A free connection to `origin`; expired ones met on the way are closed."""
        for candidate in available:
            if id(candidate) in taken or not candidate.can_handle_request(origin):
                continue
            taken.add(id(candidate))
            if candidate.has_expired():
                self._connections.remove(candidate)
                closing.append(candidate)
                continue
            return candidate
        return None

    def _new_connection(
        self,
        origin: httpcore.Origin,
        taken: set[int],
        closing: list[httpcore.AsyncConnectionInterface],
    ) -> httpcore.AsyncConnectionInterface | None:
        """A new connection, closing an idle one if the pool is full; None if none is idle."""
        if len(self._connections) >= self._max_connections:
            spare = next((c for c in self._connections if c.is_idle() and id(c) not in taken), None)
            if spare is None:
                return None
            self._connections.remove(spare)
            closing.append(spare)
            taken.add(id(spare))
        connection = self.create_connection(origin)
        self._connections.append(connection)
        return connection

    async def handle_async_request(self, request: httpcore.Request) -> httpcore.Response:
        response = await super().handle_async_request(request)
        return httpcore.Response(
            status=response.status,
            headers=response.headers,
            content=_CappedStream(response.stream, self._raw_cap),
            extensions=response.extensions,
        )


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a pool whose every connection goes through `GuardedBackend`.

    It subclasses `AsyncHTTPTransport` without overriding `handle_async_request`, so vcrpy's
    patch of that method (record and replay) applies to it unchanged.
    """

    def __init__(
        self,
        *,
        policy: AddressPolicy,
        offline: bool,
        limits: httpx.Limits,
        raw_cap: int,
        resolver: Resolver = system_resolve,
    ) -> None:
        # The pool the parent builds is replaced at once; verify=False only spares loading
        # the CA store twice. The pool below verifies certificates.
        super().__init__(limits=limits, trust_env=False, verify=False)
        self._pool = _CappedPool(
            raw_cap=raw_cap,
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(policy, offline=offline, resolver=resolver),
        )


def build_client(
    options: FetchOptions,
    *,
    policy: AddressPolicy | None = None,
    resolver: Resolver = system_resolve,
    session: RecordingSession | None = None,
) -> httpx.AsyncClient:
    """The client `fetch_all` uses when none is given: guarded, no env proxies, no redirects.

    With a `session`, the evidence store answers recorded URLs in front of the network.
    """
    limits = httpx.Limits(
        max_connections=options.concurrency,
        max_keepalive_connections=options.concurrency,
        keepalive_expiry=5.0,
    )
    transport = GuardedTransport(
        policy=policy or AddressPolicy(allow_private=options.allow_private_hosts),
        offline=options.offline,
        limits=limits,
        raw_cap=options.max_bytes + 1,
        resolver=resolver,
    )
    timeout = httpx.Timeout(
        connect=options.connect_timeout,
        read=options.read_timeout,
        write=options.read_timeout,
        pool=options.request_timeout,
    )
    return httpx.AsyncClient(
        transport=transport if session is None else StoreTransport(session, transport),
        timeout=timeout,
        headers=request_headers(options),
        follow_redirects=False,
        trust_env=False,
    )


# ---------------------------------------------------------------------------
# the fetcher


@dataclass(frozen=True, slots=True)
class _Hop:
    """What one HTTP request gave: a response (maybe a redirect), or a failure."""

    url: str
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    content: bytes = b""
    location: str | None = None
    failure: FetchFailure | None = None


@dataclass(slots=True)
class _Host:
    slots: asyncio.Semaphore
    pace: HostPace


def strip_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def prepare_url(url: str, remap: Iterable[tuple[re.Pattern[str], str]]) -> str:
    """The URL actually fetched: remap substitutions applied, fragment dropped."""
    for pattern, replacement in remap:
        url = pattern.sub(replacement, url)
    return strip_fragment(url.strip())


def source_key(url: str) -> str:
    """What makes two URLs the same source: courlan's normalisation (tracking parameters
    such as utm_* and fbclid dropped, query sorted, host lower-cased), fragment ignored."""
    try:
        return strip_fragment(normalize_url(url))
    except (ValueError, AttributeError, TypeError):  # courlan refuses some odd URLs
        return url


def host_key(url: str) -> str:
    """What per-host limits are keyed on: the host and port, lower-cased."""
    try:
        return httpx.URL(url).netloc.decode("ascii").lower()
    except (httpx.InvalidURL, UnicodeDecodeError, TypeError):
        return url


def interleave_by_host(urls: Iterable[str]) -> list[str]:
    """The URLs in round-robin order over their hosts, each host's own order kept."""
    queues: dict[str, list[str]] = {}
    for url in urls:
        queues.setdefault(host_key(url), []).append(url)
    order: list[str] = []
    columns = list(queues.values())
    for i in range(max((len(q) for q in columns), default=0)):
        order.extend(q[i] for q in columns if i < len(q))
    return order


def compile_remap(remap: Iterable[tuple[str, str]]) -> list[tuple[re.Pattern[str], str]]:
    compiled = []
    for pattern, replacement in remap:
        problem = regex_problem(pattern)
        if problem is not None:
            raise ConfigError(f"remap pattern {pattern!r} refused: {problem}")
        try:
            compiled.append((re.compile(pattern), replacement))
        except re.error as exc:
            raise ConfigError(f"remap pattern {pattern!r} is not a valid regex: {exc}") from exc
    return compiled


class Fetcher:
    """Fetches URLs under one run's limits. Use through `fetch_all`; tests may build one."""

    def __init__(
        self,
        options: FetchOptions,
        client: httpx.AsyncClient,
        *,
        cassette: Any = None,
        cache: ResponseCache | None = None,
        policy: AddressPolicy | None = None,
        rng: random.Random | None = None,
        session: RecordingSession | None = None,
    ) -> None:
        self.options = options
        self.client = client
        self.cassette = cassette
        self.session = session
        self.cache = cache
        self.policy = policy or AddressPolicy(allow_private=options.allow_private_hosts)
        self.rng = rng or random.Random()
        self.retry = RetryPolicy(options.max_retries, options.retry_wait, options.max_retry_after)
        self.headers = request_headers(options)
        self._global = asyncio.Semaphore(max(1, options.concurrency))
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, asyncio.Task[Protego | None]] = {}
        self.deadline = asyncio.get_running_loop().time() + options.run_timeout

    def close(self) -> None:
        """Cancel what is still pending (robots.txt loads shared between URLs)."""
        for task in self._robots.values():
            task.cancel()

    # -- one URL, start to end ---------------------------------------------------------

    async def fetch(
        self, url: str, date: str | None = None, *, archive_only: bool = False
    ) -> FetchResult:
        """Fetch one (prepared) URL; every outcome is a `FetchResult`, never an exception.

        With `archive_only`, skip the live page and read its archived capture directly.
        """
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            async with asyncio.timeout_at(self.deadline):
                if archive_only:
                    archived, note = await self.fetch_archived(url, date)
                    result = archived or _failed(
                        url, FetchFailure(classify.NOT_ARCHIVED, f"{url}: {note}")
                    )
                else:
                    result = await self._fetch(url, date)
        except TimeoutError:
            result = _failed(
                url,
                FetchFailure(
                    classify.TIMEOUT,
                    f"{url}: the run's fetch deadline ({self.options.run_timeout:g} s) passed",
                ),
            )
        except Exception as exc:  # a bug must not take the other URLs down with it
            result = _failed(url, classify.classify_exception(exc, url))
        return replace(result, elapsed=loop.time() - started)

    async def _fetch(self, url: str, date: str | None) -> FetchResult:
        # A recording run must see the network, and a recorded URL is answered by its
        # recording; otherwise the cache also works beside a store.
        recording = self.session is not None and self.session.policy.record
        use_cache = (
            self.cache is not None
            and self.cassette is None
            and not self.options.offline
            and not recording
            and not self._recorded(url)
        )
        if use_cache and self.cache is not None:
            cached = self.cache.get(url)
            if cached is not None:
                return cached
        result = await self.fetch_live(url, robots=self.options.respect_robots)
        failure = result.failure
        if failure is not None and self.options.archive and archive.should_try(failure.reason):
            archived, note = await self.fetch_archived(url, date)
            if archived is not None:
                result = archived
            else:
                result = replace(
                    result, failure=replace(failure, detail=f"{failure.detail}; {note}")
                )
        if use_cache and self.cache is not None and result.ok:
            self.cache.put(result)
        return result

    async def fetch_live(self, url: str, *, robots: bool = False) -> FetchResult:
        """The URL itself, with its redirects and retries (no archive, no cache)."""
        loop = asyncio.get_running_loop()
        attempt = 0
        while True:
            result = await self._follow(url, robots=robots)
            delay = retry_delay(
                attempt=attempt,
                policy=self.retry,
                status=result.status,
                reason=result.failure.reason if result.failure else None,
                headers=result.headers,
                now=time.time(),
                rng=self.rng,
            )
            if result.status == 429:
                host = self._host(result.final_url)
                host.pace.on_throttled(loop.time(), delay or 0.0)
            if delay is None or loop.time() + delay >= self.deadline:
                return result
            attempt += 1
            await asyncio.sleep(delay)

    async def fetch_archived(self, url: str, date: str | None) -> tuple[FetchResult | None, str]:
        """The Internet Archive's capture of `url` nearest `date`: (result, why not)."""
        lookup = archive.lookup_url(url, date)
        hop = await self._request(lookup)
        capture = archive.parse_capture(hop.location, lookup) if hop.location else None
        if capture is None:
            why = hop.failure.reason if hop.failure else f"HTTP {hop.status}"
            return None, f"no archived copy ({why})"
        timestamp, original = capture
        result = await self.fetch_live(archive.raw_url(timestamp, original))
        if result.failure is not None:
            return None, f"archived copy unreadable ({result.failure.reason})"
        final = archive.parse_capture(result.final_url)
        return (
            replace(
                result,
                url=url,
                archived=ArchiveCapture(
                    url=result.final_url, timestamp=final[0] if final else timestamp
                ),
            ),
            "",
        )

    # -- the redirect chain --------------------------------------------------------------

    async def _follow(self, url: str, *, robots: bool) -> FetchResult:
        seen = {url}
        current = url
        for _ in range(self.options.max_redirects + 1):
            if robots and not await self._robots_allow(current):
                return _failed(
                    url,
                    FetchFailure(classify.ROBOTS, f"{current}: robots.txt disallows it"),
                    final_url=current,
                )
            hop = await self._request(current)
            if hop.location is None:
                failure = hop.failure
                if failure is not None and current != url:
                    failure = replace(failure, detail=f"{failure.detail} (redirected from {url})")
                return FetchResult(
                    url=url,
                    final_url=current,
                    status=hop.status,
                    headers=hop.headers,
                    content=hop.content,
                    failure=failure,
                )
            target = strip_fragment(hop.location)
            if target in seen:
                return _failed(
                    url,
                    FetchFailure(classify.REDIRECT_LOOP, f"{current} redirects back to {target}"),
                    final_url=current,
                    status=hop.status,
                )
            seen.add(target)
            current = target
        return _failed(
            url,
            FetchFailure(
                classify.TOO_MANY_REDIRECTS,
                f"{url}: more than {self.options.max_redirects} redirects (last: {current})",
            ),
            final_url=current,
        )

    # -- one request -------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        key = host_key(url)
        host = self._hosts.get(key)
        if host is None:
            host = _Host(
                asyncio.Semaphore(max(1, self.options.per_host_concurrency)),
                HostPace(self.options.host_interval, cap=max(self.options.max_retry_after, 1.0)),
            )
            self._hosts[key] = host
        return host

    async def _request(self, url: str, *, cap: int | None = None) -> _Hop:
        """One GET, checked, paced and bounded in time; redirects are not followed."""
        refused = check_url(url, self.policy)
        if refused is not None:
            return _Hop(url, failure=FetchFailure(*refused))
        try:
            replay = self.session is not None and self.session.replayable(url)
        except EvidenceError as exc:
            return _Hop(url, failure=FetchFailure(classify.BROKEN_RECORDING, str(exc)))
        if self.options.offline and not replay and not self._in_cassette(url):
            if self.session is not None:
                self.session.missing.add(url)
            return _Hop(url, failure=FetchFailure(classify.NOT_RECORDED, f"{url}: offline run"))
        if replay:  # the store is local: no host slot, no pacing
            return await self._timed(url, cap)
        host = self._host(url)
        loop = asyncio.get_running_loop()
        async with host.slots:
            wait = host.pace.reserve(loop.time())
            if wait > 0:
                await asyncio.sleep(wait)
            async with self._global:
                hop = await self._timed(url, cap)
        if hop.status is not None and hop.status < 400:
            host.pace.on_success()
        return hop

    def _recorded(self, url: str) -> bool:
        """Whether the store answers `url` (a broken recording is reported by `_request`)."""
        try:
            return self.session is not None and self.session.replayable(url)
        except EvidenceError:
            return False

    def _in_cassette(self, url: str) -> bool:
        return self.cassette is not None and bool(can_play(self.cassette, "GET", url))

    async def _timed(self, url: str, cap: int | None) -> _Hop:
        """One send under the request deadline; an exception becomes the hop's failure."""
        try:
            async with asyncio.timeout(self.options.request_timeout):
                return await self._send(url, cap)
        except TimeoutError:
            return _Hop(
                url,
                failure=FetchFailure(
                    classify.TIMEOUT,
                    f"{url}: no complete answer within {self.options.request_timeout:g} s",
                ),
            )
        except Exception as exc:
            return _Hop(url, failure=classify.classify_exception(exc, url))

    async def _send(self, url: str, cap: int | None) -> _Hop:
        headers = {**self.headers, **host_headers(self.options, url)}
        request = self.client.build_request("GET", url, headers=headers)
        response = await self.client.send(request, stream=True, follow_redirects=False)
        try:
            return await self._read(url, response, cap)
        finally:
            await response.aclose()

    async def _read(self, url: str, response: httpx.Response, cap: int | None) -> _Hop:
        status = response.status_code
        headers = {k: v for k, v in response.headers.items()}
        location = response.headers.get("location")
        if status in REDIRECT_STATUSES and location:
            try:
                target = str(response.url.join(location))
            except (httpx.InvalidURL, ValueError):
                return _Hop(
                    url,
                    status,
                    headers,
                    failure=FetchFailure(classify.INVALID_URL, f"{url}: bad Location {location!r}"),
                )
            return _Hop(url, status, headers, location=target)
        ok = 200 <= status < 300 or status in self.options.accept_statuses
        if ok:
            refused = classify.check_declared_type(headers)
            if refused is not None:
                return _Hop(
                    url,
                    status,
                    headers,
                    failure=replace(refused, detail=f"{url}: {refused.detail}"),
                )
        limit = cap if cap is not None else (self.options.max_bytes if ok else ERROR_BODY_CAP)
        try:
            decoder = BoundedDecoder.for_header(headers.get("content-encoding"), limit)
        except UnsupportedEncodingError as exc:
            failure = FetchFailure(
                f"{classify.UNSUPPORTED} (encoding {exc})", f"{url}: Content-Encoding {exc}"
            )
            return _Hop(url, status, headers, failure=failure)
        body = bytearray()
        try:
            async for chunk in response.aiter_raw():
                body += decoder.feed(chunk)
            body += decoder.flush()
        except BodyTooLargeError:
            if ok:
                failure = FetchFailure(
                    classify.TOO_LARGE, f"{url}: body larger than {limit:,} bytes (decoded)"
                )
                return _Hop(url, status, headers, failure=failure)
        except ValueError as exc:  # corrupt compression
            failure = FetchFailure(classify.CONNECTION_ERROR, f"{url}: {exc}")
            return _Hop(url, status, headers, failure=failure)
        content = bytes(body)
        if ok:
            return _Hop(
                url, status, headers, content, failure=classify.check_body(headers, content, url)
            )
        return _Hop(
            url,
            status,
            headers,
            content,
            failure=classify.classify_status(status, response.headers, url),
        )

    # -- robots.txt ----------------------------------------------------------------------

    async def _robots_allow(self, url: str) -> bool:
        parsed = httpx.URL(url)
        origin = f"{parsed.scheme}://{parsed.netloc.decode('ascii')}"
        task = self._robots.get(origin)
        if task is None:
            task = asyncio.ensure_future(self._load_robots(origin))
            self._robots[origin] = task
        rules = await asyncio.shield(task)
        return rules is None or bool(rules.can_fetch(url, self.options.user_agent))

    async def _load_robots(self, origin: str) -> Protego | None:
        """The origin's rules; None (allow all) when it has none or they cannot be read.

        Protego, not the standard library's parser: it follows RFC 9309 and Google's
        conventions, wildcards (`/*.pdf$`) and longest-match precedence included.
        """
        current = f"{origin}/robots.txt"
        hop = _Hop(current)
        for _ in range(5):
            hop = await self._request(current, cap=ROBOTS_CAP)
            if hop.location is None:
                break
            current = hop.location
        if hop.status is None or not 200 <= hop.status < 300 or hop.location is not None:
            return None
        return Protego.parse(hop.content.decode("utf-8", errors="replace"))


def _failed(
    url: str, failure: FetchFailure, *, final_url: str | None = None, status: int | None = None
) -> FetchResult:
    return FetchResult(url=url, final_url=final_url or url, status=status, failure=failure)


# ---------------------------------------------------------------------------
# the stage's interface


async def fetch_all(
    urls: Iterable[str],
    options: FetchOptions,
    *,
    dates: Mapping[str, str] | None = None,
    client: httpx.AsyncClient | None = None,
    policy: AddressPolicy | None = None,
    resolver: Resolver = system_resolve,
    session: RecordingSession | None = None,
    on_result: ResultHook | None = None,
    on_fetched: OnFetched | None = None,
) -> dict[str, FetchResult]:
    """Fetch every URL once; a `FetchResult` for each requested URL, keyed as given.

    `dates` maps a URL to the citing article's ISO date, for the archive lookup. A given
    `client` is used as is (its transport decides the address checks); by default one is
    built with `build_client`. `policy` and `resolver` exist for tests and intranets.
    `session` is the run's use of the evidence store (see `open_session`); without one, the
    store named by `options.store` is opened for this call. `on_result` sees each result as
    it arrives (keyed by the URL actually fetched) and returns what to keep: a caller that
    reads each page at once can drop its body, so memory does not grow with the run.
    `on_fetched(done, total)` is called as each distinct source completes (a progress bar
    per source, not per stage). Raises only for configuration errors (an invalid remap
    regex or record mode).
    """
    return await _fetch_many(
        urls,
        options,
        dates,
        client,
        policy,
        resolver,
        session,
        on_result,
        archive_only=False,
        on_fetched=on_fetched,
    )


async def fetch_archived(
    urls: Iterable[str],
    options: FetchOptions,
    *,
    dates: Mapping[str, str] | None = None,
    client: httpx.AsyncClient | None = None,
    policy: AddressPolicy | None = None,
    resolver: Resolver = system_resolve,
    session: RecordingSession | None = None,
    on_result: ResultHook | None = None,
) -> dict[str, FetchResult]:
    """The Internet Archive capture of each URL nearest its date, skipping the live page.

    For pages that came back but turned out unusable when read (a soft 404, a challenge
    page): the reading stage decides that, then asks for the archived copy here. A URL
    without a capture gets the failure "no archived copy". Same limits, safety rules,
    cassette and deadlines as `fetch_all`; `options.archive` is not consulted.
    """
    return await _fetch_many(
        urls, options, dates, client, policy, resolver, session, on_result, archive_only=True
    )


async def _fetch_many(
    urls: Iterable[str],
    options: FetchOptions,
    dates: Mapping[str, str] | None,
    client: httpx.AsyncClient | None,
    policy: AddressPolicy | None,
    resolver: Resolver,
    session: RecordingSession | None,
    on_result: ResultHook | None,
    *,
    archive_only: bool,
    on_fetched: OnFetched | None = None,
) -> dict[str, FetchResult]:
    requested = list(dict.fromkeys(urls))
    prepared = fetch_targets(requested, options)
    targets = list(dict.fromkeys(prepared.values()))
    skipped = {t: p for t in targets if (p := excluded(options, t)) is not None}
    targets = [t for t in targets if t not in skipped]
    keep = on_result or (lambda result: result)
    if session is None and options.store is not None and options.cassette is None:
        session = open_session(options)
    if options.offline and options.cassette is None and session is None:
        nothing = {t: keep(_not_recorded(t)) for t in [*targets, *skipped]}
        return {url: replace(nothing[prepared[url]], url=url) for url in requested}

    first_date = _first_dates(prepared, dates or {})
    order = interleave_by_host(targets)
    if session is not None:
        session.expect(order)
    by_target: dict[str, FetchResult] = {}
    async with contextlib.AsyncExitStack() as stack:
        fetcher = await _open_fetcher(stack, options, client, policy, resolver, session)

        async def run(target: str) -> None:
            result = await fetcher.fetch(target, first_date.get(target), archive_only=archive_only)
            by_target[target] = keep(result)
            if on_fetched is not None:
                on_fetched(len(by_target), len(targets))

        try:
            await _bounded(run, order, max(64, 4 * options.concurrency))
        finally:
            fetcher.close()
    for target, pattern in skipped.items():
        detail = f"{target}: matches exclude-urls pattern {pattern!r}"
        by_target[target] = keep(_failed(target, FetchFailure(EXCLUDED, detail)))
    return {url: replace(by_target[prepared[url]], url=url) for url in requested}


def _not_recorded(target: str) -> FetchResult:
    detail = f"{target}: offline run without a cassette"
    return _failed(target, FetchFailure(classify.NOT_RECORDED, detail))


def _first_dates(prepared: Mapping[str, str], dates: Mapping[str, str]) -> dict[str, str]:
    """Each fetched URL's date (for the archive lookup): that of the first URL citing it."""
    first_date: dict[str, str] = {}
    for url, target in prepared.items():
        when = dates.get(url) or dates.get(target)
        if when and target not in first_date:
            first_date[target] = when
    return first_date


async def _open_fetcher(
    stack: contextlib.AsyncExitStack,
    options: FetchOptions,
    client: httpx.AsyncClient | None,
    policy: AddressPolicy | None,
    resolver: Resolver,
    session: RecordingSession | None,
) -> Fetcher:
    """A Fetcher over the run's cassette or store, with its client; closed with `stack`."""
    cassette = None
    if options.cassette is not None:
        mode = "none" if options.offline else (options.record_mode or "once")
        cassette = stack.enter_context(
            use_cassette(
                options.cassette,
                mode,
                max_bytes=options.max_bytes,
                secret_headers=secret_header_names(options),
            )
        )
    if client is None:
        client = await stack.enter_async_context(
            build_client(options, policy=policy, resolver=resolver, session=session)
        )
    elif session is not None:
        client = await stack.enter_async_context(
            httpx.AsyncClient(transport=StoreTransport(session, ClientTransport(client)))
        )
    cache = None
    if options.cache_dir is not None:
        cache = ResponseCache(options.cache_dir, options.cache_max_age)
    return Fetcher(options, client, cassette=cassette, cache=cache, policy=policy, session=session)


async def _bounded(
    run: Callable[[str], Awaitable[None]], targets: Iterable[str], window: int
) -> None:
    """`run` each target with at most `window` tasks alive, not one per URL up front: memory
    stays flat in N. (The caller's round-robin over hosts keeps one big host from filling
    the window.)"""
    pending: set[asyncio.Task[None]] = set()
    try:
        for target in targets:
            if len(pending) >= window:
                _, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            pending.add(asyncio.ensure_future(run(target)))
        if pending:
            await asyncio.gather(*pending)
    finally:
        for task in pending:
            task.cancel()


def fetch_targets(urls: Iterable[str], options: FetchOptions) -> dict[str, str]:
    """The URL actually fetched for each requested one: remapped, without its fragment, and
    shared by URLs that differ only by tracking parameters, query order or host case (the
    first one's, as written)."""
    remap = compile_remap(options.remap)
    canonical: dict[str, str] = {}
    return {
        url: canonical.setdefault(source_key(target), target)
        for url in dict.fromkeys(urls)
        for target in (prepare_url(url, remap),)
    }


def open_session(options: FetchOptions) -> RecordingSession | None:
    """The run's use of the store named by `options.store` (None when there is none)."""
    if options.store is None:
        return None
    policy = StorePolicy.from_options(options)
    store = EvidenceStore.open(options.store, create=policy.record)
    return RecordingSession(store, policy, max_bytes=options.max_bytes)


def fetch_all_sync(
    urls: Iterable[str],
    options: FetchOptions,
    *,
    dates: Mapping[str, str] | None = None,
    session: RecordingSession | None = None,
    on_result: ResultHook | None = None,
    on_fetched: OnFetched | None = None,
) -> dict[str, FetchResult]:
    """`fetch_all` for callers without an event loop."""
    return asyncio.run(
        fetch_all(
            urls,
            options,
            dates=dates,
            session=session,
            on_result=on_result,
            on_fetched=on_fetched,
        )
    )
