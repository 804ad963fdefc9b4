"""How a run ends: the results of its shards, merged into one report, and one exit code.

A corpus is checked in shards (one, for a small run; many, over processes or a Dask
cluster). Each shard gives a `ShardResult` of its documents, with nothing run-wide applied.
The run-wide rules are applied once, here, as the shards come in, in whatever order they
finish: the baseline (its stale entries are only known after the last shard), `--fail-on`
and the exit code. `RunMerger` does it incrementally, so a streamed report (`--format
jsonl`) needs no more memory than one shard; `merge_shards` is the same for a list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from verifier.baseline import Baseline, read_baseline
from verifier.models import (
    DEFAULT_FAIL_ON,
    NOT_RECORDED,
    DocumentResult,
    EvidenceSummary,
    Report,
    Verdict,
    incomplete_evidence,
    merge_evidence,
    was_compared,
)


class ExitCode(IntEnum):
    """Documented in the README: CI must tell an editorial problem from a broken run."""

    CLEAN = 0  # no findings
    FINDINGS = 1  # at least one quote with a verdict in --fail-on
    ERROR = 2  # usage, configuration or input error (the report is still written)
    INCOMPLETE = 3  # evidence incomplete: a source not recorded, or nothing checked at all
    INTERRUPTED = 130  # Ctrl-C or SIGTERM: the report covers what was checked


@dataclass(frozen=True, slots=True)
class Shard:
    """A part of the corpus checked as a unit: the files, as found and as shown."""

    index: int  # its place in the run: merged reports list shards in this order
    files: tuple[tuple[Path, str], ...]
    key: str = ""  # what the shard's result depends on (files and options), for --resume


@dataclass(frozen=True, slots=True)
class Rendered:
    """A shard's documents as the JSON Lines records a streamed run writes, with the
    counts the run-wide rules need of them.

    What a worker sends back instead of the documents when the run only streams them
    (`--format jsonl`, no baseline): a few megabytes of text cross a process or network
    boundary in milliseconds, where the objects cost the worker a pickling and the
    collecting process an unpickling and the rendering, one shard after the other.
    """

    lines: str
    documents: int
    verdicts: tuple[tuple[Verdict, int], ...]
    errors: tuple[str, ...]  # the messages of documents that could not be checked
    not_recorded: int
    checked: int  # quotes compared with a source (see `was_compared`)

    @classmethod
    def of(cls, documents: tuple[DocumentResult, ...], lines: str) -> Rendered:
        verdicts = Counter(q.verdict for d in documents for q in d.quotes)
        return cls(
            lines=lines,
            documents=len(documents),
            verdicts=tuple(sorted(verdicts.items(), key=lambda item: item[0].value)),
            errors=tuple(d.error for d in documents if d.error is not None),
            not_recorded=sum(_not_recorded(d) for d in documents),
            checked=sum(1 for d in documents for q in d.quotes if was_compared(q)),
        )


def _not_recorded(document: DocumentResult) -> int:
    """Quotes left unverifiable because their source has no recording."""
    return sum(
        1 for q in document.quotes if q.verdict is Verdict.UNVERIFIABLE and q.reason == NOT_RECORDED
    )


@dataclass(frozen=True, slots=True)
class ShardResult:
    """A shard's documents, checked, before any run-wide rule (baseline, exit code).

    With `rendered`, the documents travel as text (see `Rendered`) and `documents` is empty.
    """

    index: int
    documents: tuple[DocumentResult, ...]
    sources: int = 0  # distinct URLs the shard fetched
    key: str = ""
    evidence: EvidenceSummary | None = None  # what its recordings gave (None: extract only)
    interrupted: bool = False  # stopped by Ctrl-C or SIGTERM: some quotes "not checked"
    rendered: Rendered | None = None


class RunMerger:
    """Applies the run-wide rules to shard results as they arrive, in any order.

    With `keep`, the documents are kept for `report()` (every format but JSON Lines needs
    the whole report); without, only the counts are, and memory stays flat in corpus size.
    """

    def __init__(
        self,
        *,
        baseline: Path | None = None,
        fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
        keep: bool = True,
    ) -> None:
        self.fail_on = fail_on
        self.keep = keep
        self._baseline = (
            Baseline(read_baseline(baseline))
            if baseline is not None and baseline.exists()
            else None
        )
        self._shards: dict[int, tuple[DocumentResult, ...]] = {}
        self.verdicts: Counter[Verdict] = Counter()
        self.documents = 0
        self.errors: list[str] = []  # the messages of documents that could not be checked
        self.sources = 0
        self.evidence: EvidenceSummary | None = None
        self.not_recorded = 0  # quotes left unverifiable because their source is not recorded
        self.checked = 0  # quotes compared with a source (see `was_compared`)
        self.interrupted = False  # a shard, or the run, was stopped by Ctrl-C or SIGTERM

    @property
    def takes_rendered(self) -> bool:
        """Can shards send their documents as text (`Rendered`)? Only when nothing needs
        them as objects: no baseline to apply, no whole report to build."""
        return self._baseline is None and not self.keep

    def add(self, result: ShardResult) -> tuple[DocumentResult, ...]:
        """The shard's documents with the baseline applied; counted, and kept if asked.

        A rendered shard (see `Rendered`) is counted; its documents are in its text."""
        if result.rendered is not None:
            if not self.takes_rendered:
                raise ValueError("a rendered shard result needs a merger that takes them")
            self._count(result.rendered)
        documents = tuple(
            self._baseline.apply(d) if self._baseline is not None else d for d in result.documents
        )
        for document in documents:
            self.documents += 1
            if document.error is not None:
                self.errors.append(document.error)
            self.verdicts.update(q.verdict for q in document.quotes)
            self.checked += sum(1 for q in document.quotes if was_compared(q))
            self.not_recorded += _not_recorded(document)
        self.sources += result.sources
        self.evidence = merge_evidence(self.evidence, result.evidence)
        self.interrupted = self.interrupted or result.interrupted
        if self.keep:
            self._shards[result.index] = documents
        return documents

    def _count(self, rendered: Rendered) -> None:
        self.documents += rendered.documents
        self.errors.extend(rendered.errors)
        self.verdicts.update(dict(rendered.verdicts))
        self.not_recorded += rendered.not_recorded
        self.checked += rendered.checked

    @property
    def findings(self) -> int:
        return sum(count for verdict, count in self.verdicts.items() if verdict in self.fail_on)

    @property
    def stale(self) -> tuple[str, ...]:
        """Baseline entries no quote of the whole run matched (ask after the last shard)."""
        return tuple(self._baseline.stale()) if self._baseline is not None else ()

    def report(self) -> Report:
        """The merged report: shards in plan order, documents in each shard's order."""
        documents = tuple(d for i in sorted(self._shards) for d in self._shards[i])
        return Report(
            documents=documents,
            stale_baseline=self.stale,
            evidence=self.evidence,
            interrupted=self.interrupted,
        )

    @property
    def incomplete(self) -> str | None:
        """Why the evidence is incomplete (exit code 3), or None (see `incomplete_evidence`)."""
        if self.evidence is None:
            return None
        return incomplete_evidence(sum(self.verdicts.values()), self.checked, self.not_recorded)

    def exit_code(self, *, allow_missing: bool = False, allow_unreadable: bool = False) -> ExitCode:
        return decide_exit(
            interrupted=self.interrupted,
            broken=bool(self.evidence is not None and self.evidence.errors),
            unreadable=bool(self.errors),
            findings=bool(self.findings),
            incomplete=bool(self.incomplete),
            allow_missing=allow_missing,
            allow_unreadable=allow_unreadable,
        )


