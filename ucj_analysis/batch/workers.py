"""Where the reports of a batch execute: worker threads on this machine, or a Dask cluster.

:func:`run_local` runs ``jobs`` reports at a time, each in a worker thread that drives one
kernel process (:func:`ucj_analysis.batch.execute.execute_task`); :func:`run_dask` sends them to
``distributed`` workers. Both hand every finished report to ``on_done`` in the calling (main)
thread, which alone writes files.

Stopping (Ctrl-C, SIGTERM)
--------------------------
The signal handler raises :class:`KeyboardInterrupt` in the main thread, which here:

1. kills every running kernel's process group and marks the kernel registry *stopping*, so a
   worker thread that was starting its next kernel at that moment cannot run it
   (:class:`ucj_analysis.batch.kernels._KernelRegistry`);
2. waits for the worker threads, which notice their dead kernel within about a second, at most
   :data:`STOP_WAIT_S` seconds and not after a second Ctrl-C; a thread still busy after that is
   left behind (worker threads are daemon threads: they never keep the program alive);
3. lets the exception go on to :func:`ucj_analysis.batch.run.run_batch`, which writes the index.

The ``Kernel died`` messages papermill logs for the kernels killed this way are silenced.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ucj_analysis.batch.execute import _fallback_html, execute_task
from ucj_analysis.batch.kernels import KernelChoice, KernelZygote, _KernelRegistry

__all__ = ["STOP_WAIT_S", "run_dask", "run_local"]

#: Longest wait for the worker threads after Ctrl-C [s] (they normally end within 1-2 s).
STOP_WAIT_S = 10.0


def failure_outcome(payload: Mapping, error: str, seconds: float) -> dict:
    """Outcome for a task whose worker failed before a notebook existed."""
    import nbformat

    title = f"{payload['stem']} — {payload.get('regency') or 'all'}"
    return {
        "key": payload["key"],
        "status": "failed",
        "error": error,
        "ipynb": payload["notebook_json"]
        if payload.get("notebook_json")
        else nbformat.writes(nbformat.v4.new_notebook()),
        "html": _fallback_html(title, error),
        "records": {},
        "seconds": seconds,
        "host": None,
        "title": title,
    }


def _signals(guard: Any) -> int:
    return int(getattr(guard, "count", 0) or 0)


def _wait_for_threads(threads: Sequence[threading.Thread], guard: Any, limit: float) -> None:
    """Join worker threads after a stop: at most ``limit`` [s], and not after another signal."""
    seen = _signals(guard)
    deadline = time.monotonic() + limit
    for thread in threads:
        while thread.is_alive():
            if time.monotonic() >= deadline or _signals(guard) > seen:
                return
            thread.join(0.05)


def _start_zygote(
    mode: str, zygote: KernelZygote | None, choice: KernelChoice, preload: Sequence[str],
    out_dir: Path,
) -> tuple[KernelZygote | None, bool]:  # fmt: skip
    """The kernel factory to fork from (``fork`` mode) and whether this batch owns it."""
    if mode != "fork":
        return None, False
    if zygote is not None and (zygote.python, zygote.python_args) == (
        choice.python,
        choice.python_args,
    ):
        return zygote, False
    log = out_dir / ".ucj" / "kernels.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        log.write_bytes(b"")
    return KernelZygote(choice.python, preload, log, choice.python_args), True


def run_local(
    payloads: list[dict],
    jobs: int,
    mode: str,
    choice: KernelChoice,
    preload: Sequence[str],
    out_dir: Path,
    on_done: Callable[[dict], None],
    zygote: KernelZygote | None = None,
    guard: Any = None,
    stop_wait: float = STOP_WAIT_S,
) -> None:
    """Execute payloads ``jobs`` at a time, each report in its own kernel process.

    Parameters
    ----------
    payloads : list of dict
        One per report (see :func:`ucj_analysis.batch.execute.execute_task`).
    jobs : int
        Reports running at the same time.
    mode : {"fork", "spawn"}
        How kernels start.
    choice : KernelChoice
    preload : sequence of str
        Modules the kernel factory imports (``fork``).
    out_dir : pathlib.Path
        Output folder (kernel log of the factory).
    on_done : callable
        Called in this thread with each outcome, in the order the reports finish.
    zygote : KernelZygote, optional
        A kernel factory started earlier (the caller closes it).
    guard : SignalGuard, optional
        Its signal count lets a second Ctrl-C cut the wait for the worker threads.
    stop_wait : float
        Longest wait for the worker threads after a stop [s].
    """
    papermill_log = logging.getLogger("papermill")
    papermill_level = papermill_log.level
    papermill_log.setLevel(logging.WARNING)
    registry = _KernelRegistry()
    zygote, own_zygote = _start_zygote(mode, zygote, choice, preload, out_dir)
    results: queue.Queue = queue.Queue()
    running: dict[str, threading.Thread] = {}

    def work(payload: dict) -> None:
        started = time.perf_counter()
        try:
            if registry.stopping:
                raise RuntimeError("batch stopped")
            outcome = execute_task(payload, zygote=zygote, registry=registry)
        except BaseException as e:  # a bug outside the notebook: still isolate it
            outcome = failure_outcome(
                payload, f"{type(e).__name__}: {e}", time.perf_counter() - started
            )
        results.put(outcome)

    try:
        todo = list(payloads)
        while todo or running:
            while todo and len(running) < jobs:
                payload = todo.pop(0)
                thread = threading.Thread(
                    target=work, args=(payload,), name=f"ucj-{payload['key']}", daemon=True
                )
                running[payload["key"]] = thread
                thread.start()
            try:
                outcome = results.get(timeout=1.0)
            except queue.Empty:
                continue
            running.pop(outcome["key"]).join()
            on_done(outcome)
    except BaseException:
        papermill_log.setLevel(logging.CRITICAL)  # "Kernel died ...": we are killing them
        registry.kill_all()
        if zygote is not None:
            zygote.kill_all()
        _wait_for_threads(list(running.values()), guard, stop_wait)
        raise
    finally:
        # not while a thread whose wait a second Ctrl-C cut short may still report its killed
        # kernel ("Kernel died"): the batch is exiting then
        if not any(th.is_alive() for th in running.values()):
            papermill_log.setLevel(papermill_level)
        if zygote is not None:
            zygote.save_log(out_dir / ".ucj" / "kernels.log")
            if own_zygote:
                zygote.close()


def run_dask(
    payloads: list[dict],
    scheduler: str | None,
    jobs: int,
    on_done: Callable[[dict], None],
    client: Any = None,
    function: Callable[[Mapping], dict] = execute_task,
) -> None:
    """Execute payloads on a Dask cluster; results come back to this process.

    Each result is released on the cluster once ``on_done`` has it: a worker keeps a finished
    report (its notebook and HTML, about 1.5 MB) only until the batch process has taken it, so
    a worker's memory does not grow with the size of the batch. ``function`` is what the workers
    run on each payload (:func:`ucj_analysis.batch.execute.execute_task`).
    """
    from distributed import Client, LocalCluster, as_completed

    own_client = client is None
    cluster = None
    if client is None:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
    token = uuid.uuid4().hex[:8]
    futures = {}
    try:
        for p in payloads:
            fut = client.submit(function, p, key=f"ucj-{p['key']}-{token}", pure=False)
            futures[fut] = p
        started = time.perf_counter()
        for fut in as_completed(list(futures)):
            p = futures.pop(fut)  # with its last reference gone, the cluster forgets the result
            try:
                outcome = fut.result()
            except Exception as e:  # worker died or the function raised
                outcome = failure_outcome(
                    p, f"{type(e).__name__}: {e}", time.perf_counter() - started
                )
            del fut
            on_done(outcome)
    except BaseException:
        client.cancel(list(futures))
        raise
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()
