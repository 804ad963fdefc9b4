"""A recorded body as a YAML literal block: written where PyYAML will not, read without the parser.

PyYAML's emitter writes a text with a tab or a trailing space as one double-quoted scalar
(`"<html>\\n\\t<head>…"`), which is most real pages: a changed page is then a one-line diff in
review, and libyaml scans every byte of it on each lookup. A literal block with an explicit
indentation indicator holds any text whose characters YAML can carry literally (no `\\r`, no
control character, no Unicode line separator), tabs and trailing spaces included, one source
line per file line. U+FEFF too, which PyYAML's emitter would quote: as a byte-order mark it
is skipped only at the start of the stream (PyYAML) or of a line (libyaml), and a block's
content is indented, so both read it back (pages carry it as a zero-width space)::

      string: |2+          <- "2": content is indented 2 past the key; "+"/"-": keep/strip
        <html>                 the final line break
        \t<head>
  recorded_at: …

Any YAML reader reads it (vcrpy included). `read_literal` reads the block of a store file
without libyaml, which would spend most of a lookup scanning it, in a few C-level passes
(numpy finds the bytes that need a look, `decode` checks the UTF-8 of the non-ASCII ones,
`rsplit`/`join` remove the indentation). The lines
around it are read by `layout` when they are the store's own; otherwise libyaml reads the
file with the block replaced by a placeholder, taken only when that placeholder lands, in a
block mapping, exactly where the body is. Any doubt (a hand-edited file, another layout, a
character the block may not hold) returns None and the caller parses the whole file, so the
answer and the error messages are always the YAML parser's. The body's sha256, checked by
the caller either way, must still match.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

from verifier.fetch import layout

KEY = "string"
_INDENT = 2  # the indentation indicator: content sits this far past the key
# The key's column in a store file (interactions / - response / body / string).
_COLUMN = 6
_HEADER = b"\n" + b" " * _COLUMN + KEY.encode() + b": |2"
_CONTENT = b"\n" + b" " * (_COLUMN + _INDENT)
_AFTER_BODY = b"\n  recorded_at: "  # the store writes this line right after the body
# Characters a literal block cannot carry as themselves (YAML 1.1, as libyaml reads it).
_NOT_LITERAL = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# After the block: the first line that is neither content (indented) nor empty.
_BLOCK_END = re.compile(rb"\n(?!" + b" " * (_COLUMN + _INDENT) + rb"|\n)")
# The line after the block: a key or a comment less indented than the content.
_NEXT_LINE = re.compile(rb" {0,%d}[\x21-\x7e]" % (_COLUMN + _INDENT - 1))
_PLACEHOLDER = "body-" + secrets.token_hex(16)
_PLACED = re.compile(f"^( *){KEY}: ({_PLACEHOLDER}-[0-9]+)\n", re.MULTILINE)


def can_be_literal(text: str) -> bool:
    """Whether `text` survives a literal block unchanged."""
    return bool(text) and _NOT_LITERAL.search(text) is None


def literal_block(text: str, column: int) -> str:
    """`text` as the value of a key at `column`: the indicator line and the indented lines."""
    chomp = "+" if text.endswith("\n") else "-"
    lines = (text[:-1] if chomp == "+" else text).split("\n")
    pad = " " * (column + _INDENT)
    return f"|{_INDENT}{chomp}\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in lines)


def placeholder(number: int) -> str:
    """A plain scalar to dump in a body's place, then `substitute` by its literal block."""
    return f"{_PLACEHOLDER}-{number}"


def substitute(
    dumped: str, bodies: dict[str, str], render: Callable[[str, int], str] = literal_block
) -> str:
    """Replace each placeholder line (`<indent>string: <placeholder>`) of `bodies` by its
    body as `render` writes it at that column, through its last line break (a literal
    block unless told otherwise)."""

    def block(match: re.Match[str]) -> str:
        body = bodies.get(match.group(2))
        if body is None:  # another body's placeholder: substituted by another call
            return match.group(0)
        return f"{match.group(1)}{KEY}: {render(body, len(match.group(1)))}"

    return _PLACED.sub(block, dumped)


