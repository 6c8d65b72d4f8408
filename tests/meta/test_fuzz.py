"""Metadata never fails on odd input: random documents of date-like, outlet-like and
boilerplate pieces through article.build (deterministic seed)."""
from __future__ import annotations

import random

from svodka.article import build
from svodka.meta import format_published
from svodka.records import RawDoc

PIECES = [
    "11:55 10 января 2022", "31.02.2020", "10-02-2022, 19:12.", "2019-11-18T25:61:00+03:00", "29.02.2024",
    "99.99.99", "1 мая", "МОСКВА, 18 ноября —", "Опубликовано:", "Источник:", "Источник: ria.ru", "©",
    "специально для «", "»", "журнала «Мир»", "Читайте материалы журнала", "\n", "\n\n", " ", "Фото: ТАСС",
    "Президент заявил.", "https://x.ru/2019/13/45/a", "00:00", "24:00 1 января 1900", "0.0.00",
]


def test_random_articles():
    rng = random.Random(7)
    for i in range(300):
        text = "".join(rng.choice(PIECES) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(1, 40)))
        raw = RawDoc(input_id=str(i), text=text, location="fuzz", url=rng.choice([None, "https://x.ru/2019/11/18/a",
                                                                                 "not a url", "https://"]),
                     date=rng.choice([None, "", "garbage", "2019-11-18T10:00:00+00:00", "Mon, 18 Nov 2019"]))
        a = build(raw)
        format_published(a.published)
        assert a.published.value is None or a.published.how
