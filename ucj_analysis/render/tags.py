"""Notebook cell and output tags the report pages leave out (shared by the page and its charts)."""

from __future__ import annotations

#: cells left out of a report: parameters, papermill's error marker and cells for JupyterLab only
_DROP_CELL_TAGS = frozenset(
    {"injected-parameters", "parameters", "papermill-error-cell-tag", "remove-cell", "remove_cell"}
)
_DROP_OUTPUT_TAGS = frozenset({"remove-output", "remove_output"})
