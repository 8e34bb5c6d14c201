"""The live what-if panel of the forecast notebook (ipywidgets, JupyterLab only).

``panel(fc)`` shows controls for a planner's settings (share of ADD or DD, quota per desa,
regency budget, start year, villages in arrears, budget realisation, enrolment pace, target,
deadline), the answer table of the current trend and of those settings, and a compact coverage
chart. Each change reruns only the simulation (:class:`ucj_analysis.whatif.WhatIf`) and updates
the table and the chart in place. "Simpan sebagai skenario YAML" writes the settings as a
scenario file that a batch or ``regency_forecast(scenarios=[path])`` runs.

:func:`update` is the whole update path a control change takes (simulation, answer table as
HTML, chart as PNG); ``benchmarks/bench_whatif.py`` times it. The chart is a light one (two
scenarios, one axes, 90 dpi) drawn here rather than the report's fan chart, which takes about
two seconds and would be most of an update.
"""

from __future__ import annotations

import io
import re
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FormatStrFormatter, MaxNLocator

from ucj_analysis import i18n, plots
from ucj_analysis.report.data import bundle
from ucj_analysis.scenarios import ScenarioError
from ucj_analysis.whatif import TREND_ID, WHATIF_ID, WhatIf, WhatIfParams, WhatIfResult

__all__ = ["PanelView", "update", "compact_chart_png", "save_scenario", "panel"]

#: Size of the panel's chart [in] and its resolution [dpi]: 640 x 250 px.
CHART_SIZE = (7.1, 2.8)
CHART_DPI = 90
#: Colour of the planner's scenario on the panel's chart.
WHATIF_COLOR = "#0072B2"


#: The planner's numeric controls: name -> (ipywidgets class, min, max, step). The start year's
#: limits depend on the forecast and are set in :func:`panel`.
_CONTROLS = {
    "share": ("FloatSlider", 0, 30, 0.5),  # share of ADD or DD [%]
    "quota": ("IntSlider", 0, 300, 10),  # persons per desa
    "apbd": ("BoundedFloatText", 0, 1000, 0.5),  # regency budget [Rp billion per year]
    "target": ("BoundedFloatText", 1, 100, 0.5),  # target coverage [%]
}
#: The assumption rows (slider + "follow data" box): name -> (WhatIfParams field, min, max, step).
_ASSUMPTIONS = {
    "arrears": ("arrears_share_pct", 0, 60, 1),  # [%]
    "realisation": ("budget_realisation_pct", 40, 100, 1),  # [%]
    "pace": ("enrolment_pace_per_village_month", 0.5, 30, 0.1),  # [persons per desa per month]
}
#: Width of the controls' descriptions.
_STYLE = {"description_width": "150px"}
#: The RegencyInputs field of an assumption's central value, where it differs from the setting.
_ASSUMPTION_INPUT = {"realisation": "budget_realisation_mean_pct"}


def _number_widget(w, kind: str, value, lo, hi, step, description: str, layout):
    """One numeric control: a slider (updates on release) or a bounded text box."""
    kw = {} if kind == "BoundedFloatText" else {"continuous_update": False}
    return getattr(w, kind)(
        value=value,
        min=lo,
        max=hi,
        step=step,
        description=description,
        style=_STYLE,
        layout=layout,
        **kw,
    )


@dataclass
class PanelView:
    """What the panel shows for one set of settings.

    Attributes
    ----------
    result : WhatIfResult
    table_html : str
        The answer table (current trend and the settings) as HTML.
    png : bytes
        The compact coverage chart as PNG.
    seconds : float
        Time the update took. [s]
    """

    result: WhatIfResult
    table_html: str
    png: bytes
    seconds: float


def _years(months) -> np.ndarray:
    """Months as decimal years at the middle of the month (Jan 2030 = 2030.04). [year]"""
    idx = pd.PeriodIndex(months, freq="M")
    return idx.year.to_numpy() + (idx.month.to_numpy() - 0.5) / 12


