"""Display objects and the formatting of single values for the report sections.

Everything a report shows is a display object: a chart (:func:`show`: embedded PNG with alt
text, plus its SVG and its phone variant), a styled table
without index (:func:`table`) or Markdown (:func:`markdown`). The helpers below turn one value
(a month, a budget line, an input name, a unit) into text in the report language; every word
comes from the catalogue (:func:`ucj_analysis.i18n.t`).
"""

from __future__ import annotations

import base64
import html
import io
import re

import matplotlib as mpl
import numpy as np
import pandas as pd

from ucj_analysis import i18n, plots
from ucj_analysis.record import CHART_METADATA

__all__ = ["CHART_METADATA", "Chart", "show", "table", "markdown", "is_city", "regency_title"]


# ------------------------------------------------------------------------------------------
# display objects
# ------------------------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class Chart:
    """A report chart as a display object: an embedded PNG with alt text, plus its files.

    The display bundle holds ``text/html`` (an ``<img>`` with the PNG as data URI and the alt
    text: what JupyterLab and nbconvert show, with the alt text a screen reader reads),
    ``image/png`` (the same PNG, for exporters without HTML) and ``text/plain`` (the alt
    text). The metadata holds the alt text under ``image/png`` and, under
    :data:`CHART_METADATA`, ``name`` (file name without number and extension), ``title``,
    ``alt``, ``svg`` (the chart as SVG text), ``min_font_px`` (the smallest text in PNG pixels)
    and ``narrow`` (phone variant: ``png`` as base64 and its ``min_font_px``; or None).

    Parameters
    ----------
    png : bytes
        The chart as PNG.
    svg : str
        The same chart as SVG.
    name : str
        File-name stem (``proyeksi-cakupan``): lowercase letters, digits and hyphens.
    title : str
        Short title for the list of chart files (``Proyeksi cakupan``).
    alt : str
        Description of the chart for readers who cannot see it.
    min_font_px : float
        Smallest text of the PNG [px of the image].
    narrow_png : bytes, optional
        Phone variant of the chart as PNG.
    narrow_min_font_px : float, optional
        Smallest text of the phone variant [px of the image].
    """

    def __init__(
        self,
        png: bytes,
        svg: str,
        *,
        name: str,
        title: str,
        alt: str,
        min_font_px: float,
        narrow_png: bytes | None = None,
        narrow_min_font_px: float | None = None,
    ) -> None:
        self.png = png
        self.svg = svg
        self.name = name
        self.title = title
        self.alt = alt
        self.min_font_px = float(min_font_px)
        self.narrow_png = narrow_png
        self.narrow_min_font_px = None if narrow_min_font_px is None else float(narrow_min_font_px)

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        png = _b64(self.png)
        alt = html.escape(self.alt, quote=True)
        src = "data:image/png;base64," + png
        data = {
            "text/html": f'<img src="{src}" alt="{alt}">',
            "image/png": png,
            "text/plain": self.alt,
        }
        narrow = None
        if self.narrow_png is not None:
            narrow = {"png": _b64(self.narrow_png), "min_font_px": self.narrow_min_font_px}
        metadata = {
            "image/png": {"alt": self.alt},
            CHART_METADATA: {
                "name": self.name,
                "title": self.title,
                "alt": self.alt,
                "svg": self.svg,
                "min_font_px": self.min_font_px,
                "narrow": narrow,
            },
        }
        return data, metadata


_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _png(fig, dpi: float) -> tuple[bytes, float]:
    """``fig`` as a 256-colour PNG at ``dpi`` and its smallest text [px of the image].

    A chart has a few hundred to a few thousand colours (its own and the anti-aliased edges
    between them); a 256-colour palette without dithering looks the same and takes a third of
    the bytes of the full-colour PNG, which keeps a report with every chart's phone variant
    under ~1 MB.

    The figure is saved as raw RGBA pixels (``format="raw"``: the same drawing as
    ``format="png"``, without the full-colour PNG's compression and decompression, which took
    half the time of a phone variant). The palette is chosen by a fast octree and the PNG
    written at zlib's default level, which is several times faster than a median-cut palette
    with ``optimize=True`` and gives smaller files; a pixel then differs from the full-colour
    image by about one level of 255 on average, which no one sees
    (``benchmarks/results/report_sizes.md`` has the sizes of the reports).
    """
    from PIL import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="raw", dpi=dpi)
    width = int(fig.get_figwidth() * dpi)  # as the Agg canvas sizes itself (truncated)
    height = len(buf.getbuffer()) // (4 * width)
    img = Image.frombuffer("RGBA", (width, height), buf.getbuffer(), "raw", "RGBA", 0, 1)
    img = img.convert("RGB")
    img = img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue(), plots.smallest_text_pt(fig) * dpi / 72.0


