"""Executed notebooks -> self-contained HTML reports, the batch index page and the summary tables.

Public API (called by :mod:`ucj_analysis.runner`):

- :func:`notebook_to_html` one executed notebook -> one HTML string (no code, images embedded,
  nothing fetched from the network, header / footer / failure banner).
- :func:`read_records` values stored by :func:`ucj_analysis.record.record` in a notebook.
- :func:`write_index` ``index.html``, ``summary.csv`` and ``summary.xlsx`` of a batch.
- :func:`brief_html` the one-page summary of a regency ("Ringkasan untuk pimpinan"), printed to
  ``ringkasan/<slug>.pdf`` by :mod:`ucj_analysis.pdf`; :func:`brief_relpath` its path.
- :func:`write_report_charts` a report's charts as PNG and SVG files beside it
  (``<stem>_grafik/<n>-<name>.png|.svg``), linked from its footer; :func:`report_charts` lists
  them.
- :func:`atomic_write_text`, :func:`atomic_write_bytes` crash-safe file writes.
- :func:`sanitize_html`, :func:`safe_relative_href`, :func:`formula_like`,
  :func:`neutralise_csv_text` the safety rules below.

Modules, one job each:

- :mod:`~ucj_analysis.render.report_page` — notebook -> HTML report;
- :mod:`~ucj_analysis.render.charts` — a report's charts in its body and as files;
- :mod:`~ucj_analysis.render.index` — the index page of a batch (:func:`write_index`);
- :mod:`~ucj_analysis.render.summary` — the summary table (:func:`summary_frame`);
- :mod:`~ucj_analysis.render.spreadsheet` — summary.csv and summary.xlsx;
- :mod:`~ucj_analysis.render.brief` — the one-page summary;
- :mod:`~ucj_analysis.render.village_sheet` — the village Excel sheet per regency with a village
  file (``desa/<slug>.xlsx``, written with the index);
- :mod:`~ucj_analysis.render.sanitise` — untrusted HTML made inert, safe links, table boxes;
- :mod:`~ucj_analysis.render.records` — recorded values read back and normalised;
- :mod:`~ucj_analysis.render.files` — atomic writes;
- :mod:`~ucj_analysis.render.formatting` — single values as text;
- :mod:`~ucj_analysis.render.labels` — the label texts (Indonesian, English);
- :mod:`~ucj_analysis.render.templating` — the Jinja2 templates (``templates/pages``, autoescape
  on) and style sheets (``templates/css``).

Phone and print
---------------
Reports and the index fit a phone (360-414 px) without sideways scrolling: every table sits in
its own scroll box with the first column pinned (:func:`wrap_tables`), images scale to the
width, text is 11 px or larger. The fan chart has a phone variant (one panel per row, 3.8 in
wide) shown instead of the page chart below 640 px, so its text stays 11 px or larger too.
Printed (A4), no chart or table row is cut by a page break and every page carries the regency,
the run date and "Halaman n dari N" (CSS page-margin boxes, Chromium 131+). summary.xlsx prints
A4 landscape, one page wide, header row repeated.

Safety of shared files
----------------------
Reports travel by e-mail and intranet, and a data file's text (a regency name, a source, a note, a
scenario label) is not trusted:

- HTML: every text built here is escaped (the templates autoescape); every notebook output and
  markdown cell (everything in ``<main class="ucj-main">``) goes through :func:`sanitize_html`,
  which removes scripts, event handlers and ``javascript:``/``data:`` links (embedded PNG charts
  stay). Links are emitted only for relative paths inside the reports folder
  (:func:`safe_relative_href`).
- summary.xlsx: text is always a string cell, never a formula. Text that a spreadsheet would read
  as a formula (first character ``=``, ``+``, ``-``, ``@``, tab, CR or LF) keeps its exact value and
  gets Excel's *quote prefix* (``quotePrefix``: what Excel stores when a user types ``'=...``),
  so it stays text even after the cell is edited.
- summary.csv: formula-like text is prefixed with an apostrophe ``'`` (a CSV cell has no type;
  Excel and LibreOffice show the apostrophe and the text, and run nothing).

summary.csv and summary.xlsx
----------------------------
One row per regency x scenario of the forecast reports (:func:`summary_frame`): coverage at the
main deadline, median month reached, P10, P90, probability by the main deadline and, when the
forecast records them, the budget lines (appropriation, spending, idle funds, arrears [Rp]) and
the age of the latest figure. Columns no row fills are left out.

- summary.xlsx: numbers are numbers; rupiah with the format ``"Rp "#,##0``, percentages [0-100]
  with ``0.0" %"``, months as dates (first of the month) shown ``mmm yyyy`` (Indonesian month
  names for ``lang="id"``), counts as integers; report paths are hyperlinks.
- summary.csv: UTF-8 with BOM. ``lang="id"``: separator ``;`` and decimal comma, which is what
  Excel with Indonesian regional settings expects (it opens the file in columns);
  ``lang="en"``: ``,`` and decimal point. Rupiah in whole rupiah, months ``YYYY-MM``.
"""

from __future__ import annotations

from ucj_analysis.render.brief import BRIEF_DIR, brief_html, brief_relpath
from ucj_analysis.render.charts import (
    CHART_DIR_SUFFIX,
    charts_dir_name,
    report_charts,
    write_report_charts,
)
from ucj_analysis.render.files import atomic_write_bytes, atomic_write_text
from ucj_analysis.render.formatting import DEFAULT_HORIZON_END as DEFAULT_HORIZON_END
from ucj_analysis.render.formatting import STALE_AFTER_MONTHS as STALE_AFTER_MONTHS
from ucj_analysis.render.formatting import _format_rp as _format_rp
from ucj_analysis.render.formatting import _package_version as _package_version
from ucj_analysis.render.index import write_index
from ucj_analysis.render.labels import MISSING as MISSING
from ucj_analysis.render.records import read_records
from ucj_analysis.render.report_page import TEMPLATE_DIR, TEMPLATE_NAME, notebook_to_html
from ucj_analysis.render.sanitise import safe_relative_href, sanitize_html, wrap_tables
from ucj_analysis.render.spreadsheet import XLSX_MAX_WIDTH as XLSX_MAX_WIDTH
from ucj_analysis.render.spreadsheet import formula_like, neutralise_csv_text
from ucj_analysis.render.summary import _OPTIONAL_SUMMARY as _OPTIONAL_SUMMARY
from ucj_analysis.render.summary import SUMMARY_COLUMNS, summary_frame

#: the public names; the constants and helpers imported above with ``as`` (used by the tests)
#: stay importable from ``ucj_analysis.render`` as well
__all__ = [
    "TEMPLATE_DIR",
    "TEMPLATE_NAME",
    "SUMMARY_COLUMNS",
    "atomic_write_bytes",
    "atomic_write_text",
    "BRIEF_DIR",
    "brief_html",
    "brief_relpath",
    "CHART_DIR_SUFFIX",
    "charts_dir_name",
    "report_charts",
    "write_report_charts",
    "notebook_to_html",
    "formula_like",
    "neutralise_csv_text",
    "read_records",
    "safe_relative_href",
    "sanitize_html",
    "summary_frame",
    "wrap_tables",
    "write_index",
]
