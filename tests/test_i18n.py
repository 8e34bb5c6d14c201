"""Tests for ucj_analysis.i18n: exact strings in Indonesian and English."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from ucj_analysis import i18n
from ucj_analysis.i18n import (
    LABELS,
    SUPPORTED_LANGS,
    format_date,
    format_month,
    format_number,
    format_pct,
    format_rp,
    format_table,
    t,
    translate_value,
)
from ucj_analysis.plots.ticks import month_axis, pct_formatter, rp_formatter


# ------------------------------------------------------------------------------------------
# money
@pytest.mark.parametrize(
    ("x", "id_text", "en_text"),
    [
        (10_430_000_000, "Rp 10,4 miliar", "IDR 10.4 billion"),
        (616_300_000, "Rp 616,3 juta", "IDR 616.3 million"),
        (201_600, "Rp 201.600", "IDR 201,600"),
        (1_200_000_000_000, "Rp 1,2 triliun", "IDR 1.2 trillion"),
        (5_990_000_000, "Rp 6,0 miliar", "IDR 6.0 billion"),
        (20_200_000, "Rp 20,2 juta", "IDR 20.2 million"),
        (16_800, "Rp 16.800", "IDR 16,800"),
        (0, "Rp 0", "IDR 0"),
        (-616_300_000, "-Rp 616,3 juta", "-IDR 616.3 million"),
        (-201_600, "-Rp 201.600", "-IDR 201,600"),
        (np.int64(79_388_000), "Rp 79,4 juta", "IDR 79.4 million"),
        (pd.NA, "—", "—"),
        (np.nan, "—", "—"),
        (None, "—", "—"),
    ],
)
def test_format_rp(x, id_text, en_text):
    assert format_rp(x) == id_text
    assert format_rp(x, "id") == id_text
    assert format_rp(x, lang="en") == en_text


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (999_960_000, "Rp 1,0 miliar"),  # rounding to 1000,0 juta moves up a unit
        (999_940_000, "Rp 1,0 miliar"),  # 0,99994 miliar rounds to 1,0
        (949_000_000, "Rp 949,0 juta"),
        (999_999, "Rp 1,0 juta"),
        (949_999, "Rp 949.999"),
        (201_600.5, "Rp 201.601"),  # half up, not banker's rounding
        (201_601.5, "Rp 201.602"),
    ],
)
def test_format_rp_unit_boundaries(x, expected):
    assert format_rp(x) == expected


def test_format_rp_fixed_units_and_options():
    assert format_rp(10_430_000_000, unit="juta") == "Rp 10.430,0 juta"
    assert format_rp(10_430_000_000, "en", unit="million", decimals=0) == "IDR 10,430 million"
    assert format_rp(10_430_000_000, unit="full") == "Rp 10.430.000.000"
    assert format_rp(5_000_000_000, trim=True) == "Rp 5 miliar"
    assert format_rp(5_000_000_000, decimals=2) == "Rp 5,00 miliar"
    assert format_rp(3_100_000_000, signed=True) == "+Rp 3,1 miliar"
    assert format_rp(201_600, unit="ribu") == "Rp 201,6 ribu"
    with pytest.raises(ValueError, match="'crore'"):
        format_rp(1, unit="crore")


# ------------------------------------------------------------------------------------------
# numbers and percentages
@pytest.mark.parametrize(
    ("x", "dec", "id_text", "en_text"),
    [
        (79_388, 0, "79.388", "79,388"),
        (51_752, 0, "51.752", "51,752"),
        (1_234_567.891, 2, "1.234.567,89", "1,234,567.89"),
        (0, 0, "0", "0"),
        (-79_388, 0, "-79.388", "-79,388"),
        (-0.04, 1, "0,0", "0.0"),  # no negative zero
        (2.5, 0, "3", "3"),
        (np.nan, 0, "—", "—"),
    ],
)
def test_format_number(x, dec, id_text, en_text):
    assert format_number(x, "id", dec) == id_text
    assert format_number(x, "en", decimals=dec) == en_text


def test_format_number_signed_and_trim():
    assert format_number(7, "id", signed=True) == "+7"
    assert format_number(-7, "id", signed=True) == "-7"
    assert format_number(0, "id", signed=True) == "0"
    assert format_number(0.05, "id", 3, trim=True) == "0,05"
    assert format_number(2.0, "en", 2, trim=True) == "2"


@pytest.mark.parametrize(
    ("x", "dec", "id_text", "en_text"),
    [
        (34.81, 1, "34,8 %", "34.8%"),
        (99.5, 1, "99,5 %", "99.5%"),
        (34.85, 1, "34,9 %", "34.9%"),  # half up on the value as written
        (43.59, 2, "43,59 %", "43.59%"),
        (100, 0, "100 %", "100%"),
        (0, 1, "0,0 %", "0.0%"),
        (-2.5, 1, "-2,5 %", "-2.5%"),
        (np.nan, 1, "—", "—"),
        (None, 1, "—", "—"),
    ],
)
def test_format_pct(x, dec, id_text, en_text):
    assert format_pct(x, "id", dec) == id_text
    assert format_pct(x, "en", dec) == en_text


def test_format_pct_default_one_decimal():
    assert format_pct(34.81) == "34,8 %"


def test_non_numbers_rejected():
    with pytest.raises(TypeError, match="expected a number"):
        format_number("34,81")
    with pytest.raises(TypeError):
        format_pct(True)
    with pytest.raises(ValueError, match="infinite"):
        format_rp(float("inf"))


# ------------------------------------------------------------------------------------------
# months and dates
@pytest.mark.parametrize(
    "value",
    [
        pd.Period("2030-12", freq="M"),
        pd.Timestamp("2030-12-31"),
        "2030-12",
        "2030-12-31",
        dt.date(2030, 12, 1),
        np.datetime64("2030-12-15"),
    ],
)
def test_format_month_inputs(value):
    assert format_month(value) == "Desember 2030"
    assert format_month(value, "en") == "December 2030"
    assert format_month(value, short=True) == "Des 2030"
    assert format_month(value, "en", short=True) == "Dec 2030"


@pytest.mark.parametrize("value", [None, pd.NaT, np.nan, pd.NA, ""])
def test_format_month_missing(value):
    assert format_month(value) == "—"
    assert format_month(value, "en", short=True) == "—"


def test_all_month_names():
    ids = [format_month(pd.Period(f"2025-{m:02d}", "M"), short=True) for m in range(1, 13)]
    short = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    assert ids == [f"{m} 2025" for m in short]
    assert format_month("2025-08", "id") == "Agustus 2025"
    assert format_month("2025-05", "en") == "May 2025"


def test_format_month_bad_input():
    with pytest.raises(ValueError, match="month"):
        format_month("Desember")
    with pytest.raises(TypeError):
        format_month(2030)


def test_format_date():
    assert format_date("2025-04-30") == "30 April 2025"
    assert format_date(pd.Timestamp("2025-08-17"), "en") == "17 August 2025"
    assert format_date(dt.date(2025, 8, 17), "id", short=True) == "17 Agu 2025"
    assert format_date(pd.Period("2025-04", "M")) == "April 2025"
    assert format_date(pd.NaT) == "—"


# ------------------------------------------------------------------------------------------
# labels
def test_every_label_has_both_languages():
    for key, entry in LABELS.items():
        assert set(entry) == set(SUPPORTED_LANGS), key
        for lang in SUPPORTED_LANGS:
            assert isinstance(entry[lang], str) and entry[lang].strip(), (key, lang)
        # the same placeholders in both languages
        import string

        fields = {
            lang: {f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f}
            for lang in SUPPORTED_LANGS
        }
        assert fields["id"] == fields["en"], key


def test_required_labels():
    assert t("quality.observed") == "teramati"
    assert t("quality.derived") == "turunan"
    assert t("quality.assumed") == "asumsi"
    assert t("quality.assumed", "en") == "assumed"
    assert (
        t("not_reached_by", "id", month="Desember 2045") == "tidak tercapai sebelum Desember 2045"
    )
    assert t("not_reached_by", "en", month="December 2045") == "not reached by December 2045"
    assert t("method.own_trend") == "tren sendiri"
    assert t("method.borrowed_growth") == "laju pertumbuhan dari wilayah lain (gabungan)"
    assert t("method.borrowed_growth", "en") == "borrowed growth (pooled)"
    assert t("axis.coverage_pct") == "Cakupan peserta aktif (%)"
    assert t("axis.month") == "Bulan"
    assert t("target_line", pct=format_pct(99.5)) == "Target 99,5 %"


def test_label_errors_name_key_and_language():
    with pytest.raises(KeyError, match=r"'axis\.coverage'.*'en'.*axis\.coverage_pct"):
        t("axis.coverage", "en")
    with pytest.raises(ValueError, match="'fr'"):
        t("axis.month", "fr")
    with pytest.raises(KeyError, match=r"'not_reached_by'.*'month'"):
        t("not_reached_by", "id", regency="Konawe")  # placeholder 'month' not given
    # without arguments the template itself is returned (for callers that format later)
    assert t("not_reached_by", "id") == "tidak tercapai sebelum {month}"


def test_labels_missing_language_entry(monkeypatch):
    monkeypatch.setitem(i18n.LABELS, "only_id", {"id": "hanya"})
    with pytest.raises(KeyError, match=r"'only_id'.*'en'"):
        t("only_id", "en")


@pytest.mark.parametrize("bad", ["fr", "ID-id", "", None, 1])
def test_check_lang(bad):
    with pytest.raises(ValueError, match="Unsupported language"):
        format_pct(1.0, bad)


def test_check_lang_normalises():
    assert i18n.check_lang(" EN ") == "en"


def test_translate_value():
    assert translate_value("quality", "assumed") == "asumsi"
    assert translate_value("quality", "Observed", "en") == "observed"
    assert translate_value("method", "own trend") == "tren sendiri"
    assert translate_value("method", "borrowed growth", "en") == "borrowed growth (pooled)"
    assert translate_value("status", "not_reached") == "tidak tercapai"
    assert translate_value("feasible", False, "en") == "no"
    assert translate_value("quality", "unknown_flag") == "unknown_flag"
    assert translate_value("quality", None) == "—"


# ------------------------------------------------------------------------------------------
# tables
def _ttt_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "regency": ["Konawe", "Banggai"],
            "median_month": pd.PeriodIndex(["2031-03", None], freq="M"),
            "reached_share": [0.834, 0.2],
            "budget_rp_per_year": [5_990_000_000, np.nan],
            "persons": pd.array([29_700, None], dtype="Int64"),
            "coverage_pct": [34.81, np.nan],
            "quality": ["observed", "assumed"],
            "status": ["reached", "not_reached"],
            "note": ["a", None],
        }
    )


def test_format_table_indonesian():
    df = _ttt_frame()
    out = format_table(
        df,
        "id",
        {
            "median_month": "month",
            "reached_share": "share:0",
            "budget_rp_per_year": "rp",
            "persons": "number",
            "coverage_pct": "pct:2",
            "quality": "quality",
            "status": "status",
        },
    )
    assert list(out.columns) == [
        "Kabupaten",
        "Bulan tercapai (median)",
        "Peluang tercapai dalam horizon",
        "Anggaran per tahun",
        "persons",
        "Cakupan",
        "Kualitas data",
        "Status",
        "Catatan",
    ]
    assert out.iloc[0].tolist() == [
        "Konawe",
        "Maret 2031",
        "83 %",
        "Rp 6,0 miliar",
        "29.700",
        "34,81 %",
        "teramati",
        "tercapai",
        "a",
    ]
    assert out.iloc[1].tolist() == [
        "Banggai",
        "—",
        "20 %",
        "—",
        "—",
        "—",
        "asumsi",
        "tidak tercapai",
        "—",
    ]
    assert df["reached_share"].iloc[0] == 0.834  # input untouched


def test_format_table_english_and_headers():
    out = format_table(
        _ttt_frame()[["regency", "median_month", "persons"]],
        "en",
        {"median_month": "month_short", "persons": lambda v: f"{v} people"},
        headers={"persons": "Workers"},
    )
    assert list(out.columns) == ["Regency", "Month reached (median)", "Workers"]
    assert out.iloc[0].tolist() == ["Konawe", "Mar 2031", "29700 people"]
    assert out.iloc[1].tolist() == ["Banggai", "—", "—"]


def test_format_table_errors():
    with pytest.raises(KeyError, match="nope"):
        format_table(_ttt_frame(), "id", {"nope": "rp"})
    with pytest.raises(ValueError, match="Unknown table format"):
        format_table(_ttt_frame(), "id", {"regency": "currency"})


# ------------------------------------------------------------------------------------------
# tick formatters (ucj_analysis.plots.ticks); i18n itself needs no plotting library
def test_bounds_clock_and_unit_labels():
    assert i18n.format_pct_bound("<", 1, "id") == "< 1 %"
    assert i18n.format_pct_bound(">", 99, "en") == ">99%"
    assert i18n.format_clock(9, 5, "id") == "09.05"
    assert i18n.format_clock(14, 30, "en") == "14:30"
    assert [i18n.rp_unit_label(u, "id") for u in ("trillion", "miliar", "million", "full")] == [
        "Rp triliun",
        "Rp miliar",
        "Rp juta",
        "Rp",
    ]
    assert i18n.rp_unit_label("billion", "en") == "IDR billion"
    assert i18n.rp_unit_label("full", "en") == "IDR"
    with pytest.raises(ValueError, match="fixed unit"):
        i18n.rp_unit_label("auto", "id")
    with pytest.raises(ValueError):
        i18n.format_pct_bound("=", 1, "id")


def test_i18n_imports_without_matplotlib():
    code = (
        "import sys; import ucj_analysis.i18n as i; "
        "assert i.format_pct(34.85, 'id') == '34,9 %'; "
        "print('matplotlib' in sys.modules, 'ucj_analysis.plots' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_tick_formatters_live_in_plots_ticks_only():
    for name in ("pct_formatter", "rp_formatter", "month_axis", "RpFormatter", "MonthFormatter"):
        assert not hasattr(i18n, name), name


def test_pct_formatter():
    f = pct_formatter("id")
    f.set_locs([0, 20, 40])
    assert [f(v) for v in (0, 20, 40)] == ["0 %", "20 %", "40 %"]
    f.set_locs([0, 2.5, 5])
    assert f(2.5) == "2,5 %"
    g = pct_formatter("en", scale=100)
    g.set_locs([0.0, 0.5, 1.0])
    assert [g(v) for v in (0.0, 0.5, 1.0)] == ["0%", "50%", "100%"]


def test_rp_formatter_single_unit_per_axis():
    f = rp_formatter("id")
    locs = [0, 2.5e9, 5e9, 7.5e9, 10e9]
    f.set_locs(locs)
    assert [f(v) for v in locs] == [
        "Rp 0",
        "Rp 2,5 miliar",
        "Rp 5,0 miliar",
        "Rp 7,5 miliar",
        "Rp 10,0 miliar",
    ]
    f.set_locs([0, 500e6, 1e9, 1.5e9])
    assert f(500e6) == "Rp 0,5 miliar"  # same unit as the largest tick
    e = rp_formatter("en")
    e.set_locs([0, 10e6, 20e6])
    assert [e(v) for v in (0, 10e6, 20e6)] == ["IDR 0", "IDR 10 million", "IDR 20 million"]
    e.set_locs([0, 100_000, 200_000])
    assert e(200_000) == "IDR 200,000"


@pytest.mark.parametrize(
    ("lang", "start", "end", "expected"),
    [
        ("id", "2025-01-01", "2046-01-01", {"2025", "2030", "2040"}),
        ("id", "2025-04-01", "2026-03-01", {"Mei 2025", "Sep 2025", "Jan 2026"}),
        ("en", "2025-04-01", "2026-03-01", {"May 2025", "Sep 2025", "Jan 2026"}),
    ],
)
def test_month_axis_labels(lang, start, end, expected):
    fig = Figure()
    ax = fig.subplots()
    x = pd.date_range(start, end, freq="MS")
    ax.plot(x, np.arange(len(x)))
    month_axis(ax, lang)
    fig.draw_without_rendering()
    labels = {tl.get_text() for tl in ax.get_xticklabels()}
    assert expected <= labels, labels
    if lang == "id" and start.endswith("04-01"):
        assert not any("May" in s for s in labels)
