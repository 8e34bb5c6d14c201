"""Execute every report notebook through papermill (real kernel) and check the numbers it records.

Small settings (few Monte Carlo draws) keep this to about a minute; the assertions are on values
the notebooks computed from the embedded data, not on "it ran".
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
import pytest

from ucj_analysis import render
from ucj_analysis.loaders import load_bundle

ROOT = Path(__file__).resolve().parents[1]
NB = ROOT / "notebooks"
KERNEL = "ucj"

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
    assert rec["n_not_used"] == 7  # conflicting / uncertain figures kept but not used
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
    # cost of 10 % of ADD in 2026 is at most 10 % of Konawe's (assumed) ADD 2026, Rp 118.8 bn
    cost = {(c["scenario"], c["year"]): c for c in rec["yearly_cost"]}
    assert cost[("trend_only", 2026)]["cost_rp"] == 0
    assert 0 < cost[("add_10", 2026)]["cost_rp"] <= 0.10 * 118_800_000_000 + 1
    # the whole gap of ~51,750 workers costs about Rp 10.4 bn a year at Rp 201,600 each
    assert 8e9 < cost[("fund_gap", 2027)]["cost_rp"] < 12e9
    budget = [b for b in rec["budget_to_target"] if b["payer"] == "regency"]
    assert budget and all(b["feasible"] for b in budget)
    by2030 = [b for b in budget if b["deadline"] == "2030-12"]
    assert {b["probability"] for b in by2030} == {0.5, 0.8}
    b50 = next(b for b in by2030 if b["probability"] == 0.5)
    b80 = next(b for b in by2030 if b["probability"] == 0.8)
    assert 5e9 < b50["budget_rp_per_year"] <= b80["budget_rp_per_year"] < 20e9
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
    curve = rec["budget_curve"]
    assert len(curve) == 9
    budgets = [c["budget_rp_per_year"] for c in curve]
    assert budgets == sorted(budgets) and budgets[0] == 0
    months = [_ordinal(c["median_month"]) for c in curve]
    assert all(a >= b for a, b in zip(months, months[1:], strict=False))
    cov = [c["coverage_at_deadline"] for c in curve]
    assert all(0 <= c <= 1 for c in cov)
    assert all(a <= b + 1e-9 for a, b in zip(cov, cov[1:], strict=False))
    assert not math.isinf(months[-1])  # twice the gap's cost reaches the target
    sens = {s["parameter"] for s in rec["sensitivity"]}
    # regency (APBD) money is targeted: village arrears do not enter its sensitivity
    assert sens == {
        "trend_slope",
        "lapse_funded",
        "lapse_organic",
        "workforce_growth",
        "contribution",
        "enrolment",
    }


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
    assert all(p["budget_feasible"] for p in pf)
    # the regency budget to close Konawe's gap by 2030 is about the gap's yearly cost (Rp 10.4 bn)
    assert 6e9 < konawe["budget_rp_per_year"] < 16e9
    for p in pf:
        assert 0 <= p["coverage_deadline"] <= 1
        assert set(p["median_month"]) == {"trend_only", "add_10", "fund_gap"}
