"""Print HTML to PDF with headless Chromium: the one-page summary ("Ringkasan untuk pimpinan").

A planner forwards a PDF more readily than a folder of HTML reports: for every regency forecast
of a batch, :func:`write_briefs` writes ``<out>/ringkasan/<slug>.pdf``, one A4 page built by
:func:`ucj_analysis.render.brief_html` (regency, target, the memo, the answer table, the data's
age and quality, the run date and where the full report lives).

Printing uses the browser itself (Debian's ``/usr/bin/chromium``, or the program named by the
environment variable ``UCJ_CHROMIUM``), so the PDF looks like the HTML and no PDF library is
needed at run time. :func:`write_briefs` starts one headless browser per printing thread through
Playwright (``Page.pdf``, tagged for screen readers) and prints every summary of its share in it,
instead of starting ``chromium --headless --print-to-pdf`` for each (the two measured against each
other in ``benchmarks/results/bench_batch_parts.md``). Where Playwright is not installed or cannot
start that browser, each summary is printed by :func:`html_to_pdf`, the command line.

The page size and margins come from the page's CSS ``@page`` rule (A4); Chromium's own header
and footer (URL, date) are switched off, so no path of the machine ends up in the file. Without
Chromium the batch still writes its reports and index, and says that the PDFs were not made.

If a summary does not fit on one page at the normal size, it is printed again in a compact size
(9 pt instead of 10 pt).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ucj_analysis import i18n, render

__all__ = [
    "BriefsResult",
    "PdfError",
    "StagedBrief",
    "brief_record",
    "browser_printer",
    "chromium_path",
    "has_summary",
    "html_to_pdf",
    "page_count",
    "print_staged",
    "write_briefs",
]

#: Debian's Chromium; ``UCJ_CHROMIUM`` overrides it
DEFAULT_CHROMIUM = Path("/usr/bin/chromium")
#: Where summaries are printed before they are moved into ``ringkasan/`` (inside the output
#: folder, so the move is a rename on the same file system).
STAGING = Path(".ucj") / "ringkasan-baru"
#: seconds one print may take before it is abandoned
PRINT_TIMEOUT_S = 120.0
_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--no-pdf-header-footer",
)
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class PdfError(RuntimeError):
    """Chromium did not produce a PDF (missing program, crash, timeout)."""


def chromium_path() -> Path | None:
    """The Chromium program used for printing, or None when none is installed.

    Returns
    -------
    pathlib.Path or None
        ``$UCJ_CHROMIUM`` if set, else ``/usr/bin/chromium``, else the first of ``chromium``,
        ``chromium-browser``, ``google-chrome`` on ``PATH``.
    """
    env = os.environ.get("UCJ_CHROMIUM", "").strip()
    if env:
        path = Path(env)
        return path if path.is_file() else None
    if DEFAULT_CHROMIUM.is_file():
        return DEFAULT_CHROMIUM
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def page_count(pdf: bytes) -> int:
    """Number of pages of a PDF written by Chromium (its ``/Type /Page`` objects).

    Parameters
    ----------
    pdf : bytes
        PDF file content. Chromium (Skia) writes page objects uncompressed, which this count
        relies on; it is not a general PDF parser.

    Returns
    -------
    int
        Count of page objects.
    """
    return len(_PAGE.findall(pdf))


def html_to_pdf(
    html_path: str | os.PathLike,
    pdf_path: str | os.PathLike,
    *,
    chromium: str | os.PathLike | None = None,
    timeout: float = PRINT_TIMEOUT_S,
) -> Path:
    """Print a local HTML file to PDF with headless Chromium (page size from CSS ``@page``).

    Parameters
    ----------
    html_path : str or os.PathLike
        HTML file to print.
    pdf_path : str or os.PathLike
        Destination; written atomically, parent folders created.
    chromium : str or os.PathLike, optional
        Browser program; default :func:`chromium_path`.
    timeout : float
        Longest time one print may take [s].

    Returns
    -------
    pathlib.Path
        ``pdf_path``.

    Raises
    ------
    PdfError
        When no browser is found, it fails, times out or writes no PDF.
    """
    program = Path(chromium) if chromium is not None else chromium_path()
    if program is None or not program.is_file():
        raise PdfError(f"Chromium not found ({program or DEFAULT_CHROMIUM}); set UCJ_CHROMIUM")
    html_path = Path(html_path).resolve()
    pdf_path = Path(pdf_path)
    with tempfile.TemporaryDirectory(prefix="ucj-pdf-") as tmp:
        out = Path(tmp) / "out.pdf"
        cmd = [str(program), *_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
        cmd += [f"--print-to-pdf={out}", html_path.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"Chromium took longer than {timeout:.0f} s") from exc
        except OSError as exc:
            raise PdfError(f"Chromium could not start: {exc}") from exc
        if not out.is_file() or out.stat().st_size == 0:
            tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise PdfError(f"Chromium wrote no PDF (exit {proc.returncode}): {' | '.join(tail)}")
        return render.atomic_write_bytes(pdf_path, out.read_bytes())


@dataclass
class BriefsResult:
    """What :func:`write_briefs` did.

    Attributes
    ----------
    written : list of pathlib.Path
        PDFs written in this run.
    kept : list of pathlib.Path
        PDFs left as they were (newer than their report).
    removed : list of pathlib.Path
        Old PDFs deleted because their report failed.
    pages : dict
        PDF path -> number of pages of the PDFs written.
    errors : dict
        Regency slug -> why its PDF was not made.
    note : str or None
        One line for the batch log (missing browser, failures), in the batch language.
    """

    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    pages: dict[Path, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    note: str | None = None


class _Browser:
    """One headless Chromium, started through Playwright, printing many pages (one thread).

    Use as a context manager; :meth:`print` has the contract of :func:`html_to_pdf`. Raises
    :class:`PdfError` on entry when Playwright is missing or the browser does not start.
    """

    def __init__(self, chromium: Path, timeout: float = PRINT_TIMEOUT_S):
        self.chromium = chromium
        self.timeout = timeout

    def __enter__(self) -> _Browser:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            raise PdfError("Playwright not installed") from exc
        self._pw = sync_playwright().start()
        args = [f for f in _FLAGS if f not in ("--headless", "--no-pdf-header-footer")]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
        try:
            self._browser = self._pw.chromium.launch(
                executable_path=str(self.chromium), args=args, timeout=self.timeout * 1000
            )
            self._page = self._browser.new_page()
            self._page.set_default_timeout(self.timeout * 1000)
        except Exception as exc:  # noqa: BLE001 - any start failure: the command line prints
            self._pw.stop()
            raise PdfError(f"Chromium did not start through Playwright: {exc}") from exc
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(Exception):
            self._browser.close()
        with contextlib.suppress(Exception):
            self._pw.stop()

    def print(self, html_path: Path, pdf_path: Path) -> Path:
        """Print ``html_path`` to ``pdf_path`` (A4 from the page's CSS, no header or footer)."""
        try:
            self._page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
            data = self._page.pdf(
                prefer_css_page_size=True, display_header_footer=False, tagged=True
            )
        except Exception as exc:  # noqa: BLE001 - a crashed or stopped browser
            raise PdfError(f"Chromium could not print {Path(html_path).name}: {exc}") from exc
        if not data:
            raise PdfError(f"Chromium wrote no PDF for {Path(html_path).name}")
        return render.atomic_write_bytes(pdf_path, data)


def has_summary(record: Mapping) -> bool:
    """Does this index record get a one-page summary (a forecast that answered)?"""
    return (
        record.get("notebook") == "02_regency_forecast"
        and bool(record.get("slug"))
        and record.get("status") != "failed"
        and bool((record.get("records") or {}).get("time_to_target"))
    )


def _print_brief(
    record: Mapping, pdf_path: Path, lang: str, printer, page_html: str | None = None
) -> int:
    """Write one summary PDF; returns its page count (1 unless even the compact size overflows).

    ``printer(html_path, pdf_path)`` prints one page (:meth:`_Browser.print` or
    :func:`html_to_pdf`); ``page_html``: the normal-size page when the caller already has it.
    """
    pages = 0
    with tempfile.TemporaryDirectory(prefix="ucj-brief-") as tmp:
        for compact in (False, True):
            page = Path(tmp) / f"{record.get('slug') or 'brief'}.html"
            html = page_html if page_html is not None and not compact else None
            page.write_text(html or render.brief_html(record, lang, compact=compact), "utf-8")
            printer(page, pdf_path)
            pages = page_count(pdf_path.read_bytes())
            if pages <= 1:
                break
    return pages


@dataclass(frozen=True)
class StagedBrief:
    """A summary printed ahead into :data:`STAGING` (see :func:`print_staged`).

    Attributes
    ----------
    html : str
        The summary page it was printed from (normal size): :func:`write_briefs` uses the file
        only when the final record gives the same page.
    path : pathlib.Path
        The PDF in the staging folder.
    pages : int
        Its page count.
    """

    html: str
    path: Path
    pages: int


def brief_record(record: Mapping, out_dir: str | os.PathLike) -> dict:
    """A forecast's index record as its summary uses it (report path relative to ``out_dir``)."""
    rec = dict(record)
    if rec.get("html"):
        html = Path(rec["html"])
        if html.is_absolute():
            html = Path(os.path.relpath(html, Path(out_dir).resolve()))
        rec["html"] = html.as_posix()
    return rec


def print_staged(
    record: Mapping, out_dir: str | os.PathLike, lang: str, printer: Callable
) -> StagedBrief:
    """Print one forecast's summary into :data:`STAGING` of ``out_dir``, ahead of the batch end.

    Parameters
    ----------
    record : dict
        Index record of an ``ok`` ``02_regency_forecast`` report (as for :func:`write_briefs`).
    out_dir : str or os.PathLike
        Batch output folder.
    lang : {"id", "en"}
        Language of the summary.
    printer : callable
        ``printer(html_path, pdf_path)``: :meth:`_Browser.print` or :func:`html_to_pdf`.

    Returns
    -------
    StagedBrief

    Raises
    ------
    PdfError
        When the browser does not print it.
    """
    rec = brief_record(record, out_dir)
    path = Path(out_dir) / STAGING / Path(render.brief_relpath(rec["slug"])).name
    path.parent.mkdir(parents=True, exist_ok=True)
    html = render.brief_html(rec, lang)
    return StagedBrief(html, path, _print_brief(rec, path, lang, printer, html))


def browser_printer(stack: contextlib.ExitStack, program: Path) -> Callable:
    """A print function in one browser kept open by ``stack`` (the command line if none starts).

    Call and print from the same thread: Playwright's browser belongs to the thread that
    started it.
    """
    try:
        return stack.enter_context(_Browser(program)).print
    except PdfError:
        return functools.partial(html_to_pdf, chromium=program)


def write_briefs(
    records: Sequence[Mapping],
    out_dir: str | os.PathLike,
    lang: str = "id",
    *,
    chromium: str | os.PathLike | None = None,
    jobs: int = 2,
    should_stop: Callable[[], bool] | None = None,
    staged: Mapping[str, StagedBrief] | None = None,
) -> BriefsResult:
    """Write the one-page summary PDF of every regency forecast of a batch.

    Parameters
    ----------
    records : sequence of dict
        Batch index records (see :func:`ucj_analysis.render.write_index`); only
        ``02_regency_forecast`` records are used. ``ok`` reports get a new PDF; ``skipped``
        (unchanged) reports keep a PDF newer than their HTML; ``failed`` reports lose an old
        PDF, which would otherwise look current.
    out_dir : str or os.PathLike
        Batch output folder; PDFs go to ``ringkasan/<slug>.pdf`` inside it.
    lang : {"id", "en"}
        Language of the summaries.
    chromium : str or os.PathLike, optional
        Browser program; default :func:`chromium_path`.
    jobs : int
        Summaries printed at the same time (one browser each).
    should_stop : callable, optional
        Asked before each summary; once it returns True no further summary is started (the
        batch after Ctrl-C / SIGTERM).
    staged : mapping, optional
        Regency slug -> summary already printed into :data:`STAGING` while the batch ran
        (:class:`ucj_analysis.batch.briefs.BriefPrinter`); used when the final record gives the
        same page, printed again otherwise. Without it the staging folder is emptied first.

    Summaries are printed into :data:`STAGING` inside ``out_dir`` and moved into
    ``ringkasan/`` together once all are printed, so a batch killed while printing leaves no
    summary its index does not link (the index is written right after).

    Returns
    -------
    BriefsResult
        Files written, kept and removed, page counts, errors and a note for the log.
    """
    out_dir = Path(out_dir)
    result = BriefsResult()
    todo: list[tuple[dict, Path]] = []
    for rec in records:
        if rec.get("notebook") != "02_regency_forecast" or not rec.get("slug"):
            continue
        target = out_dir / render.brief_relpath(rec["slug"])
        rec = brief_record(rec, out_dir)
        status = rec.get("status")
        if not has_summary(rec):
            if target.is_file():
                target.unlink()
                result.removed.append(target)
            continue
        report = out_dir / rec["html"] if rec.get("html") else None
        if (
            status == "skipped"
            and target.is_file()
            and (
                report is None
                or not report.is_file()
                or target.stat().st_mtime >= report.stat().st_mtime
            )
        ):
            result.kept.append(target)
            continue
        todo.append((rec, target))
    if not todo:
        return result
    staging = out_dir / STAGING
    if staged is None:  # no summary printed ahead: anything there was left by a killed batch
        shutil.rmtree(staging, ignore_errors=True)
    printed: list[tuple[dict, Path, int | None, str | None]] = []
    left = []
    for rec, target in todo:
        ahead = (staged or {}).get(str(rec["slug"]))
        same = ahead is not None and ahead.html == render.brief_html(rec, lang)
        if same and ahead.path.is_file():
            printed.append((rec, target, ahead.pages, None))
        else:
            left.append((rec, target))
    program = Path(chromium) if chromium is not None else chromium_path()
    if left and (program is None or not program.is_file()):
        result.errors = {str(rec["slug"]): "no Chromium" for rec, _ in left}
        result.note = i18n.t("render.brief.no_chromium", lang)
        left = []

    # printed into a staging folder and moved into ringkasan/ together at the end: a batch killed
    # while printing leaves no summary that its last index does not know about
    def share(items: list[tuple[dict, Path]]) -> list[tuple[dict, Path, int | None, str | None]]:
        """Print ``items`` in one browser (the command line if it does not start)."""
        done = []
        with contextlib.ExitStack() as stack:
            printer = browser_printer(stack, program)
            for rec, target in items:
                if should_stop is not None and should_stop():
                    break
                staged_path = staging / target.name
                try:
                    done.append((rec, target, _print_brief(rec, staged_path, lang, printer), None))
                except PdfError as exc:
                    done.append((rec, target, None, str(exc)))
        return done

    if left:
        n = max(1, min(jobs, len(left)))
        with ThreadPoolExecutor(max_workers=n) as pool:
            printed += [x for share_done in pool.map(share, [left[i::n] for i in range(n)])
                        for x in share_done]  # fmt: skip
    for rec, target, pages, error in printed:
        if error is not None:
            result.errors[str(rec["slug"])] = error
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / target.name, target)
            result.written.append(target)
            result.pages[target] = pages
    shutil.rmtree(staging, ignore_errors=True)
    if result.errors and result.note is None:
        names = ", ".join(sorted(result.errors))
        result.note = i18n.t("render.brief.failed_for", lang, names=names)
    return result
