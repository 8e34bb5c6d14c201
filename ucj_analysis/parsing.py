"""Pure parsers for Indonesian-formatted numbers, dates and area names.

These helpers never read files; :mod:`ucj_analysis.loaders` uses them cell by cell and turns a
:class:`ParseError` into a :class:`~ucj_analysis.errors.Problem` that names the file, row and
column.

Numbers (:func:`parse_id_number`)
---------------------------------
Indonesian writing uses ``.`` to group thousands and ``,`` for decimals (``79.388`` persons,
``34,81 %``). Machine-written files use ``.`` for decimals (``34.81``). The rules, in order:

1. Numbers that are already numeric (Excel cells) pass through unchanged.
2. ``Rp`` / ``Rp.`` in front marks rupiah, ``%`` behind marks a percentage, and a word behind
   scales the number: ``ribu``/``rb`` = 10^3, ``juta``/``jt`` = 10^6, ``miliar``/``milyar``/``M``
   = 10^9, ``triliun``/``T`` = 10^12 (``Rp 1,3 miliar`` = 1 300 000 000).
3. If both ``.`` and ``,`` occur, the one that comes last is the decimal separator and the other
   groups thousands (``1.400.000,50`` and ``1,400,000.50`` are both 1400000.5).
4. A single ``,`` is a decimal comma (``34,81`` = 34.81, ``1,300`` = 1.3). Several commas group
   thousands (``1,400,000``).
5. Several dots group thousands (``1.400.000``).
6. **A single dot is ambiguous.** It groups thousands when exactly three digits follow it and
   the part before it is 1-3 digits not starting with 0: ``79.388`` = 79388 and ``1.234`` = 1234.
   Otherwise it is a decimal point: ``34.81`` = 34.81, ``0.125`` = 0.125, ``1.5`` = 1.5.
   In a percentage (``kind="percent"``) a single dot followed by exactly three digits (``34.810``)
   is rejected as ambiguous: read as thousands it would be at least 1000 %, which no percentage
   can be, and reading it as a decimal would break rule 6 silently. Write ``34,81`` or ``34.81``.
7. Thousands groups are checked: every group after the first has exactly three digits
   (``1.40.000`` is an error, not 140000).
8. A lone ``-`` or an empty cell means "no value" (``None``), never zero.

Dates (:func:`parse_id_date`)
-----------------------------
Day-first, as written in Indonesia: ``30/04/2025``, ``30-04-2025``, ``30.04.2025``, ISO
``2025-04-30``, ``30 April 2025``, ``30 Apr 2025``, ``30-Apr-2025``, ``Rabu, 30 April 2025``;
month names in Indonesian or English, full or abbreviated (``Mei``, ``Agu``/``Agt``, ``Okt``,
``Nop``, ``Des`` ...). Month-only dates (``Apr 2025``, ``Desember 2025``, ``04/2025``,
``2025-04``) mean the **last day** of that month, the convention of the embedded data.
``datetime``/``Timestamp`` objects (Excel date cells) pass through. Slash dates are always read
day-first (``04/05/2025`` is 4 May 2025).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Literal

import numpy as np
import pandas as pd

from ucj_analysis.i18n import Phrase, both, t

__all__ = [
    "ParseError",
    "match_name",
    "name_index",
    "name_key",
    "normalise_header",
    "normalise_regency_name",
    "parse_bool",
    "parse_id_date",
    "parse_id_month",
    "parse_id_number",
    "parse_quality",
    "QUALITY_VALUES",
]

NumberKind = Literal["number", "count", "percent", "money", "year"]

QUALITY_VALUES: tuple[str, str, str] = ("observed", "derived", "assumed")


class ParseError(ValueError):
    """A cell could not be parsed.

    ``str(error)`` is the message in both languages (Indonesian first); the loader turns the
    error into a :class:`~ucj_analysis.errors.Problem` with the same key and values.

    Parameters
    ----------
    key : str
        Catalogue key of what is wrong and what was expected (``loader.parse.not_a_number``).
    **params
        Values of its ``{placeholders}`` (:class:`~ucj_analysis.i18n.Localized` values are
        written in each language).
    """

    def __init__(self, key: str, /, **params: object):
        from ucj_analysis.errors import SEPARATOR

        self.key = key
        self.params = params
        super().__init__(both(key, sep=SEPARATOR, **params))

    def text(self, lang: str) -> str:
        """What is wrong and what was expected, in ``lang``."""
        return t(self.key, lang, **self.params)


def _expect(kind: str) -> Phrase:
    """What a cell of number kind ``kind`` should hold (``loader.parse.expect.<kind>``)."""
    return Phrase(f"loader.parse.expect.{kind}")


def _number_error(key: str, kind: str) -> ParseError:
    """A number cell's problem ``loader.parse.<key>``, with what ``kind`` expects."""
    return ParseError(f"loader.parse.{key}", expect=_expect(kind))


