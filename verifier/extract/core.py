"""`extract`: every attributed quotation of a document, with its speaker.

Order of work: pair the quote marks of the article's paragraphs; take out block quotes
(Markdown/HTML ones, and plain-text paragraphs introduced by an attributing line that ends
with a colon); attribute each remaining quotation from the words around it; give the
quotations no cue reaches the speaker of the quote they continue; drop the rest (scare
quotes, titles, names); resolve every speaker mention to a name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from verifier import wordlists
from verifier.extract import lexicon
from verifier.extract.attribution import (
    Attribution,
    after_quote,
    before_quote,
    intro_speaker,
    is_first_person,
    label_before,
    main_subject,
    naming_speaker,
    outer_speaker,
    speech_noun_speaker,
    subject_of_sentence,
)
from verifier.extract.cues import find_cues, is_strong, reports_speech
from verifier.extract.fragments import CHANT_RE, as_called, chant, message_title, reply
from verifier.extract.frames import (
    advocating_speaker,
    describing_speaker,
    possessive_speaker,
    remark_speaker,
)
from verifier.extract.marks import MarkSpan, pair_marks
from verifier.extract.phrases import Phrase, phrase_after, skip_space, tokens
from verifier.extract.rules import ATTRIBUTION, Rule
from verifier.extract.sentences import sentence_ends
from verifier.extract.speakers import Resolver, SpeakerEvent, head_of
from verifier.models import Document, Mention, Paragraph, ParagraphKind, Quote, QuoteKind

_SKIP_KINDS = frozenset({ParagraphKind.COMMENTS, ParagraphKind.CODE, ParagraphKind.HEADING})
_NAMING_RE = re.compile(
    r"\b(?:(?:a|an|the|group|party|program|plan|operation|movement|campaign|book|film|show|"
    r"bill|law|song|website|site|account|page) called|,\s*called(?:\s+(?:the|a|an))?|"
    r"dubbed|so-\s?called|known as|titled|"
    r"entitled|alias|aka|nicknamed|labell?ed|branded|designated(?: as)?|termed|the word|"
    r"the term|the phrase|the slogan|headline|hashtag|such as|named|coined|motto|banner of|"
    r"label)\s*$",
    re.IGNORECASE,
)
_WORDS_NAMED_RE = re.compile(
    r"\b(?:the (?:term|phrase|word)|be (?:termed|called|dubbed|labell?ed))\s*$", re.IGNORECASE
)
_SMALL = lexicon.words("small")
_OPENERS = lexicon.words("openers")
_LABELS = lexicon.words("labels")
_FIRST_PERSON = lexicon.words("first_person")
_TERMINAL = ".!?…"
LONG_PARTIAL = 5
SHORT_NEEDS_SPEAKER = 4
_TRANSCRIPT_LABEL_RE = re.compile(r"([A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+){0,3}):\s+(?=\S)")
_DASH_NAME_RE = re.compile(r"\s[-—–]\s*([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s*:\s*$")
_STAGE_DIRECTION_RE = re.compile(r"[(\[][^()\[\]]+[)\]][.,]?")
_SHOW_SLOT_RE = re.compile(
    r"\b(?:on|in|to|told|tells|telling)\s+(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*"
    r"(?:[’']s|(?<=S)[’'])\s+$"  # `on CNN’s`, `on CBS'`
    r"|\b(?:television|TV|radio)[’']s\s+$"  # `star of television’s “Scandal”`
    r"|\bepisode of\s+$"
)
# the words before a title of a work: `aired Monday on “New Day.”`, `the TV show “Shark
# Tank.”`, `roles in “Apollo 13,”`, `took the stage to “Eye of the Tiger.”`
_TITLE_SLOT_RE = re.compile(
    r"(?:\b(?:on|in|to|of|for|from|at|show|program|programme|series|film|movie|song|book|"
    r"album|novel|play|anthem|hit|titled|entitled)|\bperform|\btold)\s*,?\s*$",
    re.IGNORECASE,
)
# a work named by the title that follows it: `his new book, “…”`, `the movie “…”`, `the
# author of “…”`
_WORK_RE = re.compile(
    r"\b(?:book|memoir|novel|biography|movie|film|documentary|album|song)s?\s*,?\s*$"
    r"|\b(?:co-?)?authors? of\s+$"  # `a co-author of “Those Guys Have All the Fun: …”`
)
# a gloss: `Latin for “if you wish peace, prepare for war”` translates a term, nobody says
# it (but `spoke in Russian for “…”` is no gloss)
_GLOSS_RE = re.compile(
    r"(?<!\bin )\b(?:{})\s+for\s*,?\s*$".format("|".join(sorted(lexicon.words("glosses")))),
    re.IGNORECASE,
)
# a work's title of any length (a message's title is its sender's words: see fragments)
_TITLED_RE = re.compile(
    r"(?<!mail )(?<!mails )(?<!memo )(?<!message )(?<!letter )(?<!note )(?<!post )"
    r"(?<!tweet )(?<!text )\b(?:titled|entitled)\s*,?\s*$",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(r"\s*by\s+(?:the\s+)?[A-Z]")
_LINE_LABEL_RE = re.compile(r"\s*(?:[A-Z][A-Z’'&.,-]*(?:\s+[A-Z][A-Z’'&.,-]*)*\s*)?[—–-]?\s*")
_PASSIVE_RE = re.compile(r"\b(?:been|was|were|is|are|be|being)\s+$")
# a past participle, as a passive needs: `described`, `told`, `written` (not `shout`)
_PARTICIPLE_RE = re.compile(r"(?i)[a-z]+(?:ed|en|wn|ld|ught|aid|ung)")


# a block quote: its span, attribution, and the rules that found it and named its speaker
_Block = tuple[int, int, "Attribution | None", str, str]


@dataclass(slots=True)
class _Candidate:
    span: MarkSpan
    para: int
    att: Attribution | None = None
    not_words: bool = False  # a title or a stage direction: never anyone's words
    title: bool = False  # all its content words capitalised (set by `_attribute`)
    found_by: str = ""  # the rule that attributed it (`rules.py`)
    speaker_by: str = ""  # the rule that named its speaker


def _is_heading_like(text: str) -> bool:
    s = text.strip()
    if not s:
        return True
    if s[-1] in _TERMINAL + ':"”’)' or s.endswith("''"):
        return False
    if re.search(r"[.!?…][\"”’]?\s", s):
        return False  # a sentence ends inside: "“…itself.” — Franklin Roosevelt"
    return len(s.split()) <= 15 and "\n" not in s


def _title_case(words: list[str]) -> bool:
    """A title of a work or a name: all its content words capitalised."""
    content = [w.strip("‘’'\"“”(") for w in words if w.lower() not in _SMALL]
    content = [w for w in content if w[:1].isalpha()]
    if not content:
        return False
    caps = sum(1 for w in content if w[:1].isupper())
    return caps == len(content) or (len(content) >= 5 and caps >= 0.85 * len(content))


_QUOTED_CLOSE_RE = re.compile(r"[.!?,](?:''|[\"”’»])\s+\S")


def _quoted_line(fmt: str, text: str, p: Paragraph) -> bool:
    """A plain-text line taken for a heading that is a quotation and more:
    `''I don't think so,'' she said.` (TeX-style marks end no sentence for the loader)."""
    if fmt != "text" or p.kind != ParagraphKind.HEADING:
        return False
    return bool(_QUOTED_CLOSE_RE.search(text, p.start, p.end))


def _ends_terminal(s: str) -> bool:
    s = s.rstrip()
    return bool(s) and s[-1] in _TERMINAL + ",;:"


def extract(document: Document) -> list[Quote]:
    """Every attributed quotation of `document`, in text order."""
    text = document.text
    paras = list(document.paragraphs)
    usable = [
        i
        for i, p in enumerate(paras)
        if p.kind not in _SKIP_KINDS or _quoted_line(document.format, text, p)
    ]
    prose = _prose(document, paras, usable)
    blocks, block_paras, block_limits = _blocks(text, paras, usable)
    spans = pair_marks(text, [(paras[i].start, paras[i].end) for i in prose])
    spans = [turn for s in spans for turn in _transcript_turns(text, paras, s)]
    resolver = Resolver(
        text,
        [(paras[i].start, paras[i].end) for i in usable],
        [(s.open_at, s.close_at) for s in spans],
    )
    cands = [
        _Candidate(s, pi)
        for s, pi in ((s, _para_of(paras, s.start)) for s in spans)
        # quotes inside a block quote are part of it
        if not (pi in block_paras and s.open_at < block_limits.get(pi, paras[pi].end))
    ]
    sents = _Sentences(
        text,
        [(paras[i].start, paras[i].end) for i in prose],
        [(c.span.open_at, c.span.close_at) for c in cands],
    )
    _attribute(text, paras, cands, sents)
    _inherit(text, paras, cands, sents)
    return _quotes(text, resolver, cands, blocks)


def _quotes(
    text: str, resolver: Resolver, cands: list[_Candidate], blocks: list[_Block]
) -> list[Quote]:
    """The attributed quotations and block quotes as `Quote`s, in text order."""
    found: list[tuple[int, int, Attribution | None, QuoteKind, str, str]] = [
        (c.span.start, c.span.end, c.att, _kind(text, c.span, c.att), c.found_by, c.speaker_by)
        for c in cands
        if c.att
    ]
    found += [(a, b, att, QuoteKind.BLOCK, by, sp_by) for a, b, att, by, sp_by in blocks]
    found.sort(key=lambda t: t[0])
    return [
        replace(
            _quote(text, resolver, start, end, att, kind),
            found_by=by or None,
            speaker_by=(sp_by or None) if att is not None and att.speaker else None,
        )
        for start, end, att, kind, by, sp_by in found
    ]


def _prose(document: Document, paras: list[Paragraph], usable: list[int]) -> list[int]:
    """Paragraphs where marks are paired: no headings, comments, heading-like lines, and
    not the headline a plain-text article opens with."""
    text = document.text
    prose = [
        i
        for i in usable
        if not (
            paras[i].kind == ParagraphKind.TEXT
            and _is_heading_like(text[paras[i].start : paras[i].end])
        )
    ]
    first = next((i for i in usable if paras[i].kind == ParagraphKind.TEXT), None)
    if (
        first == 0
        and document.format == "text"
        and len(usable) > 1
        and _headline(text[paras[first].start : paras[first].end].strip())
    ):
        prose = [i for i in prose if i != first]
    return prose


def _headline(block: str) -> bool:
    """A short single line (or a headline and its subhead), that does not itself open
    with a quotation: how a plain-text article opens."""
    lines = block.split("\n")
    headline = lines[0].strip()
    return (
        len(lines) <= 2
        and len(headline.split()) <= 25
        and len(block.split()) <= 45
        and block[:1] not in "“\"‘'«„`"
        and (len(lines) == 1 or headline[-1:] not in ".!?\"”’'")
    )


def _quote(
    text: str, resolver: Resolver, start: int, end: int, att: Attribution | None, kind: QuoteKind
) -> Quote:
    """The Quote record, its speaker resolved (in text order, so resolution can look back)."""
    if att is None:
        return Quote(text[start:end], start, end, kind)
    cue = Mention(att.cue_text, att.cue_start, att.cue_end) if att.cue_text else None
    sp = att.speaker
    if sp is None:
        return Quote(text[start:end], start, end, kind, cue=cue)
    speaker = resolver.resolve(sp, min(sp.start, start))
    if speaker:
        head = head_of(sp)
        resolver.remember(
            SpeakerEvent(
                sp.start,
                resolver.paragraph_of(sp.start),
                speaker,
                sp.category != "nominal" or bool(head),
                head,
            )
        )
    mention = Mention(sp.text, sp.start, sp.end)
    named = resolver.named_in_sentence(sp, speaker) if speaker else None
    named = named or resolver.who_before(sp, start)
    if named is not None:
        mention = Mention(text[named[0] : named[1]], *named)
    return Quote(text[start:end], start, end, kind, speaker, mention, cue)


def _kind(text: str, span: MarkSpan, att: Attribution | None = None) -> QuoteKind:
    if att is not None and att.shape == "fragment":
        return QuoteKind.FRAGMENT
    body = text[span.start : span.end].strip()
    if body[:1].isupper() and (body[-1:] in _TERMINAL + ',"”’' or span.paragraphs > 1):
        return QuoteKind.FULL
    return QuoteKind.PARTIAL


class _Masks:
    """Spans of quoted text, for a fast "is this offset inside a quotation?"."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def covers(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.spans[k][1]


