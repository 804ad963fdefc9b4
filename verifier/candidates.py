"""The sources stage: which URLs might hold each quote, best first, and why.

An editor's link closest to the quote is the strongest claim of where it comes from:
a link in the quote's sentence, then in its paragraph, then a footnote, then anywhere in
the block quote that holds it (its signature, an HTML `cite`), then the line that
introduces a block quote, then the article's front-matter `sources:`, then (for a quote
with no link of its own) the links at the same speaker's other quotes, and last another
article of the same corpus that contains the quote (checked against that article's own
URL).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from urllib.parse import urljoin

from verifier.extract.sentences import sentence_ends
from verifier.extract.speakers import surname_key
from verifier.models import (
    Candidate,
    CandidateReason,
    CorpusArticle,
    Document,
    Link,
    LinkKind,
    ParagraphKind,
    Quote,
    QuoteKind,
    is_web_url,
)

# A function that lists the other articles of the corpus that contain a quote's text.
CorpusLookup = Callable[[Quote, Document], Sequence[CorpusArticle]]
# A speaker's key (see `surname_key`) -> where each of their linked quotes starts, and its URL.
SpeakerLinks = Mapping[str, Sequence[tuple[int, str]]]
# Links whose kind says more than where they stand.
_BY_KIND = {
    LinkKind.FOOTNOTE: CandidateReason.FOOTNOTE,
    LinkKind.CITE: CandidateReason.BLOCKQUOTE_LINK,
}
# Links that never hold a quote's words, wherever they stand: a hashtag or tag index, a
# share button's target (an embedded post links its hashtags; share bars sit in articles).
_NOT_A_SOURCE = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:"
    r"(?:twitter|x)\.com/(?:hashtag|intent|share|search)\b"
    r"|facebook\.com/(?:sharer|share\.php|dialog/share|hashtag)"
    r"|instagram\.com/explore/tags/|linkedin\.com/(?:shareArticle|sharing)"
    r"|reddit\.com/submit|pinterest\.com/pin/create|whatsapp\.com/send|t\.me/share"
    r")",
    re.IGNORECASE,
)
# More links than an introducing line gives, when they are most of its words: a link list.
_MAX_INTRO_LINKS = 3
# How many of a speaker's other links a quote without its own is tried against.
MAX_SPEAKER_LINKS = 3


def find_candidates(
    quote: Quote,
    document: Document,
    corpus_lookup: CorpusLookup | None = None,
    speaker_links: SpeakerLinks | None = None,
) -> list[Candidate]:
    """Ranked, de-duplicated candidate sources for `quote` in `document`.

    `speaker_links` (from `links_by_speaker`) lets a quote with no link at it be tried
    against the links the article gives at the same speaker's other quotes: a reporter
    links a statement once and quotes it again paragraphs later.
    """
    linked = _linked_at(quote, document)
    found = linked + [
        Candidate(u, CandidateReason.FRONT_MATTER) for u in front_matter_sources(document)
    ]
    if speaker_links and not linked:
        found += _same_speaker(quote, speaker_links)
    if corpus_lookup is not None:
        for other in corpus_lookup(quote, document):
            if other.url:
                found.append(Candidate(other.url, CandidateReason.CORPUS_ARTICLE, other.path))
    return _dedupe(found, own_url=document.url)


def links_by_speaker(
    document: Document, quotes: Iterable[Quote]
) -> dict[str, list[tuple[int, str]]]:
    """The links the editor put at each named speaker's quotes, for `find_candidates`."""
    links: dict[str, list[tuple[int, str]]] = {}
    for quote in quotes:
        key = surname_key(quote.speaker)
        if key:
            for candidate in _linked_at(quote, document):
                links.setdefault(key, []).append((quote.start, candidate.url))
    return links


def _same_speaker(quote: Quote, speaker_links: SpeakerLinks) -> list[Candidate]:
    """The nearest distinct links at the same speaker's other quotes."""
    key = surname_key(quote.speaker)
    links = sorted(speaker_links.get(key, ()) if key else (), key=lambda p: abs(p[0] - quote.start))
    urls = list(dict.fromkeys(url for _, url in links))
    reason = CandidateReason.SPEAKER_LINK
    return [Candidate(url, reason, quote.speaker or "") for url in urls[:MAX_SPEAKER_LINKS]]


