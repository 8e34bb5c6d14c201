"""Loaders: typed frames, merging a user directory with the embedded data, validation errors.

Most tests point the embedded data at the fixture directory ``tests/data/loaders/embedded``
(via ``UCJ_DATA_DIR``) so they do not depend on the figures in ``data/``; the class
``TestRealEmbeddedData`` reads the repository's real ``data/`` and checks published figures.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ucj_analysis import loaders
from ucj_analysis.errors import DataValidationError, Problem, UnknownRegencyError
from ucj_analysis.loaders import (
    DATASETS,
    DataBundle,
    Dataset,
    load_bundle,
    read_assumptions,
    read_contribution_rates,
    read_coverage,
    read_dana_desa_national,
    read_national_participants,
    read_programmes,
    read_regencies,
    read_table,
    read_targets,
    read_village_funds,
    read_yaml,
)

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "data" / "loaders"
EMBEDDED_FIXTURE = FIXTURES / "embedded"
REPO_DATA = HERE.parent / "data"

COVERAGE_HEADER = "regency,province,date,segment,workforce,active,coverage_pct,source,quality"
GOOD = "Konawe,Sulawesi Tenggara,2025-04-30,total,79388,27636,34.81,BPJS,observed"
ID_HEADER = (
    "kabupaten;provinsi;tanggal;segmen;angkatan_kerja;peserta_aktif;cakupan_persen;sumber;kualitas"
)


@pytest.fixture
def fixture_data(monkeypatch):
    """Use the small fixture directory as the embedded data."""
    monkeypatch.setenv("UCJ_DATA_DIR", str(EMBEDDED_FIXTURE))
    return EMBEDDED_FIXTURE


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(excinfo) -> list[Problem]:
    return excinfo.value.problems


def one_problem(excinfo) -> Problem:
    probs = problems_of(excinfo)
    assert len(probs) == 1, str(excinfo.value)
    return probs[0]


def phrase(p: Problem) -> str:
    """What is wrong, in Indonesian: the problem's text before its expectation."""
    head, sep, _ = p.text("id").partition("; seharusnya ")
    assert sep, p.text("id")  # every problem names what was expected
    return head


def expected(p: Problem) -> str:
    """What was expected, in English: the problem's text after ``; expected``."""
    _, sep, tail = p.text("en").partition("; expected ")
    assert sep, p.text("en")
    return tail


# ==========================================================================================
# locating the data
# ==========================================================================================


def test_default_data_dir_is_repo_data(monkeypatch):
    monkeypatch.delenv("UCJ_DATA_DIR", raising=False)
    assert loaders.embedded_data_dir().resolve() == REPO_DATA.resolve()
    assert loaders.DEFAULT_DATA_DIR.name == "data"


def test_env_var_overrides_embedded_dir(fixture_data):
    assert loaders.embedded_data_dir() == fixture_data.resolve()
    assert read_regencies().path.resolve() == (fixture_data / "regencies.csv").resolve()


def test_missing_data_dir_raises(fixture_data, tmp_path):
    with pytest.raises(FileNotFoundError, match="data_dir"):
        read_regencies(tmp_path / "nope")


# ==========================================================================================
# typed frames from the embedded (fixture) data
# ==========================================================================================


def test_embedded_fixture_dtypes(fixture_data):
    b = load_bundle()
    cov = b.coverage.frame
    assert list(cov.columns) == [
        "regency", "province", "level", "date", "segment", "workforce", "active",
        "coverage_pct", "use_in_model", "source", "quality", "note", "note_id",
    ]  # fmt: skip
    assert cov["date"].dtype == np.dtype("datetime64[ns]")
    assert str(cov["workforce"].dtype) == "Int64" and str(cov["active"].dtype) == "Int64"
    assert cov["coverage_pct"].dtype == np.float64
    assert cov["use_in_model"].dtype == bool
    assert isinstance(cov["quality"].dtype, pd.CategoricalDtype)
    assert list(cov["quality"].cat.categories) == ["observed", "derived", "assumed"]
    reg = b.regencies.frame
    assert str(reg["n_desa"].dtype) == "Int64" and str(reg["population_year"].dtype) == "Int64"
    assert reg["workforce_growth_pct"].dtype == np.float64
    assert str(b.dana_desa_national.frame["amount_rp"].dtype) == "Int64"
    assert str(b.village_funds.frame["amount_rp"].dtype) == "Int64"
    rates = b.contribution_rates.frame
    assert rates["valid_to"].dtype == np.dtype("datetime64[ns]")
    assert rates["valid_to"].isna().sum() == 2  # empty valid_to = open-ended
    assert str(rates["rate_rp_per_month"].dtype) == "Int64"
    assert b.targets.frame["deadline"].dtype == np.dtype("datetime64[ns]")
    assert b.assumptions.frame["value"].dtype == np.float64


def test_embedded_fixture_values(fixture_data):
    cov = read_coverage().frame
    konawe = cov[(cov.regency == "Konawe") & (cov.segment == "total")].iloc[0]
    assert konawe["date"] == pd.Timestamp("2025-04-30")
    assert (konawe["workforce"], konawe["active"], konawe["coverage_pct"]) == (79388, 27636, 34.81)
    funded = cov[(cov.regency == "Tojo Una-Una") & (cov.segment == "funded")]
    assert list(funded["active"]) == [13400, 14600]
    assert funded["workforce"].isna().all() and funded["coverage_pct"].isna().all()
    # the conflicting province figure may share area/date/segment because use_in_model is false
    sulteng = cov[(cov.level == "province") & (cov.date == "2021-12-31")]
    assert sorted(sulteng["use_in_model"]) == [False, True]
    # sorted: regencies, then provinces, then the nation
    assert list(dict.fromkeys(cov["level"])) == ["regency", "province", "nation"]
    a = read_assumptions().frame
    assert a.set_index("parameter").loc["budget_realisation", "value"] == 0.9


def test_provenance_and_regency_lookup(fixture_data):
    b = load_bundle()
    assert isinstance(b, DataBundle) and b.data_dir is None
    prov = b.provenance()
    assert list(prov.columns) == [
        "dataset", "file", "title", "sources", "n_rows", "n_observed", "n_derived", "n_assumed",
    ]  # fmt: skip
    assert list(prov["dataset"]) == list(DATASETS)
    row = prov.set_index("dataset").loc["coverage"]
    assert row["n_rows"] == 6 and row["n_observed"] == 5 and row["n_derived"] == 1
    assert row["title"] == "Coverage observations (test fixture)"
    assert "persadakita" in row["sources"].split("; ")
    assert (prov["n_observed"] + prov["n_derived"] + prov["n_assumed"] == prov["n_rows"]).all()
    assert b.regency("Kab. Touna") == "Tojo Una-Una"
    assert b.regency("KABUPATEN KONAWE") == "Konawe"
    with pytest.raises(UnknownRegencyError) as info:
        b.regency("Kolaka")
    assert str(info.value) == (
        "kabupaten 'Kolaka' tidak dikenal; seharusnya salah satu nama kabupaten yang dikenal: "
        "Banggai, Konawe, Tojo Una-Una — unknown regency 'Kolaka'; expected one of the known "
        "regency names: Banggai, Konawe, Tojo Una-Una"
    )
    assert info.value.known == ["Banggai", "Konawe", "Tojo Una-Una"]


def test_embedded_numbers_are_plain_user_numbers_are_indonesian(monkeypatch, tmp_path):
    """'1.125' means 1.125 in a machine-written embedded file but 1125 in a user file."""
    emb = tmp_path / "emb"
    shutil.copytree(EMBEDDED_FIXTURE, emb)
    text = "parameter,regency,value,unit,source,quality,note\nx,*,1.125,share,team,assumed,r\n"
    write(emb, "assumptions.csv", text)
    user = write(tmp_path / "user", "assumptions.csv", text.replace("team", "planner"))
    monkeypatch.setenv("UCJ_DATA_DIR", str(emb))
    assert read_assumptions().frame["value"].iloc[0] == 1.125
    assert read_assumptions(user.parent).frame["value"].iloc[0] == 1125.0


