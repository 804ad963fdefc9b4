"""Web search for quotes nobody linked, through a self-hosted metasearch engine (optional).

A provider only proposes URLs; they are then fetched like any candidate (same safety rules,
recorded in the evidence store) and judged by the matcher. The one implementation speaks the
JSON API of SearXNG (`GET /search?q=...&format=json`), which a newsroom can host itself, so
no quote leaves for a commercial search API unless the newsroom's engine sends it there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from verifier.errors import InputError

MIN_WORDS = 6  # a shorter quote finds anything and proves nothing
RESULTS = 3  # result pages fetched per quote


@dataclass(frozen=True, slots=True)
class SearchResult:
    url: str
    title: str = ""


class SearchProvider(Protocol):
    """Anything that turns a quote into candidate URLs."""

    def search(self, quote: str, limit: int = RESULTS) -> list[SearchResult]: ...


class SearxngSearch:
    """A SearXNG instance's JSON API (it must have `json` among its `search.formats`)."""

    def __init__(self, base_url: str, *, timeout: float = 20.0, user_agent: str = "") -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(f"--web-search {base_url}: not an http(s) URL")
        self.endpoint = base_url.rstrip("/") + ("" if parts.path.endswith("/search") else "/search")
        headers = {"User-Agent": user_agent} if user_agent else {}
        self.client = httpx.Client(timeout=timeout, headers=headers, follow_redirects=True)

    def search(self, quote: str, limit: int = RESULTS) -> list[SearchResult]:
        """The first `limit` web pages for the quote as an exact phrase; InputError on failure."""
        phrase = '"' + " ".join(quote.replace('"', " ").split()) + '"'
        try:
            response = self.client.get(self.endpoint, params={"q": phrase, "format": "json"})
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise InputError(f"web search {self.endpoint}: {_why(exc)}") from None
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list):
            raise InputError(f"web search {self.endpoint}: no 'results' list in the answer")
        out: list[SearchResult] = []
        for item in results:
            url = item.get("url") if isinstance(item, dict) else None
            if isinstance(url, str) and urlsplit(url).scheme in ("http", "https"):
                out.append(SearchResult(url, str(item.get("title") or "")))
            if len(out) >= limit:
                break
        return out

    def close(self) -> None:
        self.client.close()


def _why(exc: Exception) -> str:
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code}"
    if isinstance(exc, ValueError):
        return "the answer is not JSON (is format=json enabled in its settings.yml?)"
    return type(exc).__name__
