"""Where the data files are: the embedded data folder and the files of a planner's folder.

The embedded data is ``data/`` of the repository or ``$UCJ_DATA_DIR``
(:func:`embedded_data_dir`). A dataset's file is ``<name>.csv``/``.xlsx`` or its Indonesian
alias; every other file in a planner's folder is a problem naming the dataset it probably
means, except README files, YAML files, hidden files, Excel lock files and sub-folders.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from ucj_analysis import config
from ucj_analysis.errors import SEPARATOR, DataValidationError, Problem
from ucj_analysis.i18n import both
from ucj_analysis.loaders.schema import _SPECS, _Spec
from ucj_analysis.parsing import normalise_header

__all__ = ["embedded_data_dir", "DEFAULT_DATA_DIR"]


def embedded_data_dir() -> Path:
    """Directory of the embedded data: ``$UCJ_DATA_DIR`` if set, else ``<repo>/data``.

    In an installed wheel the shipped copy ``ucj_analysis/_embedded/data`` takes the place of
    ``<repo>/data`` (see :func:`ucj_analysis.config.embedded_data_dir`).

    Returns
    -------
    pathlib.Path
        The directory (not checked for existence).
    """
    return config.embedded_data_dir()


#: The embedded data directory (``<repo>/data`` or ``$UCJ_DATA_DIR`` at import time).
DEFAULT_DATA_DIR: Path = embedded_data_dir()


def _find_file(directory: Path, spec: _Spec) -> Path | None:
    """The file for ``spec`` in ``directory`` (``<name>.csv``/``.xlsx`` or Indonesian alias)."""
    stems = [spec.name, *spec.sheet_aliases]
    found = [
        p
        for p in sorted(directory.iterdir())
        if p.is_file()
        and not p.name.startswith(("~$", "."))
        and p.suffix.lower() in (".csv", ".xlsx", ".xlsm")
        and normalise_header(p.stem) in {normalise_header(s) for s in stems}
    ]
    if len(found) > 1:
        raise DataValidationError(
            [
                Problem(
                    found[1].name, None, None, None, "loader.file.twice",
                    {"name": spec.name, "files": ", ".join(p.name for p in found)},
                )
            ]
        )  # fmt: skip
    return found[0] if found else None


#: Suffixes of files the loaders read as data.
_DATA_SUFFIXES = (".csv", ".xlsx", ".xlsm")
#: Files a data folder may hold besides the datasets (compared in lower case).
_NON_DATA_NAMES = {"meta.yaml", "meta.yml", "thumbs.db", "desktop.ini"}


def _is_known_non_data(p: Path) -> bool:
    """README, meta files, scenario YAML, hidden files, Excel lock files and folders."""
    name = p.name.lower()
    return (
        p.is_dir()
        or name.startswith((".", "~$"))
        or name.startswith("readme")
        or name in _NON_DATA_NAMES
        or name.endswith((".meta.yaml", ".meta.yml", ".yaml", ".yml"))
    )


def _suggest_dataset(stem: str) -> str | None:
    """The dataset a file name most likely means (``coverage_planner`` -> ``coverage``)."""
    key = normalise_header(stem)
    names: dict[str, str] = {}
    for spec in _SPECS.values():
        for n in (spec.name, *spec.sheet_aliases):
            names.setdefault(normalise_header(n), spec.name)
    parts = key.split("_")
    # a dataset name inside the file name (longest first: dana_desa_nasional before dana_desa)
    for n in sorted(names, key=len, reverse=True):
        k = len(n.split("_"))
        if any("_".join(parts[i : i + k]) == n for i in range(len(parts) - k + 1)):
            return names[n]
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def _unknown_files(directory: Path) -> list[Problem]:
    """A problem for every file in a user data folder that no dataset reads.

    The loaders read ``<dataset>.csv``/``.xlsx`` (or an Indonesian alias such as
    ``cakupan.xlsx``) only; any other file would be silently ignored, so each is reported with
    the dataset name it most likely means. Not reported: README files, ``*.meta.yaml`` and
    other YAML files (meta, scenarios), hidden files, Excel lock files (``~$...``) and folders
    (e.g. ``templates/``).
    """
    stems = {
        normalise_header(n): spec.name
        for spec in _SPECS.values()
        for n in (spec.name, *spec.sheet_aliases)
    }
    listing = ", ".join(f"{n}.csv" for n in _SPECS)
    out = []
    for p in sorted(directory.iterdir()):
        if _is_known_non_data(p):
            continue
        suffix = p.suffix.lower()
        dataset = stems.get(normalise_header(p.stem))
        if dataset is not None and suffix in _DATA_SUFFIXES:
            continue  # read by its dataset's loader
        if dataset is not None:
            key = "loader.file.xls" if suffix == ".xls" else "loader.file.wrong_type"
            out.append(Problem(p.name, None, None, None, key, {"dataset": dataset}))
            continue
        guess = _suggest_dataset(p.stem)
        ext = suffix if suffix in _DATA_SUFFIXES else ".csv"
        if guess:
            key, params = "loader.file.unknown_guess", {"guess": f"{guess}{ext}", "files": listing}
        else:
            key, params = "loader.file.unknown", {"files": listing}
        out.append(Problem(p.name, None, None, None, key, params))
    return out


def _is_embedded(path: Path) -> bool:
    """True for a dataset file directly in the embedded data directory (not ``templates/``)."""
    return path.resolve().parent == embedded_data_dir().resolve()


def _dirs(data_dir: str | os.PathLike | None) -> tuple[Path, Path | None]:
    emb = embedded_data_dir()
    if data_dir is None:
        return emb, None
    user = Path(data_dir).expanduser()
    if not user.is_dir():
        raise FileNotFoundError(both("loader.folder_missing", sep=SEPARATOR, path=user))
    if user.resolve() == emb.resolve():
        return emb, None
    return emb, user


def _embedded_file(emb: Path, spec: _Spec) -> Path | None:
    return _find_file(emb, spec) if emb.is_dir() else None


def _missing(spec: _Spec, emb: Path, user: Path | None) -> FileNotFoundError:
    if user is None:
        text = both("loader.dataset_missing", sep=SEPARATOR, name=spec.name, folder=emb)
    else:
        text = both(
            "loader.dataset_missing_two", sep=SEPARATOR, name=spec.name, folder=emb, other=user
        )
    return FileNotFoundError(text)
