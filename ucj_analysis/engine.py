"""Vectorised stock-flow Monte Carlo of UCJ coverage under funding scenarios.

The model (monthly steps; ``k`` months after the start observation, ``t = k / 12`` years)
---------------------------------------------------------------------------------------------
For every regency ``i``, scenario ``s`` and draw ``d``:

**As of the run month.** The analysis is run in ``run_month`` (default: the current month) and
money can first be budgeted from ``budget_start`` (default: the January after the run month); a
lever without ``start`` starts then. The months from the start observation to the run month are
a *nowcast* (kept in ``paths``). No target is reported as first reached before the run month: a
draw that reaches it earlier is reported as reaching it in the run month
(``time_to_target.reached_by_run_month_share``), and deadlines before the run month get no
probability (NaN).

**Uncertain parameters** are drawn once per draw ``d`` (from the regency's random stream, shared
by all scenarios): the workforce growth ``g_d ~ N(g, sd_g)``, the trend slope ``b_d`` and, from a
triangular distribution (low, mode = central, high) of ``assumptions.csv``, the funded lapse,
the share of villages in arrears ``a_d`` and their months unpaid ``m_d``, the budget realisation
``r_d``, the spread of uncovered workers across villages (CV) and the enrolment pace ``v_d``
[persons per village per month]. A parameter without a range is a point value; a value set by a
scenario is used as is, without spread. The baseline organic lapse is contained in the net trend
and gets no draw.

**Workforce** ``W_k = W_0 (1 + g_d)^t``.

**Organic participants** (self- or employer-paid, and every programme already running at the
start) follow the trend on the logit scale::

    logit c_trend(t) = logit c_0 + b_d * tau(t),   tau(t) = t   (or (1 - phi^t) / -ln(phi) with
                                                                  annual damping phi < 1)

The trend is net of the regency's baseline lapse ``h_0`` (monthly hazard), so the gross organic
inflow is ``g_k = max(W_k c_trend(t_k) - (1 - h_0) W_{k-1} c_trend(t_{k-1}), 0)`` and the organic
stock is ``O_k = min((1 - h_o) O_{k-1} + g_k, W_k)``. With the scenario's organic lapse ``h_o``
equal to ``h_0`` organic coverage *is* the trend; a higher ``h_o`` pulls it below.

**Capacity** ``K`` [persons] of each lever per month: money / (12 x contribution rate valid that
month) for money levers, the quota, cohort or kitchen staff for person levers (capped at the
workforce envelope ``W0 (1 + g + 4 sd_g)^t``), and for ``fund_gap`` the uncovered pool of that
month in that draw (``P = W - O`` for other payers, the pool village money can reach for village
payers): ``K = max(K_other levers, P)``, so a gap lever never funds more places than there are
uncovered workers. Village-paid (``payer = village``) and other levers form two pools of places
``Sv`` and ``So``.

**Places fill at a pace** (state per draw): each month places lapse at the funded hazard
``h_f,d`` and new sign-ups are at most ``v_d x units`` (units = desa + kelurahan for other payers;
desa, + kelurahan if a quota includes them, for village payers)::

    S' = (1 - h_f) S_{k-1},   new = min(rho (K_k - S')^+, v_d units),   S_k = min(S' + new, K_k)

with the optional extra smoothing ``rho = 1 - exp(-1 / enrolment_months)`` (default 1: none).
With ``payment_cycle: annual`` the list changes only in the payment month, growing by at most
``12 v_d units`` (lapsed places wait for the next payment; ``S_k = min(S', K_k)`` in between).

**Funded persons** never exceed the uncovered pool ``P = W - O`` (so coverage <= 1). Other
payers (regency, province, central) target uncovered workers and go first: ``Fo = min(So, P)``.
Village money only reaches the share ``reach`` of the rest that lives in desa
(``desa_pool_share``; 1 if a quota lever includes kelurahan): ``Pv = reach (P - Fo)``. Village
places spread evenly over villages (quota, share of a fund, a village budget) meet an uncovered
worker only where the village still has one: with the uncovered pool lognormal across villages
(coefficient of variation ``cv_d``) the workers reached are
``m(Sv, Pv) = Pv Phi((ln x - s^2/2) / s) + Sv Phi(-(ln x + s^2/2) / s)``, ``x = Sv / Pv``,
``s^2 = ln(1 + cv^2)`` (:func:`matched_persons`; ``min(Sv, Pv)`` when ``cv = 0`` or for a
village ``fund_gap``, which targets every uncovered worker). Only the share ``r_d`` of villages
that really pay do, each for its own workers: ``Fv = r_d m(Sv, Pv)``. In the months of a budget
year that villages in arrears stay unpaid (``w_k = clip(m_d - phase_k, 0, 1)``, ``phase_k`` =
months since ``payment_month``; ``m_d = 12``: all year) their share ``a_d`` of village-funded
workers is inactive.

**Coverage** ``c = (O + Fo + (1 - a w_k) Fv) / W``.

**Money** [Rp], per month (monthly cycle; annual cycle: the year at once in the payment month,
12 x rate per place): *appropriation* = capacity x rate (the budget line: money levers their
money, person levers persons x rate, ``fund_gap`` the pool-based capacity of the draw);
*spending* = contributions paid = rate x (Fo + (1 - a w_k) Fv) (villages in arrears do not pay);
*arrears* = rate x a w_k Fv (due but unpaid; annual cycle: rate x a m_d Fv in the payment month);
*idle* = appropriation - spending - arrears (money set aside that found no worker: unrealised
village budgets, places not yet filled, places without a worker). The ``cost_rp`` path is the
spending.

Coverage, and so the month the target is first reached, is non-decreasing in the budget and
non-increasing in lapse and arrears, draw by draw (the tests check it over random scenarios).

Implementation: a loop over months only; numpy arrays over regencies x scenarios x draws.
Regencies are processed in chunks (and grouped by start month) so memory stays bounded; per
month only quantiles (and the mean) across draws are kept, and time-to-target, deadline
probabilities and yearly money are accumulated on the fly. Quantiles are computed from a
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

from ucj_analysis.inputs import UNCERTAIN_PARAMETERS, RegencyInputs
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

#: Variables reported in ``SimulationResult.paths`` (``cost_rp`` = spending in the month [Rp]).
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
        ``regency, scenario, target, median_month, p10_month, p90_month, reached_share,
        reached_by_run_month_share, status``. Month columns are ``Period[M]``, never before the
        run month, ``NaT`` when that quantile of the draws has not reached the target by the
        horizon; ``reached_by_run_month_share`` is the share of draws that have reached it by
        the run month (the nowcast); ``status`` is ``reached`` / ``not_reached`` (median).
    prob_by_deadline : pandas.DataFrame
        ``regency, scenario, target, deadline, probability`` (NaN for a deadline before the run
        month or the start observation, or after the horizon).
    yearly_cost : pandas.DataFrame
        One row per regency x scenario x calendar year: ``regency, scenario, year, months``;
        ``persons_funded_p50`` (mean funded persons in the year) and ``signups_p50`` (new
        enrolments in the year) [persons]; ``signups_per_unit_month_p50`` [persons per village
        per month]; ``appropriation_rp`` (the money to put in the budget that year: capacity x
        rate; the median over draws for ``fund_gap``), split by payer into
        ``appropriation_village_rp`` and ``appropriation_other_rp``;
        ``spending_rp_p50/p10/p90`` (contributions actually paid), ``spending_village_rp_p50``;
        ``arrears_rp_p50`` (due but unpaid by villages in arrears); ``idle_rp_p50`` =
        ``max(appropriation_rp - spending_rp_p50 - arrears_rp_p50, 0)`` (money that found no
        worker); per desa, for village money only and only with ``n_desa > 0`` (else NaN):
        ``appropriation_rp_per_village``, ``spending_rp_per_village_p50``. [Rp per year]
        ``cost_rp_p50/p10/p90`` and ``cost_rp_per_village_p50`` are aliases of the spending.
    first_hit : dict
        ``(regency, scenario, target) -> int array`` of the first month index (months after the
        regency's start month) each draw reaches the target, ``-1`` if never; draws that reach
        it before the run month carry the run month's index.
    months : dict
        ``regency -> PeriodIndex`` of the simulated months (index 0 = start observation).
    scenarios : dict
        The scenarios simulated, by id (labels for reports).
    n_draws, seed, horizon_end, targets, run_month, budget_start :
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
    run_month: pd.Period | None = None
    budget_start: pd.Period | None = None

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


def _triangular(u: np.ndarray, low: float, mode: float, high: float) -> np.ndarray:
    """Inverse CDF of the triangular distribution (low, mode, high) at ``u`` in [0, 1).

    ``low = high`` gives the point value ``mode``. Mean ``(low + mode + high) / 3``.
    """
    u = np.asarray(u, dtype=float)
    if not high > low:
        return np.full(u.shape, float(mode))
    width = high - low
    f_mode = (mode - low) / width
    left = low + np.sqrt(u * width * (mode - low))
    right = high - np.sqrt((1.0 - u) * width * (high - mode))
    return np.where(u < f_mode, left, right)


#: Bounds of the drawn parameters (canonical units): draws are clipped to them.
_BOUNDS = {
    "lapse_funded_pct_per_year": (0.0, 100.0),
    "arrears_share_pct": (0.0, 100.0),
    "arrears_months": (0.0, 12.0),
    "budget_realisation_mean_pct": (0.0, 100.0),
    "village_pool_cv": (0.0, np.inf),
    "enrolment_pace_per_village_month": (0.0, np.inf),
}


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
        used with a scenario's realisation sd) and one array per name in
        :data:`ucj_analysis.inputs.UNCERTAIN_PARAMETERS` in its canonical unit
        (``lapse_funded_pct_per_year`` [%/year], ``arrears_share_pct`` [%], ``arrears_months``
        [months], ``budget_realisation_mean_pct`` [%], ``village_pool_cv`` [ratio],
        ``enrolment_pace_per_village_month`` [persons per village per month]): triangular
        (low, mode = central, high) where ``inp.ranges`` has a range, else the point value
        (budget realisation without a range: ``N(mean, sd)`` with the inputs' sd), each of
        length ``n_draws``. The same random numbers are drawn whether or not a range is given.
    """
    ss = _regency_seed(seed, inp.regency)
    rng = np.random.default_rng(ss)
    z_g = rng.standard_normal(n_draws)
    z_r = rng.standard_normal(n_draws)
    u = rng.random((len(UNCERTAIN_PARAMETERS), n_draws))
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
    out = {"slope": slopes, "growth": growth, "z_realisation": z_r}
    for j, name in enumerate(UNCERTAIN_PARAMETERS):
        lo, central, hi = inp.range_of(name)
        x = _triangular(u[j], lo, central, hi)
        if name == "budget_realisation_mean_pct" and not hi > lo:
            x = central + inp.budget_realisation_sd_pct * z_r
        out[name] = np.clip(x, *_BOUNDS[name])
    return out


