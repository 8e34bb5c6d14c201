"""The index page of a batch and its summary tables (:func:`write_index`).

``index.html`` (``templates/pages/index.html.j2``, style sheet ``templates/css/index.css``):
key numbers per regency x scenario, the quality flags, every report grouped by notebook with
its status, duration and error, the data sources. Written with ``summary.csv`` and
``summary.xlsx`` (:mod:`ucj_analysis.render.spreadsheet`), each atomically.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from ucj_analysis.render.files import atomic_write_many
from ucj_analysis.render.formatting import (
    DEFAULT_HORIZON_END,
    STALE_AFTER_MONTHS,
    _float_or_none,
    _format_datetime,
    _format_month,
    _format_pct,
    _format_rp,
    _format_seconds,
    _int_or_none,
    _package_version,
    _short_month,
)
from ucj_analysis.render.labels import _l, _lang, _notebook_label, _status_label
from ucj_analysis.render.records import _collect_provenance, _dataset_rows
from ucj_analysis.render.sanitise import safe_relative_href
from ucj_analysis.render.spreadsheet import _REPORT_COLUMNS, _csv_text, _xlsx_bytes
from ucj_analysis.render.summary import summary_frame
from ucj_analysis.render.templating import read_css, render_template
from ucj_analysis.render.village_sheet import index_group, write_village_sheets

__all__ = ["write_index"]

#: style sheet of the index page
_INDEX_CSS = read_css("index")


def _link(relpath: Any, text: str, out_dir: Path) -> dict:
    """A link for the ``link`` macro: to a file of the batch that exists, else text or a dash."""
    href = safe_relative_href(relpath)
    if href is not None and (out_dir / str(relpath)).is_file():
        return {"href": href, "text": text}
    return {"href": None, "text": text if relpath else None}


def _data_age(row: Mapping, lang: str) -> dict:
    """Month of the latest figure, its age and whether it is older than 12 months."""
    age = _int_or_none(row.get("data_age_months"))
    return {
        "month": _short_month(row.get("latest_figure_month"), lang),
        "age_text": None if age is None else _l("months_old", lang).format(n=age),
        "stale": age is not None and age > STALE_AFTER_MONTHS,
        "assumed": None
        if pd.isna(origin := row.get("start_origin")) or not origin
        else str(origin),
    }


def _key_numbers(summary: pd.DataFrame, out_dir: Path, lang: str) -> dict | None:
    """The key numbers table of the index page (None when the batch has no forecast rows)."""
    if summary.empty:
        return None
    deadlines = {d for d in summary["main_deadline"].dropna().unique()}
    if len(deadlines) == 1:
        prob_head = f"{_l('prob_by', lang)} {_format_month(next(iter(deadlines)), lang)}"
    else:
        prob_head = _l("prob_by_main", lang)
    cov_head = _l("cov_head", lang)
    show_money = bool(summary["appropriation_rp_per_year"].notna().any())
    show_age = bool(
        summary["latest_figure_month"].notna().any() or summary["data_age_months"].notna().any()
    )
    rows = []
    for (_, regency), group in summary.groupby(
        [summary["regency"].fillna("").map(str.lower), summary["regency"].fillna("")],
        sort=True,
    ):
        for i, (_, row) in enumerate(group.iterrows()):
            out: dict[str, Any] = {"first": i == 0, "n": len(group)}
            if i == 0:
                brief = row.get("brief_pdf")
                out |= {
                    "regency": regency or "—",
                    "brief": _link(brief, _l("brief_link", lang), out_dir)
                    if isinstance(brief, str) and brief
                    else None,
                    "coverage": _format_pct(row["current_coverage_pct"], lang, 2),
                    "age": _data_age(row, lang),
                    "target": _format_pct(row["target_pct"], lang),
                }
            failed = pd.isna(row["scenario"]) and row["time_to_target"] == _l("report_failed", lang)
            out |= {"failed": failed, "when": row["time_to_target"]}
            if not failed:
                p10 = _short_month(row["p10_month"], lang)
                p90 = _short_month(row["p90_month"], lang)
                if p10 is None:
                    rng = "—"
                elif p90 is None:
                    horizon = _short_month(DEFAULT_HORIZON_END, lang)
                    rng = f"{p10} – {_l('after', lang)} {horizon}"
                else:
                    rng = f"{p10} – {p90}"
                prob = _format_pct(row["prob_main_deadline_pct"], lang, 0)
                if len(deadlines) > 1 and row["main_deadline"]:
                    prob += f" ({_short_month(row['main_deadline'], lang)})"
                out |= {
                    "scenario_label": row["scenario_label"],
                    "money": _format_rp(row["appropriation_rp_per_year"], lang)
                    if show_money
                    else None,
                    "reached": not pd.isna(row["median_month"]),
                    "range": rng,
                    "prob": prob,
                    "coverage_deadline": _format_pct(row["coverage_main_deadline_pct"], lang),
                }
            out["report"] = _link(row["report"], _l("open_report", lang), out_dir)
            rows.append(out)
    return {
        "prob_head": prob_head,
        "cov_head": cov_head,
        "show_money": show_money,
        "show_age": show_age,
        "rows": rows,
    }


def _report_groups(records: Sequence[Mapping], out_dir: Path, lang: str) -> list[dict]:
    """Every report of the batch, grouped by notebook, sorted by regency."""
    groups: dict[str, list[Mapping]] = {}
    for rec in records:
        groups.setdefault(str(rec.get("notebook") or "?"), []).append(rec)
    out = []
    for stem in sorted(groups):
        rows = []
        for rec in sorted(groups[stem], key=lambda r: str(r.get("regency") or "").lower()):
            status = str(rec.get("status") or "")
            error = rec.get("error")
            short = None
            if error:
                short = str(error) if len(str(error)) <= 400 else str(error)[:400] + " …"
            rows.append(
                {
                    "status": status,
                    "status_label": _status_label(status, lang),
                    "regency": rec.get("regency") or _l("all_regencies", lang),
                    "html": _link(rec.get("html"), _l("open_report", lang), out_dir),
                    "seconds": _format_seconds(rec.get("seconds"), lang),
                    "ipynb": _link(rec.get("ipynb"), ".ipynb", out_dir),
                    "error": error if error else None,
                    "error_short": short,
                }
            )
        out.append({"stem": stem, "label": _notebook_label(stem, lang), "rows": rows})
    return out


def _index_html(records: Sequence[Mapping], summary: pd.DataFrame, out_dir: Path, lang: str) -> str:
    counts = {
        s: sum(1 for r in records if r.get("status") == s) for s in ("ok", "failed", "skipped")
    }
    chips = [{"status": None, "count": len(records), "label": _l("reports_count", lang)}]
    chips += [
        {"status": s, "count": counts[s], "label": _status_label(s, lang)}
        for s in ("ok", "failed", "skipped")
        if counts[s]
    ]
    return render_template(
        "index.html.j2",
        lang,
        css=Markup(_INDEX_CSS),
        version=_package_version(),
        now=_format_datetime(dt.datetime.now(), lang),
        chips=chips,
        key=_key_numbers(summary, out_dir, lang),
        report_groups=_report_groups(records, out_dir, lang) + index_group(records, out_dir, lang),
        provenance=_dataset_rows(_collect_provenance(records)),
    )


def write_index(records: list[dict], out_dir: Path, lang: str = "id") -> Path:
    """Write ``index.html``, ``summary.csv`` and ``summary.xlsx`` for a batch (atomically).

    Parameters
    ----------
    records : list of dict
        One per report: ``notebook`` (stem), ``regency`` (str or None), ``slug``, ``status``
        (``ok`` / ``failed`` / ``skipped``), ``html`` and ``ipynb`` (paths relative to
        ``out_dir``), ``seconds`` [s], ``error`` (str or None), ``params`` (dict), ``records``
        (dict from :func:`read_records`). Key numbers come from ``02_regency_forecast`` records:
        ``time_to_target`` (list of dicts), ``current_coverage_pct`` [%], ``target_pct`` [%];
        data sources from ``provenance`` (list of dicts).
    out_dir : pathlib.Path
        Batch output directory (created if missing).
    lang : {"id", "en"}
        Language of labels, headers and formatted numbers.

    Returns
    -------
    pathlib.Path
        Path of ``index.html``.
    """
    lang = _lang(lang)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    records = [dict(r) for r in records]
    for rec in records:  # links relative to out_dir, with forward slashes
        for key in ("html", "ipynb"):
            if rec.get(key):
                path = Path(rec[key])
                if path.is_absolute():
                    path = Path(os.path.relpath(path, out_dir.resolve()))
                rec[key] = path.as_posix()
    summary = summary_frame(records, lang)
    summary["brief_pdf"] = [
        p if isinstance(p, str) and (out_dir / p).is_file() else None for p in summary["brief_pdf"]
    ]
    reports = pd.DataFrame(
        [
            {
                "notebook": r.get("notebook"),
                "regency": r.get("regency") or _l("all_regencies", lang),
                "status": _status_label(str(r.get("status") or ""), lang),
                "seconds": None if secs is None else round(secs, 1),
                "html": r.get("html"),
                "ipynb": r.get("ipynb"),
                "error": r.get("error"),
            }
            for r in sorted(records, key=lambda r: (str(r.get("notebook")), str(r.get("slug"))))
            for secs in [_float_or_none(r.get("seconds"))]
        ],
        columns=list(_REPORT_COLUMNS),
    )
    write_village_sheets(records, out_dir)  # desa/<slug>.xlsx, linked from the index
    # the three files tell the same numbers: all made first, then moved into place together (a
    # batch killed while the spreadsheet was being made left a new summary.csv beside an old index)
    written = atomic_write_many(
        {
            out_dir / "summary.csv": _csv_text(summary, lang).encode("utf-8"),
            out_dir / "summary.xlsx": _xlsx_bytes(
                summary, _collect_provenance(records), reports, lang
            ),
            out_dir / "index.html": _index_html(records, summary, out_dir, lang).encode("utf-8"),
        }
    )
    return written[-1]
