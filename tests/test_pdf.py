"""One-page summary PDFs, printed reports and the spreadsheet's print set-up.

Uses the real batch of :mod:`test_phone` (embedded data, 100 draws, run date 29 November 2026;
or ``$UCJ_REPORTS_DIR``). PDFs are read with pypdf. Page 1 of each summary is saved as
``tests/output/ringkasan_<slug>.png`` (the printed page as Chromium lays it out).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import nbformat
import pypdf
import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, OUTPUT, require_chromium
from test_phone import batch_dir  # noqa: F401 - shared session fixture

from ucj_analysis import i18n, pdf, render
from ucj_analysis.i18n import format_month

#: A4 in PDF points (1/72 in): 210 x 297 mm
A4 = (595.28, 841.89)
BRIEF_MAX_BYTES = 500_000
REPORT_MAX_BYTES = 1_000_000


def _forecasts(root: Path) -> list[tuple[str, dict]]:
    """(slug, recorded values) of every forecast report of the batch."""
    out = []
    for nb_path in sorted(root.glob("02_regency_forecast/*.ipynb")):
        values = render.read_records(nbformat.read(nb_path, as_version=4))
        out.append((nb_path.stem, values))
    assert out
    return out


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(path).pages))


def _expected_answer(tt: dict) -> str:
    if tt.get("status") == "reached" and tt.get("median_month"):
        return format_month(tt["median_month"], "id")
    return "tidak tercapai sebelum Des 2045"


@pytest.mark.browser
@pytest.mark.slow
def test_every_regency_has_a_one_page_a4_summary(batch_dir):  # noqa: F811
    for slug, values in _forecasts(batch_dir):
        path = batch_dir / render.brief_relpath(slug)
        assert path.is_file(), path
        size = path.stat().st_size
        assert 10_000 < size < BRIEF_MAX_BYTES, (path.name, size)
        reader = pypdf.PdfReader(path)
        assert len(reader.pages) == 1, (path.name, len(reader.pages))
        box = reader.pages[0].mediabox
        assert float(box.width) == pytest.approx(A4[0], abs=1.5)
        assert float(box.height) == pytest.approx(A4[1], abs=1.5)
        assert pdf.page_count(path.read_bytes()) == 1
        text = _text(path)
        assert "RINGKASAN UNTUK PIMPINAN" in text.upper()
        assert values["regency"] in text
        assert "99,5 %" in text  # the target
        assert "29 November 2026" in text  # the run date
        assert f"02_regency_forecast/{slug}.html" in text  # where the full report lives
        assert "file:" not in text and "/tmp" not in text
        flat = text.replace(" ", "")
        for tt in values["time_to_target"]:
            assert tt["scenario_label"].replace(" ", "") in flat, tt["scenario_label"]
            assert _expected_answer(tt).replace(" ", "") in flat, (slug, tt["scenario"])
            if tt.get("appropriation_rp_per_year"):
                money = render._format_rp(tt["appropriation_rp_per_year"], "id")
                assert money.replace(" ", "") in flat
        assert b"file://" not in path.read_bytes()


@pytest.mark.browser
@pytest.mark.slow
def test_index_and_spreadsheet_point_to_the_summaries(batch_dir):  # noqa: F811
    from openpyxl import load_workbook

    slugs = [slug for slug, _ in _forecasts(batch_dir)]
    index = (batch_dir / "index.html").read_text(encoding="utf-8")
    for slug in slugs:
        assert f'href="ringkasan/{slug}.pdf"' in index
    wb = load_workbook(batch_dir / "summary.xlsx")
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    col = header.index("Ringkasan pimpinan (PDF)") + 1
    paths = {ws.cell(r, col).value for r in range(2, ws.max_row + 1)}
    assert paths == {f"ringkasan/{slug}.pdf" for slug in slugs}
    assert ws.cell(2, col).hyperlink.target == ws.cell(2, col).value
    for sheet in wb.worksheets:  # print set-up of every sheet
        setup = sheet.page_setup
        assert setup.orientation == "landscape"
        assert int(setup.paperSize) == 9  # A4
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == "$1:$1"
        widths = [sheet.column_dimensions[c].width for c in sheet.column_dimensions]
        assert widths and max(widths) <= render.XLSX_MAX_WIDTH and min(widths) >= 10


@pytest.mark.browser
@pytest.mark.slow
def test_reports_stay_under_a_megabyte(batch_dir):  # noqa: F811
    sizes = {p.name: p.stat().st_size for p in batch_dir.glob("*/*.html")}
    assert sizes and max(sizes.values()) < REPORT_MAX_BYTES, sizes


@pytest.mark.browser
@pytest.mark.slow
def test_printed_report_keeps_each_chart_on_one_page_with_a_header(batch_dir, tmp_path):  # noqa: F811
    require_chromium()
    report = next(iter(sorted(batch_dir.glob("02_regency_forecast/*.html"))))
    text = report.read_text(encoding="utf-8")
    # printed: every chart's page image; a phone variant (class ucj-chart-narrow) is not drawn
    n_images = text.count("<img ") - text.count('class="ucj-chart-narrow"')
    assert n_images >= 3
    out = pdf.html_to_pdf(report, tmp_path / "report.pdf")
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) >= 3
    drawn: dict[tuple, list[int]] = {}
    # the running header shows when the report ran (the clock, not the analysis date), a moment
    # before its file was written
    written = dt.datetime.fromtimestamp(report.stat().st_mtime)
    run_days = {i18n.format_date((written - dt.timedelta(minutes=m)).date(), "id") for m in (0, 30)}
    for number, page in enumerate(reader.pages, start=1):
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=1.5)
        text = page.extract_text()
        assert any(f"Tanggal dijalankan {d}, " in text for d in run_days), (number, run_days)
        regency = render.read_records(nbformat.read(report.with_suffix(".ipynb"), 4))["regency"]
        assert regency in text, number  # ... and regency on every page
        assert f"Halaman {number} dari {len(reader.pages)}" in text
        for image in page.images:
            drawn.setdefault((image.image.size, image.data[:4096]), []).append(number)
    # a chart cut by a page break would be drawn on two pages
    assert len(drawn) == n_images, (len(drawn), n_images)
    assert all(len(pages) == 1 for pages in drawn.values()), drawn


@pytest.mark.browser
@pytest.mark.slow
def test_summary_page_screenshot(batch_dir):  # noqa: F811
    """The summary as Chromium prints it (A4 at 96 dpi, print media), saved for a human look."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    slug, values = _forecasts(batch_dir)[0]
    record = {"regency": values["regency"], "slug": slug,
              "html": f"02_regency_forecast/{slug}.html", "records": values}  # fmt: skip
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 794, "height": 1123})
            page.emulate_media(media="print")
            page.set_content(render.brief_html(record, "id"))
            height = page.evaluate("document.documentElement.scrollHeight")
            OUTPUT.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(OUTPUT / f"ringkasan_{slug}.png"), full_page=True)
        finally:
            browser.close()
    assert height <= 1123  # fits the A4 page


