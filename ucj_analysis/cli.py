"""The ``ucj`` command line (typer).

Commands
--------
``ucj batch [BATCH.yaml]``
    Run the report notebooks (every ``notebooks/NN_*.ipynb`` x every regency in the data, or what a
    batch file names) into ``reports/``: executed notebooks, self-contained HTML, ``index.html``,
    ``summary.csv``/``.xlsx`` and the manifest ``batch.json``. Unchanged reports are skipped.
``ucj params NOTEBOOK``
    List a notebook's parameters: name, type, default and help.
``ucj synth --n 120 --out DIR``
    Write a synthetic national data folder (clearly labelled SINTETIS / SYNTHETIC).
``ucj audit [--data-dir DIR]``
    Check a data folder with the loaders and list every dataset with its quality counts.
``ucj desa KODE_OR_NAME [--out FILE.xlsx]``
    Write a ready-to-fill village file of a regency or city from the official list (one row per
    desa and kelurahan with code, name, kecamatan and type; data validation; a note sheet).
``ucj init DIR``
    Write a working folder for a planner: editable copies of the notebooks, the data templates,
    an empty ``data/`` folder and ``batch.yaml`` (run it with ``ucj batch batch.yaml``).
``ucj --version``
    Print the package version. ``python -m ucj_analysis`` runs the same command line.

The batch file format is documented in :mod:`ucj_analysis.batch.spec` and ``docs/batch.md``.
Where the embedded data and notebooks are found (repository checkout or installed wheel, and the
``UCJ_DATA_DIR`` / ``UCJ_NOTEBOOKS_DIR`` overrides) is decided in :mod:`ucj_analysis.config`.
A missing folder, data file or notebook ends with one message and exit status 2.
Messages come from the text catalogue (``cli.*``): in the language of ``--lang`` (or of the batch
file) once it is known, in Indonesian and English before that (help, the data-folder checks, and
the commands without ``--lang``: ``params``, ``synth``, ``desa``).
"""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path

import typer

from ucj_analysis import config, i18n
from ucj_analysis.batch import (
    NOTEBOOK_GLOB,
    BatchFileError,
    BatchSpec,
    NotebookEntry,
    ParameterError,
    default_batch,
    load_batch_file,
    notebook_parameters,
    parse_assignments,
    plan_batch,
    resolve_kernel_mode,
    run_batch,
    start_kernel_factory,
)
from ucj_analysis.batch.plan import _load_bundle

#: Help text on the environment variables (shown by ``ucj --help``, ``batch`` and ``audit``).
ENV_HELP = i18n.both("cli.env_help", data_env=config.DATA_ENV, notebooks_env=config.NOTEBOOKS_ENV)

#: Default limit per notebook cell [s]: a stuck cell fails its report instead of the batch
#: hanging. A national portfolio (514 regencies, 1,000 draws) stays well inside it.
DEFAULT_CELL_TIMEOUT_S = 3600.0

app = typer.Typer(
    name="ucj",
    help=(
        "Laporan proyeksi UCJ (Universal Coverage Jamsostek) per kabupaten. / "
        "UCJ coverage projection reports per regency."
    ),
    epilog=ENV_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Lang(StrEnum):
    """Report language."""

    id = "id"
    en = "en"


class Executor(StrEnum):
    """Where reports execute."""

    local = "local"
    dask = "dask"


class KernelMode(StrEnum):
    """How kernel processes start."""

    auto = "auto"
    fork = "fork"
    spawn = "spawn"


def _print_version(value: bool) -> None:
    if value:
        from ucj_analysis import __version__

        typer.echo(f"ucj {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_print_version,
        is_eager=True,
        help="Tampilkan versi / show the version and exit.",
    ),
) -> None:
    """Laporan proyeksi UCJ per kabupaten. / UCJ coverage projection reports per regency."""


