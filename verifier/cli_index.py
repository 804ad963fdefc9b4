"""`verify index add|stats`: build and inspect the source archive (see docs/archive.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from verifier.errors import VerifierError
from verifier.options import DEFAULT_ARCHIVE

_INDEX_HELP = f"The archive file [default: {DEFAULT_ARCHIVE} in the current folder]."


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
def index() -> None:
    """Build and inspect the source archive that unlinked quotes are looked up in.

    Then run `verify CORPUS --sources-index` to check quotes without a link against it.
    """


@index.command("add")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option("--index", "index_path", type=click.Path(path_type=Path), help=_INDEX_HELP)
@click.option(
    "--from-store",
    "store",
    is_flag=False,
    flag_value=".verifier",
    default=None,
    metavar="[FOLDER]",
    help="Also index every page the evidence store holds (its cassettes) "
    "[default FOLDER: .verifier].",
)
def add(paths: tuple[Path, ...], index_path: Path | None, store: str | None) -> None:
    """Index the source files under PATHS (.html .htm .pdf .txt .md); new and changed only."""
    from verifier.archive import Archive, add_paths

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    if not paths and store is None:
        raise click.UsageError("give folders or files of sources, or --from-store")
    target = index_path or DEFAULT_ARCHIVE
    try:
        archive = Archive(target, create=True)
        report = add_paths(archive, paths)
        if store is not None:
            from verifier.archive.evidence import add_store

            if not Path(store).exists():
                raise click.UsageError(f"--from-store {store}: no such folder or file")
            stored = add_store(archive, Path(store))
            report.added += stored.added
            report.updated += stored.updated
            report.unchanged += stored.unchanged
            report.passages += stored.passages
            report.errors.extend(stored.errors)
        stats = archive.stats()
    except VerifierError as exc:
        console.print("[bold red]error:[/]", escape(str(exc)))
        sys.exit(2)
    for error in report.errors:
        console.print("[bold red]error:[/]", escape(f"{error} (skipped)"))
    click.echo(
        f"{target}: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {len(report.errors)} skipped; "
        f"{stats.documents} documents, {stats.passages} passages"
    )
    sys.exit(2 if report.errors else 0)


@index.command("stats")
@click.option("--index", "index_path", type=click.Path(path_type=Path), help=_INDEX_HELP)
def stats(index_path: Path | None) -> None:
    """How many documents and passages the archive holds, and its size."""
    from verifier.archive import Archive

    target = index_path or DEFAULT_ARCHIVE
    try:
        found = Archive(target).stats()
    except VerifierError as exc:
        Console(stderr=True).print("[bold red]error:[/]", escape(str(exc)))
        sys.exit(2)
    click.echo(f"archive: {found.path}")
    click.echo(f"documents: {found.documents}")
    click.echo(f"passages: {found.passages}")
    click.echo(f"size: {found.size_bytes / 1e6:.1f} MB")
