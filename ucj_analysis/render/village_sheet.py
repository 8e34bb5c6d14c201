"""The village Excel sheet the PMD office sends to village heads: ``desa/<slug>.xlsx``.

One workbook per regency forecast that recorded ``village_table`` (a regency with a village
file; :meth:`ucj_analysis.report.villages.VillageSection.record_key_numbers`), written by the
batch beside its reports when it writes the index (:func:`write_village_sheets`), from the
recorded numbers only. One worksheet per village-rule scenario: a header block (regency,
scenario, run date, main deadline and, for the synthetic example, the SINTETIS note), then one
row per village sorted by the gap left at the main deadline.

Like summary.xlsx (:mod:`ucj_analysis.render.spreadsheet`): persons and rupiah are numbers with
Excel number formats (``#,##0``, ``"Rp "#,##0``), months are dates, percentages [0-100]
``0.0" %"``; text is always a string cell, never a formula (formula-like text keeps its value
and gets Excel's quote prefix); every sheet prints A4 landscape, one page wide, with the
column header row repeated on every page. Headers are in the report's language (Indonesian by
default).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ucj_analysis import i18n
from ucj_analysis.render.files import atomic_write_bytes
from ucj_analysis.render.labels import _status_label
from ucj_analysis.render.sanitise import safe_relative_href
from ucj_analysis.render.spreadsheet import (
    XLSX_MAX_WIDTH,
    _month_date,
    _number_formats,
    _print_setup,
    _set_text,
)

__all__ = ["SHEET_DIR", "sheet_relpath", "village_sheet_bytes", "write_village_sheets"]

#: Folder of the village sheets inside a batch folder (as
#: :data:`ucj_analysis.report.villages.SHEET_DIR`, which the report links to).
SHEET_DIR = "desa"
#: Rows of the header block above the column headers (title, scenario, run date, deadline,
#: synthetic note, blank).
_HEAD_ROWS = 6
_FORECAST = "02_regency_forecast"


def sheet_relpath(slug: str) -> str:
    """Path of a report's village sheet inside the batch folder: ``desa/<slug>.xlsx``."""
    return f"{SHEET_DIR}/{slug}.xlsx"


def _columns(rec: Mapping, sc: Mapping, lang: str) -> list[tuple[str, str, str]]:
    """``(field, header, kind)`` of the village table of one scenario."""
    d = i18n.format_month(rec.get("main_deadline"), lang, short=True)

    def h(key: str, **kw: Any) -> str:
        return i18n.t(f"village.col.{key}", lang, **kw)

    cols = [
        ("village", h("village"), "text"),
        ("kecamatan", h("kecamatan"), "text"),
        ("code", h("code"), "text"),
        ("uncovered", h("uncovered"), "int"),
        ("rp_per_year", h("rp"), "rp"),
        ("covers", h("covers"), "yesno"),
        ("funded", h("funded", deadline=d), "int"),
        ("gap", h("gap", deadline=d), "int"),
    ]
    if sc.get("topup_deadline"):
        cols.append(
            (
                "topup_rp_per_year",
                h(
                    "topup",
                    p=i18n.format_pct(float(sc["topup_probability"]) * 100, lang, 0),
                    deadline=i18n.format_month(sc["topup_deadline"], lang, short=True),
                ),
                "rp",
            )
        )
    cols += [
        ("paid_until", h("paid_until"), "month"),
        ("late_years", h("late_years"), "int"),
        ("history_years", h("history_years"), "int"),
        ("arrears_pct", h("arrears_pct", deadline=d), "pct"),
        ("basis", h("basis"), "text"),
    ]
    return cols


def _value(row: Mapping, key: str, kind: str, lang: str) -> Any:
    """A recorded value as the object openpyxl writes (number, date, text or None)."""
    v = row.get(key)
    if v is None:
        return None
    if kind == "int":
        return int(round(float(v)))
    if kind in ("rp", "pct"):
        return float(v)
    if kind == "month":
        return _month_date(v)
    if kind == "yesno":
        if row.get("is_kelurahan") and not (row.get("rp_per_year") or 0) > 0:
            return i18n.t("village.kelurahan_no_money", lang)
        return i18n.t("yes" if v else "no", lang)
    return str(v)


