"""Workers reached by funded places spread evenly over villages whose uncovered pools vary.

:func:`matched_persons` is the soft minimum the engine uses for village places of a regency
without a village file (and for the villages of a village file that give no figure).
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr

__all__ = ["matched_persons"]


def matched_persons(places: np.ndarray, pool: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """Workers reached by places spread evenly over villages whose uncovered pools vary.

    With the pool per village lognormal (mean ``pool / n``, log-sd ``sigma``) and ``places / n``
    places per village, the workers reached are ``n E[min(places / n, pool_v)]``::

        pool * Phi((ln x - sigma^2 / 2) / sigma) + places * Phi(-(ln x + sigma^2 / 2) / sigma)

    with ``x = places / pool``; ``sigma = 0`` gives ``min(places, pool)``. The result is
    non-decreasing in both arguments, at most ``min(places, pool)``, and its derivative in
    ``pool`` is at most 1.

    Parameters
    ----------
    places, pool : numpy.ndarray
        Funded places and uncovered workers (broadcastable). [persons]
    sigma : numpy.ndarray
        Log-sd of the pool across villages, ``sqrt(log(1 + cv^2))`` (broadcastable).

    Returns
    -------
    numpy.ndarray
        [persons]
    """
    places, pool, sigma = np.broadcast_arrays(
        np.asarray(places, dtype=float), np.asarray(pool, dtype=float), np.asarray(sigma, float)
    )
    hard = np.minimum(places, pool)
    soft_mask = sigma > 0
    if not soft_mask.any():
        return hard
    s = np.where(soft_mask, sigma, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        lx = np.log(places) - np.log(pool)
        a = (lx - 0.5 * s * s) / s
        b = (lx + 0.5 * s * s) / s
        soft = pool * ndtr(a) + places * ndtr(-b)
    soft = np.where((places > 0) & (pool > 0), soft, 0.0)
    return np.where(soft_mask, np.minimum(soft, hard), hard)
