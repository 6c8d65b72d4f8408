"""Stage "dates": Russian date expressions, resolved against the publication date.

Each rule is a small named function over one regular-expression match that returns
a ``Reading`` (value, precision, range end, time) or None. All rules run over the
text; where matches overlap the longest wins; then two merge passes join what the
reader reads as one date: «Вчера, 20 ноября» (a relative day and the explicit date,
checked against each other) and a time next to a date («10 января в 15:30»).

Relative expressions («вчера», «в понедельник», «22 ноября» without a year) need the
publication date. Without it they stay unresolved (value None): never resolved
against today, which would silently make the analysis depend on when it ran.
Impossible dates, two-digit years and dates far from the publication year are kept
with a warning in ``ctx.analysis.warnings``, never dropped silently.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Callable

from .records import DateMention

# --- vocabulary ---------------------------------------------------------------

_MONTH_STEMS = ["янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]
# Genitive only after a day number («22 ноября»); any case after «в»/before a year.
_MONTH_GEN = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_MONTH_PREP = r"(?:январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)"
_MONTH_ANY = (r"(?:январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|"
              r"август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])")
_WB = r"(?![а-яёa-z0-9])"            # end of a word
_BW = r"(?<![а-яёa-z0-9])"           # start of a word
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:-?го)?"
_YEAR_WORD = r"(?:\s*(?:года|году|год|г\.|г" + _WB + r"))"

_WEEKDAYS = {"понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3,
             "пятницу": 4, "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6}
_NUMBERS = {"один": 1, "одну": 1, "одного": 1, "два": 2, "две": 2, "три": 3, "четыре": 4,
            "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
            "несколько": None}

# Words that put a bare weekday ahead of the publication date rather than behind
# it («во вторник состоится», «в четверг пройдет»): news mostly reports the past,
# so the past is the default.
_FUTURE = re.compile(r"(?<![а-яё])(состоит|состоят|пройд[её]т|пройдут|будет|будут|планир|намер|"
                     r"собира|ожида|запланир|провед[её]т|проведут|начн[её]тся|откро|вступ[ия]т|"
                     r"посетит|отправит|прибудет|рассмотрит|назначен[ао]? на|намечен)", re.I)

FAR_FUTURE_YEARS = 50     # «к 2050 году» (strategies, climate targets) is ordinary news
FAR_PAST_YEAR = 1800      # older than this in news is more often a typo than history
NO_PUB_CEILING = 2100     # without a publication date, a fixed ceiling (never today)


@dataclass(slots=True)
class Reading:
    value: str | None
    precision: str | None
    end: str | None = None
    time: str | None = None
    relative: bool = False
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Hit:
    start: int
    stop: int
    rule: str
    reading: Reading


# --- small helpers --------------------------------------------------------------

def month_number(word: str) -> int:
    w = word.lower()
    if w.startswith("ма") and not w.startswith("мар"):
        return 5
    return _MONTH_STEMS.index(w[:3]) + 1


def format_day(d: date) -> str:
    return d.isoformat()


def format_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def far_warning(year: int, pub: date | None, text: str) -> list[str]:
    ceiling = pub.year + FAR_FUTURE_YEARS if pub else NO_PUB_CEILING
    if year > ceiling:
        return [f"dates: «{text}» is far in the future ({year})"]
    if year < FAR_PAST_YEAR:
        return [f"dates: «{text}» is far in the past ({year})"]
    return []


def impossible(text: str) -> Reading:
    return Reading(None, None, warnings=[f"dates: impossible date «{text}»"])


def day_reading(y: int, m: int, d: int, text: str, pub: date | None, relative=False) -> Reading:
    if not valid_day(y, m, d):
        return impossible(text)
    return Reading(format_day(date(y, m, d)), "day", relative=relative,
                   warnings=far_warning(y, pub, text))


def nearest_day(m: int, d: int, pub: date) -> date | None:
    """The day/month in the year nearest to publication; ties go to the past."""
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        if valid_day(y, m, d):
            cand = date(y, m, d)
            key = (abs((cand - pub).days), cand > pub)
            if best is None or key < best[0]:
                best = (key, cand)
    return best[1] if best else None


def nearest_month(m: int, pub: date) -> tuple[int, int]:
    """The month in the year nearest to publication; ties go to the past."""
    cands = [(abs(12 * (y - pub.year) + m - pub.month), y > pub.year or (y == pub.year and m > pub.month), y)
             for y in (pub.year - 1, pub.year, pub.year + 1)]
    return min(cands)[2], m


def unresolved() -> Reading:
    return Reading(None, None, relative=True)


def future_context(text: str, start: int, stop: int) -> bool:
    """Does the sentence around [start, stop) speak of the future?"""
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [i for i in (text.find(".", stop), text.find("\n", stop)) if i >= 0]
    right = min(ends) if ends else len(text)
    return bool(_FUTURE.search(text[left:right]))


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


# --- rules: each reads one match ------------------------------------------------

def rule_day_range(m: re.Match, pub: date | None, text: str) -> Reading:
    d1, d2 = day_number(m["d1"]), day_number(m["d2"])
    m2 = month_number(m["mon2"])
    m1 = month_number(m["mon1"]) if m["mon1"] else m2
    y2 = int(m["y2"]) if m["y2"] else int(m["y1"]) if m["y1"] else None
    y1 = int(m["y1"]) if m["y1"] else y2
    if y1 is None:
        if pub is None:
            return unresolved()
        first = nearest_day(m1, d1, pub)
        if first is None:
            return impossible(m.group())
        y1 = first.year
        y2 = y1 + (1 if m2 < m1 else 0)
    if not (valid_day(y1, m1, d1) and valid_day(y2, m2, d2)):
        return impossible(m.group())
    start, end = date(y1, m1, d1), date(y2, m2, d2)
    return Reading(format_day(start), "day", end=format_day(end), relative=not m["y1"] and not m["y2"],
                   warnings=far_warning(y1, pub, m.group()))


def rule_day_list(m: re.Match, pub: date | None, text: str) -> Reading:
    """«21, 22 и 24 ноября», «16 и 17 ноября»: days of one month listed; read as the span
    from the first to the last (an event on those days starts on the first)."""
    return rule_day_range(m, pub, text)


def rule_full_date(m: re.Match, pub: date | None, text: str) -> Reading:
    return day_reading(int(m["y"]), month_number(m["mon"]), day_number(m["d"]), m.group(), pub)


def rule_numeric_date(m: re.Match, pub: date | None, text: str) -> Reading:
    d, mo, ytext = int(m["d"]), int(m["m"]), m["y"]
    warnings = []
    if len(ytext) == 2:
        yy = int(ytext)
        pivot = (pub.year % 100 + 10) if pub else 30     # a decade ahead is still "this century"
        y = 2000 + yy if yy <= pivot else 1900 + yy
        warnings.append(f"dates: two-digit year in «{m.group()}» read as {y}")
    else:
        y = int(ytext)
    reading = day_reading(y, mo, d, m.group(), pub)
    reading.warnings[:0] = warnings
    return reading


def rule_iso_date(m: re.Match, pub: date | None, text: str) -> Reading:
    reading = day_reading(int(m["y"]), int(m["m"]), int(m["d"]), m.group(), pub)
    if m["h"]:
        reading.time = f"{m['h']}:{m['mi']}"
    return reading


def rule_month_range(m: re.Match, pub: date | None, text: str) -> Reading | None:
    m1, m2 = month_number(m["mon1"]), month_number(m["mon2"])
    if m["y"]:
        y2 = int(m["y"])
        y1 = y2 - (1 if m1 > m2 else 0)
    elif pub is None:
        return unresolved()
    else:
        y1, _ = nearest_month(m1, pub)
        y2 = y1 + (1 if m1 > m2 else 0)
    return Reading(format_month(y1, m1), "month", end=format_month(y2, m2), relative=not m["y"],
                   warnings=far_warning(y2, pub, m.group()))


def rule_day_month_relative_year(m: re.Match, pub: date | None, text: str) -> Reading:
    mo, d = month_number(m["mon"]), day_number(m["d"])
    if pub is None:
        return unresolved()
    return day_reading(pub.year + shift_of(m["w"]), mo, d, m.group(), pub, relative=True)


def rule_nakanune(m: re.Match, pub: date | None, text: str) -> Reading:
    """«Накануне» as an adverb is the day before publication; «накануне выборов» (a
    preposition) is not matched: the pattern wants a verb, a preposition or punctuation next."""
    if pub is None:
        return unresolved()
    return Reading(format_day(pub - timedelta(days=1)), "day", relative=True)


def rule_month_relative_year(m: re.Match, pub: date | None, text: str) -> Reading:
    if pub is None:
        return unresolved()
    return Reading(format_month(pub.year + shift_of(m["w"]), month_number(m["mon"])), "month", relative=True)


def rule_day_month(m: re.Match, pub: date | None, text: str) -> Reading:
    mo, d = month_number(m["mon"]), day_number(m["d"])
    if not valid_day(2020, mo, d):          # 2020 is a leap year: 29 февраля is possible
        return impossible(m.group())
    if pub is None:
        return unresolved()
    return Reading(format_day(nearest_day(mo, d, pub)), "day", relative=True)


def rule_month_part(m: re.Match, pub: date | None, text: str) -> Reading:
    mo = month_number(m["mon"])
    if m["y"]:
        y = int(m["y"])
        return Reading(format_month(y, mo), "month", warnings=far_warning(y, pub, m.group()))
    if pub is None:
        return unresolved()
    return Reading(format_month(*nearest_month(mo, pub)), "month", relative=True)


rule_month_year = rule_month_part


def rule_month_only(m: re.Match, pub: date | None, text: str) -> Reading:
    if pub is None:
        return unresolved()
    return Reading(format_month(*nearest_month(month_number(m["mon"]), pub)), "month", relative=True)


def rule_year(m: re.Match, pub: date | None, text: str) -> Reading:
    y = int(m["y"])
    return Reading(f"{y:04d}", "year", warnings=far_warning(y, pub, m.group()))


def rule_year_range(m: re.Match, pub: date | None, text: str) -> Reading | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 < y1:
        return None
    return Reading(f"{y1:04d}", "year", end=f"{y2:04d}", warnings=far_warning(y2, pub, m.group()))


_RELATIVE_DAYS = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}


def rule_relative_day(m: re.Match, pub: date | None, text: str) -> Reading:
    if pub is None:
        return unresolved()
    return Reading(format_day(pub + timedelta(days=_RELATIVE_DAYS[m["w"].lower()])), "day", relative=True)


def rule_weekday(m: re.Match, pub: date | None, text: str) -> Reading:
    if pub is None:
        return unresolved()
    wd = _WEEKDAYS[m["w"].lower()]
    mod = (m["mod"] or "").lower()
    back = (pub.weekday() - wd) % 7            # days back to the latest such weekday
    if mod.startswith("прошл"):
        day = pub - timedelta(days=back or 7)
    elif mod.startswith(("следующ", "будущ")):
        monday_next = pub + timedelta(days=7 - pub.weekday())
        day = monday_next + timedelta(days=wd)
    elif mod.startswith(("эт", "ближайш")) or future_context(text, m.start(), m.end()):
        day = pub + timedelta(days=(wd - pub.weekday()) % 7)
    else:
        day = pub - timedelta(days=back)
    return Reading(format_day(day), "day", relative=True)


_SHIFT = {"позапрошл": -2, "прошл": -1, "эт": 0, "текущ": 0, "нынешн": 0, "следующ": 1, "будущ": 1}


def shift_of(word: str) -> int:
    w = word.lower()
    return next(v for k, v in _SHIFT.items() if w.startswith(k))


def rule_relative_week(m: re.Match, pub: date | None, text: str) -> Reading:
    if pub is None:
        return unresolved()
    monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=shift_of(m["w"]))
    return Reading(format_day(monday), "day", end=format_day(monday + timedelta(days=6)), relative=True)


def rule_relative_month(m: re.Match, pub: date | None, text: str) -> Reading:
    if pub is None:
        return unresolved()
    return Reading(format_month(*add_months(pub.year, pub.month, shift_of(m["w"]))), "month", relative=True)


def rule_relative_year(m: re.Match, pub: date | None, text: str) -> Reading:
    if pub is None:
        return unresolved()
    return Reading(f"{pub.year + shift_of(m['w']):04d}", "year", relative=True)


def rule_ago_later(m: re.Match, pub: date | None, text: str) -> Reading | None:
    n_text = (m["n"] or "").lower()
    n = int(n_text) if n_text.isdigit() else _NUMBERS.get(n_text, 1) if n_text else 1
    if n is None:                               # «несколько дней назад»: no number to count
        return None
    if pub is None:
        return unresolved()
    sign = -1 if m["dir"].lower() == "назад" else 1
    unit = m["unit"].lower()
    if unit.startswith(("дн", "ден")):
        return Reading(format_day(pub + timedelta(days=sign * n)), "day", relative=True)
    if unit.startswith("недел"):
        return Reading(format_day(pub + timedelta(weeks=sign * n)), "day", relative=True)
    if unit.startswith("месяц"):
        return Reading(format_month(*add_months(pub.year, pub.month, sign * n)), "month", relative=True)
    return Reading(f"{pub.year + sign * n:04d}", "year", relative=True)


def rule_time(m: re.Match, pub: date | None, text: str) -> Reading:
    t = f"{int(m['h']):02d}:{m['mi']}"
    if pub is None:
        return Reading(None, None, time=t, relative=True)
    return Reading(format_day(pub), "day", time=t, relative=True)


# --- the rule table ----------------------------------------------------------------

_Y = r"(?P<{}>[12]\d{{3}})" + _YEAR_WORD + "?"
RULES: list[tuple[str, re.Pattern, Callable]] = [
    ("day_range", re.compile(
        _BW + r"(?:с\s+)?(?P<d1>" + _DAY + r")(?:\s+(?P<mon1>" + _MONTH_GEN + r")(?:\s+" + _Y.format("y1") + r")?)?"
        r"(?:\s*[-–—−]\s*|\s+(?:по|до)\s+)(?P<d2>" + _DAY + r")\s+(?P<mon2>" + _MONTH_GEN + r")"
        r"(?:\s+" + _Y.format("y2") + r")?" + _WB, re.I), rule_day_range),
    ("day_list", re.compile(
        _BW + r"(?<![\d:.,]\s)(?<![\d:.,])(?P<d1>" + _DAY + r")(?:,\s+" + _DAY + r")*(?:,\s+|\s+и\s+)(?P<d2>" + _DAY + r")"
        r"(?P<mon1>)(?P<y1>)\s+(?P<mon2>" + _MONTH_GEN + r")(?:\s+" + _Y.format("y2") + r")?" + _WB, re.I),
     rule_day_list),
    ("full_date", re.compile(
        _BW + r"(?P<d>" + _DAY + r")\s+(?P<mon>" + _MONTH_GEN + r")\s+(?P<y>[12]\d{3})(?!\d)" + _YEAR_WORD + "?",
        re.I), rule_full_date),
    ("numeric_date", re.compile(
        r"(?<![\d.,/-])(?P<d>[0-3]?\d)(?P<sep>[./-])(?P<m>[01]?\d)(?P=sep)(?P<y>\d{4}|(?<=\.)\d{2})(?![\d.,/-]\d)"
        r"(?:\s?г\.)?", re.I), rule_numeric_date),
    ("iso_date", re.compile(r"(?<![\d.-])(?P<y>[12]\d{3})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"
                            r"(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"),
     rule_iso_date),
    ("month_range", re.compile(
        _BW + r"(?:в\s+|с\s+)?(?P<mon1>" + _MONTH_ANY + r")\s*(?:[-–—−]|\s+по\s+)\s*(?P<mon2>" + _MONTH_ANY + r")"
        r"(?:\s+(?P<y>[12]\d{3})(?!\d)" + _YEAR_WORD + r"?)?" + _WB, re.I), rule_month_range),
    ("month_relative_year", re.compile(
        _BW + r"(?:в\s+|во\s+)?(?P<mon>" + _MONTH_ANY + r")\s+(?P<w>позапрошл\w+|прошл\w+|текущ\w+|эт\w+|нынешн\w+|"
        r"следующ\w+|будущ\w+)\s+года" + _WB, re.I), rule_month_relative_year),
    ("day_month", re.compile(_BW + r"(?P<d>" + _DAY + r")\s+(?P<mon>" + _MONTH_GEN + r")" + _WB, re.I),
     rule_day_month),
    # Agency datelines abbreviate the month («МОСКВА, 18 ноя — РИА Новости»); a bare «18 ноя»
    # elsewhere is too rare and too ambiguous, so it must follow «CITY, » or «AGENCY – ».
    ("dateline_day_month", re.compile(
        r"(?<=[,—–-]\s)(?P<d>" + _DAY + r")\s+(?P<mon>янв|фев|мар|апр|мая|июн|июл|авг|сен|сент|окт|ноя|дек)\.?"
        r"(?=\s*[—–-]\s|\s)", re.I), rule_day_month),
    ("month_part", re.compile(
        _BW + r"в\s+(?:самом\s+)?(?P<part>начале|конце|середине|первой\s+половине|второй\s+половине)\s+"
        r"(?P<mon>" + _MONTH_GEN + r")(?:\s+(?P<y>[12]\d{3})(?!\d)" + _YEAR_WORD + r"?)?" + _WB, re.I),
     rule_month_part),
    ("day_month_relative_year", re.compile(
        _BW + r"(?P<d>" + _DAY + r")\s+(?P<mon>" + _MONTH_GEN + r")\s+(?P<w>позапрошл\w+|прошл\w+|текущ\w+|эт\w+|"
        r"нынешн\w+|следующ\w+|будущ\w+)\s+года" + _WB, re.I), rule_day_month_relative_year),
    ("nakanune", re.compile(_BW + r"(?P<w>накануне)" + _WB + r"(?=\s*[,.;:—–-]|\s+(?:в|во|на|утром|вечером|днем|днём|"
                            r"ночью|около|же|стало|было|вечером|[а-яё]+(?:ли|ла|ло|лся|лась|лись))" + _WB + r")",
                            re.I), rule_nakanune),
    ("month_year", re.compile(
        _BW + r"(?P<mon>" + _MONTH_ANY + r")\s+(?P<y>[12]\d{3})(?!\d)" + _YEAR_WORD + "?", re.I), rule_month_year),
    ("month_only", re.compile(r"(?<![а-яё])(?:в|во)\s+(?P<m>(?P<mon>" + _MONTH_PREP + r"))" + _WB, re.I),
     rule_month_only),
    ("year_range", re.compile(
        r"(?<![\d.,])(?P<y1>[12]\d{3})\s*(?:[-–—−]|\s+по\s+)\s*(?P<y2>[12]\d{3})\s*"
        r"(?:годах|годы|годов|годам|год|года|гг\.?|г\.)", re.I), rule_year_range),
    ("year", re.compile(r"(?<![\d.,:/-])(?P<y>[12]\d{3})(?:-?м)?\s*(?:года|году|год|гг?\.|г" + _WB + r")", re.I),
     rule_year),
    ("relative_day", re.compile(_BW + r"(?P<w>позавчера|вчера|сегодня|послезавтра|завтра)" + _WB, re.I),
     rule_relative_day),
    ("weekday", re.compile(
        _BW + r"(?:в|во|на)\s+(?P<m>(?:(?P<mod>прошл\w+|следующ\w+|будущ\w+|эт[оуи]\w*|ближайш\w+)\s+)?"
        r"(?P<w>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье))" + _WB, re.I), rule_weekday),
    ("relative_week", re.compile(
        _BW + r"на\s+(?P<w>прошлой|позапрошлой|этой|текущей|следующей|будущей)\s+неделе" + _WB, re.I),
     rule_relative_week),
    ("relative_month", re.compile(
        _BW + r"в\s+(?P<w>прошлом|этом|текущем|следующем|будущем)\s+месяце" + _WB, re.I), rule_relative_month),
    ("relative_year", re.compile(
        _BW + r"(?P<w>позапрошл\w+|прошл\w+|текущ\w+|эт\w+|нынешн\w+|следующ\w+|будущ\w+)\s+(?:году|года|год)" + _WB,
        re.I), rule_relative_year),
    ("ago_later", re.compile(
        _BW + r"(?:(?P<dir>через)\s+(?:(?P<n>\d{1,3}|" + "|".join(_NUMBERS) + r")\s+)?"
        r"(?P<unit>дн\w*|день|недел\w+|месяц\w*|год\w*|лет)"
        r"|(?:(?P<n2>\d{1,3}|" + "|".join(_NUMBERS) + r")\s+)?(?P<unit2>дн\w*|день|недел\w+|месяц\w*|год\w*|лет)"
        r"\s+(?P<dir2>назад))" + _WB, re.I), None),
    ("time", re.compile(
        r"(?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])"
        r"(?P<tz>\s*(?:мск|по\s+московскому\s+времени|по\s+местному\s+времени)" + _WB + r")?", re.I), rule_time),
]


class _AgoMatch:
    """Gives ``rule_ago_later`` one set of group names for both word orders."""
    def __init__(self, m: re.Match) -> None:
        self._m = m

    def __getitem__(self, key: str):
        m = self._m
        if m["dir"]:
            return m[key]
        return m[{"n": "n2", "unit": "unit2", "dir": "dir2"}[key]]

    def group(self, *a):
        return self._m.group(*a)


def _read(name: str, m: re.Match, fn: Callable | None, pub: date | None, text: str) -> Reading | None:
    if name == "ago_later":
        return rule_ago_later(_AgoMatch(m), pub, text)
    return fn(m, pub, text)


_MONTH_STEMS_ALL = ("январ", "феврал", "март", "апрел", "мая", "мае", "май", "июн", "июл", "август", "сентябр",
                    "октябр", "ноябр", "декабр")
# Cheap prefilters: a rule's regex runs only when one of its words occurs in the text at
# all (most articles have no weekday, no «назад», no time), which keeps the stage at about
# a millisecond per article.
PREFILTER: dict[str, tuple[str, ...]] = {
    "day_range": _MONTH_STEMS_ALL, "day_list": _MONTH_STEMS_ALL,
    "dateline_day_month": ("янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"), "full_date": _MONTH_STEMS_ALL, "day_month": _MONTH_STEMS_ALL,
    "month_range": _MONTH_STEMS_ALL, "month_relative_year": _MONTH_STEMS_ALL, "month_part": _MONTH_STEMS_ALL,
    "day_month_relative_year": _MONTH_STEMS_ALL, "month_year": _MONTH_STEMS_ALL, "month_only": _MONTH_STEMS_ALL,
    "nakanune": ("накануне",), "relative_day": ("вчера", "сегодня", "завтра"),
    "weekday": ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень"),
    "relative_week": ("недел",), "relative_month": ("месяц",), "relative_year": ("год",),
    "year": ("год", "г."), "year_range": ("год", "гг", "г."), "ago_later": ("назад", "через"), "time": (":",),
    "iso_date": ("-",), "numeric_date": (".", "/", "-"),
}


def candidates(text: str, pub: date | None) -> list[_Hit]:
    hits = []
    low = text.lower()
    present = {words: any(w in low for w in words) for words in set(PREFILTER.values())}
    for name, rx, fn in RULES:
        words = PREFILTER.get(name)
        if words and not present[words]:
            continue
        for m in rx.finditer(text):
            reading = _read(name, m, fn, pub, text)
            if reading is None:
                continue
            start, stop = m.span("m") if "m" in rx.groupindex and m["m"] and name in ("month_only", "weekday") \
                else m.span()
            if name == "year" and text[start:start + 1] in "вВ":
                start += 1
            if name == "time":
                # «в 11:55»: the preposition belongs to the span (looked up here rather than
                # in the pattern, which would then be tried at every position of the text)
                pre = re.search(r"(?<![а-яё])[вВ]\s+$", text[max(0, start - 3):start])
                if pre:
                    start -= len(pre.group())
            if name == "time" and not (text[start:start + 1] in "вВ" or m["tz"]):
                name_ = "time_bare"      # a bare «2:15» is a time only next to a date
                hits.append(_Hit(start, stop, name_, reading))
                continue
            hits.append(_Hit(start, stop, name, reading))
    return hits


def choose(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits, longest first (a full date beats the day/month inside it)."""
    taken: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (-(h.stop - h.start), h.start)):
        if all(h.stop <= t.start or t.stop <= h.start for t in taken):
            taken.append(h)
    return sorted(taken, key=lambda h: h.start)


