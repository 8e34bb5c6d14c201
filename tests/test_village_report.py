"""The village section of the forecast report, its top-up table and the village Excel sheet.

A real batch (``python -m ucj_analysis batch``, notebook 02, 100 draws, run date 29 November
2026) on the SINTETIS example folder ``data/templates/contoh_desa`` for "Sintetis 001" (a
synthetic regency with a village file: 26 desa and 4 kelurahan, 26 of them with an uncovered
figure) and for Konawe (embedded data, no village file), built once per module.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ucj_analysis import i18n, plots, report
from ucj_analysis.engine import solve_topup
from ucj_analysis.render import village_sheet
from ucj_analysis.report import villages as rv

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "data" / "templates" / "contoh_desa"
RUN_DATE = "2026-11-29"
DRAWS = 100
VILLAGE_SCENARIOS = ["add_5", "add_10", "quota_100_per_desa", "arrears_stress"]
#: rows of the example without an uncovered figure (from the regency-level assumptions)
ASSUMED = {"Desa Sintetis 06", "Desa Sintetis 12", "Desa Sintetis 24", "Kelurahan Sintetis 03"}


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("village_batch")
    spec = out.parent / "village_batch.yaml"
    spec.write_text(
        "notebooks:\n"
        f"  - path: {REPO / 'notebooks' / '02_regency_forecast.ipynb'}\n"
        '    regencies: ["Sintetis 001", "Konawe"]\n',
        encoding="utf-8",
    )
    cmd = [sys.executable, "-m", "ucj_analysis", "batch", str(spec), "--data-dir", str(EXAMPLE),
           "--out", str(out), "--set", f"n_draws={DRAWS}", "--set", f"as_of={RUN_DATE}",
           "--no-progress"]  # fmt: skip
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def records(batch) -> dict:
    manifest = json.loads((batch / "batch.json").read_text(encoding="utf-8"))
    out = {
        entry["regency"]: entry["records"]
        for entry in manifest["tasks"].values()
        if entry.get("notebook") == "02_regency_forecast"
    }
    assert set(out) == {"Sintetis 001", "Konawe"}, list(manifest["tasks"])
    return out


@pytest.fixture(scope="module")
def village_record(records) -> dict:
    return records["Sintetis 001"]["village_table"]


def test_report_holds_the_village_section(batch):
    html = (batch / "02_regency_forecast" / "sintetis-001.html").read_text(encoding="utf-8")
    assert "Desa demi desa: di mana kesenjangan tersisa" in html
    assert "26 desa/kelurahan dimodelkan dari data, 4 dari asumsi." in html
    assert "SINTETIS" in html
    for label in ("5 % ADD untuk iuran", "10 % ADD untuk iuran", "100 pekerja rentan per desa"):
        # the report shows the 20 largest gaps of the 30 villages; the sheet has all of them
        assert (
            f"{label}: 20 dari 30 desa/kelurahan dengan sisa kesenjangan terbesar pada "
            "Desember 2030 (semuanya di lembar Excel)"
        ) in html
        assert f"{label}: per kecamatan pada Desember 2030" in html
    assert "Top-up kabupaten (APBD) terkecil" in html and "Top-up tertarget" in html
    assert 'href="../desa/sintetis-001.xlsx"' in html
    # the chart, embedded with its phone variant and written as files beside the report
    assert i18n.t("chart.villages.alt", "id", deadline="Desember 2030", regency="Kabupaten "
                  "Sintetis 001", values="")[:60] in html  # fmt: skip
    files = sorted((batch / "02_regency_forecast" / "sintetis-001_grafik").glob("*"))
    assert [p.suffix for p in files if "kesenjangan-per-kecamatan" in p.name] == [".png", ".svg"]


def test_regency_without_village_file_shows_no_village_section(batch, records):
    html = (batch / "02_regency_forecast" / "konawe.html").read_text(encoding="utf-8")
    assert "Desa demi desa" not in html and "dimodelkan dari data" not in html
    assert "Top-up tertarget" not in html and "desa/konawe.xlsx" not in html
    assert "village_table" not in records["Konawe"]
    assert not (batch / "desa" / "konawe.xlsx").exists()
    grafik = batch / "02_regency_forecast" / "konawe_grafik"
    assert not any("kesenjangan" in p.name for p in grafik.glob("*"))


def test_recorded_village_table_counts_sorts_and_budgets(village_record):
    rec = village_record
    assert (rec["n_from_data"], rec["n_assumed"]) == (26, 4)
    assert rec["synthetic"] is True and rec["main_deadline"] == "2030-12"
    assert [s["scenario"] for s in rec["scenarios"]] == VILLAGE_SCENARIOS
    for sc in rec["scenarios"]:
        rows = sc["rows"]
        assert len(rows) == 30  # 26 desa + 4 kelurahan, the file lists every village
        gaps = [r["gap"] for r in rows]
        assert gaps == sorted(gaps, reverse=True)
        assert {r["village"] for r in rows if not r["from_data"]} == ASSUMED
        by = {r["village"]: r for r in rows}
        # kelurahan get no village money
        assert all(by[f"Kelurahan Sintetis 0{i}"]["rp_per_year"] == 0 for i in range(1, 5))
        assert by["Desa Sintetis 01"]["uncovered"] == 294  # the file's figure
        assert by["Desa Sintetis 04"]["paid_until"] == "2025-06"
        assert (by["Desa Sintetis 04"]["late_years"], by["Desa Sintetis 04"]["history_years"]) == (
            2,
            3,
        )
    by = {s["scenario"]: {r["village"]: r for r in s["rows"]} for s in rec["scenarios"]}
    # what a desa must budget, by hand: 10 % / 5 % of its own ADD (Rp 370 m for Desa 01), and
    # 100 workers x 12 months x Rp 16,800 = Rp 20,160,000 for the quota
    assert by["add_10"]["Desa Sintetis 01"]["rp_per_year"] == pytest.approx(37_000_000)
    assert by["add_5"]["Desa Sintetis 01"]["rp_per_year"] == pytest.approx(18_500_000)
    assert by["quota_100_per_desa"]["Desa Sintetis 13"]["rp_per_year"] == pytest.approx(20_160_000)
    # Desa 08 has no ADD in the file: the regency's ADD per desa, and the basis says so
    assert by["add_10"]["Desa Sintetis 08"]["basis"] == "asumsi: add_rp, dd_rp"
    assert by["add_10"]["Desa Sintetis 01"]["basis"] == "data"
    # the file's uncovered workers per kecamatan, summed by hand from desa.csv
    sums: dict[str, float] = {}
    for r in by["add_10"].values():
        sums[r["kecamatan"]] = sums.get(r["kecamatan"], 0) + (r["uncovered"] or 0)
    assert sums == {"Sintetis Utara": 4469, "Sintetis Tengah": 4005, "Sintetis Selatan": 2699}
    # a village's funded workers never exceed its uncovered pool; the gap is what is left
    for r in by["add_10"].values():
        assert r["funded"] >= 0 and r["gap"] >= 0


def test_topup_in_the_report_equals_the_solver(batch, village_record):
    """One set of numbers: the recorded and shown top-up is what solve_topup returns."""
    fc = report.regency_forecast(
        "Sintetis 001", n_draws=DRAWS, as_of=RUN_DATE, data_dir=str(EXAMPLE)
    )
    res = solve_topup(
        fc.inputs,
        {fc.regency: fc.trend.draws(DRAWS, fc.seed)},
        fc.scenarios["add_10"],
        target=fc.target,
        deadline="2045-12",
        probability=(0.5, 0.8),
        n_draws=DRAWS,
        seed=fc.seed,
        trend_damping=fc.damping,
        run_month=fc.when.run_month,
        budget_start=fc.when.budget_start,
    )
    s = res.summary.set_index("probability")
    assert bool(s.loc[0.5, "feasible"])
    top = {(t["scenario"], t["deadline"], t["probability"]): t for t in village_record["topup"]}
    # at the main deadline no top-up reaches 99.5 %: the table also shows the last deadline
    assert not top[("add_10", "2030-12", 0.5)]["feasible"]
    rec = top[("add_10", "2045-12", 0.5)]
    assert rec["topup_rp_per_year"] == float(s.loc[0.5, "topup_rp_per_year"])
    assert rec["villages_receiving"] == int(s.loc[0.5, "villages_receiving"])
    # targeting beats spreading: the same money spread evenly is less likely to reach it
    assert rec["even_probability_same_money"] < 0.5 <= rec["achieved_probability"]
    assert rec["topup_rp_per_year"] < rec["topup_even_rp_per_year"]
    html = (batch / "02_regency_forecast" / "sintetis-001.html").read_text(encoding="utf-8")
    assert i18n.format_budget(rec["topup_rp_per_year"], "id") in html
    # the per-village top-up of the table is the solver's allocation and sums to the total
    sc = next(x for x in village_record["scenarios"] if x["scenario"] == "add_10")
    assert (sc["topup_deadline"], sc["topup_probability"]) == ("2045-12", 0.5)
    v = res.villages[np.isclose(res.villages["probability"], 0.5)].set_index("name")
    for r in sc["rows"]:
        assert r["topup_rp_per_year"] == pytest.approx(v.loc[r["village"], "topup_rp_per_year"])
    total = sum(r["topup_rp_per_year"] for r in sc["rows"])
    assert total == pytest.approx(rec["topup_rp_per_year"], rel=1e-9)


def test_village_sheet_rows_numbers_and_safety(batch, village_record):
    from openpyxl import load_workbook

    path = batch / "desa" / "sintetis-001.xlsx"
    assert path.is_file()
    wb = load_workbook(path)
    labels = [s["scenario_label"] for s in village_record["scenarios"]]
    assert wb.sheetnames == [village_sheet._sheet_name(x, set()) for x in labels]
    ws = wb[wb.sheetnames[1]]  # 10 % ADD
    assert ws["A1"].value == "Lembar desa: Kabupaten Sintetis 001"
    assert ws["B2"].value == "10 % ADD untuk iuran"
    assert ws["B3"].value.date().isoformat() == RUN_DATE
    assert str(ws["A5"].value).startswith("SINTETIS")
    header = [c.value for c in ws[7]]
    assert header[:3] == ["Desa/kelurahan", "Kecamatan", "Kode desa"]
    rows = list(ws.iter_rows(min_row=8, values_only=True))
    assert len(rows) == 30
    col = {h: j for j, h in enumerate(header)}
    gap = [r[col["Sisa kesenjangan Des 2030 (median) [orang]"]] for r in rows]
    assert all(isinstance(g, int) for g in gap) and gap == sorted(gap, reverse=True)
    rp_col = col["Harus dianggarkan desa [Rp/tahun]"]
    assert all(isinstance(r[rp_col], float | int) for r in rows)
    by = {r[0]: r for r in rows}
    assert by["Desa Sintetis 01"][rp_col] == pytest.approx(37_000_000)
    assert by["Desa Sintetis 01"][col["Belum terlindungi (berkas) [orang]"]] == 294
    assert by["Desa Sintetis 06"][col["Belum terlindungi (berkas) [orang]"]] is None
    assert by["Desa Sintetis 04"][col["Iuran dibayar sampai"]].strftime("%Y-%m") == "2025-06"
    assert ws.cell(row=8, column=rp_col + 1).number_format == '"Rp "#,##0'
    for sheet in wb.worksheets:  # no formula anywhere; print set-up landscape, one page wide
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows == "$7:$7"
    index = (batch / "index.html").read_text(encoding="utf-8")
    assert 'href="desa/sintetis-001.xlsx"' in index


def test_sheet_text_is_never_a_formula(tmp_path):
    rec = {
        "regency": "=HYPERLINK(1)",
        "lang": "id",
        "run_date": RUN_DATE,
        "main_deadline": "2030-12",
        "scenarios": [
            {
                "scenario": "x",
                "scenario_label": "@x",
                "rows": [{"village": "=1+1", "kecamatan": "-2", "gap": 3.4, "uncovered": None}],
            }
        ],
    }
    from openpyxl import load_workbook

    p = tmp_path / "x.xlsx"
    p.write_bytes(village_sheet.village_sheet_bytes(rec))
    ws = load_workbook(p).worksheets[0]
    assert ws["A8"].value == "=1+1" and ws["A8"].data_type == "s" and ws["A8"].quotePrefix
    assert ws["B8"].value == "-2" and ws["B8"].data_type == "s"
    assert ws["H8"].value == 3  # persons as a whole number


def test_sheet_folder_is_the_one_the_report_links():
    assert rv.SHEET_DIR == village_sheet.SHEET_DIR
    assert rv.sheet_relpath("Tojo Una-Una") == village_sheet.sheet_relpath("tojo-una-una")


def _table(rows):
    base = {"regency": "R", "scenario": "s", "deadline": pd.Period("2030-12", "M"),
            "code": "", "is_kelurahan": False, "from_data": True, "villages": 1.0,
            "funded_own_p50": 0.0, "funded_topup_p50": 0.0, "places_own": 0.0,
            "topup_rp_per_year": 0.0, "paid_until": pd.NaT, "late_years": np.nan,
            "history_years": np.nan}  # fmt: skip
    f = pd.DataFrame([{**base, **r} for r in rows])
    f["paid_until"] = pd.array(list(f["paid_until"]), dtype="period[M]")
    return f


class _Rows:
    uncovered = np.array([100.0, np.nan, 50.0])
    fallback = ("", "uncovered, add_rp", "budget_rp")

    def __len__(self):
        return 3


def test_village_and_kecamatan_frames_by_hand():
    vt = _table(
        [
            {"row": 0, "name": "A", "kecamatan": "K1", "pool_p50": 80, "funded_p50": 30,
             "gap_p50": 50, "covers": False, "rp_per_year": 1e6, "arrears_share": 0.2},
            {"row": 1, "name": "B", "kecamatan": "K2", "pool_p50": 90, "funded_p50": 0,
             "gap_p50": 90, "covers": False, "rp_per_year": 0.0, "arrears_share": 0.1,
             "is_kelurahan": True, "from_data": False},
            {"row": 2, "name": "C", "kecamatan": "K1", "pool_p50": 40, "funded_p50": 40,
             "gap_p50": 0, "covers": True, "rp_per_year": 2e6, "arrears_share": 0.0},
            {"row": -1, "name": "", "kecamatan": "", "pool_p50": 0, "funded_p50": 0,
             "gap_p50": 0, "covers": True, "rp_per_year": 0.0, "arrears_share": 0.1,
             "villages": 0.0, "from_data": False},
        ]
    )  # fmt: skip
    f = rv.village_frame(vt, _Rows(), regency="R", scenario="s", deadline="2030-12",
                         topup=pd.Series([5.0, 7.0, 0.0, 0.0], index=[0, 1, 2, -1]))  # fmt: skip
    assert list(f["name"]) == ["B", "A", "C"]  # by gap; the empty unlisted row is dropped
    assert f.loc[0, "fallback"] == ("uncovered",)  # a kelurahan has no ADD: not a fallback
    assert f.loc[1, "fallback"] == () and list(f["topup_rp_per_year"]) == [7.0, 5.0, 0.0]
    assert np.isnan(f.loc[0, "uncovered"]) and f.loc[1, "uncovered"] == 100
    k = rv.kecamatan_frame(f).set_index("kecamatan")
    assert list(k.index) == ["K2", "K1"]
    assert k.loc["K1", "gap"] == 50 and k.loc["K1", "funded"] == 70
    assert k.loc["K1", "rp_per_year"] == 3e6 and k.loc["K1", "covers"] == 1
    assert k.loc["K1", "uncovered"] == 150 and np.isnan(k.loc["K2", "uncovered"])
    assert k.loc["K1", "topup_rp_per_year"] == 5.0


def test_gap_chart_has_a_legible_phone_variant():
    f = pd.DataFrame(
        {
            "kecamatan": [f"Kecamatan Nomor {i}" for i in range(15)] * 2,
            "scenario": ["add_5"] * 15 + ["add_10"] * 15,
            "gap": np.arange(30, dtype=float) * 10,
            "gap_kelurahan": [5.0] * 30,
        }
    )
    fig = plots.village_gap_chart(f, regency="Kabupaten X", deadline_label="Desember 2030")
    narrow = plots.phone_variant(fig)
    assert narrow is not None
    for g in (fig, narrow):
        g.canvas.draw()
    assert plots.smallest_text_pt(fig) >= plots.SMALL_PT
    # 362 CSS px column of a 390 px phone over a 3.8 in figure
    assert plots.smallest_text_pt(narrow) * 362 / (plots.NARROW_WIDTH * 72) >= 11.0
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == rv_top() + 1 and labels[-1] == "3 kecamatan lain"


def rv_top() -> int:
    from ucj_analysis.plots.villages import MAX_KECAMATAN

    return MAX_KECAMATAN
