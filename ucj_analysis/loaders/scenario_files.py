"""Scenario presets and a planner's scenario YAML, read and validated."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ucj_analysis import config
from ucj_analysis.errors import DataValidationError, Problem
from ucj_analysis.loaders.meta import read_yaml

__all__ = ["read_scenarios"]


_PRESETS_FILE = config.PRESETS_FILE


def read_scenarios(path_or_names: str | os.PathLike | Sequence[str] | None = None) -> dict:
    """Read scenario presets and/or a user scenario YAML, validated.

    Parameters
    ----------
    path_or_names : str, path-like, sequence of str or None
        ``None``: every preset in ``ucj_analysis/presets/scenarios.yaml``. A path to a
        ``.yaml``/``.yml`` file: all presets plus the user's scenarios (a user scenario with a
        preset's name replaces it). A preset name or a list of preset names: only those.

    Returns
    -------
    dict[str, Scenario]
        Validated by :func:`ucj_analysis.scenarios.validate_scenarios`.

    Raises
    ------
    DataValidationError
        For an unknown preset name or invalid YAML.
    """
    from ucj_analysis.scenarios import validate_scenarios

    presets_raw = read_yaml(_PRESETS_FILE) or {}
    presets = validate_scenarios(presets_raw, "ucj_analysis/presets/scenarios.yaml")
    if path_or_names is None:
        return presets
    if isinstance(path_or_names, os.PathLike) or (
        isinstance(path_or_names, str) and path_or_names.lower().endswith((".yaml", ".yml"))
    ):
        p = Path(path_or_names)
        user_raw = read_yaml(p) or {}
        return {**presets, **validate_scenarios(user_raw, str(p))}
    names = [path_or_names] if isinstance(path_or_names, str) else list(path_or_names)
    unknown = [n for n in names if n not in presets]
    if unknown:
        raise DataValidationError(
            [
                Problem(_PRESETS_FILE.name, None, "name", n, "loader.scenario.unknown",
                        {"names": ", ".join(presets)})
                for n in unknown
            ]
        )  # fmt: skip
    return {n: presets[n] for n in names}
