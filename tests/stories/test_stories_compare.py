"""Comparison and framing rules as tables over small synthetic articles."""
from __future__ import annotations

from datetime import datetime

import pytest

from svodka.records import Analysis, DateMention, Fact, Mention
from svodka.stories import StoryDoc
from svodka.stories.compare import compare, fact_comparison
from svodka.stories.framing import _title_before, loaded_words, scare_quotes


def doc(key, text, facts=(), mentions=(), dates=(), published=None, warnings=()):
    a = Analysis(facts=list(facts), mentions=list(mentions), dates=list(dates))
    return StoryDoc(key, key, None, None, published, text, a, list(warnings))


def fact(text, phrase, value, unit):
    start = text.index(phrase)
    return Fact(start, start + len(phrase), value, unit, subject=phrase.split()[-1], text=phrase)


T1 = "В стране находятся 2,3 тысячи миротворцев."
T2 = "В стране находятся 2300 миротворцев."
T3 = "В стране находятся 2500 миротворцев."

FACT_CASES = [
    ("same number, written differently", [doc("a", T1, [fact(T1, "2,3 тысячи миротворцев", 2300, "миротворец")]),
                                          doc("b", T2, [fact(T2, "2300 миротворцев", 2300, "миротворец")])], 1, 0),
    ("different numbers", [doc("a", T1, [fact(T1, "2,3 тысячи миротворцев", 2300, "миротворец")]),
                           doc("b", T3, [fact(T3, "2500 миротворцев", 2500, "миротворец")])], 0, 1),
    ("one article only", [doc("a", T1, [fact(T1, "2,3 тысячи миротворцев", 2300, "миротворец")])], 0, 0),
]


@pytest.mark.parametrize("name,docs,agree,conflict", FACT_CASES, ids=[c[0] for c in FACT_CASES])
def test_facts(name, docs, agree, conflict):
    a, c = fact_comparison(docs)
    assert (len(a), len(c)) == (agree, conflict)
    for item in a + c:
        for side in item["sides"]:
            d = next(x for x in docs if x.key == side["article"])
            assert d.text[side["start"]:side["stop"]] == side["text"]


def per(text, name):
    start = text.index(name)
    return Mention(start, start + len(name), "PER", name, name)


def test_date_conflict_and_only_one_names():
    t1 = "Сессия прошла 10 января 2022 года. Участвовал Никол Пашинян."
    t2 = "10-02-2022, 19:12. Сессия прошла 10 января 2022 года. Участвовал Никол Пашинян и Андрей Сердюков."
    d1 = doc("a", t1, mentions=[per(t1, "Никол Пашинян")],
             dates=[DateMention(14, 33, "2022-01-10", "day")], published=datetime(2022, 1, 10))
    d2 = doc("b", t2, mentions=[per(t2, "Никол Пашинян"), per(t2, "Андрей Сердюков")],
             dates=[DateMention(0, 17, "2022-02-10", "day"), DateMention(33, 52, "2022-01-10", "day")],
             published=datetime(2022, 2, 10, 19, 12))
    r = compare([d1, d2])
    assert r["event_date"] == "2022-01-10"
    kinds = [(c["kind"], c.get("rule")) for c in r["conflicts"]]
    assert kinds == [("date", "header_date_doubted"), ("participant", "only_one_names")]
    date = r["conflicts"][0]
    assert date["sides"][0]["article"] == "b" and date["sides"][0]["text"] == "10-02-2022, 19:12"
    assert {a["what"] for a in r["agreements"] if a["kind"] == "participant"} == {"Никол Пашинян"}


LOADED_CASES = [
    ("Так называемый референдум прошёл в воскресенье.", [("Так называемый", "distancing")]),
    ("В доме произошёл хлопок газа.", [("хлопок", "euphemism")]),
    ("Как заявил хозяин Кремля, всё идёт по плану.", [("хозяин Кремля", "pejorative")]),
    ("Встреча прошла в режиме видеоконференции.", []),
]


@pytest.mark.parametrize("text,expected", LOADED_CASES)
def test_loaded_words(text, expected):
    got = [(w["text"], w["category"]) for w in loaded_words(doc("a", text))]
    assert got == expected


SCARE_CASES = [
    ("Президент, чьи «миротворцы» были отправлены в страну, принял участие в саммите.", ["«миротворцы»"]),
    ("Как сообщает «РИА Новости», саммит завершился.", []),
    ("Он заявил, что не допустит «цветных революций».", []),
    ("«Мы не позволим раскачивать ситуацию у себя дома», — сказал он.", []),
]


@pytest.mark.parametrize("text,expected", SCARE_CASES)
def test_scare_quotes_without_the_quotes_stage(text, expected):
    assert [s["text"] for s in scare_quotes(doc("a", text))] == expected


TITLE_CASES = [
    ("Президент РФ Владимир Путин принял участие.", "Владимир Путин", "Президент РФ"),
    ("премьер-министр Армении Никол Пашинян", "Никол Пашинян", "премьер-министр Армении"),
    ("Об этом сказал Никол Пашинян.", "Никол Пашинян", None),
]


@pytest.mark.parametrize("text,name,expected", TITLE_CASES)
def test_title_before_name(text, name, expected):
    span = _title_before(text, text.index(name))
    assert (text[span[0]:span[1]] if span else None) == expected
