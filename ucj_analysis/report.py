"""What the notebooks call: one function or method per report section.

The notebooks in ``notebooks/`` stay thin: they set parameters, call the functions here and explain
the results in prose. This module orchestrates the loaders (:mod:`ucj_analysis.loaders`), the trend
models (:mod:`ucj_analysis.models`), the engine (:mod:`ucj_analysis.engine`), the charts
(:mod:`ucj_analysis.plots`) and the formatting (:mod:`ucj_analysis.i18n`). It computes nothing that
those modules do not; it chooses what to run, formats it for planners and records key numbers
(:func:`record`) so that the batch runner, the index page and the tests can read them back.

Everything shown in a report is returned as a display object (``IPython.display.Markdown``,
``Image`` or a styled table), so a notebook cell is a single call.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ucj_analysis import answers as ans
from ucj_analysis import i18n, plots
from ucj_analysis.engine import BudgetAmount, SimulationResult, simulate, solve_budget
from ucj_analysis.inputs import RegencyInputs, build_regency_inputs
from ucj_analysis.loaders import DataBundle, load_bundle, read_scenarios
from ucj_analysis.models import (
    PooledGrowthModel,
    TrendFit,
    backtest_summary,
    panel_from,
    pooled_backtest,
    trend_for_regency,
)
from ucj_analysis.record import record

__all__ = [
    "record",
    "bundle",
    "show",
    "table",
    "DataAudit",
    "data_audit",
    "RegencyForecast",
    "regency_forecast",
    "BudgetStudy",
    "budget_study",
    "Portfolio",
    "portfolio",
]

# Report prose in both languages (labels shared with charts live in i18n.LABELS).
_TEXT: dict[str, dict[str, str]] = {
    "method": {
        "id": "Tren organik: **{method}**; kemiringan {slope} ± {sd} logit/tahun "
        "(≈ {pp} poin persen per tahun pada cakupan saat ini), dari {n} data sendiri.",
        "en": "Organic trend: **{method}** ({model}); slope {slope} ± {sd} logit/year "
        "(≈ {pp} percentage points a year at today's coverage), from {n} own figures.",
    },
    "no_budget": {"id": "tidak ada anggaran dalam batas", "en": "no budget within bounds"},
}

_COLS: dict[str, dict[str, str]] = {
    "name": {"id": "Masukan", "en": "Input"},
    "value": {"id": "Nilai", "en": "Value"},
    "unit": {"id": "Satuan", "en": "Unit"},
    "quality": {"id": "Kualitas", "en": "Quality"},
    "source": {"id": "Sumber", "en": "Source"},
    "note": {"id": "Catatan", "en": "Note"},
    "scenario": {"id": "Skenario", "en": "Scenario"},
    "regency": {"id": "Kabupaten", "en": "Regency"},
    "median": {"id": "Median tercapai", "en": "Median month reached"},
    "p10": {"id": "P10 (cepat)", "en": "P10 (early)"},
    "p90": {"id": "P90 (lambat)", "en": "P90 (late)"},
    "prob": {"id": "Peluang s.d. {d}", "en": "Probability by {d}"},
    "year": {"id": "Tahun", "en": "Year"},
    "persons": {"id": "Pekerja didanai (median)", "en": "Funded workers (median)"},
    "cost": {"id": "Biaya per tahun", "en": "Cost per year"},
    "cost_village": {"id": "Per desa per tahun", "en": "Per village per year"},
    "deadline": {"id": "Tenggat", "en": "Deadline"},
    "probability": {"id": "Peluang minimal", "en": "Required probability"},
    "budget": {"id": "Anggaran per tahun", "en": "Budget per year"},
    "per_village": {"id": "Per desa", "en": "Per village"},
    "pct_dd": {"id": "% Dana Desa", "en": "% of Dana Desa"},
    "pct_add": {"id": "% ADD", "en": "% of ADD"},
    "feasible": {"id": "Bisa dicapai", "en": "Feasible"},
    "payer": {"id": "Dibayar oleh", "en": "Paid by"},
    "reason": {"id": "Keterangan", "en": "Remark"},
    "arrears": {"id": "Desa menunggak", "en": "Villages in arrears"},
    "coverage_at": {"id": "Cakupan {d} (median)", "en": "Coverage {d} (median)"},
    "dataset": {"id": "Dataset", "en": "Dataset"},
    "title": {"id": "Judul", "en": "Title"},
    "rows": {"id": "Baris", "en": "Rows"},
    "observed": {"id": "Teramati", "en": "Observed"},
    "derived": {"id": "Turunan", "en": "Derived"},
    "assumed": {"id": "Asumsi", "en": "Assumed"},
    "date": {"id": "Tanggal", "en": "Date"},
    "segment": {"id": "Segmen", "en": "Segment"},
    "workforce": {"id": "Angkatan kerja", "en": "Workforce"},
    "active": {"id": "Peserta aktif", "en": "Active"},
    "coverage": {"id": "Cakupan", "en": "Coverage"},
    "used": {"id": "Dipakai model", "en": "Used by models"},
    "gap": {"id": "Kekurangan", "en": "Gap"},
    "area": {"id": "Wilayah", "en": "Area"},
    "level": {"id": "Tingkat", "en": "Level"},
    "target": {"id": "Target", "en": "Target"},
    "plan": {"id": "Dokumen", "en": "Plan"},
    "method": {"id": "Metode tren", "en": "Trend method"},
    "model": {"id": "Model", "en": "Model"},
    "mae": {"id": "Galat rata-rata (poin %)", "en": "Mean abs. error (pp)"},
    "mae_naive": {"id": "Galat naif (poin %)", "en": "Naive error (pp)"},
    "mae_drift": {"id": "Galat drift (poin %)", "en": "Drift error (pp)"},
    "interval": {
        "id": "Dalam interval 80 % (sebelum kalibrasi)",
        "en": "Inside 80 % interval (before calibration)",
    },
    "n_forecasts": {"id": "Jumlah uji", "en": "Forecasts tested"},
    "cost_per_pp": {"id": "Biaya per poin % cakupan", "en": "Cost per coverage point"},
    "gain_pp": {"id": "Tambahan cakupan {d} (poin %)", "en": "Coverage gain by {d} (pp)"},
    "rank": {"id": "Peringkat", "en": "Rank"},
}


_PAYER = {
    "village": {"id": "Desa (APBDes)", "en": "Villages (APBDes)"},
    "regency": {"id": "Kabupaten (APBD)", "en": "Regency (APBD)"},
    "province": {"id": "Provinsi (APBD)", "en": "Province (APBD)"},
    "central": {"id": "Pusat (APBN)", "en": "Central (APBN)"},
}


def _c(key: str, lang: str, **kw) -> str:
    text = _COLS[key][i18n.check_lang(lang)]
    return text.format(**kw) if kw else text


def _x(key: str, lang: str, **kw) -> str:
    return _TEXT[key][i18n.check_lang(lang)].format(**kw)


# ------------------------------------------------------------------------------------------
# display helpers
# ------------------------------------------------------------------------------------------
def show(fig) -> object:
    """Render a matplotlib Figure as an embedded PNG (``IPython.display.Image``).

    Rendering to bytes in memory keeps the image inside the notebook (and so inside the HTML
    report) whatever matplotlib backend the kernel uses.
    """
    from IPython.display import Image

    buf = io.BytesIO()
    fig.savefig(buf, **plots.SAVE_KW)
    return Image(data=buf.getvalue(), format="png")


def table(frame: pd.DataFrame, caption: str | None = None):
    """A display table without the index (pandas Styler).

    Every cell, column header and the caption are HTML-escaped: text from a planner's data file
    (a source, a regency name, a scenario label) is shown as text and never runs as script.
    """
    import html as _html

    styler = frame.style.hide(axis="index")
    styler = styler.format(escape="html", na_rep="—").format_index(escape="html", axis=1)
    if caption:
        styler = styler.set_caption(_html.escape(str(caption)))
    return styler.set_table_styles(
        [
            {"selector": "th", "props": "text-align:left; background:#eef2f6; padding:4px 8px;"},
            {"selector": "td", "props": "padding:3px 8px; vertical-align:top; text-align:left;"},
            {"selector": "caption", "props": "caption-side:top; font-weight:600; text-align:left;"},
        ]
    )


def _md(text: str):
    from IPython.display import Markdown

    return Markdown(text)


def _quality_text(q: object, lang: str) -> str:
    if q is None or (isinstance(q, float) and np.isnan(q)):
        return "—"
    return i18n.t(f"quality.{q}", lang)


def _month_text(p: object, lang: str, short: bool = False) -> str:
    return i18n.format_month(p, lang, short=short)


def _when_text(row: pd.Series, horizon_end: object, lang: str) -> str:
    if row["status"] != "reached" or pd.isna(row["median_month"]):
        return i18n.t("not_reached_by", lang, month=_month_text(horizon_end, lang))
    return _month_text(row["median_month"], lang)


def _bound_text(p: object, horizon_end: object, lang: str) -> str:
    if p is None or pd.isna(p):
        return i18n.t("not_reached_by", lang, month=_month_text(horizon_end, lang, short=True))
    return _month_text(p, lang)


def _range_text(row: pd.Series, horizon_end: object, lang: str) -> str:
    """'Jun 2028 – Mar 2030', or with 'setelah Des 2045' when the late draws do not reach it."""
    if pd.isna(row["p10_month"]):
        return "—"
    lo = _month_text(row["p10_month"], lang, short=True)
    if pd.isna(row["p90_month"]):
        hi = i18n.t("later_than", lang, month=_month_text(horizon_end, lang, short=True))
    else:
        hi = _month_text(row["p90_month"], lang, short=True)
    return f"{lo} – {hi}"


def _reason_text(code: str, achieved: object, when, lang: str) -> str:
    """Short remark for a row of the minimum-budget table, in the report language."""
    if code == "ok":
        return ""
    pmax = (
        "—"
        if achieved is None or pd.isna(achieved)
        else i18n.format_pct(float(achieved) * 100, lang, 0)
    )
    return i18n.t(
        f"solver.{code}",
        lang,
        pmax=pmax,
        start=i18n.format_month(when.budget_start, lang) if when else "—",
    )


def _rp(v: object, lang: str) -> str:
    """Rupiah with two decimals of its unit ('Rp 20,16 juta'): the one format of budget lines."""
    return i18n.format_budget(v, lang)


def _pct_or_dash(v: object, lang: str, decimals: int = 1) -> str:
    return "—" if v is None or pd.isna(v) else i18n.format_pct(float(v), lang, decimals)


def _count(v: object, lang: str) -> str:
    return "—" if v is None or pd.isna(v) else i18n.format_number(round(float(v)), lang)


def is_city(name: str) -> bool:
    """True for a kota (city): its name starts with 'Kota'."""
    return str(name).strip().lower().startswith("kota ")


def regency_title(name: str, lang: str) -> str:
    """'Kabupaten Konawe' / 'Kota Kendari' (id); 'Konawe Regency' / 'Kota Kendari' (en)."""
    if is_city(name):
        return str(name)
    return f"Kabupaten {name}" if lang == "id" else f"{name} Regency"


# ------------------------------------------------------------------------------------------
# cached data and trends (shared by all sections of one kernel)
# ------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=8)
def bundle(data_dir: str = "") -> DataBundle:
    """The data bundle for ``data_dir`` ("" = the embedded data), read once per kernel."""
    return load_bundle(data_dir or None)


@functools.lru_cache(maxsize=8)
def _panel(data_dir: str) -> pd.DataFrame:
    """The pooled-trend panel (regencies, provinces, national proxy), built once per kernel."""
    return panel_from(bundle(data_dir))


@functools.lru_cache(maxsize=8)
def _pooled(data_dir: str):
    return PooledGrowthModel(_panel(data_dir)).fit()


@functools.lru_cache(maxsize=8)
def _backtest(data_dir: str) -> pd.DataFrame:
    """Backtest summary of the pooled trend on the panel (the same for every regency)."""
    return backtest_summary(pooled_backtest(_panel(data_dir)))


@functools.lru_cache(maxsize=64)
def _trend(data_dir: str, regency: str) -> TrendFit:
    return trend_for_regency(
        bundle(data_dir), regency, pooled=_pooled(data_dir), backtest=_backtest(data_dir)
    )


def _assumption(b: DataBundle, parameter: str, regency: str | None = None) -> pd.Series | None:
    """The assumptions.csv row for ``parameter`` (regency-specific first, then ``*``)."""
    f = b.assumptions.frame
    rows = f[f["parameter"] == parameter]
    for key in (regency, "*"):
        hit = rows[rows["regency"] == key]
        if key is not None and len(hit):
            return hit.iloc[0]
    return None


def trend_damping(data_dir: str = "", regency: str | None = None) -> float | None:
    """Annual damping of the organic logit growth (``trend_damping_per_year``), if stated."""
    row = _assumption(bundle(data_dir), "trend_damping_per_year", regency)
    return None if row is None else float(row["value"])


def _inputs(data_dir: str, regency: str) -> RegencyInputs:
    return build_regency_inputs(bundle(data_dir), regency)


#: Presets left out of the default set because their size is local knowledge (the number of
#: SPPG kitchens); a planner names them in ``scenarios`` after setting the count.
OPT_IN_PRESETS = frozenset({"sppg_10"})


def _scenarios(spec: Sequence[str] | str | None) -> dict:
    """Preset names and/or YAML paths -> validated scenarios (default presets when empty)."""
    if spec is None or (not isinstance(spec, str) and len(spec) == 0):
        return {k: v for k, v in read_scenarios(None).items() if k not in OPT_IN_PRESETS}
    items = [spec] if isinstance(spec, str) else list(spec)
    paths = [s for s in items if str(s).endswith((".yaml", ".yml"))]
    names = [s for s in items if s not in paths]
    out: dict = {}
    if names:
        out.update(read_scenarios(names))
    for p in paths:
        out.update(read_scenarios(p))
    return out


def _labels(scenarios: dict, lang: str) -> dict[str, str]:
    return {k: s.label_for(lang) for k, s in scenarios.items()}


# ------------------------------------------------------------------------------------------
# 01 data audit
# ------------------------------------------------------------------------------------------
@dataclass
class DataAudit:
    """Everything ``01_data_audit`` shows: datasets, sources, quality flags, gaps, conflicts."""

    bundle: DataBundle
    lang: str = "id"

    def datasets_table(self):
        """One row per dataset: title, rows and quality counts, sources."""
        lang = self.lang
        prov = self.bundle.provenance()
        out = pd.DataFrame(
            {
                _c("dataset", lang): prov["dataset"],
                _c("title", lang): [
                    _dataset_title(n, t, lang)
                    for n, t in zip(prov["dataset"], prov["title"], strict=True)
                ],
                _c("rows", lang): prov["n_rows"],
                _c("observed", lang): prov["n_observed"],
                _c("derived", lang): prov["n_derived"],
                _c("assumed", lang): prov["n_assumed"],
                _c("source", lang): prov["sources"].map(_join),
            }
        )
        return table(out)

    def regency_table(self):
        """Per regency: registry figures and the coverage figure the models start from."""
        lang = self.lang
        rows = []
        for _, r in self.bundle.regencies.frame.iterrows():
            inp = _inputs(str(self.bundle.data_dir or ""), r["regency"])
            q = _start_quality(inp)
            rows.append(
                {
                    _c("regency", lang): r["regency"],
                    "Provinsi" if lang == "id" else "Province": r["province"],
                    "Desa / kelurahan" if lang == "id" else "Villages / wards": (
                        f"{int(r['n_desa'])} / {int(r['n_kelurahan'])}"
                    ),
                    _c("workforce", lang): i18n.format_number(inp.workforce0, lang),
                    _c("coverage", lang): i18n.format_pct(inp.coverage0 * 100, lang),
                    _c("date", lang): _month_text(inp.start_month, lang),
                    _c("quality", lang): _quality_text(q, lang),
                }
            )
        return table(pd.DataFrame(rows))

    def coverage_table(self, area: str | None = None):
        """Every coverage figure (optionally for one area) with source, flag and use."""
        lang = self.lang
        f = self.bundle.coverage.frame
        if area:
            f = f[f["regency"] == area]
        out = pd.DataFrame(
            {
                _c("area", lang): f["regency"],
                _c("level", lang): f["level"],
                _c("date", lang): f["date"].map(lambda d: i18n.format_date(d, lang, short=True)),
                _c("segment", lang): f["segment"],
                _c("workforce", lang): f["workforce"].map(lambda v: i18n.format_number(v, lang)),
                _c("active", lang): f["active"].map(lambda v: i18n.format_number(v, lang)),
                _c("coverage", lang): f["coverage_pct"].map(lambda v: i18n.format_pct(v, lang, 2)),
                _c("quality", lang): f["quality"].map(lambda q: _quality_text(q, lang)),
                _c("used", lang): f["use_in_model"].map(
                    lambda u: i18n.t("yes" if u else "no", lang)
                ),
                _c("source", lang): f["source"],
            }
        )
        return table(out)

    def conflicts_table(self):
        """Figures kept but not used by the models, with the reason."""
        lang = self.lang
        f = self.bundle.coverage.frame
        f = f[~f["use_in_model"].astype(bool)]
        out = pd.DataFrame(
            {
                _c("area", lang): f["regency"],
                _c("date", lang): f["date"].map(lambda d: i18n.format_date(d, lang, short=True)),
                _c("segment", lang): f["segment"],
                _c("coverage", lang): f["coverage_pct"].map(lambda v: i18n.format_pct(v, lang, 2)),
                _c("active", lang): f["active"].map(lambda v: i18n.format_number(v, lang)),
                _c("note", lang): _notes(f, lang),
            }
        )
        return table(out)

    def gaps_table(self):
        """What is missing per regency: own history, funds, flagged assumptions."""
        lang = self.lang
        rows = []
        cov = self.bundle.coverage.frame
        vf = self.bundle.village_funds.frame
        for reg in self.bundle.regencies.frame["regency"]:
            own = cov[
                (cov["regency"] == reg)
                & (cov["segment"] == "total")
                & cov["use_in_model"].astype(bool)
                & cov["coverage_pct"].notna()
            ]
            observed = own[own["quality"] == "observed"]
            funds = vf[vf["regency"] == reg]
            rows.append(
                {
                    _c("regency", lang): reg,
                    ("Data cakupan sendiri" if lang == "id" else "Own coverage figures"): len(own),
                    ("di antaranya teramati" if lang == "id" else "of which observed"): len(
                        observed
                    ),
                    ("Dana desa teramati" if lang == "id" else "Village funds observed"): ", ".join(
                        f"{r.fund} {r.year}"
                        for r in funds[funds["quality"] == "observed"].itertuples()
                    )
                    or "—",
                    (
                        "Dana desa turunan/asumsi"
                        if lang == "id"
                        else "Village funds derived/assumed"
                    ): (f"{int((funds['quality'] != 'observed').sum())}"),
                    ("Tren" if lang == "id" else "Trend"): i18n.t(
                        _method_key(_trend(str(self.bundle.data_dir or ""), reg).method), lang
                    ),
                }
            )
        return table(pd.DataFrame(rows))

    def targets_table(self):
        """Targets with deadline, plan and source."""
        lang = self.lang
        f = self.bundle.targets.frame
        out = pd.DataFrame(
            {
                _c("area", lang): f["area"],
                _c("segment", lang): f["segment"],
                _c("target", lang): f["target_pct"].map(lambda v: i18n.format_pct(v, lang, 2)),
                _c("deadline", lang): f["deadline"].map(lambda d: i18n.format_date(d, lang)),
                _c("plan", lang): f["plan"],
                _c("quality", lang): f["quality"].map(lambda q: _quality_text(q, lang)),
                _c("source", lang): f["source"],
            }
        )
        return table(out)

    def assumptions_table(self):
        """Model parameters that are not data, each with its reason."""
        lang = self.lang
        f = self.bundle.assumptions.frame
        out = pd.DataFrame(
            {
                _c("name", lang): f["parameter"],
                _c("regency", lang): f["regency"],
                _c("value", lang): f["value"].map(lambda v: i18n.format_number(v, lang, 4)),
                _c("unit", lang): f["unit"].map(lambda u: _unit_text(u, lang)),
                _c("quality", lang): f["quality"].map(lambda q: _quality_text(q, lang)),
                _c("note", lang): _notes(f, lang),
            }
        )
        return table(out)

    def record_key_numbers(self) -> None:
        """Record dataset counts and provenance for the index and tests."""
        prov = self.bundle.provenance()
        record("n_datasets", len(prov))
        record(
            "quality_counts",
            {
                "observed": int(prov["n_observed"].sum()),
                "derived": int(prov["n_derived"].sum()),
                "assumed": int(prov["n_assumed"].sum()),
            },
        )
        record("provenance", _provenance_records(self.bundle, self.lang))
        cov = self.bundle.coverage.frame
        record("n_coverage_rows", len(cov))
        record("n_not_used", int((~cov["use_in_model"].astype(bool)).sum()))


def data_audit(data_dir: str = "", lang: str = "id") -> DataAudit:
    """Build the data audit for ``data_dir`` ("" = embedded data)."""
    return DataAudit(bundle(data_dir), i18n.check_lang(lang))


def _join(v: object) -> str:
    if isinstance(v, list | tuple):
        return "; ".join(str(x) for x in v)
    return str(v)


def _notes(frame: pd.DataFrame, lang: str) -> pd.Series:
    """Row notes in the report language: ``note_id`` (Indonesian) or ``note`` (English).

    A row without a note in the report language shows the other language's note; rows of a
    planner's own file usually carry one note only.
    """
    main, other = ("note_id", "note") if lang == "id" else ("note", "note_id")
    a = frame[main] if main in frame else pd.Series("", index=frame.index)
    b = frame[other] if other in frame else pd.Series("", index=frame.index)
    a = a.fillna("").astype(str)
    return a.where(a.str.strip() != "", b.fillna("").astype(str))


def _dataset_title(name: str, title: str, lang: str) -> str:
    """A dataset's title in the report language (the meta file's title for unknown datasets)."""
    key = f"dataset.{name}"
    return i18n.t(key, lang) if key in i18n.LABELS else str(title)


def _provenance_records(b: DataBundle, lang: str = "id") -> list[dict]:
    prov = b.provenance()
    return [
        {
            "dataset": r["dataset"],
            "title": _dataset_title(r["dataset"], r["title"], lang),
            "sources": _join(r["sources"]),
            "n_observed": int(r["n_observed"]),
            "n_derived": int(r["n_derived"]),
            "n_assumed": int(r["n_assumed"]),
        }
        for _, r in prov.iterrows()
    ]


def running_programmes(b: DataBundle, inp: RegencyInputs) -> tuple[tuple, pd.DataFrame]:
    """Programmes already running: levers for every scenario, and how each one is counted.

    A programme the starting figure already contains (``in_start_figure`` true, or unknown
    and started before the figure's month) is part of the starting coverage and its trend;
    one that started after the latest figure (or is marked false) is added to every scenario
    as a baseline lever from its start month, so no scenario presents it as new. Finished
    programmes (end before the latest figure) are listed only.

    Returns
    -------
    (tuple of Lever, DataFrame)
        Baseline levers, and the programmes with a column ``counted`` in
        ``{"start_figure", "baseline", "finished"}``.
    """
    from ucj_analysis.scenarios import ApbdAmount, FixedCohort, QuotaPerVillage

    try:
        f = b.programmes_for(inp.regency).copy()
    except (AttributeError, KeyError):
        return (), pd.DataFrame()
    levers, counted = [], []
    for _, r in f.iterrows():
        start = pd.Period(r["start"], freq="M")
        end = None if pd.isna(r["end"]) else pd.Period(r["end"], freq="M")
        flag = str(r["in_start_figure"]).lower()
        if end is not None and end < inp.start_month:
            counted.append("finished")
            continue
        if flag == "true" or (flag != "false" and start <= inp.start_month):
            counted.append("start_figure")
            continue
        counted.append("baseline")
        common = {"start": start, "end": end, "payer": str(r["payer"])}
        kind = str(r["lever"])
        if kind == "quota_per_village":
            levers.append(
                QuotaPerVillage(
                    persons_per_desa=float(r["persons_per_desa"]),
                    include_kelurahan=bool(r["include_kelurahan"]),
                    **common,
                )
            )
        elif kind == "apbd_amount":
            levers.append(
                ApbdAmount(
                    level=str(r["payer"]),
                    amount_rp_per_year=float(r["amount_rp_per_year"]),
                    start=start,
                    end=end,
                )
            )
        else:
            levers.append(FixedCohort(persons=float(r["persons"]), **common))
    f["counted"] = counted
    return tuple(levers), f


def _with_baseline(scenarios: dict, levers: tuple) -> dict:
    """Every scenario with the running programmes' levers in front of its own."""
    if not levers:
        return scenarios
    return {k: replace(sc, levers=(*levers, *sc.levers)) for k, sc in scenarios.items()}


def _basis(b: DataBundle, regency: str) -> str:
    """Workforce basis of a regency's figures (``regencies.csv``), or "unknown"."""
    f = b.regencies.frame
    if "workforce_basis" not in f.columns:
        return "unknown"
    v = f.loc[f["regency"] == regency, "workforce_basis"]
    return "unknown" if v.empty or pd.isna(v.iloc[0]) or not str(v.iloc[0]) else str(v.iloc[0])


def _start_source(inp: RegencyInputs) -> str:
    t = inp.inputs_table
    row = t[t["name"] == "coverage0"]
    return "" if row.empty else str(row["source"].iloc[0])


def start_origin(b: DataBundle, inp: RegencyInputs, lang: str) -> str:
    """Where an assumed starting coverage comes from, in words.

    An assumed regency figure equal to a province's (or the nation's) published coverage is
    named as that figure ("angka provinsi Sulawesi Tengah, Nov 2025"); otherwise its sources.
    """
    cov = b.coverage.frame
    pct = round(inp.coverage0 * 100, 2)
    other = cov[(cov["level"] != "regency") & cov["coverage_pct"].notna()]
    hit = other[(other["coverage_pct"].astype(float) - pct).abs() < 0.005]
    if len(hit):
        r = hit.iloc[-1]
        return i18n.t(
            "origin.area",
            lang,
            area=str(r["regency"]),
            month=i18n.format_month(pd.Period(r["date"], freq="M"), lang, short=True),
        )
    return i18n.t("origin.assumed", lang, source=_start_source(inp))


def _method_key(method: str) -> str:
    return "method.own_trend" if method == "own trend" else "method.borrowed_growth"


def _start_quality(inp: RegencyInputs) -> str | None:
    t = inp.inputs_table
    row = t[t["name"] == "coverage0"]
    return None if row.empty else str(row["quality"].iloc[0])


# ------------------------------------------------------------------------------------------
# 02 regency forecast
# ------------------------------------------------------------------------------------------
@dataclass
class RegencyForecast:
    """A regency's projection under several scenarios, ready to show section by section."""

    regency: str
    lang: str
    target: float
    deadlines: tuple[str, ...]
    horizon_end: str
    n_draws: int
    seed: int
    data_dir: str
    inputs: RegencyInputs
    trend: TrendFit
    scenarios: dict
    result: SimulationResult
    damping: float | None = None
    when: ans.AsOf | None = None
    _budget: pd.DataFrame | None = field(default=None, repr=False)
    _answers: pd.DataFrame | None = field(default=None, repr=False)

    # -- headline -------------------------------------------------------------------------
    @property
    def main_deadline(self) -> str:
        """The deadline used for headline probabilities (the first one at or after 2030)."""
        return ans.main_deadline(self.deadlines)

    @property
    def budget_year(self) -> int:
        """The first full budget year a planner can still change."""
        bs = self.when.budget_start
        return bs.year if bs.month == 1 else bs.year + 1

    @property
    def title(self) -> str:
        """'Kabupaten Konawe' / 'Kota Kendari' (a city keeps its own word)."""
        return regency_title(self.regency, self.lang)

    def answers(self) -> pd.DataFrame:
        """The answer table (:func:`ucj_analysis.answers.answer_table`), computed once."""
        if self._answers is None:
            self._answers = ans.answer_table(
                self.result,
                self.inputs,
                self.scenarios,
                target=self.target,
                deadlines=self.deadlines,
                budget_year=self.budget_year,
            )
        return self._answers

    def observed_start(self) -> dict:
        """The latest figure as its source gives it (counts not recomputed from a percentage)."""
        cov = bundle(self.data_dir).coverage.frame
        inp = self.inputs
        f = cov[
            (cov["regency"] == self.regency)
            & (cov["segment"] == "total")
            & (cov["date"].map(lambda d: pd.Period(d, freq="M")) == inp.start_month)
        ]
        row = f.iloc[-1] if len(f) else None

        def pick(col, fallback):
            if row is None or col not in row or pd.isna(row[col]):
                return fallback
            return float(row[col])

        return {
            "coverage_pct": pick("coverage_pct", inp.coverage0 * 100),
            "workforce": pick("workforce", inp.workforce0),
            "active": pick("active", inp.workforce0 * inp.coverage0),
            "month": inp.start_month,
            "quality": _start_quality(inp) or "assumed",
        }

    def memo(self) -> list[str]:
        """Plain sentences for a memo (:func:`ucj_analysis.answers.memo_sentences`)."""
        obs = self.observed_start()
        a = self.answers()
        return ans.memo_sentences(
            a[a["scenario"].map(self.applies)],
            regency_title=self.title,
            labels=_labels(self.scenarios, self.lang),
            target=self.target,
            horizon_end=self.horizon_end,
            current_pct=obs["coverage_pct"],
            latest_month=obs["month"],
            when=self.when,
            now=ans.nowcast(
                self.result,
                self.regency,
                self.when.run_month,
                "trend_only" if "trend_only" in self.scenarios else None,
            ),
            start_quality=obs["quality"],
            start_origin=start_origin(bundle(self.data_dir), self.inputs, self.lang),
            counts={"active": obs["active"], "workforce": obs["workforce"]},
            lang=self.lang,
        )

    def answer(self):
        """The first screen: a short memo, a warning when the data are old, the answer table."""
        from IPython.display import display

        lang = self.lang
        obs = self.observed_start()
        age = ans.data_age_months(obs["month"], self.when.run_month)
        parts = [" ".join(self.memo())]
        if age > ans.STALE_MONTHS:
            parts.append(i18n.t("memo.stale", lang, age=age, limit=ans.STALE_MONTHS))
        display(_md("\n\n".join(parts)))
        display(self.answer_table())
        notes = [
            i18n.t(
                "answer.dates",
                lang,
                run=i18n.format_date(self.when.run_date, lang),
                start=i18n.format_month(self.when.budget_start, lang),
            ),
            *self.programmes_text(),
        ]
        return _md("\n\n".join(notes))

    def headline(self):
        """Alias of :meth:`answer` (the budget notebook opens with the same answer)."""
        return self.answer()

    def programmes_text(self) -> list[str]:
        """One sentence per running programme saying how the projection counts it."""
        _, f = running_programmes(bundle(self.data_dir), self.inputs)
        out = []
        for _, r in f.iterrows():
            if r["counted"] == "finished":
                continue
            out.append(
                i18n.t(
                    f"programme.{r['counted']}",
                    self.lang,
                    name=r["programme"],
                    start=_month_text(pd.Period(r["start"], freq="M"), self.lang),
                    quality=_quality_text(r["quality"], self.lang),
                )
            )
        return out

    def answer_table(self):
        """One row per scenario: month reached, P10–P90, probabilities, coverage, budget."""
        lang = self.lang
        a = self.answers()
        h = self.horizon_end
        rows = []
        for _, r in a.iterrows():
            when_col = i18n.t(
                "answer.col.when", lang, pct=i18n.format_pct(self.target * 100, lang, 1)
            )
            if not self.applies(r["scenario"]):
                rows.append(
                    {
                        _c("scenario", lang): self.scenarios[r["scenario"]].label_for(lang),
                        when_col: i18n.t("answer.not_applicable", lang),
                    }
                )
                continue
            row = {
                _c("scenario", lang): self.scenarios[r["scenario"]].label_for(lang),
                when_col: _when_text(r, h, lang),
                "P10–P90": _range_text(r, h, lang),
            }
            for d in self.deadlines:
                prob = r[f"prob_{d}"]
                row[_c("prob", lang, d=_month_text(d, lang, short=True))] = (
                    "—" if pd.isna(prob) else i18n.format_pct(prob * 100, lang, 0)
                )
            row[_c("coverage_at", lang, d=_month_text(self.main_deadline, lang, short=True))] = (
                i18n.format_pct(r["coverage_main_p50"], lang, 1)
            )
            row[i18n.t("answer.col.budget", lang, year=self.budget_year)] = _rp(
                r["appropriation_rp"], lang
            )
            if self.inputs.n_desa > 0:
                row[i18n.t("answer.col.per_desa", lang)] = _rp(r["appropriation_rp_per_desa"], lang)
                row[i18n.t("answer.col.pct_add", lang)] = _pct_or_dash(r["pct_add"], lang)
            rows.append(row)
        return table(pd.DataFrame(rows).fillna("—"))

    def applies(self, scenario: str) -> bool:
        """False for a scenario paid only by desa money in a city without desa."""
        if self.inputs.n_desa > 0:
            return True
        baseline, _ = running_programmes(bundle(self.data_dir), self.inputs)
        own = [lv for lv in self.scenarios[scenario].levers if lv not in baseline]
        village_only = own and all(
            lv.payer == "village" and not getattr(lv, "include_kelurahan", False) for lv in own
        )
        return not village_only

    def own_targets(self) -> pd.DataFrame:
        """Targets of this regency, its province and the nation (``targets.csv``)."""
        b = bundle(self.data_dir)
        f = b.targets.frame
        areas = {self.regency, self.inputs.province, "Indonesia"}
        return f[f["area"].isin(areas)].reset_index(drop=True)

    def _prob_target(self, scenario: str, target_pct: float, deadline) -> float:
        """Share of draws reaching ``target_pct`` by ``deadline`` (NaN if not simulated)."""
        key = (self.regency, scenario, float(target_pct) / 100)
        hits = self.result.first_hit.get(key)
        if hits is None:
            return float("nan")
        months = self.result.months[self.regency]
        d = pd.Period(deadline, freq="M")
        if d < self.when.run_month or d > months[-1]:
            return float("nan")
        k = d.ordinal - months[0].ordinal
        return float(np.mean((hits >= 0) & (hits <= k)))

    def targets_table(self):
        """The regency's own targets (RPJMD, Bupati) and its province's and the nation's.

        For a target on the whole workforce the probability of reaching it by its deadline is
        given under the current trend and under the fastest scenario; a target on another basis
        (e.g. vulnerable workers only) is shown with that basis and no probability.
        """
        lang = self.lang
        f = self.own_targets()
        rows = []
        fastest = self._fastest_scenario()
        for _, r in f.iterrows():
            same_basis = str(r["segment"]) == "total" and r["area"] == self.regency
            dl = pd.Period(r["deadline"], freq="M")
            row = {
                _c("area", lang): r["area"],
                _c("segment", lang): i18n.t(f"segment.{r['segment']}", lang),
                _c("target", lang): i18n.format_pct(r["target_pct"], lang, 2),
                _c("deadline", lang): _month_text(dl, lang),
                _c("plan", lang): r["plan"],
                _c("quality", lang): _quality_text(r["quality"], lang),
            }
            for sid in ("trend_only", fastest):
                if sid is None or sid not in self.scenarios:
                    continue
                col = i18n.t("targets.prob", lang, label=self.scenarios[sid].label_for(lang))
                p = self._prob_target(sid, r["target_pct"], dl) if same_basis else float("nan")
                if not np.isnan(p):
                    row[col] = i18n.format_pct(p * 100, lang, 0)
                elif r["area"] != self.regency:
                    row[col] = i18n.t("targets.na_area", lang)
                elif not same_basis:
                    row[col] = i18n.t("targets.na_basis", lang)
                elif dl < self.when.run_month:
                    row[col] = i18n.t("targets.na_past", lang)
                else:
                    row[col] = "—"
            rows.append(row)
        if not rows:
            return _md(i18n.t("targets.none", lang))
        return table(pd.DataFrame(rows))

    def _fastest_scenario(self) -> str | None:
        a = self.answers()
        r = a[(a["scenario"] != "trend_only") & (a["status"] == "reached")]
        if r.empty:
            return None
        return str(r.loc[r["median_month"].map(lambda p: p.ordinal).idxmin(), "scenario"])

    def budget_lines_table(self):
        """Budget lines of the first budget year: appropriation, spending, arrears, idle money."""
        lang = self.lang
        a = self.answers()
        rows = []
        for _, r in a.iterrows():
            row = {
                _c("scenario", lang): self.scenarios[r["scenario"]].label_for(lang),
                i18n.t("lines.appropriation", lang): _rp(r["appropriation_rp"], lang),
                i18n.t("lines.spending", lang): _rp(r["spending_rp"], lang),
                i18n.t("lines.arrears", lang): _rp(r["arrears_rp"], lang),
                i18n.t("lines.idle", lang): _rp(r["idle_rp"], lang),
                i18n.t("lines.persons", lang): _count(r["persons_funded"], lang),
                i18n.t("lines.signups", lang): _count(r["signups_per_month"], lang),
            }
            if self.inputs.n_desa > 0:
                row[i18n.t("lines.signups_unit", lang)] = (
                    "—"
                    if pd.isna(r["signups_per_unit_month"])
                    else i18n.format_number(r["signups_per_unit_month"], lang, 1)
                )
            rows.append(row)
        return table(
            pd.DataFrame(rows), caption=i18n.t("lines.caption", lang, year=self.budget_year)
        )

    def _ttt(self) -> pd.DataFrame:
        t = self.result.time_to_target
        return t[(t["regency"] == self.regency) & np.isclose(t["target"], self.target)]

    def _prob(self, scenario: str, deadline: str) -> float:
        p = self.result.prob_by_deadline
        m = (
            (p["regency"] == self.regency)
            & (p["scenario"] == scenario)
            & (p["deadline"] == pd.Period(deadline, freq="M"))
            & np.isclose(p["target"], self.target)
        )
        return float(p.loc[m, "probability"].iloc[0]) if m.any() else float("nan")

    # -- inputs ---------------------------------------------------------------------------
    def inputs_table(self):
        """Every input the projection uses: value, low–high range, unit, quality, source.

        Names and units are the planner's words in the report language; data notes (written in
        English in the data files) are left to the data audit report.
        """
        lang = self.lang
        t = pd.concat([self.inputs.inputs_table, self._trend_inputs()], ignore_index=True)
        year = t["name"].str.extract(r"^(?:DD|ADD)_(\d{4})$")[0].astype("float")
        t = t[~(year < self.budget_year) & ~(year > self.budget_year + 1)]
        # superseded by the ranges drawn per simulation (enrolment pace, realisation low-high)
        t = t[~t["name"].isin(["enrolment_months", "budget_realisation_sd_pct"])]
        lo = t["low"] if "low" in t else pd.Series(np.nan, index=t.index)
        hi = t["high"] if "high" in t else pd.Series(np.nan, index=t.index)
        out = pd.DataFrame(
            {
                _c("name", lang): t["name"].map(lambda n: _input_label(n, lang)),
                _c("value", lang): [
                    _value_text(v, lang, n) for v, n in zip(t["value"], t["name"], strict=True)
                ],
                i18n.t("col.range", lang): [
                    "—"
                    if pd.isna(a) or pd.isna(b)
                    else f"{_value_text(a, lang, n)} – {_value_text(b, lang, n)}"
                    for a, b, n in zip(lo, hi, t["name"], strict=True)
                ],
                _c("unit", lang): [
                    _unit_text(u, lang, n) for u, n in zip(t["unit"], t["name"], strict=True)
                ],
                _c("quality", lang): t["quality"].map(lambda q: _quality_text(q, lang)),
                _c("source", lang): t["source"].map(lambda v: _source_text(v, lang)),
            }
        )
        return table(out)

    def _trend_inputs(self) -> pd.DataFrame:
        """The organic-trend inputs (estimated slope and its damping) as input rows."""
        tf = self.trend
        rows = [
            {
                "name": "trend_slope_logit_per_year",
                "value": round(tf.slope_mean, 4),
                "unit": "logit per year",
                "source": "coverage.csv; national_participants.csv",
                "quality": "derived",
                "note": f"{tf.method}: {tf.model_name}",
            },
            {
                "name": "trend_slope_sd_logit_per_year",
                "value": round(tf.slope_sd, 4),
                "unit": "logit per year",
                "source": "coverage.csv; national_participants.csv",
                "quality": "derived",
                "note": tf.reason,
            },
        ]
        row = _assumption(bundle(self.data_dir), "trend_damping_per_year", self.regency)
        if row is not None:
            rows.append(
                {
                    "name": "trend_damping_per_year",
                    "value": float(row["value"]),
                    "unit": str(row["unit"]),
                    "source": str(row["source"]),
                    "quality": str(row["quality"]),
                    "note": str(row["note"]),
                }
            )
        return pd.DataFrame(rows)

    # -- charts ---------------------------------------------------------------------------
    def _observed(self) -> pd.DataFrame:
        cov = bundle(self.data_dir).coverage.frame
        f = cov[(cov["regency"] == self.regency) & (cov["segment"] == "total")]
        return f[["regency", "date", "coverage_pct", "quality"]].dropna(subset=["coverage_pct"])

    def fan_chart(self):
        """Median and P10–P90 coverage per scenario, with the target and deadlines."""
        fig = plots.fan_chart(
            self.result.paths,
            regency=self.regency,
            target=self.target,
            deadlines=self.deadlines,
            observed=self._observed(),
            lang=self.lang,
            scenario_labels=_labels(self.scenarios, self.lang),
            run_month=self.when.run_month,
            budget_start=self.when.budget_start,
        )
        return show(fig)

    def time_to_target_chart(self):
        """Median month to target with P10–P90 whiskers per scenario."""
        fig = plots.time_to_target_chart(
            self._ttt(),
            lang=self.lang,
            regency=self.regency,
            scenario_labels=_labels(self.scenarios, self.lang),
            horizon_end=self.horizon_end,
            deadlines=self.deadlines,
            target=self.target,
            coverage_at_deadline=self.answers().rename(
                columns={
                    "coverage_main_p10": "p10",
                    "coverage_main_p50": "p50",
                    "coverage_main_p90": "p90",
                }
            )[["scenario", "p10", "p50", "p90"]],
            main_deadline=self.main_deadline,
        )
        return show(fig)

    def cost_chart(self):
        """Yearly cost of each scenario [Rp]."""
        yc = self.result.yearly_cost
        fig = plots.cost_chart(
            yc[(yc["regency"] == self.regency) & (yc["year"] >= self.budget_year)],
            lang=self.lang,
            regency=self.regency,
            scenario_labels=_labels(self.scenarios, self.lang),
        )
        return show(fig)

    # -- tables ---------------------------------------------------------------------------
    def time_to_target_table(self):
        """Median month, P10–P90 and the probability by each deadline, per scenario."""
        lang = self.lang
        rows = []
        for _, r in self._ttt().iterrows():
            row = {
                _c("scenario", lang): self.scenarios[r["scenario"]].label_for(lang),
                _c("median", lang): _when_text(r, self.horizon_end, lang),
                _c("p10", lang): _bound_text(r["p10_month"], self.horizon_end, lang),
                _c("p90", lang): _bound_text(r["p90_month"], self.horizon_end, lang),
            }
            for d in self.deadlines:
                prob = self._prob(r["scenario"], d)
                row[_c("prob", lang, d=_month_text(d, lang, short=True))] = (
                    "—" if np.isnan(prob) else i18n.format_pct(prob * 100, lang, 0)
                )
            rows.append(row)
        return table(pd.DataFrame(rows))

    def cost_table(self, years: Sequence[int] | None = None):
        """Budget per year (appropriation) and expected spending, per scenario, in rupiah."""
        lang = self.lang
        yc = self.result.yearly_cost
        yc = yc[(yc["regency"] == self.regency) & (yc["months"] == 12)]
        if years is None:
            first = self.budget_year
            years = [y for y in (first, first + 1, 2030, 2035) if y in set(yc["year"])]
        yc = yc[yc["year"].isin(years)]
        spend = yc["spending_rp_p50"] if "spending_rp_p50" in yc else yc["cost_rp_p50"]
        appr = yc["appropriation_rp"] if "appropriation_rp" in yc else spend
        out = pd.DataFrame(
            {
                _c("scenario", lang): yc["scenario"].map(
                    lambda s: self.scenarios[s].label_for(lang)
                ),
                _c("year", lang): yc["year"].astype(int).astype(str),
                i18n.t("lines.appropriation", lang): appr.map(lambda v: _rp(v, lang)),
                i18n.t("lines.spending", lang): spend.map(lambda v: _rp(v, lang)),
                i18n.t("lines.persons", lang): yc["persons_funded_p50"].map(
                    lambda v: _count(v, lang)
                ),
            }
        )
        if self.inputs.n_desa > 0 and "appropriation_village_rp" in yc:
            out[i18n.t("answer.col.per_desa", lang)] = [
                _rp(v / self.inputs.n_desa, lang) if v > 0 else "—"
                for v in yc["appropriation_village_rp"]
            ]
        return table(out)

    def budget(self) -> pd.DataFrame:
        """Smallest yearly budget reaching the target by each deadline (p = 0.5 and 0.8).

        Solved twice: money paid by every village (spread evenly over villages, subject to
        budget realisation and arrears) and money paid by the regency (APBD, targeted at the
        uncovered workers).
        """
        if self._budget is None:
            frames = [
                solve_budget(
                    self.inputs,
                    {self.regency: self.trend},
                    target=self.target,
                    deadline=list(self.deadlines),
                    probability=(0.5, 0.8),
                    payer=payer,
                    n_draws=self.n_draws,
                    seed=self.seed,
                    trend_damping=self.damping,
                    run_month=self.when.run_month,
                    budget_start=self.when.budget_start,
                )
                for payer in ("village", "regency")
            ]
            self._budget = pd.concat(frames, ignore_index=True)
        return self._budget

    def budget_table(self):
        """The budget table in the report language (Rp total, per village, % of DD and ADD)."""
        lang = self.lang
        b = self.budget()
        out = pd.DataFrame(
            {
                _c("payer", lang): b["payer"].map(lambda p: _PAYER[p][lang]),
                _c("deadline", lang): b["deadline"].map(lambda d: _month_text(d, lang)),
                _c("probability", lang): b["probability"].map(
                    lambda p: i18n.format_pct(p * 100, lang, 0)
                ),
                _c("feasible", lang): b["feasible"].map(
                    lambda f: i18n.t("yes" if f else "no", lang)
                ),
                _c("budget", lang): b["budget_rp_per_year"].map(lambda v: _rp(v, lang)),
                _c("per_village", lang): [
                    _rp(v, lang) if p == "village" and self.inputs.n_desa > 0 else "—"
                    for v, p in zip(b["budget_rp_per_village"], b["payer"], strict=True)
                ],
                _c("pct_dd", lang): [
                    _pct_or_dash(v, lang) if p == "village" else "—"
                    for v, p in zip(b["pct_of_dd"], b["payer"], strict=True)
                ],
                _c("pct_add", lang): [
                    _pct_or_dash(v, lang) if p == "village" else "—"
                    for v, p in zip(b["pct_of_add"], b["payer"], strict=True)
                ],
                _c("reason", lang): [
                    _reason_text(code, ach, self.when, lang)
                    for code, ach in zip(b["reason_code"], b["achieved_probability"], strict=True)
                ],
            }
        )
        return table(out)

    def arrears_table(self, shares_pct: Sequence[float] = (0, 10, 20, 40)):
        """What arrears do: the same funded scenario with more villages in arrears."""
        lang = self.lang
        base = _funded_reference(self.scenarios)
        variants = {
            f"arrears_{int(s)}": replace(base, id=f"arrears_{int(s)}", arrears_share_pct=float(s))
            for s in shares_pct
        }
        res = simulate(
            [self.inputs],
            variants,
            {self.regency: self.trend.draws(self.n_draws, self.seed)},
            n_draws=self.n_draws,
            seed=self.seed,
            horizon_end=self.horizon_end,
            target=self.target,
            deadlines=self.deadlines,
            variables=("coverage",),
            trend_damping=self.damping,
            run_month=self.when.run_month,
            budget_start=self.when.budget_start,
        )
        rows = []
        p = res.paths
        for s, sid in zip(shares_pct, variants, strict=True):
            r = res.time_to_target[res.time_to_target["scenario"] == sid].iloc[0]
            cov = p[
                (p["scenario"] == sid)
                & (p["variable"] == "coverage")
                & (p["month"] == pd.Period(self.main_deadline, freq="M"))
            ]
            pb = res.prob_by_deadline
            prob = pb[
                (pb["scenario"] == sid)
                & (pb["deadline"] == pd.Period(self.main_deadline, freq="M"))
            ]
            rows.append(
                {
                    _c("arrears", lang): i18n.format_pct(s, lang, 0),
                    _c("coverage_at", lang, d=_month_text(self.main_deadline, lang, short=True)): (
                        i18n.format_pct(float(cov["p50"].iloc[0]) * 100, lang, 1)
                        if len(cov)
                        else "—"
                    ),
                    _c("median", lang): _when_text(r, self.horizon_end, lang),
                    _c("prob", lang, d=_month_text(self.main_deadline, lang, short=True)): (
                        i18n.format_pct(float(prob["probability"].iloc[0]) * 100, lang, 0)
                        if len(prob)
                        else "—"
                    ),
                }
            )
        caption = (
            f"{'Skenario acuan' if lang == 'id' else 'Reference scenario'}: {base.label_for(lang)}"
        )
        return table(pd.DataFrame(rows), caption=caption)

    def method_text(self):
        """Which method forecast the organic trend, in a sentence."""
        lang = self.lang
        tf = self.trend
        return _md(
            _x(
                "method",
                lang,
                method=i18n.t(_method_key(tf.method), lang),
                model=tf.model_name,
                slope=i18n.format_number(tf.slope_mean, lang, 3),
                sd=i18n.format_number(tf.slope_sd, lang, 3),
                pp=i18n.format_number(tf.annual_pp_growth(self.inputs.coverage0), lang, 2),
                n=tf.n_obs,
            )
        )

    def backtest_basis_text(self):
        """What the accuracy figures rest on (series, points, lead times, naive baseline)."""
        from ucj_analysis.models.backtest import describe_backtest_basis

        basis = getattr(self.trend, "backtest_basis", None)
        if not basis:
            return _md("—")
        basis = dict(basis)
        basis["series"] = [
            i18n.t("series.national_proxy", self.lang) if s == "Indonesia" else s
            for s in basis.get("series", [])
        ]
        return _md(describe_backtest_basis(basis, self.lang))

    def backtest_table(self):
        """Backtest error of the trend method against the naive and drift baselines."""
        return table(_backtest_display(self.trend.backtest, self.lang))

    def record_answers(self) -> None:
        """Record the dates and the answer table (read back by the index, summary and tests)."""
        lang = self.lang
        record("report_title", i18n.t("title.forecast", lang, regency=self.title))
        obs = self.observed_start()
        record("run_date", self.when.run_date.isoformat())
        record("budget_start", str(self.when.budget_start))
        record("latest_figure_month", str(obs["month"]))
        record("data_age_months", ans.data_age_months(obs["month"], self.when.run_month))
        record("start_quality", obs["quality"])
        record("workforce_basis", _basis(bundle(self.data_dir), self.regency))
        record("n_draws", self.n_draws)
        record("memo", self.memo())
        ttt = []
        for _, r in self.answers().iterrows():
            ttt.append(
                {
                    "scenario": r["scenario"],
                    "scenario_label": self.scenarios[r["scenario"]].label_for(lang),
                    "median_month": None if pd.isna(r["median_month"]) else str(r["median_month"]),
                    "p10_month": None if pd.isna(r["p10_month"]) else str(r["p10_month"]),
                    "p90_month": None if pd.isna(r["p90_month"]) else str(r["p90_month"]),
                    "status": r["status"],
                    "reached_share": float(r["reached_share"]),
                    "prob_main_deadline": _num(r[f"prob_{self.main_deadline}"]),
                    "coverage_main_deadline_pct": _num(r["coverage_main_p50"]),
                    "main_deadline": self.main_deadline,
                    "prob_by_deadline": {d: _num(r[f"prob_{d}"]) for d in self.deadlines},
                    "budget_year": int(r["budget_year"]),
                    "appropriation_rp_per_year": _num(r["appropriation_rp"]),
                    "appropriation_rp_per_desa": _num(r["appropriation_rp_per_desa"]),
                    "appropriation_pct_add": _num(r["pct_add"]),
                    "appropriation_pct_dd": _num(r["pct_dd"]),
                    "spending_rp_per_year": _num(r["spending_rp"]),
                    "idle_rp_per_year": _num(r["idle_rp"]),
                    "arrears_rp_per_year": _num(r["arrears_rp"]),
                    "signups_per_month": _num(r["signups_per_month"]),
                }
            )
        record("time_to_target", ttt)

    def record_key_numbers(self) -> None:
        """Record the numbers the index page, the Excel summary and the tests read back."""
        lang = self.lang
        inp = self.inputs
        record("regency", self.regency)
        record("scenarios", [sc.label_for(lang) for sc in self.scenarios.values()])
        record("current_coverage_pct", round(self.observed_start()["coverage_pct"], 2))
        record("current_coverage_quality", _start_quality(inp))
        record("start_month", str(inp.start_month))
        record("target_pct", round(self.target * 100, 2))
        record("horizon_end", self.horizon_end)
        record("trend_method", self.trend.method)
        record("trend_slope_logit_per_year", [self.trend.slope_mean, self.trend.slope_sd])
        self.record_answers()
        yc = self.result.yearly_cost
        yc = yc[(yc["regency"] == self.regency) & (yc["months"] == 12)]
        record(
            "yearly_cost",
            [
                {
                    "scenario": r.scenario,
                    "year": int(r.year),
                    "cost_rp": float(r.cost_rp_p50),
                    "cost_rp_per_village": float(r.cost_rp_per_village_p50),
                    "persons_funded": float(r.persons_funded_p50),
                }
                for r in yc.itertuples()
            ],
        )
        if self._budget is not None:
            record(
                "budget_to_target",
                [
                    {
                        "deadline": str(r.deadline),
                        "payer": r.payer,
                        "probability": float(r.probability),
                        "feasible": bool(r.feasible),
                        "budget_rp_per_year": _num(r.budget_rp_per_year),
                        "budget_rp_per_village": _num(r.budget_rp_per_village),
                        "pct_of_add": _num(r.pct_of_add),
                        "pct_of_dd": _num(r.pct_of_dd),
                    }
                    for r in self._budget.itertuples()
                ],
            )
        record("provenance", _provenance_records(bundle(self.data_dir), self.lang))


_INPUT_LABELS: dict[str, tuple[str, str]] = {
    "n_desa": ("Jumlah desa", "Villages (desa)"),
    "n_kelurahan": ("Jumlah kelurahan", "Urban wards (kelurahan)"),
    "workforce_growth_pct": ("Pertumbuhan angkatan kerja", "Workforce growth"),
    "coverage0": ("Cakupan awal", "Starting coverage"),
    "start_month": ("Bulan data awal", "Month of starting figure"),
    "workforce0": ("Angkatan kerja awal", "Starting workforce"),
    "lapse_organic_pct_per_year": (
        "Peserta mandiri yang berhenti aktif per tahun",
        "Self-paid participants lapsing per year",
    ),
    "lapse_funded_pct_per_year": (
        "Pekerja didanai yang keluar dari daftar per tahun",
        "Funded workers leaving the list per year",
    ),
    "enrolment_pace_per_village_month": (
        "Kecepatan pendaftaran per desa/kelurahan per bulan",
        "Enrolment pace per desa/kelurahan per month",
    ),
    "arrears_share_pct": ("Desa menunggak", "Villages in arrears"),
    "arrears_months": ("Lama tunggakan", "Arrears duration"),
    "enrolment_months": ("Waktu pendaftaran rata-rata", "Mean time to register"),
    "budget_realisation_mean_pct": (
        "Realisasi anggaran desa (rata-rata)",
        "Budget realisation (mean)",
    ),
    "budget_realisation_sd_pct": ("Realisasi anggaran desa (sd)", "Budget realisation (sd)"),
    "workforce_growth_sd_pct": ("Sebaran pertumbuhan angkatan kerja", "Workforce growth spread"),
    "village_pool_cv": ("Ketimpangan antar desa (CV)", "Spread across villages (CV)"),
    "desa_pool_share_pct": ("Bagian pekerja di desa", "Share of workers in desa"),
    "trend_slope_logit_per_year": ("Laju tren organik", "Organic trend slope"),
    "trend_slope_sd_logit_per_year": (
        "Ketidakpastian tren organik (sd)",
        "Organic trend uncertainty (sd)",
    ),
    "trend_damping_per_year": ("Peredaman tren per tahun", "Trend damping per year"),
}


def _input_label(name: str, lang: str) -> str:
    """Planner-facing name of an engine input, in the report language only."""
    if name in _INPUT_LABELS:
        return _INPUT_LABELS[name][0 if lang == "id" else 1]
    if name.startswith(("DD_", "ADD_")):
        fund, year = name.split("_", 1)
        return f"{'Dana Desa' if fund == 'DD' else 'Alokasi Dana Desa'} {year}"
    if name.startswith("contribution_rate"):
        rest = name[len("contribution_rate") :].replace(
            " from ", " mulai " if lang == "id" else " from "
        )
        return (
            "Iuran per pekerja didanai" if lang == "id" else "Contribution per funded worker"
        ) + rest
    return name


_UNITS: dict[str, tuple[str, str]] = {
    "desa": ("desa", "desa"),
    "kelurahan": ("kelurahan", "kelurahan"),
    "% per year": ("% per tahun", "% per year"),
    "proportion": ("%", "%"),
    "month": ("bulan", "month"),
    "months": ("bulan", "months"),
    "persons": ("orang", "persons"),
    "Rp per year": ("Rp per tahun", "Rp per year"),
    "Rp per person per month": ("Rp per orang per bulan", "Rp per person per month"),
    "%": ("%", "%"),
    "ratio": ("rasio", "ratio"),
    "logit per year": ("logit per tahun", "logit per year"),
    "factor per year (0-1)": ("faktor per tahun (0–1)", "factor per year (0–1)"),
    "persons per village per month": ("orang per desa per bulan", "persons per village per month"),
    "Rp per desa per year": ("Rp per desa per tahun", "Rp per desa per year"),
}


def _unit_text(unit: object, lang: str, name: str = "") -> str:
    u = str(unit)
    if u in _UNITS:
        return _UNITS[u][0 if lang == "id" else 1]
    if lang == "id":
        return (
            u.replace("per year", "per tahun")
            .replace("per month", "per bulan")
            .replace("persons", "orang")
            .replace("person", "orang")
            .replace("village", "desa")
            .replace("share of", "bagian dari")
        )
    return u


def _source_text(v: object, lang: str) -> str:
    s = str(v)
    if s == "engine default":
        return "asumsi bawaan model" if lang == "id" else "model default (assumed)"
    return s.replace(";", "; ")


def _num(v: object) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(f) else f


def _value_text(v: object, lang: str, name: str = "") -> str:
    """An input value in the report's number format (a proportion shown in percent)."""
    if name == "start_month":
        return i18n.format_month(v, lang)
    if isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool):
        f = float(v)
        if np.isnan(f):
            return "—"
        if name == "coverage0":
            return i18n.format_pct(f * 100, lang, 2)
        if abs(f) >= 1e6:
            return i18n.format_number(round(f), lang)
        if f == int(f):
            return i18n.format_number(int(f), lang)
        return i18n.format_number(f, lang, 2 if abs(f) >= 1 else 3, trim=True)
    return str(v)


