"""The village file: dataset, template and its synthetic example, ready-to-fill file, matching."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from ucj_analysis.cli import app
from ucj_analysis.errors import DataValidationError
from ucj_analysis.inputs import build_regency_inputs
from ucj_analysis.loaders import (
    DATASETS,
    OPTIONAL_DATASETS,
    load_bundle,
    read_regencies,
    read_table,
    village_rows,
)
from ucj_analysis.official_villages import (
    list_villages,
    match_villages,
    village_by_code,
    village_code,
    village_key,
)
from ucj_analysis.village_file import HEADERS, blank_rows, write_village_file

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "data" / "templates"
EXAMPLE = TEMPLATES / "contoh_desa"
ALL_FALLBACK = (
    "uncovered, funded_now, add_rp, dd_rp, budget_rp, paid_until, late_years, history_years"
)
KEL_FALLBACK = "uncovered, funded_now, budget_rp, paid_until, late_years, history_years"


def _write(folder: Path, name: str, rows: list[list[str]]) -> Path:
    path = folder / name
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return path


def _problems(folder: Path) -> list:
    with pytest.raises(DataValidationError) as info:
        load_bundle(folder)
    return info.value.problems


def _phrase(problem) -> str:
    """What is wrong, in Indonesian: the problem's text before its expectation."""
    head, sep, _ = problem.text("id").partition("; seharusnya ")
    assert sep, problem.text("id")
    return head


# ------------------------------------------------------------------------------ official list
@pytest.mark.parametrize(
    ("code", "n_desa", "n_kelurahan"),
    [("74.02", 291, 57), ("72.09", 134, 12), ("74.71", 0, 65)],
)
def test_official_counts_and_ready_to_fill_rows(code, n_desa, n_kelurahan):
    villages = list_villages(code)
    assert sum(v.type == "desa" for v in villages) == n_desa
    assert sum(v.type == "kelurahan" for v in villages) == n_kelurahan
    rows = blank_rows(code)
    assert len(rows) == n_desa + n_kelurahan
    assert (rows["village_type"] == "desa").sum() == n_desa
    assert rows["code"].str.startswith(code + ".").all()
    assert rows["uncovered"].isna().all() and rows["budget_rp"].isna().all()


def test_village_codes_keys_and_lookup():
    assert village_code("7209012005") == "72.09.01.2005"
    assert village_code("72.09.01.2005") == "72.09.01.2005"
    assert village_code("72.09") is None
    assert village_key("Desa Una-Una") == village_key("KEL. una una") == "unauna"
    v = village_by_code("72.09.01.2005")
    assert (v.name, v.type, v.kecamatan, v.regency_code) == (
        "Taningkola",
        "desa",
        "Una Una",
        "72.09",
    )
    assert village_by_code("72.09.01.9999") is None
    assert [m.code for m in match_villages("72.09", "desa TANINGKOLA")] == ["72.09.01.2005"]


# ------------------------------------------------------------------------ dataset declaration
def test_villages_is_an_optional_dataset_absent_from_the_embedded_data():
    assert "villages" in OPTIONAL_DATASETS and "villages" not in DATASETS
    bundle = load_bundle()
    assert bundle.villages is None
    assert "villages" not in set(bundle.provenance()["dataset"])
    assert build_regency_inputs(bundle, "Konawe").villages is None
    assert village_rows(bundle, "Konawe") is None


