"""The text catalogue: both languages for every key, and no report text outside it.

The catalogue is ``ucj_analysis/locale/id.py`` and ``en.py`` (one dict per language), merged by
:mod:`ucj_analysis.i18n` into ``LABELS``. The report layer (``ucj_analysis/report/``) takes every
user-facing word from it: a scan of its source finds no sentence literal and no branch on the
language.
"""

from __future__ import annotations

import ast
import re
import string
import textwrap
from pathlib import Path

import pytest

from ucj_analysis import i18n
from ucj_analysis.locale import en as locale_en
from ucj_analysis.locale import id as locale_id

ROOT = Path(__file__).resolve().parents[1]
REPORT_DIR = ROOT / "ucj_analysis" / "report"


def placeholders(text: str) -> set[str]:
    """Names of the ``{placeholders}`` in a format string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# --------------------------------------------------------------------------------------------
# the catalogue
# --------------------------------------------------------------------------------------------
def test_both_language_files_have_the_same_keys_in_the_same_order():
    assert list(locale_id.TEXTS) == list(locale_en.TEXTS)
    assert len(locale_id.TEXTS) >= 300  # the toolkit's labels and the report's texts


def test_labels_is_the_merge_of_the_language_files():
    assert list(i18n.LABELS) == list(locale_id.TEXTS)
    for key, entry in i18n.LABELS.items():
        assert entry == {"id": locale_id.TEXTS[key], "en": locale_en.TEXTS[key]}, key


@pytest.mark.parametrize("key", list(i18n.LABELS))
def test_every_key_has_both_languages_no_empty_text_and_the_same_placeholders(key):
    entry = i18n.LABELS[key]
    assert set(entry) == {"id", "en"}
    assert entry["id"].strip() and entry["en"].strip()
    assert placeholders(entry["id"]) == placeholders(entry["en"])
    for lang in ("id", "en"):  # every placeholder can be filled
        names = placeholders(entry[lang])
        assert "{" not in i18n.t(key, lang, **{n: "X" for n in names}).replace("{{", "")


def test_placeholders_of_a_format_string():
    assert placeholders("Peluang s.d. {d} ({label})") == {"d", "label"}
    assert placeholders("{{literal}} and {x:.2f}") == {"x"}
    assert placeholders("no fields") == set()


# --------------------------------------------------------------------------------------------
# the scan of the report layer
# --------------------------------------------------------------------------------------------
def _docstring_nodes(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _skipped_nodes(tree: ast.AST) -> set[int]:
    """Docstrings, dict keys and f-string format specs (none of them is shown as text)."""
    skip = _docstring_nodes(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            skip.update(id(k) for k in node.keys if k is not None)
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            skip.update(id(n) for n in ast.walk(node.format_spec))
    return skip


#: A CSS declaration list ("padding:3px 8px; text-align:left;"): table style, not text.
_CSS = re.compile(r"(\s*[a-z-]+\s*:[^;:]+;)+\s*")


def sentence_literals(source: str, min_len: int = 25) -> list[str]:
    """String literals (f-string parts included) longer than ``min_len`` with a space.

    Docstrings, dict keys, format specs and CSS declarations are left out.
    """
    tree = ast.parse(source)
    skip = _skipped_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip or not isinstance(node, ast.Constant):
            continue
        text = node.value
        if isinstance(text, str) and len(text) > min_len and " " in text:
            if not _CSS.fullmatch(text):
                found.append(text)
    return found


def language_branches(source: str) -> list[str]:
    """Comparisons with the language codes ``"id"`` / ``"en"`` (``if lang == "id"``)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                if isinstance(operand, ast.Constant) and operand.value in ("id", "en"):
                    out.append(ast.unparse(node))
    return out


def report_sources() -> dict[str, str]:
    files = sorted(REPORT_DIR.glob("*.py"))
    assert {p.name for p in files} >= {"__init__.py", "display.py", "data.py", "forecast.py"}
    return {p.name: p.read_text(encoding="utf-8") for p in files}


def test_the_scanner_flags_sentences_and_language_branches():
    src = textwrap.dedent(
        '''
        """A module docstring that is long enough to be flagged if it were not one."""
        TABLE = {"a key that is long but only a key": 1}

        def f(lang, n):
            """Docstring of a function, also long, also skipped by the scan."""
            x = f"{n:>30} short"
            style = "padding:3px 8px; vertical-align:top; text-align:left;"
            if lang == "id":
                return "Anggaran per tahun yang terlalu kecil"
            return f"Budget {n} per year is much too small for it"
        '''
    )
    assert sentence_literals(src) == [
        "Anggaran per tahun yang terlalu kecil",
        " per year is much too small for it",
    ]
    assert language_branches(src) == ["lang == 'id'"]


def test_report_layer_has_no_sentence_literal_outside_the_catalogue():
    found = {name: sentence_literals(src) for name, src in report_sources().items()}
    assert {k: v for k, v in found.items() if v} == {}


def test_report_layer_does_not_branch_on_the_language():
    found = {name: language_branches(src) for name, src in report_sources().items()}
    assert {k: v for k, v in found.items() if v} == {}


def _catalogue_calls(source: str) -> tuple[set[str], set[str]]:
    """Keys of ``i18n.t("key", ...)`` / ``col("key", ...)`` calls; prefixes of f-string keys."""
    keys, prefixes = set(), set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        fn = node.func
        name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
        if name not in ("t", "col"):
            continue
        arg = node.args[0]
        prefix = "report.col." if name == "col" else ""
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            keys.add(prefix + arg.value)
        elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
            prefixes.add(prefix + arg.values[0].value)
    return keys, prefixes


