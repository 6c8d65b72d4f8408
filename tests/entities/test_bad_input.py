"""Bad input: no crash, nothing invented. Empty text, digits only, Latin only, no sentences,
markup debris, and a 1 MB article through the rule layer (its NER spans taken from a
short article's, repeated, so the test stays fast: the rules are what is under test)."""
from __future__ import annotations

import time

import pytest

from svodka import entities, nlp
from svodka.pipeline import Context


def run(text: str, parsed: nlp.Parsed | None = None):
    ctx = Context(text, None, parsed or nlp.parse(text))
    entities.annotate(ctx)
    return ctx.analysis.mentions


@pytest.mark.parametrize("text", [
    "",
    " \n\t ",
    "1234567890 " * 200,
    "12.01.2022 11:55 — 822 — 2 300",
    "...!!! ??? --- ««»» () [] •••",
    "РЕКЛАМА",
    "ЧИТАЙТЕ ТАКЖЕ ПОДПИСЫВАЙТЕСЬ РЕКЛАМА",
    "https://t.me/interaffairs mail@example.ru www",
    "<div><p>&nbsp;</p></div>",
])
def test_nothing_invented(text):
    assert run(text) == []


@pytest.mark.parametrize("text", [
    "The quick brown fox jumps over the lazy dog " * 50,
    "и в на с по " * 500,
    "а" * 5000,
    "Путин" * 1000,
])
def test_no_crash_and_spans_valid(text):
    for m in run(text):
        assert 0 <= m.start < m.stop <= len(text) and text[m.start:m.stop] == m.text


def test_one_megabyte_article_through_the_rules():
    unit = ("Президент России Владимир Путин провёл переговоры с Николом Пашиняном в Москве. "
            "Совет коллективной безопасности ОДКБ собрался по просьбе Казахстана.\n")
    small = nlp.parse(unit)
    copies = 1_000_000 // len(unit) + 1
    text = unit * copies
    big = nlp.parse(text, ner=False)
    big.ner = [nlp.NerSpan(s.start + k * len(unit), s.stop + k * len(unit), s.type, s.text)
               for k in range(copies) for s in small.ner]
    t0 = time.perf_counter()
    found = run(text, big)
    took = time.perf_counter() - t0
    assert len(found) >= copies * 4
    assert {m.normal for m in found} >= {"Владимир Путин", "Никол Пашинян", "Москва"}
    assert took < 60, took
