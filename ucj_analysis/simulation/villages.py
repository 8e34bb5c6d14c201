"""The engine at village resolution: each village's pool, places, pace and arrears.

For a regency whose inputs carry a village file (``inputs.villages``, a
:class:`~ucj_analysis.village_rows.VillageRows`) the village-paid levers of a scenario (and a
regency top-up earmarked to villages, :class:`VillageTopUp`) are simulated village by village;
the regency's village-funded workers are the sum over villages and everything downstream (time
to target, quantiles, money, yearly rows) is unchanged. ``plan_cell`` builds the deterministic
arrays of one regency x scenario (capacities per village and month); :class:`VillageCell` steps
them month by month over the draws, in float32 ``(villages, draws)`` arrays updated in place.
The equations are in :mod:`ucj_analysis.engine`.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from ucj_analysis.inputs import RegencyInputs
from ucj_analysis.scenarios import Lever, Scenario
from ucj_analysis.simulation.levers import _lever_capacity, _lever_start, _month

__all__ = ["VillageTopUp", "village_rows_of", "has_village_levers"]


@dataclass(frozen=True, kw_only=True)
class VillageTopUp(Lever):
    """A regency (APBD) top-up earmarked to villages, paid by the regency directly.

    Places of village ``v`` = ``amounts_rp_per_year[v] / (12 x rate)``; they enrol the village's
    uncovered workers before the village's own money does, at the enrolment pace, with no
    village realisation or arrears (the regency pays). Used by
    :func:`ucj_analysis.simulation.topup.solve_topup`.

    Parameters
    ----------
    amounts_rp_per_year : tuple of float
        One amount per row of the village file, in file order, and a last one for the villages
        of the regency the file does not list. [Rp per year]
    """

    kind: ClassVar[str] = "village_topup"
    amounts_rp_per_year: tuple[float, ...]
    payer: str = "regency"


def village_rows_of(inp: RegencyInputs) -> Any:
    """The regency's village file (``VillageRows``) or ``None``."""
    return inp.villages


def has_village_levers(sc: Scenario) -> bool:
    """True when a scenario has a lever simulated village by village."""
    return any(lv.payer == "village" or lv.kind == "village_topup" for lv in sc.levers)


def _f32(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float32)


@dataclass
class VillagePlan:
    """Deterministic arrays of one regency x scenario at village resolution.

    Rows are internal: the villages with an uncovered figure first (``nd`` rows, weights ``w``),
    then the other villages of the file, then one row for the villages of the regency the file
    does not list (``units`` of them); the last two form the group ``nd:`` that shares the pool
    ``g_weight`` with the lognormal spread. ``order[r]`` is the file row of internal row ``r``
    (-1 for the unlisted villages).
    """

    regency: str
    nd: int
    order: np.ndarray  # (V1,) file row of each internal row, -1 = villages not listed
    w: np.ndarray  # (nd,) pool weights of the villages with data
    g_weight: float  # pool share of the group (villages without an uncovered figure)
    reach_g: float  # share of the group's pool village money can reach
    units_own: np.ndarray  # (V1,) villages the own-money pace counts per row
    units_all: np.ndarray  # (V1,) villages per row (top-up pace, even split of the group pool)
    K: np.ndarray  # (T1, V1) own places per month (village money) [persons]
    Ktop: np.ndarray | None  # (T1, V1) top-up places per month [persons]
    gap_on: np.ndarray  # (T1,) a village fund_gap pays this month
    drop: np.ndarray  # (T1,) places may exceed this month's capacity (cap them)
    history: np.ndarray  # (V1,) bool: payment history in the file (realisation = 1)
    p_hist: tuple[np.ndarray, np.ndarray]  # Beta(a, b) of the late-payment probability
    paid_before: np.ndarray  # (V1,) first budget year not known as paid (-inf / year)
    late_to: np.ndarray  # (V1,) last budget year known as late (-inf = none)
    deadline: tuple[int, int]  # (month, day)
    cf: np.ndarray  # (T1,) money per paid place [Rp]
    rate: np.ndarray  # (T1,) contribution rate [Rp per person per month]
    annual: bool
    pay: np.ndarray  # (T1,) payment months (annual cycle)
    rho: float
    app_own: np.ndarray  # (T1,) appropriation of village money [Rp]
    app_top: np.ndarray  # (T1,) appropriation of the top-up [Rp]
    warnings: list[dict] = field(default_factory=list)


