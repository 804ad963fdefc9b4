"""The fetch stage's pure decisions: retries, pacing, classification, safety, decoding."""

from __future__ import annotations

import gzip
import ipaddress
import random
import zlib
from datetime import UTC, datetime
from email.utils import format_datetime

import httpcore
import httpx
import pytest

from verifier.errors import ConfigError
from verifier.fetch import archive, classify
from verifier.fetch.body import BodyTooLargeError, BoundedDecoder, UnsupportedEncodingError
from verifier.fetch.client import compile_remap, interleave_by_host, prepare_url
from verifier.fetch.retry import HostPace, RetryPolicy, backoff, parse_retry_after, retry_delay
from verifier.fetch.safety import (
    AddressPolicy,
    ForbiddenAddressError,
    HostNotFoundError,
    OfflineError,
    check_url,
    forbidden_label,
    vet_addresses,
)
from verifier.options import FetchOptions

NOW = 1_700_000_000.0

# ---------------------------------------------------------------------------
# Retry-After and backoff


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7", 7.0),
        (" 120 ", 120.0),
        ("0", 0.0),
        (format_datetime(datetime.fromtimestamp(NOW + 30, UTC), usegmt=True), 30.0),
        (format_datetime(datetime.fromtimestamp(NOW - 30, UTC), usegmt=True), 0.0),
        ("Wed, 21 Oct 2015 07:28:00", None),  # no zone: not an RFC 9110 date
        ("soon", None),
        ("-5", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, NOW) == expected


def test_backoff_grows_exponentially_with_jitter_and_is_capped() -> None:
    rng = random.Random(1)
    for attempt, step in [(0, 1.0), (1, 2.0), (2, 4.0), (3, 8.0)]:
        delays = [backoff(attempt, 1.0, 60.0, rng) for _ in range(200)]
        assert min(delays) >= step / 2
        assert max(delays) <= step
        assert len(set(delays)) > 150  # jittered, not a constant
    assert max(backoff(20, 1.0, 60.0, rng) for _ in range(50)) <= 60.0


def _delay(
    status: int | None = None, reason: str | None = None, attempt: int = 0, **headers: str
) -> float | None:
    return retry_delay(
        attempt=attempt,
        policy=RetryPolicy(max_retries=3, base=1.0, cap=10.0),
        status=status,
        reason=reason,
        headers={k.replace("_", "-"): v for k, v in headers.items()},
        now=NOW,
        rng=random.Random(0),
    )


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_transient_statuses_are_retried(status: int) -> None:
    delay = _delay(status)
    assert delay is not None and 0.5 <= delay <= 1.0


@pytest.mark.parametrize("status", [200, 301, 400, 401, 402, 403, 404, 410, 501])
def test_final_statuses_are_not_retried(status: int) -> None:
    assert _delay(status) is None


@pytest.mark.parametrize(
    ("reason", "retried"),
    [
        ("timeout", True),
        ("connection error", True),
        ("dead", False),
        ("forbidden address", False),
        ("not recorded", False),
        ("too large", False),
        ("invalid url", False),
    ],
)
def test_failures_without_a_response(reason: str, retried: bool) -> None:
    assert (_delay(reason=reason) is not None) is retried


def test_retry_after_is_honoured_and_capped() -> None:
    assert _delay(429, retry_after="5") == 5.0
    assert _delay(503, retry_after="3600") == 10.0  # the cap
    date = format_datetime(datetime.fromtimestamp(NOW + 4, UTC), usegmt=True)
    assert _delay(429, retry_after=date) == pytest.approx(4.0)
    # a Retry-After shorter than our backoff does not shorten it
    assert _delay(429, attempt=2, retry_after="0") == pytest.approx(
        backoff(2, 1.0, 10.0, random.Random(0))
    )


def test_no_retry_after_the_last_attempt_or_past_a_challenge() -> None:
    assert _delay(503, attempt=3) is None
    assert _delay(503, cf_mitigated="challenge") is None
    assert _delay(429, cf_mitigated="Challenge") is None


def test_host_pace_spaces_requests_and_slows_down_on_429() -> None:
    pace = HostPace(base_interval=0.05, cap=60.0)
    assert pace.reserve(10.0) == 0.0
    assert pace.reserve(10.0) == pytest.approx(0.05)
    assert pace.reserve(10.0) == pytest.approx(0.10)
    assert pace.reserve(11.0) == 0.0  # idle host: no wait
    pace.on_throttled(now=11.0, wait=2.0)
    assert pace.reserve(11.0) == pytest.approx(2.0)  # everyone waits for Retry-After
    intervals = []
    for _ in range(12):
        pace.on_throttled(now=0.0, wait=0.0)
        intervals.append(pace.interval)
    assert intervals == sorted(intervals)
    assert intervals[-1] == 60.0  # doubled up to the cap
    assert pace.throttled == 13
    pace.on_success()
    assert pace.interval == 30.0
    for _ in range(20):
        pace.on_success()
    assert pace.interval == 0.05


