"""HTTP for the watcher: one polite client. Timeouts, retries with backoff, conditional
GET, a per-host rate limit, robots.txt, a size limit, charset from headers and meta tags.
Network IO lives here only."""
from __future__ import annotations

import re
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from .. import __version__

USER_AGENT = f"svodka/{__version__} (news analysis; respects robots.txt)"
MAX_BYTES = 5_000_000        # a news page or feed is far smaller; refuse past this
MAX_REDIRECTS = 5
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([\w-]+)""", re.I)


class FetchError(Exception):
    """A fetch that failed for good (after retries); the message says why."""


@dataclass
class Response:
    url: str                       # after redirects
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class Fetcher:
    timeout: float = 10.0
    retries: int = 2               # extra attempts after the first, for timeouts and 5xx
    backoff: float = 1.0           # seconds, doubled per attempt
    min_interval: float = 1.0      # per host, between two requests
    max_bytes: int = MAX_BYTES
    respect_robots: bool = True
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.client = httpx.Client(timeout=self.timeout, follow_redirects=True,
                                   max_redirects=MAX_REDIRECTS,
                                   headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"})

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        if not self.allowed(url):
            raise FetchError("disallowed by robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        delay = self.backoff
        for attempt in range(self.retries + 1):
            self._wait(url)
            try:
                resp = self._get_once(url, headers)
                if resp.status >= 500 and attempt < self.retries:
                    raise _Retry(f"HTTP {resp.status}")
                if resp.status >= 400:
                    raise FetchError(f"HTTP {resp.status}")
                return resp
            except httpx.TooManyRedirects:
                raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})") from None
            except (httpx.TimeoutException, _Retry, httpx.TransportError) as exc:
                if attempt == self.retries:
                    reason = "timed out" if isinstance(exc, httpx.TimeoutException) else str(exc) or type(exc).__name__
                    raise FetchError(f"{reason} (after {self.retries + 1} attempts)") from None
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def _get_once(self, url: str, headers: dict) -> Response:
        with self.client.stream("GET", url, headers=headers) as r:
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(f"response too large ({int(declared)} bytes, limit {self.max_bytes})")
            chunks, size = [], 0
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(f"response too large (over the limit of {self.max_bytes} bytes)")
                chunks.append(chunk)
            return Response(str(r.url), r.status_code, b"".join(chunks), r.headers.get("etag"),
                            r.headers.get("last-modified"), r.headers.get("content-type", ""))

    def _wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last.get(host)
        if last is not None:
            pause = self.min_interval - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        if not self.respect_robots:
            return True
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        if base not in self._robots:
            self._robots[base] = self._load_robots(base)
        robots = self._robots[base]
        return robots is None or robots.can_fetch(USER_AGENT, url)

    def _load_robots(self, base: str):
        # No robots.txt (or an error fetching it) means no restrictions, as crawlers agree.
        try:
            self._wait(base)
            r = self.client.get(base + "/robots.txt")
        except httpx.HTTPError:
            return None
        if r.status_code != 200:
            return None
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(r.text.splitlines())
        return parser


class _Retry(Exception):
    pass


def to_utf8(resp: Response) -> bytes:
    """Re-encode a body to UTF-8 when its charset is declared (header, meta or XML
    declaration); undeclared bodies go to the ingest adapters' own detection."""
    charset = None
    m = re.search(r"charset=([\w-]+)", resp.content_type, re.I)
    if m:
        charset = m.group(1)
    else:
        head = resp.body[:4096]
        m = META_CHARSET.search(head) or XML_ENCODING.search(head)
        if m:
            charset = m.group(1).decode("ascii", "ignore")
    if not charset or charset.lower().replace("_", "-") in ("utf-8", "utf8"):
        return resp.body
    try:
        text = resp.body.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return resp.body
    # The declaration inside the document must now say utf-8 too.
    text = re.sub(r"""(<meta[^>]+charset\s*=\s*["']?)[\w-]+""", r"\1utf-8", text, count=1, flags=re.I)
    text = re.sub(r"""(<\?xml[^>]+encoding\s*=\s*["'])[\w-]+""", r"\1utf-8", text, count=1, flags=re.I)
    return text.encode("utf-8")
