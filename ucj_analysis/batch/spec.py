"""Batch files: read and check a YAML batch file, or build the default batch.

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
notebook. These rules are applied by :func:`ucj_analysis.batch.plan.plan_batch`; this module
only checks the file's structure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ucj_analysis import config
from ucj_analysis.batch.messages import BatchFileError, Phrase, both, t

__all__ = [
    "NOTEBOOK_GLOB",
    "BatchSpec",
    "check_set_name",
    "NotebookEntry",
    "ParameterSet",
    "default_batch",
    "load_batch_file",
]

#: Notebooks a default batch runs (in ``notebooks/``).
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
#: Parameters the runner sets itself (from the regency list and ``data_dir``).
_RUNNER_PARAMETERS = ("regency", "data_dir")
_SET_NAME = re.compile(r"[A-Za-z0-9_-]+")
_BATCH_KEYS = ("data_dir", "out", "lang", "jobs", "regencies", "parameters", "notebooks")
_ENTRY_KEYS = ("path", "regencies", "parameters", "parameter_sets")


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
    raise BatchFileError(f"{where}: " + both("batch.file.regencies"))


def _mapping(value: Any, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise BatchFileError(f"{where}: " + both("batch.file.not_mapping"))
    for key in value:
        if key in _RUNNER_PARAMETERS:
            hint = "regencies:" if key == "regency" else t("batch.spec.data_dir_hint", "id")
            raise BatchFileError(both("batch.spec.runner_key", where=where, name=key, hint=hint))
    return dict(value)


def check_set_name(name: Any, where: str) -> None:
    """Refuse a parameter-set name that is not letters, digits, ``-`` and ``_`` (ASCII).

    The name becomes part of the report's file name (``<regency>--<name>.html``).

    Parameters
    ----------
    name : object
        The name as given.
    where : str
        Where it was given (for the message).

    Raises
    ------
    BatchFileError
    """
    if not isinstance(name, str) or not _SET_NAME.fullmatch(name):
        raise BatchFileError(f"{where}: " + both("batch.file.set_name", name=repr(name)))


def _read_yaml(path: Path) -> Any:
    """The batch file's YAML; BatchFileError naming the line for text that is not plain YAML."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise BatchFileError(f"{path.name}: " + both("batch.file.not_utf8")) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where: Phrase | str = path.name
        if mark is not None:
            where = Phrase("batch.file.line", file=path.name, line=mark.line + 1)
        problem = str(getattr(e, "problem", None) or e).strip()
        tag = re.search(r"tag '([^']+)'", problem)
        if tag and isinstance(e, yaml.constructor.ConstructorError):
            shown = tag.group(1).replace("tag:yaml.org,2002:", "!!")
            raise BatchFileError(both("batch.file.tag", where=where, tag=shown)) from None
        raise BatchFileError(
            both("batch.file.invalid_yaml", where=where, problem=problem)
        ) from None


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
        Naming the key or item that is wrong, or the line of text that is not YAML (a
        ``!!python/...`` tag: "tag tidak diizinkan").
    """
    path = Path(path)
    if not path.is_file():
        raise BatchFileError(both("batch.file.not_found", path=path))
    doc = _read_yaml(path)
    name = path.name
    if not isinstance(doc, Mapping):
        kind = Phrase("batch.file.empty") if doc is None else type(doc).__name__
        raise BatchFileError(f"{name}: " + both("batch.file.not_yaml_mapping", kind=kind))
    unknown = sorted(set(doc) - set(_BATCH_KEYS))
    if unknown:
        allowed = list(_BATCH_KEYS)
        raise BatchFileError(
            f"{name}: " + both("batch.file.unknown_keys", unknown=unknown, allowed=allowed)
        )
    items = doc.get("notebooks")
    if not isinstance(items, list) or not items:
        raise BatchFileError(f"{name}: " + both("batch.file.notebooks_list"))
    entries = []
    for i, item in enumerate(items, start=1):
        where = f"{name}, notebooks[{i}]"
        if isinstance(item, str):
            entries.append(NotebookEntry(item))
            continue
        if not isinstance(item, Mapping) or not isinstance(item.get("path"), str):
            raise BatchFileError(f"{where}: " + both("batch.file.entry_form"))
        bad = sorted(set(item) - set(_ENTRY_KEYS))
        if bad:
            allowed = list(_ENTRY_KEYS)
            raise BatchFileError(
                f"{where}: " + both("batch.file.unknown_keys", unknown=bad, allowed=allowed)
            )
        sets = []
        raw_sets = item.get("parameter_sets")
        if raw_sets is not None:
            if not isinstance(raw_sets, list) or not raw_sets:
                raise BatchFileError(f"{where}: " + both("batch.file.sets_list"))
            for j, s in enumerate(raw_sets, start=1):
                sw = f"{where}.parameter_sets[{j}]"
                if not isinstance(s, Mapping) or not isinstance(s.get("name"), str):
                    raise BatchFileError(f"{sw}: " + both("batch.file.set_needs"))
                check_set_name(s["name"], sw)
                if set(s) - {"name", "parameters"}:
                    raise BatchFileError(f"{sw}: " + both("batch.file.set_keys"))
                sets.append(ParameterSet(s["name"], _mapping(s.get("parameters"), sw)))
            names = [s.name for s in sets]
            if len(set(names)) != len(names):
                raise BatchFileError(
                    f"{where}: " + both("batch.file.set_names_unique", names=names)
                )
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
        raise BatchFileError(f"{name}: " + both("batch.file.jobs"))
    lang = doc.get("lang")
    if lang is not None and lang not in ("id", "en"):
        raise BatchFileError(f"{name}: " + both("batch.file.lang"))
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
        raise BatchFileError(both("batch.file.no_notebooks", pattern=NOTEBOOK_GLOB, folder=folder))
    return BatchSpec(notebooks=tuple(NotebookEntry(str(p)) for p in found))
