"""The money sections of a regency forecast (report 02).

Budget lines of the first budget year, yearly cost, the smallest budget that reaches the target
and what village arrears do.

:class:`ForecastMoney` is a mixin of :class:`ucj_analysis.report.forecast.RegencyForecast`: its
methods read the forecast's fields (``regency``, ``lang``, ``inputs``, ``trend``, ``scenarios``,
``result``, ``target``, ``deadlines``, ``horizon_end``, ``n_draws``, ``seed``, ``damping``,
``when``, ``_budget``) and its :meth:`answers`, ``budget_year`` and ``main_deadline``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from ucj_analysis import i18n, plots
from ucj_analysis.engine import simulate, solve_budget
from ucj_analysis.report.data import funded_reference, scenario_labels
from ucj_analysis.report.display import (
    chart_names,
    col,
    count,
    month_text,
    pct_or_dash,
    reason_text,
    rp,
    show,
    table,
    when_text,
)

__all__ = ["ForecastMoney"]


class ForecastMoney:
    """Budget lines, yearly cost, minimum budget and arrears of a :class:`RegencyForecast`."""

    def budget_lines_table(self):
        """Budget lines of the first budget year: appropriation, spending, arrears, idle money."""
        lang = self.lang
        a = self.answers()
        rows = []
        for _, r in a.iterrows():
            row = {
                col("scenario", lang): self.scenarios[r["scenario"]].label_for(lang),
                i18n.t("lines.appropriation", lang): rp(r["appropriation_rp"], lang),
                i18n.t("lines.spending", lang): rp(r["spending_rp"], lang),
                i18n.t("lines.arrears", lang): rp(r["arrears_rp"], lang),
                i18n.t("lines.idle", lang): rp(r["idle_rp"], lang),
                i18n.t("lines.persons", lang): count(r["persons_funded"], lang),
                i18n.t("lines.signups", lang): count(r["signups_per_month"], lang),
            }
            if self.inputs.n_desa > 0:
                row[i18n.t("lines.signups_unit", lang)] = (
                    "—"
                    if pd.isna(r["signups_per_unit_month"])
                    else i18n.format_number(r["signups_per_unit_month"], lang, 1)
                )
            rows.append(row)
        return table(
            pd.DataFrame(rows), caption=i18n.t("lines.caption", lang, year=self.budget_year)
        )

    def cost_chart(self):
        """Yearly cost of each scenario [Rp]."""
        yc = self.result.yearly_cost
        fig = plots.cost_chart(
            yc[(yc["regency"] == self.regency) & (yc["year"] >= self.budget_year)],
            lang=self.lang,
            regency=self.regency,
            scenario_labels=scenario_labels(self.scenarios, self.lang),
        )
        alt = i18n.t("chart.cost.alt", self.lang, regency=self.title, year=self.budget_year)
        return show(fig, alt=alt, **chart_names("cost", self.lang))

    def cost_table(self, years: Sequence[int] | None = None):
        """Budget per year (appropriation) and expected spending, per scenario, in rupiah."""
        lang = self.lang
        yc = self.result.yearly_cost
        yc = yc[(yc["regency"] == self.regency) & (yc["months"] == 12)]
        if years is None:
            first = self.budget_year
            years = [y for y in (first, first + 1, 2030, 2035) if y in set(yc["year"])]
        yc = yc[yc["year"].isin(years)]
        spend = yc["spending_rp_p50"] if "spending_rp_p50" in yc else yc["cost_rp_p50"]
        appr = yc["appropriation_rp"] if "appropriation_rp" in yc else spend
        out = pd.DataFrame(
            {
                col("scenario", lang): yc["scenario"].map(
                    lambda s: self.scenarios[s].label_for(lang)
                ),
                col("year", lang): yc["year"].astype(int).astype(str),
                i18n.t("lines.appropriation", lang): appr.map(lambda v: rp(v, lang)),
                i18n.t("lines.spending", lang): spend.map(lambda v: rp(v, lang)),
                i18n.t("lines.persons", lang): yc["persons_funded_p50"].map(
                    lambda v: count(v, lang)
                ),
            }
        )
        if self.inputs.n_desa > 0 and "appropriation_village_rp" in yc:
            out[i18n.t("answer.col.per_desa", lang)] = [
                rp(v / self.inputs.n_desa, lang) if v > 0 else "—"
                for v in yc["appropriation_village_rp"]
            ]
        return table(out)

    def budget(self) -> pd.DataFrame:
        """Smallest yearly budget reaching the target by each deadline (p = 0.5 and 0.8).

        Solved twice: money paid by every village (spread evenly over villages, subject to
        budget realisation and arrears) and money paid by the regency (APBD, targeted at the
        uncovered workers).
        """
        if self._budget is None:
            frames = [
                solve_budget(
                    self.inputs,
                    {self.regency: self.trend},
                    target=self.target,
                    deadline=list(self.deadlines),
                    probability=(0.5, 0.8),
                    payer=payer,
                    n_draws=self.n_draws,
                    seed=self.seed,
                    trend_damping=self.damping,
                    run_month=self.when.run_month,
                    budget_start=self.when.budget_start,
                )
                for payer in ("village", "regency")
            ]
            self._budget = pd.concat(frames, ignore_index=True)
        return self._budget

    def budget_table(self):
        """The budget table in the report language (Rp total, per village, % of DD and ADD)."""
        lang = self.lang
        b = self.budget()
        out = pd.DataFrame(
            {
                col("payer", lang): b["payer"].map(lambda p: i18n.t(f"payer.{p}", lang)),
                col("deadline", lang): b["deadline"].map(lambda d: month_text(d, lang)),
                col("probability", lang): b["probability"].map(
                    lambda p: i18n.format_pct(p * 100, lang, 0)
                ),
                col("feasible", lang): b["feasible"].map(
                    lambda f: i18n.t("yes" if f else "no", lang)
                ),
                col("budget", lang): b["budget_rp_per_year"].map(lambda v: rp(v, lang)),
                col("per_village", lang): [
                    rp(v, lang) if p == "village" and self.inputs.n_desa > 0 else "—"
                    for v, p in zip(b["budget_rp_per_village"], b["payer"], strict=True)
                ],
                col("pct_dd", lang): [
                    pct_or_dash(v, lang) if p == "village" else "—"
                    for v, p in zip(b["pct_of_dd"], b["payer"], strict=True)
                ],
                col("pct_add", lang): [
                    pct_or_dash(v, lang) if p == "village" else "—"
                    for v, p in zip(b["pct_of_add"], b["payer"], strict=True)
                ],
                col("reason", lang): [
                    reason_text(code, ach, self.when, lang)
                    for code, ach in zip(b["reason_code"], b["achieved_probability"], strict=True)
                ],
            }
        )
        return table(out)

    def arrears_table(self, shares_pct: Sequence[float] = (0, 10, 20, 40)):
        """What arrears do: the same funded scenario with more villages in arrears."""
        lang = self.lang
        base = funded_reference(self.scenarios)
        variants = {
            f"arrears_{int(s)}": replace(base, id=f"arrears_{int(s)}", arrears_share_pct=float(s))
            for s in shares_pct
        }
        res = simulate(
            [self.inputs],
            variants,
            {self.regency: self.trend.draws(self.n_draws, self.seed)},
            n_draws=self.n_draws,
            seed=self.seed,
            horizon_end=self.horizon_end,
            target=self.target,
            deadlines=self.deadlines,
            variables=("coverage",),
            trend_damping=self.damping,
            run_month=self.when.run_month,
            budget_start=self.when.budget_start,
        )
        rows = []
        p = res.paths
        for s, sid in zip(shares_pct, variants, strict=True):
            r = res.time_to_target[res.time_to_target["scenario"] == sid].iloc[0]
            cov = p[
                (p["scenario"] == sid)
                & (p["variable"] == "coverage")
                & (p["month"] == pd.Period(self.main_deadline, freq="M"))
            ]
            pb = res.prob_by_deadline
            prob = pb[
                (pb["scenario"] == sid)
                & (pb["deadline"] == pd.Period(self.main_deadline, freq="M"))
            ]
            rows.append(
                {
                    col("arrears", lang): i18n.format_pct(s, lang, 0),
                    col("coverage_at", lang, d=month_text(self.main_deadline, lang, short=True)): (
                        i18n.format_pct(float(cov["p50"].iloc[0]) * 100, lang, 1)
                        if len(cov)
                        else "—"
                    ),
                    col("median", lang): when_text(r, self.horizon_end, lang),
                    col("prob", lang, d=month_text(self.main_deadline, lang, short=True)): (
                        i18n.format_pct(float(prob["probability"].iloc[0]) * 100, lang, 0)
                        if len(prob)
                        else "—"
                    ),
                }
            )
        caption = i18n.t("report.arrears.caption", lang, label=base.label_for(lang))
        return table(pd.DataFrame(rows), caption=caption)
