"""Rolling-origin backtest of coverage forecasts, with naive and drift baselines.

This module is long because the rolling-origin loop, its scoring against the baselines,
the split-conformal calibration of the intervals and the sentence stating what the test rests on
are one evaluation over the same error frame; the calibration reads the scores the loop writes.

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

Interval calibration
--------------------
Intervals that hold fewer held-out points than their nominal share are too narrow.
:func:`interval_ratios` measures each held-out point's distance from the forecast in units of its
interval half-width on the logit scale (``r <= 1``: inside); :func:`interval_scale` takes the
split-conformal quantile ``k`` of those ratios (the factor on the half-width, i.e. on the
predictive sd, that makes a ``1 - alpha`` interval hold ``1 - alpha`` of the points) and
:func:`calibrated_coverage` scores ``k`` honestly, leaving out each forecast origin in turn.
:func:`backtest_summary` reports both per model; :func:`backtest_basis` condenses a summary into
the facts a report states (series, points, lead times, coverage before/after calibration,
errors against the naive baseline).

Everything here is pure: frames in, frames out.

"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ucj_analysis.i18n import format_number, t

from .core import (
    InsufficientDataError,
    TrendFitError,
    _check_alpha,
    _check_eps,
    _check_lang,
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
    "backtest_basis",
    "describe_backtest_basis",
    "interval_ratios",
    "interval_scale",
    "calibrated_coverage",
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
    "alpha",
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
            base = {
                "series": series_name,
                "model": label,
                "origin": train.index[-1],
                "n_train": i,
                "alpha": alpha,
            }
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
    for col in ("actual", "forecast", "lower", "upper", "error_pp", "abs_error_pp", "alpha"):
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
        points inside the interval as the model gave it; nominal ``nominal_coverage``, 0.8
        with ``alpha=0.2``), and on **matched** points (same series, origin and target as the
        baseline) ``mae_naive_pp``, ``mae_drift_pp``, ``ratio_vs_naive``, ``ratio_vs_drift``
        (model MAE / baseline MAE; < 1 beats it). Then what the figures rest on:
        ``n_origins`` (forecast origins), ``n_targets`` (distinct held-out figures; one figure
        is forecast from several origins), ``series_tested`` (tuple of series names),
        ``lead_months_tested`` (tuple of distinct lead times [months]); and the interval
        calibration of :func:`interval_scale` / :func:`calibrated_coverage`:
        ``interval_scale`` (factor on the interval half-width on the logit scale) and
        ``interval_coverage_calibrated`` (leave-one-origin-out coverage of the scaled
        intervals).
    """
    by = [by] if isinstance(by, str) else list(by)
    if "model" not in by:
        by = [*by, "model"]
    err = errors.copy()
    if "alpha" not in err:
        err["alpha"] = 0.2  # frames written before the column existed used 80 % intervals
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
        alpha = _group_alpha(g)
        row: dict[str, Any] = dict(zip(by, group, strict=True))
        row |= {
            "n_forecasts": len(ok),
            "n_skipped": int((g["status"] == "skipped").sum()),
            "mae_pp": ok["abs_error_pp"].mean() if len(ok) else math.nan,
            "rmse_pp": math.sqrt((ok["error_pp"] ** 2).mean()) if len(ok) else math.nan,
            "bias_pp": ok["error_pp"].mean() if len(ok) else math.nan,
            "mean_lead_months": ok["lead_months"].mean() if len(ok) else math.nan,
            "n_intervals": len(ints),
            "nominal_coverage": 1.0 - alpha,
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
        row |= {
            "n_origins": int(ok[["series", "origin"]].drop_duplicates().shape[0]),
            "n_targets": int(ok[["series", "target"]].drop_duplicates().shape[0]),
            "series_tested": tuple(sorted({str(s) for s in ok["series"]})),
            "lead_months_tested": tuple(sorted({int(m) for m in ok["lead_months"]})),
            "interval_scale": interval_scale(interval_ratios(ints), alpha=alpha),
            "interval_coverage_calibrated": calibrated_coverage(ints, alpha=alpha),
        }
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
        "nominal_coverage",
        "interval_coverage",
        "mae_naive_pp",
        "ratio_vs_naive",
        "mae_drift_pp",
        "ratio_vs_drift",
        "n_origins",
        "n_targets",
        "series_tested",
        "lead_months_tested",
        "interval_scale",
        "interval_coverage_calibrated",
    ]
    out = pd.DataFrame(rows, columns=columns)
    if models is not None and len(out):
        out = out[out["model"].isin(list(models))].reset_index(drop=True)
    return out


