"""Story clustering speed on ../shared/data/news_corpus_sample.jsonl.

Clusters the first 1,000, 2,000, 4,000 and all 5,563 articles (each size from an
empty index, in publication order) and prints seconds per 1,000 articles and the
peak memory of the clustering. The per-article analysis is done once beforehand
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
import sys
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka import nlp, pipeline  # noqa: E402
from svodka.records import Span  # noqa: E402
from svodka.stories import StoryDoc, build  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "news_corpus_sample.jsonl"
CACHE = ROOT / "bench" / "out" / "stories_analysis.pkl"
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
    rows = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    cached = pickle.loads(CACHE.read_bytes()) if CACHE.exists() else {}
    docs, fresh = [], 0
    for r in rows:
        published = datetime.fromisoformat(r["date"]) if r.get("date") else None
        if r["id"] not in cached:
            cached[r["id"]] = analyse(r["text"], published, r.get("title"))
            fresh += 1
        docs.append(StoryDoc(r["id"], r["id"], r.get("source"), r.get("title"), published, r["text"],
                             cached[r["id"]]))
    if fresh:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(pickle.dumps(cached))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,2000,4000,0", help="0 = all articles")
    args = ap.parse_args()
    t = time.perf_counter()
    docs = load_docs()
    print(f"analysis loaded for {len(docs)} articles in {time.perf_counter() - t:.1f}s")
    print(f"{'articles':>8} {'seconds':>8} {'s/1000':>7} {'stories':>8} {'threads':>8} "
          f"{'reprints':>8} {'peak MB':>8}")
    first = None
    for size in [int(x) for x in args.sizes.split(",")]:
        part = docs[:size] if size else docs
        tracemalloc.start()
        t = time.perf_counter()
        index = build(part)
        secs = time.perf_counter() - t
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        per = secs / len(part) * 1000
        first = first or per
        reprinted = sum(1 for c in index.copies.values() if c.role == "reprint")
        print(f"{len(part):>8} {secs:>8.1f} {per:>7.2f} {len(index.stories):>8} {len(index.threads):>8} "
              f"{reprinted:>8} {peak:>8.0f}")
    print(f"growth of s/1000 from the first to the last size: {per / first:.2f}x")


if __name__ == "__main__":
    main()
