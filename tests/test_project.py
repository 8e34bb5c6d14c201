"""Project-level checks: environment files agree, notebooks are clean, set-up is documented."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _requirement(spec: str) -> tuple[str, str]:
    """Split ``'pandas>=2.2'`` into ``('pandas', '>=2.2')`` with a normalised name."""
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    assert m, spec
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_requirement(s) for s in project["dependencies"])
    wanted |= dict(_requirement(s) for s in project["optional-dependencies"]["test"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {}
    pip_entries = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip_entries += dep.get("pip", [])
            continue
        name, version = _requirement(dep)
        if name not in {"python", "pip"}:
            conda[name] = version
    assert conda == wanted, (
        f"only in environment.yml: {sorted(set(conda) - set(wanted))}; "
        f"only in pyproject: {sorted(set(wanted) - set(conda))}; "
        f"version pins differ: {sorted(k for k in conda if k in wanted and conda[k] != wanted[k])}"
    )
    assert "-e ." in pip_entries
    py = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert py.replace("python", "") == project["requires-python"]


def test_there_are_numbered_notebooks():
    names = [p.stem for p in NOTEBOOKS]
    assert names[:4] == [
        "01_data_audit",
        "02_regency_forecast",
        "03_budget_scenarios",
        "04_portfolio",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_committed_without_outputs_and_one_parameters_cell(path):
    nb = json.loads(path.read_text())
    dirty = [i for i, c in enumerate(nb["cells"]) if c.get("outputs") or c.get("execution_count")]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; strip them before committing"
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: {len(tagged)} cells tagged 'parameters'"
    source = "".join(tagged[0]["source"])
    for line in source.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            assert re.match(r"^\w+: [\w\[\], ]+ = .+  # .+", line), (
                f"{path.name}: parameter line is not a typed, commented literal: {line!r}"
            )


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "make reports" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test\s*$", ci, re.M)
    makefile = (ROOT / "Makefile").read_text()
    for target in ("reports", "test", "lab", "help"):
        assert re.search(rf"^{target}:", makefile, re.M), target


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_papermill_sees_every_parameter(path):
    """papermill skips parameter lines it cannot parse (e.g. a '=' in the comment): catch that."""
    import papermill

    nb = json.loads(path.read_text())
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    names = [
        line.split(":")[0].strip()
        for line in "".join(cell["source"]).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    inspected = papermill.inspect_notebook(str(path))
    assert list(inspected) == names
    assert all(p["inferred_type_name"] != "None" for p in inspected.values())
