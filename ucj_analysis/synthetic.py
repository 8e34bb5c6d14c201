"""A synthetic national dataset (hundreds of regencies) for scale tests. NOT real data.

Every synthetic row is labelled ``source = synthetic``, ``quality = assumed`` and a note starting
with "SYNTHETIC — not real data"; regencies are named ``Sintetis 001``, ``Sintetis 002``, ...; every
meta file written has a title starting with ``SINTETIS / SYNTHETIC``. Nothing here describes a real
regency: the numbers only have realistic magnitudes (so the models run as they would on a national
data set).

How the numbers are made (all random draws from ``numpy.random.default_rng(seed)``):

* ``regencies``: population ~ lognormal (median 250,000, clipped to 40,000-3,000,000), desa
  40-400, kelurahan 0-60, kecamatan 5-40, annual workforce growth ~ N(1.1, 0.45) % clipped to
  0.1-3.0 %; province drawn from the 38 provinces.
* ``coverage`` (segment ``total``, level ``regency``): the workforce is population x a labour
  share ~ U(0.42, 0.54), grown at the regency's growth rate; coverage follows a logistic trend,
  ``logit(c_t) = logit(c_0) + b (t - t_0) + e_t`` with ``c_0 ~ U(0.12, 0.55)``,
  ``b ~ N(0.18, 0.08)`` per year clipped to 0-0.45 and ``e_t ~ N(0, 0.05)``, observed at the end
  of 2021, 2022, 2023, 2024 and June 2025; ``active = round(workforce * c_t)`` and
  ``coverage_pct = round(active / workforce * 100, 2)``.
* ``village_funds``: Dana Desa (DD) per desa ~ U(Rp 0.85, 1.05 billion) scaled by the national
  DD of each year relative to 2021 (72.0, 68.0, 70.0, 71.0, 71.0 trillion for 2021-2025);
  Alokasi Dana Desa (ADD) per desa ~ U(Rp 0.25, 0.45 billion) growing 3 % a year; rounded to
  Rp 1,000.

:func:`write_synthetic_dataset` writes a data folder in the loader layout: ``regencies.csv``,
``coverage.csv`` and ``village_funds.csv`` (embedded rows + synthetic rows, since a user
``village_funds`` file replaces the embedded one) with their ``.meta.yaml``, copies of the
embedded ``national_participants``, ``dana_desa_national``, ``contribution_rates``, ``targets``
and ``assumptions`` files, and a folder-level ``meta.yaml``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "COPIED_DATASETS",
    "SYNTHETIC_NOTE",
    "SYNTHETIC_SOURCE",
    "SYNTHETIC_TITLE",
    "make_synthetic_dataset",
    "synthetic_regency_names",
    "write_synthetic_dataset",
]

#: ``source`` of every synthetic row.
SYNTHETIC_SOURCE = "synthetic"
#: Start of the ``note`` of every synthetic row.
SYNTHETIC_NOTE = "SYNTHETIC — not real data"
#: Start of the title of every meta file written.
SYNTHETIC_TITLE = "SINTETIS / SYNTHETIC"
#: Embedded datasets copied unchanged into a synthetic folder.
COPIED_DATASETS = (
    "national_participants",
    "dana_desa_national",
    "contribution_rates",
    "targets",
    "assumptions",
)

_REGENCY_COLUMNS = [
    "regency", "province", "n_kecamatan", "n_desa", "n_kelurahan", "population",
    "population_year", "workforce_growth_pct", "source", "quality", "note",
]  # fmt: skip
_COVERAGE_COLUMNS = [
    "regency", "province", "level", "date", "segment", "workforce", "active", "coverage_pct",
    "use_in_model", "source", "quality", "note",
]  # fmt: skip
_FUND_COLUMNS = ["regency", "year", "fund", "amount_rp", "n_desa", "source", "quality", "note"]
_OBSERVATION_DATES = ("2021-12-31", "2022-12-31", "2023-12-31", "2024-12-31", "2025-06-30")
_NATIONAL_DD_TRILLION = {2021: 72.0, 2022: 68.0, 2023: 70.0, 2024: 71.0, 2025: 71.0}


def synthetic_regency_names(n_regencies: int) -> list[str]:
    """``Sintetis 001`` ... (three digits, more when ``n_regencies`` > 999).

    Parameters
    ----------
    n_regencies : int

    Returns
    -------
    list of str
    """
    width = max(3, len(str(n_regencies)))
    return [f"Sintetis {i:0{width}d}" for i in range(1, n_regencies + 1)]


def _logit(p: np.ndarray) -> np.ndarray:
    return np.log(p / (1 - p))


def _expit(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def make_synthetic_dataset(n_regencies: int, seed: int = 2025) -> dict[str, pd.DataFrame]:
    """Generate synthetic regencies, coverage series and village funds (labelled synthetic).

    Parameters
    ----------
    n_regencies : int
        Number of regencies (>= 1).
    seed : int
        Random seed; the same seed gives the same data.

    Returns
    -------
    dict of pandas.DataFrame
        ``regencies``, ``coverage`` and ``village_funds`` with the columns of the loader layout
        (``docs/ARCHITECTURE.md``); dates as ISO text, counts and rupiah as int, ``use_in_model``
        as ``"true"``.
    """
    if n_regencies < 1:
        raise ValueError(f"n_regencies must be >= 1, got {n_regencies}")
    from ucj_analysis.loaders import PROVINCES

    rng = np.random.default_rng(seed)
    n = n_regencies
    note = f"{SYNTHETIC_NOTE} (ucj_analysis.synthetic, seed {seed})"
    names = synthetic_regency_names(n)
    provinces = rng.choice(np.array(PROVINCES), size=n)
    population = np.clip(rng.lognormal(np.log(250_000), 0.6, n), 40_000, 3_000_000).round()
    n_desa = rng.integers(40, 401, n)
    n_kelurahan = rng.integers(0, 61, n)
    n_kecamatan = np.clip((n_desa / 12).round() + rng.integers(-3, 4, n), 5, 40).astype(int)
    growth = np.clip(rng.normal(1.1, 0.45, n), 0.1, 3.0).round(2)
    regencies = pd.DataFrame(
        {
            "regency": names,
            "province": provinces,
            "n_kecamatan": n_kecamatan,
            "n_desa": n_desa,
            "n_kelurahan": n_kelurahan,
            "population": population.astype(int),
            "population_year": 2024,
            "workforce_growth_pct": growth,
            "source": SYNTHETIC_SOURCE,
            "quality": "assumed",
            "note": note,
        },
        columns=_REGENCY_COLUMNS,
    )

    labour_share = rng.uniform(0.42, 0.54, n)
    c0 = rng.uniform(0.12, 0.55, n)
    slope = np.clip(rng.normal(0.18, 0.08, n), 0.0, 0.45)
    dates = pd.to_datetime(list(_OBSERVATION_DATES))
    t0 = dates[0]
    years = np.array([(d - t0).days / 365.25 for d in dates])
    wf_years = np.array([(d - pd.Timestamp("2024-06-30")).days / 365.25 for d in dates])
    rows = []
    for i in range(n):
        workforce = np.round(
            population[i] * labour_share[i] * (1 + growth[i] / 100) ** wf_years
        ).astype(int)
        share = _expit(_logit(c0[i]) + slope[i] * years + rng.normal(0, 0.05, len(dates)))
        active = np.round(workforce * share).astype(int)
        for d, w, a in zip(_OBSERVATION_DATES, workforce, active, strict=True):
            rows.append(
                {
                    "regency": names[i],
                    "province": provinces[i],
                    "level": "regency",
                    "date": d,
                    "segment": "total",
                    "workforce": int(w),
                    "active": int(a),
                    "coverage_pct": round(a / w * 100, 2),
                    "use_in_model": "true",
                    "source": SYNTHETIC_SOURCE,
                    "quality": "assumed",
                    "note": note,
                }
            )
    coverage = pd.DataFrame(rows, columns=_COVERAGE_COLUMNS)

    dd_per_desa = rng.uniform(0.85e9, 1.05e9, n)
    add_per_desa = rng.uniform(0.25e9, 0.45e9, n)
    funds = []
    for i in range(n):
        for year, nat in _NATIONAL_DD_TRILLION.items():
            dd = dd_per_desa[i] * n_desa[i] * nat / _NATIONAL_DD_TRILLION[2021]
            add = add_per_desa[i] * n_desa[i] * 1.03 ** (year - 2021)
            for fund, amount in (("DD", dd), ("ADD", add)):
                funds.append(
                    {
                        "regency": names[i],
                        "year": year,
                        "fund": fund,
                        "amount_rp": int(round(amount / 1000.0)) * 1000,
                        "n_desa": int(n_desa[i]),
                        "source": SYNTHETIC_SOURCE,
                        "quality": "assumed",
                        "note": note,
                    }
                )
    village_funds = pd.DataFrame(funds, columns=_FUND_COLUMNS)
    return {"regencies": regencies, "coverage": coverage, "village_funds": village_funds}


def _synthetic_source(seed: int | None) -> dict:
    today = dt.date.today().isoformat()
    return {
        "title": f"{SYNTHETIC_TITLE}: generated by ucj_analysis.synthetic"
        + (f" (seed {seed})" if seed is not None else ""),
        "url": None,
        "publisher": "ucj_analysis (generated, not a publication)",
        "date_published": None,
        "date_accessed": today,
        "licence_or_terms": "Generated numbers; no terms. NOT real data: never use for decisions.",
        "note": "Random draws with realistic magnitudes; see ucj_analysis/synthetic.py.",
    }


def _columns_doc(embedded_meta: dict | None, columns: list[str]) -> dict:
    doc = (embedded_meta or {}).get("columns") or {}
    out = {}
    for col in columns:
        entry = doc.get(col) if isinstance(doc, dict) else None
        if isinstance(entry, dict) and entry.get("description"):
            out[col] = {"unit": entry.get("unit"), "description": str(entry["description"])}
        else:
            out[col] = {"unit": None, "description": f"{col} (synthetic)"}
    return out


def write_synthetic_dataset(
    frames: dict[str, pd.DataFrame],
    out_dir: str | os.PathLike,
    *,
    seed: int | None = None,
    embedded_dir: str | os.PathLike | None = None,
) -> Path:
    """Write a synthetic data folder in the loader layout (see the module docstring).

    Parameters
    ----------
    frames : dict of pandas.DataFrame
        From :func:`make_synthetic_dataset`.
    out_dir : str or path-like
        Folder to create or fill (existing files with the same names are replaced).
    seed : int, optional
        Seed used (recorded in the meta files).
    embedded_dir : str or path-like, optional
        Embedded data folder to copy from (default: :func:`ucj_analysis.loaders.embedded_data_dir`).

    Returns
    -------
    pathlib.Path
        The folder (``ucj batch --data-dir`` accepts it).
    """
    import yaml

    from ucj_analysis.loaders import embedded_data_dir, read_village_funds, read_yaml

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    embedded = Path(embedded_dir) if embedded_dir else embedded_data_dir()
    n = len(frames["regencies"])
    source = _synthetic_source(seed)

    def embedded_meta(name: str) -> dict | None:
        path = embedded / f"{name}.meta.yaml"
        return read_yaml(path) if path.is_file() else None

    def write_meta(name: str, title: str, description: str, sources: dict, columns: list[str]):
        meta = {
            "title": title,
            "description": description,
            "sources": sources,
            "columns": _columns_doc(embedded_meta(name), columns),
            "quality_column": "quality",
            "note_column": "note",
        }
        text = f"# Metadata for {name}.csv — {SYNTHETIC_TITLE}: NOT real data\n"
        text += yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
        (out / f"{name}.meta.yaml").write_text(text, encoding="utf-8")

    what = {
        "regencies": "synthetic regency registry",
        "coverage": "synthetic coverage series (workforce, active participants, coverage %)",
    }
    for name in ("regencies", "coverage"):
        frames[name].to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
        write_meta(
            name,
            f"{SYNTHETIC_TITLE} — {what[name]} for {n} regencies (not real data)",
            f"{SYNTHETIC_NOTE}. Generated by ucj_analysis.synthetic for scale tests of the batch "
            "runner and the models; every row has quality 'assumed' and source 'synthetic'.",
            {SYNTHETIC_SOURCE: source},
            list(frames[name].columns),
        )

    # village funds: a user file replaces the embedded one, so keep the embedded rows too
    vf_embedded = read_village_funds(None).frame
    vf = pd.concat(
        [vf_embedded.reindex(columns=_FUND_COLUMNS).astype(object), frames["village_funds"]],
        ignore_index=True,
    )
    vf.to_csv(out / "village_funds.csv", index=False, lineterminator="\n")
    emb_meta = embedded_meta("village_funds") or {}
    sources = dict(emb_meta.get("sources") or {})
    sources[SYNTHETIC_SOURCE] = source
    write_meta(
        "village_funds",
        f"{SYNTHETIC_TITLE} — village funds of {n} synthetic regencies, plus the embedded rows"
        + (f" ({emb_meta['title']})" if emb_meta.get("title") else ""),
        f"{SYNTHETIC_NOTE} for the rows with source 'synthetic'; the other rows are the embedded "
        "data, unchanged.",
        sources,
        _FUND_COLUMNS,
    )

    copied = []
    for name in COPIED_DATASETS:
        for suffix in (".csv", ".meta.yaml"):
            src = embedded / f"{name}{suffix}"
            if src.is_file():
                shutil.copyfile(src, out / src.name)
                copied.append(src.name)

    folder_meta = {
        "title": f"{SYNTHETIC_TITLE} — national test data folder, {n} regencies (not real data)",
        "description": f"{SYNTHETIC_NOTE}. Regencies 'Sintetis NNN' with synthetic registry, "
        "coverage series and village funds; national series, contribution rates, targets and "
        "assumptions are copies of the embedded data.",
        "generator": "ucj_analysis.synthetic.make_synthetic_dataset",
        "seed": seed,
        "n_regencies": n,
        "created": dt.datetime.now().isoformat(timespec="seconds"),
        "synthetic_files": ["regencies.csv", "coverage.csv", "village_funds.csv"],
        "copied_from_embedded": copied,
    }
    (out / "meta.yaml").write_text(
        yaml.safe_dump(folder_meta, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    return out
