"""Quality gate: svodka's entity stage on factRuEval-2016 dev, scored as naeval scores it
(eval/factru.py), must stay above pinned floors and above a bare Natasha pass. The floors
sit a little under the figures measured when they were pinned (see eval/factru.py and the
report in the entities issue), so a change that costs quality fails here."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".." / "shared" / "data" / "factru_dev.jsonl"

# token-level F1 floors on the whole dev set; measured .981 / .948 / .860 when first pinned,
# .982 / .950 / .868 when raised (the held-out half alone: .980 / .932 / .824)
FLOORS = {"PER": 0.975, "LOC": 0.945, "ORG": 0.860}


def _factru():
    spec = importlib.util.spec_from_file_location("factru_eval", ROOT / "eval" / "factru.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["factru_eval"] = module          # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.skipif(not DATA.exists(), reason="needs ../shared/data/factru_dev.jsonl")
def test_factru_dev_floors():
    factru = _factru()
    docs = factru.load(DATA)
    ours, bare = factru.run(docs)
    ours_t, bare_t = factru.Totals(), factru.Totals()
    for doc, o, b in zip(docs, ours, bare):
        ours_t.add(doc["text"], o, factru.gold_spans(doc))
        bare_t.add(doc["text"], b, factru.gold_spans(doc))
    for kind, floor in FLOORS.items():
        assert ours_t.token[kind].value >= floor, (kind, ours_t.token[kind].value)
        assert ours_t.token[kind].value > bare_t.token[kind].value, kind


def test_scorer_counts_tokens_like_naeval():
    """naeval's token IO: a predicted span covering two of three gold tokens scores P 1, R 2/3;
    a span not aligned to token bounds is dropped."""
    factru = _factru()
    text = "Совет коллективной безопасности собрался"
    gold = [(0, 31, "ORG")]
    scores = factru.score_tokens(text, [(0, 18, "ORG")], gold)
    assert (scores["ORG"].prec.correct, scores["ORG"].prec.total) == (2, 2)
    assert (scores["ORG"].recall.correct, scores["ORG"].recall.total) == (2, 3)
    misaligned = factru.score_tokens(text, [(0, 17, "ORG")], gold)
    assert misaligned["ORG"].prec.total == 0
