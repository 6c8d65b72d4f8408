"""The Alembic migrations create exactly what schema.py describes, on both backends,
and search runs on each backend's own full-text index."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from svodka.ingestion import analyse_one
from svodka.store import Store, schema

sys.path.insert(0, str(Path(__file__).resolve().parent))   # _kit: importlib mode adds no path
from _kit import article


def _backend_only(diff) -> bool:
    """Search objects that live outside schema.py on purpose: SQLite's FTS5 table (and
    its shadow tables), PostgreSQL's tsvector column and its GIN index."""
    op = diff[0] if isinstance(diff, tuple) else diff[0][0]
    obj = diff[1] if isinstance(diff, tuple) else diff[0]
    if op == "remove_table":
        return obj.name.startswith("articles_fts")
    if op == "remove_column":
        return diff[3].name == "tsv"
    if op == "remove_index":
        return obj.name == "ix_articles_tsv"
    return False


def test_migrations_match_schema(store_url):
    store = Store.open(store_url)
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    real = [d for d in diffs if not _backend_only(d)]
    assert real == [], f"schema.py and the migrations disagree: {real}"
    store.close()


def test_migrations_are_at_head(store_url):
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from svodka.store import MIGRATIONS
    store = Store.open(store_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head
    store.close()


def test_postgres_has_its_own_search_index(store_url):
    store = Store.open(store_url)
    insp = sa.inspect(store.engine)
    if store.dialect == "postgresql":
        assert "tsv" in {c["name"] for c in insp.get_columns("articles")}
        assert "ix_articles_tsv" in {i["name"] for i in insp.get_indexes("articles")}
    else:
        assert "articles_fts" in insp.get_table_names()
    store.close()


def test_search_finds_inflected_forms(store_url):
    queries = pytest.importorskip("svodka.store.queries", reason="no search module in this build")
    store = Store.open(store_url)
    arts = [article(n) for n in range(12)]
    store.add_articles(arts)
    store.save_analyses([(a.key, analyse_one(a)) for a in arts])
    # The index holds lemmas: an query («Минск») finds inflected forms («Минске»).
    in_minsk = {a.input_id for a in arts if "Минске" in a.clean}
    assert in_minsk
    hits, _ = queries.search(store, "Минск")
    assert {h["id"] for h in hits} == in_minsk
    hits, _ = queries.search(store, "переговорам газа")   # every word must match
    assert {h["id"] for h in hits} == {a.input_id for a in arts if "газа" in a.clean}
    assert queries.search(store, "Макрон")[0] == []
    store.close()
