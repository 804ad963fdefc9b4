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

The page is parsed once, by lxml as trafilatura parses it (`load_html`): trafilatura works on
its own copy of that tree, and the full text, the container, the JSON-LD and the signals
`classify` needs (the `<title>`, headings, noscript text, a password field, an empty
JavaScript app root, challenge and paywall markers) are read from the same tree. A second
parser (BeautifulSoup, before) cost more than trafilatura itself.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml import html as lxml_html
from lxml.etree import ParserError
from lxml.html import HtmlElement, HTMLParser
from trafilatura import bare_extraction
from trafilatura.utils import is_dubious_html, repair_faulty_html

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
# trafilatura's own parser settings (`trafilatura.utils.HTML_PARSER`), and deep pages allowed.
_PARSER_SETTINGS: dict[str, Any] = {
    "collect_ids": False,
    "default_doctype": False,
    "encoding": "utf-8",
    "remove_comments": True,
    "remove_pis": True,
    "huge_tree": True,
}
_PARSER = HTMLParser(**_PARSER_SETTINGS)


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
    root, tree = _parse(markup)
    found_body = _first(root, "body")
    body = found_body if found_body is not None else root

    full_text = nfc(visible_text(body, _is_hidden))
    # trafilatura works on a copy of the tree it is given.
    trafilatura_text = _trafilatura(tree, url)

    main_text, main_source = trafilatura_text, "trafilatura"
    container = _container_text(root, _words(main_text))
    if not main_text or _wider_article(container, main_text):
        main_text, main_source = container.text, "container"
    if not main_text:
        main_text, main_source = json_ld_body(root), "json-ld"
    if not main_text:
        main_source = "none"
    if main_text and not full_text:
        # Text the page carries as data (JSON-LD) and shows by script: still the page's text,
        # and the full text must hold the main text for "elsewhere on the page" to mean anything.
        full_text = main_text

    title_tag = _first(root, "title")
    html_title = _clean(_text_of(title_tag)) if title_tag is not None else ""
    title, byline, date = _page_metadata(root, html_title)
    signals = PageSignals(html_title=html_title, headings=_headings(body))
    if min(len(_WORD.findall(main_text)), len(_WORD.findall(full_text))) <= SIGNALS_MAX_WORDS:
        # Only short pages can be challenges, shells or prompts: collect the rest for them.
        noscript = (_clean(_text_of(n, " ")) for n in root.iter("noscript"))
        signals = PageSignals(
            html_title=html_title,
            headings=signals.headings,
            noscript_text=" ".join(noscript),
            has_password_field=bool(root.xpath('//input[@type="password"]')),
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


def _parse(markup: str) -> tuple[HtmlElement, HtmlElement | None]:
    """The page as trafilatura's `load_html` parses it: the tree to read, and the tree for
    trafilatura (None where it would refuse the page: a fragment, not quite HTML).

    libxml2 stops building a tree 2,048 elements deep; such a page is read from a tree
    built from the parser's events, which have no limit (trafilatura keeps its own tree).
    """
    beginning = markup[:50].lower()
    repaired = repair_faulty_html(markup, beginning)
    try:
        tree = _fromstring(repaired, _PARSER)
    except (ParserError, ValueError, TypeError):
        return lxml_html.document_fromstring("<html><body></body></html>"), None
    ours = tree
    if any("Excessive depth" in error.message for error in _PARSER.error_log):
        builder = etree.TreeBuilder(parser=_PARSER)
        deep = _fromstring(repaired, etree.HTMLParser(target=builder, **_PARSER_SETTINGS))
        if isinstance(deep, HtmlElement):
            ours = deep
    refused = is_dubious_html(beginning) and len(tree) < 2
    return ours, None if refused else tree


def _fromstring(markup: str, parser: etree.HTMLParser) -> Any:
    try:
        return lxml_html.fromstring(markup, parser=parser)
    except ValueError:  # a str with an encoding declaration lxml insists on reading
        return lxml_html.fromstring(markup.encode("utf-8"), parser=parser)


def _first(root: HtmlElement, tag: str) -> HtmlElement | None:
    return next(root.iter(tag), None)


def _text_of(element: HtmlElement, separator: str = "") -> str:
    """All text inside `element` (comments excluded), as BeautifulSoup's get_text gives it."""
    return separator.join(_strings(element))


def _strings(element: HtmlElement) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str):
            yield from _strings(child)
        if child.tail:
            yield child.tail


def nfc(text: str) -> str:
    """Unicode NFC, as trafilatura gives its text: both readings of a page use one form."""
    return unicodedata.normalize("NFC", text)


def visible_text(root: HtmlElement, skip: Callable[[HtmlElement], bool]) -> str:
    """Text of `root` as a browser would show it: one line per block, spaces collapsed."""
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(_walk(root, skip)).split("\n"))
    return "\n".join(line for line in lines if line)


class _Break:
    """A block boundary in the walk (a sentinel: a text node may itself be one newline)."""


_BREAK = _Break()


def _walk(root: HtmlElement, skip: Callable[[HtmlElement], bool]) -> Iterator[str]:
    """Iterative walk (pages nest thousands deep): text runs and block-boundary newlines.

    An element's tail (the text after it, up to its next sibling) belongs to its parent: it
    is shown even when the element itself is skipped.
    """
    stack: list[HtmlElement | str | _Break] = [root]
    while stack:
        node = stack.pop()
        if node is _BREAK:
            yield "\n"
        elif isinstance(node, str):
            yield _SPACES.sub(" ", node)
        elif isinstance(node, HtmlElement):
            if not isinstance(node.tag, str) or (node is not root and skip(node)):
                continue  # a comment or processing instruction, or a skipped element
            block = node.tag in BLOCK_TAGS
            if block:
                yield "\n"
                stack.append(_BREAK)
            for child in reversed(node):
                if child.tail:
                    stack.append(child.tail)
                stack.append(child)
            if node.text:
                yield _SPACES.sub(" ", node.text)


