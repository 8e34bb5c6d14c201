"""The charts of a report: drawn in its body, saved as PNG and SVG files beside it.

A report chart is a display output made by :func:`ucj_analysis.report.display.show`: the PNG in
its data, and under :data:`~ucj_analysis.record.CHART_METADATA` in its metadata the file name,
title, alt text, SVG and phone variant (every chart of :mod:`ucj_analysis.plots` has one).

- :func:`chart_html` draws one chart in the report body: the page image and the phone variant,
  one of the two shown by the style sheet (``report.css``), both with the alt text.
- :func:`report_charts` lists the charts a report shows, numbered in order.
- :func:`write_report_charts` (called by the batch where it writes a report's HTML) saves them as
  ``<report stem>_grafik/<n>-<name>.png`` and ``.svg`` (each file written atomically; files of
  an earlier run that the report no longer has are removed) and links them from the report's
  footer ("Unduh grafik: PNG, SVG").
"""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ucj_analysis.record import CHART_METADATA
from ucj_analysis.render.files import atomic_write_bytes, atomic_write_text
from ucj_analysis.render.sanitise import safe_relative_href
from ucj_analysis.render.templating import render_template

__all__ = [
    "CHART_DIR_SUFFIX",
    "ChartFile",
    "chart_html",
    "charts_dir_name",
    "report_charts",
    "write_report_charts",
]

#: Folder of a report's chart files: ``<report stem>_grafik`` beside the report.
CHART_DIR_SUFFIX = "_grafik"
#: Where the footer takes the list of chart files once they are written (language inside).
_MARKER = "<!--ucj-chart-files:{lang}-->"
_MARKER_RE = re.compile(r"<!--ucj-chart-files:(id|en)-->")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class ChartFile:
    """One chart of a report as files.

    Attributes
    ----------
    n : int
        Position of the chart in the report (1 = first).
    name : str
        File-name stem without the number (``proyeksi-cakupan``).
    title : str
        Short title in the report language.
    alt : str
        Alt text (what the chart shows).
    png : bytes
        The chart as PNG (the image of the report page).
    svg : str
        The chart as SVG.
    """

    n: int
    name: str
    title: str
    alt: str
    png: bytes
    svg: str

    @property
    def stem(self) -> str:
        """``<n>-<name>``: the file name without extension."""
        return f"{self.n}-{self.name}"


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _b64(value: Any) -> str:
    return "".join(_text(value).split())


def chart_meta(output: Mapping) -> dict | None:
    """The chart data of a display output, or None when it is not a report chart."""
    if output.get("output_type") not in ("display_data", "execute_result"):
        return None
    meta = (output.get("metadata") or {}).get(CHART_METADATA)
    if not isinstance(meta, Mapping) or "image/png" not in (output.get("data") or {}):
        return None
    return dict(meta)


def chart_html(output: Mapping, lang: str) -> str:
    """One report chart as HTML for the report body.

    Parameters
    ----------
    output : mapping
        A display output of :func:`ucj_analysis.report.display.show` (see :func:`chart_meta`).
    lang : {"id", "en"}
        Report language (the alt text's fallback, "Grafik" / "Chart").

    Returns
    -------
    str
        ``<div class="ucj-chart">`` with ``<img class="ucj-chart-wide">`` and, for a chart with a
        phone variant, ``<img class="ucj-chart-narrow">``; both carry the (escaped) alt text and
        ``data-min-font-px``, the smallest text of the image in its own pixels.
    """
    from ucj_analysis.render.labels import _l

    meta = chart_meta(output) or {}
    narrow = meta.get("narrow") or {}
    return render_template(
        "report_chart.html.j2",
        lang,
        png=_b64(output["data"]["image/png"]),
        alt=str(meta.get("alt") or _l("chart", lang)),
        min_font_px=_px(meta.get("min_font_px")),
        narrow_png=_b64(narrow["png"]) if narrow.get("png") else None,
        narrow_min_font_px=_px(narrow.get("min_font_px")),
    )


def _px(value: Any) -> str:
    try:
        return f"{float(value):.2f}"
    except (TypeError, ValueError):
        return ""


def _notebook(nb: Any) -> Mapping:
    if isinstance(nb, str | bytes):
        return json.loads(nb)
    return nb


