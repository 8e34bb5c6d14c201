"""Rolling-origin backtest of coverage forecasts, with naive and drift baselines.

For a series with observations ``y_1 .. y_n`` (irregular dates allowed) and an origin ``i``
(``min_train <= i < n``) every model is fitted on ``y_1 .. y_i`` and asked for the next
``horizon`` **observations** ``y_{i+1} .. y_{i+horizon}``; the lead time of each of them in months
is recorded (``lead_months``) because public coverage figures arrive at irregular intervals.
Errors are reported in **percentage points** of coverage (``100 * (forecast - actual)``) and each
held-out point is checked against the model's ``1 - alpha`` prediction interval (80 % by
default).

Baselines (both on the logit scale, with irregular spacing handled as Brownian motion in months):

* **naive** — last value; the interval uses the per-month variance of past logit changes,
  ``s^2 = mean(d_k^2 / g_k)`` (``d_k`` change over a gap of ``g_k`` months), so the variance after
  ``h`` months is ``s^2 h``. Needs 2 points for an interval.
* **drift** — random walk with drift ``mu = (y_last - y_first) / (total months)``; residual
  variance ``s^2 = sum((d_k - mu g_k)^2 / g_k) / (K - 1)`` and forecast variance
  ``s^2 (h + h^2 / total months)`` (the second term is the drift's own uncertainty). Needs 2
  points for a forecast and 3 for an interval.

Everything here is pure: frames in, frames out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .trend import (
    InsufficientDataError,
    TrendFitError,
    _check_alpha,
    _check_eps,
    _check_steps,
    _LogitTrendResults,
    _month_number,
    logit,
    prepare_proportions,
)

__all__ = [
    "NaiveModel",
    "DriftModel",
    "rolling_origin_backtest",
    "backtest_summary",
    "backtest_many",
    "ERROR_COLUMNS",
]

#: Columns of the frame returned by :func:`rolling_origin_backtest`.
ERROR_COLUMNS = [
    "series",
    "model",
    "origin",
    "n_train",
    "target",
    "h",
    "lead_months",
    "actual",
    "forecast",
    "lower",
    "upper",
    "error_pp",
    "abs_error_pp",
    "inside",
    "status",
    "reason",
]


# --------------------------------------------------------------------------------------------
# Baselines
# --------------------------------------------------------------------------------------------


class _RandomWalkResults(_LogitTrendResults):
    """Random walk (with or without drift) on logit coverage, irregular gaps in months."""

    backend = "closed form (Brownian motion on the logit scale)"

    def __init__(self, observed, eps, drift: bool):
        super().__init__(observed, eps)
        y = logit(observed.to_numpy(), eps)
        months = np.asarray(_month_number(observed.index), dtype=float)
        gaps = np.diff(months)
        d = np.diff(y)
        self._last = float(y[-1])
        self._total = float(months[-1] - months[0])
        self.drift = drift
        if drift:
            self.model_name = "drift"
            if len(y) < 2:
                raise InsufficientDataError(
                    "drift: butuh minimal 2 observasi — needs at least 2 observations"
                )
            mu = (y[-1] - y[0]) / self._total
            k = len(d)
            s2 = float(np.sum((d - mu * gaps) ** 2 / gaps) / (k - 1)) if k >= 2 else math.nan
            self._df = k - 1
        else:
            self.model_name = "naive"
            mu = 0.0
            s2 = float(np.mean(d**2 / gaps)) if len(d) else math.nan
            self._df = len(d)
        self._mu = float(mu)
        self._s2 = s2
        self.params = pd.Series({"drift_per_month": self._mu, "sigma_per_month": math.sqrt(s2)})

    @property
    def slope_logit_per_year(self) -> float:
        """Drift [logit/year] (0 for the naive model)."""
        return 12.0 * self._mu

    def forecast(self, steps: int) -> pd.Series:
        """Point forecast (works without an interval). [0-1]"""
        steps = _check_steps(steps)
        h = np.arange(1, steps + 1, dtype=float)
        frame = pd.DataFrame(
            {"forecast": self._last + self._mu * h, "lower": np.nan, "upper": np.nan}
        )
        return self._finish(frame, steps, "proportion")["forecast"].rename("forecast")

    def _logit_forecast(self, steps: int, alpha: float) -> pd.DataFrame:
        if not (self._df >= 1 and np.isfinite(self._s2)):
            raise InsufficientDataError(
                f"{self.model_name}: interval butuh lebih banyak observasi — prediction interval "
                f"needs {'3' if self.drift else '2'} observations, got {self.n_obs}"
            )
        h = np.arange(1, steps + 1, dtype=float)
        mean = self._last + self._mu * h
        var = self._s2 * h
        if self.drift:
            var = var + self._s2 * h**2 / self._total
        q = stats.norm.ppf(1.0 - alpha / 2.0)
        half = q * np.sqrt(var)
        return pd.DataFrame({"forecast": mean, "lower": mean - half, "upper": mean + half})


class NaiveModel:
    """Last value (random walk on the logit scale) baseline.

    Parameters
    ----------
    series : pandas.Series
        Coverage proportions [0-1] indexed by months or dates.
    eps : float, keyword-only
        Clipping margin before the logit. [0-1]
    """

    model_name = "naive"
    min_obs = 1

    def __init__(self, series: pd.Series, *, eps: float = 1e-4) -> None:
        self.eps = _check_eps(eps)
        self.observed = prepare_proportions(series)
        if len(self.observed) < 1:
            raise InsufficientDataError("naive: butuh 1 observasi — needs at least 1 observation")

    def fit(self) -> _RandomWalkResults:
        """Return the fitted baseline."""
        return _RandomWalkResults(self.observed, self.eps, drift=False)


class DriftModel(NaiveModel):
    """Random walk with drift on the logit scale (line from the first to the last point).

    Parameters
    ----------
    series : pandas.Series
        Coverage proportions [0-1] indexed by months or dates.
    eps : float, keyword-only
        Clipping margin before the logit. [0-1]
    """

    model_name = "drift"
    min_obs = 2

    def fit(self) -> _RandomWalkResults:
        """Return the fitted baseline."""
        return _RandomWalkResults(self.observed, self.eps, drift=True)


_BASELINES: dict[str, Callable[[pd.Series], Any]] = {"naive": NaiveModel, "drift": DriftModel}


# --------------------------------------------------------------------------------------------
# Rolling origin
# --------------------------------------------------------------------------------------------


def _fitted(factory: Callable[[pd.Series], Any], train: pd.Series) -> Any:
    """Call a factory; accept a model (has ``fit``) or already fitted results."""
    obj = factory(train)
    if hasattr(obj, "fit") and not hasattr(obj, "prediction_intervals"):
        obj = obj.fit()
    return obj


def _check_positive_int(value: Any, option: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ValueError(
            f"{option}: harus bilangan bulat >= {minimum} — expected an integer >= {minimum}, "
            f"got {value!r}"
        )
    return int(value)


def rolling_origin_backtest(
    series: pd.Series,
    model_factory: Callable[[pd.Series], Any] | None,
    *,
    min_train: int,
    horizon: int,
    alpha: float = 0.2,
    baselines: Iterable[str] = ("naive", "drift"),
    name: str = "model",
    series_name: str = "series",
) -> pd.DataFrame:
    """Rolling-origin evaluation of a coverage model against naive and drift baselines.

    Parameters
    ----------
    series : pandas.Series
        Coverage proportions [0-1] indexed by months or dates (irregular allowed).
    model_factory : callable or None
        ``factory(train_series)`` returning a model with ``fit()`` or fitted results with
        ``prediction_intervals(steps, alpha)``; e.g. ``lambda s: LogitETSModel(s)``. ``None``
        evaluates the baselines only.
    min_train : int, keyword-only
        Number of observations in the first training window (>= 1).
    horizon : int, keyword-only
        Number of following observations forecast from each origin (>= 1).
    alpha : float, keyword-only
        One minus the nominal interval coverage (0.2 = 80 % interval).
    baselines : iterable of str, keyword-only
        Any of ``"naive"``, ``"drift"``; evaluated at the same origins.
    name : str, keyword-only
        Label of the model in the ``model`` column.
    series_name : str, keyword-only
        Label of the series in the ``series`` column.

    Returns
    -------
    pandas.DataFrame
        One row per (model, origin, held-out point) with the columns in :data:`ERROR_COLUMNS`:
        ``origin``/``target`` months (``Period[M]``), ``h`` (observations ahead),
        ``lead_months`` [months], ``actual``/``forecast``/``lower``/``upper`` [0-1],
        ``error_pp`` = forecast - actual and ``abs_error_pp`` [percentage points], ``inside``
        (held-out point inside the interval; ``<NA>`` when the model gave no interval),
        ``status`` (``ok`` / ``no_interval`` / ``skipped``) and ``reason``.
        A model that cannot be fitted at an origin (too few points, failed fit) gives
        ``skipped`` rows with the reason instead of raising.
    """
    min_train = _check_positive_int(min_train, "min_train")
    horizon = _check_positive_int(horizon, "horizon")
    alpha = _check_alpha(alpha)
    baselines = list(baselines)
    unknown = [b for b in baselines if b not in _BASELINES]
    if unknown:
        raise ValueError(
            f"baselines: nama tidak dikenal — expected names from {sorted(_BASELINES)}, "
            f"got {unknown!r}"
        )
    observed = prepare_proportions(series, name=series_name)
    models: dict[str, Callable[[pd.Series], Any]] = {}
    if model_factory is not None:
        models[name] = model_factory
    for b in baselines:
        models[b] = _BASELINES[b]
    rows: list[dict[str, Any]] = []
    n = len(observed)
    months = np.asarray(_month_number(observed.index))
    for i in range(min_train, n):
        train = observed.iloc[:i]
        tests = range(i, min(i + horizon, n))
        leads = [int(months[j] - months[i - 1]) for j in tests]
        for label, factory in models.items():
            base = {"series": series_name, "model": label, "origin": train.index[-1], "n_train": i}
            try:
                res = _fitted(factory, train)
                status, reason = "ok", ""
                try:
                    frame = res.prediction_intervals(max(leads), alpha)
                except InsufficientDataError as exc:
                    point = res.forecast(max(leads))
                    frame = pd.DataFrame({"forecast": point, "lower": np.nan, "upper": np.nan})
                    status, reason = "no_interval", str(exc)
            except (InsufficientDataError, TrendFitError, ValueError, np.linalg.LinAlgError) as exc:
                for k, j in enumerate(tests):
                    rows.append(
                        base
                        | {
                            "target": observed.index[j],
                            "h": k + 1,
                            "lead_months": leads[k],
                            "actual": float(observed.iloc[j]),
                            "status": "skipped",
                            "reason": f"{type(exc).__name__}: {exc}",
                        }
                    )
                continue
            for k, j in enumerate(tests):
                f = frame.iloc[leads[k] - 1]
                actual = float(observed.iloc[j])
                lo, hi = float(f["lower"]), float(f["upper"])
                # 1e-12 absorbs the round trip logit -> expit of degenerate (zero-width) intervals
                inside = (
                    bool(lo - 1e-12 <= actual <= hi + 1e-12)
                    if np.isfinite(lo) and np.isfinite(hi)
                    else None
                )
                err = 100.0 * (float(f["forecast"]) - actual)
                rows.append(
                    base
                    | {
                        "target": observed.index[j],
                        "h": k + 1,
                        "lead_months": leads[k],
                        "actual": actual,
                        "forecast": float(f["forecast"]),
                        "lower": lo,
                        "upper": hi,
                        "error_pp": err,
                        "abs_error_pp": abs(err),
                        "inside": inside,
                        "status": status,
                        "reason": reason,
                    }
                )
    out = pd.DataFrame(rows, columns=ERROR_COLUMNS)
    for col in ("actual", "forecast", "lower", "upper", "error_pp", "abs_error_pp"):
        out[col] = out[col].astype(float)
    out["inside"] = out["inside"].astype("boolean")
    for col in ("n_train", "h", "lead_months"):
        out[col] = out[col].astype("int64")
    return out


def backtest_many(
    series_map: Mapping[str, pd.Series],
    model_factories: Mapping[str, Callable[[pd.Series], Any]],
    *,
    min_train: int,
    horizon: int,
    alpha: float = 0.2,
    baselines: Iterable[str] = ("naive", "drift"),
) -> pd.DataFrame:
    """Run :func:`rolling_origin_backtest` for several series and models.

    Parameters
    ----------
    series_map : mapping
        ``series name -> coverage proportions`` [0-1].
    model_factories : mapping
        ``model name -> factory(train_series)``; per-series factories can be given as
        ``factory`` objects exposing ``for_series(name)`` (used for pooled growth, which needs
        to know which unit it is forecasting).
    min_train, horizon, alpha, baselines
        As in :func:`rolling_origin_backtest`; baselines are evaluated once per series.

    Returns
    -------
    pandas.DataFrame
        Concatenated error frames (columns :data:`ERROR_COLUMNS`).
    """
    frames = []
    for sname, s in series_map.items():
        first = True
        for mname, factory in model_factories.items():
            f = factory.for_series(sname) if hasattr(factory, "for_series") else factory
            frames.append(
                rolling_origin_backtest(
                    s,
                    f,
                    min_train=min_train,
                    horizon=horizon,
                    alpha=alpha,
                    baselines=baselines if first else (),
                    name=mname,
                    series_name=sname,
                )
            )
            first = False
        if not model_factories:
            frames.append(
                rolling_origin_backtest(
                    s,
                    None,
                    min_train=min_train,
                    horizon=horizon,
                    alpha=alpha,
                    baselines=baselines,
                    series_name=sname,
                )
            )
    if not frames:
        return pd.DataFrame(columns=ERROR_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def backtest_summary(
    errors: pd.DataFrame, *, by: str | Iterable[str] = "model", models: Iterable[str] | None = None
) -> pd.DataFrame:
    """Summarise backtest errors per model (and optionally per series or lead).

    Parameters
    ----------
    errors : pandas.DataFrame
        Output of :func:`rolling_origin_backtest` or :func:`backtest_many`.
    by : str or iterable of str, keyword-only
        Grouping columns; ``"model"`` (default) or e.g. ``["series", "model"]``.
    models : iterable of str or None, keyword-only
        Keep only these models (e.g. the method used in a report).

    Returns
    -------
    pandas.DataFrame
        Per group: ``n_forecasts`` (points with a forecast), ``n_skipped``, ``mae_pp``,
        ``rmse_pp``, ``bias_pp`` (mean of forecast - actual) [percentage points],
        ``mean_lead_months`` [months], ``n_intervals``, ``interval_coverage`` (share of held-out
        points inside the interval; nominal 0.8 with ``alpha=0.2``), and on **matched** points
        (same series, origin and target as the baseline) ``mae_naive_pp``, ``mae_drift_pp``,
        ``ratio_vs_naive``, ``ratio_vs_drift`` (model MAE / baseline MAE; < 1 beats it).
    """
    by = [by] if isinstance(by, str) else list(by)
    if "model" not in by:
        by = [*by, "model"]
    err = errors.copy()
    key = ["series", "origin", "target"]
    baseline = {}
    for b in ("naive", "drift"):
        sub = err[(err["model"] == b) & err["forecast"].notna()]
        baseline[b] = sub[[*key, "abs_error_pp"]].rename(columns={"abs_error_pp": f"ae_{b}"})
    for frame in baseline.values():
        err = err.merge(frame, on=key, how="left")
    rows = []
    for group, g in err.groupby(by, sort=True, dropna=False):
        group = group if isinstance(group, tuple) else (group,)
        ok = g[g["forecast"].notna()]
        ints = ok[ok["inside"].notna()]
        row: dict[str, Any] = dict(zip(by, group, strict=True))
        row |= {
            "n_forecasts": len(ok),
            "n_skipped": int((g["status"] == "skipped").sum()),
            "mae_pp": ok["abs_error_pp"].mean() if len(ok) else math.nan,
            "rmse_pp": math.sqrt((ok["error_pp"] ** 2).mean()) if len(ok) else math.nan,
            "bias_pp": ok["error_pp"].mean() if len(ok) else math.nan,
            "mean_lead_months": ok["lead_months"].mean() if len(ok) else math.nan,
            "n_intervals": len(ints),
            "interval_coverage": float(ints["inside"].astype(bool).mean())
            if len(ints)
            else math.nan,
        }
        for b in ("naive", "drift"):
            matched = ok[ok[f"ae_{b}"].notna()]
            mae_m = matched["abs_error_pp"].mean() if len(matched) else math.nan
            mae_b = matched[f"ae_{b}"].mean() if len(matched) else math.nan
            row[f"mae_{b}_pp"] = mae_b
            row[f"ratio_vs_{b}"] = mae_m / mae_b if len(matched) and mae_b > 0 else math.nan
        rows.append(row)
    columns = [
        *by,
        "n_forecasts",
        "n_skipped",
        "mae_pp",
        "rmse_pp",
        "bias_pp",
        "mean_lead_months",
        "n_intervals",
        "interval_coverage",
        "mae_naive_pp",
        "ratio_vs_naive",
        "mae_drift_pp",
        "ratio_vs_drift",
    ]
    out = pd.DataFrame(rows, columns=columns)
    if models is not None and len(out):
        out = out[out["model"].isin(list(models))].reset_index(drop=True)
    return out
