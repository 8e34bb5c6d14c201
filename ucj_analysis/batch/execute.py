"""One report: papermill in a fresh kernel, then the HTML page (locally or on a Dask worker).

:func:`execute_task` takes a plain payload (notebook text, parameters, kernel choice) and
returns the executed notebook, the HTML and the recorded values; it writes no output files, so
the same function runs in a thread of ``ucj batch`` and on a ``distributed`` worker.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ucj_analysis.batch.kernels import (
    DEFAULT_PRELOAD,
    KernelChoice,
    KernelZygote,
    _kernel_manager_class,
    _KernelRegistry,
)
from ucj_analysis.batch.messages import both

__all__ = ["execute_task"]


def _title_of(nb: Mapping, fallback: str) -> str:
    """First level-1 heading shown by the notebook (markdown outputs, then markdown cells)."""
    heading = re.compile(r"^#\s+(.+?)\s*$", re.M)
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) or []:
            md = (out.get("data") or {}).get("text/markdown")
            if md:
                m = heading.search("".join(md) if isinstance(md, list) else md)
                if m:
                    return m.group(1)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else src
            m = heading.search(src)
            if m:
                return m.group(1)
    return fallback


def _fallback_html(title: str, message: str) -> str:
    import html

    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        f"{html.escape(title)}</title></head><body><h1>{html.escape(both('batch.failed_title'))}"
        "</h1><h2>"
        f"{html.escape(title)}</h2><pre>{html.escape(message)}</pre></body></html>"
    )


#: How long a new kernel may take to answer before its report fails. [s] papermill's default
#: (60 s) is short for a 2-core machine running a batch of kernels next to other work: one
#: kernel in a hundred was seen to need longer under load.
KERNEL_START_TIMEOUT_S = 180

_WORKER_ZYGOTES: dict[tuple, KernelZygote] = {}
_WORKER_LOCK = threading.Lock()


def _worker_zygote(choice: KernelChoice, preload: Sequence[str]) -> KernelZygote:
    """The kernel factory of this (Dask worker) process, started on first use."""
    key = (choice.python, choice.python_args, tuple(preload))
    with _WORKER_LOCK:
        z = _WORKER_ZYGOTES.get(key)
        if z is None or (z._proc is not None and z._proc.poll() is not None):
            z = KernelZygote(choice.python, preload, None, choice.python_args)
            _WORKER_ZYGOTES[key] = z
            import atexit

            atexit.register(z.close)
        return z


#: Computed in the kernel factory before its first regency report: what every regency report of
#: a data folder shares (data, pooled trend model, backtest), inherited by each forked kernel.
PREPARE = "ucj_analysis.report.data:prepare"


def _prepare(zygote: KernelZygote, data_dir: str) -> None:
    """Fill the factory's shared caches for ``data_dir`` (once per factory process)."""
    env = {k: os.environ[k] for k in ("UCJ_CACHE_DIR", "UCJ_DATA_DIR") if k in os.environ}
    zygote.call(PREPARE, [data_dir], env)  # an error shows again in the report itself


def _materialise_data(files: Mapping[str, bytes], digest: str) -> str:
    """Write shipped data files to a per-content folder on this machine (once)."""
    target = Path(tempfile.gettempdir()) / f"ucj-data-{digest[:16]}"
    if not target.is_dir():
        tmp = Path(tempfile.mkdtemp(prefix=".ucj-data-", dir=tempfile.gettempdir()))
        for name, data in files.items():
            (tmp / Path(name).name).write_bytes(data)
        try:
            os.replace(tmp, target)
        except OSError:  # another task won the race
            shutil.rmtree(tmp, ignore_errors=True)
    return str(target)


