"""svodka's store: SQLAlchemy Core over SQLite (default, one file, WAL) or PostgreSQL.

The library is the product: the CLI, web app and watcher call these methods. Writes are
idempotent (articles are keyed by content hash; a second identical ingest adds
nothing) and committed in chunks, so an interrupted run resumes where it stopped.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ..records import Analysis, Article
from . import codec, schema as t

DEFAULT_PATH = "svodka.db"
MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(Exception):
    """A store that cannot be opened or used; the message names it and the reason."""


def resolve_url(target: str | None) -> str:
    """`--db` / SVODKA_DB: a PostgreSQL URL, an SQLAlchemy URL, or a SQLite file path."""
    target = target or os.environ.get("SVODKA_DB") or DEFAULT_PATH
    if "://" in target:
        if target.startswith("postgresql://"):
            return "postgresql+psycopg://" + target[len("postgresql://"):]
        if target.startswith("postgres://"):
            return "postgresql+psycopg://" + target[len("postgres://"):]
        return target
    return "sqlite:///" + str(Path(target).expanduser().absolute())


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _chunks(items: list, n: int) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name

    # ---- opening and schema -------------------------------------------------

    @classmethod
    def open(cls, target: str | None = None, *, migrate: bool = True) -> "Store":
        url = resolve_url(target)
        try:
            if url.startswith("sqlite:///"):
                path = Path(url[len("sqlite:///"):])
                if not path.parent.exists():
                    raise StoreError(f"{path}: directory {path.parent} does not exist")
                engine = sa.create_engine(url)
                sa.event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = sa.create_engine(url, pool_pre_ping=True)
            store = cls(engine)
            if migrate:
                store.migrate()
            return store
        except StoreError:
            raise
        except ModuleNotFoundError as exc:
            raise StoreError(f"{target}: the driver is not installed ({exc.name}); "
                             "pip install 'svodka[postgres]'") from None
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"{target or url}: cannot open the store: {exc.orig or exc}") from None

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (creates it on a new store)."""
        from alembic import command
        from alembic.config import Config
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                # Serialise concurrent first runs (four ingesting processes) on one lock.
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(7361)"))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def exclusive(self, name: str):
        """One process at a time inside, across processes: for work that reads the
        store, computes and rewrites a whole view (entities, merged events, stories).
        Two such rewrites at once fail on primary keys on PostgreSQL, or the later one
        writes a view computed from rows read before the earlier one's commit.
        PostgreSQL: a session advisory lock; SQLite: flock on a file next to the database."""
        if self.dialect == "postgresql":
            import zlib
            lock_id = zlib.crc32(name.encode())
            with self.engine.connect() as conn:
                conn.execute(sa.text("SELECT pg_advisory_lock(:id)"), {"id": lock_id})
                conn.commit()
                try:
                    yield
                finally:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:id)"), {"id": lock_id})
                    conn.commit()
        elif self.engine.url.database and self.engine.url.database != ":memory:":
            import fcntl
            with open(f"{self.engine.url.database}.{name}.lock", "a") as f:
                fcntl.flock(f, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(f, fcntl.LOCK_UN)
        else:
            yield

    def _insert(self, table: sa.Table):
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table)

    # ---- articles ------------------------------------------------------------

    def add_articles(self, articles: list[Article]) -> int:
        """Insert new articles in one transaction; returns how many were new.

        The count comes from RETURNING (rows that ON CONFLICT DO NOTHING skipped are not
        returned), so it is exact with other writers inserting the same keys at once.
        """
        if not articles:
            return 0
        now = _now()
        if self.dialect == "sqlite":
            return self._add_articles_sqlite(articles, now)
        stmt = (self._insert(t.articles).on_conflict_do_nothing(index_elements=["key"])
                .returning(t.articles.c.key))
        with self.engine.begin() as conn:
            base = self._next_seq(conn)
            rows = [{**codec.article_row(a), "ingested_at": now, "seq": base + i}
                    for i, a in enumerate(articles)]
            return len(conn.execute(stmt, rows).all())

    # SQLite: one bare executemany, JSON encoded once per value; SQLAlchemy's compiled
    # insert with RETURNING costs several times the insert itself. sqlite3 sums the rows
    # each statement changed into rowcount, and ON CONFLICT DO NOTHING changes none, so
    # the count is exact here too (SQLite writers are serialised).
    _SQLITE_INSERT = (f"INSERT INTO articles ({', '.join(codec.ARTICLE_COLUMNS)}, ingested_at, seq) "
                      f"VALUES ({', '.join('?' * (len(codec.ARTICLE_COLUMNS) + 2))}) ON CONFLICT (key) DO NOTHING")

    def _add_articles_sqlite(self, articles: list[Article], now: str) -> int:
        with self.engine.begin() as conn:
            base = self._next_seq(conn)
            rows = [codec.article_values(a) + (now, base + i) for i, a in enumerate(articles)]
            return conn.exec_driver_sql(self._SQLITE_INSERT, rows).rowcount

    def _next_seq(self, conn) -> int:
        if self.dialect == "postgresql":
            # seq is a 32-bit INTEGER on PostgreSQL (a microsecond clock overflows it):
            # a counter instead. Writers take turns for the rest of this short
            # transaction, so each batch gets its own seq range, and two writers
            # inserting overlapping keys in different orders cannot deadlock.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(7362)"))
            return (conn.scalar(sa.select(sa.func.max(t.articles.c.seq))) or 0) + 1
        # SQLite integers are 64-bit, and a clock needs no read before the write (a read
        # first would make concurrent WAL writers fail with SQLITE_BUSY_SNAPSHOT).
        return time.time_ns() // 1000

    def _count(self, conn) -> int:
        return conn.scalar(sa.select(sa.func.count()).select_from(t.articles))

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return self._count(conn)

    def unanalysed_keys(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.scalars(sa.select(t.articles.c.key)
                                     .where(t.articles.c.analysis.is_(None)).order_by(t.articles.c.seq)))

    def get_articles(self, keys: list[str], *, unanalysed: bool = False) -> list[Article]:
        """The articles of ``keys`` in that order; ``unanalysed``: only those with no
        analysis yet (another process may have analysed some since the keys were read)."""
        return [a for a, _ in self.get_analysed(keys, unanalysed=unanalysed)]

    def get_analysed(self, keys: list[str], *,
                     unanalysed: bool = False) -> list[tuple[Article, Analysis | None]]:
        """The articles of ``keys`` in that order, each with its analysis, in one read."""
        out: dict[str, tuple[Article, Analysis | None]] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(keys, 500):
                q = sa.select(t.articles).where(t.articles.c.key.in_(chunk))
                if unanalysed:
                    q = q.where(t.articles.c.analysis.is_(None))
                for row in conn.execute(q):
                    out[row.key] = (codec.article_from_row(row),
                                    codec.analysis_from_json(row.analysis, row.lemmas))
        return [out[k] for k in keys if k in out]

    def find_article(self, ref: str) -> Article | None:
        """By svodka key, by input id, or by a unique key prefix."""
        with self.engine.connect() as conn:
            for cond in (t.articles.c.key == ref, t.articles.c.input_id == ref):
                rows = conn.execute(sa.select(t.articles).where(cond).order_by(t.articles.c.seq)).all()
                if rows:
                    return codec.article_from_row(rows[0])
            if len(ref) >= 4:
                rows = conn.execute(sa.select(t.articles).where(t.articles.c.key.like(ref + "%")).limit(2)).all()
                if len(rows) == 1:
                    return codec.article_from_row(rows[0])
        return None

    def get_analysis(self, key: str) -> Analysis | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.articles.c.analysis, t.articles.c.lemmas)
                               .where(t.articles.c.key == key)).first()
        return codec.analysis_from_json(row.analysis, row.lemmas) if row else None

    def iter_articles(self, *, outlet: str | None = None, since: str | None = None,
                      analysed: bool = False, batch: int = 500) -> Iterator[tuple[Article, Analysis | None]]:
        """Articles in publication order (undated last), with their analysis."""
        q = sa.select(t.articles)
        if outlet:
            q = q.where(t.articles.c.outlet == outlet)
        if since:
            q = q.where(t.articles.c.published >= since)
        if analysed:
            q = q.where(t.articles.c.analysis.is_not(None))
        # Key, not ingest order, breaks ties: concurrent ingests must give the same corpus views.
        q = q.order_by(t.articles.c.published.is_(None), t.articles.c.published, t.articles.c.key)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=batch).execute(q)
            for row in result:
                yield codec.article_from_row(row), codec.analysis_from_json(row.analysis, row.lemmas)

    # ---- analyses ------------------------------------------------------------

    def save_analyses(self, items: list[tuple[str, Analysis]]) -> int:
        """Store analyses and their rows; an article already analysed (by another
        process, or an earlier run) is left as it is. Returns how many were saved."""
        saved = 0
        with self.engine.begin() as conn:
            # One row-lock order for every analyser (by key): concurrent analysers
            # saving overlapping batches on PostgreSQL wait for each other, never deadlock.
            for key, a in sorted(items, key=lambda item: item[0]):
                res = conn.execute(t.articles.update()
                                   .where(t.articles.c.key == key, t.articles.c.analysis.is_(None))
                                   .values(analysis=codec.analysis_to_json(a), lemmas=a.lemmas))
                if res.rowcount != 1:
                    continue
                saved += 1
                self._write_rows(conn, key, a)
        return saved

    def _write_rows(self, conn, key: str, a: Analysis) -> None:
        if a.mentions:
            conn.execute(t.mentions.insert(), [
                {"article_key": key, "start": m.start, "stop": m.stop, "type": m.type, "kind": m.kind,
                 "text": m.text, "normal": m.normal, "entity": m.entity, "entity_id": m.entity_id,
                 "rule": m.rule} for m in a.mentions])
        if a.quotes:
            conn.execute(t.quotes.insert(), [
                {"article_key": key, "start": q.start, "stop": q.stop, "kind": q.kind, "text": q.text,
                 "speaker": q.speaker, "speaker_id": q.speaker_id, "speaker_text": q.speaker_text,
                 "cue": q.cue, "channel": q.channel, "rule": q.rule} for q in a.quotes])
        if a.dates:
            conn.execute(t.dates.insert(), [
                {"article_key": key, "start": d.start, "stop": d.stop, "value": d.value,
                 "precision": d.precision, "rule": d.rule} for d in a.dates])
        if a.events:
            conn.execute(t.events.insert(), [
                {"article_key": key, "type": e.type, "date": e.date, "place": e.place, "format": e.format,
                 "status": e.status, "initiator": e.initiator, "participants": list(e.participants),
                 "trigger_start": e.trigger.start, "trigger_stop": e.trigger.stop} for e in a.events])
        title = conn.scalar(sa.select(t.articles.c.title).where(t.articles.c.key == key)) or ""
        from ..nlp import lemma
        title_lemmas = " ".join(lemma(w) for w in title.split())
        if self.dialect == "sqlite":
            conn.execute(sa.text("INSERT INTO articles_fts(key, title, lemmas) VALUES (:k, :t, :l)"),
                         {"k": key, "t": title_lemmas, "l": a.lemmas})
        else:
            conn.execute(sa.text("UPDATE articles SET tsv = setweight(to_tsvector('simple', :t), 'A') || "
                                 "to_tsvector('simple', :l) WHERE key = :k"),
                         {"k": key, "t": title_lemmas, "l": a.lemmas})

    # ---- state (story index, merged events) ------------------------------------

    def load_state(self, name: str):
        with self.engine.connect() as conn:
            return conn.scalar(sa.select(t.state.c.value).where(t.state.c.name == name))

    def save_state(self, name: str, value, conn=None) -> None:
        def write(c):
            # An upsert, not delete + insert: two writers at once (PostgreSQL) would
            # otherwise collide on the primary key.
            stmt = self._insert(t.state).values(name=name, value=value)
            c.execute(stmt.on_conflict_do_update(index_elements=["name"], set_={"value": stmt.excluded.value}))
        if conn is not None:
            write(conn)
        else:
            with self.engine.begin() as c:
                write(c)
