""":func:`simulate`: run the model for regencies x scenarios and assemble the result frames."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ucj_analysis.inputs import RegencyInputs
from ucj_analysis.scenarios import Scenario
from ucj_analysis.simulation.draws import parameter_draws
from ucj_analysis.simulation.kernel import _prepare, _run_chunk
from ucj_analysis.simulation.levers import _month
from ucj_analysis.simulation.result import VARIABLES, SimulationResult
from ucj_analysis.simulation.villages import village_counts, village_rows_of

__all__ = ["simulate"]


_TARGET_ELEMENTS = 40_000  # regencies x scenarios x draws per chunk: small arrays stay in cache


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
    warnings: list[dict] = []
    village_rows: list[pd.DataFrame] = []
    for start, idx in groups.items():
        months = pd.period_range(start, horizon, freq="M")
        T = len(months) - 1
        k_run = min(max(run.ordinal - start.ordinal, 0), T)
        k_dl = {dl: dl.ordinal - start.ordinal for dl in deadline_p}
        k_dl = {dl: kd for dl, kd in k_dl.items() if 1 <= kd <= T}
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
                village_months=tuple(k_dl.values()),
            )
            for (ri, si), plan in ch.village.items():
                warnings += [w for w in plan.warnings if w not in warnings]
                village_rows += _village_rows(
                    out["villages"], ri, si, sub[ri], scen_list[si], plan, k_dl
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
        village_table=(
            pd.concat(village_rows, ignore_index=True) if village_rows else pd.DataFrame()
        ),
        villages_from_data={inp.regency: village_counts(inp)[0] for inp in inputs},
        villages_assumed={inp.regency: village_counts(inp)[1] for inp in inputs},
        warnings=warnings,
    )


def _village_rows(snaps, ri, si, inp, sc, plan, k_dl) -> list[pd.DataFrame]:
    """Rows of ``village_table`` for one regency x scenario (see :class:`SimulationResult`)."""
    vr = village_rows_of(inp)
    n = len(vr)
    out = []
    unc = np.asarray(vr.uncovered, dtype=float)
    paid = np.asarray(vr.paid_until, dtype=float)
    paid_p = [pd.Period(ordinal=int(x), freq="M") if np.isfinite(x) else pd.NaT for x in paid] + [
        pd.NaT
    ]
    units = np.concatenate([np.ones(n), [plan.units_all[-1]]])
    for dl, kd in k_dl.items():
        snap = snaps.get((ri, si, kd))
        if snap is None:
            continue
        rate12 = 12.0 * plan.rate[kd]
        df = pd.DataFrame(
            {
                "regency": inp.regency,
                "scenario": sc.id,
                "deadline": dl,
                "row": np.concatenate([np.arange(n), [-1]]),
                "code": [*vr.code, ""],
                "name": [*vr.name, ""],
                "kecamatan": [*vr.kecamatan, ""],
                "is_kelurahan": np.concatenate([np.asarray(vr.is_kelurahan, bool), [False]]),
                "from_data": np.concatenate([np.isfinite(unc) & (unc >= 0), [False]]),
                "villages": units,
                "pool_p50": snap["pool"],
                "funded_p50": snap["funded"],
                "funded_own_p50": snap["funded_own"],
                "funded_topup_p50": snap["funded_topup"],
                "gap_p50": np.maximum(snap["pool"] - snap["funded"], 0.0),
                "places_own": snap["places_own"],
                "covers": snap["places_own"] >= snap["pool"] - 1e-6,
                "rp_per_year": snap["places_own"] * rate12,
                "topup_rp_per_year": snap["places_topup"] * rate12,
                "arrears_share": snap["arrears_share"],
                "paid_until": pd.array(paid_p, dtype="period[M]"),
                "late_years": np.concatenate([np.asarray(vr.late_years, float), [np.nan]]),
                "history_years": np.concatenate([np.asarray(vr.history_years, float), [np.nan]]),
            }
        )
        df["deadline"] = pd.array([dl] * len(df), dtype="period[M]")
        out.append(df)
    return out


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
