"""Read the project's data files: the only module that opens input files.

Every ``read_*`` function returns a :class:`Dataset` ``(frame, meta, path)`` with typed columns
(dates ``datetime64[ns]``, counts and rupiah ``Int64``, percentages ``float64`` in 0-100,
``quality`` categorical of observed/derived/assumed, ``use_in_model`` bool).

Where the data comes from
-------------------------
* The **embedded** data: ``data/`` of the repository (:data:`DEFAULT_DATA_DIR`), or the directory
  named by the environment variable ``UCJ_DATA_DIR`` (for installs where the package is not next
  to ``data/``). Embedded files are machine-written: a dot is always a decimal point there.
* A **user** ``data_dir`` holding any of the files as ``<name>.csv`` or ``<name>.xlsx`` (sheet
  ``<name>`` or its Indonesian alias, e.g. ``cakupan`` for ``coverage``). User files may use
  Indonesian number and date formats (see :mod:`ucj_analysis.parsing`) and Indonesian column
  names (``kabupaten, tanggal, angkatan_kerja, peserta_aktif, cakupan_persen ...``).

Merging a user directory with the embedded data:

* ``regencies``: user rows extend the embedded registry and override rows for the same regency
  (matched tolerantly: ``Kab. Konawe`` overrides ``Konawe``). A regency that only the user lists
  is simply a new regency.
* ``coverage``: user rows replace the embedded rows **for the same areas** (level + name); the
  embedded rows for every other area stay (so province and national series remain available for
  pooling).
* ``programmes``: user rows replace the embedded rows for the same regencies; the embedded rows
  of the other regencies stay.
* every other dataset: the user's file replaces the embedded file.

Every other file in a user directory is a problem (reported with the dataset name it probably
means: ``coverage_planner.csv`` -> "did you mean coverage.csv?"), so that no file is silently
ignored; README files, ``*.meta.yaml`` and other YAML files, hidden files, Excel lock files and
sub-folders (``templates/``) are left alone. CSV files may be UTF-8, Windows-1252 or UTF-16
(Excel "Unicode text", with or without byte-order mark); binary data, zip archives or old Excel
files named ``.csv``, and ``.xlsx`` files that are not workbooks give one problem naming the file.

Excel cells that hold numbers or dates are used as they are; a number in a cell formatted as a
percentage (Excel stores ``34,81 %`` as 0.3481) is multiplied by 100. Completely empty rows are
skipped. A column the loader does not know is an error when its name is close to a column the
file lacks (``peserta_aktf`` -> "did you mean 'peserta_aktif'?"); other unknown columns are
ignored with a ``UserWarning`` naming them (and listed in the meta as ``ignored_columns``).

A user file without ``<name>.meta.yaml`` gets a generated meta (title ``user-supplied``, its path,
and the per-row ``source``/``quality`` columns as provenance).

Validation
----------
Problems are collected for the whole file and raised together as one
:class:`~ucj_analysis.errors.DataValidationError`; each names the file, the spreadsheet row
(header = row 1), the column as the user wrote it, the value and what was expected. Nothing is
silently dropped, clipped or coerced: the only filled-in values are documented defaults
(``level`` = regency, ``segment`` = total, ``use_in_model`` = true, empty ``note``,
``workforce_basis`` and ``in_start_figure`` = unknown, ``include_kelurahan`` = false), the
province of a known regency, and ``coverage_pct`` derived as ``active / workforce * 100``
(rounded to 2 decimals) when it is empty and both counts are given; such rows get the formula
appended to ``note`` and keep the ``quality`` the user gave.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import yaml

from ucj_analysis import config
from ucj_analysis.errors import DataValidationError, Problem, UnknownRegencyError
from ucj_analysis.parsing import (
    QUALITY_VALUES,
    ParseError,
    display_name,
    match_name,
    name_index,
    name_key,
    normalise_header,
    normalise_regency_name,
    parse_bool,
    parse_id_date,
    parse_id_month,
    parse_id_number,
    parse_quality,
)

__all__ = [
    "DEFAULT_DATA_DIR",
    "DATASETS",
    "PROVINCES",
    "DataBundle",
    "Dataset",
    "embedded_data_dir",
    "load_bundle",
    "read_assumptions",
    "read_contribution_rates",
    "read_coverage",
    "read_dana_desa_national",
    "read_national_participants",
    "read_programmes",
    "read_regencies",
    "read_scenarios",
    "read_table",
    "read_targets",
    "read_village_funds",
    "read_yaml",
]

_PRESETS_FILE = config.PRESETS_FILE


def embedded_data_dir() -> Path:
    """Directory of the embedded data: ``$UCJ_DATA_DIR`` if set, else ``<repo>/data``.

    In an installed wheel the shipped copy ``ucj_analysis/_embedded/data`` takes the place of
    ``<repo>/data`` (see :func:`ucj_analysis.config.embedded_data_dir`).

    Returns
    -------
    pathlib.Path
        The directory (not checked for existence).
    """
    return config.embedded_data_dir()


#: The embedded data directory (``<repo>/data`` or ``$UCJ_DATA_DIR`` at import time).
DEFAULT_DATA_DIR: Path = embedded_data_dir()

NATION = "Indonesia"

#: The 38 Indonesian provinces (names as BPS writes them); coverage/target rows with
#: ``level = province`` must name one of these.
PROVINCES: tuple[str, ...] = (
    "Aceh",
    "Sumatera Utara",
    "Sumatera Barat",
    "Riau",
    "Kepulauan Riau",
    "Jambi",
    "Sumatera Selatan",
    "Kepulauan Bangka Belitung",
    "Bengkulu",
    "Lampung",
    "DKI Jakarta",
    "Jawa Barat",
    "Banten",
    "Jawa Tengah",
    "DI Yogyakarta",
    "Jawa Timur",
    "Bali",
    "Nusa Tenggara Barat",
    "Nusa Tenggara Timur",
    "Kalimantan Barat",
    "Kalimantan Tengah",
    "Kalimantan Selatan",
    "Kalimantan Timur",
    "Kalimantan Utara",
    "Sulawesi Utara",
    "Gorontalo",
    "Sulawesi Tengah",
    "Sulawesi Barat",
    "Sulawesi Selatan",
    "Sulawesi Tenggara",
    "Maluku",
    "Maluku Utara",
    "Papua",
    "Papua Barat",
    "Papua Barat Daya",
    "Papua Selatan",
    "Papua Tengah",
    "Papua Pegunungan",
)


class Dataset(NamedTuple):
    """A loaded dataset.

    Attributes
    ----------
    frame : pandas.DataFrame
        Typed rows, columns in the documented order.
    meta : dict
        Parsed ``.meta.yaml`` (or a generated one for user files without meta). For a merged
        dataset (regencies, coverage) the user's meta with ``merged_with`` describing the
        embedded file and ``sources`` of both.
    path : pathlib.Path
        The file actually read (the user's file when it was merged with the embedded one).
    """

    frame: pd.DataFrame
    meta: dict
    path: Path


# ============================================================================================
# dataset specifications
# ============================================================================================

#: Accepted header names per canonical column (compared after :func:`normalise_header`:
#: case, spaces, ``-`` and bracketed units are ignored, so ``Peserta Aktif (orang)`` works).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "regency": ("kabupaten", "kab", "nama_kabupaten", "kabupaten_kota", "wilayah", "daerah"),
    "province": ("provinsi", "prov"),
    "level": ("tingkat", "tingkat_wilayah"),
    "date": ("tanggal", "tgl", "periode", "bulan", "waktu"),
    "segment": ("segmen",),
    "workforce": ("angkatan_kerja", "tenaga_kerja", "jumlah_angkatan_kerja"),
    "active": ("peserta_aktif", "aktif", "jumlah_peserta_aktif"),
    "coverage_pct": ("cakupan_persen", "cakupan", "persen_cakupan", "coverage", "capaian_ucj"),
    "use_in_model": ("dipakai_model", "dipakai", "gunakan"),
    "registered": ("peserta_terdaftar", "terdaftar"),
    "n_kecamatan": ("kecamatan", "jumlah_kecamatan"),
    "n_desa": ("desa", "jumlah_desa"),
    "n_kelurahan": ("kelurahan", "jumlah_kelurahan"),
    "population": ("penduduk", "jumlah_penduduk"),
    "population_year": ("tahun_penduduk",),
    "workforce_growth_pct": ("pertumbuhan_angkatan_kerja", "pertumbuhan_angkatan_kerja_persen"),
    "workforce_basis": ("basis_angkatan_kerja", "dasar_angkatan_kerja", "basis"),
    "year": ("tahun",),
    "amount_rp": ("jumlah_rp", "nilai_rp", "anggaran_rp", "jumlah", "nilai", "anggaran"),
    "fund": ("dana", "jenis_dana"),
    "scheme": ("skema", "program"),
    "payer": ("pembayar", "dibayar_oleh"),
    "component": ("komponen",),
    "valid_from": ("berlaku_mulai", "mulai_berlaku", "mulai"),
    "valid_to": ("berlaku_sampai", "sampai", "hingga"),
    "rate_rp_per_month": ("iuran_rp_per_bulan", "iuran_per_bulan", "iuran", "tarif"),
    "legal_basis": ("dasar_hukum", "regulasi"),
    "area": ("wilayah", "kabupaten", "daerah"),
    "target_pct": ("target_persen", "target", "sasaran_persen", "sasaran"),
    "deadline": ("tenggat", "batas_waktu", "tahun_target"),
    "plan": ("rencana", "dokumen_rencana", "dokumen"),
    "parameter": ("nama_parameter",),
    "value": ("nilai",),
    "low": ("rendah", "nilai_rendah", "batas_bawah", "min"),
    "high": ("tinggi", "nilai_tinggi", "batas_atas", "max"),
    "unit": ("satuan",),
    "programme": ("program", "nama_program", "kegiatan", "program_berjalan"),
    "lever": ("tuas", "jenis_tuas", "mekanisme", "cara_pendanaan"),
    "persons_per_desa": ("orang_per_desa", "pekerja_per_desa", "kuota_per_desa"),
    "persons": ("jumlah_orang", "jumlah_pekerja", "orang", "pekerja"),
    "amount_rp_per_year": (
        "anggaran_rp_per_tahun",
        "anggaran_per_tahun",
        "jumlah_rp_per_tahun",
        "anggaran_rp",
        "anggaran",
    ),
    "include_kelurahan": ("termasuk_kelurahan", "dengan_kelurahan"),
    "start": ("mulai", "bulan_mulai", "tanggal_mulai"),
    "end": ("selesai", "berakhir", "bulan_selesai", "sampai"),
    "in_start_figure": (
        "termasuk_angka_awal",
        "sudah_dalam_angka_awal",
        "sudah_termasuk_angka_awal",
        "dalam_angka_awal",
    ),
    "source": ("sumber", "sumber_data"),
    "quality": ("kualitas", "mutu"),
    "note": ("catatan", "keterangan", "ket"),
    "note_id": ("catatan_id", "catatan_indonesia"),
}

#: Indonesian names of the columns, used at the start of messages.
_PHRASES: dict[str, str] = {
    "regency": "kabupaten",
    "province": "provinsi",
    "level": "tingkat wilayah",
    "date": "tanggal",
    "segment": "segmen",
    "workforce": "angkatan kerja",
    "active": "peserta aktif",
    "coverage_pct": "cakupan",
    "use_in_model": "dipakai model",
    "registered": "peserta terdaftar",
    "n_kecamatan": "jumlah kecamatan",
    "n_desa": "jumlah desa",
    "n_kelurahan": "jumlah kelurahan",
    "population": "jumlah penduduk",
    "population_year": "tahun penduduk",
    "workforce_growth_pct": "pertumbuhan angkatan kerja",
    "workforce_basis": "basis angkatan kerja",
    "year": "tahun",
    "amount_rp": "jumlah rupiah",
    "fund": "jenis dana",
    "scheme": "skema",
    "payer": "pembayar",
    "component": "komponen",
    "valid_from": "berlaku mulai",
    "valid_to": "berlaku sampai",
    "rate_rp_per_month": "iuran per bulan",
    "legal_basis": "dasar hukum",
    "area": "wilayah",
    "target_pct": "target",
    "deadline": "tenggat",
    "plan": "dokumen rencana",
    "parameter": "parameter",
    "value": "nilai",
    "low": "nilai rendah",
    "high": "nilai tinggi",
    "unit": "satuan",
    "programme": "program",
    "lever": "tuas",
    "persons_per_desa": "orang per desa",
    "persons": "jumlah orang",
    "amount_rp_per_year": "anggaran per tahun",
    "include_kelurahan": "termasuk kelurahan",
    "start": "bulan mulai",
    "end": "bulan selesai",
    "in_start_figure": "termasuk angka awal",
    "source": "sumber",
    "quality": "kualitas",
    "note": "catatan",
    "note_id": "catatan (bahasa Indonesia)",
}

_LEVELS = {
    **{k: "regency" for k in ("regency", "kabupaten", "kab", "kota", "kabupaten_kota")},
    **{k: "province" for k in ("province", "provinsi", "prov")},
    **{k: "nation" for k in ("nation", "nasional", "national", "negara")},
}
#: Segment names and their aliases: the contract's total / pekerja_rentan / bpu / funded, plus
#: the other BPJS participant groups a branch report may list.
_SEGMENTS = {
    **{k: "total" for k in ("total", "semua", "jumlah", "seluruh")},
    **{k: "pekerja_rentan" for k in ("pekerja_rentan", "rentan", "vulnerable")},
    **{k: "bpu" for k in ("bpu", "bukan_penerima_upah", "informal")},
    **{k: "funded" for k in ("funded", "dibiayai", "didanai", "dibayar_pemerintah")},
    **{k: "pu" for k in ("pu", "penerima_upah", "formal")},
    **{k: "jakon" for k in ("jakon", "jasa_konstruksi", "konstruksi")},
    **{k: "pmi" for k in ("pmi", "pekerja_migran")},
    **{k: "non_asn" for k in ("non_asn", "nonasn", "honorer")},
    **{k: "perangkat_desa" for k in ("perangkat_desa", "aparatur_desa")},
}
_FUNDS = {"dd": "DD", "dana_desa": "DD", "add": "ADD", "alokasi_dana_desa": "ADD"}
_PAYERS = {
    **{k: "funded" for k in ("funded", "dibiayai", "didanai", "pemerintah", "apbn", "apbd")},
    **{k: "self" for k in ("self", "mandiri", "sendiri", "pekerja")},
}

#: Basis of a regency's workforce (the coverage denominator).
_BASES = {
    **{
        k: "bpjs_non_asn"
        for k in (
            "bpjs_non_asn", "non_asn", "nonasn", "bpjs", "non_asn_bpjs", "angkatan_kerja_non_asn",
            "pekerja_non_asn", "bukan_asn",
        )
    },
    **{
        k: "bps_labour_force"
        for k in (
            "bps_labour_force", "bps_labor_force", "bps", "labour_force", "labor_force",
            "bps_angkatan_kerja", "angkatan_kerja_bps", "angkatan_kerja",
        )
    },
    **{
        k: "unknown"
        for k in ("unknown", "tidak_diketahui", "tidak_tahu", "belum_diketahui", "tidak_jelas")
    },
}  # fmt: skip
#: Who pays a running programme's contributions.
_PROGRAMME_PAYERS = {
    **{k: "village" for k in ("village", "desa", "apbdes", "pemdes", "pemerintah_desa")},
    **{
        k: "regency"
        for k in ("regency", "kabupaten", "pemkab", "apbd_kabupaten", "pemerintah_kabupaten")
    },
    **{
        k: "province"
        for k in ("province", "provinsi", "pemprov", "apbd_provinsi", "pemerintah_provinsi")
    },
    **{k: "central" for k in ("central", "pusat", "apbn", "nasional", "pemerintah_pusat")},
}  # fmt: skip
#: How a running programme is sized (the scenario lever types of the same name).
_LEVERS = {
    **{k: "quota_per_village" for k in ("quota_per_village", "kuota_per_desa", "kuota_desa")},
    **{k: "fixed_cohort" for k in ("fixed_cohort", "kohort_tetap", "jumlah_tetap")},
    **{k: "apbd_amount" for k in ("apbd_amount", "jumlah_apbd", "anggaran_apbd")},
    **{k: "share_of_fund" for k in ("share_of_fund", "porsi_dana", "persen_dana", "bagian_dana")},
}
#: Whether a regency's starting coverage already contains a programme's workers.
_IN_START = {
    **{k: "true" for k in ("true", "ya", "y", "yes", "1", "benar", "sudah", "termasuk")},
    **{k: "false" for k in ("false", "tidak", "tdk", "n", "no", "0", "belum", "bukan")},
    **{k: "unknown" for k in ("unknown", "tidak_diketahui", "tidak_tahu", "belum_diketahui")},
}

REQ = "req"  # column and a value in every row are required
COL = "col"  # column required, cells may be empty
OPT = "opt"  # column optional (default used when absent or empty)


@dataclass(frozen=True)
class _Col:
    """One column of a dataset: canonical name, kind and whether it is required."""

    name: str
    # text | count | money | percent | number | year | date | month | quality | bool | choice
    kind: str
    need: str = COL  # REQ | COL | OPT
    default: Any = None
    choices: dict[str, str] | None = None  # normalised alias -> canonical value

    @property
    def column_required(self) -> bool:
        return self.need in (REQ, COL)

    @property
    def value_required(self) -> bool:
        return self.need == REQ

    @property
    def aliases(self) -> tuple[str, ...]:
        return COLUMN_ALIASES.get(self.name, ())

    @property
    def phrase(self) -> str:
        return _PHRASES.get(self.name, self.name)


_TAIL = (
    _Col("source", "text", REQ),
    _Col("quality", "quality", REQ),
    _Col("note", "text", OPT, ""),
    # the note in Indonesian (the embedded data's notes are English); a file without it loads
    _Col("note_id", "text", OPT, ""),
)


@dataclass(frozen=True)
class _Spec:
    """How to read one dataset."""

    name: str
    columns: tuple[_Col, ...]
    sheet_aliases: tuple[str, ...]  # Indonesian sheet / file names accepted
    key: tuple[str, ...]  # duplicate check (rows with use_in_model false are exempt)
    key_phrase: str  # the key in Indonesian, for messages


_SPECS: dict[str, _Spec] = {
    s.name: s
    for s in (
        _Spec(
            "regencies",
            (
                _Col("regency", "text", REQ),
                _Col("province", "text", REQ),
                _Col("n_kecamatan", "count", OPT),
                _Col("n_desa", "count", REQ),
                _Col("n_kelurahan", "count", REQ),
                _Col("population", "count", OPT),
                _Col("population_year", "year", OPT),
                _Col("workforce_growth_pct", "number", OPT),
                _Col("workforce_basis", "choice", OPT, "unknown", _BASES),
                *_TAIL,
            ),
            ("kabupaten", "daftar_kabupaten"),
            ("regency",),
            "kabupaten",
        ),
        _Spec(
            "coverage",
            (
                _Col("regency", "text", REQ),
                _Col("province", "text", OPT),
                _Col("level", "choice", OPT, "regency", _LEVELS),
                _Col("date", "date", REQ),
                _Col("segment", "choice", OPT, "total", _SEGMENTS),
                _Col("workforce", "count", OPT),
                _Col("active", "count", OPT),
                _Col("coverage_pct", "percent", OPT),
                _Col("use_in_model", "bool", OPT, True),
                *_TAIL,
            ),
            ("cakupan", "kepesertaan"),
            ("level", "regency", "date", "segment"),
            "kabupaten × tanggal × segmen",
        ),
        _Spec(
            "national_participants",
            (
                _Col("date", "date", REQ),
                _Col("active", "count", REQ),
                _Col("registered", "count", OPT),
                *_TAIL,
            ),
            ("peserta_nasional",),
            ("date",),
            "tanggal",
        ),
        _Spec(
            "dana_desa_national",
            (
                _Col("year", "year", REQ),
                _Col("amount_rp", "money", REQ),
                _Col("n_desa", "count"),
                *_TAIL,
            ),
            ("dana_desa_nasional",),
            ("year",),
            "tahun",
        ),
        _Spec(
            "village_funds",
            (
                _Col("regency", "text", REQ),
                _Col("year", "year", REQ),
                _Col("fund", "choice", REQ, None, _FUNDS),
                _Col("amount_rp", "money", REQ),
                _Col("n_desa", "count", OPT),
                *_TAIL,
            ),
            ("dana_desa", "dana_desa_kabupaten"),
            ("regency", "year", "fund"),
            "kabupaten × tahun × jenis dana",
        ),
        _Spec(
            "contribution_rates",
            (
                _Col("scheme", "text", REQ),
                _Col("payer", "choice", REQ, None, _PAYERS),
                _Col("component", "text", REQ),
                _Col("valid_from", "date", REQ),
                _Col("valid_to", "date", COL),
                _Col("rate_rp_per_month", "money", REQ),
                _Col("legal_basis", "text", OPT, ""),
                *_TAIL,
            ),
            ("iuran", "tarif_iuran"),
            ("scheme", "payer", "component", "valid_from"),
            "skema × pembayar × komponen × berlaku mulai",
        ),
        _Spec(
            "targets",
            (
                _Col("area", "text", REQ),
                _Col("level", "choice", OPT, "regency", _LEVELS),
                _Col("segment", "choice", OPT, "total", _SEGMENTS),
                _Col("target_pct", "percent", REQ),
                _Col("deadline", "date", REQ),
                _Col("plan", "text", OPT, ""),
                *_TAIL,
            ),
            ("target", "sasaran"),
            ("level", "area", "segment", "deadline", "plan"),
            "wilayah × segmen × tenggat × rencana",
        ),
        _Spec(
            "assumptions",
            (
                _Col("parameter", "text", REQ),
                _Col("regency", "text", OPT, "*"),
                _Col("value", "number", REQ),
                _Col("low", "number", OPT),
                _Col("high", "number", OPT),
                _Col("unit", "text", OPT, ""),
                *_TAIL,
            ),
            ("asumsi",),
            ("parameter", "regency"),
            "parameter × kabupaten",
        ),
        _Spec(
            "programmes",
            (
                _Col("regency", "text", REQ),
                _Col("programme", "text", REQ),
                _Col("payer", "choice", REQ, None, _PROGRAMME_PAYERS),
                _Col("lever", "choice", REQ, None, _LEVERS),
                _Col("persons_per_desa", "count", OPT),
                _Col("persons", "count", OPT),
                _Col("amount_rp_per_year", "money", OPT),
                _Col("include_kelurahan", "bool", OPT, False),
                _Col("start", "month", REQ),
                _Col("end", "month", OPT),
                _Col("in_start_figure", "choice", OPT, "unknown", _IN_START),
                *_TAIL,
            ),
            ("program", "program_berjalan", "programs"),
            ("regency", "programme", "start"),
            "kabupaten × program × bulan mulai",
        ),
    )
}

#: Names of the datasets a data directory may hold (``<name>.csv`` / ``<name>.xlsx``).
DATASETS: tuple[str, ...] = tuple(_SPECS)


# ============================================================================================
# reading raw tables (CSV / Excel)
# ============================================================================================


@dataclass
class _Raw:
    """A sheet or CSV as read: header cells and data rows with spreadsheet row numbers."""

    path: Path
    sheet: str | None
    header: list[Any]
    rows: list[tuple[int, list[Any]]]
    problems: list[Problem] = field(default_factory=list)
    encoding: str | None = None  # text encoding of a CSV file

    @property
    def file(self) -> str:
        return self.path.name


def _empty_cell(v: Any) -> bool:
    return (
        v is None
        or (isinstance(v, str) and not v.strip())
        or (isinstance(v, float) and math.isnan(v))
    )


_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls, encrypted workbooks


def _file_problem(path: Path, phrase: str, expected: str) -> DataValidationError:
    """One file-level problem as an error (the file cannot be read at all)."""
    return DataValidationError([Problem(path.name, None, None, None, expected, phrase)])


def _not_a_table(path: Path, data: bytes, what: str) -> DataValidationError:
    """Explain what a file that is not ``what`` (CSV text / Excel workbook) seems to be."""
    if data.startswith(_ZIP_MAGIC):
        hint = (
            "a CSV text file; this file is a zip archive (an Excel .xlsx workbook?) with a .csv "
            "name: rename it to .xlsx, or save it from Excel as 'CSV UTF-8'"
            if what == "csv"
            else "a valid .xlsx workbook; this zip archive is not one (damaged, or another "
            "format renamed to .xlsx): open it in Excel and save it again as .xlsx"
        )
    elif data.startswith(_OLE_MAGIC):
        hint = (
            "a .csv or .xlsx file; this is an Excel 97-2003 (.xls) workbook or a password-"
            "protected file: remove the password and save it as .xlsx or 'CSV UTF-8'"
        )
    elif what == "xlsx":
        hint = (
            "an Excel .xlsx workbook (a zip archive); this file is not one: if it is a CSV text "
            "file rename it to .csv, otherwise save it from Excel as .xlsx"
        )
    else:
        hint = (
            "a CSV text file (UTF-8, UTF-16 or Windows-1252, values separated by ',', ';' or "
            "tabs); this file holds binary data: save it from Excel as 'CSV UTF-8' or .xlsx"
        )
    phrase = "berkas bukan CSV" if what == "csv" else "berkas bukan Excel .xlsx"
    return _file_problem(path, f"{phrase} (tidak dapat dibaca)", hint)


def _sniff_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for UTF-16 text without a byte-order mark, else ``None``."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decode_csv(path: Path, data: bytes) -> tuple[str, str]:
    """Decode a CSV file: ``(text, encoding)``; a problem naming the file if it is not text.

    UTF-8 (with or without BOM), UTF-16 (Excel "Unicode text"; with a BOM ``FF FE`` / ``FE FF``
    or recognised by its zero bytes), Windows-1252 and Latin-1 are read. Binary data (zero
    bytes or control characters after decoding), zip archives and old Excel files are refused.
    """
    if data.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        raise _not_a_table(path, data, "csv")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates: tuple[str, ...] = ("utf-16",)
    elif (sniffed := _sniff_utf16(data)) is not None:
        candidates = (sniffed,)
    else:
        candidates = ("utf-8-sig", "cp1252", "latin-1")
    text, encoding = None, candidates[0]
    for enc in candidates:
        try:
            text, encoding = data.decode(enc), enc
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise _file_problem(
            path, "berkas teks rusak (tidak dapat dibaca)",
            f"a CSV text file; it starts like {encoding.upper()} text but cannot be decoded as "
            "such: save it from Excel as 'CSV UTF-8'",
        )  # fmt: skip
    text = text.lstrip("\ufeff")
    sample = text[:8192]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    if "\x00" in sample or control > max(2, len(sample) // 100):
        raise _not_a_table(path, data, "csv")
    return text, encoding


def _read_csv(path: Path) -> _Raw:
    data = path.read_bytes()
    text, encoding = _decode_csv(path, data)
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    delim = max(counts, key=lambda d: (counts[d], d == ","))
    reader = csv.reader(io.StringIO(text), delimiter=delim)
    try:
        records = list(reader)
    except csv.Error as e:
        raise _file_problem(
            path, "berkas CSV rusak (tidak dapat dibaca)",
            f"a CSV text file ({e}): save it from Excel as 'CSV UTF-8'",
        ) from None  # fmt: skip
    raw = _Raw(path, None, [], [], encoding=encoding)
    if not records:
        return raw
    raw.header = [h.strip() for h in records[0]]
    n = len(raw.header)
    for i, rec in enumerate(records[1:], start=2):
        if all(_empty_cell(v) for v in rec):
            continue
        if len(rec) > n and any(not _empty_cell(v) for v in rec[n:]):
            raw.problems.append(
                Problem(
                    raw.file, i, None, delim.join(rec),
                    f"{n} values as in the header row, found {len(rec)} (a decimal comma in a "
                    "comma-separated file must be quoted: \"34,81\"; or save the file with ';')",
                    "jumlah kolom tidak sesuai dengan judul kolom",
                )
            )  # fmt: skip
            continue
        raw.rows.append((i, list(rec[:n]) + [None] * (n - len(rec))))
    return raw


def _read_xlsx(path: Path, spec: _Spec) -> _Raw:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # not a zip, not a workbook inside, broken XML (openpyxl varies)
        raise _not_a_table(path, path.read_bytes()[:8], "xlsx") from e
    try:
        return _read_sheet(path, spec, wb)
    except DataValidationError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, SyntaxError) as e:
        # a damaged archive may open but fail while its rows are read
        raise _not_a_table(path, path.read_bytes()[:8], "xlsx") from e
    finally:
        wb.close()


def _read_sheet(path: Path, spec: _Spec, wb: Any) -> _Raw:
    """Rows of the dataset's sheet of an open workbook."""
    wanted = {normalise_header(spec.name), *(normalise_header(a) for a in spec.sheet_aliases)}
    sheet = next((s for s in wb.sheetnames if normalise_header(s) in wanted), None)
    if sheet is None:
        found = ", ".join(f"'{s}'" for s in wb.sheetnames)
        raise DataValidationError(
            [
                Problem(
                    path.name, None, None, None,
                    f"a sheet named '{spec.name}' (or "
                    f"{' / '.join(repr(a) for a in spec.sheet_aliases)}); "
                    f"sheets found: {found}",
                    "sheet tidak ditemukan",
                )
            ]
        )  # fmt: skip
    ws = wb[sheet]
    raw = _Raw(path, sheet, [], [])
    for r, cells in enumerate(ws.iter_rows(), start=1):
        values = []
        for c in cells:
            v = getattr(c, "value", None)
            fmt = getattr(c, "number_format", "") or ""
            if isinstance(v, int | float) and not isinstance(v, bool) and "%" in fmt:
                v = round(float(v) * 100, 10)  # a cell formatted as 34,81 % holds 0.3481
            values.append(v)
        if r == 1:
            raw.header = [("" if v is None else str(v).strip()) for v in values]
            continue
        if all(_empty_cell(v) for v in values):
            continue
        n = len(raw.header)
        extra = [v for v in values[n:] if not _empty_cell(v)]
        if extra:
            raw.problems.append(
                Problem(
                    path.name, r, None, extra[0],
                    f"values only under the {n} headed columns",
                    "nilai di kolom tanpa judul", sheet=sheet,
                )
            )  # fmt: skip
        raw.rows.append((r, values[:n] + [None] * (n - len(values))))
    return raw


def _read_raw(path: Path, spec: _Spec) -> _Raw:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, spec)
    if suffix in (".csv", ".txt"):
        return _read_csv(path)
    raise DataValidationError(
        [
            Problem(
                path.name, None, None, None, "a .csv or .xlsx file", "jenis berkas tidak didukung"
            )
        ]
    )


