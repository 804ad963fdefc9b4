"""HTML and XHTML pages: the article body, everything visible, and the page's own signals.

Two readings of one page, because a quote found in the article means something different
from a quote found in a reader comment or a related-story teaser (issue 4, "Where it was
found"):

- main text: trafilatura (comments excluded, tables kept, recall favoured); the page's own
  article container (`itemprop=articleBody`, `<article>`, `<main>`), with navigation,
  asides and comment threads pruned, when trafilatura finds nothing or when the container
  holds all of trafilatura's text and twice as much prose (trafilatura dropped part of a
  long article); then the JSON-LD `articleBody` that publishers embed for search engines
  (it rescues pages rendered by JavaScript).
- full text: every visible string of the page, block elements on their own lines, so a quote
  that is only in the comments or a sidebar can still be located "elsewhere on the page".

The same parse also collects the signals `classify` needs (the `<title>`, headings, noscript
text, a password field, an empty JavaScript app root, challenge and paywall markers).
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.element import CData, NavigableString
from trafilatura import bare_extraction

from verifier.text._quiet import quiet_extraction_loggers
from verifier.text.classify import SIGNALS_MAX_WORDS, PageSignals, find_markers

# Elements whose content is never shown as text.
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "svg",
    "canvas", "iframe", "object", "embed", "select", "datalist", "audio", "video", "map",
})  # fmt: skip
# Elements that start a new line of text.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
    "legend", "li", "main", "menu", "nav", "ol", "option", "output", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "noframes",
})  # fmt: skip
# Page furniture to drop when the article container is read without trafilatura.
CHROME_TAGS = frozenset({"nav", "aside", "footer", "form", "button"})
_CHROME_NAMES = re.compile(
    r"comment|disqus|sidebar|related|recommend|share|social|newsletter|promo|advert|"
    r"\bads?\b|cookie|subscribe|paywall|breadcrumb|\bmenu\b|\bnav\b|footer|teaser",
    re.I,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_APP_ROOT_IDS = frozenset({"root", "app", "__next", "__nuxt", "___gatsby", "svelte", "app-root"})
MAX_HEADINGS = 5
APP_PLACEHOLDER_WORDS = 3  # an app root showing only "Loading…" is still empty
# The container replaces trafilatura's text when it is this much longer and covers it.
CONTAINER_RATIO = 2.0
CONTAINER_COVERAGE = 0.9
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class HtmlReading:
    main_text: str
    full_text: str
    title: str | None
    byline: str | None
    date: str | None
    signals: PageSignals
    main_source: str  # "trafilatura" | "container" | "json-ld" | "none": for diagnostics


def read_html(markup: str, url: str = "") -> HtmlReading:
    """Read a decoded HTML or XHTML page (see the module docstring)."""
    quiet_extraction_loggers()
    # lxml refuses str input that carries an encoding declaration, and the bytes are already
    # decoded: drop the declaration (it is all XHTML has that HTML parsers choke on).
    markup = _XML_DECLARATION.sub("", markup, count=1)
    soup = BeautifulSoup(markup, "lxml")
    body = soup.body or soup

    full_text = nfc(visible_text(body, _is_hidden))
    trafilatura_text, title, byline, date = _trafilatura(markup, url)

    main_text, main_source = trafilatura_text, "trafilatura"
    container = _container_text(soup)
    if not main_text or _wider_article(container, main_text):
        main_text, main_source = container.text, "container"
    if not main_text:
        main_text, main_source = json_ld_body(soup), "json-ld"
    if not main_text:
        main_source = "none"
    if main_text and not full_text:
        # Text the page carries as data (JSON-LD) and shows by script: still the page's text,
        # and the full text must hold the main text for "elsewhere on the page" to mean anything.
        full_text = main_text

    html_title = _clean(soup.title.get_text()) if soup.title else ""
    if not title:
        title = html_title or _meta_content(soup, "og:title") or None
    signals = PageSignals(html_title=html_title, headings=_headings(body))
    if min(len(_WORD.findall(main_text)), len(_WORD.findall(full_text))) <= SIGNALS_MAX_WORDS:
        # Only short pages can be challenges, shells or prompts: collect the rest for them.
        signals = PageSignals(
            html_title=html_title,
            headings=signals.headings,
            noscript_text=" ".join(_clean(n.get_text(" ")) for n in soup.find_all("noscript")),
            has_password_field=soup.find("input", attrs={"type": "password"}) is not None,
            has_empty_app_root=_has_empty_app_root(body),
            markers=find_markers(markup),
        )
    return HtmlReading(
        main_text=main_text,
        full_text=full_text,
        title=title,
        byline=byline,
        date=date,
        signals=signals,
        main_source=main_source,
    )


def nfc(text: str) -> str:
    """Unicode NFC, as trafilatura gives its text: both readings of a page use one form."""
    return unicodedata.normalize("NFC", text)


def visible_text(root: Tag, skip: Callable[[Tag], bool]) -> str:
    """Text of `root` as a browser would show it: one line per block, spaces collapsed."""
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(_walk(root, skip)).split("\n"))
    return "\n".join(line for line in lines if line)


_NEWLINE = "\n"


def _walk(root: Tag, skip: Callable[[Tag], bool]) -> Iterator[str]:
    """Iterative walk (pages nest thousands deep): text runs and block-boundary newlines."""
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if node is _NEWLINE:
            yield _NEWLINE
        elif isinstance(node, Tag):
            if node is not root and skip(node):
                continue
            block = node.name in BLOCK_TAGS
            if block:
                yield _NEWLINE
                stack.append(_NEWLINE)
            stack.extend(reversed(node.contents))
        elif type(node) is NavigableString or type(node) is CData:
            yield _SPACES.sub(" ", str(node))


def _is_hidden(tag: Tag) -> bool:
    if tag.name in SKIP_TAGS or tag.has_attr("hidden"):
        return True
    if tag.name == "input":
        return True
    style = tag.get("style")
    return isinstance(style, str) and bool(_HIDDEN_STYLE.search(style))


def _is_chrome(tag: Tag) -> bool:
    """Hidden, or furniture around the article: navigation, asides, comment threads."""
    if _is_hidden(tag) or tag.name in CHROME_TAGS:
        return True
    names = " ".join(_attr_words(tag, "class") + _attr_words(tag, "id"))
    return bool(names) and bool(_CHROME_NAMES.search(names))


def _attr_words(tag: Tag, name: str) -> list[str]:
    value = tag.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    return [str(v) for v in value]


def _trafilatura(markup: str, url: str) -> tuple[str, str | None, str | None, str | None]:
    """Main text and metadata from one trafilatura pass.

    `bare_extraction(...).text` is what `trafilatura.extract` returns for plain-text output
    (less the final NFC step, done here), so one pass gives both text and metadata.
    """
    try:
        document = bare_extraction(
            markup,
            url=url or None,
            include_comments=False,
            favor_recall=True,
            include_tables=True,
            with_metadata=True,
            deduplicate=False,
        )
    except (ValueError, TypeError, AttributeError, IndexError, RecursionError) as error:
        # trafilatura has crashed on odd markup before; the page is still readable by BS4.
        logging.getLogger(__name__).debug("trafilatura failed on %s: %s", url, error)
        return "", None, None, None
    if document is None:
        return "", None, None, None
    text = nfc(str(getattr(document, "text", "") or "")).strip()
    return (
        text,
        _str_or_none(getattr(document, "title", None)),
        _str_or_none(getattr(document, "author", None)),
        _str_or_none(getattr(document, "date", None)),
    )


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = _clean(str(value))
    return text or None


def _containers(soup: BeautifulSoup) -> Iterator[list[Tag]]:
    """Where a page keeps its article, most specific first."""
    yield list(soup.find_all(itemprop="articleBody"))
    yield list(soup.find_all("article"))
    yield list(soup.find_all("main"))
    yield list(soup.find_all(role="main"))


@dataclass(frozen=True, slots=True)
class _Container:
    text: str  # visible text, furniture pruned
    prose_words: int  # words outside links: what an article adds, where menus add links


def _container_text(soup: BeautifulSoup) -> _Container:
    """The page's own article container (the largest of the most specific kind), pruned."""
    for tags in _containers(soup):
        texts = [(nfc(visible_text(tag, _is_chrome)), tag) for tag in tags]
        text, tag = max(texts, key=lambda pair: len(pair[0]), default=("", None))
        if text and tag is not None:
            prose = visible_text(tag, lambda t: t.name == "a" or _is_chrome(t))
            return _Container(text, len(_WORD.findall(prose)))
    return _Container("", 0)


