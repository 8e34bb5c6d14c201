"""The pooled trend's backtest is computed once per data set and shared through UCJ_CACHE_DIR."""

from __future__ import annotations

import pandas as pd
import pytest

from ucj_analysis.report import data as D


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("UCJ_CACHE_DIR", str(tmp_path / "cache"))
    D.reload()
    yield tmp_path / "cache"
    D.reload()


def test_backtest_is_read_back_from_disk_by_another_kernel(cache_dir, monkeypatch):
    fp = D.data_fingerprint("")
    first = D._backtest("", fp)
    files = list(cache_dir.glob("backtest-*.pkl"))
    assert len(files) == 1
    # a new kernel: empty memory cache, and computing again would fail loudly
    D.reload()

    def boom(*a, **k):
        raise AssertionError("the backtest was recomputed instead of read from the cache")

    monkeypatch.setattr(D, "pooled_backtest", boom)
    second = D._backtest("", fp)
    pd.testing.assert_frame_equal(first, second)


def test_a_damaged_cache_file_is_recomputed(cache_dir):
    fp = D.data_fingerprint("")
    D._backtest("", fp)
    (path,) = cache_dir.glob("backtest-*.pkl")
    path.write_bytes(b"not a pickle")
    D.reload()
    out = D._backtest("", fp)
    assert len(out) > 0 and path.is_file() and path.stat().st_size > 100


def test_the_backtest_is_capped(monkeypatch):
    seen = {}
    real = D.pooled_backtest

    def spy(panel, **kw):
        seen.update(kw)
        return real(panel, **kw)

    monkeypatch.delenv("UCJ_CACHE_DIR", raising=False)
    monkeypatch.setattr(D, "pooled_backtest", spy)
    D.reload()
    D._backtest("", D.data_fingerprint(""))
    D.reload()
    assert seen["max_series"] == D.MAX_BACKTEST_SERIES == 12


def test_capped_backtest_keeps_national_then_the_longest_regency_series():
    from ucj_analysis.models.pooled import pooled_backtest

    rows = []
    dates = pd.date_range("2015-12-31", periods=8, freq="YE")
    for unit, level, n in (("Indonesia", "nation", 8), ("A", "regency", 5), ("B", "regency", 7)):
        for i, d in enumerate(dates[:n]):
            rows.append(
                {
                    "unit": unit,
                    "level": level,
                    "province": "P",
                    "date": d,
                    "coverage": 0.30 + 0.02 * i,
                    "quality": "observed",
                }
            )
    panel = pd.DataFrame(rows)
    full = pooled_backtest(panel)
    capped = pooled_backtest(panel, max_series=2)
    assert set(full["series"]) == {"Indonesia", "A", "B"}
    assert set(capped["series"]) == {"Indonesia", "B"}  # B has more figures than A