def report_charts(nb: Any) -> list[ChartFile]:
    """The charts a report shows, in order (numbered from 1).

    Parameters
    ----------
    nb : nbformat.NotebookNode, dict or str
        Executed notebook (or its JSON text). Cells and outputs the report drops (parameters,
        ``remove-cell`` / ``remove-output`` tags) are skipped.

    Returns
    -------
    list of ChartFile
        One per chart output made by :func:`ucj_analysis.report.display.show`; a name that is
        not lowercase words joined by hyphens becomes ``grafik``.
    """
    from ucj_analysis.render.tags import _DROP_CELL_TAGS, _DROP_OUTPUT_TAGS

    out: list[ChartFile] = []
    for cell in _notebook(nb).get("cells", []):
        tags = set((cell.get("metadata") or {}).get("tags") or [])
        if cell.get("cell_type") != "code" or tags & (_DROP_CELL_TAGS | _DROP_OUTPUT_TAGS):
            continue
        for output in cell.get("outputs", []):
            meta = chart_meta(output)
            if meta is None:
                continue
            name = str(meta.get("name") or "")
            out.append(
                ChartFile(
                    n=len(out) + 1,
                    name=name if _NAME.match(name) else "grafik",
                    title=str(meta.get("title") or name),
                    alt=str(meta.get("alt") or ""),
                    png=base64.b64decode(_b64(output["data"]["image/png"])),
                    svg=_text(meta.get("svg") or ""),
                )
            )
    return out


def charts_dir_name(html_path: str | os.PathLike) -> str:
    """Name of a report's chart folder: ``konawe.html`` -> ``konawe_grafik``."""
    return Path(html_path).stem + CHART_DIR_SUFFIX


def chart_files_html(charts: list[ChartFile], dir_name: str, lang: str) -> str:
    """The footer section linking each chart's PNG and SVG in ``dir_name`` ("" without charts)."""
    if not charts:
        return ""
    rows = []
    for c in charts:
        files = {ext: safe_relative_href(f"{dir_name}/{c.stem}.{ext}") for ext in ("png", "svg")}
        if None in files.values():
            return ""
        rows.append({"n": c.n, "title": c.title, **files})
    return render_template("report_chart_files.html.j2", lang, charts=rows)


def chart_files_marker(lang: str) -> Markup:
    """What the footer holds until the chart files are written (an HTML comment)."""
    return Markup(_MARKER.format(lang=lang))


def write_report_charts(html_path: str | os.PathLike, notebook: Any, html: str) -> str:
    """Save a report's charts as PNG and SVG files beside it and link them from its footer.

    Parameters
    ----------
    html_path : str or os.PathLike
        Where the report's HTML is (or is about to be) written, e.g.
        ``reports/02_regency_forecast/konawe.html``.
    notebook : nbformat.NotebookNode, dict or str
        The executed notebook (or its JSON text).
    html : str
        The report's HTML from :func:`ucj_analysis.render.notebook_to_html`.

    Returns
    -------
    str
        ``html`` with the footer section "Unduh grafik" listing each chart's PNG and SVG
        (relative links into ``<stem>_grafik/``); unchanged when the report has no chart or its
        footer has no place for the list (a fallback page).

    Notes
    -----
    Files are ``<stem>_grafik/<n>-<name>.png`` and ``.svg``, each written atomically (temporary
    file and ``os.replace``) before the HTML that links them; PNG and SVG files of the folder
    that this run did not write (an earlier run's charts) are removed, and so is the folder
    when it is left empty.
    """
    html_path = Path(html_path)
    charts = report_charts(notebook)
    folder = html_path.parent / charts_dir_name(html_path)
    keep: set[str] = set()
    for c in charts:
        atomic_write_bytes(folder / f"{c.stem}.png", c.png)
        atomic_write_text(folder / f"{c.stem}.svg", c.svg)
        keep.update({f"{c.stem}.png", f"{c.stem}.svg"})
    if folder.is_dir():
        for f in folder.iterdir():
            if f.suffix in (".png", ".svg") and f.name not in keep and f.is_file():
                f.unlink(missing_ok=True)
        if not any(folder.iterdir()):
            folder.rmdir()
    found = list(_MARKER_RE.finditer(html))
    if not found:
        return html
    match = found[-1]  # the footer's: the body drops comments, header text is escaped
    section = chart_files_html(charts, folder.name, match.group(1))
    return html[: match.start()] + section + html[match.end() :]