#: Scenario fields that override a drawn parameter (used without spread when set).
_OVERRIDES: tuple[str, ...] = (
    "lapse_funded_pct_per_year",
    "arrears_share_pct",
    "arrears_months",
    "budget_realisation_mean_pct",
    "enrolment_pace_per_village_month",
)


@dataclass(frozen=True)
class _Resolved:
    """Scenario parameters that do not vary between draws, and the scenario's overrides."""

    h_organic: float
    annual: bool
    payment_month: int
    rho: float
    overrides: dict  # name -> value set by the scenario, NaN = drawn per draw
    real_sd: float  # sd [proportion] around a realisation the scenario sets


def resolve_scenario(sc: Scenario, inp: RegencyInputs) -> dict[str, float]:
    """Scenario parameters after falling back to the regency's central assumptions (for reports).

    Parameters the scenario leaves out take the regency's central value here; in
    :func:`simulate` those with a range are drawn per draw (``drawn`` lists them).

    Returns
    -------
    dict
        ``lapse_organic_pct_per_year, lapse_funded_pct_per_year, arrears_share_pct,
        arrears_months, payment_cycle, payment_month, enrolment_months,
        enrolment_pace_per_village_month, budget_realisation_mean_pct,
        budget_realisation_sd_pct, drawn`` (tuple of parameter names drawn per draw).
    """

    def pick(a, b):
        return b if a is None else a

    real_set = sc.budget_realisation_mean_pct is not None
    drawn = tuple(
        name
        for name in UNCERTAIN_PARAMETERS
        if name in inp.ranges and (name not in _OVERRIDES or getattr(sc, name) is None)
    )
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
        "enrolment_pace_per_village_month": pick(
            sc.enrolment_pace_per_village_month, inp.enrolment_pace_per_village_month
        ),
        "budget_realisation_mean_pct": pick(
            sc.budget_realisation_mean_pct, inp.budget_realisation_mean_pct
        ),
        "budget_realisation_sd_pct": (
            (sc.budget_realisation_sd_pct or 0.0) if real_set else inp.budget_realisation_sd_pct
        ),
        "drawn": drawn,
    }