def _funded_reference(scenarios: dict):
    """The scenario used for arrears / sensitivity studies: prefer 10 % of ADD."""
    for key in ("add_10", "add_5", "quota_100_per_desa"):
        if key in scenarios:
            return scenarios[key]
    funded = [s for s in scenarios.values() if s.levers]
    if funded:
        return funded[0]
    return read_scenarios(["add_10"])["add_10"]


def _backtest_display(bt: pd.DataFrame, lang: str) -> pd.DataFrame:
    if bt is None or bt.empty:
        return pd.DataFrame({_c("model", lang): ["—"]})
    cols = {
        "model": _c("model", lang),
        "n_forecasts": _c("n_forecasts", lang),
        "mae_pp": _c("mae", lang),
        "mae_naive_pp": _c("mae_naive", lang),
        "mae_drift_pp": _c("mae_drift", lang),
        "interval_coverage": _c("interval", lang),
    }
    bt = bt.reset_index() if "model" not in bt.columns else bt
    out = pd.DataFrame()
    for k, label in cols.items():
        if k not in bt:
            continue
        v = bt[k]
        if k == "interval_coverage":
            out[label] = v.map(lambda x: i18n.format_pct(x * 100, lang, 0))
        elif k.endswith("_pp"):
            out[label] = v.map(lambda x: i18n.format_number(x, lang, 2))
        else:
            out[label] = (
                v.map(lambda m: i18n.t(f"model.{m}", lang) if f"model.{m}" in i18n.LABELS else m)
                if k == "model"
                else v
            )
    return out


