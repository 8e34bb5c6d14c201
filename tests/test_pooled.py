"""Pooled growth: recovery of a known common slope, shrinkage, draws, fallbacks, regency trends."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from ucj_analysis.models.pooled import (
    BORROWED_GROWTH,
    OWN_TREND,
    PooledGrowthModel,
    TrendFit,
    coverage_panel,
    national_coverage_proxy,
    shrinkage_weight,
    trend_for_regency,
    trend_table,
)
from ucj_analysis.models.trend import InsufficientDataError, expit, logit


def synthetic_panel(
    n_units: int,
    n_obs: int,
    *,
    slope: float = 0.25,
    slope_sd: float = 0.10,
    intercept_sd: float = 0.5,
    noise_sd: float = 0.05,
    seed: int = 42,
    spacing_months: int = 6,
) -> pd.DataFrame:
    """Panel with known mean slope and random-slope sd [logit/year]."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_units):
        a = -0.6 + intercept_sd * rng.standard_normal()
        b = slope + slope_sd * rng.standard_normal()
        start = pd.Period("2018-01", freq="M") + int(rng.integers(0, 6))
        for k in range(n_obs):
            month = start + k * spacing_months
            t = (month - pd.Period("2021-01", freq="M")).n / 12
            y = a + b * t + noise_sd * rng.standard_normal()
            rows.append(
                {
                    "unit": f"U{i:02d}",
                    "level": "regency",
                    "date": month.to_timestamp(how="end").normalize(),
                    "coverage": float(expit(y)),
                }
            )
    return pd.DataFrame(rows)


def test_mixedlm_recovers_common_slope_and_random_slope_sd():
    panel = synthetic_panel(40, 8)
    res = PooledGrowthModel(panel).fit()
    assert res.structure == "random intercept + slope (MixedLM)"
    assert res.n_units == 40 and res.n_obs == 320
    assert res.fixed_slope == pytest.approx(0.25, abs=0.05)
    assert abs(res.fixed_slope - 0.25) < 3 * res.fixed_slope_se
    assert res.slope_sd == pytest.approx(0.10, abs=0.04)
    assert math.sqrt(res.sigma2) == pytest.approx(0.05, rel=0.25)
    slopes = res.unit_slopes
    assert len(slopes) == 40
    # BLUPs are shrunk towards the mean: less spread than the raw per-unit slopes
    assert slopes["blup_slope"].std() < slopes["own_slope"].std()


def test_two_stage_used_with_too_few_series_and_says_so():
    panel = synthetic_panel(3, 6, slope_sd=0.05)
    res = PooledGrowthModel(panel).fit()
    assert res.structure == "two-stage Bayesian meta-analysis of unit slopes"
    assert any("too few series for MixedLM: 3 units" in n for n in res.notes)
    assert res.fixed_slope == pytest.approx(0.25, abs=0.15)
    # a wide, honest spread: the half-normal prior keeps the between-unit sd away from zero
    assert res.slope_sd > 0.03
    assert res.borrowed_sd == pytest.approx(math.hypot(res.fixed_slope_se, res.slope_sd))


def test_two_stage_downweights_slopes_from_short_spans():
    # unit A: 4 months apart, slope -0.4; unit B: 4 years apart, slope +0.1 (like Sultra/Sulteng)
    panel = pd.DataFrame(
        {
            "unit": ["A", "A", "B", "B"],
            "level": "province",
            "date": pd.to_datetime(["2021-12-31", "2022-04-30", "2021-12-31", "2025-12-31"]),
            "coverage": expit(np.array([-0.8, -0.8 - 0.4 / 3, -0.7, -0.7 + 0.4])),
        }
    )
    res = PooledGrowthModel(panel).fit()
    assert any("exactly two figures" in n for n in res.notes)
    # far closer to B's 0.1 than to the unweighted mean -0.15
    assert 0.0 < res.fixed_slope < 0.1


def test_too_few_units_raise():
    panel = synthetic_panel(1, 5)
    with pytest.raises(InsufficientDataError, match="at least 2 units"):
        PooledGrowthModel(panel).fit()


