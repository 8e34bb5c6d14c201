"""Executed notebooks -> self-contained HTML reports, the batch index page and the summary tables.

Public API (called by :mod:`ucj_analysis.runner`):

- :func:`notebook_to_html` one executed notebook -> one HTML string (no code, images embedded,
  nothing fetched from the network, header / footer / failure banner).
- :func:`read_records` values stored by :func:`ucj_analysis.record.record` in a notebook.
- :func:`write_index` ``index.html``, ``summary.csv`` and ``summary.xlsx`` of a batch.
- :func:`brief_html` the one-page summary of a regency ("Ringkasan untuk pimpinan"), printed to
  ``ringkasan/<slug>.pdf`` by :mod:`ucj_analysis.pdf`; :func:`brief_relpath` its path.
- :func:`atomic_write_text`, :func:`atomic_write_bytes` crash-safe file writes.

Phone and print
---------------
Reports and the index fit a phone (360-414 px) without sideways scrolling: every table sits in
its own scroll box with the first column pinned (:func:`wrap_tables`), images scale to the
width, text is 11 px or larger. Printed (A4), no chart or table row is cut by a page break and
every page carries the regency, the run date and "Halaman n dari N" (CSS page-margin boxes,
Chromium 131+). summary.xlsx prints A4 landscape, one page wide, header row repeated.
- :func:`sanitize_html`, :func:`safe_relative_href`, :func:`formula_like`,
  :func:`neutralise_csv_text` the safety rules below.

Safety of shared files
----------------------
Reports travel by e-mail and intranet, and a data file's text (a regency name, a source, a note, a
scenario label) is not trusted:

- HTML: every text built here is escaped; every notebook output and markdown cell (everything in
  ``<main class="ucj-main">``) goes through :func:`sanitize_html`, which removes scripts, event
  handlers and ``javascript:``/``data:`` links (embedded PNG charts stay). Links are emitted only
  for relative paths inside the reports folder (:func:`safe_relative_href`).
- summary.xlsx: text is always a string cell, never a formula. Text that a spreadsheet would read
  as a formula (first character ``=``, ``+``, ``-``, ``@``, tab, CR or LF) keeps its exact value and
  gets Excel's *quote prefix* (``quotePrefix``: what Excel stores when a user types ``'=...``),
  so it stays text even after the cell is edited.
- summary.csv: formula-like text is prefixed with an apostrophe ``'`` (a CSV cell has no type;
  Excel and LibreOffice show the apostrophe and the text, and run nothing).

summary.csv and summary.xlsx
----------------------------
One row per regency x scenario of the forecast reports (:func:`summary_frame`): coverage at the
main deadline, median month reached, P10, P90, probability by the main deadline and, when the
forecast records them, the budget lines (appropriation, spending, idle funds, arrears [Rp]) and
the age of the latest figure. Columns no row fills are left out.

- summary.xlsx: numbers are numbers; rupiah with the format ``"Rp "#,##0``, percentages [0-100]
  with ``0.0" %"``, months as dates (first of the month) shown ``mmm yyyy`` (Indonesian month
  names for ``lang="id"``), counts as integers; report paths are hyperlinks.
- summary.csv: UTF-8 with BOM. ``lang="id"``: separator ``;`` and decimal comma, which is what
  Excel with Indonesian regional settings expects (it opens the file in columns);
  ``lang="en"``: ``,`` and decimal point. Rupiah in whole rupiah, months ``YYYY-MM``.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import io
import json
import os
import re
import tempfile
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd

from ucj_analysis import config
from ucj_analysis.record import RECORD_MIMETYPE, to_jsonable

__all__ = [
    "TEMPLATE_DIR",
    "TEMPLATE_NAME",
    "SUMMARY_COLUMNS",
    "atomic_write_bytes",
    "atomic_write_text",
    "BRIEF_DIR",
    "brief_html",
    "brief_relpath",
    "notebook_to_html",
    "formula_like",
    "neutralise_csv_text",
    "read_records",
    "safe_relative_href",
    "sanitize_html",
    "summary_frame",
    "wrap_tables",
    "write_index",
]

TEMPLATE_DIR = config.TEMPLATES_DIR
TEMPLATE_NAME = "ucj_report"

#: cells whose input *and* output are dropped from reports (papermill noise, explicit removal)
_DROP_CELL_TAGS = frozenset(
    {"injected-parameters", "parameters", "papermill-error-cell-tag", "remove-cell", "remove_cell"}
)
_DROP_OUTPUT_TAGS = frozenset({"remove-output", "remove_output"})
#: output types that are scripts: never rendered (reports run no code in the browser)
_SCRIPT_MIMETYPES = (
    "application/javascript",
    "text/javascript",
    "application/vnd.jupyter.widget-view+json",
    "application/vnd.jupyter.widget-state+json",
)
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_EXTERNAL_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script\s*>", re.I | re.S
)
_EXTERNAL_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I | re.S)
_CSS_IMPORT = re.compile(r"@import\s+(?:url\()?[\"']?(?:https?:)?//[^;]*;", re.I)

DEFAULT_HORIZON_END = "2045-12"
MISSING = "—"

_NOTEBOOK_LABELS = {
    "01_data_audit": {"id": "Audit data", "en": "Data audit"},
    "02_regency_forecast": {"id": "Proyeksi per kabupaten", "en": "Regency forecast"},
    "03_budget_scenarios": {"id": "Skenario anggaran desa", "en": "Village budget scenarios"},
    "04_portfolio": {"id": "Perbandingan antar-kabupaten", "en": "Regency comparison"},
}

_LABELS: dict[str, dict[str, str]] = {
    "index_title": {"id": "Laporan Proyeksi UCJ", "en": "UCJ Projection Reports"},
    "index_subtitle": {
        "id": "Universal Coverage Jamsostek: kapan kabupaten mencapai target cakupan, "
        "dan berapa anggaran desa yang mempercepatnya",
        "en": "Universal Coverage Jamsostek: when regencies reach the coverage target, "
        "and what village budget gets them there sooner",
    },
    "report_kicker": {"id": "Laporan Proyeksi UCJ", "en": "UCJ Projection Report"},
    "run_date": {"id": "Tanggal dijalankan", "en": "Run date"},
    "created": {"id": "Dibuat", "en": "Created"},
    "regency": {"id": "Kabupaten", "en": "Regency"},
    "all_regencies": {"id": "Semua kabupaten", "en": "All regencies"},
    "scenarios": {"id": "Skenario", "en": "Scenarios"},
    "scenario": {"id": "Skenario", "en": "Scenario"},
    "notebook": {"id": "Analisis", "en": "Analysis"},
    "failed_title": {"id": "GAGAL / FAILED", "en": "GAGAL / FAILED"},
    "failed_text": {
        "id": "Analisis ini berhenti karena terjadi kesalahan. Hasil di bawah tidak lengkap "
        "dan tidak boleh dipakai sebagai dasar keputusan.",
        "en": "This analysis stopped because of an error. The results below are incomplete "
        "and must not be used for decisions.",
    },
    "see_error": {"id": "Lihat kesalahan", "en": "See the error"},
    "error_box_title": {
        "id": "Kesalahan: analisis berhenti di bagian ini",
        "en": "Error: the analysis stopped here",
    },
    "error_details": {
        "id": "Detail teknis (untuk analis)",
        "en": "Technical details (for analysts)",
    },
    "footer_title": {"id": "Tentang laporan ini", "en": "About this report"},
    "parameters": {"id": "Parameter", "en": "Parameters"},
    "no_parameters": {"id": "Tidak ada parameter.", "en": "No parameters."},
    "datasets": {"id": "Sumber dan kualitas data", "en": "Data sources and quality"},
    "no_datasets": {
        "id": "Tidak ada informasi sumber data.",
        "en": "No data source information.",
    },
    "dataset": {"id": "Data", "en": "Dataset"},
    "title": {"id": "Judul", "en": "Title"},
    "sources": {"id": "Sumber", "en": "Sources"},
    "n_rows": {"id": "Baris", "en": "Rows"},
    "observed": {"id": "Teramati", "en": "Observed"},
    "derived": {"id": "Turunan", "en": "Derived"},
    "assumed": {"id": "Asumsi", "en": "Assumed"},
    "package": {"id": "Paket", "en": "Package"},
    "commit": {"id": "commit git", "en": "git commit"},
    "unknown": {"id": "tidak diketahui", "en": "unknown"},
    "quality_title": {"id": "Bendera kualitas data", "en": "Data quality flags"},
    "quality_intro": {
        "id": "Setiap angka masukan membawa sumber dan satu bendera kualitas, supaya asumsi "
        "tidak disangka fakta:",
        "en": "Every input figure carries its source and one quality flag, so that nobody "
        "mistakes an assumption for a fact:",
    },
    "observed_help": {
        "id": "angka yang dilaporkan langsung oleh sumber resmi atau media.",
        "en": "a figure reported directly by an official source or the press.",
    },
    "derived_help": {
        "id": "hasil hitungan dari angka teramati; rumusnya dicatat.",
        "en": "computed from observed figures; the formula is recorded.",
    },
    "assumed_help": {
        "id": "asumsi yang dinyatakan; sebaiknya diganti dengan data daerah bila tersedia.",
        "en": "a stated assumption; replace it with local data when available.",
    },
    "key_numbers": {"id": "Angka kunci", "en": "Key numbers"},
    "key_numbers_intro": {
        "id": "Median: bulan ketika separuh simulasi sudah mencapai target. Rentang P10–P90: "
        "80 % simulasi mencapai target di antara kedua bulan ini. Peluang: bagian simulasi "
        "yang mencapai target sebelum tenggat utama.",
        "en": "Median: the month by which half of the simulations reach the target. "
        "P10–P90 range: 80 % of simulations reach the target between these months. "
        "Probability: share of simulations reaching the target before the main deadline.",
    },
    "no_key_numbers": {
        "id": "Belum ada hasil proyeksi per kabupaten dalam batch ini.",
        "en": "This batch has no regency forecast results.",
    },
    "current_coverage": {"id": "Cakupan saat ini", "en": "Current coverage"},
    "target": {"id": "Target", "en": "Target"},
    "median_time": {"id": "Waktu capai target (median)", "en": "Time to target (median)"},
    "range_p10_p90": {"id": "Rentang P10–P90", "en": "P10–P90 range"},
    "prob_by": {"id": "Peluang tercapai sebelum", "en": "Probability by"},
    "prob_by_main": {
        "id": "Peluang tercapai sebelum tenggat utama",
        "en": "Probability by the main deadline",
    },
    "report": {"id": "Laporan", "en": "Report"},
    "open_report": {"id": "Buka", "en": "Open"},
    "all_reports": {"id": "Semua laporan", "en": "All reports"},
    "status": {"id": "Status", "en": "Status"},
    "status_ok": {"id": "berhasil", "en": "ok"},
    "status_failed": {"id": "gagal", "en": "failed"},
    "status_skipped": {"id": "dilewati", "en": "skipped"},
    "duration": {"id": "Durasi", "en": "Duration"},
    "notebook_file": {"id": "Notebook", "en": "Notebook"},
    "note": {"id": "Keterangan", "en": "Note"},
    "reports_count": {"id": "laporan", "en": "reports"},
    "reached": {"id": "tercapai", "en": "reached"},
    "not_reached": {"id": "tidak tercapai", "en": "not reached"},
    "after": {"id": "setelah", "en": "after"},
    "report_failed": {"id": "laporan gagal", "en": "report failed"},
    "brief_link": {"id": "Ringkasan PDF", "en": "Summary PDF"},
    "downloads": {"id": "Unduh tabel ringkasan", "en": "Download the summary table"},
    "data_sources": {"id": "Sumber data", "en": "Data sources"},
    "summary_sheet": {"id": "Ringkasan", "en": "Summary"},
    "reports_sheet": {"id": "Laporan", "en": "Reports"},
    "seconds_short": {"id": "dtk", "en": "s"},
    "minutes_short": {"id": "mnt", "en": "min"},
    "generated_by": {"id": "Dibuat dengan", "en": "Generated with"},
    "error": {"id": "Kesalahan", "en": "Error"},
    "chart": {"id": "Grafik", "en": "Chart"},
    "page": {"id": "Halaman", "en": "Page"},
    "page_of": {"id": "dari", "en": "of"},
    "appropriation": {"id": "Anggaran per tahun", "en": "Budget per year"},
    "latest_figure": {"id": "Angka terbaru", "en": "Latest figure"},
    "months_old": {"id": "{n} bulan lalu", "en": "{n} months old"},
    "stale_warning": {
        "id": "lebih dari 12 bulan: perbarui data",
        "en": "over 12 months old: update the data",
    },
}

#: summary table columns: key -> (Indonesian header, English header); one row per regency x
#: scenario. Units in brackets: [%] = percent 0-100, [Rp] = rupiah, [bulan]/[month] = a month.
SUMMARY_COLUMNS: dict[str, dict[str, str]] = {
    "regency": {"id": "Kabupaten", "en": "Regency"},
    "scenario_label": {"id": "Skenario", "en": "Scenario"},
    "scenario": {"id": "Kode skenario", "en": "Scenario key"},
    "current_coverage_pct": {"id": "Cakupan saat ini [%]", "en": "Current coverage [%]"},
    "target_pct": {"id": "Target [%]", "en": "Target [%]"},
    "time_to_target": {"id": "Waktu capai target (median)", "en": "Time to target (median)"},
    "median_month": {"id": "Median [bulan]", "en": "Median [month]"},
    "p10_month": {"id": "P10 [bulan]", "en": "P10 [month]"},
    "p90_month": {"id": "P90 [bulan]", "en": "P90 [month]"},
    "status": {"id": "Status", "en": "Status"},
    "main_deadline": {"id": "Tenggat utama [bulan]", "en": "Main deadline [month]"},
    "prob_main_deadline_pct": {
        "id": "Peluang tercapai sebelum tenggat [%]",
        "en": "Probability by deadline [%]",
    },
    "coverage_main_deadline_pct": {
        "id": "Cakupan pada tenggat utama (median) [%]",
        "en": "Coverage at main deadline (median) [%]",
    },
    "budget_year": {"id": "Tahun anggaran", "en": "Budget year"},
    "appropriation_rp_per_year": {
        "id": "Alokasi anggaran per tahun [Rp]",
        "en": "Appropriation per year [Rp]",
    },
    "appropriation_rp_per_desa": {
        "id": "Alokasi per desa [Rp]",
        "en": "Appropriation per village [Rp]",
    },
    "appropriation_pct_add": {"id": "Alokasi terhadap ADD [%]", "en": "Appropriation / ADD [%]"},
    "spending_rp_per_year": {"id": "Belanja per tahun [Rp]", "en": "Spending per year [Rp]"},
    "idle_rp_per_year": {
        "id": "Dana tidak terpakai per tahun [Rp]",
        "en": "Idle funds per year [Rp]",
    },
    "arrears_rp_per_year": {"id": "Tunggakan per tahun [Rp]", "en": "Arrears per year [Rp]"},
    "budget_start": {"id": "Awal anggaran [bulan]", "en": "Budget start [month]"},
    "latest_figure_month": {"id": "Angka terbaru [bulan]", "en": "Latest figure [month]"},
    "data_age_months": {
        "id": "Umur angka terbaru [bulan]",
        "en": "Age of latest figure [months]",
    },
    "workforce_basis": {"id": "Dasar angkatan kerja", "en": "Workforce basis"},
    "start_quality": {"id": "Kualitas angka awal", "en": "Start figure quality"},
    "run_date": {"id": "Tanggal dijalankan", "en": "Run date"},
    "report": {"id": "Laporan", "en": "Report"},
    "brief_pdf": {"id": "Ringkasan pimpinan (PDF)", "en": "Leadership summary (PDF)"},
}

#: summary columns filled only by newer forecast records: left out of summary.csv / .xlsx when
#: no row of the batch has a value (no always-empty columns)
_OPTIONAL_SUMMARY = (
    "budget_year",
    "appropriation_rp_per_year",
    "appropriation_rp_per_desa",
    "appropriation_pct_add",
    "spending_rp_per_year",
    "idle_rp_per_year",
    "arrears_rp_per_year",
    "budget_start",
    "latest_figure_month",
    "data_age_months",
    "workforce_basis",
    "start_quality",
    "run_date",
    "brief_pdf",
)
_RP_FIELDS = (
    "appropriation_rp_per_year",
    "appropriation_rp_per_desa",
    "spending_rp_per_year",
    "idle_rp_per_year",
    "arrears_rp_per_year",
)
_PCT_FIELDS = (
    "current_coverage_pct",
    "target_pct",
    "prob_main_deadline_pct",
    "coverage_main_deadline_pct",
    "appropriation_pct_add",
)
_MONTH_FIELDS = ("median_month", "p10_month", "p90_month", "main_deadline", "budget_start",
                 "latest_figure_month")  # fmt: skip
_INT_FIELDS = ("budget_year", "data_age_months")

#: how each column is written to summary.xlsx (number format) and summary.csv
_SUMMARY_KINDS: dict[str, str] = (
    {k: "text" for k in SUMMARY_COLUMNS}
    | {k: "pct" for k in _PCT_FIELDS}
    | {k: "rp" for k in _RP_FIELDS}
    | {k: "month" for k in _MONTH_FIELDS}
    | {
        "budget_year": "year",
        "data_age_months": "int",
        "run_date": "date",
        "report": "link",
        "brief_pdf": "link",
    }
)

_PROVENANCE_COLUMNS: dict[str, dict[str, str]] = {
    "dataset": {"id": "Data", "en": "Dataset"},
    "title": {"id": "Judul", "en": "Title"},
    "sources": {"id": "Sumber", "en": "Sources"},
    "n_rows": {"id": "Baris", "en": "Rows"},
    "n_observed": {"id": "Teramati", "en": "Observed"},
    "n_derived": {"id": "Turunan", "en": "Derived"},
    "n_assumed": {"id": "Asumsi", "en": "Assumed"},
}
_PROVENANCE_KINDS = {"dataset": "text", "title": "text", "sources": "text", "n_rows": "int",
                     "n_observed": "int", "n_derived": "int", "n_assumed": "int"}  # fmt: skip

_REPORT_COLUMNS: dict[str, dict[str, str]] = {
    "notebook": {"id": "Analisis", "en": "Analysis"},
    "regency": {"id": "Kabupaten", "en": "Regency"},
    "status": {"id": "Status", "en": "Status"},
    "seconds": {"id": "Durasi [detik]", "en": "Duration [s]"},
    "html": {"id": "Laporan", "en": "Report"},
    "ipynb": {"id": "Notebook", "en": "Notebook"},
    "error": {"id": "Kesalahan", "en": "Error"},
}
_REPORT_KINDS = {"notebook": "text", "regency": "text", "status": "text", "seconds": "seconds",
                 "html": "link", "ipynb": "link", "error": "text"}  # fmt: skip


# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------
def _lang(lang: str) -> str:
    if lang not in ("id", "en"):
        raise ValueError(f"lang must be 'id' or 'en', got {lang!r}")
    return lang


def _l(key: str, lang: str) -> str:
    return _LABELS[key][lang]


def _e(value: Any) -> str:
    """HTML-escape any value (None -> empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


def _package_version() -> str:
    import ucj_analysis

    version = getattr(ucj_analysis, "__version__", None)
    if version:
        return str(version)
    try:
        from importlib.metadata import version as _dist_version

        return _dist_version("ucj-analysis")
    except Exception:  # noqa: BLE001 - not installed as a distribution
        return "0+unknown"


def _format_pct(value: Any, lang: str, decimals: int = 1) -> str:
    """Percentage [0-100] as text via :func:`ucj_analysis.i18n.format_pct`; ``—`` if missing."""
    from ucj_analysis.i18n import format_pct

    if value is None or (isinstance(value, float) and value != value):
        return "—"
    return format_pct(float(value), lang, decimals=decimals)


def _format_rp(value: Any, lang: str) -> str:
    """Amount [Rp] as ``Rp 11,88 miliar`` / ``Rp 500,00 juta`` (2 decimals, the format of the
    reports' budget lines); ``—`` if missing. Uses :func:`ucj_analysis.i18n.format_rp`."""

    from ucj_analysis.i18n import format_budget

    amount = _float_or_none(value)
    return MISSING if amount is None else format_budget(amount, lang)


#: a latest figure older than this many months is flagged on the index page
STALE_AFTER_MONTHS = 12


def _data_age_html(row: Mapping, lang: str) -> str:
    """Month of the latest figure, its age and a warning when older than 12 months."""
    month = _short_month(row.get("latest_figure_month"), lang)
    age = _int_or_none(row.get("data_age_months"))
    parts = [_e(month)] if month else []
    if age is not None:
        parts.append(f'<span class="muted">({_e(_l("months_old", lang).format(n=age))})</span>')
    if not parts:
        return MISSING
    text = " ".join(parts)
    if age is not None and age > STALE_AFTER_MONTHS:
        text += f'<div class="stale" role="note">⚠ {_e(_l("stale_warning", lang))}</div>'
    return text


def _format_month(value: Any, lang: str) -> str | None:
    """Month (``"2031-05"``, Period, Timestamp) as ``Mei 2031`` / ``May 2031``; None if missing."""
    from ucj_analysis.i18n import format_month

    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return format_month(value, lang)


def _short_month(value: Any, lang: str) -> str | None:
    """Abbreviated month: ``Des 2045`` / ``Dec 2045``; None if missing."""
    from ucj_analysis.i18n import format_month

    if _format_month(value, lang) is None:
        return None
    return format_month(value, lang, short=True)


def _not_reached_text(horizon_end: Any, lang: str) -> str:
    """``tidak tercapai sebelum Des 2045`` / ``not reached by Dec 2045``."""
    from ucj_analysis.i18n import t

    return t("not_reached_by", lang, month=_short_month(horizon_end or DEFAULT_HORIZON_END, lang))


def _iso_month(value: Any) -> str | None:
    """Normalise a month-like value to ``YYYY-MM`` (None if missing)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        m = re.match(r"^(\d{4})-(\d{1,2})", text)
        if m:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
        return text
    if isinstance(value, pd.Period):
        return value.asfreq("M").strftime("%Y-%m")
    if isinstance(value, dt.date | pd.Timestamp):
        return f"{value.year:04d}-{value.month:02d}"
    return str(value)


def _format_datetime(value: Any, lang: str) -> str:
    """Run date as ``21 November 2025, 14.05`` (id) / ``21 November 2025, 14:05`` (en)."""
    if value is None:
        value = dt.datetime.now()
    if isinstance(value, str):
        text = value.strip()
        try:
            value = (
                dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
            )
        except ValueError:
            return text
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    from ucj_analysis.i18n import format_date

    text = format_date(dt.date(value.year, value.month, value.day), lang)
    if isinstance(value, dt.datetime):
        sep = "." if lang == "id" else ":"
        text += f", {value.hour:02d}{sep}{value.minute:02d}"
    return text


def _format_seconds(seconds: Any, lang: str) -> str:
    if seconds is None:
        return "—"
    try:
        s = float(seconds)
    except (TypeError, ValueError):
        return "—"
    if s != s:
        return "—"
    if s < 60:
        text = f"{s:.1f}"
        if lang == "id":
            text = text.replace(".", ",")
        return f"{text} {_l('seconds_short', lang)}"
    minutes, rest = divmod(round(s), 60)
    return f"{minutes} {_l('minutes_short', lang)} {rest:02d} {_l('seconds_short', lang)}"


def _format_value(value: Any) -> str:
    """Parameter value as compact text (lists joined, mappings as JSON)."""
    value = to_jsonable(value)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return ", ".join("—" if v is None else str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _join_sources(sources: Any) -> str:
    if sources is None:
        return ""
    if isinstance(sources, str):
        return sources
    if isinstance(sources, Mapping):
        return "; ".join(f"{k}: {v}" for k, v in sources.items())
    if isinstance(sources, Iterable):
        return "; ".join(str(s) for s in sources if s is not None and str(s) != "")
    return str(sources)


def _as_records(value: Any) -> list[dict]:
    """A DataFrame / list of dicts / None -> list of plain dicts."""
    if value is None:
        return []
    if isinstance(value, pd.DataFrame):
        return [dict(r) for r in to_jsonable(value)]
    if isinstance(value, Mapping):
        return [dict(value)]
    return [dict(r) for r in value if isinstance(r, Mapping)]


def _int_or_none(value: Any) -> int | None:
    try:
        if value is None or (isinstance(value, float) and value != value):
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def _href(relpath: str) -> str:
    return urllib.parse.quote(str(relpath).replace(os.sep, "/"), safe="/#")


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


def safe_relative_href(path: Any) -> str | None:
    """A link target for a file inside the reports folder, or None when it is not one.

    Parameters
    ----------
    path : str or os.PathLike
        Relative path as recorded by the runner (``02_regency_forecast/konawe.html``).

    Returns
    -------
    str or None
        The percent-encoded relative URL, or None for anything with a scheme (``javascript:``,
        ``data:``, ``http:``, ``file:``), a protocol-relative ``//host`` or an absolute path:
        such text is shown, never linked.
    """
    if path is None:
        return None
    text = str(path).replace(os.sep, "/")
    probe = _URL_NOISE.sub("", text).replace("\\", "/")
    if not probe or _SCHEME.match(probe) or probe.startswith("/"):
        return None
    return _href(text)


# ---- HTML sanitiser for notebook outputs ------------------------------------------------------
_DROP_WITH_CONTENT = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "applet", "noscript", "template", "noembed"}
)
_DROP_TAG_ONLY = frozenset({"embed", "base", "meta", "link", "param", "portal"})
_VOID_TAGS = frozenset(
    {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
     "track", "wbr", "base"}
)  # fmt: skip
_URL_ATTRS = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data",
     "codebase", "cite", "lowsrc", "dynsrc", "ping", "longdesc", "usemap", "manifest",
     "srcset", "imagesrcset"}
)  # fmt: skip
_DROP_ATTRS = frozenset({"srcdoc", "http-equiv", "formtarget"})
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|jpg|gif|webp|svg\+xml);base64,", re.I)
_TAG_NAME = re.compile(r"^[a-z][a-z0-9\-]*(?::[a-z][a-z0-9\-]*)?$", re.I)
_ATTR_NAME = re.compile(r"^[a-z_:][a-z0-9_:.\-]*$", re.I)
_CSS_SCRIPT = re.compile(r"expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:", re.I)


def _url_allowed(attr: str, value: str, tag: str) -> bool:
    probe = _URL_NOISE.sub("", html.unescape(value)).lower()
    if attr in ("srcset", "imagesrcset"):
        return all(
            _url_allowed("src", part.strip().split(" ")[0], tag)
            for part in probe.split(",")
            if part.strip()
        )
    m = _SCHEME.match(probe)
    if m is None:
        return True  # relative link, #anchor or path
    if m.group(1) in _SAFE_SCHEMES:
        return True
    return attr == "src" and tag == "img" and bool(_DATA_IMAGE.match(probe))


class _Sanitiser(HTMLParser):
    """Re-serialise HTML keeping only inert markup (see :func:`sanitize_html`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip: list[str] = []  # open elements whose content is dropped
        self._raw: str | None = None  # inside <style>: text is CSS, not escaped

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        parts = []
        for name, value in attrs:
            name = name.lower()
            if not _ATTR_NAME.match(name) or name.startswith("on") or name in _DROP_ATTRS:
                continue
            if value is not None:
                if name in _URL_ATTRS and not _url_allowed(name, value, tag):
                    continue
                if name == "style" and _CSS_SCRIPT.search(value):
                    continue
                parts.append(f' {name}="{html.escape(value, quote=True)}"')
            else:
                parts.append(f" {name}")
        return "".join(parts)

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.append(tag)
            return
        if tag in _DROP_WITH_CONTENT:
            self._skip.append(tag)
            return
        if tag in _DROP_TAG_ONLY or not _TAG_NAME.match(tag):
            return
        self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")
        if tag == "style":
            self._raw = tag

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if self._skip or tag in _DROP_WITH_CONTENT or tag in _DROP_TAG_ONLY:
            return
        if not _TAG_NAME.match(tag):
            return
        self.out.append(f"<{tag}{self._attrs(tag, attrs)}/>")

    def handle_endtag(self, tag):
        tag = tag.lower()
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag in _DROP_WITH_CONTENT or tag in _DROP_TAG_ONLY or tag in _VOID_TAGS:
            return
        if not _TAG_NAME.match(tag):
            return
        if tag == self._raw:
            self._raw = None
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self._skip:
            return
        if self._raw is not None:
            # CSS: no markup can start inside it, whatever the surrounding (svg/math) context
            self.out.append(data.replace("<", "\\3c "))
        else:
            self.out.append(html.escape(data, quote=False))

    # comments, declarations and processing instructions are dropped
    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass

    def unknown_decl(self, data):
        pass


def sanitize_html(fragment: str) -> str:
    """Inert copy of an HTML fragment: no script can run from it in a browser.

    Drops ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<base>``, ``<meta>``,
    ``<link>`` (and the content of the first ones), every ``on*`` event attribute,
    ``srcdoc``, ``style`` attributes with ``expression(``/``javascript:``, and every URL
    attribute whose scheme is not ``http``, ``https`` or ``mailto`` (``javascript:``,
    ``vbscript:``, ``data:``), except ``<img src="data:image/png;base64,…">`` (embedded charts;
    also JPEG, GIF, WebP and SVG: a browser runs no script inside an ``<img>``).
    Comments are dropped; text is re-escaped; ``<style>`` blocks (pandas tables) are kept with
    any ``<`` written as the CSS escape ``\\3c``.

    Parameters
    ----------
    fragment : str
        HTML text, e.g. a notebook output or the body of a report.

    Returns
    -------
    str
        Equivalent HTML made only of inert elements and attributes.
    """
    parser = _Sanitiser()
    parser.feed(str(fragment))
    parser.close()
    return "".join(parser.out)


def _strip_external_resources(text: str) -> str:
    """Remove ``<script src=http…>``, ``<link href=http…>`` and CSS ``@import url(http…)``."""
    text = _EXTERNAL_SCRIPT.sub("", text)
    text = _EXTERNAL_LINK.sub("", text)
    return _CSS_IMPORT.sub("", text)


# --------------------------------------------------------------------------------------------
# atomic writes
# --------------------------------------------------------------------------------------------
def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write bytes atomically: temp file in the same directory, fsync, then ``os.replace``.

    Parameters
    ----------
    path : str or os.PathLike
        Destination file; parent directories are created.
    data : bytes
        Content.

    Returns
    -------
    pathlib.Path
        The destination path.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 text atomically (see :func:`atomic_write_bytes`).

    Parameters
    ----------
    path : str or os.PathLike
        Destination file; parent directories are created.
    text : str
        Content, encoded as UTF-8.

    Returns
    -------
    pathlib.Path
        The destination path.
    """
    return atomic_write_bytes(path, text.encode("utf-8"))


# --------------------------------------------------------------------------------------------
# records
# --------------------------------------------------------------------------------------------
def read_records(nb: nbformat.NotebookNode) -> dict:
    """Collect the values recorded with :func:`ucj_analysis.record.record` in a notebook.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Executed notebook.

    Returns
    -------
    dict
        ``name -> value`` in cell order; a later record with the same name wins.
    """
    records: dict[str, Any] = {}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") not in ("display_data", "execute_result"):
                continue
            payload = output.get("data", {}).get(RECORD_MIMETYPE)
            if payload is None:
                continue
            if isinstance(payload, str):
                try:
                    payload = json.loads(payload)
                except json.JSONDecodeError:
                    continue
            if isinstance(payload, Mapping) and "name" in payload:
                records[str(payload["name"])] = _plain(payload.get("value"))
    return records


def _plain(value: Any) -> Any:
    """NotebookNode (dict subclass) -> plain dict / list recursively."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# --------------------------------------------------------------------------------------------
# notebook -> HTML
# --------------------------------------------------------------------------------------------
_REPORT_CSS = """
:root { --ucj-ink:#1f2933; --ucj-muted:#52606d; --ucj-line:#d9e2ec; --ucj-soft:#f5f7fa;
  --ucj-accent:#0b6e99; --ucj-red:#b42318; --ucj-red-soft:#fef3f2; --ucj-green:#1a7f4b;
  --ucj-amber:#9a6700; }
body.ucj-report { background:#eef2f6; color:var(--ucj-ink); margin:0;
  font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif;
  --jp-content-font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
    "DejaVu Sans", sans-serif;
  --jp-ui-font-family: var(--jp-content-font-family); }
.ucj-header, .ucj-main, .ucj-footer, .ucj-banner { max-width: 1040px; margin: 0 auto;
  box-sizing: border-box; }
.ucj-header { background:#fff; padding: 28px 40px 20px; border-bottom: 4px solid var(--ucj-accent);
  margin-top: 24px; border-radius: 8px 8px 0 0; }
.ucj-kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px;
  color: var(--ucj-accent); font-weight: 600; }
.ucj-header h1 { font-size: 28px; margin: 6px 0 14px; line-height: 1.25; color: var(--ucj-ink); }
.ucj-meta { display:flex; flex-wrap:wrap; gap: 10px 36px; margin:0; }
.ucj-meta div { min-width: 140px; }
.ucj-meta dt { font-size: 12px; color: var(--ucj-muted); margin:0; }
.ucj-meta dd { margin: 2px 0 0; font-size: 15px; font-weight: 600; }
.ucj-main { background:#fff; padding: 12px 40px 28px; }
.ucj-main .jp-Cell { padding: 4px 0; }
.ucj-main .jp-RenderedMarkdown { padding-left: 0; }
.ucj-main .jp-OutputArea-output, .ucj-main .jp-RenderedHTMLCommon { font-size: 15px;
  line-height: 1.6; }
.ucj-main .jp-RenderedHTMLCommon h1 { font-size: 24px; }
.ucj-main .jp-RenderedHTMLCommon h2 { font-size: 20px; margin-top: 28px; }
.ucj-params th { width: 28%; }
.ucj-main .jp-RenderedHTMLCommon h3 { font-size: 17px; }
.ucj-main .jp-RenderedImage img, .ucj-main img { max-width: 100%; height: auto; }
.ucj-main .jp-RenderedHTMLCommon table { font-size: 13.5px; border-collapse: collapse; }
.ucj-main .jp-RenderedHTMLCommon thead { background: var(--ucj-soft); }
.ucj-main .jp-RenderedText pre { font-size: 13px; }
.ucj-banner { background: var(--ucj-red-soft); border-left: 6px solid var(--ucj-red);
  padding: 16px 40px; color: var(--ucj-ink); }
.ucj-banner .ucj-banner-title { color: var(--ucj-red); font-size: 22px; font-weight: 800;
  letter-spacing: .04em; }
.ucj-banner p { margin: 6px 0; font-size: 15px; }
.ucj-banner .ucj-banner-msg { font-family: ui-monospace, "DejaVu Sans Mono", monospace;
  font-size: 13.5px; white-space: pre-wrap; }
.ucj-banner a, .ucj-error a { color: var(--ucj-red); font-weight: 600; }
.ucj-error { border: 1px solid #fda29b; border-left: 6px solid var(--ucj-red);
  background: var(--ucj-red-soft); border-radius: 6px; padding: 12px 16px; margin: 8px 0;
  font-size: 14.5px; }
.ucj-error-title { font-weight: 700; color: var(--ucj-red); margin-bottom: 4px; }
.ucj-error-msg { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13.5px;
  white-space: pre-wrap; word-break: break-word; }
.ucj-error details { margin-top: 8px; }
.ucj-error summary { cursor: pointer; color: var(--ucj-muted); font-size: 13px; }
.ucj-error pre { font-size: 12px; background: #fff; border: 1px solid var(--ucj-line);
  padding: 8px; overflow-x: auto; max-height: 420px; }
.ucj-footer { background: var(--ucj-soft); padding: 20px 40px 28px; margin-bottom: 24px;
  border-top: 1px solid var(--ucj-line); border-radius: 0 0 8px 8px; font-size: 13.5px;
  color: var(--ucj-ink); }
.ucj-footer h2 { font-size: 17px; margin: 4px 0 12px; }
.ucj-footer h3 { font-size: 14px; margin: 16px 0 6px; color: var(--ucj-muted);
  text-transform: uppercase; letter-spacing: .05em; }
.ucj-footer table { border-collapse: collapse; width: 100%; background: #fff; }
.ucj-footer th, .ucj-footer td { border: 1px solid var(--ucj-line); padding: 5px 8px;
  text-align: left; vertical-align: top; }
.ucj-footer th { background: #e4e9f0; font-weight: 600; }
.ucj-footer td.num, .ucj-footer th.num { text-align: right; font-variant-numeric: tabular-nums; }
.ucj-footer code { font-size: 12.5px; }
.ucj-build { color: var(--ucj-muted); margin-top: 16px; }
.ucj-q { display:inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px;
  font-weight: 600; }
.ucj-q-observed { background:#dcfae6; color: var(--ucj-green); }
.ucj-q-derived { background:#e0f2fe; color: #075985; }
.ucj-q-assumed { background:#fef0c7; color: var(--ucj-amber); }
.ucj-legend { color: var(--ucj-muted); margin: 4px 0 8px; }
/* wide tables scroll inside their own box (first column stays visible), never the page */
.ucj-scroll { overflow-x: auto; max-width: 100%; margin: 4px 0 10px; }
.ucj-scroll > table { margin: 0; }
.ucj-scroll > table > tbody > tr > :first-child,
.ucj-scroll > table > thead > tr > :first-child { position: sticky; left: 0; z-index: 1;
  background: #fff; box-shadow: inset -1px 0 0 var(--ucj-line); }
.ucj-scroll > table > thead > tr > :first-child { background: var(--ucj-soft); }
.ucj-main .jp-RenderedHTMLCommon .ucj-scroll tbody tr:nth-child(even) > :first-child {
  background: var(--jp-rendermime-table-row-background, #f5f5f5); }
.ucj-footer .ucj-scroll > table > thead > tr > :first-child { background: #e4e9f0; }
.ucj-main p, .ucj-main li, .ucj-footer td, .ucj-footer p { overflow-wrap: break-word; }
.ucj-main .jp-OutputArea-output pre { white-space: pre-wrap; overflow-wrap: break-word; }
.ucj-params td { word-break: break-word; }
@media (max-width: 640px) {
  body.ucj-report { background: #fff; }
  .ucj-header, .ucj-main, .ucj-footer, .ucj-banner { padding-left: 14px; padding-right: 14px; }
  .ucj-header { margin-top: 0; border-radius: 0; padding-top: 16px; padding-bottom: 14px; }
  .ucj-header h1 { font-size: 22px; margin-bottom: 10px; }
  .ucj-meta { gap: 6px 22px; }
  .ucj-meta div { min-width: 0; }
  .ucj-main .jp-OutputArea-output, .ucj-main .jp-RenderedHTMLCommon { font-size: 15px; }
  .ucj-main .jp-RenderedHTMLCommon h1 { font-size: 21px; }
  .ucj-main .jp-RenderedHTMLCommon h2 { font-size: 18px; margin-top: 22px; }
  .ucj-main .jp-RenderedHTMLCommon table { font-size: 13px; }
  .ucj-scroll > table > tbody > tr > :first-child,
  .ucj-scroll > table > thead > tr > :first-child { max-width: 9.5em; }
  .ucj-footer { margin-bottom: 0; border-radius: 0; }
  .ucj-params th { width: auto; }
}
/* print: A4, no chart or table row cut by a page break, a header on every page (@page) */
@page { size: A4; margin: 16mm 13mm 16mm 13mm; }
@media print {
  body.ucj-report { background: #fff; font-size: 10.5pt; }
  .ucj-header, .ucj-main, .ucj-footer, .ucj-banner { max-width: none; margin: 0;
    padding-left: 0; padding-right: 0; border-radius: 0; box-shadow: none; }
  .ucj-header { padding-top: 0; }
  .ucj-main .jp-RenderedImage, .ucj-main img, .ucj-error, .ucj-banner, tr, .ucj-meta {
    break-inside: avoid; page-break-inside: avoid; }
  .ucj-main img { max-height: 245mm; width: auto; max-width: 100%; }
  thead { display: table-header-group; }
  h1, h2, h3, .jp-MarkdownCell { break-after: avoid; page-break-after: avoid; }
  .ucj-scroll { overflow: visible; }
  .ucj-scroll > table > tbody > tr > :first-child,
  .ucj-scroll > table > thead > tr > :first-child { position: static; box-shadow: none; }
  .ucj-error pre { max-height: none; white-space: pre-wrap; }
  a { color: inherit; text-decoration: none; }
}
"""


def _text(value: Any, lang: str) -> str:
    """A label: str, ``Text``-like object with ``.get(lang)``, or mapping ``{"id":…, "en":…}``."""
    if isinstance(value, Mapping) and lang in value:
        return str(value[lang])
    getter = getattr(value, "get", None)
    if callable(getter) and not isinstance(value, Mapping):
        try:
            return str(getter(lang))
        except (TypeError, ValueError):
            pass
    return str(value)


def _scenario_labels(scenarios: Any, lang: str) -> list[str]:
    """Labels from a list of keys / labels / ``Scenario`` objects / dicts, or a key -> label map."""
    if scenarios is None:
        return []
    if isinstance(scenarios, str):
        return [scenarios]
    out = []
    if isinstance(scenarios, Mapping):
        for key, val in scenarios.items():
            if hasattr(val, "label"):
                val = val.label
            elif isinstance(val, Mapping) and "label" in val:
                val = val["label"]
            out.append(_text(val, lang) if val else str(key))
        return out
    for item in scenarios:
        if isinstance(item, Mapping):
            label = item.get("label") or item.get("scenario_label") or item.get("key")
            out.append(_text(label, lang))
        elif hasattr(item, "label"):
            out.append(_text(item.label, lang))
        else:
            out.append(str(item))
    return out


def _header_html(title: str, header: Mapping, lang: str, failed: bool) -> str:
    regency = header.get("regency") or header.get("kabupaten")
    scenarios = _scenario_labels(header.get("scenarios"), lang)
    notebook = header.get("notebook")
    kicker = _l("report_kicker", lang)
    if notebook:
        label = _NOTEBOOK_LABELS.get(str(notebook), {}).get(lang, str(notebook))
        kicker += f" · {label}"
    items = [
        (_l("regency", lang), regency or _l("all_regencies", lang)),
        (_l("scenarios", lang), ", ".join(scenarios) if scenarios else "—"),
        (_l("run_date", lang), _format_datetime(header.get("run_date"), lang)),
    ]
    if failed:
        items.append((_l("status", lang), _l("status_failed", lang).upper()))
    meta = "".join(
        f'<div class="ucj-meta-{i}"><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>'
        for i, (k, v) in enumerate(items)
    )
    subtitle = header.get("subtitle")
    sub = f'<p class="ucj-subtitle">{_e(subtitle)}</p>' if subtitle else ""
    return (
        f'<header class="ucj-header" id="ucj-header"><div class="ucj-kicker">{_e(kicker)}</div>'
        f'<h1>{_e(title)}</h1>{sub}<dl class="ucj-meta">{meta}</dl></header>'
    )


def _banner_html(errors: list[dict], extra_error: str | None, lang: str) -> str:
    lines = [f"{e['ename']}: {e['evalue']}" if e["evalue"] else e["ename"] for e in errors]
    if extra_error and not any(extra_error.strip() in line for line in lines):
        lines.append(extra_error.strip())
    msg = "\n".join(lines)
    link = (
        f'<p><a href="#{errors[0]["anchor"]}">{_e(_l("see_error", lang))} ↓</a></p>'
        if errors
        else ""
    )
    msg_html = f'<p class="ucj-banner-msg">{_e(msg)}</p>' if msg else ""
    return (
        '<div class="ucj-banner" id="ucj-failed" role="alert">'
        f'<div class="ucj-banner-title">{_e(_l("failed_title", lang))}</div>'
        f"<p>{_e(_l('failed_text', lang))}</p>{msg_html}{link}</div>"
    )


def _error_box_html(ename: str, evalue: str, traceback: list[str], anchor: str, lang: str) -> str:
    tb = _ANSI.sub("", "\n".join(traceback or []))
    details = (
        f"<details><summary>{_e(_l('error_details', lang))}</summary><pre>{_e(tb)}</pre></details>"
        if tb.strip()
        else ""
    )
    msg = f"{ename}: {evalue}" if evalue else ename
    return (
        f'<div class="ucj-error" id="{anchor}" role="alert">'
        f'<div class="ucj-error-title">{_e(_l("error_box_title", lang))}</div>'
        f'<div class="ucj-error-msg">{_e(msg)}</div>{details}</div>'
    )


def _quality_legend(lang: str) -> str:
    parts = [
        f'<span class="ucj-q ucj-q-{q}">{_e(_l(q, lang))}</span> {_e(_l(q + "_help", lang))}'
        for q in ("observed", "derived", "assumed")
    ]
    return f'<p class="ucj-legend">{" ".join(parts)}</p>'


_QUALITY_COUNTS = (("n_observed", "observed"), ("n_derived", "derived"), ("n_assumed", "assumed"))


def _datasets_table(datasets: list[dict], lang: str, css_class: str = "") -> str:
    """Table of datasets with sources and the number of rows per quality flag."""
    head = "".join(
        [
            f"<th>{_e(_l('dataset', lang))}</th><th>{_e(_l('title', lang))}</th>",
            f"<th>{_e(_l('sources', lang))}</th>",
            *(f'<th class="num">{_e(_l(q, lang))}</th>' for _, q in _QUALITY_COUNTS),
        ]
    )
    rows = []
    for d in datasets:
        cells = []
        for key, q in _QUALITY_COUNTS:
            n = _int_or_none(d.get(key))
            if n is None:
                cells.append(f'<td class="num">{MISSING}</td>')
            elif n and q == "assumed":
                cells.append(f'<td class="num"><span class="ucj-q ucj-q-assumed">{n}</span></td>')
            else:
                cells.append(f'<td class="num">{n}</td>')
        rows.append(
            f"<tr><td><code>{_e(d.get('dataset'))}</code></td><td>{_e(d.get('title'))}</td>"
            f"<td>{_e(_join_sources(d.get('sources')))}</td>{''.join(cells)}</tr>"
        )
    cls = f' class="{css_class}"' if css_class else ""
    return f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _footer_html(footer: Mapping, nb_params: Mapping | None, lang: str) -> str:
    params = footer.get("parameters", footer.get("params"))
    if params is None:
        params = nb_params or {}
    if params:
        rows = "".join(
            f"<tr><th><code>{_e(k)}</code></th><td>{_e(_format_value(v))}</td></tr>"
            for k, v in params.items()
        )
        params_html = f'<table class="ucj-params"><tbody>{rows}</tbody></table>'
    else:
        params_html = f"<p>{_e(_l('no_parameters', lang))}</p>"
    datasets = _as_records(footer.get("datasets", footer.get("provenance")))
    if datasets:
        data_html = (
            _quality_legend(lang)
            + f'<div class="ucj-scroll">{_datasets_table(datasets, lang, "ucj-datasets")}</div>'
        )
    else:
        data_html = f"<p>{_e(_l('no_datasets', lang))}</p>"
    version = footer.get("version") or _package_version()
    commit = footer.get("git_commit", footer.get("commit")) or _l("unknown", lang)
    created = _format_datetime(footer.get("created") or dt.datetime.now(), lang)
    build = (
        f'<p class="ucj-build">{_e(_l("package", lang))} <code>ucj_analysis {_e(version)}</code>'
        f' · {_e(_l("commit", lang))} <code class="ucj-commit">{_e(commit)}</code>'
        f" · {_e(_l('created', lang))} {_e(created)}</p>"
    )
    return (
        f'<footer class="ucj-footer" id="ucj-footer"><h2>{_e(_l("footer_title", lang))}</h2>'
        f'<section class="ucj-footer-params"><h3>{_e(_l("parameters", lang))}</h3>'
        f"{params_html}</section>"
        f'<section class="ucj-footer-data"><h3>{_e(_l("datasets", lang))}</h3>{data_html}</section>'
        f"{build}</footer>"
    )


def _clean_notebook(nb: nbformat.NotebookNode, lang: str) -> tuple[nbformat.NotebookNode, list]:
    """Copy of ``nb`` ready for rendering, and the errors found (ename, evalue, anchor).

    Drops papermill parameter / error-banner cells, record outputs, stderr streams and code cells
    left without outputs; replaces error outputs by a readable error box.
    """
    nb = copy.deepcopy(nb)
    errors: list[dict] = []
    cells = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []) or [])
        if tags & _DROP_CELL_TAGS:
            continue
        if cell.cell_type != "code":
            cells.append(cell)
            continue
        outputs = []
        if not tags & _DROP_OUTPUT_TAGS:
            for out in cell.get("outputs", []):
                otype = out.get("output_type")
                if otype == "stream" and out.get("name") == "stderr":
                    continue
                if otype in ("display_data", "execute_result"):
                    data = dict(out.get("data", {}))
                    for mime in (RECORD_MIMETYPE, *_SCRIPT_MIMETYPES):
                        data.pop(mime, None)
                    if not data:
                        continue
                    if "text/html" in data:
                        text = data["text/html"]
                        text = "".join(text) if isinstance(text, list) else text
                        data["text/html"] = _strip_external_resources(text)
                    out = copy.deepcopy(out)
                    out["data"] = data
                if otype == "error":
                    ename = str(out.get("ename", "Error"))
                    evalue = str(out.get("evalue", ""))
                    if ename == "SystemExit" and evalue in ("", "0"):
                        continue
                    anchor = f"ucj-error-{len(errors) + 1}"
                    errors.append({"ename": ename, "evalue": evalue, "anchor": anchor})
                    box = _error_box_html(ename, evalue, out.get("traceback", []), anchor, lang)
                    out = nbformat.v4.new_output(
                        "display_data", data={"text/html": box}, metadata={}
                    )
                outputs.append(out)
        if not outputs:
            continue
        cell.outputs = outputs
        cell.source = ""  # nothing of the code survives, even if a template shows inputs
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)  # widget state is rendered as a <script> block
    return nb, errors