def regency_forecast(
    regency: str,
    *,
    target_pct: float = 99.5,
    deadlines: Sequence[str] | None = None,
    scenarios: Sequence[str] | str | None = None,
    horizon_end: str = "2045-12",
    n_draws: int = 1000,
    seed: int = 20251,
    data_dir: str = "",
    lang: str = "id",
    as_of: str = "",
    budget_start: str = "",
) -> RegencyForecast:
    """Project one regency under the chosen scenarios.

    Parameters
    ----------
    regency : str
        Regency name (tolerant match: ``"Kab. Konawe"`` works).
    target_pct : float
        Coverage target. [%]
    deadlines : sequence of str
        Deadlines for probabilities and budgets. [YYYY-MM]
    scenarios : list of str or str, optional
        Preset names and/or paths to scenario YAML files; empty = all presets.
    horizon_end : str
        Last projected month. [YYYY-MM]
    n_draws, seed : int
        Monte Carlo draws and seed (same seed, same numbers).
    data_dir : str
        Directory with the planner's own data files ("" = embedded data).
    lang : {"id", "en"}
        Report language.
    as_of : str
        Run date ``YYYY-MM-DD`` ("" = today): months after the latest figure up to it are a
        nowcast, and no target month before it is reported.
    budget_start : str
        First month scenarios act ``YYYY-MM`` ("" = January after ``as_of``).
    """
    lang = i18n.check_lang(lang)
    if not 0 < target_pct <= 100:
        raise ValueError(f"target_pct must be in (0, 100], got {target_pct}")
    when = ans.as_of(as_of, budget_start)
    b = bundle(data_dir)
    name = b.regency(regency)
    inp = _inputs(data_dir, name)
    baseline, _ = running_programmes(b, inp)
    sc = _with_baseline(_scenarios(scenarios), baseline)
    tf = _trend(data_dir, name)
    if not deadlines:
        deadlines = ans.default_deadlines(when)
    tf_targets = b.targets.frame
    own = tf_targets[(tf_targets["area"] == name) & (tf_targets["segment"] == "total")]
    targets = [target_pct / 100] + sorted(
        {float(v) / 100 for v in own["target_pct"] if abs(float(v) - target_pct) > 1e-9}
    )
    deadlines = tuple(str(pd.Period(d, freq="M")) for d in deadlines)
    res = simulate(
        [inp],
        sc,
        {name: tf.draws(n_draws, seed)},
        n_draws=n_draws,
        seed=seed,
        horizon_end=horizon_end,
        target=targets,
        deadlines=deadlines,
        trend_damping=trend_damping(data_dir, name),
        run_month=when.run_month,
        budget_start=when.budget_start,
    )
    return RegencyForecast(
        regency=name,
        lang=lang,
        target=target_pct / 100,
        deadlines=deadlines,
        horizon_end=str(pd.Period(horizon_end, freq="M")),
        n_draws=n_draws,
        seed=seed,
        data_dir=data_dir,
        inputs=inp,
        trend=tf,
        scenarios=sc,
        result=res,
        damping=trend_damping(data_dir, name),
        when=when,
    )


