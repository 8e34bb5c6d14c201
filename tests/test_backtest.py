"""Rolling-origin backtest: bookkeeping, baselines with known answers, interval calibration,
what a backtest rests on."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ucj_analysis.models.backtest import (
    ERROR_COLUMNS,
    DriftModel,
    NaiveModel,
    backtest_basis,
    backtest_many,
    backtest_summary,
    calibrated_coverage,
    describe_backtest_basis,
    interval_ratios,
    interval_scale,
    rolling_origin_backtest,
)
from ucj_analysis.models.trend import (
    InsufficientDataError,
    LogisticGrowthModel,
    LogitETSModel,
    expit,
    logit,
)

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


# --------------------------------------------------------------------------------------------
# Interval calibration
# --------------------------------------------------------------------------------------------


def _interval_rows(ratios, origins=None):
    """Held-out rows with forecast logit 0, interval logit [-1, 1] and actual logit = ratio."""
    n = len(ratios)
    return pd.DataFrame(
        {
            "series": "s",
            "origin": origins if origins is not None else list(range(n)),
            "actual": expit(np.asarray(ratios, dtype=float)),
            "forecast": 0.5,
            "lower": expit(-1.0),
            "upper": expit(1.0),
        }
    )


def test_interval_ratios_in_half_widths_on_the_logit_scale():
    rows = pd.DataFrame(
        {
            "actual": expit(np.array([0.5, -2.0, -1.0, 0.3, 0.2, 0.0])),
            "forecast": 0.5,
            "lower": expit(np.array([-1.0, -1.0, -2.0, np.nan, 0.0, 0.0])),
            "upper": expit(np.array([1.0, 1.0, 1.0, np.nan, 0.0, 0.0])),
        }
    )
    r = interval_ratios(rows)
    assert r.iloc[0] == pytest.approx(0.5)
    assert r.iloc[1] == pytest.approx(2.0)
    assert r.iloc[2] == pytest.approx(0.5)  # below the forecast: the lower half-width (2) counts
    assert np.isnan(r.iloc[3])  # no interval
    assert r.iloc[4] == np.inf  # miss of a zero-width interval
    assert r.iloc[5] == 0.0  # hit of a zero-width interval


def test_interval_scale_is_the_split_conformal_quantile():
    r = np.arange(1, 11) / 10.0
    # n = 10, m = ceil(11 * 0.8) = 9 -> 9th smallest
    assert interval_scale(r, alpha=0.2) == pytest.approx(0.9)
    # n = 9: m = (9 + 1) * 0.8 = 8 exactly -> 8th smallest, order of the input irrelevant
    assert interval_scale([9.0, 1.0, 8.0, 2.0, 7.0, 3.0, 6.0, 4.0, 5.0], alpha=0.2) == 8.0
    # n = 3 < (1 - alpha) / alpha: the largest ratio
    assert interval_scale([0.2, 0.7, 0.4], alpha=0.2) == 0.7
    # NaN ignored: n = 5, m = ceil(6 * 0.5) = 3 -> 0.3
    assert interval_scale([0.3, np.nan, 0.6, 0.1, 0.2, 0.5], alpha=0.5) == pytest.approx(0.3)
    assert np.isnan(interval_scale([], alpha=0.2))


def test_calibrated_coverage_leaves_each_origin_out():
    rows = _interval_rows([0.5, 1.5, 0.8, 3.0, 0.2])
    # leaving out D (3.0): k from [0.5, 1.5, 0.8, 0.2] -> m = ceil(5 * 0.8) = 4 -> 1.5 < 3.0;
    # every other point is scored against k = 3.0 and is inside: 4 of 5
    assert calibrated_coverage(rows, alpha=0.2) == pytest.approx(0.8)
    # two points of one origin leave together: origin 0 holds 0.5 and 3.0, the others give
    # k = 1.5 (n = 3 -> largest), so 3.0 is outside; leaving out 1 (1.5): k = max(...) = 3.0
    grouped = _interval_rows([0.5, 3.0, 1.5, 0.8, 0.2], origins=[0, 0, 1, 2, 3])
    assert calibrated_coverage(grouped, alpha=0.2) == pytest.approx(4 / 5)
    assert np.isnan(calibrated_coverage(rows.iloc[:1], alpha=0.2))


def _slope_forecaster(slope_sd_model: float):
    """Pooled-growth forecaster with a fixed slope sd [logit/year] and no level noise."""
    from ucj_analysis.models.core import prepare_proportions
    from ucj_analysis.models.pooled import OWN_TREND, SlopeForecastResults, TrendFit

    trend = TrendFit("s", OWN_TREND, "fixed", 0.0, slope_sd_model, 10, noise_sd=0.0)

    def factory(train: pd.Series):
        return SlopeForecastResults(prepare_proportions(train), 1e-4, trend)

    return factory, trend


def _monthly_random_walk(n: int, step_sd: float, seed: int) -> pd.Series:
    rng = np.random.default_rng(seed)
    y = -0.6 + np.cumsum(step_sd * rng.standard_normal(n))
    return pd.Series(expit(y), index=pd.period_range("2000-01", periods=n, freq="M"))


@pytest.mark.parametrize(("understatement", "expected_k"), [(0.5, 2.0), (2.0, 0.5)])
def test_calibration_recovers_a_known_slope_noise(understatement, expected_k):
    """Slope forecaster with a slope sd ``understatement`` times the true one.

    The series is a logit random walk with monthly step sd 0.05, i.e. a one-month slope of sd
    ``12 * 0.05 = 0.6`` logit/year. A forecaster claiming ``understatement * 0.6`` has intervals
    ``understatement`` times the right width, so ``k`` must be ``1 / understatement``.
    Tolerances from the binomial spread with n = 300 held-out points: raw coverage
    ``P(|Z| < 1.2816 * understatement)`` has sd ``sqrt(p (1 - p) / 300) <= 0.029``; the sample
    0.8-quantile of ``|Z|`` has sd ``sqrt(0.16 / 300) / (2 phi(1.2816)) = 0.066``, i.e.
    ``0.066 / 1.2816 / understatement`` on ``k`` (0.10 for k = 2); the out-of-sample coverage
    of the calibrated interval has sd ``sqrt(0.023^2 + 0.023^2) = 0.033`` (binomial + the
    error in ``k``). Bounds are about three of these sd.
    """
    from scipy import stats

    sd_true = 12 * 0.05
    factory, trend = _slope_forecaster(understatement * sd_true)
    fit_on = _monthly_random_walk(331, 0.05, seed=11)
    err = rolling_origin_backtest(fit_on, factory, min_train=31, horizon=1, baselines=())
    assert len(err) == 300
    raw = backtest_summary(err).iloc[0]
    p_raw = 2 * stats.norm.cdf(1.2816 * understatement) - 1
    assert raw["interval_coverage"] == pytest.approx(p_raw, abs=0.09)
    k = raw["interval_scale"]
    assert k == pytest.approx(expected_k, abs=0.35 * expected_k)
    assert (k >= 1.0) == (understatement < 1.0)  # widened only when the raw interval is narrow

    # fresh series: the forecaster with the calibrated trend holds ~80 % of its points
    calibrated = trend.calibrated(k)
    fresh = _monthly_random_walk(331, 0.05, seed=12)

    def factory_cal(train):
        from ucj_analysis.models.core import prepare_proportions
        from ucj_analysis.models.pooled import SlopeForecastResults

        return SlopeForecastResults(prepare_proportions(train), 1e-4, calibrated)

    out = rolling_origin_backtest(fresh, factory_cal, min_train=31, horizon=1, baselines=())
    share = backtest_summary(out).loc[0, "interval_coverage"]
    assert 0.70 <= share <= 0.90
    raw_fresh = rolling_origin_backtest(fresh, factory, min_train=31, horizon=1, baselines=())
    assert abs(share - 0.8) < abs(backtest_summary(raw_fresh).loc[0, "interval_coverage"] - 0.8)


def test_backtest_basis_on_a_trend_that_drift_forecasts_exactly():
    m = np.arange(10, dtype=float)
    trend = pd.Series(
        expit(-1.0 + 0.05 * m), index=pd.period_range("2020-01", periods=10, freq="M")
    )

    def late_drift(train):  # forecasts only from five points on: scored on part of the points
        if len(train) < 5:
            raise InsufficientDataError("late drift: needs 5 points")
        return DriftModel(train)

    err = rolling_origin_backtest(
        trend, late_drift, min_train=3, horizon=2, name="late drift", series_name="trend"
    )
    basis = backtest_basis(backtest_summary(err), model="drift")
    assert basis["series"] == ["trend"]
    assert basis["n_origins"] == 7 and basis["n_targets"] == 7
    assert basis["n_points"] == 13  # two points from each origin 3..8, one from origin 9
    assert basis["horizons_months"] == [1, 2]
    assert basis["model_mae_pp"] == pytest.approx(0.0, abs=1e-9)
    # naive repeats the last value: error at lead h is expit(y_i) - expit(y_i + 0.05 h)
    naive = [
        100 * abs(expit(-1.0 + 0.05 * (i - 1)) - expit(-1.0 + 0.05 * (i - 1 + h)))
        for i in range(3, 10)
        for h in (1, 2)
        if i - 1 + h <= 9
    ]
    assert basis["naive_mae_pp"] == pytest.approx(np.mean(naive))
    assert basis["best_model"] == "drift" and basis["beats_naive"] is True
    assert basis["best_mae_pp"] == pytest.approx(0.0, abs=1e-9)
    assert basis["partial_models"] == ["late drift"]
    assert set(basis["mae_pp"]) == {"drift", "naive", "late drift"}
    assert basis["ratio_vs_naive"]["naive"] == pytest.approx(1.0)


def test_backtest_basis_on_a_random_walk_where_nothing_beats_naive():
    y = _monthly_random_walk(40, 0.05, seed=3)
    err = rolling_origin_backtest(y, None, min_train=10, horizon=3, series_name="walk")
    basis = backtest_basis(backtest_summary(err), model="drift")
    assert basis["series"] == ["walk"] and basis["n_points"] == 30 + 29 + 28
    assert basis["horizons_months"] == [1, 2, 3]
    assert basis["naive_mae_pp"] < basis["drift_mae_pp"]
    assert basis["best_model"] == "naive" and basis["beats_naive"] is False
    assert basis["interval_coverage_80_uncalibrated"] == pytest.approx(
        backtest_summary(err).set_index("model").loc["drift", "interval_coverage"]
    )
    text_id = describe_backtest_basis(basis)
    assert text_id.startswith("Uji balik: 87 peramalan atas 30 angka walk")
    assert "Tidak ada model yang lebih akurat daripada nilai terakhir" in text_id
    text_en = describe_backtest_basis(basis, "en")
    assert "No model beat the last value" in text_en and "1-3 months ahead" in text_en
    with pytest.raises(ValueError, match="^model:"):
        backtest_basis(backtest_summary(err), model="pooled growth")
    with pytest.raises(ValueError, match="^summary:"):
        backtest_basis(backtest_summary(err, by=["h", "model"]), model="drift")
