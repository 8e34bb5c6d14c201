"""Resume: the manifest of previous runs and the decision whether a report runs again.

A report is skipped when nothing it depends on changed since its last successful run (its
fingerprint, :mod:`ucj_analysis.batch.fingerprint`, equals the one stored in
``<out>/batch.json``) and its files are still there. Failed reports always run again; ``force``
reruns everything.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ucj_analysis.batch.messages import _say
from ucj_analysis.batch.plan import Task

__all__ = ["MANIFEST_NAME", "REASONS", "Decision", "decide", "read_manifest"]

#: Name of the batch manifest in the output directory.
MANIFEST_NAME = "batch.json"
_MANIFEST_FORMAT = 1

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
