"""Report 04, the portfolio: every regency in the data under a few scenarios, ranked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ucj_analysis import answers as ans
from ucj_analysis import i18n, plots
from ucj_analysis.engine import solve_budget
from ucj_analysis.record import record
from ucj_analysis.report.data import (
    bundle,
    provenance_records,
    scenarios_for,
    start_origin,
    start_quality,
    workforce_basis,
)
from ucj_analysis.report.display import (
    bound_text,
    chart_names,
    col,
    month_text,
    num,
    quality_text,
    rp,
    show,
    table,
)
from ucj_analysis.report.forecast import regency_forecast

__all__ = ["Portfolio", "portfolio"]


@dataclass
class Portfolio:
    """All regencies side by side under a few scenarios."""

    frame: pd.DataFrame  # one row per regency x scenario (the chart's input)
    ranking: pd.DataFrame  # one row per regency, ranked
    lang: str
    target_pct: float
    scenarios: tuple[str, ...]
    rank_by: str
    deadline: str
    horizon_end: str
    data_dir: str = ""
    rank_note: str = ""  # why the ranking uses another scenario than asked ("" when it does not)

    def ranking_table(self):
        """Regencies ranked by time to target (then probability and coverage by the deadline)."""
        lang = self.lang
        f = self.ranking
        d = month_text(self.deadline, lang, short=True)
        labels = dict(zip(self.frame["scenario"], self.frame["scenario_label"], strict=False))
        out = pd.DataFrame(
            {
                col("rank", lang): range(1, len(f) + 1),
                col("regency", lang): f["regency"],
                col("coverage", lang): f["current_coverage_pct"].map(
                    lambda v: i18n.format_pct(v, lang, 1)
                ),
                col("quality", lang): [
                    quality_text(q, lang) + (f" ({src})" if q == "assumed" else "")
                    for q, src in zip(f["quality"], f["start_source"], strict=True)
                ],
                i18n.t("col.basis", lang): f["basis"].map(lambda v: i18n.t(f"basis.{v}", lang)),
                col("gap", lang): f["gap_persons"].map(
                    lambda v: i18n.format_number(round(v), lang)
                ),
            }
        )
        for sid in self.scenarios:
            out[f"{col('median', lang)}: {labels[sid]}"] = f[f"median_{sid}"].map(
                lambda p: bound_text(p, self.horizon_end, lang)
            )
        out[col("coverage_at", lang, d=d) + f" ({labels[self.rank_by]})"] = f[
            "coverage_deadline"
        ].map(lambda v: i18n.format_pct(v * 100, lang, 1))
        out[col("prob", lang, d=d) + f" ({labels[self.rank_by]})"] = f["prob_deadline"].map(
            lambda p: i18n.format_pct(p * 100, lang, 0)
        )
        year = int(f["budget_year"].iloc[0]) if len(f) else ""
        out[i18n.t("answer.col.budget", lang, year=year) + f" ({labels[self.rank_by]})"] = f[
            "appropriation_rank_by"
        ].map(lambda v: rp(v, lang))
        out[col("budget_apbd", lang)] = [
            rp(v, lang) if ok else i18n.t("report.no_budget", lang)
            for v, ok in zip(f["budget_rp_per_year"], f["budget_feasible"], strict=True)
        ]
        note = i18n.t(
            "report.portfolio.note",
            lang,
            pct=i18n.format_pct(self.target_pct, lang),
            month=month_text(self.deadline, lang),
        )
        if f["basis"].nunique() > 1:
            note += " " + i18n.t("basis.mixed", lang)
        if self.rank_note:
            note += " " + self.rank_note
        return table(out, caption=note)

    def chart(self):
        """The slide chart (16:9): coverage vs target and time to target per regency."""
        fig = plots.portfolio_chart(
            self.frame,
            lang=self.lang,
            target_pct=self.target_pct,
            horizon_end=self.horizon_end,
            deadline=self.deadline,
            rank_by=self.rank_by,
        )
        alt = i18n.t(
            "chart.portfolio.alt",
            self.lang,
            n=self.frame["regency"].nunique(),
            target=i18n.format_pct(self.target_pct, self.lang, 1),
            deadline=month_text(self.deadline, self.lang),
        )
        return show(fig, alt=alt, **chart_names("portfolio", self.lang))

    def record_key_numbers(self) -> None:
        """Record the ranking for the index and tests."""
        labels = dict(zip(self.frame["scenario"], self.frame["scenario_label"], strict=False))
        record("scenarios", [labels[sid] for sid in self.scenarios])
        record(
            "portfolio",
            [
                {
                    "regency": r["regency"],
                    "current_coverage_pct": float(r["current_coverage_pct"]),
                    "median_month": {
                        sid: None if pd.isna(r[f"median_{sid}"]) else str(r[f"median_{sid}"])
                        for sid in self.scenarios
                    },
                    "rank_by": self.rank_by,
                    "coverage_deadline": float(r["coverage_deadline"]),
                    "prob_deadline": float(r["prob_deadline"]),
                    "budget_rp_per_year": num(r["budget_rp_per_year"]),
                    "budget_feasible": bool(r["budget_feasible"]),
                    "appropriation_rank_by": num(r["appropriation_rank_by"]),
                    "budget_year": int(r["budget_year"]),
                    "workforce_basis": r["basis"],
                    "start_quality": r["quality"],
                }
                for _, r in self.ranking.iterrows()
            ],
        )
        record("provenance", provenance_records(bundle(self.data_dir), self.lang))


def portfolio(
    *,
    scenarios: Sequence[str] = ("trend_only", "add_10", "fund_gap"),
    rank_by: str = "fund_gap",
    target_pct: float = 99.5,
    deadline: str = "2030-12",
    horizon_end: str = "2045-12",
    n_draws: int = 1000,
    seed: int = 20251,
    data_dir: str = "",
    lang: str = "id",
    as_of: str = "",
    budget_start: str = "",
) -> Portfolio:
    """Every regency in the data under a few scenarios, ranked.

    ``scenarios`` are preset names and/or scenario YAML files (their scenarios are compared).
    When ``rank_by`` is not among them (the default ``fund_gap`` with a shorter list), the
    ranking uses the last funded scenario given (the last one when none is funded) and the
    ranking table's caption says so (``rank_note``).

    Regencies are ranked by the median month they reach the target under ``rank_by``, then by
    the probability of reaching it by ``deadline`` and the median coverage at ``deadline``. The
    budget column is the smallest yearly regency (APBD, targeted) budget that reaches the target
    by ``deadline`` with probability 0.5 (:func:`ucj_analysis.engine.solve_budget`).
    """
    lang = i18n.check_lang(lang)
    given = list(scenarios)
    chosen = scenarios_for(given)  # preset names and scenario files -> scenario ids
    scenarios = tuple(chosen)
    rank_note = ""
    if rank_by not in chosen:  # e.g. the default fund_gap with --set scenarios=[trend_only, add_10]
        funded = [sid for sid, sc in chosen.items() if sc.levers]
        used = funded[-1] if funded else scenarios[-1]
        rank_note = i18n.t(
            "report.portfolio.rank_fallback",
            lang,
            asked=rank_by,
            used=chosen[used].label_for(lang),
        )
        rank_by = used
    b = bundle(data_dir)
    dl = pd.Period(deadline, freq="M")
    when = ans.as_of(as_of, budget_start)
    rows, ranking = [], []
    for reg in b.regencies.frame["regency"]:
        fc = regency_forecast(
            reg,
            target_pct=target_pct,
            deadlines=tuple(sorted({*ans.default_deadlines(when), str(dl)})),
            scenarios=given,
            horizon_end=horizon_end,
            n_draws=n_draws,
            seed=seed,
            data_dir=data_dir,
            lang=lang,
            as_of=as_of,
            budget_start=budget_start,
        )
        inp = fc.inputs
        ttt = fc._ttt().set_index("scenario")
        obs = fc.observed_start()
        a = fc.answers().set_index("scenario")
        base = {
            "regency": reg,
            "current_coverage_pct": obs["coverage_pct"],
            "current_date": inp.start_month,
            "quality": start_quality(inp),
            "basis": workforce_basis(b, reg),
            "start_source": start_origin(b, inp, lang),
        }
        for sid in scenarios:
            t = ttt.loc[sid]
            rows.append(
                base
                | {
                    "scenario": sid,
                    "scenario_label": fc.scenarios[sid].label_for(lang),
                    "median_month": t["median_month"],
                    "p10_month": t["p10_month"],
                    "p90_month": t["p90_month"],
                    "status": t["status"],
                    "coverage_deadline_pct": float(a.loc[sid, "coverage_main_p50"])
                    if str(dl) == fc.main_deadline
                    else np.nan,
                }
            )
        sol = solve_budget(
            inp,
            {reg: fc.trend},
            target=fc.target,
            deadline=str(dl),
            probability=0.5,
            payer="regency",
            n_draws=n_draws,
            seed=seed,
            trend_damping=fc.damping,
            run_month=fc.when.run_month,
            budget_start=fc.when.budget_start,
        ).iloc[0]
        paths = fc.result.paths
        cov = paths[
            (paths["scenario"] == rank_by)
            & (paths["variable"] == "coverage")
            & (paths["month"] == dl)
        ]
        ranking.append(
            base
            | {f"median_{sid}": ttt.loc[sid, "median_month"] for sid in scenarios}
            | {
                "gap_persons": inp.workforce0 * max(fc.target - inp.coverage0, 0.0),
                "coverage_deadline": float(cov["p50"].iloc[0]) if len(cov) else float("nan"),
                "prob_deadline": fc._prob(rank_by, str(dl)),
                "appropriation_rank_by": float(a.loc[rank_by, "appropriation_rp"]),
                "budget_year": fc.budget_year,
                "budget_rp_per_year": sol["budget_rp_per_year"],
                "budget_rp_per_village": sol["budget_rp_per_village"],
                "budget_feasible": bool(sol["feasible"]),
            }
        )
    frame = pd.DataFrame(rows)
    rank = pd.DataFrame(ranking)
    rank["_o"] = rank[f"median_{rank_by}"].map(lambda p: p.ordinal if not pd.isna(p) else 10**9)
    rank = rank.sort_values(
        ["_o", "prob_deadline", "coverage_deadline"], ascending=[True, False, False]
    ).drop(columns="_o")
    return Portfolio(
        frame=frame,
        ranking=rank.reset_index(drop=True),
        lang=lang,
        target_pct=target_pct,
        scenarios=scenarios,
        rank_by=rank_by,
        deadline=str(dl),
        horizon_end=str(pd.Period(horizon_end, "M")),
        data_dir=data_dir,
        rank_note=rank_note,
    )
