"""The ready-to-fill village file: one row per desa and kelurahan of a regency, for the PMD office.

:func:`blank_rows` lists a regency's villages from the official list (Kepmendagri
300.2.2-2138/2025, :mod:`ucj_analysis.official_villages`) with code, name, kecamatan and type
and empty value columns; :func:`village_workbook` lays rows out as an Excel workbook with
Indonesian headers, data validation (whole numbers >= 0 for counts, decimals >= 0 for rupiah,
0-100 for a percentage, ``desa`` / ``kelurahan``, a date for months, the quality flags) and a
note sheet in Indonesian (what each column means, its unit, what happens to an empty cell, and
which source the village list comes from); :func:`write_village_file` writes it (``.xlsx``, or
``.csv`` without validation). The file loads back through the loaders unchanged: an unfilled
file is a village list whose every figure falls back to the regency-level assumptions.

Where the official list and another source disagree on the number of desa (Konawe: 291 in the
list, 297 in ``data/regencies.csv`` from a 2025 news report), the file uses the official list
and its note sheet names both figures and their sources.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ucj_analysis.i18n import t

__all__ = [
    "HEADERS",
    "COLUMNS",
    "SHEET",
    "NOTE_SHEET",
    "blank_rows",
    "count_notes",
    "note_lines",
    "village_workbook",
    "write_rows",
    "write_village_file",
]

#: Data sheet and note sheet names (the loader reads the sheet ``desa``).
SHEET = "desa"
NOTE_SHEET = "catatan"

#: Canonical column -> (Indonesian header, unit): the data format the loaders read, the same in
#: every language; the header is ``"name (unit)"`` when there is a unit.
_HEADER_UNITS: dict[str, tuple[str, str]] = {
    "regency": ("kabupaten", ""),
    "kecamatan": ("kecamatan", ""),
    "code": ("kode_desa", ""),
    "village": ("nama_desa", ""),
    "village_type": ("jenis", ""),
    "uncovered": ("pekerja_belum_terlindungi", "orang"),
    "funded_now": ("pekerja_didanai", "orang"),
    "add_rp": ("add_rp", "Rp per tahun"),
    "dd_rp": ("dd_rp", "Rp per tahun"),
    "budget_rp": ("anggaran_iuran_rp", "Rp per tahun"),
    "budget_pct_add": ("persen_add", "%"),
    "paid_until": ("dibayar_sampai", "bulan"),
    "late_years": ("tahun_terlambat", "tahun"),
    "history_years": ("tahun_diketahui", "tahun"),
    "data_month": ("bulan_data", "bulan"),
    "source": ("sumber", ""),
    "quality": ("kualitas", ""),
    "note": ("catatan", ""),
}
#: Canonical column -> Indonesian header (each accepted by the loaders; units in brackets).
HEADERS: dict[str, str] = {
    c: f"{name} ({unit})" if unit else name for c, (name, unit) in _HEADER_UNITS.items()
}
COLUMNS: tuple[str, ...] = tuple(HEADERS)

#: Column -> what an empty cell means (catalogue ``village_file.empty.<kind>``); the column's
#: meaning is ``village_file.meaning.<column>``.
_EMPTY: dict[str, str] = {
    "regency": "required",
    "kecamatan": "official",
    "code": "name_match",
    "village": "required",
    "village_type": "official",
    "uncovered": "spread",
    "funded_now": "regency",
    "add_rp": "add_even",
    "dd_rp": "dd_even",
    "budget_rp": "budget_rule",
    "budget_pct_add": "none",
    "paid_until": "arrears",
    "late_years": "arrears",
    "history_years": "arrears",
    "data_month": "none",
    "source": "none",
    "quality": "none",
    "note": "none",
}


def _meaning(column: str, lang: str) -> tuple[str, str]:
    """A column's meaning (with its unit) and what an empty cell means, in ``lang``."""
    return (
        t(f"village_file.meaning.{column}", lang),
        t(f"village_file.empty.{_EMPTY[column]}", lang),
    )


_COUNTS = ("uncovered", "funded_now", "late_years", "history_years")
_MONEY = ("add_rp", "dd_rp", "budget_rp")
_MONTHS = ("paid_until", "data_month")


