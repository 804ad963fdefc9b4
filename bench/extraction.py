"""Extraction benchmark: PolNeAR direct quotations (train and dev) and the sample-corpus gold.

    python bench/extraction.py [--data ../shared/data] [--seeds ../shared/seeds] [--errors N]
                               [--breakdown]

PolNeAR (Newell et al., LREC 2018): one annotator per article, the first `.ann` file in
alphabetical order. Gold quotes are the double-quoted segments of the text (“…”, "…", mixed
"…”, «…», ''…'', paired per paragraph by `quoted_segments`, apart from the extractor's own
pairing) lying at least half inside the Content of an attribution (every Content key and
every piece of a discontiguous span), each with that attribution's Source mention as the
gold speaker (PolNeAR annotates no coreference: "he" stays "he"; a Source that is only a
verb of saying whose Cue is a name, `“…,” said Bolton` labelled the wrong way round, is read
with the labels swapped). Quotes are compared
paragraph by paragraph (annotators often give each paragraph of a long quote its own
attribution). Predicted block quotes are left out of the PolNeAR score (the restriction is
to quoted material). The "naive" row pairs every quote mark and keeps everything: it shows
what attribution adds (precision) and what it costs (recall).

A predicted quote matches a gold one when their character spans overlap by at least 0.8
(intersection over union), one-to-one, best first; "exact" allows one character of slack at
each end. A speaker mention is right when it lies inside the gold Source span (one character
of slack), contains it, or overlaps it by half (IoU). The gold Source is classed pronoun
(he, she, they …), name (all content words capitalised) or nominal (the rest).

PolNeAR scores the speaker mention, not the name it resolves to. `bench/pronoun_gold.tsv`
does that for `he` and `she`: 180 PolNeAR quotes with a pronoun as speaker, drawn at random,
labelled by hand with whom the pronoun stands for. `bench/real_speakers_gold.tsv` does it for
every kind of speaker on 55 quotes drawn from the real news pages.

The sample-corpus gold (`fixtures/gold/*.json`, one file per seed article) is scored the same
way; its speaker score compares the resolved speaker with the gold one, titles and leading
articles ignored. Any predicted quote overlapping a listed scare quote is counted.

Two more tables: errors by rule (for each extraction rule of `verifier/extract/rules.py`,
the PolNeAR quotes it found, how many of them are not in the gold, the speakers it named
and how many of them are wrong), and the size and complexity of the functions of
`verifier/extract/` (radon; `tests/test_extract_complexity.py` pins the limits).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verifier.extract import extract  # noqa: E402
from verifier.models import Document, Paragraph, ParagraphKind, Quote, QuoteKind  # noqa: E402

_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "it",
        "him",
        "her",
        "them",
        "us",
        "me",
        "who",
        "which",
        "his",
        "their",
        "its",
    ]
)
_PARTICLES = frozenset(
    [
        "of",
        "the",
        "and",
        "de",
        "del",
        "la",
        "for",
        "on",
        "in",
        "at",
        "to",
        "y",
        "van",
        "von",
        "da",
        "al",
        "bin",
        "&",
    ]
)
_TITLES = frozenset(
    [
        "rep.",
        "sen.",
        "gen.",
        "gov.",
        "dr.",
        "mr.",
        "mrs.",
        "ms.",
        "lt.",
        "col.",
        "capt.",
        "adm.",
        "prof.",
        "rev.",
        "president",
        "vice",
        "secretary",
        "minister",
        "foreign",
        "defense",
        "defence",
        "chancellor",
        "senator",
        "governor",
        "general",
        "judge",
        "justice",
        "mayor",
        "chairman",
        "director",
        "ambassador",
        "speaker",
        "representative",
        "congressman",
        "congresswoman",
        "former",
        "the",
        "a",
        "an",
        "ecuadorian",
        "peruvian",
        "colombian",
        "florida",
        "texas",
        "us",
        "u.s.",
        "army",
        "interior",
        "prime",
        "deputy",
        "national",
        "security",
        "council",
        "spokesman",
        "spokeswoman",
    ]
)


def load(text: str, path: str) -> Document:
    """The project's own plain-text loader when present, else paragraphs at blank lines."""
    try:
        from verifier.load import load_string

        return load_string(text, "text", path)
    except ImportError:
        paras = [
            Paragraph(m.start(), m.end(), ParagraphKind.TEXT)
            for m in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*", text)
            if m.group().strip()
        ]
        return Document(path, "text", text, tuple(paras))


# ---------------------------------------------------------------------------- PolNeAR


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    speaker: tuple[int, int] | None
    speaker_text: str
    category: str  # pronoun | name | nominal | none


