"""Install anywhere: the paths module, ``ucj init``, exit-2 messages, and a real wheel install.

The fast tests check :mod:`ucj_analysis.config` in this checkout and in a fake wheel layout,
``ucj init`` and the messages for missing folders (through typer's test runner).

The slow test builds the wheel (``pip wheel --no-deps``, build dependencies from pip's configured
index) from a copy of the repository, creates a fresh virtual environment **without** system site
packages and installs the wheel into it with ``--no-deps --no-index``. The dependencies are not
downloaded again: a ``.pth`` file in the new environment appends the site-packages folder of the
environment running the tests (a path, so that folder's own ``.pth`` files, among them the
editable install's finder, are not run). The new environment's own copy of ``ucj_analysis`` comes
first on ``sys.path``, which the test asserts. Jupyter's user folders point at empty temporary
folders, so a ``ucj`` kernel installed for the user cannot run the notebooks with another
interpreter. Then, from an empty folder: ``ucj --version``, ``ucj audit``, a batch of notebook 02
for Konawe with 50 draws, missing folders (exit 2, no traceback) and ``ucj init``.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ucj_analysis import __version__, config
from ucj_analysis.cli import app

ROOT = Path(__file__).resolve().parents[1]
cli = CliRunner()

#: Repository entries a wheel build does not need (large or generated).
_NOT_COPIED = (".venv", ".git", "build", "dist", "reports", "tests", "benchmarks", "*.egg-info",
               "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache", "dask-worker-space",
               ".ipynb_checkpoints")  # fmt: skip


@pytest.fixture
def no_env(monkeypatch):
    monkeypatch.delenv(config.DATA_ENV, raising=False)
    monkeypatch.delenv(config.NOTEBOOKS_ENV, raising=False)


# --------------------------------------------------------------------------------------------
# config: checkout and wheel layouts, overrides
# --------------------------------------------------------------------------------------------
def test_checkout_paths_are_the_repository_folders(no_env, tmp_path, monkeypatch):
    assert config.checkout_root() == ROOT
    assert config.embedded_data_dir() == ROOT / "data"
    assert config.data_templates_dir() == ROOT / "data" / "templates"
    assert config.shipped_notebooks_dir() == ROOT / "notebooks"
    assert config.batch_example() == ROOT / "batches" / "default.yaml"
    assert config.PRESETS_FILE.is_file() and config.PRESETS_FILE.name == "scenarios.yaml"
    assert (config.TEMPLATES_DIR).is_dir()
    monkeypatch.chdir(tmp_path)  # no ./notebooks here
    assert config.notebooks_dir() == ROOT / "notebooks"


def test_every_path_module_uses_config():
    from ucj_analysis import loaders, render, runner, scenarios

    assert render.TEMPLATE_DIR == config.TEMPLATES_DIR
    assert scenarios.PRESETS_PATH == config.PRESETS_FILE
    assert loaders._PRESETS_FILE == config.PRESETS_FILE
    assert runner._PACKAGE_DIR == config.PACKAGE_DIR


def test_environment_variables_override(no_env, tmp_path, monkeypatch):
    from ucj_analysis import loaders, runner

    monkeypatch.setenv(config.DATA_ENV, str(tmp_path / "d"))
    assert config.embedded_data_dir() == tmp_path / "d"
    assert loaders.embedded_data_dir() == tmp_path / "d"
    (tmp_path / "nb").mkdir()
    shutil.copy(ROOT / "notebooks" / "01_data_audit.ipynb", tmp_path / "nb" / "01_x.ipynb")
    monkeypatch.setenv(config.NOTEBOOKS_ENV, str(tmp_path / "nb"))
    spec = runner.default_batch()
    assert [Path(e.pattern).name for e in spec.notebooks] == ["01_x.ipynb"]


def test_local_notebooks_folder_wins_over_shipped(no_env, tmp_path, monkeypatch):
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path)
    assert config.notebooks_dir() == Path("notebooks")


def test_fake_wheel_layout_uses_embedded_copies(no_env, tmp_path, monkeypatch):
    pkg = tmp_path / "site-packages" / "ucj_analysis"
    for sub in ("data/templates", "notebooks", "batches"):
        (pkg / "_embedded" / sub).mkdir(parents=True)
    (tmp_path / "site-packages" / "data").mkdir()  # a stray top-level folder must not be used
    monkeypatch.setattr(config, "PACKAGE_DIR", pkg)
    monkeypatch.setattr(config, "EMBEDDED_DIR", pkg / "_embedded")
    monkeypatch.chdir(tmp_path)
    assert config.checkout_root() is None
    assert config.embedded_data_dir() == pkg / "_embedded" / "data"
    assert config.data_templates_dir() == pkg / "_embedded" / "data" / "templates"
    assert config.notebooks_dir() == pkg / "_embedded" / "notebooks"
    assert config.batch_example() == pkg / "_embedded" / "batches" / "default.yaml"
    # a batch file written for the repository finds its notebooks in the installed copy
    cands = config.notebook_candidates("notebooks/02_regency_forecast.ipynb")
    assert pkg / "_embedded" / "notebooks" / "02_regency_forecast.ipynb" in cands
    assert pkg / "_embedded" / "notebooks" / "02.ipynb" in config.notebook_candidates("02.ipynb")
    assert config.notebook_candidates(str(tmp_path / "x.ipynb")) == []


def test_batch_file_from_another_folder_finds_repository_notebooks(no_env, tmp_path, monkeypatch):
    from ucj_analysis import runner

    batch = tmp_path / "b.yaml"
    batch.write_text("notebooks:\n  - notebooks/02_regency_forecast.ipynb\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    tasks = runner.plan_batch(runner.load_batch_file(batch), only=["Konawe"])
    assert [t.notebook for t in tasks] == [ROOT / "notebooks" / "02_regency_forecast.ipynb"]


# --------------------------------------------------------------------------------------------
# command line: exit 2 with one message, ucj init
# --------------------------------------------------------------------------------------------
def test_help_documents_the_environment_variables():
    for args in (["--help"], ["batch", "--help"], ["audit", "--help"]):
        result = cli.invoke(app, args, terminal_width=200)
        assert result.exit_code == 0
        assert config.DATA_ENV in result.output and config.NOTEBOOKS_ENV in result.output


@pytest.mark.parametrize("command", ["batch", "audit"])
def test_missing_data_folder_exits_2_naming_it(no_env, tmp_path, command):
    missing = tmp_path / "tidak-ada"
    result = cli.invoke(app, [command, "--data-dir", str(missing)])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert str(missing) in result.output and "not found" in result.output


@pytest.mark.parametrize("command", ["batch", "audit"])
def test_missing_embedded_data_exits_2_naming_the_variable(tmp_path, monkeypatch, command):
    monkeypatch.setenv(config.DATA_ENV, str(tmp_path / "hilang"))
    result = cli.invoke(app, [command])
    assert result.exit_code == 2
    assert str(tmp_path / "hilang") in result.output and config.DATA_ENV in result.output


def test_data_folder_missing_a_dataset_exits_2(tmp_path, monkeypatch):
    emb = tmp_path / "emb"
    shutil.copytree(ROOT / "data", emb, ignore=shutil.ignore_patterns("targets.*", "templates"))
    monkeypatch.setenv(config.DATA_ENV, str(emb))
    result = cli.invoke(app, ["audit"])
    assert result.exit_code == 2
    assert "targets" in result.output and str(emb) in result.output


def test_init_writes_a_working_folder(no_env, tmp_path, monkeypatch):
    import yaml

    from ucj_analysis import runner

    folder = tmp_path / "kerja"
    result = cli.invoke(app, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (folder / "notebooks").iterdir()) == sorted(
        p.name for p in (ROOT / "notebooks").glob(runner.NOTEBOOK_GLOB)
    )
    assert (folder / "notebooks" / "02_regency_forecast.ipynb").read_bytes() == (
        ROOT / "notebooks" / "02_regency_forecast.ipynb"
    ).read_bytes()
    assert (folder / "templates" / "coverage_template.xlsx").is_file()
    assert len(list((folder / "templates").iterdir())) == 14
    doc = yaml.safe_load((folder / "batch.yaml").read_text(encoding="utf-8"))
    assert doc["data_dir"] == "data" and len(doc["notebooks"]) == 4
    assert "Data Anda" in (folder / "data" / "README.md").read_text(encoding="utf-8")
    # the folder plans a batch from inside it, against its own notebooks and data/
    monkeypatch.chdir(folder)
    spec = runner.load_batch_file(Path("batch.yaml"))
    tasks = runner.plan_batch(spec, only=["Konawe"])
    assert {t.notebook.parent for t in tasks} == {(folder / "notebooks").resolve()}
    assert len(tasks) == 4
    # a second init refuses to overwrite, --force does
    again = cli.invoke(app, ["init", str(folder)])
    assert again.exit_code == 2 and "--force" in again.output
    assert cli.invoke(app, ["init", str(folder), "--force", "--lang", "en"]).exit_code == 0
    assert "Your data" in (folder / "data" / "README.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# a real wheel in a fresh environment
# --------------------------------------------------------------------------------------------
def _run(args, cwd, env, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Build the wheel and install it into a fresh venv; returns (venv bin, env, wheel path)."""
    base = tmp_path_factory.mktemp("install")
    src = base / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(*_NOT_COPIED))
    wheels = base / "wheels"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, src],
                 base, os.environ.copy())  # fmt: skip
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = wheels.glob("ucj_analysis-*.whl")

    venv = base / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", venv], base, os.environ.copy())
    assert made.returncode == 0, made.stderr
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    probe = _run([venv / "bin" / "python", "-c", purelib], base, None)
    venv_site = Path(probe.stdout.strip())
    assert venv_site.is_dir() and venv_site.is_relative_to(venv), probe
    inherited = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (venv_site / "_inherit_test_env.pth").write_text("\n".join(inherited) + "\n")
    inst = _run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install",
                 "--no-deps", "--no-index", "-q", wheel], base, os.environ.copy())  # fmt: skip
    assert inst.returncode == 0, inst.stderr[-3000:]

    dropped = (config.DATA_ENV, config.NOTEBOOKS_ENV, "PYTHONPATH", "VIRTUAL_ENV")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    jupyter = base / "jupyter"
    for sub in ("data", "config", "runtime", "ipython", "path"):
        (jupyter / sub).mkdir(parents=True)
    # nbconvert's HTML templates are data files of the inherited nbconvert (a real install puts
    # them under the new prefix); only they are linked in, not the inherited kernelspecs
    (jupyter / "path" / "nbconvert").symlink_to(Path(sys.prefix, "share", "jupyter", "nbconvert"))
    env.update(
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        JUPYTER_DATA_DIR=str(jupyter / "data"),
        JUPYTER_CONFIG_DIR=str(jupyter / "config"),
        JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
        JUPYTER_PATH=str(jupyter / "path"),
        IPYTHONDIR=str(jupyter / "ipython"),
        MPLBACKEND="Agg",
    )
    return venv / "bin", env, wheel


