"""The long panel ``unit, level, date, coverage`` that the pooled growth model is fitted on.

:func:`coverage_panel` builds it from the loader's coverage frame (optionally with the national
proxy history of :mod:`.national_proxy`); :func:`panel_from` also accepts a loader ``Dataset``
or ``DataBundle`` and reads the national workforce growth from its assumptions.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .national_proxy import national_coverage_proxy

__all__ = ["coverage_panel", "panel_from", "NATIONAL_GROWTH_PARAMETER"]


def _truthy(values: pd.Series) -> pd.Series:
    """Booleans from a bool column or from text such as ``true``/``false``/``ya``/``1``."""
    if pd.api.types.is_bool_dtype(values):
        return values.fillna(False).astype(bool)
    text = values.astype(str).str.strip().str.lower()
    return text.isin(["true", "1", "1.0", "yes", "ya", "y", "benar"])


def coverage_panel(
    coverage_frame: pd.DataFrame,
    *,
    segment: str = "total",
    national_participants: pd.DataFrame | None = None,
    national_workforce_growth: float | None = None,
) -> pd.DataFrame:
    """Long panel ``unit, level, date, coverage`` from the loader's coverage frame.

    Parameters
    ----------
    coverage_frame : pandas.DataFrame
        Columns as in ``data/coverage.csv`` (``regency, province, level, date, segment,
        workforce, active, coverage_pct, use_in_model, quality, ...``).
    segment : str, keyword-only
        Segment to keep (``total`` by default).
    national_participants : pandas.DataFrame or None, keyword-only
        If given (with ``national_workforce_growth``), the nation's history is replaced by
        :func:`national_coverage_proxy` anchored at the latest national coverage figure
        (quality ``derived``).
    national_workforce_growth : float or None, keyword-only
        Yearly growth of the national eligible workforce for the proxy. [per year]

    Returns
    -------
    pandas.DataFrame
        Rows with ``use_in_model`` true, the segment and a coverage figure (``coverage_pct``, or
        ``active / workforce`` when only counts are given): ``unit`` (the ``regency`` column:
        regency, province or ``Indonesia``), ``level``, ``province``, ``date``
        (``datetime64``), ``coverage`` [0-1], ``quality``, sorted by unit and date.
    """
    required = {"regency", "date"}
    missing = required - set(coverage_frame.columns)
    if missing:
        raise ValueError(
            f"coverage_frame: kolom hilang {sorted(missing)} — expected the loader's coverage "
            f"frame with columns regency, level, date, segment, coverage_pct, use_in_model"
        )
    f = coverage_frame.copy()
    if "use_in_model" in f:
        f = f[_truthy(f["use_in_model"]).to_numpy()]
    if "segment" in f:
        f = f[f["segment"].fillna("total").astype(str).str.strip().str.lower() == segment]
    pct = (
        pd.to_numeric(f["coverage_pct"], errors="coerce").astype(float)
        if "coverage_pct" in f
        else None
    )
    if {"active", "workforce"} <= set(f.columns):
        ratio = 100.0 * (
            pd.to_numeric(f["active"], errors="coerce").astype(float)
            / pd.to_numeric(f["workforce"], errors="coerce").astype(float)
        )
        pct = ratio if pct is None else pct.fillna(ratio)
    if pct is None:
        raise ValueError(
            "coverage_frame: tidak ada kolom cakupan — needs coverage_pct or active and workforce"
        )
    out = pd.DataFrame(
        {
            "unit": f["regency"].astype(str).str.strip(),
            "level": f["level"].astype(str) if "level" in f else "regency",
            "province": f["province"].astype(str) if "province" in f else "",
            "date": pd.to_datetime(f["date"]),
            "coverage": pct / 100.0,
            "quality": f["quality"].astype(str) if "quality" in f else "observed",
        }
    )
    out = out[out["coverage"].notna() & out["date"].notna()]
    if national_participants is not None:
        if national_workforce_growth is None:
            raise ValueError(
                "national_workforce_growth: wajib diisi bersama national_participants — required "
                "with national_participants (yearly growth of the eligible workforce)"
            )
        nation = out[out["level"] == "nation"].sort_values("date")
        if nation.empty:
            raise ValueError(
                "national_participants: tidak ada angka cakupan nasional sebagai jangkar — needs "
                "a national coverage figure (level 'nation') to anchor the proxy"
            )
        anchor = nation.iloc[-1]
        proxy = national_coverage_proxy(
            national_participants,
            float(anchor["coverage"]),
            anchor["date"],
            workforce_growth=float(national_workforce_growth),
        )
        extra = pd.DataFrame(
            {
                "unit": anchor["unit"],
                "level": "nation",
                "province": anchor["province"],
                "date": proxy.index.to_timestamp(how="end").normalize(),
                "coverage": proxy.to_numpy(),
                "quality": "derived",
            }
        )
        out = pd.concat([out[out["unit"] != anchor["unit"]], extra], ignore_index=True)
    return out.sort_values(["unit", "date"]).reset_index(drop=True)


def _coverage_frame(obj: Any) -> pd.DataFrame:
    """Accept the coverage frame, a loader ``Dataset`` or a ``DataBundle``."""
    if isinstance(obj, pd.DataFrame):
        return obj
    cov = getattr(obj, "coverage", None)
    if cov is not None:
        return cov.frame if hasattr(cov, "frame") else cov
    frame = getattr(obj, "frame", None)
    if isinstance(frame, pd.DataFrame):
        return frame
    raise TypeError(
        "coverage_frame: harus DataFrame cakupan atau DataBundle — expected the coverage frame, "
        f"a loader Dataset or a DataBundle, got {type(obj).__name__}"
    )


#: Parameter in ``assumptions.csv`` read by ``national_workforce_growth="auto"``. [% per year]
NATIONAL_GROWTH_PARAMETER = "national_workforce_growth_pct"


def _auto_national_growth(obj: Any) -> float | None:
    """``national_workforce_growth_pct / 100`` from a bundle's assumptions, if present."""
    ds = getattr(obj, "assumptions", None)
    frame = getattr(ds, "frame", ds)
    if not isinstance(frame, pd.DataFrame) or "parameter" not in frame:
        return None
    rows = frame[frame["parameter"].astype(str) == NATIONAL_GROWTH_PARAMETER]
    if "regency" in rows:
        rows = rows[rows["regency"].astype(str).isin(["*", "Indonesia"])]
    if rows.empty:
        return None
    return float(pd.to_numeric(rows["value"], errors="coerce").iloc[0]) / 100.0


