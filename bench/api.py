"""HTTP benchmark: p50/p95 latency of the story page, the article page and search under
8 concurrent clients on 127.0.0.1. Goal: p95 under 100 ms for each.

The store is built from ../shared/data/news_corpus_sample.jsonl: all 5,563 articles are
ingested (clean + store, as `svodka ingest --no-analysis`), then the first --analyse of
them are analysed (full pipeline) and the corpus views (entities, events, stories) built.
Full analysis of the whole sample takes long on a small shared machine; pages and
search only read what is stored, so their cost depends on the size of the store and of
the pages, which the subset keeps realistic. The store is kept in --db and reused when
it is already there (pass --rebuild to start over).

The server runs in its own process (uvicorn, one worker, as `svodka serve`), the
clients are threads of this process with one keep-alive connection each.

    python bench/api.py [--analyse 600] [--requests 300] [--clients 8] [--db /tmp/svodka-bench-api.db]
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "news_corpus_sample.jsonl"
sys.path.insert(0, str(ROOT / "src"))

# Search queries as analysts type them: names and nouns in declined forms.
QUERIES = ["Путиным", "Пашиняном", "Зеленского", "Трампа", "Москве", "России", "Украины", "выборах",
           "полиции", "санкций", "Госдумы", "нефти", "рубля", "Навального", "Китаем", "Белоруссии",
           "митинге", "суда", "погоды", "футболу", "Лукашенко", "Меркель", "ЕС", "Киеве"]


def build(db: Path, analyse: int) -> None:
    from svodka.ingest import read
    from svodka.ingestion import IngestReport, analyse_one, build_articles, store_articles
    from svodka.store import Store
    store = Store.open(str(db))
    t0 = time.perf_counter()
    report = IngestReport()
    store_articles(store, build_articles(read([str(DATA)]), report), report)
    print(f"ingest: {report.stored} stored, {report.failed} failed in {time.perf_counter() - t0:.1f}s", flush=True)
    keys = store.unanalysed_keys()[:analyse]
    t0 = time.perf_counter()
    for i in range(0, len(keys), 50):
        arts = store.get_articles(keys[i:i + 50])
        store.save_analyses([(a.key, analyse_one(a)) for a in arts])
        print(f"\ranalyse: {i + len(arts)}/{len(keys)}", end="", flush=True)
    print(f"\ranalyse: {len(keys)} articles in {time.perf_counter() - t0:.1f}s", flush=True)
    refresh_views(store)
    store.close()


def refresh_views(store) -> None:
    """Entities, merged events, stories: each view on its own, so that one missing or
    failing view (an analysis module mid-change) still leaves the others to measure."""
    from svodka.store import corpus
    for refresh in (corpus.refresh_entities, corpus.refresh_events, corpus.refresh_stories):
        t0 = time.perf_counter()
        try:
            n = refresh(store)
            print(f"{refresh.__name__}: {n} in {time.perf_counter() - t0:.1f}s", flush=True)
        except Exception as exc:  # noqa: BLE001 - reported, the benchmark goes on
            print(f"{refresh.__name__}: FAILED {type(exc).__name__}: {exc}", flush=True)


def targets(db: Path, n: int, rng: random.Random) -> dict[str, list[str]]:
    import sqlalchemy as sa
    from svodka.store import Store, schema as t
    store = Store.open(str(db))
    with store.engine.connect() as conn:
        stories = list(conn.scalars(sa.select(t.stories.c.id).order_by(t.stories.c.size.desc()).limit(200)))
        arts = list(conn.scalars(sa.select(t.articles.c.key).where(t.articles.c.analysis.is_not(None))))
    store.close()
    if not stories:
        print("no stories in the store (stories stage absent): story page not measured", flush=True)
    return {
        "story page": [f"/stories/{quote(rng.choice(stories), safe='')}" for _ in range(n)] if stories else [],
        "article page": [f"/articles/{rng.choice(arts)}" for _ in range(n)],
        "search": [f"/search?q={quote(rng.choice(QUERIES))}" for _ in range(n)],
        "search API": [f"/api/search?q={quote(rng.choice(QUERIES))}" for _ in range(n)],
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, port: int, workers: int) -> subprocess.Popen:
    """`svodka serve` in its own process group (so that its workers stop with it)."""
    proc = subprocess.Popen([sys.executable, "-c", "from svodka.cli import main; main()", "--db", str(db), "serve", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers)],
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, start_new_session=True)
    import httpx
    for _ in range(300):
        try:
            httpx.get(f"http://127.0.0.1:{port}/static/style.css", timeout=1)
            return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def load(base: str, urls: list[str], clients: int) -> tuple[list[float], int, float]:
    import httpx
    lat: list[float] = []
    errors = 0
    lock = threading.Lock()
    queue = list(urls)

    def worker():
        nonlocal errors
        with httpx.Client(base_url=base, timeout=30) as c:
            while True:
                with lock:
                    if not queue:
                        return
                    url = queue.pop()
                t0 = time.perf_counter()
                r = c.get(url)
                dt = time.perf_counter() - t0
                with lock:
                    lat.append(dt)
                    errors += r.status_code >= 400
    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return lat, errors, time.perf_counter() - t0


def group_cpu(pgid: int) -> float:
    """CPU seconds used so far by the server's processes (its process group), from /proc:
    what a request costs, whatever else the machine is doing."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:               # pgrp
            total += int(fields[11]) + int(fields[12])   # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/svodka-bench-api.db"))
    ap.add_argument("--rebuild", action="store_true", help="Build the store again from scratch.")
    ap.add_argument("--refresh", action="store_true", help="Rebuild the corpus views of an existing store.")
    ap.add_argument("--analyse", type=int, default=600, help="How many articles to analyse (default 600).")
    ap.add_argument("--requests", type=int, default=300, help="Requests per kind (default 300).")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--workers", type=int, default=1, help="Server worker processes (default 1).")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
    if not args.db.exists():
        build(args.db, args.analyse)
    elif args.refresh:
        from svodka.store import Store
        store = Store.open(str(args.db))
        refresh_views(store)
        store.close()
    rng = random.Random(args.seed)
    kinds = targets(args.db, args.requests, rng)
    port = free_port()
    proc = serve(args.db, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        warm = [u for urls in kinds.values() for u in urls[:20]]
        load(base, warm, args.clients)
        print(f"\n{args.clients} concurrent clients, {args.requests} requests per kind, server: `svodka serve "
              f"--workers {args.workers}`; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} "
              f"before the run\n")
        print(f"{'':<14}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}{'req/s':>8}{'errors':>8}{'CPU ms/req':>12}")
        for kind, urls in kinds.items():
            if not urls:
                continue
            cpu0 = group_cpu(proc.pid)
            lat, errors, wall = load(base, urls, args.clients)
            cpu = (group_cpu(proc.pid) - cpu0) / len(lat) * 1000
            print(f"{kind:<14}{pct(lat, 50):>8.1f}{pct(lat, 95):>8.1f}{max(lat) * 1000:>8.1f}"
                  f"{len(lat) / wall:>8.1f}{errors:>8}{cpu:>12.1f}", flush=True)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    print(f"\nstore: {args.db} ({args.db.stat().st_size / 1e6:.0f} MB); load average after the run "
          f"{os.getloadavg()[0]:.1f}; goal: p95 < 100 ms. CPU ms/req is the server's own CPU time per "
          f"request (all its processes), independent of what else the machine runs.")


if __name__ == "__main__":
    main()
