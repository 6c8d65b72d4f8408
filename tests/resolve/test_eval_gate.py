"""Quality gate: resolution figures on the gold sets stay above pinned floors (issue 13).

Floors sit a little under the measured figures (eval/resolution.py prints them); a change
that drops below one must say why. The issue's goals are 0.90 / 0.60 / 0.95.
"""
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "eval"))

import resolution as ev

DATA = ROOT / ".." / "shared" / "data"
# gold file -> (names+surnames+abbr right, roles+metonymy right, consistency)
FLOORS = {
    "resolution.jsonl": (0.94, 0.93, 0.97),           # development set (tuned on)
    "resolution_heldout.jsonl": (0.95, 0.82, 0.95),   # looked at once after its first run
    "resolution_blind.jsonl": (0.90, 0.85, 0.95),     # annotated after tuning stopped
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_resolution_floors(name):
    gold = ev.read_gold(ROOT / "eval" / "gold" / name)
    articles = ev.read_articles(DATA, {g["article"] for g in gold})
    timings: Counter = Counter()
    predicted = {aid: ev.svodka_mentions(a, timings) for aid, a in articles.items()}
    result = ev.score(gold, predicted)
    rows = result["rows"]
    names, roles = rows["names+surnames+abbr"], rows["roles+metonymy"]
    floor_names, floor_roles, floor_consistency = FLOORS[name]
    assert names["right"] / names["n"] >= floor_names
    assert roles["right"] / roles["n"] >= floor_roles
    assert result["consistency"] >= floor_consistency
