"""Read-only queries over the store, shared by the web app, the HTTP API and the CLI.

Every function takes a ``Store`` and plain filters and returns plain dicts and lists
(JSON-ready). Lists are paginated with *stable cursors*: a cursor encodes the sort key
of the last item returned (keyset pagination), so pages do not shift or repeat when
new articles arrive between two requests. A bad filter or cursor raises
``QueryError`` (the API answers 422); a missing object is ``None`` (the API answers 404).
"""
from __future__ import annotations

import base64
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import sqlalchemy as sa

from . import Store, schema as t

MAX_LIMIT = 500
SNIPPET_CHARS = 240          # a snippet is about two sentences of context around the hit
PREFIX = 3                   # letters a word form shares with its lemma, for the snippet prefilter
LIKELY_PARSE = 0.25          # query expansion follows parses at least this likely relative to the best


class QueryError(ValueError):
    """A filter or cursor that cannot be used; the message says which and why."""


# ---- cursors and filters ------------------------------------------------------------

def encode_cursor(key: list) -> str:
    raw = json.dumps(key, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, n: int) -> list | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise QueryError(f"cursor {cursor!r} is not one this server gave out") from None
    if not isinstance(key, list) or len(key) != n:
        raise QueryError(f"cursor {cursor!r} is not one this server gave out")
    return key


def check_limit(limit: int) -> int:
    if not isinstance(limit, int) or limit < 1 or limit > MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, not {limit!r}")
    return limit


def check_date(value: str | None, name: str) -> str | None:
    """An ISO date or date-time prefix ("2022", "2022-01", "2022-01-10", "2022-01-10T11:55")."""
    if value is None or value == "":
        return None
    v = str(value).strip().replace(" ", "T")
    m = re.fullmatch(r"(\d{4})(-(\d{2})(-\d{2}(T(\d{2})(:(\d{2})(:\d{2})?)?)?)?)?", v)
    if m:
        try:
            if len(v) >= 10:
                date.fromisoformat(v[:10])
            elif m.group(3) and not 1 <= int(m.group(3)) <= 12:
                raise ValueError
            if (m.group(6) and int(m.group(6)) > 23) or (m.group(8) and int(m.group(8)) > 59):
                raise ValueError
            return v
        except ValueError:
            pass
    raise QueryError(f"{name} must be an ISO date such as 2022-01-10, not {value!r}")


def _page(rows: list, limit: int, key_of) -> tuple[list, str | None]:
    """Rows fetched with limit + 1: the extra one only says whether a next page exists."""
    if len(rows) > limit:
        rows = rows[:limit]
        return rows, encode_cursor(key_of(rows[-1]))
    return rows, None


def _after_desc(cols: list, key: list):
    """Keyset condition for a descending sort on ``cols``: the row comes after ``key``."""
    cond = cols[-1] < key[-1]
    for col, val in zip(reversed(cols[:-1]), reversed(key[:-1])):
        cond = sa.or_(col < val, sa.and_(col == val, cond))
    return cond


def _after_asc(cols: list, key: list):
    cond = cols[-1] > key[-1]
    for col, val in zip(reversed(cols[:-1]), reversed(key[:-1])):
        cond = sa.or_(col > val, sa.and_(col == val, cond))
    return cond


def entity_key(type_: str | None, name: str | None, entity_id: str | None) -> str | None:
    """The id of an ``entities`` row for a mention (as ``store.corpus`` builds it)."""
    if entity_id:
        return entity_id
    return f"{type_}:{name}" if name else None


# ---- articles -----------------------------------------------------------------------

A = t.articles
_SORT_PUBLISHED = sa.func.coalesce(A.c.published, "")   # undated sort last in a newest-first list


def _article_brief(row) -> dict:
    m = row._mapping
    return {"key": m["key"], "id": m["input_id"], "title": m["title"], "outlet": m["outlet"],
            "url": m["url"], "published": m["published"]}


