"""Values a notebook recorded (:func:`ucj_analysis.record.record`), read back and normalised.

:func:`read_records` collects them from an executed notebook; :func:`_regency_fields` turns the
top-level fields of a regency forecast record into the values the summary table and the
one-page summary show.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

import nbformat

from ucj_analysis.record import RECORD_MIMETYPE
from ucj_analysis.render.formatting import (
    _as_records,
    _int_or_none,
    _iso_date,
    _iso_month,
    _join_sources,
    _months_between,
)
from ucj_analysis.render.labels import _quality_label

__all__ = ["read_records"]


def read_records(nb: nbformat.NotebookNode) -> dict:
    """Collect the values recorded with :func:`ucj_analysis.record.record` in a notebook.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Executed notebook.

    Returns
    -------
    dict
        ``name -> value`` in cell order; a later record with the same name wins.
    """
    records: dict[str, Any] = {}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") not in ("display_data", "execute_result"):
                continue
            payload = output.get("data", {}).get(RECORD_MIMETYPE)
            if payload is None:
                continue
            if isinstance(payload, str):
                try:
                    payload = json.loads(payload)
                except json.JSONDecodeError:
                    continue
            if isinstance(payload, Mapping) and "name" in payload:
                records[str(payload["name"])] = _plain(payload.get("value"))
    return records


def _plain(value: Any) -> Any:
    """NotebookNode (dict subclass) -> plain dict / list recursively."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _regency_fields(values: Mapping, lang: str) -> dict[str, Any]:
    """Top-level forecast record fields shared by every scenario row of a regency."""
    run_date = _iso_date(values.get("run_date"))
    latest = _iso_month(values.get("latest_figure_month"))
    age = _int_or_none(values.get("data_age_months"))
    if age is None and latest is not None:
        age = _months_between(latest, run_date or dt.date.today().isoformat())
    basis = values.get("workforce_basis")
    return {
        "budget_start": _iso_month(values.get("budget_start")),
        "latest_figure_month": latest,
        "data_age_months": age,
        "workforce_basis": None if basis in (None, "") else str(basis),
        "start_quality": _quality_label(values.get("start_quality"), lang),
        "start_origin": None
        if values.get("start_origin") in (None, "")
        else str(values.get("start_origin")),
        "run_date": run_date,
    }


#: quality counts of a provenance row and their flag: every row of a dataset carries one flag
_QUALITY_COUNTS = (("n_observed", "observed"), ("n_derived", "derived"), ("n_assumed", "assumed"))


def _collect_provenance(records: Sequence[Mapping]) -> list[dict]:
    """The provenance rows of a batch's records, each dataset/title/sources once, in order."""
    seen: dict[tuple, dict] = {}
    for rec in records:
        for row in _as_records((rec.get("records") or {}).get("provenance")):
            key = (row.get("dataset"), row.get("title"), _join_sources(row.get("sources")))
            seen.setdefault(key, row)
    return list(seen.values())


def _dataset_rows(datasets: list[dict]) -> list[dict]:
    """Provenance rows as the datasets table shows them (``templates/pages/macros.html.j2``).

    Returns
    -------
    list of dict
        ``dataset``, ``title``, ``sources`` (joined with ``; ``) and ``counts``: ``(flag, n)``
        for observed, derived and assumed, ``n`` None when missing.
    """
    return [
        {
            "dataset": d.get("dataset"),
            "title": d.get("title"),
            "sources": _join_sources(d.get("sources")),
            "counts": [(q, _int_or_none(d.get(key))) for key, q in _QUALITY_COUNTS],
        }
        for d in datasets
    ]
