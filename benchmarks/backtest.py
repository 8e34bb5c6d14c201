"""Rolling-origin backtest of the coverage trend models on the embedded data.

Run: ``.venv/bin/python benchmarks/backtest.py`` (about a minute on 2 cores).
Writes ``benchmarks/results/backtest.json`` and ``benchmarks/results/backtest.md``.

What is tested (honestly)
-------------------------
* Every coverage series in ``data/coverage.csv`` (segment ``total``, ``use_in_model``) with at
  least ``MIN_POINTS`` figures. With the embedded data **no** regency or province qualifies (the
  longest have two figures); the script lists them so the gap is visible.
* The **national UCJ proxy**: national active participants (``national_participants.csv``)
  divided by an eligible workforce anchored at the one published national UCJ figure (35.68 %,
  Apr 2025) and moved back in time with an assumed yearly growth (2.98 %/year, the BPS labour
  force growth Aug 2023 -> Aug 2024 in the domain notes; 1.5 %/year as a sensitivity). Its level
  is derived, its ups and downs are the participant counts. This is the only series long enough
  for ETS (7 points).

Models: ETS(A,Ad,N), ARIMA(0,1,0)+drift and logistic growth on the logit scale, pooled growth
(the production method: refitted at every origin on every unit's figures up to that month),
against the naive (last value) and drift baselines evaluated on the same origins. Errors are in
percentage points; the interval check uses 80 % intervals.

Interval calibration: for every model the split-conformal factor ``k`` on the interval half-width
(``ucj_analysis.models.backtest.interval_scale``) and the leave-one-origin-out coverage of the
widened intervals are reported next to the raw coverage. The production path
(``pooled_backtest`` on the report's panel, the same origins and horizon as here) gives the
factor that ``trend_for_regency`` applies to the slope sd; its basis is written as
``report_basis``.
"""

from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ucj_analysis.loaders import load_bundle  # noqa: E402
from ucj_analysis.models import (  # noqa: E402
    LogisticGrowthModel,
    LogitARIMAModel,
    LogitETSModel,
    PooledGrowthForecaster,
    PooledGrowthModel,
    backtest_many,
    backtest_summary,
    panel_from,
    pooled_backtest,
    select_trend_model,
)
from ucj_analysis.models.backtest import backtest_basis, describe_backtest_basis  # noqa: E402

MIN_POINTS = 4
MIN_TRAIN = 3
HORIZON = 3
ALPHA = 0.2
GROWTH_MAIN = 0.0298  # BPS labour force Indonesia Aug 2023 -> Aug 2024 (+2.98 %)
GROWTH_SENSITIVITY = 0.015
OUT = ROOT / "benchmarks" / "results"


def _series_by_unit(panel: pd.DataFrame) -> dict[str, pd.Series]:
    out = {}
    for unit, g in panel.groupby("unit", sort=True):
        s = pd.Series(g["coverage"].to_numpy(float), index=pd.DatetimeIndex(g["date"]))
        out[str(unit)] = s.sort_index()
    return out


def _factories(panel: pd.DataFrame) -> dict:
    return {
        "ets_damped": lambda s: LogitETSModel(s, damped=True),
        "arima_drift": lambda s: LogitARIMAModel(s),
        "logistic": lambda s: LogisticGrowthModel(s),
        "pooled growth": PooledGrowthForecaster(panel),
    }


def _round(frame: pd.DataFrame) -> list[dict]:
    return [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _clean(v):
    """JSON-ready value: NaN -> None, floats to 4 decimals, numpy scalars, tuples and dicts."""
    if isinstance(v, float):
        return None if math.isnan(v) else round(v, 4)
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_clean(x) for x in v]
    if hasattr(v, "item"):
        return _clean(v.item())
    return v


def _basis(summary: pd.DataFrame) -> dict:
    """Basis of the pooled-growth backtest with its sentence in both languages."""
    basis = backtest_basis(summary, model="pooled growth")
    return _clean(basis) | {
        "sentence_id": describe_backtest_basis(basis, "id"),
        "sentence_en": describe_backtest_basis(basis, "en"),
    }


