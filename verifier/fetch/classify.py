"""Turn HTTP outcomes into `FetchFailure` reasons an editor understands.

Pure functions of the status, headers, exception or first bytes. Reading the page itself
(soft 404, paywall prompt, challenge page, script-only page) belongs to the reading stage;
here only what status, headers and magic bytes say for certain.
"""

from __future__ import annotations

import socket
from collections.abc import Mapping
from http import HTTPStatus

import httpx

from verifier.fetch.retry import is_challenge
from verifier.fetch.safety import ForbiddenAddressError, HostNotFoundError, OfflineError
from verifier.fetch.store import EvidenceError
from verifier.models import NOT_RECORDED as NOT_RECORDED
from verifier.models import FetchFailure

# The stable reasons (documented in docs/fetching.md). Keep them short; never rename one.
DEAD = "dead"
SERVER_ERROR = "server error"
TIMEOUT = "timeout"
BLOCKED = "blocked"
PAYWALL = "paywall"
RATE_LIMITED = "rate limited"
HTTP_ERROR = "http error"
UNSUPPORTED = "unsupported content"  # always followed by " (<type>)"
EMPTY = "empty page"
TOO_LARGE = "too large"
REDIRECT_LOOP = "redirect loop"
TOO_MANY_REDIRECTS = "too many redirects"
FORBIDDEN_ADDRESS = "forbidden address"
INVALID_URL = "invalid url"
CONNECTION_ERROR = "connection error"
ROBOTS = "robots.txt disallows"
NOT_ARCHIVED = "no archived copy"  # only from fetch_archived
FETCH_ERROR = "fetch error"
BROKEN_RECORDING = "broken recording"  # a store file that cannot be read (exit 2)

# Media types the reading stage can read (HTML, XHTML, plain text, PDF).
READABLE_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "application/pdf",
        "text/xml",
        "application/xml",
    }
)
# Types that say nothing about the content: decide from the first bytes.
VAGUE_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream", "unknown/unknown"})


def reason_phrase(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def classify_status(status: int, headers: Mapping[str, str], url: str) -> FetchFailure | None:
    """The failure a final (non-redirect) status stands for, or None for a 2xx.

    `headers` must be looked up case-insensitively (httpx.Headers or lower-case keys).
    """
    what = f"HTTP {reason_phrase(status)} from {url}"
    if 200 <= status < 300:
        return None
    if status in (403, 429, 503) and is_challenge(headers):
        return FetchFailure(BLOCKED, f"bot-wall challenge (cf-mitigated: challenge): {what}")
    if status in (404, 410):
        return FetchFailure(DEAD, what)
    if status in (401, 402):
        return FetchFailure(PAYWALL, what)
    if status in (403, 999, 451):  # 999: LinkedIn's bot wall
        return FetchFailure(BLOCKED, what)
    if status == 429:
        return FetchFailure(RATE_LIMITED, what)
    if status == 408:
        return FetchFailure(TIMEOUT, what)
    if status >= 500:
        return FetchFailure(SERVER_ERROR, what)
    if 300 <= status < 400:
        return FetchFailure(HTTP_ERROR, f"redirect without a usable Location: {what}")
    return FetchFailure(HTTP_ERROR, what)


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def classify_exception(exc: BaseException, url: str) -> FetchFailure:
    """The failure an exception raised while fetching `url` stands for."""
    chain = _causes(exc)
    for item in chain:
        if isinstance(item, EvidenceError):
            return FetchFailure(BROKEN_RECORDING, str(item))
        if isinstance(item, ForbiddenAddressError):
            return FetchFailure(FORBIDDEN_ADDRESS, f"{url}: {item}")
        if isinstance(item, OfflineError):
            return FetchFailure(NOT_RECORDED, f"{url}: offline, and not in the cassette")
        if type(item).__name__ == "CannotOverwriteExistingCassetteException":
            return FetchFailure(NOT_RECORDED, f"{url}: not in the cassette")
        if isinstance(item, HostNotFoundError) or (
            isinstance(item, socket.gaierror) and item.errno == socket.EAI_NONAME
        ):
            host = httpx.URL(url).host if url.startswith(("http:", "https:")) else url
            return FetchFailure(DEAD, f"DNS: {host} does not exist ({url})")
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return FetchFailure(TIMEOUT, f"{url}: {_describe_timeout(exc)}")
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return FetchFailure(INVALID_URL, f"{url}: {exc}")
    if isinstance(exc, httpx.DecodingError):
        return FetchFailure(CONNECTION_ERROR, f"{url}: undecodable body ({exc})")
    if isinstance(exc, httpx.TransportError | OSError):
        return FetchFailure(CONNECTION_ERROR, f"{url}: {_describe_transport(exc)}")
    return FetchFailure(FETCH_ERROR, f"{url}: {type(exc).__name__}: {exc}".rstrip(": "))


def _describe_transport(exc: BaseException) -> str:
    """What broke, in words, even when the exception carries no message."""
    kinds: tuple[tuple[type[BaseException], str], ...] = (
        (httpx.ConnectError, "could not connect"),
        (httpx.ReadError, "the connection broke while reading (reset or closed)"),
        (httpx.WriteError, "the connection broke while sending"),
        (httpx.RemoteProtocolError, "the server broke the HTTP protocol"),
    )
    words = next((text for kind, text in kinds if isinstance(exc, kind)), type(exc).__name__)
    message = str(exc).strip()
    return f"{words}: {message}" if message else words


def _describe_timeout(exc: BaseException) -> str:
    names = {
        httpx.ConnectTimeout: "no connection within the connect timeout",
        httpx.ReadTimeout: "the server stopped sending (read timeout)",
        httpx.WriteTimeout: "write timeout",
        httpx.PoolTimeout: "no free connection (pool timeout)",
    }
    for kind, text in names.items():
        if isinstance(exc, kind):
            return text
    return "no complete answer within the request deadline"


# Magic numbers of common binary formats, to catch binaries served as text/html.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"\x7fELF", "application/x-executable"),
    (b"MZ", "application/x-msdownload"),
    (b"OggS", "audio/ogg"),
    (b"ID3", "audio/mpeg"),
    (b"\x00\x00\x00\x18ftyp", "video/mp4"),
    (b"\x00\x00\x00\x20ftyp", "video/mp4"),
    (b"\x1aE\xdf\xa3", "video/webm"),
)


