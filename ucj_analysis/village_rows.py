"""One regency's villages as the engine reads them: the planner's village file, one row each.

:class:`VillageRows` is the interface between the village file (read and checked by
``ucj_analysis.loaders``) and the engine at village resolution (``ucj_analysis.simulation``).
Every array has one entry per village (desa or kelurahan), in the order of the file. A value
the planner did not give is ``NaN`` (numbers) or ``""`` (text); the engine then falls back to
the regency-level assumption for that village and the report says so, village by village.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["VillageRows"]


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
        for attr in (
            "code",
            "kecamatan",
            "is_kelurahan",
            "uncovered",
            "funded_now",
            "add_rp",
            "dd_rp",
            "budget_rp",
            "paid_until",
            "late_years",
            "history_years",
        ):
            if len(getattr(self, attr)) != n:
                raise ValueError(f"VillageRows.{attr}: {len(getattr(self, attr))} entries, not {n}")
        for attr in ("source", "fallback"):
            val = getattr(self, attr)
            if val and len(val) != n:
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
        return pd.DataFrame(
            {
                "code": list(self.code),
                "name": list(self.name),
                "kecamatan": list(self.kecamatan),
                "is_kelurahan": np.asarray(self.is_kelurahan, dtype=bool),
                "uncovered": np.asarray(self.uncovered, dtype=float),
                "funded_now": np.asarray(self.funded_now, dtype=float),
                "add_rp": np.asarray(self.add_rp, dtype=float),
                "dd_rp": np.asarray(self.dd_rp, dtype=float),
                "budget_rp": np.asarray(self.budget_rp, dtype=float),
                "paid_until": np.asarray(self.paid_until, dtype=float),
                "late_years": np.asarray(self.late_years, dtype=float),
                "history_years": np.asarray(self.history_years, dtype=float),
                "source": list(self.source) if self.source else [""] * n,
                "fallback": list(self.fallback) if self.fallback else [""] * n,
            }
        )