# --------------------------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------------------------

_SCALE_WORDS: dict[str, int] = {
    "ribu": 10**3,
    "rb": 10**3,
    "juta": 10**6,
    "jt": 10**6,
    "miliar": 10**9,
    "milyar": 10**9,
    "m": 10**9,
    "triliun": 10**12,
    "trilyun": 10**12,
    "t": 10**12,
}
_SCALE_RE = re.compile(
    r"^(?P<num>.*?)\s*(?P<word>" + "|".join(sorted(_SCALE_WORDS, key=len)[::-1]) + r")\.?$"
)
_RP_RE = re.compile(r"^rp\.?\s*")
_GROUPED_RE = re.compile(r"^\d{1,3}(?:[.]\d{3})+$")
_CORE_RE = re.compile(r"[0-9.,]+")


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and value.strip() in {"", "-", "–", "—"}:
        return True
    return False


def _grouped(text: str, sep: str) -> bool:
    """True when ``text`` is digits grouped by ``sep`` in threes (``1.400.000``)."""
    return bool(_GROUPED_RE.match(text.replace(sep, ".")))


def _core_to_decimal(core: str, kind: NumberKind) -> Decimal:
    """Turn the digits-and-separators part of a number into a :class:`Decimal`."""
    if not core or not _CORE_RE.fullmatch(core) or not core[0].isdigit():
        raise _number_error("not_a_number", kind)
    n_dot, n_comma = core.count("."), core.count(",")
    if n_dot and n_comma:
        dec = "." if core.rfind(".") > core.rfind(",") else ","
        thou = "," if dec == "." else "."
        int_part, _, frac = core.rpartition(dec)
        if core.count(dec) != 1 or not frac.isdigit() or not _grouped(int_part, thou):
            raise _number_error("unclear", kind)
        return Decimal(int_part.replace(thou, "") + "." + frac)
    if n_comma:
        if n_comma == 1:
            int_part, frac = core.split(",")
            if not int_part or not frac:
                raise _number_error("not_a_number", kind)
            return Decimal(int_part + "." + frac)
        if not _grouped(core, ","):
            raise _number_error("grouping", kind)
        return Decimal(core.replace(",", ""))
    if n_dot > 1:
        if not _grouped(core, "."):
            raise _number_error("grouping", kind)
        return Decimal(core.replace(".", ""))
    if n_dot == 1:
        int_part, frac = core.split(".")
        if not int_part or not frac:
            raise _number_error("not_a_number", kind)
        if len(frac) == 3 and 1 <= len(int_part) <= 3 and not int_part.startswith("0"):
            if kind == "percent":
                raise ParseError("loader.parse.ambiguous_percent")
            return Decimal(int_part + frac)
        return Decimal(core)
    return Decimal(core)