def run() -> dict:
    t0 = time.perf_counter()
    bundle = load_bundle()
    coverage_only = panel_from(bundle, national_workforce_growth=None)
    counts = coverage_only.groupby("unit")["date"].nunique().sort_values(ascending=False)
    coverage_series = {
        u: s for u, s in _series_by_unit(coverage_only).items() if counts[u] >= MIN_POINTS
    }

    results: dict = {
        "config": {
            "min_points": MIN_POINTS,
            "min_train": MIN_TRAIN,
            "horizon_observations": HORIZON,
            "interval": 1 - ALPHA,
            "national_workforce_growth_main": GROWTH_MAIN,
            "national_workforce_growth_sensitivity": GROWTH_SENSITIVITY,
        },
        "coverage_series_figures": {u: int(n) for u, n in counts.items()},
        "coverage_series_tested": sorted(coverage_series),
        "runs": {},
    }
    for label, growth in (("main", GROWTH_MAIN), ("sensitivity", GROWTH_SENSITIVITY)):
        panel = panel_from(bundle, national_workforce_growth=growth)
        series = dict(coverage_series)
        nation = _series_by_unit(panel)["Indonesia"]
        series["Indonesia (national UCJ proxy)"] = nation
        pooled_panel = panel.replace({"unit": {"Indonesia": "Indonesia (national UCJ proxy)"}})
        errors = backtest_many(
            series, _factories(pooled_panel), min_train=MIN_TRAIN, horizon=HORIZON, alpha=ALPHA
        )
        overall = backtest_summary(errors)
        by_h = backtest_summary(errors, by=["h", "model"])
        selection_aic = select_trend_model(nation, method="aic")
        selection_bt = select_trend_model(nation, method="backtest", min_train=MIN_TRAIN)
        pooled = PooledGrowthModel(panel).fit()
        results["runs"][label] = {
            "national_proxy": {str(k.date()): round(float(v), 4) for k, v in nation.items()},
            "summary": _round(overall),
            "summary_by_h": _round(by_h),
            "errors": _round(
                errors.assign(
                    origin=errors["origin"].astype(str), target=errors["target"].astype(str)
                )
            ),
            "basis": _basis(overall),
            "select_aic": {"winner": selection_aic.name, "reason": selection_aic.reason},
            "select_backtest": {"winner": selection_bt.name, "reason": selection_bt.reason},
            "pooled_fit": {
                "structure": pooled.structure,
                "units": pooled.n_units,
                "fixed_slope_logit_per_year": round(pooled.fixed_slope, 4),
                "fixed_slope_se": round(pooled.fixed_slope_se, 4),
                "between_unit_sd": round(pooled.slope_sd, 4),
                "borrowed_sd": round(pooled.borrowed_sd, 4),
                "pp_per_year_at_35pct": round(100 * pooled.fixed_slope * 0.35 * 0.65, 3),
                "notes": pooled.notes,
            },
        }
    report_panel = panel_from(bundle)  # what the report uses (growth from assumptions.csv)
    results["report_basis"] = _basis(
        backtest_summary(pooled_backtest(report_panel, min_train=MIN_TRAIN, horizon=HORIZON))
    )
    pooled0 = PooledGrowthModel(coverage_only).fit()
    results["pooled_fit_coverage_only"] = {
        "structure": pooled0.structure,
        "units": pooled0.n_units,
        "fixed_slope_logit_per_year": round(pooled0.fixed_slope, 4),
        "fixed_slope_se": round(pooled0.fixed_slope_se, 4),
        "between_unit_sd": round(pooled0.slope_sd, 4),
        "borrowed_sd": round(pooled0.borrowed_sd, 4),
        "pp_per_year_at_35pct": round(100 * pooled0.fixed_slope * 0.35 * 0.65, 3),
        "notes": pooled0.notes,
    }
    results["seconds"] = round(time.perf_counter() - t0, 1)
    return results


