"""Title and outlet: where each is found, as tables; the shipped outlet table."""
from __future__ import annotations

import csv
from importlib import resources

import pytest

from svodka.clean import clean
from svodka.meta import canonical_outlet, host_of, outlet, outlet_by_host, outlets, title
from svodka.records import RawDoc

BODY = "Президент провёл совещание с членами правительства и обсудил ход реализации национальных проектов."


def raw(text: str, **fields) -> RawDoc:
    return RawDoc(input_id="t", text=text, location="t", **fields)


# (case, text, fields, title, how)
TITLES = [
    ("given", BODY, {"title": "  Совещание   в Кремле "}, "Совещание в Кремле", "input"),
    ("first line", f"Саммит ОДКБ по Казахстану: Путин заявил, что не допустит «цветных революций»\n\n{BODY}", {},
     "Саммит ОДКБ по Казахстану: Путин заявил, что не допустит «цветных революций»", "first_line"),
    ("question headline", f"Что происходит с курсом рубля?\n{BODY}", {}, "Что происходит с курсом рубля?", "first_line"),
    ("first line after boilerplate", f"ПОИСК\nМир\n\nЛидеры провели сессию\n\n{BODY}", {},
     "Лидеры провели сессию", "first_line"),
    ("a sentence is not a title", f"{BODY}\n{BODY}", {}, None, None),
    ("a photo credit is not a title", f"Фото: ТАСС\n{BODY}\n{BODY}", {}, None, None),
    ("a lone line is not a title", "Лидеры провели сессию", {}, None, None),
    ("a date line is not a title", f"21 ноября 2023 года, 10:00\n{BODY}", {}, None, None),
    ("title under a date line", f"21.11.2023\nЗаголовок новости дня\n{BODY}", {}, "Заголовок новости дня",
     "first_line"),
    ("one word is not a title", f"Политика\n{BODY}", {}, None, None),
]


@pytest.mark.parametrize("case,text,fields,expected,how", TITLES, ids=[t[0] for t in TITLES])
def test_title(case, text, fields, expected, how):
    r = raw(text, **fields)
    assert title(r, clean(text).clean) == (expected, how)


# (case, text, fields, outlet, how)
OUTLETS = [
    ("input source", BODY, {"outlet": "РИА Новости"}, "РИА Новости", "input"),
    ("input spelled otherwise", BODY, {"outlet": "ria.ru"}, "РИА Новости", "input"),
    ("url host in table", BODY, {"url": "https://www.kommersant.ru/doc/1"}, "Коммерсантъ", "url"),
    ("subdomain of a known host", BODY, {"url": "https://style.nv.ua/x"}, "НВ", "url"),
    ("unknown host", BODY, {"url": "https://unknown-news.example/x"}, "unknown-news.example", "url"),
    ("closing line, journal", f"{BODY}\nЧитайте другие материалы журнала «Международная жизнь» на нашем канале "
                              "Яндекс.Дзен.\nПодписывайтесь на наш Telegram – канал: https://t.me/interaffairs", {},
     "Международная жизнь", "closing_line"),
    ("closing line, agency not in table", f"{BODY}\nБольше новостей агентства «Вести Севера» в нашем канале.", {},
     "Вести Севера", "closing_line"),
    ("special for, in the table", f"{BODY}\n\nПресс-служба Президента специально для «Союзников.ОДКБ»", {},
     "Союзники.ОДКБ", "closing_line"),
    ("special for, nominative by morphology", f"{BODY}\nМатериал подготовлен специально для «Известий Юга»", {},
     "Известия Юга", "closing_line"),
    ("source line", f"{BODY}\nИсточник: Евро-Футбол.Ру", {}, "Евро-Футбол.Ру", "source_line"),
    ("source line with a host", f"{BODY}\nИсточник — inosmi.ru", {}, "ИноСМИ", "source_line"),
    ("photo source is not the outlet", f"{BODY}\nисточник фото: пресс-служба президента Казахстана.", {}, None, None),
    ("a company after «агентства» is not an outlet", f"{BODY}\nНовости агентства ПАО Сбербанк читайте ниже.", {},
     None, None),
    ("site name with a domain", f"{BODY}\nБольше материалов издания Lenta.ru на сайте.", {}, "Lenta.ru", "closing_line"),
    ("photo copyright is not an outlet", f"{BODY}\n© Фото: пресс-служба губернатора", {}, None, None),
    ("copyright line", f"{BODY}\n© 2019, РИА «Новый День»", {}, "РИА «Новый День»", "copyright"),
    ("an agency quoted in the body is not the outlet", f"Как сообщает «РИА Новости», {BODY}", {}, None, None),
    ("nothing", BODY, {}, None, None),
]


@pytest.mark.parametrize("case,text,fields,expected,how", OUTLETS, ids=[o[0] for o in OUTLETS])
def test_outlet(case, text, fields, expected, how):
    assert outlet(raw(text, **fields), clean(text).clean) == (expected, how)


@pytest.mark.parametrize("url,host", [
    ("https://www.sports.ru/x", "sports.ru"), ("http://m.lenta.ru/news", "lenta.ru"), ("ria.ru", "ria.ru"),
    (None, None), ("", None),
])
def test_host_of(url, host):
    assert host_of(url) == host


def test_outlet_table_is_well_formed():
    with resources.files("svodka").joinpath("data/outlets.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) > 500
    assert all(set(r) == {"name", "hosts", "aliases", "source"} and r["name"] and r["source"] for r in rows)
    hosts = [h for r in rows for h in r["hosts"].split(",") if h]
    assert len(hosts) == len(set(hosts)), "a host belongs to one outlet"
    assert outlet_by_host("tass.ru") == "ТАСС" and outlets().by_host["interaffairs.ru"] == "Международная жизнь"
    assert canonical_outlet("«Коммерсантъ»") == "Коммерсантъ"
