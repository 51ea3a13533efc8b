"""The parking finder: the lots with spare spaces at a given hour near a
destination (a building, or a point), public and shared lots only,
nearest walk first. Spare spaces are those the hour-by-hour allocation
(:mod:`.parking_hours`) leaves, so a lot full at 10:00 is not offered at
10:00."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from ..model.language import tr
from ..model.lot_access import is_private
from ..model.settings import Settings
from ..network.paths import walks
from ..network.routes import routes
from .context import Context
from .parking_hours import ParkingHours

OFFER_COLUMNS = ["lot", "name", "access", "type", "spare", "walk_m",
                 "minutes"]
LEAST_SPARE = 0.5   # fewer spare spaces than this is a full lot


def find_parking(ctx: Context, hours: ParkingHours, settings: Settings, *,
                 day: str, hour: int, building: int | None = None,
                 at: tuple[float, float] | None = None,
                 routes: bool = False) -> pd.DataFrame:
    """OFFER_COLUMNS for every public or shared lot within the search walk
    (``parking.search_walk_m``) of ``building`` (a feature id) or ``at``
    (x, y in the plan's CRS; the walk starts at the nearest node of the
    walkway network) with spare spaces at ``hour`` of ``day``; with
    ``routes``, a ``route`` column holds each walk as a LineString (a
    straight line without a network). ``attrs`` say why none may be
    offered: ``within`` (public or shared lots within the walk, full or
    not) and ``to_network_m`` (the straight walk from ``at`` to the
    network)."""
    limit = settings.parking.search_walk_m
    origin = _origin(ctx, building, at)
    walk = _walks_from(ctx, origin, limit)
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
    if routes:
        offers["route"] = _routes(ctx, origin, np.flatnonzero(offered),
                                  limit)
    offers = offers.sort_values(["walk_m", "lot"]).reset_index(drop=True)
    offers.attrs.update(within=int(((~is_private(lots).to_numpy())
                                    & (walk <= limit)).sum()),
                        to_network_m=origin.extra)
    return offers


def none_offered(offers: pd.DataFrame, limit: float) -> str:
    """Why :func:`find_parking` offered no lot, in words."""
    if offers.attrs.get("within"):
        return tr("every public or shared lot within {limit:,.0f} m is full "
                  "at that hour").format(limit=limit)
    if offers.attrs.get("to_network_m", 0) > limit:
        return tr("the place is {metres:,.0f} m from the nearest walkway, "
                  "beyond the {limit:,.0f} m search: pick a place in the "
                  "plan").format(metres=offers.attrs["to_network_m"],
                                 limit=limit)
    return tr("no public or shared lot is within a {limit:,.0f} m "
              "walk").format(limit=limit)


@dataclass(frozen=True)
class _Origin:
    """Where a search starts: a network node (-1: no network), the
    straight walk to it from ``xy``, and ``xy`` itself."""

    node: int
    extra: float
    xy: np.ndarray


def _origin(ctx: Context, building: int | None,
            at: tuple[float, float] | None) -> _Origin:
    if building is not None:
        row = ctx.buildings.index.get_loc(building)
        xy = np.asarray(ctx.buildings["point"].iloc[row].coords[0])
        node = int(ctx.building_node[row]) if ctx.has_network else -1
        return _Origin(node, 0.0, xy)
    xy = np.asarray(at, dtype=float)
    if not ctx.has_network:
        return _Origin(-1, 0.0, xy)
    streets = ctx.net.xy[:ctx.net.n_street]
    nearest = int(np.argmin(((streets - xy) ** 2).sum(axis=1)))
    return _Origin(nearest, float(np.hypot(*(streets[nearest] - xy))), xy)


def _walks_from(ctx: Context, origin: _Origin, limit: float) -> np.ndarray:
    """The walk from the destination to each lot (inf beyond ``limit``)."""
    if origin.node < 0:
        return shapely.distance(shapely.Point(origin.xy),
                                ctx.lots["point"].to_numpy())
    return walks(ctx.net, np.array([origin.node]), ctx.lot_node,
                 limit=max(limit - origin.extra, 0.0))[0] + origin.extra


def _routes(ctx: Context, origin: _Origin, lots: np.ndarray,
            limit: float) -> list[shapely.LineString]:
    """The walk from ``origin`` to each of ``lots`` (rows) as a line."""
    ends = shapely.get_coordinates(ctx.lots["point"].to_numpy()[lots])
    if origin.node < 0:
        return [shapely.LineString([origin.xy, end]) for end in ends]
    found = routes(ctx.net, origin.node, ctx.lot_node[lots],
                   limit=max(limit - origin.extra, 0.0))
    return [None if path is None else shapely.LineString(
        path if np.array_equal(path[0], origin.xy) else
        np.vstack([origin.xy, path])) for path in found]