# ============================================================================================
# parsing cells into typed values
# ============================================================================================


class _Table:
    """Parsed rows of one file plus the problems found so far."""

    def __init__(self, raw: _Raw, spec: _Spec, plain_numbers: bool):
        self.raw = raw
        self.spec = spec
        self.plain = plain_numbers
        self.problems: list[Problem] = list(raw.problems)
        self.written: dict[str, str] = {}
        self.rows: list[int] = []
        self.cells: list[dict[str, Any]] = []  # canonical -> raw cell
        self.values: list[dict[str, Any]] = []  # canonical -> parsed value
        self.bad: list[set[str]] = []  # columns that failed per row
        self.notes: list[list[str]] = []  # notes the loader appends (derived values)
        self.ignored: list[str] = []  # header cells that match no column

    # -- messages ---------------------------------------------------------------------------
    def add(
        self,
        i: int | None,
        col: str | None,
        phrase: str,
        expected: str,
        value: Any = ...,
    ) -> None:
        """Record a problem at data row index ``i`` (``None`` = file level) and column."""
        row = self.rows[i] if i is not None else None
        if value is ... and i is not None and col is not None:
            value = self.cells[i].get(col)
        elif value is ...:
            value = None
        written = self.written.get(col, col) if col else None
        self.problems.append(
            Problem(self.raw.file, row, written, value, expected, phrase, col, self.raw.sheet)
        )

    def ok(self, i: int, *cols: str) -> bool:
        """True when every column is present, parsed and non-empty in row ``i``."""
        return all(c not in self.bad[i] and self.values[i].get(c) is not None for c in cols)

    # -- steps ------------------------------------------------------------------------------
    def map_headers(self) -> None:
        lookup: dict[str, _Col] = {}
        for c in self.spec.columns:
            for alias in (c.name, *c.aliases):
                lookup.setdefault(normalise_header(alias), c)
        self.index: dict[str, int] = {}
        ignored = []
        for j, h in enumerate(self.raw.header):
            col = lookup.get(normalise_header(h))
            if col is None:
                if normalise_header(h):
                    ignored.append(h)
                continue
            if col.name in self.index:
                self.add(
                    None, None, "dua kolom untuk data yang sama",
                    f"one column for '{col.name}', found '{self.written[col.name]}' and '{h}'",
                    value=h,
                )  # fmt: skip
                continue
            self.index[col.name] = j
            self.written[col.name] = h
        typos = self._typos(ignored, lookup)
        ignored = [h for h in ignored if h not in typos]
        for h, (alias, col) in typos.items():
            self.problems.append(
                Problem(
                    self.raw.file, None, h, None,
                    f"a known column name: did you mean '{alias}' ({col.name})? Correct the "
                    f"header; accepted names (any case, spaces or '_'): "
                    f"{', '.join(dict.fromkeys([col.name, *col.aliases]))}",
                    "nama kolom tidak dikenal (salah ketik?)", None, self.raw.sheet,
                )
            )  # fmt: skip
        explained = {col.name for _, col in typos.values()}
        for c in self.spec.columns:
            if c.column_required and c.name not in self.index and c.name not in explained:
                names = ", ".join(dict.fromkeys([c.name, *c.aliases]))
                self.problems.append(
                    Problem(
                        self.raw.file, None, c.name, None,
                        f"a column '{c.name}'; accepted names (any case, spaces or '_'): {names}",
                        "kolom wajib tidak ada", None, self.raw.sheet,
                    )
                )  # fmt: skip
        self.ignored: list[str] = ignored
        if ignored:
            warnings.warn(
                f"{self.raw.file}: kolom diabaikan / columns ignored: {', '.join(ignored)}",
                UserWarning,
                stacklevel=4,
            )

    def _typos(self, ignored: list[str], lookup: dict[str, _Col]) -> dict[str, tuple[str, _Col]]:
        """Unknown headers that look like a misspelt column name: header -> (alias, column).

        A header is a typo when its normalised form is at least 85 % similar (difflib ratio) to
        a name or alias of a column the file does not have yet (``peserta_aktf`` ->
        ``peserta_aktif``). A header close to a column that is present (``catatan_2`` next to
        ``catatan``) is an extra column and stays ignored.
        """
        missing = {k: c for k, c in lookup.items() if c.name not in self.index}
        out: dict[str, tuple[str, _Col]] = {}
        for h in ignored:
            close = difflib.get_close_matches(normalise_header(h), list(missing), n=1, cutoff=0.85)
            if close:
                out[h] = (close[0], missing[close[0]])
        return out

    def parse_cells(self) -> None:
        for r, rec in self.raw.rows:
            i = len(self.rows)
            self.rows.append(r)
            self.cells.append({})
            self.values.append({})
            self.bad.append(set())
            self.notes.append([])
            for c in self.spec.columns:
                if c.name not in self.index:
                    if not c.column_required:
                        self.values[i][c.name] = c.default
                    continue
                cell = rec[self.index[c.name]]
                if isinstance(cell, str):
                    cell = cell.strip() or None
                self.cells[i][c.name] = cell
                try:
                    v = self._parse(c, cell)
                except ParseError as e:
                    self.bad[i].add(c.name)
                    self.add(i, c.name, e.phrase, e.expected)
                    continue
                if v is None:
                    if c.value_required:
                        self.bad[i].add(c.name)
                        self.add(i, c.name, f"{c.phrase} wajib diisi", f"a value for {c.name}")
                        continue
                    v = c.default
                self.values[i][c.name] = v

    def _parse(self, c: _Col, cell: Any) -> Any:
        if c.kind in ("count", "money", "percent", "number", "year"):
            if self.plain and isinstance(cell, str):
                v = _parse_plain_number(cell, c.kind)
            else:
                v = parse_id_number(cell, c.kind)  # type: ignore[arg-type]
            if v is None:
                return None
            if c.kind in ("count", "money") and v < 0:
                raise ParseError(f"{c.phrase} tidak boleh negatif", f"{c.name} >= 0")
            if c.kind == "percent" and not 0 <= v <= 100:
                raise ParseError(
                    f"{c.phrase} di luar 0–100 %", "a percentage between 0 and 100 [%]"
                )
            if c.kind == "year" and not 1900 <= v <= 2200:
                raise ParseError("tahun di luar jangkauan", "a 4-digit year such as 2025")
            return v
        if c.kind == "date":
            return parse_id_date(cell)
        if c.kind == "month":
            return parse_id_month(cell)
        if c.kind == "quality":
            return parse_quality(cell)
        if c.kind == "bool":
            return parse_bool(cell)
        if c.kind == "choice":
            if _empty_cell(cell):
                return None
            assert c.choices is not None
            key = normalise_header(cell)
            if key in c.choices:
                return c.choices[key]
            allowed = sorted(set(c.choices.values()))
            raise ParseError(
                f"{c.phrase} tidak dikenal",
                f"one of {', '.join(allowed)} (Indonesian: "
                f"{', '.join(k for k, v in c.choices.items() if k not in allowed)})",
            )
        # text
        if _empty_cell(cell):
            return None
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        return " ".join(str(cell).split())

    def check_duplicates(self) -> None:
        seen: dict[tuple, int] = {}
        key = self.spec.key
        for i in range(len(self.rows)):
            if self.values[i].get("use_in_model") is False:
                continue
            if any(k in self.bad[i] for k in key):
                continue
            k = tuple(_key_part(self.values[i].get(c)) for c in key)
            if k in seen:
                j = seen[k]
                shown = ", ".join(
                    _show(self.values[i].get(c))
                    for c in key
                    if c != "level" and self.values[i].get(c) not in (None, "")
                )
                hint = (
                    "; set use_in_model = false on the figure not to use"
                    if "use_in_model" in [c.name for c in self.spec.columns]
                    else ""
                )
                self.add(
                    i, key[1] if key[0] == "level" else key[0],
                    f"baris ganda: {self.spec.key_phrase} sama dengan baris {self.rows[j]}",
                    f"one row per {' × '.join(c for c in key if c != 'level')}; rows "
                    f"{self.rows[j]} and {self.rows[i]} are both ({shown}){hint}",
                )  # fmt: skip
            else:
                seen[k] = i

    def frame(self) -> pd.DataFrame:
        data: dict[str, Any] = {}
        for c in self.spec.columns:
            vals = [v.get(c.name) for v in self.values]
            if c.name == "note":
                vals = [
                    "; ".join(x for x in [v or "", *extra] if x)
                    for v, extra in zip(vals, self.notes, strict=True)
                ]
            data[c.name] = _typed(vals, c)
        return pd.DataFrame(data, index=pd.RangeIndex(len(self.rows)))


