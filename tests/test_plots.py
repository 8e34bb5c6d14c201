"""Tests for ucj_analysis.plots with synthetic engine-shaped frames.

The coverage fixtures follow a closed form: on the logit scale coverage grows linearly with an
annual slope ~ Normal(mu, sd), so the q-quantile path is expit(logit(c0) + (mu + z_q sd) t) and
the month the target is reached is (logit(target) - logit(c0)) / slope years after the start.
"""

from __future__ import annotations

import math

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ucj_analysis import plots
from ucj_analysis.i18n import t

Z10 = -1.2815515655446004
START = pd.Period("2025-04", freq="M")
HORIZON = pd.Period("2045-12", freq="M")
C0 = 0.3481
TARGET = 0.995
# scenario -> (mean, sd) of the annual logit slope
SCENARIOS = {
    "baseline": (0.12, 0.05),
    "add_10pct": (0.25, 0.06),
    "quota_100": (0.42, 0.08),
    "full": (0.8, 0.1),
}
LABELS = {
    "baseline": "Tren saat ini",
    "add_10pct": "10 % ADD",
    "quota_100": "100 pekerja/desa",
    "full": "Semua dibiayai",
}


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _expit(x):
    return 1 / (1 + np.exp(-x))


def _month_reached(slope: float) -> pd.Period | type(pd.NaT):
    if slope <= 0:
        return pd.NaT
    years = (_logit(TARGET) - _logit(C0)) / slope
    month = START + math.ceil(years * 12)
    return month if month <= HORIZON else pd.NaT


def make_paths(regency: str = "Konawe", scenarios=SCENARIOS) -> pd.DataFrame:
    """Engine-shaped ``paths`` frame (coverage + one other variable)."""
    months = pd.period_range(START, HORIZON, freq="M")
    t_years = np.arange(len(months)) / 12.0
    rows = []
    for s, (mu, sd) in scenarios.items():
        q = {
            "p10": _expit(_logit(C0) + (mu + Z10 * sd) * t_years),
            "p50": _expit(_logit(C0) + mu * t_years),
            "p90": _expit(_logit(C0) + (mu - Z10 * sd) * t_years),
        }
        frame = pd.DataFrame(
            {"regency": regency, "scenario": s, "month": months, "variable": "coverage", **q}
        )
        frame["mean"] = frame["p50"]
        rows.append(frame)
        other = frame.copy()
        other["variable"] = "active"
        for c in ("p10", "p50", "p90", "mean"):
            other[c] = other[c] * 80_000
        rows.append(other)
    return pd.concat(rows, ignore_index=True)


def make_ttt(regency: str = "Konawe", scenarios=SCENARIOS) -> pd.DataFrame:
    rows = []
    for s, (mu, sd) in scenarios.items():
        med = _month_reached(mu)
        rows.append(
            {
                "regency": regency,
                "scenario": s,
                "target": TARGET,
                "median_month": med,
                "p10_month": _month_reached(mu - Z10 * sd),  # fast draws reach first
                "p90_month": _month_reached(mu + Z10 * sd),
                "reached_share": float(
                    1 - _normal_cdf(((_logit(TARGET) - _logit(C0)) / 20.75 - mu) / sd)
                ),
                "status": "reached" if med is not pd.NaT else "not_reached",
            }
        )
    frame = pd.DataFrame(rows)
    for c in ("median_month", "p10_month", "p90_month"):
        frame[c] = pd.PeriodIndex(frame[c], freq="M")
    return frame


def _normal_cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def make_observed(regency: str = "Konawe") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "regency": [regency, regency, regency, "Banggai"],
            "date": pd.to_datetime(["2023-12-31", "2024-06-30", "2025-04-30", "2025-04-30"]),
            "segment": ["total"] * 4,
            "coverage_pct": [28.0, 31.5, 34.81, 50.0],
            "quality": ["assumed", "derived", "observed", "observed"],
        }
    )


