"""Entity resolution, measured on eval/gold/resolution.jsonl (issue 13).

    python eval/resolution.py [--data ../shared/data] [--explain] [--gold eval/gold/resolution_heldout.jsonl]

eval/gold/resolution.jsonl is the development set (annotated before tuning, then used to
tune); eval/gold/resolution_heldout.jsonl was annotated before any run on its articles and
is not used for tuning: its figures are the honest ones for unseen articles.

The gold set holds article ids of ../shared/data/news_corpus_sample.jsonl, half-open
offsets, the form of each mention (name, surname, abbreviation, role, metonymy), its type
and the acceptable canonical names; the texts stay in the sample.

For svodka (stages "entities" + "resolution") and, in the same run, a bare Natasha pass
(its NER spans, their normal forms as the entity), per form, per type and per group:

- found: a predicted mention covers at least half of the gold span;
- right: the best such mention (largest overlap / union) carries an acceptable entity;
- consistency: over gold entities named in two or more articles, the share of their found
  mentions that carry the entity's most common predicted name (one canonical per referent);
- precision: of the predicted mentions that overlap a gold mention, the share whose entity
  is acceptable (the gold set is not exhaustive, so unmatched predictions are not counted).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka import kb, nlp, pipeline
from svodka.kb.forms import fold
from svodka.records import Mention

GOLD = ROOT / "eval" / "gold" / "resolution.jsonl"
DATA = ROOT / ".." / "shared" / "data"
FORMS = ["name", "surname", "abbreviation", "role", "metonymy"]
GROUPS = {"names+surnames+abbr": {"name", "surname", "abbreviation"}, "roles+metonymy": {"role", "metonymy"}}
GOALS = {"names+surnames+abbr": 0.90, "roles+metonymy": 0.60}


def read_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def read_articles(data: Path, ids: set[str]) -> dict[str, dict]:
    out = {}
    with (data / "news_corpus_sample.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if any(i in line[:80] for i in ids):
                a = json.loads(line)
                if a["id"] in ids:
                    out[a["id"]] = a
    return out


def published(article: dict) -> datetime | None:
    try:
        return datetime.fromisoformat(article["date"])
    except (KeyError, TypeError, ValueError):
        return None


def svodka_mentions(article: dict, timings: Counter) -> list[Mention]:
    analysis = pipeline.analyse_text(article["text"], published(article), article.get("title"),
                                     only={"entities", "resolution"})
    for k, v in analysis.timings.items():
        timings[k] += v
    return analysis.mentions


class BareNatasha:
    """What a user would write with Natasha alone: NER spans, ``span.normalize`` as the entity."""

    def __init__(self) -> None:
        from natasha import MorphVocab, NewsMorphTagger, Segmenter
        emb = nlp.models().emb
        self.segmenter, self.vocab = Segmenter(), MorphVocab()
        self.morph = NewsMorphTagger(emb)
        self.ner = nlp.models().ner

    def __call__(self, article: dict, timings: Counter) -> list[Mention]:
        from natasha import Doc
        t0 = time.perf_counter()
        doc = Doc(article["text"])
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph)
        doc.tag_ner(self.ner)
        out = []
        for span in doc.spans:
            span.normalize(self.vocab)
            out.append(Mention(span.start, span.stop, span.type, span.text, span.normal or span.text,
                               entity=span.normal or span.text, entity_id=f"{span.type}:{span.normal}"))
        timings["natasha"] += time.perf_counter() - t0
        return out


def best_match(g: dict, predicted: list[Mention]) -> Mention | None:
    """The predicted mention covering at least half the gold span with the largest overlap/union."""
    length = g["stop"] - g["start"]
    best, best_score = None, 0.0
    for m in predicted:
        overlap = min(m.stop, g["stop"]) - max(m.start, g["start"])
        if overlap <= 0 or overlap * 2 < length or not m.entity:
            continue
        score = overlap / (max(m.stop, g["stop"]) - min(m.start, g["start"]))
        if score > best_score:
            best, best_score = m, score
    return best


def acceptable(g: dict, entity: str | None) -> bool:
    return entity is not None and fold(entity) in {fold(e) for e in g["entity"]}


def merged(predicted: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """The predictions after svodka.resolve.merge_corpus, as the store applies it."""
    from dataclasses import replace

    from svodka.resolve import merge_corpus
    triples = [(m.type, m.entity, m.entity_id) for ms in predicted.values() for m in ms if m.entity]
    mapping = merge_corpus(triples)
    out = {}
    for aid, ms in predicted.items():
        out[aid] = []
        for m in ms:
            t = mapping.get((m.type, m.entity, m.entity_id)) if m.entity else None
            out[aid].append(replace(m, entity=t[1], entity_id=t[2]) if t else m)
    return out


def score(gold: list[dict], predicted: dict[str, list[Mention]]) -> dict:
    rows: dict[str, Counter] = defaultdict(Counter)
    by_entity: dict[str, list[tuple[str, str]]] = defaultdict(list)
    misses = []
    for g in gold:
        m = best_match(g, predicted.get(g["article"], []))
        right = m is not None and acceptable(g, m.entity)
        keys = ["all", g["form"], g["type"]] + [name for name, forms in GROUPS.items() if g["form"] in forms]
        for key in keys:
            rows[key]["n"] += 1
            rows[key]["found"] += m is not None
            rows[key]["right"] += right
        if m is not None:
            by_entity[g["entity"][0]].append((g["article"], m.entity))
        if not right:
            misses.append((g, m))
    # consistency across articles
    same = total = 0
    for seen in by_entity.values():
        if len({a for a, _ in seen}) < 2:
            continue
        names = Counter(e for _, e in seen)
        same += names.most_common(1)[0][1]
        total += len(seen)
    # precision over predicted mentions that overlap some gold mention
    tp = fp = 0
    gold_by_article = defaultdict(list)
    for g in gold:
        gold_by_article[g["article"]].append(g)
    for article, mentions in predicted.items():
        for m in mentions:
            if not m.entity:
                continue
            hits = [g for g in gold_by_article.get(article, [])
                    if min(m.stop, g["stop"]) - max(m.start, g["start"]) > 0 and best_match(g, [m]) is m]
            if not hits:
                continue
            if any(acceptable(g, m.entity) for g in hits):
                tp += 1
            else:
                fp += 1
    return {"rows": rows, "consistency": same / total if total else 0.0, "consistency_n": total,
            "precision": tp / (tp + fp) if tp + fp else 0.0, "precision_n": tp + fp, "misses": misses}


def share(c: Counter, key: str) -> str:
    return f"{c[key] / c['n']:.3f}" if c["n"] else "  -  "


def report(ours: dict, bare: dict, timings: Counter, n_articles: int, gold_path: Path = GOLD) -> None:
    print(f"gold: {ours['rows']['all']['n']} mentions in {n_articles} articles ({gold_path})\n")
    print(f"{'':22} {'n':>5}   {'svodka found':>12} {'right':>6}   {'natasha found':>13} {'right':>6}")
    order = FORMS + ["PER", "LOC", "ORG"] + list(GROUPS) + ["all"]
    for key in order:
        a, b = ours["rows"][key], bare["rows"][key]
        goal = f"   goal ≥ {GOALS[key]:.2f}" if key in GOALS else ""
        print(f"{key:22} {a['n']:5}   {share(a, 'found'):>12} {share(a, 'right'):>6}   "
              f"{share(b, 'found'):>13} {share(b, 'right'):>6}{goal}")
        if key in ("metonymy", "ORG", "roles+metonymy"):
            print()
    print(f"{'consistency':22} {ours['consistency_n']:5}   {ours['consistency']:>19.3f}   "
          f"{bare['consistency']:>20.3f}   goal ≥ 0.95")
    print(f"{'precision':22} {ours['precision_n']:5}   {ours['precision']:>19.3f}   {bare['precision']:>20.3f}")
    parse = timings["parse"]
    print(f"\ntime: parse (razdel + Natasha NER) {parse:.2f}s, entities {timings['entities']:.2f}s, "
          f"resolution {timings['resolution']:.2f}s "
          f"(entities + resolution = {(timings['entities'] + timings['resolution']) / parse:.2f}x of parse); "
          f"bare Natasha with normalisation {timings['natasha']:.2f}s; KB load once {timings['kb_load']:.2f}s\n"
          f"(bench/analysis.py measures the stages over the whole sample; a few articles are noisy)")


def explain(misses: list, articles: dict) -> None:
    for g, m in misses:
        text = articles[g["article"]]["text"]
        got = f"{m.entity!r} ({m.kind}, {m.rule})" if m else "not found"
        print(f"  {g['article']} {g['form']:12} {text[g['start']:g['stop']]!r:40} want {g['entity'][0]!r:28} got {got}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--explain", action="store_true", help="list every gold mention svodka got wrong")
    ap.add_argument("--gold", type=Path, default=GOLD, help="gold file (default: the development set)")
    args = ap.parse_args()
    gold = read_gold(args.gold)
    articles = read_articles(args.data, {g["article"] for g in gold})
    timings: Counter = Counter()
    t0 = time.perf_counter()
    kb.load()           # once per process; not part of the per-article cost
    timings["kb_load"] = time.perf_counter() - t0
    bare_pass = BareNatasha()
    ours, bare = {}, {}
    for aid, article in articles.items():
        ours[aid] = svodka_mentions(article, timings)
        bare[aid] = bare_pass(article, timings)
    ours_score, bare_score = score(gold, ours), score(gold, bare)
    report(ours_score, bare_score, timings, len(articles), args.gold)
    after = score(gold, merged(ours))
    print(f"after merge_corpus (what the store keeps): right {after['rows']['all']['right'] / after['rows']['all']['n']:.3f}, "
          f"consistency {after['consistency']:.3f}")
    if args.explain:
        print("\nsvodka's misses:")
        explain(ours_score["misses"], articles)


if __name__ == "__main__":
    main()
