"""The uncertain parameters of each draw, from the regency's own random stream.

One stream per regency, seeded by ``(seed, crc32(regency))`` and shared by all scenarios
(common random numbers). A parameter with a range in ``assumptions.csv`` is drawn from the
triangular distribution (low, mode = central, high); draws are clipped to ``_BOUNDS``.
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np

from ucj_analysis.inputs import UNCERTAIN_PARAMETERS, RegencyInputs
from ucj_analysis.simulation.villages import village_rows_of, village_seed

__all__ = ["parameter_draws"]


def _regency_seed(seed: int, regency: str) -> np.random.SeedSequence:
    return np.random.SeedSequence([int(seed) & 0xFFFFFFFF, zlib.crc32(regency.encode("utf-8"))])


def _triangular(u: np.ndarray, low: float, mode: float, high: float) -> np.ndarray:
    """Inverse CDF of the triangular distribution (low, mode, high) at ``u`` in [0, 1).

    ``low = high`` gives the point value ``mode``. Mean ``(low + mode + high) / 3``.
    """
    u = np.asarray(u, dtype=float)
    if not high > low:
        return np.full(u.shape, float(mode))
    width = high - low
    f_mode = (mode - low) / width
    left = low + np.sqrt(u * width * (mode - low))
    right = high - np.sqrt((1.0 - u) * width * (high - mode))
    return np.where(u < f_mode, left, right)


#: Bounds of the drawn parameters (canonical units): draws are clipped to them.
_BOUNDS = {
    "lapse_funded_pct_per_year": (0.0, 100.0),
    "arrears_share_pct": (0.0, 100.0),
    "arrears_months": (0.0, 12.0),
    "budget_realisation_mean_pct": (0.0, 100.0),
    "village_pool_cv": (0.0, np.inf),
    "enrolment_pace_per_village_month": (0.0, np.inf),
}


def parameter_draws(
    inp: RegencyInputs, trend: Any, n_draws: int, seed: int
) -> dict[str, np.ndarray]:
    """Random inputs of one regency, shared by all scenarios (common random numbers).

    Parameters
    ----------
    inp : RegencyInputs
    trend : numpy.ndarray, float or object with ``draws(n, seed)``
        Annual logit-slope draws. An array with at least ``n_draws`` values is used as is (first
        ``n_draws``); a shorter one is resampled with replacement from the regency's stream.
    n_draws : int
    seed : int

    Returns
    -------
    dict
        ``slope`` [logit per year], ``growth`` [per year], ``z_realisation`` (standard normal,
        used with a scenario's realisation sd) and one array per name in
        :data:`ucj_analysis.inputs.UNCERTAIN_PARAMETERS` in its canonical unit
        (``lapse_funded_pct_per_year`` [%/year], ``arrears_share_pct`` [%], ``arrears_months``
        [months], ``budget_realisation_mean_pct`` [%], ``village_pool_cv`` [ratio],
        ``enrolment_pace_per_village_month`` [persons per village per month]): triangular
        (low, mode = central, high) where ``inp.ranges`` has a range, else the point value
        (budget realisation without a range: ``N(mean, sd)`` with the inputs' sd), each of
        length ``n_draws``. The same random numbers are drawn whether or not a range is given.
        With a village file (``inputs.villages``) also ``village_seed`` (int), the seed of the
        villages' own random numbers.
    """
    ss = _regency_seed(seed, inp.regency)
    rng = np.random.default_rng(ss)
    z_g = rng.standard_normal(n_draws)
    z_r = rng.standard_normal(n_draws)
    u = rng.random((len(UNCERTAIN_PARAMETERS), n_draws))
    if hasattr(trend, "draws") and callable(trend.draws):
        slopes = np.asarray(trend.draws(n_draws, int(ss.generate_state(1)[0])), dtype=float)
    else:
        slopes = np.atleast_1d(np.asarray(trend, dtype=float)).ravel()
    if slopes.size == 0 or not np.all(np.isfinite(slopes)):
        raise ValueError(f"{inp.regency}: trend slope draws must be finite and non-empty")
    if slopes.size >= n_draws:
        slopes = slopes[:n_draws].copy()
    else:
        slopes = slopes[rng.integers(0, slopes.size, n_draws)]
    growth = inp.workforce_growth + inp.workforce_growth_sd * z_g
    growth = np.maximum(growth, -0.5)
    out = {"slope": slopes, "growth": growth, "z_realisation": z_r}
    for j, name in enumerate(UNCERTAIN_PARAMETERS):
        lo, central, hi = inp.range_of(name)
        x = _triangular(u[j], lo, central, hi)
        if name == "budget_realisation_mean_pct" and not hi > lo:
            x = central + inp.budget_realisation_sd_pct * z_r
        out[name] = np.clip(x, *_BOUNDS[name])
    if village_rows_of(inp) is not None:
        # the villages' own random numbers (late payment per village and year) come from a
        # separate stream, so the draws above are the same with or without a village file
        out["village_seed"] = village_seed(seed, inp.regency)
    return out
