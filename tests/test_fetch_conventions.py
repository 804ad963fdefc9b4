"""Per-host headers and cookies, URL excludes and accepted statuses (lychee's conventions)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from verifier.config import load_options
from verifier.errors import ConfigError
from verifier.fetch import fetch_all
from verifier.fetch.client import EXCLUDED
from verifier.options import FetchOptions

PAGE = (
    "<html><body><p>"
    + "The minister spoke at length about the bridge. " * 20
    + "</p></body></html>"
)


def _fetch(urls: list[str], options: FetchOptions, seen: list[httpx.Request], status: int = 200):  # type: ignore[no-untyped-def]
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = httpx.ByteStream(PAGE.encode())
        return httpx.Response(status, stream=body, headers={"content-type": "text/html"})

    async def run():  # type: ignore[no-untyped-def]
        async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
            return await fetch_all(urls, options, client=client)

    return asyncio.run(run())


def test_headers_and_cookies_go_to_their_host_and_its_subdomains_only() -> None:
    options = FetchOptions(
        archive=False,
        host_headers=(("members.example.com", (("Authorization", "Bearer t0k"),)),),
        host_cookies=(("example.com", (("session", "abc"), ("region", "eu"))),),
    )
    seen: list[httpx.Request] = []
    _fetch(
        ["https://members.example.com/a", "https://www.example.com/b", "https://other.org/c"],
        options,
        seen,
    )
    by_host = {r.url.host: r.headers for r in seen}
    assert by_host["members.example.com"]["authorization"] == "Bearer t0k"
    assert by_host["members.example.com"]["cookie"] == "session=abc; region=eu"
    assert "authorization" not in by_host["www.example.com"]
    assert by_host["www.example.com"]["cookie"] == "session=abc; region=eu"
    assert "cookie" not in by_host["other.org"] and "authorization" not in by_host["other.org"]


def test_excluded_urls_are_never_requested() -> None:
    seen: list[httpx.Request] = []
    options = FetchOptions(archive=False, exclude_urls=(r"^https://ads\.",))
    results = _fetch(["https://ads.example.com/x", "https://news.example.com/y"], options, seen)
    assert [r.url.host for r in seen] == ["news.example.com"]
    failure = results["https://ads.example.com/x"].failure
    assert failure is not None and failure.reason == EXCLUDED
    assert "exclude-urls" in failure.detail


def test_accepted_statuses_are_read_as_pages() -> None:
    url = "https://news.example.com/members"
    plain = _fetch([url], FetchOptions(archive=False, max_retries=0), [], status=403)[url]
    assert plain.failure is not None  # 403 is a failure by default
    accepted = _fetch(
        [url], FetchOptions(archive=False, max_retries=0, accept_statuses=(403,)), [], status=403
    )[url]
    assert accepted.failure is None and b"bridge" in (accepted.content or b"")


def test_config_reads_secrets_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "verifier.toml").write_text(
        'exclude-urls = ["\\\\.pdf$"]\naccept = [403, 429]\n'
        '[headers."members.example.com"]\nAuthorization = "Bearer ${NEWS_TOKEN}"\n'
        '[cookies."example.org"]\nsession = "${NEWS_SESSION}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("NEWS_TOKEN", "s3cret")
    monkeypatch.setenv("NEWS_SESSION", "cookie-value")
    fetch = load_options([tmp_path], {}).fetch
    assert fetch.host_headers == (("members.example.com", (("Authorization", "Bearer s3cret"),)),)
    assert fetch.host_cookies == (("example.org", (("session", "cookie-value"),)),)
    assert fetch.exclude_urls == (r"\.pdf$",) and fetch.accept_statuses == (403, 429)
    monkeypatch.delenv("NEWS_TOKEN")
    with pytest.raises(ConfigError, match="NEWS_TOKEN is not set"):
        load_options([tmp_path], {})


def test_configured_headers_never_reach_the_cassette(tmp_path: Path) -> None:
    cassette = tmp_path / "cassette.yaml"
    options = FetchOptions(
        archive=False,
        cassette=cassette,
        record_mode="all",
        host_headers=(("example.com", (("X-Api-Key", "k3y-value"),)),),
        host_cookies=(("example.com", (("session", "c00kie"),)),),
    )
    seen: list[httpx.Request] = []
    _fetch(["https://example.com/story"], options, seen)
    assert seen and seen[0].headers["x-api-key"] == "k3y-value"
    recorded = cassette.read_text(encoding="utf-8")
    assert "https://example.com/story" in recorded
    assert "k3y-value" not in recorded and "c00kie" not in recorded


def test_tracking_parameters_do_not_cause_a_second_fetch() -> None:
    seen: list[httpx.Request] = []
    urls = [
        "https://news.example.com/story?id=3&utm_source=newsletter",
        "https://News.example.com/story?id=3&fbclid=abc",
        "https://news.example.com/story?id=3",
        "https://news.example.com/story?id=4",
    ]
    results = _fetch(urls, FetchOptions(archive=False), seen)
    assert [str(r.url) for r in seen] == [urls[0], urls[3]]  # fetched as written
    assert set(results) == set(urls) and all(r.ok for r in results.values())
