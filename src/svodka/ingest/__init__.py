"""Ingest: paths, stdin or bytes in, ``RawDoc`` records (and ``IngestError``s) out.

``read(paths)`` walks files and directories (recursively, sorted, hidden names
skipped; "-" is stdin) and picks an adapter per file by its content and extension:
``text`` (plain text and markdown), ``html`` (trafilatura), ``jsonl`` (and .jsonl.gz,
streamed), ``feed`` (RSS/Atom). Every problem becomes one ``IngestError`` naming the
file (and the line for JSONL) and the reason, and reading goes on with the rest:
callers never see a traceback for bad input.

``read_bytes(data, name)`` does the same for one document already in memory (a page or
feed fetched over HTTP, an upload).
"""
from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..records import IngestError, RawDoc
from . import feed, html, jsonl, text
from .encoding import looks_binary

__all__ = ["read", "read_bytes", "detect", "MAX_DOC_BYTES", "RawDoc", "IngestError"]

# A single text, HTML or feed file is read whole; past this size it is refused (a news
# page is well under 5 MB; a bigger "article" is a dump or a mistake). JSONL has no
# limit: it is streamed line by line.
MAX_DOC_BYTES = 16 * 1024 * 1024
SNIFF_BYTES = 4096
STDIN_NAME = "<stdin>"

ADAPTERS = {"text": text.parse, "html": html.parse, "feed": feed.parse}
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines", ".json")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
GZIP_MAGIC = b"\x1f\x8b"


def detect(name: str, head: bytes) -> str:
    """The adapter for a file: "jsonl.gz", "jsonl", "html", "feed" or "text".

    Content wins where it is unmistakable (gzip magic, a feed or page root element);
    otherwise the extension decides; a file without a telling extension whose first
    line is a JSON object is JSONL.
    """
    low = name.lower()
    if head.startswith(GZIP_MAGIC):
        return "jsonl.gz"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    sniff = start[:SNIFF_BYTES]
    if start.startswith(b"<?xml") or start.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        if b"<rss" in sniff or b"<feed" in sniff or b"<rdf:rdf" in sniff:
            return "feed"
        if b"<html" in sniff:
            return "html"
    if start.startswith((b"<!doctype html", b"<html")) or (start.startswith(b"<") and b"<body" in sniff):
        return "html"
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(HTML_SUFFIXES):
        return "html"
    if low.endswith(FEED_SUFFIXES):
        return "feed"
    if start.startswith(b"{") and not low.endswith((".txt", ".md", ".markdown")):
        first = start.split(b"\n", 1)[0].rstrip()
        if first.endswith(b"}"):
            return "jsonl"
    return "text"


def read(paths: Iterable[str], *, stdin: BinaryIO | None = None) -> Iterator[RawDoc | IngestError]:
    for path in paths:
        if path == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer)
        else:
            yield from _read_path(Path(path))


def read_bytes(data: bytes, name: str, *, url: str | None = None) -> Iterator[RawDoc | IngestError]:
    """One document given as bytes (a fetched page or feed, an upload)."""
    kind = detect(name, data[:SNIFF_BYTES])
    if kind == "jsonl.gz":
        yield from jsonl.parse_stream(io.BytesIO(data), name, gzipped=True)
    elif kind == "jsonl":
        problem = jsonl_head_problem(data[:SNIFF_BYTES])
        if problem:
            yield IngestError(name, problem)
        else:
            yield from jsonl.parse_stream(io.BytesIO(data), name)
    elif not data.strip():
        yield IngestError(name, "empty input" if not data else "input has only whitespace")
    elif len(data) > MAX_DOC_BYTES:
        yield IngestError(name, _too_big(len(data)))
    else:
        yield from ADAPTERS[kind](data, name, name, url=url)


