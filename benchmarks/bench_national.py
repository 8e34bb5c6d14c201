"""National scale, estimated: every notebook for samples of synthetic regencies, extrapolated.

The work: ``ucj batch --data-dir DATA --own --jobs 2`` on synthetic data folders (``ucj synth
--n N``, labelled SINTETIS) of two sizes, every notebook at its defaults (``n_draws=1000``), the
run date fixed (``as_of=2026-11-29``): 01 and 04 once (the portfolio covers every regency of the
data), 02 and 03 per synthetic regency, with the index, summary tables and PDF summaries. Each
size is one command started from scratch.

The per-regency time is the slope between the two sizes, ``(T(n2) - T(n1)) / (n2 - n1)`` (the
fixed part of a batch cancels), and the time for 514 regencies is **extrapolated** as
``T(n2) + slope x (514 - n2)``: not measured. The full 514 would be run only if that estimate
were under 15 minutes.

The code, data and notebooks are copied from the working tree at the start (first on
``PYTHONPATH``).

Usage::

    .venv/bin/python benchmarks/bench_national.py [--sizes 4 8] [--jobs 2]

Writes ``benchmarks/results/bench_national.json`` and ``bench_national.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_sim_cache import _children_cpu, snapshot  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
BIN = Path(sys.executable).parent
AS_OF = "2026-11-29"
NATIONAL = 514


def main(sizes: list[int], jobs: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-national-"))
    code = snapshot(work / "code")
    env = {k: v for k, v in os.environ.items() if k not in ("UCJ_CACHE_DIR", "UCJ_SIM_CACHE")}
    env["PYTHONWARNINGS"] = "ignore"
    env["PYTHONPATH"] = os.pathsep.join([str(code), *filter(None, [env.get("PYTHONPATH")])])
    load_start = os.getloadavg()[0]
    runs = []
    for n in sizes:
        data = work / f"data-{n}"
        subprocess.run(
            [str(BIN / "ucj"), "synth", "--n", str(n), "--out", str(data)],
            env=env,
            check=True,
            capture_output=True,
        )
        out = work / f"out-{n}"
        cmd = [str(BIN / "ucj"), "batch", "--data-dir", str(data), "--own", "--out", str(out)]
        cmd += ["--jobs", str(jobs), "--force", "--no-progress", "--set", f"as_of={AS_OF}"]
        c0 = _children_cpu()
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, cwd=code, capture_output=True, text=True)
        seconds = time.perf_counter() - t0
        cpu = _children_cpu() - c0
        if proc.returncode != 0:
            raise RuntimeError(f"n={n} failed:\n{proc.stdout[-2000:]}{proc.stderr[-3000:]}")
        reports = sorted(p.relative_to(out).as_posix() for p in out.glob("*/*.html"))
        runs.append(
            {
                "regencies": n,
                "reports": len(reports),
                "reports_by_notebook": {
                    nb: sum(r.startswith(nb + "/") for r in reports)
                    for nb in sorted({r.split("/")[0] for r in reports})
                },
                "wall_seconds": round(seconds, 1),
                "cpu_seconds": round(cpu, 1),
            }
        )
        print(runs[-1], flush=True)
    shutil.rmtree(work, ignore_errors=True)
    (a, b) = runs[0], runs[-1]
    slope = (b["wall_seconds"] - a["wall_seconds"]) / (b["regencies"] - a["regencies"])
    cpu_slope = (b["cpu_seconds"] - a["cpu_seconds"]) / (b["regencies"] - a["regencies"])
    estimate = b["wall_seconds"] + slope * (NATIONAL - b["regencies"])
    return {
        "benchmark": "bench_national",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "work": "ucj batch --own on synthetic data (every notebook, default parameters, "
        f"as_of={AS_OF}), --jobs {jobs}",
        "jobs": jobs,
        "runs": runs,
        "seconds_per_regency": round(slope, 1),
        "cpu_seconds_per_regency": round(cpu_slope, 1),
        "extrapolated": True,
        "national_regencies": NATIONAL,
        "national_estimate_minutes": round(estimate / 60, 1),
        "target_minutes": 15,
        "full_run": False,
        "full_run_reason": "the estimate is over 15 minutes"
        if estimate > 15 * 60
        else "not run: the machine is shared",
        "load_avg_1min_at_start": round(load_start, 2),
        "load_avg_1min_at_end": round(os.getloadavg()[0], 2),
    }


def markdown(r: dict) -> str:
    rows = [
        f"| {x['regencies']} | {x['reports']} | {x['wall_seconds']} s | {x['cpu_seconds']} s |"
        for x in r["runs"]
    ]
    return "\n".join(
        [
            "# National scale, estimated (`benchmarks/bench_national.py`)",
            "",
            f"Measured {r['date']}. The work: {r['work']}; 1-minute load average "
            f"{r['load_avg_1min_at_start']} at the start and {r['load_avg_1min_at_end']} at the "
            "end (2 cores shared with other jobs). One run per size.",
            "",
            "| synthetic regencies | reports | wall time | CPU time (batch and kernels) |",
            "|---|---|---|---|",
            *rows,
            "",
            f"Per regency (slope between the sizes): {r['seconds_per_regency']} s wall, "
            f"{r['cpu_seconds_per_regency']} s CPU. **Extrapolated, not measured**: "
            f"{r['national_regencies']} regencies would take about "
            f"{r['national_estimate_minutes']} minutes on this machine (target "
            f"{r['target_minutes']} minutes); the full run was not made "
            f"({r['full_run_reason']}).",
            "",
        ]
    )


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[4, 8])
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    res = main(a.sizes, a.jobs)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_national.json").write_text(json.dumps(res, indent=2) + "\n")
    (RESULTS / "bench_national.md").write_text(markdown(res))
    print(markdown(res))
