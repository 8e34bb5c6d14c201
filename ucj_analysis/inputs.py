"""Join the loader frames into the inputs the scenario engine needs for one regency.

:func:`build_regency_inputs` picks, for one regency:

* the **starting point**: the latest ``coverage`` row with ``level = regency``,
  ``segment = total`` and ``use_in_model = true`` that gives a coverage (``coverage_pct`` or
  ``active / workforce``). Its workforce is used; if that row has none, the latest total-segment
  workforce of the regency is carried to the start month with the workforce growth rate
  (``derived``). Without any usable coverage row the function raises ``ValueError`` saying what
  to add;
* **village funds** per year from ``village_funds``: Dana Desa (DD) and Alokasi Dana Desa (ADD).
  DD for a national-series year after the last regency figure ``y0`` is *derived* by scaling:
  ``DD_kab(y) = DD_kab(y0) * DD_nat(y) / DD_nat(y0)`` (``dana_desa_national``). ADD without any
  figure comes from the assumption ``add_per_desa_rp`` x ``n_desa`` (``assumed``). The engine
  holds the nearest year's value flat outside the years given;
* the **contribution rate** for payer ``funded`` valid in each month (``contribution_rates``):
  the package rows (component containing ``+``, e.g. ``JKK+JKM``) if any, else the sum of the
  component rows, per validity span;
* **model parameters** from ``assumptions`` (regency-specific row first, then ``*``), falling
  back to the defaults in :data:`ASSUMPTION_DEFAULTS` (reported as ``assumed``, source
  ``engine default``). A row's optional ``low`` and ``high`` give the range of the parameter:
  the engine draws the parameters in :data:`UNCERTAIN_PARAMETERS` per Monte Carlo draw from a
  triangular distribution (low, mode = value, high) (``RegencyInputs.ranges``). A row without
  them (e.g. a planner's older file) and an engine default give a point value.

Every value used is listed in ``RegencyInputs.inputs_table`` with its range, unit, source and
quality flag, so reports can show which inputs are observed, derived or assumed and how uncertain
each is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from ucj_analysis.village_rows import VillageRows

__all__ = [
    "UNCERTAIN_PARAMETERS",
    "RegencyInputs",
    "RateSpan",
    "ASSUMPTION_DEFAULTS",
    "build_regency_inputs",
    "fund_amount",
]

#: Default model parameters used when ``assumptions.csv`` has no row:
#: name -> (value, unit, reason).
ASSUMPTION_DEFAULTS: dict[str, tuple[float, str, str]] = {
    "lapse_organic_pct_per_year": (
        10.0,
        "% per year",
        "baseline lapse of organic participants contained in the trend (the trend is net of it, "
        "so it gets no draw); only the difference between a scenario's organic lapse and this "
        "value moves coverage off the trend",
    ),
    "lapse_funded_pct_per_year": (
        10.0,
        "% per year",
        "funded workers dropping off village lists per year (moved, died, data errors)",
    ),
    "arrears_share_pct": (0.0, "%", "no arrears unless a scenario says so"),
    "arrears_months": (
        12.0,
        "months",
        "villages in arrears stay unpaid the whole budget year, so arrears_share is the share of "
        "funding villages inactive at any time",
    ),
    "enrolment_months": (
        0.0,
        "months",
        "no extra smoothing of enrolment: the enrolment pace alone limits new sign-ups",
    ),
    "enrolment_pace_per_village_month": (
        100.0 / 12.0,
        "persons per village per month",
        "Tojo Una-Una enrolled 100 workers per desa in a programme year (13,400 = 100 x 134 desa "
        "in 2024): 100 / 12 = 8.33 per desa per month",
    ),
    "budget_realisation_mean_pct": (
        100.0,
        "%",
        "every village pays unless a scenario says otherwise",
    ),
    "budget_realisation_sd_pct": (0.0, "%", "no uncertainty on realisation by default"),
    "village_pool_cv": (
        0.5,
        "ratio",
        "coefficient of variation of the uncovered workers across villages; places spread "
        "evenly over villages (quota, share of a fund) cannot all meet an uncovered worker, "
        "so the last workers are the hardest to reach (0 = every place finds a worker)",
    ),
    "desa_pool_share_pct": (
        100.0,
        "%",
        "share of the uncovered workers living in desa (village money cannot pay for workers "
        "in kelurahan); lower it if many uncovered workers live in kelurahan",
    ),
    "workforce_growth_sd_pct": (
        0.5,
        "% per year",
        "uncertainty of the annual workforce growth rate",
    ),
    "workforce_growth_pct": (
        1.0,
        "% per year",
        "used only when regencies.csv has no workforce_growth_pct",
    ),
    "add_per_desa_rp": (
        400_000_000.0,
        "Rp per desa per year",
        "ADD per desa when village_funds has no ADD row (Wakatobi Rp 390-410 million per desa)",
    ),
}

#: Alternative parameter names accepted in ``assumptions.csv`` -> (canonical name, factor that
#: converts the value to the canonical unit; e.g. a share 0.10 -> 10 %).
_ALIASES: dict[str, tuple[str, float]] = {
    "lapse_rate_organic": ("lapse_organic_pct_per_year", 100.0),
    "lapse_organic_pct": ("lapse_organic_pct_per_year", 1.0),
    "lapse_rate_funded": ("lapse_funded_pct_per_year", 100.0),
    "lapse_funded_pct": ("lapse_funded_pct_per_year", 1.0),
    "arrears_share": ("arrears_share_pct", 100.0),
    "arrears_pct": ("arrears_share_pct", 1.0),
    "budget_realisation_share": ("budget_realisation_mean_pct", 100.0),
    "budget_realisation_pct": ("budget_realisation_mean_pct", 1.0),
    "budget_realisation_sd_share": ("budget_realisation_sd_pct", 100.0),
    "workforce_growth_sd": ("workforce_growth_sd_pct", 100.0),
    "desa_pool_share": ("desa_pool_share_pct", 100.0),
    "add_per_desa": ("add_per_desa_rp", 1.0),
    "enrolment_pace": ("enrolment_pace_per_village_month", 1.0),
}

#: Parameters drawn per Monte Carlo draw (triangular low, mode = value, high) when their
#: ``assumptions.csv`` row gives ``low`` and ``high``; a scenario that sets one uses its value.
UNCERTAIN_PARAMETERS: tuple[str, ...] = (
    "lapse_funded_pct_per_year",
    "arrears_share_pct",
    "arrears_months",
    "budget_realisation_mean_pct",
    "village_pool_cv",
    "enrolment_pace_per_village_month",
)

#: A contribution-rate span: (first month, last month or None = open,
#: rate [Rp per person per month]).
RateSpan = tuple[pd.Period, pd.Period | None, float]
_DEFAULT_RATES: tuple[RateSpan, ...] = ((pd.Period("2015-07", freq="M"), None, 16_800.0),)
_TABLE_COLUMNS = ["name", "value", "low", "high", "unit", "source", "quality", "note"]


@dataclass(frozen=True)
class RegencyInputs:
    """Everything the engine needs for one regency.

    The first eleven fields are the interface in ``docs/ARCHITECTURE.md``; the rest carry the
    contribution rate and the model parameters from ``assumptions.csv`` (with defaults so that
    tests and synthetic data can build an instance from the eleven fields alone).

    Parameters
    ----------
    regency, province : str
        Canonical names.
    n_desa, n_kelurahan : int
        Villages and urban wards. [count]
    start_month : pandas.Period
        Month of the coverage observation the projection starts from. [M]
    workforce0 : float
        Eligible workforce at ``start_month``. [persons]
    coverage0 : float
        Coverage at ``start_month``. [proportion 0-1]
    workforce_growth : float
        Mean annual workforce growth. [per year, e.g. 0.0105]
    dd_per_year, add_per_year : dict of int to float
        Dana Desa / ADD for the regency by year. [Rp per year]
    inputs_table : pandas.DataFrame
        Every input used: ``name, value, low, high, unit, source, quality, note`` (``low`` and
        ``high`` NaN for a point value).
    contribution_rates : tuple of RateSpan
        Monthly contribution per funded worker by validity span. [Rp per person per month]
    workforce_growth_sd : float
        Standard deviation of the annual growth rate across draws. [per year]
    lapse_organic_pct_per_year, lapse_funded_pct_per_year : float
        Baseline annual lapse of organic participants (contained in the trend) and of funded
        places. [% per year]
    arrears_share_pct : float
        Share of villages in arrears. [%]
    arrears_months : int
        Months per budget year villages in arrears stay unpaid (12 = never cured). [months]
    enrolment_months : float
        Optional extra smoothing of enrolment (0 = none). [months]
    enrolment_pace_per_village_month : float
        Most new funded workers registered per village per month (central value). [persons per
        village per month]
    budget_realisation_mean_pct, budget_realisation_sd_pct : float
        Share of villages that really pay (mean, sd). [%]
    village_pool_cv : float
        Coefficient of variation of the uncovered pool across villages (lognormal); places of
        levers spread evenly over villages meet ``E[min(places, pool)]`` workers. [ratio]
    desa_pool_share : float
        Share of the uncovered pool that village (desa) money can reach. [proportion 0-1]
    ranges : dict of str to (float, float)
        ``name -> (low, high)`` for the parameters of :data:`UNCERTAIN_PARAMETERS` that have a
        range, in the units of the field of that name; the field holds the central value
        (mode). A parameter without an entry is a point value.
    villages : VillageRows or None
        The regency's rows of the planner's village file (one per desa / kelurahan, empty
        values ``NaN`` and named in ``villages.fallback``); ``None`` without a village file.
    """

    regency: str
    province: str
    n_desa: int
    n_kelurahan: int
    start_month: pd.Period
    workforce0: float
    coverage0: float
    workforce_growth: float
    dd_per_year: dict[int, float]
    add_per_year: dict[int, float]
    inputs_table: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=_TABLE_COLUMNS), compare=False
    )
    contribution_rates: tuple[RateSpan, ...] = _DEFAULT_RATES
    workforce_growth_sd: float = 0.005
    lapse_organic_pct_per_year: float = 10.0
    lapse_funded_pct_per_year: float = 10.0
    arrears_share_pct: float = 0.0
    arrears_months: int = 12
    enrolment_months: float = 0.0
    budget_realisation_mean_pct: float = 100.0
    budget_realisation_sd_pct: float = 0.0
    village_pool_cv: float = 0.5
    desa_pool_share: float = 1.0
    enrolment_pace_per_village_month: float = 100.0 / 12.0
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict, compare=False)
    villages: VillageRows | None = field(default=None, compare=False)

    def range_of(self, name: str) -> tuple[float, float, float]:
        """``(low, central, high)`` of a parameter; ``low = high = central`` for a point value."""
        central = float(getattr(self, name))
        lo, hi = self.ranges.get(name, (central, central))
        return float(lo), central, float(hi)

    def rate_at(self, months: pd.PeriodIndex) -> np.ndarray:
        """Contribution per funded worker in each month. [Rp per person per month]

        Months before the first span take the first span's rate, months after the last closed
        span the last span's rate.
        """
        months = pd.PeriodIndex(months, freq="M")
        out = np.full(len(months), np.nan)
        spans = sorted(self.contribution_rates, key=lambda s: s[0])
        if not spans:
            raise ValueError(f"{self.regency}: no contribution rate for funded workers")
        ords = months.asi8 if hasattr(months, "asi8") else np.array([m.ordinal for m in months])
        for lo, hi, rate in spans:
            sel = ords >= lo.ordinal
            if hi is not None:
                sel &= ords <= hi.ordinal
            out[sel] = rate
        first = spans[0]
        out[np.isnan(out) & (ords < first[0].ordinal)] = first[2]
        # gaps and months after the last span: carry the previous rate forward
        s = pd.Series(out).ffill().bfill()
        return s.to_numpy(dtype=float)

    def fund_per_year(self, fund: str, years: np.ndarray) -> np.ndarray:
        """DD or ADD for each year (nearest year's value outside the years given). [Rp per year]"""
        table = {"DD": self.dd_per_year, "ADD": self.add_per_year}[fund]
        years = np.asarray(years, dtype=int)
        uniq, inv = np.unique(years, return_inverse=True)
        vals = np.array([fund_amount(table, int(y)) for y in uniq], dtype=float)
        return vals[inv].reshape(years.shape)


def fund_amount(per_year: dict[int, float], year: int) -> float:
    """Value for ``year``, or the nearest year's value (later year on ties); NaN if empty."""
    if not per_year:
        return float("nan")
    if year in per_year:
        return float(per_year[year])
    best = min(per_year, key=lambda y: (abs(y - year), -y))
    return float(per_year[best])


# --------------------------------------------------------------------------------------------
# building from the bundle
# --------------------------------------------------------------------------------------------
def _row(name, value, unit, source, quality, note="", low=np.nan, high=np.nan):
    return {
        "name": name,
        "value": value,
        "low": low,
        "high": high,
        "unit": unit,
        "source": "" if source is None or _isna(source) else str(source),
        "quality": str(quality),
        "note": "" if note is None or _isna(note) else str(note),
    }


def _isna(x: Any) -> bool:
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _month(x: Any) -> pd.Period:
    return pd.Timestamp(x).to_period("M")


def _num(x: Any) -> float:
    """A float, NaN for a missing value."""
    if x is None or _isna(x):
        return float("nan")
    return float(x)


def _assumption(frame: pd.DataFrame, regency: str, name: str) -> tuple[dict, float] | None:
    """Row for ``name`` (regency-specific first, then ``*``) and the factor to canonical units.

    Accepts the alternative names in ``_ALIASES`` (e.g. ``lapse_rate_organic`` as a share).
    """
    if frame is None or frame.empty:
        return None
    params = frame["parameter"].astype(str).str.strip()
    canon = params.map(lambda p: _ALIASES.get(p, (p, 1.0))[0])
    factor = params.map(lambda p: _ALIASES.get(p, (p, 1.0))[1])
    reg = frame["regency"].astype(str).str.strip()
    for who in (regency, "*"):
        sel = (canon == name) & (reg == who)
        if sel.any():
            pos = np.nonzero(sel.to_numpy())[0][-1]
            return frame.iloc[pos].to_dict(), float(factor.iloc[pos])
    return None


def build_regency_inputs(bundle: Any, regency: str) -> RegencyInputs:
    """Build the engine inputs for one regency from a :class:`~ucj_analysis.loaders.DataBundle`.

    Parameters
    ----------
    bundle : DataBundle
        From :func:`ucj_analysis.loaders.load_bundle`.
    regency : str
        Regency name (matched tolerantly through ``bundle.regency``).

    Returns
    -------
    RegencyInputs

    Raises
    ------
    ValueError
        No usable coverage observation (or no workforce figure) for the regency.
    """
    from ucj_analysis.village_rows import village_rows

    name = bundle.regency(regency) if hasattr(bundle, "regency") else regency
    rows: list[dict] = []
    ranges: dict[str, tuple[float, float]] = {}
    assumptions = bundle.assumptions.frame

    def param(pname: str) -> float:
        found = _assumption(assumptions, name, pname)
        unit = ASSUMPTION_DEFAULTS[pname][1]
        if found is not None:
            a, factor = found
            value = float(a["value"]) * factor
            lo, hi = (_num(a.get(c)) * factor for c in ("low", "high"))
            note = a.get("note")
            if factor != 1.0:
                rng = "" if np.isnan(lo) and np.isnan(hi) else f" (low {lo:g}, high {hi:g})"
                note = (
                    f"{a['parameter']} = {float(a['value']):g} ({a.get('unit')}) x {factor:g}"
                    f"{rng}. " + ("" if _isna(note) or note is None else str(note))
                )
            if not (np.isnan(lo) and np.isnan(hi)):
                # one side missing: that side is the central value (a one-sided triangle)
                lo = value if np.isnan(lo) else lo
                hi = value if np.isnan(hi) else hi
                if not lo <= value <= hi:
                    raise ValueError(
                        f"{name}: assumption {a['parameter']} needs low <= value <= high, got "
                        f"{lo:g} <= {value:g} <= {hi:g}"
                    )
                if pname in UNCERTAIN_PARAMETERS and hi > lo:
                    ranges[pname] = (lo, hi)
            rows.append(_row(pname, value, unit, a.get("source"), a.get("quality"), note, lo, hi))
            return value
        value, unit, why = ASSUMPTION_DEFAULTS[pname]
        rows.append(_row(pname, value, unit, "engine default", "assumed", why))
        return value

    # ---- registry -------------------------------------------------------------------------
    reg = bundle.regencies.frame
    r = reg[reg["regency"] == name]
    if r.empty:
        raise ValueError(f"regency {name!r} is not in regencies.csv")
    r = r.iloc[-1]
    n_desa = int(r["n_desa"])
    n_kel = int(r["n_kelurahan"]) if not _isna(r.get("n_kelurahan")) else 0
    for col, unit in (("n_desa", "desa"), ("n_kelurahan", "kelurahan")):
        val = n_desa if col == "n_desa" else n_kel
        rows.append(_row(col, val, unit, r.get("source"), r.get("quality"), r.get("note")))
    g_pct = r.get("workforce_growth_pct")
    if g_pct is None or _isna(g_pct):
        g_pct = param("workforce_growth_pct")
    else:
        g_pct = float(g_pct)
        rows.append(
            _row(
                "workforce_growth_pct",
                g_pct,
                "% per year",
                r.get("source"),
                r.get("quality"),
                r.get("note"),
            )
        )
    growth = g_pct / 100.0

    # ---- starting point -------------------------------------------------------------------
    cov = bundle.coverage.frame
    seg = cov["segment"].astype(str) if "segment" in cov else pd.Series("total", index=cov.index)
    lvl = cov["level"].astype(str) if "level" in cov else pd.Series("regency", index=cov.index)
    use = cov["use_in_model"].astype(bool) if "use_in_model" in cov else True
    mine = cov[(cov["regency"] == name) & (lvl == "regency") & (seg == "total") & use]
    mine = mine.sort_values("date")
    pct = mine["coverage_pct"].astype("Float64")
    act = mine["active"].astype("Float64")
    wf = mine["workforce"].astype("Float64")
    derived_pct = (act / wf * 100).where(wf > 0)
    has_cov = pct.notna() | derived_pct.notna()
    usable = mine[has_cov.fillna(False).to_numpy(dtype=bool)]
    if usable.empty:
        raise ValueError(
            f"{name}: coverage.csv has no usable coverage row (level regency, segment total, "
            "use_in_model true, with coverage_pct or active and workforce); add the latest "
            "figure from the BPJS Ketenagakerjaan branch office"
        )
    obs = usable.iloc[-1]
    start_month = _month(obs["date"])
    if not _isna(obs["coverage_pct"]):
        c0 = float(obs["coverage_pct"]) / 100.0
        c_note = obs.get("note")
    else:
        c0 = float(obs["active"]) / float(obs["workforce"])
        c_note = "coverage = active / workforce"
    rows.append(_row("coverage0", c0, "proportion", obs.get("source"), obs.get("quality"), c_note))
    rows.append(
        _row(
            "start_month",
            str(start_month),
            "month",
            obs.get("source"),
            obs.get("quality"),
            "date of the latest coverage figure used",
        )
    )
    if not _isna(obs["workforce"]):
        w0 = float(obs["workforce"])
        rows.append(
            _row(
                "workforce0", w0, "persons", obs.get("source"), obs.get("quality"), obs.get("note")
            )
        )
    else:
        wrows = mine[mine["workforce"].notna()]
        if wrows.empty:
            raise ValueError(
                f"{name}: the coverage row of {start_month} has no workforce and no other "
                "total-segment row gives one; add the eligible workforce (angkatan kerja)"
            )
        wr = wrows.iloc[-1]
        months = start_month.ordinal - _month(wr["date"]).ordinal
        w0 = float(wr["workforce"]) * (1 + growth) ** (months / 12)
        rows.append(
            _row(
                "workforce0",
                w0,
                "persons",
                wr.get("source"),
                "derived",
                f"workforce {int(wr['workforce'])} of {_month(wr['date'])} x "
                f"(1 + {g_pct:g} %)^({months}/12)",
            )
        )

    # ---- village funds --------------------------------------------------------------------
    vf = bundle.village_funds.frame
    vf = vf[vf["regency"] == name]
    nat = bundle.dana_desa_national.frame
    nat_amt = {
        int(y): float(a) for y, a in zip(nat["year"], nat["amount_rp"], strict=True) if not _isna(a)
    }
    dd: dict[int, float] = {}
    add: dict[int, float] = {}
    for _, v in vf.sort_values("year").iterrows():
        target = dd if v["fund"] == "DD" else add
        target[int(v["year"])] = float(v["amount_rp"])
        rows.append(
            _row(
                f"{v['fund']}_{int(v['year'])}",
                float(v["amount_rp"]),
                "Rp per year",
                v.get("source"),
                v.get("quality"),
                v.get("note"),
            )
        )
    if dd and nat_amt:
        y0 = max(dd)
        for y in sorted(nat_amt):
            if y <= y0 or y0 not in nat_amt:
                continue
            dd[y] = dd[y0] * nat_amt[y] / nat_amt[y0]
            rows.append(
                _row(
                    f"DD_{y}",
                    dd[y],
                    "Rp per year",
                    "dana_desa_national",
                    "derived",
                    f"DD {name} {y0} x national DD {y} / national DD {y0}",
                )
            )
    if not add:
        per_desa = param("add_per_desa_rp")
        year = start_month.year
        add[year] = per_desa * n_desa
        rows.append(
            _row(
                f"ADD_{year}",
                add[year],
                "Rp per year",
                "assumptions",
                "assumed",
                f"add_per_desa_rp x n_desa = {per_desa:,.0f} x {n_desa}",
            )
        )

    # ---- contribution rate ------------------------------------------------------------------
    rates, rate_rows = _funded_rate_spans(bundle.contribution_rates.frame)
    rows += rate_rows

    # ---- parameters -------------------------------------------------------------------------
    kw = {
        "lapse_organic_pct_per_year": param("lapse_organic_pct_per_year"),
        "lapse_funded_pct_per_year": param("lapse_funded_pct_per_year"),
        "arrears_share_pct": param("arrears_share_pct"),
        "arrears_months": int(round(param("arrears_months"))),
        "enrolment_months": param("enrolment_months"),
        "enrolment_pace_per_village_month": param("enrolment_pace_per_village_month"),
        "budget_realisation_mean_pct": param("budget_realisation_mean_pct"),
        "budget_realisation_sd_pct": param("budget_realisation_sd_pct"),
        "workforce_growth_sd": param("workforce_growth_sd_pct") / 100.0,
        "village_pool_cv": param("village_pool_cv"),
        "desa_pool_share": param("desa_pool_share_pct") / 100.0,
    }
    # the workforce growth is drawn from a normal distribution: show mean -/+ 2 sd as its range
    sd_pct = kw["workforce_growth_sd"] * 100.0
    for row in rows:
        if row["name"] == "workforce_growth_pct" and sd_pct > 0:
            row["low"], row["high"] = g_pct - 2.0 * sd_pct, g_pct + 2.0 * sd_pct
            row["note"] = (
                f"{row['note']} Drawn per Monte Carlo draw from a normal distribution, sd "
                f"{sd_pct:g} percentage points (workforce_growth_sd_pct); low and high = "
                "mean -/+ 2 sd."
            ).strip()
    table = pd.DataFrame(rows, columns=_TABLE_COLUMNS)
    return RegencyInputs(
        regency=name,
        province=str(r["province"]),
        n_desa=n_desa,
        n_kelurahan=n_kel,
        start_month=start_month,
        workforce0=w0,
        coverage0=c0,
        workforce_growth=growth,
        dd_per_year=dd,
        add_per_year=add,
        inputs_table=table,
        contribution_rates=rates,
        ranges=ranges,
        villages=village_rows(bundle, name),
        **kw,
    )


def _funded_rate_spans(frame: pd.DataFrame) -> tuple[tuple[RateSpan, ...], list[dict]]:
    """Piecewise-constant contribution rate for payer ``funded`` and the table rows it used."""
    f = frame[frame["payer"].astype(str) == "funded"]
    rows: list[dict] = []
    if f.empty:
        value, unit = 16_800.0, "Rp per person per month"
        rows.append(
            _row(
                "contribution_rate",
                value,
                unit,
                "engine default",
                "assumed",
                "no funded rate in contribution_rates; BPU JKK+JKM minimum",
            )
        )
        return _DEFAULT_RATES, rows
    comp = f["component"].astype(str)
    package = comp.str.contains("+", regex=False) | comp.str.lower().isin(["total", "paket"])
    if package.any():
        f = f[package.to_numpy(dtype=bool)]
    recs = []
    for _, v in f.iterrows():
        lo = _month(v["valid_from"]).ordinal
        hi = None if _isna(v["valid_to"]) else _month(v["valid_to"]).ordinal
        recs.append((lo, hi, float(v["rate_rp_per_month"])))
        basis = v.get("legal_basis")
        rows.append(
            _row(
                f"contribution_rate {v['scheme']} {v['component']} from "
                f"{pd.Period(ordinal=lo, freq='M')}",
                float(v["rate_rp_per_month"]),
                "Rp per person per month",
                v.get("source"),
                v.get("quality"),
                v.get("note") if _isna(basis) or not basis else f"{basis}. {v.get('note') or ''}",
            )
        )
    cuts = sorted({lo for lo, _, _ in recs} | {hi + 1 for _, hi, _ in recs if hi is not None})
    spans: list[list] = []
    for n, lo in enumerate(cuts):
        hi = cuts[n + 1] - 1 if n + 1 < len(cuts) else None
        live = [r for r in recs if r[0] <= lo and (r[1] is None or r[1] >= lo)]
        if not live:
            continue
        rate = sum(r[2] for r in live)
        if spans and spans[-1][2] == rate and spans[-1][1] is not None and spans[-1][1] + 1 == lo:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi, rate])
    out = tuple(
        (
            pd.Period(ordinal=lo, freq="M"),
            None if hi is None else pd.Period(ordinal=hi, freq="M"),
            float(rate),
        )
        for lo, hi, rate in spans
    )
    return (out or _DEFAULT_RATES), rows
