"""Write the report notebooks in ``notebooks/`` (outputs stripped).

The notebooks are generated so that their structure stays consistent (one ``parameters`` cell of
typed, commented literals; every other code cell a single call into ``ucj_analysis.report``).
Edit this script, run ``.venv/bin/python tools/make_notebooks.py``, and commit both.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]

COMMON = """data_dir: str = ""  # folder with your own data files (empty: embedded data) / folder data Anda
lang: str = "id"  # report language: "id" (Bahasa Indonesia) or "en" (English)"""


def notebook(title: str, params: str, cells: list[str]) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "ucj",
        "display_name": "Python (ucj)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    head = new_markdown_cell(title)
    head.metadata["tags"] = ["remove-cell"]  # for JupyterLab; the HTML report has its own header
    nb.cells.append(head)
    p = new_code_cell(params.strip())
    p.metadata["tags"] = ["parameters"]
    nb.cells.append(p)
    names = [line.split(":", 1)[0].strip() for line in params.strip().splitlines()]
    checked = ",\n    ".join(f"{n}={n}" for n in names if n and not n.startswith("#"))
    nb.cells.append(
        new_code_cell(
            "from ucj_analysis.parameters import check_parameters\n\n"
            f"check_parameters(\n    {checked},\n)"
        )
    )
    for src in cells:
        if src.startswith("md:"):
            nb.cells.append(new_markdown_cell(src[3:].strip()))
        elif src.startswith("note:"):  # the analysis told in Indonesian, for JupyterLab only
            cell = new_markdown_cell(src[5:].strip())
            cell.metadata["tags"] = ["remove-cell"]
            nb.cells.append(cell)
        elif src.startswith("inspect:"):  # an intermediate result to look at, not in the report
            cell = new_code_cell(src[8:].strip())
            cell.metadata["tags"] = ["remove-cell"]
            nb.cells.append(cell)
        else:
            nb.cells.append(new_code_cell(src.strip()))
    for i, cell in enumerate(nb.cells):  # stable ids: regenerating writes identical files
        cell["id"] = f"cell-{i:02d}"
    return nb


AUDIT = notebook(
    "**01 · Audit data** — sumber dan kualitas setiap angka / *sources and quality of every "
    "figure*. Ubah parameter di sel berikut, lalu *Run All*.",
    COMMON,
    [
        "from ucj_analysis import report\n\naudit = report.data_audit(data_dir, lang)\n"
        'report.section("audit.title", lang)',
        'report.section("audit.datasets", lang)',
        "audit.datasets_table()",
        'report.section("audit.regencies", lang)',
        "audit.regency_table()",
        'report.section("audit.gaps", lang)',
        "audit.gaps_table()",
        'report.section("audit.conflicts", lang)',
        "audit.conflicts_table()",
        'report.section("audit.coverage", lang)',
        "audit.coverage_table()",
        'report.section("audit.targets", lang)',
        "audit.targets_table()",
        'report.section("audit.assumptions", lang)',
        "audit.assumptions_table()",
        "audit.record_key_numbers()",
    ],
)

FORECAST_PARAMS = (
    """regency: str = "Konawe"  # regency name / nama kabupaten
target_pct: float = 99.5  # coverage target [%]
deadlines: list = []  # deadlines [YYYY-MM] (empty: end of the first budget year, 2030-12, 2045-12)
scenarios: list = []  # preset names and/or a scenario YAML path (empty list: all presets)
horizon_end: str = "2045-12"  # last projected month [YYYY-MM]
n_draws: int = 1000  # Monte Carlo draws
seed: int = 20251  # random seed (same seed, same numbers)
as_of: str = ""  # run date [YYYY-MM-DD] (empty: today)
budget_start: str = ""  # first month scenarios act [YYYY-MM] (empty: January after as_of)
"""
    + COMMON
)

