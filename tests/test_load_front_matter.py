"""Front matter keys the verifier acts on are checked: a typo never becomes a source."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from verifier.candidates import front_matter_sources
from verifier.load import load_markdown
from verifier.load.front_matter import read_front_matter
from verifier.models import is_web_url

BODY = 'He said: "the bridge will open to traffic next spring."\n'


def _load(front: str) -> tuple[dict[str, object], tuple[str, ...], str | None, list[str]]:
    document = load_markdown(f"---\n{front}---\n{BODY}", "a.md")
    return dict(document.metadata), document.notes, document.url, front_matter_sources(document)


@pytest.mark.parametrize(
    ("front", "url", "sources", "note"),
    [
        ("url: https://news.example/a\n", "https://news.example/a", [], None),
        ("url: 12\n", None, [], "front matter `url` (line 2): 12 is not an absolute http(s) URL"),
        ("title: T\nurl: news.example/a\n", None, [], "`url` (line 3): 'news.example/a' is not"),
        ("url: javascript:alert(1)\n", None, [], "is not an absolute http(s) URL"),
        ("url: 'http://[::1'\n", None, [], "is not an absolute http(s) URL"),
        ("sources: https://gov.example/r\n", None, ["https://gov.example/r"], None),
        (
            "sources:\n  - https://gov.example/r\n  - ftp://files.example/r\n  - {url: 7}\n",
            None,
            ["https://gov.example/r"],
            "`sources` (line 2): not an http(s) URL, left out: 'ftp://files.example/r', {'url': 7}",
        ),
        ("sources: {a: 1}\n", None, [], "left out: {'a': 1}"),
        # a relative source is read against the article's own address
        (
            "url: https://news.example/2024/a\nsources: [/reports/r.pdf]\n",
            "https://news.example/2024/a",
            ["https://news.example/reports/r.pdf"],
            None,
        ),
        ("sources: [/reports/r.pdf]\n", None, [], "left out: '/reports/r.pdf'"),
    ],
)
def test_url_and_sources_are_web_addresses_or_left_out_with_a_note(
    front: str, url: str | None, sources: list[str], note: str | None
) -> None:
    _, notes, got_url, got_sources = _load(front)
    assert got_url == url
    assert got_sources == sources
    if note is None:
        assert notes == ()
    else:
        assert len(notes) == 1 and note in notes[0]


@pytest.mark.parametrize(
    ("front", "kept"),
    [
        ("date: 2024-05-31\n", dt.date(2024, 5, 31)),
        ("date: April 15, 2023\n", "April 15, 2023"),  # written dates are the archive's to read
        ("date: [2024]\n", None),
        ("date: {y: 2024}\n", None),
    ],
)
def test_date_is_kept_unless_it_is_not_a_date_at_all(front: str, kept: object) -> None:
    metadata, notes, _, _ = _load(front)
    assert metadata.get("date") == kept
    assert (notes == ()) == (kept is not None)


def test_other_keys_pass_through_untouched() -> None:
    metadata, notes, _, _ = _load("title: 12\ntags: [a, b]\nauthor: {name: X}\n")
    assert metadata == {"title": 12, "tags": ["a", "b"], "author": {"name": "X"}}
    assert notes == ()


@given(
    st.one_of(
        st.text(max_size=40),
        st.builds(
            "https://{}.example/{}".format,
            st.text(alphabet="abcxyz0123-", min_size=1, max_size=8),
            st.text(max_size=12),
        ),
    )
)
def test_any_url_value_is_kept_exactly_when_it_is_a_web_address(value: str) -> None:
    """Never a crash, never a silent drop: kept (stripped) or left out with one note."""
    metadata, notes = read_front_matter(yaml.safe_dump({"url": value}), "a.md")
    if is_web_url(value):
        assert metadata == {"url": value.strip()} and notes == []
    else:
        assert metadata == {} and len(notes) == 1 and "line 2" in notes[0]
