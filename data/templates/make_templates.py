"""Write the planner templates ``<dataset>_template.csv`` and ``<dataset>_template.xlsx``.

One template per dataset a planner may supply: ``regencies``, ``coverage``, ``village_funds``,
``assumptions``, ``targets`` and ``programmes``. Each has every column of the embedded
``data/<dataset>.csv`` under its Indonesian name (``kabupaten, tanggal, angkatan_kerja,
peserta_aktif ...``; the loaders accept these and the English names) and a few real example rows
copied from the embedded data, written the way a planner would: quality as ``teramati`` /
``turunan`` / ``asumsi``, yes/no as ``ya`` / ``tidak``, decimals with a comma in the CSV, the
source as the URL of the row's first source key, and an empty ``catatan`` (note) column. The
embedded data's ``note_id`` (the Indonesian translation of ``note``) is left out: a planner writes
one note, in ``catatan``, which the reports show as it is.

The workbook has one sheet named after the dataset (``coverage``, ``regencies`` ...) with typed
cells (numbers, dates). To use a template, copy it into the data folder under the dataset's name
(``coverage.csv`` or ``coverage.xlsx``) and replace the example rows.

The village file (``villages_template.csv`` / ``.xlsx``, a SYNTHETIC example with no embedded
counterpart) and its example data folder ``contoh_desa/`` are written by the sibling script
``village_example.py``, which :func:`main` calls.

Run from anywhere: ``python data/templates/make_templates.py``. All outputs are committed; the
workbooks' document dates are fixed so that reruns give the same content.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import yaml
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
FIXED_TIME = dt.datetime(2026, 11, 21, 0, 0, 0)

#: Indonesian header of every column (each one a name the loaders accept).
HEADERS_ID: dict[str, str] = {
    "regency": "kabupaten",
    "province": "provinsi",
    "level": "tingkat",
    "date": "tanggal",
    "segment": "segmen",
    "workforce": "angkatan_kerja",
    "active": "peserta_aktif",
    "coverage_pct": "cakupan_persen",
    "use_in_model": "dipakai_model",
    "n_kecamatan": "jumlah_kecamatan",
    "n_desa": "jumlah_desa",
    "n_kelurahan": "jumlah_kelurahan",
    "population": "jumlah_penduduk",
    "population_year": "tahun_penduduk",
    "workforce_growth_pct": "pertumbuhan_angkatan_kerja_persen",
    "workforce_basis": "basis_angkatan_kerja",
    "year": "tahun",
    "amount_rp": "jumlah_rp",
    "fund": "jenis_dana",
    "parameter": "nama_parameter",
    "value": "nilai",
    "low": "nilai_rendah",
    "high": "nilai_tinggi",
    "unit": "satuan",
    "area": "wilayah",
    "target_pct": "target_persen",
    "deadline": "tenggat",
    "plan": "rencana",
    "programme": "program",
    "payer": "pembayar",
    "lever": "tuas",
    "persons_per_desa": "orang_per_desa",
    "persons": "jumlah_orang",
    "amount_rp_per_year": "anggaran_rp_per_tahun",
    "include_kelurahan": "termasuk_kelurahan",
    "start": "mulai",
    "end": "selesai",
    "in_start_figure": "termasuk_angka_awal",
    "source": "sumber",
    "quality": "kualitas",
    "note": "catatan",
}
#: Cell values written in Indonesian (the loaders read both languages).
VALUES_ID: dict[str, dict[str, str]] = {
    "quality": {"observed": "teramati", "derived": "turunan", "assumed": "asumsi"},
    "use_in_model": {"true": "ya", "false": "tidak"},
    "include_kelurahan": {"true": "ya", "false": "tidak"},
    "in_start_figure": {"true": "ya", "false": "tidak", "unknown": "tidak_diketahui"},
    "level": {"regency": "kabupaten", "province": "provinsi", "nation": "nasional"},
    "payer": {
        "village": "desa",
        "regency": "kabupaten",
        "province": "provinsi",
        "central": "pusat",
    },  # fmt: skip
}
#: Columns holding dates (typed date cells in the workbook) and whole numbers.
DATE_COLUMNS = {"date", "deadline"}
#: Columns of the embedded data that the templates leave out (the Indonesian translation of the
#: embedded English notes; a planner's own note goes into ``catatan``).
NOT_IN_TEMPLATES = {"note_id"}
INTEGER_COLUMNS = {
    "workforce", "active", "n_kecamatan", "n_desa", "n_kelurahan", "population",
    "population_year", "year", "amount_rp", "persons_per_desa", "persons", "amount_rp_per_year",
}  # fmt: skip
NUMBER_COLUMNS = {"coverage_pct", "workforce_growth_pct", "value", "low", "high", "target_pct"}


def _where(**match: str) -> Callable[[dict[str, str]], bool]:
    return lambda row: all(row[k] == v for k, v in match.items())


#: Example rows per dataset: predicates on the embedded rows, or ``None`` for every row, or an
#: int for the first n rows.
EXAMPLES: dict[str, tuple[Callable[[dict[str, str]], bool], ...] | int | None] = {
    "regencies": None,
    "coverage": (
        _where(regency="Konawe", date="2025-04-30", segment="total"),
        _where(regency="Tojo Una-Una", date="2024-12-31", segment="funded"),
        _where(regency="Tojo Una-Una", date="2025-12-31", segment="funded"),
    ),
    "village_funds": (
        _where(regency="Konawe", year="2017", fund="DD"),
        _where(regency="Banggai", year="2017", fund="DD"),
        _where(regency="Tojo Una-Una", year="2017", fund="DD"),
    ),
    "assumptions": 3,
    "targets": (
        _where(area="Banggai", plan="RPJMD"),
        _where(area="Konawe", plan="Bupati"),
        _where(area="Sulawesi Tengah", plan="Kemendagri"),
    ),
    "programmes": None,
}
DATASETS: tuple[str, ...] = tuple(EXAMPLES)


def columns(name: str, data_dir: Path = DATA) -> list[str]:
    """Columns of the embedded ``<name>.csv`` (canonical English names, in order) for a template.

    The columns in :data:`NOT_IN_TEMPLATES` are left out.
    """
    with open(data_dir / f"{name}.csv", encoding="utf-8", newline="") as f:
        return [c for c in next(csv.reader(f)) if c not in NOT_IN_TEMPLATES]


def example_rows(name: str, data_dir: Path = DATA) -> list[dict[str, str]]:
    """The embedded rows used as examples, unchanged (canonical columns and values).

    Parameters
    ----------
    name : str
        Dataset name.
    data_dir : pathlib.Path
        Folder holding ``<name>.csv``.

    Returns
    -------
    list of dict
        One dict per example row, every value as text.
    """
    with open(data_dir / f"{name}.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    pick = EXAMPLES[name]
    if pick is None:
        return rows
    if isinstance(pick, int):
        return rows[:pick]
    out = []
    for predicate in pick:
        (row,) = [r for r in rows if predicate(r)]
        out.append(row)
    return out


def template_rows(name: str, data_dir: Path = DATA) -> tuple[list[str], list[dict[str, str]]]:
    """Indonesian headers and example rows as a planner would write them (text).

    Returns
    -------
    tuple
        ``(headers, rows)``: headers in column order; rows map each header to its text
        (decimal comma, Indonesian words, source URL, empty ``catatan``).
    """
    meta = yaml.safe_load((data_dir / f"{name}.meta.yaml").read_text(encoding="utf-8"))
    cols = columns(name, data_dir)
    headers = [HEADERS_ID.get(c, c) for c in cols]
    rows = []
    for row in example_rows(name, data_dir):
        out = {}
        for c, h in zip(cols, headers, strict=True):
            v = row[c]
            if c == "source":
                v = meta["sources"][v.split(";")[0].strip()]["url"]
            elif c == "note":
                v = ""
            elif c in VALUES_ID:
                v = VALUES_ID[c].get(v, v)
            elif c in NUMBER_COLUMNS and "." in v:
                v = v.replace(".", ",")
            out[h] = v
        rows.append(out)
    return headers, rows


def write_csv(headers: list[str], rows: list[dict[str, str]], path: Path) -> None:
    """Write a CSV template (comma-separated, UTF-8; decimal commas are quoted)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=headers, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _cell_value(column: str, text: str) -> object:
    if text == "":
        return None
    if column in DATE_COLUMNS:
        return dt.date.fromisoformat(text)
    if column in INTEGER_COLUMNS:
        return int(text)
    if column in NUMBER_COLUMNS:
        return float(text.replace(",", "."))
    return text


