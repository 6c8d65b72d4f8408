"""The date resolver as a table: text, publication date, expected reading.

Written before the resolver (issue 7). Each row checks the *first* date mention
found in the text: its ISO value (truncated to the precision), the precision, the
rule that fired, and optionally the range end, the time and the span text.
Publication dates: 2019-11-18 is a Monday (the sample corpus window), 2023-11-21
a Tuesday (seed 003), 2022-01-10 a Monday (the CSTO session).
"""
from __future__ import annotations

from datetime import datetime

import pytest

from svodka.dates import extract

MON = datetime(2019, 11, 18, 10, 0)      # Monday
TUE = datetime(2023, 11, 21)             # Tuesday, seed 003's dateline
S01 = datetime(2022, 1, 10, 11, 55)      # Monday, seed 001
FEB = datetime(2022, 2, 10, 19, 12)      # seed 004's (wrong) header date
JAN = datetime(2019, 1, 5)
NONE = None

# (text, published, value, precision, rule, extra)
# extra: {"end": ..., "time": ..., "span": ..., "relative": ...}
CASES = [
    # --- absolute day dates
    ("10 января 2022 года состоялась сессия", MON, "2022-01-10", "day", "full_date", {"span": "10 января 2022 года"}),
    ("10 января 2022 г. состоялась сессия", MON, "2022-01-10", "day", "full_date", {"span": "10 января 2022 г."}),
    ("Это было 10 января 2022", MON, "2022-01-10", "day", "full_date", {}),
    ("1 мая 2020 года", MON, "2020-05-01", "day", "full_date", {}),
    ("к 31 декабря 2019 года", MON, "2019-12-31", "day", "full_date", {}),
    ("29 февраля 2020 года", MON, "2020-02-29", "day", "full_date", {}),
    ("1-го декабря 2019 года", MON, "2019-12-01", "day", "full_date", {}),
    ("10 января 2022 года", NONE, "2022-01-10", "day", "full_date", {"relative": False}),
    ("родился 3 марта 1952 года", MON, "1952-03-03", "day", "full_date", {}),
    ("СЕГОДНЯ, 18 НОЯБРЯ 2019 ГОДА", MON, "2019-11-18", "day", "relative_and_date", {}),
    # --- numeric
    ("10.01.2022", MON, "2022-01-10", "day", "numeric_date", {}),
    ("21.11.2023", NONE, "2023-11-21", "day", "numeric_date", {}),
    ("10-02-2022, 19:12.", MON, "2022-02-10", "day", "numeric_date", {"time": "19:12"}),
    ("опубликовано 05/03/2018", MON, "2018-03-05", "day", "numeric_date", {}),
    ("2019-11-18", MON, "2019-11-18", "day", "iso_date", {}),
    ("от 1.12.2019 г.", MON, "2019-12-01", "day", "numeric_date", {}),
    # --- day and month without a year: the nearest sensible year
    ("22 ноября", TUE, "2023-11-22", "day", "day_month", {"relative": True}),
    ("10 января", FEB, "2022-01-10", "day", "day_month", {}),
    ("1 декабря", MON, "2019-12-01", "day", "day_month", {}),
    ("25 декабря", JAN, "2018-12-25", "day", "day_month", {}),
    ("12 июня", MON, "2019-06-12", "day", "day_month", {}),
    ("в ночь на 17 ноября", MON, "2019-11-17", "day", "day_month", {"span": "17 ноября"}),
    ("29 февраля", MON, "2020-02-29", "day", "day_month", {}),
    ("3-го октября", MON, "2019-10-03", "day", "day_month", {}),
    ("22 ноября", NONE, None, None, "day_month", {"relative": True}),
    # --- relative days
    ("вчера", MON, "2019-11-17", "day", "relative_day", {"relative": True}),
    ("Сегодня в Минске", MON, "2019-11-18", "day", "relative_day", {}),
    ("завтра", MON, "2019-11-19", "day", "relative_day", {}),
    ("позавчера", MON, "2019-11-16", "day", "relative_day", {}),
    ("послезавтра", MON, "2019-11-20", "day", "relative_day", {}),
    ("Вчера вечером", TUE, "2023-11-20", "day", "relative_day", {"span": "Вчера"}),
    ("вчера", NONE, None, None, "relative_day", {"relative": True}),
    ("сегодня", NONE, None, None, "relative_day", {}),
    ("завтра", NONE, None, None, "relative_day", {}),
    # --- relative day plus the explicit date: one mention
    ("Вчера, 20 ноября, в Минске", TUE, "2023-11-20", "day", "relative_and_date", {"span": "Вчера, 20 ноября"}),
    ("Сегодня, 18 ноября, открылся", MON, "2019-11-18", "day", "relative_and_date", {}),
    ("Вчера, 20 ноября", NONE, None, None, "relative_and_date", {}),
    ("в понедельник, 10 января,", S01, "2022-01-10", "day", "weekday_and_date", {"span": "понедельник, 10 января"}),
    ("в среду, 20 ноября", MON, "2019-11-20", "day", "weekday_and_date", {}),
    # --- weekdays: the nearest one in the direction of the verb
    ("в понедельник", MON, "2019-11-18", "day", "weekday", {"relative": True}),
    ("в пятницу заявил", MON, "2019-11-15", "day", "weekday", {}),
    ("в субботу прошли", MON, "2019-11-16", "day", "weekday", {}),
    ("во вторник состоится", MON, "2019-11-19", "day", "weekday", {}),
    ("в четверг пройдет встреча", MON, "2019-11-21", "day", "weekday", {}),
    ("в воскресенье", TUE, "2023-11-19", "day", "weekday", {}),
    ("в прошлую пятницу", MON, "2019-11-15", "day", "weekday", {}),
    ("в следующий вторник", MON, "2019-11-26", "day", "weekday", {}),
    ("в среду", NONE, None, None, "weekday", {}),
    # --- weeks, months, years relative to publication
    ("на прошлой неделе", MON, "2019-11-11", "day", "relative_week", {"end": "2019-11-17"}),
    ("на этой неделе", MON, "2019-11-18", "day", "relative_week", {"end": "2019-11-24"}),
    ("на следующей неделе", TUE, "2023-11-27", "day", "relative_week", {"end": "2023-12-03"}),
    ("на прошлой неделе", NONE, None, None, "relative_week", {}),
    ("в прошлом месяце", MON, "2019-10", "month", "relative_month", {}),
    ("в этом месяце", MON, "2019-11", "month", "relative_month", {}),
    ("в следующем месяце", MON, "2019-12", "month", "relative_month", {}),
    ("в прошлом году", MON, "2018", "year", "relative_year", {}),
    ("в этом году", MON, "2019", "year", "relative_year", {}),
    ("в текущем году", MON, "2019", "year", "relative_year", {}),
    ("в следующем году", MON, "2020", "year", "relative_year", {}),
    ("ноябрьской сессии прошлого года", TUE, "2022", "year", "relative_year", {}),
    ("в прошлом году", NONE, None, None, "relative_year", {}),
    ("три дня назад", MON, "2019-11-15", "day", "ago_later", {}),
    ("неделю назад", MON, "2019-11-11", "day", "ago_later", {}),
    ("через два дня", MON, "2019-11-20", "day", "ago_later", {}),
    ("5 лет назад", MON, "2014", "year", "ago_later", {}),
    ("месяц назад", MON, "2019-10", "month", "ago_later", {}),
    # --- parts of months, months, years
    ("в начале декабря", MON, "2019-12", "month", "month_part", {}),
    ("в конце октября", MON, "2019-10", "month", "month_part", {}),
    ("в середине января 2020 года", MON, "2020-01", "month", "month_part", {}),
    ("в начале декабря", NONE, None, None, "month_part", {}),
    ("в ноябре 2022 года", MON, "2022-11", "month", "month_year", {}),
    ("в марте 2020", MON, "2020-03", "month", "month_year", {}),
    ("в сентябре", MON, "2019-09", "month", "month_only", {}),
    ("в январе", MON, "2020-01", "month", "month_only", {}),
    ("в 2023 году", MON, "2023", "year", "year", {"span": "2023 году"}),
    ("в 2023 году", NONE, "2023", "year", "year", {}),
    ("2019 год стал", MON, "2019", "year", "year", {}),
    ("с 2015 г.", MON, "2015", "year", "year", {}),
    ("в 2019-2020 годах", MON, "2019", "year", "year_range", {"end": "2020"}),
    ("в 2019–2020 гг.", MON, "2019", "year", "year_range", {"end": "2020"}),
    # --- ranges
    ("с 20 по 22 ноября", TUE, "2023-11-20", "day", "day_range", {"end": "2023-11-22"}),
    ("20-22 ноября", MON, "2019-11-20", "day", "day_range", {"end": "2019-11-22"}),
    ("20–22 ноября 2023 года", MON, "2023-11-20", "day", "day_range", {"end": "2023-11-22"}),
    ("с 28 ноября по 2 декабря", MON, "2019-11-28", "day", "day_range", {"end": "2019-12-02"}),
    ("с 1 по 5 декабря 2019 года", NONE, "2019-12-01", "day", "day_range", {"end": "2019-12-05"}),
    # --- agency datelines abbreviate the month
    ("МОСКВА, 18 ноя — РИА Новости.", MON, "2019-11-18", "day", "dateline_day_month", {"span": "18 ноя"}),
    ("РИАМО (ДОМОДЕДОВО) – 17 ноя. Полицейские", MON, "2019-11-17", "day", "dateline_day_month", {}),
    # --- lists of days of one month: from the first to the last
    ("3, 4 и 6 декабря 2019 года пройдут показы", MON, "2019-12-03", "day", "day_list", {"end": "2019-12-06"}),
    ("за 9 и 10 ноября", MON, "2019-11-09", "day", "day_list", {"end": "2019-11-10", "span": "9 и 10 ноября"}),
    ("счет 2:1, 17 ноября", MON, "2019-11-17", "day", "day_month", {}),
    # --- times
    ("в 11:55 мск", S01, "2022-01-10", "day", "time", {"time": "11:55"}),
    ("в 9:05 по московскому времени", MON, "2019-11-18", "day", "time", {"time": "09:05"}),
    ("11:55 10 января 2022", MON, "2022-01-10", "day", "full_date", {"time": "11:55"}),
    ("10 января в 15:30", FEB, "2022-01-10", "day", "day_month", {"time": "15:30"}),
    ("в 11:55 мск", NONE, None, None, "time", {"time": "11:55"}),
    # --- added after the first pass over the sample corpus
    ("в марте-мае 2019 года", MON, "2019-03", "month", "month_range", {"end": "2019-05"}),
    ("с ноября по февраль", MON, "2019-11", "month", "month_range", {"end": "2020-02"}),
    ("В мае прошлого года", MON, "2018-05", "month", "month_relative_year", {}),
    ("в июле этого года", MON, "2019-07", "month", "month_relative_year", {}),
    ("2019-11-18T16:35:56+03:00", MON, "2019-11-18", "day", "iso_date", {"time": "16:35"}),
    ("15 ноября текущего года около 16:00", MON, "2019-11-15", "day", "day_month_relative_year", {"time": "16:00"}),
    ("Накануне в дежурную часть поступило заявление", MON, "2019-11-17", "day", "nakanune", {}),
    ("Накануне, 17 ноября, прошла", MON, "2019-11-17", "day", "relative_and_date", {}),
    # --- headline and dateline forms
    ("Москва, 18 ноября. Сегодня", MON, "2019-11-18", "day", "day_month", {}),
]

