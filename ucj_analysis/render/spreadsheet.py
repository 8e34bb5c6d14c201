"""summary.csv and summary.xlsx: the summary table, the data sources and the reports of a batch.

- summary.xlsx: numbers are numbers; rupiah with the format ``"Rp "#,##0``, percentages [0-100]
  with ``0.0" %"``, months as dates (first of the month) shown ``mmm yyyy`` (Indonesian month
  names for ``lang="id"``), counts as integers; report paths are hyperlinks. Every sheet prints
  A4 landscape, one page wide, header row repeated. Text is always a string cell, never a
  formula: text that a spreadsheet would read as a formula (:func:`formula_like`) keeps its
  exact value and gets Excel's *quote prefix* (``quotePrefix``: what Excel stores when a user
  types ``'=...``), so it stays text even after the cell is edited.
- summary.csv: UTF-8 with BOM. ``lang="id"``: separator ``;`` and decimal comma, which is what
  Excel with Indonesian regional settings expects (it opens the file in columns);
  ``lang="en"``: ``,`` and decimal point. Rupiah in whole rupiah, months ``YYYY-MM``;
  formula-like text is prefixed with an apostrophe ``'`` (:func:`neutralise_csv_text`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ucj_analysis import i18n
from ucj_analysis.render.formatting import (
    _float_or_none,
    _int_or_none,
    _iso_date,
    _iso_month,
    _join_sources,
)
from ucj_analysis.render.labels import _l
from ucj_analysis.render.records import _QUALITY_COUNTS
from ucj_analysis.render.sanitise import safe_relative_href
from ucj_analysis.render.summary import _SUMMARY_KINDS, SUMMARY_COLUMNS, _drop_empty_optional

__all__ = ["XLSX_MAX_WIDTH", "formula_like", "neutralise_csv_text"]


def _headers(prefix: str, keys: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Column key -> {"id": header, "en": header}, from the catalogue keys ``<prefix>.<key>``."""
    return {k: {lang: i18n.t(f"{prefix}.{k}", lang) for lang in ("id", "en")} for k in keys}


_PROVENANCE_COLUMNS = _headers(
    "render.prov",
    ("dataset", "title", "sources", "n_rows", "n_observed", "n_derived", "n_assumed"),
)
_PROVENANCE_KINDS = {"dataset": "text", "title": "text", "sources": "text", "n_rows": "int",
                     "n_observed": "int", "n_derived": "int", "n_assumed": "int"}  # fmt: skip

_REPORT_COLUMNS = _headers(
    "render.reports", ("notebook", "regency", "status", "seconds", "html", "ipynb", "error")
)
_REPORT_KINDS = {"notebook": "text", "regency": "text", "status": "text", "seconds": "seconds",
                 "html": "link", "ipynb": "link", "error": "text"}  # fmt: skip


#: characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def formula_like(value: Any) -> bool:
    """Whether a spreadsheet program would read this text as a formula (or start one).

    Parameters
    ----------
    value : object
        A cell value; only ``str`` can be formula-like.

    Returns
    -------
    bool
        True for text whose first character is ``=``, ``+``, ``-``, ``@``, tab, CR or LF, or
        whose first non-blank character is ``=``, ``+``, ``-`` or ``@``.
    """
    if not isinstance(value, str) or not value:
        return False
    return value.startswith(_FORMULA_START) or value.lstrip().startswith(_FORMULA_START[:4])


def neutralise_csv_text(value: Any) -> Any:
    """Text for a CSV cell that a spreadsheet shows as text, never runs as a formula.

    Parameters
    ----------
    value : object
        Cell value; anything but formula-like text (:func:`formula_like`) is returned unchanged.

    Returns
    -------
    object
        ``"'" + value`` for formula-like text (the apostrophe the OWASP CSV-injection advice
        prescribes: Excel and LibreOffice then show the text, apostrophe included), else
        ``value``.
    """
    return "'" + value if formula_like(value) else value


def _csv_text(summary: pd.DataFrame, lang: str) -> str:
    """summary.csv: UTF-8 with BOM; ``;`` and decimal comma for ``id``, ``,`` and ``.`` for ``en``.

    Rupiah as whole rupiah, percentages [0-100] with at most 2 decimals, months ``YYYY-MM``,
    run date ``YYYY-MM-DD``; formula-like text prefixed with ``'`` (:func:`neutralise_csv_text`).
    """
    frame = _drop_empty_optional(summary).copy()
    for col in frame.columns:
        kind = _SUMMARY_KINDS[col]
        if kind == "rp":
            frame[col] = frame[col].round(0).astype("Int64")
        elif kind == "pct":
            frame[col] = frame[col].round(2)
        elif kind in ("text", "link", "month", "date"):
            frame[col] = frame[col].astype(object).map(neutralise_csv_text)
    frame = frame.rename(columns={k: v[lang] for k, v in SUMMARY_COLUMNS.items()})
    sep, decimal = (";", ",") if lang == "id" else (",", ".")
    text = frame.to_csv(index=False, sep=sep, decimal=decimal, lineterminator="\n")
    return "\ufeff" + text


def _month_date(value: Any) -> dt.date | None:
    iso = _iso_month(value)
    if iso is None or not re.match(r"^\d{4}-\d{2}$", iso):
        return None
    return dt.date(int(iso[:4]), int(iso[5:7]), 1)


