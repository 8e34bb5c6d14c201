"""`ucj audit` says OK only when the batch would run: a regency without coverage fails."""

from __future__ import annotations

from typer.testing import CliRunner

from ucj_analysis.cli import app

REGENCIES = """kabupaten,provinsi,jumlah_kecamatan,jumlah_desa,jumlah_kelurahan,jumlah_penduduk,\
tahun_penduduk,pertumbuhan_angkatan_kerja_persen,basis_angkatan_kerja,sumber,kualitas,catatan
Kabupaten Uji Tanpa Cakupan,Sulawesi Tenggara,5,50,2,50000,2024,"1,0",bpjs_non_asn,DATA UJI,\
asumsi,DATA UJI SINTETIS
"""


def test_audit_fails_for_a_regency_the_batch_could_not_project(tmp_path):
    (tmp_path / "regencies.csv").write_text(REGENCIES, encoding="utf-8")
    result = CliRunner().invoke(app, ["audit", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    out = result.output
    assert "Uji Tanpa Cakupan" in out and "coverage" in out
    assert "OK:" not in out


def test_audit_of_the_embedded_data_is_ok():
    result = CliRunner().invoke(app, ["audit"])
    assert result.exit_code == 0, result.output
    assert "OK: 3 kabupaten" in result.output
