"""Batch runner: parameter checking, planning, resume decisions, and real kernel execution.

The notebooks in ``tests/data/runner`` are tiny: ``record_value`` records ``len(regency) * factor``
(and what it was given), ``fails`` records one value then raises, ``isolation`` changes process
state (``role=define``) or looks for such changes (``role=check``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest

from ucj_analysis import runner
from ucj_analysis.runner import (
    BatchFileError,
    BatchSpec,
    NotebookEntry,
    ParameterError,
    ParameterSet,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "runner"
RECORD = DATA / "record_value.ipynb"
FAILS = DATA / "fails.ipynb"
ISOLATION = DATA / "isolation.ipynb"


def _write_yaml(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# parameters
# --------------------------------------------------------------------------------------------
def test_notebook_parameters_reads_types_defaults_and_help():
    params = runner.notebook_parameters(RECORD)
    assert list(params) == [
        "regency", "factor", "ratio", "label", "deadlines", "data_dir", "lang", "sleep_s",
    ]  # fmt: skip
    assert params["factor"].type_name == "int"
    assert params["factor"].default == 2
    assert params["factor"].help == "multiplier"
    assert params["deadlines"].default == ["2026-12", "2030-12"]
    assert params["factor"].describe() == "factor: int = 2  # multiplier"


def test_notebook_parameters_adds_assignments_papermill_misses(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    nb.cells = [
        nbformat.v4.new_code_cell(
            'a = 5  # plain\nb: "int | None" = None  # quoted annotation\n',
            metadata={"tags": ["parameters"]},
        )
    ]
    path = tmp_path / "q.ipynb"
    nbformat.write(nb, path)
    params = runner.notebook_parameters(path)
    assert set(params) == {"a", "b"}
    assert params["a"].type_label == "int"  # inferred from the default
    assert params["b"].type_name == "int | None"
    assert params["b"].help == "quoted annotation"
    assert runner.coerce_parameter(params["b"], "7", from_text=True) == 7
    assert runner.coerce_parameter(params["b"], "None", from_text=True) is None


def _param(type_name, default):
    return runner.NotebookParameter("p", type_name, default, repr(default), "")


@pytest.mark.parametrize(
    ("type_name", "default", "value", "from_text", "expected"),
    [
        ("int", 1000, "2000", True, 2000),
        ("int", 1000, 2000.0, False, 2000),
        ("int", 1000, " +12 ", True, 12),
        ("float", 99.5, "99", True, 99.0),
        ("float", 99.5, 98, False, 98.0),
        ("bool", True, "ya", True, True),
        ("bool", True, "false", True, False),
        ("bool", True, 0, False, False),
        ("list", ["2026-12"], "2026-12,2030-12", True, ["2026-12", "2030-12"]),
        ("list", [], "[a, b]", True, ["a", "b"]),
        ("list", [], "", True, []),
        ("list[int]", [1], ["3", 4], False, [3, 4]),
        ("str", "x", dt.date(2030, 12, 31), False, "2030-12-31"),
        ("dict", {}, "{k: 1}", True, {"k": 1}),
        ("Optional[int]", None, None, False, None),
        (None, 5, "7", True, 7),
        (None, None, "[1, 2]", True, [1, 2]),
    ],
)
def test_coerce_parameter_converts_where_nothing_is_lost(
    type_name, default, value, from_text, expected
):
    got = runner.coerce_parameter(_param(type_name, default), value, from_text=from_text)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(
    ("type_name", "default", "value", "message"),
    [
        ("int", 1000, "2.5", "not a whole number"),
        ("int", 1000, 2.5, "not a whole number"),
        ("int", 1000, True, "bool"),
        ("float", 0.5, "0,25", "use a dot"),
        ("float", 0.5, "abc", "not a number"),
        ("bool", True, "maybe", "not true/false"),
        ("str", "x", 5, "quote it"),
        ("str", "x", None, "None is not a str"),
        ("list", [], 5, "not a list"),
        ("list[str]", ["a"], ["a", 3], "not text"),
        ("dict", {}, "[1]", "not a mapping"),
    ],
)
def test_coerce_parameter_refuses_wrong_types(type_name, default, value, message):
    with pytest.raises(ValueError, match=message):
        runner.coerce_parameter(_param(type_name, default), value, from_text=False)


def test_resolve_parameters_refuses_unknown_and_lists_accepted():
    with pytest.raises(ParameterError) as info:
        runner.resolve_parameters(RECORD, {"factr": 3, "ratio": "half"})
    text = str(info.value)
    assert "'factr'" in text and "did you mean 'factor'" in text
    assert "'ratio' harus float; nilai 'half': 'half' bukan angka / " in text
    assert "'ratio' must be float; value 'half': 'half' is not a number" in text
    assert "factor: int = 2  # multiplier" in text  # accepted parameters with types
    assert "sleep_s: float = 0.0" in text
    assert len(info.value.problems) == 2


def test_resolve_parameters_returns_defaults_plus_converted_values():
    got = runner.resolve_parameters(RECORD, {"factor": "4"}, text_keys={"factor"})
    assert got["factor"] == 4 and got["ratio"] == 0.5 and got["regency"] == "Konawe"


def test_parse_assignments():
    assert runner.parse_assignments(["n=2", " a = b=c "]) == {"n": "2", "a": "b=c"}
    with pytest.raises(BatchFileError, match="KEY=VALUE"):
        runner.parse_assignments(["novalue"])


# --------------------------------------------------------------------------------------------
# batch files and planning
# --------------------------------------------------------------------------------------------
def test_slugify():
    assert runner.slugify("Tojo Una-Una") == "tojo-una-una"
    assert runner.slugify("Sintetis 001") == "sintetis-001"
    assert runner.slugify("Kab. Pangkajene & Kepulauan") == "kab-pangkajene-kepulauan"
    assert runner.slugify("Bolaang Mongondow Selatan ") == "bolaang-mongondow-selatan"


def test_plan_batch_file_sets_regencies_and_types(tmp_path):
    batch = _write_yaml(
        tmp_path / "b.yaml",
        f"""
        lang: en
        regencies: [konawe, Kab. Banggai]
        parameters: {{ratio: 0.25}}
        notebooks:
          - path: {RECORD}
            parameters: {{factor: "3"}}
            parameter_sets:
              - name: base
              - name: double
                parameters: {{factor: 6, deadlines: [2030-12]}}
          - path: {FAILS}
            regencies: [Tojo Una-Una]
        """,
    )
    spec = runner.load_batch_file(batch)
    tasks = runner.plan_batch(spec, overrides={"label": "from-cli"})
    assert [t.key for t in tasks] == [
        "record_value/konawe--base",
        "record_value/banggai--base",
        "record_value/konawe--double",
        "record_value/banggai--double",
        "fails/tojo-una-una",
    ]
    base = tasks[0]
    assert base.inject == {
        "ratio": 0.25, "lang": "en", "factor": 3, "label": "from-cli", "regency": "Konawe",
    }  # fmt: skip
    assert base.parameters["deadlines"] == ["2026-12", "2030-12"]  # default kept
    assert tasks[3].parameters["factor"] == 6 and tasks[3].regency == "Banggai"
    assert tasks[3].parameters["deadlines"] == ["2030-12"]
    assert tasks[4].inject == {"regency": "Tojo Una-Una"}  # fails declares neither ratio nor lang
    assert base.html == "record_value/konawe--base.html"


def test_plan_batch_collects_every_parameter_problem(tmp_path):
    batch = _write_yaml(
        tmp_path / "b.yaml",
        f"""
        regencies: [Konawe]
        notebooks:
          - path: {RECORD}
            parameters: {{factor: many, colour: red}}
        """,
    )
    with pytest.raises(ParameterError) as info:
        runner.plan_batch(runner.load_batch_file(batch), overrides={"n_drawz": "5"})
    problems = "\n".join(info.value.problems)
    assert "'factor' harus int; nilai 'many'" in problems
    assert "'factor' must be int; value 'many'" in problems
    assert "'colour' parameter tidak dikenal / 'colour': unknown parameter" in problems
    assert "--set n_drawz" in problems
    assert 'regency: str = "Konawe"  # regency name' in str(info.value)


def test_plan_batch_regency_rules(tmp_path):
    spec = BatchSpec((NotebookEntry(str(RECORD)),), regencies=("Konawe", "Atlantis"))
    with pytest.raises(BatchFileError, match="kabupaten tidak dikenal 'Atlantis'.*Konawe, Banggai"):
        runner.plan_batch(spec)
    with pytest.raises(BatchFileError, match="unknown regency 'Atlantis'; known: Konawe, Banggai"):
        runner.plan_batch(spec, lang="en")  # one language: the batch's
    spec = BatchSpec((NotebookEntry(str(ISOLATION), regencies=("Konawe",)),))
    with pytest.raises(ParameterError, match="no 'regency' parameter"):
        runner.plan_batch(spec)
    spec = BatchSpec((NotebookEntry(str(RECORD)),))  # all regencies in the embedded data
    tasks = runner.plan_batch(spec, only=["touna", "KONAWE"])
    assert [t.regency for t in tasks] == ["Konawe", "Tojo Una-Una"]
    assert len(runner.plan_batch(spec)) == 3
    with pytest.raises(BatchFileError, match="--only: kabupaten tidak dikenal 'Nowhere'"):
        runner.plan_batch(spec, only=["Nowhere"])
    # notebooks without `regency` run once, whatever --only says
    spec = BatchSpec((NotebookEntry(str(ISOLATION)),))
    assert [t.key for t in runner.plan_batch(spec, only=["Konawe"])] == ["isolation/all"]


def test_batch_file_errors_name_the_problem(tmp_path):
    cases = {
        "colour: red\nnotebooks: [x.ipynb]\n": "unknown keys ['colour']",
        "notebooks: []\n": "non-empty list",
        f"notebooks:\n  - path: {RECORD}\n    parameters: {{regency: Konawe}}\n": "regencies:",
        f"data_dir: /nowhere/at/all\nnotebooks: [{RECORD}]\n": "data_dir tidak ada",
        "notebooks: [missing_nb.ipynb]\n": "notebook tidak ditemukan: missing_nb.ipynb",
        f"notebooks:\n  - path: {RECORD}\n    parameter_sets: [{{name: Bad Name}}]\n": "only hold",
    }
    for text, message in cases.items():
        path = tmp_path / "bad.yaml"
        path.write_text(text)
        with pytest.raises(BatchFileError, match=message.replace("[", r"\[").replace("]", r"\]")):
            runner.plan_batch(runner.load_batch_file(path))


def test_duplicate_reports_are_refused():
    spec = BatchSpec((NotebookEntry(str(RECORD)), NotebookEntry(str(RECORD))), ("Konawe",))
    with pytest.raises(BatchFileError, match="record_value/konawe"):
        runner.plan_batch(spec)


def test_default_batch_is_every_numbered_notebook():
    spec = runner.default_batch(ROOT / "notebooks")
    names = [Path(e.pattern).name for e in spec.notebooks]
    assert names[:4] == [
        "01_data_audit.ipynb", "02_regency_forecast.ipynb", "03_budget_scenarios.ipynb",
        "04_portfolio.ipynb",
    ]  # fmt: skip
    tasks = runner.plan_batch(spec)
    keys = [t.key for t in tasks]
    assert "01_data_audit/all" in keys and "04_portfolio/all" in keys
    for slug in ("konawe", "banggai", "tojo-una-una"):
        assert f"02_regency_forecast/{slug}" in keys and f"03_budget_scenarios/{slug}" in keys


def test_example_batch_files(monkeypatch):
    monkeypatch.chdir(ROOT)  # batch paths are relative to the project
    tasks = runner.plan_batch(runner.load_batch_file(ROOT / "batches" / "default.yaml"))
    assert {t.stem for t in tasks} >= {"01_data_audit", "02_regency_forecast", "04_portfolio"}
    with pytest.raises(ParameterError) as info:
        runner.plan_batch(runner.load_batch_file(ROOT / "batches" / "broken_example.yaml"))
    text = str(info.value)
    assert "'n_draw'" in text and "did you mean 'n_draws'" in text
    assert "'target_pct' harus float" in text and "'target_pct' must be float" in text


# --------------------------------------------------------------------------------------------
# fingerprints and resume decisions
# --------------------------------------------------------------------------------------------
def _task(notebook: Path, **inject) -> runner.Task:
    params = runner.resolve_parameters(notebook, inject)
    return runner.Task(notebook, inject.get("regency"), None, params, inject)


def test_decide_names_each_reason(tmp_path):
    nb = tmp_path / "record_value.ipynb"
    shutil.copy(RECORD, nb)
    out = tmp_path / "out"
    task = _task(nb, regency="Konawe", factor=3)
    fp = runner.task_fingerprint(task, data_hash="d1", code_hash="c1")
    assert runner.decide(task, fp, None).reasons == ("new",)
    prev = {"status": "ok", "fingerprint": dict(fp)}
    assert runner.decide(task, fp, prev) == runner.Decision(task, False, ("unchanged",), fp)
    assert runner.decide(task, fp, prev, force=True).reasons == ("forced",)
    assert runner.decide(task, fp, {**prev, "status": "failed"}).reasons == ("previous_failed",)
    assert runner.decide(task, fp, prev, out_dir=out).reasons == ("output_missing",)

    changed = _task(nb, regency="Konawe", factor=4)
    fp2 = runner.task_fingerprint(changed, data_hash="d1", code_hash="c1")
    assert runner.decide(changed, fp2, prev).reasons == ("parameters_changed",)
    fp3 = runner.task_fingerprint(task, data_hash="d2", code_hash="c2")
    assert runner.decide(task, fp3, prev).reasons == ("data_changed", "code_changed")
    nb.write_text(nb.read_text().replace("multiplier", "multiplier!"))
    fp4 = runner.task_fingerprint(task, data_hash="d1", code_hash="c1")
    decision = runner.decide(task, fp4, prev)
    assert decision.reasons == ("notebook_changed",)
    assert decision.describe("en") == "would run: notebook changed"
    assert decision.describe() == "akan dijalankan: notebook berubah"
    assert runner.decide(task, fp, prev).describe("en") == "would skip: unchanged"


def test_parameter_files_are_hashed_by_content(tmp_path):
    scen = tmp_path / "my_scenarios.yaml"
    scen.write_text("a: 1\n")
    params = runner.resolve_parameters(RECORD, {"label": str(scen)})
    task = runner.Task(RECORD, None, None, params, {"label": str(scen)})
    h1 = runner.task_fingerprint(task, data_hash="d", code_hash="c")["parameters"]
    scen.write_text("a: 2\n")
    h2 = runner.task_fingerprint(task, data_hash="d", code_hash="c")["parameters"]
    assert h1 != h2


def test_data_fingerprint_follows_the_files_read(tmp_path):
    from ucj_analysis import synthetic

    folder = synthetic.write_synthetic_dataset(
        synthetic.make_synthetic_dataset(4, seed=1), tmp_path / "d", seed=1
    )
    fp1 = runner.data_fingerprint(folder)
    files = {Path(p).name for p in fp1["files"]}
    assert {"regencies.csv", "coverage.csv", "coverage.meta.yaml", "targets.csv"} <= files
    assert any(str(ROOT / "data") in p for p in fp1["files"])  # embedded files merged in
    assert runner.data_fingerprint(folder)["hash"] == fp1["hash"]
    (folder / "README.md").write_text("notes: not read by the loaders")
    assert runner.data_fingerprint(folder)["hash"] == fp1["hash"]
    assert str(folder / "README.md") not in runner.data_fingerprint(folder)["files"]
    cov = folder / "coverage.csv"
    cov.write_text(cov.read_text().replace("seed 1)", "seed 1, edited)", 1), encoding="utf-8")
    fp2 = runner.data_fingerprint(folder)
    assert fp2["hash"] != fp1["hash"] and fp2["files"].keys() == fp1["files"].keys()
    assert runner.data_fingerprint(None)["hash"] != fp1["hash"]
    # an unknown file makes the folder invalid (the load fails): then every file is hashed
    (folder / "unrelated.txt").write_text("not a dataset")
    fp3 = runner.data_fingerprint(folder)
    assert str((folder / "unrelated.txt").resolve()) in fp3["files"]
    assert fp3["hash"] != fp2["hash"]


def test_code_fingerprint_follows_the_package_files(tmp_path, monkeypatch):
    """Same files, same hash; any source or package-data change (not caches) changes it."""
    copy = tmp_path / "ucj_analysis"
    shutil.copytree(
        runner._PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    monkeypatch.setattr(runner, "_PACKAGE_DIR", copy)
    base = runner.code_fingerprint()
    assert len(base) == 64 and runner.code_fingerprint() == base
    engine = copy / "engine.py"
    original = engine.read_bytes()
    os.utime(engine, (0, 0))  # timestamps are not content
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "engine.cpython-311.pyc").write_bytes(b"cache")
    assert runner.code_fingerprint() == base
    engine.write_bytes(original + b"\n# edited\n")
    edited = runner.code_fingerprint()
    assert edited != base
    engine.write_bytes(original)
    assert runner.code_fingerprint() == base
    presets = copy / "presets" / "scenarios.yaml"  # package data counts too
    presets.write_text(presets.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert runner.code_fingerprint() not in {base, edited}
    presets.rename(copy / "presets" / "scenarios_old.yaml")  # same bytes, another name
    renamed = runner.code_fingerprint()
    assert renamed not in {base, edited}


def test_resolve_kernel_is_deterministic():
    choice = runner.resolve_kernel()
    assert Path(choice.python).resolve() == Path(sys.executable).resolve()
    assert choice.forkable
    assert runner.resolve_kernel("python3").python == sys.executable
    with pytest.raises(BatchFileError, match="not installed"):
        runner.resolve_kernel("no-such-kernel-xyz")


# --------------------------------------------------------------------------------------------
# execution with real kernels
# --------------------------------------------------------------------------------------------
def test_batch_runs_isolates_failures_and_resumes(tmp_path):
    out = tmp_path / "reports"
    spec = BatchSpec(
        (NotebookEntry(str(RECORD)), NotebookEntry(str(FAILS), regencies=("Konawe",))),
        regencies=("Konawe", "Tojo Una-Una"),
    )
    tasks = runner.plan_batch(spec, overrides={"factor": "3"})
    light = ("json",)  # these notebooks need no heavy imports: keep the kernel factory quick
    result = runner.run_batch(tasks, out, jobs=2, progress=False, preload=light)

    recs = {r["slug"] if r["notebook"] != "fails" else "fails": r for r in result.records}
    assert recs["konawe"]["status"] == "ok" and recs["konawe"]["records"]["value"] == 18
    assert recs["tojo-una-una"]["records"]["value"] == len("Tojo Una-Una") * 3
    assert recs["konawe"]["records"]["cwd"] == str(DATA)  # kernel runs in the notebook's folder
    fail = recs["fails"]
    assert fail["status"] == "failed" and "ValueError: boom in Konawe" in fail["error"]
    assert fail["records"] == {"before": 1}  # what ran before the error is kept
    html = (out / "fails" / "konawe.html").read_text()
    assert "GAGAL / FAILED" in html and "boom in Konawe" in html
    partial = nbformat.read(out / "fails" / "konawe.ipynb", as_version=4)
    assert any("reached the failing cell" in str(c.get("outputs")) for c in partial.cells)
    assert result.exit_code == 1
    table = result.summary_table("en")
    assert "fails/konawe" in table and "failed" in table and "ok 2, failed 1, skipped 0" in table
    table_id = result.summary_table("id")  # the words in the report language, codes in files
    row = next(line for line in table_id.splitlines() if line.startswith("fails/konawe"))
    assert row.split()[1] == "gagal" and "berhasil 2, gagal 1, dilewati 0" in table_id
    assert table_id.splitlines()[0].split()[:3] == ["laporan", "status", "detik"]

    manifest = json.loads((out / "batch.json").read_text())
    assert set(manifest["tasks"]) == {
        "record_value/konawe", "record_value/tojo-una-una", "fails/konawe",
    }  # fmt: skip
    assert manifest["tasks"]["record_value/konawe"]["params"]["factor"] == 3
    for name in ("index.html", "summary.csv", "summary.xlsx"):
        assert (out / name).is_file()
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []

    # resume: unchanged reports are skipped, the failure runs again
    again = runner.run_batch(tasks, out, jobs=2, progress=False, preload=light)
    assert {d.task.key: d.reasons for d in again.decisions} == {
        "record_value/konawe": ("unchanged",),
        "record_value/tojo-una-una": ("unchanged",),
        "fails/konawe": ("previous_failed",),
    }
    assert set(again.ran) == {"fails/konawe"}
    index_status = {(r["notebook"], r["slug"]): r["status"] for r in again.records}
    assert index_status[("record_value", "konawe")] == "skipped"

    # a changed parameter reruns only the reports it touches; --force reruns everything
    changed = runner.plan_batch(spec, overrides={"factor": "3"}, only=["Konawe"])
    changed = [t for t in changed if t.stem == "record_value"]
    changed[0] = runner.Task(
        changed[0].notebook, "Konawe", None, {**changed[0].parameters, "label": "new"},
        {**changed[0].inject, "label": "new"},
    )  # fmt: skip
    dry = runner.run_batch(changed, out, dry_run=True)
    assert dry.decisions[0].describe("en") == "would run: parameters changed"
    forced = runner.run_batch(tasks, out, dry_run=True, force=True)
    assert all(d.run and "forced" in d.reasons for d in forced.decisions)


def test_reports_do_not_see_each_other(tmp_path):
    """Each report has a fresh kernel process: nothing one defines or changes leaks."""
    spec = BatchSpec(
        (
            NotebookEntry(
                str(ISOLATION),
                sets=(ParameterSet("define", {"role": "define"}), ParameterSet("check", {})),
            ),
        )
    )
    tasks = runner.plan_batch(spec, overrides={"role": "check"})
    assert [t.parameters["role"] for t in tasks] == ["check", "check"]  # --set wins
    spec = BatchSpec(
        (
            NotebookEntry(
                str(ISOLATION),
                sets=(
                    ParameterSet("define", {"role": "define"}),
                    ParameterSet("check", {"role": "check"}),
                ),
            ),
        )
    )
    tasks = runner.plan_batch(spec)
    # the fork-based kernel factory (opt-in) must isolate reports as fresh kernels do
    result = runner.run_batch(tasks, tmp_path / "out", jobs=1, progress=False, kernel_mode="fork")
    recs = {r["slug"]: r["records"] for r in result.records}
    assert result.exit_code == 0
    define, check = recs["all--define"], recs["all--check"]
    assert define["defined"] is True
    assert check["seen"] == {
        "global": False, "json_attr": False, "pandas_attr": False, "pandas_option": False,
        "rcparams": False, "env": False, "module": False, "sys_path": False, "cwd_root": False,
    }  # fmt: skip
    assert check["cwd"] == str(DATA)
    assert define["pid"] != check["pid"]
    for pid in (define["pid"], check["pid"]):  # kernels are gone after the batch
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert define["blas_ok"] and check["blas_ok"]  # numpy/BLAS work in forked kernels
    assert define["unseeded"] != check["unseeded"]  # each kernel has its own random state


def test_spawn_mode_gives_the_same_numbers(tmp_path, capsys):
    spec = BatchSpec((NotebookEntry(str(RECORD)),), regencies=("Banggai",))
    tasks = runner.plan_batch(spec, overrides={"factor": "5"})
    result = runner.run_batch(
        tasks, tmp_path / "out", jobs=1, kernel_mode="spawn", kernel="python3", lang="en"
    )
    rec = result.records[0]["records"]
    assert rec["value"] == 35 and rec["python"] == sys.executable
    assert result.ran["record_value/banggai"]["kernel"] == "python3 (spawn)"
    err = capsys.readouterr().err  # not a terminal: one line per finished report
    assert "running 1 reports, skipping 0" in err
    assert "[1/1] ok     record_value/banggai (" in err


def test_sigterm_leaves_only_complete_reports(tmp_path):
    """Killing a batch mid-run keeps finished reports, writes nothing half-done."""
    batch = _write_yaml(
        tmp_path / "slow.yaml",
        f"""
        regencies: [Konawe, Banggai, Tojo Una-Una]
        notebooks:
          - path: {RECORD}
            parameter_sets:
              - name: fast
              - name: slow
                parameters: {{sleep_s: 60}}
        """,
    )
    out = tmp_path / "out"
    ucj = Path(sys.executable).parent / "ucj"
    proc = subprocess.Popen(
        [
            str(ucj),
            "batch",
            str(batch),
            "--out",
            str(out),
            "--jobs",
            "2",
            "--no-progress",
            "--kernel-mode",
            "fork",
        ],  # the opt-in factory: its forked kernels must die too
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    manifest = out / "batch.json"
    _wait_for(
        lambda: len(runner.read_manifest(out)["tasks"]) >= 2,
        120,
        "two finished reports in the manifest",
        on_timeout=proc.kill,
    )  # two reports are done, the slow ones run
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err  # 128 + SIGTERM
    tasks = json.loads(manifest.read_text())["tasks"]
    assert tasks and all(t["status"] == "ok" for t in tasks.values())
    assert not any("slow" in key for key in tasks)
    for key in tasks:
        assert (out / f"{key}.html").read_text().rstrip().endswith("</html>")
        nbformat.read(out / f"{key}.ipynb", as_version=4)  # complete JSON
    written = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert written == {f"{k}.html" for k in tasks} | {"index.html"}
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    # the killed reports' kernels (forked, running in the notebook folder) are gone too
    _wait_for(lambda: _kernels_in(DATA) == [], 10, "the killed reports' kernels to exit")


def _wait_for(condition, seconds: float, what: str, on_timeout=None) -> None:
    """Poll ``condition`` until it is true; fail the test (never carry on) after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            if on_timeout is not None:
                on_timeout()
            pytest.fail(f"gave up after {seconds:g} s waiting for {what}")
        time.sleep(0.2)


def _kernels_in(folder: Path) -> list[int]:
    """Pids of forked kernels (kernel-factory command line) whose working directory is folder."""
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes()
            if b"_zygote_main" in cmdline and Path(os.readlink(proc / "cwd")) == folder:
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def test_the_kernel_factory_makes_a_call_once_per_process(tmp_path):
    from ucj_analysis.batch.factory import KernelZygote

    folder = str(tmp_path / "made-once")
    with KernelZygote(preload=()) as factory:
        first = factory.call("os:mkdir", [folder])
        again = factory.call("os:mkdir", [folder])  # a second mkdir would fail
        assert first["called"] == "os:mkdir" and "error" not in first
        assert again == {"called": "os:mkdir", "seconds": 0.0}
        factory._proc.kill()  # the factory died: a new one has not made the call
        factory._proc.wait()
        restarted = factory.call("os:mkdir", [folder])
        assert "FileExistsError" in restarted["error"]
