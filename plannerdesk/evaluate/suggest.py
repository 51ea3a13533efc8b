"""Where new places would serve the most: N facilities of a category, or
N new car parks, each with the gain it brings.

Candidates lie every ``coverage.candidate_spacing_m`` along the walkways
and walkable lines and on the edges of public spaces, on the site when
one is drawn. Each is attached to the pedestrian network as the new feature would
be, so the walks are those the evaluators will find once it is drawn.

A facility covers the buildings within its category's service walk
(``coverage.radii_m``, the coverage evaluator's walk); the buildings not
yet covered weigh their employees (floor area when the plan holds no
employee counts). New parking reaches the buildings within the walk
limit (``parking.walk_limit_m``); they weigh their unmet demand at the
peak. Choosing N candidates to cover the most weight is the maximal
covering location problem (Church & ReVelle 1974): solved exactly as an
integer program by HiGHS (scipy.optimize.milp) up to ``EXACT_PAIRS``
candidate-building pairs (and ``PROGRAM_SECONDS``), beyond by greedy
choice, at least 1 - 1/e of the best, with a bound stated: the linear
relaxation's or, when that is not solved in time, the greedy choice's
guarantee.

A car park gets the capacity of the unmet demand it is the nearest of the
chosen to serve, rounded up; its gain is what the parking allocation then
serves more, computed by the parking evaluator with the car parks added.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely
from scipy.optimize import Bounds, LinearConstraint, milp

from ..model.language import N_, tr, tr_n
from ..model.plan import Plan
from ..model.problems import UsageError
from ..model.schema import FACILITY_CATEGORIES
from ..model.settings import Settings
from ..model.words import human
from ..network import pairs_within
from .context import Context, prepare
from .memo import Memo
from .parking import parking_mismatch, walk_table

EXACT_PAIRS = 400_000   # candidate-building pairs solved exactly
MOST_CANDIDATES = 20_000  # beyond, the candidates are spaced farther apart
PROGRAM_SECONDS = 30.0    # beyond, the choice is greedy
PARKING = "parking"
ROW_COLUMNS = ["rank", "x", "y", "zone", "gain", "capacity", "buildings"]


@dataclass(frozen=True)
class Suggestions:
    """What to add and what each brings.

    ``rows``: ROW_COLUMNS, best first: where (x, y in the plan's CRS, its
    zone), the gain (employees, m² of floor area or parking spaces newly
    served, after the suggestions above it), the capacity (parking), the
    buildings it newly serves. ``before`` / ``after``: the share covered
    (facilities) or the unmet spaces (parking). ``exact``: the choice is
    the best possible; otherwise ``bound`` is the most any choice could
    gain."""

    add: str
    layer: str
    unit: str                 # English: tr() it where shown
    rows: pd.DataFrame
    before: float
    after: float
    exact: bool
    bound: float
    features: gpd.GeoDataFrame  # the features to add, one per row
    asked: int                  # how many places were asked for

    @property
    def gain(self) -> float:
        return float(self.rows["gain"].sum())


def suggest(plan: Plan, *, add: str, count: int) -> Suggestions:
    """``count`` places for ``add`` (a facility category, or ``parking``)."""
    if count < 1:
        raise UsageError(tr("--count {n}: suggest at least one place").format(
            n=count))
    if add == PARKING:
        return _parking(plan, count)
    if add not in FACILITY_CATEGORIES:
        raise UsageError(tr(
            "--add {add}: not a facility category. Fix: use parking or one "
            "of {names}").format(add=add, names=", ".join(
                FACILITY_CATEGORIES)))
    radius = plan.settings.coverage.radii_m.get(add)
    if radius is None:
        raise UsageError(tr(
            "{add} has no service radius, so no place serves more than "
            "another. Fix: give it one in the settings "
            "(coverage.radii_m.{add})").format(add=add))
    return _facilities(plan, add, float(radius), count)


def candidate_points(plan: Plan) -> np.ndarray:
    """Points every ``coverage.candidate_spacing_m`` along the walkways,
    the walkable lines and the edges of public spaces (farther apart when
    that would make more than :data:`MOST_CANDIDATES`), on the site when
    one is drawn, rounded to the metre (one per metre)."""
    lines = np.concatenate([
        plan["walkways"].geometry.to_numpy(),
        plan["public_lines"].geometry.to_numpy(),
        shapely.boundary(plan["public_areas"].geometry.to_numpy())])
    lines = lines[~(shapely.is_missing(lines) | shapely.is_empty(lines))]
    spacing = max(plan.settings.coverage.candidate_spacing_m,
                  float(shapely.length(lines).sum()) / MOST_CANDIDATES)
    points = []
    for line in shapely.get_parts(shapely.line_merge(lines)
                                  if len(lines) else lines):
        length = line.length
        steps = np.arange(0.0, length + 1e-9, spacing) if length else [0.0]
        points.append(shapely.line_interpolate_point(line, steps))
    points = np.concatenate(points) if points else np.empty(0, object)
    area = plan.site_geometry()
    if area is not None and len(points):
        points = points[shapely.covers(area, points)]
    xy = np.unique(np.round(shapely.get_coordinates(points)), axis=0)
    return shapely.points(xy)


def _facilities(plan: Plan, category: str, radius: float,
                count: int) -> Suggestions:
    memo = Memo()   # the plans with candidates prepare only what differs
    ctx = prepare(plan, memo)
    straight = plan.settings.coverage.method == "straight" or \
        not ctx.has_network
    covered = ctx.distances(category, limit=radius,
                            straight=straight) <= radius
    measure = "employees" if ctx.buildings["employees"].notna().any() \
        else "gfa_m2"
    weight = ctx.buildings[measure].astype("Float64").fillna(0) \
        .to_numpy(float)
    points = candidate_points(plan)
    reach = _reach(ctx, points, "facilities", pd.DataFrame({
        "category": category, "open": True}, index=range(len(points))),
        radius, straight, memo)
    chosen, exact, bound = max_cover(reach, np.where(covered, 0.0, weight),
                                     count)
    rows = _ranked(ctx, points, reach, chosen,
                   np.where(covered, 0.0, weight)).drop(columns="candidate")
    total = weight.sum()
    before = float(weight[covered].sum() / total) if total else 0.0
    features = gpd.GeoDataFrame({
        "name": [tr("Suggested {category} {n}").format(
            category=category, n=n + 1) for n in range(len(rows))],
        "category": category, "open": True},
        geometry=shapely.points(rows[["x", "y"]].to_numpy()), crs=plan.crs)
    unit = N_("employees") if measure == "employees" else N_("m² floor area")
    return Suggestions(category, "facilities", unit, rows, before,
                       before + (rows["gain"].sum() / total if total else 0),
                       exact, bound, features, count)


def _parking(plan: Plan, count: int) -> Suggestions:
    parking = plan.settings.parking
    memo = Memo()   # the plans with car parks prepare only what differs
    ctx = prepare(plan, memo)
    result = parking_mismatch(ctx, parking=parking)
    unmet = result.buildings["parking_unmet"].to_numpy(float)
    points = candidate_points(plan)
    reach = _reach(ctx, points, "parking", pd.DataFrame({
        "access": "public", "capacity": 0}, index=range(len(points))),
        parking.walk_limit_m, not ctx.has_network, memo)
    chosen, exact, bound = max_cover(reach, unmet, count)
    rows = _ranked(ctx, points, reach, chosen, unmet)
    # each building's unmet demand goes to the nearest chosen car park
    walks = reach[chosen].toarray()
    walks[walks == 0] = np.inf
    nearest = np.argmin(walks, axis=0)
    reached = np.isfinite(walks.min(axis=0)) if len(chosen) else \
        np.zeros(len(unmet), bool)
    capacity = np.ceil(np.bincount(nearest[reached], unmet[reached],
                                   minlength=len(chosen)) - 1e-6)
    order = {c: k for k, c in enumerate(chosen)}
    rows["capacity"] = [capacity[order[c]] for c in rows.pop("candidate")]
    rows = rows[rows["capacity"] > 0].reset_index(drop=True)
    rows["rank"] = np.arange(1, len(rows) + 1)
    features = gpd.GeoDataFrame({
        "name": [tr("Suggested car park {n}").format(n=n + 1)
                 for n in range(len(rows))],
        "capacity": rows["capacity"].astype(int).to_numpy(),
        "access": "public"},
        geometry=shapely.points(rows[["x", "y"]].to_numpy()), crs=plan.crs)
    before = float(result.site["unmet"])
    gains, last = _parking_gains(plan, features, before, memo)
    if len(gains) and (np.diff(gains) > 1e-6).any():   # best first
        order = np.argsort(-np.asarray(gains), kind="stable")
        rows, features = rows.iloc[order].reset_index(drop=True), \
            features.iloc[order].reset_index(drop=True)
        gains, last = _parking_gains(plan, features, before, memo)
    rows["gain"] = gains
    rows["rank"] = np.arange(1, len(rows) + 1)
    features["name"] = [tr("Suggested car park {n}").format(n=n + 1)
                        for n in range(len(rows))]
    return Suggestions(PARKING, "parking", N_("spaces"), rows, before, last,
                       exact, bound, features, count)


def _parking_gains(plan: Plan, features: gpd.GeoDataFrame, before: float,
                   memo: Memo) -> tuple[list[float], float]:
    """The unmet spaces each car park takes away after those above it, as
    the parking evaluator finds them, and the unmet left."""
    gains, last = [], before
    for n in range(len(features)):
        trial = plan.snapshot()
        trial.add_features("parking", features.iloc[:n + 1])
        now = float(parking_mismatch(prepare(trial, memo),
                                     parking=plan.settings.parking)
                    .site["unmet"])
        gains.append(last - now)
        last = now
    return gains, last


def _reach(ctx: Context, points: np.ndarray, layer: str,
           attributes: pd.DataFrame, limit: float,
           straight: bool, memo: Memo) -> sp.csr_matrix:
    """(candidates x buildings) walks within ``limit`` from each candidate
    added to ``layer`` (with ``attributes``) to each building: over the
    network as the evaluators walk, or straight."""
    if straight:
        centres = ctx.buildings["point"].to_numpy()
        i, j = shapely.STRtree(centres).query(points, predicate="dwithin",
                                              distance=limit)
        dist = np.maximum(shapely.distance(points[i], centres[j]), 1e-9)
        return sp.csr_matrix((dist, (i, j)),
                             shape=(len(points), len(centres)))
    trial = ctx.plan.snapshot()
    fids, _ = trial.add_features(layer, gpd.GeoDataFrame(
        attributes, geometry=points, crs=trial.crs))
    with_them = prepare(trial, memo)
    if layer == "parking":
        columns = with_them.lots.index.get_indexer(fids)
        return walk_table(with_them, limit).walks[:, columns].T.tocsr()
    return pairs_within(with_them.net, _facility_nodes(with_them, fids),
                        with_them.building_node, limit=limit)


def _facility_nodes(ctx: Context, fids: pd.Index) -> np.ndarray:
    """The network nodes of the facilities ``fids`` (candidates added)."""
    xy = shapely.get_coordinates(ctx.plan["facilities"].geometry.loc[fids]
                                 .to_numpy())
    places = ctx.net.place_node
    at = {tuple(np.round(p, 6)): n
          for n, p in zip(places, ctx.net.xy[places], strict=True)}
    return np.array([at[tuple(np.round(p, 6))] for p in xy], dtype=int)


def max_cover(reach: sp.csr_matrix, weight: np.ndarray, count: int
              ) -> tuple[np.ndarray, bool, float]:
    """The rows of ``reach`` (candidates x items, nonzero = covers) that
    together cover the most ``weight`` (an item counts once), at most
    ``count`` of them; whether the choice is exact, and the most any
    choice covers (its value when exact, else the LP bound)."""
    cover = reach.tocsc()[:, weight > 0].tocsr()
    cover.data[:] = 1.0
    w = weight[weight > 0]
    useful = np.flatnonzero(np.asarray(cover.sum(axis=1)).ravel() > 0)
    if not len(useful):
        return np.zeros(0, int), True, 0.0
    cover, w, useful = _merged(cover[useful], w, useful)
    n_c, n_i = cover.shape
    count = min(count, n_c)
    if cover.nnz <= EXACT_PAIRS:
        solved = _program(cover, w, count, integral=True)
        if solved is not None:
            return useful[np.flatnonzero(solved[0] > 0.5)], True, solved[1]
    picked = _greedy(cover, w, count)
    gained = float(w[np.unique(cover[picked].indices)].sum())
    bound = gained / (1 - 1 / np.e)   # greedy's guarantee
    relaxed = _program(cover, w, count, integral=False)
    if relaxed is not None:
        bound = min(bound, relaxed[1])
    return useful[picked], False, bound


def _merged(cover: sp.csr_matrix, w: np.ndarray, rows: np.ndarray
            ) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """The same problem, smaller: candidates covering the same items are
    one (the first stands for them), items covered by the same candidates
    one (weighing their sum)."""
    first = _first_of_each(cover.tocsr())
    cover, rows = cover[first], rows[first]
    by_item = cover.T.tocsr()
    key = _keys(by_item)
    _, item, group = np.unique(key, return_index=True, return_inverse=True)
    return (by_item[item].T.tocsr(),
            np.bincount(group.ravel(), w, minlength=len(item)), rows)


def _first_of_each(matrix: sp.csr_matrix) -> np.ndarray:
    """The first row of each set of identical rows, in order."""
    _, first = np.unique(_keys(matrix), return_index=True)
    return np.sort(first)


def _keys(matrix: sp.csr_matrix) -> np.ndarray:
    """Each row's pattern of nonzeros as one hashable value."""
    matrix.sort_indices()
    return np.array([matrix.indices[a:b].tobytes() for a, b in
                     zip(matrix.indptr[:-1], matrix.indptr[1:],
                         strict=True)], dtype=object)


