"""The batch's papermill engine writes the notebook at the start and the end, not per cell.

Real kernels (the ``python3`` kernelspec); the output notebook is written by papermill, and
the number of writes is counted where papermill's execution manager writes.
"""

from __future__ import annotations

import nbformat
import papermill
import pytest
from papermill import engines
from papermill.exceptions import PapermillExecutionError

from ucj_analysis.batch.engine import ENGINE_NAME, SaveAtEndEngine


def _notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def _code_cells(path):
    return [c for c in nbformat.read(str(path), as_version=4).cells if c.cell_type == "code"]


@pytest.fixture
def writes(monkeypatch):
    """Paths papermill's execution manager wrote the notebook to, one entry per write."""
    seen: list[str] = []
    real = engines.write_ipynb

    def counting(nb, path):
        seen.append(str(path))
        return real(nb, path)

    monkeypatch.setattr(engines, "write_ipynb", counting)
    return seen


def _run(nb, out, engine_name):
    return papermill.execute_notebook(
        nb,
        str(out),
        kernel_name="python3",
        progress_bar=False,
        engine_name=engine_name,
        request_save_on_cell_execute=True,
        start_timeout=120,
    )


def test_registered_with_papermill():
    assert engines.papermill_engines.get_engine(ENGINE_NAME) is SaveAtEndEngine


def test_six_cells_are_written_twice_instead_of_fourteen_times(tmp_path, writes):
    nb = _notebook(*(f"x{i} = {i} * 2\nx{i}" for i in range(6)))
    out = _run(nb, tmp_path / "ours.ipynb", ENGINE_NAME)
    ours = len(writes)
    writes.clear()
    ref = _run(nb, tmp_path / "papermill.ipynb", None)
    assert ours == 2  # notebook_start and notebook_complete
    assert len(writes) == 2 + 2 * 6  # papermill's own engine: start, end, each cell twice
    # same outputs and the same per-cell record
    got = nbformat.read(str(tmp_path / "ours.ipynb"), as_version=4)
    assert [c.outputs[0]["data"]["text/plain"] for c in got.cells] == [str(i * 2) for i in range(6)]
    assert [c.outputs for c in out.cells] == [c.outputs for c in ref.cells]
    assert all(c.metadata.papermill.status == "completed" for c in got.cells)
    assert all(c.metadata.papermill.duration >= 0 for c in got.cells)


def test_a_failed_cell_keeps_the_outputs_before_it(tmp_path, writes):
    nb = _notebook("print('satu')", "raise ValueError('rusak')", "print('tiga')")
    with pytest.raises(PapermillExecutionError, match="rusak"):
        _run(nb, tmp_path / "out.ipynb", ENGINE_NAME)
    got = _code_cells(tmp_path / "out.ipynb")  # papermill adds a markdown banner at the top
    assert got[0].outputs[0]["text"] == "satu\n"
    assert got[1].metadata.papermill.exception is True
    assert got[2].outputs == []


def test_a_dead_kernel_still_leaves_the_cells_executed_so_far(tmp_path, writes):
    nb = _notebook("print('sebelum')", "import os\nos._exit(1)", "print('sesudah')")
    with pytest.raises(BaseException) as info:  # nbclient's DeadKernelError
        _run(nb, tmp_path / "out.ipynb", ENGINE_NAME)
    assert "dead" in type(info.value).__name__.lower() or "died" in str(info.value).lower()
    assert len(writes) == 2  # start, and the end reached through papermill's finally block
    got = _code_cells(tmp_path / "out.ipynb")
    assert got[0].outputs[0]["text"] == "sebelum\n"
    assert got[0].metadata.papermill.status == "completed"
    assert got[2].outputs == []