# ------------------------------------------------------------------------------------------
# 03 budget scenarios
# ------------------------------------------------------------------------------------------
@dataclass
class BudgetStudy:
    """Budget -> time-to-target curve, lever comparison and sensitivity for one regency."""

    forecast: RegencyForecast
    curve: pd.DataFrame
    levers: pd.DataFrame
    sensitivity: pd.DataFrame
    deadline: str
    reference_budget_rp: float = float("nan")

    @property
    def lang(self) -> str:
        return self.forecast.lang

    def budget_curve_chart(self):
        """Yearly budget [Rp] against the month the target is reached."""
        fig = plots.budget_curve(
            self.curve,
            lang=self.lang,
            deadline=self.deadline,
            regency=self.forecast.regency,
            horizon_end=self.forecast.horizon_end,
            n_desa=self.forecast.inputs.n_desa,
        )
        return show(fig)

    def budget_curve_table(self):
        """The curve as a table (budget, per village, median month, P10–P90, coverage gain)."""
        lang = self.lang
        c = self.curve
        h = self.forecast.horizon_end
        out = pd.DataFrame(
            {
                _c("budget", lang): c["budget_rp_per_year"].map(lambda v: i18n.format_rp(v, lang)),
                _c("per_village", lang): c["budget_rp_per_village"].map(
                    lambda v: i18n.format_rp(v, lang)
                ),
                _c("median", lang): c["median_month"].map(lambda p: _bound_text(p, h, lang)),
                _c("p10", lang): c["p10_month"].map(lambda p: _bound_text(p, h, lang)),
                _c("p90", lang): c["p90_month"].map(lambda p: _bound_text(p, h, lang)),
                _c("coverage_at", lang, d=_month_text(self.deadline, lang, short=True)): c[
                    "coverage_at_deadline"
                ].map(lambda v: i18n.format_pct(v * 100, lang, 1)),
                _c("cost_per_pp", lang): c["cost_per_pp_rp"].map(
                    lambda v: "—" if pd.isna(v) else i18n.format_rp(v, lang)
                ),
            }
        )
        return table(out)

    def levers_table(self):
        """Each preset lever: yearly cost, coverage gain by the deadline and cost per point."""
        lang = self.lang
        lv = self.levers
        h = self.forecast.horizon_end
        out = pd.DataFrame(
            {
                _c("scenario", lang): lv["label"],
                _c("cost", lang): lv["cost_rp_per_year"].map(lambda v: i18n.format_rp(v, lang)),
                _c("gain_pp", lang, d=_month_text(self.deadline, lang, short=True)): lv[
                    "gain_pp"
                ].map(lambda v: i18n.format_number(v, lang, 1)),
                _c("cost_per_pp", lang): lv["cost_per_pp_rp"].map(
                    lambda v: "—" if pd.isna(v) else i18n.format_rp(v, lang)
                ),
                _c("median", lang): lv["median_month"].map(lambda p: _bound_text(p, h, lang)),
            }
        )
        return table(out)

    def tornado_chart(self):
        """How far each assumption moves the median time to target."""
        if self.sensitivity["base_months"].isna().all():
            return _md(
                "Tidak ada anggaran pada kurva yang mencapai target; sensitivitas tidak dihitung."
                if self.lang == "id"
                else "No budget on the curve reaches the target; no sensitivity computed."
            )
        fig = plots.tornado(self.sensitivity, lang=self.lang, regency=self.forecast.regency)
        return show(fig)

    def tornado_note(self):
        """Which reference the sensitivity runs around."""
        amount = i18n.format_rp(self.reference_budget_rp, self.lang)
        if self.lang == "id":
            text = (
                f"Acuan: anggaran {amount} per tahun (anggaran terkecil pada kurva yang mediannya "
                f"mencapai target sebelum {_month_text(self.deadline, 'id')}). Setiap batang "
                "mengubah satu asumsi ke nilai rendah atau tingginya."
            )
        else:
            text = (
                f"Reference: a budget of {amount} per year (the smallest budget on the curve whose "
                f"median reaches the target by {_month_text(self.deadline, 'en')}). Each bar moves "
                "one assumption to its low or high value."
            )
        return _md(text)

    def record_key_numbers(self) -> None:
        """Record the curve and sensitivity for the index and tests."""
        record("regency", self.forecast.regency)
        self.forecast.record_answers()
        record("report_title", i18n.t("title.budget", self.lang, regency=self.forecast.title))
        record("scenarios", [sc.label_for(self.lang) for sc in self.forecast.scenarios.values()])
        record(
            "budget_curve",
            [
                {
                    "budget_rp_per_year": float(r.budget_rp_per_year),
                    "median_month": None if pd.isna(r.median_month) else str(r.median_month),
                    "coverage_at_deadline": float(r.coverage_at_deadline),
                }
                for r in self.curve.itertuples()
            ],
        )
        record(
            "sensitivity",
            [
                {
                    "parameter": r.parameter,
                    "months_low": _num(r.months_low),
                    "months_high": _num(r.months_high),
                    "base_months": _num(r.base_months),
                }
                for r in self.sensitivity.itertuples()
            ],
        )
        record("provenance", _provenance_records(bundle(self.forecast.data_dir), self.lang))


