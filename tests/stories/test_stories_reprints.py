"""Reprints: MinHash signatures, passage alignment, and which side is the original."""
from __future__ import annotations

from datetime import datetime

import pytest

from svodka.stories import StoryDoc
from svodka.stories.align import align, coverage
from svodka.stories.reprints import Side, decode, encode, original_of, signature

BASE = ("Правительство России выделило Свердловской области пять миллиардов рублей для покрытия "
        "доходов, недополученных из-за пандемии, говорится в постановлении, опубликованном на портале "
        "правовой информации в понедельник вечером.")


def test_signature_is_deterministic_and_survives_encoding():
    a, b = signature(BASE), signature(BASE)
    assert (a.hashvalues == b.hashvalues).all()
    assert (decode(encode(a)).hashvalues == a.hashvalues).all()
    assert a.jaccard(signature(BASE + " Ещё одна фраза про другое.")) > 0.7


ALIGN_CASES = [
    # (source, copy, copied text in the copy)
    (BASE, "Как сообщает агентство, " + BASE.replace("пять", "5"),
     [("миллиардов рублей для покрытия доходов, недополученных из-за пандемии, говорится в "
       "постановлении, опубликованном на портале правовой информации в понедельник вечером")]),
    (BASE, ("**Правительство России** выделило Свердловской области пять миллиардов рублей для покрытия "
            "доходов, недополученных из-за пандемии."),
     [("Правительство России** выделило Свердловской области пять миллиардов рублей для покрытия "
       "доходов, недополученных из-за пандемии")]),
    (BASE, "Совсем другой текст о погоде в Москве на выходных, без общих фраз с исходным.", []),
]


@pytest.mark.parametrize("src,dst,expected", ALIGN_CASES)
def test_align(src, dst, expected):
    got = [dst[p.dst_start:p.dst_stop] for p in align(src, dst)]
    assert got == expected
    for p in align(src, dst):
        assert src[p.src_start:p.src_stop].split()[-1] == dst[p.dst_start:p.dst_stop].split()[-1]
    assert 0.0 <= coverage(align(src, dst), dst) <= 1.0


def doc(key, text="", published=None, warnings=(), outlet=None):
    return StoryDoc(key, key, outlet, None, published, text, warnings=list(warnings))


DIRECTION_CASES = [
    # (a, b, expected original, rule)
    (doc("a", published=datetime(2022, 1, 10)), doc("b", published=datetime(2022, 1, 11)), "a", "dated_apart"),
    (doc("a", published=datetime(2022, 1, 12)), doc("b", published=datetime(2022, 1, 11)), "b", "dated_apart"),
    # a header date the body contradicts cannot order the pair: written on the day wins
    (doc("a", "В формате видеоконференции 10 января 2022 года состоялась сессия.",
         published=datetime(2022, 2, 10)),
     doc("b", "Сегодня состоялась сессия."), "b", "written_on_the_day"),
    (doc("a", "Текст. Как сообщает «Эхо Севера», всё прошло.", outlet="Вестник"),
     doc("b", "Текст. Всё прошло.", outlet="Эхо Севера"), "b", "credits_other"),
    (doc("a", "Текст.", published=datetime(2022, 1, 10)), doc("b", "Текст."), "a", "one_dated"),
    (doc("a", "Текст."), doc("b", "Текст."), "a", "first_seen"),
]


@pytest.mark.parametrize("a,b,expected,rule", DIRECTION_CASES)
def test_direction(a, b, expected, rule):
    from svodka.stories.reprints import trusted_date
    original, why = original_of(Side(a, trusted_date(a), 0), Side(b, trusted_date(b), 1))
    assert (original.doc.key, why) == (expected, rule)
