"""Live sources: poll RSS/Atom feeds and news pages over HTTP and run what is new
through the same ingest, analysis and story update as files.

State lives in the store (tables `sources` and `seen`): what was seen, by URL and by
content hash, and how each source answered, so a restart picks up where it stopped.
One failing source never stops the others; it is reported with its error count."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import sqlalchemy as sa

from ..ingestion import IngestReport, build_articles, store_articles
from ..records import IngestError, RawDoc
from ..store import Store, schema as t
from .fetch import FetchError, Fetcher, Response, to_utf8


@dataclass
class Source:
    url: str
    outlet: str | None = None


@dataclass
class SourceResult:
    url: str
    status: str                      # new N | not modified | no new items | error: …
    new: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class Round:
    results: list[SourceResult] = field(default_factory=list)

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def failed(self) -> int:
        return sum(1 for r in self.results if r.status.startswith("error"))

    def line(self) -> str:
        return (f"{len(self.results)} sources polled, {self.new} new articles, "
                f"{sum(1 for r in self.results if r.status == 'not modified')} not modified, "
                f"{self.failed} failed")


class SourcesFileError(ValueError):
    pass


def read_sources(path: str | Path) -> list[Source]:
    """One source per line: URL, then optionally the outlet's name; # comments."""
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SourcesFileError(f"{path}: {exc.strerror}") from None
    for n, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not line:
            continue
        url, _, outlet = line.partition(" ") if "\t" not in line else line.partition("\t")
        if not url.startswith(("http://", "https://")):
            raise SourcesFileError(f"{path}:{n}: not an http(s) URL: {url!r}")
        out.append(Source(url, outlet.strip() or None))
    return out


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Watcher:
    def __init__(self, store: Store, fetcher: Fetcher | None = None):
        self.store = store
        self.fetcher = fetcher or Fetcher()

    # ---- state -------------------------------------------------------------

    def _state(self, url: str):
        with self.store.engine.connect() as conn:
            return conn.execute(sa.select(t.sources).where(t.sources.c.url == url)).first()

    def _save_state(self, src: Source, kind: str | None, resp: Response | None, result: SourceResult) -> None:
        failed = result.status.startswith("error")
        with self.store.engine.begin() as conn:
            row = conn.execute(sa.select(t.sources).where(t.sources.c.url == src.url)).first()
            values = {"outlet": src.outlet, "last_polled": _now(), "last_status": result.status,
                      "last_error": result.status if failed else (row.last_error if row else None)}
            if kind:
                values["kind"] = kind
            if resp is not None and not resp.not_modified:
                values.update(etag=resp.etag, last_modified=resp.last_modified)
            if row is None:
                conn.execute(t.sources.insert().values(url=src.url, errors=int(failed), polls=1,
                                                       items=result.new, **values))
            else:
                conn.execute(t.sources.update().where(t.sources.c.url == src.url).values(
                    errors=row.errors + int(failed), polls=row.polls + 1, items=row.items + result.new, **values))

    def _seen(self, url: str, digest: str | None = None) -> bool:
        cond = t.seen.c.url == url
        if digest:
            cond = sa.or_(cond, t.seen.c.content_hash == digest)
        with self.store.engine.connect() as conn:
            return conn.execute(sa.select(t.seen.c.url).where(cond).limit(1)).first() is not None

    def _mark_seen(self, url: str, digest: str, source_url: str, key: str | None) -> None:
        stmt = self.store._insert(t.seen).on_conflict_do_nothing(index_elements=["url"])
        with self.store.engine.begin() as conn:
            conn.execute(stmt.values(url=url, content_hash=digest, source_url=source_url,
                                     first_seen=_now(), article_key=key))

    # ---- polling -----------------------------------------------------------

    def poll(self, sources: list[Source], on_result: Callable[[SourceResult], None] | None = None) -> Round:
        rnd = Round()
        for src in sources:
            result, kind, resp = self._poll_one(src)
            self._save_state(src, kind, resp, result)
            rnd.results.append(result)
            if on_result:
                on_result(result)
        return rnd

    def _poll_one(self, src: Source) -> tuple[SourceResult, str | None, Response | None]:
        state = self._state(src.url)
        try:
            resp = self.fetcher.get(src.url, etag=state.etag if state else None,
                                    last_modified=state.last_modified if state else None)
        except FetchError as exc:
            return SourceResult(src.url, f"error: {exc}"), None, None
        if resp.not_modified:
            return SourceResult(src.url, "not modified"), None, resp
        feed = _as_feed(resp)
        if feed is None:
            if _looks_like_feed(resp):
                return SourceResult(src.url, "error: malformed feed (no entries could be read)"), "feed", resp
            return self._take_page(src, resp), "page", resp
        return self._take_feed(src, feed), "feed", resp

    def _take_feed(self, src: Source, feed) -> SourceResult:
        result = SourceResult(src.url, "")
        for entry in feed.entries:
            link = entry.get("link")
            if not link or self._seen(link):
                continue
            try:
                page = self.fetcher.get(link)
            except FetchError as exc:
                result.errors.append(f"{link}: {exc}")
                continue
            result.new += self._store_page(src, page, link)
        result.status = f"new {result.new}" if result.new else "no new items"
        if result.errors:
            result.status += f" ({len(result.errors)} items failed: {result.errors[0]})"
        return result

    def _take_page(self, src: Source, resp: Response) -> SourceResult:
        if self._seen(resp.url, _digest(resp.body)) or self._seen(src.url, _digest(resp.body)):
            return SourceResult(src.url, "no new items")
        try:
            new = self._store_page(src, resp, src.url)
        except FetchError as exc:
            return SourceResult(src.url, f"error: {exc}")
        return SourceResult(src.url, f"new {new}" if new else "no new items", new=new)

    def _store_page(self, src: Source, resp: Response, link: str) -> int:
        from ..ingest import read_bytes
        digest = _digest(resp.body)
        if self._seen(link, digest):
            return 0
        report = IngestReport()
        docs = []
        for item in read_bytes(to_utf8(resp), link.rstrip("/").rsplit("/", 1)[-1] or link, url=link):
            if isinstance(item, RawDoc):
                item.input_id = link          # a fetched page is known by its URL
                item.url = item.url or link
                item.outlet = src.outlet or item.outlet
            docs.append(item)
        articles = list(build_articles(docs, report))
        store_articles(self.store, articles, report)
        if report.failed:
            # Seen, so a broken page is reported once, not on every round.
            self._mark_seen(link, digest, src.url, None)
            err = report.errors[0]
            raise FetchError(f"{err.location}: {err.reason}")
        self._mark_seen(link, digest, src.url, articles[0].key if articles else None)
        return report.stored


def _as_feed(resp: Response):
    parsed = feedparser.parse(resp.body)
    # feedparser reads what it can of a broken document: a feed counts only when some
    # entry came out whole enough to follow (it has a link).
    if any(e.get("link") for e in parsed.entries) and (parsed.get("version") or not parsed.bozo):
        return parsed
    return None


def _looks_like_feed(resp: Response) -> bool:
    head = resp.body[:512].lstrip().lower()
    return ("xml" in resp.content_type or "rss" in resp.content_type or "atom" in resp.content_type
            or head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head)
