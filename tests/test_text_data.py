"""`read_source` on 181 real news pages (article-extraction-benchmark, with gold bodies).

Two promises are checked on real markup, where hand-written pages cannot reach:
- the failure heuristics spare real articles: no page is called a soft 404, a bot wall, an
  empty or script-only page; the only pages called paywalls are the two wsj.com pages that
  were served as subscriber teasers (checked by hand: the gold body itself is the 69- and
  92-word teaser, and the page says "To Read the Full Story ... Subscribe Sign In");
- the main text holds the gold article body, and the full text holds it on every page.

Floors sit a little below the values measured when they were set (see docs/benchmarks.md,
"Reading"), so a regression fails here rather than in a user's report.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from verifier.models import FetchResult
from verifier.text import read_source

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
BENCHMARK = DATA / "article-extraction-benchmark"

# Hand-checked: wsj.com served these as subscriber teasers (see the module docstring).
KNOWN_PAYWALLS = {
    "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856": "paywall",
    "7ab16ade32386ece353b8d31fc3bb7e660189efd5bf3c8549aaba101ad3f5ef5": "paywall",
}

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“«(]?[^\W\d_])")
_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'",
                             "’": "'", "–": "-", "—": "-", "\u200b": "", "\xad": ""})  # fmt: skip

pytestmark = [pytest.mark.data, pytest.mark.timeout(900)]


@dataclass(frozen=True)
class PageResult:
    page_id: str
    failure: str | None
    main_recall: float
    full_recall: float
    sentences: int
    sentences_in_main: int


def _tokens(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text))


def _recall(gold: Counter[str], text: Counter[str]) -> float:
    total = sum(gold.values())
    return sum((gold & text).values()) / total if total else 1.0


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).split()).lower()


@pytest.fixture(scope="module")
def results() -> list[PageResult]:
    truth_file = BENCHMARK / "ground-truth.json"
    if not truth_file.exists():
        pytest.skip(f"real pages not available: {truth_file} is missing (../shared/data)")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    out = []
    for page_id in sorted(truth):
        content = gzip.decompress((BENCHMARK / "html" / f"{page_id}.html.gz").read_bytes())
        url = truth[page_id]["url"]
        source = read_source(FetchResult(url=url, final_url=url, status=200,
                                         headers={"content-type": "text/html"},
                                         content=content))  # fmt: skip
        body = truth[page_id]["articleBody"]
        gold = _tokens(body)
        sentences = [
            s for s in (_normalise(p) for p in _SENTENCE_END.split(body)) if len(s.split()) >= 6
        ]
        main_norm = _normalise(source.main_text)
        out.append(
            PageResult(
                page_id=page_id,
                failure=source.failure.reason if source.failure else None,
                main_recall=_recall(gold, _tokens(source.main_text)),
                full_recall=_recall(gold, _tokens(source.full_text)),
                sentences=len(sentences),
                sentences_in_main=sum(s in main_norm for s in sentences),
            )
        )
    return out


def test_all_pages_were_read(results: list[PageResult]) -> None:
    assert len(results) == 181


def test_no_real_article_is_taken_for_a_failed_page(results: list[PageResult]) -> None:
    flagged = {r.page_id: r.failure for r in results if r.failure is not None}
    assert flagged == KNOWN_PAYWALLS


def test_main_text_holds_the_gold_body(results: list[PageResult]) -> None:
    recalls = [r.main_recall for r in results if r.page_id not in KNOWN_PAYWALLS]
    assert statistics.median(recalls) >= 0.99  # measured 1.000
    assert statistics.mean(recalls) >= 0.975  # measured 0.990
    assert sum(r >= 0.9 for r in recalls) / len(recalls) >= 0.95  # measured 97.2 %


def test_full_text_holds_the_gold_body_on_every_page(results: list[PageResult]) -> None:
    worst = min(results, key=lambda r: r.full_recall)
    assert worst.full_recall >= 0.9, worst  # measured: lowest 0.940


def test_gold_sentences_are_found_verbatim_in_the_main_text(results: list[PageResult]) -> None:
    total = sum(r.sentences for r in results)
    found = sum(r.sentences_in_main for r in results)
    assert found / total >= 0.94  # measured 96.0 % (the rest: spacing the gold body adds)
