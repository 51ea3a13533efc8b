"""Walkability: walks to every target, a 0-100 walk score per building, and
the site score weighted by employees.

Walk score (after the Walk Score methodology, as widely reproduced): each
category (grocery, restaurants, shopping, coffee, bank, park, school,
books, entertainment) has a list of weights, the k-th weight going to the
k-th nearest amenity of that category. A weight counts in full up to
``decay_full_m`` (400 m) and falls linearly to nothing at ``decay_zero_m``
(2,400 m, a 30-minute walk). The score is 100 x the weights earned over all
weights available; categories missing from the plan earn nothing. The site
score weights buildings by employees, or by GFA / m2 per employee where the
employee count is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from ..model.language import tr
from ..model.settings import ParkingSettings, WalkSettings
from ..network import k_nearest
from .context import Context
from .map_classes import band_name
from .shape import SITE_ROW, ZoneTable

ZONE_COLUMNS = ["zone", "buildings", "walk_score", "band"]


@dataclass(frozen=True)
class WalkResult(ZoneTable):
    """Per-building walks and scores, per-zone and site scores."""

    buildings: pd.DataFrame   # dist_<target>_m, walk_min_<target>, walk_score
    zones: pd.DataFrame       # ZONE_COLUMNS, with a '(site)' row first

    @property
    def score(self) -> float | None:
        """The site's walk score, weighted by employees."""
        return self.site["walk_score"]

    @property
    def band(self) -> str:
        return self.site["band"]


def weighted_by(buildings: pd.DataFrame) -> str:
    """How the site score weights the buildings, in words (in the current
    language)."""
    known = buildings["employees"].notna()
    if len(known) and known.all():
        return tr("employees")
    return tr("employees (floor area where unknown)") if known.any() else \
        tr("floor area (the plan holds no employee counts)")


def headcount(buildings: pd.DataFrame, m2_per_employee: float
              ) -> np.ndarray:
    """Each building's employees, or its floor area / ``m2_per_employee``
    where the count is missing."""
    staff = buildings["employees"].astype("Float64").to_numpy(
        dtype=float, na_value=np.nan)
    return np.where(np.isnan(staff), buildings["gfa_m2"].fillna(0)
                    .to_numpy(dtype=float) / m2_per_employee, staff)


def decay(distance: np.ndarray, *, full_m: float, zero_m: float) -> np.ndarray:
    """1 up to ``full_m``, falling linearly to 0 at ``zero_m``."""
    return np.clip((zero_m - distance) / (zero_m - full_m), 0.0, 1.0)


def walkability(ctx: Context, *, walk: WalkSettings,
                parking: ParkingSettings) -> WalkResult:
    """Walks (m, min) to each target and walk scores for every building."""
    columns = {}
    for target in sorted(set(ctx.targets) | set(ctx.closed_targets.nodes)):
        dist = ctx.distances(target, limit=walk.decay_zero_m)
        columns[f"dist_{target}_m"] = np.where(np.isfinite(dist), dist, np.nan)
        columns[f"walk_min_{target}"] = columns[f"dist_{target}_m"] / \
            walk.speed_m_per_min
    table = pd.DataFrame(columns, index=ctx.buildings.index)
    table["walk_score"] = _scores(ctx, walk)
    weight = headcount(ctx.buildings, parking.m2_per_employee)
    zones = _zone_scores(ctx, table["walk_score"].to_numpy(), weight,
                         walk.bands)
    return WalkResult(table, zones)


def _zone_scores(ctx: Context, scores: np.ndarray, weight: np.ndarray,
                 bands: list[float]) -> pd.DataFrame:
    """Scores weighted by employees per zone, the site's first; NaN where
    a zone has no weight."""
    zone = ctx.buildings["zone"].to_numpy()
    rows = []
    for name in [SITE_ROW, *ctx.zones["name"]]:
        inside = np.ones(len(zone), bool) if name == SITE_ROW else \
            zone == name
        score = float(np.average(scores[inside], weights=weight[inside])) \
            if weight[inside].sum() > 0 else None
        rows.append({"zone": name, "buildings": int(inside.sum()),
                     "walk_score": score,
                     "band": band_name(score, bands)})
    return pd.DataFrame(rows, columns=ZONE_COLUMNS)


def _scores(ctx: Context, walk: WalkSettings) -> np.ndarray:
    earned = np.zeros(len(ctx.buildings))
    available = 0.0
    for category, weights in walk.weights.items():
        available += sum(weights)
        sources = [ctx.targets[t] for t in walk.category_targets.get(
            category, []) if t in ctx.targets]
        if not sources:
            continue
        dists = _nearest_k(ctx, np.unique(np.concatenate(sources)),
                           len(weights), walk.decay_zero_m)
        earned += decay(dists, full_m=walk.decay_full_m,
                        zero_m=walk.decay_zero_m) @ np.asarray(weights)
    return 100.0 * earned / available if available else earned


def _nearest_k(ctx: Context, sources: np.ndarray, k: int,
               limit: float) -> np.ndarray:
    """(buildings x k) walks to the k nearest sources, straight if no net."""
    if k == 1:
        return ctx.nearest_walk(sources, limit=limit)[:, None]
    if ctx.has_network:
        return k_nearest(ctx.net, sources, ctx.building_node, k, limit=limit)
    points = ctx.buildings["point"].to_numpy()
    targets = shapely.points(ctx.net.xy[sources])
    b, t = shapely.STRtree(targets).query(points, predicate="dwithin",
                                          distance=limit)
    dist = shapely.distance(points[b], targets[t])
    order = np.lexsort((dist, b))
    b, dist = b[order], dist[order]
    rank = np.arange(len(b)) - np.searchsorted(b, b)
    out = np.full((len(points), k), np.inf)
    keep = rank < k
    out[b[keep], rank[keep]] = dist[keep]
    return out