def _fund_ratio(inp: RegencyInputs, fund: str, years: np.ndarray, y_ref: int) -> np.ndarray:
    """``F(y) / F(y_ref)`` of the regency's fund (1 where unknown)."""
    f = inp.fund_per_year(fund, years)
    f_ref = inp.fund_per_year(fund, np.array([y_ref]))[0]
    if not (np.isfinite(f_ref) and f_ref > 0):
        return np.ones(len(years))
    return np.where(np.isfinite(f), f / f_ref, 1.0)


def plan_cell(
    inp: RegencyInputs,
    sc: Scenario,
    months: pd.PeriodIndex,
    budget_start: pd.Period,
    *,
    rate: np.ndarray,
    cf: np.ndarray,
    reach: float,
    annual: bool,
    pay: np.ndarray,
    rho: float,
) -> VillagePlan:
    """Capacities per village and month of the village-paid levers (and top-up) of a scenario.

    Parameters
    ----------
    inp : RegencyInputs
        A regency with a village file (``inp.villages``).
    sc : Scenario
    months : pandas.PeriodIndex
        Simulated months (index 0 = start observation).
    budget_start : pandas.Period
        Start of levers without ``start``.
    rate, cf : numpy.ndarray
        Contribution rate and money per paid place in each month. [Rp per person per month]
    reach : float
        Share of the group's pool village money can reach. [proportion]
    annual, pay, rho :
        Payment cycle, payment months and extra enrolment smoothing of the scenario.

    Returns
    -------
    VillagePlan
    """
    vr = village_rows_of(inp)
    n = len(vr)
    T1 = len(months)
    is_kel = np.asarray(vr.is_kelurahan, dtype=bool)
    unc = np.asarray(vr.uncovered, dtype=float)
    has = np.isfinite(unc) & (unc >= 0)
    warnings: list[dict] = []
    pool0 = inp.workforce0 * (1.0 - inp.coverage0)
    w_all = np.where(has, unc, 0.0) / pool0 if pool0 > 0 else np.zeros(n)
    s = float(w_all.sum())

    def warn(code: str, what: str) -> None:
        warnings.append(
            {
                "code": code,
                "regency": inp.regency,
                "villages_uncovered": float(np.nansum(unc)),
                "regency_pool": float(pool0),
                "message": f"{inp.regency}: the villages' uncovered workers "
                f"({np.nansum(unc):,.0f}) {what} the regency's uncovered pool at the start "
                f"({pool0:,.0f}); the village weights are scaled to sum to 1",
            }
        )

    if s > 1.0:
        warn("village_pool_above_regency", "exceed")
        w_all = w_all / s
    n_listed_units = n + max(int(inp.n_desa) - int((~is_kel).sum()), 0)
    n_listed_units += max(int(inp.n_kelurahan) - int(is_kel.sum()), 0)
    if 0 < s < 1.0 and has.all() and n_listed_units == n:
        # every village has a figure: the figures give the distribution, the regency's pool
        # the level
        if s < 0.99:
            warn("village_pool_below_regency", "(every village listed) fall short of")
        w_all = w_all / s
    order = np.concatenate([np.nonzero(has)[0], np.nonzero(~has)[0], [-1]]).astype(int)
    nd = int(has.sum())
    V1 = n + 1
    n_desa_file = int((~is_kel).sum())
    n_kel_file = int(is_kel.sum())
    miss_desa = max(int(inp.n_desa) - n_desa_file, 0)
    miss_kel = max(int(inp.n_kelurahan) - n_kel_file, 0)
    kel_row = np.concatenate([is_kel[order[:-1]], [False]])
    desa_units = np.concatenate([(~is_kel[order[:-1]]).astype(float), [miss_desa]])
    kel_units = np.concatenate([is_kel[order[:-1]].astype(float), [miss_kel]])
    units_all = desa_units + kel_units
    n_desa_all = n_desa_file + miss_desa

    y = months.year.to_numpy()
    y_ref = vr.data_month.year if getattr(vr, "data_month", None) is not None else budget_start.year

    def col(name: str) -> np.ndarray:
        x = np.asarray(getattr(vr, name), dtype=float)
        return np.concatenate([x[order[:-1]], [np.nan]])

    add_v, dd_v, bud_v = col("add_rp"), col("dd_rp"), col("budget_rp")
    incl_kel = any(getattr(lv, "include_kelurahan", False) for lv in sc.levers)
    units_own = desa_units + (kel_units if incl_kel else 0.0)
    K = np.zeros((T1, V1))
    Ktop = None
    gap_on = np.zeros(T1, dtype=bool)
    for lev in sc.levers:
        if lev.payer != "village" and lev.kind != "village_topup":
            continue
        start = _lever_start(lev, budget_start)
        ords = months.asi8
        since = ords - start.ordinal
        on = since >= 0
        on[0] = False
        if lev.end is not None:
            on &= ords <= _month(lev.end).ordinal
        grow = (1.0 + lev.growth_pct_per_year / 100.0) ** (np.maximum(since, 0) / 12.0)
        kind = lev.kind
        if kind == "village_topup":
            amt = np.asarray(lev.amounts_rp_per_year, dtype=float)
            if amt.size != V1:
                raise ValueError(
                    f"{inp.regency}: a village top-up needs {V1} amounts (one per village row and "
                    f"one for the villages not listed), got {amt.size}"
                )
            b = np.concatenate([amt[:-1][order[:-1]], amt[-1:]])
            a = np.where(on, grow / (12.0 * rate), 0.0)
            Ktop = (Ktop if Ktop is not None else 0.0) + np.outer(a, b)
            continue
        if kind == "share_of_fund":
            ratio = _fund_ratio(inp, lev.fund, y, y_ref)
            a = np.where(on, np.minimum(lev.share_pct / 100.0 * grow, 1.0), 0.0)
            a = a * ratio / (12.0 * rate)
            own = add_v if lev.fund == "ADD" else dd_v
            f_ref = inp.fund_per_year(lev.fund, np.array([y_ref]))[0]
            per_desa = f_ref / n_desa_all if n_desa_all > 0 else 0.0
            need_fallback = ((~np.isfinite(own)) & (desa_units > 0)).any()
            if need_fallback and not np.isfinite(per_desa):
                raise ValueError(
                    f"{inp.regency}: no {lev.fund} amount for a share_of_fund lever "
                    f"(village file, village_funds.csv or assumption)"
                )
            b = np.where(np.isfinite(own) & ~kel_row, own, per_desa * desa_units)
            b[-1] = per_desa * desa_units[-1] if np.isfinite(per_desa) else 0.0
        elif kind == "quota_per_village":
            a = np.where(on, lev.persons_per_desa * grow, 0.0)
            b = desa_units + (kel_units if lev.include_kelurahan else 0.0)
        elif kind == "village_budgets":
            a = np.where(on, grow / (12.0 * rate), 0.0)
            ok = np.isfinite(bud_v) & (~kel_row | lev.include_kelurahan)
            b = np.where(ok, bud_v, 0.0)
        elif kind == "fund_gap":
            gap_on |= on
            continue
        else:  # a regency-size lever paid by villages: spread evenly over the desa
            cap, _ = _lever_capacity(lev, inp, months, rate, budget_start)
            a = cap
            tot = desa_units.sum() if desa_units.sum() > 0 else units_all.sum()
            b = (desa_units if desa_units.sum() > 0 else units_all) / max(tot, 1.0)
        K += np.outer(a, b)
    drop = np.zeros(T1, dtype=bool)
    drop[1:] = (K[1:] < K[:-1] - 1e-9).any(axis=1)
    if Ktop is not None:
        drop[1:] |= (Ktop[1:] < Ktop[:-1] - 1e-9).any(axis=1)
    drop |= gap_on
    if annual:
        drop[:] = True

    # payment behaviour from the file
    late = col("late_years")
    hist = col("history_years")
    history = np.isfinite(hist) & (hist > 0)
    late = np.where(history, np.clip(np.nan_to_num(late), 0.0, np.where(history, hist, 0.0)), 0.0)
    p_a = 1.0 + late
    p_b = 1.0 + np.where(history, hist, 0.0) - late
    paid = col("paid_until")
    known = np.isfinite(paid)
    y_u = np.full(V1, -np.inf)
    if known.any():
        first_unpaid = paid[known].astype(np.int64) + 1
        y_u[known] = pd.PeriodIndex.from_ordinals(first_unpaid, freq="M").year.to_numpy()
    y_ref_status = (
        vr.data_month.year
        if getattr(vr, "data_month", None) is not None
        else (inp.start_month.year)
    )
    late_to = np.where(known & (y_u <= y_ref_status), float(y_ref_status), -np.inf)
    app_own = K.sum(axis=1) * cf
    app_top = Ktop.sum(axis=1) * cf if Ktop is not None else np.zeros(T1)
    g_weight = max(1.0 - float(w_all.sum()), 0.0)
    return VillagePlan(
        regency=inp.regency,
        nd=nd,
        order=order,
        w=_f32(w_all[order[:nd]]),
        g_weight=g_weight,
        reach_g=float(reach),
        units_own=units_own,
        units_all=units_all,
        K=_f32(K),
        Ktop=None if Ktop is None else _f32(Ktop),
        gap_on=gap_on,
        drop=drop,
        history=history,
        p_hist=(p_a, p_b),
        paid_before=y_u,
        late_to=late_to,
        deadline=tuple(sc.payment_deadline),
        cf=np.asarray(cf, dtype=float),
        rate=np.asarray(rate, dtype=float),
        annual=bool(annual),
        pay=np.asarray(pay, dtype=bool),
        rho=float(rho),
        app_own=app_own,
        app_top=app_top,
        warnings=warnings,
    )