def test_embedded_rows_must_cite_meta_source_keys(monkeypatch, tmp_path):
    emb = tmp_path / "emb"
    shutil.copytree(EMBEDDED_FIXTURE, emb)
    text = (emb / "coverage.csv").read_text().replace("persadakita,", "persadakita;nowhere,")
    write(emb, "coverage.csv", text)
    write(emb, "targets.meta.yaml", "- not a mapping\n")
    write(emb, "assumptions.meta.yaml", "description: no title and no sources\n")
    monkeypatch.setenv("UCJ_DATA_DIR", str(emb))
    with pytest.raises(DataValidationError) as info:
        read_coverage()
    p = one_problem(info)
    assert (p.file, p.row, p.column, p.value) == (
        "coverage.csv",
        2,
        "source",
        "persadakita;nowhere",
    )
    assert expected(p).startswith("a key of 'sources' in the meta file: ")
    with pytest.raises(DataValidationError, match="targets.meta.yaml: meta bukan pemetaan"):
        read_targets()
    with pytest.raises(DataValidationError) as info:
        read_assumptions()
    assert [phrase(p) for p in problems_of(info)] == ["judul tidak ada", "daftar sumber tidak ada"]


def test_unknown_columns_are_ignored_with_a_warning(fixture_data, tmp_path):
    write(tmp_path, "coverage.csv", f"No,{COVERAGE_HEADER},Keterangan Lain\n1,{GOOD},x\n")
    warning = (
        "coverage.csv: kolom diabaikan: No, Keterangan Lain — "
        "coverage.csv: columns ignored: No, Keterangan Lain"
    )
    with pytest.warns(UserWarning, match=re.escape(warning)):
        ds = read_coverage(tmp_path)
    assert ds.frame[ds.frame.regency == "Konawe"]["active"].tolist() == [27636]
    assert ds.meta["ignored_columns"] == ["No", "Keterangan Lain"]


# ==========================================================================================
# user directories: merging
# ==========================================================================================


def test_user_dir_with_new_regency_loads(fixture_data, tmp_path):
    write(
        tmp_path,
        "regencies.csv",
        "kabupaten,provinsi,jumlah_desa,kelurahan,sumber,kualitas\n"
        "KAB. KOLAKA TIMUR,Sultra,117,0,detiksultra,teramati\n",
    )
    write(
        tmp_path,
        "coverage.csv",
        f"{COVERAGE_HEADER}\n"
        'Kab. Kolaka Timur,,31/03/2025,total,"40.000","12.000",,BPJS Kolaka,teramati\n'
        'Kolaka Timur,,Jun 2025,,"40.500","12.960","32,00 %",BPJS Kolaka,teramati\n',
    )
    b = load_bundle(tmp_path)
    reg = b.regencies.frame.set_index("regency")
    assert list(reg.index) == ["Konawe", "Banggai", "Tojo Una-Una", "Kolaka Timur"]
    assert reg.loc["Kolaka Timur", "province"] == "Sulawesi Tenggara"
    assert reg.loc["Kolaka Timur", "n_desa"] == 117
    assert pd.isna(reg.loc["Kolaka Timur", "population"])
    assert b.regency("kab. kolaka timur") == "Kolaka Timur"
    cov = b.coverage.frame
    kt = cov[cov.regency == "Kolaka Timur"].reset_index(drop=True)
    assert list(kt["date"]) == [pd.Timestamp("2025-03-31"), pd.Timestamp("2025-06-30")]
    assert list(kt["province"]) == ["Sulawesi Tenggara"] * 2  # filled from the registry
    assert kt.loc[0, "coverage_pct"] == 30.0  # derived: 12000 / 40000 * 100
    assert "active / workforce" in kt.loc[0, "note"]
    assert kt.loc[0, "quality"] == "observed"  # quality stays as given
    assert kt.loc[1, "coverage_pct"] == 32.0 and kt.loc[1, "segment"] == "total"
    assert kt["use_in_model"].all() and (kt["level"] == "regency").all()
    # embedded rows of other areas are kept
    assert (cov.regency == "Konawe").sum() == 1 and (cov.level == "nation").sum() == 1
    assert b.coverage.meta["title"] == "user-supplied"
    assert b.coverage.meta["merged_with"]["title"] == "Coverage observations (test fixture)"
    assert b.coverage.path == tmp_path / "coverage.csv"
    prov = b.provenance().set_index("dataset")
    assert str(tmp_path / "coverage.csv") in prov.loc["coverage", "file"]
    assert str(EMBEDDED_FIXTURE / "coverage.csv") in prov.loc["coverage", "file"]


def test_user_registry_row_overrides_embedded_row(fixture_data, tmp_path):
    write(
        tmp_path,
        "regencies.csv",
        "regency,province,n_desa,n_kelurahan,source,quality\n"
        "Kabupaten Konawe,Sulawesi Tenggara,300,57,Bappeda Konawe,observed\n",
    )
    reg = read_regencies(tmp_path).frame
    assert reg["regency"].tolist() == ["Konawe", "Banggai", "Tojo Una-Una"]  # same place
    assert reg.set_index("regency").loc["Konawe", "n_desa"] == 300
    assert reg.set_index("regency").loc["Konawe", "source"] == "Bappeda Konawe"
    assert pd.isna(reg.set_index("regency").loc["Konawe", "population"])


def test_user_coverage_replaces_same_area_keeps_others(fixture_data):
    cov = read_coverage(FIXTURES / "user_id_ok").frame
    konawe = cov[cov.regency == "Konawe"].reset_index(drop=True)
    assert list(konawe["date"].dt.strftime("%Y-%m-%d")) == [
        "2025-04-30",
        "2025-05-31",
        "2025-06-30",
    ]
    assert list(konawe["workforce"]) == [79388, 79500, 79650]
    assert list(konawe["active"]) == [27636, 28100, 28900]
    assert konawe.loc[0, "coverage_pct"] == 34.81
    assert konawe.loc[1, "coverage_pct"] == round(28100 / 79500 * 100, 2)
    assert konawe.loc[2, "coverage_pct"] == 36.28
    assert list(konawe["source"])[0] == "Rapat UCJ Konawe 9 Mei 2025"
    # the user's Tojo Una-Una rows replace all embedded Tojo Una-Una rows
    touna = cov[cov.regency == "Tojo Una-Una"]
    assert list(touna["active"]) == [14600] and list(touna["date"]) == [pd.Timestamp("2025-12-31")]
    # province and nation series stay for pooling
    assert (cov.level == "province").sum() == 2 and (cov.level == "nation").sum() == 1


def test_user_file_replaces_embedded_dataset_with_generated_meta(fixture_data, tmp_path):
    write(
        tmp_path,
        "village_funds.csv",
        "kabupaten;tahun;dana;jumlah;desa;sumber;kualitas;catatan\n"
        "Kab. Konawe;2025;DD;Rp 216,6 miliar;297;APBDes 2025;teramati;\n"
        "Konawe;2025;Alokasi Dana Desa;Rp 95.000.000.000;297;APBD 2025;teramati;10 % rule\n"
        "Touna;2025;ADD;Rp 41,5 M;134;APBD 2025;asumsi;dari Bappeda\n",
    )
    ds = read_village_funds(tmp_path)
    f = ds.frame
    assert list(f["regency"]) == ["Konawe", "Konawe", "Tojo Una-Una"]
    assert list(f["fund"]) == ["DD", "ADD", "ADD"]
    assert list(f["amount_rp"]) == [216_600_000_000, 95_000_000_000, 41_500_000_000]
    assert list(f["quality"]) == ["observed", "observed", "assumed"]
    assert "Banggai" not in set(f["regency"])  # the user's file replaces the embedded one
    assert ds.meta["title"] == "user-supplied" and ds.meta["generated"] is True
    assert ds.meta["path"] == str(tmp_path / "village_funds.csv")
    assert ds.meta["sources"] == {s: s for s in ["APBDes 2025", "APBD 2025"]}
    # datasets the user did not supply still come from the embedded data
    assert read_targets(tmp_path).path == EMBEDDED_FIXTURE / "targets.csv"


def test_user_meta_file_is_used(fixture_data, tmp_path):
    write(
        tmp_path,
        "national_participants.csv",
        "tanggal,peserta_aktif,peserta_terdaftar,sumber,kualitas\n"
        "31 Des 2024,45.220.000,,kontan,teramati\n",
    )
    write(tmp_path, "national_participants.meta.yaml", "title: Peserta nasional (BPJS)\n")
    ds = read_national_participants(tmp_path)
    assert ds.meta["title"] == "Peserta nasional (BPJS)"
    assert ds.frame["active"].tolist() == [45_220_000]


