"""`verify`: thin click over `verify_paths`. Parses options, runs, reports, sets the exit code."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from rich.console import Console
from rich.markup import escape

from verifier.errors import UsageError, VerifierError
from verifier.models import DocumentResult, Report, Verdict
from verifier.options import RECORD_MODES, Options
from verifier.outcome import ExitCode, RunMerger, ShardResult, exit_code
from verifier.pipeline import ProgressHook
from verifier.planning import plan_run
from verifier.progress import progress_to
from verifier.scale import default_jobs, run_corpus

FORMATS = (
    "terminal",
    "json",
    "jsonl",
    "markdown",
    "html",
    "junit",
    "sarif",
    "github",
    "gitlab",
    "rdjson",
)
EXTENSIONS = {
    "json": "json",
    "jsonl": "jsonl",
    "gitlab": "gitlab.json",
    "rdjson": "rdjson",
    "markdown": "md",
    "html": "html",
    "junit": "junit.xml",
    "sarif": "sarif",
    "github": "github.txt",
}
VERDICT_NAMES = tuple(v.value for v in Verdict)


def _fail_on(values: tuple[str, ...]) -> frozenset[Verdict] | None:
    if not values:
        return None
    names = {name.strip() for value in values for name in value.split(",") if name.strip()}
    if names == {"none"}:
        return frozenset()
    unknown = names - set(VERDICT_NAMES)
    if unknown:
        raise click.BadParameter(
            f"{', '.join(sorted(unknown))}: use verdict names ({', '.join(VERDICT_NAMES)}) "
            "or 'none'",
            param_hint="--fail-on",
        )
    return frozenset(Verdict(name) for name in names)


def _duration(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    if value is None:
        return None
    from verifier.config import parse_duration

    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


class _WithSubcommands(click.Command):
    """`verify PATHS` stays one command; `verify index ...` hands over to its own group.

    A folder literally named `index` is checked with `verify ./index`.
    """

    def main(self, args: Any = None, *rest: Any, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        if argv and argv[0] == "index":
            from verifier.cli_index import index

            extra.setdefault("prog_name", "verify index")
            return index.main(argv[1:], *rest, **extra)
        return super().main(argv, *rest, **extra)


@click.command(
    cls=_WithSubcommands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Source archive: `verify index add FOLDER` indexes transcripts, releases and "
    "wire copy; `verify index stats` describes it; see --sources-index.",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Report format; repeat for several. One text format alone is printed to stdout "
    "(or --output); html, and several formats, are written to --report-dir.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the single --format report to this file.",
)
@click.option(
    "--report-dir",
    type=click.Path(path_type=Path),
    help="Write every --format report into this folder [default: reports/].",
)
@click.option(
    "--cassette",
    type=click.Path(path_type=Path),
    help="vcrpy YAML cassette to replay and record into "
    "[default: <corpus>/.verifier/cassette.yaml if it exists].",
)
@click.option(
    "--store",
    type=click.Path(path_type=Path, file_okay=False),
    help="Evidence store folder, one small cassette per source "
    "[default: <corpus>/.verifier/sources, found upward; created when recording].",
)
@click.option(
    "--record-mode",
    type=click.Choice(RECORD_MODES),
    help="Record what is fetched: once/new_episodes record sources not yet recorded, all "
    "re-records every source, none replays only [default: replay what is recorded, fetch "
    "the rest without recording].",
)
@click.option(
    "--refresh",
    is_flag=True,
    default=None,
    help="Refetch and re-record every recorded source; a changed one is reported as changed.",
)
@click.option(
    "--max-age",
    callback=_duration,
    metavar="DURATION",
    help="Refetch and re-record recordings older than this (90s, 15m, 12h, 30d, 2w).",
)
@click.option(
    "--import-cassette",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Copy a single vcrpy cassette's recordings into the store, then run.",
)
@click.option(
    "--export-cassette",
    type=click.Path(path_type=Path, dir_okay=False),
    help="After the run, write every recording of the store into one vcrpy cassette.",
)
@click.option(
    "--offline",
    is_flag=True,
    default=None,
    help="Never touch the network: URLs missing from the cassette are 'not recorded'.",
)
@click.option(
    "--extract-only",
    is_flag=True,
    default=None,
    help="Only extract quotes and speakers; no sources, no network.",
)
@click.option(
    "--no-semantic",
    "semantic",
    flag_value=False,
    default=None,
    help="Lexical verdicts only: no word meaning, paraphrase or translation evidence.",
)
@click.option(
    "--dump",
    is_flag=True,
    default=None,
    help="List every quote and the sources it would be checked against; fetch nothing.",
)
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    metavar="VERDICTS",
    help="Verdicts that fail the run (comma-separated or repeated; 'none' never "
    "fails) [default: misquoted,not_found].",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Configuration file [default: verifier.toml or [tool.verifier] in "
    "pyproject.toml, searched upward from the first path].",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    help="Baseline of accepted findings: they are reported as 'ignored'.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path),
    help="Write the current findings to this baseline file, then exit 0.",
)
@click.option(
    "--exclude",
    "exclude_patterns",
    multiple=True,
    metavar="PATTERN",
    help="Skip files and folders matching this gitignore-style pattern (repeatable; added "
    "to the configuration's exclude).",
)
@click.option(
    "--no-ignore",
    "gitignore",
    flag_value=False,
    default=None,
    help="Do not obey .gitignore and .ignore files.",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    default=None,
    help="Apply --exclude, exclude and .gitignore to files named one by one too (for "
    "pre-commit, which names every staged file).",
)
@click.option(
    "--changed-since", metavar="REF", help="Only check articles changed since this git ref."
)
@click.option(
    "--concurrency", type=click.IntRange(1, 1024), help="Requests in flight overall [128]."
)
@click.option(
    "--per-host",
    "per_host_concurrency",
    type=click.IntRange(1, 64),
    help="Requests in flight to one host [4].",
)
@click.option(
    "--timeout",
    "request_timeout",
    type=click.FloatRange(0.1, 3600),
    help="Deadline for one request, in seconds [30].",
)
@click.option("--user-agent", help="User-Agent header sent with every request.")
@click.option(
    "--no-archive",
    "archive",
    flag_value=False,
    default=None,
    help="Do not fall back to the Internet Archive for dead or blocked pages.",
)
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="On-disk response cache folder (off unless given or configured).",
)
@click.option(
    "--allow-private-hosts",
    is_flag=True,
    default=None,
    help="Allow requests to loopback and private addresses (tests, intranets).",
)
@click.option("--respect-robots", is_flag=True, default=None, help="Obey robots.txt.")
@click.option(
    "--sources-index",
    "sources_index",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[INDEX]",
    help="Look quotes without a link up in the source archive (built with `verify index "
    "add`) [default INDEX: .verifier/archive.sqlite, searched upward from the corpus].",
)
@click.option(
    "--web-search",
    metavar="URL",
    help="Also search the web for quotes without a link, through this SearXNG instance "
    "(off unless given or configured).",
)
@click.option(
    "--allow-missing",
    is_flag=True,
    default=None,
    help="Do not fail (exit 3) when a quote's source is not recorded or nothing was checked.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 1024),
    help="Processes checking articles at once (or Dask workers with --dask local) "
    "[default: the machine's cores; a corpus under 40 articles uses one].",
)
@click.option(
    "--dask",
    metavar="ADDRESS",
    help="Run the shards on Dask: 'local' (a LocalCluster of --jobs workers) or a "
    "scheduler's tcp://host:port (see docs/scale.md).",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Journal finished shards in <corpus>/.verifier/runs; a rerun skips them.",
)
@click.option(
    "--shard-size",
    type=click.IntRange(1, 100_000),
    help="Articles per shard [default: one shard per worker, at most 1,000 articles].",
)
@click.option(
    "--allow-unreadable",
    is_flag=True,
    help="Articles that cannot be read are reported but do not make the exit code 2.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Under each quote, the extraction rules that found it and named its speaker.",
)
@click.option(
    "--progress/--no-progress",
    default=True,
    help="Show progress on standard error: a bar on a terminal, a line every 10 s in a "
    "log [default: on].",
)
@click.option("-q", "--quiet", count=True, help="Findings only.")
@click.option("-v", "--verbose", count=True, help="Every quote, not only findings.")
@click.version_option(package_name="quote-verifier")
def main(
    paths: tuple[Path, ...],
    formats: tuple[str, ...],
    output: Path | None,
    report_dir: Path | None,
    fail_on: tuple[str, ...],
    config_path: Path | None,
    write_baseline: Path | None,
    import_cassette: Path | None,
    export_cassette: Path | None,
    jobs: int | None,
    dask: str | None,
    resume: bool,
    shard_size: int | None,
    allow_unreadable: bool,
    explain: bool,
    quiet: int,
    verbose: int,
    progress: bool,
    exclude_patterns: tuple[str, ...],
    **settings: Any,
) -> None:
    """Check the attributed quotations in the articles under PATHS against their sources.

    PATHS are files, folders (searched for .md, .markdown, .html, .htm and .txt, obeying
    .gitignore), quoted globs such as 'articles/**/*.md', or - for standard input.
    Exit codes: 0 no findings, 1 findings, 2 usage, configuration or input error,
    3 incomplete evidence (a source not recorded, or nothing checked; see --allow-missing),
    130 interrupted (the report covers what was checked).
    """
    console = Console(stderr=False, highlight=False, soft_wrap=False)
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    overrides = _overrides(settings, fail_on)
    if output is not None and len(formats) != 1:
        raise click.UsageError("--output goes with exactly one --format")

    scale = _Scale.given(jobs, dask, resume, shard_size)
    signal.signal(signal.SIGTERM, _sigterm_as_interrupt)
    try:
        options = _options(paths, overrides, config_path, exclude_patterns)
        if import_cassette is not None:
            options = _import(import_cassette, paths, options, console)
        if formats == ("jsonl",) and write_baseline is None:
            sys.exit(_stream(paths, options, scale, output, errors, allow_unreadable))
        report = _checked(paths, options, scale, errors, progress)
        if export_cassette is not None:
            _export(export_cassette, report, console)
    except VerifierError as exc:
        _say_error(errors, str(exc))
        sys.exit(ExitCode.ERROR)
    except KeyboardInterrupt:
        errors.print("[bold red]interrupted[/] before any article was checked")
        sys.exit(ExitCode.INTERRUPTED)

    if write_baseline is not None:
        _write_baseline(report, write_baseline, options, console, errors)
    quietness = _quietness(quiet, verbose, options)
    _write_reports(
        errors, _emit, report, formats, output, report_dir, console, quietness, options, explain
    )
    sys.exit(_finish(report, options, errors, allow_unreadable))


_T = TypeVar("_T")


def _options(
    paths: tuple[Path, ...],
    overrides: dict[str, Any],
    config_path: Path | None,
    exclude_patterns: tuple[str, ...],
) -> Options:
    """The run's options: the configuration file, then the command line over it."""
    from verifier.config import load_options

    options = load_options(list(paths), overrides, config_file=config_path)
    if exclude_patterns:
        options = replace(options, exclude=(*options.exclude, *exclude_patterns))
    if options.fetch.refresh and options.fetch.offline:
        raise UsageError("--refresh refetches every source: it cannot run --offline")
    return options