def _svg(fig, name: str) -> str:
    """``fig`` as SVG text, laid out as its PNG was (call after :func:`_png`).

    The layout engine (constrained layout) placed the axes when the PNG was drawn; the SVG keeps
    those positions instead of computing them again, which halves its cost and gives the PNG and
    the SVG one layout. ``svg.hashsalt`` is the chart's name, so the same chart gives the same SVG
    (ids, no date).
    """
    engine = fig.get_layout_engine()
    if engine is not None:
        fig.set_layout_engine("none")
    try:
        buf = io.StringIO()
        with mpl.rc_context({"svg.hashsalt": name}):
            fig.savefig(buf, format="svg", metadata={"Date": None})
        return buf.getvalue()
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)


def show(fig, *, name: str, title: str, alt: str, narrow=None) -> Chart:
    """A matplotlib Figure as a report chart (:class:`Chart`): embedded PNG, SVG, alt text.

    Rendering to bytes in memory keeps the image inside the notebook (and so inside the HTML
    report) whatever matplotlib backend the kernel uses. The PNG is saved with
    :data:`ucj_analysis.plots.SAVE_KW` (820 px wide page figures at 110 dpi), the SVG with the
    same figure; ``narrow`` (the phone variant, :data:`ucj_analysis.plots.NARROW_WIDTH` wide) is
    saved at :data:`ucj_analysis.plots.NARROW_DPI`. Both PNGs have a 256-colour palette.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The chart.
    name : str
        File-name stem of the chart's files (``proyeksi-cakupan``; lowercase ASCII letters,
        digits and single hyphens).
    title : str
        Short title in the report language (the list of chart files in the report footer).
    alt : str
        What the chart shows, for which regency, in the report language (the ``alt`` text).
    narrow : matplotlib.figure.Figure, optional
        Phone variant of the same chart; default: :func:`ucj_analysis.plots.phone_variant` of
        ``fig`` (every chart of :mod:`ucj_analysis.plots` has one).

    Returns
    -------
    Chart
        Display object (see :class:`Chart`).
    """
    if not _NAME.match(str(name)):
        raise ValueError(f"bad chart name {name!r} (a-z, 0-9, hyphens)")
    if not str(alt).strip():
        raise ValueError("a chart needs an alt text")
    png, min_px = _png(fig, float(plots.SAVE_KW["dpi"]))
    svg = _svg(fig, str(name))
    narrow_png = narrow_px = None
    if narrow is None:
        narrow = plots.phone_variant(fig)
    if narrow is not None:
        narrow_png, narrow_px = _png(narrow, float(plots.NARROW_DPI))
    return Chart(
        png,
        svg,
        name=str(name),
        title=str(title),
        alt=" ".join(str(alt).split()),
        min_font_px=min_px,
        narrow_png=narrow_png,
        narrow_min_font_px=narrow_px,
    )


def chart_names(chart: str, lang: str) -> dict[str, str]:
    """File-name stem and short title of a report chart, in the report language.

    Parameters
    ----------
    chart : str
        ``fan``, ``time_to_target``, ``cost``, ``budget_curve``, ``tornado`` or ``portfolio``
        (catalogue keys ``chart.<chart>.name`` and ``chart.<chart>.title``).
    lang : {"id", "en"}
        Report language.

    Returns
    -------
    dict
        ``name`` and ``title``, the keyword arguments of :func:`show`.
    """
    return {
        "name": i18n.t(f"chart.{chart}.name", lang),
        "title": i18n.t(f"chart.{chart}.title", lang),
    }


def table(frame: pd.DataFrame, caption: str | None = None):
    """A display table without the index (pandas Styler).

    Every cell, column header and the caption are HTML-escaped: text from a planner's data file
    (a source, a regency name, a scenario label) is shown as text and never runs as script.
    """
    styler = frame.style.hide(axis="index")
    styler = styler.format(escape="html", na_rep="—").format_index(escape="html", axis=1)
    if caption:
        styler = styler.set_caption(html.escape(str(caption)))
    return styler.set_table_styles(
        [
            {"selector": "th", "props": "text-align:left; background:#eef2f6; padding:4px 8px;"},
            {"selector": "td", "props": "padding:3px 8px; vertical-align:top; text-align:left;"},
            {"selector": "caption", "props": "caption-side:top; font-weight:600; text-align:left;"},
        ]
    )


def markdown(text: str):
    """``IPython.display.Markdown`` of ``text``."""
    from IPython.display import Markdown

    return Markdown(text)