def _program(cover: sp.csr_matrix, w: np.ndarray, count: int, *,
             integral: bool) -> tuple[np.ndarray, float] | None:
    """max w.y : y_i <= sum of x_c covering i, sum x = count; x binary
    (or in [0, 1]), y in [0, 1]; None when HiGHS does not solve it within
    :data:`PROGRAM_SECONDS`."""
    n_c, n_i = cover.shape
    covering = sp.hstack([-cover.T, sp.identity(n_i)]).tocsr()
    choose = sp.csr_matrix(np.r_[np.ones(n_c), np.zeros(n_i)][None, :])
    found = milp(np.r_[np.zeros(n_c), -w],
                 constraints=[LinearConstraint(covering, -np.inf, 0),
                              LinearConstraint(choose, count, count)],
                 integrality=np.r_[np.full(n_c, int(integral)),
                                   np.zeros(n_i)],
                 bounds=Bounds(0, 1),
                 options={"time_limit": PROGRAM_SECONDS})
    if found.status != 0 or found.x is None:
        return None
    return found.x[:n_c], float(-found.fun)


def _greedy(cover: sp.csr_matrix, w: np.ndarray, count: int) -> np.ndarray:
    """The candidate that adds the most uncovered weight, ``count`` times."""
    left = w.copy()
    picked: list[int] = []
    for _ in range(count):
        gains = cover @ left
        gains[picked] = -1
        best = int(np.argmax(gains))
        if gains[best] <= 0:
            break
        picked.append(best)
        left[cover[best].indices] = 0
    return np.array(picked, dtype=int)