# --- merge passes -----------------------------------------------------------------

_GAP_RELATIVE = re.compile(r"^\s*,?\s*$")
_GAP_TIME = re.compile(r"^(?:\s*,?\s*(?:(?:в|около|примерно|приблизительно)\s+)?|\s+)$", re.I)


def merge_relative_and_date(hits: list[_Hit], text: str) -> list[_Hit]:
    """«Вчера, 20 ноября» / «в понедельник, 10 января»: one date, checked for consistency."""
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if (nxt and h.rule in ("relative_day", "weekday", "nakanune") and nxt.rule in ("day_month", "full_date")
                and _GAP_RELATIVE.match(text[h.stop:nxt.start])):
            out.append(_joined(h, nxt, text))
            i += 2
            continue
        out.append(h)
        i += 1
    return out


def _joined(rel: _Hit, exp: _Hit, text: str) -> _Hit:
    rule = "weekday_and_date" if rel.rule == "weekday" else "relative_and_date"
    reading = Reading(exp.reading.value, exp.reading.precision, time=exp.reading.time,
                      relative=rel.reading.relative and exp.rule != "full_date",
                      warnings=list(exp.reading.warnings))
    if exp.reading.value is None and rel.reading.value is not None:
        reading.value, reading.precision = rel.reading.value, rel.reading.precision
    elif rule == "weekday_and_date" and exp.reading.value:
        # The explicit date is the reading; the weekday only checks it.
        wd = _WEEKDAYS[re.search(r"\w+$", text[rel.start:rel.stop])[0].lower()]
        if date.fromisoformat(exp.reading.value).weekday() != wd:
            reading.warnings.append(f"dates: «{text[rel.start:exp.stop]}» is inconsistent: wrong weekday")
    elif exp.rule == "day_month" and exp.reading.value and rel.reading.value:
        # The relative word pins the year better than the nearest-year guess.
        rel_day = date.fromisoformat(rel.reading.value)
        exp_day = date.fromisoformat(exp.reading.value)
        if (exp_day.month, exp_day.day) != (rel_day.month, rel_day.day):
            reading.warnings.append(
                f"dates: «{text[rel.start:exp.stop]}» is inconsistent: {rel.reading.value} vs {exp.reading.value}")
    elif exp.reading.value and rel.reading.value and exp.reading.value != rel.reading.value:
        reading.warnings.append(
            f"dates: «{text[rel.start:exp.stop]}» is inconsistent: {rel.reading.value} vs {exp.reading.value}")
    return _Hit(rel.start, exp.stop, rule, reading)


