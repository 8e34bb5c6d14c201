"""Report 03, the budget study: budget curve, lever comparison and sensitivity for one regency.

:func:`budget_study` traces the time to target against a yearly budget, compares the preset
levers by cost per coverage point and runs one-at-a-time sensitivity of the main assumptions
around the smallest traced budget that reaches the target by the deadline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ucj_analysis import answers as ans
from ucj_analysis import i18n, plots
from ucj_analysis.engine import BudgetAmount, SimulationResult, simulate
from ucj_analysis.inputs import RegencyInputs
from ucj_analysis.record import record
from ucj_analysis.report.data import bundle, provenance_records
from ucj_analysis.report.display import (
    bound_text,
    chart_names,
    col,
    markdown,
    month_text,
    num,
    show,
    table,
)
from ucj_analysis.report.forecast import RegencyForecast, regency_forecast

__all__ = ["BudgetStudy", "budget_study"]


@dataclass
class BudgetStudy:
    """Budget -> time-to-target curve, lever comparison and sensitivity for one regency."""

    forecast: RegencyForecast
    curve: pd.DataFrame
    levers: pd.DataFrame
    sensitivity: pd.DataFrame
    deadline: str
    reference_budget_rp: float = float("nan")

    @property
    def lang(self) -> str:
        return self.forecast.lang

    def budget_curve_chart(self):
        """Yearly budget [Rp] against the month the target is reached."""
        fig = plots.budget_curve(
            self.curve,
            lang=self.lang,
            deadline=self.deadline,
            regency=self.forecast.regency,
            horizon_end=self.forecast.horizon_end,
            n_desa=self.forecast.inputs.n_desa,
        )
        alt = i18n.t(
            "chart.budget_curve.alt",
            self.lang,
            regency=self.forecast.title,
            target=i18n.format_pct(self.forecast.target * 100, self.lang, 1),
            deadline=month_text(self.deadline, self.lang),
        )
        return show(fig, alt=alt, **chart_names("budget_curve", self.lang))

    def budget_curve_table(self):
        """The curve as a table (budget, per village, median month, P10–P90, coverage gain)."""
        lang = self.lang
        c = self.curve
        h = self.forecast.horizon_end
        out = pd.DataFrame(
            {
                col("budget", lang): c["budget_rp_per_year"].map(lambda v: i18n.format_rp(v, lang)),
                col("per_village", lang): c["budget_rp_per_village"].map(
                    lambda v: i18n.format_rp(v, lang)
                ),
                col("median", lang): c["median_month"].map(lambda p: bound_text(p, h, lang)),
                col("p10", lang): c["p10_month"].map(lambda p: bound_text(p, h, lang)),
                col("p90", lang): c["p90_month"].map(lambda p: bound_text(p, h, lang)),
                col("coverage_at", lang, d=month_text(self.deadline, lang, short=True)): c[
                    "coverage_at_deadline"
                ].map(lambda v: i18n.format_pct(v * 100, lang, 1)),
                col("cost_per_pp", lang): c["cost_per_pp_rp"].map(
                    lambda v: "—" if pd.isna(v) else i18n.format_rp(v, lang)
                ),
            }
        )
        return table(out)

    def levers_table(self):
        """Each preset lever: yearly cost, coverage gain by the deadline and cost per point."""
        lang = self.lang
        lv = self.levers
        h = self.forecast.horizon_end
        out = pd.DataFrame(
            {
                col("scenario", lang): lv["label"],
                col("cost", lang): lv["cost_rp_per_year"].map(lambda v: i18n.format_rp(v, lang)),
                col("gain_pp", lang, d=month_text(self.deadline, lang, short=True)): lv[
                    "gain_pp"
                ].map(lambda v: i18n.format_number(v, lang, 1)),
                col("cost_per_pp", lang): lv["cost_per_pp_rp"].map(
                    lambda v: "—" if pd.isna(v) else i18n.format_rp(v, lang)
                ),
                col("median", lang): lv["median_month"].map(lambda p: bound_text(p, h, lang)),
            }
        )
        return table(out)

    def tornado_chart(self):
        """How far each assumption moves the median time to target."""
        if self.sensitivity["base_months"].isna().all():
            return markdown(i18n.t("report.tornado.none", self.lang))
        fig = plots.tornado(self.sensitivity, lang=self.lang, regency=self.forecast.regency)
        alt = i18n.t("chart.tornado.alt", self.lang, regency=self.forecast.title)
        return show(fig, alt=alt, **chart_names("tornado", self.lang))

    def tornado_note(self):
        """Which reference the sensitivity runs around."""
        lang = self.lang
        text = i18n.t(
            "report.tornado.note",
            lang,
            amount=i18n.format_rp(self.reference_budget_rp, lang),
            month=month_text(self.deadline, lang),
        )
        return markdown(text)

    def record_key_numbers(self) -> None:
        """Record the curve and sensitivity for the index and tests."""
        record("regency", self.forecast.regency)
        self.forecast.record_answers()
        record("report_title", i18n.t("title.budget", self.lang, regency=self.forecast.title))
        record("scenarios", [sc.label_for(self.lang) for sc in self.forecast.scenarios.values()])
        record(
            "budget_curve",
            [
                {
                    "budget_rp_per_year": float(r.budget_rp_per_year),
                    "median_month": None if pd.isna(r.median_month) else str(r.median_month),
                    "coverage_at_deadline": float(r.coverage_at_deadline),
                }
                for r in self.curve.itertuples()
            ],
        )
        record(
            "sensitivity",
            [
                {
                    "parameter": r.parameter,
                    "months_low": num(r.months_low),
                    "months_high": num(r.months_high),
                    "base_months": num(r.base_months),
                }
                for r in self.sensitivity.itertuples()
            ],
        )
        record("provenance", provenance_records(bundle(self.forecast.data_dir), self.lang))


def _median_months(res: SimulationResult, regency: str, scenario: str, start, horizon) -> float:
    """Median months from ``start`` to target (NaN when the median draw does not reach it)."""
    hits = res.first_hit[(regency, scenario, res.targets[0])].astype(float)
    cap = float(horizon.ordinal - start.ordinal + 1)
    hits = np.where(hits < 0, cap, hits)
    med = float(np.median(hits))
    return float("nan") if med >= cap else med


def budget_study(
    regency: str,
    *,
    target_pct: float = 99.5,
    deadline: str = "2030-12",
    budgets_rp: Sequence[float] | None = None,
    payer: str = "regency",
    scenarios: Sequence[str] | str | None = None,
    horizon_end: str = "2045-12",
    n_draws: int = 1000,
    seed: int = 20251,
    data_dir: str = "",
    lang: str = "id",
    as_of: str = "",
    budget_start: str = "",
    assumptions: dict | None = None,
) -> BudgetStudy:
    """Compare levers for one regency: budget curve, cost per point, sensitivity.

    Parameters
    ----------
    budgets_rp : sequence of float, optional
        Yearly budgets to trace [Rp per year]; default: 0 to twice the cost of funding today's
        whole gap, in 9 steps.
    payer : {"regency", "village", "province", "central"}
        Who pays the traced budget. ``"regency"`` (APBD) money is targeted at uncovered workers;
        ``"village"`` money is spread evenly over villages and subject to budget realisation and
        arrears, so it may never reach the last workers.
    Other parameters as in :func:`regency_forecast`; ``deadline`` is the month used for
    coverage gains and costs per point. [YYYY-MM]
    """
    when = ans.as_of(as_of, budget_start)
    deadlines = tuple(sorted({*ans.default_deadlines(when), str(pd.Period(deadline, freq="M"))}))
    fc = regency_forecast(
        regency,
        target_pct=target_pct,
        deadlines=deadlines,
        scenarios=scenarios,
        horizon_end=horizon_end,
        n_draws=n_draws,
        seed=seed,
        data_dir=data_dir,
        lang=lang,
        as_of=as_of,
        budget_start=budget_start,
        assumptions=assumptions,
    )
    inp, name = fc.inputs, fc.regency
    start = inp.start_month
    horizon = pd.Period(horizon_end, freq="M")
    dl = pd.Period(deadline, freq="M")
    slopes = {name: fc.trend.draws(n_draws, seed)}
    rate = float(inp.rate_at(pd.period_range(dl, dl, freq="M"))[0])
    gap_cost = inp.workforce0 * (1 - inp.coverage0) * rate * 12
    if budgets_rp is None:
        budgets_rp = np.linspace(0, 2 * gap_cost, 9)
    base = fc.scenarios.get("trend_only") or next(iter(fc.scenarios.values()))
    start_lever = max(fc.when.budget_start, start + 1)
    variants = {}
    for i, amount in enumerate(budgets_rp):
        lever = BudgetAmount(start=start_lever, payer=payer, amount_rp_per_year=float(amount))
        variants[f"b{i}"] = replace(
            base, id=f"b{i}", levers=(*base.levers, lever) if amount > 0 else base.levers
        )
    res = simulate(
        [inp],
        variants,
        slopes,
        n_draws=n_draws,
        seed=seed,
        horizon_end=horizon_end,
        target=fc.target,
        deadlines=(deadline,),
        variables=("coverage",),
        trend_damping=fc.damping,
        run_month=fc.when.run_month,
        budget_start=fc.when.budget_start,
    )
    cov_dl = res.paths[(res.paths["month"] == dl) & (res.paths["variable"] == "coverage")]
    base_cov = float(cov_dl.loc[cov_dl["scenario"] == "b0", "p50"].iloc[0])
    rows = []
    for i, amount in enumerate(budgets_rp):
        sid = f"b{i}"
        r = res.time_to_target[res.time_to_target["scenario"] == sid].iloc[0]
        c = float(cov_dl.loc[cov_dl["scenario"] == sid, "p50"].iloc[0])
        gain = (c - base_cov) * 100
        rows.append(
            {
                "budget_rp_per_year": float(amount),
                "budget_rp_per_village": float(amount) / max(inp.n_desa, 1),
                "median_month": r["median_month"],
                "p10_month": r["p10_month"],
                "p90_month": r["p90_month"],
                "coverage_at_deadline": c,
                "cost_per_pp_rp": float(amount) / gain if gain > 0.05 and amount > 0 else np.nan,
            }
        )
    curve = pd.DataFrame(rows)

    # lever comparison from the forecast already run
    ref = fc.result
    cov_ref = ref.paths[(ref.paths["month"] == dl) & (ref.paths["variable"] == "coverage")]
    trend_cov = cov_ref.loc[cov_ref["scenario"] == base.id, "p50"]
    trend_cov = float(trend_cov.iloc[0]) if len(trend_cov) else base_cov
    yc = ref.yearly_cost[(ref.yearly_cost["months"] == 12) & (ref.yearly_cost["year"] == dl.year)]
    lv_rows = []
    for sid, sc in fc.scenarios.items():
        c = cov_ref.loc[cov_ref["scenario"] == sid, "p50"]
        cost = yc.loc[yc["scenario"] == sid, "cost_rp_p50"]
        cost = float(cost.iloc[0]) if len(cost) else 0.0
        gain = (float(c.iloc[0]) - trend_cov) * 100 if len(c) else float("nan")
        t = ref.time_to_target[ref.time_to_target["scenario"] == sid].iloc[0]
        lv_rows.append(
            {
                "scenario": sid,
                "label": sc.label_for(fc.lang),
                "cost_rp_per_year": cost,
                "gain_pp": gain,
                "cost_per_pp_rp": cost / gain if gain > 0.05 and cost > 0 else np.nan,
                "median_month": t["median_month"],
            }
        )
    levers = pd.DataFrame(lv_rows)

    # reference for the sensitivity: the smallest traced budget whose median reaches the target
    # by the deadline (else the largest traced budget)
    reach = curve[curve["median_month"].map(lambda p: not pd.isna(p) and p <= dl)]
    ref_i = int(reach.index[0]) if len(reach) else len(curve) - 1
    reference = variants[f"b{ref_i}"]
    sensitivity = _sensitivity(fc, reference, slopes, start, horizon, n_draws, seed)
    return BudgetStudy(
        fc, curve, levers, sensitivity, str(dl), float(curve["budget_rp_per_year"].iloc[ref_i])
    )


def _fixed_at(inp: RegencyInputs, ref, slopes, pname: str):
    """Builder (value -> inputs, scenario, slopes) fixing one drawn assumption at ``value``."""

    def build(v: float):
        if pname == "village_pool_cv":
            ranges = {k: r for k, r in inp.ranges.items() if k != pname}
            return replace(inp, village_pool_cv=v, ranges=ranges), ref, slopes
        if pname == "arrears_months":
            return inp, replace(ref, arrears_months=round(v)), slopes
        return inp, replace(ref, **{pname: v}), slopes

    return build


def _sensitivity(fc: RegencyForecast, ref, slopes, start, horizon, n_draws, seed) -> pd.DataFrame:
    """One-at-a-time low/high runs of the main assumptions around a reference scenario.

    ``ref`` should reach the target within the horizon (the budget study passes the smallest
    traced budget whose median reaches the target by the deadline); otherwise every run ends at
    the horizon and the chart shows nothing.
    """
    lang = fc.lang
    inp = fc.inputs
    name = fc.regency
    village_paid = any(getattr(lv, "payer", "village") == "village" for lv in ref.levers)

    def rates(factor: float):
        spans = tuple((a, b, r * factor) for a, b, r in inp.contribution_rates)
        return replace(inp, contribution_rates=spans)

    base_rate = float(inp.rate_at(pd.period_range(start, start, freq="M"))[0])
    # parameter (its label is the catalogue key sensitivity.<parameter>), low value, high value,
    # builder(value) -> (inputs, scenario, slopes)
    cases = [
        (
            "trend_slope",
            fc.trend.slope_mean - fc.trend.slope_sd,
            fc.trend.slope_mean + fc.trend.slope_sd,
            lambda v: (inp, ref, {name: slopes[name] - fc.trend.slope_mean + v}),
        ),
        (
            "workforce_growth",
            max(inp.workforce_growth * 100 - 2 * inp.workforce_growth_sd * 100, 0),
            inp.workforce_growth * 100 + 2 * inp.workforce_growth_sd * 100,
            lambda v: (replace(inp, workforce_growth=v / 100), ref, slopes),
        ),
        (
            "contribution",
            base_rate * 0.5,
            base_rate,
            lambda v: (rates(v / base_rate), ref, slopes),
        ),
    ]
    # every drawn assumption from its stated range (assumptions.csv low / high), fixed at the
    # low and at the high end in turn: (parameter, input name, only for village money)
    drawn = [
        ("lapse_funded", "lapse_funded_pct_per_year", False),
        ("enrolment", "enrolment_pace_per_village_month", False),
        ("arrears", "arrears_share_pct", True),
        ("arrears_months", "arrears_months", True),
        ("realisation", "budget_realisation_mean_pct", True),
        ("village_spread", "village_pool_cv", True),
    ]
    for key, pname, village_only in drawn:
        if village_only and not village_paid:
            continue
        lo, _, hi = inp.range_of(pname)
        if not lo < hi:
            continue
        cases.append((key, lo, hi, _fixed_at(inp, ref, slopes, pname)))

    def months_for(i2, s2, sl2) -> float:
        r = simulate(
            [i2],
            {ref.id: replace(s2, id=ref.id)},
            sl2,
            n_draws=n_draws,
            seed=seed,
            horizon_end=str(horizon),
            target=fc.target,
            variables=(),
            trend_damping=fc.damping,
            run_month=fc.when.run_month,
            budget_start=fc.when.budget_start,
        )
        return _median_months(r, name, ref.id, start, horizon)

    base_m = months_for(inp, ref, slopes)
    rows = []
    for key, lo, hi, build in cases:
        m_lo, m_hi = (months_for(*build(v)) for v in (lo, hi))
        rows.append(
            {
                "parameter": key,
                "label": i18n.t(f"sensitivity.{key}", lang),
                "low_value": lo,
                "high_value": hi,
                "months_low": m_lo,
                "months_high": m_hi,
                "base_months": base_m,
            }
        )
    return pd.DataFrame(rows)
