"""The documents stage: each format yields text, paragraphs, links and a way back to lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.errors import InputError, UsageError
from verifier.load import collect_paths, load_document, load_html, load_markdown, load_text
from verifier.models import LinkKind, ParagraphKind

MARKDOWN = """---
title: "Ecuador and the US"
url: https://news.example.org/ecuador
date: 2023-10-04
sources:
  - https://www.state.gov/statement
---

# Ecuador and the US

The deal was signed, [the Examiner reported](https://www.examiner.example/deal) on Friday.
“That doesn’t mean we’re doing it,” Crenshaw said.[^1]

Lasso, who spoke in [Los Angeles][la], said at the summit:

> The background is the same. We could probably call it something else,
> but in effect, Ecuador wants to present a Plan Ecuador.

See <https://www.voanews.example/summit> and https://bare.example/path.

[la]: https://summit.example/la
[^1]: Interview at https://www.crenshaw.example/interview.
"""


def test_markdown_front_matter_and_paragraph_kinds() -> None:
    doc = load_markdown(MARKDOWN, "a.md")
    assert doc.metadata["title"] == "Ecuador and the US"
    assert doc.url == "https://news.example.org/ecuador"
    assert doc.metadata["sources"] == ["https://www.state.gov/statement"]
    kinds = [p.kind for p in doc.paragraphs]
    assert kinds[0] is ParagraphKind.HEADING
    assert ParagraphKind.BLOCKQUOTE in kinds
    block = next(p for p in doc.paragraphs if p.kind is ParagraphKind.BLOCKQUOTE)
    assert doc.text[block.start : block.end].startswith("The background is the same.")
    assert ">" not in doc.text[block.start : block.end]


def test_markdown_links_of_every_style_keep_their_spans() -> None:
    doc = load_markdown(MARKDOWN, "a.md")
    by_url = {link.url: link for link in doc.links}
    inline = by_url["https://www.examiner.example/deal"]
    assert inline.kind is LinkKind.INLINE
    assert doc.text[inline.start : inline.end] == "the Examiner reported"
    assert by_url["https://summit.example/la"].kind is LinkKind.REFERENCE
    assert by_url["https://www.voanews.example/summit"].kind is LinkKind.AUTOLINK
    assert by_url["https://bare.example/path"].kind is LinkKind.AUTOLINK
    footnote = by_url["https://www.crenshaw.example/interview"]
    assert footnote.kind is LinkKind.FOOTNOTE
    # The footnote marker sits right after the quote's sentence.
    assert doc.text[: footnote.start].endswith("Crenshaw said.")


def test_markdown_offsets_map_back_to_file_lines() -> None:
    doc = load_markdown(MARKDOWN, "a.md")
    at = doc.text.index("That doesn’t mean")
    line, column = doc.line_col(at)
    source_line = MARKDOWN.splitlines()[line - 1]
    assert source_line[column - 1 :].startswith("That doesn’t mean")
    at = doc.text.index("but in effect")
    line, column = doc.line_col(at)
    assert MARKDOWN.splitlines()[line - 1][column - 1 :].startswith("but in effect")


MARKDOWN_WITH_HTML = """Intro paragraph.

<div class="pull-quote"><p>The governor said: "We will hire more teachers &amp; nurses."</p>
<p><a href="https://example.org/gov?a=1&amp;b=2">Read the speech</a></p>
<script>var tracking = "not the article";</script></div>

<!-- verify-ignore -->
The chief <a href='https://example.org/chief'>said</a> "we are ready" on Monday.
"""


def test_markdown_raw_html_blocks_are_read_with_their_links_and_lines() -> None:
    doc = load_markdown(MARKDOWN_WITH_HTML, "a.md")
    assert "We will hire more teachers & nurses." in doc.text
    assert "tracking" not in doc.text and "verify-ignore" not in doc.text
    at = doc.text.index("We will hire")
    line, column = doc.line_col(at)
    assert MARKDOWN_WITH_HTML.splitlines()[line - 1][column - 1 :].startswith("We will hire")
    by_url = {link.url: link for link in doc.links}
    speech = by_url["https://example.org/gov?a=1&b=2"]
    assert doc.text[speech.start : speech.end] == "Read the speech"


def test_markdown_inline_html_anchor_is_a_link_over_its_text() -> None:
    doc = load_markdown(MARKDOWN_WITH_HTML, "a.md")
    chief = next(link for link in doc.links if link.url == "https://example.org/chief")
    assert chief.kind is LinkKind.INLINE
    assert doc.text[chief.start : chief.end] == "said"
    # an anchor never closed links nothing, and breaks nothing after it
    doc = load_markdown('He <a href="https://example.org/x">said "we are ready" today.\n', "b.md")
    assert doc.links == () and "we are ready" in doc.text


def test_markdown_bad_front_matter_names_file_and_line() -> None:
    with pytest.raises(InputError, match=r"bad\.md, line \d+: invalid YAML front matter"):
        load_markdown("---\ntitle: [unclosed\n---\nText.\n", "bad.md")


HTML = """<!DOCTYPE html>
<html><head><title>Deal | Example News</title>
<link rel="canonical" href="https://news.example.org/deal">
<meta property="article:published_time" content="2023-09-30"></head>
<body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
<article>
<h1>US agrees to deploy military to Ecuador</h1>
<p>“They were announcing and signing an agreement with the United States,” said
<a href="https://www.examiner.example/crenshaw">Crenshaw</a>, who leads the task force.</p>
<blockquote><p>The maritime agreement allows U.S. military vessels to be present.</p></blockquote>
<p>Officials said the deal is &ldquo;<q>historic</q>&rdquo; in scope.</p>
</article>
<aside class="sidebar"><p>“Sidebar teaser quote,” said nobody.</p></aside>
<section id="comments"><p>“A reader comment,” wrote a reader.</p></section>
</body></html>
"""


def test_html_article_body_without_chrome() -> None:
    doc = load_html(HTML, "deal.html")
    assert doc.metadata["url"] == "https://news.example.org/deal"
    assert doc.metadata["date"] == "2023-09-30"
    assert "Sidebar teaser" not in doc.text
    assert "A reader comment" not in doc.text
    assert "Politics" not in doc.text
    kinds = [p.kind for p in doc.paragraphs]
    assert kinds[0] is ParagraphKind.HEADING
    assert ParagraphKind.BLOCKQUOTE in kinds
    para = doc.text[doc.paragraphs[1].start : doc.paragraphs[1].end]
    assert para == (
        "“They were announcing and signing an agreement with the United States,” said "
        "Crenshaw, who leads the task force."
    )


def test_html_links_and_lines() -> None:
    doc = load_html(HTML, "deal.html")
    (link,) = [lk for lk in doc.links if "examiner" in lk.url]
    assert doc.text[link.start : link.end] == "Crenshaw"
    line, column = doc.line_col(link.start)
    assert HTML.splitlines()[line - 1][column - 1 :].startswith("Crenshaw</a>")
    at = doc.text.index("The maritime agreement")
    assert doc.line_col(at)[0] == 11


def test_html_q_element_gets_quote_marks() -> None:
    doc = load_html("<p>He called it <q>a historic deal</q>.</p>", "q.html")
    assert "“a historic deal”" in doc.text


def test_text_paragraphs_links_and_identity_offsets() -> None:
    source = (
        "Ecuador Prepares For U.S. Military Presence\n\n"
        "The official said, “The expectation is that these will be occupied.”\n"
        "More at https://news.example.org/manta.\n\n"
        "  1. timbers\n\n    A reader comment.\n"
    )
    doc = load_text(source, "a.txt")
    assert doc.text == source
    assert doc.paragraphs[0].kind is ParagraphKind.HEADING
    assert doc.paragraphs[1].kind is ParagraphKind.TEXT
    (link,) = doc.links
    assert link.url == "https://news.example.org/manta"  # the final period is not in the URL
    assert doc.line_col(source.index("The official")) == (3, 1)


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
@pytest.mark.parametrize(
    ("seed", "first_comment"),
    [
        ("000_", "Print Friendly, PDF & Email"),
        ("001_", "Print Friendly, PDF & Email"),
        ("002_", "1. The gringos are coming"),
        ("003_", None),
        ("004_", "Comments"),
    ],
)
def test_reader_comment_sections_of_the_seed_articles(seed: str, first_comment: str | None) -> None:
    (path,) = SEEDS.glob(seed + "*.txt")
    doc = load_document(path)
    comments = [p for p in doc.paragraphs if p.kind is ParagraphKind.COMMENTS]
    if first_comment is None:
        assert comments == []
    else:
        assert doc.text[comments[0].start :].startswith(first_comment)
        assert all(p.kind is ParagraphKind.COMMENTS for p in doc.paragraphs[-len(comments) :])


def test_comment_heading_early_in_an_article_is_not_a_comment_section() -> None:
    source = "Title\n\nComments\n\n" + "\n\n".join(
        f"Paragraph {i} of the article." for i in range(9)
    )
    doc = load_text(source)
    assert all(p.kind is not ParagraphKind.COMMENTS for p in doc.paragraphs)


def test_load_document_errors_name_the_file(tmp_path: Path) -> None:
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(InputError, match=r"image\.md: not a text file"):
        load_document(binary)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le ministre a déclaré : « C'est fini », a-t-il dit.".encode("latin-1"))
    assert "déclaré" in load_document(latin).text


def test_collect_paths_recurses_skips_hidden_and_rejects_missing(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("A")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>B</p>")
    (tmp_path / "sub" / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / ".verifier").mkdir()
    (tmp_path / ".verifier" / "notes.md").write_text("hidden")
    found = [shown for _, shown in collect_paths([tmp_path])]
    assert found == [str(tmp_path / "a.md"), str(tmp_path / "sub" / "b.html")]
    assert [s for _, s in collect_paths([tmp_path], exclude=["sub/*"])] == [str(tmp_path / "a.md")]
    only_html = collect_paths([tmp_path], include=["**/*.html"])
    assert [s for _, s in only_html] == [str(tmp_path / "sub" / "b.html")]
    top_md = collect_paths([tmp_path], include=["*.md"], exclude=["sub/**"])
    assert [s for _, s in top_md] == [str(tmp_path / "a.md")]
    named = collect_paths([tmp_path / "sub" / "b.html"], include=["*.md"])
    assert [s for _, s in named] == [str(tmp_path / "sub" / "b.html")]  # named: always read
    with pytest.raises(UsageError, match="no-such-folder: no such file or folder"):
        collect_paths([tmp_path / "no-such-folder"])


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Radio Silence", True),
        ("Ecuador Prepares For U.S. Military Presence Amid Rising Gang Violence", True),
        ("“The only thing we have to fear is fear itself.” — Franklin Roosevelt", False),
        ("''I don't think so,'' she said. ''No.''", False),
        ("The official said the deal was signed.", False),
    ],
)
def test_plain_text_headings(line: str, heading: bool) -> None:
    from verifier.load.structure import looks_like_heading

    assert looks_like_heading(line) is heading


PULL_QUOTES = """<html><body><article>
<p>The city council met on Tuesday to discuss the new budget for schools.</p>
<blockquote><p>We will hire two hundred new teachers before the school year.</p>
<cite>Maria Lopez, mayor</cite></blockquote>
<figure class="pullquote"><blockquote><p>The budget is balanced for the first time.</p>
</blockquote><figcaption>— John Okafor, treasurer</figcaption></figure>
<figure><img src="a.jpg" alt=""><figcaption>The council chamber on Tuesday.</figcaption></figure>
</article></body></html>"""


def test_html_quote_signatures_are_signed_lines_of_their_quote() -> None:
    doc = load_html(PULL_QUOTES, "a.html")
    paragraphs = [(p.kind, doc.text[p.start : p.end]) for p in doc.paragraphs]
    assert (ParagraphKind.BLOCKQUOTE, "— Maria Lopez, mayor") in paragraphs
    assert (ParagraphKind.BLOCKQUOTE, "— John Okafor, treasurer") in paragraphs  # no dash added
    # a photo's caption is no signature
    assert (ParagraphKind.TEXT, "The council chamber on Tuesday.") in paragraphs


def test_html_pull_quotes_are_one_quote_each_with_their_speaker() -> None:
    from verifier.extract import extract

    quotes = extract(load_html(PULL_QUOTES, "a.html"))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will hire two hundred new teachers before the school year.", "Maria Lopez"),
        ("The budget is balanced for the first time.", "John Okafor"),
    ]


def test_markdown_raw_html_keeps_what_a_page_keeps() -> None:
    # the same rules as an HTML article: a quote's <footer> signature stays, a <nav> goes
    doc = load_markdown(
        "Intro.\n\n<blockquote><p>We will win the vote this year.</p>"
        "<footer>— Jane Doe</footer></blockquote>\n\n<nav><a href='/'>Home</a></nav>\n",
        "a.md",
    )
    assert "— Jane Doe" in doc.text and "Home" not in doc.text
