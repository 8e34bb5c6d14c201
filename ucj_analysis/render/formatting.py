"""Single values as text: percentages, rupiah, months, dates, durations, parameter values.

Everything here is pure: values in, text (or a normalised value) out, ``—``/None when missing.
Numbers are formatted by :mod:`ucj_analysis.i18n`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ucj_analysis.record import to_jsonable
from ucj_analysis.render.labels import MISSING, _l

__all__ = ["DEFAULT_HORIZON_END", "STALE_AFTER_MONTHS"]

#: last month of the forecasts when a record does not say (``YYYY-MM``)
DEFAULT_HORIZON_END = "2045-12"

#: a latest figure older than this many months is flagged on the index page
STALE_AFTER_MONTHS = 12


def _package_version() -> str:
    import ucj_analysis

    version = getattr(ucj_analysis, "__version__", None)
    if version:
        return str(version)
    try:
        from importlib.metadata import version as _dist_version

        return _dist_version("ucj-analysis")
    except Exception:  # noqa: BLE001 - not installed as a distribution
        return "0+unknown"


def _format_pct(value: Any, lang: str, decimals: int = 1) -> str:
    """Percentage [0-100] as text via :func:`ucj_analysis.i18n.format_pct`; ``—`` if missing."""
    from ucj_analysis.i18n import format_pct

    if value is None or (isinstance(value, float) and value != value):
        return "—"
    return format_pct(float(value), lang, decimals=decimals)


def _format_rp(value: Any, lang: str) -> str:
    """Amount [Rp] as ``Rp 11,88 miliar`` / ``Rp 500,00 juta`` (2 decimals, the format of the
    reports' budget lines); ``—`` if missing. Uses :func:`ucj_analysis.i18n.format_rp`."""

    from ucj_analysis.i18n import format_budget

    amount = _float_or_none(value)
    return MISSING if amount is None else format_budget(amount, lang)


def _format_month(value: Any, lang: str) -> str | None:
    """Month (``"2031-05"``, Period, Timestamp) as ``Mei 2031`` / ``May 2031``; None if missing."""
    from ucj_analysis.i18n import format_month

    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return format_month(value, lang)


def _short_month(value: Any, lang: str) -> str | None:
    """Abbreviated month: ``Des 2045`` / ``Dec 2045``; None if missing."""
    from ucj_analysis.i18n import format_month

    if _format_month(value, lang) is None:
        return None
    return format_month(value, lang, short=True)


def _not_reached_text(horizon_end: Any, lang: str) -> str:
    """``tidak tercapai sebelum Des 2045`` / ``not reached by Dec 2045``."""
    from ucj_analysis.i18n import t

    return t("not_reached_by", lang, month=_short_month(horizon_end or DEFAULT_HORIZON_END, lang))


def _iso_month(value: Any) -> str | None:
    """Normalise a month-like value to ``YYYY-MM`` (None if missing)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        m = re.match(r"^(\d{4})-(\d{1,2})", text)
        if m:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
        return text
    if isinstance(value, pd.Period):
        return value.asfreq("M").strftime("%Y-%m")
    if isinstance(value, dt.date | pd.Timestamp):
        return f"{value.year:04d}-{value.month:02d}"
    return str(value)


def _format_datetime(value: Any, lang: str) -> str:
    """Run date as ``21 November 2025, 14.05`` (id) / ``21 November 2025, 14:05`` (en)."""
    if value is None:
        value = dt.datetime.now()
    if isinstance(value, str):
        text = value.strip()
        try:
            value = (
                dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
            )
        except ValueError:
            return text
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    from ucj_analysis.i18n import format_clock, format_date

    text = format_date(dt.date(value.year, value.month, value.day), lang)
    if isinstance(value, dt.datetime):
        text += ", " + format_clock(value.hour, value.minute, lang)
    return text


def _format_seconds(seconds: Any, lang: str) -> str:
    if seconds is None:
        return "—"
    try:
        s = float(seconds)
    except (TypeError, ValueError):
        return "—"
    if s != s:
        return "—"
    if s < 60:
        from ucj_analysis.i18n import format_number

        return f"{format_number(s, lang, 1)} {_l('seconds_short', lang)}"
    minutes, rest = divmod(round(s), 60)
    return f"{minutes} {_l('minutes_short', lang)} {rest:02d} {_l('seconds_short', lang)}"


def _format_value(value: Any) -> str:
    """Parameter value as compact text (lists joined, mappings as JSON)."""
    value = to_jsonable(value)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return ", ".join("—" if v is None else str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _join_sources(sources: Any) -> str:
    if sources is None:
        return ""
    if isinstance(sources, str):
        return sources
    if isinstance(sources, Mapping):
        return "; ".join(f"{k}: {v}" for k, v in sources.items())
    if isinstance(sources, Iterable):
        return "; ".join(str(s) for s in sources if s is not None and str(s) != "")
    return str(sources)


def _as_records(value: Any) -> list[dict]:
    """A DataFrame / list of dicts / None -> list of plain dicts."""
    if value is None:
        return []
    if isinstance(value, pd.DataFrame):
        return [dict(r) for r in to_jsonable(value)]
    if isinstance(value, Mapping):
        return [dict(value)]
    return [dict(r) for r in value if isinstance(r, Mapping)]


def _int_or_none(value: Any) -> int | None:
    try:
        if value is None or (isinstance(value, float) and value != value):
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def _float_or_none(value: Any) -> float | None:
    try:
        if value is None:
            return None
        out = float(value)
        return None if out != out else out
    except (TypeError, ValueError):
        return None


def _iso_date(value: Any) -> str | None:
    """A run date (``date``, ``datetime``, ISO text) as ``YYYY-MM-DD``; None if unreadable."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, dt.date | pd.Timestamp):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    m = re.match(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _months_between(earlier: str | None, later: str | None) -> int | None:
    """Whole months from ``YYYY-MM`` ``earlier`` to the month of ``later`` (``YYYY-MM[-DD]``)."""
    a, b = _iso_month(earlier), _iso_month(later)
    pattern = re.compile(r"^\d{4}-\d{2}$")
    if a is None or b is None or not pattern.match(a) or not pattern.match(b):
        return None
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7])


