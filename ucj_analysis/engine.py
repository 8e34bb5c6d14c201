"""Vectorised stock-flow Monte Carlo of UCJ coverage under funding scenarios.

This module is the engine's public import path and the description of its model; the code is
in :mod:`ucj_analysis.simulation`, one module per job: ``draws`` (the uncertain parameters of
each draw), ``levers`` (a scenario's parameters and each lever's monthly capacity), ``kernel``
(the monthly loop over regencies x scenarios x draws), ``villages`` (the same at village
resolution for a regency with a village file), ``result`` (:class:`SimulationResult`),
``simulate`` (:func:`simulate`: the run and its result frames), ``solve``
(:func:`solve_budget`) and ``topup`` (:func:`solve_topup`: the regency top-up targeted to
villages). Import the names from here.

The model (monthly steps; ``k`` months after the start observation, ``t = k / 12`` years)
---------------------------------------------------------------------------------------------
For every regency ``i``, scenario ``s`` and draw ``d``:

**As of the run month.** The analysis is run in ``run_month`` (default: the current month) and
money can first be budgeted from ``budget_start`` (default: the January after the run month); a
lever without ``start`` starts then. The months from the start observation to the run month are
a *nowcast* (kept in ``paths``). No target is reported as first reached before the run month: a
draw that reaches it earlier is reported as reaching it in the run month
(``time_to_target.reached_by_run_month_share``), and deadlines before the run month get no
probability (NaN).

**Uncertain parameters** are drawn once per draw ``d`` (from the regency's random stream, shared
by all scenarios): the workforce growth ``g_d ~ N(g, sd_g)``, the trend slope ``b_d`` and, from a
triangular distribution (low, mode = central, high) of ``assumptions.csv``, the funded lapse,
the share of villages in arrears ``a_d`` and their months unpaid ``m_d``, the budget realisation
``r_d``, the spread of uncovered workers across villages (CV) and the enrolment pace ``v_d``
[persons per village per month]. A parameter without a range is a point value; a value set by a
scenario is used as is, without spread. The baseline organic lapse is contained in the net trend
and gets no draw.

**Workforce** ``W_k = W_0 (1 + g_d)^t``.

**Organic participants** (self- or employer-paid, and every programme already running at the
start) follow the trend on the logit scale::

    logit c_trend(t) = logit c_0 + b_d * tau(t),   tau(t) = t   (or (1 - phi^t) / -ln(phi) with
                                                                  annual damping phi < 1)

The trend is net of the regency's baseline lapse ``h_0`` (monthly hazard), so the gross organic
inflow is ``g_k = max(W_k c_trend(t_k) - (1 - h_0) W_{k-1} c_trend(t_{k-1}), 0)`` and the organic
stock is ``O_k = min((1 - h_o) O_{k-1} + g_k, W_k)``. With the scenario's organic lapse ``h_o``
equal to ``h_0`` organic coverage *is* the trend; a higher ``h_o`` pulls it below.

**Capacity** ``K`` [persons] of each lever per month: money / (12 x contribution rate valid that
month) for money levers, the quota, cohort or kitchen staff for person levers (capped at the
workforce envelope ``W0 (1 + g + 4 sd_g)^t``), and for ``fund_gap`` the uncovered pool of that
month in that draw (``P = W - O`` for other payers, the pool village money can reach for village
payers): ``K = max(K_other levers, P)``, so a gap lever never funds more places than there are
uncovered workers. Village-paid (``payer = village``) and other levers form two pools of places
``Sv`` and ``So``.

**Places fill at a pace** (state per draw): each month places lapse at the funded hazard
``h_f,d`` and new sign-ups are at most ``v_d x units`` (units = desa + kelurahan for other payers;
desa, + kelurahan if a quota includes them, for village payers)::

    S' = (1 - h_f) S_{k-1},   new = min(rho (K_k - S')^+, v_d units),   S_k = min(S' + new, K_k)

with the optional extra smoothing ``rho = 1 - exp(-1 / enrolment_months)`` (default 1: none).
With ``payment_cycle: annual`` the list changes only in the payment month, growing by at most
``12 v_d units`` (lapsed places wait for the next payment; ``S_k = min(S', K_k)`` in between).

**Funded persons** never exceed the uncovered pool ``P = W - O`` (so coverage <= 1). Other
payers (regency, province, central) target uncovered workers and go first: ``Fo = min(So, P)``.
Village money only reaches the share ``reach`` of the rest that lives in desa
(``desa_pool_share``; 1 if a quota lever includes kelurahan): ``Pv = reach (P - Fo)``. Village
places spread evenly over villages (quota, share of a fund, a village budget) meet an uncovered
worker only where the village still has one: with the uncovered pool lognormal across villages
(coefficient of variation ``cv_d``) the workers reached are
``m(Sv, Pv) = Pv Phi((ln x - s^2/2) / s) + Sv Phi(-(ln x + s^2/2) / s)``, ``x = Sv / Pv``,
``s^2 = ln(1 + cv^2)`` (:func:`matched_persons`; ``min(Sv, Pv)`` when ``cv = 0`` or for a
village ``fund_gap``, which targets every uncovered worker). Only the share ``r_d`` of villages
that really pay do, each for its own workers: ``Fv = r_d m(Sv, Pv)``. In the months of a budget
year that villages in arrears stay unpaid (``w_k = clip(m_d - phase_k, 0, 1)``, ``phase_k`` =
months since ``payment_month``; ``m_d = 12``: all year) their share ``a_d`` of village-funded
workers is inactive.

**Coverage** ``c = (O + Fo + (1 - a w_k) Fv) / W``.

**Money** [Rp], per month (monthly cycle; annual cycle: the year at once in the payment month,
12 x rate per place): *appropriation* = capacity x rate (the budget line: money levers their
money, person levers persons x rate, ``fund_gap`` the pool-based capacity of the draw);
*spending* = contributions paid = rate x (Fo + (1 - a w_k) Fv) (villages in arrears do not pay);
*arrears* = rate x a w_k Fv (due but unpaid; annual cycle: rate x a m_d Fv in the payment month);
*idle* = appropriation - spending - arrears (money set aside that found no worker: unrealised
village budgets, places not yet filled, places without a worker). The ``cost_rp`` path is the
spending.

Coverage, and so the month the target is first reached, is non-decreasing in the budget and
non-increasing in lapse and arrears, draw by draw (the tests check it over random scenarios).

Village resolution
------------------
For a regency whose inputs carry a village file (``inputs.villages``, one row per desa or
kelurahan: :class:`~ucj_analysis.village_rows.VillageRows`), the scenarios with village-paid
levers (or a :class:`VillageTopUp`) are simulated village by village; the regency-level levers
(``So``, ``Fo``), the organic trend and everything downstream (hits, quantiles, money, yearly
rows) are as above, with ``Fv`` and the arrears replaced by the sums over villages. Regencies
without a village file, and scenarios without village levers, are unchanged.

*Pool.* The remaining pool ``R = P - Fo`` of the month and draw is split by fixed weights
``w_v = uncovered_v / P_0`` (``P_0 = W_0 (1 - c_0)``, the regency's uncovered pool at the start):
``P_v = w_v R``. If the weights sum to more than 1 they are scaled to 1 (a warning in
``result.warnings``); if every village of the regency is listed with a figure and they sum to
less, they are scaled to 1 too (the figures give the distribution, the regency the level). The
villages without a figure (and those the file does not list) form one group with the pool
``P_g = (1 - sum w) R``, of which village money reaches ``reach P_g``; the group's places
``S_g = sum S_v`` meet ``m(S_g, reach P_g)`` workers with the lognormal spread (``cv_d``), shared
among its villages in proportion to their places. So ``village_pool_cv`` is used only for the
villages without data; with every village given it plays no part. Kelurahan with a figure keep
their weight but get no village money unless a lever includes kelurahan.

*Capacity* ``K_v`` [persons] per village and month: ``share_of_fund`` = share x the village's
own ADD / DD (the file's figure, scaled over the years like the regency's fund:
``F_v F(y) / F(y_ref)``, ``y_ref`` the year of the file's data) / (12 x rate), a village without
a figure the regency's fund / number of desa; ``quota_per_village`` = persons per desa (per
kelurahan if included); ``village_budgets`` = the village's own budget line ``budget_rp`` /
(12 x rate), **nothing** for a village without a figure (no guessed budget); ``fund_gap`` (paid
by villages) = each village funds its own pool, ``K_v = max(K_v, P_v)``; another lever paid by
villages (a cohort, an amount) is spread evenly over the desa.

*Places* per village and draw fill as the regency's do, with the drawn pace per village (the
same draw for all villages of a regency): ``S_v = min((1 - h_f) S_v + v_d, K_v)`` (monthly,
without smoothing; the smoothing and the annual cycle as above). The pace is per village, so a
village with many uncovered workers takes longer than a small one. *Funded* ``F_v = r_v
min(S_v, P_v)`` with ``r_v = 1`` for a village with a payment history (its non-payment is its
drawn arrears below) and the drawn realisation ``r_d`` otherwise (and for the group).

*Arrears as they happen.* Each budget year ``y`` has a payment deadline (scenario key
``payment_deadline``, default 19 December: the deadline Tojo Una-Una set for villages in arrears
in 2025). A village late in year ``y`` is in arrears from the deadline ``t_y`` until it pays,
``m_d`` months later (``arrears_months``, drawn; 12 = not before the next deadline): the share
of month ``k`` in ``[t_y, t_y + m_d)`` of its funded workers are inactive and their
contributions are arrears. Late or not, per village, year and draw: from the file's
``paid_until`` for the years it covers (paid before the first unpaid month's year; late from
that year to the year of the file's data), then drawn: Bernoulli with probability ``p_v`` drawn
per village and draw from ``Beta(1 + late_years, 1 + history_years - late_years)`` when the
village has a payment history, else the regency's ``arrears_share_pct`` ``a_d``. The villages the
file does not list take the expected share ``a_d``. Uniform numbers per village and year come
from the regency's own village stream (seed, regency), shared by its scenarios.

*Regency total* ``Fv = sum_v F_v`` (active: ``sum_v F_v (1 - inactive_v,k)``); the regency's
village appropriation is ``sum_v K_v x rate`` (and the fund_gap places above the fixed
capacities); arrears ``rate x sum_v F_v inactive_v,k`` (annual cycle: the year's contributions
of the villages in arrears in the payment month). ``result.village_table`` gives each village's
pool, funded workers, money for its rule, whether its money covers its pool and its arrears at
each deadline; ``result.villages_from_data`` / ``villages_assumed`` count the villages modelled
from data and from assumptions.

*Top-up* (:class:`VillageTopUp`, :func:`solve_topup`): regency money earmarked to villages,
paid by the regency directly (no realisation, no arrears): its places ``T_v`` fill at the pace
and enrol the village's pool first (``Ft_v = min(St_v, P_v)``), the village's own money the rest
(``min(S_v, P_v - Ft_v)``); the group's top-up meets ``m(St_g, P_g)`` workers.

Implementation: a loop over months only; numpy arrays over regencies x scenarios x draws.
Regencies are processed in chunks (and grouped by start month) so memory stays bounded; per
month only quantiles (and the mean) across draws are kept, and time-to-target, deadline
probabilities and yearly money are accumulated on the fly. Quantiles are computed from a
float32 sort (7 significant digits; means are float64). Random numbers come from one stream
per regency seeded by ``(seed, crc32(regency))`` and are shared by all scenarios (common random
numbers), so the same seed gives identical numbers and scenario differences are not noise.
"""

from __future__ import annotations

from ucj_analysis.simulation.draws import parameter_draws
from ucj_analysis.simulation.kernel import _prepare as _prepare
from ucj_analysis.simulation.kernel import _run_chunk as _run_chunk
from ucj_analysis.simulation.kernel import matched_persons
from ucj_analysis.simulation.levers import resolve_scenario
from ucj_analysis.simulation.result import VARIABLES, SimulationResult, time_to_target
from ucj_analysis.simulation.simulate import simulate
from ucj_analysis.simulation.solve import BudgetAmount, solve_budget
from ucj_analysis.simulation.topup import TopUpResult, solve_topup, topup_scenario
from ucj_analysis.simulation.villages import VillageTopUp

__all__ = [
    "SimulationResult",
    "BudgetAmount",
    "simulate",
    "solve_budget",
    "solve_topup",
    "topup_scenario",
    "TopUpResult",
    "VillageTopUp",
    "time_to_target",
    "parameter_draws",
    "resolve_scenario",
    "VARIABLES",
    "matched_persons",
]
