"""The one-page summary of a regency for leadership ("Ringkasan untuk pimpinan").

:func:`brief_html` builds it (``templates/pages/brief.html.j2``, style sheet
``templates/css/brief.css``); :mod:`ucj_analysis.pdf` prints it to ``ringkasan/<slug>.pdf``
(:func:`brief_relpath`) with headless Chromium.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from markupsafe import Markup

from ucj_analysis.render.formatting import (
    DEFAULT_HORIZON_END,
    STALE_AFTER_MONTHS,
    _css_string,
    _float_or_none,
    _format_datetime,
    _format_month,
    _format_pct,
    _format_rp,
    _int_or_none,
    _iso_date,
    _iso_month,
    _not_reached_text,
    _package_version,
    _short_month,
)
from ucj_analysis.render.labels import MISSING, _bl, _l, _lang
from ucj_analysis.render.records import _regency_fields
from ucj_analysis.render.templating import read_css, render_template

__all__ = ["BRIEF_DIR", "brief_html", "brief_relpath"]

#: folder of the one-page summaries inside a batch output directory
BRIEF_DIR = "ringkasan"


def brief_relpath(slug: Any) -> str:
    """Path of a regency's one-page summary inside the batch folder: ``ringkasan/<slug>.pdf``.

    Parameters
    ----------
    slug : str
        Regency slug of the report (``konawe``, ``tojo-una-una``).

    Returns
    -------
    str
        Relative path with forward slashes.
    """
    return f"{BRIEF_DIR}/{slug}.pdf"


#: style sheet of the one-page summary
_BRIEF_CSS = read_css("brief")


def _brief_range(tt: Mapping, horizon: Any, lang: str) -> str:
    p10 = _short_month(tt.get("p10_month"), lang)
    p90 = _short_month(tt.get("p90_month"), lang)
    if p10 is None:
        return MISSING
    if p90 is None:
        return f"{p10} – {_l('after', lang)} {_short_month(horizon or DEFAULT_HORIZON_END, lang)}"
    return f"{p10} – {p90}"


def brief_html(record: Mapping, lang: str = "id", *, compact: bool = False) -> str:
    """One-page summary of a regency forecast for the Bupati, as a printable HTML document.

    Parameters
    ----------
    record : dict
        Index record of a ``02_regency_forecast`` report (see :func:`write_index`): ``regency``,
        ``html`` (path of the full report relative to the batch folder) and ``records`` with
        ``report_title``, ``memo`` (list of sentences), ``target_pct`` [%], ``run_date``,
        ``latest_figure_month``, ``data_age_months`` [months], ``start_quality`` and
        ``time_to_target`` (per scenario ``scenario_label``, ``median_month``, ``p10_month``,
        ``p90_month``, ``status``, ``prob_main_deadline`` [0-1], ``main_deadline``,
        ``coverage_main_deadline_pct`` [%], ``budget_year``, ``appropriation_rp_per_year`` [Rp],
        ``appropriation_rp_per_desa`` [Rp]).
    lang : {"id", "en"}
        Language of the page.
    compact : bool
        Smaller type, used when the normal size does not fit on one A4 page.

    Returns
    -------
    str
        Self-contained HTML (A4 portrait, no scripts, images or links): regency, target, the
        memo, the answer table, the data's age and quality, the run date and the relative path
        of the full report.
    """
    lang = _lang(lang)
    values = record.get("records") or {}
    regency = record.get("regency") or values.get("regency") or _l("all_regencies", lang)
    run_iso = _iso_date(values.get("run_date"))
    run_text = _format_datetime(run_iso, lang) if run_iso else MISSING
    fields = _regency_fields(values, lang)
    age = fields["data_age_months"]
    quality = fields["start_quality"]
    data_text = _format_month(fields["latest_figure_month"], lang) or MISSING
    if age is not None:
        data_text += f" ({_l('months_old', lang).format(n=age)})"
    if quality:
        data_text += f", {_bl('quality', lang)}: {quality.lower()}"
    memo = values.get("memo") or []
    if isinstance(memo, str):
        memo = [memo]

    tt_list = [t for t in values.get("time_to_target") or [] if isinstance(t, Mapping)]
    horizon = values.get("horizon_end") or DEFAULT_HORIZON_END
    deadlines = {_iso_month(t.get("main_deadline")) for t in tt_list} - {None}
    years = {_int_or_none(t.get("budget_year")) for t in tt_list} - {None}
    one_deadline = next(iter(deadlines)) if len(deadlines) == 1 else None
    if one_deadline:
        prob_head = _bl("prob", lang, month=_short_month(one_deadline, lang))
        cov_head = _bl("cov", lang, month=_short_month(one_deadline, lang))
    else:
        prob_head, cov_head = _bl("prob_main", lang), _bl("cov_main", lang)
    rows = []
    for tt in tt_list:
        median = _iso_month(tt.get("median_month"))
        reached = tt.get("status", "reached" if median else "not_reached") == "reached"
        reached = reached and median is not None
        prob = _float_or_none(tt.get("prob_main_deadline"))
        prob_text = MISSING if prob is None else _format_pct(prob * 100, lang, 0)
        if one_deadline is None and tt.get("main_deadline"):
            prob_text += f" ({_short_month(tt.get('main_deadline'), lang)})"
        rows.append(
            {
                "label": tt.get("scenario_label") or tt.get("scenario"),
                "reached": reached,
                "when": _format_month(median, lang)
                if reached
                else _not_reached_text(tt.get("horizon_end") or horizon, lang),
                "range": _brief_range(tt, tt.get("horizon_end") or horizon, lang),
                "prob": prob_text,
                "coverage": _format_pct(tt.get("coverage_main_deadline_pct"), lang),
                "money": _format_rp(tt.get("appropriation_rp_per_year"), lang),
                "per_desa": _format_rp(tt.get("appropriation_rp_per_desa"), lang),
            }
        )
    top = f"{regency} · {_l('run_date', lang)} {run_text}"
    page_css = (
        f"@page {{ @top-left {{ content: {_css_string(top)}; font: 7.5pt sans-serif; "
        "color: #52606d; } }"
    )
    return render_template(
        "brief.html.j2",
        lang,
        brief_label=partial(_bl, lang=lang),
        css=Markup(_BRIEF_CSS + page_css),  # static CSS; the page header text is CSS-escaped
        version=_package_version(),
        compact=compact,
        regency=regency,
        title=values.get("report_title") or str(regency),
        facts=[
            (_bl("target", lang), _format_pct(values.get("target_pct"), lang)),
            (_bl("run_date", lang), run_text),
            (_bl("data", lang), data_text),
        ],
        memo=[m for m in memo if str(m).strip()],
        stale=age is not None and age > STALE_AFTER_MONTHS,
        prob_head=prob_head,
        cov_head=cov_head,
        budget_head=_bl("budget", lang, year=next(iter(years)))
        if len(years) == 1
        else _bl("budget_any", lang),
        show_desa=any(_float_or_none(t.get("appropriation_rp_per_desa")) for t in tt_list),
        rows=rows,
        report=record.get("html"),
    )
