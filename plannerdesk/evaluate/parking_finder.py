"""The parking finder: the lots with spare spaces at a given hour near a
destination (a building, or a point), public and shared lots only,
nearest walk first. Spare spaces are those the hour-by-hour allocation
(:mod:`.parking_hours`) leaves, so a lot full at 10:00 is not offered at
10:00."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from ..model.lot_access import is_private
from ..model.settings import Settings
from ..network.paths import walks
from .context import Context
from .parking_hours import ParkingHours

OFFER_COLUMNS = ["lot", "name", "access", "type", "spare", "walk_m",
                 "minutes"]
LEAST_SPARE = 0.5   # fewer spare spaces than this is a full lot


def find_parking(ctx: Context, hours: ParkingHours, settings: Settings, *,
                 day: str, hour: int, building: int | None = None,
                 at: tuple[float, float] | None = None) -> pd.DataFrame:
    """OFFER_COLUMNS for every public or shared lot within the search walk
    (``parking.search_walk_m``) of ``building`` (a feature id) or ``at``
    (x, y in the plan's CRS; the walk starts at the nearest node of the
    walkway network) with spare spaces at ``hour`` of ``day``."""
    limit = settings.parking.search_walk_m
    walk = _walks_from(ctx, limit, building, at)
    spare = hours.spare(day, hour).reindex(ctx.lots.index).fillna(0)
    lots = ctx.lots
    offered = (~is_private(lots).to_numpy()) & np.isfinite(walk) & \
        (walk <= limit) & (spare.to_numpy() >= LEAST_SPARE)
    offers = pd.DataFrame({
        "lot": lots.index[offered], "name": lots["name"].to_numpy()[offered],
        "access": lots["access"].to_numpy()[offered],
        "type": lots["type"].to_numpy()[offered],
        "spare": np.floor(spare.to_numpy()[offered] + 1e-6),
        "walk_m": walk[offered],
        "minutes": walk[offered] / settings.walk.speed_m_per_min},
        columns=OFFER_COLUMNS)
    return offers.sort_values(["walk_m", "lot"]).reset_index(drop=True)


def _walks_from(ctx: Context, limit: float, building: int | None,
                at: tuple[float, float] | None) -> np.ndarray:
    """The walk from the destination to each lot (inf beyond ``limit``)."""
    if building is not None:
        row = ctx.buildings.index.get_loc(building)
        if not ctx.has_network:
            return shapely.distance(ctx.buildings["point"].iloc[row],
                                    ctx.lots["point"].to_numpy())
        return walks(ctx.net, ctx.building_node[[row]], ctx.lot_node,
                     limit=limit)[0]
    point = shapely.Point(at)
    if not ctx.has_network:
        return shapely.distance(point, ctx.lots["point"].to_numpy())
    streets = ctx.net.xy[:ctx.net.n_street]
    nearest = int(np.argmin(((streets - np.asarray(at)) ** 2).sum(axis=1)))
    extra = float(np.hypot(*(streets[nearest] - np.asarray(at))))
    return walks(ctx.net, np.array([nearest]), ctx.lot_node,
                 limit=max(limit - extra, 0.0))[0] + extra
