"""Regency entry points: one regency's annual logit growth and the report table of several.

:func:`trend_for_regency` builds the panel (:func:`~.panel.panel_from`), fits (or reuses) the
pooled growth model (:mod:`.pooled_model`) and returns the regency's
:class:`~.trend_fit.TrendFit` (own trend or borrowed growth), calibrated by the panel backtest
(:func:`~.pooled_forecast.pooled_backtest`); :func:`trend_table` gives one row per regency for
reports.

Calibrated spread
-----------------
:func:`trend_for_regency` with a backtest widens (or narrows) ``sd`` by the factor ``k`` that
makes the pooled-growth 80 % intervals hold 80 % of the held-out figures of the rolling-origin
backtest (:func:`pooled_backtest`, split-conformal quantile of the points' distances in interval
half-widths: :func:`~ucj_analysis.models.backtest.interval_scale`). ``k`` multiplies the whole
predictive sd in the backtest; in the Monte Carlo engine, whose only trend uncertainty is the
slope, it multiplies the slope sd. The backtest can only test units with a history (the national
proxy with the embedded data); applying the same ``k`` to borrowed growth is an assumption.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from .backtest import backtest_basis, backtest_summary
from .core import month_index
from .panel import panel_from
from .pooled_forecast import pooled_backtest
from .pooled_model import PooledGrowthModel, PooledGrowthResults
from .trend_fit import TrendFit

__all__ = ["trend_for_regency", "trend_table", "CALIBRATION_MODEL"]


def _match_unit(units: Sequence[str], name: str) -> str | None:
    key = str(name).strip().casefold()
    for u in units:
        if str(u).strip().casefold() == key:
            return str(u)
    return None


#: Model of :func:`pooled_backtest` whose intervals calibrate the trend's slope sd.
CALIBRATION_MODEL = "pooled growth"


def _calibrate(tf: TrendFit, summary: pd.DataFrame) -> TrendFit:
    """Apply the backtest's interval scale to a trend (unchanged without a usable backtest)."""
    try:
        basis = backtest_basis(summary, model=CALIBRATION_MODEL)
    except (ValueError, KeyError):
        return tf
    k = basis["interval_scale"]
    if not (math.isfinite(k) and k > 0):
        return replace(tf, backtest_basis=basis)
    return tf.calibrated(k, basis)


def trend_for_regency(
    coverage_frame: Any,
    regency: str,
    *,
    pooled: PooledGrowthResults | None = None,
    backtest: bool | pd.DataFrame = True,
    national_participants: pd.DataFrame | None = None,
    national_workforce_growth: float | str | None = "auto",
    **options: Any,
) -> TrendFit:
    """Annual logit growth for one regency (own trend or growth borrowed from the panel).

    The panel holds every unit of the coverage frame (regencies, provinces, nation) with
    ``use_in_model`` true, segment ``total`` and a coverage figure; units with two or more
    figures enter the pooled fit.

    Parameters
    ----------
    coverage_frame : pandas.DataFrame, Dataset or DataBundle
        The loader's coverage frame (or a dataset / bundle holding it).
    regency : str
        Regency name (case-insensitive).
    pooled : PooledGrowthResults or None, keyword-only
        A fitted pooled model to reuse (e.g. for several regencies).
    backtest : bool or pandas.DataFrame, keyword-only
        ``True`` runs :func:`pooled_backtest` on the panel and attaches its
        :func:`~ucj_analysis.models.backtest.backtest_summary`; a frame (such a summary) is
        attached as is; ``False`` attaches an empty frame. With a summary that has a
        ``"pooled growth"`` and a ``"naive"`` row the slope sd is calibrated:
        ``slope_sd = k * slope_sd_uncalibrated`` with ``k`` the summary's ``interval_scale``
        (split-conformal factor that makes the backtest's 80 % intervals hold 80 % of the
        held-out figures), and ``backtest_basis`` records what the backtest rests on.
        ``False`` (or a summary without those rows) leaves the trend uncalibrated
        (``interval_scale = 1``).
    national_participants, national_workforce_growth : keyword-only
        Optional national proxy history, see :func:`panel_from`.
    **options
        Passed to :class:`PooledGrowthModel`.

    Returns
    -------
    TrendFit
        With ``last_coverage``/``last_month`` from the regency's latest figure (NaN/None without
        one), calibrated as described under ``backtest``.
    """
    panel = panel_from(
        coverage_frame,
        national_participants=national_participants,
        national_workforce_growth=national_workforce_growth,
    )
    if pooled is None:
        pooled = PooledGrowthModel(panel, **options).fit()
    unit = _match_unit(panel["unit"].unique(), regency)
    own = panel[panel["unit"] == unit] if unit is not None else panel.iloc[:0]
    n_own = int(month_index(pd.Index(own["date"])).nunique()) if len(own) else 0
    name = unit or str(regency)
    if unit is not None and unit in set(pooled.data["unit"]):
        tf = pooled.unit_trend(unit)
    else:
        reason = f"no coverage figure for {regency!r}" if n_own == 0 else ""
        tf = pooled.borrowed_trend(name, n_own, reason=reason)
    if len(own):
        last = own.sort_values("date").iloc[-1]
        tf = replace(
            tf,
            last_coverage=float(last["coverage"]),
            last_month=pd.Period(last["date"], freq="M"),
        )
    if isinstance(backtest, pd.DataFrame):
        summary = backtest
    elif backtest:
        summary = backtest_summary(pooled_backtest(panel, **options))
    else:
        summary = pd.DataFrame()
    return _calibrate(replace(tf, backtest=summary), summary)