def write_xlsx(
    name: str, cols: list[str], headers: list[str], rows: list[dict[str, str]], path: Path
) -> None:
    """Write an Excel template: one sheet named ``name`` with typed cells (dates, numbers)."""
    wb = Workbook()
    ws = wb.active
    ws.title = name
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell_value(c, row[h]) for c, h in zip(cols, headers, strict=True)])
    for i, (column, header) in enumerate(zip(cols, headers, strict=True), start=1):
        letter = get_column_letter(i)
        width = 70 if column == "source" else 40 if column == "programme" else len(header) + 4
        ws.column_dimensions[letter].width = max(width, 12)
        for cell in ws[letter][1:]:
            if column in DATE_COLUMNS:
                cell.number_format = "yyyy-mm-dd"
            elif column in NUMBER_COLUMNS:
                cell.number_format = "0.00##"
            elif column in INTEGER_COLUMNS:
                cell.number_format = "0"
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
    """Regenerate every template next to this script, and the village template and example."""
    for name in DATASETS:
        headers, rows = template_rows(name)
        write_csv(headers, rows, HERE / f"{name}_template.csv")
        write_xlsx(name, columns(name), headers, rows, HERE / f"{name}_template.xlsx")
    import village_example  # the sibling script (this folder is on sys.path when run)

    village_example.write_all(_reproducible, FIXED_TIME)


if __name__ == "__main__":
    main()
