"""The ``ucj`` command line: params, batch (dry run, errors, a real run), synth, audit."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import jsonschema
import numpy as np
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from ucj_analysis import synthetic
from ucj_analysis.cli import app
from ucj_analysis.loaders import load_bundle

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "runner"
RECORD = DATA / "record_value.ipynb"
FAILS = DATA / "fails.ipynb"
cli = CliRunner()


def _batch(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "batch.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_help_is_bilingual():
    result = cli.invoke(app, ["--help"])
    assert result.exit_code == 0
    for text in ("batch", "params", "synth", "audit", "per kabupaten", "per regency"):
        assert text in result.output
    result = cli.invoke(app, ["batch", "--help"])
    for text in ("--dry-run", "--only", "--set", "--scheduler", "--executor", "--jobs"):
        assert text in result.output


def test_params_lists_names_types_defaults_and_help():
    result = cli.invoke(app, ["params", str(RECORD)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["parameter", "type", "default", "help"]
    assert any(line.split()[:4] == ["factor", "int", "2", "multiplier"] for line in lines)
    result = cli.invoke(app, ["params", str(RECORD), "--json"])
    rows = json.loads(result.output)
    assert rows[1] == {"name": "factor", "type": "int", "default": "2", "help": "multiplier"}
    assert cli.invoke(app, ["params", "nowhere.ipynb"]).exit_code == 2


def test_batch_dry_run_lists_what_would_run_and_writes_nothing(tmp_path):
    batch = _batch(
        tmp_path,
        f"""
        regencies: [Konawe, Banggai]
        notebooks: [{RECORD}]
        """,
    )
    out = tmp_path / "out"
    result = cli.invoke(app, ["batch", str(batch), "--out", str(out), "--dry-run", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "record_value/konawe   would run: new" in result.output
    assert "record_value/banggai  would run: new" in result.output
    assert "2 would run, 0 would be skipped" in result.output
    assert not out.exists()
    result = cli.invoke(app, ["batch", str(batch), "--out", str(out), "--dry-run"])
    assert "akan dijalankan: baru" in result.output


def test_batch_refuses_bad_parameters_before_running(tmp_path):
    batch = _batch(tmp_path, f"regencies: [Konawe]\nnotebooks: [{RECORD}]\n")
    out = tmp_path / "out"
    result = cli.invoke(app, ["batch", str(batch), "--out", str(out), "--set", "factor=lots"])
    assert result.exit_code == 2
    assert "'factor' harus int; nilai 'lots'" in result.output
    assert "'factor' must be int; value 'lots'" in result.output
    assert "factor: int = 2  # multiplier" in result.output
    result = cli.invoke(app, ["batch", str(batch), "--out", str(out), "--set", "factr=3"])
    assert result.exit_code == 2 and "did you mean 'factor'" in result.output
    result = cli.invoke(app, ["batch", str(ROOT / "batches" / "broken_example.yaml"), "--dry-run"])
    assert result.exit_code == 2 and "'n_draw'" in result.output
    result = cli.invoke(app, ["batch", str(batch), "--only", "Atlantis", "--dry-run"])
    assert result.exit_code == 2 and "kabupaten tidak dikenal 'Atlantis'" in result.output
    assert "unknown" not in result.output  # one language
    assert not out.exists()


def test_batch_run_then_resume(tmp_path):
    batch = _batch(
        tmp_path,
        f"""
        regencies: [Konawe, Banggai]
        notebooks:
          - {RECORD}
          - path: {FAILS}
            regencies: [Banggai]
        """,
    )
    out = tmp_path / "out"
    args = ["batch", str(batch), "--out", str(out), "--jobs", "2", "--set", "factor=10"]
    result = cli.invoke(app, [*args, "--no-progress", "--lang", "en"])
    assert result.exit_code == 1, result.output  # one report failed
    assert "fails/banggai" in result.output and "ok 2, failed 1, skipped 0" in result.output
    assert f"Reports: {out.resolve() / 'index.html'}" in result.output
    manifest = json.loads((out / "batch.json").read_text())
    assert manifest["tasks"]["record_value/banggai"]["records"]["value"] == 70
    result = cli.invoke(app, [*args, "--dry-run", "--lang", "en"])
    assert "record_value/konawe   would skip: unchanged" in result.output
    assert "fails/banggai         would run: previous run failed" in result.output
    result = cli.invoke(app, [*args[:-1], "factor=11", "--dry-run", "--lang", "en"])
    assert "record_value/konawe   would run: parameters changed" in result.output


# --------------------------------------------------------------------------------------------
# synthetic data
# --------------------------------------------------------------------------------------------
def test_make_synthetic_dataset_is_labelled_and_consistent():
    frames = synthetic.make_synthetic_dataset(25, seed=7)
    reg, cov, vf = frames["regencies"], frames["coverage"], frames["village_funds"]
    assert list(reg["regency"][:3]) == ["Sintetis 001", "Sintetis 002", "Sintetis 003"]
    assert len(reg) == 25 and len(cov) == 25 * 5 and len(vf) == 25 * 5 * 2
    for frame in frames.values():
        assert set(frame["source"]) == {"synthetic"} and set(frame["quality"]) == {"assumed"}
        assert frame["note"].str.startswith("SYNTHETIC — not real data").all()
    assert (cov["active"] <= cov["workforce"]).all()
    np.testing.assert_allclose(
        cov["coverage_pct"], (cov["active"] / cov["workforce"] * 100).round(2)
    )
    # same seed -> same data, another seed -> other data
    again = synthetic.make_synthetic_dataset(25, seed=7)
    for name in frames:
        pd.testing.assert_frame_equal(frames[name], again[name])
    other = synthetic.make_synthetic_dataset(25, seed=8)
    assert not other["coverage"]["active"].equals(cov["active"])
    assert synthetic.synthetic_regency_names(1000)[-1] == "Sintetis 1000"
    with pytest.raises(ValueError):
        synthetic.make_synthetic_dataset(0)


def test_synth_command_writes_a_folder_the_loaders_accept(tmp_path):
    out = tmp_path / "synth"
    result = cli.invoke(app, ["synth", "--n", "12", "--out", str(out), "--seed", "3"])
    assert result.exit_code == 0, result.output
    schema = json.loads((ROOT / "ucj_analysis" / "schemas" / "meta.schema.json").read_text())
    for name in ("regencies", "coverage", "village_funds"):
        meta = yaml.safe_load((out / f"{name}.meta.yaml").read_text())
        assert meta["title"].startswith("SINTETIS / SYNTHETIC")
        jsonschema.validate(meta, schema)
    for name in synthetic.COPIED_DATASETS:
        assert (out / f"{name}.csv").read_bytes() == (ROOT / "data" / f"{name}.csv").read_bytes()
    folder_meta = yaml.safe_load((out / "meta.yaml").read_text())
    assert folder_meta["title"].startswith("SINTETIS / SYNTHETIC")
    assert folder_meta["n_regencies"] == 12 and folder_meta["seed"] == 3

    bundle = load_bundle(out)
    names = list(bundle.regencies.frame["regency"])
    assert [n for n in names if n.startswith("Sintetis")] == [
        f"Sintetis {i:03d}" for i in range(1, 13)
    ]
    assert {"Konawe", "Banggai", "Tojo Una-Una"} <= set(names)  # embedded regencies stay
    frames = synthetic.make_synthetic_dataset(12, seed=3)
    cov = bundle.coverage.frame
    got = cov[cov["regency"] == "Sintetis 005"].sort_values("date")
    want = frames["coverage"][frames["coverage"]["regency"] == "Sintetis 005"]
    assert list(got["active"].astype(int)) == list(want["active"])
    vf = bundle.village_funds.frame
    assert set(vf["regency"]) >= {"Konawe", "Sintetis 012"}  # embedded rows kept
    result = cli.invoke(app, ["audit", "--data-dir", str(out)])
    assert result.exit_code == 0 and "OK: 15 kabupaten" in result.output


def test_audit_reports_invalid_data(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "coverage.csv").write_text(
        "regency,province,date,segment,workforce,active,coverage_pct,source,quality\n"
        "Konawe,Sulawesi Tenggara,2025-04-30,total,1000,2000,200,survey,observed\n"
    )
    result = cli.invoke(app, ["audit", "--data-dir", str(bad)])
    assert result.exit_code == 1
    assert "coverage.csv" in result.output and "baris 2" in result.output
    assert cli.invoke(app, ["audit"]).exit_code == 0


# --------------------------------------------------------------------------------------------
# --version, python -m ucj_analysis
# --------------------------------------------------------------------------------------------
def test_version_prints_the_package_version():
    import ucj_analysis

    result = cli.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"ucj {ucj_analysis.__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", ucj_analysis.__version__)
    assert "--version" in cli.invoke(app, ["--help"]).output


def test_python_dash_m_runs_the_same_cli():
    import subprocess
    import sys

    import ucj_analysis

    run = subprocess.run(
        [sys.executable, "-m", "ucj_analysis", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"ucj {ucj_analysis.__version__}\n"
    run = subprocess.run(
        [sys.executable, "-m", "ucj_analysis", "params", str(RECORD), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)[1]["name"] == "factor"
    run = subprocess.run(
        [sys.executable, "-m", "ucj_analysis", "nonsense"], capture_output=True, text=True,
        cwd=ROOT, check=False,
    )  # fmt: skip
    assert run.returncode == 2 and "nonsense" in run.stderr
