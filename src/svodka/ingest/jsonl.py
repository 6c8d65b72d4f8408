"""JSONL dumps (and .jsonl.gz): one article per line, streamed, so a file of any size
is read in constant memory.

Fields (the schema of ../shared/data/news_corpus_sample.jsonl): ``id`` and ``text``
required; ``title``, ``url``, ``source`` (or ``outlet``), ``date``, ``host``,
``author`` optional; anything else is kept in ``RawDoc.extra``. A bad line becomes
one ``IngestError`` naming ``file:line`` and the reading goes on; a truncated .gz
yields every line before the damage, then one error.
"""
from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..records import IngestError, RawDoc

KNOWN = {"id", "text", "title", "url", "source", "outlet", "date", "host"}


def parse_lines(lines: Iterable[bytes], location: str) -> Iterator[RawDoc | IngestError]:
    for number, line in enumerate(lines, 1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue   # blank lines between records are common and harmless
        yield parse_record(line, f"{location}:{number}")


def parse_record(line: bytes, where: str) -> RawDoc | IngestError:
    try:
        record = json.loads(line)
    except UnicodeDecodeError:
        return IngestError(where, "line is not UTF-8 (JSONL must be UTF-8)")
    except json.JSONDecodeError as exc:
        return IngestError(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(record, dict):
        return IngestError(where, f"line is a JSON {type(record).__name__}, not an object")
    ident = record.get("id")
    if ident is None or (isinstance(ident, str) and not ident.strip()) or isinstance(ident, (dict, list, bool)):
        return IngestError(where, "line without an id")
    text = record.get("text")
    if not isinstance(text, str):
        return IngestError(where, "line without text" if text is None else "text is not a string")
    if not text.strip():
        return IngestError(where, "line with empty text")
    return RawDoc(input_id=str(ident), text=text, location=where,
                  title=_str(record.get("title")), url=_str(record.get("url")),
                  outlet=_str(record.get("source")) or _str(record.get("outlet")),
                  date=_str(record.get("date")), kind="jsonl",
                  extra={k: v for k, v in record.items() if k not in KNOWN and v is not None}
                  | ({"host": record["host"]} if record.get("host") else {}))


def _str(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def parse_stream(stream: BinaryIO, location: str, *, gzipped: bool = False) -> Iterator[RawDoc | IngestError]:
    """Stream a (possibly gzipped) binary file object line by line."""
    if not gzipped:
        yield from _counted(parse_lines(stream, location), location)
        return
    reader = gzip.GzipFile(fileobj=stream, mode="rb")
    lines = _safe_lines(reader, location)
    yield from _counted(parse_lines(lines, location), location)


class _Damaged(Exception):
    pass


def _safe_lines(reader: gzip.GzipFile, location: str) -> Iterator[bytes]:
    """Lines of a gzip stream; on damage, stop and leave a marker for ``_counted``.

    A line is passed on only once the next one has been read, so that the cut-off
    piece of the last line before the damage is not reported a second time as bad JSON.
    """
    pending: bytes | None = None
    try:
        for line in reader:
            if pending is not None:
                yield pending
            pending = line
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        if pending is not None and pending.endswith(b"\n"):
            yield pending
        reason = ("truncated .gz file (compressed stream ends early)" if isinstance(exc, EOFError)
                  else f"damaged .gz file: {exc}")
        raise _Damaged(reason) from None
    if pending is not None:
        yield pending


def _counted(items: Iterator[RawDoc | IngestError], location: str) -> Iterator[RawDoc | IngestError]:
    seen = 0
    try:
        for item in items:
            seen += 1
            yield item
    except _Damaged as exc:
        yield IngestError(location, f"{exc} after {seen} records")
        return
    if seen == 0:
        yield IngestError(location, "no records (empty or whitespace-only file)")