def articles(store: Store, outlet: str | None = None, since: str | None = None, until: str | None = None,
             entity: str | None = None, cursor: str | None = None, limit: int = 50) -> tuple[list[dict], str | None]:
    """Articles newest first (undated last), filtered by outlet, date range and entity."""
    limit = check_limit(limit)
    since, until = check_date(since, "since"), check_date(until, "until")
    key = decode_cursor(cursor, 2)
    q = sa.select(A.c.key, A.c.input_id, A.c.title, A.c.outlet, A.c.url, A.c.published, A.c.seq,
                  A.c.analysis.is_not(None).label("analysed"))
    if outlet:
        q = q.where(A.c.outlet == outlet)
    if since:
        q = q.where(A.c.published >= since)
    if until:
        q = q.where(sa.func.substr(A.c.published, 1, len(until)) <= until)
    if entity:
        q = q.where(A.c.key.in_(_entity_articles(store, entity)))
    # Two passes instead of one ORDER BY over coalesce(published, ''): the dated articles
    # in the order of the published index, then the undated ones by seq. The expression
    # would sort the whole table on every page.
    rows: list = []
    with store.engine.connect() as conn:
        if key is None or key[0]:
            dated = q.where(A.c.published.is_not(None))
            if key:
                dated = dated.where(_after_desc([A.c.published, A.c.seq], key))
            rows = conn.execute(dated.order_by(A.c.published.desc(), A.c.seq.desc()).limit(limit + 1)).all()
        if len(rows) <= limit and not since and not until:
            undated = q.where(A.c.published.is_(None))
            if key and not key[0]:
                undated = undated.where(A.c.seq < key[1])
            rows += conn.execute(undated.order_by(A.c.seq.desc()).limit(limit + 1 - len(rows))).all()
    rows, nxt = _page(rows, limit, lambda r: [r.published or "", r.seq])
    return [{**_article_brief(r), "analysed": bool(r.analysed)} for r in rows], nxt


def _find_article_row(conn, ref: str, cols):
    for cond in (A.c.key == ref, A.c.input_id == ref):
        row = conn.execute(sa.select(*cols).where(cond).order_by(A.c.seq).limit(1)).first()
        if row:
            return row
    if len(ref) >= 4 and re.fullmatch(r"[0-9a-f]+", ref):
        rows = conn.execute(sa.select(*cols).where(A.c.key.like(ref + "%")).limit(2)).all()
        if len(rows) == 1:
            return rows[0]
    return None


def article_key(store: Store, ref: str) -> str | None:
    with store.engine.connect() as conn:
        row = _find_article_row(conn, ref, [A.c.key])
    return row.key if row else None


def article(store: Store, ref: str) -> dict | None:
    """One article by key, input id or unique key prefix: clean text, annotations over it
    (half-open offsets into ``text``), the pieces cleaning removed, its stories."""
    cols = [A.c.key, A.c.input_id, A.c.title, A.c.outlet, A.c.url, A.c.published, A.c.published_how,
            A.c.raw, A.c.clean, A.c.removed, A.c.warnings, A.c.analysis, A.c.kind, A.c.location]
    with store.engine.connect() as conn:
        row = _find_article_row(conn, ref, cols)
        if row is None:
            return None
        mention_rows = conn.execute(
            sa.select(t.mentions).where(t.mentions.c.article_key == row.key).order_by(t.mentions.c.start)).all()
        story_rows = conn.execute(
            sa.select(t.stories.c.id, t.stories.c.title, t.story_articles.c.role, t.story_articles.c.source_key)
            .join(t.story_articles, t.story_articles.c.story_id == t.stories.c.id)
            .where(t.story_articles.c.article_key == row.key)).all()
        analysis = row.analysis or {}
        speaker_ids = {q.get("speaker_id") for q in analysis.get("quotes", []) if q.get("speaker_id")}
        known = set(conn.scalars(sa.select(t.entities.c.id).where(t.entities.c.id.in_(speaker_ids)))) \
            if speaker_ids else set()
    quotes_ = [{**q, "speaker_entity": q.get("speaker_id") if q.get("speaker_id") in known else None}
               for q in analysis.get("quotes", [])]
    removed = [{"start": r["start"], "stop": r["stop"], "rule": r["rule"],
                "text": r.get("text") or row.raw[r["start"]:r["stop"]]} for r in row.removed or []]
    if mention_rows:
        mentions = [{"start": m.start, "stop": m.stop, "type": m.type, "kind": m.kind, "text": m.text,
                     "normal": m.normal, "entity": m.entity,
                     "entity_key": entity_key(m.type, m.entity, m.entity_id), "rule": m.rule}
                    for m in mention_rows]
    else:  # analysed before the mentions rows existed, or the rows were not written
        mentions = [{**{k: m.get(k) for k in ("start", "stop", "type", "kind", "text", "normal", "entity", "rule")},
                     "entity_key": entity_key(m.get("type"), m.get("entity"), m.get("entity_id"))}
                    for m in analysis.get("mentions", [])]
    return {
        "key": row.key, "id": row.input_id, "title": row.title, "outlet": row.outlet, "url": row.url,
        "published": row.published, "published_how": row.published_how, "kind": row.kind,
        "location": row.location, "text": row.clean, "warnings": list(row.warnings or []),
        "analysed": row.analysis is not None,
        "removed": removed,
        "raw_chars": len(row.raw),
        "annotations": {
            "sentences": analysis.get("sentences", []),
            "mentions": mentions,
            "quotes": quotes_,
            "dates": analysis.get("dates", []),
            "events": analysis.get("events", []),
            "frames": analysis.get("frames", []),
            "facts": analysis.get("facts", []),
        },
        "stories": [{"id": s.id, "title": s.title, "role": s.role, "source_key": s.source_key}
                    for s in story_rows],
    }


