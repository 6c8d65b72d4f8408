"""Plain text and markdown files: one article per file, the file name as its id.

The shape of the seeds: a title line, header lines (date, rubric), paragraphs, perhaps
markdown emphasis and links. Cleaning and metadata read that shape later; here the
bytes only become text.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import IngestError, RawDoc
from .encoding import DecodeProblem, decode

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")
# YAML front matter of markdown notes and static-site posts: «---», «key: value» lines,
# «---». Only flat keys are read; cleaning drops the block from the text.
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<body>(?:[^\n]*\n){0,40}?)---[ \t]*(?:\r?\n|\Z)")
FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*\r?$", re.MULTILINE)
FIELDS = {"title": "title", "date": "date", "published": "date", "url": "url", "link": "url",
          "source": "outlet", "outlet": "outlet"}


def front_matter(text: str) -> dict[str, str]:
    """The flat fields of a leading front-matter block (title, date, url, source)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}
    found: dict[str, str] = {}
    for f in FIELD.finditer(m["body"]):
        name = FIELDS.get(f["key"].lower())
        value = f["value"].strip().strip("'\"")
        if name and value and name not in found:
            found[name] = value
    return found


def parse(data: bytes, name: str, location: str, *, url: str | None = None) -> Iterator[RawDoc | IngestError]:
    try:
        text, encoding = decode(data)
    except DecodeProblem as exc:
        yield IngestError(location, str(exc))
        return
    if not text.strip():
        yield IngestError(location, "empty file" if not text else "file has only whitespace")
        return
    kind = "markdown" if name.lower().endswith(MARKDOWN_SUFFIXES) else "text"
    fields = front_matter(text) if kind == "markdown" else {}
    yield RawDoc(input_id=name, text=text, location=location, url=url or fields.get("url"), kind=kind,
                 title=fields.get("title"), outlet=fields.get("outlet"), date=fields.get("date"),
                 extra={"encoding": encoding})
