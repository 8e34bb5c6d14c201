"""A batch that never leaves a lying index, and one clear message for every bad input.

* Killed at random moments (SIGKILL of the whole process group, or Ctrl-C as a terminal sends it
  to the process group or to ucj alone, once or twice), ``ucj batch`` leaves an ``index.html``
  whose every link exists and whose every number equals the numbers recorded in the report file
  it links to, and no kernel process; after Ctrl-C it exits 130 with one line on how to resume,
  and that resume finishes everything without rerunning what was finished.
* A damaged ``batch.json`` is rebuilt from the report files; ``--only`` adds to the manifest;
  a report file newer than its manifest entry is read back and run again.
* Malformed YAML, ``!!python`` tags, a batch file that is not a mapping, a parameter-set name with
  a newline and two regencies with one file name end with exit status 2 and one message.
* ``ucj run`` (one report through the batch path), ``--own``, and the portfolio's ranking
  scenario when ``--set scenarios=[trend_only, add_10]`` leaves out ``fund_gap``.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from ucj_analysis import render
from ucj_analysis.batch import (
    BatchSpec,
    NotebookEntry,
    load_batch_file,
    plan_batch,
    read_manifest,
    run_batch,
)
from ucj_analysis.cli import app

ROOT = Path(__file__).resolve().parents[1]
RUNNER_DATA = ROOT / "tests" / "data" / "runner"
RECORD = RUNNER_DATA / "record_value.ipynb"
USER_DATA = ROOT / "tests" / "data" / "loaders" / "user_id_ok"  # coverage of Konawe and Touna
UCJ = Path(sys.executable).parent / "ucj"
LIGHT = ("json",)  # the tiny test notebooks need no heavy imports in the kernel factory
cli = CliRunner()


def _write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# reading index.html back
# --------------------------------------------------------------------------------------------
class _Tables(HTMLParser):
    """Rows of the key-numbers and reports tables: cell texts (link texts left out) and links."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[dict]] = {"key-numbers": [], "reports": []}
        self._table: str | None = None
        self._row: dict | None = None
        self._cell: list[str] | None = None
        self._in_a = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "table":
            self._table = next((c for c in classes if c in self.tables), None)
        elif self._table and tag == "tr":
            self._row = {"cells": [], "links": [], "class": a.get("class") or ""}
        elif self._row is not None and tag in ("td", "th"):
            self._cell = []
        elif self._row is not None and tag == "a":
            self._in_a += 1
            self._row["links"].append(a.get("href"))
        elif self._row is not None and tag == "span" and "badge" in classes:
            self._row["badge"] = [c for c in classes if c != "badge"]

    def handle_endtag(self, tag):
        if tag == "a" and self._in_a:
            self._in_a -= 1
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row["cells"].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None and not self._in_a:
            self._cell.append(data)


def _tables(path: Path) -> dict[str, list[dict]]:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.tables


def _check_index_tells_the_truth(out: Path, tmp: Path) -> int:
    """index.html parses, and its key numbers are those of the report files it links to.

    The expected index is written by ``render.write_index`` from the records read back from the
    linked ``.ipynb`` files (same statuses), in a folder that sees the same report files.
    Returns the number of forecast reports whose numbers the index shows.
    """
    index = out / "index.html"
    assert index.is_file()
    actual = _tables(index)
    assert actual["reports"], "the index lists no report"
    records = []
    for row in actual["reports"]:
        html = next((h for h in row["links"] if h and h.endswith(".html")), None)
        if html is None or not html.startswith("02_regency_forecast/"):
            continue
        status = row["class"].removeprefix("status-")
        ipynb = out / html.replace(".html", ".ipynb")
        shown_numbers = status in ("ok", "skipped", "failed")
        values = render.read_records(nbformat.read(ipynb, as_version=4)) if shown_numbers else {}
        records.append(
            {"notebook": "02_regency_forecast", "regency": row["cells"][0],
             "slug": Path(html).stem, "status": status, "html": html,
             "ipynb": html.replace(".html", ".ipynb"), "records": values}
        )  # fmt: skip
    mirror = tmp / f"expected-{time.monotonic_ns()}"
    mirror.mkdir()
    for name in ("02_regency_forecast", "ringkasan"):
        if (out / name).exists():
            (mirror / name).symlink_to(out / name)
    render.write_index(records, mirror, lang="id")
    expected = _tables(mirror / "index.html")
    assert actual["key-numbers"] == expected["key-numbers"]
    assert (out / "summary.csv").read_bytes() == (mirror / "summary.csv").read_bytes()
    return sum(1 for r in records if r["records"].get("time_to_target"))


