"""Plain English told without the language model: does it ever disagree with the model?

    python bench/language.py [--data ../shared/data]

Takes the gold article bodies of the article-extraction benchmark's 181 real news pages,
cuts each into the samples `detect_language` judges (the whole text, or its beginning,
middle and end), and for every sample of 200 characters or more compares
`language.plainly_english` with py3langid's model: how many samples the shortcut calls
English, how many of those the model calls something else, the highest share of English
marker words in a sample the model calls another language (the margin under the threshold),
and how many confident English samples the shortcut leaves to the model. Also the time of
`detect_language` over all pages with the shortcut and with the model alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verifier import language  # noqa: E402

MIN_SAMPLE = 200


def _share(sample: str) -> float:
    words = language._WORD.findall(sample.lower())
    return sum(w in language._ENGLISH_MARKERS for w in words) / max(1, len(words))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    gold = args.data / "article-extraction-benchmark" / "ground-truth.json"
    if not gold.is_file():
        sys.exit(f"no gold text at {gold}: see ../shared/data/README.md")
    bodies = [v.get("articleBody") or "" for v in json.loads(gold.read_text("utf-8")).values()]
    samples = [
        s
        for body in bodies
        for s in map(language.without_placeholder, language._samples(body))
        if len(s) >= MIN_SAMPLE
    ]
    model = language._identifier()
    shortcut = disagree = left = 0
    foreign: list[float] = []
    for sample in samples:
        code, confidence = model.classify(sample)
        english = language.plainly_english(sample)
        shortcut += english
        disagree += english and code != "en"
        left += code == "en" and confidence >= language.MIN_CONFIDENCE and not english
        if code != "en":
            foreign.append(_share(sample))
    print(f"\n{len(bodies)} gold article bodies, {len(samples)} samples of {MIN_SAMPLE}+ chars\n")
    print("| samples | called English by the shortcut | of them, another language to the model "
          "| non-English samples | highest marker share among them | threshold "
          "| confident English left to the model |")  # fmt: skip
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {len(samples)} | {shortcut} | {disagree} | {len(foreign)} | "
        f"{max(foreign, default=0):.3f} | {language.ENGLISH_SHARE:.2f} | {left} |"
    )
    texts = [b for b in bodies if b]
    start = time.perf_counter()
    with_shortcut = [language.detect_language(b) for b in texts]
    fast = time.perf_counter() - start
    with mock.patch.object(language, "plainly_english", return_value=False):
        start = time.perf_counter()
        model_only = [language.detect_language(b) for b in texts]
        slow = time.perf_counter() - start
    changed = sum(a != b for a, b in zip(with_shortcut, model_only, strict=True))
    print("\n| pages | detect_language, shortcut s | model only s | pages whose answer differs |")
    print("| ---: | ---: | ---: | ---: |")
    print(f"| {len(texts)} | {fast:.2f} | {slow:.2f} | {changed} |")


if __name__ == "__main__":
    main()
