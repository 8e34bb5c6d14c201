"""Tests of ucj_analysis.render: notebook -> HTML report, records, index page, summary tables.

The demo notebook ``tests/data/render/report_demo.ipynb`` is executed with papermill (kernel
``python3`` of the venv): once normally (Konawe) and once with ``fail=True`` (Banggai).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pandas as pd
import pytest

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
    assert "34,8 %" in konawe and "99,5 %" in konawe
    assert "Mei 2031" in konawe and "72,5 %" in konawe
    assert "Jan 2029 – setelah Des 2045" in konawe
    assert "tidak tercapai sebelum Des 2045" in konawe
    assert "0,0 %" in konawe
    assert "laporan gagal" in table[: table.index("Konawe")]  # Banggai sorts first
    assert "2045-12" not in table  # never a capped date


@pytest.mark.slow
def test_summary_csv_and_xlsx_hold_the_key_numbers(batch):
    out, _ = batch
    cols = {k: v["id"] for k, v in SUMMARY_COLUMNS.items()}
    csv = pd.read_csv(out / "summary.csv")
    assert list(csv.columns) == list(cols.values())
    assert list(csv[cols["regency"]]) == ["Banggai", "Konawe", "Konawe"]
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
    pd.testing.assert_frame_equal(xl, csv, check_dtype=False)
    prov = sheets["Sumber data"]
    assert list(prov["Data"]) == ["coverage", "assumptions"]
    assert list(prov["Asumsi"]) == [0, 5]
    assert prov.loc[0, "Sumber"] == "BPJS Ketenagakerjaan Kendari (April 2025)"
    reports = sheets["Laporan"]
    assert list(reports["Status"]) == ["dilewati", "gagal", "berhasil"]
    assert ERROR_TEXT in reports.loc[1, "Kesalahan"]

    from openpyxl import load_workbook

    ws = load_workbook(out / "summary.xlsx")["Ringkasan"]
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("0B6E99")
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["F"].width >= len("tidak tercapai sebelum Des 2045")
    link_cell = ws.cell(row=2, column=len(cols))
    assert link_cell.hyperlink.target == "02_regency_forecast/banggai.html"


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
    assert "34.8%" in text and "72.5%" in text and "May 2031" in text
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
