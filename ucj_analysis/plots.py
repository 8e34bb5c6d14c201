"""Matplotlib figures for the reports: frames in, :class:`matplotlib.figure.Figure` out.

The functions are pure: they build figures with the object-oriented API (``Figure()``,
``fig.subplots()``), never touch pyplot's global state, never read or write files and never
show anything. That makes them safe in batch runs, in threads and in papermill notebooks (a
returned ``Figure`` displays inline in Jupyter; ``fig.savefig(path, dpi=150)`` writes it).

All text goes through :mod:`ucj_analysis.i18n`: Bahasa Indonesia by default, English with
``lang="en"``; Indonesian number formats on the ticks.

Months are drawn at the **last day** of the month (a ``Period("2030-12")`` deadline sits on
31 Dec 2030), the convention the data files use for month-only figures.

"Not reached within the simulation horizon" is never drawn as a date: charts with a month axis
add a shaded zone to the right of (or above) the horizon labelled "tidak tercapai sebelum
<bulan>" / "not reached by <month>", and put such results inside that zone with an arrow.
"""

from __future__ import annotations

import math
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
    "DPI",
    "scenario_colors",
    "fan_chart",
    "time_to_target_chart",
    "budget_curve",
    "tornado",
    "portfolio_chart",
    "cost_chart",
]

# Calm, colour-blind-safe palette (muted Okabe-Ito / Tol-like hues) used for scenarios in order.
PALETTE: tuple[str, ...] = (
    "#2F6B9A",  # steel blue
    "#D4893A",  # amber
    "#3E9277",  # sea green
    "#8A6BB0",  # muted violet
    "#C0504D",  # brick
    "#5C7080",  # slate
    "#A8963A",  # olive
    "#D07AA6",  # dusty pink
)
TARGET_COLOR = "#9E2A2B"
DEADLINE_COLOR = "#6E6E6E"
HORIZON_COLOR = "#8C8C8C"
ZONE_COLOR = "#EFEFEF"
TEXT_COLOR = "#222222"
MUTED_TEXT = "#555555"
GRID_COLOR = "#E3E3E3"
LOW_COLOR = "#2F6B9A"
HIGH_COLOR = "#D4893A"
DPI = 150

_QUALITY_MARKERS = {
    # quality -> (marker, facecolor, edgecolor, size)
    "observed": ("o", "#1B1B1B", "#1B1B1B", 46),
    "derived": ("D", "#8C8C8C", "#1B1B1B", 38),
    "assumed": ("o", "white", "#1B1B1B", 46),
}
_QUALITY_LEGEND_KEY = {
    "observed": "observed_points",
    "derived": "derived_points",
    "assumed": "assumed_points",
}

_BASE_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.labelsize": 10.5,
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
    "figure.titlesize": 13.5,
    "axes.unicode_minus": False,
}


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


def scenario_colors(scenarios: Sequence[str]) -> dict[str, str]:
    """Colour for each scenario, by position in ``scenarios`` (same order → same colours).

    Parameters
    ----------
    scenarios : sequence of str
        Scenario keys or labels in display order.

    Returns
    -------
    dict
        Scenario → hex colour from :data:`PALETTE` (cycled if there are more scenarios).
    """
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(scenarios)}


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


