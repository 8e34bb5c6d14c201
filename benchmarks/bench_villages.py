"""Benchmark of the engine at village resolution against the same regency at regency level.

Run: ``.venv/bin/python benchmarks/bench_villages.py [--quick]``

One synthetic regency (SINTETIS, not a real one) of 300 desa + 10 kelurahan, 280 of them in a
village file with their uncovered workers, ADD and payment history (20 without a figure and the
10 kelurahan left to the spread assumption), 1,000 draws, monthly steps from the start
observation (Apr 2025) to Dec 2045, run month Nov 2026. The same inputs are run

1. at regency level (no village file: the lognormal spread of the pool across villages), and
2. at village resolution (the village file: each village's pool, places, pace and arrears),

through :func:`ucj_analysis.engine.simulate` with the report's defaults (quantile paths of every
variable, yearly money, three deadlines), for one scenario with a village lever (10 % of ADD)
and for every preset scenario. Each case is timed ``--repeats`` times (default 7) alternating
the two levels; min / median / max wall time and the ratio of the medians are reported. Also
timed once: the targeted top-up solver (``solve_topup``) for one deadline and two probability
levels. Wall times on a shared 2-core machine: the load of other processes is recorded.

Results: ``benchmarks/results/bench_villages.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ucj_analysis.engine import simulate  # noqa: E402
from ucj_analysis.inputs import RegencyInputs  # noqa: E402
from ucj_analysis.scenarios import PRESETS_PATH, validate_scenarios  # noqa: E402
from ucj_analysis.simulation.topup import solve_topup  # noqa: E402
from ucj_analysis.village_rows import VillageRows  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
HORIZON = "2045-12"
RUN = "2026-11"
SEED = 20251
N_DRAWS = 1000
N_DESA, N_KEL, N_LISTED, N_DATA = 300, 10, 280, 280
#: Ranges of the drawn parameters, as in ``data/assumptions.csv`` (canonical units).
RANGES = {
    "lapse_funded_pct_per_year": (5.0, 31.71),
    "arrears_share_pct": (5.0, 25.0),
    "arrears_months": (6.0, 12.0),
    "budget_realisation_mean_pct": (53.46, 100.0),
    "village_pool_cv": (0.25, 1.0),
    "enrolment_pace_per_village_month": (1.684, 16.667),
}


@dataclasses.dataclass(frozen=True)
class _Inputs(RegencyInputs):
    """Regency inputs with a village file (the loader's ``villages`` field)."""

    villages: VillageRows | None = None


def synthetic_regency(seed: int = 11) -> tuple[_Inputs, _Inputs, dict]:
    """The SINTETIS regency without and with its village file, and its trend-slope draws."""
    rng = np.random.default_rng(seed)
    w0, c0 = 250_000.0, 0.40
    pool0 = w0 * (1 - c0)
    unc = rng.lognormal(math.log(1.0), 0.6, N_LISTED)
    unc = unc / unc.sum() * pool0 * 0.93  # the listed desa hold 93 % of the pool
    unc[N_DATA:] = np.nan
    hist = np.where(rng.random(N_LISTED) < 0.6, rng.integers(1, 6, N_LISTED), np.nan)
    late = np.where(np.isfinite(hist), rng.binomial(np.nan_to_num(hist).astype(int), 0.15), np.nan)
    nan = np.full(N_LISTED, np.nan)
    villages = VillageRows(
        regency="Sintetis Desa",
        code=tuple(f"99.01.{i // 20 + 1:02d}.{2001 + i}" for i in range(N_LISTED)),
        name=tuple(f"Desa Sintetis {i:03d}" for i in range(N_LISTED)),
        kecamatan=tuple(f"Kecamatan {i // 20 + 1:02d}" for i in range(N_LISTED)),
        is_kelurahan=np.zeros(N_LISTED, dtype=bool),
        uncovered=unc,
        funded_now=nan.copy(),
        add_rp=rng.uniform(250e6, 550e6, N_LISTED),
        dd_rp=rng.uniform(600e6, 1100e6, N_LISTED),
        budget_rp=rng.uniform(20e6, 80e6, N_LISTED),
        paid_until=np.where(
            rng.random(N_LISTED) < 0.1,
            pd.Period("2026-06", freq="M").ordinal,
            pd.Period("2026-12", freq="M").ordinal,
        ).astype(float),
        late_years=late,
        history_years=hist,
        data_month=pd.Period("2026-06", freq="M"),
    )
    base = dict(
        regency="Sintetis Desa",
        province="Provinsi Sintetis",
        n_desa=N_DESA,
        n_kelurahan=N_KEL,
        start_month=pd.Period("2025-04", freq="M"),
        workforce0=w0,
        coverage0=c0,
        workforce_growth=0.012,
        dd_per_year={2025: 300e9, 2026: 290e9},
        add_per_year={2025: 120e9, 2026: 122e9},
        workforce_growth_sd=0.0057,
        lapse_organic_pct_per_year=19.93,
        lapse_funded_pct_per_year=10.0,
        arrears_share_pct=11.65,
        arrears_months=12,
        budget_realisation_mean_pct=90.0,
        village_pool_cv=0.5,
        desa_pool_share=0.95,
        enrolment_pace_per_village_month=8.333,
        ranges=RANGES,
    )
    trend = {"Sintetis Desa": rng.normal(0.15, 0.1, 1000)}
    return _Inputs(**base), _Inputs(villages=villages, **base), trend


def presets() -> dict:
    with open(PRESETS_PATH, encoding="utf-8") as fh:
        return validate_scenarios(yaml.safe_load(fh), PRESETS_PATH.name)


def _stats(xs: list[float]) -> dict:
    return {
        "min_s": min(xs),
        "median_s": statistics.median(xs),
        "max_s": max(xs),
        "repeats": len(xs),
        "all_s": xs,
    }


def main(quick: bool = False, repeats: int = 7) -> dict:
    inp_r, inp_v, trend = synthetic_regency()
    pre = presets()
    cases = {"add_10": {"add_10": pre["add_10"]}, "all_presets": pre}
    n_draws = 200 if quick else N_DRAWS
    kw = dict(n_draws=n_draws, seed=SEED, horizon_end=HORIZON, run_month=RUN)
    out_cases = {}
    for name, scen in cases.items():
        simulate(inp_v, scen, trend, **kw)  # warm-up (imports, caches)
        t_r, t_v, c_r, c_v = [], [], [], []
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            res_r = simulate(inp_r, scen, trend, **kw)
            t_r.append(time.perf_counter() - t0)
            c_r.append(time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            res_v = simulate(inp_v, scen, trend, **kw)
            t_v.append(time.perf_counter() - t0)
            c_v.append(time.process_time() - c0)
        sr, sv = _stats(t_r), _stats(t_v)
        sr["cpu"], sv["cpu"] = _stats(c_r), _stats(c_v)
        prob = {
            lvl: r.prob_by_deadline.set_index(["scenario", "deadline"])["probability"]
            .rename(index=str, level="deadline")
            .to_dict()
            for lvl, r in (("regency", res_r), ("village", res_v))
        }
        cov = {}
        for lvl, r in (("regency", res_r), ("village", res_v)):
            p = r.paths
            sel = (p.variable == "coverage") & (p.month == pd.Period("2030-12", freq="M"))
            cov[lvl] = p[sel].set_index("scenario")["p50"].astype(float).round(4).to_dict()
        out_cases[name] = {
            "scenarios": list(scen),
            "village_cells": sum(
                any(lv.payer == "village" for lv in s.levers) for s in scen.values()
            ),
            "regency_level": sr,
            "village_level": sv,
            "ratio_median": sv["median_s"] / sr["median_s"],
            "ratio_median_cpu": sv["cpu"]["median_s"] / sr["cpu"]["median_s"],
            "coverage_2030_12_p50": cov,
            "probability_by_deadline": {
                lvl: {f"{s}|{d}": v for (s, d), v in pr.items()} for lvl, pr in prob.items()
            },
            "villages_from_data": res_v.villages_from_data["Sintetis Desa"],
            "villages_assumed": res_v.villages_assumed["Sintetis Desa"],
            "village_table_rows": len(res_v.village_table),
        }
    t0 = time.perf_counter()
    top = solve_topup(
        inp_v,
        trend,
        pre["add_10"],
        target=0.95,
        deadline="2032-12",
        probability=(0.5, 0.8),
        n_draws=n_draws,
        seed=SEED,
        run_month=RUN,
    )
    t_top = time.perf_counter() - t0
    s = top.summary
    out = {
        "benchmark": "bench_villages",
        "synthetic": True,
        "regency": "Sintetis Desa (SINTETIS)",
        "villages": {
            "desa": N_DESA,
            "kelurahan": N_KEL,
            "listed": N_LISTED,
            "with_uncovered": N_DATA,
        },
        "n_draws": n_draws,
        "horizon_end": HORIZON,
        "run_month": RUN,
        "cases": out_cases,
        "topup": {
            "seconds": t_top,
            "target": 0.95,
            "deadline": "2032-12",
            "rows": [
                {
                    "probability": float(r.probability),
                    "feasible": bool(r.feasible),
                    "topup_rp_per_year": None
                    if not np.isfinite(r.topup_rp_per_year)
                    else float(r.topup_rp_per_year),
                    "villages_receiving": int(r.villages_receiving),
                    "even_probability_same_money": None
                    if not np.isfinite(r.even_probability_same_money)
                    else float(r.even_probability_same_money),
                    "topup_even_rp_per_year": None
                    if not np.isfinite(r.topup_even_rp_per_year)
                    else float(r.topup_even_rp_per_year),
                }
                for r in s.itertuples()
            ],
        },
        "machine": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "cpus": os.cpu_count(),
            "load_average_1min": os.getloadavg()[0],
        },
    }
    if not quick:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "bench_villages.json").write_text(json.dumps(out, indent=2) + "\n")
        (RESULTS / "bench_villages.md").write_text(to_markdown(out))
    return out


