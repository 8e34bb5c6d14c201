"""Matplotlib tick formatters in Indonesian / English: percent, rupiah, month names.

Built on the formatting rules of :mod:`ucj_analysis.i18n` (``"40 %"`` / ``"40%"``,
``"Rp 5 miliar"`` / ``"IDR 5 billion"``, ``"Des 2030"`` / ``"Dec 2030"``), so an axis reads like
the tables and the text of the same report.
"""

from __future__ import annotations

import math

from matplotlib import dates as mdates
from matplotlib import ticker as mticker

from ucj_analysis.i18n import (
    _CURRENCY,
    _RP_UNITS,
    MONTHS_SHORT,
    _resolve_rp_unit,
    check_lang,
    format_pct,
    format_rp,
)

__all__ = [
    "pct_formatter",
    "rp_formatter",
    "month_axis",
    "RpFormatter",
    "PctFormatter",
    "MonthFormatter",
]


def _needed_decimals(values: list[float], max_decimals: int = 2) -> int:
    """Fewest decimals (0..max) that show every value exactly (to 1e-9 relative)."""
    finite = [v for v in values if math.isfinite(v)]
    for dec in range(max_decimals + 1):
        if all(abs(round(v, dec) - v) <= 1e-9 * max(1.0, abs(v)) for v in finite):
            return dec
    return max_decimals


class PctFormatter(mticker.Formatter):
    """Tick labels for an axis in percent: ``"40 %"`` (id) / ``"40%"`` (en).

    Parameters
    ----------
    lang : {"id", "en"}
        Language.
    decimals : int, optional
        Fixed decimals; default: the fewest that show all tick values.
    scale : float
        Multiply data values by this before formatting (``100`` for proportions 0-1).
    """

    def __init__(self, lang: str = "id", decimals: int | None = None, scale: float = 1.0):
        self.lang = check_lang(lang)
        self.decimals = decimals
        self.scale = float(scale)
        self._auto_dec = 0

    def set_locs(self, locs):  # noqa: D102
        super().set_locs(locs)
        self._auto_dec = _needed_decimals([float(v) * self.scale for v in locs], 2)

    def __call__(self, x, pos=None):  # noqa: D102
        dec = self.decimals if self.decimals is not None else self._auto_dec
        return format_pct(float(x) * self.scale, self.lang, dec)


class RpFormatter(mticker.Formatter):
    """Tick labels in rupiah with one unit for the whole axis (``"Rp 5 miliar"``).

    The unit (juta/miliar/triliun or full) is chosen from the largest tick; decimals are the
    fewest that show every tick value.

    Parameters
    ----------
    lang : {"id", "en"}
        Language.
    unit : str
        ``"auto"`` or a fixed unit accepted by :func:`format_rp`.
    """

    def __init__(self, lang: str = "id", unit: str = "auto"):
        self.lang = check_lang(lang)
        self.unit = _resolve_rp_unit(unit)
        self._unit = "full" if self.unit == "auto" else self.unit
        self._dec = 0
        self._ticks: list[float] = []

    def set_locs(self, locs):  # noqa: D102
        super().set_locs(locs)
        self._ticks = [float(v) for v in locs]
        vals = [abs(float(v)) for v in locs if math.isfinite(float(v))]
        if self.unit == "auto":
            top = max(vals, default=0.0)
            self._unit = "full"
            for name in ("trillion", "billion", "million"):
                if top >= _RP_UNITS[name][0]:
                    self._unit = name
                    break
        scale = _RP_UNITS[self._unit][0]
        self._dec = _needed_decimals([float(v) / scale for v in locs], 2)

    def __call__(self, x, pos=None):  # noqa: D102
        if not self._ticks:  # called outside a draw (e.g. cursor): format alone
            return format_rp(x, self.lang, trim=True)
        if float(x) == 0:
            return f"{_CURRENCY[self.lang]} 0"
        return format_rp(x, self.lang, unit=self._unit, decimals=self._dec)


class MonthFormatter(mticker.Formatter):
    """Date tick labels with Indonesian / English month abbreviations.

    Ticks all on 1 January over a span of 3 years or more are shown as the year (``"2030"``);
    otherwise as ``"Des 2030"`` / ``"Dec 2030"``.

    Parameters
    ----------
    lang : {"id", "en"}
        Language.
    """

    def __init__(self, lang: str = "id"):
        self.lang = check_lang(lang)
        self._years_only = False

    def set_locs(self, locs):  # noqa: D102
        super().set_locs(locs)
        if len(locs) == 0:
            self._years_only = False
            return
        dts = [mdates.num2date(float(v)) for v in locs]
        span_years = (max(dts) - min(dts)).days / 365.25
        self._years_only = all(d.month == 1 and d.day == 1 for d in dts) and (
            span_years >= 3 or len(dts) == 1
        )

    def __call__(self, x, pos=None):  # noqa: D102
        d = mdates.num2date(float(x))
        if self._years_only:
            return str(d.year)
        return f"{MONTHS_SHORT[self.lang][d.month - 1]} {d.year}"


def pct_formatter(
    lang: str = "id", decimals: int | None = None, scale: float = 1.0
) -> PctFormatter:
    """Tick formatter for percentages; see :class:`PctFormatter`."""
    return PctFormatter(lang, decimals=decimals, scale=scale)


def rp_formatter(lang: str = "id", unit: str = "auto") -> RpFormatter:
    """Tick formatter for rupiah amounts; see :class:`RpFormatter`."""
    return RpFormatter(lang, unit=unit)


def month_axis(ax, lang: str = "id", axis: str = "x", *, minticks: int = 3, maxticks: int = 8):
    """Put a date locator and month-name formatter on a date axis.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes whose ``axis`` holds dates (datetime64 / matplotlib date numbers).
    lang : {"id", "en"}
        Language of month names.
    axis : {"x", "y"}
        Which axis.
    minticks, maxticks : int
        Bounds for the number of ticks (passed to ``AutoDateLocator``).

    Returns
    -------
    matplotlib.axes.Axes
        The same axes.
    """
    lang = check_lang(lang)
    if axis not in ("x", "y"):
        raise ValueError(f"axis must be 'x' or 'y', got {axis!r}")
    target = ax.xaxis if axis == "x" else ax.yaxis
    locator = mdates.AutoDateLocator(minticks=minticks, maxticks=maxticks)
    # Years in steps that read naturally (1, 2, 5, 10); never odd steps such as 3 or 4.
    locator.intervald[mdates.YEARLY] = [1, 2, 5, 10, 20, 50, 100]
    target.set_major_locator(locator)
    target.set_major_formatter(MonthFormatter(lang))
    return ax