_MARK_RE = re.compile(r"''|``|[“”„\"«»]")
_OPENERS = ("“", "„", "«", "``")
_CLOSERS = ("”", "»")
_PARA_RE = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")


def _category(source: str) -> str:
    low = source.lower().strip()
    if low in _PRONOUNS:
        return "pronoun"
    words = [w for w in re.findall(r"[\w’'.-]+", source) if w.lower() not in _PARTICLES]
    if words and all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return "name"
    return "nominal"


def _spans(field: str) -> list[tuple[int, int]]:
    out = []
    for piece in field.split(";"):
        nums = piece.split()
        if len(nums) == 2 and all(n.isdigit() for n in nums):
            out.append((int(nums[0]), int(nums[1])))
    return out


def _shape(text: str, m: re.Match[str], start: int, end: int) -> str:
    """`open`, `close` or `either`: what a mark can be, from its kind and its neighbours.

    Curly marks say it themselves, but for “ typed as a closing mark (after a word or a
    stop, before a space: `“It's unusual,“ said`, German `„…“`); a straight mark with a
    space (or a bracket, a dash, a colon) before it and a letter after it opens, one after a
    word or a stop and before a space closes, as a typesetter reads them.
    """
    tok = m.group()
    before = text[m.start() - 1] if m.start() > start else " "
    after = text[m.end()] if m.end() < end else " "
    if (
        tok == "“"
        and not before.isspace()
        and before not in '([{—–-/:“"'
        and (after.isspace() or after in ".,;:!?)")
    ):
        return "close"  # an opening mark typed for a closing one: `“It's unusual,“ said`
    if tok in _OPENERS:
        return "open"
    if tok in _CLOSERS:
        return "close"
    if (before.isspace() or before in "([{—–-/:") and (after.isalnum() or after in "‘'"):
        return "open"
    if not before.isspace() and not after.isalnum():
        return "close"
    return "either"


def _room_to_nest(shapes: list[str], k: int) -> bool:
    """An opening mark inside an open quote nests in it when the marks after it can close
    both quotes (and every quote they open themselves); otherwise the first one was an
    orphan."""
    later = shapes[k + 1 :]
    return sum(s != "open" for s in later) - sum(s == "open" for s in later) >= 2