def test_other_readers_accept_indonesian_formats(fixture_data, tmp_path):
    write(
        tmp_path,
        "contribution_rates.csv",
        "skema,pembayar,komponen,berlaku_mulai,berlaku_sampai,iuran,dasar_hukum,sumber,kualitas\n"
        'BPU,dibiayai,JKK+JKM,1 Jan 2026,,"Rp 16.800",PP 44/2015,PP,teramati\n'
        'BPU,mandiri,JKK+JKM,01/04/2026,31/12/2026,"Rp 8.400",PP 50/2025,PP,asumsi\n',
    )
    write(
        tmp_path,
        "targets.csv",
        "wilayah,tingkat,target,tenggat,rencana,sumber,kualitas\n"
        'Kab. Banggai,kabupaten,"99,50 %",Des 2030,RPJMD,Rakor,teramati\n'
        'Sulteng,provinsi,"71 %",Desember 2025,Kemendagri,x,asumsi\n'
        "Nasional,nasional,99.5,31/12/2045,RPJPN,UU 59/2024,teramati\n",
    )
    write(
        tmp_path,
        "dana_desa_national.csv",
        'tahun,jumlah,desa,sumber,kualitas\n2024,"Rp 71 triliun","75.259",djpk,teramati\n',
    )
    rates = read_contribution_rates(tmp_path).frame
    assert rates["payer"].tolist() == ["funded", "self"]
    assert rates["rate_rp_per_month"].tolist() == [16800, 8400]
    assert rates["valid_from"].tolist() == [pd.Timestamp("2026-01-01"), pd.Timestamp("2026-04-01")]
    assert pd.isna(rates["valid_to"].iloc[0])
    t = read_targets(tmp_path).frame
    assert t["area"].tolist() == ["Banggai", "Sulawesi Tengah", "Indonesia"]
    assert t["level"].tolist() == ["regency", "province", "nation"]
    assert t["target_pct"].tolist() == [99.5, 71.0, 99.5]
    assert t["deadline"].dt.strftime("%Y-%m-%d").tolist() == [
        "2030-12-31", "2025-12-31", "2045-12-31",
    ]  # fmt: skip
    assert t["segment"].tolist() == ["total"] * 3
    dd = read_dana_desa_national(tmp_path).frame
    assert dd["amount_rp"].tolist() == [71_000_000_000_000] and dd["n_desa"].tolist() == [75259]


# ==========================================================================================
# Excel
# ==========================================================================================


def _xlsx(path: Path, sheets: dict[str, list[list]], pct_cols: dict[str, set[int]] | None = None):
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
        for col in (pct_cols or {}).get(name, set()):
            for row in ws.iter_rows(min_row=2, min_col=col, max_col=col):
                row[0].number_format = "0.00%"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def test_excel_coverage_with_indonesian_sheet_and_typed_cells(fixture_data, tmp_path):
    _xlsx(
        tmp_path / "coverage.xlsx",
        {
            "Petunjuk": [["Isi sheet 'cakupan'"]],
            "Cakupan": [
                ["Kabupaten", "Tanggal", "Angkatan Kerja", "Peserta Aktif", "Cakupan (%)",
                 "Sumber", "Kualitas"],
                ["Kab. Konawe", dt.datetime(2025, 4, 30), 79388, 27636, 0.3481, "BPJS", "teramati"],
                ["Konawe", "Mei 2025", "79.500", "28.100", None, "BPJS", "teramati"],
                [None, None, None, None, None, None, None],
                ["Konawe", dt.date(2025, 6, 30), 79650.0, 28900, 0.3628, "BPJS", "turunan"],
            ],
        },
        pct_cols={"Cakupan": {5}},
    )  # fmt: skip
    ds = read_coverage(tmp_path)
    k = ds.frame[ds.frame.regency == "Konawe"].reset_index(drop=True)
    assert k["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-04-30", "2025-05-31", "2025-06-30"]
    assert k["workforce"].tolist() == [79388, 79500, 79650]
    assert k["coverage_pct"].tolist() == [34.81, round(28100 / 79500 * 100, 2), 36.28]
    assert k["quality"].tolist() == ["observed", "observed", "derived"]
    assert ds.path == tmp_path / "coverage.xlsx"


def test_excel_errors_name_sheet_and_row(fixture_data, tmp_path):
    _xlsx(
        tmp_path / "coverage.xlsx",
        {
            "coverage": [
                ["regency", "date", "workforce", "active", "source", "quality"],
                ["Konawe", dt.datetime(2025, 4, 30), 79388, 27636, "BPJS", "observed"],
                ["Konawe", dt.datetime(2025, 5, 31), 79388, 80000, "BPJS", "observed"],
            ]
        },
    )
    with pytest.raises(DataValidationError) as info:
        read_coverage(tmp_path)
    p = one_problem(info)
    assert (p.file, p.sheet, p.row, p.column, p.value) == (
        "coverage.xlsx", "coverage", 3, "active", 80000,
    )  # fmt: skip
    assert str(p) == (
        "coverage.xlsx, sheet 'coverage', baris 3, kolom 'active', nilai '80000': peserta aktif "
        "melebihi angkatan kerja; seharusnya active <= workforce (79388) — coverage.xlsx, sheet "
        "'coverage', row 3, column 'active', value '80000': active exceeds workforce; expected "
        "active <= workforce (79388)"
    )


def test_excel_without_expected_sheet(fixture_data, tmp_path):
    _xlsx(tmp_path / "coverage.xlsx", {"Sheet1": [["a"], [1]], "Data": [["b"], [2]]})
    with pytest.raises(DataValidationError) as info:
        read_coverage(tmp_path)
    p = one_problem(info)
    assert p.file == "coverage.xlsx" and p.row is None
    assert "sheet tidak ditemukan" in str(p)
    assert "sheets found: 'Sheet1', 'Data'" in str(p)
    assert "'coverage'" in expected(p) and "'cakupan'" in expected(p)


# ==========================================================================================
# validation errors: each names file, row, column (as written), value, expectation
# ==========================================================================================


def _coverage_error(tmp_path, rows: list[str], header: str = COVERAGE_HEADER):
    write(tmp_path, "coverage.csv", "\n".join([header, *rows]) + "\n")
    with pytest.raises(DataValidationError) as info:
        read_coverage(tmp_path)
    return info


def test_active_exceeds_workforce_message_uses_column_as_written(fixture_data, tmp_path):
    rows = [
        "Konawe;Sulawesi Tenggara;31/01/2025;total;79.388;27.000;;BPJS;teramati",
        "Konawe;Sulawesi Tenggara;28/02/2025;total;79.388;27.100;;BPJS;teramati",
        "Konawe;Sulawesi Tenggara;31/03/2025;total;79.388;27.300;;BPJS;teramati",
        "Konawe;Sulawesi Tenggara;30/04/2025;total;79.388;80.000;;BPJS;teramati",
    ]
    p = one_problem(_coverage_error(tmp_path, rows, ID_HEADER))
    assert (p.file, p.row, p.column, p.value) == ("coverage.csv", 5, "peserta_aktif", "80.000")
    assert str(p) == (
        "coverage.csv, baris 5, kolom 'peserta_aktif' (active), nilai '80.000': peserta aktif "
        "melebihi angkatan kerja; seharusnya active <= workforce (79388) — coverage.csv, row 5, "
        "column 'peserta_aktif' (active), value '80.000': active exceeds workforce; expected "
        "active <= workforce (79388)"
    )
    assert p.message("id") == str(p).split(" — ")[0]
    assert p.message("en") == str(p).split(" — ")[1]


def test_the_guides_quote_the_coverage_message_as_the_loader_writes_it(fixture_data, tmp_path):
    row = "Konawe;Sulawesi Tenggara;31/12/2025;total;80.000;32.000;45,00;BPJS;teramati"
    write(tmp_path, "coverage.csv", f"{ID_HEADER}\n{row}\n")
    info = pytest.raises(DataValidationError, read_coverage, tmp_path)
    message = str(one_problem(info))
    assert message.startswith("coverage.csv, baris 2, kolom 'cakupan_persen' (coverage_pct), ")
    for guide in (HERE.parent / "README.md", HERE.parent / "docs" / "PANDUAN.md"):
        assert message in guide.read_text(encoding="utf-8").splitlines(), guide.name


