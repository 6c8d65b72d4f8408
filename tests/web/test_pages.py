"""Server-rendered pages over the demo store: reachable from /, none 5xx, text escaped."""
from __future__ import annotations

import re
from urllib.parse import quote

from .conftest import EVIL_ID, SCRIPT_TEXT


def crawl(client, start="/", limit=400) -> dict[str, int]:
    seen: dict[str, int] = {}
    todo = [start]
    while todo and len(seen) < limit:
        url = todo.pop(0)
        if url in seen:
            continue
        r = client.get(url)
        seen[url] = r.status_code
        if "text/html" in r.headers.get("content-type", ""):
            for href in re.findall(r'href="(/[^"#]*)', r.text):
                href = href.replace("&amp;", "&")
                if not href.startswith(("/api/export", "/static/")) and href not in seen:
                    todo.append(href)
    return seen


def test_pages_reachable_from_home_and_none_fails(client):
    seen = crawl(client)
    pages = [u for u in seen if not u.startswith(("/api/", "/openapi"))]
    assert len(pages) >= 10, pages
    bad = {u: s for u, s in seen.items() if s >= 500 or s == 404}
    assert not bad, bad
    for kind in ("/stories/", "/articles/", "/search", "/coverage", "/quotes", "/events", "/entities", "/apidocs"):
        assert any(u.startswith(kind) for u in pages), kind


def test_script_in_article_is_shown_as_text(client):
    r = client.get(f"/articles/{EVIL_ID}")
    assert r.status_code == 200
    assert "<script>window.svodkaPwned" not in r.text
    assert r.text.count("&lt;script&gt;window.svodkaPwned") >= 2      # title and text
    assert "<img src=x" not in r.text and "&lt;img src=x" in r.text
    for page in ("/articles", f"/search?q={quote('Пашинян')}", "/quotes"):
        assert "<script>window" not in client.get(page).text, page


def test_citation_link_highlights_the_sentence(client, demo_db):
    cite = demo_db["cite"]
    story = client.get(f"/stories/{quote(cite['story'])}").text
    links = re.findall(r'<a class="cite" href="([^"]+)"', story)
    assert links, "no citation link on the story page"
    href = links[0].replace("&amp;", "&")
    assert f"hl={cite['start']}-{cite['stop']}" in href
    page = client.get(href).text
    marked = re.search(r'<mark id="hl" class="hl">(.*?)</mark>', page, re.S)
    assert marked
    assert re.sub(r"<[^>]+>", "", marked.group(1)).startswith(cite["text"][:40].replace('"', "&#34;")[:20])


def test_removed_boilerplate_on_request(client):
    items = client.get("/api/articles?limit=500").json()["items"]
    key = next(x["key"] for x in items if x["id"].startswith("001"))
    closed = client.get(f"/articles/{key}").text
    opened = client.get(f"/articles/{key}?removed=1").text
    assert '<details id="removed">' in closed and '<details id="removed" open>' in opened
    assert "РЕКЛАМА" in opened


def test_search_page_marks_declined_name(client):
    r = client.get("/search", params={"q": "Пашиняном"})
    assert r.status_code == 200
    assert re.search(r"<mark>Пашинян\w*</mark>", r.text)


def test_unknown_page_is_an_html_404(client):
    r = client.get("/articles/nope")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "nope" in r.text


def test_bad_filter_is_a_422_page(client):
    assert client.get("/articles?since=вчера").status_code == 422


def test_static_assets_served_and_no_cdn(client):
    home = client.get("/").text
    for src in re.findall(r'(?:src|href)="([^"]+)"', home):
        assert not src.startswith(("http://", "https://", "//")), src
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/svodka.js").status_code == 200


def test_coverage_page_has_an_svg_chart(client):
    r = client.get("/coverage")
    assert r.status_code == 200 and "<svg" in r.text
