"""The HTTP API over a real SQLite store of the demo corpus (FastAPI's TestClient)."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from .conftest import EVIL_ID, SCRIPT_TEXT

# (path, status): every endpoint answers, with the right status, JSON, never a traceback.
STATUS = [
    ("/api/articles", 200),
    ("/api/articles?limit=2", 200),
    ("/api/articles?since=2022-01-01&until=2022-12-31", 200),
    ("/api/articles?outlet=nowhere", 200),
    ("/api/articles/no-such-article", 404),
    ("/api/articles?since=yesterday", 422),
    ("/api/articles?until=2022-13-01", 422),
    ("/api/articles?limit=0", 422),
    ("/api/articles?limit=100000", 422),
    ("/api/articles?cursor=garbage!", 422),
    ("/api/stories", 200),
    ("/api/stories/fixture-none", 404),
    ("/api/entities", 200),
    ("/api/entities?type=PER&q=пашинян", 200),
    ("/api/entities/PER:Никто Никакой", 404),
    ("/api/quotes", 200),
    ("/api/quotes?speaker=Владимир Путин", 200),
    ("/api/events", 200),
    ("/api/events?type=meeting&since=2022-01-01", 200),
    ("/api/events?since=10.01.2022", 422),
    ("/api/timeline", 200),
    ("/api/search?q=Пашиняном", 200),
    ("/api/search", 422),
    ("/api/search?q=", 422),
    ("/api/search?q=!!!", 422),
    ('/api/search?q="ОДКБ" OR NEAR(', 200),
    ("/api/coverage", 200),
    ("/api/coverage?bucket=week", 422),
    ("/api/outlets", 200),
    ("/api/export?format=xml", 422),
    ("/api/export?format=jsonl&story=fixture-none", 404),
    ("/api/nothing-here", 404),
    ("/openapi.json", 200),
]


@pytest.mark.parametrize("path,status", STATUS)
def test_status_and_json_errors(client, path, status):
    r = client.get(path)
    assert r.status_code == status, r.text
    body = r.json()
    assert "Traceback" not in r.text
    if status >= 400:
        assert body["error"]["status"] == status and body["error"]["message"]


def walk(client, path: str, limit: int) -> list[dict]:
    items, cursor = [], None
    for _ in range(100):
        sep = "&" if "?" in path else "?"
        r = client.get(f"{path}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items
    raise AssertionError("pagination does not end")


@pytest.mark.parametrize("path,key", [("/api/articles", "key"), ("/api/quotes", "id"), ("/api/entities", "id")])
def test_cursor_pages_cover_everything_once(client, path, key):
    whole = client.get(f"{path}?limit=500").json()["items"]
    paged = walk(client, path, 2)
    assert [x[key] for x in paged] == [x[key] for x in whole]


def test_cursor_is_stable_when_articles_arrive(tmp_path, demo_db):
    """A page boundary does not move when a newer article is stored between two requests."""
    import shutil
    from fastapi.testclient import TestClient
    from svodka.store import Store
    from svodka.web import create_app
    from .conftest import ingest_files
    db = tmp_path / "copy.db"
    shutil.copy(demo_db["path"], db)
    store = Store.open(str(db))
    c = TestClient(create_app(store))
    first = c.get("/api/articles?limit=3").json()
    src = tmp_path / "new.txt"
    src.write_text("Новая статья, пришедшая между двумя запросами страницы\n\nТекст.\n", encoding="utf-8")
    ingest_files(store, [src])
    second = c.get(f"/api/articles?limit=3&cursor={first['next_cursor']}").json()
    whole = c.get("/api/articles?limit=500").json()["items"]
    keys = [a["key"] for a in whole]
    assert [a["key"] for a in second["items"]] == keys[keys.index(first["items"][-1]["key"]) + 1:][:3]
    store.close()


def test_article_has_clean_text_annotations_and_removed(client):
    items = client.get("/api/articles?limit=500").json()["items"]
    a = client.get("/api/articles/" + next(x["key"] for x in items if x["id"].startswith("001"))).json()
    assert a["id"].startswith("001") and "РЕКЛАМА" not in a["text"]
    assert any("РЕКЛАМА" in r["text"] for r in a["removed"])
    ann = a["annotations"]
    assert set(ann) >= {"mentions", "quotes", "dates", "events", "frames", "sentences"}
    for layer in ("mentions", "quotes", "dates", "sentences"):
        for x in ann[layer]:
            assert 0 <= x["start"] < x["stop"] <= len(a["text"])
    for m in ann["mentions"]:
        assert a["text"][m["start"]:m["stop"]] == m["text"]
    # the same article by input id and by key prefix
    assert client.get("/api/articles/" + a["id"]).json()["key"] == a["key"]
    assert client.get("/api/articles/" + a["key"][:10]).json()["key"] == a["key"]


def test_search_finds_a_declined_name_with_highlighted_snippet(client):
    r = client.get("/api/search", params={"q": "Пашиняном"}).json()
    assert r["lemmas"] == ["пашинян"]
    assert r["items"], "no hit for «Пашиняном»"
    # the nominative «Пашинян» (which the lemmatiser reads as «пашинянин») is found too
    assert {"000", "002", "004"} <= {h["id"][:3] for h in r["items"]}
    for hit in r["items"]:
        marked = [hit["snippet"][a + hit.get("snippet_prefix", 0):b + hit.get("snippet_prefix", 0)]
                  for a, b in hit["marks"]]
        assert marked and all(w.lower().startswith("пашинян") for w in marked), marked
    scores = [h["score"] for h in r["items"]]
    assert scores == sorted(scores, reverse=True)


def test_search_pages_with_cursor(client):
    whole = client.get("/api/search", params={"q": "ОДКБ", "limit": 50}).json()["items"]
    paged = walk(client, "/api/search?q=ОДКБ", 1)
    assert [h["key"] for h in paged] == [h["key"] for h in whole] and len(whole) >= 2


def test_story_has_articles_with_roles_and_view(client, demo_db):
    sid = demo_db["cite"]["story"]
    s = client.get(f"/api/stories/{quote(sid)}").json()
    assert s["articles"] and all(a["role"] for a in s["articles"])
    assert "briefing" in s["view"]
    listed = client.get("/api/stories?limit=500").json()["items"]
    assert sid in [x["id"] for x in listed]


def test_quotes_carry_their_article(client):
    items = client.get("/api/quotes?limit=500").json()["items"]
    for q in items:
        assert q["article"]["key"] and q["article"]["id"]
    by_story = client.get("/api/quotes", params={"story": "fixture-none"}).json()["items"]
    assert by_story == []


def test_coverage_counts_articles(client):
    cov = client.get("/api/coverage").json()
    assert cov["total"] == len(client.get("/api/articles?limit=500").json()["items"])


def test_script_in_article_comes_back_as_data(client, demo_db):
    a = client.get(f"/api/articles/{EVIL_ID}").json()
    assert SCRIPT_TEXT in a["text"] and SCRIPT_TEXT in a["title"]


@pytest.mark.parametrize("fmt,check", [
    ("jsonl", lambda body: all(json.loads(x)["text"] for x in body.splitlines())),
    ("csv", lambda body: body.splitlines()[0].startswith("article_key,article_id")),
    ("gexf", lambda body: body.startswith("<?xml") and "<gexf" in body and body.rstrip().endswith("</gexf>")),
])
def test_exports(client, demo_db, fmt, check):
    r = client.get("/api/export", params={"format": fmt})
    assert r.status_code == 200 and check(r.text)
    story = client.get("/api/export", params={"format": fmt, "story": demo_db["cite"]["story"]})
    assert story.status_code == 200 and check(story.text)
    if fmt == "jsonl":
        assert len(story.text.splitlines()) < len(r.text.splitlines())


def test_gexf_is_valid_xml_with_weighted_edges(demo_db):
    import xml.etree.ElementTree as ET
    from svodka.store import Store
    from svodka.web.export import export
    store = Store.open(demo_db["path"])
    root = ET.fromstring("".join(export(store, "gexf")))
    ns = {"g": "http://gexf.net/1.3"}
    nodes = root.findall(".//g:node", ns)
    ids = {n.get("id") for n in nodes}
    for e in root.findall(".//g:edge", ns):
        assert e.get("source") in ids and e.get("target") in ids and int(e.get("weight")) >= 1
    store.close()


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/articles", "/api/articles/{ref}", "/api/stories", "/api/stories/{id}", "/api/entities",
              "/api/entities/{ref}", "/api/quotes", "/api/events", "/api/search", "/api/export", "/api/ingest"):
        assert p in paths, p


def test_a_bug_answers_500_json_without_traceback(demo_db, monkeypatch):
    from fastapi.testclient import TestClient
    from svodka.store import queries
    from svodka.web import create_app

    def broken(*a, **k):
        raise RuntimeError("secret internals")
    monkeypatch.setattr(queries, "stories", broken)
    c = TestClient(create_app(demo_db["path"]), raise_server_exceptions=False)
    for path in ("/api/stories", "/stories"):
        r = c.get(path)
        assert r.status_code == 500 and "Traceback" not in r.text and "secret internals" not in r.text


def test_filters_filter(client):
    whole = client.get("/api/articles?limit=500").json()["items"]
    outlet = next(a["outlet"] for a in whole if a["outlet"])
    only = client.get("/api/articles", params={"outlet": outlet}).json()["items"]
    assert only and all(a["outlet"] == outlet for a in only)
    ents = client.get("/api/entities?limit=500").json()["items"]
    if ents:
        e = ents[0]
        by_entity = {a["key"] for a in client.get("/api/articles", params={"entity": e["id"]}).json()["items"]}
        detail = client.get("/api/entities/" + quote(e["id"], safe="")).json()
        assert by_entity == {g["key"] for g in detail["mentions_by_article"]}
        assert all(x["type"] == e["type"] for x in client.get("/api/entities", params={"type": e["type"]}).json()["items"])
    for q in client.get("/api/quotes?limit=500").json()["items"]:
        if q["speaker"]:
            got = client.get("/api/quotes", params={"speaker": q["speaker"]}).json()["items"]
            assert got and all(x["speaker"] == q["speaker"] or x["speaker_id"] == q["speaker"] for x in got)
            break
