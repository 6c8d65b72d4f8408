"""Pair evaluation of "same story" on ../shared/data/clustering_pairs_dev.jsonl.

For each labelled pair, both articles go through svodka as ingest would take them
(``article.build``: cleaning and metadata; ``pipeline.analyse``: every installed
stage), then svodka's story index is built over the two (in publication order,
exactly as ``svodka.stories.build`` runs) and the pair counts as "same story" when
both land in one story. The analysis is cached in bench/out/ (git-ignored; --fresh
recomputes it, which takes minutes because of Natasha's NER). Next to it, in the same run, the TF-IDF
cosine baseline of the Dialogue-2021 organisers (scikit-learn, word unigrams fitted on
the pair texts) with its threshold chosen on the same pairs (an optimistic baseline).

A cross-validated figure: for both systems the decision threshold is chosen on
training folds and scored on the held-out fold (repeated stratified 5-fold), so the
number says how a threshold tuned here carries to pairs nobody tuned on.

    python eval/clustering.py [--pairs PATH] [--verbose]
"""
from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka import article, nlp, pipeline
from svodka.records import RawDoc, Span
from svodka.stories import StoryDoc, build
from svodka.stories.cluster import STORY_THRESHOLD, STORY_WINDOW_DAYS, StoryIndex
from svodka.stories.features import content_lemmas, extract
from svodka.stories.model import from_article
from svodka.stories.similarity import score

DATA = ROOT / ".." / "shared" / "data"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


CACHE = ROOT / "bench" / "out" / "pairs_analysis.pkl"


def analyse(art):
    """pipeline.analyse, stage by stage, so that one stage failing on one article (the
    stages are under development next to this) costs that stage, not the evaluation."""
    parsed = nlp.parse(art.clean)
    ctx = pipeline.Context(art.clean, art.published.value, parsed, title=art.title)
    ctx.analysis.sentences = [Span(s.start, s.stop) for s in parsed.sents]
    for name, fn in pipeline.stages():
        try:
            fn(ctx)
        except Exception as exc:  # noqa: BLE001 - reported, and the evaluation goes on
            print(f"warning: stage {name} failed on {art.input_id}: {exc!r}", file=sys.stderr)
    ctx.analysis.warnings[:0] = art.warnings
    return ctx.analysis


def as_doc(side: dict, cache: dict) -> StoryDoc:
    if side["id"] not in cache:
        raw = RawDoc(side["id"], side["text"], side["id"], title=side.get("title"),
                     url=side.get("url"), date=side.get("date"))
        art = article.build(raw)
        cache[side["id"]] = (art, analyse(art))
    return from_article(*cache[side["id"]])


def corpus_frequencies() -> tuple[int, dict[str, int]]:
    """Document frequencies of content lemmas over news_corpus_sample.jsonl, as a store
    holding those 5,563 articles would have counted them (cached in bench/out/)."""
    path = ROOT / "bench" / "out" / "corpus_df.json"
    if path.exists():
        d = json.loads(path.read_text(encoding="utf-8"))
        return d["n"], d["df"]
    df: Counter = Counter()
    n = 0
    with (DATA / "news_corpus_sample.jsonl").open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            df.update(set(content_lemmas(f"{r.get('title') or ''} {r['text']}")))
            n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"n": n, "df": df}, ensure_ascii=False), encoding="utf-8")
    return n, dict(df)


def svodka_pair(pair: dict, cache: dict, background: tuple[int, dict] | None = None) -> tuple[bool, float]:
    a, b = as_doc(pair["a"], cache), as_doc(pair["b"], cache)
    index = StoryIndex()
    if background:
        # The two articles arrive in a store that already holds the corpus sample:
        # term weights are those of a populated index, as in production.
        index.n, index.df = background[0], Counter(background[1])
    index = build([a, b], index)
    same = index.story_of(a.key) == index.story_of(b.key)
    s = score(extract(a), extract(b), index.idf(), STORY_WINDOW_DAYS).value
    return same, s


