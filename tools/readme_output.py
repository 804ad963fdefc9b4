"""Regenerate the README's printed output of `verify fixtures/corpus` from a real run.

    python tools/readme_output.py          # rewrite README.md in place
    python tools/readme_output.py --check  # exit 1 if the README is out of date

The run is the one a reader gets in a pipe: 80 columns, no colour, no progress. The text
goes between the `<!-- verify-output -->` and `<!-- /verify-output -->` markers, never
edited by hand.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
START, END = "<!-- verify-output -->", "<!-- /verify-output -->"
# Without the semantic extra's evidence, as the README's first command installs it (the
# README shows what the extra adds separately).
COMMAND = ["fixtures/corpus", "--no-semantic"]


def run_verify() -> str:
    """stdout of `verify fixtures/corpus` as a pipe at 80 columns sees it."""
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
    for name in ("CI", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "FORCE_COLOR"):
        env.pop(name, None)
    script = "from verifier.cli import main; main()"
    proc = subprocess.run(
        [sys.executable, "-c", script, *COMMAND, "--no-progress"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    # A crash (an ImportError outside the venv) also exits 1: no report means it failed.
    if proc.returncode not in (0, 1) or not proc.stdout.strip():
        raise SystemExit(f"verify failed ({proc.returncode}):\n{proc.stderr}")
    return "\n".join(line.rstrip() for line in proc.stdout.splitlines())


def with_output(readme: str, output: str) -> str:
    """The README with the text between the markers replaced by `output` in a text block."""
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(readme):
        raise SystemExit(f"README.md has no {START} … {END} block")
    block = f"{START}\n```text\n{output}\n```\n{END}"
    return pattern.sub(lambda _: block, readme, count=1)


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    updated = with_output(current, run_verify())
    if "--check" in argv:
        if updated != current:
            print("README.md output is out of date: run python tools/readme_output.py")
            return 1
        return 0
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
