"""Metadata of an article: title, outlet and publication date, each with how it was found.

Pure: a ``RawDoc`` and its ``Cleaned`` text in, a ``Meta`` out. The sources, in the
order they are trusted:

- title: the input's title, else the first clean line when it reads as a headline;
- outlet: the input (JSONL ``source``, feed title, page site name), the URL host
  (through the shipped table ``data/outlets.tsv``), a closing line in the outlet's own
  voice («Читайте другие материалы журнала «…»», «… специально для «…»»), an
  «Источник:» line, a copyright line;
- published: the input's date, a header line near the top («11:55 10 января 2022»,
  «21.11.2023», «10-02-2022, 19:12.»), a byline («Опубликовано: …»), the URL
  (/2019/11/18/), a dateline with a year at the start of the body.

The first source that has a date wins; the others are checked against it and a warning
says when they disagree (and when the lede dates the reported event well before the
header date, as seed 004 does). Nothing is guessed: no year is supplied to a date that
lacks one, and an article that does not say when it was published gets None, never
today's date. Dates are naive in the outlet's local time, or aware when the input gives
an offset.
"""
from __future__ import annotations

import csv
import email.utils
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from .clean import Cleaned
from .records import Published, RawDoc

# ------------------------------------------------------------------------------------
# dates

MONTH = (r"(?P<mon>январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[яй]|июн[ья]|июл[ья]|августа?|"
         r"сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]|янв|фев|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек)\.?")
MONTHS = {"янв": 1, "фев": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5, "июн": 6, "июл": 7,
          "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12}
TIME_AFTER = r"(?:\s*,?\s*(?:в\s+)?(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?![\d.]\d))?"
TIME_BEFORE = r"(?:(?P<h0>[01]?\d|2[0-3]):(?P<mi0>[0-5]\d)\s*,?\s+)?"
YEAR_WORD = r"(?:\s*(?:г\.|года|год|г\b))?"


@dataclass(slots=True)
class DateFound:
    start: int
    stop: int
    value: datetime
    has_time: bool
    rule: str


def _month(word: str) -> int:
    word = word.lower().rstrip(".")
    return 5 if word in ("май", "мая") else MONTHS.get(word[:3], 0)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


# Each date rule: a name, a compiled pattern, and the groups it fills. The builder below
# turns any match into a datetime, so the rules stay data.
DATE_RULES: list[tuple[str, re.Pattern[str]]] = [
    # 2019-11-18T13:29:29+03:00, 2019-11-18 13:29, 2019-11-18
    ("iso", re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
                       r"(?:[T ](?P<h>[0-2]\d):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d)(?:\.\d+)?)?"
                       r"(?P<tz>Z|[+-][0-2]\d:?[0-5]\d)?)?(?!\d)")),
    # 11:55 10 января 2022, 10 января 2022 года, 18 ноября 2019, 10:15
    ("day_month_year", re.compile(TIME_BEFORE + r"(?<!\d)(?P<d>[0-3]?\d)\s+" + MONTH + r"\s+(?P<y>(?:19|20)\d\d)"
                                  + YEAR_WORD + TIME_AFTER, re.IGNORECASE)),
    # 21.11.2023, 10-02-2022, 19:12, 18/11/2019 10:15, 21.11.23
    ("numeric", re.compile(TIME_BEFORE + r"(?<![\d.])(?P<d>[0-3]?\d)(?P<sep>[./-])(?P<m>[01]?\d)(?P=sep)"
                           r"(?P<y>(?:19|20)\d\d|\d\d)(?![\d])" + YEAR_WORD + TIME_AFTER)),
]
# Every date rule starts at a digit: the lookahead lets the scan skip to one in C.
DATE_RULES = [(name, re.compile(r"(?=\d)(?:" + p.pattern + ")", p.flags)) for name, p in DATE_RULES]
DIGIT = re.compile(r"\d")

# «МОСКВА, 18 ноября — РИА Новости.»: the agency dateline gives day and month only.
DATELINE = re.compile(r"^[А-ЯЁ][А-ЯЁ -]{2,30}(?:\s*\([^)]{1,40}\))?(?:,\s*[^,\n]{1,40})?[,.]\s*(?P<d>[0-3]?\d)\s+"
                      + MONTH + r"(?:\s+(?P<y>(?:19|20)\d\d))?")


