"""Regular expressions from configuration, checked before they can hang a run.

Python's `re` backtracks: `(a+)+$` against a long URL takes exponential time. A pattern
is refused when a repeated part can itself repeat or match in more than one way (nested
quantifiers, a repeated alternation whose branches overlap by their first character), or
when it is longer than any URL rewrite needs. These are the shapes behind catastrophic
backtracking; what is left runs in time polynomial (in practice linear) in the URL.
"""

from __future__ import annotations

import re
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

MAX_PATTERN = 500
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def regex_problem(pattern: str) -> str | None:
    """Why `pattern` is unsafe or invalid, or None when it may be used."""
    if len(pattern) > MAX_PATTERN:
        return f"longer than {MAX_PATTERN} characters"
    try:
        re.compile(pattern)
        parsed = sre_parse.parse(pattern)
    except re.error as exc:
        return f"not a valid regular expression: {exc}"
    return _walk(list(parsed), inside_repeat=False)


def _walk(items: list[Any], inside_repeat: bool) -> str | None:
    for op, arg in items:
        name = str(op)
        if name in _REPEATS:
            _, high, sub = arg
            unbounded = high > 1
            if unbounded and inside_repeat:
                return "a repeated group repeats again inside (nested quantifiers backtrack)"
            if unbounded and _overlapping_branches(list(sub)):
                return "a repeated alternation has branches that can match the same text"
            found = _walk(list(sub), inside_repeat or unbounded)
        elif name == "SUBPATTERN":
            found = _walk(list(arg[-1]), inside_repeat)
        elif name == "BRANCH":
            found = next(
                (p for b in arg[1] if (p := _walk(list(b), inside_repeat)) is not None), None
            )
        else:
            found = None
        if found is not None:
            return found
    return None


def _overlapping_branches(items: list[Any]) -> bool:
    """`(a|ab)*`, `(\\w|\\d)+`: two branches of a repeated alternation may start alike."""
    for op, arg in items:
        name = str(op)
        if name == "SUBPATTERN":
            return _overlapping_branches(list(arg[-1]))
        if name == "BRANCH":
            firsts = [_first(list(b)) for b in arg[1]]
            if None in firsts or len(set(firsts)) < len(firsts):
                return True
    return False


def _first(items: list[Any]) -> str | None:
    """The literal a branch starts with, or None when it may start with many characters."""
    if not items:
        return None
    op, arg = items[0]
    if str(op) == "LITERAL":
        return chr(arg)
    if str(op) == "SUBPATTERN":
        return _first(list(arg[-1]))
    return None
