"""Batch benchmark: ``ucj batch`` vs the straightforward papermill + nbconvert loop, same reports.

Baseline ("the straightforward way"): for every report, one after the other,

    papermill NB OUT.ipynb -k ucj -p regency R -p data_dir D
    jupyter nbconvert --to html --no-input OUT.ipynb

``ucj batch`` runs the same reports (``--jobs 2 --force``, so nothing is skipped) as one command.
The reports: 4 small benchmark notebooks (each imports numpy/pandas/statsmodels/matplotlib, reads
the regency row from the data folder, fits one statsmodels model -- OLS, exponential smoothing,
ARIMA or a binomial GLM -- on a 72-month series and draws a chart) x 6 synthetic regencies.

Also measured, to show where the time goes: CLI start-up of papermill and nbconvert, heavy imports
in a fresh interpreter, a kernel started from scratch vs forked from the kernel factory, in-process
HTML rendering, ``ucj batch`` with ``--kernel-mode spawn`` (parallel + in-process HTML, but every
kernel imports everything) and with ``--jobs 1``, and a rerun where every report is unchanged.
The recorded values of both ways are compared (same numbers).

Usage::

    .venv/bin/python benchmarks/bench_batch.py [--notebooks 4] [--regencies 6] [--jobs 2]

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
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
BIN = Path(sys.executable).parent

MODELS = {
    "ols": (
        "OLS on logit coverage",
        "fit = sm.OLS(np.asarray(y), sm.add_constant(t)).fit()\n"
        "b = np.asarray(fit.params)\n"
        "fitted = pd.Series(fit.fittedvalues, index=y.index)\n"
        "ahead = b[0] + b[1] * (t[-1] + np.arange(1, 25) / 12)\n"
        "slope = float(b[1])",
    ),
    "ets": (
        "Exponential smoothing (additive trend)",
        "fit = sm.tsa.ExponentialSmoothing(y, trend='add', initialization_method='estimated')"
        ".fit()\n"
        "fitted = fit.fittedvalues\n"
        "ahead = np.asarray(fit.forecast(24))\n"
        "slope = float((ahead[-1] - y.iloc[-1]) / 2)",
    ),
    "arima": (
        "ARIMA(1,1,0) with drift",
        "fit = sm.tsa.ARIMA(y, order=(1, 1, 0), trend='t').fit()\n"
        "fitted = fit.fittedvalues.iloc[1:]\n"
        "ahead = np.asarray(fit.forecast(24))\n"
        "slope = float((ahead[-1] - y.iloc[-1]) / 2)",
    ),
    "glm": (
        "Binomial GLM (logistic trend)",
        "fit = sm.GLM(cov, sm.add_constant(t), family=sm.families.Binomial()).fit()\n"
        "b = np.asarray(fit.params)\n"
        "p = np.asarray(fit.fittedvalues)\n"
        "fitted = pd.Series(np.log(p / (1 - p)), index=y.index)\n"
        "ahead = b[0] + b[1] * (t[-1] + np.arange(1, 25) / 12)\n"
        "slope = float(b[1])",
    ),
}


def make_notebook(index: int, model: str) -> nbformat.NotebookNode:
    """A small report notebook: imports, data row, one statsmodels fit, a chart, records."""
    title, fit_code = MODELS[model]
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "ucj",
        "display_name": "Python (ucj)",
        "language": "python",
    }
    nb.cells = [
        new_markdown_cell(f"# Benchmark {index:02d}: {title}"),
        new_code_cell(
            'regency: str = "Sintetis 001"  # regency name\ndata_dir: str = ""  # data folder\n',
            metadata={"tags": ["parameters"]},
        ),
        new_code_cell(
            "import zlib\n\nimport matplotlib.pyplot as plt\nimport numpy as np\n"
            "import pandas as pd\nimport statsmodels.api as sm\n\n"
            "from ucj_analysis.record import record"
        ),
        new_code_cell(
            "row = pd.read_csv(f'{data_dir}/regencies.csv').set_index('regency').loc[regency]\n"
            "rng = np.random.default_rng(zlib.crc32(regency.encode()))\n"
            "t = np.arange(72) / 12\n"
            "logit = -1.2 + 0.02 * row['workforce_growth_pct'] + 0.25 * t "
            "+ rng.normal(0, 0.05, 72)\n"
            "cov = 1 / (1 + np.exp(-logit))\n"
            "y = pd.Series(logit, index=pd.period_range('2019-01', periods=72, freq='M')"
            ".to_timestamp())\n"
            "pd.DataFrame({'coverage_pct': (cov[-6:] * 100).round(2)}, index=y.index[-6:])"
        ),
        new_code_cell(fit_code),
        new_code_cell(
            "fig, ax = plt.subplots(figsize=(7, 3.5))\n"
            "ax.plot(y.index, 100 / (1 + np.exp(-y)), label='observed')\n"
            "ax.plot(fitted.index, 100 / (1 + np.exp(-fitted)), label='fitted')\n"
            "future = pd.date_range(y.index[-1], periods=25, freq='MS')[1:]\n"
            "ax.plot(future, 100 / (1 + np.exp(-np.asarray(ahead))), '--', label='forecast')\n"
            "ax.set_ylabel('coverage [%]')\nax.set_title(regency)\nax.legend()\nplt.show()"
        ),
        new_code_cell(
            "record('slope_logit_per_year', round(slope, 6))\n"
            "record('coverage_in_2_years_pct', round(float(100 / (1 + np.exp(-ahead[-1]))), 4))\n"
            "record('population', int(row['population']))"
        ),
    ]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"bench-{index}-{i}"
    return nb


def run(cmd: list[str], **kw) -> float:
    """Run a command, return wall seconds; raise with its output on failure."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    seconds = time.perf_counter() - t0
    if proc.returncode not in kw.pop("ok_codes", (0,)):
        raise RuntimeError(f"{cmd[:3]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return seconds


def median_of(fn, n: int = 3) -> float:
    return statistics.median(fn() for _ in range(n))


def kernel_start_seconds(fork: bool) -> float:
    """Start one kernel, wait until ready, shut it down (from scratch, or forked)."""
    from jupyter_core.utils import run_sync

    from ucj_analysis import runner

    choice = runner.resolve_kernel()
    zygote = runner.KernelZygote(choice.python, runner.DEFAULT_PRELOAD, None, choice.python_args)
    zygote.ready_info  # noqa: B018 - wait for the factory (excluded from the timing)
    km_class = runner._kernel_manager_class(choice, zygote if fork else None, None)

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
        return median_of(run_sync(once))
    finally:
        zygote.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notebooks", type=int, default=4, help="benchmark notebooks (1-4)")
    parser.add_argument("--regencies", type=int, default=6, help="synthetic regencies")
    parser.add_argument("--jobs", type=int, default=2, help="ucj batch --jobs")
    args = parser.parse_args()

    from ucj_analysis import render, synthetic

    work = Path(tempfile.mkdtemp(prefix="ucj-bench-"))
    data = synthetic.write_synthetic_dataset(
        synthetic.make_synthetic_dataset(args.regencies, seed=1), work / "data", seed=1
    )
    regencies = synthetic.synthetic_regency_names(args.regencies)
    nb_dir = work / "notebooks"
    nb_dir.mkdir()
    notebooks = []
    for i, model in enumerate(list(MODELS)[: args.notebooks], start=1):
        path = nb_dir / f"{i:02d}_bench_{model}.ipynb"
        nbformat.write(make_notebook(i, model), path)
        notebooks.append(path)
    batch = work / "bench.yaml"
    batch.write_text(
        json.dumps(
            {
                "data_dir": str(data),
                "regencies": regencies,
                "notebooks": [str(p) for p in notebooks],
            }
        )
    )
    n_reports = len(notebooks) * len(regencies)
    print(f"{n_reports} reports ({len(notebooks)} notebooks x {len(regencies)} regencies)")
    env = dict(os.environ, PYTHONWARNINGS="ignore")

    def ucj_batch(out: Path, *extra: str) -> float:
        cmd = [str(BIN / "ucj"), "batch", str(batch), "--out", str(out), "--no-progress"]
        return run([*cmd, "--jobs", str(args.jobs), *extra], env=env)

    # ---- ucj batch (twice, median), then variants ---------------------------------------------
    ucj_out = work / "ucj"
    ucj_times = [ucj_batch(ucj_out, "--force")]
    print(f"ucj batch: {ucj_times} s")
    dry = subprocess.run(
        [str(BIN / "ucj"), "batch", str(batch), "--out", str(ucj_out), "--dry-run", "--lang",
         "en"], capture_output=True, text=True, env=env,
    ).stdout  # fmt: skip
    would_run = sum(1 for line in dry.splitlines() if "  would run: " in line)
    resume_seconds = ucj_batch(ucj_out)
    spawn_seconds = ucj_batch(work / "ucj_spawn", "--force", "--kernel-mode", "spawn")
    jobs1_seconds = run(
        [str(BIN / "ucj"), "batch", str(batch), "--out", str(work / "ucj_j1"), "--no-progress",
         "--jobs", "1", "--force"], env=env,
    )  # fmt: skip
    print(f"resume {resume_seconds:.1f} s, spawn {spawn_seconds:.1f} s, jobs 1 {jobs1_seconds:.1f}")

    # ---- baseline: papermill CLI then nbconvert CLI per report ---------------------------------
    base_out = work / "baseline"
    base_out.mkdir()
    pm_times, nbc_times = [], []
    t0 = time.perf_counter()
    for nb in notebooks:
        for regency in regencies:
            out_nb = base_out / f"{nb.stem}__{synthetic_slug(regency)}.ipynb"
            pm_times.append(
                run([str(BIN / "papermill"), str(nb), str(out_nb), "-k", "ucj", "-p", "regency",
                     regency, "-p", "data_dir", str(data), "--no-progress-bar"], env=env)
            )  # fmt: skip
            nbc_times.append(
                run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                     str(out_nb)], env=env)
            )  # fmt: skip
    baseline_seconds = time.perf_counter() - t0
    print(f"baseline: {baseline_seconds:.1f} s")
    ucj_times.append(ucj_batch(ucj_out, "--force"))  # once before, once after the baseline
    ucj_seconds = statistics.median(ucj_times)

    # ---- same numbers? -----------------------------------------------------------------------
    mismatches = []
    for nb in notebooks:
        for regency in regencies:
            slug = synthetic_slug(regency)
            ours = render.read_records(
                nbformat.read(ucj_out / nb.stem / f"{slug}.ipynb", as_version=4)
            )
            theirs = render.read_records(
                nbformat.read(base_out / f"{nb.stem}__{slug}.ipynb", as_version=4)
            )
            if ours != theirs or not ours:
                mismatches.append(f"{nb.stem}/{slug}")

    # ---- components ----------------------------------------------------------------------------
    comp = {
        "papermill_cli_startup_s": median_of(
            lambda: run([str(BIN / "papermill"), "--help"], env=env)
        ),
        "nbconvert_cli_startup_s": median_of(
            lambda: run([str(BIN / "jupyter"), "nbconvert", "--help"], env=env)
        ),
        "heavy_imports_fresh_python_s": median_of(
            lambda: run(
                [sys.executable, "-c", "import pandas, statsmodels.api, matplotlib.pyplot"],
                env=env,
            )
        ),
        "kernel_start_from_scratch_s": kernel_start_seconds(fork=False),
        "kernel_start_forked_s": kernel_start_seconds(fork=True),
    }
    example = nbformat.read(ucj_out / notebooks[0].stem / "sintetis-001.ipynb", as_version=4)
    t0 = time.perf_counter()
    for _ in range(3):
        render.notebook_to_html(example, title="x", header={"regency": "x"}, footer={})
    comp["render_html_in_process_s"] = (time.perf_counter() - t0) / 3
    manifest = json.loads((ucj_out / "batch.json").read_text())
    task_secs = [t["seconds"] for t in manifest["tasks"].values()]

    result = {
        "benchmark": "bench_batch",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_avg_1min_at_end": os.getloadavg()[0],
        },
        "reports": n_reports,
        "notebooks": len(notebooks),
        "regencies": len(regencies),
        "jobs": args.jobs,
        "baseline_s": round(baseline_seconds, 2),
        "baseline_per_report_s": round(baseline_seconds / n_reports, 3),
        "baseline_papermill_median_s": round(statistics.median(pm_times), 3),
        "baseline_nbconvert_median_s": round(statistics.median(nbc_times), 3),
        "ucj_batch_s": round(ucj_seconds, 2),
        "ucj_batch_runs_s": [round(x, 2) for x in ucj_times],
        "ucj_per_report_s": round(ucj_seconds / n_reports, 3),
        "speedup": round(baseline_seconds / ucj_seconds, 2),
        "ucj_task_median_s": round(statistics.median(task_secs), 3),
        "ucj_spawn_s": round(spawn_seconds, 2),
        "ucj_jobs1_s": round(jobs1_seconds, 2),
        "ucj_resume_unchanged_s": round(resume_seconds, 2),
        "ucj_resume_would_run": would_run,
        "components": {k: round(v, 3) for k, v in comp.items()},
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


