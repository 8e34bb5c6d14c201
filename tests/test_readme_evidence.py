"""The README's Evidence section quotes only figures found in ``benchmarks/results/``.

Every number in the section must equal, at the precision the README prints it, a number in a
results file (JSON values, numbers inside JSON strings, numbers in the Markdown pages), directly
or as a percentage (x 100), in millions or in billions. The headline claims are also checked
against the exact field they come from.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
README = ROOT / "README.md"

#: An English-formatted number: 3, 1,000, 755,598,000, 69.95, 5.64e-07, 14.6x (not part of a
#: word; a trailing "x" is the "times" sign of the Markdown results).
_NUMBER = re.compile(
    r"(?<![\w.])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?:e(?P<exp>[-+]?\d+))?"
    r"(?!x\w)(?![^\Wx])"
)
#: How a results value may be shown in the README: as is, x 100 (share -> %), in millions or
#: billions of rupiah.
_SCALES = (1.0, 100.0, 1e-6, 1e-9)


def evidence_section(text: str) -> str:
    """The text from ``## Evidence`` up to the next second-level heading."""
    m = re.search(r"^## Evidence\s*$(.*?)(?=^## )", text, re.M | re.S)
    if m is None:
        raise AssertionError("README has no '## Evidence' section followed by another section")
    return m.group(1)


def _strip_code_and_links(text: str) -> str:
    text = re.sub(r"`[^`]*`", " ", text)  # inline code: file names, commands, options
    return re.sub(r"\]\([^)]*\)", "]", text)  # link targets


def numbers_in(text: str) -> list[tuple[str, float, float]]:
    """``(as written, value, half a unit of the last printed digit)`` for each number."""
    out = []
    for m in _NUMBER.finditer(text):
        whole = m.group("int").replace(",", "")
        dec = m.group("dec") or ""
        exp = int(m.group("exp") or 0)
        value = float(f"{whole}.{dec}" if dec else whole) * 10.0**exp
        half_unit = 0.5 * 10.0 ** (exp - len(dec))
        out.append((m.group(0), value, half_unit))
    return out


def _walk(obj, found: list[float]) -> None:
    if isinstance(obj, bool) or obj is None:
        return
    if isinstance(obj, int | float):
        if math.isfinite(obj):
            found.append(float(obj))
    elif isinstance(obj, str):
        found.extend(v for _, v, _ in numbers_in(obj))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            _walk(k, found)
            _walk(v, found)
    elif isinstance(obj, list):
        for v in obj:
            _walk(v, found)


def results_numbers(folder: Path = RESULTS) -> list[float]:
    """Every number in the JSON and Markdown files of ``folder``."""
    found: list[float] = []
    for path in sorted(folder.glob("*.json")):
        _walk(json.loads(path.read_text(encoding="utf-8")), found)
    for path in sorted(folder.glob("*.md")):
        found.extend(v for _, v, _ in numbers_in(path.read_text(encoding="utf-8")))
    return found


def unmatched(text: str, known: list[float]) -> list[str]:
    """Numbers of ``text`` that no results number rounds to (at any allowed scale)."""
    scaled = [v * s for v in known for s in _SCALES]
    missing = []
    for written, value, half_unit in numbers_in(_strip_code_and_links(text)):
        tol = half_unit * (1 + 1e-9) + 1e-12 * abs(value)
        if not any(abs(c - value) <= tol for c in scaled):
            missing.append(written)
    return missing


