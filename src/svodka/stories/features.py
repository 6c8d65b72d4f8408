"""Compact per-article features for reprints and clustering (pure, no IO).

Everything here works from the clean text alone and uses richer analysis when a
stage filled it: lemmas (``Analysis.lemmas``), resolved entities
(``Analysis.mentions``), resolved dates (``Analysis.dates``). Features are kept
small (top terms, sets of names and numbers) because the story index persists
them and compares a new article only with them.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import nlp
from .model import StoryDoc

# Function words carry no topic; lemma forms (ё folded), as nlp.lemma gives them.
STOP = frozenset("""
а б без более бы был быть в вам вас весь во вот все всего всех вы где да даже для до его ее если
есть еще же за здесь и из или им их к как какой когда кто ли либо между меня мне много может мой
мы на над надо наш не него нее нет ни них но ну о об однако он она они оно от очень по под после
при про раз с свой себя так также такой там то тогда того тоже только том тот у уже хотя чего чей
чем что чтобы чье эта эти это этот я который свое сам самый весь ещё этом того сообщать заявить
сказать год время также около через более менее человек новый один два три который—
ранее сейчас сегодня вчера завтра пока стать мочь другой каждый должный нужно можно
""".split())

MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
          "ноябр", "декабр")
_MONTH_RE = "|".join(["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                      "сентября", "октября", "ноября", "декабря"])
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")

TOP_TERMS = 60          # terms kept per article: enough for cosine, small enough to persist
LEAD_CHARS = 400        # a headline substitute when the article has no title


@dataclass(slots=True)
class Features:
    key: str
    terms: dict[str, int]                 # content lemma -> count (top TOP_TERMS)
    title: list[str]                      # content lemmas of the title (or lead when untitled)
    names: list[str]                      # entity ids / name lemmas
    numbers: list[str]                    # numbers with at least two significant characters
    days: list[str]                       # "MM-DD" (or ISO day) mentioned in the text
    when: str | None = None               # ISO publication time, UTC wall clock
    length: int = 0                       # content words in the article
    title_names: list[str] = field(default_factory=list)
    title_days: list[str] = field(default_factory=list)
    lead: dict[str, int] = field(default_factory=dict)   # headline + opening of the body
    event: str | None = None                              # type of the lead event (events stage)

    def to_state(self) -> dict:
        return {"key": self.key, "terms": self.terms, "title": self.title, "names": self.names,
                "numbers": self.numbers, "days": self.days, "when": self.when, "length": self.length,
                "title_names": self.title_names, "title_days": self.title_days, "lead": self.lead,
                "event": self.event}

    @classmethod
    def from_state(cls, d: dict) -> Features:
        return cls(d["key"], d["terms"], d["title"], d["names"], d["numbers"], d["days"],
                   d.get("when"), d.get("length", 0), d.get("title_names", []),
                   d.get("title_days", []), d.get("lead", {}), d.get("event"))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def content_lemmas(text: str) -> list[str]:
    return [lem for w in words(text) if _is_content(lem := nlp.lemma(w))]


def _is_content(lem: str) -> bool:
    return len(lem) > 2 and lem not in STOP and not lem[0].isdigit()


def doc_lemmas(doc: StoryDoc) -> list[str]:
    """Content lemmas of the body: the pipeline's when present, else our own."""
    if doc.analysis.lemmas:
        return [lem for lem in doc.analysis.lemmas.split() if _is_content(lem)]
    return content_lemmas(doc.text)


def headline(doc: StoryDoc) -> str:
    """The title, or the lead (first sentence) for untitled articles."""
    if doc.title:
        return doc.title
    sents = doc.analysis.sentences
    if sents:
        for s in sents[:3]:
            piece = doc.text[s.start:s.stop]
            if len(words(piece)) >= 6:
                return piece[:LEAD_CHARS]
    return doc.text[:LEAD_CHARS]