def _check_links_and_manifest(out: Path, consistent: bool) -> None:
    """Every file the index links to exists; the manifest agrees with the report files.

    ``consistent``: no manifest entry is older than its report files (true after Ctrl-C; a
    SIGKILL between writing a report and its entry may leave one, which the next run reruns).
    """
    for row in _tables(out / "index.html")["reports"]:
        for link in row["links"]:
            assert link and (out / link).is_file(), f"index links to a missing file: {link}"
    doc = read_manifest(out)
    assert "damaged" not in doc
    for key, entry in doc["tasks"].items():
        assert (out / entry["html"]).is_file() and (out / entry["ipynb"]).is_file(), key
        if consistent:
            assert not entry.get("stale"), f"{key}: batch.json older than its report files"
            recorded = render.read_records(nbformat.read(out / entry["ipynb"], as_version=4))
            assert entry["records"] == json.loads(json.dumps(recorded)), key


def _wait_for(condition, seconds: float, what: str) -> None:
    """Poll ``condition`` until it is true; fail the test (never carry on) after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {seconds:g} s waiting for {what}")
        time.sleep(0.2)


def _marked(marker: str) -> list[int]:
    """Live processes whose environment holds ``marker``: a batch, its kernels, its factory."""
    needle = marker.encode()
    pids = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                pids.append(int(entry.name))
        except OSError:  # gone, or a zombie (no environment): not running
            continue
    return pids


#: (signal, sent to, second Ctrl-C 0.3 s later, when): SIGINT rounds alternate with SIGKILL
#: rounds. "group" is what a terminal does (the whole foreground process group); "main" reaches
#: only the ucj process. When: a random moment in a fraction of the length of a full run, or
#: up to 1 s after the run's k-th report is in batch.json (so some Ctrl-C rounds surely fall
#: after reports finished).
KILL_ROUNDS = (
    (signal.SIGINT, "group", False, (0.05, 0.4)),
    (signal.SIGKILL, "group", False, (0.1, 0.85)),
    (signal.SIGINT, "main", False, 1),
    (signal.SIGKILL, "group", False, (0.1, 0.85)),
    (signal.SIGINT, "group", True, 3),
    (signal.SIGKILL, "group", False, (0.1, 0.85)),
    (signal.SIGINT, "main", True, 2),
)


@pytest.mark.slow
def test_killed_at_random_moments_the_index_never_lies(tmp_path):
    batch = _write(
        tmp_path / "b.yaml",
        f"""
        notebooks:
          - {ROOT / "notebooks" / "02_regency_forecast.ipynb"}
          - {ROOT / "notebooks" / "04_portfolio.ipynb"}
        """,
    )
    out = tmp_path / "out"
    tag = f"{os.getpid()}-{time.monotonic_ns()}"  # marks this test's batches and kernels
    marker = f"UCJ_KILL_LOOP={tag}"
    env = {**os.environ, "UCJ_CACHE_DIR": str(tmp_path / "cache"), "UCJ_KILL_LOOP": tag}
    logs = tmp_path / "logs"
    logs.mkdir()

    def start(seed: int, name: str) -> subprocess.Popen:
        args = [str(UCJ), "batch", str(batch), "--out", str(out), "--jobs", "2", "--no-progress",
                "--set", "n_draws=50", "--set", f"seed={seed}"]  # fmt: skip
        # output to a file, not a pipe: a kernel outliving a killed batch must not hold a pipe
        log = open(logs / f"{name}.txt", "w+", encoding="utf-8")  # noqa: SIM115
        proc = subprocess.Popen(
            args, stdout=log, stderr=log, text=True, env=env,
            start_new_session=True,  # its own process group, as a terminal's foreground job
        )  # fmt: skip
        proc.log = log
        return proc

    def finish(proc: subprocess.Popen, timeout: float, what: str) -> str:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail(f"{what}: still running after {timeout:g} s")
        proc.log.seek(0)
        text = proc.log.read()
        proc.log.close()
        return text

    def done_with(seed: int) -> list[str]:
        """Reports in the manifest (batch.json and its journal) made with ``seed``."""
        tasks = read_manifest(out)["tasks"]
        return [k for k, e in tasks.items() if (e.get("params") or {}).get("seed") == seed]

    def none_left(what: str) -> None:
        _wait_for(lambda: _marked(marker) == [], 30, f"no process of the batch left ({what})")

    try:
        t0 = time.monotonic()
        out_text = finish(start(1, "first"), 900, "first run")
        full_run = time.monotonic() - t0  # signals land inside a run however fast the machine is
        assert "berhasil 4, gagal 0" in out_text, out_text
        assert _check_index_tells_the_truth(out, tmp_path) == 3
        none_left("first run")

        rng = random.Random(20261129)
        rounds = []
        for i, (sig, target, twice, when) in enumerate(KILL_ROUNDS):
            seed = 100 + i  # a new seed: every report is rebuilt with other numbers
            proc = start(seed, f"{i}-{sig.name}-{target}")
            if isinstance(when, tuple):
                time.sleep(rng.uniform(*when) * full_run)
            else:

                def reached(proc=proc, seed=seed, k=when) -> bool:
                    return proc.poll() is not None or len(done_with(seed)) >= k

                _wait_for(reached, 900, f"round {i}: {when} reports finished")
                time.sleep(rng.uniform(0.0, 1.0))
            sent = proc.poll() is None
            if sent:
                (os.killpg if target == "group" else os.kill)(proc.pid, sig)
                if twice:
                    time.sleep(0.3)
                    with contextlib.suppress(ProcessLookupError):
                        (os.killpg if target == "group" else os.kill)(proc.pid, sig)
            text = finish(proc, 120, f"round {i} after {sig.name} to the {target}")
            rounds.append((sig.name, target, twice, sent, proc.returncode, len(done_with(seed))))
            if not sent:  # finished before the signal: a complete run
                assert proc.returncode == 0, text
            elif sig == signal.SIGINT and not text.strip():
                # stopped while the command line was still loading (ucj_analysis.entry): quiet,
                # status 130, nothing read or written
                assert proc.returncode == 130, text
                assert done_with(seed) == []
            elif sig == signal.SIGINT:
                assert proc.returncode == 130, text
                assert "Traceback" not in text, text
                said = [x for x in text.splitlines() if "dihentikan (SIGINT)" in x]
                assert len(said) == 1, text
                assert "perintah yang sama lagi" in said[0], text
                if "sebelum laporan mana pun dijalankan" in said[0]:  # still planning
                    assert done_with(seed) == [] and "ucj batch:" not in text, text
                else:  # the line counts the reports this run finished and kept in batch.json
                    assert f": {len(done_with(seed))} dari 4 laporan selesai" in said[0], text
            else:
                assert proc.returncode == -signal.SIGKILL, text
            # kernels run in their own sessions; they end themselves when the batch is gone
            none_left(f"round {i}")
            assert _check_index_tells_the_truth(out, tmp_path) <= 3
            _check_links_and_manifest(out, consistent=sig == signal.SIGINT)

            # the resume the interrupted line asks for: the same command again
            before = {k: e["files"] for k, e in read_manifest(out)["tasks"].items()
                      if e["params"]["seed"] == seed and e["status"] == "ok"}  # fmt: skip
            text = finish(start(seed, f"{i}-resume"), 900, f"resume after round {i}")
            assert "berhasil " in text and "gagal 0" in text, text
            none_left(f"resume {i}")
            assert _check_index_tells_the_truth(out, tmp_path) == 3
            _check_links_and_manifest(out, consistent=True)
            tasks = read_manifest(out)["tasks"]
            assert len(tasks) == 4, tasks.keys()
            assert all(t["status"] == "ok" and t["params"]["seed"] == seed for t in tasks.values())
            if sig == signal.SIGINT:  # what was finished before Ctrl-C is kept, not rerun
                assert {k: tasks[k]["files"] for k in before} == before
            statuses = {r["class"] for r in _tables(out / "index.html")["reports"] if r["class"]}
            assert statuses <= {"status-ok", "status-skipped"}, (rounds, statuses)
        # at least one batch of each kind really died mid-way
        assert ("SIGINT", 130) in {(r[0], r[4]) for r in rounds}, rounds
        assert ("SIGKILL", -9) in {(r[0], r[4]) for r in rounds}, rounds
        # and Ctrl-C came after some reports of its run were finished, which were kept
        assert any(r[0] == "SIGINT" and r[4] == 130 and r[5] > 0 for r in rounds), rounds
        print("kill rounds (signal, to, twice, sent, exit status, reports kept):", rounds)
    finally:
        for pid in _marked(marker):  # a failed assertion must not leave kernels running
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def _fast_and_slow(tmp_path: Path, *regencies: str) -> Path:
    """A batch file: per regency a fast report and a slow one (its kernel sleeps 300 s)."""
    return _write(
        tmp_path / "b.yaml",
        f"""
        regencies: [{", ".join(regencies)}]
        notebooks:
          - path: {RECORD}
            parameter_sets:
              - name: fast
              - name: slow
                parameters: {{sleep_s: 300}}
        """,
    )


def test_ctrl_c_twice_in_english_stops_kernels_and_says_how_to_resume(tmp_path):
    """Ctrl-C to the process group, and again during the shutdown, with --lang en."""
    batch = _fast_and_slow(tmp_path, "Konawe", "Banggai", "Tojo Una-Una")
    out = tmp_path / "out"
    tag = f"{os.getpid()}-{time.monotonic_ns()}"
    log = open(tmp_path / "log.txt", "w+", encoding="utf-8")  # noqa: SIM115
    proc = subprocess.Popen(
        [str(UCJ), "batch", str(batch), "--out", str(out), "--jobs", "2", "--no-progress",
         "--lang", "en"],
        stdout=log, stderr=log, text=True, start_new_session=True,
        env={**os.environ, "UCJ_KILL_LOOP": tag, "UCJ_CACHE_DIR": str(tmp_path / "cache")},
    )  # fmt: skip
    try:
        _wait_for(
            lambda: len(read_manifest(out)["tasks"]) >= 3,
            300,
            "the three fast reports in the manifest",
        )
        # the slow reports are running (their kernels sleep); Ctrl-C as a terminal sends it
        _wait_for(lambda: len(_marked(f"UCJ_KILL_LOOP={tag}")) >= 3, 60, "two running kernels")
        os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.3)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)  # impatient: a second Ctrl-C
        proc.wait(timeout=60)
        log.seek(0)
        text = log.read()
        assert proc.returncode == 130, text
        said = [x for x in text.splitlines() if "interrupted" in x]
        assert said == [
            "ucj batch interrupted (SIGINT): 3 of 6 reports finished and kept, index.html "
            "complete; to resume, run the same command again (finished reports are skipped)."
        ], text
        assert "dihentikan" not in text and "Traceback" not in text and "Kernel died" not in text
        _wait_for(lambda: _marked(f"UCJ_KILL_LOOP={tag}") == [], 30, "no kernel left")
        _check_links_and_manifest(out, consistent=True)
        tasks = read_manifest(out)["tasks"]
        assert sorted(tasks) == [f"record_value/{r}--fast" for r in
                                 ("banggai", "konawe", "tojo-una-una")]  # fmt: skip
        assert tasks["record_value/konawe--fast"]["records"]["value"] == len("Konawe") * 2
        links = {h for r in _tables(out / "index.html")["reports"] for h in r["links"]}
        assert {f"{k}.html" for k in tasks} <= links
        assert not any("slow" in h for h in links)
    finally:
        log.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        for pid in _marked(f"UCJ_KILL_LOOP={tag}"):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def test_sigkill_keeps_the_finished_reports_through_the_journal(tmp_path):
    """SIGKILL while slow reports run: the finished ones are in the journal and are skipped."""
    batch = _fast_and_slow(tmp_path, "Konawe", "Banggai")
    out = tmp_path / "out"
    tag = f"{os.getpid()}-{time.monotonic_ns()}"
    env = {**os.environ, "UCJ_KILL_LOOP": tag, "UCJ_CACHE_DIR": str(tmp_path / "cache")}
    args = [str(UCJ), "batch", str(batch), "--out", str(out), "--jobs", "2", "--no-progress"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                            start_new_session=True)  # fmt: skip
    fast = ["record_value/banggai--fast", "record_value/konawe--fast"]
    try:
        _wait_for(lambda: sorted(read_manifest(out)["tasks"]) == fast, 300, "the fast reports")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        _wait_for(lambda: _marked(f"UCJ_KILL_LOOP={tag}") == [], 30, "no kernel left")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        for pid in _marked(f"UCJ_KILL_LOOP={tag}"):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    # batch.json is as the run's start wrote it; the finished reports are in the journal
    assert json.loads((out / "batch.json").read_text(encoding="utf-8"))["tasks"] == {}
    logged = (out / ".ucj" / "batch-journal.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["key"] for line in logged) == fast
    tasks = read_manifest(out)["tasks"]
    assert tasks["record_value/konawe--fast"]["records"]["value"] == len("Konawe") * 2
    assert not any(e.get("stale") for e in tasks.values())
    _check_links_and_manifest(out, consistent=True)
    # the same command again runs only the slow reports
    dry = run_batch(plan_batch(load_batch_file(batch)), out, dry_run=True)
    runs = {d.task.key: d.run for d in dry.decisions}
    assert runs == {
        "record_value/konawe--fast": False,
        "record_value/konawe--slow": True,
        "record_value/banggai--fast": False,
        "record_value/banggai--slow": True,
    }


# --------------------------------------------------------------------------------------------
# the manifest: damaged, --only, files newer than their entry
# --------------------------------------------------------------------------------------------
def _spec(*regencies: str) -> BatchSpec:
    return BatchSpec((NotebookEntry(str(RECORD)),), regencies=regencies)


def test_truncated_manifest_is_rebuilt_and_only_adds_to_it(tmp_path):
    out = tmp_path / "out"
    tasks = plan_batch(_spec("Konawe", "Banggai"), overrides={"factor": "3"})
    first = run_batch(tasks, out, jobs=2, progress=False, preload=LIGHT)
    assert first.exit_code == 0
    text = (out / "batch.json").read_text()
    (out / "batch.json").write_text(text[: len(text) // 2])  # cut short

    said: list[str] = []
    dry = run_batch(tasks, out, dry_run=True, echo=said.append, lang="en")
    assert len(said) == 1 and "broken JSON" in said[0] and "rebuilt from the 2 report" in said[0]
    assert [d.reasons for d in dry.decisions] == [("manifest_rebuilt",), ("manifest_rebuilt",)]
    rebuilt = read_manifest(out)["tasks"]
    assert rebuilt["record_value/banggai"]["records"]["value"] == len("Banggai") * 3
    assert rebuilt["record_value/banggai"]["regency"] == "Banggai"
    assert rebuilt["record_value/banggai"]["status"] == "ok"

    # --only Konawe with another factor: Banggai stays in the manifest and in the index
    only = plan_batch(_spec("Konawe", "Banggai"), overrides={"factor": "5"}, only=["konawe"])
    again = run_batch(only, out, jobs=1, progress=False, preload=LIGHT, echo=said.append)
    assert set(again.ran) == {"record_value/konawe"}
    manifest = json.loads((out / "batch.json").read_text())["tasks"]
    assert set(manifest) == {"record_value/konawe", "record_value/banggai"}
    assert manifest["record_value/konawe"]["records"]["value"] == len("Konawe") * 5
    assert manifest["record_value/banggai"]["records"]["value"] == len("Banggai") * 3
    links = {h for r in _tables(out / "index.html")["reports"] for h in r["links"]}
    assert {"record_value/konawe.html", "record_value/banggai.html"} <= links


def test_report_newer_than_its_entry_is_read_back_and_rerun(tmp_path):
    out = tmp_path / "out"
    tasks = plan_batch(_spec("Konawe", "Banggai"), overrides={"factor": "2"})
    run_batch(tasks, out, jobs=2, progress=False, preload=LIGHT)
    # as if killed after writing Konawe's new files and before its manifest entry
    for ext in ("ipynb", "html"):
        (out / f"record_value/konawe.{ext}").write_bytes(
            (out / f"record_value/banggai.{ext}").read_bytes()
        )
    entry = read_manifest(out)["tasks"]["record_value/konawe"]
    assert entry["stale"] is True and entry["records"]["value"] == len("Banggai") * 2
    decisions = run_batch(tasks, out, dry_run=True).decisions
    assert [d.reasons for d in decisions] == [("report_changed",), ("unchanged",)]
    # a copied folder (same content, new file times) is not mistaken for a change
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(out), str(copy)], check=True)
    os.utime(copy / "record_value" / "banggai.ipynb", ns=(1, 1))
    assert not read_manifest(copy)["tasks"]["record_value/banggai"].get("stale")


# --------------------------------------------------------------------------------------------
# exit 2 with one message
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("notebooks: [a.ipynb\nx: 1\n", "batch.yaml, baris 2: YAML tidak valid ("),
        ("notebooks: [a.ipynb\nx: 1\n", " / batch.yaml, line 2: invalid YAML ("),
        ('!!python/object/apply:os.system ["echo hi"]\n',
         "tag !!python/object/apply:os.system tidak diizinkan"),
        ("notebooks: !!python/name:os.system\n", "tag !!python/name:os.system tidak diizinkan"),
        ("- a.ipynb\n- b.ipynb\n", "harus berupa pemetaan YAML"),
        ("- a.ipynb\n- b.ipynb\n", "bukan list / must be a YAML mapping"),
        ("", "bukan berkas kosong / must be"),
        ("", "not an empty file"),
        (f'notebooks:\n  - path: {RECORD}\n    parameter_sets:\n      - name: "a\\nb"\n',
         "nama set parameter 'a\\nb' hanya boleh huruf, angka, - dan _"),
        (f"notebooks:\n  - path: {RECORD}\n    parameter_sets:\n      - name: a.b\n",
         "nama set parameter 'a.b'"),
    ],
)  # fmt: skip
def test_bad_batch_files_exit_2_with_one_message(tmp_path, text, message):
    batch = tmp_path / "batch.yaml"
    batch.write_text(text, encoding="utf-8")
    result = cli.invoke(app, ["batch", str(batch), "--dry-run"])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_parameter_set_names_may_use_letters_digits_dash_underscore(tmp_path):
    batch = _write(
        tmp_path / "batch.yaml",
        f"""
        regencies: [Konawe]
        notebooks:
          - path: {RECORD}
            parameter_sets:
              - name: Cepat_2-x
                parameters: {{factor: 4}}
        """,
    )
    result = cli.invoke(app, ["batch", str(batch), "--dry-run", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "record_value/konawe--Cepat_2-x  would run: new" in result.output


def test_two_regencies_with_one_file_name_are_named(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    head = (ROOT / "data" / "templates" / "regencies_template.csv").read_text().splitlines()[0]
    row = 'Sulawesi Tenggara,8,0,43,160000,2023,"1,00",bps_labour_force,contoh,asumsi,'
    (data / "regencies.csv").write_text(f"{head}\nBau Bau,{row}\nBau+Bau,{row}\n")
    batch = _write(tmp_path / "batch.yaml", f"notebooks: [{RECORD}]\n")
    result = cli.invoke(app, ["batch", str(batch), "--data-dir", str(data), "--dry-run"])
    assert result.exit_code == 2, result.output
    assert "dua kabupaten menjadi berkas yang sama record_value/bau-bau.html" in result.output
    assert "'Bau Bau' dan 'Bau+Bau'" in result.output and "set parameter" not in result.output
    english = cli.invoke(app, ["batch", str(batch), "--data-dir", str(data), "--dry-run",
                               "--lang", "en"])  # fmt: skip
    assert "two regencies map to the same file record_value/bau-bau.html" in english.output


# --------------------------------------------------------------------------------------------
# --own, ucj run, the portfolio's ranking scenario
# --------------------------------------------------------------------------------------------
def test_own_keeps_only_the_regencies_of_the_data_folder(tmp_path):
    batch = _write(tmp_path / "batch.yaml", f"notebooks: [{RECORD}]\n")
    args = ["batch", str(batch), "--dry-run", "--lang", "en"]
    mixed = cli.invoke(app, [*args, "--data-dir", str(USER_DATA)])
    assert "record_value/banggai" in mixed.output  # embedded regencies run too by default
    own = cli.invoke(app, [*args, "--data-dir", str(USER_DATA), "--own"])
    assert own.exit_code == 0, own.output
    keys = [line.split()[0] for line in own.output.splitlines() if line.startswith("record_")]
    assert keys == ["record_value/konawe", "record_value/tojo-una-una"]
    narrowed = cli.invoke(app, [*args, "--data-dir", str(USER_DATA), "--own", "--only", "touna"])
    assert [ln.split()[0] for ln in narrowed.output.splitlines() if ln.startswith("record_")] == [
        "record_value/tojo-una-una"
    ]
    alone = cli.invoke(app, [*args, "--own"])
    assert alone.exit_code == 2 and "--own" in alone.output and "--data-dir" in alone.output


def test_ucj_run_makes_one_report_through_the_batch_path(tmp_path):
    out = tmp_path / "out"
    base = ["run", str(RECORD), "--out", str(out), "--no-progress", "--lang", "en"]
    result = cli.invoke(app, [*base, "--regency", "tojo una-una", "-p", "factor", "7",
                              "--set", "label=hi"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Report: {out.resolve() / 'record_value' / 'tojo-una-una.html'}" in result.output
    entry = json.loads((out / "batch.json").read_text())["tasks"]["record_value/tojo-una-una"]
    assert entry["records"]["value"] == len("Tojo Una-Una") * 7
    assert entry["records"]["label"] == "hi"
    assert (out / "index.html").is_file()
    # it always runs (a single report is asked for), unlike an unchanged batch report
    again = cli.invoke(app, [*base, "-r", "Tojo Una-Una", "-p", "factor", "7", "-p", "label", "hi"])
    assert again.exit_code == 0 and "ok 1, failed 0, skipped 0" in again.output
    # the batch's checks and exit statuses
    bad = cli.invoke(app, [*base, "-r", "Konawe", "-p", "factor", "lots"])
    assert bad.exit_code == 2 and "'factor' harus int" in bad.output
    missing = cli.invoke(app, base)
    assert missing.exit_code == 2 and "--regency" in missing.output and "Banggai" in missing.output
    stray = cli.invoke(app, [*base, "-r", "Konawe", "-p", "factor"])
    assert stray.exit_code == 2 and "NAME VALUE" in stray.output
    failed = cli.invoke(app, ["run", str(RUNNER_DATA / "fails.ipynb"), "-r", "Konawe",
                              "--out", str(out), "--no-progress"])  # fmt: skip
    assert failed.exit_code == 1, failed.output


@pytest.mark.slow
def test_portfolio_with_two_scenarios_ranks_by_the_last_funded_one(tmp_path):
    batch = _write(
        tmp_path / "b.yaml", f"notebooks: [{ROOT / 'notebooks' / '04_portfolio.ipynb'}]\n"
    )
    out = tmp_path / "out"
    result = cli.invoke(
        app,
        ["batch", str(batch), "--out", str(out), "--no-progress", "--lang", "en",
         "--set", "scenarios=[trend_only, add_10]", "--set", "n_draws=50"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    entry = json.loads((out / "batch.json").read_text())["tasks"]["04_portfolio/all"]
    assert entry["status"] == "ok"
    rows = entry["records"]["portfolio"]
    assert len(rows) == 3 and {r["rank_by"] for r in rows} == {"add_10"}
    assert set(rows[0]["median_month"]) == {"trend_only", "add_10"}
    html = (out / "04_portfolio" / "all.html").read_text()
    assert "The ranking scenario fund_gap is not among the scenarios compared" in html