# ------------------------------------------------------------------------------------------
# one value as text
# ------------------------------------------------------------------------------------------
def col(key: str, lang: str, **kw) -> str:
    """A report table's column header (catalogue key ``report.col.<key>``)."""
    return i18n.t(f"report.col.{key}", lang, **kw)


def quality_text(q: object, lang: str) -> str:
    """A quality flag (observed / derived / assumed) in words; "—" when missing."""
    if q is None or (isinstance(q, float) and np.isnan(q)):
        return "—"
    return i18n.t(f"quality.{q}", lang)


def month_text(p: object, lang: str, short: bool = False) -> str:
    """A month ('Desember 2030', short 'Des 2030')."""
    return i18n.format_month(p, lang, short=short)


def when_text(row: pd.Series, horizon_end: object, lang: str) -> str:
    """Median month reached, or 'not reached by <horizon>' for a time-to-target row."""
    if row["status"] != "reached" or pd.isna(row["median_month"]):
        return i18n.t("not_reached_by", lang, month=month_text(horizon_end, lang))
    return month_text(row["median_month"], lang)


def bound_text(p: object, horizon_end: object, lang: str) -> str:
    """A P10 / P90 / median month, or 'not reached by <horizon>' when missing."""
    if p is None or pd.isna(p):
        return i18n.t("not_reached_by", lang, month=month_text(horizon_end, lang, short=True))
    return month_text(p, lang)


def range_text(row: pd.Series, horizon_end: object, lang: str) -> str:
    """'Jun 2028 – Mar 2030', or with 'setelah Des 2045' when the late draws do not reach it."""
    if pd.isna(row["p10_month"]):
        return "—"
    lo = month_text(row["p10_month"], lang, short=True)
    if pd.isna(row["p90_month"]):
        hi = i18n.t("later_than", lang, month=month_text(horizon_end, lang, short=True))
    else:
        hi = month_text(row["p90_month"], lang, short=True)
    return f"{lo} – {hi}"


def reason_text(code: str, achieved: object, when, lang: str) -> str:
    """Short remark for a row of the minimum-budget table, in the report language."""
    if code == "ok":
        return ""
    pmax = (
        "—"
        if achieved is None or pd.isna(achieved)
        else i18n.format_pct(float(achieved) * 100, lang, 0)
    )
    return i18n.t(
        f"solver.{code}",
        lang,
        pmax=pmax,
        start=i18n.format_month(when.budget_start, lang) if when else "—",
    )


def rp(v: object, lang: str) -> str:
    """Rupiah with two decimals of its unit ('Rp 20,16 juta'): the one format of budget lines."""
    return i18n.format_budget(v, lang)


def pct_or_dash(v: object, lang: str, decimals: int = 1) -> str:
    """A percentage [%] with ``decimals`` decimals, or "—"."""
    return "—" if v is None or pd.isna(v) else i18n.format_pct(float(v), lang, decimals)


def count(v: object, lang: str) -> str:
    """A count rounded to a whole number, or "—"."""
    return "—" if v is None or pd.isna(v) else i18n.format_number(round(float(v)), lang)


def num(v: object) -> float | None:
    """``float(v)`` for a record, ``None`` for a missing or non-numeric value."""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(f) else f


def join(v: object) -> str:
    """A list of sources as one text ('a; b')."""
    if isinstance(v, list | tuple):
        return "; ".join(str(x) for x in v)
    return str(v)


def is_city(name: str) -> bool:
    """True for a kota (city): its name starts with 'Kota'."""
    return str(name).strip().lower().startswith("kota ")


def regency_title(name: str, lang: str) -> str:
    """'Kabupaten Konawe' / 'Kota Kendari' (id); 'Konawe Regency' / 'Kota Kendari' (en)."""
    if is_city(name):
        return str(name)
    return i18n.t("report.regency_title", lang, name=name)


def method_key(method: str) -> str:
    """Catalogue key of a trend method ('own trend' or borrowed growth)."""
    return "method.own_trend" if method == "own trend" else "method.borrowed_growth"


#: Which note column a report shows first, per language: ``note_id`` is Indonesian, ``note``
#: English; the other is the fallback.
_NOTE_COLUMNS = {"id": ("note_id", "note"), "en": ("note", "note_id")}


def notes(frame: pd.DataFrame, lang: str) -> pd.Series:
    """Row notes in the report language: ``note_id`` (Indonesian) or ``note`` (English).

    A row without a note in the report language shows the other language's note; rows of a
    planner's own file usually carry one note only.
    """
    main, other = _NOTE_COLUMNS[i18n.check_lang(lang)]
    a = frame[main] if main in frame else pd.Series("", index=frame.index)
    b = frame[other] if other in frame else pd.Series("", index=frame.index)
    a = a.fillna("").astype(str)
    return a.where(a.str.strip() != "", b.fillna("").astype(str))


