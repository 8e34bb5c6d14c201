"""Coverage trend models on the logit scale, pooled growth and the rolling-origin backtest.

* :mod:`.trend` — :class:`LogitETSModel`, :class:`LogitARIMAModel`, :class:`LogisticGrowthModel`
  and :func:`select_trend_model` for one coverage series (bounded forecasts in (0, 1)).
* :mod:`.pooled` — :class:`PooledGrowthModel` (MixedLM with fallbacks) and
  :func:`trend_for_regency` / :func:`trend_table`, which give every regency an annual logit
  growth (:class:`TrendFit`: own trend or borrowed growth) for the Monte Carlo engine.
* :mod:`.backtest` — :func:`rolling_origin_backtest` against naive and drift baselines and
  :func:`backtest_summary`.
"""

from .backtest import (
    DriftModel,
    NaiveModel,
    backtest_many,
    backtest_summary,
    rolling_origin_backtest,
)
from .pooled import (
    BORROWED_GROWTH,
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
    "backtest_many",
    "backtest_summary",
    "coverage_panel",
    "expit",
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
