"""The text catalogue: both languages for every key, and no report text outside it.

The catalogue is ``ucj_analysis/locale/id.py`` and ``en.py`` (one dict per language), merged by
:mod:`ucj_analysis.i18n` into ``LABELS``. Every module that produces user-facing text (report,
render, models, plots, loaders, the command line, the what-if panel, the parameter check, the
village file ...) takes its words from it: a scan of their source finds no sentence literal, no
branch on the language and no ``{"id": ..., "en": ...}`` table, apart from the short allow-lists
below, each with its reason.
"""

from __future__ import annotations

import ast
import fnmatch
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


#: Keyword arguments that hold command-line help: typer prints it before ``--lang`` is read, so
#: it stays in both languages ("Indonesian / English").
HELP_KEYWORDS = ("help", "epilog")
#: Functions whose string arguments are regular expressions, not text.
REGEX_FUNCTIONS = ("compile", "sub", "subn", "match", "fullmatch", "search", "split", "findall")


def _skipped_nodes(tree: ast.AST) -> set[int]:
    """Nodes that are never text shown in one language.

    Docstrings, dict keys, f-string format specs, the message of a ``raise`` (an exception
    reaches a caller whose language is not known there: "Indonesian — English", as every error
    of the toolkit), command-line help (:data:`HELP_KEYWORDS`) and regular expressions.
    """
    skip = _docstring_nodes(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            skip.update(id(k) for k in node.keys if k is not None)
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            skip.update(id(n) for n in ast.walk(node.format_spec))
        if isinstance(node, ast.Raise) and node.exc is not None:
            skip.update(id(n) for n in ast.walk(node.exc))
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg in HELP_KEYWORDS:
                    skip.update(id(n) for n in ast.walk(kw.value))
            fn = node.func
            if (
                isinstance(fn, ast.Attribute)
                and fn.attr in REGEX_FUNCTIONS
                and getattr(fn.value, "id", "") == "re"
                and node.args
            ):
                skip.update(id(n) for n in ast.walk(node.args[0]))
    return skip


#: A CSS declaration list ("padding:3px 8px; text-align:left;"): table style, not text.
_CSS = re.compile(r"(\s*[a-z-]+\s*:[^;:]+;)+\s*")
#: Pieces of markup: an HTML tag, or a CSS page rule ("@page { @top-left { content: ...").
_MARKUP = re.compile(r"\s*<[a-zA-Z/!]|.*(@page|@top-|@bottom-|;\s*}|}\s*$)", re.S)


def sentence_literals(source: str, min_len: int = 25) -> list[str]:
    """String literals (f-string parts included) longer than ``min_len`` with a space.

    The nodes of :func:`_skipped_nodes`, CSS declarations and markup are left out.
    """
    tree = ast.parse(source)
    skip = _skipped_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip or not isinstance(node, ast.Constant):
            continue
        text = node.value
        if isinstance(text, str) and len(text) > min_len and " " in text:
            if not (_CSS.fullmatch(text) or _MARKUP.match(text)):
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


def test_the_scanner_leaves_out_errors_help_regexes_and_markup():
    src = textwrap.dedent(
        """
        import re
        import typer

        def f(x, lang):
            if x:
                raise ValueError(f"nilai tidak valid — expected a number, got {x!r} instead")
            opt = typer.Option(None, help="Folder data Anda / your data folder (default: ours).")
            words = re.sub(r"^ (kotamadya|kodya|kota madya) ", " kota ", x)
            page = "@page { @top-left { content: " + x + "; font: 7pt sans-serif; } }"
            cell = '<div class="ucj-scroll"><table'
            return "Anggaran per tahun yang terlalu kecil"
        """
    )
    assert sentence_literals(src) == ["Anggaran per tahun yang terlalu kecil"]


#: Every module that produces user-facing text (paths under ``ucj_analysis/``; folders mean
#: their ``*.py`` files).
TEXT_SOURCES = (
    "report",
    "render",
    "models",
    "plots",
    "loaders",
    "answers.py",
    "pdf.py",
    "whatif.py",
    "whatif_widgets.py",
    "parameters.py",
    "cli.py",
    "batch",
    "village_file.py",
    "official_villages.py",
    "official_regions.py",
    "i18n.py",
)

#: May branch on the language and hold ``{"id": ..., "en": ...}`` tables: formatting, not text.
FORMATTING_MODULES = {
    "i18n.py": "the formatting rules of each language: month names, thousands and decimal marks, "
    "currency, the space before '%', the clock separator; and the merge of the catalogue",
    "render/spreadsheet.py": "summary.csv separator and decimal mark, and the Excel number "
    "formats and locale codes ([$-421] / [$-409]) of each language",
}

#: Single language-keyed tables that hold no text, with the reason.
LANGUAGE_DATA = {
    "report/display.py": {
        "{'id': ('note_id', 'note'), 'en': ('note', 'note_id')}": "which note column a table "
        "shows first in each language: column names, not text",
    },
}

#: May hold sentence literals (no branch on the language, no bilingual table).
SENTENCES_ALLOWED = {
    "models/trend.py": "statistical diagnostics of the model API (implementation names, fit "
    "notes and the reason a model was chosen), English like the statsmodels warnings beside "
    "them; no report or notebook shows them",
    "models/pooled_model.py": "as models/trend.py",
    "models/pooled_forecast.py": "as models/trend.py (the implementation name)",
    "models/backtest.py": "as models/trend.py (the implementation name)",
}


def _matches(rel: str, table) -> bool:
    return any(fnmatch.fnmatch(rel, pattern) for pattern in table)


def text_sources() -> dict[str, str]:
    """``relative path -> source`` of every module of :data:`TEXT_SOURCES`."""
    out = {}
    for entry in TEXT_SOURCES:
        path = ROOT / "ucj_analysis" / entry
        for f in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            out[f.relative_to(ROOT / "ucj_analysis").as_posix()] = f.read_text(encoding="utf-8")
    return out


def test_the_scan_covers_every_text_module_and_its_allow_lists_name_real_files():
    rels = set(text_sources())
    assert len(rels) >= 70
    assert {"cli.py", "loaders/official.py", "plots/style.py", "render/formatting.py"} <= rels
    for table in (
        FORMATTING_MODULES,
        LANGUAGE_DATA,
        SENTENCES_ALLOWED,
    ):
        for pattern in table:
            assert any(fnmatch.fnmatch(r, pattern) for r in rels), pattern


def test_no_module_holds_user_facing_sentences_outside_the_catalogue():
    found = {}
    for rel, src in text_sources().items():
        if not _matches(rel, SENTENCES_ALLOWED):
            found[rel] = sentence_literals(src)
    assert {k: v for k, v in found.items() if v} == {}


def test_no_module_branches_on_the_language_or_holds_a_bilingual_table():
    found = {}
    for rel, src in text_sources().items():
        if not _matches(rel, FORMATTING_MODULES):
            allowed = LANGUAGE_DATA.get(rel, {})
            found[rel] = [
                x for x in language_branches(src) + bilingual_dicts(src) if x not in allowed
            ]
    assert {k: v for k, v in found.items() if v} == {}


# --------------------------------------------------------------------------------------------
# one language once it is known, both before
# --------------------------------------------------------------------------------------------
def test_both_languages_only_while_the_language_is_not_known():
    assert i18n.both("cli.folder_missing", path="/x") == (
        "folder tidak ditemukan: /x / folder not found: /x"
    )
    assert i18n.both("cli.not_a_folder", sep="\n", path="a") == "bukan folder: a\nnot a folder: a"


def test_the_parameter_check_speaks_the_notebooks_language():
    from ucj_analysis.parameters import ParameterProblem, check_parameters

    with pytest.raises(ParameterProblem) as en:
        check_parameters(n_draws="many", lang="en")
    assert (
        str(en.value) == "Invalid parameters (1):\n  - n_draws = 'many': a whole number, e.g. 1000"
    )
    with pytest.raises(ParameterProblem) as id_:
        check_parameters(target_pct=120.0, lang="id")
    assert str(id_.value) == (
        "Parameter tidak valid (1):\n  - target_pct = 120.0: di atas 0 dan paling tinggi 100"
    )
    with pytest.raises(ParameterProblem) as unknown:  # no valid language: both
        check_parameters(lang="jv")
    assert str(unknown.value).startswith("Parameter tidak valid (1):")
    assert "Invalid parameters (1):" in str(unknown.value)
    assert 'lang = \'jv\': "id" atau "en" / "id" or "en"' in str(unknown.value)


def test_the_command_line_answers_in_the_language_asked_for(tmp_path):
    from typer.testing import CliRunner

    from ucj_analysis.cli import app

    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x", encoding="utf-8")
    en = CliRunner().invoke(app, ["init", str(not_a_folder), "--lang", "en"])
    assert en.exit_code == 2 and en.output.strip() == f"not a folder: {not_a_folder}"
    id_ = CliRunner().invoke(app, ["init", str(not_a_folder)])
    assert id_.exit_code == 2 and id_.output.strip() == f"bukan folder: {not_a_folder}"


def test_model_summary_and_village_file_read_in_both_languages():
    from ucj_analysis.village_file import note_lines

    assert i18n.t("model.summary.slope", "en") == "first-year slope [logit/year]"
    synthetic_en = note_lines(None, synthetic=True, lang="en")
    assert synthetic_en[0].startswith("SYNTHETIC EXAMPLE — NOT REAL DATA.")
    assert synthetic_en[-1].startswith("catatan | Free note")  # headers stay the data format
    synthetic_id = note_lines(None, synthetic=True)
    assert synthetic_id[0].startswith("CONTOH SINTETIS — BUKAN DATA NYATA.")
    assert synthetic_id[-1] == "catatan | Catatan bebas (rumus angka turunan, alasan asumsi). | -"


def _catalogue_calls(source: str) -> tuple[set[str], set[str]]:
    """Keys of ``i18n.t("key", ...)`` / ``col("key", ...)`` calls; prefixes of f-string keys."""
    keys, prefixes = set(), set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        fn = node.func
        name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
        if name not in ("t", "col") or (name == "col" and len(node.args) < 2):
            continue  # a one-argument col(key) is a local helper with its own prefix
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


# --------------------------------------------------------------------------------------------
# data-file problems: both languages, each a whole message from the catalogue
# --------------------------------------------------------------------------------------------
#: Modules that write data-file problems and loader messages (paths under ``ucj_analysis/``).
LOADER_SOURCES = ("loaders", "errors.py", "parsing.py", "official_regions.py")
#: Catalogue families of those messages.
LOADER_FAMILIES = ("loader.", "column.", "official.")


def loader_sources() -> dict[str, str]:
    """``relative path -> source`` of every module of :data:`LOADER_SOURCES`."""
    out = {}
    for entry in LOADER_SOURCES:
        path = ROOT / "ucj_analysis" / entry
        for f in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            out[f.relative_to(ROOT / "ucj_analysis").as_posix()] = f.read_text(encoding="utf-8")
    return out


def family_keys(source: str) -> tuple[set[str], set[str]]:
    """String constants naming a key of :data:`LOADER_FAMILIES`; prefixes of f-string keys."""
    keys, prefixes = set(), set()
    tree = ast.parse(source)
    parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts:
            if node.value.startswith(LOADER_FAMILIES) and " " not in node.value:
                keys.add(node.value)
        elif isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
            head = node.values[0].value
            if isinstance(head, str) and head.startswith(LOADER_FAMILIES):
                prefixes.add(head)
    return keys, prefixes


def test_every_key_the_loaders_ask_for_is_in_the_catalogue():
    keys, prefixes = set(), set()
    for src in loader_sources().values():
        k, p = family_keys(src)
        keys |= k
        prefixes |= p
    assert len(keys) >= 80
    assert {"loader.file.", "loader.parse.", "column.", "official.error."} <= prefixes
    assert sorted(keys - set(i18n.LABELS)) == []
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in i18n.LABELS), prefix


