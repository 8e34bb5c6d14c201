"""One batch on the embedded data, read back from every output: one quantity, one value.

Runs ``ucj batch`` (real kernels, all four notebooks, the three embedded regencies) with a fixed
run date, then compares what each output says about the same quantity: the forecast notebook's
records, the budget notebook's records, the portfolio's records, index.html, summary.csv,
summary.xlsx, and the text of the HTML pages. It also checks that no month before the run month
is ever given as when a target is reached, and that the answer table is on the first screen of
each regency's report in headless Chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from ucj_analysis import i18n, render

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-29"
RUN_MONTH = pd.Period(AS_OF, freq="M")
REGENCIES = ("Konawe", "Banggai", "Tojo Una-Una")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("consistency")
    cmd = [
        str(Path(sys.executable).with_name("ucj")),
        "batch",
        "--out",
        str(out),
        "--set",
        "n_draws=200",
        "--set",
        f"as_of={AS_OF}",
        "--jobs",
        "2",
    ]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


def _records(path: Path) -> dict:
    return render.read_records(nbformat.read(path, as_version=4))


def _slug(p: Path) -> str:
    return p.stem


@pytest.fixture(scope="module")
def outputs(batch_dir):
    fc = {}
    for p in sorted((batch_dir / "02_regency_forecast").glob("*.ipynb")):
        rec = _records(p)
        fc[rec["regency"]] = (rec, p.with_suffix(".html").read_text(encoding="utf-8"))
    bs = {}
    for p in sorted((batch_dir / "03_budget_scenarios").glob("*.ipynb")):
        rec = _records(p)
        bs[rec["regency"]] = (rec, p.with_suffix(".html").read_text(encoding="utf-8"))
    pf_nb = next((batch_dir / "04_portfolio").glob("*.ipynb"))
    pf = (_records(pf_nb), pf_nb.with_suffix(".html").read_text(encoding="utf-8"))
    index = (batch_dir / "index.html").read_text(encoding="utf-8")
    return fc, bs, pf, index


def test_every_regency_has_every_report(outputs):
    fc, bs, pf, _ = outputs
    assert set(fc) == set(bs) == set(REGENCIES)
    assert {p["regency"] for p in pf[0]["portfolio"]} == set(REGENCIES)


def test_no_forecast_month_before_the_run_month(outputs):
    fc, bs, _, _ = outputs
    for rec, _ in list(fc.values()) + list(bs.values()):
        assert rec["run_date"] == AS_OF
        assert pd.Period(rec["budget_start"], freq="M") >= RUN_MONTH
        for r in rec["time_to_target"]:
            for key in ("median_month", "p10_month", "p90_month"):
                if r[key] is not None:
                    assert pd.Period(r[key], freq="M") >= RUN_MONTH, (rec["regency"], r)


def test_forecast_budget_and_portfolio_agree(outputs):
    fc, bs, pf, _ = outputs
    for reg, (rec, html) in fc.items():
        ttt = {r["scenario"]: r for r in rec["time_to_target"]}
        other = {r["scenario"]: r for r in bs[reg][0]["time_to_target"]}
        assert set(other) == set(ttt)
        for sid, r in ttt.items():
            o = other[sid]
            for key in (
                "median_month",
                "p10_month",
                "p90_month",
                "coverage_main_deadline_pct",
                "prob_main_deadline",
                "appropriation_rp_per_year",
                "spending_rp_per_year",
            ):
                assert r[key] == o[key], (reg, sid, key, r[key], o[key])
            # the same formatted figure is on both pages
            pct = i18n.format_pct(r["coverage_main_deadline_pct"], "id", 1)
            assert pct in html and pct in bs[reg][1], (reg, sid, pct)
            money = i18n.format_budget(r["appropriation_rp_per_year"], "id")
            assert money in html, (reg, sid, money)
        p = next(x for x in pf[0]["portfolio"] if x["regency"] == reg)
        assert p["current_coverage_pct"] == pytest.approx(rec["current_coverage_pct"])
        rank_by = p["rank_by"]
        assert p["coverage_deadline"] * 100 == pytest.approx(
            ttt[rank_by]["coverage_main_deadline_pct"], abs=1e-9
        )
        assert p["appropriation_rank_by"] == ttt[rank_by]["appropriation_rp_per_year"]
        pct = i18n.format_pct(ttt[rank_by]["coverage_main_deadline_pct"], "id", 1)
        assert pct in pf[1], (reg, pct)


def test_observed_counts_are_shown_as_given(outputs):
    fc, _, _, _ = outputs
    _, html = fc["Konawe"]
    assert "27.636" in html and "27.635" not in html  # FACTS: 27,636 active (30 Apr 2025)
    assert "79.388" in html


def test_summary_files_hold_the_same_numbers(outputs, batch_dir):
    fc, _, _, index = outputs
    xlsx = pd.read_excel(batch_dir / "summary.xlsx", sheet_name=0)
    csv = pd.read_csv(batch_dir / "summary.csv", sep=None, engine="python", decimal=",")
    for frame in (xlsx, csv):
        cols = {c.lower(): c for c in frame.columns}
        reg_col = next(c for k, c in cols.items() if "kabupaten" in k or "regency" in k)
        for reg, (rec, _) in fc.items():
            rows = frame[frame[reg_col].astype(str).str.contains(reg.split("-")[0])]
            assert len(rows), (reg, list(frame.columns))
            numbers = pd.to_numeric(rows.stack(), errors="coerce").dropna().tolist()
            for r in rec["time_to_target"]:
                appr = r["appropriation_rp_per_year"]
                if appr:
                    assert any(abs(v - appr) < 0.5 for v in numbers), (reg, r["scenario"], appr)
                cov = r["coverage_main_deadline_pct"]
                assert any(abs(v - cov) < 0.051 or abs(v * 100 - cov) < 0.051 for v in numbers), (
                    reg,
                    r["scenario"],
                    cov,
                )
    for reg, (rec, _) in fc.items():
        for r in rec["time_to_target"]:
            pct = i18n.format_pct(r["coverage_main_deadline_pct"], "id", 1)
            assert pct in index, (reg, r["scenario"], pct)


@pytest.mark.browser
def test_answer_table_is_on_the_first_screen(batch_dir, tmp_path):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(chromium):
        pytest.fail("Debian chromium is required (make test installs it as root)")
    from playwright.sync_api import sync_playwright

    shots = ROOT / "tests" / "output"
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        for html in sorted((batch_dir / "02_regency_forecast").glob("*.html")):
            page.goto(html.as_uri())
            table = page.locator("table").first
            box = table.bounding_box()
            assert box is not None and box["y"] < 800, (html.name, box)
            head = table.inner_text()
            assert "Mencapai 99,5 %" in head and "Anggaran" in head, head[:300]
            page.screenshot(path=str(shots / f"first_screen_{html.stem}.png"))
        browser.close()