def _group_alpha(errors: pd.DataFrame) -> float:
    """The one ``alpha`` of a set of error rows (0.2 when the frame has no such column)."""
    if "alpha" not in errors or errors["alpha"].isna().all():
        return 0.2
    values = errors["alpha"].dropna().unique()
    if len(values) > 1:
        raise ValueError(
            f"alpha: baris dengan interval berbeda — the rows mix intervals with alpha "
            f"{sorted(float(v) for v in values)}; summarise each alpha separately"
        )
    return float(values[0])


# --------------------------------------------------------------------------------------------
# Interval calibration
# --------------------------------------------------------------------------------------------

#: Margin used when comparing a ratio with the scale (round trip logit -> expit -> logit).
_RATIO_TOL = 1e-9


def interval_ratios(errors: pd.DataFrame) -> pd.Series:
    """Distance of each held-out point from the forecast, in interval half-widths (logit scale).

    For a held-out point with actual ``a``, median forecast ``f`` and interval ``[l, u]`` (all
    proportions), ``r = |logit(a) - logit(f)| / (logit(u) - logit(f))`` when ``a >= f`` and
    ``r = |logit(a) - logit(f)| / (logit(f) - logit(l))`` otherwise. Every model here gives
    intervals symmetric on the logit scale (``forecast +/- q * sd``), so the point lies inside
    the interval exactly when ``r <= 1``, and inside the interval whose half-width is scaled by
    ``k`` (equivalently: whose predictive sd is scaled by ``k``) exactly when ``r <= k``.

    Parameters
    ----------
    errors : pandas.DataFrame
        Rows of :func:`rolling_origin_backtest` (columns ``actual, forecast, lower, upper``).

    Returns
    -------
    pandas.Series
        ``r`` per row [half-widths], NaN where the row has no interval; ``inf`` for a miss of a
        zero-width interval.
    """
    a = errors["actual"].to_numpy(dtype=float)
    f = errors["forecast"].to_numpy(dtype=float)
    lo = errors["lower"].to_numpy(dtype=float)
    hi = errors["upper"].to_numpy(dtype=float)
    usable = np.isfinite(a) & np.isfinite(f) & np.isfinite(lo) & np.isfinite(hi)
    eps = 1e-13  # bounds come from expit(+/-30) at most, ~9e-14 away from 0 and 1
    la, lf = logit(a, eps), logit(f, eps)
    dist = np.abs(la - lf)
    half = np.where(la >= lf, logit(hi, eps) - lf, lf - logit(lo, eps))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(half > 0, dist / np.where(half > 0, half, 1.0), np.where(dist > 0, np.inf, 0))
    return pd.Series(np.where(usable, r, np.nan), index=errors.index, name="ratio")


