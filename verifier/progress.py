"""Progress on standard error, where it never mixes with a report piped from stdout.

On an interactive terminal, a rich bar that moves per source fetched; in a CI log or a
pipe, a plain line at most every `PLAIN_INTERVAL` seconds (so a quick run prints nothing
and a slow one shows it is alive); with `--no-progress`, nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from verifier.pipeline import ProgressHook

PLAIN_INTERVAL = 10.0  # seconds between two plain progress lines


class PlainProgress:
    """`stage: done/total` lines, at most one per interval, for logs that keep every line."""

    def __init__(
        self,
        stream: IO[str],
        *,
        interval: float = PLAIN_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._interval = interval
        self._clock = clock
        self._last = clock()

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self._clock()
        if now - self._last < self._interval or done >= total:
            return
        self._last = now
        self._stream.write(f"{stage}: {done}/{total}\n")
        self._stream.flush()


@contextmanager
def progress_to(console: Console, *, enabled: bool = True) -> Iterator[ProgressHook | None]:
    """A progress hook writing to `console` (standard error), as the place allows."""
    if not enabled:
        yield None
        return
    if not console.is_terminal:
        yield PlainProgress(console.file)
        return
    columns = (TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def hook(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield hook