def _fail(message: str, code: int = 2) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _msg(key: str, lang: str | None, **kw: object) -> str:
    """Catalogue text ``key`` in ``lang``; both languages while the language is not known yet."""
    return i18n.t(key, lang, **kw) if lang else i18n.both(key, **kw)


def _check_data_dirs(data_dir: Path | None) -> None:
    """Exit 2 with one message if the user's or the embedded data folder does not exist.

    Checked before any file is read, so the message is in both languages.
    """
    if data_dir is not None and not data_dir.expanduser().is_dir():
        _fail(i18n.both("cli.data_dir_missing", path=data_dir.expanduser()))
    embedded = config.embedded_data_dir()
    if not embedded.is_dir():
        how = "env" if os.environ.get(config.DATA_ENV) else "installed"
        _fail(i18n.both(f"cli.embedded_missing.{how}", path=embedded, env=config.DATA_ENV))


@app.command(epilog=ENV_HELP)
def batch(
    batch_file: Path | None = typer.Argument(
        None,
        help="Berkas batch YAML (opsional) / batch YAML file (optional; default: every "
        "notebooks/NN_*.ipynb x every regency).",
        show_default=False,
    ),
    data_dir: Path | None = typer.Option(
        None, "--data-dir", help="Folder data Anda / your data folder (default: embedded data)."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Folder laporan / output folder (default: reports).", show_default=False
    ),
    lang: Lang | None = typer.Option(
        None,
        "--lang",
        help="Bahasa laporan / report language (id|en) (default: id).",
        show_default=False,
    ),  # fmt: skip
    jobs: int | None = typer.Option(
        None,
        "--jobs",
        "-j",
        min=1,
        help="Laporan paralel / reports at the same time (default: CPU cores).",
        show_default=False,
    ),  # fmt: skip
    only: list[str] = typer.Option(
        [], "--only", help="Hanya kabupaten ini (bisa diulang) / only this regency (repeatable)."
    ),
    own: bool = typer.Option(
        False,
        "--own",
        help="Hanya kabupaten yang didefinisikan berkas regencies/coverage di --data-dir Anda / "
        "only the regencies your --data-dir's own regencies or coverage file defines (not the "
        "embedded ones).",
    ),  # fmt: skip
    force: bool = typer.Option(
        False, "--force", help="Jalankan ulang semua / rerun everything, even unchanged reports."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Tampilkan rencana saja / only list what would run and why."
    ),
    executor: Executor = typer.Option(
        Executor.local, "--executor", help="local (this machine) atau / or dask (a cluster)."
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Alamat penjadwal Dask / Dask scheduler, e.g. tcp://host:8786 "
        "(implies --executor dask).",
    ),  # fmt: skip
    set_values: list[str] = typer.Option(
        [],
        "--set",
        help="KEY=VALUE parameter notebook (bisa diulang / repeatable), e.g. --set n_draws=2000.",
    ),  # fmt: skip
    kernel: str | None = typer.Option(
        None,
        "--kernel",
        help="Nama kernel Jupyter / Jupyter kernel name (default: ucj if "
        "installed, else python3 of this environment].",
        show_default=False,
    ),  # fmt: skip
    kernel_mode: KernelMode = typer.Option(
        KernelMode.auto,
        "--kernel-mode",
        help="auto (bawaan / default): fork di Linux, spawn di sistem lain / fork on Linux, "
        "spawn elsewhere; fork: kernel dari proses yang sudah mengimpor pustaka dan memuat data "
        "/ forked from a parent that imported the libraries and loaded the data; spawn: setiap "
        "kernel dimulai biasa / each kernel started the usual way.",
    ),  # fmt: skip
    ship_data: bool = typer.Option(
        False,
        "--ship-data",
        help="Dask: kirim berkas data bersama tugas / send the data files "
        "with each task (workers without a shared disk).",
    ),  # fmt: skip
    timeout: float | None = typer.Option(
        DEFAULT_CELL_TIMEOUT_S,
        "--timeout",
        min=1,
        help="Batas waktu per sel (detik) / limit per cell (s); a stuck cell fails its report.",
    ),  # fmt: skip
    progress: bool | None = typer.Option(
        None,
        "--progress/--no-progress",
        help="Bilah kemajuan / progress bar (default: bar on a terminal, one line per report "
        "otherwise).",
        show_default=False,
    ),  # fmt: skip
) -> None:
    """Jalankan notebook laporan / run the report notebooks (skips unchanged reports)."""
    _run_reports(
        lambda: load_batch_file(batch_file) if batch_file else default_batch(),
        data_dir=data_dir, out=out, lang=lang, jobs=jobs, only=only, own=own, force=force,
        dry_run=dry_run, executor=executor, scheduler=scheduler, overrides=set_values,
        kernel=kernel, kernel_mode=kernel_mode, ship_data=ship_data, timeout=timeout,
        progress=progress,
    )  # fmt: skip


