"""The committed notebooks are what tools/make_notebooks.py writes, and read as an analysis."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("01_data_audit", "02_regency_forecast", "03_budget_scenarios", "04_portfolio")


def _generator():
    spec = importlib.util.spec_from_file_location(
        "make_notebooks", ROOT / "tools/make_notebooks.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_matches_its_generator(name, tmp_path):
    _generator().main(tmp_path)
    fresh = json.loads((tmp_path / f"{name}.ipynb").read_text(encoding="utf-8"))
    committed = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    assert committed == fresh, f"run tools/make_notebooks.py and commit notebooks/{name}.ipynb"


def test_forecast_notebook_tells_its_steps_in_indonesian():
    nb = json.loads((ROOT / "notebooks/02_regency_forecast.ipynb").read_text(encoding="utf-8"))
    md = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    steps = [m.splitlines()[0] for m in md if m.startswith("## Langkah")]
    assert steps == [
        "## Langkah 1 · Data dan titik awal",
        "## Langkah 2 · Asumsi yang boleh Anda ubah",
        "## Langkah 3 · Tren dan simulasi",
        "## Langkah 4 · Jawaban",
        "## Langkah 5 · Grafik",
        "## Langkah 6 · Anggaran minimum, tunggakan, dan ketepatan tren",
        "## Langkah 7 · Desa demi desa",
    ]
    # narrative and inspection cells are for JupyterLab only: the report stays in one language
    for c in nb["cells"]:
        src = "".join(c["source"])
        if c["cell_type"] == "markdown" or src.startswith("cakupan") or "data = " in src:
            assert "remove-cell" in c["metadata"].get("tags", []), src[:60]
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert any(src.startswith("asumsi = {}") for src in code)  # the one cell a planner edits