def quoted_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The double-quoted segments of one paragraph, marks excluded.

    Written apart from the extractor's own pairing, and simpler: “ „ « `` open, ” » close,
    a straight mark (" or '') closes an open quote and opens otherwise. A quote opened inside
    an open quote is nested in it (the outer quote is the quote): a curly pair inside a
    straight-quoted passage always, any other opening mark (`shouted "Allah`, a second “)
    when the marks after it close both. A mark left open runs to the paragraph's end: a
    quote that goes on in the next paragraph.
    """
    out: list[tuple[int, int]] = []
    open_end: int | None = None
    open_tok = ""
    nested = False  # a quote inside the open one: part of the outer quote
    marks = list(_MARK_RE.finditer(text, start, end))
    shapes = [_shape(text, m, start, end) for m in marks]
    for k, m in enumerate(marks):
        tok = m.group()
        before = text[m.start() - 1] if m.start() > start else " "
        after = text[m.end()] if m.end() < end else " "
        nested = nested and open_end is not None
        curly_close = tok in _CLOSERS or (tok in _OPENERS and shapes[k] == "close")
        if open_tok in ('"', "''") and open_end is not None:
            if tok in _OPENERS and shapes[k] == "open" and not nested:
                nested = True
                continue
            if curly_close and nested:
                nested = False
                continue
        if open_end is not None and shapes[k] == "open" and not nested and _room_to_nest(shapes, k):
            nested = True
            continue
        if open_end is not None and nested and shapes[k] != "open":
            nested = False
            continue
        if tok in _OPENERS and not curly_close:
            open_end, open_tok = m.end(), tok  # a second opener: the first one was an orphan
        elif curly_close:
            if open_end is not None:
                out.append((open_end, m.start()))
                open_end = None
            elif before.isspace() and after.isalnum():
                open_end, open_tok = m.end(), tok  # a closing mark typed for an opening one
        elif open_end is not None:
            out.append((open_end, m.start()))
            open_end = None
        elif before.isspace() or before in "([{—–-/:" or m.start() == start:
            open_end, open_tok = m.end(), tok
    if open_end is not None:
        out.append((open_end, end))
    return [(a, b) for a, b in (_trim(text, a, b) for a, b in out) if b > a]


# the verbs an annotator labelled Source while labelling the name after them Cue
_SWAPPED_SOURCE = frozenset(["said", "says", "asked", "added", "wrote", "told"])


def _source_span(
    text: str, tspans: dict[str, tuple[str, list[tuple[int, int]]]], ev: dict[str, str]
) -> tuple[int, int] | None:
    """The Source span of an attribution event, whole (a discontiguous one joined).

    In an inverted attribution (`“…,” said Bolton`) a few annotations label the verb Source
    and the name Cue: when the Source is only a verb of saying and the Cue is capitalised,
    the two labels are taken as swapped.
    """
    spans = {}
    for key in ("Source", "Cue"):
        found = tspans.get(ev.get(key, ""))
        if found is not None and found[1]:
            spans[key] = (min(a for a, _ in found[1]), max(b for _, b in found[1]))
    source, cue = spans.get("Source"), spans.get("Cue")
    if (
        source is not None
        and cue is not None
        and text[source[0] : source[1]].strip().lower() in _SWAPPED_SOURCE
        and text[cue[0] : cue[1]].strip()[:1].isupper()
    ):
        return cue
    return source


def polnear_gold(text: str, ann: str) -> list[GoldQuote]:
    """The quoted segments that lie (at least half) inside an attribution's Content.

    Every Content key of an event counts (`Content2` holds the second part of a split quote),
    and every piece of a discontiguous span; the marks themselves may lie inside or outside
    the annotated span.
    """
    tspans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        if line.startswith("T"):
            tid, mid, _ = [*line.split("\t"), "", ""][:3]
            label, _, rest = mid.partition(" ")
            tspans[tid] = (label, _spans(rest))
        elif line.startswith("E"):
            parts = line.split("\t")[1].split()
            events.append(dict(p.split(":", 1) for p in parts if ":" in p))
    covered: list[tuple[list[tuple[int, int]], tuple[int, int] | None, str]] = []
    for ev in events:
        pieces = [
            span
            for key, tid in ev.items()
            if key.startswith("Content")
            for span in tspans.get(tid, ("", []))[1]
        ]
        if not pieces:
            continue
        sp = _source_span(text, tspans, ev)
        covered.append((pieces, sp, text[sp[0] : sp[1]] if sp else ""))
    gold: list[GoldQuote] = []
    for para in _PARA_RE.finditer(text):
        for s, e in quoted_segments(text, para.start(), para.end()):
            best, best_cover = None, 0
            for pieces, sp, stext in covered:
                cover = sum(max(0, min(e, b + 1) - max(s, a - 1)) for a, b in pieces)
                if cover > best_cover:
                    best, best_cover = (sp, stext), cover
            if best is not None and best_cover * 2 >= e - s:
                sp, stext = best
                gold.append(GoldQuote(s, e, sp, stext, _category(stext) if sp else "none"))
    return gold


def by_paragraph(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A quote cut at paragraph breaks, without the opening mark each new paragraph repeats.

    PolNeAR annotators often give each paragraph of a long quote its own attribution, so
    both gold and predicted quotes are compared paragraph by paragraph.
    """
    out = []
    for m in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text[s:e]):
        a, b = s + m.start(), s + m.end()
        while a < b and (text[a].isspace() or text[a] in '“"«'):
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def match(
    golds: list[tuple[int, int]], preds: list[tuple[int, int]], threshold: float
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) with IoU >= threshold, best first."""
    cands = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if p[1] <= g[0] or p[0] >= g[1]:
                continue
            v = iou(g, p)
            if v >= threshold:
                cands.append((v, gi, pi))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def mention_ok(pred: tuple[int, int], gold: tuple[int, int]) -> bool:
    inside = pred[0] >= gold[0] - 1 and pred[1] <= gold[1] + 1 and pred[1] > pred[0]
    contains = pred[0] <= gold[0] and pred[1] >= gold[1]
    return inside or contains or iou(pred, gold) >= 0.5


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    tp08: int = 0
    tp_exact: int = 0
    articles: int = 0
    seconds: float = 0.0
    # per rule: quotes it found, of them not in the gold; speakers it named, of them wrong
    found: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)
    named: Counter[str] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)

    def f1(self, tp: int) -> tuple[float, float, float]:
        p = tp / self.pred if self.pred else 0.0
        r = tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def naive_quotes(doc: Document) -> list[tuple[int, int]]:
    """Every outer quote-mark pair of the article's prose: the baseline."""
    from verifier.extract.marks import pair_marks

    keep = (ParagraphKind.TEXT, ParagraphKind.LIST, ParagraphKind.BLOCKQUOTE)
    paras = [(p.start, p.end) for p in doc.paragraphs if p.kind in keep]
    return [(m.start, m.end) for m in pair_marks(doc.text, paras)]


