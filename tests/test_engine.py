"""Stock-flow engine: closed forms, invariants (hypothesis), budget solver and input building."""

from __future__ import annotations

import dataclasses
import math
import os
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ucj_analysis.engine import (
    BudgetAmount,
    matched_persons,
    parameter_draws,
    simulate,
    solve_budget,
    time_to_target,
)
from ucj_analysis.inputs import RegencyInputs, build_regency_inputs
from ucj_analysis.scenarios import (
    ApbdAmount,
    FixedCohort,
    FundGap,
    QuotaPerVillage,
    Scenario,
    ShareOfFund,
    Text,
)

P = pd.Period
RATE = 16_800.0
LBL = Text("uji", "test")


def M(s: str) -> pd.Period:
    return pd.Period(s, freq="M")


def make_inputs(**kw) -> RegencyInputs:
    """A deterministic regency: constant workforce, no uncertainty, no frictions."""
    base = dict(
        regency="Uji",
        province="Sulawesi Uji",
        n_desa=100,
        n_kelurahan=10,
        start_month=M("2025-04"),
        workforce0=10_000.0,
        coverage0=0.5,
        workforce_growth=0.0,
        dd_per_year={2026: 60e9},
        add_per_year={2026: 12e9},
        workforce_growth_sd=0.0,
        lapse_organic_pct_per_year=10.0,
        lapse_funded_pct_per_year=0.0,
        arrears_share_pct=0.0,
        arrears_months=12,
        enrolment_months=4.0,
        budget_realisation_mean_pct=100.0,
        budget_realisation_sd_pct=0.0,
        village_pool_cv=0.0,
        desa_pool_share=1.0,
    )
    base.update(kw)
    return RegencyInputs(**base)


def scen(id="s", *levers, **kw) -> Scenario:
    return Scenario(id=id, label=LBL, levers=tuple(levers), **kw)


def flat_trend(slope=0.0, n=1):
    return {"Uji": np.full(n, slope)}


def cov_p50(res, scenario, month):
    p = res.paths
    sel = (p.scenario == scenario) & (p.variable == "coverage") & (p.month == M(month))
    return float(p.loc[sel, "p50"].iloc[0])


# ------------------------------------------------------------------------------------------
# closed forms
# ------------------------------------------------------------------------------------------
def test_constant_cohort_reaches_target_in_the_closed_form_month():
    # c0 = 0.5, W = 10,000, zero trend, constant workforce, no lapse of funded places.
    # Places fill at rho = 1 - exp(-1/4) per month from Jan 2026: S_n = K (1 - (1 - rho)^n).
    # Target 0.995 needs S_n >= 0.495 * 10,000 = 4,950 with K = 6,000:
    # n* = ceil(ln(1 - 4950/6000) / ln(1 - rho)) = ceil(ln(0.175) / (-1/4)) = ceil(6.972) = 7,
    # i.e. the 7th funded month = July 2026.
    rho = 1 - math.exp(-1 / 4)
    n_star = math.ceil(math.log(1 - 4950 / 6000) / math.log(1 - rho))
    assert n_star == 7
    expected = M("2026-01") + (n_star - 1)
    inp = make_inputs()
    sc = scen("cohort", FixedCohort(start=M("2026-01"), persons=6000.0, payer="regency"))
    res = simulate(inp, [sc], flat_trend(), n_draws=3, horizon_end="2030-12",
                   deadlines=("2026-06", "2026-07"))  # fmt: skip
    row = res.time_to_target.iloc[0]
    assert row.median_month == expected and row.p10_month == expected
    assert row.status == "reached" and row.reached_share == 1.0
    # coverage path = c0 + S_n / W in every funded month, c0 before
    for n in (1, 3, 12):
        month = (M("2026-01") + (n - 1)).strftime("%Y-%m")
        s_n = 6000 * (1 - (1 - rho) ** n)
        assert cov_p50(res, "cohort", month) == pytest.approx(0.5 + min(s_n, 5000) / 10_000)
    assert cov_p50(res, "cohort", "2025-12") == pytest.approx(0.5)
    prob = res.prob_by_deadline.set_index("deadline")["probability"]
    assert prob[M("2026-06")] == 0.0 and prob[M("2026-07")] == 1.0


def test_money_becomes_persons_through_the_contribution_rate():
    # 5 % of ADD Rp 12 billion = Rp 600 million / (12 x 16,800) = 2,976.19 persons, at once.
    inp = make_inputs(enrolment_months=0.0)
    sc = scen("add5", ShareOfFund(start=M("2026-01"), fund="ADD", share_pct=5.0))
    res = simulate(inp, [sc], flat_trend(), n_draws=2, horizon_end="2027-12")
    persons = 0.05 * 12e9 / (12 * RATE)
    assert cov_p50(res, "add5", "2026-01") == pytest.approx(0.5 + persons / 10_000)
    yc = res.yearly_cost.set_index("year")
    assert yc.loc[2026, "persons_funded_p50"] == pytest.approx(persons)
    assert yc.loc[2026, "cost_rp_p50"] == pytest.approx(0.05 * 12e9)
    assert yc.loc[2026, "cost_rp_per_village_p50"] == pytest.approx(0.05 * 12e9 / 100)
    assert yc.loc[2025, "cost_rp_p50"] == 0.0


