"""Fingerprints: what a report depends on, hashed (notebook, parameters, data, code).

A report's fingerprint has four SHA-256 parts: the notebook file, the resolved parameters (with
the content of every file a parameter names), the data files a load of the data folder reads,
and the package (version and every source / package-data file). :mod:`ucj_analysis.batch.resume`
compares them with the previous run's.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ucj_analysis import config
from ucj_analysis.batch.plan import Task, _load_bundle

__all__ = ["code_fingerprint", "data_fingerprint", "task_fingerprint"]

_PACKAGE_DIR = config.PACKAGE_DIR


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
    from ucj_analysis.loaders import DATASETS, OPTIONAL_DATASETS, embedded_data_dir

    files: list[Path] = []
    try:
        if bundle is None:
            bundle = _load_bundle(data_dir)
        for name in (*DATASETS, *OPTIONAL_DATASETS):
            ds = getattr(bundle, name, None)
            if ds is None:  # an optional dataset the folder does not have
                continue
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