def _interrupted(signum: int, lang: str) -> None:
    """One line and exit 128 + signal for Ctrl-C / SIGTERM before the batch touched a file."""
    from ucj_analysis.batch.interrupt import signal_name
    from ucj_analysis.batch.messages import t

    typer.echo(t("batch.interrupted.before_start", lang, signal=signal_name(signum)), err=True)
    raise typer.Exit(128 + signum)


def _run_reports(
    make_spec,
    *,
    data_dir: Path | None,
    out: Path | None,
    lang: Lang | None,
    jobs: int | None,
    only: list[str],
    own: bool,
    force: bool,
    dry_run: bool,
    executor: Executor,
    scheduler: str | None,
    overrides: list[str] | dict[str, str],
    kernel: str | None,
    kernel_mode: KernelMode,
    ship_data: bool,
    timeout: float | None,
    progress: bool | None,
    check_plan=None,
    report_line: bool = False,
) -> None:
    """Plan, check and run reports (``ucj batch`` and ``ucj run``); exits with the batch status.

    Exit status: 0 all ok (or skipped), 1 a report failed, 2 the batch cannot start (bad
    batch file, parameter, regency, data), 130 after Ctrl-C, 143 after SIGTERM.
    """
    import signal

    from ucj_analysis.batch.interrupt import SignalGuard

    spec = None
    zygote = None
    guard = SignalGuard()
    lang_hint = lang.value if lang else "id"
    try:
        with guard:
            spec = make_spec()
            lang_value = (lang.value if lang else None) or spec.lang
            lang_hint = lang_value or "id"
            out_dir = out or spec.out or Path("reports")
            jobs_value = jobs or spec.jobs
            use_dask = executor is Executor.dask or bool(scheduler)
            mode = resolve_kernel_mode(kernel_mode.value)
            the_data_dir = data_dir or spec.data_dir
            _check_data_dirs(the_data_dir)
            if not dry_run and not use_dask and mode == "fork":
                # start importing the heavy libraries while the batch is planned
                zygote = start_kernel_factory(kernel)
            bundle = None
            try:
                bundle = _load_bundle(the_data_dir.resolve() if the_data_dir else None)
            except Exception as e:  # the planner needs the regency list only for regency notebooks
                from ucj_analysis.errors import DataValidationError

                if isinstance(e, DataValidationError):
                    _fail(str(e))  # its first line says what is wrong, in both languages
                if isinstance(e, FileNotFoundError):  # a dataset file missing from the data folder
                    _fail(str(e))
                raise
            tasks = plan_batch(
                spec,
                data_dir=the_data_dir,
                lang=lang_value,
                only=only,
                overrides=overrides if isinstance(overrides, dict)
                else parse_assignments(overrides),
                bundle=bundle,
                own=own,
            )  # fmt: skip
            if check_plan is not None:
                check_plan(tasks, bundle)
            result = run_batch(
                tasks,
                out_dir,
                data_dir=the_data_dir,
                lang=lang_value or "id",
                jobs=jobs_value,
                force=force,
                dry_run=dry_run,
                executor="dask" if use_dask else "local",
                scheduler=scheduler,
                kernel=kernel,
                kernel_mode=mode,
                ship_data=ship_data,
                timeout=timeout,
                progress=progress,
                bundle=bundle,
                zygote=zygote,
                guard=guard,  # after a real run signals are only remembered: the files are complete
            )
            lang_out = (lang.value if lang else None) or spec.lang or "id"
            _print_outcome(result, dry_run=dry_run, report_line=report_line, lang=lang_out)
            if dry_run:
                return
            late = guard.signum is not None and not result.interrupted  # after the batch ended
            raise typer.Exit(128 + guard.signum if late else result.exit_code)
    except (ParameterError, BatchFileError) as e:
        _fail(str(e))
    except KeyboardInterrupt:  # planning or starting: run_batch handles its own signals
        _interrupted(guard.signum or signal.SIGINT, lang_hint)
    finally:
        if zygote is not None:
            zygote.close()


