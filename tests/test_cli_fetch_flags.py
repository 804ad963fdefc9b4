"""The command line's fetch and run flags, each shown to change what `verify` does.

Every test runs `verify` itself (click's runner) on articles written to a temporary folder
that link to real HTTP servers on 127.0.0.1, and checks the effect of one flag: what the
server saw (headers, requests in flight, requests made) or what the report says.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_fetch_hostile import Behaviour, Handler, Server, serving

from verifier.cli import main
from verifier.outcome import ExitCode

SENTENCE = "the new agreement would protect the coastal fisheries for a decade"
PAGE = (
    "<html><head><title>Briefing</title></head><body><article>"
    f"<p>The minister told reporters that {SENTENCE}.</p>"
    "<p>Other words follow in a second paragraph of the page.</p>"
    "</article></body></html>"
).encode()
# the run checks these quotes against the loopback pages, nothing else
QUIET = ["--allow-private-hosts", "--no-archive", "--no-semantic", "--no-progress"]


@dataclass
class Seen:
    """What a loopback server saw: the User-Agent of every request."""

    user_agents: list[str | None] = field(default_factory=list)


def briefing(seen: Seen, *, delay: float = 0.0, robots: bytes | None = None) -> Behaviour:
    """A server behaviour: the briefing page (after `delay`), and `robots` at /robots.txt."""

    def behave(h: Handler, i: int) -> None:
        seen.user_agents.append(h.headers.get("User-Agent"))
        if h.path == "/robots.txt":
            if robots is None:
                h.send(404)
            else:
                h.send(200, robots, {"Content-Type": "text/plain"})
            return
        time.sleep(delay)
        h.send(200, PAGE)

    return behave


def write_articles(folder: Path, urls: list[str]) -> None:
    """One article per URL, each quoting the page's sentence and linking to it."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, url in enumerate(urls):
        (folder / f"article-{k}.md").write_text(
            f'# Article {k}\n\nThe minister said: "{SENTENCE}" ([briefing]({url})).\n',
            encoding="utf-8",
        )


def verify(*args: str) -> Result:
    return CliRunner().invoke(main, [*args, *QUIET, "--format", "json"])


def verdicts(result: Result) -> list[tuple[str, str | None]]:
    data = json.loads(result.stdout)
    return [(q["verdict"], q["reason"]) for d in data["documents"] for q in d["quotes"]]


@pytest.fixture
def server() -> Iterator[tuple[Server, Seen]]:
    seen = Seen()
    with serving(briefing(seen)) as (one,):
        yield one, seen


def test_user_agent_is_sent_with_every_request(tmp_path: Path, server: tuple[Server, Seen]) -> None:
    one, seen = server
    write_articles(tmp_path, [f"{one.url}/a", f"{one.url}/b"])
    result = verify(str(tmp_path), "--user-agent", "NewsroomChecker/2.0 (+desk@example.org)")
    assert result.exit_code == ExitCode.CLEAN, result.output
    assert verdicts(result) == [("verified", None)] * 2
    assert seen.user_agents == ["NewsroomChecker/2.0 (+desk@example.org)"] * 2


def test_default_user_agent_names_the_tool(tmp_path: Path, server: tuple[Server, Seen]) -> None:
    one, seen = server
    write_articles(tmp_path, [f"{one.url}/a"])
    assert verify(str(tmp_path)).exit_code == ExitCode.CLEAN
    assert seen.user_agents and "verif" in (seen.user_agents[0] or "").lower()


@pytest.mark.parametrize("per_host", [1, 3])
def test_per_host_bounds_the_requests_in_flight_to_one_host(tmp_path: Path, per_host: int) -> None:
    with serving(briefing(Seen(), delay=0.2)) as (one,):
        write_articles(tmp_path, [f"{one.url}/p{k}" for k in range(4)])
        result = verify(str(tmp_path), "--per-host", str(per_host))
    assert result.exit_code == ExitCode.CLEAN, result.output
    # 1: strictly one after the other; 3: several at once, never more than 3
    assert one.max_in_flight == per_host if per_host == 1 else 2 <= one.max_in_flight <= per_host


def test_concurrency_bounds_the_requests_in_flight_overall(tmp_path: Path) -> None:
    with serving(briefing(Seen(), delay=0.2), briefing(Seen(), delay=0.2)) as (one, two):
        write_articles(tmp_path, [f"{s.url}/p{k}" for s in (one, two) for k in range(3)])
        result = verify(str(tmp_path), "--concurrency", "1")
    assert result.exit_code == ExitCode.CLEAN, result.output
    assert one.max_in_flight == two.max_in_flight == 1
    assert len(one.hits) == len(two.hits) == 3


