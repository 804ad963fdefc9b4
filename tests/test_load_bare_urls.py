"""URLs written out in the text: where they end, as GitHub's autolinks read them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifier.load import load_markdown, load_text
from verifier.load._builder import bare_urls


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("See (https://city.example/press/a).", ["https://city.example/press/a"]),
        ("at https://city.example/budget?id=3&x=(1).", ["https://city.example/budget?id=3&x=(1)"]),
        (
            "per https://en.wikipedia.org/wiki/Mercury_(planet), and",
            ["https://en.wikipedia.org/wiki/Mercury_(planet)"],
        ),
        (
            "(see https://en.wikipedia.org/wiki/Mercury_(planet))",
            ["https://en.wikipedia.org/wiki/Mercury_(planet)"],
        ),
        (
            "two: https://a.example/x; https://b.example/y!",
            ["https://a.example/x", "https://b.example/y"],
        ),
        ("“https://a.example/quoted”", ["https://a.example/quoted"]),
        ("not a URL: https:// or http://?", []),
        ("[https://a.example/in-brackets]", ["https://a.example/in-brackets"]),
    ],
)
def test_where_a_written_out_url_ends(text: str, urls: list[str]) -> None:
    assert [url for _, _, url in bare_urls(text)] == urls


def test_markdown_and_plain_text_read_them_alike() -> None:
    body = 'He said: "we are ready" (https://en.wikipedia.org/wiki/Mercury_(planet)).\n'
    for document in (load_markdown(body, "a.md"), load_text(body, "a.txt")):
        assert [link.url for link in document.links] == [
            "https://en.wikipedia.org/wiki/Mercury_(planet)"
        ]
        (link,) = document.links
        assert document.text[link.start : link.end] == link.url


@given(st.text(alphabet="ab/.:,;()?!hts x", max_size=60))
def test_every_url_found_is_the_text_at_its_span_and_ends_cleanly(text: str) -> None:
    for start, end, url in bare_urls(text):
        assert text[start:end] == url
        assert url.startswith(("http://", "https://"))
        assert url[-1] not in ".,;:!?"
        assert url.count(")") <= url.count("(") or not url.endswith(")")