def village_seed(seed: int, regency: str) -> int:
    """Seed of a regency's village random numbers (separate from its parameter stream)."""
    ss = np.random.SeedSequence(
        [int(seed) & 0xFFFFFFFF, zlib.crc32(regency.encode("utf-8")), 0x76696C6C]
    )
    return int(ss.generate_state(1)[0])


class VillageRandom:
    """Uniform numbers per budget year for a regency's villages, shared by its scenarios."""

    def __init__(self, seed: int, n_rows: int, n_draws: int):
        self.seed, self.shape = int(seed), (n_rows, n_draws)
        self._cache: dict[int, np.ndarray] = {}

    def year(self, y: int) -> np.ndarray:
        """``(V1, D)`` float32 uniforms of budget year ``y``."""
        u = self._cache.get(y)
        if u is None:
            rng = np.random.default_rng([self.seed, int(y) - 1900])
            u = rng.random(self.shape, dtype=np.float32)
            for old in [k for k in self._cache if k < y - 1]:
                del self._cache[old]
            self._cache[y] = u
        return u

    def beta(self, a: np.ndarray, b: np.ndarray, n_draws: int) -> np.ndarray:
        """``(len(a), D)`` late-payment probabilities drawn from Beta(a, b) per village and
        draw."""
        rng = np.random.default_rng([self.seed, 0])
        return rng.beta(a[:, None], b[:, None], size=(len(a), n_draws)).astype(np.float32)