def lead_text(doc: StoryDoc) -> str:
    """The headline and the opening of the body: news puts the event there."""
    body = doc.text
    if not doc.title:
        return body[:LEAD_CHARS]
    return doc.title + "\n" + body[:LEAD_CHARS]


REPORTING_EVENTS = frozenset({"statement"})   # saying something is how news reports, not what


def lead_event(doc: StoryDoc) -> str | None:
    """The type of the first event the opening reports as having happened (events
    stage), e.g. «обсудил по телефону» -> phone_call: what the article is about."""
    limit = (len(doc.title) if doc.title else 0) + LEAD_CHARS
    for e in doc.analysis.events:
        if e.trigger.start < limit and e.status == "happened" and e.type not in REPORTING_EVENTS:
            return e.type
    return None


def names(doc: StoryDoc) -> list[str]:
    """Entities the article names: resolved ids when the entity stages ran, else
    capitalised words that do not open a sentence (a cheap proxy for names)."""
    from .names import name_key
    found = {name_key(m) for m in doc.analysis.mentions if m.kind == "name"}
    if found:
        return sorted(found)
    return sorted(_capitalised(doc.text))


def _capitalised(text: str) -> set[str]:
    out: set[str] = set()
    prev_end = True
    for m in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*|[.!?…\n]", text):
        tok = m.group()
        if tok in ".!?…\n":
            prev_end = True
            continue
        if tok[0].isupper() and (not prev_end or (tok.isupper() and len(tok) > 1)):
            lem = nlp.lemma(tok)
            if lem not in STOP and len(lem) > 1:
                out.add(lem)
        prev_end = False
    return out


def numbers(text: str) -> list[str]:
    out = set()
    for m in _NUMBER.finditer(text):
        n = m.group().replace(",", ".")
        if len(n.replace(".", "")) >= 2:
            out.add(n)
    return sorted(out)


def days(doc: StoryDoc) -> list[str]:
    found = {d.value for d in doc.analysis.dates if d.precision == "day" and d.value}
    if found:
        return sorted(v[5:] for v in found)  # month-day: undated mentions match dated ones
    out = set()
    for m in _DAY_MONTH.finditer(doc.text):
        month = next(i for i, p in enumerate(MONTHS) if m.group(2).lower().startswith(p)) + 1
        out.add(f"{month:02d}-{int(m.group(1)):02d}")
    return sorted(out)


def extract(doc: StoryDoc) -> Features:
    from .model import effective_date
    lemmas = doc_lemmas(doc)
    counts = Counter(lemmas)
    top = dict(counts.most_common(TOP_TERMS))
    when, _ = effective_date(doc)
    head = headline(doc)
    found = names(doc)
    return Features(
        key=doc.key,
        terms=top,
        title=sorted(set(content_lemmas(head))),
        names=found,
        numbers=numbers(doc.text),
        days=days(doc),
        when=when.isoformat() if when else None,
        length=len(lemmas),
        title_names=title_names(head, found),
        title_days=title_days(head),
        lead=dict(Counter(content_lemmas(lead_text(doc)))),
        event=lead_event(doc),
    )


def title_days(title: str) -> list[str]:
    """Day-month expressions of a headline («Прогноз погоды на 8 ноября»)."""
    out = set()
    for m in _DAY_MONTH.finditer(title):
        month = next(i for i, p in enumerate(MONTHS) if m.group(2).lower().startswith(p)) + 1
        out.add(f"{month:02d}-{int(m.group(1)):02d}")
    return sorted(out)


def title_names(title: str, body_names: list[str]) -> list[str]:
    """Names in the headline: title lemmas the body capitalises, plus Latin words and
    abbreviations (the first word of a title is capitalised anyway, so case alone
    cannot tell)."""
    known = set(body_names)
    out = {lem for w in words(title) if (lem := nlp.lemma(w)) in known}
    out |= {nlp.lemma(w) for w in re.findall(r"\b[A-ZА-ЯЁ]{2,}\b|\b[A-Za-z][\w']+", title)}
    return sorted(x for x in out if x not in STOP)
