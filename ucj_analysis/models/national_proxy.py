"""National UCJ proxy series: active participants over an eligible workforce anchored at one figure.

The nation has one published UCJ figure but a monthly count of active participants; the
proxy turns the count into a coverage history (quality ``derived``) for the pooled growth
panel (:func:`.panel.coverage_panel`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from .core import InsufficientDataError, _month_number, month_index

__all__ = ["national_coverage_proxy"]


def national_coverage_proxy(
    national_participants: pd.DataFrame,
    anchor_coverage: float,
    anchor_date: Any,
    *,
    workforce_growth: float,
) -> pd.Series:
    """National UCJ proxy: active participants over an eligible workforce anchored at one figure.

    ``c(t) = A(t) / D(t)`` with ``D(t) = A(t0) / c0 * (1 + g) ** ((t - t0) / 12 months)``:
    the eligible workforce ``D`` is implied by the one published national UCJ figure ``c0`` at
    ``t0`` and moved with an assumed yearly growth ``g``. This is a **derived** series whose
    slope depends on ``g`` (a faster-growing workforce means slower coverage growth).

    Parameters
    ----------
    national_participants : pandas.DataFrame
        Columns ``date`` and ``active`` [persons] (``national_participants.csv``).
    anchor_coverage : float
        Published national UCJ at ``anchor_date``. [0-1]
    anchor_date : date-like
        Month of ``anchor_coverage``; ``active`` there is log-linearly interpolated when that
        month has no participants figure.
    workforce_growth : float, keyword-only
        Yearly growth of the eligible workforce, e.g. ``0.0298``. [per year]

    Returns
    -------
    pandas.Series
        Coverage proxy [0-1] indexed by month (``Period[M]``), one value per month.
    """
    if not (0.0 < float(anchor_coverage) < 1.0):
        raise ValueError(
            f"anchor_coverage: harus proporsi 0-1 — expected a proportion in (0, 1), "
            f"got {anchor_coverage!r}"
        )
    if (
        isinstance(workforce_growth, bool)
        or not isinstance(workforce_growth, int | float)
        or not (-0.2 < workforce_growth < 0.2)
    ):
        raise ValueError(
            f"workforce_growth: harus laju per tahun, mis. 0.0298 — expected a yearly rate "
            f"between -0.2 and 0.2, got {workforce_growth!r}"
        )
    active = pd.Series(
        pd.to_numeric(national_participants["active"], errors="coerce").astype(float).to_numpy(),
        index=month_index(pd.Index(national_participants["date"])),
    ).dropna()
    active = active[active > 0].groupby(level=0).mean().sort_index()
    if active.empty:
        raise InsufficientDataError("national_participants: tidak ada data 'active'")
    months = np.asarray(_month_number(pd.PeriodIndex(active.index)), dtype=float)
    t0 = float(_month_number(pd.Period(pd.Timestamp(anchor_date), freq="M")))
    log_a0 = float(np.interp(t0, months, np.log(active.to_numpy())))
    d0 = math.exp(log_a0) / float(anchor_coverage)
    denom = d0 * (1.0 + workforce_growth) ** ((months - t0) / 12.0)
    return pd.Series(
        np.clip(active.to_numpy() / denom, 0.0, 1.0), index=active.index, name="coverage"
    )
