"""Report 02, the regency forecast: when a regency reaches its target, under which budget.

:func:`regency_forecast` projects one regency under the chosen scenarios; the returned
:class:`RegencyForecast` shows it section by section (the answer on the first screen, charts,
tables, budget lines, inputs, method) and records the key numbers (:func:`record`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ucj_analysis import answers as ans
from ucj_analysis import i18n, plots
from ucj_analysis.engine import SimulationResult
from ucj_analysis.inputs import RegencyInputs
from ucj_analysis.models import TrendFit
from ucj_analysis.record import record
from ucj_analysis.report.data import (
    apply_assumptions,
    bundle,
    provenance_records,
    regency_inputs,
    regency_trend,
    running_programmes,
    scenario_labels,
    scenarios_for,
    start_origin,
    start_quality,
    trend_damping,
    trend_input_rows,
    with_baseline,
    workforce_basis,
)
from ucj_analysis.report.display import (
    backtest_display,
    bound_text,
    chart_names,
    col,
    input_label,
    markdown,
    method_key,
    month_text,
    num,
    pct_or_dash,
    quality_text,
    range_text,
    regency_title,
    rp,
    show,
    source_text,
    table,
    unit_text,
    value_text,
    when_text,
)
from ucj_analysis.report.forecast_money import ForecastMoney
from ucj_analysis.report.sim_cache import cached_simulate
from ucj_analysis.report.villages import VillageSection

__all__ = ["RegencyForecast", "regency_forecast"]


@dataclass
class RegencyForecast(ForecastMoney):
    """A regency's projection under several scenarios, ready to show section by section."""

    regency: str
    lang: str
    target: float
    deadlines: tuple[str, ...]
    horizon_end: str
    n_draws: int
    seed: int
    data_dir: str
    inputs: RegencyInputs
    trend: TrendFit
    scenarios: dict
    result: SimulationResult
    damping: float | None = None
    when: ans.AsOf | None = None
    _budget: pd.DataFrame | None = field(default=None, repr=False)
    _answers: pd.DataFrame | None = field(default=None, repr=False)
    _villages: VillageSection | None = field(default=None, repr=False)

    # -- headline -------------------------------------------------------------------------
    @property
    def main_deadline(self) -> str:
        """The deadline used for headline probabilities (the first one at or after 2030)."""
        return ans.main_deadline(self.deadlines)

    @property
    def budget_year(self) -> int:
        """The first full budget year a planner can still change."""
        bs = self.when.budget_start
        return bs.year if bs.month == 1 else bs.year + 1

    @property
    def title(self) -> str:
        """'Kabupaten Konawe' / 'Kota Kendari' (a city keeps its own word)."""
        return regency_title(self.regency, self.lang)

    @property
    def villages(self) -> VillageSection:
        """The village section (:class:`~ucj_analysis.report.villages.VillageSection`): shows
        nothing for a regency without a village file."""
        if self._villages is None:
            self._villages = VillageSection(self)
        return self._villages

    def answers(self) -> pd.DataFrame:
        """The answer table (:func:`ucj_analysis.answers.answer_table`), computed once."""
        if self._answers is None:
            self._answers = ans.answer_table(
                self.result,
                self.inputs,
                self.scenarios,
                target=self.target,
                deadlines=self.deadlines,
                budget_year=self.budget_year,
            )
        return self._answers

    def observed_start(self) -> dict:
        """The latest figure as its source gives it (counts not recomputed from a percentage)."""
        cov = bundle(self.data_dir).coverage.frame
        inp = self.inputs
        f = cov[
            (cov["regency"] == self.regency)
            & (cov["segment"] == "total")
            & (cov["date"].map(lambda d: pd.Period(d, freq="M")) == inp.start_month)
        ]
        row = f.iloc[-1] if len(f) else None

        def pick(name, fallback):
            if row is None or name not in row or pd.isna(row[name]):
                return fallback
            return float(row[name])

        return {
            "coverage_pct": pick("coverage_pct", inp.coverage0 * 100),
            "workforce": pick("workforce", inp.workforce0),
            "active": pick("active", inp.workforce0 * inp.coverage0),
            "month": inp.start_month,
            "quality": start_quality(inp) or "assumed",
        }

    def memo(self) -> list[str]:
        """Plain sentences for a memo (:func:`ucj_analysis.answers.memo_sentences`)."""
        obs = self.observed_start()
        a = self.answers()
        return ans.memo_sentences(
            a[a["scenario"].map(self.applies)],
            regency_title=self.title,
            labels=scenario_labels(self.scenarios, self.lang),
            target=self.target,
            horizon_end=self.horizon_end,
            current_pct=obs["coverage_pct"],
            latest_month=obs["month"],
            when=self.when,
            now=ans.nowcast(
                self.result,
                self.regency,
                self.when.run_month,
                "trend_only" if "trend_only" in self.scenarios else None,
            ),
            start_quality=obs["quality"],
            start_origin=start_origin(bundle(self.data_dir), self.inputs, self.lang),
            counts={"active": obs["active"], "workforce": obs["workforce"]},
            lang=self.lang,
        )

    def answer(self):
        """The first screen: a short memo, a warning when the data are old, the answer table."""
        from IPython.display import display

        lang = self.lang
        obs = self.observed_start()
        age = ans.data_age_months(obs["month"], self.when.run_month)
        parts = [" ".join(self.memo())]
        if age > ans.STALE_MONTHS:
            parts.append(i18n.t("memo.stale", lang, age=age, limit=ans.STALE_MONTHS))
        display(markdown("\n\n".join(parts)))
        display(self.answer_table())
        notes = [
            i18n.t(
                "answer.dates",
                lang,
                run=i18n.format_date(self.when.run_date, lang),
                start=i18n.format_month(self.when.budget_start, lang),
            ),
            *self.programmes_text(),
        ]
        return markdown("\n\n".join(notes))

    def headline(self):
        """Alias of :meth:`answer` (the budget notebook opens with the same answer)."""
        return self.answer()

    def programmes_text(self) -> list[str]:
        """One sentence per running programme saying how the projection counts it."""
        _, f = running_programmes(bundle(self.data_dir), self.inputs)
        out = []
        for _, r in f.iterrows():
            if r["counted"] == "finished":
                continue
            out.append(
                i18n.t(
                    f"programme.{r['counted']}",
                    self.lang,
                    name=r["programme"],
                    start=month_text(pd.Period(r["start"], freq="M"), self.lang),
                    quality=quality_text(r["quality"], self.lang),
                )
            )
        return out

    def answer_table(self):
        """One row per scenario: month reached, P10–P90, probabilities, coverage, budget."""
        lang = self.lang
        a = self.answers()
        h = self.horizon_end
        rows = []
        for _, r in a.iterrows():
            when_col = i18n.t(
                "answer.col.when", lang, pct=i18n.format_pct(self.target * 100, lang, 1)
            )
            if not self.applies(r["scenario"]):
                rows.append(
                    {
                        col("scenario", lang): self.scenarios[r["scenario"]].label_for(lang),
                        when_col: i18n.t("answer.not_applicable", lang),
                    }
                )
                continue
            row = {
                col("scenario", lang): self.scenarios[r["scenario"]].label_for(lang),
                when_col: when_text(r, h, lang),
                col("p10_p90", lang): range_text(r, h, lang),
            }
            for d in self.deadlines:
                prob = r[f"prob_{d}"]
                row[col("prob", lang, d=month_text(d, lang, short=True))] = (
                    "—" if pd.isna(prob) else i18n.format_pct(prob * 100, lang, 0)
                )
            row[col("coverage_at", lang, d=month_text(self.main_deadline, lang, short=True))] = (
                i18n.format_pct(r["coverage_main_p50"], lang, 1)
            )
            row[i18n.t("answer.col.budget", lang, year=self.budget_year)] = rp(
                r["appropriation_rp"], lang
            )
            if self.inputs.n_desa > 0:
                row[i18n.t("answer.col.per_desa", lang)] = rp(r["appropriation_rp_per_desa"], lang)
                row[i18n.t("answer.col.pct_add", lang)] = pct_or_dash(r["pct_add"], lang)
            rows.append(row)
        return table(pd.DataFrame(rows).fillna("—"))

    def applies(self, scenario: str) -> bool:
        """False for a scenario paid only by desa money in a city without desa."""
        if self.inputs.n_desa > 0:
            return True
        baseline, _ = running_programmes(bundle(self.data_dir), self.inputs)
        own = [lv for lv in self.scenarios[scenario].levers if lv not in baseline]
        village_only = own and all(
            lv.payer == "village" and not getattr(lv, "include_kelurahan", False) for lv in own
        )
        return not village_only

    def own_targets(self) -> pd.DataFrame:
        """Targets of this regency, its province and the nation (``targets.csv``)."""
        b = bundle(self.data_dir)
        f = b.targets.frame
        areas = {self.regency, self.inputs.province, "Indonesia"}
        return f[f["area"].isin(areas)].reset_index(drop=True)

    def _prob_target(self, scenario: str, target_pct: float, deadline) -> float:
        """Share of draws reaching ``target_pct`` by ``deadline`` (NaN if not simulated)."""
        key = (self.regency, scenario, float(target_pct) / 100)
        hits = self.result.first_hit.get(key)
        if hits is None:
            return float("nan")
        months = self.result.months[self.regency]
        d = pd.Period(deadline, freq="M")
        if d < self.when.run_month or d > months[-1]:
            return float("nan")
        k = d.ordinal - months[0].ordinal
        return float(np.mean((hits >= 0) & (hits <= k)))

    def targets_table(self):
        """The regency's own targets (RPJMD, Bupati) and its province's and the nation's.

        For a target on the whole workforce the probability of reaching it by its deadline is
        given under the current trend and under the fastest scenario; a target on another basis
        (e.g. vulnerable workers only) is shown with that basis and no probability.
        """
        lang = self.lang
        f = self.own_targets()
        rows = []
        fastest = self._fastest_scenario()
        for _, r in f.iterrows():
            same_basis = str(r["segment"]) == "total" and r["area"] == self.regency
            dl = pd.Period(r["deadline"], freq="M")
            row = {
                col("area", lang): r["area"],
                col("segment", lang): i18n.t(f"segment.{r['segment']}", lang),
                col("target", lang): i18n.format_pct(r["target_pct"], lang, 2),
                col("deadline", lang): month_text(dl, lang),
                col("plan", lang): r["plan"],
                col("quality", lang): quality_text(r["quality"], lang),
            }
            for sid in ("trend_only", fastest):
                if sid is None or sid not in self.scenarios:
                    continue
                prob_col = i18n.t("targets.prob", lang, label=self.scenarios[sid].label_for(lang))
                p = self._prob_target(sid, r["target_pct"], dl) if same_basis else float("nan")
                if not np.isnan(p):
                    row[prob_col] = i18n.format_pct(p * 100, lang, 0)
                elif r["area"] != self.regency:
                    row[prob_col] = i18n.t("targets.na_area", lang)
                elif not same_basis:
                    row[prob_col] = i18n.t("targets.na_basis", lang)
                elif dl < self.when.run_month:
                    row[prob_col] = i18n.t("targets.na_past", lang)
                else:
                    row[prob_col] = "—"
            rows.append(row)
        if not rows:
            return markdown(i18n.t("targets.none", lang))
        return table(pd.DataFrame(rows))

    def _fastest_scenario(self) -> str | None:
        a = self.answers()
        r = a[(a["scenario"] != "trend_only") & (a["status"] == "reached")]
        if r.empty:
            return None
        return str(r.loc[r["median_month"].map(lambda p: p.ordinal).idxmin(), "scenario"])

    def _ttt(self) -> pd.DataFrame:
        t = self.result.time_to_target
        return t[(t["regency"] == self.regency) & np.isclose(t["target"], self.target)]

    def _prob(self, scenario: str, deadline: str) -> float:
        p = self.result.prob_by_deadline
        m = (
            (p["regency"] == self.regency)
            & (p["scenario"] == scenario)
            & (p["deadline"] == pd.Period(deadline, freq="M"))
            & np.isclose(p["target"], self.target)
        )
        return float(p.loc[m, "probability"].iloc[0]) if m.any() else float("nan")

    # -- inputs ---------------------------------------------------------------------------
    def inputs_table(self):
        """Every input the projection uses: value, low–high range, unit, quality, source.

        Names and units are the planner's words in the report language; data notes (written in
        English in the data files) are left to the data audit report.
        """
        lang = self.lang
        t = pd.concat(
            [
                self.inputs.inputs_table,
                trend_input_rows(self.trend, bundle(self.data_dir), self.regency),
            ],
            ignore_index=True,
        )
        year = t["name"].str.extract(r"^(?:DD|ADD)_(\d{4})$")[0].astype("float")
        t = t[~(year < self.budget_year) & ~(year > self.budget_year + 1)]
        # superseded by the ranges drawn per simulation (enrolment pace, realisation low-high)
        t = t[~t["name"].isin(["enrolment_months", "budget_realisation_sd_pct"])]
        lo = t["low"] if "low" in t else pd.Series(np.nan, index=t.index)
        hi = t["high"] if "high" in t else pd.Series(np.nan, index=t.index)
        out = pd.DataFrame(
            {
                col("name", lang): t["name"].map(lambda n: input_label(n, lang)),
                col("value", lang): [
                    value_text(v, lang, n) for v, n in zip(t["value"], t["name"], strict=True)
                ],
                i18n.t("col.range", lang): [
                    "—"
                    if pd.isna(a) or pd.isna(b)
                    else f"{value_text(a, lang, n)} – {value_text(b, lang, n)}"
                    for a, b, n in zip(lo, hi, t["name"], strict=True)
                ],
                col("unit", lang): [
                    unit_text(u, lang, n) for u, n in zip(t["unit"], t["name"], strict=True)
                ],
                col("quality", lang): t["quality"].map(lambda q: quality_text(q, lang)),
                col("source", lang): t["source"].map(lambda v: source_text(v, lang)),
            }
        )
        return table(out)

    # -- charts ---------------------------------------------------------------------------
    def _observed(self) -> pd.DataFrame:
        cov = bundle(self.data_dir).coverage.frame
        f = cov[(cov["regency"] == self.regency) & (cov["segment"] == "total")]
        return f[["regency", "date", "coverage_pct", "quality"]].dropna(subset=["coverage_pct"])

    def fan_chart(self):
        """Median and P10–P90 coverage per scenario, with the target and deadlines.

        Shown as the page chart and, on a phone, as its one-column variant
        (:data:`ucj_analysis.plots.NARROW_WIDTH`); the alt text names the regency and each
        scenario's median coverage at the main deadline.
        """
        lang = self.lang
        labels = scenario_labels(self.scenarios, lang)
        kw = dict(
            regency=self.regency,
            target=self.target,
            deadlines=self.deadlines,
            observed=self._observed(),
            lang=lang,
            scenario_labels=labels,
            run_month=self.when.run_month,
            budget_start=self.when.budget_start,
        )
        fig = plots.fan_chart(self.result.paths, **kw)
        narrow = plots.fan_chart(self.result.paths, ncols=1, width=plots.NARROW_WIDTH, **kw)
        a = self.answers()
        values = "; ".join(
            f"{labels.get(s, s)} {plots.coverage_label(v, lang)}"
            for s, v in zip(a["scenario"], a["coverage_main_p50"], strict=True)
        )
        alt = i18n.t(
            "chart.fan.alt",
            lang,
            regency=self.title,
            end=month_text(self.horizon_end, lang),
            target=i18n.format_pct(self.target * 100, lang, 1),
            deadline=month_text(self.main_deadline, lang),
            values=values,
        )
        return show(fig, narrow=narrow, alt=alt, **chart_names("fan", lang))

    def time_to_target_chart(self):
        """Median month to target with P10–P90 whiskers per scenario."""
        lang = self.lang
        labels = scenario_labels(self.scenarios, lang)
        ttt = self._ttt()
        fig = plots.time_to_target_chart(
            ttt,
            lang=lang,
            regency=self.regency,
            scenario_labels=labels,
            horizon_end=self.horizon_end,
            deadlines=self.deadlines,
            target=self.target,
            coverage_at_deadline=self.answers().rename(
                columns={
                    "coverage_main_p10": "p10",
                    "coverage_main_p50": "p50",
                    "coverage_main_p90": "p90",
                }
            )[["scenario", "p10", "p50", "p90"]],
            main_deadline=self.main_deadline,
        )
        values = "; ".join(
            f"{labels.get(r['scenario'], r['scenario'])} {when_text(r, self.horizon_end, lang)}"
            for _, r in ttt.iterrows()
        )
        alt = i18n.t(
            "chart.time_to_target.alt",
            lang,
            regency=self.title,
            target=i18n.format_pct(self.target * 100, lang, 1),
            deadline=month_text(self.main_deadline, lang),
            values=values,
        )
        return show(fig, alt=alt, **chart_names("time_to_target", lang))

    # -- tables ---------------------------------------------------------------------------
    def time_to_target_table(self):
        """Median month, P10–P90 and the probability by each deadline, per scenario."""
        lang = self.lang
        rows = []
        for _, r in self._ttt().iterrows():
            row = {
                col("scenario", lang): self.scenarios[r["scenario"]].label_for(lang),
                col("median", lang): when_text(r, self.horizon_end, lang),
                col("p10", lang): bound_text(r["p10_month"], self.horizon_end, lang),
                col("p90", lang): bound_text(r["p90_month"], self.horizon_end, lang),
            }
            for d in self.deadlines:
                prob = self._prob(r["scenario"], d)
                row[col("prob", lang, d=month_text(d, lang, short=True))] = (
                    "—" if np.isnan(prob) else i18n.format_pct(prob * 100, lang, 0)
                )
            rows.append(row)
        return table(pd.DataFrame(rows))

    def method_text(self):
        """Which method forecast the organic trend, in a sentence."""
        lang = self.lang
        tf = self.trend
        return markdown(
            i18n.t(
                "report.method",
                lang,
                method=i18n.t(method_key(tf.method), lang),
                slope=i18n.format_number(tf.slope_mean, lang, 3),
                sd=i18n.format_number(tf.slope_sd, lang, 3),
                pp=i18n.format_number(tf.annual_pp_growth(self.inputs.coverage0), lang, 2),
                n=tf.n_obs,
            )
        )

    def backtest_basis_text(self):
        """What the accuracy figures rest on (series, points, lead times, naive baseline)."""
        from ucj_analysis.models.backtest import describe_backtest_basis

        basis = getattr(self.trend, "backtest_basis", None)
        if not basis:
            return markdown("—")
        basis = dict(basis)
        basis["series"] = [
            i18n.t("series.national_proxy", self.lang) if s == "Indonesia" else s
            for s in basis.get("series", [])
        ]
        return markdown(describe_backtest_basis(basis, self.lang))

    def backtest_table(self):
        """Backtest error of the trend method against the naive and drift baselines."""
        return table(backtest_display(self.trend.backtest, self.lang))

    def record_answers(self) -> None:
        """Record the dates and the answer table (read back by the index, summary and tests)."""
        lang = self.lang
        record("report_title", i18n.t("title.forecast", lang, regency=self.title))
        obs = self.observed_start()
        record("run_date", self.when.run_date.isoformat())
        record("budget_start", str(self.when.budget_start))
        record("latest_figure_month", str(obs["month"]))
        record("data_age_months", ans.data_age_months(obs["month"], self.when.run_month))
        record("start_quality", obs["quality"])
        record(
            "start_origin",
            start_origin(bundle(self.data_dir), self.inputs, self.lang)
            if obs["quality"] == "assumed"
            else None,
        )
        record("workforce_basis", workforce_basis(bundle(self.data_dir), self.regency))
        record("n_draws", self.n_draws)
        record("memo", self.memo())
        ttt = []
        for _, r in self.answers().iterrows():
            ttt.append(
                {
                    "scenario": r["scenario"],
                    "scenario_label": self.scenarios[r["scenario"]].label_for(lang),
                    "median_month": None if pd.isna(r["median_month"]) else str(r["median_month"]),
                    "p10_month": None if pd.isna(r["p10_month"]) else str(r["p10_month"]),
                    "p90_month": None if pd.isna(r["p90_month"]) else str(r["p90_month"]),
                    "status": r["status"],
                    "reached_share": float(r["reached_share"]),
                    "prob_main_deadline": num(r[f"prob_{self.main_deadline}"]),
                    "coverage_main_deadline_pct": num(r["coverage_main_p50"]),
                    "main_deadline": self.main_deadline,
                    "prob_by_deadline": {d: num(r[f"prob_{d}"]) for d in self.deadlines},
                    "budget_year": int(r["budget_year"]),
                    "appropriation_rp_per_year": num(r["appropriation_rp"]),
                    "appropriation_rp_per_desa": num(r["appropriation_rp_per_desa"]),
                    "appropriation_pct_add": num(r["pct_add"]),
                    "appropriation_pct_dd": num(r["pct_dd"]),
                    "spending_rp_per_year": num(r["spending_rp"]),
                    "idle_rp_per_year": num(r["idle_rp"]),
                    "arrears_rp_per_year": num(r["arrears_rp"]),
                    "signups_per_month": num(r["signups_per_month"]),
                }
            )
        record("time_to_target", ttt)

    def record_key_numbers(self) -> None:
        """Record the numbers the index page, the Excel summary and the tests read back."""
        lang = self.lang
        inp = self.inputs
        record("regency", self.regency)
        record("scenarios", [sc.label_for(lang) for sc in self.scenarios.values()])
        record("current_coverage_pct", round(self.observed_start()["coverage_pct"], 2))
        record("current_coverage_quality", start_quality(inp))
        record("start_month", str(inp.start_month))
        record("target_pct", round(self.target * 100, 2))
        record("horizon_end", self.horizon_end)
        record("trend_method", self.trend.method)
        record("trend_slope_logit_per_year", [self.trend.slope_mean, self.trend.slope_sd])
        self.record_answers()
        yc = self.result.yearly_cost
        yc = yc[(yc["regency"] == self.regency) & (yc["months"] == 12)]
        record(
            "yearly_cost",
            [
                {
                    "scenario": r.scenario,
                    "year": int(r.year),
                    "cost_rp": float(r.cost_rp_p50),
                    "cost_rp_per_village": float(r.cost_rp_per_village_p50),
                    "persons_funded": float(r.persons_funded_p50),
                }
                for r in yc.itertuples()
            ],
        )
        if self._budget is not None:
            record(
                "budget_to_target",
                [
                    {
                        "deadline": str(r.deadline),
                        "payer": r.payer,
                        "probability": float(r.probability),
                        "feasible": bool(r.feasible),
                        "budget_rp_per_year": num(r.budget_rp_per_year),
                        "budget_rp_per_village": num(r.budget_rp_per_village),
                        "pct_of_add": num(r.pct_of_add),
                        "pct_of_dd": num(r.pct_of_dd),
                    }
                    for r in self._budget.itertuples()
                ],
            )
        record("provenance", provenance_records(bundle(self.data_dir), self.lang))


