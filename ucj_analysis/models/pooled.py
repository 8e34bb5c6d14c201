"""Pooled growth of logit coverage across regencies, provinces and the nation: every public name.

Most regencies have one coverage figure, which says nothing about growth; the pooled model
borrows growth from every unit (regency, province, nation) that has at least two figures. This
module gathers the public names of that work, which lives in one module per job:

* :mod:`.pooled_model` — :class:`PooledGrowthModel` (MixedLM with documented fallbacks, two-stage
  pooling), :class:`PooledGrowthResults` and :func:`shrinkage_weight`; the model and its
  fallbacks are described in that module's docstring.
* :mod:`.trend_fit` — :class:`TrendFit`, one unit's annual logit growth for the Monte Carlo
  engine (``OWN_TREND`` / ``BORROWED_GROWTH``).
* :mod:`.national_proxy` — :func:`national_coverage_proxy`, the national coverage history
  derived from active participants.
* :mod:`.panel` — :func:`coverage_panel` and :func:`panel_from`, the panel the model is fitted on.
* :mod:`.pooled_forecast` — :class:`PooledGrowthForecaster`, :class:`SlopeForecastResults` and
  :func:`pooled_backtest` (rolling-origin backtest of pooled growth).
* :mod:`.regency_trend` — :func:`trend_for_regency` and :func:`trend_table`, calibrated by the
  backtest (``CALIBRATION_MODEL``).

Imports run one way: ``core <- trend_fit <- pooled_model <- pooled_forecast <- regency_trend``,
``national_proxy <- panel <- regency_trend``; this module imports them all and none imports it.
"""

from __future__ import annotations

from .national_proxy import national_coverage_proxy
from .panel import NATIONAL_GROWTH_PARAMETER, coverage_panel, panel_from
from .pooled_forecast import PooledGrowthForecaster, SlopeForecastResults, pooled_backtest
from .pooled_model import PooledGrowthModel, PooledGrowthResults, shrinkage_weight
from .regency_trend import CALIBRATION_MODEL, trend_for_regency, trend_table
from .trend_fit import BORROWED_GROWTH, OWN_TREND, TrendFit

__all__ = [
    "TrendFit",
    "PooledGrowthModel",
    "PooledGrowthResults",
    "PooledGrowthForecaster",
    "SlopeForecastResults",
    "coverage_panel",
    "panel_from",
    "national_coverage_proxy",
    "shrinkage_weight",
    "trend_for_regency",
    "trend_table",
    "pooled_backtest",
    "CALIBRATION_MODEL",
    "OWN_TREND",
    "BORROWED_GROWTH",
    "NATIONAL_GROWTH_PARAMETER",
]