@pytest.mark.slow
def test_wheel_ships_the_embedded_data_and_notebooks(installed):
    _, _, wheel = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    emb = "ucj_analysis/_embedded"
    for csv in (ROOT / "data").glob("*.csv"):
        assert f"{emb}/data/{csv.name}" in names
        assert f"{emb}/data/{csv.stem}.meta.yaml" in names
    for nb in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"):
        assert f"{emb}/notebooks/{nb.name}" in names
    assert f"{emb}/data/templates/coverage_template.xlsx" in names
    assert f"{emb}/batches/default.yaml" in names
    assert "ucj_analysis/presets/scenarios.yaml" in names
    assert not any(n.endswith(".py") and n.startswith(emb) for n in names)


@pytest.mark.slow
def test_installed_ucj_runs_from_an_empty_folder(installed, tmp_path):
    bin_dir, env, _ = installed
    ucj = bin_dir / "ucj"
    work = tmp_path / "kosong"
    work.mkdir()

    where = _run([bin_dir / "python", "-c", "import ucj_analysis.config as c; "
                  "print(c.__file__); print(c.checkout_root()); print(c.embedded_data_dir())"],
                 work, env)  # fmt: skip
    module, root, data = where.stdout.split("\n")[:3]
    assert Path(module).is_relative_to(bin_dir.parent), module  # the wheel, not the checkout
    assert root == "None"
    assert data.endswith(os.path.join("ucj_analysis", "_embedded", "data"))

    version = _run([ucj, "--version"], work, env)
    assert version.returncode == 0 and version.stdout.strip() == f"ucj {__version__}"

    audit = _run([ucj, "audit"], work, env)
    assert audit.returncode == 0, audit.stderr
    assert "Konawe" in audit.stdout and "regencies" in audit.stdout

    plan_all = _run([ucj, "batch", "--dry-run"], work, env)  # shipped notebooks x regencies
    assert plan_all.returncode == 0, plan_all.stderr
    for key in ("01_data_audit/all", "02_regency_forecast/konawe", "04_portfolio/all"):
        assert key in plan_all.stdout
    assert not (work / "reports").exists()

    batch = work / "batch.yaml"
    batch.write_text(textwrap.dedent("""\
        out: laporan
        notebooks:
          - notebooks/02_regency_forecast.ipynb
        """), encoding="utf-8")  # fmt: skip
    run = _run([ucj, "batch", "batch.yaml", "--only", "Konawe", "--set", "n_draws=50",
                "--jobs", "1", "--no-progress"], work, env)  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert f"(fork, {bin_dir / 'python'})" in run.stderr  # kernels: the wheel's interpreter
    html = work / "laporan" / "02_regency_forecast" / "konawe.html"
    assert html.is_file()
    assert "Konawe" in html.read_text(encoding="utf-8")
    assert (work / "laporan" / "index.html").is_file()
    assert sorted(p.name for p in work.iterdir()) == ["batch.yaml", "laporan"]

    missing = tmp_path / "tidak-ada"
    bad = _run([ucj, "batch", "batch.yaml", "--data-dir", missing], work, env)
    assert bad.returncode == 2
    assert str(missing) in bad.stderr
    assert "Traceback" not in bad.stdout + bad.stderr

    gone = _run([ucj, "audit"], work, {**env, config.DATA_ENV: str(missing)})
    assert gone.returncode == 2 and str(missing) in gone.stderr
    assert "Traceback" not in gone.stdout + gone.stderr

    init = _run([ucj, "init", "kerja"], work, env)
    assert init.returncode == 0, init.stderr
    plan = _run([ucj, "batch", "batch.yaml", "--only", "Konawe", "--dry-run"], work / "kerja", env)
    assert plan.returncode == 0, plan.stderr
    assert len([ln for ln in plan.stdout.splitlines() if "konawe" in ln or "/all" in ln]) == 4
