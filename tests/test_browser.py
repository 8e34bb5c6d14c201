"""Real-browser check of the reports: headless Debian Chromium driven by Playwright.

By default builds a small reports dir from ``tests/data/render/report_demo.ipynb`` (one ok, one
failed, one skipped report). Set ``UCJ_REPORTS_DIR=reports`` to check a real batch output
(after ``make reports``). Screenshots go to ``tests/output/`` (git-ignored).

Without ``/usr/bin/chromium`` the tests skip on a developer machine; on CI (``CI=true``) they fail.
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
from conftest import on_ci

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

pytestmark = [pytest.mark.browser, pytest.mark.slow]
#: Reports whose notebook draws no chart (tables only): a real batch's data audit.
NO_CHART_NOTEBOOKS = ("01_data_audit",)


def require_chromium() -> None:
    """Skip without Debian chromium, except on CI where a missing browser is a failure."""
    if CHROMIUM.is_file():
        return
    if on_ci():
        pytest.fail(f"CI=true but {CHROMIUM} is missing: install Debian chromium (make browser)")
    pytest.skip(f"needs Debian chromium ({CHROMIUM})")


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
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
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


def _check_images(pg, minimum: int) -> int:
    """At least ``minimum`` images, every <img> decoded (naturalWidth > 0); returns the count."""
    pg.wait_for_load_state("load")
    sizes = pg.eval_on_selector_all(
        "img", "els => els.map(e => [e.complete, e.naturalWidth, e.src.slice(0, 40)])"
    )
    broken = [s for s in sizes if not s[0] or s[1] <= 0]
    assert not broken, f"{pg.url}: broken images {broken}"
    assert len(sizes) >= minimum, f"{pg.url}: {len(sizes)} images, expected at least {minimum}"
    return len(sizes)


def _charts_expected(pg) -> int:
    """1 for a report that ran and whose notebook draws charts, else 0 (failed, tables only)."""
    if pg.locator("#ucj-failed").count():
        return 0
    return 0 if any(f"/{nb}/" in pg.url for nb in NO_CHART_NOTEBOOKS) else 1


def test_index_links_resolve_and_reports_render(page, server, reports_dir):
    response = page.goto(f"{server}/index.html")
    assert response is not None and response.ok
    assert page.locator("h1").first.inner_text().strip() in (
        "Laporan Proyeksi UCJ",
        "UCJ Projection Reports",
    )
    _check_images(page, 0)  # the index is a table of links
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
        _check_images(page, _charts_expected(page))  # the demo notebook draws a chart
        failed = page.locator("#ucj-failed").count() == 1
        if failed:
            assert "GAGAL / FAILED" in page.locator("#ucj-failed").inner_text()
            assert page.locator(".ucj-error").count() >= 1
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
    _check_images(page, _charts_expected(page))
    page.go_back()
    assert page.url.endswith("/index.html")
    assert not page.foreign_requests, page.foreign_requests


def test_report_opens_from_file_url_offline(browser, reports_dir, tmp_path):
    """A report copied on its own (e-mail, USB stick) still shows everything: file:// offline."""
    ctx = browser.new_context(offline=True)
    try:
        pg = ctx.new_page()
        target = next(
            p
            for p in sorted(reports_dir.glob("*/*.html"))
            if p.parent.name not in NO_CHART_NOTEBOOKS
            and 'id="ucj-failed"' not in p.read_text(encoding="utf-8")
        )  # a report that ran and has charts: its images are embedded, not linked
        copy = tmp_path / target.name
        shutil.copy(target, copy)
        pg.goto(copy.as_uri())
        assert pg.locator("header.ucj-header h1").count() == 1
        assert pg.locator("#ucj-failed").count() == 0
        _check_images(pg, 1)
    finally:
        ctx.close()


def test_a_missing_chromium_fails_on_ci_and_skips_elsewhere(monkeypatch, tmp_path):
    import test_browser

    monkeypatch.setattr(test_browser, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true but .*no-chromium is missing"):
        require_chromium()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="needs Debian chromium"):
        require_chromium()
    monkeypatch.setattr(test_browser, "CHROMIUM", Path(__file__))  # present: no exception
    monkeypatch.setenv("CI", "true")
    require_chromium()