def parse_id_number(value: object, kind: NumberKind = "number") -> int | float | None:
    """Parse a number written the Indonesian way (or the machine way).

    See the module docstring for the exact rules and how the ambiguous single dot is resolved.

    Parameters
    ----------
    value : object
        A cell: ``str``, ``int``, ``float``, ``Decimal`` or missing (``None``, NaN, ``""``,
        ``"-"``).
    kind : {"number", "count", "percent", "money", "year"}
        What the column holds. ``count`` [persons], ``money`` [Rp] and ``year`` must be whole
        numbers and may not carry ``%``; only ``money`` and ``number`` may carry ``Rp``;
        ``percent`` [%] may not carry a scale word.

    Returns
    -------
    int, float or None
        ``int`` for ``count``, ``money`` and ``year``; ``float`` for ``percent`` [%] and
        ``number``; ``None`` for a missing value. The sign is kept (the caller checks ranges).

    Raises
    ------
    ParseError
        If the value is not a number of the requested kind.

    Examples
    --------
    >>> parse_id_number("79.388", "count")
    79388
    >>> parse_id_number("34,81 %", "percent")
    34.81
    >>> parse_id_number("Rp 616,345 juta", "money")
    616345000
    """
    if _is_missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        raise _number_error("not_a_number", kind)
    if isinstance(value, int | np.integer):
        dec = Decimal(int(value))
    elif isinstance(value, float | np.floating):
        if not math.isfinite(float(value)):
            raise _number_error("not_a_number", kind)
        dec = Decimal(repr(float(value)))
    elif isinstance(value, Decimal):
        dec = value
    elif isinstance(value, str):
        if value.isdigit() and value.isascii():  # fast path: plain digits "79388"
            return int(value) if kind in ("count", "money", "year") else float(value)
        dec = _parse_number_text(value, kind)
    else:
        raise _number_error("not_a_number", kind)
    if kind in ("count", "money", "year"):
        if dec != dec.to_integral_value():
            raise ParseError(
                "loader.parse.not_whole", what=Phrase(f"loader.parse.what.{kind}"),
                expect=_expect(kind),
            )  # fmt: skip
        return int(dec)
    return float(dec)


def _parse_number_text(value: str, kind: NumberKind) -> Decimal:
    text = unicodedata.normalize("NFKC", value).strip().lower()
    text = text.replace("\u2212", "-")  # unicode minus
    negative = False
    if text.startswith("-"):
        negative, text = True, text[1:].strip()
    rupiah = bool(_RP_RE.match(text))
    if rupiah:
        text = _RP_RE.sub("", text, count=1)
        if text.startswith("-"):
            negative, text = True, text[1:].strip()
        if kind not in ("money", "number"):
            raise _number_error("rupiah_elsewhere", kind)
    percent = text.endswith("%")
    if percent:
        text = text[:-1].strip()
        if kind not in ("percent", "number"):
            raise _number_error("percent_elsewhere", kind)
    scale = 1
    m = _SCALE_RE.match(text)
    if m:
        num = m.group("num").strip()
        if not num[-1:].isdigit():
            raise _number_error("not_a_number", kind)
        if kind in ("percent", "year"):
            raise _number_error("scale_word", kind)
        scale = _SCALE_WORDS[m.group("word")]
        text = num
    # spaces (incl. thin/narrow no-break spaces) may group thousands: "79 388"
    if " " in text:
        parts = text.split()
        if (
            all(p.isdigit() for p in parts)
            and len(parts[0]) <= 3
            and all(len(p) == 3 for p in parts[1:])
        ):
            text = "".join(parts)
        else:
            raise _number_error("not_a_number", kind)
    try:
        dec = _core_to_decimal(text, kind) * scale
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise _number_error("not_a_number", kind) from exc
    return -dec if negative else dec


# --------------------------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _num, _names in {
    1: "januari january jan",
    2: "februari pebruari february feb peb",
    3: "maret march mar",
    4: "april apr",
    5: "mei may",
    6: "juni june jun",
    7: "juli july jul",
    8: "agustus august agu agt ags aug",
    9: "september sep sept",
    10: "oktober october okt oct",
    11: "november nopember nov nop",
    12: "desember december des dec",
}.items():
    for _name in _names.split():
        _MONTHS[_name] = _num

_DAY_NAMES = (
    "senin selasa rabu kamis jumat jum'at sabtu minggu ahad "
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun"
).split()
#: What a date cell holds and what a month cell holds (``loader.parse.what.*``), and what a
#: date cell should look like (``loader.parse.expect.date``).
_DATE, _MONTH = Phrase("loader.parse.what.date"), Phrase("loader.parse.what.month")
_DATE_EXPECTED = Phrase("loader.parse.expect.date")


def _month(name: str) -> int:
    try:
        return _MONTHS[name.rstrip(".")]
    except KeyError:
        raise ParseError(
            "loader.parse.month_name", name=name, what=_DATE, expect=_DATE_EXPECTED
        ) from None


