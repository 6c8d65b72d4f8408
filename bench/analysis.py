"""Speed of the per-article analysis next to a bare Natasha NER pass, in one process.

    python bench/analysis.py [--limit N] [--stages entities,resolution] [--data ...jsonl]

Runs ``svodka.pipeline.analyse_text`` (every stage present in this build) over the
articles and prints articles/s and the time of each stage (``Analysis.timings``), then
times what a user would otherwise write, Natasha's ``Segmenter`` + ``NewsNERTagger`` on a
``natasha.Doc``, over the same articles, and compares the cost of entities + resolution
with it. Models load before timing starts; the two run article by article, alternating which goes first, so that the load of a shared
machine falls on both alike. Morphology caches start cold, as in a fresh process.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "news_corpus_sample.jsonl"


def load(path: Path, limit: int | None) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if limit is not None and len(texts) >= limit:
                break
            texts.append(json.loads(line).get("text") or "")
    return texts


def bare_natasha(text: str, segmenter, tagger) -> float:
    """Seconds for Segmenter + NewsNERTagger over a natasha Doc (what a user would write)."""
    from natasha import Doc
    t0 = time.perf_counter()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return time.perf_counter() - t0


def svodka_once(text: str, only: set[str] | None, stages: dict[str, float]) -> float:
    from svodka.pipeline import analyse_text
    t0 = time.perf_counter()
    analysis = analyse_text(text, only=only)
    took = time.perf_counter() - t0
    for name, seconds in analysis.timings.items():
        stages[name] += seconds
    return took


def interleaved(texts: list[str], only: set[str] | None) -> tuple[float, float, dict[str, float]]:
    """Both passes article by article, alternating which goes first: the machine is shared,
    and load that comes and goes then falls on both sides alike."""
    from natasha import Segmenter
    from svodka import nlp
    segmenter, tagger = Segmenter(), nlp.models().ner
    stages: dict[str, float] = defaultdict(float)
    ours = bare = 0.0
    for n, text in enumerate(texts):
        if n % 2:
            bare += bare_natasha(text, segmenter, tagger)
            ours += svodka_once(text, only, stages)
        else:
            ours += svodka_once(text, only, stages)
            bare += bare_natasha(text, segmenter, tagger)
    return ours, bare, dict(stages)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None, help="first N articles (default: all)")
    ap.add_argument("--stages", default=None,
                    help="comma-separated stages to run (default: all present; parse always runs)")
    args = ap.parse_args(argv)
    only = set(args.stages.split(",")) if args.stages else None
    texts = load(args.data, args.limit)
    chars = sum(len(t) for t in texts)
    from svodka import nlp
    from svodka.pipeline import analyse_text, stages
    nlp.models()
    if texts:                                    # load every stage's data before timing
        analyse_text(texts[0], only=only)
    total, bare, per_stage = interleaved(texts, only)
    n = max(len(texts), 1)
    print(f"{len(texts)} articles, {chars / 1e6:.1f} M chars; stages: "
          f"{', '.join(s for s, _ in stages() if only is None or s in only)}")
    print(f"svodka analyse_text   {total:8.2f}s  {len(texts) / total if total else 0:7.1f} articles/s")
    print(f"bare Natasha NER      {bare:8.2f}s  {len(texts) / bare if bare else 0:7.1f} articles/s")
    for name, seconds in per_stage.items():
        print(f"  {name:<12} {seconds:8.2f}s  {1000 * seconds / n:7.2f} ms/article")
    ner = per_stage.get("parse", 0.0) + per_stage.get("entities", 0.0) + per_stage.get("resolution", 0.0)
    if bare:
        print(f"parse + entities + resolution = {ner:.2f}s = {ner / bare:.2f}x the bare Natasha pass "
              f"(goal <= 1.3x); rule layer alone (entities + resolution) = "
              f"{(ner - per_stage.get('parse', 0.0)) / bare:.2f}x")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
