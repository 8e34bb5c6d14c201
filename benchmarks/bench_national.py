"""National scale, estimated: every notebook for samples of synthetic regencies, extrapolated.

The work: ``ucj batch --data-dir DATA --own --jobs 2`` on synthetic data folders (``ucj synth
--n N``, labelled SINTETIS) of two sizes, every notebook at its defaults (``n_draws=1000``), the
run date fixed (``as_of=2026-11-29``): 01 and 04 once (the portfolio covers every regency of the
data), 02 and 03 per synthetic regency, with the index, summary tables and PDF summaries. Each
size is one command started from scratch, into a new output folder; ``--repeats`` rounds, the
two sizes interleaved in each.

The per-regency time is the slope between the two sizes, ``(T(n2) - T(n1)) / (n2 - n1)`` (the
fixed part of a batch cancels), and the time for 514 regencies is **extrapolated** as
``T(n2) + slope x (514 - n2)``, per round (median and min-max reported): not measured. The
full 514 would be run only if that estimate were under 15 minutes.

The code, data and notebooks are copied from the working tree at the start (first on
``PYTHONPATH``).

Usage::

    .venv/bin/python benchmarks/bench_national.py [--sizes 8 16] [--jobs 2] [--repeats 3]

Writes ``benchmarks/results/bench_national.json`` and ``bench_national.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
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


def _one_run(code: Path, env: dict, data: Path, out: Path, n: int, jobs: int) -> dict:
    """``ucj batch --own`` on ``data`` (``n`` synthetic regencies), from scratch."""
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
    shutil.rmtree(out, ignore_errors=True)
    return {
        "regencies": n,
        "reports": len(reports),
        "reports_by_notebook": {
            nb: sum(r.startswith(nb + "/") for r in reports)
            for nb in sorted({r.split("/")[0] for r in reports})
        },
        "wall_seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
    }


def _spread(values: list[float]) -> dict:
    return {
        "median": round(statistics.median(values), 1),
        "min": round(min(values), 1),
        "max": round(max(values), 1),
        "values": [round(v, 1) for v in values],
    }


def main(sizes: list[int], jobs: int, repeats: int = 3) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-national-"))
    code = snapshot(work / "code")
    env = {k: v for k, v in os.environ.items() if k not in ("UCJ_CACHE_DIR", "UCJ_SIM_CACHE")}
    env["PYTHONWARNINGS"] = "ignore"
    env["PYTHONPATH"] = os.pathsep.join([str(code), *filter(None, [env.get("PYTHONPATH")])])
    load_start = os.getloadavg()[0]
    for n in sizes:
        subprocess.run(
            [str(BIN / "ucj"), "synth", "--n", str(n), "--out", str(work / f"data-{n}")],
            env=env,
            check=True,
            capture_output=True,
        )
    rounds = []
    for r in range(repeats):  # the sizes interleaved, a new output folder every time
        pair = [_one_run(code, env, work / f"data-{n}", work / f"out-{n}-{r}", n, jobs)
                for n in sizes]  # fmt: skip
        rounds.append(pair)
        print(f"round {r + 1}: {pair}", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    span = sizes[1] - sizes[0]
    slopes = [(b["wall_seconds"] - a["wall_seconds"]) / span for a, b in rounds]
    cpu_slopes = [(b["cpu_seconds"] - a["cpu_seconds"]) / span for a, b in rounds]
    estimates = [
        (b["wall_seconds"] + s * (NATIONAL - b["regencies"])) / 60
        for (_a, b), s in zip(rounds, slopes, strict=True)
    ]
    estimate = statistics.median(estimates)
    return {
        "benchmark": "bench_national",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "work": "ucj batch --own on synthetic data (every notebook, default parameters, "
        f"as_of={AS_OF}), --jobs {jobs}",
        "jobs": jobs,
        "repeats": repeats,
        "runs": [x for pair in rounds for x in pair],
        "seconds_per_regency": round(statistics.median(slopes), 1),
        "seconds_per_regency_spread": _spread(slopes),
        "cpu_seconds_per_regency": round(statistics.median(cpu_slopes), 1),
        "cpu_seconds_per_regency_spread": _spread(cpu_slopes),
        "extrapolated": True,
        "national_regencies": NATIONAL,
        "national_estimate_minutes": round(estimate, 1),
        "national_estimate_minutes_spread": _spread(estimates),
        "target_minutes": 15,
        "full_run": False,
        "full_run_reason": "the estimate is over 15 minutes"
        if estimate > 15
        else "not run: the machine is shared",
        "load_avg_1min_at_start": round(load_start, 2),
        "load_avg_1min_at_end": round(os.getloadavg()[0], 2),
    }


def _fmt(s: dict, unit: str) -> str:
    return f"{s['median']}{unit} ({s['min']}–{s['max']}{unit})"


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
            f"end (2 cores shared with other jobs). {r['repeats']} rounds, the sizes "
            "interleaved in each.",
            "",
            "| synthetic regencies | reports | wall time | CPU time (batch and kernels) |",
            "|---|---|---|---|",
            *rows,
            "",
            "Per regency (slope between the sizes, median and min–max over the rounds): "
            f"{_fmt(r['seconds_per_regency_spread'], ' s')} wall, "
            f"{_fmt(r['cpu_seconds_per_regency_spread'], ' s')} CPU. "
            "**Extrapolated, not measured**: "
            f"{r['national_regencies']} regencies would take about "
            f"{r['national_estimate_minutes']} minutes on this machine "
            f"({_fmt(r['national_estimate_minutes_spread'], ' min')} over the rounds; target "
            f"{r['target_minutes']} minutes); the full run was not made "
            f"({r['full_run_reason']}).",
            "",
        ]
    )


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[8, 16])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    res = main(a.sizes, a.jobs, a.repeats)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_national.json").write_text(json.dumps(res, indent=2) + "\n")
    (RESULTS / "bench_national.md").write_text(markdown(res))
    print(markdown(res))
