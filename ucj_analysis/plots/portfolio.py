"""Portfolio chart: time to target of many regencies on one slide."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib as mpl
import pandas as pd
from matplotlib import ticker as mticker
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ucj_analysis.i18n import (
    check_lang,
    format_month,
    format_pct,
    format_rp,
    t,
    translate_value,
)
from ucj_analysis.plots.annotate import (
    _beyond_zone_x,
    _target_handle,
    _target_label,
    _time_axis,
    _time_label,
    _title_pad,
    _top_labels,
    _vline,
)
from ucj_analysis.plots.frames import _month_end, _month_end_series, _require_columns
from ucj_analysis.plots.style import (
    MUTED_TEXT,
    NEUTRAL_BAR,
    TARGET_COLOR,
    TEXT_COLOR,
    _is_narrow,
    _new_figure,
    _rc,
    _small,
    _smart_pct,
    _style_axes,
    _tx,
    _with_phone_variant,
    _wrap,
    scenario_color,
)
from ucj_analysis.plots.ticks import pct_formatter, rp_formatter

__all__ = ["portfolio_chart"]

#: Width of the portfolio slide [in] (16:9 at 7.5 in high).
SLIDE_WIDTH = 13.333


def _budget_bars(
    ax, df: pd.DataFrame, ypos, offsets, colors, lang: str, *, height: float,
    label_fs: float | None, label_gap: float,
) -> float:  # fmt: skip
    """One bar per regency x scenario of the yearly budget [Rp per year], the amount written
    beside it when ``label_fs`` is given; returns the largest budget (for the axis limit)."""
    bmax = float(df["budget_rp_per_year"].max())
    for _, row in df.iterrows():
        b = row["budget_rp_per_year"]
        if pd.isna(b):
            continue
        s = row["scenario_label"]
        y = ypos[row["regency"]] + offsets[s]
        ax.barh(y, b, height=height, color=colors[s], zorder=3)
        if label_fs is not None:
            ax.text(b + bmax * label_gap, y, format_rp(b, lang), va="center", ha="left",
                    fontsize=label_fs, color=TEXT_COLOR)  # fmt: skip
    return bmax


@_with_phone_variant()
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
    width: float = SLIDE_WIDTH,
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
    width : float
        Figure width [in]; default the slide's 13.33 in. Below :data:`PAGE_WIDTH` (the phone
        variant, :data:`NARROW_WIDTH`) the three panels are stacked, one above the other, in the
        page font sizes, each with the regency names, and the title is wrapped.

    Returns
    -------
    matplotlib.figure.Figure
        13.33 × 7.5 in (16:9); large fonts for slides. Phone variant: ``width`` wide, as high as
        its panels need.
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

    if _is_narrow(width):
        return _portfolio_phone(
            df,
            reg,
            order,
            colors,
            lang=lang,
            target_pct=target_pct,
            horizon=horizon,
            deadline=deadline,
            has_budget=has_budget,
            title=title,
            order_text=order_text,
            width=float(width),
        )

    with mpl.rc_context(_rc(1.35)):
        fig = _new_figure(SLIDE_WIDTH, 7.5)
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
        rows_used = _top_labels(ax_ttt, dl_items, SLIDE_WIDTH * 0.3)
        pad = _title_pad(rows_used)
        ax_ttt.set_title(t("title.portfolio_ttt", lang), pad=pad)
        ax_cov.set_title(ax_cov.get_title(), pad=pad)
        ax_ttt.tick_params(axis="y", length=0)

        # --- panel 3: budget per scenario
        if has_budget:
            ax_b = axes[2]
            _style_axes(ax_b, grid_axis="x")
            bmax = _budget_bars(
                ax_b, df, ypos, offsets, colors, lang, height=min(0.24, 0.7 / k),
                label_fs=mpl.rcParams["font.size"] * 0.75 if big else None, label_gap=0.02,
            )  # fmt: skip
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


def _portfolio_phone(
    df: pd.DataFrame,
    reg: pd.DataFrame,
    order: list[str],
    colors: dict[str, str],
    *,
    lang: str,
    target_pct: float,
    horizon: pd.Timestamp,
    deadline: object | None,
    has_budget: bool,
    title: str,
    order_text: str,
    width: float,
) -> Figure:
    """The portfolio on a phone: current coverage, median year and budget stacked."""
    regencies = list(reg.index)
    n, k = len(regencies), len(order)
    big = n <= 10
    ypos = {r: n - 1 - i for i, r in enumerate(regencies)}
    offsets = (
        {s: (k - 1) / 2 * 0.26 - j * 0.26 for j, s in enumerate(order)} if k > 1 else {order[0]: 0}
    )
    fs = _small()
    heights = [0.42 * n + 0.3, (0.25 * k + 0.2) * n + 0.3]
    if has_budget:
        heights.append((0.25 * k + 0.2) * n + 0.3)
    text_w = width - 0.2
    with mpl.rc_context(_rc()):
        fig = _new_figure(width, sum(heights) + 1.0 * len(heights) + 2.2 + 0.2 * k)
        axes = fig.subplots(len(heights), 1, height_ratios=heights)
        ax_cov, ax_ttt = axes[0], axes[1]
        size = mpl.rcParams["axes.titlesize"]

        # --- current coverage: value inside a long bar, beside a short one
        _style_axes(ax_cov, grid_axis="x")
        for r in regencies:
            cov, y = reg.loc[r, "cov"], ypos[r]
            if pd.isna(cov):
                ax_cov.text(2, y, t("no_data", lang), va="center", color=MUTED_TEXT, fontsize=fs)
                continue
            observed = str(reg.loc[r, "quality"]).lower() == "observed"
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
            if "date" in reg.columns and not pd.isna(reg.loc[r, "date"]):
                txt += f" ({format_month(reg.loc[r, 'date'], lang, short=True)})"
            inside = cov > 55
            ax_cov.text(
                cov - 1.5 if inside else cov + 1.5,
                y,
                txt,
                va="center",
                ha="right" if inside else "left",
                fontsize=fs,
                color="white" if inside and observed else TEXT_COLOR,
                fontweight="bold" if inside and observed else "normal",
                zorder=5,
            )
        ax_cov.axvline(
            target_pct, color=TARGET_COLOR, linestyle=(0, (6, 3)), linewidth=1.2, zorder=4
        )
        ax_cov.set_xlim(0, 100)
        ax_cov.xaxis.set_major_locator(mticker.MultipleLocator(25))
        ax_cov.xaxis.set_major_formatter(pct_formatter(lang, decimals=0))
        ax_cov.set_xlabel(_wrap(t("axis.current_coverage_pct", lang), text_w, fs))
        ax_cov.set_title(_wrap(t("title.portfolio_current", lang), text_w, size, True))

        # --- median year per scenario
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
        right = horizon + max((horizon - left) * 0.35, pd.Timedelta(days=4 * 365))
        ax_ttt.set_xlim(left, right)
        _beyond_zone_x(ax_ttt, horizon, right, lang, label_y=0.995)
        if dl is not pd.NaT and dl != horizon:
            _vline(ax_ttt, dl, "deadline")
        zone_x = horizon + (right - horizon) * 0.5
        for _, row in df.iterrows():
            s = row["scenario_label"]
            y = ypos[row["regency"]] + offsets[s]
            med, c = row["_med"], colors[s]
            if med is pd.NaT:
                ax_ttt.plot(
                    [zone_x], [y], marker=">", markersize=7, color=c, markerfacecolor="white",
                    markeredgewidth=1.6, zorder=5, linestyle="none",
                )  # fmt: skip
                continue
            ax_ttt.plot([left, med], [y, y], color=c, linewidth=1.2, alpha=0.35, zorder=2)
            ax_ttt.plot(
                [med], [y], marker="o", markersize=7, color=c, markeredgecolor="white",
                markeredgewidth=1.0, zorder=5, linestyle="none",
            )  # fmt: skip
            if big:
                ax_ttt.text(
                    med + pd.Timedelta(days=200), y, str(med.year), va="center", ha="left",
                    fontsize=fs, color=TEXT_COLOR, zorder=6,
                )  # fmt: skip
        years = _time_axis(ax_ttt, lang, left, right, maxticks=4, clip_at=horizon)
        ax_ttt.set_xlabel(_time_label(years, lang, reached=True))
        ttt_title = t("title.portfolio_ttt", lang)
        if dl is not pd.NaT and dl != horizon:
            ttt_title += " · " + t("deadline_line", lang, month=format_month(dl, lang, short=True))
        ax_ttt.set_title(_wrap(ttt_title, text_w, size, True))

        # --- budget per scenario, the amount written beside each bar
        if has_budget:
            ax_b = axes[2]
            _style_axes(ax_b, grid_axis="")
            bmax = _budget_bars(
                ax_b, df, ypos, offsets, colors, lang, height=min(0.22, 0.7 / k),
                label_fs=fs if big else None, label_gap=0.03,
            )  # fmt: skip
            ax_b.set_xlim(0, bmax * (2.1 if big else 1.08))
            if big:
                ax_b.xaxis.set_major_locator(mticker.NullLocator())
                ax_b.spines["bottom"].set_visible(False)
            else:
                ax_b.xaxis.set_major_locator(mticker.MaxNLocator(3))
                ax_b.xaxis.set_major_formatter(rp_formatter(lang))
                ax_b.set_xlabel(_wrap(t("axis.budget_rp_per_year", lang), text_w, fs))
            ax_b.set_title(_wrap(t("col.budget_rp_per_year", lang), text_w, size, True))
        for ax in axes:
            ax.set_yticks(range(n - 1, -1, -1), regencies)
            ax.tick_params(axis="y", length=0)
            ax.set_ylim(-0.6, n - 0.4 + (0.45 if ax is ax_ttt else 0.0))  # room: zone label

        handles = [
            Line2D([], [], marker="o", linestyle="none", markersize=8, color=colors[s],
                   markeredgecolor="white", label=_wrap(s, text_w - 0.5, fs))
            for s in order
        ]  # fmt: skip
        handles.append(_target_handle(target_pct, lang))
        if (reg["quality"].astype(str).str.lower() != "observed").any():
            label = _wrap(t("note.quality_hatched", lang), text_w - 0.5, fs)
            handles.append(Patch(facecolor="#B9C4CC", hatch="///", edgecolor="white", label=label))
        fig.legend(handles=handles, loc="outside lower center", ncols=1, frameon=False)
        suptitle = _wrap(title, text_w, mpl.rcParams["figure.titlesize"], True)
        fig.suptitle(suptitle + "\n" + _wrap(order_text, text_w, size, True))
    return fig