class _Sentences:
    """Sentence ends of the article outside quotations, found once, then looked up."""

    def __init__(
        self, text: str, spans: Sequence[tuple[int, int]], masks: Sequence[tuple[int, int]]
    ) -> None:
        ordered = sorted(masks)
        starts = [a for a, _ in ordered]
        ends: set[int] = set()
        for a, b in spans:
            for e in sentence_ends(text, a, b):
                if text[e : e + 3].lstrip()[:1] in "“\"‘'(" and not _term_opens(
                    text, e, ordered, starts
                ):
                    # a quote that opens a sentence keeps the sentence before it in reach:
                    # "Smith took the stage. “We will win.”" is Smith's
                    continue
                k = bisect.bisect_left(starts, e) - 1
                if k < 0 or e > ordered[k][1]:  # not inside a quotation
                    ends.add(e)
        self.ends = sorted(ends)

    def floor(self, lo: int, pos: int) -> int:
        """Start of the sentence that holds `pos`, no earlier than `lo`."""
        k = bisect.bisect_right(self.ends, pos) - 1
        return self.ends[k] if k >= 0 and self.ends[k] > lo else lo

    def limit(self, pos: int, hi: int) -> int:
        """End of the sentence that holds `pos`; a paragraph end ends it too."""
        k = bisect.bisect_right(self.ends, pos)
        return self.ends[k] if k < len(self.ends) and self.ends[k] <= hi else hi


# a quoted term as the subject of a copula or of a verb of meaning: `"Top secret" is …`
_TERM_COPULA_RE = re.compile(r"\s+(?:is|was|are|were|means|meant|refers|remains)\b")


def _term_opens(
    text: str, end: int, ordered: Sequence[tuple[int, int]], starts: Sequence[int]
) -> bool:
    """A quoted term that is the subject of the sentence it opens (`… in redacted form. "Top
    secret" is the highest level`): a few words and a copula after them, so no quote standing
    for a sentence, and the sentence before is out of its reach."""
    k = bisect.bisect_left(starts, end)
    if k >= len(ordered) or text[end : ordered[k][0]].strip():
        return False
    open_at, close_at = ordered[k]
    words = text[open_at:close_at].strip("“\"‘'` ")
    if len(words.split()) > 3 or words[-1:] in ",.!?;:…—-" or speaks_in_first_person(words):
        return False  # `“We will win,” he said`, `“We walked away” was all he said`: words said
    after = close_at + (2 if text.startswith("''", close_at) else 1)
    return _TERM_COPULA_RE.match(text, after) is not None


def _sentence_floor(text: str, lo: int, pos: int, masks: list[tuple[int, int]]) -> int:
    ends = [e for e in sentence_ends(text, lo, pos) if not any(a < e <= b for a, b in masks)]
    return ends[-1] if ends else lo