def _make_date(year: int, month: int, day: int | None) -> pd.Timestamp:
    if not 1900 <= year <= 2200:
        raise ParseError(
            "loader.parse.year_range", what=_DATE, expect=Phrase("loader.parse.expect.date_year")
        )
    if not 1 <= month <= 12:
        raise ParseError(
            "loader.parse.bad_month", what=_DATE, expect=Phrase("loader.parse.expect.date_month")
        )
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = last
    if not 1 <= day <= last:
        raise ParseError(
            "loader.parse.no_such_day", what=_DATE,
            expect=Phrase("loader.parse.expect.day", last=last, month=f"{year}-{month:02d}"),
        )  # fmt: skip
    return pd.Timestamp(year=year, month=month, day=day)


_ISO_RE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ t]00:00(?::00(?:\.0+)?)?)?$")
_ISO_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_DMY_RE = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")
_MY_RE = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_D_NAME_Y_RE = re.compile(r"^(\d{1,2})[ -]+([a-z]+\.?)[ ,-]+(\d{4})$")
_NAME_D_Y_RE = re.compile(r"^([a-z]+\.?) (\d{1,2}),? (\d{4})$")
_NAME_Y_RE = re.compile(r"^([a-z]+\.?)[ ,-]+(\d{4})$")


def parse_id_date(value: object) -> pd.Timestamp | None:
    """Parse a date written the Indonesian way (day first, Indonesian or English month names).

    Parameters
    ----------
    value : object
        ``str``, ``datetime.date``/``datetime``/``Timestamp`` (Excel date cell) or missing.

    Returns
    -------
    pandas.Timestamp or None
        Midnight of the date; for a month-only value the last day of that month. ``None`` when
        the value is missing.

    Raises
    ------
    ParseError
        If the value is not a date in one of the accepted formats (numbers are rejected: an
        Excel cell that shows a number is not a date).

    Examples
    --------
    >>> parse_id_date("30/04/2025")
    Timestamp('2025-04-30 00:00:00')
    >>> parse_id_date("Des 2025")
    Timestamp('2025-12-31 00:00:00')
    """
    if _is_missing(value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return (
            pd.Timestamp(value).tz_localize(None).normalize()
            if getattr(value, "tzinfo", None)
            else pd.Timestamp(value).normalize()
        )
    if isinstance(value, dt.date):
        return pd.Timestamp(value.year, value.month, value.day)
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).normalize()
    if not isinstance(value, str):
        raise ParseError("loader.parse.not_a_date", what=_DATE, expect=_DATE_EXPECTED)
    return _parse_date_text(value)


def parse_id_month(value: object) -> pd.Period | None:
    """Parse a month (``2024-01``, ``Jan 2024``, ``01/2024``, ``Januari 2024``) into a period.

    Any form :func:`parse_id_date` accepts is accepted; a full date gives the month it falls in
    (``15/01/2024`` -> ``2024-01``). ``pandas.Period`` values pass through (as monthly periods).

    Parameters
    ----------
    value : object
        ``str``, date/datetime/``Timestamp`` (Excel date cell), ``Period`` or missing.

    Returns
    -------
    pandas.Period or None
        Monthly period [M]; ``None`` when the value is missing.

    Raises
    ------
    ParseError
        If the value is not a month or date in one of the accepted formats.

    Examples
    --------
    >>> parse_id_month("2024-01")
    Period('2024-01', 'M')
    >>> parse_id_month("Des 2025")
    Period('2025-12', 'M')
    """
    if isinstance(value, pd.Period):
        return value.asfreq("M")
    try:
        ts = parse_id_date(value)
    except ParseError as e:
        params = {**e.params, "what": _MONTH, "expect": Phrase("loader.parse.expect.month")}
        raise ParseError(e.key, **params) from None
    return None if ts is None else pd.Period(year=ts.year, month=ts.month, freq="M")


