"""Report charts: alt text, PNG and SVG files beside the report, phone variant, no nbconvert
warning.

Notebooks are built in this process from the display bundles :func:`ucj_analysis.report.display.
show` makes (no kernel). Font sizes are checked in closed form: a text of ``s`` pt in a PNG saved
at ``d`` dpi is ``s * d / 72`` px of the image, and an image of natural width ``N`` px drawn
``W`` CSS px wide shows it ``s * d / 72 * W / N`` px tall.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import struct
import warnings
from pathlib import Path

import nbformat
import pytest
from matplotlib.figure import Figure
from test_plots import make_paths

from ucj_analysis import plots, render
from ucj_analysis.record import CHART_METADATA, RECORD_MIMETYPE, record
from ucj_analysis.render import notebook_to_html, report_charts, write_report_charts
from ucj_analysis.report.display import Chart, show

HOSTILE_ALT = 'Cakupan "Konawe" <script>alert(1)</script> & <img src=x onerror=alert(2)>'
#: width of the report column on a 390 px phone [CSS px] (390 minus 2 x 14 px padding)
PHONE_COLUMN_PX = 362
MIN_TEXT_PX = 11.0


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _figure(width: float, smallest_pt: float = 9.0) -> Figure:
    """A figure whose smallest text is ``smallest_pt`` (title 11 pt, ticks 10 pt)."""
    fig = Figure(figsize=(width, width * 0.6), layout="constrained")
    ax = fig.subplots()
    ax.plot([0, 1, 2], [1, 3, 2])
    ax.set_title("Judul", fontsize=11)
    ax.tick_params(labelsize=10)
    ax.annotate("catatan", (1, 3), fontsize=smallest_pt)
    ax.text(0.5, 0.5, "", fontsize=4)  # empty text: not drawn, not counted
    hidden = fig.add_axes((0.1, 0.1, 0.1, 0.1))
    hidden.set_title("tersembunyi", fontsize=5)
    hidden.set_visible(False)
    return fig


def _outputs(chart: Chart) -> dict:
    data, metadata = chart._repr_mimebundle_()
    return nbformat.v4.new_output("display_data", data=data, metadata=metadata)


def _notebook(*charts: Chart, removed: Chart | None = None) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# Proyeksi"))
    rec = nbformat.v4.new_code_cell("record('x', 1)")
    rec.outputs = [
        nbformat.v4.new_output(
            "display_data", data={RECORD_MIMETYPE: {"name": "x", "value": 1}, "text/plain": ""}
        )
    ]
    nb.cells.append(rec)
    for c in charts:
        cell = nbformat.v4.new_code_cell("fc.chart()")
        cell.outputs = [_outputs(c)]
        nb.cells.append(cell)
    if removed is not None:
        cell = nbformat.v4.new_code_cell("hidden", metadata={"tags": ["remove-cell"]})
        cell.outputs = [_outputs(removed)]
        nb.cells.append(cell)
    return nb


@pytest.fixture(scope="module")
def charts() -> tuple[Chart, Chart]:
    fan = show(
        _figure(plots.PAGE_WIDTH),
        narrow=_figure(plots.NARROW_WIDTH),
        name="proyeksi-cakupan",
        title="Proyeksi cakupan",
        alt=HOSTILE_ALT,
    )
    ttt = show(
        _figure(plots.PAGE_WIDTH, smallest_pt=9.5),
        name="waktu-capai-target",
        title="Waktu mencapai target",
        alt="Grafik kapan target tercapai di Kabupaten Konawe",
    )
    return fan, ttt


# --------------------------------------------------------------------------------------------
# the display object
# --------------------------------------------------------------------------------------------
def test_smallest_text_of_a_drawn_figure():
    fig = _figure(plots.PAGE_WIDTH, smallest_pt=8.5)
    fig.canvas.draw()
    assert plots.smallest_text_pt(fig) == 8.5
    assert plots.smallest_text_pt(Figure()) != plots.smallest_text_pt(Figure())  # nan: no text


def test_show_bundle_png_svg_alt_and_font_sizes(charts):
    fan, ttt = charts
    data, meta = fan._repr_mimebundle_()
    png = base64.b64decode(data["image/png"])
    assert png == fan.png
    # 7.45 in at 110 dpi (819.5 px, rounded down by Agg); the phone variant 3.8 in at NARROW_DPI
    assert _png_size(png)[0] == int(plots.PAGE_WIDTH * plots.SAVE_DPI)
    assert _png_size(fan.narrow_png)[0] == round(plots.NARROW_WIDTH * plots.NARROW_DPI)
    # smallest text: 9 pt -> 9 x 110 / 72 = 13.75 px; at NARROW_DPI (120) 15 px; 9.5 pt -> 14.51 px
    assert meta[CHART_METADATA]["min_font_px"] == pytest.approx(13.75)
    assert meta[CHART_METADATA]["narrow"]["min_font_px"] == pytest.approx(
        plots.SMALL_PT * plots.NARROW_DPI / 72
    )
    assert ttt.min_font_px == pytest.approx(9.5 * 110 / 72)
    assert ttt._repr_mimebundle_()[1][CHART_METADATA]["narrow"] is None
    # alt text: plain in metadata and text/plain, escaped in the <img> JupyterLab shows
    assert meta["image/png"]["alt"] == HOSTILE_ALT == data["text/plain"]
    assert f'alt="{html.escape(HOSTILE_ALT, quote=True)}"' in data["text/html"]
    assert "<script>" not in data["text/html"] and data["text/html"].count("<img ") == 1
    # the SVG is the same chart, the same text each time it is made
    svg = meta[CHART_METADATA]["svg"]
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "</svg>" in svg
    again = show(_figure(plots.PAGE_WIDTH), name="proyeksi-cakupan", title="x", alt="y")
    assert again.svg == fan.svg


@pytest.mark.parametrize("name", ["Proyeksi", "proyeksi cakupan", "a--b", "-a", "", "a/b"])
def test_show_refuses_a_bad_file_name(name):
    with pytest.raises(ValueError, match="chart name"):
        show(_figure(3), name=name, title="t", alt="a")


def test_show_refuses_an_empty_alt_text():
    with pytest.raises(ValueError, match="alt"):
        show(_figure(3), name="grafik", title="t", alt="  ")


def test_record_output_has_a_representable_type(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw: shown.append((obj, raw)))
    record("target_pct", 99.5)
    (obj, raw), = shown  # fmt: skip
    assert raw is True
    assert obj == {RECORD_MIMETYPE: {"name": "target_pct", "value": 99.5}, "text/plain": ""}


# --------------------------------------------------------------------------------------------
# the report page and the files
# --------------------------------------------------------------------------------------------
def test_report_body_shows_both_images_with_escaped_alt_and_no_svg(charts):
    fan, ttt = charts
    page = notebook_to_html(_notebook(fan, ttt), title="T", header={}, footer={}, lang="id")
    main = page[page.index('<main class="ucj-main">') : page.rindex("</main>")]
    assert main.count("<img ") == 3  # fan: page + phone image; time to target: page image
    assert main.count('class="ucj-chart-wide"') == 2 and main.count('class="ucj-chart-narrow"') == 1
    assert main.count(f'alt="{html.escape(HOSTILE_ALT, quote=True)}"') == 2
    assert "<script" not in main and "onerror" not in main.replace("onerror=alert(2)&gt;", "")
    narrow = f'data-min-font-px="{plots.SMALL_PT * plots.NARROW_DPI / 72:.2f}"'
    assert narrow in main and 'data-min-font-px="13.75"' in main
    assert "<svg" not in page  # the SVG goes to the files only
    assert "&lt;!--" not in page and page.count("<!--ucj-chart-files:id-->") == 1
    narrow = base64.b64encode(fan.narrow_png).decode()
    assert f"data:image/png;base64,{narrow}" in main


def test_write_report_charts_files_links_and_stale_files(tmp_path, charts):
    fan, ttt = charts
    hidden = show(_figure(3), name="tersembunyi", title="x", alt="tidak tampil")
    nb = _notebook(fan, ttt, removed=hidden)
    page = notebook_to_html(nb, title="T", header={}, footer={}, lang="id")
    html_path = tmp_path / "02_regency_forecast" / "konawe.html"
    folder = html_path.parent / "konawe_grafik"
    folder.mkdir(parents=True)
    (folder / "3-biaya-iuran.png").write_bytes(b"old")  # an earlier run's third chart
    (folder / "catatan.txt").write_text("milik perencana")  # not a chart file: kept
    out = write_report_charts(html_path, nbformat.writes(nb), page)
    assert sorted(p.name for p in folder.iterdir()) == [
        "1-proyeksi-cakupan.png",
        "1-proyeksi-cakupan.svg",
        "2-waktu-capai-target.png",
        "2-waktu-capai-target.svg",
        "catatan.txt",
    ]
    assert (folder / "1-proyeksi-cakupan.png").read_bytes() == fan.png
    assert (folder / "2-waktu-capai-target.svg").read_text(encoding="utf-8") == ttt.svg
    assert not list(folder.glob(".*.tmp"))
    footer = out[out.index('id="ucj-footer"') :]
    assert "<h3>Unduh grafik</h3>" in footer
    assert (
        '<li>1. Proyeksi cakupan: <a href="konawe_grafik/1-proyeksi-cakupan.png">PNG</a>, '
        '<a href="konawe_grafik/1-proyeksi-cakupan.svg">SVG</a></li>'
    ) in footer
    assert "2. Waktu mencapai target" in footer and "tersembunyi" not in out
    assert "<!--ucj-chart-files" not in out
    # the page stays self-contained: the charts are embedded, the links are extra
    assert out.count('src="data:image/png;base64,') == 3
    # a later run without charts removes the chart files and the empty folder stays only
    # while the planner's own file is in it
    nb_empty = _notebook()
    page = notebook_to_html(nb_empty, title="T", header={}, footer={}, lang="id")
    assert write_report_charts(html_path, nb_empty, page) == page
    assert [p.name for p in folder.iterdir()] == ["catatan.txt"]
    (folder / "catatan.txt").unlink()
    write_report_charts(html_path, nb_empty, page)
    assert not folder.exists()


def test_report_charts_numbering_and_english_footer(charts, tmp_path):
    fan, ttt = charts
    nb = _notebook(ttt, fan)
    got = report_charts(nb)
    assert [(c.n, c.stem) for c in got] == [(1, "1-waktu-capai-target"), (2, "2-proyeksi-cakupan")]
    page = notebook_to_html(nb, title="T", header={}, footer={}, lang="en", charts_dir="all_grafik")
    assert "<h3>Download the charts</h3>" in page
    assert '<a href="all_grafik/2-proyeksi-cakupan.svg">SVG</a>' in page
    assert "Unduh" not in page and "<!--ucj-chart-files" not in page


# --------------------------------------------------------------------------------------------
# nbconvert: no warning, ours or the stock lab template
# --------------------------------------------------------------------------------------------
class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _render_warnings(convert) -> list[str]:
    handler = _Collect()
    loggers = [logging.getLogger(n) for n in ("traitlets", "nbconvert", "NbConvertApp")]
    for lg in loggers:
        lg.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            convert()
    finally:
        for lg in loggers:
            lg.removeHandler(handler)
    return [str(w.message) for w in caught] + handler.messages


def _stock_lab(nb):
    from nbconvert import HTMLExporter

    return lambda: HTMLExporter(template_name="lab").from_notebook_node(nb)


def test_rendering_a_report_gives_no_nbconvert_warning(charts):
    nb = _notebook(*charts)
    ours = _render_warnings(
        lambda: notebook_to_html(nb, title="T", header={}, footer={}, lang="id")
    )
    assert ours == []
    # the executed notebook exported as it is (jupyter nbconvert --to html, JupyterLab)
    assert _render_warnings(_stock_lab(nb)) == []


def test_the_warning_capture_sees_what_nbconvert_warns_about():
    """The old outputs (a record without a text type, a PNG without alt text) do warn."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    buf = io.BytesIO()
    _figure(3).savefig(buf, format="png")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={RECORD_MIMETYPE: {"name": "x", "value": 1}}),
        nbformat.v4.new_output(
            "display_data", data={"image/png": base64.b64encode(buf.getvalue()).decode()}
        ),
    ]
    nb.cells.append(cell)
    got = _render_warnings(_stock_lab(nb))
    assert any("not able to be represented" in m for m in got), got
    assert any("Alternative text is missing on 1 image" in m for m in got), got


