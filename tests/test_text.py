"""Source text from HTML pages: main text vs everything visible, metadata, pass-through.

The pages here are written like real ones: an article inside site chrome (navigation, a
sidebar of related stories, a newsletter box, a footer) followed by reader comments. The
product depends on telling the article from the rest: a quote found only in a comment must
not count as found in the source's main text (issue 4, "Where it was found").
"""

from __future__ import annotations

import json

import pytest

from tests._pages import ARTICLE_PARAGRAPHS, URL
from verifier.models import ArchiveCapture, FetchFailure, FetchResult, SourceText
from verifier.text import html as text_html
from verifier.text import read_html, read_source

COMMENT_TEXT = "The council leader once told me she would never close the north quay terminal."
SIDEBAR_TEXT = "Lighthouse keeper retires after forty winters on the rock"
NAV_ITEMS = ("Home", "Local", "Politics", "Business", "Sport", "Weather")


def article_page(
    *,
    comments: bool = True,
    title: str = "Harbour council votes to close the old ferry terminal",
    extra_head: str = "",
    extra_body: str = "",
    charset_meta: str = '<meta charset="utf-8">',
) -> str:
    """A news page as a CMS serves it: chrome, the article, then reader comments."""
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV_ITEMS)
    paragraphs = "\n".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    comment_section = ""
    if comments:
        comment_section = f"""
<section id="comments" class="comments-area">
  <h2 class="comments-title">3 comments</h2>
  <ol class="comment-list">
    <li class="comment"><div class="comment-author">harbourwatcher</div>
      <div class="comment-body"><p>{COMMENT_TEXT}</p></div></li>
    <li class="comment"><div class="comment-author">quaysider</div>
      <div class="comment-body"><p>Typical. They let it rot and then say it is too
      expensive to fix.</p></div></li>
    <li class="comment"><div class="comment-author">M. Fenwick</div>
      <div class="comment-body"><p>The shuttle bus will be gone in a year, mark my words.
      </p></div></li>
  </ol>
</section>"""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{charset_meta}
<title>{title} | The Coastal Courier</title>
<meta property="og:title" content="{title}">
<meta name="author" content="Priya Natarajan">
<meta property="article:published_time" content="2024-03-12T07:30:00Z">
<style>.site-header {{ color: #123; }} body::after {{ content: "style text"; }}</style>
<script>window.dataLayer = [{{"page": "article", "secret": "script text"}}];</script>
{extra_head}
</head>
<body>
<header class="site-header">
  <div class="logo"><a href="/">The Coastal Courier</a></div>
  <nav class="main-nav"><ul>{nav}</ul></nav>
</header>
<main id="content">
<article class="post">
  <h1 class="entry-title">{title}</h1>
  <div class="byline">By <span class="author">Priya Natarajan</span>,
    <time datetime="2024-03-12">12 March 2024</time></div>
  <div class="entry-content">
{paragraphs}
  </div>
</article>
<aside class="sidebar">
  <h3>Most read</h3>
  <ul class="related-stories">
    <li><a href="/lighthouse">{SIDEBAR_TEXT}</a></li>
    <li><a href="/storm">Storm damage closes coastal path for the spring</a></li>
  </ul>
  <div class="newsletter"><p>Get the Courier in your inbox every morning.</p></div>
</aside>
{comment_section}
</main>
<footer class="site-footer"><p>© 2024 The Coastal Courier. All rights reserved.</p>
<noscript>noscript text</noscript><template><p>template text</p></template></footer>
{extra_body}
</body>
</html>"""


def fetched(
    body: bytes | str,
    content_type: str = "text/html; charset=utf-8",
    *,
    url: str = URL,
    headers: dict[str, str] | None = None,
    archived: ArchiveCapture | None = None,
) -> FetchResult:
    content = body.encode("utf-8") if isinstance(body, str) else body
    all_headers = {"content-type": content_type} if content_type else {}
    all_headers.update(headers or {})
    return FetchResult(
        url=url, final_url=url, status=200, headers=all_headers, content=content,
        archived=archived,
    )  # fmt: skip


# ---------------------------------------------------------------------------
# main text and full text


@pytest.fixture(scope="module")
def article() -> SourceText:
    return read_source(fetched(article_page()))


def test_article_is_read_without_failure(article: SourceText) -> None:
    assert article.failure is None
    assert article.url == URL and article.final_url == URL


@pytest.mark.parametrize("paragraph", ARTICLE_PARAGRAPHS)
def test_every_article_paragraph_is_in_the_main_text(article: SourceText, paragraph: str) -> None:
    assert paragraph in article.main_text


def test_comments_are_elsewhere_on_the_page_not_in_the_main_text(article: SourceText) -> None:
    assert COMMENT_TEXT not in article.main_text
    assert COMMENT_TEXT in article.full_text


def test_chrome_is_in_the_full_text_only(article: SourceText) -> None:
    main, full = article.main_text, article.full_text
    assert SIDEBAR_TEXT in full and SIDEBAR_TEXT not in main
    assert "Get the Courier in your inbox every morning." in full
    assert "Politics" not in main
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in full


def test_full_text_keeps_blocks_apart_and_drops_what_is_never_shown(article: SourceText) -> None:
    lines = article.full_text.split("\n")
    for item in NAV_ITEMS:  # one link per <li>: never glued into "HomeLocal"
        assert item in lines
    full = article.full_text
    for hidden in ("script text", "style text", "noscript text", "template text", "dataLayer"):
        assert hidden not in full
    assert "  " not in full
    # the <title> is metadata, not page text
    assert "| The Coastal Courier" not in full


def test_inline_markup_does_not_split_words() -> None:
    page = article_page(
        extra_body="<div class='note'><p>Re<b>build</b>ing the <i>south</i>&nbsp;pier "
        "cost <span>£3m</span>.</p></div>"
    )
    source = read_source(fetched(page))
    assert "Rebuilding the south\xa0pier cost £3m." in source.full_text


def test_metadata_title_byline_date_and_language(article: SourceText) -> None:
    assert article.title == "Harbour council votes to close the old ferry terminal"
    assert article.byline == "Priya Natarajan"
    assert article.date == "2024-03-12"
    assert article.language == "en"


def test_tables_in_the_article_are_kept() -> None:
    table = (
        "<table><tr><th>Pier</th><th>Repair cost</th></tr>"
        "<tr><td>North quay</td><td>4.2 million pounds</td></tr>"
        "<tr><td>South pier</td><td>rebuilt in 2019</td></tr></table>"
    )
    page = article_page().replace("</div>\n</article>", table + "</div>\n</article>")
    source = read_source(fetched(page))
    assert "North quay" in source.main_text
    assert "4.2 million pounds" in source.main_text.split("according to")[-1]


def test_container_is_the_fallback_when_trafilatura_finds_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(text_html, "bare_extraction", lambda *args, **kwargs: None)
    reading = read_html(article_page(), URL)
    assert reading.main_source == "container"
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in reading.main_text
    assert COMMENT_TEXT not in reading.main_text
    assert SIDEBAR_TEXT not in reading.main_text
    assert "Politics" not in reading.main_text


def test_comment_threads_are_pruned_from_the_container_fallback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Some themes put the comment thread inside the <article> element.
    page = article_page(comments=False).replace(
        "</div>\n</article>",
        f'</div><div class="comments"><p>{COMMENT_TEXT}</p></div>\n</article>',
    )
    monkeypatch.setattr(text_html, "bare_extraction", lambda *args, **kwargs: None)
    reading = read_html(page, URL)
    assert ARTICLE_PARAGRAPHS[-1] in reading.main_text
    assert COMMENT_TEXT not in reading.main_text
    assert COMMENT_TEXT in reading.full_text


class _Extracted:
    """What trafilatura's bare_extraction returns, reduced to the fields read here."""

    def __init__(self, text: str) -> None:
        self.text, self.title, self.author, self.date = text, None, None, None


def test_container_replaces_an_extraction_that_kept_only_part_of_the_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first_part = _Extracted("\n".join(ARTICLE_PARAGRAPHS[:2]))
    monkeypatch.setattr(text_html, "bare_extraction", lambda *args, **kwargs: first_part)
    reading = read_html(article_page(), URL)
    assert reading.main_source == "container"
    assert ARTICLE_PARAGRAPHS[-1] in reading.main_text


def test_container_does_not_replace_an_extraction_it_does_not_cover(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # trafilatura found text the container lacks: it read a different part of the page.
    other = _Extracted("A different story about the lifeboat station and its volunteers.")
    monkeypatch.setattr(text_html, "bare_extraction", lambda *args, **kwargs: other)
    reading = read_html(article_page(), URL)
    assert reading.main_source == "trafilatura"
    assert reading.main_text == other.text


def test_json_ld_article_body_rescues_a_page_rendered_by_script() -> None:
    body = " ".join(ARTICLE_PARAGRAPHS)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": "Harbour vote", "articleBody": body})  # fmt: skip
    page = (
        "<html><head><title>Harbour vote</title>"
        f'<script type="application/ld+json">{ld}</script></head>'
        '<body><div id="root"></div><script src="/app.js"></script></body></html>'
    )
    source = read_source(fetched(page))
    assert source.failure is None
    assert ARTICLE_PARAGRAPHS[1] in source.main_text
    assert ARTICLE_PARAGRAPHS[1] in source.full_text


def test_hidden_elements_are_not_visible_text() -> None:
    page = article_page(
        extra_body="<div hidden><p>hidden attribute text</p></div>"
        '<div style="display: none"><p>display none text</p></div>'
    )
    full = read_source(fetched(page)).full_text
    assert "hidden attribute text" not in full
    assert "display none text" not in full


def test_deeply_nested_markup_does_not_overflow() -> None:
    depth = 5000
    page = "<html><body>" + "<div>" * depth + "<p>deep words</p>" + "</div>" * depth
    page += "</body></html>"
    reading = read_html(page, URL)
    assert "deep words" in reading.full_text


# ---------------------------------------------------------------------------
# pass-through of the fetch stage's outcome


def test_a_fetch_failure_passes_through_with_empty_texts() -> None:
    capture = ArchiveCapture(
        "https://web.archive.org/web/20240101000000id_/" + URL, "20240101000000"
    )
    failure = FetchFailure("dead", f"HTTP 404 for {URL}")
    result = FetchResult(url=URL, final_url=URL, status=404, failure=failure, archived=capture,
                         content=article_page().encode())  # fmt: skip
    source = read_source(result)
    assert source.failure == failure
    assert source.main_text == "" and source.full_text == ""
    assert source.archived == capture
    assert source.language is None


def test_an_archived_copy_is_still_marked_as_archived() -> None:
    capture = ArchiveCapture(
        "https://web.archive.org/web/20240313000000id_/" + URL, "20240313000000"
    )
    source = read_source(fetched(article_page(), archived=capture))
    assert source.failure is None
    assert source.archived == capture
    assert ARTICLE_PARAGRAPHS[0] in source.main_text


def test_header_names_are_case_insensitive() -> None:
    body = article_page(charset_meta="").encode("cp1252", "replace")
    result = FetchResult(url=URL, final_url=URL, status=200, content=body,
                         headers={"Content-Type": "text/html; charset=windows-1252",
                                  "CF-Mitigated": "challenge"})  # fmt: skip
    source = read_source(result)
    assert source.failure is not None and source.failure.reason == "blocked"
    assert "Okafor" in source.full_text


def test_final_url_is_kept_apart_from_the_requested_url() -> None:
    result = FetchResult(
        url="http://short.example/x",
        final_url=URL,
        status=200,
        headers={"content-type": "text/html"},
        content=article_page().encode(),
    )
    source = read_source(result)
    assert (source.url, source.final_url) == ("http://short.example/x", URL)


# ---------------------------------------------------------------------------
# XHTML and plain text


XHTML = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en">
<head><title>Ferry terminal to close</title></head>
<body>
<div id="nav"><a href="/">Home</a> | <a href="/news">News</a></div>
<div class="article">
<h1>Ferry terminal to close</h1>
{"".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)}
<p>Repairs were priced at 4.2&#160;million pounds &amp; more.</p>
</div>
</body>
</html>"""


@pytest.mark.parametrize("content_type", ["application/xhtml+xml", "text/html", "application/xml"])
def test_xhtml_with_xml_declaration(content_type: str) -> None:
    source = read_source(fetched(XHTML.encode("utf-8"), content_type))
    assert source.failure is None
    assert ARTICLE_PARAGRAPHS[1] in source.main_text
    assert "Repairs were priced at 4.2\xa0million pounds & more." in source.full_text
    assert source.title == "Ferry terminal to close"


def test_plain_text_is_read_as_is() -> None:
    text = "\r\n\r\n".join(ARTICLE_PARAGRAPHS) + "\r\n"
    source = read_source(fetched(text.encode("utf-8"), "text/plain; charset=utf-8"))
    assert source.failure is None
    assert source.main_text == source.full_text == "\n\n".join(ARTICLE_PARAGRAPHS)
    assert source.language == "en"


def test_plain_text_that_is_really_html_is_read_as_html() -> None:
    source = read_source(fetched(article_page(), "text/plain"))
    assert "<p>" not in source.full_text
    assert COMMENT_TEXT not in source.main_text
    assert ARTICLE_PARAGRAPHS[2] in source.main_text


def test_text_is_in_nfc_in_both_readings() -> None:
    decomposed = "Cafe\u0301 owner Jose\u0301 Nun\u0303ez said the ferry mattered."
    page = article_page(extra_body=f"<div><p>{decomposed}</p></div>")
    source = read_source(fetched(page))
    assert "Café owner José Nuñez said the ferry mattered." in source.full_text
