"""What-if: the answer of a regency forecast for a planner's own settings, in well under a second.

A planner in a meeting asks "and if villages pay 8 % of ADD instead of 10 %? and if a fifth of
them pay late?". :class:`WhatIf` answers from a finished forecast
(:func:`ucj_analysis.report.regency_forecast`): it keeps the forecast's inputs, its running
programmes, its trend draws and its dates, and reruns only the simulation
(:func:`ucj_analysis.engine.simulate`) for two scenarios, the current trend and the planner's
settings (:class:`WhatIfParams`), with only the coverage paths kept. The answer rows are those of
the report (:func:`ucj_analysis.answers.answer_table`), so a setting equal to a preset gives the
preset's numbers exactly (same seed, same draws, common random numbers).

The planner's scenario is built the way a batch reads one: :meth:`WhatIf.scenario_dict` writes
the scenario as a YAML mapping and :func:`ucj_analysis.scenarios.validate_scenarios` turns it
into the :class:`~ucj_analysis.scenarios.Scenario` that is simulated, so the file saved by
:meth:`WhatIf.scenario_yaml` reproduces the answer through
``regency_forecast(scenarios=[path])``.

Everything here is pure: no file is read or written, nothing is printed or drawn. The live
controls are in :mod:`ucj_analysis.whatif_widgets`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd
import yaml

from ucj_analysis import answers as ans
from ucj_analysis import i18n
from ucj_analysis.engine import simulate
from ucj_analysis.report.data import (
    bundle,
    funded_reference,
    running_programmes,
    with_baseline,
)
from ucj_analysis.scenarios import (
    FUNDS,
    ApbdAmount,
    QuotaPerVillage,
    Scenario,
    ShareOfFund,
    trend_only_scenario,
    validate_scenarios,
)

__all__ = [
    "TREND_ID",
    "WHATIF_ID",
    "WhatIfParams",
    "WhatIf",
    "WhatIfResult",
]

#: Scenario id of the planner's settings in a what-if result.
WHATIF_ID = "whatif"
#: Scenario id of the current trend (no new funding) shown beside it.
TREND_ID = "trend_only"


@dataclass(frozen=True)
class WhatIfParams:
    """A planner's settings: the scenario's levers and parameters, the target and the deadline.

    A lever with size 0 is left out; a parameter left ``None`` follows the regency's assumption
    (``assumptions.csv``, drawn per Monte Carlo draw within its range).

    Parameters
    ----------
    fund : {"ADD", "DD"}
        Village fund paying contributions.
    share_pct : float
        Share of that fund paid into contributions by every village (0 = none). [%]
    quota_per_desa : float
        Funded workers per desa paid by the village (0 = none). [persons per desa]
    regency_budget_rp_per_year : float
        Regency budget (APBD) paid into contributions (0 = none). [Rp per year]
    start_year : int or None
        First budget year the levers pay (January); ``None`` or the year of the forecast's
        budget start = its budget start. [year]
    arrears_share_pct : float or None
        Share of villages in arrears each budget year. [%]
    arrears_months : int or None
        Months villages in arrears stay unpaid (0-12). [months]
    budget_realisation_pct : float or None
        Share of villages that really pay (no spread). [%]
    enrolment_pace_per_village_month : float or None
        Most new funded workers registered per village per month.
        [persons per village per month]
    target_pct : float
        Coverage target. [%]
    deadline : str
        Deadline of the probability and of the coverage column. [YYYY-MM]
    """

    fund: str = "ADD"
    share_pct: float = 10.0
    quota_per_desa: float = 0.0
    regency_budget_rp_per_year: float = 0.0
    start_year: int | None = None
    arrears_share_pct: float | None = None
    arrears_months: int | None = None
    budget_realisation_pct: float | None = None
    enrolment_pace_per_village_month: float | None = None
    target_pct: float = 99.5
    deadline: str = "2030-12"

    def replace(self, **changes) -> WhatIfParams:
        """A copy with ``changes`` (unknown names raise ``TypeError``)."""
        return replace(self, **changes)

    def as_dict(self) -> dict:
        """The settings as a plain dict (for a record or a benchmark file)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class WhatIfResult:
    """The answer for one set of settings.

    Attributes
    ----------
    params : WhatIfParams
    scenario : Scenario
        The planner's scenario as simulated (running programmes included, id :data:`WHATIF_ID`).
    answers : pandas.DataFrame
        Two rows of :func:`ucj_analysis.answers.answer_table`, scenario ids :data:`TREND_ID`
        and :data:`WHATIF_ID`, with the one deadline of the settings.
    coverage : pandas.DataFrame
        Coverage per month of both scenarios: ``scenario, month, p10, p50, p90``
        [proportion 0-1].
    view : RegencyForecast
        The forecast narrowed to these two scenarios, target and deadline, whose
        ``answer_table()`` formats :attr:`answers` exactly as the report does.
    simulated : bool
        False when the settings equal a scenario of the forecast and its numbers were reused.
    """

    params: WhatIfParams
    scenario: Scenario
    answers: pd.DataFrame
    coverage: pd.DataFrame
    view: object
    simulated: bool

    def row(self, scenario: str = WHATIF_ID) -> pd.Series:
        """The answer row of ``scenario`` (default: the planner's)."""
        return self.answers.set_index("scenario").loc[scenario]

    def answer_table(self):
        """The two answer rows in the report's format (a pandas Styler)."""
        return self.view.answer_table()


