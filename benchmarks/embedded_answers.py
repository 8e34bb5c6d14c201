"""The answer table of every embedded regency, at a fixed run date, for the README.

Run: ``.venv/bin/python benchmarks/embedded_answers.py [--as-of YYYY-MM-DD]``

Computes, on the embedded data (``data/``) and with the report defaults (target 99.5 %, every
preset scenario, 1,000 draws, seed 20251), what ``02_regency_forecast`` shows first: the memo
sentences and, per scenario, the median month the target is reached with P10-P90, the
probability by each deadline, the median coverage at the main deadline and the budget lines of
the first budget year (appropriation, per desa, % of ADD, expected spending, village arrears,
idle money). The run date is fixed (default 2026-11-29) so the numbers do not move with the
calendar. Same seed, same numbers.

Results: ``benchmarks/results/embedded_answers.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ucj_analysis import answers, report  # noqa: E402
from ucj_analysis.loaders import load_bundle  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
AS_OF = "2026-11-29"
N_DRAWS = 1000
SEED = 20251
TARGET_PCT = 99.5

_MONTHS = ("median_month", "p10_month", "p90_month")
_NUMBERS = (
    "reached_share",
    "coverage_main_p10",
    "coverage_main_p50",
    "coverage_main_p90",
    "appropriation_rp",
    "appropriation_rp_per_desa",
    "pct_add",
    "pct_dd",
    "spending_rp",
    "arrears_rp",
    "idle_rp",
    "persons_funded",
)


def _num(v: object) -> float | None:
    """A finite float or None."""
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _month(v: object) -> str | None:
    return None if v is None or pd.isna(v) else str(v)


def answers_for(regency: str, as_of: str) -> dict:
    """The first-screen numbers of one regency (English labels; the memo in both languages)."""
    fc = report.regency_forecast(
        regency, target_pct=TARGET_PCT, n_draws=N_DRAWS, seed=SEED, as_of=as_of, lang="en"
    )
    fc_id = report.regency_forecast(
        regency, target_pct=TARGET_PCT, n_draws=N_DRAWS, seed=SEED, as_of=as_of, lang="id"
    )
    obs = fc.observed_start()
    rows = []
    for _, r in fc.answers().iterrows():
        row = {"scenario": r["scenario"], "label": fc.scenarios[r["scenario"]].label_for("en")}
        row["status"] = r["status"]
        row |= {c: _month(r[c]) for c in _MONTHS}
        row["prob_by_deadline"] = {d: _num(r[f"prob_{d}"]) for d in fc.deadlines}
        row |= {c: _num(r[c]) for c in _NUMBERS}
        rows.append(row)
    return {
        "regency": fc.regency,
        "latest_figure_month": str(obs["month"]),
        "latest_coverage_pct": round(float(obs["coverage_pct"]), 2),
        "latest_quality": obs["quality"],
        "data_age_months": answers.data_age_months(obs["month"], fc.when.run_month),
        "budget_year": int(fc.budget_year),
        "deadlines": list(fc.deadlines),
        "main_deadline": fc.main_deadline,
        "trend_method": fc.trend.method,
        "trend_slope_logit_per_year": [
            round(float(fc.trend.slope_mean), 4),
            round(float(fc.trend.slope_sd), 4),
        ],
        "memo_en": fc.memo(),
        "memo_id": fc_id.memo(),
        "scenarios": rows,
    }


def _rp_billion(v: float | None) -> str:
    return "-" if v is None else f"{v / 1e9:.2f}"


def _pct(v: float | None, d: int = 1) -> str:
    return "-" if v is None else f"{v:.{d}f}"


def to_markdown(out: dict) -> str:
    """The results as a Markdown page."""
    lines = [
        "# Answers on the embedded data (`benchmarks/embedded_answers.py`)",
        "",
        f"Run date fixed at {out['as_of']} (budget start {out['budget_start']}), "
        f"target {out['target_pct']} %, {out['n_draws']} draws, seed {out['seed']}, every "
        f"preset scenario; {out['seconds']:.1f} s. Money in billion rupiah per year (first "
        "budget year, simulation median); coverage in %.",
        "",
    ]
    for reg in out["regencies"]:
        md = reg["main_deadline"]
        lines += [
            f"## {reg['regency']}",
            "",
            f"Latest figure {reg['latest_coverage_pct']} % ({reg['latest_figure_month']}, "
            f"{reg['latest_quality']}, {reg['data_age_months']} months before the run date); "
            f"trend: {reg['trend_method']}, slope "
            f"{reg['trend_slope_logit_per_year'][0]} ± {reg['trend_slope_logit_per_year'][1]} "
            "logit/year.",
            "",
            "| scenario | median month | P10 | P90 | P(by "
            + md
            + f") | coverage {md} (median) | appropriation | per desa [million] | % ADD "
            "| expected spending | village arrears | idle |",
            "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for s in reg["scenarios"]:
            per_desa = s["appropriation_rp_per_desa"]
            lines.append(
                f"| {s['scenario']} | {s['median_month'] or 'not reached'} | "
                f"{s['p10_month'] or '-'} | {s['p90_month'] or '-'} | "
                f"{_pct(s['prob_by_deadline'].get(md), 3)} | "
                f"{_pct(s['coverage_main_p50'])} | {_rp_billion(s['appropriation_rp'])} | "
                f"{'-' if per_desa is None else f'{per_desa / 1e6:.1f}'} | "
                f"{_pct(s['pct_add'])} | {_rp_billion(s['spending_rp'])} | "
                f"{_rp_billion(s['arrears_rp'])} | {_rp_billion(s['idle_rp'])} |"
            )
        lines += ["", "Memo (id): " + " ".join(reg["memo_id"]), ""]
    return "\n".join(lines)


def main(as_of: str = AS_OF) -> dict:
    t0 = time.perf_counter()
    regencies = list(load_bundle().regencies.frame["regency"])
    out = {
        "benchmark": "embedded_answers",
        "as_of": as_of,
        "target_pct": TARGET_PCT,
        "n_draws": N_DRAWS,
        "seed": SEED,
        "budget_start": str(answers.as_of(as_of).budget_start),
        "regencies": [answers_for(r, as_of) for r in regencies],
    }
    out["seconds"] = round(time.perf_counter() - t0, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "embedded_answers.json").write_text(
        json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    (RESULTS / "embedded_answers.md").write_text(to_markdown(out), encoding="utf-8")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--as-of", default=AS_OF, help="run date YYYY-MM-DD (default %(default)s)")
    args = ap.parse_args()
    print(to_markdown(main(args.as_of)))