def test_mixedlm_failure_falls_back_with_reason(monkeypatch):
    import statsmodels.api as sm

    def broken_fit(self, *args, **kwargs):
        raise np.linalg.LinAlgError("Singular matrix")

    monkeypatch.setattr(sm.MixedLM, "fit", broken_fit)
    res = PooledGrowthModel(synthetic_panel(10, 5)).fit()
    assert res.structure == "two-stage Bayesian meta-analysis of unit slopes"
    assert any("random intercept + slope) failed: LinAlgError" in n for n in res.notes)
    assert any("random intercept) failed" in n for n in res.notes)
    assert res.fixed_slope == pytest.approx(0.25, abs=0.1)


def test_shrinkage_weight_formula_and_limits():
    assert shrinkage_weight(0.01, 0.04, 4.0) == pytest.approx(0.01 / (0.01 + 0.01))
    assert shrinkage_weight(0.0, 0.04, 4.0) == 0.0
    assert shrinkage_weight(0.01, 0.0, 4.0) == 1.0
    weights = [shrinkage_weight(0.01, 0.04, s) for s in (0.1, 1, 10, 100, 1000)]
    assert all(b > a for a, b in zip(weights, weights[1:], strict=False))
    assert weights[-1] > 0.99


def test_own_slope_weight_grows_with_history():
    panel = synthetic_panel(12, 12, spacing_months=4, seed=3)
    res = PooledGrowthModel(panel).fit()
    fits = [res.unit_trend("U00", n_obs=k) for k in range(1, 13)]
    assert [f.method for f in fits[:3]] == [BORROWED_GROWTH] * 3  # 3 figures span < 1 year
    assert all(f.method == OWN_TREND for f in fits[3:])
    weights = [f.weight_own for f in fits[3:]]
    assert all(b > a for a, b in zip(weights, weights[1:], strict=False))
    # the combined slope is the documented precision-weighted mix
    f = fits[-1]
    assert f.slope_mean == pytest.approx(
        f.weight_own * f.own_slope + (1 - f.weight_own) * f.pooled_slope
    )
    # and its sd shrinks as history grows
    assert fits[-1].slope_sd < fits[3].slope_sd < res.borrowed_sd


def test_borrowed_growth_sd_combines_se_and_between_sd():
    res = PooledGrowthModel(synthetic_panel(30, 6)).fit()
    tf = res.unit_trend("Somewhere", n_obs=1)
    assert tf.method == BORROWED_GROWTH and tf.n_obs == 1
    assert tf.slope_mean == res.fixed_slope
    assert tf.slope_sd == pytest.approx(math.sqrt(res.fixed_slope_se**2 + res.slope_sd**2))
    with pytest.raises(ValueError, match="n_obs"):
        res.unit_trend("Somewhere", n_obs=3)


def test_draws_are_seeded_and_reproducible():
    tf = TrendFit("X", BORROWED_GROWTH, "m", slope_mean=0.05, slope_sd=0.2, n_obs=1)
    a = tf.draws(5000, seed=1)
    np.testing.assert_array_equal(a, tf.draws(5000, seed=1))
    assert not np.array_equal(a, tf.draws(5000, seed=2))
    assert a.mean() == pytest.approx(0.05, abs=0.01)
    assert a.std() == pytest.approx(0.2, rel=0.05)
    assert tf.slope_logit_per_year == (0.05, 0.2)
    with pytest.raises(ValueError, match="^n:"):
        tf.draws(0)