def find_dates(text: str, limit: int | None = None) -> list[DateFound]:
    """Every absolute date (with a year) in ``text[:limit]``, in order, overlaps resolved
    to the earliest and then longest match."""
    segment = text if limit is None else text[:limit]
    found: list[DateFound] = []
    if not DIGIT.search(segment):
        return []
    for rule, pattern in DATE_RULES:
        for m in pattern.finditer(segment):
            value = build_date(m)
            if value is not None:
                found.append(DateFound(m.start(), m.end(), value[0], value[1], rule))
    found.sort(key=lambda f: (f.start, -f.stop))
    result: list[DateFound] = []
    for f in found:
        if not result or f.start >= result[-1].stop:
            result.append(f)
    return result


def build_date(m: re.Match[str]) -> tuple[datetime, bool] | None:
    groups = m.groupdict()
    if len(groups["y"]) == 2 and (len(groups["d"]) < 2 or len(groups.get("m") or "") < 2):
        return None     # «1.5.10» is a clause number; «21.11.23» is a date
    try:
        month = int(groups["m"]) if groups.get("m") else _month(groups.get("mon") or "")
        hour = groups.get("h") or groups.get("h0")
        minute = groups.get("mi") or groups.get("mi0")
        second = groups.get("s")
        value = datetime(_year(groups["y"]), month, int(groups["d"]),
                         int(hour) if hour else 0, int(minute) if minute else 0, int(second) if second else 0)
    except (ValueError, TypeError):
        return None
    tz = groups.get("tz")
    if tz:
        value = datetime.fromisoformat(value.isoformat() + ("+00:00" if tz == "Z" else _colon(tz)))
    return value, bool(hour)


def _colon(tz: str) -> str:
    return tz if ":" in tz else tz[:3] + ":" + tz[3:]


def parse_date(text: str) -> tuple[datetime, bool] | None:
    """A date given by an input field: ISO 8601, RFC 822 (feeds) or a Russian date."""
    text = text.strip()
    if text.isdigit() and 9 <= len(text) <= 10:      # Unix time, as some dumps give it
        return datetime.fromtimestamp(int(text), tz=timezone.utc), True
    try:
        value = datetime.fromisoformat(text)
        return value, len(text) > 10
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text), True
    except (TypeError, ValueError, IndexError):
        pass
    found = find_dates(text)
    return (found[0].value, found[0].has_time) if found else None


def format_published(published: Published) -> str | None:
    """ISO 8601 at the precision the source gave: «2023-11-21», «2022-01-10T11:55»,
    «2019-11-18T10:00:00+00:00»."""
    value = published.value
    if value is None:
        return None
    parsed = parse_date(published.text or "") if published.text else None
    if parsed is not None and not parsed[1] and value.time() == datetime.min.time():
        return value.date().isoformat()
    if value.tzinfo is not None or value.second:
        return value.isoformat()
    return value.isoformat(timespec="minutes")


# ------------------------------------------------------------------------------------
# where a date is found

HEADER_LINES = 6             # header dates sit among the first lines
HEADER_MAX = 90              # a header line is short
HEADER_OTHER_LETTERS = 25    # besides the date, at most a rubric or a weekday
BYLINE = re.compile(r"^(?:опубликован[оа]?|дата публикации|дата|размещено|обновлено|добавлено|"
                    r"published|posted)\s*:?\s*", re.IGNORECASE)
AUTHOR = re.compile(r"^(?:автор|текст|фото)\s*:", re.IGNORECASE)
LEDE_CHARS = 1500            # how far the lede check reads
EVENT_GAP = timedelta(days=2)
AGREE_DAYS = 1               # UTC input vs local header: one day apart is the same date
URL_DATES = [
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]\d)/(?P<d>[0-3]\d)(?:/|$|[-_.])"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:/|$|[-_.])"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:/|$|[-_.])"),
]
LETTERS = re.compile(r"[^\W\d_]")


@dataclass(slots=True)
class DateSource:
    how: str                  # input | header | byline | url | body
    value: datetime
    has_time: bool
    text: str
    line: tuple[int, int] | None = None   # clean span of the line it came from


def lines_of(text: str, count: int | None = None) -> list[tuple[int, int]]:
    """Clean spans of the first ``count`` non-blank lines."""
    spans: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    while pos <= n and (count is None or len(spans) < count):
        end = text.find("\n", pos)
        end = n if end < 0 else end
        # non-blank (what .strip() leaves non-empty); the first character mostly decides
        # it without copying the line
        if end > pos and (not text[pos].isspace() or not text[pos:end].isspace()):
            spans.append((pos, end))
        pos = end + 1
    return spans