# ---------------------------------------------------------------------------
# classification


@pytest.mark.parametrize(
    ("status", "headers", "reason"),
    [
        (200, {}, None),
        (204, {}, None),
        (404, {}, "dead"),
        (410, {}, "dead"),
        (401, {}, "paywall"),
        (402, {}, "paywall"),
        (403, {}, "blocked"),
        (403, {"cf-mitigated": "challenge"}, "blocked"),
        (503, {"cf-mitigated": "challenge"}, "blocked"),
        (429, {"cf-mitigated": "challenge"}, "blocked"),
        (999, {}, "blocked"),
        (429, {}, "rate limited"),
        (408, {}, "timeout"),
        (500, {}, "server error"),
        (503, {}, "server error"),
        (400, {}, "http error"),
        (302, {}, "http error"),
    ],
)
def test_classify_status(status: int, headers: dict[str, str], reason: str | None) -> None:
    failure = classify.classify_status(status, headers, "https://ex.test/a")
    assert (failure.reason if failure else None) == reason
    if failure:
        assert "https://ex.test/a" in failure.detail
        assert str(status) in failure.detail


def test_challenge_detail_names_the_header() -> None:
    failure = classify.classify_status(403, {"cf-mitigated": "challenge"}, "https://ex.test/")
    assert failure is not None and "cf-mitigated" in failure.detail


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (httpx.ReadTimeout("slow"), "timeout"),
        (httpx.ConnectTimeout("slow"), "timeout"),
        (TimeoutError(), "timeout"),
        (httpx.ConnectError("refused"), "connection error"),
        (httpx.RemoteProtocolError("peer closed"), "connection error"),
        (httpx.ReadError("reset"), "connection error"),
        (httpx.UnsupportedProtocol("ftp"), "invalid url"),
        (ForbiddenAddressError("a.test", "10.0.0.1", "private"), "forbidden address"),
        (OfflineError("offline"), "not recorded"),
        (ValueError("a bug"), "fetch error"),
    ],
)
def test_classify_exception(exc: Exception, reason: str) -> None:
    failure = classify.classify_exception(exc, "https://ex.test/a")
    assert failure.reason == reason
    assert "https://ex.test/a" in failure.detail


def test_classify_exception_follows_the_cause_chain() -> None:
    try:
        try:
            raise HostNotFoundError("nx.test does not resolve")
        except httpcore.ConnectError as inner:
            raise httpx.ConnectError(str(inner)) from inner
    except httpx.ConnectError as outer:
        failure = classify.classify_exception(outer, "https://nx.test/a")
    assert failure.reason == "dead"
    assert "nx.test" in failure.detail


def test_cassette_miss_is_not_recorded() -> None:
    from vcr.errors import CannotOverwriteExistingCassetteException

    exc = CannotOverwriteExistingCassetteException.__new__(CannotOverwriteExistingCassetteException)
    assert classify.classify_exception(exc, "https://ex.test/").reason == "not recorded"


