"""Cross-article views rebuilt from the stored analyses: entities (one row per
referent, with aliases and roles), merged events, stories. Each refresh reads what the
per-article stage stored and rewrites its view in one transaction."""
from __future__ import annotations

from collections import Counter, defaultdict

import sqlalchemy as sa

from . import Store, schema as t


def _entity_key(type_: str, name: str, entity_id: str | None) -> str:
    return entity_id or f"{type_}:{name}"


def refresh_entities(store: Store) -> int:
    q = sa.select(t.mentions.c.article_key, t.mentions.c.type, t.mentions.c.kind, t.mentions.c.text,
                  t.mentions.c.normal, t.mentions.c.entity, t.mentions.c.entity_id) \
        .where(t.mentions.c.entity.is_not(None))
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    merge = _corpus_merge([_triple(r) for r in rows])
    agg: dict[str, dict] = {}
    for r in rows:
        _, name, eid = merge.get(_triple(r), _triple(r))
        key = _entity_key(r.type, name, eid)
        e = agg.setdefault(key, {"id": key, "name": name, "type": r.type, "aliases": Counter(),
                                 "kinds": {}, "roles": Counter(), "articles": set(), "mentions": 0})
        e["aliases"][r.text] += 1
        e["kinds"][r.text] = r.kind
        if r.kind == "role":
            e["roles"][r.normal or r.text] += 1
        e["articles"].add(r.article_key)
        e["mentions"] += 1
    from .. import kb
    base = kb.load()
    out = []
    for e in agg.values():
        entry = base.get(e["id"])
        out.append({
            "id": e["id"], "name": e["name"], "type": e["type"],
            "flags": list(getattr(entry, "flags", ()) or ()),
            "wikidata": getattr(entry, "wikidata", None),
            "aliases": [{"text": a, "kind": e["kinds"][a], "count": n} for a, n in e["aliases"].most_common()],
            "roles": [{"role": r, "count": n} for r, n in e["roles"].most_common()],
            "mentions": e["mentions"], "articles": len(e["articles"]),
        })
    renamed = {(type_, name, eid): (new_name, new_id)
               for (type_, name, eid), (_, new_name, new_id) in merge.items() if (name, eid) != (new_name, new_id)}
    with store.engine.begin() as conn:
        # Mentions and quote speakers carry the corpus-wide canonical name too.
        for (type_, name, eid), (new_name, new_id) in renamed.items():
            conn.execute(t.mentions.update().where(
                t.mentions.c.type == type_, t.mentions.c.entity == name,
                sa.func.coalesce(t.mentions.c.entity_id, type_ + ":" + name) == eid)
                .values(entity=new_name, entity_id=new_id))
            conn.execute(t.quotes.update().where(t.quotes.c.speaker_id == eid)
                         .values(speaker=new_name, speaker_id=new_id))
        # Events are merged from the per-article analyses: they read this map.
        store.save_state("entity_names", {name: new_name for (_, name, _), (new_name, _) in renamed.items()
                                          if name != new_name}, conn)
        conn.execute(t.entities.delete())
        if out:
            conn.execute(t.entities.insert(), out)
    return len(out)


def _triple(r) -> tuple[str, str, str]:
    return r.type, r.entity, r.entity_id or _entity_key(r.type, r.entity, None)


def _corpus_merge(triples: list[tuple[str, str, str]]) -> dict:
    """(type, name, id) -> (type, name, id) after corpus-wide merging: a surname-only
    person joins the one full name of the corpus with that surname."""
    from ..resolve import merge_corpus
    return merge_corpus(triples)




def refresh_events(store: Store) -> int:
    """Merge the events every article reports into one event per happening."""
    from ..eventmerge import EventItem, merge
    from ..events import about
    names = store.load_state("entity_names") or {}
    items: list[EventItem] = []
    input_ids: dict[str, str] = {}
    for a, analysis in store.iter_articles(analysed=True):
        input_ids[a.key] = a.input_id
        for e in analysis.events:
            e.participants = list(dict.fromkeys(names.get(p, p) for p in e.participants))
            e.initiator = names.get(e.initiator, e.initiator)
            items.append(EventItem(a.key, a.outlet, a.published.value, e,
                                   tuple(names.get(n, n) for n in about(analysis, e))))
    merged = merge(items)
    # events rows were written per article in analysis order: the i-th row is event i.
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.events.c.id, t.events.c.article_key).order_by(t.events.c.id)).all()
    by_article: dict[str, list[int]] = defaultdict(list)
    for r in rows:
        by_article[r.article_key].append(r.id)
    row_of: dict[tuple, int] = {}
    counter: Counter = Counter()
    for it in items:
        ids = by_article.get(it.article_key, [])
        n = counter[it.article_key]
        counter[it.article_key] += 1
        if n < len(ids):
            row_of[(it.article_key, _spans(it.event.evidence))] = ids[n]
    with store.engine.begin() as conn:
        conn.execute(t.events.update().values(merged_id=None))
        conn.execute(t.event_participants.delete())
        conn.execute(t.merged_events.delete())
        for m in merged:
            e = m.event
            mid = _merged_id(m)
            conn.execute(t.merged_events.insert().values(id=mid, type=e.type, date=e.date,
                                                         data=_merged_json(m, input_ids)))
            names = list(dict.fromkeys([*e.participants, *(x for x in (e.initiator, e.place) if x), *m.about]))
            if names:
                conn.execute(t.event_participants.insert(), [{"merged_id": mid, "entity": n} for n in names])
            member_rows = [row_of[k] for s in m.sources if (k := (s.article_key, _spans(s.evidence))) in row_of]
            if member_rows:
                conn.execute(t.events.update().where(t.events.c.id.in_(member_rows)).values(merged_id=mid))
    return len(merged)


def _spans(spans) -> tuple:
    return tuple((s.start, s.stop) for s in spans)


def _merged_id(m) -> str:
    """Stable across refreshes: derived from the first source and its evidence."""
    import hashlib
    first = m.sources[0]
    raw = f"{m.event.type}|{first.article_key}|{_spans(first.evidence)}"
    return "ev-" + hashlib.sha1(raw.encode()).hexdigest()[:12]


def _merged_json(m, input_ids: dict[str, str]) -> dict:
    e = m.event
    return {"type": e.type, "date": e.date, "precision": e.precision, "place": e.place,
            "format": e.format, "status": e.status, "initiator": e.initiator,
            "participants": list(e.participants), "about": list(m.about), "conflicts": m.conflicts,
            "sources": [{"article": s.article_key, "id": input_ids.get(s.article_key), "outlet": s.outlet,
                         "published": s.published.isoformat() if s.published else None,
                         "date": s.date, "status": s.status,
                         "evidence": [{"start": x.start, "stop": x.stop} for x in s.evidence]}
                        for s in m.sources]}


def refresh_stories(store: Store) -> int:
    from .storyio import update_stories
    return update_stories(store)