def merge_shards(
    results: Iterable[ShardResult],
    *,
    baseline: Path | None = None,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
) -> Report:
    """One report from shard results (any order), the baseline applied once over all."""
    merger = RunMerger(baseline=baseline, fail_on=fail_on)
    for result in results:
        merger.add(result)
    return merger.report()


def exit_code(
    report: Report,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    *,
    allow_missing: bool = False,
    allow_unreadable: bool = False,
) -> ExitCode:
    """The exit code of a finished report (see `decide_exit`)."""
    return decide_exit(
        interrupted=report.interrupted,
        broken=bool(report.evidence is not None and report.evidence.errors),
        unreadable=bool(report.errors),
        findings=bool(report.findings(fail_on)),
        incomplete=bool(report.incomplete_evidence()),
        allow_missing=allow_missing,
        allow_unreadable=allow_unreadable,
    )


def decide_exit(
    *,
    interrupted: bool,
    broken: bool,
    unreadable: bool,
    findings: bool,
    incomplete: bool,
    allow_missing: bool = False,
    allow_unreadable: bool = False,
) -> ExitCode:
    """The one order of the exit codes, for a whole report and a streamed run alike: an
    interruption first, then errors (a broken recording always; unreadable articles unless
    allowed), findings, and incomplete evidence (a script that tolerates 3 still sees
    findings)."""
    if interrupted:
        return ExitCode.INTERRUPTED
    if broken or (unreadable and not allow_unreadable):
        return ExitCode.ERROR
    if findings:
        return ExitCode.FINDINGS
    if incomplete and not allow_missing:
        return ExitCode.INCOMPLETE
    return ExitCode.CLEAN
