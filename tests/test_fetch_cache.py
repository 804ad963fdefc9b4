"""The on-disk response cache: fresh hits, expiry, errors never stored, a second run offline."""

from __future__ import annotations

from pathlib import Path

from test_fetch_hostile import PAGE, Handler, serving

from verifier.fetch import fetch_all_sync
from verifier.fetch.cache import ResponseCache
from verifier.models import ArchiveCapture, FetchFailure, FetchResult
from verifier.options import FetchOptions


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def _result(url: str = "https://x.example/a", **changes: object) -> FetchResult:
    fields: dict[str, object] = {
        "url": url,
        "final_url": url + "?final",
        "status": 200,
        "headers": {"content-type": "text/html"},
        "content": b"\x00binary and text\xff",
        "archived": ArchiveCapture("https://web.archive.org/web/1id_/x", "20230101000000"),
    }
    fields.update(changes)
    return FetchResult(**fields)  # type: ignore[arg-type]


def test_round_trip_keeps_everything_and_marks_the_hit(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path, max_age=60, clock=Clock())
    original = _result()
    cache.put(original)
    hit = cache.get(original.url)
    assert hit is not None and hit.from_cache
    assert (hit.final_url, hit.status, dict(hit.headers), hit.content, hit.archived) == (
        original.final_url,
        original.status,
        dict(original.headers),
        original.content,
        original.archived,
    )
    assert cache.get("https://x.example/other") is None


def test_entries_expire_after_max_age(tmp_path: Path) -> None:
    clock = Clock()
    cache = ResponseCache(tmp_path, max_age=60, clock=clock)
    cache.put(_result())
    clock.now += 59
    assert cache.get("https://x.example/a") is not None
    clock.now += 2
    assert cache.get("https://x.example/a") is None


def test_failures_are_never_cached(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path, max_age=60, clock=Clock())
    cache.put(_result(status=404, failure=FetchFailure("dead", "HTTP 404")))
    assert cache.get("https://x.example/a") is None
    assert not any(tmp_path.rglob("*.json"))


def test_a_corrupt_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path, max_age=60, clock=Clock())
    cache.put(_result())
    (entry,) = tmp_path.rglob("*.json")
    entry.write_text("{not json")
    assert cache.get("https://x.example/a") is None


def test_a_second_run_is_served_from_the_cache(tmp_path: Path) -> None:
    def site(h: Handler, i: int) -> None:
        if h.path == "/ok":
            h.send(200, PAGE)
        else:
            h.send(500, b"down")

    options = FetchOptions(
        cache_dir=tmp_path / "cache",
        allow_private_hosts=True,
        max_retries=0,
        host_interval=0.0,
        archive=False,
    )
    with serving(site) as (server,):
        urls = [f"{server.url}/ok", f"{server.url}/down"]
        first = fetch_all_sync(urls, options)
        second = fetch_all_sync(urls, options)
        hits_after_two_runs = list(server.hits)
    assert not first[urls[0]].from_cache and second[urls[0]].from_cache
    assert second[urls[0]].content == PAGE
    # the error was not cached: the second run asked again
    assert sorted(hits_after_two_runs) == ["/down", "/down", "/ok"]  # fetched concurrently
    assert second[urls[1]].failure is not None
