"""A batch's bookkeeping at national scale: what recording one finished report costs as the
folder fills, with this code and with the code before the manifest's journal.

The work: what ``ucj batch`` does in its main thread after each report, apart from writing the
report's own files: keep the report's manifest entry and rewrite the index and summary tables
(``index.html``, ``summary.csv``, ``summary.xlsx``) when their pace allows; at the end
``batch.json`` and the index once more. The batch is the national one of
``benchmarks/bench_national.py``: the default batch on 514 synthetic regencies (``ucj synth --n
514``, ``--own``): 1,030 reports. Each report's manifest entry is a real one: the entry of the
same notebook from a batch run here on 2 synthetic regencies (``n_draws=200``; a forecast's
entry, with its recorded values, is about 30 KB), under the report's own key, regency and files.

Reports finish every ``--pace`` seconds (default: the national run's wall time per regency in
``bench_national.json`` over its 2 reports) on a simulated clock (``time.monotonic`` of
``ucj_analysis.batch.run``: the real clock, moved ahead by the pace before each report). Measured
with ``time.process_time`` in a process of each code version (``PYTHONPATH``):

* per fill level k (reports already recorded: 0, a quarter, ..., all but one): the CPU time of
  keeping one report's entry (now: one journal line; before: ``batch.json`` rewritten whole) and
  of one index rewrite, the median of ``--repeats`` repeats;
* ``now``: the whole national batch's bookkeeping, report by report on the simulated clock, and
  the number of index rewrites; ``--repeats`` rounds.
* ``before``: the same whole run took about half an hour of CPU per round here, so it is not
  run; its total is estimated from its per-level costs: every report rewrote ``batch.json`` and,
  arriving more than 2 s after the last rewrite began, the index (linear between the levels).

Usage::

    .venv/bin/python benchmarks/bench_bookkeeping.py [--before COMMIT] [--repeats 3]
        [--pace SECONDS] [--regencies 514]

``--before`` defaults to the parent of the commit that added ``ucj_analysis/batch/journal.py``.
Writes ``benchmarks/results/bench_bookkeeping.json`` and ``bench_bookkeeping.md``.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_sim_cache import git_snapshot, snapshot, spread  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
BIN = Path(sys.executable).parent
AS_OF = "2026-11-29"
NATIONAL = 514
LEVELS = 5  # fill levels measured: 0, 1/4, 1/2, 3/4 and all but one report


# --------------------------------------------------------------------------------------------
# in a process of one code version
# --------------------------------------------------------------------------------------------
class _Clock:
    """``time`` for ``ucj_analysis.batch.run``: ``monotonic`` runs with the real clock and
    jumps ahead by :meth:`wait` (the time between two finished reports)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def monotonic(self) -> float:
        return self.offset + time.perf_counter()

    def wait(self, seconds: float) -> None:
        self.offset += seconds

    def __getattr__(self, name: str):
        return getattr(time, name)


def _entries(templates: dict, task) -> dict:
    entry = copy.deepcopy(templates[task.stem])
    entry.update(regency=task.regency, slug=task.slug, html=task.html, ipynb=task.ipynb,
                 params=dict(task.parameters))  # fmt: skip
    return entry


def _fresh(tasks: list) -> tuple[Path, _Clock, object]:
    """A new output folder, clock and batch state with every task to run and none recorded."""
    from ucj_analysis.batch import decide, run

    out, clock = Path(tempfile.mkdtemp(prefix="bench-bookkeeping-")), _Clock()
    run.time = clock
    state = run._IndexState(out, "id")
    state.start([decide(t, {}, None, out_dir=out) for t in tasks], {})
    state.manifest_doc = {"format": 1, "updated": AS_OF, "data_dir": None, "data_files": []}
    return out, clock, state


def _keep(state, task, entry, journaled: bool) -> None:
    """What ``on_done`` does with a finished report's entry (``ucj_analysis.batch.run``)."""
    state.finished(task, entry)  # now: also its journal line
    if not journaled:
        state.save_manifest()  # before: batch.json rewritten after every report