class _Ctx:
    """What the attribution rules read about one quotation, and what they decided so far."""

    def __init__(
        self,
        text: str,
        paras: Sequence[Paragraph],
        cands: list[_Candidate],
        n: int,
        sents: _Sentences,
        quoted: _Masks,
    ) -> None:
        self.text, self.paras, self.cands, self.n = text, paras, cands, n
        self.sents, self.quoted = sents, quoted
        c = self.c = cands[n]
        s = c.span
        p = self.p = paras[c.para]
        prev_close = cands[n - 1].span.after if n > 0 and cands[n - 1].para == c.para else p.start
        next_open = (
            cands[n + 1].span.open_at
            if n + 1 < len(cands) and cands[n + 1].para == c.para
            else p.end
        )
        # a multi-paragraph quote ends in a later paragraph
        close_para_end = paras[_para_of(paras, s.close_at)].end
        next_open = max(next_open, s.close_at) if next_open > s.close_at else close_para_end
        self.floor = max(prev_close, sents.floor(prev_close, s.open_at))
        self.limit = sents.limit(s.after, next_open)
        self.body = text[s.start : s.end]
        self.wc = len(self.body.split())
        c.title = _title_case(self.body.split())
        self.att: Attribution | None = None
        self.closing: Attribution | None = None  # a cue after the quote, kept as a last resort
        self.found_by = ""
        self.speaker_by = ""

    @property
    def s(self) -> MarkSpan:
        return self.c.span

    @cached_property
    def sent_floor(self) -> int:
        return self.sents.floor(self.p.start, self.s.open_at)

    @cached_property
    def before_text(self) -> str:
        return self.text[self.floor : self.s.open_at]

    @cached_property
    def naming(self) -> bool:
        return bool(_NAMING_RE.search(self.before_text.rstrip(" ,")))

    @cached_property
    def titleish(self) -> bool:
        return _reads_as_title(self.text, self.p.start, self.c, self.floor, self.body)

    @property
    def plain(self) -> bool:
        """Not a name or a title: the cue-before rules may look for a speaker."""
        return not self.naming and not self.titleish


Step = Callable[[_Ctx], "Attribution | bool | None"]


def _attribute(
    text: str, paras: Sequence[Paragraph], cands: list[_Candidate], sents: _Sentences
) -> None:
    """The engine: apply the rules of `rules.ATTRIBUTION`, in order, to every quotation."""
    quoted = _Masks([(c.span.open_at, c.span.after) for c in cands])
    for n, c in enumerate(cands):
        ctx = _Ctx(text, paras, cands, n, sents, quoted)
        for rule in ATTRIBUTION:
            if _apply(rule, _STEPS[rule.name], ctx):
                break
        c.att, c.found_by, c.speaker_by = ctx.att, ctx.found_by, ctx.speaker_by


def _apply(rule: Rule, step: Step, ctx: _Ctx) -> bool:
    """Apply one rule; True when it ends the table for this quotation."""
    if rule.kind == "skip":
        ctx.c.not_words = bool(step(ctx))
        return ctx.c.not_words
    if rule.kind == "find":
        if ctx.att is not None and (ctx.att.speaker is not None or not rule.names):
            return False
        found = step(ctx)
        if isinstance(found, Attribution) and (ctx.att is None or found.speaker is not None):
            ctx.att, ctx.found_by = found, rule.name
            ctx.speaker_by = rule.name if found.speaker is not None else ""
            return rule.final
        return False
    if ctx.att is None:
        return False
    if rule.kind == "veto":
        if step(ctx):
            ctx.att, ctx.found_by, ctx.speaker_by = None, "", ""
        return False
    new = step(ctx)
    if isinstance(new, Attribution) and new != ctx.att:
        if rule.kind == "replace":
            ctx.found_by = rule.name
        if new.speaker != ctx.att.speaker:
            ctx.speaker_by = rule.name if new.speaker is not None else ""
        ctx.att = new
    return False


def _transcript_label(ctx: _Ctx) -> Attribution | None:
    s = ctx.s
    label = _TRANSCRIPT_LABEL_RE.match(ctx.text, s.start, s.end)
    if label is None:
        return None
    name = Phrase(label.group(1), label.start(1), label.end(1), "name")
    ctx.c.span = replace(s, start=label.end())
    return Attribution(name, ":", label.end(1), label.end(1) + 1, "label")


def _owned_fragment(ctx: _Ctx) -> Attribution | None:
    s, text = ctx.s, ctx.text
    return (
        as_called(text, s.after, ctx.limit)
        or message_title(text, ctx.floor, s.open_at, ctx.sent_floor)
        or reply(text, ctx.floor, s.open_at)
    )


def _chant(ctx: _Ctx) -> Attribution | None:
    return chant(ctx.text, ctx.floor, ctx.s.open_at)


def _cue_after(ctx: _Ctx) -> Attribution | None:
    att = after_quote(ctx.text, ctx.s.after, ctx.limit, ctx.body.rstrip().endswith("."))
    if att is not None and att.shape == "closing":
        ctx.closing = att  # the last resort: a cue before the quote comes first
        return None
    return att


def _naming(ctx: _Ctx) -> Attribution | None:
    if ctx.wc > 8:
        return None
    att = naming_speaker(ctx.text, ctx.floor, ctx.s.open_at)
    return _outer(ctx.text, ctx.sent_floor, att, ctx.quoted) if att is not None else None


def _describing(ctx: _Ctx) -> Attribution | None:
    return describing_speaker(ctx.text, ctx.floor, ctx.s.open_at) if ctx.wc <= 8 else None


def _term_not_words(ctx: _Ctx) -> bool:
    att, body, wc = ctx.att, ctx.body, ctx.wc
    assert att is not None
    spoken_title = (
        # `“Nusra is Al Qaeda,” Mr. Kerry said`: a comma inside the marks and a speaker
        # after them make capitalised words a sentence, not a title
        att.shape in ("after", "dash")
        and ctx.titleish
        and not ctx.naming
        and wc >= 2
        and body.rstrip().endswith(",")
        and _opens_sentence(ctx.text, ctx.p.start, ctx.s)  # not `In his book, “Make …,” he`
    )
    return not spoken_title and (
        ((ctx.titleish or ctx.naming) and body.rstrip()[-1:] not in _TERMINAL)
        or (wc == 1 and not _ends_terminal(body) and not _closes_its_sentence(ctx, att))
    )


def _closes_its_sentence(ctx: _Ctx, att: Attribution) -> bool:
    """`… knowing each other “casually” from the mosque, said the director`: a lower-case
    word in a sentence closed by its cue is the speaker's, as with `closing-cue`."""
    between = ctx.text[ctx.s.after : att.cue_start]
    return (
        ctx.body[:1].islower()
        and att.cue_start > ctx.s.after
        and len(between.split()) >= 2
        and between.rstrip().endswith(",")
        and re.search(r"[.;:!?“”\"()]", between) is None
    )


def _said_before_according(ctx: _Ctx) -> Attribution | None:
    """`Jones said the deal was “dead,” according to the report`: the report is where the
    words were read, Jones the one who said them."""
    assert ctx.att is not None
    if not ctx.att.cue_text.lower().startswith("according"):
        return None
    said = before_quote(ctx.text, ctx.floor, ctx.s.open_at, ctx.wc, ctx.sent_floor)
    if said is None or said.speaker is None:
        return None
    colon = ctx.before_text.rstrip().endswith(":")
    return said if colon or reports_speech(said.cue_text) else None


def _split(ctx: _Ctx) -> Attribution | None:
    n, cands = ctx.n, ctx.cands
    if n > 0 and cands[n - 1].para == ctx.c.para:
        return _split_from(ctx.text, cands[n - 1], ctx.s)
    return None


def _label(ctx: _Ctx) -> Attribution | None:
    return label_before(ctx.text, ctx.floor, ctx.s.open_at) if ctx.plain else None


def _cue_before(ctx: _Ctx) -> Attribution | None:
    if ctx.titleish or (ctx.naming and not _words_named(ctx)):
        return None
    att = before_quote(ctx.text, ctx.floor, ctx.s.open_at, ctx.wc, ctx.sent_floor)
    if ctx.naming and (att is None or not reports_speech(att.cue_text)):
        return None  # `a group called “…”`; but `X acknowledged that … could be termed “…”`
    return att


def _words_named(ctx: _Ctx) -> bool:
    """`using the term “superpredator”`, `could be termed “influence peddling”`: words a
    say-verb's subject may be reporting (never `so-called`, nor `designated as “…”`)."""
    return ctx.body[:1].islower() and bool(_WORDS_NAMED_RE.search(ctx.before_text))


def _second(ctx: _Ctx) -> Attribution | None:
    if not ctx.plain or ctx.sent_floor >= ctx.floor:
        return None
    return _second_of_sentence(ctx.text, ctx.cands, ctx.n, ctx.quoted, ctx.sent_floor)


