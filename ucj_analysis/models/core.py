"""Shared pieces of the coverage models: logit transforms, input preparation, option checks and
the common forecasting interface of fitted results.

:mod:`.trend` (the trend models), :mod:`.backtest` (baselines and the rolling-origin backtest)
and :mod:`.pooled` (pooled growth) all build on this module, which imports none of them.

Coverage is a proportion in (0, 1); every model works on ``logit(c) = log(c / (1 - c))`` and
back-transforms with ``expit``. Dates are mapped to calendar months (:func:`month_index`) and
several values in one month are averaged (:func:`prepare_proportions`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from ucj_analysis.i18n import t

__all__ = [
    "InsufficientDataError",
    "TrendFitError",
    "logit",
    "expit",
    "prepare_proportions",
    "month_index",
    "LOGIT_CLIP",
]

#: Logit values are clipped to +/- this before ``expit`` so that the back-transform stays strictly
#: inside (0, 1) in float64 (``expit(30) = 1 - 9.4e-14``; ``expit(37)`` already rounds to 1.0).
LOGIT_CLIP = 30.0


class InsufficientDataError(ValueError):
    """The series is too short (or too sparse) for the requested model."""


class TrendFitError(RuntimeError):
    """The optimiser produced no usable fit (NaN parameters or forecasts)."""


# --------------------------------------------------------------------------------------------
# Transforms and input preparation
# --------------------------------------------------------------------------------------------


def logit(p: Any, eps: float = 1e-4) -> Any:
    """Logit of a proportion, clipped to ``[eps, 1 - eps]`` first.

    Parameters
    ----------
    p : float or array-like
        Proportion. [0-1]
    eps : float
        Clipping margin so that 0 and 1 map to finite values. [0-1]

    Returns
    -------
    float or ndarray
        ``log(p / (1 - p))``. [logit]
    """
    q = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    out = np.log(q) - np.log1p(-q)
    return out if out.ndim else float(out)


def expit(x: Any) -> Any:
    """Inverse logit, with the input clipped to ``+/- LOGIT_CLIP`` so the result is in (0, 1).

    Parameters
    ----------
    x : float or array-like
        Value on the logit scale. [logit]

    Returns
    -------
    float or ndarray
        Proportion strictly between 0 and 1. [0-1]
    """
    z = np.clip(np.asarray(x, dtype=float), -LOGIT_CLIP, LOGIT_CLIP)
    out = 1.0 / (1.0 + np.exp(-z))
    return out if out.ndim else float(out)


def month_index(index: pd.Index, *, name: str = "series") -> pd.PeriodIndex:
    """Map a ``PeriodIndex`` or ``DatetimeIndex`` (or parseable dates) to monthly periods.

    Parameters
    ----------
    index : pandas.Index
        ``PeriodIndex`` (any frequency; converted to the month containing its end),
        ``DatetimeIndex`` or values that ``pandas.to_datetime`` understands.
    name : str
        Name used in error messages.

    Returns
    -------
    pandas.PeriodIndex
        Monthly periods (``freq='M'``).
    """
    if isinstance(index, pd.PeriodIndex):
        return index.asfreq("M", how="end")
    if isinstance(index, pd.DatetimeIndex):
        return index.tz_localize(None).to_period("M") if index.tz else index.to_period("M")
    try:
        return pd.DatetimeIndex(pd.to_datetime(index)).to_period("M")
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name}: indeks harus tanggal bulanan — expected a monthly PeriodIndex or a "
            f"DatetimeIndex, got {type(index).__name__}"
        ) from exc


def _month_number(periods: pd.PeriodIndex | pd.Period) -> Any:
    """Months since year 0 (``year * 12 + month - 1``), vectorised."""
    return periods.year * 12 + periods.month - 1


def prepare_proportions(series: pd.Series, *, name: str = "series") -> pd.Series:
    """Validate a coverage series and return it sorted, one value per month.

    Parameters
    ----------
    series : pandas.Series
        Coverage proportions [0-1] indexed by dates (see :func:`month_index`). Missing values
        are dropped. Several values in the same month are averaged.
    name : str
        Name used in error messages.

    Returns
    -------
    pandas.Series
        Float proportions [0-1] with a sorted monthly ``PeriodIndex`` without duplicates.

    Raises
    ------
    TypeError
        If ``series`` is not a pandas Series with a date-like index.
    ValueError
        If a value lies outside [0, 1] (percentages must be divided by 100 first).
    """
    if not isinstance(series, pd.Series):
        raise TypeError(
            f"{name}: harus pandas.Series — expected a pandas Series of proportions, "
            f"got {type(series).__name__}"
        )
    values = pd.to_numeric(series, errors="coerce").astype(float)
    s = pd.Series(values.to_numpy(), index=month_index(series.index, name=name)).dropna()
    if len(s) and (s.min() < 0.0 or s.max() > 1.0):
        raise ValueError(
            f"{name}: cakupan harus proporsi 0-1 — expected proportions in [0, 1], got values "
            f"from {s.min():g} to {s.max():g}"
            + (" (looks like a percentage; divide by 100)" if s.max() <= 100.0 else "")
        )
    s = s.groupby(level=0).mean().sort_index()
    s.index = pd.PeriodIndex(s.index, freq="M")
    return s


# --------------------------------------------------------------------------------------------
# Option validation helpers
# --------------------------------------------------------------------------------------------


def _check_eps(eps: Any) -> float:
    if isinstance(eps, bool) or not isinstance(eps, int | float) or not (0.0 < eps < 0.01):
        raise ValueError(
            f"eps: harus angka antara 0 dan 0,01 — expected 0 < eps < 0.01, got {eps!r}"
        )
    return float(eps)


def _check_bool(value: Any, option: str) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{option}: harus True/False — expected a bool, got {value!r}")
    return bool(value)


def _check_steps(steps: Any) -> int:
    if isinstance(steps, bool) or not isinstance(steps, int | np.integer) or steps < 1:
        raise ValueError(
            f"steps: harus bilangan bulat >= 1 — expected an integer number of months >= 1, "
            f"got {steps!r}"
        )
    return int(steps)


def _check_alpha(alpha: Any) -> float:
    if isinstance(alpha, bool) or not isinstance(alpha, int | float) or not (0.0 < alpha < 1.0):
        raise ValueError(
            f"alpha: harus antara 0 dan 1 — expected 0 < alpha < 1 (0.2 gives an 80 % interval), "
            f"got {alpha!r}"
        )
    return float(alpha)


def _check_scale(scale: Any) -> str:
    if scale not in ("proportion", "logit"):
        raise ValueError(
            f"scale: harus 'proportion' atau 'logit' — expected 'proportion' or 'logit', "
            f"got {scale!r}"
        )
    return scale


# --------------------------------------------------------------------------------------------
# Results base class
# --------------------------------------------------------------------------------------------

#: The rows and columns of :meth:`summary` (catalogue keys ``model.summary.<name>``).
_SUMMARY_KEYS = (
    "model",
    "backend",
    "n_obs",
    "first",
    "last",
    "last_value",
    "slope",
    "aic",
    "aicc",
    "note",
    "statistic",
    "value",
)


def _check_lang(lang: Any) -> str:
    if lang not in ("id", "en"):
        raise ValueError(f"lang: harus 'id' atau 'en' — expected 'id' or 'en', got {lang!r}")
    return lang


class _LogitTrendResults:
    """Shared forecasting interface; subclasses implement :meth:`_logit_forecast`."""

    model_name: str = ""
    backend: str = ""

    def __init__(self, observed: pd.Series, eps: float) -> None:
        #: Observed proportions [0-1] by month (after aggregation).
        self.observed = observed
        self.eps = eps
        self.n_obs = int(len(observed))
        self.last_period: pd.Period = observed.index[-1]
        self.params = pd.Series(dtype=float)
        self.llf = math.nan
        self.aic = math.nan
        self.aicc = math.nan
        #: Warnings raised by the optimiser (recorded, not printed).
        self.fit_warnings: list[str] = []

    # -- to be provided by subclasses ------------------------------------------------------
    def _logit_forecast(self, steps: int, alpha: float) -> pd.DataFrame:  # pragma: no cover
        raise NotImplementedError

    # -- public API -------------------------------------------------------------------------
    def _horizon(self, steps: int) -> pd.PeriodIndex:
        return pd.period_range(self.last_period + 1, periods=steps, freq="M")

    #: Upper bound of the back-transform (``capacity * expit``). [0-1]
    capacity: float = 1.0

    def prediction_intervals(
        self, steps: int, alpha: float = 0.2, *, scale: str = "proportion"
    ) -> pd.DataFrame:
        """Point forecast and ``1 - alpha`` prediction interval, month by month.

        Parameters
        ----------
        steps : int
            Number of months after the last observed month. [months]
        alpha : float
            One minus the interval's nominal coverage (0.2 gives the 10 %-90 % interval).
        scale : {"proportion", "logit"}
            Return proportions [0-1] (default) or the untransformed logit values. [logit]

        Returns
        -------
        pandas.DataFrame
            Indexed by month (``Period[M]``), columns ``forecast`` (median), ``lower``, ``upper``.
            On the proportion scale every value lies strictly inside (0, 1).
        """
        steps = _check_steps(steps)
        alpha = _check_alpha(alpha)
        _check_scale(scale)
        return self._finish(self._logit_forecast(steps, alpha), steps, scale)

    def _finish(self, frame: pd.DataFrame, steps: int, scale: str) -> pd.DataFrame:
        """Check for NaN, index by month and back-transform (``capacity * expit``)."""
        values = frame[["forecast", "lower", "upper"]].to_numpy(dtype=float)
        if not np.isfinite(values[:, 0]).all():
            raise TrendFitError(
                f"{self.model_name}: peramalan tidak terdefinisi — forecast contains NaN "
                "(the optimiser did not converge to a usable fit)"
            )
        if scale == "proportion":
            values = self.capacity * expit(values)
        return pd.DataFrame(
            values, index=self._horizon(steps), columns=["forecast", "lower", "upper"]
        )

    def forecast(self, steps: int) -> pd.Series:
        """Median forecast of coverage for the next ``steps`` months.

        Parameters
        ----------
        steps : int
            Number of months after the last observed month. [months]

        Returns
        -------
        pandas.Series
            Coverage [0-1] strictly inside (0, 1), indexed by month.
        """
        return self.prediction_intervals(steps, 0.2)["forecast"].rename("forecast")

    @property
    def slope_logit_per_year(self) -> float:
        """Change of the median logit forecast over the first forecast year. [logit/year]"""
        f = self.prediction_intervals(13, 0.2, scale="logit")["forecast"].to_numpy()
        return float(f[12] - f[0])

    @property
    def last_value(self) -> float:
        """Latest observed coverage. [0-1]"""
        return float(self.observed.iloc[-1])

    def summary(self, lang: str = "id") -> pd.DataFrame:
        """Key facts about the fit as a two-column table.

        Parameters
        ----------
        lang : {"id", "en"}
            Language of the labels.

        Returns
        -------
        pandas.DataFrame
            Columns ``statistik``/``statistic`` and ``nilai``/``value``; the parameters follow the
            general rows under their own names.
        """
        lang = _check_lang(lang)
        lab = {k: t(f"model.summary.{k}", lang) for k in _SUMMARY_KEYS}
        rows: list[tuple[str, object]] = [
            (lab["model"], self.model_name),
            (lab["backend"], self.backend),
            (lab["n_obs"], self.n_obs),
            (lab["first"], str(self.observed.index[0])),
            (lab["last"], str(self.last_period)),
            (lab["last_value"], round(100.0 * self.last_value, 2)),
        ]
        try:
            rows.append((lab["slope"], round(self.slope_logit_per_year, 4)))
        except (TrendFitError, InsufficientDataError):
            rows.append((lab["slope"], math.nan))
        rows += [(lab["aic"], self.aic), (lab["aicc"], self.aicc)]
        rows += [(str(k), float(v)) for k, v in self.params.items()]
        rows += [(lab["note"], w) for w in self.fit_warnings]
        return pd.DataFrame(rows, columns=[lab["statistic"], lab["value"]])

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} {self.model_name}: n_obs={self.n_obs}, "
            f"last={self.last_period}, params={self.params.round(4).to_dict()}>"
        )
