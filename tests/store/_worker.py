"""A separate process that ingests test articles into a store, for the concurrency and
crash tests. Prints its IngestReport counts as one JSON line on stdout.

    python _worker.py URL --ns 0,1,2 [--shuffle SEED] [--chunk N] [--batch N]
                      [--wait-for PATH] [--hang-at {store,analyse}:K --marker PATH]

--hang-at store:K stops inside the K-th article batch after its INSERT ran and before
COMMIT (analyse:K: the K-th save of analyses), writes --marker and sleeps until killed:
the parent then kills it there, mid-batch.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sqlalchemy as sa  # noqa: E402

from svodka import ingestion  # noqa: E402
from svodka.ingestion import IngestReport, analyse_pending, store_articles  # noqa: E402
from svodka.store import Store  # noqa: E402

from _kit import articles  # noqa: E402


def arm_hang(store: Store, where: str, k: int, marker: Path) -> None:
    method = {"store": "add_articles", "analyse": "save_analyses"}[where]
    original = getattr(store, method)
    state = {"calls": 0, "armed": False}

    def counted(*args, **kwargs):
        state["calls"] += 1
        state["armed"] = state["calls"] == k
        return original(*args, **kwargs)

    def on_commit(_conn):
        if state["armed"]:
            marker.write_text("in the middle of a batch\n")
            while True:            # the parent kills us here, before COMMIT
                time.sleep(1)

    setattr(store, method, counted)
    sa.event.listen(store.engine, "commit", on_commit)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--ns", required=True)
    ap.add_argument("--shuffle", type=int)
    ap.add_argument("--chunk", type=int, default=ingestion.CHUNK)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--no-analysis", action="store_true")
    ap.add_argument("--refresh", action="store_true", help="then refresh entities, events, stories")
    ap.add_argument("--wait-for", type=Path)
    ap.add_argument("--hang-at")
    ap.add_argument("--marker", type=Path)
    args = ap.parse_args()

    ns = [int(x) for x in args.ns.split(",")]
    if args.shuffle is not None:
        random.Random(args.shuffle).shuffle(ns)
    batch = articles(ns)
    if args.wait_for:              # a start line, so that the processes really overlap
        while not args.wait_for.exists():
            time.sleep(0.01)
    store = Store.open(args.url)
    if args.hang_at:
        where, _, k = args.hang_at.partition(":")
        arm_hang(store, where, int(k), args.marker)
    ingestion.CHUNK = args.chunk
    report = IngestReport()
    store_articles(store, batch, report)
    if not args.no_analysis:
        report.analysed = analyse_pending(store, batch=args.batch)
    if args.refresh:               # what `svodka ingest` does after analysing
        ingestion.refresh_corpus(store)
    store.close()
    print(json.dumps({"stored": report.stored, "skipped": report.skipped, "analysed": report.analysed}))


if __name__ == "__main__":
    main()
