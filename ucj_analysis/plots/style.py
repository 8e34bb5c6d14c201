"""Shared look of every chart: colours, page size and resolution, fonts, chart phrases.

Each scenario has one colour on every page (:func:`scenario_color`). The chart-only phrases
(catalogue keys ``chart.<key>``, read by ``_tx``) complement the shared labels of
:mod:`ucj_analysis.i18n`; the small number formats here (``_smart_pct``, ``_share_text``,
``_coverage_text``) never round a value onto a target or a possibility away.
"""

from __future__ import annotations

import functools
import math
import textwrap
import zlib
from collections.abc import Callable, Sequence

import matplotlib as mpl
from matplotlib.figure import Figure

from ucj_analysis.i18n import format_pct, format_pct_bound, t

__all__ = [
    "PALETTE",
    "SCENARIO_COLORS",
    "PAGE_WIDTH",
    "SAVE_DPI",
    "SAVE_KW",
    "DPI",
    "NARROW_WIDTH",
    "NARROW_DPI",
    "scenario_color",
    "scenario_colors",
    "smallest_text_pt",
    "coverage_label",
    "phone_variant",
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
#: Width of the phone variant of a chart [in]. A report's text column is 362 CSS px wide on a
#: 390 px phone (332 px at 360 px), so 1 pt of this figure is drawn 362 / (3.8 x 72) = 1.32 px
#: (1.21 px at 360 px): the 9 pt annotations are 11.9 px (10.9 px), against 6.0 px for the
#: same text on the 7.45 in page figure shrunk to the phone.
NARROW_WIDTH = 3.8
#: Resolution of the phone variant [dpi]: 608 px, about 1.7 times its CSS width (sharp on the
#: usual 2-3x phone screens). The text's size on screen does not depend on it (the image is
#: scaled to the column). The reports store every chart as a 256-colour PNG, a third of the
#: bytes of the full-colour one, which keeps a report with a phone variant of each chart under
#: the ~1 MB that stays easy to forward.
NARROW_DPI = 160

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
    "axes.titley": 1.0,
}


#: Where a chart drawn at page width keeps how to draw its phone variant (see
#: :func:`phone_variant`).
_PHONE_ATTR = "_ucj_phone_variant"


def _is_narrow(width: float | None) -> bool:
    """Is a figure ``width`` [in] wide a phone variant (narrower than the page)?"""
    return width is not None and float(width) < PAGE_WIDTH - 1e-9


def _with_phone_variant(**overrides: object) -> Callable:
    """Decorator of a chart function taking ``width``: a figure drawn wider than
    :data:`NARROW_WIDTH` remembers how to draw itself :data:`NARROW_WIDTH` wide (with
    ``overrides`` added to the call), for :func:`phone_variant`."""

    def decorate(func: Callable) -> Callable:
        @functools.wraps(func)
        def chart(*args, **kwargs):
            fig = func(*args, **kwargs)
            if not _is_narrow(kwargs.get("width")):
                narrow = {**kwargs, **overrides, "width": NARROW_WIDTH}
                setattr(fig, _PHONE_ATTR, functools.partial(func, *args, **narrow))
            return fig

        return chart

    return decorate


def phone_variant(fig: Figure) -> Figure | None:
    """The phone variant of a chart: the same chart drawn :data:`NARROW_WIDTH` wide.

    Every chart function of :mod:`ucj_analysis.plots` has a ``width`` parameter; below the page
    width it draws a one-column layout (one panel per row, labels above their bars instead of
    beside them, wrapped titles, a one-column legend), so that its smallest text,
    :data:`SMALL_PT`, is about 12 CSS px on a 390 px phone.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure returned by a chart function of this package at page width.

    Returns
    -------
    matplotlib.figure.Figure or None
        A new figure, or None for a figure that is already a phone variant or was not made by
        a chart function of this package.
    """
    draw = getattr(fig, _PHONE_ATTR, None)
    return None if draw is None else draw()


def _wrap(text: str, width_in: float, fontsize: float, bold: bool = False) -> str:
    """``text`` broken into lines that fit ``width_in`` inches at ``fontsize`` [pt] (each line
    of the text is wrapped on its own; widths estimated generously)."""
    per_char = fontsize * (0.66 if bold else 0.6) / 72.0
    n = max(8, int(width_in / per_char))
    return "\n".join(textwrap.fill(line, n) if line else line for line in str(text).split("\n"))


def _tx(key: str, lang: str, **kw: object) -> str:
    """Chart-only phrase ``key`` in ``lang`` (catalogue key ``chart.<key>``), filled with ``kw``."""
    return t(f"chart.{key}", lang, **kw)


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
        return format_pct_bound("<", 1, lang)
    if 99.5 <= pct < 100:
        return format_pct_bound(">", 99, lang)
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


def smallest_text_pt(fig: Figure) -> float:
    """Font size of the smallest text drawn on a figure [pt].

    Looks at every visible, non-empty text of the figure (titles, labels, tick labels, legend
    entries, annotations) once the figure has been drawn (call it after ``savefig`` or
    ``fig.canvas.draw``); text of hidden axes is ignored.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A drawn figure.

    Returns
    -------
    float
        The smallest font size [pt]; ``nan`` when the figure shows no text.
    """
    from matplotlib.text import Text

    sizes = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        ax = text.axes
        if ax is not None and not ax.get_visible():
            continue
        sizes.append(float(text.get_fontsize()))
    return min(sizes) if sizes else float("nan")


def _wrap_two_lines(text: str, width: int = 16) -> str:
    """Break a short label onto two lines at the space nearest its middle if it is long."""
    if len(text) <= width or " " not in text:
        return text
    mid = len(text) // 2
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - mid))
    return text[:cut] + "\n" + text[cut + 1 :]


def _coverage_text(val_pct: float, lang: str) -> str:
    """Coverage [%] for a label; near the top it is truncated (never rounded up to a target)."""
    if val_pct < 95:
        return format_pct(val_pct, lang, 0)
    if val_pct < 99:
        return format_pct(math.floor(val_pct * 10) / 10, lang, 1)
    return format_pct(math.floor(val_pct * 100) / 100, lang, 2)


def coverage_label(val_pct: float, lang: str) -> str:
    """Coverage [%] as the charts write it: whole percent below 95 %, then truncated to one or
    two decimals, so a value under a target is never shown as the target ("99,49 %", not
    "99,5 %"); the same text as the values written on a fan chart."""
    return _coverage_text(float(val_pct), lang)
