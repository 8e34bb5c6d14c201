"""What the batch runner tells the user: its two exceptions and the choice of language.

:class:`ParameterError` and :class:`BatchFileError` carry their message in Bahasa Indonesia with
the English after a slash (``ucj batch`` prints it and exits with status 2); :func:`_say` picks
one language for the runner's other messages (progress, summary table, dry run).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["BatchFileError", "ParameterError"]


def _say(id_text: str, en_text: str, lang: str) -> str:
    """``en_text`` when ``lang`` is ``"en"``, else ``id_text`` (Indonesian is the default)."""
    return en_text if lang == "en" else id_text


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
        lines = ["Parameter tidak valid / invalid parameters:"]
        lines += [f"  - {p}" for p in self.problems]
        for name, params in self.accepted.items():
            lines.append(f"Parameter yang diterima / accepted parameters of {name}:")
            lines += [f"    {p}" for p in params] or ["    (tidak ada / none)"]
        super().__init__("\n".join(lines))


class BatchFileError(ValueError):
    """A batch file (or batch option) that cannot be used; the message says what to change."""
