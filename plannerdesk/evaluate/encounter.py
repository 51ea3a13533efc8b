"""Encounter potential between innovation subjects at the exchange spaces.

For each exchange space (``exchange.targets``, open or not: a facility, a
point, a linear or an area space): the people of each subject type who
reach it within ``exchange.encounter_minutes``, each weighing
exp(-walk / ``exchange.encounter_decay_m``) (the chance of meeting falls
steeply with the walk); its **encounter potential**, the pairs of people
of different types expected among them if they mixed at random,
(N² - Σ n_t²) / N; and its **flow share**: of the walking between subject
buildings of different types within ``exchange.walk_minutes`` of each
other (each pair weighing the product of their headcounts), the share
whose shortest walk can pass it (it lies on one: the walk via one of its
nodes, or via a door of a facility or point space, is as short).

Per pair of subject types: the spaces both reach within the encounter
walk (**co-accessible**) and the best of them. Per zone: the pairs of
types, one of them present in the zone, that cannot meet at any exchange
space within ``walk_minutes`` of both.

Headcount: employees, or floor area / ``parking.m2_per_employee``. The
walks are the network's (straight without one; then no flow share).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely

from ..model.settings import ExchangeSettings, ParkingSettings, WalkSettings
from ..network import pairs_within
from ..network.paths import walks
from .context import NO_ZONE, Context
from .exchange import SUBJECT_TYPES
from .shape import SITE_ROW, ZoneTable
from .walkability import headcount

ZONE_COLUMNS = ["zone", "subject_types", "type_pairs", "co_accessible_pairs",
                "pairs_unmet", "unmet_pairs", "encounter_potential",
                "best_space"]
PAIR_COLUMNS = ["type_a", "type_b", "co_accessible_spaces", "best_space",
                "best_reach", "closest_walk_m", "meet_within_limit"]
SPACE_COLUMNS = ["layer", "fid", "name", "kind", "open", "zone",
                 *(f"reach_{t}" for t in SUBJECT_TYPES), "types_within",
                 "encounter_potential", "flow_share"]
PAIR_MARK = "–"   # between two types' keys in ``unmet_pairs``


@dataclass(frozen=True)
class EncounterResult(ZoneTable):
    """Per zone (the site first), per exchange space and per pair of
    subject types present."""

    zones: pd.DataFrame    # ZONE_COLUMNS
    spaces: pd.DataFrame   # SPACE_COLUMNS
    pairs: pd.DataFrame    # PAIR_COLUMNS
    encounter_m: float     # the encounter walk
    limit_m: float         # the walk within which types can meet
    geometry: np.ndarray   # each space's, as ``spaces``


def walk_limits(exchange: ExchangeSettings, walk: WalkSettings
                ) -> tuple[float, float]:
    """The encounter walk and the walk within which types can meet (m)."""
    near = exchange.encounter_minutes * walk.speed_m_per_min
    return near, max(exchange.walk_minutes * walk.speed_m_per_min, near)


def subject_walks(ctx: Context, *, exchange: ExchangeSettings,
                  walk: WalkSettings) -> sp.csr_matrix:
    """Walks within the meeting limit between subject buildings of
    different types (upper triangle, by their order among the subject
    buildings): what depends on the subjects' buildings alone."""
    subject = ctx.buildings["subject"].fillna("none").to_numpy()
    mine = np.flatnonzero(np.isin(subject, SUBJECT_TYPES))
    return _between(ctx, mine, subject[mine],
                    walk_limits(exchange, walk)[1])


def encounter(ctx: Context, *, exchange: ExchangeSettings,
              walk: WalkSettings, parking: ParkingSettings,
              between: sp.csr_matrix | None = None) -> EncounterResult:
    """Encounter potential of every exchange space, pair and zone
    (``between``: :func:`subject_walks` of the same buildings, when
    known)."""
    near, limit = walk_limits(exchange, walk)
    subject = ctx.buildings["subject"].fillna("none").to_numpy()
    mine = np.flatnonzero(np.isin(subject, SUBJECT_TYPES))
    kinds, people = subject[mine], headcount(
        ctx.buildings, parking.m2_per_employee)[mine]
    b_zone = ctx.buildings["zone"].to_numpy()[mine]
    places = ctx.places_reached
    exchange_rows = np.flatnonzero(places.frame["kind"].isin(
        exchange.targets).to_numpy())
    spaces = places.frame.iloc[exchange_rows].reset_index(drop=True)
    found = _walks(ctx, mine, exchange_rows, limit)
    walk_to = found.to_space
    decayed = np.where(walk_to <= near, people[:, None] * np.exp(
        -walk_to / exchange.encounter_decay_m), 0.0)
    present = [t for t in SUBJECT_TYPES if (kinds == t).any()]
    reach = pd.DataFrame({f"reach_{t}": decayed[kinds == t].sum(axis=0)
                          for t in SUBJECT_TYPES})
    n = reach.to_numpy()
    total = n.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        potential = np.where(total > 0, (total ** 2 - (n ** 2).sum(axis=1))
                             / total, 0.0)
    if between is None:
        between = _between(ctx, mine, kinds, limit)
    flow = _flow_shares(ctx, kinds, people, found, limit, between)
    spaces = pd.concat([
        spaces[["layer", "fid", "name", "kind", "open"]],
        pd.DataFrame({"zone": _zones_of(ctx, spaces.geometry.to_numpy())
                      if len(spaces) else []}),
        reach, pd.DataFrame({
            "types_within": (n > 0).sum(axis=1) if len(spaces) else [],
            "encounter_potential": potential, "flow_share": flow})],
        axis=1)[SPACE_COLUMNS]
    within_limit = walk_to <= limit
    pairs = _pairs(present, kinds, spaces, within_limit, between)
    zones = _zone_rows(ctx, present, kinds, b_zone, spaces, within_limit)
    return EncounterResult(zones, spaces, pairs, near, limit,
                           places.frame["geometry"].to_numpy()[exchange_rows])


