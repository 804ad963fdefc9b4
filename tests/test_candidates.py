"""The sources stage: candidate URLs ranked by how close the editor put them to the quote."""

from __future__ import annotations

import pytest

from verifier.candidates import (
    MAX_SPEAKER_LINKS,
    find_candidates,
    front_matter_sources,
    links_by_speaker,
    sentence_bounds,
)
from verifier.extract import extract
from verifier.extract.speakers import surname_key
from verifier.load import load_html, load_markdown
from verifier.models import CandidateReason, Document, Quote, QuoteKind

ARTICLE = """---
title: Test
url: https://news.example.org/this-article
sources:
  - https://www.state.gov/statement
  - url: https://www.state.gov/second
---

The deal was signed on Friday, [officials said](https://www.examiner.example/deal).
“That doesn’t mean we’re doing it,” Crenshaw [said](https://www.voanews.example/crenshaw).
He spoke to [reporters](/2023/09/briefing) later.[^1]

Lasso, who spoke at the [summit](https://summit.example/la), said:

> The background is the same. We could probably call it something else.

A paragraph that links to [itself](https://news.example.org/this-article#top).

[^1]: https://www.crenshaw.example/interview
"""


def _quote(doc: Document, words: str, kind: QuoteKind = QuoteKind.FULL) -> Quote:
    start = doc.text.index(words)
    return Quote(words, start, start + len(words), kind)


def test_ranking_sentence_then_paragraph_then_footnote_then_front_matter() -> None:
    doc = load_markdown(ARTICLE, "a.md")
    quote = _quote(doc, "That doesn’t mean we’re doing it,")
    found = [(c.url, c.reason) for c in find_candidates(quote, doc)]
    assert found == [
        ("https://www.voanews.example/crenshaw", CandidateReason.SENTENCE_LINK),
        ("https://www.examiner.example/deal", CandidateReason.PARAGRAPH_LINK),
        ("https://news.example.org/2023/09/briefing", CandidateReason.PARAGRAPH_LINK),
        ("https://www.crenshaw.example/interview", CandidateReason.FOOTNOTE),
        ("https://www.state.gov/statement", CandidateReason.FRONT_MATTER),
        ("https://www.state.gov/second", CandidateReason.FRONT_MATTER),
    ]


def test_block_quote_takes_the_link_of_its_introducing_line() -> None:
    doc = load_markdown(ARTICLE, "a.md")
    quote = _quote(doc, "The background is the same.", QuoteKind.BLOCK)
    first = find_candidates(quote, doc)[0]
    assert (first.url, first.reason) == (
        "https://summit.example/la",
        CandidateReason.BLOCKQUOTE_INTRO,
    )


def test_the_article_never_cites_itself() -> None:
    doc = load_markdown(ARTICLE, "a.md")
    quote = _quote(doc, "A paragraph that links")
    urls = [c.url for c in find_candidates(quote, doc)]
    assert not any("this-article" in url for url in urls)


def test_corpus_articles_come_last_with_their_path() -> None:
    doc = load_markdown(ARTICLE, "a.md")
    other = load_markdown("---\nurl: https://other.example/a\n---\nText.\n", "b.md")
    quote = _quote(doc, "That doesn’t mean we’re doing it,")
    found = find_candidates(quote, doc, lambda q, d: [other])
    assert (found[-1].url, found[-1].reason, found[-1].detail) == (
        "https://other.example/a",
        CandidateReason.CORPUS_ARTICLE,
        "b.md",
    )


def test_no_links_no_candidates() -> None:
    doc = load_markdown("“We are concerned,” the chancellor said.\n", "c.md")
    assert find_candidates(_quote(doc, "We are concerned,"), doc) == []


def test_sentence_bounds_stop_at_neighbouring_sentences() -> None:
    doc = load_markdown(ARTICLE, "a.md")
    quote = _quote(doc, "That doesn’t mean we’re doing it,")
    start, end = sentence_bounds(doc, quote)
    assert doc.text[start:end] == "“That doesn’t mean we’re doing it,” Crenshaw said."


def test_front_matter_sources_ignores_what_is_not_a_url() -> None:
    doc = load_markdown("---\nsources: [12, 'not a url', 'https://ok.example/x']\n---\nT.\n")
    assert front_matter_sources(doc) == ["https://ok.example/x"]


SPEAKER_ARTICLE = """The minister spoke on Monday.

“We are not going to ask for more money,” Ana Ruiz [said](https://gov.example/ruiz-speech).

The opposition disagreed. “This plan is unrealistic,” said Carlos Vega, citing [an audit](https://audit.example/report).

“The harbour will open in the spring,” Ruiz added later in the speech.

“Nobody asked us,” said a port worker.
"""


def _extracted(text: str) -> tuple[Document, list[Quote]]:
    doc = load_markdown(text, "s.md")
    return doc, extract(doc)


def _by_words(quotes: list[Quote], words: str) -> Quote:
    return next(q for q in quotes if q.text.startswith(words))


def test_a_quote_without_a_link_is_tried_at_its_speakers_other_links() -> None:
    doc, quotes = _extracted(SPEAKER_ARTICLE)
    links = links_by_speaker(doc, quotes)
    later = _by_words(quotes, "The harbour will open")
    found = [(c.url, c.reason, c.detail) for c in find_candidates(later, doc, None, links)]
    assert found == [
        ("https://gov.example/ruiz-speech", CandidateReason.SPEAKER_LINK, later.speaker)
    ]


