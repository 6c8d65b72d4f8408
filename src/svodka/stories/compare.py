"""Agreement and conflict across the articles of one story (pure).

Compared: the event date (each article's dates and its header date), numbers
(facts with units), participants (people) and places. Every item cites spans on
each side: ``{"article": key, "start", "stop", "text"}`` over clean text.
Each conflict names the rule that found it.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from .model import StoryDoc, header_typo, is_date_warning
from .names import display, name_key

RELATIVE_TOLERANCE = 0.02      # «2,3 тысячи» and «2300» agree; 2300 and 2500 do not
GENERIC_UNITS = frozenset({"человек", "процент", "рубль", "доллар", "евро", "раз", "год", "день",
                           "случай", "тысяча"})


def cite(doc: StoryDoc, start: int, stop: int) -> dict:
    return {"article": doc.key, "start": start, "stop": stop, "text": doc.text[start:stop]}


# -- dates ----------------------------------------------------------------------

def event_date(docs: list[StoryDoc]) -> tuple[str | None, list[dict]]:
    """The day the articles give for the event (ISO), with the spans that give it.

    The events stage's lead event dates vote first (each article once); without them,
    every day an article names votes once, ties going to the day named earliest in
    the texts. Header dates do not vote."""
    votes: Counter = Counter()
    first_at: dict[str, int] = {}
    spans: dict[str, list[dict]] = defaultdict(list)
    lead = _lead_event_dates(docs)
    for doc in docs:
        head = _header_mention(doc)
        seen = set()
        for d in doc.analysis.dates:
            if d.precision != "day" or not d.value or d is head:
                continue
            spans[d.value[:10]].append(cite(doc, d.start, d.stop))
            first_at[d.value[:10]] = min(first_at.get(d.value[:10], d.start), d.start)
            if d.value[:10] not in seen:
                seen.add(d.value[:10])
                votes[d.value[:10]] += 1
    if lead:
        value = max(lead.items(), key=lambda kv: (kv[1], votes.get(kv[0], 0), -first_at.get(kv[0], 0)))[0]
        return value, spans.get(value, [])
    if not votes:
        return None, []
    value, _ = max(votes.items(), key=lambda kv: (kv[1], -first_at[kv[0]]))
    return value, spans[value]


def _lead_event_dates(docs: list[StoryDoc]) -> Counter:
    from .features import REPORTING_EVENTS
    out: Counter = Counter()
    for doc in docs:
        for e in doc.analysis.events:
            if e.status == "happened" and e.type not in REPORTING_EVENTS:
                if e.date and e.precision in (None, "day") and len(e.date) >= 10:
                    out[e.date[:10]] += 1
                break
    return out


def _header_mention(doc: StoryDoc):
    """The date mention that is the article's own header date, if the text shows it."""
    if doc.published is None:
        return None
    iso = doc.published.date().isoformat()
    for d in doc.analysis.dates[:3]:
        if d.value and d.value[:10] == iso and d.start < 400:
            return d
    return None


def date_conflicts(docs: list[StoryDoc], event: str | None, event_spans: list[dict]) -> list[dict]:
    out = []
    if event is None:
        return out
    ev = date.fromisoformat(event)
    for doc in docs:
        if doc.published is None:
            continue
        pub = doc.published.date()
        suspect = header_typo(doc) is not None or any(is_date_warning(w) for w in doc.warnings)
        if pub == ev or not suspect:
            continue          # a later report of an earlier event, or a preview, is ordinary news
        head = _header_mention(doc)
        side = cite(doc, head.start, head.stop) if head else {"article": doc.key, "start": None,
                                                              "stop": None, "text": None}
        others = [s for s in event_spans if s["article"] != doc.key][:3] or event_spans[:1]
        out.append({
            "kind": "date", "what": "publication date vs event date",
            "rule": "header_date_doubted",
            "sides": [{**side, "value": pub.isoformat(), "role": "header date"}]
                     + [{**s, "value": event, "role": "event date"} for s in others],
        })
    return out


def date_agreement(event: str | None, spans: list[dict]) -> list[dict]:
    if event is None or len({s["article"] for s in spans}) < 2:
        return []
    return [{"kind": "date", "what": "event date", "value": event, "sides": _one_per_article(spans)}]


