"""One reader per dataset: a file read and validated, the embedded data merged with a planner's.

:func:`read_table` reads one file; :func:`read_regencies`, :func:`read_coverage`,
:func:`read_programmes` merge a planner's rows with the embedded rows (see
:mod:`ucj_analysis.loaders`), and the other ``read_*`` take the planner's file instead of the
embedded one. :func:`read_table` and :func:`read_regencies` call each other (a file naming
areas is checked against the embedded registry unless one is given), so they share a module.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ucj_analysis.errors import SEPARATOR, DataValidationError
from ucj_analysis.i18n import both
from ucj_analysis.loaders.checks import _CHECKS, _NEEDS_AREAS, _Areas
from ucj_analysis.loaders.csv_xlsx import _read_raw
from ucj_analysis.loaders.discovery import _dirs, _embedded_file, _find_file, _is_embedded, _missing
from ucj_analysis.loaders.meta import _check_source_keys, _load_meta, _merged_meta
from ucj_analysis.loaders.official import add_official_rows
from ucj_analysis.loaders.schema import _SPECS, Dataset
from ucj_analysis.loaders.table import _sorted_problems, _Table
from ucj_analysis.parsing import QUALITY_VALUES, match_name, name_index, normalise_header

__all__ = [
    "read_table",
    "read_regencies",
    "read_coverage",
    "read_national_participants",
    "read_dana_desa_national",
    "read_village_funds",
    "read_contribution_rates",
    "read_targets",
    "read_assumptions",
    "read_programmes",
]


def read_table(
    path: str | os.PathLike, name: str, *, regencies: pd.DataFrame | None = None
) -> Dataset:
    """Read and validate one file of dataset ``name`` (no merging with the embedded data).

    Parameters
    ----------
    path : str or path-like
        A ``.csv`` or ``.xlsx`` file.
    name : str
        Dataset name, one of :data:`DATASETS`.
    regencies : pandas.DataFrame, optional
        Registry used to resolve regency names (``regency``, ``province`` columns); defaults to
        the embedded registry.

    Returns
    -------
    Dataset
        Typed frame, meta (``<stem>.meta.yaml`` or generated) and ``path``.

    Raises
    ------
    DataValidationError
        Listing every problem in the file (and its meta file).
    """
    p = Path(path)
    spec = _SPECS[name]
    if not p.exists():
        raise FileNotFoundError(both("loader.file.not_found", sep=SEPARATOR, path=p))
    plain = _is_embedded(p) and p.suffix.lower() == ".csv"
    raw = _read_raw(p, spec)
    t = _Table(raw, spec, plain)
    if not raw.header or not any(normalise_header(h) for h in raw.header):
        t.add(None, None, "loader.file.empty")
        raise DataValidationError(t.problems)
    t.map_headers()
    if not raw.rows and not raw.problems:
        t.add(None, None, "loader.file.no_rows")
    t.parse_cells()
    areas = None
    if name in _NEEDS_AREAS:
        reg = regencies if regencies is not None else read_regencies().frame
        areas = _Areas(reg)
    _CHECKS[name](t, areas)
    t.check_duplicates()
    frame = t.frame() if not t.problems else None
    meta, meta_problems = _load_meta(p, frame)
    problems = _sorted_problems(t) + meta_problems
    if frame is not None and _is_embedded(p) and not meta.get("generated"):
        problems += _check_source_keys(t, meta)
    if problems:
        raise DataValidationError(problems)
    assert frame is not None
    if t.ignored:
        meta["ignored_columns"] = list(t.ignored)
    if raw.encoding not in (None, "utf-8-sig"):
        meta["encoding"] = raw.encoding
    if name == "coverage":
        frame = _sort_coverage(frame)
    return Dataset(frame, meta, p)


def _sort_coverage(frame: pd.DataFrame) -> pd.DataFrame:
    """Regencies, then provinces, then the nation; by name, segment and date (stable)."""
    order = {"regency": 0, "province": 1, "nation": 2}
    return frame.sort_values(
        ["level", "regency", "segment", "date"],
        key=lambda s: s.map(order) if s.name == "level" else s,
        kind="stable",
    ).reset_index(drop=True)


def _read_simple(
    name: str, data_dir: str | os.PathLike | None, regencies: pd.DataFrame | None = None
) -> Dataset:
    spec = _SPECS[name]
    emb, user = _dirs(data_dir)
    if name in _NEEDS_AREAS and regencies is None:
        regencies = read_regencies(data_dir).frame
    if user is not None:
        uf = _find_file(user, spec)
        if uf is not None:
            return read_table(uf, name, regencies=regencies)
    ef = _embedded_file(emb, spec)
    if ef is None:
        raise _missing(spec, emb, user)
    return read_table(ef, name, regencies=regencies)


def read_regencies(data_dir: str | os.PathLike | None = None) -> Dataset:
    """Read the regency registry; a user's rows extend/override the embedded ones.

    Parameters
    ----------
    data_dir : str or path-like, optional
        A user data directory; ``None`` reads only the embedded data.

    Returns
    -------
    Dataset
        Columns ``regency, province, n_kecamatan, n_desa, n_kelurahan, population,
        population_year, workforce_growth_pct, workforce_basis, source, quality, note`` (counts
        ``Int64``, ``workforce_growth_pct`` [% per year] float, ``workforce_basis``
        ``bpjs_non_asn``/``bps_labour_force``/``unknown``: the basis of the regency's starting
        workforce; ``unknown`` when the file has no such column or the cell is empty). A user
        row for a regency already known (matched tolerantly) replaces the embedded row; other
        user rows are new regencies. A regency or city that the user's other files name but
        no row lists gets a ``derived`` row from the official list
        (:mod:`ucj_analysis.loaders.official`).
    """
    spec = _SPECS["regencies"]
    emb, user = _dirs(data_dir)
    ef = _embedded_file(emb, spec)
    uf = _find_file(user, spec) if user is not None else None
    if ef is None and uf is None:
        raise _missing(spec, emb, user)
    embedded = read_table(ef, "regencies") if ef is not None else None
    merged = _merge_regencies(embedded, read_table(uf, "regencies") if uf is not None else None)
    if user is None:
        return merged
    official = (embedded.meta.get("official_list") or {}) if embedded is not None else {}
    return add_official_rows(merged, user, official.get("source"))


def _merge_regencies(embedded: Dataset | None, mine: Dataset | None) -> Dataset:
    """The embedded registry with a planner's rows: same regency replaced, new ones appended."""
    if mine is None:
        assert embedded is not None
        return embedded
    if embedded is None:
        return mine
    known = list(embedded.frame["regency"])
    index = name_index(known)
    canon = [match_name(n, index) or n for n in mine.frame["regency"]]
    user_frame = mine.frame.assign(regency=pd.Series(canon, dtype="str"))
    # overridden regencies keep their place in the registry; new ones are appended
    position = {name: i for i, name in enumerate(known)}
    user_pos = [position.get(name, len(known) + j) for j, name in enumerate(canon)]
    keep = embedded.frame[~embedded.frame["regency"].isin(set(canon))]
    frame = (
        pd.concat(
            [keep.assign(_pos=keep.index.to_numpy()), user_frame.assign(_pos=user_pos)],
            ignore_index=True,
        )
        .sort_values("_pos", kind="stable")
        .drop(columns="_pos")
        .reset_index(drop=True)
    )
    frame["quality"] = pd.Categorical(frame["quality"], categories=list(QUALITY_VALUES))
    return Dataset(frame, _merged_meta(mine, embedded), mine.path)


