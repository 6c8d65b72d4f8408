"""`svodka report`: what the store holds, in one readable page (the demo's output)."""
from __future__ import annotations

from collections import Counter

import click
import sqlalchemy as sa

from . import main
from ..store import schema as t
from ..store.codec import published_iso


@main.command()
@click.option("--top", default=12, show_default=True, help="How many entities to list.")
@click.pass_obj
def report(obj, top):
    """Print the articles, what cleaning removed, entities, stories and their briefings.

    \b
    Example:
      svodka --db demo.db report
    """
    store = obj.store
    rows = list(store.iter_articles())
    click.echo(f"== {len(rows)} articles")
    for a, analysis in rows:
        when = published_iso(a.published) or "no date"
        how = f" ({a.published.how})" if a.published.how else ""
        click.echo(f"- {a.input_id}\n    {a.title or '(no title)'}\n"
                   f"    outlet: {a.outlet or '—'}; published: {when}{how}")
        rules = Counter(r.rule for r in a.removed)
        if rules:
            cut = sum(r.stop - r.start for r in a.removed)
            click.echo(f"    cleaned: {cut} of {len(a.raw)} chars removed — "
                       + ", ".join(f"{rule} ×{n}" for rule, n in rules.most_common()))
        for w in a.warnings:
            click.echo(f"    warning: {w}")
        if analysis:
            click.echo(f"    found: {len(analysis.mentions)} entity mentions, {len(analysis.quotes)} quotes, "
                       f"{len(analysis.dates)} dates, {len(analysis.events)} events")
    with store.engine.connect() as conn:
        # Ties broken by id: neither backend orders them, and the report must not depend on it.
        ents = conn.execute(sa.select(t.entities).order_by(t.entities.c.articles.desc(),
                                                           t.entities.c.mentions.desc(),
                                                           t.entities.c.id).limit(top)).all()
        stories = conn.execute(sa.select(t.stories).order_by(t.stories.c.first_published.is_(None),
                                                             t.stories.c.first_published, t.stories.c.id)).all()
        members = conn.execute(sa.select(t.story_articles, t.articles.c.input_id, t.articles.c.outlet)
                               .join(t.articles, t.articles.c.key == t.story_articles.c.article_key)).all()
        ids = dict(conn.execute(sa.select(t.articles.c.key, t.articles.c.input_id)).all())
    if ents:
        click.echo(f"\n== entities (top {len(ents)} by articles)")
        for e in ents:
            forms = ", ".join(a["text"] for a in e.aliases[:6])
            click.echo(f"- {e.name} [{e.type}] in {e.articles} articles, {e.mentions} mentions: {forms}")
    if stories:
        click.echo(f"\n== {len(stories)} stories")
        by_story: dict[str, list] = {}
        for m in members:
            by_story.setdefault(m.story_id, []).append(m)
        for s in stories:
            click.echo(f"- {s.title or '(untitled)'}  [{s.id}; thread {s.thread_id}]")
            for m in by_story.get(s.id, []):
                src = f" of {ids.get(m.source_key, m.source_key)}" if m.source_key else ""
                click.echo(f"    {m.role:<9}{src:<30} {m.input_id} ({m.outlet or '?'})")
            if s.view:
                from ..stories.brief import render
                click.echo("\n" + "\n".join("    " + line for line in render(s.view, fmt="text").splitlines()) + "\n")
