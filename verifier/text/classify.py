"""Pages that were served (HTTP 200) but hold no usable source text, and why.

Each rule pairs a signal (a phrase in the title or text, a marker in the markup) with "and
little else": a real article that mentions a captcha, a 404 error or a subscription is long,
and these pages are short. Reasons are short and stable, they become `unverifiable` reasons:

- "blocked": a bot challenge (Cloudflare "Just a moment…", "Checking your browser", a
  captcha, an Incapsula or Akamai refusal);
- "script-only page": an app shell that needs JavaScript to show anything;
- "empty page": no text at all;
- "soft 404": a page whose title, heading or text says it does not exist;
- "paywall": a page that is mostly a subscription or login prompt.

The thresholds were checked against 181 real news pages (tests/test_text_data.py): none of
them trips a rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from verifier.models import FetchFailure

# "Little else": the most words of text a page of each kind may have.
BLOCKED_MAX_WORDS = 150  # visible words of a challenge page
BLOCKED_MARKER_MAX_MAIN_WORDS = 40  # main-text words when only a captcha script tells
SCRIPT_MAX_MAIN_WORDS = 25  # main-text words of an app shell (its chrome may have more)
SCRIPT_MAX_FULL_WORDS = 150
SOFT_404_TITLE_MAX_WORDS = 300  # when a title or heading segment is only "404 Not Found"
SOFT_404_TEXT_MAX_WORDS = 120  # when a title, heading or the text's opening says so in words
SOFT_404_TEXT_SPAN = 400  # ... near its start (characters)
PAYWALL_MAX_WORDS = 150  # a teaser and the prompt
PAYWALL_FLAG_MAX_WORDS = 60  # `isAccessibleForFree: false` and hardly any text
LOGIN_MAX_WORDS = 80
# The rules read page signals only for pages this short (in main or in full text), so a
# reader may skip collecting them for longer pages.
SIGNALS_MAX_WORDS = max(BLOCKED_MAX_WORDS, SCRIPT_MAX_FULL_WORDS, PAYWALL_MAX_WORDS)


@dataclass(frozen=True, slots=True)
class PageSignals:
    """What the markup says besides its text (empty for plain text and PDF)."""

    html_title: str = ""
    headings: tuple[str, ...] = ()  # the first h1/h2 texts
    noscript_text: str = ""
    has_password_field: bool = False
    has_empty_app_root: bool = False  # <div id="root"></div> and nothing rendered
    markers: frozenset[str] = frozenset()  # names from MARKERS, and NOT_FREE_MARKER


# Markers in raw markup, as lower-case literals (a substring test is fast on a 2 MB page).
MARKERS: dict[str, tuple[str, ...]] = {
    "cloudflare challenge": (
        "_cf_chl_opt", "cf-browser-verification", "/cdn-cgi/challenge-platform/h/",
        'id="challenge-form"', 'id="challenge-running"', 'id="challenge-stage"',
        'id="challenge-body-text"', "cf-please-wait",
    ),
    "captcha": (
        "g-recaptcha", "h-captcha", "hcaptcha.com/1/api", "recaptcha/api.js", "cf-turnstile",
        "captcha-delivery.com", "px-captcha", "geo.captcha",
    ),
    "incapsula": ("_incapsula_resource", "incapsula incident id"),
}  # fmt: skip
# Google's paywall markup: `"isAccessibleForFree": false` (or "False") in JSON-LD.
_NOT_FREE = re.compile(r"[\"']isaccessibleforfree[\"']\s*:\s*[\"']?false")
NOT_FREE_MARKER = "not accessible for free"
_BOT_MARKERS = frozenset({"cloudflare challenge", "captcha", "incapsula"})

_BLOCKED = re.compile(
    r"just a moment\b|checking your browser|checking if the site connection is secure|"
    r"verify(?:ing)? (?:that )?you are (?:a )?human|are you a robot|\brobot check\b|"
    r"attention required|pardon our interruption|complete the security check|"
    r"ddos protection by|enable javascript and cookies to continue|"
    r"unusual traffic from your (?:computer )?network|press (?:&|and) hold|"
    r"\baccess denied\b|you don't have permission to access|you have been blocked|"
    r"request unsuccessful|performance (?:&|and) security by cloudflare|"
    r"needs to review the security of your connection",
    re.I,
)
_NEEDS_JS = re.compile(
    r"enable javascript|javascript (?:is |must be )?(?:disabled|required|not enabled|"
    r"turned off|enabled)|requires? javascript|turn on javascript|enable js\b|"
    r"browser (?:does not|doesn't) support javascript|javascript to (?:run|view|use)",
    re.I,
)
# A title or heading segment made only of these words ("404", "Page Not Found", "Error 404
# (Not Found)!!1") says the page does not exist; a headline that merely mentions a 404 is not.
_NOT_FOUND_WORDS = frozenset(
    {"404", "410", "error", "not", "found", "page", "oops", "sorry", "file", "http", "status",
     "code", "the", "this", "that", "content", "article", "story", "post", "gone"}
)  # fmt: skip
_SEGMENT_SPLIT = re.compile(r"\s+[|:·•–—-]\s+|\s*[|·•–—]\s*")
_NOT_FOUND_TEXT = re.compile(
    r"page\s+(?:was\s+|could\s+|can\s+)?not\s+(?:be\s+)?found|page\s+can(?:no|')t\s+be\s+found|"
    r"page\s+(?:does\s+not|doesn't|no\s+longer)\s+exists?|"
    r"(?:page|article|story|content|post|file)\s+(?:that\s+)?(?:you|you're|you\s+are)\s+"
    r"(?:were\s+|are\s+)?(?:looking|searching)\s+for|"
    r"page\s+you\s+(?:requested|tried|have\s+requested)|"
    r"requested\s+(?:page|url|resource)\s+(?:was\s+not|could\s+not\s+be|cannot\s+be)\s+found|"
    r"(?:article|story|content|post|page)\s+(?:is\s+)?no\s+longer\s+available|"
    r"(?:article|story|content|post|page)\s+(?:has\s+been|was)\s+(?:removed|deleted)|"
    r"(?:can't|cannot|couldn't|could\s+not)\s+find\s+(?:that|the|this)\s+(?:page|article|story)|"
    r"(?:this|that)\s+page\s+(?:isn't|is\s+not)\s+available|\b404\s+not\s+found\b|"
    r"\berror\s+404\b",
    re.I,
)
_PAYWALL = re.compile(
    r"subscribe\s+(?:now\s+|today\s+)?to\s+(?:continue\s+reading|keep\s+reading|unlock|"
    r"get\s+(?:full|unlimited)\s+access|read\s+(?:the\s+|this\s+)?(?:full\s+|rest\s+of\s+)?)|"
    r"continue\s+reading,?\s+(?:please\s+)?(?:subscribe|sign\s+in|log\s+in|register|become)|"
    r"to\s+continue\s+reading,?\s+(?:please\s+)?(?:subscribe|sign\s+in|log\s+in|register)|"
    r"(?:article|story|content)\s+is\s+(?:only\s+)?(?:available|reserved|exclusive)\s+"
    r"(?:only\s+)?(?:to|for)\s+(?:paying\s+|our\s+)?(?:subscribers|members|premium)|"
    r"\bsubscribers?[\s-]only\b|for\s+subscribers\s+only|"
    r"already\s+(?:a\s+subscriber|have\s+an\s+account)\W+(?:sign|log)\s+in|"
    r"you(?:'ve|\s+have)\s+(?:reached|used|read)\s+(?:your|all\s+your|the)\s+"
    r"(?:limit\s+of\s+|monthly\s+|maximum\s+)?(?:\d+\s+)?(?:free\s+)?(?:articles?|stories)|"
    r"free\s+article\s+limit|"
    r"(?:sign|log)\s+in\s+to\s+(?:continue|read|keep\s+reading)|"
    r"create\s+a\s+(?:free\s+)?account\s+to\s+(?:continue|read|keep\s+reading)|"
    r"register\s+(?:now\s+|for\s+free\s+)?to\s+(?:continue|read|keep\s+reading)|"
    r"become\s+a\s+(?:member|subscriber)\s+to\s+(?:read|continue)|"
    r"unlock\s+(?:this|the\s+full)\s+(?:article|story)|"
    r"to\s+read\s+(?:the|this)\s+full\s+(?:article|story)|subscription\s+required",
    re.I,
)
_LOGIN_TITLE = re.compile(r"\b(?:sign\s*in|log\s*in|login|sign\s*on)\b", re.I)
_WORD = re.compile(r"\w+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "…": "..."})


def find_markers(markup: str) -> frozenset[str]:
    """Names of the MARKERS (and NOT_FREE_MARKER) present in raw markup."""
    lowered = markup.lower()
    found = {name for name, needles in MARKERS.items() if any(n in lowered for n in needles)}
    if "isaccessibleforfree" in lowered and _NOT_FREE.search(lowered):
        found.add(NOT_FREE_MARKER)
    return frozenset(found)


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def classify(
    main_text: str,
    full_text: str,
    signals: PageSignals = PageSignals(),
    *,
    headers: Mapping[str, str] | None = None,
    url: str = "",
) -> FetchFailure | None:
    """The content-level failure of a served page, or None when it reads as a real text."""
    page = _Page.of(main_text, full_text, signals, headers or {})
    where = f" ({url})" if url else ""
    for check in _CHECKS:
        found = check(page)
        if found is not None:
            kind, detail = found
            return FetchFailure(kind, f"{detail}{where}")
    return None


@dataclass(frozen=True, slots=True)
class _Page:
    """What the checks look at: word counts, the page's texts folded, its labels, signals."""

    main_words: int
    full_words: int
    main: str
    full: str
    labels: list[str]
    label_text: str
    signals: PageSignals
    headers: Mapping[str, str]

    @classmethod
    def of(
        cls, main_text: str, full_text: str, signals: PageSignals, headers: Mapping[str, str]
    ) -> _Page:
        main_words = word_count(main_text)
        labels = [signals.html_title, *signals.headings]
        return cls(
            main_words=main_words,
            full_words=max(word_count(full_text), main_words),
            main=_plain(main_text),
            full=_plain(full_text),
            labels=labels,
            label_text=_plain(" | ".join(label for label in labels if label)),
            signals=signals,
            headers=headers,
        )


