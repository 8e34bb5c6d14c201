"""The what-if answer equals the report's for the same settings, moves the right way, and saves.

One forecast (Konawe, embedded data, 400 draws, run date fixed) is computed once; every what-if
reruns only the simulation from its inputs and trend draws.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from ucj_analysis import report
from ucj_analysis.scenarios import ScenarioError, validate_scenarios
from ucj_analysis.whatif import TREND_ID, WHATIF_ID, WhatIf, WhatIfParams
from ucj_analysis.whatif_widgets import observed_points, panel, save_scenario, update

AS_OF = "2026-11-29"
N = 400

#: Columns of an answer row that do not depend on which deadlines a table lists.
SAME = [
    "median_month",
    "p10_month",
    "p90_month",
    "status",
    "reached_share",
    "main_deadline",
    "coverage_main_p10",
    "coverage_main_p50",
    "coverage_main_p90",
    "budget_year",
    "appropriation_rp",
    "appropriation_village_rp",
    "appropriation_rp_per_desa",
    "pct_add",
    "pct_dd",
    "spending_rp",
    "arrears_rp",
    "idle_rp",
    "persons_funded",
    "signups_per_month",
]


@pytest.fixture(scope="module")
def fc():
    return report.regency_forecast("Konawe", n_draws=N, as_of=AS_OF)


@pytest.fixture(scope="module")
def wi(fc):
    return WhatIf(fc)


def _row(fc, sid):
    return fc.answers().set_index("scenario").loc[sid]


def _assert_same(a: pd.Series, b: pd.Series, deadline: str) -> None:
    for c in [*SAME, f"prob_{deadline}"]:
        x, y = a[c], b[c]
        if isinstance(x, float | np.floating) and np.isnan(x):
            assert np.isnan(y), c
        elif pd.isna(x):
            assert pd.isna(y), c
        else:
            assert x == y, (c, x, y)


def test_defaults_are_the_reference_preset(fc, wi):
    p = wi.defaults()
    assert (p.fund, p.share_pct, p.quota_per_desa, p.regency_budget_rp_per_year) == (
        "ADD",
        10.0,
        0.0,
        0.0,
    )
    assert p.target_pct == pytest.approx(99.5)
    assert p.deadline == fc.main_deadline == "2030-12"
    assert p.arrears_share_pct is None and p.enrolment_pace_per_village_month is None


@pytest.mark.parametrize("preset", ["add_10", "add_5", "quota_100_per_desa", "arrears_stress"])
def test_simulated_what_if_equals_the_batch_numbers_of_the_preset(fc, wi, preset):
    p = wi.params_of(fc.scenarios[preset], wi.defaults())
    r = wi.run(p, reuse=False)
    assert r.simulated
    d = fc.main_deadline
    _assert_same(_row(fc, preset), r.row(), d)
    _assert_same(_row(fc, TREND_ID), r.row(TREND_ID), d)
    # the trend's own coverage path is the report's, month by month
    paths = fc.result.paths
    ref = paths[(paths["scenario"] == preset) & (paths["variable"] == "coverage")].set_index(
        "month"
    )["p50"]
    got = r.coverage[r.coverage["scenario"] == WHATIF_ID].set_index("month")["p50"]
    assert len(got) == len(ref) > 200
    np.testing.assert_array_equal(got.to_numpy(), ref.loc[got.index].to_numpy())


def test_reused_numbers_equal_simulated_ones(wi, fc):
    p = wi.defaults()
    reused, simulated = wi.run(p), wi.run(p, reuse=False)
    assert not reused.simulated and simulated.simulated
    _assert_same(reused.row(), simulated.row(), fc.main_deadline)
    # a setting of no preset is always simulated
    assert wi.run(p.replace(share_pct=8.0)).simulated


def test_budget_lines_follow_the_share_and_coverage_is_monotone_in_it(wi, fc):
    add = float(fc.inputs.fund_per_year("ADD", np.array([fc.budget_year]))[0])
    base = wi.defaults().replace(target_pct=70.0)
    rows = [wi.run(base.replace(share_pct=s), reuse=False).row() for s in (2, 5, 8, 11, 14)]
    for s, r in zip((2, 5, 8, 11, 14), rows, strict=True):
        # the village appropriation is the share of the year's ADD (closed form)
        assert r["appropriation_village_rp"] == pytest.approx(s / 100 * add, rel=1e-12)
        assert r["pct_add"] == pytest.approx(s, rel=1e-12)
    cov = [r["coverage_main_p50"] for r in rows]
    prob = [r["prob_2030-12"] for r in rows]
    reached = [r["median_month"].ordinal for r in rows if r["status"] == "reached"]
    assert all(b > a for a, b in zip(cov, cov[1:], strict=False)), cov
    assert all(b >= a for a, b in zip(prob, prob[1:], strict=False)), prob
    assert prob[-1] > prob[0]
    assert reached == sorted(reached, reverse=True) and len(reached) >= 3


def test_arrears_lower_coverage_and_a_later_start_delays_it(wi):
    base = wi.defaults()
    none = wi.run(base.replace(arrears_share_pct=0.0), reuse=False).row()
    fifth = wi.run(base.replace(arrears_share_pct=20.0, arrears_months=12), reuse=False).row()
    assert fifth["coverage_main_p50"] < none["coverage_main_p50"]
    assert fifth["arrears_rp"] > none["arrears_rp"] == 0.0
    late = wi.run(base.replace(start_year=2029), reuse=False).row()
    assert late["coverage_main_p50"] < wi.run(base, reuse=False).row()["coverage_main_p50"]
    # nothing is appropriated in 2027 when the money starts in 2029: only running programmes
    trend = wi.run(base, reuse=False).row(TREND_ID)
    assert late["appropriation_rp"] == trend["appropriation_rp"]


def test_saved_yaml_validates_and_reproduces_the_answer(tmp_path, wi, fc):
    p = wi.defaults().replace(
        share_pct=8.0,
        quota_per_desa=20.0,
        regency_budget_rp_per_year=1.5e9,
        arrears_share_pct=20.0,
        budget_realisation_pct=90.0,
        enrolment_pace_per_village_month=6.5,
    )
    got = wi.run(p)
    path = save_scenario(wi, p, "rapat_add8", tmp_path / "rapat.yaml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ")  # regency, target, deadline, draws and seed in a comment
    raw = yaml.safe_load(text)
    sc = validate_scenarios(raw, path.name)["rapat_add8"]
    assert [lv.kind for lv in sc.levers] == ["share_of_fund", "quota_per_village", "apbd_amount"]
    assert {str(lv.start) for lv in sc.levers} == {"2027-01"}
    assert sc.arrears_share_pct == 20.0 and sc.budget_realisation_mean_pct == 90.0
    assert sc.budget_realisation_sd_pct == 0.0
    fc2 = report.regency_forecast("Konawe", n_draws=N, as_of=AS_OF, scenarios=[str(path)])
    assert "rapat_add8" in fc2.scenarios  # beside the presets
    _assert_same(_row(fc2, "rapat_add8"), got.row(), fc2.main_deadline)
    assert sc.label_for("id") == got.scenario.label_for("id")
    assert "8 % ADD" in sc.label_for("id") and "8% of ADD" in sc.label_for("en")


def test_refused_settings_name_the_key_and_write_nothing(tmp_path, wi):
    with pytest.raises(ScenarioError, match="share_pct"):
        wi.run(wi.defaults().replace(share_pct=150.0))
    with pytest.raises(ValueError, match="fund"):
        wi.run(wi.defaults().replace(fund="APBN"))
    with pytest.raises(ValueError):
        wi.run(wi.defaults().replace(deadline="2060-12"))
    target = tmp_path / "bad.yaml"
    with pytest.raises(ScenarioError, match="id"):
        save_scenario(wi, wi.defaults(), "nama dengan spasi", target)
    assert not target.exists()


def test_presets_the_settings_cannot_express_are_refused(wi, fc):
    with pytest.raises(ValueError, match="fund_gap"):
        wi.params_of(fc.scenarios["fund_gap"])


def test_update_gives_a_table_of_two_rows_and_a_png(wi):
    v = update(wi, wi.defaults().replace(share_pct=8.0), observed=observed_points(wi))
    assert v.png[:8] == b"\x89PNG\r\n\x1a\n" and len(v.png) > 5_000
    assert v.table_html.count("<tr>") == 3  # header + trend + the settings
    assert "Tren saat ini" in v.table_html and "8 % ADD" in v.table_html
    assert v.seconds > 0


def _by_class(widget, name):
    """The widget of ``panel`` with CSS class ``ucj-whatif-<name>`` (depth-first)."""
    if f"ucj-whatif-{name}" in getattr(widget, "_dom_classes", ()):
        return widget
    for child in getattr(widget, "children", ()):
        hit = _by_class(child, name)
        if hit is not None:
            return hit
    return None


def test_panel_updates_in_place_and_saves(tmp_path, fc):
    box = panel(fc)
    table, share = _by_class(box, "table"), _by_class(box, "share")
    before = table.value
    assert "10 % ADD" in before and _by_class(box, "chart").value[:4] == b"\x89PNG"
    share.value = 6.0
    assert table.value != before and "6 % ADD" in table.value
    # moving an assumption slider replaces the data's range by that value; ticking restores it
    arrears, use_data = _by_class(box, "arrears"), _by_class(box, "arrears-data")
    assert use_data.value
    arrears.value = 30.0
    assert not use_data.value and "30 % desa menunggak" in table.value
    use_data.value = True
    assert arrears.value == pytest.approx(fc.inputs.arrears_share_pct)
    assert "menunggak" not in table.value
    _by_class(box, "file").value = str(tmp_path / "rapat.yaml")
    _by_class(box, "id").value = "Rapat ADD 6"
    _by_class(box, "save").click()
    assert "rapat.yaml" in _by_class(box, "saved").value
    raw = yaml.safe_load((tmp_path / "rapat.yaml").read_text(encoding="utf-8"))
    sc = validate_scenarios(raw, "rapat.yaml")["rapat_add_6"]
    assert sc.levers[0].share_pct == 6.0


def test_params_are_plain_values():
    p = WhatIfParams(share_pct=8.0)
    assert p.as_dict()["share_pct"] == 8.0 and p.replace(fund="DD").fund == "DD"
    with pytest.raises(TypeError):
        p.replace(colour="blue")
