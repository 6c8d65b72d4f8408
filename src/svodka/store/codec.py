"""Records <-> store rows. Offsets are stored as their runs (svodka.offsets)."""
from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import datetime


from ..offsets import OffsetMap
from ..records import (Analysis, Article, DateMention, Event, Fact, Frame, Mention, Published,
                       Quote, Removed, Span)


def iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat(timespec="minutes") if not value.second else value.isoformat()


def published_iso(p: Published) -> str | None:
    """ISO 8601 at the precision the source gave («2023-11-21», «2022-01-10T11:55»)."""
    if p.value is None:
        return None
    if p.precision == "day":
        return p.value.date().isoformat()
    if p.text:
        from ..meta import format_published
        return format_published(p)
    return iso(p.value)


def parse_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _offset_map(offsets) -> OffsetMap:
    return offsets if isinstance(offsets, OffsetMap) else OffsetMap.from_list(list(offsets))


def article_row(a: Article) -> dict:
    return {
        "key": a.key, "input_id": a.input_id, "location": a.location, "kind": a.kind,
        "outlet": a.outlet, "url": a.url, "title": a.title,
        "published": published_iso(a.published), "published_how": a.published.how,
        "raw": a.raw, "clean": a.clean, "offsets": _offset_map(a.offsets).to_json(),
        # field by field: dataclasses.asdict deep-copies, which costs more than the insert
        "removed": [{"start": r.start, "stop": r.stop, "rule": r.rule, "text": r.text} for r in a.removed],
        "warnings": list(a.warnings), "html": a.html,
    }


# The columns ``article_values`` fills, in its order (then ingested_at and seq).
ARTICLE_COLUMNS = ("key", "input_id", "location", "kind", "outlet", "url", "title", "published", "published_how",
                   "raw", "clean", "offsets", "removed", "warnings", "html")
JSON_COLUMNS = frozenset({"offsets", "removed", "warnings"})


def article_values(a: Article) -> tuple:
    """``article_row`` as a tuple in ``ARTICLE_COLUMNS`` order, the JSON columns encoded
    as SQLAlchemy's JSON type encodes them (``json.dumps``), for a bare DBAPI insert."""
    row = article_row(a)
    # most articles have no warnings and many no removed span: "[]" without json.dumps
    return tuple((json.dumps(row[c]) if row[c] else "[]") if c in JSON_COLUMNS else row[c]
                 for c in ARTICLE_COLUMNS)


def article_from_row(row) -> Article:
    m = row._mapping
    return Article(
        key=m["key"], input_id=m["input_id"], raw=m["raw"], clean=m["clean"],
        offsets=OffsetMap.from_json(m["offsets"]), removed=[Removed(**r) for r in m["removed"]],
        title=m["title"], outlet=m["outlet"], url=m["url"],
        published=Published(parse_iso(m["published"]), m["published_how"],
                            precision="day" if m["published"] and "T" not in m["published"] else None),
        location=m["location"] or "", kind=m["kind"] or "text", html=m["html"],
        warnings=list(m["warnings"]),
    )


def analysis_to_json(a: Analysis) -> dict:
    d = asdict(a)
    d.pop("lemmas", None)      # stored in its own column
    for m in d["mentions"]:
        m["flags"] = list(m["flags"])
    return d


def _build(cls, d: dict):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in d.items() if k in names})


def analysis_from_json(d: dict | None, lemmas: str | None = None) -> Analysis | None:
    if d is None:
        return None
    return Analysis(
        sentences=[Span(**s) for s in d.get("sentences", [])],
        mentions=[_build(Mention, {**m, "flags": tuple(m.get("flags", ()))}) for m in d.get("mentions", [])],
        dates=[_build(DateMention, x) for x in d.get("dates", [])],
        quotes=[_build(Quote, {**q, "parts": [Span(**p) for p in q.get("parts", [])]}) for q in d.get("quotes", [])],
        frames=[_build(Frame, x) for x in d.get("frames", [])],
        events=[_build(Event, {**e, "trigger": Span(**e["trigger"]),
                               "evidence": [Span(**s) for s in e.get("evidence", [])]})
                for e in d.get("events", [])],
        facts=[_build(Fact, x) for x in d.get("facts", [])],
        lemmas=lemmas or "",
        warnings=list(d.get("warnings", [])),
        timings=dict(d.get("timings", {})),
    )
