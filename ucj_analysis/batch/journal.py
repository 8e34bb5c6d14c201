"""The manifest's journal: one line per finished report, so a report costs the same to record
whether the folder holds 10 reports or 1,000.

Rewriting the whole manifest (``batch.json``) after every report made the bookkeeping of a
batch grow with the square of its size: at 514 regencies (1,030 reports) the manifest is about
26 MB and each rewrite took about 1 s of CPU (``benchmarks/bench_bookkeeping.py``). Instead, each
finished report's manifest entry is appended as one JSON line to ``<out>/.ucj/batch-journal.jsonl``
(flushed and synced, as the report files are), and :func:`ucj_analysis.batch.resume.read_manifest`
reads ``batch.json`` and then the journal, the later line of a report replacing the earlier entry.
The batch rewrites ``batch.json`` with every entry at its start and end and then clears the
journal (:func:`clear`).

A batch killed while appending leaves at most one cut line at the end; :func:`read` skips any
line that is not a complete entry, and :func:`append` starts a new line after a cut one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

__all__ = ["JOURNAL", "append", "clear", "read"]

#: The journal, relative to the batch's output folder.
JOURNAL = Path(".ucj") / "batch-journal.jsonl"


def append(out_dir: str | os.PathLike, key: str, entry: Mapping) -> None:
    """Append one report's manifest entry to the journal (flushed and synced to disk).

    Parameters
    ----------
    out_dir : str or os.PathLike
        The batch's output folder.
    key : str
        The report's key, ``<notebook stem>/<slug>``.
    entry : mapping
        Its manifest entry (JSON-serialisable; other values are written with ``str``).
    """
    path = Path(out_dir) / JOURNAL
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"key": key, "entry": entry}, ensure_ascii=False, default=str) + "\n"
    with open(path, "a+b") as fh:
        end = fh.seek(0, os.SEEK_END)
        if end:
            fh.seek(end - 1)
            if fh.read(1) != b"\n":  # the last append was cut off: start a new line
                line = "\n" + line
        fh.write(line.encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())


def read(out_dir: str | os.PathLike) -> dict[str, dict]:
    """The entries in the journal, the last one of each report.

    Parameters
    ----------
    out_dir : str or os.PathLike
        The batch's output folder.

    Returns
    -------
    dict
        ``key -> entry`` in the order the reports were first recorded; empty without a
        journal. Lines that are not a complete entry (cut off by a kill) are skipped.
    """
    path = Path(out_dir) / JOURNAL
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    entries: dict[str, dict] = {}
    for line in raw.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if (
            isinstance(item, dict)
            and isinstance(item.get("key"), str)
            and isinstance(item.get("entry"), dict)
        ):
            entries[item["key"]] = item["entry"]
    return entries


def clear(out_dir: str | os.PathLike) -> None:
    """Remove the journal (its entries are in ``batch.json`` now)."""
    (Path(out_dir) / JOURNAL).unlink(missing_ok=True)
