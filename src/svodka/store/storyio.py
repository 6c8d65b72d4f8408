"""Stories in the store: the story index (svodka.stories) persisted as state, updated
incrementally with the articles analysed since the last update, and each changed
story's view (comparison, framing, briefing) rewritten."""
from __future__ import annotations

import sqlalchemy as sa

from . import Store, schema as t

STATE = "stories"


def _docs(store: Store, keys: list[str]) -> dict:
    from ..stories import from_article
    return {a.key: from_article(a, analysis) for a, analysis in store.get_analysed(keys)}


def load_index(store: Store):
    from ..stories import StoryIndex
    state = store.load_state(STATE)
    index = None
    if state:
        try:
            index = StoryIndex.from_state(state)
        except (ValueError, KeyError):
            index = None           # an older state format: rebuild from the stored analyses
    if index is None:
        index = StoryIndex()
        with store.engine.begin() as conn:
            conn.execute(t.story_articles.delete())
            conn.execute(t.stories.delete())
    index.fetch = lambda key: _docs(store, [key]).get(key)
    return index


def update_stories(store: Store) -> int:
    """Add analysed articles not yet in the index; returns how many stories changed."""
    from ..stories import build, story_view
    index = load_index(store)
    with store.engine.connect() as conn:
        analysed = list(conn.scalars(
            sa.select(t.articles.c.key).where(t.articles.c.analysis.is_not(None))
            .order_by(t.articles.c.published.is_(None), t.articles.c.published, t.articles.c.key)))
    new_keys = [k for k in analysed if k not in index.members]
    if not new_keys:
        return 0
    new = set(new_keys)
    before = {k: (index.role(k), index.copies[k].source if k in index.copies else None) for k in index.members}
    for i in range(0, len(new_keys), 500):
        build(_docs(store, new_keys[i:i + 500]).values(), index)
    changed = {index.story_of(k) for k in new}
    for k, was in before.items():   # an older article may have become a reprint or an original
        now = (index.role(k), index.copies[k].source if k in index.copies else None)
        if now != was:
            changed.add(index.story_of(k))
    changed.discard(None)
    with store.engine.begin() as conn:
        for sid in sorted(changed):
            story = index.stories[sid]
            docs = _docs(store, list(story.members))
            view = story_view(index, sid, docs)
            conn.execute(t.story_articles.delete().where(t.story_articles.c.story_id == sid))
            conn.execute(t.stories.delete().where(t.stories.c.id == sid))
            conn.execute(t.stories.insert().values(
                id=sid, thread_id=story.thread, title=view.get("title"),
                first_published=view.get("first_published"), last_published=view.get("last_published"),
                outlets=view.get("outlets", []), size=len(story.members), view=view))
            conn.execute(t.story_articles.insert(), [
                {"story_id": sid, "article_key": k, "role": index.role(k),
                 "source_key": index.copies[k].source if k in index.copies else None}
                for k in story.members])
        store.save_state(STATE, index.to_state(), conn)
    return len(changed)
