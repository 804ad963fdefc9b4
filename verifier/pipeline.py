"""One run, end to end: documents -> quotes -> candidates -> fetch -> text -> match -> report.

This is the only module that knows every stage. Per-item problems become data: an article
that cannot be read is a `DocumentResult` with an `error`, a dead link an `unverifiable`
verdict; the rest of the run goes on.
"""

from __future__ import annotations

import asyncio
import hashlib
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Coroutine, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from verifier.archive import Archive
from verifier.archive.corpus import CorpusLookup
from verifier.archive.lookup import ArchiveMatch, lookup
from verifier.archive.web import MIN_WORDS as WEB_MIN_WORDS
from verifier.archive.web import SearchProvider, SearxngSearch
from verifier.candidates import find_candidates, links_by_speaker
from verifier.errors import InputError
from verifier.extract import extract
from verifier.fetch import fetch_all, fetch_archived
from verifier.fetch.client import fetch_targets, open_session
from verifier.fetch.recording import RecordingSession
from verifier.judge import (
    DIRECT,
    FOUND,
    Plan,
    Sources,
    judge,
    matchable,
)
from verifier.load import load_document, may_have_url
from verifier.locations import open_archive
from verifier.models import (
    NOT_RECORDED,
    Candidate,
    CandidateOutcome,
    CandidateReason,
    CorpusArticle,
    Document,
    DocumentResult,
    EvidenceSummary,
    FetchResult,
    ParagraphKind,
    Quote,
    QuoteResult,
    Report,
    SourceText,
    Verdict,
)
from verifier.options import (
    FetchOptions,
    Options,
)
from verifier.outcome import Shard, ShardResult, merge_shards
from verifier.planning import plan_run
from verifier.semantic import load_tier
from verifier.semantic.explain import quote_context
from verifier.text import read_source
from verifier.text_cache import TextCache

# The API a scheduler uses (docs/scale.md); `plan_run` lives with the run planning.
__all__ = ["ProgressHook", "check_shard", "plan_run", "survey_shard", "verify_paths"]

INTERRUPTED = "not checked: the run was interrupted"


_T = TypeVar("_T")

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
            item = _load(file, shown, options.max_article_bytes)
            loaded.append(_extracted(item, quotes, options.extract_time_budget))
        documents = [doc for doc in loaded if isinstance(doc, Document)]
        if options.extract_only:
            checked = {doc.path: _unchecked(doc, quotes[doc.path]) for doc in documents}
        elif options.dump:
            articles = corpus if corpus is not None else corpus_articles(documents)
            finders = _Finders(CorpusLookup(articles, options.match))
            checked = {
                doc.path: _planned(doc, quotes[doc.path], finders, options) for doc in documents
            }
            finders.close()
        else:
            articles = corpus if corpus is not None else corpus_articles(documents)
            hook = progress or _no_progress
            sources, evidence = _check(documents, quotes, options, hook, failed, articles, checked)
    except KeyboardInterrupt:
        interrupted = True

    results = _results(loaded, quotes, checked, failed)
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


def _results(
    loaded: list[Document | DocumentResult],
    quotes: dict[str, list[Quote]],
    checked: dict[str, list[QuoteResult]],
    failed: dict[str, DocumentResult],
) -> list[DocumentResult]:
    """One entry per article read: its verdicts, its error, or (interrupted) not checked."""
    results = []
    for item in loaded:
        if isinstance(item, DocumentResult):
            results.append(item)
        elif item.path in failed:
            results.append(failed[item.path])
        else:
            done = checked.get(item.path)
            if done is None:
                done = _unchecked(item, quotes.get(item.path, []), INTERRUPTED)
            results.append(
                DocumentResult(
                    path=item.path,
                    quotes=tuple(done),
                    url=item.url,
                    title=_title(item),
                    notes=_notes(item),
                )
            )
    return results


def survey_shard(shard: Shard) -> tuple[CorpusArticle, ...]:
    """The shard's articles that have their own URL (for the cross-article lookup); only
    the files that may carry one are parsed (`may_have_url`)."""
    loaded = (_load(file, shown) for file, shown in shard.files if may_have_url(file))
    return corpus_articles([doc for doc in loaded if isinstance(doc, Document)])


