"""Order statistics from two sorted halves equal those of a full sort, value for value."""

from __future__ import annotations

import numpy as np
import pytest

from ucj_analysis.simulation.order_stats import MIN_ROWS, NETWORK_ROW, order_statistics


def _reference(x: np.ndarray, ks: np.ndarray) -> np.ndarray:
    return np.take(np.sort(x, axis=-1), ks, axis=-1)


def _quantile_positions(n: int, qs=(0.1, 0.5, 0.9)) -> np.ndarray:
    lo = np.floor(np.asarray(qs) * (n - 1)).astype(int)
    return np.concatenate([lo, np.minimum(lo + 1, n - 1)])


@pytest.mark.parametrize("n", [513, 600, 999, 1000, 1001, 1024])
@pytest.mark.parametrize("kind", ["uniform", "ties", "coarse"])
def test_split_rows_give_the_values_of_a_full_sort(n, kind):
    rng = np.random.default_rng(n)
    shape = (12, 7, n)  # 84 rows: above MIN_ROWS, so the rows are split
    assert shape[0] * shape[1] >= MIN_ROWS and NETWORK_ROW < n <= 2 * NETWORK_ROW
    if kind == "uniform":
        x = rng.random(shape).astype(np.float32)
    elif kind == "ties":  # five distinct values: most order statistics are ties
        x = rng.integers(0, 5, shape).astype(np.float32)
    else:  # one half far below the other in some rows: every value from one half
        x = rng.normal(size=shape).astype(np.float32)
        x[::2, :, : (n + 1) // 2] -= 100.0
        x[1::2, :, (n + 1) // 2 :] -= 100.0
    ks = np.concatenate([_quantile_positions(n), [0, 1, n - 2, n - 1, n // 2, n // 2]])
    got = order_statistics(x.copy(), ks)
    assert got.dtype == np.float32
    assert got.shape == (12, 7, len(ks))
    np.testing.assert_array_equal(got, _reference(x, ks))


def test_every_position_of_a_split_row():
    rng = np.random.default_rng(5)
    x = np.round(rng.normal(size=(MIN_ROWS, 700)), 1).astype(np.float32)
    ks = np.arange(700)
    np.testing.assert_array_equal(order_statistics(x.copy(), ks), np.sort(x, axis=-1))


def test_known_values():
    # rows 0..999 shuffled: the k-th smallest is k
    rng = np.random.default_rng(1)
    x = np.stack([rng.permutation(1000) for _ in range(MIN_ROWS)]).astype(np.float32)
    ks = np.array([99, 100, 499, 500, 899, 900])
    got = order_statistics(x, ks)
    assert (got == ks.astype(np.float32)).all()


@pytest.mark.parametrize(
    "shape",
    [(MIN_ROWS, 512), (MIN_ROWS, 1025), (3, 7, 1000), (MIN_ROWS, 10)],
    ids=["network-length", "too-long", "few-rows", "short"],
)
def test_other_rows_are_sorted_whole(shape):
    rng = np.random.default_rng(2)
    x = rng.random(shape).astype(np.float32)
    n = shape[-1]
    ks = _quantile_positions(n)
    buf = x.copy()
    np.testing.assert_array_equal(order_statistics(buf, ks), _reference(x, ks))
    np.testing.assert_array_equal(buf, np.sort(x, axis=-1))  # sorted whole, in place


def test_a_nan_sorts_the_rows_whole():
    rng = np.random.default_rng(3)
    x = rng.random((MIN_ROWS, 1000)).astype(np.float32)
    x[7, 3] = np.nan
    ks = _quantile_positions(1000)
    got = order_statistics(x.copy(), ks)
    np.testing.assert_array_equal(got, _reference(x, ks))  # NaN last in the row, as np.sort
