"""What the charts draw on an axes besides the data: marker lines, labels, zones, time ticks.

Labels never sit on the data: the target label is in the right margin at the target's height,
deadline / "today" / budget-start labels are above the top of the axes, stacked on rows when
they would touch (text extents are estimated generously and checked against the drawn extents
in the tests). The simulation horizon gets a shaded "not reached by <month>" zone. A time axis
spanning 3 years or more has year ticks, a shorter one month ticks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
from matplotlib import dates as mdates
from matplotlib import ticker as mticker
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory

from ucj_analysis.i18n import format_month, t
from ucj_analysis.plots.style import (
    BUDGET_START_COLOR,
    DEADLINE_COLOR,
    HORIZON_COLOR,
    MUTED_TEXT,
    TARGET_COLOR,
    TODAY_COLOR,
    ZONE_COLOR,
    _small,
    _smart_pct,
    _tx,
    _wrap_two_lines,
)
from ucj_analysis.plots.ticks import month_axis

_CHAR_EM = 0.62  # width of an average DejaVu Sans character [em]; generous on purpose
_LINE_EM = 1.3  # line height [em]


def _text_size_in(text: str, fontsize: float) -> tuple[float, float]:
    """Generous estimate of a text's width and height [in]."""
    lines = str(text).split("\n")
    width = max(len(line) for line in lines) * fontsize * _CHAR_EM / 72.0
    return width, len(lines) * fontsize * _LINE_EM / 72.0


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Do two boxes (x0, y0, x1, y1) overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _vline(ax, x: pd.Timestamp, kind: str) -> None:
    """Vertical marker line: ``deadline`` (dashed grey), ``today`` (solid), ``budget`` (dotted)."""
    style = {
        "deadline": {"color": DEADLINE_COLOR, "linestyle": (0, (4, 3)), "linewidth": 1.0},
        "today": {"color": TODAY_COLOR, "linestyle": "-", "linewidth": 1.1},
        "budget": {"color": BUDGET_START_COLOR, "linestyle": (0, (1, 2)), "linewidth": 1.4},
    }[kind]
    ax.axvline(x, zorder=2, **style)


def _vline_handle(kind: str, label: str) -> Line2D:
    style = {
        "deadline": {"color": DEADLINE_COLOR, "linestyle": (0, (4, 3)), "linewidth": 1.0},
        "today": {"color": TODAY_COLOR, "linestyle": "-", "linewidth": 1.1},
        "budget": {"color": BUDGET_START_COLOR, "linestyle": (0, (1, 2)), "linewidth": 1.4},
    }[kind]
    return Line2D([], [], label=label, **style)


def _top_labels(
    ax,
    items: Sequence[tuple[pd.Timestamp, str, str]],
    axes_width_in: float,
) -> int:
    """Write labels above the top of the axes at data x, stacking them on rows when they touch.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes with a date x axis whose limits are already set.
    items : sequence of (x, text, color)
        Label positions [month-end timestamps] and texts.
    axes_width_in : float
        A lower bound of the axes' drawn width [in] (smaller is safer: labels are spread more).

    Returns
    -------
    int
        Number of label rows used (to pad the axes title).
    """
    if not items:
        return 0
    x0, x1 = ax.get_xlim()
    fs = _small()
    gap = 0.06  # [in] between neighbouring labels
    row_ends: list[float] = []  # right end of the last label on each row [axes fraction]
    tr = blended_transform_factory(ax.transData, ax.transAxes)
    for x, text, color in sorted(items, key=lambda it: it[0]):
        xn = float(mdates.date2num(x))
        f = (xn - x0) / (x1 - x0)
        w = (_text_size_in(text, fs)[0] + gap) / axes_width_in
        # candidate spans: centred on the line, starting at it, ending at it (inside the axes)
        spans = [(ha, lo) for ha, lo in (("center", f - w / 2), ("left", f), ("right", f - w))]
        spans = [(ha, lo) for ha, lo in spans if lo >= -1e-9 and lo + w <= 1 + 1e-9] or [
            ("left", f) if f < 0.5 else ("right", f - w)
        ]
        choice = None
        for row in range(len(row_ends) + 1):
            end = row_ends[row] if row < len(row_ends) else -math.inf
            fits = [(ha, lo) for ha, lo in spans if lo >= end]
            if fits:
                choice = (row, *fits[0])
                break
        row, ha, left = choice
        if row == len(row_ends):
            row_ends.append(left + w)
        else:
            row_ends[row] = left + w
        ax.annotate(
            text,
            xy=(xn, 1.0),
            xycoords=tr,
            xytext=(0, 2 + row * fs * _LINE_EM),
            textcoords="offset points",
            ha=ha,
            va="bottom",
            fontsize=fs,
            color=color,
            annotation_clip=False,
            zorder=6,
        )
    return len(row_ends)


def _title_pad(rows: int) -> float:
    """Axes title padding [pt] leaving room for ``rows`` rows of top labels."""
    return 6.0 + rows * _small() * _LINE_EM