def observed_points(wi: WhatIf) -> pd.DataFrame:
    """The regency's coverage figures (total segment): ``date, coverage_pct [%]``."""
    fc = wi.fc
    cov = bundle(fc.data_dir).coverage.frame
    f = cov[(cov["regency"] == fc.regency) & (cov["segment"] == "total")]
    return f[["date", "coverage_pct"]].dropna(subset=["coverage_pct"]).reset_index(drop=True)


def compact_chart_png(
    result: WhatIfResult,
    *,
    lang: str,
    observed: pd.DataFrame | None = None,
    budget_start: pd.Period | None = None,
    run_month: pd.Period | None = None,
) -> bytes:
    """The panel's coverage chart: P10–P90 band and median of the trend and of the settings.

    Parameters
    ----------
    result : WhatIfResult
    lang : {"id", "en"}
    observed : pandas.DataFrame, optional
        ``date, coverage_pct`` [%] drawn as dots.
    budget_start, run_month : Period, optional
        Dotted line where the money starts and a solid line at the run month.

    Returns
    -------
    bytes
        A PNG of :data:`CHART_SIZE` at :data:`CHART_DPI`.
    """
    lang = i18n.check_lang(lang)
    fig = Figure(figsize=CHART_SIZE, dpi=CHART_DPI, facecolor="white")
    ax = fig.add_axes((0.075, 0.1, 0.64, 0.83))
    cov = result.coverage
    labels = {
        TREND_ID: i18n.t("whatif.legend.trend", lang),
        WHATIF_ID: textwrap.fill(result.scenario.label_for(lang), 28),
    }
    colors = {TREND_ID: plots.scenario_color(TREND_ID), WHATIF_ID: WHATIF_COLOR}
    for sid in (TREND_ID, WHATIF_ID):
        f = cov[cov["scenario"] == sid]
        x = _years(f["month"])
        ax.fill_between(x, f["p10"] * 100, f["p90"] * 100, color=colors[sid], alpha=0.18, lw=0)
        ax.plot(x, f["p50"] * 100, color=colors[sid], lw=2, label=labels[sid])
    if observed is not None and len(observed):
        months = [pd.Period(d, freq="M") for d in observed["date"]]
        ax.plot(
            _years(months), observed["coverage_pct"].astype(float), "o", ms=3.5, color="#222222"
        )
    view = result.view
    target_pct = view.target * 100
    ax.axhline(target_pct, color=plots.TARGET_COLOR, ls="--", lw=1)
    ax.text(
        1.01,
        target_pct,
        i18n.t("target_line", lang, pct=i18n.format_pct(target_pct, lang, 1)),
        transform=ax.get_yaxis_transform(),
        va="center",
        fontsize=8,
    )
    deadline = view.deadlines[0]
    deadline_line = ax.axvline(_years([deadline])[0], color=plots.DEADLINE_COLOR, ls="--", lw=1)
    if budget_start is not None:
        ax.axvline(_years([budget_start])[0] - 1 / 24, color=plots.BUDGET_START_COLOR, ls=":")
    if run_month is not None:
        ax.axvline(_years([run_month])[0], color=plots.TODAY_COLOR, lw=0.8)
    ax.set_ylim(0, 100)
    x0 = _years([cov["month"].min()])[0]
    if observed is not None and len(observed):
        x0 = min(x0, float(pd.Timestamp(observed["date"].min()).year))
    ax.set_xlim(np.floor(x0), _years([cov["month"].max()])[0] + 0.5)
    ax.set_ylabel(i18n.t("axis.coverage_pct", lang), fontsize=8)
    ax.tick_params(labelsize=8)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=8, integer=True))
    ax.xaxis.set_major_formatter(FormatStrFormatter("%d"))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(True, axis="y", color=plots.GRID_COLOR, lw=0.8)
    handles, names = ax.get_legend_handles_labels()
    names.append(i18n.t("deadline_line", lang, month=i18n.format_month(deadline, lang, True)))
    handles.append(deadline_line)
    fig.legend(
        handles,
        names,
        loc="upper left",
        bbox_to_anchor=(0.735, 0.8),
        fontsize=8,
        frameon=False,
    )
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=CHART_DPI)
    return buf.getvalue()


