"""Matplotlib figures for the reports: frames in, :class:`matplotlib.figure.Figure` out.

The functions are pure: they build figures with the object-oriented API (``Figure()``,
``fig.subplots()``), never touch pyplot's global state, never read or write files and never
show anything. That makes them safe in batch runs, in threads and in papermill notebooks (a
returned ``Figure`` displays inline in Jupyter).

All text is in one language per figure: Bahasa Indonesia by default, English with
``lang="en"``; Indonesian number formats on the ticks (``"40 %"``, ``"2,5"``, ``"Rp miliar"``).
Shared labels come from :mod:`ucj_analysis.i18n`; the few chart-only phrases are in
``_TEXT`` below, in both languages.

Size, format and resolution
---------------------------
Page figures are :data:`PAGE_WIDTH` = 7.45 in wide and are meant to be saved with
:data:`SAVE_KW`: PNG at :data:`SAVE_DPI` = 110 dpi, i.e. 7.45 in x 110 dpi = 820 px, the width
of the report's text column, so the image is shown at 1:1 and the 10 pt base font (9 pt for the
smallest annotations, :data:`SMALL_PT`) stays that size on the page instead of being scaled
down. Constrained layout keeps every label inside the figure, so ``bbox_inches="tight"``
(which draws the figure a second time) is not needed.

Measured on the six-scenario Konawe forecast (2 shared cores, best of 5, save only): fan chart
0.47 s as PNG 110 dpi, 0.69 s with ``bbox_inches="tight"``, 0.64 s as PNG 220 dpi (twice the
bytes: 308 KB against 146 KB) and 0.61 s as SVG (215 KB, text depending on the reader's
fonts); the time-to-target and cost charts take 0.13-0.17 s. PNG at the page's own density is
the fastest, the smallest and renders the same in every browser and in the PDF export.
The portfolio chart is a 16:9 slide (13.33 in) with fonts scaled by 1.35 for projection.

Colours
-------
Each scenario has one colour on every page (:func:`scenario_color`): the preset scenarios have
fixed colours (:data:`SCENARIO_COLORS`) and any other scenario id gets a colour picked from
:data:`PALETTE` by a stable hash of its id, independent of which scenarios are drawn or in what
order. The palette is Okabe-Ito (colour-blind safe) without its yellow, plus a neutral grey.

Months are drawn at the **last day** of the month (a ``Period("2030-12")`` deadline sits on
31 Dec 2030), the convention the data files use for month-only figures. A time axis spanning
3 years or more has year ticks and is labelled "Tahun"/"Year"; shorter ones have month ticks
labelled "Bulan"/"Month".

"Not reached within the simulation horizon" is never drawn as a date: charts with a month axis
add a shaded zone to the right of (or above) the horizon labelled "tidak tercapai sebelum
<bulan>" / "not reached by <month>", and put such results inside that zone with an arrow.

Labels never sit on the data: the target label is in the right margin at the target's height,
deadline / "today" / budget-start labels are above the top of the axes (staggered on rows when
they would touch), and values written next to points are dropped when they would overlap an
earlier one.
"""

from __future__ import annotations

import math
import textwrap
import zlib
from collections.abc import Iterable, Mapping, Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib import ticker as mticker
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory

from .i18n import (
    check_lang,
    format_month,
    format_number,
    format_pct,
    format_rp,
    month_axis,
    pct_formatter,
    rp_formatter,
    t,
    translate_value,
)

__all__ = [
    "PALETTE",
    "SCENARIO_COLORS",
    "DPI",
    "SAVE_DPI",
    "SAVE_KW",
    "PAGE_WIDTH",
    "scenario_color",
    "scenario_colors",
    "fan_chart",
    "time_to_target_chart",
    "budget_curve",
    "tornado",
    "portfolio_chart",
    "cost_chart",
]

# Okabe-Ito without yellow (too pale on white) plus a neutral grey and a wine for custom ids.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#666666",  # grey
    "#882255",  # wine
)
#: Fixed colour of each preset scenario id (same colour on every chart and page).
SCENARIO_COLORS: dict[str, str] = {
    "trend_only": "#666666",  # grey: the status quo
    "add_5": "#56B4E9",  # sky blue: the smaller ADD share ...
    "add_10": "#0072B2",  # ... and the larger one in the same hue, darker
    "quota_100_per_desa": "#009E73",  # bluish green
    "fund_gap": "#E69F00",  # orange
    "arrears_stress": "#D55E00",  # vermillion: the stress case
    "sppg_10": "#CC79A7",  # reddish purple
}
TARGET_COLOR = "#1A1A1A"
DEADLINE_COLOR = "#6E6E6E"
TODAY_COLOR = "#1A1A1A"
BUDGET_START_COLOR = "#7A5C00"
NOWCAST_COLOR = "#DCE3EA"
HORIZON_COLOR = "#8C8C8C"
ZONE_COLOR = "#EFEFEF"
TEXT_COLOR = "#222222"
MUTED_TEXT = "#555555"
GRID_COLOR = "#E3E3E3"
NEUTRAL_BAR = "#5C7080"
LOW_COLOR = "#0072B2"
HIGH_COLOR = "#E69F00"
#: Width of a page figure [in]: 820 px at :data:`SAVE_DPI`.
PAGE_WIDTH = 7.45
#: Resolution to save page figures at [dpi] (1:1 on an 820 px column).
SAVE_DPI = 110
#: Keyword arguments for ``Figure.savefig`` used by the reports.
SAVE_KW: dict[str, object] = {"format": "png", "dpi": SAVE_DPI}
#: Figure resolution for inline display [dpi] (same as the saved one).
DPI = SAVE_DPI
#: Smallest font on any chart [pt].
SMALL_PT = 9.0

_QUALITY_MARKERS = {
    # quality -> (marker, facecolor, edgecolor, size)
    "observed": ("o", "#1B1B1B", "#1B1B1B", 40),
    "derived": ("D", "#8C8C8C", "#1B1B1B", 32),
    "assumed": ("o", "white", "#1B1B1B", 40),
}
_QUALITY_LEGEND_KEY = {
    "observed": "observed_points",
    "derived": "derived_points",
    "assumed": "assumed_points",
}

_BASE_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "xtick.labelsize": 9.5,
    "ytick.labelsize": 9.5,
    "legend.fontsize": 9.5,
    "axes.edgecolor": "#9A9A9A",
    "axes.labelcolor": TEXT_COLOR,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "text.color": TEXT_COLOR,
    "axes.titleweight": "bold",
    "figure.titleweight": "bold",
    "figure.titlesize": 12,
    "axes.unicode_minus": False,
}

# Chart-only phrases (both languages; one language per figure).
_TEXT: dict[str, dict[str, str]] = {
    "nowcast": {"id": "perkiraan kini", "en": "nowcast"},
    "today": {"id": "hari ini", "en": "today"},
    "today_legend": {"id": "Hari ini ({month})", "en": "Today ({month})"},
    "budget_start": {"id": "anggaran mulai", "en": "budget starts"},
    "budget_start_legend": {"id": "Anggaran mulai {month}", "en": "Budget starts {month}"},
    "deadline": {"id": "Tenggat", "en": "Deadline"},
    "axis.year_reached": {"id": "Tahun target tercapai", "en": "Year the target is reached"},
    "axis.coverage_at": {"id": "Cakupan pada {month} (%)", "en": "Coverage in {month} (%)"},
    "title.coverage_at": {
        "id": "Cakupan pada {month} dan kapan target {pct} tercapai",
        "en": "Coverage in {month} and when the {pct} target is reached",
    },
    "col.median_reached": {"id": "Median tercapai", "en": "Median reached"},
    "median_dot": {"id": "Median (titik)", "en": "Median (dot)"},
    "range_line": {"id": "P10–P90 (garis)", "en": "P10–P90 (line)"},
    "spending": {"id": "Perkiraan belanja (median)", "en": "Expected spending (median)"},
    "cost_p50": {"id": "Biaya iuran (median)", "en": "Contribution cost (median)"},
    "appropriation": {"id": "Pagu anggaran", "en": "Appropriation"},
    "axis.cost_unit": {"id": "Biaya per tahun ({unit})", "en": "Cost per year ({unit})"},
    "axis.cost_village_unit": {
        "id": "Biaya per desa per tahun ({unit})",
        "en": "Cost per village per year ({unit})",
    },
    "rank_by": {
        "id": "Urutan: median waktu tercapai pada skenario {scenario} (tercepat di atas, "
        "tidak tercapai di bawah)",
        "en": "Order: median time to target under {scenario} (earliest on top, "
        "not reached at the bottom)",
    },
    "rank_fastest": {
        "id": "Urutan: median waktu tercapai pada skenario tercepat tiap kabupaten "
        "(tercepat di atas, tidak tercapai di bawah)",
        "en": "Order: median time to target under each regency's fastest scenario "
        "(earliest on top, not reached at the bottom)",
    },
}
_RP_UNIT_WORDS = {
    "trillion": (1e12, {"id": "Rp triliun", "en": "IDR trillion"}),
    "billion": (1e9, {"id": "Rp miliar", "en": "IDR billion"}),
    "million": (1e6, {"id": "Rp juta", "en": "IDR million"}),
    "full": (1.0, {"id": "Rp", "en": "IDR"}),
}


def _tx(key: str, lang: str, **kw: object) -> str:
    text = _TEXT[key][lang]
    return text.format(**kw) if kw else text


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
def _rc(scale: float = 1.0) -> dict:
    rc = dict(_BASE_RC)
    for k in (
        "font.size",
        "axes.titlesize",
        "axes.labelsize",
        "xtick.labelsize",
        "ytick.labelsize",
        "legend.fontsize",
        "figure.titlesize",
    ):
        rc[k] = rc[k] * scale
    return rc


def _small() -> float:
    """Font size of annotations [pt]: 0.9 x base, never below :data:`SMALL_PT`."""
    return max(SMALL_PT, mpl.rcParams["font.size"] * 0.9)


def _new_figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), dpi=DPI, layout="constrained", facecolor="white")


def _style_axes(ax, *, grid_axis: str = "y") -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    if grid_axis:
        ax.grid(True, axis=grid_axis, color=GRID_COLOR, linewidth=0.8)
    ax.tick_params(length=3, width=0.8)


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
    return pd.Series([_month_end(v) for v in values], dtype="datetime64[ns]")


def _as_month_list(values: Iterable[object] | None) -> list[pd.Timestamp]:
    if values is None:
        return []
    if isinstance(values, str | pd.Period | pd.Timestamp):
        values = [values]
    return [m for m in (_month_end(v) for v in values) if m is not pd.NaT]


