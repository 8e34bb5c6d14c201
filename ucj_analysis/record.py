"""Record key numbers from a notebook so reports and tests can read them back.

A notebook calls ``record(name, value)``; the value is displayed as a raw output with the mimetype
``application/vnd.ucj.record+json`` and stored in the executed notebook.
:func:`ucj_analysis.render.read_records` collects them into a dict. The output also carries an
empty ``text/plain``, so JupyterLab and nbconvert (``jupyter nbconvert --to html``) have a type
they can show (nothing) instead of a "no renderer" notice or a warning; the reports drop record
outputs altogether.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping
from typing import Any

RECORD_MIMETYPE = "application/vnd.ucj.record+json"
#: Key of a report chart's data in a display output's *metadata* (file name, title, alt text,
#: SVG, phone variant; see :class:`ucj_analysis.report.display.Chart`). nbconvert's HTML ignores
#: output metadata; :mod:`ucj_analysis.render` reads it back to draw the chart and save its files.
CHART_METADATA = "application/vnd.ucj.chart+json"

__all__ = ["CHART_METADATA", "RECORD_MIMETYPE", "record", "to_jsonable"]


def to_jsonable(value: Any) -> Any:
    """Convert a value to plain JSON types (dict, list, str, int, float, bool, None).

    Parameters
    ----------
    value : Any
        Scalars (including numpy / pandas scalars), ``pandas.Period`` / ``Timestamp`` / ``NaT``,
        dates, mappings, sequences, numpy arrays, pandas Series and DataFrames.

    Returns
    -------
    Any
        JSON-serialisable equivalent: periods and timestamps become ISO strings (``"2031-05"`` for
        a monthly period), missing values and non-finite floats become ``None``, a DataFrame
        becomes a list of row dicts, a Series a dict.
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    try:  # pandas / numpy are optional at import time of this module
        import numpy as np
        import pandas as pd
    except ImportError:  # pragma: no cover - both are project dependencies
        np = pd = None
    if pd is not None and value is pd.NaT:
        return None
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()
    if pd is not None:
        if isinstance(value, pd.DataFrame):
            return [to_jsonable(row) for row in value.to_dict(orient="records")]
        if isinstance(value, pd.Series):
            return {str(k): to_jsonable(v) for k, v in value.items()}
        if isinstance(value, pd.Period):
            return str(value)
        if isinstance(value, pd.Timestamp):
            return value.isoformat()
        if isinstance(value, np.ndarray):
            return [to_jsonable(v) for v in value.tolist()]
        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.floating):
            return to_jsonable(float(value))
        try:
            if pd.isna(value):
                return None
        except (TypeError, ValueError):
            pass
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return str(value)


def record(name: str, value: Any) -> None:
    """Record a named value in the executing notebook's output.

    Parameters
    ----------
    name : str
        Record name, e.g. ``"time_to_target"``. A later record with the same name wins.
    value : Any
        Value to store; converted with :func:`to_jsonable`.

    Notes
    -----
    Returns None on purpose: a ``record(...)`` as the last line of a cell shows nothing.
    """
    from IPython.display import display

    if not isinstance(name, str) or not name:
        raise ValueError(f"record name must be a non-empty string, got {name!r}")
    payload = to_jsonable(value)
    display({RECORD_MIMETYPE: {"name": name, "value": payload}, "text/plain": ""}, raw=True)