def test_every_column_of_every_dataset_has_its_words():
    from ucj_analysis.loaders.schema import _SPECS

    names = {c.name for spec in _SPECS.values() for c in spec.columns}
    for name in names:
        assert i18n.t(f"column.{name}", "en") == name  # the English messages name the column
        assert i18n.t(f"column.{name}", "id").strip()
    assert i18n.t("column.active", "id") == "peserta aktif"
    assert {k for k in i18n.LABELS if k.startswith("column.")} == {f"column.{n}" for n in names}


def test_loader_texts_have_no_reserved_placeholder_and_no_separator():
    from ucj_analysis.errors import SEPARATOR

    for key, entry in i18n.LABELS.items():
        for text in entry.values():
            assert not placeholders(text) & {"key", "lang", "sep"}, key  # names of i18n.both
            if key.startswith(LOADER_FAMILIES):
                assert SEPARATOR not in text, key  # the two languages stay apart


def test_a_data_problem_is_one_message_in_each_language():
    from ucj_analysis.errors import SEPARATOR, DataValidationError, Problem

    p = Problem("cakupan.xlsx", 5, "peserta_aktif", "80.000",
                "loader.coverage.active_over_workforce", {"workforce": 79388}, "active",
                "cakupan")  # fmt: skip
    indonesian = (
        "cakupan.xlsx, sheet 'cakupan', baris 5, kolom 'peserta_aktif' (active), nilai '80.000': "
        "peserta aktif melebihi angkatan kerja; seharusnya active <= workforce (79388)"
    )
    english = (
        "cakupan.xlsx, sheet 'cakupan', row 5, column 'peserta_aktif' (active), value '80.000': "
        "active exceeds workforce; expected active <= workforce (79388)"
    )
    assert (p.message("id"), p.message("en")) == (indonesian, english)
    assert str(p) == indonesian + SEPARATOR + english
    empty = Problem("desa.csv", 3, "tanggal", None, "loader.required",
                    {"name": i18n.Phrase("column.date")}, "date")  # fmt: skip
    assert str(empty) == (
        "desa.csv, baris 3, kolom 'tanggal' (date), nilai kosong: tanggal wajib diisi; "
        "seharusnya nilai di sel ini — desa.csv, row 3, column 'tanggal' (date), empty value: "
        "date is required; expected a value in this cell"
    )
    error = DataValidationError([p, empty])
    assert str(error).splitlines() == [
        "Data tidak valid: 2 masalah di cakupan.xlsx, desa.csv — Invalid data: 2 problems in "
        "cakupan.xlsx, desa.csv",
        str(p),
        str(empty),
    ]


def test_localized_placeholder_values():
    assert i18n.t("loader.either", "id", first=i18n.Phrase("column.persons"), second="x") == (
        "jumlah orang atau x"
    )
    joined = i18n.Joined([i18n.Phrase("column.regency"), i18n.Phrase("column.date")], " × ")
    assert (joined.text("id"), joined.text("en")) == ("kabupaten × tanggal", "regency × date")
    number = i18n.Number(1234.5, 2)
    assert (number.text("id"), number.text("en")) == ("1.234,50", "1,234.50")
    assert i18n.both("loader.coverage.pct_mismatch", sep=" | ", exact=number).count("1.234,50") == 1
    assert str(i18n.Phrase("column.active")) == "peserta aktif / active"