def read_coverage(
    data_dir: str | os.PathLike | None = None,
    regencies: Dataset | pd.DataFrame | None = None,
) -> Dataset:
    """Read coverage observations (regency, province and national series).

    Parameters
    ----------
    data_dir : str or path-like, optional
        A user data directory; its ``coverage`` rows replace the embedded rows for the same
        areas (level + name) and the embedded rows for all other areas are kept.
    regencies : Dataset or pandas.DataFrame, optional
        Regency registry for name matching; default ``read_regencies(data_dir)``.

    Returns
    -------
    Dataset
        Columns ``regency, province, level, date, segment, workforce, active, coverage_pct,
        use_in_model, source, quality, note``: ``date`` datetime64[ns], ``workforce``/``active``
        [persons] Int64, ``coverage_pct`` [%] float 0-100, ``use_in_model`` bool. Sorted by
        level (regency, province, nation), name, segment and date.

    Raises
    ------
    DataValidationError
        Listing every problem: active > workforce, coverage outside 0-100 %, coverage_pct
        disagreeing with active / workforce by more than 0.1 percentage points, negative or
        non-numeric counts, unknown areas, duplicate area × date × segment rows, unparseable
        dates, missing columns, empty files, missing Excel sheet.
    """
    spec = _SPECS["coverage"]
    emb, user = _dirs(data_dir)
    if isinstance(regencies, Dataset):
        regencies = regencies.frame
    if regencies is None:
        regencies = read_regencies(data_dir).frame
    ef = _embedded_file(emb, spec)
    uf = _find_file(user, spec) if user is not None else None
    if ef is None and uf is None:
        raise _missing(spec, emb, user)
    embedded = read_table(ef, "coverage", regencies=regencies) if ef is not None else None
    if uf is None:
        assert embedded is not None
        return embedded
    mine = read_table(uf, "coverage", regencies=regencies)
    if embedded is None:
        return mine
    areas = set(zip(mine.frame["level"], mine.frame["regency"], strict=True))
    ef_ = embedded.frame
    keep = ef_[[(lv, r) not in areas for lv, r in zip(ef_["level"], ef_["regency"], strict=True)]]
    frame = pd.concat([keep, mine.frame], ignore_index=True)
    frame["quality"] = pd.Categorical(frame["quality"], categories=list(QUALITY_VALUES))
    return Dataset(_sort_coverage(frame), _merged_meta(mine, embedded), mine.path)


