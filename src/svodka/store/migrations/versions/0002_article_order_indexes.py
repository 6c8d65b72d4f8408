"""indexes for newest-first listings and per-outlet coverage

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_published_seq", "articles", ["published", "seq"])
    op.create_index("ix_articles_outlet_published", "articles", ["outlet", "published"])


def downgrade() -> None:
    op.drop_index("ix_articles_outlet_published", table_name="articles")
    op.drop_index("ix_articles_published_seq", table_name="articles")
