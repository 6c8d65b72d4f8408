"""ingest, analyse, articles, show, extract, report."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import main
from .common import emit_json, json_option, progress
from ..ingestion import IngestReport, analyse_pending, build_articles, refresh_corpus, store_articles
from ..store.codec import published_iso


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--no-analysis", is_flag=True, help="Store clean articles only; analyse later with `svodka analyse`.")
@click.option("--workers", type=int, default=0, help="Analyse on a local Dask cluster of N workers.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Analyse on an existing Dask cluster.")
@click.pass_obj
def ingest(obj, paths, no_analysis, workers, scheduler):
    """Read, clean and store articles, then analyse them and update stories.

    PATHS are files (.txt, .md, .html, .jsonl, .jsonl.gz, RSS/Atom feeds),
    directories (read recursively) or - for stdin. Exit status: 0 when every
    input was stored (or already there), 1 when some failed (each named on stderr).

    \b
    Example:
      svodka ingest examples/ dump.jsonl.gz
    """
    from ..ingest import read
    store = obj.store
    report = IngestReport()
    bar = progress("ingest")

    def on_error(err):
        bar.clear()
        click.echo(f"svodka: {err.location}: {err.reason}", err=True)

    stdin = sys.stdin.buffer if "-" in paths else None
    articles = build_articles(read(list(paths), stdin=stdin), report, on_error)
    try:
        store_articles(store, articles, report, tick=bar.update)
    finally:
        bar.close()
    if not no_analysis:
        report.analysed = _analyse(store, workers, scheduler)
    click.echo(f"stored {report.stored}, already there {report.skipped}, failed {report.failed}"
               + (f", analysed {report.analysed}" if not no_analysis else ""), err=True)
    sys.exit(1 if report.failed else 0)


def _analyse(store, workers: int = 0, scheduler: str | None = None) -> int:
    bar = progress("analyse")
    submit = None
    cluster = None
    if workers or scheduler:
        from ..dist import DaskMapper
        try:
            cluster = DaskMapper(workers=workers, scheduler=scheduler)
        except (OSError, TimeoutError) as exc:    # an unreachable scheduler, a port in use
            bar.close()
            raise click.ClickException(f"cannot start Dask ({scheduler or f'{workers} local workers'}): {exc}") \
                from None
        submit = cluster.submit
    try:
        done = analyse_pending(store, tick=bar.update, total=lambda n: bar.reset(total=n), submit=submit)
    finally:
        bar.close()
        if cluster:
            cluster.close()
    if done:
        refresh_corpus(store)
    return done


@main.command()
@click.option("--workers", type=int, default=0, help="Analyse on a local Dask cluster of N workers.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Analyse on an existing Dask cluster.")
@click.pass_obj
def analyse(obj, workers, scheduler):
    """Analyse stored articles that have no analysis yet (resumes an interrupted run)."""
    done = _analyse(obj.store, workers, scheduler)
    click.echo(f"analysed {done}", err=True)


def article_json(a, analysis=None) -> dict:
    d = {"id": a.input_id, "title": a.title, "outlet": a.outlet, "url": a.url,
         "published": published_iso(a.published), "text": a.clean, "key": a.key,
         "published_how": a.published.how, "removed": len(a.removed), "warnings": a.warnings}
    if analysis is not None:
        d.update(entities=len(analysis.mentions), quotes=len(analysis.quotes), events=len(analysis.events))
    return d


@main.command()
@json_option
@click.option("--outlet", help="Only this outlet.")
@click.option("--since", metavar="DATE", help="Only articles published on or after DATE (ISO).")
@click.pass_obj
def articles(obj, as_json, outlet, since):
    """List stored articles in publication order.

    \b
    Example:
      svodka articles --outlet ТАСС --since 2022-01-01 --json
    """
    for a, analysis in obj.store.iter_articles(outlet=outlet, since=since):
        if as_json:
            emit_json(article_json(a, analysis))
        else:
            when = published_iso(a.published) or "(no date)"
            click.echo(f"{a.key[:10]}  {when:<16}  {(a.outlet or '?')[:24]:<24}  {a.title or a.input_id}")


@main.command()
@click.argument("ref")
@click.option("--explain", is_flag=True, help="Say what cleaning removed, by which rule and why.")
@json_option
@click.pass_obj
def show(obj, ref, explain, as_json):
    """Show one article (by svodka key, key prefix or input id).

    \b
    Example:
      svodka show 004_75329027fc359d53.txt --explain
    """
    a = obj.store.find_article(ref)
    if a is None:
        raise click.ClickException(f"no article {ref!r} in the store")
    analysis = obj.store.get_analysis(a.key)
    if as_json:
        from ..extract import to_json
        emit_json(to_json(a, analysis) if analysis else article_json(a))
        return
    click.echo(f"{a.title or a.input_id}")
    click.echo(f"  id        {a.input_id}  (key {a.key})")
    click.echo(f"  outlet    {a.outlet or '—'}")
    click.echo(f"  published {published_iso(a.published) or '—'}" + (f"  (from {a.published.how})" if a.published.how else ""))
    if a.url:
        click.echo(f"  url       {a.url}")
    for w in a.warnings:
        click.echo(f"  warning   {w}")
    if explain:
        click.echo(f"\nremoved {len(a.removed)} pieces, {sum(r.stop - r.start for r in a.removed)} of {len(a.raw)} characters:")
        for r in a.removed:
            click.echo(f"  [{r.start}:{r.stop}) {r.rule:<18} {_reason(r.rule)}: {a.raw[r.start:r.stop]!r}")
    click.echo("\n" + a.clean)
    if analysis:
        click.echo(f"\n{len(analysis.mentions)} entity mentions, {len(analysis.quotes)} quotes, "
                   f"{len(analysis.dates)} dates, {len(analysis.events)} events")


def _reason(rule: str) -> str:
    from .. import clean
    describe = getattr(clean, "describe", None)
    return describe(rule) if describe else rule


@main.command()
@click.argument("infile", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", "outfile", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Where to write the JSONL (default stdout).")
def extract(infile, outfile):
    """Analyse a JSONL file statelessly: one output line per input line, same order.

    Each input line is {"id", "text"} (title, url, source, date optional); offsets
    in the output point into each input text exactly as given.

    \b
    Example:
      svodka extract articles.jsonl -o annotations.jsonl
    """
    from ..extractfile import extract_file
    failed = extract_file(infile, outfile)
    sys.exit(1 if failed else 0)