def _show(v: Any) -> str:
    return v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else str(v)


def _key_part(v: Any) -> Any:
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, pd.Period):
        return str(v)
    if isinstance(v, str):
        return name_key(v) or v
    return v


def _parse_plain_number(text: str, kind: str) -> int | float | None:
    """Machine format (embedded files): ``.`` is the decimal point, no thousands separators."""
    s = text.strip()
    if not s:
        return None
    try:
        v = float(s)
    except ValueError:
        raise ParseError("bukan angka", f"a plain number such as 79388 or 34.81 ({kind})") from None
    if not math.isfinite(v):
        raise ParseError("bukan angka", f"a finite number ({kind})")
    if kind in ("count", "money", "year"):
        if not v.is_integer():
            raise ParseError("harus bilangan bulat", f"a whole number ({kind})")
        return int(s) if s.lstrip("-").isdigit() else int(v)
    return v


def _typed(vals: list[Any], c: _Col) -> pd.Series | pd.Categorical | Any:
    if c.kind in ("count", "money", "year"):
        return pd.array(vals, dtype="Int64")
    if c.kind in ("percent", "number"):
        return np.array([np.nan if v is None else float(v) for v in vals], dtype="float64")
    if c.kind == "date":
        return pd.Series(pd.to_datetime(pd.Series(vals, dtype="object")), dtype="datetime64[ns]")
    if c.kind == "month":
        return pd.array([pd.NaT if v is None else v for v in vals], dtype="period[M]")
    if c.kind == "quality":
        return pd.Categorical(vals, categories=list(QUALITY_VALUES))
    if c.kind == "bool":
        return np.array([bool(v) for v in vals], dtype=bool)
    return pd.Series(["" if v is None else v for v in vals], dtype="str")


