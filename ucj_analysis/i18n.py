"""Indonesian / English number, money and date formatting and the user-facing labels.

Every user-facing string of the toolkit goes through this module so that reports are in Bahasa
Indonesia by default (``lang="id"``) and in English with ``lang="en"``. The texts themselves live
in the catalogue :mod:`ucj_analysis.locale` (one module per language), merged here into
:data:`LABELS` and looked up with :func:`t`.

This module is long because the catalogue look-up (:func:`t`) and the formatting rules
of both languages belong together: a placeholder value (:class:`Phrase`, :class:`Joined`,
:class:`Number`) is written by those same rules in the language of the text it goes into, so
split into two modules each would import the other.

It imports no plotting library: the matplotlib tick formatters built on the same rules are in
:mod:`ucj_analysis.plots.ticks`, so one quantity reads the same on every page and chart.

Conventions
-----------
- Indonesian: thousands separator ``.``, decimal comma ``,``, ``"Rp 10,4 miliar"``, ``"34,8 %"``.
- English: thousands separator ``,``, decimal point ``.``, ``"IDR 10.4 billion"``, ``"34.8%"``.
- Missing values (``None``, ``NaN``, ``NaT``, ``pd.NA``) are shown as an em dash ``"—"``.
- Rounding is half-up on the decimal value as written (``34.85`` → ``"34,9 %"``), not banker's
  rounding.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import numpy as np
import pandas as pd

__all__ = [
    "SUPPORTED_LANGS",
    "MISSING",
    "LABELS",
    "MONTHS",
    "MONTHS_SHORT",
    "check_lang",
    "format_rp",
    "format_budget",
    "format_number",
    "format_pct",
    "format_month",
    "format_date",
    "t",
    "both",
    "Localized",
    "Phrase",
    "Joined",
    "Number",
    "format_pct_bound",
    "format_clock",
    "rp_unit_label",
    "translate_value",
    "format_table",
    "TABLE_FORMATS",
]

SUPPORTED_LANGS: tuple[str, ...] = ("id", "en")
MISSING = "—"

MONTHS: dict[str, tuple[str, ...]] = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
MONTHS_SHORT: dict[str, tuple[str, ...]] = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

_SEPARATORS = {"id": (".", ","), "en": (",", ".")}  # (thousands, decimal)
_CURRENCY = {"id": "Rp", "en": "IDR"}
_PCT_SPACE = {"id": " ", "en": ""}  # between a number and "%", or "<" and a number
_CLOCK_SEP = {"id": ".", "en": ":"}  # hours and minutes

# canonical unit -> (scale [Rp], Indonesian word, English word)
_RP_UNITS: dict[str, tuple[float, str, str]] = {
    "trillion": (1e12, "triliun", "trillion"),
    "billion": (1e9, "miliar", "billion"),
    "million": (1e6, "juta", "million"),
    "thousand": (1e3, "ribu", "thousand"),
    "full": (1.0, "", ""),
}
_RP_UNIT_ALIASES = {
    "auto": "auto",
    "full": "full",
    "unit": "full",
    "rp": "full",
    "thousand": "thousand",
    "ribu": "thousand",
    "million": "million",
    "juta": "million",
    "billion": "billion",
    "miliar": "billion",
    "milyar": "billion",
    "trillion": "trillion",
    "triliun": "trillion",
}


# --------------------------------------------------------------------------------------------
# validation and low-level helpers
# --------------------------------------------------------------------------------------------
def check_lang(lang: str) -> str:
    """Validate a language code.

    Parameters
    ----------
    lang : str
        ``"id"`` (Bahasa Indonesia) or ``"en"`` (English); case and surrounding spaces ignored.

    Returns
    -------
    str
        The normalised code.

    Raises
    ------
    ValueError
        If the code is not supported; the message names the bad value and the valid ones.
    """
    if isinstance(lang, str) and lang.strip().lower() in SUPPORTED_LANGS:
        return lang.strip().lower()
    raise ValueError(
        f"Unsupported language {lang!r}: use one of {', '.join(map(repr, SUPPORTED_LANGS))} "
        f"(bahasa tidak didukung: {lang!r})"
    )


def _is_missing(x: object) -> bool:
    """True for None, NaN, NaT and pd.NA (scalars only)."""
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    try:
        res = pd.isna(x)
    except (TypeError, ValueError):
        return False
    return bool(res) if np.ndim(res) == 0 else False


def _to_decimal(x: object) -> Decimal:
    """Exact-as-written decimal of a number (float via its shortest repr)."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, bool | np.bool_):
        raise TypeError(f"expected a number, got a boolean {x!r}")
    if isinstance(x, int | np.integer):
        return Decimal(int(x))
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise TypeError(f"expected a number, got {x!r}") from exc
    if math.isinf(f):
        raise ValueError(f"cannot format an infinite value {x!r}")
    try:
        return Decimal(repr(f))
    except InvalidOperation as exc:  # pragma: no cover - repr of a finite float is always valid
        raise ValueError(f"cannot format {x!r}") from exc


