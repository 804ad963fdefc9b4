"""Web search for unlinked quotes, against a loopback server that speaks SearXNG's JSON API."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from verifier.archive.web import SearxngSearch
from verifier.cli import main
from verifier.errors import InputError
from verifier.models import CandidateReason, Verdict
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


@pytest.fixture
def searx() -> Iterator[ThreadingHTTPServer]:
    queries: list[str] = []
    state = {"broken": False}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if parts.path == "/search":
                args = parse_qs(parts.query)
                queries.append(args["q"][0])
                if state["broken"] or args.get("format") != ["json"]:
                    self.send_error(403)
                    return
                hit = "bridge over the river will open" in args["q"][0]
                results = [{"url": f"{base}/council.html", "title": "Council meeting"}] * hit
                self._send(
                    json.dumps({"query": args["q"][0], "results": results}).encode(),
                    "application/json",
                )
            elif parts.path == "/council.html":
                self._send(PAGE, "text/html; charset=utf-8")
            else:
                self.send_error(404)

        def _send(self, body: bytes, media: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.queries = queries  # type: ignore[attr-defined]
    httpd.state = state  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _run(tmp_path: Path, url: str, **extra: object) -> list:  # type: ignore[type-arg]
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
    tmp_path: Path, searx: ThreadingHTTPServer
) -> None:
    base = f"http://127.0.0.1:{searx.server_address[1]}"
    found, missing = _run(tmp_path, base)
    assert found.verdict is Verdict.VERIFIED
    assert found.source is not None and found.source.origin == "web"
    assert found.source.url == f"{base}/council.html"
    assert found.candidates[0].candidate.reason is CandidateReason.WEB_SEARCH
    assert missing.verdict is Verdict.UNVERIFIABLE
    queries = searx.queries  # type: ignore[attr-defined]
    assert queries[0].startswith('"the new bridge') and queries[0].endswith('May,"')
    assert "council.html" in (tmp_path / "cassette.yaml").read_text()  # in the evidence


def test_a_failing_search_engine_is_named_and_the_run_goes_on(
    tmp_path: Path, searx: ThreadingHTTPServer
) -> None:
    searx.state["broken"] = True  # type: ignore[attr-defined]
    base = f"http://127.0.0.1:{searx.server_address[1]}"
    quotes = _run(tmp_path, base)
    assert all(q.verdict is Verdict.UNVERIFIABLE for q in quotes)
    assert quotes[0].reason is not None
    assert f"web search {base}/search: HTTP 403" in quotes[0].reason


def test_offline_runs_never_search(tmp_path: Path, searx: ThreadingHTTPServer) -> None:
    base = f"http://127.0.0.1:{searx.server_address[1]}"
    _run(tmp_path, base, offline=True)
    assert searx.queries == []  # type: ignore[attr-defined]


def test_a_search_url_that_is_not_http_is_refused() -> None:
    with pytest.raises(InputError, match="not an http"):
        SearxngSearch("ftp://search.example.org")


def test_web_search_through_the_cli(tmp_path: Path, searx: ThreadingHTTPServer) -> None:
    base = f"http://127.0.0.1:{searx.server_address[1]}"
    (tmp_path / "bridge.md").write_text(ARTICLE, encoding="utf-8")
    command = [str(tmp_path), "--web-search", base, "--allow-private-hosts", "--no-archive"]
    result = CliRunner().invoke(main, [*command, "--format", "json", "--allow-missing"])
    quotes = json.loads(result.stdout)["documents"][0]["quotes"]
    assert quotes[0]["verdict"] == "verified" and quotes[0]["source"]["origin"] == "web"
    assert searx.queries  # type: ignore[attr-defined]