def test_calibrated_trend_scales_the_slope_draws_and_the_interval():
    from ucj_analysis.models.core import prepare_proportions
    from ucj_analysis.models.pooled import SlopeForecastResults

    raw = TrendFit("X", OWN_TREND, "m", slope_mean=0.05, slope_sd=0.2, n_obs=3, noise_sd=0.1)
    assert raw.interval_scale == 1.0 and raw.slope_sd_uncalibrated == 0.2
    assert raw.backtest_basis == {}
    cal = raw.calibrated(1.5, {"n_points": 15})
    assert cal.slope_sd == pytest.approx(0.3) and cal.slope_sd_uncalibrated == 0.2
    assert cal.interval_scale == 1.5 and cal.backtest_basis == {"n_points": 15}
    assert cal.calibrated(1.5).slope_sd == pytest.approx(0.3)  # not compounded
    # same seed: every draw is 1.5 times as far from the mean
    np.testing.assert_allclose(
        cal.draws(1000, seed=7) - 0.05, 1.5 * (raw.draws(1000, seed=7) - 0.05)
    )
    # the forecast interval (slope and level noise) is 1.5 times as wide on the logit scale
    obs = prepare_proportions(
        pd.Series([0.30, 0.32], index=pd.PeriodIndex(["2024-01", "2024-07"], freq="M"))
    )
    half = {}
    for name, tf in (("raw", raw), ("cal", cal)):
        pi = SlopeForecastResults(obs, 1e-4, tf).prediction_intervals(24, scale="logit")
        half[name] = (pi["upper"] - pi["forecast"]).to_numpy()
    np.testing.assert_allclose(half["cal"], 1.5 * half["raw"])
    years = np.arange(1, 25) / 12
    np.testing.assert_allclose(half["raw"], 1.2815515655 * np.sqrt((0.2 * years) ** 2 + 0.02))
    for bad in (0.0, -1.0, math.nan, math.inf, True):
        with pytest.raises(ValueError, match="^scale:"):
            raw.calibrated(bad)


def test_annual_pp_growth_is_derivative_of_expit():
    tf = TrendFit("X", OWN_TREND, "m", 0.1, 0.05, 3, last_coverage=0.35)
    assert tf.annual_pp_growth() == pytest.approx(100 * 0.1 * 0.35 * 0.65)
    c = 0.35
    numeric = 100 * (expit(logit(c) + 0.1 * 1e-6) - c) / 1e-6
    assert tf.annual_pp_growth() == pytest.approx(numeric, rel=1e-4)
    assert tf.describe() == (
        "X: tren sendiri (3 data sendiri); kemiringan 0,100 ± 0,050 logit/tahun, "
        "≈ 2,28 poin persen/tahun pada 35,0 %"  # 2.275 rounded half up
    )
    assert "2.28 pp/year at 35.0%" in tf.describe("en")


@pytest.mark.parametrize(
    ("kwargs", "option"),
    [
        ({"min_obs_per_unit": 1}, "min_obs_per_unit"),
        ({"min_units_slope": 2}, "min_units_slope"),
        ({"structure": "bayes"}, "structure"),
        ({"slope_sd_prior": 0}, "slope_sd_prior"),
        ({"noise_sd_prior": -1}, "noise_sd_prior"),
        ({"min_own_obs": 1}, "min_own_obs"),
        ({"min_own_span_years": "one"}, "min_own_span_years"),
        ({"eps": 0.2}, "eps"),
    ],
)
def test_option_errors_name_the_option(kwargs, option):
    with pytest.raises(ValueError) as info:
        PooledGrowthModel(synthetic_panel(3, 3), **kwargs)
    assert str(info.value).startswith(f"{option}:")


def test_percent_coverage_rejected():
    panel = synthetic_panel(3, 3)
    panel["coverage"] *= 100
    with pytest.raises(ValueError, match="divide percentages by 100"):
        PooledGrowthModel(panel)


# --------------------------------------------------------------------------------------------
# Regency level, with the embedded data's figures (frame built here like the loader's)
# --------------------------------------------------------------------------------------------


