"""Ingest orchestration: sources -> articles in the store -> analyses -> corpus views.

IO lives here and in the store; the analysis itself (pipeline.analyse) stays pure so
that the same function runs in-process or on Dask workers (dist.py).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

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
        seen = store.existing_keys(a.key for a in buf)
        # The same input twice within one run is one article.
        fresh = list({a.key: a for a in buf if a.key not in seen}.values())
        added = store.add_articles(fresh)
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
                    mapper: Callable[[list[Article]], list[Analysis]] | None = None) -> int:
    """Analyse every stored article that has no analysis yet (resumable)."""
    keys = store.unanalysed_keys()
    if total:
        total(len(keys))
    mapper = mapper or (lambda arts: [analyse_one(a) for a in arts])
    done = 0
    for i in range(0, len(keys), batch):
        arts = store.get_articles(keys[i:i + batch])
        analyses = mapper(arts)
        done += store.save_analyses([(a.key, an) for a, an in zip(arts, analyses)])
        if tick:
            tick(len(arts))
    return done


def refresh_corpus(store: Store) -> None:
    """Cross-article views after new analyses: entities, merged events, stories."""
    from .store import corpus
    corpus.refresh_entities(store)
    corpus.refresh_events(store)
    corpus.refresh_stories(store)
