"""The hand-made gold of the five seed articles: consistent with the texts, and held by extract.

The seed articles live outside the repository (`../shared/seeds`); these tests skip when
they are missing. The floors are the issue's targets; bench/extraction.py prints the scores.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.extraction import find_gold, find_quoted, iou
from tests._docs import make_doc
from verifier.extract import extract

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted((ROOT / "fixtures" / "gold").glob("*.json"))
SEEDS = [ROOT / "fixtures" / "corpus", ROOT.parent / "shared" / "seeds"]


def _article(name: str) -> str:
    for folder in SEEDS:
        if (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8")
    pytest.skip(f"seed article {name} not found in {', '.join(map(str, SEEDS))}")


def test_there_is_gold_for_every_seed() -> None:
    assert len(GOLD) == 5


@pytest.mark.data
@pytest.mark.parametrize("gold_file", GOLD, ids=[g.stem for g in GOLD])
def test_gold_matches_its_article(gold_file: Path) -> None:
    spec = json.loads(gold_file.read_text(encoding="utf-8"))
    text = _article(spec["article"])
    for q in spec["quotes"]:
        find_gold(text, q["text"], q.get("occurrence", 1))
        assert q["speaker_mention"] in text
        assert q["kind"] in ("full", "partial", "block")
    for s in spec["scare_quotes"]:
        find_quoted(text, s["text"], s.get("occurrence", 1))


@pytest.mark.data
def test_extraction_holds_the_sample_corpus_gold() -> None:
    gold = tp = pred = scare = 0
    for gold_file in GOLD:
        spec = json.loads(gold_file.read_text(encoding="utf-8"))
        text = _article(spec["article"])
        quotes = extract(make_doc(text))
        spans = [(q.start, q.end) for q in quotes]
        pred += len(spans)
        for g in spec["quotes"]:
            s = find_gold(text, g["text"], g.get("occurrence", 1))
            gold += 1
            tp += any(iou((s, s + len(g["text"])), p) >= 0.8 for p in spans)
        for sq in spec["scare_quotes"]:
            s = find_quoted(text, sq["text"], sq.get("occurrence", 1))
            scare += any(iou((s, s + len(sq["text"])), p) >= 0.5 for p in spans)
    precision, recall = tp / pred, tp / gold
    assert 2 * precision * recall / (precision + recall) >= 0.95
    assert scare == 0


@pytest.mark.data
@pytest.mark.parametrize("gold_file", GOLD, ids=[g.stem for g in GOLD])
def test_every_gold_quote_is_still_found(gold_file: Path) -> None:
    """A regression gate tighter than the targets: today all 44 gold quotes are found.

    A rule tuned on PolNeAR that loses one of them (a block quote whose intro reads
    `From what I can tell, …`) fails here, by name, instead of nudging F1 under 1.0.
    """
    spec = json.loads(gold_file.read_text(encoding="utf-8"))
    text = _article(spec["article"])
    spans = [(q.start, q.end) for q in extract(make_doc(text))]
    missing = [
        g["text"][:60]
        for g in spec["quotes"]
        if not any(
            iou((s, s + len(g["text"])), p) >= 0.8
            for s in [find_gold(text, g["text"], g.get("occurrence", 1))]
            for p in spans
        )
    ]
    assert missing == []
