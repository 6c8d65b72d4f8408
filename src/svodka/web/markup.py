"""Clean text -> HTML with annotations as nested tags, every character of the text escaped.

Annotations overlap freely (a mention inside a quote, a citation across both), while
HTML tags must nest. ``render`` walks the boundaries of all spans; where a span ends
inside another that began later, the inner one is closed and reopened around it, so the
output is always well-formed and no offset moves.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import quote as urlquote

# Outer to inner when two spans start at the same place and have the same length.
RANK = {"hl": 0, "quote": 1, "frame": 2, "speaker": 3, "mention": 4, "date": 5}


@dataclass(slots=True)
class Tag:
    start: int
    stop: int
    open: str
    close: str
    rank: int = 9


def attr(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def render(text: str, tags: list[Tag]) -> str:
    n = len(text)
    # Spans that do not fit the text (or are not spans) are dropped: a page must render
    # whatever an analysis stage stored.
    tags = sorted((t for t in tags if isinstance(t.start, int) and isinstance(t.stop, int) and 0 <= t.start < t.stop <= n),
                  key=lambda t: (t.start, -t.stop, t.rank))
    bounds = sorted({0, n, *(t.start for t in tags), *(t.stop for t in tags)})
    out: list[str] = []
    stack: list[Tag] = []
    i = 0
    for j, p in enumerate(bounds):
        if any(t.stop == p for t in stack):
            reopen = []
            while any(t.stop == p for t in stack):
                top = stack.pop()
                out.append(top.close)
                if top.stop != p:
                    reopen.append(top)
            for t in reversed(reopen):
                out.append(t.open)
                stack.append(t)
        while i < len(tags) and tags[i].start == p:
            out.append(tags[i].open)
            stack.append(tags[i])
            i += 1
        if j + 1 < len(bounds):
            out.append(escape(text[p:bounds[j + 1]], quote=False))
    return "".join(out)


def _span(d) -> bool:
    return isinstance(d, dict) and isinstance(d.get("start"), int) and isinstance(d.get("stop"), int)


def entity_href(key: str | None) -> str:
    return "/entities/" + urlquote(key, safe="") if key else ""


def mention_tags(mentions: list[dict]) -> list[Tag]:
    tags, last_stop = [], -1
    # An anchor inside an anchor is invalid HTML: of overlapping mentions keep the first.
    for m in sorted((m for m in mentions if _span(m)), key=lambda m: (m["start"], -m["stop"])):
        if m["start"] < last_stop:
            continue
        last_stop = m["stop"]
        title = f'{m.get("entity") or m.get("normal") or m["text"]} · {m.get("type")} · {m.get("kind")}'
        cls = f'm m-{attr(m.get("type"))} k-{attr(m.get("kind"))}'
        href = entity_href(m.get("entity_key"))
        if href:
            tags.append(Tag(m["start"], m["stop"], f'<a class="{cls}" href="{attr(href)}" title="{attr(title)}">',
                            "</a>", RANK["mention"]))
        else:
            tags.append(Tag(m["start"], m["stop"], f'<span class="{cls}" title="{attr(title)}">', "</span>",
                            RANK["mention"]))
    return tags


def quote_tags(quotes: list[dict]) -> list[Tag]:
    tags = []
    for n, q in enumerate(quotes):
        who = q.get("speaker") or q.get("speaker_text") or "speaker unknown"
        title = f'{q.get("kind") or ""} quote · {who}'.strip() + (f' · {q["cue"]}' if q.get("cue") else "")
        parts = [p for p in q.get("parts") or [] if _span(p)] or ([q] if _span(q) else [])
        for k, p in enumerate(parts):
            ident = f' id="q{n}"' if k == 0 else ""
            tags.append(Tag(p["start"], p["stop"],
                            f'<span class="q q-{attr(q.get("kind"))}"{ident} title="{attr(title)}">', "</span>",
                            RANK["quote"]))
        if q.get("speaker_start") is not None and q.get("speaker_stop") is not None:
            tags.append(Tag(q["speaker_start"], q["speaker_stop"],
                            f'<span class="spk" title="speaker of quote {n + 1}">', "</span>", RANK["speaker"]))
    return tags


def date_tags(dates: list[dict]) -> list[Tag]:
    tags = []
    for d in filter(_span, dates):
        value = d.get("value") or "unresolved"
        title = f'{value} · {d.get("precision") or "?"}'
        tags.append(Tag(d["start"], d["stop"], f'<time class="d" datetime="{attr(d.get("value") or "")}" '
                                               f'title="{attr(title)}">', "</time>", RANK["date"]))
    return tags


def frame_tags(frames: list[dict]) -> list[Tag]:
    return [Tag(f["start"], f["stop"], f'<span class="f f-{attr(f.get("kind"))}" '
                                       f'title="{attr(f.get("kind"))}: {attr(f.get("note"))}">', "</span>",
                RANK["frame"]) for f in frames if _span(f)]


def article_html(article: dict, hl: tuple[int, int] | None = None) -> str:
    """The article's clean text with mentions, quotes, speakers, dates and framing marked,
    and the cited span ``hl`` (half-open) as ``<mark id="hl">``."""
    ann = article["annotations"]
    tags = (mention_tags(ann.get("mentions", [])) + quote_tags(ann.get("quotes", []))
            + date_tags(ann.get("dates", [])) + frame_tags(ann.get("frames", [])))
    if hl:
        tags.append(Tag(hl[0], hl[1], '<mark id="hl" class="hl">', "</mark>", RANK["hl"]))
    return render(article["text"], tags)


def marked(text: str, marks: list[list[int]], offset: int = 0) -> str:
    """Plain text with ``marks`` (half-open, relative to ``text`` after ``offset`` chars
    of prefix such as an ellipsis) wrapped in ``<mark>``."""
    return render(text, [Tag(a + offset, b + offset, "<mark>", "</mark>", 0) for a, b in marks])