def test_a_quote_with_its_own_link_and_an_unnamed_speaker_get_no_speaker_links() -> None:
    doc, quotes = _extracted(SPEAKER_ARTICLE)
    links = links_by_speaker(doc, quotes)
    vega = _by_words(quotes, "This plan is unrealistic")
    assert [c.reason for c in find_candidates(vega, doc, None, links)] == [
        CandidateReason.SENTENCE_LINK
    ]
    worker = _by_words(quotes, "Nobody asked us")
    assert find_candidates(worker, doc, None, links) == []


def test_the_nearest_of_a_speakers_links_come_first_and_at_most_three() -> None:
    paragraphs = [
        f"“Point number {n} is made here,” Ruiz [said](https://gov.example/{n})." for n in range(5)
    ]
    text = "\n\n".join([*paragraphs[:2], "“The last point stands,” Ruiz said.", *paragraphs[2:]])
    doc, quotes = _extracted(text + "\n")
    last = _by_words(quotes, "The last point")
    urls = [c.url for c in find_candidates(last, doc, None, links_by_speaker(doc, quotes))]
    assert len(urls) == MAX_SPEAKER_LINKS == 3
    assert set(urls[:2]) == {"https://gov.example/1", "https://gov.example/2"}


@pytest.mark.parametrize(
    ("speaker", "key"),
    [
        ("Rep. Dan Crenshaw", "crenshaw"),
        ("Crenshaw", "crenshaw"),
        ("Robert F. Kennedy Jr.", "kennedy"),
        ("President Daniel Noboa", "noboa"),
        ("Noboa’s government", None),
        ("an official familiar with the planning", None),
        ("the report", None),
        (None, None),
    ],
)
def test_speaker_key_is_the_surname_of_a_named_speaker(
    speaker: str | None, key: str | None
) -> None:
    assert surname_key(speaker) == key


HTML_ARTICLE = """<html><head>
<link rel="canonical" href="/2024/harbour-plan">
<meta property="og:url" content="https://news.example/2024/harbour-plan">
</head><body><article>
<p>Ruiz spoke at the <a href="/events/summit">summit</a>:</p>
<blockquote cite="https://city.example/speech"><p>We will not leave anyone behind.</p>
<footer>— Mayor Ana Ruiz</footer></blockquote>
<p>She later posted:</p>
<blockquote class="twitter-tweet"><p>The harbour will be rebuilt before winter!</p>
&mdash; Ana Ruiz (@anaruiz) <a href="https://twitter.com/anaruiz/status/1">May 31</a>
</blockquote>
<footer>Share this article</footer>
</article></body></html>"""


def test_a_block_quote_is_tried_at_its_own_links_before_its_introducing_line() -> None:
    doc = load_html(HTML_ARTICLE, "a.html")
    assert doc.url == "https://news.example/2024/harbour-plan"  # relative canonical, resolved
    speech = _quote(doc, "We will not leave anyone behind.", QuoteKind.BLOCK)
    assert [(c.url, c.reason) for c in find_candidates(speech, doc)] == [
        ("https://city.example/speech", CandidateReason.BLOCKQUOTE_LINK),  # <blockquote cite>
        ("https://news.example/events/summit", CandidateReason.BLOCKQUOTE_INTRO),
    ]
    tweet = _quote(doc, "The harbour will be rebuilt before winter!", QuoteKind.BLOCK)
    assert [(c.url, c.reason) for c in find_candidates(tweet, doc)] == [
        ("https://twitter.com/anaruiz/status/1", CandidateReason.BLOCKQUOTE_LINK),  # signature
    ]


def test_a_block_quotes_footer_is_its_signature_and_a_page_footer_is_dropped() -> None:
    doc = load_html(HTML_ARTICLE, "a.html")
    assert "— Mayor Ana Ruiz" in doc.text
    assert "Share this article" not in doc.text
    speakers = {q.text: q.speaker for q in extract(doc)}
    assert speakers["We will not leave anyone behind."] == "Mayor Ana Ruiz"


@pytest.mark.parametrize(
    ("head", "url"),
    [
        ('<link rel="canonical" href="https://a.example/x">', "https://a.example/x"),
        (
            '<link rel="canonical" href="https://a.example/x">'
            '<meta property="og:url" content="https://b.example/y">',
            "https://a.example/x",
        ),
        ('<meta property="og:url" content="https://b.example/y">', "https://b.example/y"),
        ('<link rel="canonical" href="/x">', None),  # relative, nothing to read it against
        ("", None),
    ],
)
def test_an_html_articles_own_url(head: str, url: str | None) -> None:
    doc = load_html(f"<html><head>{head}</head><body><p>Text.</p></body></html>", "a.html")
    assert doc.url == url


def test_a_malformed_link_is_no_candidate_and_no_crash() -> None:
    doc = load_markdown(
        'Ruiz said: "we are ready to start" ([a](http://[::1/x)) ([b](https://ok.example/r)).\n',
        "a.md",
    )
    (quote,) = extract(doc)
    assert [c.url for c in find_candidates(quote, doc)] == ["https://ok.example/r"]