def execute_task(
    payload: Mapping[str, Any],
    *,
    zygote: KernelZygote | None = None,
    registry: _KernelRegistry | None = None,
) -> dict[str, Any]:
    """Execute one report: papermill in a fresh kernel, then HTML. Writes no output files.

    This is the function a Dask worker runs; locally the runner calls it in a thread.

    Parameters
    ----------
    payload : mapping
        Built by the runner: ``key``, ``notebook_json`` (notebook text), ``notebook_path``,
        ``cwd``, ``inject`` (parameters), ``parameters`` (resolved), ``regency``, ``stem``,
        ``kernel`` (``name``, ``argv``, ``display_name``, ``source``), ``kernel_mode``
        (``fork``/``spawn``), ``preload``, ``timeout`` [s per cell] or None, ``lang``,
        ``git_commit``, ``datasets``, optional ``data_files`` + ``data_hash`` (shipped data).
    zygote : KernelZygote, optional
        Kernel factory to fork from (``kernel_mode="fork"``); on a Dask worker a per-process
        factory is created when this is None.
    registry : optional
        Records running kernels so the caller can stop them.

    Returns
    -------
    dict
        ``status`` (``ok``/``failed``), ``error`` (str or None), ``ipynb`` (notebook JSON text),
        ``html`` (str), ``records`` (dict), ``seconds`` [s], ``host``, ``title``.
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from ucj_analysis import render
    from ucj_analysis.batch.engine import ENGINE_NAME  # registers the engine with papermill

    t0 = time.perf_counter()
    nb_in = nbformat.reads(payload["notebook_json"], as_version=4)
    inject = dict(payload["inject"])
    if payload.get("data_files"):
        local_dir = _materialise_data(payload["data_files"], payload["data_hash"])
        if "data_dir" in inject:
            inject["data_dir"] = local_dir
    choice = KernelChoice(**payload["kernel"])
    if payload.get("remote"):  # on a worker the kernel runs on the worker's interpreter
        choice = KernelChoice(
            choice.name,
            (sys.executable, *choice.argv[1:]),
            choice.display_name,
            f"worker Python ({sys.executable})",
        )
    mode = payload.get("kernel_mode", "fork")
    if mode == "fork" and zygote is None:
        zygote = _worker_zygote(choice, payload.get("preload", DEFAULT_PRELOAD))
    if mode != "fork":
        zygote = None
    if zygote is not None and payload.get("regency"):
        _prepare(zygote, str(inject.get("data_dir") or ""))
    cwd = payload.get("cwd")
    if not cwd or not Path(cwd).is_dir():
        cwd = tempfile.gettempdir()
    km_class = _kernel_manager_class(choice, zygote, registry)

    status, error, nb_out = "ok", None, None
    with tempfile.TemporaryDirectory(prefix="ucj-run-") as tmp:
        out_path = Path(tmp) / f"{payload['stem']}.ipynb"
        try:
            nb_out = papermill.execute_notebook(
                nb_in,
                str(out_path),
                parameters=inject,
                kernel_name=choice.name,
                progress_bar=False,
                engine_name=ENGINE_NAME,  # the notebook is written at the start and the end
                request_save_on_cell_execute=True,
                execution_timeout=payload.get("timeout"),
                start_timeout=KERNEL_START_TIMEOUT_S,
                kernel_manager_class=km_class,
                shutdown_kernel="immediate",
                resources={"metadata": {"path": cwd}},
            )
        except PapermillExecutionError as e:
            status = "failed"
            error = f"{e.ename}: {e.evalue}".strip().rstrip(":")
            error = f"{error} (cell {e.exec_count})" if e.exec_count else error
        except BaseException as e:  # dead kernel, timeout, Ctrl-C: keep what was executed
            status = "failed"
            error = f"{type(e).__name__}: {e}".strip().rstrip(":")
            if isinstance(e, KeyboardInterrupt | SystemExit):
                raise
        if nb_out is None:
            if out_path.is_file():
                with contextlib.suppress(Exception):
                    nb_out = nbformat.read(str(out_path), as_version=4)
            if nb_out is None:
                nb_out = nb_in
    records = render.read_records(nb_out)
    regency = payload.get("regency")
    base_title = str(records.get("report_title") or _title_of(nb_out, payload["stem"]))
    title = base_title if not regency or regency in base_title else f"{base_title} — {regency}"
    params = payload.get("parameters") or {}
    scenarios = params.get("scenarios") or (
        [params["scenario"]] if params.get("scenario") else None
    )
    header = {
        "regency": regency,
        "notebook": payload["stem"],
        "scenarios": scenarios or records.get("scenarios"),
        "run_date": dt.datetime.now().isoformat(timespec="seconds"),
        "status": status,
        "error": error,
    }
    footer = {
        "parameters": params,
        "git_commit": payload.get("git_commit"),
        "datasets": records.get("provenance") or payload.get("datasets") or [],
    }
    try:
        html = render.notebook_to_html(
            nb_out, title=title, header=header, footer=footer, lang=payload.get("lang") or "id"
        )
    except Exception as e:  # the report must still show the problem
        status = "failed"
        error = (error + "; " if error else "") + f"HTML rendering failed: {type(e).__name__}: {e}"
        html = _fallback_html(title, error)
    return {
        "key": payload["key"],
        "status": status,
        "error": error,
        "ipynb": nbformat.writes(nb_out),
        "html": html,
        "records": records,
        "seconds": time.perf_counter() - t0,
        "host": socket.gethostname(),
        "title": title,
    }