def test_every_key_the_report_layer_asks_for_is_in_the_catalogue():
    keys, prefixes = set(), set()
    for src in report_sources().values():
        k, p = _catalogue_calls(src)
        keys |= k
        prefixes |= p
    assert len(keys) >= 60 and {"payer.", "sensitivity.", "section.", "unit."} <= prefixes
    assert sorted(keys - set(i18n.LABELS)) == []
    for prefix in prefixes:  # an f-string key names a family the catalogue has
        assert any(k.startswith(prefix) for k in i18n.LABELS), prefix


def test_sections_and_report_keys_read_well_in_both_languages():
    assert i18n.t("section.budget.title", "en", regency="Konawe Regency") == (
        "# Budget scenarios compared — Konawe Regency"
    )
    assert i18n.t("report.col.prob", "id", d="Des 2030") == "Peluang s.d. Des 2030"
    assert i18n.t("payer.village", "en") == "Villages (APBDes)"
    assert re.fullmatch(r"Kabupaten Konawe", i18n.t("report.regency_title", "id", name="Konawe"))


# --------------------------------------------------------------------------------------------
# the batch pages and the charts read their texts from the catalogue
# --------------------------------------------------------------------------------------------
#: Modules whose texts moved into the catalogue (``render.*``, ``summary.*``, ``chart.*``).
CATALOGUE_READERS = ("render/labels.py", "render/summary.py", "plots/style.py")
#: Label helpers of the batch pages and charts -> the catalogue prefix they read.
HELPER_PREFIX = {"_l": "render.", "_bl": "render.brief.", "_tx": "chart."}


def bilingual_dicts(source: str) -> list[str]:
    """Dict literals with both an ``"id"`` and an ``"en"`` key: texts outside the catalogue."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if {"id", "en"} <= keys:
                out.append(ast.unparse(node))
    return out


def helper_keys(source: str) -> set[str]:
    """Catalogue keys of ``_l("key", ...)``, ``_bl(...)`` and ``_tx(...)`` calls with a literal key.

    Both branches of a conditional key (``_tx("a" if x else "b", lang)``) are listed.
    """
    keys = set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
        if name not in HELPER_PREFIX:
            continue
        arg = node.args[0]
        options = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
        for opt in options:
            if isinstance(opt, ast.Constant) and isinstance(opt.value, str):
                keys.add(HELPER_PREFIX[name] + opt.value)
    return keys


def test_the_bilingual_dict_and_helper_key_scanners():
    src = textwrap.dedent(
        """
        A = {"x": {"id": "Kabupaten", "en": "Regency"}}
        B = {"id": 1, "name": 2}
        y = _l("run_date", lang) + _bl("kicker", lang) + _tx("a" if k else "b", lang) + _l(k, lang)
        """
    )
    assert bilingual_dicts(src) == ["{'id': 'Kabupaten', 'en': 'Regency'}"]
    assert helper_keys(src) == {"render.run_date", "render.brief.kicker", "chart.a", "chart.b"}


@pytest.mark.parametrize("rel", CATALOGUE_READERS)
def test_labels_summary_columns_and_chart_phrases_hold_no_text_of_their_own(rel):
    source = (ROOT / "ucj_analysis" / rel).read_text(encoding="utf-8")
    assert bilingual_dicts(source) == []


def test_every_label_key_the_batch_pages_and_charts_ask_for_is_in_the_catalogue():
    keys = set()
    for folder in ("render", "plots"):
        for path in sorted((ROOT / "ucj_analysis" / folder).glob("*.py")):
            keys |= helper_keys(path.read_text(encoding="utf-8"))
    assert len(keys) >= 50
    assert {"render.index_title", "render.brief.prob", "chart.rank_by"} <= keys
    assert sorted(keys - set(i18n.LABELS)) == []


def test_batch_page_labels_summary_columns_and_chart_phrases_come_from_the_catalogue():
    from ucj_analysis.plots.style import _tx
    from ucj_analysis.render.labels import _NOTEBOOK_LABELS, _bl, _l, _notebook_label
    from ucj_analysis.render.summary import SUMMARY_COLUMNS

    assert _l("index_title", "id") == "Laporan Proyeksi UCJ"
    assert _l("index_title", "en") == "UCJ Projection Reports"
    assert _l("months_old", "en") == "{n} months old"  # placeholders kept for the caller
    assert _bl("prob", "id", month="Des 2030") == "Peluang tercapai sebelum Des 2030"
    assert _bl("budget", "en", year=2027) == "Budget per year (2027)"
    assert _notebook_label("02_regency_forecast", "en") == "Regency forecast"
    assert _notebook_label("99_other", "id") == "99_other"
    assert list(_NOTEBOOK_LABELS) == [
        "01_data_audit",
        "02_regency_forecast",
        "03_budget_scenarios",
        "04_portfolio",
    ]
    assert len(SUMMARY_COLUMNS) == 29
    assert list(SUMMARY_COLUMNS)[:3] == ["regency", "scenario_label", "scenario"]
    assert SUMMARY_COLUMNS["prob_main_deadline_pct"] == {
        "id": "Peluang tercapai sebelum tenggat [%]",
        "en": "Probability by deadline [%]",
    }
    assert SUMMARY_COLUMNS["brief_pdf"]["en"] == i18n.t("summary.brief_pdf", "en")
    assert _tx("today_legend", "id", month="Nov 2026") == "Hari ini (Nov 2026)"
    assert _tx("axis.cost_unit", "en", unit="Rp billion") == "Cost per year (Rp billion)"
    # the chart phrases sit beside the chart names under chart.*, without replacing them
    assert i18n.t("chart.cost_p50", "id") == "Biaya iuran (median)"
    assert i18n.t("chart.cost.title", "id") == "Biaya iuran per tahun"