def _possessive(ctx: _Ctx) -> Attribution | None:
    if not ctx.plain or ctx.wc > 8:
        return None
    return possessive_speaker(ctx.text, ctx.floor, ctx.s.open_at)


def _remark(ctx: _Ctx) -> Attribution | None:
    if not ctx.plain or ctx.wc > 8:
        return None
    return remark_speaker(ctx.text, ctx.floor, ctx.s.open_at, ctx.s.after)


def _advocating(ctx: _Ctx) -> Attribution | None:
    if not ctx.plain or ctx.wc > 8:
        return None
    return advocating_speaker(ctx.text, ctx.floor, ctx.s.open_at)


def _colon(ctx: _Ctx) -> Attribution | None:
    before = ctx.before_text.rstrip()
    if not ctx.plain or not before.endswith(":"):
        return None
    colon = ctx.floor + len(before) - 1
    return _after_colon(ctx.text, ctx.floor, colon, ctx.sent_floor, ctx.wc)


def _intro_line(ctx: _Ctx) -> Attribution | None:
    if not ctx.plain or ctx.floor != ctx.p.start or ctx.before_text.strip():
        return None
    return _from_intro(ctx.text, ctx.paras, ctx.c.para)


def _fronted(ctx: _Ctx) -> Attribution | None:
    att = ctx.att
    if att is None or att.speaker is not None or att.shape != "before":
        return None
    return _fronted_participle(ctx.text, att, ctx.s, ctx.body, ctx.sent_floor, ctx.limit)


def _outer_cue(ctx: _Ctx) -> Attribution | None:
    att = ctx.att
    if att is None or att.shape not in ("before", "naming"):
        return None
    return _outer(ctx.text, ctx.sent_floor, att, ctx.quoted)


def _passive_cue(ctx: _Ctx) -> Attribution | None:
    att = ctx.att
    if (
        att is None
        or att.shape != "before"
        or not _PASSIVE_RE.search(ctx.text[max(ctx.floor, att.cue_start - 12) : att.cue_start])
        or not _PARTICIPLE_RE.fullmatch(att.cue_text.split()[0])  # not `was shout “…”`
    ):
        return None
    return _passive(ctx.text, att, ctx.s, ctx.limit, ctx.body)


def _closing(ctx: _Ctx) -> Attribution | None:
    """The sentence's closing cue: what it reports in quote marks is the speaker's words,
    a single lower-case word too (`The FBI made a “mistake” …, Comey has said.`); but a
    capitalised word is a name or a title (`the “Encuentro” prison is full, he said.`)."""
    if ctx.closing is None or ctx.titleish or ctx.naming:
        return None
    one_term = ctx.wc == 1 and not _ends_terminal(ctx.body) and not ctx.body[:1].islower()
    return None if one_term else ctx.closing


def _orphan(ctx: _Ctx) -> Attribution | None:
    s, text = ctx.s, ctx.text
    long_enough = (
        _sentence_like(ctx.body, text, s)
        or (ctx.wc >= LONG_PARTIAL and not ctx.naming)
        or (ctx.wc >= 2 and speaks_in_first_person(ctx.body))
    )
    if not long_enough or ctx.titleish:
        return None
    # a whole sentence in quote marks, or a long fragment, is someone's words even
    # with no cue in sight; a fragment belongs to the subject of its sentence
    subject = None
    if text[ctx.sent_floor : s.open_at].strip():
        subject = subject_of_sentence(text, ctx.sent_floor, s.open_at)
    if subject is not None and _opener_not_subject(text, subject):
        subject = None
    return Attribution(subject, "", s.after, s.after, "orphan")


def speaks_in_first_person(body: str) -> bool:
    """Quoted words that say `I`, `my` or `we` (`win my engraved shotgun!`) are somebody's:
    a scare quote or a term never speaks in the first person. `US` in capitals is a country,
    and an `I` before a capital an Italian article (`I Cavalieri dello Zodiaco`)."""
    words = re.findall(r"[A-Za-z]+(?:['’][a-z]+)?", body)
    for word, nxt in zip(words, [*words[1:], ""], strict=False):
        if word == "I" and nxt[:1].isupper():
            continue
        if (word == "I" or not word.isupper()) and word.replace("’", "'").lower() in _FIRST_PERSON:
            return True
    return False


def _opener_not_subject(text: str, sp: Phrase) -> bool:
    """A lone word opening the sentence that is no one: an adverb or a conjunction
    (`Specifically, “…”`, `Moreover, …`, `Nevertheless`), a caption's label (`Video: “…”`),
    or a gerund (`Doing so “…”`).
    A name before its comma (`Grisham, by her own accounting, has given “…”`) stays."""
    word = sp.text.lower()
    if " " in word or sp.category == "pronoun":
        return False
    if len(word) == 1:
        return True  # a lone capital letter opening a sentence (Russian `В`, a list's `A`)
    if word in _OPENERS or word in _LABELS or word.endswith(("ly", "ing", "less", "over")):
        return True
    return _common_word_opening(text, sp)


# How often an English word must be written to be taken for a word, not a name, when it
# opens a sentence: wordfreq's Zipf scale, where 5.5 is about once in 3,000 words (`good`
# 6.1, `first` 6.1, `white` 5.5). Surnames in the news sit below it (`smith` 4.9, `trump` 4.9,
# `young` 5.4): a name is never taken for a word by this alone.
_COMMON_ZIPF = 5.5
_SENTENCE_BEFORE = frozenset('.!?"“”\n:)]')
# How far around the word the text is searched for it (an article's worth of characters).
_NEAR = 6000


def _common_word_opening(text: str, sp: Phrase) -> bool:
    """A capitalised common word opening its sentence (`Good information …`, `Guns are …`,
    Portuguese `Quando você …`) is the language's own word, not a name. Common: the text
    around it writes it in lower case, or it is frequent English. A word the text also
    capitalises inside a sentence is a name (`Cross called …` after `Ted Cross`); an
    acronym (`UN`) is one too."""
    word = re.sub(r"(?:['’]s|['’])$", "", sp.text)
    if not word[:1].isupper() or word.isupper() or not _word_opens_sentence(text, sp.start):
        return False
    lo, hi = max(0, sp.start - _NEAR), sp.start + _NEAR  # bounded: cost per quote, not per text
    bounded = r"(?<![\w-]){}(?![\w-])"
    for found in re.compile(bounded.format(re.escape(word))).finditer(text, lo, hi):
        if found.start() != sp.start and not _word_opens_sentence(text, found.start()):
            return False  # capitalised inside a sentence: a name
    if re.compile(bounded.format(re.escape(word.lower()))).search(text, lo, hi):
        return True
    # wordfreq's list, loaded on first need (~1 s) into the compact table the matcher uses
    return wordlists.zipf_en(word.lower()) >= _COMMON_ZIPF


def _word_opens_sentence(text: str, at: int) -> bool:
    before = text[max(0, at - 40) : at].rstrip()
    return not before or before[-1] in _SENTENCE_BEFORE


def _not_words(ctx: _Ctx) -> bool:
    return _never_words(ctx.text, ctx.p.start, ctx.c, ctx.floor, ctx.body) or _listed_title(ctx)


def _listed_title(ctx: _Ctx) -> bool:
    """A title listed right after a title (`roles in “How the Grinch …,” “Apollo 13,” and
    “Austin Powers …”`) is one too."""
    prev = ctx.cands[ctx.n - 1] if ctx.n > 0 else None
    return (
        prev is not None
        and prev.not_words
        and prev.title
        and ctx.c.title
        and re.fullmatch(r"[\s,]*(?:and|or)?\s*", ctx.text[prev.span.after : ctx.s.open_at])
        is not None
    )


_STEPS: dict[str, Step] = {
    "nobody-s-words": _not_words,
    "transcript-label": _transcript_label,
    "owned-fragment": _owned_fragment,
    "cue-after": _cue_after,
    "signoff-below": lambda ctx: _signoff_below(ctx.text, ctx.paras, ctx.c.para, ctx.s.after),
    "naming": _naming,
    "describing": _describing,
    "term-not-words": _term_not_words,
    "said-before-according-to": _said_before_according,
    "split-quote": _split,
    "label-before": _label,
    "cue-before": _cue_before,
    "second-of-sentence": _second,
    "possessive": _possessive,
    "advocating": _advocating,
    "remark": _remark,
    "chant": _chant,
    "colon": _colon,
    "intro-line": _intro_line,
    "fronted-participle": _fronted,
    "outer-speaker": _outer_cue,
    "passive": _passive_cue,
    "closing-cue": _closing,
    "orphan": _orphan,
}


