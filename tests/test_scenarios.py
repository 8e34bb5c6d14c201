"""Scenario validation: presets, every lever type, and error messages that list all problems."""

from __future__ import annotations

import copy
import dataclasses

import pandas as pd
import pytest
import yaml

from ucj_analysis.scenarios import (
    PRESETS_PATH,
    ApbdAmount,
    FixedCohort,
    FundGap,
    QuotaPerVillage,
    Scenario,
    ScenarioError,
    ShareOfFund,
    SppgKitchens,
    validate_scenarios,
)

LABEL = {"id": "Uji", "en": "Test"}


def _presets_raw() -> dict:
    with open(PRESETS_PATH, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _one(levers=None, **keys) -> dict:
    return {"scenarios": {"s1": {"label": LABEL, "levers": levers or [], **keys}}}


# ------------------------------------------------------------------------------------------
# presets
# ------------------------------------------------------------------------------------------
def test_presets_validate_and_contain_the_required_scenarios():
    sc = validate_scenarios(_presets_raw(), "scenarios.yaml")
    required = {"trend_only", "add_5", "add_10", "quota_100_per_desa", "fund_gap", "arrears_stress"}
    assert required <= set(sc)
    assert sc["trend_only"].levers == ()
    (add5,) = sc["add_5"].levers
    assert isinstance(add5, ShareOfFund)
    assert (add5.fund, add5.share_pct, add5.payer) == ("ADD", 5.0, "village")
    assert sc["add_10"].levers[0].share_pct == 10.0
    (quota,) = sc["quota_100_per_desa"].levers
    assert isinstance(quota, QuotaPerVillage) and quota.persons_per_desa == 100.0
    assert isinstance(sc["fund_gap"].levers[0], FundGap)
    assert sc["arrears_stress"].arrears_share_pct == 20.0
    for s in sc.values():
        assert s.label.id and s.label.en and s.description.id and s.description.en
        for lev in s.levers:
            # no hard-coded start: every preset lever starts at the run's budget start
            assert lev.start is None
    assert sc["fund_gap"].enrolment_months is None  # the pace limits enrolment, no extra delay


def test_presets_leave_unset_parameters_to_the_regency_assumptions():
    sc = validate_scenarios(_presets_raw(), "scenarios.yaml")
    add5 = sc["add_5"]
    assert add5.lapse_organic_pct_per_year is None
    assert add5.lapse_funded_pct_per_year is None
    assert add5.budget_realisation_mean_pct is None
    assert add5.payment_cycle == "monthly" and add5.payment_month == 1


def test_every_lever_type_with_its_defaults():
    levers = [
        {"type": "share_of_fund", "fund": "dd", "share_pct": 2.5, "start": "2026-01"},
        {"type": "quota_per_village", "persons_per_desa": 100, "include_kelurahan": True,
         "start": "2026-01", "growth_pct_per_year": 5, "end": "2030-12"},
        {"type": "apbd_amount", "level": "province", "amount_rp_per_year": 2_000_000_000,
         "start": "2026-07"},
        {"type": "fixed_cohort", "persons": 6000, "start": "2025-12"},
        {"type": "sppg_kitchens", "kitchens": 12, "start": "2026-03"},
        {"type": "fund_gap", "start": "2027-01", "payer": "village"},
    ]  # fmt: skip
    (s,) = validate_scenarios(_one(levers), "x.yaml").values()
    share, quota, apbd, cohort, sppg, gap = s.levers
    assert isinstance(share, ShareOfFund) and share.fund == "DD" and share.share_pct == 2.5
    assert share.growth_pct_per_year == 0.0 and share.end is None
    assert isinstance(quota, QuotaPerVillage) and quota.include_kelurahan
    assert quota.growth_pct_per_year == 5.0 and quota.end == pd.Period("2030-12", freq="M")
    assert isinstance(apbd, ApbdAmount) and apbd.payer == "province"
    assert apbd.amount_rp_per_year == 2e9
    assert isinstance(cohort, FixedCohort) and cohort.payer == "regency" and cohort.persons == 6000
    assert (
        isinstance(sppg, SppgKitchens)
        and sppg.workers_per_kitchen == 54
        and sppg.payer == "central"
    )
    assert isinstance(gap, FundGap) and gap.payer == "village"


def test_scenario_level_keys_short_forms_and_defaults_block():
    raw = {
        "version": 1,
        "defaults": {"lapse_pct_per_year": 12, "budget_realisation_pct": 95},
        "scenarios": {
            "a": {"label": LABEL},
            "b": {
                "label": LABEL,
                "lapse_pct_per_year": {"organic": 15, "funded": 20},
                "budget_realisation_pct": {"mean": 90, "sd": 4},
                "arrears_share_pct": 20,
                "arrears_months": 3,
                "payment_cycle": "annual",
                "payment_month": 4,
                "enrolment_months": 0,
            },
        },
    }
    sc = validate_scenarios(raw, "x.yaml")
    a, b = sc["a"], sc["b"]
    assert (a.lapse_organic_pct_per_year, a.lapse_funded_pct_per_year) == (12.0, 12.0)
    assert (a.budget_realisation_mean_pct, a.budget_realisation_sd_pct) == (95.0, 0.0)
    assert (b.lapse_organic_pct_per_year, b.lapse_funded_pct_per_year) == (15.0, 20.0)
    assert (b.budget_realisation_mean_pct, b.budget_realisation_sd_pct) == (90.0, 4.0)
    assert (b.arrears_share_pct, b.arrears_months) == (20.0, 3)
    assert (b.payment_cycle, b.payment_month, b.enrolment_months) == ("annual", 4, 0.0)
    assert list(sc) == ["a", "b"]


def test_scenarios_are_frozen_and_hashable():
    (s,) = validate_scenarios(
        _one([{"type": "fixed_cohort", "persons": 10, "start": "2026-01"}]), "x.yaml"
    ).values()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.arrears_share_pct = 5  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.levers[0].persons = 5  # type: ignore[misc]
    assert hash(s) == hash(copy.deepcopy(s))
    assert isinstance(s, Scenario)


# ------------------------------------------------------------------------------------------
# errors
# ------------------------------------------------------------------------------------------
def test_all_problems_are_listed_with_source_scenario_and_key():
    raw = {
        "scenarios": {
            "good": {"label": LABEL},
            "bad_a": {
                "label": LABEL,
                "colour": "red",  # unknown scenario key
                "levers": [
                    {"type": "share_of_fund", "fund": "ADD", "share_pct": -5, "start": "2026-01"},
                    {"type": "share_of_fund", "fund": "ADD", "share_pct": 120, "start": "2026-01"},
                    {"type": "share_of_fund", "fund": "APBN", "share_pct": 5, "start": "2026-01"},
                ],
            },
            "bad_b": {
                "label": LABEL,
                "levers": [
                    {"type": "magic_money", "start": "2026-01"},
                    {"type": "fixed_cohort", "persons": 10, "start": "2050-01"},
                    {"type": "fixed_cohort", "persons": 10, "start": "2026-01", "size": 3},
                ],
            },
        }
    }
    with pytest.raises(ScenarioError) as info:
        validate_scenarios(raw, "planner.yaml")
    err = info.value
    assert isinstance(err, ValueError)
    got = {(p.scenario, p.key) for p in err.problems}
    assert got == {
        ("bad_a", "colour"),
        ("bad_a", "levers[0].share_pct"),
        ("bad_a", "levers[1].share_pct"),
        ("bad_a", "levers[2].fund"),
        ("bad_b", "levers[0].type"),
        ("bad_b", "levers[1].start"),
        ("bad_b", "levers[2].size"),
    }
    text = str(err)
    lines = text.splitlines()
    assert len(lines) == 1 + 7
    assert "7 masalah" in lines[0] and "7 problems" in lines[0]
    for line in lines[1:]:
        assert line.startswith("planner.yaml, skenario 'bad_")
        assert "kunci '" in line and "expected" in line
    assert "kunci 'levers[0].share_pct', nilai '-5'" in text
    assert "nilai '120'" in text and "(0, 100]" in text
    assert "nilai 'APBN'" in text and "DD or ADD" in text
    assert "nilai 'magic_money'" in text and "share_of_fund" in text
    assert "horizon 2045-12" in text
    assert "kunci 'colour'" in text


def test_start_is_checked_against_the_horizon_argument():
    raw = _one([{"type": "fixed_cohort", "persons": 10, "start": "2031-01"}])
    assert validate_scenarios(raw, "x.yaml", horizon_end="2045-12")
    with pytest.raises(ScenarioError, match=r"levers\[0\]\.start.*2030-12"):
        validate_scenarios(raw, "x.yaml", horizon_end="2030-12")


@pytest.mark.parametrize(
    ("keys", "key"),
    [
        ({"lapse_pct_per_year": -1}, "lapse_pct_per_year"),
        ({"lapse_pct_per_year": {"organic": 100}}, "lapse_pct_per_year.organic"),
        ({"lapse_pct_per_year": {"funded": 5, "other": 1}}, "lapse_pct_per_year.other"),
        ({"arrears_share_pct": 101}, "arrears_share_pct"),
        ({"arrears_months": 13}, "arrears_months"),
        ({"arrears_months": 2.5}, "arrears_months"),
        ({"payment_cycle": "weekly"}, "payment_cycle"),
        ({"payment_month": 0}, "payment_month"),
        ({"budget_realisation_pct": {"mean": 90, "sd": -1}}, "budget_realisation_pct.sd"),
        ({"budget_realisation_pct": {"sd": 2}}, "budget_realisation_pct.mean"),
        ({"enrolment_months": True}, "enrolment_months"),
        ({"label": {"id": "x"}}, "label.en"),
        ({"levers": {"type": "fund_gap"}}, "levers"),
    ],
)
def test_impossible_scenario_values_name_the_key(keys, key):
    with pytest.raises(ScenarioError) as info:
        validate_scenarios(_one(**keys), "file.yaml")
    assert key in {p.key for p in info.value.problems}
    assert f"kunci '{key}'" in str(info.value)
    assert "skenario 's1'" in str(info.value) and "file.yaml" in str(info.value)


@pytest.mark.parametrize(
    ("lever", "key"),
    [
        ({"type": "share_of_fund", "fund": "ADD", "start": "2026-01"}, "levers[0].share_pct"),
        # start may be omitted (= the run's budget start) but must be a month when given
        ({"type": "share_of_fund", "fund": "ADD", "share_pct": 5, "start": "soon"},
         "levers[0].start"),
        ({"type": "share_of_fund", "fund": "ADD", "share_pct": 5, "start": "2026-13"},
         "levers[0].start"),
        ({"type": "share_of_fund", "fund": "ADD", "share_pct": 5, "start": "2026-01",
          "payer": "regency"}, "levers[0].payer"),
        ({"type": "quota_per_village", "persons_per_desa": -1, "start": "2026-01"},
         "levers[0].persons_per_desa"),
        ({"type": "quota_per_village", "persons_per_desa": 1, "start": "2026-01",
          "include_kelurahan": "yes"}, "levers[0].include_kelurahan"),
        ({"type": "apbd_amount", "level": "village", "amount_rp_per_year": 1, "start": "2026-01"},
         "levers[0].level"),
        ({"type": "fixed_cohort", "persons": 0, "start": "2026-01"}, "levers[0].persons"),
        ({"type": "fixed_cohort", "persons": 5, "start": "2026-01", "payer": "bank"},
         "levers[0].payer"),
        ({"type": "fixed_cohort", "persons": 5, "start": "2026-01", "end": "2025-01"},
         "levers[0].end"),
        ({"type": "fixed_cohort", "persons": 5, "start": "2026-01", "growth_pct_per_year": -100},
         "levers[0].growth_pct_per_year"),
        ({"type": "sppg_kitchens", "kitchens": 3, "workers_per_kitchen": 0, "start": "2026-01"},
         "levers[0].workers_per_kitchen"),
    ],
)  # fmt: skip
def test_impossible_lever_values_name_the_key(lever, key):
    with pytest.raises(ScenarioError) as info:
        validate_scenarios(_one([lever]), "file.yaml")
    assert key in {p.key for p in info.value.problems}
    assert f"kunci '{key}'" in str(info.value)


def test_top_level_problems():
    with pytest.raises(ScenarioError, match="kunci 'presets'"):
        validate_scenarios({"presets": {}, "scenarios": {"a": {"label": LABEL}}}, "t.yaml")
    with pytest.raises(ScenarioError, match="kunci 'scenarios'"):
        validate_scenarios({"version": 1}, "t.yaml")
    with pytest.raises(ScenarioError, match="kunci 'defaults.levers'"):
        validate_scenarios({"defaults": {"levers": []}, "scenarios": {"a": {"label": LABEL}}}, "t")
    with pytest.raises(ScenarioError, match="t.yaml"):
        validate_scenarios(["not", "a", "mapping"], "t.yaml")  # type: ignore[arg-type]


def test_lever_start_is_optional_and_the_pace_is_a_scenario_key():
    raw = _one(
        [{"type": "fund_gap"}, {"type": "fixed_cohort", "persons": 10, "end": "2030-12"}],
        enrolment_pace_per_village_month=4.17,
    )
    (s,) = validate_scenarios(raw, "x.yaml").values()
    gap, cohort = s.levers
    assert gap.start is None and cohort.start is None
    assert cohort.end == pd.Period("2030-12", freq="M")
    assert s.enrolment_pace_per_village_month == 4.17
    with pytest.raises(ScenarioError) as info:
        validate_scenarios(_one([], enrolment_pace_per_village_month=0), "x.yaml")
    assert info.value.problems[0].key == "enrolment_pace_per_village_month"
