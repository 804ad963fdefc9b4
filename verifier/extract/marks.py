"""Quote-mark pairing: find the spans of text that stand between quotation marks.

Marks are classified by glyph and by position (what stands before and after them), so the
common typing slips of real articles (a straight `"`, a `“` used to close, `‘Backyard‘`)
still pair. Apostrophes (don’t, players’, ’90s) are not marks. Only the outermost pair of
a nest is reported. A mark that finds no partner is dropped alone; everything else in the
paragraph still pairs. The one exception is a closing mark forgotten at the end of a
paragraph, after a quotation that opens a sentence: that quotation runs to the paragraph's
end. A quote that runs over several paragraphs (an opening mark on each,
one closing mark at the end) is one span.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Families of marks: an opening mark is closed by a mark of the same family.
DOUBLE = "double"
SINGLE = "single"
GUILLEMET = "guillemet"
CHEVRON = "chevron"

_OPEN_BEFORE = set(" \t\n\r([{—–-/\u00a0") | {"“", "‘", "«", "‹", "„", '"', "'"}
_CLOSE_AFTER = set(" \t\n\r)]}.,;:!?—–-/…\u00a0*") | {"”", "’", "»", "›", '"', "'"}


# words that lose their first letters to an apostrophe: `how ’bout`, `get ’em`
_ELISION_RE = re.compile(r"(?:bout|em|til|n|tis|twas)\b")


@dataclass(frozen=True, slots=True)
class MarkSpan:
    """A paired quotation: `start`/`end` delimit the words, `open_at`/`close_at` the marks."""

    open_at: int
    start: int
    end: int
    close_at: int
    family: str
    paragraphs: int = 1  # how many paragraphs the quotation runs over
    close_len: int = 1  # 2 for TeX ''

    @property
    def after(self) -> int:
        """Offset just past the closing mark."""
        return self.close_at + self.close_len


@dataclass(frozen=True, slots=True)
class _Mark:
    pos: int
    length: int
    family: str
    role: str  # "open" | "close" | "either"


def _prev(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else " "


def _next(text: str, i: int) -> str:
    return text[i] if i < len(text) else " "


def _classify(text: str, i: int) -> _Mark | None:
    ch = text[i]
    before = _prev(text, i)
    tex = _tex_mark(text, i, before)
    if tex is not None:
        return tex
    after = _next(text, i + 1)
    opening_pos = before in _OPEN_BEFORE and not after.isspace()
    closing_pos = not before.isspace() and (after in _CLOSE_AFTER or i + 1 == len(text))
    if ch in '“„”"':
        return _double_mark(i, ch, opening_pos, closing_pos)
    if ch in "«»":
        return _Mark(i, 1, GUILLEMET, "open" if ch == "«" else "close")
    if ch in "‹›":
        return _Mark(i, 1, CHEVRON, "open" if ch == "‹" else "close")
    if ch in "‘’'‚":
        if before.isalnum() and after.isalnum():
            return None  # don’t, O'Brien
        if before.isspace() and after.isdigit():
            return None  # ’90s
        if before.isspace() and _ELISION_RE.match(text, i + 1):
            return None  # how ’bout, get ’em, rock ’n’ roll
        return _single_mark(i, ch, opening_pos, closing_pos)
    return None


def _tex_mark(text: str, i: int, before: str) -> _Mark | None:
    """``…'' (TeX), and '' on both sides as the NYT archive writes it."""
    ch = text[i]
    if ch == "`" and _next(text, i + 1) == "`":
        return _Mark(i, 2, DOUBLE, "open")
    if ch == "'" and _next(text, i + 1) == "'":
        after2 = _next(text, i + 2)
        if before in _OPEN_BEFORE and not after2.isspace() and before != "'":
            return _Mark(i, 2, DOUBLE, "open")
        return _Mark(i, 2, DOUBLE, "close")
    return None


def _double_mark(i: int, ch: str, opening_pos: bool, closing_pos: bool) -> _Mark:
    """“ „ ” and ": a curly mark in the wrong place, or a straight one, by its neighbours."""
    if ch in "“„":
        if ch == "“" and closing_pos and not opening_pos:
            return _Mark(i, 1, DOUBLE, "either")
        return _Mark(i, 1, DOUBLE, "open")
    if ch == "”":
        if opening_pos and not closing_pos:
            return _Mark(i, 1, DOUBLE, "open")
        return _Mark(i, 1, DOUBLE, "close")
    if opening_pos and not closing_pos:
        return _Mark(i, 1, DOUBLE, "open")
    if closing_pos and not opening_pos:
        return _Mark(i, 1, DOUBLE, "close")
    return _Mark(i, 1, DOUBLE, "either")


