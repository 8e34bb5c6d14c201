"""Indonesian number, date and name parsing (ucj_analysis.parsing)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ucj_analysis.parsing import (
    ParseError,
    display_name,
    match_name,
    normalise_header,
    normalise_regency_name,
    parse_bool,
    parse_id_date,
    parse_id_month,
    parse_id_number,
    parse_quality,
)


def _phrase(error: ParseError) -> str:
    """What is wrong, in Indonesian: the error's text before its expectation."""
    head, sep, _ = error.text("id").partition("; seharusnya ")
    assert sep, error.text("id")
    return head


def _expected(error: ParseError) -> str:
    """What was expected, in English; the Indonesian text names the same expectation."""
    _, sep, tail = error.text("en").partition("; expected ")
    assert sep and str(error) == f"{error.text('id')} — {error.text('en')}"
    return tail


# ------------------------------------------------------------------------------------------
# numbers
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # counts: dot groups thousands
        ("79.388", "count", 79388),
        ("27.636", "count", 27636),
        ("1.234", "count", 1234),
        ("1.400.000", "count", 1400000),
        ("79388", "count", 79388),
        ("79 388", "count", 79388),
        ("201,86 ribu", "count", 201860),
        ("14,6 rb", "count", 14600),
        (79388, "count", 79388),
        (79388.0, "count", 79388),  # Excel numeric cell
        (np.int64(5), "count", 5),
        # percentages: comma is the decimal separator, % optional
        ("34,81", "percent", 34.81),
        ("34,81%", "percent", 34.81),
        ("34,81 %", "percent", 34.81),
        ("34.81", "percent", 34.81),  # single dot, 2 decimals: a decimal point
        ("34.8", "percent", 34.8),
        ("99,5", "percent", 99.5),
        ("0.125", "percent", 0.125),  # leading 0: never a thousands group
        ("100", "percent", 100.0),
        (34.81, "percent", 34.81),
        # money
        ("Rp 1,3 miliar", "money", 1_300_000_000),
        ("Rp1,3 miliar", "money", 1_300_000_000),
        ("Rp 616,345 juta", "money", 616_345_000),
        ("Rp 1.400.000.000", "money", 1_400_000_000),
        ("Rp. 16.800", "money", 16_800),
        ("1,3 M", "money", 1_300_000_000),
        ("1,3M", "money", 1_300_000_000),
        ("Rp 1,4 triliun", "money", 1_400_000_000_000),
        ("60,57 T", "money", 60_570_000_000_000),
        ("Rp 201,6 ribu", "money", 201_600),
        ("16,8 rb", "money", 16_800),
        ("5 jt", "money", 5_000_000),
        ("Rp 108.294.546.000", "money", 108_294_546_000),
        ("1.500 juta", "money", 1_500_000_000),  # dot + 3 digits groups thousands
        ("1.5 juta", "money", 1_500_000),  # dot + 1 digit is a decimal point
        ("Rp 1.400.000.000,00", "money", 1_400_000_000),
        ("1,400,000", "money", 1_400_000),  # several commas group thousands
        # general numbers
        ("1.400.000,50", "number", 1400000.5),
        ("1,400,000.50", "number", 1400000.5),
        ("0,015", "number", 0.015),
        ("0.015", "number", 0.015),
        ("1,05", "number", 1.05),
        ("-1,5", "number", -1.5),
        ("\u22121,5", "number", -1.5),  # unicode minus
        ("1.234", "number", 1234.0),  # the documented ambiguity: thousands
        ("2025", "year", 2025),
        # missing
        ("", "count", None),
        ("  ", "percent", None),
        ("-", "money", None),
        (None, "count", None),
        (float("nan"), "percent", None),
    ],
)
def test_parse_id_number(text, kind, expected):
    got = parse_id_number(text, kind)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected, rel=0, abs=1e-12)
        assert type(got) is (int if kind in ("count", "money", "year") else float)