def _deadline_label(ax, x: pd.Timestamp, lang: str, *, y_axes: float = 0.02, short: bool = True):
    """Vertical dashed line at a deadline with its month written along it."""
    ax.axvline(x, color=DEADLINE_COLOR, linestyle=(0, (4, 3)), linewidth=1.0, zorder=2)
    tr = blended_transform_factory(ax.transData, ax.transAxes)
    ax.text(
        x,
        y_axes,
        t("deadline_line", lang, month=format_month(x, lang, short=short)),
        transform=tr,
        rotation=90,
        ha="right",
        va="bottom",
        fontsize=mpl.rcParams["font.size"] * 0.85,
        color=MUTED_TEXT,
        zorder=6,
        bbox={
            "boxstyle": "square,pad=0.1",
            "facecolor": "white",
            "edgecolor": "none",
            "alpha": 0.75,
        },
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
        fontsize=mpl.rcParams["font.size"] * 0.85,
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


def _clip_date_ticks(axis, horizon: pd.Timestamp) -> None:
    axis.set_major_locator(_ClippedLocator(axis.get_major_locator(), mdates.date2num(horizon)))


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


def _mark_median_at(ax, sub: pd.DataFrame, d: pd.Timestamp, x_max, color: str, lang: str) -> None:
    """Dot on the median at a deadline, with its value (e.g. '51 %')."""
    hit = sub[sub["x"] == d]
    if hit.empty:
        return
    val = float(hit["p50"].iloc[0])
    at_right = d >= x_max - pd.Timedelta(days=62)
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
    ax.annotate(
        _coverage_text(val, lang),
        xy=(d, val),
        xytext=(-5, -5) if at_right else (5, -5),
        textcoords="offset points",
        ha="right" if at_right else "left",
        va="top",
        fontsize=9,
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
) -> Figure:
    """Fan chart of projected coverage: median line and P10–P90 band per scenario.

    Parameters
    ----------
    paths : pandas.DataFrame
        Engine output ``SimulationResult.paths``: columns ``regency, scenario, month
        (Period[M]), variable, p10, p50, p90`` (``mean`` and other variables ignored). Rows with
        ``variable == "coverage"`` are used; their quantiles are proportions [0-1] and are
        plotted in percent. An optional ``scenario_label`` column supplies display names.
    regency : str
        Regency to draw (must be in ``paths``).
    scenarios : sequence of str, optional
        Scenario keys in display order; default: all, in order of appearance.
    target : float or None
        Target coverage [proportion 0-1, or percent if > 1]; horizontal line labelled
        ``"Target 99,5 %"``. ``None`` draws no line.
    deadlines : sequence of Period / 'YYYY-MM' strings
        Months marked with vertical dashed lines labelled with the month name; deadlines outside
        the plotted months are skipped.
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
        Panels per row (``layout="panels"``); default 1, 2 or 3 depending on the count.

    Returns
    -------
    matplotlib.figure.Figure
        In ``panels`` layout the figure title is ``fig.get_suptitle()`` and each axes is titled
        with its scenario; in ``overlay`` layout the single axes carries the title.
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

    x_min = min(sub["x"].min() for sub in series.values())
    x_max = max(sub["x"].max() for sub in series.values())
    if len(obs):
        x_min = min(x_min, obs["x"].min())
    pad = (x_max - x_min) * 0.02
    deadline_ts = [d for d in _as_month_list(deadlines) if x_min <= d <= x_max + pad]
    target_pct = None if target is None else _target_pct(target)

    n = len(order) if layout == "panels" else 1
    if ncols is None:
        ncols = 1 if n == 1 else (2 if n in (2, 4) else 3)
    ncols = max(1, min(int(ncols), n))
    nrows = math.ceil(n / ncols)
    width = 10.0 if ncols > 1 or layout == "overlay" else 9.0
    height = 1.6 + 3.1 * nrows if n > 1 else 5.6

    with mpl.rc_context(_rc()):
        fig = _new_figure(width, height)
        axes = np.atleast_1d(
            fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)
        ).ravel()
        for extra in axes[n:]:
            extra.set_visible(False)
        groups = [[s] for s in order] if layout == "panels" else [order]
        for i, (ax, group) in enumerate(zip(axes, groups, strict=False)):
            _style_axes(ax)
            for s in group:
                sub = series[s]
                ax.fill_between(
                    sub["x"],
                    sub["p10"],
                    sub["p90"],
                    color=colors[s],
                    alpha=0.2 if layout == "panels" else 0.13,
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
            if target_pct is not None:
                ax.axhline(
                    target_pct, color=TARGET_COLOR, linewidth=1.2, linestyle=(0, (6, 3)), zorder=4
                )
                ax.text(
                    0.01,
                    target_pct - 1.5,
                    t("target_line", lang, pct=_smart_pct(target_pct, lang)),
                    transform=blended_transform_factory(ax.transAxes, ax.transData),
                    ha="left",
                    va="top",
                    color=TARGET_COLOR,
                    fontsize=9,
                    zorder=6,
                    bbox={
                        "boxstyle": "square,pad=0.15",
                        "facecolor": "white",
                        "edgecolor": "none",
                        "alpha": 0.85,
                    },
                )
            for d in deadline_ts:
                _deadline_label(ax, d, lang)
                if layout == "panels":
                    _mark_median_at(ax, series[group[0]], d, x_max, colors[group[0]], lang)
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
            ax.set_ylim(0, 100)
            ax.set_xlim(x_min - pad, x_max + pad)
            ax.yaxis.set_major_locator(mticker.MultipleLocator(20))
            ax.yaxis.set_major_formatter(pct_formatter(lang, decimals=0))
            month_axis(ax, lang, maxticks=6 if ncols > 1 else 9)
            row, col = divmod(i, ncols)
            if col == 0:
                ax.set_ylabel(t("axis.coverage_pct", lang))
            if row == nrows - 1 or i + ncols >= n:
                ax.set_xlabel(t("axis.month", lang))
                ax.xaxis.set_tick_params(labelbottom=True)
            if layout == "panels":
                ax.set_title(labels.get(group[0], group[0]), color=colors[group[0]], loc="center")
            else:
                ax.set_title(title)

        handles = []
        if layout == "panels":
            handles.append(Line2D([], [], color="#555555", linewidth=2.2, label=t("median", lang)))
            handles.append(Patch(facecolor="#555555", alpha=0.2, label=t("band_p10_p90", lang)))
        else:
            handles.extend(
                Line2D([], [], color=colors[s], linewidth=2.2, label=labels.get(s, s))
                for s in order
            )
            handles.append(Patch(facecolor="#555555", alpha=0.2, label=t("band_p10_p90", lang)))
        if target_pct is not None:
            handles.append(
                Line2D(
                    [],
                    [],
                    color=TARGET_COLOR,
                    linewidth=1.2,
                    linestyle=(0, (6, 3)),
                    label=t("target_line", lang, pct=_smart_pct(target_pct, lang)),
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
            handles=handles, loc="outside lower center", ncols=min(len(handles), 3), frameon=False
        )
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
) -> Figure:
    """When each scenario reaches the target: median month with a P10–P90 whisker.

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
        Last simulated month. Results that are NaT are drawn in a shaded zone after it, labelled
        "tidak tercapai sebelum <bulan>", never at a date.
    deadlines : sequence, optional
        Months marked with dashed lines (a deadline equal to ``horizon_end`` is not repeated).
    target : float, optional
        Target to draw if the frame holds several [proportion 0-1]; used in the title.
    title : str, optional
        Axes title; default "Kapan target 99,5 % tercapai? — <regency>".

    Returns
    -------
    matplotlib.figure.Figure
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
    colors = scenario_colors(order)
    horizon = _month_end(horizon_end)
    if horizon is pd.NaT:
        raise ValueError("time_to_target_chart: horizon_end is required")

    rows = []
    multi_regency = "regency" in frame.columns and regency is None
    for _, r in frame.iterrows():
        s = str(r["scenario"])
        if s not in order:
            continue
        name = labels.get(s, s)
        if multi_regency:
            name = f"{r['regency']} · {name}"
        share = r.get("reached_share", np.nan)
        if share is not None and not pd.isna(share):
            name = f"{_wrap_two_lines(name, 30)}\n" + t(
                "chance_reached", lang, pct=_share_text(float(share), lang)
            )
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

    tgt_pct = None if target is None else _target_pct(target)
    if title is None:
        pct_txt = _smart_pct(tgt_pct, lang) if tgt_pct is not None else "UCJ"
        title = (
            t("title.time_to_target_regency", lang, pct=pct_txt, regency=regency)
            if regency
            else t("title.time_to_target", lang, pct=pct_txt)
        )

    n = len(rows)
    with mpl.rc_context(_rc()):
        fig = _new_figure(10.0, max(3.2, 1.9 + 0.72 * n))
        ax = fig.subplots()
        _style_axes(ax, grid_axis="x")
        _beyond_zone_x(ax, horizon, right, lang)
        for d in dl_ts:
            if left <= d <= horizon:
                _deadline_label(ax, d, lang, y_axes=0.01)
        for i, r in enumerate(rows):
            y = n - 1 - i
            c = colors[r["scenario"]]
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
                    fontsize=9.5,
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
                    fontsize=9.5,
                    color=TEXT_COLOR,
                    fontweight="bold",
                    zorder=6,
                )
        ax.set_yticks(range(n - 1, -1, -1), [r["label"] for r in rows])
        for tick, r in zip(ax.get_yticklabels(), rows, strict=True):
            tick.set_color(colors[r["scenario"]] if not multi_regency else TEXT_COLOR)
        ax.set_ylim(-0.7, n - 0.3 + 0.35)
        ax.set_xlim(left, right)
        month_axis(ax, lang)
        _clip_date_ticks(ax.xaxis, horizon)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(t("axis.month_reached", lang))
        ax.set_ylabel(t("scenario", lang))
        ax.set_title(title)
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
        fig.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False)
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
    color = PALETTE[0]

    with mpl.rc_context(_rc()):
        fig = _new_figure(10.0, 5.8)
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
            fontsize=9,
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
                fontsize=9.5,
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
                fontsize=9.5,
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
        month_axis(ax, lang, axis="y")
        _clip_date_ticks(ax.yaxis, horizon)
        ax.set_xlabel(t("axis.budget_rp_per_year", lang))
        ax.set_ylabel(t("axis.month_reached", lang))
        ax.set_title(title)
        if n_desa:
            n = float(n_desa)
            sec = ax.secondary_xaxis("top", functions=(lambda b: b / n, lambda v: v * n))
            sec.xaxis.set_major_formatter(rp_formatter(lang))
            sec.xaxis.set_major_locator(mticker.MaxNLocator(6))
            sec.set_xlabel(t("axis.budget_rp_per_village", lang), color=MUTED_TEXT)
            sec.tick_params(colors=MUTED_TEXT)
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
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
        fig = _new_figure(10.0, max(3.4, 2.1 + 0.55 * n))
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
                fontsize=9,
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
                    fontsize=9,
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
                    fontsize=9,
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
            fontsize=9,
            color=MUTED_TEXT,
        )
        ax.text(
            reach * 0.02,
            top - 0.05,
            t("later", lang) + " →",
            ha="left",
            va="top",
            fontsize=9,
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
) -> Figure:
    """Slide-ready (16:9) comparison of all regencies.

    Left: current coverage against the target; middle: median year the target is reached in
    each scenario (not reached → shaded zone after the horizon); right (if the frame has
    budgets): yearly budget of each scenario. Regencies are sorted by their earliest median
    month (soonest on top).

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
        Figure title; default "Perbandingan kabupaten menuju UCJ 99,5 %".

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
    colors = scenario_colors(order)
    horizon = _month_end(horizon_end)

    # one row per regency: current coverage, its quality and date
    reg = df.groupby("regency", sort=False).agg(
        cov=("current_coverage_pct", "first"),
        quality=("quality", "first"),
        first_med=("_med", "min"),
    )
    if "current_date" in df.columns:
        reg["date"] = df.groupby("regency", sort=False)["current_date"].first()
    reg["sort_med"] = reg["first_med"].fillna(pd.Timestamp.max)
    reg["sort_cov"] = -reg["cov"].fillna(-1.0)
    reg = reg.sort_values(["sort_med", "sort_cov"], kind="stable")
    regencies = list(reg.index)
    n = len(regencies)
    ypos = {r: n - 1 - i for i, r in enumerate(regencies)}
    has_budget = (
        "budget_rp_per_year" in df.columns and (df["budget_rp_per_year"].fillna(0) > 0).any()
    )
    big = n <= 10
    title = title or t("title.portfolio", lang, pct=_smart_pct(target_pct, lang))

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
                color=PALETTE[5] if observed else "#B9C4CC",
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
        ax_cov.text(
            target_pct,
            n - 0.45,
            t("target_line", lang, pct=_smart_pct(target_pct, lang)),
            ha="right",
            va="bottom",
            color=TARGET_COLOR,
            fontsize=mpl.rcParams["font.size"] * 0.8,
        )
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
        _beyond_zone_x(ax_ttt, horizon, right, lang, label_y=0.995)
        if dl is not pd.NaT and dl != horizon:
            _deadline_label(ax_ttt, dl, lang, y_axes=0.01)
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
        ax_ttt.set_xlim(left, right)
        month_axis(ax_ttt, lang, maxticks=7)
        _clip_date_ticks(ax_ttt.xaxis, horizon)
        ax_ttt.set_xlabel(t("axis.month_reached", lang))
        ax_ttt.set_title(t("title.portfolio_ttt", lang))
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
            ax_b.set_title(t("col.budget_rp_per_year", lang))
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
        fig.suptitle(title)
    return fig


# --------------------------------------------------------------------------------------------
# yearly cost
# --------------------------------------------------------------------------------------------
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
) -> Figure:
    """Yearly budget-funded contribution cost by scenario.

    Parameters
    ----------
    yearly_cost : pandas.DataFrame
        Engine output ``SimulationResult.yearly_cost``: ``regency, scenario, year, cost_rp_p50``
        [Rp per year] and, with ``per_village=True``, ``cost_rp_per_village_p50``
        [Rp per village per year]; optional ``scenario_label``.
    lang : {"id", "en"}
        Language.
    regency : str, optional
        Regency; default: the only one in the frame, or one panel per regency.
    scenarios : sequence of str, optional
        Scenario keys in order.
    scenario_labels : mapping, optional
        Scenario key → display label.
    per_village : bool
        Plot the cost per village instead of the total.
    years : sequence of int, optional
        Years to show (default all).
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.figure.Figure
        Grouped bars for up to 8 years, lines with markers for longer ranges; rupiah ticks.
    """
    lang = check_lang(lang)
    col = "cost_rp_per_village_p50" if per_village else "cost_rp_p50"
    _require_columns(yearly_cost, ("regency", "scenario", "year", col), "cost_chart")
    frame, regency = _filter_regency(yearly_cost, regency, "cost_chart")
    if years is not None:
        frame = frame[frame["year"].astype(int).isin([int(y) for y in years])]
    if frame.empty:
        raise ValueError("cost_chart: no rows to draw")
    order = _scenario_order(frame, scenarios, "cost_chart")
    labels = _scenario_label_map(frame, scenario_labels)
    colors = scenario_colors(order)
    regs = [regency] if regency else list(dict.fromkeys(frame["regency"].astype(str)))
    for s in order:  # a scenario without any budget cost says so in the legend
        if (frame.loc[frame["scenario"].astype(str) == s, col].fillna(0) == 0).all():
            labels[s] = f"{labels.get(s, s)} ({format_rp(0, lang)})"
    all_years = sorted(frame["year"].astype(int).unique())
    bars = len(all_years) <= 8
    title = title or (
        t("title.cost_chart_regency", lang, regency=regency)
        if regency
        else t("title.cost_chart", lang)
    )
    ylabel = t("axis.cost_rp_per_village" if per_village else "axis.cost_rp_per_year", lang)

    with mpl.rc_context(_rc()):
        nreg = len(regs)
        fig = _new_figure(10.0, 5.4 if nreg == 1 else 1.6 + 3.0 * nreg)
        axes = np.atleast_1d(fig.subplots(nreg, 1, sharex=True, sharey=True, squeeze=False)).ravel()
        for ax, r in zip(axes, regs, strict=True):
            _style_axes(ax)
            sub = frame[frame["regency"].astype(str) == r] if "regency" in frame.columns else frame
            k = len(order)
            width = 0.8 / k
            for j, s in enumerate(order):
                ss = sub[sub["scenario"].astype(str) == s].sort_values("year")
                xs = ss["year"].astype(int).to_numpy()
                vs = ss[col].astype(float).to_numpy()
                if bars:
                    ax.bar(
                        xs - 0.4 + width * (j + 0.5),
                        vs,
                        width=width * 0.92,
                        color=colors[s],
                        label=labels.get(s, s),
                        zorder=3,
                    )
                else:
                    ax.plot(
                        xs,
                        vs,
                        color=colors[s],
                        marker="o",
                        markersize=4,
                        linewidth=2.0,
                        label=labels.get(s, s),
                        zorder=3,
                    )
            ax.set_ylim(bottom=0)
            ax.yaxis.set_major_formatter(rp_formatter(lang))
            ax.yaxis.set_major_locator(mticker.MaxNLocator(6))
            nyears = all_years[-1] - all_years[0]
            step = 1 if nyears <= 8 else (2 if nyears <= 14 else 5)
            ax.xaxis.set_major_locator(mticker.MultipleLocator(step))
            if step > 1:
                ax.xaxis.set_minor_locator(mticker.MultipleLocator(1))
            ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _p: f"{int(round(v))}"))
            ax.set_ylabel(ylabel)
            ax.set_title(r if nreg > 1 else title)
        axes[-1].set_xlabel(t("axis.year", lang))
        if bars:
            axes[-1].set_xticks(all_years)
        handles = [
            Patch(facecolor=colors[s], label=labels.get(s, s))
            if bars
            else Line2D([], [], color=colors[s], marker="o", linewidth=2.0, label=labels.get(s, s))
            for s in order
        ]
        fig.legend(
            handles=handles, loc="outside lower center", ncols=min(len(handles), 4), frameon=False
        )
        if nreg > 1:
            fig.suptitle(title)
    return fig