def _target_label(ax, target_pct: float, lang: str, *, axis: str = "y") -> None:
    """Target label in the right margin at the target's height (``axis="y"``), or above the
    axes at the target's x (``axis="x"``); never over the data."""
    text = t("target_line", lang, pct=_smart_pct(target_pct, lang))
    if axis == "y":
        ax.annotate(
            text,
            xy=(1.0, target_pct),
            xycoords=blended_transform_factory(ax.transAxes, ax.transData),
            xytext=(4, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=_small(),
            color=TARGET_COLOR,
            annotation_clip=False,
        )
    else:
        ax.annotate(
            text,
            xy=(target_pct, 1.0),
            xycoords=blended_transform_factory(ax.transData, ax.transAxes),
            xytext=(0, 2),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=_small(),
            color=TARGET_COLOR,
            annotation_clip=False,
        )


def _target_hline(ax, target_pct: float) -> None:
    ax.axhline(target_pct, color=TARGET_COLOR, linewidth=1.2, linestyle=(0, (6, 3)), zorder=4)


def _target_handle(target_pct: float, lang: str) -> Line2D:
    return Line2D(
        [],
        [],
        color=TARGET_COLOR,
        linewidth=1.2,
        linestyle=(0, (6, 3)),
        label=t("target_line", lang, pct=_smart_pct(target_pct, lang)),
    )


def _beyond_zone_x(
    ax, horizon: pd.Timestamp, right: pd.Timestamp, lang: str, *, label_y: float = 0.995
):
    """Shade the x-range after the simulation horizon and label it 'not reached by …'."""
    ax.axvspan(horizon, right, facecolor=ZONE_COLOR, edgecolor="none", zorder=0)
    ax.axvline(horizon, color=HORIZON_COLOR, linewidth=1.0, zorder=1)
    tr = blended_transform_factory(ax.transData, ax.transAxes)
    mid = horizon + (right - horizon) / 2
    ax.text(
        mid,
        label_y,
        _wrap_two_lines(t("not_reached_by", lang, month=format_month(horizon, lang, short=True))),
        transform=tr,
        ha="center",
        va="top",
        fontsize=_small(),
        color=MUTED_TEXT,
        wrap=False,
        zorder=5,
        linespacing=1.1,
    )


class _ClippedLocator(mticker.Locator):
    """Wrap a locator and drop ticks after ``vmax`` (no dates inside the 'not reached' zone)."""

    def __init__(self, base: mticker.Locator, vmax: float):
        self.base = base
        self.vmax = float(vmax)

    def set_axis(self, axis):  # noqa: D102
        super().set_axis(axis)
        self.base.set_axis(axis)

    def __call__(self):  # noqa: D102
        return [v for v in self.base() if v <= self.vmax + 1e-9]

    def tick_values(self, vmin, vmax):  # noqa: D102
        return [v for v in self.base.tick_values(vmin, vmax) if v <= self.vmax + 1e-9]


class _MemoLocator(mticker.Locator):
    """Wrap a locator and remember its ticks for the view interval last asked for.

    Laying out a figure asks every axis for its ticks dozens of times with the same limits; a
    date locator answers each time by iterating a ``dateutil`` rule, a visible share of the time
    the forecast report's charts took in a profile. The ticks are those of ``base``.
    """

    def __init__(self, base: mticker.Locator):
        self.base = base
        self._memo: tuple[tuple[float, float], list[float]] | None = None

    def set_axis(self, axis):  # noqa: D102
        super().set_axis(axis)
        self.base.set_axis(axis)

    def __call__(self):  # noqa: D102
        key = tuple(float(v) for v in self.axis.get_view_interval())
        if self._memo is None or self._memo[0] != key:
            self._memo = (key, list(self.base()))
        return list(self._memo[1])

    def tick_values(self, vmin, vmax):  # noqa: D102
        return self.base.tick_values(vmin, vmax)


def _time_axis(
    ax,
    lang: str,
    lo: pd.Timestamp,
    hi: pd.Timestamp,
    *,
    axis: str = "x",
    maxticks: int = 7,
    clip_at: pd.Timestamp | None = None,
) -> bool:
    """Year ticks (``"2030"``) when the axis spans 3 years or more, else month ticks.

    Returns
    -------
    bool
        True if the ticks are years (label the axis "Tahun"/"Year"), False for months.
    """
    target = ax.xaxis if axis == "x" else ax.yaxis
    span_years = (hi - lo).days / 365.25
    years = span_years >= 3
    if years:
        base = next((b for b in (1, 2, 5, 10, 20, 50, 100) if span_years / b <= maxticks), 100)
        target.set_major_locator(mdates.YearLocator(base))
        target.set_major_formatter(
            mticker.FuncFormatter(lambda v, _p: str(mdates.num2date(v).year))
        )
    else:
        month_axis(ax, lang, axis=axis, maxticks=maxticks)
    if clip_at is not None:
        target.set_major_locator(
            _ClippedLocator(target.get_major_locator(), mdates.date2num(clip_at))
        )
    target.set_major_locator(_MemoLocator(target.get_major_locator()))
    return years


def _time_label(years: bool, lang: str, *, reached: bool = False) -> str:
    if reached:
        return _tx("axis.year_reached", lang) if years else t("axis.month_reached", lang)
    return t("axis.year" if years else "axis.month", lang)