def _round(d: Decimal, decimals: int) -> Decimal:
    return d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def _fmt_decimal(d: Decimal, decimals: int, lang: str, *, signed: bool = False) -> str:
    """Format a decimal with grouping; ``-`` for negatives, ``+`` if ``signed`` and positive."""
    thousands, point = _SEPARATORS[lang]
    q = _round(d, decimals)
    if q == 0:
        q = abs(q)  # no "-0"
    sign = "-" if q < 0 else ("+" if signed and q > 0 else "")
    text = f"{abs(q):f}"
    int_part, _, frac_part = text.partition(".")
    out = _group(int_part, thousands)
    if decimals > 0:
        out += point + frac_part.ljust(decimals, "0")[:decimals]
    return sign + out


def _trim_zeros(text: str, lang: str) -> str:
    point = _SEPARATORS[lang][1]
    if point in text:
        text = text.rstrip("0").rstrip(point)
    return text


# --------------------------------------------------------------------------------------------
# numbers, money, percentages
# --------------------------------------------------------------------------------------------
def format_number(
    x: object, lang: str = "id", decimals: int = 0, *, signed: bool = False, trim: bool = False
) -> str:
    """Format a number with the language's separators.

    Parameters
    ----------
    x : number
        Value to format; missing values give ``"—"``.
    lang : {"id", "en"}
        Language.
    decimals : int
        Digits after the decimal separator (half-up rounding).
    signed : bool
        Prefix positive values with ``+`` (for changes).
    trim : bool
        Drop trailing zeros of the fraction (``"2,50"`` → ``"2,5"``).

    Returns
    -------
    str
        ``79388`` → ``"79.388"`` (id) / ``"79,388"`` (en).
    """
    lang = check_lang(lang)
    if _is_missing(x):
        return MISSING
    text = _fmt_decimal(_to_decimal(x), int(decimals), lang, signed=signed)
    return _trim_zeros(text, lang) if trim else text


def format_pct(
    x: object, lang: str = "id", decimals: int = 1, *, signed: bool = False, trim: bool = False
) -> str:
    """Format a percentage given in percent (0-100).

    Parameters
    ----------
    x : number
        Percentage [%] (``34.81``, not ``0.3481``); missing values give ``"—"``.
    lang : {"id", "en"}
        Language.
    decimals : int
        Digits after the decimal separator.
    signed : bool
        Prefix positive values with ``+``.
    trim : bool
        Drop trailing zeros of the fraction.

    Returns
    -------
    str
        ``"34,8 %"`` (id, with a space as in Indonesian usage) / ``"34.8%"`` (en).
    """
    lang = check_lang(lang)
    if _is_missing(x):
        return MISSING
    num = format_number(x, lang, decimals, signed=signed, trim=trim)
    return f"{num}{_PCT_SPACE[lang]}%"


def _resolve_rp_unit(unit: str) -> str:
    key = str(unit).strip().lower()
    if key not in _RP_UNIT_ALIASES:
        raise ValueError(
            f"Unknown rupiah unit {unit!r}: use one of "
            f"{', '.join(repr(k) for k in _RP_UNIT_ALIASES)}"
        )
    return _RP_UNIT_ALIASES[key]


