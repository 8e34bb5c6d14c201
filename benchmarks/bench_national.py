"""National scale: every notebook for samples of synthetic regencies, extrapolated (and measured).

The work: ``ucj batch --data-dir DATA --own --jobs 2`` on synthetic data folders (``ucj synth
--n N``, labelled SINTETIS) of two sizes, every notebook at its defaults (``n_draws=1000``), the
run date fixed (``as_of=2026-11-29``): 01 and 04 once (the portfolio covers every regency of the
data), 02 and 03 per synthetic regency, with the index, summary tables and PDF summaries. Each
size is one command started from scratch, into a new output folder; ``--repeats`` rounds, the
two sizes interleaved in each.

The per-regency time is the slope between the two sizes, ``(T(n2) - T(n1)) / (n2 - n1)`` (the
fixed part of a batch cancels), and the time for 514 regencies is **extrapolated** as
``T(n2) + slope x (514 - n2)``, per round (median and min-max reported). ``--full`` also runs
all 514 once after the rounds and measures it (wall and CPU time, the reports that run once,
reports finished per minute early and late in the run), a check on the extrapolation.

The code, data and notebooks are copied from the working tree at the start (first on
``PYTHONPATH``).

Every round also runs the floor (``benchmarks/bench_floor.py``): the same tasks' code cells
in-process, with no runner; what it takes is what no runner of these notebooks can go below.

``--compare COMMIT`` also runs the same work with the code of an earlier commit (``git
archive``), interleaved with this code's runs in every round: the machine is shared, and only
runs made side by side can be compared (the per-regency time of the same run differs widely
between hours of the same day).

Usage::

    .venv/bin/python benchmarks/bench_national.py [--sizes 8 16] [--jobs 2] [--repeats 3]
        [--compare COMMIT] [--full]

Writes ``benchmarks/results/bench_national.json`` and ``bench_national.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
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

from bench_sim_cache import _children_cpu, git_snapshot, snapshot, spread  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
BIN = Path(sys.executable).parent
AS_OF = "2026-11-29"
NATIONAL = 514


def _one_run(
    code: Path, env: dict, data: Path, out: Path, n: int, jobs: int, floor: bool = False
) -> dict:
    """``ucj batch --own`` on ``data`` (``n`` synthetic regencies), from scratch.

    With ``floor``: ``benchmarks/bench_floor.py`` on the same tasks instead (no files written;
    ``reports`` is the number of reports it ran).
    """
    if floor:
        cmd = [sys.executable, str(ROOT / "benchmarks" / "bench_floor.py"), "--data-dir",
               str(data), "--own", "--jobs", str(jobs), "--set", f"as_of={AS_OF}"]  # fmt: skip
    else:
        cmd = [str(BIN / "ucj"), "batch", "--data-dir", str(data), "--own", "--out", str(out)]
        cmd += ["--jobs", str(jobs), "--force", "--no-progress", "--set", f"as_of={AS_OF}"]
    c0 = _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=code, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    cpu = _children_cpu() - c0
    if proc.returncode != 0:
        raise RuntimeError(f"n={n} failed:\n{proc.stdout[-2000:]}{proc.stderr[-3000:]}")
    if floor:
        return {
            "regencies": n,
            "reports": int(proc.stdout.split(" reports run")[0].split()[-1]),
            "wall_seconds": round(seconds, 1),
            "cpu_seconds": round(cpu, 1),
        }
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


def _per_regency(rounds: list[list[dict]], sizes: list[int]) -> dict:
    """Slopes between the two sizes and the extrapolation to :data:`NATIONAL`, per round."""
    span = sizes[1] - sizes[0]
    slopes = [(b["wall_seconds"] - a["wall_seconds"]) / span for a, b in rounds]
    cpu_slopes = [(b["cpu_seconds"] - a["cpu_seconds"]) / span for a, b in rounds]
    estimates = [
        (b["wall_seconds"] + s * (NATIONAL - b["regencies"])) / 60
        for (_a, b), s in zip(rounds, slopes, strict=True)
    ]
    return {"slopes": slopes, "cpu_slopes": cpu_slopes, "estimates": estimates}


def main(
    sizes: list[int], jobs: int, repeats: int = 3, compare: str | None = None, full: bool = False
) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-national-"))
    codes = {"now": snapshot(work / "code")}
    if compare:
        paths = ["pyproject.toml", "ucj_analysis", "data", "notebooks"]
        codes["reference"] = git_snapshot(compare, work / "reference", paths)
    base = {k: v for k, v in os.environ.items() if k not in ("UCJ_CACHE_DIR", "UCJ_SIM_CACHE")}
    base["PYTHONWARNINGS"] = "ignore"
    extra = [p for p in [base.get("PYTHONPATH")] if p]
    envs = {
        way: {**base, "PYTHONPATH": os.pathsep.join([str(c), *extra])} for way, c in codes.items()
    }
    load_start = os.getloadavg()[0]
    for n in sizes:
        subprocess.run(
            [str(BIN / "ucj"), "synth", "--n", str(n), "--out", str(work / f"data-{n}")],
            env=envs["now"],
            check=True,
            capture_output=True,
        )
    ways = {**codes, "floor": codes["now"]}
    envs["floor"] = envs["now"]
    rounds: dict[str, list] = {way: [] for way in ways}
    for r in range(repeats):  # the sizes and the ways interleaved, a new output each time
        for way, code in ways.items():
            pair = [_one_run(code, envs[way], work / f"data-{n}", work / f"out-{way}-{n}-{r}", n,
                             jobs, floor=way == "floor") for n in sizes]  # fmt: skip
            rounds[way].append(pair)
            print(f"round {r + 1} {way}: {pair}", flush=True)
    measured = _full_run(codes["now"], envs["now"], work, jobs) if full else None
    shutil.rmtree(work, ignore_errors=True)
    now = _per_regency(rounds["now"], sizes)
    estimate = statistics.median(now["estimates"])
    result = {
        "benchmark": "bench_national",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "work": "ucj batch --own on synthetic data (every notebook, default parameters, "
        f"as_of={AS_OF}), --jobs {jobs}",
        "jobs": jobs,
        "repeats": repeats,
        "runs": [x for pair in rounds["now"] for x in pair],
        "seconds_per_regency": round(statistics.median(now["slopes"]), 1),
        "seconds_per_regency_spread": spread(now["slopes"], 1),
        "cpu_seconds_per_regency": round(statistics.median(now["cpu_slopes"]), 1),
        "cpu_seconds_per_regency_spread": spread(now["cpu_slopes"], 1),
        "extrapolated": True,
        "national_regencies": NATIONAL,
        "national_estimate_minutes": round(estimate, 1),
        "national_estimate_minutes_spread": spread(now["estimates"], 1),
        "target_minutes": 15,
        "full_run": measured,
        "full_run_reason": "asked for (--full)"
        if full
        else "the estimate is over 15 minutes"
        if estimate > 15
        else "not run: the machine is shared",
        "load_avg_1min_at_start": round(load_start, 2),
        "load_avg_1min_at_end": round(os.getloadavg()[0], 2),
    }
    fl = _per_regency(rounds["floor"], sizes)
    result["floor"] = {
        "what": "benchmarks/bench_floor.py on the same tasks: the notebooks' code cells "
        "in-process in forked workers after one import and data preparation; no kernel, "
        "notebook, HTML, index or summaries",
        **_way_summary(rounds["floor"], fl),
        "ratio_now_over_floor": _ratio(now, fl),
    }
    if compare:
        ref = _per_regency(rounds["reference"], sizes)
        git = ["git", "-C", str(ROOT), "rev-parse", "--short", compare]
        commit = subprocess.run(git, capture_output=True, text=True, check=True).stdout.strip()
        result["reference"] = {
            "commit": commit,
            **_way_summary(rounds["reference"], ref),
            "ratio_reference_over_now": _ratio(ref, now),
        }
    return result


def _way_summary(rounds: list[list[dict]], slopes: dict) -> dict:
    """The runs of one way and the spreads of its per-regency slopes and estimates."""
    return {
        "runs": [x for pair in rounds for x in pair],
        "seconds_per_regency_spread": spread(slopes["slopes"], 1),
        "cpu_seconds_per_regency_spread": spread(slopes["cpu_slopes"], 1),
        "national_estimate_minutes_spread": spread(slopes["estimates"], 1),
    }


def _full_run(code: Path, env: dict, work: Path, jobs: int) -> dict:
    """``ucj batch --own`` on :data:`NATIONAL` synthetic regencies, once, measured.

    Besides wall and CPU time: the seconds of the reports that run once (01, 04), and the
    reports finished per minute in the first and the last quarter of the run (from the
    manifest's ``finished`` times; the batch runs the forecasts (02) first and the budget
    studies (03), which reuse their simulations, last).
    """
    data, out = work / f"data-{NATIONAL}", work / "out-full"
    subprocess.run([str(BIN / "ucj"), "synth", "--n", str(NATIONAL), "--out", str(data)],
                   env=env, check=True, capture_output=True)  # fmt: skip
    cmd = [str(BIN / "ucj"), "batch", "--data-dir", str(data), "--own", "--out", str(out),
           "--jobs", str(jobs), "--force", "--no-progress", "--set", f"as_of={AS_OF}"]  # fmt: skip
    c0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=code, capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - t0, _children_cpu() - c0
    if proc.returncode != 0:
        raise RuntimeError(f"full run failed:\n{proc.stdout[-2000:]}{proc.stderr[-3000:]}")
    tasks = json.loads((out / "batch.json").read_text(encoding="utf-8"))["tasks"]
    done = sorted(dt.datetime.fromisoformat(e["finished"]) for e in tasks.values())
    quarter = len(done) // 4

    def per_minute(times: list) -> float:
        return round((len(times) - 1) / max((times[-1] - times[0]).total_seconds(), 1) * 60, 1)

    once = {k.split("/")[0]: e["seconds"] for k, e in tasks.items() if k.endswith("/all")}
    result = {
        "regencies": NATIONAL,
        "reports": len(tasks),
        "failed": sum(e["status"] != "ok" for e in tasks.values()),
        "wall_minutes": round(seconds / 60, 1),
        "cpu_minutes": round(cpu / 60, 1),
        "seconds_of_single_reports": once,
        "reports_per_minute_first_quarter": per_minute(done[:quarter]),
        "reports_per_minute_last_quarter": per_minute(done[-quarter:]),
        "index_bytes": (out / "index.html").stat().st_size,
        "manifest_bytes": (out / "batch.json").stat().st_size,
    }
    shutil.rmtree(out, ignore_errors=True)
    return result


def _ratio(a: dict, b: dict) -> dict:
    """Spread of the per-round ratios of two ways' national estimates, ``a / b``."""
    return spread([x / y for x, y in zip(a["estimates"], b["estimates"], strict=True)], 2)


