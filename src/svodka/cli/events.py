"""events, timeline: what happened, merged across outlets."""
from __future__ import annotations

import click

from . import main
from .common import emit_json, json_option, paged
from ..store import queries


def _line(e: dict) -> str:
    bits = [e.get("date") or "undated", e["type"]]
    if e.get("status") and e["status"] != "happened":
        bits.append(e["status"])
    where = f" in {e['place']}" if e.get("place") else ""
    fmt = f" ({e['format']})" if e.get("format") else ""
    who = ", ".join(e.get("participants") or [])
    init = f"; initiator {e['initiator']}" if e.get("initiator") else ""
    src = ", ".join(dict.fromkeys(s.get("id") or s["article"] for s in e.get("sources", [])))
    return f"{' '.join(bits)}{where}{fmt}: {who}{init}  [{len(e.get('sources', []))} sources: {src}]"


@main.command()
@click.option("--entity", help="Only events with this entity (name or id).")
@click.option("--since", metavar="DATE", help="Only events on or after DATE (ISO).")
@click.option("--type", "type_", help="Only this event type (meeting, phone_call, …).")
@click.option("--limit", default=0, show_default=True, help="How many (0: all).")
@json_option
@click.pass_obj
def events(obj, entity, since, type_, limit, as_json):
    """List events, one per real-world happening, newest first.

    \b
    Example:
      svodka events --entity "Александр Лукашенко" --since 2023-01-01
    """
    for e in paged(lambda cursor, n: queries.events(obj.store, entity=entity, since=since, type=type_,
                                                    cursor=cursor, limit=n), limit):
        emit_json(e) if as_json else click.echo(_line(e))


@main.command()
@click.argument("entity")
@json_option
@click.pass_obj
def timeline(obj, entity, as_json):
    """The dated events of ENTITY in order, each once, with its sources.

    \b
    Example:
      svodka timeline "ОДКБ"
    """
    points = [p for p in queries.timeline(obj.store, entity) if p["kind"] == "event"]
    if not points and not as_json:
        click.echo(f"no dated events for {entity!r}", err=True)
    for p in points:
        emit_json(p["event"]) if as_json else click.echo(_line(p["event"]))