def _split_from(text: str, prev: _Candidate, s: MarkSpan) -> Attribution | None:
    """The attribution a quote shares with the one before it, when it splits them.

    `“A,” Dylan Nelson, a fellow at the institute in Munich, Germany, said in a statement.
    “B.”`: the cue after A, then a few words and a full stop or comma, then B.
    """
    att = prev.att
    if att is None or att.speaker is None or att.shape != "after":
        return None
    if not prev.span.after <= att.cue_start < s.open_at:
        return None
    tail = text[att.cue_end : s.open_at]
    if not re.fullmatch(r"[^“”\"\n]{0,60}?[.,:]\s*", tail):
        return None
    if find_cues(text, att.cue_end, s.open_at):
        return None  # `“A,” Mrs. Clinton said. She added: “B”`: B has its own cue
    return att


def _never_words(text: str, para_start: int, c: _Candidate, floor: int, body: str) -> bool:
    """Quoted text that is nobody's words, whatever cue stands near it."""
    s = c.span
    if not body.split() or _STAGE_DIRECTION_RE.fullmatch(body.strip()):
        return True  # `"(CROSSTALK.)`: the transcript's note
    if CHANT_RE.search(text, max(floor, s.open_at - 30), s.open_at):
        return False  # `chants of “Marco! Marco!”`: a crowd's words, not a title
    if (
        len(body.split()) <= 3
        and re.search(r"(?:[’']s|s[’'])$", body.strip())
        and re.match(r"\s+[a-z]", text[s.after : s.after + 3])
    ):
        return True  # `to keep the “whistleblower’s” identity secret`: a term as an owner
    if _headline_with_byline(text, para_start, s, body):
        return True
    if _GLOSS_RE.search(text, max(floor, s.open_at - 30), s.open_at):
        return True  # `“Do svidaniya!” - Russian for “goodbye.”`: a translation
    if not c.title:
        return False
    if _WORK_RE.search(text, max(floor, s.open_at - 30), s.open_at):
        return True  # `Trump's new book, “Crippled America: How to …,”`: a work's title
    if _TITLED_RE.search(text, max(floor, s.open_at - 60), s.open_at) or (
        body.rstrip().endswith(",") and _BYLINE_RE.match(text, s.after)
    ):
        return True  # `an article titled “…”`, `According to “The Trumps: …,” by Gwenda Blair`
    if _SHOW_SLOT_RE.search(text, max(floor, s.open_at - 80), s.open_at):
        return True  # `said on CNN’s “State of the Union.”`: a programme's title
    return (
        # `aired Monday on “New Day.”`, `the TV show “Shark Tank.”`: a title of a work
        len(body.split()) <= 6
        and body.rstrip()[-1:] in ".,"
        and not _opens_sentence(text, para_start, s)
        and bool(_TITLE_SLOT_RE.search(text, max(floor, s.open_at - 40), s.open_at))
    )


def _headline_with_byline(text: str, para_start: int, s: MarkSpan, body: str) -> bool:
    """`—“Met accused of whitewashing baby Jesus,” by Post's Kathianne Boniello`: the
    headline of a piece, opening its line (after a label and a dash, maybe), is a title."""
    if not body.rstrip().endswith(",") or not _BYLINE_RE.match(text, s.after):
        return False
    lead = text[para_start : s.open_at]
    return _LINE_LABEL_RE.fullmatch(lead.rsplit("\n", 1)[-1]) is not None


def _reads_as_title(text: str, para_start: int, c: _Candidate, floor: int, body: str) -> bool:
    """Capitalised words that name something (a title, a nickname), not a sentence said."""
    s = c.span
    wc = len(body.split())
    if not c.title or (wc > 6 and _ends_terminal(body)):
        return False
    if wc == 1 and _ends_terminal(body):
        return False  # “Okay,” I said: a one-word answer, not a name
    end = body.rstrip()[-1:]
    if end in _TERMINAL and _opens_sentence(text, para_start, s):
        return False  # `…,” the president added. “We’re America.”`: an utterance
    # `She declared “What a Super Tuesday!”`: an exclamation
    return not (end in "!?" and _cue_right_before(text, floor, s.open_at))


def _second_of_sentence(
    text: str, cands: list[_Candidate], n: int, quoted: _Masks, sent_floor: int
) -> Attribution | None:
    """A second quote of a sentence: the cue stands before the first one.

    `Sanders said on ABC's “This Week” that he would “take a look”`; but a cue inside the
    first quote attributes nothing, and an item of a list takes the list's attribution
    (`rated … as “false” or “pants on fire”`).
    """
    s = cands[n].span
    wc = len(text[s.start : s.end].split())
    att = before_quote(text, sent_floor, s.open_at, wc, sent_floor)
    if att is not None and quoted.covers(att.cue_start):
        return None  # `“Every time you say that,” Tester said, “…”`
    prev = cands[n - 1].att if n > 0 else None
    if (
        att is not None
        and prev is not None
        and prev.speaker is not None
        and re.fullmatch(
            r"[\s,]*(?:and|or|as well as|but not|nor)?[\s,]*",
            text[cands[n - 1].span.after : s.open_at],
        )
    ):
        return prev
    return att


def _after_colon(text: str, floor: int, colon: int, sent_floor: int, wc: int) -> Attribution | None:
    """The speaker of a quote introduced by a colon in its own sentence."""
    signed = _DASH_NAME_RE.search(text, floor, colon + 1)
    if signed is not None:
        # `HEADLINE IN CAPITALS - David Wasserman: “…”`: the name after the dash
        a, b = signed.span(1)
        return Attribution(Phrase(text[a:b], a, b, "name"), ":", colon, colon + 1, "colon")
    if text[sent_floor:colon].strip().lower() in _LABELS:
        return None  # `Video: “We got her!”`: a caption's label, nobody's name
    att = speech_noun_speaker(text, floor, colon)
    if att is None and wc >= 3:
        # "Perez lobbies for a higher minimum wage: “…”": the sentence's subject
        subject = main_subject(text, sent_floor, colon)
        att = Attribution(subject, ":", colon, colon + 1, "colon")
    return att


def _passive(text: str, att: Attribution, s: MarkSpan, limit: int, body: str) -> Attribution:
    """A passive cue's speaker is its by-agent, or nobody for a short fragment."""
    by = re.match(r"[\s,]*by\s+", text[s.after : limit])
    agent = phrase_after(text, s.after + by.end(), limit) if by else None
    if agent is not None:
        # "has been accused … of “crimes …” by Amnesty International"
        return Attribution(agent, att.cue_text, att.cue_start, att.cue_end, "passive")
    if (
        len(body.split()) < LONG_PARTIAL
        # a sentence's full stop inside the marks (`was decried as “shoddy.”`) makes no
        # short fragment a sentence of its own
        and (not _ends_terminal(body) or len(body.split()) <= 4)
        and not att.cue_text.lower().endswith("ing")  # "is telling" is active
    ):
        # "The region has long been described as “…”": described by whom?
        return Attribution(None, att.cue_text, att.cue_start, att.cue_end, "passive")
    return att


_FRONTED_RE = re.compile(r"\s*(?:After|Before|While|Upon|Since|By|When)\s+$")


