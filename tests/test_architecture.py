"""The shape of the system, enforced: pure stages do no I/O, and data flows one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "verifier"

# The pipeline's stages, in order. A stage may import earlier stages, never later ones.
ORDER = [
    "models",
    "load",
    "extract",
    "candidates",
    "fetch",
    "text",
    "match",
    "semantic",
    "archive",
    "report",
]
# The run, which drives the stages: where its files are, its plan, its shards. No stage
# imports these.
RUN = ["locations", "planning", "reading", "articles", "finders", "pipeline", "scale", "cli"]
# Pure stages: no network, no subprocess, no files.
PURE = ["extract", "candidates", "text", "match", "language"]
IO_MODULES = {
    "httpx",
    "vcr",
    "socket",
    "subprocess",
    "urllib.request",
    "requests",
    "asyncio",
    "sqlite3",
}


def _modules(stage: str) -> list[Path]:
    folder = PACKAGE / stage
    return sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{stage}.py"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("stage", PURE)
def test_pure_stages_do_no_io(stage: str) -> None:
    for path in _modules(stage):
        bad = {
            name
            for name in _imports(path)
            if name.split(".")[0] in IO_MODULES or name in IO_MODULES
        }
        assert not bad, f"{path.relative_to(PACKAGE.parent)} imports {sorted(bad)}"


@pytest.mark.parametrize("stage", ORDER)
def test_stages_never_import_a_later_stage(stage: str) -> None:
    later = [*ORDER[ORDER.index(stage) + 1 :], *RUN]
    for path in _modules(stage):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "verifier" and len(parts) > 1:
                assert parts[1] not in later, (
                    f"{path.relative_to(PACKAGE.parent)} imports {name}: "
                    f"the {stage} stage comes before {parts[1]}"
                )


# The run's parts, under the orchestration that puts them together (pipeline, then scale
# and cli): a part never imports it, so `verifier/pipeline.py` reads as the whole run.
PARTS = ["locations", "planning", "reading", "articles", "finders"]


@pytest.mark.parametrize("part", PARTS)
def test_the_run_s_parts_never_import_its_orchestration(part: str) -> None:
    above = {"verifier.pipeline", "verifier.scale", "verifier.cli"}
    bad = _imports(PACKAGE / f"{part}.py") & above
    assert not bad, f"verifier/{part}.py imports {sorted(bad)}"
