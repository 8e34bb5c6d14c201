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

COMMON = """data_dir: str = ""  # folder berkas data Anda (kosong: data bawaan)
lang: str = "id"  # bahasa laporan: "id" (Bahasa Indonesia) atau "en" (English)"""


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
    "**01 · Audit data** — sumber dan kualitas setiap angka yang dipakai proyeksi. Ubah parameter "
    "di sel berikut, lalu *Run All*. Sel yang bertanda `remove-cell` hanya tampil di JupyterLab, "
    "tidak di laporan HTML.",
    COMMON,
    [
        "note:## Langkah 1 · Berkas data\n"
        "Setiap berkas yang dibaca (data bawaan dan folder Anda), jumlah barisnya, dan berapa "
        "angka yang teramati, turunan, atau asumsi.",
        "from ucj_analysis import report\n\naudit = report.data_audit(data_dir, lang)\n"
        'report.section("audit.title", lang)',
        'report.section("audit.datasets", lang)',
        "audit.datasets_table()",
        "note:## Langkah 2 · Kabupaten/kota dan kekosongan data\n"
        "Kabupaten/kota yang dikenal, angka yang belum ada (diisi asumsi), dan angka dari dua "
        "sumber yang tidak sama — dengan sumber yang dipakai.",
        'report.section("audit.regencies", lang)',
        "audit.regency_table()",
        'report.section("audit.gaps", lang)',
        "audit.gaps_table()",
        'report.section("audit.conflicts", lang)',
        "audit.conflicts_table()",
        "note:## Langkah 3 · Cakupan, target, dan asumsi\n"
        "Riwayat cakupan tiap wilayah, target yang berlaku, dan setiap asumsi dengan rentang "
        "(rendah–tinggi) dan sumbernya. Asumsi inilah yang menentukan lebar rentang proyeksi.",
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
    """regency: str = "Konawe"  # nama kabupaten/kota (atau kode Kemendagri, mis. 74.02)
target_pct: float = 99.5  # target cakupan [%]
deadlines: list = []  # tenggat [YYYY-MM] (kosong: akhir tahun anggaran pertama, 2030-12, 2045-12)
scenarios: list = []  # nama skenario bawaan dan/atau berkas skenario YAML (kosong: semua)
horizon_end: str = "2045-12"  # bulan proyeksi terakhir [YYYY-MM]
n_draws: int = 1000  # jumlah simulasi Monte Carlo
seed: int = 20251  # benih acak (benih sama, angka sama)
as_of: str = ""  # tanggal analisis [YYYY-MM-DD] (kosong: hari ini)
budget_start: str = ""  # bulan pertama skenario berlaku [YYYY-MM] (kosong: Januari sesudah as_of)
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
        "note:## Langkah 7 · Desa demi desa\n"
        "Hanya bila folder data memuat berkas desa (`desa.xlsx` / `desa.csv`): berapa desa "
        "dimodelkan dari data dan berapa dari asumsi, lalu per skenario aturan desa (ADD, kuota, "
        "anggaran APBDes) desa-desa diurutkan menurut sisa kesenjangan pada tenggat utama, apa "
        "yang harus dianggarkan tiap desa, apakah uangnya cukup, status iurannya; ringkasan per "
        "kecamatan, grafiknya, dan top-up APBD terkecil yang diarahkan ke desa dibandingkan "
        "dengan uang yang sama dibagi rata. Batch menulis lembar Excel `desa/<kabupaten>.xlsx` "
        "untuk kantor PMD. Tanpa berkas desa sel-sel ini tidak menampilkan apa pun; untuk kota "
        "tanpa desa, tuas mana yang berlaku.",
        "fc.villages.summary_text()",
        "fc.villages.table()",
        "fc.villages.kecamatan_table()",
        "fc.villages.chart()",
        "fc.villages.topup_table()",
        "fc.villages.record_key_numbers()",
        "fc.record_key_numbers()",
    ],
)

BUDGET_PARAMS = (
    """regency: str = "Konawe"  # nama kabupaten/kota (atau kode Kemendagri, mis. 74.02)
target_pct: float = 99.5  # target cakupan [%]
deadline: str = "2030-12"  # tenggat untuk kenaikan cakupan dan biaya per poin [YYYY-MM]
payer: str = "regency"  # pembayar anggaran yang ditelusuri: "regency" (APBD, tepat sasaran) atau "village" (desa)
scenarios: list = []  # nama skenario bawaan dan/atau berkas skenario YAML (kosong: semua)
horizon_end: str = "2045-12"  # bulan proyeksi terakhir [YYYY-MM]
n_draws: int = 1000  # jumlah simulasi (sama dengan proyeksi: satu set angka di semua laporan)
seed: int = 20251  # benih acak (benih sama, angka sama)
as_of: str = ""  # tanggal analisis [YYYY-MM-DD] (kosong: hari ini)
budget_start: str = ""  # bulan pertama skenario berlaku [YYYY-MM] (kosong: Januari sesudah as_of)
"""
    + COMMON
)

BUDGET = notebook(
    "**03 · Skenario anggaran** — berapa anggaran yang dibutuhkan, berapa biaya per poin cakupan, "
    "dan asumsi mana yang paling mengubah jawaban. Ubah parameter di sel berikut, lalu *Run All*.",
    BUDGET_PARAMS,
    [
        "note:## Langkah 1 · Jawaban proyeksi\n"
        "Tabel jawaban yang sama dengan laporan proyeksi (02): satu set angka di semua laporan.",
        "from ucj_analysis import report\n\n"
        "study = report.budget_study(\n    regency, target_pct=target_pct, deadline=deadline, payer=payer, "
        "scenarios=scenarios,\n    horizon_end=horizon_end, n_draws=n_draws, seed=seed, "
        "data_dir=data_dir, lang=lang,\n    as_of=as_of, budget_start=budget_start,\n)\n"
        'report.section("budget.title", lang, regency=study.forecast.title)',
        "study.forecast.answer()",
        "note:## Langkah 2 · Kurva anggaran\n"
        "Cakupan pada tenggat untuk setiap besaran anggaran per tahun, dengan rentang P10–P90, "
        "dan anggaran terkecil yang mencapai target.",
        'report.section("budget.curve", lang)',
        "study.budget_curve_chart()",
        "study.budget_curve_table()",
        "note:## Langkah 3 · Tuas anggaran dan sensitivitas\n"
        "Biaya per poin cakupan tiap tuas (bagian ADD/DD, kuota per desa, APBD), lalu asumsi yang "
        "paling mengubah jawaban bila digeser dari batas rendah ke batas tingginya.",
        'report.section("budget.levers", lang)',
        "study.levers_table()",
        'report.section("budget.tornado", lang)',
        "study.tornado_note()",
        "study.tornado_chart()",
        "study.record_key_numbers()",
    ],
)

PORTFOLIO_PARAMS = (
    """scenarios: list = ["trend_only", "add_10", "fund_gap"]  # skenario yang dibandingkan (nama bawaan)
rank_by: str = "fund_gap"  # skenario penentu urutan peringkat
target_pct: float = 99.5  # target cakupan [%]
deadline: str = "2030-12"  # tenggat untuk peluang dan anggaran [YYYY-MM]
horizon_end: str = "2045-12"  # bulan proyeksi terakhir [YYYY-MM]
n_draws: int = 1000  # jumlah simulasi (sama dengan proyeksi: satu set angka di semua laporan)
seed: int = 20251  # benih acak (benih sama, angka sama)
as_of: str = ""  # tanggal analisis [YYYY-MM-DD] (kosong: hari ini)
budget_start: str = ""  # bulan pertama skenario berlaku [YYYY-MM] (kosong: Januari sesudah as_of)
"""
    + COMMON
)

PORTFOLIO = notebook(
    "**04 · Portofolio** — semua kabupaten/kota berdampingan: siapa yang paling dekat ke target "
    "dan di mana anggaran paling berpengaruh. Ubah parameter di sel berikut, lalu *Run All*.",
    PORTFOLIO_PARAMS,
    [
        "note:## Langkah 1 · Simulasi semua wilayah\n"
        "Setiap wilayah disimulasikan dengan skenario, tenggat, dan jumlah simulasi yang sama; "
        "angkanya sama dengan laporan proyeksi (02) tiap wilayah.",
        "from ucj_analysis import report\n\n"
        "pf = report.portfolio(\n    scenarios=scenarios, rank_by=rank_by, target_pct=target_pct, deadline=deadline, "
        "horizon_end=horizon_end,\n    n_draws=n_draws, seed=seed, data_dir=data_dir, lang=lang, as_of=as_of,\n"
        "    budget_start=budget_start,\n)\n"
        'report.section("portfolio.title", lang)',
        "note:## Langkah 2 · Peringkat dan grafik\n"
        "Urutan menurut median waktu tercapai pada skenario `rank_by`; wilayah yang tidak "
        "mencapai target sebelum akhir proyeksi ada di bawah.",
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
