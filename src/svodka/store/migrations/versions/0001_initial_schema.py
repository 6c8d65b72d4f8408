"""initial schema: articles, annotations, entities, events, stories, sources, search

Revision ID: 0001
Revises: 
"""
from alembic import op
import sqlalchemy as sa
import sqlalchemy.dialects.postgresql  # noqa: F401  (TSVECTOR)


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('articles',
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('input_id', sa.Text(), nullable=False),
    sa.Column('location', sa.Text(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=32), nullable=True),
    sa.Column('published_how', sa.String(length=16), nullable=True),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.Column('clean', sa.Text(), nullable=False),
    sa.Column('offsets', sa.JSON(), nullable=False),
    sa.Column('removed', sa.JSON(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('html', sa.Text(), nullable=True),
    sa.Column('analysis', sa.JSON(), nullable=True),
    sa.Column('lemmas', sa.Text(), nullable=True),
    sa.Column('ingested_at', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_index(op.f('ix_articles_input_id'), 'articles', ['input_id'], unique=False)
    op.create_index(op.f('ix_articles_outlet'), 'articles', ['outlet'], unique=False)
    op.create_index(op.f('ix_articles_published'), 'articles', ['published'], unique=False)
    op.create_index(op.f('ix_articles_seq'), 'articles', ['seq'], unique=False)
    op.create_table('entities',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=8), nullable=False),
    sa.Column('flags', sa.JSON(), nullable=False),
    sa.Column('wikidata', sa.Text(), nullable=True),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('mentions', sa.Integer(), nullable=False),
    sa.Column('articles', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_entities_name'), 'entities', ['name'], unique=False)
    op.create_table('merged_events',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_merged_events_date'), 'merged_events', ['date'], unique=False)
    op.create_index(op.f('ix_merged_events_type'), 'merged_events', ['type'], unique=False)
    op.create_table('seen',
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=True),
    sa.Column('source_url', sa.Text(), nullable=True),
    sa.Column('first_seen', sa.String(length=32), nullable=True),
    sa.Column('article_key', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('url')
    )
    op.create_index(op.f('ix_seen_content_hash'), 'seen', ['content_hash'], unique=False)
    op.create_table('sources',
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('etag', sa.Text(), nullable=True),
    sa.Column('last_modified', sa.Text(), nullable=True),
    sa.Column('last_polled', sa.String(length=32), nullable=True),
    sa.Column('last_status', sa.Text(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('errors', sa.Integer(), server_default='0', nullable=False),
    sa.Column('polls', sa.Integer(), server_default='0', nullable=False),
    sa.Column('items', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('url')
    )
    op.create_table('state',
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('stories',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('thread_id', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('first_published', sa.String(length=32), nullable=True),
    sa.Column('last_published', sa.String(length=32), nullable=True),
    sa.Column('outlets', sa.JSON(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('view', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_stories_first_published'), 'stories', ['first_published'], unique=False)
    op.create_index(op.f('ix_stories_thread_id'), 'stories', ['thread_id'], unique=False)
    op.create_table('dates',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_key', sa.String(length=32), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('stop', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=32), nullable=True),
    sa.Column('precision', sa.String(length=8), nullable=True),
    sa.Column('rule', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['article_key'], ['articles.key'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_dates_article_key'), 'dates', ['article_key'], unique=False)
    op.create_index(op.f('ix_dates_value'), 'dates', ['value'], unique=False)
    op.create_table('event_participants',
    sa.Column('merged_id', sa.Text(), nullable=False),
    sa.Column('entity', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['merged_id'], ['merged_events.id'], ondelete='CASCADE')
    )
    op.create_index(op.f('ix_event_participants_entity'), 'event_participants', ['entity'], unique=False)
    op.create_index(op.f('ix_event_participants_merged_id'), 'event_participants', ['merged_id'], unique=False)
    op.create_table('events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_key', sa.String(length=32), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('format', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=True),
    sa.Column('initiator', sa.Text(), nullable=True),
    sa.Column('participants', sa.JSON(), nullable=False),
    sa.Column('trigger_start', sa.Integer(), nullable=True),
    sa.Column('trigger_stop', sa.Integer(), nullable=True),
    sa.Column('merged_id', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['article_key'], ['articles.key'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_events_article_key'), 'events', ['article_key'], unique=False)
    op.create_index(op.f('ix_events_date'), 'events', ['date'], unique=False)
    op.create_index(op.f('ix_events_merged_id'), 'events', ['merged_id'], unique=False)
    op.create_index(op.f('ix_events_type'), 'events', ['type'], unique=False)
    op.create_table('mentions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_key', sa.String(length=32), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('stop', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=8), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('normal', sa.Text(), nullable=True),
    sa.Column('entity', sa.Text(), nullable=True),
    sa.Column('entity_id', sa.Text(), nullable=True),
    sa.Column('rule', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['article_key'], ['articles.key'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_mentions_article_key'), 'mentions', ['article_key'], unique=False)
    op.create_index(op.f('ix_mentions_entity'), 'mentions', ['entity'], unique=False)
    op.create_index(op.f('ix_mentions_entity_id'), 'mentions', ['entity_id'], unique=False)
    op.create_table('quotes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_key', sa.String(length=32), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('stop', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('speaker', sa.Text(), nullable=True),
    sa.Column('speaker_id', sa.Text(), nullable=True),
    sa.Column('speaker_text', sa.Text(), nullable=True),
    sa.Column('cue', sa.Text(), nullable=True),
    sa.Column('channel', sa.Text(), nullable=True),
    sa.Column('rule', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['article_key'], ['articles.key'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_quotes_article_key'), 'quotes', ['article_key'], unique=False)
    op.create_index(op.f('ix_quotes_speaker'), 'quotes', ['speaker'], unique=False)
    op.create_index(op.f('ix_quotes_speaker_id'), 'quotes', ['speaker_id'], unique=False)
    op.create_table('story_articles',
    sa.Column('story_id', sa.Text(), nullable=False),
    sa.Column('article_key', sa.String(length=32), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('source_key', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['article_key'], ['articles.key'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], ondelete='CASCADE')
    )
    op.create_index(op.f('ix_story_articles_article_key'), 'story_articles', ['article_key'], unique=False)
    op.create_index(op.f('ix_story_articles_story_id'), 'story_articles', ['story_id'], unique=False)

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # Search over lemmas: the analysis lemmatises, so «Пашиняном» finds «Пашинян».
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(key UNINDEXED, title, lemmas, "
                   "tokenize='unicode61 remove_diacritics 0')")
    else:
        # PostgreSQL's own full-text search over the same lemmas ('simple': already lemmatised).
        op.add_column("articles", sa.Column("tsv", sa.dialects.postgresql.TSVECTOR()))
        op.create_index("ix_articles_tsv", "articles", ["tsv"], postgresql_using="gin")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE articles_fts")
    op.drop_index(op.f('ix_story_articles_story_id'), table_name='story_articles')
    op.drop_index(op.f('ix_story_articles_article_key'), table_name='story_articles')
    op.drop_table('story_articles')
    op.drop_index(op.f('ix_quotes_speaker_id'), table_name='quotes')
    op.drop_index(op.f('ix_quotes_speaker'), table_name='quotes')
    op.drop_index(op.f('ix_quotes_article_key'), table_name='quotes')
    op.drop_table('quotes')
    op.drop_index(op.f('ix_mentions_entity_id'), table_name='mentions')
    op.drop_index(op.f('ix_mentions_entity'), table_name='mentions')
    op.drop_index(op.f('ix_mentions_article_key'), table_name='mentions')
    op.drop_table('mentions')
    op.drop_index(op.f('ix_events_type'), table_name='events')
    op.drop_index(op.f('ix_events_merged_id'), table_name='events')
    op.drop_index(op.f('ix_events_date'), table_name='events')
    op.drop_index(op.f('ix_events_article_key'), table_name='events')
    op.drop_table('events')
    op.drop_index(op.f('ix_event_participants_merged_id'), table_name='event_participants')
    op.drop_index(op.f('ix_event_participants_entity'), table_name='event_participants')
    op.drop_table('event_participants')
    op.drop_index(op.f('ix_dates_value'), table_name='dates')
    op.drop_index(op.f('ix_dates_article_key'), table_name='dates')
    op.drop_table('dates')
    op.drop_index(op.f('ix_stories_thread_id'), table_name='stories')
    op.drop_index(op.f('ix_stories_first_published'), table_name='stories')
    op.drop_table('stories')
    op.drop_table('state')
    op.drop_table('sources')
    op.drop_index(op.f('ix_seen_content_hash'), table_name='seen')
    op.drop_table('seen')
    op.drop_index(op.f('ix_merged_events_type'), table_name='merged_events')
    op.drop_index(op.f('ix_merged_events_date'), table_name='merged_events')
    op.drop_table('merged_events')
    op.drop_index(op.f('ix_entities_name'), table_name='entities')
    op.drop_table('entities')
    op.drop_index(op.f('ix_articles_seq'), table_name='articles')
    op.drop_index(op.f('ix_articles_published'), table_name='articles')
    op.drop_index(op.f('ix_articles_outlet'), table_name='articles')
    op.drop_index(op.f('ix_articles_input_id'), table_name='articles')
    op.drop_table('articles')
