"""The baseline of the batch benchmark: what a competent user writes without ``ucj batch``.

A pool of worker processes (:class:`concurrent.futures.ProcessPoolExecutor`), each running a
report in-process: ``papermill.execute_notebook`` (a fresh kernel per report, kernel ``ucj``),
then ``nbconvert.HTMLExporter(exclude_input=True)`` on the executed notebook, writing
``OUT/<slug>.ipynb`` and ``OUT/<slug>.html``. papermill and nbconvert are imported once, before
the pool starts; every kernel still imports pandas, statsmodels and matplotlib itself.

Usage (``benchmarks/bench_batch.py`` runs it)::

    .venv/bin/python benchmarks/bench_batch_pool.py NOTEBOOK OUT --data-dir DIR \
        --regency "Sintetis 001" --regency "Sintetis 002" --jobs 2 -p n_draws=200

``-p KEY=VALUE`` values are read as YAML scalars (``200`` an int, ``2026-11-29`` kept as text).
"""

from __future__ import annotations

import argparse
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbconvert
import papermill


def slug(name: str) -> str:
    """File name of a regency's report: lower case, words joined by ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def run_report(notebook: str, out_dir: str, regency: str, parameters: dict) -> str:
    """Execute one report with papermill and write its HTML; return the HTML path."""
    out = Path(out_dir) / slug(regency)
    nb = papermill.execute_notebook(
        notebook,
        str(out.with_suffix(".ipynb")),
        parameters={**parameters, "regency": regency},
        kernel_name="ucj",
        progress_bar=False,
        cwd=str(Path(notebook).parent),
    )
    body, _ = nbconvert.HTMLExporter(exclude_input=True).from_notebook_node(nb)
    out.with_suffix(".html").write_text(body, encoding="utf-8")
    return str(out.with_suffix(".html"))


def _value(text: str):
    """A ``-p`` value: int, float or bool when it reads as one, else the text."""
    import yaml

    value = yaml.safe_load(text)
    return value if isinstance(value, int | float | bool) else text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebook")
    parser.add_argument("out")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--regency", action="append", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("-p", dest="params", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args(argv)

    params = {"data_dir": str(Path(args.data_dir).resolve())}
    for item in args.params:
        key, _, text = item.partition("=")
        params[key] = _value(text)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    notebook = str(Path(args.notebook).resolve())
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [
            pool.submit(run_report, notebook, args.out, regency, params) for regency in args.regency
        ]
        failed = 0
        for future in futures:
            try:
                future.result()
            except Exception as e:  # noqa: BLE001 - report every failure, then exit 1
                failed += 1
                print(f"failed: {type(e).__name__}: {e}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
