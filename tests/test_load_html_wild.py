"""HTML page shapes found on real news sites (the article-extraction benchmark's pages)."""

from __future__ import annotations

from verifier.candidates import find_candidates
from verifier.load import load_html
from verifier.models import ParagraphKind, Quote, QuoteKind

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


def _candidates(page: str, words: str) -> list[str]:
    doc = load_html(page, "page.html")
    start = doc.text.index(words)
    quote = Quote(words, start, start + len(words), QuoteKind.BLOCK)
    return [c.url for c in find_candidates(quote, doc)]


TWEET = (
    '<blockquote class="twitter-tweet"><p>Proud of the team tonight '
    '<a href="https://twitter.com/hashtag/Browns?src=hash">#Browns</a> '
    '<a href="https://t.co/abc">pic.twitter.com/abc</a></p>— PFF (@PFF) '
    '<a href="https://twitter.com/PFF/status/1195362639817388033">November 15, 2019</a>'
    "</blockquote>"
)


def test_hashtag_and_share_links_are_not_sources() -> None:
    page = _page(
        '<article><p>The grader <a href="https://example.org/grades">said</a>:</p>'
        f"{TWEET}"
        '<p><a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a></p></article>'
    )
    urls = _candidates(page, "Proud of the team tonight")
    assert "https://twitter.com/PFF/status/1195362639817388033" in urls  # the tweet itself
    assert "https://t.co/abc" in urls
    assert "https://example.org/grades" in urls  # its introducing line
    assert not any("hashtag" in u or "sharer" in u for u in urls)


def test_a_link_list_before_a_block_quote_does_not_introduce_it() -> None:
    tags = " ".join(f'<a href="https://example.org/tag/{n}">tag{n}</a>' for n in range(6))
    page = _page(f"<article><p>{tags}</p><blockquote><p>Archive</p></blockquote></article>")
    assert _candidates(page, "Archive") == []
    # a line that names one source, and links it, does introduce the quote
    page = _page(
        '<article><p><a href="https://example.org/review">Engadget</a></p>'
        "<blockquote><p>It is a platform, not a console.</p></blockquote></article>"
    )
    assert _candidates(page, "It is a platform") == ["https://example.org/review"]


def test_an_unmarked_menu_list_is_dropped_but_article_lists_are_kept() -> None:
    menu = "".join(f'<li><a href="/s{n}">Section {n}</a></li>' for n in range(5))
    steps = (
        "<ol><li>Close the <a href='/bridge'>bridge</a> to lorries over ten tonnes.</li>"
        "<li>Repaint the main span.</li><li>Open in spring.</li></ol>"
    )
    short = '<ul><li><a href="/a">The council report</a></li><li><a href="/b">Map</a></li></ul>'
    doc = load_html(_page(f"<div><ul>{menu}</ul></div><div>{STORY}{steps}{short}</div>"))
    assert "Section" not in doc.text
    assert "Close the bridge to lorries" in doc.text  # a list with links among its words
    assert "The council report" in doc.text  # two links: too short to call a menu


def test_a_long_menu_does_not_outweigh_the_article_wrapper() -> None:
    menu = "".join(
        f'<li><a href="/s{n}">Section number {n} of the site</a></li>' for n in range(40)
    )
    page = _page(
        f'<nav class="navigation-main"><ul>{menu}</ul></nav>'
        f'<div class="page-content and-w-sidebar">{STORY}</div>'
        '<div class="widget"><p>Follow us</p></div>'
    )
    doc = load_html(page)
    assert "We will open the bridge in spring" in doc.text
    assert "Section number" not in doc.text
    assert "Follow us" not in doc.text


def test_a_leave_a_comment_link_is_not_the_comment_section() -> None:
    meta = (
        '<ul class="meta"><li>August 13, 2018</li><li>Posted by <a href="/a/v">Vortex</a></li>'
        '<li><a href="/about-bugs/#respond">Leave a comment</a></li></ul>'
    )
    doc = load_html(_page(f"<article><h1>About bugs</h1>{meta}{STORY}</article>"))
    assert all(p.kind is not ParagraphKind.COMMENTS for p in doc.paragraphs)
    # the same words as a heading, not a link, still start the comments
    thread = "<h3>Leave a comment</h3><p>Nice one, 3 hours ago</p><p>Reply</p>"
    doc = load_html(_page(f"<article><h1>About bugs</h1>{STORY}{STORY}{thread}</article>"))
    kinds = [p.kind for p in doc.paragraphs]
    assert kinds[-3:] == [ParagraphKind.COMMENTS] * 3
    assert ParagraphKind.COMMENTS not in kinds[:-3]


def test_an_embedded_post_card_is_left_out_and_a_tweet_kept() -> None:
    """Instagram, TikTok and Facebook embeds are a caption card ("A post shared by …"), not
    the article's words; an embedded tweet's `<blockquote>` is its author's words, signed."""
    page = _page(
        f"<article>{STORY}<p>The senator answered online:</p>"
        '<blockquote class="twitter-tweet"><p>We will not back down from this fight.</p>'
        "&mdash; Jane Doe (@janedoe) December 2, 2026</blockquote>"
        '<blockquote class="instagram-media"><p>A post shared by Tom Smith (@tsmith)</p>'
        '</blockquote><blockquote class="tiktok-embed"><p>Tom Smith on TikTok</p></blockquote>'
        '<div class="fb-post"><p>Posted by Tom Smith on Facebook</p></div></article>'
    )
    doc = load_html(page)
    assert "We will not back down from this fight." in doc.text
    assert "shared by" not in doc.text and "TikTok" not in doc.text
    assert "Facebook" not in doc.text