def _resolve(sc: Scenario, inp: RegencyInputs) -> _Resolved:
    p = resolve_scenario(sc, inp)
    em = float(p["enrolment_months"])
    over = {
        name: float("nan") if getattr(sc, name) is None else float(getattr(sc, name))
        for name in _OVERRIDES
    }
    return _Resolved(
        h_organic=_hazard(p["lapse_organic_pct_per_year"]),
        annual=p["payment_cycle"] == "annual",
        payment_month=int(p["payment_month"]),
        rho=1.0 if em <= 0 else 1.0 - math.exp(-1.0 / em),
        overrides=over,
        real_sd=float(sc.budget_realisation_sd_pct or 0.0) / 100.0,
    )


def _envelope(inp: RegencyInputs, k: np.ndarray) -> np.ndarray:
    g = max(inp.workforce_growth + _ENVELOPE_SD * inp.workforce_growth_sd, 0.0)
    return inp.workforce0 * (1.0 + g) ** (k / 12.0)


def _lever_start(lev: Lever, budget_start: pd.Period) -> pd.Period:
    return budget_start if lev.start is None else _month(lev.start)


def _lever_capacity(
    lev: Lever,
    inp: RegencyInputs,
    months: pd.PeriodIndex,
    rate: np.ndarray,
    budget_start: pd.Period,
) -> tuple[np.ndarray, np.ndarray]:
    """Capacity [persons] of one lever in each month (0 before start / after end, and at k=0).

    Returns
    -------
    (capacity, on)
        ``capacity`` is 0 for ``fund_gap`` (its capacity is the pool of each draw); ``on`` the
        months the lever pays.
    """
    start = _lever_start(lev, budget_start)
    ords = months.asi8
    since = ords - start.ordinal
    on = since >= 0
    on[0] = False  # the start observation already contains everything running then
    if lev.end is not None:
        on &= ords <= _month(lev.end).ordinal
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
        cap = np.zeros(len(months))
    else:  # pragma: no cover - validated earlier
        raise ValueError(f"unknown lever type {kind!r}")
    return np.where(on, cap, 0.0), on


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
    """Deterministic arrays for a chunk of regencies sharing a start month.

    Per pool of places (``v`` village-paid, ``o`` other payers): fixed capacity ``K*``
    (T+1, R, S) [persons] (capped at the workforce envelope), fixed appropriation ``A*``
    (T+1, R, S) [Rp] (uncapped: the money of money levers), months a ``fund_gap`` lever pays
    ``gap*`` (T+1, R, S) and units the pace counts ``units*`` (R, S) [villages].
    """

    inputs: list[RegencyInputs]
    months: pd.PeriodIndex
    Kv: np.ndarray
    Ko: np.ndarray
    Av: np.ndarray
    Ao: np.ndarray
    gap_v: np.ndarray
    gap_o: np.ndarray
    units_v: np.ndarray
    units_o: np.ndarray
    has_v: np.ndarray  # (R, S) scenario has village-paid levers
    has_o: np.ndarray  # (R, S) scenario has levers of other payers
    cost_f: np.ndarray  # (T+1, R, S) money per paid place in the month [Rp]
    rate: np.ndarray  # (T+1, R) contribution rate [Rp per person per month]
    pay: np.ndarray  # (T+1, R, S) payment months (annual cycle)
    phase: np.ndarray  # (T+1, R, S) months since the budget-year start (payment_month)
    annual: np.ndarray  # (R, S)
    rho: np.ndarray  # (R, S) extra smoothing of enrolment (1 = none)
    h_o: np.ndarray  # (R, S) organic hazard
    h_0: np.ndarray  # (R,) baseline organic hazard
    overrides: dict  # name -> (R, S) value set by the scenario, NaN = drawn
    real_sd: np.ndarray  # (R, S) sd around a realisation the scenario sets [proportion]
    reach: np.ndarray  # (R, S) share of the remaining pool village money can reach
    soft: np.ndarray  # (R, S) village places spread evenly over villages (soft matching)


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
    inputs: list[RegencyInputs],
    scenarios: list[Scenario],
    months: pd.PeriodIndex,
    budget_start: pd.Period,
) -> _Chunk:
    T1 = len(months)
    R, S = len(inputs), len(scenarios)
    k = np.arange(T1, dtype=float)
    z3 = (T1, R, S)
    Kv, Ko, Av, Ao = (np.zeros(z3) for _ in range(4))
    gap_v, gap_o, pay = (np.zeros(z3, dtype=bool) for _ in range(3))
    phase = np.zeros(z3)
    cost_f = np.zeros(z3)
    rate_all = np.zeros((T1, R))
    units_v, units_o = np.zeros((R, S)), np.zeros((R, S))
    has_v, has_o = np.zeros((R, S), dtype=bool), np.zeros((R, S), dtype=bool)
    h_o, rho, real_sd, reach = (np.zeros((R, S)) for _ in range(4))
    annual, soft = np.zeros((R, S), dtype=bool), np.zeros((R, S), dtype=bool)
    h_0 = np.zeros(R)
    overrides = {name: np.full((R, S), np.nan) for name in _OVERRIDES}
    moy = months.month.to_numpy()
    for i, inp in enumerate(inputs):
        rate = inp.rate_at(months)
        rate_all[:, i] = rate
        env = _envelope(inp, k)
        h_0[i] = _hazard(inp.lapse_organic_pct_per_year)
        cv_any = max(inp.range_of("village_pool_cv")) > 0
        for j, sc in enumerate(scenarios):
            p = _resolve(sc, inp)
            h_o[i, j], rho[i, j], real_sd[i, j] = p.h_organic, p.rho, p.real_sd
            for name, v in p.overrides.items():
                overrides[name][i, j] = v
            reach[i, j], targeted = _village_reach(sc, inp)
            soft[i, j] = cv_any and not targeted
            n_kel_v = any(getattr(lv, "include_kelurahan", False) for lv in sc.levers)
            units_v[i, j] = inp.n_desa + (inp.n_kelurahan if n_kel_v else 0)
            units_o[i, j] = inp.n_desa + inp.n_kelurahan
            pay_ij = (moy == p.payment_month) & (k >= 1)
            pay[:, i, j] = pay_ij
            annual[i, j] = p.annual
            phase[:, i, j] = (moy - p.payment_month) % 12
            cf = np.where(pay_ij, 12.0 * rate, 0.0) if p.annual else rate
            cost_f[:, i, j] = cf
            kv, ko = np.zeros(T1), np.zeros(T1)
            for lev in sc.levers:
                start = _lever_start(lev, budget_start)
                if lev.end is not None and _month(lev.end) < start:
                    raise ValueError(
                        f"scenario {sc.id!r}: a {lev.kind} lever ends ({lev.end}) before it "
                        f"starts ({start}); give it a start or a later end"
                    )
                cap, on = _lever_capacity(lev, inp, months, rate, budget_start)
                if lev.payer == "village":
                    kv += cap
                    gap_v[:, i, j] |= on & (lev.kind == "fund_gap")
                    has_v[i, j] = True
                else:
                    ko += cap
                    gap_o[:, i, j] |= on & (lev.kind == "fund_gap")
                    has_o[i, j] = True
            # the budget line: capacity x rate in every month (annual: 12 x rate in the
            # payment month), before the envelope cap
            Av[:, i, j] = kv * cf
            Ao[:, i, j] = ko * cf
            Kv[:, i, j] = np.minimum(kv, env)
            Ko[:, i, j] = np.minimum(ko, env)
    return _Chunk(
        inputs=inputs,
        months=months,
        Kv=Kv,
        Ko=Ko,
        Av=Av,
        Ao=Ao,
        gap_v=gap_v,
        gap_o=gap_o,
        units_v=units_v,
        units_o=units_o,
        has_v=has_v,
        has_o=has_o,
        cost_f=cost_f,
        rate=rate_all,
        pay=pay,
        phase=phase,
        annual=annual,
        rho=rho,
        h_o=h_o,
        h_0=h_0,
        overrides=overrides,
        real_sd=real_sd,
        reach=reach,
        soft=soft,
    )


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


