"""A recorded body a literal block cannot hold, double-quoted one line of the page per line.

A page with a carriage return (CRLF line ends are common on the web), a control character or
a Unicode line separator cannot be a literal block (see `literal`). PyYAML's emitter writes it
as one double-quoted scalar folded at 1,000 columns, so a one-word change in the page is a
change to a 1,000-character line in review. Here each line of the page is one line of the
file, its line break written as an escape and followed by an escaped line break, which YAML
drops together with the next line's indentation::

      string: "<html>\\r\\n\\
        <head>\\r\\n\\
        \\x20 <title>Port</title>\\r\\n\\
        </html>"

Escaped: the backslash and the quote, tabs and carriage returns, and every character YAML does
not print (C0 and C1 controls, DEL, U+2028/U+2029, U+FFFE/U+FFFF); a space that begins a
continuation line (YAML would drop it with the indentation). Whether any YAML reader reads it
back is checked on each body when it is written (libyaml reads the rendering back); when it
would not, PyYAML's own quoting is used. Reading goes through libyaml, as fast for this form
as for PyYAML's (`bench/evidence.py`'s reader is for literal blocks).
"""

from __future__ import annotations

import yaml

_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\t"): "\\t", ord("\r"): "\\r"}
for _code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]:
    _ESCAPES.setdefault(_code, f"\\x{_code:02x}")
_ESCAPES.update({0x2028: "\\L", 0x2029: "\\P", 0xFFFE: "\\uFFFE", 0xFFFF: "\\uFFFF"})
_INDENT = 2  # continuation lines sit this far past the key, like a literal block's content


def by_line(text: str, column: int) -> str:
    """`text` as the double-quoted value of a key at `column`, one line of it per line,
    through the line break that ends the last."""
    pad = " " * (column + _INDENT)
    first, *rest = text.split("\n")
    lines = [first.translate(_ESCAPES)]
    for line in rest:
        escaped = line.translate(_ESCAPES)
        lines.append("\\x20" + escaped[1:] if escaped.startswith(" ") else escaped)
    return '"' + f"\\n\\\n{pad}".join(lines) + '"\n'


def can_be_quoted_by_line(text: str) -> bool:
    """Whether `text` has lines to write, and YAML reads its rendering back unchanged."""
    if "\n" not in text:
        return False
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return bool(yaml.load(by_line(text, 0), Loader=loader) == text)
    except yaml.YAMLError:
        return False