def make_budget_curve() -> pd.DataFrame:
    """Budget b buys extra logit slope 0.1 per Rp 1 billion (closed form)."""
    budgets = np.linspace(0, 12e9, 13)
    rows = []
    for b in budgets:
        mu, sd = 0.12 + 0.1 * b / 1e9, 0.05
        rows.append(
            {
                "budget_rp_per_year": b,
                "median_month": _month_reached(mu),
                "p10_month": _month_reached(mu - Z10 * sd),
                "p90_month": _month_reached(mu + Z10 * sd),
            }
        )
    frame = pd.DataFrame(rows)
    for c in ("median_month", "p10_month", "p90_month"):
        frame[c] = pd.PeriodIndex(frame[c], freq="M")
    return frame


def make_sens() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "parameter": ["lapse_rate", "budget_realisation", "workforce_growth", "arrears_share"],
            "label": [
                "Laju putus iuran",
                "Realisasi anggaran",
                "Pertumbuhan angkatan kerja",
                "Desa menunggak",
            ],
            "low_value": [0.01, 0.6, 0.005, 0.0],
            "high_value": [0.05, 1.0, 0.03, 0.3],
            "months_low": [60.0, 80.0, 68.0, 66.0],
            "months_high": [90.0, 64.0, 72.0, np.nan],
            "base_months": [70.0] * 4,
        }
    )


def make_portfolio() -> pd.DataFrame:
    rows = []
    regs = {
        "Konawe": (34.81, "observed", "2025-04-30"),
        "Banggai": (np.nan, "assumed", None),
        "Tojo Una-Una": (41.0, "assumed", "2025-06-30"),
    }
    meds = {
        "Konawe": ["2041-12", "2031-06", "2028-03"],
        "Banggai": [None, "2036-01", "2031-12"],
        "Tojo Una-Una": ["2044-06", "2029-09", "2027-06"],
    }
    budgets = [0.0, 3.1e9, 6.0e9]
    for r, (cov, q, d) in regs.items():
        for i, s in enumerate(["Tren saat ini", "10 % ADD", "100 pekerja/desa"]):
            med = meds[r][i]
            rows.append(
                {
                    "regency": r,
                    "current_coverage_pct": cov,
                    "quality": q,
                    "current_date": pd.Timestamp(d) if d else pd.NaT,
                    "scenario_label": s,
                    "median_month": pd.Period(med, "M") if med else pd.NaT,
                    "status": "reached" if med else "not_reached",
                    "budget_rp_per_year": budgets[i] * (1.5 if r == "Banggai" else 1.0),
                }
            )
    return pd.DataFrame(rows)


def make_yearly_cost(years=range(2026, 2031)) -> pd.DataFrame:
    rows = []
    for s, per_year in {"baseline": 0.0, "add_10pct": 3.1e9, "quota_100": 5.99e9}.items():
        for k, y in enumerate(years):
            cost = per_year * (1 + 0.03 * k)
            rows.append(
                {
                    "regency": "Konawe",
                    "scenario": s,
                    "year": y,
                    "persons_funded_p50": cost / 201_600,
                    "cost_rp_p50": cost,
                    "cost_rp_per_village_p50": cost / 297,
                }
            )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------------------
def _texts(fig: Figure) -> list[str]:
    """Every text drawn in the figure (line breaks joined with spaces)."""
    fig.draw_without_rendering()
    out = [txt.get_text() for txt in fig.findobj(lambda a: hasattr(a, "get_text"))]
    return [s.replace("\n", " ") for s in out if isinstance(s, str) and s]


def _visible_axes(fig: Figure):
    return [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]


def _vlines_x(ax) -> list[float]:
    xs = []
    for line in ax.get_lines():
        x = np.asarray(line.get_xdata(), dtype=object)
        if len(x) == 2 and x[0] == x[1] and tuple(line.get_ydata()) == (0, 1):
            xs.append(mdates.date2num(pd.Timestamp(x[0])) if not isinstance(x[0], float) else x[0])
    return xs


def _hlines_y(ax) -> list[float]:
    ys = []
    for line in ax.get_lines():
        y = np.asarray(line.get_ydata(), dtype=float)
        if len(y) == 2 and y[0] == y[1] and tuple(line.get_xdata()) == (0, 1):
            ys.append(float(y[0]))
    return ys


