"""Data, trends and scenarios shared by every section of one kernel, cached and reloadable.

The bundle of a data folder, the pooled-trend panel, its fit and backtest and each regency's
trend are computed once per kernel and kept. Each cache entry is keyed by the data folder *and*
a fingerprint of its files (:func:`data_fingerprint`: name, size and modification time of every
file in the embedded data folder and in the planner's folder), so a CSV edited while a notebook
kernel runs is read again on the next call. :func:`reload` empties every cache.

The other helpers here look things up in a bundle: an assumption row, a regency's inputs, the
programmes already running, the workforce basis and where a starting figure comes from.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pandas as pd

from ucj_analysis import i18n
from ucj_analysis.inputs import ASSUMPTION_DEFAULTS, RegencyInputs, build_regency_inputs
from ucj_analysis.loaders import DataBundle, embedded_data_dir, load_bundle, read_scenarios
from ucj_analysis.models import (
    PooledGrowthModel,
    TrendFit,
    backtest_summary,
    panel_from,
    pooled_backtest,
    trend_for_regency,
)
from ucj_analysis.report.display import dataset_title, join

__all__ = [
    "prepare",
    "OPT_IN_PRESETS",
    "bundle",
    "data_fingerprint",
    "reload",
    "running_programmes",
    "start_origin",
    "trend_damping",
]

#: A fingerprint: one ``(folder, file name, size [bytes], mtime [ns])`` per file, sorted.
Fingerprint = tuple[tuple, ...]


# ------------------------------------------------------------------------------------------
# the caches
# ------------------------------------------------------------------------------------------
def _folder_files(folder: Path) -> list[tuple]:
    """``(folder, name, size, mtime_ns)`` of each file directly in ``folder`` (none if absent)."""
    out = []
    try:
        with os.scandir(folder) as it:
            for entry in it:
                if entry.is_file():
                    st = entry.stat()
                    out.append((str(folder), entry.name, st.st_size, st.st_mtime_ns))
    except (FileNotFoundError, NotADirectoryError):
        out.append((str(folder), "", -1, -1))
    return out


def data_fingerprint(data_dir: str = "") -> Fingerprint:
    """Name, size and modification time of every data file a bundle of ``data_dir`` reads.

    The loaders read the files directly in the embedded data folder and in ``data_dir``; a file
    added, removed, resized or rewritten in either changes the fingerprint. Cheap: one
    ``stat`` per file, no file is opened.

    Parameters
    ----------
    data_dir : str
        The planner's data folder ("" = the embedded data only).

    Returns
    -------
    tuple
        Sorted ``(folder, file name, size [bytes], mtime [ns])`` tuples; a missing folder gives
        one entry with size -1.
    """
    folders = [embedded_data_dir()]
    if data_dir:
        folders.append(Path(data_dir).expanduser())
    return tuple(sorted(e for f in folders for e in _folder_files(f)))


@functools.lru_cache(maxsize=8)
def _bundle(data_dir: str, fingerprint: Fingerprint) -> DataBundle:
    return load_bundle(data_dir or None)


@functools.lru_cache(maxsize=8)
def _panel(data_dir: str, fingerprint: Fingerprint) -> pd.DataFrame:
    """The pooled-trend panel (regencies, provinces, national proxy)."""
    return panel_from(_bundle(data_dir, fingerprint))


@functools.lru_cache(maxsize=8)
def _pooled(data_dir: str, fingerprint: Fingerprint):
    return PooledGrowthModel(_panel(data_dir, fingerprint)).fit()


#: Series backtested at most (national and provincial first, then the regencies with the most
#: figures). Each origin refits the pooled model on the whole panel, so without a cap the
#: backtest of a folder with 123 regencies took minutes in every report.
MAX_BACKTEST_SERIES = 12


def _disk_cache_dir() -> Path | None:
    """Folder for results shared by every kernel of a batch (``UCJ_CACHE_DIR``), if set."""
    d = os.environ.get("UCJ_CACHE_DIR", "").strip()
    return Path(d) if d else None


def _content_key(data_dir: str, what: str) -> str:
    """SHA-256 of the data files' contents, the model code and ``what`` (a disk-cache key)."""
    h = hashlib.sha256(what.encode())
    folders = [embedded_data_dir()] + ([Path(data_dir).expanduser()] if data_dir else [])
    for folder in folders:
        for f in sorted(folder.glob("*")) if folder.is_dir() else []:
            if f.is_file():
                h.update(f.name.encode())
                h.update(f.read_bytes())
    for f in sorted((Path(__file__).resolve().parents[1] / "models").glob("*.py")):
        h.update(f.read_bytes())
    return h.hexdigest()[:24]


