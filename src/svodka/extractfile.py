"""`svodka extract`: JSONL in, annotations out, one line per input line, no store."""
from __future__ import annotations

import json
import sys

import click

from .cli.common import progress
from .extract import to_json
from .ingestion import analyse_one
from .records import RawDoc


def record_to_raw(obj: dict, location: str) -> RawDoc:
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    if obj.get("id") in (None, ""):
        raise ValueError('no "id"')
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('no "text"')
    return RawDoc(input_id=str(obj["id"]), text=text, location=location, title=obj.get("title"),
                  url=obj.get("url"), outlet=obj.get("outlet") or obj.get("source"),
                  date=obj.get("date"), kind="jsonl")


def extract_record(line: str, location: str) -> dict:
    from .article import build
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"{location}: invalid JSON: {exc.msg}"}
    try:
        raw = record_to_raw(obj, location)
    except ValueError as exc:
        return {"id": obj.get("id") if isinstance(obj, dict) else None, "error": f"{location}: {exc}"}
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