def _wider_article(container: _Container, extracted: str) -> bool:
    """The article container holds all of trafilatura's text and as much prose again.

    trafilatura sometimes keeps only the first of several blocks a long article is split
    into (measured on wired.com pages: 40 % of the body). The gate is strict, because the
    container, even pruned, can carry furniture (a "most popular" list inside <article> on
    wsj.com): only words outside links count towards "as much again".
    """
    words = Counter(_WORD.findall(extracted.lower()))
    total = sum(words.values())
    if total == 0 or container.prose_words < CONTAINER_RATIO * total:
        return False
    inside = Counter(_WORD.findall(container.text.lower()))
    return sum((words & inside).values()) >= CONTAINER_COVERAGE * total


def json_ld_body(soup: BeautifulSoup) -> str:
    """The longest `articleBody` in the page's JSON-LD blocks, if any."""
    bodies: list[str] = []
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        raw = script.string if isinstance(script, Tag) else None
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        bodies.extend(_find_key(data, "articleBody"))
    best = max(bodies, key=len, default="")
    return nfc("\n".join(line.strip() for line in best.splitlines() if line.strip()))


def _find_key(data: object, key: str) -> Iterator[str]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for name, value in item.items():
                if name == key and isinstance(value, str):
                    yield value
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def _headings(body: Tag) -> tuple[str, ...]:
    found = []
    for tag in body.find_all(["h1", "h2"], limit=MAX_HEADINGS):
        if isinstance(tag, Tag) and not _is_hidden(tag):
            text = _clean(tag.get_text(" "))
            if text:
                found.append(text)
    return tuple(found)


def _has_empty_app_root(body: Tag) -> bool:
    """A single-page app shell: `<div id="root"></div>` and scripts, nothing rendered."""
    for tag in body.find_all(id=list(_APP_ROOT_IDS)):
        if _is_placeholder(visible_text(tag, _is_hidden)):
            return True
    shell = body.find("app-root")
    return isinstance(shell, Tag) and _is_placeholder(visible_text(shell, _is_hidden))


def _is_placeholder(text: str) -> bool:
    """Nothing, or a word or three such as "Loading…"."""
    return len(text.split()) <= APP_PLACEHOLDER_WORDS


def _meta_content(soup: BeautifulSoup, prop: str) -> str | None:
    tag = soup.find("meta", attrs={"property": prop}) or soup.find("meta", attrs={"name": prop})
    if isinstance(tag, Tag):
        content = tag.get("content")
        if isinstance(content, str) and content.strip():
            return _clean(content)
    return None


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
