"""What the notebooks call: one function or method per report section.

The notebooks in ``notebooks/`` stay thin: they set parameters, call the functions here and explain
the results in prose. This package orchestrates the loaders (:mod:`ucj_analysis.loaders`), the
trend models (:mod:`ucj_analysis.models`), the engine (:mod:`ucj_analysis.engine`), the charts
(:mod:`ucj_analysis.plots`) and the formatting (:mod:`ucj_analysis.i18n`). It computes nothing
that those modules do not; it chooses what to run, formats it for planners and records key numbers
(:func:`record`) so that the batch runner, the index page and the tests can read them back.

Everything shown in a report is returned as a display object (``IPython.display.Markdown``,
``Image`` or a styled table), so a notebook cell is a single call. Every text comes from the
catalogue (:mod:`ucj_analysis.locale`, looked up with :func:`ucj_analysis.i18n.t`).

Modules, one job each:

- :mod:`~ucj_analysis.report.display` — display objects and the formatting of single values;
- :mod:`~ucj_analysis.report.data` — cached bundle, panel, trends (reloaded when a data file
  changes; :func:`reload`), scenario selection, running programmes, look-ups in a bundle;
- :mod:`~ucj_analysis.report.audit` — 01 data audit;
- :mod:`~ucj_analysis.report.forecast` and :mod:`~ucj_analysis.report.forecast_money` — 02
  regency forecast;
- :mod:`~ucj_analysis.report.budget` — 03 budget study and sensitivity;
- :mod:`~ucj_analysis.report.villages` — 02's village section (``fc.villages``): villages by
  remaining gap, kecamatan summary, gap chart, targeted top-up;
- :mod:`~ucj_analysis.report.portfolio` — 04 portfolio;
- :mod:`~ucj_analysis.report.sections` — section headings and explanations.
"""

from __future__ import annotations

from ucj_analysis.record import record
from ucj_analysis.report.audit import DataAudit, data_audit
from ucj_analysis.report.budget import BudgetStudy, budget_study
from ucj_analysis.report.data import (
    EDITABLE_ASSUMPTIONS,
    OPT_IN_PRESETS,
    apply_assumptions,
    bundle,
    data_fingerprint,
    reload,
    running_programmes,
    start_origin,
    trend_damping,
)
from ucj_analysis.report.data import scenarios_for as _scenarios
from ucj_analysis.report.display import is_city, markdown, regency_title, show, table
from ucj_analysis.report.forecast import RegencyForecast, regency_forecast
from ucj_analysis.report.portfolio import Portfolio, portfolio
from ucj_analysis.report.sections import SECTIONS, section

__all__ = [
    "record",
    "bundle",
    "reload",
    "data_fingerprint",
    "show",
    "table",
    "markdown",
    "section",
    "SECTIONS",
    "DataAudit",
    "data_audit",
    "RegencyForecast",
    "regency_forecast",
    "BudgetStudy",
    "budget_study",
    "Portfolio",
    "portfolio",
    "OPT_IN_PRESETS",
    "EDITABLE_ASSUMPTIONS",
    "apply_assumptions",
    "running_programmes",
    "start_origin",
    "trend_damping",
    "is_city",
    "regency_title",
    "_scenarios",
]