def _print_outcome(result, *, dry_run: bool, report_line: bool, lang: str) -> None:
    """The dry run's decisions, or the summary table and where the reports are."""
    from ucj_analysis.batch.messages import t

    if dry_run:
        width = max((len(d.task.key) for d in result.decisions), default=0)
        for d in result.decisions:
            typer.echo(f"{d.task.key:<{width}}  {d.describe(lang)}")
        n_run = sum(d.run for d in result.decisions)
        typer.echo(t("batch.dry_run.counts", lang, run=n_run, skip=len(result.decisions) - n_run))
        return
    typer.echo(result.summary_table(lang))
    if report_line:  # ucj run: the report itself, then the index
        for d in result.decisions:
            typer.echo(t("batch.line.report", lang, path=result.out_dir / d.task.html))
        if result.index_path is not None:
            typer.echo(t("batch.line.index", lang, path=result.index_path))
    elif result.index_path is not None:
        typer.echo(t("batch.line.reports", lang, path=result.index_path))


def _pairs(args: list[str], lang: str | None = None) -> dict[str, str]:
    """``-p NAME VALUE`` / ``--param NAME VALUE`` -> ``{NAME: VALUE}``; exit 2 for anything else."""
    out: dict[str, str] = {}
    i = 0
    while i < len(args):
        if args[i] in ("-p", "--param", "--parameters"):
            if i + 2 >= len(args):
                _fail(_msg("cli.needs_name_value", lang, flag=args[i]))
            out[args[i + 1]] = args[i + 2]
            i += 3
        else:
            _fail(_msg("cli.unexpected_argument", lang, arg=args[i]))
    return out


