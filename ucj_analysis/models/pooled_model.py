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

The regency entry points (:func:`~ucj_analysis.models.regency_trend.trend_for_regency`,
calibration) live in :mod:`.regency_trend`, the panel in :mod:`.panel`.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from ucj_analysis.i18n import t

from .core import InsufficientDataError, _check_eps, _check_lang, _month_number, logit, month_index
from .trend_fit import BORROWED_GROWTH, OWN_TREND, TrendFit

__all__ = ["PooledGrowthModel", "PooledGrowthResults", "shrinkage_weight"]

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
        keys = ("structure", "units", "figures", "mean_growth", "se_mean_growth", "between_sd")
        labels = [t(f"pooled.summary.{k}", lang) for k in (*keys, "residual_sd")]
        head = [t("pooled.summary.statistic", lang), t("pooled.summary.value", lang)]
        values = [
            self.structure,
            self.n_units,
            self.n_obs,
            self.fixed_slope,
            self.fixed_slope_se,
            self.slope_sd,
            self.params["sigma"],
        ]
        note = t("pooled.summary.note", lang)
        rows = list(zip(labels, values, strict=True)) + [(note, n) for n in self.notes]
        return pd.DataFrame(rows, columns=head)
