"""Clustering rules on small tables of articles (no NER: the text fallbacks)."""
from __future__ import annotations

from datetime import datetime

import pytest

from svodka.stories import StoryDoc, build
from svodka.stories.model import effective_date, header_typo

WEATHER = ("Прогноз погоды на {d} ноября: в Москве ожидается облачная погода, местами небольшой снег, "
           "температура воздуха ночью до минус трёх градусов, днём около нуля, ветер западный.")
BANK = ("Всемирный банк выделит Украине 150 миллионов долларов для поддержки малоимущих семей. "
        "Соглашение подписали в Киеве министр финансов Сергей Марченко и представитель банка. "
        "Средства направят на выплаты семьям с детьми и пенсионерам.")
BANK2 = ("Украина получит от Всемирного банка 150 миллионов долларов: соглашение подписал министр финансов "
         "Сергей Марченко в Киеве. Деньги пойдут на выплаты пенсионерам и семьям с детьми.")
FOOTBALL = ("«Локомотив» обыграл «Спартак» со счётом 2:1 в матче российской Премьер-лиги. Голы забили "
            "Миранчук и Смолов, у гостей отличился Промес.")


def d(key, text, title=None, published=None):
    return StoryDoc(key, key, None, title, published, text)


CASES = [
    ("same event, different outlets",
     [d("a", BANK, "Всемирный банк выделит Украине 150 млн долларов"),
      d("b", BANK2, "Украина получит 150 млн долларов от Всемирного банка")], [["a", "b"]]),
    ("unrelated",
     [d("a", BANK, "Всемирный банк выделит Украине 150 млн долларов"), d("b", FOOTBALL, "Локомотив обыграл Спартак")],
     [["a"], ["b"]]),
    ("forecasts for different days are different stories",
     [d("a", WEATHER.format(d=8), "Прогноз погоды на 8 ноября"),
      d("b", WEATHER.format(d=16), "Прогноз погоды на 16 ноября")], [["a"], ["b"]]),
    ("the same text two months apart is not one event",
     [d("a", BANK, "Всемирный банк выделит Украине 150 млн долларов", datetime(2020, 3, 1)),
      d("b", BANK2, "Украина получит 150 млн долларов от Всемирного банка", datetime(2020, 5, 1))],
     [["a"], ["b"]]),
]


@pytest.mark.parametrize("name,docs,expected", CASES, ids=[c[0] for c in CASES])
def test_grouping(name, docs, expected):
    index = build(docs)
    got = sorted(sorted(s.members) for s in index.stories.values())
    assert got == expected


def test_story_id_comes_from_the_earliest_article():
    docs = [d("late", BANK2, "Украина получит 150 млн долларов", datetime(2020, 3, 2)),
            d("early", BANK, "Всемирный банк выделит Украине 150 млн долларов", datetime(2020, 3, 1))]
    index = build(docs)
    assert list(index.stories) == ["s-early"]


DATE_CASES = [
    # (header date, body, effective date, how)
    (datetime(2022, 2, 10, 19, 12), "Сессия прошла 10 января 2022 года.", datetime(2022, 1, 10),
     "body_date_over_header_typo"),
    (datetime(2022, 1, 12), "Сессия прошла 10 января 2022 года.", datetime(2022, 1, 12), "published"),
    (None, "Сессия прошла 10 января 2022 года.", None, "none"),
]


@pytest.mark.parametrize("published,text,expected,how", DATE_CASES)
def test_effective_date(published, text, expected, how):
    doc = d("x", text, published=published)
    assert effective_date(doc) == (expected, how)
    assert (header_typo(doc) is not None) == (how == "body_date_over_header_typo")