# -------------------------------------------------------------------- template and example
def test_template_example_loads_with_its_synthetic_regency():
    assert (EXAMPLE / "desa.csv").read_bytes() == (TEMPLATES / "villages_template.csv").read_bytes()
    bundle = load_bundle(EXAMPLE)
    frame = bundle.villages.frame
    assert len(frame) == 30 and set(frame["regency"]) == {"Sintetis 001"}
    assert frame["kecamatan"].nunique() == 3
    assert frame["note"].str.startswith("SINTETIS").all()
    figures = frame["uncovered"].notna()
    assert set(frame.loc[figures, "source"]) == {"synthetic"}
    assert set(frame.loc[figures, "quality"].astype(str)) == {"assumed"}

    rows = build_regency_inputs(bundle, "Sintetis 001").villages
    assert len(rows) == 30
    assert int(rows.is_kelurahan.sum()) == 4
    assert rows.n_from_data == 26  # 30 rows, 3 without workers, 1 without any figure
    assert rows.data_month == pd.Period("2025-11", "M")
    # four villages in arrears: paid until a month before the December 2025 deadline
    deadline = pd.Period("2025-12", "M").ordinal
    assert int((rows.paid_until < deadline).sum()) == 4
    # budget given as 5 % of ADD: Desa Sintetis 02 has ADD Rp 436,000,000
    i = rows.name.index("Desa Sintetis 02")
    assert rows.add_rp[i] == 436_000_000 and rows.budget_rp[i] == 21_800_000
    assert "budget_rp = persen_add × add_rp" in frame.loc[i, "note"]
    # the row without figures falls back on everything; kelurahan have no ADD / DD of their own
    assert rows.fallback[rows.name.index("Desa Sintetis 24")] == ALL_FALLBACK
    k = rows.name.index("Kelurahan Sintetis 01")
    assert rows.add_rp[k] == 0 and rows.dd_rp[k] == 0
    assert "add_rp" not in rows.fallback[k]
    assert rows.fallback[rows.name.index("Desa Sintetis 06")] == "uncovered"


def test_template_workbook_matches_the_csv_and_says_synthetic():
    registry = read_regencies(EXAMPLE).frame
    from_csv = read_table(TEMPLATES / "villages_template.csv", "villages", regencies=registry)
    from_xlsx = read_table(TEMPLATES / "villages_template.xlsx", "villages", regencies=registry)
    pd.testing.assert_frame_equal(from_csv.frame, from_xlsx.frame)
    wb = openpyxl.load_workbook(TEMPLATES / "villages_template.xlsx")
    assert wb.sheetnames == ["desa", "catatan"]
    assert wb["catatan"]["A1"].value.startswith("CONTOH SINTETIS — BUKAN DATA NYATA")


# ------------------------------------------------------------------ ready-to-fill file (ucj desa)
@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_ready_to_fill_file_loads_back_unchanged(tmp_path, suffix):
    write_village_file("72.09", tmp_path / f"desa.{suffix}", registry=read_regencies().frame)
    bundle = load_bundle(tmp_path)
    assert bundle.regency_names == ["Konawe", "Banggai", "Tojo Una-Una"]  # no new regency
    rows = village_rows(bundle, "Tojo Una Una")
    official = list_villages("72.09")
    assert rows.regency == "Tojo Una-Una"
    assert list(rows.code) == [v.code for v in official]
    assert list(rows.name) == [v.name for v in official]
    assert int(rows.is_kelurahan.sum()) == 12 and len(rows) == 146
    assert rows.n_from_data == 0 and rows.data_month is None
    expected = [KEL_FALLBACK if v.type == "kelurahan" else ALL_FALLBACK for v in official]
    assert list(rows.fallback) == expected
    assert np.isnan(rows.uncovered).all() and np.isnan(rows.paid_until).all()
    assert build_regency_inputs(bundle, "Tojo Una-Una").villages.code == rows.code


