"""Fan chart: coverage paths of a regency's scenarios with their P10-P90 bands."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib import ticker as mticker
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ucj_analysis.i18n import check_lang, format_month, t
from ucj_analysis.plots.annotate import (
    _overlaps,
    _target_handle,
    _target_hline,
    _target_label,
    _text_size_in,
    _time_axis,
    _time_label,
    _title_pad,
    _top_labels,
    _vline,
    _vline_handle,
)
from ucj_analysis.plots.frames import (
    _as_month_list,
    _filter_regency,
    _month_end,
    _month_end_series,
    _require_columns,
    _scenario_label_map,
    _scenario_order,
)
from ucj_analysis.plots.style import (
    MUTED_TEXT,
    NOWCAST_COLOR,
    PAGE_WIDTH,
    TEXT_COLOR,
    TODAY_COLOR,
    _coverage_text,
    _new_figure,
    _rc,
    _small,
    _style_axes,
    _target_pct,
    _tx,
    _with_phone_variant,
    _wrap,
    scenario_colors,
)
from ucj_analysis.plots.ticks import pct_formatter

__all__ = ["fan_chart"]


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


@_with_phone_variant(ncols=1)
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
    width: float = PAGE_WIDTH,
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
    width : float
        Figure width [in]; default :data:`PAGE_WIDTH`. The phone variant of the reports is
        :data:`NARROW_WIDTH` with ``ncols=1``: one panel per row, shorter rows (2.1 in instead
        of 2.35 in) and the legend in one column.

    Returns
    -------
    matplotlib.figure.Figure
        ``width`` wide (:data:`PAGE_WIDTH` by default). In ``panels`` layout the figure title is
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
    width = float(width)
    narrow = width < PAGE_WIDTH - 1e-9
    if ncols is None:
        ncols = 1 if n == 1 or narrow else 2
    ncols = max(1, min(int(ncols), n))
    nrows = math.ceil(n / ncols)
    row_in = 2.1 if narrow else 2.35
    height = 1.5 + row_in * nrows if n > 1 else 4.6
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
                    # on a phone a long name runs over the right margin: clear the target label
                    pad=_title_pad(rows_used) + (5 if narrow else 0),
                )
            else:
                size = mpl.rcParams["axes.titlesize"]
                ax.set_title(_wrap(title, width - 1.2, size, True), pad=_title_pad(rows_used))

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
        legend_cols = 1 if narrow else min(len(handles), 2)
        if narrow:  # a one-column legend: make room for it instead of squeezing the panels
            fig.set_figheight(height + 0.2 * math.ceil(len(handles) / legend_cols))
        fig.legend(handles=handles, loc="outside lower center", ncols=legend_cols, frameon=False)
        if nrows > 1:  # one y label for the column: per-row labels would run into each other
            fig.supylabel(t("axis.coverage_pct", lang), fontsize=mpl.rcParams["axes.labelsize"])
        if layout == "panels":
            fig.suptitle(_wrap(title, width - 0.2, mpl.rcParams["figure.titlesize"], True))
    return fig
