"""Cassettes: record for real from a loopback server, replay with it stopped, offline runs,
secrets never written, standard vcrpy YAML, and the archive fallback from cassettes."""

from __future__ import annotations

import asyncio
import gzip
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from test_fetch_hostile import PAGE, Handler, serving

from verifier.errors import ConfigError
from verifier.fetch import (
    RecordedResponse,
    fetch_all,
    fetch_all_sync,
    fetch_archived,
    write_cassette,
)
from verifier.models import FetchResult
from verifier.options import FetchOptions

SECRET_COOKIE = "tracking=sup3r-secret-cookie"


def site(h: Handler, i: int) -> None:
    if h.path == "/a":
        h.send(200, PAGE, {"Set-Cookie": SECRET_COOKIE})
    elif h.path == "/gz":
        h.send(200, gzip.compress(PAGE), {"Content-Encoding": "gzip"})
    elif h.path == "/moved":
        h.send(301, b"", {"Location": "/a"})
    elif h.path == "/bomb":
        h.send(200, gzip.compress(b"\x00" * (8 * 1024 * 1024)), {"Content-Encoding": "gzip"})
    else:
        h.send(404, b"<html>no</html>")


def _options(cassette: Path | None, **changes: Any) -> FetchOptions:
    base: dict[str, Any] = {
        "cassette": cassette,
        "record_mode": "once",
        "allow_private_hosts": True,
        "archive": False,
        "max_retries": 0,
        "host_interval": 0.0,
        "max_bytes": 1024 * 1024,
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        "request_timeout": 5.0,
    }
    return FetchOptions(**{**base, **changes})


def _essence(result: FetchResult) -> tuple[object, ...]:
    return (result.url, result.final_url, result.status, result.content, result.failure)


