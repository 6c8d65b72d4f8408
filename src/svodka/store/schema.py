"""The store's tables (SQLAlchemy Core). Alembic migrations create them; this module
is what queries are written against. JSON columns hold small nested lists only."""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

articles = sa.Table(
    "articles", metadata,
    sa.Column("key", sa.String(32), primary_key=True),        # content hash of input id + raw text
    sa.Column("input_id", sa.Text, nullable=False, index=True),
    sa.Column("location", sa.Text),
    sa.Column("kind", sa.String(16)),
    sa.Column("outlet", sa.Text, index=True),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(32), index=True),        # ISO 8601 or NULL
    sa.Column("published_how", sa.String(16)),
    sa.Column("raw", sa.Text, nullable=False),
    sa.Column("clean", sa.Text, nullable=False),
    sa.Column("offsets", sa.JSON, nullable=False),            # run-length offset map (codec.pack_offsets)
    sa.Column("removed", sa.JSON, nullable=False),
    sa.Column("warnings", sa.JSON, nullable=False),
    sa.Column("html", sa.Text),
    sa.Column("analysis", sa.JSON),                           # NULL until analysed
    sa.Column("lemmas", sa.Text),
    sa.Column("ingested_at", sa.String(32), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False, index=True),  # ingest order, for stable cursors
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_key", sa.String(32), sa.ForeignKey("articles.key", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("stop", sa.Integer, nullable=False),
    sa.Column("type", sa.String(8), nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("normal", sa.Text),
    sa.Column("entity", sa.Text, index=True),
    sa.Column("entity_id", sa.Text, index=True),
    sa.Column("rule", sa.Text),
)

entities = sa.Table(
    "entities", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, index=True),
    sa.Column("type", sa.String(8), nullable=False),
    sa.Column("flags", sa.JSON, nullable=False),
    sa.Column("wikidata", sa.Text),
    sa.Column("aliases", sa.JSON, nullable=False),            # [{"text", "kind", "count"}]
    sa.Column("roles", sa.JSON, nullable=False),
    sa.Column("mentions", sa.Integer, nullable=False),
    sa.Column("articles", sa.Integer, nullable=False),
)

quotes = sa.Table(
    "quotes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_key", sa.String(32), sa.ForeignKey("articles.key", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("stop", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("speaker", sa.Text, index=True),
    sa.Column("speaker_id", sa.Text, index=True),
    sa.Column("speaker_text", sa.Text),
    sa.Column("cue", sa.Text),
    sa.Column("channel", sa.Text),
    sa.Column("rule", sa.Text),
)

dates = sa.Table(
    "dates", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_key", sa.String(32), sa.ForeignKey("articles.key", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("stop", sa.Integer, nullable=False),
    sa.Column("value", sa.String(32), index=True),
    sa.Column("precision", sa.String(8)),
    sa.Column("rule", sa.Text),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_key", sa.String(32), sa.ForeignKey("articles.key", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("type", sa.String(32), nullable=False, index=True),
    sa.Column("date", sa.String(32), index=True),
    sa.Column("place", sa.Text),
    sa.Column("format", sa.String(32)),
    sa.Column("status", sa.String(16)),
    sa.Column("initiator", sa.Text),
    sa.Column("participants", sa.JSON, nullable=False),
    sa.Column("trigger_start", sa.Integer),
    sa.Column("trigger_stop", sa.Integer),
    sa.Column("merged_id", sa.Text, index=True),
)

merged_events = sa.Table(
    "merged_events", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("type", sa.String(32), nullable=False, index=True),
    sa.Column("date", sa.String(32), index=True),
    sa.Column("data", sa.JSON, nullable=False),              # place, format, status, initiator, participants, sources
)

event_participants = sa.Table(
    "event_participants", metadata,
    sa.Column("merged_id", sa.Text, sa.ForeignKey("merged_events.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("entity", sa.Text, nullable=False, index=True),
)

stories = sa.Table(
    "stories", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("thread_id", sa.Text, index=True),
    sa.Column("title", sa.Text),
    sa.Column("first_published", sa.String(32), index=True),
    sa.Column("last_published", sa.String(32)),
    sa.Column("outlets", sa.JSON, nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("view", sa.JSON),                               # facts, conflicts, framing, briefing
)

story_articles = sa.Table(
    "story_articles", metadata,
    sa.Column("story_id", sa.Text, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("article_key", sa.String(32), sa.ForeignKey("articles.key", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("source_key", sa.String(32)),
)

state = sa.Table(
    "state", metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("value", sa.JSON),
)

sources = sa.Table(
    "sources", metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("outlet", sa.Text),
    sa.Column("kind", sa.String(16)),                         # feed | page
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("last_polled", sa.String(32)),
    sa.Column("last_status", sa.Text),
    sa.Column("last_error", sa.Text),
    sa.Column("errors", sa.Integer, nullable=False, server_default="0"),
    sa.Column("polls", sa.Integer, nullable=False, server_default="0"),
    sa.Column("items", sa.Integer, nullable=False, server_default="0"),
)

seen = sa.Table(
    "seen", metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("content_hash", sa.String(64), index=True),
    sa.Column("source_url", sa.Text),
    sa.Column("first_seen", sa.String(32)),
    sa.Column("article_key", sa.String(32)),
)

# Listing newest first and the coverage chart read these orders (migration 0002).
sa.Index("ix_articles_published_seq", articles.c.published, articles.c.seq)
sa.Index("ix_articles_outlet_published", articles.c.outlet, articles.c.published)