def test_rate_change_changes_persons_per_rupiah():
    rates = ((M("2019-01"), M("2026-12"), RATE), (M("2027-01"), None, RATE / 2))
    inp = make_inputs(enrolment_months=0.0, contribution_rates=rates)
    amount = 504_000_000.0  # = 2,500 persons at 16,800 and 5,000 (the whole pool) at 8,400
    sc = scen("apbd", ApbdAmount(start=M("2026-01"), level="regency", amount_rp_per_year=amount,
                                 payer="regency"))  # fmt: skip
    res = simulate(inp, [sc], flat_trend(), n_draws=2, horizon_end="2027-12")
    assert cov_p50(res, "apbd", "2026-06") == pytest.approx(0.5 + 2500 / 10_000)
    assert cov_p50(res, "apbd", "2027-06") == pytest.approx(1.0)


def test_annual_payment_cycle_fills_places_once_and_books_the_year_at_once():
    inp = make_inputs(enrolment_months=6.0)
    sc = scen("annual", QuotaPerVillage(start=M("2026-01"), persons_per_desa=20.0),
              payment_cycle="annual", payment_month=3)  # fmt: skip
    res = simulate(inp, [sc], flat_trend(), n_draws=2, horizon_end="2027-12")
    # nothing until the payment month, then all 2,000 places at once (no enrolment ramp)
    assert cov_p50(res, "annual", "2026-02") == pytest.approx(0.5)
    assert cov_p50(res, "annual", "2026-03") == pytest.approx(0.7)
    p = res.paths
    cost = p[(p.variable == "cost_rp")].set_index("month")["p50"]
    assert cost[M("2026-03")] == pytest.approx(12 * RATE * 2000)
    assert cost[M("2026-04")] == 0.0 and cost[M("2027-03")] == pytest.approx(12 * RATE * 2000)
    yc = res.yearly_cost.set_index("year")
    assert yc.loc[2026, "cost_rp_p50"] == pytest.approx(12 * RATE * 2000)


def test_arrears_inactivate_village_funded_workers_during_the_arrears_months():
    inp = make_inputs(enrolment_months=0.0)
    quota = QuotaPerVillage(start=M("2026-01"), persons_per_desa=20.0)  # 2,000 persons
    sc = scen("arr", quota, arrears_share_pct=20.0, arrears_months=3)
    res = simulate(inp, [sc], flat_trend(), n_draws=2, horizon_end="2027-12")
    for month in ("2026-01", "2026-03", "2027-02"):
        assert cov_p50(res, "arr", month) == pytest.approx(0.5 + 0.8 * 0.2)
    for month in ("2026-04", "2026-12"):
        assert cov_p50(res, "arr", month) == pytest.approx(0.5 + 0.2)
    # a regency-paid cohort is not affected by village arrears
    sc2 = scen("reg", FixedCohort(start=M("2026-01"), persons=2000.0), arrears_share_pct=20.0,
               arrears_months=3)  # fmt: skip
    res2 = simulate(inp, [sc2], flat_trend(), n_draws=2, horizon_end="2026-12")
    assert cov_p50(res2, "reg", "2026-02") == pytest.approx(0.7)


def test_budget_realisation_limits_village_funding_to_paying_villages():
    inp = make_inputs(enrolment_months=0.0)
    gap = FundGap(start=M("2026-01"), payer="village")
    sc = scen("gap", gap, budget_realisation_mean_pct=90.0)
    res = simulate(inp, [sc], flat_trend(), n_draws=2, horizon_end="2026-12")
    assert cov_p50(res, "gap", "2026-06") == pytest.approx(0.5 + 0.9 * 0.5)
    # desa money cannot reach workers living in kelurahan
    res2 = simulate(make_inputs(enrolment_months=0.0, desa_pool_share=0.8), [scen("g", gap)],
                    flat_trend(), n_draws=2, horizon_end="2026-12")  # fmt: skip
    assert cov_p50(res2, "g", "2026-06") == pytest.approx(0.5 + 0.8 * 0.5)


