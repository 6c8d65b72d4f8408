"""Story clustering speed on ../shared/data/news_corpus_sample.jsonl.

Clusters the first 1,000, 2,000, 4,000 and all 5,563 articles (each size from an
empty index, in publication order, in its own process) and prints seconds per 1,000
articles, the peak memory of the process (loading the cached articles and their
analysis sets it), the memory the clustering added (resident size after minus before
``build``: the index with its features, signatures, postings and the models it
loads), and the size of the persisted state (JSON). The per-article analysis is done once beforehand
and cached under bench/out/ (git-ignored): segmentation and lemmas always, and
the dates stage when it is installed; Natasha NER is left out of the cache because
it alone would take hours on the shared machine and the clustering falls back to
capitalised words for names.

    python bench/stories.py [--sizes 1000,2000,4000,0]
"""
from __future__ import annotations

import argparse
import json
import pickle
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka import article, nlp, pipeline
from svodka.records import RawDoc, Span
from svodka.stories import StoryDoc, build, from_article

DATA = ROOT / ".." / "shared" / "data" / "news_corpus_sample.jsonl"
CACHE = ROOT / "bench" / "out" / "stories_articles.pkl"
LIGHT_STAGES = {"dates", "lemmas"}      # stages that do not need NER


def analyse(text: str, published: datetime | None, title: str | None):
    parsed = nlp.parse(text, ner=False)
    ctx = pipeline.Context(text, published, parsed, title=title)
    ctx.analysis.sentences = [Span(s.start, s.stop) for s in parsed.sents]
    for name, fn in pipeline.stages():
        if name in LIGHT_STAGES:
            fn(ctx)
    return ctx.analysis


def load_docs() -> list[StoryDoc]:
    """Each article as ingest makes it (``article.build``: cleaning, metadata), with
    the light analysis of its clean text."""
    rows = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    cached = pickle.loads(CACHE.read_bytes()) if CACHE.exists() else {}
    docs, fresh = [], 0
    for r in rows:
        if r["id"] not in cached:
            raw = RawDoc(r["id"], r["text"], r["id"], title=r.get("title"), url=r.get("url"),
                         outlet=r.get("source"), date=r.get("date"))
            art = article.build(raw)
            art.raw, art.offsets, art.removed = "", [], []      # not needed here; keeps the cache small
            cached[r["id"]] = (art, analyse(art.clean, art.published.value, art.title))
            fresh += 1
        art, analysis = cached[r["id"]]
        docs.append(from_article(art, analysis))
    if fresh:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(pickle.dumps(cached))
    return docs


def one(size: int) -> dict:
    """Cluster the first ``size`` articles (0 = all) from an empty index."""
    docs = load_docs()
    part = docs[:size] if size else docs
    base = _rss_mb()
    t = time.perf_counter()
    index = build(part)
    secs = time.perf_counter() - t
    after = _rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"grown_mb": after - base, "articles": len(part), "seconds": secs, "stories": len(index.stories),
            "threads": len(index.threads), "reprints": sum(c.role == "reprint" for c in index.copies.values()),
            "borrowers": sum(c.role == "borrower" for c in index.copies.values()),
            "peak_mb": peak, "before_mb": base,
            "state_mb": len(json.dumps(index.to_state(), ensure_ascii=False)) / 2**20}


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,2000,4000,0", help="0 = all articles")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one)))
        return
    t = time.perf_counter()
    load_docs()                       # fills the analysis cache once
    print(f"analysis ready in {time.perf_counter() - t:.1f}s")
    print(f"{'articles':>8} {'seconds':>8} {'s/1000':>7} {'stories':>8} {'threads':>8} "
          f"{'reprints':>8} {'borrow':>7} {'peak MB':>8} {'index MB':>8} {'state MB':>8}")
    first = per = None
    for size in [int(x) for x in args.sizes.split(",")]:
        # One process per size: peak memory is then that size's own.
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], check=True,
                             capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        per = r["seconds"] / r["articles"] * 1000
        first = first or per
        print(f"{r['articles']:>8} {r['seconds']:>8.1f} {per:>7.2f} {r['stories']:>8} {r['threads']:>8} "
              f"{r['reprints']:>8} {r['borrowers']:>7} {r['peak_mb']:>8.0f} "
              f"{r['grown_mb']:>8.0f} {r['state_mb']:>8.1f}")
    print(f"growth of s/1000 from the first to the last size: {per / first:.2f}x")


if __name__ == "__main__":
    main()