# ============================================================================================
# registry of known areas (for tolerant name matching)
# ============================================================================================


class _Areas:
    """Known regencies (with their provinces), provinces and the nation."""

    def __init__(self, regencies: pd.DataFrame):
        self.regency_province = dict(zip(regencies["regency"], regencies["province"], strict=True))
        self._regencies = name_index(self.regency_province)
        self._provinces = name_index([*regencies["province"], *PROVINCES])
        self._nation = name_index([NATION])

    def regency(self, name: Any) -> str | None:
        return match_name(name, self._regencies)

    def province(self, name: Any) -> str | None:
        return match_name(name, self._provinces)

    def nation(self, name: Any) -> str | None:
        return match_name(name, self._nation)

    def resolve(self, level: str, name: Any) -> str | None:
        return {"regency": self.regency, "province": self.province, "nation": self.nation}[level](
            name
        )

    def known_text(self) -> str:
        return ", ".join(sorted(self.regency_province))


def _did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'X'?)`` for a close spelling, else ``""``."""
    by_key = {normalise_regency_name(c): c for c in candidates}
    close = difflib.get_close_matches(normalise_regency_name(name), list(by_key), n=1, cutoff=0.8)
    return f" (did you mean '{by_key[close[0]]}'?)" if close else ""


def _province_expected(name: str) -> str:
    return (
        f"one of the 38 Indonesian provinces as BPS writes them, e.g. Sulawesi Tenggara, "
        f"Sulawesi Tengah; abbreviations such as Sultra / Sulteng are accepted"
        f"{_did_you_mean(name, PROVINCES)}"
    )


def _check_area(
    t: _Table, i: int, col: str, level: str, areas: _Areas, *, star_ok: bool = False
) -> str | None:
    """Resolve the area named in row ``i`` column ``col``; record a problem if unknown."""
    name = t.values[i].get(col)
    if name is None or col in t.bad[i]:
        return None
    if star_ok and name.strip() == "*":
        return "*"
    found = areas.resolve(level, name)
    if found is not None:
        return found
    t.bad[i].add(col)
    if level == "regency":
        if "level" in {c.name for c in t.spec.columns}:
            if areas.province(name) or areas.nation(name):
                hint = f"; '{name}' is a province or the nation: set level = province / nation"
            else:
                hint = "; a province or Indonesia needs level = province / nation"
        else:
            hint = ""
        t.add(
            i, col, "kabupaten tidak dikenal",
            f"a known regency: {areas.known_text()}{_did_you_mean(name, areas.regency_province)} "
            f"(or add a row for it to regencies.csv){hint}",
        )  # fmt: skip
    elif level == "province":
        t.add(i, col, "provinsi tidak dikenal", _province_expected(name))
    else:
        t.add(i, col, "nama negara tidak dikenal", f"'{NATION}' for level = nation")
    return None


# ============================================================================================
# dataset-specific checks
# ============================================================================================


def _check_regencies(t: _Table, areas: _Areas | None) -> None:
    for i in range(len(t.rows)):
        v = t.values[i]
        if t.ok(i, "regency"):
            v["regency"] = display_name(v["regency"])
        if t.ok(i, "province"):
            province = match_name(v["province"], PROVINCES)
            if province is None:
                t.bad[i].add("province")
                t.add(i, "province", "provinsi tidak dikenal",
                      _province_expected(v["province"]))  # fmt: skip
            else:
                v["province"] = province
        if t.ok(i, "workforce_growth_pct") and not -100 < v["workforce_growth_pct"] < 100:
            t.bad[i].add("workforce_growth_pct")
            t.add(i, "workforce_growth_pct", "pertumbuhan di luar jangkauan",
                  "an annual growth rate between -100 and 100 [% per year]")  # fmt: skip


def _check_coverage(t: _Table, areas: _Areas) -> None:
    for i in range(len(t.rows)):
        v = t.values[i]
        level = v.get("level") or "regency"
        name = None if "level" in t.bad[i] else _check_area(t, i, "regency", level, areas)
        if name is not None:
            v["regency"] = name
            expected_prov = {
                "regency": areas.regency_province.get(name),
                "province": name,
                "nation": NATION,
            }[level]
            given = v.get("province")
            if given is None:
                v["province"] = expected_prov
            elif "province" not in t.bad[i]:
                prov = areas.province(given) or areas.nation(given)
                if prov != expected_prov:
                    t.bad[i].add("province")
                    t.add(i, "province", "provinsi tidak sesuai dengan kabupaten",
                          f"{expected_prov} (the province of {name})")  # fmt: skip
                else:
                    v["province"] = prov
        elif v.get("province") is not None and "province" not in t.bad[i]:
            v["province"] = areas.province(v["province"]) or v["province"]
        have = [c for c in ("workforce", "active", "coverage_pct") if t.ok(i, c)]
        failed = [c for c in ("workforce", "active", "coverage_pct") if c in t.bad[i]]
        if not have and not failed:
            t.add(i, None, "tidak ada angka cakupan",
                  "at least one of workforce, active, coverage_pct", value=None)  # fmt: skip
            continue
        if t.ok(i, "workforce", "active"):
            w, a = v["workforce"], v["active"]
            if a > w:
                t.bad[i].add("active")
                t.add(i, "active", "peserta aktif melebihi angkatan kerja",
                      f"active <= workforce ({w})")  # fmt: skip
                continue
            if w == 0:
                t.add(i, "workforce", "angkatan kerja nol", "workforce > 0")
                continue
            derived = round(a / w * 100, 2)
            if t.ok(i, "coverage_pct"):
                exact = a / w * 100
                if abs(v["coverage_pct"] - exact) > 0.1 + 1e-9:
                    t.add(i, "coverage_pct", "persentase cakupan tidak sesuai dengan jumlah",
                          f"coverage_pct = active / workforce × 100 = {exact:.2f} "
                          f"(± 0.1 percentage points)")  # fmt: skip
            elif "coverage_pct" not in t.bad[i]:
                v["coverage_pct"] = derived
                t.notes[i].append("coverage_pct = active / workforce × 100 (dihitung loader)")


def _check_national_participants(t: _Table, areas: _Areas | None) -> None:
    for i in range(len(t.rows)):
        v = t.values[i]
        if t.ok(i, "active", "registered") and v["active"] > v["registered"]:
            t.add(i, "active", "peserta aktif melebihi peserta terdaftar",
                  f"active <= registered ({v['registered']})")  # fmt: skip


def _check_village_funds(t: _Table, areas: _Areas) -> None:
    for i in range(len(t.rows)):
        name = _check_area(t, i, "regency", "regency", areas)
        if name is not None:
            t.values[i]["regency"] = name


def _check_contribution_rates(t: _Table, areas: _Areas | None) -> None:
    for i in range(len(t.rows)):
        v = t.values[i]
        if t.ok(i, "valid_from", "valid_to") and v["valid_to"] < v["valid_from"]:
            t.add(i, "valid_to", "berlaku sampai sebelum berlaku mulai",
                  f"valid_to >= valid_from ({v['valid_from']:%Y-%m-%d})")  # fmt: skip


def _check_targets(t: _Table, areas: _Areas) -> None:
    for i in range(len(t.rows)):
        level = t.values[i].get("level") or "regency"
        name = None if "level" in t.bad[i] else _check_area(t, i, "area", level, areas)
        if name is not None:
            t.values[i]["area"] = name


def _check_assumptions(t: _Table, areas: _Areas) -> None:
    for i in range(len(t.rows)):
        name = _check_area(t, i, "regency", "regency", areas, star_ok=True)
        if name is not None:
            t.values[i]["regency"] = name
        # optional range (low, high) around the central value: low <= value <= high
        v = t.values[i].get("value") if t.ok(i, "value") else None
        for col, sign, phrase in (
            ("low", 1.0, "nilai rendah lebih besar dari nilai tengah"),
            ("high", -1.0, "nilai tinggi lebih kecil dari nilai tengah"),
        ):
            x = t.values[i].get(col)
            if v is not None and x is not None and col not in t.bad[i]:
                if sign * (float(x) - float(v)) > 0:
                    t.add(i, col, phrase, f"low <= value ({v:g}) <= high")


#: Column a lever needs in a ``programmes`` row (any one of the tuple).
_LEVER_NEEDS: dict[str, tuple[str, ...]] = {
    "quota_per_village": ("persons_per_desa",),
    "fixed_cohort": ("persons",),
    "apbd_amount": ("amount_rp_per_year",),
    "share_of_fund": ("amount_rp_per_year", "persons"),
}


def _check_programmes(t: _Table, areas: _Areas) -> None:
    for i in range(len(t.rows)):
        v = t.values[i]
        name = _check_area(t, i, "regency", "regency", areas)
        if name is not None:
            v["regency"] = name
        lever = v.get("lever")
        if lever is not None and "lever" not in t.bad[i]:
            needs = _LEVER_NEEDS[lever]
            if not any(t.ok(i, c) for c in needs) and not any(c in t.bad[i] for c in needs):
                t.add(
                    i, "lever", f"{' atau '.join(_PHRASES[c] for c in needs)} wajib diisi",
                    f"a value in {' or '.join(needs)} for a {lever} programme",
                )  # fmt: skip
        if t.ok(i, "start", "end") and v["end"] < v["start"]:
            t.add(i, "end", "bulan selesai sebelum bulan mulai", f"end >= start ({v['start']})")


_CHECKS: dict[str, Callable[[_Table, Any], None]] = {
    "regencies": _check_regencies,
    "coverage": _check_coverage,
    "national_participants": _check_national_participants,
    "dana_desa_national": lambda t, a: None,
    "village_funds": _check_village_funds,
    "contribution_rates": _check_contribution_rates,
    "targets": _check_targets,
    "assumptions": _check_assumptions,
    "programmes": _check_programmes,
}
_NEEDS_AREAS = {"coverage", "village_funds", "targets", "assumptions", "programmes"}


# ============================================================================================
# meta files
# ============================================================================================


def read_yaml(path: str | os.PathLike) -> Any:
    """Read a YAML file (safe loader). The only YAML reader other modules may use.

    Parameters
    ----------
    path : str or path-like
        The file.

    Returns
    -------
    object
        The parsed document (``None`` for an empty file).

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    DataValidationError
        If the file is not valid YAML (the problem names the line).
    """
    p = Path(path)
    text = p.read_text(encoding="utf-8-sig")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        detail = getattr(e, "problem", None) or str(e)
        raise DataValidationError(
            [Problem(p.name, line, None, None, f"valid YAML ({detail})", "YAML tidak valid")]
        ) from e


def _meta_path(path: Path) -> Path | None:
    for suffix in (".meta.yaml", ".meta.yml"):
        candidate = path.with_name(path.stem + suffix)
        if candidate.exists():
            return candidate
    return None


def _validate_meta(meta: Any, meta_path: Path, strict: bool) -> list[Problem]:
    """Check what the loader relies on in a meta file.

    Any meta file must be a YAML mapping. An embedded one (``strict``) must also have a
    non-empty ``title`` and a ``sources`` mapping, which the rows' ``source`` keys must name
    (checked in :func:`_check_source_keys`). The full JSON Schema
    (``ucj_analysis/schemas/meta.schema.json``) is checked by the test suite, not on every load:
    importing ``jsonschema`` costs seconds per process.
    """
    if not isinstance(meta, dict):
        return [Problem(meta_path.name, None, None, None, "a YAML mapping", "meta bukan mapping")]
    problems = []
    if strict:
        if not isinstance(meta.get("title"), str) or not meta["title"].strip():
            problems.append(
                Problem(meta_path.name, None, None, None, "a non-empty 'title'", "judul tidak ada")
            )
        if not isinstance(meta.get("sources"), dict) or not meta["sources"]:
            problems.append(
                Problem(
                    meta_path.name,
                    None,
                    None,
                    None,
                    "a non-empty 'sources' mapping",
                    "daftar sumber tidak ada",
                )  # fmt: skip
            )
    return problems


def _load_meta(path: Path, frame: pd.DataFrame | None) -> tuple[dict, list[Problem]]:
    mp = _meta_path(path)
    if mp is None:
        sources = {} if frame is None else {s: s for s in dict.fromkeys(frame["source"]) if s}
        return {
            "title": "user-supplied" if not _is_embedded(path) else f"{path.stem} (no meta file)",
            "path": str(path),
            "generated": True,
            "sources": sources,
            "provenance": "per row: columns 'source' and 'quality'",
        }, []
    meta = read_yaml(mp)
    problems = _validate_meta(meta, mp, strict=_is_embedded(path))
    meta = dict(meta) if isinstance(meta, dict) else {}
    meta.setdefault("path", str(path))
    return meta, problems


# ============================================================================================
# finding and reading files
# ============================================================================================


def _find_file(directory: Path, spec: _Spec) -> Path | None:
    """The file for ``spec`` in ``directory`` (``<name>.csv``/``.xlsx`` or Indonesian alias)."""
    stems = [spec.name, *spec.sheet_aliases]
    found = [
        p
        for p in sorted(directory.iterdir())
        if p.is_file()
        and not p.name.startswith(("~$", "."))
        and p.suffix.lower() in (".csv", ".xlsx", ".xlsm")
        and normalise_header(p.stem) in {normalise_header(s) for s in stems}
    ]
    if len(found) > 1:
        raise DataValidationError(
            [
                Problem(
                    found[1].name, None, None, None,
                    f"one file for '{spec.name}', found {', '.join(p.name for p in found)}",
                    "berkas ganda",
                )
            ]
        )  # fmt: skip
    return found[0] if found else None


#: Suffixes of files the loaders read as data.
_DATA_SUFFIXES = (".csv", ".xlsx", ".xlsm")
#: Files a data folder may hold besides the datasets (compared in lower case).
_NON_DATA_NAMES = {"meta.yaml", "meta.yml", "thumbs.db", "desktop.ini"}


def _is_known_non_data(p: Path) -> bool:
    """README, meta files, scenario YAML, hidden files, Excel lock files and folders."""
    name = p.name.lower()
    return (
        p.is_dir()
        or name.startswith((".", "~$"))
        or name.startswith("readme")
        or name in _NON_DATA_NAMES
        or name.endswith((".meta.yaml", ".meta.yml", ".yaml", ".yml"))
    )


def _suggest_dataset(stem: str) -> str | None:
    """The dataset a file name most likely means (``coverage_planner`` -> ``coverage``)."""
    key = normalise_header(stem)
    names: dict[str, str] = {}
    for spec in _SPECS.values():
        for n in (spec.name, *spec.sheet_aliases):
            names.setdefault(normalise_header(n), spec.name)
    parts = key.split("_")
    # a dataset name inside the file name (longest first: dana_desa_nasional before dana_desa)
    for n in sorted(names, key=len, reverse=True):
        k = len(n.split("_"))
        if any("_".join(parts[i : i + k]) == n for i in range(len(parts) - k + 1)):
            return names[n]
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def _unknown_files(directory: Path) -> list[Problem]:
    """A problem for every file in a user data folder that no dataset reads.

    The loaders read ``<dataset>.csv``/``.xlsx`` (or an Indonesian alias such as
    ``cakupan.xlsx``) only; any other file would be silently ignored, so each is reported with
    the dataset name it most likely means. Not reported: README files, ``*.meta.yaml`` and
    other YAML files (meta, scenarios), hidden files, Excel lock files (``~$...``) and folders
    (e.g. ``templates/``).
    """
    stems = {
        normalise_header(n): spec.name
        for spec in _SPECS.values()
        for n in (spec.name, *spec.sheet_aliases)
    }
    listing = ", ".join(f"{n}.csv" for n in _SPECS)
    out = []
    for p in sorted(directory.iterdir()):
        if _is_known_non_data(p):
            continue
        suffix = p.suffix.lower()
        dataset = stems.get(normalise_header(p.stem))
        if dataset is not None and suffix in _DATA_SUFFIXES:
            continue  # read by its dataset's loader
        if dataset is not None:
            how = "save an .xls workbook as .xlsx; " if suffix == ".xls" else ""
            out.append(
                Problem(
                    p.name, None, None, None,
                    f"a .csv or .xlsx file ({how}did you mean {dataset}.csv or {dataset}.xlsx?)",
                    "jenis berkas tidak didukung (berkas tidak dibaca)",
                )
            )  # fmt: skip
            continue
        guess = _suggest_dataset(p.stem)
        ext = suffix if suffix in _DATA_SUFFIXES else ".csv"
        hint = f"did you mean {guess}{ext}? " if guess else ""
        out.append(
            Problem(
                p.name, None, None, None,
                f"a file named after its dataset ({hint}rename it, or move it out of the data "
                f"folder if it is not data); data files: {listing} (or .xlsx)",
                "berkas tidak dikenal (tidak dibaca)",
            )
        )  # fmt: skip
    return out


def _is_embedded(path: Path) -> bool:
    """True for a dataset file directly in the embedded data directory (not ``templates/``)."""
    return path.resolve().parent == embedded_data_dir().resolve()


def read_table(
    path: str | os.PathLike, name: str, *, regencies: pd.DataFrame | None = None
) -> Dataset:
    """Read and validate one file of dataset ``name`` (no merging with the embedded data).

    Parameters
    ----------
    path : str or path-like
        A ``.csv`` or ``.xlsx`` file.
    name : str
        Dataset name, one of :data:`DATASETS`.
    regencies : pandas.DataFrame, optional
        Registry used to resolve regency names (``regency``, ``province`` columns); defaults to
        the embedded registry.

    Returns
    -------
    Dataset
        Typed frame, meta (``<stem>.meta.yaml`` or generated) and ``path``.

    Raises
    ------
    DataValidationError
        Listing every problem in the file (and its meta file).
    """
    p = Path(path)
    spec = _SPECS[name]
    if not p.exists():
        raise FileNotFoundError(f"berkas tidak ditemukan / file not found: {p}")
    plain = _is_embedded(p) and p.suffix.lower() == ".csv"
    raw = _read_raw(p, spec)
    t = _Table(raw, spec, plain)
    if not raw.header or not any(normalise_header(h) for h in raw.header):
        t.add(None, None, "berkas kosong", "a header row and at least one data row")
        raise DataValidationError(t.problems)
    t.map_headers()
    if not raw.rows and not raw.problems:
        t.add(None, None, "berkas kosong", "at least one data row under the header")
    t.parse_cells()
    areas = None
    if name in _NEEDS_AREAS:
        reg = regencies if regencies is not None else read_regencies().frame
        areas = _Areas(reg)
    _CHECKS[name](t, areas)
    t.check_duplicates()
    frame = t.frame() if not t.problems else None
    meta, meta_problems = _load_meta(p, frame)
    problems = _sorted_problems(t) + meta_problems
    if frame is not None and _is_embedded(p) and not meta.get("generated"):
        problems += _check_source_keys(t, meta)
    if problems:
        raise DataValidationError(problems)
    assert frame is not None
    if t.ignored:
        meta["ignored_columns"] = list(t.ignored)
    if raw.encoding not in (None, "utf-8-sig"):
        meta["encoding"] = raw.encoding
    if name == "coverage":
        frame = _sort_coverage(frame)
    return Dataset(frame, meta, p)


def _sort_coverage(frame: pd.DataFrame) -> pd.DataFrame:
    """Regencies, then provinces, then the nation; by name, segment and date (stable)."""
    order = {"regency": 0, "province": 1, "nation": 2}
    return frame.sort_values(
        ["level", "regency", "segment", "date"],
        key=lambda s: s.map(order) if s.name == "level" else s,
        kind="stable",
    ).reset_index(drop=True)


def _sorted_problems(t: _Table) -> list[Problem]:
    """File-level problems first, then by row and by column order in the file."""
    order = {h: j for j, h in enumerate(t.raw.header)}
    return sorted(
        t.problems,
        key=lambda p: (p.row is not None, p.row or 0, order.get(p.column or "", len(order))),
    )


def _check_source_keys(t: _Table, meta: dict) -> list[Problem]:
    """Embedded rows must cite a key of the meta file's ``sources`` mapping (or a URL)."""
    sources = meta.get("sources")
    if not isinstance(sources, dict):
        return []
    out = []
    for i in range(len(t.rows)):
        s = t.values[i].get("source")
        if s is None or s in sources or str(s).startswith(("http://", "https://")):
            continue
        parts = [x.strip() for x in str(s).replace(",", ";").split(";")]
        if all(x in sources for x in parts):
            continue
        out.append(
            Problem(
                t.raw.file,
                t.rows[i],
                t.written.get("source", "source"),
                s,
                f"a key of 'sources' in the meta file: {', '.join(map(str, sources))}",
                "sumber tidak ada di meta",
                "source",
            )  # fmt: skip
        )
    return out


