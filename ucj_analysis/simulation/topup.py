""":func:`solve_topup`: the smallest regency top-up, targeted to villages, that reaches a target.

Given a scenario with a village rule (each desa pays a share of its ADD, a quota, its own
budget line ...) for a regency with a village file, the regency (APBD) adds ``T`` rupiah a year,
paid by the regency directly for the workers of chosen villages (:class:`VillageTopUp`: no
village realisation or arrears; the top-up enrols a village's uncovered workers before the
village's own money does).

Allocation of ``T`` (targeted): each village's *gap* is its uncovered workers (the village file;
the villages without a figure share the rest of the regency's uncovered pool evenly) minus the
places its own money reliably fills in the first funded month (places x the central budget
realisation, 1 for a village with a payment history, x the expected share of the year not in
arrears: ``1 - late x arrears_months / 12`` with ``late`` its history's posterior mean or the
regency's arrears share), in rupiah a year (x 12 x rate). The money
always goes to the village whose remaining gap is largest, so the largest gaps are brought down
to a common level ``lambda`` (water filling): ``topup_v = max(gap_v - lambda, 0)`` with
``sum_v topup_v = T``. Money beyond the total gap replaces village money (which may lapse into
arrears) in proportion to each village's uncovered workers. *Even*: ``T`` split over all
villages (desa and kelurahan) in equal parts.

Both allocations are non-decreasing in ``T`` village by village and the engine's coverage is
non-decreasing in each village's top-up draw by draw, so the probability of reaching the
target is non-decreasing in ``T`` and a bracketing search on common random numbers finds the
smallest ``T`` (to ``rel_tol``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ucj_analysis.inputs import RegencyInputs
from ucj_analysis.scenarios import Scenario
from ucj_analysis.simulation.draws import parameter_draws
from ucj_analysis.simulation.kernel import _prepare, _run_chunk
from ucj_analysis.simulation.levers import _envelope, _month, _resolve, resolve_scenario
from ucj_analysis.simulation.simulate import _run_and_budget_months
from ucj_analysis.simulation.villages import VillageTopUp, plan_cell, village_rows_of

__all__ = ["TopUpResult", "solve_topup", "topup_scenario", "allocate_targeted", "allocate_even"]


def allocate_targeted(total: float, gap: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """Water filling of ``total`` over the largest gaps first. [Rp per year]

    Parameters
    ----------
    total : float
        Top-up. [Rp per year]
    gap : numpy.ndarray
        Each village's gap (uncovered workers its own money does not buy, in money). [Rp per
        year]
    pool : numpy.ndarray
        Each village's uncovered workers (the key for money beyond the total gap). [persons]

    Returns
    -------
    numpy.ndarray
        ``max(gap - lambda, 0)`` summing to ``total`` (``total <= sum(gap)``), else the gaps
        plus the excess in proportion to ``pool``. [Rp per year]
    """
    gap = np.maximum(np.asarray(gap, dtype=float), 0.0)
    total = max(float(total), 0.0)
    g_sum = float(gap.sum())
    if total >= g_sum:
        extra = total - g_sum
        p = np.maximum(np.asarray(pool, dtype=float), 0.0)
        key = p / p.sum() if p.sum() > 0 else np.full(len(gap), 1.0 / max(len(gap), 1))
        return gap + extra * key
    g = np.sort(gap)[::-1]
    csum = np.cumsum(g)
    # lambda between g[m] and g[m-1]: sum_{i<m} (g_i - lambda) = total
    m = np.arange(1, len(g) + 1)
    lam = (csum - total) / m
    ok = lam >= np.concatenate([g[1:], [0.0]])
    j = int(np.argmax(ok))
    return np.maximum(gap - max(lam[j], 0.0), 0.0)


def allocate_even(total: float, units: np.ndarray) -> np.ndarray:
    """``total`` in equal parts per village (a row of ``units`` villages gets ``units`` parts)."""
    u = np.asarray(units, dtype=float)
    return max(float(total), 0.0) * u / u.sum() if u.sum() > 0 else np.zeros(len(u))


def topup_scenario(
    sc: Scenario, amounts: Sequence[float], start: pd.Period | None = None, id: str | None = None
) -> Scenario:
    """``sc`` with a regency top-up of ``amounts`` [Rp per year] per village row (file order,
    then the villages the file does not list)."""
    lv = VillageTopUp(start=start, amounts_rp_per_year=tuple(float(a) for a in amounts))
    return sc.with_levers(*sc.levers, lv, id=id or f"{sc.id}_topup")


@dataclass
class TopUpResult:
    """What :func:`solve_topup` returns.

    Attributes
    ----------
    summary : pandas.DataFrame
        One row per deadline x probability level: ``regency, scenario, target, deadline,
        probability, feasible, topup_rp_per_year`` (targeted), ``achieved_probability``,
        ``villages_receiving`` [count of village rows with a top-up],
        ``even_probability_same_money`` (the same money spread evenly),
        ``topup_even_rp_per_year`` (the even amount needed; NaN if none within the bound),
        ``achieved_probability_even``, ``reason_code`` (``ok``, ``no_topup_needed``,
        ``deadline_before_start``, ``unreachable``).
    villages : pandas.DataFrame
        One row per deadline x probability level x village row: ``regency, deadline,
        probability, row`` (file row, -1 = villages not listed), ``code, name, kecamatan,
        gap_rp_per_year`` (its gap at the start), ``topup_rp_per_year`` (targeted),
        ``topup_even_rp_per_year`` (the targeted total spread evenly). [Rp per year]
    start : pandas.Period
        First month of the top-up.
    scenario : Scenario
        The base scenario.
    """

    summary: pd.DataFrame
    villages: pd.DataFrame
    start: pd.Period
    scenario: Scenario

    def scenario_for(self, deadline, probability: float, *, even: bool = False) -> Scenario:
        """The base scenario with the answer's top-up (to feed back into the engine)."""
        d = _month(deadline)
        v = self.villages
        sel = (v["deadline"] == d) & np.isclose(v["probability"], probability)
        col = "topup_even_rp_per_year" if even else "topup_rp_per_year"
        if even:
            s = self.summary
            row = s[(s["deadline"] == d) & np.isclose(s["probability"], probability)].iloc[0]
            amounts = allocate_even(row["topup_even_rp_per_year"], v.loc[sel, "villages"])
        else:
            amounts = v.loc[sel, col].to_numpy()
        return topup_scenario(self.scenario, amounts, self.start)


