"""Checks of the embedded data in ``data/``: metadata, provenance and every checkable formula.

Reads the CSV and YAML files directly (csv/pandas + yaml), independent of the package loaders,
and recomputes derived figures from the published inputs of the project's FACTS.md compilation.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TEMPLATES = DATA / "templates"
SCHEMA_FILE = ROOT / "ucj_analysis" / "schemas" / "meta.schema.json"

#: Columns of every embedded dataset, in order (docs/ARCHITECTURE.md, "Data files").
EXPECTED_COLUMNS = {
    "regencies": [
        "regency", "province", "n_kecamatan", "n_desa", "n_kelurahan", "population",
        "population_year", "workforce_growth_pct", "workforce_basis", "source", "quality", "note",
        "note_id",
    ],
    "coverage": [
        "regency", "province", "level", "date", "segment", "workforce", "active", "coverage_pct",
        "use_in_model", "source", "quality", "note", "note_id",
    ],
    "national_participants": [
        "date", "active", "registered", "source", "quality", "note", "note_id",
    ],
    "dana_desa_national": ["year", "amount_rp", "n_desa", "source", "quality", "note", "note_id"],
    "village_funds": [
        "regency", "year", "fund", "amount_rp", "n_desa", "source", "quality", "note", "note_id",
    ],
    "contribution_rates": [
        "scheme", "payer", "component", "valid_from", "valid_to", "rate_rp_per_month",
        "legal_basis", "source", "quality", "note", "note_id",
    ],
    "targets": [
        "area", "level", "segment", "target_pct", "deadline", "plan", "source", "quality", "note",
        "note_id",
    ],
    "assumptions": [
        "parameter", "regency", "value", "low", "high", "unit", "source", "quality", "note",
        "note_id",
    ],
    "programmes": [
        "regency", "programme", "payer", "lever", "persons_per_desa", "persons",
        "amount_rp_per_year", "include_kelurahan", "start", "end", "in_start_figure", "source",
        "quality", "note", "note_id",
    ],
}  # fmt: skip
DATE_COLUMNS = {
    "coverage": ["date"],
    "national_participants": ["date"],
    "contribution_rates": ["valid_from", "valid_to"],
    "targets": ["deadline"],
}
#: Datasets a planner may supply, each with a template in data/templates/.
TEMPLATE_DATASETS = (
    "regencies",
    "coverage",
    "village_funds",
    "assumptions",
    "targets",
    "programmes",
)
QUALITY = {"observed", "derived", "assumed"}
REGENCIES = ("Konawe", "Banggai", "Tojo Una-Una")

# Published inputs (FACTS.md) used to recompute derived values.
CENSUS_2020 = {"Konawe": 257_011, "Banggai": 362_275, "Tojo Una-Una": 163_829}
KONAWE_DD_2017 = 297 * 616_345_000  # [Rp] 297 desa × Rp 616.345 million
REGULAR_DD_2026 = 25.00e12  # [Rp] regular part of the 2026 national Dana Desa
SULTENG_NOV_2025 = 43.59  # [%]
BANGGAI_LABOUR_FORCE_AUG_2023 = 201_860  # [persons]
BANGGAI_TPAK_AUG_2023 = 0.7170
TOUNA_TPAK = 0.7533

META_FILES = sorted(
    p for p in DATA.rglob("*.meta.yaml") if "templates" not in p.relative_to(DATA).parts
)


# ------------------------------------------------------------------------------------ helpers


def _jsonable(obj):
    """YAML may parse dates; the schema validates strings."""
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def _schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _meta(name: str) -> dict:
    return _jsonable(yaml.safe_load((DATA / f"{name}.meta.yaml").read_text(encoding="utf-8")))


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)


def _keys(source: str) -> list[str]:
    return [k.strip() for k in re.split(r"[;,]", source) if k.strip()]


def _num(text: str) -> float | None:
    return None if text == "" else float(text)


def _one(frame: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for col, value in where.items():
        mask &= frame[col] == value
    rows = frame[mask]
    assert len(rows) == 1, f"expected one row for {where}, found {len(rows)}"
    return rows.iloc[0]


def _growth(regency: str) -> float:
    """Workforce growth of a regency from regencies.csv. [proportion per year]"""
    return float(_one(_csv("regencies"), regency=regency)["workforce_growth_pct"]) / 100


# ------------------------------------------------------------------------ schema and meta files


def test_schema_is_a_valid_draft_2020_12_schema():
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_dataset_has_a_csv_and_a_meta_file():
    csvs = {p.stem for p in DATA.glob("*.csv")}
    metas = {p.name.removesuffix(".meta.yaml") for p in META_FILES}
    assert csvs == set(EXPECTED_COLUMNS)
    assert metas == set(EXPECTED_COLUMNS)


@pytest.mark.parametrize("path", META_FILES, ids=lambda p: p.name)
def test_meta_file_validates_against_schema(path):
    meta = _jsonable(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [e.message for e in jsonschema.Draft202012Validator(_schema()).iter_errors(meta)]
    assert not errors, errors
    assert meta["quality_column"] == "quality"
    assert meta["note_column"] == "note"
    assert "FACTS.md" in meta["description"]
    for key, src in meta["sources"].items():
        # transcribed from FACTS.md from 21 Nov 2026 on
        assert dt.date.fromisoformat(src["date_accessed"]) >= dt.date(2026, 11, 21), key


@pytest.mark.parametrize(
    "breakage",
    [
        lambda m: m.pop("sources"),
        lambda m: m.pop("columns"),
        lambda m: m.pop("quality_column"),
        lambda m: next(iter(m["sources"].values())).pop("licence_or_terms"),
        lambda m: next(iter(m["sources"].values())).update(url="persadakita.id"),
        lambda m: next(iter(m["sources"].values())).update(date_accessed="21/11/2026"),
        lambda m: next(iter(m["columns"].values())).pop("unit"),
        lambda m: m.update(model_choices=[{"choice": "x"}]),
    ],
    ids=[
        "no-sources", "no-columns", "no-quality-column", "no-licence", "url-without-scheme",
        "date-not-iso", "column-without-unit", "choice-without-reason",
    ],
)  # fmt: skip
def test_schema_rejects_incomplete_meta(breakage):
    meta = copy.deepcopy(_meta("coverage"))
    breakage(meta)
    assert list(jsonschema.Draft202012Validator(_schema()).iter_errors(meta))


# ---------------------------------------------------------------------- CSV structure and rows


@pytest.mark.parametrize("name", sorted(EXPECTED_COLUMNS))
def test_csv_columns_follow_the_contract_and_are_documented(name):
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header == EXPECTED_COLUMNS[name]
    documented = _meta(name)["columns"]
    assert list(documented) == header, "meta columns must match the CSV columns, in order"
    for col, doc in documented.items():
        assert doc["description"].strip(), col


@pytest.mark.parametrize("name", sorted(EXPECTED_COLUMNS))
def test_every_row_cites_declared_sources_and_every_source_is_cited(name):
    frame, sources = _csv(name), _meta(name)["sources"]
    cited = set()
    for i, source in enumerate(frame["source"], start=2):
        keys = _keys(source)
        assert keys, f"{name}.csv row {i}: empty source"
        missing = [k for k in keys if k not in sources]
        assert not missing, f"{name}.csv row {i}: {missing} not in sources"
        cited.update(keys)
    notes = " ".join(frame["note"])
    unused = [k for k in sources if k not in cited and not re.search(rf"\b{k}\b", notes)]
    assert not unused, f"declared but never cited: {unused}"


@pytest.mark.parametrize("name", sorted(EXPECTED_COLUMNS))
def test_quality_flags_and_notes(name):
    frame = _csv(name)
    assert set(frame["quality"]) <= QUALITY
    for i, row in frame.iterrows():
        where = f"{name}.csv row {i + 2}"
        if row["quality"] == "derived":
            assert re.search(r"[=×*/]", row["note"]), f"{where}: derived without a formula"
        if row["quality"] == "assumed":
            assert len(row["note"].strip()) > 20, f"{where}: assumed without a reason"


@pytest.mark.parametrize("name", sorted(DATE_COLUMNS))
def test_dates_are_iso(name):
    frame = _csv(name)
    for col in DATE_COLUMNS[name]:
        for value in frame[col]:
            if value == "" and col == "valid_to":
                continue
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), (col, value)
            dt.date.fromisoformat(value)


def test_no_indonesian_number_formats_in_embedded_numbers():
    numeric = {
        "regencies": ["n_kecamatan", "n_desa", "n_kelurahan", "population", "workforce_growth_pct"],
        "coverage": ["workforce", "active", "coverage_pct"],
        "national_participants": ["active", "registered"],
        "dana_desa_national": ["amount_rp", "n_desa"],
        "village_funds": ["amount_rp", "n_desa"],
        "contribution_rates": ["rate_rp_per_month"],
        "targets": ["target_pct"],
        "assumptions": ["value"],
        "programmes": ["persons_per_desa", "persons", "amount_rp_per_year"],
    }
    for name, cols in numeric.items():
        frame = _csv(name)
        for col in cols:
            for value in frame[col]:
                assert value == "" or re.fullmatch(r"-?\d+(\.\d+)?", value), (name, col, value)


# -------------------------------------------------------------------------------- regencies


def test_regency_registry_and_growth_from_population():
    reg = _csv("regencies").set_index("regency")
    assert list(reg.index) == list(REGENCIES)
    assert reg.loc["Konawe", "province"] == "Sulawesi Tenggara"
    assert (
        reg.loc["Banggai", "province"] == reg.loc["Tojo Una-Una", "province"] == "Sulawesi Tengah"
    )
    assert reg[["n_desa", "n_kelurahan"]].astype(int).to_dict("index") == {
        "Konawe": {"n_desa": 297, "n_kelurahan": 57},
        "Banggai": {"n_desa": 291, "n_kelurahan": 46},
        "Tojo Una-Una": {"n_desa": 134, "n_kelurahan": 12},
    }
    for name, row in reg.iterrows():
        pop, year = int(row["population"]), int(row["population_year"])
        expected = ((pop / CENSUS_2020[name]) ** (1 / (year - 2020)) - 1) * 100
        assert float(row["workforce_growth_pct"]) == pytest.approx(expected, abs=0.005)
        assert f"{CENSUS_2020[name]:,}" in row["note"]
        assert row["quality"] == "derived"


# --------------------------------------------------------------------------------- coverage


def test_coverage_pct_agrees_with_counts():
    cov = _csv("coverage")
    both = cov[(cov["workforce"] != "") & (cov["active"] != "") & (cov["coverage_pct"] != "")]
    assert len(both) >= 5
    for _, row in both.iterrows():
        exact = int(row["active"]) / int(row["workforce"]) * 100
        assert float(row["coverage_pct"]) == pytest.approx(exact, abs=0.1), row["regency"]
        assert int(row["active"]) <= int(row["workforce"])


def test_coverage_levels_segments_and_flags():
    cov = _csv("coverage")
    assert set(cov["level"]) == {"regency", "province", "nation"}
    assert set(cov["segment"]) <= {"total", "pekerja_rentan", "bpu", "funded"}
    assert set(cov["use_in_model"]) == {"true", "false"}
    funded = cov[cov["segment"] == "funded"]
    assert (funded["workforce"] == "").all() and (funded["coverage_pct"] == "").all()
    assert set(cov.loc[cov["level"] == "province", "regency"]) == {
        "Sulawesi Tenggara", "Sulawesi Tengah", "Sulawesi Selatan", "Bali",
    }  # fmt: skip
    assert set(cov.loc[cov["level"] == "nation", "regency"]) == {"Indonesia"}
    for _, row in cov[cov["use_in_model"] == "false"].iterrows():
        assert "not used" in row["note"].lower() or "CONFLICT" in row["note"], row["note"]


def test_at_most_one_used_figure_per_area_month_and_segment():
    cov = _csv("coverage")
    cov["month"] = cov["date"].str[:7]
    used = cov[cov["use_in_model"] == "true"]
    dup = used[used.duplicated(["level", "regency", "month", "segment"], keep=False)]
    assert dup.empty, dup[["regency", "date", "segment"]]


def test_conflicting_province_figures_are_resolved_as_documented():
    cov = _csv("coverage")
    sultra_used = _one(cov, regency="Sulawesi Tenggara", date="2023-12-31")
    sultra_not = _one(cov, regency="Sulawesi Tenggara", date="2023-12-05")
    assert (sultra_used["active"], sultra_used["use_in_model"]) == ("323070", "true")
    assert (sultra_not["active"], sultra_not["coverage_pct"], sultra_not["use_in_model"]) == (
        "284207", "42.00", "false",
    )  # fmt: skip
    sulteng_used = _one(cov, regency="Sulawesi Tengah", date="2021-12-13")
    sulteng_not = _one(cov, regency="Sulawesi Tengah", date="2021-12-31")
    assert (sulteng_used["coverage_pct"], sulteng_used["use_in_model"]) == ("33.46", "true")
    assert (sulteng_not["coverage_pct"], sulteng_not["use_in_model"]) == ("24.22", "false")
    sultra_2021 = _one(cov, regency="Sulawesi Tenggara", date="2021-12-13")
    assert sultra_2021["coverage_pct"] == "30.59" and "31 %" in sultra_2021["note"]
    choices = " ".join(c["choice"] for c in _meta("coverage")["model_choices"])
    assert "323,070" in choices and "33.46 %" in choices


def test_published_regency_and_national_figures():
    cov = _csv("coverage")
    konawe = _one(cov, regency="Konawe", date="2025-04-30", segment="total")
    assert (konawe["workforce"], konawe["active"], konawe["coverage_pct"]) == (
        "79388", "27636", "34.81",
    )  # fmt: skip
    assert konawe["quality"] == "observed" and konawe["use_in_model"] == "true"
    touna = cov[(cov["regency"] == "Tojo Una-Una") & (cov["segment"] == "funded")]
    assert touna[["date", "active"]].values.tolist() == [
        ["2024-12-31", "13400"],
        ["2025-12-31", "14600"],
    ]
    assert int(touna.iloc[0]["active"]) == 100 * 134
    assert int(touna.iloc[1]["active"]) == 100 * (134 + 12)
    nation = _one(cov, level="nation", date="2025-04-30")
    assert nation["coverage_pct"] == "35.68"


def test_assumed_current_coverage_of_banggai_and_tojo_una_una():
    cov = _csv("coverage")
    sulteng = _one(cov, regency="Sulawesi Tengah", segment="total", date="2025-11-22")
    assert float(sulteng["coverage_pct"]) == SULTENG_NOV_2025

    banggai = _one(cov, regency="Banggai", segment="total")
    g_b = _growth("Banggai")
    wf_b = round(BANGGAI_LABOUR_FORCE_AUG_2023 * (1 + g_b) ** (27 / 12))

    pop_b_aug23 = round(377_804 / (1 + g_b) ** (11 / 12))
    share_15plus = round(
        round(BANGGAI_LABOUR_FORCE_AUG_2023 / BANGGAI_TPAK_AUG_2023) / pop_b_aug23, 4
    )
    wf_t = round(169_002 * (1 + _growth("Tojo Una-Una")) ** (28 / 12) * share_15plus * TOUNA_TPAK)
    touna = _one(cov, regency="Tojo Una-Una", segment="total")

    for row, wf in ((banggai, wf_b), (touna, wf_t)):
        assert row["quality"] == "assumed" and row["use_in_model"] == "true"
        assert row["date"] == sulteng["date"]
        assert float(row["coverage_pct"]) == SULTENG_NOV_2025
        assert int(row["workforce"]) == wf
        assert int(row["active"]) == round(SULTENG_NOV_2025 / 100 * wf)
        assert "ASSUMPTION" in row["note"] and f"{wf:,}" in row["note"]
    assert f"{share_15plus:.4f}" in touna["note"]
    funded = cov[(cov["regency"] == "Tojo Una-Una") & (cov["segment"] == "funded")]
    assert int(touna["active"]) > funded["active"].astype(int).max()


# ----------------------------------------------------------------- national series and funds


def test_national_participants():
    nat = _csv("national_participants")
    assert (nat["active"] != "").all()
    assert list(nat["date"]) == sorted(nat["date"])
    for _, row in nat[nat["registered"] != ""].iterrows():
        assert int(row["active"]) <= int(row["registered"])
    dec23 = _one(nat, date="2023-12-31")
    assert int(dec23["active"]) / int(dec23["registered"]) == pytest.approx(0.6805, abs=1e-3)
    assert _one(nat, date="2025-04-30")["active"] == str(int((25.43 + 8.99 + 4.64 + 0.64) * 1e6))


def test_dana_desa_national_series():
    dd = _csv("dana_desa_national")
    assert dd["year"].astype(int).tolist() == list(range(2015, 2027))
    by_year = dd.set_index("year")
    published_average = {"2015": 280.3e6, "2020": 949.78e6, "2023": 933.9e6, "2024": 943.34e6}
    for year, avg in published_average.items():
        amount, n = int(by_year.loc[year, "amount_rp"]), int(by_year.loc[year, "n_desa"])
        assert amount / n == pytest.approx(avg, rel=1e-3), year
    assert int(by_year.loc["2026", "amount_rp"]) == int(60.57e12)
    assert "regular 25.00" in by_year.loc["2026", "note"]


def test_village_funds_dd_derivations():
    vf = _csv("village_funds")
    nat = _csv("dana_desa_national").set_index("year")["amount_rp"].astype(int)
    reg = _csv("regencies").set_index("regency")
    assert len(vf) == len(REGENCIES) * 10 * 2
    dd = vf[vf["fund"] == "DD"]
    base = {r: int(_one(dd, regency=r, year="2017")["amount_rp"]) for r in REGENCIES}
    assert base == {"Konawe": KONAWE_DD_2017, "Banggai": 220_000_000_000, "Tojo Una-Una": 105e9}
    assert _one(dd, regency="Konawe", year="2017")["quality"] == "derived"
    for _, row in dd.iterrows():
        assert int(row["n_desa"]) == int(reg.loc[row["regency"], "n_desa"])
        year = int(row["year"])
        if year == 2017:
            continue
        national = REGULAR_DD_2026 if year == 2026 else float(nat[str(year)])
        expected = base[row["regency"]] * national / float(nat["2017"])
        assert int(row["amount_rp"]) == pytest.approx(expected, abs=1), (row["regency"], year)
        assert row["quality"] == "derived"


def test_village_funds_add_assumption():
    add = _csv("village_funds").query("fund == 'ADD'")
    assert set(add["quality"]) == {"assumed"}
    for _, row in add.iterrows():
        per_desa = 250e6 + 150e6 * (int(row["year"]) - 2017) / 9
        assert int(row["amount_rp"]) == pytest.approx(int(row["n_desa"]) * per_desa, abs=1)
    # the 2026 anchor sits between the two comparators it was rounded from
    assert 401.7e6 - 2e6 < 400e6 < 140e9 / 336
    assert 47e9 / 117 == pytest.approx(401.7e6, rel=1e-3)


# ------------------------------------------------------------ contribution rates and targets


def test_contribution_rates_components_and_periods():
    cr = _csv("contribution_rates")
    for (scheme, payer, start, _end), grp in cr.groupby(
        ["scheme", "payer", "valid_from", "valid_to"]
    ):
        parts = grp.set_index("component")["rate_rp_per_month"].astype(int)
        if {"JKK", "JKM"} <= set(parts.index):
            assert parts["JKK"] + parts["JKM"] == parts["JKK+JKM"], (scheme, payer, start)
    for _, grp in cr.groupby(["scheme", "payer", "component"]):
        periods = sorted(
            (r.valid_from, r.valid_to or "9999-12-31") for r in grp.itertuples(index=False)
        )
        for (_, end), (nxt, _) in zip(periods, periods[1:], strict=False):
            assert end < nxt, periods
        assert periods[-1][1] == "9999-12-31" or len(periods) == 1
    funded = _one(cr, scheme="BPU", payer="funded", component="JKK+JKM", valid_from="2026-01-01")
    assert (funded["rate_rp_per_month"], funded["valid_to"], funded["quality"]) == (
        "16800", "", "assumed",
    )  # fmt: skip
    transport = _one(cr, scheme="BPU_transport", valid_from="2026-01-01")
    assert (transport["rate_rp_per_month"], transport["valid_to"]) == ("8400", "2027-03-31")
    assert transport["quality"] == "observed"


def test_targets():
    tg = _csv("targets")
    assert all(d.endswith("-12-31") for d in tg["deadline"])
    assert set(tg["level"]) == {"regency", "province", "nation"}
    expected = {
        ("Banggai", "RPJMD", "2030-12-31"): "99.50",
        ("Konawe", "Bupati", "2026-12-31"): "70.00",
        ("Indonesia", "RPJPN", "2045-12-31"): "99.50",
        ("Indonesia", "RPJMN", "2025-12-31"): "32.15",
        ("Indonesia", "RPJMN", "2029-12-31"): "43.92",
        ("Indonesia", "RKP", "2026-12-31"): "34.99",
        ("Sulawesi Tengah", "Kemendagri", "2025-12-31"): "71.00",
    }
    got = {(r.area, r.plan, r.deadline): r.target_pct for r in tg.itertuples(index=False)}
    assert {k: got.get(k) for k in expected} == expected
    assert _one(tg, area="Konawe")["segment"] == "pekerja_rentan"


def test_targets_state_their_segment_and_basis():
    tg = _csv("targets")
    konawe = _one(tg, area="Konawe", plan="Bupati")
    assert konawe["segment"] == "pekerja_rentan"
    assert "not of the whole workforce" in konawe["note"]
    banggai = _one(tg, area="Banggai", plan="RPJMD")
    assert (banggai["segment"], banggai["target_pct"]) == ("total", "99.50")
    assert "workforce_basis" in banggai["note"]
    assert "Tojo Una-Una" not in set(tg["area"])  # no own target published


# ------------------------------------------------------------------------- workforce bases


def test_workforce_basis_of_each_regency_with_its_source():
    reg = _csv("regencies").set_index("regency")
    assert reg["workforce_basis"].to_dict() == {
        "Konawe": "bpjs_non_asn",
        "Banggai": "bps_labour_force",
        "Tojo Una-Una": "bps_labour_force",
    }
    expected_source = {
        "Konawe": "persadakita_konawe_2025",
        "Banggai": "bps_banggai_20231211",
        "Tojo Una-Una": "sultimnews_20210528",
    }
    for name, key in expected_source.items():
        assert key in _keys(reg.loc[name, "source"])
        assert f"workforce_basis = {reg.loc[name, 'workforce_basis']}" in reg.loc[name, "note"]
        assert key in reg.loc[name, "note"]
    # the basis matches the starting workforce in coverage.csv
    cov = _csv("coverage")
    konawe = _one(cov, regency="Konawe", segment="total", date="2025-04-30")
    assert konawe["workforce"] == "79388" and "non-ASN" in konawe["note"]
    assert "BPS labour force" in _one(cov, regency="Banggai", segment="total")["note"]


def test_workforce_to_population_factors_recomputed():
    factors = {(f["name"], f["regency"]): f for f in _meta("regencies")["derived_factors"]}
    konawe = factors[("workforce_to_population_pct", "Konawe")]
    assert konawe["value"] == round(79_388 / 262_439 * 100, 2) == 30.25
    assert konawe["basis"] == "bpjs_non_asn"
    pop_aug23 = round(377_804 / (1 + _growth("Banggai")) ** (11 / 12))
    banggai = factors[("workforce_to_population_pct", "Banggai")]
    assert banggai["value"] == round(BANGGAI_LABOUR_FORCE_AUG_2023 / pop_aug23 * 100, 2) == 53.94
    touna = factors[("workforce_to_population_pct", "Tojo Una-Una")]
    assert touna["value"] == round(0.7524 * TOUNA_TPAK * 100, 2) == 56.68
    # the Tojo Una-Una workforce in coverage.csv is population × that factor (grown to Nov 2025)
    wf = int(_one(_csv("coverage"), regency="Tojo Una-Una", segment="total")["workforce"])
    grown = 169_002 * (1 + _growth("Tojo Una-Una")) ** (28 / 12)
    assert wf == round(grown * 0.7524 * TOUNA_TPAK)
    ratio = factors[("non_asn_to_labour_force_ratio", None)]
    assert ratio["value"] == round(konawe["value"] / banggai["value"], 2) == 0.56
    sources = _meta("regencies")["sources"]
    for f in factors.values():
        assert set(f["sources"]) <= set(sources)


# ------------------------------------------------------------------------ running programmes


def test_programme_rows():
    pr = _csv("programmes")
    assert set(pr["payer"]) <= {"village", "regency", "province", "central"}
    assert set(pr["lever"]) <= {"quota_per_village", "fixed_cohort", "apbd_amount", "share_of_fund"}
    assert set(pr["in_start_figure"]) <= {"true", "false", "unknown"}
    for col in ("start", "end"):
        for value in pr[col]:
            assert value == "" or re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value), (col, value)
    reg = _csv("regencies").set_index("regency")
    touna = pr[pr["regency"] == "Tojo Una-Una"].set_index("start")
    assert list(touna.index) == ["2024-01", "2025-01"]
    assert (touna["payer"] == "village").all() and (touna["lever"] == "quota_per_village").all()
    n_desa, n_kel = (
        int(reg.loc["Tojo Una-Una", "n_desa"]),
        int(reg.loc["Tojo Una-Una", "n_kelurahan"]),
    )
    cols_2024 = ["persons_per_desa", "persons", "include_kelurahan", "end"]
    assert touna.loc["2024-01", cols_2024].tolist() == [
        "100", str(100 * n_desa), "false", "2024-12",
    ]  # fmt: skip
    assert touna.loc["2025-01", ["persons", "include_kelurahan", "end"]].tolist() == [
        str(100 * (n_desa + n_kel)), "true", "",
    ]  # fmt: skip
    assert (touna["in_start_figure"] == "true").all() and (touna["quality"] == "observed").all()
    konawe = _one(pr, regency="Konawe")
    assert (konawe["payer"], konawe["lever"], konawe["persons"]) == (
        "regency",
        "fixed_cohort",
        "6000",
    )
    assert (konawe["start"], konawe["in_start_figure"], konawe["quality"]) == (
        "2025-12", "unknown", "assumed",
    )  # fmt: skip
    assert "ASSUMPTION" in konawe["note"] and "not published" in konawe["note"]
    banggai = _one(pr, regency="Banggai")
    assert (banggai["payer"], banggai["persons"], banggai["amount_rp_per_year"]) == (
        "regency", "6548", "1300000000",
    )  # fmt: skip
    assert banggai["start"] == "2022-01" and "ASSUMPTION" in banggai["note"]
    assert "16,544" in banggai["note"] and round(1.3e9 / 6548 / 12) == 16_544
    # the same figures as the funded rows of coverage.csv, citing the same sources
    cov = _csv("coverage")
    funded = cov[cov["segment"] == "funded"]
    for _, row in pr.iterrows():
        match = funded[(funded["regency"] == row["regency"]) & (funded["active"] == row["persons"])]
        assert len(match) == 1, row["programme"]
        assert _keys(match.iloc[0]["source"]) == _keys(row["source"])
    cov_sources = _meta("coverage")["sources"]
    for key, src in _meta("programmes")["sources"].items():
        assert src == cov_sources[key], key


# ------------------------------------------------------------------------------- assumptions


def test_assumptions_recomputed_from_published_figures():
    a = _csv("assumptions")
    reg = set(_csv("regencies")["regency"])
    assert set(a["regency"]) <= reg | {"*"}
    for parameter, grp in a.groupby("parameter"):
        assert "*" in set(grp["regency"]), f"{parameter} has no default row"
    value = {(r.parameter, r.regency): float(r.value) for r in a.itertuples(index=False)}
    assert value[("lapse_rate_organic", "*")] == pytest.approx(1 - 41.56 / 61.08, abs=5e-5)
    assert value[("lapse_rate_organic", "Konawe")] == pytest.approx(
        55_867 / (323_070 + 55_867), abs=5e-5
    )
    for r in ("Banggai", "Tojo Una-Una"):
        assert value[("lapse_rate_organic", r)] == pytest.approx(
            140_872 / (565_871 + 140_872), abs=5e-5
        )
    assert value[("workforce_growth_sd_pct", "*")] == pytest.approx((2.98 - 0.70) / 4, abs=0.005)
    for share in ("lapse_rate_funded", "arrears_share", "budget_realisation_share"):
        assert 0 < value[(share, "*")] < 1
    cr = _csv("contribution_rates")
    open_funded = _one(cr, scheme="BPU", payer="funded", component="JKK+JKM", valid_to="")
    assert value[("monthly_contribution_funded_rp", "*")] == float(open_funded["rate_rp_per_month"])
    rpjpn = _one(_csv("targets"), plan="RPJPN")
    assert value[("target_pct_default", "*")] == float(rpjpn["target_pct"]) == 99.5
    # the inactive counts behind the lapse rates are the ones in coverage.csv
    cov = _csv("coverage")
    assert "55,867 inactive" in _one(cov, regency="Sulawesi Tenggara", date="2023-12-31")["note"]
    assert "140,872 inactive" in _one(cov, regency="Sulawesi Tengah", date="2023-12-31")["note"]


# --------------------------------------------------------------------------------- templates


def _load_template_script():
    spec = importlib.util.spec_from_file_location("make_templates", TEMPLATES / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _same_cell(value, text: str) -> bool:
    """A workbook cell holds what the CSV template writes as ``text`` (decimal comma)."""
    if value is None:
        return text == ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() == text
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(text.replace(",", ".")) == value and "." not in text
    return str(value) == text


@pytest.mark.parametrize("name", TEMPLATE_DATASETS)
def test_templates_match_each_other_and_the_data(name):
    import openpyxl

    from ucj_analysis.loaders import COLUMN_ALIASES, read_table

    module = _load_template_script()
    with open(TEMPLATES / f"{name}_template.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    columns = [c for c in EXPECTED_COLUMNS[name] if c != "note_id"]  # not in the templates
    headers = rows[0]
    assert len(headers) == len(columns)
    for column, header in zip(columns, headers, strict=True):
        if COLUMN_ALIASES.get(column):  # an Indonesian name wherever the loaders know one
            assert header in COLUMN_ALIASES[column], (column, header)
    wb = openpyxl.load_workbook(TEMPLATES / f"{name}_template.xlsx")
    assert wb.sheetnames == [name]
    sheet = [list(r) for r in wb[name].iter_rows(values_only=True)]
    assert [str(c) for c in sheet[0]] == headers
    assert len(sheet) == len(rows)
    for r_xlsx, r_csv in zip(sheet[1:], rows[1:], strict=True):
        assert all(_same_cell(v, t) for v, t in zip(r_xlsx, r_csv, strict=True)), (r_xlsx, r_csv)
    assert 2 <= len(rows) - 1 <= 4
    assert module.template_rows(name) == (
        headers,
        [dict(zip(headers, r, strict=True)) for r in rows[1:]],
    )

    # both templates load, and give the same values as the embedded rows they were copied from
    embedded = read_table(DATA / f"{name}.csv", name).frame
    examples = module.example_rows(name)
    for suffix in ("csv", "xlsx"):
        got = read_table(TEMPLATES / f"{name}_template.{suffix}", name).frame
        assert len(got) == len(examples)
        for i, example in enumerate(examples):
            (j,) = [k for k in range(len(embedded)) if _same_row(embedded, k, example, columns)]
            for col in columns:
                if col == "note":
                    assert got.loc[i, col] == ""
                    continue
                if col == "source":
                    key = example["source"].split(";")[0]
                    assert got.loc[i, col] == _meta(name)["sources"][key]["url"]
                    continue
                a, b = got.loc[i, col], embedded.loc[j, col]
                assert (pd.isna(a) and pd.isna(b)) or a == b, (suffix, i, col, a, b)


def _same_row(frame: pd.DataFrame, k: int, example: dict, columns: list[str]) -> bool:
    """Row ``k`` of a loaded frame is the CSV row ``example`` (compared on its key columns)."""
    keys = [c for c in ("regency", "area", "parameter", "date", "segment", "year", "fund",
                        "plan", "programme") if c in columns]  # fmt: skip
    for c in keys:
        v = frame.loc[k, c]
        text = v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else str(v)
        if text != example[c]:
            return False
    return True


def test_every_planner_dataset_has_a_template_and_nothing_else_is_there():
    names = {p.name for p in TEMPLATES.iterdir() if p.suffix in (".csv", ".xlsx")}
    villages = {"villages_template.csv", "villages_template.xlsx"}  # the optional village file
    expected = {f"{n}_template.{s}" for n in TEMPLATE_DATASETS for s in ("csv", "xlsx")}
    assert names == expected | villages
    assert _load_template_script().DATASETS == TEMPLATE_DATASETS


# ------------------------------------------------------------------------------------ README


def test_readme_quality_counts_match_the_data():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    table = {
        m.group(1): [int(m.group(i)) for i in range(2, 6)]
        for m in re.finditer(
            r"^\| `(\w+)\.csv` \|[^|]+\| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", text, re.M
        )
    }
    assert set(table) == set(EXPECTED_COLUMNS)
    for name, (rows, observed, derived, assumed) in table.items():
        counts = _csv(name)["quality"].value_counts()
        got = [
            len(_csv(name)),
            *(int(counts.get(q, 0)) for q in ("observed", "derived", "assumed")),
        ]
        assert got == [rows, observed, derived, assumed], name