def synthetic_slug(regency: str) -> str:
    from ucj_analysis.runner import slugify

    return slugify(regency)


def markdown(r: dict) -> str:
    """The results as a short Markdown page."""
    c = r["components"]
    n = r["reports"]
    base = r["baseline_s"]
    ways = [
        ("baseline: `papermill` CLI then `jupyter nbconvert --to html --no-input` CLI, per report",
         base, 1.0),
        (f"`ucj batch --jobs {r['jobs']}` (kernels forked from a pre-imported factory)",
         r["ucj_batch_s"], base / r["ucj_batch_s"]),
        (f"`ucj batch --jobs {r['jobs']} --kernel-mode spawn` (every kernel imports everything)",
         r["ucj_spawn_s"], base / r["ucj_spawn_s"]),
        ("`ucj batch --jobs 1` (fork)", r["ucj_jobs1_s"], base / r["ucj_jobs1_s"]),
    ]  # fmt: skip
    lines = [
        "# Batch benchmark (`benchmarks/bench_batch.py`)",
        "",
        f"{r['date']}, {r['machine']['cpus']} CPUs, Python {r['machine']['python']}; 1-minute "
        f"load average at the end {r['machine']['load_avg_1min_at_end']:.1f} (shared machine).",
        f"{n} reports = {r['notebooks']} benchmark notebooks (numpy/pandas/statsmodels/matplotlib, "
        f"one model fit, one chart) x {r['regencies']} synthetic regencies. Recorded values "
        "identical both ways: "
        + ("yes." if r["same_records"] else "NO: " + ", ".join(r["mismatches"])),
        "",
        "| way | total [s] | per report [s] | speed-up |",
        "|---|---:|---:|---:|",
    ]
    for name, total, ratio in ways:
        lines.append(f"| {name} | {total:.1f} | {total / n:.2f} | {ratio:.1f}x |")
    lines.append(
        f"| `ucj batch` rerun, inputs unchanged (resume; {r['ucj_resume_would_run']} of {n} "
        f"reports rerun) | {r['ucj_resume_unchanged_s']:.1f} | - | - |"
    )
    steps = [
        ("baseline per report: papermill CLI (start-up, kernel, imports, run)",
         r["baseline_papermill_median_s"]),
        ("baseline per report: nbconvert CLI", r["baseline_nbconvert_median_s"]),
        ("`papermill --help` (CLI start-up only)", c["papermill_cli_startup_s"]),
        ("`jupyter nbconvert --help` (CLI start-up only)", c["nbconvert_cli_startup_s"]),
        ("`import pandas, statsmodels.api, matplotlib.pyplot` in a fresh Python",
         c["heavy_imports_fresh_python_s"]),
        ("kernel start to ready, from scratch", c["kernel_start_from_scratch_s"]),
        ("kernel start to ready, forked from the kernel factory", c["kernel_start_forked_s"]),
        ("HTML rendering in-process (`render.notebook_to_html`)",
         c["render_html_in_process_s"]),
        ("`ucj batch` per report inside the run (kernel, execution, HTML)",
         r["ucj_task_median_s"]),
    ]  # fmt: skip
    lines += ["", "Where the time goes (medians):", "", "| step | seconds |", "|---|---:|"]
    lines += [f"| {name} | {sec:.2f} |" for name, sec in steps]
    lines += [
        "",
        "`ucj batch` pays the CLI start-ups and the heavy imports once per batch instead of once",
        "per report (each report still gets its own fresh kernel process, forked from a factory",
        f"that only imported the libraries), renders HTML in-process and runs {r['jobs']} reports",
        "at a time.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
