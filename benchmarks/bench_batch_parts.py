"""Two parts of ``ucj batch``, each against the way it replaced, in the same run.

``pdf``
    The one-page summary PDFs of ``--regencies`` forecast records: printed by ``chromium
    --headless --print-to-pdf`` started once per summary (:func:`ucj_analysis.pdf.html_to_pdf`,
    the way before) against one browser through Playwright printing them all
    (:class:`ucj_analysis.pdf._Browser`, what :func:`ucj_analysis.pdf.write_briefs` uses per
    thread). One thread each, so the ratio is per summary; the one-browser time includes starting
    the browser. The PDFs are compared: same page count and same text.
``saves``
    The forecast notebook (``02_regency_forecast.ipynb``, one synthetic regency, ``n_draws=200``,
    ``as_of=2026-11-29``) executed by ``papermill.execute_notebook`` with papermill's own engine
    (the notebook written at every cell start and end) against the batch's engine
    (:mod:`ucj_analysis.batch.engine`, written at the start and the end). Measured: the CPU time
    of this process (the one that drives the kernel and writes the notebook); the recorded values
    of the two ways are compared.

Each way runs ``--repeats`` times, interleaved; the medians and min-max are reported.

Usage::

    .venv/bin/python benchmarks/bench_batch_parts.py [--regencies 6] [--repeats 3]

Writes ``benchmarks/results/bench_batch_parts.json`` and ``bench_batch_parts.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import spread  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
BIN = ROOT / ".venv" / "bin"
NOTEBOOK = ROOT / "notebooks" / "02_regency_forecast.ipynb"


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _record(i: int) -> dict:
    """A forecast index record as the batch gives :func:`ucj_analysis.pdf.write_briefs`."""
    tt = [
        {"scenario": "baseline", "label": "Tren saat ini", "status": "not_reached",
         "median": None, "p10": None, "p90": None, "prob_by_deadline": 0.0,
         "coverage_p50": 80.5, "budget_rp": 0.0, "per_village_rp": None},
        {"scenario": "fund_gap", "label": "Danai seluruh kesenjangan", "status": "reached",
         "median": "2027-01", "p10": "2027-01", "p90": "2027-01", "prob_by_deadline": 1.0,
         "coverage_p50": 100.0, "budget_rp": 3.19e9, "per_village_rp": None},
    ]  # fmt: skip
    records = {"regency": f"Sintetis {i:03d}", "target_pct": 99.5, "run_date": "2026-11-29",
               "main_deadline": "2030-12", "horizon_end": "2045-12", "budget_year": 2027,
               "last_observed": "2025-06", "data_age_months": 17, "start_quality": "assumed",
               "memo_id": "Angka terakhir Kabupaten Sintetis: cakupan 63,78 %.",
               "memo_en": "Latest figure: coverage 63.78%.", "time_to_target": tt}  # fmt: skip
    return {"notebook": "02_regency_forecast", "regency": records["regency"],
            "slug": f"sintetis-{i:03d}", "status": "ok",
            "html": f"02_regency_forecast/sintetis-{i:03d}.html", "records": records}  # fmt: skip


def bench_pdf(n: int, repeats: int, work: Path) -> dict:
    from pypdf import PdfReader

    from ucj_analysis import pdf, render

    program = pdf.chromium_path()
    if program is None:
        raise SystemExit("Chromium is needed (make browser)")
    pages = []
    for i in range(n):
        page = work / f"brief-{i}.html"
        page.write_text(render.brief_html(_record(i + 1), "id"), encoding="utf-8")
        pages.append(page)
    times: dict[str, list[float]] = {"cli": [], "one_browser": []}
    texts: dict[str, list[str]] = {}
    for r in range(repeats):
        for way in ("cli", "one_browser"):
            out = work / f"{way}-{r}"
            t0 = time.perf_counter()
            if way == "cli":
                for p in pages:
                    pdf.html_to_pdf(p, out / f"{p.stem}.pdf", chromium=program)
            else:
                with pdf._Browser(program) as browser:
                    for p in pages:
                        browser.print(p, out / f"{p.stem}.pdf")
            times[way].append((time.perf_counter() - t0) / n)
            texts[way] = [
                " ".join(PdfReader(out / f"{p.stem}.pdf").pages[0].extract_text().split())
                for p in pages
            ]
            counts = [len(PdfReader(out / f"{p.stem}.pdf").pages) for p in pages]
            assert counts == [1] * n, counts
            print(f"pdf round {r + 1} {way}: {times[way][-1]:.3f} s per summary", flush=True)
    ratios = [c / o for c, o in zip(times["cli"], times["one_browser"], strict=True)]
    return {
        "summaries": n,
        "seconds_per_summary": {w: spread(v, 3) for w, v in times.items()},
        "ratio_cli_over_one_browser": spread(ratios, 2),
        "same_text": texts["cli"] == texts["one_browser"],
    }


def bench_saves(repeats: int, work: Path) -> dict:
    import nbformat
    import papermill

    from ucj_analysis import render
    from ucj_analysis.batch.engine import ENGINE_NAME

    data = work / "data"
    subprocess.run([str(BIN / "ucj"), "synth", "--n", "1", "--out", str(data)], check=True,
                   capture_output=True)  # fmt: skip
    params = {"regency": "Sintetis 001", "n_draws": 200, "as_of": "2026-11-29",
              "data_dir": str(data)}  # fmt: skip
    cpu: dict[str, list[float]] = {"per_cell": [], "start_and_end": []}
    outputs: dict[str, dict] = {}
    same: list[bool] = []
    for r in range(repeats):
        for way, engine in (("per_cell", None), ("start_and_end", ENGINE_NAME)):
            out = work / f"{way}-{r}.ipynb"
            c0 = _cpu()
            papermill.execute_notebook(
                str(NOTEBOOK), str(out), parameters=params, kernel_name="ucj",
                progress_bar=False, engine_name=engine, request_save_on_cell_execute=True,
                cwd=str(NOTEBOOK.parent),
            )  # fmt: skip
            cpu[way].append(_cpu() - c0)
            outputs[way] = render.read_records(nbformat.read(str(out), as_version=4))
            print(f"saves round {r + 1} {way}: {cpu[way][-1]:.2f} s CPU", flush=True)
        same.append(outputs["per_cell"] == outputs["start_and_end"])
    ratios = [a / b for a, b in zip(cpu["per_cell"], cpu["start_and_end"], strict=True)]
    return {
        "notebook": NOTEBOOK.name,
        "parameters": params | {"data_dir": "ucj synth --n 1"},
        "driver_cpu_seconds": {w: spread(v, 2) for w, v in cpu.items()},
        "ratio_per_cell_over_start_and_end": spread(ratios, 2),
        "same_records": all(same) and bool(outputs["per_cell"]),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--regencies", type=int, default=6)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="ucj-bench-parts-") as tmp:
        work = Path(tmp)
        res_pdf = bench_pdf(args.regencies, args.repeats, work)
        res_saves = bench_saves(args.repeats, work)
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "load_average": [round(load_start, 2), round(os.getloadavg()[0], 2)],
        "repeats": args.repeats,
        "pdf": res_pdf,
        "saves": res_saves,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_batch_parts.json").write_text(json.dumps(result, indent=2) + "\n")
    p, s = res_pdf, res_saves
    sp, ss = p["seconds_per_summary"], s["driver_cpu_seconds"]

    def fmt(d: dict, unit: str = " s") -> str:
        return f"{d['median']}{unit} ({d['min']}–{d['max']}{unit})"

    md = f"""# Two parts of `ucj batch` against the ways they replaced (`benchmarks/bench_batch_parts.py`)