@dataclass(frozen=True)
class _Walks:
    """Walks from the subject buildings: to each exchange space (its
    nearest node) and to each street node a walk can pass it at."""

    to_space: np.ndarray          # (buildings x spaces), inf beyond
    doors: list[np.ndarray]       # per space, columns of ``to_door``
    to_door: np.ndarray           # (buildings x door nodes)


def _walks(ctx: Context, buildings: np.ndarray, rows: np.ndarray,
           limit: float) -> _Walks:
    """One search from the subject buildings to every node of the
    exchange spaces and their doors (:func:`_doors`), within ``limit``."""
    places = ctx.places_reached
    empty = np.full((len(buildings), len(rows)), np.inf)
    if not len(buildings) or not len(rows):
        return _Walks(empty, [np.zeros(0, int)] * len(rows),
                      np.zeros((len(buildings), 0)))
    if not ctx.has_network:
        points = ctx.buildings["point"].to_numpy()[buildings]
        geoms = places.frame["geometry"].to_numpy()[rows]
        dist = shapely.distance(points[:, None], geoms[None, :])
        return _Walks(np.where(dist <= limit, dist, np.inf),
                      [np.zeros(0, int)] * len(rows),
                      np.zeros((len(buildings), 0)))
    pick = np.isin(places.row, rows)
    row, node = places.row[pick], places.node[pick]
    doors = _doors(ctx, rows)
    nodes, back = np.unique(np.concatenate([node, *doors]),
                            return_inverse=True)
    found = walks(ctx.net, ctx.building_node[buildings], nodes, limit=limit)
    own = back[:len(node)]
    to_space = empty.copy()
    np.minimum.at(to_space.T, np.searchsorted(rows, row), found[:, own].T)
    cuts = np.cumsum([len(d) for d in doors])[:-1]
    return _Walks(to_space, np.split(back[len(node):], cuts), found)


def _between(ctx: Context, buildings: np.ndarray, kinds: np.ndarray,
             limit: float) -> sp.csr_matrix:
    """Walks within ``limit`` between subject buildings of different
    types (upper triangle)."""
    if not ctx.has_network or len(buildings) < 2:
        points = ctx.buildings["point"].to_numpy()[buildings]
        i, j = shapely.STRtree(points).query(points, predicate="dwithin",
                                             distance=limit) \
            if len(points) else (np.zeros(0, int), np.zeros(0, int))
        keep = (i < j) & (kinds[i] != kinds[j])
        dist = np.maximum(shapely.distance(points[i[keep]], points[j[keep]]),
                          1e-9)
        return sp.csr_matrix((dist, (i[keep], j[keep])),
                             shape=(len(buildings),) * 2)
    node = ctx.building_node[buildings]
    found = sp.triu(pairs_within(ctx.net, node, node, limit=limit), k=1)
    found = found.tocoo()
    keep = kinds[found.row] != kinds[found.col]
    return sp.csr_matrix((found.data[keep], (found.row[keep],
                                             found.col[keep])),
                         shape=found.shape)


def _flow_shares(ctx: Context, kinds: np.ndarray, people: np.ndarray,
                 found: _Walks, limit: float,
                 between: sp.csr_matrix) -> np.ndarray:
    """Per exchange space, the share of the headcount-weighted walking
    between subjects of different types that can pass it."""
    out = np.full(len(found.doors), np.nan)
    pairs = between.tocoo()
    whole = (people[pairs.row] * people[pairs.col]).sum()
    if not ctx.has_network or whole <= 0:
        return out
    for k, doors in enumerate(found.doors):
        close = np.flatnonzero(found.to_space[:, k] <= limit)
        sub = between[close][:, close].tocoo() if len(close) > 1 else None
        if sub is None or not sub.nnz or not len(doors):
            out[k] = 0.0
            continue
        via = found.to_door[np.ix_(close, doors)]
        best = np.min(via[sub.row] + via[sub.col], axis=1)
        passes = best <= sub.data + 1e-6
        out[k] = float((people[close][sub.row[passes]]
                        * people[close][sub.col[passes]]).sum() / whole)
    return out


