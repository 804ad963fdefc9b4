"""Where a run keeps its evidence and its source archive, found from the corpus upward.

A run finds them once, when it is planned (`plan_run`), and brings the archive up to date
then; every shard and worker then opens the same store, cassette and archive file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from verifier.archive import Archive, add_paths
from verifier.errors import InputError, UsageError
from verifier.fetch.recording import StorePolicy
from verifier.options import DEFAULT_ARCHIVE, DEFAULT_CASSETTE, DEFAULT_STORE, FetchOptions, Options


def evidence_options(fetch: FetchOptions, roots: Sequence[Path]) -> FetchOptions:
    """Where this run's evidence lives: the given cassette or store, else the corpus's.

    A store (`<corpus>/.verifier/sources`) is found from each path upward; an old single
    cassette (`.verifier/cassette.yaml`) is used when there is no store; a run that records
    and has neither creates the store in the first path's folder.
    """
    if fetch.cassette is not None or fetch.store is not None:
        return fetch
    store = default_store(roots)
    if store is None:
        cassette = default_cassette(roots)
        if cassette is not None:
            return replace(fetch, cassette=cassette)
        if not StorePolicy.from_options(fetch).record:
            return fetch
        store = new_store(roots)
    return replace(fetch, store=store)


def new_store(roots: Sequence[Path]) -> Path:
    """Where a store is created when there is none: `.verifier/sources` in the first path."""
    first = roots[0]
    return (first if first.is_dir() else first.parent) / DEFAULT_STORE


def default_store(roots: Sequence[Path]) -> Path | None:
    """`<corpus>/.verifier/sources`, looked for from each path upward."""
    return _find_upward(roots, DEFAULT_STORE, dirs=True)


def default_cassette(roots: Sequence[Path]) -> Path | None:
    """`<corpus>/.verifier/cassette.yaml`, looked for from each path upward."""
    return _find_upward(roots, DEFAULT_CASSETTE, dirs=False)


def _find_upward(roots: Sequence[Path], name: Path, *, dirs: bool) -> Path | None:
    for root in roots:
        folder = root if root.is_dir() else root.parent
        for candidate in [folder, *folder.resolve().parents]:
            path = candidate / name
            if path.is_dir() if dirs else path.is_file():
                return path if candidate != folder else folder / name
    return None


def default_archive(roots: Sequence[Path]) -> Path | None:
    """`<folder>/.verifier/archive.sqlite`, looked for from each path upward."""
    for root in roots:
        folder = root if root.is_dir() else root.parent
        for candidate in [folder, *folder.resolve().parents]:
            if (candidate / DEFAULT_ARCHIVE).is_file():
                return candidate / DEFAULT_ARCHIVE
    return None


def prepare_archive(opts: Options, roots: Sequence[Path]) -> tuple[Options, str]:
    """Bring the archive up to date once per run, before any shard opens it to read.

    The options then name the archive file itself, and the state returned (which changes
    with any update of the archive) goes into the shard keys, so `--resume` rechecks a
    shard whose archive changed.
    """
    if opts.extract_only or (not opts.use_archive and opts.sources_index is None):
        return opts, ""
    archive = open_archive(opts, roots)
    assert archive is not None
    try:
        state = archive.state()
    finally:
        archive.close()
    path = archive.path.resolve()  # the same file from any worker's folder
    return replace(opts, use_archive=True, sources_index=path, sources=()), state


def open_archive(opts: Options, roots: Sequence[Path]) -> Archive | None:
    """The archive for this run (brought up to date with `sources`), or None when off."""
    if not opts.use_archive and opts.sources_index is None:
        return None
    archive = Archive(_archive_path(opts, roots), create=bool(opts.sources))
    if opts.sources:
        missing = [str(p) for p in opts.sources if not p.exists()]
        if missing:
            raise InputError(f"sources: no such folder: {', '.join(missing)}")
        add_paths(archive, opts.sources)
    return archive


def _archive_path(opts: Options, roots: Sequence[Path]) -> Path:
    """The archive named, else the corpus's; else, when `sources` are to be indexed, a
    new one in the first path's folder."""
    path = opts.sources_index or default_archive(roots)
    if path is None and not opts.sources:
        raise UsageError(
            "--sources-index: no source archive found (.verifier/archive.sqlite); "
            "build one with: verify index add SOURCES_FOLDER"
        )
    if path is None:
        first = roots[0] if roots else Path(".")
        path = (first if first.is_dir() else first.parent) / DEFAULT_ARCHIVE
    return path