def _smart_pct(x_pct: float, lang: str) -> str:
    dec = (
        0
        if abs(x_pct - round(x_pct)) < 1e-9
        else (1 if abs(x_pct * 10 - round(x_pct * 10)) < 1e-6 else 2)
    )
    return format_pct(x_pct, lang, dec)


def _share_text(share: float, lang: str) -> str:
    """A probability [0-1] as a whole percentage that never rounds a possibility away."""
    pct = share * 100.0
    if 0 < pct < 0.5:
        return "< " + format_pct(1, lang, 0) if lang == "id" else "<" + format_pct(1, lang, 0)
    if 99.5 <= pct < 100:
        return "> " + format_pct(99, lang, 0) if lang == "id" else ">" + format_pct(99, lang, 0)
    return format_pct(pct, lang, 0)


def _target_pct(target: float) -> float:
    """Target as a percentage; accepts a proportion (0.995) or a percentage (99.5)."""
    target = float(target)
    return target * 100.0 if target <= 1.0 else target


def scenario_color(scenario: str) -> str:
    """The colour of one scenario, the same on every chart.

    Parameters
    ----------
    scenario : str
        Scenario id (e.g. ``"add_10"``); a display label works too but gets a hash colour.

    Returns
    -------
    str
        Hex colour: the fixed colour of a preset id (:data:`SCENARIO_COLORS`), otherwise a
        colour of :data:`PALETTE` picked by the CRC-32 of the id (stable across runs and
        machines, unlike Python's salted ``hash``).
    """
    key = str(scenario)
    if key in SCENARIO_COLORS:
        return SCENARIO_COLORS[key]
    return PALETTE[zlib.crc32(key.encode("utf-8")) % len(PALETTE)]


def scenario_colors(scenarios: Sequence[str]) -> dict[str, str]:
    """Colour of each scenario, independent of order and of which scenarios are listed.

    Parameters
    ----------
    scenarios : sequence of str
        Scenario ids.

    Returns
    -------
    dict
        Scenario → hex colour (see :func:`scenario_color`).
    """
    if isinstance(scenarios, str):
        scenarios = [scenarios]
    return {str(s): scenario_color(s) for s in scenarios}


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


# --------------------------------------------------------------------------------------------
# label placement (estimated extents; checked against drawn extents in the tests)
# --------------------------------------------------------------------------------------------
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
    return years


def _time_label(years: bool, lang: str, *, reached: bool = False) -> str:
    if reached:
        return _tx("axis.year_reached", lang) if years else t("axis.month_reached", lang)
    return t("axis.year" if years else "axis.month", lang)


def _wrap_two_lines(text: str, width: int = 16) -> str:
    """Break a short label onto two lines at the space nearest its middle if it is long."""
    if len(text) <= width or " " not in text:
        return text
    mid = len(text) // 2
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - mid))
    return text[:cut] + "\n" + text[cut + 1 :]


# --------------------------------------------------------------------------------------------
# fan chart
# --------------------------------------------------------------------------------------------
def _prepare_observed(observed: pd.DataFrame | None, regency: str) -> pd.DataFrame:
    if observed is None:
        return pd.DataFrame(columns=["x", "y", "quality"])
    _require_columns(observed, ("date", "coverage_pct", "quality"), "fan_chart(observed=)")
    obs = observed
    if "regency" in obs.columns:
        obs = obs[obs["regency"].astype(str) == str(regency)]
    if "level" in obs.columns:
        obs = obs[obs["level"].astype(str) == "regency"]
    if "segment" in obs.columns:
        obs = obs[obs["segment"].astype(str) == "total"]
    if "use_in_model" in obs.columns:
        obs = obs[obs["use_in_model"].fillna(True).astype(bool)]
    obs = obs[obs["coverage_pct"].notna()]
    return pd.DataFrame(
        {
            "x": _month_end_series(obs["date"]).to_numpy(),
            "y": obs["coverage_pct"].astype(float).to_numpy(),
            "quality": obs["quality"].astype(str).str.lower().to_numpy(),
        }
    )


def _coverage_text(val_pct: float, lang: str) -> str:
    """Coverage [%] for a label; near the top it is truncated (never rounded up to a target)."""
    if val_pct < 95:
        return format_pct(val_pct, lang, 0)
    if val_pct < 99:
        return format_pct(math.floor(val_pct * 10) / 10, lang, 1)
    return format_pct(math.floor(val_pct * 100) / 100, lang, 2)


