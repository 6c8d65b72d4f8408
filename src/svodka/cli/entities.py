"""entities, entity: who is named, with aliases, roles and articles."""
from __future__ import annotations

import click

from . import main
from .common import emit_json, json_option, paged
from ..store import queries


@main.command()
@click.option("--type", "type_", type=click.Choice(["PER", "ORG", "LOC"], case_sensitive=False),
              help="Only this type.")
@click.option("--q", help="Names containing this text.")
@click.option("--limit", default=50, show_default=True, help="How many (0: all).")
@json_option
@click.pass_obj
def entities(obj, type_, q, limit, as_json):
    """List entities, most mentioned first.

    \b
    Example:
      svodka entities --type PER --json
    """
    for e in paged(lambda cursor, n: queries.entities(obj.store, type=type_, q=q, cursor=cursor, limit=n), limit):
        if as_json:
            emit_json(e)
        else:
            click.echo(f"{e['name']:<40} {e['type']:<4} {e['mentions']:>5} mentions in {e['articles']} articles")


@main.command()
@click.argument("name")
@json_option
@click.pass_obj
def entity(obj, name, as_json):
    """One entity (canonical name or id): aliases, roles, articles, co-mentions.

    \b
    Example:
      svodka entity "Никол Пашинян"
    """
    e = queries.entity(obj.store, name)
    if e is None:
        raise click.ClickException(f"no entity {name!r}; try `svodka entities --q {name.split()[-1]}`")
    if as_json:
        emit_json(e)
        return
    click.echo(f"{e['name']} [{e['type']}]  id {e['id']}" + (f"  wikidata {e['wikidata']}" if e.get("wikidata") else ""))
    click.echo(f"  {e['mentions']} mentions in {e['articles']} articles")
    click.echo("  aliases: " + ", ".join(f"{a['text']} ({a['kind']}, {a['count']})" for a in e["aliases"]))
    if e["roles"]:
        click.echo("  roles:   " + ", ".join(r["role"] for r in e["roles"]))
    click.echo("  articles:")
    for g in e["mentions_by_article"]:
        forms = ", ".join(dict.fromkeys(f"{m['text']}" + (f" [{m['kind']}]" if m["kind"] != "name" else "")
                                        for m in g["mentions"]))
        click.echo(f"    {g['id']} ({g['outlet'] or '?'}, {g['published'] or 'no date'}): {forms}")
    if e["co_mentioned"]:
        click.echo("  mentioned with: " + ", ".join(f"{c['name']} ({c['shared_articles']})" for c in e["co_mentioned"][:15]))
    if e["quotes"]:
        click.echo(f"  quotes: {len(e['quotes'])} (svodka quotes --speaker {e['name']!r})")
    if e["events"]:
        click.echo(f"  events: {len(e['events'])} (svodka timeline {e['name']!r})")