def score_polnear(
    split_dir: Path, show_errors: int, naive: bool = False
) -> tuple[Score, Counter[str], Counter[str]]:
    score = Score()
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    errors_shown = 0
    ann_dir = split_dir / "attributions"
    by_article: dict[str, list[Path]] = {}
    for f in sorted(ann_dir.glob("*.ann")):
        by_article.setdefault(f.stem.rsplit("_", 1)[0], []).append(f)
    for article, files in sorted(by_article.items()):
        text_path = split_dir / "text" / f"{article}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        gold = polnear_gold(text, files[0].read_text(encoding="utf-8"))
        doc = load(text, str(text_path))
        t0 = time.perf_counter()
        if naive:
            quotes = [Quote(text[a:b], a, b, QuoteKind.PARTIAL) for a, b in naive_quotes(doc)]
        else:
            quotes = [q for q in extract(doc) if q.kind != QuoteKind.BLOCK]
        score.seconds += time.perf_counter() - t0
        score.articles += 1
        gold = [
            GoldQuote(a, b, g.speaker, g.speaker_text, g.category)
            for g in gold
            for a, b in by_paragraph(text, g.start, g.end)
        ]
        quotes = [
            replace(q, start=a, end=b)
            for q in quotes
            for a, b in by_paragraph(text, q.start, q.end)
        ]
        g_spans = [_trim(text, g.start, g.end) for g in gold]
        p_spans = [_trim(text, q.start, q.end) for q in quotes]
        score.gold += len(gold)
        score.pred += len(quotes)
        pairs = match(g_spans, p_spans, 0.8)
        score.tp08 += len(pairs)
        matched = {pi for _, pi in pairs}
        for pi, q in enumerate(quotes):
            score.found[q.found_by or "-"] += 1
            score.spurious[q.found_by or "-"] += pi not in matched
        for gi, pi in pairs:
            g, p = g_spans[gi], p_spans[pi]
            if abs(g[0] - p[0]) <= 1 and abs(g[1] - p[1]) <= 1:
                score.tp_exact += 1
            gq = gold[gi]
            if gq.speaker is None:
                continue
            total[gq.category] += 1
            m = quotes[pi].speaker_mention
            ok = m is not None and mention_ok((m.start, m.end), gq.speaker)
            by = quotes[pi].speaker_by or "(no speaker)"
            score.named[by] += 1
            score.wrong[by] += not ok
            if ok:
                right[gq.category] += 1
            elif errors_shown < show_errors:
                errors_shown += 1
                print(
                    f"  speaker {article}: gold {gq.speaker_text!r} pred "
                    f"{m.text if m else None!r} | {text[g[0] : g[1]][:60]!r}",
                    file=sys.stderr,
                )
        if show_errors and errors_shown < show_errors:
            matched_g = {gi for gi, _ in pairs}
            matched_p = {pi for _, pi in pairs}
            for gi, g in enumerate(g_spans):
                if gi not in matched_g and errors_shown < show_errors:
                    errors_shown += 1
                    ctx = text[max(0, g[0] - 60) : g[1] + 40].replace("\n", "⏎")
                    print(f"  MISS {article}: {ctx!r}", file=sys.stderr)
            for pi, p in enumerate(p_spans):
                if pi not in matched_p and errors_shown < show_errors:
                    errors_shown += 1
                    ctx = text[max(0, p[0] - 60) : p[1] + 40].replace("\n", "⏎")
                    print(f"  FP   {article}: {ctx!r}", file=sys.stderr)
    return score, right, total


# ---------------------------------------------------------------------------- breakdown

_SMALL_WORDS = frozenset(["of", "the", "a", "and", "in", "on", "to", "for"])


def _capitalised(body: str) -> bool:
    """Every word but the small ones capitalised: a title, a name or a slogan."""
    words = [w for w in body.split() if w.lower() not in _SMALL_WORDS]
    return bool(words) and all(w.lstrip("‘'“\"(")[:1].isupper() for w in words)


def _markup(text: str, start: int, end: int) -> bool:
    """Tweet markup kept in PolNeAR's text (`<tweet id="…">`) and single-quoted spans."""
    body = text[start:end].strip()
    return (
        text[max(0, start - 2) : start].endswith('="')
        or body[:1] in "@0123456789"
        or (text[start - 1 : start] in "‘'")
    )


