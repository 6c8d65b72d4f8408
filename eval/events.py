"""Evaluate the "events" stage: the project's gold set and the seed events E1–E5.

    python eval/events.py [--gold eval/gold/events.jsonl] [--data ../shared/data] [--verbose]
    python eval/events.py --all        # one line per gold file (dev set and the held-out sets)

Gold (eval/gold/events.jsonl, ids and offsets only): for each article the scope
(the lead: its first two sentences) and every event whose trigger lies in it, with
its trigger spans, type, date, status and participants. A system event is *in scope*
when one of its evidence spans starts inside the scope; it matches a gold event when
one of its evidence spans overlaps one of the gold trigger spans (one-to-one, in text
order). Printed per field:

- detection: precision / recall / F1 of matched events, type ignored
- type: a match with the same type counts; P = over system events in scope, R = over gold
- date / status: accuracy over type-matched events (exact ISO value, precision included);
  with --verbose each miss, extra, type, date, status and participant disagreement is listed
- participants: micro precision / recall of names over type-matched events; "lenient"
  also accepts the same surname («Путин» for «Владимир Путин»)

The seeds part reads ../shared/data/seeds_gold.json and the demo corpus (examples/) and
checks every article that reports E1–E5 for type, date, place, format, initiator and
participants, and the merged event across articles.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka import nlp  # noqa: E402
from svodka.pipeline import Context, stages  # noqa: E402
from svodka.records import Span  # noqa: E402

STAGE_ERRORS: dict[str, int] = {}


def analyse_text(text: str, published: datetime | None = None, title: str | None = None):
    """The pipeline as ``svodka.pipeline.analyse_text`` runs it, except that a stage of
    another area that crashes on an article is skipped (and counted), so this score
    measures the events stage rather than whoever broke last."""
    ctx = Context(text, published, nlp.parse(text), title=title)
    ctx.analysis.sentences = [Span(s.start, s.stop) for s in ctx.parsed.sents]
    for name, fn in stages():
        try:
            fn(ctx)
        except Exception:  # noqa: BLE001 - reported below, never silently
            if name in ("dates", "events"):
                raise
            STAGE_ERRORS[name] = STAGE_ERRORS.get(name, 0) + 1
    return ctx.analysis

DATA = ROOT / ".." / "shared" / "data"

# The seeds' publication dates as seeds_gold.json gives them (None: the article does not say).
SEED_PUBLISHED = {
    "000_0b7334ac1219d371.txt": None,
    "001_26ac6c9ab8602967.txt": datetime(2022, 1, 10, 11, 55),
    "002_cc54e64c8b1819b4.txt": None,
    "003_21b6205563734a2e.txt": datetime(2023, 11, 21),
    "004_75329027fc359d53.txt": datetime(2022, 2, 10, 19, 12),
}
FORMATS = {"видеоконференция": "videoconference", "телефон": "phone", "очно": "in_person"}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def surname(name: str) -> str:
    return name.split()[-1].lower() if name else ""


def load_corpus(ids: set[str], data: Path) -> dict[str, dict]:
    rows = {}
    with open(data / "news_corpus_sample.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in ids:
                rows[r["id"]] = r
    return rows


def published_of(row: dict) -> datetime | None:
    if not row.get("date"):
        return None
    return datetime.fromisoformat(row["date"]).replace(tzinfo=None)


def match(gold: list[dict], system: list) -> list[tuple[dict, object]]:
    pairs, used = [], set()
    for g in gold:
        spans = [tuple(s) for s in g["triggers"]]
        for i, e in enumerate(system):
            if i in used:
                continue
            if any(overlaps((ev.start, ev.stop), s) for ev in e.evidence for s in spans):
                pairs.append((g, e))
                used.add(i)
                break
    return pairs


class Score:
    def __init__(self) -> None:
        self.n = {k: 0 for k in ("gold", "sys", "found", "typed", "date_ok", "status_ok",
                                 "p_tp", "p_sys", "p_gold", "pl_tp")}

    def add(self, key: str, k: int = 1) -> None:
        self.n[key] += k

    @staticmethod
    def prf(tp: int, sys_n: int, gold_n: int) -> tuple[float, float, float]:
        p = tp / sys_n if sys_n else 0.0
        r = tp / gold_n if gold_n else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def report(self) -> dict:
        n = self.n
        det = self.prf(n["found"], n["sys"], n["gold"])
        typ = self.prf(n["typed"], n["sys"], n["gold"])
        return {
            "gold_events": n["gold"], "system_events_in_scope": n["sys"],
            "detection": dict(zip("prf", det)), "type": dict(zip("prf", typ)),
            "date_accuracy": n["date_ok"] / n["typed"] if n["typed"] else 0.0,
            "status_accuracy": n["status_ok"] / n["typed"] if n["typed"] else 0.0,
            "participants": {"p": n["p_tp"] / n["p_sys"] if n["p_sys"] else 0.0,
                             "r": n["p_tp"] / n["p_gold"] if n["p_gold"] else 0.0},
            "participants_lenient": {"p": n["pl_tp"] / n["p_sys"] if n["p_sys"] else 0.0,
                                     "r": n["pl_tp"] / n["p_gold"] if n["p_gold"] else 0.0},
        }


def score_article(g: dict, text: str, events, score: Score, verbose: bool) -> None:
    stop = g["scope"][1]
    in_scope = [e for e in events if any(ev.start < stop for ev in e.evidence)]
    score.add("gold", len(g["events"]))
    score.add("sys", len(in_scope))
    pairs = match(g["events"], in_scope)
    score.add("found", len(pairs))
    matched = {id(e) for _, e in pairs}
    for ge, e in pairs:
        ok = ge["type"] == e.type
        if verbose and not ok:
            print(f"  TYPE {g['id']}: gold {ge['type']} system {e.type} «{text[e.trigger.start:e.trigger.stop]}»")
        if not ok:
            continue
        score.add("typed")
        score.add("date_ok", int(ge["date"] == e.date))
        score.add("status_ok", int(ge["status"] == e.status))
        if verbose and ge["status"] != e.status:
            print(f"  STATUS {g['id']}: gold {ge['status']} system {e.status} «{text[e.trigger.start:e.trigger.stop]}»")
        if verbose and ge["date"] != e.date:
            print(f"  DATE {g['id']}: gold {ge['date']} system {e.date} «{text[e.trigger.start:e.trigger.stop]}»")
        gp, sp = set(ge["participants"]), set(e.participants)
        if verbose and gp != sp:
            print(f"  WHO {g['id']}: {e.type} gold {sorted(gp)} system {sorted(sp)}")
        score.add("p_gold", len(gp))
        score.add("p_sys", len(sp))
        score.add("p_tp", len(gp & sp))
        score.add("pl_tp", len({surname(x) for x in gp} & {surname(x) for x in sp}))
    if verbose:
        for ge in g["events"]:
            if not any(ge is x for x, _ in pairs):
                s = ge["triggers"][0]
                print(f"  MISS {g['id']}: {ge['type']} «{text[s[0]:s[1]]}»")
        for e in in_scope:
            if id(e) not in matched:
                print(f"  EXTRA {g['id']}: {e.type} «{text[e.trigger.start:e.trigger.stop]}» ({e.rule.split(';')[0]})")


def evaluate_gold(gold_path: Path, data: Path, verbose: bool) -> dict:
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = load_corpus({g["id"] for g in gold}, data)
    score = Score()
    for g in gold:
        row = rows[g["id"]]
        analysis = analyse_text(row["text"], published_of(row), row.get("title"))
        score_article(g, row["text"], analysis.events, score, verbose)
    return score.report()


# --- the seeds ----------------------------------------------------------------------------


def seed_checks(data: Path, verbose: bool) -> dict:
    gold = json.loads((data / "seeds_gold.json").read_text(encoding="utf-8"))
    examples = ROOT / "examples"
    from svodka import eventmerge
    per_article, items = {}, []
    for name, published in SEED_PUBLISHED.items():
        text = (examples / name).read_text(encoding="utf-8")
        events = analyse_text(text, published).events
        per_article[name] = events
        items += [(name, None, published, e) for e in events]
    merged = eventmerge.merge(items)
    results = {}
    for key, ge in gold["events"].items():
        for name in ge.get("reported_by", []):
            results[f"{key}@{name[:3]}"] = check_seed_event(ge, per_article[name], name)
        best = best_merged(ge, merged)
        results[f"{key}@merged"] = check_seed_event(ge, [best.event] if best else [], "merged",
                                                    sources=len(best.sources) if best else 0)
    if verbose:
        for k, v in results.items():
            print(f"  {k:12} {v}")
    return results


def seed_candidates(ge: dict, events) -> list:
    status = ge.get("status", "happened")
    return [e for e in events if e.type == ge["type"] and e.status == status]


def check_seed_event(ge: dict, events, name: str, sources: int | None = None) -> dict:
    cands = seed_candidates(ge, events)
    if not cands:
        return {"found": False}
    want_date = ge.get("date")
    e = next((c for c in cands if c.date == want_date), None) or max(
        cands, key=lambda c: len(set(c.participants) & set(ge.get("participants", []))))
    out = {"found": True, "date": e.date == want_date}
    if "place" in ge:
        out["place"] = e.place == ge["place"]
    if "format" in ge:
        out["format"] = e.format == FORMATS.get(ge["format"], ge["format"])
    if "initiator" in ge:
        out["initiator"] = e.initiator == ge["initiator"]
    if ge.get("participants"):
        gp = set(ge["participants"])
        out["participants_recall"] = round(len(gp & set(e.participants)) / len(gp), 2)
    if sources is not None:
        out["sources"] = sources
    return out


def best_merged(ge: dict, merged):
    cands = [m for m in merged if m.event.type == ge["type"] and m.event.status == ge.get("status", "happened")]
    if not cands:
        return None
    return max(cands, key=lambda m: (m.event.date == ge.get("date"),
                                     len(set(m.event.participants) & set(ge.get("participants", []))),
                                     len(m.sources)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold" / "events.jsonl")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--no-seeds", action="store_true")
    ap.add_argument("--all", action="store_true", help="one summary line per gold file in eval/gold/events*.jsonl")
    args = ap.parse_args()
    if args.all:
        for path in sorted((ROOT / "eval" / "gold").glob("events*.jsonl")):
            r = evaluate_gold(path, args.data, False)
            print(f"{path.name:26} events {r['gold_events']:3}  type P/R/F1 {r['type']['p']:.2f}/{r['type']['r']:.2f}/"
                  f"{r['type']['f']:.2f}  date {r['date_accuracy']:.2f}  status {r['status_accuracy']:.2f}  "
                  f"participants P/R {r['participants']['p']:.2f}/{r['participants']['r']:.2f}")
        return
    report = evaluate_gold(args.gold, args.data, args.verbose)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if STAGE_ERRORS:
        print(f"other stages crashed and were skipped: {STAGE_ERRORS}", file=sys.stderr)
    if not args.no_seeds:
        seeds = seed_checks(args.data, args.verbose)
        print(json.dumps(seeds, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
