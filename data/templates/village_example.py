"""The village file template and its SYNTHETIC example data folder. NOT real data.

Writes, next to this script:

* ``villages_template.csv`` and ``villages_template.xlsx``: the village file (``desa`` /
  ``villages`` dataset) filled with a synthetic example: 26 desa and 4 kelurahan in three
  kecamatan of the synthetic regency ``Sintetis 001`` (the naming of ``ucj synth``). Every row is
  labelled ``sumber = synthetic``, ``kualitas = asumsi`` and a ``catatan`` starting with
  ``SINTETIS``; the workbook's note sheet starts with "CONTOH SINTETIS — BUKAN DATA NYATA". No
  real village is described. A few villages are in arrears (paid until a month before the
  19 December 2025 payment deadline), some rows leave figures empty to show the fallback to
  the regency-level assumptions, one row gives the contribution budget as a share of ADD;
* ``contoh_desa/``: a data folder that loads and runs as it is (``ucj audit --data-dir
  data/templates/contoh_desa``): ``regencies.csv`` and ``coverage.csv`` rows for
  ``Sintetis 001`` (synthetic), ``desa.csv`` (the template's rows) and a README.

The numbers come from ``numpy.random.default_rng(2026)``; reruns give the same files. Called by
``make_templates.py``; run it alone with ``python data/templates/village_example.py``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
EXAMPLE_DIR = HERE / "contoh_desa"
REGENCY = "Sintetis 001"
PROVINCE = "Sulawesi Tengah"
SOURCE = "synthetic"
NOTE = "SINTETIS — bukan data nyata (contoh berkas desa)"
#: kecamatan -> (desa, kelurahan)
KECAMATAN = {"Sintetis Utara": (9, 2), "Sintetis Tengah": (9, 2), "Sintetis Selatan": (8, 0)}
#: Row numbers (0-based, file order) in arrears: last month paid before the December deadline.
ARREARS = {3: "2025-06", 12: "2025-09", 17: "2025-03", 24: "2025-08"}
#: Rows without uncovered workers, without ADD / DD, and without any figure.
NO_UNCOVERED = {5, 13, 20}
NO_FUNDS = {7, 22}
EMPTY_ROW = 27
#: Rows whose budget is given as a share of ADD (5 %) instead of rupiah.
SHARE_OF_ADD = {1, 8, 15}
#: One funded worker for a year at Rp 16,800 per month (FACTS.md, JKK+JKM BPU minimum).
RP_PER_WORKER_YEAR = 16_800 * 12


def example_rows(seed: int = 2026) -> pd.DataFrame:
    """The synthetic village rows (canonical columns of ``ucj_analysis.village_file``)."""
    from ucj_analysis.village_file import COLUMNS

    rng = np.random.default_rng(seed)
    rows = []
    n_desa = n_kel = 0
    for kec, (desa, kel) in KECAMATAN.items():
        for kind, count in (("desa", desa), ("kelurahan", kel)):
            for _ in range(count):
                if kind == "desa":
                    n_desa += 1
                    name = f"Desa Sintetis {n_desa:02d}"
                else:
                    n_kel += 1
                    name = f"Kelurahan Sintetis {n_kel:02d}"
                rows.append({"regency": REGENCY, "kecamatan": kec, "code": "",
                             "village": name, "village_type": kind})  # fmt: skip
    for i, r in enumerate(rows):
        desa = r["village_type"] == "desa"
        uncovered = int(round(rng.lognormal(np.log(420 if desa else 700), 0.45)))
        funded = int(rng.choice([0, 50, 100])) if desa else 0
        add = int(round(rng.uniform(300e6, 450e6), -6))
        dd = int(round(rng.uniform(700e6, 1100e6), -6))
        late = int(rng.integers(0, 2))
        if i == EMPTY_ROW:
            continue
        r.update(
            uncovered=None if i in NO_UNCOVERED else uncovered,
            funded_now=funded,
            add_rp=add if desa and i not in NO_FUNDS else None,
            dd_rp=dd if desa and i not in NO_FUNDS else None,
            budget_rp=funded * RP_PER_WORKER_YEAR if desa and i not in SHARE_OF_ADD else None,
            budget_pct_add=5 if i in SHARE_OF_ADD else None,
            paid_until=ARREARS.get(i, "2025-12") if desa else None,
            late_years=(late + (1 if i in ARREARS else 0)) if desa else None,
            history_years=3 if desa else None,
            data_month="2025-11",
            source=SOURCE,
            quality="asumsi",
            note=NOTE,
        )
    frame = pd.DataFrame(rows, columns=list(COLUMNS)).astype(object)
    frame = frame.where(frame.notna(), None)
    frame.loc[EMPTY_ROW, "note"] = NOTE + "; baris tanpa angka: semua nilai memakai asumsi"
    return frame


def regency_rows(villages: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """``regencies.csv`` of the example folder (Indonesian headers)."""
    n_desa = int((villages["village_type"] == "desa").sum())
    n_kel = int((villages["village_type"] == "kelurahan").sum())
    headers = ["kabupaten", "provinsi", "jumlah_kecamatan", "jumlah_desa", "jumlah_kelurahan",
               "jumlah_penduduk", "tahun_penduduk", "pertumbuhan_angkatan_kerja_persen",
               "basis_angkatan_kerja", "sumber", "kualitas", "catatan"]  # fmt: skip
    row = [REGENCY, PROVINCE, str(len(KECAMATAN)), str(n_desa), str(n_kel), "42000", "2024",
           "1,0", "unknown", SOURCE, "asumsi", NOTE]  # fmt: skip
    return headers, [row]


def coverage_rows() -> tuple[list[str], list[list[str]]]:
    """``coverage.csv`` of the example folder: three synthetic total-segment figures."""
    headers = ["kabupaten", "provinsi", "tanggal", "segmen", "angkatan_kerja", "peserta_aktif",
               "sumber", "kualitas", "catatan"]  # fmt: skip
    figures = (("2023-12-31", 20600, 6800), ("2024-12-31", 20800, 7700),
               ("2025-11-30", 21000, 8600))  # fmt: skip
    rows = [[REGENCY, PROVINCE, d, "total", str(w), str(a), SOURCE, "asumsi", NOTE]
            for d, w, a in figures]  # fmt: skip
    return headers, rows


README = """# Contoh SINTETIS berkas desa — BUKAN DATA NYATA