@pytest.mark.parametrize(
    ("text", "kind", "phrase"),
    [
        ("abc", "count", "bukan angka"),
        ("12a", "count", "bukan angka"),
        ("1.5", "count", "jumlah orang harus bilangan bulat"),
        ("34,81", "count", "jumlah orang harus bilangan bulat"),
        ("34,81 %", "count", "persen di kolom yang bukan persen"),
        ("Rp 5.000", "count", "nilai rupiah di kolom yang bukan uang"),
        ("34.810", "percent", "format persen ambigu"),
        ("1.234", "percent", "format persen ambigu"),
        ("3 juta", "percent", "satuan ribu/juta/miliar tidak boleh di sini"),
        ("1.40.000", "count", "pemisah ribuan salah"),
        ("1,2,3", "count", "pemisah ribuan salah"),
        ("1.234,5,6", "number", "format angka tidak jelas"),
        ("1,234.567.8", "number", "format angka tidak jelas"),
        ("Rp 1,2345678 juta", "money", "rupiah harus bilangan bulat"),
        ("juta", "money", "bukan angka"),
        ("79 38", "count", "bukan angka"),
        ("1.", "number", "bukan angka"),
        (",5", "number", "bukan angka"),
        (True, "count", "bukan angka"),
        (float("inf"), "number", "bukan angka"),
        ("#DIV/0!", "percent", "bukan angka"),
    ],
)
def test_parse_id_number_rejects(text, kind, phrase):
    with pytest.raises(ParseError) as info:
        parse_id_number(text, kind)
    assert _phrase(info.value) == phrase
    assert _expected(info.value)  # an expectation is always given


def _thousands(n: int, sep: str = ".") -> str:
    """Format a non-negative integer the Indonesian way: 1400000 -> '1.400.000'."""
    digits = str(n)
    groups = []
    while digits:
        groups.append(digits[-3:])
        digits = digits[:-3]
    return sep.join(reversed(groups))


def _id_decimal(value: Decimal, places: int) -> str:
    """Format a non-negative Decimal with dot thousands and a decimal comma: '1.234,56'."""
    q = value.quantize(Decimal(1).scaleb(-places))
    int_part, _, frac = f"{q:f}".partition(".")
    text = _thousands(int(int_part))
    return f"{text},{frac}" if places else text


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**13))
def test_roundtrip_counts_with_dot_thousands(n):
    assert parse_id_number(_thousands(n), "count") == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**11), st.integers(min_value=1, max_value=4))
def test_roundtrip_decimal_comma(units, places):
    value = Decimal(units).scaleb(-places)
    assert parse_id_number(_id_decimal(value, places), "number") == float(value)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10000), st.sampled_from(["", "%", " %"]))
def test_roundtrip_percent(hundredths, suffix):
    value = Decimal(hundredths).scaleb(-2)
    assert parse_id_number(_id_decimal(value, 2) + suffix, "percent") == float(value)
    # the machine form with a decimal point reads the same (2 decimals: not a thousands group)
    assert parse_id_number(f"{value:.2f}", "percent") == float(value)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**7),
    st.integers(min_value=0, max_value=3),
    st.sampled_from([("juta", 10**6), ("miliar", 10**9), ("M", 10**9), ("triliun", 10**12)]),
    st.sampled_from(["Rp ", "Rp", "Rp. ", ""]),
)
def test_roundtrip_rupiah_with_scale_words(units, places, scale, prefix):
    word, factor = scale
    value = Decimal(units).scaleb(-places)
    text = f"{prefix}{_id_decimal(value, places)} {word}"
    assert parse_id_number(text, "money") == int(value * factor)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_roundtrip_rupiah_full(n):
    assert parse_id_number("Rp " + _thousands(n), "money") == n
    assert parse_id_number(f"Rp {_thousands(n)},00", "money") == n