def update(wi: WhatIf, params: WhatIfParams, *, reuse: bool = True, observed=None) -> PanelView:
    """The update path of a control change: the answer, its table as HTML, its chart as PNG.

    Parameters
    ----------
    wi : WhatIf
    params : WhatIfParams
    reuse : bool
        Reuse the forecast's numbers when the settings equal one of its scenarios.
    observed : pandas.DataFrame, optional
        Coverage figures for the chart (:func:`observed_points`).
    """
    t0 = time.perf_counter()
    result = wi.run(params, reuse=reuse)
    html = result.answer_table().to_html()
    png = compact_chart_png(
        result,
        lang=wi.lang,
        observed=observed,
        budget_start=wi.budget_start,
        run_month=wi.fc.when.run_month,
    )
    return PanelView(result, html, png, time.perf_counter() - t0)


def save_scenario(wi: WhatIf, params: WhatIfParams, scenario_id: str, path: str | Path) -> Path:
    """Write the settings as a scenario file (validated first) and return its path.

    Raises
    ------
    ScenarioError
        If the scenario id or a value is refused; nothing is written then.
    """
    text = wi.scenario_yaml(params, scenario_id)
    out = Path(path).expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


def _slug(name: str) -> str:
    """A scenario id from a name: letters, digits and '_' only."""
    s = re.sub(r"[^A-Za-z0-9_\-]+", "_", name.strip().lower()).strip("_")
    return s or WHATIF_ID