@app.command(
    epilog="Parameter notebook / notebook parameters: -p NAMA NILAI (bisa diulang / repeatable), "
    "e.g. -p n_draws 2000 -p scenarios '[trend_only, add_10]'; or --set NAME=VALUE. " + ENV_HELP,
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def run(
    ctx: typer.Context,
    notebook: str = typer.Argument(
        ..., help="Notebook (.ipynb; a path or a name in notebooks/, e.g. 02_regency_forecast)."
    ),
    regency: str | None = typer.Option(
        None,
        "--regency",
        "-r",
        help="Kabupaten / regency (for a notebook with a 'regency' parameter).",
        show_default=False,
    ),  # fmt: skip
    set_values: list[str] = typer.Option(
        [], "--set", help="KEY=VALUE parameter notebook (bisa diulang / repeatable)."
    ),
    data_dir: Path | None = typer.Option(
        None, "--data-dir", help="Folder data Anda / your data folder (default: embedded data)."
    ),
    out: Path = typer.Option(Path("reports"), "--out", help="Folder laporan / output folder."),
    lang: Lang | None = typer.Option(
        None,
        "--lang",
        help="Bahasa laporan / report language (id|en) (default: id).",
        show_default=False,
    ),  # fmt: skip
    kernel: str | None = typer.Option(
        None, "--kernel", help="Nama kernel Jupyter / Jupyter kernel name.", show_default=False
    ),
    kernel_mode: KernelMode = typer.Option(
        KernelMode.auto,
        "--kernel-mode",
        help="fork | spawn (auto: fork di Linux / on Linux; ucj batch --help).",
    ),
    timeout: float | None = typer.Option(
        DEFAULT_CELL_TIMEOUT_S,
        "--timeout",
        min=1,
        help="Batas waktu per sel (detik) / limit per cell (s).",
    ),
    progress: bool | None = typer.Option(
        None,
        "--progress/--no-progress",
        help="Bilah kemajuan / progress bar.",
        show_default=False,
    ),  # fmt: skip
) -> None:
    """Satu laporan / run one report (same checks, HTML and index as ucj batch; always runs)."""
    pairs = _pairs(list(ctx.args), lang.value if lang else None)
    overrides = {**parse_assignments(set_values), **pairs}
    name = notebook if notebook.endswith(".ipynb") or "/" in notebook else notebook + ".ipynb"

    def make_spec() -> BatchSpec:
        return BatchSpec(
            notebooks=(NotebookEntry(name, regencies=(regency,) if regency else None),),
        )

    def check_plan(tasks: list, bundle) -> None:
        if len(tasks) > 1 and regency is None:
            known = sorted({t.regency for t in tasks if t.regency})
            raise BatchFileError(
                _msg(
                    "cli.regency_needed",
                    lang.value if lang else None,
                    notebook=Path(name).name,
                    known=", ".join(known),
                )
            )

    _run_reports(
        make_spec, data_dir=data_dir, out=out, lang=lang, jobs=1, only=[], own=False,
        force=True, dry_run=False, executor=Executor.local, scheduler=None, overrides=overrides,
        kernel=kernel, kernel_mode=kernel_mode, ship_data=False, timeout=timeout,
        progress=progress, check_plan=check_plan, report_line=True,
    )  # fmt: skip


@app.command()
def params(
    notebook: Path = typer.Argument(..., help="Notebook (.ipynb)."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON / JSON output."),
) -> None:
    """Daftar parameter notebook / list a notebook's parameters, types, defaults and help."""
    if not notebook.is_file():
        _fail(i18n.both("cli.notebook_missing", path=notebook))
    found = notebook_parameters(notebook)
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {"name": p.name, "type": p.type_label, "default": p.default_source,
                     "help": p.help}
                    for p in found.values()
                ],
                indent=1,
                ensure_ascii=False,
            )
        )  # fmt: skip
        return
    if not found:
        typer.echo(i18n.both("cli.no_parameters_cell", name=notebook.name))
        return
    rows = [("parameter", "type", "default", "help")]
    rows += [(p.name, p.type_label, p.default_source, p.help) for p in found.values()]
    w = [max(len(r[i]) for r in rows) for i in range(3)]
    for r in rows:
        typer.echo(f"{r[0]:<{w[0]}}  {r[1]:<{w[1]}}  {r[2]:<{w[2]}}  {r[3]}".rstrip())


@app.command()
def synth(
    n: int = typer.Option(120, "--n", min=1, help="Jumlah kabupaten / number of regencies."),
    out: Path = typer.Option(..., "--out", help="Folder tujuan / output folder."),
    seed: int = typer.Option(2025, "--seed", help="Seed acak / random seed."),
) -> None:
    """Data nasional SINTETIS / write a SYNTHETIC national data folder (not real data)."""
    from ucj_analysis import synthetic

    frames = synthetic.make_synthetic_dataset(n, seed)
    path = synthetic.write_synthetic_dataset(frames, out, seed=seed)
    typer.echo(i18n.both("cli.synth_written", sep="\n", path=path, n=n))


