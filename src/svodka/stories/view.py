"""One story as a JSON-able dict: articles with roles, facts, agreements, conflicts,
framing and the cited briefing (pure; the store passes the docs in)."""
from __future__ import annotations

from .brief import briefing
from .cluster import StoryIndex
from .compare import cite, compare
from .framing import framing
from .model import StoryDoc, order_key


def story_view(index: StoryIndex, story_id: str, docs: dict[str, StoryDoc]) -> dict:
    story = index.stories[story_id]
    members = sorted((docs[k] for k in story.members if k in docs), key=order_key)
    dated = [d.published for d in members if d.published is not None]
    comparison = compare(members)
    view = {
        "id": story.id,
        "thread": story.thread,
        "thread_stories": list(index.threads.get(story.thread, [])),
        "title": next((d.title for d in members if d.title), None),
        "first_published": min(dated).isoformat() if dated else None,
        "last_published": max(dated).isoformat() if dated else None,
        "outlets": sorted({d.outlet for d in members if d.outlet}),
        "articles": [_article(index, d, docs) for d in members],
        "facts": [{**cite(d, f.start, f.stop), "value": f.value, "unit": f.unit,
                   "subject": f.subject, "speaker": f.speaker}
                  for d in members for f in d.analysis.facts],
        "event_date": comparison["event_date"],
        "agreements": comparison["agreements"],
        "conflicts": comparison["conflicts"],
        "framing": framing(members),
    }
    view["briefing"] = briefing(view, {d.key: d for d in members})
    return view


def _article(index: StoryIndex, doc: StoryDoc, docs: dict[str, StoryDoc]) -> dict:
    copy = index.source_of(doc.key)
    src = docs.get(copy.source) if copy else None
    out = {
        "key": doc.key, "id": doc.input_id, "outlet": doc.outlet, "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "warnings": list(doc.warnings),
        "role": index.role(doc.key),
        "source": copy.source if copy else None,
        "source_id": (src.input_id if src else copy.source) if copy else None,
        "copied_share": round(copy.coverage, 3) if copy else None,
        "direction_rule": copy.rule if copy else None,
        "passages": [],
        "joined_by": index.members[doc.key].rule,
    }
    if copy:
        for p in copy.passages:
            out["passages"].append({
                "source": {"article": copy.source, "start": p.src_start, "stop": p.src_stop},
                "copy": {"article": doc.key, "start": p.dst_start, "stop": p.dst_stop},
                "words": p.words,
            })
    return out
