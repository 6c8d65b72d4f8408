"""Several processes on one store at once, and a process killed in the middle of a batch."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from svodka.ingestion import IngestReport, analyse_pending, refresh_corpus, store_articles
from svodka.store import Store, schema as t

sys.path.insert(0, str(Path(__file__).resolve().parent))   # _kit: importlib mode adds no path
from _kit import articles

WORKER = Path(__file__).with_name("_worker.py")


def spawn(url: str, ns, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKER), url, "--ns", ",".join(map(str, ns)), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen, timeout: float = 300) -> dict:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def per_article_rows(store: Store, table: sa.Table) -> dict[str, int]:
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.select(table.c.article_key, sa.func.count())
                                 .group_by(table.c.article_key)).all())


def assert_consistent(store: Store) -> None:
    """Every analysed article has exactly its own annotation rows, once; no rows
    belong to an article without an analysis."""
    dates = per_article_rows(store, t.dates)
    mentions = per_article_rows(store, t.mentions)
    analysed = {}
    for a, analysis in store.iter_articles():
        if analysis is not None:
            analysed[a.key] = analysis
            assert dates.get(a.key, 0) == len(analysis.dates), a.input_id
            assert mentions.get(a.key, 0) == len(analysis.mentions), a.input_id
    assert set(dates) <= set(analysed) and set(mentions) <= set(analysed)


def test_four_processes_overlapping_inputs_lose_nothing_duplicate_nothing(pg_url, tmp_path):
    # Four writers, each 16 articles, each overlapping its neighbours by half, each in
    # its own shuffled order, started together on a database none of them created yet
    # (the migration races too): 40 distinct articles in all.
    go = tmp_path / "go"
    inputs = [range(i * 8, i * 8 + 16) for i in range(4)]
    procs = [spawn(pg_url, ns, "--shuffle", str(i), "--chunk", "5", "--batch", "4", "--refresh",
                   "--wait-for", str(go)) for i, ns in enumerate(inputs)]
    time.sleep(1.5)            # let them all import and reach the start line
    go.touch()
    reports = [finish(p) for p in procs]

    expected = {a.key for a in articles(range(40))}
    store = Store.open(pg_url)
    with store.engine.connect() as conn:
        keys = list(conn.scalars(sa.select(t.articles.c.key)))
    assert len(keys) == len(set(keys)) == 40
    assert set(keys) == expected
    # Each article was counted as new by exactly one process, and analysed by exactly one.
    assert sum(r["stored"] for r in reports) == 40
    assert sum(r["stored"] + r["skipped"] for r in reports) == 64
    assert sum(r["analysed"] for r in reports) == 40
    assert store.unanalysed_keys() == []
    assert_consistent(store)
    # The corpus views the four refreshed at the end are complete: a fresh refresh
    # now, with everything stored, changes nothing; every article is in one story.
    views = corpus_views(store)
    assert views["story_articles"] and sorted(k for k, _ in views["story_articles"]) == sorted(expected)
    refresh_corpus(store)
    assert corpus_views(store) == views
    store.close()


def corpus_views(store: Store) -> dict:
    with store.engine.connect() as conn:
        return {
            "entities": sorted(tuple(r) for r in conn.execute(
                sa.select(t.entities.c.id, t.entities.c.name, t.entities.c.mentions, t.entities.c.articles))),
            "story_articles": sorted(tuple(r) for r in conn.execute(
                sa.select(t.story_articles.c.article_key, t.story_articles.c.role))),
            "merged_events": sorted(conn.scalars(sa.select(t.merged_events.c.id))),
        }


def _kill_mid_batch(url: str, ns, hang_at: str, tmp_path: Path, *extra: str) -> None:
    marker = tmp_path / "marker"
    proc = spawn(url, ns, "--hang-at", hang_at, "--marker", str(marker), *extra)
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read()[-3000:]
        assert time.monotonic() < deadline, "the worker never reached the batch"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def test_killed_in_the_middle_of_an_article_batch(store_url, tmp_path):
    ns = range(40)
    # Batches of 10: killed inside the third, after its INSERT, before its COMMIT.
    _kill_mid_batch(store_url, ns, "store:3", tmp_path, "--chunk", "10", "--no-analysis")
    store = Store.open(store_url)
    assert store.count_articles() == 20                 # two whole batches, nothing of the third
    assert {a.input_id for a, _ in store.iter_articles()} == {f"a{n:05d}" for n in range(20)}
    # The next run resumes: what is there is skipped, the rest stored.
    report = IngestReport()
    store_articles(store, articles(ns), report)
    assert (report.stored, report.skipped) == (20, 20)
    assert store.count_articles() == 40
    store.close()


def test_killed_in_the_middle_of_saving_analyses(store_url, tmp_path):
    ns = range(15)
    # Analyses are saved in batches of 5: killed inside the second save, before COMMIT.
    _kill_mid_batch(store_url, ns, "analyse:2", tmp_path, "--batch", "5")
    store = Store.open(store_url)
    assert store.count_articles() == 15
    assert len(store.unanalysed_keys()) == 10           # the first batch only
    assert_consistent(store)
    assert analyse_pending(store, batch=5) == 10        # the next run resumes
    assert store.unanalysed_keys() == []
    assert_consistent(store)
    store.close()
