"""Trend models on the logit scale: recovery of known parameters, bounds, short series, options."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ucj_analysis.models.trend import (
    InsufficientDataError,
    LogisticGrowthModel,
    LogitARIMAModel,
    LogitETSModel,
    expit,
    logit,
    prepare_proportions,
    select_trend_model,
)

# irregular observation months (gaps of 1-7 months), like public coverage figures
IRREGULAR = pd.PeriodIndex(
    ["2019-01", "2019-03", "2019-04", "2019-09", "2020-02", "2020-03", "2020-10", "2021-01",
     "2021-06", "2021-07", "2022-01", "2022-02", "2022-08", "2023-01", "2023-03", "2023-10"],
    freq="M",
)  # fmt: skip


def _years(index: pd.PeriodIndex, origin: pd.Period) -> np.ndarray:
    return np.array([(p - origin).n for p in index]) / 12.0


# --------------------------------------------------------------------------------------------
# Logistic growth
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("capacity", [1.0, 0.9])
def test_logistic_recovers_exact_parameters_noise_free(capacity):
    a, b = -1.2, 0.35
    t = _years(IRREGULAR, IRREGULAR[0])
    y = pd.Series(capacity * expit(a + b * t), index=IRREGULAR.to_timestamp(how="end"))
    res = LogisticGrowthModel(y, capacity=capacity).fit()
    assert res.params["a"] == pytest.approx(a, abs=1e-10)
    assert res.params["b"] == pytest.approx(b, abs=1e-10)
    assert res.params["sigma"] == pytest.approx(0.0, abs=1e-8)
    # forecast 24 months after the last month follows the curve exactly
    t_future = _years(pd.PeriodIndex([IRREGULAR[-1] + 24]), IRREGULAR[0])[0]
    assert res.forecast(24).iloc[-1] == pytest.approx(capacity * expit(a + b * t_future), rel=1e-10)
    assert res.slope_logit_per_year == pytest.approx(b, abs=1e-10)


def test_logistic_recovers_parameters_with_noise_and_interval_covers_truth():
    rng = np.random.default_rng(7)
    a, b, sd = -0.8, 0.25, 0.05
    idx = pd.period_range("2015-01", periods=60, freq="M")
    t = _years(idx, idx[0])
    y = pd.Series(expit(a + b * t + rng.normal(0, sd, len(t))), index=idx)
    res = LogisticGrowthModel(y).fit()
    assert abs(res.params["b"] - b) < 3 * res.bse["b"]
    assert res.params["b"] == pytest.approx(b, abs=0.02)
    assert res.params["a"] == pytest.approx(a, abs=0.04)
    assert res.params["sigma"] == pytest.approx(sd, rel=0.25)
    # closed-form covariance: se(b) = sigma / sqrt(S_tt)
    s_tt = ((t - t.mean()) ** 2).sum()
    assert res.bse["b"] == pytest.approx(res.params["sigma"] / math.sqrt(s_tt), rel=1e-10)
    ci = res.prediction_intervals(12, 0.2, kind="confidence")
    pi = res.prediction_intervals(12, 0.2)
    true_next = expit(a + b * (t[-1] + 1.0))
    assert ci["lower"].iloc[-1] < true_next < ci["upper"].iloc[-1]
    # the prediction interval adds the residual variance, so it is wider than the curve's
    assert (pi["upper"] - pi["lower"] > ci["upper"] - ci["lower"]).all()


def test_logistic_two_points_fits_but_has_no_interval():
    y = pd.Series([0.30, 0.35], index=pd.PeriodIndex(["2021-12", "2025-11"], freq="M"))
    res = LogisticGrowthModel(y).fit()
    b = (logit(0.35) - logit(0.30)) / (47 / 12)
    assert res.params["b"] == pytest.approx(b, rel=1e-9)
    assert 0.35 < res.forecast(12).iloc[-1] < 1.0
    with pytest.raises(InsufficientDataError, match="3"):
        res.prediction_intervals(12)


def test_logistic_capacity_bounds_forecast():
    idx = pd.period_range("2020-01", periods=12, freq="M")
    y = pd.Series(np.linspace(0.5, 0.85, 12), index=idx)
    res = LogisticGrowthModel(y, capacity=0.9).fit()
    pi = res.prediction_intervals(600, 0.05)
    assert (pi.to_numpy() < 0.9).all() and (pi.to_numpy() > 0).all()


# --------------------------------------------------------------------------------------------
# ETS and ARIMA
# --------------------------------------------------------------------------------------------


def test_arima_drift_recovered_on_irregular_months():
    rng = np.random.default_rng(3)
    months = np.array([(p - IRREGULAR[0]).n for p in IRREGULAR])
    drift = 0.03  # logit per month
    y = pd.Series(expit(-2.0 + drift * months + rng.normal(0, 0.01, len(months))), IRREGULAR)
    res = LogitARIMAModel(y).fit()
    assert res.params["x1"] == pytest.approx(drift, abs=0.004)
    assert res.slope_logit_per_year == pytest.approx(12 * drift, abs=0.05)
    fc = res.prediction_intervals(12, 0.2, scale="logit")
    last = logit(y.iloc[-1])
    assert fc["forecast"].iloc[-1] == pytest.approx(last + 12 * res.params["x1"], abs=1e-6)


def test_ets_uses_state_space_backend_for_gaps_and_etsmodel_otherwise():
    rng = np.random.default_rng(5)
    full = pd.period_range("2018-01", periods=36, freq="M")
    y_full = pd.Series(expit(-1 + 0.02 * np.arange(36) + rng.normal(0, 0.02, 36)), index=full)
    res_full = LogitETSModel(y_full).fit()
    assert res_full.backend == "ETSModel"
    res_gap = LogitETSModel(y_full.iloc[::3]).fit()
    assert res_gap.backend == "statespace.ExponentialSmoothing"
    # both see a rising series: the first-year slope is positive, 0.24/year in the data
    assert 0.05 < res_full.slope_logit_per_year < 0.5
    assert 0.05 < res_gap.slope_logit_per_year < 0.5
    assert res_full.params.index.tolist()[:3] == [
        "smoothing_level",
        "smoothing_trend",
        "damping_trend",
    ]


def test_point_forecast_is_back_transformed_median():
    idx = pd.period_range("2018-01", periods=20, freq="M")
    y = pd.Series(np.linspace(0.2, 0.4, 20) + 0.01 * np.sin(np.arange(20)), index=idx)
    res = LogitARIMAModel(y).fit()
    on_logit = res.prediction_intervals(6, 0.2, scale="logit")
    on_prop = res.prediction_intervals(6, 0.2)
    np.testing.assert_allclose(on_prop.to_numpy(), expit(on_logit.to_numpy()), rtol=1e-12)
    assert (on_prop["lower"] < on_prop["forecast"]).all()
    assert (on_prop["forecast"] < on_prop["upper"]).all()


near_one = st.lists(st.floats(0.97, 1.0), min_size=8, max_size=20)
near_zero = st.lists(st.floats(0.0, 0.03), min_size=8, max_size=20)


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(values=st.one_of(near_one, near_zero), gaps=st.booleans(), damped=st.booleans())
def test_forecasts_and_intervals_stay_inside_unit_interval(values, gaps, damped):
    n = len(values)
    if gaps:  # irregular months: every other month missing, plus a longer gap
        months = np.cumsum([1] + [2 if i % 3 else 5 for i in range(n - 1)])
        idx = pd.Period("2015-01", freq="M") + months
        idx = pd.PeriodIndex(idx, freq="M")
    else:
        idx = pd.period_range("2015-01", periods=n, freq="M")
    y = pd.Series(values, index=idx)
    for model in (LogitETSModel(y, damped=damped), LogitARIMAModel(y)):
        res = model.fit()
        for alpha in (0.2, 0.01):
            pi = res.prediction_intervals(240, alpha).to_numpy()
            assert np.isfinite(pi).all()
            assert (pi > 0.0).all() and (pi < 1.0).all()
        assert ((res.forecast(36) > 0) & (res.forecast(36) < 1)).all()


# --------------------------------------------------------------------------------------------
# Short series, selection
# --------------------------------------------------------------------------------------------


def test_short_series_raise_clear_error():
    y = pd.Series([0.30, 0.28, 0.33], index=pd.PeriodIndex(["2021-12", "2022-04", "2023-12"], "M"))
    with pytest.raises(InsufficientDataError, match="at least 7 observed months, got 3"):
        LogitETSModel(y).fit()
    with pytest.raises(InsufficientDataError, match="at least 6 observed months"):
        LogitETSModel(y, damped=False).fit()
    with pytest.raises(InsufficientDataError, match="at least 4 observed months, got 3"):
        LogitARIMAModel(y).fit()
    assert LogitARIMAModel(y, order=(1, 1, 1)).min_obs == 6


def test_select_skips_short_candidates_and_explains():
    y = pd.Series([0.30, 0.28, 0.33], index=pd.PeriodIndex(["2021-12", "2022-04", "2023-12"], "M"))
    sel = select_trend_model(y)
    assert sel.name == "logistic"
    status = sel.scores.set_index("candidate")["status"]
    assert status.to_dict() == {"ets": "skipped", "arima": "skipped", "logistic": "fitted"}
    assert any("ets skipped" in n for n in sel.notes)
    assert "logistic" in sel.reason


def test_select_by_aic_and_by_backtest():
    rng = np.random.default_rng(11)
    idx = pd.period_range("2016-01", periods=30, freq="M")
    t = np.arange(30) / 12
    y = pd.Series(expit(-1.0 + 0.3 * t + rng.normal(0, 0.03, 30)), index=idx)
    by_aic = select_trend_model(y, method="aic")
    fitted = by_aic.scores[by_aic.scores["status"] == "fitted"]
    assert len(fitted) == 3
    assert by_aic.name == fitted.loc[fitted["aic"].idxmin(), "candidate"]
    by_bt = select_trend_model(y, method="backtest", min_train=24)
    mae = by_bt.scores.set_index("candidate")["mae_pp"]
    assert mae.notna().all()
    assert by_bt.name == mae.idxmin()
    assert "mae_pp" in by_bt.reason


def test_select_noise_free_logistic_wins():
    t = _years(IRREGULAR, IRREGULAR[0])
    y = pd.Series(expit(-1.2 + 0.35 * t), index=IRREGULAR)
    sel = select_trend_model(y, method="aic")
    assert sel.name == "logistic"  # exact fit: infinite likelihood
    assert sel.results.params["b"] == pytest.approx(0.35, abs=1e-9)


# --------------------------------------------------------------------------------------------
# Input and option validation
# --------------------------------------------------------------------------------------------

Y = pd.Series(np.linspace(0.3, 0.4, 10), index=pd.period_range("2020-01", periods=10, freq="M"))


@pytest.mark.parametrize(
    ("build", "option"),
    [
        (lambda: LogitETSModel(Y, damped="yes"), "damped"),
        (lambda: LogitETSModel(Y, eps=0.5), "eps"),
        (lambda: LogitARIMAModel(Y, order=(1, 1)), "order"),
        (lambda: LogitARIMAModel(Y, order=(0, 3, 0)), "order"),
        (lambda: LogitARIMAModel(Y, trend="quadratic"), "trend"),
        (lambda: LogitARIMAModel(Y, trend="c"), "trend"),
        (lambda: LogisticGrowthModel(Y, capacity=1.5), "capacity"),
        (lambda: LogisticGrowthModel(Y, capacity=0.35), "capacity"),
        (lambda: LogisticGrowthModel(Y, origin="not a month"), "origin"),
        (lambda: select_trend_model(Y, method="bic"), "method"),
        (lambda: select_trend_model(Y, candidates=["prophet"]), "candidates"),
        (lambda: LogisticGrowthModel(Y).fit().forecast(0), "steps"),
        (lambda: LogisticGrowthModel(Y).fit().prediction_intervals(3, alpha=1.2), "alpha"),
        (lambda: LogisticGrowthModel(Y).fit().summary(lang="fr"), "lang"),
    ],
)
def test_option_errors_name_the_option(build, option):
    with pytest.raises((ValueError, TypeError)) as info:
        build()
    assert str(info.value).startswith(f"{option}:")


def test_percentages_are_rejected_with_hint():
    y = pd.Series([34.81], index=pd.DatetimeIndex(["2025-04-30"]))
    with pytest.raises(ValueError, match="divide by 100"):
        prepare_proportions(y)


def test_same_month_values_are_averaged_and_sorted():
    y = pd.Series(
        [0.40, 0.30, 0.32],
        index=pd.DatetimeIndex(["2023-12-31", "2021-12-13", "2021-12-31"]),
    )
    s = prepare_proportions(y)
    assert list(map(str, s.index)) == ["2021-12", "2023-12"]
    assert s.iloc[0] == pytest.approx(0.31)


def test_summary_is_bilingual_table():
    res = LogisticGrowthModel(Y).fit()
    en = res.summary("en")
    idn = res.summary()
    assert list(en.columns) == ["statistic", "value"]
    assert list(idn.columns) == ["statistik", "nilai"]
    assert en.set_index("statistic").loc["observations", "value"] == 10