def test_ready_to_fill_workbook_has_validation_and_a_note(tmp_path):
    path = write_village_file("74.02", tmp_path / "desa.xlsx", registry=read_regencies().frame)
    wb = openpyxl.load_workbook(path)
    ws = wb["desa"]
    assert [c.value for c in ws[1]] == list(HEADERS.values())
    assert ws.max_row == 1 + 348
    letter = {h: openpyxl.utils.get_column_letter(j) for j, h in enumerate(HEADERS, start=1)}
    rules = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            assert rng.endswith(str(1 + 348 + 50))  # the villages and 50 spare rows
            rules[re.match(r"[A-Z]+", rng).group()] = dv
    counts = rules[letter["uncovered"]]
    assert (counts.type, counts.operator, counts.formula1) == ("whole", "greaterThanOrEqual", "0")
    money = rules[letter["add_rp"]]
    assert (money.type, money.operator, money.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert rules[letter["budget_pct_add"]].formula2 == "100"
    assert rules[letter["village_type"]].type == "list"
    assert rules[letter["village_type"]].formula1 == '"desa,kelurahan"'
    assert rules[letter["paid_until"]].type == "date"
    assert rules[letter["quality"]].formula1 == '"teramati,turunan,asumsi"'
    note = "\n".join(str(c.value or "") for c in wb["catatan"]["A"])
    assert "Kepmendagri 300.2.2-2138/2025" in note
    assert "291 desa dan 57 kelurahan" in note
    # Konawe: the registry's 297 desa (2025 news report) differ; the file uses the list
    assert "daftar resmi 291" in note and "297" in note and "memakai daftar resmi" in note


def test_cli_desa_writes_a_city_file_and_refuses_unknown_names(tmp_path):
    runner = CliRunner()
    out = tmp_path / "desa.xlsx"
    result = runner.invoke(app, ["desa", "74.71", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "0 desa + 65 kelurahan" in result.output
    bundle = load_bundle(tmp_path)  # Kota Kendari gets its registry row from the list
    rows = village_rows(bundle, "Kota Kendari")
    assert len(rows) == 65 and rows.is_kelurahan.all()
    again = runner.invoke(app, ["desa", "74.71", "--out", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    unknown = runner.invoke(app, ["desa", "Kabupaten Tidak Ada", "--out", str(tmp_path / "x.xlsx")])
    assert unknown.exit_code == 2 and "tidak dikenal" in unknown.output


# ------------------------------------------------------------------------------ bad input
_HEAD = ["kabupaten", "kecamatan", "nama_desa", "kode_desa", "jenis",
         "pekerja_belum_terlindungi", "add_rp", "dibayar_sampai", "tahun_terlambat",
         "tahun_diketahui", "sumber", "kualitas"]  # fmt: skip


def test_every_problem_of_a_village_file_at_once(tmp_path):
    _write(tmp_path, "desa.csv", [
        _HEAD,
        ["Tojo Una-Una", "", "Taningkola", "", "", "120", "", "2025-12", "0", "2", "PMD", "asumsi"],
        ["Tojo Una-Una", "", "Taningkolla", "", "", "", "", "", "", "", "", ""],
        ["Tojo Una-Una", "", "Bambu", "", "", "-5", "", "", "", "", "PMD", "teramati"],
        ["Tojo Una-Una", "", "Awuliti", "74.02.01.2006", "", "", "", "", "", "", "", ""],
        ["Tojo Una-Una", "", "Moengko Lama", "", "", "", "", "", "", "", "", ""],
        ["Tojo Una-Una", "", "Wakai", "", "", "10", "", "Desember", "", "", "PMD", "teramati"],
        ["Tojo Una-Una", "Una Una", "Kololio", "", "", "", "", "", "", "", "", ""],
        ["Tojo Una-Una", "", "Cendana", "", "", "", "", "", "3", "1", "PMD", ""],
    ])  # fmt: skip
    got = {(p.row, p.canonical, _phrase(p)) for p in _problems(tmp_path)}
    kololio = match_villages("72.09", "Kololio")[0]
    assert kololio.kecamatan == "Togean"
    assert got == {
        (3, "village", "desa tidak dikenal"),
        (4, "uncovered", "pekerja belum terlindungi tidak boleh negatif"),
        (5, "code", "desa dari kabupaten lain"),
        (6, "village", "desa dari kabupaten lain"),
        (7, "paid_until", "format bulan tidak dikenal"),
        (8, "kecamatan", "kecamatan tidak sesuai dengan daftar resmi"),
        (9, "late_years", "tahun terlambat melebihi tahun diketahui"),
        (9, "quality", "kualitas wajib diisi bila baris berisi angka"),
    }
    by_row = {p.row: p for p in _problems(tmp_path)}
    assert "did you mean 'Taningkola' (72.09.01.2005)?" in by_row[3].text("en")
    assert "maksud Anda 'Taningkola' (72.09.01.2005)?" in by_row[3].text("id")
    assert by_row[3].file == "desa.csv" and by_row[3].column == "nama_desa"
    assert by_row[3].value == "Taningkolla"
    assert "74.02.01.2006 is Awuliti" in by_row[5].text("en")
    assert "74.02.01.2006 adalah Awuliti" in by_row[5].text("id")
    assert "Kabupaten Konawe (74.02)" in by_row[5].text("en")
    assert "Moengko Lama (72.02.01.1001, Kabupaten Poso (72.02))" in by_row[6].text("en")
    assert "daftar resmi memuat Moengko Lama (72.02.01.1001, Kabupaten Poso" in by_row[6].text("id")
    assert by_row[7].value == "Desember"


def test_kelurahan_money_duplicates_and_share_of_add_are_checked(tmp_path):
    head = ["kabupaten", "nama_desa", "jenis", "add_rp", "anggaran_iuran_rp", "persen_add",
            "sumber", "kualitas"]  # fmt: skip
    kel = next(v for v in list_villages("72.09") if v.type == "kelurahan")
    _write(tmp_path, "villages.csv", [
        head,
        ["Tojo Una-Una", kel.name, "", "100000000", "", "", "APBDes", "teramati"],
        ["Tojo Una-Una", "Taningkola", "kelurahan", "", "", "", "", ""],
        ["Tojo Una-Una", "Bambu", "", "400000000", "30000000", "5", "APBDes", "teramati"],
        ["Tojo Una-Una", "Desa Bambu", "", "", "", "", "", ""],
    ])  # fmt: skip
    got = {(p.row, p.canonical, _phrase(p)) for p in _problems(tmp_path)}
    assert got == {
        (2, "add_rp", "kelurahan tidak menerima ADD / Dana Desa"),
        (3, "village_type", "jenis tidak sesuai dengan daftar resmi"),
        (4, "budget_rp", "anggaran iuran tidak sesuai dengan persen ADD"),
        (5, "regency",
         "baris ganda: kabupaten × kecamatan × nama desa/kelurahan sama dengan baris 4"),
    }  # fmt: skip
    budget = next(p for p in _problems(tmp_path) if p.canonical == "budget_rp")
    assert budget.text("id").endswith("= 20.000.000 (± 0,1 poin persen dari ADD)")
    assert budget.text("en").endswith("= 20,000,000 (± 0.1 percentage points of ADD)")


def test_kecamatan_tells_same_named_villages_apart_and_code_wins(tmp_path):
    options = match_villages("74.02", "Waworaha")
    assert len(options) == 4
    latoma = next(v for v in options if v.kecamatan == "Latoma")
    _write(tmp_path, "desa.csv", [["kabupaten", "kecamatan", "nama_desa"],
                                  ["Konawe", "", "Waworaha"]])  # fmt: skip
    (problem,) = _problems(tmp_path)
    assert _phrase(problem) == "nama desa ada di beberapa kecamatan"
    assert all(v.code in problem.text("en") and v.code in problem.text("id") for v in options)

    _write(tmp_path, "desa.csv", [
        ["kabupaten", "kecamatan", "nama_desa", "kode_desa", "pekerja_belum_terlindungi",
         "sumber", "kualitas"],
        ["Konawe", "Kec. Latoma", "Desa Waworaha", "", "250", "PMD Konawe", "teramati"],
        ["Konawe", "", "Nama Lama", "7402012012", "", "", ""],
    ])  # fmt: skip
    rows = village_rows(load_bundle(tmp_path), "Konawe")
    assert rows.code == (latoma.code, "74.02.01.2012")
    assert rows.name == ("Waworaha", "Waworaha")
    assert rows.kecamatan == ("Latoma", "Lambuya")
    assert list(rows.is_kelurahan) == [latoma.type == "kelurahan", False]
    assert rows.uncovered[0] == 250 and np.isnan(rows.uncovered[1])
    assert rows.fallback[0] == (
        "funded_now, budget_rp, paid_until, late_years, history_years"
        if latoma.type == "kelurahan"
        else "funded_now, add_rp, dd_rp, budget_rp, paid_until, late_years, history_years"
    )
    note = load_bundle(tmp_path).villages.frame.loc[1, "note"]
    assert "nama di berkas 'Nama Lama', nama resmi 'Waworaha'" in note


def test_audit_lists_village_problems_and_village_counts(tmp_path):
    runner = CliRunner()
    shutil.copytree(EXAMPLE, tmp_path / "ok")
    good = runner.invoke(app, ["audit", "--data-dir", str(tmp_path / "ok")])
    assert good.exit_code == 0, good.output
    assert "Berkas desa Sintetis 001: 30 desa/kelurahan, 26 dengan jumlah pekerja" in good.output
    bad = tmp_path / "bad"
    bad.mkdir()
    _write(bad, "desa.csv", [["kabupaten", "nama_desa"], ["Tojo Una-Una", "Taningkolla"]])
    result = runner.invoke(app, ["audit", "--data-dir", str(bad)])
    assert result.exit_code == 1
    assert "desa.csv, baris 2, kolom 'nama_desa' (village), nilai 'Taningkolla'" in result.output
