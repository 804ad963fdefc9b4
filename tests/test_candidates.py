"""The sources stage: candidate URLs ranked by how close the editor put them to the quote."""

from __future__ import annotations

from verifier.candidates import find_candidates, front_matter_sources, sentence_bounds
from verifier.load import load_markdown
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
