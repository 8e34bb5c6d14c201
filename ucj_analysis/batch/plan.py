"""Planning: notebooks x regencies x parameter sets -> the list of reports (:class:`Task`).

:func:`plan_batch` expands a :class:`~ucj_analysis.batch.spec.BatchSpec` into one
:class:`Task` per report, applying the precedence rules of the batch file (see
:mod:`ucj_analysis.batch.spec`) and checking every value against the notebook's declared
parameters before anything runs. Nothing is executed here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ucj_analysis import config
from ucj_analysis.batch.messages import BatchFileError, ParameterError, both, t
from ucj_analysis.batch.params import _check_values, _resolved, notebook_parameters
from ucj_analysis.batch.spec import _RUNNER_PARAMETERS, BatchSpec, NotebookEntry, check_set_name

__all__ = ["Task", "own_regencies", "plan_batch", "slugify"]


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


def _expand(pattern: str, base: Path | None, lang: str = "id") -> list[Path]:
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
    raise BatchFileError(t("batch.error.notebook_missing", lang, pattern=pattern))


def _load_bundle(data_dir: Path | None):
    from ucj_analysis.loaders import load_bundle

    return load_bundle(data_dir)


def own_regencies(data_dir: str | os.PathLike, bundle: Any = None) -> list[str]:
    """Regencies defined by a planner's own data folder (its regencies or coverage file).

    Parameters
    ----------
    data_dir : str or path-like
        The planner's data folder.
    bundle : DataBundle, optional
        The data loaded for ``data_dir`` (loaded when not given).

    Returns
    -------
    list of str
        Canonical names, in the order of the merged regency registry; empty when the folder
        has neither file or names no regency in it.
    """
    from ucj_analysis.loaders import read_table
    from ucj_analysis.parsing import match_name

    folder = Path(data_dir).expanduser().resolve()
    if bundle is None:
        bundle = _load_bundle(folder)
    known = list(bundle.regencies.frame["regency"])
    mine: set[str] = set()
    for name, ds in (("regencies", bundle.regencies), ("coverage", bundle.coverage)):
        path = Path(ds.path) if ds.path else None
        if path is None or path.resolve().parent != folder:
            continue  # the embedded file: nothing of the planner's own
        frame = read_table(path, name, regencies=bundle.regencies.frame).frame
        if "level" in frame.columns:
            frame = frame[frame["level"] == "regency"]
        mine |= {found for n in frame["regency"] if (found := match_name(n, known))}
    return [r for r in known if r in mine]


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
    own: bool = False,
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
    own : bool
        Keep only the regencies defined in ``data_dir``'s own regencies or coverage file
        (:func:`own_regencies`), not the embedded ones; needs ``data_dir``.

    Returns
    -------
    list of Task
        In batch order: notebook entries, then regencies, then parameter sets.

    Raises
    ------
    ParameterError
        Unknown or wrongly typed parameters (all of them, for every notebook).
    BatchFileError
        Missing notebooks, unknown regencies, ``own`` without a data folder or without
        regencies of its own, parameter-set names that cannot be file names, duplicate reports
        (two regencies or sets that would share a file).
    """
    lang = lang or spec.lang
    say = lang or "id"  # the language of the messages below
    data_dir = Path(data_dir) if data_dir else spec.data_dir
    if data_dir is not None:
        data_dir = data_dir.expanduser().resolve()
        if not data_dir.is_dir():
            raise BatchFileError(t("batch.error.data_dir_missing", say, path=data_dir))
    overrides = dict(overrides or {})
    base = spec.path.resolve().parent if spec.path else None

    expanded: list[tuple[NotebookEntry, Path]] = []
    for i, entry in enumerate(spec.notebooks, start=1):
        for pset in entry.sets:
            if pset.name is not None:
                check_set_name(pset.name, f"notebooks[{i}] ({entry.pattern}), parameter_sets")
        expanded += [(entry, p) for p in _expand(entry.pattern, base, say)]
    params = {p: notebook_parameters(p) for p in dict.fromkeys(p for _, p in expanded)}

    problems: list[str] = []
    declared_anywhere = set().union(*(set(v) for v in params.values())) if params else set()
    for key in overrides:
        if key in _RUNNER_PARAMETERS:
            problems.append(both("batch.param.set_by_runner", name=key))
        elif key not in declared_anywhere:
            close = difflib.get_close_matches(key, sorted(declared_anywhere), n=1)
            hint = f" ({both('batch.param.did_you_mean', close=close[0])})" if close else ""
            problems.append(both("batch.param.no_notebook_set", name=key) + hint)
    for key in spec.parameters:
        if key not in declared_anywhere:
            problems.append(both("batch.param.no_notebook", name=key))

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
                known = ", ".join(_known())
                raise BatchFileError(
                    t("batch.error.unknown_regency", say, where=where, name=repr(name), known=known)
                )
            out.append(found)
        return list(dict.fromkeys(out))

    default_regencies: list[str] = []
    if needs_regency:
        default_regencies = (
            _canonical(spec.regencies, "regencies") if spec.regencies is not None else _known()
        )
    only_set = set(_canonical(only, "--only")) if only else None
    if own and needs_regency:
        if data_dir is None:
            raise BatchFileError(t("batch.error.own_needs_data", say))
        _known()
        mine = set(own_regencies(data_dir, bundle))
        if not mine:
            raise BatchFileError(t("batch.error.own_no_regency", say, folder=data_dir))
        only_set = mine if only_set is None else only_set & mine

    tasks: list[Task] = []
    accepted: dict[str, list[str]] = {}
    # one run date for every report of the batch, so all pages share their nowcast and budget start
    run_date = dt.date.today().isoformat()
    for entry, path in expanded:
        nb_params = params[path]
        has_regency = "regency" in nb_params
        if entry.regencies is not None and not has_regency:
            problems.append(both("batch.param.no_regency", notebook=path.name))
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
        key = task.key.lower()  # one file on a case-insensitive disk too
        other = seen.get(key)
        if other is None:
            seen[key] = task
        elif other.regency != task.regency:
            pair = {"first": repr(other.regency), "second": repr(task.regency)}
            raise BatchFileError(t("batch.error.same_file_regencies", say, file=task.html, **pair))
        elif other.set_name != task.set_name:
            pair = {"first": repr(other.set_name), "second": repr(task.set_name)}
            raise BatchFileError(t("batch.error.same_file_sets", say, file=task.html, **pair))
        else:
            raise BatchFileError(t("batch.error.same_report", say, report=task.key))
    return tasks
