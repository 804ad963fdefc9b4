"""The extractor stays readable: no function over 60 lines or above complexity 20 (radon)."""

from __future__ import annotations

from pathlib import Path

import pytest

radon = pytest.importorskip("radon.complexity")

EXTRACT = Path(__file__).resolve().parent.parent / "verifier" / "extract"


def _functions() -> list[tuple[str, int, int]]:
    out = []
    for path in sorted(EXTRACT.glob("*.py")):
        for block in radon.cc_visit(path.read_text(encoding="utf-8")):
            if not hasattr(block, "methods"):  # a class counts by its methods
                lines = block.endline - block.lineno + 1
                out.append((f"{path.stem}.{block.fullname}", block.complexity, lines))
    return out


def test_no_function_is_long_or_tangled() -> None:
    functions = _functions()
    assert len(functions) > 100  # the scan did see the package
    too_long = [(n, lines) for n, _, lines in functions if lines >= 60]
    too_complex = [(n, cc) for n, cc, _ in functions if cc > 20]
    assert not too_long, f"split these (60 lines or more): {too_long}"
    assert not too_complex, f"split these (complexity above 20): {too_complex}"