def _clean(v):
    """A float that is a whole number as an int (tidier YAML), other values unchanged."""
    if isinstance(v, float) and math.isfinite(v) and v == round(v):
        return int(v)
    return v


class WhatIf:
    """Answers for a planner's settings from a finished regency forecast.

    Parameters
    ----------
    fc : RegencyForecast
        From :func:`ucj_analysis.report.regency_forecast`; its inputs, running programmes,
        trend draws, draws, seed, horizon and dates are kept.
    """

    def __init__(self, fc):
        self.fc = fc
        self.lang = fc.lang
        self.budget_start: pd.Period = fc.when.budget_start
        baseline, _ = running_programmes(bundle(fc.data_dir), fc.inputs)
        self.baseline = baseline
        self.trend_scenario: Scenario = (
            fc.scenarios.get(TREND_ID)
            or with_baseline({TREND_ID: trend_only_scenario()}, baseline)[TREND_ID]
        )
        # the draws regency_forecast gave the engine: drawn once, reused by every update
        self.trend_draws = {fc.regency: np.asarray(fc.trend.draws(fc.n_draws, fc.seed))}

    # -- settings -------------------------------------------------------------------------
    def defaults(self) -> WhatIfParams:
        """The forecast's reference funded scenario (10 % of ADD when present) as settings."""
        base = WhatIfParams(target_pct=self.fc.target * 100, deadline=self.fc.main_deadline)
        try:
            return self.params_of(funded_reference(self.fc.scenarios), base)
        except ValueError:
            return base

    def params_of(self, sc: Scenario, base: WhatIfParams | None = None) -> WhatIfParams:
        """Settings equal to a scenario of share-of-fund, quota and regency-budget levers.

        Raises
        ------
        ValueError
            For a lever the settings cannot express (fund gap, cohort, kitchens, province
            budget, kelurahan quota, a second lever of a kind, growth or an end month).
        """
        p = base or WhatIfParams(target_pct=self.fc.target * 100, deadline=self.fc.main_deadline)
        own = [lv for lv in sc.levers if lv not in self.baseline]
        kw: dict = {"share_pct": 0.0, "quota_per_desa": 0.0, "regency_budget_rp_per_year": 0.0}
        starts = set()
        for lv in own:
            if lv.growth_pct_per_year or lv.end is not None:
                raise ValueError(f"{sc.id}: growth or end month")
            if isinstance(lv, ShareOfFund) and not kw["share_pct"]:
                kw.update(fund=lv.fund, share_pct=float(lv.share_pct))
            elif (
                isinstance(lv, QuotaPerVillage)
                and not lv.include_kelurahan
                and not kw["quota_per_desa"]
            ):
                kw["quota_per_desa"] = float(lv.persons_per_desa)
            elif (
                isinstance(lv, ApbdAmount)
                and lv.level == "regency"
                and not kw["regency_budget_rp_per_year"]
            ):
                kw["regency_budget_rp_per_year"] = float(lv.amount_rp_per_year)
            else:
                raise ValueError(f"{sc.id}: lever {lv.kind} not in the what-if settings")
            starts.add(lv.start)
        if len(starts) > 1:
            raise ValueError(f"{sc.id}: levers with different starts")
        start = starts.pop() if starts else None
        kw["start_year"] = None if start is None else int(start.year)
        if start is not None and start.month != 1:
            raise ValueError(f"{sc.id}: a start month other than January")
        if sc.budget_realisation_mean_pct is not None and sc.budget_realisation_sd_pct:
            raise ValueError(f"{sc.id}: budget realisation with a spread")
        if (
            sc.lapse_organic_pct_per_year is not None
            or sc.lapse_funded_pct_per_year is not None
            or sc.payment_cycle != "monthly"
            or sc.enrolment_months is not None
        ):
            raise ValueError(f"{sc.id}: lapse, payment cycle or enrolment smoothing set")
        kw.update(
            arrears_share_pct=sc.arrears_share_pct,
            arrears_months=sc.arrears_months,
            budget_realisation_pct=sc.budget_realisation_mean_pct,
            enrolment_pace_per_village_month=sc.enrolment_pace_per_village_month,
        )
        return p.replace(**kw)

    def start_month(self, params: WhatIfParams) -> pd.Period | None:
        """First month the levers pay: ``None`` = the forecast's budget start. [M]"""
        y = params.start_year
        if y is None or int(y) <= self.budget_start.year:
            return None
        return pd.Period(year=int(y), month=1, freq="M")

    def label(self, params: WhatIfParams, lang: str) -> str:
        """The settings in a few words ('8 % ADD, 20 % desa menunggak'), in ``lang``."""
        parts = []
        if params.share_pct > 0:
            pct = i18n.format_pct(params.share_pct, lang, 1 if params.share_pct % 1 else 0)
            parts.append(i18n.t("whatif.part.fund", lang, pct=pct, fund=params.fund))
        if params.quota_per_desa > 0:
            n = i18n.format_number(round(params.quota_per_desa), lang)
            parts.append(i18n.t("whatif.part.quota", lang, n=n))
        if params.regency_budget_rp_per_year > 0:
            amount = i18n.format_budget(params.regency_budget_rp_per_year, lang)
            parts.append(i18n.t("whatif.part.apbd", lang, amount=amount))
        if not parts:
            parts.append(i18n.t("whatif.part.none", lang))
        start = self.start_month(params)
        funded = params.share_pct > 0 or params.quota_per_desa > 0
        if start is not None and (funded or params.regency_budget_rp_per_year > 0):
            parts.append(i18n.t("whatif.part.start", lang, year=start.year))
        if params.arrears_share_pct is not None:
            pct = i18n.format_pct(params.arrears_share_pct, lang, 0)
            parts.append(i18n.t("whatif.part.arrears", lang, pct=pct))
        if params.budget_realisation_pct is not None:
            pct = i18n.format_pct(params.budget_realisation_pct, lang, 0)
            parts.append(i18n.t("whatif.part.realisation", lang, pct=pct))
        if params.enrolment_pace_per_village_month is not None:
            n = i18n.format_number(params.enrolment_pace_per_village_month, lang, 1)
            parts.append(i18n.t("whatif.part.pace", lang, n=n))
        return ", ".join(parts)

    def scenario_dict(self, params: WhatIfParams, *, explicit_start: bool = False) -> dict:
        """The planner's scenario as a YAML mapping (the format of ``presets/scenarios.yaml``).

        Parameters
        ----------
        params : WhatIfParams
        explicit_start : bool
            Write the start month even when it is the forecast's budget start (a saved file
            then starts in the same month whenever it is run).

        Returns
        -------
        dict
            ``label``, ``description``, ``levers`` and the parameters that are set; the
            running programmes are not in it (a forecast adds them to every scenario).
        """
        start = self.start_month(params)
        if start is None and explicit_start:
            start = self.budget_start
        common = {} if start is None else {"start": str(start)}
        levers = []
        if params.share_pct > 0:
            levers.append(
                {
                    "type": "share_of_fund",
                    "fund": str(params.fund).upper(),
                    "share_pct": _clean(float(params.share_pct)),
                    **common,
                }
            )
        if params.quota_per_desa > 0:
            levers.append(
                {
                    "type": "quota_per_village",
                    "persons_per_desa": _clean(float(params.quota_per_desa)),
                    **common,
                }
            )
        if params.regency_budget_rp_per_year > 0:
            levers.append(
                {
                    "type": "apbd_amount",
                    "level": "regency",
                    "amount_rp_per_year": _clean(float(params.regency_budget_rp_per_year)),
                    **common,
                }
            )
        labels = {lang: self.label(params, lang) for lang in i18n.SUPPORTED_LANGS}
        out: dict = {  # a scenario file names itself in every language
            "label": labels,
            "description": {
                lang: i18n.t("whatif.description", lang, parts=text)
                for lang, text in labels.items()
            },
        }
        if params.arrears_share_pct is not None:
            out["arrears_share_pct"] = _clean(float(params.arrears_share_pct))
        if params.arrears_months is not None:
            out["arrears_months"] = int(params.arrears_months)
        if params.budget_realisation_pct is not None:
            out["budget_realisation_pct"] = _clean(float(params.budget_realisation_pct))
        if params.enrolment_pace_per_village_month is not None:
            out["enrolment_pace_per_village_month"] = _clean(
                float(params.enrolment_pace_per_village_month)
            )
        out["levers"] = levers
        return out

    def scenario(self, params: WhatIfParams, scenario_id: str = WHATIF_ID) -> Scenario:
        """The scenario simulated for ``params`` (running programmes in front of its levers).

        Raises
        ------
        ValueError
            For a fund other than DD/ADD or a negative lever size.
        ScenarioError
            For a value the scenario format refuses (e.g. a share above 100 %), naming the key.
        """
        if str(params.fund).upper() not in FUNDS:
            raise ValueError(f"fund must be one of {FUNDS}, got {params.fund!r}")
        for name in ("share_pct", "quota_per_desa", "regency_budget_rp_per_year"):
            if not getattr(params, name) >= 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(params, name)!r}")
        raw = {"version": 1, "scenarios": {scenario_id: self.scenario_dict(params)}}
        sc = validate_scenarios(raw, i18n.t("whatif.source", self.lang))[scenario_id]
        return with_baseline({scenario_id: sc}, self.baseline)[scenario_id]

    def scenario_yaml(self, params: WhatIfParams, scenario_id: str) -> str:
        """The text of a scenario file a batch or ``regency_forecast(scenarios=[path])`` runs.

        The file names the regency, target and deadline it was made for in a comment (they
        are report parameters, not scenario keys) and starts its levers in an explicit month.
        The text is validated (:func:`ucj_analysis.scenarios.validate_scenarios`) before it is
        returned.

        Raises
        ------
        ScenarioError
            If the scenario id or a value is refused, naming the key.
        """
        raw = {
            "version": 1,
            "scenarios": {scenario_id: self.scenario_dict(params, explicit_start=True)},
        }
        body = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100)
        validate_scenarios(yaml.safe_load(body), f"{scenario_id}.yaml")
        fc = self.fc
        head = i18n.t(
            "whatif.yaml_header",
            self.lang,
            regency=fc.title,
            target=i18n.format_pct(params.target_pct, self.lang, 1),
            deadline=i18n.format_month(params.deadline, self.lang),
            n=fc.n_draws,
            seed=fc.seed,
        )
        comment = "".join(f"# {line}\n" for line in head.splitlines())
        return comment + body

    # -- the answer -----------------------------------------------------------------------
    def _reusable(self, sc: Scenario, target: float, deadline: str) -> str | None:
        """Id of a forecast scenario with the same settings, if its numbers can be reused."""
        res = self.fc.result
        if (
            TREND_ID not in res.scenarios
            or deadline not in self.fc.deadlines
            or not any(math.isclose(target, t, abs_tol=1e-12) for t in res.targets)
        ):
            return None
        for sid, other in self.fc.scenarios.items():
            same = replace(other, id=sc.id, label=sc.label, description=sc.description)
            if sid in res.scenarios and same == sc:
                return sid
        return None

    def run(self, params: WhatIfParams, *, reuse: bool = True) -> WhatIfResult:
        """The answer for ``params``: the current trend and the planner's scenario.

        Parameters
        ----------
        params : WhatIfParams
        reuse : bool
            Take the numbers of a forecast scenario with the same settings instead of
            simulating (identical numbers; the first view of the panel costs nothing).

        Returns
        -------
        WhatIfResult

        Raises
        ------
        ValueError
            For a target outside (0, 100] or a deadline that is not a month within the
            forecast's horizon.
        """
        fc = self.fc
        if not 0 < params.target_pct <= 100:
            raise ValueError(i18n.t("report.error.target_pct", self.lang, value=params.target_pct))
        deadline = str(pd.Period(params.deadline, freq="M"))
        if not fc.when.run_month <= pd.Period(deadline, freq="M") <= pd.Period(fc.horizon_end):
            raise ValueError(f"deadline {deadline} outside {fc.when.run_month}..{fc.horizon_end}")
        target = params.target_pct / 100
        sc = self.scenario(params)
        match = self._reusable(sc, target, deadline) if reuse else None
        if match is not None:
            res = fc.result
            ids = {TREND_ID: TREND_ID, match: WHATIF_ID}
            res_target = next(t for t in res.targets if math.isclose(target, t, abs_tol=1e-12))
        else:
            res = simulate(
                [fc.inputs],
                {TREND_ID: self.trend_scenario, WHATIF_ID: sc},
                self.trend_draws,
                n_draws=fc.n_draws,
                seed=fc.seed,
                horizon_end=fc.horizon_end,
                target=[target],
                deadlines=(deadline,),
                variables=("coverage",),
                trend_damping=fc.damping,
                run_month=fc.when.run_month,
                budget_start=fc.when.budget_start,
            )
            ids = {TREND_ID: TREND_ID, WHATIF_ID: WHATIF_ID}
            res_target = target
        a = ans.answer_table(
            res,
            fc.inputs,
            dict.fromkeys(ids),
            target=res_target,
            deadlines=(deadline,),
            budget_year=fc.budget_year,
        )
        a["scenario"] = a["scenario"].map(ids)
        p = res.paths
        cov = p[
            (p["regency"] == fc.regency)
            & (p["variable"] == "coverage")
            & p["scenario"].isin(list(ids))
        ]
        cov = pd.DataFrame(
            {
                "scenario": cov["scenario"].astype(str).map(ids).to_numpy(),
                "month": cov["month"].to_numpy(),
                "p10": cov["p10"].to_numpy(),
                "p50": cov["p50"].to_numpy(),
                "p90": cov["p90"].to_numpy(),
            }
        )
        scenarios = {TREND_ID: self.trend_scenario, WHATIF_ID: sc}
        view = replace(
            fc,
            scenarios=scenarios,
            target=target,
            deadlines=(deadline,),
            _answers=a,
            _budget=None,
        )
        return WhatIfResult(
            params=params,
            scenario=sc,
            answers=a,
            coverage=cov,
            view=view,
            simulated=match is None,
        )