def interval_scale(ratios: Any, *, alpha: float = 0.2) -> float:
    """Factor on the interval half-width that makes ``1 - alpha`` intervals hold their share.

    Split-conformal rule on the ratios of :func:`interval_ratios`: with ``n`` ratios sorted
    ascending, ``k = r_(m)`` with ``m = ceil((n + 1) (1 - alpha))``. For exchangeable
    held-out points the scaled interval then contains a new point with probability at least
    ``1 - alpha`` (and at most ``1 - alpha + 1 / (n + 1)``); Vovk et al. (2005), Lei et al.
    (2018). ``k > 1`` means the raw intervals were too narrow, ``k < 1`` too wide. When
    ``m > n`` (fewer than ``(1 - alpha) / alpha`` points, e.g. 3 points at 80 %) the largest
    ratio is used, which only guarantees the points at hand.

    Parameters
    ----------
    ratios : array-like
        Ratios ``r`` [half-widths]; NaN values are ignored.
    alpha : float, keyword-only
        One minus the target coverage (0.2 for 80 % intervals).

    Returns
    -------
    float
        ``k`` [-] (NaN without any ratio).
    """
    alpha = _check_alpha(alpha)
    r = np.sort(np.asarray(ratios, dtype=float)[~np.isnan(np.asarray(ratios, dtype=float))])
    n = len(r)
    if n == 0:
        return math.nan
    m = math.ceil((n + 1) * (1.0 - alpha) - 1e-9)
    return float(r[min(m, n) - 1])


def calibrated_coverage(errors: pd.DataFrame, *, alpha: float = 0.2) -> float:
    """Leave-one-origin-out coverage of intervals scaled by :func:`interval_scale`.

    For every forecast origin (``series``, ``origin``) the scale is computed from the held-out
    points of all **other** origins and applied to this origin's points; the result is the
    share of points inside their scaled interval. This scores each point with a factor that
    did not see it (the in-sample coverage of :func:`interval_scale` is close to
    ``1 - alpha`` by construction and says nothing).

    Parameters
    ----------
    errors : pandas.DataFrame
        Rows of :func:`rolling_origin_backtest` with an interval (rows without one are ignored).
    alpha : float, keyword-only
        One minus the target coverage.

    Returns
    -------
    float
        Share of held-out points inside [0-1]; NaN with fewer than two origins.
    """
    alpha = _check_alpha(alpha)
    r = interval_ratios(errors)
    keep = r.notna().to_numpy()
    frame = errors.loc[keep, ["series", "origin"]].assign(ratio=r[keep].to_numpy())
    origins = frame[["series", "origin"]].drop_duplicates()
    if len(origins) < 2:
        return math.nan
    inside = []
    for s, o in origins.itertuples(index=False):
        mine = (frame["series"] == s).to_numpy() & (frame["origin"] == o).to_numpy()
        k = interval_scale(frame.loc[~mine, "ratio"], alpha=alpha)
        inside.extend(frame.loc[mine, "ratio"].to_numpy() <= k + _RATIO_TOL)
    return float(np.mean(inside))


# --------------------------------------------------------------------------------------------
# What a backtest rests on
# --------------------------------------------------------------------------------------------


