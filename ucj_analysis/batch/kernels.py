"""Kernels the reports run in: the kernel choice, the kernel mode, and jupyter_client glue.

The kernel factory that forks kernels (``kernel_mode="fork"``, the default on Linux) is
:mod:`ucj_analysis.batch.factory`.

Kernels never outlive the batch
-------------------------------
A kernel started the usual way gets ``--IPKernelApp.parent_handle=<pid of the batch>``: ipykernel
then checks every second that its parent is alive and exits when it is not, even after the
batch was killed with SIGKILL. Forked kernels watch the factory the same way, and the factory
ends with its standard input. On Ctrl-C the batch kills the kernels itself
(:class:`_KernelRegistry`).

jupyter_client hooks overridden
-------------------------------
papermill (through nbclient) starts kernels with the ``kernel_manager_class`` it is given;
:func:`_kernel_manager_class` builds that class. Besides public API (a provisioner, the
``client_factory`` trait, ``AsyncKernelClient.wait_for_ready``) it relies on these **private**
parts of jupyter_client:

* ``AsyncKernelManager._async_pre_start_kernel``: overridden to install the fork provisioner
  before the base method runs; the base method keeps a provisioner that is already set (its
  ``if self.provisioner is None`` check) and uses it for ``pre_launch`` and ``launch_kernel``.
* ``AsyncKernelManager._async_post_start_kernel`` and ``._async_cleanup_resources``: overridden
  to record and forget the kernel's process group, so Ctrl-C / SIGTERM can kill running kernels
  from the main thread (:class:`_KernelRegistry`); ``_async_pre_start_kernel`` also refuses to
  start a kernel once the batch is stopping.
* ``AsyncKernelManager._kernel_spec``: set directly to the resolved :class:`KernelChoice`, so the
  kernel never depends on which ``python3`` kernelspec happens to be installed.
* ``LocalProvisioner`` (subclassed by the fork provisioner): its ``pid`` / ``pgid`` / ``cwd``
  attributes and ``connection_info``; ``launch_kernel``, ``has_process``, ``poll``, ``wait``,
  ``send_signal``, ``kill`` and ``terminate`` are replaced because the base versions use the
  ``subprocess.Popen`` object a forked kernel does not have.
* ``KernelClient._handle_kernel_info_reply``: called (when present) by the client's shorter
  ``wait_for_ready``, which drains IOPub for 0.01 s instead of 0.2 s.

Tested with jupyter_client 8.10.0 (papermill 2.7.0, nbclient 0.11.0, ipykernel 7.4.0): the
batch tests (``tests/test_runner.py``, ``tests/test_dask.py``) run real kernels both ways. The
hooks above have the same names, signatures and the ``provisioner is None`` check in the
jupyter_client source from 7.0.0 through 8.9.1 and the main branch of June 2026 (read, not run);
provisioners do not exist before 7.0. No upper bound is pinned: no release is known to break
them. Should a release rename ``_async_pre_start_kernel``, reports would still run, in kernels
started from scratch (slower, same results), so a jupyter_client upgrade is worth one
``benchmarks/bench_batch.py`` run.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ucj_analysis.batch.factory import DEFAULT_PRELOAD, KernelZygote
from ucj_analysis.batch.messages import BatchFileError, both

__all__ = [
    "DEFAULT_PRELOAD",
    "BatchStopped",
    "KernelChoice",
    "KernelZygote",
    "resolve_kernel",
    "resolve_kernel_mode",
    "start_kernel_factory",
]


@dataclass(frozen=True)
class KernelChoice:
    """The kernel reports run in.

    Attributes
    ----------
    name : str
        Kernel name recorded in the notebooks (``ucj`` or ``python3``).
    argv : tuple of str
        Launch command with the real interpreter path.
    display_name : str
    source : str
        Where it came from (a kernelspec directory, or ``this Python``).
    """

    name: str
    argv: tuple[str, ...]
    display_name: str
    source: str

    @property
    def python(self) -> str:
        """Interpreter that runs the kernel."""
        return self.argv[0]

    @property
    def python_args(self) -> tuple[str, ...]:
        """Interpreter options before ``-m`` (e.g. ``-Xfrozen_modules=off``)."""
        argv = list(self.argv)
        return tuple(argv[1 : argv.index("-m")]) if "-m" in argv else ()

    @property
    def forkable(self) -> bool:
        """True for an ipykernel started as ``<python> -m ipykernel_launcher|ipykernel ...``."""
        argv = list(self.argv)
        return "-m" in argv[:-1] and argv[argv.index("-m") + 1] in (
            "ipykernel_launcher",
            "ipykernel",
        )

    def kernel_spec(self):
        """A :class:`jupyter_client.kernelspec.KernelSpec` for this choice."""
        from ipykernel.kernelspec import RESOURCES
        from jupyter_client.kernelspec import KernelSpec

        return KernelSpec(
            argv=list(self.argv),
            display_name=self.display_name,
            language="python",
            interrupt_mode="signal",
            metadata={"debugger": True},
            resource_dir=RESOURCES,
        )


def _is_plain_python(cmd: str) -> bool:
    return re.fullmatch(r"python(\d+(\.\d+)?)?", cmd) is not None


def resolve_kernel(name: str | None = None) -> KernelChoice:
    """Choose the kernel deterministically.

    ``name`` given: that installed kernelspec. Otherwise the kernelspec ``ucj`` if it is installed
    and its interpreter exists, else ``python3`` on **this** interpreter (``sys.executable``, i.e.
    the virtual environment running ``ucj``), whatever other ``python3`` kernelspecs exist.

    Parameters
    ----------
    name : str, optional
        Kernelspec name.

    Returns
    -------
    KernelChoice

    Raises
    ------
    BatchFileError
        If the named kernel is not installed or its interpreter is missing.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    ksm = KernelSpecManager()
    wanted = name or "ucj"
    try:
        spec = ksm.get_kernel_spec(wanted)
    except NoSuchKernel:
        if name and name != "python3":
            known = ", ".join(sorted(ksm.find_kernel_specs())) or "-"
            raise BatchFileError(
                both("batch.kernel.not_installed", shown=repr(name), known=known, name=name)
            ) from None
        spec = None
    if spec is not None:
        argv = list(spec.argv)
        if argv and _is_plain_python(argv[0]):
            argv[0] = sys.executable
        if argv and (os.path.isabs(argv[0]) and not os.path.exists(argv[0])):
            if name:
                found = {"shown": repr(name), "interpreter": argv[0], "python": sys.executable}
                raise BatchFileError(both("batch.kernel.no_interpreter", name=name, **found))
        else:
            return KernelChoice(wanted, tuple(argv), spec.display_name, spec.resource_dir)
    from ipykernel.kernelspec import get_kernel_dict

    kd = get_kernel_dict()
    argv = list(kd["argv"])
    argv[0] = sys.executable
    return KernelChoice("python3", tuple(argv), "Python 3 (ucj)", f"this Python ({sys.executable})")


