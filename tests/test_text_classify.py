"""Pages that were served but hold no usable text: each kind, and the real pages it must spare.

The positive pages copy the markup such pages really have (Cloudflare's challenge, an Akamai
refusal, a DataDome captcha, a WordPress 404, a metered paywall, a React shell). Each rule has
negatives: full articles that carry the same words or scripts for innocent reasons.
"""

from __future__ import annotations

import json

import pytest

from tests._pages import ARTICLE_PARAGRAPHS, URL
from verifier.models import FetchResult, SourceText
from verifier.text import PageSignals, classify, read_source

CHROME_TOP = """<header class="site-header"><a class="logo" href="/">The Coastal Courier</a>
<nav><ul><li><a href="/local">Local</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>"""
CHROME_BOTTOM = """<aside class="sidebar"><h3>Most read</h3><ul>
<li><a href="/a">Lighthouse keeper retires after forty winters on the rock</a></li>
<li><a href="/b">Storm damage closes coastal path for the spring</a></li>
<li><a href="/c">School choir to sing at the cathedral on Easter Sunday</a></li></ul></aside>
<footer><p>© 2024 The Coastal Courier. All rights reserved.</p>
<ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>
<li><a href="/privacy">Privacy</a></li></ul></footer>"""


def html_page(title: str, content: str, head: str = "", chrome: bool = True) -> str:
    top, bottom = (CHROME_TOP, CHROME_BOTTOM) if chrome else ("", "")
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"{head}</head><body>{top}<main>{content}</main>{bottom}</body></html>"
    )


def article(
    title: str = "Harbour council votes to close the old ferry terminal",
    extra: str = "",
    head: str = "",
    paragraphs: tuple[str, ...] = ARTICLE_PARAGRAPHS,
) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    content = f'<article><h1>{title}</h1><div class="entry-content">{body}</div></article>{extra}'
    return html_page(f"{title} | The Coastal Courier", content, head)  # fmt: skip


