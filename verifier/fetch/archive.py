"""Internet Archive fallback: find the capture nearest the article's date, read it raw.

Like lychee's `--suggest`, the capture is found by reading the 302 `Location` of
`https://web.archive.org/web/<YYYYMMDD>/<url>` (the availability API is rate-limited and
flaky); the capture is then read in its raw form, `/web/<timestamp>id_/<url>`, which
serves the page as captured, without the Wayback toolbar or rewritten links.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urljoin

from verifier.fetch import classify

WAYBACK = "https://web.archive.org/web/"
# Failures where an archived copy is worth looking for: the page is gone or walled off.
ARCHIVE_REASONS = frozenset({classify.DEAD, classify.BLOCKED})

_CAPTURE = re.compile(r"^https?://web\.archive\.org/web/(\d{4,14})(?:[a-z]{2}_)?/(.+)$")


def wayback_date(value: str | None) -> str | None:
    """`YYYYMMDD` from an ISO date or date-time ("2023-04-15", "2023-04-15T10:00:00Z")."""
    if not value:
        return None
    text = value.strip()
    try:
        day: date | None = datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        match = re.match(r"^(\d{4})-?(\d{2})-?(\d{2})", text)
        if match:
            try:
                day = date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return None
        else:
            day = _written_date(text)
    return day.strftime("%Y%m%d") if day else None


def _written_date(text: str) -> date | None:
    """A date as articles write it ("April 15, 2023", "15/04/2023", "15 avril 2023"), read
    by dateparser; a relative date ("last week") has no year and is refused."""
    if not re.search(r"\b\d{4}\b", text):
        return None
    import dateparser  # type: ignore[import-untyped]  # not ISO: a slow import, made late

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
    parsed = dateparser.parse(text, settings=settings)
    return parsed.date() if parsed else None


def lookup_url(url: str, when: str | None) -> str:
    """The Wayback URL whose redirect names the capture nearest `when` (or the latest)."""
    stamp = wayback_date(when)
    return f"{WAYBACK}{stamp}/{url}" if stamp else f"{WAYBACK}{url}"


def parse_capture(location: str, base: str = WAYBACK) -> tuple[str, str] | None:
    """`(timestamp, original url)` from a Wayback capture URL (absolute or relative)."""
    match = _CAPTURE.match(urljoin(base, location))
    if not match:
        return None
    return match[1], match[2]


def raw_url(timestamp: str, url: str) -> str:
    """The raw form of a capture: the page as the archive got it, no toolbar."""
    return f"{WAYBACK}{timestamp}id_/{url}"


def should_try(reason: str) -> bool:
    return reason in ARCHIVE_REASONS