# ---- without a browser ---------------------------------------------------------------------
def _record(status: str = "ok", **values) -> dict:
    tt = [
        {"scenario": "trend_only", "scenario_label": "Tren saat ini", "status": "not_reached",
         "median_month": None, "p10_month": None, "p90_month": None, "main_deadline": "2030-12",
         "prob_main_deadline": 0.0, "coverage_main_deadline_pct": 50.63, "budget_year": 2027,
         "appropriation_rp_per_year": 1_209_600_000.0, "appropriation_rp_per_desa": None},
        {"scenario": "fund_gap", "scenario_label": "Danai seluruh kesenjangan",
         "status": "reached", "median_month": "2028-04", "p10_month": "2027-09",
         "p90_month": "2029-10", "main_deadline": "2030-12", "prob_main_deadline": 0.97,
         "coverage_main_deadline_pct": 100.0, "budget_year": 2027,
         "appropriation_rp_per_year": 10_020_000_000.0, "appropriation_rp_per_desa": 33_737_373.0},
    ]  # fmt: skip
    base = {"regency": "Konawe", "report_title": "Proyeksi UCJ Kabupaten Konawe",
            "memo": ["Kalimat pertama.", "Kalimat <kedua> & terakhir."], "target_pct": 99.5,
            "run_date": "2026-11-29", "latest_figure_month": "2025-04", "data_age_months": 19,
            "start_quality": "observed", "time_to_target": tt}  # fmt: skip
    return {"notebook": "02_regency_forecast", "regency": "Konawe", "slug": "konawe",
            "status": status, "html": "02_regency_forecast/konawe.html",
            "records": base | values}  # fmt: skip