# --------------------------------------------------------------------------------------------
# the phone variant of the fan chart
# --------------------------------------------------------------------------------------------
def test_narrow_fan_chart_text_is_readable_on_a_390px_phone():
    scenarios = {
        "trend_only": (0.35, 0.12),
        "add_5": (0.6, 0.2),
        "add_10": (0.9, 0.25),
        "quota_100_per_desa": (0.7, 0.2),
        "fund_gap": (1.6, 0.3),
        "arrears_stress": (0.8, 0.25),
    }
    paths = make_paths(scenarios=scenarios)
    kw = dict(regency="Konawe", deadlines=("2027-12", "2030-12"), run_month="2026-11")
    wide = plots.fan_chart(paths, **kw)
    narrow = plots.fan_chart(paths, ncols=1, width=plots.NARROW_WIDTH, **kw)
    chart = show(wide, narrow=narrow, name="proyeksi-cakupan", title="t", alt="a")
    assert narrow.get_figwidth() == plots.NARROW_WIDTH
    assert len([ax for ax in narrow.axes if ax.get_visible()]) == 6
    assert all(ax.get_subplotspec().colspan.start == 0 for ax in narrow.axes)  # one column
    # the smallest text of either image is the 9 pt annotation size
    assert plots.smallest_text_pt(narrow) == plots.SMALL_PT == plots.smallest_text_pt(wide)
    natural_wide = _png_size(chart.png)[0]
    natural_narrow = _png_size(chart.narrow_png)[0]
    on_phone_wide = chart.min_font_px * PHONE_COLUMN_PX / natural_wide
    on_phone_narrow = chart.narrow_min_font_px * PHONE_COLUMN_PX / natural_narrow
    # 9 pt: 13.75 px x 362 / 819 = 6.1 px shrunk; 25 px x 362 / 760 = 11.9 px
    assert on_phone_wide == pytest.approx(6.08, abs=0.01)
    assert on_phone_narrow == pytest.approx(9 / 72 * PHONE_COLUMN_PX / 3.8, abs=0.02)
    assert on_phone_narrow >= MIN_TEXT_PX


def test_report_css_shows_one_chart_image_per_screen():
    css = (Path(render.__file__).parent.parent / "templates" / "css" / "report.css").read_text()
    phone = css[css.index("@media (max-width: 640px)") : css.index("@page")]
    printed = css[css.index("@media print") :]
    assert ".ucj-main .ucj-chart .ucj-chart-narrow { display: none; }" in css
    assert ".ucj-chart-has-narrow .ucj-chart-wide { display: none; }" in phone
    assert ".ucj-chart-has-narrow .ucj-chart-narrow { display: block;" in phone
    assert ".ucj-chart .ucj-chart-narrow { display: none; }" in printed
