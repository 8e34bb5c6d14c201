"""One regency's villages as the engine reads them: the planner's village file, one row each.

:class:`VillageRows` is the interface between the village file (read and checked by
``ucj_analysis.loaders``) and the engine at village resolution (``ucj_analysis.simulation``).
Every array has one entry per village (desa or kelurahan), in the order of the file. A value
the planner did not give is ``NaN`` (numbers) or ``""`` (text); the engine then falls back to
the regency-level assumption for that village and the report says so, village by village.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["FALLBACK_FIELDS", "VillageRows", "village_rows"]

#: Fields of :class:`VillageRows` that fall back to a regency-level assumption when empty.
FALLBACK_FIELDS: tuple[str, ...] = (
    "uncovered",
    "funded_now",
    "add_rp",
    "dd_rp",
    "budget_rp",
    "paid_until",
    "late_years",
    "history_years",
)


#: Per-village text fields and number fields [persons, Rp per year, month ordinal, years].
_TEXT_FIELDS = ("code", "name", "kecamatan")
_NUMBER_FIELDS = FALLBACK_FIELDS  # every figure a village file leaves empty falls back


@dataclass(frozen=True, eq=False)
class VillageRows:
    """The villages of one regency.

    Parameters
    ----------
    regency : str
        Canonical regency name.
    code, name, kecamatan : tuple of str
        Kemendagri village code (``"72.09.01.2001"``, ``""`` when not known), village name and
        kecamatan.
    is_kelurahan : numpy.ndarray of bool
        ``True`` for a kelurahan (no ADD / Dana Desa of its own).
    uncovered : numpy.ndarray
        Workers not actively insured (or the vulnerable workers the village means to fund) at
        ``data_month``. [persons] NaN = not known.
    funded_now : numpy.ndarray
        Workers the village funds now. [persons] NaN = not known.
    add_rp, dd_rp : numpy.ndarray
        The village's ADD and Dana Desa allocation. [Rp per year] NaN = not known.
    budget_rp : numpy.ndarray
        Amount the village budgets for contributions (its APBDes line). [Rp per year]
        NaN = not known.
    paid_until : numpy.ndarray
        Last month whose contributions the village has paid, as a monthly ``pandas.Period``
        ordinal (``pd.Period("2025-12", "M").ordinal``). [month ordinal] NaN = not known.
    late_years, history_years : numpy.ndarray
        Payment history: budget years paid after the payment deadline, and budget years with a
        known payment status. [years] NaN = no history.
    data_month : pandas.Period or None
        Month the village figures describe (``uncovered``, ``funded_now``).
    source : tuple of str
        Source key of each row.
    fallback : tuple of str
        Per row, the columns that were missing and fall back to a regency-level assumption
        (comma-separated column names, ``""`` = none).
    """

    regency: str
    code: tuple[str, ...]
    name: tuple[str, ...]
    kecamatan: tuple[str, ...]
    is_kelurahan: np.ndarray
    uncovered: np.ndarray
    funded_now: np.ndarray
    add_rp: np.ndarray
    dd_rp: np.ndarray
    budget_rp: np.ndarray
    paid_until: np.ndarray
    late_years: np.ndarray
    history_years: np.ndarray
    data_month: pd.Period | None = None
    source: tuple[str, ...] = field(default=())
    fallback: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        n = len(self.name)
        for attr in (*_TEXT_FIELDS, "is_kelurahan", *_NUMBER_FIELDS, "source", "fallback"):
            val = getattr(self, attr)
            optional = attr in ("source", "fallback")  # () = not given
            if (len(val) or not optional) and len(val) != n:
                raise ValueError(f"VillageRows.{attr}: {len(val)} entries, not {n}")

    def __len__(self) -> int:
        return len(self.name)

    @property
    def n_from_data(self) -> int:
        """Villages whose uncovered workers the planner gave. [count]"""
        return int(np.isfinite(self.uncovered).sum())

    def to_frame(self) -> pd.DataFrame:
        """The rows as a table (one row per village, the field names as columns)."""
        n = len(self)
        cols: dict[str, object] = {f: list(getattr(self, f)) for f in _TEXT_FIELDS}
        cols["is_kelurahan"] = np.asarray(self.is_kelurahan, dtype=bool)
        cols |= {f: np.asarray(getattr(self, f), dtype=float) for f in _NUMBER_FIELDS}
        cols |= {f: list(getattr(self, f)) or [""] * n for f in ("source", "fallback")}
        return pd.DataFrame(cols)


def _floats(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series.astype("Float64"), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )


def village_rows(bundle: Any, regency: str) -> VillageRows | None:
    """One regency's villages from a bundle's village file, as the engine reads them.

    Parameters
    ----------
    bundle : DataBundle
        From :func:`ucj_analysis.loaders.load_bundle`.
    regency : str
        Regency name (matched tolerantly through ``bundle.regency``).

    Returns
    -------
    VillageRows or None
        ``None`` when the bundle has no village file or the file has no row for the regency.
        Rows in file order. A kelurahan without ADD / Dana Desa figures gets 0 (it has none of
        its own); a row without a type is a desa. ``data_month`` is the latest month the rows
        give. ``fallback`` names, per row, the fields of :data:`FALLBACK_FIELDS` left empty.
    """
    ds = getattr(bundle, "villages", None)
    if ds is None:
        return None
    name = bundle.regency(regency) if hasattr(bundle, "regency") else regency
    f = ds.frame[ds.frame["regency"] == name].reset_index(drop=True)
    if f.empty:
        return None
    is_kel = (f["village_type"].astype(str) == "kelurahan").to_numpy(dtype=bool)
    values = {c: _floats(f[c]) for c in ("uncovered", "funded_now", "add_rp", "dd_rp",
                                         "budget_rp", "late_years", "history_years")}  # fmt: skip
    for c in ("add_rp", "dd_rp"):
        values[c] = np.where(is_kel & np.isnan(values[c]), 0.0, values[c])
    paid = np.array(
        [np.nan if pd.isna(p) else float(p.ordinal) for p in f["paid_until"]], dtype=float
    )
    months = [p for p in f["data_month"] if not pd.isna(p)]
    fallback = []
    for k in range(len(f)):
        missing = [
            c for c in FALLBACK_FIELDS
            if (np.isnan(paid[k]) if c == "paid_until" else np.isnan(values[c][k]))
        ]  # fmt: skip
        fallback.append(", ".join(missing))
    return VillageRows(
        regency=name,
        code=tuple(str(c) for c in f["code"]),
        name=tuple(str(c) for c in f["village"]),
        kecamatan=tuple(str(c) for c in f["kecamatan"]),
        is_kelurahan=is_kel,
        uncovered=values["uncovered"],
        funded_now=values["funded_now"],
        add_rp=values["add_rp"],
        dd_rp=values["dd_rp"],
        budget_rp=values["budget_rp"],
        paid_until=paid,
        late_years=values["late_years"],
        history_years=values["history_years"],
        data_month=max(months) if months else None,
        source=tuple(str(s) for s in f["source"]),
        fallback=tuple(fallback),
    )
