"""Parking supply-demand mismatch.

Demand per building: GFA x rate by use / 100 (rates per 100 m2 GFA,
Chinese city parking rules), or employees x spaces per employee; with
time-of-day profiles (ITE Journal 2018 after ULI Shared Parking) the
demand of the peak period is used and the period reported. Supply: lot
capacities.

Allocation: demand is assigned to lots within ``walk_limit_m`` over the
network (Smith & Butcher: employees walk 365-460 m), capacity-limited, as
a transportation problem solved with scipy's HiGHS: the most demand that
can be served and, for that amount, the least total walking. Public and
shared lots serve every building; a private lot only the buildings its
``serves`` names or, naming none, those of its own zone
(:mod:`plannerdesk.model.lot_access`).

A zone is a *deficit* when its demand exceeds ``target_occupancy`` (85 %,
Shoup) x the supply reachable from its buildings; a *surplus* when its own
lots are less than ``surplus_use`` used; otherwise *balanced*. The site
mismatch index is (unmet demand + idle spaces) / (demand + supply): 0 when
every demanded space is met by a used space, 1 when none is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely
from ortools.graph.python import min_cost_flow

from ..model.language import N_, tr
from ..model.lot_access import is_private, served_names
from ..model.problems import Problem
from ..model.settings import ParkingSettings
from ..network import pairs_within
from .context import NO_ZONE, Context
from .shape import SITE_ROW, ZoneTable

SPACE_PARTS = 1000  # the allocation counts thousandths of a space
WALK_PARTS = 1000  # and walks in millimetres
PROFILE_OF_USE = {"commercial": "commercial", "hotel": "commercial",
                  "cultural": "commercial"}   # other uses follow 'office'


ZONE_COLUMNS = ["zone", "supply", "demand", "reachable_supply", "served",
                "unmet", "idle", "private_supply", "mismatch_index", "flag"]


@dataclass(frozen=True)
class ParkingResult(ZoneTable):
    """Per building, per lot, per zone and site figures, and suggestions."""

    buildings: pd.DataFrame   # parking_demand, parking_served, parking_unmet
    lots: pd.DataFrame        # capacity, assigned, utilisation, idle
    zones: pd.DataFrame       # ZONE_COLUMNS, with a '(site)' row first
    suggestions: pd.DataFrame  # deficit zone -> idle lots farther away
    allocation: pd.DataFrame   # building fid, lot fid, spaces, walk_m
    peak_period: str
    problems: list[Problem]
    pairs: sp.coo_matrix       # walks (buildings x lots) a lot may serve


def demand(ctx: Context, *, parking: ParkingSettings) -> tuple[np.ndarray, str]:
    """Spaces demanded by each building (at the peak period with profiles)."""
    base = base_demand(ctx, parking=parking)
    if not parking.use_profiles or not parking.profiles:
        return base, N_("all day")  # a key in the results, like the periods
    b = ctx.buildings
    profile = b["use"].map(PROFILE_OF_USE).fillna("office").to_numpy()
    periods = list(next(iter(parking.profiles.values())))
    factors = np.array([[parking.profiles.get(p, {}).get(period, 1.0)
                         for period in periods] for p in profile]) \
        if len(profile) else np.zeros((0, len(periods)))
    by_period = base[:, None] * factors
    peak = int(np.argmax(by_period.sum(axis=0))) if len(base) else 0
    return by_period[:, peak], periods[peak]


def base_demand(ctx: Context, *, parking: ParkingSettings) -> np.ndarray:
    """Spaces each building demands at its peak: floor area x its use's
    rate, or employees x spaces per employee."""
    b = ctx.buildings
    gfa = b["gfa_m2"].fillna(0).to_numpy(dtype=float)
    if parking.demand_basis == "employees":
        staff = b["employees"].astype("Float64").to_numpy(dtype=float,
                                                         na_value=np.nan)
        staff = np.where(np.isnan(staff), gfa / parking.m2_per_employee, staff)
        base = staff * parking.spaces_per_employee
    else:
        rates = b["use"].map(parking.rates_per_100m2).astype(float)
        base = gfa * rates.fillna(parking.rates_per_100m2.get("other", 0))\
            .to_numpy() / 100
    return base


@dataclass(frozen=True)
class WalkTable:
    """Walks within a limit from every building (by feature id, at its
    place point) to every lot, kept so that the next evaluation searches
    again only from the buildings an edit moved or added."""

    fids: pd.Index
    xy: np.ndarray
    walks: sp.csr_matrix


def walk_table(ctx: Context, limit: float,
               before: WalkTable | None = None) -> WalkTable:
    """The walks (buildings x lots) within ``limit``; the rows of the
    buildings ``before`` holds at the same place are taken from it (the
    lots' places and the network's lines must be those of ``before``)."""
    points = ctx.buildings["point"].to_numpy()
    xy = np.column_stack([shapely.get_x(points), shapely.get_y(points)])
    fids = ctx.buildings.index
    fresh = np.ones(len(fids), bool)
    if before is not None:
        at = before.fids.get_indexer(fids)
        known = np.flatnonzero(at >= 0)
        fresh[known[(before.xy[at[known]] == xy[known]).all(axis=1)]] = False
    walks = _walks(ctx, limit, fresh)
    if before is not None and not fresh.all():
        kept = np.flatnonzero(~fresh)
        old, new = before.walks[at[kept]].tocoo(), walks.tocoo()
        walks = sp.csr_matrix((np.r_[old.data, new.data],
                               (np.r_[kept[old.row], new.row],
                                np.r_[old.col, new.col])), shape=walks.shape)
    return WalkTable(fids, xy, walks)


def parking_mismatch(ctx: Context, *, parking: ParkingSettings,
                     walks: WalkTable | None = None) -> ParkingResult:
    """Allocate demand to lots and report the mismatch (``walks``: the
    :func:`walk_table` within the walk limit, when known)."""
    need, peak = demand(ctx, parking=parking)
    need = np.round(need * SPACE_PARTS) / SPACE_PARTS  # as allocated
    capacity = ctx.lots["capacity"].astype("Float64").fillna(0).to_numpy(float)
    private = is_private(ctx.lots).to_numpy()
    problems = _check(ctx, capacity) + _unzoned_private(ctx, private)
    walks = walks or walk_table(ctx, parking.walk_limit_m)
    walks = permitted(ctx, private, walks.walks).tocoo()
    spaces = allocate(walks, need, capacity)
    served = np.bincount(walks.row, spaces, minlength=len(need))
    assigned = np.bincount(walks.col, spaces, minlength=len(capacity))
    buildings = pd.DataFrame({
        "parking_demand": need, "parking_served": served,
        "parking_unmet": np.round(np.maximum(need - served, 0), 6)},
        index=ctx.buildings.index)
    with np.errstate(invalid="ignore", divide="ignore"):
        lots = pd.DataFrame({
            "name": ctx.lots["name"].to_numpy(), "zone": ctx.lots["zone"],
            "capacity": capacity, "assigned": assigned,
            "utilisation": np.where(capacity > 0, assigned / capacity, np.nan),
            "idle": capacity - assigned}, index=ctx.lots.index)
    zones = _zones(ctx, buildings, lots.assign(private=private), walks,
                   parking)
    per_zone = zones[zones["zone"] != SITE_ROW]
    deficit = per_zone.loc[per_zone["flag"] == "deficit", "zone"]
    short = (buildings["parking_unmet"].to_numpy() > 1e-9) & np.isin(
        ctx.buildings["zone"].to_numpy(), deficit)
    idle = lots["idle"].to_numpy() > 0.5
    # the longer search only from the idle lots to the short buildings
    far = permitted(ctx, private, _walks(ctx, parking.search_walk_m,
                                          short, idle))
    suggestions = _suggestions(ctx, deficit, short, idle, lots, far)
    used = spaces > 0
    allocation = pd.DataFrame({
        "building": ctx.buildings.index.to_numpy()[walks.row[used]],
        "lot": ctx.lots.index.to_numpy()[walks.col[used]],
        "spaces": spaces[used], "walk_m": walks.data[used]})
    return ParkingResult(buildings, lots, zones, suggestions, allocation, peak,
                         problems, walks)


def _check(ctx: Context, capacity: np.ndarray) -> list[Problem]:
    zero = ctx.lots.index[capacity <= 0]
    if len(zero) > 3:
        listed = ", ".join(str(f) for f in zero[:10])
        if len(zero) > 10:
            listed += ", ..."
        return [Problem(
            "warning", tr("{n} lots have no capacity, so they serve no "
                          "demand (features {listed})").format(
                n=len(zero), listed=listed),
            tr("enter their numbers of spaces"), layer="parking")]
    return [Problem("warning", tr("has no capacity, so it serves no demand"),
                    tr("enter its number of spaces"), layer="parking",
                    feature=tr("feature {fid}").format(fid=fid))
            for fid in zero]


def _unzoned_private(ctx: Context, private: np.ndarray) -> list[Problem]:
    """A warning when private lots name no buildings and lie in no zone."""
    lonely = private & ctx.lots["serves"].map(served_names).isna().to_numpy() \
        & (ctx.lots["zone"].to_numpy() == NO_ZONE)
    if not lonely.any():
        return []
    return [Problem(
        "warning", tr("{n} private lot(s) name no buildings in 'serves' and "
                      "lie in no zone, so they serve only the buildings that "
                      "lie in no zone either").format(n=int(lonely.sum())),
        tr("name the buildings each serves in 'serves', or draw the zones"),
        layer="parking")]


def permitted(ctx: Context, private: np.ndarray,
               walks: sp.csr_matrix) -> sp.csr_matrix:
    """The pairs of ``walks`` (buildings x lots) whose lot may serve the
    building."""
    if not private.any():
        return walks
    coo = walks.tocoo()
    row, col = coo.row, coo.col
    allowed = ~private[col]
    named = ctx.lots["serves"].map(served_names).to_numpy()
    by_name = private[col] & pd.notna(named)[col]
    by_zone = private[col] & ~by_name
    allowed[by_zone] = ctx.buildings["zone"].to_numpy()[row[by_zone]] == \
        ctx.lots["zone"].to_numpy()[col[by_zone]]
    names = ctx.buildings["name"].to_numpy(dtype=object)
    allowed[by_name] = [isinstance(names[r], str) and names[r].strip() in
                        named[c] for r, c in zip(row[by_name], col[by_name],
                                                 strict=True)]
    return sp.csr_matrix((coo.data[allowed], (row[allowed], col[allowed])),
                         shape=walks.shape)


def _walks(ctx: Context, limit: float, buildings: np.ndarray | None = None,
           lots: np.ndarray | None = None) -> sp.csr_matrix:
    """(buildings x lots) walks within ``limit`` between the buildings and
    lots masked (all by default); straight if no network."""
    b = np.arange(len(ctx.buildings)) if buildings is None else \
        np.flatnonzero(buildings)
    lot = np.arange(len(ctx.lots)) if lots is None else np.flatnonzero(lots)
    shape = (len(ctx.buildings), len(ctx.lots))
    if not len(b) or not len(lot):
        return sp.csr_matrix(shape)
    if ctx.has_network:
        part = pairs_within(ctx.net, ctx.building_node[b], ctx.lot_node[lot],
                            limit=limit).tocoo()
        return sp.csr_matrix((part.data, (b[part.row], lot[part.col])),
                             shape=shape)
    b_pts = ctx.buildings["point"].to_numpy()[b]
    l_pts = ctx.lots["point"].to_numpy()[lot]
    i, j = shapely.STRtree(l_pts).query(b_pts, predicate="dwithin",
                                        distance=limit)
    dist = np.maximum(shapely.distance(b_pts[i], l_pts[j]), 1e-9)
    return sp.csr_matrix((dist, (b[i], lot[j])), shape=shape)


def allocate(walks: sp.coo_matrix, need: np.ndarray,
              capacity: np.ndarray) -> np.ndarray:
    """Spaces assigned to each pair of ``walks``: the most demand served
    within the walk limit, then the least walking (exact to a thousandth
    of a space and a millimetre).

    A maximum flow of least cost: source -> each building (its demand) ->
    each lot it may use (the walk per space) -> sink (the lot's capacity),
    solved by OR-tools' cost-scaling min-cost-flow solver, which grows
    with the site as the LP of the same problem did not.
    """
    n_pairs = walks.nnz
    if not n_pairs or need.sum() <= 0 or capacity.sum() <= 0:
        return np.zeros(n_pairs)
    n_buildings, n_lots = walks.shape
    demand = np.round(np.nan_to_num(need) * SPACE_PARTS).astype(np.int64)
    spaces = np.round(np.maximum(np.nan_to_num(capacity), 0)
                      * SPACE_PARTS).astype(np.int64)
    source, sink = n_buildings + n_lots, n_buildings + n_lots + 1
    lot_node = n_buildings + np.arange(n_lots)
    flow = min_cost_flow.SimpleMinCostFlow()
    pairs = flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([np.full(n_buildings, source), walks.row, lot_node]),
        np.concatenate([np.arange(n_buildings), lot_node[walks.col],
                        np.full(n_lots, sink)]),
        np.concatenate([demand, demand[walks.row], spaces]),
        np.concatenate([np.zeros(n_buildings, np.int64),
                        np.round(walks.data * WALK_PARTS).astype(np.int64),
                        np.zeros(n_lots, np.int64)]))
    flow.set_node_supply(source, int(demand.sum()))
    flow.set_node_supply(sink, -int(spaces.sum()))
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"the parking allocation found no solution "
                           f"({status.name})")
    return flow.flows(pairs[n_buildings:n_buildings + n_pairs]) / SPACE_PARTS


def _zones(ctx, buildings, lots, walks, parking) -> pd.DataFrame:
    """Supply, demand, use and flag of the site (first) and each zone."""
    b_zone = ctx.buildings["zone"].to_numpy()
    l_zone = lots["zone"].to_numpy()
    reach = walks.tocsr(copy=True)
    reach.data[:] = 1
    capacity = lots["capacity"].to_numpy()
    rows = []
    for zone in [SITE_ROW, *ctx.zones["name"]]:
        in_zone = np.ones(len(b_zone), bool) if zone == SITE_ROW else \
            b_zone == zone
        own = np.ones(len(l_zone), bool) if zone == SITE_ROW else \
            l_zone == zone
        reachable = np.asarray(reach[in_zone].sum(axis=0)).ravel() > 0
        supply = capacity[own].sum()
        used = lots["assigned"].to_numpy()[own].sum()
        need = buildings["parking_demand"].to_numpy()[in_zone].sum()
        served = buildings["parking_served"].to_numpy()[in_zone].sum()
        unmet = buildings["parking_unmet"].to_numpy()[in_zone].sum()
        reachable_supply = capacity[reachable].sum()
        flag = N_("balanced")  # keys in the results: human() shows them
        if need > parking.target_occupancy * reachable_supply:
            flag = N_("deficit")
        elif supply > 0 and used < parking.surplus_use * supply:
            flag = N_("surplus")
        rows.append({
            "zone": zone, "supply": float(supply), "demand": float(need),
            "reachable_supply": float(reachable_supply),
            "served": float(served), "unmet": float(unmet),
            "idle": float(supply - used),
            "private_supply": float(capacity[own & lots["private"]
                                              .to_numpy()].sum()),
            "mismatch_index": float((unmet + supply - used) / (need + supply))
            if need + supply > 0 else None, "flag": flag})
    return pd.DataFrame(rows, columns=ZONE_COLUMNS)


def _suggestions(ctx, deficit: pd.Series, short: np.ndarray,
                 idle: np.ndarray, lots, walks) -> pd.DataFrame:
    """For each ``deficit`` zone, the ``idle`` lots within the longer search
    walk (``walks``) of its ``short`` buildings, nearest first."""
    columns = ["zone", "lot", "idle", "distance_m"]
    if not len(deficit) or not short.any() or not idle.any() or \
            not walks.nnz:
        return pd.DataFrame(columns=columns)
    rows = []
    b_zone = ctx.buildings["zone"].to_numpy()
    for zone in deficit:
        part = walks[short & (b_zone == zone)]
        if not part.nnz:
            continue
        part = part.tocoo()
        best = pd.Series(part.data).groupby(part.col).min()
        for lot, dist in best.items():
            if idle[lot]:
                rows.append({"zone": zone, "lot": lots["name"].iloc[lot],
                             "idle": float(lots["idle"].iloc[lot]),
                             "distance_m": float(dist)})
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["zone", "distance_m"]).reset_index(drop=True)
