"""Markdown articles: front matter, links of every style, footnotes, `>` block quotes.

markdown-it-py parses the structure; each text piece it yields is then located in the
file (searching forward from the last one) so that every offset maps back to a line.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from verifier.load._builder import TextBuilder, bare_urls, ignore_lines
from verifier.load.front_matter import read_front_matter
from verifier.load.html import add_html_fragment
from verifier.load.structure import classify_paragraphs
from verifier.models import Document, Link, LinkKind, ParagraphKind

_PARSER = (
    MarkdownIt("commonmark", {"html": True})
    .use(front_matter_plugin)
    .use(footnote_plugin)
    .enable("table")
)

# An HTML anchor written inline in Markdown (`<a href="…">source</a>`), and its end.
_HTML_HREF = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_HTML_CLOSE_A = re.compile(r"</a\s*>", re.IGNORECASE)

_BLOCK_KINDS = {
    "heading_open": ParagraphKind.HEADING,
    "blockquote_open": ParagraphKind.BLOCKQUOTE,
    "list_item_open": ParagraphKind.LIST,
}


def load_markdown(source: str, path: str = "<string>") -> Document:
    """Read a Markdown article into a `Document`; raises InputError on bad front matter."""
    tokens = _PARSER.parse(source)
    line_starts = _line_starts(source)
    builder = TextBuilder(source)
    metadata: dict[str, Any] = {}
    notes: list[str] = []
    footnote_urls = _footnote_urls(tokens)
    footnote_refs: list[tuple[int, str]] = []
    context: list[ParagraphKind] = []
    in_footnotes = 0

    for token in tokens:
        if token.type == "front_matter":
            metadata, notes = read_front_matter(token.content, path)
        elif token.type in _BLOCK_KINDS:
            context.append(_BLOCK_KINDS[token.type])
            if token.type == "blockquote_open":
                builder.open_block()
        elif token.type in ("heading_close", "blockquote_close", "list_item_close"):
            context.pop()
        elif token.type == "footnote_block_open":
            in_footnotes += 1
        elif token.type == "footnote_block_close":
            in_footnotes -= 1
        elif token.type == "inline" and not in_footnotes:
            kind = _innermost(context)
            cursor = line_starts[token.map[0]] if token.map else 0
            builder.start_paragraph()
            para_start = builder.length
            _add_inline(token, source, cursor, builder, footnote_refs)
            builder.end_paragraph(kind)
            builder.add_bare_links(para_start)
        elif token.type == "html_block" and not in_footnotes:
            block_start = line_starts[token.map[0]] if token.map else 0
            found = source.find(token.content, block_start)
            add_html_fragment(token.content, builder, found if found >= 0 else block_start)
        elif token.type in ("fence", "code_block") and not in_footnotes:
            builder.start_paragraph()
            start = line_starts[token.map[0]] if token.map else None
            builder.add(token.content, source.find(token.content, start or 0))
            builder.end_paragraph(ParagraphKind.CODE)

    for offset, label in footnote_refs:
        for url in footnote_urls.get(label, ()):
            builder.links.append(Link(url, offset, offset, LinkKind.FOOTNOTE, f"[^{label}]"))

    text = builder.text
    return Document(
        path=path,
        format="markdown",
        text=text,
        paragraphs=tuple(classify_paragraphs(text, builder.paragraphs, plain=False)),
        links=tuple(sorted(builder.links, key=lambda link: (link.start, link.end))),
        metadata=metadata,
        offsets=builder.offset_map(),
        ignore_lines=ignore_lines(source),
        notes=tuple(notes),
    )


def _innermost(context: list[ParagraphKind]) -> ParagraphKind:
    # A paragraph inside a block quote is block-quoted, even inside a list.
    if ParagraphKind.BLOCKQUOTE in context:
        return ParagraphKind.BLOCKQUOTE
    return context[-1] if context else ParagraphKind.TEXT


def _add_inline(
    token: Token,
    source: str,
    cursor: int,
    builder: TextBuilder,
    footnote_refs: list[tuple[int, str]],
) -> None:
    link_stack: list[tuple[str, int, LinkKind]] = []
    html_links: list[tuple[str, int]] = []  # <a href> written as HTML, not yet closed
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            found = source.find(child.content, cursor)
            if found >= 0 and found - cursor < 2000:
                cursor = found + len(child.content)
                builder.add(child.content, found)
            else:  # entity or escape: the text differs from the file; keep the last anchor
                builder.add(child.content, None)
        elif child.type in ("softbreak", "hardbreak"):
            builder.add("\n", None)
        elif child.type == "link_open":
            kind = LinkKind.AUTOLINK if child.markup == "autolink" else LinkKind.INLINE
            link_stack.append((str(child.attrs.get("href", "")), builder.length, kind))
        elif child.type == "link_close" and link_stack:
            href, start, kind = link_stack.pop()
            if kind is LinkKind.INLINE and not source.startswith("](", cursor):
                kind = LinkKind.REFERENCE
            label = builder.slice(start, builder.length)
            builder.links.append(Link(href, start, builder.length, kind, label))
        elif child.type == "html_inline":
            _inline_anchor(child.content, builder, html_links)
        elif child.type == "footnote_ref":
            footnote_refs.append((builder.length, str(child.meta.get("label", ""))))
        elif child.type == "image":
            builder.add(child.content, None)


def _inline_anchor(tag: str, builder: TextBuilder, opened: list[tuple[str, int]]) -> None:
    """An HTML `<a href="…">` written inside a Markdown paragraph opens a link over the text
    up to its `</a>`, as a Markdown link would."""
    anchor = _HTML_HREF.match(tag)
    if anchor is not None:
        opened.append((html.unescape(anchor.group(1) or anchor.group(2) or ""), builder.length))
    elif _HTML_CLOSE_A.match(tag) and opened:
        href, start = opened.pop()
        label = builder.slice(start, builder.length)
        builder.links.append(Link(href, start, builder.length, LinkKind.INLINE, label))


def _footnote_urls(tokens: list[Token]) -> dict[str, list[str]]:
    """URLs written in each footnote's text, by footnote label."""
    urls: dict[str, list[str]] = {}
    label: str | None = None
    for token in tokens:
        if token.type == "footnote_open":
            label = str(token.meta.get("label", ""))
        elif token.type == "footnote_close":
            label = None
        elif token.type == "inline" and label is not None:
            found = urls.setdefault(label, [])
            for child in token.children or []:
                if child.type == "link_open":
                    found.append(str(child.attrs.get("href", "")))
                elif child.type == "text":
                    found.extend(url for _, _, url in bare_urls(child.content))
    return urls


def _line_starts(source: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(source) if ch == "\n")
    starts.append(len(source))
    return starts