def dataset_title(name: str, title: str, lang: str) -> str:
    """A dataset's title in the report language (the meta file's title for unknown datasets)."""
    key = f"dataset.{name}"
    return i18n.t(key, lang) if key in i18n.LABELS else str(title)


def input_label(name: str, lang: str) -> str:
    """Planner-facing name of an engine input, in the report language only.

    Known inputs have a catalogue key ``input.<name>``; ``DD_2027`` / ``ADD_2027`` name a fund
    and year; ``contribution_rate <scheme> <component> from <month>`` keeps its scheme and month.
    Any other name is shown as it is.
    """
    key = f"input.{name}"
    if key in i18n.LABELS:
        return i18n.t(key, lang)
    if name.startswith(("DD_", "ADD_")):
        fund, year = name.split("_", 1)
        return i18n.t(f"input.{fund}", lang, year=year)
    if name.startswith("contribution_rate"):
        rest = name[len("contribution_rate") :].replace(" from ", f" {i18n.t('input.from', lang)} ")
        return i18n.t("input.contribution_rate", lang) + rest
    return name


#: Units as the data and the engine write them -> catalogue key ``unit.<slug>``.
_UNIT_KEYS: dict[str, str] = {
    "desa": "desa",
    "kelurahan": "kelurahan",
    "% per year": "pct_per_year",
    "proportion": "proportion",
    "month": "month",
    "months": "months",
    "persons": "persons",
    "Rp per year": "rp_per_year",
    "Rp per person per month": "rp_per_person_month",
    "%": "pct",
    "ratio": "ratio",
    "logit per year": "logit_per_year",
    "factor per year (0-1)": "factor_per_year",
    "persons per village per month": "persons_per_village_month",
    "Rp per desa per year": "rp_per_desa_year",
}

#: Words of a unit not listed above, replaced in this order (``persons`` before ``person``).
_UNIT_WORDS: dict[str, str] = {
    "per year": "per_year",
    "per month": "per_month",
    "persons": "persons",
    "person": "person",
    "village": "village",
    "share of": "share_of",
}


def unit_text(unit: object, lang: str, name: str = "") -> str:
    """A unit in the report language (listed units whole, others word by word)."""
    u = str(unit)
    if u in _UNIT_KEYS:
        return i18n.t(f"unit.{_UNIT_KEYS[u]}", lang)
    for word, key in _UNIT_WORDS.items():
        u = u.replace(word, i18n.t(f"unit.word.{key}", lang))
    return u


def source_text(v: object, lang: str) -> str:
    """An input's source ('engine default' in words; ``a;b`` as ``a; b``)."""
    s = str(v)
    if s == "engine default":
        return i18n.t("source.engine_default", lang)
    if s == "notebook":
        return i18n.t("source.notebook", lang)
    return s.replace(";", "; ")


def value_text(v: object, lang: str, name: str = "") -> str:
    """An input value in the report's number format (a proportion shown in percent)."""
    if name == "start_month":
        return i18n.format_month(v, lang)
    if isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool):
        f = float(v)
        if np.isnan(f):
            return "—"
        if name == "coverage0":
            return i18n.format_pct(f * 100, lang, 2)
        if abs(f) >= 1e6:
            return i18n.format_number(round(f), lang)
        if f == int(f):
            return i18n.format_number(int(f), lang)
        return i18n.format_number(f, lang, 2 if abs(f) >= 1 else 3, trim=True)
    return str(v)


def backtest_display(bt: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The backtest summary of a trend as a display frame (model, errors [pp], interval hits)."""
    if bt is None or bt.empty:
        return pd.DataFrame({col("model", lang): ["—"]})
    cols = {
        "model": col("model", lang),
        "n_forecasts": col("n_forecasts", lang),
        "mae_pp": col("mae", lang),
        "mae_naive_pp": col("mae_naive", lang),
        "mae_drift_pp": col("mae_drift", lang),
        "interval_coverage": col("interval", lang),
    }
    bt = bt.reset_index() if "model" not in bt.columns else bt
    out = pd.DataFrame()
    for k, label in cols.items():
        if k not in bt:
            continue
        v = bt[k]
        if k == "interval_coverage":
            out[label] = v.map(lambda x: i18n.format_pct(x * 100, lang, 0))
        elif k.endswith("_pp"):
            out[label] = v.map(lambda x: i18n.format_number(x, lang, 2))
        else:
            out[label] = (
                v.map(lambda m: i18n.t(f"model.{m}", lang) if f"model.{m}" in i18n.LABELS else m)
                if k == "model"
                else v
            )
    return out
