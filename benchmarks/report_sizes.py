"""Sizes of the files a batch writes: what a planner attaches to an e-mail or a WhatsApp message.

Run after ``make reports``: ``.venv/bin/python benchmarks/report_sizes.py [REPORTS_DIR]``
(default ``reports/``). Writes ``benchmarks/results/report_sizes.json`` and ``.md``: per kind of
output (forecast, budget, portfolio, audit report; one-page PDF; village sheet) the largest and
smallest file [bytes], with the draw count and run date the batch recorded in ``batch.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

KINDS = {
    "02_regency_forecast": "02_regency_forecast/*.html",
    "03_budget_scenarios": "03_budget_scenarios/*.html",
    "04_portfolio": "04_portfolio/*.html",
    "01_data_audit": "01_data_audit/*.html",
    "index": "index.html",
    "one_page_pdf": "ringkasan/*.pdf",
    "village_sheet": "desa/*.xlsx",
}


def measure(out: Path) -> dict:
    """Largest and smallest file of each kind in a batch output folder. [bytes]"""
    manifest = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    params = [t.get("params") or {} for t in manifest.get("tasks", {}).values()]
    draws = sorted({p["n_draws"] for p in params if "n_draws" in p})
    as_of = sorted({p["as_of"] for p in params if p.get("as_of")})
    sizes = {}
    for kind, pattern in KINDS.items():
        files = sorted(out.glob(pattern))
        if files:
            b = [f.stat().st_size for f in files]
            sizes[kind] = {"n_files": len(files), "max_bytes": max(b), "min_bytes": min(b),
                           "largest": files[b.index(max(b))].name}  # fmt: skip
    return {"n_draws": draws, "as_of": as_of, "sizes": sizes}


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "reports"
    res = measure(out)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "report_sizes.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# Report sizes (`benchmarks/report_sizes.py`)",
        "",
        f"Output of `make reports` (embedded data; draws {res['n_draws']}, "
        f"run date {res['as_of']}).",
        "",
        "| output | files | largest | smallest |",
        "|---|---|---|---|",
    ]
    for kind, s in res["sizes"].items():
        lines.append(
            f"| {kind} | {s['n_files']} | {s['max_bytes'] / 1e6:.2f} MB ({s['largest']}) | "
            f"{s['min_bytes'] / 1e6:.2f} MB |"
        )
    (RESULTS / "report_sizes.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