def _fmt(s: dict, unit: str) -> str:
    return f"{s['median']}{unit} ({s['min']}–{s['max']}{unit})"


def _table(runs: list[dict], reports: str = "reports", cpu: str = "CPU time (batch and kernels)"):
    """The runs of one way as a Markdown table (one row per run)."""
    return [
        f"| synthetic regencies | {reports} | wall time | {cpu} |",
        "|---|---|---|---|",
        *[
            f"| {x['regencies']} | {x['reports']} | {x['wall_seconds']} s | {x['cpu_seconds']} s |"
            for x in runs
        ],
    ]


def markdown(r: dict) -> str:
    return "\n".join(
        [
            "# National scale (`benchmarks/bench_national.py`)",
            "",
            f"Measured {r['date']}. The work: {r['work']}; 1-minute load average "
            f"{r['load_avg_1min_at_start']} at the start and {r['load_avg_1min_at_end']} at the "
            f"end (2 cores shared with other jobs). {r['repeats']} rounds, the sizes "
            "interleaved in each.",
            "",
            *_table(r["runs"]),
            "",
            "Per regency (slope between the sizes, median and min–max over the rounds): "
            f"{_fmt(r['seconds_per_regency_spread'], ' s')} wall, "
            f"{_fmt(r['cpu_seconds_per_regency_spread'], ' s')} CPU. "
            "**Extrapolated**: "
            f"{r['national_regencies']} regencies would take about "
            f"{r['national_estimate_minutes']} minutes on this machine "
            f"({_fmt(r['national_estimate_minutes_spread'], ' min')} over the rounds; target "
            f"{r['target_minutes']} minutes).",
            "",
            *_full_lines(r),
            *_floor_lines(r),
            *_reference_lines(r),
        ]
    )


