"""Engine against a straightforward vectorised-numpy implementation and the per-draw loop.

Run: ``.venv/bin/python benchmarks/bench_engine_numpy.py [--repeats 3] [--quick]``

The baseline a competent engineer writes from the model description in
``ucj_analysis/engine.py`` (:func:`numpy_simulate` below): a Python loop over regencies and
months, numpy arrays over scenarios x draws, the lever capacities per scenario and month
computed up front, quantiles with ``np.quantile`` per month. It is fed the same synthetic
inputs and the same random numbers (``engine.parameter_draws``) as the engine and as the
per-draw pure-Python loop of ``benchmarks/bench_engine.py`` (``reference_simulate``), and all
three must agree (path quantiles and the month each draw reaches the target).

Two subsets, measured in the same run with the ways interleaved, ``--repeats`` times each
(CPU time of this process, ``time.process_time``; min / median / max):

* **small**: 12 regencies (four per start month) x 7 presets x 250 draws, monthly to Dec 2045:
  the per-draw loop, the numpy baseline and the engine on the *same* work;
* **mid**: 24 regencies x 7 presets x 1,000 draws: the numpy baseline and the engine (the loop
  would take minutes per repeat).

Ratios are ``baseline / engine`` per repeat. A profile of the engine on the mid subset
(``cProfile``, top functions by own time) says which operations dominate.

Results: ``benchmarks/results/bench_engine_numpy.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import os
import platform
import pstats
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.special import ndtr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_engine import (  # noqa: E402
    HORIZON,
    QUANTILES,
    RUN,
    SEED,
    TARGETS,
    _fund,
    _rate,
    compare,
    preset_scenarios,
    reference_simulate,
    synthetic_inputs,
)

from ucj_analysis.engine import VARIABLES, parameter_draws, resolve_scenario, simulate  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


# ------------------------------------------------------------------------------------------
# the baseline: loop over regencies x months, numpy over scenarios x draws
# ------------------------------------------------------------------------------------------
def _hazard(pct):
    """Monthly hazard of an annual percentage (1 at 100 % and above)."""
    pct = np.asarray(pct, dtype=float)
    x = np.clip(pct / 100, 0.0, 1.0)
    return np.where(pct < 100, 1 - (1 - x) ** (1 / 12), 1.0)


def _capacities(sc, inp, months, rates, env, budget_start):
    """Fixed monthly capacity of village and other levers, and the months a gap lever pays."""
    T1 = len(months)
    Kv, Ko = np.zeros(T1), np.zeros(T1)
    gap_v, gap_o = np.zeros(T1, bool), np.zeros(T1, bool)
    for lv in sc.levers:
        start = budget_start if lv.start is None else lv.start
        for k in range(1, T1):
            m = months[k]
            if m < start or (lv.end is not None and m > lv.end):
                continue
            grow = (1 + lv.growth_pct_per_year / 100) ** ((m.ordinal - start.ordinal) / 12)
            if lv.kind == "share_of_fund":
                table = inp.dd_per_year if lv.fund == "DD" else inp.add_per_year
                cap = min(lv.share_pct / 100 * grow, 1.0) * _fund(table, m.year) / (12 * rates[k])
            elif lv.kind in ("apbd_amount", "budget_amount"):
                cap = lv.amount_rp_per_year * grow / (12 * rates[k])
            elif lv.kind == "quota_per_village":
                n = inp.n_desa + (inp.n_kelurahan if lv.include_kelurahan else 0)
                cap = lv.persons_per_desa * n * grow
            elif lv.kind == "fixed_cohort":
                cap = lv.persons * grow
            elif lv.kind == "sppg_kitchens":
                cap = lv.kitchens * lv.workers_per_kitchen * grow
            else:  # fund_gap: sized to the pool month by month
                cap = 0.0
                (gap_v if lv.payer == "village" else gap_o)[k] = True
            (Kv if lv.payer == "village" else Ko)[k] += cap
    return np.minimum(Kv, env), np.minimum(Ko, env), gap_v, gap_o


def numpy_simulate(inputs, scenarios, trend, n_draws, seed, horizon=HORIZON, run=RUN):
    """The model with numpy over scenarios x draws. Returns (paths, hits) like the loop's."""
    paths, hits = {}, {}
    end = pd.Period(horizon, freq="M")
    run = pd.Period(run, freq="M")
    budget_start = pd.Period(year=run.year + 1, month=1, freq="M")
    scen = list(scenarios.values())
    for inp in inputs:
        _one_regency(inp, scen, trend, n_draws, seed, end, run, budget_start, paths, hits)
    return paths, hits


