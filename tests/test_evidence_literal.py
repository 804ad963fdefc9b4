"""Recorded bodies as YAML literal blocks: readable line by line, read back by any YAML
reader (vcrpy's included), and read by the store without the parser only when the parser
would read exactly the same thing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from vcr.serializers import yamlserializer

from verifier.fetch import layout, literal
from verifier.fetch.store import (
    EvidenceError,
    EvidenceStore,
    Recording,
    _parse_yaml,
    dump_cassette,
    export_cassette,
)

URL = "https://news.example/port?id=1"
# Characters that decide how a body is written and where a block ends.
TRICKY = [" ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "x", "é", "#", ":", "- ", "|", "'", '"']
TRICKY += ["\ufeff"]  # a byte-order mark: a block holds it, its lines being indented
UNSAFE = ["\x85", "\u2028", "\x00", "\x1b", "\ufffe"]
texts = st.lists(st.sampled_from(TRICKY + UNSAFE[:2]) | st.text(max_size=6), max_size=30).map(
    "".join
)


def _store(tmp_path: Path) -> EvidenceStore:
    return EvidenceStore.open(tmp_path / "sources", create=True)


def _as_bytes(data: Any) -> Any:
    """The parser's reading with the body as bytes, as the store keeps it."""
    body = data["interactions"][0]["response"]["body"]
    if isinstance(body.get("string"), str):
        body["string"] = body["string"].encode("utf-8")
    return data


def test_a_page_with_tabs_and_trailing_spaces_is_written_line_by_line(tmp_path: Path) -> None:
    page = "<html>\n\t<head>  \n\n    <title>Port</title>\n</html>"
    path = _store(tmp_path).put(Recording.build(URL, 200, {}, page.encode()))
    text = path.read_text(encoding="utf-8")
    assert "      string: |2-\n        <html>\n        \t<head>  \n\n" in text
    assert "            <title>Port</title>\n        </html>\n  recorded_at:" in text
    for reader in (yaml.safe_load, yamlserializer.deserialize):  # pure Python, and vcrpy's
        (interaction,) = reader(text)["interactions"]
        assert interaction["response"]["body"]["string"] == page


def test_an_exported_cassette_holds_every_body_as_a_block(tmp_path: Path) -> None:
    store = _store(tmp_path)
    pages = {f"https://a.example/{i}": f"<p>\tpage {i} \n" * (i + 1) for i in range(3)}
    for url, page in pages.items():
        store.put(Recording.build(url, 200, {}, page.encode()))
    cassette = tmp_path / "all.yaml"
    assert export_cassette(store, cassette) == 3
    text = cassette.read_text(encoding="utf-8")
    assert text.count("string: |2+") == 3
    back = {
        i["request"]["uri"]: i["response"]["body"]["string"]
        for i in yaml.safe_load(text)["interactions"]
    }
    assert back == pages


@pytest.mark.parametrize("text", ["\r\n", "a\x85b", "a\u2028b", "a\u2029", "\uffff", "a\x1bb", ""])
def test_what_a_block_cannot_hold_stays_quoted(text: str) -> None:
    assert not literal.can_be_literal(text)
    interaction = Recording.build(URL, 200, {}, text.encode()).to_interaction()
    dumped = dump_cassette([interaction])
    assert "|2" not in dumped
    assert yaml.safe_load(dumped)["interactions"][0]["response"]["body"]["string"] == text


@pytest.mark.parametrize("body", ["\ufeff<html>", "a\ufeff", "\ufeff", "x\n\ufeff\n\n\ufeff  \t"])
def test_a_byte_order_mark_in_a_page_stays_in_the_block(tmp_path: Path, body: str) -> None:
    """U+FEFF is a zero-width space inside a page; YAML readers skip it only at the start of
    the stream or of a line, which a block's indented content never is."""
    path = _store(tmp_path).put(Recording.build(URL, 200, {}, body.encode()))
    text = path.read_text(encoding="utf-8")
    assert "string: |2" in text
    for reader in (yaml.safe_load, yamlserializer.deserialize):  # pure Python, and vcrpy's
        (interaction,) = reader(text)["interactions"]
        assert interaction["response"]["body"]["string"] == body
    raw = path.read_bytes()
    assert literal.read_literal(raw) == _as_bytes(_parse_yaml(raw, path))
    recording = EvidenceStore(tmp_path / "sources").get(URL)
    assert recording is not None and recording.body == body.encode()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=texts)
@example(body="\n")
@example(body="a\n\n\n")
@example(body="   \n\tb  ")
def test_a_body_reads_back_the_same_by_either_way(tmp_path: Path, body: str) -> None:
    path = _store(tmp_path).put(Recording.build(URL, 200, {"x": "1"}, body.encode()))
    raw = path.read_bytes()
    fast = literal.read_literal(raw)
    assert (fast is not None) == literal.can_be_literal(body)
    if fast is not None:
        assert fast == _as_bytes(_parse_yaml(raw, path))
    recording = EvidenceStore(tmp_path / "sources").get(URL)
    assert recording is not None and recording.body == body.encode()


