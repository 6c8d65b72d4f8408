"""quotes: who said what, and where."""
from __future__ import annotations

import click

from . import main
from .common import emit_json, json_option, paged
from ..store import queries


@main.command()
@click.option("--speaker", help="Canonical name or entity id of the speaker.")
@click.option("--story", "story_id", help="Only quotes in this story's articles.")
@click.option("--limit", default=0, show_default=True, help="How many (0: all).")
@json_option
@click.pass_obj
def quotes(obj, speaker, story_id, limit, as_json):
    """List quotes with their speakers and sources.

    \b
    Example:
      svodka quotes --speaker "Никол Пашинян"
    """
    if speaker:
        e = queries.entity(obj.store, speaker)
        speaker = e["id"] if e else speaker
    n = 0
    for q in paged(lambda cursor, k: queries.quotes(obj.store, speaker=speaker, story=story_id,
                                                    cursor=cursor, limit=k), limit):
        n += 1
        if as_json:
            emit_json(q)
            continue
        a = q["article"]
        who = q["speaker"] or (f"({q['speaker_text']})" if q["speaker_text"] else "(unattributed)")
        via = f" via {q['channel']}" if q.get("channel") else ""
        click.echo(f"{who} [{q['kind']}, {q['cue'] or '—'}]{via}\n  «{q['text']}»\n"
                   f"  — {a['id']} ({a['outlet'] or '?'}, {a['published'] or 'no date'}) [{q['start']}:{q['stop']})")
    if not n and not as_json:
        click.echo("no quotes" + (f" by {speaker}" if speaker else ""), err=True)
