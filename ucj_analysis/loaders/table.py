"""One file's rows against its dataset's column spec: headers mapped, cells parsed and typed.

:class:`_Table` maps the header cells to the spec's columns (Indonesian names, near misses
reported with "did you mean"), parses every cell (Indonesian numbers and dates in user files,
plain numbers in embedded ones), fills the documented defaults, checks duplicates of the
dataset's key and collects every problem with its spreadsheet row and column.
"""

from __future__ import annotations

import difflib
import math
import warnings
from typing import Any

import numpy as np
import pandas as pd

from ucj_analysis.errors import SEPARATOR, Problem
from ucj_analysis.i18n import Phrase, both
from ucj_analysis.loaders.csv_xlsx import _empty_cell, _Raw
from ucj_analysis.loaders.schema import _Col, _Spec
from ucj_analysis.parsing import (
    QUALITY_VALUES,
    ParseError,
    name_key,
    normalise_header,
    parse_bool,
    parse_id_date,
    parse_id_month,
    parse_id_number,
    parse_quality,
)


class _Table:
    """Parsed rows of one file plus the problems found so far."""

    def __init__(self, raw: _Raw, spec: _Spec, plain_numbers: bool):
        self.raw = raw
        self.spec = spec
        self.plain = plain_numbers
        self.problems: list[Problem] = list(raw.problems)
        self.written: dict[str, str] = {}
        self.rows: list[int] = []
        self.cells: list[dict[str, Any]] = []  # canonical -> raw cell
        self.values: list[dict[str, Any]] = []  # canonical -> parsed value
        self.bad: list[set[str]] = []  # columns that failed per row
        self.notes: list[list[str]] = []  # notes the loader appends (derived values)
        self.ignored: list[str] = []  # header cells that match no column

    # -- messages ---------------------------------------------------------------------------
    def add(
        self,
        i: int | None,
        col: str | None,
        key: str,
        /,
        value: Any = ...,
        **params: Any,
    ) -> None:
        """Record a problem at data row index ``i`` (``None`` = file level) and column.

        Parameters
        ----------
        i : int or None
            Data row index; ``None`` for a problem with the whole file.
        col : str or None
            Canonical column; ``None`` for a row- or file-level problem.
        key : str
            Catalogue key of the problem's text (``loader.*``).
        value : object, optional
            The value shown; by default the cell of row ``i`` and column ``col``.
        **params
            Values of the text's placeholders.
        """
        row = self.rows[i] if i is not None else None
        if value is ... and i is not None and col is not None:
            value = self.cells[i].get(col)
        elif value is ...:
            value = None
        written = self.written.get(col, col) if col else None
        self.problems.append(
            Problem(self.raw.file, row, written, value, key, params, col, self.raw.sheet)
        )

    def note(self, i: int, key: str, **params: Any) -> None:
        """Append the loader's remark ``key`` to row ``i``'s note, in both languages."""
        self.notes[i].append(both(key, sep=SEPARATOR, **params))

    def ok(self, i: int, *cols: str) -> bool:
        """True when every column is present, parsed and non-empty in row ``i``."""
        return all(c not in self.bad[i] and self.values[i].get(c) is not None for c in cols)

    # -- steps ------------------------------------------------------------------------------
    def map_headers(self) -> None:
        lookup: dict[str, _Col] = {}
        for c in self.spec.columns:
            for alias in (c.name, *c.aliases):
                lookup.setdefault(normalise_header(alias), c)
        self.index: dict[str, int] = {}
        ignored = []
        for j, h in enumerate(self.raw.header):
            col = lookup.get(normalise_header(h))
            if col is None:
                if normalise_header(h):
                    ignored.append(h)
                continue
            if col.name in self.index:
                self.add(
                    None, None, "loader.header.twice", value=h, column=col.name,
                    first=self.written[col.name], second=h,
                )  # fmt: skip
                continue
            self.index[col.name] = j
            self.written[col.name] = h
        typos = self._typos(ignored, lookup)
        ignored = [h for h in ignored if h not in typos]
        for h, (alias, col) in typos.items():
            self.problems.append(
                Problem(
                    self.raw.file, None, h, None, "loader.header.typo",
                    {"alias": alias, "column": col.name,
                     "names": ", ".join(dict.fromkeys([col.name, *col.aliases]))},
                    None, self.raw.sheet,
                )
            )  # fmt: skip
        explained = {col.name for _, col in typos.values()}
        for c in self.spec.columns:
            if c.column_required and c.name not in self.index and c.name not in explained:
                names = ", ".join(dict.fromkeys([c.name, *c.aliases]))
                self.problems.append(
                    Problem(
                        self.raw.file, None, c.name, None, "loader.header.missing",
                        {"column": c.name, "names": names}, None, self.raw.sheet,
                    )
                )  # fmt: skip
        self.ignored: list[str] = ignored
        if ignored:
            warnings.warn(
                both(
                    "loader.columns_ignored", sep=SEPARATOR, file=self.raw.file,
                    columns=", ".join(ignored),
                ),
                UserWarning,
                stacklevel=4,
            )  # fmt: skip

    def _typos(self, ignored: list[str], lookup: dict[str, _Col]) -> dict[str, tuple[str, _Col]]:
        """Unknown headers that look like a misspelt column name: header -> (alias, column).

        A header is a typo when its normalised form is at least 85 % similar (difflib ratio) to
        a name or alias of a column the file does not have yet (``peserta_aktf`` ->
        ``peserta_aktif``). A header close to a column that is present (``catatan_2`` next to
        ``catatan``) is an extra column and stays ignored.
        """
        missing = {k: c for k, c in lookup.items() if c.name not in self.index}
        out: dict[str, tuple[str, _Col]] = {}
        for h in ignored:
            close = difflib.get_close_matches(normalise_header(h), list(missing), n=1, cutoff=0.85)
            if close:
                out[h] = (close[0], missing[close[0]])
        return out

    def parse_cells(self) -> None:
        for r, rec in self.raw.rows:
            i = len(self.rows)
            self.rows.append(r)
            self.cells.append({})
            self.values.append({})
            self.bad.append(set())
            self.notes.append([])
            for c in self.spec.columns:
                if c.name not in self.index:
                    if not c.column_required:
                        self.values[i][c.name] = c.default
                    continue
                cell = rec[self.index[c.name]]
                if isinstance(cell, str):
                    cell = cell.strip() or None
                self.cells[i][c.name] = cell
                try:
                    v = self._parse(c, cell)
                except ParseError as e:
                    self.bad[i].add(c.name)
                    self.add(i, c.name, e.key, **e.params)
                    continue
                if v is None:
                    if c.value_required:
                        self.bad[i].add(c.name)
                        self.add(i, c.name, "loader.required", name=c.phrase)
                        continue
                    v = c.default
                self.values[i][c.name] = v

    def _parse(self, c: _Col, cell: Any) -> Any:
        if c.kind in ("count", "money", "percent", "number", "year"):
            if self.plain and isinstance(cell, str):
                v = _parse_plain_number(cell, c.kind)
            else:
                v = parse_id_number(cell, c.kind)  # type: ignore[arg-type]
            if v is None:
                return None
            if c.kind in ("count", "money") and v < 0:
                raise ParseError("loader.negative", name=c.phrase, column=c.name)
            if c.kind == "percent" and not 0 <= v <= 100:
                raise ParseError("loader.percent_range", name=c.phrase)
            if c.kind == "year" and not 1900 <= v <= 2200:
                raise ParseError("loader.year_range")
            return v
        if c.kind == "date":
            return parse_id_date(cell)
        if c.kind == "month":
            return parse_id_month(cell)
        if c.kind == "quality":
            return parse_quality(cell)
        if c.kind == "bool":
            return parse_bool(cell)
        if c.kind == "choice":
            if _empty_cell(cell):
                return None
            assert c.choices is not None
            key = normalise_header(cell)
            if key in c.choices:
                return c.choices[key]
            allowed = sorted(set(c.choices.values()))
            raise ParseError(
                "loader.choice_unknown", name=c.phrase, allowed=", ".join(allowed),
                aliases=", ".join(k for k in c.choices if k not in allowed),
            )  # fmt: skip
        # text
        if _empty_cell(cell):
            return None
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        return " ".join(str(cell).split())

    def check_duplicates(self) -> None:
        seen: dict[tuple, int] = {}
        key = self.spec.key
        for i in range(len(self.rows)):
            if self.values[i].get("use_in_model") is False:
                continue
            if any(k in self.bad[i] for k in key):
                continue
            k = tuple(_key_part(self.values[i].get(c)) for c in key)
            if k in seen:
                j = seen[k]
                shown = ", ".join(
                    _show(self.values[i].get(c))
                    for c in key
                    if c != "level" and self.values[i].get(c) not in (None, "")
                )
                hint = (
                    Phrase("loader.duplicate.use_in_model")
                    if "use_in_model" in [c.name for c in self.spec.columns]
                    else ""
                )
                self.add(
                    i, key[1] if key[0] == "level" else key[0], "loader.duplicate",
                    what=self.spec.key_phrase, first=self.rows[j], row=self.rows[i],
                    shown=shown, hint=hint,
                )  # fmt: skip
            else:
                seen[k] = i

    def frame(self) -> pd.DataFrame:
        data: dict[str, Any] = {}
        for c in self.spec.columns:
            vals = [v.get(c.name) for v in self.values]
            if c.name == "note":
                vals = [
                    "; ".join(x for x in [v or "", *extra] if x)
                    for v, extra in zip(vals, self.notes, strict=True)
                ]
            data[c.name] = _typed(vals, c)
        return pd.DataFrame(data, index=pd.RangeIndex(len(self.rows)))


