"""Coverage trend models on the logit scale, pooled growth and the rolling-origin backtest.

* :mod:`.trend` — :class:`LogitETSModel`, :class:`LogitARIMAModel`, :class:`LogisticGrowthModel`
  and :func:`select_trend_model` for one coverage series (bounded forecasts in (0, 1)).
* :mod:`.pooled` — every public name of pooled growth, split by job into :mod:`.pooled_model`
  (:class:`PooledGrowthModel`, MixedLM with fallbacks), :mod:`.trend_fit`, :mod:`.national_proxy`,
  :mod:`.panel`, :mod:`.pooled_forecast` (:func:`pooled_backtest`) and :mod:`.regency_trend`:
  :func:`trend_for_regency` / :func:`trend_table`, which give every regency an annual logit
  growth (:class:`TrendFit`: own trend or borrowed growth) for the Monte Carlo engine.
* :mod:`.backtest` — :func:`rolling_origin_backtest` against naive and drift baselines,
  :func:`backtest_summary`, the interval calibration (:func:`interval_scale`,
  :func:`calibrated_coverage`) and :func:`backtest_basis` / :func:`describe_backtest_basis`
  (what a backtest rests on, for reports).
* :mod:`.core` — logit transforms, input preparation and the results interface shared by the
  modules above (it imports none of them: ``core <- backtest <- trend``, ``core, backtest <-
  pooled_model, pooled_forecast, regency_trend <- pooled``).
"""

from .backtest import (
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
from .pooled import (
    BORROWED_GROWTH,
    CALIBRATION_MODEL,
    OWN_TREND,
    PooledGrowthForecaster,
    PooledGrowthModel,
    PooledGrowthResults,
    TrendFit,
    coverage_panel,
    national_coverage_proxy,
    panel_from,
    pooled_backtest,
    shrinkage_weight,
    trend_for_regency,
    trend_table,
)
from .trend import (
    InsufficientDataError,
    LogisticGrowthModel,
    LogitARIMAModel,
    LogitETSModel,
    TrendFitError,
    TrendSelection,
    expit,
    logit,
    select_trend_model,
)

#: Alias used in ARCHITECTURE.md for what the engine consumes (``draws(n, seed)``).
TrendDraws = TrendFit

__all__ = [
    "BORROWED_GROWTH",
    "CALIBRATION_MODEL",
    "OWN_TREND",
    "DriftModel",
    "InsufficientDataError",
    "LogisticGrowthModel",
    "LogitARIMAModel",
    "LogitETSModel",
    "NaiveModel",
    "PooledGrowthForecaster",
    "PooledGrowthModel",
    "PooledGrowthResults",
    "TrendDraws",
    "TrendFit",
    "TrendFitError",
    "TrendSelection",
    "backtest_basis",
    "backtest_many",
    "backtest_summary",
    "calibrated_coverage",
    "coverage_panel",
    "describe_backtest_basis",
    "expit",
    "interval_ratios",
    "interval_scale",
    "logit",
    "national_coverage_proxy",
    "panel_from",
    "pooled_backtest",
    "rolling_origin_backtest",
    "select_trend_model",
    "shrinkage_weight",
    "trend_for_regency",
    "trend_table",
]
