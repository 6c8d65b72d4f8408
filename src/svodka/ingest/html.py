"""HTML pages: trafilatura finds the main text, the title and the date; the raw page is
kept in ``RawDoc.html`` so that nothing is lost if the extraction is improved later."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import IngestError, RawDoc
from .encoding import CYRILLIC, MIN_SCORE, DecodeProblem, decode, russian_score

# Below this many characters what trafilatura returns is a menu or a caption, not an
# article (the shortest news items in the sample corpus are a few hundred characters).
MIN_MAIN_TEXT = 40

# A page declares its charset in a <meta> tag; trust it over detection when present.
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,30})""", re.IGNORECASE)


# htmldate (through trafilatura): the publication date, not the last update, with its
# time and offset when the page gives them.
DATE_PARAMS = {"original_date": True, "extensive_search": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def page_date(found: str | None) -> str | None:
    """A midnight without an offset is how htmldate writes a date without a time."""
    if found and found.endswith("T00:00:00"):
        return found[:10]
    return found or None


def page_text(data: bytes) -> str:
    """Valid UTF-8 is UTF-8 whatever the page declares (a stale «windows-1251» header on
    a UTF-8 page is common, and a single-byte table would read it as mojibake without
    an error); otherwise the declared charset, checked; otherwise detection."""
    try:
        return decode(data)[0] if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) \
            else data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            text = None     # a wrong declaration: fall back to detection
        if text is not None and (not CYRILLIC.search(text) or russian_score(text) >= MIN_SCORE):
            return text
    return decode(data)[0]


def parse(data: bytes, name: str, location: str, *, url: str | None = None) -> Iterator[RawDoc | IngestError]:
    try:
        page = page_text(data)
    except DecodeProblem as exc:
        yield IngestError(location, str(exc))
        return
    if not page.strip():
        yield IngestError(location, "empty file" if not page else "file has only whitespace")
        return
    from trafilatura import bare_extraction   # imported here: costly, and only HTML needs it

    try:
        doc = bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                              include_tables=True, favor_precision=True,
                              date_extraction_params=DATE_PARAMS)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        yield IngestError(location, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
        return
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_MAIN_TEXT:
        found = f"only {text!r}" if text else "none"
        yield IngestError(location, f"HTML page has no main text (trafilatura found {found})")
        return
    yield RawDoc(input_id=name, text=text, location=location,
                 title=getattr(doc, "title", None) or None,
                 url=url or getattr(doc, "url", None) or None,
                 outlet=getattr(doc, "sitename", None) or None,
                 date=page_date(getattr(doc, "date", None)),
                 html=page, kind="html",
                 extra={k: v for k in ("author", "hostname", "description")
                        if (v := getattr(doc, k, None))})