# ---- entities -----------------------------------------------------------------------

E = t.entities
M = t.mentions


@dataclass(slots=True)
class _MentionedOnly:
    """An entity that mentions name but the entities view does not list (yet: the view is
    rebuilt after each analysis batch, or the entity came from an event participant)."""
    id: str
    name: str
    type: str
    mentions: int
    articles: int
    wikidata: str | None = None
    flags: tuple = ()
    aliases: list = field(default_factory=list)
    roles: list = field(default_factory=list)


def _entity_row(conn, ref: str):
    row = conn.execute(sa.select(E).where(E.c.id == ref)).first()
    if row is None:
        rows = conn.execute(sa.select(E).where(E.c.name == ref).order_by(E.c.mentions.desc()).limit(1)).all()
        row = rows[0] if rows else None
    if row is None:
        type_, _, name = ref.partition(":")
        cond = sa.or_(M.c.entity_id == ref, M.c.entity == ref,
                      sa.and_(M.c.type == type_, M.c.entity == name, M.c.entity_id.is_(None)))
        found = conn.execute(sa.select(M.c.entity, M.c.entity_id, M.c.type, sa.func.count().label("n"),
                                       sa.func.count(sa.distinct(M.c.article_key)).label("arts"))
                             .where(cond).group_by(M.c.entity, M.c.entity_id, M.c.type)
                             .order_by(sa.desc("n")).limit(1)).first()
        if found is None:
            return None
        aliases = conn.execute(sa.select(M.c.text, M.c.kind, sa.func.count().label("n")).where(cond)
                               .group_by(M.c.text, M.c.kind).order_by(sa.desc("n"))).all()
        row = _MentionedOnly(entity_key(found.type, found.entity, found.entity_id), found.entity, found.type,
                             found.n, found.arts,
                             aliases=[{"text": a.text, "kind": a.kind, "count": a.n} for a in aliases])
    return row


def _mention_cond(row):
    """Mentions that belong to the entities row: by KB id, or by type and canonical name
    for entities not in the KB (their id is ``TYPE:name``)."""
    by_name = sa.and_(M.c.entity_id.is_(None), M.c.type == row.type, M.c.entity == row.name)
    return sa.or_(M.c.entity_id == row.id, by_name)


def _entity_articles(store: Store, ref: str):
    """A subquery of the article keys mentioning the entity ``ref`` (id or name)."""
    with store.engine.connect() as conn:
        row = _entity_row(conn, ref)
    if row is None:
        return sa.select(M.c.article_key).where(sa.or_(M.c.entity_id == ref, M.c.entity == ref))
    return sa.select(M.c.article_key).where(_mention_cond(row))


def _entity_brief(row) -> dict:
    return {"id": row.id, "name": row.name, "type": row.type, "mentions": row.mentions,
            "articles": row.articles, "wikidata": row.wikidata}


def entities(store: Store, type: str | None = None, q: str | None = None, cursor: str | None = None,
             limit: int = 50) -> tuple[list[dict], str | None]:
    """Entities, most mentioned first; ``q`` matches the name (case-insensitive substring)."""
    limit = check_limit(limit)
    key = decode_cursor(cursor, 2)
    s = sa.select(E)
    if type:
        s = s.where(E.c.type == type.upper())
    if q:
        # SQLite's lower() folds ASCII only: also match the query as typed and capitalised.
        forms = {q, q.lower(), q[:1].upper() + q[1:].lower()}
        s = s.where(sa.or_(*[E.c.name.contains(f, autoescape=True) for f in forms]))
    if key:
        s = s.where(sa.or_(E.c.mentions < key[0], sa.and_(E.c.mentions == key[0], E.c.id > key[1])))
    s = s.order_by(E.c.mentions.desc(), E.c.id).limit(limit + 1)
    with store.engine.connect() as conn:
        rows = conn.execute(s).all()
    rows, nxt = _page(rows, limit, lambda r: [r.mentions, r.id])
    return [_entity_brief(r) for r in rows], nxt