def jsonl_head_problem(head: bytes) -> str | None:
    """A file-wide problem seen in the first bytes of a JSONL file, reported once rather
    than as an error on every line: binary content, or a text that is not UTF-8."""
    if looks_binary(head):
        return "binary file (not text)"
    first = head.split(b"\n", 1)[0]
    try:
        first.decode("utf-8")
    except UnicodeDecodeError as exc:
        # the first line is not UTF-8: the file is in another encoding (a later bad
        # line is that line's own error); a character cut by the sniff does not count
        if b"\n" in head or exc.start < len(first) - 3:
            return "JSONL file is not UTF-8 (JSONL must be UTF-8; re-encode it)"
    return None


def walk(root: Path) -> Iterator[Path]:
    """Files under a directory, recursively, in sorted order, hidden names skipped."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name


def _read_path(path: Path) -> Iterator[RawDoc | IngestError]:
    try:
        is_dir = path.is_dir()
        path.stat()
    except FileNotFoundError:
        yield IngestError(str(path), "no such file or directory")
        return
    except OSError as exc:
        yield IngestError(str(path), _os_reason(exc))
        return
    if not is_dir:
        yield from _read_file(path)
        return
    found = False
    for file in walk(path):
        found = True
        yield from _read_file(file)
    if not found:
        yield IngestError(str(path), "directory has no files")


def _read_file(path: Path) -> Iterator[RawDoc | IngestError]:
    location = str(path)
    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield IngestError(location, _os_reason(exc))
        return
    with stream:
        try:
            head = stream.read(SNIFF_BYTES)
            size = os.fstat(stream.fileno()).st_size
        except OSError as exc:
            yield IngestError(location, _os_reason(exc))
            return
        if not head.strip() and size <= SNIFF_BYTES:
            yield IngestError(location, "empty file" if not head else "file has only whitespace")
            return
        kind = detect(path.name, head)
        if kind == "jsonl" and (problem := jsonl_head_problem(head)):
            yield IngestError(location, problem)
            return
        if kind in ("jsonl", "jsonl.gz"):
            stream.seek(0)
            yield from jsonl.parse_stream(stream, location, gzipped=kind == "jsonl.gz")
            return
        if size > MAX_DOC_BYTES:
            yield IngestError(location, _too_big(size))
            return
        try:
            data = head + stream.read()
        except OSError as exc:
            yield IngestError(location, _os_reason(exc))
            return
    yield from ADAPTERS[kind](data, path.name, location)


def _read_stdin(stream) -> Iterator[RawDoc | IngestError]:
    head = stream.read(SNIFF_BYTES)
    if isinstance(head, str):
        # a text stream (tests, embedding): already decoded, so read it whole as UTF-8
        stream = io.BytesIO((head + stream.read()).encode("utf-8"))
        head = stream.read(SNIFF_BYTES)
    kind = detect("", head)
    if kind in ("jsonl", "jsonl.gz"):
        yield from jsonl.parse_stream(_Rejoined(head, stream), STDIN_NAME, gzipped=kind == "jsonl.gz")
        return
    data = head + stream.read(MAX_DOC_BYTES + 1 - len(head))
    if not data.strip():
        yield IngestError(STDIN_NAME, "empty input" if not data else "input has only whitespace")
    elif len(data) > MAX_DOC_BYTES:
        yield IngestError(STDIN_NAME, _too_big(len(data), more=True))
    else:
        yield from ADAPTERS[kind](data, STDIN_NAME, STDIN_NAME)


class _Rejoined(io.RawIOBase):
    """The sniffed head followed by the rest of a stream, read as one binary stream."""

    def __init__(self, head: bytes, stream) -> None:
        self.head, self.stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
            return n
        chunk = self.stream.read(len(buffer))
        buffer[:len(chunk)] = chunk
        return len(chunk)

    def __iter__(self):
        return iter(io.BufferedReader(self))


def _too_big(size: int, more: bool = False) -> str:
    mb = size / 1024 / 1024
    return (f"file too large for a single document ({'over ' if more else ''}{mb:.1f} MB; "
            f"the limit is {MAX_DOC_BYTES // 1024 // 1024} MB; use JSONL for dumps)")


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied (file not readable)"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return exc.strerror or str(exc)