@functools.lru_cache(maxsize=8)
def _backtest(data_dir: str, fingerprint: Fingerprint) -> pd.DataFrame:
    """Backtest summary of the pooled trend on the panel (the same for every regency).

    Computed once per data set: kept in memory per kernel and, when ``UCJ_CACHE_DIR`` is set
    (the batch sets it), on disk for every other kernel of the batch, keyed by the contents of
    the data files and the model code.
    """
    folder = _disk_cache_dir()
    path = None
    if folder is not None:
        key = _content_key(data_dir, f"backtest:{MAX_BACKTEST_SERIES}")
        path = folder / f"backtest-{key}.pkl"
        if path.is_file():
            try:
                return pd.read_pickle(path)
            except Exception:  # noqa: BLE001 - a damaged cache file is recomputed
                path.unlink(missing_ok=True)
    out = backtest_summary(
        pooled_backtest(_panel(data_dir, fingerprint), max_series=MAX_BACKTEST_SERIES)
    )
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        out.to_pickle(tmp)
        os.replace(tmp, path)  # atomic: a kernel never reads a half-written file
    return out


@functools.lru_cache(maxsize=64)
def _trend(data_dir: str, fingerprint: Fingerprint, regency: str) -> TrendFit:
    return trend_for_regency(
        _bundle(data_dir, fingerprint),
        regency,
        pooled=_pooled(data_dir, fingerprint),
        backtest=_backtest(data_dir, fingerprint),
    )


_CACHES = (_bundle, _panel, _pooled, _backtest, _trend)


def reload() -> None:
    """Forget every cached bundle, panel, pooled fit, backtest and trend.

    Not needed after editing a data file (the cache key changes with the file); useful to free
    memory or after changing the embedded data folder (``UCJ_DATA_DIR``).
    """
    for cache in _CACHES:
        cache.cache_clear()


def bundle(data_dir: str = "") -> DataBundle:
    """The data bundle for ``data_dir`` ("" = the embedded data).

    Read once per kernel and read again when a data file changed (:func:`data_fingerprint`).
    ``bundle.cache_clear()`` is :func:`reload`.
    """
    return _bundle(data_dir, data_fingerprint(data_dir))


bundle.cache_clear = reload  # type: ignore[attr-defined]


def prepare(data_dir: str = "") -> None:
    """Compute what every regency report of ``data_dir`` shares, before the reports start.

    The data bundle, the panel, the pooled trend model and its backtest: kept in this process's
    caches and (the backtest) in ``UCJ_CACHE_DIR`` when set. ``ucj batch`` calls it in the kernel
    factory, so every kernel forked from it starts with them in memory instead of loading the
    data and fitting the pooled model again; without it, the first kernels of a batch all
    computed the backtest at the same time. A data folder that does not load raises here as it
    would in a report.

    Parameters
    ----------
    data_dir : str
        The data folder ("" = the embedded data), as the notebooks' ``data_dir`` parameter.
    """
    fp = data_fingerprint(data_dir)
    _pooled(data_dir, fp)
    _backtest(data_dir, fp)


def regency_trend(data_dir: str, regency: str) -> TrendFit:
    """The organic trend of ``regency`` (own or borrowed growth), fitted once per data state."""
    return _trend(data_dir, data_fingerprint(data_dir), regency)


