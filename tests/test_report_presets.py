"""Preset scenarios in a real forecast (embedded data): budget lines recomputed by hand."""

from __future__ import annotations

import pytest

from ucj_analysis import report

RATE_YEAR = 16_800 * 12  # Rp per worker per year (JKK + JKM, no relief for funded workers)


@pytest.fixture(scope="module")
def konawe():
    return report.regency_forecast(
        "Konawe",
        n_draws=80,
        as_of="2026-11-29",
        scenarios=["trend_only", "quota_100_per_desa", "sppg_10"],
    )


def test_sppg_is_opt_in_and_sized_at_54_workers_per_kitchen(konawe):
    assert "sppg_10" not in report._scenarios(None)
    a = konawe.answers().set_index("scenario")
    # Konawe's running programme (6,000 workers added by the Bupati, from Dec 2025) is in every
    # scenario; 10 kitchens x 54 workers come on top
    assert a.loc["trend_only", "appropriation_rp"] == pytest.approx(6_000 * RATE_YEAR)
    assert a.loc["sppg_10", "appropriation_rp"] == pytest.approx((6_000 + 540) * RATE_YEAR)


def test_quota_budget_line_is_persons_times_rate(konawe):
    a = konawe.answers().set_index("scenario")
    q = a.loc["quota_100_per_desa"]
    assert q["appropriation_rp_per_desa"] == pytest.approx(100 * RATE_YEAR)  # Rp 20,16 juta
    assert q["appropriation_village_rp"] == pytest.approx(297 * 100 * RATE_YEAR)
    assert q["spending_rp"] + q["arrears_rp"] + q["idle_rp"] == pytest.approx(
        q["appropriation_rp"], rel=1e-9
    )
    assert konawe.budget_year == 2027


def test_no_reported_month_before_the_run_month(konawe):
    a = konawe.answers()
    for col in ("median_month", "p10_month", "p90_month"):
        months = a[col].dropna()
        assert (months >= konawe.when.run_month).all()
