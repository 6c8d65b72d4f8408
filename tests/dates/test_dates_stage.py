"""The "dates" stage over a Context, including the seeds' datelines."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from svodka import dates, nlp
from svodka.pipeline import Context

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(text: str, published: datetime | None) -> Context:
    ctx = Context(text, published, nlp.parse(text, ner=False))
    dates.annotate(ctx)
    return ctx


@pytest.mark.parametrize("name,published,expected", [
    ("003_21b6205563734a2e.txt", datetime(2023, 11, 21),
     [("21.11.2023", "2023-11-21"), ("Вчера, 20 ноября", "2023-11-20"), ("22 ноября", "2023-11-22"),
      ("23 ноября", "2023-11-23")]),
    ("004_75329027fc359d53.txt", datetime(2022, 2, 10, 19, 12),
     [("10-02-2022, 19:12", "2022-02-10"), ("10 января 2022 года", "2022-01-10")]),
    ("001_26ac6c9ab8602967.txt", datetime(2022, 1, 10, 11, 55),
     [("11:55 10 января 2022", "2022-01-10"), ("понедельник, 10 января", "2022-01-10")]),
])
def test_seed_dates(name, published, expected):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    ctx = run(text, published)
    got = [(text[d.start:d.stop].replace("\xa0", " "), d.value) for d in ctx.analysis.dates]
    for item in expected:
        assert item in got
    assert not [w for w in ctx.analysis.warnings if "inconsistent" in w]


def test_seed_without_date_leaves_relative_unresolved():
    text = (EXAMPLES / "002_cc54e64c8b1819b4.txt").read_text(encoding="utf-8")
    ctx = run(text, None)
    today = [d for d in ctx.analysis.dates if text[d.start:d.stop] == "Сегодня"]
    assert today and today[0].value is None
    assert any("no publication date" in w for w in ctx.analysis.warnings)
