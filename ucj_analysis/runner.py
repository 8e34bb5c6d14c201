"""Run the report notebooks in batches: typed parameters, real kernels, isolation, resume, Dask.

What this module does for ``ucj batch`` (see :mod:`ucj_analysis.cli` and ``docs/batch.md``):

* **Parameter checking** before anything runs. Each notebook's ``parameters`` cell is read with
  :func:`papermill.inspect_notebook` (typed literals such as ``n_draws: int = 1000  # help``). An
  unknown parameter, or a value that cannot be converted to the declared type without loss, is
  refused with a message that names it and lists the accepted parameters with their types
  (papermill itself only warns). Values from YAML or ``--set KEY=VALUE`` are converted where
  nothing is lost (``"2000"`` -> ``2000`` for ``n_draws: int``; ``"2026-12,2030-12"`` -> a list).
* **Execution** with real Jupyter kernels through :func:`papermill.execute_notebook`, several at
  a time (``jobs``), HTML rendered in-process by :func:`ucj_analysis.render.notebook_to_html`.
  Every report gets a **fresh kernel process**. On Linux the kernels are forked from a *kernel
  factory*: one process per batch that has already imported the heavy libraries (numpy, pandas,
  statsmodels, matplotlib, ``ucj_analysis.report``) and forks a new, clean kernel process for each
  report (``kernel_mode="fork"``). Nothing a report defines or changes (variables, module
  attributes, environment variables, working directory) is visible to the next one, because each
  report runs in its own process forked from the same untouched parent. ``kernel_mode="spawn"``
  starts every kernel from scratch the usual way (any OS).
* **Failure isolation**: a failing notebook never stops the others. Its partial notebook and an
  HTML page showing the error are written; the batch ends with a non-zero exit status.
* **Crash safety**: every file is written to a temporary name and moved into place with
  ``os.replace``; the manifest ``<out>/batch.json`` is rewritten (atomically) after every report.
  Ctrl-C or SIGTERM stops the kernels and leaves only complete files.
* **Resume**: a report is skipped when nothing it depends on changed since its last successful
  run: the notebook file, the resolved parameters (including the content of files named by a
  parameter), the data files actually read (user ``data_dir`` and embedded data) and the package
  (version and source of ``ucj_analysis``). Failed reports always run again; ``force`` reruns
  everything.
* **Dask**: ``executor="dask"`` sends each report to a ``distributed`` worker; the worker runs
  papermill and the HTML rendering and returns the notebook, the HTML and the recorded values,
  which the client writes into the output directory.

Batch file (YAML)
-----------------
::

    # batches/example.yaml -- every key is optional except `notebooks`
    data_dir: null          # user data folder (null: embedded data); --data-dir wins
    out: reports            # output folder; --out wins
    lang: id                # report language id|en, injected where a notebook declares `lang`
    jobs: null              # parallel kernels (null: number of CPU cores); --jobs wins
    regencies: all          # "all" = every regency in the data, or a list of names
    parameters:             # for every notebook that declares the parameter
      seed: 20251
    notebooks:
      - notebooks/01_data_audit.ipynb            # a path or a glob pattern
      - path: notebooks/02_regency_forecast.ipynb
        regencies: [Konawe, Banggai]             # overrides the batch-level list
        parameters: {n_draws: 2000}              # must be declared by this notebook
        parameter_sets:                          # optional: one report per set
          - name: cepat                          # slug becomes <regency>--cepat
            parameters: {n_draws: 200}

Rules: paths are relative to the current directory (or else to the batch file's folder). A
notebook with a ``regency`` parameter runs once per regency, a notebook without one runs once
(slug ``all``). ``regency`` and ``data_dir`` are set by the runner and cannot be given in
``parameters``. Precedence (weakest first): notebook default, batch ``parameters``, batch
``lang``/``--lang``, notebook ``parameters``, parameter set, ``--set``. A batch-level parameter or
``--set`` key must be declared by at least one notebook of the batch; a notebook-level one by that
notebook.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import difflib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ucj_analysis import config

__all__ = [
    "DEFAULT_PRELOAD",
    "MANIFEST_NAME",
    "NOTEBOOK_GLOB",
    "REASONS",
    "BatchFileError",
    "BatchResult",
    "BatchSpec",
    "Decision",
    "KernelChoice",
    "KernelZygote",
    "NotebookEntry",
    "NotebookParameter",
    "ParameterError",
    "ParameterSet",
    "Task",
    "code_fingerprint",
    "coerce_parameter",
    "data_fingerprint",
    "decide",
    "default_batch",
    "execute_task",
    "load_batch_file",
    "notebook_parameters",
    "parse_assignments",
    "plan_batch",
    "read_manifest",
    "resolve_kernel",
    "resolve_kernel_mode",
    "resolve_parameters",
    "run_batch",
    "slugify",
    "start_kernel_factory",
    "task_fingerprint",
]

#: Name of the batch manifest in the output directory.
MANIFEST_NAME = "batch.json"
_MANIFEST_FORMAT = 1
#: Notebooks a default batch runs (in ``notebooks/``).
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
#: Modules the kernel factory imports once per batch, before forking kernels.
DEFAULT_PRELOAD: tuple[str, ...] = (
    "numpy",
    "pandas",
    "scipy.stats",
    "matplotlib",
    "matplotlib.pyplot",
    "statsmodels.api",
    "ucj_analysis.report",
)
#: Parameters the runner sets itself (from the regency list and ``data_dir``).
_RUNNER_PARAMETERS = ("regency", "data_dir")
_PACKAGE_DIR = config.PACKAGE_DIR
_SET_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_BATCH_KEYS = ("data_dir", "out", "lang", "jobs", "regencies", "parameters", "notebooks")
_ENTRY_KEYS = ("path", "regencies", "parameters", "parameter_sets")

#: Why a report runs (or not): code -> (Indonesian, English).
REASONS: dict[str, tuple[str, str]] = {
    "new": ("baru", "new"),
    "forced": ("dipaksa (--force)", "forced"),
    "previous_failed": ("gagal sebelumnya", "previous run failed"),
    "notebook_changed": ("notebook berubah", "notebook changed"),
    "parameters_changed": ("parameter berubah", "parameters changed"),
    "data_changed": ("data berubah", "data changed"),
    "code_changed": ("kode ucj_analysis berubah", "ucj_analysis code changed"),
    "output_missing": ("berkas laporan hilang", "report file missing"),
    "unchanged": ("tidak berubah", "unchanged"),
}


def _say(id_text: str, en_text: str, lang: str) -> str:
    return en_text if lang == "en" else id_text


# ============================================================================================
# errors
# ============================================================================================
class ParameterError(ValueError):
    """Notebook parameters that are unknown or of the wrong type (all problems at once).

    Parameters
    ----------
    problems : list of str
        One line per problem, each naming the notebook and the parameter.
    accepted : dict
        ``notebook file name -> list of "name: type = default  # help" lines``.
    """

    def __init__(self, problems: Sequence[str], accepted: Mapping[str, Sequence[str]]):
        self.problems = list(problems)
        self.accepted = {k: list(v) for k, v in accepted.items()}
        lines = ["Parameter tidak valid / invalid parameters:"]
        lines += [f"  - {p}" for p in self.problems]
        for name, params in self.accepted.items():
            lines.append(f"Parameter yang diterima / accepted parameters of {name}:")
            lines += [f"    {p}" for p in params] or ["    (tidak ada / none)"]
        super().__init__("\n".join(lines))


class BatchFileError(ValueError):
    """A batch file (or batch option) that cannot be used; the message says what to change."""


# ============================================================================================
# notebook parameters: inspection and type conversion
# ============================================================================================
class _Unevaluated(str):
    """Default value whose source is not a Python literal (kept as source text)."""


@dataclass(frozen=True)
class NotebookParameter:
    """One parameter of a notebook's ``parameters`` cell.

    Attributes
    ----------
    name : str
        Variable name.
    type_name : str or None
        Declared annotation (``"int"``, ``"list"``, ``"list[str]"``, ``"Optional[int]"``), or
        ``None`` when the line has no annotation (the type of the default is then used).
    default : Any
        Default value (the literal evaluated), or the source text when it is not a literal.
    default_source : str
        Default exactly as written in the cell.
    help : str
        The comment after the assignment.
    """

    name: str
    type_name: str | None
    default: Any
    default_source: str
    help: str = ""

    @property
    def type_label(self) -> str:
        """Declared type, or the type inferred from the default (``"any"`` if neither)."""
        if self.type_name:
            return self.type_name
        kind = _parse_type(None, self.default)
        return kind.base or "any"

    def describe(self) -> str:
        """One line ``name: type = default  # help``."""
        text = f"{self.name}: {self.type_label} = {self.default_source}"
        return f"{text}  # {self.help}" if self.help else text


def _parameters_cell_source(nb: Mapping) -> str | None:
    for cell in nb.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", []) or []
        if cell.get("cell_type") == "code" and "parameters" in tags:
            src = cell.get("source", "")
            return "".join(src) if isinstance(src, list) else str(src)
    return None


def _ast_parameters(source: str) -> dict[str, tuple[str | None, str, str]]:
    """Assignments of a parameters cell: ``name -> (annotation, default source, comment)``."""
    out: dict[str, tuple[str | None, str, str]] = {}
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return out
    lines = source.splitlines()
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            ann = ast.get_source_segment(source, node.annotation) or None
            if ann and len(ann) > 1 and ann[0] == ann[-1] and ann[0] in "\"'":
                ann = ann[1:-1]
            name, value = node.target.id, node.value
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            ann, name, value = None, node.targets[0].id, node.value
        else:
            continue
        default = ast.get_source_segment(source, value) or "None"
        line = lines[node.end_lineno - 1] if node.end_lineno else ""
        comment = line.split("#", 1)[1].strip() if "#" in line[node.end_col_offset or 0 :] else ""
        out[name] = (ann, default, comment)
    return out


def _literal(source: str) -> Any:
    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return _Unevaluated(source)


def notebook_parameters(path: str | os.PathLike) -> dict[str, NotebookParameter]:
    """Parameters declared in a notebook's ``parameters`` cell, in cell order.

    Uses :func:`papermill.inspect_notebook`; assignments papermill does not recognise (for
    example a quoted annotation ``x: "int | None" = None``) are added from the cell's syntax tree
    so that no declared parameter is missed.

    Parameters
    ----------
    path : str or path-like
        The ``.ipynb`` file.

    Returns
    -------
    dict
        ``name -> NotebookParameter``; empty when the notebook has no ``parameters`` cell.
    """
    import nbformat
    import papermill

    path = Path(path)
    raw = papermill.inspect_notebook(str(path))
    params: dict[str, NotebookParameter] = {}
    for name, p in raw.items():
        type_name = p.get("inferred_type_name")
        type_name = None if type_name in (None, "", "None") else str(type_name)
        source = str(p.get("default") or "None")
        params[name] = NotebookParameter(
            name, type_name, _literal(source), source, str(p.get("help") or "")
        )
    cell = _parameters_cell_source(nbformat.read(str(path), as_version=4))
    if cell:
        for name, (ann, source, comment) in _ast_parameters(cell).items():
            if name not in params:
                params[name] = NotebookParameter(name, ann, _literal(source), source, comment)
    return params


