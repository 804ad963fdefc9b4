"""Run planning: which articles a run checks, cut into shards, each with a key for `--resume`.

Cheap by design: the files are listed and stat'ed, the URLs written in them counted, but
no article is parsed; the shards are then checked by `verifier.pipeline.check_shard`
wherever a scheduler puts them (`verifier.scale`).
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from verifier._version import __version__
from verifier.config import apply_overrides, load_options
from verifier.errors import UsageError
from verifier.load import DEFAULT_INCLUDE, collect_paths
from verifier.locations import evidence_options, prepare_archive
from verifier.options import Options
from verifier.outcome import Shard

# Shards (see `default_shard_size`): below MIN_SHARD articles a process costs more than it saves.
# A shard fetches and indexes every page its articles cite (each page is read once in the
# run): few, large shards share the most; but a shard holds its articles and results in
# memory until it ends, so it has at most MAX_SHARD articles.
MIN_SHARD = 20


SHARDS_PER_WORKER = 1


MAX_SHARD = 1000


# ... and the pages they cite, whose texts a shard keeps until it ends (`split_by_sources`).
MAX_SHARD_SOURCES = 500


@dataclass(frozen=True, slots=True)
class RunPlan:
    """What a run will check, cut into shards; cheap to make (no file is read)."""

    roots: tuple[Path, ...]
    options: Options
    shards: tuple[Shard, ...]

    @property
    def files(self) -> int:
        return sum(len(shard.files) for shard in self.shards)


def plan_run(
    paths: Iterable[str | Path],
    options: Options | None = None,
    *,
    workers: int = 1,
    shard_size: int = 0,
    **overrides: Any,
) -> RunPlan:
    """The files under `paths`, in shards for `workers` workers (or of `shard_size` articles).

    Options resolve as in `verify_paths`. Each shard carries a key that changes when one of
    its files or an option that affects verdicts changes, so `--resume` can trust it.
    """
    roots = [Path(p) for p in paths]
    if not roots:
        raise UsageError("no path given")
    opts, archive_state = prepare_archive(_resolved(roots, options, overrides), roots)
    parts = _cut(_articles(roots, opts), opts, workers, shard_size)
    settings = _options_key(opts) + archive_state
    shards = tuple(Shard(i, tuple(p), key=_shard_key(p, settings)) for i, p in enumerate(parts))
    return RunPlan(roots=tuple(roots), options=opts, shards=shards)


def _resolved(roots: list[Path], options: Options | None, overrides: dict[str, Any]) -> Options:
    """The corpus's configuration (or `options`) with `overrides`, and where the run's
    evidence lives."""
    if options is None:
        opts = load_options(roots, overrides)
    else:
        opts = apply_overrides(options, overrides)
    if not opts.extract_only:
        opts = replace(opts, fetch=evidence_options(opts.fetch, roots))
    return opts


def _articles(roots: list[Path], opts: Options) -> list[tuple[Path, str]]:
    """The files the include and exclude rules select (only those git says changed, with
    `changed_since`); an include that selects nothing is a usage error."""
    files = collect_paths(
        roots,
        include=opts.include,
        exclude=opts.exclude,
        gitignore=opts.gitignore,
        force_exclude=opts.force_exclude,
    )
    if not files and tuple(opts.include) != DEFAULT_INCLUDE:
        globs = ", ".join(opts.include)
        raise UsageError(f"include ({globs}) matched no article under the paths given")
    if opts.changed_since:
        files = _changed_since(files, opts.changed_since)
    return files


def _cut(
    files: list[tuple[Path, str]], opts: Options, workers: int, shard_size: int
) -> list[Sequence[tuple[Path, str]]]:
    """`files` in shards of `shard_size`, else as `default_shard_size` and
    `split_by_sources` cut them."""
    size = shard_size if shard_size > 0 else default_shard_size(len(files), workers)
    parts: list[Sequence[tuple[Path, str]]]
    parts = [files[at : at + size] for at in range(0, len(files), size)]
    if shard_size <= 0 and not opts.extract_only:
        parts = [piece for part in parts for piece in split_by_sources(part, MAX_SHARD_SOURCES)]
    return parts


def split_by_sources(
    files: Sequence[tuple[Path, str]], limit: int
) -> list[Sequence[tuple[Path, str]]]:
    """`files` in consecutive pieces, each citing at most `limit` distinct URLs.

    A shard keeps the text of every source its articles cite until it ends, so a corpus
    whose articles cite many different pages is cut by pages, not only by articles. The
    URLs are those written in the files (an estimate: relative links are not counted);
    an article citing more than `limit` on its own is a piece of its own.
    """
    pieces: list[Sequence[tuple[Path, str]]] = []
    start, urls = 0, set[bytes]()
    for i, (path, _) in enumerate(files):
        cited = _written_urls(path)
        if i > start and len(urls | cited) > limit:
            pieces.append(files[start:i])
            start, urls = i, set()
        urls |= cited
    return [*pieces, files[start:]] if files else pieces


_URL = re.compile(rb"https?://[^\s<>\"'()\[\]]+")


def _written_urls(path: Path) -> set[bytes]:
    try:
        return set(_URL.findall(path.read_bytes()))
    except OSError:
        return set()  # reported when the shard loads it


def default_shard_size(files: int, workers: int) -> int:
    """Articles per shard: one shard per worker, or more of equal size so that none has
    over MAX_SHARD articles (a shard's memory grows with its articles; each page is read
    once in the run whatever the number of shards); a small corpus in one shard.
    `--shard-size` sets it."""
    if files < 2 * MIN_SHARD:
        return max(1, files)
    shards = max(1, workers * SHARDS_PER_WORKER, -(-files // MAX_SHARD))
    return max(MIN_SHARD, -(-files // shards))  # even shards, none a small remainder


def _options_key(opts: Options) -> str:
    """The options that can change a shard's verdicts, as stable text (sets sorted)."""
    data = asdict(replace(opts, fail_on=frozenset(), baseline=None, changed_since=None))

    def plain(value: object) -> object:
        if isinstance(value, (set, frozenset)):
            return sorted(str(v) for v in value)
        return str(value)

    return json.dumps(data, default=plain, sort_keys=True)