@pytest.mark.parametrize("retries", [0, 1])
def test_timeout_ends_each_attempt_and_says_so(tmp_path: Path, retries: int) -> None:
    # the retry count comes from a configuration file named on the command line
    config = tmp_path / "ci.toml"
    config.write_text(f"max-retries = {retries}\nretry-wait = 0.1\n", encoding="utf-8")
    with serving(briefing(Seen(), delay=3.0), briefing(Seen())) as (slow, quick):
        write_articles(tmp_path / "corpus", [f"{slow.url}/slow", f"{quick.url}/quick"])
        started = time.monotonic()
        result = verify(str(tmp_path / "corpus"), "--timeout", "0.3", "--config", str(config))
        took = time.monotonic() - started
        slow.stopping.set()
    # an unverifiable quote is not a finding by default (--fail-on): the run is clean
    assert result.exit_code == ExitCode.CLEAN, result.output
    assert verdicts(result) == [("unverifiable", "timeout"), ("verified", None)]
    assert slow.hits == ["/slow"] * (1 + retries)
    # one answer would have taken 3 s: the deadline ended every attempt before it
    assert took < 3.0 * (1 + retries)


def test_respect_robots_obeys_a_disallow(tmp_path: Path) -> None:
    seen = Seen()
    with serving(briefing(seen, robots=b"User-agent: *\nDisallow: /private/\n")) as (one,):
        write_articles(tmp_path, [f"{one.url}/private/page", f"{one.url}/public/page"])
        obeyed = verify(str(tmp_path), "--respect-robots")
        hits_obeying = list(one.hits)
        ignored = verify(str(tmp_path))
    assert obeyed.exit_code == ExitCode.CLEAN, obeyed.output
    disallowed = ("unverifiable", "robots.txt disallows")
    assert sorted(verdicts(obeyed)) == [disallowed, ("verified", None)]
    assert "/private/page" not in hits_obeying and "/public/page" in hits_obeying
    assert verdicts(ignored) == [("verified", None)] * 2  # without the flag robots.txt is not read


def test_cache_dir_answers_a_second_run_without_the_network(
    tmp_path: Path, server: tuple[Server, Seen]
) -> None:
    one, _ = server
    write_articles(tmp_path / "corpus", [f"{one.url}/a", f"{one.url}/b"])
    cache = tmp_path / "cache"
    first = verify(str(tmp_path / "corpus"), "--cache-dir", str(cache))
    assert sorted(one.hits) == ["/a", "/b"]
    second = verify(str(tmp_path / "corpus"), "--cache-dir", str(cache))
    assert verdicts(first) == verdicts(second) == [("verified", None)] * 2
    assert sorted(one.hits) == ["/a", "/b"]  # nothing asked again
    assert len(list(cache.glob("??/*.json"))) == 2  # one response a URL
    without = verify(str(tmp_path / "corpus"))
    assert without.exit_code == ExitCode.CLEAN
    assert len(one.hits) == 4  # no cache given: the network again


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_changed_since_checks_only_the_articles_git_says_changed(
    tmp_path: Path, server: tuple[Server, Seen]
) -> None:
    one, _ = server
    write_articles(tmp_path, [f"{one.url}/a", f"{one.url}/b", f"{one.url}/c"])
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "three articles")
    (tmp_path / "article-1.md").write_text(
        f'# Edited\n\nThe minister said: "{SENTENCE}" ([briefing]({one.url}/b)).\n',
        encoding="utf-8",
    )
    (tmp_path / "article-new.md").write_text(
        f'# New\n\nThe minister said: "{SENTENCE}" ([briefing]({one.url}/d)).\n',
        encoding="utf-8",
    )
    result = verify(str(tmp_path), "--changed-since", "HEAD")
    assert result.exit_code == ExitCode.CLEAN, result.output
    checked = sorted(Path(d["path"]).name for d in json.loads(result.stdout)["documents"])
    assert checked == ["article-1.md", "article-new.md"]
    assert sorted(one.hits) == ["/b", "/d"]


def test_changed_since_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    write_articles(tmp_path, ["http://127.0.0.1:9/a"])
    result = verify(str(tmp_path), "--changed-since", "HEAD")
    assert result.exit_code == ExitCode.ERROR, result.output
    assert "--changed-since HEAD" in result.output and "git" in result.output


def test_write_baseline_then_baseline_accepts_the_findings(tmp_path: Path) -> None:
    seen = Seen()
    with serving(briefing(seen)) as (one,):
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        (corpus / "drifted.md").write_text(
            "# Drifted\n\nThe minister said: "
            '"the new agreement would destroy the coastal fisheries for a decade" '
            f"([briefing]({one.url}/a)).\n",
            encoding="utf-8",
        )
        baseline = tmp_path / "baseline.json"
        before = verify(str(corpus))
        written = verify(str(corpus), "--write-baseline", str(baseline))
        after = verify(str(corpus), "--baseline", str(baseline))
    assert before.exit_code == ExitCode.FINDINGS
    assert verdicts(before) == [("misquoted", verdicts(before)[0][1])]
    assert written.exit_code == ExitCode.CLEAN, written.output
    assert baseline.is_file() and "destroy" in baseline.read_text(encoding="utf-8")
    assert after.exit_code == ExitCode.CLEAN, after.output
