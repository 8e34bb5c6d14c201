"""A city (kota) without desa: its own wording, no per-desa figures, village levers marked.

The data folder is synthetic test data ("Kota Sintetis", labelled SINTETIS in every row).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ucj_analysis import report

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


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    d: Path = tmp_path_factory.mktemp("city")
    (d / "regencies.csv").write_text(REGENCIES, encoding="utf-8")
    (d / "coverage.csv").write_text(COVERAGE, encoding="utf-8")
    report.bundle.cache_clear()
    return report.regency_forecast("Kota Sintetis", n_draws=60, as_of="2026-11-29", data_dir=str(d))


def test_city_keeps_its_name_and_has_no_per_desa_column(city):
    assert city.title == "Kota Sintetis"
    columns = list(city.answer_table().data.columns)
    assert not any("desa" in c.lower() or "ADD" in c for c in columns), columns
    assert "Kabupaten Kota" not in " ".join(city.memo())


def test_village_levers_are_marked_not_applicable(city):
    assert not city.applies("add_10") and not city.applies("quota_100_per_desa")
    assert city.applies("trend_only") and city.applies("fund_gap")
    html = city.answer_table().to_html()
    assert html.count("tidak berlaku: kota tanpa desa") == 4  # add_5, add_10, quota, arrears
    a = city.answers().set_index("scenario")
    assert a.loc["add_10", "appropriation_rp"] == 0  # no desa, no ADD money set aside


def test_memo_reads_the_observed_counts_as_given(city):
    memo = " ".join(city.memo())
    assert "60.000 dari 120.000 pekerja aktif" in memo and "5 bulan" in memo
    assert "bukan data daerah ini" in memo


def test_village_section_states_which_levers_apply_in_a_city(city):
    text = city.villages.summary_text().data
    assert text.startswith("## Desa demi desa")
    assert "Kota Sintetis tidak punya desa (0 desa, 65 kelurahan)" in text
    assert "bagian ADD/DD untuk iuran, kuota pekerja per desa) tidak berlaku" in text
    assert "tidak berlaku: kota tanpa desa" in text  # the answer table's words
    for lever in ("`apbd_amount`", "`fund_gap`", "`fixed_cohort`"):
        assert lever in text
    # of this report's scenarios only funding the gap is a city-budget lever
    assert text.endswith("Skenario laporan ini dengan tuas anggaran kota: *Danai seluruh "
                         "kesenjangan*.")  # fmt: skip
    # no village tables, chart or top-up: there is no village money to divide
    v = city.villages
    assert v.scenario_ids() == []
    assert v.table() is None and v.kecamatan_table() is None
    assert v.chart() is None and v.topup_table() is None and v.record_key_numbers() is None


def test_village_section_shows_nothing_without_a_village_file(city):
    import dataclasses

    regency = dataclasses.replace(city, _villages=None, _answers=None)
    regency.inputs = dataclasses.replace(city.inputs, n_desa=12)  # a kabupaten, no village file
    v = regency.villages
    assert v.summary_text() is None and v.table() is None and v.chart() is None
    assert v.topup_table() is None and v.record_key_numbers() is None