def breakdown(split_dir: Path) -> Counter[str]:
    """Where a split's errors are: the counts quoted in docs/benchmarks.md."""
    rows = ["misses", "misses of 1-3 words", "misses in title case", "false positives"]
    rows += ["false positives of 8+ words", "speaker errors"]
    rows += ["speaker errors whose gold Source is 'said'"]
    for shape in ("short fragments", "title-case quotes", "longer quotes"):
        rows += [f"{shape} left out, annotated", f"{shape} left out, not annotated"]
    out: Counter[str] = Counter(dict.fromkeys(rows, 0))  # the table's rows, in this order
    ann_dir = split_dir / "attributions"
    by_article: dict[str, list[Path]] = {}
    for f in sorted(ann_dir.glob("*.ann")):
        by_article.setdefault(f.stem.rsplit("_", 1)[0], []).append(f)
    for article, files in sorted(by_article.items()):
        text = (split_dir / "text" / f"{article}.txt").read_text(encoding="utf-8")
        doc = load(text, article)
        golds = [
            (g, _trim(text, a, b))
            for g in polnear_gold(text, files[0].read_text(encoding="utf-8"))
            for a, b in by_paragraph(text, g.start, g.end)
        ]
        quotes = [
            (q, _trim(text, a, b))
            for q in extract(doc)
            if q.kind != QuoteKind.BLOCK
            for a, b in by_paragraph(text, q.start, q.end)
        ]
        pairs = match([g for _, g in golds], [p for _, p in quotes], 0.8)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, (_, (a, b)) in enumerate(golds):
            if gi not in matched_g:
                out["misses"] += 1
                out["misses of 1-3 words"] += len(text[a:b].split()) <= 3
                out["misses in title case"] += _capitalised(text[a:b])
        for pi, (_, (a, b)) in enumerate(quotes):
            if pi not in matched_p:
                out["false positives"] += 1
                out["false positives of 8+ words"] += len(text[a:b].split()) >= 8
        for gi, pi in pairs:
            gq, q = golds[gi][0], quotes[pi][0]
            if gq.speaker is None:
                continue
            m = q.speaker_mention
            if m is None or not mention_ok((m.start, m.end), gq.speaker):
                out["speaker errors"] += 1
                out["speaker errors whose gold Source is 'said'"] += (
                    gq.speaker_text.strip().lower() == "said"
                )
        # what extraction leaves out, by shape: annotated or not? (a shape whose left-out
        # quotes are mostly not annotated cannot be taken whole without losing F1)
        predicted = [p for _, p in quotes]
        gold_spans = [g for _, g in golds]
        for a, b in naive_quotes(doc):
            a, b = _trim(text, a, b)
            body = text[a:b]
            if not body.split() or _markup(text, a, b):
                continue
            if any(iou((a, b), p) >= 0.8 for p in predicted):
                continue
            if _capitalised(body):
                shape = "title-case quotes"
            elif len(body.split()) <= 4:
                shape = "short fragments"
            else:
                shape = "longer quotes"
            annotated = any(iou((a, b), g) >= 0.8 for g in gold_spans)
            out[f"{shape} left out, annotated"] += annotated
            out[f"{shape} left out, not annotated"] += not annotated
    return out


def real_pages(html_dir: Path) -> Counter[str]:
    """Extraction over real news pages read as HTML articles: it must never fail."""
    import gzip

    from verifier.load import load_string

    out: Counter[str] = Counter()
    t0 = time.perf_counter()
    for page in sorted(html_dir.glob("*.html.gz")):
        out["pages"] += 1
        try:
            html = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
            quotes = extract(load_string(html, "html", str(page)))
        except Exception as exc:  # counted and named: finding such pages is the point
            out["pages that failed"] += 1
            print(f"  {page.name}: {exc!r}", file=sys.stderr)
            continue
        out["quotes"] += len(quotes)
        out["quotes without a speaker"] += sum(q.speaker is None for q in quotes)
    out["seconds"] = round(time.perf_counter() - t0)
    return out


# ---------------------------------------------------------------------------- sample gold

_TITLE_WORDS = _TITLES


def norm_speaker(name: str | None) -> str:
    if not name:
        return ""
    words = re.sub(r"[’'](?:s)?\b", "", name).replace(",", " ").split()
    words = [w for w in words if w.lower() not in _TITLE_WORDS]
    return " ".join(words).lower()


def speaker_matches(pred: str | None, gold: str, alternatives: list[str]) -> bool:
    p = norm_speaker(pred)
    if not p:
        return False
    for g in [gold, *alternatives]:
        gn = norm_speaker(g)
        if p == gn:
            return True
        gw, pw = gn.split(), p.split()
        if len(gw) >= 2 and pw[-len(gw) :] == gw:
            return True
    return False