def blank_rows(region: object) -> pd.DataFrame:
    """A regency's villages from the official list, with empty value columns.

    Parameters
    ----------
    region : OfficialRegion or str
        The regency or city, or its code or name.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS` (canonical names), one row per desa and kelurahan in code
        order; ``regency`` the registry name of the list (``Konawe``, ``Kota Kendari``),
        value columns ``None``.

    Raises
    ------
    UnknownOfficialRegionError
        If ``region`` names no regency or city of the list.
    """
    from ucj_analysis.official_regions import resolve_region
    from ucj_analysis.official_villages import list_villages

    r = region if hasattr(region, "code") else resolve_region(region)
    rows = [
        {
            "regency": r.name,
            "kecamatan": v.kecamatan,
            "code": v.code,
            "village": v.name,
            "village_type": v.type,
        }
        for v in list_villages(r)
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype(object).where(lambda f: f.notna(), None)


def count_notes(
    region: object, registry: pd.DataFrame | None = None, lang: str = "id"
) -> list[str]:
    """Where the registry's desa / kelurahan counts differ from the list (Indonesian lines).

    Parameters
    ----------
    region : OfficialRegion
    registry : pandas.DataFrame, optional
        A regency registry (``regency, n_desa, n_kelurahan, source``), e.g. the bundle's.

    Returns
    -------
    list of str
        One line per differing count, naming both figures and their sources and that the file
        uses the official list; empty when they agree or the registry has no row.
    """
    from ucj_analysis.official_regions import SOURCE_KEY, compare_counts, find_region

    if registry is None or registry.empty:
        return []
    mine = registry[[find_region(n) == region for n in registry["regency"]]]
    out = []
    for d in compare_counts(mine).itertuples():
        if d.column == "n_kecamatan":
            continue
        what = "desa" if d.column == "n_desa" else "kelurahan"
        out.append(
            t(
                "village_file.count_differs",
                lang,
                what=what,
                official=d.official_value,
                source_key=SOURCE_KEY,
                data=d.data_value,
                data_source=d.data_source,
            )
        )
    return out


def note_lines(
    region: object, *, extra: Sequence[str] = (), synthetic: bool = False, lang: str = "id"
) -> list[str]:
    """The note sheet's lines (Indonesian by default): title, source, counts, columns, empty cells.

    Parameters
    ----------
    region : OfficialRegion or None
        The regency of the file (``None`` for the synthetic example).
    extra : sequence of str
        Lines added after the counts (e.g. :func:`count_notes`).
    synthetic : bool
        The synthetic example: the first lines say SINTETIS, not real villages.
    lang : {"id", "en"}
        Language of the lines (the headers they name stay the Indonesian data format).
    """
    from ucj_analysis.official_regions import DECREE, SOURCE_KEY

    if synthetic:
        head = [t("village_file.synthetic", lang), t("village_file.synthetic_next", lang)]
    else:
        n_desa = sum(v.type == "desa" for v in _villages(region))
        n_kel = sum(v.type == "kelurahan" for v in _villages(region))
        head = [
            t(
                "village_file.title",
                lang,
                name=region.official_name,
                code=region.code,
                province=region.province,
            ),
            t(
                "village_file.list",
                lang,
                decree=DECREE,
                source_key=SOURCE_KEY,
                n_desa=n_desa,
                n_kelurahan=n_kel,
                n_kecamatan=region.n_kecamatan,
            ),
        ]
    body = [
        *head,
        *extra,
        "",
        t("village_file.how", lang),
        t("village_file.empty_cells", lang),
        t("village_file.source_rule", lang),
        "",
        t("village_file.table_head", lang),
    ]
    for c in COLUMNS:
        meaning, empty = _meaning(c, lang)
        body.append(f"{HEADERS[c]} | {meaning} | {empty}")
    return body


def _villages(region: object) -> tuple:
    from ucj_analysis.official_villages import list_villages

    return list_villages(region)


def _cell(column: str, value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if column in _MONTHS:
        p = pd.Period(value, freq="M") if not isinstance(value, pd.Period) else value
        return dt.date(p.year, p.month, 1)
    if isinstance(value, float) and value.is_integer() and column != "budget_pct_add":
        return int(value)
    return value


def village_workbook(
    rows: pd.DataFrame, notes: Sequence[str], *, spare_rows: int = 0, lang: str = "id"
):
    """The village file as an openpyxl workbook: sheet ``desa`` and the note sheet.

    Parameters
    ----------
    rows : pandas.DataFrame
        Canonical columns :data:`COLUMNS` (missing ones empty); months as ``YYYY-MM`` text,
        ``pandas.Period`` or dates.
    notes : sequence of str
        Lines of the note sheet (:func:`note_lines`).
    spare_rows : int
        Empty rows under the data that keep the validation (for villages added by hand).
    lang : {"id", "en"}
        Language of the header comments and the validation messages.

    Returns
    -------
    openpyxl.Workbook
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append([HEADERS[c] for c in COLUMNS])
    for cell, c in zip(ws[1], COLUMNS, strict=True):
        cell.font = Font(bold=True)
        meaning, empty = _meaning(c, lang)
        cell.comment = Comment(t("village_file.comment", lang, meaning=meaning, empty=empty), "ucj")
    for _, r in rows.iterrows():
        ws.append([_cell(c, r.get(c)) for c in COLUMNS])
    last = max(len(rows) + 1 + spare_rows, 2)

    def rule(kind: str, columns: Sequence[str], name: str, **kw) -> None:
        title = t(f"village_file.rule.{name}.title", lang)
        text = t(f"village_file.rule.{name}.text", lang)
        dv = DataValidation(type=kind, allow_blank=True, showErrorMessage=True,
                            errorTitle=title, error=text, **kw)  # fmt: skip
        for c in columns:
            letter = get_column_letter(COLUMNS.index(c) + 1)
            dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)

    rule("whole", _COUNTS, "whole", operator="greaterThanOrEqual", formula1="0")
    rule("decimal", _MONEY, "money", operator="greaterThanOrEqual", formula1="0")
    rule("decimal", ("budget_pct_add",), "pct", operator="between", formula1="0",
         formula2="100")  # fmt: skip
    rule("list", ("village_type",), "type", formula1='"desa,kelurahan"')
    rule("list", ("quality",), "quality", formula1='"teramati,turunan,asumsi"')
    rule("date", _MONTHS, "month", operator="greaterThanOrEqual", formula1="DATE(2000,1,1)")
    for j, c in enumerate(COLUMNS, start=1):
        letter = get_column_letter(j)
        width = {"village": 28, "kecamatan": 22, "regency": 18, "source": 40, "note": 40}
        ws.column_dimensions[letter].width = width.get(c, max(len(HEADERS[c]) + 2, 12))
        fmt = ("yyyy-mm" if c in _MONTHS else "#,##0" if c in _MONEY + _COUNTS
               else "0.0#" if c == "budget_pct_add" else None)  # fmt: skip
        if fmt:
            for cell in ws[letter][1:]:
                cell.number_format = fmt
    ws.freeze_panes = "E2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    note = wb.create_sheet(NOTE_SHEET)
    for line in notes:
        note.append([line])
    note.column_dimensions["A"].width = 140
    for cell in note["A"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    note["A1"].font = Font(bold=True)
    wb.properties.creator = "ucj_analysis"
    return wb


def _csv_text(column: str, value: object) -> str:
    v = _cell(column, value)
    if v is None:
        return ""
    if isinstance(v, dt.date):
        return f"{v.year:04d}-{v.month:02d}"
    if isinstance(v, float):
        return f"{v:g}".replace(".", ",")
    return str(v)


def write_rows(rows: pd.DataFrame, path: str | os.PathLike, notes: Sequence[str]) -> Path:
    """Write village rows as ``.xlsx`` (with validation and the note sheet) or ``.csv``.

    Parameters
    ----------
    rows : pandas.DataFrame
        Canonical columns :data:`COLUMNS`.
    path : str or path-like
        ``.xlsx`` or ``.csv`` (UTF-8, comma-separated, decimal comma; no note sheet).
    notes : sequence of str
        Lines of the note sheet.

    Returns
    -------
    pathlib.Path
    """
    p = Path(path)
    if p.suffix.lower() == ".csv":
        with open(p, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow([HEADERS[c] for c in COLUMNS])
            for _, r in rows.iterrows():
                w.writerow([_csv_text(c, r.get(c)) for c in COLUMNS])
        return p
    if p.suffix.lower() not in (".xlsx", ".xlsm"):
        raise ValueError(f"{p.name}: .xlsx atau .csv / expected an .xlsx or .csv file name")
    village_workbook(rows, notes, spare_rows=50).save(p)
    return p


def write_village_file(
    region: object, path: str | os.PathLike, *, registry: pd.DataFrame | None = None
) -> Path:
    """Write the ready-to-fill village file of a regency or city.

    Parameters
    ----------
    region : OfficialRegion or str
        The regency or city, or its Kemendagri code (``"74.02"``) or name.
    path : str or path-like
        ``.xlsx`` (data validation and a note sheet) or ``.csv``.
    registry : pandas.DataFrame, optional
        A regency registry whose desa / kelurahan counts the note compares with the list.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    UnknownOfficialRegionError
        If ``region`` names no regency or city of the official list.
    """
    from ucj_analysis.official_regions import resolve_region

    r = region if hasattr(region, "code") else resolve_region(region)
    notes = note_lines(r, extra=count_notes(r, registry))
    return write_rows(blank_rows(r), path, notes)
