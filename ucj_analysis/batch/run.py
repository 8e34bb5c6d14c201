"""The batch: decide, execute (threads or Dask), write every file atomically, keep the index true.

:func:`run_batch` takes the output folder's lock, reads the manifest, compares each planned
report's fingerprint with it, and runs the ones that changed (``jobs`` at a time, each in its own
kernel; on a Dask cluster with ``executor="dask"``). Every file is written to a temporary name
and moved into place (``os.replace``).

The index (``index.html``, ``summary.csv``, ``summary.xlsx``) never shows numbers that disagree
with the report files it links to: it is written first with every report about to be rebuilt
marked as such (no numbers), then after finished reports (at most every 2 s, and in at most a
twentieth of the run's time: :data:`INDEX_SHARE`) with their new numbers, and a last time at
the end, together with the one-page PDF summaries (:mod:`ucj_analysis.pdf`). A report's files,
its manifest entry and the index change inside one section that Ctrl-C cannot cut; the manifest
keeps every report of the folder (a run with ``--only`` adds to it), and the index lists them
all. A finished report's manifest entry is appended to the manifest's journal
(:mod:`ucj_analysis.batch.journal`: the same cost however many reports the folder holds);
``batch.json`` is rewritten with every entry at the start and at the end of a run. A failing
report never stops the others; Ctrl-C or SIGTERM stops the kernels, writes the index and says
how to resume (exit status 130 or 143). A process killed outright (SIGKILL) leaves the last
index, which is still true; the next run reads the journal, finds report files newer than their
manifest entry and runs those reports again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ucj_analysis import config
from ucj_analysis.batch import journal
from ucj_analysis.batch.briefs import BriefPrinter
from ucj_analysis.batch.fingerprint import code_fingerprint, data_fingerprint, task_fingerprint
from ucj_analysis.batch.interrupt import SignalGuard, signal_name
from ucj_analysis.batch.kernels import (
    DEFAULT_PRELOAD,
    KernelChoice,
    KernelZygote,
    resolve_kernel,
    resolve_kernel_mode,
)
from ucj_analysis.batch.messages import BatchFileError, t
from ucj_analysis.batch.plan import Task, _load_bundle
from ucj_analysis.batch.resume import (
    _MANIFEST_FORMAT,
    MANIFEST_NAME,
    Decision,
    damaged_message,
    decide,
    file_stamps,
    read_manifest,
)
from ucj_analysis.batch.workers import run_dask, run_local

__all__ = ["INDEX_SHARE", "BatchResult", "run_batch"]

#: After an index rewrite that took d seconds the next one waits at least INDEX_SHARE x d, so
#: rewriting the index (which grows with the folder) takes at most 1/INDEX_SHARE of a batch.
INDEX_SHARE = 20


@dataclass
class BatchResult:
    """Outcome of :func:`run_batch`.

    Attributes
    ----------
    decisions : list of Decision
        One per planned task.
    records : list of dict
        Index records (see :func:`ucj_analysis.render.write_index`), one per report in the index.
    out_dir : pathlib.Path
    index_path : pathlib.Path or None
        ``index.html`` (None for a dry run).
    seconds : float
        Wall time of the batch [s].
    interrupted : bool
        Stopped by Ctrl-C or SIGTERM.
    signal : int or None
        The signal that stopped the batch (``signal.SIGINT`` / ``signal.SIGTERM``).
    ran : dict
        Manifest entries of the reports executed by this batch, by task key.
    """

    decisions: list[Decision]
    records: list[dict]
    out_dir: Path
    index_path: Path | None = None
    seconds: float = 0.0
    interrupted: bool = False
    ran: dict[str, dict] = field(default_factory=dict)
    signal: int | None = None

    @property
    def failed(self) -> list[dict]:
        """Index records of the reports that failed."""
        return [r for r in self.records if r["status"] == "failed"]

    @property
    def exit_code(self) -> int:
        """0 when nothing failed, 1 when a report failed, 130 after Ctrl-C, 143 after SIGTERM."""
        if self.interrupted:
            return 128 + int(self.signal or signal.SIGINT)
        return 1 if any(r["status"] == "failed" for r in self.records) else 0

    def summary_table(self, lang: str = "id") -> str:
        """Plain-text table: report, status, seconds, error (one line per report)."""
        rows = []
        for d in self.decisions:
            rec = self.ran.get(d.task.key)
            status = rec["status"] if rec else ("skipped" if not d.run else "not_run")
            secs = f"{rec['seconds']:.1f}" if rec else "-"
            err = (rec or {}).get("error") or ""
            rows.append((d.task.key, status, secs, err[:70]))
        words = {
            s: t(f"render.status_{s}" if s != "not_run" else "batch.summary.not_run", lang)
            for s in ("ok", "failed", "skipped", "not_run")
        }
        head = (
            t("batch.summary.report", lang),
            t("batch.summary.status", lang),
            t("batch.summary.seconds", lang),
            "",
        )
        width = max([len(r[0]) for r in rows] + [len(head[0])])
        sw = max(len(w) for w in [*words.values(), head[1]])
        lines = [f"{head[0]:<{width}}  {head[1]:<{sw}} {head[2]:>7}  {head[3]}".rstrip()]
        lines += [
            f"{k:<{width}}  {words.get(s, s):<{sw}} {secs:>7}  {e}".rstrip()
            for k, s, secs, e in rows
        ]
        counts = {s: sum(1 for r in rows if r[1] == s) for s in ("ok", "failed", "skipped")}
        lines.append(t("batch.summary.counts", lang, seconds=f"{self.seconds:.1f}", **counts))
        return "\n".join(lines)


def _git_commit(path: Path) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def _index_record(task: Task, entry: Mapping, status: str | None = None) -> dict:
    return {
        "notebook": task.stem,
        "regency": task.regency,
        "slug": task.slug,
        "status": status or entry.get("status", "failed"),
        "html": task.html,
        "ipynb": task.ipynb,
        "seconds": entry.get("seconds"),
        "error": entry.get("error"),
        "params": dict(task.parameters),
        "records": entry.get("records") or {},
    }


class _BatchLock:
    """Exclusive lock on an output directory (two batches must not write the same reports)."""

    def __init__(self, out_dir: Path, lang: str = "id") -> None:
        self.path, self.lang = out_dir / ".ucj-batch.lock", lang
        self._fh = None

    def __enter__(self) -> _BatchLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "a+")  # noqa: SIM115
        try:
            import fcntl

            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        except OSError:
            self._fh.close()
            folder = self.path.parent
            raise BatchFileError(t("batch.error.locked", self.lang, folder=folder)) from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            self._fh.close()


class _Progress:
    """One progress bar for the batch (TTY), or one line per finished report (logs, CI)."""

    def __init__(self, total: int, enabled: bool | None, lang: str) -> None:
        from tqdm import tqdm

        self.total, self.done, self.lang = total, 0, lang
        tty = sys.stderr.isatty()
        self.quiet = enabled is False
        self.bar = (
            tqdm(
                total=total,
                file=sys.stderr,
                mininterval=1.0,
                unit=t("batch.progress.unit", lang),
                desc="ucj batch",
                dynamic_ncols=True,
            )
            if not self.quiet and tty and total
            else None
        )

    def update(self, key: str, status: str, seconds: float, error: str | None) -> None:
        self.done += 1
        line = f"[{self.done}/{self.total}] {status:<6} {key} ({seconds:.1f} s)"
        if error:
            line += f": {error[:160]}"
        if self.bar is not None:
            if status != "ok":
                self.bar.write(line, file=sys.stderr)
            self.bar.set_postfix_str(key, refresh=False)
            self.bar.update(1)
        elif not self.quiet:  # logs and CI: one line per finished report
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _payload(
    task: Task, *, choice: KernelChoice, mode: str, preload: Sequence[str], lang: str,
    timeout: float | None, git_commit: str | None, datasets: list, remote: bool,
) -> dict:  # fmt: skip
    return {
        "key": task.key,
        "stem": task.stem,
        "regency": task.regency,
        "notebook_json": task.notebook.read_text(encoding="utf-8"),
        "notebook_path": str(task.notebook),
        "cwd": str(task.notebook.parent),
        "inject": dict(task.inject),
        "parameters": dict(task.parameters),
        "kernel": {
            "name": choice.name,
            "argv": list(choice.argv),
            "display_name": choice.display_name,
            "source": choice.source,
        },
        "kernel_mode": mode,
        "preload": list(preload),
        "timeout": timeout,
        "lang": task.parameters.get("lang") or lang,
        "git_commit": git_commit,
        "datasets": datasets,
        "remote": remote,
    }


def run_batch(
    tasks: Sequence[Task],
    out_dir: str | os.PathLike = "reports",
    *,
    data_dir: str | os.PathLike | None = None,
    lang: str = "id",
    jobs: int | None = None,
    force: bool = False,
    dry_run: bool = False,
    executor: str = "local",
    scheduler: str | None = None,
    kernel: str | None = None,
    kernel_mode: str = "auto",
    preload: Sequence[str] = DEFAULT_PRELOAD,
    ship_data: bool = False,
    timeout: float | None = None,
    progress: bool | None = None,
    echo: Callable[[str], None] | None = None,
    bundle: Any = None,
    dask_client: Any = None,
    zygote: KernelZygote | None = None,
    guard: SignalGuard | None = None,
) -> BatchResult:
    """Run (or, with ``dry_run``, explain) a batch of reports.

    Parameters
    ----------
    tasks : sequence of Task
        From :func:`plan_batch`.
    out_dir : str or path-like
        Output directory (``reports``): ``<stem>/<slug>.ipynb|.html``, ``index.html``,
        ``summary.csv``, ``summary.xlsx``, ``batch.json``.
    data_dir : str or path-like, optional
        User data directory (for the data fingerprint and the reports' data sources).
    lang : {"id", "en"}
        Language of the index, summary and messages.
    jobs : int, optional
        Reports executed at the same time (default: number of CPU cores).
    force : bool
        Run every report even if unchanged.
    dry_run : bool
        Only decide and return what would run and why.
    executor : {"local", "dask"}
        Where reports execute. ``scheduler`` implies ``"dask"``.
    scheduler : str, optional
        Address of a Dask scheduler (``tcp://host:8786``); without it ``executor="dask"``
        starts a local cluster with ``jobs`` single-threaded worker processes.
    kernel : str, optional
        Kernelspec name (see :func:`resolve_kernel`).
    kernel_mode : {"auto", "fork", "spawn"}
        ``fork``: kernels forked from a kernel factory with ``preload`` imported (Linux default);
        ``spawn``: every kernel started from scratch.
    preload : sequence of str
        Modules the kernel factory imports.
    ship_data : bool
        Dask only: send the user data files with each task (workers without a shared disk).
    timeout : float, optional
        Limit per cell [s].
    progress : bool, optional
        Progress bar / lines on stderr (default: a bar on a terminal, lines otherwise).
    echo : callable, optional
        Receives status messages (default: print to stderr).
    bundle : DataBundle, optional
        Already loaded data for ``data_dir``.
    dask_client : distributed.Client, optional
        Use this client instead of connecting/starting one.
    zygote : KernelZygote, optional
        A kernel factory started earlier (:func:`start_kernel_factory`); the caller closes it.
    guard : SignalGuard, optional
        The caller's signal handling, already entered (``ucj batch`` guards its whole run with
        one); by default the batch installs its own for SIGINT and SIGTERM. A signal before the
        batch takes its lock raises KeyboardInterrupt (nothing was written); after that the
        batch stops, writes the index and returns ``interrupted``; once it returns, signals are
        only remembered (``guard.signum``).

    Returns
    -------
    BatchResult
    """
    t_start = time.perf_counter()
    out_dir = Path(out_dir).resolve()
    data_dir = Path(data_dir).resolve() if data_dir else None
    echo = echo or (lambda msg: print(msg, file=sys.stderr, flush=True))
    if scheduler:
        executor = "dask"
    if executor not in ("local", "dask"):
        raise BatchFileError(t("batch.error.executor", lang, value=repr(executor)))
    if not jobs:
        jobs = (
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else (os.cpu_count() or 1)
        )
    jobs = max(1, int(jobs))
    kernel_mode = resolve_kernel_mode(kernel_mode)
    # results every report of the batch shares (the pooled trend's backtest) are computed once
    # and kept here for the other kernels (ucj_analysis.report.data); kernels inherit the variable
    os.environ.setdefault("UCJ_CACHE_DIR", str(out_dir / ".cache"))

    try:
        if bundle is None:
            bundle = _load_bundle(data_dir)
    except Exception:
        bundle = None  # invalid data: the reports show the loader's message
    data_fp = data_fingerprint(data_dir, bundle=bundle)
    code_hash = code_fingerprint()

    def decide_all(manifest: Mapping) -> list[Decision]:
        if manifest.get("damaged"):
            echo(damaged_message(manifest["damaged"], lang))
        return [
            decide(
                t,
                task_fingerprint(t, data_hash=data_fp["hash"], code_hash=code_hash),
                manifest["tasks"].get(t.key),
                force=force,
                out_dir=out_dir,
            )
            for t in tasks
        ]

    if dry_run:  # reads only: no lock, nothing written
        manifest = read_manifest(out_dir)
        decisions = decide_all(manifest)
        result = BatchResult(decisions, [], out_dir)
        result.records = [
            _index_record(d.task, manifest["tasks"].get(d.task.key) or {}, "skipped")
            for d in decisions
            if not d.run
        ]
        result.seconds = time.perf_counter() - t_start
        return result

    from ucj_analysis import render

    choice = resolve_kernel(kernel)
    if kernel_mode == "fork" and not choice.forkable:
        kernel_mode = "spawn"
    git_commit = _git_commit(root) if (root := config.checkout_root()) else None
    datasets: list = []
    if bundle is not None:
        with contextlib.suppress(Exception):
            datasets = bundle.provenance().to_dict(orient="records")
    shipped: dict[str, bytes] = {}
    if ship_data and executor == "dask" and data_dir is not None:
        shipped = {Path(p).name: Path(p).read_bytes() for p in data_fp["files"]
                   if Path(p).parent == data_dir}  # fmt: skip

    own_guard = guard is None
    guard = guard or SignalGuard()
    state = _IndexState(out_dir, lang)
    result = BatchResult([], [], out_dir)
    with guard if own_guard else contextlib.nullcontext():
        try:
            # the manifest is read, updated and the index written only while holding the lock
            with _BatchLock(out_dir, lang):
                with guard.deferred():
                    manifest = read_manifest(out_dir)
                    decisions = decide_all(manifest)
                    result.decisions = decisions
                    state.start(decisions, manifest["tasks"])
                    state.manifest_doc = _manifest_doc(data_dir, data_fp)
                    state.save_manifest()  # batch.json with the journal of an interrupted run
                    state.write(force=True, final=False)  # reports to rebuild: no numbers
                    briefs = BriefPrinter(out_dir, lang, lambda: guard.signum is not None)
                try:
                    guard.check()
                    _execute(
                        state, result, guard, briefs, render=render, executor=executor, jobs=jobs,
                        kernel_mode=kernel_mode, choice=choice, preload=preload, zygote=zygote,
                        scheduler=scheduler, dask_client=dask_client, shipped=shipped,
                        data_fp=data_fp, data_dir=data_dir, lang=lang, timeout=timeout,
                        git_commit=git_commit, datasets=datasets, progress=progress, echo=echo,
                    )  # fmt: skip
                except KeyboardInterrupt:
                    result.interrupted = True
                finally:
                    with guard.deferred():  # a second Ctrl-C cannot stop the index being written
                        result.index_path = _finish(
                            state, result, data_dir, data_fp, echo, guard, briefs
                        )
                        guard.hold()  # from here on a signal is only remembered
        except KeyboardInterrupt:  # while waiting for the lock: nothing was written
            result.interrupted = True
        guard.hold()
        result.records = state.planned_records(final=True)
        if guard.signum is not None:
            result.interrupted = True
            result.signal = guard.signum
        elif result.interrupted:
            result.signal = signal.SIGINT
        if result.interrupted:
            n_run = sum(d.run for d in result.decisions)
            if state.started:
                echo(_interrupted_line(result.signal, len(result.ran), n_run, force, lang))
            else:
                echo(t("batch.interrupted.before_start", lang, signal=signal_name(result.signal)))
        result.seconds = time.perf_counter() - t_start
    return result


def _finish(
    state: _IndexState,
    result: BatchResult,
    data_dir: Path | None,
    data_fp: Mapping,
    echo: Callable[[str], None],
    guard: SignalGuard,
    printer: BriefPrinter,
) -> Path | None:
    """Last manifest, the one-page summaries (unless interrupted) and the last index."""
    state.manifest_doc = _manifest_doc(data_dir, data_fp)
    state.save_manifest()
    planned = state.planned_records(final=True)
    if planned and not result.interrupted and guard.signum is None:
        _write_briefs(planned, state, guard, echo, printer.finish())
    printer.stop()  # after Ctrl-C: no further summary; the staging folder is removed
    return state.write(force=True, final=True)


def _write_briefs(
    planned: list[dict],
    state: _IndexState,
    guard: SignalGuard,
    echo: Callable[[str], None],
    staged: Mapping,
) -> None:
    """The one-page summary PDFs not printed ahead, two at a time; none after Ctrl-C / SIGTERM.

    ``staged``: the summaries :class:`BriefPrinter` printed while the reports ran. The index
    links a summary only when its PDF exists, so stopping half-way leaves it true.
    """
    from ucj_analysis import i18n, pdf

    forecasts = [r for r in planned if r.get("notebook") == "02_regency_forecast"]
    if not forecasts:  # after Ctrl-C / SIGTERM the caller does not call this
        return
    briefs = pdf.write_briefs(
        forecasts,
        state.out_dir,
        lang=state.lang,
        should_stop=lambda: guard.signum is not None,
        staged=staged,
    )
    if briefs.note and briefs.errors and set(briefs.errors.values()) == {"no Chromium"}:
        echo(briefs.note)  # no browser: said once, nothing else to try
        return
    if briefs.errors and guard.signum is None:  # a browser stopped by Ctrl-C is not a failure
        names = ", ".join(sorted(briefs.errors))
        echo(i18n.t("render.brief.failed_for", state.lang, names=names))


def _manifest_doc(data_dir: Path | None, data_fp: Mapping) -> dict:
    return {
        "format": _MANIFEST_FORMAT,
        "updated": dt.datetime.now().isoformat(timespec="seconds"),
        "ucj_version": _version(),
        "data_dir": str(data_dir) if data_dir else None,
        "data_files": data_fp["files"],
    }


def _interrupted_line(signum: int, done: int, total: int, force: bool, lang: str) -> str:
    """One line: the batch was interrupted, what is kept, how to resume."""
    again = t("batch.interrupted.again_force" if force else "batch.interrupted.again", lang)
    return t("batch.interrupted", lang, signal=signal_name(signum), done=done, total=total,
             again=again)  # fmt: skip


class _IndexState:
    """The manifest entries and the index of one batch, rewritten as reports finish.

    The index never shows numbers that disagree with the report files it links to: before a
    report is rebuilt its row is marked as such and shows no numbers; once its new files are in
    place the manifest entry (appended to the journal, :mod:`ucj_analysis.batch.journal`) and
    then the index get its new numbers. Rewrites of the index are at most one per ``every``
    seconds, and at most one per :data:`INDEX_SHARE` times the last rewrite's duration (at 514
    regencies a rewrite takes seconds); the last one always happens.
    """

    def __init__(self, out_dir: Path, lang: str, every: float = 2.0) -> None:
        self.out_dir, self.lang, self.every = out_dir, lang, every
        self.decisions: list[Decision] = []
        self.entries: dict[str, dict] = {}
        self.rebuilding: set[str] = set()
        self.ran: dict[str, dict] = {}
        self.manifest_doc: dict = {}
        self.started = False
        self._last = -float("inf")
        self._wait = every
        self._dirty = False

    def start(self, decisions: list[Decision], entries: Mapping[str, dict]) -> None:
        self.started = True
        self.decisions = list(decisions)
        self.entries = {k: dict(v) for k, v in entries.items()}
        self.rebuilding = {d.task.key for d in decisions if d.run}

    def finished(self, task: Task, entry: dict) -> None:
        """A report's files are written: keep its entry and append it to the journal."""
        self.entries[task.key] = entry
        self.ran[task.key] = entry
        self.rebuilding.discard(task.key)
        self._dirty = True
        journal.append(self.out_dir, task.key, entry)

    def planned_records(self, final: bool = False) -> list[dict]:
        """Index records of the planned reports (a report still waiting: marked, no numbers)."""
        from ucj_analysis import i18n

        records = []
        for d in self.decisions:
            key = d.task.key
            entry = self.entries.get(key)
            if key in self.ran:
                records.append(_index_record(d.task, self.ran[key]))
            elif key not in self.rebuilding and entry is not None:
                records.append(_index_record(d.task, entry, "skipped"))
            elif final and entry is not None and (self.out_dir / d.task.html).is_file():
                # interrupted before this report was rebuilt: its old files are untouched
                status = "skipped" if entry.get("status") == "ok" else entry.get("status")
                records.append(_index_record(d.task, entry, status))
            elif key in self.rebuilding and (self.out_dir / d.task.html).is_file():
                rec = _index_record(d.task, {}, i18n.t("batch.status.rebuilding", self.lang))
                rec["error"] = i18n.t("batch.note.rebuilding", self.lang)
                records.append(rec)
        return records

    def index_records(self, final: bool = False) -> list[dict]:
        """Planned reports plus every other report of the manifest whose files are there."""
        records = self.planned_records(final)
        planned = {d.task.key for d in self.decisions}
        for key, entry in sorted(self.entries.items()):
            if key in planned or not entry.get("html"):
                continue
            if not (self.out_dir / str(entry["html"])).is_file():
                continue
            rec = {
                "notebook": entry.get("notebook") or key.split("/", 1)[0],
                "regency": entry.get("regency"),
                "slug": entry.get("slug") or key.split("/", 1)[-1],
                "status": "skipped" if entry.get("status") == "ok" else "failed",
                "html": entry.get("html"),
                "ipynb": entry.get("ipynb"),
                "seconds": entry.get("seconds"),
                "error": entry.get("error"),
                "params": dict(entry.get("params") or {}),
                "records": entry.get("records") or {},
            }
            records.append(rec)
        return records

    def save_manifest(self) -> None:
        """Rewrite ``batch.json`` with every entry, then clear the journal it now holds."""
        from ucj_analysis import render

        doc = {**self.manifest_doc, "tasks": self.entries}
        doc.setdefault("format", _MANIFEST_FORMAT)
        render.atomic_write_text(
            self.out_dir / MANIFEST_NAME,
            json.dumps(doc, indent=1, ensure_ascii=False, default=str),
        )
        journal.clear(self.out_dir)

    def write(self, force: bool = False, final: bool = False) -> Path | None:
        """Rewrite index.html and the summary tables (now, or when the pace allows: ``every`` s
        and :data:`INDEX_SHARE` times the last rewrite's duration since the last one began).

        ``final``: the batch is over, so a report that was to be rebuilt and was not keeps its
        previous files and shows their numbers. Before that (``final=False``, also the first
        index of the batch) such a report is marked as being rebuilt and shows none: its new
        files may replace the old ones at any moment.
        """
        from ucj_analysis import render

        if not force and (not self._dirty or time.monotonic() - self._last < self._wait):
            return None
        start = time.monotonic()
        records = self.index_records(final=final)
        if not records and not final:  # the last index is written even with no report yet
            return None
        self._last, self._dirty = start, False
        path = render.write_index(records, self.out_dir, lang=self.lang)
        # the index grows with the folder: rewriting it takes at most 1/INDEX_SHARE of the run
        self._wait = max(self.every, INDEX_SHARE * (time.monotonic() - start))
        return path


