"""Notebook parameters: read a ``parameters`` cell and convert values to the declared types.

Each notebook's ``parameters`` cell is read with :func:`papermill.inspect_notebook` (typed
literals such as ``n_draws: int = 1000  # help``) and completed from the cell's syntax tree. A
value from YAML, or text from ``--set KEY=VALUE``, is converted to the declared type only where
nothing is lost (``"2000"`` -> ``2000`` for ``n_draws: int``; ``"2026-12,2030-12"`` -> a list).
An unknown parameter, or a value that cannot be converted without loss, is refused with a
message that names it and lists the accepted parameters with their types (papermill itself only
warns).
"""

from __future__ import annotations

import ast
import datetime as dt
import difflib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ucj_analysis.batch.messages import BatchFileError, ParameterError, Phrase, both

__all__ = [
    "NotebookParameter",
    "coerce_parameter",
    "notebook_parameters",
    "parse_assignments",
    "resolve_parameters",
]


class _Unevaluated(str):
    """Default value whose source is not a Python literal (kept as source text)."""


@dataclass(frozen=True)
class NotebookParameter:
    """One parameter of a notebook's ``parameters`` cell.

    Attributes
    ----------
    name : str
        Variable name.
    type_name : str or None
        Declared annotation (``"int"``, ``"list"``, ``"list[str]"``, ``"Optional[int]"``), or
        ``None`` when the line has no annotation (the type of the default is then used).
    default : Any
        Default value (the literal evaluated), or the source text when it is not a literal.
    default_source : str
        Default exactly as written in the cell.
    help : str
        The comment after the assignment.
    """

    name: str
    type_name: str | None
    default: Any
    default_source: str
    help: str = ""

    @property
    def type_label(self) -> str:
        """Declared type, or the type inferred from the default (``"any"`` if neither)."""
        if self.type_name:
            return self.type_name
        kind = _parse_type(None, self.default)
        return kind.base or "any"

    def describe(self) -> str:
        """One line ``name: type = default  # help``."""
        text = f"{self.name}: {self.type_label} = {self.default_source}"
        return f"{text}  # {self.help}" if self.help else text


def _parameters_cell_source(nb: Mapping) -> str | None:
    for cell in nb.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", []) or []
        if cell.get("cell_type") == "code" and "parameters" in tags:
            src = cell.get("source", "")
            return "".join(src) if isinstance(src, list) else str(src)
    return None


def _ast_parameters(source: str) -> dict[str, tuple[str | None, str, str]]:
    """Assignments of a parameters cell: ``name -> (annotation, default source, comment)``."""
    out: dict[str, tuple[str | None, str, str]] = {}
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return out
    lines = source.splitlines()
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            ann = ast.get_source_segment(source, node.annotation) or None
            if ann and len(ann) > 1 and ann[0] == ann[-1] and ann[0] in "\"'":
                ann = ann[1:-1]
            name, value = node.target.id, node.value
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            ann, name, value = None, node.targets[0].id, node.value
        else:
            continue
        default = ast.get_source_segment(source, value) or "None"
        line = lines[node.end_lineno - 1] if node.end_lineno else ""
        comment = line.split("#", 1)[1].strip() if "#" in line[node.end_col_offset or 0 :] else ""
        out[name] = (ann, default, comment)
    return out


def _literal(source: str) -> Any:
    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return _Unevaluated(source)


def notebook_parameters(path: str | os.PathLike) -> dict[str, NotebookParameter]:
    """Parameters declared in a notebook's ``parameters`` cell, in cell order.

    Uses :func:`papermill.inspect_notebook`; assignments papermill does not recognise (for
    example a quoted annotation ``x: "int | None" = None``) are added from the cell's syntax tree
    so that no declared parameter is missed.

    Parameters
    ----------
    path : str or path-like
        The ``.ipynb`` file.

    Returns
    -------
    dict
        ``name -> NotebookParameter``; empty when the notebook has no ``parameters`` cell.
    """
    import nbformat
    import papermill

    path = Path(path)
    raw = papermill.inspect_notebook(str(path))
    params: dict[str, NotebookParameter] = {}
    for name, p in raw.items():
        type_name = p.get("inferred_type_name")
        type_name = None if type_name in (None, "", "None") else str(type_name)
        source = str(p.get("default") or "None")
        params[name] = NotebookParameter(
            name, type_name, _literal(source), source, str(p.get("help") or "")
        )
    cell = _parameters_cell_source(nbformat.read(str(path), as_version=4))
    if cell:
        for name, (ann, source, comment) in _ast_parameters(cell).items():
            if name not in params:
                params[name] = NotebookParameter(name, ann, _literal(source), source, comment)
    return params


@dataclass(frozen=True)
class _Type:
    base: str | None  # str int float bool list tuple dict, "other", or None (anything)
    item: _Type | None = None
    optional: bool = False