@pytest.mark.parametrize(
    ("row", "column", "value", "what", "wanted"),
    [
        ("Konawe,,2025-04-30,total,79388,27636,134.81,BPJS,observed",
         "coverage_pct", "134.81", "cakupan di luar 0–100 %", "between 0 and 100"),
        ("Konawe,,2025-04-30,total,,,-3,BPJS,observed",
         "coverage_pct", "-3", "cakupan di luar 0–100 %", "between 0 and 100"),
        ("Konawe,,2025-04-30,total,79388,27636,33.81,BPJS,observed",
         "coverage_pct", "33.81", "persentase cakupan tidak sesuai dengan jumlah",
         "coverage_pct = active / workforce × 100 = 34.81 (± 0.1 percentage points)"),
        ("Konawe,,2025-04-30,total,-79388,27636,,BPJS,observed",
         "workforce", "-79388", "angkatan kerja tidak boleh negatif", "workforce >= 0"),
        ("Konawe,,2025-04-30,total,79388,banyak,,BPJS,observed",
         "active", "banyak", "bukan angka", "a whole number of persons"),
        ("Konawe,,2025-04-30,total,79388,\"27636,5\",,BPJS,observed",
         "active", "27636,5", "jumlah orang harus bilangan bulat", "a whole number"),
        ("Konawe,,31/04/2025,total,79388,27636,,BPJS,observed",
         "date", "31/04/2025", "tanggal tidak ada di kalender", "a day between 1 and 30"),
        ("Konawe,,akhir April,total,79388,27636,,BPJS,observed",
         "date", "akhir April", "format tanggal tidak dikenal", "30/04/2025"),
        ("Konawe,,,total,79388,27636,,BPJS,observed",
         "date", None, "tanggal wajib diisi", "a value in this cell"),
        ("Konawe,,2025-04-30,total,79388,27636,,BPJS,kira-kira",
         "quality", "kira-kira", "kualitas tidak dikenal", "observed/teramati"),
        ("Konawe,Sulawesi Tengah,2025-04-30,total,79388,27636,,BPJS,observed",
         "province", "Sulawesi Tengah", "provinsi tidak sesuai dengan kabupaten",
         "Sulawesi Tenggara (the province of Konawe)"),
        ("Konawe,,2025-04-30,total,0,0,,BPJS,observed",
         "workforce", "0", "angkatan kerja nol", "workforce > 0"),
        ("Konawe,,2025-04-30,totl,79388,27636,,BPJS,observed",
         "segment", "totl", "segmen tidak dikenal", "bpu, funded, jakon"),
    ],
)  # fmt: skip
def test_bad_coverage_cell(fixture_data, tmp_path, row, column, value, what, wanted):
    p = one_problem(_coverage_error(tmp_path, [GOOD.replace("2025-04-30", "2025-03-31"), row]))
    assert (p.file, p.row, p.column, p.value) == ("coverage.csv", 3, column, value)
    assert phrase(p) == what
    assert wanted in expected(p)
    shown = "nilai kosong" if value is None else f"nilai '{value}'"
    shown_en = "empty value" if value is None else f"value '{value}'"
    indonesian, english = str(p).split(" — ")
    assert indonesian.startswith(f"coverage.csv, baris 3, kolom '{column}', {shown}: {what}; ")
    assert english.startswith(f"coverage.csv, row 3, column '{column}', {shown_en}: ")
    assert english.endswith(f"; expected {expected(p)}")


def test_row_without_any_figure(fixture_data, tmp_path):
    p = one_problem(_coverage_error(tmp_path, ["Konawe,,2025-04-30,total,,,,BPJS,observed"]))
    assert p.row == 2 and p.column is None
    assert expected(p) == "at least one of workforce, active, coverage_pct"
    assert p.text("id") == (
        "tidak ada angka cakupan; seharusnya paling sedikit satu dari angkatan kerja, "
        "peserta aktif, cakupan"
    )


def test_unknown_regency_lists_known_ones(fixture_data, tmp_path):
    p = one_problem(_coverage_error(tmp_path, [GOOD, GOOD.replace("Konawe,", "Kolaki,", 1)]))
    assert (p.row, p.column, p.value) == (3, "regency", "Kolaki")
    assert phrase(p) == "kabupaten tidak dikenal"
    assert "Banggai, Konawe, Tojo Una-Una" in expected(p)
    assert expected(p).endswith("; a province or Indonesia needs level = province / nation")
    assert p.text("id").endswith("; provinsi atau Indonesia memerlukan level = province / nation")


def test_misspelt_names_get_a_suggestion(fixture_data, tmp_path):
    p = one_problem(_coverage_error(tmp_path, [GOOD.replace("Konawe,", "Konawa,", 1)]))
    assert "Tojo Una-Una (did you mean 'Konawe'?) (a regency" in expected(p)
    assert "Tojo Una-Una (maksud Anda 'Konawe'?) (kabupaten" in p.text("id")
    write(
        tmp_path,
        "regencies.csv",
        "kabupaten,provinsi,desa,kelurahan,sumber,kualitas\n"
        "Kolaka,Sulawesi Tengara,100,0,BPS,teramati\n",
    )
    with pytest.raises(DataValidationError) as info:
        read_regencies(tmp_path)
    p = one_problem(info)
    assert (p.row, p.column, p.value, phrase(p)) == (
        2, "provinsi", "Sulawesi Tengara", "provinsi tidak dikenal",
    )  # fmt: skip
    assert expected(p).endswith("are accepted (did you mean 'Sulawesi Tenggara'?)")


def test_bad_level_is_one_problem(fixture_data, tmp_path):
    header = COVERAGE_HEADER.replace("province,", "province,level,")
    p = one_problem(
        _coverage_error(tmp_path, ["Sulteng,,propinsi,2025-11-30,,,,43.59,x,observed"], header)
    )
    assert (p.row, p.column, p.value, phrase(p)) == (
        2,
        "level",
        "propinsi",
        "tingkat wilayah tidak dikenal",
    )
    assert expected(p).startswith("one of nation, province, regency (Indonesian: ")


def test_province_needs_level(fixture_data, tmp_path):
    header = COVERAGE_HEADER.replace("province,", "province,level,")
    bad = "Sulawesi Tengah,,,2025-11-30,total,,,43.59,BPJS,observed"
    p = one_problem(_coverage_error(tmp_path, [bad], header))
    assert (p.row, p.column, p.value) == (2, "regency", "Sulawesi Tengah")
    assert expected(p).endswith(
        "; 'Sulawesi Tengah' is a province or the nation: set level = province / nation"
    )
    # with the level given, provinces (also by abbreviation) and the nation are known
    write(
        tmp_path,
        "coverage.csv",
        f"{header}\nSulteng,,provinsi,2025-11-30,total,,,43.59,BPJS,observed\n"
        "Indonesia,,nasional,2025-04-30,,,,35.68,Kemendagri,observed\n",
    )
    cov = read_coverage(tmp_path).frame
    prov = cov[cov.level == "province"]
    assert prov["regency"].tolist() == ["Sulawesi Tengah"]  # replaced embedded Sulteng rows
    assert prov["province"].tolist() == ["Sulawesi Tengah"]
    assert cov[cov.level == "nation"]["coverage_pct"].tolist() == [35.68]
    assert (cov.regency == "Konawe").sum() == 1  # embedded regency rows kept


def test_duplicate_rows_name_both(fixture_data, tmp_path):
    dup = "Kab. Konawe,,30/04/2025,,79.388,27.636,,lain,teramati"
    p = one_problem(_coverage_error(tmp_path, [GOOD, GOOD.replace("04-30", "03-31"), dup]))
    assert (p.row, p.column, p.value) == (4, "regency", "Kab. Konawe")
    assert phrase(p) == "baris ganda: kabupaten × tanggal × segmen sama dengan baris 2"
    assert expected(p) == (
        "one row per regency × date × segment: rows 2 and 4 are both (Konawe, 2025-04-30, "
        "total); set use_in_model = false on the figure not to use"
    )


def test_duplicate_allowed_when_one_is_not_used(fixture_data, tmp_path):
    header = COVERAGE_HEADER + ",use_in_model"
    write(tmp_path, "coverage.csv", f"{header}\n{GOOD},true\n{GOOD},tidak\n")
    cov = read_coverage(tmp_path).frame
    assert sorted(cov[cov.regency == "Konawe"]["use_in_model"]) == [False, True]


