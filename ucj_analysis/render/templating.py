"""Jinja2 templates and style sheets of the pages built here (package data, read once).

The templates live in ``ucj_analysis/templates/pages`` (:data:`ucj_analysis.config.
PAGE_TEMPLATES_DIR`), the style sheets in ``ucj_analysis/templates/css``
(:data:`ucj_analysis.config.CSS_DIR`). Autoescape is on: every value a template prints is
HTML-escaped with :func:`html.escape` (``quote=True``, so ``"`` becomes ``&quot;`` and ``'``
``&#x27;``), ``None`` prints as nothing, and only markup rendered by another template or macro
(a :class:`markupsafe.Markup`) is inserted as it is.
"""

from __future__ import annotations

import html
from functools import partial
from typing import Any

import jinja2
from markupsafe import Markup

from ucj_analysis import config
from ucj_analysis.render.labels import _l

__all__ = ["read_css", "render_template"]


def read_css(name: str) -> str:
    """Text of the style sheet ``templates/css/<name>.css``.

    Parameters
    ----------
    name : str
        Stem of the file: ``report``, ``index`` or ``brief``.

    Returns
    -------
    str
        The CSS, with a leading newline (it follows ``<style>`` in the pages).
    """
    return "\n" + (config.CSS_DIR / f"{name}.css").read_text(encoding="utf-8")


def _escape(value: Any) -> Any:
    """What a template prints: markup as it is, ``None`` as nothing, anything else escaped."""
    if value is None:
        return Markup("")
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value), quote=True))


_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(config.PAGE_TEMPLATES_DIR)),
    autoescape=True,
    finalize=_escape,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def render_template(name: str, lang: str, /, **context: Any) -> str:
    """Render ``templates/pages/<name>`` in ``lang``.

    Parameters
    ----------
    name : str
        Template file name (``report_header.html.j2``).
    lang : {"id", "en"}
        Language: the template's ``label(key)`` returns the label ``key`` in it, ``lang`` is
        available as such.
    **context
        Values the template prints (escaped) or loops over.

    Returns
    -------
    str
        The rendered HTML.
    """
    template = _ENV.get_template(name)
    return template.render(lang=lang, label=partial(_l, lang=lang), **context)
