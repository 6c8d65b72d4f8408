"""The input of the cross-article library: one analysed article as the store hands it over."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from ..records import Analysis


@dataclass(slots=True)
class StoryDoc:
    """An article with its clean text and per-article analysis.

    ``analysis`` may have empty fields when stages are absent: every consumer in
    ``svodka.stories`` falls back to what the clean text alone gives.
    ``warnings`` are ``Article.warnings`` (e.g. a header date that disagrees with
    the body); ``published_how`` says where the date was found (header, body, ...).
    """
    key: str
    input_id: str
    outlet: str | None
    title: str | None
    published: datetime | None
    text: str
    analysis: Analysis = field(default_factory=Analysis)
    warnings: list[str] = field(default_factory=list)
    published_how: str | None = None


def from_article(article, analysis: Analysis | None = None) -> StoryDoc:
    """The StoryDoc of a ``records.Article`` and its analysis (what the store holds)."""
    return StoryDoc(article.key, article.input_id, article.outlet, article.title,
                    article.published.value, article.clean, analysis or Analysis(),
                    list(article.warnings), article.published.how)


def utc_naive(value: datetime | None) -> datetime | None:
    """Dates from different sources may or may not carry a timezone; comparing UTC
    wall clocks keeps ordering total instead of raising on naive/aware mixes."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def order_key(doc: StoryDoc) -> tuple:
    """Publication order: dated articles first by date, undated last, ties by key."""
    when = utc_naive(doc.published)
    if when is None:
        return (1, "", doc.key)
    return (0, when.isoformat(), doc.key)


_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
           "ноябр", "декабр")
_FULL_DATE = re.compile(r"\b(\d{1,2})\s+(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|"
                        r"октября|ноября|декабря)\s+(\d{4})\b", re.IGNORECASE)


def body_dates(doc: StoryDoc) -> list[date]:
    """Full calendar dates the body states (resolved by the dates stage when it ran)."""
    out = []
    for d in doc.analysis.dates:
        if d.precision == "day" and d.value and not d.relative:
            try:
                out.append(date.fromisoformat(d.value[:10]))
            except ValueError:
                pass
    if out:
        return out
    for m in _FULL_DATE.finditer(doc.text):
        month = next(i for i, p in enumerate(_MONTHS) if m.group(2).lower().startswith(p)) + 1
        try:
            out.append(date(int(m.group(3)), month, int(m.group(1))))
        except ValueError:
            pass
    return out


def is_date_warning(w: str) -> bool:
    """A warning of meta that the header date and the body disagree («the header dates
    the article 2022-02-10 but its body dates the reported event 2022-01-10 …»)."""
    w = w.lower()
    if "date" not in w and "дат" not in w:
        return False
    return ("header" in w and "body" in w) or any(
        k in w for k in ("conflict", "disagree", "mismatch", "differ", "расход", "против"))


TYPO_MIN_DAYS = 28      # a day-only difference is ordinary reporting lag; a month or year is not


def header_typo(doc: StoryDoc) -> date | None:
    """The body date a header date looks like a mistyping of, if any.

    A header date a month or more after a full date in the body, differing from it in
    exactly one field (month or year), is a typo rather than a late report: 004's
    header 10-02-2022 over its «10 января 2022 года». Returns that body date.
    """
    if doc.published is None:
        return None
    head = doc.published.date()
    for d in body_dates(doc):
        fields_differ = (d.day != head.day) + (d.month != head.month) + (d.year != head.year)
        if fields_differ == 1 and (head - d).days >= TYPO_MIN_DAYS:
            return d
    return None


def effective_date(doc: StoryDoc) -> tuple[datetime | None, str]:
    """The date to place an article in time by, and how it was chosen.

    A header date the article itself contradicts (meta's warning, or a header typo)
    is replaced by the body's date of the event; the reprint rules treat such an
    article as having no trusted publication date."""
    if doc.published is None:
        return None, "none"
    typo = header_typo(doc)
    if typo is not None:
        return datetime(typo.year, typo.month, typo.day), "body_date_over_header_typo"
    if any(is_date_warning(w) for w in doc.warnings):
        dates = body_dates(doc)
        return (datetime(dates[0].year, dates[0].month, dates[0].day), "body_date_over_header") \
            if dates else (None, "header_doubted")
    return utc_naive(doc.published), "published"
