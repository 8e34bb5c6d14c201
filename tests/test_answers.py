"""The answer table, dates and memo (ucj_analysis.answers) against hand-computed values."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from ucj_analysis import answers as ans

RATE = 16_800.0  # Rp per worker per month (JKK + JKM)
N_DESA = 297


def _inputs(n_desa: int = N_DESA, add: float = 118.8e9, dd: float = 76.27e9):
    def fund_per_year(fund: str, years: np.ndarray) -> np.ndarray:
        return np.full(len(years), add if fund == "ADD" else dd)

    return SimpleNamespace(regency="Konawe", n_desa=n_desa, fund_per_year=fund_per_year)


def _result(appr_village: float, spend: float, arrears: float):
    """A minimal SimulationResult: one regency, two scenarios, known numbers."""
    m = pd.Period
    ttt = pd.DataFrame(
        {
            "regency": ["Konawe", "Konawe"],
            "scenario": ["trend_only", "quota_100_per_desa"],
            "target": [0.995, 0.995],
            "median_month": pd.array([pd.NaT, m("2031-06", "M")], dtype="period[M]"),
            "p10_month": pd.array([pd.NaT, m("2029-01", "M")], dtype="period[M]"),
            "p90_month": pd.array([pd.NaT, pd.NaT], dtype="period[M]"),
            "reached_share": [0.0, 0.7],
            "status": ["not_reached", "reached"],
        }
    )
    prob = pd.DataFrame(
        {
            "regency": "Konawe",
            "scenario": ["trend_only", "trend_only", "quota_100_per_desa", "quota_100_per_desa"],
            "target": 0.995,
            "deadline": pd.array([m(d, "M") for d in ("2030-12", "2045-12") * 2], "period[M]"),
            "probability": [0.0, 0.0, 0.35, 0.7],
        }
    )
    paths = pd.DataFrame(
        {
            "regency": "Konawe",
            "scenario": ["trend_only", "quota_100_per_desa", "trend_only"],
            "month": [m("2030-12", "M"), m("2030-12", "M"), m("2026-11", "M")],
            "variable": "coverage",
            "p10": [0.36, 0.90, 0.35],
            "p50": [0.40, 0.96, 0.37],
            "p90": [0.44, 0.99, 0.39],
        }
    )
    yearly = pd.DataFrame(
        {
            "regency": "Konawe",
            "scenario": ["trend_only", "quota_100_per_desa"],
            "year": 2027,
            "months": 12,
            "persons_funded_p50": [0.0, 25_000.0],
            "appropriation_rp": [0.0, appr_village],
            "appropriation_village_rp": [0.0, appr_village],
            "spending_rp_p50": [0.0, spend],
            "arrears_rp_p50": [0.0, arrears],
            "signups_p50": [0.0, 24_000.0],
            "signups_per_unit_month_p50": [0.0, 24_000 / 12 / N_DESA],
        }
    )
    return SimpleNamespace(
        time_to_target=ttt,
        prob_by_deadline=prob,
        paths=paths,
        yearly_cost=yearly,
        scenarios={"trend_only": None, "quota_100_per_desa": None},
    )


def test_as_of_defaults_to_january_after_the_run_date():
    w = ans.as_of("2026-11-29")
    assert w.run_month == pd.Period("2026-11", "M")
    assert w.budget_start == pd.Period("2027-01", "M")
    assert ans.default_deadlines(w) == ("2027-12", "2030-12", "2045-12")
    assert ans.main_deadline(ans.default_deadlines(w)) == "2030-12"


def test_as_of_refuses_a_budget_start_in_the_past():
    with pytest.raises(ValueError, match="before the run month"):
        ans.as_of("2026-11-29", "2026-01")
    assert ans.as_of("2026-11-29", "2026-12").budget_start == pd.Period("2026-12", "M")
    assert ans.as_of(dt.date(2027, 1, 15)).budget_start == pd.Period("2028-01", "M")


def test_data_age_counts_whole_months():
    # Konawe's latest figure (April 2025) is 19 months old in November 2026
    assert ans.data_age_months(pd.Period("2025-04", "M"), pd.Period("2026-11", "M")) == 19


def test_budget_lines_of_a_quota_are_persons_times_rate_times_twelve():
    appr = 100 * N_DESA * RATE * 12  # 100 workers in each of 297 desa for a year
    assert appr == pytest.approx(5_987_520_000)
    spend, arrears = 4.9e9, 0.5e9
    a = ans.answer_table(
        _result(appr, spend, arrears),
        _inputs(),
        {"trend_only": None, "quota_100_per_desa": None},
        target=0.995,
        deadlines=("2030-12", "2045-12"),
        budget_year=2027,
    ).set_index("scenario")
    q = a.loc["quota_100_per_desa"]
    assert q["appropriation_rp_per_desa"] == pytest.approx(20_160_000)  # Rp 20,16 juta
    assert q["pct_add"] == pytest.approx(appr / 118.8e9 * 100)
    assert q["idle_rp"] == pytest.approx(appr - spend - arrears)
    assert q["coverage_main_p50"] == pytest.approx(96.0)
    assert q["prob_2030-12"] == pytest.approx(0.35)
    assert q["signups_per_month"] == pytest.approx(2_000)
    t = a.loc["trend_only"]
    assert np.isnan(t["appropriation_rp_per_desa"]) and np.isnan(t["pct_add"])


def test_a_city_without_desa_gets_no_per_desa_figure():
    a = ans.answer_table(
        _result(1e9, 0.9e9, 0.0),
        _inputs(n_desa=0),
        {"quota_100_per_desa": None},
        target=0.995,
        deadlines=("2030-12",),
        budget_year=2027,
    )
    assert np.isnan(a["appropriation_rp_per_desa"].iloc[0])


def test_memo_states_age_nowcast_trend_and_the_fastest_scenario():
    res = _result(5_987_520_000, 4.9e9, 0.5e9)
    a = ans.answer_table(
        res,
        _inputs(),
        {"trend_only": None, "quota_100_per_desa": None},
        target=0.995,
        deadlines=("2030-12", "2045-12"),
        budget_year=2027,
    )
    when = ans.as_of("2026-11-29")
    now = ans.nowcast(res, "Konawe", when.run_month, "trend_only")
    assert now["p50"] == pytest.approx(37.0)
    text = ans.memo_sentences(
        a,
        regency_title="Kabupaten Konawe",
        labels={"trend_only": "Tren saat ini", "quota_100_per_desa": "100 pekerja per desa"},
        target=0.995,
        horizon_end="2045-12",
        current_pct=34.81,
        latest_month=pd.Period("2025-04", "M"),
        when=when,
        now=now,
        start_quality="observed",
        lang="id",
    )
    joined = " ".join(text)
    assert "34,81 %" in joined and "19 bulan" in joined
    assert "Perkiraan kini untuk November 2026: 37,0 %" in joined
    assert "tidak tercapai sebelum Desember 2045" in joined
    assert "100 pekerja per desa" in joined and "Juni 2031" in joined
    assert "Rp 5,99 miliar" in joined
    assert not any(w in joined for w in ("reached", "budget", "months"))
