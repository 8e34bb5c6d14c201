"""Scenarios as data: validation of scenario dictionaries and the frozen :class:`Scenario` types.

A scenario says which money or quota pays BPJS Ketenagakerjaan contributions for extra workers
(the *levers*) and how reliably it is paid (lapse, arrears, payment cycle, budget realisation).
Scenarios are written in YAML (the presets live in ``ucj_analysis/presets/scenarios.yaml``, whose
header documents the format) and validated here. Reading the YAML file is the loaders' job
(:func:`ucj_analysis.loaders.read_scenarios`); this module only checks the parsed dictionary.

This module is long because the frozen scenario and lever types and the validator that
builds them share one description of every key (type, range, unit, message in both languages):
split apart, the two halves would have to repeat it.

Every problem in a file is collected; :class:`ScenarioError` lists them all, each naming the
source file, the scenario and the key, e.g.::

    scenarios.yaml, skenario 'add_5', kunci 'levers[0].share_pct', nilai '-5': bagian dana
    tidak boleh negatif — expected a number in (0, 100]

Parameters that a scenario leaves out (``null``) fall back to the regency's assumptions
(``assumptions.csv`` via :class:`ucj_analysis.inputs.RegencyInputs`); where the assumption has a
range (``low``, ``high``) the engine draws it per Monte Carlo draw. A value a scenario sets is used
as is, without spread. A lever without ``start`` starts at the budget start of the run (by
default the January after the month the analysis is run, see :func:`ucj_analysis.engine.simulate`).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd

from ucj_analysis import config
from ucj_analysis.errors import DataValidationError

__all__ = [
    "ScenarioError",
    "ScenarioProblem",
    "Text",
    "Lever",
    "ShareOfFund",
    "QuotaPerVillage",
    "ApbdAmount",
    "FixedCohort",
    "SppgKitchens",
    "FundGap",
    "VillageBudgets",
    "Scenario",
    "LEVER_TYPES",
    "FUNDS",
    "PAYERS",
    "PRESETS_PATH",
    "validate_scenarios",
    "trend_only_scenario",
]

#: Package file holding the named presets (read by :func:`ucj_analysis.loaders.read_scenarios`).
PRESETS_PATH: Path = config.PRESETS_FILE

#: Village funds a ``share_of_fund`` lever may draw on.
FUNDS: tuple[str, ...] = ("DD", "ADD")
#: Who pays a lever. Budget realisation and arrears apply to ``village`` levers only.
PAYERS: tuple[str, ...] = ("village", "regency", "province", "central")
PAYMENT_CYCLES: tuple[str, ...] = ("monthly", "annual")
#: Default payment deadline of a budget year (month, day): 19 December, the deadline the Tojo
#: Una-Una government set for villages in arrears in 2025 (source key
#: ``kabarmaleo_touna_arrears_2025``: monitoring event of 9 Dec 2025, "batas waktu hingga
#: 19 Desember 2025 bagi desa yang masih memiliki tunggakan").
DEFAULT_PAYMENT_DEADLINE: tuple[int, int] = (12, 19)
#: Kitchen staff per SPPG (free-meals programme kitchen) [persons].
WORKERS_PER_SPPG_KITCHEN = 54


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScenarioProblem:
    """One problem in a scenario file.

    Parameters
    ----------
    source : str
        File (or other source) the scenario came from.
    scenario : str or None
        Scenario id; ``None`` for problems with the file's top level.
    key : str
        Key path inside the scenario, e.g. ``levers[0].share_pct``.
    value : object
        Offending value (``None`` when missing).
    expected : str
        What was expected, in English.
    phrase : str
        Short Indonesian description.
    """

    source: str
    scenario: str | None
    key: str
    value: object
    expected: str
    phrase: str = ""

    def message(self) -> str:
        """One line: source, scenario, key, value, Indonesian phrase, English expectation."""
        where = [self.source]
        if self.scenario is not None:
            where.append(f"skenario '{self.scenario}'")
        where.append(f"kunci '{self.key}'")
        where.append("nilai kosong" if self.value is None else f"nilai '{self.value}'")
        head = ", ".join(where)
        if self.phrase:
            return f"{head}: {self.phrase} — expected {self.expected}"
        return f"{head}: expected {self.expected}"

    def __str__(self) -> str:
        return self.message()


class ScenarioError(DataValidationError):
    """A scenario dictionary failed validation; ``problems`` lists every problem found."""

    heading_key = "errors.scenario.heading"
    where_attr = "source"


# --------------------------------------------------------------------------------------------
# Data types
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Text:
    """A user-facing text in Bahasa Indonesia (``id``) and English (``en``)."""

    id: str
    en: str

    def get(self, lang: str = "id") -> str:
        """Return the text in ``lang`` (``"id"`` or ``"en"``)."""
        if lang not in ("id", "en"):
            raise ValueError(f"lang must be 'id' or 'en', got {lang!r}")
        return self.id if lang == "id" else self.en


@dataclass(frozen=True, kw_only=True)
class Lever:
    """Common fields of every lever.

    Parameters
    ----------
    start : pandas.Period or None
        First month [M] the lever pays contributions; ``None`` = the budget start of the run
        (``simulate(..., budget_start=...)``, by default the January after the run month).
    growth_pct_per_year : float
        Relative growth of the lever's size (share, quota, amount, persons, kitchens) after
        ``start``, compounded monthly. [% per year]
    end : pandas.Period or None
        Last month the lever pays (programme end); ``None`` = open-ended.
    payer : str
        ``village`` | ``regency`` | ``province`` | ``central``. Budget realisation and arrears
        apply to ``village`` levers only.
    """

    kind: ClassVar[str] = ""
    start: pd.Period | None = None
    growth_pct_per_year: float = 0.0
    end: pd.Period | None = None
    payer: str = "village"

    def is_money(self) -> bool:
        """True when the lever is an amount of money (converted to persons by the contribution)."""
        return self.kind in ("share_of_fund", "apbd_amount", "village_budgets")


@dataclass(frozen=True, kw_only=True)
class ShareOfFund(Lever):
    """A share of a village fund (DD or ADD) paid into contributions by every village.

    Parameters
    ----------
    fund : {"DD", "ADD"}
        Dana Desa or Alokasi Dana Desa.
    share_pct : float
        Share of the fund. [%]
    """

    kind: ClassVar[str] = "share_of_fund"
    fund: str
    share_pct: float


@dataclass(frozen=True, kw_only=True)
class QuotaPerVillage(Lever):
    """A fixed number of funded workers per desa (e.g. "1 desa 100 pekerja rentan").

    Parameters
    ----------
    persons_per_desa : float
        Funded workers per desa. [persons]
    include_kelurahan : bool
        Kelurahan get the same quota (as in Tojo Una-Una: 134 desa + 12 kelurahan x 100).
    """

    kind: ClassVar[str] = "quota_per_village"
    persons_per_desa: float
    include_kelurahan: bool = False


@dataclass(frozen=True, kw_only=True)
class ApbdAmount(Lever):
    """An amount per year from the regency or provincial budget (APBD) for this regency's workers.

    Parameters
    ----------
    level : {"regency", "province"}
        Whose APBD pays (also the payer).
    amount_rp_per_year : float
        Amount paid into contributions for this regency. [Rp per year]
    """

    kind: ClassVar[str] = "apbd_amount"
    level: str
    amount_rp_per_year: float
    payer: str = "regency"

    def __post_init__(self):
        object.__setattr__(self, "payer", self.level)


@dataclass(frozen=True, kw_only=True)
class FixedCohort(Lever):
    """A fixed number of funded persons (e.g. the 6,000 workers Konawe's Bupati added).

    Parameters
    ----------
    persons : float
        Funded persons. [persons]
    """

    kind: ClassVar[str] = "fixed_cohort"
    persons: float
    payer: str = "regency"


@dataclass(frozen=True, kw_only=True)
class SppgKitchens(Lever):
    """Kitchen staff of the free-meals programme (SPPG), 54 workers per kitchen by default.

    Parameters
    ----------
    kitchens : float
        Number of SPPG kitchens in the regency. [kitchens]
    workers_per_kitchen : float
        Workers per kitchen. [persons]
    """

    kind: ClassVar[str] = "sppg_kitchens"
    kitchens: float
    workers_per_kitchen: float = WORKERS_PER_SPPG_KITCHEN
    payer: str = "central"


@dataclass(frozen=True, kw_only=True)
class FundGap(Lever):
    """Pay for every uncovered worker (an upper-bound scenario).

    The places funded each month are the uncovered pool of that month in that Monte Carlo draw
    (workforce - organic participants), never more; they fill at the enrolment pace.
    """

    kind: ClassVar[str] = "fund_gap"
    payer: str = "regency"


@dataclass(frozen=True, kw_only=True)
class VillageBudgets(Lever):
    """Each village pays from its own budget line (anggaran desa masing-masing).

    Places of a village = its ``budget_rp`` in the village file / (12 x contribution rate). Only
    a regency with a village file has such figures; a village without a figure (and a regency
    without a village file) funds nobody under this lever.

    Parameters
    ----------
    include_kelurahan : bool
        Kelurahan with a budget figure pay too (default: desa only).
    """

    kind: ClassVar[str] = "village_budgets"
    include_kelurahan: bool = False


LEVER_CLASSES: dict[str, type[Lever]] = {
    c.kind: c
    for c in (
        ShareOfFund,
        QuotaPerVillage,
        ApbdAmount,
        FixedCohort,
        SppgKitchens,
        FundGap,
        VillageBudgets,
    )
}
LEVER_TYPES: tuple[str, ...] = tuple(LEVER_CLASSES)
_DEFAULT_PAYER = {
    "share_of_fund": "village",
    "quota_per_village": "village",
    "apbd_amount": None,  # = level
    "fixed_cohort": "regency",
    "sppg_kitchens": "central",
    "fund_gap": "regency",
    "village_budgets": "village",
}


@dataclass(frozen=True, kw_only=True)
class Scenario:
    """One validated scenario.

    Fields left ``None`` fall back to the regency's assumptions (``assumptions.csv``).

    Parameters
    ----------
    id : str
        Scenario key.
    label, description : Text
        Names shown in reports (Indonesian / English).
    levers : tuple of Lever
        Funding levers, in addition to the organic trend.
    lapse_organic_pct_per_year : float or None
        Annual lapse of organic (self/employer-paid) participants. ``None`` = the regency's
        baseline, which the trend already contains, so organic coverage follows the trend. [%]
    lapse_funded_pct_per_year : float or None
        Annual lapse of funded places (worker leaves the list; place re-filled later). [%]
    arrears_share_pct : float or None
        Share of villages in arrears each budget year; their funded workers are inactive. [%]
    arrears_months : int or None
        Months after the budget-year start that villages in arrears stay unpaid (0-12; 12 means
        arrears are never cured). [months]
    payment_cycle : {"monthly", "annual"}
        ``annual``: the year's contributions are paid in one go in ``payment_month``; the funded
        list is then fixed for the year (lapsed places are refilled only at the next payment,
        the cost of the whole year falls in the payment month, and a rate change takes effect
        at the next payment).
    payment_month : int
        Calendar month the budget year's payment is due (1 = January). [month]
    enrolment_months : float or None
        Optional extra smoothing of enrolment: each month at most a share
        ``1 - exp(-1 / enrolment_months)`` of open places is filled (0 = no smoothing; the
        enrolment pace still applies). [months]
    enrolment_pace_per_village_month : float or None
        Most new funded workers registered per village per month; ``None`` = the regency's
        assumption (drawn per draw where it has a range). [persons per village per month]
    budget_realisation_mean_pct, budget_realisation_sd_pct : float or None
        Mean and sd of the share of villages that really pay (drawn per Monte Carlo draw). [%]
    payment_deadline : tuple of int
        ``(month, day)`` by which a village must have paid its budget year; a village that has
        not is in arrears from then until it pays (its workers inactive). Used for regencies
        with a village file (:mod:`ucj_analysis.simulation.villages`). Default 19 December
        (:data:`DEFAULT_PAYMENT_DEADLINE`).
    """

    id: str
    label: Text
    description: Text = field(default_factory=lambda: Text("", ""))
    levers: tuple[Lever, ...] = ()
    lapse_organic_pct_per_year: float | None = None
    lapse_funded_pct_per_year: float | None = None
    arrears_share_pct: float | None = None
    arrears_months: int | None = None
    payment_cycle: str = "monthly"
    payment_month: int = 1
    enrolment_months: float | None = None
    enrolment_pace_per_village_month: float | None = None
    budget_realisation_mean_pct: float | None = None
    budget_realisation_sd_pct: float | None = None
    payment_deadline: tuple[int, int] = DEFAULT_PAYMENT_DEADLINE

    def label_for(self, lang: str = "id") -> str:
        """Label in ``lang``."""
        return self.label.get(lang)

    def with_levers(self, *levers: Lever, id: str | None = None) -> Scenario:
        """Copy of this scenario with ``levers`` replacing its levers (and optionally a new id)."""
        return replace(self, levers=tuple(levers), id=id or self.id)


def trend_only_scenario(id: str = "trend_only") -> Scenario:
    """A scenario without levers whose parameters all come from the regency's assumptions."""
    return Scenario(
        id=id,
        label=Text("Tren saat ini", "Current trend only"),
        description=Text(
            "Tanpa pendanaan tambahan; cakupan mengikuti tren.",
            "No additional funding; coverage follows the trend.",
        ),
    )


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------
_TOP_KEYS = {"version", "defaults", "scenarios"}
_SCENARIO_KEYS = {
    "label",
    "description",
    "levers",
    "lapse_pct_per_year",
    "arrears_share_pct",
    "arrears_months",
    "payment_cycle",
    "payment_month",
    "enrolment_months",
    "enrolment_pace_per_village_month",
    "budget_realisation_pct",
    "payment_deadline",
}
_COMMON_LEVER_KEYS = {"type", "start", "growth_pct_per_year", "end", "payer"}
_LEVER_KEYS = {
    "share_of_fund": ({"fund", "share_pct"}, set()),
    "quota_per_village": ({"persons_per_desa"}, {"include_kelurahan"}),
    "apbd_amount": ({"level", "amount_rp_per_year"}, set()),
    "fixed_cohort": ({"persons"}, set()),
    "sppg_kitchens": ({"kitchens"}, {"workers_per_kitchen"}),
    "fund_gap": (set(), set()),
    "village_budgets": (set(), {"include_kelurahan"}),
}
_ID_RE = re.compile(r"^[A-Za-z0-9_\-]+$")
_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


class _Collector:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[ScenarioProblem] = []

    def add(self, scenario, key, value, expected, phrase=""):
        self.problems.append(ScenarioProblem(self.source, scenario, key, value, expected, phrase))


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(float(x))


def _parse_month(x: Any) -> pd.Period | None:
    if isinstance(x, pd.Period):
        return x.asfreq("M")
    if isinstance(x, _dt.date):
        return pd.Period(year=x.year, month=x.month, freq="M")
    if isinstance(x, str):
        m = _MONTH_RE.match(x)
        if m and 1 <= int(m.group(2)) <= 12:
            return pd.Period(year=int(m.group(1)), month=int(m.group(2)), freq="M")
    return None


_DEADLINE_RE = re.compile(r"^\s*(\d{1,2})-(\d{1,2})\s*$")


def _parse_deadline(x: Any) -> tuple[int, int] | None:
    """``(month, day)`` of a payment deadline: ``'MM-DD'`` or a date (its month and day)."""
    if isinstance(x, _dt.date):
        return (x.month, x.day)
    if isinstance(x, str):
        m = _DEADLINE_RE.match(x)
        if m:
            month, day = int(m.group(1)), int(m.group(2))
            if (
                1 <= month <= 12
                and 1 <= day <= pd.Period(year=2025, month=month, freq="M").days_in_month
            ):
                return (month, day)
    return None


def _number(col, sid, key, value, lo, hi, *, lo_open=False, hi_open=False, phrase="", what=""):
    """Check a number in [lo, hi] (open ends as asked); record a problem and return None if not."""
    lo_b = "(" if lo_open else "["
    hi_b = ")" if hi_open else "]"
    lo_s = "-inf" if lo is None else f"{lo:g}"
    hi_s = "inf" if hi is None else f"{hi:g}"
    expected = f"{what or 'a number'} in {lo_b}{lo_s}, {hi_s}{hi_b}"
    if not _is_number(value):
        col.add(sid, key, value, expected, phrase or "harus berupa angka")
        return None
    v = float(value)
    bad_lo = lo is not None and (v <= lo if lo_open else v < lo)
    bad_hi = hi is not None and (v >= hi if hi_open else v > hi)
    if bad_lo or bad_hi:
        if phrase:
            ph = phrase
        elif bad_lo and v < 0:
            ph = "tidak boleh negatif"
        elif bad_lo:
            ph = "terlalu kecil"
        else:
            ph = "terlalu besar"
        col.add(sid, key, value, expected, ph)
        return None
    return v


def _text(col, sid, key, value, required: bool) -> Text | None:
    if value is None:
        if required:
            col.add(sid, key, None, "a mapping {id: ..., en: ...}", "label wajib diisi")
        return None
    if not isinstance(value, Mapping):
        col.add(sid, key, value, "a mapping {id: ..., en: ...}", "harus berupa id/en")
        return None
    ok = True
    for k in value:
        if k not in ("id", "en"):
            col.add(sid, f"{key}.{k}", value[k], "only keys 'id' and 'en'", "kunci tidak dikenal")
            ok = False
    for k in ("id", "en"):
        v = value.get(k)
        if not isinstance(v, str) or (required and not v.strip()):
            col.add(sid, f"{key}.{k}", v, "a non-empty text", "teks wajib diisi")
            ok = False
    return Text(value["id"], value["en"]) if ok else None


def _lever(col, sid, key, raw, horizon: pd.Period) -> Lever | None:
    if not isinstance(raw, Mapping):
        col.add(sid, key, raw, "a mapping with 'type', ...", "tuas harus berupa mapping")
        return None
    kind = raw.get("type")
    if kind not in LEVER_CLASSES:
        col.add(
            sid,
            f"{key}.type",
            kind,
            f"one of {', '.join(LEVER_TYPES)}",
            "jenis tuas tidak dikenal",
        )
        return None
    required, optional = _LEVER_KEYS[kind]
    allowed = _COMMON_LEVER_KEYS | required | optional
    ok = True
    for k in raw:
        if k not in allowed:
            col.add(
                sid,
                f"{key}.{k}",
                raw[k],
                f"a key of a {kind} lever: {', '.join(sorted(allowed))}",
                "kunci tidak dikenal",
            )
            ok = False
    for k in sorted(required):
        if k not in raw:
            col.add(sid, f"{key}.{k}", None, f"key '{k}' (required for {kind})", "wajib diisi")
            ok = False
    fields: dict[str, Any] = {}
    start = None
    if raw.get("start") is not None:
        start = _parse_month(raw["start"])
        if start is None:
            col.add(sid, f"{key}.start", raw["start"], "a month 'YYYY-MM'", "bulan tidak valid")
            ok = False
        elif start > horizon:
            col.add(
                sid,
                f"{key}.start",
                raw["start"],
                f"a start month not after the horizon {horizon}",
                "mulai setelah akhir horizon",
            )
            ok = False
        fields["start"] = start
    if raw.get("end") is not None:
        end = _parse_month(raw["end"])
        if end is None:
            col.add(sid, f"{key}.end", raw["end"], "a month 'YYYY-MM' or null", "bulan tidak valid")
            ok = False
        elif start is not None and end < start:
            col.add(
                sid, f"{key}.end", raw["end"], f"end >= start ({start})", "berakhir sebelum mulai"
            )
            ok = False
        fields["end"] = end
    g = raw.get("growth_pct_per_year", 0.0)
    gv = _number(col, sid, f"{key}.growth_pct_per_year", g, -100, 1000, lo_open=True)
    ok &= gv is not None
    fields["growth_pct_per_year"] = gv
    default_payer = _DEFAULT_PAYER[kind]
    if "payer" in raw:
        p = raw["payer"]
        if kind in ("share_of_fund", "apbd_amount"):
            fixed = "village" if kind == "share_of_fund" else "the 'level' key"
            col.add(
                sid,
                f"{key}.payer",
                p,
                f"no 'payer' key: a {kind} lever is paid by {fixed}",
                "pembayar sudah ditentukan oleh jenis tuas",
            )
            ok = False
        elif p not in PAYERS:
            col.add(sid, f"{key}.payer", p, f"one of {', '.join(PAYERS)}", "pembayar tidak dikenal")
            ok = False
        else:
            default_payer = p
    if kind == "share_of_fund":
        fund = raw.get("fund")
        fund_u = fund.upper() if isinstance(fund, str) else fund
        if "fund" in raw and fund_u not in FUNDS:
            col.add(sid, f"{key}.fund", fund, "DD or ADD", "dana tidak dikenal")
            ok = False
        fields["fund"] = fund_u
        if "share_pct" in raw:
            v = _number(
                col,
                sid,
                f"{key}.share_pct",
                raw["share_pct"],
                0,
                100,
                lo_open=True,
                what="a share [%]",
                phrase="bagian dana harus di atas 0 dan paling banyak 100 %",
            )
            ok &= v is not None
            fields["share_pct"] = v
    elif kind in ("quota_per_village", "village_budgets"):
        if kind == "quota_per_village" and "persons_per_desa" in raw:
            v = _number(col, sid, f"{key}.persons_per_desa", raw["persons_per_desa"], 0, None)
            ok &= v is not None
            fields["persons_per_desa"] = v
        inc = raw.get("include_kelurahan", False)
        if not isinstance(inc, bool):
            col.add(sid, f"{key}.include_kelurahan", inc, "true or false", "harus true/false")
            ok = False
        fields["include_kelurahan"] = inc
    elif kind == "apbd_amount":
        level = raw.get("level")
        if "level" in raw and level not in ("regency", "province"):
            col.add(sid, f"{key}.level", level, "regency or province", "tingkat APBD tidak dikenal")
            ok = False
        fields["level"] = level
        default_payer = level
        if "amount_rp_per_year" in raw:
            v = _number(col, sid, f"{key}.amount_rp_per_year", raw["amount_rp_per_year"], 0, None)
            ok &= v is not None
            fields["amount_rp_per_year"] = v
    elif kind == "fixed_cohort":
        if "persons" in raw:
            v = _number(col, sid, f"{key}.persons", raw["persons"], 0, None, lo_open=True)
            ok &= v is not None
            fields["persons"] = v
    elif kind == "sppg_kitchens":
        if "kitchens" in raw:
            v = _number(col, sid, f"{key}.kitchens", raw["kitchens"], 0, None)
            ok &= v is not None
            fields["kitchens"] = v
        w = raw.get("workers_per_kitchen", WORKERS_PER_SPPG_KITCHEN)
        v = _number(col, sid, f"{key}.workers_per_kitchen", w, 0, None, lo_open=True)
        ok &= v is not None
        fields["workers_per_kitchen"] = v
    if not ok:
        return None
    return LEVER_CLASSES[kind](payer=default_payer, **fields)


def _scenario(col, sid, raw, horizon) -> Scenario | None:
    n_before = len(col.problems)
    if not isinstance(sid, str) or not _ID_RE.match(sid):
        col.add(str(sid), "(id)", sid, "an id of letters, digits, '_' or '-'", "id tidak valid")
    if not isinstance(raw, Mapping):
        col.add(str(sid), "(scenario)", raw, "a mapping of scenario keys", "harus berupa mapping")
        return None
    for k in raw:
        if k not in _SCENARIO_KEYS:
            col.add(
                sid,
                str(k),
                raw[k],
                f"a scenario key: {', '.join(sorted(_SCENARIO_KEYS))}",
                "kunci tidak dikenal",
            )
    label = _text(col, sid, "label", raw.get("label"), required=True)
    description = _text(col, sid, "description", raw.get("description"), required=False)
    kw: dict[str, Any] = {}

    lapse = raw.get("lapse_pct_per_year")
    lo = lf = None
    if isinstance(lapse, Mapping):
        for k in lapse:
            if k not in ("organic", "funded"):
                col.add(
                    sid,
                    f"lapse_pct_per_year.{k}",
                    lapse[k],
                    "keys 'organic' and 'funded'",
                    "kunci tidak dikenal",
                )
        if lapse.get("organic") is not None:
            lo = _number(
                col, sid, "lapse_pct_per_year.organic", lapse["organic"], 0, 100, hi_open=True
            )
        if lapse.get("funded") is not None:
            lf = _number(
                col, sid, "lapse_pct_per_year.funded", lapse["funded"], 0, 100, hi_open=True
            )
    elif lapse is not None:
        lo = lf = _number(
            col,
            sid,
            "lapse_pct_per_year",
            lapse,
            0,
            100,
            hi_open=True,
            what="a number or {organic: .., funded: ..}",
        )
    kw["lapse_organic_pct_per_year"] = lo
    kw["lapse_funded_pct_per_year"] = lf

    if raw.get("arrears_share_pct") is not None:
        kw["arrears_share_pct"] = _number(
            col, sid, "arrears_share_pct", raw["arrears_share_pct"], 0, 100
        )
    if raw.get("arrears_months") is not None:
        v = raw["arrears_months"]
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 12:
            col.add(sid, "arrears_months", v, "a whole number of months 0-12", "bulan tunggakan")
        else:
            kw["arrears_months"] = int(v)
    cyc = raw.get("payment_cycle", "monthly")
    if cyc not in PAYMENT_CYCLES:
        col.add(sid, "payment_cycle", cyc, "monthly or annual", "siklus bayar tidak dikenal")
    kw["payment_cycle"] = cyc
    pm = raw.get("payment_month", 1)
    if isinstance(pm, bool) or not isinstance(pm, int) or not 1 <= pm <= 12:
        col.add(sid, "payment_month", pm, "a calendar month 1-12", "bulan bayar tidak valid")
    else:
        kw["payment_month"] = pm
    if raw.get("payment_deadline") is not None:
        dl = _parse_deadline(raw["payment_deadline"])
        if dl is None:
            col.add(
                sid,
                "payment_deadline",
                raw["payment_deadline"],
                "a month and day 'MM-DD' (e.g. '12-19' for 19 December)",
                "batas waktu pembayaran tidak valid",
            )
        else:
            kw["payment_deadline"] = dl
    if raw.get("enrolment_months") is not None:
        kw["enrolment_months"] = _number(
            col, sid, "enrolment_months", raw["enrolment_months"], 0, 120
        )
    if raw.get("enrolment_pace_per_village_month") is not None:
        kw["enrolment_pace_per_village_month"] = _number(
            col,
            sid,
            "enrolment_pace_per_village_month",
            raw["enrolment_pace_per_village_month"],
            0,
            10_000,
            lo_open=True,
            what="persons per village per month",
            phrase="laju pendaftaran harus di atas 0",
        )
    real = raw.get("budget_realisation_pct")
    if isinstance(real, Mapping):
        for k in real:
            if k not in ("mean", "sd"):
                col.add(
                    sid,
                    f"budget_realisation_pct.{k}",
                    real[k],
                    "keys 'mean' and 'sd'",
                    "kunci tidak dikenal",
                )
        if "mean" not in real:
            col.add(sid, "budget_realisation_pct.mean", None, "a mean [%] in [0, 100]", "wajib")
        else:
            kw["budget_realisation_mean_pct"] = _number(
                col, sid, "budget_realisation_pct.mean", real["mean"], 0, 100
            )
        kw["budget_realisation_sd_pct"] = _number(
            col, sid, "budget_realisation_pct.sd", real.get("sd", 0.0), 0, 100
        )
    elif real is not None:
        kw["budget_realisation_mean_pct"] = _number(
            col,
            sid,
            "budget_realisation_pct",
            real,
            0,
            100,
            what="a number or {mean: .., sd: ..}",
        )
        kw["budget_realisation_sd_pct"] = 0.0

    levers_raw = raw.get("levers", [])
    levers: list[Lever] = []
    if levers_raw is None:
        levers_raw = []
    if not isinstance(levers_raw, list):
        col.add(sid, "levers", levers_raw, "a list of levers", "harus berupa daftar")
    else:
        for i, lr in enumerate(levers_raw):
            lev = _lever(col, sid, f"levers[{i}]", lr, horizon)
            if lev is not None:
                levers.append(lev)
    if len(col.problems) > n_before or label is None:
        return None
    return Scenario(
        id=sid,
        label=label,
        description=description or Text("", ""),
        levers=tuple(levers),
        **kw,
    )


def validate_scenarios(
    raw: dict, source: str, *, horizon_end: str | pd.Period = "2045-12"
) -> dict[str, Scenario]:
    """Validate a parsed scenario file and return its scenarios.

    Parameters
    ----------
    raw : dict
        Parsed YAML: ``{"version": 1, "defaults": {...}, "scenarios": {id: {...}, ...}}``.
        ``defaults`` holds scenario-level keys applied to every scenario that does not set them.
    source : str
        Name of the file (or other source), used in every error message.
    horizon_end : str or pandas.Period
        Last month of the simulation; a lever starting after it is an error. [YYYY-MM]

    Returns
    -------
    dict of str to Scenario
        Scenarios by id, in file order.

    Raises
    ------
    ScenarioError
        Listing **all** problems (unknown keys, impossible values, unknown fund or lever type,
        start after the horizon ...), each naming the source, the scenario and the key.
    """
    horizon = _parse_month(horizon_end)
    if horizon is None:
        raise ValueError(f"horizon_end must be a month 'YYYY-MM', got {horizon_end!r}")
    col = _Collector(source)
    if not isinstance(raw, Mapping):
        col.add(
            None, "(file)", type(raw).__name__, "a mapping with key 'scenarios'", "format salah"
        )
        raise ScenarioError(col.problems)
    for k in raw:
        if k not in _TOP_KEYS:
            col.add(
                None,
                str(k),
                "…",
                f"a top-level key: {', '.join(sorted(_TOP_KEYS))}",
                "kunci tidak dikenal",
            )
    defaults = raw.get("defaults") or {}
    if not isinstance(defaults, Mapping):
        col.add(None, "defaults", defaults, "a mapping of scenario keys", "harus berupa mapping")
        defaults = {}
    for k in defaults:
        if k not in _SCENARIO_KEYS - {"label", "description", "levers"}:
            col.add(
                None,
                f"defaults.{k}",
                defaults[k],
                "a scenario parameter key (not label/description/levers)",
                "kunci tidak dikenal",
            )
    scen_raw = raw.get("scenarios")
    if not isinstance(scen_raw, Mapping) or not scen_raw:
        col.add(
            None, "scenarios", scen_raw, "a non-empty mapping id -> scenario", "tidak ada skenario"
        )
        raise ScenarioError(col.problems)
    out: dict[str, Scenario] = {}
    for sid, sraw in scen_raw.items():
        merged = sraw
        if isinstance(sraw, Mapping):
            merged = {
                **{k: v for k, v in defaults.items() if k in _SCENARIO_KEYS},
                **sraw,
            }
        sc = _scenario(col, sid, merged, horizon)
        if sc is not None:
            out[sid] = sc
    if col.problems:
        raise ScenarioError(col.problems)
    return out