def loader_like_coverage() -> pd.DataFrame:
    rows = [
        # regency, province, level, date, segment, workforce, active, pct, use, quality
        ("Konawe", "Sulawesi Tenggara", "regency", "2025-04-30", "total", 79388, 27636, 34.81,
         True, "observed"),
        ("Konawe", "Sulawesi Tenggara", "regency", "2026-01-09", "pekerja_rentan", None, None,
         34.00, False, "observed"),
        ("Banggai", "Sulawesi Tengah", "regency", "2025-11-22", "total", 206660, 90083, 43.59,
         True, "assumed"),
        ("Tojo Una-Una", "Sulawesi Tengah", "regency", "2025-11-22", "total", 98128, 42774,
         43.59, True, "assumed"),
        ("Sulawesi Tenggara", "Sulawesi Tenggara", "province", "2021-12-13", "total", 865080,
         264624, 30.59, True, "observed"),
        ("Sulawesi Tenggara", "Sulawesi Tenggara", "province", "2022-04-30", "total", None,
         None, 28.00, True, "observed"),
        ("Sulawesi Tenggara", "Sulawesi Tenggara", "province", "2023-12-05", "total", None,
         284207, 42.00, False, "observed"),
        ("Sulawesi Tengah", "Sulawesi Tengah", "province", "2021-12-13", "total", 978084,
         327272, 33.46, True, "observed"),
        ("Sulawesi Tengah", "Sulawesi Tengah", "province", "2021-12-31", "total", None, 231145,
         24.22, False, "observed"),
        ("Sulawesi Tengah", "Sulawesi Tengah", "province", "2025-11-22", "total", None, None,
         43.59, True, "observed"),
        ("Sulawesi Selatan", "Sulawesi Selatan", "province", "2025-06-30", "total", 2800000,
         1327000, 47.39, True, "observed"),
        ("Bali", "Bali", "province", "2025-03-31", "total", None, 935079, 50.88, True,
         "observed"),
        ("Indonesia", "Indonesia", "nation", "2025-04-30", "total", None, None, 35.68, True,
         "observed"),
    ]  # fmt: skip
    cols = ["regency", "province", "level", "date", "segment", "workforce", "active",
            "coverage_pct", "use_in_model", "quality"]  # fmt: skip
    f = pd.DataFrame(rows, columns=cols)
    f["date"] = pd.to_datetime(f["date"])
    f["workforce"] = f["workforce"].astype("Int64")
    f["active"] = f["active"].astype("Int64")
    return f


def test_coverage_panel_keeps_used_total_rows_only():
    panel = coverage_panel(loader_like_coverage())
    assert len(panel) == 10
    sulteng = panel[panel["unit"] == "Sulawesi Tengah"]["coverage"].tolist()
    assert sulteng == pytest.approx([0.3346, 0.4359])  # the 24.22 % conflict is not used
    text = loader_like_coverage().astype({"use_in_model": str})  # "True"/"False" from a CSV
    assert len(coverage_panel(text)) == 10


def test_konawe_borrows_growth_from_provinces():
    cov = loader_like_coverage()
    tf = trend_for_regency(cov, "konawe")
    assert tf.unit == "Konawe"
    assert tf.method == BORROWED_GROWTH
    assert tf.n_obs == 1
    assert tf.last_coverage == pytest.approx(0.3481)
    assert str(tf.last_month) == "2025-04"
    assert "two-stage" in tf.model_name
    # two short province series: mean growth is uncertain, the sd must be wide
    assert tf.slope_sd > 0.15
    assert abs(tf.slope_mean) < tf.slope_sd
    table = trend_table(cov, ["Konawe", "Banggai", "Tojo Una-Una"])
    assert table["method"].tolist() == [BORROWED_GROWTH] * 3
    assert table["n_obs"].tolist() == [1, 1, 1]
    assert table["coverage_pct"].tolist() == pytest.approx([34.81, 43.59, 43.59])
    row = table.iloc[0]
    assert row["pp_per_year"] == pytest.approx(100 * row["slope_mean"] * 0.3481 * 0.6519)
    assert row["pp_per_year_p10"] < row["pp_per_year"] < row["pp_per_year_p90"]


def test_unknown_regency_gets_borrowed_growth_without_level():
    tf = trend_for_regency(loader_like_coverage(), "Kolaka", backtest=False)
    assert tf.method == BORROWED_GROWTH and tf.n_obs == 0
    assert math.isnan(tf.last_coverage)
    assert "no coverage figure" in tf.reason
    # no backtest, no calibration
    assert tf.interval_scale == 1.0 and tf.slope_sd == tf.slope_sd_uncalibrated
    assert tf.backtest_basis == {}


def test_national_proxy_is_anchored_and_follows_formula():
    participants = pd.DataFrame(
        {
            "date": pd.to_datetime(["2018-12-31", "2023-12-31", "2025-04-30"]),
            "active": [30_460_000, 41_560_000, 39_700_000],
        }
    )
    proxy = national_coverage_proxy(participants, 0.3568, "2025-04-30", workforce_growth=0.03)
    assert proxy.loc[pd.Period("2025-04", "M")] == pytest.approx(0.3568)
    d0 = 39_700_000 / 0.3568
    expected = 30_460_000 / (d0 * 1.03 ** (-76 / 12))
    assert proxy.loc[pd.Period("2018-12", "M")] == pytest.approx(expected)
    with pytest.raises(ValueError, match="^workforce_growth:"):
        national_coverage_proxy(participants, 0.3568, "2025-04-30", workforce_growth=3.0)


