"""Time to target: when each scenario reaches the target, or its coverage at a deadline."""

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
from matplotlib.transforms import blended_transform_factory

from ucj_analysis.i18n import check_lang, format_month, t
from ucj_analysis.plots.annotate import (
    _beyond_zone_x,
    _target_handle,
    _target_label,
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
    _require_columns,
    _scenario_label_map,
    _scenario_order,
)
from ucj_analysis.plots.style import (
    HORIZON_COLOR,
    MUTED_TEXT,
    PAGE_WIDTH,
    TARGET_COLOR,
    TEXT_COLOR,
    ZONE_COLOR,
    _coverage_text,
    _is_narrow,
    _new_figure,
    _rc,
    _share_text,
    _small,
    _smart_pct,
    _style_axes,
    _target_pct,
    _tx,
    _with_phone_variant,
    _wrap,
    _wrap_two_lines,
    scenario_color,
)
from ucj_analysis.plots.ticks import pct_formatter

__all__ = ["time_to_target_chart"]


@_with_phone_variant()
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
    width: float = PAGE_WIDTH,
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
    width : float
        Figure width [in]; default :data:`PAGE_WIDTH`. Narrower (the phone variant,
        :data:`NARROW_WIDTH`): each scenario's name (and its median month reached) is written
        above its row instead of beside it, the title is wrapped and the legend is one column.

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
            width=float(width),
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
        width=float(width),
    )


def _row_label(ax, y: float, text: str, *, bold_tail: str = "", color: str = TEXT_COLOR) -> None:
    """A row's name written above the row, from the left edge of the axes (phone layout)."""
    ax.annotate(
        text + (f": {bold_tail}" if bold_tail else ""),
        xy=(0.0, y),
        xycoords=blended_transform_factory(ax.transAxes, ax.transData),
        xytext=(0, 8),
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=_small(),
        color=color,
        annotation_clip=False,
        zorder=6,
    )


def _row_height_in(labels: Sequence[str], base: float) -> float:
    """Height of one row of the phone layout [in]: ``base`` plus a line per wrapped line."""
    lines = max((str(lab).count("\n") + 1 for lab in labels), default=1)
    return base + 0.17 * lines


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
    width: float = PAGE_WIDTH,
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
    narrow = _is_narrow(width)
    with mpl.rc_context(_rc()):
        if narrow:
            names = {}
            for s in order:
                med = _month_end(ttt.loc[s, "median_month"]) if s in ttt.index else pd.NaT
                when = (
                    format_month(med, lang, short=True)
                    if med is not pd.NaT and med <= horizon
                    else t("status.not_reached", lang)
                )
                names[s] = _wrap(f"{labels.get(s, s)}: {when}", width - 0.3, fs)
            row_in = _row_height_in(list(names.values()), 0.62)
            fig = _new_figure(width, 2.3 + row_in * n)
        else:
            fig = _new_figure(width, max(3.0, 1.7 + 0.5 * n))
        ax = fig.subplots()
        _style_axes(ax, grid_axis="x")
        ax.set_xlim(lo, hi)
        ax.set_ylim(-0.6, n - 0.4 + (0.45 if narrow else 0.0))
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
                xytext=(0, -7 if narrow else 6),
                textcoords="offset points",
                ha="right" if near_right else "center",
                va="top" if narrow else "bottom",
                fontsize=fs,
                color=TEXT_COLOR,
                zorder=6,
            )
            if narrow:
                _row_label(ax, y, names[s])
                continue
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
        if narrow:
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
        else:
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
            ax.set_yticks(
                range(n - 1, -1, -1), [_wrap_two_lines(labels.get(s, s), 24) for s in order]
            )
        ax.tick_params(axis="y", length=0)
        step = 10 if hi - lo <= 60 else 20
        if narrow and hi - lo > 40:
            step = 20 if hi - lo <= 80 else 25
        ax.xaxis.set_major_locator(mticker.MultipleLocator(step))
        ax.xaxis.set_major_formatter(pct_formatter(lang, decimals=0))
        xlabel = _tx("axis.coverage_at", lang, month=month_txt)
        ax.set_xlabel(
            _wrap(xlabel, width - 0.3, mpl.rcParams["axes.labelsize"]) if narrow else xlabel
        )
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
        if narrow:  # what the month after each scenario's name is
            key = f"{t('scenario', lang)}: {_tx('col.median_reached', lang).lower()}"
            handles.append(Line2D([], [], linestyle="none", label=key))
        fig.legend(
            handles=handles,
            loc="outside lower center",
            ncols=1 if narrow else len(handles),
            frameon=False,
        )
        fig.suptitle(_wrap(title, width - 0.2, mpl.rcParams["figure.titlesize"], True))
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
    width: float = PAGE_WIDTH,
) -> Figure:
    narrow = _is_narrow(width)
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
        chance = (
            ""
            if share is None or pd.isna(share)
            else t("chance_reached", lang, pct=_share_text(float(share), lang))
        )
        if narrow:
            name = _wrap(f"{name} · {chance}" if chance else name, width - 0.3, _small())
        else:
            name = _wrap_two_lines(name, 26) + (f"\n{chance}" if chance else "")
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
    # month labels: above the dot on the page, below it on a phone (the name is above the row)
    month_dy, month_va = (-0.22, "top") if narrow else (0.2, "bottom")
    with mpl.rc_context(_rc()):
        if narrow:
            row_in = _row_height_in([r["label"] for r in rows], 0.62)
            fig = _new_figure(width, 2.5 + row_in * n)
        else:
            fig = _new_figure(width, max(3.2, 1.9 + 0.62 * n))
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
                    y + month_dy,
                    format_month(med, lang, short=True),
                    ha="center",
                    va=month_va,
                    fontsize=fs,
                    color=TEXT_COLOR,
                    zorder=6,
                )
            else:
                ax.text(
                    arrow_end,
                    y + month_dy,
                    t("status.not_reached", lang),
                    ha="center",
                    va=month_va,
                    fontsize=fs,
                    color=TEXT_COLOR,
                    fontweight="bold",
                    zorder=6,
                )
        if narrow:
            for i, r in enumerate(rows):
                _row_label(ax, n - 1 - i, r["label"])
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            ax.set_ylim(-0.8, n - 0.3 + 0.5)
        else:
            ax.set_yticks(range(n - 1, -1, -1), [r["label"] for r in rows])
            ax.set_ylim(-0.7, n - 0.3 + 0.35)
            ax.set_ylabel(t("scenario", lang))
        years = _time_axis(ax, lang, left, right, maxticks=4 if narrow else 6, clip_at=horizon)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(_time_label(years, lang, reached=True))
        # lower bound of the axes width [in]: on the page the y labels take up to ~3 in
        ax_w = width - 0.4 if narrow else width - 3.2
        rows_used = _top_labels(
            ax, [(d, format_month(d, lang, short=True), MUTED_TEXT) for d in dl_in], ax_w
        )
        size = mpl.rcParams["axes.titlesize"]
        ax.set_title(_wrap(title, width - 0.3, size, True), pad=_title_pad(rows_used))
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
        fig.legend(
            handles=handles, loc="outside lower center", ncols=1 if narrow else 2, frameon=False
        )
    return fig