def _stack(draws: list[dict[str, np.ndarray]], name: str) -> np.ndarray:
    """(R, 1, D) array of one drawn quantity."""
    return np.stack([d[name] for d in draws])[:, None, :]


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
    trace: Any = None,
) -> dict[str, Any]:
    """Simulate a chunk; return first-hit indices and (optionally) quantile paths and yearly money.

    ``trace``, if given, is called after every month with ``(k, state)``: ``state`` maps
    ``places_v, places_o, pool, pool_v, funded, coverage`` to the month's (R, S, D) arrays
    (views, valid only during the call; for tests and diagnostics).

    State arrays are ``(R, S, D)`` (places, funded persons); workforce and trend arrays
    ``(R, 1, D)``, organic too when every scenario keeps the baseline organic lapse. Per-month
    arrays are preallocated and updated in place (``out=``) where it matters: allocating fresh
    multi-megabyte temporaries every month costs more in page faults than the arithmetic.
    """
    inputs, months = ch.inputs, ch.months
    T = len(months) - 1 if last_k is None else last_k
    R, S = ch.h_o.shape
    D = len(draws[0]["slope"])
    full, small = (R, S, D), (R, 1, D)
    W0 = np.array([inp.workforce0 for inp in inputs], dtype=float)[:, None, None]
    c0 = np.array([inp.coverage0 for inp in inputs], dtype=float)
    L0 = np.array([_logit(c) for c in c0])[:, None, None]
    slope = _stack(draws, "slope")
    growth = _stack(draws, "growth")
    gw = (1.0 + growth) ** (1.0 / 12.0)
    keep_h0 = 1.0 - ch.h_0[:, None, None]
    same_organic = np.allclose(ch.h_o, ch.h_0[:, None])
    keep_o = (1.0 - ch.h_o)[:, : 1 if same_organic else S, None]

    # drawn parameters (R, 1, D), replaced by a scenario's own value where it sets one (R, S, D)
    def param(name: str) -> np.ndarray:
        ov = ch.overrides[name][:, :, None]
        return np.broadcast_to(np.where(np.isnan(ov), _stack(draws, name), ov), full).copy()

    ov_r = ch.overrides["budget_realisation_mean_pct"][:, :, None]
    r = np.where(
        np.isnan(ov_r),
        _stack(draws, "budget_realisation_mean_pct") / 100.0,
        ov_r / 100.0 + ch.real_sd[:, :, None] * _stack(draws, "z_realisation"),
    )
    r = np.broadcast_to(np.clip(r, 0.0, 1.0), full).copy()
    keep_f = (1.0 - np.clip(param("lapse_funded_pct_per_year") / 100.0, 0.0, 1.0)) ** (1 / 12)
    a_share = np.clip(param("arrears_share_pct") / 100.0, 0.0, 1.0)
    a_months = np.clip(param("arrears_months"), 0.0, 12.0)
    pace = np.maximum(param("enrolment_pace_per_village_month"), 0.0)
    cap_v = pace * ch.units_v[:, :, None]
    cap_o = pace * ch.units_o[:, :, None]
    annual = ch.annual[:, :, None]
    any_annual, all_annual = bool(annual.any()), bool(annual.all())
    rho = ch.rho[:, :, None]
    reach = ch.reach[:, :, None]
    gap_v_any = ch.gap_v.reshape(len(months), -1).any(axis=1)
    gap_o_any = ch.gap_o.reshape(len(months), -1).any(axis=1)

    # evenly spread village places (soft matching) on the scenario columns that have them
    cols = np.nonzero(ch.soft.any(axis=0))[0]
    ns = cols.size
    if ns:
        soft_sub = ch.soft[:, cols][:, :, None]
        all_soft = bool(soft_sub.all())
        cv = _stack(draws, "village_pool_cv")
        sig = np.sqrt(np.log1p(cv * cv))
        sig = np.broadcast_to(np.maximum(sig, 1e-7), (R, ns, D)).astype(np.float32)
        half_s2 = np.float32(0.5) * sig * sig
        sub = (R, ns, D)
        lx, ls, za, zb, t32, p32, q32 = (np.empty(sub, dtype=np.float32) for _ in range(7))
        ms = np.empty(sub, dtype=bool)
        P_s, S_s, F_s, H_s = (np.empty(sub) for _ in range(4))

    W = np.broadcast_to(W0, small).copy()
    Otr = W * c0[:, None, None]
    Otr_new = np.empty(small)
    tmp = np.empty(small)
    gin = np.empty(small)
    org = np.broadcast_to(Otr, (R, keep_o.shape[1], D)).copy()
    pool = np.empty(org.shape)
    Sv, So = np.zeros(full), np.zeros(full)
    Fo, Pr, Fv, funded, active, cov, opn, new_v, new_o, inact = (np.empty(full) for _ in range(10))
    m1, m2 = np.empty(full, dtype=bool), np.empty(full, dtype=bool)

    def fill(places, K, cap, new, k):
        """Places after lapse and new sign-ups at the pace; ``new`` gets the sign-ups."""
        places *= keep_f
        np.subtract(K, places, out=opn)
        np.maximum(opn, 0.0, out=opn)
        if not all_annual:
            np.multiply(opn, rho, out=new)
            np.minimum(new, cap, out=new)
        if any_annual:
            pay_k = ch.pay[k][:, :, None]
            at_pay = np.where(pay_k, np.minimum(opn, 12.0 * cap), 0.0)
            np.copyto(new, at_pay, where=np.broadcast_to(annual, full))
        places += new
        np.minimum(places, K, out=places)

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
    y_rows: list[dict] = []
    money = bool(variables) or yearly
    if money:
        spend_o, spend_v, arr = np.empty(full), np.empty(full), np.empty(full)
    if yearly:
        acc = {n: np.zeros(full) for n in ("app_v", "app_o", "sp_v", "sp_o", "arr", "new", "paid")}
        n_in_year = 0
        unit_any = np.where(ch.has_o | ~ch.has_v, ch.units_o, ch.units_v)[:, :, None]
        unit_any = np.where(unit_any > 0, unit_any, np.nan)

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
        np.subtract(W, org, out=pool)
        cf = ch.cost_f[k][:, :, None]
        # other payers first: places fill at the pace, fund_gap capacity = the pool
        Ko = ch.Ko[k][:, :, None]
        if gap_o_any[k]:
            Ko = np.where(ch.gap_o[k][:, :, None], np.maximum(Ko, pool), Ko)
        fill(So, Ko, cap_o, new_o, k)
        np.minimum(So, pool, out=Fo)
        # village places in the part of the rest village money can reach
        np.subtract(pool, Fo, out=Pr)
        Pr *= reach
        Kv = ch.Kv[k][:, :, None]
        if gap_v_any[k]:
            Kv = np.where(ch.gap_v[k][:, :, None], np.maximum(Kv, Pr), Kv)
        fill(Sv, Kv, cap_v, new_v, k)
        np.minimum(Sv, Pr, out=Fv)
        if ns:
            np.take(Sv, cols, axis=1, out=S_s)
            if S_s.any():
                np.take(Pr, cols, axis=1, out=P_s)
                with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                    np.copyto(lx, P_s, casting="same_kind")
                    np.log(lx, out=lx)
                    np.copyto(ls, S_s, casting="same_kind")
                    np.log(ls, out=ls)
                    np.subtract(ls, lx, out=lx)  # ln(places / pool)
                    np.subtract(lx, half_s2, out=za)
                    za /= sig
                    _ndtr32_(za, t32, p32, q32, ms)
                    np.add(lx, half_s2, out=zb)
                    np.negative(zb, out=zb)
                    zb /= sig
                    _ndtr32_(zb, t32, p32, q32, ms)
                    np.multiply(P_s, za, out=F_s)
                    np.multiply(zb, S_s, out=H_s)
                    F_s += H_s
                np.take(Fv, cols, axis=1, out=H_s)
                np.fmin(F_s, H_s, out=F_s)  # NaN (no places and no pool) -> the hard minimum
                if not all_soft:
                    np.copyto(F_s, H_s, where=~soft_sub)
                Fv[:, cols] = F_s
        Fv *= r  # only the villages that really pay
        # villages in arrears: share a of village-funded workers inactive in the first
        # arrears_months months of the budget year (fractional months count pro rata)
        w = np.clip(a_months - ch.phase[k][:, :, None], 0.0, 1.0)
        np.multiply(a_share, w, out=inact)
        np.subtract(1.0, inact, out=funded)
        funded *= Fv
        funded += Fo
        np.add(funded, org, out=active)
        np.divide(active, W, out=cov)
        if trace is not None:
            trace(
                k,
                {
                    "places_v": Sv,
                    "places_o": So,
                    "pool": np.broadcast_to(pool, full),
                    "pool_v": Pr,
                    "funded": funded,
                    "coverage": cov,
                },
            )
        for ti, tg in enumerate(targets):
            h = hits[ti]
            np.greater_equal(cov, tg, out=m1)
            np.less(h, 0, out=m2)
            m1 &= m2
            np.copyto(h, k, where=m1)
        if money:
            np.multiply(Fo, cf, out=spend_o)
            # contributions due but unpaid by villages in arrears (annual: the months unpaid,
            # booked in the payment month)
            rate_k = ch.rate[k][:, None, None]
            if any_annual:
                months_unpaid = np.where(annual, ch.pay[k][:, :, None] * a_months, w)
            else:
                months_unpaid = w
            np.multiply(a_share, months_unpaid, out=arr)
            arr *= Fv
            arr *= rate_k
            np.multiply(Fv, cf, out=spend_v)
            spend_v -= arr
        if variables:
            record(
                k,
                {
                    "coverage": cov,
                    "active": active,
                    "funded": funded,
                    "organic": org,
                    "workforce": W,
                    "cost_rp": spend_o + spend_v,
                },
            )
        if yearly:
            acc["app_v"] += ch.Av[k][:, :, None]
            acc["app_o"] += ch.Ao[k][:, :, None]
            if gap_v_any[k]:
                extra = np.maximum(Pr - ch.Kv[k][:, :, None], 0.0) * cf
                acc["app_v"] += np.where(ch.gap_v[k][:, :, None], extra, 0.0)
            if gap_o_any[k]:
                extra = np.maximum(pool - ch.Ko[k][:, :, None], 0.0) * cf
                acc["app_o"] += np.where(ch.gap_o[k][:, :, None], extra, 0.0)
            acc["sp_v"] += spend_v
            acc["sp_o"] += spend_o
            acc["arr"] += arr
            acc["new"] += new_v
            acc["new"] += new_o
            acc["paid"] += Fo
            acc["paid"] += Fv
            n_in_year += 1
            if k == T or years[k + 1] != years[k]:
                spend = acc["sp_v"] + acc["sp_o"]
                with np.errstate(invalid="ignore"):
                    per_unit = acc["new"] / (unit_any * n_in_year)
                y_rows.append(
                    {
                        "year": int(years[k]),
                        "months": n_in_year,
                        "persons_funded_p50": np.median(acc["paid"] / n_in_year, axis=-1),
                        "signups_p50": np.median(acc["new"], axis=-1),
                        "signups_per_unit_month_p50": np.median(per_unit, axis=-1),
                        "appropriation_rp": np.median(acc["app_v"] + acc["app_o"], axis=-1),
                        "appropriation_village_rp": np.median(acc["app_v"], axis=-1),
                        "appropriation_other_rp": np.median(acc["app_o"], axis=-1),
                        "spending_q": np.quantile(spend, [0.1, 0.5, 0.9], axis=-1),
                        "spending_village_p50": np.median(acc["sp_v"], axis=-1),
                        "arrears_rp_p50": np.median(acc["arr"], axis=-1),
                    }
                )
                for x in acc.values():
                    x[...] = 0.0
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


