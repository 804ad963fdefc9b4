"""HTML page shapes found on real news sites (the article-extraction benchmark's pages)."""

from __future__ import annotations

from verifier.load import load_html

STORY = (
    "<p>“We will open the bridge in spring,” the mayor said on Tuesday, after a council "
    "vote that ended two years of delays over the cost of the steel.</p>"
    "<p>Engineers said the repairs were finished and that the last inspection found no "
    "fault in the main span, which carries forty thousand cars a day.</p>"
)


def _page(body: str) -> str:
    return f"<html><head><title>Bridge</title></head><body>{body}</body></html>"


def test_teaser_articles_before_the_story_are_not_the_article() -> None:
    teasers = "".join(
        f'<article class="promo-item"><a href="/t{n}">Other headline {n}</a></article>'
        for n in range(3)
    )
    doc = load_html(_page(f'{teasers}<div class="story"><article>{STORY}</article></div>'))
    assert "We will open the bridge in spring" in doc.text
    assert "Engineers said" in doc.text
    assert "Other headline" not in doc.text  # the story's own <article> was chosen


def test_a_reader_comment_article_is_never_the_root() -> None:
    comment = (
        '<article class="comment-body"><p>“Great news,” wrote a reader, who said the '
        "bridge had been closed for far too long and that the council had wasted money on "
        "the consultants and on the lawyers and on the studies, year after year after "
        "year, while the rest of us drove around by the ring road every day.</p></article>"
    )
    doc = load_html(_page(f'<div class="entry">{STORY}</div><div>{comment}</div>'))
    assert "We will open the bridge in spring" in doc.text
    # with no other article, the page's body is read; its comment sections are not
    page = _page(f'<div class="entry">{STORY}</div><div class="comments">{comment}</div>')
    assert "Great news" not in load_html(page).text


def test_an_empty_main_before_the_real_one_is_skipped() -> None:
    doc = load_html(_page(f'<main class="l-main"><div>Ad</div></main><main>{STORY}</main>'))
    assert "Engineers said" in doc.text
    assert "Ad" not in doc.text.split()


def test_a_layout_wrapper_marked_like_boilerplate_is_kept() -> None:
    page = _page(
        f'<article><div class="content-with-sidebar-wrp"><div class="body">{STORY}</div>'
        '<div class="sidebar"><p>Most read: the ten best bridges</p></div></div>'
        '<div class="share-bar"><a href="https://twitter.com/intent/tweet">Tweet</a></div>'
        "</article>"
    )
    doc = load_html(page)
    assert "We will open the bridge in spring" in doc.text
    assert "Most read" not in doc.text  # the real sidebar inside it still goes
    assert "Tweet" not in doc.text


def test_a_long_comment_section_is_dropped_however_long() -> None:
    replies = "".join(f"<p>Reply number {n} says the bridge is a waste.</p>" for n in range(40))
    page = _page(f'<div>{STORY}</div><div id="comments" class="comments-area">{replies}</div>')
    doc = load_html(page)
    assert "Engineers said" in doc.text
    assert "Reply number" not in doc.text
