"""One simulation per regency x scenario set: :func:`simulate` results shared by every report.

The forecast (02), the budget study (03) and the portfolio (04) each project the same regency
under the same scenarios with the same seed when their parameters agree (the notebooks'
defaults do; a batch giving 03 fewer draws than 02 makes them different runs).
:func:`cached_simulate` runs
:func:`ucj_analysis.engine.simulate` once for a given set of arguments and hands every later
identical call the same numbers: kept in memory within a kernel and, when ``UCJ_CACHE_DIR`` is
set (the batch sets it), on disk for the other kernels of the batch.

The key is a SHA-256 over *everything the result depends on*: every argument of
:func:`simulate` after its defaults are applied (the regency inputs field by field, including
the inputs table, contribution rates and assumption ranges; each scenario and its levers; the
trend-slope draws byte by byte; draws, seed, horizon, quantiles, targets, deadlines, damping,
variables, chunk size, run month and budget start) and the source code of the package
(:func:`code_key`). A changed data file changes the inputs built from it and so the key; a
data file that changes nothing the engine reads does not force a new run.

Common random numbers: each regency's draws come from its own stream and are shared by every
scenario, and every scenario is computed element by element, so one scenario's numbers do not
depend on the other scenarios of the run (``tests/test_sim_cache.py`` checks it to the last
bit). A one-regency call whose scenarios are all part of a cached run with otherwise identical
arguments is answered from that run (the portfolio's three scenarios from the forecast's
presets).

Disk entries are pickles written atomically (a temporary file, then :func:`os.replace`); a file
that cannot be read is removed and the simulation rerun. ``UCJ_SIM_CACHE=0`` turns the cache
off (to measure what it saves).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import hashlib
import inspect
import os
import pickle
import time
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ucj_analysis import config
from ucj_analysis.engine import SimulationResult, simulate

__all__ = ["cached_simulate", "clear", "code_key", "enabled", "simulation_key", "stats"]

#: Results kept in memory per kernel (a portfolio of many regencies keeps only the last ones).
MEMORY_ENTRIES = 8
#: File name prefix of the disk entries in ``UCJ_CACHE_DIR``.
PREFIX = "sim-"
#: Disk entries not used for this long are removed (a batch folder's cache would otherwise grow
#: by one entry per regency and run date, about 0.4 MB each at 1,000 draws). [days]
MAX_AGE_DAYS = 3.0

_SIGNATURE = inspect.signature(simulate)
_MEMORY: OrderedDict[tuple[str, str], tuple[tuple[str, ...], SimulationResult]] = OrderedDict()
#: Counters of the current process: memory / disk / superset hits, misses (runs), disk errors.
_STATS = {"memory": 0, "disk": 0, "subset": 0, "run": 0, "bad_file": 0}


def enabled() -> bool:
    """Whether the cache is on (``UCJ_SIM_CACHE`` not ``0``, ``off``, ``no`` or ``false``)."""
    return os.environ.get("UCJ_SIM_CACHE", "1").strip().lower() not in ("0", "off", "no", "false")


def stats() -> dict[str, int]:
    """Hits and runs of this process: ``memory, disk, subset, run, bad_file`` [count]."""
    return {k: v for k, v in _STATS.items() if k != "pruned"}


def clear() -> None:
    """Forget the results kept in memory (disk entries stay) and reset :func:`stats`."""
    _MEMORY.clear()
    for k in _STATS:
        _STATS[k] = 0
    _STATS.pop("pruned", None)


# ------------------------------------------------------------------------------------------
# keys
# ------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def code_key() -> str:
    """SHA-256 of every ``.py`` file of the package (path and content), once per process."""
    h = hashlib.sha256()
    for path in sorted(config.PACKAGE_DIR.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        h.update(path.relative_to(config.PACKAGE_DIR).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def _feed(h, obj: Any) -> None:
    """Add ``obj`` to the hash ``h`` unambiguously (type tag, then content)."""
    if obj is None or isinstance(obj, bool | int | str | bytes):
        h.update(f"{type(obj).__name__}:{obj!r};".encode())
    elif isinstance(obj, float | np.floating):
        h.update(f"f:{float(obj).hex()};".encode())  # exact, NaN and -0.0 included
    elif isinstance(obj, np.integer | np.bool_):
        h.update(f"{type(obj).__name__}:{obj!r};".encode())
    elif isinstance(obj, pd.Period):
        h.update(f"P:{obj.freqstr}:{obj};".encode())
    elif isinstance(obj, np.ndarray):
        arr = np.ascontiguousarray(obj)
        if arr.dtype == object:
            h.update(f"O{arr.shape}[".encode())
            for v in arr.ravel():
                _feed(h, v)
            h.update(b"]")
        else:
            h.update(f"A:{arr.dtype.str}:{arr.shape}:".encode())
            h.update(arr.tobytes())
    elif isinstance(obj, pd.DataFrame):
        h.update(f"DF{obj.shape}:".encode())
        _feed(h, [str(c) for c in obj.columns])
        _feed(h, [str(t) for t in obj.dtypes])
        _feed(h, obj.index.to_numpy())
        for c in obj.columns:
            _feed(h, obj[c].to_numpy(dtype=object))
    elif isinstance(obj, pd.Series | pd.Index):
        _feed(h, obj.to_numpy(dtype=object))
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        h.update(f"DC:{type(obj).__module__}.{type(obj).__qualname__}(".encode())
        for f in dataclasses.fields(obj):
            h.update(f.name.encode() + b"=")
            _feed(h, getattr(obj, f.name))
        h.update(b")")
    elif isinstance(obj, Mapping):
        items = sorted(obj.items(), key=lambda kv: repr(kv[0]))
        h.update(f"M{len(items)}{{".encode())
        for k, v in items:
            _feed(h, k)
            _feed(h, v)
        h.update(b"}")
    elif isinstance(obj, list | tuple):
        h.update(f"{type(obj).__name__}{len(obj)}[".encode())
        for v in obj:
            _feed(h, v)
        h.update(b"]")
    elif isinstance(obj, set | frozenset):
        _feed(h, sorted(obj, key=repr))
    elif obj is pd.NaT:
        h.update(b"NaT;")
    else:  # anything else by its full pickled state (never a lossy repr)
        h.update(f"pk:{type(obj).__qualname__}:".encode())
        h.update(pickle.dumps(obj, protocol=5))


def _digest(*objs: Any) -> str:
    h = hashlib.sha256()
    for o in objs:
        _feed(h, o)
    return h.hexdigest()


def _bound(inputs, scenarios, trend, kwargs) -> tuple[list, list, dict] | None:
    """Every argument of :func:`simulate` with its defaults; None when it cannot be keyed."""
    try:
        ba = _SIGNATURE.bind(inputs, scenarios, trend, **kwargs)
    except TypeError:
        return None
    ba.apply_defaults()
    args = dict(ba.arguments)
    inp = args.pop("inputs")
    inp = [inp] if not isinstance(inp, list | tuple) else list(inp)
    sc = args.pop("scenarios")
    sc = list(sc.values()) if isinstance(sc, Mapping) else list(sc)
    tr = args.pop("trend")
    if args.get("run_month") is None:
        return None  # "this month": the result depends on the clock
    try:
        draws = {i.regency: tr[i.regency] for i in inp}
    except (KeyError, AttributeError, TypeError):
        return None
    if not all(isinstance(v, np.ndarray) for v in draws.values()):
        return None  # a TrendFit or other object: keyed only through its draws
    args["trend"] = draws
    return inp, sc, args


def simulation_key(inputs, scenarios, trend, **kwargs) -> tuple[str, str] | None:
    """``(base key, scenario key)`` of a :func:`simulate` call, or None if it is not cached.

    The base key covers every argument except the scenarios, and the code; the scenario key the
    scenarios in order. Calls without a run month (the clock decides it) or with trend objects
    other than arrays of draws are not cached.
    """
    b = _bound(inputs, scenarios, trend, kwargs)
    if b is None:
        return None
    inp, sc, args = b
    return _digest("simulate", code_key(), inp, args), _digest(tuple(_digest(s) for s in sc))


# ------------------------------------------------------------------------------------------
# one scenario subset of a run
# ------------------------------------------------------------------------------------------
def _rows_of(frame: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    if frame.empty or "scenario" not in frame.columns:
        return frame.copy()
    col = frame["scenario"].astype(str)
    parts = [frame[col == sid] for sid in ids]
    return pd.concat(parts).reset_index(drop=True)


def subset(res: SimulationResult, scenarios: list) -> SimulationResult:
    """The result ``simulate`` gives for ``scenarios`` (all in ``res``), from one-regency ``res``.

    Rows are ordered scenario by scenario in the order asked, as :func:`simulate` orders them.
    """
    ids = [s.id for s in scenarios]
    paths = _rows_of(res.paths, ids)
    if len(paths):
        paths["regency"] = pd.Categorical(paths["regency"].astype(str))
        paths["scenario"] = pd.Categorical(paths["scenario"].astype(str), categories=ids)
    first_hit = {
        (reg, sid, tg): res.first_hit[(reg, sid, tg)].copy()
        for reg in res.months
        for sid in ids
        for tg in res.targets
    }
    return dataclasses.replace(
        res,
        paths=paths,
        time_to_target=_rows_of(res.time_to_target, ids),
        prob_by_deadline=_rows_of(res.prob_by_deadline, ids),
        yearly_cost=_rows_of(res.yearly_cost, ids),
        first_hit=first_hit,
        months=dict(res.months),
        scenarios={s.id: s for s in scenarios},
    )


# ------------------------------------------------------------------------------------------
# the cache
# ------------------------------------------------------------------------------------------
def _disk_dir() -> Path | None:
    d = os.environ.get("UCJ_CACHE_DIR", "").strip()
    return Path(d) if d else None


def _read(path: Path) -> tuple[tuple[str, ...], SimulationResult] | None:
    try:
        with open(path, "rb") as fh:
            obj = pickle.load(fh)
        keys, res = obj["scenario_keys"], obj["result"]
        if not isinstance(res, SimulationResult) or not isinstance(keys, tuple):
            raise TypeError("not a simulation cache entry")
        return keys, res
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged file is removed and the run redone
        _STATS["bad_file"] += 1
        path.unlink(missing_ok=True)
        return None


def _write(path: Path, keys: tuple[str, ...], res: SimulationResult) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump({"scenario_keys": keys, "result": res}, fh, protocol=5)
        os.replace(tmp, path)  # atomic: another kernel never reads a half-written file
    except OSError:
        return  # a read-only or full disk only costs the sharing
    _prune(path.parent)


def _prune(folder: Path) -> None:
    """Remove disk entries of ``folder`` older than :data:`MAX_AGE_DAYS` (once per process)."""
    if _STATS.get("pruned"):
        return
    _STATS["pruned"] = 1
    limit = time.time() - MAX_AGE_DAYS * 86400
    for old in folder.glob(f"{PREFIX}*.pkl"):
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            pass  # another kernel removed it first


def _remember(key: tuple[str, str], keys: tuple[str, ...], res: SimulationResult) -> None:
    _MEMORY[key] = (keys, res)
    _MEMORY.move_to_end(key)
    while len(_MEMORY) > MEMORY_ENTRIES:
        _MEMORY.popitem(last=False)


def _from_superset(
    base: str, want: tuple[str, ...], sc: list, one_regency: bool
) -> SimulationResult | None:
    """A cached run with the same base key whose scenarios contain ``want``, cut to ``sc``."""
    if not one_regency:
        return None
    candidates = [v for (b, _), v in _MEMORY.items() if b == base]
    folder = _disk_dir()
    if folder is not None and folder.is_dir():
        for path in sorted(folder.glob(f"{PREFIX}{base}-*.pkl")):
            got = _read(path)
            if got is not None:
                candidates.append(got)
    for keys, res in candidates:
        if set(want) <= set(keys):
            return subset(res, sc)
    return None


def cached_simulate(inputs, scenarios, trend, **kwargs) -> SimulationResult:
    """:func:`ucj_analysis.engine.simulate`, run once per identical set of arguments.

    Takes exactly the arguments of :func:`simulate` and returns a result equal to the last bit
    to what :func:`simulate` returns for them (a fresh copy each time: changing it does not
    change the cache). See the module docstring for the key and the disk entries.
    """
    key = simulation_key(inputs, scenarios, trend, **kwargs) if enabled() else None
    if key is None:
        return simulate(inputs, scenarios, trend, **kwargs)
    inp, sc, _ = _bound(inputs, scenarios, trend, kwargs)
    want = tuple(_digest(s) for s in sc)
    if key in _MEMORY:
        _MEMORY.move_to_end(key)
        _STATS["memory"] += 1
        return copy.deepcopy(_MEMORY[key][1])
    folder = _disk_dir()
    path = None if folder is None else folder / f"{PREFIX}{key[0]}-{key[1]}.pkl"
    if path is not None:
        got = _read(path)
        if got is not None and got[0] == want:
            _STATS["disk"] += 1
            try:
                os.utime(path)  # used: kept by the pruning
            except OSError:
                pass
            _remember(key, want, got[1])
            return copy.deepcopy(got[1])
    res = _from_superset(key[0], want, sc, len(inp) == 1 and len(set(want)) == len(want))
    if res is not None:
        _STATS["subset"] += 1
        _remember(key, want, res)
        return copy.deepcopy(res)
    res = simulate(inputs, scenarios, trend, **kwargs)
    _STATS["run"] += 1
    _remember(key, want, copy.deepcopy(res))
    if path is not None:
        _write(path, want, res)
    return res
