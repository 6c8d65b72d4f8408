"""Ingest orchestration: sources -> articles in the store -> analyses -> corpus views.

IO lives here and in the store; the analysis itself (pipeline.analyse) stays pure so
that the same function runs in-process or on Dask workers (dist.py).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .records import Analysis, Article, IngestError, RawDoc
from .store import Store

CHUNK = 200          # articles per transaction: small enough to lose little on a crash


@dataclass
class IngestReport:
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    analysed: int = 0
    errors: list[IngestError] = field(default_factory=list)


def build_articles(items: Iterable[RawDoc | IngestError], report: IngestReport,
                   on_error: Callable[[IngestError], None] | None = None):
    """RawDocs -> Articles; anything that fails becomes an IngestError and is reported."""
    from .article import build
    for item in items:
        if isinstance(item, RawDoc):
            try:
                yield build(item)
                continue
            except Exception as exc:  # a bug in cleaning must not lose the batch
                item = IngestError(item.location, f"cannot clean: {type(exc).__name__}: {exc}")
        report.failed += 1
        report.errors.append(item)
        if on_error:
            on_error(item)


def store_articles(store: Store, articles: Iterable[Article], report: IngestReport,
                   tick: Callable[[int], None] | None = None) -> None:
    buf: list[Article] = []

    def flush():
        # add_articles skips keys already stored and counts only new rows, so no
        # look-up first; the same input twice within one batch is one article.
        added = store.add_articles(list({a.key: a for a in buf}.values()))
        report.stored += added
        report.skipped += len(buf) - added
        if tick:
            tick(len(buf))
        buf.clear()

    for a in articles:
        buf.append(a)
        if len(buf) >= CHUNK:
            flush()
    if buf:
        flush()


def analyse_one(article: Article) -> Analysis:
    from .pipeline import analyse
    try:
        return analyse(article)
    except Exception as exc:  # reported and kept, never fatal for the batch
        return Analysis(warnings=[*article.warnings,
                                  f"analysis failed: {type(exc).__name__}: {exc}"])


def analyse_pending(store: Store, *, tick: Callable[[int], None] | None = None,
                    total: Callable[[int], None] | None = None, batch: int = 50,
                    mapper: Callable[[list[Article]], list[Analysis]] | None = None,
                    submit: Callable[[list[Article]], Any] | None = None) -> int:
    """Analyse every stored article that has no analysis yet (resumable).

    Each batch is reread with only the articles still unanalysed: with several
    processes ingesting into one store, an article another process analysed meanwhile
    is not analysed again. ``submit`` (``DaskMapper.submit``) starts a batch and returns
    a job whose ``result()`` waits for it: the cluster then analyses the next batch
    while this process writes the last one, instead of idling during every write."""
    keys = store.unanalysed_keys()
    if total:
        total(len(keys))
    done = 0
    if submit is None:
        # In-process: analyse a batch, write it, then the next (a ^C loses one batch).
        run = mapper or (lambda arts: [analyse_one(a) for a in arts])
        for i in range(0, len(keys), batch):
            chunk = keys[i:i + batch]
            arts = store.get_articles(chunk, unanalysed=True)
            done += _save_batch(store, arts, run(arts) if arts else [], len(chunk), tick)
        return done
    def finish(arts, job, n) -> int:
        return _save_batch(store, arts, job.result() if job else [], n, tick)

    pending = None              # (articles, job on the cluster, keys in the chunk)
    for i in range(0, len(keys), batch):
        chunk = keys[i:i + batch]
        arts = store.get_articles(chunk, unanalysed=True)
        started = (arts, submit(arts) if arts else None, len(chunk))
        if pending:
            done += finish(*pending)
        pending = started
    if pending:
        done += finish(*pending)
    return done


def _save_batch(store: Store, arts: list[Article], analyses: list[Analysis], ticks: int, tick) -> int:
    saved = store.save_analyses([(a.key, an) for a, an in zip(arts, analyses)]) if arts else 0
    if tick:
        tick(ticks)
    return saved


def refresh_corpus(store: Store) -> None:
    """Cross-article views after new analyses: entities, merged events, stories."""
    from .store import corpus
    # Each refresh reads everything, computes, then rewrites its view: two processes
    # doing it at once (ingests finishing together, the watcher, the web ingest) take
    # turns, and the later one reads what the earlier one wrote.
    with store.exclusive("corpus"):
        corpus.refresh_entities(store)
        corpus.refresh_events(store)
        corpus.refresh_stories(store)
