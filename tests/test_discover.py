"""File discovery: .gitignore obeyed as git does, --exclude, quoted globs and `-` for stdin."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.cli import main
from verifier.errors import UsageError
from verifier.load import collect_paths


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _shown(root: Path, **kwargs: object) -> list[str]:
    found = collect_paths([root], **kwargs)  # type: ignore[arg-type]
    return [Path(shown).relative_to(root).as_posix() for _, shown in found]


def test_gitignore_rules_are_obeyed_like_git(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            ".gitignore": "*.egg-info/\nreports/\ndata/*.txt\n!data/keep.txt\n",
            "article.md": "x",
            "pkg.egg-info/SOURCES.txt": "x",
            "reports/report.html": "x",
            "data/big.txt": "x",
            "data/keep.txt": "x",
            "drafts/.gitignore": "old-*.md\n",
            "drafts/old-1.md": "x",
            "drafts/new.md": "x",
            "notes/.ignore": "*.txt\n",
            "notes/todo.txt": "x",
        },
    )
    assert _shown(tmp_path) == ["article.md", "data/keep.txt", "drafts/new.md"]
    everything = _shown(tmp_path, gitignore=False)
    assert "reports/report.html" in everything and "pkg.egg-info/SOURCES.txt" in everything


def test_a_parent_folders_gitignore_applies_up_to_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _tree(
        repo,
        {
            ".git/HEAD": "x",
            ".gitignore": "site/build/\n",
            "site/a.md": "x",
            "site/build/a.html": "x",
        },
    )
    assert _shown(repo / "site") == ["a.md"]
    outside = tmp_path / "outside"  # no repository above: no parent ignore file counts
    _tree(outside, {"x/.gitignore": "*.md\n", "x/y/a.md": "x"})
    assert _shown(outside / "x" / "y") == ["a.md"]


def test_exclude_patterns_are_gitignore_style(tmp_path: Path) -> None:
    _tree(tmp_path, {"a.md": "x", "drafts/b.md": "x", "deep/er/c.txt": "x", "deep/d.md": "x"})
    assert _shown(tmp_path, exclude=["drafts/", "*.txt"]) == ["a.md", "deep/d.md"]
    assert _shown(tmp_path, exclude=["/deep"]) == ["a.md", "drafts/b.md"]


def test_globs_expand_and_a_named_file_is_always_read(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": "*.md\n", ".git/x": "", "a/x.md": "x", "a/b/y.md": "x"})
    found = collect_paths([Path(f"{tmp_path}/a/**/*.md")])
    assert [Path(s).name for _, s in found] == ["y.md", "x.md"]
    assert [s for _, s in collect_paths([tmp_path / "a" / "x.md"])] == [str(tmp_path / "a/x.md")]
    with pytest.raises(UsageError, match="no file matches"):
        collect_paths([Path(f"{tmp_path}/none/*.md")])


def test_stdin_is_an_article_and_exclude_on_the_command_line(tmp_path: Path) -> None:
    article = 'The minister said: "We will build the bridge next year," on Monday.\n'
    runner = CliRunner()
    result = runner.invoke(main, ["-", "--extract-only", "--no-progress"], input=article)
    assert result.exit_code == 0, result.output
    assert "<stdin>:1:" in result.output and "We will build the bridge" in result.output
    _tree(tmp_path, {"a.md": article, "skip/b.md": article})
    out = runner.invoke(
        main, [str(tmp_path), "--extract-only", "--no-progress", "--exclude", "skip/"]
    )
    assert "1 quote in 1 document" in out.output, out.output


def test_force_exclude_applies_to_named_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pre-commit names every staged file: --force-exclude still skips the excluded ones."""
    _tree(tmp_path, {".git/HEAD": "x", ".gitignore": "build/\n", "a.md": "x", "build/b.md": "x"})
    monkeypatch.chdir(tmp_path)
    named = [Path("a.md"), Path("build/b.md"), Path("notes.md")]
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    assert len(collect_paths(named)) == 3  # a named file is read by default
    kept = collect_paths(named, exclude=["notes.md"], force_exclude=True)
    assert [shown for _, shown in kept] == ["a.md"]


def test_no_ignore_on_the_command_line_reads_ignored_files(tmp_path: Path) -> None:
    article = 'The minister said: "We will build the bridge next year," on Monday.\n'
    _tree(tmp_path, {".gitignore": "drafts/\n", "a.md": article, "drafts/b.md": article})
    runner = CliRunner()
    base = [str(tmp_path), "--extract-only", "--no-progress"]
    assert "1 quote in 1 document" in runner.invoke(main, base).output
    result = runner.invoke(main, [*base, "--no-ignore"])
    assert "2 quotes in 2 documents" in result.output, result.output


def test_a_link_back_to_a_parent_folder_is_entered_once(tmp_path: Path) -> None:
    _tree(tmp_path, {"a.md": "# A\n", "sub/b.md": "# B\n"})
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "self").symlink_to("self")  # a link to itself: cannot be followed
    (tmp_path / "twin").symlink_to(tmp_path / "sub", target_is_directory=True)
    found = _shown(tmp_path)
    # every article once (the twin folder is the same folder), the broken link named so that
    # loading it says why; no descent into sub/loop/sub/loop/...
    assert found[:2] == ["a.md", "sub/b.md"]
    assert len(found) <= 3 and all("loop" not in name for name in found)


def test_a_looping_corpus_still_gives_a_report(tmp_path: Path) -> None:
    _tree(tmp_path, {"a.md": '# A\n\nShe said: "we will build the bridge next spring."\n'})
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    result = CliRunner().invoke(main, [str(tmp_path), "--extract-only", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"we will build the bridge next spring."' not in result.stderr
    assert "bridge next spring" in result.stdout


def test_folder_that_cannot_be_listed_is_named_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    _tree(tmp_path, {"a.md": "# A\n", "locked/b.md": "# B\n"})
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    assert _shown(tmp_path) == ["a.md", "locked"]
    result = CliRunner().invoke(main, [str(tmp_path), "--extract-only", "--format", "json"])
    assert "locked: cannot list this folder: Permission denied" in result.stderr, result.output
    assert result.exit_code == 2  # a file or folder that cannot be read (--allow-unreadable)