def _ranked(ctx: Context, points: np.ndarray, reach: sp.csr_matrix,
            chosen: np.ndarray, weight: np.ndarray) -> pd.DataFrame:
    """The chosen candidates that add anything, the one adding the most
    first, each with the weight it adds after those above it and the
    buildings it newly serves (``candidate``: its row of ``reach``)."""
    left = weight.copy()
    rest, rows = list(chosen), []
    while rest:
        gains = [left[reach[c].indices].sum() for c in rest]
        best = rest.pop(int(np.argmax(gains)))
        new = reach[best].indices[left[reach[best].indices] > 0]
        if len(new):
            rows.append({"candidate": best, "gain": float(left[new].sum()),
                         "buildings": len(new)})
        left[new] = 0
    frame = pd.DataFrame(rows, columns=["candidate", "gain", "buildings"])
    at = points[frame["candidate"].to_numpy(int)]
    xy = shapely.get_coordinates(at) if len(at) else np.zeros((0, 2))
    frame.insert(0, "rank", np.arange(1, len(frame) + 1))
    frame.insert(1, "x", xy[:, 0])
    frame.insert(2, "y", xy[:, 1])
    frame.insert(3, "zone", _zone_names(ctx, at))
    frame["capacity"] = np.nan
    return frame


def _zone_names(ctx: Context, points: np.ndarray) -> list[str]:
    """The zone each point lies in ('' for none)."""
    zones = ctx.zones
    out = []
    for point in points:
        inside = zones.index[zones.geometry.covers(point)]
        out.append(str(zones.loc[inside[0], "name"]) if len(inside) else "")
    return out


