"""Cross-article work: reprints, stories and threads, comparison, framing, briefings.

IO-free library API for the store and the CLI::

    from svodka.stories import StoryIndex, build, from_article, story_view
    from svodka.stories.brief import render

    docs = {a.key: from_article(a, analysis) for a, analysis in stored}   # StoryDoc per article
    index = build(docs.values())                  # publication order; None dates last, then key
    state = index.to_state()                      # JSON-able: persist it
    index = StoryIndex.from_state(state)          # later ingest: resume ...
    index.fetch = lambda key: load_doc(key)       # ... texts of stored articles, for alignment
    build(new_docs, index)                        # ... and add only the new articles
    index.summaries()                             # `svodka stories --json` lines
    view = story_view(index, story_id, docs)      # articles+roles, facts, agreements, conflicts,
    print(render(view, "markdown"))               # framing, cited briefing; text or markdown

Modules: model (StoryDoc, dates), features (per-article features), similarity (the
pair score), reprints (MinHash LSH + direction rules), align (copied passages),
cluster (StoryIndex), compare, framing, brief, view.
"""
from .cluster import StoryIndex, build
from .model import StoryDoc, from_article
from .view import story_view

__all__ = ["StoryDoc", "StoryIndex", "build", "from_article", "story_view"]
