"""One run, end to end: documents -> quotes -> candidates -> fetch -> text -> match -> report.

Read this module first: it puts the run's parts together (`planning`, `articles`,
`finders`, `reading`, `judge`) and is the only one that knows every stage. Per-item
problems become data: an article that cannot be read is a `DocumentResult` with an
`error`, a dead link an `unverifiable` verdict; the rest of the run goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from verifier.archive.corpus import CorpusLookup
from verifier.archive.web import SearxngSearch
from verifier.articles import (
    corpus_articles,
    document_results,
    extracted,
    failed_article,
    load_article,
    quote_id,
    unchecked,
)
from verifier.finders import Finders, dump_results, plan_quotes
from verifier.judge import Plan, Sources, judge
from verifier.load import may_have_url
from verifier.locations import open_archive
from verifier.models import (
    CorpusArticle,
    Document,
    DocumentResult,
    EvidenceSummary,
    Quote,
    QuoteResult,
    Report,
    Verdict,
)
from verifier.options import Options
from verifier.outcome import Shard, ShardResult, merge_shards
from verifier.planning import plan_run
from verifier.reading import ReadSources, read_sources
from verifier.semantic import load_tier
from verifier.semantic.explain import quote_context

# The API a scheduler uses (docs/scale.md); `plan_run` lives with the run planning.
__all__ = ["ProgressHook", "check_shard", "plan_run", "survey_shard", "verify_paths"]


# Told how far a run has got: (stage, done, total). The CLI draws a progress bar with it.
ProgressHook = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


def verify_paths(
    paths: Iterable[str | Path],
    options: Options | None = None,
    *,
    progress: ProgressHook | None = None,
    **overrides: Any,
) -> Report:
    """Check every attributed quote in the articles under `paths`.

    Without `options`, the configuration file of the corpus is read (see docs/ci.md).
    `overrides` set any field of `Options` or of `FetchOptions` by name, e.g.
    ``verify_paths(["corpus"], offline=True)``. One process, one shard; for an archive,
    see `plan_run`, `check_shard` and `verifier.scale.run_corpus` (docs/scale.md).
    """
    plan = plan_run(paths, options, **overrides)
    results = []
    for shard in plan.shards:
        results.append(check_shard(shard, plan.options, progress=progress))
        if results[-1].interrupted:
            break  # Ctrl-C: report what was checked
    return merge_shards(results, baseline=plan.options.baseline, fail_on=plan.options.fail_on)


def check_shard(
    shard: Shard,
    options: Options,
    corpus: Sequence[CorpusArticle] | None = None,
    progress: ProgressHook | None = None,
) -> ShardResult:
    """Load, extract, fetch, read and match one shard; no run-wide rule is applied.

    `corpus` lists the articles of the whole run that have their own URL (`survey_shard`
    gives them); without it, only this shard's articles are looked in. Safe to call from
    any scheduler: a worker thread, a process pool, a Dask worker, inside an event loop.
    """
    loaded: list[Document | DocumentResult] = []
    quotes: dict[str, list[Quote]] = {}
    checked: dict[str, list[QuoteResult]] = {}
    failed: dict[str, DocumentResult] = {}
    sources = 0
    evidence: EvidenceSummary | None = None
    interrupted = False
    try:  # Ctrl-C or SIGTERM: what was checked is reported, the rest marked not checked
        for file, shown in shard.files:
            item = load_article(file, shown, options.max_article_bytes)
            loaded.append(extracted(item, quotes, options.extract_time_budget))
        documents = [doc for doc in loaded if isinstance(doc, Document)]
        hook = progress or _no_progress
        sources, evidence = _check_documents(
            documents, quotes, options, corpus, hook, failed, checked
        )
    except KeyboardInterrupt:
        interrupted = True

    results = document_results(loaded, quotes, checked, failed)
    results += [
        DocumentResult(path=shown, quotes=(), notes=("not read: the run was interrupted",))
        for _, shown in shard.files[len(loaded) :]
    ]
    return ShardResult(
        shard.index,
        tuple(results),
        sources=sources,
        key=shard.key,
        evidence=evidence,
        interrupted=interrupted,
    )


def survey_shard(shard: Shard) -> tuple[CorpusArticle, ...]:
    """The shard's articles that have their own URL (for the cross-article lookup); only
    the files that may carry one are parsed (`may_have_url`)."""
    loaded = (load_article(file, shown) for file, shown in shard.files if may_have_url(file))
    return corpus_articles([doc for doc in loaded if isinstance(doc, Document)])


def _check_documents(
    documents: list[Document],
    quotes: dict[str, list[Quote]],
    opts: Options,
    corpus: Sequence[CorpusArticle] | None,
    progress: ProgressHook,
    failed: dict[str, DocumentResult],
    out: dict[str, list[QuoteResult]],
) -> tuple[int, EvidenceSummary | None]:
    """What the options ask of the shard's articles, into `out`: their quotes only
    (`extract_only`), the sources each quote would be checked against (`dump`), or
    their verdicts (`_check`)."""
    if opts.extract_only:
        out.update({doc.path: unchecked(doc, quotes[doc.path]) for doc in documents})
        return 0, None
    articles = corpus if corpus is not None else corpus_articles(documents)
    if opts.dump:
        finders = Finders(CorpusLookup(articles, opts.match))
        out.update(
            {doc.path: dump_results(doc, quotes[doc.path], finders, opts) for doc in documents}
        )
        finders.close()
        return 0, None
    return _check(documents, quotes, opts, progress, failed, articles, out)


def _check(
    documents: list[Document],
    quotes: dict[str, list[Quote]],
    opts: Options,
    progress: ProgressHook,
    failed: dict[str, DocumentResult],
    corpus: Sequence[CorpusArticle],
    out: dict[str, list[QuoteResult]],
) -> tuple[int, EvidenceSummary]:
    """Verdicts by article path into `out` as each article is done (an interrupted run
    keeps them); how many URLs were fetched and what the recorded evidence gave. An
    article that hits a bug goes into `failed` instead."""
    finders = _open_finders(documents, corpus, opts)
    plans, urls = _plan_all(documents, quotes, finders, opts, failed)
    finders.close()
    read = _read_all(urls, opts, progress)
    semantic = load_tier() if opts.semantic else None
    sources = Sources(read.texts, opts.match, read.previous, semantic=semantic)
    sources.expect(Counter(c.url for plan in plans.values() for s in plan for c in s.candidates))
    total = sum(len(plan) for plan in plans.values())
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        progress("matching", done, total)

    for doc in documents:
        if doc.path not in plans:
            continue
        try:
            out[doc.path] = _match_article(doc, plans[doc.path], sources, tick)
        except Exception as exc:  # a bug on one article must not lose the others
            failed[doc.path] = failed_article(doc.path, "matching its quotes", exc)
    return len(urls), read.evidence


def _open_finders(
    documents: list[Document], corpus: Sequence[CorpusArticle], opts: Options
) -> Finders:
    """Where this shard looks for unlinked sources: the corpus, the archive, the web."""
    roots = [Path(d.path) for d in documents[:1]]
    finders = Finders(CorpusLookup(corpus, opts.match), open_archive(opts, roots))
    if opts.web_search and not opts.fetch.offline:
        finders.web = SearxngSearch(
            opts.web_search,
            timeout=opts.fetch.request_timeout,
            user_agent=opts.fetch.user_agent,
        )
    return finders


def _plan_all(
    documents: list[Document],
    quotes: dict[str, list[Quote]],
    finders: Finders,
    opts: Options,
    failed: dict[str, DocumentResult],
) -> tuple[dict[str, list[Plan]], dict[str, str]]:
    """Each article's plan, by path; and every URL to fetch, with the date of the first
    article citing it (for the archive lookup). An article that hits a bug goes into
    `failed`."""
    plans: dict[str, list[Plan]] = {}
    urls: dict[str, str] = {}
    for doc in documents:
        try:
            plans[doc.path] = plan_quotes(doc, quotes[doc.path], finders, opts)
        except Exception as exc:  # a bug on one article must not lose the others
            failed[doc.path] = failed_article(doc.path, "finding its sources", exc)
            continue
        date = str(doc.metadata.get("date") or "")
        for step in plans[doc.path]:
            for c in step.candidates:
                urls.setdefault(c.url, date)
    return plans, urls


def _read_all(urls: dict[str, str], opts: Options, progress: ProgressHook) -> ReadSources:
    """`read_sources` for every URL, telling `progress` how the fetching goes."""
    progress("fetching", 0, len(urls))
    dates = {u: d for u, d in urls.items() if d}

    def on_fetched(done: int, total: int) -> None:
        progress("fetching", done, total)

    read = read_sources(list(urls), opts, dates, on_fetched)
    progress("fetching", len(urls), len(urls))
    return read


def _match_article(
    doc: Document, plan: list[Plan], sources: Sources, tick: Callable[[], None]
) -> list[QuoteResult]:
    """The verdict of each quote of one article, in order; `tick` after each."""
    seen: Counter[str] = Counter()
    results = []
    try:
        for step in plan:
            results.append(_verdict(doc, step, seen, sources))
            sources.done_with(c.url for c in step.candidates)
            tick()
    finally:
        sources.contexts.clear()  # by quote id: this article's only
    return results


def _verdict(doc: Document, step: Plan, seen: Counter[str], sources: Sources) -> QuoteResult:
    """One quote's verdict; `seen` counts the quote's words so far, for its id."""
    quote = step.quote
    line, column = doc.line_col(quote.start)
    qid = quote_id(doc.path, quote.text, seen)
    sources.contexts[qid] = quote_context(doc, quote)
    if step.ignored:
        return QuoteResult(qid, quote, line, column, Verdict.IGNORED, "verify-ignore comment")
    return judge(qid, quote, line, column, step, sources)
