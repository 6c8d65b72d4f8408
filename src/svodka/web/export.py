"""Exports for other tools, shared by `svodka export` and /api/export.

- ``jsonl``: one article a line, with its clean text, annotations (half-open offsets
  into ``text``), removed pieces and stories (the shape of /api/articles/{id});
- ``csv``: one annotation a row (mention, quote, date, event, frame) with its article;
- ``gexf``: the entity co-mention graph for Gephi: entities are nodes, an edge joins
  two entities named in the same article, weighted by how many articles do.

Each is a generator of text chunks, so a large store streams instead of piling up.
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from itertools import combinations
from xml.sax.saxutils import quoteattr

import sqlalchemy as sa

from ..store import Store, queries, schema as t

FORMATS = ("jsonl", "csv", "gexf")
MEDIA_TYPES = {"jsonl": "application/x-ndjson; charset=utf-8", "csv": "text/csv; charset=utf-8",
               "gexf": "application/gexf+xml; charset=utf-8"}
CSV_FIELDS = ["article_key", "article_id", "outlet", "published", "title", "layer", "start", "stop", "text",
              "type", "kind", "entity", "entity_key", "value", "speaker", "cue"]


class ExportError(ValueError):
    pass


def article_keys(store: Store, story: str | None = None) -> list[str]:
    A = t.articles
    q = sa.select(A.c.key).order_by(A.c.published.is_(None), A.c.published, A.c.seq)
    if story is not None:
        with store.engine.connect() as conn:
            if conn.scalar(sa.select(t.stories.c.id).where(t.stories.c.id == story)) is None:
                raise ExportError(f"no story {story!r} in the store")
        q = q.where(A.c.key.in_(sa.select(t.story_articles.c.article_key)
                                .where(t.story_articles.c.story_id == story)))
    with store.engine.connect() as conn:
        return list(conn.scalars(q))


def export(store: Store, fmt: str, story: str | None = None) -> Iterator[str]:
    if fmt not in FORMATS:
        raise ExportError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    keys = article_keys(store, story)        # raises before the first chunk is sent
    return {"jsonl": export_jsonl, "csv": export_csv, "gexf": export_gexf}[fmt](store, keys)


def export_jsonl(store: Store, keys: list[str]) -> Iterator[str]:
    for key in keys:
        a = queries.article(store, key)
        if a is not None:
            yield json.dumps(a, ensure_ascii=False) + "\n"


def csv_rows(a: dict) -> Iterator[dict]:
    base = {"article_key": a["key"], "article_id": a["id"], "outlet": a["outlet"], "published": a["published"],
            "title": a["title"]}
    ann, text = a["annotations"], a["text"]
    for m in ann["mentions"]:
        yield {**base, "layer": "mention", "start": m["start"], "stop": m["stop"], "text": m["text"],
               "type": m["type"], "kind": m["kind"], "entity": m["entity"], "entity_key": m["entity_key"]}
    for q in ann["quotes"]:
        yield {**base, "layer": "quote", "start": q["start"], "stop": q["stop"], "text": q.get("text"),
               "kind": q.get("kind"), "speaker": q.get("speaker") or q.get("speaker_text"), "cue": q.get("cue")}
    for d in ann["dates"]:
        yield {**base, "layer": "date", "start": d["start"], "stop": d["stop"], "text": text[d["start"]:d["stop"]],
               "value": d.get("value"), "kind": d.get("precision")}
    for e in ann["events"]:
        trig = e.get("trigger") or {}
        yield {**base, "layer": "event", "start": trig.get("start"), "stop": trig.get("stop"),
               "text": text[trig["start"]:trig["stop"]] if trig else "", "type": e.get("type"),
               "kind": e.get("status"), "value": e.get("date"),
               "entity": "; ".join(map(str, e.get("participants") or []))}
    for f in ann["frames"]:
        yield {**base, "layer": "frame", "start": f["start"], "stop": f["stop"], "text": f.get("text"),
               "kind": f.get("kind"), "value": f.get("note")}


def export_csv(store: Store, keys: list[str]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for key in keys:
        a = queries.article(store, key)
        if a is None:
            continue
        for row in csv_rows(a):
            writer.writerow(row)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    if buf.getvalue():
        yield buf.getvalue()


def comention_graph(store: Store, keys: list[str]) -> tuple[dict, Counter]:
    """Nodes {entity key: {label, type, mentions, articles}} and edge weights
    {(a, b): shared articles} with a < b."""
    M = t.mentions
    ek = sa.func.coalesce(M.c.entity_id, M.c.type + ":" + M.c.entity)
    nodes: dict[str, dict] = {}
    per_article: dict[str, set[str]] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            for r in conn.execute(sa.select(M.c.article_key, ek.label("ek"), M.c.entity, M.c.type)
                                  .where(M.c.article_key.in_(chunk), M.c.entity.is_not(None))):
                n = nodes.setdefault(r.ek, {"label": r.entity, "type": r.type, "mentions": 0, "articles": 0})
                n["mentions"] += 1
                per_article.setdefault(r.article_key, set()).add(r.ek)
    edges: Counter = Counter()
    for ents in per_article.values():
        for e in ents:
            nodes[e]["articles"] += 1
        for a, b in combinations(sorted(ents), 2):
            edges[(a, b)] += 1
    return nodes, edges


def export_gexf(store: Store, keys: list[str]) -> Iterator[str]:
    nodes, edges = comention_graph(store, keys)
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<gexf xmlns="http://gexf.net/1.3" version="1.3">\n'
           '  <meta><creator>svodka</creator><description>entity co-mention graph: an edge joins two entities '
           'named in the same article, weight = number of such articles</description></meta>\n'
           '  <graph mode="static" defaultedgetype="undirected">\n'
           '    <attributes class="node">\n'
           '      <attribute id="type" title="type" type="string"/>\n'
           '      <attribute id="mentions" title="mentions" type="integer"/>\n'
           '      <attribute id="articles" title="articles" type="integer"/>\n'
           '    </attributes>\n    <nodes>\n')
    for key, n in sorted(nodes.items()):
        yield (f'      <node id={quoteattr(key)} label={quoteattr(n["label"] or key)}><attvalues>'
               f'<attvalue for="type" value={quoteattr(n["type"] or "")}/>'
               f'<attvalue for="mentions" value="{n["mentions"]}"/>'
               f'<attvalue for="articles" value="{n["articles"]}"/></attvalues></node>\n')
    yield "    </nodes>\n    <edges>\n"
    for i, ((a, b), w) in enumerate(sorted(edges.items())):
        yield f'      <edge id="{i}" source={quoteattr(a)} target={quoteattr(b)} weight="{w}"/>\n'
    yield "    </edges>\n  </graph>\n</gexf>\n"