def panel_from(
    coverage_frame: Any,
    *,
    national_participants: pd.DataFrame | None = None,
    national_workforce_growth: float | str | None = "auto",
) -> pd.DataFrame:
    """Panel for the pooled model from a coverage frame or a ``DataBundle``.

    Parameters
    ----------
    coverage_frame : pandas.DataFrame, Dataset or DataBundle
        The loader's coverage data.
    national_participants : pandas.DataFrame or None, keyword-only
        National active participants; with a bundle the bundle's ``national_participants``
        frame is used when this is None and a growth rate is set.
    national_workforce_growth : float, "auto" or None, keyword-only
        Yearly growth of the national eligible workforce [per year]. When set, the nation's
        history is the :func:`national_coverage_proxy` (quality ``derived``). ``"auto"``
        (default) takes ``national_workforce_growth_pct`` from a bundle's assumptions if that row
        exists, else uses the coverage figures only; ``None`` always uses the coverage figures
        only.

    Returns
    -------
    pandas.DataFrame
        See :func:`coverage_panel`.
    """
    frame = _coverage_frame(coverage_frame)
    if isinstance(national_workforce_growth, str):
        if national_workforce_growth != "auto":
            raise ValueError(
                f"national_workforce_growth: harus angka, 'auto' atau None — expected a yearly "
                f"rate, 'auto' or None, got {national_workforce_growth!r}"
            )
        national_workforce_growth = _auto_national_growth(coverage_frame)
        if national_workforce_growth is None and national_participants is not None:
            raise ValueError(
                "national_workforce_growth: wajib diisi bersama national_participants — required "
                "with national_participants (not found as 'national_workforce_growth_pct' in "
                "the assumptions)"
            )
    if national_workforce_growth is not None and national_participants is None:
        ds = getattr(coverage_frame, "national_participants", None)
        national_participants = getattr(ds, "frame", ds)
        if national_participants is None:
            raise ValueError(
                "national_participants: wajib diisi bila national_workforce_growth diberikan — "
                "required with national_workforce_growth (pass the frame or a DataBundle)"
            )
    return coverage_panel(
        frame,
        national_participants=national_participants,
        national_workforce_growth=national_workforce_growth,
    )