def _months_between(start: pd.Period, p: object) -> float:
    if p is None or pd.isna(p):
        return float("nan")
    return float(p.ordinal - start.ordinal)


def _median_months(res: SimulationResult, regency: str, scenario: str, start, horizon) -> float:
    """Median months from ``start`` to target (NaN when the median draw does not reach it)."""
    hits = res.first_hit[(regency, scenario, res.targets[0])].astype(float)
    cap = float(horizon.ordinal - start.ordinal + 1)
    hits = np.where(hits < 0, cap, hits)
    med = float(np.median(hits))
    return float("nan") if med >= cap else med


def budget_study(
    regency: str,
    *,
    target_pct: float = 99.5,
    deadline: str = "2030-12",
    budgets_rp: Sequence[float] | None = None,
    payer: str = "regency",
    scenarios: Sequence[str] | str | None = None,
    horizon_end: str = "2045-12",
    n_draws: int = 1000,
    seed: int = 20251,
    data_dir: str = "",
    lang: str = "id",
    as_of: str = "",
    budget_start: str = "",
) -> BudgetStudy:
    """Compare levers for one regency: budget curve, cost per point, sensitivity.

    Parameters
    ----------
    budgets_rp : sequence of float, optional
        Yearly budgets to trace [Rp per year]; default: 0 to twice the cost of funding today's
        whole gap, in 9 steps.
    payer : {"regency", "village", "province", "central"}
        Who pays the traced budget. ``"regency"`` (APBD) money is targeted at uncovered workers;
        ``"village"`` money is spread evenly over villages and subject to budget realisation and
        arrears, so it may never reach the last workers.
    Other parameters as in :func:`regency_forecast`; ``deadline`` is the month used for
    coverage gains and costs per point. [YYYY-MM]
    """
    when = ans.as_of(as_of, budget_start)
    deadlines = tuple(sorted({*ans.default_deadlines(when), str(pd.Period(deadline, freq="M"))}))
    fc = regency_forecast(
        regency,
        target_pct=target_pct,
        deadlines=deadlines,
        scenarios=scenarios,
        horizon_end=horizon_end,
        n_draws=n_draws,
        seed=seed,
        data_dir=data_dir,
        lang=lang,
        as_of=as_of,
        budget_start=budget_start,
    )
    inp, name = fc.inputs, fc.regency
    start = inp.start_month
    horizon = pd.Period(horizon_end, freq="M")
    dl = pd.Period(deadline, freq="M")
    slopes = {name: fc.trend.draws(n_draws, seed)}
    rate = float(inp.rate_at(pd.period_range(dl, dl, freq="M"))[0])
    gap_cost = inp.workforce0 * (1 - inp.coverage0) * rate * 12
    if budgets_rp is None:
        budgets_rp = np.linspace(0, 2 * gap_cost, 9)
    base = fc.scenarios.get("trend_only") or next(iter(fc.scenarios.values()))
    start_lever = max(fc.when.budget_start, start + 1)
    variants = {}
    for i, amount in enumerate(budgets_rp):
        lever = BudgetAmount(start=start_lever, payer=payer, amount_rp_per_year=float(amount))
        variants[f"b{i}"] = replace(
            base, id=f"b{i}", levers=(*base.levers, lever) if amount > 0 else base.levers
        )
    res = simulate(
        [inp],
        variants,
        slopes,
        n_draws=n_draws,
        seed=seed,
        horizon_end=horizon_end,
        target=fc.target,
        deadlines=(deadline,),
        variables=("coverage",),
        trend_damping=fc.damping,
        run_month=fc.when.run_month,
        budget_start=fc.when.budget_start,
    )
    cov_dl = res.paths[(res.paths["month"] == dl) & (res.paths["variable"] == "coverage")]
    base_cov = float(cov_dl.loc[cov_dl["scenario"] == "b0", "p50"].iloc[0])
    rows = []
    for i, amount in enumerate(budgets_rp):
        sid = f"b{i}"
        r = res.time_to_target[res.time_to_target["scenario"] == sid].iloc[0]
        c = float(cov_dl.loc[cov_dl["scenario"] == sid, "p50"].iloc[0])
        gain = (c - base_cov) * 100
        rows.append(
            {
                "budget_rp_per_year": float(amount),
                "budget_rp_per_village": float(amount) / max(inp.n_desa, 1),
                "median_month": r["median_month"],
                "p10_month": r["p10_month"],
                "p90_month": r["p90_month"],
                "coverage_at_deadline": c,
                "cost_per_pp_rp": float(amount) / gain if gain > 0.05 and amount > 0 else np.nan,
            }
        )
    curve = pd.DataFrame(rows)

    # lever comparison from the forecast already run
    ref = fc.result
    cov_ref = ref.paths[(ref.paths["month"] == dl) & (ref.paths["variable"] == "coverage")]
    trend_cov = cov_ref.loc[cov_ref["scenario"] == base.id, "p50"]
    trend_cov = float(trend_cov.iloc[0]) if len(trend_cov) else base_cov
    yc = ref.yearly_cost[(ref.yearly_cost["months"] == 12) & (ref.yearly_cost["year"] == dl.year)]
    lv_rows = []
    for sid, sc in fc.scenarios.items():
        c = cov_ref.loc[cov_ref["scenario"] == sid, "p50"]
        cost = yc.loc[yc["scenario"] == sid, "cost_rp_p50"]
        cost = float(cost.iloc[0]) if len(cost) else 0.0
        gain = (float(c.iloc[0]) - trend_cov) * 100 if len(c) else float("nan")
        t = ref.time_to_target[ref.time_to_target["scenario"] == sid].iloc[0]
        lv_rows.append(
            {
                "scenario": sid,
                "label": sc.label_for(fc.lang),
                "cost_rp_per_year": cost,
                "gain_pp": gain,
                "cost_per_pp_rp": cost / gain if gain > 0.05 and cost > 0 else np.nan,
                "median_month": t["median_month"],
            }
        )
    levers = pd.DataFrame(lv_rows)

    # reference for the sensitivity: the smallest traced budget whose median reaches the target
    # by the deadline (else the largest traced budget)
    reach = curve[curve["median_month"].map(lambda p: not pd.isna(p) and p <= dl)]
    ref_i = int(reach.index[0]) if len(reach) else len(curve) - 1
    reference = variants[f"b{ref_i}"]
    sensitivity = _sensitivity(fc, reference, slopes, start, horizon, n_draws, seed)
    return BudgetStudy(
        fc, curve, levers, sensitivity, str(dl), float(curve["budget_rp_per_year"].iloc[ref_i])
    )


