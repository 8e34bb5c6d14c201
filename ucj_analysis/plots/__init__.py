"""Matplotlib figures for the reports: frames in, :class:`matplotlib.figure.Figure` out.

One module per chart family, on shared pieces:

* :mod:`~ucj_analysis.plots.style`: colours, page size and resolution, fonts, chart phrases;
* :mod:`~ucj_analysis.plots.frames`: checks on the input frames, months as month ends;
* :mod:`~ucj_analysis.plots.annotate`: marker lines, labels, "not reached" zones, time ticks;
* :mod:`~ucj_analysis.plots.fan` (:func:`fan_chart`),
  :mod:`~ucj_analysis.plots.time_to_target` (:func:`time_to_target_chart`),
  :mod:`~ucj_analysis.plots.cost` (:func:`cost_chart`),
  :mod:`~ucj_analysis.plots.villages` (:func:`village_gap_chart`),
  :mod:`~ucj_analysis.plots.budget` (:func:`budget_curve`, :func:`tornado`) and
  :mod:`~ucj_analysis.plots.portfolio` (:func:`portfolio_chart`).

Every public name is importable from ``ucj_analysis.plots``.

The functions are pure: they build figures with the object-oriented API (``Figure()``,
``fig.subplots()``), never touch pyplot's global state, never read or write files and never
show anything. That makes them safe in batch runs, in threads and in papermill notebooks (a
returned ``Figure`` displays inline in Jupyter).

All text is in one language per figure: Bahasa Indonesia by default, English with
``lang="en"``; Indonesian number formats on the ticks (``"40 %"``, ``"2,5"``, ``"Rp miliar"``).
Every label and chart phrase comes from the locale catalogue (:mod:`ucj_analysis.i18n`,
``chart.<key>`` for the chart-only phrases), in both languages.

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

The reports also keep each chart as an SVG file (for slides) and every chart in a phone
variant: each chart function takes ``width`` and, below :data:`PAGE_WIDTH`, draws a one-column
layout (one panel per row, labels above their bars, wrapped titles, a one-column legend);
:func:`phone_variant` redraws a page figure :data:`NARROW_WIDTH` = 3.8 in wide, saved at
:data:`NARROW_DPI` = 160 dpi. Its 9 pt text (:data:`SMALL_PT`) is then 11.9 CSS px in the
362 px column of a 390 px phone, against 6 px for the page figure shrunk to that column (and
3.8 px for the 13.33 in portfolio slide). :func:`smallest_text_pt` gives a drawn figure's
smallest font, from which the size of its text on a screen follows.

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

from ucj_analysis.plots.budget import budget_curve, tornado
from ucj_analysis.plots.cost import cost_chart
from ucj_analysis.plots.fan import fan_chart
from ucj_analysis.plots.portfolio import portfolio_chart
from ucj_analysis.plots.style import (
    BUDGET_START_COLOR,
    DEADLINE_COLOR,
    DPI,
    GRID_COLOR,
    HIGH_COLOR,
    HORIZON_COLOR,
    LOW_COLOR,
    MUTED_TEXT,
    NARROW_DPI,
    NARROW_WIDTH,
    NEUTRAL_BAR,
    NOWCAST_COLOR,
    PAGE_WIDTH,
    PALETTE,
    SAVE_DPI,
    SAVE_KW,
    SCENARIO_COLORS,
    SMALL_PT,
    TARGET_COLOR,
    TEXT_COLOR,
    TODAY_COLOR,
    ZONE_COLOR,
    coverage_label,
    phone_variant,
    scenario_color,
    scenario_colors,
    smallest_text_pt,
)
from ucj_analysis.plots.time_to_target import time_to_target_chart
from ucj_analysis.plots.villages import village_gap_chart

__all__ = [
    "PALETTE",
    "SCENARIO_COLORS",
    "DPI",
    "SAVE_DPI",
    "SAVE_KW",
    "PAGE_WIDTH",
    "NARROW_WIDTH",
    "NARROW_DPI",
    "smallest_text_pt",
    "phone_variant",
    "coverage_label",
    "scenario_color",
    "scenario_colors",
    "fan_chart",
    "time_to_target_chart",
    "budget_curve",
    "tornado",
    "portfolio_chart",
    "cost_chart",
    "village_gap_chart",
    # the colours and the smallest font every chart shares
    "TARGET_COLOR",
    "DEADLINE_COLOR",
    "TODAY_COLOR",
    "BUDGET_START_COLOR",
    "NOWCAST_COLOR",
    "HORIZON_COLOR",
    "ZONE_COLOR",
    "TEXT_COLOR",
    "MUTED_TEXT",
    "GRID_COLOR",
    "NEUTRAL_BAR",
    "LOW_COLOR",
    "HIGH_COLOR",
    "SMALL_PT",
]