def _dirs(data_dir: str | os.PathLike | None) -> tuple[Path, Path | None]:
    emb = embedded_data_dir()
    if data_dir is None:
        return emb, None
    user = Path(data_dir).expanduser()
    if not user.is_dir():
        raise FileNotFoundError(f"folder data tidak ditemukan / data_dir not found: {user}")
    if user.resolve() == emb.resolve():
        return emb, None
    return emb, user


def _embedded_file(emb: Path, spec: _Spec) -> Path | None:
    return _find_file(emb, spec) if emb.is_dir() else None


def _missing(spec: _Spec, emb: Path, user: Path | None) -> FileNotFoundError:
    where = f"{emb}" + (f" or {user}" if user else "")
    return FileNotFoundError(
        f"data '{spec.name}' tidak ditemukan / not found: expected {spec.name}.csv or "
        f"{spec.name}.xlsx in {where}"
    )


def _merged_meta(user: Dataset, emb: Dataset) -> dict:
    meta = dict(user.meta)
    sources = {}
    for m in (emb.meta, user.meta):
        if isinstance(m.get("sources"), dict):
            sources.update(m["sources"])
    meta["sources"] = sources
    meta["merged_with"] = {"path": str(emb.path), "title": emb.meta.get("title", "")}
    return meta


def _read_simple(
    name: str, data_dir: str | os.PathLike | None, regencies: pd.DataFrame | None = None
) -> Dataset:
    spec = _SPECS[name]
    emb, user = _dirs(data_dir)
    if name in _NEEDS_AREAS and regencies is None:
        regencies = read_regencies(data_dir).frame
    if user is not None:
        uf = _find_file(user, spec)
        if uf is not None:
            return read_table(uf, name, regencies=regencies)
    ef = _embedded_file(emb, spec)
    if ef is None:
        raise _missing(spec, emb, user)
    return read_table(ef, name, regencies=regencies)