def test_organic_coverage_follows_the_logit_trend():
    inp = make_inputs(coverage0=0.3481, workforce_growth=0.02)
    res = simulate(inp, [scen("t")], flat_trend(0.15), n_draws=2, horizon_end="2035-04")
    # logit c(t) = logit(0.3481) + 0.15 t; 10 years later:
    logit0 = math.log(0.3481 / (1 - 0.3481))
    expected = 1 / (1 + math.exp(-(logit0 + 1.5)))
    assert cov_p50(res, "t", "2035-04") == pytest.approx(expected, rel=1e-6)  # float32 quantiles
    p = res.paths
    w = p[(p.variable == "workforce") & (p.month == M("2035-04"))]["p50"].iloc[0]
    assert w == pytest.approx(10_000 * 1.02**10)


def test_higher_organic_lapse_pulls_coverage_below_the_trend():
    inp = make_inputs()
    res = simulate(inp, [scen("base"), scen("hi", lapse_organic_pct_per_year=30.0)],
                   flat_trend(), n_draws=2, horizon_end="2027-04")  # fmt: skip
    # inflow = baseline lapse h0 x O; with h = 1 - 0.7^(1/12): O_k = O(1-h)^k + h0 O sum ...
    h0 = 1 - 0.9 ** (1 / 12)
    h = 1 - 0.7 ** (1 / 12)
    o = 0.5
    for _ in range(24):
        o = o * (1 - h) + h0 * 0.5
    assert cov_p50(res, "base", "2027-04") == pytest.approx(0.5)
    assert cov_p50(res, "hi", "2027-04") == pytest.approx(o)


def test_not_reached_is_explicit_never_a_capped_date():
    inp = make_inputs(coverage0=0.2)
    trend = {"Uji": np.array([0.0, 0.0, 0.0, 5.0])}  # one draw in four shoots up
    res = simulate(inp, [scen("t")], trend, n_draws=4, horizon_end="2030-12")
    row = res.time_to_target.iloc[0]
    assert pd.isna(row.median_month) and pd.isna(row.p90_month)
    assert row.status == "not_reached" and row.reached_share == 0.25
    # the fast draw: logit(0.2) + 5 k / 12 >= logit(0.995) first at k = 17 (Sep 2026)
    k = math.ceil(12 * (math.log(0.995 / 0.005) - math.log(0.2 / 0.8)) / 5)
    assert k == 17 and row.p10_month == M("2025-04") + k
    hits = res.hit_months("Uji", "t")
    assert hits.isna().sum() == 3 and hits.notna().sum() == 1
    assert res.time_to_target["median_month"].dtype == "period[M]"


def test_time_to_target_helper():
    months = pd.period_range("2026-01", periods=4, freq="M")
    cov = np.array([[0.9, 0.99, 0.996, 0.99], [0.1, 0.2, 0.3, 0.4]])
    out = time_to_target(cov, months, 0.995)
    assert out[0] == M("2026-03") and pd.isna(out[1])


def test_matched_persons_is_a_soft_minimum():
    s = np.array([0.0, 50.0, 100.0, 200.0, 1e6])
    p = np.full(5, 100.0)
    hard = matched_persons(s, p, 0.0)
    np.testing.assert_allclose(hard, np.minimum(s, p))
    soft = matched_persons(s, p, math.sqrt(math.log1p(0.5**2)))
    assert soft[0] == 0.0
    assert np.all(soft <= np.minimum(s, p) + 1e-12) and np.all(np.diff(soft) > 0)
    assert soft[2] < 95 and soft[-1] == pytest.approx(100.0, abs=1e-6)
    # E[min(x, u)] for a lognormal u with mean 1 checked by Monte Carlo
    rng = np.random.default_rng(0)
    sig = 0.6
    u = rng.lognormal(-(sig**2) / 2, sig, 400_000)
    for x in (0.5, 1.0, 2.0):
        mc = np.minimum(x, u).mean()
        assert matched_persons(x, 1.0, sig) == pytest.approx(mc, abs=3e-3)


# ------------------------------------------------------------------------------------------
# randomness
# ------------------------------------------------------------------------------------------
def test_same_seed_identical_and_other_seed_different():
    inp = make_inputs(workforce_growth=0.01, workforce_growth_sd=0.005,
                      budget_realisation_mean_pct=90.0, budget_realisation_sd_pct=5.0)  # fmt: skip
    trend = {"Uji": np.random.default_rng(3).normal(0.15, 0.1, 40)}
    scs = [scen("a", ShareOfFund(start=M("2026-01"), fund="ADD", share_pct=5.0))]
    kw = dict(n_draws=60, horizon_end="2032-12")
    r1, r2 = simulate(inp, scs, trend, seed=7, **kw), simulate(inp, scs, trend, seed=7, **kw)
    r3 = simulate(inp, scs, trend, seed=8, **kw)
    pd.testing.assert_frame_equal(r1.paths, r2.paths)
    pd.testing.assert_frame_equal(r1.time_to_target, r2.time_to_target)
    pd.testing.assert_frame_equal(r1.yearly_cost, r2.yearly_cost)
    assert not r1.paths["p50"].equals(r3.paths["p50"])


