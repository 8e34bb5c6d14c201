"""Work done once per batch: ``ucj batch`` with and without the shared simulation cache.

The work: ``ucj batch`` on the embedded data (every notebook x every regency with coverage data:
01 once, 02 and 03 per regency, 04 once), ``--jobs 2``, the run date fixed
(``--set as_of=2026-11-29``), every other parameter at its notebook default. Each way is one
command started from scratch and writes to a new folder (its own ``UCJ_CACHE_DIR``):

``off``
    ``UCJ_SIM_CACHE=0``: every notebook runs its own simulations (the state before the cache).
``on``
    The cache on (the default): the budget study (03) reuses the forecast's (02) run of the same
    regency and the portfolio (04) takes its three scenarios from it
    (:mod:`ucj_analysis.report.sim_cache`).

Rounds interleave the ways (off, on, off, on, ...); the ratio is ``off / on`` of each round,
reported as median and min-max. The recorded values of every report are compared between the
ways and rounds (they must be identical). The code, data and notebooks are copied from the
working tree once at the start (first on ``PYTHONPATH``, kernels included), so edits made
elsewhere during the run do not change the work between rounds.

Usage::

    .venv/bin/python benchmarks/bench_sim_cache.py [--repeats 3] [--jobs 2]

Writes ``benchmarks/results/bench_sim_cache.json`` and ``bench_sim_cache.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
BIN = Path(sys.executable).parent
AS_OF = "2026-11-29"
WAYS = {
    "off": "`UCJ_SIM_CACHE=0 ucj batch --jobs 2`: every notebook simulates on its own",
    "on": "`ucj batch --jobs 2`: one simulation per regency x scenario set, shared on disk",
}


def snapshot(dest: Path) -> Path:
    """Copy the package, the embedded data and the notebooks of the working tree to ``dest``."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("ucj_analysis", "data", "notebooks"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def git_snapshot(ref: str, dest: Path, paths: list[str]) -> Path:
    """``paths`` as committed in ``ref`` (``git archive``), extracted into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, *paths], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def records(out: Path) -> dict[str, dict]:
    """``notebook/slug -> recorded values`` of every executed notebook under ``out``."""
    from ucj_analysis.render import read_records

    found = {}
    for nb in sorted(out.glob("*/*.ipynb")):
        found[f"{nb.parent.name}/{nb.stem}"] = read_records(nbformat.read(nb, as_version=4))
    return found


def _children_cpu() -> float:
    """User + system CPU seconds of every finished child process (and their waited children)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def spread(values: list[float], digits: int = 2) -> dict:
    return {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "values": [round(v, digits) for v in values],
    }


