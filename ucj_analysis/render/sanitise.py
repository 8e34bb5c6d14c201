"""Untrusted HTML made inert: notebook outputs, links and tables of the reports.

Reports travel by e-mail and intranet, and a data file's text is not trusted. Every notebook
output and markdown cell goes through :func:`sanitize_html` (no script can run from it), external
scripts, style sheets and CSS imports are removed before that, links are emitted only for
relative paths inside the reports folder (:func:`safe_relative_href`), and every table gets its
own scroll box (:func:`wrap_tables`).
"""

from __future__ import annotations

import html
import os
import re
import urllib.parse
from html.parser import HTMLParser
from typing import Any

__all__ = ["safe_relative_href", "sanitize_html", "wrap_tables"]

_EXTERNAL_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script\s*>", re.I | re.S
)
_EXTERNAL_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I | re.S)
_CSS_IMPORT = re.compile(r"@import\s+(?:url\()?[\"']?(?:https?:)?//[^;]*;", re.I)


def _href(relpath: str) -> str:
    return urllib.parse.quote(str(relpath).replace(os.sep, "/"), safe="/#")


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


def safe_relative_href(path: Any) -> str | None:
    """A link target for a file inside the reports folder, or None when it is not one.

    Parameters
    ----------
    path : str or os.PathLike
        Relative path as recorded by the runner (``02_regency_forecast/konawe.html``).

    Returns
    -------
    str or None
        The percent-encoded relative URL, or None for anything with a scheme (``javascript:``,
        ``data:``, ``http:``, ``file:``), a protocol-relative ``//host`` or an absolute path:
        such text is shown, never linked.
    """
    if path is None:
        return None
    text = str(path).replace(os.sep, "/")
    probe = _URL_NOISE.sub("", text).replace("\\", "/")
    if not probe or _SCHEME.match(probe) or probe.startswith("/"):
        return None
    return _href(text)


_DROP_WITH_CONTENT = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "applet", "noscript", "template", "noembed"}
)
_DROP_TAG_ONLY = frozenset({"embed", "base", "meta", "link", "param", "portal"})
_VOID_TAGS = frozenset(
    {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
     "track", "wbr", "base"}
)  # fmt: skip
_URL_ATTRS = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data",
     "codebase", "cite", "lowsrc", "dynsrc", "ping", "longdesc", "usemap", "manifest",
     "srcset", "imagesrcset"}
)  # fmt: skip
_DROP_ATTRS = frozenset({"srcdoc", "http-equiv", "formtarget"})
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|jpg|gif|webp|svg\+xml);base64,", re.I)
_TAG_NAME = re.compile(r"^[a-z][a-z0-9\-]*(?::[a-z][a-z0-9\-]*)?$", re.I)
_ATTR_NAME = re.compile(r"^[a-z_:][a-z0-9_:.\-]*$", re.I)
_CSS_SCRIPT = re.compile(r"expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:", re.I)


def _url_allowed(attr: str, value: str, tag: str) -> bool:
    probe = _URL_NOISE.sub("", html.unescape(value)).lower()
    if attr in ("srcset", "imagesrcset"):
        return all(
            _url_allowed("src", part.strip().split(" ")[0], tag)
            for part in probe.split(",")
            if part.strip()
        )
    m = _SCHEME.match(probe)
    if m is None:
        return True  # relative link, #anchor or path
    if m.group(1) in _SAFE_SCHEMES:
        return True
    return attr == "src" and tag == "img" and bool(_DATA_IMAGE.match(probe))


class _Sanitiser(HTMLParser):
    """Re-serialise HTML keeping only inert markup (see :func:`sanitize_html`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip: list[str] = []  # open elements whose content is dropped
        self._raw: str | None = None  # inside <style>: text is CSS, not escaped

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        parts = []
        for name, value in attrs:
            name = name.lower()
            if not _ATTR_NAME.match(name) or name.startswith("on") or name in _DROP_ATTRS:
                continue
            if value is not None:
                if name in _URL_ATTRS and not _url_allowed(name, value, tag):
                    continue
                if name == "style" and _CSS_SCRIPT.search(value):
                    continue
                parts.append(f' {name}="{html.escape(value, quote=True)}"')
            else:
                parts.append(f" {name}")
        return "".join(parts)

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.append(tag)
            return
        if tag in _DROP_WITH_CONTENT:
            self._skip.append(tag)
            return
        if tag in _DROP_TAG_ONLY or not _TAG_NAME.match(tag):
            return
        self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")
        if tag == "style":
            self._raw = tag

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if self._skip or tag in _DROP_WITH_CONTENT or tag in _DROP_TAG_ONLY:
            return
        if not _TAG_NAME.match(tag):
            return
        self.out.append(f"<{tag}{self._attrs(tag, attrs)}/>")

    def handle_endtag(self, tag):
        tag = tag.lower()
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag in _DROP_WITH_CONTENT or tag in _DROP_TAG_ONLY or tag in _VOID_TAGS:
            return
        if not _TAG_NAME.match(tag):
            return
        if tag == self._raw:
            self._raw = None
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self._skip:
            return
        if self._raw is not None:
            # CSS: no markup can start inside it, whatever the surrounding (svg/math) context
            self.out.append(data.replace("<", "\\3c "))
        else:
            self.out.append(html.escape(data, quote=False))

    # comments, declarations and processing instructions are dropped
    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass

    def unknown_decl(self, data):
        pass


def sanitize_html(fragment: str) -> str:
    """Inert copy of an HTML fragment: no script can run from it in a browser.

    Drops ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<base>``, ``<meta>``,
    ``<link>`` (and the content of the first ones), every ``on*`` event attribute,
    ``srcdoc``, ``style`` attributes with ``expression(``/``javascript:``, and every URL
    attribute whose scheme is not ``http``, ``https`` or ``mailto`` (``javascript:``,
    ``vbscript:``, ``data:``), except ``<img src="data:image/png;base64,…">`` (embedded charts;
    also JPEG, GIF, WebP and SVG: a browser runs no script inside an ``<img>``).
    Comments are dropped; text is re-escaped; ``<style>`` blocks (pandas tables) are kept with
    any ``<`` written as the CSS escape ``\\3c``.

    Parameters
    ----------
    fragment : str
        HTML text, e.g. a notebook output or the body of a report.

    Returns
    -------
    str
        Equivalent HTML made only of inert elements and attributes.
    """
    parser = _Sanitiser()
    parser.feed(str(fragment))
    parser.close()
    return "".join(parser.out)


def _strip_external_resources(text: str) -> str:
    """Remove ``<script src=http…>``, ``<link href=http…>`` and CSS ``@import url(http…)``."""
    text = _EXTERNAL_SCRIPT.sub("", text)
    text = _EXTERNAL_LINK.sub("", text)
    return _CSS_IMPORT.sub("", text)


_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)


def wrap_tables(fragment: str) -> str:
    """Put every ``<table>`` of an HTML fragment in its own horizontal scroll box.

    A wide table then scrolls inside ``<div class="ucj-scroll">`` (its first column sticky, see
    the report CSS) instead of widening the whole page on a phone.

    Parameters
    ----------
    fragment : str
        Sanitised HTML (output of :func:`sanitize_html`).

    Returns
    -------
    str
        The same HTML with ``<div class="ucj-scroll">`` around each table.
    """
    fragment = _TABLE_OPEN.sub('<div class="ucj-scroll"><table', fragment)
    return _TABLE_CLOSE.sub("</table></div>", fragment)