def score_gold(gold_dir: Path, seeds: Path, naive: bool = False) -> dict[str, float | int]:
    out: Counter[str] = Counter()
    for gf in sorted(gold_dir.glob("*.json")):
        spec = json.loads(gf.read_text(encoding="utf-8"))
        text = (seeds / spec["article"]).read_text(encoding="utf-8")
        doc = load(text, spec["article"])
        if naive:
            quotes = [Quote(text[a:b], a, b, QuoteKind.PARTIAL) for a, b in naive_quotes(doc)]
        else:
            quotes = extract(doc)
        golds = []
        for g in spec["quotes"]:
            start = find_gold(text, g["text"], g.get("occurrence", 1))
            golds.append((start, start + len(g["text"])))
        preds = [_trim(text, q.start, q.end) for q in quotes]
        pairs = match(golds, preds, 0.8)
        out["gold"] += len(golds)
        out["pred"] += len(preds)
        out["tp"] += len(pairs)
        for gi, pi in pairs:
            g = spec["quotes"][gi]
            if speaker_matches(quotes[pi].speaker, g["speaker"], g.get("speaker_alternatives", [])):
                out["speaker_ok"] += 1
            elif not naive:
                print(
                    f"  speaker {spec['article']}: gold {g['speaker']!r} pred "
                    f"{quotes[pi].speaker!r} | {g['text'][:50]!r}",
                    file=sys.stderr,
                )
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, g in enumerate(spec["quotes"]):
            if gi not in matched_g and not naive:
                print(f"  MISS {spec['article']}: {g['text'][:70]!r}", file=sys.stderr)
        for pi, q in enumerate(quotes):
            if pi not in matched_p and not naive:
                print(f"  FP   {spec['article']}: {q.text[:70]!r}", file=sys.stderr)
        for sq in spec.get("scare_quotes", []):
            s = find_quoted(text, sq["text"], sq.get("occurrence", 1))
            # extracted as a quote of its own (a nested quote inside a block does not count)
            if any(iou((s, s + len(sq["text"])), p) >= 0.5 for p in preds):
                out["scare"] += 1
                if not naive:
                    print(f"  SCARE {spec['article']}: {sq['text']!r}", file=sys.stderr)
            out["scare_listed"] += 1
    return dict(out)


def find_quoted(text: str, needle: str, occurrence: int) -> int:
    """Offset of the n-th occurrence of `needle` right after an opening quote mark."""
    seen = 0
    for m in re.finditer(re.escape(needle), text):
        if m.start() > 0 and text[m.start() - 1] in "“\"‘'«„`":
            seen += 1
            if seen == occurrence:
                return m.start()
    raise ValueError(f"scare quote not in article: {needle[:60]!r}")


def find_gold(text: str, needle: str, occurrence: int) -> int:
    """Offset of the n-th occurrence of a gold quote's text in its article."""
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"gold text not in article: {needle[:60]!r}")
    return pos


# ---------------------------------------------------------------------------- speed


# ------------------------------------------------------------------------ pronoun speakers

PRONOUN_GOLD = Path(__file__).with_name("pronoun_gold.tsv")


def score_pronouns(polnear: Path, gold: Path = PRONOUN_GOLD) -> dict[str, tuple[int, int]]:
    """Resolved speakers of `he`/`she` quotes against hand labels: (right, total) per set.

    A quote is found by its speaker mention's offset; its resolved name is right when it holds
    every word of the label (`Clinton`, `Eric Trump`). A mention no longer found is wrong.
    """
    rows = [
        line.split("\t")
        for line in gold.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "set\t"))
    ]
    resolved: dict[str, dict[int, str | None]] = {}
    out: dict[str, tuple[int, int]] = {}
    for set_name, rel, _quote_start, mention_start, _pronoun, speaker in rows:
        if rel not in resolved:
            path = polnear / rel
            quotes = extract(load(path.read_text(encoding="utf-8"), str(path)))
            resolved[rel] = {
                q.speaker_mention.start: q.speaker for q in quotes if q.speaker_mention
            }
        name = resolved[rel].get(int(mention_start)) or ""
        words = name.replace("’s", "").split()
        right, total = out.get(set_name, (0, 0))
        ok = all(w in words for w in speaker.split())
        out[set_name] = (right + ok, total + 1)
    return out


REAL_SPEAKERS_GOLD = Path(__file__).with_name("real_speakers_gold.tsv")


