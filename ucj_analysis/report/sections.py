"""Section headings and short explanations of the reports (Markdown, catalogue ``section.*``)."""

from __future__ import annotations

from ucj_analysis import i18n
from ucj_analysis.report.display import markdown

__all__ = ["SECTIONS", "section"]

#: Every section key a notebook may show (``section.<key>`` in the catalogue).
SECTIONS: tuple[str, ...] = tuple(
    k.removeprefix("section.") for k in i18n.LABELS if k.startswith("section.")
)


def section(key: str, lang: str = "id", **kw):
    """Heading and short explanation of a report section, in ``lang`` (Markdown).

    Parameters
    ----------
    key : str
        Section key, e.g. ``"forecast.fan"`` (one of :data:`SECTIONS`).
    lang : {"id", "en"}
        Report language.
    **kw
        Values for the text's ``{placeholders}`` (``regency=...`` for the titles).

    Raises
    ------
    KeyError
        Unknown section key.
    """
    if key not in SECTIONS:
        raise KeyError(f"unknown report section {key!r}; known: {', '.join(SECTIONS)}")
    return markdown(i18n.t(f"section.{key}", lang, **kw))
