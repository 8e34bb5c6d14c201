"""The kernel factory: one process that imports the libraries once and forks a kernel per report.

Every report gets a fresh kernel process, so nothing one report defines or changes (variables,
module attributes, environment variables, working directory) reaches another. Starting each
kernel from scratch means paying the heavy imports (numpy, pandas, scipy, statsmodels,
matplotlib, ``ucj_analysis.report``) once per report. :class:`KernelZygote` starts **one**
process per batch (``python -c <source of _zygote_main>``) that imports :data:`DEFAULT_PRELOAD`
and ipykernel's lazy imports once, then ``os.fork()``\\ s one new kernel process per report. The
child calls ``setsid()`` (its pid is its process group, so Ctrl-C can kill it and its children),
takes the environment and working directory the caller asked for, reseeds numpy and runs
``IPKernelApp`` with the connection file jupyter_client wrote. The parent talks to the factory
over its stdin/stdout, one JSON object per line (protocol in :func:`_zygote_main`).

Before the first regency report, the factory also runs
:func:`ucj_analysis.report.data.prepare` (:meth:`KernelZygote.call`): the data bundle, the
pooled trend model and its backtest are then in memory in every kernel forked after it, instead
of being loaded or fitted again in each. Kernels still share nothing they compute: each starts
from the factory's state, untouched by any report.

Measured in ``benchmarks/results/bench_batch.md`` (the ``ucj_fork`` and ``ucj_spawn`` ways).
This is the default on Linux (:func:`ucj_analysis.batch.kernels.resolve_kernel_mode`); a
kernelspec that is not ``<python> -m ipykernel_launcher|ipykernel`` always uses ``spawn``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["DEFAULT_PRELOAD", "KernelZygote"]

#: Modules the kernel factory imports once per batch, before forking kernels.
DEFAULT_PRELOAD: tuple[str, ...] = (
    "numpy",
    "pandas",
    "scipy.stats",
    "matplotlib",
    "matplotlib.pyplot",
    "statsmodels.api",
    "ucj_analysis.report",
    "ucj_analysis.whatif_widgets",  # the what-if panel of 02 and 03 ...
    "ipywidgets",  # ... which imports ipywidgets only when a panel is built
    "pandas.io.formats.style",  # the report tables (pandas Styler, imported on first use)
)


def _zygote_main() -> None:  # pragma: no cover - runs in the kernel factory process
    """Kernel factory: import the heavy modules once, then fork one kernel per request.

    Protocol (one JSON object per line): the parent writes ``{"argv", "env", "cwd"}`` to the
    factory's stdin and reads ``{"pid": ...}`` (or ``{"error": ...}``) from its stdout; the first
    line the factory writes is ``{"ready": true, "failed": {...}, "seconds": ...}``. At end of
    input the factory kills the kernels it forked and exits.
    """
    import importlib
    import json
    import os
    import signal
    import sys
    import time
    import traceback

    t0 = time.perf_counter()
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]
    proto_in = os.fdopen(os.dup(0), "r", encoding="utf-8")
    proto_out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(2, 1)  # stray prints of the factory and its kernels go to the log, not the protocol
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    failed = {}
    for name in json.loads(sys.argv[1]):
        try:
            importlib.import_module(name)
        except BaseException as e:  # a missing module is imported (and fails) in the report
            failed[name] = f"{type(e).__name__}: {e}"
    if "matplotlib.pyplot" in sys.modules:
        try:  # load fonts and the Agg renderer once
            import io

            from matplotlib.figure import Figure

            fig = Figure(figsize=(2, 1))
            fig.add_subplot().plot([0, 1], [0, 1], label="x")
            fig.savefig(io.BytesIO(), format="png")
        except BaseException as e:
            failed["matplotlib warm-up"] = f"{type(e).__name__}: {e}"
    # what IPKernelApp.initialize imports lazily (measured: 0.5 s of a 0.65 s start)
    for name in (
        "ipykernel.kernelapp",
        "ipykernel.ipkernel",
        "ipykernel.zmqshell",
        "ipykernel.debugger",
        "IPython.core.completerlib",
        "IPython.core.debugger",
        "IPython.core.oinspect",
        "IPython.extensions.storemagic",
        "tornado.queues",
        "tornado.platform.asyncio",
        "sqlite3",
        "faulthandler",
        "pdb",
    ):
        try:
            importlib.import_module(name)
        except BaseException as e:
            failed[name] = f"{type(e).__name__}: {e}"

    children = set()

    def reap(_signum, _frame) -> None:
        # wait for every kernel that ended: no zombies, and their CPU time is counted in the
        # factory's (and so the batch's) resource usage, as for kernels started from scratch
        while True:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return

    signal.signal(signal.SIGCHLD, reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when kernels stop
    proto_out.write(
        json.dumps({"ready": True, "failed": failed, "seconds": time.perf_counter() - t0}) + "\n"
    )
    proto_out.flush()
    for line in proto_in:
        try:
            req = json.loads(line)
        except ValueError:
            continue
        if req.get("call"):  # compute in the factory, for every kernel forked after it
            t1 = time.perf_counter()
            saved = {k: os.environ.get(k) for k in req.get("env", {})}
            try:
                os.environ.update(req.get("env", {}))
                module, _, func = req["call"].partition(":")
                getattr(importlib.import_module(module), func)(*req.get("args", []))
                reply = {"called": req["call"], "seconds": time.perf_counter() - t1}
            except BaseException as e:  # the reports meet the same problem and show it
                reply = {"error": f"{type(e).__name__}: {e}"}
            finally:
                for k, v in saved.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
            proto_out.write(json.dumps(reply) + "\n")
            proto_out.flush()
            continue
        if req.get("kill"):
            for pid in list(children):
                try:
                    os.killpg(pid, signal.SIGKILL)
                except OSError:
                    pass
            proto_out.write(json.dumps({"killed": len(children)}) + "\n")
            proto_out.flush()
            continue
        try:
            pid = os.fork()
        except OSError as e:
            proto_out.write(json.dumps({"error": str(e)}) + "\n")
            proto_out.flush()
            continue
        if pid == 0:  # the kernel
            code = 1
            try:
                os.setsid()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.default_int_handler)
                proto_in.close()
                proto_out.close()
                os.chdir(req["cwd"])
                os.environ.clear()
                os.environ.update(req["env"])
                os.environ["JPY_PARENT_PID"] = str(os.getppid())
                if "numpy" in sys.modules:  # a fresh process would have its own entropy
                    sys.modules["numpy"].random.seed()
                argv = list(req["argv"])
                args = argv[argv.index("-m") + 2 :]
                args.append(f"--IPKernelApp.parent_handle={os.getppid()}")
                sys.argv = [argv[0], *args]
                from ipykernel.kernelapp import IPKernelApp

                app = IPKernelApp.instance()
                app.initialize(args)
                app.start()
                code = 0
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        children.add(pid)
        proto_out.write(json.dumps({"pid": pid}) + "\n")
        proto_out.flush()
        for child in list(children):
            try:
                os.kill(child, 0)
            except OSError:
                children.discard(child)
    for pid in children:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for pid in children:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


class KernelZygote:
    """A kernel factory: one process that imported the heavy modules and forks kernels.

    Each :meth:`fork` gives a new kernel process (a child of the factory) that starts from the
    factory's state (modules imported, nothing executed), so kernels never share state with each
    other. The factory starts in the background; the first :meth:`fork` waits for it.

    Parameters
    ----------
    python : str
        Interpreter for the factory (the kernel's interpreter).
    preload : sequence of str
        Modules to import before forking (failures are ignored: the report then imports the
        module itself and shows the error).
    log_path : path-like, optional
        File receiving the kernels' own stdout/stderr (start-up messages, crashes); default a
        temporary file, deleted by :meth:`close`.
    python_args : sequence of str
        Interpreter options of the kernel command (``-Xfrozen_modules=off``).
    """

    def __init__(
        self,
        python: str = sys.executable,
        preload: Sequence[str] = DEFAULT_PRELOAD,
        log_path: str | os.PathLike | None = None,
        python_args: Sequence[str] = (),
    ):
        self.python = python
        self.python_args = tuple(python_args)
        self.preload = tuple(preload)
        self._temp_log = log_path is None
        if log_path is None:
            fd, log_path = tempfile.mkstemp(prefix="ucj-kernels-", suffix=".log")
            os.close(fd)
        self.log_path = Path(log_path)
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._ready: dict | None = None
        self._pids: set[int] = set()
        self.started = 0
        self._start()

    def _start(self) -> None:
        import inspect

        source = inspect.getsource(_zygote_main) + "\n_zygote_main()\n"
        log = open(self.log_path, "ab")  # noqa: SIM115
        try:
            self._proc = subprocess.Popen(
                [self.python, *self.python_args, "-c", source, json.dumps(list(self.preload))],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                encoding="utf-8",
                start_new_session=True,  # Ctrl-C in the terminal does not reach it
                cwd=tempfile.gettempdir(),
            )
        finally:
            log.close()
        self._ready = None
        self._called: set[str] = set()  # calls this factory process has made (:meth:`call`)

    def _request(self, payload: dict) -> dict:
        assert self._proc is not None and self._proc.stdin and self._proc.stdout
        if self._ready is None:
            line = self._proc.stdout.readline()
            if not line:
                raise RuntimeError(self._died_message())
            self._ready = json.loads(line)
        self._proc.stdin.write(json.dumps(payload) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(self._died_message())
        return json.loads(line)

    def _died_message(self) -> str:
        return f"kernel factory ({self.python}) stopped; see {self.log_path}"

    @property
    def ready_info(self) -> dict:
        """What the factory reported when ready (``failed`` imports, ``seconds`` of preload)."""
        with self._lock:
            if self._ready is None and self._proc is not None and self._proc.stdout:
                line = self._proc.stdout.readline()
                self._ready = json.loads(line) if line else {"ready": False}
            return dict(self._ready or {})

    def fork(self, argv: Sequence[str], env: Mapping[str, str], cwd: str) -> int:
        """Start a kernel process; returns its pid (also its process-group id).

        Parameters
        ----------
        argv : sequence of str
            The kernel command (``python -m ipykernel_launcher -f <connection file> ...``).
        env : mapping
            Environment of the kernel.
        cwd : str
            Working directory of the kernel.
        """
        with self._lock:
            for attempt in (1, 2):
                if self._proc is None or self._proc.poll() is not None:
                    self._start()
                try:
                    reply = self._request({"argv": list(argv), "env": dict(env), "cwd": cwd})
                    break
                except (OSError, RuntimeError, ValueError):
                    if attempt == 2:
                        raise
                    self._proc = None
            if "pid" not in reply:
                raise RuntimeError(f"kernel factory could not fork: {reply.get('error')}")
            self._pids.add(reply["pid"])
            self.started += 1
            return int(reply["pid"])

    def call(self, target: str, args: Sequence = (), env: Mapping[str, str] | None = None) -> dict:
        """Run ``module:function(*args)`` in the factory, so forked kernels inherit its result.

        Used to fill the caches every report shares (:func:`ucj_analysis.report.data.prepare`)
        once, before the first kernel is forked. A call is made once per factory process: the
        same target and arguments again return at once (while the first call runs, other
        threads wait for it); a factory started again after it died is called again.

        Parameters
        ----------
        target : str
            ``"package.module:function"``.
        args : sequence
            JSON-serialisable positional arguments.
        env : mapping, optional
            Environment variables set during the call (e.g. ``UCJ_CACHE_DIR``).

        Returns
        -------
        dict
            ``{"called": target, "seconds": ...}``, or ``{"error": "..."}`` when the call raised
            (the reports then meet the problem themselves and show it).
        """
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._start()
            key = json.dumps([target, list(args)])
            if key in self._called:  # this factory process already holds the result
                return {"called": target, "seconds": 0.0}
            try:
                reply = self._request({"call": target, "args": list(args), "env": dict(env or {})})
            except (OSError, RuntimeError, ValueError) as e:
                return {"error": f"{type(e).__name__}: {e}"}
            self._called.add(key)  # also after an error: the reports show it themselves
            return reply

    def kill_all(self) -> None:
        """Kill every kernel this factory started (used on Ctrl-C)."""
        for pid in list(self._pids):
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
        self._pids.clear()

    def save_log(self, dest: str | os.PathLike) -> None:
        """Copy the kernels' log (start-up messages, crashes) to ``dest``."""
        dest = Path(dest)
        if dest.resolve() == self.log_path.resolve():
            return
        dest.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            shutil.copyfile(self.log_path, dest)

    def forget(self, pid: int) -> None:
        """Stop tracking a kernel that has exited."""
        self._pids.discard(pid)

    def close(self) -> None:
        """Stop the factory and any kernel still running."""
        self.kill_all()
        proc, self._proc = self._proc, None
        if proc is None:
            if self._temp_log:
                with contextlib.suppress(OSError):
                    self.log_path.unlink()
            return
        if self._ready is None:  # still importing: nothing to wait for
            proc.kill()
        with contextlib.suppress(OSError):
            if proc.stdin:
                proc.stdin.close()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        with contextlib.suppress(OSError):
            if proc.stdout:
                proc.stdout.close()
        if self._temp_log:
            with contextlib.suppress(OSError):
                self.log_path.unlink()

    def __enter__(self) -> KernelZygote:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
