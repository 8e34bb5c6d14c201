"""YAML files and the ``<dataset>.meta.yaml`` beside each data file.

:func:`read_yaml` is the only YAML reader other modules may use. A data file without a meta
file gets a generated one; an embedded meta file must have a ``title`` and a ``sources``
mapping whose keys the rows' ``source`` cells cite. A merged dataset keeps the user's meta with
the ``sources`` of both and ``merged_with`` naming the embedded file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ucj_analysis.errors import SEPARATOR, DataValidationError, Problem
from ucj_analysis.i18n import both
from ucj_analysis.loaders.discovery import _is_embedded
from ucj_analysis.loaders.schema import Dataset
from ucj_analysis.loaders.table import _Table

__all__ = ["read_yaml"]


def read_yaml(path: str | os.PathLike) -> Any:
    """Read a YAML file (safe loader). The only YAML reader other modules may use.

    Parameters
    ----------
    path : str or path-like
        The file.

    Returns
    -------
    object
        The parsed document (``None`` for an empty file).

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    DataValidationError
        If the file is not valid YAML (the problem names the line).
    """
    p = Path(path)
    text = p.read_text(encoding="utf-8-sig")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        detail = getattr(e, "problem", None) or str(e)
        raise DataValidationError(
            [Problem(p.name, line, None, None, "loader.yaml.invalid", {"detail": detail})]
        ) from e


def _meta_path(path: Path) -> Path | None:
    for suffix in (".meta.yaml", ".meta.yml"):
        candidate = path.with_name(path.stem + suffix)
        if candidate.exists():
            return candidate
    return None


def _validate_meta(meta: Any, meta_path: Path, strict: bool) -> list[Problem]:
    """Check what the loader relies on in a meta file.

    Any meta file must be a YAML mapping. An embedded one (``strict``) must also have a
    non-empty ``title`` and a ``sources`` mapping, which the rows' ``source`` keys must name
    (checked in :func:`_check_source_keys`). The full JSON Schema
    (``ucj_analysis/schemas/meta.schema.json``) is checked by the test suite, not on every load:
    importing ``jsonschema`` costs seconds per process.
    """
    if not isinstance(meta, dict):
        return [Problem(meta_path.name, None, None, None, "loader.meta.not_mapping")]
    problems = []
    if strict:
        if not isinstance(meta.get("title"), str) or not meta["title"].strip():
            problems.append(Problem(meta_path.name, None, None, None, "loader.meta.no_title"))
        if not isinstance(meta.get("sources"), dict) or not meta["sources"]:
            problems.append(Problem(meta_path.name, None, None, None, "loader.meta.no_sources"))
    return problems


def _load_meta(path: Path, frame: pd.DataFrame | None) -> tuple[dict, list[Problem]]:
    mp = _meta_path(path)
    if mp is None:
        sources = {} if frame is None else {s: s for s in dict.fromkeys(frame["source"]) if s}
        return {
            "title": (
                "user-supplied"
                if not _is_embedded(path)
                else both("loader.meta.no_meta_title", sep=SEPARATOR, name=path.stem)
            ),
            "path": str(path),
            "generated": True,
            "sources": sources,
            "provenance": both("loader.meta.per_row", sep=SEPARATOR),
        }, []
    meta = read_yaml(mp)
    problems = _validate_meta(meta, mp, strict=_is_embedded(path))
    meta = dict(meta) if isinstance(meta, dict) else {}
    meta.setdefault("path", str(path))
    return meta, problems


def _check_source_keys(t: _Table, meta: dict) -> list[Problem]:
    """Embedded rows must cite a key of the meta file's ``sources`` mapping (or a URL)."""
    sources = meta.get("sources")
    if not isinstance(sources, dict):
        return []
    out = []
    for i in range(len(t.rows)):
        s = t.values[i].get("source")
        if s is None or s in sources or str(s).startswith(("http://", "https://")):
            continue
        parts = [x.strip() for x in str(s).replace(",", ";").split(";")]
        if all(x in sources for x in parts):
            continue
        out.append(
            Problem(
                t.raw.file,
                t.rows[i],
                t.written.get("source", "source"),
                s,
                "loader.meta.unknown_source",
                {"sources": ", ".join(map(str, sources))},
                "source",
            )  # fmt: skip
        )
    return out


def _merged_meta(user: Dataset, emb: Dataset) -> dict:
    meta = dict(user.meta)
    sources = {}
    for m in (emb.meta, user.meta):
        if isinstance(m.get("sources"), dict):
            sources.update(m["sources"])
    meta["sources"] = sources
    meta["merged_with"] = {"path": str(emb.path), "title": emb.meta.get("title", "")}
    return meta