def _fixed_at(inp: RegencyInputs, ref, slopes, pname: str):
    """Builder (value -> inputs, scenario, slopes) fixing one drawn assumption at ``value``."""

    def build(v: float):
        if pname == "village_pool_cv":
            ranges = {k: r for k, r in inp.ranges.items() if k != pname}
            return replace(inp, village_pool_cv=v, ranges=ranges), ref, slopes
        if pname == "arrears_months":
            return inp, replace(ref, arrears_months=round(v)), slopes
        return inp, replace(ref, **{pname: v}), slopes

    return build


def _sensitivity(fc: RegencyForecast, ref, slopes, start, horizon, n_draws, seed) -> pd.DataFrame:
    """One-at-a-time low/high runs of the main assumptions around a reference scenario.

    ``ref`` should reach the target within the horizon (the budget study passes the smallest
    traced budget whose median reaches the target by the deadline); otherwise every run ends at
    the horizon and the chart shows nothing.
    """
    lang = fc.lang
    inp = fc.inputs
    name = fc.regency
    village_paid = any(getattr(lv, "payer", "village") == "village" for lv in ref.levers)

    def rates(factor: float):
        spans = tuple((a, b, r * factor) for a, b, r in inp.contribution_rates)
        return replace(inp, contribution_rates=spans)

    base_rate = float(inp.rate_at(pd.period_range(start, start, freq="M"))[0])
    # parameter, label id, label en, low value, high value,
    # builder(value) -> (inputs, scenario, slopes)
    cases = [
        (
            "trend_slope",
            "Laju tren organik (logit/tahun)",
            "Organic trend (logit/year)",
            fc.trend.slope_mean - fc.trend.slope_sd,
            fc.trend.slope_mean + fc.trend.slope_sd,
            lambda v: (inp, ref, {name: slopes[name] - fc.trend.slope_mean + v}),
        ),
        (
            "workforce_growth",
            "Pertumbuhan angkatan kerja (%/tahun)",
            "Workforce growth (%/year)",
            max(inp.workforce_growth * 100 - 2 * inp.workforce_growth_sd * 100, 0),
            inp.workforce_growth * 100 + 2 * inp.workforce_growth_sd * 100,
            lambda v: (replace(inp, workforce_growth=v / 100), ref, slopes),
        ),
        (
            "contribution",
            "Iuran per pekerja (Rp/bulan)",
            "Contribution per worker (Rp/month)",
            base_rate * 0.5,
            base_rate,
            lambda v: (rates(v / base_rate), ref, slopes),
        ),
    ]
    # every drawn assumption from its stated range (assumptions.csv low / high), fixed at the
    # low and at the high end in turn
    drawn = [
        ("lapse_funded", "lapse_funded_pct_per_year", "Pekerja didanai keluar dari daftar "
         "(%/tahun)", "Funded workers leaving the list (%/year)", False),
        ("enrolment", "enrolment_pace_per_village_month", "Kecepatan pendaftaran per desa per "
         "bulan", "Enrolment pace per village per month", False),
        ("arrears", "arrears_share_pct", "Desa menunggak (%)", "Villages in arrears (%)", True),
        ("arrears_months", "arrears_months", "Lama tunggakan (bulan)", "Arrears duration (months)",
         True),
        ("realisation", "budget_realisation_mean_pct", "Realisasi anggaran desa (%)",
         "Village budget realisation (%)", True),
        ("village_spread", "village_pool_cv", "Ketimpangan antar desa (CV)",
         "Spread across villages (CV)", True),
    ]  # fmt: skip
    for key, pname, lid, len_, village_only in drawn:
        if village_only and not village_paid:
            continue
        lo, _, hi = inp.range_of(pname)
        if not lo < hi:
            continue
        cases.append((key, lid, len_, lo, hi, _fixed_at(inp, ref, slopes, pname)))

    def months_for(i2, s2, sl2) -> float:
        r = simulate(
            [i2],
            {ref.id: replace(s2, id=ref.id)},
            sl2,
            n_draws=n_draws,
            seed=seed,
            horizon_end=str(horizon),
            target=fc.target,
            variables=(),
            trend_damping=fc.damping,
            run_month=fc.when.run_month,
            budget_start=fc.when.budget_start,
        )
        return _median_months(r, name, ref.id, start, horizon)

    base_m = months_for(inp, ref, slopes)
    rows = []
    for key, lid, len_, lo, hi, build in cases:
        m_lo, m_hi = (months_for(*build(v)) for v in (lo, hi))
        rows.append(
            {
                "parameter": key,
                "label": lid if lang == "id" else len_,
                "low_value": lo,
                "high_value": hi,
                "months_low": m_lo,
                "months_high": m_hi,
                "base_months": base_m,
            }
        )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------------------
