"""Exceptions raised when input data is invalid.

Every problem found in a file is collected as a :class:`Problem`; the loader raises one
:class:`DataValidationError` that lists them all, so a planner can fix the whole file at once.

A message reads like a spreadsheet reference, Indonesian phrase first, English expectation second::

    coverage.csv, baris 5, kolom 'peserta_aktif' (active), nilai '80.000': peserta aktif melebihi
    angkatan kerja — expected active <= workforce (79388)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["DataValidationError", "Problem", "UnknownRegencyError"]


def _show_value(value: object) -> str:
    """Render a cell value the way the user typed it (integral floats without ``.0``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
    expected : str
        What was expected, in English (e.g. ``active <= workforce (79388)``).
    phrase : str
        Short Indonesian description of the problem (e.g. ``peserta aktif melebihi angkatan
        kerja``). Shown first in the message.
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
    expected: str
    phrase: str = ""
    canonical: str | None = None
    sheet: str | None = None

    def message(self) -> str:
        """Return the one-line message for this problem (Indonesian phrase, English expected)."""
        where = [self.file]
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"baris {self.row}")
        if self.column is not None:
            col = f"kolom '{self.column}'"
            if self.canonical and self.canonical != self.column:
                col += f" ({self.canonical})"
            where.append(col)
        if self.row is not None:
            if self.value is None or (isinstance(self.value, str) and not self.value.strip()):
                where.append("nilai kosong")
            else:
                where.append(f"nilai '{_show_value(self.value)}'")
        head = ", ".join(where)
        if self.phrase:
            return f"{head}: {self.phrase} — expected {self.expected}"
        return f"{head}: expected {self.expected}"

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

    #: Heading words (Indonesian, English) and the problem attribute naming the file.
    heading: tuple[str, str] = ("Data tidak valid", "invalid data")
    where_attr: str = "file"

    def __init__(self, problems: Sequence[Problem] | Iterable[Problem]):
        self.problems: list = list(problems)
        super().__init__(self._text())

    def _text(self) -> str:
        n = len(self.problems)
        files = sorted({str(getattr(p, self.where_attr)) for p in self.problems})
        head = (
            f"{self.heading[0]}: {n} masalah di {', '.join(files)} "
            f"({self.heading[1]}: {n} problem{'s' if n != 1 else ''})"
        )
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
        id_what = {"regency": "kabupaten", "province": "provinsi", "area": "wilayah"}.get(
            self.what, self.what
        )
        return (
            f"{id_what} '{self.name}' tidak dikenal — expected one of the known "
            f"{self.what} names: {', '.join(self.known)}"
        )

    def __str__(self) -> str:
        return self._text()