def _mark_medians(
    ax,
    sub: pd.DataFrame,
    deadlines: Sequence[pd.Timestamp],
    color: str,
    lang: str,
    axes_size_in: tuple[float, float],
) -> None:
    """Dot on the median at each deadline with its value ('51 %'); a value whose label would
    touch an earlier one (deadlines close together) keeps its dot but not its text."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    w_in, h_in = axes_size_in
    fs = _small()
    placed: list[tuple[float, float, float, float]] = []
    for d in sorted(deadlines):
        hit = sub[sub["x"] == d]
        if hit.empty:
            continue
        val = float(hit["p50"].iloc[0])
        ax.plot(
            [d],
            [val],
            marker="o",
            markersize=5,
            color=color,
            markeredgecolor="white",
            markeredgewidth=0.8,
            zorder=8,
            linestyle="none",
        )
        text = _coverage_text(val, lang)
        tw, th = _text_size_in(text, fs)
        fx = (float(mdates.date2num(d)) - x0) / (x1 - x0)
        fy = (val - y0) / (y1 - y0)
        off = 5 / 72.0  # [in]
        at_right = fx + (off + tw) / w_in > 1.0
        below = fy - (off + th) / h_in > 0.0
        bx0 = fx - (off + tw) / w_in if at_right else fx + off / w_in
        by0 = fy - (off + th) / h_in if below else fy + off / h_in
        box = (bx0, by0, bx0 + tw / w_in, by0 + th / h_in)
        if any(_overlaps(box, b) for b in placed):
            continue
        placed.append(box)
        ax.annotate(
            text,
            xy=(d, val),
            xytext=(-5 if at_right else 5, -5 if below else 5),
            textcoords="offset points",
            ha="right" if at_right else "left",
            va="top" if below else "bottom",
            fontsize=fs,
            color=color,
            fontweight="bold",
            zorder=8,
        )


def fan_chart(
    paths: pd.DataFrame,
    *,
    regency: str,
    scenarios: Sequence[str] | None = None,
    target: float | None = 0.995,
    deadlines: Sequence[object] = ("2026-12", "2030-12", "2045-12"),
    observed: pd.DataFrame | None = None,
    lang: str = "id",
    title: str | None = None,
    layout: str = "panels",
    scenario_labels: Mapping[str, str] | None = None,
    ncols: int | None = None,
    run_month: object | None = None,
    budget_start: object | None = None,
) -> Figure:
    """Fan chart of projected coverage: median line and P10–P90 band per scenario.

    Parameters
    ----------
    paths : pandas.DataFrame
        Engine output ``SimulationResult.paths``: ``regency, scenario, month, variable, p10,
        p50, p90`` (coverage as a proportion 0-1 in rows with ``variable == "coverage"``);
        optional ``scenario_label``.
    regency : str
        Regency to draw.
    scenarios : sequence of str, optional
        Scenario keys in display order (default: order of appearance).
    target : float, optional
        Target coverage [proportion 0-1, or % if > 1]: a dashed line labelled in the right
        margin; ``None`` = no line.
    deadlines : sequence of Period or 'YYYY-MM'
        Dashed vertical lines, labelled with their month above the axes; the median at each is
        marked and written (panels layout) unless it would overlap another value.
    observed : pandas.DataFrame, optional
        Data points: ``date`` (date or Period), ``coverage_pct`` [%], ``quality``
        (observed/derived/assumed); optional ``regency`` (filtered to ``regency``), ``level``
        (kept: ``regency``), ``segment`` (kept: ``total``), ``use_in_model`` (kept: true), i.e. the
        loader's coverage frame can be passed as is. Observed points are filled circles, derived
        grey diamonds, assumed hollow circles.
    lang : {"id", "en"}
        Language of all text.
    title : str, optional
        Figure title; default ``"Proyeksi cakupan UCJ — <regency>"``.
    layout : {"panels", "overlay"}
        ``"panels"``: one small panel per scenario with shared axes (y 0-100 %);
        ``"overlay"``: all scenarios in one panel.
    scenario_labels : mapping, optional
        Scenario key → display label (overrides ``scenario_label`` column).
    ncols : int, optional
        Panels per row (``layout="panels"``); default 1 for one scenario, else 2.
    run_month : Period or 'YYYY-MM', optional
        Month of the run ("today"): the months from the start of the simulation up to it are
        shaded as the nowcast ("perkiraan kini" / "nowcast"; simulated, not yet observed) and a
        solid line marks it, labelled "hari ini" / "today".
    budget_start : Period or 'YYYY-MM', optional
        First month of budget funding: a dotted line, named with its month in the legend
        ("Anggaran mulai Jan 2027" / "Budget starts Jan 2027"; it is usually next to "today"
        and a deadline, where a fourth label above the axes would add a row).

    Returns
    -------
    matplotlib.figure.Figure
        :data:`PAGE_WIDTH` wide. In ``panels`` layout the figure title is
        ``fig.get_suptitle()``, each axes is titled with its scenario and, with several rows,
        the y label is ``fig.get_supylabel()``; in ``overlay`` layout the single axes carries
        the title. Scenario colours follow :func:`scenario_color`.
    """
    lang = check_lang(lang)
    if layout not in ("panels", "overlay"):
        raise ValueError(f"fan_chart: layout must be 'panels' or 'overlay', got {layout!r}")
    _require_columns(
        paths, ("regency", "scenario", "month", "variable", "p10", "p50", "p90"), "fan_chart"
    )
    cov = paths[paths["variable"].astype(str) == "coverage"]
    if cov.empty:
        raise ValueError("fan_chart: paths has no rows with variable == 'coverage'")
    cov, _ = _filter_regency(cov, regency, "fan_chart")
    order = _scenario_order(cov, scenarios, "fan_chart")
    labels = _scenario_label_map(cov, scenario_labels)
    colors = scenario_colors(order)
    obs = _prepare_observed(observed, regency)
    title = title or t("title.fan_chart", lang, regency=regency)

    series: dict[str, pd.DataFrame] = {}
    for s in order:
        sub = cov[cov["scenario"].astype(str) == s].copy()
        sub["x"] = _month_end_series(sub["month"]).to_numpy()
        sub = sub.sort_values("x")
        for q in ("p10", "p50", "p90"):
            vals = sub[q].astype(float)
            if ((vals < -1e-9) | (vals > 1 + 1e-9)).any():
                raise ValueError(
                    f"fan_chart: {q} of scenario {s!r} leaves [0, 1]; coverage must be a proportion"
                )
            sub[q] = vals.clip(0.0, 1.0) * 100.0
        series[s] = sub

    sim_start = min(sub["x"].min() for sub in series.values())
    x_min = sim_start
    x_max = max(sub["x"].max() for sub in series.values())
    if len(obs):
        x_min = min(x_min, obs["x"].min())
    pad = (x_max - x_min) * 0.02
    deadline_ts = sorted(d for d in _as_month_list(deadlines) if x_min <= d <= x_max + pad)
    target_pct = None if target is None else _target_pct(target)
    run_ts = _month_end(run_month) if run_month is not None else pd.NaT
    if run_ts is not pd.NaT and not (x_min <= run_ts <= x_max + pad):
        run_ts = pd.NaT
    budget_ts = _month_end(budget_start) if budget_start is not None else pd.NaT
    if budget_ts is not pd.NaT and not (x_min <= budget_ts <= x_max + pad):
        budget_ts = pd.NaT

    n = len(order) if layout == "panels" else 1
    if ncols is None:
        ncols = 1 if n == 1 else 2
    ncols = max(1, min(int(ncols), n))
    nrows = math.ceil(n / ncols)
    width = PAGE_WIDTH
    height = 1.5 + 2.35 * nrows if n > 1 else 4.6
    # lower bounds of one axes' drawn size [in] (y labels ~0.9 in, target label ~1.1 in)
    ax_w = (width - 0.9 - (1.1 if target_pct is not None else 0.2)) / ncols - 0.15
    ax_h = (height - 1.5) / nrows - 0.75

    top_items: list[tuple[pd.Timestamp, str, str]] = [
        (d, format_month(d, lang, short=True), MUTED_TEXT) for d in deadline_ts
    ]
    if run_ts is not pd.NaT:
        top_items.append((run_ts, _tx("today", lang), TODAY_COLOR))

    with mpl.rc_context(_rc()):
        fig = _new_figure(width, height)
        axes = np.atleast_1d(
            fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)
        ).ravel()
        for extra in axes[n:]:
            extra.set_visible(False)
        groups = [[s] for s in order] if layout == "panels" else [order]
        years = False
        for i, (ax, group) in enumerate(zip(axes, groups, strict=False)):
            row, col = divmod(i, ncols)
            _style_axes(ax)
            ax.set_ylim(0, 100)
            ax.set_xlim(x_min - pad, x_max + pad)
            if run_ts is not pd.NaT and run_ts > sim_start:
                ax.axvspan(sim_start, run_ts, facecolor=NOWCAST_COLOR, edgecolor="none", zorder=1)
            for s in group:
                sub = series[s]
                ax.fill_between(
                    sub["x"],
                    sub["p10"],
                    sub["p90"],
                    color=colors[s],
                    alpha=0.22 if layout == "panels" else 0.13,
                    linewidth=0,
                    zorder=2,
                )
                ax.plot(
                    sub["x"],
                    sub["p50"],
                    color=colors[s],
                    linewidth=2.2,
                    zorder=3,
                    label=labels.get(s, s),
                )
            last_in_row = col == ncols - 1 or i == n - 1
            if target_pct is not None:
                _target_hline(ax, target_pct)
                if last_in_row:
                    _target_label(ax, target_pct, lang)
            for d in deadline_ts:
                _vline(ax, d, "deadline")
            if run_ts is not pd.NaT:
                _vline(ax, run_ts, "today")
            if budget_ts is not pd.NaT:
                _vline(ax, budget_ts, "budget")
            if layout == "panels":
                _mark_medians(
                    ax, series[group[0]], deadline_ts, colors[group[0]], lang, (ax_w, ax_h)
                )
            for q, (marker, face, edge, size) in _QUALITY_MARKERS.items():
                pts = obs[obs["quality"] == q]
                if len(pts):
                    ax.scatter(
                        pts["x"],
                        pts["y"],
                        marker=marker,
                        s=size,
                        facecolor=face,
                        edgecolor=edge,
                        linewidth=1.2,
                        zorder=7,
                    )
            ax.yaxis.set_major_locator(mticker.MultipleLocator(20))
            ax.yaxis.set_major_formatter(pct_formatter(lang, decimals=0))
            years = _time_axis(ax, lang, x_min - pad, x_max + pad, maxticks=5 if ncols > 1 else 8)
            rows_used = _top_labels(ax, top_items, ax_w) if row == 0 else 0
            if col == 0 and nrows == 1:
                ax.set_ylabel(t("axis.coverage_pct", lang))
            if row == nrows - 1 or i + ncols >= n:
                ax.set_xlabel(_time_label(years, lang))
                ax.xaxis.set_tick_params(labelbottom=True)
            if layout == "panels":
                ax.set_title(
                    labels.get(group[0], group[0]),
                    color=TEXT_COLOR,
                    loc="center",
                    pad=_title_pad(rows_used),
                )
            else:
                ax.set_title(title, pad=_title_pad(rows_used))

        handles = []
        if layout == "panels":
            handles.append(Line2D([], [], color="#555555", linewidth=2.2, label=t("median", lang)))
            handles.append(Patch(facecolor="#555555", alpha=0.22, label=t("band_p10_p90", lang)))
        else:
            handles.extend(
                Line2D([], [], color=colors[s], linewidth=2.2, label=labels.get(s, s))
                for s in order
            )
            handles.append(Patch(facecolor="#555555", alpha=0.2, label=t("band_p10_p90", lang)))
        if target_pct is not None:
            handles.append(_target_handle(target_pct, lang))
        if deadline_ts:
            handles.append(_vline_handle("deadline", _tx("deadline", lang)))
        if run_ts is not pd.NaT:
            if run_ts > sim_start:
                handles.append(Patch(facecolor=NOWCAST_COLOR, label=_tx("nowcast", lang)))
            handles.append(
                _vline_handle(
                    "today", _tx("today_legend", lang, month=format_month(run_ts, lang, short=True))
                )
            )
        if budget_ts is not pd.NaT:
            handles.append(
                _vline_handle(
                    "budget",
                    _tx(
                        "budget_start_legend", lang, month=format_month(budget_ts, lang, short=True)
                    ),
                )
            )
        for q, (marker, face, edge, _size) in _QUALITY_MARKERS.items():
            if (obs["quality"] == q).any():
                handles.append(
                    Line2D(
                        [],
                        [],
                        linestyle="none",
                        marker=marker,
                        markersize=7,
                        markerfacecolor=face,
                        markeredgecolor=edge,
                        markeredgewidth=1.2,
                        label=t(_QUALITY_LEGEND_KEY[q], lang),
                    )
                )
        fig.legend(
            handles=handles, loc="outside lower center", ncols=min(len(handles), 2), frameon=False
        )
        if nrows > 1:  # one y label for the column: per-row labels would run into each other
            fig.supylabel(t("axis.coverage_pct", lang), fontsize=mpl.rcParams["axes.labelsize"])
        if layout == "panels":
            fig.suptitle(title)
    return fig


# --------------------------------------------------------------------------------------------
# time to target
# --------------------------------------------------------------------------------------------
def time_to_target_chart(
    ttt: pd.DataFrame,
    *,
    lang: str = "id",
    regency: str | None = None,
    scenarios: Sequence[str] | None = None,
    scenario_labels: Mapping[str, str] | None = None,
    horizon_end: object = "2045-12",
    deadlines: Sequence[object] | None = ("2026-12", "2030-12"),
    target: float | None = None,
    title: str | None = None,
    coverage_at_deadline: pd.DataFrame | None = None,
    main_deadline: object | None = None,
) -> Figure:
    """When each scenario reaches the target.

    Two views:

    - with ``coverage_at_deadline``: a dot-and-whisker of the coverage at the main deadline
      (median, P10–P90) per scenario against the target line, with the median month the
      target is reached written beside each scenario that reaches it ("tidak tercapai" for the
      others). It stays informative when most scenarios do not reach the target.
    - without it: the median month reached with a P10–P90 whisker per scenario on a time axis;
      results not reached are arrows into a shaded zone after the horizon.

    Parameters
    ----------
    ttt : pandas.DataFrame
        Engine output ``SimulationResult.time_to_target``: ``regency, scenario, target,
        median_month, p10_month, p90_month`` (Period[M] or NaT = not reached within the horizon),
        optional ``reached_share`` [proportion 0-1], ``status`` and ``scenario_label``.
    lang : {"id", "en"}
        Language.
    regency : str, optional
        Regency to draw; default: all regencies in the frame (rows ``"<regency> · <scenario>"``).
    scenarios : sequence of str, optional
        Scenario keys in display order (top to bottom).
    scenario_labels : mapping, optional
        Scenario key → display label.
    horizon_end : Period or 'YYYY-MM'
        Last simulated month. Results that are NaT are never drawn at a date.
    deadlines : sequence, optional
        Months marked with dashed lines in the month view (a deadline equal to ``horizon_end``
        is not repeated); the first one is the main deadline of the coverage view unless
        ``main_deadline`` is given.
    target : float, optional
        Target to draw if the frame holds several [proportion 0-1]; used in the title.
    title : str, optional
        Title; default "Kapan target 99,5 % tercapai? — <regency>" (month view) or
        "Cakupan pada Des 2030 dan kapan target 99,5 % tercapai — <regency>" (coverage view).
    coverage_at_deadline : pandas.DataFrame, optional
        Coverage at the main deadline per scenario: ``scenario, p10, p50, p90`` [%]; an
        optional ``regency`` column is filtered with ``regency``.
    main_deadline : Period or 'YYYY-MM', optional
        The month of ``coverage_at_deadline`` (default: the first of ``deadlines`` before the
        horizon, else the horizon).

    Returns
    -------
    matplotlib.figure.Figure
        Month view: the axes title is the title. Coverage view: ``fig.get_suptitle()``.
    """
    lang = check_lang(lang)
    _require_columns(
        ttt, ("scenario", "median_month", "p10_month", "p90_month"), "time_to_target_chart"
    )
    frame, regency = _filter_regency(ttt, regency, "time_to_target_chart")
    if "target" in frame.columns:
        targets = sorted(frame["target"].dropna().astype(float).unique())
        if target is None:
            if len(targets) > 1:
                raise ValueError(
                    f"time_to_target_chart: the frame holds several targets {targets}; pass target="
                )
            target = targets[0] if targets else None
        else:
            frame = frame[np.isclose(frame["target"].astype(float), float(target))]
            if frame.empty:
                raise ValueError(
                    f"time_to_target_chart: no rows for target {target}; have {targets}"
                )
    order = _scenario_order(frame, scenarios, "time_to_target_chart")
    labels = _scenario_label_map(frame, scenario_labels)
    horizon = _month_end(horizon_end)
    if horizon is pd.NaT:
        raise ValueError("time_to_target_chart: horizon_end is required")
    tgt_pct = None if target is None else _target_pct(target)
    if coverage_at_deadline is not None:
        if main_deadline is None:
            before = [d for d in _as_month_list(deadlines) if d < horizon]
            main_deadline = before[0] if before else horizon
        return _coverage_at_deadline_chart(
            frame,
            coverage_at_deadline,
            order=order,
            labels=labels,
            regency=regency,
            lang=lang,
            horizon=horizon,
            deadline=_month_end(main_deadline),
            tgt_pct=tgt_pct,
            title=title,
        )
    return _month_reached_chart(
        frame,
        order=order,
        labels=labels,
        regency=regency,
        lang=lang,
        horizon=horizon,
        deadlines=deadlines,
        tgt_pct=tgt_pct,
        title=title,
    )


def _coverage_at_deadline_chart(
    frame: pd.DataFrame,
    coverage: pd.DataFrame,
    *,
    order: list[str],
    labels: dict[str, str],
    regency: str | None,
    lang: str,
    horizon: pd.Timestamp,
    deadline: pd.Timestamp,
    tgt_pct: float | None,
    title: str | None,
) -> Figure:
    _require_columns(
        coverage, ("scenario", "p10", "p50", "p90"), "time_to_target_chart(coverage_at_deadline=)"
    )
    cov, _ = _filter_regency(coverage, regency, "time_to_target_chart(coverage_at_deadline=)")
    if "regency" in frame.columns and regency is None:
        raise ValueError("time_to_target_chart: the coverage view draws one regency; pass regency=")
    cov = cov.assign(scenario=cov["scenario"].astype(str)).drop_duplicates("scenario")
    cov = cov.set_index("scenario")
    missing = [s for s in order if s not in cov.index]
    if missing:
        raise ValueError(
            f"time_to_target_chart: coverage_at_deadline has no row for scenario(s) {missing}"
        )
    vals = cov.loc[order, ["p10", "p50", "p90"]].astype(float)
    if ((vals < -1e-9) | (vals > 100 + 1e-9)).any().any():
        raise ValueError("time_to_target_chart: coverage_at_deadline must be in % (0-100)")
    ttt = frame.assign(scenario=frame["scenario"].astype(str)).drop_duplicates("scenario")
    ttt = ttt.set_index("scenario")
    month_txt = format_month(deadline, lang, short=True)
    pct_txt = _smart_pct(tgt_pct, lang) if tgt_pct is not None else "UCJ"
    if title is None:
        title = _tx("title.coverage_at", lang, month=month_txt, pct=pct_txt)
        if regency:
            title = f"{title} — {regency}"

    low = float(vals["p10"].min())
    lo = max(0.0, math.floor((low - 5.0) / 10.0) * 10.0)
    hi = 101.0
    n = len(order)
    fs = _small()
    with mpl.rc_context(_rc()):
        fig = _new_figure(PAGE_WIDTH, max(3.0, 1.7 + 0.5 * n))
        ax = fig.subplots()
        _style_axes(ax, grid_axis="x")
        ax.set_xlim(lo, hi)
        ax.set_ylim(-0.6, n - 0.4)
        if tgt_pct is not None:
            ax.axvline(tgt_pct, color=TARGET_COLOR, linewidth=1.2, linestyle=(0, (6, 3)), zorder=2)
            _target_label(ax, tgt_pct, lang, axis="x")
        for i, s in enumerate(order):
            y = n - 1 - i
            c = scenario_color(s)
            p10, p50, p90 = (float(vals.loc[s, q]) for q in ("p10", "p50", "p90"))
            ax.plot(
                [p10, p90],
                [y, y],
                color=c,
                linewidth=3.0,
                alpha=0.6,
                zorder=3,
                solid_capstyle="butt",
            )
            ax.plot(
                [p10, p90], [y, y], linestyle="none", marker="|", markersize=10, color=c, zorder=3
            )
            ax.plot(
                [p50],
                [y],
                marker="o",
                markersize=8,
                color=c,
                markeredgecolor="white",
                markeredgewidth=1.0,
                linestyle="none",
                zorder=5,
            )
            near_right = p50 > lo + (hi - lo) * 0.8
            ax.annotate(
                _coverage_text(p50, lang),
                xy=(p50, y),
                xytext=(0, 6),
                textcoords="offset points",
                ha="right" if near_right else "center",
                va="bottom",
                fontsize=fs,
                color=TEXT_COLOR,
                zorder=6,
            )
            med = _month_end(ttt.loc[s, "median_month"]) if s in ttt.index else pd.NaT
            reached = med is not pd.NaT and med <= horizon
            ax.annotate(
                format_month(med, lang, short=True) if reached else t("status.not_reached", lang),
                xy=(1.0, y),
                xycoords=blended_transform_factory(ax.transAxes, ax.transData),
                xytext=(10, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=fs,
                color=TEXT_COLOR if reached else MUTED_TEXT,
                fontweight="bold" if reached else "normal",
                annotation_clip=False,
            )
        ax.annotate(
            _wrap_two_lines(_tx("col.median_reached", lang), 12),
            xy=(1.0, 1.0),
            xycoords="axes fraction",
            xytext=(10, 2),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=fs,
            color=MUTED_TEXT,
            annotation_clip=False,
        )
        ax.set_yticks(range(n - 1, -1, -1), [_wrap_two_lines(labels.get(s, s), 24) for s in order])
        ax.tick_params(axis="y", length=0)
        step = 10 if hi - lo <= 60 else 20
        ax.xaxis.set_major_locator(mticker.MultipleLocator(step))
        ax.xaxis.set_major_formatter(pct_formatter(lang, decimals=0))
        ax.set_xlabel(_tx("axis.coverage_at", lang, month=month_txt))
        handles = [
            Line2D(
                [],
                [],
                color="#555555",
                marker="o",
                linestyle="none",
                markersize=7,
                markeredgecolor="white",
                label=_tx("median_dot", lang),
            ),
            Line2D([], [], color="#555555", alpha=0.6, linewidth=3, label=_tx("range_line", lang)),
        ]
        if tgt_pct is not None:
            handles.append(_target_handle(tgt_pct, lang))
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
        fig.suptitle(title)
    return fig


def _month_reached_chart(
    frame: pd.DataFrame,
    *,
    order: list[str],
    labels: dict[str, str],
    regency: str | None,
    lang: str,
    horizon: pd.Timestamp,
    deadlines: Sequence[object] | None,
    tgt_pct: float | None,
    title: str | None,
) -> Figure:
    rows = []
    multi_regency = "regency" in frame.columns and regency is None
    for _, r in frame.iterrows():
        s = str(r["scenario"])
        if s not in order:
            continue
        name = labels.get(s, s)
        if multi_regency:
            name = f"{r['regency']} · {name}"
        name = _wrap_two_lines(name, 26)
        share = r.get("reached_share", np.nan)
        if share is not None and not pd.isna(share):
            name = f"{name}\n" + t("chance_reached", lang, pct=_share_text(float(share), lang))
        rows.append(
            {
                "scenario": s,
                "regency": r.get("regency", regency),
                "label": name,
                "med": _month_end(r["median_month"]),
                "lo": _month_end(r["p10_month"]),
                "hi": _month_end(r["p90_month"]),
            }
        )
    if not rows:
        raise ValueError("time_to_target_chart: nothing to draw")
    if multi_regency:
        reg_order = list(dict.fromkeys(r["regency"] for r in rows))
        rows.sort(key=lambda r: (reg_order.index(r["regency"]), order.index(r["scenario"])))
    else:
        rows.sort(key=lambda r: order.index(r["scenario"]))

    reached = [d for r in rows for d in (r["lo"], r["med"], r["hi"]) if d is not pd.NaT]
    left = min(reached) if reached else horizon - pd.DateOffset(years=5)
    dl_ts = [d for d in _as_month_list(deadlines) if d != horizon]
    if dl_ts:
        left = min(left, min(dl_ts))
    span = horizon - left
    left = left - span * 0.06
    right = horizon + max(span * 0.22, pd.Timedelta(days=400))
    arrow_end = horizon + (right - horizon) * 0.55

    if title is None:
        pct_txt = _smart_pct(tgt_pct, lang) if tgt_pct is not None else "UCJ"
        title = (
            t("title.time_to_target_regency", lang, pct=pct_txt, regency=regency)
            if regency
            else t("title.time_to_target", lang, pct=pct_txt)
        )

    n = len(rows)
    fs = _small()
    with mpl.rc_context(_rc()):
        fig = _new_figure(PAGE_WIDTH, max(3.2, 1.9 + 0.62 * n))
        ax = fig.subplots()
        _style_axes(ax, grid_axis="x")
        ax.set_xlim(left, right)
        _beyond_zone_x(ax, horizon, right, lang)
        dl_in = [d for d in dl_ts if left <= d <= horizon]
        for d in dl_in:
            _vline(ax, d, "deadline")
        for i, r in enumerate(rows):
            y = n - 1 - i
            c = scenario_color(r["scenario"])
            lo, med, hi = r["lo"], r["med"], r["hi"]
            if lo is not pd.NaT:
                end = hi if hi is not pd.NaT else horizon
                ax.plot(
                    [lo, end],
                    [y, y],
                    color=c,
                    linewidth=3.0,
                    alpha=0.55,
                    solid_capstyle="butt",
                    zorder=3,
                )
                ax.plot([lo], [y], marker="|", markersize=12, color=c, zorder=3)
                if hi is not pd.NaT:
                    ax.plot([hi], [y], marker="|", markersize=12, color=c, zorder=3)
            if hi is pd.NaT:  # P90 (or more) beyond the horizon: arrow into the zone
                ax.annotate(
                    "",
                    xy=(arrow_end, y),
                    xytext=(horizon, y),
                    arrowprops={
                        "arrowstyle": "-|>",
                        "color": c,
                        "linewidth": 1.6,
                        "linestyle": (0, (3, 2)) if med is pd.NaT else "-",
                        "shrinkA": 0,
                        "shrinkB": 0,
                        "mutation_scale": 14,
                    },
                    zorder=3,
                )
            if med is not pd.NaT:
                ax.plot(
                    [med],
                    [y],
                    marker="o",
                    markersize=9,
                    color=c,
                    markeredgecolor="white",
                    markeredgewidth=1.2,
                    zorder=5,
                )
                ax.text(
                    med,
                    y + 0.2,
                    format_month(med, lang, short=True),
                    ha="center",
                    va="bottom",
                    fontsize=fs,
                    color=TEXT_COLOR,
                    zorder=6,
                )
            else:
                ax.text(
                    arrow_end,
                    y + 0.2,
                    t("status.not_reached", lang),
                    ha="center",
                    va="bottom",
                    fontsize=fs,
                    color=TEXT_COLOR,
                    fontweight="bold",
                    zorder=6,
                )
        ax.set_yticks(range(n - 1, -1, -1), [r["label"] for r in rows])
        ax.set_ylim(-0.7, n - 0.3 + 0.35)
        years = _time_axis(ax, lang, left, right, maxticks=6, clip_at=horizon)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(_time_label(years, lang, reached=True))
        ax.set_ylabel(t("scenario", lang))
        ax_w = PAGE_WIDTH - 3.2  # lower bound [in]: the y labels take up to ~3 in
        rows_used = _top_labels(
            ax, [(d, format_month(d, lang, short=True), MUTED_TEXT) for d in dl_in], ax_w
        )
        ax.set_title(title, pad=_title_pad(rows_used))
        handles = [
            Line2D(
                [],
                [],
                color="#555555",
                marker="o",
                linestyle="none",
                markersize=8,
                markeredgecolor="white",
                label=t("median", lang),
            ),
            Line2D(
                [], [], color="#555555", alpha=0.55, linewidth=3, label=t("whisker_p10_p90", lang)
            ),
            Patch(
                facecolor=ZONE_COLOR,
                edgecolor=HORIZON_COLOR,
                label=t("not_reached_by", lang, month=format_month(horizon, lang, short=True)),
            ),
        ]
        if dl_in:
            handles.append(_vline_handle("deadline", _tx("deadline", lang)))
        fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
    return fig


# --------------------------------------------------------------------------------------------
# budget curve
# --------------------------------------------------------------------------------------------
def budget_curve(
    curve: pd.DataFrame,
    *,
    lang: str = "id",
    deadline: object | None = None,
    regency: str | None = None,
    horizon_end: object = "2045-12",
    n_desa: int | None = None,
    title: str | None = None,
) -> Figure:
    """Yearly budget against the month the target is reached (median, P10–P90 band).

    Parameters
    ----------
    curve : pandas.DataFrame
        One row per budget level: ``budget_rp_per_year`` [Rp per year], ``median_month``,
        ``p10_month``, ``p90_month`` (Period[M] or NaT = not reached within the horizon); an
        optional ``regency`` column is filtered with ``regency``.
    lang : {"id", "en"}
        Language.
    deadline : Period or 'YYYY-MM', optional
        Horizontal dashed line; the smallest budget on the curve whose median month is on or
        before the deadline is marked and written out.
    regency : str, optional
        Regency (for filtering and the title).
    horizon_end : Period or 'YYYY-MM'
        Last simulated month; NaT results are drawn in the shaded zone above it, never at a date.
    n_desa : int, optional
        Number of villages; adds a top axis with the budget per village [Rp per village per year].
    title : str, optional
        Axes title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    lang = check_lang(lang)
    _require_columns(
        curve, ("budget_rp_per_year", "median_month", "p10_month", "p90_month"), "budget_curve"
    )
    frame, regency = _filter_regency(curve, regency, "budget_curve")
    if frame.empty:
        raise ValueError("budget_curve: empty frame")
    horizon = _month_end(horizon_end)
    df = pd.DataFrame(
        {
            "budget": frame["budget_rp_per_year"].astype(float).to_numpy(),
            "med": _month_end_series(frame["median_month"]).to_numpy(),
            "lo": _month_end_series(frame["p10_month"]).to_numpy(),
            "hi": _month_end_series(frame["p90_month"]).to_numpy(),
        }
    ).sort_values("budget", ignore_index=True)
    reached_dates = pd.concat([df["lo"], df["med"], df["hi"]]).dropna()
    bottom = reached_dates.min() if len(reached_dates) else horizon - pd.DateOffset(years=5)
    dl = _month_end(deadline) if deadline is not None else pd.NaT
    if dl is not pd.NaT:
        bottom = min(bottom, dl)
    span = horizon - bottom
    bottom = bottom - span * 0.05
    top = horizon + max(span * 0.2, pd.Timedelta(days=500))
    zone_mid = horizon + (top - horizon) * 0.3  # markers of results not reached
    zone_text = horizon + (top - horizon) * 0.74
    title = title or (
        t("title.budget_curve_regency", lang, regency=regency)
        if regency
        else t("title.budget_curve", lang)
    )
    color = LOW_COLOR

    with mpl.rc_context(_rc()):
        fig = _new_figure(PAGE_WIDTH, 4.9)
        ax = fig.subplots()
        _style_axes(ax, grid_axis="both")
        ax.axhspan(horizon, top, facecolor=ZONE_COLOR, edgecolor="none", zorder=0)
        ax.axhline(horizon, color=HORIZON_COLOR, linewidth=1.0, zorder=1)
        ax.text(
            0.99,
            zone_text,
            t("not_reached_by", lang, month=format_month(horizon, lang, short=True)),
            transform=blended_transform_factory(ax.transAxes, ax.transData),
            ha="right",
            va="center",
            fontsize=_small(),
            color=MUTED_TEXT,
            zorder=2,
        )
        lo = df["lo"].fillna(horizon)
        hi = df["hi"].fillna(horizon)
        ax.fill_between(df["budget"], lo, hi, color=color, alpha=0.2, linewidth=0, zorder=2)
        ok = df["med"].notna()
        ax.plot(
            df["budget"], df["med"], color=color, linewidth=2.2, marker="o", markersize=5, zorder=4
        )
        if (~ok).any():
            ax.plot(
                df.loc[~ok, "budget"],
                [zone_mid] * int((~ok).sum()),
                linestyle="none",
                marker="^",
                markersize=8,
                markerfacecolor="white",
                markeredgecolor=color,
                markeredgewidth=1.5,
                zorder=4,
            )
        handles = [
            Line2D(
                [],
                [],
                color=color,
                linewidth=2.2,
                marker="o",
                markersize=5,
                label=t("median", lang),
            ),
            Patch(facecolor=color, alpha=0.2, label=t("band_p10_p90", lang)),
        ]
        if (~ok).any():
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="^",
                    markersize=8,
                    markerfacecolor="white",
                    markeredgecolor=color,
                    markeredgewidth=1.5,
                    label=t(
                        "note.median_not_reached",
                        lang,
                        month=format_month(horizon, lang, short=True),
                    ),
                )
            )
        if dl is not pd.NaT:
            ax.axhline(dl, color=TARGET_COLOR, linestyle=(0, (6, 3)), linewidth=1.2, zorder=3)
            ax.text(
                0.01,
                dl,
                t("deadline_line", lang, month=format_month(dl, lang, short=True)),
                transform=blended_transform_factory(ax.transAxes, ax.transData),
                ha="left",
                va="bottom",
                color=TARGET_COLOR,
                fontsize=_small(),
                zorder=6,
            )
            meets = df[ok & (df["med"] <= dl)]
            if len(meets):
                first = meets.iloc[0]
                ax.axvline(
                    first["budget"], color=TARGET_COLOR, linestyle=":", linewidth=1.1, zorder=3
                )
                ax.plot(
                    [first["budget"]],
                    [first["med"]],
                    marker="o",
                    markersize=10,
                    markerfacecolor="none",
                    markeredgecolor=TARGET_COLOR,
                    markeredgewidth=1.8,
                    zorder=5,
                )
                note = t("note.budget_min", lang, budget=format_rp(first["budget"], lang))
            else:
                note = t("note.budget_none", lang)
            ax.text(
                0.99,
                horizon - (horizon - bottom) * 0.03,
                note,
                transform=blended_transform_factory(ax.transAxes, ax.transData),
                ha="right",
                va="top",
                fontsize=_small(),
                color=TARGET_COLOR,
                bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#DDDDDD"},
                zorder=7,
            )
        ax.set_ylim(bottom, top)
        xmax = float(df["budget"].max())
        xmin = min(0.0, float(df["budget"].min()))
        xpad = (xmax - xmin) * 0.03 if xmax > xmin else 1.0
        ax.set_xlim(xmin - xpad, xmax + xpad)
        ax.xaxis.set_major_formatter(rp_formatter(lang))
        ax.xaxis.set_major_locator(mticker.MaxNLocator(6))
        years = _time_axis(ax, lang, bottom, top, axis="y", maxticks=7, clip_at=horizon)
        ax.set_xlabel(t("axis.budget_rp_per_year", lang))
        ax.set_ylabel(_time_label(years, lang, reached=True))
        ax.set_title(title)
        if n_desa:
            n = float(n_desa)
            sec = ax.secondary_xaxis("top", functions=(lambda b: b / n, lambda v: v * n))
            sec.xaxis.set_major_formatter(rp_formatter(lang))
            sec.xaxis.set_major_locator(mticker.MaxNLocator(6))
            sec.set_xlabel(t("axis.budget_rp_per_village", lang), color=MUTED_TEXT)
            sec.tick_params(colors=MUTED_TEXT)
        fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
    return fig


