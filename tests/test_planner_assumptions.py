"""A planner's own assumptions (the notebook's assumptions cell) reach the simulation."""

from __future__ import annotations

import numpy as np
import pytest

from ucj_analysis import report


def test_unknown_assumption_names_the_closest_one():
    from ucj_analysis.report.data import regency_inputs

    base = regency_inputs("", "Konawe")
    with pytest.raises(ValueError, match="enrolment_pace_per_village_month"):
        report.apply_assumptions(base, {"enrolment_pace_per_village_mnth": 5})


def test_number_and_range_replace_the_data_assumption():
    from ucj_analysis.report.data import regency_inputs

    base = regency_inputs("", "Konawe")
    out = report.apply_assumptions(
        base, {"arrears_share_pct": 20, "enrolment_pace_per_village_month": (2, 4, 6)}
    )
    assert out.arrears_share_pct == 20 and "arrears_share_pct" not in out.ranges
    assert out.enrolment_pace_per_village_month == 4
    assert out.ranges["enrolment_pace_per_village_month"] == (2, 6)
    row = out.inputs_table.set_index("name").loc["enrolment_pace_per_village_month"]
    assert (row["value"], row["low"], row["high"], row["source"]) == (4, 2, 6, "notebook")


def test_a_slower_pace_delays_funding_the_gap():
    kw = {"n_draws": 80, "as_of": "2026-11-29", "scenarios": ["fund_gap"]}
    fast = report.regency_forecast("Konawe", **kw).answers().iloc[0]
    slow = (
        report.regency_forecast(
            "Konawe", assumptions={"enrolment_pace_per_village_month": 2.0}, **kw
        )
        .answers()
        .iloc[0]
    )
    assert slow["coverage_main_p50"] < fast["coverage_main_p50"]
    # 2 sign-ups per desa/kelurahan a month: 354 units x 2 = 708 a month at most
    assert slow["signups_per_month"] <= 708 + 1e-6
    assert np.isfinite(fast["signups_per_month"])