edits = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 3), st.sampled_from(TRICKY + UNSAFE)),
    min_size=1,
    max_size=3,
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=texts.filter(literal.can_be_literal), changes=edits)
def test_an_edited_file_is_read_as_the_parser_reads_it_or_left_to_the_parser(
    body: str, changes: list[tuple[int, int, str]]
) -> None:
    """Whatever a reviewer or an attacker does to a file, reading it without the parser
    gives the parser's answer, or declines; it never accepts what the parser refuses."""
    path = Path("edited.yaml")
    text = dump_cassette([Recording.build(URL, 200, {}, body.encode()).to_interaction()])
    for at, cut, insert in changes:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + cut :]
    raw = text.encode("utf-8")
    fast = literal.read_literal(raw)
    try:
        slow = _as_bytes(_parse_yaml(raw, path))
    except (EvidenceError, AttributeError, TypeError, KeyError, IndexError):
        assert fast is None
        return
    assert fast is None or fast == slow


# Strings whose YAML form is not plain text: resolved to another type, quoted, folded.
WORDS = ["yes", "On", "123", "0x1F", "1.5", "null", "~", "", " x", "x ", "a: b", "a #b", "x:",
         "'q'", '"q"', "é", "*", "&a", "-x", "- x", "?x", "2026-01-01", "=", "<<", "a,b",
         "[x]", "{x}", "%x", "@x", "a\tb", "max-age=0, no-cache", "text/html; q=1"]  # fmt: skip
NOT_TEXT = {"yes", "no", "true", "false", "on", "off", "null"}  # to YAML 1.1, in any case
words = st.sampled_from(WORDS) | st.text(max_size=10)


@settings(max_examples=200, deadline=None)
@given(
    path=st.sampled_from(["", "a?b=1&c='q'", "x#y", "a b", "é"]),
    status=st.sampled_from([200, 301, 404]),
    reason=words,
    headers=st.dictionaries(words, st.lists(words, max_size=2), max_size=3),
    dated=st.booleans(),
)
@example(path="", status=200, reason="OK", headers={"etag": ["abc"], "vary": []}, dated=True)
@example(path="a", status=404, reason="", headers={"Yes": ["no", "x"]}, dated=False)
def test_the_lines_around_a_body_are_read_as_the_parser_reads_them(
    path: str, status: int, reason: str, headers: dict[str, list[str]], dated: bool
) -> None:
    """The store's own layout is read without libyaml only when every scalar is one the
    parser reads as that same text; otherwise libyaml reads it. Either way, the same."""
    recording = Recording.build(URL + path, status, headers, b"<p>\tx</p>\n", reason=reason)
    interaction = recording.to_interaction()
    if not dated:
        interaction["recorded_at"] = None
    raw = dump_cassette([interaction]).encode("utf-8")
    slow = _as_bytes(_parse_yaml(raw, Path("x.yaml")))
    assert literal.read_literal(raw) == slow
    start = raw.find(b"\n      string: |2")
    around = layout.read_layout(raw, start + 1, raw.rfind(b"\n  recorded_at: "))
    if around is not None:
        around["interactions"][0]["response"]["body"]["string"] = b"<p>\tx</p>\n"
        assert around == slow
    plain = [path, reason, *headers, *(v for vs in headers.values() for v in vs)]
    if all(w.isascii() and w.isalpha() and w.lower() not in NOT_TEXT for w in plain if w):
        assert around is not None  # ordinary text is read without the parser


def test_a_store_written_before_literal_blocks_still_reads(tmp_path: Path) -> None:
    """Earlier recordings are one double-quoted scalar; they are parsed as they were."""
    store = _store(tmp_path)
    page = b"<html>\n\t<p>old  </p>\n</html>\n"
    interaction = Recording.build(URL, 200, {}, page).to_interaction()
    data = {"interactions": [interaction], "version": 1}
    old = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1000)
    assert 'string: "<html>\\n\\t<p>old' in old
    store.path_for(URL).parent.mkdir(parents=True)
    store.path_for(URL).write_text(old, encoding="utf-8")
    assert literal.read_literal(old.encode()) is None
    recording = store.get(URL)
    assert recording is not None and recording.body == page


# Bytes a hand edit or a broken copy may leave in a body: cut or overlong UTF-8 sequences,
# surrogates, code points past U+10FFFF, lone continuation bytes, and what YAML refuses.
RAW_BYTES = [b"\x80", b"\xbf", b"\xc2", b"\xc2\x85", b"\xc0\xaf", b"\xe2\x80", b"\xe2\x80\xa8",
             b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\xef\xbf\xbe", b"\xf0\x9f\x98", b"\xff",
             b"\xf4\x90\x80\x80", b"\r", b"\x7f", b"\x00", b"\t", b"\n", b"\n\n", b" " * 9,
             b"\xc3\xa9", b"\xe2\x82\xac", b"\xf0\x9f\x98\x80"]  # fmt: skip