def _is_hidden(tag: HtmlElement) -> bool:
    if tag.tag in SKIP_TAGS or "hidden" in tag.attrib:
        return True
    if tag.tag == "input":
        return True
    style = tag.get("style")
    return isinstance(style, str) and bool(_HIDDEN_STYLE.search(style))


def _is_chrome(tag: HtmlElement) -> bool:
    """Hidden, or furniture around the article: navigation, asides, comment threads."""
    if _is_hidden(tag) or tag.tag in CHROME_TAGS:
        return True
    names = " ".join(_attr_words(tag, "class") + _attr_words(tag, "id"))
    return bool(names) and bool(_CHROME_NAMES.search(names))


def _attr_words(tag: HtmlElement, name: str) -> list[str]:
    value = tag.get(name)
    return value.split() if value else []


def _trafilatura(tree: HtmlElement | None, url: str) -> str:
    """The main text from one trafilatura pass over (its copy of) the parsed page.

    `bare_extraction(...).text` is what `trafilatura.extract` returns for plain-text output
    (less the final NFC step, done here). Its metadata pass is not asked for: it cost half
    as much again as the text, for a title, byline and date the page's meta tags give.
    """
    if tree is None:
        return ""
    try:
        document = bare_extraction(
            tree,
            url=url or None,
            include_comments=False,
            favor_recall=True,
            include_tables=True,
            with_metadata=False,
            deduplicate=False,
        )
    except (ValueError, TypeError, AttributeError, IndexError, RecursionError) as error:
        # trafilatura has crashed on odd markup before; the page is still readable here.
        logging.getLogger(__name__).debug("trafilatura failed on %s: %s", url, error)
        return ""
    if document is None:
        return ""
    return nfc(str(getattr(document, "text", "") or "")).strip()


# Where pages state their headline, author and date for search engines and social cards.
_TITLE_META = ("og:title", "twitter:title")
_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "byl")
_DATE_META = (
    "article:published_time",
    "datePublished",
    "date",
    "pubdate",
    "parsely-pub-date",
    "dc.date.issued",
    "sailthru.date",
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _page_metadata(root: HtmlElement, html_title: str) -> tuple[str | None, ...]:
    """Title, byline and date from the page's meta tags (and `<time datetime>`)."""
    metas: dict[str, str] = {}
    for tag in root.iter("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if key and content and content.strip():
            metas.setdefault(key.strip().lower(), _clean(content))
    title = next((metas[k] for k in _TITLE_META if k in metas), None) or html_title or None
    byline = next((metas[k] for k in _AUTHOR_META if k in metas and "://" not in metas[k]), None)
    if byline is not None:
        byline = re.sub(r"^by\s+", "", byline, flags=re.I) or None
    dates = [metas[k.lower()] for k in _DATE_META if k.lower() in metas]
    dates += [t.get("datetime") or "" for t in itertools.islice(root.iter("time"), 5)]
    date = next((m.group(0) for d in dates if (m := _ISO_DATE.match(d.strip()))), None)
    return title, byline, date


def _containers(root: HtmlElement) -> Iterator[list[HtmlElement]]:
    """Where a page keeps its article, most specific first."""
    yield list(root.xpath('//*[@itemprop="articleBody"]'))
    yield list(root.iter("article"))
    yield list(root.iter("main"))
    yield list(root.xpath('//*[@role="main"]'))


@dataclass(frozen=True, slots=True)
class _Container:
    text: str  # visible text, furniture pruned
    prose_words: int  # words outside links: what an article adds, where menus add links


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _container_text(root: HtmlElement, extracted_words: int = 0) -> _Container:
    """The page's own article container (the largest of the most specific kind), pruned.

    Only read when it can matter: when trafilatura found nothing, or when the containers'
    raw text (scripts and links included: more than their prose) is long enough for
    `_wider_article` to take one.
    """
    for tags in _containers(root):
        if tags and extracted_words:
            most = max(_words(tag.text_content()) for tag in tags)
            if most == 0:
                continue
            if most < CONTAINER_RATIO * extracted_words:
                return _Container("", 0)
        texts = [(nfc(visible_text(tag, _is_chrome)), tag) for tag in tags]
        text, tag = max(texts, key=lambda pair: len(pair[0]), default=("", None))
        if text and tag is not None:
            prose = visible_text(tag, lambda t: t.tag == "a" or _is_chrome(t))
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


def json_ld_body(root: HtmlElement) -> str:
    """The longest `articleBody` in the page's JSON-LD blocks, if any."""
    bodies: list[str] = []
    for script in root.xpath('//script[@type="application/ld+json"]'):
        raw = script.text
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


def _headings(body: HtmlElement) -> tuple[str, ...]:
    found = []
    for tag in itertools.islice(body.iter("h1", "h2"), MAX_HEADINGS):
        if not _is_hidden(tag):
            text = _clean(_text_of(tag, " "))
            if text:
                found.append(text)
    return tuple(found)


def _has_empty_app_root(body: HtmlElement) -> bool:
    """A single-page app shell: `<div id="root"></div>` and scripts, nothing rendered."""
    for tag in body.iter():
        if tag.get("id") in _APP_ROOT_IDS and _is_placeholder(visible_text(tag, _is_hidden)):
            return True
    shell = _first(body, "app-root")
    return shell is not None and _is_placeholder(visible_text(shell, _is_hidden))


def _is_placeholder(text: str) -> bool:
    """Nothing, or a word or three such as "Loading…"."""
    return len(text.split()) <= APP_PLACEHOLDER_WORDS


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