def test_brief_html_holds_the_answer_in_indonesian_and_english():
    page = render.brief_html(_record(), "id")
    for text in ("Ringkasan untuk pimpinan", "Proyeksi UCJ Kabupaten Konawe", "99,5 %",
                 "29 November 2026", "April 2025 (19 bulan lalu), kualitas: teramati",
                 "Kalimat &lt;kedua&gt; &amp; terakhir.", "tidak tercapai sebelum Des 2045",
                 "April 2028", "Sep 2027 – Okt 2029", "97 %", "100,0 %", "50,6 %",
                 "Rp 1,21 miliar", "Rp 10,02 miliar", "Rp 33,74 juta",
                 "Peluang tercapai sebelum Des 2030", "Anggaran per tahun (2027)",
                 "<code>02_regency_forecast/konawe.html</code>",
                 "lebih dari 12 bulan: perbarui data"):  # fmt: skip
        assert text in page, text
    assert "<script" not in page and "<img" not in page and "<a " not in page
    english = render.brief_html(_record(), "en")
    for text in (
        "Summary for leadership",
        "99.5%",
        "not reached by Dec 2045",
        "April 2028",
        "Probability by Dec 2030",
        "Budget per year (2027)",
        "IDR 10.02 billion",
    ):
        assert text in english, text
    assert "Ringkasan untuk" not in english and "Peluang" not in english
    fresh = render.brief_html(_record(data_age_months=3), "id")
    assert "perbarui data" not in fresh
    assert 'class="compact"' in render.brief_html(_record(), "id", compact=True)


def test_page_count_counts_page_objects_only():
    fake = b"<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page/Parent 1 0 R >>"
    assert pdf.page_count(fake) == 2
    assert pdf.page_count(b"<< /Type /Catalog >>") == 0


def test_without_chromium_the_batch_gets_a_note_and_no_pdf(tmp_path):
    result = pdf.write_briefs([_record()], tmp_path, "id", chromium=tmp_path / "no-chromium")
    assert result.written == [] and "konawe" in result.errors
    assert result.note and "Chromium tidak ditemukan" in result.note
    assert not (tmp_path / "ringkasan").exists()
    english = pdf.write_briefs([_record()], tmp_path, "en", chromium=tmp_path / "no-chromium")
    assert english.note.startswith("summary PDFs not made")
    with pytest.raises(pdf.PdfError, match="Chromium not found"):
        pdf.html_to_pdf(tmp_path / "x.html", tmp_path / "x.pdf", chromium=tmp_path / "none")


def test_a_failed_report_loses_its_old_summary(tmp_path):
    stale = tmp_path / "ringkasan" / "konawe.pdf"
    stale.parent.mkdir()
    stale.write_bytes(b"%PDF-old")
    result = pdf.write_briefs([_record("failed")], tmp_path, "id", chromium=tmp_path / "none")
    assert result.removed == [stale] and not stale.exists()
    assert result.written == [] and result.note is None


def test_unchanged_report_keeps_a_newer_summary(tmp_path):
    report = tmp_path / "02_regency_forecast" / "konawe.html"
    report.parent.mkdir()
    report.write_text("<html></html>")
    brief = tmp_path / "ringkasan" / "konawe.pdf"
    brief.parent.mkdir()
    brief.write_bytes(b"%PDF-1.4")
    result = pdf.write_briefs([_record("skipped")], tmp_path, "id", chromium=tmp_path / "none")
    assert result.kept == [brief] and result.note is None
    assert brief.read_bytes() == b"%PDF-1.4"


@pytest.mark.browser
@pytest.mark.slow
def test_write_briefs_prints_one_page(tmp_path):
    require_chromium()
    result = pdf.write_briefs([_record()], tmp_path, "en")
    path = tmp_path / "ringkasan" / "konawe.pdf"
    assert result.written == [path] and result.pages == {path: 1} and result.note is None
    text = _text(path)
    assert "SUMMARY FOR LEADERSHIP" in text.upper() and "not reached by Dec 2045" in text


def _records(n: int) -> list[dict]:
    out = []
    for i in range(n):
        rec = _record()
        rec["slug"] = f"kab-{i}"
        rec["html"] = f"02_regency_forecast/kab-{i}.html"
        out.append(rec)
    return out


@pytest.mark.browser
@pytest.mark.slow
def test_one_browser_per_thread_prints_every_summary(tmp_path, monkeypatch):
    require_chromium()
    started = []
    real_enter = pdf._Browser.__enter__

    def counting_enter(self):
        started.append(self)
        return real_enter(self)

    monkeypatch.setattr(pdf._Browser, "__enter__", counting_enter)
    leftover = tmp_path / pdf.STAGING / "from-a-killed-run.pdf"  # a batch killed mid-printing
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"%PDF-")
    result = pdf.write_briefs(_records(5), tmp_path, "id", jobs=2)
    assert not (tmp_path / pdf.STAGING).exists()  # printed there, moved into ringkasan/
    assert len(started) == 2  # two threads, one browser each, five summaries
    paths = [tmp_path / "ringkasan" / f"kab-{i}.pdf" for i in range(5)]
    assert sorted(result.written) == sorted(paths) and result.errors == {}
    assert all(result.pages[p] == 1 for p in paths)
    assert all("RINGKASAN UNTUK PIMPINAN" in _text(p).upper() for p in paths)


