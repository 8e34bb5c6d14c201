"""Exceptions raised when input data is invalid.

Every problem found in a file is collected as a :class:`Problem`; the loader raises one
:class:`DataValidationError` that lists them all, so a planner can fix the whole file at once.

Problems are found before the report language is known, so a message is written in both
languages, each a complete message from the catalogue (:mod:`ucj_analysis.locale`), Indonesian
first, joined by :data:`SEPARATOR`::

    coverage.csv, baris 5, kolom 'peserta_aktif' (active), nilai '80.000': peserta aktif melebihi
    angkatan kerja; seharusnya active <= workforce (79388) — coverage.csv, row 5, column
    'peserta_aktif' (active), value '80.000': active exceeds workforce; expected active <=
    workforce (79388)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ucj_analysis import i18n

__all__ = ["DataValidationError", "Problem", "SEPARATOR", "UnknownRegencyError"]

#: Between the Indonesian and the English text of a message written before the language is
#: known (data problems, loader errors and warnings).
SEPARATOR = " — "


def _show_value(value: object) -> str:
    """Render a cell value the way the user typed it (integral floats without ``.0``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Where(i18n.Localized):
    """Where a problem is: file, sheet, row, column and value, in the text's language."""

    def __init__(self, problem: Problem):
        self.problem = problem

    def text(self, lang: str) -> str:
        """``file, baris 5, kolom 'x' (canonical), nilai 'v'`` in ``lang``."""
        p = self.problem
        parts = [p.file]
        if p.sheet:
            parts.append(i18n.t("loader.where.sheet", lang, sheet=p.sheet))
        if p.row is not None:
            parts.append(i18n.t("loader.where.row", lang, row=p.row))
        if p.column is not None:
            if p.canonical and p.canonical != p.column:
                parts.append(
                    i18n.t("loader.where.column_as", lang, column=p.column, name=p.canonical)
                )
            else:
                parts.append(i18n.t("loader.where.column", lang, column=p.column))
        if p.row is not None:
            if p.value is None or (isinstance(p.value, str) and not p.value.strip()):
                parts.append(i18n.t("loader.where.empty", lang))
            else:
                parts.append(i18n.t("loader.where.value", lang, value=_show_value(p.value)))
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One problem in one cell, row or file.

    Parameters
    ----------
    file : str
        File name as the user knows it (e.g. ``coverage.csv``).
    row : int or None
        Row number as a spreadsheet shows it (header = 1, first data row = 2); ``None`` for a
        problem with the whole file or a whole column.
    column : str or None
        Column name as the user wrote it in the header; ``None`` for row- or file-level problems.
    value : object
        The offending value as read (``None`` when the cell is empty or not applicable).
    key : str
        Catalogue key of the problem's text (``loader.*``): what is wrong and what was expected,
        e.g. ``loader.coverage.active_over_workforce``.
    params : mapping
        Values of the text's ``{placeholders}``; :class:`~ucj_analysis.i18n.Localized` values
        (a column's name, a number) are written in each language.
    canonical : str or None
        Canonical (English) column name when the header used an alias, e.g. ``active`` for
        ``peserta_aktif``; shown in brackets after the column.
    sheet : str or None
        Excel sheet name, for ``.xlsx`` files.
    """

    file: str
    row: int | None
    column: str | None
    value: object
    key: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)
    canonical: str | None = None
    sheet: str | None = None

    def text(self, lang: str) -> str:
        """What is wrong and what was expected, in ``lang`` (without file, row and column)."""
        return i18n.t(self.key, lang, **self.params)

    def message(self, lang: str | None = None) -> str:
        """The one-line message: where, what is wrong and what was expected.

        Parameters
        ----------
        lang : {"id", "en"}, optional
            One language; by default both, Indonesian first, joined by :data:`SEPARATOR`.
        """
        kw = {"where": _Where(self), "text": i18n.Phrase(self.key, **self.params)}
        if lang is None:
            return i18n.both("loader.problem", sep=SEPARATOR, **kw)
        return i18n.t("loader.problem", lang, **kw)

    def __str__(self) -> str:
        return self.message()


class DataValidationError(ValueError):
    """Input data failed validation; ``problems`` lists every problem found.

    ``str(error)`` gives a summary line followed by one line per problem.

    Parameters
    ----------
    problems : sequence of Problem
        All problems found (at least one).
    """

    #: Catalogue key of the summary line (``<key>_one`` for one problem), and the problem
    #: attribute naming the file.
    heading_key: str = "errors.data.heading"
    where_attr: str = "file"

    def __init__(self, problems: Sequence[Problem] | Iterable[Problem]):
        self.problems: list = list(problems)
        super().__init__(self._text())

    def _text(self) -> str:
        files = sorted({str(getattr(p, self.where_attr)) for p in self.problems})
        n = len(self.problems)
        key = self.heading_key + ("_one" if n == 1 else "")  # English says "1 problem"
        head = i18n.both(key, sep=SEPARATOR, n=n, files=", ".join(files))
        return "\n".join([head, *(p.message() for p in self.problems)])

    def __str__(self) -> str:
        return self._text()


class UnknownRegencyError(LookupError, ValueError):
    """A regency name that matches no known regency, even tolerantly.

    Parameters
    ----------
    name : str
        The name asked for.
    known : sequence of str
        Canonical names that are known; listed in the message.
    what : str
        What kind of area was looked up (``regency``, ``province`` ...), for the message.
    """

    def __init__(self, name: object, known: Iterable[str], what: str = "regency"):
        self.name = name
        self.known = sorted(known)
        self.what = what
        super().__init__(self._text())

    def _text(self) -> str:
        what = f"loader.area.{self.what}"
        return i18n.both(
            "loader.area.unknown_name",
            sep=SEPARATOR,
            what=i18n.Phrase(what) if what in i18n.LABELS else self.what,
            name=self.name,
            known=", ".join(self.known),
        )

    def __str__(self) -> str:
        return self._text()
