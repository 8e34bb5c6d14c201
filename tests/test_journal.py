"""The manifest's journal and the index's pace: a batch's bookkeeping per report does not grow
with the folder.

* Each finished report's entry is one line appended to ``.ucj/batch-journal.jsonl``;
  ``read_manifest`` reads ``batch.json`` and then the journal (a later line of a report replaces
  the earlier entry); a line cut off by a kill is skipped and the next append starts a new line.
* ``batch.json`` is rewritten with every entry at the start and the end of a run, which clears
  the journal; a damaged ``batch.json`` is rebuilt from the report files and the journal's
  entries are kept with their fingerprints.
* The index is rewritten at most every ``every`` seconds and at most once per ``INDEX_SHARE``
  times the last rewrite's duration.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ucj_analysis.batch import BatchSpec, NotebookEntry, journal, plan_batch, read_manifest
from ucj_analysis.batch import run as batch_run
from ucj_analysis.batch.run import INDEX_SHARE, _IndexState, run_batch

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "tests" / "data" / "runner" / "record_value.ipynb"
LIGHT = ("json",)  # the tiny test notebooks need no heavy imports in the kernel factory


def _tasks(factor: str, *regencies: str):
    spec = BatchSpec((NotebookEntry(str(RECORD)),), regencies=regencies)
    return plan_batch(spec, overrides={"factor": factor})


# --------------------------------------------------------------------------------------------
# the journal file
# --------------------------------------------------------------------------------------------
def test_the_last_entry_of_a_report_wins(tmp_path):
    journal.append(tmp_path, "a/x", {"v": 1})
    journal.append(tmp_path, "b/y", {"v": 2})
    journal.append(tmp_path, "a/x", {"v": 3})
    assert journal.read(tmp_path) == {"a/x": {"v": 3}, "b/y": {"v": 2}}
    lines = (tmp_path / journal.JOURNAL).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and json.loads(lines[1]) == {"key": "b/y", "entry": {"v": 2}}


def test_a_cut_line_is_skipped_and_the_next_append_starts_a_new_line(tmp_path):
    journal.append(tmp_path, "a/x", {"v": 1, "name": "Tojo Una-Una"})
    path = tmp_path / journal.JOURNAL
    with open(path, "ab") as fh:  # a kill in the middle of the next append
        fh.write(b'{"key": "b/y", "entry": {"v"')
    assert journal.read(tmp_path) == {"a/x": {"v": 1, "name": "Tojo Una-Una"}}
    journal.append(tmp_path, "c/z", {"v": 5})
    assert journal.read(tmp_path) == {"a/x": {"v": 1, "name": "Tojo Una-Una"}, "c/z": {"v": 5}}
    # lines that are JSON but not an entry are skipped too
    with open(path, "ab") as fh:
        fh.write(b'[1, 2]\n{"key": 7, "entry": {}}\n{"key": "d/w", "entry": "x"}\n')
    assert set(journal.read(tmp_path)) == {"a/x", "c/z"}


def test_no_journal_reads_as_empty_and_clear_removes_it(tmp_path):
    assert journal.read(tmp_path) == {}
    journal.clear(tmp_path)  # nothing to clear: no error
    journal.append(tmp_path, "a/x", {"v": 1})
    journal.clear(tmp_path)
    assert not (tmp_path / journal.JOURNAL).exists() and journal.read(tmp_path) == {}


# --------------------------------------------------------------------------------------------
# the journal in a batch
# --------------------------------------------------------------------------------------------
def test_a_finished_report_goes_to_the_journal_and_read_manifest_adds_it(tmp_path):
    out = tmp_path / "out"
    first = run_batch(_tasks("2", "Konawe", "Banggai"), out, jobs=2, progress=False,
                      preload=LIGHT)  # fmt: skip
    assert first.exit_code == 0
    assert not (out / journal.JOURNAL).exists()  # the end of the run put it into batch.json
    stored = json.loads((out / "batch.json").read_text(encoding="utf-8"))["tasks"]
    assert stored["record_value/konawe"]["records"]["value"] == len("Konawe") * 2

    # a later run finishes Konawe (here: the same files, a new entry) and is killed before its end
    state = _IndexState(out, "id")
    manifest = read_manifest(out)
    state.start([], manifest["tasks"])
    entry = {**manifest["tasks"]["record_value/konawe"], "seconds": 123.0}
    task = next(t for t in _tasks("2", "Konawe") if t.key == "record_value/konawe")
    state.finished(task, entry)
    assert json.loads((out / "batch.json").read_text(encoding="utf-8"))["tasks"] == stored
    assert journal.read(out) == {"record_value/konawe": json.loads(json.dumps(entry))}
    again = read_manifest(out)["tasks"]
    assert again["record_value/konawe"]["seconds"] == 123.0
    assert again["record_value/banggai"] == stored["record_value/banggai"]

    # the next run's start writes batch.json with the journal's entry and clears the journal
    second = run_batch(_tasks("2", "Konawe", "Banggai"), out, jobs=1, progress=False,
                       preload=LIGHT)  # fmt: skip
    assert [d.reasons for d in second.decisions] == [("unchanged",), ("unchanged",)]
    assert not (out / journal.JOURNAL).exists()
    final = json.loads((out / "batch.json").read_text(encoding="utf-8"))["tasks"]
    assert final["record_value/konawe"]["seconds"] == 123.0


def test_a_damaged_manifest_keeps_the_journals_entries(tmp_path):
    out = tmp_path / "out"
    tasks = _tasks("3", "Konawe", "Banggai")
    assert run_batch(tasks, out, jobs=2, progress=False, preload=LIGHT).exit_code == 0
    stored = json.loads((out / "batch.json").read_text(encoding="utf-8"))["tasks"]
    journal.append(out, "record_value/konawe", stored["record_value/konawe"])
    (out / "batch.json").write_text('{"format": 1, "tasks": {', encoding="utf-8")  # cut short

    said: list[str] = []
    dry = run_batch(tasks, out, dry_run=True, echo=said.append, lang="en")
    assert len(said) == 1 and "rebuilt from the 2 report" in said[0], said
    # Konawe's entry, with its fingerprint, came from the journal; Banggai's was rebuilt
    assert [d.reasons for d in dry.decisions] == [("unchanged",), ("manifest_rebuilt",)]
    tasks_read = read_manifest(out)["tasks"]
    assert tasks_read["record_value/konawe"]["records"]["value"] == len("Konawe") * 3
    assert tasks_read["record_value/banggai"]["records"]["value"] == len("Banggai") * 3


# --------------------------------------------------------------------------------------------
# the index's pace
# --------------------------------------------------------------------------------------------
def test_the_index_waits_for_a_multiple_of_its_last_rewrite(tmp_path, monkeypatch):
    clock = [1000.0]
    took = [0.5]  # seconds one index rewrite takes
    written: list[float] = []

    def write_index(records, out_dir, lang):
        written.append(clock[0])
        clock[0] += took[0]
        return Path(out_dir) / "index.html"

    from ucj_analysis import render

    monkeypatch.setattr(batch_run.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(render, "write_index", write_index)
    monkeypatch.setattr(_IndexState, "index_records", lambda self, final=False: [{"x": 1}])
    state = _IndexState(tmp_path, "id", every=2.0)

    def report_finishes_after(seconds: float):
        clock[0] += seconds
        state._dirty = True
        return state.write()

    assert state.write(force=True) is not None  # the first index: at 1000.0, took 0.5 s
    # the next waits max(2 s, 20 x 0.5 s) = 10 s from the start of the last one
    assert [report_finishes_after(3.0) for _ in range(3)] == [None, None, None]  # 1009.5
    assert report_finishes_after(0.5) is not None  # 1010.0: 10 s after 1000.0
    assert written == [1000.0, 1010.0]
    took[0] = 0.05  # a small folder: the 2 s floor applies
    report_finishes_after(INDEX_SHARE * 0.5)  # waits 10 s: written at 1020.5, takes 0.05 s
    assert written[-1] == pytest.approx(1020.5)
    assert report_finishes_after(1.9) is None
    assert report_finishes_after(0.1) is not None
    assert written[-1] == pytest.approx(1022.55)
    # a forced rewrite (the last one of a batch) never waits
    assert state.write(force=True) is not None
