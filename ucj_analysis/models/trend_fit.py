"""Annual logit growth of one unit, as the Monte Carlo engine takes it (:class:`TrendFit`).

A :class:`TrendFit` is produced by :meth:`.pooled_model.PooledGrowthResults.unit_trend` (own
trend), :meth:`.pooled_model.PooledGrowthResults.borrowed_trend` (borrowed growth) and
:func:`.regency_trend.trend_for_regency` (with the backtest's calibration); draws of the annual
slope are ``Normal(slope_mean, slope_sd)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from ucj_analysis.i18n import format_number, format_pct, t

from .core import _check_lang

__all__ = ["TrendFit", "OWN_TREND", "BORROWED_GROWTH"]

OWN_TREND = "own trend"
BORROWED_GROWTH = "borrowed growth"


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
        backtest (:func:`~ucj_analysis.models.backtest.interval_scale`; see
        :mod:`~ucj_analysis.models.regency_trend`). 1.0 when no backtest was run. [-]
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
        text = t(
            "trendfit.describe",
            lang,
            unit=self.unit,
            how=t("trendfit.own" if self.method == OWN_TREND else "trendfit.borrowed", lang),
            n_obs=self.n_obs,
            slope=format_number(self.slope_mean, lang, 3),
            sd=format_number(self.slope_sd, lang, 3),
        )
        if np.isfinite(pp):
            text += t(
                "trendfit.pp_at",
                lang,
                pp=format_number(pp, lang, 2),
                cov=format_pct(100 * self.last_coverage, lang, 1),
            )
        return text
