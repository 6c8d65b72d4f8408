"""Cross-article event merging: the same meeting reported by four outlets is one event
with four sources.

Pure: a list of reported events in, merged events out. Each incoming item is
``(article_key, outlet, published, event)`` or an ``EventItem`` (which may also carry
``about``: names the article mentions around the event, e.g. the organisation whose
session it was, used for timelines only).

Two reports are the same happening when nothing contradicts it (type, status, date at
the coarser precision, place) and enough ties them: the same day and a shared
participant or place, or, for an undated report, two shared participants or one and
the same format. Candidates come from an index on (type, date) and (type, participant),
so a new report is compared with a few clusters, not with all of them.

The merged event takes the most supported value of each field (a named person over a
country as initiator); disagreements between sources are kept in ``conflicts``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from .records import Event, Span


@dataclass(slots=True)
class EventItem:
    article_key: str
    outlet: str | None
    published: datetime | None
    event: Event
    about: tuple[str, ...] = ()


@dataclass(slots=True)
class Source:
    article_key: str
    outlet: str | None
    published: datetime | None
    evidence: list[Span]
    date: str | None = None
    status: str = "happened"


@dataclass(slots=True)
class MergedEvent:
    event: Event
    sources: list[Source] = field(default_factory=list)
    conflicts: dict[str, list] = field(default_factory=dict)
    about: list[str] = field(default_factory=list)

    @property
    def entities(self) -> set[str]:
        e = self.event
        return set(e.participants) | {x for x in (e.initiator, e.place) if x} | set(self.about)


def as_item(x) -> EventItem:
    return x if isinstance(x, EventItem) else EventItem(*x)


# --- compatibility ---------------------------------------------------------------------------


def dates_agree(a: str | None, b: str | None) -> bool:
    """Equal at the coarser precision: «2022-01» agrees with «2022-01-10»."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def contradicts(c: "_Cluster", e: Event) -> bool:
    if c.type != e.type:
        return True
    if c.status != e.status and not (c.date and e.date and c.date == e.date):
        return True                    # «планируется» and «состоялась» on the same day: one event
    if not dates_agree(c.date, e.date):
        return True
    return bool(c.place and e.place and c.place != e.place)


# Subtypes that may name the same happening («саммит» in one outlet, «сессия» in another).
SUBTYPE_FAMILY = {"session": "assembly", "summit": "assembly", "talks": "talks"}


def subtype_of(e: Event) -> str | None:
    """The events stage writes ``subtype:<x>`` first in ``Event.rule`` (records.Event has no field yet)."""
    head = e.rule.split(";", 1)[0]
    return head.split(":", 1)[1] if head.startswith("subtype:") else None


def family(e: Event) -> str | None:
    sub = subtype_of(e)
    return SUBTYPE_FAMILY.get(sub, sub) if sub else None


def score(c: "_Cluster", e: Event) -> int:
    n = len(c.participants & set(e.participants))
    n += int(bool(c.initiator and e.initiator == c.initiator))
    n += int(e.format is not None and e.format in c.formats)
    n += 2 * int(bool(c.date and e.date and c.date[:10] == e.date))
    n += int(bool(c.place and c.place == e.place))
    return n


def ties(c: "_Cluster", e: Event) -> bool:
    shared = len(c.participants & set(e.participants))
    if c.initiator and e.initiator == c.initiator:
        shared += 1
    if c.date and e.date and len(e.date) == 10 and c.date[:10] == e.date:
        return shared >= 1 or bool(c.place and c.place == e.place) or (not c.participants and not e.participants)
    # Undated: names must tie it, and the kind of meeting must not differ («переговоры с США»
    # are not the «сессия» with the same two presidents).
    if family(e) and c.families and family(e) not in c.families:
        return False
    if shared >= 2:
        return True
    return shared >= 1 and e.format is not None and e.format in c.formats


# --- clusters -------------------------------------------------------------------------------------


