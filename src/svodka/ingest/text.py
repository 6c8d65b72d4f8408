"""Plain text and markdown files: one article per file, the file name as its id.

The shape of the seeds: a title line, header lines (date, rubric), paragraphs, perhaps
markdown emphasis and links. Cleaning and metadata read that shape later; here the
bytes only become text.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..records import IngestError, RawDoc
from .encoding import DecodeProblem, decode

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")


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
    yield RawDoc(input_id=name, text=text, location=location, url=url, kind=kind,
                 extra={"encoding": encoding})