# ------------------------------------------------------------------------------------------
# look-ups in a bundle
# ------------------------------------------------------------------------------------------
def assumption(b: DataBundle, parameter: str, regency: str | None = None) -> pd.Series | None:
    """The assumptions.csv row for ``parameter`` (regency-specific first, then ``*``)."""
    f = b.assumptions.frame
    rows = f[f["parameter"] == parameter]
    for key in (regency, "*"):
        hit = rows[rows["regency"] == key]
        if key is not None and len(hit):
            return hit.iloc[0]
    return None


def trend_damping(data_dir: str = "", regency: str | None = None) -> float | None:
    """Annual damping of the organic logit growth (``trend_damping_per_year``), if stated."""
    row = assumption(bundle(data_dir), "trend_damping_per_year", regency)
    return None if row is None else float(row["value"])


def regency_inputs(data_dir: str, regency: str) -> RegencyInputs:
    """The engine inputs of ``regency`` built from the bundle of ``data_dir``."""
    return build_regency_inputs(bundle(data_dir), regency)


#: Assumptions a planner may set in a notebook's assumptions cell (units: ``ASSUMPTION_DEFAULTS``).
EDITABLE_ASSUMPTIONS: tuple[str, ...] = (
    "enrolment_pace_per_village_month",
    "arrears_share_pct",
    "arrears_months",
    "budget_realisation_mean_pct",
    "village_pool_cv",
    "lapse_funded_pct_per_year",
    "desa_pool_share_pct",
)


def _both(key: str, **kw) -> str:
    """A message in Indonesian and English (errors a planner reads in either language)."""
    return f"{i18n.t(key, 'id', **kw)} / {i18n.t(key, 'en', **kw)}"


def apply_assumptions(inp: RegencyInputs, assumptions: dict | None) -> RegencyInputs:
    """The inputs with a planner's own assumptions: a number, or ``(low, central, high)``.

    A number replaces the value and removes its range (no spread); a triple sets the value and
    the range drawn per simulation. The inputs table records the change (source "notebook",
    quality assumed), so the report shows what the planner assumed.

    Parameters
    ----------
    inp : RegencyInputs
    assumptions : dict
        Name (one of :data:`EDITABLE_ASSUMPTIONS`) -> value or (low, central, high), in the unit
        of the name (``_pct`` in percent).

    Raises
    ------
    ValueError
        For an unknown name (with the closest known one) or a range with low > central > high.
    """
    import difflib

    if not assumptions:
        return inp
    changes: dict = {}
    ranges = dict(inp.ranges)
    table = inp.inputs_table.copy()
    problems = []
    for name, value in assumptions.items():
        if name not in EDITABLE_ASSUMPTIONS:
            near = difflib.get_close_matches(str(name), list(EDITABLE_ASSUMPTIONS), n=1)
            problems.append(
                _both("assumptions.unknown", name=repr(name), near=repr(near[0]) if near else "—")
            )
            continue
        if isinstance(value, list | tuple):
            if len(value) != 3 or not float(value[0]) <= float(value[1]) <= float(value[2]):
                problems.append(_both("assumptions.triple", name=name, value=repr(value)))
                continue
            lo, central, hi = (float(x) for x in value)
            ranges[name] = (lo, hi)
        else:
            lo = hi = float("nan")
            central = float(value)
            ranges.pop(name, None)
        field_name = "desa_pool_share" if name == "desa_pool_share_pct" else name
        changes[field_name] = central / 100 if name == "desa_pool_share_pct" else central
        if name == "arrears_months":
            changes[field_name] = int(round(central))
        row = {
            "name": name,
            "value": central,
            "low": lo,
            "high": hi,
            "unit": ASSUMPTION_DEFAULTS[name][1],
            "source": "notebook",
            "quality": "assumed",
            "note": i18n.t("assumptions.note", "en"),
            "note_id": i18n.t("assumptions.note", "id"),
        }
        table = pd.concat([table[table["name"] != name], pd.DataFrame([row])], ignore_index=True)
    if problems:
        raise ValueError("; ".join(problems))
    return replace(inp, **changes, ranges=ranges, inputs_table=table)