def entity(store: Store, ref: str, *, co_limit: int = 30, limit: int = 200) -> dict | None:
    """One entity by id or name: aliases, roles, mentions grouped by article, co-mentioned
    entities (by shared articles), quotes by it, merged events with it (chronological,
    undated last). Each list holds at most ``limit`` items (newest articles and quotes
    first); ``more`` says which lists were cut (page through /api/articles?entity=,
    /api/quotes?speaker=, /api/events?entity= for the rest)."""
    with store.engine.connect() as conn:
        row = _entity_row(conn, ref)
        if row is None:
            return None
        cond = _mention_cond(row)
        mrows = conn.execute(
            sa.select(M.c.article_key, M.c.start, M.c.stop, M.c.text, M.c.kind,
                      A.c.input_id, A.c.title, A.c.outlet, A.c.published)
            .join(A, A.c.key == M.c.article_key).where(cond)
            .order_by(_SORT_PUBLISHED.desc(), A.c.seq.desc(), M.c.start)).all()
        keys = sa.select(M.c.article_key).where(cond).distinct()
        co_key = sa.func.coalesce(M.c.entity_id, M.c.type + ":" + M.c.entity)
        shared = sa.func.count(sa.distinct(M.c.article_key))
        co_rows = conn.execute(
            sa.select(co_key.label("key"), sa.func.max(M.c.entity).label("name"),
                      sa.func.max(M.c.type).label("type"), shared.label("shared"))
            .where(M.c.article_key.in_(keys), M.c.entity.is_not(None), sa.not_(cond))
            .group_by(co_key).order_by(shared.desc(), co_key).limit(co_limit)).all()
        qrows = conn.execute(_quote_select().where(
            sa.or_(t.quotes.c.speaker_id == row.id,
                   sa.and_(t.quotes.c.speaker_id.is_(None), t.quotes.c.speaker == row.name)))
            .order_by(_SORT_PUBLISHED.desc(), t.quotes.c.id).limit(limit + 1)).all()
        erows = conn.execute(sa.select(t.merged_events).where(t.merged_events.c.id.in_(
            sa.select(t.event_participants.c.merged_id)
            .where(t.event_participants.c.entity.in_([row.id, row.name]))))
            .order_by(t.merged_events.c.date.is_(None), t.merged_events.c.date, t.merged_events.c.id)
            .limit(limit + 1)).all()
    groups: dict[str, dict] = {}
    for m in mrows:
        g = groups.setdefault(m.article_key, {"key": m.article_key, "id": m.input_id, "title": m.title,
                                              "outlet": m.outlet, "published": m.published, "mentions": []})
        g["mentions"].append({"start": m.start, "stop": m.stop, "text": m.text, "kind": m.kind})
    more = [name for name, n in (("mentions_by_article", len(groups)), ("quotes", len(qrows)),
                                 ("events", len(erows))) if n > limit]
    return {
        **_entity_brief(row),
        "flags": list(row.flags or []),
        "aliases": list(row.aliases or []),
        "roles": list(row.roles or []),
        "mentions_by_article": list(groups.values())[:limit],
        "co_mentioned": [{"id": c.key, "name": c.name, "type": c.type, "shared_articles": c.shared}
                         for c in co_rows],
        "quotes": [_quote_dict(q) for q in qrows[:limit]],
        "events": [_event_dict(e) for e in erows[:limit]],
        "more": more,
    }


# ---- quotes -------------------------------------------------------------------------

Q = t.quotes


def _quote_select():
    # speaker_entity: the speaker's entities row when there is one (a per-article speaker
    # id may have been merged into another entity by the corpus view since).
    return sa.select(Q, A.c.input_id, A.c.title, A.c.outlet, A.c.published, A.c.seq,
                     E.c.id.label("speaker_entity")) \
        .join(A, A.c.key == Q.c.article_key).outerjoin(E, E.c.id == Q.c.speaker_id)


def _quote_dict(r) -> dict:
    return {"id": r.id, "text": r.text, "kind": r.kind, "start": r.start, "stop": r.stop,
            "speaker": r.speaker, "speaker_id": r.speaker_id, "speaker_text": r.speaker_text,
            "cue": r.cue, "channel": r.channel, "speaker_entity": r.speaker_entity,
            "article": {"key": r.article_key, "id": r.input_id, "title": r.title, "outlet": r.outlet,
                        "published": r.published}}


