"""Rolling-origin backtest: bookkeeping, baselines with known answers, interval calibration."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ucj_analysis.models.backtest import (
    ERROR_COLUMNS,
    DriftModel,
    NaiveModel,
    backtest_many,
    backtest_summary,
    rolling_origin_backtest,
)
from ucj_analysis.models.trend import LogisticGrowthModel, LogitETSModel, expit, logit

MONTHS = pd.PeriodIndex(
    ["2018-12", "2019-12", "2021-02", "2021-12", "2022-04", "2022-12", "2023-02", "2023-03",
     "2023-04", "2024-01"],
    freq="M",
)  # fmt: skip


def _months_since_start(index: pd.PeriodIndex) -> np.ndarray:
    return np.array([(p - index[0]).n for p in index], dtype=float)


def test_row_bookkeeping_for_min_train_and_horizon():
    y = pd.Series(np.linspace(0.3, 0.4, 10), index=MONTHS)
    err = rolling_origin_backtest(y, None, min_train=4, horizon=2)
    assert list(err.columns) == ERROR_COLUMNS
    # origins 4..9 -> 2 targets each except the last origin (1 target): 11 rows per baseline
    assert err.groupby("model").size().to_dict() == {"drift": 11, "naive": 11}
    first = err[(err["model"] == "naive")].iloc[0]
    assert str(first["origin"]) == "2021-12" and str(first["target"]) == "2022-04"
    assert first["lead_months"] == 4 and first["h"] == 1
    second = err[(err["model"] == "naive")].iloc[1]
    assert second["lead_months"] == 12 and second["h"] == 2


def test_naive_is_exact_on_a_constant_series():
    y = pd.Series(0.35, index=MONTHS)
    err = rolling_origin_backtest(y, None, min_train=3, horizon=1, baselines=["naive"])
    assert err["abs_error_pp"].max() == pytest.approx(0.0, abs=1e-12)
    assert err["inside"].all()


def test_drift_is_exact_on_a_logit_linear_series_with_irregular_gaps():
    m = _months_since_start(MONTHS)
    y = pd.Series(expit(-1.0 + 0.02 * m), index=MONTHS)
    err = rolling_origin_backtest(y, None, min_train=2, horizon=3, baselines=["drift"])
    assert len(err) > 0
    assert err["abs_error_pp"].max() == pytest.approx(0.0, abs=1e-9)
    summary = backtest_summary(err)
    assert summary.loc[0, "mae_pp"] == pytest.approx(0.0, abs=1e-9)


def test_errors_are_in_percentage_points():
    y = pd.Series([0.30, 0.30, 0.35], index=MONTHS[:3])
    err = rolling_origin_backtest(y, None, min_train=2, horizon=1, baselines=["naive"])
    assert err["error_pp"].iloc[0] == pytest.approx(-5.0)
    assert err["abs_error_pp"].iloc[0] == pytest.approx(5.0)


def test_baseline_intervals_need_enough_points():
    y = pd.Series([0.30, 0.31, 0.33, 0.34], index=MONTHS[:4])
    err = rolling_origin_backtest(y, None, min_train=1, horizon=1)
    naive = err[err["model"] == "naive"].set_index("n_train")
    drift = err[err["model"] == "drift"].set_index("n_train")
    assert naive.loc[1, "status"] == "no_interval" and pd.isna(naive.loc[1, "inside"])
    assert naive.loc[2, "status"] == "ok"
    assert drift.loc[1, "status"] == "skipped"  # a drift needs two points
    assert drift.loc[2, "status"] == "no_interval"  # and three for an interval
    assert drift.loc[3, "status"] == "ok"


def test_short_training_windows_are_skipped_with_reason():
    y = pd.Series(np.linspace(0.3, 0.4, 10), index=pd.period_range("2020-01", periods=10, freq="M"))
    err = rolling_origin_backtest(y, lambda s: LogitETSModel(s), min_train=5, horizon=1, name="ets")
    ets = err[err["model"] == "ets"].set_index("n_train")
    assert (ets.loc[[5, 6], "status"] == "skipped").all()
    assert "at least 7 observed months" in ets.loc[5, "reason"]
    assert (ets.loc[[7, 8, 9], "status"] == "ok").all()
    summary = backtest_summary(err).set_index("model")
    assert summary.loc["ets", "n_skipped"] == 2 and summary.loc["ets", "n_forecasts"] == 3


def test_drift_interval_is_calibrated_on_a_random_walk_with_drift():
    rng = np.random.default_rng(2025)
    n = 160
    idx = pd.period_range("2010-01", periods=n, freq="M")
    y = pd.Series(expit(-1.5 + np.cumsum(0.01 + 0.05 * rng.standard_normal(n))), index=idx)
    err = rolling_origin_backtest(y, None, min_train=30, horizon=1, baselines=["drift"])
    share = backtest_summary(err).loc[0, "interval_coverage"]
    assert 0.72 < share < 0.88  # nominal 80 %
    err95 = rolling_origin_backtest(
        y, None, min_train=30, horizon=1, baselines=["drift"], alpha=0.05
    )
    assert backtest_summary(err95).loc[0, "interval_coverage"] > share


def test_summary_ratios_on_matched_points():
    m = _months_since_start(MONTHS)
    y = pd.Series(expit(-1.0 + 0.02 * m + 0.05 * np.sin(m)), index=MONTHS)
    err = rolling_origin_backtest(
        y, lambda s: LogisticGrowthModel(s), min_train=3, horizon=2, name="logistic"
    )
    s = backtest_summary(err).set_index("model")
    assert s.loc["naive", "ratio_vs_naive"] == pytest.approx(1.0)
    assert s.loc["drift", "ratio_vs_drift"] == pytest.approx(1.0)
    assert s.loc["logistic", "ratio_vs_naive"] == pytest.approx(
        s.loc["logistic", "mae_pp"] / s.loc["naive", "mae_pp"]
    )
    only = backtest_summary(err, models=["logistic"])
    assert only["model"].tolist() == ["logistic"]
    per_series = backtest_summary(err, by=["series", "model"])
    assert set(per_series.columns) >= {"series", "model", "mae_pp", "interval_coverage"}


def test_backtest_many_runs_baselines_once_per_series():
    a = pd.Series(np.linspace(0.3, 0.4, 6), index=MONTHS[:6])
    b = pd.Series(np.linspace(0.5, 0.45, 6), index=MONTHS[:6])
    err = backtest_many(
        {"a": a, "b": b},
        {"logistic": lambda s: LogisticGrowthModel(s)},
        min_train=3,
        horizon=1,
    )
    counts = err.groupby(["series", "model"]).size()
    assert counts.to_dict() == {
        ("a", "drift"): 3, ("a", "logistic"): 3, ("a", "naive"): 3,
        ("b", "drift"): 3, ("b", "logistic"): 3, ("b", "naive"): 3,
    }  # fmt: skip


def test_baseline_models_follow_the_model_api():
    y = pd.Series([0.30, 0.32, 0.35], index=MONTHS[:3])
    naive = NaiveModel(y).fit()
    drift = DriftModel(y).fit()
    assert naive.forecast(5).tolist() == pytest.approx([0.35] * 5)
    mu = (logit(0.35) - logit(0.30)) / (MONTHS[2] - MONTHS[0]).n
    assert drift.slope_logit_per_year == pytest.approx(12 * mu)
    pi = drift.prediction_intervals(12)
    assert ((pi["lower"] < pi["forecast"]) & (pi["forecast"] < pi["upper"])).all()
    assert set(drift.params.index) == {"drift_per_month", "sigma_per_month"}


@pytest.mark.parametrize(
    ("kwargs", "option"),
    [
        ({"min_train": 0, "horizon": 1}, "min_train"),
        ({"min_train": 2, "horizon": 0}, "horizon"),
        ({"min_train": 2, "horizon": 1, "alpha": 0}, "alpha"),
        ({"min_train": 2, "horizon": 1, "baselines": ["mean"]}, "baselines"),
    ],
)
def test_option_errors_name_the_option(kwargs, option):
    y = pd.Series(np.linspace(0.3, 0.4, 5), index=MONTHS[:5])
    with pytest.raises(ValueError) as info:
        rolling_origin_backtest(y, None, **kwargs)
    assert str(info.value).startswith(f"{option}:")
