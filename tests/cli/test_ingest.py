"""End-to-end ingest through the CLI: exit codes, idempotency, bad input named."""
from __future__ import annotations

import gzip
import json

import pytest

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared" / "data"
EXAMPLES = ROOT / "examples"


def sample_lines(n: int) -> list[str]:
    out = []
    with open(SHARED / "news_corpus_sample.jsonl", encoding="utf-8") as f:
        for line in f:
            out.append(line.rstrip("\n"))
            if len(out) == n:
                break
    return out


def write_jsonl(path: Path, records) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
                              for r in records) + "\n", encoding="utf-8")
    return path


def no_traceback(result):
    out = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "Traceback" not in out
    return out


@pytest.mark.slow
def test_500_sample_articles_plus_two_broken_lines(run, tmp_path):
    lines = sample_lines(500)
    lines.insert(100, '{"id": "broken-json", "text": ')          # line 101: invalid JSON
    lines.insert(300, json.dumps({"id": "no-text", "title": "x"}))  # line 301: no text
    path = write_jsonl(tmp_path / "dump.jsonl", lines)
    first = run("ingest", "--no-analysis", path)
    out = no_traceback(first)
    assert first.exit_code == 1
    assert "dump.jsonl:101" in out and "dump.jsonl:301" in out
    assert "stored 500," in out
    second = run("ingest", "--no-analysis", path)
    assert second.exit_code == 1
    assert "stored 0, already there 500" in no_traceback(second)
    listed = run("articles", "--json")
    assert len(listed.output.strip().splitlines()) == 500


def test_demo_corpus_ingest_is_idempotent(run):
    first = run("ingest", "--no-analysis", EXAMPLES)
    assert first.exit_code == 0, first.output
    assert "stored 5," in first.output
    again = run("ingest", "--no-analysis", EXAMPLES)
    assert again.exit_code == 0
    assert "stored 0, already there 5" in again.output


def test_articles_json_follows_interfaces(run):
    run("ingest", "--no-analysis", EXAMPLES)
    rows = [json.loads(line) for line in run("articles", "--json").output.splitlines()]
    assert {r["id"] for r in rows} == {p.name for p in EXAMPLES.iterdir()}
    for r in rows:
        assert {"id", "title", "outlet", "url", "published", "text"} <= r.keys()
    by_id = {r["id"]: r for r in rows}
    assert by_id["000_0b7334ac1219d371.txt"]["published"] is None      # the article does not say
    assert "Фото: ТАСС" not in by_id["000_0b7334ac1219d371.txt"]["text"]


BAD = [
    ("missing path", lambda d: d / "nope.txt", "nope.txt"),
    ("empty file", lambda d: _write(d / "empty.txt", b""), "empty.txt"),
    ("whitespace only", lambda d: _write(d / "blank.txt", b"  \n\t\n"), "blank.txt"),
    ("binary", lambda d: _write(d / "blob.txt", bytes(range(256)) * 40), "blob.txt"),
    ("truncated gz", lambda d: _write(d / "cut.jsonl.gz",
                                      gzip.compress(b'{"id": "a", "text": "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd"}\n' * 50)[:-30]),
     "cut.jsonl.gz"),
    ("html without main text", lambda d: _write(d / "empty.html", b"<html><head><title>x</title></head><body></body></html>"),
     "empty.html"),
]


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name,make,shown", BAD, ids=[b[0] for b in BAD])
def test_bad_input_named_and_rest_stored(run, tmp_path, name, make, shown):
    bad = make(tmp_path)
    good = EXAMPLES / "002_cc54e64c8b1819b4.txt"
    result = run("ingest", "--no-analysis", bad, good)
    out = no_traceback(result)
    assert result.exit_code == 1, out
    assert shown in out
    assert "stored 1," in out


def test_cp1251_file_is_read(run, tmp_path):
    text = (EXAMPLES / "003_21b6205563734a2e.txt").read_text(encoding="utf-8")
    path = tmp_path / "cp.txt"
    path.write_bytes(text.encode("cp1251", errors="replace"))
    result = run("ingest", "--no-analysis", path)
    assert result.exit_code == 0, result.output
    shown = run("show", "cp.txt")
    assert "Тасмагамбетова" in shown.output


def test_usage_error_exits_2(run):
    assert run("ingest").exit_code == 2


def test_unreadable_store_directory_is_one_clear_line(tmp_path):
    from click.testing import CliRunner
    from svodka.cli import main
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "no" / "such" / "x.db"), "articles"])
    assert result.exit_code == 1
    assert "does not exist" in result.output and "Traceback" not in result.output