def corpus_articles(documents: Iterable[Document]) -> tuple[CorpusArticle, ...]:
    return tuple(
        CorpusArticle(doc.path, doc.url, _article_text(doc)) for doc in documents if doc.url
    )


def _extracted(
    item: Document | DocumentResult, quotes: dict[str, list[Quote]], budget: float = 0.0
) -> Document | DocumentResult:
    """The document, its quotes put in `quotes`; or its error entry if extraction broke
    or ran over its time `budget` (seconds, 0 = none)."""
    if isinstance(item, Document):
        try:
            with _time_limit(budget):
                quotes[item.path] = extract(item)
        except _OverBudget:
            error = (
                f"{item.path}: extracting quotes took over {budget:g} s "
                "(extract-time-budget in the configuration); the article was skipped"
            )
            return DocumentResult(path=item.path, quotes=(), error=error)
        except Exception as exc:  # a bug on one article must not lose the others
            return _failed(item.path, "extracting quotes", exc)
    return item


class _OverBudget(Exception):
    """Raised by the alarm when one article's extraction runs over its time budget."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise _OverBudget after `seconds` of wall time; only where the process's alarm
    signal is ours (the main thread, POSIX), else no limit."""
    usable = seconds > 0 and hasattr(signal, "setitimer")
    if not usable or threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# vcrpy patches the HTTP client for the whole process: two threads replaying cassettes at
# once (shards on a multi-threaded Dask worker) would each see the other's patch come and go.
_CASSETTE_LOCK = threading.Lock()


def _cassette_lock(opts: Options) -> AbstractContextManager[Any]:
    """One cassette in use per process at a time; no lock without a cassette."""
    return _CASSETTE_LOCK if opts.fetch.cassette is not None else nullcontext()


