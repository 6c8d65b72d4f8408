"""A real HTTP server on 127.0.0.1 serving the demo corpus as a feed and pages, plus
the faults a watcher meets: 500, timeouts, malformed feeds, cp1251, redirect loops,
huge responses. No test reaches any address off this machine."""
from __future__ import annotations

import html
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def seed_page(path: Path) -> str:
    lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    title, body = lines[0], lines[1:]
    paras = "\n".join(f"<p>{html.escape(l)}</p>" for l in body)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head>"
            f"<body><header><nav><a href='/'>Главная</a></nav></header><article><h1>{html.escape(title)}</h1>"
            f"{paras}</article><footer>© Демо</footer></body></html>")


class Site:
    def __init__(self):
        self.pages = {f"/a/{p.stem}.html": seed_page(p) for p in sorted(EXAMPLES.glob("*.txt"))}
        self.hits: dict[str, int] = {}
        self.etag = '"v1"'

    def feed(self, base: str) -> str:
        items = "".join(f"<item><title>{p}</title><link>{base}{p}</link><guid>{base}{p}</guid></item>"
                        for p in self.pages)
        return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Демо</title>"
                f"<link>{base}/</link><description>demo</description>{items}</channel></rss>")


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send(self, code: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", headers=None):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if body:
                self.wfile.write(body)

        def do_GET(self):
            site.hits[self.path] = site.hits.get(self.path, 0) + 1
            base = f"http://{self.headers['Host']}"
            p = self.path
            if p == "/robots.txt":
                return self.send(200, b"User-agent: *\nDisallow: /private\n", "text/plain")
            if p == "/feed.xml":
                if self.headers.get("If-None-Match") == site.etag:
                    return self.send(304)
                return self.send(200, site.feed(base).encode(), "application/rss+xml; charset=utf-8",
                                 {"ETag": site.etag})
            if p in site.pages:
                return self.send(200, site.pages[p].encode())
            if p == "/500":
                return self.send(500, b"oops")
            if p == "/slow":
                time.sleep(1.5)
                return self.send(200, b"<html>late</html>")
            if p == "/bad-feed.xml":
                return self.send(200, b"<?xml version='1.0'?><rss><channel><item><title>x</ti",
                                 "application/rss+xml")
            if p == "/cp1251.html":
                page = seed_page(EXAMPLES / "003_21b6205563734a2e.txt").replace('charset="utf-8"', 'charset="windows-1251"')
                return self.send(200, page.encode("cp1251", errors="replace"), "text/html; charset=windows-1251")
            if p in ("/loop", "/loop2"):
                return self.send(302, headers={"Location": "/loop2" if p == "/loop" else "/loop"})
            if p == "/huge":
                return self.send(200, b"<html><body>" + b"x" * 20_000_000 + b"</body></html>")
            if p.startswith("/private"):
                return self.send(200, site.pages["/a/002_cc54e64c8b1819b4.html"].encode())
            return self.send(404, b"not found")
    return Handler


@pytest.fixture()
def site():
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(s))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield s
    server.shutdown()
    server.server_close()