def test_parameter_draws_use_trend_arrays_and_resample_short_ones():
    inp = make_inputs(workforce_growth=0.01, workforce_growth_sd=0.002)
    d = parameter_draws(inp, np.arange(10.0), 5, seed=1)
    np.testing.assert_array_equal(d["slope"], np.arange(5.0))
    d2 = parameter_draws(inp, np.array([0.1, 0.2]), 500, seed=1)
    assert set(np.unique(d2["slope"])) == {0.1, 0.2}
    assert abs(d2["growth"].mean() - 0.01) < 0.0005 and d2["growth"].std() == pytest.approx(
        0.002, rel=0.15
    )

    class Fit:
        def draws(self, n, seed):
            return np.random.default_rng(seed).normal(0.2, 0.0, n)

    np.testing.assert_allclose(parameter_draws(inp, Fit(), 3, seed=1)["slope"], 0.2)


def test_results_do_not_depend_on_chunking_or_on_other_regencies():
    a = make_inputs(regency="A", workforce_growth_sd=0.004)
    b = make_inputs(regency="B", coverage0=0.3, workforce_growth_sd=0.004)
    trend = {"A": np.random.default_rng(1).normal(0.1, 0.1, 30),
             "B": np.random.default_rng(2).normal(0.2, 0.1, 30)}  # fmt: skip
    scs = [scen("x", FixedCohort(start=M("2026-01"), persons=1000.0))]
    both = simulate([a, b], scs, trend, n_draws=30, horizon_end="2030-12", chunk_size=1)
    alone = simulate([b], scs, trend, n_draws=30, horizon_end="2030-12")
    pb = both.paths[both.paths.regency == "B"].reset_index(drop=True)
    pa = alone.paths.reset_index(drop=True)
    np.testing.assert_array_equal(pb["p50"].to_numpy(), pa["p50"].to_numpy())


# ------------------------------------------------------------------------------------------
# invariants over random scenarios
# ------------------------------------------------------------------------------------------
@st.composite
def random_case(draw):
    inp = make_inputs(
        coverage0=draw(st.floats(0.02, 0.98)),
        workforce_growth=draw(st.floats(-0.01, 0.04)),
        workforce_growth_sd=draw(st.floats(0.0, 0.01)),
        lapse_organic_pct_per_year=draw(st.floats(0.0, 40.0)),
        village_pool_cv=draw(st.sampled_from([0.0, 0.3, 0.8])),
        desa_pool_share=draw(st.floats(0.5, 1.0)),
    )
    kind = draw(st.sampled_from(["share", "quota", "apbd", "cohort", "gap"]))
    start = M("2025-06") + draw(st.integers(0, 30))
    g = draw(st.floats(-20.0, 30.0))
    lev = {
        "share": lambda: ShareOfFund(start=start, fund="ADD", share_pct=draw(st.floats(0.5, 30)),
                                     growth_pct_per_year=g),
        "quota": lambda: QuotaPerVillage(start=start, persons_per_desa=draw(st.floats(1, 80)),
                                         growth_pct_per_year=g),
        "apbd": lambda: ApbdAmount(start=start, level="regency", payer="regency",
                                   amount_rp_per_year=draw(st.floats(1e7, 2e9))),
        "cohort": lambda: FixedCohort(start=start, persons=draw(st.floats(10, 5000)),
                                      growth_pct_per_year=g),
        "gap": lambda: FundGap(start=start, payer=draw(st.sampled_from(["village", "regency"]))),
    }[kind]()  # fmt: skip
    sc = scen(
        "base",
        lev,
        lapse_funded_pct_per_year=draw(st.floats(0.0, 60.0)),
        arrears_share_pct=draw(st.floats(0.0, 30.0)),
        arrears_months=draw(st.integers(0, 12)),
        payment_cycle=draw(st.sampled_from(["monthly", "annual"])),
        payment_month=draw(st.integers(1, 12)),
        enrolment_months=draw(st.floats(0.0, 12.0)),
        budget_realisation_mean_pct=draw(st.floats(60.0, 100.0)),
        budget_realisation_sd_pct=draw(st.floats(0.0, 10.0)),
    )
    slopes = np.array(draw(st.lists(st.floats(-0.3, 1.0), min_size=1, max_size=8)))
    return inp, sc, {"Uji": slopes}