def _fronted_participle(
    text: str, att: Attribution, s: MarkSpan, body: str, sent_floor: int, limit: int
) -> Attribution | None:
    """`After saying her foot was “so swollen …,” she was whisked off`: the clause after.

    A participle that opens its sentence behind `After`, `While` … has the subject of the
    main clause that follows it, past the next comma (often the one inside the marks).
    """
    if not att.cue_text.lower().endswith("ing") or len(body.split()) < 4:
        return None  # (`Since declaring a “state of war”, the army …`: a term)
    if not _FRONTED_RE.fullmatch(text[sent_floor : att.cue_start]):
        return None
    start = s.after
    if not body.rstrip().endswith(","):
        comma = re.match(r"[^.;:!?“”\"—–]{0,80}?,\s+", text[s.after : limit])
        if comma is None:
            return None
        start = s.after + comma.end()
    sp = phrase_after(text, skip_space(text, start, limit), limit)
    # the main clause's subject, then its verb: `she was whisked`, not `X and the unions`
    if sp is None or not re.match(r"\s+(?!and\b|or\b)[a-z]", text[sp.end : limit]):
        return None
    return Attribution(sp, att.cue_text, att.cue_start, att.cue_end, "before")


def _transcript_turns(text: str, paras: Sequence[Paragraph], span: MarkSpan) -> list[MarkSpan]:
    """A quoted transcript running over paragraphs, cut into one quotation per speaker turn.

    `"WALLACE: Do you …?` / `"PENCE: Well, look, …`: each paragraph that opens with a
    capitalised label starts a turn; the label itself is not part of the words.
    """
    if span.paragraphs < 2 or not _TRANSCRIPT_LABEL_RE.match(text, span.start, span.end):
        return [span]
    starts: list[int] = []
    ends: list[int] = []  # where each turn's words end: before a stage direction or the next label
    for i in range(_para_of(paras, span.start), _para_of(paras, span.close_at) + 1):
        p = paras[i]
        a = max(p.start, span.start)
        while a < span.end and text[a] in "“\"‘'« \t\n":
            a += 1
        words = text[a : min(p.end, span.end)].strip().rstrip("”\"’'")
        if _TRANSCRIPT_LABEL_RE.match(text, a, span.end):
            if starts and len(ends) < len(starts):
                ends.append(len(text[: paras[i - 1].end].rstrip("“\"‘'« \t\n")))
            starts.append(a)
        elif starts and len(ends) < len(starts) and _STAGE_DIRECTION_RE.fullmatch(words):
            # `"(CROSSTALK.)`: the turn before it has ended
            ends.append(len(text[: paras[i - 1].end].rstrip("“\"‘'« \t\n")))
    turns = []
    for k, a in enumerate(starts):
        if k < len(ends):
            b = ends[k]
            turns.append(replace(span, open_at=a, start=a, end=b, close_at=b, close_len=0))
        else:
            turns.append(replace(span, open_at=a, start=a))
    return turns


def _outer(text: str, sent_floor: int, att: Attribution, quoted: _Masks) -> Attribution:
    """`outer_speaker`, never from a cue inside a quotation (`“Every time you say that,”`)."""
    outer = outer_speaker(text, sent_floor, att)
    return att if outer is None or quoted.covers(outer.cue_start) else outer


def _opens_sentence(text: str, para_start: int, span: MarkSpan) -> bool:
    """The quotation stands at the start of its paragraph or right after a full stop."""
    end = span.open_at  # read back from the mark: slicing the paragraph was quadratic
    while end > para_start and text[end - 1].isspace():
        end -= 1
    if end == para_start:
        return True
    while end > para_start and text[end - 1] in "\"”’'":
        end -= 1
    return end > para_start and text[end - 1] in ".!?…"


def _cue_right_before(text: str, floor: int, open_at: int) -> bool:
    """A cue verb stands right before the opening mark (`declared “…”`, `tweeted: “…”`)."""
    cues = find_cues(text, floor, open_at)
    return bool(cues) and not text[cues[-1].end() : open_at].strip(" ,:\n")


def _sentence_like(body: str, text: str, span: MarkSpan) -> bool:
    b = body.strip()
    if len(b.split()) < 4 or not (b[:1].isupper() or b[:1] in "[("):
        return False
    return b[-1:] in _TERMINAL or text[span.after : span.after + 1] in (".", "?", "!")


def _para_of(paras: Sequence[Paragraph], pos: int) -> int:
    """Index of the paragraph holding `pos` (paragraphs are in text order)."""
    lo, hi = 0, len(paras)
    while lo < hi:
        mid = (lo + hi) // 2
        if paras[mid].start <= pos:
            lo = mid + 1
        else:
            hi = mid
    return max(lo - 1, 0)


def _from_intro(text: str, paras: Sequence[Paragraph], pi: int) -> Attribution | None:
    """A quote opening a paragraph after a line that ends with a colon."""
    if pi == 0:
        return None
    prev = paras[pi - 1]
    body = text[prev.start : prev.end].rstrip()
    if not body.endswith(":"):
        return None
    colon = prev.start + len(body) - 1
    floor = _sentence_floor(text, prev.start, colon, [])
    return intro_speaker(text, floor, colon)


_SIGNOFF_RE = re.compile(r"\s*[-—–―]{1,2}\s*(?=[A-Z])")


def _signoff_below(
    text: str, paras: Sequence[Paragraph], pi: int, after: int
) -> Attribution | None:
    """A quote that ends its paragraph, signed on the next line: `“…”` / `- Bernie Sanders.`"""
    from verifier.extract.phrases import phrase_after

    p = paras[pi]
    if text[after : p.end].strip(" .") or pi + 1 >= len(paras):
        return None
    nxt = paras[pi + 1]
    dash = _SIGNOFF_RE.match(text, nxt.start, nxt.end)
    if dash is None:
        return None
    sp = phrase_after(text, dash.end(), nxt.end)
    if sp is None or sp.category != "name":
        return None
    rest = text[sp.end : nxt.end].strip()
    if rest and not rest.startswith((",", ".", "(")) and not re.match(r"(?:on|in|at)\s", rest):
        # "- Bernie Sanders, Vermont." and "— David McKinley on Sunday, October 13th, 2019
        # in an article", but not a sentence that starts with a dash
        return None
    return Attribution(sp, dash.group().strip(), dash.start(), dash.end(), "dash")


def _speaker_of(c: _Candidate) -> bool:
    return c.att is not None and c.att.speaker is not None


def _inherit(
    text: str, paras: Sequence[Paragraph], cands: list[_Candidate], sents: _Sentences
) -> None:
    """Quotations without a speaker of their own take the speaker of the quote they continue.

    - `“A” and “B,” she said`: a quote in the same sentence as an attributed one;
    - `“A,” she said. “B.”` and a paragraph that is only a quote: the previous speaker;
    - a quote-only paragraph after one that names a person: that person.
    """
    quoted = _Masks([(c.span.open_at, c.span.after) for c in cands])
    for _ in range(2):
        spoken = {o.para for o in cands if _speaker_of(o)}
        for n, c in enumerate(cands):
            if (
                c.not_words
                or _speaker_of(c)
                or (c.att is None and not _may_inherit(text, paras, cands, n))
            ):
                continue
            _inherit_one(text, paras, cands, n, spoken, quoted, sents)
    for c in cands:
        _settle(text, paras, c)


def _inherit_one(
    text: str,
    paras: Sequence[Paragraph],
    cands: list[_Candidate],
    n: int,
    spoken: set[int],
    quoted: _Masks,
    sents: _Sentences,
) -> None:
    """The speaker of the paragraph before (reported words), else of the quote continued."""
    c = cands[n]
    p = paras[c.para]
    intro = _colon_intro(text, paras, c, sents)
    if intro is not None:
        c.att, c.speaker_by = intro, "previous-paragraph-intro"
        c.found_by = c.found_by or c.speaker_by
        return
    if not text[p.start : c.span.open_at].strip() and c.para - 1 not in spoken:
        ctx = _indirect_before(text, paras, c, quoted)
        if ctx is not None:
            c.att, c.speaker_by = ctx, "previous-paragraph-report"
            c.found_by = c.found_by or c.speaker_by
            return
    donor = _donor(text, paras, cands, n)
    if donor is not None and donor.att is not None:
        cue = c.att or donor.att
        c.att = Attribution(
            donor.att.speaker, cue.cue_text, cue.cue_start, cue.cue_end, "inherited"
        )
        c.found_by, c.speaker_by = c.found_by or "continuation", "continuation"