def attach_times(hits: list[_Hit], text: str) -> list[_Hit]:
    """A time right before or after a day date belongs to it («11:55 10 января 2022»)."""
    out: list[_Hit] = []
    skip: set[int] = set()
    for i, h in enumerate(hits):
        if i in skip:
            continue
        if h.rule in ("time", "time_bare"):
            nxt = hits[i + 1] if i + 1 < len(hits) else None
            if nxt and nxt.rule not in ("time", "time_bare") and nxt.reading.precision in ("day", None) and nxt.reading.time is None \
                    and re.fullmatch(r"\s*,?\s*", text[h.stop:nxt.start]):
                nxt.reading.time = h.reading.time
                nxt.start = h.start
                out.append(nxt)
                skip.add(i + 1)
                continue
            prev = out[-1] if out else None
            if prev and prev.rule not in ("time", "time_bare") and prev.reading.time is None \
                    and prev.reading.precision in ("day", None) and _GAP_TIME.match(text[prev.stop:h.start]):
                prev.reading.time = h.reading.time
                prev.stop = h.stop
                continue
            if h.rule == "time_bare":
                continue                 # a score or a duration, not a time
        out.append(h)
    return out


# --- entry points ---------------------------------------------------------------------

def extract(text: str, published: datetime | date | None) -> tuple[list[DateMention], list[str]]:
    """All date mentions of ``text`` resolved against ``published``, and the warnings."""
    pub = published.date() if isinstance(published, datetime) else published
    hits = attach_times(merge_relative_and_date(choose(candidates(text, pub)), text), text)
    mentions, warnings = [], []
    for h in hits:
        r = h.reading
        mentions.append(DateMention(h.start, h.stop, r.value, r.precision, rule=h.rule, end=r.end,
                                    time=r.time, relative=r.relative))
        warnings.extend(f"{w} at {h.start}" for w in r.warnings)
    unresolved_n = sum(1 for d in mentions if d.value is None and d.relative)
    if pub is None and unresolved_n:
        warnings.append(f"dates: no publication date; {unresolved_n} relative date(s) left unresolved")
    return mentions, warnings


def annotate(ctx) -> None:
    """Stage "dates": fill ``ctx.analysis.dates`` (and warnings) from the clean text."""
    found, warnings = extract(ctx.text, ctx.published)
    ctx.analysis.dates = found
    ctx.analysis.warnings.extend(warnings)
