"""Ctrl-C and SIGTERM during a batch: stop the work once, never in the middle of a write.

:class:`SignalGuard` turns the first SIGINT or SIGTERM into :class:`KeyboardInterrupt` (so the
running kernels are stopped), except inside :meth:`SignalGuard.deferred` sections (writing a
report with its manifest entry, writing the index): there the signal is only remembered and
:meth:`SignalGuard.check` raises it afterwards. Later signals are counted, never raised, so the
clean-up after the first one (stopping kernels, writing the index) always finishes; a second
Ctrl-C only shortens the wait for the worker threads (:attr:`SignalGuard.count`). The exit
status is ``128 + signal number`` (130 after Ctrl-C, 143 after SIGTERM).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

__all__ = ["SignalGuard", "signal_name"]

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def signal_name(signum: int) -> str:
    """``SIGINT`` / ``SIGTERM`` for a signal number (the number as text for others)."""
    try:
        return signal.Signals(signum).name
    except ValueError:
        return str(signum)


class SignalGuard:
    """Handle SIGINT and SIGTERM while a batch runs (main thread only; elsewhere a no-op).

    Attributes
    ----------
    signum : int or None
        The first signal received.
    count : int
        Signals received so far (the second Ctrl-C of an impatient user makes it 2).
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        self.count = 0
        self._raised = False
        self._held = False
        self._defer = 0
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> SignalGuard:
        if threading.current_thread() is threading.main_thread():
            for sig in _SIGNALS:
                self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()

    def _handle(self, signum: int, frame: Any) -> None:
        self.count += 1
        if self.signum is None:
            self.signum = signum
        if not self._defer and not self._raised and not self._held:
            self._raised = True
            raise KeyboardInterrupt(signal_name(signum))

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """A section no signal interrupts (the signal is remembered for :meth:`check`)."""
        self._defer += 1
        try:
            yield
        finally:
            self._defer -= 1

    def check(self) -> None:
        """Raise KeyboardInterrupt for a signal that arrived in a deferred section."""
        if self.signum is not None and not self._raised and not self._defer and not self._held:
            self._raised = True
            raise KeyboardInterrupt(signal_name(self.signum))

    def hold(self) -> None:
        """From now on signals are only remembered (the work is done; the caller exits).

        Called inside a :meth:`deferred` section, so no signal falls between the two.
        """
        self._held = True

    @property
    def exit_code(self) -> int:
        """``128 + signal number`` after a signal, else 0."""
        return 128 + self.signum if self.signum is not None else 0