# ============================================================================================
# public readers
# ============================================================================================


def read_regencies(data_dir: str | os.PathLike | None = None) -> Dataset:
    """Read the regency registry; a user's rows extend/override the embedded ones.

    Parameters
    ----------
    data_dir : str or path-like, optional
        A user data directory; ``None`` reads only the embedded data.

    Returns
    -------
    Dataset
        Columns ``regency, province, n_kecamatan, n_desa, n_kelurahan, population,
        population_year, workforce_growth_pct, workforce_basis, source, quality, note`` (counts
        ``Int64``, ``workforce_growth_pct`` [% per year] float, ``workforce_basis``
        ``bpjs_non_asn``/``bps_labour_force``/``unknown``: the basis of the regency's starting
        workforce; ``unknown`` when the file has no such column or the cell is empty). A user
        row for a regency already known (matched tolerantly) replaces the embedded row; other
        user rows are new regencies.
    """
    spec = _SPECS["regencies"]
    emb, user = _dirs(data_dir)
    ef = _embedded_file(emb, spec)
    uf = _find_file(user, spec) if user is not None else None
    if ef is None and uf is None:
        raise _missing(spec, emb, user)
    embedded = read_table(ef, "regencies") if ef is not None else None
    if uf is None:
        assert embedded is not None
        return embedded
    mine = read_table(uf, "regencies")
    if embedded is None:
        return mine
    known = list(embedded.frame["regency"])
    index = name_index(known)
    canon = [match_name(n, index) or n for n in mine.frame["regency"]]
    user_frame = mine.frame.assign(regency=pd.Series(canon, dtype="str"))
    # overridden regencies keep their place in the registry; new ones are appended
    position = {name: i for i, name in enumerate(known)}
    user_pos = [position.get(name, len(known) + j) for j, name in enumerate(canon)]
    keep = embedded.frame[~embedded.frame["regency"].isin(set(canon))]
    frame = (
        pd.concat(
            [keep.assign(_pos=keep.index.to_numpy()), user_frame.assign(_pos=user_pos)],
            ignore_index=True,
        )
        .sort_values("_pos", kind="stable")
        .drop(columns="_pos")
        .reset_index(drop=True)
    )
    frame["quality"] = pd.Categorical(frame["quality"], categories=list(QUALITY_VALUES))
    return Dataset(frame, _merged_meta(mine, embedded), mine.path)