def _doors(ctx: Context, rows: np.ndarray) -> list[np.ndarray]:
    """Per space, the street nodes a walk passes it at: its nodes on the
    streets, and for a place (a facility, a point space) the street nodes
    its connectors join."""
    net, places = ctx.net, ctx.places_reached
    out = []
    for row in rows:
        nodes = places.node[places.row == row]
        place = nodes >= net.n_street
        joined = net.attach_street[np.isin(net.attach_place, nodes[place])]
        out.append(np.unique(np.concatenate([nodes[~place], joined])))
    return out


def _zones_of(ctx: Context, geoms: np.ndarray) -> list[str]:
    """The zone holding most of each geometry (a point: the zone it lies
    in; a line: most of its length; an area: most of its area), NO_ZONE
    for none."""
    zones = ctx.zones.geometry.to_numpy()
    names = ctx.zones["name"].to_numpy()
    out = []
    for geom in geoms:
        if geom is None or not len(zones):
            out.append(NO_ZONE)
            continue
        dim = shapely.get_dimensions(geom)
        share = shapely.intersection(geom, zones)
        size = shapely.area(share) if dim == 2 else shapely.length(share) \
            if dim == 1 else shapely.covers(zones, geom).astype(float)
        out.append(str(names[int(np.argmax(size))]) if size.max() > 0
                   else NO_ZONE)
    return out


def _pairs(present: list[str], kinds: np.ndarray, spaces: pd.DataFrame,
           within_limit: np.ndarray, between: sp.csr_matrix) -> pd.DataFrame:
    """One row per pair of types present on the site."""
    rows = []
    coo = between.tocoo()
    reach = {t: spaces[f"reach_{t}"].to_numpy() for t in present}
    near = {t: within_limit[kinds == t].any(axis=0) for t in present}
    ends = kinds[coo.row], kinds[coo.col]
    for a, b in combinations(present, 2):
        score = np.sqrt(reach[a] * reach[b])
        shared = int((score > 0).sum())
        best = int(np.argmax(score)) if shared else None
        pick = ((ends[0] == a) & (ends[1] == b)) | \
            ((ends[0] == b) & (ends[1] == a))
        rows.append({
            "type_a": a, "type_b": b, "co_accessible_spaces": shared,
            "best_space": _space_name(spaces, best),
            "best_reach": float(score[best]) if best is not None else 0.0,
            "closest_walk_m": float(coo.data[pick].min()) if pick.any()
            else None, "meet_within_limit": bool((near[a] & near[b]).any())})
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _space_name(spaces: pd.DataFrame, row: int | None) -> str | None:
    """A space's name, else its kind and fid."""
    if row is None:
        return None
    name = spaces.loc[row, "name"]
    return str(name) if isinstance(name, str) and name.strip() else \
        f"{spaces.loc[row, 'kind']} {spaces.loc[row, 'fid']}"


def _zone_rows(ctx: Context, present: list[str], kinds: np.ndarray,
               b_zone: np.ndarray, spaces: pd.DataFrame,
               within_limit: np.ndarray) -> pd.DataFrame:
    """The site's row, then one per zone."""
    anywhere = {t: within_limit[kinds == t].any(axis=0) for t in present}
    reached = {t: spaces[f"reach_{t}"].to_numpy() > 0 for t in present}
    potential = spaces["encounter_potential"].to_numpy()
    space_zone = spaces["zone"].to_numpy()
    rows = []
    for zone in [SITE_ROW, *ctx.zones["name"]]:
        home = np.ones(len(kinds), bool) if zone == SITE_ROW else \
            b_zone == zone
        mine = {t: within_limit[home & (kinds == t)].any(axis=0)
                for t in present}
        here = [t for t in present if (kinds[home] == t).any()]
        inside = np.ones(len(spaces), bool) if zone == SITE_ROW else \
            space_zone == zone
        pairs = [(a, b) for a, b in combinations(present, 2)
                 if a in here or b in here]
        unmet = [f"{a}{PAIR_MARK}{b}" for a, b in pairs if not (
            (mine[a] & anywhere[b]) | (mine[b] & anywhere[a])).any()]
        co = sum(bool((reached[a] & reached[b] & inside).any())
                 for a, b in pairs)
        best = int(np.flatnonzero(inside)[np.argmax(potential[inside])]) \
            if inside.any() and potential[inside].max() > 0 else None
        rows.append({
            "zone": zone, "subject_types": len(here),
            "type_pairs": len(pairs), "co_accessible_pairs": co,
            "pairs_unmet": len(unmet), "unmet_pairs": "; ".join(unmet),
            "encounter_potential": float(potential[inside].sum()),
            "best_space": _space_name(spaces, best)})
    return pd.DataFrame(rows, columns=ZONE_COLUMNS)
