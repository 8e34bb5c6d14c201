"""Notebook parameters are checked before any work, with every problem named at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import papermill as pm
import pytest

from ucj_analysis.parameters import ParameterProblem, check_parameters

ROOT = Path(__file__).resolve().parents[1]


def test_good_parameters_pass():
    check_parameters(
        regency="Konawe",
        target_pct=99.5,
        deadlines=["2027-12", "2030-12"],
        horizon_end="2045-12",
        n_draws=1000,
        seed=20251,
        as_of="2026-11-29",
        budget_start="",
        lang="id",
        scenarios=[],
    )


def test_every_problem_is_named_at_once():
    # the values planners typed in the field reports: text for a number, a bare month for a
    # list, a decimal comma, an absurd horizon and a draw count that would exhaust memory
    with pytest.raises(ParameterProblem) as err:
        check_parameters(
            n_draws="many",
            deadlines="2030-12",
            target_pct="99,5",
            horizon_end="9999-12",
            lang="jv",
        )
    text = str(err.value)
    assert len(err.value.problems) == 5
    for fragment in (
        "n_draws = 'many'",
        "deadlines = '2030-12'",
        "target_pct = '99,5'",
        "horizon_end = '9999-12'",
        "lang = 'jv'",
    ):
        assert fragment in text


@pytest.mark.parametrize(
    ("name", "value"),
    [("n_draws", 100_000_000), ("n_draws", 0), ("target_pct", 0), ("target_pct", 120.0)],
)
def test_bounds(name, value):
    with pytest.raises(ParameterProblem, match=name):
        check_parameters(**{name: value})


def test_budget_start_cannot_lie_before_the_run_month():
    with pytest.raises(ParameterProblem, match="budget_start"):
        check_parameters(as_of="2026-11-29", budget_start="2026-01")
    check_parameters(as_of="2026-11-29", budget_start="2027-01")


@pytest.mark.slow
def test_plain_papermill_gets_the_message_before_any_work(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", "ucj"],
        check=True,
        capture_output=True,
    )
    with pytest.raises(pm.PapermillExecutionError) as err:
        pm.execute_notebook(
            str(ROOT / "notebooks" / "02_regency_forecast.ipynb"),
            str(tmp_path / "out.ipynb"),
            parameters={"n_draws": "many", "target_pct": "99,5"},
            kernel_name="ucj",
            progress_bar=False,
        )
    assert err.value.ename == "ParameterProblem"
    assert "n_draws = 'many'" in err.value.evalue and "target_pct = '99,5'" in err.value.evalue
    # it failed in the check cell right after the (injected) parameters, before loading data
    assert err.value.source.startswith("from ucj_analysis.parameters import check_parameters")
    assert err.value.exec_count == 3