def _single_mark(i: int, ch: str, opening_pos: bool, closing_pos: bool) -> _Mark | None:
    """‘ ‚ ’ and ' that are not apostrophes."""
    if ch in "‘‚":
        if closing_pos and not opening_pos:
            return _Mark(i, 1, SINGLE, "either")
        return _Mark(i, 1, SINGLE, "open") if opening_pos else None
    if opening_pos and not closing_pos:
        return _Mark(i, 1, SINGLE, "open")
    if closing_pos:
        # "players’ union": a close only if a single quote is open (decided in pairing)
        return _Mark(i, 1, SINGLE, "close")
    return None


# `href="…"`, `<tweet author="…">`: an attribute's value in markup left in the text
_ATTRIBUTE_RE = re.compile(r"[\w:-]=\"[^\"\n]*\"?")


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    out: list[_Mark] = []
    i = start
    while i < end:
        if text[i] == '"' and i > start and text[i - 1] == "=":
            attribute = _ATTRIBUTE_RE.match(text, i - 2, end)
            if attribute is not None:
                i = attribute.end()  # its marks quote nobody
                continue
        if text[i] in "“”„\"«»‹›‘’'‚`":
            m = _classify(text, i)
            if m is not None and m.pos + m.length <= end:
                out.append(m)
                i += m.length
                continue
        i += 1
    return out


def _pair_paragraph(
    text: str, marks: list[_Mark], carried: _Mark | None
) -> tuple[list[tuple[_Mark, _Mark, _Mark | None]], list[_Mark]]:
    """Pair the marks of one paragraph; returns every pair, with the mark left on top of the
    stack once it closed (None: it was outermost), and the still-open stack.

    Linear time: the open marks of each family are indexed, not searched for.
    """
    stack: list[_Mark] = [carried] if carried is not None else []
    open_at: dict[str, list[int]] = {carried.family: [0]} if carried is not None else {}
    pairs: list[tuple[_Mark, _Mark, _Mark | None]] = []
    for m in marks:
        open_same = open_at.setdefault(m.family, [])
        if m.role == "open" or (m.role == "either" and not open_same):
            if m.family == SINGLE and m.role == "either":
                continue  # a lone closing-side single mark with nothing open: apostrophe
            open_same.append(len(stack))
            stack.append(m)
            continue
        if not open_same:
            continue  # orphan closing mark (or a plural possessive)
        k = open_same[-1]
        opener = stack[k]
        del stack[k:]  # marks opened inside and never closed are orphans
        for indexes in open_at.values():
            while indexes and indexes[-1] >= k:
                indexes.pop()
        pairs.append((opener, m, stack[-1] if stack else None))
    return pairs, stack


def _outer_pairs(
    pairs: list[tuple[_Mark, _Mark, _Mark | None]], stack: list[_Mark], dropped: int
) -> list[tuple[_Mark, _Mark]]:
    """The outermost pairs once the bottom `dropped` marks of the stack are taken as orphans.

    A mark left at the bottom was opened on an empty stack and never chosen to close, so
    pairing again without it changes only which pairs are outermost: those that closed with
    nothing but such orphans beneath them. (Pairing again each time was quadratic.)
    """
    depth = {id(m): i for i, m in enumerate(stack)}
    return [
        (o, c) for o, c, top in pairs if top is None or depth.get(id(top), len(stack)) < dropped
    ]


def _starts_with_open(text: str, start: int, end: int, family: str) -> int | None:
    i = start
    while i < end and text[i] in " \t\r\n":
        i += 1
    if i < end and text[i] in "“„\"«‘'":
        m = _classify(text, i)
        if m is not None and m.family == family and m.role in ("open", "either"):
            return i + m.length
    return None


def _trimmed_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


# a newsletter's source after a quoted excerpt: `… electoral votes. [Gallup.]`
_SOURCE_TAG_RE = re.compile(r"\s*\[[^\[\]\n]{1,40}\]\.?$")


