"""A scenario's parameters and the monthly capacity of each of its levers.

:func:`resolve_scenario` falls back to the regency's central assumptions for what a scenario
leaves out; ``_lever_capacity`` turns a lever into persons per month (money / (12 x rate) for
money levers, the quota, cohort or kitchen staff for person levers), capped later at the
workforce envelope ``_envelope``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ucj_analysis.inputs import UNCERTAIN_PARAMETERS, RegencyInputs
from ucj_analysis.scenarios import Lever, Scenario

__all__ = ["resolve_scenario"]


_ENVELOPE_SD = 4.0  # workforce envelope = mean growth + 4 sd


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
    elif kind in ("fund_gap", "village_budgets", "village_topup"):
        # fund_gap: the pool of each draw; village_budgets and village_topup: per village
        # (simulation.villages), nothing without a village file
        cap = np.zeros(len(months))
    else:  # pragma: no cover - validated earlier
        raise ValueError(f"unknown lever type {kind!r}")
    return np.where(on, cap, 0.0), on
