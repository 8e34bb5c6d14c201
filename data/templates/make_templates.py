"""Write the user coverage templates ``coverage_template.csv`` and ``coverage_template.xlsx``.

The templates show planners the columns a coverage file needs (English names; the loaders also
accept the Indonesian aliases ``kabupaten, provinsi, tanggal, segmen, angkatan_kerja,
peserta_aktif, cakupan_persen, sumber, kualitas``). The example rows are copied from the embedded
``data/coverage.csv`` (Konawe's observed total and Tojo Una-Una's village-funded counts) with the
source key replaced by the source's URL, as a user file would cite it.

Run from anywhere: ``python data/templates/make_templates.py``. Both outputs are committed; the
workbook's document dates are fixed so that reruns give the same content.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import yaml
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
DATA = HERE.parent

#: Columns of the user template, in order (docs/ARCHITECTURE.md, "User coverage template").
COLUMNS = (
    "regency",
    "province",
    "date",
    "segment",
    "workforce",
    "active",
    "coverage_pct",
    "source",
    "quality",
)
#: Rows of data/coverage.csv used as examples: (regency, date, segment).
EXAMPLES = (
    ("Konawe", "2025-04-30", "total"),
    ("Tojo Una-Una", "2024-12-31", "funded"),
    ("Tojo Una-Una", "2025-12-31", "funded"),
)
SHEET = "coverage"
FIXED_TIME = dt.datetime(2026, 11, 21, 0, 0, 0)


def example_rows(data_dir: Path = DATA) -> list[dict[str, str]]:
    """Pick the example rows from the embedded coverage data.

    Parameters
    ----------
    data_dir : pathlib.Path
        Folder holding ``coverage.csv`` and ``coverage.meta.yaml``.

    Returns
    -------
    list of dict
        One dict per example with the template columns as text; ``source`` is the URL of the
        row's first source key.
    """
    with open(data_dir / "coverage.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    meta = yaml.safe_load((data_dir / "coverage.meta.yaml").read_text(encoding="utf-8"))
    out = []
    for regency, date, segment in EXAMPLES:
        (row,) = [
            r for r in rows if (r["regency"], r["date"], r["segment"]) == (regency, date, segment)
        ]
        key = row["source"].split(";")[0].strip()
        picked = {c: row[c] for c in COLUMNS}
        picked["source"] = meta["sources"][key]["url"]
        out.append(picked)
    return out


def write_csv(rows: list[dict[str, str]], path: Path) -> None:
    """Write the CSV template (header + example rows, plain values)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _cell_value(column: str, text: str) -> object:
    if text == "":
        return None
    if column == "date":
        return dt.date.fromisoformat(text)
    if column in ("workforce", "active"):
        return int(text)
    if column == "coverage_pct":
        return float(text)
    return text


def write_xlsx(rows: list[dict[str, str]], path: Path) -> None:
    """Write the Excel template: one sheet ``coverage`` with typed cells (dates, numbers)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell_value(c, row[c]) for c in COLUMNS])
    widths = {"regency": 16, "province": 20, "date": 12, "segment": 16, "source": 70}
    for i, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = widths.get(column, 14)
        if column == "date":
            for cell in ws[letter][1:]:
                cell.number_format = "yyyy-mm-dd"
        if column == "coverage_pct":
            for cell in ws[letter][1:]:
                cell.number_format = "0.00"
    ws.freeze_panes = "A2"
    wb.properties.creator = "ucj_analysis"
    wb.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(_reproducible(buffer.getvalue()))


def _reproducible(xlsx: bytes) -> bytes:
    """Fix the save time openpyxl writes (document 'modified' date and zip entry times)."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{stamp}\2", text
                )
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            dst.writestr(info, data)
    return out.getvalue()


def main() -> None:
    """Regenerate both templates next to this script."""
    rows = example_rows()
    write_csv(rows, HERE / "coverage_template.csv")
    write_xlsx(rows, HERE / "coverage_template.xlsx")


if __name__ == "__main__":
    main()
