"""The hostile-server suite: real HTTP servers on 127.0.0.1, each misbehaving one way.

All of them are fetched in ONE run, next to well-behaved pages: each must come back with
its documented reason, within its time bound, and the good pages must be unaffected.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import http.server
import ipaddress
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import pytest

from verifier.fetch import AddressPolicy, fetch_all
from verifier.models import FetchResult
from verifier.options import FetchOptions

Behaviour = Callable[["Handler", int], None]  # (handler, index of this request on the server)


class Handler(http.server.BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:
        with self.server.lock:
            index = len(self.server.hits)
            self.server.hits.append(self.path)
            self.server.in_flight += 1
            self.server.max_in_flight = max(self.server.max_in_flight, self.server.in_flight)
        try:
            self.server.behaviour(self, index)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass
        finally:
            with self.server.lock:
                self.server.in_flight -= 1

    def send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, behaviour: Behaviour) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.behaviour = behaviour
        self.hits: list[str] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.in_flight = 0
        self.max_in_flight = 0
        self.thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the clients in these tests hang up on purpose

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
        self.thread.join(5)


@contextlib.contextmanager
def serving(*behaviours: Behaviour) -> Iterator[list[Server]]:
    servers = [Server(b) for b in behaviours]
    for server in servers:
        server.__enter__()
    try:
        yield servers
    finally:
        for server in servers:
            server.stopping.set()
        for server in servers:
            server.__exit__(None, None, None)


# ---------------------------------------------------------------------------
# the misbehaviours

PAGE = (
    b"<html><head><title>A page</title></head><body><p>Ecuador signed the deal.</p></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + b"\x00" * 200
BOMB = gzip.compress(b"\x00" * (8 * 1024 * 1024), compresslevel=9)  # 8 MiB in ~8 KiB


def good(h: Handler, i: int) -> None:
    h.send(200, PAGE)


def pdf(h: Handler, i: int) -> None:
    h.send(200, b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n", {"Content-Type": "application/pdf"})


def slow_drip(h: Handler, i: int) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    while not h.server.stopping.is_set():
        h.wfile.write(b"x")
        h.wfile.flush()
        time.sleep(0.05)  # always within the read timeout: only the total deadline stops it


def never_answers(h: Handler, i: int) -> None:
    h.server.stopping.wait(30)


def reset(h: Handler, i: int) -> None:
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.close_connection = True


def redirect_loop(h: Handler, i: int) -> None:
    h.send(302, b"", {"Location": "/b" if h.path == "/a" else "/a"})


def endless_redirects(h: Handler, i: int) -> None:
    n = int(h.path.rsplit("/", 1)[-1] or 0)
    h.send(302, b"", {"Location": f"/hop/{n + 1}"})


def to_metadata(h: Handler, i: int) -> None:
    h.send(302, b"", {"Location": "http://169.254.169.254/latest/meta-data/"})


def to_private_name(h: Handler, i: int) -> None:
    h.send(302, b"", {"Location": "http://intranet.test/admin"})  # resolves to 10.0.0.5


def rate_limited_then_ok(h: Handler, i: int) -> None:
    if i < 2:
        h.send(429, b"slow down", {"Retry-After": "1"})
    else:
        h.send(200, PAGE)


def always_rate_limited(h: Handler, i: int) -> None:
    h.send(429, b"slow down", {"Retry-After": "1"})


def flapping(h: Handler, i: int) -> None:
    if i < 2:
        h.send(503, b"busy")
    else:
        h.send(200, PAGE)


def always_503(h: Handler, i: int) -> None:
    h.send(503, b"down")


def gzip_bomb(h: Handler, i: int) -> None:
    h.send(200, BOMB, {"Content-Encoding": "gzip"})


def endless_body(h: Handler, i: int) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()  # no length: the body ends when the connection does, i.e. never
    chunk = b"<p>" + b"a" * 65536 + b"</p>"
    while not h.server.stopping.is_set():
        h.wfile.write(chunk)


def not_found(h: Handler, i: int) -> None:
    h.send(404, b"<html>Not here</html>")


def gone(h: Handler, i: int) -> None:
    h.send(410, b"<html>Gone</html>")


def binary_as_html(h: Handler, i: int) -> None:
    h.send(200, PNG, {"Content-Type": "text/html"})


def declared_video(h: Handler, i: int) -> None:
    h.send(200, b"\x00" * 5000, {"Content-Type": "video/mp4"})


def empty(h: Handler, i: int) -> None:
    h.send(200, b"")


def challenge(h: Handler, i: int) -> None:
    h.send(403, b"<html>Just a moment...</html>", {"cf-mitigated": "challenge"})


def unauthorized(h: Handler, i: int) -> None:
    h.send(401, b"<html>Log in</html>")


def payment_required(h: Handler, i: int) -> None:
    h.send(402, b"<html>Subscribe</html>")


def compressed_page(h: Handler, i: int) -> None:
    h.send(200, gzip.compress(PAGE), {"Content-Encoding": "gzip"})


# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    behaviour: Behaviour
    path: str
    reason: str | None  # None: the page must be read fine
    max_seconds: float
    requests: int | None = None  # how many requests the server must have seen
    content: bytes | None = None
    detail: tuple[str, ...] = field(default=())


CASES = [
    Case(good, "/", None, 2, 1, PAGE),
    Case(pdf, "/paper.pdf", None, 2, 1),
    Case(compressed_page, "/", None, 2, 1, PAGE),
    Case(slow_drip, "/", "timeout", 4, 3),
    Case(never_answers, "/", "timeout", 3, 3),  # 3 = the first try and max_retries=2
    Case(reset, "/", "connection error", 2, 3),
    Case(redirect_loop, "/a", "redirect loop", 2, 2),
    Case(endless_redirects, "/hop/0", "too many redirects", 2, 6),
    Case(to_metadata, "/", "forbidden address", 2, 1, detail=("169.254.169.254", "metadata")),
    Case(to_private_name, "/", "forbidden address", 2, 1, detail=("intranet.test", "10.0.0.5")),
    Case(rate_limited_then_ok, "/", None, 3, 3, PAGE),
    Case(always_rate_limited, "/", "rate limited", 3, 3),
    Case(flapping, "/", None, 2, 3, PAGE),
    Case(always_503, "/", "server error", 2, 3),
    Case(gzip_bomb, "/", "too large", 2, 1),
    Case(endless_body, "/", "too large", 3, 1),
    Case(not_found, "/", "dead", 2, 1, detail=("404",)),
    Case(gone, "/", "dead", 2, 1, detail=("410",)),
    Case(binary_as_html, "/", "unsupported content (image/png)", 2, 1),
    Case(declared_video, "/", "unsupported content (video/mp4)", 2, 1),
    Case(empty, "/", "empty page", 2, 1),
    Case(challenge, "/", "blocked", 2, 1, detail=("cf-mitigated",)),
    Case(unauthorized, "/", "paywall", 2, 1, detail=("401",)),
    Case(payment_required, "/", "paywall", 2, 1, detail=("402",)),
]

OPTIONS = FetchOptions(
    connect_timeout=1.0,
    read_timeout=0.5,
    request_timeout=1.0,
    max_retries=1,
    retry_wait=0.01,
    max_retry_after=0.2,
    max_redirects=5,
    max_bytes=1024 * 1024,
    host_interval=0.0,
    archive=False,
)
LOOPBACK_ONLY = AddressPolicy(allow=(ipaddress.ip_network("127.0.0.1/32"),))


async def fake_resolver(host: str, port: int) -> list[str]:
    if host == "intranet.test":
        return ["10.0.0.5"]
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


@pytest.fixture(scope="module")
def hostile_run() -> Iterator[tuple[list[Server], dict[str, FetchResult], float]]:
    options = replace(OPTIONS, max_retries=2)
    with serving(*(case.behaviour for case in CASES)) as servers:
        urls = [server.url + case.path for server, case in zip(servers, CASES, strict=True)]
        started = time.monotonic()
        results = asyncio.run(
            fetch_all(urls, options, policy=LOOPBACK_ONLY, resolver=fake_resolver)
        )
        wall = time.monotonic() - started
        yield servers, results, wall


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c.behaviour.__name__ for c in CASES])
def test_each_misbehaviour_gets_its_reason(
    hostile_run: tuple[list[Server], dict[str, FetchResult], float], index: int
) -> None:
    servers, results, _ = hostile_run
    case = CASES[index]
    url = servers[index].url + case.path
    result = results[url]
    assert result.url == url
    if case.reason is None:
        assert result.failure is None, result.failure
        assert result.status == 200
        if case.content is not None:
            assert result.content == case.content
    else:
        assert result.failure is not None, f"{case.behaviour.__name__} was read as fine"
        assert result.failure.reason == case.reason, result.failure
        for word in case.detail:
            assert word in result.failure.detail
        if case.reason != "forbidden address":  # that one names the redirect's target
            assert servers[index].url.split("//")[1] in result.failure.detail
    assert result.elapsed < case.max_seconds, (
        f"{case.behaviour.__name__} took {result.elapsed:.2f}s"
    )
    if case.requests is not None:
        # retries happen only where they can help, and no more often than allowed
        assert len(servers[index].hits) == case.requests, servers[index].hits


def test_the_whole_hostile_run_is_bounded(
    hostile_run: tuple[list[Server], dict[str, FetchResult], float],
) -> None:
    _, results, wall = hostile_run
    assert len(results) == len(CASES)
    assert wall < max(case.max_seconds for case in CASES) + 1


# ---------------------------------------------------------------------------
# limits, deduplication, deadlines


def slow_page(h: Handler, i: int) -> None:
    time.sleep(0.1)
    h.send(200, PAGE)


def test_per_host_and_global_concurrency_are_bounded() -> None:
    with serving(slow_page, slow_page) as (one, two):
        urls = [f"{s.url}/p{i}" for s in (one, two) for i in range(8)]
        options = replace(OPTIONS, per_host_concurrency=2, concurrency=3)
        results = asyncio.run(fetch_all(urls, options, policy=LOOPBACK_ONLY))
    assert all(r.ok for r in results.values())
    assert one.max_in_flight <= 2 and two.max_in_flight <= 2
    assert one.max_in_flight + two.max_in_flight >= 3  # both hosts were worked on at once


def test_each_url_is_fetched_once_after_remap_and_fragments() -> None:
    with serving(good) as (server,):
        alias = server.url.replace("127.0.0.1", "alias.test")
        urls = [
            f"{server.url}/page",
            f"{server.url}/page#section",
            f"{server.url}/page",
            f"{alias}/page",
        ]
        options = replace(OPTIONS, remap=((r"^http://alias\.test:", "http://127.0.0.1:"),))
        results = asyncio.run(fetch_all(urls, options, policy=LOOPBACK_ONLY))
    assert server.hits == ["/page"]
    assert set(results) == set(urls)
    assert all(r.ok and r.content == PAGE for r in results.values())
    assert results[f"{alias}/page"].url == f"{alias}/page"  # keyed and named as requested


def test_the_run_deadline_ends_every_fetch() -> None:
    with serving(never_answers, good) as (stuck, fine):
        options = replace(OPTIONS, read_timeout=30.0, request_timeout=30.0, run_timeout=0.5)
        results = asyncio.run(
            fetch_all([stuck.url + "/", fine.url + "/"], options, policy=LOOPBACK_ONLY)
        )
    stuck_result = results[stuck.url + "/"]
    assert stuck_result.failure is not None
    assert stuck_result.failure.reason == "timeout"
    assert "deadline" in stuck_result.failure.detail
    assert stuck_result.elapsed < 2
    assert results[fine.url + "/"].ok


def test_host_interval_spaces_requests_to_one_host() -> None:
    stamps: list[float] = []

    def stamped(h: Handler, i: int) -> None:
        stamps.append(time.monotonic())
        h.send(200, PAGE)

    with serving(stamped) as (server,):
        options = replace(OPTIONS, host_interval=0.1)
        urls = [f"{server.url}/{i}" for i in range(4)]
        results = asyncio.run(fetch_all(urls, options, policy=LOOPBACK_ONLY))
    assert all(r.ok for r in results.values())
    # Paced: four requests span at least three intervals. (Each single gap, seen from the
    # server, jitters with connection set-up on a loaded machine; the span does not.)
    assert stamps[-1] - stamps[0] >= 3 * 0.1 * 0.9


def test_default_policy_refuses_loopback_without_connecting() -> None:
    with serving(good) as (server,):
        results = asyncio.run(fetch_all([server.url + "/"], OPTIONS))
    result = results[server.url + "/"]
    assert result.failure is not None and result.failure.reason == "forbidden address"
    assert "loopback" in result.failure.detail
    assert server.hits == []


def test_allow_private_hosts_lets_loopback_through() -> None:
    with serving(good) as (server,):
        options = replace(OPTIONS, allow_private_hosts=True)
        results = asyncio.run(fetch_all([server.url + "/"], options))
    assert results[server.url + "/"].ok


def test_dns_failure_is_dead_and_invalid_urls_are_reported() -> None:
    urls = ["http://nx.test/a", "ftp://example.org/file", "not a url", "http://[::1/"]
    results = asyncio.run(fetch_all(urls, OPTIONS, resolver=fake_resolver))
    assert results["http://nx.test/a"].failure is not None
    assert results["http://nx.test/a"].failure.reason == "dead"
    assert "nx.test" in results["http://nx.test/a"].failure.detail
    for url in urls[1:]:
        failure = results[url].failure
        assert failure is not None and failure.reason == "invalid url", (url, failure)


def robots_site(h: Handler, i: int) -> None:
    if h.path == "/robots.txt":
        rules = b"User-agent: *\nDisallow: /private/\nDisallow: /*.pdf$\nAllow: /private/open\n"
        h.send(200, rules, {"Content-Type": "text/plain"})
    else:
        h.send(200, PAGE)


def test_robots_txt_is_respected_when_asked() -> None:
    with serving(robots_site) as (server,):
        urls = [server.url + "/private/a", server.url + "/public/b"]
        more = [server.url + "/files/report.pdf", server.url + "/private/open"]
        options = replace(OPTIONS, respect_robots=True)
        wild = asyncio.run(fetch_all(more, options, policy=LOOPBACK_ONLY))
        results = asyncio.run(fetch_all(urls, options, policy=LOOPBACK_ONLY))
        ignoring = asyncio.run(fetch_all(urls[:1], OPTIONS, policy=LOOPBACK_ONLY))
    blocked = results[urls[0]].failure
    assert blocked is not None and blocked.reason == "robots.txt disallows"
    assert results[urls[1]].ok
    assert ignoring[urls[0]].ok
    assert server.hits.count("/robots.txt") == 2  # read once per host and run
    # wildcard and longest-match rules, which the standard library's parser ignores
    pdf = wild[more[0]].failure
    assert pdf is not None and pdf.reason == "robots.txt disallows"
    assert wild[more[1]].ok


def test_a_429_slows_the_whole_host_down() -> None:
    stamps: list[float] = []

    def throttling(h: Handler, i: int) -> None:
        stamps.append(time.monotonic())
        if i == 0:
            h.send(429, b"slow down", {"Retry-After": "1"})
        else:
            h.send(200, PAGE)

    with serving(throttling) as (server,):
        options = replace(OPTIONS, per_host_concurrency=1, max_retry_after=0.3, retry_wait=0.01)
        urls = [f"{server.url}/{i}" for i in range(3)]
        results = asyncio.run(fetch_all(urls, options, policy=LOOPBACK_ONLY))
    assert all(r.ok for r in results.values())
    assert len(stamps) == 4  # three URLs, one of them retried
    # whichever request came next, it waited for the Retry-After (capped at 0.3 s)
    assert stamps[1] - stamps[0] >= 0.25


def test_a_dns_answer_with_one_private_address_is_refused() -> None:
    async def rebinding(host: str, port: int) -> list[str]:
        return ["127.0.0.1", "10.0.0.5"]

    with serving(good) as (server,):
        url = server.url.replace("127.0.0.1", "rebind.test") + "/"
        results = asyncio.run(fetch_all([url], OPTIONS, policy=LOOPBACK_ONLY, resolver=rebinding))
    failure = results[url].failure
    assert failure is not None and failure.reason == "forbidden address"
    assert "10.0.0.5" in failure.detail
    assert server.hits == []


def test_a_name_is_resolved_once_and_the_vetted_address_is_used() -> None:
    lookups: list[str] = []
    hosts: list[str] = []

    async def resolver(host: str, port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    def host_echo(h: Handler, i: int) -> None:
        hosts.append(h.headers["Host"])
        h.send(200, PAGE)

    with serving(host_echo) as (server,):
        url = server.url.replace("127.0.0.1", "named.test") + "/page"
        results = asyncio.run(fetch_all([url], OPTIONS, policy=LOOPBACK_ONLY, resolver=resolver))
    assert results[url].ok
    assert lookups == ["named.test"]
    assert hosts == [f"named.test:{server.server_address[1]}"]  # the name, not the address
