"""Vectorised stock-flow Monte Carlo of UCJ coverage under funding scenarios.

The model (monthly steps; ``k`` months after the start observation, ``t = k / 12`` years)
---------------------------------------------------------------------------------------------
For every regency ``i``, scenario ``s`` and draw ``d``:

**Workforce** ``W_k = W_0 (1 + g_d)^t`` with the annual growth ``g_d ~ N(g, sd_g)`` drawn per
draw (mean from ``regencies.csv``, sd from ``assumptions.csv``).

**Organic participants** (self- or employer-paid, and every programme already running at the
start) follow the trend on the logit scale::

    logit c_trend(t) = logit c_0 + b_d * tau(t),   tau(t) = t   (or (1 - phi^t) / -ln(phi) with
                                                                  annual damping phi < 1)

with ``b_d`` the annual logit slope of draw ``d`` (from the trend model). The trend is net of the
regency's baseline lapse ``h_0`` (monthly hazard), so the gross organic inflow is
``g_k = max(W_k c_trend(t_k) - (1 - h_0) W_{k-1} c_trend(t_{k-1}), 0)`` and the organic stock is
``O_k = min((1 - h_o) O_{k-1} + g_k, W_k)``. With the scenario's organic lapse ``h_o`` equal to
``h_0`` organic coverage *is* the trend; a higher ``h_o`` pulls it below.

**Funded places** (deterministic given the scenario): each lever sets a capacity ``K`` [persons]
per month: money / (12 x contribution rate valid that month) for money levers, the quota,
cohort or kitchen staff for person levers, the (upper envelope of the) workforce for
``fund_gap``; capacities never exceed the workforce envelope ``W0 (1 + g + 4 sd_g)^t``. Village-paid
(``payer = village``) and other levers form two pools of places ``Sv`` and ``So``. Each month
places lapse at the funded hazard ``h_f`` and open places are filled at the enrolment rate
``rho = 1 - exp(-1 / enrolment_months)``: ``S_k = min(S' + rho max(K_k - S', 0), K_k)`` with
``S' = (1 - h_f) S_{k-1}``. With ``payment_cycle: annual`` places are filled only in the
payment month (all open places at once, the year's contributions paid in one go) and only
lapse in between.

**Funded persons** never exceed the uncovered pool ``P = W - O`` (so coverage <= 1). Other
payers (regency, province, central) target uncovered workers and go first: ``Fo = min(So, P)``.
Village money only reaches the share ``reach`` of the rest that lives in desa
(``desa_pool_share``; 1 if a quota lever includes kelurahan): ``Pv = reach (P - Fo)``. Village
places spread evenly over villages (quota, share of a fund, a village budget) meet an uncovered
worker only where the village still has one: with the uncovered pool lognormal across villages
(coefficient of variation ``village_pool_cv``) the workers reached are
``m(Sv, Pv) = Pv Phi((ln x - s^2/2) / s) + Sv Phi(-(ln x + s^2/2) / s)``, ``x = Sv / Pv``,
``s^2 = ln(1 + cv^2)`` (:func:`matched_persons`; ``min(Sv, Pv)`` when ``cv = 0`` or for a
village ``fund_gap``, which targets every uncovered worker). So the last workers are the
hardest to reach. Only the share ``r_d`` of villages that really pay (budget realisation, drawn
per draw, clipped to [0, 1]) do, each for its own workers: ``Fv = r_d m(Sv, Pv)``. In the months
of a budget year that villages in arrears stay unpaid (the first ``arrears_months`` months from
``payment_month``; 12 = all year) their share ``a`` of village-funded workers is inactive.

**Coverage** ``c = (O + Fo + (1 - a w_k) Fv) / W``; **cost** = (Fo + Fv) x rate each month
(monthly cycle) or 12 x rate x (Fo + Fv) in the payment month (annual cycle). [Rp]

Coverage, and so the month the target is first reached, is non-decreasing in the budget and
non-increasing in lapse and arrears, draw by draw (the tests check it over random scenarios).

Implementation: a loop over months only; numpy arrays over regencies x scenarios x draws.
Regencies are processed in chunks (and grouped by start month) so memory stays bounded; per
month only quantiles (and the mean) across draws are kept, and time-to-target, deadline
probabilities and yearly costs are accumulated on the fly. Quantiles are computed from a
float32 sort (7 significant digits; means are float64). Random numbers come from one stream
per regency seeded by ``(seed, crc32(regency))`` and are shared by all scenarios (common random
numbers), so the same seed gives identical numbers and scenario differences are not noise.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from scipy.special import ndtr

from ucj_analysis.inputs import RegencyInputs
from ucj_analysis.scenarios import FundGap, Lever, Scenario, ShareOfFund, Text

__all__ = [
    "SimulationResult",
    "BudgetAmount",
    "simulate",
    "solve_budget",
    "time_to_target",
    "parameter_draws",
    "resolve_scenario",
    "VARIABLES",
    "matched_persons",
]

#: Variables reported in ``SimulationResult.paths``.
VARIABLES: tuple[str, ...] = ("coverage", "active", "funded", "organic", "workforce", "cost_rp")
_ENVELOPE_SD = 4.0  # workforce envelope = mean growth + 4 sd
_TARGET_ELEMENTS = 40_000  # regencies x scenarios x draws per chunk: small arrays stay in cache


@dataclass(frozen=True, kw_only=True)
class BudgetAmount(Lever):
    """An amount of money per year paid by ``payer`` (used by :func:`solve_budget`).

    Parameters
    ----------
    amount_rp_per_year : float
        [Rp per year]
    """

    kind: ClassVar[str] = "budget_amount"
    amount_rp_per_year: float


# --------------------------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------------------------
@dataclass
class SimulationResult:
    """Frames produced by :func:`simulate` (see ``docs/ARCHITECTURE.md``, "Engine output").

    Attributes
    ----------
    paths : pandas.DataFrame
        ``regency, scenario, month, variable, p10, p50, p90, mean`` (one column per quantile).
    time_to_target : pandas.DataFrame
        ``regency, scenario, target, median_month, p10_month, p90_month, reached_share, status``.
        Month columns are ``Period[M]``, ``NaT`` when that quantile of the draws has not reached
        the target by the horizon; ``status`` is ``reached`` / ``not_reached`` (median).
    prob_by_deadline : pandas.DataFrame
        ``regency, scenario, target, deadline, probability`` (NaN for a deadline before the start
        observation or after the horizon).
    yearly_cost : pandas.DataFrame
        ``regency, scenario, year, months, persons_funded_p50, cost_rp_p50,
        cost_rp_per_village_p50, cost_rp_p10, cost_rp_p90``.
    first_hit : dict
        ``(regency, scenario, target) -> int array`` of the first month index (months after the
        regency's start month) each draw reaches the target, ``-1`` if never.
    months : dict
        ``regency -> PeriodIndex`` of the simulated months (index 0 = start observation).
    scenarios : dict
        The scenarios simulated, by id (labels for reports).
    n_draws, seed, horizon_end, targets :
        Run settings.
    """

    paths: pd.DataFrame
    time_to_target: pd.DataFrame
    prob_by_deadline: pd.DataFrame
    yearly_cost: pd.DataFrame
    first_hit: dict = field(repr=False)
    months: dict = field(repr=False)
    scenarios: dict = field(repr=False)
    n_draws: int = 0
    seed: int = 0
    horizon_end: pd.Period | None = None
    targets: tuple[float, ...] = ()

    def hit_months(self, regency: str, scenario: str, target: float | None = None) -> pd.Series:
        """Per-draw month each draw first reaches ``target`` (``NaT`` if never). [Period[M]]"""
        target = self.targets[0] if target is None else target
        idx = self.first_hit[(regency, scenario, float(target))]
        months = self.months[regency]
        vals = [months[j] if j >= 0 else pd.NaT for j in idx]
        return pd.Series(pd.array(vals, dtype="period[M]"), name="month")


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
def _month(x: Any) -> pd.Period:
    if isinstance(x, pd.Period):
        return x.asfreq("M")
    return pd.Period(x, freq="M")


def _hazard(pct_per_year: float) -> float:
    """Monthly hazard from an annual lapse proportion: ``1 - (1 - L)^(1/12)``."""
    p = min(max(float(pct_per_year) / 100.0, 0.0), 1.0)
    if p >= 1.0:
        return 1.0
    return 1.0 - (1.0 - p) ** (1.0 / 12.0)


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def _regency_seed(seed: int, regency: str) -> np.random.SeedSequence:
    return np.random.SeedSequence([int(seed) & 0xFFFFFFFF, zlib.crc32(regency.encode("utf-8"))])


def parameter_draws(
    inp: RegencyInputs, trend: Any, n_draws: int, seed: int
) -> dict[str, np.ndarray]:
    """Random inputs of one regency, shared by all scenarios (common random numbers).

    Parameters
    ----------
    inp : RegencyInputs
    trend : numpy.ndarray, float or object with ``draws(n, seed)``
        Annual logit-slope draws. An array with at least ``n_draws`` values is used as is (first
        ``n_draws``); a shorter one is resampled with replacement from the regency's stream.
    n_draws : int
    seed : int

    Returns
    -------
    dict
        ``slope`` [logit per year], ``growth`` [per year], ``z_realisation`` (standard normal,
        scaled per scenario), each of length ``n_draws``.
    """
    ss = _regency_seed(seed, inp.regency)
    rng = np.random.default_rng(ss)
    z_g = rng.standard_normal(n_draws)
    z_r = rng.standard_normal(n_draws)
    if hasattr(trend, "draws") and callable(trend.draws):
        slopes = np.asarray(trend.draws(n_draws, int(ss.generate_state(1)[0])), dtype=float)
    else:
        slopes = np.atleast_1d(np.asarray(trend, dtype=float)).ravel()
    if slopes.size == 0 or not np.all(np.isfinite(slopes)):
        raise ValueError(f"{inp.regency}: trend slope draws must be finite and non-empty")
    if slopes.size >= n_draws:
        slopes = slopes[:n_draws].copy()
    else:
        slopes = slopes[rng.integers(0, slopes.size, n_draws)]
    growth = inp.workforce_growth + inp.workforce_growth_sd * z_g
    growth = np.maximum(growth, -0.5)
    return {"slope": slopes, "growth": growth, "z_realisation": z_r}


@dataclass(frozen=True)
class _Resolved:
    """Scenario parameters with the regency's assumptions filled in."""

    h_organic: float
    h_funded: float
    arrears: float
    arrears_months: int
    annual: bool
    payment_month: int
    rho: float
    real_mean: float
    real_sd: float


def resolve_scenario(sc: Scenario, inp: RegencyInputs) -> dict[str, float]:
    """Scenario parameters after falling back to the regency's assumptions (for reports).

    Returns
    -------
    dict
        ``lapse_organic_pct_per_year, lapse_funded_pct_per_year, arrears_share_pct,
        arrears_months, payment_cycle, payment_month, enrolment_months,
        budget_realisation_mean_pct, budget_realisation_sd_pct``.
    """

    def pick(a, b):
        return b if a is None else a

    return {
        "lapse_organic_pct_per_year": pick(
            sc.lapse_organic_pct_per_year, inp.lapse_organic_pct_per_year
        ),
        "lapse_funded_pct_per_year": pick(
            sc.lapse_funded_pct_per_year, inp.lapse_funded_pct_per_year
        ),
        "arrears_share_pct": pick(sc.arrears_share_pct, inp.arrears_share_pct),
        "arrears_months": pick(sc.arrears_months, inp.arrears_months),
        "payment_cycle": sc.payment_cycle,
        "payment_month": sc.payment_month,
        "enrolment_months": pick(sc.enrolment_months, inp.enrolment_months),
        "budget_realisation_mean_pct": pick(
            sc.budget_realisation_mean_pct, inp.budget_realisation_mean_pct
        ),
        "budget_realisation_sd_pct": pick(
            sc.budget_realisation_sd_pct, inp.budget_realisation_sd_pct
        ),
    }


def _resolve(sc: Scenario, inp: RegencyInputs) -> _Resolved:
    p = resolve_scenario(sc, inp)
    em = float(p["enrolment_months"])
    return _Resolved(
        h_organic=_hazard(p["lapse_organic_pct_per_year"]),
        h_funded=_hazard(p["lapse_funded_pct_per_year"]),
        arrears=float(p["arrears_share_pct"]) / 100.0,
        arrears_months=int(p["arrears_months"]),
        annual=p["payment_cycle"] == "annual",
        payment_month=int(p["payment_month"]),
        rho=1.0 if em <= 0 else 1.0 - math.exp(-1.0 / em),
        real_mean=float(p["budget_realisation_mean_pct"]) / 100.0,
        real_sd=float(p["budget_realisation_sd_pct"]) / 100.0,
    )


def _envelope(inp: RegencyInputs, k: np.ndarray) -> np.ndarray:
    g = max(inp.workforce_growth + _ENVELOPE_SD * inp.workforce_growth_sd, 0.0)
    return inp.workforce0 * (1.0 + g) ** (k / 12.0)


def _lever_capacity(
    lev: Lever,
    inp: RegencyInputs,
    months: pd.PeriodIndex,
    rate: np.ndarray,
    envelope: np.ndarray,
) -> np.ndarray:
    """Capacity [persons] of one lever in each month (0 before start / after end, and at k=0)."""
    ords = months.asi8
    since = ords - lev.start.ordinal
    on = since >= 0
    on[0] = False  # the start observation already contains everything running then
    if lev.end is not None:
        on &= ords <= lev.end.ordinal
    grow = (1.0 + lev.growth_pct_per_year / 100.0) ** (np.maximum(since, 0) / 12.0)
    kind = lev.kind
    if kind == "share_of_fund":
        share = np.minimum(lev.share_pct / 100.0 * grow, 1.0)
        years = months.year.to_numpy()
        fund = inp.fund_per_year(lev.fund, years)
        if np.isnan(fund).any():
            raise ValueError(
                f"{inp.regency}: no {lev.fund} amount for a share_of_fund lever "
                f"(village_funds.csv or assumption)"
            )
        cap = share * fund / (12.0 * rate)
    elif kind in ("apbd_amount", "budget_amount"):
        cap = lev.amount_rp_per_year * grow / (12.0 * rate)
    elif kind == "quota_per_village":
        n = inp.n_desa + (inp.n_kelurahan if lev.include_kelurahan else 0)
        cap = lev.persons_per_desa * n * grow
    elif kind == "fixed_cohort":
        cap = lev.persons * grow
    elif kind == "sppg_kitchens":
        cap = lev.kitchens * lev.workers_per_kitchen * grow
    elif kind == "fund_gap":
        cap = envelope.copy()
    else:  # pragma: no cover - validated earlier
        raise ValueError(f"unknown lever type {kind!r}")
    return np.where(on, np.minimum(cap, envelope), 0.0)


def _quantile_positions(qs: Sequence[float], n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    pos = np.asarray(qs, dtype=float) * (n - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, n - 1)
    return lo, hi, pos - lo


def _qstats(x: np.ndarray, lo, hi, frac, kth=None) -> np.ndarray:
    """Quantiles (numpy 'linear' method) and mean over the last axis -> (..., nq + 1).

    A full float32 sort is used: numpy's SIMD sort beats ``partition`` with several ``kth``
    here, and float32 halves its cost (quantiles to 7 significant digits; the mean is float64).
    """
    part = np.sort(x.astype(np.float32), axis=-1)
    out = np.empty(x.shape[:-1] + (len(lo) + 1,))
    a = part[..., lo]
    b = part[..., hi]
    out[..., :-1] = a + (b - a) * frac.astype(np.float32)
    out[..., -1] = x.mean(axis=-1)
    return out


def time_to_target(
    coverage: np.ndarray, months: pd.PeriodIndex, target: float = 0.995
) -> pd.arrays.PeriodArray:
    """First month each path reaches ``target`` (``NaT`` if it never does).

    Parameters
    ----------
    coverage : numpy.ndarray
        Coverage paths, months on the last axis. [proportion 0-1]
    months : pandas.PeriodIndex
        Month of each column.
    target : float
        Coverage target. [proportion 0-1]

    Returns
    -------
    pandas.arrays.PeriodArray
        Flattened over the leading axes.
    """
    cov = np.asarray(coverage, dtype=float)
    reached = cov >= target
    first = np.where(reached.any(axis=-1), reached.argmax(axis=-1), -1).ravel()
    vals = [months[j] if j >= 0 else pd.NaT for j in first]
    return pd.array(vals, dtype="period[M]")


# --------------------------------------------------------------------------------------------
# the kernel
# --------------------------------------------------------------------------------------------
@dataclass
class _Chunk:
    """Deterministic arrays for a chunk of regencies sharing a start month."""

    inputs: list[RegencyInputs]
    months: pd.PeriodIndex
    Sv: np.ndarray  # (T+1, R, S) village places
    So: np.ndarray  # (T+1, R, S) other places
    act_v: np.ndarray  # (T+1, R, S) active share of village-funded persons (1 - a w)
    cost_f: np.ndarray  # (T+1, R, S) cost per paid person in the month [Rp]
    h_o: np.ndarray  # (R, S) organic hazard
    h_0: np.ndarray  # (R,) baseline organic hazard
    real_mean: np.ndarray  # (R, S)
    real_sd: np.ndarray  # (R, S)
    reach: np.ndarray  # (R, S) share of the remaining pool village money can reach
    sigma: np.ndarray  # (R, S) lognormal sigma of the village pool (0 = places are targeted)


def _village_reach(sc: Scenario, inp: RegencyInputs) -> tuple[float, bool]:
    """(reach, targeted) of the village-paid levers of a scenario."""
    vl = [lv for lv in sc.levers if lv.payer == "village"]
    reach = (
        1.0
        if any(getattr(lv, "include_kelurahan", False) for lv in vl)
        else float(inp.desa_pool_share)
    )
    targeted = any(lv.kind == "fund_gap" for lv in vl)
    return min(max(reach, 0.0), 1.0), targeted


def _prepare(
    inputs: list[RegencyInputs], scenarios: list[Scenario], months: pd.PeriodIndex
) -> _Chunk:
    T1 = len(months)
    R, S = len(inputs), len(scenarios)
    k = np.arange(T1, dtype=float)
    Sv = np.zeros((T1, R, S))
    So = np.zeros((T1, R, S))
    act_v = np.ones((T1, R, S))
    cost_f = np.zeros((T1, R, S))
    h_o = np.zeros((R, S))
    h_0 = np.zeros(R)
    rm = np.zeros((R, S))
    rs = np.zeros((R, S))
    reach = np.ones((R, S))
    sigma = np.zeros((R, S))
    Kv_all = np.zeros((T1, R, S))
    Ko_all = np.zeros((T1, R, S))
    pay_all = np.zeros((T1, R, S), dtype=bool)
    annual = np.zeros((R, S), dtype=bool)
    rho = np.ones((R, S))
    keep_f = np.ones((R, S))
    moy = months.month.to_numpy()
    for i, inp in enumerate(inputs):
        rate = inp.rate_at(months)
        env = _envelope(inp, k)
        h_0[i] = _hazard(inp.lapse_organic_pct_per_year)
        sig_i = math.sqrt(math.log1p(max(inp.village_pool_cv, 0.0) ** 2))
        for j, sc in enumerate(scenarios):
            p = _resolve(sc, inp)
            h_o[i, j], rm[i, j], rs[i, j] = p.h_organic, p.real_mean, p.real_sd
            reach[i, j], targeted = _village_reach(sc, inp)
            sigma[i, j] = 0.0 if targeted else sig_i
            Kv = np.zeros(T1)
            Ko = np.zeros(T1)
            for lev in sc.levers:
                cap = _lever_capacity(lev, inp, months, rate, env)
                if lev.payer == "village":
                    Kv += cap
                else:
                    Ko += cap
            Kv_all[:, i, j] = np.minimum(Kv, env)
            Ko_all[:, i, j] = np.minimum(Ko, env)
            pay = (moy == p.payment_month) & (k >= 1)
            pay_all[:, i, j] = pay
            annual[i, j] = p.annual
            rho[i, j] = p.rho
            keep_f[i, j] = 1.0 - p.h_funded
            in_arrears = ((moy - p.payment_month) % 12) < p.arrears_months
            act_v[:, i, j] = 1.0 - p.arrears * in_arrears
            if p.annual:
                cost_f[:, i, j] = np.where(pay, 12.0 * rate, 0.0)
            else:
                cost_f[:, i, j] = rate
    # places: S_t = min(S' + rho (K - S')^+, K) monthly; K at payment / min(S', K) annual
    for K, out in ((Kv_all, Sv), (Ko_all, So)):
        for t in range(1, T1):
            s_l = out[t - 1] * keep_f
            monthly = np.minimum(s_l + rho * np.maximum(K[t] - s_l, 0.0), K[t])
            yearly = np.where(pay_all[t], K[t], np.minimum(s_l, K[t]))
            out[t] = np.where(annual, yearly, monthly)
    return _Chunk(inputs, months, Sv, So, act_v, cost_f, h_o, h_0, rm, rs, reach, sigma)


def matched_persons(places: np.ndarray, pool: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """Workers reached by places spread evenly over villages whose uncovered pools vary.

    With the pool per village lognormal (mean ``pool / n``, log-sd ``sigma``) and ``places / n``
    places per village, the workers reached are ``n E[min(places / n, pool_v)]``::

        pool * Phi((ln x - sigma^2 / 2) / sigma) + places * Phi(-(ln x + sigma^2 / 2) / sigma)

    with ``x = places / pool``; ``sigma = 0`` gives ``min(places, pool)``. The result is
    non-decreasing in both arguments, at most ``min(places, pool)``, and its derivative in
    ``pool`` is at most 1.

    Parameters
    ----------
    places, pool : numpy.ndarray
        Funded places and uncovered workers (broadcastable). [persons]
    sigma : numpy.ndarray
        Log-sd of the pool across villages, ``sqrt(log(1 + cv^2))`` (broadcastable).

    Returns
    -------
    numpy.ndarray
        [persons]
    """
    places, pool, sigma = np.broadcast_arrays(
        np.asarray(places, dtype=float), np.asarray(pool, dtype=float), np.asarray(sigma, float)
    )
    hard = np.minimum(places, pool)
    soft_mask = sigma > 0
    if not soft_mask.any():
        return hard
    s = np.where(soft_mask, sigma, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        lx = np.log(places) - np.log(pool)
        a = (lx - 0.5 * s * s) / s
        b = (lx + 0.5 * s * s) / s
        soft = pool * ndtr(a) + places * ndtr(-b)
    soft = np.where((places > 0) & (pool > 0), soft, 0.0)
    return np.where(soft_mask, np.minimum(soft, hard), hard)


_ZS_B = (0.319381530, -0.356563782, 1.781477937, -1.821255978, 1.330274429)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def _ndtr32_(z: np.ndarray, t: np.ndarray, p: np.ndarray, q: np.ndarray, m: np.ndarray) -> None:
    """In place: ``z <- Phi(z)``, the standard normal CDF in float32.

    Zelen & Severo (1964; Abramowitz & Stegun 26.2.17), absolute error < 3e-7 in float32. Only
    float32 ``exp`` and arithmetic (SIMD in numpy) on preallocated buffers ``t, p, q`` (float32)
    and ``m`` (bool) of the same shape: about 4x faster than ``scipy.special.ndtr`` on float64.
    """
    np.abs(z, out=t)
    np.multiply(t, t, out=p)
    p *= np.float32(-0.5)
    np.exp(p, out=p)
    p *= np.float32(_INV_SQRT_2PI)  # phi(|z|)
    t *= np.float32(0.2316419)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    np.multiply(t, np.float32(_ZS_B[4]), out=q)
    for b in _ZS_B[3::-1]:
        q += np.float32(b)
        q *= t
    p *= q  # Phi(-|z|)
    np.greater_equal(z, 0, out=m)
    np.copyto(z, p)
    np.subtract(np.float32(1.0), p, out=z, where=m)


def _ndtr32(z: np.ndarray) -> np.ndarray:
    """Standard normal CDF in float32 (see :func:`_ndtr32_`); returns a new array."""
    z = np.array(z, dtype=np.float32)
    bufs = [np.empty_like(z) for _ in range(3)]
    _ndtr32_(z, *bufs, np.empty(z.shape, dtype=bool))
    return z


def _tau(k: int, damping: float | None) -> float:
    t = k / 12.0
    if damping is None or damping >= 1.0:
        return t
    return (1.0 - damping**t) / (-math.log(damping))


def _run_chunk(
    ch: _Chunk,
    draws: list[dict[str, np.ndarray]],
    *,
    targets: Sequence[float],
    damping: float | None,
    quantiles: Sequence[float] = (),
    variables: Sequence[str] = (),
    yearly: bool = False,
    last_k: int | None = None,
) -> dict[str, Any]:
    """Simulate a chunk; return first-hit indices and (optionally) quantile paths and yearly cost.

    State arrays are ``(R, S, D)``; workforce and trend arrays ``(R, 1, D)``, organic too when
    every scenario keeps the baseline organic lapse. All per-month arrays are preallocated and
    updated in place (``out=``): allocating fresh multi-megabyte temporaries every month costs
    more in page faults than the arithmetic itself.
    """
    inputs, months = ch.inputs, ch.months
    T = len(months) - 1 if last_k is None else last_k
    R, S = ch.h_o.shape
    D = len(draws[0]["slope"])
    W0 = np.array([inp.workforce0 for inp in inputs], dtype=float)[:, None, None]
    c0 = np.array([inp.coverage0 for inp in inputs], dtype=float)
    L0 = np.array([_logit(c) for c in c0])[:, None, None]
    slope = np.stack([d["slope"] for d in draws])[:, None, :]  # (R,1,D)
    growth = np.stack([d["growth"] for d in draws])[:, None, :]
    zr = np.stack([d["z_realisation"] for d in draws])[:, None, :]
    r = np.clip(ch.real_mean[:, :, None] + ch.real_sd[:, :, None] * zr, 0.0, 1.0)  # (R,S,D)
    gw = (1.0 + growth) ** (1.0 / 12.0)
    keep_h0 = 1.0 - ch.h_0[:, None, None]
    same_organic = np.allclose(ch.h_o, ch.h_0[:, None])
    keep_o = (1.0 - ch.h_o)[:, : 1 if same_organic else S, None]
    reach = ch.reach[:, :, None]
    act_v = ch.act_v[:, :, :, None]  # (T+1, R, S, 1)
    cost_f = ch.cost_f[:, :, :, None]
    So = ch.So[:, :, :, None]
    Sv = ch.Sv[:, :, :, None]

    # evenly spread village places (soft matching) on the scenario columns that have them
    soft = ch.sigma > 0  # (R, S)
    cols = np.nonzero(soft.any(axis=0))[0]
    ns = cols.size
    soft_sub = soft[:, cols][:, :, None]
    all_soft = bool(soft_sub.all())
    sig = np.where(soft, ch.sigma, 1.0)[:, cols, None].astype(np.float32)
    half_s2 = np.float32(0.5) * sig * sig
    with np.errstate(divide="ignore"):
        log_sv = np.log(ch.Sv[:, :, cols]).astype(np.float32)[:, :, :, None]  # (T+1,R,s,1)
    Sv_cols = ch.Sv[:, :, cols][:, :, :, None]
    any_sv = (ch.Sv[:, :, cols] > 0).reshape(len(months), -1).any(axis=1) if ns else None

    full, small = (R, S, D), (R, 1, D)
    W = np.broadcast_to(W0, small).copy()
    Otr = W * c0[:, None, None]
    Otr_new = np.empty(small)
    tmp = np.empty(small)
    gin = np.empty(small)
    org = np.broadcast_to(Otr, (R, keep_o.shape[1], D)).copy()
    pool = np.empty(org.shape)
    Fo, Pr, Fv, funded, active, cov = (np.empty(full) for _ in range(6))
    paid, cost = np.empty(full), np.empty(full)
    m1, m2 = np.empty(full, dtype=bool), np.empty(full, dtype=bool)
    if ns:
        sub = (R, ns, D)
        lx, za, zb, t32, p32, q32 = (np.empty(sub, dtype=np.float32) for _ in range(6))
        ms = np.empty(sub, dtype=bool)
        P_s, F_s, H_s = np.empty(sub), np.empty(sub), np.empty(sub)

    targets = [float(x) for x in targets]
    hits = np.full((len(targets), R, S, D), -1, dtype=np.int32)
    for ti, tg in enumerate(targets):
        hits[ti][np.broadcast_to(c0[:, None, None] >= tg, full)] = 0

    nq = len(quantiles)
    stats: dict[str, np.ndarray] = {}
    if variables:
        lo, hi, frac = _quantile_positions(quantiles, D)
        frac32 = frac.astype(np.float32)
        sort_full = np.empty(full, dtype=np.float32)
        sort_small = np.empty(small, dtype=np.float32)
        for v in variables:
            stats[v] = np.empty((T + 1, R, S, nq + 1))

        def record(kk, vals):
            for v in variables:
                x = vals[v]
                buf = sort_full if x.shape[1] == S and S > 1 else sort_small
                if x.shape[1] != buf.shape[1]:
                    buf = np.empty(x.shape, dtype=np.float32)
                np.copyto(buf, x, casting="same_kind")
                buf.sort(axis=-1)
                a = buf[..., lo]
                b = buf[..., hi]
                out = stats[v][kk]
                out[..., :-1] = a + (b - a) * frac32
                out[..., -1] = x.mean(axis=-1)

        zero = np.zeros(small)
        record(
            0,
            {
                "coverage": np.broadcast_to(c0[:, None, None], small),
                "active": org,
                "funded": zero,
                "organic": org,
                "workforce": W,
                "cost_rp": zero,
            },
        )

    years = months.year.to_numpy()
    y_rows: list[tuple] = []
    if yearly:
        cost_acc = np.zeros(full)
        paid_acc = np.zeros(full)
        n_in_year = 0

    for k in range(1, T + 1):
        # workforce and organic trend
        W *= gw
        np.multiply(slope, -_tau(k, damping), out=tmp)
        tmp -= L0
        with np.errstate(over="ignore"):  # exp(+large) = inf -> organic trend 0, as intended
            np.exp(tmp, out=tmp)
        tmp += 1.0
        np.divide(W, tmp, out=Otr_new)
        np.multiply(Otr, keep_h0, out=gin)
        np.subtract(Otr_new, gin, out=gin)
        np.maximum(gin, 0.0, out=gin)
        Otr, Otr_new = Otr_new, Otr
        org *= keep_o
        org += gin
        np.minimum(org, W, out=org)
        # funded persons: other payers first, then village places in the paying villages
        np.subtract(W, org, out=pool)
        np.minimum(So[k], pool, out=Fo)
        np.subtract(pool, Fo, out=Pr)
        Pr *= reach
        np.minimum(Sv[k], Pr, out=Fv)
        if ns and any_sv[k]:
            np.take(Pr, cols, axis=1, out=P_s)
            with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                np.copyto(lx, P_s, casting="same_kind")
                np.log(lx, out=lx)
                np.subtract(log_sv[k], lx, out=lx)  # ln(places / pool)
                np.subtract(lx, half_s2, out=za)
                za /= sig
                _ndtr32_(za, t32, p32, q32, ms)
                np.add(lx, half_s2, out=zb)
                np.negative(zb, out=zb)
                zb /= sig
                _ndtr32_(zb, t32, p32, q32, ms)
                np.multiply(P_s, za, out=F_s)
                np.multiply(zb, Sv_cols[k], out=H_s)
                F_s += H_s
            np.take(Fv, cols, axis=1, out=H_s)
            np.fmin(F_s, H_s, out=F_s)  # NaN (no places and no pool) -> the hard minimum, 0
            if not all_soft:
                np.copyto(F_s, H_s, where=~soft_sub)
            Fv[:, cols] = F_s
        Fv *= r
        np.multiply(Fv, act_v[k], out=funded)
        funded += Fo
        np.add(funded, org, out=active)
        np.divide(active, W, out=cov)
        for ti, tg in enumerate(targets):
            h = hits[ti]
            np.greater_equal(cov, tg, out=m1)
            np.less(h, 0, out=m2)
            m1 &= m2
            np.copyto(h, k, where=m1)
        if variables or yearly:
            np.add(Fo, Fv, out=paid)
            np.multiply(paid, cost_f[k], out=cost)
        if variables:
            record(
                k,
                {
                    "coverage": cov,
                    "active": active,
                    "funded": funded,
                    "organic": org,
                    "workforce": W,
                    "cost_rp": cost,
                },
            )
        if yearly:
            cost_acc += cost
            paid_acc += paid
            n_in_year += 1
            if k == T or years[k + 1] != years[k]:
                c_q = np.quantile(cost_acc, [0.1, 0.5, 0.9], axis=-1)
                p_med = np.median(paid_acc / n_in_year, axis=-1)
                y_rows.append((int(years[k]), n_in_year, p_med, c_q))
                cost_acc[...] = 0.0
                paid_acc[...] = 0.0
                n_in_year = 0
    return {"hits": hits, "stats": stats, "yearly": y_rows}


# --------------------------------------------------------------------------------------------
# simulate
# --------------------------------------------------------------------------------------------
def _check_inputs(inputs: Sequence[RegencyInputs]) -> None:
    problems = []
    for inp in inputs:
        if not 0.0 <= inp.coverage0 <= 1.0:
            problems.append(f"{inp.regency}: coverage0 {inp.coverage0} outside [0, 1]")
        if not inp.workforce0 > 0:
            problems.append(f"{inp.regency}: workforce0 {inp.workforce0} must be > 0")
    names = [inp.regency for inp in inputs]
    if len(set(names)) != len(names):
        problems.append("regency names must be unique")
    if problems:
        raise ValueError("; ".join(problems))


def _period_or_nat(months: pd.PeriodIndex, v: float):
    return months[int(v)] if np.isfinite(v) else pd.NaT


def _qname(q: float) -> str:
    return f"p{100 * q:g}".replace(".", "_")


def simulate(
    inputs: Sequence[RegencyInputs] | RegencyInputs,
    scenarios: Mapping[str, Scenario] | Sequence[Scenario],
    trend: Mapping[str, Any],
    *,
    n_draws: int = 1000,
    seed: int = 20251,
    horizon_end: str | pd.Period = "2045-12",
    quantiles: Sequence[float] = (0.1, 0.5, 0.9),
    target: float | Sequence[float] = 0.995,
    deadlines: Sequence[str | pd.Period] = ("2026-12", "2030-12", "2045-12"),
    trend_damping: float | None = None,
    variables: Sequence[str] | None = VARIABLES,
    chunk_size: int | None = None,
) -> SimulationResult:
    """Monte Carlo projection of coverage for regencies x scenarios (see the module docstring).

    Parameters
    ----------
    inputs : RegencyInputs or list of RegencyInputs
        One per regency (:func:`ucj_analysis.inputs.build_regency_inputs`).
    scenarios : dict of str to Scenario, or list of Scenario
    trend : dict of str to array
        Regency -> annual logit-slope draws (or a ``TrendFit`` with ``draws(n, seed)``).
    n_draws : int
        Monte Carlo draws.
    seed : int
        Same seed -> identical numbers.
    horizon_end : str or Period
        Last simulated month. [YYYY-MM]
    quantiles : sequence of float
        Quantiles across draws kept per month (columns ``p10, p50, p90`` for the default).
    target : float or sequence of float
        Coverage target(s). [proportion 0-1]
    deadlines : sequence of str or Period
        Months for ``prob_by_deadline``. [YYYY-MM]
    trend_damping : float, optional
        Annual damping ``phi`` in (0, 1] of the logit slope; ``None`` = no damping.
    variables : sequence of str or None
        Variables kept in ``paths`` (``None`` or empty: no paths, faster).
    chunk_size : int, optional
        Regencies per chunk; default keeps regencies x scenarios x draws <= 40,000 per chunk.

    Returns
    -------
    SimulationResult
    """
    if isinstance(inputs, RegencyInputs):
        inputs = [inputs]
    inputs = list(inputs)
    if isinstance(scenarios, Mapping):
        scen_list = list(scenarios.values())
    else:
        scen_list = list(scenarios)
    if not inputs or not scen_list:
        raise ValueError("simulate needs at least one regency and one scenario")
    ids = [s.id for s in scen_list]
    if len(set(ids)) != len(ids):
        raise ValueError(f"scenario ids must be unique: {ids}")
    _check_inputs(inputs)
    if n_draws < 1:
        raise ValueError("n_draws must be >= 1")
    if trend_damping is not None and not 0.0 < trend_damping <= 1.0:
        raise ValueError(f"trend_damping must be in (0, 1], got {trend_damping}")
    missing = [inp.regency for inp in inputs if inp.regency not in trend]
    if missing:
        raise KeyError(f"no trend draws for: {', '.join(missing)}")
    horizon = _month(horizon_end)
    targets = (target,) if np.isscalar(target) else tuple(target)
    targets = tuple(float(x) for x in targets)
    for tg in targets:
        if not 0.0 < tg <= 1.0:
            raise ValueError(f"target must be a proportion in (0, 1], got {tg}")
    quantiles = tuple(float(q) for q in quantiles)
    variables = tuple(variables or ())
    unknown = [v for v in variables if v not in VARIABLES]
    if unknown:
        raise ValueError(f"unknown variables {unknown}; choose from {VARIABLES}")
    deadline_p = [_month(d) for d in deadlines]
    S = len(scen_list)
    if chunk_size is None:
        chunk_size = max(1, _TARGET_ELEMENTS // (S * n_draws))

    # group by start month, then chunk
    groups: dict[pd.Period, list[int]] = {}
    for i, inp in enumerate(inputs):
        if inp.start_month > horizon:
            raise ValueError(f"{inp.regency}: start month {inp.start_month} after the horizon")
        groups.setdefault(inp.start_month, []).append(i)

    qcols = [_qname(q) for q in quantiles] + ["mean"]
    path_parts: list[pd.DataFrame] = []
    ttt_rows: list[dict] = []
    prob_rows: list[dict] = []
    cost_rows: list[dict] = []
    first_hit: dict = {}
    months_by_reg: dict = {}
    inv_q = np.array(quantiles)
    for start, idx in groups.items():
        months = pd.period_range(start, horizon, freq="M")
        for c0 in range(0, len(idx), chunk_size):
            sub = [inputs[i] for i in idx[c0 : c0 + chunk_size]]
            ch = _prepare(sub, scen_list, months)
            draws = [parameter_draws(inp, trend[inp.regency], n_draws, seed) for inp in sub]
            out = _run_chunk(
                ch,
                draws,
                targets=targets,
                damping=trend_damping,
                quantiles=quantiles,
                variables=variables,
                yearly=True,
            )
            T = len(months) - 1
            for ri, inp in enumerate(sub):
                months_by_reg[inp.regency] = months
                for si, sc in enumerate(scen_list):
                    for ti, tg in enumerate(targets):
                        h = out["hits"][ti, ri, si]
                        first_hit[(inp.regency, sc.id, tg)] = h.copy()
                        hf = np.where(h >= 0, h, np.inf).astype(float)
                        hs = np.sort(hf)
                        pos = np.clip(np.ceil(inv_q * n_draws).astype(int) - 1, 0, n_draws - 1)
                        qv = hs[pos]
                        med = hs[int(np.clip(math.ceil(0.5 * n_draws) - 1, 0, n_draws - 1))]

                        row = {
                            "regency": inp.regency,
                            "scenario": sc.id,
                            "target": tg,
                            "median_month": _period_or_nat(months, med),
                        }
                        for q, v in zip(quantiles, qv, strict=True):
                            if q != 0.5:
                                row[f"{_qname(q)}_month"] = _period_or_nat(months, v)
                        row["reached_share"] = float(np.mean(h >= 0))
                        row["status"] = "reached" if np.isfinite(med) else "not_reached"
                        ttt_rows.append(row)
                        for dl in deadline_p:
                            kd = dl.ordinal - start.ordinal
                            prob = float(np.mean((h >= 0) & (h <= kd))) if 0 <= kd <= T else np.nan
                            prob_rows.append(
                                {
                                    "regency": inp.regency,
                                    "scenario": sc.id,
                                    "target": tg,
                                    "deadline": dl,
                                    "probability": prob,
                                }
                            )
                    for year, n_m, p_med, c_q in out["yearly"]:
                        cost_rows.append(
                            {
                                "regency": inp.regency,
                                "scenario": sc.id,
                                "year": year,
                                "months": n_m,
                                "persons_funded_p50": float(p_med[ri, si]),
                                "cost_rp_p50": float(c_q[1, ri, si]),
                                "cost_rp_per_village_p50": float(c_q[1, ri, si]) / inp.n_desa
                                if inp.n_desa
                                else np.nan,
                                "cost_rp_p10": float(c_q[0, ri, si]),
                                "cost_rp_p90": float(c_q[2, ri, si]),
                            }
                        )
            if variables:
                path_parts.append(
                    _paths_frame(out["stats"], sub, scen_list, months, variables, qcols)
                )
            del out, ch

    if path_parts:
        paths = pd.concat(path_parts, ignore_index=True)
        paths["regency"] = pd.Categorical(paths["regency"].astype(str))
        paths["scenario"] = pd.Categorical(paths["scenario"].astype(str), categories=ids)
    else:
        paths = pd.DataFrame(columns=["regency", "scenario", "month", "variable", *qcols])
    ttt = pd.DataFrame(ttt_rows)
    for c in [c for c in ttt.columns if c.endswith("_month")]:
        ttt[c] = pd.array(list(ttt[c]), dtype="period[M]")
    prob = pd.DataFrame(prob_rows)
    prob["deadline"] = pd.array(list(prob["deadline"]), dtype="period[M]")
    return SimulationResult(
        paths=paths,
        time_to_target=ttt,
        prob_by_deadline=prob,
        yearly_cost=pd.DataFrame(cost_rows),
        first_hit=first_hit,
        months=months_by_reg,
        scenarios={s.id: s for s in scen_list},
        n_draws=n_draws,
        seed=seed,
        horizon_end=horizon,
        targets=targets,
    )


def _paths_frame(stats, sub, scen_list, months, variables, qcols) -> pd.DataFrame:
    """Long frame from stats[var] of shape (T+1, R, S, nq+1)."""
    T1, R, S = len(months), len(sub), len(scen_list)
    V = len(variables)
    arr = np.stack([stats[v] for v in variables], axis=3)  # (T1, R, S, V, nq+1)
    arr = arr.transpose(1, 2, 0, 3, 4).reshape(R * S * T1 * V, -1)  # order: R, S, T, V
    reg_codes = np.repeat(np.arange(R), S * T1 * V)
    sc_codes = np.tile(np.repeat(np.arange(S), T1 * V), R)
    m_idx = np.tile(np.repeat(np.arange(T1), V), R * S)
    v_codes = np.tile(np.arange(V), R * S * T1)
    df = pd.DataFrame(
        {
            "regency": pd.Categorical.from_codes(reg_codes, [inp.regency for inp in sub]),
            "scenario": pd.Categorical.from_codes(sc_codes, [s.id for s in scen_list]),
            "month": pd.arrays.PeriodArray(months.asi8[m_idx], dtype="period[M]"),
            "variable": pd.Categorical.from_codes(v_codes, list(variables)),
        }
    )
    for j, c in enumerate(qcols):
        df[c] = arr[:, j]
    return df


# --------------------------------------------------------------------------------------------
# budget solver
# --------------------------------------------------------------------------------------------
_REASONS = {
    "ok": (
        "Anggaran terkecil yang mencapai target {target} paling lambat {deadline} dengan "
        "peluang minimal {p}.",
        "Smallest budget that reaches {target} by {deadline} with probability at least {p}.",
    ),
    "trend_sufficient": (
        "Tren saja sudah mencapai target {target} paling lambat {deadline} dengan peluang "
        "minimal {p}; batas bawah anggaran sudah cukup.",
        "The trend alone reaches {target} by {deadline} with probability at least {p}; the "
        "lower budget bound suffices.",
    ),
    "deadline_before_start": (
        "Tenggat {deadline} tidak sesudah awal pendanaan ({start}); anggaran tidak sempat "
        "berpengaruh.",
        "The deadline {deadline} is not after the funding start ({start}); no budget can act "
        "in time.",
    ),
    "unreachable_realisation": (
        "Tidak ada anggaran yang cukup: bahkan dengan dana desa tanpa batas, peluang mencapai "
        "{target} paling lambat {deadline} hanya {pmax}, karena sebagian desa tidak membayar "
        "atau menunggak (realisasi {real}, tunggakan {arrears}); dengan semua desa membayar "
        "tepat waktu target ini bisa dicapai.",
        "No budget suffices: even unlimited village money gives only {pmax} probability of "
        "reaching {target} by {deadline}, because some villages do not pay or are in arrears "
        "(realisation {real}, arrears {arrears}); with every village paying on time the target "
        "is reachable.",
    ),
    "unreachable_spread": (
        "Tidak ada anggaran desa yang cukup: tempat yang dibagi rata antar desa tidak menjangkau "
        "pekerja terakhir yang belum terlindungi (sebaran antar desa, CV {cv}); peluang "
        "maksimum {pmax} untuk {target} paling lambat {deadline}. Perlu pendanaan yang "
        "ditargetkan, mis. APBD untuk pekerja yang tersisa.",
        "No village budget suffices: places spread evenly over villages do not reach the last "
        "uncovered workers (spread across villages, CV {cv}); the best probability of reaching "
        "{target} by {deadline} is {pmax}. Targeted funding is needed, e.g. APBD for the "
        "remaining workers.",
    ),
    "unreachable_enrolment": (
        "Tidak ada anggaran yang cukup: bahkan bila semua pekerja yang belum terlindungi dibiayai "
        "dan semua desa membayar tepat waktu, peluang mencapai {target} paling lambat "
        "{deadline} hanya {pmax}; pendaftaran ({enrol} bulan) terlalu lambat untuk tenggat ini "
        "atau kepesertaan yang berhenti ({lapse} % per tahun) lebih cepat dari pendaftaran.",
        "No budget suffices: even funding every uncovered worker with every village paying on "
        "time, the probability of reaching {target} by {deadline} is only {pmax}; enrolment "
        "({enrol} months) is too slow for this deadline or lapse ({lapse} % per year) outruns "
        "enrolment.",
    ),
    "upper_bound_too_low": (
        "Anggaran maksimum yang diizinkan ({hi}) belum cukup (peluang {phi}); anggaran "
        "tanpa batas mencapai peluang {pmax}. Naikkan batas atas.",
        "The largest allowed budget ({hi}) is not enough (probability {phi}); unlimited "
        "funding reaches {pmax}. Raise the upper bound.",
    ),
}


def _fmt_rp(x: float) -> str:
    return f"Rp {x:,.0f}"


def solve_budget(
    inputs: RegencyInputs | Sequence[RegencyInputs],
    trend: Mapping[str, Any],
    *,
    target: float = 0.995,
    deadline: str | pd.Period | Sequence[str | pd.Period] = "2030-12",
    probability: float | Sequence[float] = (0.5, 0.8),
    bounds_rp: tuple[float, float] | None = None,
    lever: str = "budget",
    payer: str = "village",
    start: str | pd.Period | None = None,
    base_scenario: Scenario | None = None,
    n_draws: int = 1000,
    seed: int = 20251,
    trend_damping: float | None = None,
    rel_tol: float = 1e-4,
    grid: int = 17,
) -> pd.DataFrame:
    """Smallest annual budget that reaches ``target`` by ``deadline`` with probability >= p.

    The budget is a constant amount per year (``lever="budget"``, paid by ``payer``) or a share
    of ADD / DD (``lever="share_of_add"`` / ``"share_of_dd"``, paid by villages), added to
    ``base_scenario`` from ``start``. The probability of reaching the target is non-decreasing
    in the budget draw by draw, and every candidate uses the same random numbers (common random
    numbers), so a bracketing search (grids of ``grid`` candidates, then bisection-like
    refinement) finds the smallest budget to a relative tolerance ``rel_tol``.

    Parameters
    ----------
    inputs : RegencyInputs or list of RegencyInputs
    trend : dict of str to array
        Regency -> annual logit-slope draws.
    target : float
        [proportion 0-1]
    deadline : str, Period or sequence
        Month(s) by which the target must be reached. [YYYY-MM]
    probability : float or sequence of float
        Required probability (defaults 0.5 and 0.8).
    bounds_rp : (float, float), optional
        Search interval [Rp per year] (for share levers: converted through the fund of the
        start year). Default: 0 to the cost of funding the whole workforce envelope.
    lever : {"budget", "share_of_add", "share_of_dd"}
    payer : {"village", "regency", "province", "central"}
        Who pays a ``budget`` lever (budget realisation and arrears apply to villages).
    start : str or Period, optional
        First funded month; default the first January after the start observation.
    base_scenario : Scenario, optional
        Parameters (lapse, arrears, cycle, realisation, enrolment) and levers already in place;
        default: no levers and the regency's assumptions.
    n_draws, seed, trend_damping :
        As in :func:`simulate`.
    rel_tol : float
        Relative tolerance of the budget.
    grid : int
        Candidates evaluated together per refinement round.

    Returns
    -------
    pandas.DataFrame
        ``regency, deadline, probability, feasible, budget_rp_per_year, budget_rp_per_village,
        pct_of_dd, pct_of_add, persons_funded, achieved_probability, reason_code, reason,
        reason_en, lever, payer, start``. ``reason`` is Indonesian, ``reason_en`` English.
    """
    if isinstance(inputs, RegencyInputs):
        inputs = [inputs]
    deadlines = [deadline] if isinstance(deadline, str | pd.Period) else list(deadline)
    deadlines = [_month(d) for d in deadlines]
    probs = [probability] if np.isscalar(probability) else list(probability)
    if lever not in ("budget", "share_of_add", "share_of_dd"):
        raise ValueError(f"lever must be budget, share_of_add or share_of_dd, got {lever!r}")
    if lever != "budget" and payer != "village":
        raise ValueError("a share_of_add / share_of_dd lever is paid by villages")
    if payer not in ("village", "regency", "province", "central"):
        raise ValueError(f"unknown payer {payer!r}")
    for p in probs:
        if not 0.0 < p <= 1.0:
            raise ValueError(f"probability must be in (0, 1], got {p}")
    base = base_scenario or Scenario(id="base", label=Text("Dasar", "Base"))
    rows = []
    for inp in inputs:
        st = (
            _month(start)
            if start is not None
            else pd.Period(year=inp.start_month.year + 1, month=1, freq="M")
        )
        draws = [parameter_draws(inp, trend[inp.regency], n_draws, seed)]
        rate0 = float(inp.rate_at(pd.PeriodIndex([st]))[0])
        dd0 = inp.fund_per_year("DD", np.array([st.year]))[0]
        add0 = inp.fund_per_year("ADD", np.array([st.year]))[0]
        fund0 = {"share_of_add": add0, "share_of_dd": dd0}.get(lever, np.nan)
        if lever != "budget" and not np.isfinite(fund0):
            raise ValueError(f"{inp.regency}: no {lever[9:].upper()} amount for the share lever")
        for dl in deadlines:
            months = pd.period_range(inp.start_month, max(dl, inp.start_month), freq="M")
            kd = len(months) - 1
            env_max = float(_envelope(inp, np.array([kd]))[0])
            max_rate = float(np.max(inp.rate_at(months)))
            hi_default = 12.0 * max_rate * env_max * 1.01
            lo_b, hi_b = bounds_rp if bounds_rp is not None else (0.0, hi_default)
            if lever != "budget":
                lo_b = max(lo_b, 0.0)
                hi_b = min(hi_b, fund0)  # at most 100 % of the fund

            def make(
                amount: float, sid: str, base=base, st=st, lever=lever, fund0=fund0
            ) -> Scenario:
                if lever == "budget":
                    lv = BudgetAmount(start=st, payer=payer, amount_rp_per_year=amount)
                else:
                    share = min(max(amount / fund0 * 100.0, 1e-12), 100.0)
                    lv = ShareOfFund(
                        start=st, fund="ADD" if lever == "share_of_add" else "DD", share_pct=share
                    )
                return base.with_levers(*base.levers, lv, id=sid)

            def prob_of(scens: list[Scenario], inp=inp, months=months, draws=draws, kd=kd):
                ch = _prepare([inp], scens, months)
                out = _run_chunk(ch, draws, targets=[target], damping=trend_damping, last_k=kd)
                h = out["hits"][0, 0]  # (S, D)
                return np.mean((h >= 0) & (h <= kd), axis=-1)

            common = {
                "regency": inp.regency,
                "deadline": dl,
                "lever": lever,
                "payer": payer,
                "start": st,
            }
            fmt = {"target": f"{target * 100:g} %", "deadline": str(dl), "start": str(st)}
            if dl < st:
                for p in probs:
                    rows.append(
                        _solver_row(
                            common,
                            p,
                            False,
                            np.nan,
                            inp,
                            rate0,
                            dd0,
                            add0,
                            np.nan,
                            "deadline_before_start",
                            {**fmt, "p": p},
                        )
                    )
                continue
            p_lo, p_hi = prob_of([make(lo_b, "lo"), make(hi_b, "hi")])
            sat = hi_default if lever == "budget" else min(hi_default, fund0)
            if any(p_hi < p for p in probs):
                # diagnostics: saturating budget; same with every village paying on time;
                # targeted funding of the whole gap with every village paying on time
                ideal_kw = {
                    "budget_realisation_mean_pct": 100.0,
                    "budget_realisation_sd_pct": 0.0,
                    "arrears_share_pct": 0.0,
                }
                gap_payer = payer if lever == "budget" else "village"
                gap = base.with_levers(*base.levers, FundGap(start=st, payer=gap_payer), id="gap")
                p_sat, p_ideal, p_gap = prob_of(
                    [
                        make(sat, "sat"),
                        replace(make(sat, "ideal"), **ideal_kw),
                        replace(gap, **ideal_kw),
                    ]
                )
                if hi_b >= sat:
                    p_sat = max(p_sat, p_hi)
            for p in probs:
                f = {**fmt, "p": f"{p:g}"}
                if p_lo >= p:
                    rows.append(
                        _solver_row(
                            common,
                            p,
                            True,
                            lo_b,
                            inp,
                            rate0,
                            dd0,
                            add0,
                            p_lo,
                            "trend_sufficient" if lo_b == 0 else "ok",
                            f,
                        )
                    )
                    continue
                if p_hi < p:
                    res = resolve_scenario(base, inp)
                    f.update(
                        pmax=f"{p_sat:.2f}",
                        phi=f"{p_hi:.2f}",
                        hi=_fmt_rp(hi_b),
                        real=f"{res['budget_realisation_mean_pct']:g} %",
                        arrears=f"{res['arrears_share_pct']:g} %",
                        enrol=f"{res['enrolment_months']:g}",
                        lapse=f"{res['lapse_funded_pct_per_year']:g}",
                        cv=f"{inp.village_pool_cv:g}",
                    )
                    if p_sat >= p:
                        code = "upper_bound_too_low"
                    elif p_ideal >= p and gap_payer == "village":
                        code = "unreachable_realisation"
                    elif p_gap >= p and gap_payer == "village":
                        code = "unreachable_spread"
                    else:
                        code = "unreachable_enrolment"
                    rows.append(
                        _solver_row(common, p, False, np.nan, inp, rate0, dd0, add0, p_hi, code, f)
                    )
                    continue
                lo, hi, phi = lo_b, hi_b, p_hi
                while hi - lo > max(rel_tol * hi, 1.0):
                    cand = np.linspace(lo, hi, grid + 2)[1:-1]
                    pr = prob_of([make(a, f"c{j}") for j, a in enumerate(cand)])
                    ok = np.nonzero(pr >= p)[0]
                    if ok.size:
                        j = int(ok[0])
                        hi, phi = float(cand[j]), float(pr[j])
                        lo = float(cand[j - 1]) if j > 0 else lo
                    else:
                        lo = float(cand[-1])
                rows.append(_solver_row(common, p, True, hi, inp, rate0, dd0, add0, phi, "ok", f))
    out = pd.DataFrame(rows)
    out["deadline"] = pd.array(list(out["deadline"]), dtype="period[M]")
    out["start"] = pd.array(list(out["start"]), dtype="period[M]")
    return out


def _solver_row(common, p, feasible, budget, inp, rate0, dd0, add0, achieved, code, fmt) -> dict:
    rid, ren = _REASONS[code]
    return {
        **common,
        "probability": float(p),
        "feasible": bool(feasible),
        "budget_rp_per_year": budget,
        "budget_rp_per_village": budget / inp.n_desa if inp.n_desa else np.nan,
        "pct_of_dd": budget / dd0 * 100.0 if np.isfinite(dd0) and dd0 > 0 else np.nan,
        "pct_of_add": budget / add0 * 100.0 if np.isfinite(add0) and add0 > 0 else np.nan,
        "persons_funded": budget / (12.0 * rate0),
        "achieved_probability": achieved,
        "reason_code": code,
        "reason": rid.format(**fmt),
        "reason_en": ren.format(**fmt),
    }
