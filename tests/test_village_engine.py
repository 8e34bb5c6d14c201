"""The engine at village resolution: closed forms, arrears at the deadline, the targeted top-up."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from test_engine import make_inputs as engine_make_inputs

from ucj_analysis.engine import simulate as engine_simulate
from ucj_analysis.inputs import RegencyInputs
from ucj_analysis.scenarios import (
    FixedCohort,
    QuotaPerVillage,
    Scenario,
    ShareOfFund,
    Text,
    VillageBudgets,
    validate_scenarios,
)
from ucj_analysis.simulation.draws import parameter_draws
from ucj_analysis.simulation.kernel import _prepare, _run_chunk
from ucj_analysis.simulation.topup import allocate_targeted, solve_topup, topup_scenario
from ucj_analysis.village_rows import VillageRows

RATE = 16_800.0
LBL = Text("uji", "test")
RUN0 = "2025-04"


def M(s: str) -> pd.Period:
    return pd.Period(s, freq="M")


def simulate(*args, **kw):
    kw.setdefault("run_month", RUN0)
    return engine_simulate(*args, **kw)


def rows(n: int, **cols) -> VillageRows:
    """``n`` desa; every column NaN unless given."""
    nan = np.full(n, np.nan)
    d = dict(
        regency="Uji",
        code=tuple(f"99.01.01.{2001 + i}" for i in range(n)),
        name=tuple(f"Desa {i}" for i in range(n)),
        kecamatan=tuple("Kec A" if i % 2 else "Kec B" for i in range(n)),
        is_kelurahan=np.zeros(n, dtype=bool),
        uncovered=nan.copy(),
        funded_now=nan.copy(),
        add_rp=nan.copy(),
        dd_rp=nan.copy(),
        budget_rp=nan.copy(),
        paid_until=nan.copy(),
        late_years=nan.copy(),
        history_years=nan.copy(),
    )
    for k, v in cols.items():
        d[k] = np.asarray(v, dtype=bool if k == "is_kelurahan" else float) if k not in (
            "data_month", "regency") else v  # fmt: skip
    return VillageRows(**d)


def make_inputs(villages=None, **kw) -> RegencyInputs:
    """A deterministic regency: constant workforce 10,000, coverage 50 %, flat trend; two desa,
    ADD Rp 1 billion and DD Rp 2 billion in 2026, no smoothing of enrolment."""
    base = dict(n_desa=2, n_kelurahan=0, dd_per_year={2026: 2e9}, add_per_year={2026: 1e9},
                enrolment_months=0.0)  # fmt: skip
    base.update(kw)
    return engine_make_inputs(villages=villages, **base)


def scen(id="s", *levers, **kw) -> Scenario:
    return Scenario(id=id, label=LBL, levers=tuple(levers), **kw)


def flat(n=1, slope=0.0):
    return {"Uji": np.full(n, slope)}


def cov_p50(res, scenario, month):
    p = res.paths
    sel = (p.scenario == scenario) & (p.variable == "coverage") & (p.month == M(month))
    return float(p.loc[sel, "p50"].iloc[0])


def trace_run(inp, scens, trend, n_draws, horizon="2028-12", seed=20251):
    """Run the kernel with a trace; return ``{k: state copies}``."""
    months = pd.period_range(inp.start_month, horizon, freq="M")
    ch = _prepare([inp], list(scens), months, M("2026-01"))
    draws = [parameter_draws(inp, trend[inp.regency], n_draws, seed)]
    seen = {}

    def tr(k, state):
        seen[k] = {
            "funded": state["funded"].copy(),
            "villages": {ij: v.copy() for ij, v in state["villages"].items()},
        }

    _run_chunk(ch, draws, targets=[0.99], damping=None, trace=tr)
    return months, seen


# ------------------------------------------------------------------------------------------
# closed forms
# ------------------------------------------------------------------------------------------
def test_a_village_with_enough_money_reaches_its_pool_in_ceil_pool_over_pace_months():
    # one desa holding the whole uncovered pool (5,000), its own budget buys 6,000 places,
    # no lapse, no arrears: 100 sign-ups a month from Jan 2026 -> full after ceil(50) months
    vr = rows(1, uncovered=[5000.0], budget_rp=[6000 * 12 * RATE])
    inp = make_inputs(vr, n_desa=1, enrolment_pace_per_village_month=100.0)
    sc = scen("own", VillageBudgets(start=M("2026-01")))
    res = simulate(inp, [sc], flat(), n_draws=2, horizon_end="2031-12", target=0.9999)
    n = math.ceil(5000 / 100)
    assert res.time_to_target.iloc[0].median_month == M("2026-01") + (n - 1)
    assert cov_p50(res, "own", "2026-03") == pytest.approx(0.5 + 300 / 10_000)
    # the appropriation is the village's budget line; the spending its 100 x k workers
    yc = res.yearly_cost.set_index("year")
    assert yc.loc[2027, "appropriation_village_rp"] == pytest.approx(6000 * 12 * RATE)
    assert yc.loc[2026, "spending_rp_p50"] == pytest.approx(RATE * 100 * sum(range(1, 13)))
    vt = res.village_table
    assert (vt.regency == "Uji").all() and set(vt.row) == {0, -1}
    row = vt[(vt.row == 0) & (vt.deadline == M("2030-12"))].iloc[0]
    assert row.pool_p50 == pytest.approx(5000.0)
    assert row.funded_p50 == pytest.approx(5000.0) and row.gap_p50 == pytest.approx(0.0)
    assert row.covers and row.rp_per_year == pytest.approx(6000 * 12 * RATE)


def test_a_village_without_a_budget_figure_funds_nobody_under_village_budgets():
    vr = rows(2, uncovered=[2500.0, 2500.0], budget_rp=[1000 * 12 * RATE, np.nan])
    inp = make_inputs(vr)
    sc = scen("own", VillageBudgets(start=M("2026-01")))
    res = simulate(inp, [sc], flat(), n_draws=2, horizon_end="2026-12")
    assert cov_p50(res, "own", "2026-06") == pytest.approx(0.5 + 1000 / 10_000)
    vt = res.village_table.set_index("row")
    assert vt.loc[1, "funded_p50"] == 0.0 and not vt.loc[1, "covers"]
    assert vt.loc[1, "rp_per_year"] == 0.0 and vt.loc[1, "gap_p50"] == pytest.approx(2500.0)
    # without a village file the lever funds nobody
    res0 = simulate(make_inputs(None), [sc], flat(), n_draws=2, horizon_end="2026-12")
    assert cov_p50(res0, "own", "2026-06") == pytest.approx(0.5)


def test_share_of_add_uses_each_villages_own_add_and_the_regency_mean_otherwise():
    # village 0: own ADD Rp 403.2 million -> 10 % buys 200 places; village 1: no figure ->
    # regency ADD 1e9 / 2 desa = 500 million -> 10 % buys 248.0 places
    vr = rows(2, uncovered=[2500.0, 2500.0], add_rp=[200 * 12 * RATE * 10, np.nan])
    inp = make_inputs(vr, add_per_year={2026: 1e9})
    sc = scen("add", ShareOfFund(start=M("2026-01"), fund="ADD", share_pct=10.0))
    res = simulate(inp, [sc], flat(), n_draws=2, horizon_end="2026-12")
    p1 = 0.1 * 5e8 / (12 * RATE)
    assert cov_p50(res, "add", "2026-06") == pytest.approx(0.5 + (200 + p1) / 10_000)
    vt = res.village_table.set_index("row")
    assert vt.loc[0, "rp_per_year"] == pytest.approx(0.1 * 200 * 12 * RATE * 10)
    assert vt.loc[1, "rp_per_year"] == pytest.approx(0.1 * 5e8)


def test_a_village_in_arrears_contributes_nothing_from_the_deadline_until_it_pays():
    # desa 0 has paid only until Jun 2026 (data of Jun 2026): in arrears from 19 Dec 2026 for
    # 3 months (arrears_months), i.e. until 19 Mar 2027; desa 1 has paid the year
    vr = rows(
        2,
        uncovered=[2500.0, 2500.0],
        paid_until=[M("2026-06").ordinal, M("2026-12").ordinal],
        data_month=M("2026-06"),
    )
    inp = make_inputs(vr)
    quota = QuotaPerVillage(start=M("2026-01"), persons_per_desa=2500.0)
    sc = scen("arr", quota, arrears_share_pct=0.0, arrears_months=3)
    res = simulate(inp, [sc], flat(), n_draws=3, horizon_end="2027-12")
    inactive = {"2026-11": 0.0, "2026-12": 12 / 31, "2027-01": 1.0, "2027-02": 1.0,
                "2027-03": 19 / 31, "2027-04": 0.0}  # fmt: skip
    for month, share in inactive.items():
        assert cov_p50(res, "arr", month) == pytest.approx(1.0 - 0.25 * share, abs=1e-6)
    # the unpaid contributions are the arrears, not spending
    yc = res.yearly_cost.set_index("year")
    assert yc.loc[2026, "arrears_rp_p50"] == pytest.approx(2500 * RATE * 12 / 31, rel=1e-5)
    assert yc.loc[2027, "arrears_rp_p50"] == pytest.approx(2500 * RATE * (2 + 19 / 31), rel=1e-5)
    assert yc.loc[2027, "spending_rp_p50"] == pytest.approx(
        5000 * RATE * 12 - yc.loc[2027, "arrears_rp_p50"], rel=1e-6
    )
    # the village table: desa 0 is in arrears at the end of Dec 2026, desa 1 is not
    res2 = simulate(inp, [sc], flat(), n_draws=3, horizon_end="2027-12",
                    deadlines=("2026-12", "2027-06"))  # fmt: skip
    vt = res2.village_table.set_index(["deadline", "row"])
    assert vt.loc[(M("2026-12"), 0), "arrears_share"] == 1.0
    assert vt.loc[(M("2026-12"), 1), "arrears_share"] == 0.0
    assert vt.loc[(M("2027-06"), 0), "arrears_share"] == 0.0
    assert vt.loc[(M("2026-12"), 0), "paid_until"] == M("2026-06")


def test_the_deadline_is_a_scenario_key():
    vr = rows(2, uncovered=[2500.0, 2500.0], paid_until=[M("2026-06").ordinal, np.nan],
              data_month=M("2026-06"))  # fmt: skip
    inp = make_inputs(vr)
    quota = QuotaPerVillage(start=M("2026-01"), persons_per_desa=2500.0)
    sc = scen("d", quota, arrears_share_pct=0.0, arrears_months=1, payment_deadline=(11, 30))
    res = simulate(inp, [sc], flat(), n_draws=2, horizon_end="2027-06")
    # inactive from 30 Nov (0 days of November left) for one month: all of December
    assert cov_p50(res, "d", "2026-11") == pytest.approx(1.0)
    assert cov_p50(res, "d", "2026-12") == pytest.approx(0.75)
    assert cov_p50(res, "d", "2027-01") == pytest.approx(1.0)
    raw = {"scenarios": {"d": {"label": {"id": "a", "en": "b"}, "payment_deadline": "11-30"}}}
    assert validate_scenarios(raw, "x.yaml")["d"].payment_deadline == (11, 30)


def test_late_years_from_the_history_set_the_share_of_villages_paying_late():
    # 400 villages with 9 late years out of 10: Beta(10, 2) posterior, mean 10 / 12 late
    n = 400
    vr = rows(n, uncovered=np.full(n, 10.0), late_years=np.full(n, 9.0),
              history_years=np.full(n, 10.0))  # fmt: skip
    inp = make_inputs(vr, n_desa=n, workforce0=8000.0, coverage0=0.5)
    sc = scen("h", QuotaPerVillage(start=M("2026-01"), persons_per_desa=10.0),
              arrears_share_pct=0.0, arrears_months=12)  # fmt: skip
    res = simulate(inp, [sc], flat(), n_draws=50, horizon_end="2028-12")
    late = 1.0 - (cov_p50(res, "h", "2028-06") - 0.5) / 0.5
    assert late == pytest.approx(10 / 12, abs=0.03)
    # the same villages without history take the regency assumption (20 %)
    vr0 = rows(n, uncovered=np.full(n, 10.0))
    sc0 = dataclasses.replace(sc, arrears_share_pct=20.0)
    res0 = simulate(make_inputs(vr0, n_desa=n, workforce0=8000.0), [sc0], flat(), n_draws=50,
                    horizon_end="2028-12")  # fmt: skip
    late0 = 1.0 - (cov_p50(res0, "h", "2028-06") - 0.5) / 0.5
    assert late0 == pytest.approx(0.20, abs=0.03)


def heterogeneous(n_listed=30, n_desa=40, with_data=20, seed=3, spread=0.8, **kw) -> RegencyInputs:
    rng = np.random.default_rng(seed)
    unc = np.full(n_listed, np.nan)
    unc[:with_data] = rng.lognormal(math.log(150), spread, with_data)
    hist = np.where(np.arange(n_listed) % 3 == 0, 4.0, np.nan)
    late = np.where(np.isfinite(hist), rng.integers(0, 3, n_listed), np.nan)
    vr = rows(n_listed, uncovered=unc, add_rp=rng.uniform(3e8, 6e8, n_listed),
              history_years=hist, late_years=late,
              is_kelurahan=np.arange(n_listed) == 1)  # fmt: skip
    base = dict(n_desa=n_desa, n_kelurahan=2, workforce0=20_000.0, coverage0=0.6,
                workforce_growth=0.01, workforce_growth_sd=0.005, arrears_share_pct=10.0,
                budget_realisation_mean_pct=90.0, village_pool_cv=0.5,
                enrolment_pace_per_village_month=8.0, lapse_funded_pct_per_year=10.0,
                ranges={"arrears_share_pct": (5.0, 25.0), "arrears_months": (6.0, 12.0),
                        "village_pool_cv": (0.25, 1.0),
                        "enrolment_pace_per_village_month": (2.0, 16.0)})  # fmt: skip
    base.update(kw)
    return make_inputs(vr, **base)


def test_the_regency_total_is_the_sum_of_its_villages():
    inp = heterogeneous()
    rng = np.random.default_rng(0)
    trend = {"Uji": rng.normal(0.1, 0.1, 100)}
    s1 = scen("add", ShareOfFund(start=M("2026-01"), fund="ADD", share_pct=8.0))
    s2 = topup_scenario(scen("q", QuotaPerVillage(start=M("2026-01"), persons_per_desa=60.0)),
                        rng.uniform(0, 5e7, 31), M("2026-07"))  # fmt: skip
    s3 = scen("gap", FixedCohort(start=M("2026-01"), persons=500.0))  # regency level only
    months, seen = trace_run(inp, [s1, s2, s3], trend, n_draws=100)
    checked = 0
    for k in (1, 12, 20, 27, 40):
        st = seen[k]
        for (i, j), v in st["villages"].items():
            assert v.shape == (31, 100)
            np.testing.assert_allclose(v.sum(axis=0), st["funded"][i, j], rtol=2e-5, atol=1e-3)
            checked += int(v.sum() > 0)
        assert set(st["villages"]) == {(0, 0), (0, 1)}
    assert checked >= 6


def test_village_data_replace_the_spread_assumption():
    # every village given: the spread (CV) of the pool across villages plays no part
    n = 12
    rng = np.random.default_rng(5)
    unc = rng.uniform(100, 600, n)
    unc *= 4000 / unc.sum()
    vr = rows(n, uncovered=unc)
    sc = scen("q", QuotaPerVillage(start=M("2026-01"), persons_per_desa=300.0))
    out = []
    for cv in ((0.0, 0.0), (0.25, 1.0)):
        inp = make_inputs(vr, n_desa=n, village_pool_cv=max(cv[0], 0.5) if cv[1] else 0.0,
                          ranges={"village_pool_cv": cv} if cv[1] else {})  # fmt: skip
        res = simulate(inp, [sc], flat(50, 0.05), n_draws=50, horizon_end="2030-12")
        out.append(res)
    pd.testing.assert_frame_equal(out[0].paths, out[1].paths)
    pd.testing.assert_frame_equal(out[0].yearly_cost, out[1].yearly_cost)
    assert out[0].villages_from_data == {"Uji": 12} and out[0].villages_assumed == {"Uji": 0}
    # a village file with no uncovered figure at all: the spread assumption moves the result
    vr_none = rows(n)
    res_cv = [
        simulate(
            make_inputs(vr_none, n_desa=n, village_pool_cv=c),
            [sc],
            flat(),
            n_draws=5,
            horizon_end="2030-12",
        )  # fmt: skip
        for c in (0.0, 1.0)
    ]
    assert cov_p50(res_cv[1], "q", "2028-12") < cov_p50(res_cv[0], "q", "2028-12") - 0.01
    assert res_cv[1].villages_from_data == {"Uji": 0} and res_cv[1].villages_assumed == {"Uji": n}


def test_without_village_rows_the_engine_is_unchanged():
    import yaml

    from ucj_analysis.scenarios import PRESETS_PATH

    with open(PRESETS_PATH, encoding="utf-8") as fh:
        presets = validate_scenarios(yaml.safe_load(fh), PRESETS_PATH.name)
    ranges = {"arrears_share_pct": (5.0, 25.0), "village_pool_cv": (0.25, 1.0)}
    kw = dict(n_desa=40, n_kelurahan=3, arrears_share_pct=11.65, budget_realisation_mean_pct=90.0,
              village_pool_cv=0.5, enrolment_pace_per_village_month=8.3, ranges=ranges)  # fmt: skip
    plain = {k: v for k, v in make_inputs(None, **kw).__dict__.items() if k != "villages"}
    inp_plain = RegencyInputs(**plain)
    inp_none = make_inputs(None, **kw)
    trend = {"Uji": np.random.default_rng(1).normal(0.1, 0.1, 200)}
    r0 = engine_simulate(inp_plain, presets, trend, n_draws=200, run_month="2026-11")
    r1 = engine_simulate(inp_none, presets, trend, n_draws=200, run_month="2026-11")
    pd.testing.assert_frame_equal(r0.paths, r1.paths)
    pd.testing.assert_frame_equal(r0.yearly_cost, r1.yearly_cost)
    pd.testing.assert_frame_equal(r0.prob_by_deadline, r1.prob_by_deadline)
    assert r1.village_table.empty and r1.villages_from_data == {"Uji": 0}
    assert r1.villages_assumed == {"Uji": 43}


def test_counts_warnings_and_kelurahan():
    # 3 listed (2 with data, one a kelurahan), 5 desa + 2 kelurahan in the regency
    vr = rows(3, uncovered=[2000.0, 1500.0, np.nan], is_kelurahan=[False, True, False])
    inp = make_inputs(vr, n_desa=5, n_kelurahan=2)
    sc = scen("q", QuotaPerVillage(start=M("2026-01"), persons_per_desa=10_000.0))
    res = simulate(inp, [sc], flat(), n_draws=2, horizon_end="2026-12")
    assert res.villages_from_data == {"Uji": 2} and res.villages_assumed == {"Uji": 5}
    assert res.warnings == [] and len(res.village_table) == 4  # one deadline in the horizon
    vt = res.village_table[res.village_table.deadline == M("2026-12")].set_index("row")
    # the kelurahan keeps its 1,500 uncovered workers: desa money does not reach them; the
    # rest of the pool (1,500) lies with the villages without a figure (desa_pool_share 1)
    assert vt.loc[1, "pool_p50"] == pytest.approx(1500.0) and vt.loc[1, "funded_p50"] == 0.0
    assert vt.loc[0, "funded_p50"] == pytest.approx(2000.0)
    assert vt.loc[-1, "villages"] == 4  # 3 desa + 1 kelurahan not listed
    assert vt.loc[-1, "pool_p50"] + vt.loc[2, "pool_p50"] == pytest.approx(1500.0)
    assert cov_p50(res, "q", "2026-06") == pytest.approx(1.0 - 0.15)
    # village figures above the regency's uncovered pool: scaled, with a warning
    vr2 = rows(2, uncovered=[4000.0, 6000.0])
    res2 = simulate(make_inputs(vr2), [sc], flat(), n_draws=2, horizon_end="2026-12")
    (w,) = res2.warnings
    assert w["code"] == "village_pool_above_regency" and w["villages_uncovered"] == 10_000.0
    assert w["regency_pool"] == 5000.0 and "10,000" in w["message"]
    vt2 = res2.village_table[res2.village_table.deadline == M("2026-12")].set_index("row")
    assert vt2.loc[1, "pool_p50"] == pytest.approx(3000.0)


# ------------------------------------------------------------------------------------------
# targeted top-up
# ------------------------------------------------------------------------------------------
def test_water_filling_gives_to_the_largest_gaps_first():
    gap = np.array([100.0, 50.0, 10.0, 0.0])
    np.testing.assert_allclose(allocate_targeted(30, gap, gap), [30, 0, 0, 0])
    np.testing.assert_allclose(allocate_targeted(70, gap, gap), [60, 10, 0, 0])
    # 135: two villages would need a level of 7.5 < 10, so three share it: 160 - 3 x 25 / 3
    lam = (160 - 135) / 3
    np.testing.assert_allclose(allocate_targeted(135, gap, gap), [100 - lam, 50 - lam, 10 - lam, 0])
    np.testing.assert_allclose(allocate_targeted(160, gap, gap), gap)
    np.testing.assert_allclose(allocate_targeted(176, gap, gap), gap + 16 * gap / 160)


def test_topup_fed_back_into_the_engine_reaches_the_target_with_the_stated_probability():
    ranges = {"arrears_share_pct": (5.0, 25.0), "arrears_months": (6.0, 12.0),
              "enrolment_pace_per_village_month": (15.0, 45.0)}  # fmt: skip
    inp = heterogeneous(n_listed=24, n_desa=23, with_data=24, n_kelurahan=1, spread=0.4,
                        enrolment_pace_per_village_month=30.0, ranges=ranges)  # fmt: skip
    trend = {"Uji": np.random.default_rng(2).normal(0.05, 0.05, 200)}
    rule = scen("q", QuotaPerVillage(persons_per_desa=120.0))
    kw = dict(n_draws=200, run_month="2026-11", target=0.99)
    out = solve_topup(inp, trend, rule, deadline=["2030-12", "2029-12"], probability=(0.5, 0.8),
                      **kw)  # fmt: skip
    s = out.summary.set_index(["deadline", "probability"])
    assert s["feasible"].all() and (s["reason_code"] == "ok").all()
    for (dl, p), row in s.iterrows():
        sc = out.scenario_for(dl, p)
        res = engine_simulate(inp, [rule, sc], trend, deadlines=(dl,), **kw)
        pr = res.prob_by_deadline.set_index("scenario")["probability"]
        assert pr[sc.id] >= p and pr[sc.id] == pytest.approx(row.achieved_probability)
        assert pr["q"] < p
        # 3 % less money misses the probability
        v = out.villages
        amounts = v[(v.deadline == dl) & (v.probability == p)]["topup_rp_per_year"].to_numpy()
        less = topup_scenario(rule, 0.97 * amounts, out.start, "less")
        res_less = engine_simulate(inp, [less], trend, deadlines=(dl,), **kw)
        assert float(res_less.prob_by_deadline.probability.iloc[0]) < p
        # the targeted money goes to fewer villages than all, and even spreading needs more
        assert 0 < row.villages_receiving <= 25
        assert row.topup_even_rp_per_year >= row.topup_rp_per_year
        assert row.even_probability_same_money <= row.achieved_probability
        if np.isfinite(row.topup_even_rp_per_year):
            se = out.scenario_for(dl, p, even=True)
            res_e = engine_simulate(inp, [se], trend, deadlines=(dl,), **kw)
            assert float(res_e.prob_by_deadline.probability.iloc[0]) >= p
    assert s.loc[(M("2029-12"), 0.8), "topup_rp_per_year"] >= s.loc[
        (M("2029-12"), 0.5), "topup_rp_per_year"]  # fmt: skip
    v = out.villages
    tot = v.groupby(["deadline", "probability"])["topup_rp_per_year"].sum()
    np.testing.assert_allclose(tot.to_numpy(), s.loc[tot.index, "topup_rp_per_year"].to_numpy())


def test_topup_needs_a_village_file():
    with pytest.raises(ValueError, match="village file"):
        solve_topup(make_inputs(None), flat(), scen("q"), n_draws=2, run_month="2026-11")
    sc = topup_scenario(scen("q"), [1e9, 0, 0])
    with pytest.raises(ValueError, match="village file"):
        simulate(make_inputs(None), [sc], flat(), n_draws=2, horizon_end="2026-12")