def quotes(store: Store, speaker: str | None = None, story: str | None = None, cursor: str | None = None,
           limit: int = 50) -> tuple[list[dict], str | None]:
    """Quotes in store order, each with its article's id, outlet and title. ``speaker`` is
    an entity id or canonical name; ``story`` a story id."""
    limit = check_limit(limit)
    key = decode_cursor(cursor, 1)
    s = _quote_select()
    if speaker:
        s = s.where(sa.or_(Q.c.speaker_id == speaker, Q.c.speaker == speaker))
    if story:
        s = s.where(Q.c.article_key.in_(
            sa.select(t.story_articles.c.article_key).where(t.story_articles.c.story_id == story)))
    if key:
        s = s.where(Q.c.id > key[0])
    s = s.order_by(Q.c.id).limit(limit + 1)
    with store.engine.connect() as conn:
        rows = conn.execute(s).all()
    rows, nxt = _page(rows, limit, lambda r: [r.id])
    return [_quote_dict(r) for r in rows], nxt


# ---- events and timelines -------------------------------------------------------------

ME = t.merged_events
_SORT_DATE = sa.func.coalesce(ME.c.date, "")


def _event_dict(r) -> dict:
    data = dict(r.data or {})
    data.pop("event_ids", None)
    return {**data, "id": r.id, "type": r.type, "date": r.date,
            "participants": list(data.get("participants") or []),
            "sources": list(data.get("sources") or [])}


def events(store: Store, entity: str | None = None, since: str | None = None, type: str | None = None,
           until: str | None = None, cursor: str | None = None,
           limit: int = 50) -> tuple[list[dict], str | None]:
    """Merged events (one per real-world event, with the articles reporting it as
    ``sources``), newest first, undated last."""
    limit = check_limit(limit)
    since, until = check_date(since, "since"), check_date(until, "until")
    key = decode_cursor(cursor, 2)
    s = sa.select(ME)
    if entity:
        names = _entity_names(store, entity)
        s = s.where(ME.c.id.in_(sa.select(t.event_participants.c.merged_id)
                                .where(t.event_participants.c.entity.in_(names))))
    if since:
        s = s.where(ME.c.date >= since)
    if until:
        s = s.where(sa.func.substr(ME.c.date, 1, len(until)) <= until)
    if type:
        s = s.where(ME.c.type == type)
    if key:
        s = s.where(_after_desc([_SORT_DATE, ME.c.id], key))
    s = s.order_by(_SORT_DATE.desc(), ME.c.id.desc()).limit(limit + 1)
    with store.engine.connect() as conn:
        rows = conn.execute(s).all()
    rows, nxt = _page(rows, limit, lambda r: [r.date or "", r.id])
    return [_event_dict(r) for r in rows], nxt


def _entity_names(store: Store, ref: str) -> list[str]:
    """Event participants are stored by canonical name (or id): match both."""
    with store.engine.connect() as conn:
        row = _entity_row(conn, ref)
    return [ref] if row is None else sorted({ref, row.id, row.name})


def timeline(store: Store, entity: str | None = None, limit: int = 500) -> list[dict]:
    """Dated points in order: merged events (with ``entity`` if given) and, for an entity,
    the articles that mention it, by publication time."""
    s = sa.select(ME).where(ME.c.date.is_not(None))
    if entity:
        s = s.where(ME.c.id.in_(sa.select(t.event_participants.c.merged_id)
                                .where(t.event_participants.c.entity.in_(_entity_names(store, entity)))))
    points = []
    with store.engine.connect() as conn:
        for r in conn.execute(s.order_by(ME.c.date, ME.c.id).limit(limit)):
            points.append({"date": r.date, "kind": "event", "event": _event_dict(r)})
        if entity:
            arts = conn.execute(sa.select(A.c.key, A.c.input_id, A.c.title, A.c.outlet, A.c.url, A.c.published)
                                .where(A.c.key.in_(_entity_articles(store, entity)), A.c.published.is_not(None))
                                .order_by(A.c.published).limit(limit)).all()
            points += [{"date": a.published, "kind": "article", "article": _article_brief(a)} for a in arts]
    points.sort(key=lambda p: p["date"])
    return points


# ---- stories --------------------------------------------------------------------------

S = t.stories
SA_ = t.story_articles
_SORT_STORY = sa.func.coalesce(S.c.last_published, S.c.first_published, "")


