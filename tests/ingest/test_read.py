"""Ingest: every format, and every kind of bad input as one clear IngestError with the
rest of the batch still read. Bad files are made in tmp_path."""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest

from svodka.ingest import MAX_DOC_BYTES, detect, read, read_bytes
from svodka.records import IngestError, RawDoc

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TEXT = ("Президент России Владимир Путин провёл совещание с постоянными членами Совета безопасности. "
        "Участники обсудили ситуацию в регионе и договорились продолжить консультации.")


def docs(items):
    return [i for i in items if isinstance(i, RawDoc)]


def errors(items):
    return [i for i in items if isinstance(i, IngestError)]


def line(**record) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


# --- formats ----------------------------------------------------------------------

def test_examples_directory():
    items = list(read([str(EXAMPLES)]))
    assert not errors(items)
    assert [d.input_id for d in items] == sorted(p.name for p in EXAMPLES.glob("*.txt"))
    assert all(d.kind == "text" and d.location.endswith(d.input_id) for d in items)
    assert items[0].text == (EXAMPLES / items[0].input_id).read_text(encoding="utf-8")


def test_directory_recursive_sorted_hidden_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text(TEXT, encoding="utf-8")
    assert [d.input_id for d in read([str(tmp_path)])] == ["a.txt", "2.txt"]


def test_markdown(tmp_path):
    (tmp_path / "note.md").write_text("# Заголовок\n\n" + TEXT, encoding="utf-8")
    [d] = read([str(tmp_path / "note.md")])
    assert d.kind == "markdown"


def test_markdown_front_matter(tmp_path):
    (tmp_path / "post.md").write_text("---\ntitle: \"Совещание в Кремле\"\ndate: 2023-11-21 10:00\n"
                                      "source: Пример\nurl: https://example.ru/a\ntags: [a, b]\n---\n\n" + TEXT,
                                      encoding="utf-8")
    [d] = read([str(tmp_path / "post.md")])
    assert (d.title, d.date, d.outlet, d.url) == ("Совещание в Кремле", "2023-11-21 10:00", "Пример",
                                                  "https://example.ru/a")
    from svodka.article import build
    a = build(d)
    assert a.clean == TEXT and a.title == "Совещание в Кремле" and a.published.how == "input"
    assert [r.rule for r in a.removed] == ["front_matter"] * 7