def _colon_intro(
    text: str, paras: Sequence[Paragraph], c: _Candidate, sents: _Sentences
) -> Attribution | None:
    """A quote-only paragraph introduced by the paragraph before, whose last sentence ends
    in a colon: that sentence's subject (`He then listed the qualities a nominee needs:`)."""
    p = paras[c.para]
    if c.para == 0 or text[p.start : c.span.open_at].strip():
        return None
    prev = paras[c.para - 1]
    body = text[prev.start : prev.end].rstrip()
    if not body.endswith(":"):
        return None
    colon = prev.start + len(body) - 1
    subject = main_subject(text, sents.floor(prev.start, colon), colon)
    if (
        subject is None
        or subject.category == "nominal"  # `The rationale these liars use is …:`
        or text[subject.end : subject.end + 1] == ","  # `Wait, it gets better:`
    ):
        return None
    return Attribution(subject, ":", colon, colon + 1, "intro")


def _settle(text: str, paras: Sequence[Paragraph], c: _Candidate) -> None:
    """Last chances for a quote with no speaker: the subject of the paragraph before, or
    no quote at all (a coordinated cue with no subject; a short phrase nobody said)."""
    if c.att is not None and c.att.speaker is None and c.att.shape in ("orphan", "colon"):
        p = paras[c.para]
        before = text[p.start : c.span.open_at]
        if not before.strip() and c.para > 0:
            prev = paras[c.para - 1]
            att = _subject_of_last_sentence(text, prev.start, prev.end)
            if att is not None:
                c.att, c.speaker_by = att, "previous-paragraph-subject"
    if c.att is not None and c.att.speaker is None and c.att.shape == "coordinated":
        c.att, c.found_by = None, ""
    if (
        c.att is not None
        and c.att.speaker is None
        and c.att.shape != "chant"  # a crowd's words need no name
        and len(text[c.span.start : c.span.end].split()) < SHORT_NEEDS_SPEAKER
    ):
        c.att, c.found_by = None, ""  # a short phrase nobody is said to have said: a term


def _may_inherit(text: str, paras: Sequence[Paragraph], cands: list[_Candidate], n: int) -> bool:
    """An unattributed quote in a list with an attributed one: `a “loser,” a “liar”`.

    Not a title (`said on ABC’s “This Week” that he would “take a look”`).
    """
    c = cands[n]
    body = text[c.span.start : c.span.end]
    prev = cands[n - 1] if n > 0 else None
    names_listed = (
        prev is not None
        and prev.att is not None
        and prev.att.shape in ("naming", "describing")
        and prev.para == c.para
        and re.fullmatch(r"[\s,]*(?:and|or)\s*", text[prev.span.after : c.span.open_at])
    )
    if c.title and not _ends_terminal(body) and not names_listed:
        return False  # but `called him “Little Marco” and “Lyin’ Ted”` lists two of his names
    for m in (n - 1, n + 1):
        if 0 <= m < len(cands) and cands[m].para == c.para and _speaker_of(cands[m]):
            a, b = sorted((c.span.after, cands[m].span.after))
            lo = min(c.span.close_at, cands[m].span.close_at) + 1
            hi = max(c.span.open_at, cands[m].span.open_at)
            between = text[lo:hi]
            del a, b
            if len(between.split()) <= 4 and not re.search(r"[.!?;]", between):
                return True
    return False


def _donor(
    text: str, paras: Sequence[Paragraph], cands: list[_Candidate], n: int
) -> _Candidate | None:
    c = cands[n]
    prev = cands[n - 1] if n > 0 else None
    nxt = cands[n + 1] if n + 1 < len(cands) else None
    for other in (prev, nxt):
        if other is None or other.para != c.para or not _speaker_of(other):
            continue
        lo = min(c.span.close_at, other.span.close_at) + 1
        hi = max(c.span.open_at, other.span.open_at)
        if hi - lo <= 80 and not re.search(r"[.!?]\s", text[lo:hi]):
            return other  # same sentence
    k = n - 1
    while k >= 0 and not _speaker_of(cands[k]):
        k -= 1
    if k < 0:
        return None
    donor = cands[k]
    if donor.att is None or (is_first_person(donor.att.speaker) and donor.para != c.para):
        return None
    if donor.para == c.para:
        return donor
    # a paragraph that starts with the quote continues the last speaker nearby, unless the
    # paragraph before names someone else speaking
    p = paras[c.para]
    starts_para = not text[p.start : c.span.open_at].strip()
    if starts_para and c.para - _para_of(paras, donor.span.close_at) <= 2:
        return donor
    return None


def _indirect_before(
    text: str, paras: Sequence[Paragraph], c: _Candidate, quoted: _Masks
) -> Attribution | None:
    """The last speaker of an indirect report in the paragraph before a quote-only one."""
    from verifier.extract.phrases import phrase_before

    if c.para == 0:
        return None
    prev = paras[c.para - 1]
    cues = [cue for cue in find_cues(text, prev.start, prev.end) if not quoted.covers(cue.start())]
    # The last sentence that reports, and in it the main clause's cue, the first: `Carter
    # said that some critics had been predicting …` is Carter's report, not the critics'.
    ends = sentence_ends(text, prev.start, prev.end)
    floors = [max((e for e in ends if e <= cue.start()), default=prev.start) for cue in cues]
    for cue, floor in zip(cues, floors, strict=True):
        if floors and floor != floors[-1]:
            continue
        sp = phrase_before(text, cue.start(), floor)
        if sp is not None and sp.text.lower() not in ("i", "we", "you", "it"):
            return Attribution(sp, cue.group(), cue.start(), cue.end(), "context")
    return None


def _subject_of_last_sentence(text: str, start: int, end: int) -> Attribution | None:
    from verifier.extract.phrases import phrase_after

    body = text[start:end].rstrip()
    if not body or body[-1] not in ".:":
        return None
    ends = [e for e in sentence_ends(text, start, start + len(body) - 1)]
    floor = ends[-1] if ends else start
    pos = floor
    # skip a leading adverbial: "However, X …"
    m = re.match(
        r"\s*(?:However|Meanwhile|But|And|Still|Yet|Instead|Later|Then),?\s+", text[pos:end]
    )
    if m:
        pos += m.end()
    sp = phrase_after(text, skip_space(text, pos, end), end)
    if sp is None or sp.category != "name" or len(tokens(text, sp.start, sp.end)) < 2:
        return None
    return Attribution(sp, "", sp.end, sp.end, "context")


def _blocks(
    text: str,
    paras: Sequence[Paragraph],
    usable: list[int],
) -> tuple[list[_Block], set[int], dict[int, int]]:
    """Block quotes: runs of blockquote paragraphs, and colon-introduced plain paragraphs."""
    out: list[_Block] = []
    inside: set[int] = set()
    limits: dict[int, int] = {}
    use = set(usable)
    i = 0
    while i < len(paras):
        found = _marked_block(text, paras, i, use) or _colon_block(text, paras, i, use)
        if found is None:
            i += 1
            continue
        block, first, last = found
        if block[2] is None and out and out[-1][4] == "blockquote-intro" and first - 1 in inside:
            # a second block quote right after one the intro introduced: the same speaker's
            block = (*block[:2], out[-1][2], block[3], "blockquote-intro")
        out.append(block)
        inside.update(range(first, last + 1))
        if block[3] == "colon-block":
            limits[last] = block[1]
        i = last + 1
    return out, inside, limits


# A line that signs a block quote: a dash, then a capital (`— Maria Lopez, mayor`).
_SIGNED_LINE = re.compile(r"\s*[—–―]\s*[A-Z]")
# The links an embedded tweet prints after its words (`pic.twitter.com/abc`, `https://t.co/x`):
# the platform's, not the speaker's.
_MEDIA_LINKS_END = re.compile(r"(?:\s*(?:pic\.(?:twitter|x)\.com|https?://t\.co)/\w+)+\s*$")


def _quoted_on(text: str, paras: Sequence[Paragraph], k: int, use: set[int]) -> bool:
    """Paragraph `k` is a block quote's, and the quote goes on after it: not its signature
    line (`— Maria Lopez, mayor` ends one quote; the next `<blockquote>` is another)."""
    if k < 0 or k >= len(paras) or k not in use or paras[k].kind != ParagraphKind.BLOCKQUOTE:
        return False
    return _SIGNED_LINE.match(text, paras[k].start, paras[k].end) is None


