"""Where the package finds its files: embedded data, notebooks, batch example, presets, templates.

The same lookups work in two layouts:

* a **repository checkout** (``pip install -e .``): ``data/``, ``notebooks/`` and ``batches/``
  sit next to the package folder, in the repository root;
* an **installed wheel** (``pip install .``): the build copies those folders into the package as
  ``ucj_analysis/_embedded/{data,notebooks,batches}`` (see ``setup.py``).

A checkout wins over embedded copies, so editing ``data/`` in a checkout takes effect at once.

Environment variables (read at every call, so a test or a shell can change them at any time):

``UCJ_DATA_DIR``
    Folder used as the embedded data instead of the shipped one (every dataset file must be in
    it; a planner's own partial folder is given with ``--data-dir`` instead).
``UCJ_NOTEBOOKS_DIR``
    Folder of the report notebooks ``ucj batch`` runs when no batch file is given (default:
    ``./notebooks`` if the current folder has one, else the shipped notebooks).

Only paths are computed here; nothing is read or written.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "DATA_ENV",
    "EMBEDDED_DIR",
    "NOTEBOOKS_ENV",
    "PACKAGE_DIR",
    "PRESETS_FILE",
    "SCHEMAS_DIR",
    "TEMPLATES_DIR",
    "CSS_DIR",
    "PAGE_TEMPLATES_DIR",
    "batch_example",
    "checkout_root",
    "data_templates_dir",
    "embedded_data_dir",
    "notebook_candidates",
    "notebooks_dir",
    "shipped_notebooks_dir",
]

#: Folder of the ``ucj_analysis`` package.
PACKAGE_DIR: Path = Path(__file__).resolve().parent
#: Folder of the copies of ``data/``, ``notebooks/`` and ``batches/`` inside an installed wheel.
EMBEDDED_DIR: Path = PACKAGE_DIR / "_embedded"
#: Scenario presets (package data).
PRESETS_FILE: Path = PACKAGE_DIR / "presets" / "scenarios.yaml"
#: HTML/nbconvert templates (package data): ``ucj_report/`` is the nbconvert template of the
#: reports, ``pages/`` the Jinja2 templates of their header, footer and banner, of the index page
#: and of the one-page summary, ``css/`` their style sheets.
TEMPLATES_DIR: Path = PACKAGE_DIR / "templates"
#: Jinja2 templates of the pages and page parts built by :mod:`ucj_analysis.render`.
PAGE_TEMPLATES_DIR: Path = TEMPLATES_DIR / "pages"
#: Style sheets of the reports, the index page and the one-page summary.
CSS_DIR: Path = TEMPLATES_DIR / "css"
#: JSON schemas (package data).
SCHEMAS_DIR: Path = PACKAGE_DIR / "schemas"

#: Environment variable naming the embedded data folder.
DATA_ENV = "UCJ_DATA_DIR"
#: Environment variable naming the notebooks folder.
NOTEBOOKS_ENV = "UCJ_NOTEBOOKS_DIR"

_PROJECT_NAME = 'name = "ucj-analysis"'


def checkout_root() -> Path | None:
    """Repository root when the package runs from a checkout, else ``None``.

    A checkout is recognised by the project's ``pyproject.toml`` next to the package folder.

    Returns
    -------
    pathlib.Path or None
    """
    root = PACKAGE_DIR.parent
    pyproject = root / "pyproject.toml"
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError:
        return None
    return root if _PROJECT_NAME in text else None


def _shipped(name: str) -> Path:
    """``<checkout>/<name>`` in a checkout that has it, else ``_embedded/<name>``."""
    root = checkout_root()
    if root is not None and (root / name).is_dir():
        return root / name
    return EMBEDDED_DIR / name


def embedded_data_dir() -> Path:
    """Folder of the embedded data.

    ``$UCJ_DATA_DIR`` if set, else ``<checkout>/data``, else the copy inside the installed
    package (``ucj_analysis/_embedded/data``).

    Returns
    -------
    pathlib.Path
        Absolute path (not checked for existence).
    """
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return _shipped("data")


def data_templates_dir() -> Path:
    """Folder of the planner data templates (``data/templates`` of the shipped data).

    Returns
    -------
    pathlib.Path
        Absolute path (not checked for existence).
    """
    return _shipped("data") / "templates"


def shipped_notebooks_dir() -> Path:
    """Folder of the report notebooks shipped with the package (checkout or wheel copy).

    Returns
    -------
    pathlib.Path
        Absolute path (not checked for existence).
    """
    return _shipped("notebooks")


def notebooks_dir() -> Path:
    """Folder of the notebooks ``ucj batch`` runs without a batch file.

    ``$UCJ_NOTEBOOKS_DIR`` if set, else ``./notebooks`` if the current folder has one, else
    :func:`shipped_notebooks_dir`.

    Returns
    -------
    pathlib.Path
        Not checked for existence when it comes from the environment variable.
    """
    env = os.environ.get(NOTEBOOKS_ENV)
    if env:
        return Path(env).expanduser()
    local = Path("notebooks")
    if local.is_dir():
        return local
    return shipped_notebooks_dir()


def notebook_candidates(pattern: str) -> list[Path]:
    """Fallback locations of a relative notebook path or pattern from a batch file.

    A batch file written for the repository names ``notebooks/02_regency_forecast.ipynb``; run
    from any other folder, that path is looked up in the folder holding the shipped
    ``notebooks/``. A bare name (``02_regency_forecast.ipynb``) is looked up in the notebooks
    folder itself.

    Parameters
    ----------
    pattern : str
        Notebook path or glob pattern as written in the batch file.

    Returns
    -------
    list of pathlib.Path
        Candidates in order (empty for an absolute path).
    """
    if Path(pattern).expanduser().is_absolute():
        return []
    folders = [notebooks_dir(), shipped_notebooks_dir()]
    out: list[Path] = []
    for folder in folders:
        for cand in (folder.parent / pattern, folder / pattern):
            if cand not in out:
                out.append(cand)
    return out


def batch_example() -> Path:
    """The example batch file (``batches/default.yaml`` of the checkout or the wheel copy).

    Returns
    -------
    pathlib.Path
        Absolute path (not checked for existence).
    """
    return _shipped("batches") / "default.yaml"