def read_coverage(
    data_dir: str | os.PathLike | None = None,
    regencies: Dataset | pd.DataFrame | None = None,
) -> Dataset:
    """Read coverage observations (regency, province and national series).

    Parameters
    ----------
    data_dir : str or path-like, optional
        A user data directory; its ``coverage`` rows replace the embedded rows for the same
        areas (level + name) and the embedded rows for all other areas are kept.
    regencies : Dataset or pandas.DataFrame, optional
        Regency registry for name matching; default ``read_regencies(data_dir)``.

    Returns
    -------
    Dataset
        Columns ``regency, province, level, date, segment, workforce, active, coverage_pct,
        use_in_model, source, quality, note``: ``date`` datetime64[ns], ``workforce``/``active``
        [persons] Int64, ``coverage_pct`` [%] float 0-100, ``use_in_model`` bool. Sorted by
        level (regency, province, nation), name, segment and date.

    Raises
    ------
    DataValidationError
        Listing every problem: active > workforce, coverage outside 0-100 %, coverage_pct
        disagreeing with active / workforce by more than 0.1 percentage points, negative or
        non-numeric counts, unknown areas, duplicate area × date × segment rows, unparseable
        dates, missing columns, empty files, missing Excel sheet.
    """
    spec = _SPECS["coverage"]
    emb, user = _dirs(data_dir)
    if isinstance(regencies, Dataset):
        regencies = regencies.frame
    if regencies is None:
        regencies = read_regencies(data_dir).frame
    ef = _embedded_file(emb, spec)
    uf = _find_file(user, spec) if user is not None else None
    if ef is None and uf is None:
        raise _missing(spec, emb, user)
    embedded = read_table(ef, "coverage", regencies=regencies) if ef is not None else None
    if uf is None:
        assert embedded is not None
        return embedded
    mine = read_table(uf, "coverage", regencies=regencies)
    if embedded is None:
        return mine
    areas = set(zip(mine.frame["level"], mine.frame["regency"], strict=True))
    ef_ = embedded.frame
    keep = ef_[[(lv, r) not in areas for lv, r in zip(ef_["level"], ef_["regency"], strict=True)]]
    frame = pd.concat([keep, mine.frame], ignore_index=True)
    frame["quality"] = pd.Categorical(frame["quality"], categories=list(QUALITY_VALUES))
    return Dataset(_sort_coverage(frame), _merged_meta(mine, embedded), mine.path)


def read_national_participants(data_dir: str | os.PathLike | None = None) -> Dataset:
    """Read BPJS Ketenagakerjaan national participants.

    Returns
    -------
    Dataset
        Columns ``date, active, registered, source, quality, note``; counts [persons] Int64.
        A user file replaces the embedded one.
    """
    return _read_simple("national_participants", data_dir)


def read_dana_desa_national(data_dir: str | os.PathLike | None = None) -> Dataset:
    """Read the national Dana Desa series.

    Returns
    -------
    Dataset
        Columns ``year, amount_rp, n_desa, source, quality, note``; ``amount_rp`` [Rp per
        year] Int64. A user file replaces the embedded one.
    """
    return _read_simple("dana_desa_national", data_dir)


def read_village_funds(
    data_dir: str | os.PathLike | None = None, *, regencies: pd.DataFrame | None = None
) -> Dataset:
    """Read Dana Desa (DD) and Alokasi Dana Desa (ADD) per regency and year.

    Returns
    -------
    Dataset
        Columns ``regency, year, fund, amount_rp, n_desa, source, quality, note``; ``fund`` in
        ``DD``/``ADD``; ``amount_rp`` [Rp per year] Int64. A user file replaces the embedded one.
    """
    return _read_simple("village_funds", data_dir, regencies)


def read_contribution_rates(data_dir: str | os.PathLike | None = None) -> Dataset:
    """Read BPJS Ketenagakerjaan contribution rates.

    Returns
    -------
    Dataset
        Columns ``scheme, payer, component, valid_from, valid_to, rate_rp_per_month,
        legal_basis, source, quality, note``; ``valid_to`` NaT = open-ended;
        ``rate_rp_per_month`` [Rp per person per month] Int64.
    """
    return _read_simple("contribution_rates", data_dir)


def read_targets(
    data_dir: str | os.PathLike | None = None, *, regencies: pd.DataFrame | None = None
) -> Dataset:
    """Read coverage targets (RPJMD, RPJMN, RKP, RPJPN ...).

    Returns
    -------
    Dataset
        Columns ``area, level, segment, target_pct, deadline, plan, source, quality, note``;
        ``target_pct`` [%] float, ``deadline`` datetime64[ns] (last day of the deadline year).
    """
    return _read_simple("targets", data_dir, regencies)


def read_assumptions(
    data_dir: str | os.PathLike | None = None, *, regencies: pd.DataFrame | None = None
) -> Dataset:
    """Read model assumptions (lapse rate, arrears, budget realisation ...).

    Returns
    -------
    Dataset
        Columns ``parameter, regency, value, low, high, unit, source, quality, note``;
        ``regency`` is a canonical regency name or ``*`` (all regencies); ``value`` float in
        ``unit``; ``low`` and ``high`` (optional, NaN when absent) the range of the Monte Carlo
        draws around the central ``value`` (``low <= value <= high``).
    """
    return _read_simple("assumptions", data_dir, regencies)


