"""Where the reader comments begin in a plain-text article.

Copied pages keep their comment threads: a share widget (`Print Friendly, PDF & Email`), a
`Comments` heading or `N comments`, numbered replies, and a closing line (`Comments are
closed.`, `Comments are moderated…`). Quotes in comments are never the article's own.
Wording that an article may also use as a prompt to its readers (`What do you think?`)
starts the comments only when comment structure follows it: one signal is not enough to
drop the rest of an article.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Protocol


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_START_RE = re.compile(
    r"^(?:comments?|reader comments|\d+\s+(?:comments?|responses?|replies|thoughts on .*)"
    r"|leave a (?:reply|comment)|post a comment|add a comment"
    r"|show comments|view comments|print friendly,? pdf ?& ?email|popular posts from this blog"
    r"|(?:\d+\s+)?comments? \(\d+\))[.:]?$",
    re.IGNORECASE,
)
# Wording alone that may also be a prompt in the middle of an article ("What do you think?"):
# it starts the comments only when comment structure follows it (see `_threaded`).
_WEAK_START_RE = re.compile(
    r"^(?:what do you think\??|discussion|join the (?:conversation|discussion))[.:]?$",
    re.IGNORECASE,
)
# lines that only a comment thread has: a reply button, a time ago, a clock time, `X says:`
_THREAD_RE = re.compile(
    r"^\s*(?:reply|report|like|share)\s*$"
    r"|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\b\d{1,2}:\d{2}\s*(?:am|pm)\b"
    r"|^[\w .’'-]{2,40}\s+(?:says|said|wrote):\s*$",
    re.IGNORECASE,
)
_END_RE = re.compile(
    r"^(?:comments are (?:closed|moderated|disabled)|comments? (?:policy|guidelines)"
    r"|you must be logged in to post a comment)",
    re.IGNORECASE,
)
_ITEM_RE = re.compile(r"^\s*(?:\d{1,3}[.)]\s|[-*•]\s)|^\s{2,}\S")


def find_comment_section(
    text: str, paragraphs: Sequence[_Span], buttons: Collection[int] = ()
) -> int | None:
    """Index of the first paragraph of the reader-comment section, or None.

    A start marker counts only in the last two thirds of the article; a closing marker
    (`Comments are closed.`) claims the run of numbered or indented paragraphs before it.
    `buttons` are paragraphs that are one link and nothing else: a `Leave a comment` link
    in a post's byline or share bar jumps to the comments, it does not start them.
    """
    n = len(paragraphs)
    if n == 0:
        return None
    first_allowed = n // 3
    for i, p in enumerate(paragraphs):
        line = text[p.start : p.end].strip()
        if i < first_allowed or len(line) >= 80 or i in buttons:
            continue
        if _START_RE.match(line) or (
            _WEAK_START_RE.match(line) and _threaded(text, paragraphs[i + 1 : i + 9])
        ):
            return i
    for i, p in enumerate(paragraphs):
        line = text[p.start : p.end].strip()
        if i < first_allowed or not _END_RE.match(line):
            continue
        j = i
        while j - 1 >= 0 and _ITEM_RE.match(_raw(text, paragraphs[j - 1])):
            j -= 1
        # the run of replies starts at its first numbered item "1."
        k = j
        while k < i and not re.match(r"^\s*1[.)]\s", _raw(text, paragraphs[k])):
            k += 1
        return k if k < i else j
    return None


def _threaded(text: str, after: Sequence[_Span]) -> bool:
    """Comment structure right after a prompt: numbered or indented replies, reply buttons,
    times, `X says:`, a closing notice; or nothing at all (a prompt that ends the page)."""
    if not after:
        return True
    return any(
        _THREAD_RE.search(text[p.start : p.end])
        or _ITEM_RE.match(_raw(text, p))
        or _END_RE.match(text[p.start : p.end].strip())
        for p in after
    )


def _raw(text: str, p: _Span) -> str:
    """The paragraph with the indentation of its first line (loaders may strip it)."""
    line_start = text.rfind("\n", 0, p.start) + 1
    return text[line_start : p.end]
