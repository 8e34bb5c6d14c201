"""Resume: the manifest of previous runs and the decision whether a report runs again.

A report is skipped when nothing it depends on changed since its last successful run (its
fingerprint, :mod:`ucj_analysis.batch.fingerprint`, equals the one stored in
``<out>/batch.json``) and its files are still there. Failed reports always run again; ``force``
reruns everything.

After each report its entry is appended to the manifest's journal
(:mod:`ucj_analysis.batch.journal`), which :func:`read_manifest` reads after ``batch.json``.

The manifest is checked against the report files when it is read: each entry stores the size
and modification time of its ``.ipynb`` and ``.html``; an entry whose files changed since (a
batch killed between writing a report and the manifest) takes its recorded values from the
``.ipynb`` and runs again. A manifest that cannot be read (truncated JSON, not a manifest) is
rebuilt from the report files present (:func:`rebuild_manifest`) and the reason is returned
in ``doc["damaged"]`` (:func:`damaged_message` says it in one language); those reports run
again too.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ucj_analysis.batch import journal
from ucj_analysis.batch.messages import t
from ucj_analysis.batch.plan import Task

__all__ = [
    "MANIFEST_NAME",
    "REASONS",
    "Decision",
    "damaged_message",
    "decide",
    "file_stamps",
    "read_manifest",
    "rebuild_manifest",
]

#: Name of the batch manifest in the output directory.
MANIFEST_NAME = "batch.json"
_MANIFEST_FORMAT = 1

#: Why a report runs (or not): code -> its text in the catalogue (``batch.reason.<code>``).
REASONS: dict[str, str] = {
    code: f"batch.reason.{code}"
    for code in (
        "new",
        "forced",
        "previous_failed",
        "notebook_changed",
        "parameters_changed",
        "data_changed",
        "code_changed",
        "output_missing",
        "report_changed",
        "manifest_rebuilt",
        "unchanged",
    )
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
        why = ", ".join(t(REASONS[r], lang) for r in self.reasons)
        return t("batch.decision.run" if self.run else "batch.decision.skip", lang, why=why)


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
    if previous.get("rebuilt"):
        return Decision(task, True, (*reasons, "manifest_rebuilt"), fingerprint)
    if previous.get("stale"):
        reasons.append("report_changed")
    elif previous.get("status") != "ok":
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


def file_stamps(out_dir: str | os.PathLike, entry: Mapping) -> dict[str, list]:
    """Size, modification time and content hash of an entry's ``.ipynb`` and ``.html`` files.

    Parameters
    ----------
    out_dir : str or path-like
        Output directory.
    entry : mapping
        Manifest entry with ``ipynb`` and ``html`` (paths relative to ``out_dir``).

    Returns
    -------
    dict
        ``{"ipynb": [size [bytes], mtime [ns], sha256 hex], "html": [...]}``; a missing file is
        left out.
    """
    stamps: dict[str, list] = {}
    for kind in ("ipynb", "html"):
        rel = entry.get(kind)
        if not rel:
            continue
        path = Path(out_dir) / rel
        try:
            st = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
        stamps[kind] = [st.st_size, st.st_mtime_ns, digest]
    return stamps


def _unchanged(out_dir: Path, entry: Mapping, stored: Mapping) -> bool:
    """The entry's files are the ones it was written with (same size+time, else same hash)."""
    for kind in ("ipynb", "html"):
        rel, old = entry.get(kind), stored.get(kind)
        if not rel or not isinstance(old, list) or len(old) != 3:
            return False
        path = out_dir / str(rel)
        try:
            st = path.stat()
            if [st.st_size, st.st_mtime_ns] == list(old[:2]):
                continue
            if hashlib.sha256(path.read_bytes()).hexdigest() != old[2]:  # copied: time differs
                return False
        except OSError:
            return False
    return True


def _read_notebook(path: Path):
    """An executed notebook, or None if it cannot be read."""
    import nbformat

    try:
        return nbformat.read(str(path), as_version=4)
    except Exception:
        return None


def _records_of(path: Path) -> dict:
    """Values recorded in an executed notebook (empty if it cannot be read)."""
    from ucj_analysis import render

    nb = _read_notebook(path)
    return render.read_records(nb) if nb is not None else {}


def _failed(nb) -> bool:
    """Papermill marked an exception, or a cell shows an error."""
    if (nb.get("metadata", {}).get("papermill") or {}).get("exception"):
        return True
    return any(
        o.get("output_type") == "error"
        for c in nb.get("cells", [])
        for o in c.get("outputs", []) or []
    )