def backtest_basis(summary: pd.DataFrame, *, model: str = "pooled growth") -> dict[str, Any]:
    """The facts a report needs to state what a backtest of ``model`` rests on.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`backtest_summary` grouped by ``model`` only (one row per model), including the
        ``naive`` baseline.
    model : str, keyword-only
        The model whose intervals are reported (the trend used in forecasts).

    Returns
    -------
    dict
        ``model`` (str); ``series`` (list of str: series tested); ``n_points`` (int: held-out
        forecasts of ``model``); ``n_targets`` (int: distinct held-out figures);
        ``n_origins`` (int); ``horizons_months`` (list of int: distinct lead times [months]);
        ``interval_nominal`` (0.8); ``interval_scale`` (float, see :func:`interval_scale`);
        ``interval_coverage_80`` (leave-one-origin-out coverage after calibration [0-1]);
        ``interval_coverage_80_uncalibrated`` (coverage of the raw intervals [0-1]);
        ``model_mae_pp``, ``naive_mae_pp``, ``drift_mae_pp`` [percentage points];
        ``mae_pp`` (dict model -> MAE) and ``ratio_vs_naive`` (dict model -> MAE / naive MAE
        on matched points); ``best_model`` (lowest MAE among the models forecasting **every**
        held-out point of the naive baseline, baselines included), ``best_mae_pp``;
        ``partial_models`` (list of models left out of that ranking because they forecast
        only some points, e.g. ETS that needs 7 figures); ``beats_naive`` (bool: some model
        other than naive has a lower MAE than naive on all points tested).

    Raises
    ------
    ValueError
        If ``summary`` has no row for ``model`` or for ``naive``, or more than one row per
        model.
    """
    if summary is None or not len(summary) or "model" not in summary:
        raise ValueError("summary: kosong — expected backtest_summary(errors) with rows per model")
    if summary["model"].duplicated().any():
        raise ValueError(
            "summary: satu baris per model — expected backtest_summary(errors, by='model')"
        )
    s = summary.set_index("model")
    for needed in (model, "naive"):
        if needed not in s.index:
            raise ValueError(
                f"model: {needed!r} tidak ada dalam ringkasan — no row for {needed!r} in the "
                f"summary (models: {sorted(s.index)})"
            )
    me, naive = s.loc[model], s.loc["naive"]
    full = s[s["n_forecasts"] == naive["n_forecasts"]]
    best = str(full["mae_pp"].astype(float).idxmin())
    best_mae = float(full.loc[best, "mae_pp"])
    naive_mae = float(naive["mae_pp"])
    drift_mae = float(s.loc["drift", "mae_pp"]) if "drift" in s.index else math.nan
    return {
        "model": model,
        "series": list(me["series_tested"]),
        "n_points": int(me["n_forecasts"]),
        "n_targets": int(me["n_targets"]),
        "n_origins": int(me["n_origins"]),
        "horizons_months": [int(m) for m in me["lead_months_tested"]],
        "interval_nominal": float(me["nominal_coverage"]),
        "interval_scale": float(me["interval_scale"]),
        "interval_coverage_80": float(me["interval_coverage_calibrated"]),
        "interval_coverage_80_uncalibrated": float(me["interval_coverage"]),
        "model_mae_pp": float(me["mae_pp"]),
        "naive_mae_pp": naive_mae,
        "drift_mae_pp": drift_mae,
        "mae_pp": {str(k): float(v) for k, v in s["mae_pp"].items()},
        "ratio_vs_naive": {str(k): float(v) for k, v in s["ratio_vs_naive"].items()},
        "best_model": best,
        "best_mae_pp": best_mae,
        "partial_models": sorted(str(m) for m in s.index.difference(full.index)),
        "beats_naive": bool(best != "naive" and best_mae < naive_mae),
    }


def describe_backtest_basis(basis: Mapping[str, Any], lang: str = "id") -> str:
    """What the backtest rests on, in two sentences for a report.

    Parameters
    ----------
    basis : mapping
        Output of :func:`backtest_basis`.
    lang : {"id", "en"}
        Indonesian (default) or English.

    Returns
    -------
    str
        Series, points, lead times, interval coverage before and after calibration, and
        whether any model beat the last value.
    """
    lang = _check_lang(lang)
    lead = basis["horizons_months"]
    lead_lo, lead_hi = (min(lead), max(lead)) if lead else (0, 0)
    series = ", ".join(basis["series"])

    def pct(x: float) -> str:
        return "—" if not np.isfinite(x) else f"{100 * x:.0f} %"

    def num(x: float) -> str:
        return format_number(x, lang, 2)

    wider = basis["interval_scale"] >= 1.0
    text = t(
        "backtest.basis",
        lang,
        n_points=basis["n_points"],
        n_targets=basis["n_targets"],
        series=series,
        lead_lo=lead_lo,
        lead_hi=lead_hi,
        nominal=pct(basis["interval_nominal"]),
        before=pct(basis["interval_coverage_80_uncalibrated"]),
        after=pct(basis["interval_coverage_80"]),
        direction=t("backtest.widened" if wider else "backtest.narrowed", lang),
        scale=num(basis["interval_scale"]),
    )
    if basis["beats_naive"]:
        return text + t(
            "backtest.beats",
            lang,
            model=basis["best_model"],
            best=num(basis["best_mae_pp"]),
            naive=num(basis["naive_mae_pp"]),
        )
    return text + t(
        "backtest.no_beat",
        lang,
        naive=num(basis["naive_mae_pp"]),
        trend=num(basis["model_mae_pp"]),
    )