@functools.lru_cache(maxsize=4096)
def _parse_date_text(value: str) -> pd.Timestamp:
    """Parse a date string (cached: a file repeats the same few dates many times)."""
    text = unicodedata.normalize("NFKC", value).strip().lower()
    text = re.sub(r"\s+", " ", text)
    # drop a leading day name: "Rabu, 30 April 2025"
    head = re.match(r"^([a-z']+),? ", text)
    if head and head.group(1) in _DAY_NAMES:
        text = text[head.end() :]
    if m := _ISO_RE.match(text):
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _ISO_MONTH_RE.match(text):
        return _make_date(int(m.group(1)), int(m.group(2)), None)
    if m := _DMY_RE.match(text):
        return _make_date(int(m.group(4)), int(m.group(3)), int(m.group(1)))
    if m := _MY_RE.match(text):
        return _make_date(int(m.group(2)), int(m.group(1)), None)
    if m := _D_NAME_Y_RE.match(text):
        return _make_date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
    if m := _NAME_D_Y_RE.match(text):
        return _make_date(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
    if m := _NAME_Y_RE.match(text):
        return _make_date(int(m.group(2)), _month(m.group(1)), None)
    raise ParseError("loader.parse.date_format", what=_DATE, expect=_DATE_EXPECTED)


# --------------------------------------------------------------------------------------------
# names, headers, categorical values
# --------------------------------------------------------------------------------------------

#: Short names and abbreviations in common use -> normalised full name.
NAME_ALIASES: dict[str, str] = {
    "touna": "tojo una una",
    "tojo unauna": "tojo una una",
    "konsel": "konawe selatan",
    "konut": "konawe utara",
    "konkep": "konawe kepulauan",
    "bangkep": "banggai kepulauan",
    "balut": "banggai laut",
    "sultra": "sulawesi tenggara",
    "sulteng": "sulawesi tengah",
    "sulsel": "sulawesi selatan",
    "sulbar": "sulawesi barat",
    "sulut": "sulawesi utara",
    "malut": "maluku utara",
    "ntb": "nusa tenggara barat",
    "ntt": "nusa tenggara timur",
    "diy": "di yogyakarta",
    "yogyakarta": "di yogyakarta",
    "daerah istimewa yogyakarta": "di yogyakarta",
    "jakarta": "dki jakarta",
    "dki": "dki jakarta",
    "babel": "kepulauan bangka belitung",
    "bangka belitung": "kepulauan bangka belitung",
    "kepri": "kepulauan riau",
    "sumut": "sumatera utara",
    "sumbar": "sumatera barat",
    "sumsel": "sumatera selatan",
    "jabar": "jawa barat",
    "jateng": "jawa tengah",
    "jatim": "jawa timur",
    "kalbar": "kalimantan barat",
    "kalteng": "kalimantan tengah",
    "kalsel": "kalimantan selatan",
    "kaltim": "kalimantan timur",
    "kaltara": "kalimantan utara",
    "nasional": "indonesia",
    "national": "indonesia",
    "nation": "indonesia",
    "ri": "indonesia",
    "republik indonesia": "indonesia",
}

_NAME_PREFIXES = (
    "pemerintah kabupaten ",
    "pemkab ",
    "kabupaten ",
    "kab ",
    "regency of ",
    "provinsi ",
    "prov ",
    "province of ",
)
_NAME_SUFFIXES = (" regency", " province")


def normalise_regency_name(name: object) -> str:
    """Normalise an area name for tolerant matching.

    Lower-cases, turns punctuation (``-``, ``.``, ``_``) into spaces, drops ``Kabupaten``/
    ``Kab.``/``Provinsi``/``Prov.`` prefixes and ``Regency``/``Province`` suffixes and maps a short
    list of common abbreviations (``Touna``, ``Sultra``, ``Sulteng`` ...). ``Kota`` is kept: a city
    is a different area from the regency of the same name.

    Parameters
    ----------
    name : object
        The name as written.

    Returns
    -------
    str
        The normalised key, e.g. ``"tojo una una"`` for ``"Kabupaten Tojo Una-Una"``.
    """
    if _is_missing(name):
        return ""
    text = unicodedata.normalize("NFKC", str(name)).lower()
    text = re.sub(r"[\-_.,/()']", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    changed = True
    while changed:
        changed = False
        for prefix in _NAME_PREFIXES:
            if text.startswith(prefix) and len(text) > len(prefix):
                text, changed = text[len(prefix) :].strip(), True
        for suffix in _NAME_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)].strip(), True
    return NAME_ALIASES.get(text, NAME_ALIASES.get(text.replace(" ", ""), text))