# 04 portfolio
# ------------------------------------------------------------------------------------------
@dataclass
class Portfolio:
    """All regencies side by side under a few scenarios."""

    frame: pd.DataFrame  # one row per regency x scenario (the chart's input)
    ranking: pd.DataFrame  # one row per regency, ranked
    lang: str
    target_pct: float
    scenarios: tuple[str, ...]
    rank_by: str
    deadline: str
    horizon_end: str
    data_dir: str = ""

    def ranking_table(self):
        """Regencies ranked by time to target (then probability and coverage by the deadline)."""
        lang = self.lang
        f = self.ranking
        d = _month_text(self.deadline, lang, short=True)
        labels = dict(zip(self.frame["scenario"], self.frame["scenario_label"], strict=False))
        out = pd.DataFrame(
            {
                _c("rank", lang): range(1, len(f) + 1),
                _c("regency", lang): f["regency"],
                _c("coverage", lang): f["current_coverage_pct"].map(
                    lambda v: i18n.format_pct(v, lang, 1)
                ),
                _c("quality", lang): [
                    _quality_text(q, lang) + (f" ({src})" if q == "assumed" else "")
                    for q, src in zip(f["quality"], f["start_source"], strict=True)
                ],
                i18n.t("col.basis", lang): f["basis"].map(lambda v: i18n.t(f"basis.{v}", lang)),
                _c("gap", lang): f["gap_persons"].map(lambda v: i18n.format_number(round(v), lang)),
            }
        )
        for sid in self.scenarios:
            out[f"{_c('median', lang)}: {labels[sid]}"] = f[f"median_{sid}"].map(
                lambda p: _bound_text(p, self.horizon_end, lang)
            )
        out[_c("coverage_at", lang, d=d) + f" ({labels[self.rank_by]})"] = f[
            "coverage_deadline"
        ].map(lambda v: i18n.format_pct(v * 100, lang, 1))
        out[_c("prob", lang, d=d) + f" ({labels[self.rank_by]})"] = f["prob_deadline"].map(
            lambda p: i18n.format_pct(p * 100, lang, 0)
        )
        year = int(f["budget_year"].iloc[0]) if len(f) else ""
        out[i18n.t("answer.col.budget", lang, year=year) + f" ({labels[self.rank_by]})"] = f[
            "appropriation_rank_by"
        ].map(lambda v: _rp(v, lang))
        out[_c("budget", lang) + " (APBD)"] = [
            _rp(v, lang) if ok else _TEXT["no_budget"][lang]
            for v, ok in zip(f["budget_rp_per_year"], f["budget_feasible"], strict=True)
        ]
        note = (
            "Anggaran: APBD kabupaten terkecil per tahun yang mencapai "
            f"{i18n.format_pct(self.target_pct, lang)} "
            f"sebelum {_month_text(self.deadline, lang)} dengan peluang 50 %."
            if lang == "id"
            else f"Budget: smallest yearly regency (APBD) budget reaching "
            f"{i18n.format_pct(self.target_pct, lang)} by {_month_text(self.deadline, lang)} "
            "with probability 50 %."
        )
        if f["basis"].nunique() > 1:
            note += " " + i18n.t("basis.mixed", lang)
        return table(out, caption=note)

    def chart(self):
        """The slide chart (16:9): coverage vs target and time to target per regency."""
        fig = plots.portfolio_chart(
            self.frame,
            lang=self.lang,
            target_pct=self.target_pct,
            horizon_end=self.horizon_end,
            deadline=self.deadline,
            rank_by=self.rank_by,
        )
        return show(fig)

    def record_key_numbers(self) -> None:
        """Record the ranking for the index and tests."""
        labels = dict(zip(self.frame["scenario"], self.frame["scenario_label"], strict=False))
        record("scenarios", [labels[sid] for sid in self.scenarios])
        record(
            "portfolio",
            [
                {
                    "regency": r["regency"],
                    "current_coverage_pct": float(r["current_coverage_pct"]),
                    "median_month": {
                        sid: None if pd.isna(r[f"median_{sid}"]) else str(r[f"median_{sid}"])
                        for sid in self.scenarios
                    },
                    "rank_by": self.rank_by,
                    "coverage_deadline": float(r["coverage_deadline"]),
                    "prob_deadline": float(r["prob_deadline"]),
                    "budget_rp_per_year": _num(r["budget_rp_per_year"]),
                    "budget_feasible": bool(r["budget_feasible"]),
                    "appropriation_rank_by": _num(r["appropriation_rank_by"]),
                    "budget_year": int(r["budget_year"]),
                    "workforce_basis": r["basis"],
                    "start_quality": r["quality"],
                }
                for _, r in self.ranking.iterrows()
            ],
        )
        record("provenance", _provenance_records(bundle(self.data_dir), self.lang))