def _story_brief(r) -> dict:
    return {"id": r.id, "title": r.title, "thread": r.thread_id, "first_published": r.first_published,
            "last_published": r.last_published, "outlets": list(r.outlets or []), "size": r.size}


def stories(store: Store, cursor: str | None = None, limit: int = 50, *,
            min_size: int = 1) -> tuple[list[dict], str | None]:
    """Stories, latest first, each with its outlets and article counts by role."""
    limit = check_limit(limit)
    key = decode_cursor(cursor, 2)
    s = sa.select(S.c.id, S.c.title, S.c.thread_id, S.c.first_published, S.c.last_published, S.c.outlets,
                  S.c.size)
    if min_size > 1:
        s = s.where(S.c.size >= min_size)
    if key:
        s = s.where(_after_desc([_SORT_STORY, S.c.id], key))
    s = s.order_by(_SORT_STORY.desc(), S.c.id.desc()).limit(limit + 1)
    with store.engine.connect() as conn:
        rows = conn.execute(s).all()
        rows, nxt = _page(rows, limit, lambda r: [r.last_published or r.first_published or "", r.id])
        roles: dict[str, dict[str, int]] = defaultdict(dict)
        if rows:
            for sid, role, n in conn.execute(
                    sa.select(SA_.c.story_id, SA_.c.role, sa.func.count())
                    .where(SA_.c.story_id.in_([r.id for r in rows])).group_by(SA_.c.story_id, SA_.c.role)):
                roles[sid][role] = n
    return [{**_story_brief(r), "roles": roles.get(r.id, {})} for r in rows], nxt


def story(store: Store, id: str) -> dict | None:
    """A story: its articles with roles (publication order), the merged events its
    articles report, a timeline, and the comparison view (facts, conflicts, framing,
    briefing, ...) exactly as the stories stage stored it."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(S).where(S.c.id == id)).first()
        if row is None:
            return None
        arts = conn.execute(
            sa.select(A.c.key, A.c.input_id, A.c.title, A.c.outlet, A.c.url, A.c.published, A.c.published_how,
                      A.c.warnings, SA_.c.role, SA_.c.source_key)
            .join(SA_, SA_.c.article_key == A.c.key).where(SA_.c.story_id == id)
            .order_by(A.c.published.is_(None), A.c.published, A.c.seq)).all()
        keys = [a.key for a in arts]
        ev = conn.execute(sa.select(ME).where(ME.c.id.in_(
            sa.select(t.events.c.merged_id).where(t.events.c.article_key.in_(keys),
                                                  t.events.c.merged_id.is_not(None))))
            .order_by(_SORT_DATE, ME.c.id)).all() if keys else []
    items = [{**_article_brief(a), "published_how": a.published_how, "warnings": list(a.warnings or []),
              "role": a.role, "source_key": a.source_key} for a in arts]
    events_ = [_event_dict(e) for e in ev]
    points = [{"date": a["published"], "kind": "article", "article": a} for a in items if a["published"]]
    points += [{"date": e["date"], "kind": "event", "event": e} for e in events_ if e["date"]]
    points.sort(key=lambda p: p["date"])
    view = row.view if isinstance(row.view, dict) else ({"view": row.view} if row.view else {})
    return {**_story_brief(row), "articles": items, "events": events_, "timeline": points, "view": view}


# ---- search -----------------------------------------------------------------------------

_QWORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def query_lemmas(q: str) -> list[str]:
    """The query's words as lemmas (the FTS index holds lemmas): «Пашиняном» -> «пашинян»."""
    return [terms[0] for terms in query_terms(q)]


def query_terms(q: str) -> list[tuple[str, ...]]:
    """For each word of the query, the index terms any form of it can have."""
    out: list[tuple[str, ...]] = []
    for w in _QWORD.findall(q or ""):
        terms = word_terms(w)
        if terms and terms not in out:
            out.append(terms)
    return out


@lru_cache(maxsize=8192)
def word_terms(word: str) -> tuple[str, ...]:
    """Every lemma the indexer may have written for some form of ``word``, its own first.

    The index holds one lemma per word, the most likely parse of *that* form, and for
    unknown surnames the guess differs between forms: «Пашиняном» -> «пашинян» but
    «Пашинян» -> «пашинянин». So the query word is expanded to its lexemes (of its
    likely parses) and each form is lemmatised as the indexer would."""
    from ..nlp import lemma, parses
    first = lemma(word)
    if not word[:1].isalpha():
        return (first,)
    found = {first}
    ps = parses(word)
    top = ps[0].score if ps else 0.0
    for p in ps[:4]:
        if p.score < top * LIKELY_PARSE:
            continue
        for form in p.lexeme:
            found.add(lemma(form.word))
    return (first, *sorted(found - {first}))


