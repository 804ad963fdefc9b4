"""Retry and pacing policy, as pure functions of time and the last outcome.

The async loop asks `retry_delay` whether (and how long) to wait before trying again, and
keeps one `HostPace` per host: the minimum interval between two requests to it, widened
when the host answers 429 (doubling up to a cap, like lychee) and narrowed again on success.
"""

from __future__ import annotations

import email.utils
import random
from collections.abc import Mapping
from dataclasses import dataclass

# Statuses worth another try: the server may answer differently in a moment.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504, 509, 520, 521, 522, 523, 524})
# Failure reasons (see classify.py) worth another try; the others are final.
RETRY_REASONS = frozenset({"timeout", "connection error"})


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a `Retry-After` value (delta seconds or HTTP-date), or None.

    `now` is the current Unix time; a date in the past means "now" (0 seconds).
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT
        return None
    return max(0.0, when.timestamp() - now)


def backoff(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Exponential backoff with jitter: about base·2^attempt, between half and all of it.

    Equal jitter keeps a floor (half the step) so a retry storm still spreads out.
    """
    step = min(cap, base * (2**attempt))
    return float(step / 2 + rng.uniform(0, step / 2))


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_retries: int = 3
    base: float = 1.0  # seconds, first backoff step
    cap: float = 60.0  # no wait is ever longer, Retry-After included


def is_challenge(headers: Mapping[str, str]) -> bool:
    """A bot-wall challenge (Cloudflare `cf-mitigated: challenge`): retrying will not pass it."""
    return headers.get("cf-mitigated", "").strip().lower() == "challenge"


def retry_delay(
    *,
    attempt: int,
    policy: RetryPolicy,
    status: int | None,
    reason: str | None,
    headers: Mapping[str, str],
    now: float,
    rng: random.Random,
) -> float | None:
    """How long to wait before attempt `attempt + 1`, or None to stop here.

    `attempt` counts from 0 for the first try. `status` is the final HTTP status (None when
    no response came); `reason` the failure reason when the attempt failed without one.
    A server's Retry-After is honoured when longer than our backoff, up to `policy.cap`.
    """
    if attempt >= policy.max_retries:
        return None
    if status is not None:
        if status not in RETRY_STATUSES or is_challenge(headers):
            return None
    elif reason not in RETRY_REASONS:
        return None
    delay = backoff(attempt, policy.base, policy.cap, rng)
    asked = parse_retry_after(headers.get("retry-after"), now)
    if asked is not None:
        delay = max(delay, asked)
    return min(delay, policy.cap)


@dataclass(slots=True)
class HostPace:
    """Pacing state of one host: when the next request may start and the current interval."""

    base_interval: float
    cap: float
    interval: float = -1.0
    next_start: float = 0.0
    throttled: int = 0  # how many 429s this host has answered in this run

    def __post_init__(self) -> None:
        if self.interval < 0:
            self.interval = self.base_interval

    def reserve(self, now: float) -> float:
        """Book the next start slot; returns how long the caller must wait for it."""
        start = max(now, self.next_start)
        self.next_start = start + self.interval
        return start - now

    def on_throttled(self, now: float, wait: float) -> None:
        """A 429: double the interval (to the cap) and hold every request for `wait` s."""
        self.throttled += 1
        self.interval = min(self.cap, max(self.interval * 2, self.base_interval, 0.1))
        self.next_start = max(self.next_start, now + wait)

    def on_success(self) -> None:
        """A good answer: ease the interval back towards the configured one."""
        self.interval = max(self.base_interval, self.interval / 2)
