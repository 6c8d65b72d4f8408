"""Every date pattern and every place a publication date is found, as tables."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from svodka.clean import clean
from svodka.meta import extract, find_dates, format_published, parse_date, published
from svodka.records import Published, RawDoc

BODY = "Президент провёл совещание с членами правительства и обсудил ход реализации национальных проектов."

# (expression, value, has_time, rule)
PATTERNS = [
    ("11:55 10 января 2022", datetime(2022, 1, 10, 11, 55), True, "day_month_year"),
    ("10 января 2022 года", datetime(2022, 1, 10), False, "day_month_year"),
    ("10 января 2022 г.", datetime(2022, 1, 10), False, "day_month_year"),
    ("18 ноября 2019, 10:15", datetime(2019, 11, 18, 10, 15), True, "day_month_year"),
    ("18 ноября 2019 в 10:15", datetime(2019, 11, 18, 10, 15), True, "day_month_year"),
    ("1 мая 2020", datetime(2020, 5, 1), False, "day_month_year"),
    ("3 марта 2021", datetime(2021, 3, 3), False, "day_month_year"),
    ("18 ноя 2019", datetime(2019, 11, 18), False, "day_month_year"),
    ("18 сент. 2019", datetime(2019, 9, 18), False, "day_month_year"),
    ("21.11.2023", datetime(2023, 11, 21), False, "numeric"),
    ("21.11.2023 14:05", datetime(2023, 11, 21, 14, 5), True, "numeric"),
    ("10-02-2022, 19:12.", datetime(2022, 2, 10, 19, 12), True, "numeric"),
    ("18/11/2019", datetime(2019, 11, 18), False, "numeric"),
    ("21.11.23", datetime(2023, 11, 21), False, "numeric"),
    ("09:30, 21.11.2023", datetime(2023, 11, 21, 9, 30), True, "numeric"),
    ("2019-11-18", datetime(2019, 11, 18), False, "iso"),
    ("2019-11-18 13:29", datetime(2019, 11, 18, 13, 29), True, "iso"),
    ("2019-11-18T13:29:29+03:00", datetime(2019, 11, 18, 13, 29, 29, tzinfo=timezone(timedelta(hours=3))), True,
     "iso"),
    ("2019-11-18T10:00:00Z", datetime(2019, 11, 18, 10, tzinfo=timezone.utc), True, "iso"),
]


@pytest.mark.parametrize("expression,value,has_time,rule", PATTERNS, ids=[p[0] for p in PATTERNS])
def test_date_pattern(expression, value, has_time, rule):
    [found] = find_dates(expression)
    assert (found.value, found.has_time, found.rule) == (value, has_time, rule)


@pytest.mark.parametrize("text", ["10 января", "32.01.2020", "2,3 тысячи", "в 2022 году", "29.02.2023",
                                  "13.13 мск", "тел. 8-800-555-35-35", "версия 1.2.3",
                                  "пункт 1.5.10"])
def test_not_a_date(text):
    assert find_dates(text) == []


@pytest.mark.parametrize("given,value", [
    ("2019-11-18T10:00:00+00:00", datetime(2019, 11, 18, 10, tzinfo=timezone.utc)),
    ("Mon, 18 Nov 2019 13:00:00 +0300", datetime(2019, 11, 18, 13, tzinfo=timezone(timedelta(hours=3)))),
    ("2023-11-21", datetime(2023, 11, 21)),
    ("18 ноября 2019", datetime(2019, 11, 18)),
    ("1574071200", datetime(2019, 11, 18, 10, tzinfo=timezone.utc)),
])
def test_input_dates(given, value):
    assert parse_date(given)[0] == value


def article(text: str, **fields) -> tuple[Published, list[str]]:
    raw = RawDoc(input_id="t", text=text, location="t", **fields)
    return published(raw, clean(raw.text).clean)


# (case, text, fields, value, how)
SOURCES = [
    ("time-first header", f"Заголовок статьи о саммите\n\n11:55 10 января 2022\nПутин\n\n{BODY}", {},
     datetime(2022, 1, 10, 11, 55), "header"),
    ("numeric header", f"Заголовок статьи\n\n21.11.2023\n\n{BODY}", {}, datetime(2023, 11, 21), "header"),
    ("dashed header", f"Заголовок\n\n10-02-2022, 19:12.\n\n{BODY}", {}, datetime(2022, 2, 10, 19, 12), "header"),
    ("header with weekday", f"Заголовок\nПонедельник, 18 ноября 2019, 10:15\n{BODY}", {},
     datetime(2019, 11, 18, 10, 15), "header"),
    ("byline", f"Заголовок\nОпубликовано: 18.11.2019 10:15\n{BODY}", {}, datetime(2019, 11, 18, 10, 15), "byline"),
    ("byline at the end", f"Заголовок\n{BODY}\nДата публикации: 17.11.2019", {}, datetime(2019, 11, 17), "byline"),
    ("url", BODY, {"url": "https://example.ru/news/2019/11/17/slug"}, datetime(2019, 11, 17), "url"),
    ("url compact", BODY, {"url": "https://1prime.ru/x/20191118/830562272.html"}, datetime(2019, 11, 18), "url"),
    ("url dashed", BODY, {"url": "https://klops.ru/news/2019-11-17/203789-slug"}, datetime(2019, 11, 17), "url"),
    ("dateline with year", f"МОСКВА, 18 ноября 2019 — РИА Новости. {BODY}", {}, datetime(2019, 11, 18), "body"),
    ("input wins", f"Заголовок\n21.11.2023\n{BODY}", {"date": "2023-11-21T09:00:00+03:00"},
     datetime(2023, 11, 21, 9, tzinfo=timezone(timedelta(hours=3))), "input"),
    ("no date at all", BODY, {}, None, None),
    ("dateline without a year is no date", f"МОСКВА, 18 ноября — РИА Новости. {BODY}", {}, None, None),
    ("body event date is not the publication date", f"{BODY} Встреча прошла 10 января 2022 года.", {}, None, None),
    ("long line is not a header", f"В понедельник 18 ноября 2019 года {BODY}", {}, None, None),
]


@pytest.mark.parametrize("case,text,fields,value,how", SOURCES, ids=[s[0] for s in SOURCES])
def test_published_source(case, text, fields, value, how):
    p, _ = article(text, **fields)
    assert (p.value, p.how) == (value, how)


def test_header_disagrees_with_the_lede():
    """Seed 004's shape: the header says 10-02-2022, the lede dates the event 10 January."""
    p, warnings = article(f"Лидеры провели сессию\n\n10-02-2022, 19:12.\n\n"
                          f"В формате видеоконференции 10 января 2022 года состоялась сессия Совета. {BODY}")
    assert p.value == datetime(2022, 2, 10, 19, 12) and p.how == "header"
    [w] = warnings
    assert "2022-02-10" in w and "2022-01-10" in w and "kept the header date" in w