def _full_lines(r: dict) -> list[str]:
    """The full national run, measured once (``--full``), or why it was not made."""
    f = r.get("full_run")
    if not f:
        return [f"The full run was not made ({r['full_run_reason']}).", ""]
    once = ", ".join(f"{k} {v:.0f} s" for k, v in sorted(f["seconds_of_single_reports"].items()))
    return [
        f"**Measured once** (`--full`, after the rounds): `ucj batch` on {f['regencies']} "
        f"synthetic regencies, {f['reports']} reports ({f['failed']} failed), took "
        f"**{f['wall_minutes']} min** wall and {f['cpu_minutes']} min of CPU (target "
        f"{r['target_minutes']} minutes; the extrapolation above: "
        f"{r['national_estimate_minutes']} min). The reports that run once: {once}. Reports "
        f"finished per minute: {f['reports_per_minute_first_quarter']} in the first quarter of "
        f"the run (forecasts), {f['reports_per_minute_last_quarter']} in the last (budget "
        "studies, which reuse the forecasts' simulations). index.html "
        f"{f['index_bytes'] / 1e6:.1f} MB, batch.json {f['manifest_bytes'] / 1e6:.1f} MB.",
        "",
    ]


def _way_lines(w: dict, intro: str, closing: str, table: tuple[str, ...] = ()) -> list[str]:
    """Another way of the same rounds: its runs, per-regency slopes and estimate."""
    return [
        intro,
        "",
        *_table(w["runs"], *table),
        "",
        f"Per regency {_fmt(w['seconds_per_regency_spread'], ' s')} wall, "
        f"{_fmt(w['cpu_seconds_per_regency_spread'], ' s')} CPU; 514 regencies extrapolated "
        f"to {_fmt(w['national_estimate_minutes_spread'], ' min')}. {closing}",
        "",
    ]