# (text, published, substring of the expected warning, expected value of the first mention)
BAD = [
    ("31 февраля 2020 года", MON, "impossible", None),
    ("30 февраля", MON, "impossible", None),
    ("31.04.2019", MON, "impossible", None),
    ("10.01.22", MON, "two-digit year", "2022-01-10"),
    ("10.01.98", MON, "two-digit year", "1998-01-10"),
    ("в 2150 году", MON, "far", "2150"),
    ("12 марта 2099 года", MON, "far", "2099-03-12"),
    ("01.01.1066", MON, "far", "1066-01-01"),
    ("вчера", NONE, "no publication date", None),
    ("Вчера, 21 ноября", TUE, "inconsistent", "2023-11-21"),
]

# texts in which no date may be found
NO_DATE = [
    "Счет матча 2:1 в пользу хозяев",
    "рост на 10.5 процента",
    "в доме 12 по улице Ленина",
    "версия 1.10.2 вышла",
    "около 2000 человек",
    "Майский указ президента",
    "тел. 2-17-67",
    "накануне выборов",
]


@pytest.mark.parametrize("text,published,value,precision,rule,extra", CASES,
                         ids=[c[0][:40] for c in CASES])
def test_date_table(text, published, value, precision, rule, extra):
    found, _warnings = extract(text, published)
    assert found, f"no date found in {text!r}"
    d = found[0]
    assert (d.value, d.precision, d.rule) == (value, precision, rule)
    if "end" in extra:
        assert d.end == extra["end"]
    if "time" in extra:
        assert d.time == extra["time"]
    if "span" in extra:
        assert text[d.start:d.stop] == extra["span"]
    if "relative" in extra:
        assert d.relative is extra["relative"]


@pytest.mark.parametrize("text,published,warning,value", BAD, ids=[b[0] for b in BAD])
def test_bad_dates_warn(text, published, warning, value):
    found, warnings = extract(text, published)
    assert any(warning in w for w in warnings), warnings
    assert (found[0].value if found else None) == value


@pytest.mark.parametrize("text", NO_DATE)
def test_no_date(text):
    found, _ = extract(text, MON)
    assert found == []


def test_table_is_large_enough():
    assert len(CASES) + len(BAD) >= 80


def test_relative_dates_never_use_today():
    found, _ = extract("Сегодня и вчера, а также завтра и в понедельник", None)
    assert found and all(d.value is None for d in found)


def test_seed_dateline_reads_one_date():
    text = "21.11.2023\n\nВчера, 20 ноября, в Минске прошла встреча. Заседание, запланированное на 22 ноября."
    found, warnings = extract(text, TUE)
    assert [(d.value, d.rule) for d in found] == [
        ("2023-11-21", "numeric_date"), ("2023-11-20", "relative_and_date"), ("2023-11-22", "day_month")]
    assert warnings == []