def test_national_proxy_enters_the_panel_and_gives_the_nation_an_own_trend():
    cov = loader_like_coverage()
    participants = pd.DataFrame(
        {
            "date": pd.to_datetime(
                ["2018-12-31", "2019-12-31", "2023-12-31", "2024-12-31", "2025-04-30"]
            ),
            "active": [30_460_000, 34_170_000, 41_560_000, 45_220_000, 39_700_000],
        }
    )
    tf = trend_for_regency(
        cov, "Indonesia", national_participants=participants, national_workforce_growth=0.0298
    )
    assert tf.method == OWN_TREND and tf.n_obs == 5
    assert tf.last_coverage == pytest.approx(0.3568)
    assert 0.0 < tf.weight_own <= 1.0
    # the panel backtest (pooled growth vs naive/drift) is attached and calibrates the slope sd:
    # five national figures, origins after 3 and 4 figures, up to 3 figures ahead -> 2 + 1 points
    assert set(tf.backtest["model"]) == {"pooled growth", "naive", "drift"}
    basis = tf.backtest_basis
    assert basis["series"] == ["Indonesia"] and basis["n_points"] == 3
    assert basis["n_origins"] == 2 and basis["n_targets"] == 2
    pg = tf.backtest.set_index("model").loc["pooled growth"]
    assert tf.interval_scale == pytest.approx(pg["interval_scale"])
    assert tf.slope_sd == pytest.approx(tf.interval_scale * tf.slope_sd_uncalibrated)
    with pytest.raises(ValueError, match="^national_workforce_growth:"):
        trend_for_regency(cov, "Konawe", national_participants=participants)


def test_bundle_with_growth_assumption_uses_the_national_proxy_automatically():
    from types import SimpleNamespace

    participants = pd.DataFrame(
        {
            "date": pd.to_datetime(["2018-12-31", "2019-12-31", "2023-12-31", "2025-04-30"]),
            "active": [30_460_000, 34_170_000, 41_560_000, 39_700_000],
        }
    )
    assumptions = pd.DataFrame(
        {"parameter": ["national_workforce_growth_pct"], "regency": ["*"], "value": [2.98]}
    )
    bundle = SimpleNamespace(
        coverage=SimpleNamespace(frame=loader_like_coverage()),
        national_participants=SimpleNamespace(frame=participants),
        assumptions=SimpleNamespace(frame=assumptions),
    )
    with_proxy = trend_for_regency(bundle, "Indonesia", backtest=False)
    assert with_proxy.method == OWN_TREND and with_proxy.n_obs == 4
    without = trend_for_regency(bundle, "Indonesia", backtest=False, national_workforce_growth=None)
    assert without.method == BORROWED_GROWTH and without.n_obs == 1


def test_embedded_data_through_the_loader():
    from ucj_analysis.loaders import load_bundle

    bundle = load_bundle()
    tf = trend_for_regency(bundle, "Konawe", backtest=False)
    assert tf.method == BORROWED_GROWTH
    assert tf.last_coverage == pytest.approx(0.3481)
    assert str(tf.last_month) == "2025-04"
    assert tf.slope_sd > 0.1  # two short province series cannot pin growth down


def test_embedded_data_calibrates_the_trend_interval():
    """The report's path: the national proxy backtest widens the too-narrow 80 % intervals."""
    from ucj_analysis.loaders import load_bundle

    tf = trend_for_regency(load_bundle(), "Konawe")
    basis = tf.backtest_basis
    assert basis["series"] == ["Indonesia"]  # no regency or province has 4 figures
    assert basis["n_points"] >= 10 and max(basis["horizons_months"]) >= 12
    assert basis["interval_coverage_80_uncalibrated"] < 0.7  # the raw intervals are too narrow
    assert tf.interval_scale > 1.0
    assert 0.7 <= basis["interval_coverage_80"] <= 0.9
    assert tf.slope_sd == pytest.approx(tf.interval_scale * tf.slope_sd_uncalibrated)
    assert basis["best_model"] == "naive" and basis["beats_naive"] is False
