"""The bookkeeping benchmark's measuring process runs the batch's own bookkeeping code.

On 3 synthetic regencies (8 reports) with small stand-in entries: every level is measured, the
whole batch is recorded report by report (this code: one journal line per report, so no
journal is left behind and no report rewrote ``batch.json``), and the index is rewritten at
the pace the batch allows. Times are not asserted (the machine is shared); the counts are.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "bench_bookkeeping.py"
UCJ = Path(sys.executable).parent / "ucj"


def test_the_worker_records_every_report_of_the_batch(tmp_path):
    data = tmp_path / "data"
    subprocess.run([str(UCJ), "synth", "--n", "3", "--out", str(data)], check=True,
                   capture_output=True)  # fmt: skip
    entry = {"status": "ok", "error": None, "seconds": 1.0, "records": {"x": 1}}
    templates = tmp_path / "templates.json"
    stems = ("01_data_audit", "02_regency_forecast", "03_budget_scenarios", "04_portfolio")
    templates.write_text(json.dumps({s: entry for s in stems}), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(BENCH), "--worker", str(data), str(templates), "0.5", "1"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    res = json.loads(done.stdout.strip().splitlines()[-1])
    assert res["journaled"] is True
    assert res["reports"] == 8  # 01 and 04 once, 02 and 03 per regency
    assert [lv["recorded"] for lv in res["levels"]] == [0, 2, 4, 5, 7]
    (whole,) = res["whole"]
    # reports 0.5 s apart and a 2 s floor between index rewrites: fewer rewrites than reports
    assert 1 <= whole["index_writes"] < 8
    manifest_bytes = whole["bytes"]
    assert manifest_bytes > 8 * len(json.dumps(entry))  # every entry is in batch.json at the end
