"""Pooled growth of logit coverage across regencies, provinces and the nation.

Most regencies have one coverage figure, which says nothing about growth. This module borrows
growth from every unit (regency, province, nation) that has at least two figures:

``logit(c_ij) = (beta0 + u0_i) + (beta1 + u1_i) * t_ij + e_ij``,  ``u1_i ~ N(0, tau^2)``,
``e_ij ~ N(0, sigma^2)``

with ``t`` in years (centred on the panel's mean month), fitted with statsmodels ``MixedLM``
(REML). ``beta1`` is the mean growth [logit/year], ``tau`` the between-unit sd of growth.

Fallbacks (each stated in ``results.notes`` and ``results.structure``)
---------------------------------------------------------------------
1. ``"random intercept + slope (MixedLM)"`` when at least ``min_units_slope`` units (default 5)
   have two or more figures and the fit converges with a finite, positive semi-definite
   random-effects covariance.
2. ``"random intercept (MixedLM) + two-stage slope sd"`` when that fit fails: common slope and
   its se from a random-intercept MixedLM; ``tau`` and ``sigma`` from the two-stage posterior
   below.
3. ``"two-stage Bayesian meta-analysis of unit slopes"`` with fewer units ("too few series for
   MixedLM") or when MixedLM fails. Each unit's least-squares slope ``b_i`` over its own figures
   is ``b_i ~ N(beta1, sigma^2 / S_tt,i + tau^2)`` with ``S_tt,i = sum (t - mean t)^2`` [year^2];
   the residual sums of squares give ``RSS ~ sigma^2 chi^2(sum(n_i - 2))``. With a flat prior on
   ``beta1`` and half-normal priors on ``tau`` (scale ``slope_sd_prior``, default 0.2
   logit/year, i.e. about 4.6 pp/year at 35 % coverage) and on ``sigma`` (scale
   ``noise_sd_prior``, default 0.1 logit, about 2.3 pp at 35 %: rounding and changing
   denominators of published figures), the posterior is computed on a grid over
   ``(sigma, tau)``; ``beta1`` and its se are the posterior mean and sd, ``tau^2`` and
   ``sigma^2`` the posterior means. With two or three short series the priors matter and the
   between-unit sd stays wide: that is the honest answer (few units cannot show that growth is
   similar everywhere). Slopes from short spans are automatically down-weighted because their
   sampling variance ``sigma^2 / S_tt,i`` is large.

Fewer than two units with two or more figures raises :class:`InsufficientDataError`.

Trend for one unit (:meth:`PooledGrowthResults.unit_trend`)
----------------------------------------------------------
* **own trend** when the unit has at least ``min_own_obs`` (3) figures spanning at least
  ``min_own_span_years`` (1) year. The slope is the precision-weighted (empirical Bayes / BLUP)
  combination of the unit's own OLS slope ``b_i`` and the pooled mean ``beta1``::

      w_i   = tau^2 / (tau^2 + v_i),     v_i = sigma^2 / S_tt,i
      slope = w_i * b_i + (1 - w_i) * beta1
      sd^2  = w_i * v_i + (1 - w_i)^2 * se(beta1)^2

  ``S_tt,i`` grows with every additional figure and with the span they cover, so ``w_i`` rises
  towards 1 as the unit's own history grows.
* **borrowed growth** otherwise: ``slope = beta1`` and ``sd^2 = se(beta1)^2 + tau^2`` (uncertainty
  of the mean plus the spread between units: a new unit may grow faster or slower than average).

Draws of the annual logit slope are ``Normal(slope, sd)`` from ``numpy.random.default_rng(seed)``.

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
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .backtest import backtest_basis, backtest_many, backtest_summary
from .core import (
    InsufficientDataError,
    _check_eps,
    _check_lang,
    _LogitTrendResults,
    _month_number,
    logit,
    month_index,
    prepare_proportions,
)

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
]

OWN_TREND = "own trend"
BORROWED_GROWTH = "borrowed growth"

_STRUCT_SLOPE = "random intercept + slope (MixedLM)"
_STRUCT_INTERCEPT = "random intercept (MixedLM) + two-stage slope sd"
_STRUCT_TWO_STAGE = "two-stage Bayesian meta-analysis of unit slopes"


def shrinkage_weight(tau2: float, sigma2: float, s_tt: float) -> float:
    """Weight of a unit's own slope in the precision-weighted combination.

    Parameters
    ----------
    tau2 : float
        Between-unit variance of annual slopes. [(logit/year)^2]
    sigma2 : float
        Residual variance of a single figure around its unit's line. [logit^2]
    s_tt : float
        ``sum (t - mean t)^2`` of the unit's own figures. [year^2]

    Returns
    -------
    float
        ``tau2 / (tau2 + sigma2 / s_tt)`` in [0, 1]; 1 when ``sigma2 == 0`` and 0 when
        ``tau2 == 0`` or ``s_tt == 0``.
    """
    if s_tt <= 0 or tau2 <= 0:
        return 0.0
    if sigma2 <= 0:
        return 1.0
    return float(tau2 / (tau2 + sigma2 / s_tt))


# --------------------------------------------------------------------------------------------
# TrendFit
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class TrendFit:
    """Annual growth of logit coverage for one unit, ready for the Monte Carlo engine.

    Attributes
    ----------
    unit : str
        Regency (or province / nation) name.
    method : str
        ``"own trend"`` or ``"borrowed growth"``.
    model_name : str
        Which pooled model produced it (structure and fallbacks).
    slope_mean, slope_sd : float
        Mean and sd of the annual slope. [logit/year]
    n_obs : int
        Number of the unit's own coverage figures (all figures with ``use_in_model``).
    weight_own : float
        Weight of the unit's own slope (0 for borrowed growth). [0-1]
    own_slope, own_slope_se : float
        The unit's own least-squares slope and its se (NaN without two figures). [logit/year]
    pooled_slope, pooled_slope_se, between_sd : float
        Mean growth across units, its se, and the between-unit sd. [logit/year]
    noise_sd : float
        Residual sd of one figure around its unit's line. [logit]
    last_coverage : float
        Latest own coverage figure (NaN if none). [0-1]
    last_month : pandas.Period or None
        Month of ``last_coverage``.
    reason : str
        Why this method was used (English).
    backtest : pandas.DataFrame
        :func:`~ucj_analysis.models.backtest.backtest_summary` of the pooled-growth forecaster
        and the naive/drift baselines on the panel (may be empty).
    slope_sd_uncalibrated : float
        ``slope_sd`` of the pooled model before calibration (equal to ``slope_sd`` when not
        calibrated). [logit/year]
    interval_scale : float
        Calibration factor ``k`` with ``slope_sd = k * slope_sd_uncalibrated``: the
        split-conformal factor on the pooled-growth interval half-width computed from the
        backtest (:func:`~ucj_analysis.models.backtest.interval_scale`; see the module
        docstring). 1.0 when no backtest was run. [-]
    backtest_basis : dict
        What the backtest rests on (:func:`~ucj_analysis.models.backtest.backtest_basis`):
        series, held-out points, lead times, interval coverage before and after calibration,
        MAE against naive and drift, ``beats_naive``. Empty without a backtest.
    """

    unit: str
    method: str
    model_name: str
    slope_mean: float
    slope_sd: float
    n_obs: int
    weight_own: float = 0.0
    own_slope: float = math.nan
    own_slope_se: float = math.nan
    pooled_slope: float = math.nan
    pooled_slope_se: float = math.nan
    between_sd: float = math.nan
    noise_sd: float = math.nan
    last_coverage: float = math.nan
    last_month: pd.Period | None = None
    reason: str = ""
    backtest: pd.DataFrame = field(default_factory=pd.DataFrame)
    slope_sd_uncalibrated: float = math.nan
    interval_scale: float = 1.0
    backtest_basis: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if math.isnan(self.slope_sd_uncalibrated):
            raw = self.slope_sd / self.interval_scale if self.interval_scale > 0 else math.nan
            object.__setattr__(self, "slope_sd_uncalibrated", raw)

    def calibrated(self, scale: float, basis: dict[str, Any] | None = None) -> TrendFit:
        """The same trend with the slope sd scaled by a calibration factor.

        Parameters
        ----------
        scale : float
            Factor ``k > 0`` on the uncalibrated slope sd (not compounded: calibrating twice
            with ``k`` gives ``k * slope_sd_uncalibrated``). [-]
        basis : dict or None
            :func:`~ucj_analysis.models.backtest.backtest_basis` the factor comes from.

        Returns
        -------
        TrendFit
            ``slope_sd = scale * slope_sd_uncalibrated`` and ``interval_scale = scale``.
        """
        if (
            isinstance(scale, bool)
            or not isinstance(scale, int | float)
            or not (math.isfinite(scale) and scale > 0)
        ):
            raise ValueError(
                f"scale: harus angka > 0 — expected a finite factor > 0, got {scale!r}"
            )
        return replace(
            self,
            slope_sd=float(scale) * self.slope_sd_uncalibrated,
            interval_scale=float(scale),
            backtest_basis=dict(basis or {}),
        )

    @property
    def slope_logit_per_year(self) -> tuple[float, float]:
        """``(mean, sd)`` of the annual slope. [logit/year]"""
        return (self.slope_mean, self.slope_sd)

    def draws(self, n: int, seed: int | None = 20251) -> np.ndarray:
        """Draw annual logit slopes.

        Parameters
        ----------
        n : int
            Number of draws.
        seed : int or None
            Seed for ``numpy.random.default_rng``; the same seed gives identical draws.

        Returns
        -------
        numpy.ndarray
            Shape ``(n,)``, ``Normal(slope_mean, slope_sd)`` with the calibrated ``slope_sd``
            (see ``interval_scale``). [logit/year]
        """
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
            raise ValueError(f"n: harus bilangan bulat >= 1 — expected an integer >= 1, got {n!r}")
        rng = np.random.default_rng(seed)
        return self.slope_mean + self.slope_sd * rng.standard_normal(int(n))

    def annual_pp_growth(self, coverage: float | None = None) -> float:
        """Growth at a coverage level implied by the mean slope.

        Parameters
        ----------
        coverage : float or None
            Coverage [0-1]; default ``last_coverage``.

        Returns
        -------
        float
            ``100 * slope_mean * c * (1 - c)`` (derivative of ``expit``). [percentage points/year]
        """
        c = self.last_coverage if coverage is None else float(coverage)
        return 100.0 * self.slope_mean * c * (1.0 - c)

    def describe(self, lang: str = "id") -> str:
        """One sentence for a report (Indonesian by default)."""
        lang = _check_lang(lang)
        pp = self.annual_pp_growth()
        if lang == "en":
            how = (
                "its own trend" if self.method == OWN_TREND else "growth borrowed from other areas"
            )
            return (
                f"{self.unit}: {how} ({self.n_obs} own figure(s)); slope "
                f"{self.slope_mean:.3f} ± {self.slope_sd:.3f} logit/year"
                + (
                    f", ≈ {pp:.2f} pp/year at {100 * self.last_coverage:.1f} %"
                    if np.isfinite(pp)
                    else ""
                )
            )
        how = (
            "tren sendiri" if self.method == OWN_TREND else "pertumbuhan pinjaman dari wilayah lain"
        )

        def num(x: float, digits: int) -> str:  # Indonesian decimal comma
            return f"{x:.{digits}f}".replace(".", ",")

        text = (
            f"{self.unit}: {how} ({self.n_obs} data sendiri); kemiringan "
            f"{num(self.slope_mean, 3)} ± {num(self.slope_sd, 3)} logit/tahun"
        )
        if np.isfinite(pp):
            text += f", ≈ {num(pp, 2)} poin persen/tahun pada {num(100 * self.last_coverage, 1)} %"
        return text


# --------------------------------------------------------------------------------------------
# Panel construction
# --------------------------------------------------------------------------------------------


def _truthy(values: pd.Series) -> pd.Series:
    """Booleans from a bool column or from text such as ``true``/``false``/``ya``/``1``."""
    if pd.api.types.is_bool_dtype(values):
        return values.fillna(False).astype(bool)
    text = values.astype(str).str.strip().str.lower()
    return text.isin(["true", "1", "1.0", "yes", "ya", "y", "benar"])


def national_coverage_proxy(
    national_participants: pd.DataFrame,
    anchor_coverage: float,
    anchor_date: Any,
    *,
    workforce_growth: float,
) -> pd.Series:
    """National UCJ proxy: active participants over an eligible workforce anchored at one figure.

    ``c(t) = A(t) / D(t)`` with ``D(t) = A(t0) / c0 * (1 + g) ** ((t - t0) / 12 months)``:
    the eligible workforce ``D`` is implied by the one published national UCJ figure ``c0`` at
    ``t0`` and moved with an assumed yearly growth ``g``. This is a **derived** series whose
    slope depends on ``g`` (a faster-growing workforce means slower coverage growth).

    Parameters
    ----------
    national_participants : pandas.DataFrame
        Columns ``date`` and ``active`` [persons] (``national_participants.csv``).
    anchor_coverage : float
        Published national UCJ at ``anchor_date``. [0-1]
    anchor_date : date-like
        Month of ``anchor_coverage``; ``active`` there is log-linearly interpolated when that
        month has no participants figure.
    workforce_growth : float, keyword-only
        Yearly growth of the eligible workforce, e.g. ``0.0298``. [per year]

    Returns
    -------
    pandas.Series
        Coverage proxy [0-1] indexed by month (``Period[M]``), one value per month.
    """
    if not (0.0 < float(anchor_coverage) < 1.0):
        raise ValueError(
            f"anchor_coverage: harus proporsi 0-1 — expected a proportion in (0, 1), "
            f"got {anchor_coverage!r}"
        )
    if (
        isinstance(workforce_growth, bool)
        or not isinstance(workforce_growth, int | float)
        or not (-0.2 < workforce_growth < 0.2)
    ):
        raise ValueError(
            f"workforce_growth: harus laju per tahun, mis. 0.0298 — expected a yearly rate "
            f"between -0.2 and 0.2, got {workforce_growth!r}"
        )
    active = pd.Series(
        pd.to_numeric(national_participants["active"], errors="coerce").astype(float).to_numpy(),
        index=month_index(pd.Index(national_participants["date"])),
    ).dropna()
    active = active[active > 0].groupby(level=0).mean().sort_index()
    if active.empty:
        raise InsufficientDataError("national_participants: tidak ada data 'active'")
    months = np.asarray(_month_number(pd.PeriodIndex(active.index)), dtype=float)
    t0 = float(_month_number(pd.Period(pd.Timestamp(anchor_date), freq="M")))
    log_a0 = float(np.interp(t0, months, np.log(active.to_numpy())))
    d0 = math.exp(log_a0) / float(anchor_coverage)
    denom = d0 * (1.0 + workforce_growth) ** ((months - t0) / 12.0)
    return pd.Series(
        np.clip(active.to_numpy() / denom, 0.0, 1.0), index=active.index, name="coverage"
    )


def coverage_panel(
    coverage_frame: pd.DataFrame,
    *,
    segment: str = "total",
    national_participants: pd.DataFrame | None = None,
    national_workforce_growth: float | None = None,
) -> pd.DataFrame:
    """Long panel ``unit, level, date, coverage`` from the loader's coverage frame.

    Parameters
    ----------
    coverage_frame : pandas.DataFrame
        Columns as in ``data/coverage.csv`` (``regency, province, level, date, segment,
        workforce, active, coverage_pct, use_in_model, quality, ...``).
    segment : str, keyword-only
        Segment to keep (``total`` by default).
    national_participants : pandas.DataFrame or None, keyword-only
        If given (with ``national_workforce_growth``), the nation's history is replaced by
        :func:`national_coverage_proxy` anchored at the latest national coverage figure
        (quality ``derived``).
    national_workforce_growth : float or None, keyword-only
        Yearly growth of the national eligible workforce for the proxy. [per year]

    Returns
    -------
    pandas.DataFrame
        Rows with ``use_in_model`` true, the segment and a coverage figure (``coverage_pct``, or
        ``active / workforce`` when only counts are given): ``unit`` (the ``regency`` column:
        regency, province or ``Indonesia``), ``level``, ``province``, ``date``
        (``datetime64``), ``coverage`` [0-1], ``quality``, sorted by unit and date.
    """
    required = {"regency", "date"}
    missing = required - set(coverage_frame.columns)
    if missing:
        raise ValueError(
            f"coverage_frame: kolom hilang {sorted(missing)} — expected the loader's coverage "
            f"frame with columns regency, level, date, segment, coverage_pct, use_in_model"
        )
    f = coverage_frame.copy()
    if "use_in_model" in f:
        f = f[_truthy(f["use_in_model"]).to_numpy()]
    if "segment" in f:
        f = f[f["segment"].fillna("total").astype(str).str.strip().str.lower() == segment]
    pct = (
        pd.to_numeric(f["coverage_pct"], errors="coerce").astype(float)
        if "coverage_pct" in f
        else None
    )
    if {"active", "workforce"} <= set(f.columns):
        ratio = 100.0 * (
            pd.to_numeric(f["active"], errors="coerce").astype(float)
            / pd.to_numeric(f["workforce"], errors="coerce").astype(float)
        )
        pct = ratio if pct is None else pct.fillna(ratio)
    if pct is None:
        raise ValueError(
            "coverage_frame: tidak ada kolom cakupan — needs coverage_pct or active and workforce"
        )
    out = pd.DataFrame(
        {
            "unit": f["regency"].astype(str).str.strip(),
            "level": f["level"].astype(str) if "level" in f else "regency",
            "province": f["province"].astype(str) if "province" in f else "",
            "date": pd.to_datetime(f["date"]),
            "coverage": pct / 100.0,
            "quality": f["quality"].astype(str) if "quality" in f else "observed",
        }
    )
    out = out[out["coverage"].notna() & out["date"].notna()]
    if national_participants is not None:
        if national_workforce_growth is None:
            raise ValueError(
                "national_workforce_growth: wajib diisi bersama national_participants — required "
                "with national_participants (yearly growth of the eligible workforce)"
            )
        nation = out[out["level"] == "nation"].sort_values("date")
        if nation.empty:
            raise ValueError(
                "national_participants: tidak ada angka cakupan nasional sebagai jangkar — needs "
                "a national coverage figure (level 'nation') to anchor the proxy"
            )
        anchor = nation.iloc[-1]
        proxy = national_coverage_proxy(
            national_participants,
            float(anchor["coverage"]),
            anchor["date"],
            workforce_growth=float(national_workforce_growth),
        )
        extra = pd.DataFrame(
            {
                "unit": anchor["unit"],
                "level": "nation",
                "province": anchor["province"],
                "date": proxy.index.to_timestamp(how="end").normalize(),
                "coverage": proxy.to_numpy(),
                "quality": "derived",
            }
        )
        out = pd.concat([out[out["unit"] != anchor["unit"]], extra], ignore_index=True)
    return out.sort_values(["unit", "date"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Pooled model
# --------------------------------------------------------------------------------------------


def _unit_ols(t: np.ndarray, y: np.ndarray) -> dict[str, float]:
    tbar = t.mean()
    s_tt = float(((t - tbar) ** 2).sum())
    if len(t) < 2 or s_tt <= 0:
        return {"n": len(t), "s_tt": 0.0, "slope": math.nan, "rss": math.nan, "span": 0.0}
    b = float(((t - tbar) * (y - y.mean())).sum() / s_tt)
    resid = y - (y.mean() + b * (t - tbar))
    return {
        "n": len(t),
        "s_tt": s_tt,
        "slope": b,
        "rss": float(resid @ resid),
        "span": float(t.max() - t.min()),
    }


def _two_stage_posterior(
    b: np.ndarray,
    s_tt: np.ndarray,
    rss: float,
    df: float,
    *,
    slope_sd_prior: float,
    noise_sd_prior: float,
    n_grid: int = 121,
) -> dict[str, float]:
    """Grid posterior of the two-stage slope model (see the module docstring).

    Parameters
    ----------
    b : ndarray
        Per-unit least-squares slopes. [logit/year]
    s_tt : ndarray
        Per-unit ``sum (t - mean t)^2``. [year^2]
    rss, df : float
        Pooled within-unit residual sum of squares [logit^2] and its degrees of freedom.
    slope_sd_prior, noise_sd_prior : float
        Half-normal prior scales of ``tau`` [logit/year] and ``sigma`` [logit].
    n_grid : int
        Grid points per dimension.

    Returns
    -------
    dict
        ``beta1``, ``se1`` (posterior mean and sd of the mean slope), ``tau2``, ``sigma2``
        (posterior means).
    """
    spread = float(np.std(b, ddof=1)) if len(b) > 1 else 0.0
    tau_max = max(5.0 * slope_sd_prior, 3.0 * spread)
    sig_hat = math.sqrt(rss / df) if df > 0 else 0.0
    sig_max = max(5.0 * noise_sd_prior, 4.0 * sig_hat)
    tau = np.linspace(0.0, tau_max, n_grid)
    sig = np.linspace(sig_max / n_grid, sig_max, n_grid)
    sg, tg = np.meshgrid(sig, tau, indexing="ij")
    v = sg[..., None] ** 2 / s_tt + tg[..., None] ** 2
    w = 1.0 / v
    sw = w.sum(-1)
    mu = (w * b).sum(-1) / sw
    q = (w * (b - mu[..., None]) ** 2).sum(-1)
    # restricted (beta integrated out with a flat prior) likelihood of the slopes
    logpost = 0.5 * np.log(w).sum(-1) - 0.5 * np.log(sw) - 0.5 * q
    # within-unit residuals: RSS / sigma^2 ~ chi^2(df)
    logpost += -df * np.log(sg) - rss / (2.0 * sg**2)
    # half-normal priors
    logpost += -(tg**2) / (2.0 * slope_sd_prior**2) - sg**2 / (2.0 * noise_sd_prior**2)
    p = np.exp(logpost - logpost.max())
    p /= p.sum()
    beta = float((p * mu).sum())
    var_beta = float((p * (1.0 / sw + mu**2)).sum()) - beta**2
    return {
        "beta1": beta,
        "se1": math.sqrt(max(var_beta, 0.0)),
        "tau2": float((p * tg**2).sum()),
        "sigma2": float((p * sg**2).sum()),
    }


class PooledGrowthModel:
    """Mixed model of logit coverage with a random intercept and slope per unit.

    Parameters
    ----------
    frame : pandas.DataFrame
        Long panel with columns ``unit, level, date, coverage`` (coverage [0-1]); build it
        from the loader's frame with :func:`coverage_panel`.
    min_obs_per_unit : int, keyword-only
        Units with fewer figures are left out of the fit (default 2). [count]
    min_units_slope : int, keyword-only
        Units needed to try MixedLM with a random slope (default 5). [count]
    structure : {"auto", "slope", "intercept", "two-stage"}, keyword-only
        ``auto`` follows the fallbacks of the module docstring; the others force a structure
        (still falling back to the two-stage model when MixedLM fails).
    slope_sd_prior : float, keyword-only
        Half-normal prior scale of the between-unit sd of growth, used by the two-stage model
        (default 0.2). [logit/year]
    noise_sd_prior : float, keyword-only
        Half-normal prior scale of the noise of one figure, used by the two-stage model
        (default 0.1). [logit]
    min_own_obs : int, keyword-only
        Figures a unit needs for an own trend (default 3). [count]
    min_own_span_years : float, keyword-only
        Years those figures must span (default 1.0). [year]
    eps : float, keyword-only
        Clipping margin before the logit. [0-1]
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        *,
        min_obs_per_unit: int = 2,
        min_units_slope: int = 5,
        structure: str = "auto",
        slope_sd_prior: float = 0.2,
        noise_sd_prior: float = 0.1,
        min_own_obs: int = 3,
        min_own_span_years: float = 1.0,
        eps: float = 1e-4,
    ) -> None:
        for opt, val, lo in (
            ("min_obs_per_unit", min_obs_per_unit, 2),
            ("min_units_slope", min_units_slope, 3),
            ("min_own_obs", min_own_obs, 2),
        ):
            if isinstance(val, bool) or not isinstance(val, int | np.integer) or val < lo:
                raise ValueError(
                    f"{opt}: harus bilangan bulat >= {lo} — expected an integer >= {lo}, "
                    f"got {val!r}"
                )
        if structure not in ("auto", "slope", "intercept", "two-stage"):
            raise ValueError(
                f"structure: harus 'auto', 'slope', 'intercept' atau 'two-stage' — expected one "
                f"of 'auto', 'slope', 'intercept', 'two-stage', got {structure!r}"
            )
        for opt, val in (
            ("slope_sd_prior", slope_sd_prior),
            ("noise_sd_prior", noise_sd_prior),
        ):
            if isinstance(val, bool) or not isinstance(val, int | float) or not val > 0:
                raise ValueError(
                    f"{opt}: harus angka > 0 — expected a positive prior scale, got {val!r}"
                )
        if (
            isinstance(min_own_span_years, bool)
            or not isinstance(min_own_span_years, int | float)
            or min_own_span_years < 0
        ):
            raise ValueError(
                f"min_own_span_years: harus angka >= 0 — expected a number of years >= 0, "
                f"got {min_own_span_years!r}"
            )
        self.eps = _check_eps(eps)
        self.min_obs_per_unit = int(min_obs_per_unit)
        self.min_units_slope = int(min_units_slope)
        self.structure = structure
        self.slope_sd_prior = float(slope_sd_prior)
        self.noise_sd_prior = float(noise_sd_prior)
        self.min_own_obs = int(min_own_obs)
        self.min_own_span_years = float(min_own_span_years)
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(
                f"frame: harus pandas.DataFrame — expected a DataFrame, got {type(frame).__name__}"
            )
        missing = {"unit", "date", "coverage"} - set(frame.columns)
        if missing:
            raise ValueError(
                f"frame: kolom hilang {sorted(missing)} — expected columns unit, level, date, "
                f"coverage (coverage as a proportion 0-1)"
            )
        self.data = self._prepare(frame)

    def _prepare(self, frame: pd.DataFrame) -> pd.DataFrame:
        f = pd.DataFrame(
            {
                "unit": frame["unit"].astype(str).to_numpy(),
                "level": frame["level"].astype(str).to_numpy() if "level" in frame else "",
                "month": month_index(pd.Index(frame["date"])),
                "coverage": pd.to_numeric(frame["coverage"], errors="coerce")
                .astype(float)
                .to_numpy(),
            }
        ).dropna(subset=["coverage"])
        if len(f) and (f["coverage"].min() < 0 or f["coverage"].max() > 1):
            raise ValueError(
                f"coverage: harus proporsi 0-1 — expected proportions in [0, 1], got values up to "
                f"{f['coverage'].max():g} (divide percentages by 100)"
            )
        f = f.groupby(["unit", "month"], as_index=False, sort=True).agg(
            level=("level", "first"), coverage=("coverage", "mean")
        )
        f["y"] = logit(f["coverage"].to_numpy(), self.eps)
        return f

    def fit(self) -> PooledGrowthResults:
        """Fit the pooled model, falling back as described in the module docstring.

        Returns
        -------
        PooledGrowthResults

        Raises
        ------
        InsufficientDataError
            If fewer than two units have ``min_obs_per_unit`` figures.
        """
        counts = self.data.groupby("unit")["month"].nunique()
        keep = counts[counts >= self.min_obs_per_unit].index
        d = self.data[self.data["unit"].isin(keep)].copy()
        n_units = len(keep)
        if n_units < 2:
            raise InsufficientDataError(
                f"pertumbuhan gabungan butuh minimal 2 wilayah dengan >= {self.min_obs_per_unit} "
                f"data, tersedia {n_units} — pooled growth needs at least 2 units with >= "
                f"{self.min_obs_per_unit} coverage figures, found {n_units}"
                + (f" ({', '.join(keep)})" if n_units else "")
            )
        months = np.asarray(_month_number(pd.PeriodIndex(d["month"])), dtype=float)
        origin_num = int(round(months.mean()))
        origin = pd.Period(year=origin_num // 12, month=origin_num % 12 + 1, freq="M")
        d["t"] = (months - origin_num) / 12.0

        per_unit = {
            u: _unit_ols(g["t"].to_numpy(), g["y"].to_numpy())
            for u, g in d.groupby("unit", sort=True)
        }
        stats_df = pd.DataFrame(per_unit).T.astype(float)
        df_within = float((stats_df["n"] - 2).sum())
        rss = float(stats_df["rss"].sum())
        two_stage = _two_stage_posterior(
            stats_df["slope"].to_numpy(),
            stats_df["s_tt"].to_numpy(),
            rss,
            df_within,
            slope_sd_prior=self.slope_sd_prior,
            noise_sd_prior=self.noise_sd_prior,
        )

        notes: list[str] = []
        attempts = {"auto": ["slope", "intercept"], "slope": ["slope"], "intercept": ["intercept"]}
        fit: dict[str, Any] | None = None
        if self.structure != "two-stage":
            if self.structure == "auto" and n_units < self.min_units_slope:
                notes.append(
                    f"too few series for MixedLM: {n_units} units with >= "
                    f"{self.min_obs_per_unit} figures, need {self.min_units_slope}; using the "
                    "two-stage model with half-normal priors on the between-unit sd "
                    f"({self.slope_sd_prior:g} logit/year) and the noise sd "
                    f"({self.noise_sd_prior:g} logit)"
                )
            else:
                for attempt in attempts[self.structure]:
                    fit, problem = self._mixedlm(d, random_slope=attempt == "slope")
                    if fit is not None:
                        break
                    notes.append(problem)
        if df_within <= 0:
            notes.append(
                "every unit has exactly two figures: the noise of one figure is not estimable "
                "from the data and comes from its prior"
            )
        if fit is None:
            fit = {
                "structure": _STRUCT_TWO_STAGE,
                "beta0": math.nan,
                "beta1": two_stage["beta1"],
                "se1": two_stage["se1"],
                "tau2": two_stage["tau2"],
                "sigma2": two_stage["sigma2"],
            }
        elif fit["structure"] == _STRUCT_INTERCEPT:
            # the random-intercept scale also contains the spread of slopes: take the
            # between-unit and residual variances from the two-stage posterior
            fit["tau2"] = two_stage["tau2"]
            fit["sigma2"] = two_stage["sigma2"]
        if fit.get("note"):
            notes.append(fit["note"])
        return PooledGrowthResults(
            data=d,
            origin=origin,
            structure=fit["structure"],
            fixed_intercept=fit["beta0"],
            fixed_slope=fit["beta1"],
            fixed_slope_se=fit["se1"],
            slope_sd=math.sqrt(max(fit["tau2"], 0.0)),
            sigma2=fit["sigma2"],
            per_unit=stats_df,
            blups=fit.get("blups"),
            notes=notes,
            min_own_obs=self.min_own_obs,
            min_own_span_years=self.min_own_span_years,
        )

    def _mixedlm(self, d: pd.DataFrame, *, random_slope: bool) -> tuple[dict | None, str]:
        import statsmodels.api as sm
        from statsmodels.tools.sm_exceptions import ConvergenceWarning

        label = "random intercept + slope" if random_slope else "random intercept"
        exog = np.column_stack([np.ones(len(d)), d["t"].to_numpy()])
        exog_re = exog if random_slope else exog[:, :1]
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                model = sm.MixedLM(
                    d["y"].to_numpy(), exog, groups=d["unit"].to_numpy(), exog_re=exog_re
                )
                res = model.fit(reml=True, method=["lbfgs", "bfgs", "powell"])
        except (np.linalg.LinAlgError, ValueError) as exc:
            return None, f"MixedLM ({label}) failed: {type(exc).__name__}: {exc}"
        conv = [
            str(w.message).splitlines()[0]
            for w in caught
            if issubclass(w.category, ConvergenceWarning)
        ]
        cov_re = np.atleast_2d(np.asarray(res.cov_re, dtype=float))
        fe = np.asarray(res.fe_params, dtype=float)
        bse = np.asarray(res.bse_fe, dtype=float)
        problems = []
        if not res.converged:
            problems.append("did not converge")
        if not (np.isfinite(fe).all() and np.isfinite(bse).all() and np.isfinite(cov_re).all()):
            problems.append("non-finite estimates")
        elif np.linalg.eigvalsh(cov_re).min() < -1e-10:
            problems.append("random-effects covariance not positive semi-definite")
        if any("converge" in c.lower() and "boundary" not in c.lower() for c in conv):
            problems.append("; ".join(sorted(set(conv))))
        if problems:
            return None, f"MixedLM ({label}) rejected: {'; '.join(problems)}"
        out: dict[str, Any] = {
            "structure": _STRUCT_SLOPE if random_slope else _STRUCT_INTERCEPT,
            "beta0": float(fe[0]),
            "beta1": float(fe[1]),
            "se1": float(bse[1]),
            "sigma2": float(res.scale),
        }
        if random_slope:
            out["tau2"] = float(cov_re[1, 1])
            out["blups"] = {
                u: float(fe[1] + np.asarray(re, dtype=float)[1])
                for u, re in res.random_effects.items()
            }
            boundary = [c for c in conv if "boundary" in c.lower()]
            if boundary:
                out["note"] = f"MixedLM note: {boundary[0]}"
        return out, ""


@dataclass(eq=False)
class PooledGrowthResults:
    """Fitted :class:`PooledGrowthModel`.

    Attributes
    ----------
    structure : str
        Model actually fitted (see the module docstring).
    fixed_slope, fixed_slope_se : float
        Mean growth across units and its standard error. [logit/year]
    slope_sd : float
        Between-unit sd of growth (random-slope sd). [logit/year]
    sigma2 : float
        Residual variance of one figure around its unit's line (NaN if not estimable). [logit^2]
    origin : pandas.Period
        Month where ``t = 0``.
    notes : list of str
        Why a simpler structure was used, and other caveats (English).
    """

    data: pd.DataFrame
    origin: pd.Period
    structure: str
    fixed_intercept: float
    fixed_slope: float
    fixed_slope_se: float
    slope_sd: float
    sigma2: float
    per_unit: pd.DataFrame
    blups: dict[str, float] | None
    notes: list[str]
    min_own_obs: int
    min_own_span_years: float

    @property
    def model_name(self) -> str:
        """Short description of the pooled model. (English)"""
        return f"pooled logit growth [{self.structure}]"

    @property
    def n_units(self) -> int:
        """Number of units in the fit. [count]"""
        return int(self.data["unit"].nunique())

    @property
    def n_obs(self) -> int:
        """Number of figures in the fit. [count]"""
        return len(self.data)

    @property
    def params(self) -> pd.Series:
        """``fixed_slope, fixed_slope_se, slope_sd, sigma`` [logit/year; sigma in logit]."""
        return pd.Series(
            {
                "fixed_slope": self.fixed_slope,
                "fixed_slope_se": self.fixed_slope_se,
                "slope_sd": self.slope_sd,
                "sigma": math.sqrt(self.sigma2) if np.isfinite(self.sigma2) else math.nan,
            }
        )

    @property
    def borrowed_sd(self) -> float:
        """sd of a new unit's slope: ``sqrt(se^2 + tau^2)``. [logit/year]"""
        return math.sqrt(self.fixed_slope_se**2 + self.slope_sd**2)

    @property
    def unit_slopes(self) -> pd.DataFrame:
        """Per unit: ``unit, level, n_obs, span_years, own_slope, own_slope_se, weight_own,
        blup_slope, last_month, last_coverage`` (``blup_slope`` from MixedLM when a random
        slope was fitted, else the precision-weighted slope). [logit/year]"""
        rows = []
        for u, g in self.data.groupby("unit", sort=True):
            st = self.per_unit.loc[u]
            w, own, own_se, shrunk = self._shrink(float(st["slope"]), float(st["s_tt"]))
            rows.append(
                {
                    "unit": u,
                    "level": g["level"].iloc[0],
                    "n_obs": int(st["n"]),
                    "span_years": float(st["span"]),
                    "own_slope": own,
                    "own_slope_se": own_se,
                    "weight_own": w,
                    "blup_slope": self.blups[u] if self.blups else shrunk,
                    "last_month": g["month"].iloc[-1],
                    "last_coverage": float(g["coverage"].iloc[-1]),
                }
            )
        return pd.DataFrame(rows)

    def _shrink(self, b: float, s_tt: float) -> tuple[float, float, float, float]:
        """``(weight, own slope, own se, combined slope)``."""
        sig2 = self.sigma2 if np.isfinite(self.sigma2) else math.nan
        own_se = math.sqrt(sig2 / s_tt) if s_tt > 0 and np.isfinite(sig2) else math.nan
        if not np.isfinite(b) or not np.isfinite(sig2):
            return 0.0, b, own_se, self.fixed_slope
        w = shrinkage_weight(self.slope_sd**2, sig2, s_tt)
        return w, b, own_se, w * b + (1.0 - w) * self.fixed_slope

    def borrowed_trend(self, unit: str, n_obs: int = 0, reason: str = "") -> TrendFit:
        """Trend for a unit without enough own history: the pooled mean growth.

        Parameters
        ----------
        unit : str
            Unit name (need not be in the panel).
        n_obs : int
            The unit's own number of figures (reported only). [count]
        reason : str
            Why growth is borrowed (English); a default is written when empty.
        """
        return TrendFit(
            unit=unit,
            method=BORROWED_GROWTH,
            model_name=self.model_name,
            slope_mean=self.fixed_slope,
            slope_sd=self.borrowed_sd,
            n_obs=int(n_obs),
            weight_own=0.0,
            pooled_slope=self.fixed_slope,
            pooled_slope_se=self.fixed_slope_se,
            between_sd=self.slope_sd,
            noise_sd=math.sqrt(self.sigma2) if np.isfinite(self.sigma2) else math.nan,
            reason=reason
            or (
                f"{n_obs} own figure(s) (< {self.min_own_obs} spanning >= "
                f"{self.min_own_span_years:g} year): mean growth of {self.n_units} units; sd = "
                f"sqrt(se^2 + between-unit sd^2)"
            ),
        )

    def unit_trend(self, unit: str, n_obs: int | None = None) -> TrendFit:
        """Own or borrowed trend for one unit.

        Parameters
        ----------
        unit : str
            Unit name as in the panel.
        n_obs : int or None
            Use only the unit's most recent ``n_obs`` figures (default: all). For a unit that is
            not in the fitted panel (e.g. a regency with one figure) this is the number of own
            figures to report, and the growth is borrowed.

        Returns
        -------
        TrendFit
            ``own trend`` when the figures used number at least ``min_own_obs`` and span at least
            ``min_own_span_years``; otherwise ``borrowed growth``.
        """
        g = self.data[self.data["unit"] == unit]
        if g.empty:
            if n_obs is not None and n_obs >= 2:
                raise ValueError(
                    f"n_obs: wilayah {unit!r} tidak ada di panel — unit {unit!r} has no figures in "
                    f"the fitted panel, so an own trend from n_obs={n_obs} figures is impossible"
                )
            return self.borrowed_trend(unit, 0 if n_obs is None else n_obs)
        if n_obs is not None:
            if isinstance(n_obs, bool) or not isinstance(n_obs, int | np.integer) or n_obs < 0:
                raise ValueError(
                    f"n_obs: harus bilangan bulat >= 0 — expected an integer >= 0, got {n_obs!r}"
                )
            if n_obs > len(g):
                raise ValueError(
                    f"n_obs: {unit!r} hanya punya {len(g)} data — unit has {len(g)} figures, "
                    f"got n_obs={n_obs}"
                )
            g = g.iloc[len(g) - n_obs :]
        k = len(g)
        st = _unit_ols(g["t"].to_numpy(), g["y"].to_numpy())
        last = (g["month"].iloc[-1], float(g["coverage"].iloc[-1])) if k else (None, math.nan)
        if k < self.min_own_obs or st["span"] < self.min_own_span_years:
            tf = self.borrowed_trend(unit, k)
            return replace(tf, own_slope=st["slope"], last_month=last[0], last_coverage=last[1])
        w, own, own_se, shrunk = self._shrink(st["slope"], st["s_tt"])
        var = (
            w * (own_se**2 if np.isfinite(own_se) else 0.0)
            + (1.0 - w) ** 2 * self.fixed_slope_se**2
        )
        return TrendFit(
            unit=unit,
            method=OWN_TREND,
            model_name=self.model_name,
            slope_mean=shrunk,
            slope_sd=math.sqrt(var),
            n_obs=k,
            weight_own=w,
            own_slope=own,
            own_slope_se=own_se,
            pooled_slope=self.fixed_slope,
            pooled_slope_se=self.fixed_slope_se,
            between_sd=self.slope_sd,
            noise_sd=math.sqrt(self.sigma2) if np.isfinite(self.sigma2) else math.nan,
            last_month=last[0],
            last_coverage=last[1],
            reason=(
                f"{k} own figures over {st['span']:.1f} years: own slope {own:.3f} weighted "
                f"{w:.2f} against mean growth {self.fixed_slope:.3f} (w = tau^2 / (tau^2 + "
                f"sigma^2 / S_tt))"
            ),
        )

    def summary(self, lang: str = "id") -> pd.DataFrame:
        """Key numbers as a two-column table (labels in Indonesian or English)."""
        lang = _check_lang(lang)
        if lang == "en":
            labels = [
                "structure",
                "units",
                "figures",
                "mean growth [logit/year]",
                "se of mean growth",
                "between-unit sd [logit/year]",
                "residual sd [logit]",
            ]
            head = ["statistic", "value"]
        else:
            labels = [
                "struktur",
                "jumlah wilayah",
                "jumlah data",
                "pertumbuhan rata-rata [logit/tahun]",
                "galat baku pertumbuhan",
                "sd antarwilayah [logit/tahun]",
                "sd residual [logit]",
            ]
            head = ["statistik", "nilai"]
        values = [
            self.structure,
            self.n_units,
            self.n_obs,
            self.fixed_slope,
            self.fixed_slope_se,
            self.slope_sd,
            self.params["sigma"],
        ]
        note = "catatan" if lang == "id" else "note"
        rows = list(zip(labels, values, strict=True)) + [(note, n) for n in self.notes]
        return pd.DataFrame(rows, columns=head)


# --------------------------------------------------------------------------------------------
# Pooled growth as a forecaster (for the backtest)
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Regency-level entry points
# --------------------------------------------------------------------------------------------


def _coverage_frame(obj: Any) -> pd.DataFrame:
    """Accept the coverage frame, a loader ``Dataset`` or a ``DataBundle``."""
    if isinstance(obj, pd.DataFrame):
        return obj
    cov = getattr(obj, "coverage", None)
    if cov is not None:
        return cov.frame if hasattr(cov, "frame") else cov
    frame = getattr(obj, "frame", None)
    if isinstance(frame, pd.DataFrame):
        return frame
    raise TypeError(
        "coverage_frame: harus DataFrame cakupan atau DataBundle — expected the coverage frame, "
        f"a loader Dataset or a DataBundle, got {type(obj).__name__}"
    )


#: Parameter in ``assumptions.csv`` read by ``national_workforce_growth="auto"``. [% per year]
NATIONAL_GROWTH_PARAMETER = "national_workforce_growth_pct"


def _auto_national_growth(obj: Any) -> float | None:
    """``national_workforce_growth_pct / 100`` from a bundle's assumptions, if present."""
    ds = getattr(obj, "assumptions", None)
    frame = getattr(ds, "frame", ds)
    if not isinstance(frame, pd.DataFrame) or "parameter" not in frame:
        return None
    rows = frame[frame["parameter"].astype(str) == NATIONAL_GROWTH_PARAMETER]
    if "regency" in rows:
        rows = rows[rows["regency"].astype(str).isin(["*", "Indonesia"])]
    if rows.empty:
        return None
    return float(pd.to_numeric(rows["value"], errors="coerce").iloc[0]) / 100.0


def panel_from(
    coverage_frame: Any,
    *,
    national_participants: pd.DataFrame | None = None,
    national_workforce_growth: float | str | None = "auto",
) -> pd.DataFrame:
    """Panel for the pooled model from a coverage frame or a ``DataBundle``.

    Parameters
    ----------
    coverage_frame : pandas.DataFrame, Dataset or DataBundle
        The loader's coverage data.
    national_participants : pandas.DataFrame or None, keyword-only
        National active participants; with a bundle the bundle's ``national_participants``
        frame is used when this is None and a growth rate is set.
    national_workforce_growth : float, "auto" or None, keyword-only
        Yearly growth of the national eligible workforce [per year]. When set, the nation's
        history is the :func:`national_coverage_proxy` (quality ``derived``). ``"auto"``
        (default) takes ``national_workforce_growth_pct`` from a bundle's assumptions if that row
        exists, else uses the coverage figures only; ``None`` always uses the coverage figures
        only.

    Returns
    -------
    pandas.DataFrame
        See :func:`coverage_panel`.
    """
    frame = _coverage_frame(coverage_frame)
    if isinstance(national_workforce_growth, str):
        if national_workforce_growth != "auto":
            raise ValueError(
                f"national_workforce_growth: harus angka, 'auto' atau None — expected a yearly "
                f"rate, 'auto' or None, got {national_workforce_growth!r}"
            )
        national_workforce_growth = _auto_national_growth(coverage_frame)
        if national_workforce_growth is None and national_participants is not None:
            raise ValueError(
                "national_workforce_growth: wajib diisi bersama national_participants — required "
                "with national_participants (not found as 'national_workforce_growth_pct' in "
                "the assumptions)"
            )
    if national_workforce_growth is not None and national_participants is None:
        ds = getattr(coverage_frame, "national_participants", None)
        national_participants = getattr(ds, "frame", ds)
        if national_participants is None:
            raise ValueError(
                "national_participants: wajib diisi bila national_workforce_growth diberikan — "
                "required with national_workforce_growth (pass the frame or a DataBundle)"
            )
    return coverage_panel(
        frame,
        national_participants=national_participants,
        national_workforce_growth=national_workforce_growth,
    )


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