def _checked(
    paths: tuple[Path, ...], options: Options, scale: _Scale, errors: Console, progress: bool
) -> Report:
    """The whole run's report, with a progress display on stderr unless it is off or
    nothing is fetched (extract only, dump)."""
    show = progress and not (options.extract_only or options.dump)
    with progress_to(errors, enabled=show) as hook:
        return _run(paths, options, scale, hook).report()


def _quietness(quiet: int, verbose: int, options: Options) -> int:
    """How much the terminal report leaves out: -q each add one, -v each take one away."""
    quietness = quiet - verbose
    if (options.extract_only or options.dump) and not quiet:
        quietness = min(quietness, -1)  # the quotes are the point: list every one
    return quietness


def _overrides(settings: dict[str, Any], fail_on: tuple[str, ...]) -> dict[str, Any]:
    """The options given on the command line, as configuration keys."""
    overrides = {key: value for key, value in settings.items() if value is not None}
    index = overrides.pop("sources_index", None)
    if index is not None:
        overrides["use_archive"] = True
        if index:
            overrides["sources_index"] = Path(index)
    chosen_fail_on = _fail_on(fail_on)
    if chosen_fail_on is not None:
        overrides["fail_on"] = chosen_fail_on
    return overrides


def _write_baseline(
    report: Report, path: Path, options: Options, console: Console, errors: Console
) -> NoReturn:
    from verifier.baseline import write_baseline as write

    count = _write_reports(errors, write, report, path, fail_on=options.fail_on)
    console.print(f"wrote {count} findings to {path}", markup=False)
    sys.exit(ExitCode.CLEAN)