def worker(data: Path, templates_path: Path, pace: float, repeats: int) -> dict:
    from ucj_analysis.batch import default_batch, plan_batch
    from ucj_analysis.batch import run as run_module

    journaled = hasattr(run_module, "journal")
    templates = json.loads(templates_path.read_text(encoding="utf-8"))
    tasks = plan_batch(default_batch(), data_dir=data, overrides={"as_of": AS_OF}, own=True)
    n = len(tasks)
    levels = sorted({round(i * (n - 1) / (LEVELS - 1)) for i in range(LEVELS)})
    per_level = []
    for k in levels:  # the cost of one report's bookkeeping when k are recorded
        keep, index = [], []
        for _ in range(repeats):
            out, _clock, state = _fresh(tasks)
            for task in tasks[:k]:  # already recorded (untimed)
                state.finished(task, _entries(templates, task))
            state.save_manifest()
            t0 = time.process_time()
            _keep(state, tasks[k], _entries(templates, tasks[k]), journaled)
            keep.append(time.process_time() - t0)
            t0 = time.process_time()
            state.write(force=True)
            index.append(time.process_time() - t0)
            shutil.rmtree(out)
        per_level.append({"recorded": k, "keep_entry": spread(keep, 4), "index": spread(index, 3)})
    whole = []
    if journaled:  # the whole national batch, report by report
        for _ in range(repeats):
            out, clock, state = _fresh(tasks)
            state.save_manifest()
            state.write(force=True)
            writes, during = 0, 0.0
            for task in tasks:
                clock.wait(pace)
                entry = _entries(templates, task)
                last = state._last
                t0 = time.process_time()
                _keep(state, task, entry, journaled)
                state.write()
                during += time.process_time() - t0
                writes += state._last != last
            t0 = time.process_time()
            state.save_manifest()
            state.write(force=True, final=True)
            end = time.process_time() - t0
            size = (out / "batch.json").stat().st_size
            whole.append({"during": during, "end": end, "index_writes": writes, "bytes": size})
            shutil.rmtree(out)
    return {"journaled": journaled, "reports": n, "levels": per_level, "whole": whole}