def _load(name: str) -> dict:
    return json.loads((RESULTS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def evidence() -> str:
    return " ".join(evidence_section(README.read_text(encoding="utf-8")).split())


# ------------------------------------------------------------------------------------------
# the checker itself
# ------------------------------------------------------------------------------------------
def test_numbers_are_parsed_with_their_printed_precision():
    got = numbers_in("755,598,000 draw-months, 69.95 s, 5.64e-07, P10, 7.7x and 48.8× in 2030-12")
    assert [(w, pytest.approx(v)) for w, v, _ in got] == [
        ("755,598,000", 755598000.0),
        ("69.95", 69.95),
        ("5.64e-07", 5.64e-07),
        ("7.7", 7.7),
        ("48.8", 48.8),
        ("2030", 2030.0),
        ("12", 12.0),
    ]
    assert [h for _, _, h in got][:3] == pytest.approx([0.5, 0.005, 0.005e-07])


def test_checker_accepts_rounded_and_scaled_values_and_flags_others():
    known = [0.6667, 13089600000.0, 40000000.0, 14.59, 578.86]
    text = "held 67 %, Rp 13.09 billion, Rp 40.0 million, 14.6×, 578.9 s"
    assert unmatched(text, known) == []
    assert unmatched("14.7× and 68 % and 578.8 s", known) == ["14.7", "68", "578.8"]
    assert unmatched("`bench_engine.py --n 123`, [a](x/999.md)", known) == []


def test_stale_figures_would_be_caught(evidence):
    known = results_numbers()
    # figures of earlier README versions and of the issue that no current results file supports
    stale = "national run 254.3 minutes, Run All in 15.3 s, 657 MiB"
    assert unmatched(stale, known) == ["254.3", "15.3", "657"]


# ------------------------------------------------------------------------------------------
# the README
# ------------------------------------------------------------------------------------------
def test_every_number_in_the_evidence_section_is_in_a_results_file(evidence):
    missing = unmatched(evidence, results_numbers())
    assert not missing, f"README Evidence figures not found in benchmarks/results/: {missing}"


def test_every_results_file_named_in_the_evidence_exists(evidence):
    named = set(re.findall(r"`(\w+)\.md`", evidence))
    assert {"backtest", "bench_engine", "bench_batch", "embedded_answers"} <= named
    for stem in named:
        assert (RESULTS / f"{stem}.md").is_file(), stem
        assert (RESULTS / f"{stem}.json").is_file(), stem


def test_backtest_claims_match_the_report_basis(evidence):
    basis = _load("backtest.json")["report_basis"]
    m = re.search(r"(\d+) forecasts of (\d+) held-out figures from (\d+) origins", evidence)
    assert m, "backtest size sentence missing"
    assert tuple(map(int, m.groups())) == (
        basis["n_points"],
        basis["n_targets"],
        basis["n_origins"],
    )
    m = re.search(r"held (\d+) % of the held-out points as fitted and (\d+) % after", evidence)
    assert m, "interval coverage before/after calibration missing"
    assert int(m.group(1)) == round(basis["interval_coverage_80_uncalibrated"] * 100)
    assert int(m.group(2)) == round(basis["interval_coverage_80"] * 100)
    m = re.search(r"by the factor (\d+\.\d+)", evidence)
    assert m and float(m.group(1)) == round(basis["interval_scale"], 2)
    assert basis["series"] == ["Indonesia"]
    assert "the only series tested is the **national proxy**" in evidence
    assert ("No model beat the naive last value" in evidence) == (not basis["beats_naive"])
    m = re.search(r"naive (\d+\.\d+) pp", evidence)
    assert m and float(m.group(1)) == round(basis["naive_mae_pp"], 2)


def test_engine_claims_match_the_benchmark(evidence):
    b = _load("bench_engine.json")
    m = re.search(r"\*\*(\d+\.\d)× faster\*\* on a (\d+)-regency run", evidence)
    assert m, "engine speed ratio sentence missing"
    assert float(m.group(1)) == b["speed"]["ratio_vs_mid_run"]
    assert int(m.group(2)) == b["speed"]["engine_mid_run"]["regencies"]
    m = re.search(r"and (\d+\.\d)× at the national run's throughput", evidence)
    assert m and float(m.group(1)) == b["speed"]["ratio_vs_national_throughput"]
    m = re.search(r"took (\d+\.\d+) s of CPU \((\d+\.\d+) s wall\)", evidence)
    assert m and float(m.group(1)) == b["national"]["cpu_seconds"]
    assert float(m.group(2)) == b["national"]["wall_seconds"]
    m = re.search(r"peak RSS of (\d+\.\d) MiB", evidence)
    assert m and float(m.group(1)) == b["national"]["peak_rss_mib"]
    assert b["national"]["under_2_gib"] and b["agreement"]["agree"]


def _span(s: dict, unit: str = " s") -> str:
    """``median{unit} (min–max{unit})`` of a results spread, as the README prints it."""
    if unit == "×":
        return f"{s['median']:.2f}× ({s['min']:.2f}–{s['max']:.2f})"
    return f"{s['median']:.1f}{unit} ({s['min']:.1f}–{s['max']:.1f}{unit})"


def test_batch_claims_quote_the_results_file_and_name_the_baseline(evidence):
    b = _load("bench_batch.json")
    assert f"measured {b['date'][:10]}" in evidence
    assert b["repeats"] >= 3 and b["same_records"]
    assert b["baseline"] == "pool" and b["candidate"] == "ucj_fork"
    assert f"{b['regencies']} synthetic regencies, {b['repeats']} rounds" in evidence
    ways, ratios = b["ways"], b["ratios"]
    # what the baseline is, on the same work in the same run
    assert "The baseline is a process pool" in evidence
    assert "`papermill.execute_notebook`" in evidence
    assert f"The pool took {_span(ways['pool']['seconds'])}" in evidence
    assert f"`ucj batch --jobs 2` {_span(ways['ucj_fork']['seconds'])}" in evidence
    assert f"the pool needed **{_span(ratios['pool_over_ucj_fork'], '×')}**" in evidence
    # where the gap comes from: the shared cache, the kernel factory; the CLI loop for reference
    assert f"(`UCJ_CACHE_DIR`) took {_span(ways['pool_cache']['seconds'])}" in evidence
    assert f"{_span(ratios['pool_cache_over_ucj_fork'], '×')} the time of `ucj batch`" in evidence
    assert f"from scratch (`--kernel-mode spawn`) {_span(ways['ucj_spawn']['seconds'])}" in evidence
    assert f"{_span(ratios['ucj_spawn_over_ucj_fork'], '×')} the time with forked" in evidence
    assert "command-line loop" in evidence
    assert f"{_span(ratios['cli_over_ucj_fork'], '×')} the time of `ucj batch`." in evidence
    # the floor: why the 3x target is out of reach for any runner of this notebook
    assert f"It took {_span(ways['floor']['seconds'])}" in evidence
    assert f"the pool took **{_span(ratios['pool_over_floor'], '×')}** the floor" in evidence
    assert f"`ucj batch` took {_span(ratios['ucj_fork_over_floor'], '×')} the floor" in evidence
    assert ratios["pool_over_floor"]["max"] < 3, "the README says 3x is out of reach"


def test_embedded_answers_claims_match_the_answer_table(evidence):
    res = _load("embedded_answers.json")
    assert f"run date fixed at {res['as_of']}" in evidence
    konawe = next(r for r in res["regencies"] if r["regency"] == "Konawe")
    rows = {s["scenario"]: s for s in konawe["scenarios"]}
    add10, gap = rows["add_10"], rows["fund_gap"]
    m = re.search(r"10 % of ADD \(Rp (\d+\.\d+) billion appropriated", evidence)
    assert m and float(m.group(1)) == round(add10["appropriation_rp"] / 1e9, 2)
    m = re.search(r"median coverage to (\d+\.\d) % by Dec 2030", evidence)
    assert m and float(m.group(1)) == round(add10["coverage_main_p50"], 1)
    assert add10["status"] != "reached" and "never reaches the target" in evidence
    m = re.search(
        r"Rp (\d+\.\d+) billion is expected to be paid, Rp (\d+\.\d+) billion falls into village "
        r"arrears and Rp (\d+\.\d+) billion stays idle",
        evidence,
    )
    assert m, "budget lines of 10 % ADD missing"
    lines = (add10["spending_rp"], add10["arrears_rp"], add10["idle_rp"])
    assert tuple(map(float, m.groups())) == tuple(round(v / 1e9, 2) for v in lines)
    m = re.search(r"reaches 99\.5 % in (\w+) (\d{4})", evidence)
    assert m, "fund-the-gap month missing"
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    assert f"{m.group(2)}-{months.index(m.group(1)[:3]) + 1:02d}" == gap["median_month"]
    m = re.search(r"with probability (\d+) % by Dec 2030", evidence)
    assert m and int(m.group(1)) == round(gap["prob_by_deadline"]["2030-12"] * 100)
    m = re.search(r"(\d+) months old", evidence)
    assert m and int(m.group(1)) == konawe["data_age_months"]


def test_shared_simulation_claims_match_the_benchmark(evidence):
    b = _load("bench_sim_cache.json")
    assert b["repeats"] >= 3 and b["same_records"]
    ways = b["ways"]
    m = re.search(r"On the embedded data \((\d+) reports, `--jobs 2`\)", evidence)
    assert m and int(m.group(1)) == b["reports"]
    assert f"used {_span(ways['on']['cpu_seconds'])} of CPU" in evidence
    assert f"against {_span(ways['off']['cpu_seconds'])} with the cache off" in evidence
    assert f"**{_span(b['cpu_ratio_off_over_on'], '×')}** in CPU time" in evidence
    assert f"wall time {_span(ways['on']['seconds'])} against" in evidence
    assert f"{_span(ways['off']['seconds'])}, {_span(b['ratio_off_over_on'], '×')}" in evidence


def _span3(s: dict, unit: str = "×") -> str:
    """``median× (min–max×)`` of a ratio spread at one decimal, as the README prints it."""
    return f"{s['median']:.1f}{unit} ({s['min']:.1f}–{s['max']:.1f}{unit})"


def test_numpy_baseline_claims_match_the_benchmark(evidence):
    b = _load("bench_engine_numpy.json")
    assert b["repeats"] >= 3 and not b["quick"]
    small, mid, agree = b["small"], b["mid"], b["agreement"]
    assert agree["numpy_vs_loop_first_hits_differing"] == 0
    assert agree["engine_vs_numpy_mid"]["first_hits_differing"] == 0
    assert agree["engine_vs_numpy_small"]["first_hits_differing"] == 0
    sizes = f"{mid['regencies']} regencies × {mid['scenarios']} scenarios × {mid['draws']:,} draws"
    assert sizes in evidence
    assert f"**{_span3(mid['ratio_numpy_over_engine'])} the time of the engine**" in evidence
    assert f"the numpy baseline took {_span3(small['ratio_numpy_over_engine'])}" in evidence
    assert f"the per-draw loop **{_span3(small['ratio_loop_over_engine'])}**" in evidence
    met = "met" if b["meets"]["numpy_3x_mid"] else "missed"
    assert f"3× target {met}" in evidence


def test_dask_claims_match_the_benchmark(evidence):
    b = _load("bench_dask.json")
    assert b["repeats"] >= 3 and b["same_records"]
    small, large = (b["by_size"][str(n)] for n in b["sizes"])
    w1, w2 = large["ways"]["dask_1"], large["ways"]["dask_2"]
    assert f"for {large['reports']} synthetic regencies" in evidence
    assert f"2 workers {_span(w2['seconds'])}, 1 worker {_span(w1['seconds'])}" in evidence
    assert f"**{_span(large['speedup_2_over_1'], '×')}**" in evidence
    met = "met by the median" if large["speedup_2_over_1"]["median"] >= 1.7 else "not met"
    assert f"the 1.7× target {met}" in evidence
    assert f"workers kept {w2['cores_busy']['median']} cores busy" in evidence
    assert f"one worker {w1['cores_busy']['median']}" in evidence
    assert f"On {small['reports']} regencies the speed-up is" in evidence
    assert _span(small["speedup_2_over_1"], "×") in evidence
    sl = {w: f"{s['median']:.2f} s ({s['min']:.2f}–{s['max']:.2f} s)"
          for w, s in b["seconds_per_further_report"].items()}  # fmt: skip
    assert f"took {sl['dask_1']} with 1 worker and {sl['dask_2']} with 2" in evidence
    assert f"**{_span(b['speedup_per_further_report'], '×')}**" in evidence
    assert "not a run of 514" in evidence
    mem = b["peak_memory_mib"]
    assert f"{mem['dask_2']['worker_rss']} MiB with 2 workers" in evidence
    assert f"{mem['dask_2']['worker_and_kernel_rss_pss']} MiB" in evidence


def test_national_claims_say_what_was_measured_and_what_extrapolated(evidence):
    b = _load("bench_national.json")
    assert b["extrapolated"]
    assert f"about {b['national_estimate_minutes']} minutes" in evidence
    full = b["full_run"]
    if full:  # all 514 run once, measured
        assert full["regencies"] == 514 and full["failed"] == 0
        assert f"**{full['wall_minutes']} min** wall and {full['cpu_minutes']} min of CPU" in (
            evidence
        )
        assert f"{full['reports']:,} reports ({full['failed']} failed)" in evidence
        q1, q4 = (full[f"reports_per_minute_{q}_quarter"] for q in ("first", "last"))
        assert f"{q1} reports a minute in the first quarter of the run and {q4} in the last" in (
            evidence
        )
    else:
        assert "extrapolated, not measured" in evidence
    assert f"{b['seconds_per_regency']} s per regency" in evidence
    assert b["repeats"] >= 3
    est = b["national_estimate_minutes_spread"]
    assert f"about {b['national_estimate_minutes']} minutes ({est['min']}–{est['max']})" in evidence
    ref = b.get("reference")
    if ref:  # the earlier commit, run in the same rounds
        m, r = ref["national_estimate_minutes_spread"], ref["ratio_reference_over_now"]
        assert f"(commit {ref['commit']}) ran the same work in the same rounds" in evidence
        assert f"{m['median']} min ({m['min']}–{m['max']})" in evidence
        assert f"{r['median']:.2f}× ({r['min']:.2f}–{r['max']:.2f}×) the estimated" in evidence
    # the floor: no runner can go below it, so the README may say the target is out of reach
    fl = b["floor"]
    sec, cpu, fest = (fl[k] for k in ("seconds_per_regency_spread",
                                       "cpu_seconds_per_regency_spread",
                                       "national_estimate_minutes_spread"))  # fmt: skip
    assert f"took {sec['median']} s per regency ({sec['min']}–{sec['max']} s)" in evidence
    assert f"{cpu['median']} s of CPU ({cpu['min']}–{cpu['max']} s)" in evidence
    assert f"{fest['median']} min ({fest['min']}–{fest['max']}) for" in evidence
    assert "it is out of reach for any runner of these notebooks" in evidence
    assert fest["min"] > b["target_minutes"]


def test_batch_parts_claims_match_the_benchmark(evidence):
    b = _load("bench_batch_parts.json")
    assert b["repeats"] >= 3
    p, s = b["pdf"], b["saves"]
    assert p["same_text"] and s["same_records"]
    per = p["seconds_per_summary"]
    assert f"{p['summaries']} one-page summaries in one browser" in evidence
    assert f"took {per['one_browser']['median']} s per summary" in evidence
    assert f"against {per['cli']['median']} s when" in evidence
    r = p["ratio_cli_over_one_browser"]
    assert f"**{r['median']:.2f}× ({r['min']:.2f}–{r['max']:.2f}×)**" in evidence
    cpu = s["driver_cpu_seconds"]
    assert (
        f"{cpu['per_cell']['median']:.2f} s of CPU against {cpu['start_and_end']['median']:.2f} s"
        in evidence
    )
    q = s["ratio_per_cell_over_start_and_end"]
    assert f"**{q['median']:.2f}× ({q['min']:.2f}–{q['max']:.2f}×)**" in evidence


def test_bookkeeping_claims_match_the_benchmark(evidence):
    b = _load("bench_bookkeeping.json")
    assert b["repeats"] >= 3 and b["regencies"] == 514 and b["reports"] == 1030
    before, now = b["levels"]["before"][-1], b["levels"]["now"][-1]
    assert before["recorded"] == now["recorded"] == 1029
    assert f"finishing every {b['pace_seconds']} s" in evidence
    assert f"took {before['keep_entry']['median'] * 1000:.1f} ms of CPU with commit" in evidence
    assert f"commit {b['before']}, which rewrote" in evidence
    assert f"and {now['keep_entry']['median'] * 1000:.1f} ms now" in evidence
    assert f"({b['manifest_bytes'] / 1e6:.1f} MB at the end)" in evidence
    assert f"One index rewrite takes {now['index']['median']:.2f} s" in evidence
    cpu = b["now_cpu_seconds"]
    assert f"**{cpu['median']:.1f} s of CPU ({cpu['min']:.1f}–{cpu['max']:.1f} s)**" in evidence
    assert f"with {b['now_index_writes']['median']:.0f} index rewrites" in evidence
    est = b["before_cpu_seconds_estimated"] / 60
    assert f"an estimated **{est:.1f} min of CPU** before" in evidence
