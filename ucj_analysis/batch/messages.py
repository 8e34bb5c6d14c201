"""What the batch runner tells the user: its two exceptions and its texts.

The runner's messages (progress, summary table, dry run, Ctrl-C, a damaged manifest) are keys of
the text catalogue (``ucj_analysis/locale``, area ``batch.*``), looked up with :func:`t` in the
language of the batch. :class:`ParameterError` and most :class:`BatchFileError` messages come
from reading the batch file and its parameters, before the batch's language is known; they
carry Bahasa Indonesia with the English after a slash (``ucj batch`` prints them and exits with
status 2), both texts from the catalogue (:func:`both`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["BatchFileError", "ParameterError", "Phrase", "both", "t"]


def t(key: str, lang: str = "id", **kwargs: object) -> str:
    """A catalogue text (:func:`ucj_analysis.i18n.t`, imported on first use: it loads pandas)."""
    from ucj_analysis import i18n

    return i18n.t(key, lang, **kwargs)


class Phrase:
    """A catalogue text that fills a placeholder of another, in that text's language.

    ``both("batch.file.invalid_yaml", where=Phrase("batch.file.line", file="b.yaml", line=2))``
    gives ``"b.yaml, baris 2: YAML tidak valid ... / b.yaml, line 2: invalid YAML ..."``.

    Parameters
    ----------
    key : str
        Catalogue key.
    **kwargs
        Values for its ``{placeholders}`` (a :class:`Phrase` again, or any value).
    """

    def __init__(self, key: str, /, **kwargs: object):
        self.key = key
        self.kwargs = kwargs

    def text(self, lang: str) -> str:
        """The text in ``lang``, its placeholders filled."""
        return t(self.key, lang, **_filled(self.kwargs, lang))

    def __str__(self) -> str:
        return both(self.key, **self.kwargs)


def _filled(kwargs: Mapping[str, object], lang: str) -> dict[str, object]:
    return {k: v.text(lang) if isinstance(v, Phrase) else v for k, v in kwargs.items()}


def both(key: str, sep: str = " / ", **kwargs: object) -> str:
    """Both catalogue texts of ``key`` (:func:`ucj_analysis.i18n.both`), for a message written
    before the batch's language is known; a :class:`Phrase` value is written in each text's
    language."""
    from ucj_analysis import i18n

    return sep.join(i18n.t(key, lang, **_filled(kwargs, lang)) for lang in i18n.SUPPORTED_LANGS)


class ParameterError(ValueError):
    """Notebook parameters that are unknown or of the wrong type (all problems at once).

    Parameters
    ----------
    problems : list of str
        One line per problem, each naming the notebook and the parameter.
    accepted : dict
        ``notebook file name -> list of "name: type = default  # help" lines``.
    """

    def __init__(self, problems: Sequence[str], accepted: Mapping[str, Sequence[str]]):
        self.problems = list(problems)
        self.accepted = {k: list(v) for k, v in accepted.items()}
        lines = [both("batch.param.invalid_head")]
        lines += [f"  - {p}" for p in self.problems]
        for name, params in self.accepted.items():
            lines.append(both("batch.param.accepted_head", notebook=name))
            lines += [f"    {p}" for p in params] or ["    " + both("batch.param.none")]
        super().__init__("\n".join(lines))


class BatchFileError(ValueError):
    """A batch file (or batch option) that cannot be used; the message says what to change."""