def read_national_participants(data_dir: str | os.PathLike | None = None) -> Dataset:
    """Read BPJS Ketenagakerjaan national participants.

    Returns
    -------
    Dataset
        Columns ``date, active, registered, source, quality, note``; counts [persons] Int64.
        A user file replaces the embedded one.
    """
    return _read_simple("national_participants", data_dir)


def read_dana_desa_national(data_dir: str | os.PathLike | None = None) -> Dataset:
    """Read the national Dana Desa series.

    Returns
    -------
    Dataset
        Columns ``year, amount_rp, n_desa, source, quality, note``; ``amount_rp`` [Rp per
        year] Int64. A user file replaces the embedded one.
    """
    return _read_simple("dana_desa_national", data_dir)


def read_village_funds(
    data_dir: str | os.PathLike | None = None, *, regencies: pd.DataFrame | None = None
) -> Dataset:
    """Read Dana Desa (DD) and Alokasi Dana Desa (ADD) per regency and year.

    Returns
    -------
    Dataset
        Columns ``regency, year, fund, amount_rp, n_desa, source, quality, note``; ``fund`` in
        ``DD``/``ADD``; ``amount_rp`` [Rp per year] Int64. A user file replaces the embedded one.
    """
    return _read_simple("village_funds", data_dir, regencies)


def read_contribution_rates(data_dir: str | os.PathLike | None = None) -> Dataset:
    """Read BPJS Ketenagakerjaan contribution rates.

    Returns
    -------
    Dataset
        Columns ``scheme, payer, component, valid_from, valid_to, rate_rp_per_month,
        legal_basis, source, quality, note``; ``valid_to`` NaT = open-ended;
        ``rate_rp_per_month`` [Rp per person per month] Int64.
    """
    return _read_simple("contribution_rates", data_dir)


def read_targets(
    data_dir: str | os.PathLike | None = None, *, regencies: pd.DataFrame | None = None
) -> Dataset:
    """Read coverage targets (RPJMD, RPJMN, RKP, RPJPN ...).

    Returns
    -------
    Dataset
        Columns ``area, level, segment, target_pct, deadline, plan, source, quality, note``;
        ``target_pct`` [%] float, ``deadline`` datetime64[ns] (last day of the deadline year).
    """
    return _read_simple("targets", data_dir, regencies)


def read_assumptions(
    data_dir: str | os.PathLike | None = None, *, regencies: pd.DataFrame | None = None
) -> Dataset:
    """Read model assumptions (lapse rate, arrears, budget realisation ...).

    Returns
    -------
    Dataset
        Columns ``parameter, regency, value, low, high, unit, source, quality, note``;
        ``regency`` is a canonical regency name or ``*`` (all regencies); ``value`` float in
        ``unit``; ``low`` and ``high`` (optional, NaN when absent) the range of the Monte Carlo
        draws around the central ``value`` (``low <= value <= high``).
    """
    return _read_simple("assumptions", data_dir, regencies)


