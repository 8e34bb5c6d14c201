"""Real-browser check of the reports: headless Debian Chromium driven by Playwright.

By default builds a small reports dir from ``tests/data/render/report_demo.ipynb`` (one ok, one
failed, one skipped report). Set ``UCJ_REPORTS_DIR=reports`` to check a real batch output
(after ``make reports``). Screenshots go to ``tests/output/`` (git-ignored).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OUTPUT = Path(__file__).parent / "output"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium (/usr/bin/chromium)"),
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="module")
def reports_dir(tmp_path_factory) -> Path:
    env = os.environ.get("UCJ_REPORTS_DIR")
    if env:
        path = Path(env).resolve()
        assert (path / "index.html").is_file(), f"UCJ_REPORTS_DIR={env}: no index.html"
        return path
    from test_render import build_reports_dir

    out = tmp_path_factory.mktemp("browser_reports")
    build_reports_dir(out)
    return out


@pytest.fixture(scope="module")
def server(reports_dir):
    handler = functools.partial(_QuietHandler, directory=str(reports_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.foreign_requests = []  # requests that left the local server

    def on_request(request):
        url = request.url
        if not (url.startswith(server) or url.startswith(("data:", "about:", "blob:"))):
            pg.foreign_requests.append(url)

    pg.on("request", on_request)
    try:
        yield pg
    finally:
        context.close()


def _screenshot(pg, name: str) -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / name
    pg.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def _hrefs(pg) -> list[str]:
    return pg.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")


def _check_images(pg) -> int:
    """Every <img> decoded (naturalWidth > 0); returns the number of images."""
    pg.wait_for_load_state("load")
    sizes = pg.eval_on_selector_all(
        "img", "els => els.map(e => [e.complete, e.naturalWidth, e.src.slice(0, 40)])"
    )
    broken = [s for s in sizes if not s[0] or s[1] <= 0]
    assert not broken, f"{pg.url}: broken images {broken}"
    return len(sizes)


def test_index_links_resolve_and_reports_render(page, server, reports_dir):
    response = page.goto(f"{server}/index.html")
    assert response is not None and response.ok
    assert page.locator("h1").first.inner_text().strip() in (
        "Laporan Proyeksi UCJ",
        "UCJ Projection Reports",
    )
    _check_images(page)
    _screenshot(page, "index.png")

    # every link on the index points to an existing file served with 200
    hrefs = _hrefs(page)
    local = sorted({h.split("#", 1)[0] for h in hrefs if h.startswith(server)})
    assert not [h for h in hrefs if not h.startswith(server)], "index links leave the report dir"
    assert local, "index has no links"
    for url in local:
        rel = unquote(urlsplit(url).path).lstrip("/")
        assert (reports_dir / rel).is_file(), f"broken link: {rel}"
        assert page.request.get(url).status == 200, url

    # every linked report opens, all its images decode and nothing is fetched from the network
    reports = [u for u in local if u.endswith(".html") and not u.endswith("/index.html")]
    assert reports
    shot = {}
    for url in reports:
        response = page.goto(url)
        assert response is not None and response.ok, url
        assert page.locator("header.ucj-header h1").count() == 1, url
        assert page.locator("footer.ucj-footer").count() == 1, url
        n_img = _check_images(page)
        failed = page.locator("#ucj-failed").count() == 1
        if failed:
            assert "GAGAL / FAILED" in page.locator("#ucj-failed").inner_text()
            assert page.locator(".ucj-error").count() >= 1
        elif "UCJ_REPORTS_DIR" not in os.environ:
            assert n_img >= 1, f"{url}: no chart"  # the demo notebook draws one
        key = "report_failed" if failed else "report_ok"
        if key not in shot:
            shot[key] = _screenshot(page, f"{key}.png")
    assert not page.foreign_requests, page.foreign_requests
    if "UCJ_REPORTS_DIR" not in os.environ:
        assert set(shot) == {"report_ok", "report_failed"}


def test_following_a_link_from_the_index(page, server):
    page.goto(f"{server}/index.html")
    link = page.locator("table.key-numbers a").first
    href = link.get_attribute("href")
    with page.expect_navigation():
        link.click()
    assert page.url == f"{server}/{href}"
    assert page.locator("header.ucj-header").is_visible()
    assert page.locator("footer.ucj-footer").is_visible()
    _check_images(page)
    page.go_back()
    assert page.url.endswith("/index.html")
    assert not page.foreign_requests, page.foreign_requests


def test_report_opens_from_file_url_offline(browser, reports_dir, tmp_path):
    """A report copied on its own (e-mail, USB stick) still shows everything: file:// offline."""
    ctx = browser.new_context(offline=True)
    try:
        pg = ctx.new_page()
        target = next(p for p in sorted(reports_dir.glob("*/*.html")))
        copy = tmp_path / target.name
        shutil.copy(target, copy)
        pg.goto(copy.as_uri())
        assert pg.locator("header.ucj-header h1").count() == 1
        _check_images(pg)
    finally:
        ctx.close()
