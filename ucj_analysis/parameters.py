"""Check a report notebook's parameters before any work, with one message naming each problem.

Every report notebook calls :func:`check_parameters` in the cell right after its ``parameters``
cell, so a planner running it in JupyterLab, with plain papermill (``-p n_draws many``) or
through ``ucj batch`` gets the same clear message, naming the parameter and the value, before
anything is loaded or simulated. Bounds keep memory and time bounded for any accepted value.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

import pandas as pd

from ucj_analysis import i18n

__all__ = ["ParameterProblem", "check_parameters", "LIMITS"]

#: Accepted ranges: name -> (low, high) [unit of the parameter].
LIMITS: dict[str, tuple[Any, Any]] = {
    "n_draws": (10, 20_000),  # Monte Carlo draws; 20,000 x 6 scenarios stays under ~1 GiB
    "target_pct": (0.0, 100.0),  # [%], low exclusive
    "horizon_end": ("2000-01", "2100-12"),  # [YYYY-MM]
    "seed": (0, 2**32 - 1),
}


#: The payers a ``payer`` parameter accepts.
PAYERS = ("regency", "village", "province", "central")


def _say(key: str, lang: str | None, **kw: Any) -> str:
    """Catalogue text ``key`` in ``lang``, or in both languages when ``lang`` is not valid."""
    return i18n.t(key, lang, **kw) if lang in i18n.SUPPORTED_LANGS else i18n.both(key, **kw)


class ParameterProblem(ValueError):
    """Every problem found in a notebook's parameters.

    In the notebook's language (its ``lang`` parameter), in Indonesian and English when that
    parameter is missing or not valid.
    """

    def __init__(self, problems: list[str], lang: str | None = None):
        self.problems = problems
        text = "\n".join(f"  - {p}" for p in problems)
        super().__init__(_say("param.invalid", lang, n=len(problems), problems=text))


def _month(v: Any) -> pd.Period:
    if not isinstance(v, str) or len(v.strip()) != 7:
        raise ValueError
    return pd.Period(v.strip(), freq="M")


def _int(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int | float) or int(v) != v:
        raise ValueError
    return int(v)


def _float(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise ValueError
    return float(v)


def _add(problems: list[str], name: str, value: Any, expected: str) -> None:
    problems.append(f"{name} = {value!r}: {expected}")


def check_parameters(**values: Any) -> None:
    """Validate the parameters a report notebook declares.

    Parameters
    ----------
    **values
        Parameter name -> value as the notebook received it. Known names are checked
        (``n_draws, seed, target_pct, deadline, deadlines, horizon_end, as_of, budget_start,
        lang, scenarios, regency, rank_by, payer``); others pass.

    Raises
    ------
    ParameterProblem
        Listing every problem at once: the parameter, the value and what is expected.
    """
    problems: list[str] = []

    lang = values.get("lang") if values.get("lang") in i18n.SUPPORTED_LANGS else None

    def say(key: str, **kw: Any) -> str:
        return _say(key, lang, **kw)

    def check(name: str, conv: Callable[[Any], Any], expected: str):
        if name not in values:
            return None
        try:
            return conv(values[name])
        except (TypeError, ValueError):
            _add(problems, name, values[name], expected)
            return None

    n = check("n_draws", _int, say("param.whole_number_eg"))
    if n is not None and not LIMITS["n_draws"][0] <= n <= LIMITS["n_draws"][1]:
        lo, hi = LIMITS["n_draws"]
        _add(problems, "n_draws", n, say("param.between", lo=lo, hi=hi))
    seed = check("seed", _int, say("param.whole_number"))
    if seed is not None and not 0 <= seed <= LIMITS["seed"][1]:
        _add(problems, "seed", seed, "0 .. 4294967295")
    t = check("target_pct", _float, say("param.pct_number"))
    if t is not None and not 0.0 < t <= 100.0:
        _add(problems, "target_pct", t, say("param.pct_range"))
    horizon = check("horizon_end", _month, say("param.month", example="2045-12"))
    if horizon is not None:
        lo, hi = (pd.Period(x, freq="M") for x in LIMITS["horizon_end"])
        if not lo <= horizon <= hi:
            _add(problems, "horizon_end", values["horizon_end"], say("param.between", lo=lo, hi=hi))
    dl = check("deadline", _month, say("param.month", example="2030-12"))
    if "deadlines" in values:
        v = values["deadlines"]
        if not isinstance(v, list | tuple):
            _add(problems, "deadlines", v, say("param.month_list"))
        else:
            for d in v:
                try:
                    m = _month(d)
                except (TypeError, ValueError):
                    _add(problems, "deadlines", d, say("param.month", example="2030-12"))
                    continue
                if horizon is not None and m > horizon:
                    limit = f"horizon_end {horizon}"
                    _add(problems, "deadlines", d, say("param.not_after", limit=limit))
    if dl is not None and horizon is not None and dl > horizon:
        _add(problems, "deadline", values["deadline"], say("param.not_after", limit=horizon))
    run = None
    if values.get("as_of") not in (None, ""):
        try:
            run = _dt.date.fromisoformat(str(values["as_of"]).strip())
        except ValueError:
            _add(problems, "as_of", values["as_of"], say("param.date_or_empty"))
    if values.get("budget_start") not in (None, ""):
        try:
            bs = _month(values["budget_start"])
        except (TypeError, ValueError):
            _add(problems, "budget_start", values["budget_start"], say("param.month_or_empty"))
        else:
            today = pd.Period(run or _dt.date.today(), freq="M")
            if bs < today:
                _add(
                    problems,
                    "budget_start",
                    values["budget_start"],
                    say("param.not_before_run", month=today),
                )
    if "lang" in values and lang is None:
        _add(problems, "lang", values["lang"], say("param.lang"))
    if "scenarios" in values and not isinstance(values["scenarios"], list | tuple):
        _add(problems, "scenarios", values["scenarios"], say("param.list"))
    if "payer" in values and values["payer"] not in PAYERS:
        _add(problems, "payer", values["payer"], " | ".join(PAYERS))
    for name in ("regency", "rank_by"):
        if name in values and (not isinstance(values[name], str) or not values[name].strip()):
            _add(problems, name, values[name], say("param.name"))
    if problems:
        raise ParameterProblem(problems, lang)
