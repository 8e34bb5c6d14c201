"""The floor of a batch: the reports' own code run in-process, with no runner around it.

What no batch runner can go below without changing the notebooks: the same tasks as ``ucj
batch`` (planned by :func:`ucj_analysis.batch.plan_batch`, so the same notebooks, regencies and
injected parameters), but

* the libraries imported and the data folder prepared (data, pooled trend model, backtest) once,
  in one process, before ``--jobs`` worker processes are forked from it;
* one cache folder for every report (``UCJ_CACHE_DIR``, a new temporary folder, as ``ucj batch``
  gives its kernels ``<out>/.cache``), so the notebooks share one simulation per regency x
  scenario set as they do under ``ucj batch``;
* each report's code cells run in an IPython shell inside a worker (the displayed objects'
  formats computed as a kernel computes them), with no kernel, no messages, no notebook written,
  no HTML, no index, no spreadsheet and no PDF.

The benchmarks time this command from its start, like every other way: the ratio of a runner's
time to the floor's is what the runner adds, and a baseline's time over the floor's is the most
any runner could gain over that baseline on these notebooks.

Usage (``benchmarks/bench_batch.py`` and ``benchmarks/bench_national.py`` run it)::

    .venv/bin/python benchmarks/bench_floor.py [BATCH_FILE] --data-dir DIR [--own]
        [--only REGENCY ...] [--set KEY=VALUE ...] [--jobs 2]

Exit status 1 when a report's cell raised (the cell and the error on standard error).
"""

from __future__ import annotations

import argparse
import importlib
import io
import multiprocessing
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import redirect_stdout

import nbformat


def _cells(path: str) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def _assignments(inject: dict) -> str:
    return "\n".join(f"{k} = {v!r}" for k, v in inject.items())


def run_report(notebook: str, inject: dict) -> int:
    """Run a notebook's code cells in this process, ``inject`` after the first (parameters) cell.

    Returns the number of cells run; raises ``RuntimeError`` naming the cell that failed.
    """
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.reset(new_session=False)
    cells = _cells(notebook)
    cells = [cells[0], _assignments(inject), *cells[1:]]
    with redirect_stdout(io.StringIO()):  # the text a kernel would send; formats still computed
        for n, source in enumerate(cells):
            result = shell.run_cell(source, store_history=False)
            if not result.success:
                err = result.error_in_exec or result.error_before_exec
                raise RuntimeError(f"{os.path.basename(notebook)} cell {n}: {err!r}")
    return len(cells)


def main(argv: list[str] | None = None) -> int:
    from ucj_analysis.batch import default_batch, load_batch_file, plan_batch
    from ucj_analysis.batch.factory import DEFAULT_PRELOAD

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("batch_file", nargs="?")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--own", action="store_true")
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)

    spec = load_batch_file(args.batch_file) if args.batch_file else default_batch()
    overrides = dict(item.partition("=")[::2] for item in args.sets)
    tasks = plan_batch(
        spec, data_dir=args.data_dir, only=args.only, overrides=overrides, own=args.own
    )
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    with tempfile.TemporaryDirectory(prefix="ucj-floor-cache-") as cache:
        os.environ["UCJ_CACHE_DIR"] = cache  # shared by the workers, as a batch's .cache
        failed = _run(tasks, args.jobs, args.data_dir, DEFAULT_PRELOAD)
    print(f"{len(tasks) - failed} reports run, {failed} failed")
    return 1 if failed else 0


def _run(tasks, jobs: int, data_dir: str, preload) -> int:
    """Import and prepare once, then run ``tasks`` in ``jobs`` forked workers; failures."""
    for name in preload:  # as the kernel factory does, once
        importlib.import_module(name)
    from ucj_analysis.report import data

    data.prepare(os.path.abspath(data_dir))
    # the workers unpickle the function by module name (the script's __main__ may be replaced
    # by the IPython modules the preload imports)
    job = importlib.import_module("bench_floor").run_report
    failed = 0
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [pool.submit(job, str(t.notebook), dict(t.inject)) for t in tasks]
        for error in (f.exception() for f in futures):  # every failure, then exit 1
            if error is not None:
                failed += 1
                print(f"failed: {error}", file=sys.stderr)
    return failed


if __name__ == "__main__":
    sys.exit(main())
