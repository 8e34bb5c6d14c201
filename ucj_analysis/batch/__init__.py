"""Run the report notebooks in batches: typed parameters, real kernels, isolation, resume, Dask.

What this package does for ``ucj batch`` (see :mod:`ucj_analysis.cli` and ``docs/batch.md``):

* **Parameter checking** before anything runs. Each notebook's ``parameters`` cell is read with
  :func:`papermill.inspect_notebook` (typed literals such as ``n_draws: int = 1000  # help``). An
  unknown parameter, or a value that cannot be converted to the declared type without loss, is
  refused with a message that names it and lists the accepted parameters with their types
  (papermill itself only warns). Values from YAML or ``--set KEY=VALUE`` are converted where
  nothing is lost (``"2000"`` -> ``2000`` for ``n_draws: int``; ``"2026-12,2030-12"`` -> a list).
* **Execution** with real Jupyter kernels through :func:`papermill.execute_notebook`, several at
  a time (``jobs``), HTML rendered in-process by :func:`ucj_analysis.render.notebook_to_html`.
  Every report gets a **fresh kernel process**. On Linux the kernels are forked from a *kernel
  factory*: one process per batch that has already imported the heavy libraries (numpy, pandas,
  statsmodels, matplotlib, ``ucj_analysis.report``) and forks a new, clean kernel process for each
  report (``kernel_mode="fork"``). Nothing a report defines or changes (variables, module
  attributes, environment variables, working directory) is visible to the next one, because each
  report runs in its own process forked from the same untouched parent. ``kernel_mode="spawn"``
  starts every kernel from scratch the usual way (any OS).
* **Failure isolation**: a failing notebook never stops the others. Its partial notebook and an
  HTML page showing the error are written; the batch ends with a non-zero exit status.
* **Crash safety**: every file is written to a temporary name and moved into place with
  ``os.replace``; each finished report's manifest entry is appended to the manifest's journal
  and ``<out>/batch.json`` is rewritten (atomically) with every entry at the start and the end of
  a run; the manifest is read and written only under the output folder's lock, checked
  against the report files and rebuilt from them when damaged. The index never shows numbers
  that disagree with the report files it links to (reports being rebuilt are marked and show
  none). Ctrl-C or SIGTERM stops the kernels, writes the index, says how to resume and exits
  130 / 143.
* **Resume**: a report is skipped when nothing it depends on changed since its last successful
  run: the notebook file, the resolved parameters (including the content of files named by a
  parameter), the data files actually read (user ``data_dir`` and embedded data) and the package
  (version and source of ``ucj_analysis``). Failed reports always run again; ``force`` reruns
  everything.
* **Dask**: ``executor="dask"`` sends each report to a ``distributed`` worker; the worker runs
  papermill and the HTML rendering and returns the notebook, the HTML and the recorded values,
  which the client writes into the output directory.

Modules, in the order a batch uses them (each imports only the ones above it)
-----------------------------------------------------------------------------
======================  ========================================================================
``messages``            ``ParameterError``, ``BatchFileError``; the catalogue texts (``t``)
``params``              a notebook's declared parameters; lossless conversion of values
``spec``                batch files (format in its docstring) and the default batch
``plan``                notebooks x regencies x parameter sets -> ``Task`` list, all values checked
``fingerprint``         hashes of notebook, parameters, data files and package code
``journal``             the manifest's journal: one line per finished report
``resume``              the manifest ``batch.json`` and the run/skip decision per report
``interrupt``           Ctrl-C / SIGTERM: one KeyboardInterrupt, never inside a write
``kernels``             kernel choice, the fork-based kernel factory, the jupyter_client glue
``execute``             one report: papermill + HTML, in a thread or on a Dask worker
``workers``             worker threads or Dask; stopping them (and their kernels) on Ctrl-C
``run``                 the batch: lock, decisions, atomic writes, PDF, index
======================  ========================================================================

:mod:`ucj_analysis.runner` is the former single-module home of all this and still re-exports it.
"""

from __future__ import annotations

from ucj_analysis.batch.execute import execute_task
from ucj_analysis.batch.fingerprint import code_fingerprint, data_fingerprint, task_fingerprint
from ucj_analysis.batch.kernels import (
    DEFAULT_PRELOAD,
    KernelChoice,
    KernelZygote,
    resolve_kernel,
    resolve_kernel_mode,
    start_kernel_factory,
)
from ucj_analysis.batch.messages import BatchFileError, ParameterError
from ucj_analysis.batch.params import (
    NotebookParameter,
    coerce_parameter,
    notebook_parameters,
    parse_assignments,
    resolve_parameters,
)
from ucj_analysis.batch.plan import Task, own_regencies, plan_batch, slugify
from ucj_analysis.batch.resume import MANIFEST_NAME, REASONS, Decision, decide, read_manifest
from ucj_analysis.batch.run import BatchResult, run_batch
from ucj_analysis.batch.spec import (
    NOTEBOOK_GLOB,
    BatchSpec,
    NotebookEntry,
    ParameterSet,
    default_batch,
    load_batch_file,
)

__all__ = [
    "DEFAULT_PRELOAD",
    "MANIFEST_NAME",
    "NOTEBOOK_GLOB",
    "REASONS",
    "BatchFileError",
    "BatchResult",
    "BatchSpec",
    "Decision",
    "KernelChoice",
    "KernelZygote",
    "NotebookEntry",
    "NotebookParameter",
    "ParameterError",
    "ParameterSet",
    "Task",
    "code_fingerprint",
    "coerce_parameter",
    "data_fingerprint",
    "decide",
    "default_batch",
    "execute_task",
    "load_batch_file",
    "notebook_parameters",
    "own_regencies",
    "parse_assignments",
    "plan_batch",
    "read_manifest",
    "resolve_kernel",
    "resolve_kernel_mode",
    "resolve_parameters",
    "run_batch",
    "slugify",
    "start_kernel_factory",
    "task_fingerprint",
]