def test_missing_required_column_lists_accepted_names(fixture_data, tmp_path):
    header = "kabupaten,angkatan_kerja,peserta_aktif,sumber,kualitas"
    p = one_problem(_coverage_error(tmp_path, ["Konawe,79388,27636,BPJS,observed"], header))
    assert (p.file, p.row, p.column) == ("coverage.csv", None, "date")
    for name in ("date", "tanggal", "tgl", "periode", "bulan"):
        assert name in expected(p)
    assert str(p).startswith("coverage.csv, kolom 'date': kolom wajib tidak ada; seharusnya ")
    assert " — coverage.csv, column 'date': required column missing; expected " in str(p)


@pytest.mark.parametrize("content", ["", "\n\n", COVERAGE_HEADER + "\n"])
def test_empty_file(fixture_data, tmp_path, content):
    write(tmp_path, "coverage.csv", content)
    with pytest.raises(DataValidationError) as info:
        read_coverage(tmp_path)
    p = one_problem(info)
    assert p.file == "coverage.csv" and p.row is None and phrase(p) == "berkas kosong"


def test_all_problems_reported_together(fixture_data, tmp_path):
    rows = [
        "Kab. Konawe;;30 April 2025;total;79.388;80.000;;BPJS;teramati",  # 2 active > workforce
        "Konawe;;31 Mei 2025;total;79.500;-5;;BPJS;teramati",  # 3 negative
        "Kolaki;;Jun 2025;total;10.000;5.000;;BPJS;teramati",  # 4 unknown regency
        "Konawe;;32/07/2025;total;79.600;28.000;;BPJS;teramati",  # 5 bad date
        "Touna;;Jan 2025;total;1.000;500;120;BPJS;teramati",  # 6 > 100 %
        "Touna;;Feb 2025;total;1.000;500;40,00;BPJS;teramati",  # 7 disagreement
        "Touna;;Feb 2025;total;1.000;500;;BPJS;teramati",  # 8 duplicate of 7
    ]
    info = _coverage_error(tmp_path, rows, ID_HEADER)
    got = [(p.row, p.column) for p in problems_of(info)]
    assert got == [
        (2, "peserta_aktif"), (3, "peserta_aktif"), (4, "kabupaten"), (5, "tanggal"),
        (6, "cakupan_persen"), (7, "cakupan_persen"), (8, "kabupaten"),
    ]  # fmt: skip
    lines = str(info.value).splitlines()
    assert lines[0].startswith("Data tidak valid: 7 masalah di coverage.csv")
    assert len(lines) == 8 and all(ln.startswith("coverage.csv, baris ") for ln in lines[1:])
    assert all(" — coverage.csv, row " in ln for ln in lines[1:])


def test_unquoted_decimal_comma_in_comma_csv(fixture_data, tmp_path):
    p = one_problem(
        _coverage_error(tmp_path, ["Konawe,,2025-04-30,total,79388,27636,34,81,BPJS,observed"])
    )
    assert p.row == 2 and phrase(p) == "jumlah kolom tidak sesuai dengan judul kolom"
    assert expected(p).startswith("9 values as in the header row, found 10 (")
    assert "must be quoted" in expected(p)


def test_two_files_for_one_dataset(fixture_data, tmp_path):
    write(tmp_path, "coverage.csv", f"{COVERAGE_HEADER}\n{GOOD}\n")
    write(tmp_path, "cakupan.csv", f"{COVERAGE_HEADER}\n{GOOD}\n")
    with pytest.raises(DataValidationError, match="berkas ganda"):
        read_coverage(tmp_path)


def test_other_dataset_errors(fixture_data, tmp_path):
    write(
        tmp_path,
        "national_participants.csv",
        "date,active,registered,source,quality\n"
        "2024-12-31,45220000,40000000,kontan,observed\n"
        "2024-12-31,45220000,,kontan,observed\n",
    )
    info = pytest.raises(DataValidationError, read_national_participants, tmp_path)
    got = [(p.row, p.column, phrase(p).split(":")[0]) for p in info.value.problems]
    assert got == [
        (2, "active", "peserta aktif melebihi peserta terdaftar"),
        (3, "date", "baris ganda"),
    ]
    write(
        tmp_path,
        "contribution_rates.csv",
        "scheme,payer,component,valid_from,valid_to,rate_rp_per_month,source,quality\n"
        "BPU,negara,JKK,2026-01-01,2025-01-01,10000,pp,observed\n",
    )
    info = pytest.raises(DataValidationError, read_contribution_rates, tmp_path)
    got = [(p.row, p.column, phrase(p)) for p in info.value.problems]
    assert got == [
        (2, "payer", "pembayar tidak dikenal"),
        (2, "valid_to", "berlaku sampai sebelum berlaku mulai"),
    ]
    assert expected(info.value.problems[0]).startswith("one of funded, self (Indonesian: ")
    write(
        tmp_path,
        "assumptions.csv",
        "parameter,regency,value,unit,source,quality\nlapse,Kolaki,0.1,share,x,assumed\n",
    )
    info = pytest.raises(DataValidationError, read_assumptions, tmp_path)
    p = info.value.problems[0]
    assert (p.row, p.column, p.value) == (2, "regency", "Kolaki")
    assert "level" not in p.text("en")  # assumptions have no level column


def test_load_bundle_reports_problems_of_several_files(fixture_data, tmp_path):
    write(tmp_path, "coverage.csv", f"{COVERAGE_HEADER}\n{GOOD.replace('27636', '90000')}\n")
    write(tmp_path, "targets.csv", "area,target_pct,deadline,source,quality\nKonawe,101,2030,x,y\n")
    with pytest.raises(DataValidationError) as info:
        load_bundle(tmp_path)
    files = [(p.file, p.column) for p in problems_of(info)]
    assert files == [
        ("coverage.csv", "active"),
        ("targets.csv", "target_pct"),
        ("targets.csv", "deadline"),
        ("targets.csv", "quality"),
    ]


# ==========================================================================================
# workforce basis, targets per regency, running programmes
# ==========================================================================================


def test_workforce_basis_missing_column_is_unknown(fixture_data):
    b = load_bundle()  # the fixture registry has no workforce_basis column
    assert b.regencies.frame["workforce_basis"].tolist() == ["unknown"] * 3
    assert b.workforce_basis("Konawe") == "unknown"


def test_workforce_basis_indonesian_header_and_values(fixture_data, tmp_path):
    write(
        tmp_path,
        "regencies.csv",
        "kabupaten;provinsi;desa;kelurahan;basis_angkatan_kerja;sumber;kualitas\n"
        "Konawe;Sultra;297;57;Non ASN;BPJS Kendari;teramati\n"
        "Banggai;Sulteng;291;46;BPS angkatan kerja;BPS;teramati\n"
        "Tojo Una-Una;Sulteng;134;12;;BPS;teramati\n"
        "Kolaka Timur;Sultra;117;0;tidak diketahui;detiksultra;teramati\n",
    )
    reg = read_regencies(tmp_path).frame.set_index("regency")
    assert reg["workforce_basis"].to_dict() == {
        "Konawe": "bpjs_non_asn",
        "Banggai": "bps_labour_force",
        "Tojo Una-Una": "unknown",  # empty cell: unknown, not guessed
        "Kolaka Timur": "unknown",
    }
    write(
        tmp_path,
        "regencies.csv",
        "regency,province,n_desa,n_kelurahan,workforce_basis,source,quality\n"
        "Konawe,Sulawesi Tenggara,297,57,sensus,BPS,observed\n",
    )
    with pytest.raises(DataValidationError) as info:
        read_regencies(tmp_path)
    p = one_problem(info)
    assert (p.row, p.column, p.value, phrase(p)) == (
        2, "workforce_basis", "sensus", "basis angkatan kerja tidak dikenal",
    )  # fmt: skip
    assert expected(p).startswith("one of bpjs_non_asn, bps_labour_force, unknown (Indonesian: ")


