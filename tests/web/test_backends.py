"""The read-only queries on both store backends (SQLite, and PostgreSQL where a server can
be started: tests/conftest.py's store_url), over the demo corpus."""
from __future__ import annotations

from svodka.store import Store, queries

from .conftest import EXAMPLES, ingest_files


def test_queries_on_each_backend(store_url):
    store = Store.open(store_url)
    try:
        ingest_files(store, sorted(EXAMPLES.iterdir()))
        whole, _ = queries.articles(store, limit=500)
        assert len(whole) == 5
        paged, cur = [], None
        while True:
            items, cur = queries.articles(store, limit=2, cursor=cur)
            paged += items
            if not cur:
                break
        assert [a["key"] for a in paged] == [a["key"] for a in whole]
        hits, _ = queries.search(store, "Пашиняном")
        assert {"000", "002", "004"} <= {h["id"][:3] for h in hits}
        assert all(h["marks"] for h in hits)
        a = queries.article(store, whole[0]["key"])
        assert a["text"] and a["annotations"]["sentences"]
        ents, _ = queries.entities(store, limit=5)
        if ents:
            e = queries.entity(store, ents[0]["id"])
            assert e["mentions_by_article"]
        dated = queries.articles(store, since="2022-01-01", until="2022-12")[0]
        assert all("2022-01" <= x["published"][:7] <= "2022-12" for x in dated)
        cov = queries.coverage(store)
        assert cov["total"] == 5
        queries.quotes(store, limit=5)
        queries.events(store, since="2022", limit=5)
        for s in queries.stories(store)[0]:
            assert queries.story(store, s["id"])["articles"]
    finally:
        store.close()
