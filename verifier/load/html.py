"""HTML articles: the article body with its links, block quotes and headings.

Navigation, sidebars, footers, forms and comment sections are left out, as boilerplate.
BeautifulSoup's html.parser records where each tag starts, and each text node is located in
the file from there, so offsets map back to lines.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString

from verifier.load._builder import TextBuilder, ignore_lines
from verifier.load.structure import classify_paragraphs
from verifier.models import Document, Link, LinkKind, ParagraphKind

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "canvas",
    "button",
    "select",
    "input",
    "dialog",
)
_BOILERPLATE = re.compile(
    r"(^|[-_ ])(comments?|respond|disqus|sidebar|related|share|sharing|social|newsletter|"
    r"advert|ads?|promo|cookie|menu|breadcrumbs?|subscribe|popular|widget|"
    r"instagram|tiktok|fb)([-_ ]|$)",  # an embedded post's card: its caption, not the article
    re.IGNORECASE,
)
# Text that is never read: not the article's words.
_UNREAD = {"script", "style", "noscript", "template", "head", "title"}
# Page chrome: its text does not count towards where the article is. (Not `<form>`:
# ASP.NET pages wrap the whole page, article included, in one.)
_CHROME = {"nav", "aside", "footer"}
# Characters of text a teaser card (a headline and a blurb) stays under; an article does not.
_TEASER = 250
# A list of at least this many items, this share of its text in links, is a menu.
_MIN_MENU_ITEMS = 3
_MENU_LINKED = 0.9
# Marks of a reader-comment section (never the article, however long).
_COMMENTS = re.compile(r"(^|[-_ ])(comments?|respond|disqus)([-_ ]|$)", re.IGNORECASE)
_BLOCKS = {
    "p": ParagraphKind.TEXT,
    "div": ParagraphKind.TEXT,
    "section": ParagraphKind.TEXT,
    "article": ParagraphKind.TEXT,
    "main": ParagraphKind.TEXT,
    "header": ParagraphKind.TEXT,
    "figure": ParagraphKind.TEXT,
    "figcaption": ParagraphKind.TEXT,
    "table": ParagraphKind.TEXT,
    "tr": ParagraphKind.TEXT,
    "td": ParagraphKind.TEXT,
    "th": ParagraphKind.TEXT,
    "dl": ParagraphKind.TEXT,
    "dt": ParagraphKind.TEXT,
    "dd": ParagraphKind.TEXT,
    "ul": ParagraphKind.LIST,
    "ol": ParagraphKind.LIST,
    "li": ParagraphKind.LIST,
    "blockquote": ParagraphKind.BLOCKQUOTE,
    "footer": ParagraphKind.TEXT,  # kept only inside a block quote: its signature line
    "pre": ParagraphKind.CODE,
    **{f"h{n}": ParagraphKind.HEADING for n in range(1, 7)},
}
_WORD = re.compile(r"\S+")
# One step of the walk: a handler, the node it handles, the paragraph kind; it returns the
# steps to take next (the node's children, then whatever closes it).
_Step = tuple[Callable[[Any, ParagraphKind], list[Any]], Any, ParagraphKind]


def load_html(source: str, path: str = "<string>") -> Document:
    """Read the article body of an HTML page into a `Document`."""
    soup = BeautifulSoup(source, "html.parser")
    metadata = _metadata(soup)
    weight = _text_weight(soup)
    root = _article_root(soup, weight)
    for tag in _boilerplate(root, weight):
        tag.decompose()

    walker = _Walker(source, TextBuilder(source))
    walker.walk(root, ParagraphKind.TEXT)
    builder = walker.builder
    text = builder.text
    return Document(
        path=path,
        format="html",
        text=text,
        paragraphs=tuple(
            classify_paragraphs(text, builder.paragraphs, plain=False, links=builder.links)
        ),
        links=tuple(builder.links),
        metadata=metadata,
        offsets=builder.offset_map(),
        ignore_lines=ignore_lines(source),
    )


def _boilerplate(root: Tag, weight: dict[int, int]) -> list[Tag]:
    """The outermost tags to leave out, found without entering them (bs4's `decomposed`
    searches the subtree, which made this quadratic on deep nesting).

    A `<footer>` inside a `<blockquote>` is kept: HTML's place for the quote's attribution.
    So is a tag whose marks only look like boilerplate but that holds most of the article's
    paragraphs: a layout wrapper (`content-with-sidebar`, `elementor-widget-wrap`, `ad_body`).
    """
    found: list[Tag] = []
    most = weight.get(id(root), 0) // 2
    stack = [(child, False) for child in root.children if isinstance(child, Tag)]
    while stack:
        tag, quoted = stack.pop()
        marks = _marks(tag)
        signature = quoted and tag.name == "footer"
        wrapper = most > 0 and weight.get(id(tag), 0) > most and not _COMMENTS.search(marks)
        marked = _BOILERPLATE.search(marks) and not wrapper
        menu = tag.name in ("ul", "ol") and _link_list(tag)
        if not signature and (tag.name in _DROP_TAGS or marked or menu):
            found.append(tag)
        else:
            inside = quoted or tag.name == "blockquote"
            stack.extend((child, inside) for child in tag.children if isinstance(child, Tag))
    return found


def add_html_fragment(fragment: str, builder: TextBuilder, base: int) -> None:
    """Add a piece of HTML found inside another file (a Markdown article's raw HTML block)
    to that file's `builder`: its paragraphs and links, each offset shifted by `base`, where
    the fragment starts in the file. What a page's body leaves out is left out here too."""
    soup = BeautifulSoup(fragment, "html.parser")
    for tag in _boilerplate(soup, _text_weight(soup)):
        tag.decompose()
    walker = _Walker(fragment, builder, base)
    walker.walk(soup, ParagraphKind.TEXT)
    walker.flush()


_DASHES = ("—", "–", "―", "-")


def _signs_a_quote(tag: Any) -> bool:
    """A `<cite>` right inside a `<blockquote>`, or the `<figcaption>` of a `<figure>` that
    holds one: where HTML puts who said the quoted words."""
    if not isinstance(tag, Tag) or tag.parent is None:
        return False
    if tag.name == "cite":
        return tag.parent.name == "blockquote"
    return (
        tag.name == "figcaption"
        and tag.parent.name == "figure"
        and (tag.parent.find("blockquote") is not None)
    )


class _Walker:
    """Walks the DOM, one paragraph per block element, inline content run together."""

    def __init__(self, source: str, builder: TextBuilder, base: int = 0) -> None:
        self.source = source
        self.builder = builder
        self.base = base  # where `source` starts in the file the builder maps to
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
        self.cursor = 0
        self.open = False  # a paragraph is being written
        self.kind = ParagraphKind.TEXT
        self.pending_space = False  # whitespace was seen: a space goes before the next word

    def walk(self, root: Tag, kind: ParagraphKind) -> None:
        """Visit the tree with an explicit stack: real CMS exports nest deeper than Python
        recursion allows."""
        stack: list[_Step] = [(self.block, root, kind)]
        while stack:
            step, node, inner = stack.pop()
            children = step(node, inner)
            if children:
                stack.extend(reversed(children))

    def block(self, tag: Any, kind: ParagraphKind) -> list[_Step]:
        self.flush()
        inner = (
            ParagraphKind.BLOCKQUOTE
            if kind is ParagraphKind.BLOCKQUOTE
            else (_BLOCKS.get(tag.name, kind))
        )
        if tag.name == "blockquote":
            self.builder.open_block()
        steps = [*self._children(tag, inner), (self._flush_step, tag, kind)]
        if tag.name == "blockquote" and tag.get("cite"):  # the address the words come from
            start = self.builder.length

            def cited(tag: Any, kind: ParagraphKind) -> list[_Step]:
                self._link(str(tag["cite"]), start, LinkKind.CITE)
                return []

            steps.insert(-1, (cited, tag, kind))
        return steps

    def node(self, node: Any, kind: ParagraphKind) -> list[_Step]:
        if isinstance(node, Comment) or not isinstance(node, (Tag, NavigableString)):
            return []
        if isinstance(node, NavigableString):
            self.words(str(node), node.parent, kind)
            return []
        if _signs_a_quote(node):
            return self.signature(node)
        if node.name in _BLOCKS:
            return self.block(node, kind)
        if node.name == "br":
            self.write("\n", None, kind)
            self.pending_space = False
            return []
        if node.name == "a" and node.get("href"):
            start = self.builder.length

            def close(tag: Any, kind: ParagraphKind) -> list[_Step]:
                self._link(str(tag["href"]), start)
                return []

            return [*self._children(node, kind), (close, node, kind)]
        if node.name == "q":  # an inline quotation: its marks are implied by the tag
            if self.open and self.pending_space:
                self.write(" ", None, kind)
            self.write("“", None, kind)
            self.pending_space = False
            return [*self._children(node, kind), (self._close_q, node, kind)]
        return self._children(node, kind)

    def signature(self, tag: Any) -> list[_Step]:
        """A block quote's attribution line (`<cite>` in the quote, the `<figcaption>` of a
        pull quote's `<figure>`): a line of the quote of its own, signed with a dash as a
        writer signs one, so that it names the speaker and ends the quote."""
        self.flush()
        if not tag.get_text(" ", strip=True).startswith(_DASHES):
            self.write("— ", None, ParagraphKind.BLOCKQUOTE)
            self.pending_space = False
        return [
            *self._children(tag, ParagraphKind.BLOCKQUOTE),
            (self._flush_step, tag, ParagraphKind.BLOCKQUOTE),
        ]

    def _children(self, tag: Any, kind: ParagraphKind) -> list[_Step]:
        return [(self.node, child, kind) for child in tag.children]

    def _flush_step(self, tag: Any, kind: ParagraphKind) -> list[_Step]:
        self.flush()
        return []

    def _close_q(self, tag: Any, kind: ParagraphKind) -> list[_Step]:
        self.write("”", None, kind)
        self.pending_space = False
        return []

    def _link(self, href: str, start: int, kind: LinkKind = LinkKind.INLINE) -> None:
        """A link over the text written since `start` (named by that text)."""
        end = self.builder.length
        text = self.builder.slice(start, end)
        start += len(text) - len(text.lstrip())
        if end > start:
            name = "cite" if kind is LinkKind.CITE else text.strip()
            self.builder.links.append(Link(href.strip(), start, end, kind, name))

    def words(self, text: str, parent: Tag | None, kind: ParagraphKind) -> None:
        where = self._locate(text, parent)
        if text[:1].isspace():
            self.pending_space = True
        for m in _WORD.finditer(text):
            if self.open and self.pending_space:
                self.write(" ", None, kind)
            if where is None:
                self.write(m.group(0), None, kind)
            else:  # one anchor per run copied as is: an entity breaks the run
                for a, b in _runs(where, m.start(), m.end()):
                    self.write(text[a:b], where[a], kind)
            self.pending_space = True
        self.pending_space = text[-1:].isspace()

    def write(self, text: str, file_offset: int | None, kind: ParagraphKind) -> None:
        if not self.open:
            if text.isspace():
                return
            self.builder.start_paragraph()
            self.open = True
            self.kind = kind
        self.builder.add(text, None if file_offset is None else file_offset + self.base)

    def flush(self) -> None:
        if self.open:
            self.builder.end_paragraph(self.kind)
            self.open = False
        self.pending_space = False

    def _locate(self, text: str, parent: Tag | None) -> list[int] | None:
        """The file offset of each character of this text node, searching forward.

        A text node is the whole run of the file between two tags, entities decoded: it
        starts at the cursor or just after a `>`. Entities (`&amp;`, `&#8220;`) make the
        text differ from the file, so each character is mapped, not the node's start.
        """
        if not text.strip():
            return None
        start = self.cursor
        if parent is not None and parent.sourceline is not None:
            line = min(parent.sourceline - 1, len(self.line_starts) - 1)
            start = max(start, self.line_starts[line] + (parent.sourcepos or 0))
        for _ in range(_LOCATE_TRIES):
            end = self.source.find("<", start)
            end = len(self.source) if end < 0 else end
            where = _char_offsets(self.source, start, end, text)
            if where is not None:
                self.cursor = end
                return where
            start = self.source.find(">", start) + 1
            if start <= 0:
                break
        return None


# How many tags a text node may lie beyond the cursor (dropped elements, empty tags).
_LOCATE_TRIES = 64
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{0,31};?)")


