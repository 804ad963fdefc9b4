"""The lines around a recorded body, read without libyaml when they are the store's own layout.

Every file the store writes has the same twenty-odd lines around its body (see
`store.dump_cassette`)::

    interactions:
    - request:
        body: null
        headers: {}
        method: GET
        uri: https://news.example/story
      response:
        status:
          code: 200
          message: OK
        headers:
          content-type:
          - text/html; charset=utf-8
        body:
          string: |2-          <- the body block, cut out by `literal`
      recorded_at: '2026-12-01T10:00:00Z'
      sha256: 8ef6…
      crc32: 1c291ca3            <- (absent from files written before 3 December evening)
    version: 1

Building them through libyaml costs a lookup more than the rest of its fixed work (one
parse event and one Python object per node). `read_layout` reads exactly this layout with
two regular expressions and takes each scalar only in the forms PyYAML writes on one line:
a plain scalar of printable ASCII that YAML's own resolver reads as a string (so `yes`,
`123`, `null` or a date are never taken for text), or a single-quoted one. Anything else
(a double-quoted or folded scalar, a comment, non-ASCII, another key, another order)
returns None and the caller lets libyaml read the lines, so the answer is always the one
the YAML parser would give.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, cast

import yaml
from yaml.resolver import Resolver

# A scalar as PyYAML writes it on one line: single-quoted, or plain (no indicator first,
# no ": " or " #" inside, no space at either end), printable ASCII only.
_QUOTED = rb"'(?:[\x20-\x26\x28-\x7e]|'')*'"
_PLAIN = rb"[^\x00-\x20\x7f-\xff\-?:,\[\]{}#&*!|>'\"%@`](?:[\x20-\x7e]*[\x21-\x7e])?"
_SCALAR = b"(?:" + _QUOTED + b"|" + _PLAIN + b")"
_HEAD = re.compile(
    rb"interactions:\n"
    rb"- request:\n"
    rb"    body: null\n"
    rb"    headers: \{\}\n"
    rb"    method: (" + _SCALAR + rb")\n"
    rb"    uri: (" + _SCALAR + rb")\n"
    rb"  response:\n"
    rb"    status:\n"
    rb"      code: ([1-9][0-9]{0,2})\n"
    rb"      message: (" + _SCALAR + rb")\n"
    rb"    headers:( \{\}\n|\n(?:      [^\n]*\n)+)"
    rb"    body:\n"
)
_HEADER_LINE = re.compile(
    rb"      (" + _SCALAR + rb"):(?: (\[\]))?\n|      - (" + _SCALAR + rb")\n"
)
_TAIL = re.compile(
    rb"\n  recorded_at: (null|" + _SCALAR + rb")\n  sha256: (" + _SCALAR + rb")\n"
    rb"(?:  crc32: (" + _SCALAR + rb")\n)?version: 1\n"
)
_STR = "tag:yaml.org,2002:str"
# The tag the YAML parser gives a plain scalar ("yes" is a bool, "123" an int, "~" null).
_resolve = cast(Callable[..., str], Resolver().resolve)


def read_layout(raw: bytes, head_end: int, tail_start: int) -> dict[str, Any] | None:
    """The cassette in `raw` with its body left None, when `raw[:head_end]` and
    `raw[tail_start:]` are the store's own lines around it; else None."""
    head = _HEAD.fullmatch(raw, 0, head_end)
    tail = _TAIL.fullmatch(raw, tail_start)
    if head is None or tail is None:
        return None
    fields = [_scalar(head.group(n)) for n in (1, 2, 4)]
    when = None if tail.group(1) == b"null" else _scalar(tail.group(1))
    digests = {"sha256": _scalar(tail.group(2))}
    if tail.group(3) is not None:
        digests["crc32"] = _scalar(tail.group(3))
    headers = _headers(head.group(5))
    if (
        None in fields
        or headers is None
        or None in digests.values()
        or (when is None) != (tail.group(1) == b"null")
    ):
        return None
    method, uri, message = fields
    return {
        "interactions": [
            {
                "request": {"body": None, "headers": {}, "method": method, "uri": uri},
                "response": {
                    "status": {"code": int(head.group(3)), "message": message},
                    "headers": headers,
                    "body": {"string": None},
                },
                "recorded_at": when,
                **digests,
            }
        ],
        "version": 1,
    }


def _headers(block: bytes) -> dict[str, Any] | None:
    """`{}`, or `name:` lines each followed by its `- value` lines (or `name: []`)."""
    if block == b" {}\n":
        return {}
    headers: dict[str, Any] = {}
    values: list[str] | None = None  # the list the next `- value` line belongs to
    at = 1  # past the line break after "headers:"
    while at < len(block):
        line = _HEADER_LINE.match(block, at)
        if line is None:
            return None
        at = line.end()
        text = _scalar(line.group(3) or line.group(1))
        if text is None:
            return None
        if line.group(3) is not None:  # a value of the name above
            if values is None:
                return None
            values.append(text)
            continue
        if values == []:
            return None  # the name above has no value (null to the parser): let it say so
        headers[text] = values = []
        if line.group(2) is not None:  # `name: []`
            values = None
    return None if values == [] else headers


@functools.lru_cache(maxsize=512)  # the same method, status and headers in most files
def _scalar(token: bytes) -> str | None:
    """A one-line scalar's text, or None when the parser would read something else."""
    text = token.decode("ascii")
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    if ": " in text or " #" in text or text.endswith(":"):
        return None  # a key or a comment to the parser
    if _resolve(yaml.ScalarNode, text, (True, False)) != _STR:
        return None
    return text
