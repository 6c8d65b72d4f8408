"""A story's comparison view (stories.view JSON) -> HTML, whatever keys it has.

The stories stage owns the shape of the view; the UI must not break when a key is
added, missing or shaped differently. Known keys get a dedicated rendering (briefing
lines with citations, framing side by side per outlet); anything else is rendered
generically: dicts as definition lists, lists of flat dicts as tables, and any dict
that looks like a citation (``article``, ``start``, ``stop``) as a link to the cited
span. Every string is escaped.
"""
from __future__ import annotations

from html import escape
from urllib.parse import quote as urlquote

from markupsafe import Markup

from .markup import attr

# The story page shows these from the stories row and story_articles itself.
SKIP = {"articles", "id", "title", "first_published", "last_published", "outlets", "thread"}


class Citer:
    """Numbers citations in order of appearance and names their outlets."""

    def __init__(self, articles: list[dict]):
        self.by_ref = {}
        for a in articles:
            self.by_ref[a["key"]] = a
            self.by_ref[a["id"]] = a
        self.n = 0

    def link(self, c: dict) -> str:
        ref = str(c.get("article") or c.get("article_id") or c.get("key") or "")
        start, stop = c.get("start"), c.get("stop")
        if isinstance(c.get("sentence"), dict):
            start, stop = c["sentence"].get("start"), c["sentence"].get("stop")
        a = self.by_ref.get(ref, {})
        self.n += 1
        href = "/articles/" + urlquote(a.get("key") or ref, safe="")
        if isinstance(start, int) and isinstance(stop, int):
            href += f"?hl={start}-{stop}#hl"
        label = a.get("outlet") or ref[:12]
        title = f'{a.get("title") or ref} [{start}:{stop})'
        return (f'<a class="cite" href="{attr(href)}" title="{attr(title)}" data-article="{attr(ref)}">'
                f'[{self.n}·{escape(label)}]</a>')


def is_citation(v) -> bool:
    return isinstance(v, dict) and ("article" in v or "article_id" in v) and (
        ("start" in v and "stop" in v) or isinstance(v.get("sentence"), dict))


def render_any(v, citer: Citer, depth: int = 0) -> str:
    if depth > 6:
        return f"<code>{escape(str(v)[:200])}</code>"
    if v is None:
        return '<span class="null">—</span>'
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (int, float)):
        return escape(str(v))
    if isinstance(v, str):
        return escape(v)
    if is_citation(v):
        rest = {k: x for k, x in v.items() if k not in ("article", "article_id", "start", "stop", "sentence")}
        text = rest.pop("text", None)
        out = (f'«{escape(str(text))}» ' if text else "") + citer.link(v)
        return out + (" " + render_any(rest, citer, depth + 1) if rest else "")
    if isinstance(v, dict):
        items = "".join(f"<dt>{escape(str(k))}</dt><dd>{render_any(x, citer, depth + 1)}</dd>"
                        for k, x in v.items())
        return f'<dl class="kv">{items}</dl>'
    if isinstance(v, (list, tuple)):
        if not v:
            return '<span class="null">none</span>'
        if all(isinstance(x, dict) and not is_citation(x) for x in v):
            cols = list(dict.fromkeys(k for x in v for k in x))
            if len(cols) <= 8:
                head = "".join(f"<th>{escape(str(c))}</th>" for c in cols)
                body = "".join("<tr>" + "".join(f"<td>{render_any(x.get(c), citer, depth + 1)}</td>" for c in cols)
                               + "</tr>" for x in v)
                return f'<table class="grid"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        if all(is_citation(x) for x in v):
            return " ".join(render_any(x, citer, depth + 1) for x in v)
        return "<ul>" + "".join(f"<li>{render_any(x, citer, depth + 1)}</li>" for x in v) + "</ul>"
    return escape(str(v))


