"""A fingerprint of everything the extractor finds, to prove a refactoring changed nothing.

    python bench/extraction_snapshot.py [--data ../shared/data] [--seeds ../shared/seeds]
                                        [--dump FILE]

Runs `extract` over PolNeAR (train and dev), the seed articles and the real news pages, and
prints one SHA-256 per set over every quote's span, kind, text, speaker, speaker mention and
cue. Equal hashes before and after a change mean the change kept the behaviour; `--dump`
writes the lines themselves, so that `diff` shows what moved when they differ.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verifier.extract import extract  # noqa: E402
from verifier.load import load_string  # noqa: E402
from verifier.models import Mention, Quote  # noqa: E402


def _mention(m: Mention | None) -> str:
    return f"{m.text}@{m.start}-{m.end}" if m else "-"


def describe(q: Quote) -> str:
    """One line per quote: everything extraction decides (and not how it decided it)."""
    return "\t".join(
        [
            f"{q.start}-{q.end}",
            q.kind.value,
            q.text,
            q.speaker or "-",
            _mention(q.speaker_mention),
            _mention(q.cue),
        ]
    )


def documents(data: Path, seeds: Path) -> Iterator[tuple[str, str, str, str]]:
    """(set, name, text, format) for every document of every set."""
    for split in ("train", "dev"):
        for path in sorted((data / "polnear" / "data" / split / "text").glob("*.txt")):
            yield f"polnear-{split}", path.name, path.read_text(encoding="utf-8"), "text"
    for path in sorted(seeds.glob("*.txt")):
        yield "seeds", path.name, path.read_text(encoding="utf-8"), "text"
    pages = data / "article-extraction-benchmark" / "html"
    for path in sorted(pages.glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        yield "pages", path.name, html, "html"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--dump", type=Path, help="write every quote's line to this file")
    args = ap.parse_args()
    hashes: dict[str, hashlib._Hash] = {}
    counts: dict[str, int] = {}
    lines: list[str] = []
    for name_of_set, name, text, fmt in documents(args.data, args.seeds):
        h = hashes.setdefault(name_of_set, hashlib.sha256())
        for q in extract(load_string(text, fmt, name)):
            line = f"{name_of_set}\t{name}\t{describe(q)}"
            h.update(line.encode() + b"\n")
            counts[name_of_set] = counts.get(name_of_set, 0) + 1
            lines.append(line)
    for name_of_set, h in hashes.items():
        print(f"{name_of_set:14} {counts.get(name_of_set, 0):6} quotes  {h.hexdigest()[:16]}")
    if args.dump:
        args.dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