def last_lines(text: str, count: int) -> list[tuple[int, int]]:
    """Clean spans of the last ``count`` non-blank lines (``lines_of(text)[-count:]``
    without reading the whole text)."""
    spans: list[tuple[int, int]] = []
    end = len(text)
    while end >= 0 and len(spans) < count:
        start = text.rfind("\n", 0, end) + 1
        if end > start and (not text[start].isspace() or not text[start:end].isspace()):
            spans.append((start, end))
        end = start - 1
    return spans[::-1]


def header_date(clean: str, spans: list[tuple[int, int]] | None = None) -> DateSource | None:
    """A line near the top that is a date (and perhaps a time, weekday or rubric)."""
    for start, stop in (lines_of(clean, HEADER_LINES) if spans is None else spans[:HEADER_LINES]):
        if stop - start > HEADER_MAX:
            continue            # asked before the slice: a body paragraph is long
        line = clean[start:stop]
        if BYLINE.match(line):
            continue
        found = find_dates(line)
        if found:
            rest = line[:found[0].start] + line[found[0].stop:]
            if len(LETTERS.findall(rest)) <= HEADER_OTHER_LETTERS:
                f = found[0]
                return DateSource("header", f.value, f.has_time, line[f.start:f.stop].strip(), (start, stop))
    return None


def byline_date(clean: str, spans: list[tuple[int, int]] | None = None) -> DateSource | None:
    """«Опубликовано: 18.11.2019 10:15», «Автор: …, 18.11.2019» near the top or the end."""
    spans = lines_of(clean) if spans is None else spans
    for start, stop in spans[:HEADER_LINES + 2] + spans[-4:]:
        if stop - start > 150:
            continue
        line = clean[start:stop]
        if not (BYLINE.match(line) or AUTHOR.match(line)):
            continue
        found = find_dates(line)
        if found:
            f = found[0]
            return DateSource("byline", f.value, f.has_time, line[f.start:f.stop].strip(), (start, stop))
    return None


URL_YEAR = re.compile(r"(?:19|20)\d\d")


def url_date(url: str | None) -> DateSource | None:
    if not url:
        return None
    if url.isascii() and not URL_YEAR.search(url) and not any(c in url for c in "[]\t\r\n"):
        # no year anywhere: no date in the path (urlsplit, which may raise on brackets or
        # drop tabs and line ends, cannot make one up here)
        return None
    path = urlsplit(url).path
    for pattern in URL_DATES:
        m = pattern.search(path)
        if m:
            try:
                value = datetime(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
            return DateSource("url", value, False, m.group().strip("/-_."))
    return None


def dateline_date(clean: str, skip: set[tuple[int, int]],
                  spans: list[tuple[int, int]] | None = None) -> DateSource | None:
    """An agency dateline with a year at the start of the first paragraph."""
    for start, stop in (lines_of(clean, HEADER_LINES + 2) if spans is None else spans[:HEADER_LINES + 2]):
        if (start, stop) in skip:
            continue
        m = DATELINE.match(clean, start, stop)
        if m and m["y"]:
            value = build_date(m)
            if value:
                return DateSource("body", value[0], value[1], m.group()[m.start("d") - m.start():].strip(),
                                  (start, stop))
        if stop - start > HEADER_MAX:
            break   # past the first paragraph
    return None


def input_date(raw: RawDoc) -> tuple[DateSource | None, str | None]:
    if not raw.date:
        return None, None
    parsed = parse_date(raw.date)
    if parsed is None:
        return None, f"the input date «{raw.date}» is not a date svodka understands; ignored"
    return DateSource("input", parsed[0], parsed[1], raw.date.strip()), None


def lede_event(clean: str, skip: set[tuple[int, int]]) -> DateFound | None:
    """The first full date of the body (header and byline lines left out)."""
    for found in find_dates(clean, LEDE_CHARS):
        if not any(start <= found.start < stop for start, stop in skip):
            return found
    return None


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)