# --------------------------------------------------------------------------------------------
# the driver
# --------------------------------------------------------------------------------------------
def _default_before() -> str:
    added = subprocess.run(
        ["git", "-C", str(ROOT), "log", "--diff-filter=A", "--format=%H", "--",
         "ucj_analysis/batch/journal.py"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    return f"{added[-1]}^" if added else "HEAD"


def _estimate_before(levels: list[dict], n: int) -> float:
    """CPU seconds of the whole run before: keep + index per report, linear between levels."""
    xs = [lv["recorded"] for lv in levels]
    ys = [lv["keep_entry"]["median"] + lv["index"]["median"] for lv in levels]
    total = 0.0
    for k in range(n):
        i = max(j for j in range(len(xs)) if xs[j] <= k)
        if i == len(xs) - 1:
            total += ys[i]
        else:
            f = (k - xs[i]) / (xs[i + 1] - xs[i])
            total += ys[i] + f * (ys[i + 1] - ys[i])
    return total


def main(before: str, repeats: int, pace: float | None, regencies: int = NATIONAL) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-bookkeeping-"))
    codes = {
        "now": snapshot(work / "now"),
        "before": git_snapshot(before, work / "before", ["pyproject.toml", "ucj_analysis",
                                                          "data", "notebooks"]),
    }  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("UCJ_CACHE_DIR",)}
    env["PYTHONWARNINGS"] = "ignore"
    envs = {w: {**env, "PYTHONPATH": str(c)} for w, c in codes.items()}
    national = json.loads((RESULTS / "bench_national.json").read_text(encoding="utf-8"))
    if pace is None:  # two reports per regency in the national run
        pace = round(national["seconds_per_regency"] / 2, 3)
    ucj = str(BIN / "ucj")
    for n in (2, regencies):
        subprocess.run([ucj, "synth", "--n", str(n), "--out", str(work / f"data-{n}")],
                       env=envs["now"], check=True, capture_output=True)  # fmt: skip
    small = work / "small"
    subprocess.run([ucj, "batch", "--data-dir", str(work / "data-2"), "--own", "--out",
                    str(small), "--jobs", "2", "--no-progress", "--set", "n_draws=200",
                    "--set", f"as_of={AS_OF}"], env=envs["now"], check=True,
                   capture_output=True)  # fmt: skip
    stored = json.loads((small / "batch.json").read_text(encoding="utf-8"))["tasks"]
    templates = {}
    for key, entry in sorted(stored.items()):
        templates.setdefault(key.split("/", 1)[0], entry)
    templates_path = work / "templates.json"
    templates_path.write_text(json.dumps(templates), encoding="utf-8")
    load_start = os.getloadavg()[0]
    results = {}
    for way in ("before", "now"):
        cmd = [sys.executable, __file__, "--worker", str(work / f"data-{regencies}"),
               str(templates_path), str(pace), str(repeats)]  # fmt: skip
        done = subprocess.run(cmd, env=envs[way], check=True, capture_output=True, text=True)
        results[way] = json.loads(done.stdout.strip().splitlines()[-1])
    n = results["now"]["reports"]
    whole = results["now"]["whole"]
    res = {
        "benchmark": "bench_bookkeeping",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{os.cpu_count()} CPUs, Python {platform.python_version()}",
        "before": subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", before],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip(),
        "regencies": regencies,
        "reports": n,
        "pace_seconds": pace,
        "repeats": repeats,
        "load_avg_1min_at_start": round(load_start, 2),
        "load_avg_1min_at_end": round(os.getloadavg()[0], 2),
        "levels": {w: results[w]["levels"] for w in results},
        "now_whole": whole,
        "now_cpu_seconds": spread([w["during"] + w["end"] for w in whole], 1),
        "now_index_writes": spread([float(w["index_writes"]) for w in whole], 0),
        "manifest_bytes": whole[0]["bytes"],
        "before_cpu_seconds_estimated": round(_estimate_before(results["before"]["levels"], n), 1),
        "national_cpu_seconds_estimate": round(national["cpu_seconds_per_regency"] * regencies, 0),
    }
    return res


def write_results(res: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_bookkeeping.json").write_text(json.dumps(res, indent=1) + "\n")
    now, before = res["levels"]["now"], res["levels"]["before"]
    rows = []
    for a, b in zip(before, now, strict=True):
        rows.append(
            f"| {a['recorded']} | {a['keep_entry']['median'] * 1000:.1f} | "
            f"{b['keep_entry']['median'] * 1000:.1f} | {a['index']['median']:.2f} | "
            f"{b['index']['median']:.2f} |"
        )
    cpu, writes = res["now_cpu_seconds"], res["now_index_writes"]
    before_min = res["before_cpu_seconds_estimated"] / 60
    base_min = res["national_cpu_seconds_estimate"] / 60
    md = [
        "# A batch's bookkeeping at national scale (`benchmarks/bench_bookkeeping.py`)",
        "",
        f"Measured {res['date']}, {res['machine']}; 1-minute load average "
        f"{res['load_avg_1min_at_start']} at the start and {res['load_avg_1min_at_end']} at the "
        "end (2 cores shared with other jobs).",
        "",
        f"The work: the main thread's bookkeeping of the national batch ({res['regencies']} "
        f"synthetic regencies, every notebook: {res['reports']} reports) with real manifest "
        f"entries, reports finishing every {res['pace_seconds']} s on a simulated clock (the "
        "national run's wall time per regency over its 2 reports, `bench_national.json`). "
        f"`before` is commit {res['before']} (`batch.json` rewritten after every report; the "
        "index at most every 2 s), `now` this code (one journal line per report; the index at "
        "most every 2 s and in at most a twentieth of the run's time).",
        "",
        f"CPU time of one report's bookkeeping when k reports are recorded (median of "
        f"{res['repeats']} repeats):",
        "",
        "| k recorded | keep the entry, before [ms] | keep the entry, now [ms] | "
        "one index rewrite, before [s] | one index rewrite, now [s] |",
        "|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"Whole national batch, now ({res['repeats']} rounds): **{cpu['median']:.1f} s of CPU** "
        f"({cpu['min']:.1f}–{cpu['max']:.1f} s), {writes['median']:.0f} index rewrites; "
        f"`batch.json` at the end {res['manifest_bytes'] / 1e6:.1f} MB.",
        "",
        f"Before, estimated from its per-level costs (every report rewrote `batch.json` and, "
        f"arriving {res['pace_seconds']} s apart, the index; not run: about half an hour of CPU "
        f"per round): **{before_min:.1f} min of CPU**, which the national estimate of "
        f"`bench_national.md` (extrapolated from 8 and 16 regencies, "
        f"{base_min:.0f} min of CPU at {res['regencies']}) did not count.",
        "",
    ]
    (RESULTS / "bench_bookkeeping.md").write_text("\n".join(md))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        data, templates, pace, repeats = sys.argv[2:6]
        out = worker(Path(data), Path(templates), float(pace), int(repeats))
        print(json.dumps(out))
        sys.exit(0)
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--before", default=None, help="commit of the code before (default: see top)")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--pace", type=float, default=None, help="seconds between finished reports")
    p.add_argument("--regencies", type=int, default=NATIONAL, help="synthetic regencies")
    a = p.parse_args()
    result = main(a.before or _default_before(), a.repeats, a.pace, a.regencies)
    write_results(result)
    print((RESULTS / "bench_bookkeeping.md").read_text())
