"""The GitHub Action and the pre-commit hooks: valid files that call `verify` correctly.

Neither can run here (no GitHub runner, no network for pre-commit), so the tests check what
would break them: the composite-action schema, references between inputs, steps and outputs,
shell syntax of every script, and that every flag they pass exists on the `verify` command.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from verifier.cli import main as verify_command

REPO = Path(__file__).resolve().parent.parent
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _load(name: str) -> Any:
    return yaml.safe_load((REPO / name).read_text(encoding="utf-8"))


def _cli_flags() -> set[str]:
    return {opt for p in verify_command.params for opt in (*p.opts, *p.secondary_opts)}


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    data = _load("action.yml")
    assert isinstance(data, dict)
    return data


def test_action_is_a_valid_composite_action(action: dict[str, Any]) -> None:
    assert set(action) <= {"name", "description", "author", "branding", "inputs", "outputs", "runs"}
    assert action["name"] and action["description"]
    assert action["runs"]["using"] == "composite"
    for name, spec in action["inputs"].items():
        assert re.fullmatch(r"[a-z][a-z0-9-]*", name), name
        assert spec["description"], name
        assert set(spec) <= {"description", "required", "default", "deprecationMessage"}
        if "default" in spec:
            assert isinstance(spec["default"], str), f"{name}: defaults must be strings"
    for name, spec in action["outputs"].items():
        assert spec["description"] and spec["value"], name
    ids = [s["id"] for s in action["runs"]["steps"] if "id" in s]
    assert len(ids) == len(set(ids))
    for step in action["runs"]["steps"]:
        assert step.get("name"), step
        assert ("run" in step) != ("uses" in step), step["name"]
        if "run" in step:
            assert step["shell"] == "bash", f"{step['name']}: composite run steps need a shell"
        else:
            assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]


def test_every_expression_refers_to_something_defined(action: dict[str, Any]) -> None:
    text = (REPO / "action.yml").read_text(encoding="utf-8")
    inputs = set(action["inputs"])
    step_ids = {s["id"] for s in action["runs"]["steps"] if "id" in s}
    expressions = EXPRESSION.findall(text)
    assert expressions
    for expr in expressions:
        for name in re.findall(r"inputs\.([A-Za-z0-9_-]+)", expr):
            assert name in inputs, f"undefined input {name!r} in ${{{{ {expr} }}}}"
        for name in re.findall(r"steps\.([A-Za-z0-9_-]+)", expr):
            assert name in step_ids, f"undefined step {name!r} in ${{{{ {expr} }}}}"
        for root in re.findall(r"\b(github|runner|env|inputs|steps)\.", expr):
            assert root in {"github", "runner", "inputs", "steps"}
    used = set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", text))
    assert inputs <= used, f"inputs never used: {sorted(inputs - used)}"


def test_action_steps_install_cache_run_upload_and_summarise(action: dict[str, Any]) -> None:
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert uses.index("actions/setup-python") < uses.index("actions/cache")
    assert "actions/upload-artifact" in uses
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "pip install" in runs
    assert 'cat "$REPORT" >> "$GITHUB_STEP_SUMMARY"' in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["if"].startswith("always()")
    verify = next(s for s in steps if s.get("id") == "verify")
    assert "--format html" in verify["run"]
    assert "exit-code=" in verify["run"]
    # Inputs reach the script through the environment, never pasted into the shell text.
    for step in steps:
        assert not EXPRESSION.search(step.get("run", "")), step["name"]


def test_action_passes_only_real_verify_flags(action: dict[str, Any]) -> None:
    flags = _cli_flags()
    scripts = "\n".join(s.get("run", "") for s in action["runs"]["steps"])
    passed = set(re.findall(r"(?<![\w$-])(--[a-z][a-z-]+)", scripts))
    passed -= {"--disable-pip-version-check", "--quiet"}  # pip's own flags
    assert passed, "the action passes no flags to verify?"
    assert passed <= flags, f"unknown verify flags: {sorted(passed - flags)}"
    formats = set(re.findall(r"--format (\w+)", scripts))
    choices = next(p for p in verify_command.params if p.name == "formats").type.choices  # type: ignore[attr-defined]
    assert formats <= set(choices)


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_scripts_are_valid_bash(action: dict[str, Any]) -> None:
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue
        proc = subprocess.run(
            ["bash", "-n"], input=step["run"], capture_output=True, text=True, check=False
        )
        assert proc.returncode == 0, f"{step['name']}: {proc.stderr}"


def test_pre_commit_hooks() -> None:
    hooks = _load(".pre-commit-hooks.yaml")
    assert isinstance(hooks, list) and hooks
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    flags = _cli_flags()
    ids = [h["id"] for h in hooks]
    assert len(ids) == len(set(ids))
    allowed = {
        "id", "name", "entry", "language", "files", "exclude", "types", "types_or",
        "exclude_types", "args", "description", "pass_filenames", "require_serial",
        "minimum_pre_commit_version", "always_run", "stages", "verbose", "language_version",
    }  # fmt: skip
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook), hook
        assert set(hook) <= allowed, set(hook) - allowed
        assert hook["language"] == "python"
        entry = shlex.split(hook["entry"])
        assert entry[0] in scripts, f"{hook['id']}: entry {entry[0]!r} is not a console script"
        for arg in [*entry[1:], *hook.get("args", [])]:
            if arg.startswith("-"):
                assert arg in flags, f"{hook['id']}: unknown flag {arg}"
        files = re.compile(hook["files"])
        for name in ["news/a.md", "a.markdown", "b.html", "c.htm", "notes.txt"]:
            assert files.search(name), name
        for name in ["verifier/cli.py", "a.md.bak", "pyproject.toml", "x.yaml"]:
            assert not files.search(name), name
        skip = re.compile(hook["exclude"])  # text files that are never articles
        for name in [
            "requirements.txt",
            "docs/requirements-dev.txt",
            "LICENSE.txt",
            "x.egg-info/a.txt",
        ]:
            assert skip.search(name), name
        for name in ["news/statement.txt", "notes.txt", "a.md"]:
            assert not skip.search(name), name