def panel(fc):
    """The live what-if panel for a regency forecast (an ``ipywidgets.VBox``).

    Parameters
    ----------
    fc : RegencyForecast
        From :func:`ucj_analysis.report.regency_forecast`.

    Returns
    -------
    ipywidgets.VBox
        Controls, status line, answer table, chart and the save button. Each control has a
        CSS class ``ucj-whatif-<name>`` (``share``, ``table``, ``save`` ...) for tests.
    """
    import ipywidgets as w

    wi = WhatIf(fc)
    lang = wi.lang
    inp = fc.inputs
    p0 = wi.defaults()
    observed = observed_points(wi)
    first_year = wi.budget_start.year
    horizon_year = pd.Period(fc.horizon_end, freq="M").year

    def t(key, **kw):
        return i18n.t(key, lang, **kw)

    style = _STYLE
    wide = w.Layout(width="360px")

    def tag(widget, name):
        widget.add_class(f"ucj-whatif-{name}")
        return widget

    fund = tag(
        w.ToggleButtons(
            options=["ADD", "DD"], value=p0.fund, description=t("whatif.control.fund"), style=style
        ),
        "fund",
    )

    def number(name, kind, lo, hi, step, value):
        return tag(
            _number_widget(w, kind, value, lo, hi, step, t(f"whatif.control.{name}"), wide), name
        )

    values = {
        "share": p0.share_pct,
        "quota": int(p0.quota_per_desa),
        "apbd": p0.regency_budget_rp_per_year / 1e9,
        "start": p0.start_year or first_year,
        "target": p0.target_pct,
    }
    limits = {**_CONTROLS, "start": ("IntSlider", first_year, min(first_year + 5, horizon_year), 1)}
    num = {name: number(name, *limits[name], values[name]) for name in values}
    share, quota, apbd, start, target = (
        num[k] for k in ("share", "quota", "apbd", "start", "target")
    )

    rows = {}  # assumption name -> (slider, "follow data" box, central value, WhatIfParams field)
    for name, (field, lo, hi, step) in _ASSUMPTIONS.items():
        central_value = getattr(inp, _ASSUMPTION_INPUT.get(name, field))
        value = getattr(p0, field)
        slider = number(
            name, "FloatSlider", lo, hi, step, central_value if value is None else value
        )
        box = tag(
            w.Checkbox(
                value=value is None,
                description=t("whatif.control.use_data"),
                indent=False,
                layout=w.Layout(width="110px"),
            ),
            f"{name}-data",
        )
        rows[name] = (slider, box, central_value, field)
    deadline = tag(
        w.Dropdown(
            options=[
                (i18n.format_month(f"{y}-12", lang), f"{y}-12")
                for y in range(first_year, horizon_year + 1)
            ],
            value=p0.deadline
            if p0.deadline in [f"{y}-12" for y in range(first_year, horizon_year + 1)]
            else f"{horizon_year}-12",
            description=t("whatif.control.deadline"),
            style=style,
            layout=wide,
        ),
        "deadline",
    )
    status = tag(w.HTML(), "status")
    table = tag(w.HTML(), "table")
    chart = tag(w.Image(format="png", layout=w.Layout(max_width="100%")), "chart")
    sid = tag(
        w.Text(
            value=_slug(f"whatif_{fc.regency}"), description=t("whatif.control.id"), style=style
        ),
        "id",
    )
    path = tag(w.Text(value="", description=t("whatif.control.file"), style=style), "file")
    save = tag(
        w.Button(description=t("whatif.save"), icon="save", layout=w.Layout(width="auto")), "save"
    )
    saved = tag(w.HTML(), "saved")
    quiet = {"on": False}

    def params() -> WhatIfParams:
        return WhatIfParams(
            fund=fund.value,
            share_pct=float(share.value),
            quota_per_desa=float(quota.value),
            regency_budget_rp_per_year=float(apbd.value) * 1e9,
            start_year=None if start.value <= first_year else int(start.value),
            arrears_months=p0.arrears_months,
            target_pct=float(target.value),
            deadline=str(deadline.value),
            **{f: None if box.value else float(sl.value) for sl, box, _, f in rows.values()},
        )

    def refresh(*_):
        if quiet["on"]:
            return
        try:
            view = update(wi, params(), observed=observed)
        except (ValueError, ScenarioError) as exc:
            status.value = _p(t("whatif.error", problem=_escape(exc)))
            return
        table.value = view.table_html
        chart.value = view.png
        msg = t(
            "whatif.updated",
            seconds=i18n.format_number(view.seconds, lang, 2),
            n=i18n.format_number(fc.n_draws, lang),
        )
        if not view.result.simulated:
            msg += " " + t("whatif.reused")
        status.value = _p(msg)

    def moved(slider, box, central_value):
        def on_change(change):
            if not quiet["on"] and box.value:
                quiet["on"] = True
                box.value = False  # a value the planner sets replaces the data's range
                quiet["on"] = False
            refresh()

        def on_box(change):
            if change["new"]:
                quiet["on"] = True
                slider.value = central_value
                quiet["on"] = False
            refresh()

        slider.observe(on_change, names="value")
        box.observe(on_box, names="value")

    for slider, box, central_value, _ in rows.values():
        moved(slider, box, central_value)
    for c in (fund, share, quota, apbd, start, target, deadline):
        c.observe(refresh, names="value")

    def on_save(_):
        name = _slug(sid.value)
        out = path.value.strip() or f"{name}.yaml"
        try:
            written = save_scenario(wi, params(), name, out)
        except (ValueError, ScenarioError) as exc:
            saved.value = _p(t("whatif.invalid", problems=_escape(exc)))
            return
        saved.value = _p(t("whatif.saved", path=_escape(written)))

    save.on_click(on_save)
    refresh()

    def group(key, *rows):
        return w.VBox(
            [w.HTML(f"<b>{_escape(t(key))}</b>"), *rows], layout=w.Layout(margin="0 16px 0 0")
        )

    controls = w.HBox(
        [
            group("whatif.group.money", fund, share, quota, apbd, start),
            group("whatif.group.assumptions", *(w.HBox([r[0], r[1]]) for r in rows.values())),
            group("whatif.group.question", target, deadline),
        ],
        layout=w.Layout(flex_flow="row wrap"),
    )
    return tag(
        w.VBox(
            [
                w.HTML(f"<h3>{_escape(t('whatif.title'))}</h3>"),
                controls,
                status,
                table,
                chart,
                w.HBox([sid, path, save]),
                saved,
            ]
        ),
        "panel",
    )


def _escape(v: object) -> str:
    import html

    return html.escape(str(v))


def _p(text: str) -> str:
    return f"<p>{text}</p>"