_SCALAR_NAMES = {"str", "int", "float", "bool", "list", "tuple", "dict"}
_TYPE_ALIASES = {"List": "list", "Tuple": "tuple", "Dict": "dict", "Sequence": "list"}


def _parse_type(text: str | None, default: Any) -> _Type:
    """Parse an annotation (or infer from the default value)."""
    if text is None or text.strip() in ("", "None", "Any", "object", "typing.Any"):
        if text is None and not isinstance(default, _Unevaluated | type(None)):
            base = type(default).__name__
            if base in _SCALAR_NAMES:
                item = None
                if base in ("list", "tuple") and default:
                    kinds = {type(v).__name__ for v in default}
                    if len(kinds) == 1 and kinds <= {"str", "int", "float", "bool"}:
                        item = _Type(kinds.pop())
                return _Type(base, item)
        return _Type(None, optional=True)
    s = re.sub(r"\btyping\.", "", text.strip())
    m = re.fullmatch(r"Optional\[(.+)\]", s)
    if m:
        inner = _parse_type(m.group(1), None)
        return _Type(inner.base, inner.item, True)
    parts = [p.strip() for p in _split_top(s, "|")]
    if len(parts) > 1:
        rest = [p for p in parts if p != "None"]
        optional = len(rest) < len(parts)
        if len(rest) == 1:
            inner = _parse_type(rest[0], None)
            return _Type(inner.base, inner.item, optional or inner.optional)
        return _Type(None, optional=True)
    m = re.fullmatch(r"(\w+)\[(.+)\]", s)
    if m:
        base = _TYPE_ALIASES.get(m.group(1), m.group(1))
        args = _split_top(m.group(2), ",")
        if base in ("list", "tuple") and args and args[0].strip() not in ("...", "Any"):
            return _Type(base, _parse_type(args[0], None))
        return _Type(base if base in _SCALAR_NAMES else "other")
    base = _TYPE_ALIASES.get(s, s)
    if base in _SCALAR_NAMES:
        item = None
        if base in ("list", "tuple") and isinstance(default, list | tuple) and default:
            kinds = {type(v).__name__ for v in default}
            if len(kinds) == 1 and kinds <= {"str", "int", "float", "bool"}:
                item = _Type(kinds.pop())
        return _Type(base, item, default is None)
    return _Type("other")