def test_targets_for_regency_province_and_nation(fixture_data, tmp_path):
    write(
        tmp_path,
        "targets.csv",
        "wilayah,tingkat,segmen,target,tenggat,rencana,sumber,kualitas\n"
        "Indonesia,nasional,total,99.5,Des 2045,RPJPN,UU 59/2024,teramati\n"
        "Sulteng,provinsi,total,71,Des 2025,Kemendagri,x,asumsi\n"
        "Sultra,provinsi,total,50,Des 2026,Kemendagri,x,asumsi\n"
        'Banggai,kabupaten,total,"99,50",Des 2030,RPJMD,Rakor,teramati\n'
        "Konawe,kabupaten,rentan,70,Des 2026,Bupati,mediasultra,teramati\n"
        "Indonesia,nasional,total,32.15,Des 2025,RPJMN,kabaran,teramati\n",
    )
    b = load_bundle(tmp_path)
    got = b.targets_for("Kab. Banggai")
    assert got[["area", "target_pct"]].values.tolist() == [
        ["Banggai", 99.5], ["Sulawesi Tengah", 71.0], ["Indonesia", 32.15], ["Indonesia", 99.5],
    ]  # fmt: skip
    assert list(got.columns) == list(b.targets.frame.columns)
    konawe = b.targets_for("Konawe")
    assert konawe[["area", "segment"]].values.tolist()[:2] == [
        ["Konawe", "pekerja_rentan"], ["Sulawesi Tenggara", "total"],
    ]  # fmt: skip
    assert b.targets_for("Touna")["area"].tolist() == [
        "Sulawesi Tengah", "Indonesia", "Indonesia",
    ]  # fmt: skip
    with pytest.raises(UnknownRegencyError):
        b.targets_for("Kolaka")


PROG_HEADER = (
    "kabupaten;program;pembayar;tuas;orang_per_desa;jumlah_orang;anggaran_rp_per_tahun;"
    "termasuk_kelurahan;mulai;selesai;termasuk_angka_awal;sumber;kualitas"
)


def test_programmes_fixture(fixture_data):
    pr = read_programmes().frame
    assert list(pr.columns) == [
        "regency", "programme", "payer", "lever", "persons_per_desa", "persons",
        "amount_rp_per_year", "include_kelurahan", "start", "end", "in_start_figure", "source",
        "quality", "note", "note_id",
    ]  # fmt: skip
    assert pr["start"].tolist() == [
        pd.Period("2024-01", "M"), pd.Period("2025-01", "M"), pd.Period("2025-12", "M"),
    ]  # fmt: skip
    assert pr["persons"].tolist() == [13400, 14600, 6000]
    assert pr["include_kelurahan"].tolist() == [False, True, False]  # empty cell: false
    assert pr["in_start_figure"].tolist() == ["true", "true", "unknown"]


def test_user_programmes_replace_rows_of_the_same_regency(fixture_data, tmp_path):
    write(
        tmp_path,
        "program.csv",
        f"{PROG_HEADER}\n"
        "Kab. Konawe;Kuota desa 2026;APBDes;kuota per desa;50;;;tidak;Jan 2026;Des 2026;"
        "tidak;APBDes 2026;asumsi\n"
        "Konawe;Tambahan Bupati;Pemkab;kohort tetap;;6.000;Rp 1,2 miliar;;12/2025;;ya;"
        "Bupati;teramati\n",
    )
    ds = read_programmes(tmp_path)
    pr = ds.frame
    konawe = pr[pr["regency"] == "Konawe"].reset_index(drop=True)
    assert konawe["programme"].tolist() == ["Kuota desa 2026", "Tambahan Bupati"]
    assert konawe["payer"].tolist() == ["village", "regency"]
    assert konawe["lever"].tolist() == ["quota_per_village", "fixed_cohort"]
    assert konawe.loc[0, "persons_per_desa"] == 50 and pd.isna(konawe.loc[0, "persons"])
    assert konawe.loc[1, "persons"] == 6000
    assert konawe.loc[1, "amount_rp_per_year"] == 1_200_000_000
    assert konawe["start"].astype(str).tolist() == ["2026-01", "2025-12"]
    assert str(konawe.loc[0, "end"]) == "2026-12" and pd.isna(konawe.loc[1, "end"])
    assert konawe["in_start_figure"].tolist() == ["false", "true"]
    # the embedded Tojo Una-Una rows stay; the embedded Konawe row is replaced
    assert pr[pr["regency"] == "Tojo Una-Una"]["persons"].tolist() == [13400, 14600]
    assert len(pr) == 4 and str(pr["start"].dtype) == "period[M]"
    assert ds.path == tmp_path / "program.csv"
    assert ds.meta["merged_with"]["title"] == "Running programmes (test fixture)"


def test_programme_errors(fixture_data, tmp_path):
    write(
        tmp_path,
        "programmes.csv",
        f"{PROG_HEADER}\n"
        "Konawe;A;desa;kuota_per_desa;;;;;2026-01;;;x;asumsi\n"  # 2: quota without persons_per_desa
        "Konawe;B;bank;fixed_cohort;;100;;;2026-01;;;x;asumsi\n"  # 3: unknown payer
        "Konawe;C;kabupaten;apbd_amount;;;;;2026-06;2026-01;mungkin;x;asumsi\n"  # 4: 3 problems
        "Kolaki;D;kabupaten;fixed_cohort;;100;;;13/2026;;;x;asumsi\n"  # 5: regency, start
        "Konawe;B;kabupaten;fixed_cohort;;100;;;Jan 2026;;;x;asumsi\n",  # 6: duplicate of 3
    )
    with pytest.raises(DataValidationError) as info:
        read_programmes(tmp_path)
    got = [(p.row, p.column, phrase(p)) for p in problems_of(info)]
    assert got == [
        (2, "tuas", "orang per desa wajib diisi"),
        (3, "pembayar", "pembayar tidak dikenal"),
        (4, "tuas", "anggaran per tahun wajib diisi"),
        (4, "selesai", "bulan selesai sebelum bulan mulai"),
        (4, "termasuk_angka_awal", "termasuk angka awal tidak dikenal"),
        (5, "kabupaten", "kabupaten tidak dikenal"),
        (5, "mulai", "bulan tidak valid"),
        (6, "kabupaten", "baris ganda: kabupaten × program × bulan mulai sama dengan baris 3"),
    ]
    wanted = {(p.row, p.column): expected(p) for p in problems_of(info)}
    assert "central, province, regency, village" in wanted[(3, "pembayar")]
    assert wanted[(4, "selesai")] == "end >= start (2026-06)"
    assert wanted[(2, "tuas")] == "its value for a quota_per_village programme"
    assert problems_of(info)[0].text("en").startswith("persons_per_desa is required; ")


# ==========================================================================================
# a planner's data folder: unknown files, misspelt columns, encodings, broken files
# ==========================================================================================


def test_file_not_named_after_a_dataset_is_a_problem(fixture_data, tmp_path):
    write(tmp_path, "coverage_planner.csv", f"{COVERAGE_HEADER}\n{GOOD}\n")
    # known non-data files are left alone
    write(tmp_path, "README.md", "# data Konawe\n")
    write(tmp_path, "coverage_planner.meta.yaml", "title: x\n")
    write(tmp_path, "skenario.yaml", "version: 1\n")
    write(tmp_path / "templates", "coverage_template.csv", f"{COVERAGE_HEADER}\n{GOOD}\n")
    write(tmp_path, ".~lock.coverage.csv#", "x")
    write(tmp_path, "~$coverage.xlsx", "x")
    with pytest.raises(DataValidationError) as info:
        load_bundle(tmp_path)
    p = one_problem(info)
    assert (p.file, p.row, p.column) == ("coverage_planner.csv", None, None)
    assert phrase(p) == "berkas tidak dikenal (tidak dibaca)"
    assert "(did you mean coverage.csv? rename it" in expected(p)
    assert "(maksud Anda coverage.csv? ganti namanya" in p.text("id")
    assert str(info.value).startswith("Data tidak valid: 1 masalah di coverage_planner.csv")
    # renamed, the same file is read
    (tmp_path / "coverage_planner.csv").rename(tmp_path / "coverage.csv")
    assert load_bundle(tmp_path).coverage.path == tmp_path / "coverage.csv"


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("coverage_template.xlsx", "did you mean coverage.xlsx?"),
        ("cakupan_2025.csv", "did you mean coverage.csv?"),
        ("data_kabupaten.xlsx", "did you mean regencies.xlsx?"),
        ("dana_desa_nasional_2026.csv", "did you mean dana_desa_national.csv?"),
        ("programes.csv", "did you mean programmes.csv?"),
        ("targets.txt", "did you mean targets.csv or targets.xlsx?"),
        ("laporan BPJS.pdf", None),
    ],
)
def test_unknown_file_suggestions(fixture_data, tmp_path, name, suggestion):
    write(tmp_path, name, "x")
    with pytest.raises(DataValidationError) as info:
        load_bundle(tmp_path)
    p = one_problem(info)
    assert p.file == name
    if suggestion is None:
        assert "did you mean" not in expected(p) and "rename it" in expected(p)
    else:
        assert suggestion in expected(p)


