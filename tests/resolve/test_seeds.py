"""Every entity of seeds_gold.json resolved to its canonical name on the seeds (issue 5/13)."""
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from svodka import pipeline

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / ".." / "shared" / "data" / "seeds_gold.json"
EXAMPLES = ROOT / "examples"
# the articles' dates as their headers give them (000 has none)
DATES = {"000": None, "001": datetime(2022, 1, 10, 11, 55), "002": datetime(2022, 1, 10),
         "003": datetime(2023, 11, 21), "004": datetime(2022, 2, 10)}


@pytest.fixture(scope="module")
def analysed():
    out = {}
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out[path.name] = (text, pipeline.analyse_text(text, DATES[path.name[:3]], only={"entities", "resolution"}))
    return out


@pytest.fixture(scope="module")
def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_every_gold_entity_found(analysed, gold):
    # the documents' lists use the name each article uses («Беларусь», «Киргизия»); the
    # aliases table says which canonical that name stands for
    canonical_of = {a: c for c, aliases in gold["aliases"].items() for a in aliases}
    missing = []
    for name, doc in gold["documents"].items():
        found = {m.entity for m in analysed[name][1].mentions}
        for entities in doc["entities"].values():
            missing += [(name, e) for e in entities if e not in found and canonical_of.get(e) not in found]
    assert missing == []


def _alias_cases(gold):
    """(canonical, alias, restriction): «(in 003)» names a document, «(in 2022)» a year."""
    for canonical, aliases in gold["aliases"].items():
        for alias in aliases:
            only = re.search(r"\(in (\d+)\)", alias)
            yield canonical, re.sub(r"\s*\(in [^)]*\)", "", alias), only.group(1) if only else None


def _applies(name: str, only: str | None) -> bool:
    if only is None:
        return True
    if len(only) == 4:
        day = DATES[name[:3]]
        return day is not None and str(day.year) == only
    return name.startswith(only)


def _covered(analysis, start: int, stop: int, canonical: str) -> bool:
    """Most of the alias lies inside mentions of the canonical (a long title may be two)."""
    inside = set()
    for m in analysis.mentions:
        if m.entity == canonical:
            inside |= set(range(max(m.start, start), min(m.stop, stop)))
    return len(inside) >= 0.8 * (stop - start)


@pytest.mark.slow
def test_aliases_resolve_to_canonical(analysed, gold):
    """Each alias of the gold table, wherever it occurs in a seed, is a mention of its canonical."""
    wrong, seen = [], 0
    for canonical, alias, only in _alias_cases(gold):
        for name, (text, analysis) in analysed.items():
            if not _applies(name, only):
                continue
            for hit in re.finditer(re.escape(alias).replace("\\ ", r"\s+"), text, flags=re.IGNORECASE):
                if hit.start() and text[hit.start() - 1].isalpha():
                    continue
                seen += 1
                if not _covered(analysis, hit.start(), hit.end(), canonical):
                    wrong.append((name, hit.group(), canonical))
    assert seen > 40
    assert wrong == [], "\n".join(map(str, wrong))


@pytest.mark.slow
def test_minsk_stays_the_city(analysed):
    _, analysis = analysed["003_21b6205563734a2e.txt"]
    minsk = [m for m in analysis.mentions if m.text.startswith("Минск")]
    assert minsk and all(m.entity == "Минск" for m in minsk)
