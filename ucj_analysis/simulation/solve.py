""":func:`solve_budget`: the yearly amount a payer must budget to reach a target by a deadline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from ucj_analysis.inputs import RegencyInputs
from ucj_analysis.scenarios import FundGap, Lever, Scenario, ShareOfFund, Text
from ucj_analysis.simulation.draws import parameter_draws
from ucj_analysis.simulation.kernel import _prepare, _run_chunk
from ucj_analysis.simulation.levers import _envelope, _month, resolve_scenario
from ucj_analysis.simulation.simulate import _run_and_budget_months

__all__ = ["BudgetAmount", "solve_budget"]


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
