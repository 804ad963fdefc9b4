"""What a process pays once before it checks its first quote: imports, word lists, model.

Each measurement runs in a fresh Python process (as a `--jobs` worker or a new run would):
the modules a run imports, then one of the lazily loaded resources, timed in CPU seconds
(`time.process_time`) and in resident memory added (RSS, from /proc/self/statm). The
numbers say what `--jobs N` repeats N times and what one process holds besides its work.

    python bench/startup.py          # docs/benchmarks.md, issues 12 and 14
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What each measurement loads, after `import verifier.cli` (a run's imports).
LOADS = {
    "imports of a run (verifier.cli)": "pass",
    "wordfreq English list, compact (wordlists.english_frequencies)":
        "from verifier import wordlists; wordlists.english_frequencies()",
    "dictionary, compact (wordlists.dictionary)":
        "from verifier import wordlists; wordlists.dictionary()",
    "language model, mapped (one non-English text)":
        "from verifier.language import detect_language; "
        "detect_language('Esto es un texto en español, escrito para que el modelo se cargue.')",
}  # fmt: skip

_CHILD = """
import json, os, time
def rss():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')
t0, m0 = time.process_time(), rss()
import verifier.cli
t1, m1 = time.process_time(), rss()
exec({load!r})
t2, m2 = time.process_time(), rss()
print(json.dumps({{"imports": [t1 - t0, m1 - m0], "load": [t2 - t1, m2 - m1]}}))
"""


def measure(load: str) -> dict[str, list[float]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD.format(load=load)],
        capture_output=True, text=True, check=True, env=env, cwd=ROOT,
    )  # fmt: skip
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per row")
    args = parser.parse_args()
    print("| what | CPU s (median) | RSS added MB (median) |")
    print("| --- | ---: | ---: |")
    for label, load in LOADS.items():
        key = "imports" if load == "pass" else "load"
        runs = sorted((measure(load)[key] for _ in range(args.repeat)), key=lambda r: r[0])
        cpu, rss = runs[len(runs) // 2]
        print(f"| {label} | {cpu:.2f} | {rss / 2**20:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