def test_old_excel_file_named_after_a_dataset(fixture_data, tmp_path):
    (tmp_path / "coverage.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    with pytest.raises(DataValidationError) as info:
        load_bundle(tmp_path)
    p = one_problem(info)
    assert p.file == "coverage.xls" and phrase(p).startswith("jenis berkas tidak didukung")
    assert "save an .xls workbook as .xlsx" in expected(p)
    assert "simpan buku kerja .xls sebagai .xlsx" in p.text("id")


def test_unknown_files_and_data_problems_listed_together(fixture_data, tmp_path):
    write(tmp_path, "coverage_planner.csv", "x\n")
    write(tmp_path, "targets.csv", "area,target_pct,deadline,source,quality\nKonawe,101,2030,x,y\n")
    write(tmp_path, "regencies.csv", "regency,province\nKonawe,Sulawesi Tenggara\n")
    with pytest.raises(DataValidationError) as info:
        load_bundle(tmp_path)
    files = [p.file for p in problems_of(info)]
    # the registry is broken, so the other files wait; the unknown file is reported anyway
    assert files[0] == "coverage_planner.csv" and set(files[1:]) == {"regencies.csv"}
    write(tmp_path, "regencies.csv", "regency,province,n_desa,n_kelurahan,source,quality\n"
          "Konawe,Sulawesi Tenggara,297,57,BPS,observed\n")  # fmt: skip
    with pytest.raises(DataValidationError) as info:
        load_bundle(tmp_path)
    files = [p.file for p in problems_of(info)]
    assert files == ["coverage_planner.csv", "targets.csv", "targets.csv", "targets.csv"]


def test_audit_exits_non_zero_for_an_unknown_file(fixture_data, tmp_path):
    from typer.testing import CliRunner

    from ucj_analysis.cli import app

    write(tmp_path, "coverage_template.csv", f"{COVERAGE_HEADER}\n{GOOD}\n")
    result = CliRunner().invoke(app, ["audit", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "coverage_template.csv" in result.output and "coverage.csv" in result.output
    assert "OK:" not in result.output


def test_misspelt_column_is_an_error_naming_the_intended_column(fixture_data, tmp_path):
    header = ID_HEADER.replace("peserta_aktif", "peserta_aktf")
    row = "Konawe;Sulawesi Tenggara;30/04/2025;total;79.388;27.636;34,81;BPJS;teramati"
    write(tmp_path, "coverage.csv", f"{header}\n{row}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an error, not a warning
        with pytest.raises(DataValidationError) as info:
            read_coverage(tmp_path)
    p = one_problem(info)
    assert (p.file, p.row, p.column) == ("coverage.csv", None, "peserta_aktf")
    assert "did you mean 'peserta_aktif' (active)?" in expected(p)
    assert str(p).startswith(
        "coverage.csv, kolom 'peserta_aktf': nama kolom tidak dikenal (salah ketik?); "
        "seharusnya nama kolom yang dikenal: maksud Anda 'peserta_aktif' (active)?"
    )


def test_misspelt_required_column_is_one_problem(fixture_data, tmp_path):
    header = COVERAGE_HEADER.replace("date", "tanggl")
    p = one_problem(_coverage_error(tmp_path, [GOOD], header))
    assert p.column == "tanggl" and "did you mean 'tanggal' (date)?" in expected(p)


def test_column_close_to_a_present_column_stays_ignored(fixture_data, tmp_path):
    write(tmp_path, "coverage.csv", f"{COVERAGE_HEADER},note,note_2\n{GOOD},a,b\n")
    with pytest.warns(UserWarning, match="coverage.csv: columns ignored: note_2$"):
        ds = read_coverage(tmp_path)
    assert ds.meta["ignored_columns"] == ["note_2"]


UTF16_TEXT = (
    "kabupaten\ttanggal\tangkatan_kerja\tpeserta_aktif\tcakupan_persen\tsumber\tkualitas\n"
    "Konawe\t30/04/2025\t79.388\t27.636\t34,81\tBPJS Kendari\tteramati\n"
)


@pytest.mark.parametrize(
    ("bom", "codec", "encoding"),
    [
        (b"\xff\xfe", "utf-16-le", "utf-16"),  # Excel "Unicode text"
        (b"\xfe\xff", "utf-16-be", "utf-16"),
        (b"", "utf-16-le", "utf-16-le"),  # no byte-order mark
    ],
)
def test_utf16_csv_is_read(fixture_data, tmp_path, bom, codec, encoding):
    (tmp_path / "coverage.csv").write_bytes(bom + UTF16_TEXT.encode(codec))
    ds = read_coverage(tmp_path)
    k = ds.frame[ds.frame.regency == "Konawe"].iloc[0]
    assert (k["workforce"], k["active"], k["coverage_pct"]) == (79388, 27636, 34.81)
    assert k["source"] == "BPJS Kendari"
    assert ds.meta["encoding"] == encoding


def test_windows_1252_csv_is_read(fixture_data, tmp_path):
    text = UTF16_TEXT.replace("BPJS Kendari", "BPJS Kendari – Bapak Sé")
    (tmp_path / "coverage.csv").write_bytes(text.encode("cp1252"))
    ds = read_coverage(tmp_path)
    assert ds.frame[ds.frame.regency == "Konawe"]["source"].tolist() == ["BPJS Kendari – Bapak Sé"]
    assert ds.meta["encoding"] == "cp1252"


@pytest.mark.parametrize(
    ("name", "data", "what", "hint"),
    [
        ("coverage.csv", bytes(range(256)) * 8, "berkas bukan CSV", "holds binary data"),
        ("coverage.csv", b"PK\x03\x04" + bytes(200), "berkas bukan CSV", "rename it to .xlsx"),
        ("coverage.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "berkas bukan CSV",
         "Excel 97-2003 (.xls)"),
        ("coverage.xlsx", bytes(range(256)) * 8, "berkas bukan Excel .xlsx", "is not one"),
        ("coverage.xlsx", f"{COVERAGE_HEADER}\n{GOOD}\n".encode(), "berkas bukan Excel .xlsx",
         "rename it to .csv"),
        ("coverage.xlsx", b"PK\x03\x04" + bytes(200), "berkas bukan Excel .xlsx",
         "this zip archive is not one"),
    ],
)  # fmt: skip
def test_unreadable_file_gives_one_message_naming_it(fixture_data, tmp_path, name, data, what,
                                                     hint):  # fmt: skip
    (tmp_path / name).write_bytes(data)
    with pytest.raises(DataValidationError) as info:
        load_bundle(tmp_path)
    p = one_problem(info)
    assert (p.file, p.row, p.column) == (name, None, None)
    assert phrase(p) == f"{what} (tidak dapat dibaca)"
    assert hint in expected(p)
    assert str(info.value).splitlines()[1].startswith(f"{name}: {what}")


def test_random_bytes_as_csv_do_not_raise_a_traceback(fixture_data, tmp_path):
    rng = np.random.default_rng(7)
    for i in range(20):
        data = rng.integers(0, 256, size=int(rng.integers(1, 3000)), dtype=np.uint8).tobytes()
        (tmp_path / "coverage.csv").write_bytes(data)
        try:
            read_coverage(tmp_path)
        except DataValidationError as e:
            assert all(p.file == "coverage.csv" for p in e.problems), i


# ==========================================================================================
# the Indonesian template with one broken row
# ==========================================================================================


def test_indonesian_template_fixture_loads(fixture_data):
    ds = read_coverage(FIXTURES / "user_id_ok")
    assert ds.path == FIXTURES / "user_id_ok" / "coverage.csv"


def test_indonesian_template_with_broken_row(fixture_data):
    with pytest.raises(DataValidationError) as info:
        read_coverage(FIXTURES / "user_id_broken")
    p = one_problem(info)
    assert str(p) == (
        "coverage.csv, baris 4, kolom 'Peserta Aktif' (active), nilai '80.000': peserta aktif "
        "melebihi angkatan kerja; seharusnya active <= workforce (79650) — coverage.csv, row 4, "
        "column 'Peserta Aktif' (active), value '80.000': active exceeds workforce; expected "
        "active <= workforce (79650)"
    )


# ==========================================================================================
# YAML and scenarios
# ==========================================================================================


def test_read_yaml(tmp_path):
    ok = write(tmp_path, "a.yaml", "title: x\nsources:\n  a: {url: 'https://e.org'}\n")
    assert read_yaml(ok) == {"title": "x", "sources": {"a": {"url": "https://e.org"}}}
    bad = write(tmp_path, "b.yaml", "title: x\n  - y: [\n")
    with pytest.raises(DataValidationError) as info:
        read_yaml(bad)
    p = one_problem(info)
    assert p.file == "b.yaml" and p.row == 2 and "YAML" in str(p)
    with pytest.raises(FileNotFoundError):
        read_yaml(tmp_path / "missing.yaml")


def test_read_scenarios_presets_and_user_file(tmp_path):
    from ucj_analysis.scenarios import Scenario

    presets = loaders.read_scenarios()
    assert presets and all(isinstance(s, Scenario) for s in presets.values())
    first = next(iter(presets))
    assert list(loaders.read_scenarios([first])) == [first]
    assert list(loaders.read_scenarios(first)) == [first]
    with pytest.raises(DataValidationError, match="skenario tidak dikenal"):
        loaders.read_scenarios(["no_such_scenario"])
    user = write(
        tmp_path,
        "mine.yaml",
        "version: 1\nscenarios:\n  my_quota:\n    label: {id: Kuota saya, en: My quota}\n"
        "    levers:\n      - {type: quota_per_village, persons_per_desa: 50, start: 2026-01}\n",
    )
    both = loaders.read_scenarios(user)
    assert set(both) == set(presets) | {"my_quota"}
    assert both["my_quota"].label.get("en") == "My quota"


# ==========================================================================================
# the real embedded data in data/
# ==========================================================================================


@pytest.fixture
def real_data(monkeypatch):
    monkeypatch.delenv("UCJ_DATA_DIR", raising=False)
    return REPO_DATA


class TestRealEmbeddedData:
    def test_bundle_loads_and_meta_present(self, real_data):
        b = load_bundle()
        for name in DATASETS:
            ds: Dataset = getattr(b, name)
            assert ds.path.parent.resolve() == REPO_DATA.resolve()
            assert len(ds.frame) > 0
        prov = b.provenance()
        assert (prov["n_rows"] > 0).all()

    def test_konawe_coverage(self, real_data):
        cov = read_coverage().frame
        row = cov[
            (cov.regency == "Konawe")
            & (cov.segment == "total")
            & (cov.date == pd.Timestamp("2025-04-30"))
        ]
        assert len(row) == 1
        row = row.iloc[0]
        assert (row["workforce"], row["active"], row["coverage_pct"]) == (79388, 27636, 34.81)
        assert row["level"] == "regency" and row["province"] == "Sulawesi Tenggara"
        assert row["quality"] == "observed" and bool(row["use_in_model"])

    def test_touna_funded(self, real_data):
        cov = read_coverage().frame
        f = cov[(cov.regency == "Tojo Una-Una") & (cov.segment == "funded")]
        by_year = dict(zip(f["date"].dt.year, f["active"], strict=True))
        assert by_year[2024] == 13400 and by_year[2025] == 14600

    def test_registry(self, real_data):
        reg = read_regencies().frame.set_index("regency")
        assert reg.loc["Konawe", "n_desa"] == 297
        assert reg.loc["Banggai", "n_desa"] == 291
        assert reg.loc["Tojo Una-Una", "n_desa"] == 134
        assert reg.loc["Tojo Una-Una", "n_kelurahan"] == 12

    def test_user_dir_merges_with_real_data(self, real_data):
        cov = read_coverage(FIXTURES / "user_id_ok").frame
        konawe = cov[(cov.regency == "Konawe") & (cov.segment == "total")]
        assert konawe["active"].tolist() == [27636, 28100, 28900]
        assert (cov.level == "province").sum() > 0 and (cov.level == "nation").sum() > 0

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_coverage_template(self, real_data, suffix, tmp_path):
        template = REPO_DATA / "templates" / f"coverage_template{suffix}"
        ds = read_table(template, "coverage")
        assert len(ds.frame) > 0
        assert set(ds.frame["regency"]) <= set(read_regencies().frame["regency"])

    def test_real_template_xlsx_with_broken_row(self, real_data, tmp_path):
        from openpyxl import load_workbook

        template = REPO_DATA / "templates" / "coverage_template.xlsx"
        wb = load_workbook(template)
        ws = wb["coverage"]
        header = [c.value for c in ws[1]]
        ws.cell(row=2, column=header.index("peserta_aktif") + 1, value="80.000")  # > 79388
        wb.save(tmp_path / "coverage.xlsx")
        with pytest.raises(DataValidationError) as info:
            read_coverage(tmp_path)
        p = one_problem(info)
        assert str(p) == (
            "coverage.xlsx, sheet 'coverage', baris 2, kolom 'peserta_aktif' (active), nilai "
            "'80.000': peserta aktif melebihi angkatan kerja; seharusnya active <= workforce "
            "(79388) — coverage.xlsx, sheet 'coverage', row 2, column 'peserta_aktif' (active), "
            "value '80.000': active exceeds workforce; expected active <= workforce (79388)"
        )

    def test_workforce_basis_of_each_regency(self, real_data):
        b = load_bundle()
        assert {r: b.workforce_basis(r) for r in b.regency_names} == {
            "Konawe": "bpjs_non_asn",
            "Banggai": "bps_labour_force",
            "Tojo Una-Una": "bps_labour_force",
        }
        assert b.workforce_basis("Kab. Touna") == "bps_labour_force"

    def test_programmes(self, real_data):
        b = load_bundle()
        pr = b.programmes.frame
        assert str(pr["start"].dtype) == "period[M]" and str(pr["persons"].dtype) == "Int64"
        touna = b.programmes_for("Touna")
        assert touna["persons"].tolist() == [13400, 14600]
        assert touna["start"].astype(str).tolist() == ["2024-01", "2025-01"]
        assert str(touna.loc[0, "end"]) == "2024-12" and pd.isna(touna.loc[1, "end"])
        assert touna["include_kelurahan"].tolist() == [False, True]
        assert set(touna["payer"]) == {"village"} and set(touna["in_start_figure"]) == {"true"}
        konawe = b.programmes_for("Konawe").iloc[0]
        assert (konawe["lever"], konawe["persons"], str(konawe["start"])) == (
            "fixed_cohort", 6000, "2025-12",
        )  # fmt: skip
        assert konawe["in_start_figure"] == "unknown" and konawe["quality"] == "assumed"
        banggai = b.programmes_for("Banggai").iloc[0]
        assert (banggai["payer"], banggai["persons"], banggai["amount_rp_per_year"]) == (
            "regency", 6548, 1_300_000_000,
        )  # fmt: skip
        prov = b.provenance().set_index("dataset").loc["programmes"]
        assert (prov["n_rows"], prov["n_observed"], prov["n_assumed"]) == (4, 2, 2)

    def test_targets_for_each_regency(self, real_data):
        b = load_bundle()
        konawe = b.targets_for("Konawe")
        assert konawe[["area", "level", "segment", "target_pct"]].iloc[0].tolist() == [
            "Konawe", "regency", "pekerja_rentan", 70.0,
        ]  # fmt: skip
        assert set(konawe["level"]) == {"regency", "nation"}  # no Sulawesi Tenggara target
        banggai = b.targets_for("Banggai")
        assert banggai[["area", "target_pct"]].values.tolist()[:2] == [
            ["Banggai", 99.5], ["Sulawesi Tengah", 71.0],
        ]  # fmt: skip
        touna = b.targets_for("Tojo Una-Una")
        assert touna["level"].tolist()[0] == "province"  # no own target
        assert (touna["level"] == "nation").sum() == (b.targets.frame["level"] == "nation").sum()
        nation = touna[touna["level"] == "nation"]
        assert list(nation["deadline"]) == sorted(nation["deadline"])

    @pytest.mark.parametrize(
        "name", ["regencies", "coverage", "village_funds", "assumptions", "targets", "programmes"]
    )
    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_every_template_can_be_dropped_into_a_data_folder(self, real_data, tmp_path, name,
                                                               suffix):  # fmt: skip
        shutil.copyfile(
            REPO_DATA / "templates" / f"{name}_template{suffix}", tmp_path / f"{name}{suffix}"
        )
        b = load_bundle(tmp_path)
        ds = getattr(b, name)
        assert ds.path == tmp_path / f"{name}{suffix}" and "ignored_columns" not in ds.meta
        assert ds.meta["title"] == "user-supplied"
