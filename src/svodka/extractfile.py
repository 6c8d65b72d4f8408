"""`svodka extract`: JSONL in, annotations out, one line per input line, no store."""
from __future__ import annotations

import json
import sys

import click

from .cli.common import progress
from .extract import to_json
from .ingestion import analyse_one
from .ingest.jsonl import parse_record
from .records import IngestError


def _id_of(line: str):
    """The record's id for an error line, when the line is JSON at all."""
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    return obj.get("id") if isinstance(obj, dict) else None


def extract_record(line: str, location: str) -> dict:
    from .article import build
    # The same record reading as `svodka ingest`, so both see the same fields.
    raw = parse_record(line, location)
    if isinstance(raw, IngestError):
        return {"id": _id_of(line), "error": f"{raw.location}: {raw.reason}"}
    try:
        article = build(raw)
        return to_json(article, analyse_one(article))
    except Exception as exc:  # one failing article never stops the file
        return {"id": raw.input_id, "error": f"{location}: {type(exc).__name__}: {exc}"}


def extract_file(infile: str, outfile: str) -> int:
    """Returns the number of failed lines; each is also named on stderr."""
    src = sys.stdin if infile == "-" else _open(infile)
    dst = sys.stdout if outfile == "-" else open(outfile, "w", encoding="utf-8")
    failed = 0
    bar = progress("extract")
    try:
        for n, line in enumerate(src, 1):
            if not line.strip():
                continue
            rec = extract_record(line, f"{infile}:{n}")
            if "error" in rec:
                failed += 1
                bar.clear()
                click.echo(f"svodka: {rec['error']}", err=True)
            dst.write(json.dumps(rec, ensure_ascii=False) + "\n")
            bar.update(1)
    finally:
        bar.close()
        if dst is not sys.stdout:
            dst.close()
    return failed


def _open(path: str):
    try:
        if path.endswith(".gz"):
            import gzip
            return gzip.open(path, "rt", encoding="utf-8-sig")
        return open(path, encoding="utf-8-sig")
    except OSError as exc:
        raise click.ClickException(f"{path}: {exc.strerror}") from None
