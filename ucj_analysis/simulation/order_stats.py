"""Order statistics of the draws along the last axis, exact and at the cost of short sorts.

The engine keeps, every month, a few quantiles of each regency x scenario's draws: the
``k``-th smallest values of rows of ``n_draws`` numbers. numpy sorts a float32 row of at most
:data:`NETWORK_ROW` = 512 values with an in-register sorting network and a longer row with a
quicksort: measured on this project's 2-core machine, 1.6 ns per value for rows of 500 and
6-7 ns for rows of 513 to 1,024. At the reports' 1,000 draws the sort was the largest single
cost of the engine, and it made the engine's time grow faster than the number of draws.

:func:`order_statistics` sorts a row of 513-1,024 values as two halves (each within the
network) and selects each requested order statistic from the two sorted halves by a binary
search over how many values come from the first half (the classic k-th smallest of two sorted
arrays), vectorised over rows and requested positions. The values are the same ones a full
sort gives, bit for bit (an order statistic is one of the row's values, whatever the order of
ties). Rows of other lengths, fewer than :data:`MIN_ROWS` rows, and rows with a NaN (which
has no place in the order) are sorted whole. The engine takes a year of months' variables in
one call, so a call has hundreds of rows.
"""

from __future__ import annotations

import numpy as np

__all__ = ["NETWORK_ROW", "order_statistics"]

#: Longest float32 row numpy sorts with its sorting network (AVX-512 builds; elsewhere the
#: split costs two shorter sorts and a few gathers, and gives the same values).
NETWORK_ROW = 512
#: Fewest rows for which the split pays for its fixed cost (about 0.1 ms of numpy calls; a
#: regency's 7 scenarios sort faster whole).
MIN_ROWS = 64


def order_statistics(buf: np.ndarray, ks: np.ndarray) -> np.ndarray:
    """The ``ks``-th smallest values along the last axis of ``buf``.

    Parameters
    ----------
    buf : numpy.ndarray
        Values, C-contiguous, last axis the draws (any unit); **sorted in place** (whole, or
        each half of the last axis), so pass a scratch copy.
    ks : numpy.ndarray of int
        0-based positions in the sorted row, each in ``[0, buf.shape[-1])``.

    Returns
    -------
    numpy.ndarray
        Shape ``buf.shape[:-1] + (len(ks),)``, dtype of ``buf``: element ``[..., j]`` is what
        ``np.sort(buf, axis=-1)[..., ks[j]]`` is.
    """
    ks = np.asarray(ks, dtype=np.intp)
    n = buf.shape[-1]
    whole = (
        not NETWORK_ROW < n <= 2 * NETWORK_ROW
        or not buf.flags.c_contiguous
        or buf.size < MIN_ROWS * n
        or (buf.dtype.kind == "f" and bool(np.isnan(buf).any()))
    )
    if whole:
        buf.sort(axis=-1)
        return np.take(buf, ks, axis=-1)
    rows = buf.reshape(-1, n)
    na = (n + 1) // 2
    nb = n - na
    rows[:, :na].sort(axis=-1)
    rows[:, na:].sort(axis=-1)
    flat = rows.ravel()
    end = flat.size - 1  # indices of values not used are kept inside the array
    base_a = (np.arange(rows.shape[0], dtype=np.intp) * n)[:, None]  # (M, 1)
    base_b = base_a + na
    wanted = np.unique(ks)
    # a position right after another wanted one follows from that one's split (below); the
    # others are searched
    searched = wanted[~np.isin(wanted - 1, wanted)]
    count = searched[None, :] + 1  # how many of the smallest values make up the statistic
    # take i values from the first half and count - i from the second: i is the number of t in
    # [lo, hi) with a[t] < b[count - t - 1] (true for small t, false from some t on: a grows
    # with t, b[count - t - 1] shrinks), found by stepping down powers of two
    hi = np.broadcast_to(np.minimum(count, na), (rows.shape[0], len(searched)))
    i = np.broadcast_to(np.maximum(count - nb, 0), hi.shape).copy()
    b_of = base_b + count  # b[count - t - 1] sits at b_of - t - 1
    a_of = base_a - 1  # a[t] with t = cand - 1 sits at a_of + cand
    step = 1 << int(na).bit_length()
    while step:
        cand = np.minimum(i + step, hi)
        a = flat[np.maximum(a_of + cand, 0)]
        b = flat[np.minimum(b_of - cand, end)]
        take = (cand > i) & (a < b)
        np.copyto(i, cand, where=take)
        step >>= 1
    j = count - i
    last_a = flat[base_a + np.maximum(i - 1, 0)]
    last_b = flat[base_b + np.maximum(j - 1, 0)]
    value = np.where(i == 0, last_b, np.where(j == 0, last_a, np.maximum(last_a, last_b)))
    found = {int(k): value[:, c] for c, k in enumerate(searched)}
    i_of = {int(k): i[:, c] for c, k in enumerate(searched)}
    for k in (int(k) for k in wanted):  # ascending: the one before is known
        if k in found:
            continue
        ip = i_of[k - 1]
        jp = k - ip  # values taken before: ip from a, jp from b (k of them)
        next_a = np.where(ip < na, flat[np.minimum(base_a[:, 0] + ip, end)], np.inf)
        next_b = np.where(jp < nb, flat[np.minimum(base_b[:, 0] + jp, end)], np.inf)
        from_a = next_a <= next_b
        found[k] = np.where(from_a, next_a, next_b).astype(buf.dtype)
        i_of[k] = np.where(from_a, ip + 1, ip)
    out = np.stack([found[int(k)] for k in ks], axis=-1)
    return out.reshape(*buf.shape[:-1], len(ks))
