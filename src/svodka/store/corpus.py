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
    merge = _corpus_merge({(r.type, r.entity, r.entity_id) for r in rows})
    agg: dict[str, dict] = {}
    for r in rows:
        name, eid = merge.get((r.type, r.entity, r.entity_id), (r.entity, r.entity_id))
        key = _entity_key(r.type, name, eid)
        e = agg.setdefault(key, {"id": key, "name": name, "type": r.type, "aliases": Counter(),
                                 "kinds": {}, "roles": Counter(), "articles": set(), "mentions": 0})
        e["aliases"][r.text] += 1
        e["kinds"][r.text] = r.kind
        if r.kind == "role":
            e["roles"][r.normal or r.text] += 1
        e["articles"].add(r.article_key)
        e["mentions"] += 1
    kb = _kb()
    out = []
    for e in agg.values():
        entry = kb.get(e["id"]) if kb else None
        out.append({
            "id": e["id"], "name": e["name"], "type": e["type"],
            "flags": list(getattr(entry, "flags", ()) or ()),
            "wikidata": getattr(entry, "wikidata", None),
            "aliases": [{"text": a, "kind": e["kinds"][a], "count": n} for a, n in e["aliases"].most_common()],
            "roles": [{"role": r, "count": n} for r, n in e["roles"].most_common()],
            "mentions": e["mentions"], "articles": len(e["articles"]),
        })
    with store.engine.begin() as conn:
        if merge:  # mentions carry the corpus-wide canonical name too
            for (type_, name, eid), (new_name, new_id) in merge.items():
                if (name, eid) != (new_name, new_id):
                    conn.execute(t.mentions.update().where(
                        t.mentions.c.type == type_, t.mentions.c.entity == name,
                        t.mentions.c.entity_id.is_(eid) if eid is None else t.mentions.c.entity_id == eid)
                        .values(entity=new_name, entity_id=new_id))
        conn.execute(t.entities.delete())
        if out:
            conn.execute(t.entities.insert(), out)
    return len(out)


def _corpus_merge(triples: set[tuple[str, str, str | None]]) -> dict:
    """(type, name, id) -> (name, id) after corpus-wide merging (resolve.merge_corpus)."""
    try:
        from ..resolve import merge_corpus
    except ImportError:
        return {}
    return merge_corpus(triples)


def _kb():
    try:
        from .. import kb
    except ImportError:
        return None
    base = kb.load()
    return base if hasattr(base, "get") else None


def refresh_events(store: Store) -> int:
    try:
        from ..eventmerge import merge_events
    except ImportError:
        return 0
    q = sa.select(t.events, t.articles.c.outlet, t.articles.c.published) \
        .join(t.articles, t.articles.c.key == t.events.c.article_key)
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    merged = merge_events(rows)
    with store.engine.begin() as conn:
        conn.execute(t.event_participants.delete())
        conn.execute(t.merged_events.delete())
        for m in merged:
            conn.execute(t.merged_events.insert().values(id=m["id"], type=m["type"], date=m.get("date"), data=m))
            if m.get("participants"):
                conn.execute(t.event_participants.insert(),
                             [{"merged_id": m["id"], "entity": p} for p in m["participants"]])
            conn.execute(t.events.update().where(t.events.c.id.in_(m["event_ids"])).values(merged_id=m["id"]))
    return len(merged)


def refresh_stories(store: Store) -> int:
    try:
        from .. import stories  # noqa: F401
    except ImportError:
        return 0
    from .storyio import update_stories
    return update_stories(store)
