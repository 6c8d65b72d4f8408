from __future__ import annotations

import pytest

from svodka.store import Store
from svodka.watch import Source, Watcher, read_sources
from svodka.watch.fetch import Fetcher


@pytest.fixture()
def watcher(tmp_path):
    store = Store.open(str(tmp_path / "w.db"))
    w = Watcher(store, Fetcher(timeout=0.5, retries=1, backoff=0.05, min_interval=0, max_bytes=2_000_000))
    yield w
    w.fetcher.close()


def test_feed_of_the_seeds_then_nothing_new(watcher, site):
    src = [Source(site.base + "/feed.xml", "Демо")]
    first = watcher.poll(src)
    assert first.new == 5, first.results
    assert watcher.store.count_articles() == 5
    second = watcher.poll(src)
    assert second.new == 0
    assert second.results[0].status == "not modified"        # conditional GET answered 304
    assert watcher.store.count_articles() == 5


@pytest.mark.parametrize("path,reason", [
    ("/500", "HTTP 500"),
    ("/slow", "timed out"),
    ("/bad-feed.xml", "malformed feed"),
    ("/loop", "too many redirects"),
    ("/huge", "too large"),
    ("/private/page.html", "robots.txt"),
])
def test_fault_is_reported_and_others_go_on(watcher, site, path, reason):
    sources = [Source(site.base + path), Source(site.base + "/feed.xml")]
    rnd = watcher.poll(sources)
    bad, good = rnd.results
    assert bad.status.startswith("error") and reason in bad.status, bad.status
    assert good.new == 5
    rnd2 = watcher.poll(sources)
    assert rnd2.results[0].status.startswith("error")
    with watcher.store.engine.connect() as conn:
        errors = conn.exec_driver_sql("SELECT errors FROM sources WHERE url = ?", (site.base + path,)).scalar()
    assert errors == 2


def test_cp1251_page_is_read(watcher, site):
    rnd = watcher.poll([Source(site.base + "/cp1251.html", "Демо")])
    assert rnd.new == 1, rnd.results
    article = watcher.store.find_article(site.base + "/cp1251.html")
    assert "Тасмагамбетова" in article.clean
    assert article.outlet == "Демо"


def test_restart_resumes_from_the_store(tmp_path, site):
    db = str(tmp_path / "w.db")
    w1 = Watcher(Store.open(db), Fetcher(min_interval=0))
    w1.poll([Source(site.base + "/feed.xml")])
    site.etag = '"v2"'                      # the feed changed: same items, new ETag
    w2 = Watcher(Store.open(db), Fetcher(min_interval=0))
    rnd = w2.poll([Source(site.base + "/feed.xml")])
    assert rnd.new == 0 and rnd.results[0].status == "no new items"
    assert all(site.hits[p] == 1 for p in site.pages)      # pages were not fetched again


def test_sources_file(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("# outlets\nhttps://example.org/rss ТАСС\n\nhttp://x.test/feed\n", encoding="utf-8")
    assert read_sources(path) == [Source("https://example.org/rss", "ТАСС"), Source("http://x.test/feed")]
    path.write_text("ftp://nope\n", encoding="utf-8")
    with pytest.raises(ValueError, match=":1: not an http"):
        read_sources(path)


def test_cli_watch_once(tmp_path, site):
    from click.testing import CliRunner
    from svodka.cli import main
    sources = tmp_path / "sources.txt"
    sources.write_text(f"{site.base}/feed.xml Демо\n{site.base}/500\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    r = CliRunner().invoke(main, ["--db", db, "watch", str(sources), "--once", "--rate", "0",
                                  "--timeout", "1", "--no-analysis"])
    assert r.exit_code == 0, r.output
    assert "5 new articles" in r.output and "/500: HTTP 500" in r.output
    listed = CliRunner().invoke(main, ["--db", db, "sources"])
    assert "FAILING" in listed.output and "feed.xml" in listed.output
