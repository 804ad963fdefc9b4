"""Which files to read: folders searched as git and ripgrep would, globs, and `-` for stdin.

In a folder, `.gitignore` and `.ignore` files are obeyed (those of the folder, of its
subfolders, and of its parents up to the repository's root), hidden folders are skipped,
and `include` picks the article files. `exclude` patterns are gitignore-style too
(`reports/`, `*.egg-info/`, `drafts/**/*.txt`), relative to the folder searched. A file
named on the command line is always read; a path with `*`, `?` or `[` that names no file
is expanded as a glob (`**` spans folders). `-` is the article on standard input.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from fnmatch import fnmatch
from pathlib import Path

from pathspec import GitIgnoreSpec

from verifier.errors import UsageError

STDIN = Path("-")
STDIN_NAME = "<stdin>"
IGNORE_FILES = (".gitignore", ".ignore")
_GLOB_CHARS = frozenset("*?[")


class _Ignores:
    """The ignore files met so far, each applying below its own folder."""

    def __init__(self, specs: Iterable[tuple[Path, GitIgnoreSpec]] = ()) -> None:
        self.specs = list(specs)

    def read(self, folder: Path) -> _Ignores:
        """These ignores plus those of `folder`'s own ignore files."""
        lines = []
        for name in IGNORE_FILES:
            file = folder / name
            if file.is_file():
                lines.extend(file.read_text(encoding="utf-8", errors="replace").splitlines())
        if not lines:
            return self
        return _Ignores([*self.specs, (folder, GitIgnoreSpec.from_lines(lines))])

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """The deepest ignore file with an opinion decides, as in git."""
        verdict = False
        for base, spec in self.specs:
            rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(rel)
            if result.include is not None:
                verdict = result.include
        return verdict


def _repository_ignores(folder: Path) -> _Ignores:
    """The ignore files of `folder`'s parents, up to the repository root (if in one)."""
    folder = folder.resolve()
    chain = [folder, *folder.parents]
    top = next((i for i, p in enumerate(chain) if (p / ".git").exists()), None)
    ignores = _Ignores()
    if top is None:
        return ignores
    for parent in reversed(chain[1 : top + 1]):
        ignores = ignores.read(parent)
    return ignores


def _walk(
    root: Path, included: tuple[str, ...], excluded: GitIgnoreSpec, gitignore: bool
) -> list[tuple[Path, str]]:
    """Depth-first over `root`; an ignored or excluded folder is never entered.

    A folder is entered once however many symbolic links lead to it, so a link to a parent
    (a loop) ends the descent instead of the run. A folder that cannot be listed is handed
    on as if it were a file: loading it fails, and the report names it and why.
    """
    found: list[tuple[Path, str]] = []
    start = _repository_ignores(root) if gitignore else _Ignores()
    stack = [(root, root.resolve(), "", start)]
    entered: set[tuple[int, int]] = set()
    while stack:
        folder, real, prefix, ignores = stack.pop()
        try:
            identity = os.stat(folder)
            if (identity.st_dev, identity.st_ino) in entered:
                continue
            entered.add((identity.st_dev, identity.st_ino))
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda e: e.name, reverse=True)
        except OSError:
            found.append((folder, display_name(str(root / prefix))))
            continue
        if gitignore:
            ignores = ignores.read(real)
        for entry in listing:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            is_dir = _is_dir(entry)
            if excluded.match_file(rel + "/" * is_dir):
                continue
            if ignores.specs and ignores.ignored(real / entry.name, is_dir):
                continue
            if is_dir:
                stack.append((Path(entry.path), real / entry.name, rel + "/", ignores))
            elif _matches(rel, included) and _is_file(entry):
                found.append((Path(entry.path), display_name(str(root / rel))))
    return sorted(found, key=lambda item: item[1])


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link that cannot be followed is not a folder to enter
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    """A file to read: a regular file, or anything that is not a folder but cannot be
    inspected (a broken or looping link matching the pattern), so loading it names it."""
    try:
        return entry.is_file() or (entry.is_symlink() and not entry.is_dir())
    except OSError:
        return True


def _expand(pattern: str, excluded: GitIgnoreSpec) -> list[tuple[Path, str]]:
    names = sorted(glob.glob(pattern, recursive=True))
    files = [n for n in names if Path(n).is_file() and not excluded.match_file(n)]
    if not files:
        raise UsageError(f"{pattern}: no file matches this pattern")
    return [(Path(n), display_name(n)) for n in files]


def collect_paths(
    paths: Sequence[Path],
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    gitignore: bool = True,
    force_exclude: bool = False,
) -> list[tuple[Path, str]]:
    """Every article file under `paths`, with the path to show for it, in a stable order.

    `force_exclude` (ruff's option of that name) applies `exclude` and the ignore files to
    files named one by one too, as pre-commit names every staged file.

    A path that does not exist (and is not a glob that matches) is a usage error, raised
    before any work is done. Each file comes once, however many paths lead to it.
    """
    included = tuple(include) or DEFAULT_INCLUDE
    excluded = GitIgnoreSpec.from_lines(list(exclude))
    found: list[tuple[Path, str]] = []
    for root in paths:
        if root == STDIN:
            found.append((STDIN, STDIN_NAME))
        elif root.is_file():
            if not (force_exclude and _skipped(root, excluded, gitignore)):
                found.append((root, display_name(str(root))))
        elif root.is_dir():
            found.extend(_walk(root, included, excluded, gitignore))
        elif _GLOB_CHARS & set(str(root)):
            found.extend(_expand(str(root), excluded))
        else:
            raise UsageError(f"{root}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for file, shown in found:
        key = file if file == STDIN else Path(os.path.abspath(file))  # realpath is slow
        if key not in seen:
            seen.add(key)
            unique.append((file, shown))
    return unique


DEFAULT_INCLUDE = ("**/*.md", "**/*.markdown", "**/*.html", "**/*.htm", "**/*.txt")


def _skipped(file: Path, excluded: GitIgnoreSpec, gitignore: bool) -> bool:
    """A named file that `exclude` (relative to the working folder) or an ignore file skips."""
    absolute = file.resolve()
    try:
        rel = absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        rel = file.as_posix()
    if excluded.match_file(rel):
        return True
    if not gitignore:
        return False
    ignores = _repository_ignores(absolute.parent).read(absolute.parent)
    return ignores.ignored(absolute, is_dir=False)


def display_name(path: str) -> str:
    """The path as reports can print and encode it: bytes of a file name that are not
    UTF-8 (kept by Python as lone surrogates) become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _matches(rel: str, globs: tuple[str, ...]) -> bool:
    """`include` globs, matched as before: `**/` also matches no folder at all."""
    return any(fnmatch(rel, g) or fnmatch(rel, g.replace("**/", "")) for g in globs)
