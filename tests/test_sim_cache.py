"""One simulation per regency x scenario set: cached results equal fresh runs to the last bit."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from ucj_analysis import answers as ans
from ucj_analysis import report
from ucj_analysis.engine import SimulationResult, simulate
from ucj_analysis.report import data as D
from ucj_analysis.report import sim_cache as C

AS_OF = "2026-11-29"
FRAMES = ("paths", "time_to_target", "prob_by_deadline", "yearly_cost")


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("UCJ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("UCJ_SIM_CACHE", raising=False)
    C.clear()
    yield tmp_path / "cache"
    C.clear()


@pytest.fixture(scope="module")
def call():
    """The arguments of the forecast's run for Konawe (all default presets, 200 draws)."""
    when = ans.as_of(AS_OF, "")
    b = D.bundle("")
    inp = D.regency_inputs("", "Konawe")
    sc = D.with_baseline(D.scenarios_for(None), D.running_programmes(b, inp)[0])
    trend = {"Konawe": D.regency_trend("", "Konawe").draws(200, 20251)}
    kw = dict(
        n_draws=200,
        seed=20251,
        horizon_end="2045-12",
        target=[0.995],
        deadlines=("2027-12", "2030-12", "2045-12"),
        run_month=when.run_month,
        budget_start=when.budget_start,
    )
    return inp, sc, trend, kw


def assert_identical(a: SimulationResult, b: SimulationResult) -> None:
    """Every frame, dtype, index and per-draw array equal to the last bit."""
    for name in FRAMES:
        fa, fb = getattr(a, name), getattr(b, name)
        pd.testing.assert_frame_equal(fa, fb, check_exact=True)
        assert list(fa.dtypes) == list(fb.dtypes)
    assert list(a.first_hit) == list(b.first_hit)
    for k, v in a.first_hit.items():
        assert v.dtype == b.first_hit[k].dtype and np.array_equal(v, b.first_hit[k])
    assert {k: list(v) for k, v in a.months.items()} == {k: list(v) for k, v in b.months.items()}
    assert a.scenarios == b.scenarios and list(a.scenarios) == list(b.scenarios)
    for f in ("n_draws", "seed", "horizon_end", "targets", "run_month", "budget_start"):
        assert getattr(a, f) == getattr(b, f), f


def test_cached_equals_fresh_from_memory_and_from_disk(cache_dir, call):
    inp, sc, trend, kw = call
    fresh = simulate([inp], sc, trend, **kw)
    first = C.cached_simulate([inp], sc, trend, **kw)
    assert C.stats()["run"] == 1 and len(list(cache_dir.glob("sim-*.pkl"))) == 1
    again = C.cached_simulate([inp], sc, trend, **kw)
    assert C.stats()["memory"] == 1
    C.clear()  # another kernel of the batch: empty memory, the file on disk
    from_disk = C.cached_simulate([inp], sc, trend, **kw)
    assert C.stats() == {"memory": 0, "disk": 1, "subset": 0, "run": 0, "bad_file": 0}
    for got in (first, again, from_disk):
        assert_identical(fresh, got)
    assert float(fresh.paths["p50"].abs().sum()) > 0  # a real run, not empty frames


def test_a_scenario_subset_equals_its_own_run_to_the_last_bit(cache_dir, call):
    inp, sc, trend, kw = call
    ids = ["fund_gap", "trend_only", "add_10"]  # another order than the presets
    few = {k: sc[k] for k in ids}
    C.cached_simulate([inp], sc, trend, **kw)
    C.clear()  # the portfolio's kernel finds the forecast's run on disk
    got = C.cached_simulate([inp], few, trend, **kw)
    assert C.stats()["subset"] == 1 and C.stats()["run"] == 0
    assert list(got.time_to_target["scenario"]) == ids
    assert_identical(simulate([inp], few, trend, **kw), got)


def test_any_changed_argument_misses_the_cache(cache_dir, call):
    inp, sc, trend, kw = call
    base = C.simulation_key([inp], sc, trend, **kw)
    variants = [
        ([dataclasses.replace(inp, coverage0=inp.coverage0 + 1e-12)], sc, trend, kw),
        ([inp], sc, {"Konawe": trend["Konawe"] * (1 + 1e-15)}, kw),
        ([inp], {k: sc[k] for k in list(sc)[::-1]}, trend, kw),  # order of rows changes
        ([inp], sc, trend, kw | {"seed": 1}),
        ([inp], sc, trend, kw | {"n_draws": 199}),
        ([inp], sc, trend, kw | {"run_month": "2026-12"}),
        ([inp], sc, trend, kw | {"budget_start": "2027-02"}),
        ([inp], sc, trend, kw | {"horizon_end": "2045-11"}),
        ([inp], sc, trend, kw | {"quantiles": (0.1, 0.5, 0.91)}),
        ([inp], sc, trend, kw | {"variables": ("coverage",)}),
        ([inp], sc, trend, kw | {"target": [0.99]}),
        ([inp], sc, trend, kw | {"trend_damping": 0.9}),
    ]
    keys = [C.simulation_key(*v[:3], **v[3]) for v in variants]
    assert base not in keys and len(set(keys)) == len(keys)
    # the default of an argument and the same value written out are one key
    assert C.simulation_key([inp], sc, trend, **kw, quantiles=(0.1, 0.5, 0.9)) == base
    # "this month" depends on the clock: never cached
    assert C.simulation_key([inp], sc, trend, **(kw | {"run_month": None})) is None