@pytest.mark.parametrize(
    ("prefix", "kind"),
    [
        (b"%PDF-1.7\n", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"PK\x03\x04rest", "application/zip"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8", "image/webp"),
        (b"  <!DOCTYPE html><html>", "text/html"),
        (b"<html><body>hi", "text/html"),
        (b"Just some words.\n", "text/plain"),
        (bytes(range(256)) * 4, "application/octet-stream"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 10, "application/octet-stream"),
    ],
)
def test_sniff(prefix: bytes, kind: str) -> None:
    assert classify.sniff(prefix) == kind


@pytest.mark.parametrize(
    ("content_type", "refused"),
    [
        ("text/html; charset=utf-8", False),
        ("application/xhtml+xml", False),
        ("text/plain", False),
        ("application/pdf", False),
        ("application/octet-stream", False),  # decided from the bytes
        ("", False),
        ("image/png", True),
        ("video/mp4", True),
        ("application/zip", True),
    ],
)
def test_declared_type(content_type: str, refused: bool) -> None:
    failure = classify.check_declared_type({"content-type": content_type})
    assert (failure is not None) is refused
    if failure is not None:
        assert failure.reason == f"unsupported content ({content_type})"


@pytest.mark.parametrize(
    ("content_type", "body", "reason"),
    [
        ("text/html", b"<html><body><p>Hello</p></body></html>", None),
        ("text/html", b"", "empty page"),
        ("text/html", b"  \n\t ", "empty page"),
        ("text/html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "unsupported content (image/png)"),
        ("text/plain", b"\x00\x01\x02\x03" * 100, "unsupported content (application/octet-stream)"),
        ("application/pdf", b"%PDF-1.4 ...", None),
        ("application/pdf", b"<html>login</html>", "unsupported content (text/html)"),
        ("application/octet-stream", b"%PDF-1.4 ...", None),
        ("text/html", b"%PDF-1.4 ...", None),
    ],
)
def test_check_body(content_type: str, body: bytes, reason: str | None) -> None:
    failure = classify.check_body({"content-type": content_type}, body, "https://ex.test/")
    assert (failure.reason if failure else None) == reason


# ---------------------------------------------------------------------------
# safety


@pytest.mark.parametrize(
    ("address", "label"),
    [
        ("8.8.8.8", None),
        ("2001:4860:4860::8888", None),
        ("127.0.0.1", "loopback"),
        ("127.3.4.5", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("100.100.100.200", "cloud metadata"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("100.64.0.1", "non-public"),  # carrier-grade NAT
        ("192.0.2.1", "private"),  # documentation range
        ("::ffff:10.0.0.1", "private"),  # IPv4-mapped
        ("::ffff:8.8.8.8", None),
        ("64:ff9b::a9fe:a9fe", "cloud metadata"),  # NAT64 of 169.254.169.254
        ("2002:a00:1::", "private"),  # 6to4 of 10.0.0.1
    ],
)
def test_forbidden_label(address: str, label: str | None) -> None:
    assert forbidden_label(ipaddress.ip_address(address)) == label


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://example.org/a", None),
        ("http://example.org:8080/a?b=c", None),
        ("ftp://example.org/a", "invalid url"),
        ("file:///etc/passwd", "invalid url"),
        ("javascript:alert(1)", "invalid url"),
        ("not a url", "invalid url"),
        ("https://", "invalid url"),
        ("http://127.0.0.1:8000/", "forbidden address"),
        ("http://[::1]/", "forbidden address"),
        ("http://169.254.169.254/latest/meta-data/", "forbidden address"),
        ("http://10.0.0.1/", "forbidden address"),
        ("http://localhost:8080/", "forbidden address"),
        ("http://api.localhost/", "forbidden address"),
        ("http://2130706433/", "forbidden address"),  # 127.0.0.1 as a number
        ("http://0x7f.1/", "forbidden address"),
        ("http://0xa9.254.169.254/", "forbidden address"),
        ("http://cafe/", None),  # a name, not hex
    ],
)
def test_check_url(url: str, reason: str | None) -> None:
    refused = check_url(url, AddressPolicy())
    assert (refused[0] if refused else None) == reason


def test_allow_private_and_allow_lists() -> None:
    assert check_url("http://10.0.0.1/", AddressPolicy(allow_private=True)) is None
    assert check_url("http://localhost/", AddressPolicy(allow_private=True)) is None
    only_loopback = AddressPolicy(allow=(ipaddress.ip_network("127.0.0.1/32"),))
    assert check_url("http://127.0.0.1:9/", only_loopback) is None
    assert check_url("http://127.0.0.2:9/", only_loopback) is not None
    # the scheme rule holds even when private hosts are allowed
    assert check_url("ftp://10.0.0.1/", AddressPolicy(allow_private=True)) is not None


def test_vet_addresses_refuses_a_mixed_dns_answer() -> None:
    policy = AddressPolicy()
    assert vet_addresses("a.test", ["93.184.216.34"], policy) == ["93.184.216.34"]
    with pytest.raises(ForbiddenAddressError) as caught:
        vet_addresses("a.test", ["93.184.216.34", "10.0.0.7"], policy)
    assert caught.value.label == "private"
    assert "a.test (10.0.0.7)" in str(caught.value)


# ---------------------------------------------------------------------------
# bounded decoding


def _decode(encoding: str, raw: bytes, limit: int, chunk: int = 4096) -> bytes:
    decoder = BoundedDecoder.for_header(encoding, limit)
    out = b"".join(decoder.feed(raw[i : i + chunk]) for i in range(0, len(raw), chunk))
    return out + decoder.flush()


@pytest.mark.parametrize("encoding", ["gzip", "x-gzip", "deflate", "", "identity"])
def test_decoder_round_trip(encoding: str) -> None:
    text = ("Ecuador and Peru sign agreements. " * 500).encode()
    if encoding in ("gzip", "x-gzip"):
        raw = gzip.compress(text)
    elif encoding == "deflate":
        raw = zlib.compress(text)
    else:
        raw = text
    assert _decode(encoding, raw, limit=len(text)) == text


def test_decoder_reads_raw_deflate_and_stacked_encodings() -> None:
    text = b"word " * 1000
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw_deflate = compressor.compress(text) + compressor.flush()
    assert _decode("deflate", raw_deflate, limit=10_000) == text
    assert _decode("deflate, gzip", gzip.compress(zlib.compress(text)), limit=10_000) == text


def test_gzip_bomb_is_stopped_at_the_cap_not_after_inflating() -> None:
    bomb = gzip.compress(b"\x00" * (50 * 1024 * 1024))  # 50 MiB in ~50 KiB
    decoder = BoundedDecoder.for_header("gzip", 1024 * 1024)
    with pytest.raises(BodyTooLargeError):
        decoder.feed(bomb)  # one feed of the whole bomb: bounded all the same
    assert decoder.size <= 1024 * 1024


def test_decoder_cap_applies_to_plain_bodies() -> None:
    decoder = BoundedDecoder.for_header(None, 10)
    assert decoder.feed(b"12345") == b"12345"
    with pytest.raises(BodyTooLargeError):
        decoder.feed(b"123456")


def test_unknown_encoding_is_refused() -> None:
    with pytest.raises(UnsupportedEncodingError):
        BoundedDecoder.for_header("br", 100)


def test_corrupt_gzip_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        _decode("gzip", b"\x1f\x8b\x08\x00garbage-garbage-garbage", limit=1000)


# ---------------------------------------------------------------------------
# archive URLs


@pytest.mark.parametrize(
    ("value", "stamp"),
    [
        ("2023-04-15", "20230415"),
        ("2023-04-15T10:00:00Z", "20230415"),
        ("2023-04-15T23:30:00-05:00", "20230415"),
        ("20230415", "20230415"),
        ("2023-02-30", None),
        ("April 15, 2023", "20230415"),
        ("15/04/2023", "20230415"),
        ("15 April 2023", "20230415"),
        ("last week", None),
        ("2023", None),
        (None, None),
    ],
)
def test_wayback_date(value: str | None, stamp: str | None) -> None:
    assert archive.wayback_date(value) == stamp


def test_archive_urls() -> None:
    url = "https://news.example/a?b=1"
    assert archive.lookup_url(url, "2023-04-15") == f"https://web.archive.org/web/20230415/{url}"
    assert archive.lookup_url(url, None) == f"https://web.archive.org/web/{url}"
    assert archive.raw_url("20230416083000", url) == (
        f"https://web.archive.org/web/20230416083000id_/{url}"
    )
    assert archive.parse_capture(f"https://web.archive.org/web/20230416083000/{url}") == (
        "20230416083000",
        url,
    )
    assert archive.parse_capture(f"/web/20230416083000id_/{url}") == ("20230416083000", url)
    assert archive.parse_capture("https://example.org/elsewhere") is None
    assert archive.should_try("dead") and archive.should_try("blocked")
    assert not archive.should_try("timeout")


# ---------------------------------------------------------------------------
# URL preparation


def test_prepare_url_applies_remap_and_drops_fragments() -> None:
    remap = compile_remap([(r"^http://", "https://"), (r"//m\.example\.org/", "//example.org/")])
    assert prepare_url("http://m.example.org/a#top", remap) == "https://example.org/a"
    assert prepare_url(" https://x.test/b ", remap) == "https://x.test/b"
    with pytest.raises(ConfigError, match="remap"):
        compile_remap([("(", "x")])


def test_interleave_by_host_round_robins_and_keeps_each_hosts_order() -> None:
    urls = ["http://a.test/1", "http://a.test/2", "http://a.test/3", "http://b.test/1",
            "http://B.test:80/2", "http://c.test:8080/1"]  # fmt: skip
    assert interleave_by_host(urls) == [
        "http://a.test/1",
        "http://b.test/1",
        "http://c.test:8080/1",
        "http://a.test/2",
        "http://B.test:80/2",
        "http://a.test/3",
    ]
    assert interleave_by_host([]) == []


def test_the_default_client_verifies_certificates() -> None:
    import ssl

    from verifier.fetch.client import build_client

    client = build_client(FetchOptions())
    pool = client._transport._pool  # type: ignore[attr-defined]
    assert pool._ssl_context.verify_mode == ssl.CERT_REQUIRED
    assert pool._ssl_context.check_hostname
