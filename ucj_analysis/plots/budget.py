"""Budget charts: the budget curve (money against the month the target is reached) and the
tornado of parameter sensitivity.
"""

from __future__ import annotations

import math

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib import ticker as mticker
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory

from ucj_analysis.i18n import check_lang, format_month, format_number, format_rp, t
from ucj_analysis.plots.annotate import _time_axis, _time_label
from ucj_analysis.plots.frames import (
    _filter_regency,
    _month_end,
    _month_end_series,
    _require_columns,
)
from ucj_analysis.plots.style import (
    HIGH_COLOR,
    HORIZON_COLOR,
    LOW_COLOR,
    MUTED_TEXT,
    PAGE_WIDTH,
    TARGET_COLOR,
    TEXT_COLOR,
    ZONE_COLOR,
    _is_narrow,
    _new_figure,
    _rc,
    _small,
    _style_axes,
    _with_phone_variant,
    _wrap,
)
from ucj_analysis.plots.ticks import rp_formatter

__all__ = ["budget_curve", "tornado"]


@_with_phone_variant()
def budget_curve(
    curve: pd.DataFrame,
    *,
    lang: str = "id",
    deadline: object | None = None,
    regency: str | None = None,
    horizon_end: object = "2045-12",
    n_desa: int | None = None,
    title: str | None = None,
    width: float = PAGE_WIDTH,
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
    width : float
        Figure width [in]; default :data:`PAGE_WIDTH`. Narrower (the phone variant,
        :data:`NARROW_WIDTH`): fewer ticks, the title and notes wrapped, a one-column legend.

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
    narrow = _is_narrow(width)
    width = float(width)
    text_w = width - 1.3  # inside the axes [in]

    # the title sits above the secondary axis on top: matplotlib places it (rc axes.titley None)
    with mpl.rc_context({**_rc(), "axes.titley": None}):
        fig = _new_figure(width, 5.6 if narrow else 4.9)
        ax = fig.subplots()
        _style_axes(ax, grid_axis="both")
        ax.axhspan(horizon, top, facecolor=ZONE_COLOR, edgecolor="none", zorder=0)
        ax.axhline(horizon, color=HORIZON_COLOR, linewidth=1.0, zorder=1)
        zone_label = t("not_reached_by", lang, month=format_month(horizon, lang, short=True))
        ax.text(
            0.99,
            zone_text,
            _wrap(zone_label, text_w, _small()) if narrow else zone_label,
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
            if narrow:
                note = _wrap(note, text_w - 0.3, _small())
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
        ax.xaxis.set_major_locator(mticker.MaxNLocator(3 if narrow else 6))
        years = _time_axis(ax, lang, bottom, top, axis="y", maxticks=7, clip_at=horizon)
        label_w = width - 0.3
        xlabel = t("axis.budget_rp_per_year", lang)
        ax.set_xlabel(_wrap(xlabel, label_w, mpl.rcParams["axes.labelsize"]) if narrow else xlabel)
        ax.set_ylabel(_time_label(years, lang, reached=True))
        size = mpl.rcParams["axes.titlesize"]
        ax.set_title(_wrap(title, label_w, size, True) if narrow else title)
        if n_desa:
            n = float(n_desa)
            sec = ax.secondary_xaxis("top", functions=(lambda b: b / n, lambda v: v * n))
            sec.xaxis.set_major_formatter(rp_formatter(lang))
            sec.xaxis.set_major_locator(mticker.MaxNLocator(3 if narrow else 6))
            top_label = t("axis.budget_rp_per_village", lang)
            if narrow:
                top_label = _wrap(top_label, label_w, mpl.rcParams["axes.labelsize"])
            sec.set_xlabel(top_label, color=MUTED_TEXT)
            sec.tick_params(colors=MUTED_TEXT)
        if narrow:
            for h in handles:
                h.set_label(_wrap(h.get_label(), width - 0.8, mpl.rcParams["legend.fontsize"]))
        fig.legend(
            handles=handles, loc="outside lower center", ncols=1 if narrow else 2, frameon=False
        )
    return fig


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


@_with_phone_variant()
def tornado(
    sens: pd.DataFrame,
    *,
    lang: str = "id",
    regency: str | None = None,
    title: str | None = None,
    max_bars: int | None = 12,
    width: float = PAGE_WIDTH,
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
    width : float
        Figure width [in]; default :data:`PAGE_WIDTH`. Narrower (the phone variant,
        :data:`NARROW_WIDTH`): each assumption's name and its two tested values are written
        above its bars, which span the whole width, and the bars are labelled with the change
        in months only.

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
    narrow = _is_narrow(width)
    width = float(width)
    # room for the value labels at the bar ends; the 'not reached' zone sits beyond them
    # (on a phone the labels are the change in months only: "+12")
    zone_start = reach * (1.3 if narrow else 1.38)
    limit_right = reach * (1.75 if narrow else 1.72) if any_nr else zone_start
    limit_left = -reach * (1.3 if narrow else 1.38)
    # Not reached -> bar to the zone (treated as infinitely later when sorting).
    lo_plot = np.where(np.isnan(d_lo), limit_right, d_lo)
    hi_plot = np.where(np.isnan(d_hi), limit_right, d_hi)
    spread = np.abs(np.where(np.isnan(d_lo), np.inf, d_lo) - np.where(np.isnan(d_hi), np.inf, d_hi))
    spread = np.where(np.isnan(spread), np.inf, spread)  # both not reached
    order = np.argsort(-np.nan_to_num(spread, posinf=1e12), kind="stable")
    if max_bars:
        order = order[:max_bars]
    rows = frame.reset_index(drop=True)
    n = len(order)
    unit = t("months_unit", lang)
    base_value = float(base.iloc[0])
    title = title or (
        t("title.tornado_regency", lang, regency=regency) if regency else t("title.tornado", lang)
    )

    names = {}
    if narrow:  # "<assumption>: <low value> / <high value>" above the bars
        for idx in order:
            r = rows.iloc[idx]
            vals = []
            for val, txt_col in ((r["low_value"], "low_text"), (r["high_value"], "high_text")):
                custom = txt_col in rows.columns and isinstance(r[txt_col], str)
                vals.append(r[txt_col] if custom else _value_text(val, lang))
            names[idx] = _wrap(f"{r['label']}: {vals[0]} / {vals[1]}", width - 0.4, _small())
    row_in = 0.55
    if narrow:
        row_in = 0.45 + 0.17 * max(txt.count("\n") + 1 for txt in names.values())

    with mpl.rc_context(_rc()):
        if narrow:
            fig = _new_figure(width, 2.6 + row_in * n)
        else:
            fig = _new_figure(width, max(3.4, 2.1 + 0.55 * n))
        ax = fig.subplots()
        _style_axes(ax, grid_axis="x")
        top = n - 0.4 + (0.75 if narrow else 0.55)
        if any_nr:
            ax.axvspan(zone_start, limit_right, facecolor=ZONE_COLOR, edgecolor="none", zorder=0)
            ax.text(
                (zone_start + limit_right) / 2,
                top - 0.05,
                t("status.not_reached", lang).replace(" ", "\n" if narrow else " "),
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
                if narrow:
                    label = format_number(delta, lang, 0, signed=True) if delta else "0"
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
            if narrow:
                ax.annotate(
                    names[idx],
                    xy=(0.0, y + 0.31),
                    xycoords=blended_transform_factory(ax.transAxes, ax.transData),
                    xytext=(0, 2),
                    textcoords="offset points",
                    ha="left",
                    va="bottom",
                    fontsize=_small(),
                    color=TEXT_COLOR,
                    annotation_clip=False,
                    zorder=6,
                )
            elif nr_texts:
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
        if narrow:
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
        else:
            ax.set_yticks(range(n - 1, -1, -1), [str(rows.iloc[i]["label"]) for i in order])
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(-0.6, top)
        ax.set_xlim(limit_left, limit_right)
        nbins = 5 if narrow else 9
        ticks = mticker.MaxNLocator(nbins=nbins, integer=True).tick_values(limit_left, zone_start)
        ax.xaxis.set_major_locator(
            mticker.FixedLocator([v for v in ticks if limit_left <= v < zone_start])
        )
        ax.xaxis.set_major_formatter(
            mticker.FuncFormatter(
                lambda v, _p: format_number(v, lang, 0, signed=True) if v else "0"
            )
        )
        xlabel = t("axis.delta_months", lang)
        if narrow:
            xlabel = _wrap(xlabel, width - 0.3, mpl.rcParams["axes.labelsize"])
            title = _wrap(title, width - 0.3, mpl.rcParams["axes.titlesize"], True)
        ax.set_xlabel(xlabel)
        ax.set_title(title)
        handles = [
            Patch(facecolor=LOW_COLOR, alpha=0.85, label=t("col.low_value", lang)),
            Patch(facecolor=HIGH_COLOR, alpha=0.85, label=t("col.high_value", lang)),
        ]
        base_note = t("note.base", lang, value=f"{format_number(base_value, lang, 0)} {unit}")
        if narrow:
            base_note = _wrap(base_note, width - 0.3, mpl.rcParams["legend.fontsize"])
        fig.legend(
            handles=handles,
            loc="outside lower center",
            ncols=2,
            frameon=False,
            title=base_note,
        )
    return fig
