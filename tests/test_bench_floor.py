"""The benchmarks' floor runs the batch's own tasks in-process and fails when a cell fails."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "bench_floor.py"


def _batch(tmp_path: Path, **parameters) -> Path:
    path = tmp_path / "batch.json"  # JSON is YAML
    notebook = ROOT / "notebooks" / "02_regency_forecast.ipynb"
    path.write_text(json.dumps({"parameters": parameters, "notebooks": [str(notebook)]}))
    return path


def _floor(batch: Path, data: Path, *extra: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, str(SCRIPT), str(batch), "--data-dir", str(data), "--jobs", "2"]
    return subprocess.run([*cmd, *extra], capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_floor_runs_every_planned_report(tmp_path):
    data = ROOT / "data"
    batch = _batch(tmp_path, n_draws=50, as_of="2026-11-29")
    proc = _floor(batch, data, "--only", "Konawe", "--only", "Banggai")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "failed" not in proc.stderr
    assert "2 reports run, 0 failed" in proc.stdout  # the planned tasks: 02 for each regency


def test_a_failing_cell_fails_the_floor_and_is_named(tmp_path):
    data = ROOT / "data"
    batch = _batch(tmp_path, n_draws=50, as_of="2026-11-29")
    proc = _floor(batch, data, "--only", "Konawe", "--set", "target_pct=150")
    assert proc.returncode == 1
    assert "02_regency_forecast.ipynb cell 2" in proc.stderr
    assert "target_pct" in proc.stderr