def _shard_key(files: Sequence[tuple[Path, str]], settings: str) -> str:
    digest = hashlib.sha256(f"{__version__}\0{settings}".encode())
    for file, shown in files:
        try:
            stat = file.stat()
            mark = f"{stat.st_size}:{stat.st_mtime_ns}"
        except OSError:
            mark = "missing"
        digest.update(f"\0{shown}\0{mark}".encode())
    return digest.hexdigest()[:24]


def _changed_since(files: list[tuple[Path, str]], ref: str) -> list[tuple[Path, str]]:
    """Only the files that git says changed since `ref` (committed, staged or not)."""
    if not files:
        return files
    where = files[0][0].resolve().parent  # the repository of the corpus, not of the caller
    try:
        top = Path(_git(where, "rev-parse", "--show-toplevel")[0])
        changed = _git(top, "diff", "--name-only", ref, "--")
        changed += _git(top, "ls-files", "--others", "--exclude-standard")
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        raise UsageError(f"--changed-since {ref}: git failed: {detail.strip()}") from exc
    wanted = {(top / name).resolve() for name in changed}
    return [(file, shown) for file, shown in files if file.resolve() in wanted]


def _git(cwd: Path, *args: str) -> list[str]:
    """The lines git prints (one path a line: names with spaces stay whole)."""
    command = ["git", "-c", "core.quotepath=off", *args]  # "é.md" as is, not "\\303\\251.md"
    run = subprocess.run(command, capture_output=True, text=True, check=True, cwd=cwd)
    return run.stdout.splitlines()
