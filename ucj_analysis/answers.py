"""The answer a planner quotes: one row per scenario, its budget lines and a memo in words.

Every report page (the regency forecast, the budget study, the portfolio, the index and the
summary files) reads its numbers from :func:`answer_table`, so one quantity has one value in
every output. The functions here are pure: they take a simulation result
(:class:`~ucj_analysis.engine.SimulationResult`) and the regency's inputs and return
frames or text; they read no file and draw nothing.

Dates
-----
A report knows two dates (:func:`as_of`):

* the **run month** (the month of the run date): months between the latest observation and the
  run month are a *nowcast* (estimated, not observed), and no target month before it is ever
  presented as when a target "will" be reached;
* the **budget start**: the first budget year a planner can still change, by default the January
  after the run date. Scenario levers without a start date begin then.

Budget lines
------------
For the first full budget year of each scenario (the year of the budget start):

* ``appropriation_rp`` — the money to put in the budgets (APBDes and APBD) [Rp per year];
* ``appropriation_rp_per_desa`` — its village part divided by the number of desa (none for a
  city without desa or a scenario without village money) [Rp per desa per year];
* ``pct_add`` / ``pct_dd`` — the village part as a share of that year's ADD / Dana Desa [%];
* ``spending_rp`` — contributions expected to be paid (median) [Rp per year];
* ``arrears_rp`` — contributions due but left unpaid by villages in arrears (their workers are
  inactive) [Rp per year];
* ``idle_rp`` — appropriation that is neither spent nor in arrears: places that found no
  uncovered worker, village budgets not realised, places not filled yet [Rp per year].
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ucj_analysis import i18n

__all__ = [
    "AsOf",
    "as_of",
    "data_age_months",
    "default_deadlines",
    "main_deadline",
    "answer_table",
    "nowcast",
    "memo_sentences",
    "STALE_MONTHS",
]

#: A latest figure older than this many months gets a warning on the first screen. [months]
STALE_MONTHS = 12


@dataclass(frozen=True)
class AsOf:
    """The dates a report is computed for.

    Attributes
    ----------
    run_date : datetime.date
        Day of the run.
    run_month : pandas.Period
        Month of the run. [M]
    budget_start : pandas.Period
        First month of the first budget a planner can still change. [M]
    """

    run_date: _dt.date
    run_month: pd.Period
    budget_start: pd.Period


def as_of(run_date: str | _dt.date | None = "", budget_start: str | None = "") -> AsOf:
    """Resolve the run date and budget start.

    Parameters
    ----------
    run_date : str or date, optional
        ``YYYY-MM-DD``; empty = today.
    budget_start : str, optional
        ``YYYY-MM``; empty = January after the run date.

    Returns
    -------
    AsOf

    Raises
    ------
    ValueError
        If a date does not parse or the budget start lies before the run month.
    """
    if run_date in (None, ""):
        day = _dt.date.today()
    elif isinstance(run_date, _dt.date):
        day = run_date
    else:
        try:
            day = _dt.date.fromisoformat(str(run_date).strip())
        except ValueError as exc:
            raise ValueError(f"as_of: expected YYYY-MM-DD, got {run_date!r}") from exc
    run_month = pd.Period(day, freq="M")
    if budget_start in (None, ""):
        start = pd.Period(f"{day.year + 1}-01", freq="M")
    else:
        try:
            start = pd.Period(str(budget_start).strip(), freq="M")
        except ValueError as exc:
            raise ValueError(f"budget_start: expected YYYY-MM, got {budget_start!r}") from exc
        if start < run_month:
            raise ValueError(
                f"budget_start {start} lies before the run month {run_month}: "
                "a budget already spent cannot be changed"
            )
    return AsOf(day, run_month, start)


def data_age_months(latest: pd.Period, run_month: pd.Period) -> int:
    """Whole months from the latest observation to the run month. [months]"""
    return int(run_month.ordinal - pd.Period(latest, freq="M").ordinal)


def default_deadlines(when: AsOf) -> tuple[str, ...]:
    """End of the first budget year, of 2030 (RPJMD period) and of 2045 (RPJPN). [YYYY-MM]"""
    first = f"{when.budget_start.year}-12"
    out = [first] + [d for d in ("2030-12", "2045-12") if d > first]
    return tuple(out)


def main_deadline(deadlines: Sequence[str]) -> str:
    """The deadline used for headline figures: the first at or after 2030-01, else the last."""
    later = [d for d in deadlines if d >= "2030-01"]
    return later[0] if later else deadlines[-1]


def _f(v: object) -> float:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return float("nan")
    return x


def _coverage_quantiles(result, regency: str, scenario: str, month: pd.Period) -> tuple:
    p = result.paths
    m = (
        (p["regency"] == regency)
        & (p["scenario"] == scenario)
        & (p["variable"] == "coverage")
        & (p["month"] == month)
    )
    if not m.any():
        return (float("nan"),) * 3
    row = p.loc[m].iloc[0]
    return tuple(float(row[c]) * 100 for c in ("p10", "p50", "p90"))


def nowcast(result, regency: str, run_month: pd.Period, scenario: str | None = None) -> dict:
    """Coverage estimated for the run month (P10, median, P90) [%], from the trend scenario.

    Returns an empty dict when the run month is the observation month or outside the paths.
    """
    sc = scenario or next(iter(result.scenarios))
    p10, p50, p90 = _coverage_quantiles(result, regency, sc, pd.Period(run_month, freq="M"))
    if math.isnan(p50):
        return {}
    return {"month": pd.Period(run_month, freq="M"), "p10": p10, "p50": p50, "p90": p90}


def _yearly_row(result, regency: str, scenario: str, year: int) -> pd.Series | None:
    yc = result.yearly_cost
    m = (yc["regency"] == regency) & (yc["scenario"] == scenario) & (yc["year"] == year)
    return yc.loc[m].iloc[0] if m.any() else None


def answer_table(
    result,
    inputs,
    scenarios: Mapping,
    *,
    target: float,
    deadlines: Sequence[str],
    budget_year: int,
) -> pd.DataFrame:
    """One row per scenario: when the target is reached, how likely, and the budget lines.

    Parameters
    ----------
    result : SimulationResult
    inputs : RegencyInputs
    scenarios : dict of str to Scenario
        In display order.
    target : float
        [proportion 0-1]
    deadlines : sequence of str
        [YYYY-MM]; the main deadline is :func:`main_deadline` of these.
    budget_year : int
        Year of the budget lines (the first full budget year).

    Returns
    -------
    pandas.DataFrame
        ``scenario, median_month, p10_month, p90_month, status, reached_share,
        reached_by_run_share, prob_<YYYY-MM>`` per deadline, ``main_deadline,
        coverage_main_p10/p50/p90`` [%], ``budget_year, appropriation_rp,
        appropriation_village_rp, appropriation_rp_per_desa, pct_add, pct_dd, spending_rp,
        arrears_rp, idle_rp, persons_funded, signups_per_month, signups_per_unit_month``.
    """
    regency = inputs.regency
    main = main_deadline(deadlines)
    ttt = result.time_to_target
    ttt = ttt[(ttt["regency"] == regency) & np.isclose(ttt["target"], target)]
    pb = result.prob_by_deadline
    pb = pb[(pb["regency"] == regency) & np.isclose(pb["target"], target)]
    add = float(inputs.fund_per_year("ADD", np.array([budget_year]))[0])
    dd = float(inputs.fund_per_year("DD", np.array([budget_year]))[0])
    rows = []
    for sid in scenarios:
        t = ttt[ttt["scenario"] == sid]
        if t.empty:
            continue
        t = t.iloc[0]
        row = {
            "scenario": sid,
            "median_month": t["median_month"],
            "p10_month": t.get("p10_month", pd.NaT),
            "p90_month": t.get("p90_month", pd.NaT),
            "status": t["status"],
            "reached_share": float(t["reached_share"]),
            "reached_by_run_share": float(t.get("reached_by_run_month_share", 0.0) or 0.0),
        }
        for d in deadlines:
            m = (pb["scenario"] == sid) & (pb["deadline"] == pd.Period(d, freq="M"))
            row[f"prob_{d}"] = float(pb.loc[m, "probability"].iloc[0]) if m.any() else np.nan
        row["main_deadline"] = main
        (
            row["coverage_main_p10"],
            row["coverage_main_p50"],
            row["coverage_main_p90"],
        ) = _coverage_quantiles(result, regency, sid, pd.Period(main, freq="M"))
        y = _yearly_row(result, regency, sid, budget_year)
        row["budget_year"] = budget_year
        if y is None:
            row.update(
                dict.fromkeys(
                    (
                        "appropriation_rp",
                        "appropriation_village_rp",
                        "appropriation_rp_per_desa",
                        "pct_add",
                        "pct_dd",
                        "spending_rp",
                        "arrears_rp",
                        "idle_rp",
                        "persons_funded",
                        "signups_per_month",
                        "signups_per_unit_month",
                    ),
                    np.nan,
                )
            )
        else:
            spend = _f(y.get("spending_rp_p50", y.get("cost_rp_p50")))
            appr = _f(y.get("appropriation_rp", spend))
            appr_v = _f(y.get("appropriation_village_rp", np.nan))
            arrears = _f(y.get("arrears_rp_p50", 0.0))
            idle = _f(y.get("idle_rp_p50", appr - spend - arrears))
            has_village = appr_v > 0
            row.update(
                {
                    "appropriation_rp": appr,
                    "appropriation_village_rp": appr_v if has_village else 0.0,
                    "appropriation_rp_per_desa": (
                        appr_v / inputs.n_desa if has_village and inputs.n_desa > 0 else np.nan
                    ),
                    "pct_add": appr_v / add * 100 if has_village and add > 0 else np.nan,
                    "pct_dd": appr_v / dd * 100 if has_village and dd > 0 else np.nan,
                    "spending_rp": spend,
                    "arrears_rp": arrears,
                    "idle_rp": max(idle, 0.0) if not math.isnan(idle) else idle,
                    "persons_funded": _f(y.get("persons_funded_p50")),
                    "signups_per_month": _f(y.get("signups_p50"))
                    / max(int(y.get("months", 12)), 1),
                    "signups_per_unit_month": _f(y.get("signups_per_unit_month_p50")),
                }
            )
        rows.append(row)
    out = pd.DataFrame(rows)
    for c in ("median_month", "p10_month", "p90_month"):
        if c in out:
            out[c] = pd.array(list(out[c]), dtype="period[M]")
    return out


def _when(row: Mapping, horizon_end: str, lang: str) -> str:
    """'Maret 2029 (P10–P90: ...)' or 'tidak tercapai sebelum Desember 2045'."""
    if row["status"] != "reached" or pd.isna(row["median_month"]):
        return i18n.t("not_reached_by", lang, month=i18n.format_month(horizon_end, lang))
    return i18n.format_month(row["median_month"], lang)


def memo_sentences(
    answers: pd.DataFrame,
    *,
    regency_title: str,
    labels: Mapping[str, str],
    target: float,
    horizon_end: str,
    current_pct: float,
    latest_month: pd.Period,
    when: AsOf,
    now: Mapping | None,
    start_quality: str,
    start_origin: str = "",
    counts: Mapping | None = None,
    lang: str = "id",
) -> list[str]:
    """Two to four plain sentences a planner can paste into a memo.

    Parameters
    ----------
    answers : DataFrame
        From :func:`answer_table`.
    regency_title : str
        "Kabupaten Konawe" / "Kota Kendari".
    labels : dict
        Scenario id -> label in ``lang``.
    target : float
        [proportion 0-1]
    current_pct : float
        Latest coverage figure. [%]
    latest_month : Period
        Month of that figure.
    now : dict or None
        :func:`nowcast` output.
    start_quality : str
        Quality flag of the latest figure.
    start_origin : str
        Where an assumed starting figure comes from, in words.
    counts : dict, optional
        ``active`` and ``workforce`` of the latest figure as its source gives them [persons].
    """
    lang = i18n.check_lang(lang)
    tgt = i18n.format_pct(target * 100, lang, 1)
    age = data_age_months(latest_month, when.run_month)
    out = []
    quality = i18n.t(f"quality.{start_quality}", lang)
    base = i18n.t(
        "memo.latest",
        lang,
        regency=regency_title,
        pct=i18n.format_pct(current_pct, lang, 2),
        month=i18n.format_month(latest_month, lang),
        quality=quality,
        age=age,
        counts=""
        if not counts
        else i18n.t(
            "memo.counts",
            lang,
            active=i18n.format_number(round(counts["active"]), lang),
            workforce=i18n.format_number(round(counts["workforce"]), lang),
        ),
    )
    if now and age > 0:
        base += " " + i18n.t(
            "memo.nowcast",
            lang,
            month=i18n.format_month(now["month"], lang),
            p50=i18n.format_pct(now["p50"], lang, 1),
            p10=i18n.format_pct(now["p10"], lang, 1),
            p90=i18n.format_pct(now["p90"], lang, 1),
        )
    out.append(base)
    trend = answers[answers["scenario"] == "trend_only"]
    if len(trend):
        out.append(
            i18n.t("memo.trend", lang, target=tgt, when=_when(trend.iloc[0], horizon_end, lang))
        )
    funded = answers[answers["scenario"] != "trend_only"]
    reached = funded[funded["status"] == "reached"].copy()
    if len(reached):
        reached["_o"] = reached["median_month"].map(lambda p: p.ordinal)
        best = reached.sort_values(["_o", "appropriation_rp"]).iloc[0]
        budget = i18n.format_rp(best["appropriation_rp"], lang, decimals=2)
        out.append(
            i18n.t(
                "memo.best",
                lang,
                label=labels.get(best["scenario"], best["scenario"]),
                target=tgt,
                when=_when(best, horizon_end, lang),
                p10=i18n.format_month(best["p10_month"], lang, short=True)
                if not pd.isna(best["p10_month"])
                else "—",
                p90=i18n.format_month(best["p90_month"], lang, short=True)
                if not pd.isna(best["p90_month"])
                else i18n.t("later_than", lang, month=i18n.format_month(horizon_end, lang, True)),
                budget=budget,
                year=int(best["budget_year"]),
            )
        )
    elif len(funded):
        best = funded.sort_values("coverage_main_p50", ascending=False).iloc[0]
        out.append(
            i18n.t(
                "memo.none",
                lang,
                target=tgt,
                horizon=i18n.format_month(horizon_end, lang),
                label=labels.get(best["scenario"], best["scenario"]),
                pct=i18n.format_pct(best["coverage_main_p50"], lang, 1),
                deadline=i18n.format_month(best["main_deadline"], lang),
            )
        )
    if start_quality == "assumed":
        out.append(i18n.t("memo.assumed_start", lang, origin=start_origin or "—"))
    return out