# --------------------------------------------------------------------------------------------
# tornado
# --------------------------------------------------------------------------------------------
def _value_text(v: object, lang: str) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    if isinstance(v, str):
        return v
    x = float(v)
    if abs(x) >= 1e6:
        return format_rp(x, lang) if abs(x) >= 1e6 else format_number(x, lang)
    dec = 0 if abs(x) >= 100 else (1 if abs(x) >= 10 else (2 if abs(x) >= 0.1 else 3))
    return format_number(x, lang, dec, trim=True)


def tornado(
    sens: pd.DataFrame,
    *,
    lang: str = "id",
    regency: str | None = None,
    title: str | None = None,
    max_bars: int | None = 12,
) -> Figure:
    """Tornado chart: how far each assumption moves the time to target.

    Parameters
    ----------
    sens : pandas.DataFrame
        One row per parameter: ``parameter`` (key), ``label`` (display name, already in the
        report language), ``low_value``, ``high_value`` (the tested values; numbers or
        pre-formatted text), ``months_low``, ``months_high`` (months from the start to the target
        with the low / high value; NaN = not reached within the horizon) and ``base_months``
        (months at the base values; must be finite). Optional ``low_text``/``high_text`` replace
        the value labels; an optional ``regency`` column is filtered with ``regency``.
    lang : {"id", "en"}
        Language.
    regency : str, optional
        Regency (filter and title).
    title : str, optional
        Axes title.
    max_bars : int, optional
        Keep only the widest bars.

    Returns
    -------
    matplotlib.figure.Figure
        x = change in months to target against the base (negative = sooner); bars sorted by
        width, widest on top; "not reached" bars run into a shaded zone at the right edge.
    """
    lang = check_lang(lang)
    _require_columns(
        sens,
        (
            "parameter",
            "label",
            "low_value",
            "high_value",
            "months_low",
            "months_high",
            "base_months",
        ),
        "tornado",
    )
    frame, regency = _filter_regency(sens, regency, "tornado")
    if frame.empty:
        raise ValueError("tornado: empty frame")
    base = frame["base_months"].astype(float)
    if base.isna().any():
        raise ValueError(
            "tornado: base_months is missing (the base case does not reach the target within the "
            "horizon), so changes against it cannot be drawn"
        )
    d_lo = frame["months_low"].astype(float).to_numpy() - base.to_numpy()
    d_hi = frame["months_high"].astype(float).to_numpy() - base.to_numpy()
    finite = np.concatenate([d_lo[np.isfinite(d_lo)], d_hi[np.isfinite(d_hi)], [0.0]])
    reach = max(float(np.abs(finite).max()), 1.0)
    any_nr = bool(np.isnan(d_lo).any() or np.isnan(d_hi).any())
    # room for the value labels at the bar ends; the 'not reached' zone sits beyond them
    zone_start = reach * 1.38
    limit_right = reach * 1.72 if any_nr else zone_start
    limit_left = -reach * 1.38
    # Not reached -> bar to the zone (treated as infinitely later when sorting).
    lo_plot = np.where(np.isnan(d_lo), limit_right, d_lo)
    hi_plot = np.where(np.isnan(d_hi), limit_right, d_hi)
    width = np.abs(np.where(np.isnan(d_lo), np.inf, d_lo) - np.where(np.isnan(d_hi), np.inf, d_hi))
    width = np.where(np.isnan(width), np.inf, width)  # both not reached
    order = np.argsort(-np.nan_to_num(width, posinf=1e12), kind="stable")
    if max_bars:
        order = order[:max_bars]
    rows = frame.reset_index(drop=True)
    n = len(order)
    unit = t("months_unit", lang)
    base_value = float(base.iloc[0])
    title = title or (
        t("title.tornado_regency", lang, regency=regency) if regency else t("title.tornado", lang)
    )

    with mpl.rc_context(_rc()):
        fig = _new_figure(PAGE_WIDTH, max(3.4, 2.1 + 0.55 * n))
        ax = fig.subplots()
        _style_axes(ax, grid_axis="x")
        top = n - 0.4 + 0.55
        if any_nr:
            ax.axvspan(zone_start, limit_right, facecolor=ZONE_COLOR, edgecolor="none", zorder=0)
            ax.text(
                (zone_start + limit_right) / 2,
                top - 0.05,
                t("status.not_reached", lang),
                ha="center",
                va="top",
                fontsize=_small(),
                color=MUTED_TEXT,
            )
        for rank, idx in enumerate(order):
            y = n - 1 - rank
            r = rows.iloc[idx]
            bars = []
            for delta, plot_val, color, val, txt_col in (
                (d_lo[idx], lo_plot[idx], LOW_COLOR, r["low_value"], "low_text"),
                (d_hi[idx], hi_plot[idx], HIGH_COLOR, r["high_value"], "high_text"),
            ):
                custom = txt_col in rows.columns and isinstance(r[txt_col], str)
                vtxt = r[txt_col] if custom else _value_text(val, lang)
                bars.append((bool(np.isnan(delta)), delta, plot_val, color, vtxt))
            # not reached bars first (underneath), then finite bars, longest first
            bars.sort(key=lambda b: (not b[0], -abs(b[2])))
            nr_texts = [b[4] for b in bars if b[0]]
            for nr, delta, plot_val, color, vtxt in bars:
                if nr:  # light hatched bar running into the 'not reached' zone
                    ax.barh(
                        y,
                        plot_val,
                        height=0.62,
                        color=color,
                        alpha=0.35,
                        hatch="///",
                        edgecolor=color,
                        linewidth=0,
                        zorder=2,
                    )
                    continue
                ax.barh(y, plot_val, height=0.62, color=color, alpha=0.85, zorder=3, linewidth=0)
                label = f"{vtxt} ({format_number(delta, lang, 0, signed=True)} {unit})"
                off = reach * 0.015
                ax.text(
                    plot_val + (off if plot_val >= 0 else -off),
                    y,
                    label,
                    ha="left" if plot_val >= 0 else "right",
                    va="center",
                    fontsize=_small(),
                    color=TEXT_COLOR,
                    zorder=5,
                )
            if nr_texts:
                ax.text(
                    zone_start - reach * 0.02,
                    y,
                    f"{' / '.join(nr_texts)}: {t('status.not_reached', lang)}",
                    ha="right",
                    va="center",
                    fontsize=_small(),
                    color=TEXT_COLOR,
                    fontweight="bold",
                    zorder=5,
                )
        ax.axvline(0, color="#333333", linewidth=1.0, zorder=4)
        ax.text(
            -reach * 0.02,
            top - 0.05,
            "← " + t("sooner", lang),
            ha="right",
            va="top",
            fontsize=_small(),
            color=MUTED_TEXT,
        )
        ax.text(
            reach * 0.02,
            top - 0.05,
            t("later", lang) + " →",
            ha="left",
            va="top",
            fontsize=_small(),
            color=MUTED_TEXT,
        )
        ax.set_yticks(range(n - 1, -1, -1), [str(rows.iloc[i]["label"]) for i in order])
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(-0.6, top)
        ax.set_xlim(limit_left, limit_right)
        ticks = mticker.MaxNLocator(nbins=9, integer=True).tick_values(limit_left, zone_start)
        ax.xaxis.set_major_locator(
            mticker.FixedLocator([v for v in ticks if limit_left <= v < zone_start])
        )
        ax.xaxis.set_major_formatter(
            mticker.FuncFormatter(
                lambda v, _p: format_number(v, lang, 0, signed=True) if v else "0"
            )
        )
        ax.set_xlabel(t("axis.delta_months", lang))
        ax.set_title(title)
        handles = [
            Patch(facecolor=LOW_COLOR, alpha=0.85, label=t("col.low_value", lang)),
            Patch(facecolor=HIGH_COLOR, alpha=0.85, label=t("col.high_value", lang)),
        ]
        fig.legend(
            handles=handles,
            loc="outside lower center",
            ncols=2,
            frameon=False,
            title=t("note.base", lang, value=f"{format_number(base_value, lang, 0)} {unit}"),
        )
    return fig


