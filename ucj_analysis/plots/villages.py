"""Where the gap remains: uncovered workers per kecamatan at a deadline, per village rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib import ticker as mticker
from matplotlib.patches import Patch

from ucj_analysis.i18n import check_lang, format_number
from ucj_analysis.plots.frames import _require_columns
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
    scenario_color,
)

__all__ = ["village_gap_chart", "MAX_KECAMATAN"]

#: Kecamatan drawn one by one; the others are summed into one row. [count]
MAX_KECAMATAN = 12


def _rows(frame: pd.DataFrame, order: list[str], top: int, lang: str) -> pd.DataFrame:
    """Kecamatan x scenario gaps: the ``top`` largest kecamatan, the rest as one row."""
    g = frame.groupby(["kecamatan", "scenario"], sort=False)[["gap", "gap_kelurahan"]].sum()
    wide = g["gap"].unstack("scenario").reindex(columns=order).fillna(0.0)
    kel = g["gap_kelurahan"].unstack("scenario").reindex(columns=order).fillna(0.0)
    rank = wide.max(axis=1).sort_values(ascending=False, kind="stable")
    keep = list(rank.index[:top])
    rest = list(rank.index[top:])
    out = []
    for name in keep:
        for s in order:
            out.append((str(name), s, float(wide.loc[name, s]), float(kel.loc[name, s])))
    if rest:
        label = _tx("villages.others", lang, n=len(rest))
        for s in order:
            out.append((label, s, float(wide.loc[rest, s].sum()), float(kel.loc[rest, s].sum())))
    return pd.DataFrame(out, columns=["kecamatan", "scenario", "gap", "gap_kelurahan"])


@_with_phone_variant()
def village_gap_chart(
    frame: pd.DataFrame,
    *,
    lang: str = "id",
    regency: str = "",
    deadline_label: str = "",
    scenarios: Sequence[str] | None = None,
    scenario_labels: Mapping[str, str] | None = None,
    top: int = MAX_KECAMATAN,
    width: float = PAGE_WIDTH,
):
    """Horizontal bars of the remaining gap per kecamatan, one bar per village-rule scenario.

    The part of each bar in kelurahan (which get no village money) is hatched. Kecamatan are
    sorted by their largest gap; beyond ``top`` they are summed into one row.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per village x scenario: ``kecamatan, scenario, gap`` (remaining uncovered
        workers at the deadline, median) [persons] and ``gap_kelurahan`` (the same, kelurahan
        only, else 0) [persons].
    lang : {"id", "en"}
        Language.
    regency : str
        Regency title for the chart title.
    deadline_label : str
        The deadline as written in the report ("Desember 2030").
    scenarios : sequence of str, optional
        Scenario ids in display order (default: order of first appearance).
    scenario_labels : mapping, optional
        Scenario id -> label.
    top : int
        Kecamatan drawn one by one. [count]
    width : float
        Figure width [in]; below :data:`PAGE_WIDTH` (the phone variant) the kecamatan name is
        wrapped onto two lines and the legend is one column.

    Returns
    -------
    matplotlib.figure.Figure
    """
    lang = check_lang(lang)
    _require_columns(frame, ("kecamatan", "scenario", "gap"), "village_gap_chart")
    if frame.empty:
        raise ValueError("village_gap_chart: no village rows")
    f = frame.copy()
    if "gap_kelurahan" not in f:
        f["gap_kelurahan"] = 0.0
    order = list(scenarios) if scenarios else list(dict.fromkeys(f["scenario"]))
    labels = dict(scenario_labels or {})
    rows = _rows(f, order, int(top), lang)
    kec = list(dict.fromkeys(rows["kecamatan"]))
    narrow = _is_narrow(width)
    n_s = len(order)
    bar_h = 0.8 / n_s
    per_group = 0.2 * n_s + 0.22
    with mpl.rc_context(_rc()):
        fig = _new_figure(float(width), 1.6 + per_group * len(kec) + (0.35 * n_s if narrow else 0))
        ax = fig.subplots()
        _style_axes(ax, grid_axis="x")
        vmax = float(rows["gap"].max()) if len(rows) else 0.0
        for j, s in enumerate(order):
            sub = rows[rows["scenario"] == s].set_index("kecamatan").reindex(kec)
            y = np.arange(len(kec)) - 0.4 + bar_h * (j + 0.5)
            color = scenario_color(s)
            ax.barh(y, sub["gap"], height=bar_h * 0.92, color=color, label=labels.get(s, s))
            kel = sub["gap_kelurahan"].to_numpy()
            if (kel > 0).any():
                ax.barh(
                    y,
                    kel,
                    left=sub["gap"].to_numpy() - kel,
                    height=bar_h * 0.92,
                    color="white",
                    alpha=0.55,
                    hatch="///",
                    edgecolor=color,
                    linewidth=0,
                )
            for yy, v in zip(y, sub["gap"], strict=True):
                ax.annotate(
                    format_number(round(float(v)), lang),
                    xy=(float(v), yy),
                    xytext=(3, 0),
                    textcoords="offset points",
                    va="center",
                    ha="left",
                    fontsize=_small(),
                    color=MUTED_TEXT,
                )
        names = [_wrap_two_lines(k, 14 if narrow else 28) for k in kec]
        ax.set_yticks(np.arange(len(kec)), names)
        ax.invert_yaxis()
        ax.set_xlim(0, vmax * (1.22 if narrow else 1.12) if vmax > 0 else 1.0)
        ax.xaxis.set_major_formatter(
            mticker.FuncFormatter(lambda x, _p: format_number(round(x), lang))
        )
        ax.xaxis.set_major_locator(mticker.MaxNLocator(4 if narrow else 7, integer=True))
        ax.set_xlabel(_wrap(_tx("villages.xlabel", lang), float(width) - 1.2, _small()))
        handles = [Patch(color=scenario_color(s), label=labels.get(s, s)) for s in order]
        if (rows["gap_kelurahan"] > 0).any():
            handles.append(
                Patch(
                    facecolor="white",
                    edgecolor=MUTED_TEXT,
                    hatch="///",
                    label=_tx("villages.kelurahan", lang),
                )
            )
        fig.legend(
            handles=handles,
            loc="outside lower center",
            ncols=1 if narrow else min(len(handles), 2),
            frameon=False,
        )
        title = _tx("villages.heading", lang, deadline=deadline_label, regency=regency)
        fig.suptitle(_wrap(title, float(width) - 0.2, mpl.rcParams["figure.titlesize"], True))
    return fig