def main(repeats: int, jobs: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-sim-cache-"))
    code = snapshot(work / "code")
    sys.path.insert(0, str(code))
    env = {k: v for k, v in os.environ.items() if k not in ("UCJ_CACHE_DIR", "UCJ_SIM_CACHE")}
    env["PYTHONPATH"] = os.pathsep.join([str(code), *filter(None, [env.get("PYTHONPATH")])])
    load_start = os.getloadavg()[0]
    seconds: dict[str, list[float]] = {w: [] for w in WAYS}
    cpu: dict[str, list[float]] = {w: [] for w in WAYS}
    sim_files: dict[str, list[int]] = {w: [] for w in WAYS}
    reference, mismatches, n_reports = None, [], 0
    for r in range(repeats):
        for way in WAYS:
            out = work / f"{way}-{r}"
            e = dict(env) | ({"UCJ_SIM_CACHE": "0"} if way == "off" else {})
            cmd = [str(BIN / "ucj"), "batch", "--out", str(out), "--jobs", str(jobs)]
            cmd += ["--force", "--set", f"as_of={AS_OF}"]
            c0 = _children_cpu()
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, env=e, cwd=code)
            seconds[way].append(time.perf_counter() - t0)
            cpu[way].append(_children_cpu() - c0)
            if proc.returncode != 0:
                raise RuntimeError(f"{way} round {r} failed:\n{proc.stdout[-2000:]}{proc.stderr}")
            sim_files[way].append(len(list((out / ".cache").glob("sim-*.pkl"))))
            got = records(out)
            n_reports = len(got)
            if reference is None:
                reference = got
            elif got != reference:
                mismatches += [f"{way}-{r}:{k}" for k in got if got[k] != reference.get(k)]
            print(f"round {r + 1} {way}: {seconds[way][-1]:.1f} s, {cpu[way][-1]:.1f} s CPU")
    ratios = [a / b for a, b in zip(seconds["off"], seconds["on"], strict=True)]
    cpu_ratios = [a / b for a, b in zip(cpu["off"], cpu["on"], strict=True)]
    shutil.rmtree(work, ignore_errors=True)
    return {
        "benchmark": "bench_sim_cache",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "work": "ucj batch on the embedded data, every notebook, default parameters, "
        f"as_of={AS_OF}",
        "reports": n_reports,
        "jobs": jobs,
        "repeats": repeats,
        "ways": {
            w: {
                "description": WAYS[w],
                "seconds": spread(seconds[w], 1),
                "cpu_seconds": spread(cpu[w], 1),
            }
            for w in WAYS
        },
        "simulation_files_written": sim_files,
        "ratio_off_over_on": spread(ratios),
        "cpu_ratio_off_over_on": spread(cpu_ratios),
        "cpu_saved_seconds_median": round(
            statistics.median(a - b for a, b in zip(cpu["off"], cpu["on"], strict=True)), 1
        ),
        "saved_seconds_median": round(
            statistics.median(a - b for a, b in zip(seconds["off"], seconds["on"], strict=True)),
            1,
        ),
        "same_records": not mismatches,
        "mismatches": mismatches,
        "load_avg_1min_at_start": round(load_start, 2),
        "load_avg_1min_at_end": round(os.getloadavg()[0], 2),
    }


def markdown(r: dict) -> str:
    w = r["ways"]

    def span(s: dict, unit: str = " s") -> str:
        return f"{s['median']}{unit} ({s['min']}–{s['max']}{unit})"

    return "\n".join(
        [
            "# Shared simulations in a batch (`benchmarks/bench_sim_cache.py`)",
            "",
            f"Measured {r['date']}. The work: {r['work']} ({r['reports']} reports), "
            f"`--jobs {r['jobs']}`, {r['repeats']} rounds with the ways interleaved; 1-minute "
            f"load average {r['load_avg_1min_at_start']} at the start and "
            f"{r['load_avg_1min_at_end']} at the end (the 2 cores are shared with other jobs). "
            "Recorded values identical in every way and round: "
            + ("yes." if r["same_records"] else "NO: " + ", ".join(r["mismatches"])),
            "",
            "| way | wall time, median (min–max) | CPU time of the batch and its kernels | "
            "simulation files written |",
            "|---|---|---|---|",
            *(
                f"| {w[k]['description']} | {span(w[k]['seconds'])} | "
                f"{span(w[k]['cpu_seconds'])} | "
                f"{', '.join(map(str, r['simulation_files_written'][k]))} |"
                for k in w
            ),
            "",
            f"Ratio off / on per round, wall time: **{span(r['ratio_off_over_on'], 'x')}** "
            f"(median saved {r['saved_seconds_median']} s); CPU time: "
            f"**{span(r['cpu_ratio_off_over_on'], 'x')}** (median saved "
            f"{r['cpu_saved_seconds_median']} s). On a loaded machine the CPU time is the steadier "
            "measure of the work done.",
            "",
        ]
    )


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    res = main(a.repeats, a.jobs)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_sim_cache.json").write_text(json.dumps(res, indent=2) + "\n")
    (RESULTS / "bench_sim_cache.md").write_text(markdown(res))
    print(markdown(res))