# --------------------------------------------------------------------------------------------
# portfolio
# --------------------------------------------------------------------------------------------
def portfolio_chart(
    frame: pd.DataFrame,
    *,
    lang: str = "id",
    target_pct: float = 99.5,
    horizon_end: object = "2045-12",
    scenarios: Sequence[str] | None = None,
    deadline: object | None = None,
    title: str | None = None,
    rank_by: str | None = None,
) -> Figure:
    """Slide-ready (16:9) comparison of all regencies.

    Left: current coverage against the target; middle: median year the target is reached in
    each scenario (not reached → shaded zone after the horizon); right (if the frame has
    budgets): yearly budget of each scenario. Regencies are ordered by the median month they
    reach the target under ``rank_by`` (earliest on top, not reached at the bottom; ties by
    the median coverage at the deadline, then the current coverage, then the name); without
    ``rank_by``, by each regency's fastest scenario. The second title line states the order.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per regency × scenario:

        - ``regency`` [str]
        - ``current_coverage_pct`` [%] latest coverage (NaN = no data; repeated per scenario)
        - ``quality`` quality flag of that figure (observed/derived/assumed); non-observed bars
          are hatched
        - ``scenario_label`` [str] display name of the scenario (already in ``lang``)
        - ``median_month`` Period[M] or NaT (not reached within the horizon)
        - ``status`` ``reached``/``not_reached`` (NaT median is treated as not reached whatever
          the status says)
        - optional ``current_date`` (date of the current coverage; shown next to the value)
        - optional ``budget_rp_per_year`` [Rp per year] budget of the scenario (right panel;
          NaN/0 = no budget)
        - optional ``scenario`` scenario id (colours follow :func:`scenario_color` of the id;
          without it, of the label)
        - optional ``coverage_deadline_pct`` [%] median coverage at the deadline under
          ``rank_by`` (tie-break of the order; repeated per scenario)
    lang : {"id", "en"}
        Language.
    target_pct : float
        Target coverage [%].
    horizon_end : Period or 'YYYY-MM'
        Last simulated month.
    scenarios : sequence of str, optional
        Scenario labels in display order.
    deadline : Period or 'YYYY-MM', optional
        A deadline marked in the middle panel.
    title : str, optional
        Figure title; default "Perbandingan kabupaten menuju UCJ 99,5 %". A second line saying
        how the regencies are ordered is always added.
    rank_by : str, optional
        Scenario (id in ``scenario`` or a ``scenario_label``) whose median month orders the
        regencies.

    Returns
    -------
    matplotlib.figure.Figure
        13.33 × 7.5 in (16:9); large fonts for slides.
    """
    lang = check_lang(lang)
    _require_columns(
        frame,
        ("regency", "current_coverage_pct", "quality", "scenario_label", "median_month", "status"),
        "portfolio_chart",
    )
    if frame.empty:
        raise ValueError("portfolio_chart: empty frame")
    df = frame.copy()
    df["regency"] = df["regency"].astype(str)
    df["scenario_label"] = df["scenario_label"].astype(str)
    df["_med"] = _month_end_series(df["median_month"]).to_numpy()
    present = list(dict.fromkeys(df["scenario_label"]))
    if scenarios is None:
        order = present
    else:
        order = [scenarios] if isinstance(scenarios, str) else list(scenarios)
        unknown = [s for s in order if s not in present]
        if unknown:
            raise ValueError(f"portfolio_chart: scenario(s) {unknown} not in frame; have {present}")
        df = df[df["scenario_label"].isin(order)]
    if "scenario" in df.columns:
        ids = dict(zip(df["scenario_label"], df["scenario"].astype(str), strict=False))
    else:
        ids = {}
    colors = {s: scenario_color(ids.get(s, s)) for s in order}
    horizon = _month_end(horizon_end)
    rank_label = None
    if rank_by is not None:
        rank_label = next((lab for lab, sid in ids.items() if sid == str(rank_by)), None)
        if rank_label is None and str(rank_by) in present:
            rank_label = str(rank_by)
        if rank_label is None or rank_label not in order:
            raise ValueError(
                f"portfolio_chart: rank_by {rank_by!r} is not a drawn scenario; have {order}"
            )

    # one row per regency: current coverage, its quality and date
    reg = df.groupby("regency", sort=False).agg(
        cov=("current_coverage_pct", "first"),
        quality=("quality", "first"),
        first_med=("_med", "min"),
    )
    if "current_date" in df.columns:
        reg["date"] = df.groupby("regency", sort=False)["current_date"].first()
    if rank_label is not None:
        rank_rows = df[df["scenario_label"] == rank_label].drop_duplicates("regency")
        reg["rank_med"] = rank_rows.set_index("regency")["_med"].reindex(reg.index)
    else:
        reg["rank_med"] = reg["first_med"]
    if "coverage_deadline_pct" in df.columns:
        src = df[df["scenario_label"] == rank_label] if rank_label is not None else df
        cov_dl = src.groupby("regency", sort=False)["coverage_deadline_pct"].first()
        reg["sort_dl"] = -cov_dl.reindex(reg.index).astype(float).fillna(-1.0)
    else:
        reg["sort_dl"] = 0.0
    reg["sort_med"] = reg["rank_med"].fillna(pd.Timestamp.max)
    reg["sort_cov"] = -reg["cov"].astype(float).fillna(-1.0)
    reg["sort_name"] = reg.index
    reg = reg.sort_values(["sort_med", "sort_dl", "sort_cov", "sort_name"], kind="stable")
    regencies = list(reg.index)
    n = len(regencies)
    ypos = {r: n - 1 - i for i, r in enumerate(regencies)}
    has_budget = (
        "budget_rp_per_year" in df.columns and (df["budget_rp_per_year"].fillna(0) > 0).any()
    )
    big = n <= 10
    title = title or t("title.portfolio", lang, pct=_smart_pct(target_pct, lang))
    order_text = (
        _tx("rank_by", lang, scenario=rank_label)
        if rank_label is not None
        else _tx("rank_fastest", lang)
    )

    with mpl.rc_context(_rc(1.35)):
        fig = _new_figure(13.333, 7.5)
        ratios = [1.0, 1.7, 1.0] if has_budget else [1.0, 1.9]
        axes = fig.subplots(1, len(ratios), sharey=True, width_ratios=ratios)
        ax_cov, ax_ttt = axes[0], axes[1]

        # --- panel 1: current coverage
        _style_axes(ax_cov, grid_axis="x")
        for r in regencies:
            cov = reg.loc[r, "cov"]
            q = str(reg.loc[r, "quality"]).lower()
            y = ypos[r]
            if pd.isna(cov):
                ax_cov.text(
                    2,
                    y,
                    t("no_data", lang),
                    va="center",
                    ha="left",
                    color=MUTED_TEXT,
                    fontstyle="italic",
                )
                continue
            observed = q == "observed"
            ax_cov.barh(
                y,
                cov,
                height=0.55,
                color=NEUTRAL_BAR if observed else "#B9C4CC",
                hatch=None if observed else "///",
                edgecolor="white",
                linewidth=0,
                zorder=3,
            )
            txt = format_pct(cov, lang, 1)
            extra = [translate_value("quality", q, lang)]
            if "date" in reg.columns and not pd.isna(reg.loc[r, "date"]):
                extra.insert(0, format_month(reg.loc[r, "date"], lang, short=True))
            ax_cov.text(
                cov + 2,
                y,
                f"{txt}\n({', '.join(extra)})",
                va="center",
                ha="left",
                fontsize=mpl.rcParams["font.size"] * 0.8,
                color=TEXT_COLOR,
                zorder=5,
            )
        ax_cov.axvline(
            target_pct, color=TARGET_COLOR, linestyle=(0, (6, 3)), linewidth=1.4, zorder=4
        )
        _target_label(ax_cov, target_pct, lang, axis="x")
        ax_cov.set_xlim(0, 100)
        ax_cov.xaxis.set_major_locator(mticker.MultipleLocator(25))
        ax_cov.xaxis.set_major_formatter(pct_formatter(lang, decimals=0))
        ax_cov.set_yticks(range(n - 1, -1, -1), regencies)
        ax_cov.tick_params(axis="y", length=0, labelsize=mpl.rcParams["font.size"] * 1.05)
        ax_cov.set_xlabel(t("axis.current_coverage_pct", lang))
        ax_cov.set_title(t("title.portfolio_current", lang))

        # --- panel 2: median year per scenario
        _style_axes(ax_ttt, grid_axis="x")
        reached = df["_med"].dropna()
        left = (
            min(reached.min(), horizon - pd.DateOffset(years=3))
            if len(reached)
            else horizon - pd.DateOffset(years=10)
        )
        dl = _month_end(deadline) if deadline is not None else pd.NaT
        if dl is not pd.NaT:
            left = min(left, dl)
        left = pd.Timestamp(year=left.year - 1, month=7, day=1)
        span = horizon - left
        right = horizon + max(span * 0.25, pd.Timedelta(days=3 * 365))
        ax_ttt.set_xlim(left, right)
        _beyond_zone_x(ax_ttt, horizon, right, lang, label_y=0.995)
        dl_items = []
        if dl is not pd.NaT and dl != horizon:
            _vline(ax_ttt, dl, "deadline")
            dl_items.append(
                (dl, t("deadline_line", lang, month=format_month(dl, lang, short=True)), MUTED_TEXT)
            )
        k = len(order)
        offsets = (
            {s: (k - 1) / 2 * 0.26 - j * 0.26 for j, s in enumerate(order)}
            if k > 1
            else {order[0]: 0.0}
        )
        zone_x = horizon + (right - horizon) * 0.5
        for _, row in df.iterrows():
            s = row["scenario_label"]
            y = ypos[row["regency"]] + offsets[s]
            med = row["_med"]
            c = colors[s]
            if med is pd.NaT:
                ax_ttt.plot(
                    [zone_x],
                    [y],
                    marker=">",
                    markersize=11 if big else 7,
                    color=c,
                    markerfacecolor="white",
                    markeredgewidth=2,
                    zorder=5,
                    linestyle="none",
                )
                continue
            ax_ttt.plot([left, med], [y, y], color=c, linewidth=1.2, alpha=0.35, zorder=2)
            ax_ttt.plot(
                [med],
                [y],
                marker="o",
                markersize=11 if big else 7,
                color=c,
                markeredgecolor="white",
                markeredgewidth=1.2,
                zorder=5,
                linestyle="none",
            )
            if big:
                ax_ttt.text(
                    med + pd.Timedelta(days=160),
                    y,
                    str(med.year),
                    va="center",
                    ha="left",
                    fontsize=mpl.rcParams["font.size"] * 0.85,
                    color=TEXT_COLOR,
                    zorder=6,
                )
        years = _time_axis(ax_ttt, lang, left, right, maxticks=7, clip_at=horizon)
        ax_ttt.set_xlabel(_time_label(years, lang, reached=True))
        rows_used = _top_labels(ax_ttt, dl_items, 13.333 * 0.3)
        pad = _title_pad(rows_used)
        ax_ttt.set_title(t("title.portfolio_ttt", lang), pad=pad)
        ax_cov.set_title(ax_cov.get_title(), pad=pad)
        ax_ttt.tick_params(axis="y", length=0)

        # --- panel 3: budget per scenario
        if has_budget:
            ax_b = axes[2]
            _style_axes(ax_b, grid_axis="x")
            bmax = float(df["budget_rp_per_year"].max())
            for _, row in df.iterrows():
                b = row["budget_rp_per_year"]
                if pd.isna(b):
                    continue
                s = row["scenario_label"]
                y = ypos[row["regency"]] + offsets[s]
                ax_b.barh(y, b, height=min(0.24, 0.7 / k), color=colors[s], zorder=3)
                if big:
                    ax_b.text(
                        b + bmax * 0.02,
                        y,
                        format_rp(b, lang),
                        va="center",
                        ha="left",
                        fontsize=mpl.rcParams["font.size"] * 0.75,
                        color=TEXT_COLOR,
                    )
            ax_b.set_xlim(0, bmax * (1.75 if big else 1.08))
            if big:  # values are written on the bars; no tick labels to crowd the slide
                ax_b.xaxis.set_major_locator(mticker.NullLocator())
                ax_b.spines["bottom"].set_visible(False)
                ax_b.grid(False)
            else:
                ax_b.xaxis.set_major_locator(mticker.MaxNLocator(3))
                ax_b.xaxis.set_major_formatter(rp_formatter(lang))
            ax_b.set_xlabel(t("axis.budget_rp_per_year", lang))
            ax_b.set_title(t("col.budget_rp_per_year", lang), pad=pad)
            ax_b.tick_params(axis="y", length=0)

        ax_cov.set_ylim(-0.6, n - 0.4 + 0.25)
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="none",
                markersize=11,
                color=colors[s],
                markeredgecolor="white",
                label=s,
            )
            for s in order
        ]
        if (reg["quality"].astype(str).str.lower() != "observed").any():
            handles.append(
                Patch(
                    facecolor="#B9C4CC",
                    hatch="///",
                    edgecolor="white",
                    label=t("note.quality_hatched", lang),
                )
            )
        fig.legend(
            handles=handles, loc="outside lower center", ncols=min(len(handles), 4), frameon=False
        )
        fig.suptitle(f"{title}\n" + "\n".join(textwrap.wrap(order_text, 72)))
    return fig


