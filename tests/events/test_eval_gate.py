"""Quality gate: the events evaluation must stay above pinned floors (issue 7 goals).

Runs eval/events.py over the project's gold set (58 sampled articles of
../shared/data/news_corpus_sample.jsonl, ids and offsets only). Floors sit a little
under the measured figures so that a regression fails loudly and noise does not.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".." / "shared" / "data"

FLOORS = {"type_f1": 0.85, "date_accuracy": 0.90, "status_accuracy": 0.90}


def load_eval():
    spec = importlib.util.spec_from_file_location("svodka_eval_events", ROOT / "eval" / "events.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow
def test_events_gold_above_floors():
    if not (DATA / "news_corpus_sample.jsonl").exists():
        pytest.skip("../shared/data is not next to the repo")
    ev = load_eval()
    report = ev.evaluate_gold(ROOT / "eval" / "gold" / "events.jsonl", DATA, verbose=False)
    got = {"type_f1": report["type"]["f"], "date_accuracy": report["date_accuracy"],
           "status_accuracy": report["status_accuracy"]}
    assert all(got[k] >= v for k, v in FLOORS.items()), (got, ev.STAGE_ERRORS)


# The four earlier held-out sets were studied to make the stage generalise (see docs/events.md),
# so they are no longer blind; floors on them keep those general fixes from regressing.
# events_blind5.jsonl and events_blind6.jsonl are deliberately not gated: they stay measurements.
HELDOUT_FLOORS = {"type_f1": 0.85, "date_accuracy": 0.85}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["events_heldout", "events_heldout2", "events_heldout3", "events_heldout4"])
def test_events_heldout_above_floors(name):
    if not (DATA / "news_corpus_sample.jsonl").exists():
        pytest.skip("../shared/data is not next to the repo")
    ev = load_eval()
    report = ev.evaluate_gold(ROOT / "eval" / "gold" / f"{name}.jsonl", DATA, verbose=False)
    got = {"type_f1": report["type"]["f"], "date_accuracy": report["date_accuracy"]}
    assert all(got[k] >= v for k, v in HELDOUT_FLOORS.items()), (name, got, ev.STAGE_ERRORS)