#: Presets left out of the default set because their size is local knowledge (the number of
#: SPPG kitchens); a planner names them in ``scenarios`` after setting the count.
OPT_IN_PRESETS = frozenset({"sppg_10"})


def scenarios_for(spec: Sequence[str] | str | None) -> dict:
    """Preset names and/or YAML paths -> validated scenarios (default presets when empty)."""
    if spec is None or (not isinstance(spec, str) and len(spec) == 0):
        return {k: v for k, v in read_scenarios(None).items() if k not in OPT_IN_PRESETS}
    items = [spec] if isinstance(spec, str) else list(spec)
    paths = [s for s in items if str(s).endswith((".yaml", ".yml"))]
    names = [s for s in items if s not in paths]
    out: dict = {}
    if names:
        out.update(read_scenarios(names))
    for p in paths:
        out.update(read_scenarios(p))
    return out


def scenario_labels(scenarios: dict, lang: str) -> dict[str, str]:
    """Scenario id -> its label in ``lang``."""
    return {k: s.label_for(lang) for k, s in scenarios.items()}


def funded_reference(scenarios: dict):
    """The scenario used for arrears / sensitivity studies: prefer 10 % of ADD."""
    for key in ("add_10", "add_5", "quota_100_per_desa"):
        if key in scenarios:
            return scenarios[key]
    funded = [s for s in scenarios.values() if s.levers]
    if funded:
        return funded[0]
    return read_scenarios(["add_10"])["add_10"]


def running_programmes(b: DataBundle, inp: RegencyInputs) -> tuple[tuple, pd.DataFrame]:
    """Programmes already running: levers for every scenario, and how each one is counted.

    A programme the starting figure already contains (``in_start_figure`` true, or unknown
    and started before the figure's month) is part of the starting coverage and its trend;
    one that started after the latest figure (or is marked false) is added to every scenario
    as a baseline lever from its start month, so no scenario presents it as new. Finished
    programmes (end before the latest figure) are listed only.

    Returns
    -------
    (tuple of Lever, DataFrame)
        Baseline levers, and the programmes with a column ``counted`` in
        ``{"start_figure", "baseline", "finished"}``.
    """
    from ucj_analysis.scenarios import ApbdAmount, FixedCohort, QuotaPerVillage

    try:
        f = b.programmes_for(inp.regency).copy()
    except (AttributeError, KeyError):
        return (), pd.DataFrame()
    levers, counted = [], []
    for _, r in f.iterrows():
        start = pd.Period(r["start"], freq="M")
        end = None if pd.isna(r["end"]) else pd.Period(r["end"], freq="M")
        flag = str(r["in_start_figure"]).lower()
        if end is not None and end < inp.start_month:
            counted.append("finished")
            continue
        if flag == "true" or (flag != "false" and start <= inp.start_month):
            counted.append("start_figure")
            continue
        counted.append("baseline")
        common = {"start": start, "end": end, "payer": str(r["payer"])}
        kind = str(r["lever"])
        if kind == "quota_per_village":
            levers.append(
                QuotaPerVillage(
                    persons_per_desa=float(r["persons_per_desa"]),
                    include_kelurahan=bool(r["include_kelurahan"]),
                    **common,
                )
            )
        elif kind == "apbd_amount":
            levers.append(
                ApbdAmount(
                    level=str(r["payer"]),
                    amount_rp_per_year=float(r["amount_rp_per_year"]),
                    start=start,
                    end=end,
                )
            )
        else:
            levers.append(FixedCohort(persons=float(r["persons"]), **common))
    f["counted"] = counted
    return tuple(levers), f