def _run_sync(coroutine: Coroutine[Any, Any, _T]) -> _T:
    """`asyncio.run`, also when called from inside a running event loop (a notebook, an
    async scheduler): then the coroutine runs on a loop of its own in a helper thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


# ---------------------------------------------------------------------------
# stages


def _load(file: Path, shown: str, max_bytes: int | None = None) -> Document | DocumentResult:
    try:
        return load_document(file, shown, max_bytes=max_bytes)
    except InputError as exc:
        return DocumentResult(path=shown, quotes=(), error=str(exc))
    except Exception as exc:  # a bug on one article must not lose the others
        return _failed(shown, "reading the article", exc)


def _failed(path: str, stage: str, exc: BaseException) -> DocumentResult:
    """The error entry of an article that hit a bug: the run goes on without it."""
    if isinstance(exc, RecursionError | MemoryError):
        error = f"{path}: too deeply nested or too large while {stage} ({type(exc).__name__})"
    else:
        error = f"{path}: internal error while {stage}: {exc!r} (a bug: please report it)"
    return DocumentResult(path=path, quotes=(), error=f"{error}; the other articles were checked")


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
    roots = [Path(d.path) for d in documents[:1]]
    finders = _Finders(CorpusLookup(corpus, opts.match), open_archive(opts, roots))
    if opts.web_search and not opts.fetch.offline:
        finders.web = SearxngSearch(
            opts.web_search,
            timeout=opts.fetch.request_timeout,
            user_agent=opts.fetch.user_agent,
        )
    plans: dict[str, list[Plan]] = {}
    urls: dict[str, str] = {}  # url -> the citing article's date, for the archive lookup
    for doc in documents:
        try:
            plans[doc.path] = _plan(doc, quotes[doc.path], finders, opts)
        except Exception as exc:  # a bug on one article must not lose the others
            failed[doc.path] = _failed(doc.path, "finding its sources", exc)
            continue
        for step in plans[doc.path]:
            for c in step.candidates:
                urls.setdefault(c.url, str(doc.metadata.get("date") or ""))
    finders.close()

    progress("fetching", 0, len(urls))
    dates = {u: d for u, d in urls.items() if d}

    def on_fetched(done: int, total: int) -> None:
        progress("fetching", done, total)

    session = open_session(opts.fetch) if opts.fetch.cassette is None else None
    fetched, texts = _fetch_and_read(list(urls), opts, dates, session, on_fetched)
    previous = _recorded_texts(fetched, session)
    evidence = session.summary() if session is not None else _evidence(fetched, opts)
    progress("fetching", len(urls), len(urls))
    total = sum(len(plan) for plan in plans.values())
    done = 0
    semantic = load_tier() if opts.semantic else None
    sources = Sources(texts, opts.match, previous, semantic=semantic)
    sources.expect(Counter(c.url for plan in plans.values() for s in plan for c in s.candidates))

    for doc in documents:
        if doc.path not in plans:
            continue
        seen: Counter[str] = Counter()
        results = []
        try:
            for step in plans[doc.path]:
                results.append(_verdict(doc, step, seen, sources))
                sources.done_with(c.url for c in step.candidates)
                done += 1
                progress("matching", done, total)
        except Exception as exc:  # a bug on one article must not lose the others
            failed[doc.path] = _failed(doc.path, "matching its quotes", exc)
            continue
        finally:
            sources.contexts.clear()  # by quote id: this article's only
        out[doc.path] = results
    return len(urls), evidence


def _evidence(fetched: dict[str, FetchResult], opts: Options) -> EvidenceSummary:
    """What a single cassette gave this run: which sources were missing from it."""
    missing = frozenset(
        r.url
        for r in fetched.values()
        if r.failure is not None and r.failure.reason == NOT_RECORDED
    )
    store = opts.fetch.cassette
    replayed = frozenset(fetched) - missing if store is not None and opts.fetch.offline else None
    return EvidenceSummary(
        store=str(store) if store is not None else None,
        replayed_urls=replayed or frozenset(),
        missing_urls=missing,
    )


def _recorded_texts(
    fetched: dict[str, FetchResult], session: RecordingSession | None
) -> dict[str, tuple[SourceText, str]]:
    """The text each refetched-and-changed source had in its previous recording."""
    if session is None or not session.changes:
        return {}
    out = {}
    for url, result in fetched.items():
        old = session.changes.get(result.final_url)
        if old is None or result.archived is not None:
            continue
        headers = {name.lower(): ", ".join(values) for name, values in old.headers.items()}
        before = FetchResult(
            url=url,
            final_url=result.final_url,
            status=old.status,
            headers=headers,
            content=old.body,
        )
        out[url] = (read_source(before), old.date)
    return out


@dataclass
class _Finders:
    """Where sources nobody linked are looked for: the corpus, the archive, the web."""

    corpus: CorpusLookup
    archive: Archive | None = None
    web: SearchProvider | None = None

    def close(self) -> None:
        self.corpus.archive.close()
        if self.archive is not None:
            self.archive.close()
        if isinstance(self.web, SearxngSearch):
            self.web.close()


def _plan(doc: Document, quotes: list[Quote], finders: _Finders, opts: Options) -> list[Plan]:
    """Each quote of an article with the sources to try, or marked ignored.

    A quote without a link at it is also looked up in the source archive, when there is
    one, and then, if the archive does not hold it, on the web when a search is configured.
    """
    plan = []
    speaker_links = links_by_speaker(doc, quotes)
    for quote in quotes:
        ignored = _ignored(doc, quote)
        candidates = [] if ignored else find_candidates(quote, doc, finders.corpus, speaker_links)
        unlinked = not ignored and not _linked(candidates)
        found: list[ArchiveMatch] = []
        if finders.archive is not None and unlinked:
            found = lookup(finders.archive, matchable(quote), quote.speaker, opts.match)
        note = None
        if (
            finders.web is not None
            and unlinked
            and not any(m.result.verdict in FOUND for m in found)
        ):
            web, note = _web_candidates(finders.web, quote)
            candidates = candidates + web
        searched = finders.archive is not None and unlinked
        plan.append(Plan(quote, candidates, ignored, found, searched, note))
    return plan


def _web_candidates(web: SearchProvider, quote: Quote) -> tuple[list[Candidate], str | None]:
    """Candidates from a web search, or why the search failed (the run goes on)."""
    if len(quote.text.split()) < WEB_MIN_WORDS:
        return [], None
    try:
        results = web.search(matchable(quote))
    except InputError as exc:
        return [], str(exc)
    return [Candidate(r.url, CandidateReason.WEB_SEARCH, r.title) for r in results], None


def _verdict(doc: Document, step: Plan, seen: Counter[str], sources: Sources) -> QuoteResult:
    quote = step.quote
    line, column = doc.line_col(quote.start)
    qid = quote_id(doc.path, quote.text, seen)
    sources.contexts[qid] = quote_context(doc, quote)
    if step.ignored:
        return QuoteResult(qid, quote, line, column, Verdict.IGNORED, "verify-ignore comment")
    return judge(qid, quote, line, column, step, sources)


# Pages that were served but say nothing usable: an archived copy may still hold the text.
_ARCHIVE_WORTHY = frozenset({"soft 404", "blocked", "paywall", "script-only page", "empty page"})


def _fetch_and_read(
    urls: list[str],
    opts: Options,
    dates: dict[str, str],
    session: RecordingSession | None,
    on_fetched: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, FetchResult], dict[str, SourceText]]:
    """Fetch every URL and read each page as it arrives, keeping its text, not its body.

    A page's bytes are dropped once read, so a run's memory grows with the text of its
    sources, not with their HTML; identical bytes under several URLs are read once. With
    a text cache shared by the run's workers, a page another worker is reading is taken
    from the cache when it is done (`_Waiting`). A page that reads as unusable gets its
    archived copy.
    """
    cache = text_cache(opts.fetch)
    read: dict[str, SourceText] = {}  # by the URL actually fetched
    bodies: dict[tuple[str, bytes], SourceText] = {}  # one page under several URLs
    waiting = _Waiting(cache, bodies, read)

    def keep_text(result: FetchResult) -> FetchResult:
        text = _read_once(result, cache, bodies)
        if text is None:
            waiting.wait_for(result)
        else:
            read[result.url] = text
        waiting.collect()
        return replace(result, content=b"")

    fetch = fetch_all(
        urls, opts.fetch, dates=dates, session=session, on_result=keep_text, on_fetched=on_fetched
    )
    with _cassette_lock(opts):
        fetched = _run_sync(fetch)
    waiting.finish()
    targets = fetch_targets(urls, opts.fetch)
    texts = {url: replace(read[targets[url]], url=url) for url in fetched}
    return fetched, _read_archived(fetched, texts, opts, dates, session, cache)


def text_cache(fetch: FetchOptions) -> TextCache | None:
    """The texts shared by the run's workers, else the cache folder's, else none."""
    if fetch.shared_texts is not None:
        return TextCache(fetch.shared_texts, shared=True)
    return TextCache(fetch.cache_dir / "text") if fetch.cache_dir else None


@dataclass
class _Waiting:
    """Pages another worker of the run is reading: their texts, once in the shared cache."""

    cache: TextCache | None
    bodies: dict[tuple[str, bytes], SourceText]
    read: dict[str, SourceText]
    pending: list[tuple[FetchResult, str]] = field(default_factory=list)  # with its key

    def wait_for(self, result: FetchResult) -> None:
        """Keep `result` (its body too) until its text is in the cache."""
        self.pending.append((result, self.cache.key(result) if self.cache else ""))

    def collect(self) -> None:
        """Take the texts that are ready (or whose reader gave up: then read them here)."""
        still = []
        for result, key in self.pending:
            ready = self.cache is None or self.cache.ready(key)
            text = _read_once(result, self.cache, self.bodies) if ready else None
            if text is None and not (self.cache and self.cache.claimed(key)):
                text = _read_once(result, self.cache, self.bodies)
            if text is None:
                still.append((result, key))
            else:
                self.read[result.url] = text
        self.pending = still

    def finish(self) -> None:
        while self.pending:
            self.collect()
            if self.pending:
                time.sleep(0.02)


def _read_archived(
    fetched: dict[str, FetchResult],
    texts: dict[str, SourceText],
    opts: Options,
    dates: dict[str, str],
    session: RecordingSession | None,
    cache: TextCache | None,
) -> dict[str, SourceText]:
    """For a page that was served but reads as unusable, its archived copy's text."""
    retry = [
        url
        for url, text in texts.items()
        if text.failure is not None
        and text.failure.reason in _ARCHIVE_WORTHY
        and fetched[url].ok
        and text.archived is None
    ]
    if not retry or not opts.fetch.archive:
        return texts
    with _cassette_lock(opts):
        archived = _run_sync(fetch_archived(retry, opts.fetch, dates=dates, session=session))
    for url, result in archived.items():
        copy = _read(result, cache) or read_source(result)  # rare: read here too
        if result.ok and copy.failure is None:
            texts[url] = replace(copy, url=url)
    return texts