# ---------------------------------------------------------------------------
# reading


def read_literal(raw: bytes) -> dict[str, Any] | None:
    """The cassette in `raw` with its one literal body read directly, or None (parse it)."""
    start = raw.find(_HEADER)
    if start < 0 or raw[start + len(_HEADER) : start + len(_HEADER) + 2] not in (b"+\n", b"-\n"):
        return None
    keep = raw[start + len(_HEADER)] == ord("+")
    begin = start + len(_HEADER) + 1  # the header line's own line break
    # The store's own layout: the block runs to the line the store writes after it (found
    # from the end of the file; `_block_body` checks that every line before it is the
    # block's). Any other file: the block ends at its first less indented line.
    stop = raw.rfind(_AFTER_BODY, begin)
    data = layout.read_layout(raw, start + 1, stop) if stop > begin else None
    if data is not None:  # no line around the block is indented as far as its content
        body = _block_body(raw, begin, stop + 1, keep=keep)
    else:
        end = _BLOCK_END.search(raw, begin)
        if end is None:
            return None
        stop = end.start()
        data = _read_skeleton(raw, start, stop)
        if data is None:
            return None
        body = _block_body(raw[begin : stop + 1], 0, stop + 1 - begin, keep=keep)
    if body is None:
        return None
    data["interactions"][0]["response"]["body"][KEY] = body
    return data


def _read_skeleton(raw: bytes, start: int, stop: int) -> dict[str, Any] | None:
    """The lines around the block through libyaml, the block replaced by a placeholder."""
    if _NEXT_LINE.match(raw, stop + 1) is None:
        return None  # no key after the block, or a line only the parser may judge
    placeholder = f"\n{' ' * _COLUMN}{KEY}: {_PLACEHOLDER}".encode()
    return _load_skeleton(raw[:start] + placeholder + raw[stop:])


def _block_body(raw: bytes, begin: int, end: int, *, keep: bool) -> bytes | None:
    """The content of the indented block `raw[begin:end]`, or None when the parser might
    read it otherwise.

    The block runs from the line break that ends its header line to the one that ends its
    last line; no line of `raw` outside it may be indented as far as its content (so the
    indentation is removed from `raw` itself, without a copy of the block first). A few
    C-level passes over it, each writing little: one numpy pass finds the bytes below 0x20
    (line breaks, tabs, or a control character the block may not hold) and above 0x7F
    together (below 0x20 as signed bytes); the UTF-8 of the latter is checked on them
    alone; `rsplit`/`join` remove the indentation (`rsplit` looks for the separator's line
    break first, which is rare, where `split` looks for its last space, which is not). A
    Python loop per line or byte would cost more than the rest of the run's work on the page.
    """
    octets = np.frombuffer(raw, dtype=np.uint8, count=end - begin, offset=begin)
    marked = np.flatnonzero(octets.view(np.int8) < 0x20)
    values = octets[marked]
    breaks = marked[values == 0x0A]
    high = marked[values >= 0x80]
    tabs = np.count_nonzero(values == 0x09)
    if breaks.size + tabs + high.size != marked.size or raw.find(b"\x7f", begin, end) >= 0:
        return None  # a control character (\r included), which a block may not hold
    if high.size and not _literal_non_ascii(octets, high):
        return None
    lines = raw.rsplit(_CONTENT)  # the same pieces as `split`: the separator cannot overlap
    # Every line break but the last starts an indented line or an empty one.
    if breaks.size - 1 != len(lines) - 1 + np.count_nonzero(breaks[1:] - breaks[:-1] == 1):
        return None
    # Only the block's part of the first and last pieces; its own first line break is not
    # content (empty lines first, or none: the first line is indented).
    if len(lines) == 1:
        lines[0] = raw[begin + 1 : end]
    else:
        lines[-1] = lines[-1][: len(lines[-1]) - (len(raw) - end)]
        if len(lines[0]) > begin:
            lines[0] = lines[0][begin + 1 :]
        else:
            del lines[0]
    if not keep:  # strip the final line breaks from the last lines, not from a copy of all
        while len(lines) > 1 and not lines[-1].rstrip(b"\n"):
            del lines[-1]
        lines[-1] = lines[-1].rstrip(b"\n")
    return b"\n".join(lines)