byte_edits = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 3), st.sampled_from(RAW_BYTES)),
    min_size=1,
    max_size=3,
)


@settings(max_examples=300, deadline=None)
@given(body=texts.filter(literal.can_be_literal), changes=byte_edits, tail=st.booleans())
@example(body="é\n", changes=[(10_000, 0, b"\xc3")], tail=True)
@example(body="a\n", changes=[(10_000, 0, b"\xe2\x80\xa8")], tail=False)
@example(body="a\nb\n", changes=[(0, 0, b"\nx\n")], tail=False)  # a line less indented
@example(body="a\nb\n", changes=[(0, 0, b"\n \n")], tail=False)
def test_a_file_edited_byte_by_byte_is_read_as_the_parser_reads_it_or_left_to_it(
    body: str, changes: list[tuple[int, int, bytes]], tail: bool
) -> None:
    """Byte edits inside the body (where the fast reader checks UTF-8 and characters on the
    non-ASCII bytes alone): never accepted when the parser refuses, never read otherwise."""
    raw = dump_cassette([Recording.build(URL, 200, {}, body.encode()).to_interaction()]).encode()
    begin = raw.find(b"|2") + 4
    end = raw.rfind(b"\n  recorded_at:") + (1 if tail else 0)
    for at, cut, insert in changes:
        at = begin + at % (max(end - begin, 0) + 1)
        raw = raw[:at] + insert + raw[at + cut :]
        end += len(insert) - min(cut, len(raw) - at)
    fast = literal.read_literal(raw)
    try:
        slow = _as_bytes(_parse_yaml(raw, Path("edited.yaml")))
    except (EvidenceError, AttributeError, TypeError, KeyError, IndexError):
        assert fast is None
        return
    assert fast is None or fast == slow


@settings(max_examples=300, deadline=None)
@given(
    data=st.lists(st.sampled_from(RAW_BYTES) | st.binary(max_size=4), max_size=20).map(b"".join),
    ascii_around=st.integers(0, 2000),
)
@example(data=b"\xc2", ascii_around=100)
@example(data=b"\xe2\x80\xa9x", ascii_around=0)
@example(data=b"\xc3\xa9\xc2\xa0", ascii_around=500)
@example(data=b"\xc2\x85", ascii_around=400)  # few non-ASCII bytes: judged on them alone
@example(data=b"\xef\xbb\xbf", ascii_around=400)
@example(data=b"\xc3x\xa9", ascii_around=400)  # a sequence cut by an ASCII byte
@example(data=b"\xe2\x80x\xa8", ascii_around=400)
def test_the_non_ascii_bytes_are_judged_as_the_whole_text_would_be(
    data: bytes, ascii_around: int
) -> None:
    """UTF-8 and the characters a block cannot hold, checked on the bytes above 0x7F and the
    byte after each run of them (a page mostly ASCII) or on all (a page mostly not), decide
    as decoding the whole text and checking it would."""
    data = b"x" * (ascii_around // 2) + data + b"y" * (ascii_around - ascii_around // 2)
    # As in a block: the control characters were refused before (`_block_body`).
    data = data.translate(None, bytes([*range(9), *range(11, 32), 127]))
    octets = np.frombuffer(data + b"\n", dtype=np.uint8)
    high = np.flatnonzero(octets >= 0x80)
    if not high.size:
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        expected = False
    else:
        expected = literal.can_be_literal("".join(c for c in text if ord(c) > 0x7F))
    assert literal._literal_non_ascii(octets, high) is expected


@pytest.mark.parametrize(
    ("body", "chomp"),
    [
        ("  deeper\n\tafter the indent\n", "+"),
        ("top\n\n\n  deeper\n\n", "+"),
        ("\n\nempty first\n", "+"),
        ("\none empty line first\n", "+"),
        ("\na", "-"),
        ("a\n\n\n", "+"),
        ("a\n  b  \n\t", "-"),
        ("\n\na", "-"),
        ("caf\u00e9 \u20ac\n\t\U0001f600\u00a0x\n", "+"),
    ],
)
def test_indentation_empty_lines_and_chomping_read_as_the_parser_reads_them(
    body: str, chomp: str
) -> None:
    raw = dump_cassette([Recording.build(URL, 200, {}, body.encode()).to_interaction()]).encode()
    assert f"string: |2{chomp}\n".encode() in raw
    fast = literal.read_literal(raw)
    assert fast is not None and fast == _as_bytes(_parse_yaml(raw, Path("x.yaml")))
    assert fast["interactions"][0]["response"]["body"]["string"] == body.encode()


def test_a_file_from_before_the_checksum_line_is_read_without_the_parser(tmp_path: Path) -> None:
    path = _store(tmp_path).put(Recording.build(URL, 200, {"x": "1"}, b"<p>\n\tport\n"))
    raw = b"".join(line for line in path.read_bytes().splitlines(True) if b"crc32:" not in line)
    fast = literal.read_literal(raw)
    assert fast is not None and "crc32" not in fast["interactions"][0]
    assert fast == _as_bytes(_parse_yaml(raw, path))
