"""Build step that ships ``data/``, ``notebooks/`` and ``batches/default.yaml`` in the wheel.

The repository keeps these folders at the top level (planners and the docs use them there). A
wheel copies them into the package as ``ucj_analysis/_embedded/{data,notebooks,batches}``, in the
build folder only (the source tree is never written), so that ``pip install .`` gives a ``ucj``
that runs from any folder. :mod:`ucj_analysis.config` finds them in either layout. An editable
install needs no copy: it reads the repository folders directly. Everything else is declared in
``pyproject.toml``; ``MANIFEST.in`` puts the same files in an sdist.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent

#: Top-level folder -> glob patterns (relative to it) copied into ``ucj_analysis/_embedded``.
SHIPPED: dict[str, tuple[str, ...]] = {
    "data": ("*.csv", "*.meta.yaml", "README.md", "templates/*.csv", "templates/*.xlsx"),
    "notebooks": ("[0-9][0-9]_*.ipynb",),
    "batches": ("default.yaml",),
}


class BuildPyWithEmbedded(build_py):
    """``build_py`` that also copies the shipped folders into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        dest = Path(self.build_lib) / "ucj_analysis" / "_embedded"
        for folder, patterns in SHIPPED.items():
            found = [p for pattern in patterns for p in sorted((ROOT / folder).glob(pattern))]
            if not found:
                raise SystemExit(f"build: nothing to ship from {folder}/ ({', '.join(patterns)})")
            for src in found:
                target = dest / folder / src.relative_to(ROOT / folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, target)


setup(cmdclass={"build_py": BuildPyWithEmbedded})
