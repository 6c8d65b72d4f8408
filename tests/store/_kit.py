"""Article records for store tests, built here until the ingest adapters land.

Texts are short Russian news-like sentences generated from a number, so a test can make
as many distinct articles as it needs (and the same article twice: same input id and
text give the same key, as svodka's own builder does).
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from svodka.records import Article, Published, Removed

PEOPLE = ["Никол Пашинян", "Александр Лукашенко", "Касым-Жомарт Токаев", "Садыр Жапаров",
          "Эмомали Рахмон", "Владимир Путин"]
PLACES = ["Минске", "Москве", "Ереване", "Бишкеке", "Душанбе", "Астане"]
TOPICS = ["экономического сотрудничества", "поставок газа", "безопасности границ",
          "миротворческой операции", "транспортных коридоров"]


def key_of(input_id: str, raw: str) -> str:
    return hashlib.sha256(f"{input_id}\x00{raw}".encode()).hexdigest()[:32]


def text_for(n: int) -> str:
    who = PEOPLE[n % len(PEOPLE)]
    where = PLACES[(n // 2) % len(PLACES)]
    what = TOPICS[(n // 3) % len(TOPICS)]
    return (f"Вчера в {where} {who} провёл переговоры по вопросам {what}. "
            f"«Мы договорились продолжить работу», — заявил {who.split()[-1]} журналистам. "
            f"Следующая встреча запланирована на {1 + n % 28} марта. Сообщение номер {n}.")


def article(n: int, *, outlet: str = "ТАСС", text: str | None = None) -> Article:
    raw = text if text is not None else text_for(n)
    input_id = f"a{n:05d}"
    # A leading ad line that cleaning "removed": exercises the offset map and `removed`.
    ad = "РЕКЛАМА\n"
    full = ad + raw
    return Article(
        key=key_of(input_id, full), input_id=input_id, raw=full, clean=raw,
        offsets=list(range(len(ad), len(full) + 1)),
        removed=[Removed(0, len(ad), "ad_line", ad)],
        title=f"Переговоры {n}", outlet=outlet, url=f"https://example.org/{n}",
        published=Published(datetime(2022, 1, 10, 11, 55) + timedelta(hours=n), "input"),
        location=f"test:{n}", kind="jsonl",
    )


def articles(ns) -> list[Article]:
    return [article(n) for n in ns]
