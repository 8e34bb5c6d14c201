"""Read the project's data files: the only package that opens input files.

One module per job; every public name is importable from ``ucj_analysis.loaders``:

* :mod:`~ucj_analysis.loaders.discovery`: the embedded data folder, a dataset's file in a
  folder, the files of a planner's folder that no dataset reads;
* :mod:`~ucj_analysis.loaders.csv_xlsx`: one CSV (encodings, separators) or XLSX file into
  header cells and rows;
* :mod:`~ucj_analysis.loaders.schema`: the column specification of each dataset, the
  provinces, :class:`Dataset`;
* :mod:`~ucj_analysis.loaders.table`: headers mapped to columns, cells parsed and typed;
* :mod:`~ucj_analysis.loaders.checks`: cross-row checks of each dataset (areas, levers);
* :mod:`~ucj_analysis.loaders.meta`: YAML files and ``<dataset>.meta.yaml``;
* :mod:`~ucj_analysis.loaders.official`: the registry step, a regency or city that only a
  planner's files name gets its registry row from the official list;
* :mod:`~ucj_analysis.loaders.datasets`: :func:`read_table` and the ``read_*`` of each
  dataset, merging a planner's data with the embedded data;
* :mod:`~ucj_analysis.loaders.villages`: the checks of the planner's village file and
  :func:`village_rows` (the file is read by :func:`read_villages`)
  and one regency's villages as the engine reads them (:func:`village_rows`);
* :mod:`~ucj_analysis.loaders.scenario_files`: :func:`read_scenarios`;
* :mod:`~ucj_analysis.loaders.bundle`: :class:`DataBundle`, :func:`load_bundle`.

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
  is simply a new regency. A regency or city that the user's other files name (``coverage``,
  ``village_funds``, ``targets``, ``assumptions``, ``programmes``) but no registry row lists
  gets a ``derived`` row from the official list (Kepmendagri 300.2.2-2138/2025, source
  ``kepmendagri_300.2.2-2138_2025``): province and kecamatan/desa/kelurahan counts from the
  list, workforce growth from the assumptions (see :mod:`ucj_analysis.loaders.official`).
  Such files may also name a regency by its Kemendagri code (``74.71``).
* ``coverage``: user rows replace the embedded rows **for the same areas** (level + name); the
  embedded rows for every other area stay (so province and national series remain available for
  pooling).
* ``programmes``: user rows replace the embedded rows for the same regencies; the embedded rows
  of the other regencies stay.
* ``villages`` (``villages.csv`` or ``desa.csv``, one row per desa / kelurahan): only a
  planner's folder has one; ``DataBundle.villages`` is ``None`` without it
  (:data:`OPTIONAL_DATASETS`);
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
(header = row 1), the column as the user wrote it, the value, the problem and what was expected,
in Indonesian and in English (catalogue keys ``loader.*``: the language of a report is not known
while its data is read). Loader remarks appended to a row's ``note`` (a derived value, a count
taken from the official list) are written in both languages too. Nothing is
silently dropped, clipped or coerced: the only filled-in values are documented defaults
(``level`` = regency, ``segment`` = total, ``use_in_model`` = true, empty ``note``,
``workforce_basis`` and ``in_start_figure`` = unknown, ``include_kelurahan`` = false), the
province of a known regency, and ``coverage_pct`` derived as ``active / workforce * 100``
(rounded to 2 decimals) when it is empty and both counts are given; such rows get the formula
appended to ``note`` and keep the ``quality`` the user gave.
"""

from __future__ import annotations

from ucj_analysis.loaders.bundle import DataBundle, load_bundle
from ucj_analysis.loaders.datasets import (
    read_assumptions,
    read_contribution_rates,
    read_coverage,
    read_dana_desa_national,
    read_national_participants,
    read_programmes,
    read_regencies,
    read_table,
    read_targets,
    read_village_funds,
    read_villages,
)
from ucj_analysis.loaders.discovery import DEFAULT_DATA_DIR, embedded_data_dir
from ucj_analysis.loaders.meta import read_yaml
from ucj_analysis.loaders.scenario_files import _PRESETS_FILE as _PRESETS_FILE
from ucj_analysis.loaders.scenario_files import read_scenarios
from ucj_analysis.loaders.schema import (
    COLUMN_ALIASES,
    DATASETS,
    NATION,
    OPTIONAL_DATASETS,
    PROVINCES,
    Dataset,
)
from ucj_analysis.loaders.villages import village_rows

__all__ = [
    "DEFAULT_DATA_DIR",
    "DATASETS",
    "OPTIONAL_DATASETS",
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
    "read_villages",
    "read_yaml",
    "village_rows",
    "COLUMN_ALIASES",
    "NATION",
]
