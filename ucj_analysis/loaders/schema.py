"""The datasets' column specifications ("schema"), the known areas and :class:`Dataset`.

Each dataset has a :class:`_Spec`: its columns in order (:class:`_Col`: kind, required or
optional, default, allowed values, accepted Indonesian header names from
:data:`COLUMN_ALIASES`), its sheet aliases and its unique key. Every table ends with ``source``,
``quality`` and ``note`` (``_TAIL``). :data:`DATASETS` lists the dataset names in load order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from ucj_analysis.i18n import Joined, Phrase

__all__ = ["NATION", "PROVINCES", "Dataset", "COLUMN_ALIASES", "DATASETS", "OPTIONAL_DATASETS"]


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
    # villages (one row per desa / kelurahan)
    "kecamatan": ("nama_kecamatan", "distrik"),
    "village": ("desa", "nama_desa", "desa_kelurahan", "nama_desa_kelurahan", "kelurahan"),
    "code": ("kode", "kode_desa", "kode_kemendagri", "kode_wilayah"),
    "village_type": ("jenis", "jenis_desa", "tipe", "desa_atau_kelurahan"),
    "uncovered": (
        "pekerja_belum_terlindungi",
        "belum_terlindungi",
        "pekerja_rentan",
        "pekerja_rentan_belum_terlindungi",
    ),
    "funded_now": ("pekerja_didanai", "didanai_sekarang", "pekerja_dibiayai_desa"),
    "add_rp": ("add_rp", "add", "alokasi_dana_desa", "add_rp_per_tahun"),
    "dd_rp": ("dd_rp", "dd", "dana_desa", "dd_rp_per_tahun"),
    "budget_rp": ("anggaran_iuran_rp", "anggaran_iuran", "anggaran_iuran_rp_per_tahun"),
    "budget_pct_add": ("persen_add", "anggaran_iuran_persen_add", "porsi_add_persen"),
    "paid_until": ("dibayar_sampai", "lunas_sampai", "iuran_dibayar_sampai"),
    "late_years": ("tahun_terlambat", "tahun_bayar_terlambat"),
    "history_years": ("tahun_diketahui", "tahun_riwayat_bayar"),
    "data_month": ("bulan_data", "periode_data"),
    "source": ("sumber", "sumber_data"),
    "quality": ("kualitas", "mutu"),
    "note": ("catatan", "keterangan", "ket"),
    "note_id": ("catatan_id", "catatan_indonesia"),
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

#: Desa or kelurahan (a desa adat counts as a desa).
_VILLAGE_TYPES = {
    **{k: "desa" for k in ("desa", "desa_adat", "village", "ds")},
    **{k: "kelurahan" for k in ("kelurahan", "kel", "kelurahan_kota", "urban_ward", "ward")},
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
    def phrase(self) -> Phrase:
        """The column in words, in the language of the message (``column.<name>``)."""
        return column_phrase(self.name)


def column_phrase(name: str) -> Phrase:
    """A column in words for a message: ``peserta aktif`` (id) / ``active`` (en).

    The catalogue entry ``column.<name>`` holds the Indonesian words and, in English, the
    column's own name, as the English messages write formulas with the column names.
    """
    return Phrase(f"column.{name}")


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

    @property
    def key_phrase(self) -> Joined:
        """The key in words for a message, ``level`` left out: ``kabupaten × tanggal``."""
        return Joined((column_phrase(c) for c in self.key if c != "level"), " × ")


_SPECS: dict[str, _Spec] = {
    s.name: s
    for s in (
        _Spec(
            "regencies",
            (
                _Col("regency", "text", REQ),
                _Col("province", "text", REQ),
                # counts left empty (or a column left out) come from the official list
                # (loaders/checks.py); a regency outside it must give them
                _Col("n_kecamatan", "count", OPT),
                _Col("n_desa", "count", OPT),
                _Col("n_kelurahan", "count", OPT),
                _Col("population", "count", OPT),
                _Col("population_year", "year", OPT),
                _Col("workforce_growth_pct", "number", OPT),
                _Col("workforce_basis", "choice", OPT, "unknown", _BASES),
                *_TAIL,
            ),
            ("kabupaten", "daftar_kabupaten"),
            ("regency",),
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
        ),
        _Spec(
            "villages",
            (
                _Col("regency", "text", REQ),
                _Col("kecamatan", "text", OPT, ""),
                _Col("village", "text", REQ),
                _Col("code", "text", OPT, ""),
                _Col("village_type", "choice", OPT, None, _VILLAGE_TYPES),
                _Col("uncovered", "count", OPT),
                _Col("funded_now", "count", OPT),
                _Col("add_rp", "money", OPT),
                _Col("dd_rp", "money", OPT),
                _Col("budget_rp", "money", OPT),
                _Col("budget_pct_add", "percent", OPT),
                _Col("paid_until", "month", OPT),
                _Col("late_years", "count", OPT),
                _Col("history_years", "count", OPT),
                _Col("data_month", "month", OPT),
                # a row without any figure (a ready-to-fill file) needs no source or quality;
                # the village check asks for both on every row that gives a figure
                _Col("source", "text", OPT, ""),
                _Col("quality", "quality", OPT),
                _Col("note", "text", OPT, ""),
                _Col("note_id", "text", OPT, ""),
            ),
            ("desa", "desa_kelurahan", "daftar_desa"),
            ("regency", "kecamatan", "village"),
        ),
    )
}

#: Datasets only a planner's folder holds (no embedded file); ``DataBundle`` attribute ``None``
#: when the folder has none.
OPTIONAL_DATASETS: tuple[str, ...] = ("villages",)
#: Names of the datasets every bundle holds (``<name>.csv`` / ``<name>.xlsx``, embedded or a
#: planner's), in load order.
DATASETS: tuple[str, ...] = tuple(n for n in _SPECS if n not in OPTIONAL_DATASETS)