def _run_and_budget_months(
    run_month: str | pd.Period | None, budget_start: str | pd.Period | None
) -> tuple[pd.Period, pd.Period]:
    """Run month (default: this month) and budget start (default: the January after it)."""
    run = _month(pd.Timestamp.today().strftime("%Y-%m")) if run_month is None else _month(run_month)
    bstart = (
        pd.Period(year=run.year + 1, month=1, freq="M")
        if budget_start is None
        else _month(budget_start)
    )
    return run, bstart


def _yearly_rows(y_rows, ri, si, inp, sc, has_v) -> list[dict]:
    """Rows of ``yearly_cost`` for one regency x scenario (see :class:`SimulationResult`)."""
    out = []
    per_desa = inp.n_desa > 0 and has_v
    for y in y_rows:
        app = float(y["appropriation_rp"][ri, si])
        app_v = float(y["appropriation_village_rp"][ri, si])
        sp10, sp50, sp90 = (float(y["spending_q"][j, ri, si]) for j in range(3))
        sp_v = float(y["spending_village_p50"][ri, si])
        arrears = float(y["arrears_rp_p50"][ri, si])
        sp_v_desa = sp_v / inp.n_desa if per_desa else np.nan
        out.append(
            {
                "regency": inp.regency,
                "scenario": sc.id,
                "year": y["year"],
                "months": y["months"],
                "persons_funded_p50": float(y["persons_funded_p50"][ri, si]),
                "signups_p50": float(y["signups_p50"][ri, si]),
                "signups_per_unit_month_p50": float(y["signups_per_unit_month_p50"][ri, si]),
                "appropriation_rp": app,
                "appropriation_village_rp": app_v,
                "appropriation_other_rp": float(y["appropriation_other_rp"][ri, si]),
                "appropriation_rp_per_village": app_v / inp.n_desa if per_desa else np.nan,
                "spending_rp_p50": sp50,
                "spending_rp_p10": sp10,
                "spending_rp_p90": sp90,
                "spending_village_rp_p50": sp_v,
                "spending_rp_per_village_p50": sp_v_desa,
                "arrears_rp_p50": arrears,
                "idle_rp_p50": max(app - sp50 - arrears, 0.0),
                "cost_rp_p50": sp50,
                "cost_rp_per_village_p50": sp_v_desa,
                "cost_rp_p10": sp10,
                "cost_rp_p90": sp90,
            }
        )
    return out


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
    run_month: str | pd.Period | None = None,
    budget_start: str | pd.Period | None = None,
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
    run_month : str or Period, optional
        Month the analysis is run [YYYY-MM]; default the current month. No target is reported
        as reached before it; deadlines before it get a NaN probability; the months from the
        start observation to it are a nowcast.
    budget_start : str or Period, optional
        First month money can be budgeted [YYYY-MM]: levers without ``start`` start then.
        Default the January after ``run_month``.

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
    run, bstart = _run_and_budget_months(run_month, budget_start)
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
    has_v = [any(lv.payer == "village" for lv in sc.levers) for sc in scen_list]

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
        T = len(months) - 1
        k_run = min(max(run.ordinal - start.ordinal, 0), T)
        for c0 in range(0, len(idx), chunk_size):
            sub = [inputs[i] for i in idx[c0 : c0 + chunk_size]]
            ch = _prepare(sub, scen_list, months, bstart)
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
            for ri, inp in enumerate(sub):
                months_by_reg[inp.regency] = months
                for si, sc in enumerate(scen_list):
                    for ti, tg in enumerate(targets):
                        h = out["hits"][ti, ri, si].copy()
                        h[(h >= 0) & (h < k_run)] = k_run  # nothing is reached in the past
                        first_hit[(inp.regency, sc.id, tg)] = h
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
                        row["reached_by_run_month_share"] = float(np.mean((h >= 0) & (h <= k_run)))
                        row["status"] = "reached" if np.isfinite(med) else "not_reached"
                        ttt_rows.append(row)
                        for dl in deadline_p:
                            kd = dl.ordinal - start.ordinal
                            ok = 0 <= kd <= T and dl >= run
                            prob = float(np.mean((h >= 0) & (h <= kd))) if ok else np.nan
                            prob_rows.append(
                                {
                                    "regency": inp.regency,
                                    "scenario": sc.id,
                                    "target": tg,
                                    "deadline": dl,
                                    "probability": prob,
                                }
                            )
                    cost_rows += _yearly_rows(out["yearly"], ri, si, inp, sc, has_v[si])
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
        run_month=run,
        budget_start=bstart,
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
        "Tenggat {deadline} tidak sesudah awal pendanaan ({start}) atau sudah lewat (analisis "
        "{run}); anggaran tidak sempat berpengaruh.",
        "The deadline {deadline} is not after the funding start ({start}) or already past "
        "(analysis run {run}); no budget can act in time.",
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
        "{deadline} hanya {pmax}; pendaftaran (sekitar {pace} orang per desa per bulan) terlalu "
        "lambat untuk tenggat ini atau kepesertaan yang berhenti ({lapse} % per tahun) lebih "
        "cepat dari pendaftaran.",
        "No budget suffices: even funding every uncovered worker with every village paying on "
        "time, the probability of reaching {target} by {deadline} is only {pmax}; enrolment "
        "(about {pace} persons per village per month) is too slow for this deadline or lapse "
        "({lapse} % per year) outruns enrolment.",
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
    run_month: str | pd.Period | None = None,
    budget_start: str | pd.Period | None = None,
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
        First funded month; default ``budget_start``.
    base_scenario : Scenario, optional
        Parameters (lapse, arrears, cycle, realisation, enrolment) and levers already in place;
        default: no levers and the regency's assumptions.
    n_draws, seed, trend_damping :
        As in :func:`simulate`.
    rel_tol : float
        Relative tolerance of the budget.
    grid : int
        Candidates evaluated together per refinement round.
    run_month, budget_start : str or Period, optional
        As in :func:`simulate` (default: this month and the January after it). A deadline
        before the run month or the funding start is infeasible (``deadline_before_start``).

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
    run, bstart = _run_and_budget_months(run_month, budget_start)
    rows = []
    for inp in inputs:
        st = _month(start) if start is not None else bstart
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
                ch = _prepare([inp], scens, months, bstart)
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
            fmt = {
                "target": f"{target * 100:g} %",
                "deadline": str(dl),
                "start": str(st),
                "run": str(run),
            }
            if dl < st or dl < run:
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
                        pace=f"{res['enrolment_pace_per_village_month']:.3g}",
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
