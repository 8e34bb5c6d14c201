"""Benchmark of the what-if panel's update path against re-running the forecast.

Run: ``.venv/bin/python benchmarks/bench_whatif.py [--repeats N] [--regency NAME]``

A planner moves a control of the what-if panel (``ucj_analysis.whatif_widgets.panel``); the
panel then calls :func:`ucj_analysis.whatif_widgets.update`: the simulation of the current trend
and the planner's scenario (inputs and trend draws of the forecast reused), the answer table as
HTML and the compact chart as PNG. That call is timed here, each repeat with a different setting
(another ADD share and arrears share, so nothing is reused), at 1,000 draws.

Baseline: re-running ``report.regency_forecast`` for the same regency, as a re-run of the
notebook cell does (the kernel's caches of data and trend kept), then its answer table and its
fan chart, i.e. what a planner waits for without the panel. Also measured once: the same with
every cache emptied (``report.reload()``, a fresh kernel).

Budget: an update takes at most 1 s (median) on this machine (2 shared cores).
Results: ``benchmarks/results/bench_whatif.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ucj_analysis import report  # noqa: E402
from ucj_analysis.whatif import WhatIf  # noqa: E402
from ucj_analysis.whatif_widgets import observed_points, panel, update  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
AS_OF = "2026-11-29"  # fixed run date: the numbers do not depend on the day the benchmark runs
N_DRAWS = 1000
BUDGET_S = 1.0


def _stats(xs: list[float]) -> dict:
    q1, _, q3 = statistics.quantiles(xs, n=4) if len(xs) >= 2 else (xs[0], xs[0], xs[0])
    return {
        "n": len(xs),
        "median_s": round(statistics.median(xs), 4),
        "min_s": round(min(xs), 4),
        "max_s": round(max(xs), 4),
        "iqr_s": round(q3 - q1, 4),
        "all_s": [round(x, 4) for x in xs],
    }


def _timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def baseline(regency: str) -> object:
    """What a re-run of the forecast cell shows: the forecast, its answer table, its fan chart."""
    fc = report.regency_forecast(regency, n_draws=N_DRAWS, as_of=AS_OF)
    fc.answer_table().to_html()
    fc.fan_chart()
    return fc


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=9)
    ap.add_argument("--regency", default="Konawe")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    reps = max(args.repeats, 5)

    report.reload()
    cold, fc = _timed(lambda: baseline(args.regency))
    base = [_timed(lambda: baseline(args.regency))[0] for _ in range(reps)]
    forecast_only = [
        _timed(lambda: report.regency_forecast(args.regency, n_draws=N_DRAWS, as_of=AS_OF))[0]
        for _ in range(reps)
    ]

    wi = WhatIf(fc)
    obs = observed_points(wi)
    p0 = wi.defaults()
    update(wi, p0.replace(share_pct=7.5), observed=obs)  # warm-up (imports, fonts)
    settings = [
        p0.replace(share_pct=6.0 + 0.5 * i, arrears_share_pct=float(10 + i)) for i in range(reps)
    ]
    upd, sim, table, chart = [], [], [], []
    for p in settings:
        v = update(wi, p, reuse=False, observed=obs)
        assert v.result.simulated
        upd.append(v.seconds)
        s, r = _timed(lambda p=p: wi.run(p, reuse=False))
        sim.append(s)
        table.append(_timed(lambda r=r: r.answer_table().to_html())[0])
    from ucj_analysis.whatif_widgets import compact_chart_png

    for p in settings:
        r = wi.run(p, reuse=False)
        chart.append(
            _timed(
                lambda r=r: compact_chart_png(
                    r,
                    lang=wi.lang,
                    observed=obs,
                    budget_start=wi.budget_start,
                    run_month=fc.when.run_month,
                )
            )[0]
        )
    first_view = [_timed(lambda: panel(fc))[0] for _ in range(3)]

    u, b = _stats(upd), _stats(base)
    out = {
        "benchmark": "bench_whatif",
        "machine": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "processor": platform.machine(),
            "cpus_shared": True,
        },
        "regency": fc.regency,
        "n_draws": N_DRAWS,
        "as_of": AS_OF,
        "repeats": reps,
        "update": u,
        "update_parts": {
            "simulation": _stats(sim),
            "answer_table_html": _stats(table),
            "compact_chart_png": _stats(chart),
        },
        "panel_first_view": _stats(first_view),
        "baseline_rerun_forecast_table_fan": b,
        "baseline_rerun_forecast_only": _stats(forecast_only),
        "baseline_cold_caches_s": round(cold, 4),
        "ratio_baseline_over_update": round(b["median_s"] / u["median_s"], 1),
        "budget_s": BUDGET_S,
        "within_budget": u["median_s"] <= BUDGET_S,
        "max_within_budget": u["max_s"] <= BUDGET_S,
    }
    md = _markdown(out)
    print(md)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "bench_whatif.json").write_text(json.dumps(out, indent=2) + "\n")
        (RESULTS / "bench_whatif.md").write_text(md)
    return out


def _row(name: str, s: dict) -> str:
    return (
        f"| {name} | {s['median_s']:.3f} | {s['min_s']:.3f} – {s['max_s']:.3f} | "
        f"{s['iqr_s']:.3f} | {s['n']} |"
    )


def _markdown(o: dict) -> str:
    parts = o["update_parts"]
    lines = [
        "# What-if update benchmark (`benchmarks/bench_whatif.py`)",
        "",
        f"{o['regency']}, embedded data, {o['n_draws']:,} draws, run date {o['as_of']}; wall "
        f"time on 2 shared cores, Python {o['machine']['python']}, numpy "
        f"{o['machine']['numpy']}. Each update uses another setting (ADD share and arrears "
        "share), so every one is simulated.",
        "",
        "| step | median [s] | min – max [s] | IQR [s] | repeats |",
        "|---|---|---|---|---|",
        _row("**update path** (`whatif_widgets.update`: simulation + table + chart)", o["update"]),
        _row("· simulation of trend + settings (`WhatIf.run`)", parts["simulation"]),
        _row("· answer table as HTML", parts["answer_table_html"]),
        _row("· compact chart as PNG", parts["compact_chart_png"]),
        _row("panel built and first view (forecast numbers reused)", o["panel_first_view"]),
        _row(
            "baseline: re-run `regency_forecast` + answer table + fan chart",
            o["baseline_rerun_forecast_table_fan"],
        ),
        _row("baseline: re-run `regency_forecast` only", o["baseline_rerun_forecast_only"]),
        "",
        f"- Baseline with every cache emptied (`report.reload()`, as in a fresh kernel): "
        f"{o['baseline_cold_caches_s']:.2f} s (once).",
        f"- Ratio, baseline (forecast + table + fan chart) over update, medians: "
        f"**{o['ratio_baseline_over_update']}x**.",
        f"- Budget {o['budget_s']:.0f} s per update: median within budget "
        f"**{o['within_budget']}**, slowest repeat within budget {o['max_within_budget']}.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