def _number_formats(lang: str) -> dict[str, str]:
    """Excel number formats per column kind; ``[$-421]`` = Indonesian month names."""
    locale = "[$-421]" if lang == "id" else "[$-409]"
    return {
        "pct": '0.0" %"' if lang == "id" else '0.0"%"',
        "rp": '"Rp "#,##0',
        "int": "#,##0",
        "year": "0",
        "seconds": "0.0",
        "month": f"{locale}mmm yyyy",
        "date": f"{locale}d mmm yyyy",
    }


def _cell_value(value: Any, kind: str) -> Any:
    """A frame value as the Python object openpyxl writes (number, date, text or None)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if kind in ("pct", "rp", "seconds"):
        return _float_or_none(value)
    if kind in ("int", "year"):
        return _int_or_none(value)
    if kind == "month":
        return _month_date(value) or str(value)
    if kind == "date":
        iso = _iso_date(value)
        return str(value) if iso is None else dt.date.fromisoformat(iso)
    return str(value)


def _write_sheet(ws, frame: pd.DataFrame, kinds: Mapping[str, str], headers, lang: str) -> None:
    """Fill one worksheet: styled header, typed cells, number formats, text kept as text."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    formats = _number_formats(lang)
    fill = PatternFill("solid", fgColor="0B6E99")
    columns = list(frame.columns)
    for j, key in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j)
        _set_text(cell, headers[key][lang])
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = {j: len(headers[k][lang]) // 2 + 2 for j, k in enumerate(columns, start=1)}
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        for j, (key, raw) in enumerate(zip(columns, row, strict=True), start=1):
            kind = kinds[key]
            value = _cell_value(raw, kind)
            cell = ws.cell(row=i, column=j)
            if value is None:
                continue
            if isinstance(value, str):
                href = safe_relative_href(value) if kind == "link" else None
                if href is not None:
                    cell.hyperlink = href
                    cell.style = "Hyperlink"
                _set_text(cell, value)
                shown = len(value)
            else:
                cell.value = value
                cell.number_format = formats.get(kind, "General")
                shown = {"month": 9, "date": 12, "rp": 18, "year": 6}.get(kind, 10)
            widths[j] = max(widths[j], shown + 2)
    for j, width in widths.items():
        ws.column_dimensions[get_column_letter(j)].width = min(max(width, 10), XLSX_MAX_WIDTH)
        if width > XLSX_MAX_WIDTH:  # long text wraps inside its column instead of widening it
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "A2"
    if len(frame):
        ws.auto_filter.ref = ws.dimensions
    _print_setup(ws, lang)


#: widest column of summary.xlsx [characters]; longer text wraps
XLSX_MAX_WIDTH = 40


def _print_setup(ws, lang: str) -> None:
    """A4 landscape, one page wide (as many pages tall as needed), header row on every page.

    Page header: the sheet name (left) and the title of the reports (right); footer: page
    ``n / total``.
    """
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # 0 = as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.6, header=0.3, footer=0.3)
    ws.oddHeader.left.text = "&A"
    ws.oddHeader.right.text = _l("index_title", lang).replace("&", "&&")
    ws.oddFooter.right.text = f"{_l('page', lang)} &P {_l('page_of', lang)} &N"


def _set_text(cell, text: str) -> None:
    """Write ``text`` as a string cell; formula-like text gets Excel's quote prefix.

    openpyxl turns any ``str`` starting with ``=`` into a formula; the cell type is forced
    back to string, and ``quotePrefix`` (what Excel stores when a user types ``'=…``) keeps
    it text even after the cell is edited. The value itself is unchanged.
    """
    cell.value = text
    if cell.data_type == "f" or formula_like(text):
        cell.data_type = "s"
        cell.quotePrefix = True


def _provenance_frame(provenance: list[dict]) -> pd.DataFrame:
    """Data sources for the spreadsheet.

    ``n_rows`` is the sum of the quality counts when a record lacks it: every row of a dataset
    carries exactly one quality flag.
    """
    rows = []
    for p in provenance:
        counts = [_int_or_none(p.get(k)) for k, _ in _QUALITY_COUNTS]
        n_rows = _int_or_none(p.get("n_rows"))
        if n_rows is None and None not in counts:
            n_rows = sum(counts)
        rows.append(
            {
                "dataset": p.get("dataset"),
                "title": p.get("title"),
                "sources": _join_sources(p.get("sources")) or None,
                "n_rows": n_rows,
                **{k: n for (k, _), n in zip(_QUALITY_COUNTS, counts, strict=True)},
            }
        )
    frame = pd.DataFrame(rows, columns=list(_PROVENANCE_COLUMNS))
    for key in ("n_rows", *(k for k, _ in _QUALITY_COUNTS)):
        frame[key] = frame[key].astype("Int64")
    return frame


def _xlsx_bytes(
    summary: pd.DataFrame, provenance: list[dict], reports: pd.DataFrame, lang: str
) -> bytes:
    """summary.xlsx: sheets summary, data sources and reports with typed, formatted cells."""
    from openpyxl import Workbook

    prov = _provenance_frame(provenance)
    sheets = [
        (_l("summary_sheet", lang), _drop_empty_optional(summary), _SUMMARY_KINDS, SUMMARY_COLUMNS),
        (_l("data_sources", lang), prov, _PROVENANCE_KINDS, _PROVENANCE_COLUMNS),
        (_l("reports_sheet", lang), reports, _REPORT_KINDS, _REPORT_COLUMNS),
    ]
    wb = Workbook()
    wb.remove(wb.active)
    for name, frame, kinds, headers in sheets:
        _write_sheet(wb.create_sheet(name), frame, kinds, headers, lang)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