def _read_once(
    fetched: FetchResult, cache: TextCache | None, bodies: dict[tuple[str, bytes], SourceText]
) -> SourceText | None:
    """`_read`, once per distinct body: the same page under several URLs (syndicated copy,
    tracking parameters, mirrors) is read once. A page that reads as unusable is read again
    per URL, because its failure names the URL. None: another worker of the run is reading
    these bytes (see `TextCache.claim`)."""
    if not fetched.ok:
        return _read(fetched, cache)
    key = (fetched.content_type, hashlib.sha256(fetched.content).digest())
    known = bodies.get(key)
    if known is not None:
        return replace(
            known, url=fetched.url, final_url=fetched.final_url, archived=fetched.archived
        )
    text = _read(fetched, cache)
    if text is not None and text.failure is None:
        bodies[key] = text
    return text


def _read(fetched: FetchResult, cache: TextCache | None) -> SourceText | None:
    """`read_source`, remembered across runs when a cache folder is set; None when another
    worker sharing the cache is reading the same bytes."""
    if cache is None or not fetched.ok:
        return read_source(fetched)
    text = cache.get(fetched)
    if text is None:
        if not cache.claim(fetched):
            return None
        try:
            text = read_source(fetched)
        except BaseException:
            cache.release(fetched)
            raise
        cache.put(fetched, text)
    return text


