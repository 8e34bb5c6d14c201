"""Execute every report notebook through papermill (real kernel) and check the numbers it records.

Small settings (few Monte Carlo draws) keep this to about a minute; the assertions are on values
the notebooks computed from the embedded data, not on "it ran".
"""

from __future__ import annotations

import csv
import math
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
import pytest

from ucj_analysis import render
from ucj_analysis.inputs import build_regency_inputs
from ucj_analysis.loaders import load_bundle

ROOT = Path(__file__).resolve().parents[1]
NB = ROOT / "notebooks"
KERNEL = "ucj"
AS_OF = "2026-11-29"  # fixed run date: the numbers do not depend on the day the tests run
DATED = ("02_regency_forecast", "03_budget_scenarios", "04_portfolio")  # take as_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session", autouse=True)
def ucj_kernel():
    """Make sure the project's kernel exists (``make env`` registers it; plain pytest may not)."""
    from jupyter_client.kernelspec import KernelSpecManager

    if KERNEL not in KernelSpecManager().find_kernel_specs():
        subprocess.run(
            [sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", KERNEL],
            check=True,
            capture_output=True,
        )


def run(name: str, tmp_path: Path, **params) -> tuple[nbformat.NotebookNode, dict]:
    out = tmp_path / f"{name}.ipynb"
    if name in DATED:
        params = {"as_of": AS_OF, **params}
    pm.execute_notebook(
        str(NB / f"{name}.ipynb"),
        str(out),
        parameters=params,
        kernel_name=KERNEL,
        progress_bar=False,
        cwd=str(NB),
    )
    nb = nbformat.read(out, as_version=4)
    return nb, render.read_records(nb)


def _ordinal(month: str | None) -> float:
    return math.inf if month is None else pd.Period(month, freq="M").ordinal


def test_data_audit_records_every_dataset(tmp_path):
    nb, rec = run("01_data_audit", tmp_path)
    prov = load_bundle().provenance()
    assert rec["n_datasets"] == len(prov) == 9
    assert rec["quality_counts"] == {
        "observed": int(prov["n_observed"].sum()),
        "derived": int(prov["n_derived"].sum()),
        "assumed": int(prov["n_assumed"].sum()),
    }
    # conflicting / uncertain figures are kept but not used: count them in the file itself
    with open(ROOT / "data" / "coverage.csv", encoding="utf-8", newline="") as fh:
        flags = [row["use_in_model"].strip().lower() for row in csv.DictReader(fh)]
    assert set(flags) == {"true", "false"}
    assert rec["n_coverage_rows"] == len(flags)
    assert rec["n_not_used"] == flags.count("false") > 0
    html = render.notebook_to_html(
        nb, title="audit", header={}, footer={"datasets": rec["provenance"]}
    )
    assert "persadakita" in html and "teramati" in html and "asumsi" in html


def test_regency_forecast_konawe(tmp_path):
    nb, rec = run("02_regency_forecast", tmp_path, regency="Kab. Konawe", n_draws=80)
    assert rec["regency"] == "Konawe"
    assert rec["current_coverage_pct"] == pytest.approx(34.81)
    assert rec["current_coverage_quality"] == "observed"
    assert rec["start_month"] == "2025-04"
    assert rec["target_pct"] == 99.5
    ttt = {r["scenario"]: r for r in rec["time_to_target"]}
    assert set(ttt) == {
        "trend_only",
        "add_5",
        "add_10",
        "quota_100_per_desa",
        "fund_gap",
        "arrears_stress",
    }
    # funding the whole gap reaches 99.5 % well before 2030; the trend alone does not
    assert ttt["fund_gap"]["status"] == "reached"
    assert ttt["fund_gap"]["median_month"] < "2030-12"
    assert ttt["fund_gap"]["prob_by_deadline"]["2030-12"] > 0.9
    assert ttt["trend_only"]["prob_by_deadline"]["2030-12"] < 0.05
    # more money never makes the target later; arrears never make it earlier
    assert ttt["add_10"]["reached_share"] >= ttt["add_5"]["reached_share"]
    assert ttt["add_10"]["reached_share"] >= ttt["arrears_stress"]["reached_share"]
    for r in ttt.values():
        assert 0.0 <= r["prob_main_deadline"] <= 1.0
        assert 0.0 <= r["coverage_main_deadline_pct"] <= 100.0
    # by Dec 2030, 10 % of ADD lifts median coverage well above the trend and above 5 % of ADD
    cov = {k: r["coverage_main_deadline_pct"] for k, r in ttt.items()}
    assert cov["trend_only"] + 20 < cov["add_5"] < cov["add_10"]
    assert cov["arrears_stress"] < cov["add_10"]
    # run 29 Nov 2026: scenarios act from Jan 2027, the first budget year is a deadline
    assert (rec["run_date"], rec["budget_start"]) == ("2026-11-29", "2027-01")
    assert rec["latest_figure_month"] == "2025-04" and rec["data_age_months"] == 19
    assert rec["workforce_basis"] == "bpjs_non_asn" and rec["n_draws"] == 80
    assert set(ttt["fund_gap"]["prob_by_deadline"]) == {"2027-12", "2030-12", "2045-12"}
    assert {r["main_deadline"] for r in ttt.values()} == {"2030-12"}
    assert {r["budget_year"] for r in ttt.values()} == {2027}

    # budget lines of 2027 by hand: Rp 16,800 a month per worker (village- and regency-paid
    # workers get no PP 50/2025 relief), 297 desa, ADD Rp 400 m per desa, and the Bupati's
    # running programme of 6,000 workers (programmes.csv) in every scenario, the trend too
    b = load_bundle()
    n_desa = int(b.regencies.frame.set_index("regency").loc["Konawe", "n_desa"])
    inp = build_regency_inputs(b, "Konawe")
    assert n_desa == 297 and inp.rate_at(pd.PeriodIndex(["2027-01"], freq="M"))[0] == 16_800
    assert max(inp.add_per_year) == max(inp.dd_per_year) == 2026  # carried into 2027 flat
    add_per_desa = inp.add_per_year[2026] / n_desa
    dd_2026 = inp.dd_per_year[2026]  # Dana Desa 2026 (regular allocation), Rp 76.27 bn
    assert add_per_desa == pytest.approx(400e6)
    running = int(b.programmes_for("Konawe")["persons"].sum())
    assert running == 6000
    year_rp = 16_800 * 12  # Rp 201,600 per worker per year
    programme_rp = running * year_rp  # Rp 1,209,600,000
    line = {k: r["appropriation_rp_per_year"] for k, r in ttt.items()}
    assert line["trend_only"] == pytest.approx(programme_rp)
    assert ttt["quota_100_per_desa"]["appropriation_rp_per_desa"] == 100 * year_rp  # 20,160,000
    assert line["quota_100_per_desa"] == pytest.approx(n_desa * 100 * year_rp + programme_rp)
    assert ttt["quota_100_per_desa"]["appropriation_pct_add"] == pytest.approx(
        100 * 100 * year_rp / add_per_desa
    )  # 5.04 %
    for sid, share in (("add_5", 0.05), ("add_10", 0.10), ("arrears_stress", 0.10)):
        assert ttt[sid]["appropriation_rp_per_desa"] == pytest.approx(share * add_per_desa)
        assert line[sid] == pytest.approx(n_desa * share * add_per_desa + programme_rp)
        assert ttt[sid]["appropriation_pct_add"] == pytest.approx(share * 100)
        assert ttt[sid]["appropriation_pct_dd"] == pytest.approx(
            100 * share * add_per_desa * n_desa / dd_2026
        )  # 10 % of ADD = 15.58 % of DD 2026
    for r in ttt.values():  # what is paid never exceeds what is appropriated
        assert 0 <= r["spending_rp_per_year"] <= r["appropriation_rp_per_year"] + 1
    assert ttt["arrears_stress"]["arrears_rp_per_year"] > ttt["add_10"]["arrears_rp_per_year"]
    assert ttt["trend_only"]["arrears_rp_per_year"] == 0 == ttt["trend_only"]["idle_rp_per_year"]

    cost = {(c["scenario"], c["year"]): c for c in rec["yearly_cost"]}
    # 2026 is before the budget start: every scenario costs only the running programme
    assert 0.99 * programme_rp < cost[("trend_only", 2026)]["cost_rp"] <= programme_rp
    for sid in ttt:
        assert cost[(sid, 2026)]["cost_rp"] == cost[("trend_only", 2026)]["cost_rp"], sid
    assert cost[("trend_only", 2027)]["cost_rp"] == pytest.approx(programme_rp)
    # funding the gap in 2027 is limited by enrolment, not by money: 8.333 persons per unit
    # (297 desa + 57 kelurahan) per month, so 1 + 2 + ... + 12 = 78 enrolled person-months per
    # unit paid at Rp 16,800: 8.333 x 354 x 78 x 16,800 = Rp 3.87 bn on top of the programme
    enrolled_rp = 8.333 * (297 + 57) * 78 * 16_800
    gap_2027 = cost[("fund_gap", 2027)]["cost_rp"]
    assert gap_2027 == pytest.approx(programme_rp + enrolled_rp, rel=0.15)
    assert gap_2027 < 0.6 * line["fund_gap"]
    assert ttt["fund_gap"]["signups_per_month"] == pytest.approx(8.333 * (297 + 57), rel=0.05)

    # the smallest regency (APBD) budget: none reaches 99.5 % by Dec 2027 (enrolment is too
    # slow); by Dec 2030 it is about the gap's yearly cost (51,757 workers x Rp 201,600 =
    # Rp 10.4 bn); village money spread evenly over all desa never reaches it
    budget = rec["budget_to_target"]
    regency = {(x["deadline"], x["probability"]): x for x in budget if x["payer"] == "regency"}
    assert set(regency) == {(d, p) for d in ("2027-12", "2030-12", "2045-12") for p in (0.5, 0.8)}
    assert not regency[("2027-12", 0.5)]["feasible"] and not regency[("2027-12", 0.8)]["feasible"]
    assert regency[("2027-12", 0.5)]["budget_rp_per_year"] is None
    gap_rp = 79_388 * (0.995 - 0.3481) * year_rp
    b50, b80 = regency[("2030-12", 0.5)], regency[("2030-12", 0.8)]
    assert b50["feasible"] and b80["feasible"]
    assert 0.7 * gap_rp < b50["budget_rp_per_year"] <= b80["budget_rp_per_year"] < 1.5 * gap_rp
    assert b50["budget_rp_per_village"] == pytest.approx(b50["budget_rp_per_year"] / n_desa)
    assert regency[("2045-12", 0.5)]["budget_rp_per_year"] <= b50["budget_rp_per_year"]
    village = [x for x in budget if x["payer"] == "village"]
    assert len(village) == 6 and not any(x["feasible"] for x in village)
    html = render.notebook_to_html(nb, title="Konawe", header={"regency": "Konawe"}, footer={})
    assert "data:image/png;base64" in html
    assert "Tren saat ini" in html and "tidak tercapai sebelum" in html


def test_regency_forecast_in_english(tmp_path):
    nb, rec = run(
        "02_regency_forecast",
        tmp_path,
        regency="Tojo Una Una",
        n_draws=40,
        lang="en",
        scenarios=["trend_only", "quota_100_per_desa"],
    )
    assert rec["regency"] == "Tojo Una-Una"
    assert rec["current_coverage_quality"] == "assumed"
    labels = {r["scenario"]: r["scenario_label"] for r in rec["time_to_target"]}
    assert labels["trend_only"] == "Current trend only"
    html = render.notebook_to_html(nb, title="Touna", header={}, footer={}, lang="en")
    assert "When the target is reached" in html and "assumption" in html


def test_budget_scenarios_curve_is_monotone(tmp_path):
    _, rec = run("03_budget_scenarios", tmp_path, regency="Banggai", n_draws=60)
    assert (rec["run_date"], rec["budget_start"]) == ("2026-11-29", "2027-01")
    curve = rec["budget_curve"]
    # nine budgets from 0 to twice the gap's yearly cost: Banggai's 206,660 workers (coverage.csv,
    # BPS labour force) x (100 % - 43.59 %) x Rp 16,800 x 12 = Rp 23.50 bn
    gap_rp = 206_660 * (1 - 0.4359) * 16_800 * 12
    budgets = [c["budget_rp_per_year"] for c in curve]
    assert budgets == pytest.approx([k * gap_rp / 4 for k in range(9)], rel=1e-9)
    months = [_ordinal(c["median_month"]) for c in curve]
    assert all(a >= b for a, b in zip(months, months[1:], strict=False))
    cov = [c["coverage_at_deadline"] for c in curve]
    assert all(0 <= c <= 1 for c in cov)
    assert all(a <= b + 1e-9 for a, b in zip(cov, cov[1:], strict=False))
    assert cov[0] + 0.3 < cov[-1]  # money moves coverage by the deadline
    assert math.isinf(months[0])  # without money the trend does not reach 99.5 % by 2045
    assert not math.isinf(months[-1])  # twice the gap's cost reaches the target
    # sensitivity: the trend, workforce growth, the contribution, and every drawn assumption with
    # a stated range in assumptions.csv; regency (APBD) money is targeted, so the village-only
    # ones (arrears, realisation, spread over villages) do not enter
    ranges = pd.read_csv(ROOT / "data" / "assumptions.csv")
    ranges = ranges[ranges["regency"].isin(["*", "Banggai"])]
    with_range = set(ranges.loc[ranges["low"] < ranges["high"], "parameter"])
    drawn = {"lapse_rate_funded": "lapse_funded", "lapse_rate_organic": "lapse_organic",
             "enrolment_pace_per_village_month": "enrolment"}  # fmt: skip
    assert {"lapse_rate_funded", "enrolment_pace_per_village_month"} <= with_range
    assert "lapse_rate_organic" not in with_range  # a point value: not varied
    sens = {s["parameter"]: s for s in rec["sensitivity"]}
    assert set(sens) == {"trend_slope", "workforce_growth", "contribution"} | {
        drawn[p] for p in with_range if p in drawn
    }
    for s in sens.values():
        assert s["base_months"] == sens["trend_slope"]["base_months"]
    # faster enrolment and less lapse never make the target later
    assert _months(sens["enrolment"]["months_high"]) <= _months(sens["enrolment"]["months_low"])
    assert _months(sens["lapse_funded"]["months_low"]) <= _months(
        sens["lapse_funded"]["months_high"]
    )


def _months(value: float | None) -> float:
    return math.inf if value is None else value


def test_portfolio_ranks_all_regencies(tmp_path):
    _, rec = run("04_portfolio", tmp_path, n_draws=60)
    pf = rec["portfolio"]
    assert {p["regency"] for p in pf} == {"Konawe", "Banggai", "Tojo Una-Una"}
    key = [
        (_ordinal(p["median_month"][p["rank_by"]]), -p["prob_deadline"], -p["coverage_deadline"])
        for p in pf
    ]
    assert key == sorted(key)
    konawe = next(p for p in pf if p["regency"] == "Konawe")
    assert konawe["current_coverage_pct"] == pytest.approx(34.81)
    assert {p["rank_by"] for p in pf} == {"fund_gap"} and {p["budget_year"] for p in pf} == {2027}
    basis = {p["regency"]: p["workforce_basis"] for p in pf}
    assert basis == {r: load_bundle().workforce_basis(r) for r in basis}
    # the regency budget to close Konawe's gap by 2030 is about the gap's yearly cost:
    # 79,388 x (99.5 % - 34.81 %) x Rp 201,600 = Rp 10.35 bn
    gap_rp = 79_388 * (0.995 - 0.3481) * 16_800 * 12
    assert konawe["budget_feasible"]
    assert 0.7 * gap_rp < konawe["budget_rp_per_year"] < 1.3 * gap_rp
    for p in pf:
        assert 0 <= p["coverage_deadline"] <= 1
        assert set(p["median_month"]) == {"trend_only", "add_10", "fund_gap"}
        assert p["median_month"]["trend_only"] is None  # the trend alone: not by 2045
        # a budget is shown exactly when one reaches the target by the deadline
        assert (p["budget_rp_per_year"] is not None) == p["budget_feasible"], p["regency"]
        if not p["budget_feasible"]:  # enrolment-limited: even funding the gap is a coin toss
            assert p["prob_deadline"] < 0.6, p["regency"]
