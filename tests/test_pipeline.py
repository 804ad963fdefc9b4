"""The whole pipeline on the sample corpus and on small corpora made in the test."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from verifier.errors import UsageError
from verifier.judge import NO_LINKED_SOURCE, NOT_AT_SPEAKER_LINKS
from verifier.models import CandidateReason, QuoteResult, Report, Verdict
from verifier.pipeline import verify_paths

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def sample() -> Report:
    return verify_paths([CORPUS], offline=True)


def _find(report: Report, path_part: str, words: str) -> QuoteResult:
    for doc in report.documents:
        if path_part in doc.path:
            for q in doc.quotes:
                if words in q.quote.text:
                    return q
    raise AssertionError(f"no quote {words!r} in {path_part}")


def test_every_sample_article_is_read_with_its_quotes(sample: Report) -> None:
    assert not sample.errors
    seeds = [d for d in sample.documents if "constructed" not in d.path]
    assert len(seeds) == 5
    assert all(d.quotes for d in seeds)
    # fixtures/gold/ holds 44 attributed quotes for these articles (scare quotes, titles and
    # names of plans excluded); bench/extraction.py scores recall against it.
    assert sum(len(d.quotes) for d in seeds) >= 42
    named = [q for d in seeds for q in d.quotes if q.quote.speaker]
    assert len(named) >= 0.85 * sum(len(d.quotes) for d in seeds)


def test_cross_article_quotes_are_checked_against_the_other_article(sample: Report) -> None:
    crenshaw = _find(sample, "000-", "That doesn’t mean we’re doing it")
    # "us more" vs "more us": a word-order change is not on the closed list of harmless edits
    assert crenshaw.verdict is Verdict.MISQUOTED
    assert crenshaw.reason is not None and crenshaw.reason.startswith("word order")
    assert crenshaw.source is not None
    assert "more us involved" in crenshaw.source.passage
    lasso = _find(sample, "001-", "The background is the same.")
    assert lasso.verdict is Verdict.VERIFIED
    assert lasso.candidates[0].candidate.reason is CandidateReason.BLOCKQUOTE_INTRO
    salvador = _find(sample, "001-", "betrayed a lack of understanding")
    assert salvador.verdict is Verdict.VERIFIED
    examiner = _find(sample, "000-", "The State Department has not publicized")
    assert examiner.verdict is Verdict.MINOR_DIFFERENCE  # "signed a status" vs "signed status"


def test_constructed_cases_get_their_intended_verdicts(sample: Report) -> None:
    cases = {
        ("manta-briefing", "President Trump is firmly committed"): Verdict.VERIFIED,
        ("manta-briefing", "they bring resources; and those"): Verdict.MINOR_DIFFERENCE,
        ("manta-briefing", "these will never be occupied"): Verdict.MISQUOTED,
        ("manta-briefing", "We will never allow foreign troops"): Verdict.NOT_FOUND,
        ("manta-briefing", "Renderings of a floating dock"): Verdict.IGNORED,
        ("dead-link", "strengthens our shared commitment"): Verdict.UNVERIFIABLE,
        ("unrecorded-link", "We are ready to host the pier"): Verdict.UNVERIFIABLE,
        ("wire-copy", "The withdrawal of the American military"): Verdict.VERIFIED,
        ("wire-copy", "fulfilled his campaign pledge"): Verdict.MISQUOTED,
        ("briefing.html", "They were announcing and signing"): Verdict.VERIFIED,
        ("briefing.html", "The United States will continue to support"): Verdict.VERIFIED,
        ("paraphrase-and-translation", "joint security agenda"): Verdict.NOT_FOUND,
        ("paraphrase-and-translation", "Today Ecuador fully"): Verdict.UNVERIFIABLE,
    }
    got = {key: _find(sample, *key).verdict for key in cases}
    assert got == cases
    assert _find(sample, "dead-link", "strengthens our").reason == "dead"
    assert _find(sample, "unrecorded-link", "We are ready").reason == "not recorded"
    misquote = _find(sample, "manta-briefing", "these will never be occupied")
    changed = [op for op in misquote.diff if op.op.value != "equal"]
    assert any("never" in op.quote for op in changed)


def test_quotes_without_a_linked_source_are_unverifiable_not_findings(sample: Report) -> None:
    falconi = _find(sample, "000-", "The withdrawal of the American military")
    assert falconi.verdict is Verdict.UNVERIFIABLE
    assert falconi.reason == NO_LINKED_SOURCE
    assert {q.verdict for q in sample.findings()} <= {Verdict.MISQUOTED, Verdict.NOT_FOUND}


def test_reader_comments_are_skipped_and_said_so(sample: Report) -> None:
    doc = next(d for d in sample.documents if "000-" in d.path)
    assert any("reader-comment" in note for note in doc.notes)
    assert not any("Drones are gaining popularity" in q.quote.text for q in doc.quotes)


def test_quote_ids_are_stable_across_runs(sample: Report) -> None:
    again = verify_paths([CORPUS], offline=True)
    assert [q.id for q in again.all_quotes()] == [q.id for q in sample.all_quotes()]
    assert len({q.id for q in sample.all_quotes()}) == len(sample.all_quotes())


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_the_plain_text_seeds_run_and_have_no_source() -> None:
    report = verify_paths([SEEDS], offline=True)
    quotes = report.all_quotes()
    assert len(report.documents) == 5 and quotes
    assert {q.verdict for q in quotes} == {Verdict.UNVERIFIABLE}
    assert {q.reason for q in quotes} == {"no source"}


def test_one_broken_article_does_not_lose_the_others(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("“We are concerned about the harbour,” the minister said.\n")
    (tmp_path / "broken.md").write_bytes(b"\x00\x01binary")
    (tmp_path / "bad-yaml.md").write_text("---\ntitle: [oops\n---\n“Text,” he said.\n")
    report = verify_paths([tmp_path], offline=True)
    errors = {Path(d.path).name: d.error for d in report.errors}
    assert set(errors) == {"broken.md", "bad-yaml.md"}
    assert "broken.md: not a text file" in str(errors["broken.md"])
    assert "bad-yaml.md, line" in str(errors["bad-yaml.md"])
    good = next(d for d in report.documents if d.path.endswith("good.md"))
    assert [q.quote.text for q in good.quotes] == ["We are concerned about the harbour,"]


def test_extract_only_makes_no_requests(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "“We are concerned about the harbour,” the minister "
        "[said](https://www.example.org/never-fetched).\n"
    )
    report = verify_paths([tmp_path], extract_only=True)
    (quote,) = report.all_quotes()
    assert quote.verdict is Verdict.UNVERIFIABLE
    assert quote.reason == "not checked (extract only)"
    assert quote.candidates == ()


# -- recording and replaying for real, against a server on loopback --------------------

PAGE = b"""<!DOCTYPE html><html><head><title>Minister speaks</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Minister speaks</h1>
<p>The minister said on Monday that "the harbour will be finished before the rainy season,
and not a day later," and that the budget was final.</p>
<p>"We are not going to ask for more money," she added.</p></article></body></html>"""


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            if self.path == "/minister.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Set-Cookie", "session=secret-value")
                self.send_header("Content-Length", str(len(PAGE)))
                self.end_headers()
                self.wfile.write(PAGE)
            else:
                self.send_error(404)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.hits = hits  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_record_then_replay_with_the_server_gone(
    tmp_path: Path, server: ThreadingHTTPServer
) -> None:
    base = f"http://127.0.0.1:{server.server_address[1]}"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.md").write_text(
        f"The minister [said]({base}/minister.html) that “the harbour will be finished before "
        "the rainy season, and not a day later.”\n\n"
        f"“We are not going to ask for more money,” she [added]({base}/minister.html).\n\n"
        f"“We will ask for more money,” she [said later]({base}/minister.html).\n\n"
        f"“The old statement about the harbour is gone,” the spokesman [said]({base}/gone.html).\n"
    )
    cassette = tmp_path / "cassette.yaml"
    options = {"cassette": cassette, "allow_private_hosts": True, "archive": False}
    recorded = verify_paths([corpus], record_mode="once", **options)
    verdicts = [(q.quote.text, q.verdict, q.reason) for q in recorded.all_quotes()]
    assert [v for _, v, _ in verdicts] == [
        Verdict.VERIFIED,
        Verdict.VERIFIED,
        Verdict.MISQUOTED,
        Verdict.UNVERIFIABLE,
    ]
    assert verdicts[3][2] == "dead"
    assert cassette.is_file()
    text = cassette.read_text()
    assert "secret-value" not in text and "interactions:" in text
    assert sorted(server.hits) == ["/gone.html", "/minister.html"]  # each URL once  # type: ignore[attr-defined]

    server.shutdown()
    server.server_close()
    replayed = verify_paths([corpus], record_mode="none", **options)
    assert [(q.quote.text, q.verdict, q.reason) for q in replayed.all_quotes()] == verdicts
    offline = verify_paths([corpus], offline=True, **options)
    assert [(q.quote.text, q.verdict, q.reason) for q in offline.all_quotes()] == verdicts


def test_changed_since_checks_only_the_articles_git_says_changed(tmp_path: Path) -> None:
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    quote = "“We are not going to ask for more money for the harbour,” the minister said.\n"
    (tmp_path / "old.md").write_text(quote)
    (tmp_path / "edited.md").write_text(quote)
    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    (tmp_path / "edited.md").write_text(quote + "\nA new paragraph.\n")
    (tmp_path / "new story é.md").write_text(quote)  # a space and an accent in the name
    report = verify_paths([tmp_path], offline=True, changed_since="HEAD")
    assert sorted(Path(d.path).name for d in report.documents) == ["edited.md", "new story é.md"]
    with pytest.raises(UsageError, match="no-such-ref"):
        verify_paths([tmp_path], offline=True, changed_since="no-such-ref")


def test_progress_is_reported_for_fetching_and_matching() -> None:
    seen: list[tuple[str, int, int]] = []
    report = verify_paths(
        [CORPUS / "constructed" / "manta-briefing.md"],
        offline=True,
        progress=lambda stage, done, total: seen.append((stage, done, total)),
    )
    quotes = len(report.all_quotes())
    assert ("fetching", 0, 1) in seen and ("fetching", 1, 1) in seen
    assert seen[-1] == ("matching", quotes, quotes)


def test_an_unusable_page_is_read_from_its_archived_copy(tmp_path: Path) -> None:
    """A 200 page that says "not found" (a soft 404) falls back to the archive."""
    from verifier.fetch import RecordedResponse, write_cassette

    url = "https://www.ministry.example/2024/05/statement.html"
    stamp = "20240512093000"
    lookup = f"https://web.archive.org/web/20240510/{url}"
    raw = f"https://web.archive.org/web/{stamp}id_/{url}"
    html = "text/html; charset=utf-8"
    soft_404 = (
        "<html><head><title>Page not found</title></head><body><h1>Page not found</h1>"
        "<p>Sorry, the page you are looking for does not exist.</p></body></html>"
    )
    article = (
        "<html><head><title>Statement</title></head><body><article><h1>Statement</h1>"
        "<p>The minister said the harbour will be finished before the rainy season, "
        "and that the budget for the work is final and will not grow.</p>"
        "<p>Work on the second pier starts in June, the ministry added.</p></article></body></html>"
    )
    cassette = tmp_path / "cassette.yaml"
    write_cassette(
        cassette,
        [
            RecordedResponse("GET", url, 200, {"content-type": html}, soft_404),
            RecordedResponse("GET", lookup, 302, {"location": raw}, ""),
            RecordedResponse("GET", raw, 200, {"content-type": html}, article),
        ],
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(
        "---\ndate: 2024-05-10\n---\n\n"
        "“The harbour will be finished before the rainy season,” the minister "
        f"[said]({url}).\n"
    )
    report = verify_paths([corpus], cassette=cassette, offline=True)
    (quote,) = report.all_quotes()
    assert quote.verdict is Verdict.VERIFIED, quote.reason
    assert quote.source is not None and quote.source.archived is not None
    assert quote.source.archived.timestamp == stamp
    assert quote.reason is not None and "archived copy of 2024-05-12" in quote.reason

    no_archive = verify_paths([corpus], cassette=cassette, offline=True, archive=False)
    (quote,) = no_archive.all_quotes()
    assert (quote.verdict, quote.reason) == (Verdict.UNVERIFIABLE, "soft 404")


def _page_corpus(tmp_path: Path, pages: dict[str, str], article: str) -> tuple[Path, Path]:
    """A one-article corpus and a cassette that serves `pages` (URL -> HTML)."""
    from verifier.fetch import RecordedResponse, write_cassette

    cassette = tmp_path / "cassette.yaml"
    html = {"content-type": "text/html; charset=utf-8"}
    write_cassette(cassette, [RecordedResponse("GET", u, 200, html, p) for u, p in pages.items()])
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(article)
    return corpus, cassette


ARTICLE_PAGE = """<html><head><title>Harbour</title></head><body>
<article><h1>The harbour deal</h1>
<p>Transport minister Ana Ruiz spoke to reporters on Monday about the new harbour in the
north of the country, which has been delayed for two years by a dispute over its cost.</p>
<p>"We are not going to ask for more money, and the harbour will open in the spring," Ruiz
said. The opposition called the plan unrealistic and asked for an audit of the accounts.</p>
<p>The ministry expects the first ships to dock in April, after a final safety inspection by
the port authority and the coast guard, and a trial run with two cargo ships.</p>
</article>
<section id="comments"><h2>Comments</h2>
<p>Reader: "The whole project is a waste of public money and everyone knows it," I think.</p>
</section></body></html>"""


def test_a_quote_found_only_in_the_page_comments_is_not_a_confirmation(tmp_path: Path) -> None:
    url = "https://news.example.org/harbour"
    corpus, cassette = _page_corpus(
        tmp_path,
        {url: ARTICLE_PAGE},
        f"“The whole project is a waste of public money and everyone knows it,” Ruiz "
        f"[said]({url}).\n",
    )
    (quote,) = verify_paths([corpus], cassette=cassette, offline=True).all_quotes()
    assert quote.verdict is Verdict.NOT_FOUND
    assert quote.reason is not None and "outside the article's main text" in quote.reason
    assert quote.source is not None and quote.source.location == "page"


def test_the_speaker_is_looked_for_near_the_passage(tmp_path: Path) -> None:
    url = "https://news.example.org/harbour"
    quote_words = "We are not going to ask for more money, and the harbour will open in the spring"
    corpus, cassette = _page_corpus(
        tmp_path,
        {url: ARTICLE_PAGE},
        f"“{quote_words},” Ana Ruiz [said]({url}).\n\n"
        f"“{quote_words},” the opposition leader Carlos Vega [said]({url}).\n",
    )
    right, wrong = verify_paths([corpus], cassette=cassette, offline=True).all_quotes()
    assert (right.verdict, right.attribution) == (Verdict.VERIFIED, "confirmed")
    assert (wrong.verdict, wrong.attribution) == (Verdict.VERIFIED, "not_found")


def test_a_quote_without_a_link_is_checked_at_the_link_given_for_its_speaker(
    tmp_path: Path,
) -> None:
    url = "https://news.example.org/harbour"
    said_later = "The ministry expects the first ships to dock in April"
    page = ARTICLE_PAGE.replace(f"<p>{said_later}", f"<p>“{said_later},” Ruiz added. The ministry")
    corpus, cassette = _page_corpus(
        tmp_path,
        {url: page},
        "“We are not going to ask for more money, and the harbour will open in the spring,” "
        f"Ana Ruiz [said]({url}).\n\n"
        f"Her plan has critics. “{said_later},” Ruiz added.\n\n"
        "“We will cut the budget of every other ministry to pay for the harbour,” Ruiz said.\n",
    )
    linked, later, elsewhere = verify_paths([corpus], cassette=cassette, offline=True).all_quotes()
    assert linked.verdict is Verdict.VERIFIED
    assert later.verdict is Verdict.VERIFIED
    assert later.candidates[0].candidate.reason is CandidateReason.SPEAKER_LINK
    # Not in the speaker's linked source: a guess that failed is no finding.
    assert (elsewhere.verdict, elsewhere.reason) == (
        Verdict.UNVERIFIABLE,
        NOT_AT_SPEAKER_LINKS.format(elsewhere.quote.speaker),
    )


def test_a_source_in_another_language_is_unverifiable_not_a_finding(tmp_path: Path) -> None:
    url = "https://noticias.example.org/puerto"
    spanish = (
        "<html><head><title>Puerto</title></head><body><article><h1>El puerto</h1>"
        "<p>La ministra de Transporte, Ana Ruiz, habló el lunes con los periodistas sobre el "
        "nuevo puerto del norte del país, retrasado dos años por una disputa sobre su costo.</p>"
        "<p>«No vamos a pedir más dinero, y el puerto abrirá en primavera», dijo Ruiz. La "
        "oposición calificó el plan de poco realista y pidió una auditoría de las cuentas.</p>"
        "</article></body></html>"
    )
    corpus, cassette = _page_corpus(
        tmp_path,
        {url: spanish},
        "“We are not going to ask for more money, and the harbour will open in the spring,” "
        f"Ana Ruiz [said]({url}).\n",
    )
    (quote,) = verify_paths([corpus], cassette=cassette, offline=True).all_quotes()
    assert quote.verdict is Verdict.UNVERIFIABLE
    # (the semantic tier, when installed, adds its evidence after the reason: tests/test_semantic)
    assert (quote.reason or "").startswith("source in Spanish")


def test_a_second_run_with_a_cache_does_no_network_and_no_reading(
    tmp_path: Path, server: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import verifier.reading

    base = f"http://127.0.0.1:{server.server_address[1]}"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.md").write_text(
        f"“We are not going to ask for more money,” she [said]({base}/minister.html).\n"
    )
    options = {"cache_dir": tmp_path / "cache", "allow_private_hosts": True, "archive": False}
    first = verify_paths([corpus], **options)
    assert server.hits == ["/minister.html"]  # type: ignore[attr-defined]
    assert (tmp_path / "cache" / "text").is_dir()

    def no_reading(*args: object) -> None:
        raise AssertionError("the page was read again")

    monkeypatch.setattr(verifier.reading, "read_source", no_reading)
    second = verify_paths([corpus], **options)
    assert server.hits == ["/minister.html"]  # type: ignore[attr-defined]
    assert [(q.verdict, q.source) for q in second.all_quotes()] == [
        (q.verdict, q.source) for q in first.all_quotes()
    ]
    assert first.all_quotes()[0].verdict is Verdict.VERIFIED


def test_a_crash_while_extracting_one_article_is_reported_for_that_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import verifier.articles
    from verifier.extract import extract as real_extract

    (tmp_path / "good.md").write_text("“We are concerned about the harbour,” the minister said.\n")
    (tmp_path / "trigger.md").write_text("“This article trips a bug,” the minister said.\n")

    def flaky(document):  # type: ignore[no-untyped-def]
        if "trips a bug" in document.text:
            raise IndexError("boom")
        return real_extract(document)

    monkeypatch.setattr(verifier.articles, "extract", flaky)
    report = verify_paths([tmp_path], offline=True)
    errors = {Path(d.path).name: d.error for d in report.errors}
    assert list(errors) == ["trigger.md"]
    assert "internal error while extracting quotes" in str(errors["trigger.md"])
    assert len(report.all_quotes()) == 1