@app.command(epilog=ENV_HELP)
def audit(
    data_dir: Path | None = typer.Option(
        None, "--data-dir", help="Folder data Anda / your data folder (default: embedded data)."
    ),
    lang: Lang = typer.Option(
        Lang.id, "--lang", help="Bahasa baris kabupaten baru / language of the new-regency lines."
    ),
) -> None:
    """Periksa data / check a data folder and list every dataset with its quality counts.

    A regency or city that only the data folder's files name gets its registry row from the
    official list (Kepmendagri 300.2.2-2138/2025): one line per such regency lists the
    defaults it gets (counts from the list, the workforce growth assumption and its source).
    """
    from ucj_analysis.errors import DataValidationError
    from ucj_analysis.loaders import load_bundle
    from ucj_analysis.loaders.official import official_defaults

    _check_data_dirs(data_dir)
    try:
        bundle = load_bundle(data_dir)
    except DataValidationError as e:
        _fail(str(e), code=1)
    except FileNotFoundError as e:  # a dataset file missing from the data folder
        _fail(str(e))
    frame = bundle.provenance()[["dataset", "n_rows", "n_observed", "n_derived", "n_assumed",
                                 "title"]]  # fmt: skip
    typer.echo(frame.to_string(index=False))
    # the batch's own check: every regency must yield the engine's inputs (a usable coverage row)
    from ucj_analysis.inputs import build_regency_inputs

    unusable = []
    for name in bundle.regencies.frame["regency"]:
        try:
            build_regency_inputs(bundle, str(name))
        except (ValueError, KeyError) as exc:
            unusable.append(f"  - {name}: {exc}")
    if unusable:
        _fail(i18n.t("cli.audit.unusable", lang.value) + "\n" + "\n".join(unusable), code=1)
    names = ", ".join(map(str, bundle.regencies.frame["regency"].head(10)))
    more = " ..." if len(bundle.regencies.frame) > 10 else ""
    typer.echo(
        i18n.t("cli.audit.ok", lang.value, n=len(bundle.regencies.frame), names=names + more)
    )
    _audit_villages(bundle, lang.value)
    for d in official_defaults(bundle.regencies, bundle.assumptions).itertuples():
        typer.echo(
            i18n.t(
                "cli.audit.new_regency",
                lang.value,
                regency=d.regency,
                official_name=d.official_name,
                code=d.code,
                province=d.province,
                n_kecamatan=d.n_kecamatan,
                n_desa=d.n_desa,
                n_kelurahan=d.n_kelurahan,
                growth=i18n.format_number(d.workforce_growth_pct, lang.value, 3, trim=True),
                source=d.growth_source,
            )
        )


@app.command()
def desa(
    region: str = typer.Argument(
        ..., help="Kode atau nama kabupaten/kota / regency or city code or name, e.g. 74.02."
    ),
    out: Path = typer.Option(
        Path("desa.xlsx"), "--out", help="Berkas tujuan / output file (.xlsx or .csv)."
    ),
    data_dir: Path | None = typer.Option(
        None,
        "--data-dir",
        help="Folder data Anda: jumlah desanya dibandingkan dengan daftar resmi / your data "
        "folder, whose desa counts the note compares with the official list.",
    ),  # fmt: skip
    force: bool = typer.Option(False, "--force", help="Timpa berkas / overwrite the file."),
) -> None:
    """Berkas desa siap isi / write a ready-to-fill village file from the official list.

    One row per desa and kelurahan of the regency or city (Kepmendagri 300.2.2-2138/2025):
    code, name, kecamatan and type, empty value columns with data validation, and a note sheet
    in Indonesian. Save it as desa.xlsx in your data folder, fill what you know, and check it
    with ucj audit --data-dir FOLDER.
    """
    from ucj_analysis.official_regions import UnknownOfficialRegionError, resolve_region
    from ucj_analysis.village_file import write_village_file

    try:
        found = resolve_region(region)
    except UnknownOfficialRegionError as e:
        _fail(str(e))
    if out.suffix.lower() not in (".xlsx", ".csv"):
        _fail(i18n.both("cli.file_suffix", name=out.name))
    if out.exists() and not force:
        _fail(i18n.both("cli.exists", paths=out))
    if not out.parent.is_dir():
        _fail(i18n.both("cli.folder_missing", path=out.parent))
    registry = None
    try:
        from ucj_analysis.loaders import read_regencies

        registry = read_regencies(data_dir).frame
    except (FileNotFoundError, ValueError):  # no usable registry: the note omits the comparison
        registry = None
    path = write_village_file(found, out, registry=registry)
    typer.echo(
        i18n.both(
            "cli.desa_written",
            sep="\n",
            path=path,
            name=found.official_name,
            code=found.code,
            n_desa=found.n_desa,
            n_kelurahan=found.n_kelurahan,
        )
    )