def sniff(prefix: bytes) -> str:
    """The media type the first bytes of a body show: a known magic, text, or binary."""
    if prefix.startswith(b"RIFF") and prefix[8:12] == b"WEBP":
        return "image/webp"
    for magic, media_type in _MAGIC:
        if prefix.startswith(magic):
            return media_type
    head = prefix[:1024]
    if b"\x00" in head.lstrip(b"\xff\xfe\xef\xbb\xbf") and not _looks_utf16(head):
        return "application/octet-stream"
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        return "text/html"
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    if head and control / len(head) > 0.1:
        return "application/octet-stream"
    return "text/plain"


def _looks_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def media_type(headers: Mapping[str, str]) -> str:
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def check_declared_type(headers: Mapping[str, str]) -> FetchFailure | None:
    """Refuse a body before reading it when its declared type is something we cannot read."""
    declared = media_type(headers)
    if declared in READABLE_TYPES or declared in VAGUE_TYPES or declared.startswith("text/"):
        return None
    if declared.endswith(("+xml", "+html")):
        return None
    return FetchFailure(f"{UNSUPPORTED} ({declared})", f"Content-Type: {declared}")


def check_body(headers: Mapping[str, str], body: bytes, url: str) -> FetchFailure | None:
    """The failure a complete 2xx body stands for (empty, or binary whatever its label)."""
    if not body.strip():
        return FetchFailure(EMPTY, f"{url}: the server sent an empty body")
    declared = media_type(headers)
    seen = sniff(body[:2048])
    if declared == "application/pdf" or seen == "application/pdf":
        return None if seen == "application/pdf" else _mislabelled(declared, seen, url)
    if seen in ("text/html", "text/plain"):
        return None
    return _mislabelled(declared, seen, url)


def _mislabelled(declared: str, seen: str, url: str) -> FetchFailure:
    label = declared or "no Content-Type"
    return FetchFailure(f"{UNSUPPORTED} ({seen})", f"{url}: served as {label}, but it is {seen}")
