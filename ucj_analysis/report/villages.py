"""The village section of report 02: each desa and kelurahan of a regency with a village file.

For a regency whose inputs carry a village file (``inputs.villages``), the forecast's
simulation already holds one row per village, scenario with a village rule and deadline
(``SimulationResult.village_table``). :class:`VillageSection` turns it into what a planner reads:
the villages sorted by the gap that remains at the main deadline, what each must budget for
the scenario's village rule, whether that money covers its workers, its payment status, and
whether its figures come from the file or from the regency-level assumptions; a kecamatan
summary; a chart of where the gap sits; and the smallest regency (APBD) top-up, targeted to
villages, that reaches the target (:func:`ucj_analysis.engine.solve_topup`), against the same
money spread evenly. The numbers are recorded (``village_table``) for the village Excel sheet
the batch writes beside the report (:mod:`ucj_analysis.render.village_sheet`).

A regency without a village file shows nothing at all; a city (kota, 0 desa) gets the statement
that village levers do not apply and which city-budget levers do.

The frames (:func:`village_frame`, :func:`kecamatan_frame`, :func:`topup_frame`) are pure;
only the ``VillageSection`` methods build display objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ucj_analysis import i18n, plots
from ucj_analysis.record import record
from ucj_analysis.report.display import (
    chart_names,
    count,
    markdown,
    month_text,
    num,
    rp,
    show,
    table,
)
from ucj_analysis.simulation.villages import has_village_levers, village_rows_of

__all__ = [
    "PROBABILITIES",
    "SHEET_DIR",
    "VillageSection",
    "village_frame",
    "kecamatan_frame",
    "topup_frame",
    "village_scenarios",
    "sheet_relpath",
]

#: Probabilities of reaching the target for which the top-up is solved.
PROBABILITIES: tuple[float, float] = (0.5, 0.8)
#: Folder of the village Excel sheets in a batch's output (``desa/<slug>.xlsx``); the same as
#: :data:`ucj_analysis.render.village_sheet.SHEET_DIR`.
SHEET_DIR = "desa"
#: villages per scenario shown in the HTML report (the largest gaps; every village is in the
#: Excel sheet): a regency of ~300 villages keeps its report shareable.
HTML_MAX_VILLAGES = 20
#: Scenario levers a city (no desa) can use: paid by the city, enrolled over its kelurahan.
CITY_LEVERS = frozenset({"apbd_amount", "fund_gap", "fixed_cohort"})


def sheet_relpath(regency: str) -> str:
    """Path of a regency's village sheet inside a batch folder: ``desa/<slug>.xlsx``."""
    from ucj_analysis.batch.plan import slugify

    return f"{SHEET_DIR}/{slugify(regency)}.xlsx"


def village_scenarios(
    village_table: pd.DataFrame, regency: str, scenarios: Mapping[str, Any], shown: Sequence[str]
) -> list[str]:
    """Scenario ids with a village rule that the engine simulated village by village.

    Parameters
    ----------
    village_table : pandas.DataFrame
        ``SimulationResult.village_table``.
    regency : str
    scenarios : mapping
        Scenario id -> :class:`~ucj_analysis.scenarios.Scenario`, in report order.
    shown : sequence of str
        The scenario ids the answer table shows as applying.

    Returns
    -------
    list of str
        In report order.
    """
    if village_table is None or village_table.empty:
        return []
    have = set(village_table.loc[village_table["regency"] == regency, "scenario"].astype(str))
    return [s for s, sc in scenarios.items() if s in have and s in shown and has_village_levers(sc)]


