"""The one-page summaries of a batch, printed while its reports still run.

A regency's summary (``ringkasan/<slug>.pdf``, :mod:`ucj_analysis.pdf`) needs only its forecast
report's record, which is known as soon as that report finishes. :class:`BriefPrinter` prints it
then, in one browser in a thread of the batch process, into the staging folder
(:data:`ucj_analysis.pdf.STAGING`), while the kernels go on with the next reports; at the end
:func:`ucj_analysis.pdf.write_briefs` moves the summaries into ``ringkasan/`` together, printing
again only those whose final record gives a different page (or that failed). The printing
overlaps the reports instead of following the last of them, which at national scale (one summary
per regency) would otherwise be minutes at the end of every batch.

A batch stopped by Ctrl-C or SIGTERM stops the printer after the summary it is printing and
removes the staging folder; a batch killed outright leaves the staging folder, which the next
batch empties before it prints (no summary there is ever linked from an index).
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ucj_analysis.pdf import StagedBrief

__all__ = ["BriefPrinter"]

#: Longest wait for the printing thread once the batch is stopped [s] (it ends after the
#: summary it is printing, normally a fraction of a second).
STOP_WAIT_S = 5.0


class BriefPrinter:
    """Prints each finished forecast's summary into the staging folder, in a background thread.

    Parameters
    ----------
    out_dir : pathlib.Path
        Batch output folder (the batch holds its lock).
    lang : {"id", "en"}
        Language of the summaries.
    should_stop : callable
        True once the batch is asked to stop (Ctrl-C / SIGTERM); no summary is started then.
    chromium : pathlib.Path, optional
        Browser program; default :func:`ucj_analysis.pdf.chromium_path`. Without one nothing
        is printed ahead (:func:`ucj_analysis.pdf.write_briefs` then says so once).
    """

    def __init__(  # imports the printing (HTML rendering) only here: the CLI starts fast
        self,
        out_dir: Path,
        lang: str,
        should_stop: Callable[[], bool],
        chromium: Path | None = None,
    ) -> None:
        from ucj_analysis import pdf

        self._pdf = pdf
        self.out_dir = Path(out_dir)
        self.lang = lang
        self.should_stop = should_stop
        self.program = chromium if chromium is not None else pdf.chromium_path()
        self.staged: dict[str, StagedBrief] = {}
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        # left by a batch killed while printing: never linked, and not this batch's
        shutil.rmtree(self.out_dir / pdf.STAGING, ignore_errors=True)

    def submit(self, record: Mapping) -> None:
        """Queue the summary of a finished forecast (its index record, status ``ok``).

        Records of other notebooks, failed reports and reports without an answer table are
        ignored (they have no summary).
        """
        if self.program is None or not Path(self.program).is_file() or self._stop.is_set():
            return
        if record.get("status") != "ok" or not self._pdf.has_summary(record):
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="ucj-briefs", daemon=True)
            self._thread.start()
        self._queue.put(dict(record))

    def _run(self) -> None:
        pdf = self._pdf
        with contextlib.ExitStack() as stack:
            printer = None
            while True:
                record = self._queue.get()
                if record is None or self._stop.is_set() or self.should_stop():
                    return
                if printer is None:  # the browser starts with the first summary
                    printer = pdf.browser_printer(stack, Path(self.program))
                with contextlib.suppress(pdf.PdfError):  # printed again at the end, and reported
                    staged = pdf.print_staged(record, self.out_dir, self.lang, printer)
                    self.staged[str(record["slug"])] = staged

    def finish(self) -> dict[str, StagedBrief]:
        """Wait for the queued summaries; returns slug -> summary printed ahead."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
        return dict(self.staged)

    def stop(self) -> None:
        """Stop after the summary being printed and remove the staging folder."""
        self._stop.set()
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(STOP_WAIT_S)
        self.staged.clear()
        shutil.rmtree(self.out_dir / self._pdf.STAGING, ignore_errors=True)