@dataclass(frozen=True)
class _Type:
    base: str | None  # str int float bool list tuple dict, "other", or None (anything)
    item: _Type | None = None
    optional: bool = False


_SCALAR_NAMES = {"str", "int", "float", "bool", "list", "tuple", "dict"}
_TYPE_ALIASES = {"List": "list", "Tuple": "tuple", "Dict": "dict", "Sequence": "list"}


def _parse_type(text: str | None, default: Any) -> _Type:
    """Parse an annotation (or infer from the default value)."""
    if text is None or text.strip() in ("", "None", "Any", "object", "typing.Any"):
        if text is None and not isinstance(default, _Unevaluated | type(None)):
            base = type(default).__name__
            if base in _SCALAR_NAMES:
                item = None
                if base in ("list", "tuple") and default:
                    kinds = {type(v).__name__ for v in default}
                    if len(kinds) == 1 and kinds <= {"str", "int", "float", "bool"}:
                        item = _Type(kinds.pop())
                return _Type(base, item)
        return _Type(None, optional=True)
    s = re.sub(r"\btyping\.", "", text.strip())
    m = re.fullmatch(r"Optional\[(.+)\]", s)
    if m:
        inner = _parse_type(m.group(1), None)
        return _Type(inner.base, inner.item, True)
    parts = [p.strip() for p in _split_top(s, "|")]
    if len(parts) > 1:
        rest = [p for p in parts if p != "None"]
        optional = len(rest) < len(parts)
        if len(rest) == 1:
            inner = _parse_type(rest[0], None)
            return _Type(inner.base, inner.item, optional or inner.optional)
        return _Type(None, optional=True)
    m = re.fullmatch(r"(\w+)\[(.+)\]", s)
    if m:
        base = _TYPE_ALIASES.get(m.group(1), m.group(1))
        args = _split_top(m.group(2), ",")
        if base in ("list", "tuple") and args and args[0].strip() not in ("...", "Any"):
            return _Type(base, _parse_type(args[0], None))
        return _Type(base if base in _SCALAR_NAMES else "other")
    base = _TYPE_ALIASES.get(s, s)
    if base in _SCALAR_NAMES:
        item = None
        if base in ("list", "tuple") and isinstance(default, list | tuple) and default:
            kinds = {type(v).__name__ for v in default}
            if len(kinds) == 1 and kinds <= {"str", "int", "float", "bool"}:
                item = _Type(kinds.pop())
        return _Type(base, item, default is None)
    return _Type("other")


