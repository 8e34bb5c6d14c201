"""Batch benchmark: ``ucj batch`` against the strongest reasonable baseline, on the same reports.

The work: the real report notebook ``notebooks/02_regency_forecast.ipynb`` for 6 synthetic
regencies (``ucj synth --n 6``), with the same parameters every way (``n_draws=200``,
``as_of=2026-11-29``, the other defaults), 2 reports at a time. Every way is one command started
from scratch (its interpreter start-up counts) and writes the executed notebooks and HTML reports
to a new folder.

The ways, run in the same session, interleaved (round 1: A B C D E, round 2: A B C D E, ...):

``pool``
    The baseline: what a competent user writes. ``benchmarks/bench_batch_pool.py``: a
    ``ProcessPoolExecutor`` with 2 workers, each calling ``papermill.execute_notebook`` (kernel
    ``ucj``) and ``nbconvert.HTMLExporter(exclude_input=True)`` in-process.
``pool_cache``
    The same pool with ``UCJ_CACHE_DIR`` set to a new folder, so the kernels share the pooled
    trend's backtest on disk as they do under ``ucj batch`` (the variable is read by
    ``ucj_analysis.report.data``; ``ucj batch`` sets it, a user would have to know it).
``cli``
    For reference: the command-line loop, ``papermill`` CLI then ``jupyter nbconvert --to html
    --no-input`` CLI per report, 2 reports at a time (like ``xargs -P 2``).
``ucj_fork``
    The candidate: ``ucj batch FILE --jobs 2 --force --only R ...`` (kernels forked from the kernel
    factory, the default on Linux). It also writes the index, the summary tables and one PDF
    summary per regency, which no baseline does.
``ucj_spawn``
    The same with ``--kernel-mode spawn`` (every kernel started from scratch): how much the kernel
    factory itself saves.
``floor``
    Not a runner: ``benchmarks/bench_floor.py``, the same tasks' code cells run in-process in
    worker processes forked after the imports and the data preparation, with no kernel, notebook
    file, HTML or summaries. No runner of these notebooks can take less; ``pool / floor`` is the
    most any runner could gain over the baseline.

Ratios are ``way / ucj_fork`` of the same round; reported as the median and min-max over the
rounds. The recorded values (``ucj_analysis.record``) of every report are compared across ways
and rounds. Also measured (3 times each): a kernel started to ready from scratch and forked from
the factory.

Every way runs ``ucj_analysis/``, ``data/`` and the notebook of the current commit (``git archive
HEAD``, first on ``PYTHONPATH``, kernels included), so edits to the working tree during the run
do not change the work between rounds.

Usage::

    .venv/bin/python benchmarks/bench_batch.py [--regencies 6] [--jobs 2] [--repeats 3]

Writes ``benchmarks/results/bench_batch.json`` and ``bench_batch.md``.
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_sim_cache import git_snapshot  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
BIN = Path(sys.executable).parent
NOTEBOOK_NAME = "02_regency_forecast.ipynb"

#: Every way, in the order of a round, with its description in the results.
WAYS = {
    "pool": "process pool (2 workers): `papermill.execute_notebook` + "
    "`nbconvert.HTMLExporter(exclude_input=True)` in-process",
    "pool_cache": "the same pool, kernels sharing the backtest cache (`UCJ_CACHE_DIR`)",
    "cli": "command-line loop: `papermill` CLI then `jupyter nbconvert --to html --no-input` "
    "CLI per report, 2 at a time",
    "ucj_fork": "`ucj batch --jobs 2 --force --kernel-mode fork` (kernels forked from the factory)",
    "ucj_spawn": "`ucj batch --jobs 2 --force --kernel-mode spawn` (every kernel from scratch)",
    "floor": "floor, not a runner: the same code cells in-process in 2 forked workers, after "
    "one import and data preparation; no kernel, notebook, HTML or summaries "
    "(`benchmarks/bench_floor.py`)",
}
CANDIDATE = "ucj_fork"


def run(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> None:
    """Run a command; raise with the end of its error output on failure."""
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")


def read_records(folder: Path, slugs: list[str]) -> dict[str, dict]:
    """``slug -> recorded values`` of the executed notebooks ``folder/<slug>.ipynb``."""
    from ucj_analysis.render import read_records as records_of

    return {s: records_of(nbformat.read(folder / f"{s}.ipynb", as_version=4)) for s in slugs}


def kernel_start_seconds(fork: bool, n: int = 3) -> list[float]:
    """Seconds from start to ready of ``n`` kernels (from scratch, or forked from the factory)."""
    from jupyter_core.utils import run_sync

    from ucj_analysis.batch import kernels

    choice = kernels.resolve_kernel()
    zygote = kernels.KernelZygote(choice.python, kernels.DEFAULT_PRELOAD, None, choice.python_args)
    zygote.ready_info  # noqa: B018 - wait for the factory (excluded from the timing)
    km_class = kernels._kernel_manager_class(choice, zygote if fork else None, None)

    async def once() -> float:
        t0 = time.perf_counter()
        km = km_class(kernel_name=choice.name)
        await km.start_kernel()
        kc = km.client()
        kc.start_channels()
        await kc.wait_for_ready(timeout=60)
        seconds = time.perf_counter() - t0
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
        return seconds

    try:
        return [run_sync(once)() for _ in range(n)]
    finally:
        zygote.close()


def spread(values: list[float], digits: int = 2) -> dict:
    """Median, min and max of ``values``, and the values, rounded."""
    return {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "runs": [round(v, digits) for v in values],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--regencies", type=int, default=6, help="synthetic regencies")
    parser.add_argument("--jobs", type=int, default=2, help="reports at the same time")
    parser.add_argument("--repeats", type=int, default=3, help="rounds of every way")
    parser.add_argument("--n-draws", type=int, default=200, help="Monte Carlo draws per report")
    parser.add_argument("--as-of", default="2026-11-29", help="run date of the reports")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="ucj-bench-"))
    paths = ["pyproject.toml", "ucj_analysis", "data", f"notebooks/{NOTEBOOK_NAME}"]
    code = git_snapshot("HEAD", work / "code", paths)
    notebook = code / "notebooks" / NOTEBOOK_NAME
    sys.path.insert(0, str(code))  # this process, too, uses the copy

    from ucj_analysis.batch import slugify
    from ucj_analysis.synthetic import synthetic_regency_names

    env = {k: v for k, v in os.environ.items() if k != "UCJ_CACHE_DIR"}
    env["PYTHONWARNINGS"] = "ignore"
    env["PYTHONPATH"] = os.pathsep.join([str(code), *filter(None, [env.get("PYTHONPATH")])])
    data = work / "data"
    run([str(BIN / "ucj"), "synth", "--n", str(args.regencies), "--out", str(data)], env)
    regencies = synthetic_regency_names(args.regencies)
    slugs = [slugify(r) for r in regencies]
    params = {"n_draws": args.n_draws, "as_of": args.as_of}
    batch = work / "batch.json"  # JSON is YAML
    batch.write_text(
        json.dumps({"data_dir": str(data), "parameters": params, "notebooks": [str(notebook)]})
    )
    only = [a for r in regencies for a in ("--only", r)]
    load_start = os.getloadavg()[0]

    def ucj(out: Path, *extra: str) -> Path:
        cmd = [str(BIN / "ucj"), "batch", str(batch), "--out", str(out), "--no-progress"]
        run([*cmd, "--jobs", str(args.jobs), "--force", *only, *extra], env)
        return out / notebook.stem

    def pool(out: Path, cache: Path | None = None) -> Path:
        cmd = [sys.executable, str(ROOT / "benchmarks" / "bench_batch_pool.py"), str(notebook),
               str(out), "--data-dir", str(data), "--jobs", str(args.jobs)]  # fmt: skip
        cmd += [a for r in regencies for a in ("--regency", r)]
        cmd += [a for k, v in params.items() for a in ("-p", f"{k}={v}")]
        run(cmd, env if cache is None else {**env, "UCJ_CACHE_DIR": str(cache)})
        return out

    def cli(out: Path) -> Path:
        out.mkdir()

        def one(regency: str) -> None:
            nb_out = out / f"{slugify(regency)}.ipynb"
            cmd = [str(BIN / "papermill"), str(notebook), str(nb_out), "-k", "ucj",
                   "--cwd", str(notebook.parent), "--no-progress-bar",
                   "-p", "regency", regency, "-p", "data_dir", str(data)]  # fmt: skip
            run(cmd + [a for k, v in params.items() for a in ("-p", k, str(v))], env)
            run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb_out)], env)

        with ThreadPoolExecutor(args.jobs) as lanes:
            list(lanes.map(one, regencies))
        return out

    def floor(out: Path) -> None:
        cmd = [sys.executable, str(ROOT / "benchmarks" / "bench_floor.py"), str(batch),
               "--data-dir", str(data), "--jobs", str(args.jobs), *only]  # fmt: skip
        run(cmd, env, cwd=code)
        return None  # writes nothing: no recorded values to compare

    ways = {
        "pool": lambda out: pool(out),
        "pool_cache": lambda out: pool(out, cache=out.with_name(out.name + "-cache")),
        "cli": cli,
        "ucj_fork": lambda out: ucj(out, "--kernel-mode", "fork"),
        "ucj_spawn": lambda out: ucj(out, "--kernel-mode", "spawn"),
        "floor": floor,
    }
    seconds: dict[str, list[float]] = {w: [] for w in ways}
    reference: dict[str, dict] | None = None
    mismatches: list[str] = []
    for r in range(1, args.repeats + 1):
        for way, fn in ways.items():
            out = work / f"{way}-{r}"
            t0 = time.perf_counter()
            folder = fn(out)
            seconds[way].append(time.perf_counter() - t0)
            print(f"round {r} {way}: {seconds[way][-1]:.1f} s", flush=True)
            if folder is None:
                continue
            records = read_records(folder, slugs)
            if reference is None:
                reference = records
            mismatches += [
                f"{way} round {r}: {s}"
                for s in slugs
                if not records[s] or records[s] != reference[s]
            ]
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(out.with_name(out.name + "-cache"), ignore_errors=True)

    ratios = {}
    for way in ways:
        if way != CANDIDATE:
            paired = [b / c for b, c in zip(seconds[way], seconds[CANDIDATE], strict=True)]
            ratios[f"{way}_over_{CANDIDATE}"] = spread(paired)
    for way in ("pool", CANDIDATE):  # what a runner adds to the floor; the most it could gain
        paired = [a / f for a, f in zip(seconds[way], seconds["floor"], strict=True)]
        ratios[f"{way}_over_floor"] = spread(paired)
    n_reports = len(regencies)
    result = {
        "benchmark": "bench_batch",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_avg_1min_at_start": round(load_start, 2),
            "load_avg_1min_at_end": round(os.getloadavg()[0], 2),
        },
        "code": "ucj_analysis/, data/ and the notebook of the commit checked out at the start "
        "(git archive HEAD), used by every way",
        "notebook": NOTEBOOK_NAME,
        "regencies": n_reports,
        "reports": n_reports,
        "jobs": args.jobs,
        "parameters": params,
        "repeats": args.repeats,
        "order": "interleaved: " + " ".join(ways) + ", repeated",
        "baseline": "pool",
        "candidate": CANDIDATE,
        "ways": {
            w: {
                "description": WAYS[w],
                "seconds": spread(seconds[w]),
                "per_report_median_s": round(statistics.median(seconds[w]) / n_reports, 2),
            }
            for w in ways
        },
        "ratios": ratios,
        "kernel_start": {
            "from_scratch_s": spread(kernel_start_seconds(fork=False)),
            "forked_s": spread(kernel_start_seconds(fork=True)),
        },
        "same_records": not mismatches,
        "mismatches": mismatches,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_batch.json").write_text(json.dumps(result, indent=1) + "\n")
    (RESULTS / "bench_batch.md").write_text(markdown(result))
    print(markdown(result))
    shutil.rmtree(work, ignore_errors=True)
    if mismatches:
        sys.exit(f"recorded values differ: {mismatches}")


def markdown(r: dict) -> str:
    """The results as a short Markdown page."""
    m = r["machine"]
    p = r["parameters"]
    lines = [
        "# Batch benchmark (`benchmarks/bench_batch.py`)",
        "",
        f"{r['date']}, {m['cpus']} CPUs, Python {m['python']}; 1-minute load average "
        f"{m['load_avg_1min_at_start']:.1f} at the start, {m['load_avg_1min_at_end']:.1f} at "
        "the end (shared machine).",
        f"The work: `notebooks/{r['notebook']}` for {r['regencies']} synthetic regencies "
        f"(`ucj synth`), `n_draws={p['n_draws']}`, `as_of={p['as_of']}`, {r['jobs']} reports at "
        f"a time; {r['repeats']} rounds, ways interleaved within each round. Recorded values "
        "identical across ways and rounds: "
        + ("yes." if r["same_records"] else "NO: " + ", ".join(r["mismatches"])),
        "",
        f"| way | median [s] | min–max [s] | per report [s] | time / `ucj batch` (median, "
        f"min–max of {r['repeats']} rounds) |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, way in r["ways"].items():
        s = way["seconds"]
        ratio = r["ratios"].get(f"{key}_over_{r['candidate']}")
        shown = f"{ratio['median']:.2f} ({ratio['min']:.2f}–{ratio['max']:.2f})" if ratio else "1"
        lines.append(
            f"| `{key}`: {way['description']} | {s['median']:.1f} | {s['min']:.1f}–{s['max']:.1f}"
            f" | {way['per_report_median_s']:.2f} | {shown} |"
        )
    ks = r["kernel_start"]
    pf, cf = r["ratios"]["pool_over_floor"], r["ratios"][f"{r['candidate']}_over_floor"]
    lines += [
        "",
        f"Against the floor (the notebook's own work, no runner): the pool took "
        f"{pf['median']:.2f}× ({pf['min']:.2f}–{pf['max']:.2f}) its time, round by round: the "
        "most any runner of this notebook could gain over the pool on this machine, with nothing "
        f"but the notebook left to run. `ucj batch` took {cf['median']:.2f}× ({cf['min']:.2f}–"
        f"{cf['max']:.2f}) the floor's time "
        "(with the index, the summary tables and the PDF summaries it writes).",
        "",
        "Kernel start to ready (3 kernels each, median and min–max): from scratch "
        f"{ks['from_scratch_s']['median']:.2f} s ({ks['from_scratch_s']['min']:.2f}–"
        f"{ks['from_scratch_s']['max']:.2f}), forked from the kernel factory "
        f"{ks['forked_s']['median']:.2f} s ({ks['forked_s']['min']:.2f}–"
        f"{ks['forked_s']['max']:.2f}); a kernel from scratch then still imports pandas, "
        "statsmodels and matplotlib when the notebook runs.",
        "",
        "The baseline is `pool` (`benchmarks/bench_batch_pool.py`). `ucj batch` also writes the",
        "index page, summary.csv/summary.xlsx and one PDF summary per regency, which no other way",
        "does. `pool_cache` shows how much of the gap is the shared backtest cache; `ucj_spawn`",
        "how much is the kernel factory.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
