"""The fetch stage: URLs in, `FetchResult`s out, one per URL, never an exception.

Async httpx with global and per-host limits, per-host pacing, deadlines, retries with
backoff, vcrpy cassettes, an on-disk cache, an Internet Archive fallback, and address
rules that keep untrusted URLs away from the network the run lives in.
See docs/fetching.md for the options and every failure reason.
"""

from __future__ import annotations

from verifier.fetch.cassette import RecordedResponse, write_cassette
from verifier.fetch.client import (
    Fetcher,
    build_client,
    fetch_all,
    fetch_all_sync,
    fetch_archived,
)
from verifier.fetch.safety import AddressPolicy

__all__ = [
    "AddressPolicy",
    "Fetcher",
    "RecordedResponse",
    "build_client",
    "fetch_all",
    "fetch_all_sync",
    "fetch_archived",
    "write_cassette",
]