# --------------------------------------------------------------------------------------------
# yearly cost
# --------------------------------------------------------------------------------------------
def _rp_unit(vmax: float) -> str:
    """Largest rupiah unit (trillion/billion/million/full) not above ``vmax`` [Rp]."""
    for name in ("trillion", "billion", "million"):
        if vmax >= _RP_UNIT_WORDS[name][0]:
            return name
    return "full"


def _scaled_rp_formatter(unit: str, lang: str) -> mticker.Formatter:
    """Tick labels as numbers in ``unit`` (``"2,5"`` for Rp 2,5 miliar); the unit is in the
    axis label."""
    scale = _RP_UNIT_WORDS[unit][0]
    return mticker.FuncFormatter(
        lambda v, _p: format_number(v / scale, lang, 1 if scale > 1 else 0, trim=True)
    )


def cost_chart(
    yearly_cost: pd.DataFrame,
    *,
    lang: str = "id",
    regency: str | None = None,
    scenarios: Sequence[str] | None = None,
    scenario_labels: Mapping[str, str] | None = None,
    per_village: bool = False,
    years: Sequence[int] | None = None,
    title: str | None = None,
    n_years: int = 3,
) -> Figure:
    """Yearly budget cost by scenario: appropriation against expected spending.

    Parameters
    ----------
    yearly_cost : pandas.DataFrame
        Engine output ``SimulationResult.yearly_cost``: ``regency, scenario, year`` and the
        expected spending ``spending_rp_p50`` [Rp per year] (falls back to ``cost_rp_p50``, the
        budget-funded contribution cost); optional ``appropriation_rp`` [Rp per year], the
        amount budgeted. With ``per_village=True`` the columns ``spending_rp_per_village_p50``
        (or ``cost_rp_per_village_p50``) and optional ``appropriation_rp_per_village``
        [Rp per village per year] are used. Optional ``scenario_label``.
    lang : {"id", "en"}
        Language.
    regency : str, optional
        Regency; default: the only one in the frame, or one row of panels per regency.
    scenarios : sequence of str, optional
        Scenario keys in order (top to bottom).
    scenario_labels : mapping, optional
        Scenario key → display label.
    per_village : bool
        Plot the cost per village instead of the total.
    years : sequence of int, optional
        Years to show; default: the first ``n_years`` budget years (from the first year with
        a positive amount in any scenario).
    title : str, optional
        Title.
    n_years : int
        Number of budget years shown by default.

    Returns
    -------
    matplotlib.figure.Figure
        Up to 4 years: one panel per year with two horizontal bars per scenario (hatched:
        appropriation, solid: expected spending), so no bar hides another; an amount of zero
        is written as "Rp 0". More years: one panel per scenario with lines over the years.
        Amounts are on a shared axis in one unit named in the axis label ("Rp miliar").
    """
    lang = check_lang(lang)
    if per_village:
        spend = next(
            (
                c
                for c in ("spending_rp_per_village_p50", "cost_rp_per_village_p50")
                if c in yearly_cost.columns
            ),
            "cost_rp_per_village_p50",
        )
        appr = "appropriation_rp_per_village"
    else:
        spend = next(
            (c for c in ("spending_rp_p50", "cost_rp_p50") if c in yearly_cost.columns),
            "cost_rp_p50",
        )
        appr = "appropriation_rp"
    _require_columns(yearly_cost, ("regency", "scenario", "year", spend), "cost_chart")
    has_appr = appr in yearly_cost.columns
    frame, regency = _filter_regency(yearly_cost, regency, "cost_chart")
    frame = frame.assign(year=frame["year"].astype(int))
    all_years = sorted(frame["year"].unique())
    if years is not None:
        wanted = {int(y) for y in years}
        sel = [y for y in all_years if y in wanted]
    else:
        amounts = frame[spend].astype(float).fillna(0.0)
        if has_appr:
            amounts = np.maximum(amounts, frame[appr].astype(float).fillna(0.0))
        positive = sorted(frame.loc[amounts.to_numpy() > 0, "year"].unique())
        first = positive[0] if positive else (all_years[0] if all_years else 0)
        sel = [y for y in all_years if y >= first][: max(1, int(n_years))]
    frame = frame[frame["year"].isin(sel)]
    if frame.empty:
        raise ValueError("cost_chart: no rows to draw")
    order = _scenario_order(frame, scenarios, "cost_chart")
    labels = _scenario_label_map(frame, scenario_labels)
    colors = scenario_colors(order)
    regs = [regency] if regency else list(dict.fromkeys(frame["regency"].astype(str)))
    title = title or (
        t("title.cost_chart_regency", lang, regency=regency)
        if regency
        else t("title.cost_chart", lang)
    )
    value_cols = [spend, appr] if has_appr else [spend]
    vmax = float(np.nanmax(frame[value_cols].astype(float).to_numpy(), initial=0.0))
    unit = _rp_unit(vmax)
    unit_word = _RP_UNIT_WORDS[unit][1][lang]
    xlabel = _tx(
        "axis.cost_village_unit" if per_village else "axis.cost_unit", lang, unit=unit_word
    )
    spend_label = _tx("spending" if spend.startswith("spending") else "cost_p50", lang)
    zero_text = format_rp(0, lang)

    if len(sel) > 4:
        if len(regs) > 1:
            raise ValueError(
                "cost_chart: more than 4 years are drawn for one regency; pass regency="
            )
        return _cost_lines(
            frame,
            order,
            labels,
            colors,
            spend,
            appr if has_appr else None,
            sel,
            unit,
            lang,
            title,
            xlabel,
            spend_label,
        )

    k = len(order)
    ncols, nreg = len(sel), len(regs)
    per_row = (0.62 if has_appr else 0.4) * k + 0.75
    fs = _small()
    with mpl.rc_context(_rc()):
        fig = _new_figure(PAGE_WIDTH, 1.3 + per_row * nreg)
        axes = fig.subplots(nreg, ncols, sharex=True, sharey=True, squeeze=False)
        for ri, r in enumerate(regs):
            sub_r = (
                frame[frame["regency"].astype(str) == r] if "regency" in frame.columns else frame
            )
            for ci, year in enumerate(sel):
                ax = axes[ri, ci]
                _style_axes(ax, grid_axis="x")
                sub = sub_r[sub_r["year"] == year].drop_duplicates("scenario").set_index("scenario")
                for i, s in enumerate(order):
                    y = k - 1 - i
                    bars = []
                    if has_appr:
                        bars.append((appr, y + 0.2, 0.36, True))
                        bars.append((spend, y - 0.2, 0.36, False))
                    else:
                        bars.append((spend, y, 0.6, False))
                    for col, yy, h, hatched in bars:
                        v = float(sub[col].get(s, np.nan)) if col in sub.columns else np.nan
                        if np.isnan(v):
                            continue
                        ax.barh(
                            yy,
                            v,
                            height=h,
                            color=colors[s] if not hatched else "white",
                            edgecolor=colors[s],
                            hatch="////" if hatched else None,
                            linewidth=1.0 if hatched else 0,
                            zorder=3,
                            gid=f"{'appropriation' if hatched else 'spending'}:{s}",
                        )
                        if v == 0:
                            ax.annotate(
                                zero_text,
                                xy=(0, yy),
                                xytext=(3, 0),
                                textcoords="offset points",
                                ha="left",
                                va="center",
                                fontsize=fs,
                                color=MUTED_TEXT,
                            )
                ax.set_yticks(
                    range(k - 1, -1, -1), [_wrap_two_lines(labels.get(s, s), 22) for s in order]
                )
                ax.tick_params(axis="y", length=0)
                ax.set_ylim(-0.6, k - 0.4)
                ax.set_xlim(0, max(vmax, 1.0) * 1.05)
                ax.xaxis.set_major_locator(mticker.MaxNLocator(nbins=3, steps=[1, 2, 2.5, 5, 10]))
                ax.xaxis.set_major_formatter(_scaled_rp_formatter(unit, lang))
                ax.set_title(f"{r} · {year}" if nreg > 1 else str(year))
                if ri == nreg - 1 and ci == ncols // 2:
                    ax.set_xlabel(xlabel)
        handles = [Patch(facecolor="#666666", label=spend_label)]
        if has_appr:
            handles.insert(
                0,
                Patch(
                    facecolor="white",
                    edgecolor="#666666",
                    hatch="////",
                    label=_tx("appropriation", lang),
                ),
            )
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
        fig.suptitle(title)
    return fig