# -- numbers --------------------------------------------------------------------

def fact_key(f) -> str | None:
    if not f.unit:
        return None
    if f.unit in GENERIC_UNITS:
        rest = (f.subject or "").split()[1:]
        if not rest:
            return None       # «100 человек» alone: too generic to say two articles mean the same
        return f"{f.unit} {' '.join(w.lower() for w in rest)}"
    return f.unit


def fact_comparison(docs: list[StoryDoc]) -> tuple[list[dict], list[dict]]:
    by_key: dict[str, list[tuple[StoryDoc, object]]] = defaultdict(list)
    for doc in docs:
        for f in doc.analysis.facts:
            if (k := fact_key(f)) is not None:
                by_key[k].append((doc, f))
    agree, conflict = [], []
    for key, items in sorted(by_key.items()):
        if len({d.key for d, _ in items}) < 2:
            continue
        groups: list[list[tuple[StoryDoc, object]]] = []
        for d, f in items:
            for g in groups:
                v = g[0][1].value
                if abs(f.value - v) <= RELATIVE_TOLERANCE * max(abs(v), 1e-9):
                    g.append((d, f))
                    break
            else:
                groups.append([(d, f)])
        sides = lambda g: [{**cite(d, f.start, f.stop), "value": f.value, "unit": f.unit,
                            "speaker": f.speaker} for d, f in g]
        multi = [g for g in groups if len({d.key for d, _ in g}) >= 2]
        for g in multi:
            agree.append({"kind": "number", "what": key, "value": g[0][1].value,
                          "sides": _one_per_article(sides(g))})
        if len(groups) > 1:
            conflict.append({"kind": "number", "what": key, "rule": "different_values",
                             "sides": _one_per_article([s for g in groups for s in sides(g)][:6],
                                                       by_value=True)})
    return agree, conflict


# -- participants and places ----------------------------------------------------

def entity_table(docs: list[StoryDoc], types: tuple[str, ...]) -> dict[str, dict]:
    """key -> {"name", "articles": {article key: first citation}}"""
    table: dict[str, dict] = {}
    for doc in docs:
        for m in doc.analysis.mentions:
            if m.type not in types or m.kind != "name" or "outlet" in m.flags:
                continue
            row = table.setdefault(name_key(m), {"name": display(m), "names": Counter(), "articles": {}})
            row["names"][display(m)] += 1
            row["articles"].setdefault(doc.key, cite(doc, m.start, m.stop))
    for row in table.values():
        # The fullest form any article uses («Владимир Путин» over «Путин»).
        row["name"] = max(row.pop("names").items(), key=lambda kv: (len(kv[0].split()), kv[1]))[0]
    return table


def entity_comparison(docs: list[StoryDoc], types: tuple[str, ...], kind: str) -> tuple[list[dict], list[dict]]:
    table = entity_table(docs, types)
    agree, only = [], []
    if len(docs) < 2:
        return agree, only
    for key, row in sorted(table.items(), key=lambda kv: (-len(kv[1]["articles"]), kv[1]["name"])):
        sides = list(row["articles"].values())
        if len(sides) >= 2:
            agree.append({"kind": kind, "what": row["name"], "value": row["name"], "sides": sides})
        elif kind == "participant":
            only.append({"kind": kind, "what": row["name"], "rule": "only_one_names", "sides": sides})
    return agree, only


def _one_per_article(sides: list[dict], by_value: bool = False) -> list[dict]:
    seen, out = set(), []
    for s in sides:
        k = (s["article"], s.get("value")) if by_value else s["article"]
        if k not in seen:
            seen.add(k)
            out.append(s)
    return out


def compare(docs: list[StoryDoc]) -> dict:
    """{"event_date", "agreements": [...], "conflicts": [...]} for one story."""
    event, spans = event_date(docs)
    agreements = date_agreement(event, spans)
    conflicts = date_conflicts(docs, event, spans)
    fa, fc = fact_comparison(docs)
    pa, pc = entity_comparison(docs, ("PER",), "participant")
    la, _ = entity_comparison(docs, ("LOC",), "place")
    return {"event_date": event, "agreements": agreements + fa + pa + la, "conflicts": conflicts + fc + pc}