def _split_top(text: str, sep: str) -> list[str]:
    """Split at ``sep`` outside brackets."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "[("
        depth -= ch in "])"
        if ch == sep and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


class _CoerceError(ValueError):
    """A value that cannot be converted: its message in both languages, and its
    :class:`Phrase` for a message in each language."""

    def __init__(self, key: str, /, **kwargs: object):
        self.phrase = Phrase(key, **kwargs)
        super().__init__(str(self.phrase))


_TRUE = {"true", "yes", "ya", "y", "on", "1", "benar"}
_FALSE = {"false", "no", "tidak", "n", "off", "0", "salah"}


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _coerce(value: Any, kind: _Type, *, from_text: bool) -> Any:
    """Convert ``value`` to ``kind`` without loss, or raise :class:`_CoerceError`."""
    if isinstance(value, dt.datetime | dt.date):  # YAML dates: keep the ISO text
        value = value.isoformat()
    if value is None or (from_text and isinstance(value, str) and value.strip() in ("None",)):
        if kind.optional or kind.base is None:
            return None
        raise _CoerceError("batch.coerce.none", kind=kind.base)
    base = kind.base
    if base is None or base == "other":
        if from_text and isinstance(value, str):
            parsed = _parse_text_literal(value)
            return _plain_literal(parsed)
        return _plain_literal(value)
    if base == "str":
        if isinstance(value, str):
            return value
        raise _CoerceError(
            "batch.coerce.not_text", value=_show(value), type=type(value).__name__, raw=value
        )
    if base == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise _CoerceError("batch.coerce.not_bool", value=_show(value))
    if base == "int":
        if isinstance(value, bool):
            raise _CoerceError("batch.coerce.bool_not_int", value=_show(value))
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d[\d_]*\s*", value):
            return int(value.replace("_", ""))
        raise _CoerceError("batch.coerce.not_int", value=_show(value))
    if base == "float":
        if isinstance(value, bool):
            raise _CoerceError("batch.coerce.bool_not_number", value=_show(value))
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value.strip())
            except ValueError:
                pass
            key = "batch.coerce.not_number_comma" if "," in value else "batch.coerce.not_number"
            raise _CoerceError(key, value=_show(value))
        raise _CoerceError("batch.coerce.not_number", value=_show(value))
    if base in ("list", "tuple"):
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                value = _parse_text_literal(text)
                if not isinstance(value, list):
                    raise _CoerceError("batch.coerce.not_list_text", value=_show(text))
            else:
                value = [v.strip() for v in text.split(",") if v.strip()]
                from_text = True
        if isinstance(value, list | tuple):
            item = kind.item or _Type(None, optional=True)
            return [_coerce(v, item, from_text=from_text) for v in value]
        raise _CoerceError("batch.coerce.not_list", value=_show(value), type=type(value).__name__)
    if base == "dict":
        if isinstance(value, str):
            value = _parse_text_literal(value)
        if isinstance(value, Mapping):
            return {str(k): _plain_literal(v) for k, v in value.items()}
        raise _CoerceError("batch.coerce.not_mapping", value=_show(value))
    raise _CoerceError("batch.coerce.unsupported", type=base)  # pragma: no cover - all handled


def _parse_text_literal(text: str) -> Any:
    """Text from ``--set``: a YAML flow value (``[a, b]``, ``{k: v}``, ``12``) or the text."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def _plain_literal(value: Any) -> Any:
    """Check a value can be written as a Python literal in the injected cell."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain_literal(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain_literal(v) for k, v in value.items()}
    raise _CoerceError("batch.coerce.not_passable", value=_show(value), type=type(value).__name__)


def coerce_parameter(param: NotebookParameter, value: Any, *, from_text: bool = False) -> Any:
    """Convert a value to a parameter's declared type where nothing is lost.

    Parameters
    ----------
    param : NotebookParameter
        The declared parameter.
    value : Any
        Value from YAML (typed) or from ``--set`` (text, ``from_text=True``).
    from_text : bool
        The value is command-line text: ``"None"`` means ``None`` and lists may be written
        ``a,b,c`` or ``[a, b, c]``.

    Returns
    -------
    Any
        The converted value (plain Python literal types).

    Raises
    ------
    ValueError
        With a message saying what was expected (e.g. ``'abc' is not a whole number``).
    """
    kind = _parse_type(param.type_name, param.default)
    try:
        return _coerce(value, kind, from_text=from_text)
    except _CoerceError as e:
        raise _CoerceError(e.phrase.key, **e.phrase.kwargs) from None


def resolve_parameters(
    notebook: str | os.PathLike,
    values: Mapping[str, Any],
    *,
    params: Mapping[str, NotebookParameter] | None = None,
    text_keys: Iterable[str] = (),
) -> dict[str, Any]:
    """Check values against a notebook's parameters and return the full resolved set.

    Parameters
    ----------
    notebook : str or path-like
        The notebook (used for inspection when ``params`` is not given, and in messages).
    values : mapping
        Values to inject.
    params : mapping, optional
        Pre-computed :func:`notebook_parameters`.
    text_keys : iterable of str
        Keys whose values are command-line text (see :func:`coerce_parameter`).

    Returns
    -------
    dict
        Every declared parameter: its default, or the converted value when given.

    Raises
    ------
    ParameterError
        Listing every unknown or wrongly typed value and the accepted parameters.
    """
    params = dict(params) if params is not None else notebook_parameters(notebook)
    name = Path(notebook).name
    problems = _check_values(name, params, values, set(text_keys))
    if problems:
        raise ParameterError(problems, {name: [p.describe() for p in params.values()]})
    return _resolved(params, values, set(text_keys))


def _check_values(
    nb_name: str, params: Mapping[str, NotebookParameter], values: Mapping, text_keys: set
) -> list[str]:
    problems = []
    for key, value in values.items():
        if key not in params:
            close = difflib.get_close_matches(key, list(params), n=1)
            hint = f" ({both('batch.param.did_you_mean', close=close[0])})" if close else ""
            problems.append(f"{nb_name}: " + both("batch.param.unknown", name=key) + hint)
            continue
        try:
            coerce_parameter(params[key], value, from_text=key in text_keys)
        except ValueError as e:
            problem = e.phrase if isinstance(e, _CoerceError) else str(e)
            text = both(
                "batch.param.bad_value",
                name=key,
                type=params[key].type_label,
                value=_show(value),
                problem=problem,
            )
            problems.append(f"{nb_name}: {text}")
    return problems


def _resolved(params: Mapping[str, NotebookParameter], values: Mapping, text_keys: set) -> dict:
    out = {}
    for name, p in params.items():
        if name in values:
            out[name] = coerce_parameter(p, values[name], from_text=name in text_keys)
        else:
            out[name] = str(p.default) if isinstance(p.default, _Unevaluated) else p.default
    return out


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """Parse ``KEY=VALUE`` strings (``--set``) into a dict of text values.

    Raises
    ------
    BatchFileError
        For an item without ``=`` or with an empty key.
    """
    out: dict[str, str] = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise BatchFileError(both("batch.param.set_form", item=repr(item)))
        out[key.strip()] = value.strip()
    return out
