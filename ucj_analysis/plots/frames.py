"""Checks on the frames the charts take, and months as month-end timestamps.

A month is drawn at the last day of the month (a ``Period("2030-12")`` deadline sits on
31 Dec 2030). The checks raise ``TypeError`` / ``ValueError`` naming the chart, the missing
column, the unknown scenario or regency and what the frame has.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd


def _require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {missing}; frame has {list(frame.columns)}")


def _month_end(value: object) -> pd.Timestamp:
    """Last day of the month of a Period / Timestamp / date / 'YYYY-MM' string; NaT if missing."""
    if value is None or value is pd.NaT or value is pd.NA:
        return pd.NaT
    if isinstance(value, float) and math.isnan(value):
        return pd.NaT
    if isinstance(value, str) and not value.strip():
        return pd.NaT
    if isinstance(value, pd.Period):
        per = value.asfreq("M")
    else:
        ts = pd.Timestamp(value)
        if ts is pd.NaT:
            return pd.NaT
        per = ts.to_period("M")
    return per.to_timestamp(how="end").normalize()


def _month_end_series(values: Iterable[object]) -> pd.Series:
    """:func:`_month_end` of each value (one vectorised step for a monthly-period column)."""
    if isinstance(values, pd.Series | pd.Index) and isinstance(values.dtype, pd.PeriodDtype):
        ends = pd.PeriodIndex(values).asfreq("M").to_timestamp(how="end").normalize()
        return pd.Series(ends.astype("datetime64[ns]"))
    return pd.Series([_month_end(v) for v in values], dtype="datetime64[ns]")


def _as_month_list(values: Iterable[object] | None) -> list[pd.Timestamp]:
    if values is None:
        return []
    if isinstance(values, str | pd.Period | pd.Timestamp):
        values = [values]
    return [m for m in (_month_end(v) for v in values) if m is not pd.NaT]


def _scenario_order(frame: pd.DataFrame, scenarios: Sequence[str] | None, what: str) -> list[str]:
    present = list(dict.fromkeys(frame["scenario"].astype(str)))
    if scenarios is None:
        return present
    scenarios = [scenarios] if isinstance(scenarios, str) else list(scenarios)
    unknown = [s for s in scenarios if s not in present]
    if unknown:
        raise ValueError(f"{what}: scenario(s) {unknown} not in the frame; available: {present}")
    return scenarios


def _scenario_label_map(
    frame: pd.DataFrame, scenario_labels: Mapping[str, str] | None
) -> dict[str, str]:
    labels: dict[str, str] = {}
    if "scenario_label" in frame.columns:
        for key, lab in zip(frame["scenario"].astype(str), frame["scenario_label"], strict=True):
            if isinstance(lab, str) and lab:
                labels.setdefault(key, lab)
    if scenario_labels:
        labels.update({str(k): str(v) for k, v in scenario_labels.items()})
    return labels


def _filter_regency(
    frame: pd.DataFrame, regency: str | None, what: str
) -> tuple[pd.DataFrame, str | None]:
    if "regency" not in frame.columns:
        return frame, regency
    present = list(dict.fromkeys(frame["regency"].astype(str)))
    if regency is None:
        if len(present) == 1:
            return frame, present[0]
        return frame, None
    sub = frame[frame["regency"].astype(str) == str(regency)]
    if sub.empty:
        raise ValueError(f"{what}: regency {regency!r} not in the frame; available: {present}")
    return sub, str(regency)
