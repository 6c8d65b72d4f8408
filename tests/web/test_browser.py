"""The UI in a real browser: Playwright driving Debian's chromium (never a downloaded
build) against `svodka serve`'s app on 127.0.0.1. Screenshots go to tmp_path."""
from __future__ import annotations

import socket
import threading
import time

import pytest

from .conftest import EVIL_ID, chromium_path

pytestmark = pytest.mark.browser

CHROMIUM = chromium_path()
if CHROMIUM is None:
    pytest.skip("BROWSER TESTS SKIPPED: /usr/bin/chromium is absent (apt-get install chromium; "
                "scripts/test.sh installs it in CI)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="BROWSER TESTS SKIPPED: pip install playwright")

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_db):
    import uvicorn
    from svodka.web import create_app
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(demo_db["path"]), host="127.0.0.1", port=port,
                                       log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    # Nothing outside the app may be fetched (no CDN).
    outside: list[str] = []
    pg.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "about:"))
          else outside.append(r.url))
    pg.errors, pg.outside = errors, outside
    yield pg
    assert not outside, outside
    ctx.close()


def test_home_story_citation_highlights_sentence(server, page, demo_db, tmp_path):
    cite = demo_db["cite"]
    page.goto(server + "/")
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
    page.locator(f'a.story[href="/stories/{cite["story"]}"]').click()
    page.wait_for_selector("ol.briefing a.cite")
    page.screenshot(path=str(tmp_path / "story.png"), full_page=True)
    page.locator("ol.briefing a.cite").first.click()
    page.wait_for_selector("mark#hl")
    assert "/articles/" in page.url and page.url.endswith("#hl")
    mark = page.locator("mark#hl")
    text = " ".join(mark.all_inner_texts())
    assert text.strip().startswith(cite["text"][:30])
    bg = mark.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent"), bg
    assert mark.first.is_visible()
    box = mark.first.bounding_box()
    assert box and box["y"] + box["height"] > 0 and box["y"] < 900, box        # scrolled into view
    page.screenshot(path=str(tmp_path / "cited.png"))
    assert not page.errors, page.errors


def test_search_declined_name(server, page, tmp_path):
    page.goto(server + "/")
    page.fill("header input[name=q]", "Пашиняном")
    page.press("header input[name=q]", "Enter")
    page.wait_for_selector("ol.hits li.hit")
    marks = page.locator("ol.hits mark").all_inner_texts()
    assert marks and all(m.lower().startswith("пашинян") for m in marks), marks
    page.screenshot(path=str(tmp_path / "search.png"), full_page=True)
    page.locator("ol.hits li.hit a").first.click()
    page.wait_for_selector("div.text")
    assert not page.errors, page.errors


def test_injected_script_never_runs(server, page, tmp_path):
    page.goto(server + f"/articles/{EVIL_ID}")
    page.wait_for_selector("div.text")
    assert page.evaluate("typeof window.svodkaPwned") == "undefined"
    assert page.title() != "pwned"
    assert "<script>window.svodkaPwned" in page.locator("div.text").inner_text()
    assert "<script>window.svodkaPwned" in page.locator("h1").inner_text()
    page.screenshot(path=str(tmp_path / "escaped.png"))
    for path in ("/articles", "/search?q=Пашинян", "/"):
        page.goto(server + path)
        assert page.evaluate("typeof window.svodkaPwned") == "undefined", path
    assert not page.errors, page.errors


def test_removed_boilerplate_opens_on_click(server, page, tmp_path):
    page.goto(server + "/articles")
    page.locator("table.list a", has_text="Саммит ОДКБ").first.click()
    summary = page.locator("details#removed summary")
    assert not page.locator("details#removed table").is_visible()
    summary.click()
    assert page.locator("details#removed table").is_visible()
    assert "РЕКЛАМА" in page.locator("details#removed").inner_text()
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