def _matched(places: np.ndarray, pool: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    from ucj_analysis.simulation.matching import matched_persons

    return matched_persons(places, pool, sigma)


class VillageCell:
    """The monthly state of one regency x scenario at village resolution (see ``step``).

    Parameters
    ----------
    plan : VillagePlan
    months : pandas.PeriodIndex
    rnd : VillageRandom
        The regency's uniform numbers (common to its scenarios).
    keep_f, pace, a_share, a_months, real, sigma : numpy.ndarray
        Per draw ``(D,)``: monthly keep share of funded places, enrolment pace [persons per
        village per month], share of villages late each year (no history) [proportion], months
        a late village stays unpaid after the deadline [months], realisation share of villages
        without a payment history [proportion], log-sd of the pool of the group.
    """

    def __init__(self, plan, months, rnd, *, keep_f, pace, a_share, a_months, real, sigma):
        self.plan = plan
        V1 = len(plan.order)
        D = len(keep_f)
        self.V1, self.D = V1, D
        f32 = np.float32
        self.ords = months.asi8
        self.years = months.year.to_numpy()
        self.keep_f = np.broadcast_to(_f32(keep_f)[None, :], (V1, D)).copy()
        self.cap_own = _f32(plan.units_own)[:, None] * _f32(pace)[None, :]
        self.cap_top = _f32(plan.units_all)[:, None] * _f32(pace)[None, :]
        self.a_months = np.asarray(a_months, dtype=float)
        self.sigma = np.asarray(sigma, dtype=float)
        self.real = np.where(plan.history[:, None], f32(1.0), _f32(real)[None, :]).astype(f32)
        self.rnd = rnd
        p = np.broadcast_to(_f32(a_share)[None, :], (V1, D)).copy()
        if plan.history.any():
            h = plan.history
            p[h] = rnd.beta(plan.p_hist[0][h], plan.p_hist[1][h], D)
        self.p = p
        self.rho = f32(plan.rho)
        self.keep_f64 = np.asarray(keep_f, dtype=float)
        self.ones = np.ones(V1, f32)
        self.S = np.zeros((V1, D), f32)
        self.opn = np.zeros((V1, D), f32)
        self.P = np.zeros((V1, D), f32)
        self.F = np.zeros((V1, D), f32)
        self.Kd = np.zeros((V1, D), f32) if plan.gap_on.any() else None
        self._sum_S = np.zeros(D)
        self._ratio = np.zeros(D)
        self.has_top = plan.Ktop is not None
        if self.has_top:
            self.St = np.zeros((V1, D), f32)
            self.Ft = np.zeros((V1, D), f32)
            self._sum_St = np.zeros(D)
        self._L: dict[int, np.ndarray] = {}
        self._RL: dict[int, np.ndarray] = {}
        self._t0: dict[int, float] = {}
        self.units_g = float(plan.units_all[plan.nd :].sum())
        self.share_g = (
            _f32(plan.units_all[plan.nd :] / self.units_g)[:, None]
            if self.units_g > 0
            else np.zeros((V1 - plan.nd, 1), f32)
        )
        self.active = False
        self._R = np.zeros(D)
        self._top_g = np.zeros(D)

    # ---------------------------------------------------------------------------------------
    def late(self, y: int) -> np.ndarray:
        """``(V1, D)`` 1 where a village is late in budget year ``y`` (the unlisted row: the
        expected share)."""
        L = self._L.get(y)
        if L is None:
            pl = self.plan
            L = (self.rnd.year(y) < self.p).astype(np.float32)
            L[-1] = self.p[-1]
            known_paid = y < pl.paid_before
            forced = (y <= pl.late_to) & ~known_paid
            L[known_paid] = 0.0
            L[forced] = 1.0
            for old in [k for k in self._L if k < y - 1]:
                del self._L[old]
            self._L[y] = L
        return L

    def overlap(self, k: int) -> list[tuple[int, np.ndarray]]:
        """``[(budget year, (D,) share of month k in that year's arrears episode)]``."""
        mon, day = self.plan.deadline
        o = float(self.ords[k])
        Y = int(self.years[k])
        out = []
        for yy in (Y - 1, Y):
            t0 = self._t0.get(yy)
            if t0 is None:
                per = pd.Period(year=yy, month=mon, freq="M")
                t0 = self._t0[yy] = per.ordinal + day / per.days_in_month
            ov = np.clip(np.minimum(t0 + self.a_months, o + 1.0) - max(t0, o), 0.0, 1.0)
            if ov.any():
                out.append((yy, ov))
        return out

    def in_arrears_at_end(self, k: int) -> np.ndarray:
        """``(V1, D)`` share in arrears at the end of month ``k`` (0/1 for a listed village)."""
        mon, day = self.plan.deadline
        t = float(self.ords[k]) + 1.0 - 1e-6
        Y = int(self.years[k])
        out = np.zeros((self.V1, self.D), np.float32)
        for yy in (Y - 1, Y):
            per = pd.Period(year=yy, month=mon, freq="M")
            t0 = per.ordinal + day / per.days_in_month
            on = (t >= t0) & (t < t0 + self.a_months)
            if on.any():
                out += self.late(yy) * _f32(on)[None, :]
        return out

    def inactive_rows(self, k: int) -> np.ndarray:
        """``(V1, D)`` share of month ``k`` each village is in arrears."""
        out = np.zeros((self.V1, self.D), np.float32)
        for yy, ov in self.overlap(k):
            out += self.late(yy) * _f32(ov)[None, :]
        return out

    # ---------------------------------------------------------------------------------------
    def _sum(self, X: np.ndarray) -> np.ndarray:
        """Sum over the rows of a ``(rows, D)`` float32 array (BLAS), as float64 ``(D,)``."""
        return (self.ones[: X.shape[0]] @ X).astype(np.float64)

    def _fill(self, S, K, cap, k, before) -> tuple[np.ndarray, np.ndarray]:
        """Places after lapse and sign-ups at the pace, in place; ``before`` = ``S``'s row sum.

        Returns the row sums of the places and of the sign-ups ``(D,)``. Monthly cycle without
        smoothing: ``S = min(S' + cap, K)`` (3 passes), the sign-ups ``sum(S) - keep sum(S_prev)``.
        """
        pl = self.plan
        S *= self.keep_f
        if pl.annual or self.rho != 1.0 or pl.drop[k]:
            opn = self.opn
            np.subtract(K, S, out=opn)
            np.maximum(opn, 0.0, out=opn)
            if pl.annual:
                if pl.pay[k]:
                    np.minimum(opn, np.float32(12.0) * cap, out=opn)
                else:
                    opn[...] = 0.0
            else:
                if self.rho != 1.0:
                    opn *= self.rho
                np.minimum(opn, cap, out=opn)
            new = self._sum(opn)
            S += opn
            np.minimum(S, K, out=S)
            return self._sum(S), new
        S += cap
        np.minimum(S, K, out=S)
        after = self._sum(S)
        return after, np.maximum(after - self.keep_f64 * before, 0.0)

    def _group(self, sg: np.ndarray, pool_g: np.ndarray, hard: bool) -> np.ndarray:
        """Funded persons of the group ``(D,)``: its places ``sg`` spread over its villages."""
        if hard:
            return np.minimum(sg, pool_g)
        return _matched(sg, pool_g, self.sigma)

    def rl(self, y: int) -> np.ndarray:
        """``(V1, D)`` realisation x late of budget year ``y`` (cached)."""
        x = self._RL.get(y)
        if x is None:
            x = self.real * self.late(y)
            for old in [q for q in self._RL if q < y - 1]:
                del self._RL[old]
            self._RL[y] = x
        return x

    def step(self, k: int, R: np.ndarray) -> dict[str, np.ndarray] | None:
        """One month. ``R`` ``(D,)``: the regency's uncovered workers left after other payers.

        Returns ``None`` while nothing is funded; else ``own`` (village-funded workers of paying
        villages), ``inactive`` (of which in arrears), ``top`` (top-up funded), ``places``
        (own places), ``new`` (sign-ups), ``gap`` (fund_gap places above the fixed capacity)
        [persons], each ``(D,)``.
        """
        pl = self.plan
        nd = pl.nd
        Kk = pl.K[k]
        Ktk = pl.Ktop[k] if self.has_top else None
        self._R = np.maximum(R, 0.0)
        P = self.P
        np.multiply(pl.w[:, None], _f32(self._R)[None, :], out=P[:nd])
        if not self.active:
            if not (Kk.any() or pl.gap_on[k] or (Ktk is not None and Ktk.any())):
                return None
            self.active = True
        pool_g = pl.g_weight * self._R  # (D,) float64
        top = 0.0
        new_t = 0.0
        if self.has_top:
            self._sum_St, new_t = self._fill(self.St, Ktk[:, None], self.cap_top, k, self._sum_St)
            np.minimum(self.St[:nd], P[:nd], out=self.Ft[:nd])
            P[:nd] -= self.Ft[:nd]
            fg = self._group(self._sum(self.St[nd:]), pool_g, hard=False)
            top = self._sum(self.Ft[:nd]) + fg
            pool_g = pool_g - fg
            self._top_g = fg
        pool_g_own = pl.reach_g * pool_g
        K = Kk[:, None]
        gap = 0.0
        hard = bool(pl.gap_on[k])
        if hard:
            Kd = self.Kd
            np.maximum(K[:nd], P[:nd], out=Kd[:nd])
            np.maximum(K[nd:], self.share_g * _f32(pool_g_own)[None, :], out=Kd[nd:])
            gap = self._sum(Kd) - float(Kk.sum())
            K = Kd
        self._sum_S, new = self._fill(self.S, K, self.cap_own, k, self._sum_S)
        F = self.F
        np.minimum(self.S[:nd], P[:nd], out=F[:nd])
        sg = self._sum(self.S[nd:])
        fg = self._group(sg, pool_g_own, hard)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(sg > 0, fg / sg, 0.0)
        self._ratio = ratio
        Sg = self.S[nd:]
        real = self.real
        own = np.einsum("vd,vd->d", F[:nd], real[:nd]).astype(np.float64)
        own += ratio * np.einsum("vd,vd->d", Sg, real[nd:])
        inactive = np.zeros(self.D)
        for yy, ov in self.overlap(k):
            x = self.rl(yy)
            a = np.einsum("vd,vd->d", F[:nd], x[:nd]).astype(np.float64)
            a += ratio * np.einsum("vd,vd->d", Sg, x[nd:])
            inactive += ov * a
        return {
            "own": own,
            "inactive": np.minimum(inactive, own),
            "top": top,
            "places": self._sum_S,
            "new": new + new_t,
            "gap": gap,
        }

    # ---------------------------------------------------------------------------------------
    def _rows(self, k: int):
        """Internal-order ``(V1, D)`` pool, active own-funded, top-up funded and arrears share
        of month ``k`` (after ``step(k, ...)``)."""
        pl = self.plan
        nd = pl.nd
        inact = self.inactive_rows(k)
        F = self.F.copy()
        F[nd:] = self.S[nd:] * _f32(self._ratio)[None, :]
        F *= self.real
        active = F * (1.0 - inact)
        pool = np.empty((self.V1, self.D), np.float32)
        pool[:nd] = self.P[:nd]
        pool[nd:] = self.share_g * _f32(pl.g_weight * self._R)[None, :]
        top = np.zeros((self.V1, self.D), np.float32)
        if self.has_top:
            pool[:nd] += self.Ft[:nd]
            top[:nd] = self.Ft[:nd]
            st = self.St[nd:].sum(axis=0)
            with np.errstate(divide="ignore", invalid="ignore"):
                r = np.where(st > 0, self._top_g / st, 0.0)
            top[nd:] = self.St[nd:] * _f32(r)[None, :]
        return pool, active, top, inact

    def _file_order(self) -> np.ndarray:
        """Internal rows in file order, then the unlisted villages."""
        inv = np.argsort(self.plan.order[:-1])
        return np.concatenate([inv, [self.V1 - 1]]).astype(int)

    def funded_rows(self, k: int) -> np.ndarray:
        """``(V1, D)`` active funded workers of each village in month ``k`` (file order, then
        the unlisted villages): own money of villages not in arrears plus the top-up. [persons]"""
        _, active, top, _ = self._rows(k)
        return (active + top)[self._file_order()]

    def snapshot(self, k: int) -> dict[str, np.ndarray]:
        """Per village (file order, then the unlisted villages) at month ``k``: medians over the
        draws of the pool, funded and top-up funded workers, the share of draws in arrears at
        the end of the month, and the places of its own money and of the top-up [persons]."""
        pl = self.plan
        pool, active, top, inact = self._rows(k)
        places = pl.K[k].astype(float)
        pool_med = np.median(pool, axis=1).astype(float)
        if pl.gap_on[k]:
            places = np.maximum(places, pool_med)
        med = {
            "pool": pool_med,
            "funded": np.median(active + top, axis=1),
            "funded_own": np.median(active, axis=1),
            "funded_topup": np.median(top, axis=1),
            "arrears_share": self.in_arrears_at_end(k).mean(axis=1),
            "places_own": places,
            "places_topup": pl.Ktop[k].astype(float) if self.has_top else np.zeros(self.V1),
        }
        rows = self._file_order()
        return {key: np.asarray(v, dtype=float)[rows] for key, v in med.items()}


def village_counts(inp: RegencyInputs) -> tuple[int, int]:
    """``(villages modelled from data, villages from assumptions)`` of a regency. [count]"""
    vr = village_rows_of(inp)
    total = int(inp.n_desa) + int(inp.n_kelurahan)
    if vr is None:
        return 0, total
    n_data = int(vr.n_from_data)
    return n_data, max(total, len(vr)) - n_data