def resolve_kernel_mode(mode: str = "auto") -> str:
    """``auto`` -> ``fork`` on Linux (kernels forked from the kernel factory), else ``spawn``.

    The factory imports the libraries once and computes what every regency report of the data
    folder shares (:data:`ucj_analysis.batch.execute.PREPARE`) before it forks; measured in
    ``benchmarks/results/bench_batch.md``. ``fork`` is Linux-only here (macOS forbids forking a
    process that has started some system frameworks), so other systems start every kernel the
    usual way.

    Parameters
    ----------
    mode : {"auto", "fork", "spawn"}

    Returns
    -------
    str
        ``"fork"`` or ``"spawn"``.
    """
    if mode == "auto":
        return "fork" if sys.platform.startswith("linux") else "spawn"
    if mode not in ("fork", "spawn"):
        raise BatchFileError(both("batch.kernel.mode", mode=repr(mode)))
    return mode


def start_kernel_factory(
    kernel: str | None = None,
    preload: Sequence[str] = DEFAULT_PRELOAD,
    log_path: str | os.PathLike | None = None,
) -> KernelZygote | None:
    """Start the kernel factory early, so its imports overlap with planning the batch.

    Parameters
    ----------
    kernel : str, optional
        Kernelspec name (see :func:`resolve_kernel`).
    preload : sequence of str
        Modules to import in the factory.
    log_path : path-like, optional
        Kernel log file.

    Returns
    -------
    KernelZygote or None
        ``None`` when the kernel cannot be forked (not an ipykernel command).
    """
    choice = resolve_kernel(kernel)
    if not choice.forkable:
        return None
    if log_path is not None:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            Path(log_path).write_bytes(b"")
    return KernelZygote(choice.python, preload, log_path, choice.python_args)


def _fork_provisioner_class():
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    class ForkProvisioner(LocalProvisioner):
        """Provisioner whose kernel process comes from a :class:`KernelZygote`."""

        zygote: KernelZygote | None = None

        @property
        def has_process(self) -> bool:
            return self.pid is not None

        async def launch_kernel(self, cmd: list[str], **kwargs: Any):
            assert self.zygote is not None
            env = kwargs.get("env") or dict(os.environ)
            cwd = str(kwargs.get("cwd") or os.getcwd())
            self.pid = self.zygote.fork(cmd, env, cwd)
            self.pgid = self.pid
            self.cwd = cwd
            return self.connection_info

        async def poll(self) -> int | None:
            if self.pid is None:
                return 0
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return 0
            except PermissionError:
                return None
            return None

        async def wait(self) -> int | None:
            import asyncio

            while await self.poll() is None:
                await asyncio.sleep(0.02)
            if self.pid is not None and self.zygote is not None:
                self.zygote.forget(self.pid)
            self.pid = None
            return 0

        async def send_signal(self, signum: int) -> None:
            if self.pid is None:
                return
            try:
                os.killpg(self.pid, signum)
            except OSError:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signum)

        async def kill(self, restart: bool = False) -> None:
            await self.send_signal(signal.SIGKILL)

        async def terminate(self, restart: bool = False) -> None:
            await self.send_signal(signal.SIGTERM)

    return ForkProvisioner