def read(
    markup: str,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> SourceText:
    all_headers = {"content-type": content_type, **(headers or {})}
    return read_source(FetchResult(url=URL, final_url=URL, status=200, headers=all_headers,
                                   content=markup.encode("utf-8")))  # fmt: skip


def reason(source: SourceText) -> str | None:
    return source.failure.reason if source.failure else None


# ---------------------------------------------------------------------------
# bot walls

CLOUDFLARE = """<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="robots" content="noindex,nofollow">
<style>*{box-sizing:border-box;margin:0;padding:0}html{line-height:1.15}</style>
<script>(function(){window._cf_chl_opt={cvId: '3',cZone: "news.example.org",cType: 'managed',
cRay: '82a1b2c3d4e5f607'};var cpo=document.createElement('script');
cpo.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=82a1b2c3d4e5f607';
document.getElementsByTagName('head')[0].appendChild(cpo);}());</script></head>
<body><div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">news.example.org</h1>
<h2 id="challenge-running" class="h2">Checking if the site connection is secure</h2>
<noscript><div id="challenge-error-title"><div class="h2"><span id="challenge-error-text">
Enable JavaScript and cookies to continue</span></div></div></noscript>
<div id="challenge-body-text" class="core-msg spacer">news.example.org needs to review the
security of your connection before proceeding.</div></div></div>
<div class="footer" role="contentinfo"><div class="footer-inner">
<div class="ray-id">Ray ID: <code>82a1b2c3d4e5f607</code></div>
<div class="text-center" id="footer-text">Performance &amp; security by
<a rel="noopener noreferrer" href="https://www.cloudflare.com">Cloudflare</a></div></div></div>
</body></html>"""

DDOS_GUARD = """<!DOCTYPE html><html><head><title>DDoS-Guard</title></head><body>
<div class="container"><h1>Checking your browser before accessing news.example.org.</h1>
<p>This process is automatic. Your browser will redirect to your requested content shortly.
</p><p>Please allow up to 5 seconds…</p></div></body></html>"""

AKAMAI = """<HTML><HEAD>
<TITLE>Access Denied</TITLE>
</HEAD><BODY>
<H1>Access Denied</H1>
You don't have permission to access "http&#58;&#47;&#47;news&#46;example&#46;org&#47;2024&#47;"
on this server.<P>
Reference&#32;&#35;18&#46;5f2d1c17&#46;1710230400&#46;2b6e1f
</BODY>
</HTML>"""

DATADOME = """<html lang="en"><head><title>news.example.org</title>
<style>#cmsg{animation: A 1.5s;}@keyframes A{0%{opacity:0;}99%{opacity:0;}100%{opacity:1;}}</style>
</head><body style="margin:0"><p id="cmsg">Please enable JS and disable any ad blocker</p>
<script data-cfasync="false">var dd={'rt':'c','cid':'AHrlqAAAAAMA','hsh':'2211F522',
't':'fe','s':17434,'e':'bd2a','host':'geo.captcha-delivery.com'}</script>
<script data-cfasync="false" src="https://ct.captcha-delivery.com/c.js"></script>
</body></html>"""

GOOGLE_SORRY = html_page(
    "Sorry...",
    """<div id="recaptcha" class="g-recaptcha"
data-sitekey="6LfwuyUTAAAAAOAmoS0fdqijC2PbbdH4kjq62Y1b"></div>
<p>Our systems have detected unusual traffic from your computer network. This page checks to
see if it's really you sending the requests, and not a robot.</p>""",
    chrome=False,
)

CAPTCHA_ONLY = html_page(
    "news.example.org",
    """<form id="challenge" method="post">
<div class="h-captcha" data-sitekey="10000000-ffff-ffff-ffff-000000000001"></div>
<button type="submit">Continue</button></form>
<script src="https://hcaptcha.com/1/api.js" async defer></script>""",
    chrome=False,
)


@pytest.mark.parametrize(
    "markup",
    [CLOUDFLARE, DDOS_GUARD, AKAMAI, DATADOME, GOOGLE_SORRY, CAPTCHA_ONLY],
    ids=["cloudflare", "ddos-guard", "akamai", "datadome", "google-sorry", "hcaptcha"],
)
def test_bot_challenge_pages_are_blocked(markup: str) -> None:
    source = read(markup)
    assert reason(source) == "blocked", source.failure
    assert URL in source.failure.detail  # type: ignore[union-attr]


def test_cf_mitigated_header_is_blocked_whatever_the_body() -> None:
    source = read(article(), headers={"cf-mitigated": "challenge"})
    assert reason(source) == "blocked"
    assert "cf-mitigated" in source.failure.detail  # type: ignore[union-attr]


def test_an_article_with_captcha_comment_form_and_cloudflare_scripts_is_not_blocked() -> None:
    extra = """<section class="comments"><h2>Leave a comment</h2><form action="/comment">
<textarea name="c"></textarea><div class="g-recaptcha" data-sitekey="6Lc_abc"></div>
<button>Post</button></form></section>
<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>
<script src="https://www.google.com/recaptcha/api.js"></script>"""
    last = (
        "“Just a moment,” the clerk said, before reading the result. "
        "Access denied to the press gallery had been the last dispute of the night."
    )
    paragraphs = (*ARTICLE_PARAGRAPHS, last)
    source = read(article(extra=extra, paragraphs=paragraphs))
    assert source.failure is None


def test_a_short_brief_with_a_captcha_comment_form_is_not_blocked() -> None:
    extra = '<form class="comment-form"><div class="g-recaptcha" data-sitekey="x"></div></form>'
    source = read(article(paragraphs=ARTICLE_PARAGRAPHS[:2], extra=extra))
    assert source.failure is None


# ---------------------------------------------------------------------------
# script-only pages

CRA_SHELL = """<!doctype html><html lang="en"><head><meta charset="utf-8"/>
<title>Coastal Courier</title><script defer="defer" src="/static/js/main.4f1e2a.js"></script>
<link href="/static/css/main.9c3d.css" rel="stylesheet"></head>
<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>
</body></html>"""
ANGULAR_SHELL = """<!doctype html><html><head><title>Courier</title><base href="/"></head>
<body><app-root></app-root><script src="runtime.js" type="module"></script>
<script src="main.js" type="module"></script></body></html>"""
VUE_LOADING = """<!DOCTYPE html><html><head><title>Courier</title></head><body>
<div id="app"><div class="spinner">Loading…</div></div><script src="/js/app.js"></script>
</body></html>"""


@pytest.mark.parametrize(
    "markup", [CRA_SHELL, ANGULAR_SHELL, VUE_LOADING], ids=["react", "angular", "vue-loading"]
)
def test_app_shells_are_script_only(markup: str) -> None:
    assert reason(read(markup)) == "script-only page"


def test_a_page_that_only_says_enable_javascript_is_script_only() -> None:
    markup = html_page("The Coastal Courier", "<p>Please enable JavaScript in your browser "
                       "to read this story.</p>", chrome=False)  # fmt: skip
    assert reason(read(markup)) == "script-only page"


def test_a_server_rendered_app_is_not_script_only() -> None:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    markup = (
        "<!DOCTYPE html><html><head><title>Harbour vote</title></head><body>"
        f'<div id="__next"><div class="layout"><article><h1>Harbour vote</h1>{body}'
        '</article></div></div><script id="__NEXT_DATA__" type="application/json">{}</script>'
        "<noscript>You need to enable JavaScript to run this app.</noscript></body></html>"
    )
    source = read(markup)
    assert source.failure is None
    assert ARTICLE_PARAGRAPHS[1] in source.main_text


def test_an_article_with_a_javascript_comments_notice_is_not_script_only() -> None:
    extra = ('<div id="disqus_thread"></div><noscript>Please enable JavaScript to view the '
             "comments powered by Disqus.</noscript>")  # fmt: skip
    assert read(article(extra=extra)).failure is None


# ---------------------------------------------------------------------------
# empty pages


@pytest.mark.parametrize(
    ("markup", "content_type"),
    [("<html><head><title>The Coastal Courier</title></head><body></body></html>", "text/html"),
     ("<html><body>\n   \n<div>&nbsp;</div></body></html>", "text/html"),
     ("", "text/html"),
     ("  \r\n ", "text/plain")],
    ids=["no-body", "whitespace", "zero-bytes", "blank-text"],
)  # fmt: skip
def test_pages_without_text_are_empty(markup: str, content_type: str) -> None:
    source = read(markup, content_type)
    assert reason(source) == "empty page"


# ---------------------------------------------------------------------------
# soft 404

WORDPRESS_404 = html_page(
    "Page not found – The Coastal Courier",
    """
<section class="error-404 not-found"><header class="page-header">
<h1 class="page-title">Oops! That page can’t be found.</h1></header>
<div class="page-content"><p>It looks like nothing was found at this location. Maybe try one
of the links below or a search?</p><form role="search"><input type="search" name="s"></form>
</div></section>""",
)
BARE_404 = html_page(
    "The Coastal Courier",
    """<div class="error"><h1>404</h1>
<p>The page you are looking for doesn’t exist or has been moved.</p>
<a href="/">Back to the front page</a></div>""",
)
REMOVED = html_page(
    "The Coastal Courier",
    """<div class="notice"><p>Sorry, this article is no
longer available. It may have been removed by the editors.</p>
<p><a href="/">Go to the homepage</a></p></div>""",
)
TEASERS = "".join(
    f'<li><a href="/s{i}">Story number {i} about the harbour, the council and the town</a></li>'
    for i in range(12)
)
NOT_FOUND_WITH_TEASERS = html_page(
    "404 Not Found | The Coastal Courier",
    f"""
<h1>We can’t find that page</h1><p>Try one of our most popular stories instead:</p>
<ul class="popular">{TEASERS}</ul>""",
)


@pytest.mark.parametrize(
    "markup",
    [WORDPRESS_404, BARE_404, REMOVED, NOT_FOUND_WITH_TEASERS],
    ids=["wordpress", "bare-404", "article-removed", "with-teasers"],
)
def test_pages_that_say_not_found_are_soft_404(markup: str) -> None:
    source = read(markup)
    assert reason(source) == "soft 404", source.failure
    # the page's words are kept, for the report to show what the source said
    assert source.full_text


def test_an_article_whose_headline_says_not_found_is_not_a_soft_404() -> None:
    paragraphs = (
        "Rescue teams searched the cliffs above the north quay for a third day on Thursday, "
        "but the hiker, a 54-year-old man from the northern villages, was not found.",
        *ARTICLE_PARAGRAPHS[2:],
    )
    source = read(article(title="Missing hiker still not found after three days",
                          paragraphs=paragraphs))  # fmt: skip
    assert source.failure is None


@pytest.mark.parametrize(
    "title",
    ["Why a quarter of council links end in a 404 error",
     "Council website shows ‘page not found’ for planning files",
     "Error 404: the planning portal that never was"],
)  # fmt: skip
def test_an_article_about_404_errors_is_not_a_soft_404(title: str) -> None:
    paragraphs = (
        "A study of links in council documents found that one in four now leads to an "
        "error 404 page, and that many more lead to a page that says page not found "
        "while the server reports success.",
        *ARTICLE_PARAGRAPHS,
    )
    source = read(article(title=title, paragraphs=paragraphs))
    assert source.failure is None


# ---------------------------------------------------------------------------
# paywalls and login walls

METERED = article(
    paragraphs=ARTICLE_PARAGRAPHS[:1],
    extra="""<div class="paywall-prompt"><h3>Subscribe to continue reading</h3>
<p>You’ve reached your limit of free articles this month. Get unlimited access to local
journalism from £1 a week.</p><a class="button" href="/subscribe">Subscribe now</a>
<p>Already a subscriber? <a href="/login">Sign in</a></p></div>""",
)
LOGIN_WALL = html_page(
    "Sign in | The Coastal Courier",
    """<div class="login">
<h1>Sign in to your account</h1><form method="post" action="/login">
<label>Email <input type="email" name="email"></label>
<label>Password <input type="password" name="password"></label>
<button type="submit">Sign in</button></form>
<p><a href="/forgot">Forgot your password?</a> New here? <a href="/register">Register</a></p>
</div>""",
)
FLAGGED_TEASER = article(
    paragraphs=ARTICLE_PARAGRAPHS[:1],
    head='<script type="application/ld+json">{"@context": "https://schema.org", '
    '"@type": "NewsArticle", "isAccessibleForFree": "False", '
    '"hasPart": {"@type": "WebPageElement", "isAccessibleForFree": "False", '
    '"cssSelector": ".paywalled"}}</script>',
)


@pytest.mark.parametrize(
    "markup", [METERED, LOGIN_WALL, FLAGGED_TEASER], ids=["metered", "login", "flagged-teaser"]
)
def test_subscription_and_login_prompts_are_paywalls(markup: str) -> None:
    assert reason(read(markup)) == "paywall"


def test_a_full_article_with_a_subscription_footer_is_not_a_paywall() -> None:
    extra = """<div class="promo"><h3>Support local journalism</h3><p>Subscribe to continue
reading the Courier without limits. Already a subscriber? Sign in.</p></div>"""
    assert read(article(extra=extra)).failure is None


def test_a_full_article_marked_not_free_is_read_all_the_same() -> None:
    data = json.dumps({"@type": "NewsArticle", "isAccessibleForFree": False})
    head = f'<script type="application/ld+json">{data}</script>'
    assert read(article(head=head)).failure is None


def test_an_article_with_a_login_box_in_the_header_is_not_a_login_wall() -> None:
    extra = ('<div class="account"><form><input type="email"><input type="password">'
             "<button>Log in</button></form></div>")  # fmt: skip
    assert read(article(extra=extra)).failure is None


# ---------------------------------------------------------------------------
# the rules themselves, on text alone


def test_classify_plain_text() -> None:
    assert classify("", "") is not None
    assert classify("404 Not Found\nnginx", "404 Not Found\nnginx") is not None
    long_text = "\n".join(ARTICLE_PARAGRAPHS)
    assert classify(long_text, long_text) is None


def test_rules_give_way_to_length() -> None:
    """The same prompt is a paywall on a teaser and furniture on a full article."""
    prompt = "Subscribe to continue reading. Already a subscriber? Sign in."
    teaser = ARTICLE_PARAGRAPHS[0] + "\n" + prompt
    full = "\n".join(ARTICLE_PARAGRAPHS) + "\n" + prompt
    failure = classify(teaser, teaser, PageSignals())
    assert failure is not None and failure.reason == "paywall"
    assert classify(full, full, PageSignals()) is None
