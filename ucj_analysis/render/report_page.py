"""One executed notebook -> one self-contained HTML report (:func:`notebook_to_html`).

nbconvert renders the notebook with the template ``templates/ucj_report`` (JupyterLab look, no
code, images embedded, nothing fetched from the network); the header, the failure banner, the
error boxes and the footer come from ``templates/pages/report_*.html.j2``, the style sheet from
``templates/css/report.css`` plus the ``@page`` margin boxes of :func:`_page_margin_css`
(regency and run date at the top of every printed page, page numbers at the bottom). The body
(everything in ``<main class="ucj-main">``) goes through :func:`~ucj_analysis.render.sanitise.
sanitize_html` and :func:`~ucj_analysis.render.sanitise.wrap_tables`.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import threading
from collections.abc import Mapping

import nbformat
from markupsafe import Markup

from ucj_analysis import config
from ucj_analysis.record import RECORD_MIMETYPE
from ucj_analysis.render.charts import (
    chart_files_html,
    chart_files_marker,
    chart_html,
    chart_meta,
    report_charts,
)
from ucj_analysis.render.formatting import (
    _as_records,
    _css_string,
    _format_datetime,
    _format_value,
    _package_version,
    _scenario_labels,
)
from ucj_analysis.render.labels import _NOTEBOOK_LABELS, _l, _lang
from ucj_analysis.render.records import _dataset_rows
from ucj_analysis.render.sanitise import _strip_external_resources, sanitize_html, wrap_tables
from ucj_analysis.render.tags import _DROP_CELL_TAGS, _DROP_OUTPUT_TAGS
from ucj_analysis.render.templating import read_css, render_template

__all__ = ["TEMPLATE_DIR", "TEMPLATE_NAME", "notebook_to_html"]

TEMPLATE_DIR = config.TEMPLATES_DIR
TEMPLATE_NAME = "ucj_report"

#: output types that are scripts: never rendered (reports run no code in the browser)
_SCRIPT_MIMETYPES = (
    "application/javascript",
    "text/javascript",
    "application/vnd.jupyter.widget-view+json",
    "application/vnd.jupyter.widget-state+json",
)
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

#: style sheet of the reports (without the per-report ``@page`` margin boxes)
_REPORT_CSS = read_css("report")


def _header_html(title: str, header: Mapping, lang: str, failed: bool) -> str:
    regency = header.get("regency") or header.get("kabupaten")
    scenarios = _scenario_labels(header.get("scenarios"), lang)
    notebook = header.get("notebook")
    kicker = _l("report_kicker", lang)
    if notebook:
        label = _NOTEBOOK_LABELS.get(str(notebook), {}).get(lang, str(notebook))
        kicker += f" · {label}"
    items = [
        (_l("regency", lang), regency or _l("all_regencies", lang)),
        (_l("scenarios", lang), ", ".join(scenarios) if scenarios else "—"),
        (_l("run_date", lang), _format_datetime(header.get("run_date"), lang)),
    ]
    if failed:
        items.append((_l("status", lang), _l("status_failed", lang).upper()))
    return render_template(
        "report_header.html.j2",
        lang,
        kicker=kicker,
        title=title,
        subtitle=header.get("subtitle"),
        items=items,
    )


def _banner_html(errors: list[dict], extra_error: str | None, lang: str) -> str:
    lines = [f"{e['ename']}: {e['evalue']}" if e["evalue"] else e["ename"] for e in errors]
    if extra_error and not any(extra_error.strip() in line for line in lines):
        lines.append(extra_error.strip())
    return render_template(
        "report_banner.html.j2",
        lang,
        message="\n".join(lines),
        anchor=errors[0]["anchor"] if errors else None,
    )


def _error_box_html(ename: str, evalue: str, traceback: list[str], anchor: str, lang: str) -> str:
    tb = _ANSI.sub("", "\n".join(traceback or []))
    return render_template(
        "report_error.html.j2",
        lang,
        anchor=anchor,
        message=f"{ename}: {evalue}" if evalue else ename,
        traceback=tb if tb.strip() else None,
    )


def _footer_html(
    footer: Mapping, nb_params: Mapping | None, lang: str, chart_files: str = ""
) -> str:
    params = footer.get("parameters", footer.get("params"))
    if params is None:
        params = nb_params or {}
    version = footer.get("version") or _package_version()
    commit = footer.get("git_commit", footer.get("commit")) or _l("unknown", lang)
    created = _format_datetime(footer.get("created") or dt.datetime.now(), lang)
    datasets = _as_records(footer.get("datasets", footer.get("provenance")))
    return render_template(
        "report_footer.html.j2",
        lang,
        params=[(k, _format_value(v)) for k, v in params.items()],
        datasets=_dataset_rows(datasets),
        version=version,
        commit=commit,
        created=created,
        chart_files=Markup(chart_files),
    )


def _clean_notebook(nb: nbformat.NotebookNode, lang: str) -> tuple[nbformat.NotebookNode, list]:
    """Copy of ``nb`` ready for rendering, and the errors found (ename, evalue, anchor).

    Drops papermill parameter / error-banner cells, record outputs, stderr streams and code cells
    left without outputs; replaces error outputs by a readable error box and report charts by
    their HTML (:func:`~ucj_analysis.render.charts.chart_html`: page image, phone variant, alt
    text; without the SVG, which goes to the chart files).
    """
    nb = copy.deepcopy(nb)
    errors: list[dict] = []
    cells = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []) or [])
        if tags & _DROP_CELL_TAGS:
            continue
        if cell.cell_type != "code":
            cells.append(cell)
            continue
        outputs = []
        if not tags & _DROP_OUTPUT_TAGS:
            for out in cell.get("outputs", []):
                otype = out.get("output_type")
                if otype == "stream" and out.get("name") == "stderr":
                    continue
                if chart_meta(out) is not None:
                    box = chart_html(out, lang)
                    outputs.append(
                        nbformat.v4.new_output("display_data", data={"text/html": box}, metadata={})
                    )
                    continue
                if otype in ("display_data", "execute_result"):
                    data = dict(out.get("data", {}))
                    if RECORD_MIMETYPE in data:  # a record: nothing to show
                        continue
                    for mime in (RECORD_MIMETYPE, *_SCRIPT_MIMETYPES):
                        data.pop(mime, None)
                    if not data:
                        continue
                    if "text/html" in data:
                        text = data["text/html"]
                        text = "".join(text) if isinstance(text, list) else text
                        data["text/html"] = _strip_external_resources(text)
                    out = copy.deepcopy(out)
                    out["data"] = data
                if otype == "error":
                    ename = str(out.get("ename", "Error"))
                    evalue = str(out.get("evalue", ""))
                    if ename == "SystemExit" and evalue in ("", "0"):
                        continue
                    anchor = f"ucj-error-{len(errors) + 1}"
                    errors.append({"ename": ename, "evalue": evalue, "anchor": anchor})
                    box = _error_box_html(ename, evalue, out.get("traceback", []), anchor, lang)
                    out = nbformat.v4.new_output(
                        "display_data", data={"text/html": box}, metadata={}
                    )
                outputs.append(out)
        if not outputs:
            continue
        cell.outputs = outputs
        cell.source = ""  # nothing of the code survives, even if a template shows inputs
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)  # widget state is rendered as a <script> block
    return nb, errors


def notebook_to_html(
    nb: nbformat.NotebookNode,
    *,
    title: str,
    header: dict,
    footer: dict,
    lang: str = "id",
    charts_dir: str | None = None,
) -> str:
    """Render an executed notebook as one self-contained HTML report without code.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Executed notebook (papermill output; may contain an error).
    title : str
        Report title (``<title>`` and the heading).
    header : dict
        ``regency`` (str or None = all regencies), ``scenarios`` (list of labels or keys, or a
        mapping key -> label), ``run_date`` (datetime / date / ISO string; default now); optional
        ``notebook`` (stem, shown as kicker), ``subtitle``, ``status`` (``"failed"`` forces the
        failure banner) and ``error`` (message shown in the banner, e.g. a timeout).
    footer : dict
        ``parameters`` (dict; default: papermill's recorded parameters), ``git_commit`` (str or
        None), ``datasets`` (list of dicts or DataFrame with ``dataset, title, sources,
        n_observed, n_derived, n_assumed``, from ``DataBundle.provenance()``); optional
        ``version`` (default ``ucj_analysis.__version__``).
    lang : {"id", "en"}
        Language of the labels.
    charts_dir : str, optional
        Folder of the report's chart files relative to the report (``konawe_grafik``), when
        they are written there (:func:`~ucj_analysis.render.charts.write_report_charts`): the
        footer then links each chart's PNG and SVG. Without it the footer keeps a place for
        the links that :func:`~ucj_analysis.render.charts.write_report_charts` fills.

    Returns
    -------
    str
        Complete HTML document: images embedded as data URIs, no external scripts or styles, no
        code cells, papermill parameter cells removed; a failed notebook gets a
        "GAGAL / FAILED" banner and a readable error box where it stopped.
    """
    lang = _lang(lang)
    header = dict(header or {})
    footer = dict(footer or {})
    nb_params = nb.get("metadata", {}).get("papermill", {}).get("parameters")
    clean, errors = _clean_notebook(nb, lang)
    papermill_failed = bool(nb.get("metadata", {}).get("papermill", {}).get("exception"))
    failed = (
        bool(errors)
        or papermill_failed
        or str(header.get("status", "")).lower() == "failed"
        or any(
            "papermill-error-cell-tag" in (c.get("metadata", {}).get("tags") or [])
            for c in nb.get("cells", [])
        )
    )
    clean.metadata["title"] = title
    charts = report_charts(nb)
    if not charts:
        chart_files = ""
    elif charts_dir is None:
        chart_files = chart_files_marker(lang)
    else:
        chart_files = chart_files_html(charts, str(charts_dir), lang)
    header_html = _header_html(title, header, lang, failed)
    if failed:
        header_html += _banner_html(errors, header.get("error"), lang)
    exporter = _exporter(lang)
    resources = {
        "ucj": {
            "header_html": header_html,
            "footer_html": _footer_html(footer, nb_params, lang, chart_files),
            "css": _REPORT_CSS + _page_margin_css(header, lang),
            "version": _package_version(),
            "img_alt": _l("chart", lang),
        }
    }
    body, _ = exporter.from_notebook_node(clean, resources=resources)
    return _sanitize_main(_strip_external_resources(body))


_MAIN_OPEN = '<main class="ucj-main">'
_EXPORTERS = threading.local()


def _exporter(lang: str):
    """This thread's nbconvert ``HTMLExporter`` for ``lang``, made on first use.

    An exporter compiles its Jinja templates once; a new exporter for every report compiled
    them again each time (a forecast report's HTML took 0.16 s of CPU instead of 0.09 s). One
    per thread, since ``from_notebook_node`` registers its filters on the exporter.
    """
    from nbconvert import HTMLExporter

    by_lang = _EXPORTERS.__dict__.setdefault("by_lang", {})
    if lang not in by_lang:
        by_lang[lang] = HTMLExporter(
            template_name=TEMPLATE_NAME,
            extra_template_basedirs=[str(TEMPLATE_DIR)],
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            exclude_anchor_links=True,
            embed_images=True,
            theme="light",
            language_code=lang,
        )
    return by_lang[lang]


def _sanitize_main(document: str) -> str:
    """Sanitise the report body: every notebook output and markdown cell.

    Everything between ``<main class="ucj-main">`` and the last ``</main>`` goes through
    :func:`sanitize_html`; header, footer and banner are built here from escaped text and the
    template's head holds only CSS.
    """
    start = document.find(_MAIN_OPEN)
    end = document.rfind("</main>")
    if start < 0 or end < start:
        return document
    start += len(_MAIN_OPEN)
    return document[:start] + wrap_tables(sanitize_html(document[start:end])) + document[end:]


def _page_margin_css(header: Mapping, lang: str) -> str:
    """``@page`` margin boxes: regency and run date at the top, page numbers at the bottom.

    Chromium (131 and later) prints CSS page-margin boxes on every page, whether the page is
    printed by a person (Ctrl+P) or by :mod:`ucj_analysis.pdf`.
    """
    regency = header.get("regency") or header.get("kabupaten") or _l("all_regencies", lang)
    run = _format_datetime(header.get("run_date"), lang)
    top = f"{regency} · {_l('run_date', lang)} {run}"
    page_word, of_word = _l("page", lang), _l("page_of", lang)
    font = 'font: 8.5pt "DejaVu Sans", Arial, sans-serif; color: #52606d;'
    return (
        f"\n@page {{ @top-left {{ content: {_css_string(top)}; {font} }}\n"
        f'  @bottom-right {{ content: "{page_word} " counter(page) " {of_word} " counter(pages);'
        f" {font} }} }}\n"
    )