def notebook_to_html(
    nb: nbformat.NotebookNode,
    *,
    title: str,
    header: dict,
    footer: dict,
    lang: str = "id",
) -> str:
    """Render an executed notebook as one self-contained HTML report without code.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Executed notebook (papermill output; may contain an error).
    title : str
        Report title (``<title>`` and the heading).
    header : dict
        ``regency`` (str or None = all regencies), ``scenarios`` (list of labels or keys, or a
        mapping key -> label), ``run_date`` (datetime / date / ISO string; default now); optional
        ``notebook`` (stem, shown as kicker), ``subtitle``, ``status`` (``"failed"`` forces the
        failure banner) and ``error`` (message shown in the banner, e.g. a timeout).
    footer : dict
        ``parameters`` (dict; default: papermill's recorded parameters), ``git_commit`` (str or
        None), ``datasets`` (list of dicts or DataFrame with ``dataset, title, sources,
        n_observed, n_derived, n_assumed``, from ``DataBundle.provenance()``); optional
        ``version`` (default ``ucj_analysis.__version__``).
    lang : {"id", "en"}
        Language of the labels.

    Returns
    -------
    str
        Complete HTML document: images embedded as data URIs, no external scripts or styles, no
        code cells, papermill parameter cells removed; a failed notebook gets a
        "GAGAL / FAILED" banner and a readable error box where it stopped.
    """
    from nbconvert import HTMLExporter

    lang = _lang(lang)
    header = dict(header or {})
    footer = dict(footer or {})
    nb_params = nb.get("metadata", {}).get("papermill", {}).get("parameters")
    clean, errors = _clean_notebook(nb, lang)
    papermill_failed = bool(nb.get("metadata", {}).get("papermill", {}).get("exception"))
    failed = (
        bool(errors)
        or papermill_failed
        or str(header.get("status", "")).lower() == "failed"
        or any(
            "papermill-error-cell-tag" in (c.get("metadata", {}).get("tags") or [])
            for c in nb.get("cells", [])
        )
    )
    clean.metadata["title"] = title
    header_html = _header_html(title, header, lang, failed)
    if failed:
        header_html += _banner_html(errors, header.get("error"), lang)
    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        embed_images=True,
        theme="light",
        language_code=lang,
    )
    resources = {
        "ucj": {
            "header_html": header_html,
            "footer_html": _footer_html(footer, nb_params, lang),
            "css": _REPORT_CSS + _page_margin_css(header, lang),
            "version": _package_version(),
            "img_alt": _l("chart", lang),
        }
    }
    body, _ = exporter.from_notebook_node(clean, resources=resources)
    return _sanitize_main(_strip_external_resources(body))