def with_baseline(scenarios: dict, levers: tuple) -> dict:
    """Every scenario with the running programmes' levers in front of its own."""
    if not levers:
        return scenarios
    return {k: replace(sc, levers=(*levers, *sc.levers)) for k, sc in scenarios.items()}


def workforce_basis(b: DataBundle, regency: str) -> str:
    """Workforce basis of a regency's figures (``regencies.csv``), or "unknown"."""
    f = b.regencies.frame
    if "workforce_basis" not in f.columns:
        return "unknown"
    v = f.loc[f["regency"] == regency, "workforce_basis"]
    return "unknown" if v.empty or pd.isna(v.iloc[0]) or not str(v.iloc[0]) else str(v.iloc[0])


def _start_source(inp: RegencyInputs) -> str:
    t = inp.inputs_table
    row = t[t["name"] == "coverage0"]
    return "" if row.empty else str(row["source"].iloc[0])


def start_quality(inp: RegencyInputs) -> str | None:
    """Quality flag of the starting coverage figure (None if the inputs do not say)."""
    t = inp.inputs_table
    row = t[t["name"] == "coverage0"]
    return None if row.empty else str(row["quality"].iloc[0])


def start_origin(b: DataBundle, inp: RegencyInputs, lang: str) -> str:
    """Where an assumed starting coverage comes from, in words.

    An assumed regency figure equal to a province's (or the nation's) published coverage is
    named as that figure ("angka provinsi Sulawesi Tengah, Nov 2025"); otherwise its sources.
    """
    cov = b.coverage.frame
    pct = round(inp.coverage0 * 100, 2)
    other = cov[(cov["level"] != "regency") & cov["coverage_pct"].notna()]
    hit = other[(other["coverage_pct"].astype(float) - pct).abs() < 0.005]
    if len(hit):
        r = hit.iloc[-1]
        return i18n.t(
            "origin.area",
            lang,
            area=str(r["regency"]),
            month=i18n.format_month(pd.Period(r["date"], freq="M"), lang, short=True),
        )
    return i18n.t("origin.assumed", lang, source=_start_source(inp))


def provenance_records(b: DataBundle, lang: str = "id") -> list[dict]:
    """One record per dataset: title in ``lang``, sources and quality counts."""
    prov = b.provenance()
    return [
        {
            "dataset": r["dataset"],
            "title": dataset_title(r["dataset"], r["title"], lang),
            "sources": join(r["sources"]),
            "n_observed": int(r["n_observed"]),
            "n_derived": int(r["n_derived"]),
            "n_assumed": int(r["n_assumed"]),
        }
        for _, r in prov.iterrows()
    ]


#: The data files an organic trend is estimated from (the source of its input rows).
_TREND_SOURCES = "; ".join(("coverage.csv", "national_participants.csv"))


def trend_input_rows(tf: TrendFit, b: DataBundle, regency: str) -> pd.DataFrame:
    """The organic-trend inputs (estimated slope, its sd and its damping) as input rows.

    Returns
    -------
    pandas.DataFrame
        Columns ``name, value, unit, source, quality, note`` like
        :attr:`ucj_analysis.inputs.RegencyInputs.inputs_table`.
    """
    rows = [
        {
            "name": "trend_slope_logit_per_year",
            "value": round(tf.slope_mean, 4),
            "unit": "logit per year",
            "source": _TREND_SOURCES,
            "quality": "derived",
            "note": f"{tf.method}: {tf.model_name}",
        },
        {
            "name": "trend_slope_sd_logit_per_year",
            "value": round(tf.slope_sd, 4),
            "unit": "logit per year",
            "source": _TREND_SOURCES,
            "quality": "derived",
            "note": tf.reason,
        },
    ]
    row = assumption(b, "trend_damping_per_year", regency)
    if row is not None:
        rows.append(
            {
                "name": "trend_damping_per_year",
                "value": float(row["value"]),
                "unit": str(row["unit"]),
                "source": str(row["source"]),
                "quality": str(row["quality"]),
                "note": str(row["note"]),
            }
        )
    return pd.DataFrame(rows)