def _show(v: Any) -> str:
    return v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else str(v)


def _key_part(v: Any) -> Any:
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, pd.Period):
        return str(v)
    if isinstance(v, str):
        return name_key(v) or v
    return v


def _parse_plain_number(text: str, kind: str) -> int | float | None:
    """Machine format (embedded files): ``.`` is the decimal point, no thousands separators."""
    s = text.strip()
    if not s:
        return None
    try:
        v = float(s)
    except ValueError:
        raise ParseError("loader.plain.not_a_number", kind=kind) from None
    if not math.isfinite(v):
        raise ParseError("loader.plain.not_finite", kind=kind)
    if kind in ("count", "money", "year"):
        if not v.is_integer():
            raise ParseError("loader.plain.not_whole", kind=kind)
        return int(s) if s.lstrip("-").isdigit() else int(v)
    return v


def _typed(vals: list[Any], c: _Col) -> pd.Series | pd.Categorical | Any:
    if c.kind in ("count", "money", "year"):
        return pd.array(vals, dtype="Int64")
    if c.kind in ("percent", "number"):
        return np.array([np.nan if v is None else float(v) for v in vals], dtype="float64")
    if c.kind == "date":
        return pd.Series(pd.to_datetime(pd.Series(vals, dtype="object")), dtype="datetime64[ns]")
    if c.kind == "month":
        return pd.array([pd.NaT if v is None else v for v in vals], dtype="period[M]")
    if c.kind == "quality":
        return pd.Categorical(vals, categories=list(QUALITY_VALUES))
    if c.kind == "bool":
        return np.array([bool(v) for v in vals], dtype=bool)
    return pd.Series(["" if v is None else v for v in vals], dtype="str")


def _sorted_problems(t: _Table) -> list[Problem]:
    """File-level problems first, then by row and by column order in the file."""
    order = {h: j for j, h in enumerate(t.raw.header)}
    return sorted(
        t.problems,
        key=lambda p: (p.row is not None, p.row or 0, order.get(p.column or "", len(order))),
    )