# A check: (failure kind, detail) when the page is that kind of failure, else None.
_Found = tuple[str, str] | None


def _bot_challenge(page: _Page) -> _Found:
    if page.headers.get("cf-mitigated", "").strip().lower() == "challenge":
        return "blocked", "bot challenge (cf-mitigated: challenge)"
    if page.full_words > BLOCKED_MAX_WORDS:
        return None
    phrase = _BLOCKED.search(page.label_text) or _BLOCKED.search(page.full)
    # A captcha script alone is common on real pages (comment forms): only an almost
    # textless page with one is a challenge.
    bot_markers = sorted(page.signals.markers & _BOT_MARKERS)
    if phrase or (bot_markers and page.main_words <= BLOCKED_MARKER_MAX_MAIN_WORDS):
        signal = f"'{phrase.group(0)}'" if phrase else bot_markers[0]
        return "blocked", f"bot challenge page: {signal}"
    return None


def _script_only(page: _Page) -> _Found:
    if page.main_words > SCRIPT_MAX_MAIN_WORDS or page.full_words > SCRIPT_MAX_FULL_WORDS:
        return None
    js = (
        _NEEDS_JS.search(_plain(page.signals.noscript_text))
        or _NEEDS_JS.search(page.full)
        or _NEEDS_JS.search(page.label_text)
    )
    if js or page.signals.has_empty_app_root:
        signal = f"'{js.group(0)}'" if js else "an empty app root"
        return "script-only page", f"the page needs JavaScript to show text: {signal}"
    return None