@dataclass
class _Cluster:
    items: list[EventItem]
    type: str
    status: str
    date: str | None
    place: str | None
    initiator: str | None
    participants: set[str]
    formats: set[str]
    families: set[str]

    @classmethod
    def start(cls, item: EventItem) -> "_Cluster":
        e = item.event
        return cls([item], e.type, e.status, e.date, e.place, e.initiator, set(e.participants),
                   {e.format} if e.format else set(), {family(e)} if family(e) else set())

    def add(self, item: EventItem) -> None:
        e = item.event
        self.items.append(item)
        if e.date and (not self.date or len(e.date) > len(self.date)):
            self.date = e.date
        self.place = self.place or e.place
        self.initiator = self.initiator or e.initiator
        self.participants |= set(e.participants)
        if e.format:
            self.formats.add(e.format)
        if family(e):
            self.families.add(family(e))


def index_keys(e: Event) -> list[tuple]:
    keys = [(e.type, "date", e.date[:10])] if e.date else []
    keys += [(e.type, "who", p) for p in e.participants]
    if e.initiator:
        keys.append((e.type, "who", e.initiator))
    return keys


def merge(items) -> list[MergedEvent]:
    """Merge reported events across articles. Dated reports go first (they decide which
    happenings there are); an undated one then joins the best-tied cluster."""
    clusters: list[_Cluster] = []
    index: dict[tuple, list[int]] = {}
    all_items = [as_item(x) for x in items]
    ordered = [x for x in all_items if x.event.date] + [x for x in all_items if not x.event.date]
    for item in ordered:
        e = item.event
        cands = sorted({ci for k in index_keys(e) for ci in index.get(k, ())})
        ok = [ci for ci in cands if not contradicts(clusters[ci], e) and ties(clusters[ci], e)
              and item.article_key not in {x.article_key for x in clusters[ci].items}]
        target = max(ok, key=lambda ci: (score(clusters[ci], e), -ci)) if ok else None
        if target is None:
            clusters.append(_Cluster.start(item))
            target = len(clusters) - 1
        else:
            clusters[target].add(item)
        for k in index_keys(e):
            if target not in index.setdefault(k, []):
                index[k].append(target)
    return [summarise(c) for c in clusters]


# --- the merged record ------------------------------------------------------------------------------


def most_common(values: list, prefer=None):
    vals = [v for v in values if v]
    if not vals:
        return None
    counts = Counter(vals)
    return max(counts, key=lambda v: (prefer(v) if prefer else 0, counts[v], -vals.index(v)))


def summarise(c: _Cluster) -> MergedEvent:
    events = [it.event for it in c.items]
    date_ = most_common([e.date for e in events], prefer=len)
    precision = next((e.precision for e in events if e.date == date_), None)
    persons = {p for e in events for p in e.participants}
    initiator = most_common([e.initiator for e in events], prefer=lambda v: v in persons)
    order = Counter(p for e in events for p in e.participants)
    participants = sorted(order, key=lambda p: (-order[p], min(
        e.participants.index(p) for e in events if p in e.participants)))
    first = events[0]
    merged = Event(type=c.type, trigger=first.trigger, date=date_, precision=precision,
                   place=most_common([e.place for e in events]),
                   format=most_common([e.format for e in events]),
                   status=most_common([e.status for e in events]) or first.status,
                   initiator=initiator, participants=participants, evidence=list(first.evidence),
                   rule="merged:" + str(len(events)))
    conflicts = {}
    for name in ("date", "place", "format", "status", "initiator"):
        vals = sorted({getattr(e, name) for e in events if getattr(e, name)})
        if len(vals) > 1 and not (name == "date" and all(dates_agree(a, b) for a in vals for b in vals)):
            conflicts[name] = vals
    sources = [Source(it.article_key, it.outlet, it.published, list(it.event.evidence), it.event.date,
                      it.event.status) for it in c.items]
    about = sorted({a for it in c.items for a in it.about})
    return MergedEvent(merged, sources, conflicts, about)


def timeline(merged: list[MergedEvent], entity: str | None = None,
             since: date | str | None = None) -> list[MergedEvent]:
    """Merged events involving ``entity`` (participant, initiator, place or ``about``),
    dated on or after ``since``, in date order (undated last)."""
    since_s = since.isoformat() if isinstance(since, date) else since
    out = [m for m in merged if entity is None or entity in m.entities]
    if since_s:
        out = [m for m in out if m.event.date and m.event.date >= since_s[:len(m.event.date)]]
    return sorted(out, key=lambda m: (m.event.date is None, m.event.date or ""))