_MAIN_OPEN = '<main class="ucj-main">'


def _sanitize_main(document: str) -> str:
    """Sanitise the report body: every notebook output and markdown cell.

    Everything between ``<main class="ucj-main">`` and the last ``</main>`` goes through
    :func:`sanitize_html`; header, footer and banner are built here from escaped text and the
    template's head holds only CSS.
    """
    start = document.find(_MAIN_OPEN)
    end = document.rfind("</main>")
    if start < 0 or end < start:
        return document
    start += len(_MAIN_OPEN)
    return document[:start] + wrap_tables(sanitize_html(document[start:end])) + document[end:]


_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)


def wrap_tables(fragment: str) -> str:
    """Put every ``<table>`` of an HTML fragment in its own horizontal scroll box.

    A wide table then scrolls inside ``<div class="ucj-scroll">`` (its first column sticky, see
    the report CSS) instead of widening the whole page on a phone.

    Parameters
    ----------
    fragment : str
        Sanitised HTML (output of :func:`sanitize_html`).

    Returns
    -------
    str
        The same HTML with ``<div class="ucj-scroll">`` around each table.
    """
    fragment = _TABLE_OPEN.sub('<div class="ucj-scroll"><table', fragment)
    return _TABLE_CLOSE.sub("</table></div>", fragment)


