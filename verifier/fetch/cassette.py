"""vcrpy cassettes: recorded HTTP as evidence an editor commits and CI replays.

`use_cassette` wraps a run's fetching in vcrpy with the project's settings: match on
method and full URI, repeats allowed (each URL is fetched once, but a corpus may be run
twice), Authorization/Cookie stripped from requests and Set-Cookie from responses.
Compressed bodies are stored decoded (readable diffs in review), through a bounded decoder:
vcrpy's own `decode_compressed_response` would inflate a gzip bomb whole in memory, so a
body that decodes past the cap is kept compressed and replays as "too large" again.

vcrpy is imported by the functions that use it: a run over the evidence store (or with no
recordings) never loads it (about 7 MB of modules).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from verifier.errors import ConfigError
from verifier.fetch.body import BodyTooLargeError, BoundedDecoder, UnsupportedEncodingError
from verifier.options import RECORD_MODES

MATCH_ON = ("method", "uri")
SECRET_REQUEST_HEADERS = ("authorization", "proxy-authorization", "cookie")
SECRET_RESPONSE_HEADERS = frozenset({"set-cookie", "set-cookie2"})


@dataclass(frozen=True, slots=True)
class RecordedResponse:
    """One interaction to write into a cassette (see `write_cassette`)."""

    method: str
    url: str
    status: int
    headers: Mapping[str, str | Sequence[str]] = field(default_factory=dict)
    body: bytes | str = b""
    reason: str = ""


def _header_lists(headers: Mapping[str, str | Sequence[str]]) -> dict[str, list[str]]:
    return {
        name: [value] if isinstance(value, str) else [str(v) for v in value]
        for name, value in headers.items()
    }


def _response_dict(entry: RecordedResponse) -> dict[str, Any]:
    body = entry.body.encode("utf-8") if isinstance(entry.body, str) else entry.body
    return {
        "status": {"code": entry.status, "message": entry.reason},
        "headers": _header_lists(entry.headers),
        "body": {"string": body},
    }


def write_cassette(path: Path, entries: Iterable[RecordedResponse]) -> None:
    """Write a standard vcrpy YAML cassette of `entries` (replacing the file), via vcrpy.

    Secrets are scrubbed exactly as when recording live, so a cassette built by hand is as
    safe to commit as a recorded one.
    """
    from vcr.cassette import Cassette
    from vcr.persisters.filesystem import FilesystemPersister
    from vcr.record_mode import RecordMode
    from vcr.request import Request as VcrRequest
    from vcr.serializers import yamlserializer

    cassette = Cassette(
        path,
        serializer=yamlserializer,
        persister=FilesystemPersister,
        record_mode=RecordMode.ALL,
        match_on=(),
        before_record_request=_scrub_request,
        before_record_response=make_before_record_response(max_bytes=None),
    )
    for entry in entries:
        request = VcrRequest(entry.method.upper(), entry.url, None, {})
        cassette.append(request, _response_dict(entry))
    FilesystemPersister.save_cassette(
        path,
        {"requests": cassette.requests, "responses": cassette.responses},
        serializer=yamlserializer,
    )


def _scrub_request(request: Any) -> Any:
    for name in SECRET_REQUEST_HEADERS:
        request.headers.pop(name, None)
    return request


def make_before_record_response(max_bytes: int | None) -> Callable[[Any], Any]:
    """The response filter used when recording: strip cookies, decode within the cap."""

    def before_record_response(response: dict[str, Any]) -> dict[str, Any]:
        headers = {
            name: values
            for name, values in response["headers"].items()
            if name.lower() not in SECRET_RESPONSE_HEADERS
        }
        response["headers"] = headers
        encoding_key = next((n for n in headers if n.lower() == "content-encoding"), None)
        body = response["body"]["string"]
        if encoding_key is None or not isinstance(body, bytes):
            return response
        limit = max_bytes if max_bytes is not None else len(body) * 1100 + 1024
        try:
            decoder = BoundedDecoder(headers[encoding_key], limit)
            decoded = decoder.feed(body) + decoder.flush()
        except (BodyTooLargeError, UnsupportedEncodingError, ValueError):
            return response  # keep it as the server sent it; replay judges it the same way
        del headers[encoding_key]
        for name in [n for n in headers if n.lower() == "content-length"]:
            headers[name] = [str(len(decoded))]
        response["body"]["string"] = decoded
        return response

    return before_record_response


def validate_record_mode(mode: str) -> str:
    if mode not in RECORD_MODES:
        raise ConfigError(f"record mode must be one of {', '.join(RECORD_MODES)}, not {mode!r}")
    return mode


@contextlib.contextmanager
def use_cassette(
    path: Path, record_mode: str, *, max_bytes: int, secret_headers: Iterable[str] = ()
) -> Iterator[Any]:
    """Patch httpx so every request in the block goes through the cassette at `path`.

    `secret_headers` (the configured per-host headers) are never written into it, like
    authorization and cookies.

    Yields the vcrpy `Cassette`, which the fetcher asks whether a request can be replayed
    before it does anything that would touch the network (DNS included).
    """
    import vcr

    recorder = vcr.VCR(
        serializer="yaml",
        record_mode=validate_record_mode(record_mode),
        match_on=MATCH_ON,
        filter_headers=[*SECRET_REQUEST_HEADERS, *secret_headers],
        decode_compressed_response=False,  # done by our bounded decoder, see module doc
        before_record_response=make_before_record_response(max_bytes),
    )
    recorder.register_persister(AtomicPersister)
    with recorder.use_cassette(str(path), allow_playback_repeats=True) as cassette:
        yield cassette


class AtomicPersister:
    """vcrpy's file persister, but the cassette is replaced in one step: a run stopped
    (Ctrl-C, SIGTERM, a full disk) while saving leaves the old cassette whole."""

    @staticmethod
    def load_cassette(cassette_path: Any, serializer: Any) -> Any:
        """vcrpy's loader; a cassette that is not valid YAML is a clear error, not a
        traceback (a missing one is still 'nothing recorded yet')."""
        from vcr.persisters.filesystem import FilesystemPersister

        try:
            return FilesystemPersister.load_cassette(cassette_path, serializer)
        except (yaml.YAMLError, UnicodeDecodeError, TypeError, KeyError) as exc:
            problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ConfigError(
                f"{cassette_path}: malformed cassette ({problem}); fix it or record it again"
            ) from None

    @staticmethod
    def save_cassette(cassette_path: Any, cassette_dict: Any, serializer: Any) -> None:
        from vcr.serialize import serialize

        data = serialize(cassette_dict, serializer)
        path = Path(cassette_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(data, encoding="utf-8")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)


def can_play(cassette: Any, method: str, url: str) -> bool:
    """Whether the cassette holds a response for this request (no network needed)."""
    from vcr.request import Request as VcrRequest

    return bool(cassette.can_play_response_for(VcrRequest(method, url, None, {})))
