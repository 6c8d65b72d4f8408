"""POST /api/ingest: disabled without a token (403), 401 without the right one, 413 over
the size limit, and the posted articles land in the store through the real ingest path."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("svodka.article", reason="ingest endpoint needs the article builder (issue 4)")

TOKEN = "s3cret-token"
LINES = "\n".join(json.dumps({"id": f"post-{i}", "title": f"Заголовок {i}", "source": "Тестовое агентство",
                              "date": "2022-01-10T12:00:00", "text": f"Никол Пашинян встретился в Ереване {i} раз."},
                             ensure_ascii=False) for i in range(3)).encode()


@pytest.fixture()
def app_client(tmp_path):
    from fastapi.testclient import TestClient
    from svodka.web import create_app

    def make(token=TOKEN, limit=64 * 1024):
        return TestClient(create_app(str(tmp_path / "ingest.db"), ingest_token=token, max_request_bytes=limit),
                          raise_server_exceptions=False)
    return make


# (token configured, header sent, body, status)
CASES = [
    (None, {"Authorization": f"Bearer {TOKEN}"}, LINES, 403),
    (TOKEN, {}, LINES, 401),
    (TOKEN, {"Authorization": "Bearer wrong"}, LINES, 401),
    (TOKEN, {"Authorization": f"Bearer {TOKEN}"}, b"x" * (64 * 1024 + 1), 413),
    (TOKEN, {"Authorization": f"Bearer {TOKEN}"}, b"{broken json", 422),
]


@pytest.mark.parametrize("token,headers,body,status", CASES)
def test_refusals(app_client, monkeypatch, token, headers, body, status):
    monkeypatch.delenv("SVODKA_INGEST_TOKEN", raising=False)
    c = app_client(token=token or "")
    r = c.post("/api/ingest?name=dump.jsonl&analyse=false", content=body, headers=headers)
    assert r.status_code == status, r.text
    assert r.json()["error"]["message"] and "Traceback" not in r.text


def test_streamed_body_over_the_limit_is_413(app_client):
    c = app_client(limit=1000)

    def chunks():               # no Content-Length: counted while reading
        for _ in range(10):
            yield b"y" * 500
    r = c.post("/api/ingest?name=a.txt", content=chunks(), headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413


def test_posted_jsonl_is_stored_once(app_client):
    c = app_client()
    h = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    first = c.post("/api/ingest?analyse=false", content=LINES, headers=h)
    assert first.status_code == 200, first.text
    assert first.json()["stored"] == 3 and first.json()["failed"] == 0
    again = c.post("/api/ingest?analyse=false", content=LINES, headers=h).json()
    assert again["stored"] == 0 and again["already_there"] == 3
    ids = {a["id"] for a in c.get("/api/articles").json()["items"]}
    assert {"post-0", "post-1", "post-2"} <= ids


def test_posted_articles_are_analysed_and_searchable(app_client):
    c = app_client()
    h = {"Authorization": f"Bearer {TOKEN}"}
    r = c.post("/api/ingest?name=dump.jsonl", content=LINES, headers=h)
    assert r.status_code == 200 and r.json()["analysed"] == 3, r.text
    hits = c.get("/api/search", params={"q": "Пашиняном"}).json()["items"]
    assert {h["id"] for h in hits} == {"post-0", "post-1", "post-2"}