@pytest.mark.browser
@pytest.mark.slow
def test_without_playwright_each_summary_is_printed_by_the_command_line(tmp_path, monkeypatch):
    require_chromium()
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # import fails
    with pytest.raises(pdf.PdfError, match="Playwright not installed"):
        pdf._Browser(pdf.chromium_path()).__enter__()
    result = pdf.write_briefs(_records(2), tmp_path, "en", jobs=1)
    assert len(result.written) == 2 and result.errors == {}
    assert "SUMMARY FOR LEADERSHIP" in _text(result.written[0]).upper()


@pytest.mark.browser
def test_no_summary_is_started_once_asked_to_stop(tmp_path):
    require_chromium()
    asked = []

    def stop() -> bool:
        asked.append(1)
        return True

    result = pdf.write_briefs(_records(3), tmp_path, "id", jobs=1, should_stop=stop)
    assert asked and result.written == [] and result.errors == {}
    assert not (tmp_path / "ringkasan").exists()


@pytest.mark.browser
@pytest.mark.slow
def test_summaries_printed_ahead_are_moved_not_printed_again(tmp_path, monkeypatch):
    """The batch prints each summary as its forecast finishes; the end moves it into place."""
    require_chromium()
    from ucj_analysis.batch.briefs import BriefPrinter

    leftover = tmp_path / pdf.STAGING / "from-a-killed-run.pdf"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"%PDF-")
    printer = BriefPrinter(tmp_path, "id", should_stop=lambda: False)
    assert not leftover.exists()  # a killed batch's staging folder is emptied first
    records = _records(3)
    for rec in records:
        printer.submit(rec)
    printer.submit(_record("failed") | {"slug": "gagal"})  # no summary for a failed report
    staged = printer.finish()
    assert sorted(staged) == ["kab-0", "kab-1", "kab-2"]
    assert all(s.path.parent == tmp_path / pdf.STAGING and s.pages == 1 for s in staged.values())
    assert not (tmp_path / "ringkasan").exists()  # nothing is linked before the batch ends

    printed_again = []
    real = pdf._print_brief
    monkeypatch.setattr(
        pdf, "_print_brief", lambda rec, *a: printed_again.append(rec["slug"]) or real(rec, *a)
    )
    records[2]["records"] = records[2]["records"] | {"memo": ["Kalimat lain."]}  # changed since
    result = pdf.write_briefs(records, tmp_path, "id", staged=staged)
    assert printed_again == ["kab-2"]  # the two unchanged ones were printed once, ahead
    paths = [tmp_path / "ringkasan" / f"kab-{i}.pdf" for i in range(3)]
    assert sorted(result.written) == paths and result.errors == {}
    assert "Kalimat lain." in _text(paths[2]) and "Kalimat pertama." in _text(paths[0])
    assert not (tmp_path / pdf.STAGING).exists()


@pytest.mark.browser
def test_a_stopped_batch_prints_nothing_more_and_leaves_no_staging(tmp_path):
    require_chromium()
    from ucj_analysis.batch.briefs import BriefPrinter

    stop = []
    printer = BriefPrinter(tmp_path, "id", should_stop=lambda: bool(stop))
    stop.append(1)  # Ctrl-C before the first summary
    for rec in _records(2):
        printer.submit(rec)
    printer.stop()
    assert printer.finish() == {}
    assert not (tmp_path / pdf.STAGING).exists() and not (tmp_path / "ringkasan").exists()


def test_without_chromium_nothing_is_printed_ahead(tmp_path):
    from ucj_analysis.batch.briefs import BriefPrinter

    printer = BriefPrinter(tmp_path, "id", lambda: False, chromium=tmp_path / "no-chromium")
    printer.submit(_record())
    assert printer.finish() == {}
    result = pdf.write_briefs([_record()], tmp_path, "id", chromium=tmp_path / "no-chromium",
                              staged={})  # fmt: skip
    assert result.errors == {"konawe": "no Chromium"} and "Chromium" in result.note
