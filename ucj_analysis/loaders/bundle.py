"""Every dataset loaded and validated together: :class:`DataBundle`, :func:`load_bundle`."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ucj_analysis.errors import DataValidationError, Problem, UnknownRegencyError
from ucj_analysis.loaders.datasets import (
    read_assumptions,
    read_contribution_rates,
    read_coverage,
    read_dana_desa_national,
    read_national_participants,
    read_programmes,
    read_regencies,
    read_targets,
    read_village_funds,
    read_villages,
)
from ucj_analysis.loaders.discovery import _dirs, _unknown_files
from ucj_analysis.loaders.official import official_match
from ucj_analysis.loaders.schema import DATASETS, OPTIONAL_DATASETS, Dataset
from ucj_analysis.parsing import match_name, name_index

__all__ = ["DataBundle", "load_bundle"]


@dataclass(frozen=True, eq=False)
class DataBundle:
    """Every dataset, loaded and validated together.

    Attributes
    ----------
    regencies, coverage, national_participants, dana_desa_national, village_funds,
    contribution_rates, targets, assumptions, programmes : Dataset
    villages : Dataset or None
        The planner's village file (one row per desa / kelurahan), ``None`` without one (the
        embedded data has none); :func:`ucj_analysis.loaders.village_rows` gives one regency's.
    data_dir : pathlib.Path or None
        The user directory merged with the embedded data (``None``: embedded only).
    """

    regencies: Dataset
    coverage: Dataset
    national_participants: Dataset
    dana_desa_national: Dataset
    village_funds: Dataset
    contribution_rates: Dataset
    targets: Dataset
    assumptions: Dataset
    programmes: Dataset
    villages: Dataset | None = None
    data_dir: Path | None = None

    def provenance(self) -> pd.DataFrame:
        """One row per dataset: where it came from and how much of it is observed.

        Returns
        -------
        pandas.DataFrame
            Columns ``dataset, file, title, sources, n_rows, n_observed, n_derived,
            n_assumed``; ``file`` lists the user file and the embedded file (``" + "``) for a
            merged dataset, ``sources`` the distinct ``source`` values used ("; "-separated).
            The village file has a row only when the bundle has one.
        """
        rows = []
        for name in (*DATASETS, *OPTIONAL_DATASETS):
            ds: Dataset | None = getattr(self, name)
            if ds is None:
                continue
            q = ds.frame["quality"].value_counts()
            files = [str(ds.path)]
            merged = ds.meta.get("merged_with")
            if isinstance(merged, dict):
                files.append(str(merged.get("path", "")))
            title = str(ds.meta.get("title", ""))
            if isinstance(merged, dict) and merged.get("title"):
                title = f"{title} + {merged['title']}"
            used = dict.fromkeys(
                part.strip()
                for s in ds.frame["source"]
                if isinstance(s, str)
                for part in s.split(";")
                if part.strip()
            )
            rows.append(
                {
                    "dataset": name,
                    "file": " + ".join(files),
                    "title": title,
                    "sources": "; ".join(used),
                    "n_rows": len(ds.frame),
                    "n_observed": int(q.get("observed", 0)),
                    "n_derived": int(q.get("derived", 0)),
                    "n_assumed": int(q.get("assumed", 0)),
                }
            )
        return pd.DataFrame(rows)

    def regency(self, name: str) -> str:
        """Canonical name of a regency, matched tolerantly (``Kab. Konawe`` -> ``Konawe``).

        A Kemendagri code (``"74.02"``) or another spelling of the official list finds the
        registry row of that regency too.

        Raises
        ------
        UnknownRegencyError
            Listing the known regencies.
        """
        known = list(self.regencies.frame["regency"])
        found = match_name(name, known)
        if found is None:  # a Kemendagri code ("74.71") or another official spelling
            found = official_match(name, name_index(known))
        if found is None:
            raise UnknownRegencyError(name, known)
        return found

    @property
    def regency_names(self) -> list[str]:
        """Canonical names of all regencies in the registry."""
        return list(self.regencies.frame["regency"])

    def workforce_basis(self, name: str) -> str:
        """Basis of a regency's workforce figure (the coverage denominator).

        Parameters
        ----------
        name : str
            Regency, matched tolerantly.

        Returns
        -------
        str
            ``bpjs_non_asn`` (workers other than ASN/TNI/Polri as BPJS/Kemendagri count them),
            ``bps_labour_force`` (BPS angkatan kerja) or ``unknown`` (not stated in the
            registry; never guessed).
        """
        reg = self.regencies.frame.set_index("regency")
        return str(reg.loc[self.regency(name), "workforce_basis"])

    def targets_for(self, name: str) -> pd.DataFrame:
        """Targets that apply to a regency: its own, its province's and the nation's.

        Parameters
        ----------
        name : str
            Regency, matched tolerantly.

        Returns
        -------
        pandas.DataFrame
            Rows of ``targets`` (same columns) for the regency (``level`` regency), its
            province (``level`` province) and Indonesia (``level`` nation), in that order and by
            deadline within each level; index reset.
        """
        regency = self.regency(name)
        reg = self.regencies.frame.set_index("regency")
        province = reg.loc[regency, "province"]
        t = self.targets.frame
        mask = (
            ((t["level"] == "regency") & (t["area"] == regency))
            | ((t["level"] == "province") & (t["area"] == province))
            | (t["level"] == "nation")
        )
        order = {"regency": 0, "province": 1, "nation": 2}
        return (
            t[mask]
            .sort_values(
                ["level", "deadline"],
                key=lambda s: s.map(order) if s.name == "level" else s,
                kind="stable",
            )
            .reset_index(drop=True)
        )

    def programmes_for(self, name: str) -> pd.DataFrame:
        """Programmes already running (or run) in a regency, by start month.

        Parameters
        ----------
        name : str
            Regency, matched tolerantly.

        Returns
        -------
        pandas.DataFrame
            Rows of ``programmes`` for the regency (same columns), sorted by ``start``; empty
            when none is recorded.
        """
        regency = self.regency(name)
        p = self.programmes.frame
        return p[p["regency"] == regency].sort_values("start", kind="stable").reset_index(drop=True)


def load_bundle(data_dir: str | os.PathLike | None = None) -> DataBundle:
    """Load and validate every dataset (embedded data, merged with ``data_dir`` if given).

    Problems in several files are reported together in one :class:`DataValidationError`.

    Parameters
    ----------
    data_dir : str or path-like, optional
        A user data directory.

    Returns
    -------
    DataBundle
    """
    user = _dirs(data_dir)[1]
    problems: list[Problem] = _unknown_files(user) if user is not None else []
    try:
        regencies = read_regencies(data_dir)
    except DataValidationError as e:  # the other files need the registry to be read
        raise DataValidationError(problems + e.problems) from None
    reg = regencies.frame
    loaded: dict[str, Dataset | None] = {"regencies": regencies}
    readers: dict[str, Callable[[], Dataset | None]] = {
        "coverage": lambda: read_coverage(data_dir, reg),
        "national_participants": lambda: read_national_participants(data_dir),
        "dana_desa_national": lambda: read_dana_desa_national(data_dir),
        "village_funds": lambda: read_village_funds(data_dir, regencies=reg),
        "contribution_rates": lambda: read_contribution_rates(data_dir),
        "targets": lambda: read_targets(data_dir, regencies=reg),
        "assumptions": lambda: read_assumptions(data_dir, regencies=reg),
        "programmes": lambda: read_programmes(data_dir, regencies=reg),
        "villages": lambda: read_villages(data_dir, regencies=reg),
    }
    for name, reader in readers.items():
        try:
            loaded[name] = reader()
        except DataValidationError as e:
            problems += e.problems
    if problems:
        raise DataValidationError(problems)
    return DataBundle(**loaded, data_dir=user)
