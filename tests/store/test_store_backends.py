"""The store's contract, run on SQLite and on PostgreSQL (the `store_url` fixture)."""
from __future__ import annotations

import sys
from pathlib import Path

import sqlalchemy as sa

from svodka.ingestion import IngestReport, analyse_one, analyse_pending, store_articles
from svodka.store import Store, schema as t

sys.path.insert(0, str(Path(__file__).resolve().parent))   # _kit: importlib mode adds no path
from _kit import article, articles


def open_store(url: str) -> Store:
    return Store.open(url)


def test_article_round_trip(store_url):
    store = open_store(store_url)
    a = article(7)
    assert store.add_articles([a]) == 1
    [back] = store.get_articles([a.key])
    assert back == a
    assert back.raw_span(0, 5) == a.raw_span(0, 5) == (8, 13)
    assert store.find_article(a.input_id) == a
    assert store.find_article(a.key[:8]) == a
    store.close()


def test_ingest_twice_adds_nothing(store_url):
    store = open_store(store_url)
    batch = articles(range(30))
    first = IngestReport()
    store_articles(store, batch + batch[:5], first)       # the same input twice in one run
    assert (first.stored, first.skipped) == (30, 5)
    again = IngestReport()
    store_articles(store, batch, again)
    assert (again.stored, again.skipped) == (0, 30)
    assert store.count_articles() == 30
    store.close()


def test_add_articles_counts_only_the_new_ones(store_url):
    # Ingest relies on add_articles alone to skip stored keys (a second writer may insert
    # the same keys at any moment): its count of new rows must be exact.
    store = open_store(store_url)
    assert store.add_articles(articles(range(10))) == 10
    assert store.add_articles(articles(range(5, 15))) == 5
    assert store.add_articles(articles(range(15))) == 0
    assert store.count_articles() == 15
    store.close()


def test_ingest_order_is_kept(store_url):
    store = open_store(store_url)
    # Ingest order (seq) is the cursor for unanalysed work: it must follow input order,
    # across batches and within one.
    store.add_articles(articles([9, 3, 5]))
    store.add_articles(articles([1, 8]))
    keys = store.unanalysed_keys()
    assert keys == [article(n).key for n in (9, 3, 5, 1, 8)]
    store.close()


def _rows(store: Store, table: sa.Table, key: str) -> int:
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(table).where(table.c.article_key == key))


def test_analysis_round_trip_and_rows(store_url):
    store = open_store(store_url)
    a = article(2)
    store.add_articles([a])
    analysis = analyse_one(a)
    assert analysis.dates, "the test article has a date to store"
    assert store.save_analyses([(a.key, analysis)]) == 1
    back = store.get_analysis(a.key)
    assert back == analysis
    assert _rows(store, t.dates, a.key) == len(analysis.dates)
    assert _rows(store, t.mentions, a.key) == len(analysis.mentions)
    # A second save (another analyser got there first) changes nothing.
    assert store.save_analyses([(a.key, analysis)]) == 0
    assert _rows(store, t.dates, a.key) == len(analysis.dates)
    store.close()


def test_interrupted_analysis_resumes(store_url):
    store = open_store(store_url)
    store.add_articles(articles(range(12)))
    calls = []

    def flaky(arts):
        calls.append(len(arts))
        if len(calls) == 2:
            raise KeyboardInterrupt       # the user pressed ^C during the second batch
        return [analyse_one(a) for a in arts]

    try:
        analyse_pending(store, batch=5, mapper=flaky)
    except KeyboardInterrupt:
        pass
    assert len(store.unanalysed_keys()) == 7
    assert analyse_pending(store, batch=5) == 7
    assert store.unanalysed_keys() == []
    for a in articles(range(12)):
        assert _rows(store, t.dates, a.key) == len(store.get_analysis(a.key).dates)
    store.close()


def test_iter_articles_filters_and_order(store_url):
    store = open_store(store_url)
    batch = [article(n, outlet="ТАСС" if n % 2 else "РИА Новости") for n in range(6)]
    store.add_articles(list(reversed(batch)))
    got = [a.input_id for a, _ in store.iter_articles()]
    assert got == [a.input_id for a in batch]                 # publication order
    tass = [a.input_id for a, _ in store.iter_articles(outlet="ТАСС")]
    assert tass == ["a00001", "a00003", "a00005"]
    since = [a.input_id for a, _ in store.iter_articles(since="2022-01-10T14:00")]
    assert since == ["a00003", "a00004", "a00005"]
    store.close()


def test_state_round_trip(store_url):
    store = open_store(store_url)
    store.save_state("stories", {"lsh": [1, 2, 3], "name": "Пашинян"})
    store.save_state("stories", {"lsh": [4]})
    assert store.load_state("stories") == {"lsh": [4]}
    assert store.load_state("absent") is None
    store.close()


