"""Ingest benchmark: parse + clean + store of the sample corpus into a fresh SQLite
store, next to a floor run in the same process (json.loads plus a bare executemany
insert of the raw text). Goal: within 3x of the floor.

    python bench/ingest.py [--limit N] [--data PATH]
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "news_corpus_sample.jsonl"
sys.path.insert(0, str(ROOT / "src"))


def limited(path: Path, limit: int | None, out: Path) -> Path:
    if not limit:
        return path
    with open(path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= limit:
                break
            dst.write(line)
    return out


def floor(path: Path, db: Path) -> int:
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE raw (id TEXT PRIMARY KEY, text TEXT)")
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            rows.append((d["id"], d["text"]))
    with con:
        con.executemany("INSERT INTO raw VALUES (?, ?)", rows)
    con.close()
    return len(rows)


def svodka_ingest(path: Path, db: Path) -> int:
    from svodka.ingest import read
    from svodka.ingestion import IngestReport, build_articles, store_articles
    from svodka.store import Store
    store = Store.open(str(db))
    report = IngestReport()
    store_articles(store, build_articles(read([str(path)]), report), report)
    store.close()
    return report.stored


def timed(fn, *args) -> tuple[float, int]:
    t = time.perf_counter()
    n = fn(*args)
    return time.perf_counter() - t, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = limited(args.data, args.limit, tmp / "input.jsonl")
        mb = os.path.getsize(path) / 1e6
        # Warm imports and models outside the timed region: both runs are then pure work.
        # The store's modules (SQLAlchemy's SQLite dialect, Alembic) are imported on the
        # first Store.open: imported here, as sqlite3 is for the floor. Creating and
        # migrating the fresh store stays inside the timed run.
        import alembic.command  # noqa: F401
        import alembic.config  # noqa: F401
        import sqlalchemy.dialects.sqlite  # noqa: F401
        import svodka.article  # noqa: F401
        import svodka.ingest  # noqa: F401
        import svodka.ingestion  # noqa: F401
        import svodka.store  # noqa: F401
        t_floor, n_floor = timed(floor, path, tmp / "floor.db")
        t_svodka, n_svodka = timed(svodka_ingest, path, tmp / "svodka.db")
    print(f"input: {path.name if args.limit else args.data.name}, {n_floor} articles, {mb:.1f} MB")
    print(f"{'run':<34}{'articles/s':>12}{'MB/s':>9}{'seconds':>9}")
    print(f"{'floor (json.loads + executemany)':<34}{n_floor / t_floor:>12.0f}{mb / t_floor:>9.1f}{t_floor:>9.2f}")
    print(f"{'svodka parse+clean+store':<34}{n_svodka / t_svodka:>12.0f}{mb / t_svodka:>9.1f}{t_svodka:>9.2f}")
    print(f"ratio svodka/floor: {t_svodka / t_floor:.2f}x (goal <= 3x); stored {n_svodka}")


if __name__ == "__main__":
    main()
