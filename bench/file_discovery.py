"""How fast file discovery is, and what .gitignore saves, on a generated repository.

Builds a repository-shaped tree in a temporary folder: `--articles` Markdown articles in
nested folders, plus what a real repository also holds and `.gitignore` names (a virtual
environment, a build folder, `*.egg-info`, old reports), each `--junk` files. Times
`collect_paths` with and without the ignore files, and the previous discovery (`rglob` of
everything, fnmatch filters), best of `--repeat`. Prints a Markdown table.

    python bench/file_discovery.py [--articles 2000] [--junk 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path

from verifier.load import DEFAULT_INCLUDE, collect_paths

IGNORED = (".venv/lib/site-packages", "build/lib", "pkg.egg-info", "reports/old")


def build(root: Path, articles: int, junk: int) -> None:
    (root / ".git").mkdir()
    (root / ".gitignore").write_text(".venv/\nbuild/\n*.egg-info/\nreports/\n", encoding="utf-8")
    for i in range(articles):
        folder = root / "articles" / f"{i % 40:02d}" / f"{i % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article-{i}.md").write_text("x\n", encoding="utf-8")
    for name in IGNORED:
        for i in range(junk):
            folder = root / name / f"{i % 50:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"file-{i}.txt").write_text("x\n", encoding="utf-8")


def previous(root: Path) -> list[Path]:
    """The discovery before this one: every file under the folder, then glob filters."""
    found = []
    for file in sorted(root.rglob("*")):
        rel = file.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not file.is_file():
            continue
        text = rel.as_posix()
        if any(fnmatch(text, g) or fnmatch(text, g.replace("**/", "")) for g in DEFAULT_INCLUDE):
            found.append(file)
    return found


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
        size = len(result)  # type: ignore[arg-type]
    return min(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--junk", type=int, default=5000, help="files in each ignored folder")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, args.articles, args.junk)
        total = args.articles + len(IGNORED) * args.junk
        rows = [
            ("collect_paths (obeys .gitignore)", lambda: collect_paths([root])),
            ("collect_paths --no-ignore", lambda: collect_paths([root], gitignore=False)),
            ("previous (rglob + fnmatch, no dedupe)", lambda: previous(root)),
        ]
        print(f"{total} files, {args.articles} of them articles; best of {args.repeat}\n")
        print("| discovery | files found | time (ms) |")
        print("| --- | ---: | ---: |")
        for name, run in rows:
            seconds, found = best_of(args.repeat, run)
            print(f"| {name} | {found} | {seconds * 1000:.0f} |")


if __name__ == "__main__":
    main()