def _cost_lines(
    frame: pd.DataFrame,
    order: list[str],
    labels: dict[str, str],
    colors: dict[str, str],
    spend: str,
    appr: str | None,
    sel: list[int],
    unit: str,
    lang: str,
    title: str,
    xlabel: str,
    spend_label: str,
) -> Figure:
    """Small multiples, one scenario per panel, for long year ranges."""
    n = len(order)
    ncols = 1 if n == 1 else 2
    nrows = math.ceil(n / ncols)
    nyears = sel[-1] - sel[0]
    step = 1 if nyears <= 6 else (2 if nyears <= 12 else 5)
    with mpl.rc_context(_rc()):
        fig = _new_figure(PAGE_WIDTH, 1.3 + 2.0 * nrows)
        axes = np.atleast_1d(
            fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)
        ).ravel()
        for extra in axes[n:]:
            extra.set_visible(False)
        for i, (ax, s) in enumerate(zip(axes, order, strict=False)):
            _style_axes(ax)
            ss = frame[frame["scenario"].astype(str) == s].sort_values("year")
            xs = ss["year"].astype(int).to_numpy()
            ax.plot(
                xs,
                ss[spend].astype(float).to_numpy(),
                color=colors[s],
                marker="o",
                markersize=3.5,
                linewidth=2.0,
                zorder=3,
                label=spend_label,
            )
            if appr is not None:
                ax.plot(
                    xs,
                    ss[appr].astype(float).to_numpy(),
                    color=colors[s],
                    linestyle=(0, (4, 2)),
                    linewidth=1.4,
                    zorder=2,
                )
            ax.set_ylim(bottom=0)
            ax.yaxis.set_major_locator(mticker.MaxNLocator(4))
            ax.yaxis.set_major_formatter(_scaled_rp_formatter(unit, lang))
            ax.xaxis.set_major_locator(mticker.MultipleLocator(step))
            ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _p: f"{int(round(v))}"))
            ax.set_title(labels.get(s, s))
            row, col = divmod(i, ncols)
            if col == 0:
                ax.set_ylabel(xlabel if nrows == 1 else _RP_UNIT_WORDS[unit][1][lang])
            if row == nrows - 1 or i + ncols >= n:
                ax.set_xlabel(t("axis.year", lang))
                ax.xaxis.set_tick_params(labelbottom=True)
        handles = [Line2D([], [], color="#666666", marker="o", linewidth=2.0, label=spend_label)]
        if appr is not None:
            handles.append(
                Line2D(
                    [],
                    [],
                    color="#666666",
                    linestyle=(0, (4, 2)),
                    linewidth=1.4,
                    label=_tx("appropriation", lang),
                )
            )
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
        fig.suptitle(title if nrows == 1 else f"{title} ({_RP_UNIT_WORDS[unit][1][lang]})")
    return fig
