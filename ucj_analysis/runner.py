"""Compatibility module: the batch runner lives in :mod:`ucj_analysis.batch`.

``from ucj_analysis.runner import X`` and ``runner.X`` keep working for the public API
(:data:`ucj_analysis.batch.__all__`) and for the private names the command line, tests and
benchmarks used (``_PACKAGE_DIR``, ``_load_bundle``, ``_kernel_manager_class``). New
code imports from :mod:`ucj_analysis.batch`.

When this was one module, setting one of its names (``monkeypatch.setattr(runner,
"_PACKAGE_DIR", folder)`` in the tests) changed what every function of the runner saw. To keep
that, setting a name here also sets it in each module of :mod:`ucj_analysis.batch` that has it.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from ucj_analysis.batch import (
    DEFAULT_PRELOAD,
    MANIFEST_NAME,
    NOTEBOOK_GLOB,
    REASONS,
    BatchFileError,
    BatchResult,
    BatchSpec,
    Decision,
    KernelChoice,
    KernelZygote,
    NotebookEntry,
    NotebookParameter,
    ParameterError,
    ParameterSet,
    Task,
    code_fingerprint,
    coerce_parameter,
    data_fingerprint,
    decide,
    default_batch,
    execute_task,
    load_batch_file,
    notebook_parameters,
    parse_assignments,
    plan_batch,
    read_manifest,
    resolve_kernel,
    resolve_kernel_mode,
    resolve_parameters,
    run_batch,
    slugify,
    start_kernel_factory,
    task_fingerprint,
)
from ucj_analysis.batch.fingerprint import _PACKAGE_DIR  # noqa: F401 - used by tests
from ucj_analysis.batch.kernels import _kernel_manager_class  # noqa: F401 - by the benchmark
from ucj_analysis.batch.plan import _load_bundle  # noqa: F401 - formerly by the command line

__all__ = [
    "DEFAULT_PRELOAD",
    "MANIFEST_NAME",
    "NOTEBOOK_GLOB",
    "REASONS",
    "BatchFileError",
    "BatchResult",
    "BatchSpec",
    "Decision",
    "KernelChoice",
    "KernelZygote",
    "NotebookEntry",
    "NotebookParameter",
    "ParameterError",
    "ParameterSet",
    "Task",
    "code_fingerprint",
    "coerce_parameter",
    "data_fingerprint",
    "decide",
    "default_batch",
    "execute_task",
    "load_batch_file",
    "notebook_parameters",
    "parse_assignments",
    "plan_batch",
    "read_manifest",
    "resolve_kernel",
    "resolve_kernel_mode",
    "resolve_parameters",
    "run_batch",
    "slugify",
    "start_kernel_factory",
    "task_fingerprint",
]


class _Forwarding(types.ModuleType):
    """This module, with attribute assignment forwarded to the batch modules that use the name."""

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        if name.startswith("__"):
            return
        for module_name, module in list(sys.modules.items()):
            if module_name.startswith("ucj_analysis.batch.") and name in vars(module):
                setattr(module, name, value)


sys.modules[__name__].__class__ = _Forwarding