def format_rp(
    x: object,
    lang: str = "id",
    unit: str = "auto",
    decimals: int | None = None,
    *,
    trim: bool = False,
    signed: bool = False,
) -> str:
    """Format an amount of money in rupiah.

    Parameters
    ----------
    x : number
        Amount [Rp]; missing values give ``"—"``.
    lang : {"id", "en"}
        Language: ``"Rp … juta/miliar/triliun"`` or ``"IDR … million/billion/trillion"``.
    unit : str
        ``"auto"`` (largest of trillion/billion/million that gives at least 1 after rounding,
        otherwise the full amount), ``"full"`` (all digits), or a fixed unit: ``"thousand"``,
        ``"million"``, ``"billion"``, ``"trillion"`` (Indonesian names ``ribu``, ``juta``,
        ``miliar``, ``triliun`` accepted).
    decimals : int, optional
        Digits after the separator; default 1 for scaled units and 0 for full amounts.
    trim : bool
        Drop trailing zeros (``"Rp 5,0 miliar"`` → ``"Rp 5 miliar"``).
    signed : bool
        Prefix positive values with ``+``.

    Returns
    -------
    str
        e.g. ``"Rp 10,4 miliar"``, ``"Rp 201.600"``, ``"-Rp 616,3 juta"``,
        ``"IDR 10.4 billion"``, ``"IDR 201,600"``.
    """
    lang = check_lang(lang)
    canon = _resolve_rp_unit(unit)
    if _is_missing(x):
        return MISSING
    d = _to_decimal(x)
    if canon == "auto":
        canon = "full"
        for name in ("trillion", "billion", "million"):
            scale = Decimal(int(_RP_UNITS[name][0]))
            dec = 1 if decimals is None else decimals
            if _round(abs(d) / scale, dec) >= 1:
                canon = name
                break
    scale_f, word_id, word_en = _RP_UNITS[canon]
    if decimals is None:
        decimals = 0 if canon == "full" else 1
    scaled = d / Decimal(int(scale_f))
    num = _fmt_decimal(scaled, decimals, lang)
    if trim:
        num = _trim_zeros(num, lang)
    negative = num.startswith("-")
    num = num.lstrip("-")
    sign = "-" if negative else ("+" if signed and _round(scaled, decimals) > 0 else "")
    word = word_id if lang == "id" else word_en
    body = f"{_CURRENCY[lang]} {num}" + (f" {word}" if word else "")
    return sign + body


# --------------------------------------------------------------------------------------------
# months and dates
# --------------------------------------------------------------------------------------------
def format_budget(x: object, lang: str = "id") -> str:
    """A budget line in rupiah, the one format every report uses: ``Rp 20,16 juta``.

    Two decimals of the unit (juta, miliar, triliun), ``Rp 0`` for nothing, ``—`` if missing.

    Parameters
    ----------
    x : float
        Amount. [Rp]
    lang : {"id", "en"}
    """
    if _is_missing(x):
        return MISSING
    v = float(x)
    if abs(v) < 0.5:
        return f"{_CURRENCY[check_lang(lang)]} 0"
    return format_rp(v, lang, decimals=2)