def village_frame(
    village_table: pd.DataFrame,
    vr: Any,
    *,
    regency: str,
    scenario: str,
    deadline: str | pd.Period,
    topup: pd.Series | None = None,
) -> pd.DataFrame:
    """One row per village of one scenario at one deadline, sorted by remaining gap.

    Parameters
    ----------
    village_table : pandas.DataFrame
        ``SimulationResult.village_table``.
    vr : VillageRows
        The regency's village file (``inputs.villages``).
    regency, scenario : str
    deadline : str or Period
        [YYYY-MM]
    topup : pandas.Series, optional
        Targeted top-up per file row (index ``row``, -1 = villages not listed). [Rp per year]

    Returns
    -------
    pandas.DataFrame
        ``row`` (file row, -1 = the villages the file does not list), ``name, kecamatan, code,
        is_kelurahan, from_data, villages`` [count], ``uncovered`` (the file's figure, NaN when
        not given) [persons], ``rp_per_year`` (what the village must budget for the rule)
        [Rp per year], ``covers`` (its money buys places for its whole pool), ``pool``,
        ``funded``, ``gap`` (median at the deadline) [persons], ``topup_rp_per_year``
        [Rp per year], ``arrears_share`` (share of draws in arrears at the end of the deadline
        month) [proportion], ``paid_until`` [YYYY-MM or None], ``late_years``,
        ``history_years`` [years], ``fallback`` (tuple of the file's fields that fall back to
        a regency assumption). Sorted by ``gap`` (largest first), then file order; the row of
        villages not listed is dropped when it holds none.
    """
    d = pd.Period(deadline, freq="M")
    vt = village_table
    f = vt[(vt["regency"] == regency) & (vt["scenario"] == scenario) & (vt["deadline"] == d)]
    f = f[(f["row"] >= 0) | (f["villages"] > 0)]
    unc = np.asarray(vr.uncovered, dtype=float)
    fallback = list(vr.fallback) if vr.fallback else [""] * len(vr)
    rows = f["row"].to_numpy(dtype=int)
    out = pd.DataFrame(
        {
            "row": rows,
            "name": f["name"].astype(str).to_numpy(),
            "kecamatan": f["kecamatan"].astype(str).to_numpy(),
            "code": f["code"].astype(str).to_numpy(),
            "is_kelurahan": f["is_kelurahan"].astype(bool).to_numpy(),
            "from_data": f["from_data"].astype(bool).to_numpy(),
            "villages": f["villages"].astype(float).to_numpy(),
            "uncovered": [unc[r] if r >= 0 else np.nan for r in rows],
            "rp_per_year": f["rp_per_year"].astype(float).to_numpy(),
            "covers": f["covers"].astype(bool).to_numpy(),
            "pool": f["pool_p50"].astype(float).to_numpy(),
            "funded": f["funded_p50"].astype(float).to_numpy(),
            "gap": f["gap_p50"].astype(float).to_numpy(),
            "arrears_share": f["arrears_share"].astype(float).to_numpy(),
            "paid_until": [None if pd.isna(p) else str(p) for p in f["paid_until"]],
            "late_years": f["late_years"].astype(float).to_numpy(),
            "history_years": f["history_years"].astype(float).to_numpy(),
            "fallback": [
                _fallback(fallback[r], kel) if r >= 0 else ()
                for r, kel in zip(rows, f["is_kelurahan"].astype(bool), strict=True)
            ],
        }
    )
    if topup is not None:
        out["topup_rp_per_year"] = out["row"].map(topup).astype(float).to_numpy()
    else:
        out["topup_rp_per_year"] = np.nan
    out["_order"] = np.where(out["row"] >= 0, out["row"], len(vr))
    out = out.sort_values(["gap", "_order"], ascending=[False, True], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


#: Fields of the village file about village money: a kelurahan has none, so its missing
#: values are not a fallback.
_MONEY_FIELDS = frozenset({"add_rp", "dd_rp", "budget_rp", "paid_until", "late_years",
                           "history_years"})  # fmt: skip


def _fallback(text: str, is_kelurahan: bool) -> tuple[str, ...]:
    """The file's fields of one row that fall back to a regency assumption (for a kelurahan,
    the village-money fields are left out: they do not apply)."""
    out = tuple(x.strip() for x in str(text).split(",") if x.strip())
    return tuple(x for x in out if not (is_kelurahan and x in _MONEY_FIELDS))


def kecamatan_frame(villages: pd.DataFrame) -> pd.DataFrame:
    """The village rows of one scenario summed per kecamatan, largest remaining gap first.

    Parameters
    ----------
    villages : pandas.DataFrame
        :func:`village_frame`.

    Returns
    -------
    pandas.DataFrame
        ``kecamatan, villages, from_data, covers`` [count], ``uncovered`` (sum of the file's
        figures given) [persons], ``rp_per_year`` [Rp per year], ``funded, gap`` [persons],
        ``topup_rp_per_year`` [Rp per year] (NaN when no village has one).
    """
    v = villages
    g = v.groupby("kecamatan", sort=False)
    out = pd.DataFrame(
        {
            "villages": g["villages"].sum(),
            "from_data": g["from_data"].sum().astype(int),
            "uncovered": g["uncovered"].sum(min_count=1),
            "rp_per_year": g["rp_per_year"].sum(),
            "covers": g["covers"].sum().astype(int),
            "funded": g["funded"].sum(),
            "gap": g["gap"].sum(),
            "topup_rp_per_year": g["topup_rp_per_year"].sum(min_count=1),
        }
    ).reset_index()
    return out.sort_values("gap", ascending=False, kind="stable").reset_index(drop=True)


def topup_frame(summary: pd.DataFrame) -> pd.DataFrame:
    """The top-up answer rows (``TopUpResult.summary``) with deadlines as ``YYYY-MM`` text."""
    cols = [
        "scenario",
        "deadline",
        "probability",
        "feasible",
        "topup_rp_per_year",
        "achieved_probability",
        "villages_receiving",
        "even_probability_same_money",
        "topup_even_rp_per_year",
        "achieved_probability_even",
        "reason_code",
    ]
    out = summary[cols].copy()
    out["deadline"] = out["deadline"].astype(str)
    return out.reset_index(drop=True)


@dataclass
class VillageSection:
    """The village section of a regency forecast (``fc.villages``).

    Parameters
    ----------
    fc : RegencyForecast
        The forecast (its inputs, simulation result, scenarios, deadlines, language).
    """

    fc: Any
    _topups: dict = field(default_factory=dict, repr=False)

    # -- what applies ------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.fc.lang

    @property
    def rows_file(self) -> Any:
        """The regency's village file (``VillageRows``) or None."""
        return village_rows_of(self.fc.inputs)

    @property
    def is_city(self) -> bool:
        """A city without desa: village money does not apply."""
        return int(self.fc.inputs.n_desa) == 0

    @property
    def active(self) -> bool:
        """The section shows village tables (a village file, and desa)."""
        return self.rows_file is not None and not self.is_city

    @property
    def deadline(self) -> str:
        """The main deadline [YYYY-MM]."""
        return self.fc.main_deadline

    def scenario_ids(self) -> list[str]:
        """Scenarios of the report with a village rule, as the answer table shows them."""
        if not self.active:
            return []
        fc = self.fc
        shown = [s for s in fc.scenarios if fc.applies(s)]
        return village_scenarios(fc.result.village_table, fc.regency, fc.scenarios, shown)

    def _label(self, sid: str) -> str:
        return self.fc.scenarios[sid].label_for(self.lang)

    @property
    def synthetic(self) -> bool:
        """The village file is the synthetic example (a source or note says so)."""
        vr = self.rows_file
        words = " ".join(str(s) for s in (vr.source if vr is not None else ())).lower()
        return "synthetic" in words or "sintetis" in words

    # -- top-up ------------------------------------------------------------------------------
    def topup_deadlines(self, sid: str) -> list[str]:
        """The main deadline; and the last deadline of the report when the main one is not
        reachable with any top-up (so the table shows one amount that works)."""
        out = [self.deadline]
        res = self._solve(sid, self.deadline)
        if not res.summary["feasible"].any():
            last = max(self.fc.deadlines)
            if last > self.deadline:
                out.append(last)
        return out

    def _solve(self, sid: str, deadline: str):
        key = (sid, deadline)
        if key not in self._topups:
            from ucj_analysis.engine import solve_topup

            fc = self.fc
            self._topups[key] = solve_topup(
                fc.inputs,
                {fc.regency: fc.trend.draws(fc.n_draws, fc.seed)},
                fc.scenarios[sid],
                target=fc.target,
                deadline=deadline,
                probability=PROBABILITIES,
                n_draws=fc.n_draws,
                seed=fc.seed,
                trend_damping=fc.damping,
                run_month=fc.when.run_month,
                budget_start=fc.when.budget_start,
            )
        return self._topups[key]

    def topups(self) -> pd.DataFrame:
        """Top-up answers of every village-rule scenario (:func:`topup_frame` rows)."""
        parts = []
        for sid in self.scenario_ids():
            for d in self.topup_deadlines(sid):
                parts.append(topup_frame(self._solve(sid, d).summary))
        if not parts:
            return pd.DataFrame()
        return pd.concat(parts, ignore_index=True)

    def headline_topup(self, sid: str) -> tuple[str, float, pd.Series] | None:
        """The top-up shown per village: the first answer with money, by deadline then
        probability: ``(deadline, probability, amount per file row)`` or None."""
        for d in self.topup_deadlines(sid):
            res = self._solve(sid, d)
            s = res.summary
            for p in PROBABILITIES:
                row = s[np.isclose(s["probability"], p)]
                if row.empty or not bool(row["feasible"].iloc[0]):
                    continue
                if not float(row["topup_rp_per_year"].iloc[0]) > 0:
                    continue
                v = res.villages
                v = v[np.isclose(v["probability"], p) & (v["deadline"] == pd.Period(d, "M"))]
                return d, p, pd.Series(v["topup_rp_per_year"].to_numpy(), index=v["row"])
        return None

    # -- frames ------------------------------------------------------------------------------
    def frame(self, sid: str) -> pd.DataFrame:
        """:func:`village_frame` of one scenario at the main deadline, with its top-up."""
        head = self.headline_topup(sid)
        return village_frame(
            self.fc.result.village_table,
            self.rows_file,
            regency=self.fc.regency,
            scenario=sid,
            deadline=self.deadline,
            topup=None if head is None else head[2],
        )

    def counts(self) -> tuple[int, int]:
        """``(villages modelled from data, from assumptions)``. [count]"""
        r = self.fc.result
        reg = self.fc.regency
        return int(r.villages_from_data.get(reg, 0)), int(r.villages_assumed.get(reg, 0))

    # -- display -----------------------------------------------------------------------------
    def _month(self, d: str, short: bool = False) -> str:
        return month_text(pd.Period(d, freq="M"), self.lang, short=short)

    def _names(self, ids: Sequence[str]) -> str:
        return ", ".join(f"*{self._label(s)}*" for s in ids)

    def warnings_text(self) -> list[str]:
        """The engine's warnings about this regency's village file, in the report language."""
        lang = self.lang
        out = []
        for w in self.fc.result.warnings:
            if w.get("regency") != self.fc.regency:
                continue
            key = f"village.warn.{w.get('code')}"
            if key in i18n.LABELS:
                out.append(
                    i18n.t(
                        key,
                        lang,
                        villages=count(w.get("villages_uncovered"), lang),
                        pool=count(w.get("regency_pool"), lang),
                    )
                )
        return out

    def summary_text(self):
        """Heading, the count of villages from data and from assumptions, the scenarios whose
        village rule is shown, the engine's warnings and the link to the village sheet; for a
        city the statement of which levers apply; nothing for a regency without a village
        file."""
        lang = self.lang
        fc = self.fc
        if self.is_city:
            parts = [
                i18n.t("village.section.title", lang),
                i18n.t(
                    "village.city",
                    lang,
                    regency=fc.title,
                    kelurahan=i18n.format_number(int(fc.inputs.n_kelurahan), lang),
                ),
            ]
            ids = [
                s
                for s, sc in fc.scenarios.items()
                if fc.applies(s) and any(lv.kind in CITY_LEVERS for lv in sc.levers)
            ]
            parts.append(
                i18n.t("village.city.applies", lang, names=self._names(ids))
                if ids
                else i18n.t("village.city.none", lang)
            )
            return markdown("\n\n".join(parts))
        if not self.active:
            return None
        n_data, n_assumed = self.counts()
        parts = [i18n.t("village.section.title", lang)]
        if self.synthetic:
            parts.append(i18n.t("village.synthetic", lang))
        parts.append(
            i18n.t("village.count", lang, data=n_data, assumed=n_assumed)
            + " "
            + i18n.t("village.count.detail", lang)
        )
        ids = self.scenario_ids()
        if ids:
            parts.append(
                i18n.t(
                    "village.scenarios",
                    lang,
                    names=self._names(ids),
                    deadline=self._month(self.deadline),
                )
            )
            path = sheet_relpath(fc.regency)
            parts.append(i18n.t("village.sheet", lang, path=path, href=f"../{path}"))
        else:
            parts.append(i18n.t("village.no_scenario", lang))
        parts += self.warnings_text()
        return markdown("\n\n".join(parts))

    def _arrears_text(self, r: pd.Series) -> str:
        lang = self.lang
        if r["is_kelurahan"] and not r["rp_per_year"] > 0:
            return "—"  # no village money, nothing to pay
        bits = []
        paid = r["paid_until"] if isinstance(r["paid_until"], str) else ""
        if paid:
            bits.append(i18n.t("village.paid_until", lang, month=self._month(paid, True)))
        if np.isfinite(r["history_years"]) and r["history_years"] > 0:
            bits.append(
                i18n.t(
                    "village.late",
                    lang,
                    late=int(np.nan_to_num(r["late_years"])),
                    years=int(r["history_years"]),
                )
            )
        elif not paid:
            bits.append(i18n.t("village.no_history", lang))
        bits.append(
            i18n.t(
                "village.arrears_prob",
                lang,
                pct=i18n.format_pct(float(r["arrears_share"]) * 100, lang, 0),
            )
        )
        return "; ".join(bits)

    def _covers_text(self, r: pd.Series) -> str:
        if r["is_kelurahan"] and not r["rp_per_year"] > 0:
            return i18n.t("village.kelurahan_no_money", self.lang)
        return i18n.t("yes" if r["covers"] else "no", self.lang)

    def _basis_text(self, fallback: tuple[str, ...]) -> str:
        lang = self.lang
        if not fallback:
            return i18n.t("village.basis.data", lang)
        fields = ", ".join(
            i18n.t(f"village.field.{f}", lang) if f"village.field.{f}" in i18n.LABELS else f
            for f in fallback
        )
        return i18n.t("village.basis.assumed", lang, fields=fields)

    def _name(self, r: pd.Series) -> str:
        if r["row"] < 0:
            return i18n.t("village.unlisted", self.lang, n=int(r["villages"]))
        return r["name"]

    def _col(self, key: str, **kw) -> str:
        return i18n.t(f"village.col.{key}", self.lang, **kw)

    def table(self):
        """One table per village-rule scenario: villages sorted by the gap left at the main
        deadline (shown one after the other); nothing without a village file."""
        from IPython.display import display

        ids = self.scenario_ids()
        if not ids:
            return None
        lang = self.lang
        d = self._month(self.deadline, short=True)
        for sid in ids:
            full = self.frame(sid)
            f = full.head(HTML_MAX_VILLAGES)  # sorted by gap: the largest gaps
            head = self.headline_topup(sid)
            out = pd.DataFrame(
                {
                    self._col("village"): [self._name(r) for _, r in f.iterrows()],
                    self._col("kecamatan"): f["kecamatan"],
                    self._col("uncovered"): f["uncovered"].map(lambda v: count(v, lang)),
                    self._col("rp"): f["rp_per_year"].map(lambda v: rp(v, lang)),
                    self._col("covers"): [self._covers_text(r) for _, r in f.iterrows()],
                    self._col("funded", deadline=d): f["funded"].map(lambda v: count(v, lang)),
                    self._col("gap", deadline=d): f["gap"].map(lambda v: count(v, lang)),
                }
            )
            if head is not None:
                col = self._col(
                    "topup",
                    p=i18n.format_pct(head[1] * 100, lang, 0),
                    deadline=self._month(head[0], short=True),
                )
                out[col] = f["topup_rp_per_year"].map(lambda v: rp(v, lang))
            out[self._col("arrears")] = [self._arrears_text(r) for _, r in f.iterrows()]
            out[self._col("basis")] = f["fallback"].map(self._basis_text)
            caption = i18n.t(
                "village.caption" if len(f) == len(full) else "village.caption_top",
                lang,
                scenario=self._label(sid),
                deadline=self._month(self.deadline),
                shown=len(f),
                total=len(full),
            )
            display(table(out, caption=caption))
        return None

    def kecamatan_table(self):
        """Per kecamatan and village-rule scenario: villages, from data, uncovered workers,
        village money, villages whose money covers their workers, funded, gap, top-up."""
        from IPython.display import display

        ids = self.scenario_ids()
        if not ids:
            return None
        lang = self.lang
        d = self._month(self.deadline, short=True)
        for sid in ids:
            k = kecamatan_frame(self.frame(sid))
            out = pd.DataFrame(
                {
                    self._col("kecamatan"): k["kecamatan"],
                    self._col("villages"): k["villages"].map(lambda v: count(v, lang)),
                    self._col("from_data"): k["from_data"].map(lambda v: count(v, lang)),
                    self._col("uncovered"): k["uncovered"].map(lambda v: count(v, lang)),
                    self._col("rp"): k["rp_per_year"].map(lambda v: rp(v, lang)),
                    self._col("n_covers"): k["covers"].map(lambda v: count(v, lang)),
                    self._col("funded", deadline=d): k["funded"].map(lambda v: count(v, lang)),
                    self._col("gap", deadline=d): k["gap"].map(lambda v: count(v, lang)),
                }
            )
            if k["topup_rp_per_year"].notna().any():
                head = self.headline_topup(sid)
                col = self._col(
                    "topup",
                    p=i18n.format_pct(head[1] * 100, lang, 0),
                    deadline=self._month(head[0], short=True),
                )
                out[col] = k["topup_rp_per_year"].map(lambda v: rp(v, lang))
            caption = i18n.t(
                "village.kcaption",
                lang,
                scenario=self._label(sid),
                deadline=self._month(self.deadline),
            )
            display(table(out, caption=caption))
        return None

    def chart_frame(self) -> pd.DataFrame:
        """Village x scenario gaps for the chart: ``kecamatan, scenario, gap, gap_kelurahan``."""
        parts = []
        for sid in self.scenario_ids():
            f = self.frame(sid)
            parts.append(
                pd.DataFrame(
                    {
                        "kecamatan": f["kecamatan"].replace("", "—"),
                        "scenario": sid,
                        "gap": f["gap"],
                        "gap_kelurahan": np.where(f["is_kelurahan"], f["gap"], 0.0),
                    }
                )
            )
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()

    def chart(self):
        """Bars of the gap left per kecamatan at the main deadline, per village rule (with its
        phone variant); nothing without a village file."""
        ids = self.scenario_ids()
        if not ids:
            return None
        lang = self.lang
        fc = self.fc
        f = self.chart_frame()
        labels = {s: self._label(s) for s in ids}
        deadline = self._month(self.deadline)
        fig = plots.village_gap_chart(
            f,
            lang=lang,
            regency=fc.title,
            deadline_label=deadline,
            scenarios=ids,
            scenario_labels=labels,
        )
        top = f.groupby("kecamatan", sort=False)["gap"].max().sort_values(ascending=False).head(3)
        values = "; ".join(f"{k} {count(v, lang)}" for k, v in top.items())
        alt = i18n.t("chart.villages.alt", lang, deadline=deadline, regency=fc.title, values=values)
        return show(fig, alt=alt, **chart_names("villages", lang))

    def topup_table(self):
        """The smallest targeted regency top-up per village rule, deadline and probability,
        against the same money spread evenly; nothing without a village file."""
        from IPython.display import display

        ids = self.scenario_ids()
        if not ids:
            return None
        lang = self.lang
        t = self.topups()
        later = [d for d in t["deadline"].unique() if d != self.deadline]
        display(
            markdown(
                i18n.t(
                    "village.topup.intro",
                    lang,
                    target=i18n.format_pct(self.fc.target * 100, lang, 1),
                    deadline=self._month(self.deadline),
                    later=i18n.t("village.topup.later", lang, deadline=self._month(later[0]))
                    if later
                    else "",
                )
            )
        )

        def pct(v):
            return "—" if v is None or pd.isna(v) else i18n.format_pct(float(v) * 100, lang, 0)

        def note(r):
            code = str(r["reason_code"])
            if code == "ok":
                return ""
            return i18n.t(f"village.topup.{code}", lang, pmax=pct(r["achieved_probability"]))

        def col(key):
            return i18n.t(f"village.topup.col.{key}", lang)

        out = pd.DataFrame(
            {
                col("scenario"): t["scenario"].map(self._label),
                col("deadline"): t["deadline"].map(lambda d: self._month(d, short=True)),
                col("prob"): t["probability"].map(lambda p: "≥ " + pct(p)),
                col("targeted"): t["topup_rp_per_year"].map(lambda v: rp(v, lang)),
                col("receiving"): [
                    count(n, lang) if f else "—"
                    for n, f in zip(t["villages_receiving"], t["feasible"], strict=True)
                ],
                col("same_even"): t["even_probability_same_money"].map(pct),
                col("even"): [
                    rp(v, lang)
                    if not pd.isna(v)
                    else i18n.t("village.topup.even_unreachable", lang)
                    for v in t["topup_even_rp_per_year"]
                ],
                col("note"): [note(r) for _, r in t.iterrows()],
            }
        )
        return table(out)

    # -- record ------------------------------------------------------------------------------
    def record_key_numbers(self) -> None:
        """Record ``village_table`` (read back by the village Excel sheet and the tests);
        nothing without a village file."""
        ids = self.scenario_ids()
        if not ids:
            return None
        fc = self.fc
        lang = self.lang
        n_data, n_assumed = self.counts()
        scenarios = []
        for sid in ids:
            f = self.frame(sid)
            head = self.headline_topup(sid)
            rows = []
            for _, r in f.iterrows():
                rows.append(
                    {
                        "row": int(r["row"]),
                        "village": self._name(r),
                        "kecamatan": r["kecamatan"],
                        "code": r["code"],
                        "is_kelurahan": bool(r["is_kelurahan"]),
                        "from_data": bool(r["from_data"]),
                        "uncovered": num(r["uncovered"]),
                        "rp_per_year": num(round(float(r["rp_per_year"]))),
                        "covers": bool(r["covers"]),
                        "funded": num(r["funded"]),
                        "gap": num(r["gap"]),
                        "topup_rp_per_year": num(r["topup_rp_per_year"]),
                        "paid_until": r["paid_until"] if isinstance(r["paid_until"], str) else None,
                        "late_years": num(r["late_years"]),
                        "history_years": num(r["history_years"]),
                        "arrears_pct": None
                        if r["is_kelurahan"] and not r["rp_per_year"] > 0
                        else num(round(float(r["arrears_share"]) * 100, 1)),
                        "basis": self._basis_text(r["fallback"]),
                    }
                )
            scenarios.append(
                {
                    "scenario": sid,
                    "scenario_label": self._label(sid),
                    "topup_deadline": None if head is None else head[0],
                    "topup_probability": None if head is None else head[1],
                    "rows": rows,
                }
            )
        record(
            "village_table",
            {
                "regency": fc.regency,
                "regency_title": fc.title,
                "lang": lang,
                "run_date": fc.when.run_date.isoformat(),
                "main_deadline": self.deadline,
                "target_pct": round(fc.target * 100, 4),
                "synthetic": self.synthetic,
                "n_from_data": n_data,
                "n_assumed": n_assumed,
                "scenarios": scenarios,
                "topup": self.topups().to_dict(orient="records"),
            },
        )
        return None
