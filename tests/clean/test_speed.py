"""build() (cleaning + metadata) over the whole news sample: it runs for every ingested
article, so it must stay far below the cost of storing one. The figure is printed (run
with -s); the bound is loose because CI machines are shared."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from svodka.article import build
from svodka.ingest import read
from svodka.records import RawDoc

SAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "news_corpus_sample.jsonl"
BUDGET_MS = 3.0     # target: well under 1 ms of CPU per article (measured about 0.4 ms)


@pytest.mark.slow
def test_build_speed_on_the_sample():
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} not found")
    docs = [d for d in read([str(SAMPLE)]) if isinstance(d, RawDoc)]
    assert len(docs) == 5563
    start = time.process_time()
    for d in docs:
        build(d)
    per_article = (time.process_time() - start) / len(docs) * 1000
    print(f"\nbuild(): {per_article:.3f} ms of CPU per article over {len(docs)} articles")
    assert per_article < BUDGET_MS