def _b(x: float | None) -> str:
    return "-" if x is None else f"{x / 1e9:,.2f}"


def to_markdown(out: dict) -> str:
    v = out["villages"]
    m = out["machine"]
    lines = [
        "# Village resolution benchmark (`benchmarks/bench_villages.py`)",
        "",
        f"One synthetic regency (SINTETIS, not real): {v['desa']} desa + {v['kelurahan']} "
        f"kelurahan, {v['listed']} desa in the village file with their uncovered workers, ADD, "
        f"budget line and payment history; {out['n_draws']:,} draws; monthly steps Apr 2025 - "
        f"{out['horizon_end']}; run month {out['run_month']}. Wall time of "
        "`engine.simulate` with the report's defaults (quantile paths, yearly money, three "
        "deadlines) and its CPU time (`time.process_time`, less sensitive to other processes) "
        f"on {m['cpus']} shared cores (load average {m['load_average_1min']:.1f} "
        f"at the end), Python {m['python']}, numpy {m['numpy']}.",
        "",
        "| scenarios | level | median [s] | min - max [s] | CPU median [s] | "
        "CPU min - max [s] | repeats |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, c in out["cases"].items():
        for lvl in ("regency_level", "village_level"):
            s = c[lvl]
            lines.append(
                f"| {name} ({len(c['scenarios'])}, {c['village_cells']} with village levers) "
                f"| {lvl.replace('_', ' ')} | {s['median_s']:.3f} | "
                f"{s['min_s']:.3f} - {s['max_s']:.3f} | {s['cpu']['median_s']:.3f} | "
                f"{s['cpu']['min_s']:.3f} - {s['cpu']['max_s']:.3f} | {s['repeats']} |"
            )
    lines.append("")
    for name, c in out["cases"].items():
        lines.append(
            f"- {name}: village resolution / regency level, medians: "
            f"**{c['ratio_median']:.2f}x** (CPU time {c['ratio_median_cpu']:.2f}x); villages "
            "modelled from data "
            f"{c['villages_from_data']}, from assumptions {c['villages_assumed']}."
        )
    c = out["cases"]["add_10"]
    lines += [
        "",
        "Median coverage in Dec 2030 (10 % of ADD): regency level "
        f"{c['coverage_2030_12_p50']['regency']['add_10'] * 100:.1f} %, village resolution "
        f"{c['coverage_2030_12_p50']['village']['add_10'] * 100:.1f} % (synthetic inputs: "
        "the difference shows the model, not a forecast).",
        "",
        f"Targeted top-up (`solve_topup`, 10 % of ADD, target {out['topup']['target'] * 100:g} "
        f"% by {out['topup']['deadline']}): {out['topup']['seconds']:.1f} s once.",
        "",
        "| probability | top-up targeted [billion Rp/yr] | villages receiving | "
        "P with the same money spread evenly | even amount needed [billion Rp/yr] |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in out["topup"]["rows"]:
        pe = r["even_probability_same_money"]
        lines.append(
            f"| {r['probability']:g} | {_b(r['topup_rp_per_year'])} | "
            f"{r['villages_receiving']} | {'-' if pe is None else f'{pe:.3f}'} | "
            f"{_b(r['topup_even_rp_per_year'])} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="200 draws, nothing written")
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    result = main(quick=args.quick, repeats=args.repeats)
    print(to_markdown(result))