def _keys(inp: RegencyInputs, sc: Scenario, months, bstart, start):
    """Per village row (file order, then unlisted): gap [Rp per year], pool [persons], units."""
    p = _resolve(sc, inp)
    rate = inp.rate_at(months)
    k0 = int(np.clip(start.ordinal - months[0].ordinal, 0, len(months) - 1))
    plan = plan_cell(
        inp,
        sc,
        months,
        bstart,
        rate=rate,
        cf=rate,
        reach=1.0,
        annual=p.annual,
        pay=np.zeros(len(months), dtype=bool),
        rho=p.rho,
    )
    nd = plan.nd
    pool0 = inp.workforce0 * (1.0 - inp.coverage0)
    pool = np.empty(len(plan.order))
    pool[:nd] = plan.w * pool0
    ug = plan.units_all[nd:]
    pool[nd:] = plan.g_weight * pool0 * (ug / ug.sum() if ug.sum() > 0 else 0.0)
    places = plan.K[min(k0, len(months) - 1)].astype(float)
    if plan.gap_on[k0]:
        places = np.maximum(places, pool)
    # places the village's own money reliably fills: central realisation (1 with a payment
    # history) x the expected share of the year not in arrears
    res = resolve_scenario(sc, inp)
    real = np.where(plan.history, 1.0, res["budget_realisation_mean_pct"] / 100.0)
    a, b = plan.p_hist
    late = np.where(plan.history, a / (a + b), res["arrears_share_pct"] / 100.0)
    months_unpaid = min(max(float(res["arrears_months"]), 0.0), 12.0) / 12.0
    reliable = places * real * (1.0 - late * months_unpaid)
    rate12 = 12.0 * float(rate[k0])
    gap = np.maximum(pool - np.minimum(reliable, pool), 0.0) * rate12
    rows = np.concatenate([np.argsort(plan.order[:-1]), [len(plan.order) - 1]]).astype(int)
    return gap[rows], pool[rows], plan.units_all[rows]