def to_markdown(res: dict) -> str:
    lines = [
        "# Backtest of coverage trend models (rolling origin)",
        "",
        f"Run time {res['seconds']} s. Origins from {MIN_TRAIN} training points, up to "
        f"{HORIZON} held-out observations ahead, 80 % intervals. Errors in percentage points "
        "(pp). Ratios < 1 beat the baseline on the same held-out points.",
        "",
        "**What is tested.** Coverage series with >= "
        f"{MIN_POINTS} figures: {', '.join(res['coverage_series_tested']) or 'none'} "
        "(figures per unit: "
        + ", ".join(f"{u} {n}" for u, n in res["coverage_series_figures"].items())
        + "). The only long series is the **national UCJ proxy** = national active participants "
        "/ eligible workforce anchored at 35.68 % (Apr 2025) with an assumed workforce growth; "
        "it tests the models on national dynamics (including the 2025 lapse dip), not on a "
        "regency.",
        "",
    ]
    for label, run in res["runs"].items():
        g = res["config"][f"national_workforce_growth_{label}"]
        lines += [
            f"## {label}: national workforce growth {100 * g:.2f} %/year",
            "",
            "| model | forecasts | skipped | MAE pp | bias pp | mean lead (months) | "
            "80 % interval coverage, raw | factor k | calibrated (leave-one-origin-out) | "
            "MAE / naive | MAE / drift |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in run["summary"]:
            lines.append(
                f"| {r['model']} | {r['n_forecasts']} | {r['n_skipped']} | {r['mae_pp']} | "
                f"{r['bias_pp']} | {r['mean_lead_months']} | {r['interval_coverage']} "
                f"({r['n_intervals']}) | {r['interval_scale']} | "
                f"{r['interval_coverage_calibrated']} | {r['ratio_vs_naive']} | "
                f"{r['ratio_vs_drift']} |"
            )
        b = run["basis"]
        lines += [
            "",
            f"**Basis (pooled growth).** {b['sentence_en']} Held-out points: {b['n_points']} "
            f"forecasts from {b['n_origins']} origins of {b['n_targets']} distinct figures; "
            f"lead times {b['horizons_months']} months; best model on every point: "
            f"{b['best_model']} (MAE {b['best_mae_pp']} pp; naive {b['naive_mae_pp']}, drift "
            f"{b['drift_mae_pp']}); beats naive: {b['beats_naive']}"
            + (
                f"; forecast only part of the points: {', '.join(b['partial_models'])}"
                if b["partial_models"]
                else ""
            )
            + ".",
        ]
        lines += [
            "",
            "One observation ahead (h = 1):",
            "",
            "| model | forecasts | MAE pp | 80 % interval coverage | MAE / naive | MAE / drift |",
            "|---|---|---|---|---|---|",
        ]
        for r in run["summary_by_h"]:
            if r["h"] == 1:
                lines.append(
                    f"| {r['model']} | {r['n_forecasts']} | {r['mae_pp']} | "
                    f"{r['interval_coverage']} | {r['ratio_vs_naive']} | {r['ratio_vs_drift']} |"
                )
        pf = run["pooled_fit"]
        lines += [
            "",
            f"Model choice on the proxy: AIC -> {run['select_aic']['winner']}; backtest -> "
            f"{run['select_backtest']['winner']} ({run['select_backtest']['reason']}).",
            "",
            f"Pooled growth with the proxy in the panel ({pf['structure']}, {pf['units']} "
            f"units): {pf['fixed_slope_logit_per_year']} ± {pf['fixed_slope_se']} logit/year "
            f"(between-unit sd {pf['between_unit_sd']}; borrowed sd {pf['borrowed_sd']}), "
            f"≈ {pf['pp_per_year_at_35pct']} pp/year at 35 %.",
            "",
        ]
    rb = res["report_basis"]
    lines += [
        "## Calibration used by the report (`trend_for_regency`)",
        "",
        f"`pooled_backtest` on the report's panel ({', '.join(rb['series'])}; national workforce "
        f"growth from assumptions.csv): raw 80 % interval coverage "
        f"{rb['interval_coverage_80_uncalibrated']}, factor k = {rb['interval_scale']} on the "
        f"slope sd, leave-one-origin-out coverage after calibration {rb['interval_coverage_80']} "
        f"({rb['n_points']} held-out forecasts).",
        "",
        f"Report sentence (id): {rb['sentence_id']}",
        "",
    ]
    p0 = res["pooled_fit_coverage_only"]
    lines += [
        "## Pooled growth from coverage.csv only (`trend_for_regency` without the national proxy)",
        "",
        f"{p0['structure']}, {p0['units']} units: {p0['fixed_slope_logit_per_year']} ± "
        f"{p0['fixed_slope_se']} logit/year, between-unit sd {p0['between_unit_sd']}, "
        f"borrowed sd {p0['borrowed_sd']} ≈ {p0['pp_per_year_at_35pct']} pp/year at 35 %.",
        "",
        "Caveat: a handful of forecasts from one national series; the numbers show the order "
        "of magnitude of errors, not a ranking a planner should rely on.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    res = run()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "backtest.json").write_text(json.dumps(res, indent=2, ensure_ascii=False))
    (OUT / "backtest.md").write_text(to_markdown(res))
    print(to_markdown(res))


if __name__ == "__main__":
    main()