def _css_string(text: Any) -> str:
    """A CSS string literal for ``content:``; quotes, backslashes, controls and ``<>&`` escaped."""
    out = []
    for ch in str(text):
        if ch in '"\\<>&' or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _page_margin_css(header: Mapping, lang: str) -> str:
    """``@page`` margin boxes: regency and run date at the top, page numbers at the bottom.

    Chromium (131 and later) prints CSS page-margin boxes on every page, whether the page is
    printed by a person (Ctrl+P) or by :mod:`ucj_analysis.pdf`.
    """
    regency = header.get("regency") or header.get("kabupaten") or _l("all_regencies", lang)
    run = _format_datetime(header.get("run_date"), lang)
    top = f"{regency} · {_l('run_date', lang)} {run}"
    page_word, of_word = _l("page", lang), _l("page_of", lang)
    font = 'font: 8.5pt "DejaVu Sans", Arial, sans-serif; color: #52606d;'
    return (
        f"\n@page {{ @top-left {{ content: {_css_string(top)}; {font} }}\n"
        f'  @bottom-right {{ content: "{page_word} " counter(page) " {of_word} " counter(pages);'
        f" {font} }} }}\n"
    )


# --------------------------------------------------------------------------------------------
# index, summary.csv, summary.xlsx
# --------------------------------------------------------------------------------------------
def _status_label(status: str, lang: str) -> str:
    key = {"ok": "status_ok", "failed": "status_failed", "skipped": "status_skipped"}.get(status)
    return _l(key, lang) if key else str(status)