def suggestion_lines(found: Suggestions, settings: Settings) -> list[str]:
    """The suggestions in words, best first, and what they bring."""
    unit = tr(found.unit)
    if found.add == PARKING:
        lines = [tr("Where new parking would serve the most unmet demand "
                    "within a {limit:,.0f} m walk, best first:").format(
            limit=settings.parking.walk_limit_m)]
        lines += [tr_n("  {rank}. at {x:.0f}, {y:.0f} ({zone}): a car park "
                       "of {capacity:,.0f} spaces serves {gain:,.0f} more "
                       "({buildings} building)",
                       "  {rank}. at {x:.0f}, {y:.0f} ({zone}): a car park "
                       "of {capacity:,.0f} spaces serves {gain:,.0f} more "
                       "({buildings} buildings)", row.buildings).format(
            **{**row._asdict(), "zone": row.zone or tr("in no zone")})
            for row in found.rows.itertuples(index=False)]
        lines.append(tr("Together: unmet parking falls from {before:,.0f} "
                        "to {after:,.0f} spaces").format(
            before=found.before, after=found.after))
    else:
        lines = [tr("Where {category} would serve the most {unit} not yet "
                    "within a {radius:,.0f} m walk of one, best first:")
                 .format(category=human(found.add), unit=unit,
                         radius=settings.coverage.radii_m[found.add])]
        lines += [tr_n("  {rank}. at {x:.0f}, {y:.0f} ({zone}): "
                       "{gain:,.0f} more {unit} ({buildings} building)",
                       "  {rank}. at {x:.0f}, {y:.0f} ({zone}): "
                       "{gain:,.0f} more {unit} ({buildings} buildings)",
                       row.buildings).format(
            unit=unit, **{**row._asdict(),
                          "zone": row.zone or tr("in no zone")})
            for row in found.rows.itertuples(index=False)]
        lines.append(tr("Together: {unit} within the walk of {category} rise "
                        "from {before:.0%} to {after:.0%}").format(
            unit=unit, category=human(found.add), before=found.before,
            after=found.after))
    if found.rows.empty:
        lines.insert(1, tr("  none: no candidate place serves anyone not "
                           "yet served"))
    elif len(found.rows) < found.asked:
        lines.insert(-1, tr_n(
            "Only {n} place serves anyone not yet served: more would serve "
            "no one new", "Only {n} places serve anyone not yet served: "
            "more would serve no one new", len(found.rows)).format(
            n=len(found.rows)))
    lines.append(tr("No other choice of places serves more.")
                 if found.exact else tr(
        "Chosen one by one (the site is too large to solve exactly); no "
        "choice could serve more than {bound:,.0f} {unit}").format(
        bound=found.bound, unit=unit))
    return lines
