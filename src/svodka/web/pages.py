"""Server-rendered pages. Each handler calls the same queries as the API and renders
one template; annotated article text is built by ``markup`` (escaped there), every
other value is escaped by Jinja's autoescape."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from ..store import queries
from . import charts, markup, view

router = APIRouter(include_in_schema=False)

STORY_QUOTES = 25
KINDS = {"PER": "person", "ORG": "organisation", "LOC": "place"}


def render(request: Request, name: str, **ctx) -> HTMLResponse:
    html = request.app.state.templates.get_template(name).render(request=request, path=request.url.path,
                                                                 kinds=KINDS, **ctx)
    return HTMLResponse(html)


def st(request: Request):
    return request.app.state.store


def next_url(request: Request, cursor: str | None) -> str | None:
    """The current URL with ``cursor`` replaced: filters carry over to the next page."""
    if not cursor:
        return None
    return request.url.path + "?" + request.url.include_query_params(cursor=cursor).query


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    s = st(request)
    # Stories told by several articles first: a one-article story is just an article.
    stories, more = queries.stories(s, limit=20, min_size=2)
    covered = bool(stories)
    if not stories:
        stories, more = queries.stories(s, limit=20)
    latest, _ = queries.articles(s, limit=10)
    top, _ = queries.entities(s, limit=12)
    return render(request, "home.html", counts=queries.counts(s), stories=stories, more_stories=more, covered=covered,
                  latest=latest, top=top)


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, cursor: str | None = None, min_size: int = Query(1, ge=1)):
    items, nxt = queries.stories(st(request), cursor=cursor, limit=50, min_size=min_size)
    return render(request, "stories.html", stories=items, next=next_url(request, nxt), min_size=min_size)


@router.get("/stories/{id}", response_class=HTMLResponse)
def story_page(request: Request, id: str):
    story = queries.story(st(request), id)
    if story is None:
        raise HTTPException(404, f"no story {id!r}")
    # The first quotes only: a big story has hundreds, and the page is for reading; the
    # rest are one click away on /quotes?story=ID.
    # What the stories stage says of each article (copied share, passages, why it joined)
    # next to what the store says (role, date, warnings).
    staged = {a.get("key"): a for a in story["view"].get("articles") or [] if isinstance(a, dict)}
    for a in story["articles"]:
        extra = staged.get(a["key"]) or {}
        a["copied_share"] = extra.get("copied_share")
        a["passages"] = [p for p in extra.get("passages") or [] if isinstance(p, dict)][:10]
        a["joined_by"] = extra.get("joined_by")
    quotes, more = queries.quotes(st(request), story=id, limit=STORY_QUOTES)
    return render(request, "story.html", story=story, view=view.sections(story["view"], story["articles"]),
                  timeline=Markup(charts.timeline_svg(story["timeline"])), quotes=quotes, more_quotes=more)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, outlet: str | None = None, since: str | None = None,
                  until: str | None = None, entity: str | None = None, cursor: str | None = None):
    items, nxt = queries.articles(st(request), outlet=outlet or None, since=since or None, until=until or None,
                                  entity=entity or None, cursor=cursor, limit=50)
    return render(request, "articles.html", articles=items, next=next_url(request, nxt),
                  f={"outlet": outlet or "", "since": since or "", "until": until or "", "entity": entity or ""},
                  outlets=queries.outlets(st(request))[:300])


def parse_hl(hl: str | None, n: int) -> tuple[int, int] | None:
    """``?hl=START-STOP``: the cited half-open span of the clean text, if it is one."""
    if not hl:
        return None
    a, _, b = hl.partition("-")
    if a.isdigit() and b.isdigit() and int(a) < int(b) <= n:
        return int(a), int(b)
    return None


@router.get("/articles/{ref:path}", response_class=HTMLResponse)
def article_page(request: Request, ref: str, hl: str | None = None, removed: int = 0):
    a = queries.article(st(request), ref)
    if a is None:
        raise HTTPException(404, f"no article {ref!r}")
    span = parse_hl(hl, len(a["text"]))
    ann = a["annotations"]
    speakers = sorted({q.get("speaker") or q.get("speaker_text") or "—" for q in ann["quotes"]})
    ents = {}
    for m in ann["mentions"]:
        if m.get("entity_key"):
            e = ents.setdefault(m["entity_key"], {"key": m["entity_key"], "name": m.get("entity"),
                                                   "type": m.get("type"), "n": 0})
            e["n"] += 1
    return render(request, "article.html", a=a, body=Markup(markup.article_html(a, span)), hl=span,
                  show_removed=bool(removed), speakers=speakers,
                  ents=sorted(ents.values(), key=lambda e: (-e["n"], e["name"] or "")))


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, type: str | None = None, q: str | None = None, cursor: str | None = None):
    items, nxt = queries.entities(st(request), type=type or None, q=q or None, cursor=cursor, limit=100)
    return render(request, "entities.html", entities=items, next=next_url(request, nxt),
                  f={"type": type or "", "q": q or ""})


@router.get("/entities/{ref:path}", response_class=HTMLResponse)
def entity_page(request: Request, ref: str):
    e = queries.entity(st(request), ref, limit=100)
    if e is None:
        raise HTTPException(404, f"no entity {ref!r}")
    tl = queries.timeline(st(request), e["id"])
    return render(request, "entity.html", e=e, timeline=Markup(charts.timeline_svg(tl)))


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, speaker: str | None = None, story: str | None = None,
                cursor: str | None = None):
    items, nxt = queries.quotes(st(request), speaker=speaker or None, story=story or None, cursor=cursor,
                                limit=100)
    return render(request, "quotes.html", quotes=items, next=next_url(request, nxt),
                  f={"speaker": speaker or "", "story": story or ""})


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, entity: str | None = None, type: str | None = None, since: str | None = None,
                cursor: str | None = None):
    items, nxt = queries.events(st(request), entity=entity or None, type=type or None, since=since or None,
                                cursor=cursor, limit=100)
    tl = [{"date": e["date"], "kind": "event", "event": e} for e in items if e.get("date")]
    return render(request, "events.html", events=items, next=next_url(request, nxt),
                  timeline=Markup(charts.timeline_svg(tl)) if tl else "",
                  f={"entity": entity or "", "type": type or "", "since": since or ""})


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", cursor: str | None = None):
    hits, nxt, lemmas = [], None, []
    if q.strip():
        lemmas = queries.query_lemmas(q)
        if lemmas:
            hits, nxt = queries.search(st(request), q, cursor=cursor, limit=20)
    for h in hits:
        h["snippet_html"] = Markup(markup.marked(h["snippet"], h["marks"], h.get("snippet_prefix", 0)))
        h["title_html"] = Markup(markup.marked(h["title"] or h["id"], h["title_marks"] if h["title"] else []))
    return render(request, "search.html", q=q, hits=hits, lemmas=lemmas, next=next_url(request, nxt))


@router.get("/coverage", response_class=HTMLResponse)
def coverage_page(request: Request, bucket: str | None = Query(None, pattern="^(day|hour)$")):
    cov = queries.coverage(st(request), bucket=bucket)
    return render(request, "coverage.html", cov=cov, chart=Markup(charts.coverage_svg(cov)),
                  outlets=cov["outlets"][:100])


@router.get("/apidocs", response_class=HTMLResponse)
def api_page(request: Request):
    schema = request.app.openapi()
    routes = []
    for path, ops in schema.get("paths", {}).items():
        for method, op in ops.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description", "")} for p in op.get("parameters", [])]
            routes.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                           "description": op.get("description", ""), "params": params})
    return render(request, "api.html", routes=routes)