FORECAST = notebook(
    "**02 · Proyeksi kabupaten** — kapan target UCJ tercapai, per skenario anggaran, dan berapa "
    "anggaran yang harus disiapkan. Ubah parameter di sel berikut (dan, bila perlu, sel asumsi), "
    "lalu *Run All*. Sel yang bertanda `remove-cell` hanya tampil di JupyterLab, tidak di laporan "
    "HTML.",
    FORECAST_PARAMS,
    [
        "note:## Langkah 1 · Data dan titik awal\n"
        "Angka cakupan terakhir kabupaten, dengan sumber dan tanda kualitasnya (teramati, "
        "turunan, asumsi). Proyeksi dimulai dari angka ini; bulan sesudahnya sampai hari ini "
        "adalah *perkiraan kini*, bukan data.",
        "inspect:from ucj_analysis import report\n\n"
        "data = report.bundle(data_dir)\n"
        "cakupan = data.coverage.frame\n"
        'cakupan[cakupan["regency"] == data.regency(regency)]',
        "note:## Langkah 2 · Asumsi yang boleh Anda ubah\n"
        "Asumsi yang paling menentukan jawaban. Kosong = nilai dan rentang dari "
        "`data/assumptions.csv`. Isi satu angka (tanpa sebaran) atau `(rendah, tengah, tinggi)` "
        "(diambil acak per simulasi). Contoh: "
        '`{"enrolment_pace_per_village_month": (4, 8.33, 12), "arrears_share_pct": 20}`. '
        "Nama yang bisa dipakai: `report.EDITABLE_ASSUMPTIONS`.",
        "asumsi = {}  # nama asumsi -> angka, atau (rendah, tengah, tinggi)",
        "note:## Langkah 3 · Tren dan simulasi\n"
        "Tren organik dihitung dari data kabupaten, provinsi dan proksi nasional; lalu simulasi "
        "Monte Carlo bulanan per skenario, mulai anggaran tahun depan.",
        "from ucj_analysis import report\n\n"
        "fc = report.regency_forecast(\n    regency, target_pct=target_pct, deadlines=deadlines, "
        "scenarios=scenarios,\n    horizon_end=horizon_end, n_draws=n_draws, seed=seed, "
        "data_dir=data_dir, lang=lang,\n    as_of=as_of, budget_start=budget_start, "
        "assumptions=asumsi,\n)\n"
        'report.section("forecast.title", lang, regency=fc.title)',
        "inspect:fc.trend.slope_mean, fc.trend.slope_sd, fc.trend.backtest_basis",
        "note:## Langkah 4 · Jawaban\n"
        "Satu baris per skenario: bulan target tercapai (median, P10–P90), peluang per tenggat, "
        "cakupan pada tenggat utama, dan anggaran tahun pertama.",
        "fc.answer()",
        "inspect:fc.answers()  # angka lengkap di balik tabel jawaban",
        "note:### Bagaimana jika …?\n"
        "Panel di bawah menjawab pertanyaan rapat tanpa *Run All*: geser bagian ADD/DD, kuota per "
        "desa, APBD, tahun mulai, desa menunggak, realisasi, laju pendaftaran, target atau tenggat; "
        "tabel jawaban dan grafik diperbarui dalam waktu kurang dari satu detik. Tombol *Simpan "
        "sebagai skenario YAML* menulis berkas skenario yang bisa dijalankan batch "
        '(`scenarios=["berkas.yaml"]`). Panel hanya tampil di JupyterLab, tidak di laporan HTML.',
        "inspect:from ucj_analysis.whatif_widgets import panel\n\n"
        "panel(fc)  # ubah kontrol: jawaban diperbarui tanpa Run All",
        'report.section("forecast.lines", lang)',
        "fc.budget_lines_table()",
        'report.section("forecast.targets", lang)',
        "fc.targets_table()",
        'report.section("forecast.inputs", lang)',
        "fc.inputs_table()",
        "note:## Langkah 5 · Grafik\n"
        "Proyeksi cakupan, waktu mencapai target, dan anggaran per tahun.",
        'report.section("forecast.fan", lang)',
        "fc.fan_chart()",
        'report.section("forecast.ttt", lang)',
        "fc.time_to_target_chart()",
        'report.section("forecast.cost", lang)',
        "fc.cost_table()",
        "fc.cost_chart()",
        "note:## Langkah 6 · Anggaran minimum, tunggakan, dan ketepatan tren",
        'report.section("forecast.budget", lang)',
        "fc.budget_table()",
        'report.section("forecast.arrears", lang)',
        "fc.arrears_table()",
        'report.section("forecast.method", lang)',
        "fc.method_text()",
        "fc.backtest_basis_text()",
        "fc.backtest_table()",
        "fc.record_key_numbers()",
    ],
)