@functools.lru_cache(maxsize=8192)
def _key_of_text(text: str) -> str:
    return normalise_regency_name(text).replace(" ", "")


def name_key(name: object) -> str:
    """Matching key of an area name: :func:`normalise_regency_name` without spaces.

    ``"Kab. Tojo Una-Una"``, ``"tojo unauna"`` and ``"Touna"`` all give ``"tojounauna"``.
    """
    if _is_missing(name):
        return ""
    return _key_of_text(str(name))


def name_index(known: Iterable[str]) -> dict[str, str]:
    """Map :func:`name_key` -> canonical name, for fast repeated :func:`match_name` calls."""
    index: dict[str, str] = {}
    for canonical in known:
        index.setdefault(name_key(canonical), canonical)
    return index


def match_name(name: object, known: Iterable[str] | dict[str, str]) -> str | None:
    """Return the entry of ``known`` that ``name`` refers to, or ``None``.

    Parameters
    ----------
    name : object
        Name as written (``"KABUPATEN KONAWE"``, ``"Tojo Una Una"``, ``"Touna"``).
    known : iterable of str, or dict
        Canonical names, or an index built by :func:`name_index` (faster for many lookups).

    Returns
    -------
    str or None
        The canonical name, or ``None`` if nothing matches.
    """
    key = name_key(name)
    if not key:
        return None
    index = known if isinstance(known, dict) else name_index(known)
    return index.get(key)


def display_name(name: object) -> str:
    """Canonical display form for an area not in the registry yet.

    Strips ``Kabupaten``/``Kab.`` prefixes and title-cases names written in capitals
    (``KAB. KOLAKA TIMUR`` -> ``Kolaka Timur``); otherwise keeps the user's spelling.
    """
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(name))).strip()
    text = re.sub(r"^(?i:kabupaten|kab\.?)\s+", "", text)
    if text.isupper():
        text = text.title()
    return text


def normalise_header(header: object) -> str:
    """Normalise a column header: lower case, bracketed units dropped, words joined by ``_``.

    ``"Peserta Aktif"`` -> ``"peserta_aktif"``; ``"Cakupan (%)"`` -> ``"cakupan"``. Also used
    for categorical cells (quality, level, segment).
    """
    if _is_missing(header):
        return ""
    return _normalise_header_text(str(header))


@functools.lru_cache(maxsize=4096)
def _normalise_header_text(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).strip().lower().lstrip("\ufeff")
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", text)
    text = re.sub(r"[^0-9a-z]+", "_", text)
    return text.strip("_")


_QUALITY_ALIASES: dict[str, str] = {
    "observed": "observed",
    "observasi": "observed",
    "teramati": "observed",
    "diamati": "observed",
    "pengamatan": "observed",
    "derived": "derived",
    "turunan": "derived",
    "diturunkan": "derived",
    "dihitung": "derived",
    "assumed": "assumed",
    "asumsi": "assumed",
    "diasumsikan": "assumed",
}


def parse_quality(value: object) -> str | None:
    """Map a quality flag (English or Indonesian) to ``observed``/``derived``/``assumed``.

    ``teramati``/``observasi`` -> observed, ``turunan`` -> derived, ``asumsi`` -> assumed.
    Returns ``None`` for a missing value; raises :class:`ParseError` for anything else.
    """
    if _is_missing(value):
        return None
    key = normalise_header(value)
    try:
        return _QUALITY_ALIASES[key]
    except KeyError:
        raise ParseError("loader.parse.quality") from None


_TRUE = {"true", "ya", "y", "yes", "1", "benar", "b", "t", "iya"}
_FALSE = {"false", "tidak", "tdk", "n", "no", "0", "salah", "s", "f", "bukan"}


def parse_bool(value: object) -> bool | None:
    """Parse a yes/no cell: ``true``/``ya``/``1`` or ``false``/``tidak``/``0``; empty: ``None``."""
    if _is_missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    key = str(value).strip().lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ParseError("loader.parse.bool")