def rebuild_manifest(out_dir: str | os.PathLike) -> dict[str, dict]:
    """Manifest entries rebuilt from the executed notebooks ``<out_dir>/<stem>/<slug>.ipynb``.

    Each entry has the values the notebook recorded, its status (``failed`` when papermill
    marked an exception or a cell shows an error), the regency and parameters papermill
    injected, and ``rebuilt: True`` (no fingerprint: the report runs again when planned).

    Parameters
    ----------
    out_dir : str or path-like
        Output directory.

    Returns
    -------
    dict
        ``key -> entry``, keys ``<stem>/<slug>``.
    """
    out_dir = Path(out_dir)
    entries: dict[str, dict] = {}
    if not out_dir.is_dir():
        return entries
    for path in sorted(out_dir.glob("*/*.ipynb")):
        if path.name.startswith(".") or path.parent.name.startswith("."):
            continue
        nb = _read_notebook(path)
        if nb is None:
            continue
        from ucj_analysis import render

        stem, slug = path.parent.name, path.stem
        params = dict((nb.get("metadata", {}).get("papermill") or {}).get("parameters") or {})
        entry = {
            "notebook": stem,
            "regency": params.get("regency"),
            "slug": slug,
            "set": slug.split("--", 1)[1] if "--" in slug else None,
            "status": "failed" if _failed(nb) else "ok",
            "error": None,
            "seconds": None,
            "html": f"{stem}/{slug}.html",
            "ipynb": f"{stem}/{slug}.ipynb",
            "params": params,
            "records": render.read_records(nb),
            "fingerprint": {},
            "rebuilt": True,
        }
        entry["files"] = file_stamps(out_dir, entry)
        entries[f"{stem}/{slug}"] = entry
    return entries


def _verify(out_dir: Path, entries: dict[str, dict]) -> None:
    """Entries whose report files changed since they were written: values from the file."""
    for entry in entries.values():
        stored = entry.get("files")
        if not isinstance(stored, Mapping) or _unchanged(out_dir, entry, stored):
            continue  # no stamps: written by an older version
        ipynb = out_dir / str(entry.get("ipynb") or "")
        entry["records"] = _records_of(ipynb) if ipynb.is_file() else {}
        entry["stale"] = True
        entry["files"] = file_stamps(out_dir, entry)


def read_manifest(out_dir: str | os.PathLike) -> dict:
    """The manifest ``<out_dir>/batch.json`` of previous runs, checked against the report files.

    Parameters
    ----------
    out_dir : str or path-like
        Output directory.

    Returns
    -------
    dict
        ``{"format": 1, "updated": ..., "tasks": {key: entry}}``: the entries of ``batch.json``
        and then those of its journal (:mod:`ucj_analysis.batch.journal`: the reports finished
        since ``batch.json`` was last written), a report's later entry replacing its earlier
        one; empty ``tasks`` when there is neither. When the file exists but cannot be used,
        ``tasks`` is rebuilt from the report files (:func:`rebuild_manifest`), the journal's
        entries are added, and ``damaged`` holds the reason:
        ``{"problem": "unreadable" | "broken_json" | "not_manifest", "detail": str,
        "rebuilt": number of entries rebuilt}`` (:func:`damaged_message`).
    """
    out_dir = Path(out_dir)
    path = out_dir / MANIFEST_NAME
    problem = None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        doc = {"format": _MANIFEST_FORMAT, "tasks": {}}
    except (OSError, UnicodeDecodeError) as e:
        doc, problem = None, ("unreadable", type(e).__name__)
    except ValueError as e:
        doc, problem = None, ("broken_json", str(e))
    if problem is None and (
        not isinstance(doc, dict)
        or doc.get("format") != _MANIFEST_FORMAT
        or not isinstance(doc.get("tasks", {}), dict)
        or not all(isinstance(v, dict) for v in doc.get("tasks", {}).values())
    ):
        problem = ("not_manifest", "")
    logged = journal.read(out_dir)  # reports finished since batch.json was last written
    if problem is not None:
        tasks = rebuild_manifest(out_dir)
        damaged = {"problem": problem[0], "detail": problem[1], "rebuilt": len(tasks)}
        tasks.update(logged)
        _verify(out_dir, logged)
        return {"format": _MANIFEST_FORMAT, "tasks": tasks, "damaged": damaged}
    assert isinstance(doc, dict)
    doc.setdefault("tasks", {}).update(logged)
    _verify(out_dir, doc["tasks"])
    return doc


def damaged_message(damaged: Mapping, lang: str = "id") -> str:
    """One line on a damaged manifest and its rebuilding (``read_manifest(...)["damaged"]``).

    Parameters
    ----------
    damaged : mapping
        ``problem``, ``detail`` and ``rebuilt`` (see :func:`read_manifest`).
    lang : {"id", "en"}

    Returns
    -------
    str
    """
    problem = t(f"batch.manifest.{damaged['problem']}", lang, detail=damaged.get("detail", ""))
    return t("batch.manifest.damaged", lang, name=MANIFEST_NAME, problem=problem,
             n=damaged.get("rebuilt", 0))  # fmt: skip
