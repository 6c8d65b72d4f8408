"""One real SQLite store built from the demo corpus per test session, shared read-only
by the API, page and browser tests (tests that write build their own).

The store is built through the library's ingest path (adapters, cleaning, analysis,
corpus views), as `svodka ingest examples/` does. A story with a cited briefing is
needed to test citations; if the stories stage has not produced one, the fixture adds
one over the CSTO-session articles, labelled as a fixture, citing real sentences.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
# Cleaning strips tags but decodes entities: an article that *writes about* a script tag
# (&lt;script&gt;) has a real "<script>" in its clean text, the case escaping must hold for.
SCRIPT_TEXT = "<script>window.svodkaPwned = 1; document.title = 'pwned'</script>"
IMG_TEXT = '<img src=x onerror="window.svodkaPwned = 2">'
EVIL_ID = "evil-script"


def ingest_files(store, paths: list[Path]) -> None:
    """The library ingest, as `svodka ingest PATHS` runs it."""
    from svodka.ingest import read
    from svodka.ingestion import IngestReport, analyse_pending, build_articles, store_articles
    report = IngestReport()
    store_articles(store, build_articles(read([str(p) for p in paths]), report), report)
    assert not report.failed, report.errors
    analyse_pending(store)
    refresh_views(store)


def refresh_views(store) -> None:
    """The corpus views (entities, merged events, stories), each on its own: the web
    layer shows whatever exists, so one view failing (an analysis module mid-change)
    must not hide the others. A failure is reported as a warning, not swallowed."""
    import warnings
    from svodka.store import corpus
    for refresh in (corpus.refresh_entities, corpus.refresh_events, corpus.refresh_stories):
        try:
            refresh(store)
        except Exception as exc:  # noqa: BLE001 - reported below
            warnings.warn(f"{refresh.__name__} failed: {type(exc).__name__}: {exc}")


def sentence_containing(store, article_key: str, needle: str) -> tuple[int, int]:
    """The [start, stop) of the analysed sentence that contains ``needle``."""
    a = store.get_articles([article_key])[0]
    at = a.clean.index(needle)
    for s in store.get_analysis(article_key).sentences:
        if s.start <= at < s.stop:
            return s.start, s.stop
    return at, at + len(needle)


def ensure_cited_story(store) -> dict:
    """A story whose view has a briefing line citing one sentence of a seed article:
    (story id, article key, start, stop, sentence text)."""
    from svodka.store import schema as t
    with store.engine.connect() as conn:
        # Stories told by several articles first: those are the ones the home page lists.
        for sid, view in conn.execute(sa.select(t.stories.c.id, t.stories.c.view)
                                      .order_by(t.stories.c.size.desc(), t.stories.c.id)):
            for line in (view or {}).get("briefing") or []:
                cites = (line.get("citations") or line.get("cites") or []) if isinstance(line, dict) else []
                for c in cites:
                    if {"article", "start", "stop"} <= set(c) and c["stop"] > c["start"]:
                        key = store.find_article(c["article"]).key
                        text = store.get_articles([key])[0].clean[c["start"]:c["stop"]]
                        return {"story": sid, "key": key, "start": c["start"], "stop": c["stop"], "text": text}
    arts = {a.input_id: a for a, _ in store.iter_articles()}
    members = [arts[n] for n in sorted(arts) if n[:3] in ("001", "002", "003", "004")]
    target = next(a for a in members if a.input_id.startswith("002"))
    start, stop = sentence_containing(store, target.key, "ОДКБ")
    view = {"fixture": "added by tests/web/conftest.py: the stories stage made no cited briefing",
            "briefing": [{"text": target.clean[start:stop], "citations": [
                {"article": target.input_id, "start": start, "stop": stop}]}],
            "facts": [{"fact": "число миротворцев", "value": "2,3 тысячи"}],
            "conflicts": [], "framing": {a.outlet or a.input_id: {"scare_quotes": []} for a in members}}
    with store.engine.begin() as conn:
        conn.execute(t.stories.insert().values(
            id="fixture-csto", title="Сессия ОДКБ 10 января 2022 (fixture)", first_published="2022-01-10T11:55",
            last_published="2022-02-10", outlets=sorted({a.outlet or "?" for a in members}), size=len(members),
            view=view))
        conn.execute(t.story_articles.insert(), [{"story_id": "fixture-csto", "article_key": a.key,
                                                  "role": "member"} for a in members])
    return {"story": "fixture-csto", "key": target.key, "start": start, "stop": stop,
            "text": target.clean[start:stop]}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> dict:
    """{"path": db path, "cite": ensure_cited_story(...), "evil": key of the <script> article}."""
    from svodka.store import Store
    d = tmp_path_factory.mktemp("webstore")
    evil = d / "evil.jsonl"
    entities = SCRIPT_TEXT.replace("<", "&lt;").replace(">", "&gt;")
    img = IMG_TEXT.replace("<", "&lt;").replace(">", "&gt;")
    evil.write_text(json.dumps({
        "id": EVIL_ID, "source": "Тестовое агентство", "date": "2023-11-21T10:00:00",
        "title": f"Статья с подвохом {SCRIPT_TEXT}",
        "text": f"Никол Пашинян сказал: {entities} и ещё {img} Встреча прошла в Ереване 20 ноября 2023 года."},
        ensure_ascii=False) + "\n", encoding="utf-8")
    path = d / "demo.db"
    store = Store.open(str(path))
    ingest_files(store, sorted(EXAMPLES.iterdir()) + [evil])
    cite = ensure_cited_story(store)
    evil_key = store.find_article(EVIL_ID).key
    store.close()
    return {"path": str(path), "cite": cite, "evil": evil_key}


@pytest.fixture(scope="session")
def client(demo_db):
    from fastapi.testclient import TestClient
    from svodka.web import create_app
    app = create_app(demo_db["path"])
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.store.close()


def chromium_path() -> str | None:
    path = os.environ.get("SVODKA_CHROMIUM", "/usr/bin/chromium")
    return path if os.path.exists(path) else None