def test_a_changed_data_file_misses_and_gives_its_own_numbers(cache_dir, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    header = (
        "regency,province,level,date,segment,workforce,active,coverage_pct,use_in_model,"
        "source,quality,note\n"
    )

    def write(active: int) -> None:
        (folder / "coverage.csv").write_text(
            header + f"Konawe,Sulawesi Tenggara,regency,2025-04-30,total,79388,{active},,true,"
            "test,observed,test figure\n",
            encoding="utf-8",
        )

    runs = []
    for active in (27636, 40000):
        write(active)
        fc = report.regency_forecast(
            "Konawe", n_draws=50, as_of=AS_OF, data_dir=str(folder), scenarios=["trend_only"]
        )
        runs.append(fc.result.paths)
    assert C.stats()["run"] == 2 and C.stats()["memory"] == 0
    start = [float(p.loc[p["variable"] == "coverage", "p50"].iloc[0]) for p in runs]
    # the computed percentage is kept at 2 decimals; quantiles are float32
    assert start == pytest.approx([0.3481, 0.5039], abs=1e-7)


def test_a_damaged_file_is_ignored_and_rebuilt(cache_dir, call):
    inp, sc, trend, kw = call
    fresh = C.cached_simulate([inp], sc, trend, **kw)
    (path,) = cache_dir.glob("sim-*.pkl")
    for junk in (b"not a pickle", path.read_bytes()[:100]):
        path.write_bytes(junk)
        C.clear()
        got = C.cached_simulate([inp], sc, trend, **kw)
        assert C.stats()["bad_file"] == 1 and C.stats()["run"] == 1
        assert_identical(fresh, got)
        assert path.stat().st_size > 10_000  # written again, whole
    assert not list(cache_dir.glob("*.tmp"))


def test_entries_unused_for_days_are_removed(cache_dir, call):
    import os
    import time

    inp, sc, trend, kw = call
    cache_dir.mkdir(parents=True)
    old, recent = cache_dir / "sim-old-x.pkl", cache_dir / "sim-recent-x.pkl"
    for f in (old, recent):
        f.write_bytes(b"x")
    days = 86400
    os.utime(old, (time.time() - (C.MAX_AGE_DAYS + 1) * days,) * 2)
    os.utime(recent, (time.time() - (C.MAX_AGE_DAYS - 1) * days,) * 2)
    C.cached_simulate([inp], sc, trend, **kw)
    assert not old.exists() and recent.exists()
    assert len(list(cache_dir.glob("sim-*.pkl"))) == 2  # the recent one and the new entry


def test_changing_a_returned_result_does_not_change_the_cache(cache_dir, call):
    inp, sc, trend, kw = call
    a = C.cached_simulate([inp], sc, trend, **kw)
    keep = a.paths.copy()
    a.paths["p50"] = -1.0
    next(iter(a.first_hit.values()))[:] = 7
    b = C.cached_simulate([inp], sc, trend, **kw)
    pd.testing.assert_frame_equal(b.paths, keep, check_exact=True)
    assert not np.all(next(iter(b.first_hit.values())) == 7)


def test_switched_off_every_call_runs(cache_dir, call, monkeypatch):
    monkeypatch.setenv("UCJ_SIM_CACHE", "0")
    inp, sc, trend, kw = call
    C.cached_simulate([inp], sc, trend, **kw)
    C.cached_simulate([inp], sc, trend, **kw)
    assert C.stats()["memory"] == 0 and not list(cache_dir.glob("sim-*.pkl"))


def test_forecast_budget_study_and_portfolio_share_one_run_per_regency(cache_dir):
    fc = report.regency_forecast("Konawe", n_draws=100, as_of=AS_OF)
    assert C.stats()["run"] == 1
    st = report.budget_study("Konawe", n_draws=100, as_of=AS_OF)
    assert C.stats() | {"bad_file": 0} == {
        "memory": 1,
        "disk": 0,
        "subset": 0,
        "run": 1,
        "bad_file": 0,
    }
    assert_identical(fc.result, st.forecast.result)
    C.clear()  # the portfolio runs in its own kernel
    pf = report.portfolio(n_draws=100, as_of=AS_OF)
    n_reg = len(D.bundle("").regency_names)
    assert C.stats()["subset"] == 1 and C.stats()["run"] == n_reg - 1
    konawe = pf.frame[pf.frame["regency"] == "Konawe"].set_index("scenario")
    ttt = fc.result.time_to_target.set_index("scenario")
    for sid in pf.scenarios:
        assert konawe.loc[sid, "median_month"] == ttt.loc[sid, "median_month"] or (
            pd.isna(konawe.loc[sid, "median_month"]) and pd.isna(ttt.loc[sid, "median_month"])
        )
