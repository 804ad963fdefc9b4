"""Web search for unlinked quotes, against a loopback server that speaks SearXNG's JSON API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from test_fetch_hostile import Handler, serving

from verifier.archive.web import SearxngSearch
from verifier.cli import main
from verifier.errors import InputError
from verifier.models import CandidateReason, QuoteResult, Verdict
from verifier.pipeline import verify_paths

PAGE = b"""<!DOCTYPE html><html><head><title>Council meeting</title></head><body>
<article><h1>Council meeting</h1><p>The mayor told the council that "the new bridge over the
river will open to traffic in the first week of May" and thanked the engineers.</p>
</article></body></html>"""

ARTICLE = (
    "The mayor said “the new bridge over the river will open to traffic in the first week of "
    "May,” according to people at the meeting.\n\n"
    "“Nobody on the council has seen the final costs of the bridge yet,” the mayor added.\n"
)


@dataclass
class Searx:
    """A SearXNG stand-in on loopback: its URL, the queries it was sent, and a switch."""

    url: str
    queries: list[str] = field(default_factory=list)
    broken: bool = False


@pytest.fixture
def searx() -> Iterator[Searx]:
    engine = Searx("")

    def behaviour(handler: Handler, _: int) -> None:
        parts = urlsplit(handler.path)
        if parts.path == "/search":
            args = parse_qs(parts.query)
            engine.queries.append(args["q"][0])
            if engine.broken or args.get("format") != ["json"]:
                handler.send_error(403)
                return
            hit = "bridge over the river will open" in args["q"][0]
            results = [{"url": f"{engine.url}/council.html", "title": "Council meeting"}] * hit
            body = json.dumps({"query": args["q"][0], "results": results}).encode()
            handler.send(200, body, {"Content-Type": "application/json"})
        elif parts.path == "/council.html":
            handler.send(200, PAGE)
        else:
            handler.send_error(404)

    with serving(behaviour) as (server,):
        engine.url = server.url
        yield engine


def _run(tmp_path: Path, url: str, **extra: object) -> list[QuoteResult]:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "bridge.md").write_text(ARTICLE, encoding="utf-8")
    report = verify_paths(
        [corpus],
        web_search=url,
        cassette=tmp_path / "cassette.yaml",
        allow_private_hosts=True,
        archive=False,
        **extra,
    )
    return list(report.all_quotes())


def test_a_quote_found_by_web_search_is_fetched_recorded_and_judged(
    tmp_path: Path, searx: Searx
) -> None:
    base = searx.url
    found, missing = _run(tmp_path, base)
    assert found.verdict is Verdict.VERIFIED
    assert found.source is not None and found.source.origin == "web"
    assert found.source.url == f"{base}/council.html"
    assert found.candidates[0].candidate.reason is CandidateReason.WEB_SEARCH
    assert missing.verdict is Verdict.UNVERIFIABLE
    queries = searx.queries
    assert queries[0].startswith('"the new bridge') and queries[0].endswith('May,"')
    assert "council.html" in (tmp_path / "cassette.yaml").read_text()  # in the evidence


def test_a_failing_search_engine_is_named_and_the_run_goes_on(tmp_path: Path, searx: Searx) -> None:
    searx.broken = True
    base = searx.url
    quotes = _run(tmp_path, base)
    assert all(q.verdict is Verdict.UNVERIFIABLE for q in quotes)
    assert quotes[0].reason is not None
    assert f"web search {base}/search: HTTP 403" in quotes[0].reason


def test_offline_runs_never_search(tmp_path: Path, searx: Searx) -> None:
    base = searx.url
    _run(tmp_path, base, offline=True)
    assert searx.queries == []


def test_a_search_url_that_is_not_http_is_refused() -> None:
    with pytest.raises(InputError, match="not an http"):
        SearxngSearch("ftp://search.example.org")


def test_web_search_through_the_cli(tmp_path: Path, searx: Searx) -> None:
    base = searx.url
    (tmp_path / "bridge.md").write_text(ARTICLE, encoding="utf-8")
    command = [str(tmp_path), "--web-search", base, "--allow-private-hosts", "--no-archive"]
    result = CliRunner().invoke(main, [*command, "--format", "json", "--allow-missing"])
    quotes = json.loads(result.stdout)["documents"][0]["quotes"]
    assert quotes[0]["verdict"] == "verified" and quotes[0]["source"]["origin"] == "web"
    assert searx.queries