def _execute(
    state: _IndexState, result: BatchResult, guard: SignalGuard, briefs: BriefPrinter, *,
    render: Any, executor: str,
    jobs: int, kernel_mode: str, choice: KernelChoice, preload: Sequence[str],
    zygote: KernelZygote | None, scheduler: str | None, dask_client: Any,
    shipped: Mapping[str, bytes], data_fp: Mapping, data_dir: Path | None, lang: str,
    timeout: float | None, git_commit: str | None, datasets: list, progress: bool | None,
    echo: Callable[[str], None],
) -> None:  # fmt: skip
    """Run the reports that changed; each finished report is written with its entry and index."""
    out_dir = state.out_dir
    to_run = [d for d in state.decisions if d.run]
    by_key = {d.task.key: d for d in to_run}
    bar = _Progress(len(to_run), progress, lang)

    def on_done(outcome: dict) -> None:
        d = by_key[outcome["key"]]
        task = d.task
        with guard.deferred():  # report files, manifest entry and index change together
            if task.stem == "02_regency_forecast":  # the old one-page summary: old numbers
                with contextlib.suppress(OSError):
                    (out_dir / render.brief_relpath(task.slug)).unlink()
            render.atomic_write_text(out_dir / task.ipynb, outcome["ipynb"])
            outcome["html"] = render.write_report_charts(  # PNG + SVG files, footer links
                out_dir / task.html, outcome["ipynb"], outcome["html"]
            )
            render.atomic_write_text(out_dir / task.html, outcome["html"])
            entry = {
                "notebook": task.stem,
                "regency": task.regency,
                "slug": task.slug,
                "set": task.set_name,
                "status": outcome["status"],
                "error": outcome["error"],
                "seconds": round(outcome["seconds"], 3),
                "html": task.html,
                "ipynb": task.ipynb,
                "params": task.parameters,
                "records": outcome["records"],
                "fingerprint": d.fingerprint,
                "finished": dt.datetime.now().isoformat(timespec="seconds"),
                "executor": executor,
                "host": outcome.get("host"),
                "kernel": f"{choice.name} ({kernel_mode})",
            }
            entry["files"] = file_stamps(out_dir, entry)
            state.finished(task, entry)  # and its entry in the manifest's journal
            result.ran[task.key] = entry
            briefs.submit(_index_record(task, entry))  # its summary, printed while others run
            state.write()
            bar.update(task.key, outcome["status"], outcome["seconds"], outcome["error"])
        guard.check()

    if to_run:
        n_skip = len(state.decisions) - len(to_run)
        echo(t("batch.start", lang, run=len(to_run), skip=n_skip, jobs=jobs, kernel=choice.name,
               mode=kernel_mode, python=choice.python, executor=executor))  # fmt: skip
    common = {"choice": choice, "mode": kernel_mode, "preload": preload, "lang": lang,
              "timeout": timeout, "git_commit": git_commit, "datasets": datasets}  # fmt: skip
    try:
        if to_run:
            payloads = [_payload(d.task, remote=executor == "dask", **common) for d in to_run]
            if executor == "local":
                run_local(payloads, jobs, kernel_mode, choice, preload, out_dir, on_done, zygote,
                          guard)  # fmt: skip
            else:
                for p in payloads:
                    if shipped:
                        p["data_files"], p["data_hash"] = shipped, data_fp["hash"]
                run_dask(payloads, scheduler, jobs, on_done, dask_client)
    finally:
        bar.close()


def _version() -> str:
    from ucj_analysis import __version__

    return __version__