def _split_top(text: str, sep: str) -> list[str]:
    """Split at ``sep`` outside brackets."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "[("
        depth -= ch in "])"
        if ch == sep and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


class _CoerceError(ValueError):
    pass


_TRUE = {"true", "yes", "ya", "y", "on", "1", "benar"}
_FALSE = {"false", "no", "tidak", "n", "off", "0", "salah"}


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _coerce(value: Any, kind: _Type, *, from_text: bool) -> Any:
    """Convert ``value`` to ``kind`` without loss, or raise :class:`_CoerceError`."""
    if isinstance(value, dt.datetime | dt.date):  # YAML dates: keep the ISO text
        value = value.isoformat()
    if value is None or (from_text and isinstance(value, str) and value.strip() in ("None",)):
        if kind.optional or kind.base is None:
            return None
        raise _CoerceError(f"None is not a {kind.base}")
    base = kind.base
    if base is None or base == "other":
        if from_text and isinstance(value, str):
            parsed = _parse_text_literal(value)
            return _plain_literal(parsed)
        return _plain_literal(value)
    if base == "str":
        if isinstance(value, str):
            return value
        raise _CoerceError(
            f"{_show(value)} is a {type(value).__name__}, not text (quote it in YAML: '{value}')"
        )
    if base == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise _CoerceError(f"{_show(value)} is not true/false")
    if base == "int":
        if isinstance(value, bool):
            raise _CoerceError(f"{_show(value)} is a bool, not an int")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d[\d_]*\s*", value):
            return int(value.replace("_", ""))
        raise _CoerceError(f"{_show(value)} is not a whole number")
    if base == "float":
        if isinstance(value, bool):
            raise _CoerceError(f"{_show(value)} is a bool, not a number")
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value.strip())
            except ValueError:
                pass
            hint = " (use a dot as decimal separator)" if "," in value else ""
            raise _CoerceError(f"{_show(value)} is not a number{hint}")
        raise _CoerceError(f"{_show(value)} is not a number")
    if base in ("list", "tuple"):
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                value = _parse_text_literal(text)
                if not isinstance(value, list):
                    raise _CoerceError(f"{_show(text)} is not a list")
            else:
                value = [v.strip() for v in text.split(",") if v.strip()]
                from_text = True
        if isinstance(value, list | tuple):
            item = kind.item or _Type(None, optional=True)
            return [_coerce(v, item, from_text=from_text) for v in value]
        raise _CoerceError(f"{_show(value)} is a {type(value).__name__}, not a list")
    if base == "dict":
        if isinstance(value, str):
            value = _parse_text_literal(value)
        if isinstance(value, Mapping):
            return {str(k): _plain_literal(v) for k, v in value.items()}
        raise _CoerceError(f"{_show(value)} is not a mapping")
    raise _CoerceError(f"unsupported type {base}")  # pragma: no cover - all bases handled


def _parse_text_literal(text: str) -> Any:
    """Text from ``--set``: a YAML flow value (``[a, b]``, ``{k: v}``, ``12``) or the text."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def _plain_literal(value: Any) -> Any:
    """Check a value can be written as a Python literal in the injected cell."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain_literal(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain_literal(v) for k, v in value.items()}
    raise _CoerceError(f"{_show(value)} ({type(value).__name__}) cannot be passed to a notebook")


def coerce_parameter(param: NotebookParameter, value: Any, *, from_text: bool = False) -> Any:
    """Convert a value to a parameter's declared type where nothing is lost.

    Parameters
    ----------
    param : NotebookParameter
        The declared parameter.
    value : Any
        Value from YAML (typed) or from ``--set`` (text, ``from_text=True``).
    from_text : bool
        The value is command-line text: ``"None"`` means ``None`` and lists may be written
        ``a,b,c`` or ``[a, b, c]``.

    Returns
    -------
    Any
        The converted value (plain Python literal types).

    Raises
    ------
    ValueError
        With a message saying what was expected (e.g. ``'abc' is not a whole number``).
    """
    kind = _parse_type(param.type_name, param.default)
    try:
        return _coerce(value, kind, from_text=from_text)
    except _CoerceError as e:
        raise ValueError(str(e)) from None


def resolve_parameters(
    notebook: str | os.PathLike,
    values: Mapping[str, Any],
    *,
    params: Mapping[str, NotebookParameter] | None = None,
    text_keys: Iterable[str] = (),
) -> dict[str, Any]:
    """Check values against a notebook's parameters and return the full resolved set.

    Parameters
    ----------
    notebook : str or path-like
        The notebook (used for inspection when ``params`` is not given, and in messages).
    values : mapping
        Values to inject.
    params : mapping, optional
        Pre-computed :func:`notebook_parameters`.
    text_keys : iterable of str
        Keys whose values are command-line text (see :func:`coerce_parameter`).

    Returns
    -------
    dict
        Every declared parameter: its default, or the converted value when given.

    Raises
    ------
    ParameterError
        Listing every unknown or wrongly typed value and the accepted parameters.
    """
    params = dict(params) if params is not None else notebook_parameters(notebook)
    name = Path(notebook).name
    problems = _check_values(name, params, values, set(text_keys))
    if problems:
        raise ParameterError(problems, {name: [p.describe() for p in params.values()]})
    return _resolved(params, values, set(text_keys))


def _check_values(
    nb_name: str, params: Mapping[str, NotebookParameter], values: Mapping, text_keys: set
) -> list[str]:
    problems = []
    for key, value in values.items():
        if key not in params:
            close = difflib.get_close_matches(key, list(params), n=1)
            hint = f" (maksud Anda / did you mean '{close[0]}'?)" if close else ""
            problems.append(f"{nb_name}: '{key}' parameter tidak dikenal / unknown parameter{hint}")
            continue
        try:
            coerce_parameter(params[key], value, from_text=key in text_keys)
        except ValueError as e:
            problems.append(
                f"{nb_name}: '{key}' harus / must be {params[key].type_label}; "
                f"nilai / value {_show(value)}: {e}"
            )
    return problems


def _resolved(params: Mapping[str, NotebookParameter], values: Mapping, text_keys: set) -> dict:
    out = {}
    for name, p in params.items():
        if name in values:
            out[name] = coerce_parameter(p, values[name], from_text=name in text_keys)
        else:
            out[name] = str(p.default) if isinstance(p.default, _Unevaluated) else p.default
    return out


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """Parse ``KEY=VALUE`` strings (``--set``) into a dict of text values.

    Raises
    ------
    BatchFileError
        For an item without ``=`` or with an empty key.
    """
    out: dict[str, str] = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise BatchFileError(
                f"--set {item!r}: tulis / write KEY=VALUE, e.g. --set n_draws=2000"
            )
        out[key.strip()] = value.strip()
    return out


# ============================================================================================
# batch files
# ============================================================================================
@dataclass(frozen=True)
class ParameterSet:
    """A named set of parameter values (one report per set)."""

    name: str | None
    parameters: dict = field(default_factory=dict)


@dataclass(frozen=True)
class NotebookEntry:
    """One ``notebooks:`` item of a batch file.

    Attributes
    ----------
    pattern : str
        Path or glob pattern as written.
    regencies : tuple of str or None
        Regencies for this notebook (``None``: the batch's list).
    parameters : dict
        Values for this notebook.
    sets : tuple of ParameterSet
        Parameter sets; a single unnamed set when the file gives none.
    """

    pattern: str
    regencies: tuple[str, ...] | None = None
    parameters: dict = field(default_factory=dict)
    sets: tuple[ParameterSet, ...] = (ParameterSet(None),)


@dataclass(frozen=True)
class BatchSpec:
    """A batch: notebooks x regencies x parameter sets, plus defaults for the options.

    Attributes
    ----------
    notebooks : tuple of NotebookEntry
    regencies : tuple of str or None
        ``None`` = every regency in the data.
    parameters : dict
        Values for every notebook that declares them.
    data_dir, out : pathlib.Path or None
    lang : str or None
    jobs : int or None
    path : pathlib.Path or None
        The batch file (``None`` for the default batch).
    """

    notebooks: tuple[NotebookEntry, ...]
    regencies: tuple[str, ...] | None = None
    parameters: dict = field(default_factory=dict)
    data_dir: Path | None = None
    out: Path | None = None
    lang: str | None = None
    jobs: int | None = None
    path: Path | None = None


def _regency_list(value: Any, where: str) -> tuple[str, ...] | None:
    if value is None or (isinstance(value, str) and value.strip().lower() in ("all", "semua")):
        return None
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise BatchFileError(f"{where}: 'regencies' harus / must be 'all' or a list of names")


def _mapping(value: Any, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise BatchFileError(f"{where}: harus berupa mapping / must be a mapping (key: value)")
    for key in value:
        if key in _RUNNER_PARAMETERS:
            hint = "regencies:" if key == "regency" else "data_dir: (top level) or --data-dir"
            raise BatchFileError(f"{where}: '{key}' diatur oleh / is set by the runner; use {hint}")
    return dict(value)


def load_batch_file(path: str | os.PathLike) -> BatchSpec:
    """Read and check a batch YAML file (format in the module docstring).

    Parameters
    ----------
    path : str or path-like
        The YAML file.

    Returns
    -------
    BatchSpec

    Raises
    ------
    BatchFileError
        Naming the key or item that is wrong.
    """
    from ucj_analysis.loaders import read_yaml

    path = Path(path)
    if not path.is_file():
        raise BatchFileError(f"berkas batch tidak ada / batch file not found: {path}")
    doc = read_yaml(path)
    name = path.name
    if not isinstance(doc, Mapping):
        raise BatchFileError(f"{name}: harus berupa mapping / must be a YAML mapping")
    unknown = sorted(set(doc) - set(_BATCH_KEYS))
    if unknown:
        raise BatchFileError(
            f"{name}: kunci tidak dikenal / unknown keys {unknown}; allowed: {list(_BATCH_KEYS)}"
        )
    items = doc.get("notebooks")
    if not isinstance(items, list) or not items:
        raise BatchFileError(f"{name}: 'notebooks' harus daftar / must be a non-empty list")
    entries = []
    for i, item in enumerate(items, start=1):
        where = f"{name}, notebooks[{i}]"
        if isinstance(item, str):
            entries.append(NotebookEntry(item))
            continue
        if not isinstance(item, Mapping) or not isinstance(item.get("path"), str):
            raise BatchFileError(f"{where}: tulis / write a path or a mapping with 'path'")
        bad = sorted(set(item) - set(_ENTRY_KEYS))
        if bad:
            raise BatchFileError(
                f"{where}: kunci tidak dikenal / unknown keys {bad}; allowed: {list(_ENTRY_KEYS)}"
            )
        sets = []
        raw_sets = item.get("parameter_sets")
        if raw_sets is not None:
            if not isinstance(raw_sets, list) or not raw_sets:
                raise BatchFileError(f"{where}: 'parameter_sets' must be a non-empty list")
            for j, s in enumerate(raw_sets, start=1):
                sw = f"{where}.parameter_sets[{j}]"
                if not isinstance(s, Mapping) or not isinstance(s.get("name"), str):
                    raise BatchFileError(f"{sw}: perlu / needs 'name' and 'parameters'")
                if not _SET_NAME.match(s["name"]):
                    raise BatchFileError(
                        f"{sw}: name {s['name']!r} must be lowercase letters, digits, - or _"
                    )
                if set(s) - {"name", "parameters"}:
                    raise BatchFileError(f"{sw}: only 'name' and 'parameters' are allowed")
                sets.append(ParameterSet(s["name"], _mapping(s.get("parameters"), sw)))
            names = [s.name for s in sets]
            if len(set(names)) != len(names):
                raise BatchFileError(f"{where}: parameter set names must be unique: {names}")
        entries.append(
            NotebookEntry(
                item["path"],
                _regency_list(item["regencies"], where) if "regencies" in item else None,
                _mapping(item.get("parameters"), where),
                tuple(sets) or (ParameterSet(None),),
            )
        )
    jobs = doc.get("jobs")
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise BatchFileError(f"{name}: 'jobs' must be a positive whole number or null")
    lang = doc.get("lang")
    if lang is not None and lang not in ("id", "en"):
        raise BatchFileError(f"{name}: 'lang' must be id or en")
    base = path.resolve().parent

    def _dir(key: str) -> Path | None:
        value = doc.get(key)
        if value in (None, ""):
            return None
        p = Path(str(value)).expanduser()
        if not p.is_absolute() and not p.exists() and (base / p).exists():
            p = base / p
        return p

    return BatchSpec(
        notebooks=tuple(entries),
        regencies=_regency_list(doc.get("regencies"), name),
        parameters=_mapping(doc.get("parameters"), f"{name}, parameters"),
        data_dir=_dir("data_dir"),
        out=_dir("out") if doc.get("out") else None,
        lang=lang,
        jobs=jobs,
        path=path,
    )


def _notebooks_dir() -> Path:
    return config.notebooks_dir()


def default_batch(notebooks_dir: str | os.PathLike | None = None) -> BatchSpec:
    """The batch ``ucj batch`` runs without a file: every ``NN_*.ipynb`` x every regency.

    Parameters
    ----------
    notebooks_dir : str or path-like, optional
        Folder with the notebooks (default ``./notebooks``, else the repository's).

    Returns
    -------
    BatchSpec
    """
    folder = Path(notebooks_dir) if notebooks_dir else _notebooks_dir()
    found = sorted(folder.glob(NOTEBOOK_GLOB))
    if not found:
        raise BatchFileError(f"tidak ada notebook / no notebooks {NOTEBOOK_GLOB} in {folder}")
    return BatchSpec(notebooks=tuple(NotebookEntry(str(p)) for p in found))


# ============================================================================================
# planning: notebooks x regencies x parameter sets -> tasks
# ============================================================================================
def slugify(text: str) -> str:
    """File-name slug: lowercase ASCII words and hyphens (``Tojo Una-Una`` -> ``tojo-una-una``).

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "x"


@dataclass(frozen=True)
class Task:
    """One report to produce.

    Attributes
    ----------
    notebook : pathlib.Path
        The input notebook (absolute).
    regency : str or None
        Regency, or ``None`` for a notebook without a ``regency`` parameter.
    set_name : str or None
        Parameter set name (part of the slug).
    parameters : dict
        Every declared parameter with its resolved value (defaults included).
    inject : dict
        The values papermill injects (the ones the batch sets).
    """

    notebook: Path
    regency: str | None
    set_name: str | None
    parameters: dict
    inject: dict

    @property
    def stem(self) -> str:
        """Notebook file name without ``.ipynb``."""
        return self.notebook.stem

    @property
    def slug(self) -> str:
        """``<regency-slug>`` or ``all``, plus ``--<set>`` for a named parameter set."""
        base = slugify(self.regency) if self.regency else "all"
        return f"{base}--{self.set_name}" if self.set_name else base

    @property
    def key(self) -> str:
        """``<stem>/<slug>``: the task's name in the manifest and messages."""
        return f"{self.stem}/{self.slug}"

    @property
    def html(self) -> str:
        """HTML report path relative to the output directory."""
        return f"{self.stem}/{self.slug}.html"

    @property
    def ipynb(self) -> str:
        """Executed notebook path relative to the output directory."""
        return f"{self.stem}/{self.slug}.ipynb"


def _expand(pattern: str, base: Path | None) -> list[Path]:
    candidates = [Path(pattern).expanduser()]
    if base is not None and not Path(pattern).is_absolute():
        candidates.append(base / pattern)
    candidates += config.notebook_candidates(pattern)
    for cand in candidates:
        if any(ch in str(cand) for ch in "*?["):
            parent = cand.parent
            found = sorted(p for p in parent.glob(cand.name) if p.suffix == ".ipynb")
            if found:
                return [p.resolve() for p in found]
        elif cand.is_file():
            return [cand.resolve()]
    raise BatchFileError(f"notebook tidak ditemukan / notebook not found: {pattern}")


def _load_bundle(data_dir: Path | None):
    from ucj_analysis.loaders import load_bundle

    return load_bundle(data_dir)


def _resolve_path_values(value: Any) -> Any:
    """Text values naming an existing file (``x.yaml``, ``dir/x.csv``) -> absolute path."""
    if isinstance(value, list):
        return [_resolve_path_values(v) for v in value]
    if isinstance(value, str) and value and ("/" in value or os.sep in value or "." in value):
        p = Path(value).expanduser()
        if p.suffix and p.is_file():
            return str(p.resolve())
    return value


def plan_batch(
    spec: BatchSpec,
    *,
    data_dir: str | os.PathLike | None = None,
    lang: str | None = None,
    only: Sequence[str] = (),
    overrides: Mapping[str, str] | None = None,
    bundle: Any = None,
) -> list[Task]:
    """Expand a batch into tasks and check every parameter value (nothing runs yet).

    Parameters
    ----------
    spec : BatchSpec
        From :func:`load_batch_file` or :func:`default_batch`.
    data_dir : str or path-like, optional
        User data directory (overrides ``spec.data_dir``); injected as an absolute path into
        notebooks declaring ``data_dir``.
    lang : {"id", "en"}, optional
        Report language (overrides ``spec.lang``); injected into notebooks declaring ``lang``.
    only : sequence of str
        Keep only these regencies (tolerant match, e.g. ``kab. konawe``); notebooks without a
        ``regency`` parameter are kept.
    overrides : mapping, optional
        ``--set`` values (text), converted to each notebook's declared type.
    bundle : DataBundle, optional
        Already loaded data (else loaded from ``data_dir`` when the regency list is needed).

    Returns
    -------
    list of Task
        In batch order: notebook entries, then regencies, then parameter sets.

    Raises
    ------
    ParameterError
        Unknown or wrongly typed parameters (all of them, for every notebook).
    BatchFileError
        Missing notebooks, unknown regencies, duplicate reports.
    """
    data_dir = Path(data_dir) if data_dir else spec.data_dir
    if data_dir is not None:
        data_dir = data_dir.expanduser().resolve()
        if not data_dir.is_dir():
            raise BatchFileError(f"data_dir tidak ada / data_dir not found: {data_dir}")
    lang = lang or spec.lang
    overrides = dict(overrides or {})
    base = spec.path.resolve().parent if spec.path else None

    expanded: list[tuple[NotebookEntry, Path]] = []
    for entry in spec.notebooks:
        expanded += [(entry, p) for p in _expand(entry.pattern, base)]
    params = {p: notebook_parameters(p) for p in dict.fromkeys(p for _, p in expanded)}

    problems: list[str] = []
    declared_anywhere = set().union(*(set(v) for v in params.values())) if params else set()
    for key in overrides:
        if key in _RUNNER_PARAMETERS:
            problems.append(f"--set {key}: diatur oleh runner / set by the runner (use --only or "
                            f"--data-dir)")  # fmt: skip
        elif key not in declared_anywhere:
            close = difflib.get_close_matches(key, sorted(declared_anywhere), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(f"--set {key}: tidak ada notebook dengan parameter ini / no notebook "
                            f"declares this parameter{hint}")  # fmt: skip
    for key in spec.parameters:
        if key not in declared_anywhere:
            problems.append(f"parameters.{key}: tidak ada notebook dengan parameter ini / no "
                            f"notebook declares this parameter")  # fmt: skip

    # regencies (only needed when a notebook declares `regency`)
    needs_regency = any("regency" in params[p] for _, p in expanded)
    known: list[str] | None = None

    def _known() -> list[str]:
        nonlocal known, bundle
        if known is None:
            if bundle is None:
                bundle = _load_bundle(data_dir)
            known = list(bundle.regencies.frame["regency"])
        return known

    def _canonical(names: Sequence[str], where: str) -> list[str]:
        from ucj_analysis.parsing import match_name

        out = []
        for name in names:
            found = match_name(name, _known())
            if found is None:
                raise BatchFileError(
                    f"{where}: kabupaten tidak dikenal / unknown regency {name!r}; "
                    f"known: {', '.join(_known())}"
                )
            out.append(found)
        return list(dict.fromkeys(out))

    default_regencies: list[str] = []
    if needs_regency:
        default_regencies = (
            _canonical(spec.regencies, "regencies") if spec.regencies is not None else _known()
        )
    only_set = set(_canonical(only, "--only")) if only else None

    tasks: list[Task] = []
    accepted: dict[str, list[str]] = {}
    # one run date for every report of the batch, so all pages share their nowcast and budget start
    run_date = dt.date.today().isoformat()
    for entry, path in expanded:
        nb_params = params[path]
        has_regency = "regency" in nb_params
        if entry.regencies is not None and not has_regency:
            problems.append(f"{path.name}: 'regencies' diberikan tetapi notebook tidak punya "
                            f"parameter 'regency' / given but the notebook has no 'regency' "
                            f"parameter")  # fmt: skip
            continue
        if has_regency:
            regencies = (
                _canonical(entry.regencies, path.name)
                if entry.regencies is not None
                else default_regencies
            )
        else:
            regencies = [None]
        nb_problems: list[str] = []
        for pset in entry.sets:
            values: dict[str, Any] = {k: v for k, v in spec.parameters.items() if k in nb_params}
            explicit = {**entry.parameters, **pset.parameters}
            if lang and "lang" in nb_params and "lang" not in explicit:
                values["lang"] = lang
            if "as_of" in nb_params and not explicit.get("as_of") and not values.get("as_of"):
                values["as_of"] = run_date
            values.update(explicit)
            text_keys = {k for k in overrides if k in nb_params}
            values.update({k: overrides[k] for k in text_keys})
            if data_dir is not None and "data_dir" in nb_params:
                values["data_dir"] = str(data_dir)
            check = dict(values)
            if has_regency:
                check["regency"] = regencies[0] if regencies else ""
            found = _check_values(path.name, nb_params, check, text_keys)
            nb_problems += [p for p in found if p not in nb_problems]
            if found:
                continue
            for regency in regencies:
                if only_set is not None and regency is not None and regency not in only_set:
                    continue
                given = dict(values)
                if regency is not None:
                    given["regency"] = regency
                coerced = _resolved(nb_params, given, text_keys)
                inject = {
                    k: coerced[k] if k in ("regency", "data_dir", "lang")
                    else _resolve_path_values(coerced[k])
                    for k in given
                }  # fmt: skip
                resolved = _resolved(nb_params, inject, set())
                tasks.append(Task(path, regency, pset.name, resolved, inject))
        if nb_problems:
            problems += nb_problems
            accepted[path.name] = [p.describe() for p in nb_params.values()]
    if problems:
        if not accepted and params:
            accepted = {p.name: [x.describe() for x in v.values()] for p, v in params.items()}
        raise ParameterError(problems, accepted)
    seen: dict[str, Task] = {}
    for task in tasks:
        if task.key in seen:
            raise BatchFileError(
                f"laporan ganda / the same report twice: {task.key} (give the parameter sets "
                f"different names, or list the notebook once)"
            )
        seen[task.key] = task
    return tasks


# ============================================================================================
# fingerprints, manifest, decisions
# ============================================================================================
def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def code_fingerprint() -> str:
    """Hash of the package version and every source / package-data file of ``ucj_analysis``.

    Returns
    -------
    str
        SHA-256 hex digest.
    """
    from ucj_analysis import __version__

    h = hashlib.sha256(f"ucj_analysis {__version__}\n".encode())
    for path in sorted(_PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(path.relative_to(_PACKAGE_DIR).as_posix().encode() + b"\0")
            h.update(_file_digest(path).encode())
    return h.hexdigest()


def _data_files(data_dir: Path | None, bundle: Any = None) -> list[Path]:
    """Data files a load of ``data_dir`` reads (each dataset's file and its ``.meta.yaml``)."""
    from ucj_analysis.loaders import DATASETS, embedded_data_dir

    files: list[Path] = []
    try:
        if bundle is None:
            bundle = _load_bundle(data_dir)
        for name in DATASETS:
            ds = getattr(bundle, name)
            paths = [Path(ds.path)]
            merged = ds.meta.get("merged_with") if isinstance(ds.meta, Mapping) else None
            if isinstance(merged, Mapping) and merged.get("path"):
                paths.append(Path(str(merged["path"])))
            for p in paths:
                files.append(p)
                meta = p.with_name(f"{p.stem}.meta.yaml")
                if meta.is_file():
                    files.append(meta)
    except Exception:  # invalid data: hash every file that could be read
        for folder in (embedded_data_dir(), data_dir):
            if folder is not None and Path(folder).is_dir():
                files += [p for p in sorted(Path(folder).iterdir()) if p.is_file()]
    return sorted({p.resolve() for p in files if p.is_file()})


def data_fingerprint(data_dir: str | os.PathLike | None = None, *, bundle: Any = None) -> dict:
    """Hash of the content of every data file a batch reads.

    Parameters
    ----------
    data_dir : str or path-like, optional
        User data directory (``None``: embedded data only).
    bundle : DataBundle, optional
        Already loaded bundle for ``data_dir`` (avoids a second load).

    Returns
    -------
    dict
        ``hash`` (SHA-256 over file names and contents) and ``files`` (``path -> sha256``).
    """
    files = _data_files(Path(data_dir).resolve() if data_dir else None, bundle)
    digests = {str(p): _file_digest(p) for p in files}
    h = hashlib.sha256()
    for path, digest in digests.items():
        h.update(f"{Path(path).name}\0{digest}\n".encode())
    return {"hash": h.hexdigest(), "files": digests}


def _parameters_digest(params: Mapping) -> str:
    h = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode())

    def _paths(value: Any) -> Iterable[str]:
        if isinstance(value, list):
            for v in value:
                yield from _paths(v)
        elif isinstance(value, str) and os.path.isabs(value) and os.path.isfile(value):
            yield value

    for key in sorted(params):
        if key == "data_dir":
            continue  # covered by the data fingerprint
        for path in _paths(params[key]):
            h.update(f"{path}\0{_file_digest(Path(path))}".encode())
    return h.hexdigest()


def task_fingerprint(task: Task, *, data_hash: str, code_hash: str) -> dict[str, str]:
    """Fingerprint of everything a report depends on, by component.

    Parameters
    ----------
    task : Task
    data_hash : str
        From :func:`data_fingerprint`.
    code_hash : str
        From :func:`code_fingerprint`.

    Returns
    -------
    dict
        ``notebook``, ``parameters``, ``data``, ``code`` -> SHA-256 hex digests.
    """
    return {
        "notebook": _file_digest(task.notebook),
        "parameters": _parameters_digest(task.parameters),
        "data": data_hash,
        "code": code_hash,
    }


@dataclass(frozen=True)
class Decision:
    """Whether a task runs, and why.

    Attributes
    ----------
    task : Task
    run : bool
    reasons : tuple of str
        Keys of :data:`REASONS` (``("unchanged",)`` for a skipped task).
    fingerprint : dict
    """

    task: Task
    run: bool
    reasons: tuple[str, ...]
    fingerprint: dict

    def describe(self, lang: str = "id") -> str:
        """``would run: new`` / ``would skip: unchanged`` (Indonesian by default)."""
        idx = 1 if lang == "en" else 0
        why = ", ".join(REASONS[r][idx] for r in self.reasons)
        if self.run:
            return _say("akan dijalankan: ", "would run: ", lang) + why
        return _say("dilewati: ", "would skip: ", lang) + why


def decide(
    task: Task,
    fingerprint: Mapping[str, str],
    previous: Mapping | None,
    *,
    force: bool = False,
    out_dir: str | os.PathLike | None = None,
) -> Decision:
    """Compare a task's fingerprint with its manifest entry from the previous run.

    Parameters
    ----------
    task : Task
    fingerprint : mapping
        From :func:`task_fingerprint`.
    previous : mapping or None
        The task's entry in the previous manifest.
    force : bool
        Run regardless.
    out_dir : str or path-like, optional
        Output directory; a report whose files are gone runs again.

    Returns
    -------
    Decision
    """
    fingerprint = dict(fingerprint)
    if previous is None:
        return Decision(task, True, ("new",), fingerprint)
    reasons = []
    if force:
        reasons.append("forced")
    if previous.get("status") != "ok":
        reasons.append("previous_failed")
    old = previous.get("fingerprint") or {}
    for part in ("notebook", "parameters", "data", "code"):
        if old.get(part) != fingerprint.get(part):
            reasons.append(f"{part}_changed")
    if out_dir is not None:
        for rel in (task.html, task.ipynb):
            if not (Path(out_dir) / rel).is_file():
                reasons.append("output_missing")
                break
    if reasons:
        return Decision(task, True, tuple(reasons), fingerprint)
    return Decision(task, False, ("unchanged",), fingerprint)


def read_manifest(out_dir: str | os.PathLike) -> dict:
    """The manifest ``<out_dir>/batch.json`` of previous runs (empty if none or unreadable).

    Returns
    -------
    dict
        ``{"format": 1, "updated": ..., "tasks": {key: entry}}``.
    """
    path = Path(out_dir) / MANIFEST_NAME
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"format": _MANIFEST_FORMAT, "tasks": {}}
    if not isinstance(doc, dict) or doc.get("format") != _MANIFEST_FORMAT:
        return {"format": _MANIFEST_FORMAT, "tasks": {}}
    doc.setdefault("tasks", {})
    return doc


# ============================================================================================
# kernels: choice, kernel factory (fork), kernel manager
# ============================================================================================
@dataclass(frozen=True)
class KernelChoice:
    """The kernel reports run in.

    Attributes
    ----------
    name : str
        Kernel name recorded in the notebooks (``ucj`` or ``python3``).
    argv : tuple of str
        Launch command with the real interpreter path.
    display_name : str
    source : str
        Where it came from (a kernelspec directory, or ``this Python``).
    """

    name: str
    argv: tuple[str, ...]
    display_name: str
    source: str

    @property
    def python(self) -> str:
        """Interpreter that runs the kernel."""
        return self.argv[0]

    @property
    def python_args(self) -> tuple[str, ...]:
        """Interpreter options before ``-m`` (e.g. ``-Xfrozen_modules=off``)."""
        argv = list(self.argv)
        return tuple(argv[1 : argv.index("-m")]) if "-m" in argv else ()

    @property
    def forkable(self) -> bool:
        """True for an ipykernel started as ``<python> -m ipykernel_launcher|ipykernel ...``."""
        argv = list(self.argv)
        return "-m" in argv[:-1] and argv[argv.index("-m") + 1] in (
            "ipykernel_launcher",
            "ipykernel",
        )

    def kernel_spec(self):
        """A :class:`jupyter_client.kernelspec.KernelSpec` for this choice."""
        from ipykernel.kernelspec import RESOURCES
        from jupyter_client.kernelspec import KernelSpec

        return KernelSpec(
            argv=list(self.argv),
            display_name=self.display_name,
            language="python",
            interrupt_mode="signal",
            metadata={"debugger": True},
            resource_dir=RESOURCES,
        )


def _is_plain_python(cmd: str) -> bool:
    return re.fullmatch(r"python(\d+(\.\d+)?)?", cmd) is not None


def resolve_kernel(name: str | None = None) -> KernelChoice:
    """Choose the kernel deterministically.

    ``name`` given: that installed kernelspec. Otherwise the kernelspec ``ucj`` if it is installed
    and its interpreter exists, else ``python3`` on **this** interpreter (``sys.executable``, i.e.
    the virtual environment running ``ucj``), whatever other ``python3`` kernelspecs exist.

    Parameters
    ----------
    name : str, optional
        Kernelspec name.

    Returns
    -------
    KernelChoice

    Raises
    ------
    BatchFileError
        If the named kernel is not installed or its interpreter is missing.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    ksm = KernelSpecManager()
    wanted = name or "ucj"
    try:
        spec = ksm.get_kernel_spec(wanted)
    except NoSuchKernel:
        if name and name != "python3":
            known = ", ".join(sorted(ksm.find_kernel_specs())) or "-"
            raise BatchFileError(
                f"kernel {name!r} tidak terpasang / is not installed (known: {known}); install "
                f"it with: python -m ipykernel install --user --name {name}"
            ) from None
        spec = None
    if spec is not None:
        argv = list(spec.argv)
        if argv and _is_plain_python(argv[0]):
            argv[0] = sys.executable
        if argv and (os.path.isabs(argv[0]) and not os.path.exists(argv[0])):
            if name:
                raise BatchFileError(
                    f"kernel {name!r}: interpreter {argv[0]} does not exist; reinstall it with "
                    f"{sys.executable} -m ipykernel install --user --name {name}"
                )
        else:
            return KernelChoice(wanted, tuple(argv), spec.display_name, spec.resource_dir)
    from ipykernel.kernelspec import get_kernel_dict

    kd = get_kernel_dict()
    argv = list(kd["argv"])
    argv[0] = sys.executable
    return KernelChoice("python3", tuple(argv), "Python 3 (ucj)", f"this Python ({sys.executable})")


def _zygote_main() -> None:  # pragma: no cover - runs in the kernel factory process
    """Kernel factory: import the heavy modules once, then fork one kernel per request.

    Protocol (one JSON object per line): the parent writes ``{"argv", "env", "cwd"}`` to the
    factory's stdin and reads ``{"pid": ...}`` (or ``{"error": ...}``) from its stdout; the first
    line the factory writes is ``{"ready": true, "failed": {...}, "seconds": ...}``. At end of
    input the factory kills the kernels it forked and exits.
    """
    import importlib
    import json
    import os
    import signal
    import sys
    import time
    import traceback

    t0 = time.perf_counter()
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]
    proto_in = os.fdopen(os.dup(0), "r", encoding="utf-8")
    proto_out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(2, 1)  # stray prints of the factory and its kernels go to the log, not the protocol
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    failed = {}
    for name in json.loads(sys.argv[1]):
        try:
            importlib.import_module(name)
        except BaseException as e:  # a missing module is imported (and fails) in the report
            failed[name] = f"{type(e).__name__}: {e}"
    if "matplotlib.pyplot" in sys.modules:
        try:  # load fonts and the Agg renderer once
            import io

            from matplotlib.figure import Figure

            fig = Figure(figsize=(2, 1))
            fig.add_subplot().plot([0, 1], [0, 1], label="x")
            fig.savefig(io.BytesIO(), format="png")
        except BaseException as e:
            failed["matplotlib warm-up"] = f"{type(e).__name__}: {e}"
    # what IPKernelApp.initialize imports lazily (measured: 0.5 s of a 0.65 s start)
    for name in (
        "ipykernel.kernelapp",
        "ipykernel.ipkernel",
        "ipykernel.zmqshell",
        "ipykernel.debugger",
        "IPython.core.completerlib",
        "IPython.core.debugger",
        "IPython.core.oinspect",
        "IPython.extensions.storemagic",
        "tornado.queues",
        "tornado.platform.asyncio",
        "sqlite3",
        "faulthandler",
        "pdb",
    ):
        try:
            importlib.import_module(name)
        except BaseException as e:
            failed[name] = f"{type(e).__name__}: {e}"

    children = set()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped automatically
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when kernels stop
    proto_out.write(
        json.dumps({"ready": True, "failed": failed, "seconds": time.perf_counter() - t0}) + "\n"
    )
    proto_out.flush()
    for line in proto_in:
        try:
            req = json.loads(line)
        except ValueError:
            continue
        if req.get("kill"):
            for pid in list(children):
                try:
                    os.killpg(pid, signal.SIGKILL)
                except OSError:
                    pass
            proto_out.write(json.dumps({"killed": len(children)}) + "\n")
            proto_out.flush()
            continue
        try:
            pid = os.fork()
        except OSError as e:
            proto_out.write(json.dumps({"error": str(e)}) + "\n")
            proto_out.flush()
            continue
        if pid == 0:  # the kernel
            code = 1
            try:
                os.setsid()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.default_int_handler)
                proto_in.close()
                proto_out.close()
                os.chdir(req["cwd"])
                os.environ.clear()
                os.environ.update(req["env"])
                os.environ["JPY_PARENT_PID"] = str(os.getppid())
                if "numpy" in sys.modules:  # a fresh process would have its own entropy
                    sys.modules["numpy"].random.seed()
                argv = list(req["argv"])
                args = argv[argv.index("-m") + 2 :]
                args.append(f"--IPKernelApp.parent_handle={os.getppid()}")
                sys.argv = [argv[0], *args]
                from ipykernel.kernelapp import IPKernelApp

                app = IPKernelApp.instance()
                app.initialize(args)
                app.start()
                code = 0
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        children.add(pid)
        proto_out.write(json.dumps({"pid": pid}) + "\n")
        proto_out.flush()
        for child in list(children):
            try:
                os.kill(child, 0)
            except OSError:
                children.discard(child)
    for pid in children:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass


class KernelZygote:
    """A kernel factory: one process that imported the heavy modules and forks kernels.

    Each :meth:`fork` gives a new kernel process (a child of the factory) that starts from the
    factory's state (modules imported, nothing executed), so kernels never share state with each
    other. The factory starts in the background; the first :meth:`fork` waits for it.

    Parameters
    ----------
    python : str
        Interpreter for the factory (the kernel's interpreter).
    preload : sequence of str
        Modules to import before forking (failures are ignored: the report then imports the
        module itself and shows the error).
    log_path : path-like, optional
        File receiving the kernels' own stdout/stderr (start-up messages, crashes); default a
        temporary file, deleted by :meth:`close`.
    python_args : sequence of str
        Interpreter options of the kernel command (``-Xfrozen_modules=off``).
    """

    def __init__(
        self,
        python: str = sys.executable,
        preload: Sequence[str] = DEFAULT_PRELOAD,
        log_path: str | os.PathLike | None = None,
        python_args: Sequence[str] = (),
    ):
        self.python = python
        self.python_args = tuple(python_args)
        self.preload = tuple(preload)
        self._temp_log = log_path is None
        if log_path is None:
            fd, log_path = tempfile.mkstemp(prefix="ucj-kernels-", suffix=".log")
            os.close(fd)
        self.log_path = Path(log_path)
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._ready: dict | None = None
        self._pids: set[int] = set()
        self.started = 0
        self._start()

    def _start(self) -> None:
        import inspect

        source = inspect.getsource(_zygote_main) + "\n_zygote_main()\n"
        log = open(self.log_path, "ab")  # noqa: SIM115
        try:
            self._proc = subprocess.Popen(
                [self.python, *self.python_args, "-c", source, json.dumps(list(self.preload))],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                encoding="utf-8",
                start_new_session=True,  # Ctrl-C in the terminal does not reach it
                cwd=tempfile.gettempdir(),
            )
        finally:
            log.close()
        self._ready = None

    def _request(self, payload: dict) -> dict:
        assert self._proc is not None and self._proc.stdin and self._proc.stdout
        if self._ready is None:
            line = self._proc.stdout.readline()
            if not line:
                raise RuntimeError(self._died_message())
            self._ready = json.loads(line)
        self._proc.stdin.write(json.dumps(payload) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(self._died_message())
        return json.loads(line)

    def _died_message(self) -> str:
        return f"kernel factory ({self.python}) stopped; see {self.log_path}"

    @property
    def ready_info(self) -> dict:
        """What the factory reported when ready (``failed`` imports, ``seconds`` of preload)."""
        with self._lock:
            if self._ready is None and self._proc is not None and self._proc.stdout:
                line = self._proc.stdout.readline()
                self._ready = json.loads(line) if line else {"ready": False}
            return dict(self._ready or {})

    def fork(self, argv: Sequence[str], env: Mapping[str, str], cwd: str) -> int:
        """Start a kernel process; returns its pid (also its process-group id).

        Parameters
        ----------
        argv : sequence of str
            The kernel command (``python -m ipykernel_launcher -f <connection file> ...``).
        env : mapping
            Environment of the kernel.
        cwd : str
            Working directory of the kernel.
        """
        with self._lock:
            for attempt in (1, 2):
                if self._proc is None or self._proc.poll() is not None:
                    self._start()
                try:
                    reply = self._request({"argv": list(argv), "env": dict(env), "cwd": cwd})
                    break
                except (OSError, RuntimeError, ValueError):
                    if attempt == 2:
                        raise
                    self._proc = None
            if "pid" not in reply:
                raise RuntimeError(f"kernel factory could not fork: {reply.get('error')}")
            self._pids.add(reply["pid"])
            self.started += 1
            return int(reply["pid"])

    def kill_all(self) -> None:
        """Kill every kernel this factory started (used on Ctrl-C)."""
        for pid in list(self._pids):
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
        self._pids.clear()

    def save_log(self, dest: str | os.PathLike) -> None:
        """Copy the kernels' log (start-up messages, crashes) to ``dest``."""
        dest = Path(dest)
        if dest.resolve() == self.log_path.resolve():
            return
        dest.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            shutil.copyfile(self.log_path, dest)

    def forget(self, pid: int) -> None:
        """Stop tracking a kernel that has exited."""
        self._pids.discard(pid)

    def close(self) -> None:
        """Stop the factory and any kernel still running."""
        self.kill_all()
        proc, self._proc = self._proc, None
        if proc is None:
            if self._temp_log:
                with contextlib.suppress(OSError):
                    self.log_path.unlink()
            return
        if self._ready is None:  # still importing: nothing to wait for
            proc.kill()
        with contextlib.suppress(OSError):
            if proc.stdin:
                proc.stdin.close()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        with contextlib.suppress(OSError):
            if proc.stdout:
                proc.stdout.close()
        if self._temp_log:
            with contextlib.suppress(OSError):
                self.log_path.unlink()

    def __enter__(self) -> KernelZygote:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def resolve_kernel_mode(mode: str = "auto") -> str:
    """``auto`` -> ``fork`` on Linux (kernels forked from a kernel factory), else ``spawn``.

    Parameters
    ----------
    mode : {"auto", "fork", "spawn"}

    Returns
    -------
    str
        ``"fork"`` or ``"spawn"``.
    """
    if mode == "auto":
        return "fork" if sys.platform.startswith("linux") else "spawn"
    if mode not in ("fork", "spawn"):
        raise BatchFileError(f"kernel mode must be auto, fork or spawn, not {mode!r}")
    return mode


def start_kernel_factory(
    kernel: str | None = None,
    preload: Sequence[str] = DEFAULT_PRELOAD,
    log_path: str | os.PathLike | None = None,
) -> KernelZygote | None:
    """Start the kernel factory early, so its imports overlap with planning the batch.

    Parameters
    ----------
    kernel : str, optional
        Kernelspec name (see :func:`resolve_kernel`).
    preload : sequence of str
        Modules to import in the factory.
    log_path : path-like, optional
        Kernel log file.

    Returns
    -------
    KernelZygote or None
        ``None`` when the kernel cannot be forked (not an ipykernel command).
    """
    choice = resolve_kernel(kernel)
    if not choice.forkable:
        return None
    if log_path is not None:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            Path(log_path).write_bytes(b"")
    return KernelZygote(choice.python, preload, log_path, choice.python_args)


def _fork_provisioner_class():
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    class ForkProvisioner(LocalProvisioner):
        """Provisioner whose kernel process comes from a :class:`KernelZygote`."""

        zygote: KernelZygote | None = None

        @property
        def has_process(self) -> bool:
            return self.pid is not None

        async def launch_kernel(self, cmd: list[str], **kwargs: Any):
            assert self.zygote is not None
            env = kwargs.get("env") or dict(os.environ)
            cwd = str(kwargs.get("cwd") or os.getcwd())
            self.pid = self.zygote.fork(cmd, env, cwd)
            self.pgid = self.pid
            self.cwd = cwd
            return self.connection_info

        async def poll(self) -> int | None:
            if self.pid is None:
                return 0
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return 0
            except PermissionError:
                return None
            return None

        async def wait(self) -> int | None:
            import asyncio

            while await self.poll() is None:
                await asyncio.sleep(0.02)
            if self.pid is not None and self.zygote is not None:
                self.zygote.forget(self.pid)
            self.pid = None
            return 0

        async def send_signal(self, signum: int) -> None:
            if self.pid is None:
                return
            try:
                os.killpg(self.pid, signum)
            except OSError:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signum)

        async def kill(self, restart: bool = False) -> None:
            await self.send_signal(signal.SIGKILL)

        async def terminate(self, restart: bool = False) -> None:
            await self.send_signal(signal.SIGTERM)

    return ForkProvisioner


class _KernelRegistry:
    """Process groups of running kernels, so Ctrl-C can stop them from the main thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pgids: set[int] = set()

    def add(self, pgid: int | None) -> None:
        if pgid:
            with self._lock:
                self._pgids.add(pgid)

    def discard(self, pgid: int | None) -> None:
        with self._lock:
            self._pgids.discard(pgid)

    def kill_all(self) -> None:
        with self._lock:
            pgids, self._pgids = set(self._pgids), set()
        if not hasattr(os, "killpg"):  # pragma: no cover - Windows: kernels end with us
            return
        pgids.discard(os.getpgid(0))  # never our own group
        for pgid in pgids:
            with contextlib.suppress(OSError):
                os.killpg(pgid, signal.SIGKILL)


def _client_class():
    """``AsyncKernelClient`` whose ``wait_for_ready`` does not idle 0.2 s per kernel."""
    from jupyter_client.asynchronous.client import AsyncKernelClient

    class UcjKernelClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            """Wait for the kernel_info reply and a connected IOPub channel.

            jupyter_client then drains IOPub until it has been quiet for 0.2 s; the notebook
            client ignores messages that do not answer its own requests, so a 0.01 s drain is
            enough (measured: 20 % more reports per minute for small notebooks).
            """
            from queue import Empty

            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            while True:
                self.kernel_info()
                try:
                    msg = await self.shell_channel.get_msg(timeout=1)
                except Empty:
                    msg = None
                if msg is not None and msg["msg_type"] == "kernel_info_reply":
                    try:  # an IOPub message proves the subscription is connected
                        await self.iopub_channel.get_msg(timeout=0.2)
                    except Empty:
                        pass
                    else:
                        handle = getattr(self, "_handle_kernel_info_reply", None)
                        if handle is not None:
                            handle(msg)
                        break
                if not await self.is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
            while True:
                try:
                    await self.iopub_channel.get_msg(timeout=0.01)
                except Empty:
                    break

    return UcjKernelClient


def _kernel_manager_class(
    choice: KernelChoice, zygote: KernelZygote | None, registry: _KernelRegistry | None
):
    """An ``AsyncKernelManager`` subclass bound to a kernel choice (and a factory)."""
    from jupyter_client.manager import AsyncKernelManager

    client_cls = _client_class()

    provisioner_cls = _fork_provisioner_class() if zygote is not None else None

    class UcjKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self._kernel_spec = choice.kernel_spec()
            self.kernel_name = choice.name
            self.client_factory = client_cls

        async def _async_pre_start_kernel(self, **kw: Any):
            if provisioner_cls is not None and self.provisioner is None:
                self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
                prov = provisioner_cls(
                    kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
                )
                prov.zygote = zygote
                self.provisioner = prov
            return await super()._async_pre_start_kernel(**kw)

        async def _async_post_start_kernel(self, **kw: Any) -> None:
            await super()._async_post_start_kernel(**kw)
            if registry is not None and self.provisioner is not None:
                registry.add(getattr(self.provisioner, "pgid", None))

        async def _async_cleanup_resources(self, restart: bool = False) -> None:
            if registry is not None and self.provisioner is not None:
                registry.discard(getattr(self.provisioner, "pgid", None))
            await super()._async_cleanup_resources(restart=restart)

    return UcjKernelManager


# ============================================================================================
# one report: papermill + render (runs locally or on a Dask worker)
# ============================================================================================
def _title_of(nb: Mapping, fallback: str) -> str:
    """First level-1 heading shown by the notebook (markdown outputs, then markdown cells)."""
    heading = re.compile(r"^#\s+(.+?)\s*$", re.M)
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) or []:
            md = (out.get("data") or {}).get("text/markdown")
            if md:
                m = heading.search("".join(md) if isinstance(md, list) else md)
                if m:
                    return m.group(1)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else src
            m = heading.search(src)
            if m:
                return m.group(1)
    return fallback


def _fallback_html(title: str, message: str) -> str:
    import html

    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        f"{html.escape(title)}</title></head><body><h1>GAGAL / FAILED</h1><h2>"
        f"{html.escape(title)}</h2><pre>{html.escape(message)}</pre></body></html>"
    )


_WORKER_ZYGOTES: dict[tuple, KernelZygote] = {}
_WORKER_LOCK = threading.Lock()


def _worker_zygote(choice: KernelChoice, preload: Sequence[str]) -> KernelZygote:
    """The kernel factory of this (Dask worker) process, started on first use."""
    key = (choice.python, choice.python_args, tuple(preload))
    with _WORKER_LOCK:
        z = _WORKER_ZYGOTES.get(key)
        if z is None or (z._proc is not None and z._proc.poll() is not None):
            z = KernelZygote(choice.python, preload, None, choice.python_args)
            _WORKER_ZYGOTES[key] = z
            import atexit

            atexit.register(z.close)
        return z


def _materialise_data(files: Mapping[str, bytes], digest: str) -> str:
    """Write shipped data files to a per-content folder on this machine (once)."""
    target = Path(tempfile.gettempdir()) / f"ucj-data-{digest[:16]}"
    if not target.is_dir():
        tmp = Path(tempfile.mkdtemp(prefix=".ucj-data-", dir=tempfile.gettempdir()))
        for name, data in files.items():
            (tmp / Path(name).name).write_bytes(data)
        try:
            os.replace(tmp, target)
        except OSError:  # another task won the race
            shutil.rmtree(tmp, ignore_errors=True)
    return str(target)


def execute_task(
    payload: Mapping[str, Any],
    *,
    zygote: KernelZygote | None = None,
    registry: _KernelRegistry | None = None,
) -> dict[str, Any]:
    """Execute one report: papermill in a fresh kernel, then HTML. Writes no output files.

    This is the function a Dask worker runs; locally the runner calls it in a thread.

    Parameters
    ----------
    payload : mapping
        Built by the runner: ``key``, ``notebook_json`` (notebook text), ``notebook_path``,
        ``cwd``, ``inject`` (parameters), ``parameters`` (resolved), ``regency``, ``stem``,
        ``kernel`` (``name``, ``argv``, ``display_name``, ``source``), ``kernel_mode``
        (``fork``/``spawn``), ``preload``, ``timeout`` [s per cell] or None, ``lang``,
        ``git_commit``, ``datasets``, optional ``data_files`` + ``data_hash`` (shipped data).
    zygote : KernelZygote, optional
        Kernel factory to fork from (``kernel_mode="fork"``); on a Dask worker a per-process
        factory is created when this is None.
    registry : optional
        Records running kernels so the caller can stop them.

    Returns
    -------
    dict
        ``status`` (``ok``/``failed``), ``error`` (str or None), ``ipynb`` (notebook JSON text),
        ``html`` (str), ``records`` (dict), ``seconds`` [s], ``host``, ``title``.
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from ucj_analysis import render

    t0 = time.perf_counter()
    nb_in = nbformat.reads(payload["notebook_json"], as_version=4)
    inject = dict(payload["inject"])
    if payload.get("data_files"):
        local_dir = _materialise_data(payload["data_files"], payload["data_hash"])
        if "data_dir" in inject:
            inject["data_dir"] = local_dir
    choice = KernelChoice(**payload["kernel"])
    if payload.get("remote"):  # on a worker the kernel runs on the worker's interpreter
        choice = KernelChoice(
            choice.name,
            (sys.executable, *choice.argv[1:]),
            choice.display_name,
            f"worker Python ({sys.executable})",
        )
    mode = payload.get("kernel_mode", "fork")
    if mode == "fork" and zygote is None:
        zygote = _worker_zygote(choice, payload.get("preload", DEFAULT_PRELOAD))
    if mode != "fork":
        zygote = None
    cwd = payload.get("cwd")
    if not cwd or not Path(cwd).is_dir():
        cwd = tempfile.gettempdir()
    km_class = _kernel_manager_class(choice, zygote, registry)

    status, error, nb_out = "ok", None, None
    with tempfile.TemporaryDirectory(prefix="ucj-run-") as tmp:
        out_path = Path(tmp) / f"{payload['stem']}.ipynb"
        try:
            nb_out = papermill.execute_notebook(
                nb_in,
                str(out_path),
                parameters=inject,
                kernel_name=choice.name,
                progress_bar=False,
                request_save_on_cell_execute=True,
                execution_timeout=payload.get("timeout"),
                kernel_manager_class=km_class,
                shutdown_kernel="immediate",
                resources={"metadata": {"path": cwd}},
            )
        except PapermillExecutionError as e:
            status = "failed"
            error = f"{e.ename}: {e.evalue}".strip().rstrip(":")
            error = f"{error} (cell {e.exec_count})" if e.exec_count else error
        except BaseException as e:  # dead kernel, timeout, Ctrl-C: keep what was executed
            status = "failed"
            error = f"{type(e).__name__}: {e}".strip().rstrip(":")
            if isinstance(e, KeyboardInterrupt | SystemExit):
                raise
        if nb_out is None:
            if out_path.is_file():
                with contextlib.suppress(Exception):
                    nb_out = nbformat.read(str(out_path), as_version=4)
            if nb_out is None:
                nb_out = nb_in
    records = render.read_records(nb_out)
    regency = payload.get("regency")
    base_title = str(records.get("report_title") or _title_of(nb_out, payload["stem"]))
    title = base_title if not regency or regency in base_title else f"{base_title} — {regency}"
    params = payload.get("parameters") or {}
    scenarios = params.get("scenarios") or (
        [params["scenario"]] if params.get("scenario") else None
    )
    header = {
        "regency": regency,
        "notebook": payload["stem"],
        "scenarios": scenarios or records.get("scenarios"),
        "run_date": dt.datetime.now().isoformat(timespec="seconds"),
        "status": status,
        "error": error,
    }
    footer = {
        "parameters": params,
        "git_commit": payload.get("git_commit"),
        "datasets": records.get("provenance") or payload.get("datasets") or [],
    }
    try:
        html = render.notebook_to_html(
            nb_out, title=title, header=header, footer=footer, lang=payload.get("lang") or "id"
        )
    except Exception as e:  # the report must still show the problem
        status = "failed"
        error = (error + "; " if error else "") + f"HTML rendering failed: {type(e).__name__}: {e}"
        html = _fallback_html(title, error)
    return {
        "key": payload["key"],
        "status": status,
        "error": error,
        "ipynb": nbformat.writes(nb_out),
        "html": html,
        "records": records,
        "seconds": time.perf_counter() - t0,
        "host": socket.gethostname(),
        "title": title,
    }


# ============================================================================================
# the batch
# ============================================================================================
@dataclass
class BatchResult:
    """Outcome of :func:`run_batch`.

    Attributes
    ----------
    decisions : list of Decision
        One per planned task.
    records : list of dict
        Index records (see :func:`ucj_analysis.render.write_index`), one per report in the index.
    out_dir : pathlib.Path
    index_path : pathlib.Path or None
        ``index.html`` (None for a dry run).
    seconds : float
        Wall time of the batch [s].
    interrupted : bool
    """

    decisions: list[Decision]
    records: list[dict]
    out_dir: Path
    index_path: Path | None = None
    seconds: float = 0.0
    interrupted: bool = False
    ran: dict[str, dict] = field(default_factory=dict)

    @property
    def failed(self) -> list[dict]:
        """Index records of the reports that failed."""
        return [r for r in self.records if r["status"] == "failed"]

    @property
    def exit_code(self) -> int:
        """0 when nothing failed, 1 when a report failed, 130 after Ctrl-C."""
        if self.interrupted:
            return 130
        return 1 if any(r["status"] == "failed" for r in self.records) else 0

    def summary_table(self, lang: str = "id") -> str:
        """Plain-text table: report, status, seconds, error (one line per report)."""
        rows = []
        for d in self.decisions:
            rec = self.ran.get(d.task.key)
            status = rec["status"] if rec else ("skipped" if not d.run else "not run")
            secs = f"{rec['seconds']:.1f}" if rec else "-"
            err = (rec or {}).get("error") or ""
            rows.append((d.task.key, status, secs, err[:70]))
        head = (_say("laporan", "report", lang), "status", _say("detik", "seconds", lang), "")
        width = max([len(r[0]) for r in rows] + [len(head[0])])
        lines = [f"{head[0]:<{width}}  {head[1]:<8} {head[2]:>7}  {head[3]}".rstrip()]
        lines += [f"{k:<{width}}  {s:<8} {t:>7}  {e}".rstrip() for k, s, t, e in rows]
        counts = {s: sum(1 for r in rows if r[1] == s) for s in ("ok", "failed", "skipped")}
        lines.append(
            _say(
                f"ok {counts['ok']}, gagal {counts['failed']}, dilewati {counts['skipped']}; "
                f"{self.seconds:.1f} detik",
                f"ok {counts['ok']}, failed {counts['failed']}, skipped {counts['skipped']}; "
                f"{self.seconds:.1f} s",
                lang,
            )
        )
        return "\n".join(lines)


def _git_commit(path: Path) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def _index_record(task: Task, entry: Mapping, status: str | None = None) -> dict:
    return {
        "notebook": task.stem,
        "regency": task.regency,
        "slug": task.slug,
        "status": status or entry.get("status", "failed"),
        "html": task.html,
        "ipynb": task.ipynb,
        "seconds": entry.get("seconds"),
        "error": entry.get("error"),
        "params": dict(task.parameters),
        "records": entry.get("records") or {},
    }


class _BatchLock:
    """Exclusive lock on an output directory (two batches must not write the same reports)."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / ".ucj-batch.lock"
        self._fh = None

    def __enter__(self) -> _BatchLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "a+")  # noqa: SIM115
        try:
            import fcntl

            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        except OSError:
            self._fh.close()
            raise BatchFileError(
                f"batch lain sedang menulis / another batch is writing to {self.path.parent}"
            ) from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            self._fh.close()


class _Progress:
    """One progress bar for the batch (TTY), or one line per finished report (logs, CI)."""

    def __init__(self, total: int, enabled: bool | None, lang: str) -> None:
        from tqdm import tqdm

        self.total, self.done, self.lang = total, 0, lang
        tty = sys.stderr.isatty()
        self.quiet = enabled is False
        self.bar = (
            tqdm(
                total=total,
                file=sys.stderr,
                mininterval=1.0,
                unit=_say(" laporan", " report", lang),
                desc="ucj batch",
                dynamic_ncols=True,
            )
            if not self.quiet and tty and total
            else None
        )

    def update(self, key: str, status: str, seconds: float, error: str | None) -> None:
        self.done += 1
        line = f"[{self.done}/{self.total}] {status:<6} {key} ({seconds:.1f} s)"
        if error:
            line += f": {error[:160]}"
        if self.bar is not None:
            if status != "ok":
                self.bar.write(line, file=sys.stderr)
            self.bar.set_postfix_str(key, refresh=False)
            self.bar.update(1)
        elif not self.quiet:  # logs and CI: one line per finished report
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _payload(
    task: Task, *, choice: KernelChoice, mode: str, preload: Sequence[str], lang: str,
    timeout: float | None, git_commit: str | None, datasets: list, remote: bool,
) -> dict:  # fmt: skip
    return {
        "key": task.key,
        "stem": task.stem,
        "regency": task.regency,
        "notebook_json": task.notebook.read_text(encoding="utf-8"),
        "notebook_path": str(task.notebook),
        "cwd": str(task.notebook.parent),
        "inject": dict(task.inject),
        "parameters": dict(task.parameters),
        "kernel": {
            "name": choice.name,
            "argv": list(choice.argv),
            "display_name": choice.display_name,
            "source": choice.source,
        },
        "kernel_mode": mode,
        "preload": list(preload),
        "timeout": timeout,
        "lang": task.parameters.get("lang") or lang,
        "git_commit": git_commit,
        "datasets": datasets,
        "remote": remote,
    }


def _failure_outcome(payload: Mapping, error: str, seconds: float) -> dict:
    """Outcome for a task whose worker failed before a notebook existed."""
    import nbformat

    title = f"{payload['stem']} — {payload.get('regency') or 'all'}"
    return {
        "key": payload["key"],
        "status": "failed",
        "error": error,
        "ipynb": payload["notebook_json"]
        if payload.get("notebook_json")
        else nbformat.writes(nbformat.v4.new_notebook()),
        "html": _fallback_html(title, error),
        "records": {},
        "seconds": seconds,
        "host": None,
        "title": title,
    }


def run_batch(
    tasks: Sequence[Task],
    out_dir: str | os.PathLike = "reports",
    *,
    data_dir: str | os.PathLike | None = None,
    lang: str = "id",
    jobs: int | None = None,
    force: bool = False,
    dry_run: bool = False,
    executor: str = "local",
    scheduler: str | None = None,
    kernel: str | None = None,
    kernel_mode: str = "auto",
    preload: Sequence[str] = DEFAULT_PRELOAD,
    ship_data: bool = False,
    timeout: float | None = None,
    progress: bool | None = None,
    echo: Callable[[str], None] | None = None,
    bundle: Any = None,
    dask_client: Any = None,
    zygote: KernelZygote | None = None,
) -> BatchResult:
    """Run (or, with ``dry_run``, explain) a batch of reports.

    Parameters
    ----------
    tasks : sequence of Task
        From :func:`plan_batch`.
    out_dir : str or path-like
        Output directory (``reports``): ``<stem>/<slug>.ipynb|.html``, ``index.html``,
        ``summary.csv``, ``summary.xlsx``, ``batch.json``.
    data_dir : str or path-like, optional
        User data directory (for the data fingerprint and the reports' data sources).
    lang : {"id", "en"}
        Language of the index, summary and messages.
    jobs : int, optional
        Reports executed at the same time (default: number of CPU cores).
    force : bool
        Run every report even if unchanged.
    dry_run : bool
        Only decide and return what would run and why.
    executor : {"local", "dask"}
        Where reports execute. ``scheduler`` implies ``"dask"``.
    scheduler : str, optional
        Address of a Dask scheduler (``tcp://host:8786``); without it ``executor="dask"``
        starts a local cluster with ``jobs`` single-threaded worker processes.
    kernel : str, optional
        Kernelspec name (see :func:`resolve_kernel`).
    kernel_mode : {"auto", "fork", "spawn"}
        ``fork``: kernels forked from a kernel factory with ``preload`` imported (Linux default);
        ``spawn``: every kernel started from scratch.
    preload : sequence of str
        Modules the kernel factory imports.
    ship_data : bool
        Dask only: send the user data files with each task (workers without a shared disk).
    timeout : float, optional
        Limit per cell [s].
    progress : bool, optional
        Progress bar / lines on stderr (default: a bar on a terminal, lines otherwise).
    echo : callable, optional
        Receives status messages (default: print to stderr).
    bundle : DataBundle, optional
        Already loaded data for ``data_dir``.
    dask_client : distributed.Client, optional
        Use this client instead of connecting/starting one.
    zygote : KernelZygote, optional
        A kernel factory started earlier (:func:`start_kernel_factory`); the caller closes it.

    Returns
    -------
    BatchResult
    """
    t_start = time.perf_counter()
    out_dir = Path(out_dir).resolve()
    data_dir = Path(data_dir).resolve() if data_dir else None
    echo = echo or (lambda msg: print(msg, file=sys.stderr, flush=True))
    if scheduler:
        executor = "dask"
    if executor not in ("local", "dask"):
        raise BatchFileError(f"executor must be local or dask, not {executor!r}")
    if not jobs:
        jobs = (
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else (os.cpu_count() or 1)
        )
    jobs = max(1, int(jobs))
    kernel_mode = resolve_kernel_mode(kernel_mode)
    # results every report of the batch shares (the pooled trend's backtest) are computed once
    # and kept here for the other kernels (ucj_analysis.report.data); kernels inherit the variable
    os.environ.setdefault("UCJ_CACHE_DIR", str(out_dir / ".cache"))

    try:
        if bundle is None:
            bundle = _load_bundle(data_dir)
    except Exception:
        bundle = None  # invalid data: the reports show the loader's message
    data_fp = data_fingerprint(data_dir, bundle=bundle)
    code_hash = code_fingerprint()
    manifest = read_manifest(out_dir)
    decisions = [
        decide(
            t,
            task_fingerprint(t, data_hash=data_fp["hash"], code_hash=code_hash),
            manifest["tasks"].get(t.key),
            force=force,
            out_dir=out_dir,
        )
        for t in tasks
    ]
    result = BatchResult(decisions, [], out_dir)
    if dry_run:
        result.records = [
            _index_record(d.task, manifest["tasks"].get(d.task.key) or {}, "skipped")
            for d in decisions
            if not d.run
        ]
        result.seconds = time.perf_counter() - t_start
        return result

    from ucj_analysis import render

    to_run = [d for d in decisions if d.run]
    choice = resolve_kernel(kernel)
    if kernel_mode == "fork" and not choice.forkable:
        kernel_mode = "spawn"
    git_commit = _git_commit(root) if (root := config.checkout_root()) else None
    datasets: list = []
    if bundle is not None:
        with contextlib.suppress(Exception):
            datasets = bundle.provenance().to_dict(orient="records")
    shipped: dict[str, bytes] = {}
    if ship_data and executor == "dask" and data_dir is not None:
        shipped = {Path(p).name: Path(p).read_bytes() for p in data_fp["files"]
                   if Path(p).parent == data_dir}  # fmt: skip

    entries: dict[str, dict] = dict(manifest["tasks"])

    def save_manifest() -> None:
        doc = {
            "format": _MANIFEST_FORMAT,
            "updated": dt.datetime.now().isoformat(timespec="seconds"),
            "ucj_version": _version(),
            "data_dir": str(data_dir) if data_dir else None,
            "data_files": data_fp["files"],
            "tasks": entries,
        }
        render.atomic_write_text(
            out_dir / MANIFEST_NAME, json.dumps(doc, indent=1, ensure_ascii=False, default=str)
        )

    by_key = {d.task.key: d for d in to_run}
    bar = _Progress(len(to_run), progress, lang)

    def on_done(outcome: dict) -> None:
        d = by_key[outcome["key"]]
        task = d.task
        render.atomic_write_text(out_dir / task.ipynb, outcome["ipynb"])
        render.atomic_write_text(out_dir / task.html, outcome["html"])
        entry = {
            "notebook": task.stem,
            "regency": task.regency,
            "slug": task.slug,
            "set": task.set_name,
            "status": outcome["status"],
            "error": outcome["error"],
            "seconds": round(outcome["seconds"], 3),
            "html": task.html,
            "ipynb": task.ipynb,
            "params": task.parameters,
            "records": outcome["records"],
            "fingerprint": d.fingerprint,
            "finished": dt.datetime.now().isoformat(timespec="seconds"),
            "executor": executor,
            "host": outcome.get("host"),
            "kernel": f"{choice.name} ({kernel_mode})",
        }
        entries[task.key] = entry
        result.ran[task.key] = entry
        save_manifest()
        bar.update(task.key, outcome["status"], outcome["seconds"], outcome["error"])

    if to_run:
        echo(
            _say(
                f"ucj batch: {len(to_run)} laporan dijalankan, {len(decisions) - len(to_run)} "
                f"dilewati; {jobs} paralel; kernel {choice.name} ({kernel_mode}, "
                f"{choice.python}); executor {executor}",
                f"ucj batch: running {len(to_run)} reports, skipping "
                f"{len(decisions) - len(to_run)}; {jobs} parallel; kernel {choice.name} "
                f"({kernel_mode}, {choice.python}); executor {executor}",
                lang,
            )
        )
    common = {"choice": choice, "mode": kernel_mode, "preload": preload, "lang": lang,
              "timeout": timeout, "git_commit": git_commit, "datasets": datasets}  # fmt: skip
    previous_handler = None
    if threading.current_thread() is threading.main_thread():
        previous_handler = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        with _BatchLock(out_dir):
            if to_run:
                payloads = [_payload(d.task, remote=executor == "dask", **common) for d in to_run]
                if executor == "local":
                    _run_local(
                        payloads, jobs, kernel_mode, choice, preload, out_dir, on_done, zygote
                    )
                else:
                    for p in payloads:
                        if shipped:
                            p["data_files"], p["data_hash"] = shipped, data_fp["hash"]
                    _run_dask(payloads, scheduler, jobs, on_done, dask_client)
    except KeyboardInterrupt:
        result.interrupted = True
        echo(_say("dihentikan / interrupted: laporan yang selesai disimpan",
                  "interrupted: finished reports are kept", lang))  # fmt: skip
    finally:
        bar.close()
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)

    records = []
    for d in decisions:
        key = d.task.key
        if key in result.ran:
            records.append(_index_record(d.task, result.ran[key]))
        elif key in entries and not d.run:
            records.append(_index_record(d.task, entries[key], "skipped"))
        elif key in entries and (out_dir / d.task.html).is_file():  # interrupted: old report
            records.append(_index_record(d.task, entries[key], "skipped"))
    result.records = records
    if records:
        save_manifest()
        from ucj_analysis import pdf  # one-page summaries, linked from the index

        briefs = pdf.write_briefs(records, out_dir, lang=lang)
        if briefs.note:
            echo(briefs.note)
        result.index_path = render.write_index(records, out_dir, lang=lang)
    result.seconds = time.perf_counter() - t_start
    return result


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _version() -> str:
    from ucj_analysis import __version__

    return __version__


def _run_local(
    payloads: list[dict],
    jobs: int,
    mode: str,
    choice: KernelChoice,
    preload: Sequence[str],
    out_dir: Path,
    on_done: Callable[[dict], None],
    zygote: KernelZygote | None = None,
) -> None:
    """Execute payloads in ``jobs`` threads, each report in its own kernel process."""
    import logging
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    logging.getLogger("papermill").setLevel(logging.WARNING)
    registry = _KernelRegistry()
    own_zygote = False
    if mode != "fork":
        zygote = None
    elif zygote is None or (zygote.python, zygote.python_args) != (
        choice.python,
        choice.python_args,
    ):
        log = out_dir / ".ucj" / "kernels.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            log.write_bytes(b"")
        zygote = KernelZygote(choice.python, preload, log, choice.python_args)
        own_zygote = True
    pool = ThreadPoolExecutor(max_workers=min(jobs, len(payloads)), thread_name_prefix="ucj")
    pending: dict = {}
    try:
        queue = list(payloads)
        while queue or pending:
            while queue and len(pending) < jobs:
                p = queue.pop(0)
                fut = pool.submit(execute_task, p, zygote=zygote, registry=registry)
                pending[fut] = (p, time.perf_counter())
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for fut in done:
                p, started = pending.pop(fut)
                try:
                    outcome = fut.result()
                except Exception as e:  # a bug outside the notebook: still isolate it
                    outcome = _failure_outcome(
                        p, f"{type(e).__name__}: {e}", time.perf_counter() - started
                    )
                on_done(outcome)
    except BaseException:
        for fut in pending:
            fut.cancel()
        registry.kill_all()
        if zygote is not None:
            zygote.kill_all()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if zygote is not None:
            zygote.save_log(out_dir / ".ucj" / "kernels.log")
            if own_zygote:
                zygote.close()


def _run_dask(
    payloads: list[dict],
    scheduler: str | None,
    jobs: int,
    on_done: Callable[[dict], None],
    client: Any = None,
) -> None:
    """Execute payloads on a Dask cluster; results come back to this process."""
    from distributed import Client, LocalCluster, as_completed

    own_client = client is None
    cluster = None
    if client is None:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
    token = uuid.uuid4().hex[:8]
    futures = {}
    try:
        for p in payloads:
            fut = client.submit(execute_task, p, key=f"ucj-{p['key']}-{token}", pure=False)
            futures[fut] = p
        started = time.perf_counter()
        for fut in as_completed(list(futures)):
            p = futures[fut]
            try:
                outcome = fut.result()
            except Exception as e:  # worker died or the function raised
                outcome = _failure_outcome(
                    p, f"{type(e).__name__}: {e}", time.perf_counter() - started
                )
            on_done(outcome)
    except BaseException:
        client.cancel(list(futures))
        raise
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()