def published(raw: RawDoc, clean: str) -> tuple[Published, list[str]]:
    warnings: list[str] = []
    given, problem = input_date(raw)
    if problem:
        warnings.append(problem)
    # Header, byline and dateline read the first and the last few lines only.
    spans = lines_of(clean, HEADER_LINES + 2)
    if len(spans) == HEADER_LINES + 2:
        spans += last_lines(clean, 4)
    header = header_date(clean, spans)
    byline = byline_date(clean, spans)
    skip = {s.line for s in (header, byline) if s and s.line}
    sources = [s for s in (given, header, byline, url_date(raw.url), dateline_date(clean, skip, spans)) if s]
    if not sources:
        return Published(None), warnings
    chosen = sources[0]
    for other in sources[1:]:
        if abs((other.value.date() - chosen.value.date()).days) > AGREE_DAYS:
            warnings.append(f"published date sources disagree: {chosen.how} says {_day(chosen.value)} "
                            f"(«{chosen.text}»), {other.how} says {_day(other.value)} («{other.text}»); "
                            f"kept the {chosen.how} date")
    # An input date comes from the publisher's feed or CMS: the lede check is for dates
    # read off the page, which is where a template or a reprint puts a wrong one.
    event = lede_event(clean, skip) if chosen.how != "input" else None
    if event is not None and _naive(chosen.value) - _naive(event.value) > EVENT_GAP:
        gap = (_naive(chosen.value).date() - event.value.date()).days
        warnings.append(f"the {chosen.how} dates the article {_day(chosen.value)} but its body dates the "
                        f"reported event {_day(event.value)} ({gap} days earlier); kept the {chosen.how} date")
    return Published(chosen.value, chosen.how, chosen.text), warnings


def _day(value: datetime) -> str:
    return value.date().isoformat()


# ------------------------------------------------------------------------------------
# outlet

OWN_VOICE = re.compile(
    r"(?:материал\w*|новост\w*|стать\w*|публикаци\w*|подписчик\w*)\s+(?:нашего\s+)?"
    r"(?P<type>журнала|газеты|агентства|издания|портала|сайта|телеканала|радиостанции|радио|интернет-издания)"
    r"\s+(?P<name>«[^«»\n]{2,60}(?:«[^«»\n]{1,40}»[^«»\n]{0,20})?»|(?-i:[A-ZА-ЯЁ])[\w-]+\.[a-zа-я]{2,6}\b)",
    re.IGNORECASE)
# a name in quotes, or a site name with its domain («Lenta.ru»): a bare capitalised word
# after «агентства» is as often a company («ПАО …») as an outlet
FOR_OUTLET = re.compile(r"специально для\s+(?P<name>«[^«»\n]{2,60}»|[A-ZА-ЯЁ][\w-]+\.[a-zа-я]{2,6}\b)")
SOURCE_LINE = re.compile(r"^(?:источник|по материалам)\s*[:—–-]\s*(?P<name>[^\n]{2,60}?)\s*[.;]?$", re.IGNORECASE)
COPYRIGHT_LINE = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–—]\s*\d{4})?\s*[,.]?\s*)?"
                            r"(?P<name>[^\n,|]{2,60}?)\s*[.,]?$", re.IGNORECASE)
CLOSING_LINES = 4


@dataclass(slots=True)
class Outlets:
    by_host: dict[str, str]
    by_key: dict[str, str]


