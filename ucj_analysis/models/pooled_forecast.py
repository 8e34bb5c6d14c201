"""Pooled growth as a forecaster for the rolling-origin backtest, and the panel backtest.

:class:`PooledGrowthForecaster` refits :class:`~.pooled_model.PooledGrowthModel` at every
origin on the figures up to it (no look-ahead) and forecasts from the unit's last figure with
the unit's annual slope (:class:`SlopeForecastResults`); :func:`pooled_backtest` runs it on every
panel series with enough figures, against the naive and drift baselines.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .backtest import backtest_many
from .core import _LogitTrendResults, logit, month_index, prepare_proportions
from .pooled_model import PooledGrowthModel
from .trend_fit import TrendFit

__all__ = ["SlopeForecastResults", "PooledGrowthForecaster", "pooled_backtest"]


class SlopeForecastResults(_LogitTrendResults):
    """Forecast from the last figure plus an annual logit slope with uncertainty.

    ``logit c(h) = logit c_last + slope * h / 12``; variance
    ``slope_sd^2 (h / 12)^2 + 2 (k noise_sd)^2`` (the last figure and the future figure each carry
    measurement noise; ``k`` is the trend's ``interval_scale``, 1 for an uncalibrated trend, so a
    calibrated trend's interval is ``k`` times the uncalibrated one).
    """

    backend = "last figure + annual logit slope"

    def __init__(self, observed: pd.Series, eps: float, trend: TrendFit) -> None:
        super().__init__(observed, eps)
        self.trend = trend
        self.model_name = f"pooled growth ({trend.method})"
        self.params = pd.Series(
            {"slope": trend.slope_mean, "slope_sd": trend.slope_sd, "noise_sd": trend.noise_sd}
        )
        self._last = float(logit(observed.iloc[-1], eps))

    @property
    def slope_logit_per_year(self) -> float:
        """Mean annual slope. [logit/year]"""
        return float(self.trend.slope_mean)

    def _logit_forecast(self, steps: int, alpha: float) -> pd.DataFrame:
        years = np.arange(1, steps + 1, dtype=float) / 12.0
        mean = self._last + self.trend.slope_mean * years
        noise = self.trend.noise_sd if np.isfinite(self.trend.noise_sd) else 0.0
        noise *= self.trend.interval_scale
        sd = np.sqrt((self.trend.slope_sd * years) ** 2 + 2.0 * noise**2)
        q = stats.norm.ppf(1.0 - alpha / 2.0)
        return pd.DataFrame({"forecast": mean, "lower": mean - q * sd, "upper": mean + q * sd})


class PooledGrowthForecaster:
    """Factory for :func:`~ucj_analysis.models.backtest.rolling_origin_backtest`.

    At each origin the pooled model is refitted on every unit's figures up to the origin month
    (no look-ahead), the unit's trend is taken from it (own or borrowed, as in production) and
    the forecast starts from the unit's last figure.

    Parameters
    ----------
    panel : pandas.DataFrame
        Panel with columns ``unit, level, date, coverage``.
    unit : str or None
        Unit being forecast; set per series with :meth:`for_series`.
    **options
        Passed to :class:`PooledGrowthModel`.
    """

    def __init__(self, panel: pd.DataFrame, unit: str | None = None, **options: Any) -> None:
        self.panel = panel
        self.unit = unit
        self.options = options

    def for_series(self, name: str) -> PooledGrowthForecaster:
        """Same forecaster for another unit."""
        return PooledGrowthForecaster(self.panel, name, **self.options)

    def __call__(self, train: pd.Series) -> SlopeForecastResults:
        if self.unit is None:
            raise ValueError("unit: harus diisi — set the unit with for_series(name)")
        observed = prepare_proportions(train)
        cutoff = observed.index[-1]
        others = self.panel[self.panel["unit"] != self.unit]
        others = others[month_index(pd.Index(others["date"])) <= cutoff]
        own = pd.DataFrame(
            {
                "unit": self.unit,
                "level": "",
                "date": observed.index.to_timestamp(how="end"),
                "coverage": observed.to_numpy(),
            }
        )
        sub = pd.concat([others[["unit", "level", "date", "coverage"]], own], ignore_index=True)
        fit = PooledGrowthModel(sub, **self.options).fit()
        trend = (
            fit.unit_trend(self.unit)
            if self.unit in set(fit.data["unit"])
            else (fit.borrowed_trend(self.unit, len(observed)))
        )
        return SlopeForecastResults(observed, float(self.options.get("eps", 1e-4)), trend)


def pooled_backtest(
    panel: pd.DataFrame,
    *,
    min_points: int = 4,
    min_train: int = 3,
    horizon: int = 3,
    alpha: float = 0.2,
    max_series: int | None = None,
    **options: Any,
) -> pd.DataFrame:
    """Rolling-origin backtest of pooled growth vs naive and drift on every panel series.

    Parameters
    ----------
    panel : pandas.DataFrame
        Columns ``unit, level, date, coverage`` [0-1].
    min_points : int, keyword-only
        Only units with at least this many figures are backtested. [count]
    min_train, horizon, alpha
        As in :func:`~ucj_analysis.models.backtest.rolling_origin_backtest`. The default
        ``horizon=3`` (up to three following figures from each origin) scores lead times of
        several months to about two years with the embedded data, which is what the
        calibration of :func:`trend_for_regency` needs for a trend used years ahead.
    max_series : int or None, keyword-only
        Backtest at most this many series: the national and provincial series first, then the
        regencies with the most figures (ties by name). Every origin refits the pooled model on
        the whole panel, so the cost grows with (series x panel size); a cap keeps it bounded
        when a planner's folder holds hundreds of regencies. ``None`` = every eligible series.
    **options
        Passed to :class:`PooledGrowthModel`.

    Returns
    -------
    pandas.DataFrame
        Error frame; the model is called ``"pooled growth"``.
    """
    eligible = []
    for u, g in panel.groupby("unit", sort=True):
        s = pd.Series(g["coverage"].to_numpy(dtype=float), index=pd.DatetimeIndex(g["date"]))
        s = prepare_proportions(s, name=str(u))
        if len(s) >= min_points:
            level = str(g["level"].iloc[0]) if "level" in g else "regency"
            rank = 0 if level in ("nation", "national") else 1 if level == "province" else 2
            eligible.append((rank, -len(s), str(u), s))
    eligible.sort(key=lambda e: e[:3])
    if max_series is not None:
        eligible = eligible[: max(int(max_series), 1)]
    series = {u: s for _, _, u, s in eligible}
    return backtest_many(
        series,
        {"pooled growth": PooledGrowthForecaster(panel, **options)},
        min_train=min_train,
        horizon=horizon,
        alpha=alpha,
    )
