"""Progress goes to standard error: per source while fetching, plain lines in a log."""

from __future__ import annotations

import io

from rich.console import Console

from verifier.progress import PlainProgress, progress_to


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_plain_progress_prints_at_most_one_line_per_interval() -> None:
    out, clock = io.StringIO(), Clock()
    hook = PlainProgress(out, interval=10, clock=clock)
    for done in range(0, 40):
        clock.now = done * 1.0  # one source a second
        hook("fetching", done, 40)
    hook("fetching", 40, 40)  # the end needs no line: the report follows
    assert out.getvalue().splitlines() == ["fetching: 10/40", "fetching: 20/40", "fetching: 30/40"]


def test_quick_runs_print_nothing_and_no_progress_means_none() -> None:
    out, clock = io.StringIO(), Clock()
    hook = PlainProgress(out, clock=clock)
    clock.now = 2.0
    hook("matching", 5, 10)
    assert out.getvalue() == ""
    console = Console(file=io.StringIO(), force_terminal=False)
    with progress_to(console, enabled=False) as none:
        assert none is None
    with progress_to(console) as plain:
        assert isinstance(plain, PlainProgress)


def test_terminal_bar_moves_with_each_source() -> None:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=60)
    with progress_to(console) as hook:
        assert hook is not None and not isinstance(hook, PlainProgress)
        for done in range(5):
            hook("fetching", done, 4)
    assert "fetching" in buf.getvalue()


def test_fetch_all_reports_each_distinct_source() -> None:
    import asyncio

    import httpx

    from verifier.fetch import fetch_all
    from verifier.options import FetchOptions

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<p>hello</p>", headers={"content-type": "text/html"})

    calls: list[tuple[int, int]] = []
    urls = [f"https://example.org/{i}" for i in range(3)] + ["https://example.org/0"]

    async def run() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
            await fetch_all(
                urls,
                FetchOptions(archive=False),
                client=client,
                on_fetched=lambda done, total: calls.append((done, total)),
            )

    asyncio.run(run())
    assert calls == [(1, 3), (2, 3), (3, 3)]
