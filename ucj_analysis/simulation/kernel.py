"""The monthly loop: numpy arrays over regencies x scenarios x draws, one month at a time.

``_prepare`` builds the deterministic arrays of a chunk of regencies sharing a start month
(capacities, appropriations, rates, payment months); ``_run_chunk`` steps through the months,
keeps only quantiles and means across draws and accumulates time to target, deadline
probabilities and yearly money on the fly. The model is described in
:mod:`ucj_analysis.engine`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ucj_analysis.inputs import RegencyInputs
from ucj_analysis.scenarios import Scenario
from ucj_analysis.simulation.levers import (
    _OVERRIDES,
    _envelope,
    _hazard,
    _lever_capacity,
    _lever_start,
    _month,
    _resolve,
)
from ucj_analysis.simulation.matching import matched_persons
from ucj_analysis.simulation.order_stats import order_statistics
from ucj_analysis.simulation.villages import (
    VillageCell,
    VillageRandom,
    has_village_levers,
    plan_cell,
    village_rows_of,
    village_seed,
)

__all__ = ["matched_persons"]  # defined in simulation/matching.py


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


#: Months whose order statistics are taken in one call (12 x a chunk's 40,000 values x 4 bytes
#: x variables: a few MB of scratch).
_MONTHS_PER_CALL = 12


def _quantile_positions(qs: Sequence[float], n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    pos = np.asarray(qs, dtype=float) * (n - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, n - 1)
    return lo, hi, pos - lo


@dataclass
class _Chunk:
    """Deterministic arrays for a chunk of regencies sharing a start month.

    Per pool of places (``v`` village-paid, ``o`` other payers): fixed capacity ``K*``
    (T+1, R, S) [persons] (capped at the workforce envelope), fixed appropriation ``A*``
    (T+1, R, S) [Rp] (uncapped: the money of money levers), months a ``fund_gap`` lever pays
    ``gap*`` (T+1, R, S) and units the pace counts ``units*`` (R, S) [villages].
    """

    inputs: list[RegencyInputs]
    months: pd.PeriodIndex
    Kv: np.ndarray
    Ko: np.ndarray
    Av: np.ndarray
    Ao: np.ndarray
    gap_v: np.ndarray
    gap_o: np.ndarray
    units_v: np.ndarray
    units_o: np.ndarray
    has_v: np.ndarray  # (R, S) scenario has village-paid levers
    has_o: np.ndarray  # (R, S) scenario has levers of other payers
    cost_f: np.ndarray  # (T+1, R, S) money per paid place in the month [Rp]
    rate: np.ndarray  # (T+1, R) contribution rate [Rp per person per month]
    pay: np.ndarray  # (T+1, R, S) payment months (annual cycle)
    phase: np.ndarray  # (T+1, R, S) months since the budget-year start (payment_month)
    annual: np.ndarray  # (R, S)
    rho: np.ndarray  # (R, S) extra smoothing of enrolment (1 = none)
    h_o: np.ndarray  # (R, S) organic hazard
    h_0: np.ndarray  # (R,) baseline organic hazard
    overrides: dict  # name -> (R, S) value set by the scenario, NaN = drawn
    real_sd: np.ndarray  # (R, S) sd around a realisation the scenario sets [proportion]
    reach: np.ndarray  # (R, S) share of the remaining pool village money can reach
    soft: np.ndarray  # (R, S) village places spread evenly over villages (soft matching)
    village: dict = field(default_factory=dict)  # (i, j) -> VillagePlan (village resolution)


def _village_reach(sc: Scenario, inp: RegencyInputs) -> tuple[float, bool]:
    """(reach, targeted) of the village-paid levers of a scenario."""
    vl = [lv for lv in sc.levers if lv.payer == "village"]
    reach = (
        1.0
        if any(getattr(lv, "include_kelurahan", False) for lv in vl)
        else float(inp.desa_pool_share)
    )
    targeted = any(lv.kind == "fund_gap" for lv in vl)
    return min(max(reach, 0.0), 1.0), targeted


def _prepare(
    inputs: list[RegencyInputs],
    scenarios: list[Scenario],
    months: pd.PeriodIndex,
    budget_start: pd.Period,
) -> _Chunk:
    T1 = len(months)
    R, S = len(inputs), len(scenarios)
    k = np.arange(T1, dtype=float)
    z3 = (T1, R, S)
    Kv, Ko, Av, Ao = (np.zeros(z3) for _ in range(4))
    gap_v, gap_o, pay = (np.zeros(z3, dtype=bool) for _ in range(3))
    phase = np.zeros(z3)
    cost_f = np.zeros(z3)
    rate_all = np.zeros((T1, R))
    units_v, units_o = np.zeros((R, S)), np.zeros((R, S))
    has_v, has_o = np.zeros((R, S), dtype=bool), np.zeros((R, S), dtype=bool)
    h_o, rho, real_sd, reach = (np.zeros((R, S)) for _ in range(4))
    annual, soft = np.zeros((R, S), dtype=bool), np.zeros((R, S), dtype=bool)
    h_0 = np.zeros(R)
    overrides = {name: np.full((R, S), np.nan) for name in _OVERRIDES}
    village: dict = {}
    moy = months.month.to_numpy()
    for i, inp in enumerate(inputs):
        rate = inp.rate_at(months)
        rate_all[:, i] = rate
        env = _envelope(inp, k)
        h_0[i] = _hazard(inp.lapse_organic_pct_per_year)
        cv_any = max(inp.range_of("village_pool_cv")) > 0
        for j, sc in enumerate(scenarios):
            p = _resolve(sc, inp)
            h_o[i, j], rho[i, j], real_sd[i, j] = p.h_organic, p.rho, p.real_sd
            for name, v in p.overrides.items():
                overrides[name][i, j] = v
            reach[i, j], targeted = _village_reach(sc, inp)
            soft[i, j] = cv_any and not targeted
            n_kel_v = any(getattr(lv, "include_kelurahan", False) for lv in sc.levers)
            units_v[i, j] = inp.n_desa + (inp.n_kelurahan if n_kel_v else 0)
            units_o[i, j] = inp.n_desa + inp.n_kelurahan
            pay_ij = (moy == p.payment_month) & (k >= 1)
            pay[:, i, j] = pay_ij
            annual[i, j] = p.annual
            phase[:, i, j] = (moy - p.payment_month) % 12
            cf = np.where(pay_ij, 12.0 * rate, 0.0) if p.annual else rate
            cost_f[:, i, j] = cf
            kv, ko = np.zeros(T1), np.zeros(T1)
            for lev in sc.levers:
                start = _lever_start(lev, budget_start)
                if lev.end is not None and _month(lev.end) < start:
                    raise ValueError(
                        f"scenario {sc.id!r}: a {lev.kind} lever ends ({lev.end}) before it "
                        f"starts ({start}); give it a start or a later end"
                    )
                cap, on = _lever_capacity(lev, inp, months, rate, budget_start)
                if lev.payer == "village":
                    kv += cap
                    gap_v[:, i, j] |= on & (lev.kind == "fund_gap")
                    has_v[i, j] = True
                else:
                    ko += cap
                    gap_o[:, i, j] |= on & (lev.kind == "fund_gap")
                    has_o[i, j] = True
            # the budget line: capacity x rate in every month (annual: 12 x rate in the
            # payment month), before the envelope cap
            Av[:, i, j] = kv * cf
            Ao[:, i, j] = ko * cf
            Kv[:, i, j] = np.minimum(kv, env)
            Ko[:, i, j] = np.minimum(ko, env)
            has_topup = any(lv.kind == "village_topup" for lv in sc.levers)
            if village_rows_of(inp) is not None and has_village_levers(sc):
                # village resolution: the village-paid places are those of each village
                plan = plan_cell(
                    inp,
                    sc,
                    months,
                    budget_start,
                    rate=rate,
                    cf=cf,
                    reach=reach[i, j],
                    annual=p.annual,
                    pay=pay_ij,
                    rho=p.rho,
                )
                village[(i, j)] = plan
                soft[i, j] = False
                gap_v[:, i, j] = False
                Kv[:, i, j] = np.minimum(plan.K.sum(axis=1), env)
                Av[:, i, j] = plan.app_own
                Ao[:, i, j] += plan.app_top
            elif has_topup:
                raise ValueError(
                    f"scenario {sc.id!r}: a village top-up needs the regency's village file "
                    f"({inp.regency} has none)"
                )
    return _Chunk(
        inputs=inputs,
        months=months,
        Kv=Kv,
        Ko=Ko,
        Av=Av,
        Ao=Ao,
        gap_v=gap_v,
        gap_o=gap_o,
        units_v=units_v,
        units_o=units_o,
        has_v=has_v,
        has_o=has_o,
        cost_f=cost_f,
        rate=rate_all,
        pay=pay,
        phase=phase,
        annual=annual,
        rho=rho,
        h_o=h_o,
        h_0=h_0,
        overrides=overrides,
        real_sd=real_sd,
        reach=reach,
        soft=soft,
        village=village,
    )


_ZS_B = (0.319381530, -0.356563782, 1.781477937, -1.821255978, 1.330274429)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def _ndtr32_(z: np.ndarray, t: np.ndarray, p: np.ndarray, q: np.ndarray, m: np.ndarray) -> None:
    """In place: ``z <- Phi(z)``, the standard normal CDF in float32.

    Zelen & Severo (1964; Abramowitz & Stegun 26.2.17), absolute error < 3e-7 in float32. Only
    float32 ``exp`` and arithmetic (SIMD in numpy) on preallocated buffers ``t, p, q`` (float32)
    and ``m`` (bool) of the same shape: about 4x faster than ``scipy.special.ndtr`` on float64.
    """
    np.abs(z, out=t)
    np.multiply(t, t, out=p)
    p *= np.float32(-0.5)
    np.exp(p, out=p)
    p *= np.float32(_INV_SQRT_2PI)  # phi(|z|)
    t *= np.float32(0.2316419)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    np.multiply(t, np.float32(_ZS_B[4]), out=q)
    for b in _ZS_B[3::-1]:
        q += np.float32(b)
        q *= t
    p *= q  # Phi(-|z|)
    np.greater_equal(z, 0, out=m)
    np.copyto(z, p)
    np.subtract(np.float32(1.0), p, out=z, where=m)


def _tau(k: int, damping: float | None) -> float:
    t = k / 12.0
    if damping is None or damping >= 1.0:
        return t
    return (1.0 - damping**t) / (-math.log(damping))


def _stack(draws: list[dict[str, np.ndarray]], name: str) -> np.ndarray:
    """(R, 1, D) array of one drawn quantity."""
    return np.stack([d[name] for d in draws])[:, None, :]


def _run_chunk(
    ch: _Chunk,
    draws: list[dict[str, np.ndarray]],
    *,
    targets: Sequence[float],
    damping: float | None,
    quantiles: Sequence[float] = (),
    variables: Sequence[str] = (),
    yearly: bool = False,
    last_k: int | None = None,
    trace: Any = None,
    village_months: Sequence[int] = (),
) -> dict[str, Any]:
    """Simulate a chunk; return first-hit indices and (optionally) quantile paths and yearly money.

    ``trace``, if given, is called after every month with ``(k, state)``: ``state`` maps
    ``places_v, places_o, pool, pool_v, funded, coverage`` to the month's (R, S, D) arrays
    (views, valid only during the call; for tests and diagnostics) and ``villages`` to
    ``{(i, j): (V + 1, D) array}``: the active funded workers of each village of a cell at
    village resolution (file order, then the villages the file does not list).

    ``village_months`` lists month indices at which each cell at village resolution records its
    per-village snapshot (``out["villages"][(i, j, k)]``, see ``VillageCell.snapshot``).

    State arrays are ``(R, S, D)`` (places, funded persons); workforce and trend arrays
    ``(R, 1, D)``, organic too when every scenario keeps the baseline organic lapse. Per-month
    arrays are preallocated and updated in place (``out=``) where it matters: allocating fresh
    multi-megabyte temporaries every month costs more in page faults than the arithmetic.
    """
    inputs, months = ch.inputs, ch.months
    T = len(months) - 1 if last_k is None else last_k
    R, S = ch.h_o.shape
    D = len(draws[0]["slope"])
    full, small = (R, S, D), (R, 1, D)
    W0 = np.array([inp.workforce0 for inp in inputs], dtype=float)[:, None, None]
    c0 = np.array([inp.coverage0 for inp in inputs], dtype=float)
    L0 = np.array([_logit(c) for c in c0])[:, None, None]
    slope = _stack(draws, "slope")
    growth = _stack(draws, "growth")
    gw = (1.0 + growth) ** (1.0 / 12.0)
    keep_h0 = 1.0 - ch.h_0[:, None, None]
    same_organic = np.allclose(ch.h_o, ch.h_0[:, None])
    keep_o = (1.0 - ch.h_o)[:, : 1 if same_organic else S, None]

    # drawn parameters (R, 1, D), replaced by a scenario's own value where it sets one (R, S, D)
    def param(name: str) -> np.ndarray:
        ov = ch.overrides[name][:, :, None]
        return np.broadcast_to(np.where(np.isnan(ov), _stack(draws, name), ov), full).copy()

    ov_r = ch.overrides["budget_realisation_mean_pct"][:, :, None]
    r = np.where(
        np.isnan(ov_r),
        _stack(draws, "budget_realisation_mean_pct") / 100.0,
        ov_r / 100.0 + ch.real_sd[:, :, None] * _stack(draws, "z_realisation"),
    )
    r = np.broadcast_to(np.clip(r, 0.0, 1.0), full).copy()
    keep_f = (1.0 - np.clip(param("lapse_funded_pct_per_year") / 100.0, 0.0, 1.0)) ** (1 / 12)
    a_share = np.clip(param("arrears_share_pct") / 100.0, 0.0, 1.0)
    a_months = np.clip(param("arrears_months"), 0.0, 12.0)
    pace = np.maximum(param("enrolment_pace_per_village_month"), 0.0)
    cap_v = pace * ch.units_v[:, :, None]
    cap_o = pace * ch.units_o[:, :, None]
    annual = ch.annual[:, :, None]
    any_annual, all_annual = bool(annual.any()), bool(annual.all())
    rho = ch.rho[:, :, None]
    reach = ch.reach[:, :, None]
    gap_v_any = ch.gap_v.reshape(len(months), -1).any(axis=1)
    gap_o_any = ch.gap_o.reshape(len(months), -1).any(axis=1)
    rho_one = bool(np.all(ch.rho == 1.0))  # no extra smoothing: opn x rho = opn exactly

    # the arrears weights depend on the month of the year only (``phase`` and ``pay`` repeat
    # every 12 months): per calendar month, the share of village-funded workers inactive
    # ``a x w`` with ``w = clip(a_months - phase, 0, 1)``, its complement, and the share of
    # contributions unpaid (annual: the months unpaid, booked in the payment month)
    moy = months.month.to_numpy()
    inact_m: dict[int, np.ndarray] = {}
    keep_m: dict[int, np.ndarray] = {}
    unpaid_m: dict[int, np.ndarray] = {}
    for k in range(1, T + 1):
        mk = int(moy[k])
        if mk in inact_m:
            continue
        w = np.clip(a_months - ch.phase[k][:, :, None], 0.0, 1.0)
        inact_m[mk] = a_share * w
        keep_m[mk] = 1.0 - inact_m[mk]
        if any_annual:
            unpaid_m[mk] = a_share * np.where(annual, ch.pay[k][:, :, None] * a_months, w)
        else:
            unpaid_m[mk] = inact_m[mk]

    # cells at village resolution: one VillageCell per regency x scenario with a village file
    cells: dict[tuple[int, int], VillageCell] = {}
    rnds: dict[int, VillageRandom] = {}
    for (i, j), plan in ch.village.items():
        if i not in rnds:
            vseed = draws[i].get("village_seed")
            if vseed is None:
                vseed = village_seed(0, inputs[i].regency)
            rnds[i] = VillageRandom(int(vseed), len(plan.order), D)
        cv_i = np.asarray(draws[i]["village_pool_cv"], dtype=float)
        cells[(i, j)] = VillageCell(
            plan,
            months,
            rnds[i],
            keep_f=keep_f[i, j],
            pace=pace[i, j],
            a_share=a_share[i, j],
            a_months=a_months[i, j],
            real=r[i, j],
            sigma=np.sqrt(np.log1p(cv_i * cv_i)),
        )
    snap_ks = {int(x) for x in village_months}
    snaps: dict[tuple[int, int, int], dict] = {}
    if cells:
        v_inact = np.zeros(full)
        v_gap = np.zeros(full)

    # evenly spread village places (soft matching) on the scenario columns that have them; a
    # cell without village-paid levers has no village places, where the spread gives the hard
    # minimum (0) exactly, so only cells with village-paid levers need it
    soft_cells = ch.soft & ch.has_v
    cols = np.nonzero(soft_cells.any(axis=0))[0]
    ns = cols.size
    if ns:
        soft_sub = soft_cells[:, cols][:, :, None]
        all_soft = bool(soft_sub.all())
        cv = _stack(draws, "village_pool_cv")
        sig = np.sqrt(np.log1p(cv * cv))
        sig = np.broadcast_to(np.maximum(sig, 1e-7), (R, ns, D)).astype(np.float32)
        half_s2 = np.float32(0.5) * sig * sig
        sub = (R, ns, D)
        # [0]: ln pool, then z_a; [1]: ln places, then z_b: both CDFs in one call
        l2, z2, t32, p32, q32 = (np.empty((2, *sub), dtype=np.float32) for _ in range(5))
        lx = np.empty(sub, dtype=np.float32)
        za, zb = z2[0], z2[1]
        ms = np.empty((2, *sub), dtype=bool)
        P_s, S_s, F_s, H_s = (np.empty(sub) for _ in range(4))

    W = np.broadcast_to(W0, small).copy()
    Otr = W * c0[:, None, None]
    Otr_new = np.empty(small)
    tmp = np.empty(small)
    gin = np.empty(small)
    org = np.broadcast_to(Otr, (R, keep_o.shape[1], D)).copy()
    pool = np.empty(org.shape)
    Sv, So = np.zeros(full), np.zeros(full)
    Fo, Pr, Fv, funded, active, cov, opn, new_v, new_o, inact = (np.empty(full) for _ in range(10))
    m1, m2 = np.empty(full, dtype=bool), np.empty(full, dtype=bool)
    k_gap = np.empty(full)  # capacity of the month where a fund_gap lever pays

    # places of other payers only in the scenario columns with such levers: elsewhere the
    # capacity is 0 in every month, so places, sign-ups and funded persons stay exactly 0
    cols_o = np.nonzero(ch.has_o.any(axis=0))[0]
    no = cols_o.size
    sub_o = not cells and no < S
    if sub_o:
        Fo.fill(0.0)
        new_o.fill(0.0)
        So_c, Fo_c, new_c, opn_c, k_gap_c = (np.empty((R, no, D)) for _ in range(5))
        So_c.fill(0.0)
        Ko_c = ch.Ko[:, :, cols_o]
        gap_o_c = ch.gap_o[:, :, cols_o]
        cap_o_c = cap_o[:, cols_o]
        col_o = (keep_f[:, cols_o], rho[:, cols_o], annual[:, cols_o], opn_c, cols_o)
    col_all = (keep_f, rho, annual, opn, slice(None))

    def fill(places, K, cap, new, k, cs=col_all):
        """Places after lapse and new sign-ups at the pace; ``new`` gets the sign-ups.

        ``cs``: (keep_f, rho, annual, open places buffer, columns) of the columns simulated.
        """
        kf, rh, an, op, cc = cs
        places *= kf
        np.subtract(K, places, out=op)
        np.maximum(op, 0.0, out=op)
        if not all_annual:
            if rho_one:
                np.minimum(op, cap, out=new)
            else:
                np.multiply(op, rh, out=new)
                np.minimum(new, cap, out=new)
        if any_annual:
            pay_k = ch.pay[k][:, cc][:, :, None]
            at_pay = np.where(pay_k, np.minimum(op, 12.0 * cap), 0.0)
            np.copyto(new, at_pay, where=np.broadcast_to(an, new.shape))
        places += new
        np.minimum(places, K, out=places)

    targets = [float(x) for x in targets]
    hits = np.full((len(targets), R, S, D), -1, dtype=np.int32)
    for ti, tg in enumerate(targets):
        hits[ti][np.broadcast_to(c0[:, None, None] >= tg, full)] = 0

    nq = len(quantiles)
    stats: dict[str, np.ndarray] = {}
    if variables:
        lo, hi, frac = _quantile_positions(quantiles, D)
        lohi = np.concatenate([lo, hi])
        frac32 = frac.astype(np.float32)
        for v in variables:
            stats[v] = np.empty((T + 1, R, S, nq + 1))
        # the workforce keeps the order of its monthly growth factors in every month (W0 > 0,
        # W <- W x gw is monotone in gw), so its order statistics need no sort
        w_idx = None
        if "workforce" in variables and bool(np.all(W0 > 0) & np.all(gw > 0)):
            order = np.take(np.argsort(gw, axis=-1), lohi, axis=-1)  # (R, 1, 2 nq)
            w_idx = (order + D * np.arange(R)[:, None, None]).ravel()  # into W.ravel()
        # the order statistics are taken for several months at once (more rows per call: see
        # order_stats): each month's values are copied into a float32 stack per group of
        # variables of one shape, and the stack's quantiles are written when it is full or
        # the loop ends; means are written at once, from the values themselves
        stacks: dict[tuple, np.ndarray] = {}
        pending: dict[tuple, list[int]] = {}

        def flush(key):
            months_ = pending[key]
            if not months_:
                return
            names = key[1]
            ab = order_statistics(stacks[key][: len(months_)], lohi)
            a = ab[..., :nq]
            q = a + (ab[..., nq:] - a) * frac32  # (months, variables, ..., nq)
            for m, kk in enumerate(months_):
                for n, v in enumerate(names):
                    stats[v][kk][..., :-1] = q[m, n]
            months_.clear()

        def record(kk, vals):
            groups: dict[tuple, list[str]] = {}
            for v in variables:
                x = vals[v]
                out = stats[v][kk]
                out[..., -1] = np.add.reduce(x, axis=-1) / D  # = x.mean(axis=-1), no overhead
                if v == "workforce" and w_idx is not None and x is W:
                    ab = x.ravel()[w_idx].reshape(R, 1, 2 * nq).astype(np.float32)
                    a = ab[..., :nq]
                    out[..., :-1] = a + (ab[..., nq:] - a) * frac32
                else:
                    groups.setdefault(x.shape, []).append(v)
            for shape, names in groups.items():
                key = (shape, tuple(names))
                if key not in stacks:
                    stacks[key] = np.empty((_MONTHS_PER_CALL, len(names), *shape), np.float32)
                    pending[key] = []
                slot = stacks[key][len(pending[key])]
                for n, v in enumerate(names):
                    np.copyto(slot[n], vals[v], casting="same_kind")
                pending[key].append(kk)
                if len(pending[key]) == _MONTHS_PER_CALL:
                    flush(key)

        zero = np.zeros(small)
        record(
            0,
            {
                "coverage": np.broadcast_to(c0[:, None, None], small),
                "active": org,
                "funded": zero,
                "organic": org,
                "workforce": W,
                "cost_rp": zero,
            },
        )

    years = months.year.to_numpy()
    y_rows: list[dict] = []
    money = bool(variables) or yearly
    if money:
        spend_o, spend_v, arr, cost = (np.empty(full) for _ in range(4))
    if yearly:
        acc = {n: np.zeros(full) for n in ("app_v", "app_o", "sp_v", "sp_o", "arr", "new", "paid")}
        if not cells and not gap_v_any.any():  # the village appropriation is the same in every draw
            acc["app_v"] = np.zeros((R, S, 1))
        extra = np.empty(full)
        if sub_o:  # money of other payers only in their columns (0 elsewhere)
            acc["app_o"] = np.zeros((R, no, D))
            extra_c = np.empty((R, no, D))
            Ao_c = ch.Ao[:, :, cols_o]
        n_in_year = 0
        unit_any = np.where(ch.has_o | ~ch.has_v, ch.units_o, ch.units_v)[:, :, None]
        unit_any = np.where(unit_any > 0, unit_any, np.nan)

    for k in range(1, T + 1):
        # workforce and organic trend
        W *= gw
        np.multiply(slope, -_tau(k, damping), out=tmp)
        tmp -= L0
        with np.errstate(over="ignore"):  # exp(+large) = inf -> organic trend 0, as intended
            np.exp(tmp, out=tmp)
        tmp += 1.0
        np.divide(W, tmp, out=Otr_new)
        np.multiply(Otr, keep_h0, out=gin)
        np.subtract(Otr_new, gin, out=gin)
        np.maximum(gin, 0.0, out=gin)
        Otr, Otr_new = Otr_new, Otr
        org *= keep_o
        org += gin
        np.minimum(org, W, out=org)
        np.subtract(W, org, out=pool)
        cf = ch.cost_f[k][:, :, None]
        # other payers first: places fill at the pace, fund_gap capacity = the pool
        if not sub_o:
            Ko = ch.Ko[k][:, :, None]
            if gap_o_any[k]:  # = np.where(gap, max(Ko, pool), Ko) without temporaries
                np.maximum(Ko, pool, out=k_gap)
                np.copyto(k_gap, Ko, where=~ch.gap_o[k][:, :, None])
                Ko = k_gap
            fill(So, Ko, cap_o, new_o, k)
            np.minimum(So, pool, out=Fo)
        elif no:
            pool_c = pool if pool.shape[1] == 1 else pool[:, cols_o]
            Ko = Ko_c[k][:, :, None]
            if gap_o_any[k]:
                np.maximum(Ko, pool_c, out=k_gap_c)
                np.copyto(k_gap_c, Ko, where=~gap_o_c[k][:, :, None])
                Ko = k_gap_c
            fill(So_c, Ko, cap_o_c, new_c, k, col_o)
            np.minimum(So_c, pool_c, out=Fo_c)
            Fo[:, cols_o] = Fo_c
            new_o[:, cols_o] = new_c
            if trace is not None:
                So[:, cols_o] = So_c
        # village places in the part of the rest village money can reach
        np.subtract(pool, Fo, out=Pr)
        Pr *= reach
        Kv = ch.Kv[k][:, :, None]
        if gap_v_any[k]:
            np.maximum(Kv, Pr, out=k_gap)
            np.copyto(k_gap, Kv, where=~ch.gap_v[k][:, :, None])
            Kv = k_gap
        fill(Sv, Kv, cap_v, new_v, k)
        np.minimum(Sv, Pr, out=Fv)
        if ns:
            np.take(Sv, cols, axis=1, out=S_s)
            if S_s.any():
                np.take(Pr, cols, axis=1, out=P_s)
                with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                    np.copyto(l2[0], P_s, casting="same_kind")
                    np.copyto(l2[1], S_s, casting="same_kind")
                    np.log(l2, out=l2)
                    np.subtract(l2[1], l2[0], out=lx)  # ln(places / pool)
                    np.subtract(lx, half_s2, out=za)
                    np.add(lx, half_s2, out=zb)
                    np.negative(zb, out=zb)
                    z2 /= sig
                    _ndtr32_(z2, t32, p32, q32, ms)  # za <- Phi(za), zb <- Phi(zb)
                    np.multiply(P_s, za, out=F_s)
                    np.multiply(zb, S_s, out=H_s)
                    F_s += H_s
                np.take(Fv, cols, axis=1, out=H_s)
                np.fmin(F_s, H_s, out=F_s)  # NaN (no places and no pool) -> the hard minimum
                if not all_soft:
                    np.copyto(F_s, H_s, where=~soft_sub)
                Fv[:, cols] = F_s
        Fv *= r  # only the villages that really pay
        if cells:
            for (i, j), cell in cells.items():
                pj = 0 if pool.shape[1] == 1 else j
                res_v = cell.step(k, pool[i, pj] - Fo[i, j])
                if k in snap_ks:
                    snaps[(i, j, k)] = cell.snapshot(k)
                if res_v is None:
                    Fv[i, j] = 0.0
                    v_inact[i, j] = 0.0
                    v_gap[i, j] = 0.0
                    continue
                own = res_v["own"]
                Fv[i, j] = own
                Fo[i, j] += res_v["top"]
                Sv[i, j] = res_v["places"]
                new_v[i, j] = res_v["new"]
                v_gap[i, j] = res_v["gap"]
                with np.errstate(divide="ignore", invalid="ignore"):
                    v_inact[i, j] = np.where(own > 0, res_v["inactive"] / own, 0.0)
        # villages in arrears: share a of village-funded workers inactive in the first
        # arrears_months months of the budget year (fractional months count pro rata)
        mk = int(moy[k])
        if cells:
            np.copyto(inact, inact_m[mk])
            for i, j in cells:
                inact[i, j] = v_inact[i, j]
            np.subtract(1.0, inact, out=funded)
            funded *= Fv
        else:
            np.multiply(keep_m[mk], Fv, out=funded)
        funded += Fo
        np.add(funded, org, out=active)
        np.divide(active, W, out=cov)
        if trace is not None:
            trace(
                k,
                {
                    "places_v": Sv,
                    "places_o": So,
                    "pool": np.broadcast_to(pool, full),
                    "pool_v": Pr,
                    "funded": funded,
                    "coverage": cov,
                    "villages": {ij: c.funded_rows(k) for ij, c in cells.items()},
                },
            )
        for ti, tg in enumerate(targets):
            h = hits[ti]
            np.greater_equal(cov, tg, out=m1)
            np.less(h, 0, out=m2)
            m1 &= m2
            np.copyto(h, k, where=m1)
        if money:
            np.multiply(Fo, cf, out=spend_o)
            # contributions due but unpaid by villages in arrears (annual: the months unpaid,
            # booked in the payment month)
            rate_k = ch.rate[k][:, None, None]
            np.multiply(unpaid_m[mk], Fv, out=arr)
            arr *= rate_k
            if cells:  # village resolution: the contributions of villages in arrears
                for i, j in cells:
                    arr[i, j] = inact[i, j] * Fv[i, j] * cf[i, j if cf.shape[1] > 1 else 0]
            np.multiply(Fv, cf, out=spend_v)
            spend_v -= arr
        if variables:
            record(
                k,
                {
                    "coverage": cov,
                    "active": active,
                    "funded": funded,
                    "organic": org,
                    "workforce": W,
                    "cost_rp": np.add(spend_o, spend_v, out=cost),
                },
            )
        if yearly:
            acc["app_v"] += ch.Av[k][:, :, None]
            acc["app_o"] += (Ao_c if sub_o else ch.Ao)[k][:, :, None]
            # a gap lever's money: max(pool - fixed capacity, 0) x cost, in its cells only
            # (the sums are >= +0, so the cells skipped would add 0.0 and stay as they are)
            if gap_v_any[k]:
                np.subtract(Pr, ch.Kv[k][:, :, None], out=extra)
                np.maximum(extra, 0.0, out=extra)
                extra *= cf
                np.add(acc["app_v"], extra, out=acc["app_v"], where=ch.gap_v[k][:, :, None])
            if gap_o_any[k] and sub_o:
                np.subtract(pool_c, Ko_c[k][:, :, None], out=extra_c)
                np.maximum(extra_c, 0.0, out=extra_c)
                extra_c *= cf if cf.shape[1] == 1 else cf[:, cols_o]
                np.add(acc["app_o"], extra_c, out=acc["app_o"], where=gap_o_c[k][:, :, None])
            elif gap_o_any[k]:
                np.subtract(pool, ch.Ko[k][:, :, None], out=extra)
                np.maximum(extra, 0.0, out=extra)
                extra *= cf
                np.add(acc["app_o"], extra, out=acc["app_o"], where=ch.gap_o[k][:, :, None])
            if cells:
                acc["app_v"] += v_gap * cf
            acc["sp_v"] += spend_v
            acc["sp_o"] += spend_o
            acc["arr"] += arr
            acc["new"] += new_v
            acc["new"] += new_o
            acc["paid"] += Fo
            acc["paid"] += Fv
            n_in_year += 1
            if k == T or years[k + 1] != years[k]:
                spend = acc["sp_v"] + acc["sp_o"]
                with np.errstate(invalid="ignore"):
                    per_unit = acc["new"] / (unit_any * n_in_year)
                app_o = acc["app_o"]
                if sub_o:
                    app_o = np.zeros(full)
                    app_o[:, cols_o] = acc["app_o"]
                y_rows.append(
                    {
                        "year": int(years[k]),
                        "months": n_in_year,
                        "persons_funded_p50": np.median(acc["paid"] / n_in_year, axis=-1),
                        "signups_p50": np.median(acc["new"], axis=-1),
                        "signups_per_unit_month_p50": np.median(per_unit, axis=-1),
                        "appropriation_rp": np.median(acc["app_v"] + app_o, axis=-1),
                        "appropriation_village_rp": np.median(acc["app_v"], axis=-1),
                        "appropriation_other_rp": np.median(app_o, axis=-1),
                        "spending_q": np.quantile(spend, [0.1, 0.5, 0.9], axis=-1),
                        "spending_village_p50": np.median(acc["sp_v"], axis=-1),
                        "arrears_rp_p50": np.median(acc["arr"], axis=-1),
                    }
                )
                for x in acc.values():
                    x[...] = 0.0
                n_in_year = 0
    if variables:
        for key in pending:
            flush(key)
    return {"hits": hits, "stats": stats, "yearly": y_rows, "villages": snaps, "cells": cells}