@lru_cache(maxsize=1)
def outlets() -> Outlets:
    """The shipped table: name, hosts, aliases, source (where the row comes from)."""
    by_host: dict[str, str] = {}
    by_key: dict[str, str] = {}
    with resources.files("svodka").joinpath("data/outlets.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            name = row["name"].strip()
            for host in filter(None, (h.strip().lower() for h in row["hosts"].split(","))):
                by_host.setdefault(host, name)
            for alias in [name, *filter(None, (a.strip() for a in row["aliases"].split(",")))]:
                by_key.setdefault(outlet_key(alias), name)
    return Outlets(by_host, by_key)


def outlet_key(name: str) -> str:
    """A loose key: case, quotes and the endings of long words ignored, so the genitive
    «Союзников.ОДКБ» meets the nominative «Союзники.ОДКБ»."""
    words = re.findall(r"\w+", name.casefold())
    return " ".join(w[:5] if len(w) > 5 else w for w in words)


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host or None


def outlet_by_host(host: str) -> str | None:
    table = outlets().by_host
    parts = host.split(".")
    for i in range(len(parts) - 1):     # news.sportbox.ru → sportbox.ru
        name = table.get(".".join(parts[i:]))
        if name:
            return name
    return None


def unquote(name: str) -> str:
    """«Коммерсантъ» → Коммерсантъ, but РИА «Новый День» stays whole."""
    name = name.strip(" .,;")
    for left, right in ("«»", '""', "“”", "„“"):
        if name.startswith(left) and name.endswith(right) and len(name) > 2:
            inner = name[1:-1]
            if inner.count(left) == inner.count(right) if left != right else right not in inner:
                return inner.strip()
    return name


@lru_cache(maxsize=4096)
def canonical_outlet(name: str) -> str:
    """A name found in the text, as the table spells it, else in the nominative."""
    name = unquote(name)
    if "." in name and " " not in name:
        by_host = outlet_by_host(host_of(name) or "")
        if by_host:
            return by_host
    known = outlets().by_key.get(outlet_key(name))
    return known or name


def nominative(name: str) -> str:
    """«Союзников.ОДКБ» (after «для») → «Союзники.ОДКБ»: the first word put in the
    nominative when morphology reads it as genitive; the rest of a name does not decline."""
    m = re.match(r"([^\W\d_]+)(.*)", name, re.S)
    if not m:
        return name
    head, tail = m.groups()
    from . import nlp   # morphology loads only for this rare case
    for parse in nlp.parses(head):
        if "gent" in parse.tag and {"NOUN", "ADJF"} & {parse.tag.POS}:
            form = parse.inflect({"nomn"})
            if form:
                word = form.word
                word = word[:1].upper() + word[1:] if head[:1].isupper() else word
                return word + tail
            break
    return name


def outlet(raw: RawDoc, clean: str) -> tuple[str | None, str | None]:
    """(outlet, how) where how is input | url | closing_line | source_line | copyright."""
    if raw.outlet:
        return canonical_outlet(raw.outlet), "input"
    host = host_of(raw.url) or host_of(raw.extra.get("host"))
    if host:
        return outlet_by_host(host) or host, "url"
    lines = [l.strip() for l in raw.text.strip().splitlines() if l.strip()]
    for line in lines[-CLOSING_LINES:]:
        m = OWN_VOICE.search(line)
        if m:
            return canonical_outlet(m["name"]), "closing_line"
        m = FOR_OUTLET.search(line)
        if m:
            name = canonical_outlet(m["name"])
            if name == unquote(m["name"]):
                name = nominative(name)
            return name, "closing_line"
    for line in lines:
        m = SOURCE_LINE.match(line)
        if m and not m["name"].lower().startswith("фото"):
            return canonical_outlet(m["name"]), "source_line"
    for line in lines[-CLOSING_LINES:]:
        m = COPYRIGHT_LINE.match(line)
        if m and "фото" not in m["name"].lower():
            return canonical_outlet(m["name"]), "copyright"
    return None, None


# ------------------------------------------------------------------------------------
# title

TITLE_MAX = 250


def title(raw: RawDoc, clean: str) -> tuple[str | None, str | None]:
    """(title, how): the input's title, else the first clean line when it is a headline:
    short, not closed by a full stop, followed by more text. A date line above the
    headline («21.11.2023» printed first) is passed over."""
    if raw.title and raw.title.strip():
        return " ".join(raw.title.split()), "input"
    spans = lines_of(clean, 3)
    while spans and _date_line(clean[spans[0][0]:spans[0][1]]):
        spans = spans[1:]
    if len(spans) < 2:
        return None, None
    line = clean[spans[0][0]:spans[0][1]].strip()
    if len(line) > TITLE_MAX or len(line.split()) < 2 or line.endswith((".", ":", ";", ",")):
        return None, None
    return line, "first_line"


def _date_line(line: str) -> bool:
    return bool(find_dates(line)) and len(LETTERS.findall(line)) < 30


# ------------------------------------------------------------------------------------

@dataclass(slots=True)
class Meta:
    title: str | None = None
    title_how: str | None = None
    outlet: str | None = None
    outlet_how: str | None = None
    published: Published = field(default_factory=lambda: Published(None))
    warnings: list[str] = field(default_factory=list)


def extract(raw: RawDoc, cleaned: Cleaned) -> Meta:
    clean = cleaned.clean
    t, t_how = title(raw, clean)
    o, o_how = outlet(raw, clean)
    p, warnings = published(raw, clean)
    return Meta(t, t_how, o, o_how, p, warnings)