def _empty(page: _Page) -> _Found:
    if page.full_words:
        return None
    title = f" titled '{page.signals.html_title}'" if page.signals.html_title else ""
    return "empty page", f"the page{title} has no text"


def _soft_404(page: _Page) -> _Found:
    not_found = None
    if page.main_words <= SOFT_404_TITLE_MAX_WORDS:
        not_found = _not_found_segment(page.labels)
    if not_found is None and page.main_words <= SOFT_404_TEXT_MAX_WORDS:
        opening = (page.main or page.full)[:SOFT_404_TEXT_SPAN]
        phrase = _NOT_FOUND_TEXT.search(page.label_text) or _NOT_FOUND_TEXT.search(opening)
        not_found = phrase.group(0) if phrase else None
    return ("soft 404", f"the page says '{not_found}'") if not_found is not None else None


def _paywall(page: _Page) -> _Found:
    if page.main_words <= PAYWALL_MAX_WORDS:
        prompt = _PAYWALL.search(page.main) or _PAYWALL.search(page.full)
        if prompt:
            return "paywall", f"the page is mostly a prompt: '{prompt.group(0)}'"
    if page.main_words <= PAYWALL_FLAG_MAX_WORDS and NOT_FREE_MARKER in page.signals.markers:
        return "paywall", "the page is marked isAccessibleForFree: false"
    login = page.signals.has_password_field and _LOGIN_TITLE.search(page.label_text)
    if page.main_words <= LOGIN_MAX_WORDS and login:
        return "paywall", "the page is a login form"
    return None


# In order: the first that fires names the failure.
_CHECKS: tuple[Callable[[_Page], _Found], ...] = (
    _bot_challenge,
    _script_only,
    _empty,
    _soft_404,
    _paywall,
)


def _not_found_segment(labels: list[str]) -> str | None:
    """A title or heading segment that is nothing but "not found" words, if any."""
    for label in labels:
        for segment in _SEGMENT_SPLIT.split(label):
            words = {w.lower() for w in _WORD.findall(segment)}
            says_it = "404" in words or "410" in words or {"not", "found"} <= words
            if words and says_it and words <= _NOT_FOUND_WORDS:
                return segment.strip()
    return None


def _plain(text: str) -> str:
    """Typographic apostrophes and ellipses made plain, so one pattern covers both."""
    return text.translate(_APOSTROPHES)