def score_real_speakers(html_dir: Path, gold: Path = REAL_SPEAKERS_GOLD) -> tuple[int, int]:
    """Resolved speakers of quotes on real news pages against hand labels: (right, total).

    A quote is found by the start of its text, the one nearest the recorded offset; its
    resolved name is right when it holds every word of the label, and a `-` label is right
    when the quote is not found or has no speaker.
    """
    import gzip

    from verifier.load import load_string

    rows = [
        line.split("\t")
        for line in gold.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "page\t"))
    ]
    pages: dict[str, list[Quote]] = {}
    right = 0
    for page, prefix, start, speaker in rows:
        if page not in pages:
            html = gzip.decompress((html_dir / page).read_bytes()).decode("utf-8", "replace")
            pages[page] = extract(load_string(html, "html", page))
        found = [q for q in pages[page] if q.text.startswith(prefix)]
        quote = min(found, key=lambda q: abs(q.start - int(start))) if found else None
        if speaker == "-":
            right += quote is None or quote.speaker is None
            continue
        words = (quote.speaker or "").lower().replace("’s", "").split() if quote else []
        right += all(w.lower() in words for w in speaker.split())
    return right, len(rows)


def _best_of_3(doc: Document) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        extract(doc)
        best = min(best, time.perf_counter() - t0)
    return best