def _notebook_label(stem: str, lang: str) -> str:
    return _NOTEBOOK_LABELS.get(stem, {}).get(lang, stem)


def _iso_date(value: Any) -> str | None:
    """A run date (``date``, ``datetime``, ISO text) as ``YYYY-MM-DD``; None if unreadable."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, dt.date | pd.Timestamp):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    m = re.match(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _months_between(earlier: str | None, later: str | None) -> int | None:
    """Whole months from ``YYYY-MM`` ``earlier`` to the month of ``later`` (``YYYY-MM[-DD]``)."""
    a, b = _iso_month(earlier), _iso_month(later)
    pattern = re.compile(r"^\d{4}-\d{2}$")
    if a is None or b is None or not pattern.match(a) or not pattern.match(b):
        return None
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7])


def _quality_label(value: Any, lang: str) -> str | None:
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return None
    key = str(value).strip().lower()
    return _l(key, lang) if key in ("observed", "derived", "assumed") else str(value)


def _regency_fields(values: Mapping, lang: str) -> dict[str, Any]:
    """Top-level forecast record fields shared by every scenario row of a regency."""
    run_date = _iso_date(values.get("run_date"))
    latest = _iso_month(values.get("latest_figure_month"))
    age = _int_or_none(values.get("data_age_months"))
    if age is None and latest is not None:
        age = _months_between(latest, run_date or dt.date.today().isoformat())
    basis = values.get("workforce_basis")
    return {
        "budget_start": _iso_month(values.get("budget_start")),
        "latest_figure_month": latest,
        "data_age_months": age,
        "workforce_basis": None if basis in (None, "") else str(basis),
        "start_quality": _quality_label(values.get("start_quality"), lang),
        "run_date": run_date,
    }


def summary_frame(records: Sequence[Mapping], lang: str = "id") -> pd.DataFrame:
    """Key numbers of a batch: one row per regency × scenario of the regency forecast reports.

    Parameters
    ----------
    records : sequence of dict
        Batch records (see :func:`write_index`). Rows come from the ``02_regency_forecast``
        records' ``time_to_target`` list; a failed forecast report gives one row with status
        "report failed" and no numbers. Each ``time_to_target`` item may carry the budget
        lines ``budget_year``, ``appropriation_rp_per_year`` [Rp per year],
        ``appropriation_rp_per_desa`` [Rp], ``appropriation_pct_add`` [% of ADD],
        ``spending_rp_per_year``, ``idle_rp_per_year``, ``arrears_rp_per_year`` [Rp per year];
        the record itself may carry ``run_date`` (YYYY-MM-DD), ``budget_start`` and
        ``latest_figure_month`` (YYYY-MM), ``data_age_months`` [months] (computed from
        ``latest_figure_month`` and ``run_date`` or today when absent), ``workforce_basis`` and
        ``start_quality`` (observed / derived / assumed). Older records without them give
        empty cells.
    lang : {"id", "en"}
        Language of text values (time to target, status, start quality).

    Returns
    -------
    pandas.DataFrame
        Columns = keys of :data:`SUMMARY_COLUMNS`: percentages [0-100] and rupiah as floats,
        ``budget_year`` and ``data_age_months`` as nullable integers, months as ``YYYY-MM``
        strings (empty when not reached), ``run_date`` as ``YYYY-MM-DD``, ``time_to_target``
        as text (``Mei 2031`` or ``tidak tercapai sebelum Des 2045``), ``report`` = relative
        HTML path.
    """
    lang = _lang(lang)
    empty = dict.fromkeys(SUMMARY_COLUMNS)
    rows = []
    for rec in records:
        if rec.get("notebook") != "02_regency_forecast":
            continue
        values = rec.get("records") or {}
        tt_list = values.get("time_to_target") or []
        base = empty | {
            "regency": rec.get("regency"),
            "current_coverage_pct": _float_or_none(values.get("current_coverage_pct")),
            "target_pct": _float_or_none(values.get("target_pct")),
            "report": rec.get("html"),
            "brief_pdf": brief_relpath(rec.get("slug")) if rec.get("slug") else None,
        }
        if rec.get("status") == "failed" or not tt_list:
            if rec.get("status") != "failed":
                continue
            rows.append(
                base
                | {
                    "current_coverage_pct": None,
                    "target_pct": None,
                    "time_to_target": _l("report_failed", lang),
                    "status": _l("report_failed", lang),
                    "brief_pdf": None,
                }
            )
            continue
        base |= _regency_fields(values, lang)
        horizon = values.get("horizon_end") or DEFAULT_HORIZON_END
        for tt in tt_list:
            median = _iso_month(tt.get("median_month"))
            reached = tt.get("status", "reached" if median else "not_reached") == "reached"
            reached = reached and median is not None
            prob = _float_or_none(tt.get("prob_main_deadline"))
            rows.append(
                base
                | {
                    "scenario_label": tt.get("scenario_label") or tt.get("scenario"),
                    "scenario": tt.get("scenario"),
                    "time_to_target": _format_month(median, lang)
                    if reached
                    else _not_reached_text(tt.get("horizon_end") or horizon, lang),
                    "median_month": median if reached else None,
                    "p10_month": _iso_month(tt.get("p10_month")),
                    "p90_month": _iso_month(tt.get("p90_month")),
                    "status": _l("reached" if reached else "not_reached", lang),
                    "main_deadline": _iso_month(tt.get("main_deadline")),
                    "prob_main_deadline_pct": None if prob is None else round(prob * 100, 2),
                    "coverage_main_deadline_pct": _float_or_none(
                        tt.get("coverage_main_deadline_pct")
                    ),
                    "budget_year": _int_or_none(tt.get("budget_year")),
                    **{
                        k: _float_or_none(tt.get(k)) for k in (*_RP_FIELDS, "appropriation_pct_add")
                    },
                }
            )
    rows.sort(key=lambda r: str(r["regency"] or "").lower())  # stable: scenario order kept
    frame = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    for col in (*_PCT_FIELDS, *_RP_FIELDS):
        frame[col] = frame[col].astype("float64")
    for col in _INT_FIELDS:
        frame[col] = frame[col].astype("Int64")
    return frame


def _float_or_none(value: Any) -> float | None:
    try:
        if value is None:
            return None
        out = float(value)
        return None if out != out else out
    except (TypeError, ValueError):
        return None


def _collect_provenance(records: Sequence[Mapping]) -> list[dict]:
    seen: dict[tuple, dict] = {}
    for rec in records:
        for row in _as_records((rec.get("records") or {}).get("provenance")):
            key = (row.get("dataset"), row.get("title"), _join_sources(row.get("sources")))
            seen.setdefault(key, row)
    return list(seen.values())


_INDEX_CSS = """
:root { --ink:#1f2933; --muted:#52606d; --line:#d9e2ec; --soft:#f5f7fa; --accent:#0b6e99;
  --red:#b42318; --red-soft:#fef3f2; --green:#1a7f4b; --amber:#9a6700; }
* { box-sizing: border-box; }
body { margin:0; background:#eef2f6; color:var(--ink);
  font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif;
  font-size: 15px; line-height: 1.55; }
.wrap { max-width: 1120px; margin: 24px auto; background:#fff; border-radius: 8px;
  box-shadow: 0 1px 3px rgba(16,24,40,.08); overflow: hidden; }
header.top { padding: 28px 40px 22px; border-bottom: 4px solid var(--accent); }
.kicker { text-transform: uppercase; letter-spacing:.08em; font-size:12px; color:var(--accent);
  font-weight:600; }
h1 { font-size: 30px; margin: 4px 0 6px; }
.subtitle { color: var(--muted); margin: 0 0 14px; max-width: 760px; }
.chips { display:flex; flex-wrap:wrap; gap:8px; align-items:center; }
.chip { display:inline-block; padding: 2px 10px; border-radius: 12px; font-size: 13px;
  font-weight:600; background: var(--soft); border:1px solid var(--line); }
.chip.ok { background:#dcfae6; color:var(--green); border-color:#a6f4c5; }
.chip.failed { background:var(--red-soft); color:var(--red); border-color:#fda29b; }
.chip.skipped { background:#f2f4f7; color:var(--muted); }
.rundate { color: var(--muted); font-size: 14px; margin-right: 8px; }
section { padding: 8px 40px 20px; }
h2 { font-size: 20px; margin: 18px 0 8px; padding-bottom: 4px;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 18px 0 6px; }
p.intro { color: var(--muted); margin: 4px 0 12px; max-width: 900px; font-size: 14px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
thead th { background: #e9eef4; color: var(--ink); font-weight: 600; font-size: 13px;
  border-bottom: 2px solid #bcccdc; }
tbody tr:nth-child(even) td { background: #fafbfc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, td.nowrap { white-space: nowrap; }
table.key-numbers tbody tr td { background: #fff; }
table.key-numbers tr.group-start td { border-top: 2px solid #bcccdc; }
table.key-numbers th { max-width: 190px; }
td.regency { font-weight: 600; }
td.muted, span.muted { color: var(--muted); }
td.notreached { color: var(--amber); font-weight: 600; }
td.failedrow { color: var(--red); font-weight: 600; }
.stale { color: var(--amber); font-weight: 600; font-size: 13px; margin-top: 2px; }
div.scroll { overflow-x: auto; }
table.key-numbers td.age { min-width: 8em; font-size: 13.5px; }
table.key-numbers td.when { min-width: 9em; }
a { color: var(--accent); text-decoration: none; font-weight: 600; }
a:hover { text-decoration: underline; }
.badge { display:inline-block; padding: 1px 9px; border-radius: 10px; font-size: 12.5px;
  font-weight: 700; }
.badge.ok { background:#dcfae6; color:var(--green); }
.badge.failed { background:var(--red-soft); color:var(--red); }
.badge.skipped { background:#f2f4f7; color:var(--muted); }
.err { color: var(--red); font-family: ui-monospace, "DejaVu Sans Mono", monospace;
  font-size: 12.5px; white-space: pre-wrap; word-break: break-word; }
.q { display:inline-block; border-radius: 10px; padding: 0 8px; font-size: 12.5px;
  font-weight: 700; margin-right: 4px; }
.q.observed { background:#dcfae6; color:var(--green); }
.q.derived { background:#e0f2fe; color:#075985; }
.q.assumed { background:#fef0c7; color:var(--amber); }
ul.legend { list-style: none; padding: 0; margin: 6px 0; }
ul.legend li { margin: 6px 0; }
.downloads a { margin-right: 16px; }
footer.bottom { padding: 14px 40px 20px; color: var(--muted); font-size: 13px;
  background: var(--soft); border-top: 1px solid var(--line); }
code { font-size: 12.5px; }
div.scroll > table > thead > tr > :first-child, div.scroll > table > tbody > tr > :first-child {
  position: sticky; left: 0; z-index: 1; background: #fff; box-shadow: inset -1px 0 0 var(--line); }
div.scroll > table > thead > tr > :first-child { background: #e9eef4; }
div.scroll > table.key-numbers > tbody > tr:not(.group-start) > :first-child { position: static;
  box-shadow: none; }
div.scroll > table.key-numbers > tbody > tr.group-start > td.regency { position: sticky; }
td.regency .brief { font-weight: 400; font-size: 13px; margin-top: 4px; }
p.intro, td, li { overflow-wrap: break-word; }
@media (max-width: 640px) {
  body { background: #fff; font-size: 15px; }
  .wrap { margin: 0; border-radius: 0; box-shadow: none; }
  header.top { padding: 16px 14px 14px; }
  h1 { font-size: 24px; }
  section { padding: 4px 14px 14px; }
  footer.bottom { padding: 12px 14px 16px; }
  th, td { padding: 6px 8px; }
  div.scroll > table > thead > tr > :first-child,
  div.scroll > table > tbody > tr > :first-child { max-width: 8.5em; }
  .downloads a { display: inline-block; margin: 4px 16px 4px 0; }
}
@page { size: A4 landscape; margin: 12mm 10mm 14mm;
  @bottom-right { content: counter(page) " / " counter(pages);
    font: 8.5pt "DejaVu Sans", Arial, sans-serif; color: #52606d; } }
@media print {
  body { background: #fff; font-size: 10pt; }
  .wrap { box-shadow: none; margin: 0; max-width: none; border-radius: 0; overflow: visible; }
  header.top, section, footer.bottom { padding-left: 0; padding-right: 0; }
  div.scroll { overflow: visible; }
  div.scroll > table > thead > tr > :first-child,
  div.scroll > table > tbody > tr > :first-child { position: static; box-shadow: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 9pt; }
}
"""


def _index_html(records: Sequence[Mapping], summary: pd.DataFrame, out_dir: Path, lang: str) -> str:
    now = dt.datetime.now()
    counts = {
        s: sum(1 for r in records if r.get("status") == s) for s in ("ok", "failed", "skipped")
    }

    def link(relpath: Any, text: str) -> str:
        href = safe_relative_href(relpath)
        if href is not None and (out_dir / str(relpath)).is_file():
            return f'<a href="{_e(href)}">{_e(text)}</a>'
        return f'<span class="muted">{_e(text)}</span>' if relpath else "—"

    chips = [f'<span class="chip">{len(records)} {_e(_l("reports_count", lang))}</span>']
    for status in ("ok", "failed", "skipped"):
        if counts[status]:
            chips.append(
                f'<span class="chip {status}">{counts[status]} {_e(_status_label(status, lang))}'
                "</span>"
            )

    # ---- key numbers -----------------------------------------------------------------------
    key_html: str
    if summary.empty:
        key_html = f'<p class="intro">{_e(_l("no_key_numbers", lang))}</p>'
    else:
        deadlines = {d for d in summary["main_deadline"].dropna().unique()}
        if len(deadlines) == 1:
            prob_head = f"{_l('prob_by', lang)} {_format_month(next(iter(deadlines)), lang)}"
        else:
            prob_head = _l("prob_by_main", lang)
        cov_head = (
            "Cakupan pada tenggat (median)" if lang == "id" else "Coverage at deadline (median)"
        )
        show_money = summary["appropriation_rp_per_year"].notna().any()
        show_age = (
            summary["latest_figure_month"].notna().any() or summary["data_age_months"].notna().any()
        )
        head = (
            f"<tr><th>{_e(_l('regency', lang))}</th>"
            f'<th class="num">{_e(_l("current_coverage", lang))}</th>'
            + (f"<th>{_e(_l('latest_figure', lang))}</th>" if show_age else "")
            + f'<th class="num">{_e(_l("target", lang))}</th>'
            f"<th>{_e(_l('scenario', lang))}</th>"
            + (f'<th class="num">{_e(_l("appropriation", lang))}</th>' if show_money else "")
            + f"<th>{_e(_l('median_time', lang))}</th>"
            f"<th>{_e(_l('range_p10_p90', lang))}</th>"
            f'<th class="num">{_e(prob_head)}</th><th class="num">{_e(cov_head)}</th>'
            f"<th>{_e(_l('report', lang))}</th></tr>"
        )
        body = []
        for (_, regency), group in summary.groupby(
            [summary["regency"].fillna("").map(str.lower), summary["regency"].fillna("")],
            sort=True,
        ):
            first = True
            n = len(group)
            for _, row in group.iterrows():
                cells = []
                if first:
                    cov = _format_pct(row["current_coverage_pct"], lang, 2)
                    tgt = _format_pct(row["target_pct"], lang)
                    brief = row.get("brief_pdf")
                    brief_html = (
                        f'<div class="brief">{link(brief, _l("brief_link", lang))}</div>'
                        if isinstance(brief, str) and brief
                        else ""
                    )
                    cells.append(
                        f'<td class="regency" rowspan="{n}">{_e(regency or "—")}{brief_html}</td>'
                    )
                    cells.append(f'<td class="num" rowspan="{n}">{_e(cov)}</td>')
                    if show_age:
                        cells.append(
                            f'<td class="age" rowspan="{n}">{_data_age_html(row, lang)}</td>'
                        )
                    cells.append(f'<td class="num" rowspan="{n}">{_e(tgt)}</td>')
                if pd.isna(row["scenario"]) and row["time_to_target"] == _l("report_failed", lang):
                    cells.append(f'<td class="muted">{MISSING}</td>')
                    cells.append(
                        f'<td class="failedrow" colspan="{4 + bool(show_money)}">'
                        f"{_e(row['time_to_target'])}</td>"
                    )
                else:
                    reached = not pd.isna(row["median_month"])
                    p10 = _short_month(row["p10_month"], lang)
                    p90 = _short_month(row["p90_month"], lang)
                    if p10 is None:
                        rng = "—"
                    elif p90 is None:
                        horizon = _short_month(DEFAULT_HORIZON_END, lang)
                        rng = f"{p10} – {_l('after', lang)} {horizon}"
                    else:
                        rng = f"{p10} – {p90}"
                    prob = _format_pct(row["prob_main_deadline_pct"], lang, 0)
                    if len(deadlines) > 1 and row["main_deadline"]:
                        prob += f" ({_short_month(row['main_deadline'], lang)})"
                    cells.append(f"<td>{_e(row['scenario_label'])}</td>")
                    if show_money:
                        money = _format_rp(row["appropriation_rp_per_year"], lang)
                        cells.append(f'<td class="num">{_e(money)}</td>')
                    cls = "when" if reached else "when notreached"
                    cells.append(f'<td class="{cls}">{_e(row["time_to_target"])}</td>')
                    cells.append(f'<td class="nowrap">{_e(rng)}</td>')
                    cells.append(f'<td class="num">{_e(prob)}</td>')
                    cov_dl = _format_pct(row["coverage_main_deadline_pct"], lang)
                    cells.append(f'<td class="num">{_e(cov_dl)}</td>')
                cells.append(f"<td>{link(row['report'], _l('open_report', lang))}</td>")
                row_cls = ' class="group-start"' if first else ""
                body.append(f"<tr{row_cls}>{''.join(cells)}</tr>")
                first = False
        key_html = (
            f'<p class="intro">{_e(_l("key_numbers_intro", lang))}</p>'
            f'<div class="scroll"><table class="key-numbers"><thead>{head}</thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )

    # ---- quality legend --------------------------------------------------------------------
    legend = "".join(
        f'<li><span class="q {q}">{_e(_l(q, lang))}</span> {_e(_l(q + "_help", lang))}</li>'
        for q in ("observed", "derived", "assumed")
    )

    # ---- reports grouped by notebook -------------------------------------------------------
    groups: dict[str, list[Mapping]] = {}
    for rec in records:
        groups.setdefault(str(rec.get("notebook") or "?"), []).append(rec)
    report_sections = []
    for stem in sorted(groups):
        rows = []
        for rec in sorted(groups[stem], key=lambda r: str(r.get("regency") or "").lower()):
            status = str(rec.get("status") or "")
            regency = rec.get("regency") or _l("all_regencies", lang)
            error = rec.get("error")
            err_html = ""
            if error:
                short = str(error) if len(str(error)) <= 400 else str(error)[:400] + " …"
                err_html = f'<div class="err" title="{_e(error)}">{_e(short)}</div>'
            rows.append(
                f'<tr class="status-{_e(status)}"><td>{_e(regency)}</td>'
                f'<td><span class="badge {_e(status)}">'
                f"{_e(_status_label(status, lang))}</span></td>"
                f"<td>{link(rec.get('html'), _l('open_report', lang))}</td>"
                f'<td class="num">{_e(_format_seconds(rec.get("seconds"), lang))}</td>'
                f"<td>{link(rec.get('ipynb'), '.ipynb')}</td><td>{err_html}</td></tr>"
            )
        head = (
            f"<tr><th>{_e(_l('regency', lang))}</th><th>{_e(_l('status', lang))}</th>"
            f'<th>{_e(_l("report", lang))}</th><th class="num">{_e(_l("duration", lang))}</th>'
            f"<th>{_e(_l('notebook_file', lang))}</th><th>{_e(_l('note', lang))}</th></tr>"
        )
        report_sections.append(
            f'<h3 id="nb-{_e(stem)}">{_e(_notebook_label(stem, lang))} '
            f'<span class="muted">({_e(stem)})</span></h3>'
            f'<div class="scroll"><table class="reports"><thead>{head}</thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )

    # ---- provenance ------------------------------------------------------------------------
    provenance = _collect_provenance(records)
    prov_html = ""
    if provenance:
        prov_html = (
            f'<section id="sources"><h2>{_e(_l("data_sources", lang))}</h2>'
            f'<div class="scroll">{_datasets_table(provenance, lang, "sources")}</div></section>'
        )
    prov_html = prov_html.replace("ucj-q ucj-q-", "q ")

    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ucj_analysis {_e(_package_version())}">
<title>{_e(_l("index_title", lang))}</title>
<style>{_INDEX_CSS}</style>
</head>
<body>
<div class="wrap">
<header class="top">
<div class="kicker">Universal Coverage Jamsostek</div>
<h1>{_e(_l("index_title", lang))}</h1>
<p class="subtitle">{_e(_l("index_subtitle", lang))}</p>
<div class="chips"><span class="rundate">{_e(_l("run_date", lang))}:
{_e(_format_datetime(now, lang))}</span>{"".join(chips)}</div>
</header>
<section id="key-numbers"><h2>{_e(_l("key_numbers", lang))}</h2>{key_html}
<p class="downloads">{_e(_l("downloads", lang))}:
<a href="summary.xlsx">summary.xlsx</a><a href="summary.csv">summary.csv</a></p></section>
<section id="quality"><h2>{_e(_l("quality_title", lang))}</h2>
<p class="intro">{_e(_l("quality_intro", lang))}</p><ul class="legend">{legend}</ul></section>
<section id="reports"><h2>{_e(_l("all_reports", lang))}</h2>{"".join(report_sections)}</section>
{prov_html}
<footer class="bottom">{_e(_l("generated_by", lang))} <code>ucj_analysis
{_e(_package_version())}</code> · {_e(_format_datetime(now, lang))}</footer>
</div>
</body>
</html>
"""


# ---- spreadsheet safety ------------------------------------------------------------------------
#: characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def formula_like(value: Any) -> bool:
    """Whether a spreadsheet program would read this text as a formula (or start one).

    Parameters
    ----------
    value : object
        A cell value; only ``str`` can be formula-like.

    Returns
    -------
    bool
        True for text whose first character is ``=``, ``+``, ``-``, ``@``, tab, CR or LF, or
        whose first non-blank character is ``=``, ``+``, ``-`` or ``@``.
    """
    if not isinstance(value, str) or not value:
        return False
    return value.startswith(_FORMULA_START) or value.lstrip().startswith(_FORMULA_START[:4])


def neutralise_csv_text(value: Any) -> Any:
    """Text for a CSV cell that a spreadsheet shows as text, never runs as a formula.

    Parameters
    ----------
    value : object
        Cell value; anything but formula-like text (:func:`formula_like`) is returned unchanged.

    Returns
    -------
    object
        ``"'" + value`` for formula-like text (the apostrophe the OWASP CSV-injection advice
        prescribes: Excel and LibreOffice then show the text, apostrophe included), else
        ``value``.
    """
    return "'" + value if formula_like(value) else value


def _drop_empty_optional(summary: pd.DataFrame) -> pd.DataFrame:
    empty = [c for c in _OPTIONAL_SUMMARY if c in summary and summary[c].isna().all()]
    return summary.drop(columns=empty)


def _csv_text(summary: pd.DataFrame, lang: str) -> str:
    """summary.csv: UTF-8 with BOM; ``;`` and decimal comma for ``id``, ``,`` and ``.`` for ``en``.

    Rupiah as whole rupiah, percentages [0-100] with at most 2 decimals, months ``YYYY-MM``,
    run date ``YYYY-MM-DD``; formula-like text prefixed with ``'`` (:func:`neutralise_csv_text`).
    """
    frame = _drop_empty_optional(summary).copy()
    for col in frame.columns:
        kind = _SUMMARY_KINDS[col]
        if kind == "rp":
            frame[col] = frame[col].round(0).astype("Int64")
        elif kind == "pct":
            frame[col] = frame[col].round(2)
        elif kind in ("text", "link", "month", "date"):
            frame[col] = frame[col].astype(object).map(neutralise_csv_text)
    frame = frame.rename(columns={k: v[lang] for k, v in SUMMARY_COLUMNS.items()})
    sep, decimal = (";", ",") if lang == "id" else (",", ".")
    text = frame.to_csv(index=False, sep=sep, decimal=decimal, lineterminator="\n")
    return "\ufeff" + text


def _month_date(value: Any) -> dt.date | None:
    iso = _iso_month(value)
    if iso is None or not re.match(r"^\d{4}-\d{2}$", iso):
        return None
    return dt.date(int(iso[:4]), int(iso[5:7]), 1)


def _number_formats(lang: str) -> dict[str, str]:
    """Excel number formats per column kind; ``[$-421]`` = Indonesian month names."""
    locale = "[$-421]" if lang == "id" else "[$-409]"
    return {
        "pct": '0.0" %"' if lang == "id" else '0.0"%"',
        "rp": '"Rp "#,##0',
        "int": "#,##0",
        "year": "0",
        "seconds": "0.0",
        "month": f"{locale}mmm yyyy",
        "date": f"{locale}d mmm yyyy",
    }


def _cell_value(value: Any, kind: str) -> Any:
    """A frame value as the Python object openpyxl writes (number, date, text or None)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if kind in ("pct", "rp", "seconds"):
        return _float_or_none(value)
    if kind in ("int", "year"):
        return _int_or_none(value)
    if kind == "month":
        return _month_date(value) or str(value)
    if kind == "date":
        iso = _iso_date(value)
        return str(value) if iso is None else dt.date.fromisoformat(iso)
    return str(value)


def _write_sheet(ws, frame: pd.DataFrame, kinds: Mapping[str, str], headers, lang: str) -> None:
    """Fill one worksheet: styled header, typed cells, number formats, text kept as text."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    formats = _number_formats(lang)
    fill = PatternFill("solid", fgColor="0B6E99")
    columns = list(frame.columns)
    for j, key in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j)
        _set_text(cell, headers[key][lang])
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = {j: len(headers[k][lang]) // 2 + 2 for j, k in enumerate(columns, start=1)}
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        for j, (key, raw) in enumerate(zip(columns, row, strict=True), start=1):
            kind = kinds[key]
            value = _cell_value(raw, kind)
            cell = ws.cell(row=i, column=j)
            if value is None:
                continue
            if isinstance(value, str):
                href = safe_relative_href(value) if kind == "link" else None
                if href is not None:
                    cell.hyperlink = href
                    cell.style = "Hyperlink"
                _set_text(cell, value)
                shown = len(value)
            else:
                cell.value = value
                cell.number_format = formats.get(kind, "General")
                shown = {"month": 9, "date": 12, "rp": 18, "year": 6}.get(kind, 10)
            widths[j] = max(widths[j], shown + 2)
    for j, width in widths.items():
        ws.column_dimensions[get_column_letter(j)].width = min(max(width, 10), XLSX_MAX_WIDTH)
        if width > XLSX_MAX_WIDTH:  # long text wraps inside its column instead of widening it
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "A2"
    if len(frame):
        ws.auto_filter.ref = ws.dimensions
    _print_setup(ws, lang)


#: widest column of summary.xlsx [characters]; longer text wraps
XLSX_MAX_WIDTH = 40


def _print_setup(ws, lang: str) -> None:
    """A4 landscape, one page wide (as many pages tall as needed), header row on every page.

    Page header: the sheet name (left) and the title of the reports (right); footer: page
    ``n / total``.
    """
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # 0 = as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.6, header=0.3, footer=0.3)
    ws.oddHeader.left.text = "&A"
    ws.oddHeader.right.text = _l("index_title", lang).replace("&", "&&")
    ws.oddFooter.right.text = f"{_l('page', lang)} &P {_l('page_of', lang)} &N"


def _set_text(cell, text: str) -> None:
    """Write ``text`` as a string cell; formula-like text gets Excel's quote prefix.

    openpyxl turns any ``str`` starting with ``=`` into a formula; the cell type is forced
    back to string, and ``quotePrefix`` (what Excel stores when a user types ``'=…``) keeps
    it text even after the cell is edited. The value itself is unchanged.
    """
    cell.value = text
    if cell.data_type == "f" or formula_like(text):
        cell.data_type = "s"
        cell.quotePrefix = True


def _provenance_frame(provenance: list[dict]) -> pd.DataFrame:
    """Data sources for the spreadsheet.

    ``n_rows`` is the sum of the quality counts when a record lacks it: every row of a dataset
    carries exactly one quality flag.
    """
    rows = []
    for p in provenance:
        counts = [_int_or_none(p.get(k)) for k, _ in _QUALITY_COUNTS]
        n_rows = _int_or_none(p.get("n_rows"))
        if n_rows is None and None not in counts:
            n_rows = sum(counts)
        rows.append(
            {
                "dataset": p.get("dataset"),
                "title": p.get("title"),
                "sources": _join_sources(p.get("sources")) or None,
                "n_rows": n_rows,
                **{k: n for (k, _), n in zip(_QUALITY_COUNTS, counts, strict=True)},
            }
        )
    frame = pd.DataFrame(rows, columns=list(_PROVENANCE_COLUMNS))
    for key in ("n_rows", *(k for k, _ in _QUALITY_COUNTS)):
        frame[key] = frame[key].astype("Int64")
    return frame


def _xlsx_bytes(
    summary: pd.DataFrame, provenance: list[dict], reports: pd.DataFrame, lang: str
) -> bytes:
    """summary.xlsx: sheets summary, data sources and reports with typed, formatted cells."""
    from openpyxl import Workbook

    prov = _provenance_frame(provenance)
    sheets = [
        (_l("summary_sheet", lang), _drop_empty_optional(summary), _SUMMARY_KINDS, SUMMARY_COLUMNS),
        (_l("data_sources", lang), prov, _PROVENANCE_KINDS, _PROVENANCE_COLUMNS),
        (_l("reports_sheet", lang), reports, _REPORT_KINDS, _REPORT_COLUMNS),
    ]
    wb = Workbook()
    wb.remove(wb.active)
    for name, frame, kinds, headers in sheets:
        _write_sheet(wb.create_sheet(name), frame, kinds, headers, lang)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_index(records: list[dict], out_dir: Path, lang: str = "id") -> Path:
    """Write ``index.html``, ``summary.csv`` and ``summary.xlsx`` for a batch (atomically).

    Parameters
    ----------
    records : list of dict
        One per report: ``notebook`` (stem), ``regency`` (str or None), ``slug``, ``status``
        (``ok`` / ``failed`` / ``skipped``), ``html`` and ``ipynb`` (paths relative to
        ``out_dir``), ``seconds`` [s], ``error`` (str or None), ``params`` (dict), ``records``
        (dict from :func:`read_records`). Key numbers come from ``02_regency_forecast`` records:
        ``time_to_target`` (list of dicts), ``current_coverage_pct`` [%], ``target_pct`` [%];
        data sources from ``provenance`` (list of dicts).
    out_dir : pathlib.Path
        Batch output directory (created if missing).
    lang : {"id", "en"}
        Language of labels, headers and formatted numbers.

    Returns
    -------
    pathlib.Path
        Path of ``index.html``.
    """
    lang = _lang(lang)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    records = [dict(r) for r in records]
    for rec in records:  # links relative to out_dir, with forward slashes
        for key in ("html", "ipynb"):
            if rec.get(key):
                path = Path(rec[key])
                if path.is_absolute():
                    path = Path(os.path.relpath(path, out_dir.resolve()))
                rec[key] = path.as_posix()
    summary = summary_frame(records, lang)
    summary["brief_pdf"] = [
        p if isinstance(p, str) and (out_dir / p).is_file() else None for p in summary["brief_pdf"]
    ]
    reports = pd.DataFrame(
        [
            {
                "notebook": r.get("notebook"),
                "regency": r.get("regency") or _l("all_regencies", lang),
                "status": _status_label(str(r.get("status") or ""), lang),
                "seconds": None if secs is None else round(secs, 1),
                "html": r.get("html"),
                "ipynb": r.get("ipynb"),
                "error": r.get("error"),
            }
            for r in sorted(records, key=lambda r: (str(r.get("notebook")), str(r.get("slug"))))
            for secs in [_float_or_none(r.get("seconds"))]
        ],
        columns=list(_REPORT_COLUMNS),
    )
    atomic_write_text(out_dir / "summary.csv", _csv_text(summary, lang))
    atomic_write_bytes(
        out_dir / "summary.xlsx",
        _xlsx_bytes(summary, _collect_provenance(records), reports, lang),
    )
    return atomic_write_text(out_dir / "index.html", _index_html(records, summary, out_dir, lang))


# --------------------------------------------------------------------------------------------
# one-page summary for the Bupati (printed to PDF by ucj_analysis.pdf)
# --------------------------------------------------------------------------------------------
#: folder of the one-page summaries inside a batch output directory
BRIEF_DIR = "ringkasan"

_BRIEF_LABELS: dict[str, dict[str, str]] = {
    "kicker": {"id": "Ringkasan untuk pimpinan", "en": "Summary for leadership"},
    "answer": {"id": "Jawaban per skenario", "en": "Answer per scenario"},
    "month": {"id": "Target tercapai (median)", "en": "Target reached (median)"},
    "range": {"id": "Rentang P10–P90", "en": "P10–P90 range"},
    "prob": {"id": "Peluang tercapai sebelum {month}", "en": "Probability by {month}"},
    "prob_main": {"id": "Peluang tercapai sebelum tenggat", "en": "Probability by deadline"},
    "cov": {"id": "Cakupan pada {month} (median)", "en": "Coverage at {month} (median)"},
    "cov_main": {"id": "Cakupan pada tenggat (median)", "en": "Coverage at deadline (median)"},
    "budget": {"id": "Anggaran per tahun ({year})", "en": "Budget per year ({year})"},
    "budget_any": {"id": "Anggaran per tahun", "en": "Budget per year"},
    "per_desa": {"id": "Per desa", "en": "Per village"},
    "target": {"id": "Target cakupan", "en": "Coverage target"},
    "data": {"id": "Angka terbaru", "en": "Latest figure"},
    "quality": {"id": "kualitas", "en": "quality"},
    "run_date": {"id": "Tanggal dijalankan", "en": "Run date"},
    "full_report": {"id": "Laporan lengkap", "en": "Full report"},
    "full_report_where": {
        "id": "di folder hasil yang sama (folder yang berisi index.html dan folder ringkasan/)",
        "en": "in the same output folder (the folder holding index.html and ringkasan/)",
    },
    "how_to_read": {
        "id": "Median: bulan ketika separuh simulasi sudah mencapai target; P10–P90: 80 % "
        "simulasi mencapai target di antara kedua bulan ini. Anggaran: alokasi yang harus "
        "dimasukkan ke APBDes/APBD pada tahun anggaran pertama skenario.",
        "en": "Median: the month by which half of the simulations reach the target; P10–P90: "
        "80 % of simulations reach it between these months. Budget: the appropriation to put "
        "in the village/regency budget in the scenario's first budget year.",
    },
}


def _bl(key: str, lang: str, **kw: Any) -> str:
    text = _BRIEF_LABELS[key][lang]
    return text.format(**kw) if kw else text


def brief_relpath(slug: Any) -> str:
    """Path of a regency's one-page summary inside the batch folder: ``ringkasan/<slug>.pdf``.

    Parameters
    ----------
    slug : str
        Regency slug of the report (``konawe``, ``tojo-una-una``).

    Returns
    -------
    str
        Relative path with forward slashes.
    """
    return f"{BRIEF_DIR}/{slug}.pdf"


_BRIEF_CSS = """
@page { size: A4; margin: 14mm 14mm 14mm 14mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; }
body { color: #1f2933; font: 10pt/1.42 "DejaVu Sans", "Noto Sans", Arial, sans-serif; }
body.compact { font-size: 9pt; line-height: 1.32; }
body.compact table.answer { font-size: 8pt; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; color: #0b6e99;
  font-weight: 700; }
h1 { font-size: 17pt; margin: 2pt 0 6pt; line-height: 1.2; }
dl.facts { display: flex; flex-wrap: wrap; gap: 4pt 18pt; margin: 0 0 8pt; padding: 6pt 0 7pt;
  border-top: 2.5pt solid #0b6e99; border-bottom: 1px solid #d9e2ec; }
dl.facts div { min-width: 0; }
dl.facts dt { font-size: 8pt; color: #52606d; margin: 0; }
dl.facts dd { margin: 0; font-weight: 700; }
.memo p { margin: 0 0 5pt; }
.memo p:first-child { font-weight: 600; }
.stale { color: #9a6700; font-weight: 700; margin: 0 0 6pt; }
h2 { font-size: 11pt; margin: 9pt 0 4pt; }
table.answer { border-collapse: collapse; width: 100%; font-size: 8.8pt; line-height: 1.3; }
table.answer th, table.answer td { border-bottom: 1px solid #d9e2ec; padding: 3.5pt 4pt;
  text-align: left; vertical-align: top; }
table.answer thead th { background: #e9eef4; border-bottom: 1.5pt solid #bcccdc; font-size: 8pt; }
table.answer td.num, table.answer th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.answer td.num { white-space: nowrap; }
table.answer td.label { width: 22%; }
table.answer td.notreached { color: #9a6700; font-weight: 600; }
table.answer td.label { font-weight: 600; }
tr { break-inside: avoid; }
.howto { color: #52606d; font-size: 8pt; margin: 5pt 0 0; }
.where { margin-top: 10pt; padding-top: 6pt; border-top: 1px solid #d9e2ec; font-size: 8.5pt; }
.where code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
.build { color: #52606d; font-size: 7.5pt; margin-top: 3pt; }
"""


def _brief_range(tt: Mapping, horizon: Any, lang: str) -> str:
    p10 = _short_month(tt.get("p10_month"), lang)
    p90 = _short_month(tt.get("p90_month"), lang)
    if p10 is None:
        return MISSING
    if p90 is None:
        return f"{p10} – {_l('after', lang)} {_short_month(horizon or DEFAULT_HORIZON_END, lang)}"
    return f"{p10} – {p90}"


def brief_html(record: Mapping, lang: str = "id", *, compact: bool = False) -> str:
    """One-page summary of a regency forecast for the Bupati, as a printable HTML document.

    Parameters
    ----------
    record : dict
        Index record of a ``02_regency_forecast`` report (see :func:`write_index`): ``regency``,
        ``html`` (path of the full report relative to the batch folder) and ``records`` with
        ``report_title``, ``memo`` (list of sentences), ``target_pct`` [%], ``run_date``,
        ``latest_figure_month``, ``data_age_months`` [months], ``start_quality`` and
        ``time_to_target`` (per scenario ``scenario_label``, ``median_month``, ``p10_month``,
        ``p90_month``, ``status``, ``prob_main_deadline`` [0-1], ``main_deadline``,
        ``coverage_main_deadline_pct`` [%], ``budget_year``, ``appropriation_rp_per_year`` [Rp],
        ``appropriation_rp_per_desa`` [Rp]).
    lang : {"id", "en"}
        Language of the page.
    compact : bool
        Smaller type, used when the normal size does not fit on one A4 page.

    Returns
    -------
    str
        Self-contained HTML (A4 portrait, no scripts, images or links): regency, target, the
        memo, the answer table, the data's age and quality, the run date and the relative path
        of the full report.
    """
    lang = _lang(lang)
    values = record.get("records") or {}
    regency = record.get("regency") or values.get("regency") or _l("all_regencies", lang)
    title = values.get("report_title") or str(regency)
    target = _format_pct(values.get("target_pct"), lang)
    run_iso = _iso_date(values.get("run_date"))
    run_text = _format_datetime(run_iso, lang) if run_iso else MISSING
    fields = _regency_fields(values, lang)
    latest = _format_month(fields["latest_figure_month"], lang)
    age = fields["data_age_months"]
    quality = fields["start_quality"]
    data_text = latest or MISSING
    if age is not None:
        data_text += f" ({_l('months_old', lang).format(n=age)})"
    if quality:
        data_text += f", {_bl('quality', lang)}: {quality.lower()}"
    facts = [
        (_bl("target", lang), target),
        (_bl("run_date", lang), run_text),
        (_bl("data", lang), data_text),
    ]
    facts_html = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in facts)
    memo = values.get("memo") or []
    if isinstance(memo, str):
        memo = [memo]
    memo_html = "".join(f"<p>{_e(m)}</p>" for m in memo if str(m).strip())
    stale = (
        f'<p class="stale">⚠ {_e(_l("latest_figure", lang))} {_e(_l("stale_warning", lang))}</p>'
        if age is not None and age > STALE_AFTER_MONTHS
        else ""
    )

    tt_list = [t for t in values.get("time_to_target") or [] if isinstance(t, Mapping)]
    horizon = values.get("horizon_end") or DEFAULT_HORIZON_END
    deadlines = {_iso_month(t.get("main_deadline")) for t in tt_list} - {None}
    years = {_int_or_none(t.get("budget_year")) for t in tt_list} - {None}
    one_deadline = next(iter(deadlines)) if len(deadlines) == 1 else None
    if one_deadline:
        prob_head = _bl("prob", lang, month=_short_month(one_deadline, lang))
        cov_head = _bl("cov", lang, month=_short_month(one_deadline, lang))
    else:
        prob_head, cov_head = _bl("prob_main", lang), _bl("cov_main", lang)
    budget_head = (
        _bl("budget", lang, year=next(iter(years))) if len(years) == 1 else _bl("budget_any", lang)
    )
    show_desa = any(_float_or_none(t.get("appropriation_rp_per_desa")) for t in tt_list)
    head = (
        f"<tr><th>{_e(_l('scenario', lang))}</th><th>{_e(_bl('month', lang))}</th>"
        f'<th>{_e(_bl("range", lang))}</th><th class="num">{_e(prob_head)}</th>'
        f'<th class="num">{_e(cov_head)}</th><th class="num">{_e(budget_head)}</th>'
        + (f'<th class="num">{_e(_bl("per_desa", lang))}</th>' if show_desa else "")
        + "</tr>"
    )
    rows = []
    for tt in tt_list:
        median = _iso_month(tt.get("median_month"))
        reached = tt.get("status", "reached" if median else "not_reached") == "reached"
        reached = reached and median is not None
        when = (
            _format_month(median, lang)
            if reached
            else _not_reached_text(tt.get("horizon_end") or horizon, lang)
        )
        prob = _float_or_none(tt.get("prob_main_deadline"))
        prob_text = MISSING if prob is None else _format_pct(prob * 100, lang, 0)
        if one_deadline is None and tt.get("main_deadline"):
            prob_text += f" ({_short_month(tt.get('main_deadline'), lang)})"
        cells = [
            f'<td class="label">{_e(tt.get("scenario_label") or tt.get("scenario"))}</td>',
            f'<td class="{"when" if reached else "notreached"}">{_e(when)}</td>',
            f"<td>{_e(_brief_range(tt, tt.get('horizon_end') or horizon, lang))}</td>",
            f'<td class="num">{_e(prob_text)}</td>',
            f'<td class="num">{_e(_format_pct(tt.get("coverage_main_deadline_pct"), lang))}</td>',
            f'<td class="num">{_e(_format_rp(tt.get("appropriation_rp_per_year"), lang))}</td>',
        ]
        if show_desa:
            per_desa = _format_rp(tt.get("appropriation_rp_per_desa"), lang)
            cells.append(f'<td class="num">{_e(per_desa)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    table = (
        f'<table class="answer"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
        if rows
        else f"<p>{_e(_l('no_key_numbers', lang))}</p>"
    )
    report = record.get("html")
    where = (
        f'<p class="where">{_e(_bl("full_report", lang))}: <code>{_e(report)}</code> '
        f"{_e(_bl('full_report_where', lang))}.</p>"
        if report
        else ""
    )
    top = f"{regency} · {_l('run_date', lang)} {run_text}"
    page_css = (
        f"@page {{ @top-left {{ content: {_css_string(top)}; font: 7.5pt sans-serif; "
        "color: #52606d; } }"
    )
    body_cls = ' class="compact"' if compact else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="generator" content="ucj_analysis {_e(_package_version())}">
<title>{_e(_bl("kicker", lang))} — {_e(regency)}</title>
<style>{_BRIEF_CSS}{page_css}</style>
</head>
<body{body_cls}>
<div class="kicker">{_e(_bl("kicker", lang))}</div>
<h1>{_e(title)}</h1>
<dl class="facts">{facts_html}</dl>
<div class="memo">{memo_html}</div>
{stale}
<h2>{_e(_bl("answer", lang))}</h2>
{table}
<p class="howto">{_e(_bl("how_to_read", lang))}</p>
{where}
<p class="build">{_e(_l("generated_by", lang))} ucj_analysis {_e(_package_version())}</p>
</body>
</html>
"""