def tfidf_scores(pairs: list[dict]) -> list[float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity
    texts = []
    for p in pairs:
        for side in ("a", "b"):
            texts.append(f"{p[side].get('title') or ''}\n{p[side]['text']}")
    vec = TfidfVectorizer(lowercase=True, sublinear_tf=True).fit(texts)
    m = vec.transform(texts)
    return [float(cosine_similarity(m[2 * i], m[2 * i + 1])[0, 0]) for i in range(len(pairs))]


def prf(pred: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def best_threshold(scores: list[float], gold: list[bool]) -> float:
    """The F1-best threshold, placed midway between neighbouring scores (a margin)."""
    cands = sorted(set(scores))
    mids = [(x + y) / 2 for x, y in pairwise(cands)] or cands
    return max(mids, key=lambda t: (prf([s >= t for s in scores], gold)[2], -abs(t - 0.5)))


def cross_validated(scores: list[float], gold: list[bool], repeats: int = 20, folds: int = 5) -> float:
    """Mean F1 over held-out folds, threshold fitted on the other folds (pooled per repeat)."""
    rng = random.Random(8)
    pos = [i for i, g in enumerate(gold) if g]
    neg = [i for i, g in enumerate(gold) if not g]
    f1s = []
    for _ in range(repeats):
        rng.shuffle(pos)
        rng.shuffle(neg)
        fold_of = {i: k % folds for k, i in enumerate(pos)} | {i: k % folds for k, i in enumerate(neg)}
        pred = [False] * len(gold)
        for f in range(folds):
            train = [i for i in range(len(gold)) if fold_of[i] != f]
            t = best_threshold([scores[i] for i in train], [gold[i] for i in train])
            for i in range(len(gold)):
                if fold_of[i] == f:
                    pred[i] = scores[i] >= t
        f1s.append(prf(pred, gold)[2])
    return sum(f1s) / len(f1s)


def seeds_check() -> str:
    """The demo corpus against seeds_gold.json: stories by main event and by thread."""
    gold = json.loads((DATA / "seeds_gold.json").read_text(encoding="utf-8"))["stories"]
    docs = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        art = article.build(RawDoc(path.name, path.read_text(encoding="utf-8"), str(path)))
        docs.append(from_article(art, analyse(art)))
    index = build(docs)
    name = {d.key: d.input_id for d in docs}
    stories = sorted(sorted(name[k] for k in s.members) for s in index.stories.values())
    threads: dict[str, list[str]] = {}
    for s in index.stories.values():
        threads.setdefault(s.thread, []).extend(name[k] for k in s.members)
    ok_s = stories == sorted(sorted(g) for g in gold["by_main_event"])
    ok_t = sorted(sorted(v) for v in threads.values()) == sorted(sorted(g) for g in gold["by_thread"])
    reprint = index.source_of(next(d.key for d in docs if d.input_id.startswith("004")))
    ok_r = reprint is not None and reprint.role == "reprint" and name[reprint.source].startswith("002")
    return (f"seeds: stories by main event {'match' if ok_s else 'DIFFER'}, threads "
            f"{'match' if ok_t else 'DIFFER'}, 004 reprint of 002: {'yes' if ok_r else 'NO'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=Path, default=DATA / "clustering_pairs_dev.jsonl")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--fresh", action="store_true", help="recompute the cached analysis")
    args = ap.parse_args()
    pairs = load(args.pairs)
    gold = [bool(p["same_story"]) for p in pairs]
    cache = {} if args.fresh or not CACHE.exists() else pickle.loads(CACHE.read_bytes())
    size = len(cache)
    ours = [svodka_pair(p, cache) for p in pairs]
    if len(cache) != size:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(pickle.dumps(cache))
    background = corpus_frequencies()
    primed = [svodka_pair(p, cache, background) for p in pairs]
    pred = [same for same, _ in ours]
    our_scores = [s for _, s in ours]
    base = tfidf_scores(pairs)
    t_base = best_threshold(base, gold)
    if args.verbose:
        for p, g, (same, s), b in zip(pairs, gold, ours, base):
            mark = "  " if same == g else "XX"
            print(f"{mark} gold={int(g)} svodka={int(same)} score={s:.2f} tfidf={b:.2f}  "
                  f"{p['a']['title'][:45]} | {p['b']['title'][:45]}")
    print(f"pairs: {len(pairs)} ({sum(gold)} same story)")
    print(f"{'system':<34} {'P':>6} {'R':>6} {'F1':>6} {'F1 cv':>7}")
    pr, rc, f1 = prf(pred, gold)
    name = f"svodka, empty index (thr {STORY_THRESHOLD:.2f})"
    print(f"{name:<34} {pr:6.3f} {rc:6.3f} {f1:6.3f} "
          f"{cross_validated(our_scores, gold):7.3f}")
    pr, rc, f1 = prf([same for same, _ in primed], gold)
    name = f"svodka, index of {background[0]} articles"
    print(f"{name:<34} {pr:6.3f} {rc:6.3f} {f1:6.3f} "
          f"{cross_validated([s for _, s in primed], gold):7.3f}")
    pr, rc, f1 = prf([s >= t_base for s in base], gold)
    name = f"tf-idf cosine (best thr {t_base:.2f})"
    print(f"{name:<34} {pr:6.3f} {rc:6.3f} {f1:6.3f} "
          f"{cross_validated(base, gold):7.3f}")
    print("F1 cv: threshold chosen on 4/5 of the pairs, scored on the rest (20 x 5-fold)")
    print(seeds_check())
    print("empty index: the pair alone (term weights from wordfreq); index of N articles: the pair")
    print("added to an index that already counted the corpus sample (term weights as in a store)")


if __name__ == "__main__":
    main()
