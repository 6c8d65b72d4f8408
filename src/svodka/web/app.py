"""The FastAPI application: HTTP API under /api, server-rendered pages elsewhere.

``create_app`` takes an open ``Store`` or a ``--db`` value. The app is read-only unless
an ingest token is configured (argument or SVODKA_INGEST_TOKEN). Errors are JSON with
the right status under /api and an HTML page elsewhere; a bug answers 500 with one
line, never a traceback.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store import Store
from ..store.queries import QueryError
from .export import ExportError

HERE = Path(__file__).parent
DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024     # a JSONL batch of a few thousand articles
log = logging.getLogger("svodka.web")


def templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(["html", "xml"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    from urllib.parse import quote
    env.filters["urlq"] = lambda v: quote(str(v or ""), safe="")
    env.filters["day"] = lambda v: (v or "")[:16].replace("T", " ")
    return env


class SizeLimit:
    """Rejects a request whose declared body is larger than the limit before reading it
    (413); bodies without a length are counted by the endpoint that reads them."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            for name, value in scope.get("headers", []):
                if name == b"content-length":
                    try:
                        n = int(value)
                    except ValueError:
                        n = -1
                    if n < 0 or n > self.max_bytes:
                        reply = JSONResponse(status_code=413 if n > 0 else 400, content={"error": {
                            "status": 413 if n > 0 else 400,
                            "message": f"request body of {n} bytes is over the limit of {self.max_bytes} bytes"
                            if n > 0 else "invalid Content-Length"}})
                        await reply(scope, receive, send)
                        return
        await self.app(scope, receive, send)


def create_app(store_or_db_url: Store | str | None = None, *, ingest_token: str | None = None,
               max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES) -> FastAPI:
    store = store_or_db_url if isinstance(store_or_db_url, Store) else Store.open(store_or_db_url)
    # Swagger UI and ReDoc load their assets from a CDN: the app serves its own API page
    # (/apidocs, from the same OpenAPI schema) instead.
    app = FastAPI(title="svodka", version=__version__, docs_url=None, redoc_url=None,
                  description="Russian-language news intelligence: articles, entities, quotes, events, "
                              "stories and cited briefings over one store. See docs/api.md.")
    app.state.store = store
    app.state.ingest_token = ingest_token if ingest_token is not None else os.environ.get("SVODKA_INGEST_TOKEN")
    app.state.max_request_bytes = max_request_bytes
    app.state.templates = templates()
    app.add_middleware(SizeLimit, max_bytes=max_request_bytes)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from . import api, pages
    app.include_router(api.router)
    app.include_router(pages.router)
    install_errors(app)
    return app


def app_from_env() -> FastAPI:
    """The app as `svodka serve --workers N` starts it in each worker process: the store
    from SVODKA_DB, the token from SVODKA_INGEST_TOKEN, the limit from SVODKA_MAX_REQUEST_BYTES."""
    limit = os.environ.get("SVODKA_MAX_REQUEST_BYTES")
    return create_app(os.environ.get("SVODKA_DB"), ingest_token=os.environ.get("SVODKA_INGEST_TOKEN") or None,
                      max_request_bytes=int(limit) if limit else DEFAULT_MAX_REQUEST_BYTES)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path.endswith(".json")


def error(request: Request, status: int, message: str, detail=None):
    if wants_json(request):
        body = {"error": {"status": status, "message": message}}
        if detail is not None:
            body["error"]["detail"] = detail
        return JSONResponse(status_code=status, content=body)
    try:
        html = request.app.state.templates.get_template("error.html").render(
            status=status, message=message, path=request.url.path)
    except Exception:  # the error page itself must never fail
        from html import escape
        html = f"<!doctype html><title>{status}</title><h1>{status}</h1><p>{escape(message)}</p>"
    return HTMLResponse(html, status_code=status)


def install_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")}
                    for e in exc.errors()]
        message = "; ".join(f'{p["where"]}: {p["problem"]}' for p in problems) or "invalid request"
        return error(request, 422, message, problems)

    @app.exception_handler(QueryError)
    @app.exception_handler(ExportError)
    async def bad_query(request: Request, exc: ValueError):
        return error(request, 422, str(exc))

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception):
        log.exception("error serving %s", request.url.path)
        return error(request, 500, f"internal error: {type(exc).__name__} (logged on the server)")
