"""Trend models for a coverage proportion on the logit scale.

Coverage (UCJ) is a proportion in (0, 1) and the last half percentage point is the hardest, so
every model here works on ``logit(c) = log(c / (1 - c))`` and back-transforms point forecasts
and prediction intervals with ``expit``. Because ``expit`` is monotone, quantiles (and therefore
interval coverage) carry over unchanged; the back-transformed point forecast is the **median**,
not the mean (Hyndman, FPP3 §13.3). Forecasts and interval bounds therefore always lie strictly
inside (0, 1).

All models follow the statsmodels shape ``Model(series, **options).fit() -> Results`` where
``Results`` offers ``forecast(steps)``, ``prediction_intervals(steps, alpha=0.2)``, ``summary()``
and ``.params``. Options are keyword-only and validated when the model is created; an error
message always names the option.

Time and irregular dates
------------------------
A series may be indexed by a monthly ``PeriodIndex`` or by a ``DatetimeIndex`` with irregular dates
(public coverage figures arrive every few months or years). Every date is mapped to its calendar
month; several values in one month are averaged (on the proportion scale). Then:

* :class:`LogitETSModel` and :class:`LogitARIMAModel` put the logit series on a **regular monthly
  grid** from the first to the last observed month. Months without an observation are missing
  values that the state-space (Kalman filter) likelihood skips, so a figure from April 2022 after
  one from December 2021 counts as four months of change, not one step. When the grid has no gaps
  the ETS model is statsmodels' ``ETSModel`` (additive error, additive damped trend, i.e.
  ETS(A,Ad,N)); with gaps it is the same ETS(A,Ad,N) model in state-space form
  (``statsmodels.tsa.statespace.exponential_smoothing.ExponentialSmoothing``), because
  ``ETSModel`` silently returns NaN parameters when the series has missing values.
* :class:`LogisticGrowthModel` is fitted on the observed points only, with time measured in years
  ``t = (month - origin) / 12``.

``steps`` in ``forecast``/``prediction_intervals`` are **months** after the last observed month.

Short series
------------
Each model needs a minimum number of observed months (``min_obs``): ETS(A,Ad,N) estimates five
parameters plus the noise variance and needs 7 points (6 without damping), ARIMA needs
``p + d + q + (trend terms) + 2`` (4 for the default random walk with drift), the logistic curve
needs 2 points for a fit and 3 for intervals. A shorter series raises
:class:`InsufficientDataError` (a ``ValueError``) that says how many points are needed;
:func:`select_trend_model` records such a candidate as skipped instead of failing.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .backtest import backtest_summary, rolling_origin_backtest
from .core import (
    LOGIT_CLIP,
    InsufficientDataError,
    TrendFitError,
    _check_alpha,
    _check_bool,
    _check_eps,
    _check_scale,
    _check_steps,
    _LogitTrendResults,
    _month_number,
    expit,
    logit,
    month_index,
    prepare_proportions,
)

__all__ = [
    "InsufficientDataError",
    "TrendFitError",
    "LogitETSModel",
    "LogitARIMAModel",
    "LogisticGrowthModel",
    "TrendSelection",
    "select_trend_model",
    "logit",
    "expit",
    "prepare_proportions",
    "month_index",
    "LOGIT_CLIP",
]


def _info_criteria(llf: float, k: int, n: int) -> tuple[float, float]:
    """AIC and small-sample AICc from a log-likelihood, ``k`` parameters and ``n`` points."""
    aic = -2.0 * llf + 2.0 * k
    aicc = aic + 2.0 * k * (k + 1) / (n - k - 1) if n - k - 1 > 0 else math.inf
    return float(aic), float(aicc)


class _LogitTrendModel:
    """Shared validation of the input series for the logit-scale models."""

    #: Human-readable model name (English; used in tables).
    model_name = ""

    def __init__(self, series: pd.Series, eps: float) -> None:
        self.eps = _check_eps(eps)
        self.observed = prepare_proportions(series, name="series")

    @property
    def min_obs(self) -> int:  # pragma: no cover - overridden
        raise NotImplementedError

    def _require(self, n_needed: int) -> None:
        n = len(self.observed)
        if n < n_needed:
            raise InsufficientDataError(
                f"{self.model_name}: butuh minimal {n_needed} bulan observasi, tersedia {n} — "
                f"needs at least {n_needed} observed months, got {n}"
            )

    def _logit_grid(self) -> pd.Series:
        """Logit values on a regular monthly grid (NaN where no observation)."""
        y = pd.Series(logit(self.observed.to_numpy(), self.eps), index=self.observed.index)
        grid = pd.period_range(y.index[0], y.index[-1], freq="M")
        return y.reindex(grid)


# --------------------------------------------------------------------------------------------
# ETS on the logit scale
# --------------------------------------------------------------------------------------------


class LogitETSResults(_LogitTrendResults):
    """Fitted :class:`LogitETSModel`. ``params`` are the ETS smoothing parameters and states."""

    def __init__(self, observed, eps, sm_results, backend, damped, n_grid):
        super().__init__(observed, eps)
        self._res = sm_results
        self.backend = backend
        self.damped = damped
        self.n_grid = n_grid
        self.model_name = "ETS(A,Ad,N) logit" if damped else "ETS(A,A,N) logit"
        names = list(getattr(sm_results.model, "param_names", []))
        values = np.asarray(sm_results.params, dtype=float)
        self.params = pd.Series(values, index=names if len(names) == len(values) else None)
        k = len(values) + 1  # smoothing params and initial states + noise variance
        self.llf = float(sm_results.llf)
        self.aic, self.aicc = _info_criteria(self.llf, k, self.n_obs)

    def _logit_forecast(self, steps: int, alpha: float) -> pd.DataFrame:
        if self.backend == "ETSModel":
            frame = self._res.get_prediction(
                start=self.n_grid, end=self.n_grid + steps - 1
            ).summary_frame(alpha=alpha)
            lo, hi = frame["pi_lower"], frame["pi_upper"]
        else:
            frame = self._res.get_forecast(steps).summary_frame(alpha=alpha)
            lo, hi = frame["mean_ci_lower"], frame["mean_ci_upper"]
        return pd.DataFrame(
            {"forecast": frame["mean"].to_numpy(), "lower": lo.to_numpy(), "upper": hi.to_numpy()}
        )


class LogitETSModel(_LogitTrendModel):
    """Exponential smoothing with additive error and (damped) additive trend on logit coverage.

    Parameters
    ----------
    series : pandas.Series
        Coverage proportions [0-1] indexed by a monthly ``PeriodIndex`` or a ``DatetimeIndex``
        (irregular dates allowed; see the module docstring).
    damped : bool, keyword-only
        Damped trend (ETS(A,Ad,N), default) or linear trend (ETS(A,A,N)).
    eps : float, keyword-only
        Proportions are clipped to ``[eps, 1 - eps]`` before the logit. [0-1]

    Notes
    -----
    Needs ``min_obs`` observed months: 7 when damped, 6 otherwise (parameters + 2).
    """

    def __init__(self, series: pd.Series, *, damped: bool = True, eps: float = 1e-4) -> None:
        self.damped = _check_bool(damped, "damped")
        super().__init__(series, eps)
        self.model_name = "ETS(A,Ad,N) logit" if self.damped else "ETS(A,A,N) logit"

    @property
    def min_obs(self) -> int:
        """Minimum number of observed months. [count]"""
        return 7 if self.damped else 6

    def fit(self) -> LogitETSResults:
        """Estimate the model by maximum likelihood.

        Returns
        -------
        LogitETSResults

        Raises
        ------
        InsufficientDataError
            If the series has fewer than ``min_obs`` observed months.
        TrendFitError
            If the optimiser returns NaN parameters.
        """
        from statsmodels.tsa.exponential_smoothing.ets import ETSModel
        from statsmodels.tsa.statespace.exponential_smoothing import ExponentialSmoothing

        self._require(self.min_obs)
        grid = self._logit_grid()
        complete = bool(grid.notna().all())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if complete:
                backend = "ETSModel"
                res = ETSModel(grid, error="add", trend="add", damped_trend=self.damped).fit(
                    disp=False
                )
            else:
                backend = "statespace.ExponentialSmoothing"
                # statsmodels derives the initial trend from the first two grid points, which are
                # NaN here; start from a least-squares line through the observed points instead.
                months = np.flatnonzero(grid.notna().to_numpy())
                slope, level0 = np.polyfit(months, grid.dropna().to_numpy(), 1)
                start = [0.1, 0.01, 0.95] if self.damped else [0.1, 0.01]
                res = ExponentialSmoothing(
                    grid,
                    trend=True,
                    damped_trend=self.damped,
                    initialization_method="estimated",
                ).fit(start_params=np.array([*start, level0, slope]), disp=False)
        if not np.isfinite(np.asarray(res.params, dtype=float)).all():
            raise TrendFitError(
                f"{self.model_name}: parameter tidak terdefinisi — optimiser returned NaN "
                "parameters"
            )
        out = LogitETSResults(self.observed, self.eps, res, backend, self.damped, len(grid))
        out.fit_warnings = sorted({str(w.message).splitlines()[0] for w in caught})
        return out


# --------------------------------------------------------------------------------------------
# ARIMA on the logit scale
# --------------------------------------------------------------------------------------------

_TREND_TERMS = {"n": 0, "c": 1, "t": 1, "ct": 2}


class LogitARIMAResults(_LogitTrendResults):
    """Fitted :class:`LogitARIMAModel`. ``params`` include the trend (``x1`` = drift per month)."""

    backend = "SARIMAX (statsmodels.tsa.arima.model.ARIMA)"

    def __init__(self, observed, eps, sm_results, order, trend):
        super().__init__(observed, eps)
        self._res = sm_results
        self.order = order
        self.trend = trend
        self.model_name = f"ARIMA{order} trend={trend!r} logit"
        self.params = pd.Series(
            np.asarray(sm_results.params, dtype=float), index=list(sm_results.model.param_names)
        )
        self.llf = float(sm_results.llf)
        self.aic, self.aicc = _info_criteria(self.llf, len(self.params), self.n_obs)

    def _logit_forecast(self, steps: int, alpha: float) -> pd.DataFrame:
        frame = self._res.get_forecast(steps).summary_frame(alpha=alpha)
        return pd.DataFrame(
            {
                "forecast": frame["mean"].to_numpy(),
                "lower": frame["mean_ci_lower"].to_numpy(),
                "upper": frame["mean_ci_upper"].to_numpy(),
            }
        )


class LogitARIMAModel(_LogitTrendModel):
    """ARIMA on logit coverage (state-space SARIMAX; missing months handled by the Kalman filter).

    Parameters
    ----------
    series : pandas.Series
        Coverage proportions [0-1] indexed by months or dates (irregular allowed).
    order : tuple of int, keyword-only
        ``(p, d, q)``. The default ``(0, 1, 0)`` with ``trend="t"`` is a random walk with drift
        on the logit scale.
    trend : {"n", "c", "t", "ct"}, keyword-only
        Deterministic trend as in ``statsmodels.tsa.arima.model.ARIMA``: a regression on
        (1, t) with ARIMA errors, so with ``d = 1`` the coefficient of ``t`` is the drift
        [logit/month]. ``"c"`` and ``"ct"`` are not allowed with ``d >= 1`` (the constant is
        differenced away).
    eps : float, keyword-only
        Clipping margin before the logit. [0-1]

    Notes
    -----
    Needs ``min_obs = p + d + q + (number of trend terms) + 2`` observed months.
    """

    def __init__(
        self,
        series: pd.Series,
        *,
        order: tuple[int, int, int] = (0, 1, 0),
        trend: str = "t",
        eps: float = 1e-4,
    ) -> None:
        if (
            not isinstance(order, tuple | list)
            or len(order) != 3
            or not all(isinstance(v, int | np.integer) and not isinstance(v, bool) for v in order)
            or min(order) < 0
            or order[1] > 2
        ):
            raise ValueError(
                f"order: harus (p, d, q) bilangan bulat >= 0, d <= 2 — expected a tuple of three "
                f"non-negative integers with d <= 2, got {order!r}"
            )
        if trend not in _TREND_TERMS:
            raise ValueError(
                f"trend: harus salah satu dari 'n', 'c', 't', 'ct' — expected one of "
                f"'n', 'c', 't', 'ct', got {trend!r}"
            )
        if order[1] >= 1 and "c" in trend:
            raise ValueError(
                f"trend: konstanta hilang karena differencing — trend={trend!r} is not "
                f"identifiable with d={order[1]}; use 't' (drift) or 'n'"
            )
        self.order = tuple(int(v) for v in order)
        self.trend = trend
        super().__init__(series, eps)
        self.model_name = f"ARIMA{self.order} trend={trend!r} logit"

    @property
    def min_obs(self) -> int:
        """Minimum number of observed months. [count]"""
        p, d, q = self.order
        return p + d + q + _TREND_TERMS[self.trend] + 2

    def fit(self) -> LogitARIMAResults:
        """Estimate by exact maximum likelihood (Kalman filter).

        Returns
        -------
        LogitARIMAResults

        Raises
        ------
        InsufficientDataError
            If the series has fewer than ``min_obs`` observed months.
        TrendFitError
            If the optimiser returns NaN parameters.
        """
        from statsmodels.tsa.arima.model import ARIMA

        self._require(self.min_obs)
        grid = self._logit_grid()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = ARIMA(grid, order=self.order, trend=self.trend).fit()
        if not np.isfinite(np.asarray(res.params, dtype=float)).all():
            raise TrendFitError(
                f"{self.model_name}: parameter tidak terdefinisi — optimiser returned NaN "
                "parameters"
            )
        out = LogitARIMAResults(self.observed, self.eps, res, self.order, self.trend)
        out.fit_warnings = sorted({str(w.message).splitlines()[0] for w in caught})
        return out


# --------------------------------------------------------------------------------------------
# Saturating logistic growth
# --------------------------------------------------------------------------------------------


class LogisticGrowthResults(_LogitTrendResults):
    """Fitted :class:`LogisticGrowthModel`.

    Attributes
    ----------
    params : pandas.Series
        ``a`` [logit at ``origin``], ``b`` [logit/year], ``sigma`` [logit] (residual sd; NaN with
        only two points).
    bse : pandas.Series
        Standard errors of ``a`` and ``b``.
    cov_params : pandas.DataFrame
        ``sigma**2 (X'X)^-1``.
    """

    backend = "closed-form least squares on logit(c / K)"

    def __init__(self, observed, eps, capacity, origin, a, b, sigma2, xtx_inv, df, t_obs, llf):
        super().__init__(observed, eps)
        self.capacity = capacity
        self.origin = origin
        self.df_resid = df
        self._xtx_inv = xtx_inv
        self._sigma2 = sigma2
        self.model_name = f"logistic growth K={capacity:g}"
        self.params = pd.Series({"a": a, "b": b, "sigma": math.sqrt(sigma2)})
        cov = sigma2 * xtx_inv
        self.cov_params = pd.DataFrame(cov, index=["a", "b"], columns=["a", "b"])
        self.bse = pd.Series(np.sqrt(np.diag(cov)), index=["a", "b"])
        self._t_obs = t_obs
        self.llf = llf
        self.aic, self.aicc = _info_criteria(llf, 3, self.n_obs)

    def _years(self, periods: pd.PeriodIndex) -> np.ndarray:
        return (np.asarray(_month_number(periods)) - _month_number(self.origin)) / 12.0

    @property
    def fitted(self) -> pd.Series:
        """Fitted curve at the observed months. [0-1]"""
        a, b = self.params["a"], self.params["b"]
        return pd.Series(self.capacity * expit(a + b * self._t_obs), index=self.observed.index)

    @property
    def slope_logit_per_year(self) -> float:
        """Slope ``b`` of ``logit(c / K)``. [logit/year]"""
        return float(self.params["b"])

    def prediction_intervals(
        self,
        steps: int,
        alpha: float = 0.2,
        *,
        scale: str = "proportion",
        kind: str = "prediction",
    ) -> pd.DataFrame:
        """Median forecast and interval from the parameter covariance.

        Parameters
        ----------
        steps : int
            Months after the last observation. [months]
        alpha : float
            One minus the nominal coverage.
        scale : {"proportion", "logit"}
            Proportions ``K * expit(.)`` [0-1] or ``logit(c / K)`` values. [logit]
        kind : {"prediction", "confidence"}
            ``"prediction"`` adds the residual variance to ``x' Cov x`` (a new observation);
            ``"confidence"`` is the interval of the curve itself.

        Returns
        -------
        pandas.DataFrame
            Columns ``forecast``, ``lower``, ``upper`` indexed by month.

        Raises
        ------
        InsufficientDataError
            With two observations (no residual degrees of freedom) the interval is undefined.
        """
        if kind not in ("prediction", "confidence"):
            raise ValueError(
                f"kind: harus 'prediction' atau 'confidence' — expected 'prediction' or "
                f"'confidence', got {kind!r}"
            )
        steps = _check_steps(steps)
        alpha = _check_alpha(alpha)
        _check_scale(scale)
        return self._finish(self._logit_forecast(steps, alpha, kind=kind), steps, scale)

    def forecast(self, steps: int) -> pd.Series:
        """Point forecast of the fitted curve (works with two points). [0-1]"""
        steps = _check_steps(steps)
        idx = self._horizon(steps)
        t = self._years(idx)
        mean = self.params["a"] + self.params["b"] * t
        return pd.Series(self.capacity * expit(mean), index=idx, name="forecast")

    def _logit_forecast(self, steps: int, alpha: float, kind: str = "prediction") -> pd.DataFrame:
        if self.df_resid < 1:
            raise InsufficientDataError(
                f"{self.model_name}: interval butuh minimal 3 observasi — prediction intervals "
                f"need at least 3 observations, got {self.n_obs}"
            )
        t = self._years(self._horizon(steps))
        x = np.column_stack([np.ones_like(t), t])
        mean = self.params["a"] + self.params["b"] * t
        var = self._sigma2 * np.einsum("ij,jk,ik->i", x, self._xtx_inv, x)
        if kind == "prediction":
            var = var + self._sigma2
        q = stats.t.ppf(1.0 - alpha / 2.0, self.df_resid)
        half = q * np.sqrt(var)
        return pd.DataFrame({"forecast": mean, "lower": mean - half, "upper": mean + half})


class LogisticGrowthModel(_LogitTrendModel):
    """Saturating logistic growth ``c(t) = K / (1 + exp(-(a + b t)))``.

    Parameters
    ----------
    series : pandas.Series
        Coverage proportions [0-1] indexed by months or dates (irregular allowed).
    capacity : float, keyword-only
        Saturation level ``K`` (0 < K <= 1), held fixed. [0-1]
    origin : str, pandas.Period or None, keyword-only
        Month where ``t = 0``; default the first observed month. ``a`` is ``logit(c / K)`` there.
    eps : float, keyword-only
        ``c / K`` is clipped to ``[eps, 1 - eps]``. [0-1]

    Notes
    -----
    With ``K`` fixed, ``logit(c / K) = a + b t`` is linear, so least squares on the logit scale
    has the closed form ``(a, b) = (X'X)^-1 X'y`` with ``X = [1, t]`` and ``t`` in years. The
    residual variance is ``s^2 = RSS / (n - 2)``, the parameter covariance ``s^2 (X'X)^-1`` and the
    prediction interval at ``t*`` is ``a + b t* +/- t_{n-2} sqrt(s^2 (1 + x*'(X'X)^-1 x*))``,
    back-transformed with ``K * expit``. Two points give an exact fit and no intervals.
    """

    min_obs = 2

    def __init__(
        self,
        series: pd.Series,
        *,
        capacity: float = 1.0,
        origin: str | pd.Period | None = None,
        eps: float = 1e-4,
    ) -> None:
        if (
            isinstance(capacity, bool)
            or not isinstance(capacity, int | float)
            or not (0.0 < capacity <= 1.0)
        ):
            raise ValueError(
                f"capacity: harus 0 < K <= 1 — expected a saturation level 0 < capacity <= 1, "
                f"got {capacity!r}"
            )
        self.capacity = float(capacity)
        if origin is not None:
            try:
                origin = pd.Period(origin, freq="M")
            except (TypeError, ValueError) as exc:
                raise ValueError(
                    f"origin: bukan bulan yang valid — expected a month such as '2021-12', "
                    f"got {origin!r}"
                ) from exc
        self.origin = origin
        super().__init__(series, eps)
        self.model_name = f"logistic growth K={self.capacity:g}"
        if (self.observed > self.capacity).any():
            raise ValueError(
                f"capacity: cakupan melebihi K — observed coverage up to "
                f"{self.observed.max():.4f} exceeds capacity={self.capacity:g}"
            )

    def fit(self) -> LogisticGrowthResults:
        """Closed-form least squares on ``logit(c / K)``.

        Returns
        -------
        LogisticGrowthResults

        Raises
        ------
        InsufficientDataError
            With fewer than 2 observed months.
        """
        self._require(self.min_obs)
        origin = self.origin if self.origin is not None else self.observed.index[0]
        t = (np.asarray(_month_number(self.observed.index)) - _month_number(origin)) / 12.0
        y = logit(self.observed.to_numpy() / self.capacity, self.eps)
        x = np.column_stack([np.ones_like(t), t])
        xtx_inv = np.linalg.inv(x.T @ x)
        a, b = xtx_inv @ (x.T @ y)
        resid = y - (a + b * t)
        rss = float(resid @ resid)
        n = len(y)
        df = n - 2
        sigma2 = rss / df if df > 0 else math.nan
        sigma2_mle = rss / n
        llf = -0.5 * n * (math.log(2 * math.pi * sigma2_mle) + 1.0) if sigma2_mle > 0 else math.inf
        return LogisticGrowthResults(
            self.observed,
            self.eps,
            self.capacity,
            origin,
            float(a),
            float(b),
            sigma2,
            xtx_inv,
            df,
            t,
            llf,
        )


# --------------------------------------------------------------------------------------------
# Model selection
# --------------------------------------------------------------------------------------------

_CANDIDATES: dict[str, Callable[[pd.Series], Any]] = {
    "ets": lambda s: LogitETSModel(s, damped=True),
    "ets_linear": lambda s: LogitETSModel(s, damped=False),
    "arima": lambda s: LogitARIMAModel(s),
    "logistic": lambda s: LogisticGrowthModel(s),
}


@dataclass
class TrendSelection:
    """Outcome of :func:`select_trend_model`.

    Attributes
    ----------
    name : str
        Key of the winning candidate.
    results : object
        Fitted results of the winner (same API as every model's results).
    scores : pandas.DataFrame
        One row per candidate: ``candidate, model_name, status`` (``fitted`` / ``skipped`` /
        ``failed``), ``n_obs, aic, aicc, mae_pp, coverage80, score, reason``.
    method : str
        ``"aic"``, ``"aicc"`` or ``"backtest"``.
    reason : str
        Why the winner won (English; shown in reports).
    """

    name: str
    results: Any
    scores: pd.DataFrame
    method: str
    reason: str
    notes: list[str] = field(default_factory=list)


def select_trend_model(
    series: pd.Series,
    *,
    candidates: Sequence[str] | Mapping[str, Callable[[pd.Series], Any]] = (
        "ets",
        "arima",
        "logistic",
    ),
    method: str = "aic",
    min_train: int | None = None,
    horizon: int = 1,
    alpha: float = 0.2,
) -> TrendSelection:
    """Fit several trend models and keep the best one.

    Parameters
    ----------
    series : pandas.Series
        Coverage proportions [0-1] indexed by months or dates.
    candidates : sequence of str or mapping, keyword-only
        Names from ``"ets"``, ``"ets_linear"``, ``"arima"``, ``"logistic"``, or a mapping
        ``name -> factory(series) -> model`` (the model must have ``fit()``).
    method : {"aic", "aicc", "backtest"}, keyword-only
        ``"aic"``/``"aicc"``: lowest information criterion of the logit-scale likelihood.
        Caveat: the ARIMA likelihood (d = 1) conditions on the first point while ETS and the
        logistic curve do not, so across families this is a heuristic; prefer ``"backtest"``
        when the series is long enough. ``"backtest"``: lowest rolling-origin mean absolute
        error [percentage points] of one-step-ahead (``horizon``) forecasts.
    min_train : int or None, keyword-only
        Training size of the first backtest origin; default ``max(3, n // 2)``.
    horizon : int, keyword-only
        Held-out observations per origin in the backtest.
    alpha : float, keyword-only
        One minus the interval coverage used in the backtest.

    Returns
    -------
    TrendSelection

    Raises
    ------
    InsufficientDataError
        If no candidate could be fitted (every one skipped or failed); the message lists why.
    """
    if method not in ("aic", "aicc", "backtest"):
        raise ValueError(
            f"method: harus 'aic', 'aicc' atau 'backtest' — expected 'aic', 'aicc' or "
            f"'backtest', got {method!r}"
        )
    alpha = _check_alpha(alpha)
    if isinstance(candidates, Mapping):
        factories = dict(candidates)
    else:
        unknown = [c for c in candidates if c not in _CANDIDATES]
        if unknown or not len(candidates):
            raise ValueError(
                f"candidates: nama model tidak dikenal — expected names from "
                f"{sorted(_CANDIDATES)}, got {list(candidates)!r}"
            )
        factories = {c: _CANDIDATES[c] for c in candidates}
    observed = prepare_proportions(series)
    n = len(observed)
    rows = []
    fitted: dict[str, Any] = {}
    for name, factory in factories.items():
        row: dict[str, Any] = {
            "candidate": name,
            "model_name": name,
            "status": "fitted",
            "n_obs": n,
            "aic": math.nan,
            "aicc": math.nan,
            "mae_pp": math.nan,
            "coverage80": math.nan,
            "reason": "",
        }
        try:
            model = factory(observed)
            row["model_name"] = getattr(model, "model_name", name)
            res = model.fit()
            res.forecast(1)  # NaN forecasts -> TrendFitError
            fitted[name] = res
            row["aic"], row["aicc"] = res.aic, res.aicc
        except InsufficientDataError as exc:
            row["status"], row["reason"] = "skipped", str(exc)
        except (TrendFitError, np.linalg.LinAlgError, ValueError) as exc:
            row["status"], row["reason"] = "failed", f"{type(exc).__name__}: {exc}"
        rows.append(row)
    scores = pd.DataFrame(rows)
    if not fitted:
        raise InsufficientDataError(
            "tidak ada model tren yang bisa diestimasi — no candidate could be fitted:\n"
            + "\n".join(f"{r['candidate']}: {r['reason']}" for r in rows)
        )
    notes: list[str] = []
    if method == "backtest":
        start = min_train if min_train is not None else max(3, n // 2)
        frames = {
            name: rolling_origin_backtest(
                observed,
                factories[name],
                min_train=start,
                horizon=horizon,
                alpha=alpha,
                baselines=(),
                name=name,
            )
            for name in fitted
        }
        # compare on the held-out points every candidate forecast (a model that needs more
        # history would otherwise be judged on easier, later points only)
        key = ["origin", "target"]
        ok = [f[f["forecast"].notna()][key] for f in frames.values()]
        common = ok[0]
        for other in ok[1:]:
            common = common.merge(other, on=key)
        if len(common):
            frames = {k: f.merge(common, on=key) for k, f in frames.items()}
            notes.append(f"backtest on {len(common)} held-out point(s) forecast by every candidate")
        else:
            notes.append("no held-out point forecast by every candidate: MAE on each own set")
        for name, errors in frames.items():
            summ = backtest_summary(errors)
            if len(summ) and summ["n_forecasts"].iloc[0] > 0:
                i = scores.index[scores["candidate"] == name][0]
                scores.loc[i, "mae_pp"] = summ["mae_pp"].iloc[0]
                scores.loc[i, "coverage80"] = summ["interval_coverage"].iloc[0]
        score_col = "mae_pp"
    else:
        score_col = method
    scores["score"] = scores[score_col]

    def _usable(frame: pd.DataFrame) -> pd.DataFrame:
        # -inf (a perfect fit) is a valid best score; NaN and +inf (AICc with n <= k + 1) are not
        score = frame["score"].astype(float)
        return frame[(frame["status"] == "fitted") & score.notna() & (score < math.inf)]

    usable = _usable(scores)
    if usable.empty:
        # e.g. AICc infinite for every candidate (tiny n) or no backtest origin: fall back on AIC
        fallback = "aic"
        notes.append(
            f"no finite {score_col} for any fitted candidate (series too short); ranked by AIC"
        )
        scores["score"] = scores["aic"]
        usable = _usable(scores)
        score_col = fallback
    if usable.empty:
        best = next(iter(fitted))
        reason = f"{best} is the only candidate with a fit; no finite score to compare"
    else:
        ordered = usable.sort_values("score")
        best = str(ordered["candidate"].iloc[0])
        best_score = float(ordered["score"].iloc[0])
        if len(ordered) > 1:
            runner, runner_score = ordered["candidate"].iloc[1], float(ordered["score"].iloc[1])
            reason = (
                f"{best} has the lowest {score_col} ({best_score:.3f}) vs {runner} "
                f"({runner_score:.3f}); {len(scores) - len(usable)} candidate(s) not comparable"
            )
        else:
            reason = f"{best} is the only candidate with a finite {score_col} ({best_score:.3f})"
    skipped = scores[scores["status"] != "fitted"]
    for _, r in skipped.iterrows():
        notes.append(f"{r['candidate']} {r['status']}: {r['reason']}")
    return TrendSelection(
        name=best, results=fitted[best], scores=scores, method=method, reason=reason, notes=notes
    )