# ------------------------------------------------------------------------------------------
# dates
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30/04/2025", "2025-04-30"),
        ("30-04-2025", "2025-04-30"),
        ("30.04.2025", "2025-04-30"),
        ("2025-04-30", "2025-04-30"),
        ("2025/04/30", "2025-04-30"),
        ("2025-04-30 00:00:00", "2025-04-30"),
        ("4/5/2025", "2025-05-04"),  # day first
        ("30 April 2025", "2025-04-30"),
        ("30 Apr 2025", "2025-04-30"),
        ("30-Apr-2025", "2025-04-30"),
        ("30 Agustus 2023", "2023-08-30"),
        ("5 Mei 2025", "2025-05-05"),
        ("1 Okt 2024", "2024-10-01"),
        ("17 Des 2025", "2025-12-17"),
        ("9 Nop 2025", "2025-11-09"),
        ("Rabu, 30 April 2025", "2025-04-30"),
        ("April 30, 2025", "2025-04-30"),
        # month only: last day of the month
        ("Apr 2025", "2025-04-30"),
        ("April 2025", "2025-04-30"),
        ("Desember 2025", "2025-12-31"),
        ("Des 2025", "2025-12-31"),
        ("Agustus 2023", "2023-08-31"),
        ("Agt 2023", "2023-08-31"),
        ("Mei 2025", "2025-05-31"),
        ("Okt 2025", "2025-10-31"),
        ("Februari 2024", "2024-02-29"),
        ("Peb 2023", "2023-02-28"),
        ("Sept 2022", "2022-09-30"),
        ("Jun-2025", "2025-06-30"),
        ("04/2025", "2025-04-30"),
        ("2025-04", "2025-04-30"),
        ("  DESEMBER   2021 ", "2021-12-31"),
        # Excel / Python date objects
        (dt.datetime(2025, 4, 30, 0, 0), "2025-04-30"),
        (dt.date(2025, 4, 30), "2025-04-30"),
        (pd.Timestamp("2025-04-30 13:45"), "2025-04-30"),
        (np.datetime64("2025-04-30"), "2025-04-30"),
    ],
)
def test_parse_id_date(text, expected):
    assert parse_id_date(text) == pd.Timestamp(expected)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("31/04/2025", "tanggal tidak ada di kalender"),
        ("29 Februari 2023", "tanggal tidak ada di kalender"),
        ("30/13/2025", "bulan tidak valid"),
        ("30 Foo 2025", "nama bulan 'foo' tidak dikenal"),
        ("kemarin", "format tanggal tidak dikenal"),
        ("2025", "format tanggal tidak dikenal"),
        ("30/04/25", "format tanggal tidak dikenal"),
        ("30/04-2025", "format tanggal tidak dikenal"),
        (45777, "bukan tanggal"),  # an Excel serial number is not a date cell
        ("1 Jan 1800", "tahun di luar jangkauan"),
    ],
)
def test_parse_id_date_rejects(text, phrase):
    with pytest.raises(ParseError) as info:
        parse_id_date(text)
    assert _phrase(info.value) == phrase
    wanted = _expected(info.value)
    assert "30/04/2025" in wanted or "day between" in wanted


@pytest.mark.parametrize("missing", [None, "", "  ", "-", float("nan"), pd.NaT])
def test_parse_id_date_missing(missing):
    assert parse_id_date(missing) is None


_ID_MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
_ID_ABBR = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
_EN_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _format_id_date(d: dt.date, style: str) -> str:
    names = {"full": _ID_MONTHS, "abbr": _ID_ABBR, "en": _EN_ABBR}
    if style == "slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dash":
        return f"{d.day}-{d.month}-{d.year}"
    if style == "iso":
        return f"{d.year}-{d.month:02d}-{d.day:02d}"
    return f"{d.day} {names[style][d.month - 1]} {d.year}"


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)),
    st.sampled_from(["slash", "dash", "iso", "full", "abbr", "en"]),
)
def test_roundtrip_dates(d, style):
    assert parse_id_date(_format_id_date(d, style)) == pd.Timestamp(d)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1990, max_value=2060),
    st.integers(min_value=1, max_value=12),
    st.sampled_from(["full", "abbr", "en", "numeric"]),
)
def test_roundtrip_month_only_is_last_day(year, month, style):
    if style == "numeric":
        text = f"{month:02d}/{year}"
    else:
        names = {"full": _ID_MONTHS, "abbr": _ID_ABBR, "en": _EN_ABBR}[style]
        text = f"{names[month - 1]} {year}"
    got = parse_id_date(text)
    assert got == pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)


# ------------------------------------------------------------------------------------------
# names, headers, categories
# ------------------------------------------------------------------------------------------

KNOWN = ["Konawe", "Banggai", "Tojo Una-Una", "Konawe Selatan"]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Konawe", "Konawe"),
        ("Kab. Konawe", "Konawe"),
        ("Kab Konawe", "Konawe"),
        ("KABUPATEN KONAWE", "Konawe"),
        ("Pemkab Konawe", "Konawe"),
        ("Konawe Regency", "Konawe"),
        ("  konawe ", "Konawe"),
        ("Kabupaten Tojo Una-Una", "Tojo Una-Una"),
        ("Tojo Una Una", "Tojo Una-Una"),
        ("tojo una-una", "Tojo Una-Una"),
        ("Tojo Unauna", "Tojo Una-Una"),
        ("TOJO UNA-UNA", "Tojo Una-Una"),
        ("Touna", "Tojo Una-Una"),
        ("Kab. Touna", "Tojo Una-Una"),
        ("Konsel", "Konawe Selatan"),
        ("Kab. Konawe Selatan", "Konawe Selatan"),
        ("Kolaka", None),
        ("Kota Konawe", None),  # a city is not the regency
        ("", None),
        (None, None),
    ],
)
def test_match_name(written, canonical):
    assert match_name(written, KNOWN) == canonical


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Kabupaten Tojo Una-Una", "tojo una una"),
        ("Prov. Sulawesi Tengah", "sulawesi tengah"),
        ("Provinsi Sulawesi Tenggara", "sulawesi tenggara"),
        ("Sultra", "sulawesi tenggara"),
        ("Sulteng", "sulawesi tengah"),
        ("Nasional", "indonesia"),
    ],
)
def test_normalise_regency_name(written, key):
    assert normalise_regency_name(written) == key