# ------------------------------------------------------------------------------------------
class TestFanChart:
    @pytest.mark.parametrize("lang", ["id", "en"])
    def test_panels_titles_labels_limits(self, lang):
        fig = plots.fan_chart(
            make_paths(),
            regency="Konawe",
            observed=make_observed(),
            lang=lang,
            scenario_labels=LABELS,
        )
        assert isinstance(fig, Figure)
        axes = _visible_axes(fig)
        assert len(axes) == 4
        assert "Konawe" in fig.get_suptitle()
        assert [ax.get_title() for ax in axes] == [LABELS[s] for s in SCENARIOS]
        assert axes[0].get_ylabel() == t("axis.coverage_pct", lang)
        assert axes[-1].get_xlabel() == t("axis.month", lang)
        for ax in axes:
            lo, hi = ax.get_ylim()
            assert 0 <= lo < hi <= 100
            assert 99.5 in _hlines_y(ax)

    def test_deadline_lines_and_month_labels(self):
        fig = plots.fan_chart(make_paths(), regency="Konawe", lang="id")
        ax = _visible_axes(fig)[0]
        expect = {
            mdates.date2num(pd.Timestamp(d)) for d in ("2026-12-31", "2030-12-31", "2045-12-31")
        }
        assert expect <= set(_vlines_x(ax))
        texts = _texts(fig)
        assert "Tenggat Des 2030" in texts and "Tenggat Des 2026" in texts
        assert "Target 99,5 %" in texts
        assert not any("Dec" in s or "Deadline" in s for s in texts)

    def test_english_text(self):
        fig = plots.fan_chart(make_paths(), regency="Konawe", lang="en", layout="overlay")
        ax = _visible_axes(fig)[0]
        assert ax.get_title() == "UCJ coverage projection — Konawe"
        texts = _texts(fig)
        assert "Target 99.5%" in texts and "Deadline Dec 2030" in texts
        ticks = [tl.get_text() for tl in ax.get_yticklabels()]
        assert "40%" in ticks and "100%" in ticks
        # the four scenarios appear in the legend
        leg = [tx.get_text() for tx in fig.legends[0].get_texts()]
        assert set(SCENARIOS) <= set(leg)

    def test_indonesian_ticks(self):
        fig = plots.fan_chart(make_paths(), regency="Konawe", lang="id", layout="overlay")
        fig.draw_without_rendering()
        ax = fig.axes[0]
        assert "40 %" in [tl.get_text() for tl in ax.get_yticklabels()]
        xticks = [tl.get_text() for tl in ax.get_xticklabels()]
        assert "2030" in xticks

    def test_median_line_matches_p50(self):
        paths = make_paths()
        fig = plots.fan_chart(paths, regency="Konawe", scenarios=["quota_100"])
        line = [ln for ln in fig.axes[0].get_lines() if len(ln.get_xdata()) > 10][0]
        expect = paths.query("scenario == 'quota_100' and variable == 'coverage'")["p50"] * 100
        np.testing.assert_allclose(line.get_ydata(), expect.to_numpy())

    def test_observed_markers_by_quality(self):
        fig = plots.fan_chart(make_paths(), regency="Konawe", observed=make_observed(), lang="id")
        leg = [tx.get_text() for tx in fig.legends[0].get_texts()]
        assert {"Data teramati", "Data turunan", "Data asumsi"} <= set(leg)
        ax = _visible_axes(fig)[0]
        from matplotlib.collections import PathCollection

        offsets = np.concatenate(
            [c.get_offsets() for c in ax.collections if isinstance(c, PathCollection)]
        )
        # 3 Konawe points, Banggai filtered out
        assert sorted(np.round(offsets[:, 1], 2)) == [28.0, 31.5, 34.81]

    def test_bad_inputs(self):
        with pytest.raises(ValueError, match="Banggai"):
            plots.fan_chart(make_paths(), regency="Banggai")
        with pytest.raises(ValueError, match="missing column"):
            plots.fan_chart(make_paths().drop(columns="p90"), regency="Konawe")
        with pytest.raises(ValueError, match="nope"):
            plots.fan_chart(make_paths(), regency="Konawe", scenarios=["nope"])
        with pytest.raises(ValueError, match="fr"):
            plots.fan_chart(make_paths(), regency="Konawe", lang="fr")
        bad = make_paths()
        bad.loc[0, "p90"] = 1.2
        with pytest.raises(ValueError, match=r"\[0, 1\]"):
            plots.fan_chart(bad, regency="Konawe")