def _unclosed_end(text: str, p_end: int) -> int:
    """Where a quotation left open at the end of its paragraph ends: before the paragraph's
    trailing space and a bracketed source after it."""
    end = _trimmed_end(text, p_end)
    tag = _SOURCE_TAG_RE.search(text, max(0, end - 48), end)
    return _trimmed_end(text, tag.start()) if tag is not None else end


def _left_unclosed(text: str, orphan: _Mark, last_double: int, p_end: int) -> bool:
    """An opening double mark whose closing mark was forgotten at the end of its paragraph.

    `said Baron. “His candidacy has defied all conventions.` — the mark opens a sentence (or
    follows `said,` or a colon), nothing after it in the paragraph could close it, and the
    paragraph ends a sentence. Then the quotation runs to the paragraph's end.
    """
    if orphan.family != DOUBLE or orphan.role == "close":
        return False
    if last_double > orphan.pos:  # a double mark after it could close it
        return False
    line_start = text.rfind("\n", 0, orphan.pos) + 1
    before = text[line_start : orphan.pos].rstrip()
    if before and before[-1] not in ",:.!?”\"'":
        return False
    end = _unclosed_end(text, p_end)
    words = text[orphan.pos + orphan.length : end]
    last = words.rstrip("”’\"')")
    return (
        words[:1].isalnum()
        and len(words.split()) >= 4
        and last[-1:] in ".!?"
        and not last.endswith("..")  # a teaser cut short, not a finished sentence
    )


def _drop_orphans(
    text: str,
    opened: list[_Mark],
    nxt: tuple[int, int] | None,
    carry: tuple[_Mark | None, int],
    last_double: int,
    p_end: int,
) -> tuple[int, MarkSpan | None]:
    """How many marks at the bottom of the open stack never close (a mark the next
    paragraph reopens carries on), and the one quote left open by a typo, if any."""
    carried, carried_paras = carry
    unclosed: MarkSpan | None = None
    dropped = 0
    while dropped < len(opened) and not (
        nxt is not None and _starts_with_open(text, nxt[0], nxt[1], opened[dropped].family)
    ):
        # the bottom mark never closes: drop only that orphan
        orphan = opened[dropped]
        if unclosed is None and _left_unclosed(text, orphan, last_double, p_end):
            n = carried_paras if orphan is carried else 1
            end = _unclosed_end(text, p_end)
            unclosed = MarkSpan(orphan.pos, orphan.pos + orphan.length, end, end, DOUBLE, n, 0)
        dropped += 1
    return dropped, unclosed


def pair_marks(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[MarkSpan]:
    """Outermost quotations in `text`, paragraph by paragraph (spans as (start, end))."""
    spans: list[MarkSpan] = []
    carried: _Mark | None = None  # an opening mark continued from the previous paragraph
    carried_paras = 1
    for idx, (p_start, p_end) in enumerate(paragraphs):
        marks = _marks(text, p_start, p_end)
        # the continuation paragraph's own opening mark is not a new quotation
        if (
            carried is not None
            and marks
            and marks[0].family == carried.family
            and marks[0].role != "close"
        ):
            marks = marks[1:]
        every, opened = _pair_paragraph(text, marks, carried)
        last_double = max((m.pos for m in marks if m.family == DOUBLE), default=-1)
        nxt = paragraphs[idx + 1] if idx + 1 < len(paragraphs) else None
        dropped, unclosed = _drop_orphans(
            text, opened, nxt, (carried, carried_paras), last_double, p_end
        )
        if any(m is carried for m in opened[:dropped]):
            carried = None
        pairs = _outer_pairs(every, opened, dropped)
        stack = opened[dropped:]
        if unclosed is not None:
            # pairs after its opening mark are nested in it: only the outermost is reported
            pairs = [(o, c) for o, c in pairs if o.pos < unclosed.open_at]
            spans.append(unclosed)
        spans += [
            MarkSpan(
                opener.pos,
                opener.pos + opener.length,
                closer.pos,
                closer.pos,
                opener.family,
                carried_paras if carried is not None and opener is carried else 1,
                closer.length,
            )
            for opener, closer in pairs
        ]
        if stack:
            bottom = stack[0]
            carried_paras = (carried_paras if bottom is carried else 1) + 1
            carried = bottom
        else:
            carried = None
            carried_paras = 1
    spans.sort(key=lambda s: s.open_at)
    return spans