def _css_string(text: Any) -> str:
    """A CSS string literal for ``content:``; quotes, backslashes, controls and ``<>&`` escaped."""
    out = []
    for ch in str(text):
        if ch in '"\\<>&' or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _text(value: Any, lang: str) -> str:
    """A label: str, ``Text``-like object with ``.get(lang)``, or mapping ``{"id":…, "en":…}``."""
    if isinstance(value, Mapping) and lang in value:
        return str(value[lang])
    getter = getattr(value, "get", None)
    if callable(getter) and not isinstance(value, Mapping):
        try:
            return str(getter(lang))
        except (TypeError, ValueError):
            pass
    return str(value)


def _scenario_labels(scenarios: Any, lang: str) -> list[str]:
    """Labels from a list of keys / labels / ``Scenario`` objects / dicts, or a key -> label map."""
    if scenarios is None:
        return []
    if isinstance(scenarios, str):
        return [scenarios]
    out = []
    if isinstance(scenarios, Mapping):
        for key, val in scenarios.items():
            if hasattr(val, "label"):
                val = val.label
            elif isinstance(val, Mapping) and "label" in val:
                val = val["label"]
            out.append(_text(val, lang) if val else str(key))
        return out
    for item in scenarios:
        if isinstance(item, Mapping):
            label = item.get("label") or item.get("scenario_label") or item.get("key")
            out.append(_text(label, lang))
        elif hasattr(item, "label"):
            out.append(_text(item.label, lang))
        else:
            out.append(str(item))
    return out