def portfolio(
    *,
    scenarios: Sequence[str] = ("trend_only", "add_10", "fund_gap"),
    rank_by: str = "fund_gap",
    target_pct: float = 99.5,
    deadline: str = "2030-12",
    horizon_end: str = "2045-12",
    n_draws: int = 1000,
    seed: int = 20251,
    data_dir: str = "",
    lang: str = "id",
    as_of: str = "",
    budget_start: str = "",
) -> Portfolio:
    """Every regency in the data under a few scenarios, ranked.

    Regencies are ranked by the median month they reach the target under ``rank_by``, then by
    the probability of reaching it by ``deadline`` and the median coverage at ``deadline``. The
    budget column is the smallest yearly regency (APBD, targeted) budget that reaches the target
    by ``deadline`` with probability 0.5 (:func:`ucj_analysis.engine.solve_budget`).
    """
    lang = i18n.check_lang(lang)
    scenarios = tuple(scenarios)
    if rank_by not in scenarios:
        scenarios = (*scenarios, rank_by)
    b = bundle(data_dir)
    dl = pd.Period(deadline, freq="M")
    when = ans.as_of(as_of, budget_start)
    rows, ranking = [], []
    for reg in b.regencies.frame["regency"]:
        fc = regency_forecast(
            reg,
            target_pct=target_pct,
            deadlines=tuple(sorted({*ans.default_deadlines(when), str(dl)})),
            scenarios=list(scenarios),
            horizon_end=horizon_end,
            n_draws=n_draws,
            seed=seed,
            data_dir=data_dir,
            lang=lang,
            as_of=as_of,
            budget_start=budget_start,
        )
        inp = fc.inputs
        ttt = fc._ttt().set_index("scenario")
        obs = fc.observed_start()
        a = fc.answers().set_index("scenario")
        base = {
            "regency": reg,
            "current_coverage_pct": obs["coverage_pct"],
            "current_date": inp.start_month,
            "quality": _start_quality(inp),
            "basis": _basis(b, reg),
            "start_source": start_origin(b, inp, lang),
        }
        for sid in scenarios:
            t = ttt.loc[sid]
            rows.append(
                base
                | {
                    "scenario": sid,
                    "scenario_label": fc.scenarios[sid].label_for(lang),
                    "median_month": t["median_month"],
                    "p10_month": t["p10_month"],
                    "p90_month": t["p90_month"],
                    "status": t["status"],
                    "coverage_deadline_pct": float(a.loc[sid, "coverage_main_p50"])
                    if str(dl) == fc.main_deadline
                    else np.nan,
                }
            )
        sol = solve_budget(
            inp,
            {reg: fc.trend},
            target=fc.target,
            deadline=str(dl),
            probability=0.5,
            payer="regency",
            n_draws=n_draws,
            seed=seed,
            trend_damping=fc.damping,
            run_month=fc.when.run_month,
            budget_start=fc.when.budget_start,
        ).iloc[0]
        paths = fc.result.paths
        cov = paths[
            (paths["scenario"] == rank_by)
            & (paths["variable"] == "coverage")
            & (paths["month"] == dl)
        ]
        ranking.append(
            base
            | {f"median_{sid}": ttt.loc[sid, "median_month"] for sid in scenarios}
            | {
                "gap_persons": inp.workforce0 * max(fc.target - inp.coverage0, 0.0),
                "coverage_deadline": float(cov["p50"].iloc[0]) if len(cov) else float("nan"),
                "prob_deadline": fc._prob(rank_by, str(dl)),
                "appropriation_rank_by": float(a.loc[rank_by, "appropriation_rp"]),
                "budget_year": fc.budget_year,
                "budget_rp_per_year": sol["budget_rp_per_year"],
                "budget_rp_per_village": sol["budget_rp_per_village"],
                "budget_feasible": bool(sol["feasible"]),
            }
        )
    frame = pd.DataFrame(rows)
    rank = pd.DataFrame(ranking)
    rank["_o"] = rank[f"median_{rank_by}"].map(lambda p: p.ordinal if not pd.isna(p) else 10**9)
    rank = rank.sort_values(
        ["_o", "prob_deadline", "coverage_deadline"], ascending=[True, False, False]
    ).drop(columns="_o")
    return Portfolio(
        frame=frame,
        ranking=rank.reset_index(drop=True),
        lang=lang,
        target_pct=target_pct,
        scenarios=scenarios,
        rank_by=rank_by,
        deadline=str(dl),
        horizon_end=str(pd.Period(horizon_end, "M")),
        data_dir=data_dir,
    )


# ------------------------------------------------------------------------------------------
# section headings and explanations (both languages)
# ------------------------------------------------------------------------------------------
_SECTIONS: dict[str, dict[str, str]] = {
    "audit.title": {
        "id": "# Audit data UCJ\nSetiap angka yang dipakai proyeksi, dengan sumber dan tanda "
        "kualitasnya: **teramati** (dari sumber), **turunan** (hitungan dari angka teramati, "
        "rumusnya dicatat) atau **asumsi** (perkiraan yang sebaiknya diganti data Anda).",
        "en": "# UCJ data audit\nEvery figure the projections use, with its source and quality "
        "flag: **observed** (from a source), **derived** (arithmetic on observed figures, formula "
        "recorded) or **assumed** (an estimate you should replace with your own data).",
    },
    "audit.datasets": {"id": "## Dataset dan sumbernya", "en": "## Datasets and their sources"},
    "audit.regencies": {
        "id": "## Kabupaten dan titik awal proyeksi",
        "en": "## Regencies and where the projection starts",
    },
    "audit.coverage": {"id": "## Semua data cakupan", "en": "## Every coverage figure"},
    "audit.conflicts": {
        "id": "## Angka yang bertentangan atau tidak dipakai\nAngka ini disimpan bersama "
        "sumbernya, tetapi model tidak memakainya; kolom catatan menjelaskan alasannya.",
        "en": "## Conflicting or unused figures\nKept with their sources but not used by the "
        "models; the note says why.",
    },
    "audit.gaps": {
        "id": "## Kekosongan data per kabupaten",
        "en": "## Data gaps per regency",
    },
    "audit.targets": {"id": "## Target", "en": "## Targets"},
    "audit.assumptions": {
        "id": "## Asumsi model (ganti dengan data Anda)",
        "en": "## Model assumptions (replace with your data)",
    },
    "forecast.title": {
        "id": "**Kapan {regency} mencapai target cakupan Jamsostek, dan anggaran berapa yang "
        "mempercepatnya?**",
        "en": "**When does {regency} reach its Jamsostek coverage target, and what budget gets "
        "it there sooner?**",
    },
    "forecast.lines": {
        "id": "## Baris anggaran per skenario\n**Dianggarkan**: uang yang harus dimasukkan ke "
        "APBDes/APBD. **Perkiraan terbayar**: iuran yang benar-benar dibayar. **Tunggakan desa**: "
        "iuran yang jatuh tempo tetapi tidak dibayar desa yang menunggak (pekerjanya tidak "
        "aktif). **Tidak terpakai**: anggaran yang tidak menemukan pekerja untuk didanai.",
        "en": "## Budget lines by scenario\n**Appropriation**: the money to put in the village "
        "and regency budgets. **Expected spending**: contributions actually paid. **Village "
        "arrears**: contributions due but unpaid by villages in arrears (their workers are "
        "inactive). **Left idle**: budget that finds no worker to fund.",
    },
    "forecast.targets": {
        "id": "## Target daerah\nTarget kabupaten sendiri (RPJMD, Bupati), provinsi dan nasional. "
        "Peluang dihitung hanya untuk target kabupaten atas seluruh pekerja; target dengan dasar "
        "lain (misalnya hanya pekerja rentan) ditampilkan tanpa peluang.",
        "en": "## Regional targets\nThe regency's own targets (RPJMD, Bupati), the province's "
        "and the nation's. Probabilities are computed only for the regency's targets on all "
        "workers; targets on another basis (e.g. vulnerable workers only) are shown without one.",
    },
    "forecast.inputs": {
        "id": "## Masukan dan kualitasnya",
        "en": "## Inputs and their quality",
    },
    "forecast.fan": {
        "id": "## Proyeksi cakupan per skenario\nGaris: median dari simulasi Monte Carlo; "
        "pita: rentang P10–P90 (8 dari 10 simulasi berada di dalamnya). Cakupan selalu "
        "di antara 0 dan 100 %.",
        "en": "## Projected coverage by scenario\nLine: Monte Carlo median; band: P10–P90 "
        "(8 in 10 simulations fall inside). Coverage always stays between 0 and 100 %.",
    },
    "forecast.ttt": {"id": "## Kapan target tercapai", "en": "## When the target is reached"},
    "forecast.cost": {
        "id": "## Anggaran dan pembayaran per tahun\n**Dianggarkan**: uang yang disediakan di "
        "APBDes/APBD; **perkiraan terbayar**: iuran JKK+JKM yang benar-benar dibayar (median "
        "simulasi). Selisihnya tidak terpakai atau menjadi tunggakan. Per desa: bagian desa saja.",
        "en": "## Budget and payments per year\n**Appropriation**: the money set aside in the "
        "village and regency budgets; **expected spending**: the JKK+JKM contributions actually "
        "paid (simulation median). The difference is left idle or in arrears. Per desa: the "
        "village part only.",
    },
    "forecast.budget": {
        "id": "## Anggaran minimum untuk mencapai target\nAnggaran desa per tahun terkecil yang "
        "mencapai target sebelum tenggat dengan peluang minimal 50 % atau 80 %.",
        "en": "## Smallest budget that reaches the target\nThe smallest yearly village budget "
        "that reaches the target by the deadline with probability at least 50 % or 80 %.",
    },
    "forecast.arrears": {
        "id": "## Dampak tunggakan desa\nPekerja yang didanai desa yang menunggak menjadi "
        "tidak aktif sampai iuran dibayar.",
        "en": "## What arrears do\nWorkers funded by villages in arrears are inactive until "
        "the contributions are paid.",
    },
    "forecast.method": {
        "id": "## Metode tren dan uji balik\nGalat uji balik (rolling origin) dalam poin "
        "persen, dibandingkan dengan model naif (nilai terakhir) dan drift.",
        "en": "## Trend method and backtest\nRolling-origin backtest error in percentage "
        "points, against the naive (last value) and drift baselines.",
    },
    "budget.title": {
        "id": "# Perbandingan skenario anggaran — {regency}",
        "en": "# Budget scenarios compared — {regency}",
    },
    "budget.curve": {
        "id": "## Anggaran per tahun dan waktu mencapai target",
        "en": "## Yearly budget and time to target",
    },
    "budget.levers": {
        "id": "## Biaya per poin persen cakupan, per skenario",
        "en": "## Cost per percentage point of coverage, by scenario",
    },
    "budget.tornado": {
        "id": "## Sensitivitas: asumsi mana yang paling menggeser waktu tercapai",
        "en": "## Sensitivity: which assumptions move the time to target most",
    },
    "portfolio.title": {
        "id": "# Perbandingan semua kabupaten",
        "en": "# All regencies compared",
    },
    "portfolio.ranking": {
        "id": "## Peringkat menurut waktu mencapai target",
        "en": "## Ranking by time to target",
    },
    "portfolio.chart": {
        "id": "## Grafik untuk presentasi",
        "en": "## Chart for slides",
    },
}


def section(key: str, lang: str = "id", **kw):
    """Heading and short explanation of a report section, in ``lang`` (Markdown)."""
    text = _SECTIONS[key][i18n.check_lang(lang)]
    return _md(text.format(**kw) if kw else text)
