"""What :func:`~ucj_analysis.engine.simulate` returns: :class:`SimulationResult`."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["VARIABLES", "SimulationResult", "time_to_target"]


#: Variables reported in ``SimulationResult.paths`` (``cost_rp`` = spending in the month [Rp]).
VARIABLES: tuple[str, ...] = ("coverage", "active", "funded", "organic", "workforce", "cost_rp")


@dataclass
class SimulationResult:
    """Frames produced by :func:`simulate` (see ``docs/ARCHITECTURE.md``, "Engine output").

    Attributes
    ----------
    paths : pandas.DataFrame
        ``regency, scenario, month, variable, p10, p50, p90, mean`` (one column per quantile).
    time_to_target : pandas.DataFrame
        ``regency, scenario, target, median_month, p10_month, p90_month, reached_share,
        reached_by_run_month_share, status``. Month columns are ``Period[M]``, never before the
        run month, ``NaT`` when that quantile of the draws has not reached the target by the
        horizon; ``reached_by_run_month_share`` is the share of draws that have reached it by
        the run month (the nowcast); ``status`` is ``reached`` / ``not_reached`` (median).
    prob_by_deadline : pandas.DataFrame
        ``regency, scenario, target, deadline, probability`` (NaN for a deadline before the run
        month or the start observation, or after the horizon).
    yearly_cost : pandas.DataFrame
        One row per regency x scenario x calendar year: ``regency, scenario, year, months``;
        ``persons_funded_p50`` (mean funded persons in the year) and ``signups_p50`` (new
        enrolments in the year) [persons]; ``signups_per_unit_month_p50`` [persons per village
        per month]; ``appropriation_rp`` (the money to put in the budget that year: capacity x
        rate; the median over draws for ``fund_gap``), split by payer into
        ``appropriation_village_rp`` and ``appropriation_other_rp``;
        ``spending_rp_p50/p10/p90`` (contributions actually paid), ``spending_village_rp_p50``;
        ``arrears_rp_p50`` (due but unpaid by villages in arrears); ``idle_rp_p50`` =
        ``max(appropriation_rp - spending_rp_p50 - arrears_rp_p50, 0)`` (money that found no
        worker); per desa, for village money only and only with ``n_desa > 0`` (else NaN):
        ``appropriation_rp_per_village``, ``spending_rp_per_village_p50``. [Rp per year]
        ``cost_rp_p50/p10/p90`` and ``cost_rp_per_village_p50`` are aliases of the spending.
    first_hit : dict
        ``(regency, scenario, target) -> int array`` of the first month index (months after the
        regency's start month) each draw reaches the target, ``-1`` if never; draws that reach
        it before the run month carry the run month's index.
    months : dict
        ``regency -> PeriodIndex`` of the simulated months (index 0 = start observation).
    scenarios : dict
        The scenarios simulated, by id (labels for reports).
    n_draws, seed, horizon_end, targets, run_month, budget_start :
        Run settings.
    village_table : pandas.DataFrame
        Regencies with a village file, scenarios simulated at village resolution, one row per
        village (file order, then one row ``row = -1`` for the villages the file does not list)
        and deadline: ``regency, scenario, deadline, row, code, name, kecamatan, is_kelurahan,
        from_data`` (uncovered workers given), ``villages`` [count], ``pool_p50`` (uncovered
        workers), ``funded_p50`` (active funded workers: own money of villages not in arrears
        plus the top-up), ``funded_own_p50``, ``funded_topup_p50``, ``gap_p50`` =
        ``max(pool_p50 - funded_p50, 0)``, ``places_own`` (places its own money buys; the pool
        for a ``fund_gap``) [persons]; ``covers`` (its money buys at least its pool);
        ``rp_per_year`` (what it must budget for its rule: places x 12 x rate),
        ``topup_rp_per_year`` [Rp per year]; ``arrears_share`` (share of draws in arrears at the
        end of the deadline month) [proportion]; ``paid_until`` [Period], ``late_years``,
        ``history_years`` [years] from the file. Medians are over the draws of each village
        separately.
    villages_from_data, villages_assumed : dict
        ``regency -> count`` of villages whose uncovered workers come from the village file, and
        of the other villages (their share of the pool spread by the ``village_pool_cv``
        assumption). Regencies without a village file: 0 and all their villages.
    warnings : list of dict
        Problems the engine worked around, each ``{code, regency, villages_uncovered,
        regency_pool, message}``: ``code`` ``village_pool_above_regency`` (the villages'
        uncovered workers exceed the regency's uncovered pool at the start) or
        ``village_pool_below_regency`` (every village listed and their figures fall more than
        1 % short of it): the village weights are scaled to sum to 1. [persons]; ``message``
        in English (report text comes from the locale catalogue by ``code``).
    """

    paths: pd.DataFrame
    time_to_target: pd.DataFrame
    prob_by_deadline: pd.DataFrame
    yearly_cost: pd.DataFrame
    first_hit: dict = field(repr=False)
    months: dict = field(repr=False)
    scenarios: dict = field(repr=False)
    n_draws: int = 0
    seed: int = 0
    horizon_end: pd.Period | None = None
    targets: tuple[float, ...] = ()
    run_month: pd.Period | None = None
    budget_start: pd.Period | None = None
    village_table: pd.DataFrame = field(default_factory=pd.DataFrame)
    villages_from_data: dict = field(default_factory=dict)
    villages_assumed: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    def hit_months(self, regency: str, scenario: str, target: float | None = None) -> pd.Series:
        """Per-draw month each draw first reaches ``target`` (``NaT`` if never). [Period[M]]"""
        target = self.targets[0] if target is None else target
        idx = self.first_hit[(regency, scenario, float(target))]
        months = self.months[regency]
        vals = [months[j] if j >= 0 else pd.NaT for j in idx]
        return pd.Series(pd.array(vals, dtype="period[M]"), name="month")


def time_to_target(
    coverage: np.ndarray, months: pd.PeriodIndex, target: float = 0.995
) -> pd.arrays.PeriodArray:
    """First month each path reaches ``target`` (``NaT`` if it never does).

    Parameters
    ----------
    coverage : numpy.ndarray
        Coverage paths, months on the last axis. [proportion 0-1]
    months : pandas.PeriodIndex
        Month of each column.
    target : float
        Coverage target. [proportion 0-1]

    Returns
    -------
    pandas.arrays.PeriodArray
        Flattened over the leading axes.
    """
    cov = np.asarray(coverage, dtype=float)
    reached = cov >= target
    first = np.where(reached.any(axis=-1), reached.argmax(axis=-1), -1).ravel()
    vals = [months[j] if j >= 0 else pd.NaT for j in first]
    return pd.array(vals, dtype="period[M]")