class BatchStopped(RuntimeError):
    """The batch is stopping (Ctrl-C / SIGTERM): no new kernel may start."""


class _KernelRegistry:
    """Process groups of running kernels, so Ctrl-C can stop them from the main thread.

    Once :meth:`kill_all` has run the registry is *stopping*: a kernel whose start was already
    under way when Ctrl-C came is killed as soon as it registers (:meth:`add`), and
    :meth:`refuse_if_stopping` keeps worker threads from starting new ones. Without this a thread
    that was between two reports when Ctrl-C came started its kernel after the others were
    killed and ran a whole report before the batch could exit.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pgids: set[int] = set()
        self._stopping = False

    @property
    def stopping(self) -> bool:
        """True once :meth:`kill_all` has run."""
        return self._stopping

    def refuse_if_stopping(self) -> None:
        """Raise :class:`BatchStopped` once the batch is stopping."""
        if self._stopping:
            raise BatchStopped("batch stopped")

    def add(self, pgid: int | None) -> None:
        """Record a started kernel (killed at once when the batch is already stopping)."""
        if not pgid:
            return
        with self._lock:
            if not self._stopping:
                self._pgids.add(pgid)
                return
        _kill_group(pgid)

    def discard(self, pgid: int | None) -> None:
        with self._lock:
            self._pgids.discard(pgid)

    def kill_all(self) -> None:
        """Kill every registered kernel's process group; from now on the batch is stopping."""
        with self._lock:
            self._stopping = True
            pgids, self._pgids = set(self._pgids), set()
        for pgid in pgids:
            _kill_group(pgid)


def _kill_group(pgid: int) -> None:
    """SIGKILL a kernel's process group (never our own)."""
    if not hasattr(os, "killpg"):  # pragma: no cover - Windows: kernels end with us
        return
    if pgid == os.getpgid(0):
        return
    with contextlib.suppress(OSError):
        os.killpg(pgid, signal.SIGKILL)


def _client_class():
    """``AsyncKernelClient`` whose ``wait_for_ready`` does not idle 0.2 s per kernel."""
    from jupyter_client.asynchronous.client import AsyncKernelClient

    class UcjKernelClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            """Wait for the kernel_info reply and a connected IOPub channel.

            jupyter_client then drains IOPub until it has been quiet for 0.2 s; the notebook
            client ignores messages that do not answer its own requests, so a 0.01 s drain is
            enough (measured: 20 % more reports per minute for small notebooks).
            """
            from queue import Empty

            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            while True:
                self.kernel_info()
                try:
                    msg = await self.shell_channel.get_msg(timeout=1)
                except Empty:
                    msg = None
                if msg is not None and msg["msg_type"] == "kernel_info_reply":
                    try:  # an IOPub message proves the subscription is connected
                        await self.iopub_channel.get_msg(timeout=0.2)
                    except Empty:
                        pass
                    else:
                        handle = getattr(self, "_handle_kernel_info_reply", None)
                        if handle is not None:
                            handle(msg)
                        break
                if not await self.is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
            while True:
                try:
                    await self.iopub_channel.get_msg(timeout=0.01)
                except Empty:
                    break

    return UcjKernelClient


def _kernel_manager_class(
    choice: KernelChoice, zygote: KernelZygote | None, registry: _KernelRegistry | None
):
    """An ``AsyncKernelManager`` subclass bound to a kernel choice (and a factory)."""
    from jupyter_client.manager import AsyncKernelManager

    client_cls = _client_class()

    provisioner_cls = _fork_provisioner_class() if zygote is not None else None

    class UcjKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            spec = choice.kernel_spec()
            if zygote is None and choice.forkable:
                # ipykernel's parent poller: the kernel ends itself within a second when this
                # process dies, even by SIGKILL (forked kernels watch the factory instead)
                # and logs only errors: its warning that a local kernel talks over TCP without
                # encryption is noise on a planner's terminal (every message is still signed
                # with the connection key)
                spec.argv = [
                    *spec.argv,
                    f"--IPKernelApp.parent_handle={os.getpid()}",
                    "--IPKernelApp.log_level=ERROR",
                ]
            self._kernel_spec = spec
            self.kernel_name = choice.name
            self.client_factory = client_cls

        async def _async_pre_start_kernel(self, **kw: Any):
            if registry is not None:
                registry.refuse_if_stopping()
            if provisioner_cls is not None and self.provisioner is None:
                self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
                prov = provisioner_cls(
                    kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
                )
                prov.zygote = zygote
                self.provisioner = prov
            return await super()._async_pre_start_kernel(**kw)

        async def _async_post_start_kernel(self, **kw: Any) -> None:
            if registry is not None and self.provisioner is not None:
                # first thing after the launch: a stopping batch kills the kernel right here
                registry.add(getattr(self.provisioner, "pgid", None))
            await super()._async_post_start_kernel(**kw)

        async def _async_cleanup_resources(self, restart: bool = False) -> None:
            if registry is not None and self.provisioner is not None:
                registry.discard(getattr(self.provisioner, "pgid", None))
            await super()._async_cleanup_resources(restart=restart)

    return UcjKernelManager
