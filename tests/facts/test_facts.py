"""Facts: numbers with units, as a table of (sentence, expected (value, unit, text))."""
from __future__ import annotations

import pytest

from svodka import facts, nlp
from svodka.pipeline import Context
from svodka.records import Span

CASES = [
    ("На территории страны находятся 2,3 тысячи миротворцев ОДКБ.", [(2300, "миротворец", "2,3 тысячи миротворцев")]),
    ("На границах сосредоточено свыше 6 тысяч боевиков ИГ.", [(6000, "боевик", "свыше 6 тысяч боевиков")]),
    ("Область получит 5,07 миллиарда рублей.", [(5.07e9, "рубль", "5,07 миллиарда рублей")]),
    ("Банк выделит Украине 150 млн долл. для поддержки.", [(1.5e8, "доллар", "150 млн долл")]),
    ("COVID-19 имеют уже 1 065 человек.", [(1065, "человек", "1 065 человек")]),
    ("Зарегистрировано 3 новых случая заболевания.", [(3, "случай", "3 новых случая")]),
    ("Цены выросли на 12%.", [(12, "процент", "12%")]),
    ("Встреча прошла 10 января 2022 года в 11:55.", []),
    ("В 2016 году его признали мертвым.", []),
    ("Су-35 поднялись в воздух.", []),
    ("Оператор Tele2 и фонд подвели итоги.", []),
    ("Дело возбуждено по ч. 3 ст. 109 УК.", []),
    ("Пострадали 6 человек в возрасте от 22 до 35 лет.", [(6, "человек", "6 человек"), (35, "год", "до 35 лет")]),
]


def run(text: str):
    ctx = Context(text, None, nlp.parse(text, ner=False))
    ctx.analysis.sentences = [Span(s.start, s.stop) for s in ctx.parsed.sents]
    facts.annotate(ctx)
    return ctx.analysis.facts


@pytest.mark.parametrize("text,expected", CASES)
def test_facts(text, expected):
    got = [(f.value, f.unit, f.text) for f in run(text)]
    assert got == [(pytest.approx(v), u, t) for v, u, t in expected]
    for f in run(text):
        assert text[f.start:f.stop] in f.text or f.text.endswith(text[f.start:f.stop])


def test_speaker_from_speech_cue_and_person():
    from svodka.records import Mention
    text = "Президент Таджикистана Эмомали Рахмон заявлял, что на границах сосредоточено свыше 6 тысяч боевиков."
    ctx = Context(text, None, nlp.parse(text, ner=False))
    start = text.index("Эмомали")
    ctx.analysis.mentions = [Mention(start, start + len("Эмомали Рахмон"), "PER", "Эмомали Рахмон",
                                     "Эмомали Рахмон", entity="Эмомали Рахмон")]
    facts.annotate(ctx)
    assert [(f.value, f.speaker) for f in ctx.analysis.facts] == [(6000, "Эмомали Рахмон")]
