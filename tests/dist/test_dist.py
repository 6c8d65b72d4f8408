"""Analysis on a Dask LocalCluster of 2 worker processes gives exactly what the
in-process run gives, and analysing a store on it stores the same analyses."""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="pip install 'svodka[dask]'")

from svodka.dist import DaskMapper, split  # noqa: E402
from svodka.ingestion import analyse_one  # noqa: E402
from svodka.store import Store  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from _kit import article, articles  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def seed_articles():
    """The five founding articles (examples/), through svodka's own builder when it is there."""
    try:
        from svodka.article import build
        from svodka.records import RawDoc
    except ImportError:
        return [article(100 + i, text=p.read_text(encoding="utf-8"))
                for i, p in enumerate(sorted((ROOT / "examples").iterdir()))]
    return [build(RawDoc(input_id=p.name, text=p.read_text(encoding="utf-8"), location=str(p)))
            for p in sorted((ROOT / "examples").iterdir())]


def without_timings(analysis):
    return dataclasses.replace(analysis, timings={})


def first_difference(left, right) -> str:
    """Which article and field differ first, for a readable failure."""
    for i, (a, b) in enumerate(zip(left, right)):
        for f in dataclasses.fields(a):
            if getattr(a, f.name) != getattr(b, f.name):
                return f"item {i}, field {f.name}: {getattr(a, f.name)!r:.300} != {getattr(b, f.name)!r:.300}"
    return "lengths differ" if len(left) != len(right) else "none"


@pytest.fixture(scope="module")
def arts():
    return seed_articles() + articles(range(6))


@pytest.fixture(scope="module")
def local(arts):
    """The in-process run, once for the module."""
    return [without_timings(analyse_one(a)) for a in arts]


@pytest.fixture(scope="module")
def mapper():
    m = DaskMapper(workers=2)
    yield m
    m.close()


def test_split_keeps_order_and_balances():
    items = list(range(11))
    parts = split(items, 4)
    assert [len(p) for p in parts] == [3, 3, 3, 2]
    assert [x for p in parts for x in p] == items
    assert split([1, 2], 8) == [[1], [2]]


def test_two_workers_match_the_in_process_run(mapper, arts, local):
    assert mapper.workers == 2
    remote = [without_timings(a) for a in mapper.map(arts)]
    assert len(remote) == len(arts)
    assert remote == local, first_difference(remote, local)
    assert any(a.mentions for a in remote) and any(a.dates for a in remote)
    assert mapper.map([]) == []
    # submit: the same, started now and collected later (two batches in flight at once).
    first, second = mapper.submit(arts[:5]), mapper.submit(arts[5:])
    assert [without_timings(a) for a in first.result() + second.result()] == local


def test_analyse_pending_on_the_cluster_stores_the_same(store_url, mapper, arts, local):
    # The path `svodka analyse --workers N` takes: the cluster analyses, this process
    # writes the store in batches; what is stored equals the in-process analyses.
    from svodka.ingestion import analyse_pending
    store = Store.open(store_url)
    store.add_articles(arts)
    assert analyse_pending(store, batch=4, mapper=mapper.map) == len(arts)
    stored = [without_timings(store.get_analysis(a.key)) for a in arts]
    store.close()
    assert stored == local, first_difference(stored, local)


def test_analyse_pending_keeps_a_batch_in_flight(tmp_path, mapper, arts, local):
    # With submit, the cluster analyses batch i+1 while this process writes batch i
    # (needs the analyse_pending(submit=...) of /tmp/patch_H_pipeline.diff).
    from svodka.ingestion import analyse_pending
    store = Store.open(str(tmp_path / "pipelined.db"))
    store.add_articles(arts)
    ticks: list[int] = []
    assert analyse_pending(store, batch=3, submit=mapper.submit, tick=ticks.append) == len(arts)
    assert sum(ticks) == len(arts)
    stored = [without_timings(store.get_analysis(a.key)) for a in arts]
    store.close()
    assert stored == local, first_difference(stored, local)
