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
    time_to_target,
)
from ucj_analysis.engine import simulate as engine_simulate
from ucj_analysis.engine import solve_budget as engine_solve_budget
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
#: The closed forms below date their answers from Jan 2026, before the real run month, so they
#: run the engine as of the synthetic start observation (Apr 2025; budget start Jan 2026). Tests
#: of the as-of behaviour pass run_month themselves.
RUN0 = "2025-04"


def M(s: str) -> pd.Period:
    return pd.Period(s, freq="M")


def simulate(*args, **kw):
    """The engine as of ``RUN0`` unless the test gives ``run_month``."""
    kw.setdefault("run_month", RUN0)
    return engine_simulate(*args, **kw)


def solve_budget(*args, **kw):
    """The budget solver as of ``RUN0`` unless the test gives ``run_month``."""
    kw.setdefault("run_month", RUN0)
    return engine_solve_budget(*args, **kw)


def make_inputs(**kw) -> RegencyInputs:
    """A deterministic regency: constant workforce, no uncertainty, no frictions.

    The enrolment pace is set out of reach (10^6 per village per month) so the closed forms
    below see only the optional smoothing ``enrolment_months``; the pace tests set their own.
    """
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
        enrolment_pace_per_village_month=1e6,
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
    # the enrolment pace and the spread across villages are drawn per draw (triangular, central
    # +-50 %), as with the embedded assumptions; the scenario sets the other parameters
    pace = draw(st.floats(0.5, 40.0))
    cv = draw(st.sampled_from([0.0, 0.3, 0.8]))
    ranges = {"enrolment_pace_per_village_month": (pace / 2, pace * 1.5)}
    if cv > 0:
        ranges["village_pool_cv"] = (cv / 2, cv * 1.5)
    inp = make_inputs(
        coverage0=draw(st.floats(0.02, 0.98)),
        workforce_growth=draw(st.floats(-0.01, 0.04)),
        workforce_growth_sd=draw(st.floats(0.0, 0.01)),
        lapse_organic_pct_per_year=draw(st.floats(0.0, 40.0)),
        village_pool_cv=cv,
        desa_pool_share=draw(st.floats(0.5, 1.0)),
        enrolment_pace_per_village_month=pace,
        ranges=ranges,
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
    # no pace limit here (10^6 per village per month): the closed form of money -> persons
    inp = konawe(enrolment_months=0.0, village_pool_cv=0.0, arrears_share_pct=0.0,
                 budget_realisation_mean_pct=100.0, workforce_growth_sd=0.0,
                 enrolment_pace_per_village_month=1e6)  # fmt: skip
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
    # funding the gap enrols at most 100/12 x (297 desa + 57 kelurahan) = 2,950 workers a month
    # (Tojo Una-Una's pace), so the ~51,000 uncovered workers of 2025 take well over a year:
    # not before 2027 (it was Jun 2026 when the whole envelope enrolled with a 3-month mean)
    gap_month = ttt.loc[("gap", 0.995), "median_month"]
    assert M("2027-01") <= gap_month <= M("2027-12")
    assert gap_month >= M("2026-01") + math.ceil(40_000 / (100 / 12 * 354)) - 1
    # 70 % needs ~28,000 more workers: at 100/12 x 297 desa = 2,475 sign-ups a month the pace,
    # not the money, binds, so 10 % of ADD is not faster than 5 % (it was before the pace)
    assert ttt.loc[("add10", 0.7), "median_month"] <= ttt.loc[("add5", 0.7), "median_month"]
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
    assert list(inp.inputs_table.columns) == [
        "name", "value", "low", "high", "unit", "source", "quality", "note",
    ]  # fmt: skip
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
    from ucj_analysis import loaders

    inp = build_regency_inputs(loaders.load_bundle(), "Konawe")
    assert inp.start_month == M("2025-04")
    assert inp.workforce0 == 79_388 and inp.coverage0 == pytest.approx(0.3481)
    assert (inp.n_desa, inp.n_kelurahan) == (297, 57)
    assert inp.rate_at(pd.PeriodIndex(["2026-01"], freq="M"))[0] == 16_800
    assert inp.add_per_year[2026] == pytest.approx(297 * 400e6)
    res = simulate(inp, [scen("t")], {"Konawe": np.full(10, 0.15)}, n_draws=10,
                   horizon_end="2027-12", variables=("coverage",))  # fmt: skip
    assert cov_p50(res, "t", "2025-04") == pytest.approx(0.3481)


# ------------------------------------------------------------------------------------------
# as of the run month, places sized to the people, drawn parameters, budget lines
# ------------------------------------------------------------------------------------------
def test_no_first_hit_before_the_run_month_and_the_nowcast_stays_in_the_paths():
    # the cohort of the closed-form test reaches 99.5 % in Jul 2026; run in Nov 2026 it is
    # reported as reached in Nov 2026 (the run month), by every draw
    inp = make_inputs()
    sc = scen("cohort", FixedCohort(start=M("2026-01"), persons=6000.0, payer="regency"))
    res = engine_simulate(inp, [sc], flat_trend(), n_draws=3, horizon_end="2030-12",
                          deadlines=("2026-06", "2026-11", "2027-12"),
                          run_month="2026-11")  # fmt: skip
    assert res.run_month == M("2026-11") and res.budget_start == M("2027-01")
    row = res.time_to_target.iloc[0]
    assert row.median_month == M("2026-11") and row.p10_month == M("2026-11")
    assert row.reached_by_run_month_share == 1.0 and row.reached_share == 1.0
    assert (res.hit_months("Uji", "cohort") >= M("2026-11")).all()
    prob = res.prob_by_deadline.set_index("deadline")["probability"]
    assert np.isnan(prob[M("2026-06")])  # a deadline already past has no probability
    assert prob[M("2026-11")] == 1.0 and prob[M("2027-12")] == 1.0
    # the months from the start observation to the run month are kept (nowcast)
    assert cov_p50(res, "cohort", "2025-04") == pytest.approx(0.5)
    assert cov_p50(res, "cohort", "2026-07") > 0.995
    # nothing reached yet: the share reached by the run month is 0
    late = scen("late", FixedCohort(start=M("2027-03"), persons=6000.0, payer="regency"))
    res2 = engine_simulate(inp, [late], flat_trend(), n_draws=3, horizon_end="2030-12",
                           run_month="2026-11")  # fmt: skip
    r2 = res2.time_to_target.iloc[0]
    assert r2.reached_by_run_month_share == 0.0 and r2.median_month == M("2027-09")


def test_lever_start_defaults_to_the_budget_start():
    inp = make_inputs(enrolment_months=0.0)
    sc = scen("q", QuotaPerVillage(persons_per_desa=20.0))  # no start
    res = engine_simulate(inp, [sc], flat_trend(), n_draws=2, horizon_end="2028-12",
                          run_month="2026-11")  # fmt: skip
    assert cov_p50(res, "q", "2026-12") == pytest.approx(0.5)
    assert cov_p50(res, "q", "2027-01") == pytest.approx(0.7)
    res2 = engine_simulate(inp, [sc], flat_trend(), n_draws=2, horizon_end="2028-12",
                           run_month="2026-11", budget_start="2027-07")  # fmt: skip
    assert cov_p50(res2, "q", "2027-06") == pytest.approx(0.5)
    assert cov_p50(res2, "q", "2027-07") == pytest.approx(0.7)
    # defaults: this month, and the January after it
    res3 = engine_simulate(inp, [sc], flat_trend(), n_draws=2, horizon_end="2045-12")
    today = pd.Timestamp.today()
    assert res3.run_month == M(today.strftime("%Y-%m"))
    assert res3.budget_start == P(year=today.year + 1, month=1, freq="M")
    # a lever that ends before the budget start is an error, not a silent zero
    ended = scen("e", FixedCohort(persons=10.0, end=M("2026-12")))
    with pytest.raises(ValueError, match="ends"):
        engine_simulate(inp, [ended], flat_trend(), n_draws=2, run_month="2026-11")


def test_quota_fills_at_the_pace_in_exactly_ceil_k_over_pace_units_months():
    # no lapse, no smoothing, pace 5 per desa per month x 100 desa = 500 sign-ups a month
    inp = make_inputs(enrolment_months=0.0, enrolment_pace_per_village_month=5.0)
    for quota, target in ((20.0, 0.7), (21.0, 0.7099)):
        k = quota * 100  # 2,000 -> 4 months; 2,100 -> ceil(4.2) = 5 months
        n = math.ceil(k / (5.0 * 100))
        sc = scen("q", QuotaPerVillage(start=M("2026-01"), persons_per_desa=quota))
        res = simulate(inp, [sc], flat_trend(), n_draws=2, horizon_end="2027-12", target=target)
        assert res.time_to_target.iloc[0].median_month == M("2026-01") + (n - 1)
        # coverage rises by 500 / 10,000 a month until the quota is full
        assert cov_p50(res, "q", "2026-02") == pytest.approx(0.5 + 1000 / 10_000)
        yc = res.yearly_cost.set_index("year")
        assert yc.loc[2026, "signups_p50"] == pytest.approx(k)
        assert yc.loc[2026, "signups_per_unit_month_p50"] == pytest.approx(k / 100 / 12)


def test_fund_gap_places_never_exceed_the_pool_in_any_draw():
    from ucj_analysis.engine import _prepare, _run_chunk

    inp = make_inputs(
        coverage0=0.3,
        workforce_growth=0.02,
        workforce_growth_sd=0.01,
        lapse_funded_pct_per_year=10.0,
        enrolment_pace_per_village_month=100 / 12,
        ranges={"enrolment_pace_per_village_month": (1.684, 16.667),
                "lapse_funded_pct_per_year": (5.0, 31.7)},
    )  # fmt: skip
    trend = np.random.default_rng(4).normal(0.3, 0.3, 200)
    scs = [scen("gap", FundGap(start=M("2026-01"))),
           scen("gapv", FundGap(start=M("2026-01"), payer="village"))]  # fmt: skip
    months = pd.period_range("2025-04", "2040-12", freq="M")
    ch = _prepare([inp], scs, months, M("2026-01"))
    draws = [parameter_draws(inp, trend, 200, seed=3)]
    worst = {"o": -np.inf, "v": -np.inf, "filled": 0.0}

    def check(k, st):
        worst["o"] = max(worst["o"], float(np.max(st["places_o"] - st["pool"])))
        worst["v"] = max(worst["v"], float(np.max(st["places_v"] - st["pool_v"])))
        worst["filled"] = max(worst["filled"], float(np.max(st["places_o"])))

    _run_chunk(ch, draws, targets=[0.995], damping=None, trace=check)
    assert worst["o"] <= 1e-9 and worst["v"] <= 1e-9
    assert worst["filled"] > 1000  # places were funded
    # the budget line of the gap is the pool-based capacity, not the workforce envelope
    res = simulate(inp, scs[:1], {"Uji": trend}, n_draws=200, horizon_end="2027-12")
    yc = res.yearly_cost.set_index("year")
    assert yc.loc[2026, "appropriation_rp"] <= 7_000 * 1.05 * RATE * 12
    assert yc.loc[2026, "appropriation_other_rp"] == yc.loc[2026, "appropriation_rp"]
    assert np.isnan(yc.loc[2026, "appropriation_rp_per_village"])  # not village money


def test_appropriation_of_100_per_desa_is_the_budget_line_not_the_spending():
    # 100 per desa x 100 desa, the pace of Tojo Una-Una (100 / 12 a month): the list fills
    # during 2026, but the village must budget the full year: 100 x 16,800 x 12 per desa
    # (workforce 30,000 at 50 %: the 15,000 uncovered workers outnumber the 10,000 places)
    inp = make_inputs(n_desa=100, workforce0=30_000.0, enrolment_months=0.0,
                      enrolment_pace_per_village_month=100 / 12)  # fmt: skip
    sc = scen("q", QuotaPerVillage(start=M("2026-01"), persons_per_desa=100.0))
    res = simulate(inp, [sc], flat_trend(), n_draws=2, horizon_end="2027-12")
    yc = res.yearly_cost.set_index("year")
    assert yc.loc[2026, "appropriation_rp"] == pytest.approx(100 * 16_800 * 12 * 100)
    assert yc.loc[2026, "appropriation_rp_per_village"] == pytest.approx(20_160_000)
    assert yc.loc[2026, "appropriation_village_rp"] == yc.loc[2026, "appropriation_rp"]
    # sign-ups 100/12 per desa a month: places k/12 x 10,000 in month k -> spending = the sum
    spent = sum(min(k / 12, 1.0) * 10_000 for k in range(1, 13)) * RATE
    assert yc.loc[2026, "spending_rp_p50"] == pytest.approx(spent)
    assert yc.loc[2026, "spending_rp_per_village_p50"] == pytest.approx(spent / 100)
    assert yc.loc[2026, "idle_rp_p50"] == pytest.approx(100 * 16_800 * 12 * 100 - spent)
    assert yc.loc[2026, "cost_rp_p50"] == yc.loc[2026, "spending_rp_p50"]  # alias
    assert yc.loc[2027, "idle_rp_p50"] == pytest.approx(0.0, abs=1e-3)
    assert yc.loc[2025, "appropriation_rp"] == 0.0


def test_arrears_lower_the_spending_by_exactly_the_arrears():
    inp = make_inputs(enrolment_months=0.0)
    quota = QuotaPerVillage(start=M("2026-01"), persons_per_desa=20.0)  # 2,000 persons
    scs = [scen("paid", quota, arrears_share_pct=0.0),
           scen("late", quota, arrears_share_pct=20.0, arrears_months=12)]  # fmt: skip
    res = simulate(inp, scs, flat_trend(), n_draws=2, horizon_end="2026-12")
    yc = res.yearly_cost[res.yearly_cost.year == 2026].set_index("scenario")
    full_year = 2000 * RATE * 12
    assert yc.loc["paid", "spending_rp_p50"] == pytest.approx(full_year)
    assert yc.loc["late", "spending_rp_p50"] == pytest.approx(0.8 * full_year)
    assert yc.loc["late", "arrears_rp_p50"] == pytest.approx(0.2 * full_year)
    diff = yc.loc["paid", "spending_rp_p50"] - yc.loc["late", "spending_rp_p50"]
    assert diff == pytest.approx(yc.loc["late", "arrears_rp_p50"])
    assert yc.loc["late", "appropriation_rp"] == yc.loc["paid", "appropriation_rp"]
    assert yc.loc["late", "idle_rp_p50"] == pytest.approx(0.0, abs=1e-3)
    # annual cycle: the arrears months are booked in the payment month
    ann = scen("ann", quota, arrears_share_pct=20.0, arrears_months=3, payment_cycle="annual")
    r2 = simulate(inp, [ann], flat_trend(), n_draws=2, horizon_end="2026-12")
    y2 = r2.yearly_cost.set_index("year").loc[2026]
    assert y2.arrears_rp_p50 == pytest.approx(0.2 * 3 * 2000 * RATE)
    assert y2.spending_rp_p50 == pytest.approx(full_year - 0.2 * 3 * 2000 * RATE)


def test_per_desa_figures_only_for_village_money():
    inp = make_inputs(enrolment_months=0.0)
    scs = [scen("reg", FixedCohort(start=M("2026-01"), persons=500.0)),
           scen("vil", QuotaPerVillage(start=M("2026-01"), persons_per_desa=5.0))]  # fmt: skip
    yc = simulate(inp, scs, flat_trend(), n_draws=2, horizon_end="2026-12").yearly_cost
    y = yc[yc.year == 2026].set_index("scenario")
    assert np.isnan(y.loc["reg", "cost_rp_per_village_p50"])
    assert np.isnan(y.loc["reg", "appropriation_rp_per_village"])
    assert y.loc["vil", "cost_rp_per_village_p50"] == pytest.approx(500 * RATE * 12 / 100)
    no_desa = make_inputs(enrolment_months=0.0, n_desa=0)
    yc0 = simulate(no_desa, scs[1:], flat_trend(), n_draws=2, horizon_end="2026-12").yearly_cost
    assert yc0["appropriation_rp_per_village"].isna().all()


def test_triangular_draws_have_the_right_mean_and_bounds():
    ranges = {
        "enrolment_pace_per_village_month": (1.684, 16.667),
        "arrears_share_pct": (5.0, 25.0),
        "budget_realisation_mean_pct": (53.46, 100.0),
        "arrears_months": (6.0, 12.0),
    }
    inp = make_inputs(enrolment_pace_per_village_month=100 / 12, arrears_share_pct=11.65,
                      budget_realisation_mean_pct=90.0, arrears_months=12,
                      ranges=ranges)  # fmt: skip
    d = parameter_draws(inp, np.zeros(1), 200_000, seed=5)
    for name, (lo, hi) in ranges.items():
        mode = float(getattr(inp, name))
        x = d[name]
        assert x.min() >= lo and x.max() <= hi
        sd = math.sqrt((lo**2 + mode**2 + hi**2 - lo * mode - lo * hi - mode * hi) / 18)
        assert x.mean() == pytest.approx((lo + mode + hi) / 3, abs=4 * sd / math.sqrt(x.size))
    # without a range: the point value (budget realisation: N(mean, sd) of the inputs)
    d2 = parameter_draws(make_inputs(), np.zeros(1), 1000, seed=5)
    assert np.all(d2["enrolment_pace_per_village_month"] == 1e6)
    assert np.all(d2["village_pool_cv"] == 0.0) and np.all(d2["arrears_months"] == 12)


def test_common_random_numbers_with_drawn_parameters():
    inp = make_inputs(
        workforce_growth_sd=0.005,
        enrolment_pace_per_village_month=100 / 12,
        village_pool_cv=0.5,
        arrears_share_pct=11.65,
        ranges={"enrolment_pace_per_village_month": (1.684, 16.667),
                "village_pool_cv": (0.25, 1.0), "arrears_share_pct": (5.0, 25.0)},
    )  # fmt: skip
    trend = {"Uji": np.random.default_rng(2).normal(0.1, 0.1, 50)}
    a = scen("a", QuotaPerVillage(start=M("2026-01"), persons_per_desa=30.0))
    b = scen("b", FundGap(start=M("2026-01")), arrears_share_pct=40.0)
    kw = dict(n_draws=50, horizon_end="2030-12", target=0.8)
    alone = simulate(inp, [a], trend, **kw)
    both = simulate(inp, [b, a], trend, **kw)
    pa = both.paths[both.paths.scenario == "a"].reset_index(drop=True)
    np.testing.assert_array_equal(pa["p50"].to_numpy(), alone.paths["p50"].to_numpy())
    np.testing.assert_array_equal(both.first_hit[("Uji", "a", 0.8)],
                                  alone.first_hit[("Uji", "a", 0.8)])  # fmt: skip
    ya = both.yearly_cost[both.yearly_cost.scenario == "a"].reset_index(drop=True)
    pd.testing.assert_frame_equal(ya, alone.yearly_cost)


def test_pace_uncertainty_straddling_the_deadline_gives_an_honest_probability():
    # 5,000 uncovered of 10,000; the regency funds the gap from Jan 2026 with no lapse; 99.5 %
    # needs 4,950 sign-ups at pace x 110 units a month: by Jun 2026 (6 months) only draws with
    # pace >= 4,950 / 660 = 7.5 make it. Pace triangular (2, 8, 16): P(pace >= 7.5) =
    # 1 - 5.5^2 / (14 x 6) = 0.64
    inp = make_inputs(enrolment_months=0.0, enrolment_pace_per_village_month=8.0,
                      ranges={"enrolment_pace_per_village_month": (2.0, 16.0)})  # fmt: skip
    sc = scen("gap", FundGap(start=M("2026-01")))
    res = simulate(inp, [sc], flat_trend(), n_draws=2000, horizon_end="2027-12",
                   deadlines=("2026-06",))  # fmt: skip
    p = res.prob_by_deadline["probability"].iloc[0]
    assert 0.05 < p < 0.95
    assert p == pytest.approx(1 - 5.5**2 / (14 * 6), abs=0.04)
    # fixed at the central value, the same regency gives a flat answer
    fixed = simulate(inp, [replace_pace(sc, 8.0)], flat_trend(), n_draws=200,
                     horizon_end="2027-12", deadlines=("2026-06",))  # fmt: skip
    assert fixed.prob_by_deadline["probability"].iloc[0] == 1.0


def replace_pace(sc: Scenario, pace: float) -> Scenario:
    """The scenario with its own enrolment pace (used as is, without spread)."""
    return dataclasses.replace(sc, enrolment_pace_per_village_month=pace)


def test_build_regency_inputs_reads_ranges_and_keeps_older_files_as_point_values():
    b = fake_bundle()
    a = b.assumptions.frame
    extra = pd.DataFrame({
        "parameter": ["enrolment_pace_per_village_month", "arrears_share", "village_pool_cv"],
        "regency": ["*", "*", "*"], "value": [8.333, 0.1165, 0.5],
        "low": [1.684, 0.05, 0.25], "high": [16.667, 0.25, 1.0],
        "unit": ["persons per village per month", "share", "ratio"],
        "source": ["t"] * 3, "quality": ["assumed"] * 3, "note": ["n"] * 3,
    })  # fmt: skip
    a["low"], a["high"] = np.nan, np.nan
    frame = pd.concat([a, extra], ignore_index=True)
    frame["quality"] = frame["quality"].astype(pd.CategoricalDtype(["observed", "derived",
                                                                    "assumed"]))  # fmt: skip
    b.assumptions.frame = frame
    inp = build_regency_inputs(b, "Uji")
    assert inp.enrolment_pace_per_village_month == pytest.approx(8.333)
    assert inp.ranges["enrolment_pace_per_village_month"] == (1.684, 16.667)
    assert inp.ranges["arrears_share_pct"] == pytest.approx((5.0, 25.0))  # share -> %
    assert inp.range_of("village_pool_cv") == (0.25, 0.5, 1.0)
    t = inp.inputs_table.set_index("name")
    assert t.loc["arrears_share_pct", "low"] == pytest.approx(5.0)
    assert t.loc["enrolment_pace_per_village_month", "high"] == pytest.approx(16.667)
    assert np.isnan(t.loc["lapse_organic_pct_per_year", "low"])
    # workforce growth 1.2 %/yr, sd 0.5 pp: shown as mean -/+ 2 sd
    assert t.loc["workforce_growth_pct", "low"] == pytest.approx(0.2)
    assert t.loc["workforce_growth_pct", "high"] == pytest.approx(2.2)
    # the older file (no low/high columns): point values only
    old = build_regency_inputs(fake_bundle(), "Uji")
    assert old.ranges == {} and old.range_of("arrears_share_pct") == (10.0, 10.0, 10.0)
    assert old.enrolment_months == 0.0  # no extra smoothing by default
    # a range that does not contain the central value is an error
    bad = fake_bundle()
    bad.assumptions.frame = frame.assign(low=np.where(frame.parameter == "arrears_share", 0.2,
                                                      frame.low))  # fmt: skip
    with pytest.raises(ValueError, match="low <= value <= high"):
        build_regency_inputs(bad, "Uji")


# ------------------------------------------------------------------------------------------
# the fast paths of the monthly loop give the numbers of the plain computation
# ------------------------------------------------------------------------------------------
def test_workforce_quantiles_are_the_float32_order_statistics_without_a_sort():
    # the kernel reads the workforce's order statistics through the order of the growth
    # factors; they must equal the sorted float32 values of W0 x gw^k (interpolated in float32)
    inp = make_inputs(workforce_growth=0.02, workforce_growth_sd=0.01)
    trend = {"Uji": np.random.default_rng(4).normal(0.1, 0.1, 200)}
    n = 200
    res = simulate(inp, [scen("t")], trend, n_draws=n, seed=11, horizon_end="2027-12")
    d = parameter_draws(inp, trend["Uji"], n, 11)
    gw = (1.0 + np.asarray(d["growth"], dtype=float)) ** (1.0 / 12.0)
    p = res.paths[res.paths.variable == "workforce"].set_index("month")
    w = np.full(n, inp.workforce0)
    for month in pd.period_range("2025-05", "2027-12", freq="M"):
        w *= gw
        x = np.sort(w.astype(np.float32))
        for q, col in ((0.1, "p10"), (0.5, "p50"), (0.9, "p90")):
            pos = q * (n - 1)
            lo = math.floor(pos)
            f = np.float32(pos - lo)
            assert p.loc[month, col] == x[lo] + (x[lo + 1] - x[lo]) * f
        assert p.loc[month, "mean"] == w.mean()
    assert p.loc[M("2027-12"), "p90"] - p.loc[M("2027-12"), "p10"] > 100.0  # a real spread


def test_scenario_columns_skipped_in_the_loop_give_the_numbers_of_a_run_alone():
    # columns without village levers skip the spread across villages, columns without levers
    # of other payers skip their places: every scenario's numbers equal those of its run alone
    inp = make_inputs(
        enrolment_months=0.0, village_pool_cv=0.5, arrears_share_pct=15.0, arrears_months=6,
        budget_realisation_mean_pct=90.0, enrolment_pace_per_village_month=3.0,
        workforce_growth_sd=0.004,
        ranges={"village_pool_cv": (0.25, 1.0), "arrears_share_pct": (5.0, 25.0)},
    )  # fmt: skip
    trend = {"Uji": np.random.default_rng(2).normal(0.1, 0.1, 60)}
    scs = [
        scen("trend"),
        scen("add", ShareOfFund(start=M("2026-01"), fund="ADD", share_pct=10.0)),
        scen("gap", FundGap(start=M("2026-01"))),
        scen("cohort", FixedCohort(start=M("2026-01"), persons=800.0)),
        scen("annual", QuotaPerVillage(start=M("2026-01"), persons_per_desa=5.0),
             payment_cycle="annual", payment_month=3),
    ]  # fmt: skip
    kw = dict(n_draws=60, seed=5, horizon_end="2029-12", deadlines=("2027-12", "2029-12"))
    together = simulate(inp, scs, trend, **kw)
    for sc in scs:
        alone = simulate(inp, [sc], trend, **kw)
        for name in ("paths", "time_to_target", "prob_by_deadline", "yearly_cost"):
            a = getattr(together, name)
            a = a[a.scenario == sc.id].reset_index(drop=True)
            b = getattr(alone, name).reset_index(drop=True)
            keep = [c for c in a.columns if c not in ("regency", "scenario")]
            pd.testing.assert_frame_equal(a[keep], b[keep], check_exact=True)
    # and the skipped columns are the ones that stay at zero money and zero funded persons
    yc = together.yearly_cost.set_index(["scenario", "year"])
    assert yc.loc[("trend", 2027), "appropriation_rp"] == 0.0
    assert yc.loc[("add", 2027), "appropriation_other_rp"] == 0.0
    assert yc.loc[("gap", 2027), "appropriation_village_rp"] == 0.0
    assert yc.loc[("gap", 2027), "appropriation_other_rp"] > 0.0
    # the village-paid column still spreads its places over villages: fewer funded than with
    # every village's pool alike (no spread)
    even = simulate(dataclasses.replace(inp, village_pool_cv=0.0, ranges={}), scs[1:2], trend, **kw)

    def funded(res):
        p = res.paths
        sel = (p.scenario == "add") & (p.variable == "funded") & (p.month == M("2027-12"))
        return float(p.loc[sel, "p50"].iloc[0])

    assert 0.5 * funded(even) < funded(together) < funded(even) - 10.0
