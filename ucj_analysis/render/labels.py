"""Label texts of the pages and tables built here, in Indonesian (``id``) and English (``en``).

One catalogue: report header, footer, banner and error box, the index page, the one-page
summary (:data:`_BRIEF_LABELS`) and the sheet names of summary.xlsx. Column headers of the
summary tables sit with the tables (:mod:`ucj_analysis.render.summary`,
:mod:`ucj_analysis.render.spreadsheet`).
"""

from __future__ import annotations

from typing import Any

__all__ = ["MISSING"]

#: shown for a missing value
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
    "observed": {"id": "Teramati", "en": "Observed"},
    "derived": {"id": "Turunan", "en": "Derived"},
    "assumed": {"id": "Asumsi", "en": "Assumed"},
    "chart_files": {"id": "Unduh grafik", "en": "Download the charts"},
    "chart_files_help": {
        "id": "Setiap grafik laporan ini sebagai berkas PNG (untuk dokumen) dan SVG (untuk slide; "
        "tetap tajam pada ukuran berapa pun).",
        "en": "Every chart of this report as a PNG file (for documents) and an SVG file (for "
        "slides; sharp at any size).",
    },
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
    "chart": {"id": "Grafik", "en": "Chart"},
    "page": {"id": "Halaman", "en": "Page"},
    "page_of": {"id": "dari", "en": "of"},
    "appropriation": {"id": "Anggaran per tahun", "en": "Budget per year"},
    "latest_figure": {"id": "Angka terbaru", "en": "Latest figure"},
    "months_old": {"id": "{n} bulan lalu", "en": "{n} months old"},
    "assumed_start": {"id": "angka awal asumsi", "en": "assumed starting figure"},
    "stale_warning": {
        "id": "lebih dari 12 bulan: perbarui data",
        "en": "over 12 months old: update the data",
    },
}

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


def _lang(lang: str) -> str:
    """``lang`` itself when it is ``"id"`` or ``"en"``; ValueError otherwise."""
    if lang not in ("id", "en"):
        raise ValueError(f"lang must be 'id' or 'en', got {lang!r}")
    return lang


def _l(key: str, lang: str) -> str:
    """Label ``key`` in ``lang``."""
    return _LABELS[key][lang]


def _bl(key: str, lang: str, **kw: Any) -> str:
    text = _BRIEF_LABELS[key][lang]
    return text.format(**kw) if kw else text


def _status_label(status: str, lang: str) -> str:
    key = {"ok": "status_ok", "failed": "status_failed", "skipped": "status_skipped"}.get(status)
    return _l(key, lang) if key else str(status)


def _notebook_label(stem: str, lang: str) -> str:
    return _NOTEBOOK_LABELS.get(stem, {}).get(lang, stem)


def _quality_label(value: Any, lang: str) -> str | None:
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return None
    key = str(value).strip().lower()
    return _l(key, lang) if key in ("observed", "derived", "assumed") else str(value)