def briefing_lines(briefing, citer: Citer) -> list[Markup]:
    """Briefing lines as HTML: text, then its numbered citation links."""
    if isinstance(briefing, dict):
        briefing = briefing.get("lines") or briefing.get("items") or [briefing]
    if isinstance(briefing, str):
        briefing = [x for x in briefing.splitlines() if x.strip()]
    out = []
    for line in briefing or []:
        if isinstance(line, str):
            out.append(Markup(escape(line)))
            continue
        if not isinstance(line, dict):
            out.append(Markup(render_any(line, citer)))
            continue
        text = line.get("text") or line.get("line") or ""
        cites = line.get("citations") or line.get("cites") or line.get("sources") or []
        if is_citation(cites):
            cites = [cites]
        links = " ".join(citer.link(c) for c in cites if is_citation(c))
        extra = {k: x for k, x in line.items() if k not in ("text", "line", "citations", "cites", "sources")}
        html = escape(str(text)) + (" " + links if links else "")
        if extra.get("section"):
            html = f'<span class="section">{escape(str(extra.pop("section")))}</span> ' + html
        out.append(Markup(html))
    return out


def framing_columns(framing, articles: list[dict]) -> list[tuple[str, Markup]] | None:
    """Framing side by side: one column per article (headed by its outlet) or per outlet.
    Accepts ``{"articles": {key: {"outlet", ...}}}`` (the stories stage), a dict of
    outlet -> notes, or a list of dicts with ``outlet``; None for any other shape."""
    citer = Citer(articles)
    names = {a["key"]: a.get("outlet") or a["id"] for a in articles}
    if isinstance(framing, dict) and isinstance(framing.get("articles"), dict):
        cols = []
        for key, notes in framing["articles"].items():
            notes = dict(notes) if isinstance(notes, dict) else {"notes": notes}
            head = str(notes.pop("outlet", None) or names.get(key) or key)
            cols.append((head, Markup(render_any(notes, citer))))
        return cols
    if isinstance(framing, dict) and isinstance(framing.get("outlets"), (dict, list)):
        framing = framing["outlets"]
    if isinstance(framing, dict) and framing and all(isinstance(v, (dict, list)) for v in framing.values()):
        return [(str(names.get(k, k)), Markup(render_any(v, citer))) for k, v in framing.items()]
    if isinstance(framing, list) and framing and all(isinstance(x, dict) and "outlet" in x for x in framing):
        grouped: dict[str, list] = {}
        for x in framing:
            grouped.setdefault(str(x["outlet"]), []).append({k: v for k, v in x.items() if k != "outlet"})
        return [(k, Markup(render_any(v if len(v) > 1 else v[0], citer))) for k, v in grouped.items()]
    return None


def framing_labels(framing, articles: list[dict]) -> tuple[list[str], list[tuple[str, list[Markup]]]] | None:
    """How each outlet names the same entity («хозяин Кремля» vs «президент России»): a
    table with one row per entity and one column per article."""
    labels = framing.get("labels") if isinstance(framing, dict) else None
    if not isinstance(labels, dict) or not labels:
        return None
    citer = Citer(articles)
    keys = [a["key"] for a in articles if any(a["key"] in (row.get("by_article") or {}) for row in labels.values())]
    head = [articles[[a["key"] for a in articles].index(k)].get("outlet") or k for k in keys]
    rows = []
    for row in labels.values():
        by = row.get("by_article") or {}
        cells = [Markup(", ".join(render_any(f, citer) for f in by.get(k, [])) or "—") for k in keys]
        rows.append((str(row.get("entity") or ""), cells))
    return head, rows


def sections(view: dict, articles: list[dict]) -> dict:
    """What the story template shows: briefing lines, framing columns, and every other
    key of the view rendered generically, in the view's own order."""
    citer = Citer(articles)
    out = {"briefing": briefing_lines(view.get("briefing"), citer) if view.get("briefing") else [],
           "framing_columns": framing_columns(view.get("framing"), articles) if view.get("framing") else None,
           "framing_labels": framing_labels(view.get("framing"), articles) if view.get("framing") else None,
           "threads": [x for x in view.get("thread_stories") or [] if isinstance(x, str)],
           "blocks": []}
    for k, v in view.items():
        if k in SKIP or k in ("briefing", "thread_stories") or (k == "framing" and out["framing_columns"]):
            continue
        out["blocks"].append((k, Markup(render_any(v, citer))))
    return out