def speed(seeds: Path) -> list[tuple[str, int, int, float]]:
    """Extraction time for ~50,000-word documents: real prose, and a dense-dialogue worst case."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    body = "\n\n".join(texts)
    reps = max(1, 50_000 // max(len(body.split()), 1) + 1)
    prose = load("\n\n".join([body] * reps), "<seeds repeated>")
    para = (
        "“We will win this election and I am sure of it,” Smith said. “Nobody can stop us "
        "now,” he added, according to Jones."
    )
    dialogue = load("Title\n\n" + "\n\n".join([para] * 2500), "<dense dialogue>")
    rows = []
    for label, doc in (("seed articles repeated", prose), ("dense dialogue (synthetic)", dialogue)):
        rows.append((label, len(doc.text.split()), len(extract(doc)), _best_of_3(doc)))
    return rows


def print_rule_table(scores: list[Score]) -> None:
    """Quotes found and speakers named by each extraction rule, and how many were wrong."""
    found: Counter[str] = sum((s.found for s in scores), Counter())
    spurious: Counter[str] = sum((s.spurious for s in scores), Counter())
    named: Counter[str] = sum((s.named for s in scores), Counter())
    wrong: Counter[str] = sum((s.wrong for s in scores), Counter())
    print("### Errors by rule (PolNeAR, the splits above together)\n")
    print("| rule | quotes found | not in gold | speakers named | speaker wrong |")
    print("|---|---|---|---|---|")
    for rule in sorted(set(found) | set(named), key=lambda r: -(found[r] + named[r])):
        share = f" ({wrong[rule] / named[rule]:.0%})" if named[rule] else ""
        print(
            f"| `{rule}` | {found[rule]} | {spurious[rule]} | {named[rule]} | "
            f"{wrong[rule]}{share} |"
        )
    print(
        "\nA quote's speaker counts for the rule that named it (`speaker_by`), so a "
        "continuation or a refinement answers for the speakers it changed.\n"
    )


def print_complexity() -> None:
    """The longest and most complex functions of `verifier/extract/` (radon)."""
    try:
        from radon.complexity import cc_visit
    except ImportError:
        print("radon not installed: skipping the complexity table.\n")
        return
    blocks = []
    for path in sorted((ROOT / "verifier" / "extract").glob("*.py")):
        for b in cc_visit(path.read_text(encoding="utf-8")):
            if not hasattr(b, "methods"):  # a class is counted by its methods
                blocks.append((b.complexity, b.endline - b.lineno + 1, f"{path.stem}.{b.fullname}"))
    print("### Function size and complexity in verifier/extract/ (radon cc)\n")
    longest = max(blocks, key=lambda b: b[1])
    over = [b for b in blocks if b[0] > 20]
    print(f"- functions: {len(blocks)}; longest: `{longest[2]}`, {longest[1]} lines")
    print(f"- above complexity 20: {len(over)}")
    for cc, lines, name in sorted(over, reverse=True):
        print(f"  - `{name}`: complexity {cc}, {lines} lines")
    print()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--gold", type=Path, default=ROOT / "fixtures" / "gold")
    ap.add_argument("--errors", type=int, default=0, help="print up to N PolNeAR errors")
    ap.add_argument("--splits", default="train,dev")
    ap.add_argument(
        "--breakdown",
        action="store_true",
        help="also print where the errors are, and run the real news pages",
    )
    args = ap.parse_args()
    polnear = args.data / "polnear" / "data"
    rows = []
    if not polnear.is_dir():
        print(f"PolNeAR not found at {polnear}: skipping the PolNeAR rows.")
    else:
        for split in args.splits.split(","):
            for naive in (False, True):
                sc, right, total = score_polnear(
                    polnear / split, 0 if naive else args.errors, naive
                )
                p8, r8, f8 = sc.f1(sc.tp08)
                pe, re_, fe = sc.f1(sc.tp_exact)
                cats = {c: (right[c], total[c]) for c in ("pronoun", "name", "nominal")}
                all_r, all_t = sum(right.values()), sum(total.values())
                label = f"{split} (naive pairing)" if naive else split
                rows.append((label, sc, (p8, r8, f8), (pe, re_, fe), cats, (all_r, all_t)))
    print("### PolNeAR direct quotations (one annotator per article: first .ann alphabetically)\n")
    if rows:
        print(
            "| split | articles | gold quotes | predicted | P@0.8 | R@0.8 | F1@0.8 | F1 exact ±1 "
            "| speaker acc. | pronoun | name | nominal | extract s |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for split, sc, (p8, r8, f8), (_, _, fe), cats, (ar, at) in rows:
            naive_row = "naive" in split
            cells = " | ".join(
                f"{r / t:.3f} ({r}/{t})" if t and not naive_row else "–" for r, t in cats.values()
            )
            overall = "–" if naive_row else f"{ar / at:.3f} ({ar}/{at})"
            print(
                f"| {split} | {sc.articles} | {sc.gold} | {sc.pred} | {p8:.3f} | {r8:.3f} | "
                f"{f8:.3f} | {fe:.3f} | {overall} | {cells} | {sc.seconds:.2f} |"
            )
        print(
            "\nspeaker acc.: share of matched gold quotes whose predicted speaker mention lies "
            "in the gold Source span (or contains it, or overlaps it by half); naive pairing "
            "has no speakers."
        )
    print()
    if rows:
        print_rule_table([sc for label, sc, *_ in rows if "naive" not in label])
    print_complexity()
    if args.gold.is_dir() and args.seeds.is_dir() and any(args.gold.glob("*.json")):
        print("### Sample corpus (fixtures/gold, five seed articles)\n")
        print(
            "| extractor | gold quotes | predicted | P@0.8 | R@0.8 | F1@0.8 "
            "| resolved speaker acc. | scare quotes reported |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for naive in (False, True):
            g = score_gold(args.gold, args.seeds, naive)
            p = g.get("tp", 0) / g["pred"] if g.get("pred") else 0.0
            r = g.get("tp", 0) / g["gold"] if g.get("gold") else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            sp = g.get("speaker_ok", 0) / g["tp"] if g.get("tp") else 0.0
            speaker = "–" if naive else f"{sp:.3f} ({g.get('speaker_ok', 0)}/{g.get('tp', 0)})"
            print(
                f"| {'naive pairing' if naive else 'extract'} | {g['gold']} | {g['pred']} | "
                f"{p:.3f} | {r:.3f} | {f:.3f} | {speaker} | "
                f"{g.get('scare', 0)} of {g.get('scare_listed', 0)} listed |"
            )
        print()
    else:
        print(f"Sample gold or seeds missing ({args.gold}, {args.seeds}): skipping.\n")
    if polnear.is_dir():
        print("### Whom `he` and `she` resolve to (hand-labelled PolNeAR sample)\n")
        print("| set | right | share |\n|---|---|---|")
        for set_name, (right, total) in score_pronouns(polnear).items():
            print(f"| {set_name} | {right}/{total} | {right / total:.3f} |")
        print()
    pages_dir = args.data / "article-extraction-benchmark" / "html"
    if pages_dir.is_dir():
        right, total = score_real_speakers(pages_dir)
        print("### Who said it, on real news pages (hand-labelled sample)\n")
        print("| quotes | right | share |\n|---|---|---|")
        print(f"| {total} | {right} | {right / total:.3f} |\n")
    if args.breakdown and polnear.is_dir():
        print("### Where the errors are\n")
        splits = args.splits.split(",")
        counts = {split: breakdown(polnear / split) for split in splits}
        keys = list(dict.fromkeys(k for c in counts.values() for k in c))
        print("| count | " + " | ".join(splits) + " |")
        print("|---|" + "---|" * len(splits))
        for key in keys:
            print(f"| {key} | " + " | ".join(str(counts[sp][key]) for sp in splits) + " |")
        print()
        pages = args.data / "article-extraction-benchmark" / "html"
        if pages.is_dir():
            print("### Real news pages read as HTML articles\n")
            for key, value in real_pages(pages).items():
                print(f"- {key}: {value}")
            print()
    if args.seeds.is_dir():
        print("### Speed\n")
        print("| document | words | quotes | extract (best of 3) |\n|---|---|---|---|")
        for label, words, n, secs in speed(args.seeds):
            print(f"| {label} | {words:,} | {n:,} | {secs * 1000:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
