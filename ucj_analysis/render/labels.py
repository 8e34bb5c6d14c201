"""Label texts of the pages and tables built here, in Indonesian (``id``) and English (``en``).

The texts live in the catalogue (``ucj_analysis/locale/id.py`` and ``en.py``, read through
:mod:`ucj_analysis.i18n`): ``render.<key>`` for the report header, footer, banner and error box,
the index page and the sheet names of summary.xlsx (:func:`_l`), ``render.brief.<key>`` for the
one-page summary (:func:`_bl`) and ``render.notebook.<stem>`` for the notebook names. Column
headers of the summary table are ``summary.<column>`` (:mod:`ucj_analysis.render.summary`).
"""

from __future__ import annotations

from typing import Any

from ucj_analysis import i18n

__all__ = ["MISSING"]

#: shown for a missing value
MISSING = "—"

#: notebook stem -> {"id": name, "en": name}, from the catalogue keys ``render.notebook.<stem>``
_NOTEBOOK_LABELS: dict[str, dict[str, str]] = {
    key.removeprefix("render.notebook."): dict(entry)
    for key, entry in i18n.LABELS.items()
    if key.startswith("render.notebook.")
}


def _lang(lang: str) -> str:
    """``lang`` itself when it is ``"id"`` or ``"en"``; ValueError otherwise."""
    if lang not in ("id", "en"):
        raise ValueError(f"lang must be 'id' or 'en', got {lang!r}")
    return lang


def _l(key: str, lang: str) -> str:
    """Label ``key`` in ``lang``: the catalogue text ``render.<key>``, placeholders kept."""
    return i18n.t(f"render.{key}", lang)


def _bl(key: str, lang: str, **kw: Any) -> str:
    """Label ``key`` of the one-page summary (``render.brief.<key>``), filled with ``kw``."""
    return i18n.t(f"render.brief.{key}", lang, **kw)


def _status_label(status: str, lang: str) -> str:
    key = {"ok": "status_ok", "failed": "status_failed", "skipped": "status_skipped"}.get(status)
    return _l(key, lang) if key else str(status)


def _notebook_label(stem: str, lang: str) -> str:
    return _NOTEBOOK_LABELS.get(stem, {}).get(lang, stem)


def _quality_label(value: Any, lang: str) -> str | None:
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return None
    key = str(value).strip().lower()
    return _l(key, lang) if key in ("observed", "derived", "assumed") else str(value)