BUDGET_PARAMS = (
    """regency: str = "Konawe"  # regency name / nama kabupaten
target_pct: float = 99.5  # coverage target [%]
deadline: str = "2030-12"  # deadline for coverage gains and cost per point [YYYY-MM]
payer: str = "regency"  # who pays the traced budget: "regency" (APBD, targeted) or "village"
scenarios: list = []  # preset names and/or a scenario YAML path (empty list: all presets)
horizon_end: str = "2045-12"  # last projected month [YYYY-MM]
n_draws: int = 1000  # Monte Carlo draws (the same as the forecast, so both show one set of numbers)
seed: int = 20251  # random seed (same seed, same numbers)
as_of: str = ""  # run date [YYYY-MM-DD] (empty: today)
budget_start: str = ""  # first month scenarios act [YYYY-MM] (empty: January after as_of)
"""
    + COMMON
)

BUDGET = notebook(
    "**03 · Skenario anggaran** — kurva anggaran, biaya per poin cakupan, sensitivitas / "
    "*budget curve, cost per coverage point, sensitivity*.",
    BUDGET_PARAMS,
    [
        "from ucj_analysis import report\n\n"
        "study = report.budget_study(\n    regency, target_pct=target_pct, deadline=deadline, payer=payer, "
        "scenarios=scenarios,\n    horizon_end=horizon_end, n_draws=n_draws, seed=seed, "
        "data_dir=data_dir, lang=lang,\n    as_of=as_of, budget_start=budget_start,\n)\n"
        'report.section("budget.title", lang, regency=study.forecast.title)',
        "study.forecast.answer()",
        'report.section("budget.curve", lang)',
        "study.budget_curve_chart()",
        "study.budget_curve_table()",
        'report.section("budget.levers", lang)',
        "study.levers_table()",
        'report.section("budget.tornado", lang)',
        "study.tornado_note()",
        "study.tornado_chart()",
        "study.record_key_numbers()",
    ],
)

PORTFOLIO_PARAMS = (
    """scenarios: list = ["trend_only", "add_10", "fund_gap"]  # scenarios compared (preset names)
rank_by: str = "fund_gap"  # scenario that orders the ranking
target_pct: float = 99.5  # coverage target [%]
deadline: str = "2030-12"  # deadline for probabilities and budgets [YYYY-MM]
horizon_end: str = "2045-12"  # last projected month [YYYY-MM]
n_draws: int = 1000  # Monte Carlo draws (the same as the forecast, so both show one set of numbers)
seed: int = 20251  # random seed (same seed, same numbers)
as_of: str = ""  # run date [YYYY-MM-DD] (empty: today)
budget_start: str = ""  # first month scenarios act [YYYY-MM] (empty: January after as_of)
"""
    + COMMON
)

PORTFOLIO = notebook(
    "**04 · Portofolio** — semua kabupaten berdampingan / *all regencies side by side*.",
    PORTFOLIO_PARAMS,
    [
        "from ucj_analysis import report\n\n"
        "pf = report.portfolio(\n    scenarios=scenarios, rank_by=rank_by, target_pct=target_pct, deadline=deadline, "
        "horizon_end=horizon_end,\n    n_draws=n_draws, seed=seed, data_dir=data_dir, lang=lang, as_of=as_of,\n"
        "    budget_start=budget_start,\n)\n"
        'report.section("portfolio.title", lang)',
        'report.section("portfolio.ranking", lang)',
        "pf.ranking_table()",
        'report.section("portfolio.chart", lang)',
        "pf.chart()",
        "pf.record_key_numbers()",
    ],
)


def main(out: Path | None = None) -> None:
    """Write the notebooks into ``out`` (default: the repository's ``notebooks/``)."""
    out = Path(out) if out is not None else ROOT / "notebooks"
    out.mkdir(parents=True, exist_ok=True)
    for name, nb in {
        "01_data_audit": AUDIT,
        "02_regency_forecast": FORECAST,
        "03_budget_scenarios": BUDGET,
        "04_portfolio": PORTFOLIO,
    }.items():
        nbformat.validate(nb)
        nbformat.write(nb, out / f"{name}.ipynb")


if __name__ == "__main__":
    main()
