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
        assert "Konawe" in fig.get_suptitle().replace("\n", " ")
        assert [ax.get_title() for ax in axes] == [LABELS[s] for s in SCENARIOS]
        # two rows of panels: one y label for the column
        assert fig.get_supylabel() == t("axis.coverage_pct", lang)
        assert "(%)" in fig.get_supylabel()
        # a 20-year axis has year ticks and says so
        assert axes[-1].get_xlabel() == t("axis.year", lang)
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
        # deadline months above the axes, the line style named once in the legend
        assert "Des 2030" in texts and "Des 2026" in texts and "Des 2045" in texts
        assert "Tenggat" in [tx.get_text() for tx in fig.legends[0].get_texts()]
        assert "Target 99,5 %" in texts
        assert not any("Dec" in s or "Deadline" in s for s in texts)

    def test_english_text(self):
        fig = plots.fan_chart(make_paths(), regency="Konawe", lang="en", layout="overlay")
        ax = _visible_axes(fig)[0]
        assert ax.get_title() == "UCJ coverage projection — Konawe"
        texts = _texts(fig)
        assert "Target 99.5%" in texts and "Dec 2030" in texts and "Deadline" in texts
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
        assert ax.get_title()
        assert (
            ax.get_xlabel()
            == {"id": "Tahun target tercapai", "en": "Year the target is reached"}[lang]
        )
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
        assert ax.get_ylabel() == "Tahun target tercapai"  # the y ticks are years
        texts = _texts(fig)
        assert all(tl.get_text().isdigit() for tl in ax.get_yticklabels() if tl.get_text())
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

    @pytest.mark.parametrize("lang", ["id", "en"])
    def test_ordered_by_rank_scenario_and_title_says_so(self, lang):
        frame = make_portfolio()
        # under the current trend: Konawe 2041-12, Tojo Una-Una 2044-06, Banggai not reached
        fig = plots.portfolio_chart(frame, lang=lang, rank_by="Tren saat ini")
        fig.draw_without_rendering()
        ticks = [tl.get_text() for tl in fig.axes[0].get_yticklabels()]
        assert ticks == ["Konawe", "Tojo Una-Una", "Banggai"]
        assert "Tren saat ini" in fig.get_suptitle().replace("\n", " ")
        assert (
            "tercepat di atas" if lang == "id" else "earliest on top"
        ) in fig.get_suptitle().replace("\n", " ")
        # the default (each regency's fastest scenario) says that instead
        fig = plots.portfolio_chart(frame, lang=lang)
        assert (
            "skenario tercepat" if lang == "id" else "fastest scenario"
        ) in fig.get_suptitle().replace("\n", " ")

    def test_rank_by_id_and_ties_by_coverage_at_deadline(self):
        frame = make_portfolio()
        frame["scenario"] = frame["scenario_label"].map(
            {"Tren saat ini": "trend_only", "10 % ADD": "add_10", "100 pekerja/desa": "quota_100"}
        )
        # same median month for all three under add_10; coverage at the deadline decides
        frame.loc[frame["scenario"] == "add_10", "median_month"] = pd.Period("2031-06", "M")
        frame["coverage_deadline_pct"] = frame["regency"].map(
            {"Konawe": 80.0, "Banggai": 92.0, "Tojo Una-Una": 71.0}
        )
        fig = plots.portfolio_chart(frame, lang="en", rank_by="add_10")
        fig.draw_without_rendering()
        ticks = [tl.get_text() for tl in fig.axes[0].get_yticklabels()]
        assert ticks == ["Banggai", "Konawe", "Tojo Una-Una"]
        assert "10 % ADD" in fig.get_suptitle().replace("\n", " ")
        # colours follow the scenario ids: add_10 is the preset blue whatever the order
        ax = fig.axes[1]
        dots = {ln.get_color() for ln in ax.get_lines() if ln.get_marker() == "o"}
        assert plots.SCENARIO_COLORS["add_10"] in dots
        with pytest.raises(ValueError, match="rank_by"):
            plots.portfolio_chart(frame, rank_by="nope")