def regency_forecast(
    regency: str,
    *,
    target_pct: float = 99.5,
    deadlines: Sequence[str] | None = None,
    scenarios: Sequence[str] | str | None = None,
    horizon_end: str = "2045-12",
    n_draws: int = 1000,
    seed: int = 20251,
    data_dir: str = "",
    lang: str = "id",
    as_of: str = "",
    budget_start: str = "",
    assumptions: dict | None = None,
) -> RegencyForecast:
    """Project one regency under the chosen scenarios.

    Parameters
    ----------
    regency : str
        Regency name (tolerant match: ``"Kab. Konawe"`` works).
    target_pct : float
        Coverage target. [%]
    deadlines : sequence of str
        Deadlines for probabilities and budgets. [YYYY-MM]
    scenarios : list of str or str, optional
        Preset names and/or paths to scenario YAML files; empty = all presets.
    horizon_end : str
        Last projected month. [YYYY-MM]
    n_draws, seed : int
        Monte Carlo draws and seed (same seed, same numbers).
    data_dir : str
        Directory with the planner's own data files ("" = embedded data).
    lang : {"id", "en"}
        Report language.
    as_of : str
        Run date ``YYYY-MM-DD`` ("" = today): months after the latest figure up to it are a
        nowcast, and no target month before it is reported.
    budget_start : str
        First month scenarios act ``YYYY-MM`` ("" = January after ``as_of``).
    assumptions : dict, optional
        A planner's own assumptions (:func:`ucj_analysis.report.data.apply_assumptions`).
    """
    lang = i18n.check_lang(lang)
    if not 0 < target_pct <= 100:
        raise ValueError(i18n.t("report.error.target_pct", lang, value=target_pct))
    when = ans.as_of(as_of, budget_start)
    b = bundle(data_dir)
    name = b.regency(regency)
    inp = apply_assumptions(regency_inputs(data_dir, name), assumptions)
    baseline, _ = running_programmes(b, inp)
    sc = with_baseline(scenarios_for(scenarios), baseline)
    tf = regency_trend(data_dir, name)
    if not deadlines:
        deadlines = ans.default_deadlines(when)
    tf_targets = b.targets.frame
    own = tf_targets[(tf_targets["area"] == name) & (tf_targets["segment"] == "total")]
    targets = [target_pct / 100] + sorted(
        {float(v) / 100 for v in own["target_pct"] if abs(float(v) - target_pct) > 1e-9}
    )
    deadlines = tuple(str(pd.Period(d, freq="M")) for d in deadlines)
    res = cached_simulate(  # one run per regency x scenario set, shared by 02, 03 and 04
        [inp],
        sc,
        {name: tf.draws(n_draws, seed)},
        n_draws=n_draws,
        seed=seed,
        horizon_end=horizon_end,
        target=targets,
        deadlines=deadlines,
        trend_damping=trend_damping(data_dir, name),
        run_month=when.run_month,
        budget_start=when.budget_start,
    )
    return RegencyForecast(
        regency=name,
        lang=lang,
        target=target_pct / 100,
        deadlines=deadlines,
        horizon_end=str(pd.Period(horizon_end, freq="M")),
        n_draws=n_draws,
        seed=seed,
        data_dir=data_dir,
        inputs=inp,
        trend=tf,
        scenarios=sc,
        result=res,
        damping=trend_damping(data_dir, name),
        when=when,
    )