class TestTimeToTarget:
    def test_fixture_has_not_reached(self):
        ttt = make_ttt()
        assert ttt.loc[ttt.scenario == "baseline", "median_month"].isna().all()
        assert ttt.loc[ttt.scenario == "full", "median_month"].notna().all()

    @pytest.mark.parametrize(
        ("lang", "zone", "status"),
        [
            ("id", "tidak tercapai sebelum Des 2045", "tidak tercapai"),
            ("en", "not reached by Dec 2045", "not reached"),
        ],
    )
    def test_not_reached_is_labelled_not_dated(self, lang, zone, status):
        ttt = make_ttt()
        fig = plots.time_to_target_chart(ttt, lang=lang, scenario_labels=LABELS)
        ax = fig.axes[0]
        assert ax.get_title() and ax.get_xlabel() == t("axis.month_reached", lang)
        texts = _texts(fig)
        assert zone in texts
        assert status in texts
        # reached medians are written as months; the not reached one is not written as a date
        med = ttt.set_index("scenario").loc["full", "median_month"]
        from ucj_analysis.i18n import format_month

        assert format_month(med, lang, short=True) in texts
        assert "Des 2045" not in texts and "Dec 2045" not in texts
        # horizon line exists
        assert mdates.date2num(pd.Timestamp("2045-12-31")) in _vlines_x(ax)

    def test_rows_and_share_labels(self):
        fig = plots.time_to_target_chart(make_ttt(), lang="id", scenario_labels=LABELS)
        fig.draw_without_rendering()
        ticks = [tl.get_text() for tl in fig.axes[0].get_yticklabels()]
        assert len(ticks) == 4
        assert ticks[0].startswith("Tren saat ini") and "peluang tercapai" in ticks[0]

    def test_several_targets_need_choice(self):
        a = make_ttt()
        b = a.assign(target=0.7)
        with pytest.raises(ValueError, match="several targets"):
            plots.time_to_target_chart(pd.concat([a, b]))
        fig = plots.time_to_target_chart(pd.concat([a, b]), target=0.7, lang="en")
        assert "70%" in fig.axes[0].get_title()


class TestBudgetCurve:
    def test_labels_deadline_and_min_budget(self):
        curve = make_budget_curve()
        fig = plots.budget_curve(curve, lang="id", deadline="2030-12", regency="Konawe", n_desa=297)
        ax = fig.axes[0]
        assert ax.get_title() == "Anggaran per tahun dan waktu mencapai target — Konawe"
        assert ax.get_xlabel() == "Anggaran per tahun (Rp)"
        assert ax.get_ylabel() == t("axis.month_reached", "id")
        texts = _texts(fig)
        assert "Tenggat Des 2030" in texts
        assert "tidak tercapai sebelum Des 2045" in texts
        # closed form: slope 0.12 + 0.1 per Rp 1e9 must reach logit(0.995) - logit(0.3481) within
        # the months Apr 2025 -> Dec 2030 (68 months, ceil), i.e. b >= 10e9 on the 1e9 grid
        need = (_logit(TARGET) - _logit(C0)) / (68 / 12)
        first = math.ceil(round((need - 0.12) / 0.1, 9)) * 1e9
        assert first == 10e9
        from ucj_analysis.i18n import format_rp

        assert t("note.budget_min", "id", budget=format_rp(first, "id")) in texts
        xt = [tl.get_text() for tl in ax.get_xticklabels()]
        assert "Rp 5,0 miliar" in xt
        top = [tl.get_text() for tl in ax.child_axes[0].get_xticklabels()]
        assert any(s.endswith("juta") for s in top)  # per-village axis

    def test_deadline_out_of_reach(self):
        fig = plots.budget_curve(make_budget_curve(), lang="en", deadline="2026-12")
        assert t("note.budget_none", "en") in _texts(fig)

    def test_not_reached_median_marked_in_zone(self):
        curve = make_budget_curve()
        assert curve.median_month.isna().iloc[0]
        fig = plots.budget_curve(curve, lang="en")
        leg = [tx.get_text() for tx in fig.legends[0].get_texts()]
        assert "median not reached by Dec 2045" in leg
        ax = fig.axes[0]
        horizon = mdates.date2num(pd.Timestamp("2045-12-31"))
        tri = [ln for ln in ax.get_lines() if ln.get_marker() == "^"][0]
        assert all(mdates.date2num(pd.Timestamp(y)) > horizon for y in tri.get_ydata())