Measured {result["date"]}, {os.cpu_count()} CPUs, Python {platform.python_version()}; 1-minute load average {result["load_average"][0]} at the start and {result["load_average"][1]} at the end (shared machine). {args.repeats} rounds, ways interleaved; median (min–max).

## Summary PDFs ({p["summaries"]} one-page summaries, one thread)

| way | per summary |
|---|---:|
| `chromium --headless --print-to-pdf`, a browser started per summary | {fmt(sp["cli"])} |
| one browser through Playwright for all of them (start included) | {fmt(sp["one_browser"])} |

Starting a browser per summary took **{fmt(p["ratio_cli_over_one_browser"], "×")}** the time of one browser. Same page count (1) and same text in every PDF: {"yes" if p["same_text"] else "no"}.

## Writing the executed notebook (`{s["notebook"]}`, one synthetic regency, n_draws=200)

| papermill engine | CPU of the process driving the kernel |
|---|---:|
| papermill's own: the notebook written at every cell start and end | {fmt(ss["per_cell"])} |
| the batch's (`ucj_analysis/batch/engine.py`): written at the start and the end | {fmt(ss["start_and_end"])} |

Per-cell writes cost **{fmt(s["ratio_per_cell_over_start_and_end"], "×")}** the driver's CPU. Same recorded values (`ucj_analysis.record`) in every round: {"yes" if s["same_records"] else "no"}.
"""  # noqa: E501
    (RESULTS / "bench_batch_parts.md").write_text(md)
    print(md)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