def read_programmes(
    data_dir: str | os.PathLike | None = None, *, regencies: pd.DataFrame | None = None
) -> Dataset:
    """Read the funding programmes already running in the regencies.

    Parameters
    ----------
    data_dir : str or path-like, optional
        A user data directory; its ``programmes`` rows replace the embedded rows **for the same
        regencies** and the embedded rows of every other regency are kept.
    regencies : pandas.DataFrame, optional
        Regency registry for name matching; default ``read_regencies(data_dir)``.

    Returns
    -------
    Dataset
        Columns ``regency, programme, payer, lever, persons_per_desa, persons,
        amount_rp_per_year, include_kelurahan, start, end, in_start_figure, source, quality,
        note``: ``payer`` in village/regency/province/central, ``lever`` in
        quota_per_village/fixed_cohort/apbd_amount/share_of_fund (the scenario lever types),
        ``persons_per_desa`` and ``persons`` [persons] Int64, ``amount_rp_per_year`` [Rp per
        year] Int64, ``include_kelurahan`` bool, ``start``/``end`` ``period[M]`` (``end`` NaT =
        still running), ``in_start_figure`` ``"true"``/``"false"``/``"unknown"`` (whether the
        regency's starting coverage figure already counts the programme's workers).

    Raises
    ------
    DataValidationError
        Listing every problem: unknown regency, payer or lever; a lever without its size
        (``persons_per_desa`` for quota_per_village, ``persons`` for fixed_cohort,
        ``amount_rp_per_year`` for apbd_amount); end before start; duplicate regency ×
        programme × start.
    """
    spec = _SPECS["programmes"]
    emb, user = _dirs(data_dir)
    if regencies is None:
        regencies = read_regencies(data_dir).frame
    ef = _embedded_file(emb, spec)
    uf = _find_file(user, spec) if user is not None else None
    if ef is None and uf is None:
        raise _missing(spec, emb, user)
    embedded = read_table(ef, "programmes", regencies=regencies) if ef is not None else None
    if uf is None:
        assert embedded is not None
        return embedded
    mine = read_table(uf, "programmes", regencies=regencies)
    if embedded is None:
        return mine
    ef_ = embedded.frame
    keep = ef_[~ef_["regency"].isin(set(mine.frame["regency"]))]
    frame = pd.concat([keep, mine.frame], ignore_index=True)
    frame["quality"] = pd.Categorical(frame["quality"], categories=list(QUALITY_VALUES))
    return Dataset(frame, _merged_meta(mine, embedded), mine.path)


def read_scenarios(path_or_names: str | os.PathLike | Sequence[str] | None = None) -> dict:
    """Read scenario presets and/or a user scenario YAML, validated.

    Parameters
    ----------
    path_or_names : str, path-like, sequence of str or None
        ``None``: every preset in ``ucj_analysis/presets/scenarios.yaml``. A path to a
        ``.yaml``/``.yml`` file: all presets plus the user's scenarios (a user scenario with a
        preset's name replaces it). A preset name or a list of preset names: only those.

    Returns
    -------
    dict[str, Scenario]
        Validated by :func:`ucj_analysis.scenarios.validate_scenarios`.

    Raises
    ------
    DataValidationError
        For an unknown preset name or invalid YAML.
    """
    from ucj_analysis.scenarios import validate_scenarios

    presets_raw = read_yaml(_PRESETS_FILE) or {}
    presets = validate_scenarios(presets_raw, "ucj_analysis/presets/scenarios.yaml")
    if path_or_names is None:
        return presets
    if isinstance(path_or_names, os.PathLike) or (
        isinstance(path_or_names, str) and path_or_names.lower().endswith((".yaml", ".yml"))
    ):
        p = Path(path_or_names)
        user_raw = read_yaml(p) or {}
        return {**presets, **validate_scenarios(user_raw, str(p))}
    names = [path_or_names] if isinstance(path_or_names, str) else list(path_or_names)
    unknown = [n for n in names if n not in presets]
    if unknown:
        raise DataValidationError(
            [
                Problem(_PRESETS_FILE.name, None, "name", n,
                        f"a preset name: {', '.join(presets)}", "skenario tidak dikenal")
                for n in unknown
            ]
        )  # fmt: skip
    return {n: presets[n] for n in names}


# ============================================================================================
# bundle
# ============================================================================================


@dataclass(frozen=True, eq=False)
class DataBundle:
    """Every dataset, loaded and validated together.

    Attributes
    ----------
    regencies, coverage, national_participants, dana_desa_national, village_funds,
    contribution_rates, targets, assumptions, programmes : Dataset
    data_dir : pathlib.Path or None
        The user directory merged with the embedded data (``None``: embedded only).
    """

    regencies: Dataset
    coverage: Dataset
    national_participants: Dataset
    dana_desa_national: Dataset
    village_funds: Dataset
    contribution_rates: Dataset
    targets: Dataset
    assumptions: Dataset
    programmes: Dataset
    data_dir: Path | None = None

    def provenance(self) -> pd.DataFrame:
        """One row per dataset: where it came from and how much of it is observed.

        Returns
        -------
        pandas.DataFrame
            Columns ``dataset, file, title, sources, n_rows, n_observed, n_derived,
            n_assumed``; ``file`` lists the user file and the embedded file (``" + "``) for a
            merged dataset, ``sources`` the distinct ``source`` values used ("; "-separated).
        """
        rows = []
        for name in DATASETS:
            ds: Dataset = getattr(self, name)
            q = ds.frame["quality"].value_counts()
            files = [str(ds.path)]
            merged = ds.meta.get("merged_with")
            if isinstance(merged, dict):
                files.append(str(merged.get("path", "")))
            title = str(ds.meta.get("title", ""))
            if isinstance(merged, dict) and merged.get("title"):
                title = f"{title} + {merged['title']}"
            used = dict.fromkeys(
                part.strip()
                for s in ds.frame["source"]
                if isinstance(s, str)
                for part in s.split(";")
                if part.strip()
            )
            rows.append(
                {
                    "dataset": name,
                    "file": " + ".join(files),
                    "title": title,
                    "sources": "; ".join(used),
                    "n_rows": len(ds.frame),
                    "n_observed": int(q.get("observed", 0)),
                    "n_derived": int(q.get("derived", 0)),
                    "n_assumed": int(q.get("assumed", 0)),
                }
            )
        return pd.DataFrame(rows)

    def regency(self, name: str) -> str:
        """Canonical name of a regency, matched tolerantly (``Kab. Konawe`` -> ``Konawe``).

        Raises
        ------
        UnknownRegencyError
            Listing the known regencies.
        """
        known = list(self.regencies.frame["regency"])
        found = match_name(name, known)
        if found is None:
            raise UnknownRegencyError(name, known)
        return found

    @property
    def regency_names(self) -> list[str]:
        """Canonical names of all regencies in the registry."""
        return list(self.regencies.frame["regency"])

    def workforce_basis(self, name: str) -> str:
        """Basis of a regency's workforce figure (the coverage denominator).

        Parameters
        ----------
        name : str
            Regency, matched tolerantly.

        Returns
        -------
        str
            ``bpjs_non_asn`` (workers other than ASN/TNI/Polri as BPJS/Kemendagri count them),
            ``bps_labour_force`` (BPS angkatan kerja) or ``unknown`` (not stated in the
            registry; never guessed).
        """
        reg = self.regencies.frame.set_index("regency")
        return str(reg.loc[self.regency(name), "workforce_basis"])

    def targets_for(self, name: str) -> pd.DataFrame:
        """Targets that apply to a regency: its own, its province's and the nation's.

        Parameters
        ----------
        name : str
            Regency, matched tolerantly.

        Returns
        -------
        pandas.DataFrame
            Rows of ``targets`` (same columns) for the regency (``level`` regency), its
            province (``level`` province) and Indonesia (``level`` nation), in that order and by
            deadline within each level; index reset.
        """
        regency = self.regency(name)
        reg = self.regencies.frame.set_index("regency")
        province = reg.loc[regency, "province"]
        t = self.targets.frame
        mask = (
            ((t["level"] == "regency") & (t["area"] == regency))
            | ((t["level"] == "province") & (t["area"] == province))
            | (t["level"] == "nation")
        )
        order = {"regency": 0, "province": 1, "nation": 2}
        return (
            t[mask]
            .sort_values(
                ["level", "deadline"],
                key=lambda s: s.map(order) if s.name == "level" else s,
                kind="stable",
            )
            .reset_index(drop=True)
        )

    def programmes_for(self, name: str) -> pd.DataFrame:
        """Programmes already running (or run) in a regency, by start month.

        Parameters
        ----------
        name : str
            Regency, matched tolerantly.

        Returns
        -------
        pandas.DataFrame
            Rows of ``programmes`` for the regency (same columns), sorted by ``start``; empty
            when none is recorded.
        """
        regency = self.regency(name)
        p = self.programmes.frame
        return p[p["regency"] == regency].sort_values("start", kind="stable").reset_index(drop=True)


def load_bundle(data_dir: str | os.PathLike | None = None) -> DataBundle:
    """Load and validate every dataset (embedded data, merged with ``data_dir`` if given).

    Problems in several files are reported together in one :class:`DataValidationError`.

    Parameters
    ----------
    data_dir : str or path-like, optional
        A user data directory.

    Returns
    -------
    DataBundle
    """
    user = _dirs(data_dir)[1]
    problems: list[Problem] = _unknown_files(user) if user is not None else []
    try:
        regencies = read_regencies(data_dir)
    except DataValidationError as e:  # the other files need the registry to be read
        raise DataValidationError(problems + e.problems) from None
    reg = regencies.frame
    loaded: dict[str, Dataset] = {"regencies": regencies}
    readers: dict[str, Callable[[], Dataset]] = {
        "coverage": lambda: read_coverage(data_dir, reg),
        "national_participants": lambda: read_national_participants(data_dir),
        "dana_desa_national": lambda: read_dana_desa_national(data_dir),
        "village_funds": lambda: read_village_funds(data_dir, regencies=reg),
        "contribution_rates": lambda: read_contribution_rates(data_dir),
        "targets": lambda: read_targets(data_dir, regencies=reg),
        "assumptions": lambda: read_assumptions(data_dir, regencies=reg),
        "programmes": lambda: read_programmes(data_dir, regencies=reg),
    }
    for name, reader in readers.items():
        try:
            loaded[name] = reader()
        except DataValidationError as e:
            problems += e.problems
    if problems:
        raise DataValidationError(problems)
    return DataBundle(**loaded, data_dir=user)
