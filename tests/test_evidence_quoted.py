"""A body a literal block cannot hold (CRLF line ends, control characters, U+2028) is written
double-quoted one line of the page per line of the file: reviewable line by line, and read
back byte for byte by libyaml, pure-Python PyYAML and vcrpy."""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from vcr.serializers import yamlserializer

from verifier.fetch import literal, quoted
from verifier.fetch.store import EvidenceStore, Recording

URL = "https://news.example/port"
PAGE = '<html>\r\n<head>\r\n  <title>The "port" \\ Manta</title>\r\n\t</head>\r\n</html>\r\n'

# What decides how a line is escaped, where it starts, and where YAML would fold or strip.
PIECES = ["\n", "\r\n", "\r", "\t", " ", "  ", '"', "\\", "\\n", "\\\n", "x", "é", "“", "#", ": "]
PIECES += ["\x00", "\x1b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff"]
pages = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=40).map("".join)


def _readings(text: str) -> list[str]:
    """The body as libyaml, pure-Python PyYAML and vcrpy read the store file `text`."""
    bodies = [
        yaml.load(text, Loader=yaml.CSafeLoader)["interactions"][0],
        yaml.load(text, Loader=yaml.SafeLoader)["interactions"][0],
        yamlserializer.deserialize(text)["interactions"][0],
    ]
    return [b["response"]["body"]["string"] for b in bodies]


def test_a_crlf_page_is_one_line_of_the_file_per_line(tmp_path: Path) -> None:
    store = EvidenceStore.open(tmp_path / "sources", create=True)
    path = store.put(Recording.build(URL, 200, {}, PAGE.encode()))
    text = path.read_text(encoding="utf-8")
    assert '      string: "<html>\\r\\n\\\n        <head>\\r\\n\\\n' in text
    assert '        \\x20 <title>The \\"port\\" \\\\ Manta</title>\\r\\n\\\n' in text
    assert '        \\t</head>\\r\\n\\\n        </html>\\r\\n\\\n        "\n' in text
    assert _readings(text) == [PAGE] * 3
    recording = store.get(URL)
    assert recording is not None and recording.body == PAGE.encode()


def test_a_changed_word_in_a_crlf_page_is_a_one_line_diff(tmp_path: Path) -> None:
    store = EvidenceStore.open(tmp_path / "sources", create=True)
    page = "".join(f"<p>Paragraph {i} of the story.</p>\r\n" for i in range(200))
    before = store.put(Recording.build(URL, 200, {}, page.encode())).read_text().splitlines()
    changed = page.replace("Paragraph 120 of", "Paragraph 120 in")
    after = store.put(Recording.build(URL, 200, {}, changed.encode())).read_text().splitlines()
    diff = [d for d in difflib.ndiff(before, after) if d[:1] in "+-"]
    assert len([d for d in diff if "Paragraph 120" in d]) == 2
    assert len([d for d in diff if "sha256" in d or "crc32" in d]) == 4  # and the hashes
    assert len(diff) == 6  # nothing else


@settings(max_examples=300, deadline=None)
@given(page=pages)
def test_any_text_with_lines_is_written_by_line_and_read_back_by_every_reader(page: str) -> None:
    if "\n" not in page:
        assert not quoted.can_be_quoted_by_line(page)
        return
    assert quoted.can_be_quoted_by_line(page)  # the escaping never needs PyYAML's fallback
    interaction = Recording.build(URL, 200, {}, page.encode()).to_interaction()
    text = literal.substitute(
        f"interactions:\n- response:\n    body:\n      string: {literal.placeholder(0)}\n"
        "  recorded_at: null\nversion: 1\n",
        {literal.placeholder(0): interaction["response"]["body"]["string"]},
        quoted.by_line,
    )
    assert _readings(text) == [page] * 3
