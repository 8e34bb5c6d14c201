"""Dask: ``ucj batch --executor dask`` on a ``LocalCluster`` of 2 workers against 1 worker.

The work: the forecast notebook ``02_regency_forecast.ipynb`` for ``--regencies`` synthetic
regencies (``ucj synth``), ``n_draws=200``, ``as_of=2026-11-29``, the other defaults. Each way is
one command started from scratch, writing to a new folder:

``dask_1``
    ``ucj batch FILE --executor dask --jobs 1``: a ``distributed.LocalCluster`` with one worker
    process (``threads_per_worker=1``), which runs one report (one kernel) at a time.
``dask_2``
    The same with ``--jobs 2``: two worker processes.

Rounds interleave the ways; the speed-up is ``dask_1 / dask_2`` wall time of the same round
(median and min-max). The recorded values are compared between ways and rounds.

Memory: every 0.2 s the process tree of the batch is sampled (``psutil``). A worker is the
process that launched a kernel (``ipykernel_launcher``) or the kernel factory that forks them
(``ucj_analysis/batch/factory.py``, the default on Linux); its kernels are among its descendants.
"With its kernel" adds the proportional set size (PSS) of every descendant, so the memory a forked
kernel shares with its factory is counted once.
Reported per way: the peak RSS of a worker process itself, and the peak of its RSS plus the PSS
of its descendants (its kernel factory and the kernel it runs). CPU: the user + system seconds of
every process of the batch's tree, read at each sample, and the cores it kept busy on average
(CPU / wall): with 2 cores, 2 workers cannot be faster than 2 / (cores busy with 1 worker).

The code, data and notebook are copied from the working tree at the start (first on
``PYTHONPATH``), so edits made elsewhere during the run do not change the work.

Usage::

    .venv/bin/python benchmarks/bench_dask.py [--regencies 4] [--repeats 3]

Writes ``benchmarks/results/bench_dask.json`` and ``bench_dask.md``.
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
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_sim_cache import records, snapshot, spread  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
BIN = Path(sys.executable).parent
AS_OF = "2026-11-29"
NOTEBOOK = "02_regency_forecast.ipynb"
MIB = 2**20


def _pss(p: psutil.Process) -> int:
    """Proportional set size of ``p`` [bytes] (RSS where the system does not report it)."""
    try:
        return p.memory_full_info().pss
    except (AttributeError, psutil.AccessDenied):
        return p.memory_info().rss


class TreeSampler:
    """Peak RSS of each worker (a child of ``pid``) alone and with its descendants."""

    def __init__(self, pid: int, every: float = 0.2):
        self.root = psutil.Process(pid)
        self.every = every
        self.worker_peak: dict[int, float] = {}
        self.tree_peak: dict[int, float] = {}
        self.cpu: dict[tuple[int, float], float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                below = self.root.children(recursive=True)
            except psutil.Error:
                below = []
            for p in [self.root, *below]:  # CPU seconds of every process of the tree
                try:
                    t = p.cpu_times()
                    key = (p.pid, p.create_time())
                    self.cpu[key] = max(self.cpu.get(key, 0.0), t.user + t.system)
                except psutil.Error:
                    pass
            workers = {}
            for p in below:  # a worker launched a kernel or a kernel factory
                try:
                    cmd = " ".join(p.cmdline())
                    parent = p.parent()
                    if parent is None:
                        continue
                    if "ipykernel_launcher" in cmd or (
                        "_zygote_main" in cmd and "_zygote_main" not in " ".join(parent.cmdline())
                    ):
                        workers[parent.pid] = parent
                except psutil.Error:
                    pass
            for pid, w in workers.items():
                try:
                    rss = w.memory_info().rss
                    # proportional set size: pages a forked kernel shares with its factory
                    # are counted once, not once per process
                    kids = sum(_pss(k) for k in w.children(recursive=True))
                except psutil.Error:
                    continue
                self.worker_peak[pid] = max(self.worker_peak.get(pid, 0), rss)
                self.tree_peak[pid] = max(self.tree_peak.get(pid, 0), rss + kids)
            self._stop.wait(self.every)

    def stop(self) -> tuple[float, float, int]:
        """``(peak worker RSS [MiB], peak worker + kernel RSS [MiB], workers seen)``."""
        self._stop.set()
        self._thread.join()
        pids = list(self.tree_peak)
        if not pids:
            return float("nan"), float("nan"), 0
        return (
            max(self.worker_peak[p] for p in pids) / MIB,
            max(self.tree_peak[p] for p in pids) / MIB,
            len(pids),
        )


def main(n_regencies: int, repeats: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-dask-"))
    code = snapshot(work / "code")
    sys.path.insert(0, str(code))
    from ucj_analysis.synthetic import synthetic_regency_names

    env = {k: v for k, v in os.environ.items() if k not in ("UCJ_CACHE_DIR", "UCJ_SIM_CACHE")}
    env["PYTHONWARNINGS"] = "ignore"
    env["PYTHONPATH"] = os.pathsep.join([str(code), *filter(None, [env.get("PYTHONPATH")])])
    data = work / "data"
    subprocess.run(
        [str(BIN / "ucj"), "synth", "--n", str(n_regencies), "--out", str(data)],
        env=env,
        check=True,
        capture_output=True,
    )
    regencies = synthetic_regency_names(n_regencies)
    batch = work / "batch.json"  # JSON is YAML
    batch.write_text(
        json.dumps(
            {
                "data_dir": str(data),
                "parameters": {"n_draws": 200, "as_of": AS_OF},
                "notebooks": [str(code / "notebooks" / NOTEBOOK)],
            }
        )
    )
    only = [a for r in regencies for a in ("--only", r)]
    ways = {"dask_1": 1, "dask_2": 2}
    seconds = {w: [] for w in ways}
    memory = {w: [] for w in ways}
    cpu: dict[str, list[float]] = {w: [] for w in ways}
    reference, mismatches = None, []
    load_start = os.getloadavg()[0]
    for r in range(repeats):
        for way, jobs in ways.items():
            out = work / f"{way}-{r}"
            cmd = [str(BIN / "ucj"), "batch", str(batch), "--out", str(out), "--no-progress"]
            cmd += ["--executor", "dask", "--jobs", str(jobs), "--force", *only]
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                cmd, env=env, cwd=code, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            sampler = TreeSampler(proc.pid)
            stdout, stderr = proc.communicate()
            seconds[way].append(time.perf_counter() - t0)
            w_rss, tree_rss, n_workers = sampler.stop()
            memory[way].append(
                {"worker_mib": w_rss, "worker_and_kernel_mib": tree_rss, "workers": n_workers}
            )
            cpu[way].append(sum(sampler.cpu.values()))
            if proc.returncode != 0:
                raise RuntimeError(f"{way} round {r} failed:\n{stdout[-2000:]}{stderr[-3000:]}")
            got = records(out)
            if reference is None:
                reference = got
            elif got != reference:
                mismatches += [f"{way}-{r}:{k}" for k in got if got[k] != reference.get(k)]
            print(f"round {r + 1} {way}: {seconds[way][-1]:.1f} s, {memory[way][-1]}", flush=True)
    ratios = [a / b for a, b in zip(seconds["dask_1"], seconds["dask_2"], strict=True)]
    shutil.rmtree(work, ignore_errors=True)

    def peak(way: str, key: str) -> float:
        return round(max(m[key] for m in memory[way]), 1)

    return {
        "benchmark": "bench_dask",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "work": f"notebooks/{NOTEBOOK} for {n_regencies} synthetic regencies, n_draws=200, "
        f"as_of={AS_OF}",
        "reports": n_regencies,
        "repeats": repeats,
        "ways": {
            w: {
                "workers": ways[w],
                "seconds": spread(seconds[w], 1),
                "peak_worker_rss_mib": peak(w, "worker_mib"),
                "peak_worker_and_kernel_rss_mib": peak(w, "worker_and_kernel_mib"),
                "memory_by_round": memory[w],
                "cpu_seconds": spread(cpu[w], 1),
                "cores_busy": spread([c / t for c, t in zip(cpu[w], seconds[w], strict=True)]),
            }
            for w in ways
        },
        "speedup_2_over_1": spread(ratios),
        "target_speedup": 1.7,
        "meets_target": statistics.median(ratios) >= 1.7,
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
            "# Dask LocalCluster, 2 workers against 1 (`benchmarks/bench_dask.py`)",
            "",
            f"Measured {r['date']}. The work: {r['work']} ({r['reports']} reports); "
            "`ucj batch --executor dask --jobs N` (a `LocalCluster` of N worker processes, one "
            f"thread each), {r['repeats']} rounds with the ways interleaved; 1-minute load "
            f"average {r['load_avg_1min_at_start']} at the start and {r['load_avg_1min_at_end']} "
            "at the end (2 cores shared with other jobs). Recorded values identical in every way "
            "and round: " + ("yes." if r["same_records"] else "NO: " + ", ".join(r["mismatches"])),
            "",
            "| workers | wall time, median (min–max) | CPU time of the process tree | cores busy "
            "on average (CPU / wall) | peak RSS of a worker | "
            "peak RSS of a worker + PSS of its kernel factory and kernel |",
            "|---|---|---|---|---|---|",
            *(
                f"| {w[k]['workers']} | {span(w[k]['seconds'])} | {span(w[k]['cpu_seconds'])} | "
                f"{span(w[k]['cores_busy'], '')} | {w[k]['peak_worker_rss_mib']} "
                f"MiB | {w[k]['peak_worker_and_kernel_rss_mib']} MiB |"
                for k in w
            ),
            "",
            "CPU time: every process of the batch's tree (batch, scheduler, nannies, workers, "
            "kernel factories, kernels), read every 0.2 s with `psutil`; the last 0.2 s of a "
            "process that ends between two readings is missed, so it is a slight undercount. "
            "With 2 cores, 2 workers can be at most 2 / (cores busy with 1 worker) times as fast.",
            "",
            f"Speed-up of 2 workers over 1 per round: **{span(r['speedup_2_over_1'], 'x')}** "
            f"(target {r['target_speedup']}x: "
            + ("met" if r["meets_target"] else "not met")
            + "). With other jobs on the 2 cores, a second worker competes with them for the "
            "same cores.",
            "",
        ]
    )


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--regencies", type=int, default=4)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    res = main(a.regencies, a.repeats)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_dask.json").write_text(json.dumps(res, indent=2) + "\n")
    (RESULTS / "bench_dask.md").write_text(markdown(res))
    print(markdown(res))
