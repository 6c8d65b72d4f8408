"""Per-article analysis on Dask distributed workers.

The analysis is pure (``svodka.ingestion.analyse_one``: an Article in, an Analysis out),
so scaling out is only a question of where that function runs: on a LocalCluster of N
worker processes (one thread each: the models are CPU-bound Python and NumPy, threads
would fight over the GIL) or on an existing cluster given by its scheduler address.
Workers load the models once, when they join (a worker plugin), not per task. The
store stays with the caller: one process writes, in batches (``ingestion.analyse_pending``).

    mapper = DaskMapper(workers=2)              # or DaskMapper(scheduler="tcp://host:8786")
    analyses = mapper.map(articles)             # same order, same results as in-process
    mapper.close()
"""
from __future__ import annotations

import dataclasses
import logging
import os

try:
    from distributed import Client, LocalCluster, WorkerPlugin
except ModuleNotFoundError as exc:  # an optional extra: say how to get it
    raise ModuleNotFoundError(f"--workers/--scheduler need Dask ({exc.name} is missing): "
                              "pip install 'svodka[dask]'", name=exc.name) from None

from .records import Analysis, Article

# Tasks per worker for one map() call: a few, so that a worker that drew long articles
# does not leave the others idle at the end, but not one per article (each task costs
# a scheduler round trip and its own pickling).
TASKS_PER_WORKER = 4


class ModelsPlugin(WorkerPlugin):
    """Loads Natasha, pymorphy and the stage modules once per worker process."""

    name = "svodka-models"

    def setup(self, worker) -> None:
        warm_up()


def warm_up() -> None:
    from . import nlp, pipeline
    nlp.models()
    nlp.morph()
    pipeline.stages()
    # One short text runs every stage once: lazily built tables and caches inside the
    # stages fill now, not inside the first timed batch.
    pipeline.analyse_text("Вчера в Минске Александр Лукашенко встретился с Владимиром Путиным.")


def analyse_chunk(articles: list[Article]) -> list[Analysis]:
    from .ingestion import analyse_one
    return [analyse_one(a) for a in articles]


def for_analysis(article: Article) -> Article:
    """What a worker needs of an article: the analysis reads the clean text, date, title
    and warnings only (pipeline.analyse), so the raw text, the HTML and the per-character
    offset map, most of an article's pickled size, stay with the caller."""
    return dataclasses.replace(article, raw="", offsets=[], html=None, removed=[])


def split(items: list, parts: int) -> list[list]:
    """``parts`` contiguous slices of nearly equal length (order kept, none empty)."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out, at = [], 0
    for i in range(parts):
        n = size + (1 if i < extra else 0)
        out.append(items[at:at + n])
        at += n
    return out


class Pending:
    """Analyses under way on the cluster; ``result()`` waits for them, in order."""

    def __init__(self, client: Client, futures: list) -> None:
        self.client = client
        self.futures = futures

    def result(self) -> list[Analysis]:
        return [analysis for chunk in self.client.gather(self.futures) for analysis in chunk]


class DaskMapper:
    """``map(articles) -> analyses`` on a Dask cluster; a drop-in ``mapper`` for
    ``ingestion.analyse_pending``."""

    def __init__(self, workers: int = 0, scheduler: str | None = None) -> None:
        self.cluster: LocalCluster | None = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            n = workers or os.cpu_count() or 1
            self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        try:
            # Runs setup() on every current worker now and on any that joins later.
            self.client.register_plugin(ModelsPlugin(), name=ModelsPlugin.name)
        except BaseException:
            self.close()
            raise

    @property
    def workers(self) -> int:
        return len(self.client.nthreads())

    def map(self, articles: list[Article]) -> list[Analysis]:
        return self.submit(articles).result()

    def submit(self, articles: list[Article]) -> "Pending":
        """Start analysing and return at once: the caller writes the previous batch
        while the cluster works on this one."""
        slim = [for_analysis(a) for a in articles]
        chunks = split(slim, TASKS_PER_WORKER * max(1, self.workers)) if slim else []
        # pure=False: two equal chunks in two calls are still two pieces of work to do.
        return Pending(self.client, self.client.map(analyse_chunk, chunks, pure=False))

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> "DaskMapper":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