def _sheet_name(label: str, used: set[str]) -> str:
    """A worksheet name from a scenario label: no ``[]:*?/\\``, at most 31 characters, unique."""
    base = re.sub(r"[\[\]:*?/\\]", " ", str(label)).strip()[:31] or "desa"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _write_scenario(ws, rec: Mapping, sc: Mapping, lang: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    formats = _number_formats(lang)
    title = i18n.t("village.sheet.title", lang, regency=rec.get("regency_title") or rec["regency"])
    _set_text(ws.cell(row=1, column=1), title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    head = [
        (i18n.t("village.sheet.scenario", lang), str(sc.get("scenario_label") or ""), None),
        (
            i18n.t("village.sheet.run_date", lang),
            dt.date.fromisoformat(str(rec["run_date"])[:10]) if rec.get("run_date") else None,
            formats["date"],
        ),
        (
            i18n.t("village.sheet.deadline", lang),
            _month_date(rec.get("main_deadline")),
            formats["month"],
        ),
    ]
    for i, (label, value, fmt) in enumerate(head, start=2):
        _set_text(ws.cell(row=i, column=1), label)
        ws.cell(row=i, column=1).font = Font(bold=True)
        cell = ws.cell(row=i, column=2)
        if isinstance(value, str):
            _set_text(cell, value)
        elif value is not None:
            cell.value = value
            cell.number_format = fmt
            cell.alignment = Alignment(horizontal="left")
    if rec.get("synthetic"):
        cell = ws.cell(row=5, column=1)
        _set_text(cell, i18n.t("village.sheet.synthetic", lang))
        cell.font = Font(bold=True, color="C00000")
    cols = _columns(rec, sc, lang)
    hr = _HEAD_ROWS + 1
    fill = PatternFill("solid", fgColor="0B6E99")
    widths = {}
    for j, (_, header, _) in enumerate(cols, start=1):
        cell = ws.cell(row=hr, column=j)
        _set_text(cell, header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        widths[j] = len(header) // 2 + 2
    rows = list(sc.get("rows") or [])
    for i, row in enumerate(rows, start=hr + 1):
        for j, (key, _, kind) in enumerate(cols, start=1):
            value = _value(row, key, kind, lang)
            if value is None:
                continue
            cell = ws.cell(row=i, column=j)
            if isinstance(value, str):
                _set_text(cell, value)
                shown = len(value)
            else:
                cell.value = value
                cell.number_format = formats.get(kind, "General")
                shown = {"month": 9, "rp": 16, "pct": 7}.get(kind, 8)
            widths[j] = max(widths[j], shown + 2)
    for j, width in widths.items():
        ws.column_dimensions[get_column_letter(j)].width = min(max(width, 9), XLSX_MAX_WIDTH)
        if width > XLSX_MAX_WIDTH:
            for (cell,) in ws.iter_rows(min_row=hr + 1, min_col=j, max_col=j):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[hr].height = 60
    ws.freeze_panes = ws.cell(row=hr + 1, column=2)
    if rows:
        ws.auto_filter.ref = f"A{hr}:{get_column_letter(len(cols))}{hr + len(rows)}"
    _print_setup(ws, lang)
    ws.print_title_rows = f"{hr}:{hr}"


def village_sheet_bytes(rec: Mapping) -> bytes:
    """The workbook of one recorded ``village_table`` (one worksheet per scenario).

    Parameters
    ----------
    rec : mapping
        The ``village_table`` record of a forecast report.

    Returns
    -------
    bytes
        The .xlsx file.
    """
    from openpyxl import Workbook

    lang = i18n.check_lang(rec.get("lang") or "id")
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for sc in rec.get("scenarios") or []:
        name = _sheet_name(sc.get("scenario_label") or sc.get("scenario") or "", used)
        _write_scenario(wb.create_sheet(name), rec, sc, lang)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_records(records: Sequence[Mapping]) -> list[tuple[Mapping, Mapping]]:
    """``(index record, village_table record)`` of the forecasts that recorded a village
    table and did not fail."""
    out = []
    for rec in records:
        if rec.get("notebook") != _FORECAST or rec.get("status") == "failed":
            continue
        vt = (rec.get("records") or {}).get("village_table")
        if isinstance(vt, Mapping) and vt.get("scenarios") and rec.get("slug"):
            out.append((rec, vt))
    return out


def write_village_sheets(records: Sequence[Mapping], out_dir: Path) -> list[str]:
    """Write ``desa/<slug>.xlsx`` for every forecast that recorded a village table.

    Parameters
    ----------
    records : sequence of dict
        Index records of the batch (see :func:`ucj_analysis.render.write_index`).
    out_dir : pathlib.Path
        Batch output folder.

    Returns
    -------
    list of str
        The sheets written, relative to ``out_dir``.
    """
    written = []
    for rec, vt in _sheet_records(records):
        rel = sheet_relpath(str(rec["slug"]))
        if safe_relative_href(rel) is None:
            continue
        atomic_write_bytes(Path(out_dir) / rel, village_sheet_bytes(vt))
        written.append(rel)
    return written


def index_group(records: Sequence[Mapping], out_dir: Path, lang: str) -> list[dict]:
    """The index's list of village sheets (a group of the reports table), or ``[]``."""
    rows = []
    for rec, _ in sorted(_sheet_records(records), key=lambda x: str(x[0].get("regency")).lower()):
        rel = sheet_relpath(str(rec["slug"]))
        href = safe_relative_href(rel)
        if href is None or not (Path(out_dir) / rel).is_file():
            continue
        rows.append(
            {
                "status": "ok",
                "status_label": _status_label("ok", lang),
                "regency": rec.get("regency"),
                "html": {"href": href, "text": rel},
                "seconds": "—",
                "ipynb": {"href": None, "text": None},
                "error": None,
                "error_short": None,
            }
        )
    if not rows:
        return []
    return [{"stem": SHEET_DIR, "label": i18n.t("village.sheet.index_group", lang), "rows": rows}]