def trend_table(
    coverage_frame: Any,
    regencies: Sequence[str],
    *,
    backtest: bool = False,
    national_participants: pd.DataFrame | None = None,
    national_workforce_growth: float | str | None = "auto",
    **options: Any,
) -> pd.DataFrame:
    """One row per regency for reports (the pooled model is fitted once).

    Parameters
    ----------
    coverage_frame : pandas.DataFrame, Dataset or DataBundle
        The loader's coverage frame.
    regencies : sequence of str
        Regency names.
    backtest : bool, keyword-only
        Run the panel backtest of pooled growth: calibrates every slope sd (see
        :func:`trend_for_regency`) and adds ``backtest_mae_pp``, ``backtest_interval_coverage``
        (raw intervals) and ``backtest_interval_coverage_calibrated`` columns (same for every
        row). Without it the slope sd is uncalibrated.
    national_participants, national_workforce_growth : keyword-only
        Optional national proxy history, see :func:`panel_from`.
    **options
        Passed to :class:`PooledGrowthModel`.

    Returns
    -------
    pandas.DataFrame
        ``regency, method, model_name, slope_mean, slope_sd`` [logit/year], ``interval_scale``
        [-], ``n_obs``,
        ``weight_own`` [0-1], ``coverage_pct`` (latest figure) [%], ``last_month``,
        ``pp_per_year`` (growth at the latest coverage, ``100 * slope * c (1 - c)``)
        [percentage points/year], ``pp_per_year_p10``/``pp_per_year_p90`` (same with the 10th /
        90th percentile slope), ``reason``.
    """
    panel = panel_from(
        coverage_frame,
        national_participants=national_participants,
        national_workforce_growth=national_workforce_growth,
    )
    pooled = PooledGrowthModel(panel, **options).fit()
    bt = backtest_summary(pooled_backtest(panel, **options)) if backtest else pd.DataFrame()
    rows = []
    z = 1.2815515655446004  # standard normal 90th percentile
    for r in regencies:
        tf = trend_for_regency(
            coverage_frame,
            r,
            pooled=pooled,
            backtest=bt,
            national_participants=national_participants,
            national_workforce_growth=national_workforce_growth,
        )
        c = tf.last_coverage
        scale = 100.0 * c * (1.0 - c)
        row = {
            "regency": tf.unit,
            "method": tf.method,
            "model_name": tf.model_name,
            "slope_mean": tf.slope_mean,
            "slope_sd": tf.slope_sd,
            "interval_scale": tf.interval_scale,
            "n_obs": tf.n_obs,
            "weight_own": tf.weight_own,
            "coverage_pct": 100.0 * c,
            "last_month": tf.last_month,
            "pp_per_year": tf.annual_pp_growth(),
            "pp_per_year_p10": scale * (tf.slope_mean - z * tf.slope_sd),
            "pp_per_year_p90": scale * (tf.slope_mean + z * tf.slope_sd),
            "reason": tf.reason,
        }
        if backtest:
            pg = bt[bt["model"] == "pooled growth"] if len(bt) else bt
            row["backtest_mae_pp"] = float(pg["mae_pp"].iloc[0]) if len(pg) else math.nan
            row["backtest_interval_coverage"] = (
                float(pg["interval_coverage"].iloc[0]) if len(pg) else math.nan
            )
            row["backtest_interval_coverage_calibrated"] = (
                float(pg["interval_coverage_calibrated"].iloc[0]) if len(pg) else math.nan
            )
        rows.append(row)
    return pd.DataFrame(rows)
