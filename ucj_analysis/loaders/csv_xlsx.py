"""Reading one CSV or XLSX file into header cells and data rows (nothing typed yet).

CSV files may be UTF-8 (with or without byte-order mark), Windows-1252 or UTF-16 (Excel
"Unicode text"), with ``,``, ``;`` or tab as the separator. Binary data, zip archives or old
Excel files named ``.csv``, and ``.xlsx`` files that are not workbooks give one problem naming
the file. Excel cells keep their types (a number in a cell formatted as a percentage is
multiplied by 100); completely empty rows are skipped.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ucj_analysis.errors import DataValidationError, Problem
from ucj_analysis.loaders.schema import _Spec
from ucj_analysis.parsing import normalise_header


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


def _file_problem(path: Path, key: str, **params: Any) -> DataValidationError:
    """One file-level problem (catalogue key ``key``) as an error: the file cannot be read."""
    return DataValidationError([Problem(path.name, None, None, None, key, params)])


def _not_a_table(path: Path, data: bytes, what: str) -> DataValidationError:
    """Explain what a file that is not ``what`` (CSV text / Excel workbook) seems to be."""
    if data.startswith(_ZIP_MAGIC):
        key = "zip_as_csv" if what == "csv" else "bad_zip"
    elif data.startswith(_OLE_MAGIC):
        key = "old_excel_as_csv" if what == "csv" else "old_excel"
    else:
        key = "not_xlsx" if what == "xlsx" else "binary"
    return _file_problem(path, f"loader.file.{key}")


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
        raise _file_problem(path, "loader.file.bad_text", encoding=encoding.upper())
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
        raise _file_problem(path, "loader.file.bad_csv", error=e) from None
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
                    raw.file, i, None, delim.join(rec), "loader.row.too_many_values",
                    {"n": n, "found": len(rec)},
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
                    path.name, None, None, None, "loader.file.no_sheet",
                    {"name": spec.name, "aliases": " / ".join(repr(a) for a in spec.sheet_aliases),
                     "found": found},
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
                    path.name, r, None, extra[0], "loader.row.unheaded_values", {"n": n},
                    sheet=sheet,
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
    raise DataValidationError([Problem(path.name, None, None, None, "loader.file.unsupported")])