def _floor_lines(r: dict) -> list[str]:
    """The floor: the notebooks' own work on the same tasks, without any runner."""
    fl = r.get("floor")
    if not fl:
        return []
    return _way_lines(
        fl,
        f"The floor, in the same rounds: {fl['what']}. No runner of these notebooks can take less:",
        f"`ucj batch` took {_fmt(fl['ratio_now_over_floor'], 'x')} the floor's estimated time "
        "(per round).",
        ("reports run", "CPU time"),
    )


def _reference_lines(r: dict) -> list[str]:
    """The same work with the code of an earlier commit, measured in the same rounds."""
    ref = r.get("reference")
    if not ref:
        return []
    return _way_lines(
        ref,
        f"The same work with the code of commit {ref['commit']}, run in the same rounds "
        "(interleaved with the runs above, so both saw the same load on the shared machine):",
        f"Commit {ref['commit']} took {_fmt(ref['ratio_reference_over_now'], 'x')} the "
        "estimated time of this code (per round).",
    )


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[8, 16])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument(
        "--compare", metavar="COMMIT", help="also run the code of this commit, in the same rounds"
    )
    ap.add_argument(
        "--full", action="store_true", help=f"also run all {NATIONAL} regencies once, measured"
    )
    a = ap.parse_args()
    res = main(a.sizes, a.jobs, a.repeats, a.compare, a.full)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_national.json").write_text(json.dumps(res, indent=2) + "\n")
    (RESULTS / "bench_national.md").write_text(markdown(res))
    print(markdown(res))
