"""Cross-article work: reprints, stories and threads, comparison, framing, briefings.

IO-free library API for the store and the CLI:
``build(docs, index)``, ``StoryIndex`` (``add``, ``to_state``, ``from_state``),
``story_view(index, story_id, docs)`` and ``brief.render(view, fmt)``.
"""
from .cluster import StoryIndex, build
from .model import StoryDoc, from_article
from .view import story_view

__all__ = ["StoryDoc", "StoryIndex", "build", "from_article", "story_view"]
