"""RSS and Atom feed files (feedparser): one article per entry.

An entry's text is its full content when the feed carries it, else its summary; both
are HTML fragments and become text here (block elements give line breaks). The feed's
title is the outlet; the entry's guid (or link) is its id.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..records import IngestError, RawDoc

BLOCK = re.compile(r"(?is)<\s*(br|/p|p|/div|div|/li|li|/h[1-6]|h[1-6]|/blockquote|blockquote|tr|/tr)\b[^>]*>")
TAG = re.compile(r"(?s)<[^>]{0,2000}>")
SCRIPT = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")
BLANKS = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0\n]*")


def fragment_text(fragment: str) -> str:
    """An HTML fragment as text: blocks become lines, tags go, entities are decoded."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    text = SCRIPT.sub("", fragment)
    text = BLOCK.sub("\n", text)
    text = html.unescape(TAG.sub("", text))
    return BLANKS.sub("\n", text).strip()


def parse(data: bytes, name: str, location: str, *, url: str | None = None) -> Iterator[RawDoc | IngestError]:
    import feedparser   # imported here: only feeds need it

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        yield IngestError(location, f"feed has no entries{f' ({why})' if why else ''}")
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for number, entry in enumerate(entries, 1):
        where = f"{location}#{number}"
        body = ""
        if entry.get("content"):
            body = max((c.get("value") or "" for c in entry["content"]), key=len)
        fragment = body or entry.get("summary") or ""
        text = fragment_text(fragment)
        title = fragment_text(entry.get("title") or "") or None
        if not text:
            yield IngestError(where, "feed entry without text")
            continue
        yield RawDoc(input_id=entry.get("id") or entry.get("link") or f"{name}#{number}", text=text,
                     location=where, title=title, url=entry.get("link") or None, outlet=outlet,
                     date=entry.get("published") or entry.get("updated") or None,
                     html=fragment if "<" in fragment else None, kind="feed",
                     extra={"feed": name} | ({"author": entry["author"]} if entry.get("author") else {}))
