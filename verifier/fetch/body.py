"""Decompress a response body with a cap on the decompressed size.

httpx decodes a whole network chunk at once, so one 64 KiB chunk of a gzip bomb can grow to
tens of megabytes before anyone counts. Here every `decompress` call is bounded by what is
left of the budget, so memory stays near the cap whatever the compression ratio.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence


class BodyTooLargeError(Exception):
    """The decompressed body went past the cap."""


class UnsupportedEncodingError(Exception):
    """A Content-Encoding we did not ask for and cannot decode (br, zstd, ...)."""


class _Zlib:
    """One gzip or deflate layer, fed in pieces, each output bounded by `limit`."""

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding
        self._raw_deflate = False
        wbits = zlib.MAX_WBITS | 16 if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._obj = zlib.decompressobj(wbits)
        self._first = True

    def feed(self, data: bytes, limit: int) -> bytes:
        if self._first and self._encoding == "deflate":
            self._first = False
            # Servers send raw deflate as often as zlib-wrapped deflate.
            try:
                probe = zlib.decompressobj(zlib.MAX_WBITS)
                probe.decompress(data[:2])
            except zlib.error:
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
        self._first = False
        out = bytearray()
        pending = data
        while True:
            try:
                piece = self._obj.decompress(pending, limit + 1 - len(out))
            except zlib.error as exc:
                raise ValueError(f"corrupt {self._encoding} body: {exc}") from exc
            out += piece
            if len(out) > limit:
                raise BodyTooLargeError
            pending = self._obj.unconsumed_tail
            if not pending:
                break
            if self._obj.eof:
                break
        return bytes(out)

    def flush(self) -> bytes:
        try:
            return self._obj.flush()
        except zlib.error:
            return b""


class BoundedDecoder:
    """Feed raw (possibly compressed) chunks; get the decoded bytes, never more than `limit`."""

    def __init__(self, encodings: Sequence[str], limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._layers: list[_Zlib] = []
        # Content-Encoding lists codings in the order they were applied: undo from the end.
        for encoding in reversed([e.strip().lower() for e in encodings if e.strip()]):
            if encoding == "identity":
                continue
            if encoding not in ("gzip", "x-gzip", "deflate"):
                raise UnsupportedEncodingError(encoding)
            self._layers.append(_Zlib(encoding))

    @classmethod
    def for_header(cls, content_encoding: str | None, limit: int) -> BoundedDecoder:
        return cls((content_encoding or "").split(","), limit)

    def feed(self, data: bytes) -> bytes:
        for layer in self._layers:
            if not data:
                return b""
            data = layer.feed(data, self.limit - self.size)
        return self._count(data)

    def flush(self) -> bytes:
        data = b""
        for layer in self._layers:
            data = layer.feed(data, self.limit - self.size) if data else b""
            data += layer.flush()
        return self._count(data)

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise BodyTooLargeError
        return data
