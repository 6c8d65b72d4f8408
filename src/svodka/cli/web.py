"""serve, export."""
from __future__ import annotations

import sys

import click

from . import main


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--ingest-token", envvar="SVODKA_INGEST_TOKEN", metavar="TOKEN",
              help="Enable POST /api/ingest for clients sending this bearer token. Env: SVODKA_INGEST_TOKEN. "
                   "Without it the server is read-only.")
@click.option("--max-request-mb", default=8.0, show_default=True, type=float,
              help="Largest request body accepted (413 above it).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (each opens the store; SQLite in WAL mode serves them all).")
@click.pass_obj
def serve(obj, host, port, ingest_token, max_request_mb, workers):
    """Serve the web UI and the HTTP API over the store.

    Pages at http://HOST:PORT/, the API under /api (OpenAPI at /openapi.json,
    reference at /apidocs and docs/api.md).

    \b
    Example:
      svodka --db demo.db serve --port 8000
    """
    import os

    import uvicorn
    from ..store import resolve_url
    from ..web import create_app
    limit = int(max_request_mb * 1024 * 1024)
    store = obj.store                      # opened (and migrated) once, here: errors show now
    click.echo(f"svodka: serving http://{host}:{port}/ ({'ingest enabled' if ingest_token else 'read-only'}"
               f"{f', {workers} workers' if workers > 1 else ''})", err=True)
    if workers == 1:
        uvicorn.run(create_app(store, ingest_token=ingest_token or None, max_request_bytes=limit),
                    host=host, port=port, log_level="warning")
        return
    # Several processes: uvicorn imports the app in each one, configured through the environment.
    os.environ.update(SVODKA_DB=resolve_url(obj.db), SVODKA_MAX_REQUEST_BYTES=str(limit))
    if ingest_token:
        os.environ["SVODKA_INGEST_TOKEN"] = ingest_token
    uvicorn.run("svodka.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level="warning")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "gexf"]), default="jsonl", show_default=True,
              help="jsonl: articles with annotations; csv: one annotation a row; gexf: entity co-mention graph.")
@click.option("--story", metavar="ID", help="Only the articles of this story.")
@click.option("-o", "--output", "outfile", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Where to write (default stdout).")
@click.pass_obj
def export(obj, fmt, story, outfile):
    """Export articles with annotations (jsonl), annotations as rows (csv) or the
    entity co-mention graph for Gephi (gexf).

    \b
    Example:
      svodka export --format gexf -o graph.gexf
      svodka export --format csv --story STORY_ID -o story.csv
    """
    from ..web.export import ExportError, export as run_export
    try:
        chunks = run_export(obj.store, fmt, story)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    out = sys.stdout if outfile == "-" else open(outfile, "w", encoding="utf-8", newline="")
    try:
        for chunk in chunks:
            out.write(chunk)
    finally:
        if out is not sys.stdout:
            out.close()
