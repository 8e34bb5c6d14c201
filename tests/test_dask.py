"""Dask executor: a synthetic national batch on a local cluster gives the local run's numbers.

Uses ``distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True)`` and the cheap
notebook ``tests/data/runner/regency_stats.ipynb`` (reads the regency's rows with the csv module)
for 100 synthetic regencies. The recorded values are checked against the generator's frames (the
known truth) and, for a sample of regencies, against the same tasks run locally.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from ucj_analysis import runner, synthetic

ROOT = Path(__file__).resolve().parents[1]
STATS = ROOT / "tests" / "data" / "runner" / "regency_stats.ipynb"
N_REGENCIES = 100
LIGHT = ("json", "csv")  # the notebook imports nothing heavy: keep the kernel factories quick


def _expected(frames: dict, regency: str) -> dict:
    reg = frames["regencies"].set_index("regency").loc[regency]
    cov = frames["coverage"]
    cov = cov[cov["regency"] == regency].sort_values("date")
    last = cov.iloc[-1]
    return {
        "n_desa": int(reg["n_desa"]),
        "population": int(reg["population"]),
        "latest_date": last["date"],
        "latest_active": int(last["active"]),
        "latest_coverage_pct": float(last["coverage_pct"]),
        "n_observations": len(cov),
    }


@pytest.mark.slow
def test_dask_cluster_reproduces_local_numbers(tmp_path):
    from distributed import Client, LocalCluster

    frames = synthetic.make_synthetic_dataset(N_REGENCIES, seed=11)
    data_dir = synthetic.write_synthetic_dataset(frames, tmp_path / "data", seed=11)
    names = list(frames["regencies"]["regency"])
    spec = runner.BatchSpec((runner.NotebookEntry(str(STATS)),), regencies=tuple(names))
    tasks = runner.plan_batch(spec, data_dir=data_dir)
    assert len(tasks) == N_REGENCIES
    assert tasks[0].inject == {"regency": "Sintetis 001", "data_dir": str(data_dir.resolve())}

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        dask_out = tmp_path / "dask"
        result = runner.run_batch(
            tasks, dask_out, data_dir=data_dir, executor="dask", dask_client=client,
            preload=LIGHT, progress=False,
        )  # fmt: skip
        hosts = {e["host"] for e in result.ran.values()}
    assert result.exit_code == 0, result.summary_table("en")
    assert len(result.ran) == N_REGENCIES and hosts
    got = {r["regency"]: r["records"] for r in result.records}
    for name in names:
        assert got[name] == _expected(frames, name), name
    manifest = json.loads((dask_out / "batch.json").read_text())
    assert all(e["executor"] == "dask" for e in manifest["tasks"].values())
    assert (dask_out / "regency_stats" / f"sintetis-{N_REGENCIES:03d}.html").is_file()
    assert (dask_out / "index.html").is_file()

    sample = tasks[:: N_REGENCIES // 12]
    local = runner.run_batch(
        sample, tmp_path / "local", data_dir=data_dir, jobs=2, preload=LIGHT, progress=False
    )
    assert local.exit_code == 0
    for rec in local.records:
        assert rec["records"] == got[rec["regency"]], rec["regency"]

    # resume works the same for a Dask batch: nothing changed, nothing runs
    again = runner.run_batch(tasks, dask_out, data_dir=data_dir, dry_run=True)
    reasons = {r for d in again.decisions for r in d.reasons}
    assert reasons == {"unchanged"}, reasons


@pytest.mark.slow
def test_dask_ships_data_to_workers_without_a_shared_disk(tmp_path):
    """``ship_data``: workers get the files with the task, not the client's path."""
    from distributed import Client, LocalCluster

    frames = synthetic.make_synthetic_dataset(6, seed=5)
    data_dir = synthetic.write_synthetic_dataset(frames, tmp_path / "data", seed=5)
    spec = runner.BatchSpec((runner.NotebookEntry(str(STATS)),), regencies=("Sintetis 003",))
    tasks = runner.plan_batch(spec, data_dir=data_dir)
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        result = runner.run_batch(
            tasks, tmp_path / "out", data_dir=data_dir, executor="dask", dask_client=client,
            preload=LIGHT, progress=False, ship_data=True,
        )  # fmt: skip
    rec = result.records[0]["records"]
    assert rec == _expected(frames, "Sintetis 003")
    nb = json.loads((tmp_path / "out" / "regency_stats" / "sintetis-003.ipynb").read_text())
    injected = nb["metadata"]["papermill"]["parameters"]["data_dir"]
    assert injected != str(data_dir.resolve()) and "ucj-data-" in injected
    assert sorted(p.name for p in Path(injected).iterdir()) == sorted(
        p.name for p in data_dir.iterdir() if p.name != "meta.yaml"
    )
    shutil.rmtree(injected)  # the workers' copy (kept between tasks on a real cluster)


def _report_of(payload: dict) -> dict:
    """A stand-in for a finished report: as heavy as a real one's notebook and HTML."""
    return {"key": payload["key"], "ipynb": "x" * 1_500_000}


def test_each_result_is_released_once_the_batch_has_it():
    """A national batch must not keep every finished report in the workers' memory."""
    from distributed import Client, LocalCluster

    from ucj_analysis.batch.workers import run_dask

    held = []
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None)
        as cluster,
        Client(cluster) as client,
    ):  # fmt: skip

        def on_done(outcome: dict) -> None:
            # a dropped future is released by a callback on the client's event loop: a round
            # trip through that loop runs the callbacks queued before it
            client.sync(asyncio.sleep, 0)
            held.append(len(client.futures))

        payloads = [{"key": f"r{i}"} for i in range(6)]
        run_dask(payloads, None, 1, on_done, client, _report_of)
    # when the k-th report reaches the batch, the cluster holds only those not yet handed on
    assert held == [5, 4, 3, 2, 1, 0]
