"""The ``ucj`` console entry point (also ``python -m ucj_analysis``).

Loading the command line (typer, pandas, jupyter) takes about half a second. A Ctrl-C in that
time would end in Python's traceback; here it ends the program quietly with the shell's code for
an interrupt (130) before anything has been read or written. The batch then installs its own
handler (:class:`ucj_analysis.batch.interrupt.SignalGuard`), which says how to resume.
"""

from __future__ import annotations

import signal
import sys


def _stop_while_loading(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def main() -> None:
    """Run the ``ucj`` command line; Ctrl-C while it loads exits with status 130."""
    previous = signal.signal(signal.SIGINT, _stop_while_loading)
    from ucj_analysis.cli import main as cli_main

    signal.signal(signal.SIGINT, previous)
    sys.exit(cli_main())