def _write_reports(errors: Console, write: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
    """`write(*args, **kwargs)`; a full disk or a missing folder ends the run naming the file."""
    try:
        return write(*args, **kwargs)
    except (OSError, VerifierError) as exc:
        where = f"{exc.filename}: " if isinstance(exc, OSError) and exc.filename else ""
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _say_error(errors, f"cannot write the report: {where}{detail}")
        sys.exit(ExitCode.ERROR)


def _finish(report: Report, options: Options, errors: Console, allow_unreadable: bool) -> int:
    """Say what went wrong, and the exit code."""
    _say_problems(errors, report)
    code = exit_code(
        report,
        options.fail_on,
        allow_missing=options.allow_missing,
        allow_unreadable=allow_unreadable,
    )
    if options.dump and code in (ExitCode.FINDINGS, ExitCode.INCOMPLETE):
        code = ExitCode.CLEAN  # nothing was checked: a listing, not a verdict
    if code is ExitCode.INCOMPLETE:
        _say_incomplete(errors, report.incomplete_evidence())
    return code


def _say_problems(errors: Console, report: Report) -> None:
    """What stopped or broke the run, on stderr (the reports are already written)."""
    if report.interrupted:
        errors.print(
            "[bold red]interrupted:[/] the report is incomplete; quotes not reached say "
            "'not checked'"
        )
        return
    for problem in report.evidence.errors if report.evidence is not None else ():
        _say_error(errors, f"broken recording: {problem}")
    for doc in report.errors:
        _say_error(errors, doc.error or "")


def _say_incomplete(errors: Console, why: str | None) -> None:
    _say_error(
        errors,
        f"incomplete evidence: {why} "
        "(record the sources with --record-mode once, or pass --allow-missing)",
    )


def _say_error(errors: Console, message: str) -> None:
    """One error line on stderr; the message is printed as it is (a file's text, a YAML
    parser's `[unclosed`, is never read as console markup)."""
    errors.print("[bold red]error:[/]", escape(message))


def _import(cassette: Path, paths: tuple[Path, ...], options: Any, console: Console) -> Any:
    """Copy a single cassette into the run's store (created if needed); the run uses it."""
    from dataclasses import replace

    from verifier.fetch.store import EvidenceStore, import_cassette
    from verifier.locations import default_store, new_store

    root = options.fetch.store or default_store(list(paths)) or new_store(list(paths))
    count = import_cassette(EvidenceStore.open(root, create=True), cassette)
    console.print(
        f"imported {count} recordings from {cassette} into {root}", soft_wrap=True, markup=False
    )
    return replace(options, fetch=replace(options.fetch, cassette=None, store=root))


def _export(cassette: Path, report: Report, console: Console) -> None:
    from verifier.fetch.store import EvidenceStore, export_cassette

    root = report.evidence.store if report.evidence is not None else None
    if root is None or not Path(root).is_dir():
        raise UsageError("--export-cassette: this run used no evidence store")
    count = export_cassette(EvidenceStore.open(Path(root)), cassette)
    console.print(
        f"exported {count} recordings from {root} to {cassette}", soft_wrap=True, markup=False
    )


@dataclass(frozen=True, slots=True)
class _Scale:
    """Where the shards run and how many articles each has (0: the default)."""

    jobs: int
    dask: str | None
    resume: bool
    shard_size: int

    @classmethod
    def given(
        cls, jobs: int | None, dask: str | None, resume: bool, shard_size: int | None
    ) -> _Scale:
        """From the command line: every core, and the default shard size, unless told."""
        return cls(jobs or default_jobs(), dask, resume, shard_size or 0)


def _run(
    paths: tuple[Path, ...],
    options: Options,
    scale: _Scale,
    progress: ProgressHook | None,
    on_result: Callable[[ShardResult, tuple[DocumentResult, ...]], None] | None = None,
) -> RunMerger:
    """Plan, run the shards where `scale` says, merge as they finish (see verifier.scale).

    With `on_result` (a streamed run), each shard's documents go to it as they come, as
    text (`ShardResult.rendered`) when the merger does not need them as objects."""
    plan = plan_run(paths, options, workers=scale.jobs, shard_size=scale.shard_size)
    keep = on_result is None
    merger = RunMerger(baseline=plan.options.baseline, fail_on=plan.options.fail_on, keep=keep)
    workers = scale.jobs if scale.dask else min(scale.jobs, len(plan.shards))
    shards = run_corpus(
        plan,
        jobs=workers,
        dask=scale.dask,
        resume=scale.resume,
        progress=progress,
        render=merger.takes_rendered,
    )
    try:
        for result in shards:
            documents = merger.add(result)
            if on_result is not None:
                on_result(result, documents)
            if result.interrupted:
                break  # Ctrl-C or SIGTERM: stop starting shards, report what was checked
    except KeyboardInterrupt:  # stopped while waiting for other workers
        merger.interrupted = True
    return merger


def _stream(
    paths: tuple[Path, ...],
    options: Options,
    scale: _Scale,
    output: Path | None,
    errors: Console,
    allow_unreadable: bool = False,
) -> ExitCode:
    """`--format jsonl` alone: each shard's records written as it finishes, memory flat."""
    from verifier.report.jsonl import document_lines, summary_line

    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
    with (
        output.open("w", encoding="utf-8") if output is not None else nullcontext(sys.stdout)
    ) as out:

        def write(result: ShardResult, documents: tuple[DocumentResult, ...]) -> None:
            if result.rendered is not None:
                out.write(result.rendered.lines)
            for document in documents:
                out.writelines(document_lines(document))
            out.flush()

        merger = _run(paths, options, scale, None, write)
        summary = summary_line(
            merger.verdicts,
            documents=merger.documents,
            errors=len(merger.errors),
            fail_on=options.fail_on,
            stale=merger.stale,
        )
        out.write(summary)
    for message in merger.errors:
        _say_error(errors, message)
    broken = merger.evidence.errors if merger.evidence is not None else ()
    for problem in broken:
        _say_error(errors, f"broken recording: {problem}")
    code = merger.exit_code(allow_missing=options.allow_missing, allow_unreadable=allow_unreadable)
    if code is ExitCode.INCOMPLETE:
        _say_incomplete(errors, merger.incomplete)
    return code


def _sigterm_as_interrupt(signum: int, frame: object) -> None:
    """SIGTERM (a CI runner cancelling the job) stops the run as Ctrl-C does."""
    signal.raise_signal(signal.SIGINT)


def _emit(
    report: Report,
    formats: tuple[str, ...],
    output: Path | None,
    report_dir: Path | None,
    console: Console,
    quietness: int,
    options: Options,
    explain: bool = False,
) -> None:
    fail_on = options.fail_on
    from verifier.report import append_step_summary

    stale = report.stale_baseline
    machine = [f for f in dict.fromkeys(formats) if f != "terminal"]
    to_stdout = _one_printed(formats, machine, output, report_dir)
    if to_stdout:
        _print_one(report, machine[0], output, options)
    else:
        _write_and_show(report, machine, report_dir, console, quietness, options, explain)
    append_step_summary(report, fail_on=fail_on, stale=stale)
    # Workflow annotations go to stdout, where the runner reads them, unless stdout
    # already carries a machine-readable report.
    stdout_free = not to_stdout or output is not None
    if os.environ.get("GITHUB_ACTIONS") == "true" and "github" not in machine and stdout_free:
        from verifier.report import render

        click.echo(render(report, "github", fail_on=fail_on, stale=stale), nl=False)


def _one_printed(
    formats: tuple[str, ...], machine: list[str], output: Path | None, report_dir: Path | None
) -> bool:
    """One text format alone is printed (for pipes); the HTML page is always a file."""
    return (
        len(machine) == 1
        and report_dir is None
        and "terminal" not in formats
        and (machine[0] != "html" or output is not None)
    )


def _print_one(report: Report, fmt: str, output: Path | None, options: Options) -> None:
    """The report in format `fmt`, into `output` or else on stdout."""
    from verifier.report import render

    text = render(report, fmt, fail_on=options.fail_on, stale=report.stale_baseline)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _write_and_show(
    report: Report,
    machine: list[str],
    report_dir: Path | None,
    console: Console,
    quietness: int,
    options: Options,
    explain: bool,
) -> None:
    """The machine formats as files (in `reports/` by default), and the terminal report."""
    from verifier.report import render_terminal, write_reports

    fail_on = options.fail_on
    if machine:
        written = write_reports(
            report,
            machine,
            report_dir=report_dir or Path("reports"),
            fail_on=fail_on,
            stale=report.stale_baseline,
        )
        for path in written:
            console.print(f"wrote {path}", style="dim", markup=False)
    render_terminal(
        report,
        console,
        verbosity=-quietness,
        fail_on=fail_on,
        extract_only=options.extract_only or options.dump,
        explain=explain,
    )
