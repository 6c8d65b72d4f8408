"""stories, story, brief: articles grouped across outlets."""
from __future__ import annotations

import click

from . import main
from .common import emit_json, json_option, paged
from ..store import queries


@main.command()
@click.option("--limit", default=0, show_default=True, help="How many (0: all).")
@click.option("--min-size", default=1, show_default=True, help="Only stories with at least this many articles.")
@json_option
@click.pass_obj
def stories(obj, limit, min_size, as_json):
    """List stories, latest first, with their articles' roles.

    \b
    Example:
      svodka stories --json
    """
    for s in paged(lambda cursor, n: queries.stories(obj.store, cursor=cursor, limit=n, min_size=min_size), limit):
        full = queries.story(obj.store, s["id"])
        arts = [{"id": a["id"], "role": a["role"], "key": a["key"], "outlet": a["outlet"],
                 "source": a.get("source_key")} for a in full["articles"]]
        if as_json:
            emit_json({"id": s["id"], "articles": arts, "thread": s["thread"], "title": s["title"],
                       "first_published": s["first_published"], "last_published": s["last_published"],
                       "outlets": s["outlets"], "size": s["size"]})
            continue
        click.echo(f"{s['id']}  {s['title'] or '(untitled)'}  [{s['size']} articles; thread {s['thread']}]")
        for a in arts:
            click.echo(f"    {a['role']:<9} {a['id']} ({a['outlet'] or '?'})")


@main.command()
@click.argument("story_id")
@json_option
@click.pass_obj
def story(obj, story_id, as_json):
    """One story: articles with roles, events, facts, conflicts, framing, briefing."""
    s = queries.story(obj.store, story_id)
    if s is None:
        raise click.ClickException(f"no story {story_id!r}; see `svodka stories`")
    if as_json:
        emit_json(s)
        return
    from ..stories.brief import render
    click.echo(render(s["view"], fmt="text") if s["view"] else s["title"])


@main.command()
@click.argument("story_id")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
@click.pass_obj
def brief(obj, story_id, fmt):
    """Print a story's briefing; every line cites the article and sentence offsets.

    \b
    Example:
      svodka brief s-765f675797c088b4 --format markdown
    """
    s = queries.story(obj.store, story_id)
    if s is None or not s["view"]:
        raise click.ClickException(f"no story {story_id!r}; see `svodka stories`")
    from ..stories.brief import render
    click.echo(render(s["view"], fmt=fmt))