def test_jsonl_fields(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(line(id="a1", text=TEXT, title="Заголовок", url="https://ria.ru/x", source="РИА Новости",
                         date="2019-11-18T10:00:00+00:00", host="ria.ru", author="Иванов")
                    + line(id=7, text=TEXT, outlet="ТАСС"), encoding="utf-8")
    a, b = read([str(path)])
    assert (a.input_id, a.title, a.url, a.outlet, a.date, a.kind) == (
        "a1", "Заголовок", "https://ria.ru/x", "РИА Новости", "2019-11-18T10:00:00+00:00", "jsonl")
    assert a.extra == {"author": "Иванов", "host": "ria.ru"} and a.location == f"{path}:1"
    assert (b.input_id, b.outlet, b.location) == ("7", "ТАСС", f"{path}:2")


def test_jsonl_gz(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for i in range(3):
            f.write(line(id=f"n{i}", text=TEXT))
    assert [d.input_id for d in read([str(path)])] == ["n0", "n1", "n2"]


def test_html_page(tmp_path):
    body = "".join(f"<p>{TEXT} Абзац {i}.</p>" for i in range(4))
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Совещание в Кремле</title></head>"
            f"<body><nav>Главная | Политика</nav><article><h1>Совещание в Кремле</h1>{body}</article>"
            f"<footer>© 2024 Пример</footer></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    [d] = read([str(tmp_path / "page.html")])
    assert d.kind == "html" and d.input_id == "page.html" and d.html == page
    assert "Участники обсудили ситуацию" in d.text and "<p>" not in d.text
    assert d.title == "Совещание в Кремле"


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Пример Новости</title><link>https://example.ru</link>
<item><title>Первая новость</title><link>https://example.ru/1</link><guid>g1</guid>
<pubDate>Mon, 18 Nov 2019 13:00:00 +0300</pubDate><description><![CDATA[<p>{text}</p><p>Второй абзац.</p>]]></description></item>
<item><title>Вторая</title><link>https://example.ru/2</link><description></description></item>
</channel></rss>""".replace("{text}", TEXT)


def test_rss_feed(tmp_path):
    (tmp_path / "feed.xml").write_text(RSS, encoding="utf-8")
    items = list(read([str(tmp_path / "feed.xml")]))
    [d] = docs(items)
    assert (d.input_id, d.title, d.url, d.outlet, d.kind) == ("g1", "Первая новость", "https://example.ru/1",
                                                              "Пример Новости", "feed")
    assert d.text == TEXT + "\nВторой абзац." and d.date == "Mon, 18 Nov 2019 13:00:00 +0300"
    [e] = errors(items)
    assert e.location.endswith("feed.xml#2") and "without text" in e.reason


def test_atom_feed_from_bytes():
    atom = (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Лента</title>'
            f'<entry><id>urn:1</id><title>Запись</title><updated>2023-11-21T10:00:00Z</updated>'
            f'<content type="html">&lt;p&gt;{TEXT}&lt;/p&gt;</content></entry></feed>').encode()
    [d] = read_bytes(atom, "lenta.atom", url="https://example.ru/feed")
    assert d.kind == "feed" and d.text == TEXT and d.outlet == "Лента"


def test_read_bytes_page_and_text():
    [d] = read_bytes(TEXT.encode("utf-8"), "note.txt")
    assert (d.input_id, d.text, d.kind) == ("note.txt", TEXT, "text")
    page = f"<html><body><article><p>{TEXT}</p><p>{TEXT}</p></article></body></html>".encode()
    [d] = read_bytes(page, "https://example.ru/a", url="https://example.ru/a")
    assert d.kind == "html" and d.url == "https://example.ru/a" and TEXT in d.text


def test_stdin_jsonl_and_text():
    items = list(read(["-"], stdin=io.BytesIO(line(id="s1", text=TEXT).encode() + b"{broken\n")))
    assert [d.input_id for d in docs(items)] == ["s1"]
    [e] = errors(items)
    assert e.location == "<stdin>:2"
    [d] = read(["-"], stdin=io.BytesIO(TEXT.encode("utf-8")))
    assert d.text == TEXT and d.input_id == "<stdin>"
    [d] = read(["-"], stdin=io.StringIO(TEXT))
    assert d.text == TEXT


@pytest.mark.parametrize("name,head,kind", [
    ("a.txt", b"plain", "text"), ("a.md", b"# x", "text"), ("a.jsonl", b'{"id": 1}', "jsonl"),
    ("a.json", b'{"id": 1}', "jsonl"), ("dump", b'{"id": 1, "text": "x"}\n', "jsonl"),
    ("a.gz", b"\x1f\x8b\x08", "jsonl.gz"), ("a.html", b"<div>", "html"), ("page", b"<!DOCTYPE html><html>", "html"),
    ("a.txt", b"\xef\xbb\xbf<html><body>", "html"), ("feed", b"<?xml version='1.0'?><rss>", "feed"),
    ("a.xml", b"<?xml version='1.0'?><feed xmlns='x'>", "feed"), ("a.rss", b"", "feed"),
])
def test_detect(name, head, kind):
    assert detect(name, head) == kind


# --- encodings --------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8-r", "utf-16"])
def test_encodings(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(TEXT.encode(encoding))
    [d] = read([str(path)])
    assert d.text == TEXT


def test_seed_in_cp1251_and_koi8(tmp_path):
    text = (EXAMPLES / "003_21b6205563734a2e.txt").read_text(encoding="utf-8")
    for encoding in ("cp1251", "koi8_r"):
        path = tmp_path / f"seed.{encoding}.txt"
        data = text.encode(encoding, errors="replace")      # koi8-r has no «ёлочки»
        path.write_bytes(data)
        [d] = read([str(path)])
        assert d.text == data.decode(encoding) and d.extra["encoding"] == encoding


def test_short_single_byte_text_is_not_guessed(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("ОДКБ".encode("koi8_r"))
    [e] = read([str(path)])
    assert isinstance(e, IngestError) and "encoding" in e.reason


# --- bad input: one error each, the rest still read --------------------------------

def test_bad_jsonl_lines(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(line(id="ok1", text=TEXT) + "{not json\n" + line(id="no-text") + line(id="empty", text="  ")
                    + line(text=TEXT) + "[1, 2]\n" + "\n" + line(id="ok2", text=TEXT), encoding="utf-8")
    items = list(read([str(path)]))
    assert [d.input_id for d in docs(items)] == ["ok1", "ok2"]
    reasons = {e.location: e.reason for e in errors(items)}
    assert reasons == {
        f"{path}:2": reasons[f"{path}:2"], f"{path}:3": "line without text", f"{path}:4": "line with empty text",
        f"{path}:5": "line without an id", f"{path}:6": "line is a JSON list, not an object"}
    assert reasons[f"{path}:2"].startswith("invalid JSON")


def test_jsonl_line_not_utf8(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_bytes(line(id="a", text=TEXT).encode() + line(id="b", text=TEXT).encode("cp1251"))
    items = list(read([str(path)]))
    assert [d.input_id for d in docs(items)] == ["a"]
    assert errors(items)[0].reason == "line is not UTF-8 (JSONL must be UTF-8)"


@pytest.mark.parametrize("content,reason", [(b"", "empty file"), (b"  \n\t\n", "file has only whitespace")])
def test_empty_and_whitespace_files(tmp_path, content, reason):
    for name in ("a.txt", "a.html", "a.jsonl"):
        (tmp_path / name).write_bytes(content)
        [e] = read([str(tmp_path / name)])
        assert isinstance(e, IngestError) and e.location == str(tmp_path / name) and e.reason == reason


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    [e] = read([str(path)])
    assert e.reason == "binary file (not text)"


def test_truncated_gz(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    data = gzip.compress("".join(line(id=f"n{i}", text=TEXT * 3) for i in range(200)).encode())
    path.write_bytes(data[: len(data) // 2])
    items = list(read([str(path)]))
    good = docs(items)
    assert 0 < len(good) < 200 and [d.input_id for d in good] == [f"n{i}" for i in range(len(good))]
    [e] = errors(items)
    assert e.location == str(path) and "truncated" in e.reason


def test_html_without_main_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><nav><a href='/'>Главная</a></nav></body></html>")
    [e] = read([str(path)])
    assert e.location == str(path) and "no main text" in e.reason


def test_missing_path_and_rest_of_batch(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    items = list(read([str(tmp_path / "nope.txt"), str(tmp_path / "a.txt")]))
    assert isinstance(items[0], IngestError) and items[0].reason == "no such file or directory"
    assert items[1].input_id == "a.txt"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    try:
        [e] = read([str(path)])
    finally:
        path.chmod(0o600)
    assert e.location == str(path) and "permission denied" in e.reason


def test_text_file_over_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(MAX_DOC_BYTES + 1)          # sparse: no 16 MB written
    [e] = read([str(path)])
    assert "too large" in e.reason and str(MAX_DOC_BYTES // 1024 // 1024) in e.reason


def test_50_mb_jsonl_streams(tmp_path):
    path = tmp_path / "big.jsonl"
    record = line(id="x", text=TEXT * 30)                # ~9 KB a line
    count = 50 * 1024 * 1024 // len(record.encode()) + 1
    with open(path, "w", encoding="utf-8") as f:
        for i in range(count):
            f.write(record.replace('"x"', f'"{i}"', 1))
    assert path.stat().st_size > 50 * 1024 * 1024
    n = 0
    for item in read([str(path)]):
        assert isinstance(item, RawDoc)
        n += 1
    assert n == count


def test_unreadable_file_even_as_root(tmp_path, monkeypatch):
    """Root reads a chmod 000 file, so the permission error is also simulated."""
    import svodka.ingest as ingest
    path = tmp_path / "secret.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "other.txt").write_text(TEXT, encoding="utf-8")

    def deny(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return open(file, *args, **kwargs)

    monkeypatch.setattr(ingest, "open", deny, raising=False)
    items = list(read([str(tmp_path)]))
    assert [d.input_id for d in docs(items)] == ["other.txt"]
    [e] = errors(items)
    assert e.location == str(path) and e.reason == "permission denied (file not readable)"


@pytest.mark.parametrize("meta,date", [
    ('<meta property="article:published_time" content="2019-11-18T13:05:00+03:00">', "2019-11-18T13:05:00+0300"),
    ('<meta property="article:published_time" content="2019-11-18">', "2019-11-18"),
    ("", None),
])
def test_html_date_keeps_time_and_offset(meta, date):
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Совещание</title>{meta}</head><body>"
            f"<article><h1>Совещание в Кремле</h1><p>{TEXT}</p><p>{TEXT}</p></article></body></html>").encode()
    [d] = read_bytes(page, "a.html")
    assert d.date == date


def test_jsonl_file_problems_are_reported_once(tmp_path):
    binary = tmp_path / "photo.jsonl"
    binary.write_bytes(b"\x00\x01\x02" * 3000 + b"\n" * 50)
    cp1251 = tmp_path / "old.jsonl"
    cp1251.write_bytes("".join(line(id=i, text=TEXT) for i in range(50)).encode("cp1251"))
    [e1] = read([str(binary)])
    [e2] = read([str(cp1251)])
    assert e1.reason == "binary file (not text)" and "not UTF-8" in e2.reason


@pytest.mark.parametrize("declared,encoding", [("windows-1251", "utf-8"), ("utf-8", "cp1251"), ("koi8-r", "koi8_r"),
                                               ("windows-1251", "cp1251")])
def test_html_charset_declared_right_or_wrong(declared, encoding):
    page = (f"<html><head><meta charset='{declared}'><title>Совещание</title></head><body><article>"
            f"<p>{TEXT}</p><p>{TEXT}</p></article></body></html>")
    [d] = read_bytes(page.encode(encoding), "a.html")
    assert TEXT in d.text