def solve_topup(
    inputs: RegencyInputs,
    trend: Mapping[str, Any],
    scenario: Scenario,
    *,
    target: float = 0.995,
    deadline: str | pd.Period | Sequence[str | pd.Period] = "2030-12",
    probability: float | Sequence[float] = (0.5, 0.8),
    start: str | pd.Period | None = None,
    n_draws: int = 1000,
    seed: int = 20251,
    trend_damping: float | None = None,
    rel_tol: float = 1e-3,
    grid: int = 7,
    run_month: str | pd.Period | None = None,
    budget_start: str | pd.Period | None = None,
) -> TopUpResult:
    """Smallest regency top-up [Rp per year], targeted to villages, reaching ``target``.

    Parameters
    ----------
    inputs : RegencyInputs
        A regency with a village file (``inputs.villages``).
    trend : dict of str to array
        Regency -> annual logit-slope draws.
    scenario : Scenario
        The village rule (and any other levers) the top-up is added to.
    target : float
        [proportion 0-1]
    deadline : str, Period or sequence
        [YYYY-MM]
    probability : float or sequence of float
        Required probabilities of reaching the target by the deadline.
    start : str or Period, optional
        First month of the top-up; default the budget start.
    n_draws, seed, trend_damping, run_month, budget_start :
        As in :func:`ucj_analysis.engine.simulate` (same seed: the same draws).
    rel_tol : float
        Relative tolerance of the amount.
    grid : int
        Candidates evaluated together per refinement round.

    Returns
    -------
    TopUpResult
    """
    inp = inputs
    vr = village_rows_of(inp)
    if vr is None:
        raise ValueError(f"{inp.regency}: a targeted top-up needs the regency's village file")
    deadlines = [deadline] if isinstance(deadline, str | pd.Period) else list(deadline)
    deadlines = [_month(d) for d in deadlines]
    probs = [probability] if np.isscalar(probability) else list(probability)
    run, bstart = _run_and_budget_months(run_month, budget_start)
    st = _month(start) if start is not None else bstart
    draws = [parameter_draws(inp, trend[inp.regency], n_draws, seed)]
    horizon = max([*deadlines, st, inp.start_month])
    months_all = pd.period_range(inp.start_month, horizon, freq="M")
    gap, pool, units = _keys(inp, scenario, months_all, bstart, st)
    n = len(vr)
    rows, vrows = [], []
    for dl in deadlines:
        months = pd.period_range(inp.start_month, max(dl, inp.start_month), freq="M")
        kd = len(months) - 1
        env = float(_envelope(inp, np.array([kd]))[0])
        hi_b = 12.0 * float(np.max(inp.rate_at(months))) * env * 1.01

        def prob_of(amounts_list, months=months, kd=kd):
            scens = [
                topup_scenario(scenario, a, st, id=f"c{j}") for j, a in enumerate(amounts_list)
            ]
            ch = _prepare([inp], scens, months, bstart)
            out = _run_chunk(ch, draws, targets=[target], damping=trend_damping, last_k=kd)
            h = out["hits"][0, 0]
            return np.mean((h >= 0) & (h <= kd), axis=-1)

        def search(alloc, p, p_lo, p_hi, hi_b=hi_b):
            """Smallest total with probability >= p (None if the bound is not enough)."""
            if p_lo >= p:
                return 0.0, p_lo
            if p_hi < p:
                return None, p_hi
            lo, hi, phi = 0.0, hi_b, p_hi
            while hi - lo > max(rel_tol * hi, 1.0):
                cand = np.linspace(lo, hi, grid + 2)[1:-1]
                pr = prob_of([alloc(c) for c in cand])
                ok = np.nonzero(pr >= p)[0]
                if ok.size:
                    j = int(ok[0])
                    hi, phi = float(cand[j]), float(pr[j])
                    lo = float(cand[j - 1]) if j > 0 else lo
                else:
                    lo = float(cand[-1])
            return hi, phi

        def targeted(t):
            return allocate_targeted(t, gap, pool)

        def even(t):
            return allocate_even(t, units)

        common = {"regency": inp.regency, "scenario": scenario.id, "target": target}
        if dl < st or dl < run:
            for p in probs:
                rows.append(
                    {
                        **common,
                        "deadline": dl,
                        "probability": float(p),
                        "feasible": False,
                        "topup_rp_per_year": np.nan,
                        "achieved_probability": np.nan,
                        "villages_receiving": 0,
                        "even_probability_same_money": np.nan,
                        "topup_even_rp_per_year": np.nan,
                        "achieved_probability_even": np.nan,
                        "reason_code": "deadline_before_start",
                    }
                )
            continue
        p0, p_hi_t, p_hi_e = prob_of([np.zeros(n + 1), targeted(hi_b), even(hi_b)])
        for p in probs:
            t_amt, t_p = search(targeted, p, p0, p_hi_t)
            e_amt, e_p = search(even, p, p0, p_hi_e)
            if t_amt is None:
                alloc_t = np.full(n + 1, np.nan)
                p_same = np.nan
                code = "unreachable"
            else:
                alloc_t = targeted(t_amt)
                p_same = float(prob_of([even(t_amt)])[0])
                code = "no_topup_needed" if t_amt == 0 else "ok"
            rows.append(
                {
                    **common,
                    "deadline": dl,
                    "probability": float(p),
                    "feasible": t_amt is not None,
                    "topup_rp_per_year": np.nan if t_amt is None else t_amt,
                    "achieved_probability": t_p,
                    "villages_receiving": int(np.sum(np.nan_to_num(alloc_t) > 0)),
                    "even_probability_same_money": p_same,
                    "topup_even_rp_per_year": np.nan if e_amt is None else e_amt,
                    "achieved_probability_even": e_p,
                    "reason_code": code,
                }
            )
            even_same = even(t_amt) if t_amt is not None else np.full(n + 1, np.nan)
            vrows.append(
                pd.DataFrame(
                    {
                        "regency": inp.regency,
                        "deadline": dl,
                        "probability": float(p),
                        "row": np.concatenate([np.arange(n), [-1]]),
                        "code": [*vr.code, ""],
                        "name": [*vr.name, ""],
                        "kecamatan": [*vr.kecamatan, ""],
                        "villages": units,
                        "gap_rp_per_year": gap,
                        "topup_rp_per_year": alloc_t,
                        "topup_even_rp_per_year": even_same,
                    }
                )
            )
    summary = pd.DataFrame(rows)
    summary["deadline"] = pd.array(list(summary["deadline"]), dtype="period[M]")
    villages = pd.concat(vrows, ignore_index=True) if vrows else pd.DataFrame()
    if not villages.empty:
        villages["deadline"] = pd.array(list(villages["deadline"]), dtype="period[M]")
    return TopUpResult(summary=summary, villages=villages, start=st, scenario=scenario)