class TestTornado:
    def test_sorted_by_width_and_labels(self):
        fig = plots.tornado(make_sens(), lang="id")
        ax = fig.axes[0]
        fig.draw_without_rendering()
        ticks = [tl.get_text() for tl in ax.get_yticklabels()]
        # widths: lapse 30, budget 16, growth 4, arrears inf -> arrears first (top)
        assert ticks == [
            "Desa menunggak",
            "Laju putus iuran",
            "Realisasi anggaran",
            "Pertumbuhan angkatan kerja",
        ]
        assert ax.get_xlabel() == t("axis.delta_months", "id")
        assert ax.get_title()
        texts = _texts(fig)
        assert "0,3: tidak tercapai" in texts
        assert "0,05 (+20 bulan)" in texts
        assert "Dasar: 70 bulan" in texts

    def test_bar_lengths(self):
        fig = plots.tornado(make_sens(), lang="en")
        widths = sorted(
            round(p.get_width(), 6)
            for p in fig.axes[0].patches
            if isinstance(p, Rectangle) and p.get_height() == pytest.approx(0.62)
        )
        for w in (-10.0, 20.0, -6.0, 10.0, -2.0, 2.0, -4.0):
            assert w in widths

    def test_base_missing(self):
        s = make_sens()
        s["base_months"] = np.nan
        with pytest.raises(ValueError, match="base_months"):
            plots.tornado(s)


class TestPortfolio:
    @pytest.mark.parametrize("lang", ["id", "en"])
    def test_layout(self, lang):
        fig = plots.portfolio_chart(make_portfolio(), lang=lang, target_pct=99.5)
        w, h = fig.get_size_inches()
        assert w / h == pytest.approx(16 / 9, rel=0.01)
        axes = fig.axes
        assert len(axes) == 3
        assert all(ax.get_title() and ax.get_xlabel() for ax in axes)
        fig.draw_without_rendering()
        # sorted by earliest median: Tojo Una-Una (2027-06), Konawe (2028-03), Banggai (2031-12)
        ticks = [tl.get_text() for tl in axes[0].get_yticklabels()]
        assert ticks == ["Tojo Una-Una", "Konawe", "Banggai"]
        texts = _texts(fig)
        assert t("no_data", lang) in texts
        assert t("not_reached_by", lang, month="Des 2045" if lang == "id" else "Dec 2045") in texts
        assert ("Target 99,5 %" if lang == "id" else "Target 99.5%") in texts
        assert 99.5 in [float(x) for ln in axes[0].get_lines() for x in ln.get_xdata()[:1]]

    def test_not_reached_not_at_a_date(self):
        fig = plots.portfolio_chart(make_portfolio(), lang="id")
        ax = fig.axes[1]
        horizon = mdates.date2num(pd.Timestamp("2045-12-31"))
        arrows = [ln for ln in ax.get_lines() if ln.get_marker() == ">"]
        assert len(arrows) == 1  # Banggai baseline
        assert mdates.date2num(pd.Timestamp(arrows[0].get_xdata()[0])) > horizon


class TestCostChart:
    def test_bars_and_rupiah_ticks(self):
        fig = plots.cost_chart(make_yearly_cost(), lang="id")
        ax = fig.axes[0]
        assert ax.get_title() and ax.get_xlabel() == "Tahun"
        assert ax.get_ylabel() == t("axis.cost_rp_per_year", "id")
        fig.draw_without_rendering()
        yt = [tl.get_text() for tl in ax.get_yticklabels()]
        assert "Rp 0" in yt and any(s.endswith("miliar") for s in yt)
        heights = sorted({round(p.get_height()) for p in ax.patches if p.get_height() > 0})
        assert heights[0] == 3_100_000_000

    def test_lines_for_long_range_english(self):
        fig = plots.cost_chart(make_yearly_cost(range(2026, 2046)), lang="en", per_village=True)
        fig.draw_without_rendering()
        ax = fig.axes[0]
        assert len([ln for ln in ax.get_lines() if len(ln.get_xdata()) == 20]) == 3
        yt = [tl.get_text() for tl in ax.get_yticklabels()]
        assert any(s.startswith("IDR") and "million" in s for s in yt)