@pytest.mark.parametrize(
    ("written", "shown"),
    [("KAB. KOLAKA TIMUR", "Kolaka Timur"), ("Kabupaten Kolaka", "Kolaka"), ("Buton", "Buton")],
)
def test_display_name(written, shown):
    assert display_name(written) == shown


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Peserta Aktif", "peserta_aktif"),
        ("  Cakupan (%) ", "cakupan"),
        ("ANGKATAN-KERJA", "angkatan_kerja"),
        ("\ufeffregency", "regency"),
        ("coverage_pct", "coverage_pct"),
        ("Jumlah [orang]", "jumlah"),
    ],
)
def test_normalise_header(header, key):
    assert normalise_header(header) == key


@pytest.mark.parametrize(
    ("written", "quality"),
    [
        ("observed", "observed"),
        ("Teramati", "observed"),
        ("observasi", "observed"),
        ("turunan", "derived"),
        ("DERIVED", "derived"),
        ("asumsi", "assumed"),
        ("assumed", "assumed"),
        ("", None),
    ],
)
def test_parse_quality(written, quality):
    assert parse_quality(written) == quality


def test_parse_quality_rejects_unknown():
    with pytest.raises(ParseError) as info:
        parse_quality("kira-kira")
    assert "teramati" in _expected(info.value) and "asumsi" in _expected(info.value)


@pytest.mark.parametrize(
    ("written", "value"),
    [("true", True), ("Ya", True), ("1", True), (1, True), (True, True), ("false", False),
     ("tidak", False), ("0", False), (0.0, False), ("", None)],
)  # fmt: skip
def test_parse_bool(written, value):
    assert parse_bool(written) is value


def test_parse_bool_rejects():
    with pytest.raises(ParseError):
        parse_bool("mungkin")


# ------------------------------------------------------------------------------------------
# months
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01", "2024-01"),
        ("2025-12", "2025-12"),
        ("Jan 2024", "2024-01"),
        ("Januari 2024", "2024-01"),
        ("Des 2025", "2025-12"),
        ("01/2024", "2024-01"),
        ("15/01/2024", "2024-01"),  # a full date gives its month
        ("2024-02-29", "2024-02"),
        (dt.date(2025, 12, 31), "2025-12"),
        (pd.Timestamp("2022-09-30"), "2022-09"),
        (pd.Period("2024-03", "M"), "2024-03"),
        (pd.Period("2024-03-15", "D"), "2024-03"),
    ],
)
def test_parse_id_month(value, expected):
    got = parse_id_month(value)
    assert isinstance(got, pd.Period) and got.freqstr == "M"
    assert got == pd.Period(expected, "M")


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        ("13/2024", "bulan tidak valid"),
        ("2024-13", "bulan tidak valid"),
        ("awal 2024", "nama bulan 'awal' tidak dikenal"),
        ("akhir tahun", "format bulan tidak dikenal"),
        ("Okto 2024", "nama bulan 'okto' tidak dikenal"),
        (2024, "bukan bulan"),
    ],
)
def test_parse_id_month_rejects(value, phrase):
    with pytest.raises(ParseError) as info:
        parse_id_month(value)
    assert _phrase(info.value) == phrase
    assert "2024-01" in _expected(info.value)


@pytest.mark.parametrize("missing", [None, "", "-", float("nan")])
def test_parse_id_month_missing(missing):
    assert parse_id_month(missing) is None


@given(st.integers(1900, 2200), st.integers(1, 12))
@settings(max_examples=60, deadline=None)
def test_roundtrip_months(year, month):
    assert parse_id_month(f"{year}-{month:02d}") == pd.Period(year=year, month=month, freq="M")
    assert parse_id_month(f"{month:02d}/{year}") == pd.Period(year=year, month=month, freq="M")
