"""Typed settings for a run, built once at the edge (CLI or config file) and passed inward.

Defaults live here so the library, the CLI and the configuration file share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from verifier.match.classify import DEFAULT_CONFIG, MatchConfig
from verifier.models import DEFAULT_FAIL_ON, Verdict

RECORD_MODES = ("none", "once", "new_episodes", "all")
DEFAULT_USER_AGENT = "quote-verifier/0.1 (+https://github.com/quote-verifier/verifier)"
DEFAULT_CASSETTE = Path(".verifier") / "cassette.yaml"
DEFAULT_ARCHIVE = Path(".verifier") / "archive.sqlite"
DEFAULT_STORE = Path(".verifier") / "sources"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How sources are fetched. Defaults follow lychee's (see docs/fetching.md)."""

    offline: bool = False  # never touch the network: unrecorded URLs are "not recorded"
    cassette: Path | None = None  # a single vcrpy YAML cassette to replay (and record into)
    store: Path | None = None  # the evidence store folder (one cassette per source URL)
    # One of RECORD_MODES, or None: replay what is recorded, fetch the rest without
    # recording. Any mode but "none" records into the store what it fetches.
    record_mode: str | None = None
    refresh: bool = False  # refetch (and re-record) every recorded source
    max_age: float | None = None  # refetch recordings older than this many seconds
    concurrency: int = 128  # requests in flight overall
    per_host_concurrency: int = 4  # requests in flight to one host
    host_interval: float = 0.05  # seconds between two requests to one host
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    request_timeout: float = 30.0  # total deadline for one request, retries excluded
    run_timeout: float = 600.0  # deadline for all fetching of a run
    max_retries: int = 3
    retry_wait: float = 1.0  # base of the exponential backoff, seconds
    max_retry_after: float = 60.0  # cap on a server's Retry-After
    max_redirects: int = 10
    max_bytes: int = 20 * 1024 * 1024  # body cap, decompressed
    user_agent: str = DEFAULT_USER_AGENT
    allow_private_hosts: bool = False  # allow loopback/private/link-local targets
    respect_robots: bool = False
    archive: bool = True  # fall back to the Internet Archive for dead or blocked pages
    cache_dir: Path | None = None  # on-disk response cache; None disables it
    cache_max_age: float = 86400.0  # seconds
    # Read texts shared by the workers of one run (each page read once across them); set by
    # `verifier.scale.run_corpus`, never a verdict's concern. None: `<cache_dir>/text`.
    shared_texts: Path | None = None
    remap: tuple[tuple[str, str], ...] = ()  # (regex, replacement) applied to every URL
    # Extra request headers by host (a host also covers its subdomains): members-only and
    # paywalled sources; cookies likewise, sent as one Cookie header. Never recorded or reported.
    host_headers: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    host_cookies: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    exclude_urls: tuple[str, ...] = ()  # regexes: matching URLs are never fetched
    accept_statuses: tuple[int, ...] = ()  # statuses whose body is read as if it were 200


@dataclass(frozen=True, slots=True)
class Options:
    """Everything `verify_paths` needs besides the paths."""

    fetch: FetchOptions = field(default_factory=FetchOptions)
    match: MatchConfig = DEFAULT_CONFIG  # the matcher's thresholds
    include: tuple[str, ...] = ("**/*.md", "**/*.markdown", "**/*.html", "**/*.htm", "**/*.txt")
    # (the globs select files in folders; a file named on the command line is always read)
    exclude: tuple[str, ...] = ()  # gitignore-style patterns, relative to the folder searched
    gitignore: bool = True  # obey .gitignore and .ignore files in the folders searched
    force_exclude: bool = False  # apply exclude and ignore files to files named one by one
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON
    extract_only: bool = False  # no candidates, no network: quotes only
    semantic: bool = True  # the semantic tier, when its extra is installed (docs/semantic.md)
    dump: bool = False  # quotes and the sources each would be checked against; no network
    baseline: Path | None = None
    changed_since: str | None = None  # a git ref: only articles changed since it
    # The source archive (docs/archive.md): unlinked quotes are looked up in it when on.
    use_archive: bool = False
    sources_index: Path | None = None  # the archive file [default: .verifier/archive.sqlite]
    sources: tuple[Path, ...] = ()  # source folders brought up to date before each run
    web_search: str | None = None  # a SearXNG instance's URL; off when None
    # Exit 0/1 even when evidence is incomplete (sources not recorded, nothing checked).
    allow_missing: bool = False
    # Per-article limits: a bigger file is reported, not read; an extraction that runs
    # longer is stopped and reported (0 = no limit). Generous: real articles are far below.
    max_article_bytes: int = 50_000_000
    extract_time_budget: float = 60.0