@pytest.fixture
def dns_lookups(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Every DNS lookup made during the test (loopback included)."""
    seen: list[object] = []
    guarded = socket.getaddrinfo

    def spy(host: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(host)
        return guarded(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", spy)
    yield seen


def test_record_then_replay_with_the_server_stopped(
    tmp_path: Path, dns_lookups: list[object]
) -> None:
    cassette = tmp_path / "cassette.yaml"
    with serving(site) as (server,):
        urls = [f"{server.url}{p}" for p in ("/a", "/gz", "/moved", "/missing")]
        recorded = fetch_all_sync(urls, _options(cassette))
    assert recorded[urls[0]].ok and recorded[urls[0]].content == PAGE
    assert recorded[urls[1]].content == PAGE
    assert recorded[urls[2]].final_url == urls[0]
    dead = recorded[urls[3]].failure
    assert dead is not None and dead.reason == "dead"
    assert cassette.is_file()

    replayed = fetch_all_sync(urls, _options(cassette))  # "once" + existing file: replay
    offline = fetch_all_sync(urls, _options(cassette, offline=True, record_mode="none"))
    for url in urls:
        assert _essence(replayed[url]) == _essence(recorded[url])
        assert _essence(offline[url]) == _essence(recorded[url])
    assert dns_lookups == []  # an IP literal, recorded and replayed: no lookup at all
    # a URL the cassette does not have is "not recorded" (vcrpy refuses to add to a
    # recorded "once" cassette), not a network error
    missing = f"{server.url}/never-fetched"
    for mode in ("once", "none"):
        failure = fetch_all_sync([missing], _options(cassette, record_mode=mode))[missing].failure
        assert failure is not None and failure.reason == "not recorded", failure


def test_the_cassette_is_standard_vcrpy_yaml_without_secrets(tmp_path: Path) -> None:
    cassette = tmp_path / "cassette.yaml"
    client = httpx.AsyncClient(
        headers={"Authorization": "Bearer t0ken-value", "Cookie": "session=c00kie-value"}
    )

    async def record(urls: list[str]) -> dict[str, FetchResult]:
        async with client:
            return await fetch_all(urls, _options(cassette), client=client)

    with serving(site) as (server,):
        urls = [f"{server.url}/a", f"{server.url}/gz"]
        results = asyncio.run(record(urls))
    assert all(r.ok for r in results.values())
    text = cassette.read_text()
    for secret in ("t0ken-value", "c00kie-value", "sup3r-secret-cookie"):
        assert secret not in text
    data = yaml.safe_load(text)
    assert data["version"] == 1
    assert {i["request"]["uri"] for i in data["interactions"]} == set(urls)
    for interaction in data["interactions"]:
        request, response = interaction["request"], interaction["response"]
        assert request["method"] == "GET"
        headers = {n.lower(): v for n, v in request["headers"].items()}
        assert not set(headers) & {"authorization", "cookie"}
        assert "quote-verifier" in headers["user-agent"][0]
        assert headers["accept-encoding"] == ["gzip, deflate"]
        response_names = {n.lower() for n in response["headers"]}
        assert "set-cookie" not in response_names
        assert "content-encoding" not in response_names  # stored decoded, readable in review
        assert response["status"]["code"] == 200
        assert response["body"]["string"] == PAGE.decode()


def test_a_recorded_gzip_bomb_stays_compressed_and_replays_as_too_large(tmp_path: Path) -> None:
    cassette = tmp_path / "cassette.yaml"
    with serving(site) as (server,):
        url = f"{server.url}/bomb"
        live = fetch_all_sync([url], _options(cassette))[url]
    replayed = fetch_all_sync([url], _options(cassette, offline=True))[url]
    for result in (live, replayed):
        assert result.failure is not None and result.failure.reason == "too large"
    assert cassette.stat().st_size < 200_000  # never inflated into the file


# ---------------------------------------------------------------------------
# hand-written cassettes, offline replays, no DNS


def _write_site(path: Path) -> None:
    write_cassette(
        path,
        [
            RecordedResponse(
                "GET", "https://news.example/story", 200, {"Content-Type": "text/html"}, PAGE
            ),
            RecordedResponse(
                "GET", "https://news.example/old", 301, {"Location": "https://news.example/story"}
            ),
            RecordedResponse(
                "GET",
                "https://news.example/cookie",
                200,
                {"Content-Type": "text/html", "Set-Cookie": ["a=1", "b=2"]},
                "<html><body><p>Texto en español.</p></body></html>",
            ),
            RecordedResponse("GET", "https://news.example/gone", 410, {}, b""),
        ],
    )


def test_write_cassette_writes_what_vcrpy_replays(
    tmp_path: Path, dns_lookups: list[object]
) -> None:
    cassette = tmp_path / "sub" / "cassette.yaml"
    _write_site(cassette)
    data = yaml.safe_load(cassette.read_text())
    assert data["version"] == 1 and len(data["interactions"]) == 4
    assert "Set-Cookie" not in data["interactions"][2]["response"]["headers"]

    urls = [
        "https://news.example/story",
        "https://news.example/old",
        "https://news.example/cookie",
        "https://news.example/gone",
        "https://news.example/not-in-cassette",
    ]
    for options in (
        _options(cassette, offline=True, allow_private_hosts=False),
        _options(cassette, record_mode="none", allow_private_hosts=False),
    ):
        results = fetch_all_sync(urls, options)
        assert results[urls[0]].content == PAGE
        assert results[urls[1]].final_url == urls[0] and results[urls[1]].content == PAGE
        assert "español" in results[urls[2]].content.decode()
        gone = results[urls[3]].failure
        assert gone is not None and gone.reason == "dead"
        missing = results[urls[4]].failure
        assert missing is not None and missing.reason == "not recorded"
        assert urls[4] in missing.detail
    assert dns_lookups == []  # the cassette is the network


def test_offline_without_a_cassette_touches_nothing(dns_lookups: list[object]) -> None:
    urls = ["https://news.example/a", "http://127.0.0.1:9/b", "ftp://x.example/"]
    results = fetch_all_sync(urls, FetchOptions(offline=True))
    assert {r.failure.reason for r in results.values() if r.failure} == {"not recorded"}
    assert len(results) == 3
    assert dns_lookups == []


def test_an_invalid_record_mode_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="record mode"):
        fetch_all_sync(
            ["https://x.example/"], _options(tmp_path / "c.yaml", record_mode="sometimes")
        )


# ---------------------------------------------------------------------------
# the archive fallback, from cassettes

DEAD = "https://gone.example/story"
WALLED = "https://walled.example/story"
LOST = "https://lost.example/story"
ARCHIVED_PAGE = b"<html><body><p>As captured in 2023.</p></body></html>"


def _archive_cassette(path: Path) -> None:
    wb = "https://web.archive.org/web"
    write_cassette(
        path,
        [
            RecordedResponse("GET", DEAD, 404, {"Content-Type": "text/html"}, b"not found"),
            RecordedResponse(
                "GET", f"{wb}/20230415/{DEAD}", 302, {"Location": f"{wb}/20230416083000/{DEAD}"}
            ),
            RecordedResponse(
                "GET", f"{wb}/{DEAD}", 302, {"Location": f"{wb}/20240101000000/{DEAD}"}
            ),
            RecordedResponse(
                "GET",
                f"{wb}/20230416083000id_/{DEAD}",
                200,
                {"Content-Type": "text/html"},
                ARCHIVED_PAGE,
            ),
            RecordedResponse(
                "GET",
                f"{wb}/20240101000000id_/{DEAD}",
                302,
                {"Location": f"{wb}/20240102101010id_/{DEAD}"},
            ),
            RecordedResponse(
                "GET",
                f"{wb}/20240102101010id_/{DEAD}",
                200,
                {"Content-Type": "text/html"},
                ARCHIVED_PAGE,
            ),
            RecordedResponse("GET", WALLED, 403, {"cf-mitigated": "challenge"}, b"Just a moment"),
            RecordedResponse(
                "GET", f"{wb}/20230415/{WALLED}", 302, {"Location": f"/web/20230301000000/{WALLED}"}
            ),
            RecordedResponse(
                "GET",
                f"{wb}/20230301000000id_/{WALLED}",
                200,
                {"Content-Type": "text/html"},
                ARCHIVED_PAGE,
            ),
            RecordedResponse("GET", LOST, 404, {}, b""),
            RecordedResponse("GET", f"{wb}/20230415/{LOST}", 404, {}, b""),
        ],
    )


def test_archive_fallback_reads_the_capture_nearest_the_article_date(tmp_path: Path) -> None:
    cassette = tmp_path / "cassette.yaml"
    _archive_cassette(cassette)
    options = _options(cassette, offline=True, archive=True, allow_private_hosts=False)
    dates = {DEAD: "2023-04-15", WALLED: "2023-04-15T09:00:00Z", LOST: "2023-04-15"}
    results = fetch_all_sync([DEAD, WALLED, LOST], options, dates=dates)

    dead = results[DEAD]
    assert dead.ok and dead.content == ARCHIVED_PAGE and dead.url == DEAD
    assert dead.archived is not None
    assert dead.archived.timestamp == "20230416083000"
    assert dead.archived.url == f"https://web.archive.org/web/20230416083000id_/{DEAD}"
    assert dead.final_url == dead.archived.url

    walled = results[WALLED]  # a bot wall is worth an archived copy too; relative Location
    assert walled.ok and walled.archived is not None
    assert walled.archived.timestamp == "20230301000000"

    lost = results[LOST]  # no capture: the original failure stays, and says so
    assert lost.failure is not None and lost.failure.reason == "dead"
    assert "no archived copy" in lost.failure.detail


def test_archive_without_a_date_takes_the_latest_capture_and_its_redirect(tmp_path: Path) -> None:
    cassette = tmp_path / "cassette.yaml"
    _archive_cassette(cassette)
    options = _options(cassette, offline=True, archive=True, allow_private_hosts=False)
    result = fetch_all_sync([DEAD], options)[DEAD]
    assert result.ok and result.archived is not None
    assert result.archived.timestamp == "20240102101010"  # where the raw capture redirected


def test_no_archive_means_no_archive_lookup(tmp_path: Path) -> None:
    cassette = tmp_path / "cassette.yaml"
    write_cassette(cassette, [RecordedResponse("GET", DEAD, 404, {}, b"")])
    options = _options(cassette, offline=True, archive=False, allow_private_hosts=False)
    result = fetch_all_sync([DEAD], options, dates={DEAD: "2023-04-15"})[DEAD]
    assert result.failure is not None and result.failure.reason == "dead"
    assert "archive" not in result.failure.detail


def test_fetch_archived_skips_the_live_page(tmp_path: Path) -> None:
    """For pages the reader found unusable (soft 404, challenge): straight to the archive."""
    cassette = tmp_path / "cassette.yaml"
    _archive_cassette(cassette)
    options = _options(cassette, offline=True, archive=False, allow_private_hosts=False)
    dates = {DEAD: "2023-04-15", LOST: "2023-04-15"}
    results = asyncio.run(fetch_archived([DEAD, LOST], options, dates=dates))
    assert results[DEAD].ok and results[DEAD].archived is not None
    assert results[DEAD].content == ARCHIVED_PAGE
    lost = results[LOST].failure
    assert lost is not None and lost.reason == "no archived copy"
    assert LOST in lost.detail