def _literal_non_ascii(octets: npt.NDArray[np.uint8], high: npt.NDArray[np.intp]) -> bool:
    """Whether the bytes above 0x7F (at `high`) of a block ending in a line break, with no
    control character, are UTF-8 characters a literal block can hold. Where they are few
    (most pages), judged on those bytes alone, by the writer's own rule (`can_be_literal`):
    each run of them is kept with the ASCII byte after it, so a sequence cut short is still
    cut short (ASCII bytes are whole characters, and no sequence holds one)."""
    if high.size > octets.size // 16:  # a page mostly in another script: all of it
        try:
            str(octets.data, "utf-8")  # (from the array's buffer: no copy)
        except UnicodeDecodeError:
            return False
        return not _has_unsafe_character(octets)
    after = high[:-1][high[1:] - high[:-1] != 1] + 1  # the byte after each run...
    picked = np.concatenate((high, after, high[-1:] + 1))  # ...and after the last
    picked.sort(kind="stable")  # two sorted runs: merged in one pass
    try:
        text = str(octets[picked].data, "utf-8")
    except UnicodeDecodeError:
        return False
    return _NOT_LITERAL.search(text) is None  # (its ASCII: printable, tabs, line breaks)


def _has_unsafe_character(octets: npt.NDArray[np.uint8]) -> bool:
    """Whether valid UTF-8 ending in an ASCII byte holds a character a literal block cannot:
    a C1 control (U+0080-U+009F, U+0085 a line break to YAML), U+2028/U+2029 (line
    breaks) or U+FFFE/U+FFFF."""
    leads = np.flatnonzero(octets >= 0xC2)  # in valid UTF-8, the first byte of a character
    first = octets[leads]
    two = leads[first == 0xC2]
    if two.size and bool((octets[two + 1] < 0xA0).any()):
        return True
    three = leads[first == 0xE2]
    if three.size and bool(((octets[three + 1] == 0x80) & ((octets[three + 2] | 1) == 0xA9)).any()):
        return True
    three = leads[first == 0xEF]
    return bool(three.size) and bool(
        ((octets[three + 1] == 0xBF) & (octets[three + 2] >= 0xBE)).any()
    )


def _load_skeleton(skeleton: bytes) -> dict[str, Any] | None:
    """The skeleton, safely loaded, if its placeholder is the one interaction's body."""
    loader = yaml.CSafeLoader(skeleton)
    try:
        node = loader.get_single_node()
        if node is None or not _placeholder_is_the_body(node):
            return None
        data = loader.construct_document(node)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return data if isinstance(data, dict) else None


def _placeholder_is_the_body(root: yaml.Node) -> bool:
    """interactions[0].response.body.string is the placeholder, in a block mapping whose
    keys sit at the column the block's indentation was read for; one interaction only."""
    interactions = _value(root, "interactions")
    if not isinstance(interactions, yaml.SequenceNode) or len(interactions.value) != 1:
        return False
    body = _value(_value(interactions.value[0], "response"), "body")
    if not isinstance(body, yaml.MappingNode) or body.flow_style:
        return False
    keys = [k for k, _ in body.value if isinstance(k, yaml.ScalarNode) and k.value == KEY]
    value = _value(body, KEY)
    return (
        len(keys) == 1
        and keys[0].start_mark.column == _COLUMN
        and isinstance(value, yaml.ScalarNode)
        and value.value == _PLACEHOLDER
    )


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    found = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key]
    return found[0] if len(found) == 1 else None