def _year_month_day(p: object) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) of a Period / Timestamp / date / ISO string, None if missing."""
    if _is_missing(p):
        return None
    if isinstance(p, pd.Period):
        if p.freqstr.upper().startswith("D"):
            return p.year, p.month, p.day
        return p.year, p.month, None
    if isinstance(p, str):
        text = p.strip()
        if not text:
            return None
        try:
            per = pd.Period(text, freq="M") if len(text) <= 7 else None
        except (ValueError, TypeError):
            per = None
        if per is not None:
            return per.year, per.month, None
        try:
            ts = pd.Timestamp(text)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"cannot read a month or date from {p!r}") from exc
        return ts.year, ts.month, ts.day
    if isinstance(p, np.datetime64 | _dt.date | _dt.datetime | pd.Timestamp):
        ts = pd.Timestamp(p)
        return ts.year, ts.month, ts.day
    raise TypeError(f"expected a Period, Timestamp, date or 'YYYY-MM' string, got {p!r}")


def format_month(p: object, lang: str = "id", short: bool = False) -> str:
    """Name a month.

    Parameters
    ----------
    p : pandas.Period, pandas.Timestamp, datetime.date, numpy.datetime64 or str
        The month (``"2030-12"``, ``"2030-12-31"``, ``Period("2030-12", "M")`` …);
        ``None``/``NaT`` give ``"—"``.
    lang : {"id", "en"}
        Language.
    short : bool
        Three-letter month (``"Des 2030"`` / ``"Dec 2030"``).

    Returns
    -------
    str
        ``"Desember 2030"`` (id) / ``"December 2030"`` (en).
    """
    lang = check_lang(lang)
    ymd = _year_month_day(p)
    if ymd is None:
        return MISSING
    year, month, _ = ymd
    names = MONTHS_SHORT[lang] if short else MONTHS[lang]
    return f"{names[month - 1]} {year}"


def format_date(d: object, lang: str = "id", short: bool = False) -> str:
    """Name a day.

    Parameters
    ----------
    d : pandas.Timestamp, datetime.date, numpy.datetime64, daily Period or ISO string
        The date; a monthly value (``Period[M]``, ``"2030-12"``) is shown as its month.
        Missing values give ``"—"``.
    lang : {"id", "en"}
        Language.
    short : bool
        Three-letter month.

    Returns
    -------
    str
        ``"30 April 2025"`` in both languages (day-month-year order, as used in Indonesia and
        in international English); ``"30 Apr 2025"`` with ``short=True``.
    """
    lang = check_lang(lang)
    ymd = _year_month_day(d)
    if ymd is None:
        return MISSING
    year, month, day = ymd
    if day is None:
        return format_month(d, lang, short=short)
    names = MONTHS_SHORT[lang] if short else MONTHS[lang]
    return f"{day} {names[month - 1]} {year}"


# --------------------------------------------------------------------------------------------
# labels
# --------------------------------------------------------------------------------------------
def _catalogue() -> dict[str, dict[str, str]]:
    """``key -> {lang: text}`` from the per-language modules of :mod:`ucj_analysis.locale`.

    A key is listed in the order of the Indonesian file, then keys only the English file has; a
    key missing in one language has no entry for it (:func:`t` then names the key and language).
    """
    from ucj_analysis.locale import en as _en
    from ucj_analysis.locale import id as _id

    texts = {"id": _id.TEXTS, "en": _en.TEXTS}
    keys = dict.fromkeys([*_id.TEXTS, *_en.TEXTS])
    return {k: {lang: d[k] for lang, d in texts.items() if k in d} for k in keys}


#: Every user-facing label: ``key -> {"id": text, "en": text}``; texts may hold
#: ``{placeholders}`` filled by :func:`t`. Edit the texts in ``ucj_analysis/locale/id.py`` and
#: ``ucj_analysis/locale/en.py``.
LABELS: dict[str, dict[str, str]] = _catalogue()


def t(key: str, lang: str = "id", **kwargs: object) -> str:
    """Look up a user-facing label.

    Parameters
    ----------
    key : str
        Label key, e.g. ``"axis.coverage_pct"``, ``"quality.assumed"``, ``"not_reached_by"``.
    lang : {"id", "en"}
        Language.
    **kwargs
        Values for ``{placeholders}`` in the label
        (``t("not_reached_by", "id", month="Des 2045")``); a :class:`Localized` value
        (:class:`Phrase`, :class:`Joined`, :class:`Number`) is written in ``lang``. Without
        keyword arguments the label is returned unformatted (placeholders kept).

    Returns
    -------
    str
        The label.

    Raises
    ------
    KeyError
        Unknown key, or key without a text in ``lang``; the message names both and suggests
        close keys.
    ValueError
        Unsupported language.
    """
    lang = check_lang(lang)
    entry = LABELS.get(key)
    if entry is None:
        close = difflib.get_close_matches(str(key), LABELS.keys(), n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise KeyError(f"No label for key {key!r} in language {lang!r}{hint}")
    if lang not in entry:
        raise KeyError(f"Label {key!r} has no text in language {lang!r}")
    text = entry[lang]
    if kwargs:
        kwargs = {name: _localized(value, lang) for name, value in kwargs.items()}
        try:
            text = text.format(**kwargs)
        except KeyError as exc:
            raise KeyError(
                f"Label {key!r} ({lang!r}) needs placeholder {exc.args[0]!r}: {entry[lang]!r}"
            ) from None
    return text


def both(key: str, sep: str = " / ", **kwargs: object) -> str:
    """The Indonesian and the English text of ``key``, joined by ``sep``.

    For a message written before the language is known (a command-line error before the
    ``--lang`` option or the batch file is read); once it is known, use :func:`t`.

    Parameters
    ----------
    key : str
        Catalogue key.
    sep : str
        Between the two texts (``" / "`` on one line, ``"\n"`` for two lines).
    **kwargs
        Values for the ``{placeholders}`` of both texts.

    Returns
    -------
    str
        ``"folder tidak ditemukan: X / folder not found: X"``.
    """
    return sep.join(t(key, lang, **kwargs) for lang in SUPPORTED_LANGS)


class Localized:
    """A placeholder value written in the language of the text it fills.

    :func:`t` (and so :func:`both`) calls :meth:`text` with the language of the text; a message
    written before the language is known can so name a column, a number or a nested catalogue
    text in each of its languages.
    """

    def text(self, lang: str) -> str:
        """The value in ``lang``."""
        raise NotImplementedError

    def __str__(self) -> str:
        return " / ".join(self.text(lang) for lang in SUPPORTED_LANGS)


def _localized(value: object, lang: str) -> object:
    """``value`` in ``lang`` when it is :class:`Localized`, else unchanged."""
    return value.text(lang) if isinstance(value, Localized) else value


class Phrase(Localized):
    """A catalogue text that fills a placeholder of another, in that text's language.

    ``both("loader.problem", where="a.csv", text=Phrase("column.active"))`` gives the
    Indonesian text with ``peserta aktif`` and the English text with ``active``.

    Parameters
    ----------
    key : str
        Catalogue key.
    **kwargs
        Values for its ``{placeholders}`` (:class:`Localized` again, or any value).
    """

    def __init__(self, key: str, /, **kwargs: object):
        self.key = key
        self.kwargs = kwargs

    def text(self, lang: str) -> str:
        """The catalogue text of ``key`` in ``lang``, its placeholders filled."""
        return t(self.key, lang, **self.kwargs)

    def __str__(self) -> str:
        return both(self.key, **self.kwargs)

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.kwargs.items())
        return f"Phrase({self.key!r}{args})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.kwargs) == (other.key, other.kwargs)


class Joined(Localized):
    """Values joined by a separator, each written in the language of the text.

    Parameters
    ----------
    parts : iterable
        :class:`Localized` values or plain values.
    sep : str
        Between two parts (``", "``, ``" × "``): punctuation, the same in every language.
    """

    def __init__(self, parts: object, sep: str = ", "):
        self.parts = tuple(parts)  # type: ignore[call-overload]
        self.sep = sep

    def text(self, lang: str) -> str:
        """The parts in ``lang``, joined."""
        return self.sep.join(str(_localized(p, lang)) for p in self.parts)


class Number(Localized):
    """A number with the separators of the text's language (:func:`format_number`).

    Parameters
    ----------
    x : number
        The value.
    decimals : int
        Digits after the decimal separator.
    """

    def __init__(self, x: object, decimals: int = 0):
        self.x = x
        self.decimals = decimals

    def text(self, lang: str) -> str:
        """``x`` written in ``lang``: ``1.234,50`` (id) / ``1,234.50`` (en)."""
        return format_number(self.x, lang, self.decimals)


def format_pct_bound(op: str, x: object, lang: str = "id", decimals: int = 0) -> str:
    """A percentage bound: ``"< 1 %"`` (id, spaced as in Indonesian usage) / ``"<1%"`` (en).

    Parameters
    ----------
    op : {"<", ">"}
        The comparison.
    x : number
        Percentage. [%]
    lang : {"id", "en"}
    decimals : int
        Digits after the decimal separator.
    """
    if op not in ("<", ">"):
        raise ValueError(f"op must be '<' or '>', got {op!r}")
    lang = check_lang(lang)
    return f"{op}{_PCT_SPACE[lang]}{format_pct(x, lang, decimals)}"


def rp_unit_label(unit: str, lang: str = "id") -> str:
    """Currency and unit word of an amount axis: ``"Rp miliar"`` (id) / ``"IDR billion"`` (en).

    Parameters
    ----------
    unit : str
        A fixed unit accepted by :func:`format_rp` (``"billion"``, ``"miliar"``, ``"full"`` ...).
    lang : {"id", "en"}

    Returns
    -------
    str
        ``"Rp"`` / ``"IDR"`` alone for full amounts.
    """
    lang = check_lang(lang)
    name = _resolve_rp_unit(unit)
    if name == "auto":
        raise ValueError("rp_unit_label needs a fixed unit, not 'auto'")
    word = _RP_UNITS[name][1 + SUPPORTED_LANGS.index(lang)]
    return f"{_CURRENCY[lang]} {word}".rstrip()


def format_clock(hour: int, minute: int, lang: str = "id") -> str:
    """A time of day: ``"14.05"`` (id) / ``"14:05"`` (en)."""
    return f"{int(hour):02d}{_CLOCK_SEP[check_lang(lang)]}{int(minute):02d}"


def translate_value(kind: str, value: object, lang: str = "id") -> str:
    """Translate a categorical value (quality flag, status, trend method, feasibility).

    Parameters
    ----------
    kind : {"quality", "status", "method", "feasible"}
        Label family.
    value : object
        Raw value as produced by loaders/models (``"assumed"``, ``"not_reached"``,
        ``"own trend"``, ``True`` …). Missing values give ``"—"``.
    lang : {"id", "en"}
        Language.

    Returns
    -------
    str
        Translated value; an unknown value is returned unchanged (as text) so that user
        categories still show.
    """
    lang = check_lang(lang)
    if _is_missing(value):
        return MISSING
    if kind == "feasible":
        raw = str(bool(value))
    else:
        raw = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    key = f"{kind}.{raw}"
    return t(key, lang) if key in LABELS else str(value)


# --------------------------------------------------------------------------------------------
# tables
# --------------------------------------------------------------------------------------------
def _kind_fn(kind: str | Callable[[object], str], lang: str) -> Callable[[object], str]:
    if callable(kind):
        return lambda v: MISSING if _is_missing(v) else str(kind(v))
    name, _, arg = str(kind).partition(":")
    dec = int(arg) if arg else None
    if name in ("quality", "status", "method", "feasible"):
        return lambda v: translate_value(name, v, lang)
    makers: dict[str, Callable[[object], str]] = {
        "rp": lambda v: format_rp(v, lang, decimals=dec),
        "rp_full": lambda v: format_rp(v, lang, unit="full", decimals=dec),
        "number": lambda v: format_number(v, lang, 0 if dec is None else dec),
        "pct": lambda v: format_pct(v, lang, 1 if dec is None else dec),
        "share": lambda v: (
            MISSING
            if _is_missing(v)
            else format_pct(float(v) * 100.0, lang, 1 if dec is None else dec)
        ),
        "month": lambda v: format_month(v, lang),
        "month_short": lambda v: format_month(v, lang, short=True),
        "date": lambda v: format_date(v, lang),
        "bool": lambda v: MISSING if _is_missing(v) else t("yes" if bool(v) else "no", lang),
        "text": lambda v: MISSING if _is_missing(v) else str(v),
    }
    if name not in makers:
        valid = sorted(TABLE_FORMATS)
        raise ValueError(
            f"Unknown table format {kind!r}: use one of {', '.join(valid)} "
            "(optionally with ':<decimals>', e.g. 'pct:2') or a callable"
        )
    return makers[name]


TABLE_FORMATS: frozenset[str] = frozenset(
    {
        "rp",
        "rp_full",
        "number",
        "pct",
        "share",
        "month",
        "month_short",
        "date",
        "bool",
        "text",
        "quality",
        "status",
        "method",
        "feasible",
    }
)


def format_table(
    df: pd.DataFrame,
    lang: str = "id",
    formats: Mapping[str, str | Callable[[object], str]] | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    translate_headers: bool = True,
) -> pd.DataFrame:
    """Display copy of a frame: formatted strings and translated column headers.

    Parameters
    ----------
    df : pandas.DataFrame
        Frame to show; not modified.
    lang : {"id", "en"}
        Language.
    formats : mapping of column -> kind, optional
        ``kind`` is one of ``"rp"`` (auto unit), ``"rp_full"``, ``"number"``, ``"pct"``
        (values in %), ``"share"`` (proportion 0-1 shown in %), ``"month"``, ``"month_short"``,
        ``"date"``, ``"bool"``, ``"text"``, ``"quality"``, ``"status"``, ``"method"``,
        ``"feasible"``; numeric kinds accept ``":<decimals>"`` (``"pct:2"``). A callable
        ``value -> str`` is also accepted. Columns without a format keep their values, with
        missing values shown as ``"—"``.
    headers : mapping of column -> header, optional
        Explicit headers; take precedence over the built-in ``col.<name>`` labels.
    translate_headers : bool
        Replace column names by ``t("col.<name>", lang)`` where such a label exists.

    Returns
    -------
    pandas.DataFrame
        New frame of ``object`` columns, same index.

    Raises
    ------
    KeyError
        A column named in ``formats`` is not in ``df``.
    ValueError
        Unknown format kind or language.
    """
    lang = check_lang(lang)
    formats = dict(formats or {})
    missing = [c for c in formats if c not in df.columns]
    if missing:
        raise KeyError(
            f"format_table: column(s) {missing} not in frame; columns are {list(df.columns)}"
        )
    out = pd.DataFrame(index=df.index)
    for col in df.columns:
        if col in formats:
            fn = _kind_fn(formats[col], lang)
        else:
            fn = _kind_fn("text", lang) if df[col].isna().any() else (lambda v: v)
        out[col] = pd.Series([fn(v) for v in df[col]], index=df.index, dtype=object)
    rename: dict[str, str] = {}
    for col in df.columns:
        if headers and col in headers:
            rename[col] = headers[col]
        elif translate_headers and f"col.{col}" in LABELS:
            rename[col] = t(f"col.{col}", lang)
    return out.rename(columns=rename)
