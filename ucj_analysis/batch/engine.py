"""The papermill engine of ``ucj batch``: papermill's nbclient engine, saving once at the end.

papermill writes the whole output notebook when a cell starts and again when it completes
(``request_save_on_cell_execute``), so the forecast report (37 code cells, ~1 MB of embedded
charts) is serialised about 75 times. A batch report is executed into a temporary folder that
nobody watches, so these writes are pure cost, paid on the same cores the kernels need
(measured against papermill's own engine in ``benchmarks/results/bench_batch_parts.md``).

:class:`SaveAtEndEngine` keeps papermill's execution and its record of every cell (status,
start, end, duration) and writes the notebook twice instead: when the run starts and when it
ends, *whatever* ends it. papermill calls ``notebook_complete`` in a ``finally`` block, so a
failed cell, a dead kernel, a timeout or Ctrl-C still leaves the notebook with the outputs of
every cell executed so far, as before.
"""

from __future__ import annotations

from papermill.engines import NBClientEngine, papermill_engines

__all__ = ["ENGINE_NAME", "SaveAtEndEngine"]

#: Name under which the engine is registered with papermill (``engine_name=``).
ENGINE_NAME = "ucj-save-at-end"


class SaveAtEndEngine(NBClientEngine):
    """papermill's nbclient engine without the save at every cell start and completion."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        """Execute the notebook with saving paused; the end of the run saves it once.

        Parameters
        ----------
        nb_man : papermill.engines.NotebookExecutionManager
            The execution manager papermill created for this run (it saves at start and end).
        kernel_name : str
            Jupyter kernel to execute in.
        **kwargs
            papermill's engine arguments (timeouts, kernel manager class, resources).

        Returns
        -------
        nbformat.NotebookNode
            The executed notebook (as papermill's nbclient engine returns it).
        """
        output_path, nb_man.output_path = nb_man.output_path, None
        try:
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
        finally:
            nb_man.output_path = output_path  # notebook_complete, which follows, saves


papermill_engines.register(ENGINE_NAME, SaveAtEndEngine)
