"""The key numbers of a batch as a table: one row per regency x scenario (:func:`summary_frame`).

The same table feeds the index page (:mod:`ucj_analysis.render.index`) and the files
summary.csv and summary.xlsx (:mod:`ucj_analysis.render.spreadsheet`). Columns
(:data:`SUMMARY_COLUMNS`): coverage at the main deadline, median month reached, P10, P90,
probability by the main deadline and, when the forecast records them, the budget lines
(appropriation, spending, idle funds, arrears [Rp]) and the age of the latest figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from ucj_analysis import i18n
from ucj_analysis.render.brief import brief_relpath
from ucj_analysis.render.formatting import (
    DEFAULT_HORIZON_END,
    _float_or_none,
    _format_month,
    _int_or_none,
    _iso_month,
    _not_reached_text,
)
from ucj_analysis.render.labels import _l, _lang
from ucj_analysis.render.records import _regency_fields

__all__ = ["SUMMARY_COLUMNS", "summary_frame"]

#: Keys of the summary table columns, in table order; one row per regency x scenario.
_SUMMARY_KEYS: tuple[str, ...] = (
    "regency",
    "scenario_label",
    "scenario",
    "current_coverage_pct",
    "target_pct",
    "time_to_target",
    "median_month",
    "p10_month",
    "p90_month",
    "status",
    "main_deadline",
    "prob_main_deadline_pct",
    "coverage_main_deadline_pct",
    "budget_year",
    "appropriation_rp_per_year",
    "appropriation_rp_per_desa",
    "appropriation_pct_add",
    "spending_rp_per_year",
    "idle_rp_per_year",
    "arrears_rp_per_year",
    "budget_start",
    "latest_figure_month",
    "data_age_months",
    "workforce_basis",
    "start_quality",
    "start_origin",
    "run_date",
    "report",
    "brief_pdf",
)

#: summary table columns: key -> {"id": Indonesian header, "en": English header}, from the
#: catalogue keys ``summary.<column>``. Units in brackets: [%] = percent 0-100, [Rp] = rupiah,
#: [bulan]/[month] = a month.
SUMMARY_COLUMNS: dict[str, dict[str, str]] = {
    key: {lang: i18n.t(f"summary.{key}", lang) for lang in ("id", "en")} for key in _SUMMARY_KEYS
}

#: summary columns filled only by newer forecast records: left out of summary.csv / .xlsx when
#: no row of the batch has a value (no always-empty columns)
_OPTIONAL_SUMMARY = (
    "budget_year",
    "appropriation_rp_per_year",
    "appropriation_rp_per_desa",
    "appropriation_pct_add",
    "spending_rp_per_year",
    "idle_rp_per_year",
    "arrears_rp_per_year",
    "budget_start",
    "latest_figure_month",
    "data_age_months",
    "workforce_basis",
    "start_quality",
    "start_origin",
    "run_date",
    "brief_pdf",
)
_RP_FIELDS = (
    "appropriation_rp_per_year",
    "appropriation_rp_per_desa",
    "spending_rp_per_year",
    "idle_rp_per_year",
    "arrears_rp_per_year",
)
_PCT_FIELDS = (
    "current_coverage_pct",
    "target_pct",
    "prob_main_deadline_pct",
    "coverage_main_deadline_pct",
    "appropriation_pct_add",
)
_MONTH_FIELDS = ("median_month", "p10_month", "p90_month", "main_deadline", "budget_start",
                 "latest_figure_month")  # fmt: skip
_INT_FIELDS = ("budget_year", "data_age_months")

#: how each column is written to summary.xlsx (number format) and summary.csv
_SUMMARY_KINDS: dict[str, str] = (
    {k: "text" for k in SUMMARY_COLUMNS}
    | {k: "pct" for k in _PCT_FIELDS}
    | {k: "rp" for k in _RP_FIELDS}
    | {k: "month" for k in _MONTH_FIELDS}
    | {
        "budget_year": "year",
        "data_age_months": "int",
        "run_date": "date",
        "report": "link",
        "brief_pdf": "link",
    }
)


def summary_frame(records: Sequence[Mapping], lang: str = "id") -> pd.DataFrame:
    """Key numbers of a batch: one row per regency × scenario of the regency forecast reports.

    Parameters
    ----------
    records : sequence of dict
        Batch records (see :func:`write_index`). Rows come from the ``02_regency_forecast``
        records' ``time_to_target`` list; a failed forecast report gives one row with status
        "report failed" and no numbers. Each ``time_to_target`` item may carry the budget
        lines ``budget_year``, ``appropriation_rp_per_year`` [Rp per year],
        ``appropriation_rp_per_desa`` [Rp], ``appropriation_pct_add`` [% of ADD],
        ``spending_rp_per_year``, ``idle_rp_per_year``, ``arrears_rp_per_year`` [Rp per year];
        the record itself may carry ``run_date`` (YYYY-MM-DD), ``budget_start`` and
        ``latest_figure_month`` (YYYY-MM), ``data_age_months`` [months] (computed from
        ``latest_figure_month`` and ``run_date`` or today when absent), ``workforce_basis`` and
        ``start_quality`` (observed / derived / assumed). Older records without them give
        empty cells.
    lang : {"id", "en"}
        Language of text values (time to target, status, start quality).

    Returns
    -------
    pandas.DataFrame
        Columns = keys of :data:`SUMMARY_COLUMNS`: percentages [0-100] and rupiah as floats,
        ``budget_year`` and ``data_age_months`` as nullable integers, months as ``YYYY-MM``
        strings (empty when not reached), ``run_date`` as ``YYYY-MM-DD``, ``time_to_target``
        as text (``Mei 2031`` or ``tidak tercapai sebelum Des 2045``), ``report`` = relative
        HTML path.
    """
    lang = _lang(lang)
    empty = dict.fromkeys(SUMMARY_COLUMNS)
    rows = []
    for rec in records:
        if rec.get("notebook") != "02_regency_forecast":
            continue
        values = rec.get("records") or {}
        tt_list = values.get("time_to_target") or []
        base = empty | {
            "regency": rec.get("regency"),
            "current_coverage_pct": _float_or_none(values.get("current_coverage_pct")),
            "target_pct": _float_or_none(values.get("target_pct")),
            "report": rec.get("html"),
            "brief_pdf": brief_relpath(rec.get("slug")) if rec.get("slug") else None,
        }
        if rec.get("status") == "failed" or not tt_list:
            if rec.get("status") != "failed":
                continue
            rows.append(
                base
                | {
                    "current_coverage_pct": None,
                    "target_pct": None,
                    "time_to_target": _l("report_failed", lang),
                    "status": _l("report_failed", lang),
                    "brief_pdf": None,
                }
            )
            continue
        base |= _regency_fields(values, lang)
        horizon = values.get("horizon_end") or DEFAULT_HORIZON_END
        for tt in tt_list:
            median = _iso_month(tt.get("median_month"))
            reached = tt.get("status", "reached" if median else "not_reached") == "reached"
            reached = reached and median is not None
            prob = _float_or_none(tt.get("prob_main_deadline"))
            rows.append(
                base
                | {
                    "scenario_label": tt.get("scenario_label") or tt.get("scenario"),
                    "scenario": tt.get("scenario"),
                    "time_to_target": _format_month(median, lang)
                    if reached
                    else _not_reached_text(tt.get("horizon_end") or horizon, lang),
                    "median_month": median if reached else None,
                    "p10_month": _iso_month(tt.get("p10_month")),
                    "p90_month": _iso_month(tt.get("p90_month")),
                    "status": _l("reached" if reached else "not_reached", lang),
                    "main_deadline": _iso_month(tt.get("main_deadline")),
                    "prob_main_deadline_pct": None if prob is None else round(prob * 100, 2),
                    "coverage_main_deadline_pct": _float_or_none(
                        tt.get("coverage_main_deadline_pct")
                    ),
                    "budget_year": _int_or_none(tt.get("budget_year")),
                    **{
                        k: _float_or_none(tt.get(k)) for k in (*_RP_FIELDS, "appropriation_pct_add")
                    },
                }
            )
    rows.sort(key=lambda r: str(r["regency"] or "").lower())  # stable: scenario order kept
    frame = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    for col in (*_PCT_FIELDS, *_RP_FIELDS):
        frame[col] = frame[col].astype("float64")
    for col in _INT_FIELDS:
        frame[col] = frame[col].astype("Int64")
    return frame


def _drop_empty_optional(summary: pd.DataFrame) -> pd.DataFrame:
    empty = [c for c in _OPTIONAL_SUMMARY if c in summary and summary[c].isna().all()]
    return summary.drop(columns=empty)