def read_programmes(
    data_dir: str | os.PathLike | None = None, *, regencies: pd.DataFrame | None = None
) -> Dataset:
    """Read the funding programmes already running in the regencies.

    Parameters
    ----------
    data_dir : str or path-like, optional
        A user data directory; its ``programmes`` rows replace the embedded rows **for the same
        regencies** and the embedded rows of every other regency are kept.
    regencies : pandas.DataFrame, optional
        Regency registry for name matching; default ``read_regencies(data_dir)``.

    Returns
    -------
    Dataset
        Columns ``regency, programme, payer, lever, persons_per_desa, persons,
        amount_rp_per_year, include_kelurahan, start, end, in_start_figure, source, quality,
        note``: ``payer`` in village/regency/province/central, ``lever`` in
        quota_per_village/fixed_cohort/apbd_amount/share_of_fund (the scenario lever types),
        ``persons_per_desa`` and ``persons`` [persons] Int64, ``amount_rp_per_year`` [Rp per
        year] Int64, ``include_kelurahan`` bool, ``start``/``end`` ``period[M]`` (``end`` NaT =
        still running), ``in_start_figure`` ``"true"``/``"false"``/``"unknown"`` (whether the
        regency's starting coverage figure already counts the programme's workers).

    Raises
    ------
    DataValidationError
        Listing every problem: unknown regency, payer or lever; a lever without its size
        (``persons_per_desa`` for quota_per_village, ``persons`` for fixed_cohort,
        ``amount_rp_per_year`` for apbd_amount); end before start; duplicate regency ×
        programme × start.
    """
    spec = _SPECS["programmes"]
    emb, user = _dirs(data_dir)
    if regencies is None:
        regencies = read_regencies(data_dir).frame
    ef = _embedded_file(emb, spec)
    uf = _find_file(user, spec) if user is not None else None
    if ef is None and uf is None:
        raise _missing(spec, emb, user)
    embedded = read_table(ef, "programmes", regencies=regencies) if ef is not None else None
    if uf is None:
        assert embedded is not None
        return embedded
    mine = read_table(uf, "programmes", regencies=regencies)
    if embedded is None:
        return mine
    ef_ = embedded.frame
    keep = ef_[~ef_["regency"].isin(set(mine.frame["regency"]))]
    frame = pd.concat([keep, mine.frame], ignore_index=True)
    frame["quality"] = pd.Categorical(frame["quality"], categories=list(QUALITY_VALUES))
    return Dataset(frame, _merged_meta(mine, embedded), mine.path)


def read_villages(
    data_dir: str | os.PathLike | None = None, *, regencies: pd.DataFrame | None = None
) -> Dataset | None:
    """Read a planner's village file (``villages`` / ``desa``), or ``None`` when there is none.

    Parameters
    ----------
    data_dir : str or path-like, optional
        A user data directory; without one (or without a village file in it) the embedded data
        folder is looked at, which normally has none.
    regencies : pandas.DataFrame, optional
        Regency registry for name matching; default ``read_regencies(data_dir)``.

    Returns
    -------
    Dataset or None
        Columns ``regency, kecamatan, village, code, village_type, uncovered, funded_now,
        add_rp, dd_rp, budget_rp, budget_pct_add, paid_until, late_years, history_years,
        data_month, source, quality, note, note_id``: counts [persons] and rupiah [Rp per year]
        Int64 (``<NA>`` = not given), ``budget_pct_add`` [%] float, ``paid_until`` and
        ``data_month`` ``period[M]``, ``village_type`` ``desa`` / ``kelurahan`` (``""`` when
        neither the file nor the official list says).

    Raises
    ------
    DataValidationError
        Listing every problem of the file (see the module docstring).
    """
    spec = _SPECS["villages"]
    emb, user = _dirs(data_dir)
    path = _find_file(user, spec) if user is not None else None
    if path is None:
        path = _embedded_file(emb, spec)
    if path is None:
        return None
    if regencies is None:
        regencies = read_regencies(data_dir).frame
    return read_table(path, "villages", regencies=regencies)