Folder data contoh untuk berkas desa (`desa.csv`): kabupaten `Sintetis 001` dengan 26 desa
dan 4 kelurahan di tiga kecamatan. Semua nama dan angka dibuat-buat (sumber `synthetic`,
kualitas `asumsi`); tidak ada desa nyata yang digambarkan. Periksa dengan

    ucj audit --data-dir data/templates/contoh_desa

Untuk kabupaten Anda, buat berkas siap isi dari daftar resmi: `ucj desa KODE --out desa.xlsx`.
Dibuat oleh `data/templates/village_example.py`.
"""


def _csv(headers: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue()


def write_all(reproducible=lambda data: data, fixed_time=None) -> None:
    """Write the template (CSV, XLSX) and the example folder next to this script.

    Parameters
    ----------
    reproducible : callable
        ``bytes -> bytes`` fixing the workbook's save times (``make_templates._reproducible``).
    fixed_time : datetime.datetime, optional
        The workbook's creation date.
    """
    from ucj_analysis.village_file import note_lines, village_workbook, write_rows

    rows = example_rows()
    write_rows(rows, HERE / "villages_template.csv", [])
    wb = village_workbook(rows, note_lines(None, synthetic=True))
    if fixed_time is not None:
        wb.properties.created = fixed_time
    buffer = io.BytesIO()
    wb.save(buffer)
    (HERE / "villages_template.xlsx").write_bytes(reproducible(buffer.getvalue()))
    EXAMPLE_DIR.mkdir(exist_ok=True)
    (EXAMPLE_DIR / "desa.csv").write_bytes((HERE / "villages_template.csv").read_bytes())
    (EXAMPLE_DIR / "regencies.csv").write_text(_csv(*regency_rows(rows)), encoding="utf-8")
    (EXAMPLE_DIR / "coverage.csv").write_text(_csv(*coverage_rows()), encoding="utf-8")
    (EXAMPLE_DIR / "README.md").write_text(README, encoding="utf-8")


if __name__ == "__main__":
    write_all()
