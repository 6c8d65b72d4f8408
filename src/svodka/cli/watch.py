"""watch, sources: follow outlets over HTTP."""
from __future__ import annotations

import time

import click
import sqlalchemy as sa

from . import main
from .common import emit_json, json_option


@main.command()
@click.argument("sources_file", type=click.Path(dir_okay=False))
@click.option("--once", is_flag=True, help="Poll every source once and exit (for cron).")
@click.option("--interval", default=300, show_default=True, help="Seconds between poll rounds.")
@click.option("--rate", default=1.0, show_default=True, help="Minimum seconds between two requests to one host.")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds before a request times out.")
@click.option("--no-analysis", is_flag=True, help="Store new articles only; analyse later.")
@click.pass_obj
def watch(obj, sources_file, once, interval, rate, timeout, no_analysis):
    """Poll feeds and pages listed in SOURCES_FILE and ingest what is new.

    SOURCES_FILE has one URL per line, optionally followed by the outlet's name.
    Stories and briefings grow while it runs; a restart resumes from the store.

    \b
    Example:
      svodka watch sources.txt --once
    """
    from ..ingestion import analyse_pending, refresh_corpus
    from ..watch import SourcesFileError, Watcher, read_sources
    from ..watch.fetch import Fetcher
    try:
        sources = read_sources(sources_file)
    except SourcesFileError as exc:
        raise click.ClickException(str(exc)) from None
    watcher = Watcher(obj.store, Fetcher(timeout=timeout, min_interval=rate))
    n = 0
    try:
        while True:
            n += 1
            rnd = watcher.poll(sources, on_result=lambda r: r.status.startswith("error") and
                               click.echo(f"svodka: {r.url}: {r.status[7:]}", err=True))
            if rnd.new and not no_analysis:
                if analyse_pending(obj.store):
                    refresh_corpus(obj.store)
            click.echo(f"round {n}: {rnd.line()}", err=True)
            if once:
                return
            time.sleep(interval)
    finally:
        watcher.fetcher.close()


@main.command()
@json_option
@click.pass_obj
def sources(obj, as_json):
    """List watched sources with their health."""
    from ..store import schema as t
    with obj.store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.sources).order_by(t.sources.c.url)).all()
    for r in rows:
        d = dict(r._mapping)
        if as_json:
            emit_json(d)
        else:
            health = "ok" if not (r.last_status or "").startswith("error") else "FAILING"
            click.echo(f"{health:<8}{r.url}  [{r.outlet or '—'}] polls {r.polls}, items {r.items}, "
                       f"errors {r.errors}; last {r.last_polled}: {r.last_status}")
