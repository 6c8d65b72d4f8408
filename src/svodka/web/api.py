"""The HTTP API: JSON over the store's read-only queries, plus exports and the optional
ingest endpoint. Lists answer ``{"items": [...], "next_cursor": "…" | null}``; pass
``cursor`` back for the next page."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from ..store import queries
from . import export as exports
from .ingest import ingest_endpoint

router = APIRouter(prefix="/api", tags=["api"])

Limit = Query(50, ge=1, le=queries.MAX_LIMIT, description="Items per page.")
Cursor = Query(None, description="The next_cursor of the previous page.")
Since = Query(None, description="ISO date or date-time: on or after it.", examples=["2022-01-10"])
Until = Query(None, description="ISO date or date-time prefix: on or before it (inclusive).")


def store(request: Request):
    return request.app.state.store


def page(items: list, nxt: str | None) -> dict:
    return {"items": items, "next_cursor": nxt}


def found(obj, what: str, ref: str):
    if obj is None:
        raise HTTPException(404, f"no {what} {ref!r}")
    return obj


@router.get("/articles", summary="Articles, newest first")
def list_articles(request: Request, outlet: str | None = None, since: str | None = Since,
                  until: str | None = Until, entity: str | None = Query(None, description="Entity id or name."),
                  cursor: str | None = Cursor, limit: int = Limit):
    return page(*queries.articles(store(request), outlet=outlet, since=since, until=until, entity=entity,
                                  cursor=cursor, limit=limit))


@router.get("/articles/{ref:path}", summary="One article: clean text, annotations with offsets, removed pieces")
def get_article(request: Request, ref: str):
    return found(queries.article(store(request), ref), "article", ref)


@router.get("/stories", summary="Stories, latest first")
def list_stories(request: Request, cursor: str | None = Cursor, limit: int = Limit,
                 min_size: int = Query(1, ge=1, description="Only stories with at least this many articles.")):
    return page(*queries.stories(store(request), cursor=cursor, limit=limit, min_size=min_size))


@router.get("/stories/{id}", summary="One story: articles with roles, timeline, facts, conflicts, framing, briefing")
def get_story(request: Request, id: str):
    return found(queries.story(store(request), id), "story", id)


@router.get("/entities", summary="Entities, most mentioned first")
def list_entities(request: Request, type: str | None = Query(None, description="PER, ORG or LOC."),
                  q: str | None = Query(None, description="Substring of the name."),
                  cursor: str | None = Cursor, limit: int = Limit):
    return page(*queries.entities(store(request), type=type, q=q, cursor=cursor, limit=limit))


@router.get("/entities/{ref:path}", summary="One entity: aliases, roles, mentions, quotes, events")
def get_entity(request: Request, ref: str):
    return found(queries.entity(store(request), ref), "entity", ref)


@router.get("/quotes", summary="Quotes with their speakers and articles")
def list_quotes(request: Request, speaker: str | None = Query(None, description="Entity id or canonical name."),
                story: str | None = Query(None, description="Story id."),
                cursor: str | None = Cursor, limit: int = Limit):
    return page(*queries.quotes(store(request), speaker=speaker, story=story, cursor=cursor, limit=limit))


@router.get("/events", summary="Events merged across articles, with their sources")
def list_events(request: Request, entity: str | None = Query(None, description="A participant: entity id or name."),
                since: str | None = Since, until: str | None = Until,
                type: str | None = Query(None, description="meeting, phone_call, visit, statement, …"),
                cursor: str | None = Cursor, limit: int = Limit):
    return page(*queries.events(store(request), entity=entity, since=since, until=until, type=type,
                                cursor=cursor, limit=limit))


@router.get("/timeline", summary="Dated events (and, for an entity, the articles naming it) in order")
def get_timeline(request: Request, entity: str | None = None):
    return {"items": queries.timeline(store(request), entity)}


@router.get("/search", summary="Full-text search over lemmas, ranked, with highlighted snippets")
def search(request: Request, q: str = Query(..., min_length=1, description="Words in any form: «Пашиняном»."),
           cursor: str | None = Cursor, limit: int = Query(20, ge=1, le=queries.MAX_LIMIT)):
    items, nxt = queries.search(store(request), q, cursor=cursor, limit=limit)
    return {"query": q, "lemmas": queries.query_lemmas(q), **page(items, nxt)}


@router.get("/coverage", summary="Articles per outlet per day (or hour)")
def coverage(request: Request, bucket: str | None = Query(None, pattern="^(day|hour)$"),
             top: int | None = Query(None, ge=1)):
    return queries.coverage(store(request), bucket=bucket, top=top)


@router.get("/outlets", summary="Outlets with their article counts")
def outlets(request: Request):
    return {"items": queries.outlets(store(request))}


@router.get("/export", summary="Export: jsonl (articles with annotations), csv (one annotation a row), "
                               "gexf (entity co-mention graph)")
def export(request: Request, format: str = Query("jsonl", pattern="^(jsonl|csv|gexf)$"),
           story: str | None = Query(None, description="Only this story's articles.")):
    s = store(request)
    if story is not None and queries.story(s, story) is None:
        raise HTTPException(404, f"no story {story!r}")
    chunks = exports.export(s, format, story)
    name = f"svodka{'-' + story if story else ''}.{format}"
    return StreamingResponse(chunks, media_type=exports.MEDIA_TYPES[format],
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


router.add_api_route("/ingest", ingest_endpoint, methods=["POST"], summary=ingest_endpoint.__doc__.splitlines()[0],
                     description=ingest_endpoint.__doc__)
