"""Cleaning on real news: a 1,000-article slice of ../shared/data/news_corpus_sample.jsonl.

No article may lose its body: every paragraph-like line (long, or a full sentence of
some length) of the input survives in the clean text, and the clean text keeps most of
the input. The share of text removed is printed (run with -s) and bounded.
"""
from __future__ import annotations

import html
import itertools
import json
import re
from pathlib import Path

import pytest

from svodka.clean import clean, is_boilerplate

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
SAMPLE = DATA / "news_corpus_sample.jsonl"
SLICE = 1000
SPACES = re.compile(r"[\s\u00a0\u202f]+")
INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SENTENCES = re.compile(r"[.!?…»\"]\s+[«\"]?[А-ЯЁA-Z]")


def norm(text: str) -> str:
    return SPACES.sub(" ", INVISIBLE.sub("", html.unescape(text).replace("**", ""))).strip()


# Words of the calls, credits and widgets a paragraph-shaped line may still be; kept
# apart from svodka's own rules so that the test does not grade them by themselves.
NOT_BODY = re.compile(r"подпис|подпиш|telegram|телеграм|реклам|фото|ctrl|©|ссылк|канал|youtube|иносми|соглашаюсь",
                      re.IGNORECASE)


def paragraph_like(line: str) -> bool:
    """A line that is article text by its shape: long, or two sentences or more, and
    not a subscribe call, credit or widget in disguise."""
    line = norm(line)
    if len(line) >= 200:
        return True
    return len(line) >= 80 and bool(SENTENCES.search(line)) and line.endswith(".") and not NOT_BODY.search(line)


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} not found")
    with open(SAMPLE, encoding="utf-8") as f:
        return [json.loads(line) for line in itertools.islice(f, SLICE)]


@pytest.mark.slow
def test_no_article_loses_its_body(sample):
    lost = []
    removed = total = 0
    for record in sample:
        raw = record["text"]
        c = clean(raw, "jsonl")
        clean_norm = norm(c.clean)
        for line in raw.splitlines():
            if paragraph_like(line) and norm(line) not in clean_norm:
                lost.append((record["id"], line[:100]))
        assert len(c.clean) >= 0.3 * len(norm(raw)), record["id"]
        total += len(raw)
        removed += sum(r.stop - r.start for r in c.removed if is_boilerplate(r.rule))
    share = removed / total
    print(f"\n{SLICE} articles: boilerplate removed {share:.2%} of {total} characters")
    assert not lost, lost[:10]
    assert 0.002 < share < 0.08


@pytest.mark.slow
def test_offsets_hold_on_the_slice(sample):
    for record in sample[:300]:
        raw = record["text"]
        c = clean(raw, "jsonl")
        assert len(c.offsets) == len(c.clean) + 1 and c.offsets[-1] == len(raw)
        assert all(a < b for a, b in zip(c.offsets, c.offsets[1:]))
        for i, ch in enumerate(c.clean):
            r = raw[c.offsets[i]]
            assert r == ch or (ch == " " and (r.isspace() or r == "&")) or r == "&", (record["id"], i)