def _audit_villages(bundle, lang: str) -> None:
    """One line per regency of the village file: villages, and how many give their workers."""
    if getattr(bundle, "villages", None) is None:
        return
    from ucj_analysis.loaders import village_rows

    for name in dict.fromkeys(bundle.villages.frame["regency"]):
        rows = village_rows(bundle, str(name))
        if rows is None:
            continue
        n, k = len(rows), rows.n_from_data
        typer.echo(i18n.t("cli.audit.village_file", lang, regency=name, n=n, k=k, rest=n - k))


@app.command()
def init(
    folder: Path = typer.Argument(..., help="Folder kerja / working folder (created if missing)."),
    force: bool = typer.Option(
        False, "--force", help="Timpa berkas yang ada / overwrite files that exist."
    ),
    lang: Lang = typer.Option(
        Lang.id, "--lang", help="Bahasa README data / language of the data README (id|en)."
    ),
) -> None:
    """Buat folder kerja / write a working folder: notebooks, data templates, batch file."""
    import re
    import shutil

    sources = {
        "notebooks": config.shipped_notebooks_dir(),
        "templates": config.data_templates_dir(),
        "batch.yaml": config.batch_example(),
    }
    missing = [str(p) for p in sources.values() if not p.exists()]
    if missing:
        _fail(i18n.t("cli.package_missing", lang.value, paths=", ".join(missing)))
    notebooks = sorted(sources["notebooks"].glob(NOTEBOOK_GLOB))
    templates = sorted(p for p in sources["templates"].iterdir()
                       if p.is_file() and p.suffix in (".csv", ".xlsx"))  # fmt: skip
    if not notebooks:
        _fail(
            i18n.t(
                "cli.no_notebooks", lang.value, pattern=NOTEBOOK_GLOB, folder=sources["notebooks"]
            )
        )
    plan: list[tuple[Path, Path | str]] = [(folder / "notebooks" / p.name, p) for p in notebooks]
    plan += [(folder / "templates" / p.name, p) for p in templates]
    batch_text = sources["batch.yaml"].read_text(encoding="utf-8")
    batch_text, n = re.subn(r"(?m)^data_dir: null.*$", "data_dir: data", batch_text, count=1)
    if n != 1:
        _fail(i18n.t("cli.no_data_dir_line", lang.value, path=sources["batch.yaml"]))
    plan += [(folder / "batch.yaml", batch_text),
             (folder / "data" / "README.md", i18n.t("cli.data_readme", lang.value))]  # fmt: skip
    if folder.exists() and not folder.is_dir():
        _fail(i18n.t("cli.not_a_folder", lang.value, path=folder))
    exists = [str(dest) for dest, _ in plan if dest.exists()]
    if exists and not force:
        _fail(i18n.t("cli.exists", lang.value, paths=", ".join(exists)))
    for dest, src in plan:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(src, Path):
            shutil.copyfile(src, dest)
        else:
            dest.write_text(src, encoding="utf-8")
    typer.echo(
        i18n.t(
            "cli.init_done",
            lang.value,
            folder=folder,
            n_notebooks=len(notebooks),
            n_templates=len(templates),
        )
    )


def main() -> None:  # pragma: no cover - console entry point alias
    """Run the ``ucj`` application."""
    app(prog_name="ucj")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
