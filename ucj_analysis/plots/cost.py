"""Cost chart: yearly cost of each scenario, in a rupiah unit chosen from the largest value."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib import ticker as mticker
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ucj_analysis.i18n import check_lang, format_number, format_rp, rp_unit_label, t
from ucj_analysis.plots.frames import (
    _filter_regency,
    _require_columns,
    _scenario_label_map,
    _scenario_order,
)
from ucj_analysis.plots.style import (
    MUTED_TEXT,
    PAGE_WIDTH,
    _is_narrow,
    _new_figure,
    _rc,
    _small,
    _style_axes,
    _tx,
    _with_phone_variant,
    _wrap,
    _wrap_two_lines,
    scenario_colors,
)

__all__ = ["cost_chart"]


#: rupiah axis units and their scale [Rp]; the axis words come from ``i18n.rp_unit_label``
_RP_SCALES = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "full": 1.0}


def _rp_unit(vmax: float) -> str:
    """Largest rupiah unit (trillion/billion/million/full) not above ``vmax`` [Rp]."""
    for name in ("trillion", "billion", "million"):
        if vmax >= _RP_SCALES[name]:
            return name
    return "full"


def _money_bar(
    ax, v: float, y: float, h: float, hatched: bool, color: str, gid: str, zero_text: str, fs
) -> None:
    """One horizontal money bar at ``y`` (hatched outline = appropriation, solid = spending);
    a zero amount is written out, a missing one (NaN) left empty."""
    if np.isnan(v):
        return
    ax.barh(
        y,
        v,
        height=h,
        color=color if not hatched else "white",
        edgecolor=color,
        hatch="////" if hatched else None,
        linewidth=1.0 if hatched else 0,
        zorder=3,
        gid=gid,
    )
    if v == 0:
        ax.annotate(
            zero_text,
            xy=(0, y),
            xytext=(3, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=fs,
            color=MUTED_TEXT,
        )


def _scaled_rp_formatter(unit: str, lang: str) -> mticker.Formatter:
    """Tick labels as numbers in ``unit`` (``"2,5"`` for Rp 2,5 miliar); the unit is in the
    axis label."""
    scale = _RP_SCALES[unit]
    return mticker.FuncFormatter(
        lambda v, _p: format_number(v / scale, lang, 1 if scale > 1 else 0, trim=True)
    )


@_with_phone_variant()
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
    width: float = PAGE_WIDTH,
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
    width : float
        Figure width [in]; default :data:`PAGE_WIDTH`. Narrower (the phone variant,
        :data:`NARROW_WIDTH`): one panel per scenario, one above the other, titled with the
        scenario's name, with the years as rows (up to 4 years) or on the x axis (more years).

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
    unit_word = rp_unit_label(unit, lang)
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
            width=float(width),
        )
    if _is_narrow(width):
        return _cost_by_scenario(
            frame,
            order,
            labels,
            colors,
            spend,
            appr if has_appr else None,
            sel,
            regs,
            unit,
            vmax,
            lang,
            title,
            xlabel,
            spend_label,
            float(width),
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
                        gid = f"{'appropriation' if hatched else 'spending'}:{s}"
                        _money_bar(ax, v, yy, h, hatched, colors[s], gid, zero_text, fs)
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


def _cost_by_scenario(
    frame: pd.DataFrame,
    order: list[str],
    labels: dict[str, str],
    colors: dict[str, str],
    spend: str,
    appr: str | None,
    sel: list[int],
    regs: list[str],
    unit: str,
    vmax: float,
    lang: str,
    title: str,
    xlabel: str,
    spend_label: str,
    width: float,
) -> Figure:
    """Phone layout of up to 4 years: one panel per scenario (and regency), years as rows."""
    panels = [(r, s) for r in regs for s in order]
    ny = len(sel)
    per_year = 0.42 if appr is not None else 0.28
    heights = [0.3 + per_year * ny for _ in panels]
    fs = _small()
    zero_text = format_rp(0, lang)
    with mpl.rc_context(_rc()):
        fig = _new_figure(width, 1.9 + sum(heights) + 0.42 * len(panels))
        axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False, height_ratios=heights)
        for ax, (r, s) in zip(axes[:, 0], panels, strict=True):
            _style_axes(ax, grid_axis="x")
            sub = frame if "regency" not in frame.columns else frame[frame["regency"] == r]
            sub = sub[sub["scenario"].astype(str) == s].drop_duplicates("year").set_index("year")
            for j, year in enumerate(sel):
                y = ny - 1 - j
                bars = [(appr, y + 0.2, 0.36, True), (spend, y - 0.2, 0.36, False)]
                if appr is None:
                    bars = [(spend, y, 0.6, False)]
                for col, yy, h, hatched in bars:
                    v = float(sub[col].get(year, np.nan)) if col in sub.columns else np.nan
                    gid = f"{'appropriation' if hatched else 'spending'}:{s}:{year}"
                    _money_bar(ax, v, yy, h, hatched, colors[s], gid, zero_text, fs)
            ax.set_yticks(range(ny - 1, -1, -1), [str(y) for y in sel])
            ax.tick_params(axis="y", length=0)
            ax.set_ylim(-0.6, ny - 0.4)
            ax.set_xlim(0, max(vmax, 1.0) * 1.05)
            ax.xaxis.set_major_locator(mticker.MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
            ax.xaxis.set_major_formatter(_scaled_rp_formatter(unit, lang))
            ax.xaxis.set_tick_params(labelbottom=True)
            name = labels.get(s, s) if len(regs) == 1 else f"{r} · {labels.get(s, s)}"
            ax.set_title(_wrap(name, width - 0.3, mpl.rcParams["axes.titlesize"], True))
        axes[-1, 0].set_xlabel(_wrap(xlabel, width - 0.3, mpl.rcParams["axes.labelsize"]))
        handles = [Patch(facecolor="#666666", label=spend_label)]
        if appr is not None:
            handles.insert(
                0,
                Patch(
                    facecolor="white",
                    edgecolor="#666666",
                    hatch="////",
                    label=_tx("appropriation", lang),
                ),
            )
        fig.legend(handles=handles, loc="outside lower center", ncols=1, frameon=False)
        fig.suptitle(_wrap(title, width - 0.2, mpl.rcParams["figure.titlesize"], True))
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
    width: float = PAGE_WIDTH,
) -> Figure:
    """Small multiples, one scenario per panel, for long year ranges (one column on a phone)."""
    n = len(order)
    narrow = _is_narrow(width)
    ncols = 1 if n == 1 or narrow else 2
    nrows = math.ceil(n / ncols)
    nyears = sel[-1] - sel[0]
    step = 1 if nyears <= 6 else (2 if nyears <= 12 else 5)
    if narrow:
        step = 2 if nyears <= 8 else (3 if nyears <= 12 else 5)
    with mpl.rc_context(_rc()):
        fig = _new_figure(width, 1.3 + 2.0 * nrows + (0.5 if narrow else 0.0))
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
            name = labels.get(s, s)
            if narrow:
                name = _wrap(name, width - 0.8, mpl.rcParams["axes.titlesize"], True)
            ax.set_title(name)
            row, col = divmod(i, ncols)
            if col == 0:
                ax.set_ylabel(xlabel if nrows == 1 else rp_unit_label(unit, lang))
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
        fig.legend(
            handles=handles,
            loc="outside lower center",
            ncols=1 if narrow else len(handles),
            frameon=False,
        )
        sup = title if nrows == 1 else f"{title} ({rp_unit_label(unit, lang)})"
        fig.suptitle(
            _wrap(sup, width - 0.2, mpl.rcParams["figure.titlesize"], True) if narrow else sup
        )
    return fig
