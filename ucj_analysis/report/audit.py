"""Report 01, the data audit: datasets, sources, quality flags, gaps, conflicts, assumptions."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ucj_analysis import i18n
from ucj_analysis.loaders import DataBundle
from ucj_analysis.record import record
from ucj_analysis.report.data import (
    bundle,
    provenance_records,
    regency_inputs,
    regency_trend,
    start_quality,
)
from ucj_analysis.report.display import (
    col,
    dataset_title,
    join,
    method_key,
    month_text,
    notes,
    quality_text,
    table,
    unit_text,
)

__all__ = ["DataAudit", "data_audit"]


@dataclass
class DataAudit:
    """Everything ``01_data_audit`` shows: datasets, sources, quality flags, gaps, conflicts."""

    bundle: DataBundle
    lang: str = "id"

    @property
    def _data_dir(self) -> str:
        return str(self.bundle.data_dir or "")

    def datasets_table(self):
        """One row per dataset: title, rows and quality counts, sources."""
        lang = self.lang
        prov = self.bundle.provenance()
        out = pd.DataFrame(
            {
                col("dataset", lang): prov["dataset"],
                col("title", lang): [
                    dataset_title(n, t, lang)
                    for n, t in zip(prov["dataset"], prov["title"], strict=True)
                ],
                col("rows", lang): prov["n_rows"],
                col("observed", lang): prov["n_observed"],
                col("derived", lang): prov["n_derived"],
                col("assumed", lang): prov["n_assumed"],
                col("source", lang): prov["sources"].map(join),
            }
        )
        return table(out)

    def regency_table(self):
        """Per regency: registry figures and the coverage figure the models start from."""
        lang = self.lang
        rows = []
        for _, r in self.bundle.regencies.frame.iterrows():
            inp = regency_inputs(self._data_dir, r["regency"])
            rows.append(
                {
                    col("regency", lang): r["regency"],
                    col("province", lang): r["province"],
                    col("villages_wards", lang): f"{int(r['n_desa'])} / {int(r['n_kelurahan'])}",
                    col("workforce", lang): i18n.format_number(inp.workforce0, lang),
                    col("coverage", lang): i18n.format_pct(inp.coverage0 * 100, lang),
                    col("date", lang): month_text(inp.start_month, lang),
                    col("quality", lang): quality_text(start_quality(inp), lang),
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
                col("area", lang): f["regency"],
                col("level", lang): f["level"],
                col("date", lang): f["date"].map(lambda d: i18n.format_date(d, lang, short=True)),
                col("segment", lang): f["segment"],
                col("workforce", lang): f["workforce"].map(lambda v: i18n.format_number(v, lang)),
                col("active", lang): f["active"].map(lambda v: i18n.format_number(v, lang)),
                col("coverage", lang): f["coverage_pct"].map(lambda v: i18n.format_pct(v, lang, 2)),
                col("quality", lang): f["quality"].map(lambda q: quality_text(q, lang)),
                col("used", lang): f["use_in_model"].map(
                    lambda u: i18n.t("yes" if u else "no", lang)
                ),
                col("source", lang): f["source"],
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
                col("area", lang): f["regency"],
                col("date", lang): f["date"].map(lambda d: i18n.format_date(d, lang, short=True)),
                col("segment", lang): f["segment"],
                col("coverage", lang): f["coverage_pct"].map(lambda v: i18n.format_pct(v, lang, 2)),
                col("active", lang): f["active"].map(lambda v: i18n.format_number(v, lang)),
                col("note", lang): notes(f, lang),
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
            funds_observed = ", ".join(
                f"{r.fund} {r.year}" for r in funds[funds["quality"] == "observed"].itertuples()
            )
            method = regency_trend(self._data_dir, reg).method
            rows.append(
                {
                    col("regency", lang): reg,
                    col("own_coverage", lang): len(own),
                    col("own_observed", lang): len(observed),
                    col("funds_observed", lang): funds_observed or "—",
                    col("funds_other", lang): f"{int((funds['quality'] != 'observed').sum())}",
                    col("trend", lang): i18n.t(method_key(method), lang),
                }
            )
        return table(pd.DataFrame(rows))

    def targets_table(self):
        """Targets with deadline, plan and source."""
        lang = self.lang
        f = self.bundle.targets.frame
        out = pd.DataFrame(
            {
                col("area", lang): f["area"],
                col("segment", lang): f["segment"],
                col("target", lang): f["target_pct"].map(lambda v: i18n.format_pct(v, lang, 2)),
                col("deadline", lang): f["deadline"].map(lambda d: i18n.format_date(d, lang)),
                col("plan", lang): f["plan"],
                col("quality", lang): f["quality"].map(lambda q: quality_text(q, lang)),
                col("source", lang): f["source"],
            }
        )
        return table(out)

    def assumptions_table(self):
        """Model parameters that are not data, each with its reason."""
        lang = self.lang
        f = self.bundle.assumptions.frame
        out = pd.DataFrame(
            {
                col("name", lang): f["parameter"],
                col("regency", lang): f["regency"],
                col("value", lang): f["value"].map(lambda v: i18n.format_number(v, lang, 4)),
                col("unit", lang): f["unit"].map(lambda u: unit_text(u, lang)),
                col("quality", lang): f["quality"].map(lambda q: quality_text(q, lang)),
                col("note", lang): notes(f, lang),
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
        record("provenance", provenance_records(self.bundle, self.lang))
        cov = self.bundle.coverage.frame
        record("n_coverage_rows", len(cov))
        record("n_not_used", int((~cov["use_in_model"].astype(bool)).sum()))


def data_audit(data_dir: str = "", lang: str = "id") -> DataAudit:
    """Build the data audit for ``data_dir`` ("" = embedded data)."""
    return DataAudit(bundle(data_dir), i18n.check_lang(lang))