def _marked_block(
    text: str, paras: Sequence[Paragraph], i: int, use: set[int]
) -> tuple[_Block, int, int] | None:
    """A run of Markdown/HTML blockquote paragraphs from `i`: (block, first, last index)."""
    if i not in use or paras[i].kind != ParagraphKind.BLOCKQUOTE:
        return None
    if _quoted_on(text, paras, i - 1, use) and not paras[i].opens_block:
        return None  # inside a run found to be narrative: not the start of a block
    j = i
    while (
        _quoted_on(text, paras, j, use)
        and j + 1 in use
        and paras[j + 1].kind == ParagraphKind.BLOCKQUOTE
        and not paras[j + 1].opens_block  # the next `>` block or `<blockquote>` is another
    ):
        j += 1
    if _is_label(text[paras[i].start : paras[j].end]):
        return None  # a layout box (`Categorias`), not someone's words
    att = _intro_for(text, paras, i, use)
    if att is None and all(_narrates_a_quote(text, paras[k]) for k in range(i, j + 1)):
        return None  # set off as a block, written as narrative: its quotes are found as such
    by = "blockquote-intro" if att is not None else ""
    start, end = _strip_span(text, paras[i].start, paras[j].end)
    sign = re.search(r"\n?\s*[—–―]\s*([A-Z][^\n]{1,80})\s*$", text[start:end])
    if sign is not None:
        sp = phrase_after(text, start + sign.start(1), end)
        if sp is not None:
            att = Attribution(sp, "—", start + sign.start(), start + sign.start(1), "dash")
            by = "blockquote-signoff"
            start, end = _strip_span(text, start, start + sign.start())
    if by != "blockquote-signoff":
        below = _name_line(text, paras, j + 1, use)
        if below is not None:
            att, by = Attribution(below, "", below.start, below.start, "dash"), "name-below"
    links = _MEDIA_LINKS_END.search(text, start, end)
    if links is not None and links.start() > start:
        end = links.start()
    return (start, end, att, "blockquote", by), i, j


def _name_line(text: str, paras: Sequence[Paragraph], k: int, use: set[int]) -> Phrase | None:
    """A paragraph that is only a name, maybe after its role (`News industry analyst Ken
    Doctor`), right below a block quote: the quote's signature."""
    if k >= len(paras) or k not in use:
        return None
    p = paras[k]
    line = text[p.start : p.end].strip()
    if not line or "\n" in line or len(line.split()) > 8 or line[-1] in '.!?:;,"”':
        return None
    sp = phrase_after(text, skip_space(text, p.start, p.end), p.end)
    if sp is None or sp.category != "name" or text[sp.end : p.end].strip():
        return None
    return sp if len(sp.text.split()) >= 2 else None


def _colon_block(
    text: str, paras: Sequence[Paragraph], i: int, use: set[int]
) -> tuple[_Block, int, int] | None:
    """A plain paragraph after a line ending in a colon that names a speaker."""
    p = paras[i]
    if not (
        i in use
        and p.kind == ParagraphKind.TEXT
        and i + 1 in use
        and paras[i + 1].kind == ParagraphKind.TEXT
        and text[p.start : p.end].rstrip().endswith(":")
    ):
        return None
    nxt = paras[i + 1]
    first = text[nxt.start : nxt.end].lstrip()
    if (
        not first
        or first[0] in "“\"‘'«„"
        or _is_heading_like(first)
        or _reports_its_own_quote(text, nxt)
        or first.rstrip().endswith(":")
    ):
        return None
    att = _intro_for(text, paras, i + 1, use)
    if att is None or is_first_person(att.speaker):
        return None
    j, end = _block_extent(text, paras, i + 1, use)
    start, end = _strip_span(text, nxt.start, end)
    return (start, end, att, "colon-block", "colon-block"), i + 1, j


def _reports_its_own_quote(text: str, p: Paragraph) -> bool:
    """A paragraph that quotes someone in its own words is narrative, not a block quote.

    `… O’Malley reminded viewers that he doesn’t:` (an embedded tweet, gone from the text)
    followed by `And after watching …, Clinton said that she was “proud to be a Democrat.”`
    """
    marks = pair_marks(text, [(p.start, p.end)])
    if not marks:
        return False
    before = text[p.start : marks[0].open_at]
    if any(is_strong(c.group()) for c in find_cues(text, p.start, marks[0].open_at)) and (
        len(before.split()) <= 40
    ):
        return True
    # `… "Shutting people out … is not smart," she said.`: a quote attributed inside it
    return any(after_quote(text, m.after, p.end, False) is not None for m in marks)


def _is_label(block: str) -> bool:
    """Three words or fewer that end no sentence: a heading or a box, not a quotation."""
    words = block.split()
    return len(words) <= 3 and not re.search(r"[.!?…\"”’']\W*$", block.strip())


def _narrates_a_quote(text: str, p: Paragraph) -> bool:
    """A block-quoted paragraph that attributes its own quotation is narrative set off as a
    block (a pull quote): `> “Our town deserves better,” the union wrote.`"""
    if _reports_its_own_quote(text, p):
        return True
    marks = pair_marks(text, [(p.start, p.end)])
    if not marks or text[p.start : marks[0].open_at].strip():
        return False
    after = marks[0].after
    return any(is_strong(c.group()) for c in find_cues(text, after, min(p.end, after + 60)))


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _intro_for(text: str, paras: Sequence[Paragraph], i: int, use: set[int]) -> Attribution | None:
    if i == 0 or i - 1 not in use or paras[i - 1].kind == ParagraphKind.BLOCKQUOTE:
        return None  # another block quote is no introduction
    prev = paras[i - 1]
    body = text[prev.start : prev.end].rstrip()
    if not body:
        return None
    end = prev.start + len(body)
    colon = end - 1 if body.endswith(":") else end
    floor = _sentence_floor(text, prev.start, colon, [])
    if body.endswith(":"):
        att = intro_speaker(text, floor, colon)
        if (
            att is None
            and floor > prev.start
            and re.match(r"\s*(?:It|He|She|They)\b", text[floor:colon])
        ):
            # "X admitted that …. It did, however, add:" — the speaker of the sentence before
            floor2 = _sentence_floor(text, prev.start, floor - 1, [])
            att = before_quote(text, floor2, floor, 50)
        return att
    att = before_quote(text, floor, end, 50)
    return att


_CLOSE_ORPHAN = re.compile(r"[”\"»](?=[\s.,;:!?)]|$)")


def _block_extent(text: str, paras: Sequence[Paragraph], i: int, use: set[int]) -> tuple[int, int]:
    """Last paragraph and end offset of a plain-text block quote starting at paragraph i."""
    j = i
    end = paras[i].end
    first_wrapped = bool(re.search(r"[a-z,]\n[a-z]", text[paras[i].start : paras[i].end]))
    while j + 1 < len(paras) and j + 1 in use and paras[j + 1].kind == ParagraphKind.TEXT:
        cur = text[paras[j].start : paras[j].end].rstrip()
        nxt = text[paras[j + 1].start : paras[j + 1].end]
        if _is_heading_like(nxt) or nxt.rstrip().endswith(":"):
            break  # a line ending in a colon introduces what follows it
        cont = cur.endswith(("…", "...")) or cur[-1:] not in _TERMINAL + '"”’)'
        wrapped = first_wrapped and bool(re.search(r"\S\n\S", nxt))
        orphan = _orphan_close(nxt)
        if not (cont or wrapped or orphan is not None):
            break
        j += 1
        end = paras[j].end
        if orphan is not None:
            end = paras[j].start + orphan
            break
    return j, end


def _orphan_close(s: str) -> int | None:
    """Offset of a closing double mark that no opening mark in `s` accounts for."""
    depth = 0
    for k, ch in enumerate(s):
        if ch in "“«":
            depth += 1
        elif ch in "”»":
            if depth == 0:
                return k
            depth -= 1
    return None