def _linked_at(quote: Quote, document: Document) -> list[Candidate]:
    """The links the editor put at the quote: its sentence, paragraph, footnotes, intro line."""
    found: list[Candidate] = []
    para_index = document.paragraph_index(quote.start)
    para = document.paragraphs[para_index] if document.paragraphs else None
    s_start, s_end = sentence_bounds(document, quote)

    def add(links: Iterable[Link], reason: CandidateReason) -> None:
        for link in links:
            url = _absolute(link.url, document.url)
            if url and not _NOT_A_SOURCE.match(url):
                why = _BY_KIND.get(link.kind, reason)
                found.append(Candidate(url, why, link.text))

    add(_links_within(document, s_start, s_end), CandidateReason.SENTENCE_LINK)
    if para is not None:
        add(_links_within(document, para.start, para.end), CandidateReason.PARAGRAPH_LINK)
    if quote.kind is QuoteKind.BLOCK or (
        para is not None and para.kind is ParagraphKind.BLOCKQUOTE
    ):
        start, end = _blockquote_run(document, para_index)
        add(_links_within(document, start, end), CandidateReason.BLOCKQUOTE_LINK)
        intro = _introducing_paragraph(document, para_index)
        if intro is not None:
            start, end = intro
            add(_links_within(document, start, end), CandidateReason.BLOCKQUOTE_INTRO)
    return found


def sentence_bounds(document: Document, quote: Quote) -> tuple[int, int]:
    """The span of the sentence(s) holding the quote, within its paragraph.

    Sentence edges are the extractor's (`sentence_ends`), so both stages agree on where a
    sentence stops, abbreviations ("Mr.", "U.S.") included.
    """
    if not document.paragraphs:
        return quote.start, quote.end
    para = document.paragraphs[document.paragraph_index(quote.start)]
    text = document.text
    ends = sentence_ends(text, para.start, para.end)
    start = max((e for e in ends if e <= quote.start), default=para.start)
    while start < quote.start and text[start].isspace():
        start += 1
    # The sentence goes on past the closing mark ("…,” she said, citing [the report].); an
    # end right after the mark ("…win.” He said) is the quote's own full stop, not the end.
    end = next((e for e in ends if e > quote.end + 1), para.end)
    return start, max(end, quote.end)


def front_matter_sources(document: Document) -> list[str]:
    """URLs listed under `sources:` in the front matter (strings or {url: ...} entries)."""
    raw = document.metadata.get("sources") or []
    if isinstance(raw, (str, dict)):
        raw = [raw]
    urls = []
    for entry in raw if isinstance(raw, list) else []:
        url = entry.get("url") if isinstance(entry, dict) else entry
        absolute = _absolute(url, document.url) if isinstance(url, str) else None
        if absolute:
            urls.append(absolute)
    return urls


def _links_within(document: Document, start: int, end: int) -> list[Link]:
    return [link for link in document.links if start <= link.start and link.end <= end]


def _blockquote_run(document: Document, index: int) -> tuple[int, int]:
    """The span of the block-quoted paragraphs around paragraph `index` (a tweet's link in
    its signature line, an HTML `cite`, are the block's own source)."""
    paras = document.paragraphs
    first = last = index
    while first > 0 and paras[first - 1].kind is ParagraphKind.BLOCKQUOTE:
        first -= 1
    while last + 1 < len(paras) and paras[last + 1].kind is ParagraphKind.BLOCKQUOTE:
        last += 1
    return paras[first].start, paras[last].end


def _introducing_paragraph(document: Document, index: int) -> tuple[int, int] | None:
    """The paragraph before a block quote (the line that introduces it). A run of links
    (a tag cloud, a menu) introduces nothing; a line that is one linked name ("Engadget")
    names the quote's source."""
    i = index
    while i > 0 and document.paragraphs[i - 1].kind is ParagraphKind.BLOCKQUOTE:
        i -= 1
    if i == 0:
        return None
    intro = document.paragraphs[i - 1]
    links = _links_within(document, intro.start, intro.end)
    words = len(document.text[intro.start : intro.end].split())
    linked = sum(len(document.text[link.start : link.end].split()) for link in links)
    if len(links) > _MAX_INTRO_LINKS and linked * 2 > words:
        return None
    return intro.start, intro.end


def _absolute(url: str, base: str | None) -> str | None:
    """The link as an http(s) address, a relative one read against `base`; else None."""
    url = url.strip()
    if base and is_web_url(base) and not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        url = urljoin(base, url)
    return url if is_web_url(url) else None


def _dedupe(found: list[Candidate], own_url: str | None) -> list[Candidate]:
    seen = {_key(own_url)} if own_url else set()
    out = []
    for candidate in found:
        key = _key(candidate.url)
        if key not in seen:
            seen.add(key)
            out.append(candidate)
    return out


def _key(url: str) -> str:
    """URLs that differ only by a fragment or a trailing slash are the same source."""
    return url.split("#", 1)[0].rstrip("/")
