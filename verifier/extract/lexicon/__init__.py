"""The extractor's word lists, one file each, with a header saying what the list is for.

Each `*.txt` here opens with `#` lines: what the list is for, and (`# shares:`) which other
lists it may share words with on purpose. Then one entry per line, sorted, no duplicates
(`tests/test_extract_lexicon.py` checks all of it). Entries are lower case unless the case
is the point (titles, abbreviations).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def words(name: str) -> frozenset[str]:
    """The entries of `lexicon/<name>.txt` (comment lines and blank lines left out)."""
    return frozenset(entries(name))


def entries(name: str) -> list[str]:
    """The entries of a list in file order, for the tests that check its order."""
    text = files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def header(name: str) -> list[str]:
    """The `#` lines that open a list (what it is for, what it shares)."""
    text = files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return [line[1:].strip() for line in text.splitlines() if line.startswith("#")]


def names() -> list[str]:
    """Every list of the package, by file name."""
    return sorted(
        p.name[: -len(".txt")] for p in files(__name__).iterdir() if p.name.endswith(".txt")
    )