def test_reopen_is_a_no_op_migration(store_url):
    store = open_store(store_url)
    store.add_articles(articles(range(3)))
    store.close()
    again = open_store(store_url)
    assert again.count_articles() == 3
    again.close()


def test_state_saved_by_two_writers_at_once(store_url):
    # Two processes refreshing stories at the same time both save the "stories" state.
    # The second must wait for the first and then replace its value, not fail on the
    # primary key (PostgreSQL, delete-then-insert: the second DELETE waits for the first
    # writer, then finds the old row gone and cannot see the new one, and its INSERT
    # collides with the first writer's row).
    import threading
    store = Store.open(store_url)
    store.save_state("stories", {"v": 0})
    errors: list[BaseException] = []
    with store.engine.connect() as first:
        tx = first.begin()
        store.save_state("stories", {"v": 1}, conn=first)

        def second():
            try:
                store.save_state("stories", {"v": 2})
            except BaseException as exc:   # reported below, not lost in the thread
                errors.append(exc)

        thread = threading.Thread(target=second)
        thread.start()
        thread.join(1.0)                   # the second writer is now waiting for the first
        tx.commit()
    thread.join(60)
    assert not errors, f"the second writer failed: {errors[0]!r}"
    assert store.load_state("stories") == {"v": 2}
    store.close()


def wait_until_someone_waits(store_url: str, thread, timeout: float = 120) -> None:
    """PostgreSQL: until a backend waits for a lock (a row the first writer holds, or
    a lock taken to take turns). SQLite serialises writers itself; a moment will do."""
    import time
    if not store_url.startswith("postgresql"):
        thread.join(2.0)
        return
    watcher = Store.open(store_url, migrate=False)
    deadline = time.monotonic() + timeout
    with watcher.engine.connect() as conn:
        while not conn.scalar(sa.text("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                      "current_database() AND wait_event_type = 'Lock'")):
            assert thread.is_alive(), "the second refresh ended while the first was held"
            assert time.monotonic() < deadline, "the second refresh never waited for the first"
            time.sleep(0.05)
            conn.rollback()            # a fresh snapshot of pg_stat_activity each time
    watcher.close()


def test_two_ingests_refreshing_the_corpus_at_once(store_url):
    # Two `svodka ingest` processes that finish together both rebuild the cross-article
    # views (entities, merged events, stories). The first is held just before it commits
    # its stories while the second runs: the second must wait for it and then rebuild
    # from everything, not fail on a primary key (PostgreSQL: a story id both insert).
    import threading
    from svodka.ingestion import refresh_corpus
    setup = Store.open(store_url)
    arts = articles(range(8))
    setup.add_articles(arts)
    setup.save_analyses([(a.key, analyse_one(a)) for a in arts])
    setup.close()
    first, second = Store.open(store_url), Store.open(store_url)
    writing_stories, paused, release = threading.Event(), threading.Event(), threading.Event()

    def note(_conn, _cursor, statement, *_):
        if statement.startswith("INSERT INTO stories"):
            writing_stories.set()

    def hold(_conn):
        # The first refresh is held at the commit of its stories, the last view it writes.
        if writing_stories.is_set() and not paused.is_set():
            paused.set()
            release.wait(60)

    sa.event.listen(first.engine, "before_cursor_execute", note)
    sa.event.listen(first.engine, "commit", hold)
    errors: list[BaseException] = []

    def run(store):
        try:
            refresh_corpus(store)
        except BaseException as exc:
            errors.append(exc)

    a = threading.Thread(target=run, args=(first,))
    a.start()
    assert paused.wait(60), "the first refresh never reached its commit"
    b = threading.Thread(target=run, args=(second,))
    b.start()
    wait_until_someone_waits(store_url, b)  # the second has run into the first
    release.set()
    a.join(120)
    b.join(120)
    assert not errors, f"a refresh failed: {errors[0]!r}"
    with second.engine.connect() as conn:
        ids = list(conn.scalars(sa.select(t.entities.c.id)))
        members = list(conn.scalars(sa.select(t.story_articles.c.article_key)))
    assert ids and len(ids) == len(set(ids))
    assert sorted(members) == sorted(a.key for a in arts)
    first.close()
    second.close()


def test_analysis_skips_what_another_process_analysed_meanwhile(store_url):
    # Several ingests into one store each read the unanalysed keys, then work through
    # them batch by batch; an article another process analysed in between must not be
    # analysed again (four processes would otherwise do up to four times the work).
    store = open_store(store_url)
    arts = articles(range(6))
    store.add_articles(arts)
    keys = store.unanalysed_keys()
    store.save_analyses([(a.key, analyse_one(a)) for a in arts[:3]])   # the other process
    store.unanalysed_keys = lambda: keys          # what this one read before that
    given: list[str] = []

    def mapper(batch):
        given.extend(a.key for a in batch)
        return [analyse_one(a) for a in batch]

    assert analyse_pending(store, batch=4, mapper=mapper) == 3
    assert given == [a.key for a in arts[3:]]
    store.close()
