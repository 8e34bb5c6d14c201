"""The report package: what the notebooks call, a data cache that notices edited files, texts.

The data folders here are synthetic test data ("Kota Sintetis", labelled SINTETIS in every row).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest

from ucj_analysis import report
from ucj_analysis.report import data, display

ROOT = Path(__file__).resolve().parents[1]

REGENCIES = """kabupaten,provinsi,jumlah_kecamatan,jumlah_desa,jumlah_kelurahan,jumlah_penduduk,\
tahun_penduduk,pertumbuhan_angkatan_kerja_persen,basis_angkatan_kerja,sumber,kualitas,catatan
Kota Sintetis,Sulawesi Tenggara,11,0,65,350000,2024,"1,50",bpjs_non_asn,SINTETIS data uji,asumsi,\
DATA UJI SINTETIS
"""
COVERAGE = """kabupaten,provinsi,tingkat,tanggal,segmen,angkatan_kerja,peserta_aktif,\
cakupan_persen,dipakai_model,sumber,kualitas,catatan
Kota Sintetis,Sulawesi Tenggara,kabupaten,2026-06-30,total,120000,60000,"50,00",ya,\
SINTETIS data uji,asumsi,DATA UJI SINTETIS
"""
CITY = "Kota Sintetis"


def write_folder(d: Path) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    (d / "regencies.csv").write_text(REGENCIES, encoding="utf-8")
    (d / "coverage.csv").write_text(COVERAGE, encoding="utf-8")
    return d


def city_row(b) -> dict:
    f = b.coverage.frame
    return f[f["regency"] == CITY].iloc[0].to_dict()


# --------------------------------------------------------------------------------------------
# the cache
# --------------------------------------------------------------------------------------------
def test_an_edited_csv_is_read_again_in_the_same_process(tmp_path):
    d = str(write_folder(tmp_path / "data"))
    first = report.bundle(d)
    assert city_row(first)["coverage_pct"] == pytest.approx(50.0)
    assert report.bundle(d) is first  # unchanged files: the cached bundle
    trend_before = data.regency_trend(d, CITY)

    path = Path(d) / "coverage.csv"
    path.write_text(COVERAGE.replace('60000,"50,00"', '75000,"62,5"'), encoding="utf-8")

    second = report.bundle(d)
    assert second is not first
    row = city_row(second)
    assert row["coverage_pct"] == pytest.approx(62.5) and row["active"] == 75_000
    assert data.regency_inputs(d, CITY).coverage0 == pytest.approx(0.625)
    assert data.regency_trend(d, CITY) is not trend_before  # derived caches follow the data
    assert report.bundle(d) is second


def test_an_edit_of_the_same_size_is_seen_through_the_modification_time(tmp_path):
    d = str(write_folder(tmp_path / "data"))
    path = Path(d) / "coverage.csv"
    before = os.stat(path)
    assert city_row(report.bundle(d))["active"] == 60_000
    text = COVERAGE.replace('60000,"50,00"', '90000,"75,00"')
    assert len(text) == len(COVERAGE)
    path.write_text(text, encoding="utf-8")
    # a save two seconds later (file systems with a coarse clock give the same mtime otherwise)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 2_000_000_000))
    assert os.stat(path).st_size == before.st_size
    row = city_row(report.bundle(d))
    assert row["active"] == 90_000 and row["coverage_pct"] == pytest.approx(75.0)


def test_fingerprint_names_every_file_and_changes_with_them(tmp_path):
    d = write_folder(tmp_path / "data")
    fp = report.data_fingerprint(str(d))
    mine = [e for e in fp if e[0] == str(d)]
    sizes = {name: size for _, name, size, _ in mine}
    assert sizes == {
        "regencies.csv": len(REGENCIES.encode()),
        "coverage.csv": len(COVERAGE.encode()),
    }
    assert len(fp) > len(mine)  # the embedded data's files are part of it
    assert report.data_fingerprint(str(d)) == fp
    (d / "notes.txt").write_text("x", encoding="utf-8")
    assert report.data_fingerprint(str(d)) != fp
    (d / "notes.txt").unlink()
    assert report.data_fingerprint(str(d)) == fp


def test_a_missing_folder_is_an_error_every_time_not_a_cached_result(tmp_path):
    gone = str(tmp_path / "nowhere")
    assert (gone, "", -1, -1) in report.data_fingerprint(gone)
    for _ in range(2):
        with pytest.raises(FileNotFoundError, match="nowhere"):
            report.bundle(gone)
    write_folder(Path(gone))
    assert city_row(report.bundle(gone))["coverage_pct"] == pytest.approx(50.0)


def test_reload_empties_every_cache(tmp_path):
    d = str(write_folder(tmp_path / "data"))
    first = report.bundle(d)
    data.regency_trend(d, CITY)
    assert all(cache.cache_info().currsize >= 1 for cache in data._CACHES)
    report.reload()
    assert all(cache.cache_info().currsize == 0 for cache in data._CACHES)
    again = report.bundle(d)
    assert again is not first and city_row(again) == city_row(first)
    assert report.bundle.cache_clear is report.reload  # the name older notebooks call


# --------------------------------------------------------------------------------------------
# what the notebooks call
# --------------------------------------------------------------------------------------------
NOTEBOOK_OBJECTS = {
    "audit": report.DataAudit,
    "fc": report.RegencyForecast,
    "study": report.BudgetStudy,
    "pf": report.Portfolio,
}


def notebook_code() -> str:
    paths = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert len(paths) == 4
    cells = [c for p in paths for c in nbformat.read(p, as_version=4).cells]
    return "\n".join(c.source for c in cells if c.cell_type == "code")


def test_every_name_the_notebooks_call_exists():
    code = notebook_code()
    functions = set(re.findall(r"\breport\.(\w+)\(", code))
    assert {"data_audit", "regency_forecast", "budget_study", "portfolio", "section"} <= functions
    assert [f for f in functions if not callable(getattr(report, f, None))] == []
    calls = re.findall(r"\b(audit|fc|study|pf)\.(\w+)\(", code)
    assert len(calls) >= 30
    missing = [f"{v}.{m}" for v, m in calls if not hasattr(NOTEBOOK_OBJECTS[v], m)]
    assert missing == []
    sections = re.findall(r"report\.section\(\s*\"([\w.]+)\"", code)
    assert len(sections) >= 20
    assert sorted(set(sections) - set(report.SECTIONS)) == []


def test_the_public_api_is_the_one_the_notebooks_and_tests_use():
    for name in ("data_audit", "regency_forecast", "budget_study", "portfolio", "section"):
        assert callable(getattr(report, name))
    for name in ("bundle", "show", "table", "record", "reload", "_scenarios"):
        assert callable(getattr(report, name))
    assert set(report.__all__) <= set(dir(report))
    assert "sppg_10" in report.OPT_IN_PRESETS and "sppg_10" not in report._scenarios(None)


def test_each_module_of_the_package_stays_small():
    sizes = {
        p.name: len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / "ucj_analysis" / "report").glob("*.py")
    }
    assert len(sizes) >= 8
    assert {k: v for k, v in sizes.items() if v > 800} == {}


def test_section_in_both_languages():
    assert report.section("budget.title", "en", regency="Konawe Regency").data == (
        "# Budget scenarios compared — Konawe Regency"
    )
    assert report.section("audit.targets", "id").data == "## Target"
    assert report.section("portfolio.title", "en").data == "# All regencies compared"
    with pytest.raises(KeyError, match="unknown report section 'forecast.nope'"):
        report.section("forecast.nope", "id")


def test_target_outside_zero_to_hundred_is_refused_in_the_report_language():
    with pytest.raises(ValueError, match=r"target_pct must be in \(0, 100\], got 0"):
        report.regency_forecast("Konawe", target_pct=0, lang="en")
    with pytest.raises(ValueError, match="target_pct harus lebih dari 0 .* bukan 120"):
        report.regency_forecast("Konawe", target_pct=120, lang="id")


# --------------------------------------------------------------------------------------------
# single values as text
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "lang", "text"),
    [
        ("Konawe", "id", "Kabupaten Konawe"),
        ("Konawe", "en", "Konawe Regency"),
        ("Kota Kendari", "id", "Kota Kendari"),
        ("Kota Kendari", "en", "Kota Kendari"),
    ],
)
def test_regency_title(name, lang, text):
    assert report.regency_title(name, lang) == text


@pytest.mark.parametrize(
    ("name", "lang", "text"),
    [
        ("coverage0", "id", "Cakupan awal"),
        ("coverage0", "en", "Starting coverage"),
        ("ADD_2027", "id", "Alokasi Dana Desa 2027"),
        ("DD_2028", "en", "Dana Desa 2028"),
        ("contribution_rate BPU JKK+JKM from 2025-01", "id",
         "Iuran per pekerja didanai BPU JKK+JKM mulai 2025-01"),
        ("contribution_rate BPU JKK+JKM from 2025-01", "en",
         "Contribution per funded worker BPU JKK+JKM from 2025-01"),
        ("something_new", "id", "something_new"),
    ],
)  # fmt: skip
def test_input_label(name, lang, text):
    assert display.input_label(name, lang) == text


@pytest.mark.parametrize(
    ("unit", "lang", "text"),
    [
        ("Rp per person per month", "id", "Rp per orang per bulan"),
        ("factor per year (0-1)", "en", "factor per year (0–1)"),
        ("persons per desa per year", "id", "orang per desa per tahun"),
        ("share of village persons", "id", "bagian dari desa orang"),
        ("persons per desa per year", "en", "persons per desa per year"),
    ],
)
def test_unit_text(unit, lang, text):
    assert display.unit_text(unit, lang) == text


def test_value_and_source_text():
    assert display.value_text(0.3456, "id", "coverage0") == "34,56 %"
    assert display.value_text(1_234_567.8, "en") == "1,234,568"
    assert display.value_text(0.1474, "id") == "0,147"
    assert display.source_text("engine default", "en") == "model default (assumed)"
    assert display.source_text("a.csv;b.csv", "id") == "a.csv; b.csv"