def test_sources_disagree():
    p, warnings = article(f"Заголовок\n15.01.2020\n{BODY}", url="https://example.ru/2019/11/18/x")
    assert p.how == "header" and len(warnings) == 1 and "url says 2019-11-18" in warnings[0]


def test_sources_a_day_apart_agree():
    p, warnings = article(f"Заголовок\n17 ноября 2019 г.\n{BODY}", date="2019-11-18T12:07:45+00:00")
    assert p.how == "input" and warnings == []


def test_unreadable_input_date_is_said():
    p, warnings = article(BODY, date="вчера вечером")
    assert p.value is None and "not a date" in warnings[0]


def test_never_today():
    p, _ = article("Сегодня в режиме видеоконференции состоялась сессия. Вчера прошли консультации.")
    assert p.value is None


@pytest.mark.parametrize("value,text,iso", [
    (datetime(2023, 11, 21), "21.11.2023", "2023-11-21"),
    (datetime(2022, 1, 10, 11, 55), "11:55 10 января 2022", "2022-01-10T11:55"),
    (datetime(2019, 11, 18, 10, tzinfo=timezone.utc), "2019-11-18T10:00:00+00:00", "2019-11-18T10:00:00+00:00"),
    (None, None, None),
])
def test_format_published(value, text, iso):
    assert format_published(Published(value, "header" if value else None, text)) == iso


def test_extract_bundles_meta():
    raw = RawDoc(input_id="x.txt", text=f"Заголовок новости дня\n\n21.11.2023\n\n{BODY}", location="x.txt")
    m = extract(raw, clean(raw.text))
    assert (m.title, m.title_how, m.published.how) == ("Заголовок новости дня", "first_line", "header")