def _one_regency(inp, scen, trend, n_draws, seed, end, run, budget_start, paths, hits):
    """One regency: a loop over months, arrays of scenarios x draws; fills paths and hits."""
    target = TARGETS[0]
    q = np.array(QUANTILES)
    dr = parameter_draws(inp, trend[inp.regency], n_draws, seed)
    months = pd.period_range(inp.start_month, end, freq="M")
    T = len(months) - 1
    k_run = min(max(run.ordinal - inp.start_month.ordinal, 0), T)
    rates = np.array([_rate(inp, m) for m in months])
    g_env = max(inp.workforce_growth + 4.0 * inp.workforce_growth_sd, 0.0)
    env = inp.workforce0 * (1 + g_env) ** (np.arange(T + 1) / 12)
    h0 = 1 - (1 - inp.lapse_organic_pct_per_year / 100) ** (1 / 12)
    c0 = inp.coverage0
    cc = min(max(c0, 1e-9), 1 - 1e-9)
    L0 = math.log(cc / (1 - cc))
    P = [resolve_scenario(sc, inp) for sc in scen]

    def col(values, dtype=float):
        return np.asarray(values, dtype=dtype)[:, None]  # (S, 1)

    h_o = col([float(_hazard(p["lapse_organic_pct_per_year"])) for p in P])
    rho = col([1.0 if p["enrolment_months"] <= 0 else 1 - math.exp(-1 / p["enrolment_months"])
               for p in P])  # fmt: skip
    annual = col([p["payment_cycle"] == "annual" for p in P], bool)
    pm = col([p["payment_month"] for p in P])
    vil = [[lv for lv in sc.levers if lv.payer == "village"] for sc in scen]
    inc_kel = [any(getattr(lv, "include_kelurahan", False) for lv in v) for v in vil]
    reach = col([1.0 if k else inp.desa_pool_share for k in inc_kel])
    targeted = col([any(lv.kind == "fund_gap" for lv in v) for v in vil], bool)
    units_v = col([inp.n_desa + (inp.n_kelurahan if k else 0) for k in inc_kel])
    units_o = inp.n_desa + inp.n_kelurahan
    caps = [_capacities(sc, inp, months, rates, env, budget_start) for sc in scen]
    Kv, Ko, gap_v, gap_o = (np.stack([c[j] for c in caps]) for j in range(4))  # (S, T+1)
    month_no = np.array([m.month for m in months])
    costf = np.where(annual, np.where(month_no == pm, 12 * rates, 0.0), rates)

    def value(name):  # (S, D): the scenario's own value, else the draw
        own = [getattr(sc, name) for sc in scen]
        return np.stack([dr[name] if o is None else np.full(n_draws, float(o)) for o in own])

    r = np.stack(
        [
            dr["budget_realisation_mean_pct"] / 100
            if sc.budget_realisation_mean_pct is None
            else sc.budget_realisation_mean_pct / 100
            + (sc.budget_realisation_sd_pct or 0.0) / 100 * dr["z_realisation"]
            for sc in scen
        ]
    ).clip(0.0, 1.0)
    h_f = _hazard(value("lapse_funded_pct_per_year"))
    a_share = np.clip(value("arrears_share_pct") / 100, 0.0, 1.0)
    am = np.clip(value("arrears_months"), 0.0, 12.0)
    pace = np.maximum(value("enrolment_pace_per_village_month"), 0.0)
    cv = np.asarray(dr["village_pool_cv"], dtype=float)
    sigma = np.where(targeted, 0.0, np.maximum(np.sqrt(np.log(1 + cv**2)), 1e-7))
    soft = ~targeted & (max(inp.range_of("village_pool_cv")) > 0)
    s2 = sigma**2 / 2
    slope = np.asarray(dr["slope"], dtype=float)
    gw = (1 + np.asarray(dr["growth"], dtype=float)) ** (1 / 12)
    cap_o, cap_v = pace * units_o, pace * units_v

    S, D = len(scen), n_draws
    W = np.full(D, inp.workforce0)
    Otr = W * c0
    org = np.broadcast_to(W * c0, (S, D)).copy()
    Sv, So = np.zeros((S, D)), np.zeros((S, D))
    first = np.full((S, D), 0 if c0 >= target else -1)
    stats = {v: np.empty((T + 1, S, len(q) + 1)) for v in VARIABLES}

    def keep(k, name, x):
        x = np.broadcast_to(x, (S, D))
        stats[name][k, :, :-1] = np.quantile(x, q, axis=-1).T
        stats[name][k, :, -1] = x.mean(axis=-1)

    def fill(S_prev, K, cap, pay):
        s_l = S_prev * (1 - h_f)
        opn = np.maximum(K - s_l, 0.0)
        new = np.where(annual, np.where(pay, np.minimum(opn, 12 * cap), 0.0),
                       np.minimum(rho * opn, cap))  # fmt: skip
        return np.minimum(s_l + new, K)

    for name, x in (("coverage", c0), ("active", W * c0), ("funded", 0.0),
                    ("organic", W * c0), ("workforce", W), ("cost_rp", 0.0)):  # fmt: skip
        keep(0, name, x)
    for k in range(1, T + 1):
        W = W * gw
        Otr_new = W / (1 + np.exp(-(L0 + slope * (k / 12))))
        gin = np.maximum(Otr_new - (1 - h0) * Otr, 0.0)
        Otr = Otr_new
        org = np.minimum(org * (1 - h_o) + gin, W)
        pool = W - org
        pay = month_no[k] == pm
        ko = Ko[:, k : k + 1]
        K_o = np.where(gap_o[:, k : k + 1], np.maximum(ko, pool), ko)
        So = fill(So, K_o, cap_o, pay)
        Fo = np.minimum(So, pool)
        Pr = (pool - Fo) * reach
        K_v = np.where(gap_v[:, k : k + 1], np.maximum(Kv[:, k : k + 1], Pr), Kv[:, k : k + 1])
        Sv = fill(Sv, K_v, cap_v, pay)
        Fv = np.minimum(Sv, Pr)
        m = soft & (Sv > 0) & (Pr > 0)
        if m.any():
            with np.errstate(divide="ignore", invalid="ignore"):
                lx = np.log(Sv / Pr)
                m_soft = Pr * ndtr((lx - s2) / sigma) + Sv * ndtr(-(lx + s2) / sigma)
            Fv = np.where(m, np.minimum(m_soft, Fv), Fv)
        Fv = Fv * r
        w = np.clip(am - (month_no[k] - pm) % 12, 0.0, 1.0)
        funded = Fo + Fv * (1 - a_share * w)
        active = org + funded
        cov = active / W
        first[(first < 0) & (cov >= target)] = max(k, k_run)
        unpaid = np.where(annual, np.where(pay, am, 0.0), w)
        spend = (Fo + Fv) * costf[:, k : k + 1] - a_share * unpaid * Fv * rates[k]
        for name, x in (("coverage", cov), ("active", active), ("funded", funded),
                        ("organic", org), ("workforce", W), ("cost_rp", spend)):  # fmt: skip
            keep(k, name, x)
    first[(first >= 0) & (first < k_run)] = k_run
    for si, sc in enumerate(scen):
        for v in VARIABLES:
            paths[(inp.regency, sc.id, v)] = stats[v][:, si, :].tolist()
        hits[(inp.regency, sc.id)] = first[si].tolist()