def _fts_match(groups: list[tuple[str, ...]]) -> str:
    # Each term a quoted FTS5 string (quotes inside doubled; a hyphenated lemma becomes a
    # phrase of its parts, as unicode61 tokenised the index); any term of a word, every word.
    def one(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'
    return " AND ".join("(" + " OR ".join(one(t) for t in g) + ")" for g in groups)


@dataclass(slots=True)
class _Hit:
    key: str
    score: float
    article: object


def search(store: Store, q: str, cursor: str | None = None, limit: int = 20) -> tuple[list[dict], str | None]:
    """Articles matching every word of ``q`` (over lemmas of title and text), best first,
    each with a snippet of the clean text whose matching words are marked."""
    limit = check_limit(limit)
    groups = query_terms(q)
    if not groups:
        raise QueryError("q must contain at least one word")
    key = decode_cursor(cursor, 2)
    if store.dialect == "sqlite":
        ranked = sa.text(
            "SELECT key, bm25(articles_fts, 0.0, 5.0, 1.0) AS score FROM articles_fts "
            "WHERE articles_fts MATCH :m").columns(sa.column("key"), sa.column("score")).subquery("r")
        params = {"m": _fts_match(groups)}
        score = ranked.c.score                    # bm25: lower is better
    else:
        tsq = None
        for g in groups:
            alt = None
            for term in g:
                one = sa.func.plainto_tsquery("simple", term)
                alt = one if alt is None else alt.op("||")(one)
            tsq = alt if tsq is None else tsq.op("&&")(alt)
        ranked = sa.select(A.c.key, (-sa.func.ts_rank(sa.column("tsv"), tsq)).label("score")) \
            .select_from(A).where(sa.column("tsv").op("@@")(tsq)).subquery("r")
        params = {}
        score = ranked.c.score
    # Rank first (keys and scores only), then read the page's articles: joining the
    # articles table before the LIMIT would read every match's text.
    s = sa.select(ranked.c.key, score.label("score"))
    if key:
        s = s.where(_after_asc([score, ranked.c.key], key))
    s = s.order_by(score, ranked.c.key).limit(limit + 1)
    with store.engine.connect() as conn:
        try:
            top = conn.execute(s, params).all()
        except sa.exc.OperationalError as exc:   # an FTS5 syntax the quoting did not foresee
            raise QueryError(f"cannot search for {q!r}: {exc.orig}") from None
        found = {r.key: r for r in conn.execute(
            sa.select(A.c.key, A.c.input_id, A.c.title, A.c.outlet, A.c.url, A.c.published, A.c.clean)
            .where(A.c.key.in_([r.key for r in top])))}
    rows = [_Hit(r.key, r.score, found[r.key]) for r in top if r.key in found]
    rows, nxt = _page(rows, limit, lambda r: [r.score, r.key])
    wanted = {part for g in groups for term in g for part in term.split("-")}
    hits = []
    for r in rows:
        snippet = make_snippet(r.article.clean, wanted)
        a = r.article
        hits.append({"key": r.key, "id": a.input_id, "title": a.title, "outlet": a.outlet, "url": a.url,
                     "published": a.published, "score": round(-r.score, 4),
                     "title_marks": marks(a.title or "", wanted), **snippet})
    return hits, nxt


def marks(text: str, wanted: set[str]) -> list[list[int]]:
    """Half-open spans of the words of ``text`` whose lemma (or a hyphen part of it) is wanted.

    Only words that begin like some wanted lemma are lemmatised (one C-speed regex finds
    them): Russian inflects at the end of a word, so a form shares its first letters with
    its lemma (suppletive pairs such as «люди»/«человек» are the exception, and are only
    left unmarked, not unfound)."""
    return list(iter_marks(text, wanted))


def iter_marks(text: str, wanted: set[str]):
    from ..nlp import lemma
    for m in _candidates(frozenset(wanted)).finditer(text):
        w = m.group()
        lm = lemma(w)
        if lm in wanted or w.lower().replace("ё", "е") in wanted or any(p in wanted for p in lm.split("-")):
            yield [m.start(), m.end()]


@lru_cache(maxsize=1024)
def _candidates(wanted: frozenset[str]) -> re.Pattern:
    stems = sorted({w[:PREFIX] for w in wanted if w}, key=len, reverse=True)
    alts = "|".join(re.escape(st).replace("е", "[её]") for st in stems) or "(?!)"
    return re.compile(rf"(?<![^\W_])(?:{alts})[^\W_]*(?:-[^\W_]+)*", re.IGNORECASE)


def make_snippet(text: str, wanted: set[str], width: int = SNIPPET_CHARS) -> dict:
    """The window of ``text`` around the first match (widened to word boundaries), with the
    matches inside it as offsets relative to the snippet."""
    first_mark = next(iter_marks(text, wanted), None)
    if first_mark is None:
        cut = text[:width]
        return {"snippet": cut + ("…" if len(text) > width else ""), "snippet_start": 0, "snippet_prefix": 0,
                "marks": []}
    first = first_mark[0]
    start = max(0, first - width // 3)
    if start:
        sp = text.rfind(" ", 0, start)
        start = sp + 1 if sp >= 0 and start - sp < 30 else 0 if sp < 0 and start < 30 else start
    stop = min(len(text), start + width)
    if stop < len(text):
        sp = text.find(" ", stop)
        stop = sp if 0 <= sp - stop < 30 else stop
    # Marks inside the window only: the window's edges fall on spaces (or the text's
    # ends), so no word is cut and the lemmas are those of whole words.
    inside = list(iter_marks(text[start:stop], wanted))
    return {"snippet": ("…" if start else "") + text[start:stop] + ("…" if stop < len(text) else ""),
            "snippet_start": start, "snippet_prefix": 1 if start else 0, "marks": inside}


# ---- coverage -----------------------------------------------------------------------------

def coverage(store: Store, bucket: str | None = None, top: int | None = None) -> dict:
    """Articles per outlet per day (or per hour: ``bucket="hour"``; by default hours when
    the whole store spans three days or less). Outlets by total, largest first."""
    if bucket not in (None, "day", "hour"):
        raise QueryError(f"bucket must be day or hour, not {bucket!r}")
    with store.engine.connect() as conn:
        lo, hi = conn.execute(sa.select(sa.func.min(A.c.published), sa.func.max(A.c.published))).one()
        if bucket is None:
            bucket = "day"
            if lo and hi and len(lo) >= 13 and len(hi) >= 13:
                span = datetime.fromisoformat(hi[:10]) - datetime.fromisoformat(lo[:10])
                bucket = "hour" if span.days <= 3 else "day"
        n = 13 if bucket == "hour" else 10
        b = sa.func.substr(A.c.published, 1, n)
        rows = conn.execute(sa.select(sa.func.coalesce(A.c.outlet, "").label("outlet"), b.label("b"),
                                      sa.func.count().label("n"))
                            .where(A.c.published.is_not(None)).group_by("outlet", "b")).all()
        undated = conn.scalar(sa.select(sa.func.count()).select_from(A).where(A.c.published.is_(None)))
    per: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        per[r.outlet or "?"][r.b] = r.n
    buckets = sorted({r.b for r in rows})
    outlets = sorted(({"outlet": o, "total": sum(c.values()), "counts": c} for o, c in per.items()),
                     key=lambda x: (-x["total"], x["outlet"]))
    if top:
        outlets = outlets[:top]
    return {"bucket": bucket, "buckets": buckets, "outlets": outlets, "undated": undated,
            "total": sum(r.n for r in rows) + (undated or 0)}


# ---- counts for the home page -----------------------------------------------------------

def counts(store: Store) -> dict:
    with store.engine.connect() as conn:
        def n(table):
            return conn.scalar(sa.select(sa.func.count()).select_from(table))
        if store.dialect == "sqlite":
            # One FTS row per analysed article: counting them avoids reading every
            # article row (their analysis column) to test it for NULL.
            analysed = conn.scalar(sa.text("SELECT count(*) FROM articles_fts"))
        else:
            analysed = conn.scalar(sa.select(sa.func.count()).select_from(A).where(A.c.analysis.is_not(None)))
        return {"articles": n(A), "analysed": analysed,
                "entities": n(E), "quotes": n(Q), "events": n(ME), "stories": n(S),
                "outlets": conn.scalar(sa.select(sa.func.count(sa.distinct(A.c.outlet))))}


def outlets(store: Store) -> list[dict]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(A.c.outlet, sa.func.count().label("n")).where(A.c.outlet.is_not(None))
                            .group_by(A.c.outlet).order_by(sa.desc("n"), A.c.outlet)).all()
    return [{"outlet": r.outlet, "articles": r.n} for r in rows]