# UCJ_HYPOTHESIS_EXAMPLES=500 pytest ... searches harder for counterexamples
FAST = settings(
    max_examples=int(os.environ.get("UCJ_HYPOTHESIS_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
RUN = dict(n_draws=16, horizon_end="2034-12", target=(0.7, 0.995))


def _hits(res, sid, target):
    h = res.first_hit[("Uji", sid, target)].astype(float)
    return np.where(h < 0, np.inf, h)


@FAST
@given(random_case())
def test_coverage_and_stocks_stay_in_bounds(case):
    inp, sc, trend = case
    res = simulate(inp, [sc], trend, quantiles=(0.0, 1.0), **RUN)
    p = res.paths
    cov = p[p.variable == "coverage"]
    assert (cov["p0"] >= 0).all() and (cov["p100"] <= 1 + 1e-12).all()
    for v in ("active", "funded", "organic", "cost_rp"):
        assert (p.loc[p.variable == v, "p0"] >= -1e-9).all()
    act = p[p.variable == "active"]["p100"].to_numpy()
    wf = p[p.variable == "workforce"]["p100"].to_numpy()
    assert np.all(act <= wf * (1 + 1e-12))


@FAST
@given(random_case(), st.floats(1.05, 4.0))
def test_more_budget_never_delays_the_target(case, factor):
    inp, sc, trend = case
    (lev,) = sc.levers
    if lev.kind == "fund_gap":
        bigger = FundGap(start=lev.start - 3, payer=lev.payer)
    elif lev.kind == "share_of_fund":
        bigger = dataclasses.replace(lev, share_pct=min(lev.share_pct * factor, 100.0))
    elif lev.kind == "quota_per_village":
        bigger = dataclasses.replace(lev, persons_per_desa=lev.persons_per_desa * factor)
    elif lev.kind == "apbd_amount":
        bigger = dataclasses.replace(lev, amount_rp_per_year=lev.amount_rp_per_year * factor)
    else:
        bigger = dataclasses.replace(lev, persons=lev.persons * factor)
    extra = BudgetAmount(start=M("2026-01"), payer="village", amount_rp_per_year=5e8 * factor)
    more = [sc.with_levers(bigger, id="more"), sc.with_levers(lev, extra, id="plus")]
    res = simulate(inp, [sc, *more], trend, **RUN)
    for tg in RUN["target"]:
        base = _hits(res, "base", tg)
        assert np.all(_hits(res, "more", tg) <= base)
        assert np.all(_hits(res, "plus", tg) <= base)


@FAST
@given(random_case(), st.floats(1.0, 30.0), st.sampled_from(["organic", "funded", "arrears"]))
def test_more_lapse_or_arrears_never_brings_the_target_forward(case, extra, which):
    inp, sc, trend = case
    if which == "organic":
        worse = dataclasses.replace(
            sc, id="worse", lapse_organic_pct_per_year=inp.lapse_organic_pct_per_year + extra
        )
    elif which == "funded":
        worse = dataclasses.replace(
            sc, id="worse", lapse_funded_pct_per_year=sc.lapse_funded_pct_per_year + extra
        )
    else:
        worse = dataclasses.replace(
            sc, id="worse", arrears_share_pct=min(sc.arrears_share_pct + extra, 100.0)
        )
    res = simulate(inp, [sc, worse], trend, **RUN)
    for tg in RUN["target"]:
        assert np.all(_hits(res, "worse", tg) >= _hits(res, "base", tg))


@FAST
@given(random_case())
def test_zero_funding_equals_the_trend_only_scenario(case):
    inp, sc, trend = case
    zero = sc.with_levers(
        ApbdAmount(start=M("2026-01"), level="regency", payer="regency", amount_rp_per_year=0.0),
        QuotaPerVillage(start=M("2026-01"), persons_per_desa=0.0),
        id="zero",
    )
    trend_only = Scenario(id="trend", label=LBL, lapse_organic_pct_per_year=None)
    res = simulate(inp, [zero, trend_only], trend, **RUN)
    p = res.paths
    a = p[p.scenario == "zero"].drop(columns="scenario").reset_index(drop=True)
    b = p[p.scenario == "trend"].drop(columns="scenario").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    for tg in RUN["target"]:
        np.testing.assert_array_equal(_hits(res, "zero", tg), _hits(res, "trend", tg))


# ------------------------------------------------------------------------------------------
# budget solver
# ------------------------------------------------------------------------------------------
def test_solver_budget_reaches_p_and_097_of_it_does_not():
    inp = make_inputs()
    trend = flat_trend(0.0, 1)
    out = solve_budget(inp, trend, target=0.995, deadline="2026-10", probability=0.5,
                       payer="regency", n_draws=4)  # fmt: skip
    row = out.iloc[0]
    assert row.feasible and row.reason_code == "ok" and row.achieved_probability >= 0.5
    # closed form: 10 funded months (Jan-Oct 2026) at rho = 1 - exp(-1/4):
    # K (1 - exp(-10/4)) >= 4,950  ->  budget = K x 12 x 16,800
    k_needed = 4950 / (1 - math.exp(-10 / 4))
    assert row.budget_rp_per_year == pytest.approx(k_needed * 12 * RATE, rel=2e-4)
    assert row.budget_rp_per_village == pytest.approx(row.budget_rp_per_year / 100)
    assert row.pct_of_add == pytest.approx(row.budget_rp_per_year / 12e9 * 100)
    assert row.pct_of_dd == pytest.approx(row.budget_rp_per_year / 60e9 * 100)

    def reach(amount):
        sc = scen("b", BudgetAmount(start=M("2026-01"), payer="regency",
                                    amount_rp_per_year=amount))  # fmt: skip
        res = simulate(inp, [sc], trend, n_draws=4, horizon_end="2026-12",
                       deadlines=("2026-10",), variables=None)  # fmt: skip
        return res.prob_by_deadline["probability"].iloc[0]

    assert reach(row.budget_rp_per_year) >= 0.5
    assert reach(0.97 * row.budget_rp_per_year) < 0.5


def test_solver_probability_levels_are_ordered_with_uncertain_slopes():
    inp = make_inputs(coverage0=0.4)
    trend = {"Uji": np.random.default_rng(5).normal(0.3, 0.2, 200)}
    out = solve_budget(inp, trend, target=0.9, deadline="2028-12", probability=(0.5, 0.8),
                       payer="regency", n_draws=200)  # fmt: skip
    b50, b80 = out.budget_rp_per_year
    assert out.feasible.all() and 0 < b50 < b80
    assert (out.achieved_probability >= out.probability).all()


def test_solver_share_of_add_lever():
    inp = make_inputs()
    out = solve_budget(inp, flat_trend(), target=0.8, deadline="2027-12", probability=0.5,
                       lever="share_of_add", n_draws=2)  # fmt: skip
    row = out.iloc[0]
    assert row.feasible and 0 < row.pct_of_add < 100
    assert row.budget_rp_per_year == pytest.approx(row.pct_of_add / 100 * 12e9)


def test_solver_reports_infeasible_cases_with_reasons():
    trend = flat_trend()
    # deadline before the funding starts
    out = solve_budget(make_inputs(), trend, deadline="2025-10", probability=0.5, n_draws=2)
    assert not out.feasible.any() and set(out.reason_code) == {"deadline_before_start"}
    assert "Tenggat" in out.reason.iloc[0] and "deadline" in out.reason_en.iloc[0]
    # lapse outruns slow enrolment: even unlimited money cannot close the gap by the deadline
    slow = make_inputs(enrolment_months=24.0, lapse_funded_pct_per_year=95.0)
    out = solve_budget(slow, trend, deadline="2026-03", probability=0.5, payer="regency",
                       n_draws=2)  # fmt: skip
    row = out.iloc[0]
    assert not row.feasible and row.reason_code == "unreachable_enrolment"
    assert np.isnan(row.budget_rp_per_year)
    # villages in arrears all year keep 10 % of village-funded workers inactive
    arrears = make_inputs(arrears_share_pct=10.0, arrears_months=12, enrolment_months=0.0)
    out = solve_budget(arrears, trend, deadline="2030-12", probability=0.5, n_draws=2)
    assert out.reason_code.iloc[0] == "unreachable_realisation"
    assert "10 %" in out.reason_en.iloc[0]
    # evenly spread village places cannot meet the last workers
    spread = make_inputs(village_pool_cv=1.0, enrolment_months=0.0)
    out = solve_budget(spread, trend, deadline="2026-06", probability=0.5, n_draws=2)
    assert out.reason_code.iloc[0] == "unreachable_spread"
    # a too-low upper bound
    out = solve_budget(make_inputs(), trend, deadline="2027-12", probability=0.5,
                       bounds_rp=(0, 1e8), payer="regency", n_draws=2)  # fmt: skip
    assert out.reason_code.iloc[0] == "upper_bound_too_low"
    # the trend alone suffices
    out = solve_budget(make_inputs(coverage0=0.999), trend, deadline="2027-12",
                       probability=0.5, n_draws=2)  # fmt: skip
    row = out.iloc[0]
    assert row.feasible and row.reason_code == "trend_sufficient"
    assert row.budget_rp_per_year == 0.0


# ------------------------------------------------------------------------------------------
# realistic Konawe set-up
# ------------------------------------------------------------------------------------------
def konawe(**kw) -> RegencyInputs:
    base = dict(
        regency="Konawe",
        province="Sulawesi Tenggara",
        n_desa=297,
        n_kelurahan=57,
        start_month=M("2025-04"),
        workforce0=79_388.0,
        coverage0=0.3481,
        workforce_growth=0.007,
        dd_per_year={2026: 76_272_693_750.0},
        add_per_year={2026: 297 * 400e6},
    )
    base.update(kw)
    return RegencyInputs(**base)


def test_konawe_five_percent_of_add_funds_about_29_500_workers():
    inp = konawe(enrolment_months=0.0, village_pool_cv=0.0, arrears_share_pct=0.0,
                 budget_realisation_mean_pct=100.0, workforce_growth_sd=0.0)  # fmt: skip
    sc = scen("add5", ShareOfFund(start=M("2026-01"), fund="ADD", share_pct=5.0))
    res = simulate(inp, [sc], {"Konawe": np.full(50, 0.15)}, n_draws=50, horizon_end="2027-12")
    yc = res.yearly_cost.set_index("year")
    expected = 297 * 400e6 * 0.05 / (12 * 16_800)
    assert expected == pytest.approx(29_464, abs=1)
    assert yc.loc[2026, "persons_funded_p50"] == pytest.approx(expected)
    assert yc.loc[2026, "cost_rp_p50"] == pytest.approx(297 * 400e6 * 0.05)


def test_konawe_presets_are_ordered_sensibly():
    inp = konawe()
    trend = {"Konawe": np.random.default_rng(1).normal(0.15, 0.1, 300)}
    gap = FundGap(start=M("2026-01"))
    scs = [
        scen("trend"),
        scen("add5", ShareOfFund(start=M("2026-01"), fund="ADD", share_pct=5.0)),
        scen("add10", ShareOfFund(start=M("2026-01"), fund="ADD", share_pct=10.0)),
        scen("gap", gap),
    ]
    res = simulate(inp, scs, trend, n_draws=300, target=(0.7, 0.995))
    ttt = res.time_to_target.set_index(["scenario", "target"])
    assert ttt.loc[("trend", 0.995), "status"] == "not_reached"
    assert ttt.loc[("gap", 0.995), "median_month"] <= M("2026-06")
    assert ttt.loc[("add10", 0.7), "median_month"] < ttt.loc[("add5", 0.7), "median_month"]
    assert ttt.loc[("add5", 0.7), "median_month"] < ttt.loc[("trend", 0.7), "median_month"]


# ------------------------------------------------------------------------------------------
# build_regency_inputs
# ------------------------------------------------------------------------------------------
def _ds(frame):
    return SimpleNamespace(frame=frame, meta={}, path=None)


def fake_bundle():
    q = pd.CategoricalDtype(["observed", "derived", "assumed"])
    regencies = pd.DataFrame({
        "regency": ["Uji"], "province": ["Prov"], "n_kecamatan": [5], "n_desa": [50],
        "n_kelurahan": [5], "population": [100_000], "population_year": [2023],
        "workforce_growth_pct": [1.2], "source": ["bps"], "quality": ["derived"], "note": [""],
    })  # fmt: skip
    cov = pd.DataFrame({
        "regency": ["Uji"] * 5, "province": ["Prov"] * 5,
        "level": ["regency"] * 5,
        "date": pd.to_datetime(["2023-12-31", "2024-06-30", "2024-12-31", "2025-03-31",
                                "2025-06-30"]),
        "segment": ["total", "total", "funded", "total", "total"],
        "workforce": pd.array([40_000, 41_000, None, None, 45_000], dtype="Int64"),
        "active": pd.array([10_000, 12_000, 3_000, None, 20_000], dtype="Int64"),
        "coverage_pct": [25.0, 29.27, None, 31.0, 44.4],
        "use_in_model": [True, True, True, True, False],
        "source": ["a", "b", "c", "d", "e"], "quality": ["observed"] * 5, "note": [""] * 5,
    })  # fmt: skip
    vf = pd.DataFrame({
        "regency": ["Uji", "Uji"], "year": [2017, 2026], "fund": ["DD", "ADD"],
        "amount_rp": pd.array([30_000_000_000, 20_000_000_000], dtype="Int64"),
        "n_desa": [50, 50], "source": ["k", "a"], "quality": ["observed", "assumed"],
        "note": ["", ""],
    })  # fmt: skip
    nat = pd.DataFrame({"year": [2017, 2018, 2019],
                        "amount_rp": pd.array([60e12, 60e12, 70e12], dtype="Int64"),
                        "n_desa": [1, 1, 1], "source": ["n"] * 3, "quality": ["observed"] * 3,
                        "note": [""] * 3})  # fmt: skip
    rates = pd.DataFrame({
        "scheme": ["BPU"] * 4, "payer": ["funded", "funded", "funded", "self"],
        "component": ["JKK+JKM", "JKK", "JKK+JKM", "JKK+JKM"],
        "valid_from": pd.to_datetime(["2019-01-01", "2019-01-01", "2026-01-01", "2019-01-01"]),
        "valid_to": pd.to_datetime(["2025-12-31", "2025-12-31", None, None]),
        "rate_rp_per_month": pd.array([16_800, 10_000, 8_400, 16_800], dtype="Int64"),
        "legal_basis": ["PP 44/2015", "", "PP 50/2025", ""],
        "source": ["r"] * 4, "quality": ["observed", "observed", "assumed", "observed"],
        "note": [""] * 4,
    })  # fmt: skip
    assumptions = pd.DataFrame({
        "parameter": ["lapse_rate_organic", "lapse_rate_organic", "arrears_share",
                      "budget_realisation_share", "workforce_growth_sd_pct"],
        "regency": ["*", "Uji", "*", "*", "*"],
        "value": [0.30, 0.15, 0.10, 0.9, 0.5],
        "unit": ["per year (share)", "per year (share)", "share", "share", "pp per year"],
        "source": ["x"] * 5, "quality": ["assumed"] * 5, "note": ["n"] * 5,
    })  # fmt: skip
    for f in (regencies, cov, vf, nat, rates, assumptions):
        f["quality"] = f["quality"].astype(q)
    return SimpleNamespace(
        regencies=_ds(regencies), coverage=_ds(cov), village_funds=_ds(vf),
        dana_desa_national=_ds(nat), contribution_rates=_ds(rates), assumptions=_ds(assumptions),
        regency=lambda name: "Uji" if name.lower().endswith("uji") else name,
    )  # fmt: skip


def test_build_regency_inputs_from_frames():
    inp = build_regency_inputs(fake_bundle(), "Kab. Uji")
    # latest used total row with a coverage: 2025-03 (the 2025-06 row is use_in_model false,
    # the 2024-12 row is the funded segment)
    assert inp.start_month == M("2025-03") and inp.coverage0 == pytest.approx(0.31)
    # its workforce is empty: the 2024-06 workforce grown 9 months at 1.2 %/yr
    assert inp.workforce0 == pytest.approx(41_000 * 1.012 ** (9 / 12))
    assert (inp.n_desa, inp.n_kelurahan, inp.workforce_growth) == (50, 5, pytest.approx(0.012))
    # regency row beats '*'; shares converted to %
    assert inp.lapse_organic_pct_per_year == pytest.approx(15.0)
    assert inp.arrears_share_pct == pytest.approx(10.0)
    assert inp.budget_realisation_mean_pct == pytest.approx(90.0)
    assert inp.workforce_growth_sd == pytest.approx(0.005)
    assert inp.lapse_funded_pct_per_year == 10.0  # engine default
    # DD derived from the national series after the last regency year
    assert inp.dd_per_year[2017] == 30e9
    assert inp.dd_per_year[2019] == pytest.approx(30e9 * 70 / 60)
    assert inp.add_per_year == {2026: 20e9}
    # contribution rate: package rows only, 16,800 then 8,400 from 2026
    assert inp.contribution_rates == ((M("2019-01"), M("2025-12"), 16_800.0),
                                      (M("2026-01"), None, 8_400.0))  # fmt: skip
    np.testing.assert_array_equal(
        inp.rate_at(pd.PeriodIndex(["2018-01", "2025-12", "2026-01", "2040-01"], freq="M")),
        [16_800, 16_800, 8_400, 8_400],
    )
    t = inp.inputs_table.set_index("name")
    assert list(inp.inputs_table.columns) == ["name", "value", "unit", "source", "quality", "note"]
    assert t.loc["workforce0", "quality"] == "derived"
    assert t.loc["DD_2019", "quality"] == "derived"
    assert t.loc["coverage0", "source"] == "d"
    assert t.loc["lapse_funded_pct_per_year", "source"] == "engine default"
    assert t.loc["lapse_funded_pct_per_year", "quality"] == "assumed"
    assert "0.15" in t.loc["lapse_organic_pct_per_year", "note"]
    assert set(inp.inputs_table["quality"]) <= {"observed", "derived", "assumed"}


def test_build_regency_inputs_without_coverage_explains_what_to_add():
    b = fake_bundle()
    b.coverage.frame["use_in_model"] = False
    with pytest.raises(ValueError, match="coverage.csv has no usable coverage row"):
        build_regency_inputs(b, "Uji")


def test_build_regency_inputs_from_the_embedded_data():
    loaders = pytest.importorskip("ucj_analysis.loaders")
    inp = build_regency_inputs(loaders.load_bundle(), "Konawe")
    assert inp.start_month == M("2025-04")
    assert inp.workforce0 == 79_388 and inp.coverage0 == pytest.approx(0.3481)
    assert (inp.n_desa, inp.n_kelurahan) == (297, 57)
    assert inp.rate_at(pd.PeriodIndex(["2026-01"], freq="M"))[0] == 16_800
    assert inp.add_per_year[2026] == pytest.approx(297 * 400e6)
    res = simulate(inp, [scen("t")], {"Konawe": np.full(10, 0.15)}, n_draws=10,
                   horizon_end="2027-12", variables=("coverage",))  # fmt: skip
    assert cov_p50(res, "t", "2025-04") == pytest.approx(0.3481)
