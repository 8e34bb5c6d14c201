"""Reports on a phone: every report and the index of a real batch opened at phone width.

A real batch (embedded data, 100 draws, run date 29 November 2026) is built once per session
with ``python -m ucj_analysis batch``; set ``UCJ_REPORTS_DIR`` to check an existing batch output
instead. At 360, 390 and 414 px wide no page may scroll sideways (wide tables scroll inside
their own box), no text may be drawn below 11 px, images fit the width, and a forecast report
shows its answer (memo and answer table) before any chart; its fan chart is shown in its
phone variant with text of 11 px or more, and so is every other chart of every report (each
chart has a phone variant; its chart files exist); the index's key numbers are stacked.
Screenshots at 390 x 844 go to ``tests/output/phone_*.png``.

Without ``/usr/bin/chromium`` the browser tests skip on a developer machine and fail on CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, OUTPUT, require_chromium

from ucj_analysis.i18n import t
from ucj_analysis.render import wrap_tables

REPO = Path(__file__).resolve().parents[1]
RUN_DATE = "2026-11-29"
PHONE = {"width": 390, "height": 844}
#: smallest text allowed on a phone [CSS px]
MIN_TEXT_PX = 11.0


@pytest.fixture(scope="session")
def batch_dir(tmp_path_factory) -> Path:
    """Output folder of a real batch on the embedded data (or ``$UCJ_REPORTS_DIR``)."""
    env = os.environ.get("UCJ_REPORTS_DIR")
    if env:
        path = Path(env).resolve()
        assert (path / "index.html").is_file(), f"UCJ_REPORTS_DIR={env}: no index.html"
        return path
    require_chromium()  # the batch prints the one-page summaries with it
    out = tmp_path_factory.mktemp("phone_batch")
    cmd = [sys.executable, "-m", "ucj_analysis", "batch", "--out", str(out),
           "--set", "n_draws=100", "--set", f"as_of={RUN_DATE}"]  # fmt: skip
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert (out / "index.html").is_file()
    return out


def _pages(root: Path) -> list[Path]:
    pages = [root / "index.html", *sorted(root.glob("*/*.html"))]
    assert len(pages) >= 5, pages
    return pages


def _screenshot(page, name: str) -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


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


_LAYOUT_JS = """(minPx) => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const size = parseFloat(style.fontSize);
    if (size < minPx) small.push([el.tagName, size, node.textContent.trim().slice(0, 40)]);
  }
  const images = [...document.images].map(i => [Math.round(i.getBoundingClientRect().right),
                                                 i.naturalWidth]);
  return {inner: innerWidth, scroll: document.scrollingElement.scrollWidth, small, images};
}"""


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [360, 390, 414])
def test_no_page_scrolls_sideways_and_no_text_is_tiny(browser, batch_dir, width):
    ctx = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=True)
    try:
        page = ctx.new_page()
        problems = []
        for path in _pages(batch_dir):
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            got = page.evaluate(_LAYOUT_JS, MIN_TEXT_PX)
            name = path.relative_to(batch_dir).as_posix()
            assert got["inner"] == width
            if got["scroll"] > got["inner"]:
                problems.append(f"{name}: page {got['scroll']} px wide at {width} px")
            if got["small"]:
                problems.append(f"{name}: text below {MIN_TEXT_PX} px: {got['small'][:3]}")
            wide = [im for im in got["images"] if im[0] > width]
            if wide:
                problems.append(f"{name}: images wider than the screen: {wide}")
            if width == PHONE["width"] and name == "index.html":
                _screenshot(page, "phone_index.png")
        assert not problems, "\n".join(problems)
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.slow
def test_forecast_report_answer_first_and_tables_scroll_in_place(browser, batch_dir):
    reports = sorted(batch_dir.glob("02_regency_forecast/*.html"))
    assert reports
    ctx = browser.new_context(viewport=PHONE, is_mobile=True)
    try:
        page = ctx.new_page()
        for path in reports:
            page.goto(path.as_uri())
            got = page.evaluate(
                """() => {
                  const main = document.querySelector('main.ucj-main');
                  const box = main.querySelector('.ucj-scroll');
                  // the first chart shown (the page image of the fan chart is hidden)
                  const img = [...main.querySelectorAll('img')]
                    .find(i => i.getBoundingClientRect().height > 0);
                  const first = box.querySelector('tbody tr > :first-child');
                  return {tableTop: box.getBoundingClientRect().top + scrollY,
                          imgTop: img ? img.getBoundingClientRect().top + scrollY : null,
                          boxWidth: box.clientWidth, tableWidth: box.scrollWidth,
                          sticky: getComputedStyle(first).position,
                          text: main.innerText.slice(0, 600)}
                }"""
            )
            # the answer table comes before the first chart, and the memo before the table
            assert got["imgTop"] is not None and got["tableTop"] < got["imgTop"], path.name
            assert "99,5 %" in got["text"], path.name
            # the answer table is wider than the phone: it scrolls inside its box, first
            # column (the scenario) pinned
            assert got["tableWidth"] > got["boxWidth"] <= PHONE["width"], got
            assert got["sticky"] == "sticky"
            before = page.evaluate("document.scrollingElement.scrollLeft")
            page.locator("main .ucj-scroll").first.evaluate("b => b.scrollLeft = 200")
            assert page.locator("main .ucj-scroll").first.evaluate("b => b.scrollLeft") > 0
            assert page.evaluate("document.scrollingElement.scrollLeft") == before == 0
            if path == reports[0]:
                page.locator("main .ucj-scroll").first.evaluate("b => b.scrollLeft = 0")
                _screenshot(page, "phone_report.png")
    finally:
        ctx.close()


_IMAGES_JS = """() => [...document.images].map(i => {
  const box = i.getBoundingClientRect();
  const chart = i.closest('.ucj-chart');
  return {cls: i.className, shown: getComputedStyle(i).display !== 'none' && box.width > 0,
          width: box.width, natural: i.naturalWidth, minFontPx: parseFloat(i.dataset.minFontPx),
          alt: i.alt, inChart: chart !== null,
          hasNarrow: chart !== null && chart.classList.contains('ucj-chart-has-narrow')};
})"""


def _shot_name(name: str) -> str:
    """``02_regency_forecast/konawe.html`` -> ``phone_02_regency_forecast_konawe.png``."""
    return "phone_" + name.removesuffix(".html").replace("/", "_") + ".png"


@pytest.mark.browser
@pytest.mark.slow
def test_every_chart_has_a_phone_variant_with_text_of_11px_or_more(browser, batch_dir):
    """At 390 px every image of every report and of the index is a phone variant whose
    smallest text is >= 11 CSS px, and every chart's PNG and SVG files exist.

    Each chart image carries ``data-min-font-px``, the smallest text of the PNG in its own
    pixels (font size [pt] x dpi / 72, measured on the drawn figure); drawn ``width`` CSS px
    wide from ``natural`` px, that text is ``minFontPx x width / natural`` px on the screen. An
    image without it, or a chart without a phone variant, fails. One screenshot per notebook
    (its first report) and of the index.
    """
    ctx = browser.new_context(viewport=PHONE, is_mobile=True)
    problems, n_charts, shot = [], 0, set()
    try:
        page = ctx.new_page()
        for path in _pages(batch_dir):
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            name = path.relative_to(batch_dir).as_posix()
            images = page.evaluate(_IMAGES_JS)
            shown = [im for im in images if im["shown"]]
            for im in images:
                if not (im["inChart"] and im["hasNarrow"]):
                    problems.append(f"{name}: image without a phone variant: {im['alt'][:50]}")
            for im in shown:
                if im["cls"] != "ucj-chart-narrow":
                    problems.append(f"{name}: page image shown on a phone: {im['alt'][:50]}")
                    continue
                on_screen = im["minFontPx"] * im["width"] / im["natural"]
                if not on_screen >= MIN_TEXT_PX:  # NaN (no data-min-font-px) fails too
                    problems.append(f"{name}: chart text {on_screen:.1f} px: {im['alt'][:50]}")
            wide = [im for im in images if im["cls"] == "ucj-chart-wide"]
            narrow = [im for im in images if im["cls"] == "ucj-chart-narrow"]
            # one page image and one phone image per chart, only the phone one shown
            assert len(wide) == len(narrow) == len(shown), (name, images)
            for w, nw in zip(wide, narrow, strict=True):
                assert not w["shown"] and w["alt"] == nw["alt"] and len(w["alt"]) > 60, name
            n_charts += len(wide)
            if wide:  # every chart has its PNG and SVG beside the report, linked from the footer
                links = page.eval_on_selector_all(
                    ".ucj-footer-charts a", "els => els.map(a => a.getAttribute('href'))"
                )
                assert len(links) == 2 * len(wide), name
                for href in links:
                    assert (path.parent / href).is_file(), href
            group = name.split("/")[0]
            if group not in shot:
                shot.add(group)
                _screenshot(page, _shot_name(name) if "/" in name else "phone_index.png")
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)
    # forecast: fan, time to target, cost; budget: curve, tornado; portfolio: one chart
    n_forecast = len(list(batch_dir.glob("02_regency_forecast/*.html")))
    assert n_charts >= 3 * n_forecast + 1 and n_forecast >= 1


@pytest.mark.browser
@pytest.mark.slow
def test_index_key_numbers_stack_on_a_phone(browser, batch_dir):
    """On a phone the key numbers are stacked: no cell is cut off, each value is named."""
    ctx = browser.new_context(viewport=PHONE, is_mobile=True)
    try:
        page = ctx.new_page()
        page.goto((batch_dir / "index.html").as_uri())
        got = page.evaluate(
            """() => {
              const table = document.querySelector('table.key-numbers');
              const box = table.parentElement;
              const cells = [...table.querySelectorAll('td')];
              const right = Math.max(...cells.map(c => c.getBoundingClientRect().right));
              const when = table.querySelector('td.when');
              return {boxWidth: box.clientWidth, scrollWidth: box.scrollWidth, right,
                      head: getComputedStyle(table.querySelector('thead')).display,
                      label: getComputedStyle(when, '::before').content,
                      whenWidth: when.getBoundingClientRect().width,
                      scenarios: table.querySelectorAll('td.scenario').length}
            }"""
        )
        assert got["head"] == "none"
        assert got["scrollWidth"] <= got["boxWidth"] and got["right"] <= PHONE["width"], got
        assert got["label"] == f'"{t("render.median_time", "id")}: "', got
        assert got["whenWidth"] > PHONE["width"] / 2 and got["scenarios"] >= 3, got
    finally:
        ctx.close()


def test_wrap_tables_puts_each_table_in_a_scroll_box():
    html = '<p>a</p><TABLE id="t"><tr><td>1</td></tr></table ><table><tr><td>2</td></tr></table>'
    assert wrap_tables(html) == (
        '<p>a</p><div class="ucj-scroll"><table id="t"><tr><td>1</td></tr></table></div>'
        '<div class="ucj-scroll"><table><tr><td>2</td></tr></table></div>'
    )
    assert wrap_tables("<p>no table</p>") == "<p>no table</p>"
    assert wrap_tables("<tablet></tablet>") == "<tablet></tablet>"