# ------------------------------------------------------------------------------------------
def _label_boxes(fig: Figure):
    """(text, bbox) of every label drawn: axes texts and annotations, titles, tick labels,
    axis labels and the figure title, after a real draw at the save resolution."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig.set_dpi(plots.SAVE_DPI)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    out = []
    for ax in _visible_axes(fig):
        texts = list(ax.texts) + [ax.title, ax._left_title, ax._right_title]
        texts += [ax.xaxis.label, ax.yaxis.label]
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks():
                if lo - 1e-9 <= tick.get_loc() <= hi + 1e-9 and tick.label1.get_visible():
                    texts.append(tick.label1)
        for txt in texts:
            if txt.get_visible() and txt.get_text().strip():
                out.append((txt.get_text(), txt.get_window_extent(renderer)))
    for sup in (fig._suptitle, fig._supylabel, fig._supxlabel):
        if sup is not None and sup.get_text():
            out.append((sup.get_text(), sup.get_window_extent(renderer)))
    return out


def _collisions(fig: Figure) -> list[tuple[str, str]]:
    boxes = _label_boxes(fig)
    bad = []
    for i, (ta, a) in enumerate(boxes):
        for tb, b in boxes[i + 1 :]:
            # strict overlap by more than half a pixel in both directions
            if min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5:
                bad.append((ta, tb))
    return bad


def _six_scenarios() -> dict[str, tuple[float, float]]:
    return {
        "trend_only": (0.05, 0.05),
        "add_5": (0.2, 0.08),
        "add_10": (0.35, 0.1),
        "quota_100_per_desa": (0.3, 0.1),
        "fund_gap": (2.5, 0.2),  # reaches ~99.5 % within two years
        "arrears_stress": (0.28, 0.1),
    }


class TestColours:
    def test_presets_fixed_and_independent_of_order(self):
        ids = ["trend_only", "add_5", "add_10", "quota_100_per_desa", "fund_gap"]
        ids += ["arrears_stress", "sppg_10"]
        a = plots.scenario_colors(ids)
        b = plots.scenario_colors(list(reversed(ids)))
        c = plots.scenario_colors(["fund_gap"])
        assert a == b == plots.SCENARIO_COLORS
        assert c["fund_gap"] == a["fund_gap"]
        assert len(set(a.values())) == len(ids)  # seven presets, seven colours
        assert set(a.values()) <= set(plots.PALETTE)

    def test_custom_ids_hash_stably(self):
        import zlib

        first = plots.scenario_colors(["my_plan", "other"])
        again = plots.scenario_colors(["other", "my_plan", "add_10"])
        assert first["my_plan"] == again["my_plan"] and first["other"] == again["other"]
        idx = zlib.crc32(b"my_plan") % len(plots.PALETTE)
        assert first["my_plan"] == plots.PALETTE[idx]

    def test_same_colour_on_every_chart(self):
        paths = make_paths(scenarios=_six_scenarios())
        full = plots.fan_chart(paths, regency="Konawe", layout="overlay")
        part = plots.fan_chart(
            paths, regency="Konawe", layout="overlay", scenarios=["fund_gap", "add_10"]
        )

        def line_colours(fig):
            return {
                ln.get_label(): ln.get_color()
                for ln in fig.axes[0].get_lines()
                if len(ln.get_xdata()) > 10
            }

        assert line_colours(full)["fund_gap"] == line_colours(part)["fund_gap"] == "#E69F00"
        assert line_colours(full)["add_10"] == line_colours(part)["add_10"]
        cost = make_yearly_cost().assign(
            scenario=lambda f: f["scenario"].map(
                {"baseline": "trend_only", "add_10pct": "add_10", "quota_100": "fund_gap"}
            )
        )
        fig = plots.cost_chart(cost, lang="id")
        bars = {
            p.get_gid().split(":")[1]: p.get_facecolor()
            for p in fig.axes[0].patches
            if (p.get_gid() or "").startswith("spending:")
        }
        from matplotlib.colors import to_rgba

        assert bars["fund_gap"] == to_rgba("#E69F00")
        assert bars["add_10"] == to_rgba(plots.SCENARIO_COLORS["add_10"])


class TestLegibleLabels:
    @pytest.mark.parametrize("lang", ["id", "en"])
    @pytest.mark.parametrize("layout", ["panels", "overlay"])
    def test_no_label_overlap_near_horizon(self, lang, layout):
        fig = plots.fan_chart(
            make_paths(scenarios=_six_scenarios()),
            regency="Konawe",
            target=0.995,
            deadlines=("2026-12", "2030-12", "2045-06", "2045-12"),
            observed=make_observed(),
            lang=lang,
            layout=layout,
            run_month="2026-11",
            budget_start="2027-01",
        )
        texts = [tx for tx, _ in _label_boxes(fig)]
        # the labels at issue are all drawn ...
        assert ("Target 99,5 %" if lang == "id" else "Target 99.5%") in texts
        for m in ("Des 2045", "Jun 2045", "Des 2030") if lang == "id" else ("Dec 2045", "Jun 2045"):
            assert m in texts
        assert ("hari ini" if lang == "id" else "today") in texts
        # ... and none touches another
        assert _collisions(fig) == []

    def test_target_label_is_in_the_right_margin(self):
        fig = plots.fan_chart(make_paths(), regency="Konawe", layout="overlay", lang="id")
        boxes = dict(_label_boxes(fig))
        ax_box = fig.axes[0].get_window_extent()
        target = boxes["Target 99,5 %"]
        assert target.x0 >= ax_box.x1  # right of the plotting area, not over the lines

    def test_value_labels_dropped_rather_than_overlapping(self):
        # three deadlines a month apart: one value label survives per cluster
        fig = plots.fan_chart(
            make_paths(),
            regency="Konawe",
            scenarios=["full"],
            deadlines=("2030-10", "2030-11", "2030-12"),
        )
        assert _collisions(fig) == []
        ax = fig.axes[0]
        dots = [ln for ln in ax.get_lines() if ln.get_marker() == "o" and len(ln.get_xdata()) == 1]
        values = [
            tx for tx in ax.texts if tx.get_text().endswith("%") and "Target" not in tx.get_text()
        ]
        assert len(dots) == 3 and len(values) == 1

    def test_time_to_target_and_cost_without_overlap(self):
        fig = plots.time_to_target_chart(make_ttt(), lang="id", scenario_labels=LABELS)
        assert _collisions(fig) == []
        fig = plots.cost_chart(make_yearly_cost(), lang="id")
        assert _collisions(fig) == []

    @pytest.mark.parametrize("which", ["fan", "ttt", "cost"])
    def test_page_size_and_fonts(self, which):
        if which == "fan":
            fig = plots.fan_chart(make_paths(), regency="Konawe", observed=make_observed())
        elif which == "ttt":
            fig = plots.time_to_target_chart(make_ttt(), lang="id")
        else:
            fig = plots.cost_chart(make_yearly_cost(), lang="id")
        assert fig.get_size_inches()[0] == pytest.approx(plots.PAGE_WIDTH)
        assert plots.PAGE_WIDTH * plots.SAVE_DPI == pytest.approx(820, abs=1)
        sizes = [tx.get_fontsize() for tx in fig.findobj(lambda a: hasattr(a, "get_fontsize"))]
        assert sizes and min(sizes) >= 9.0


class TestNowcast:
    def _shades(self, ax):
        from matplotlib.colors import to_rgba

        return [
            p
            for p in ax.patches
            if isinstance(p, Rectangle) and p.get_facecolor() == to_rgba(plots.NOWCAST_COLOR)
        ]

    @pytest.mark.parametrize(
        ("lang", "shade", "today"),
        [("id", "perkiraan kini", "hari ini"), ("en", "nowcast", "today")],
    )
    def test_shading_line_and_labels(self, lang, shade, today):
        fig = plots.fan_chart(
            make_paths(),
            regency="Konawe",
            lang=lang,
            run_month="2026-11",
            budget_start=pd.Period("2027-01", "M"),
        )
        axes = _visible_axes(fig)
        for ax in axes:
            (rect,) = self._shades(ax)
            # from the start of the simulation (Apr 2025) to the run month (Nov 2026), month ends
            assert rect.get_x() == pytest.approx(mdates.date2num(pd.Timestamp("2025-04-30")))
            right = rect.get_x() + rect.get_width()
            assert right == pytest.approx(mdates.date2num(pd.Timestamp("2026-11-30")))
            xs = _vlines_x(ax)
            assert mdates.date2num(pd.Timestamp("2026-11-30")) in xs
            assert mdates.date2num(pd.Timestamp("2027-01-31")) in xs
        legend = [tx.get_text() for tx in fig.legends[0].get_texts()]
        assert shade in legend
        assert any(
            s.startswith(("Anggaran mulai Jan 2027", "Budget starts Jan 2027")) for s in legend
        )
        assert today in _texts(fig)

    def test_no_shading_without_run_month(self):
        fig = plots.fan_chart(make_paths(), regency="Konawe", lang="id")
        assert all(self._shades(ax) == [] for ax in _visible_axes(fig))
        assert "perkiraan kini" not in [tx.get_text() for tx in fig.legends[0].get_texts()]


class TestAxisLabels:
    def test_short_span_says_month(self):
        paths = make_paths()
        short = paths[paths["month"] <= pd.Period("2026-12", "M")]
        fig = plots.fan_chart(short, regency="Konawe", lang="en", deadlines=("2026-12",))
        fig.draw_without_rendering()
        ax = _visible_axes(fig)[-1]
        assert ax.get_xlabel() == "Month"
        ticks = [tl.get_text() for tl in ax.get_xticklabels() if tl.get_text()]
        assert ticks and all(" " in s for s in ticks)  # "Jan 2026", not a bare year

    def test_long_span_says_year(self):
        fig = plots.fan_chart(make_paths(), regency="Konawe", lang="id", layout="overlay")
        fig.draw_without_rendering()
        ax = fig.axes[0]
        assert ax.get_xlabel() == "Tahun"
        ticks = [tl.get_text() for tl in ax.get_xticklabels() if tl.get_text()]
        assert ticks and all(s.isdigit() for s in ticks)


class TestCoverageAtDeadline:
    def _coverage(self) -> pd.DataFrame:
        paths = make_paths()
        at = paths[(paths["variable"] == "coverage") & (paths["month"] == pd.Period("2030-12"))]
        return pd.DataFrame(
            {
                "scenario": at["scenario"].astype(str),
                "p10": at["p10"] * 100,
                "p50": at["p50"] * 100,
                "p90": at["p90"] * 100,
            }
        )

    @pytest.mark.parametrize("lang", ["id", "en"])
    def test_dots_whiskers_and_months(self, lang):
        cov = self._coverage()
        ttt = make_ttt()
        fig = plots.time_to_target_chart(
            ttt,
            lang=lang,
            scenario_labels=LABELS,
            coverage_at_deadline=cov,
            main_deadline="2030-12",
            deadlines=("2026-12", "2030-12"),
        )
        ax = fig.axes[0]
        assert ax.get_xlabel() == (
            "Cakupan pada Des 2030 (%)" if lang == "id" else "Coverage in Dec 2030 (%)"
        )
        assert ("Des 2030" if lang == "id" else "Dec 2030") in fig.get_suptitle().replace("\n", " ")
        # medians at the deadline equal the closed form expit(logit(c0) + mu * 68/12)
        dots = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
        got = sorted(float(ln.get_xdata()[0]) for ln in dots)
        t_years = (pd.Period("2030-12", "M") - START).n / 12
        want = sorted(100 * _expit(_logit(C0) + mu * t_years) for mu, _ in SCENARIOS.values())
        np.testing.assert_allclose(got, want, rtol=1e-9)
        # target line at 99.5 % and its label above the axes
        assert 99.5 in [
            float(ln.get_xdata()[0]) for ln in ax.get_lines() if ln.get_linestyle() == "--"
        ]
        texts = _texts(fig)
        from ucj_analysis.i18n import format_month

        reached = ttt.dropna(subset=["median_month"])
        for _, r in reached.iterrows():
            assert format_month(r["median_month"], lang, short=True) in texts
        n_not = int(ttt["median_month"].isna().sum())
        assert texts.count(t("status.not_reached", lang)) == n_not
        assert _collisions(fig) == []

    def test_missing_scenario_row(self):
        cov = self._coverage()
        with pytest.raises(ValueError, match="baseline"):
            plots.time_to_target_chart(
                make_ttt(), coverage_at_deadline=cov[cov["scenario"] != "baseline"]
            )


class TestCostChart:
    def _bars(self, ax, kind):
        return {
            p.get_gid().split(":")[1]: p.get_width()
            for p in ax.patches
            if (p.get_gid() or "").startswith(kind + ":")
        }

    def test_bars_for_each_scenario_and_first_budget_years(self):
        frame = pd.concat(
            [make_yearly_cost(range(2025, 2026)).assign(cost_rp_p50=0.0), make_yearly_cost()]
        )
        fig = plots.cost_chart(frame, lang="id")
        axes = _visible_axes(fig)
        # 2025 has no budget money: the first three budget years are 2026-2028
        assert [ax.get_title() for ax in axes] == ["2026", "2027", "2028"]
        for k, ax in enumerate(axes):
            bars = self._bars(ax, "spending")
            assert set(bars) == {"baseline", "add_10pct", "quota_100"}
            assert bars["add_10pct"] == pytest.approx(3.1e9 * (1 + 0.03 * k))
            assert bars["quota_100"] == pytest.approx(5.99e9 * (1 + 0.03 * k))
            assert bars["baseline"] == 0
        texts = _texts(fig)
        assert "Rp 0" in texts  # the zero bar is written, not invisible
        assert "Biaya per tahun (Rp miliar)" in texts
        assert "Biaya iuran (median)" in [tx.get_text() for tx in fig.legends[0].get_texts()]
        fig.draw_without_rendering()
        ticks = [tl.get_text() for tl in axes[0].get_xticklabels() if tl.get_text()]
        assert "0" in ticks and ("2,5" in ticks or "5" in ticks)

    def test_appropriation_next_to_spending(self):
        frame = make_yearly_cost()
        frame["appropriation_rp"] = frame["cost_rp_p50"] * 1.25
        frame["spending_rp_p50"] = frame["cost_rp_p50"] * 0.8
        fig = plots.cost_chart(frame, lang="en", years=[2026, 2027])
        axes = _visible_axes(fig)
        assert len(axes) == 2
        appr, spend = self._bars(axes[0], "appropriation"), self._bars(axes[0], "spending")
        assert appr["quota_100"] == pytest.approx(5.99e9 * 1.25)
        assert spend["quota_100"] == pytest.approx(5.99e9 * 0.8)
        # side by side: the two bars of a scenario do not overlap vertically
        pa = [p for p in axes[0].patches if p.get_gid() == "appropriation:quota_100"][0]
        ps = [p for p in axes[0].patches if p.get_gid() == "spending:quota_100"][0]
        assert pa.get_y() >= ps.get_y() + ps.get_height() - 1e-9
        legend = [tx.get_text() for tx in fig.legends[0].get_texts()]
        assert legend == ["Appropriation", "Expected spending (median)"]
        assert "Cost per year (IDR billion)" in _texts(fig)

    def test_long_range_small_multiples_english(self):
        fig = plots.cost_chart(
            make_yearly_cost(range(2026, 2046)),
            lang="en",
            per_village=True,
            years=range(2026, 2046),
        )
        axes = _visible_axes(fig)
        assert len(axes) == 3  # one panel per scenario: no line hides under another
        for ax in axes:
            assert len([ln for ln in ax.get_lines() if len(ln.get_xdata()) == 20]) == 1
        assert "(IDR million)" in fig.get_suptitle() or any(
            "IDR million" in ax.get_ylabel() for ax in axes
        )


# ------------------------------------------------------------------------------------------
# phone variants: every chart drawn 3.8 in wide, text >= 11 px in a 362 px phone column
# ------------------------------------------------------------------------------------------
#: width of the report column on a 390 px phone [CSS px]
PHONE_COLUMN_PX = 362


def _phone_charts() -> dict[str, Figure]:
    paths = make_paths()
    at = paths[(paths["variable"] == "coverage") & (paths["month"] == pd.Period("2030-12"))]
    cov = pd.DataFrame(
        {
            "scenario": at["scenario"].astype(str),
            "p10": at["p10"] * 100,
            "p50": at["p50"] * 100,
            "p90": at["p90"] * 100,
        }
    )
    return {
        "fan": plots.fan_chart(
            paths, regency="Konawe", scenario_labels=LABELS, run_month="2026-11"
        ),
        "coverage_at_deadline": plots.time_to_target_chart(
            make_ttt(),
            regency="Konawe",
            scenario_labels=LABELS,
            coverage_at_deadline=cov,
            main_deadline="2030-12",
            target=0.995,
        ),  # fmt: skip
        "time_to_target": plots.time_to_target_chart(make_ttt(), scenario_labels=LABELS),
        "cost": plots.cost_chart(make_yearly_cost(), scenario_labels=LABELS),
        "cost_lines": plots.cost_chart(make_yearly_cost(), years=range(2026, 2031)),
        "budget_curve": plots.budget_curve(
            make_budget_curve(), deadline="2030-12", regency="Konawe", n_desa=291
        ),
        "tornado": plots.tornado(make_sens(), regency="Konawe"),
        "portfolio": plots.portfolio_chart(make_portfolio(), deadline="2030-12"),
    }


@pytest.fixture(scope="module")
def phone_charts() -> dict[str, Figure]:
    return _phone_charts()


@pytest.mark.parametrize(
    "name",
    [
        "fan",
        "coverage_at_deadline",
        "time_to_target",
        "cost",
        "cost_lines",
        "budget_curve",
        "tornado",
        "portfolio",
    ],
)
def test_every_chart_has_a_legible_phone_variant(phone_charts, name):
    page = phone_charts[name]
    phone = plots.phone_variant(page)
    assert phone is not None and plots.phone_variant(phone) is None  # no variant of a variant
    assert phone.get_figwidth() == pytest.approx(plots.NARROW_WIDTH)
    phone.canvas.draw()
    # 9 pt on a 3.8 in figure shown 362 px wide: 9 / 72 x 362 / 3.8 = 11.9 px
    smallest = plots.smallest_text_pt(phone)
    assert smallest >= plots.SMALL_PT
    assert smallest / 72 * PHONE_COLUMN_PX / plots.NARROW_WIDTH >= 11.0
    # the page figure shrunk to the phone column would draw its smallest text below 7 px
    page.canvas.draw()
    shrunk = plots.smallest_text_pt(page) / 72 * PHONE_COLUMN_PX / page.get_figwidth()
    assert shrunk < 7.0
    # every label is inside the figure and none touches another
    assert _collisions(phone) == []
    fig_box = phone.bbox
    for text, box in _label_boxes(phone):
        assert box.x0 >= -1 and box.x1 <= fig_box.width + 1, (name, text)
        assert box.y0 >= -1 and box.y1 <= fig_box.height + 1, (name, text)


def test_phone_variants_are_one_column():
    charts = _phone_charts()
    fan = plots.phone_variant(charts["fan"])
    assert len(fan.axes) == 4 and all(ax.get_subplotspec().colspan.start == 0 for ax in fan.axes)
    cost = plots.phone_variant(charts["cost"])
    # one panel per scenario, one above the other, titled with its name; years as rows
    assert [ax.get_title() for ax in cost.axes] == [LABELS[s] for s in SCENARIOS if s != "full"]
    assert [tl.get_text() for tl in cost.axes[0].get_yticklabels()] == ["2026", "2027", "2028"]
    portfolio = plots.phone_variant(charts["portfolio"])
    assert len(portfolio.axes) == 3
    assert all(ax.get_subplotspec().colspan.start == 0 for ax in portfolio.axes)
    assert portfolio.get_figwidth() < portfolio.get_figheight()
    # the tornado writes each assumption above its bars, with its two tested values
    tornado = plots.phone_variant(charts["tornado"])
    assert tornado.axes[0].get_yticks().size == 0
    names = [tx.get_text() for tx in tornado.axes[0].texts]
    assert any(n.startswith(str(make_sens()["label"].iloc[0])) and " / " in n for n in names)
