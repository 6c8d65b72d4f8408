"""Acceptance of cleaning and metadata on the seeds against ../shared/data/seeds_gold.json:
every body line and every gold quote survives in the clean text, every gold boilerplate
line is removed, and title, published date and outlet match the gold where it gives them."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from svodka.article import build
from svodka.ingest import read
from svodka.meta import format_published

ROOT = Path(__file__).resolve().parents[2]
GOLD_PATH = ROOT / ".." / "shared" / "data" / "seeds_gold.json"
pytestmark = pytest.mark.slow

if not GOLD_PATH.exists():
    pytest.skip(f"{GOLD_PATH} not found", allow_module_level=True)
GOLD = json.loads(GOLD_PATH.read_text(encoding="utf-8"))["documents"]
ARTICLES = {a.input_id: a for a in map(build, read([str(ROOT / "examples")]))}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


@pytest.mark.parametrize("doc", sorted(GOLD))
def test_body_lines_and_quotes_survive(doc):
    a = ARTICLES[doc]
    clean = norm(a.clean)
    boilerplate = {norm(line) for line in GOLD[doc]["boilerplate"]}
    for line in a.raw.splitlines():
        if norm(line) and norm(line) not in boilerplate:
            assert norm(line) in clean, line
    for quote in GOLD[doc]["quotes"]:
        assert norm(quote["quote"]) in clean, quote["quote"]


@pytest.mark.parametrize("doc", sorted(GOLD))
def test_boilerplate_lines_removed(doc):
    a = ARTICLES[doc]
    clean_lines = {norm(line) for line in a.clean.splitlines()}
    removed = {norm(r.text) for r in a.removed}
    for line in GOLD[doc]["boilerplate"]:
        assert norm(line) not in clean_lines, line
        assert norm(line) in removed, line


@pytest.mark.parametrize("doc", sorted(GOLD))
def test_title_and_published(doc):
    a = ARTICLES[doc]
    gold = GOLD[doc]
    assert format_published(a.published) == gold["published"]
    if "title" in gold:
        assert a.title == gold["title"]
    else:
        assert a.title is None      # 000 and 002 open with a sentence, not a headline


def test_outlets_named_in_the_text():
    assert ARTICLES["000_0b7334ac1219d371.txt"].outlet == "Международная жизнь"
    assert ARTICLES["003_21b6205563734a2e.txt"].outlet == "Союзники.ОДКБ"
    for doc in ("001_26ac6c9ab8602967.txt", "002_cc54e64c8b1819b4.txt", "004_75329027fc359d53.txt"):
        assert ARTICLES[doc].outlet is None, "the gold calls these outlets unnamed"


def test_date_conflict_of_the_reprint_is_flagged():
    a = ARTICLES["004_75329027fc359d53.txt"]
    assert a.published.how == "header" and format_published(a.published) == "2022-02-10T19:12"
    assert any("2022-01-10" in w for w in a.warnings)
    assert all(not ARTICLES[d].warnings for d in ARTICLES if d != "004_75329027fc359d53.txt")


def test_offsets_map_back_to_the_raw_text():
    for a in ARTICLES.values():
        assert len(a.offsets) == len(a.clean) + 1
        for i, ch in enumerate(a.clean):
            r = a.raw[a.offsets[i]]
            assert r == ch or (ch == " " and r.isspace()) or (ch == "\n" and r == "\n")
        for r in a.removed:
            assert a.raw[r.start:r.stop] == r.text


def test_key_is_stable_and_content_addressed():
    a = ARTICLES["000_0b7334ac1219d371.txt"]
    again = build(next(iter(read([str(ROOT / "examples" / "000_0b7334ac1219d371.txt")]))))
    assert again.key == a.key and len(a.key) == 16
    assert len({x.key for x in ARTICLES.values()}) == len(ARTICLES)