def _char_offsets(source: str, start: int, end: int, text: str) -> list[int] | None:
    """For each character of `text`, its offset in source[start:end] if that run of the
    file decodes to `text` (None if it does not)."""
    raw = source[start:end]
    if raw == text:
        return list(range(start, end))
    if "&" not in raw:
        return None
    where: list[int] = []
    decoded: list[str] = []
    at = 0
    for m in _ENTITY.finditer(raw):
        decoded.append(raw[at : m.start()])
        where.extend(range(start + at, start + m.start()))
        value = html.unescape(m.group(0))
        decoded.append(value)
        where.extend([start + m.start()] * len(value))
        at = m.end()
    decoded.append(raw[at:])
    where.extend(range(start + at, end))
    return where if "".join(decoded) == text else None


def _runs(where: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """Split [start, end) where the file offsets stop following one another."""
    runs = []
    a = start
    for i in range(start + 1, end):
        if where[i] != where[i - 1] + 1:
            runs.append((a, i))
            a = i
    runs.append((a, end))
    return runs


def _text_weight(soup: BeautifulSoup) -> dict[int, int]:
    """How much readable text each tag holds, by `id(tag)`: where the article is. Text in
    scripts and page chrome (`<nav>` menus, `<aside>`, `<footer>`) weighs nothing."""
    weight: dict[int, int] = {}
    for string in soup.find_all(string=True):
        size = len(string.strip())
        if isinstance(string, Comment) or not size:
            continue
        holders: list[Any] = []
        node: Any = string.parent
        while node is not None and node.name not in _UNREAD and node.name not in _CHROME:
            holders.append(node)
            node = node.parent
        if node is None:  # reached the top: no tag on the way is left out
            for holder in holders:
                weight[id(holder)] = weight.get(id(holder), 0) + size
    return weight


def _article_root(soup: BeautifulSoup, weight: dict[int, int]) -> Tag:
    """The element that holds the article: the first marked body (`articleBody`, else
    `<article>`, else `<main>`) with more text than a teaser, else `<body>`. A page's first
    `<article>` is often a promo, a "related" card or a reader comment, and some pages
    have an empty `<main>` before the real one."""
    for selector in ("[itemprop=articleBody]", "article", "main, [role=main]"):
        for tag in soup.select(selector):
            if weight.get(id(tag), 0) >= _TEASER and not _COMMENTS.search(_marks(tag)):
                return tag
    return soup.body if isinstance(soup.body, Tag) else soup


def _link_list(tag: Tag) -> bool:
    """A list of links and nothing else (a menu, "related stories", a tag list): at least
    three items, and all but a little of its text is link text."""
    if len(tag.find_all("li")) < _MIN_MENU_ITEMS:
        return False
    text = len("".join(tag.get_text().split()))
    linked = sum(len("".join(a.get_text().split())) for a in tag.find_all("a", href=True))
    return text > 0 and linked >= _MENU_LINKED * text


def _marks(tag: Tag) -> str:
    return " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])


def _metadata(soup: BeautifulSoup) -> dict[str, Any]:
    meta: dict[str, Any] = {}

    def content(**attrs: Any) -> str | None:
        tag = soup.find("meta", attrs=dict(attrs))
        value = tag.get("content") if isinstance(tag, Tag) else None
        return str(value).strip() if value else None

    title = content(property="og:title") or (soup.title.string if soup.title else None)
    if title:
        meta["title"] = str(title).strip()
    url = _own_url(soup, content(property="og:url"))
    if url:
        meta["url"] = url
    date = content(property="article:published_time") or content(name="date")
    if date:
        meta["date"] = date
    return meta


def _own_url(soup: BeautifulSoup, og_url: str | None) -> str | None:
    """The page's own address: its canonical link, read against `og:url` when relative
    (`href="/2024/harbour-plan"`, as many CMSs write it), else `og:url`."""
    canonical = soup.find("link", rel="canonical")
    href = canonical.get("href") if isinstance(canonical, Tag) else None
    href = str(href).strip() if href else None
    if href and urlsplit(href).scheme:
        return href
    if href and og_url and urlsplit(og_url).scheme:
        return urljoin(og_url, href)
    return og_url or href