def _unchecked(
    document: Document, quotes: list[Quote], reason: str = "not checked (extract only)"
) -> list[QuoteResult]:
    seen: Counter[str] = Counter()
    results = []
    for quote in quotes:
        line, column = document.line_col(quote.start)
        qid = quote_id(document.path, quote.text, seen)
        results.append(QuoteResult(qid, quote, line, column, Verdict.UNVERIFIABLE, reason))
    return results


def _planned(
    document: Document, quotes: list[Quote], finders: _Finders, opts: Options
) -> list[QuoteResult]:
    """`--dump`: each quote with the sources it would be checked against, none fetched."""
    seen: Counter[str] = Counter()
    results = []
    for step in _plan(document, quotes, finders, opts):
        quote, candidates, ignored = step.quote, step.candidates, step.ignored
        line, column = document.line_col(quote.start)
        qid = quote_id(document.path, quote.text, seen)
        verdict = Verdict.IGNORED if ignored else Verdict.UNVERIFIABLE
        outcomes = tuple(
            CandidateOutcome(c, Verdict.UNVERIFIABLE, "not fetched") for c in candidates
        )
        reason = "verify-ignore comment" if ignored else "not fetched (dump)"
        results.append(QuoteResult(qid, quote, line, column, verdict, reason, candidates=outcomes))
    return results


def quote_id(path: str, text: str, seen: Counter[str]) -> str:
    """Stable across runs: the article path, the quote's words, and which occurrence."""
    words = " ".join(text.lower().split())
    seen[words] += 1
    occurrence = seen[words]
    key = f"{path}\0{words}\0{occurrence}".encode("utf-8", "surrogatepass")
    digest = hashlib.sha1(key).hexdigest()
    return digest[:12]


def _ignored(document: Document, quote: Quote) -> bool:
    if not document.ignore_lines:
        return False
    line, _ = document.line_col(quote.start)
    return line in document.ignore_lines or line - 1 in document.ignore_lines


def _title(document: Document) -> str | None:
    title = document.metadata.get("title")
    return str(title) if title else None


def _notes(document: Document) -> tuple[str, ...]:
    for para in document.paragraphs:
        if para.kind is ParagraphKind.COMMENTS:
            line, _ = document.line_col(para.start)
            return (*document.notes, f"skipped a reader-comment section (from line {line})")
    return document.notes


def _article_text(document: Document) -> str:
    """The document's text without its reader comments."""
    parts = [
        document.text[p.start : p.end]
        for p in document.paragraphs
        if p.kind is not ParagraphKind.COMMENTS
    ]
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------
# the source archive


def _linked(candidates: list[Candidate]) -> bool:
    """Did the editor link a source at the quote? Then that source alone is its claim."""
    return any(c.reason in DIRECT for c in candidates)
