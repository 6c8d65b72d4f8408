"""POST /api/ingest: the one write endpoint, off unless a token is configured.

Order of checks, each with its own status: no token configured -> 403 (the server is
read-only); wrong or missing token -> 401; body over the limit -> 413 (declared length
checked by the app's middleware, the actual stream counted here); then the body goes
through the same path as `svodka ingest`: adapters (svodka.ingest.read_bytes), cleaning,
the store, analysis, corpus views.
"""
from __future__ import annotations

import hmac
import re

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool

from ..ingestion import IngestReport, analyse_one, build_articles, refresh_corpus, store_articles

# Content types -> a file name the adapters recognise by extension.
BY_TYPE = {"application/x-ndjson": "upload.jsonl", "application/jsonl": "upload.jsonl",
           "application/json": "upload.jsonl", "application/gzip": "upload.jsonl.gz",
           "text/html": "upload.html", "application/xhtml+xml": "upload.html",
           "application/rss+xml": "upload.xml", "application/atom+xml": "upload.xml",
           "text/markdown": "upload.md", "text/plain": "upload.txt"}
SAFE_NAME = re.compile(r"[^\w.\-]+")


def presented_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-svodka-token")


def check_token(request: Request) -> None:
    expected = request.app.state.ingest_token
    if not expected:
        raise HTTPException(403, "ingest is disabled: this server is read-only "
                                 "(start it with SVODKA_INGEST_TOKEN set to enable POST /api/ingest)")
    given = presented_token(request)
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid token is required: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})


async def read_limited(request: Request, limit: int) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"request body is over the limit of {limit} bytes")
    return bytes(body)


def upload_name(request: Request, name: str | None) -> str:
    if name:
        return SAFE_NAME.sub("_", name)[-120:] or "upload"
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return BY_TYPE.get(ctype, "upload")


def run_ingest(store, data: bytes, name: str, analyse: bool) -> dict:
    from ..ingest import read_bytes
    report = IngestReport()
    keys: list[str] = []

    def noted(articles):
        for a in articles:
            keys.append(a.key)
            yield a
    store_articles(store, noted(build_articles(read_bytes(data, name), report)), report)
    if analyse and report.stored:
        # Only what this request brought: the store may hold thousands of articles
        # waiting for `svodka analyse`, which is no job for one HTTP request.
        pending = set(store.unanalysed_keys())
        todo = [k for k in dict.fromkeys(keys) if k in pending]
        for i in range(0, len(todo), 50):
            arts = store.get_articles(todo[i:i + 50])
            report.analysed += store.save_analyses([(a.key, analyse_one(a)) for a in arts])
        if report.analysed:
            refresh_corpus(store)
    return {"stored": report.stored, "already_there": report.skipped, "failed": report.failed,
            "analysed": report.analysed,
            "errors": [{"location": e.location, "reason": e.reason} for e in report.errors]}


async def ingest_endpoint(request: Request, name: str | None = None, analyse: bool = True):
    """Ingest posted articles (JSONL, JSONL.gz, HTML, RSS/Atom, text or markdown).

    The body is the document itself; its format is read from `name` (a file name such
    as `dump.jsonl`), else from the Content-Type, else from the content. Needs
    `Authorization: Bearer <token>` where the token is the server's SVODKA_INGEST_TOKEN.
    Answers the ingest report: stored, already_there, failed (with each error), analysed.
    403 when ingest is disabled, 401 without a valid token, 413 over the size limit,
    422 when nothing in the body could be read as an article.
    """
    check_token(request)
    data = await read_limited(request, request.app.state.max_request_bytes)
    result = await run_in_threadpool(run_ingest, request.app.state.store, data, upload_name(request, name),
                                     analyse)
    if result["failed"] and not result["stored"] and not result["already_there"]:
        raise HTTPException(422, "; ".join(f'{e["location"]}: {e["reason"]}' for e in result["errors"])[:2000])
    return result