# ------------------------------------------------------------------------------------------
# runs
# ------------------------------------------------------------------------------------------
def cpu(fn):
    t0 = time.process_time()
    out = fn()
    return out, time.process_time() - t0


def spread(values: list[float], digits: int = 3) -> dict:
    return {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "values": [round(v, digits) for v in values],
    }


def agreement(a_paths, a_hits, b_paths, b_hits) -> tuple[float, int]:
    """Largest relative difference of path statistics, and first hits differing."""
    worst = 0.0
    for key, rows in a_paths.items():
        x, y = np.asarray(rows), np.asarray(b_paths[key])
        scale = np.maximum(np.abs(y), 1.0 if key[2] != "coverage" else 1e-3)
        worst = max(worst, float(np.max(np.abs(x - y) / scale)))
    diff = sum(int(np.sum(np.asarray(h) != np.asarray(b_hits[k]))) for k, h in a_hits.items())
    return worst, diff


def engine_profile(inputs, scen, trend, n_draws, top: int = 12) -> list[dict]:
    """Own time of the engine's most expensive functions (cProfile)."""
    prof = cProfile.Profile()
    prof.enable()
    simulate(inputs, scen, trend, n_draws=n_draws, seed=SEED, horizon_end=HORIZON,
             target=TARGETS, run_month=RUN)  # fmt: skip
    prof.disable()
    st = pstats.Stats(prof, stream=io.StringIO())
    total = sum(v[2] for v in st.stats.values())
    rows = sorted(st.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    return [
        {
            "function": f"{Path(f).name}:{line}({name})",
            "calls": int(v[1]),
            "own_ms": round(1000 * v[2]),
            "share_pct": round(100 * v[2] / total, 1),
        }
        for (f, line, name), v in rows
    ]


def main(repeats: int, quick: bool) -> dict:
    scen = preset_scenarios()
    S = len(scen)
    n_small, d_small = (3, 60) if quick else (12, 250)
    n_mid, d_mid = (12, 300) if quick else (24, 1000)
    inputs, trend = synthetic_inputs(max(n_mid, n_small))
    small, mid = inputs[:n_small], inputs[:n_mid]
    end = pd.Period(HORIZON, freq="M")

    def draw_months(sub, d):
        return S * d * sum(end.ordinal - i.start_month.ordinal for i in sub)

    def engine(sub, d):
        return simulate(sub, scen, trend, n_draws=d, seed=SEED, horizon_end=HORIZON,
                        target=TARGETS, run_month=RUN)  # fmt: skip

    load_start = os.getloadavg()[0]
    t = {k: [] for k in ("loop_small", "numpy_small", "engine_small", "numpy_mid", "engine_mid")}
    for _ in range(repeats):
        (ref_p, ref_h), dt = cpu(lambda: reference_simulate(small, scen, trend, d_small, SEED))
        t["loop_small"].append(dt)
        (np_p, np_h), dt = cpu(lambda: numpy_simulate(small, scen, trend, d_small, SEED))
        t["numpy_small"].append(dt)
        res_small, dt = cpu(lambda: engine(small, d_small))
        t["engine_small"].append(dt)
        (np_mid_p, np_mid_h), dt = cpu(lambda: numpy_simulate(mid, scen, trend, d_mid, SEED))
        t["numpy_mid"].append(dt)
        res_mid, dt = cpu(lambda: engine(mid, d_mid))
        t["engine_mid"].append(dt)
    # agreement: numpy vs loop (same arithmetic), engine vs numpy, engine vs loop
    np_vs_loop, np_vs_loop_hits = agreement(np_p, np_h, ref_p, ref_h)
    eng_vs_np = compare(res_small, np_p, np_h)
    eng_vs_np_mid = compare(res_mid, np_mid_p, np_mid_h)
    eng_vs_loop = compare(res_small, ref_p, ref_h)
    profile = engine_profile(mid, scen, trend, d_mid)

    def ratios(a, b):
        return spread([x / y for x, y in zip(t[a], t[b], strict=True)], 1)

    out = {
        "benchmark": "bench_engine_numpy",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "quick": quick,
        "repeats": repeats,
        "machine": {"python": platform.python_version(), "numpy": np.__version__, "cpus": 2},
        "load_avg_1min_at_start": round(load_start, 2),
        "load_avg_1min_at_end": round(os.getloadavg()[0], 2),
        "small": {
            "regencies": n_small,
            "scenarios": S,
            "draws": d_small,
            "draw_months": draw_months(small, d_small),
            "cpu_seconds": {k: spread(t[f"{k}_small"]) for k in ("loop", "numpy", "engine")},
            "ratio_loop_over_engine": ratios("loop_small", "engine_small"),
            "ratio_numpy_over_engine": ratios("numpy_small", "engine_small"),
            "ratio_loop_over_numpy": ratios("loop_small", "numpy_small"),
        },
        "mid": {
            "regencies": n_mid,
            "scenarios": S,
            "draws": d_mid,
            "draw_months": draw_months(mid, d_mid),
            "cpu_seconds": {k: spread(t[f"{k}_mid"]) for k in ("numpy", "engine")},
            "ratio_numpy_over_engine": ratios("numpy_mid", "engine_mid"),
        },
        "agreement": {
            "numpy_vs_loop_max_rel_diff": np_vs_loop,
            "numpy_vs_loop_first_hits_differing": np_vs_loop_hits,
            "engine_vs_numpy_small": {
                "max_rel_diff": eng_vs_np[0],
                "values": eng_vs_np[1],
                "first_hits_differing": eng_vs_np[2],
                "first_hits": eng_vs_np[3],
            },  # fmt: skip
            "engine_vs_numpy_mid": {
                "max_rel_diff": eng_vs_np_mid[0],
                "values": eng_vs_np_mid[1],
                "first_hits_differing": eng_vs_np_mid[2],
                "first_hits": eng_vs_np_mid[3],
            },  # fmt: skip
            "engine_vs_loop_small": {
                "max_rel_diff": eng_vs_loop[0],
                "first_hits_differing": eng_vs_loop[2],
            },  # fmt: skip
        },
        "targets": {"numpy_over_engine": 3, "loop_over_engine": 50},
        "engine_profile_mid": profile,
    }
    out["meets"] = {
        "numpy_3x_mid": out["mid"]["ratio_numpy_over_engine"]["median"] >= 3,
        "numpy_3x_small": out["small"]["ratio_numpy_over_engine"]["median"] >= 3,
        "loop_50x_small": out["small"]["ratio_loop_over_engine"]["median"] >= 50,
    }
    return out


def markdown(r: dict) -> str:
    s, m, a = r["small"], r["mid"], r["agreement"]

    def span(x: dict, unit: str = "") -> str:
        return f"{x['median']}{unit} ({x['min']}–{x['max']}{unit})"

    lines = [
        "# Engine against a vectorised-numpy baseline (`benchmarks/bench_engine_numpy.py`)",
        "",
        f"Measured {r['date']}, {r['repeats']} repeats with the ways interleaved; CPU seconds of "
        "the process, median (min–max); 1-minute load average "
        f"{r['load_avg_1min_at_start']} at the start, {r['load_avg_1min_at_end']} at the end "
        "(2 shared cores). Synthetic inputs, every preset scenario, monthly to Dec 2045."
        + (" **Quick mode.**" if r["quick"] else ""),
        "",
        "| subset | per-draw loop | numpy baseline | engine | loop / engine | numpy / engine |",
        "|---|---|---|---|---|---|",
        f"| small: {s['regencies']} regencies x {s['scenarios']} x {s['draws']} draws "
        f"({s['draw_months']:,} draw-months) | {span(s['cpu_seconds']['loop'], ' s')} | "
        f"{span(s['cpu_seconds']['numpy'], ' s')} | {span(s['cpu_seconds']['engine'], ' s')} | "
        f"{span(s['ratio_loop_over_engine'], 'x')} | {span(s['ratio_numpy_over_engine'], 'x')} |",
        f"| mid: {m['regencies']} regencies x {m['scenarios']} x {m['draws']} draws "
        f"({m['draw_months']:,} draw-months) | — | {span(m['cpu_seconds']['numpy'], ' s')} | "
        f"{span(m['cpu_seconds']['engine'], ' s')} | — | "
        f"{span(m['ratio_numpy_over_engine'], 'x')} |",
        "",
        f"Targets: numpy / engine >= 3x (met on mid: {r['meets']['numpy_3x_mid']}, on small: "
        f"{r['meets']['numpy_3x_small']}); loop / engine >= 50x on the same subset (met: "
        f"{r['meets']['loop_50x_small']}). The numpy baseline is "
        f"{span(s['ratio_loop_over_numpy'], 'x')} faster than the loop on the small subset.",
        "",
        "Agreement (same inputs and random numbers): numpy vs loop max relative difference "
        f"{a['numpy_vs_loop_max_rel_diff']:.3g}, first hits differing "
        f"{a['numpy_vs_loop_first_hits_differing']}; engine vs numpy (small) "
        f"{a['engine_vs_numpy_small']['max_rel_diff']:.3g} over "
        f"{a['engine_vs_numpy_small']['values']:,} statistics, "
        f"{a['engine_vs_numpy_small']['first_hits_differing']} of "
        f"{a['engine_vs_numpy_small']['first_hits']:,} first hits differ; (mid) "
        f"{a['engine_vs_numpy_mid']['max_rel_diff']:.3g}, "
        f"{a['engine_vs_numpy_mid']['first_hits_differing']} of "
        f"{a['engine_vs_numpy_mid']['first_hits']:,} first hits differ.",
        "",
        "Engine profile on the mid subset (cProfile, own time):",
        "",
        "| function | calls | own ms | share |",
        "|---|---|---|---|",
        *(
            f"| `{p['function']}` | {p['calls']} | {p['own_ms']} | {p['share_pct']} % |"
            for p in r["engine_profile_mid"]
        ),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    res = main(a.repeats, a.quick)
    if not a.quick:  # a quick run is a check, not a result
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "bench_engine_numpy.json").write_text(json.dumps(res, indent=2) + "\n")
        (RESULTS / "bench_engine_numpy.md").write_text(markdown(res))
    print(markdown(res))
