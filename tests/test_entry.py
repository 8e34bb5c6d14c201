"""The ``ucj`` entry point: Ctrl-C while the command line is still loading exits 130, quietly."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import builtins, os, signal, sys
import ucj_analysis.entry as entry
real_import = builtins.__import__
def interrupting_import(name, *args, **kwargs):
    if name == "ucj_analysis.cli":  # the user presses Ctrl-C while the command line loads
        os.kill(os.getpid(), signal.SIGINT)
    return real_import(name, *args, **kwargs)
builtins.__import__ = interrupting_import
sys.argv = ["ucj", "--version"]
entry.main()
"""


def test_ctrl_c_while_loading_exits_130_without_a_traceback():
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert proc.returncode == 130, proc.stderr
    assert "Traceback" not in proc.stderr and "KeyboardInterrupt" not in proc.stderr


def test_the_entry_point_runs_the_command_line():
    proc = subprocess.run(
        [sys.executable, "-m", "ucj_analysis", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ucj ")
